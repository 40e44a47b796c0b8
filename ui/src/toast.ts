// The one toast: a short message, optionally with Undo. Visible about 8 s, but never
// dismissed on its own while it has focus or the pointer is over it.

import { h } from "./dom";

export const TOAST_MS = 8000;

export type Toast = {
  el: HTMLElement;
  /**
   * `undo` is the toast's one action, named `label` ("Undo" unless said). With `undoable`
   * false it is another kind of action ("Show in folder"), which Ctrl+Z does not run.
   */
  show(message: string, undo?: () => Promise<void> | void, label?: string, undoable?: boolean): void;
  /** Run the current Undo (Ctrl+Z). False when there is none. */
  undo(): boolean;
  hide(): void;
};

export function createToast(): Toast {
  const message = h("p", { id: "toast-message" });
  const undoBtn = h("button", { id: "toast-undo", type: "button", class: "button ghost", hidden: true }, "Undo");
  const el = h("div", { id: "toast", class: "toast", role: "status", "aria-live": "polite" }, message, undoBtn);

  let undoFn: (() => Promise<void> | void) | null = null;
  let canUndo = false;
  let timer: number | undefined;
  let held = false;

  const stop = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
  };
  const arm = () => {
    stop();
    if (!held) timer = window.setTimeout(hide, TOAST_MS);
  };

  function hide(): void {
    stop();
    el.classList.remove("open");
    undoFn = null;
    undoBtn.hidden = true;
    if (el.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
    held = false;
  }

  function show(text: string, undo?: () => Promise<void> | void, label = "Undo", undoable = true): void {
    undoFn = undo ?? null;
    canUndo = undoable;
    undoBtn.hidden = !undo;
    undoBtn.textContent = label;
    el.classList.add("open");
    message.textContent = text;
    arm();
  }

  function undo(): boolean {
    return canUndo && act();
  }

  /** Runs the toast's action, whatever it is. */
  function act(): boolean {
    const fn = undoFn;
    if (!fn) return false;
    undoFn = null;
    undoBtn.hidden = true;
    hide();
    void fn();
    return true;
  }

  undoBtn.addEventListener("click", () => {
    act();
  });
  el.addEventListener("focusin", () => {
    held = true;
    stop();
  });
  el.addEventListener("focusout", (e) => {
    if (!el.contains(e.relatedTarget as Node | null)) {
      held = false;
      if (el.classList.contains("open")) arm();
    }
  });
  el.addEventListener("mouseenter", () => {
    held = true;
    stop();
  });
  el.addEventListener("mouseleave", () => {
    if (el.contains(document.activeElement)) return;
    held = false;
    if (el.classList.contains("open")) arm();
  });

  return { el, show, undo, hide };
}
