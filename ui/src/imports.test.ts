// The modules' import graph: no cycles (type-only imports count too), and only main.ts imports
// app.ts, the composition root. Screens and dialogs get what they need as an AppContext.

import { describe, expect, it } from "vitest";

/** Every module's text, by file name ("./app.ts"), read by Vite as it is on disk. */
const SOURCES = import.meta.glob<string>("./*.ts", { query: "?raw", import: "default", eager: true });

/** Source without comments (string contents are kept: the specifiers are strings). */
function stripComments(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === '"' || c === "'" || c === "`") {
      const start = i++;
      while (i < source.length && source[i] !== c) i += source[i] === "\\" ? 2 : 1;
      out += source.slice(start, ++i);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The relative modules a file imports: `import … from "./x"`, `import "./x"`,
 * `import type … from "./x"`, `export … from "./x"` and `import("./x")`.
 */
function importsOf(source: string): string[] {
  const code = stripComments(source);
  const found = new Set<string>();
  const patterns = [
    /(?:^|[;\n}])\s*(?:import|export)\s+(?:type\s+)?[^;"'`]*?\bfrom\s*["']([^"']+)["']/g,
    /(?:^|[;\n}])\s*import\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const spec = m[1];
      if (!spec.startsWith("./")) continue;
      found.add(spec.slice(2).replace(/\.(ts|js)$/, ""));
    }
  }
  return [...found].sort();
}

/** The first cycle found in `graph`, as a path that starts and ends with the same module. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to)) continue;
      const s = state.get(to);
      if (s === "open") return [...stack.slice(stack.indexOf(to)), to];
      if (s === undefined) {
        const cycle = visit(to);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

function sourceGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, source] of Object.entries(SOURCES).sort()) {
    graph.set(file.replace(/^\.\//, "").replace(/\.ts$/, ""), importsOf(source));
  }
  return graph;
}

describe("import statements", () => {
  it("are all read", () => {
    const source = [
      'import "./styles.css";',
      'import { a, b } from "./one";',
      "import type { C } from './two';",
      "import {\n  d,\n  type E,\n} from \"./three.ts\";",
      'export { f } from "./four";',
      'export * from "./five";',
      'const g = await import("./six");',
      'import { invoke } from "@tauri-apps/api/core";',
      '// import { x } from "./commented";',
      '/* import { y } from "./also-commented"; */',
      'const text = "import { z } from \\"./in-a-string\\"";',
    ].join("\n");
    expect(importsOf(source)).toEqual(["five", "four", "one", "six", "styles.css", "three", "two"]);
  });

  it("a cycle is found and named", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
    ]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["a", ["b"]], ["b", []]]))).toBeNull();
    expect(findCycle(new Map([["a", ["a"]]]))).toEqual(["a", "a"]);
  });
});

describe("ui/src", () => {
  const graph = sourceGraph();

  it("has modules to check", () => {
    expect(graph.get("app")).toContain("today-screen");
    expect(graph.get("main")).toContain("app");
  });

  it("has no import cycle", () => {
    const cycle = findCycle(graph);
    expect(cycle === null ? "no cycle" : `import cycle: ${cycle.map((m) => `${m}.ts`).join(" -> ")}`).toBe("no cycle");
  });

  it("imports app.ts only from main.ts", () => {
    const importers = [...graph].filter(([, imports]) => imports.includes("app")).map(([m]) => `${m}.ts`);
    expect(importers).toEqual(["main.ts"]);
  });
});
