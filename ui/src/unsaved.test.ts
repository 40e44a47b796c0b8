import { describe, expect, it } from "vitest";
import type { ApiError } from "./bindings";
import { clearFormError, isSaveFailure, saveState, showFormError } from "./unsaved";

/** Just what the helpers touch: text, hidden and classes (the tests run without a DOM). */
function fake<T>(text: string): T {
  const classes = new Set<string>();
  const classList = {
    toggle: (c: string, on: boolean) => (on ? classes.add(c) : classes.delete(c), on),
    remove: (c: string) => void classes.delete(c),
    contains: (c: string) => classes.has(c),
  };
  return { textContent: text, hidden: true, classList } as unknown as T;
}

const err = (code: ApiError["code"], field: string | null = null): ApiError => ({ code, message: "The disk is full.", field });

describe("unsaved entries", () => {
  it("treats trouble with the diary as a failed save, and the entry's own faults as not", () => {
    for (const code of ["storage", "locked", "corrupt", "internal"] as const) expect(isSaveFailure(err(code))).toBe(true);
    expect(isSaveFailure(err("read_only"))).toBe(false);
    expect(isSaveFailure(err("invalid", "amount"))).toBe(false);
    expect(isSaveFailure(err("invalid"))).toBe(false);
    expect(isSaveFailure(err("needs_confirmation", "amount"))).toBe(false);
    expect(isSaveFailure(err("not_found"))).toBe(false);
  });

  it("marks the form unsaved with Retry, and puts Save back when cleared", () => {
    const message = fake<HTMLElement>("");
    const save = fake<HTMLButtonElement>("Save check-in");
    const s = saveState(message, save);
    showFormError(s, err("storage"));
    expect(message.hidden).toBe(false);
    expect(message.textContent).toBe("Not saved. The disk is full.");
    expect(message.classList.contains("unsaved")).toBe(true);
    expect(save.textContent).toBe("Retry");
    showFormError(s, err("invalid"));
    expect(message.textContent).toBe("The disk is full.");
    expect(save.textContent).toBe("Save check-in");
    showFormError(s, err("locked"));
    clearFormError(s);
    expect(message.hidden).toBe(true);
    expect(message.classList.contains("unsaved")).toBe(false);
    expect(save.textContent).toBe("Save check-in");
  });
});
