// A chart drawn by the backend as SVG, shown safely under the strict CSP: parsed as XML,
// scripts, event handlers and style attributes dropped, imported into the page, scaled to the
// container's width. Errors are shown in words where the chart would be.

import { api, normaliseError } from "./api";
import type { ChartKind, ChartRange, ChartRequest, SaveFormat } from "./bindings";
import { h, replace } from "./dom";
import { chartSize } from "./plan-form";
import { effectiveTheme } from "./theme";

export type ChartView = {
  el: HTMLElement;
  /** The size to ask for, from the frame's current width. */
  size(ratio?: number): { width: number; height: number };
  show(svg: string, summary: string): void;
  showError(message: string): void;
  /** A calm note where the chart will be (nothing to draw yet). */
  note(message: string): void;
  loading(): void;
  /** The accessible summary of what is shown, or "" when nothing is. */
  summary(): string;
};

const DROP_ELEMENTS = new Set(["script", "foreignObject", "iframe", "object", "embed", "style"]);

/** Parses the backend's SVG into a detached, safe <svg> element of this document, or null. */
export function importSvg(svgText: string, label: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.localName !== "svg" || doc.getElementsByTagName("parsererror").length > 0) return null;
  for (const el of Array.from(root.querySelectorAll("*"))) {
    if (DROP_ELEMENTS.has(el.localName)) {
      el.remove();
      continue;
    }
    clean(el);
  }
  clean(root);
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  const w = parseFloat(svg.getAttribute("width") ?? "");
  const ht = parseFloat(svg.getAttribute("height") ?? "");
  if (!svg.hasAttribute("viewBox") && w > 0 && ht > 0) svg.setAttribute("viewBox", `0 0 ${w} ${ht}`);
  svg.setAttribute("width", "100%");
  svg.removeAttribute("height");
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("focusable", "false");
  svg.classList.add("chart-svg");
  return svg;
}

function clean(el: Element): void {
  for (const a of Array.from(el.attributes)) {
    const name = a.name.toLowerCase();
    const value = a.value.trim().toLowerCase();
    if (name.startsWith("on") || name === "style") el.removeAttribute(a.name);
    else if ((name === "href" || name === "xlink:href") && !value.startsWith("#")) el.removeAttribute(a.name);
  }
}

export function createChartView(id: string, emptyLabel = "Chart"): ChartView {
  const frame = h("div", { id, class: "chart-frame", "aria-busy": "true" });
  let current = "";

  function message(text: string, cls: string): void {
    current = "";
    replace(frame, h("p", { class: `chart-message ${cls}`, role: cls === "error" ? "alert" : null }, text));
  }

  return {
    el: frame,
    size(ratio = 0.45) {
      return chartSize(frame.clientWidth, ratio);
    },
    show(svgText, summary) {
      const svg = importSvg(svgText, summary || emptyLabel);
      frame.removeAttribute("aria-busy");
      if (!svg) {
        message("This chart could not be drawn. Try again, or choose another range.", "error");
        return;
      }
      current = summary;
      replace(frame, svg);
    },
    showError(text) {
      frame.removeAttribute("aria-busy");
      message(text, "error");
    },
    note(text) {
      frame.removeAttribute("aria-busy");
      message(text, "muted");
    },
    loading() {
      frame.setAttribute("aria-busy", "true");
      if (!frame.firstChild) message("Drawing the chart…", "muted");
    },
    summary: () => current,
  };
}

/** Draws one chart kind into `view`; stale answers (a newer request was made) are dropped. */
export class ChartLoader {
  private seq = 0;
  /** The last chart drawn had nothing to show: its short message stands in its place. */
  empty = false;
  constructor(
    readonly kind: ChartKind,
    readonly view: ChartView,
    private readonly ratio = 0.45,
  ) {}

  /** An empty chart's card shows its message alone: its Save buttons are hidden. */
  private markEmpty(): void {
    const card = this.view.el.closest(".chart-card");
    if (!card) return;
    card.classList.toggle("chart-empty", this.empty);
    for (const actions of Array.from(card.querySelectorAll<HTMLElement>(".chart-actions"))) actions.hidden = this.empty;
  }

  request(range: ChartRange): ChartRequest {
    const { width, height } = this.view.size(this.ratio);
    return { kind: this.kind, range, theme: effectiveTheme(), width, height };
  }

  /** Resolves to the chart's title, or null on error (the error is shown in the chart area). */
  async load(range: ChartRange): Promise<string | null> {
    const seq = ++this.seq;
    this.view.loading();
    try {
      const img = await api.getChart(this.request(range));
      if (seq !== this.seq) return null;
      // Nothing to show: a short message instead of a large blank chart.
      this.empty = img.message !== null;
      if (img.message !== null) this.view.note(img.message);
      else this.view.show(img.svg, img.summary);
      this.markEmpty();
      return img.title;
    } catch (e) {
      if (seq !== this.seq) return null;
      this.empty = false;
      this.markEmpty();
      this.view.showError(normaliseError(e).message);
      return null;
    }
  }
}

/** "Save as PNG" and "Save as SVG" for a chart; the backend asks where, files are light. */
export function saveButtons(
  idPrefix: string,
  what: string,
  request: () => ChartRequest,
  saved: (path: string) => void,
  say: (text: string) => void,
): HTMLElement {
  const make = (format: SaveFormat, label: string) => {
    const b = h(
      "button",
      { id: `${idPrefix}-save-${format}`, type: "button", class: "button small", "aria-label": `Save as ${label}: the ${what} chart` },
      `Save as ${label}`,
    );
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const path = await api.saveChart(request(), format);
        if (path) saved(path);
      } catch (e) {
        say(normaliseError(e).message);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  return h("div", { class: "chart-actions", role: "group", "aria-label": `Save the ${what} chart` }, make("png", "PNG"), make("svg", "SVG"));
}
