// An entry the diary refused for a reason that is not the entry's own (a locked, full or
// damaged diary) stays on screen as typed, marked unsaved, and its Save button becomes Retry.

import type { ApiError } from "./bindings";

/**
 * Whether the save failed for a reason outside the form that can pass (a lock, a full disk), so
 * retrying the same entry can work. A view-only diary cannot be written this session at all.
 */
export function isSaveFailure(err: ApiError): boolean {
  return err.field === null && !["invalid", "needs_confirmation", "not_found", "read_only"].includes(err.code);
}

/** The form's one message line and its submit button, with the button's usual label. */
export type SaveState = { message: HTMLElement; save: HTMLButtonElement; label: string };

export function saveState(message: HTMLElement, save: HTMLButtonElement): SaveState {
  return { message, save, label: save.textContent ?? "Save" };
}

/** Shows a form-level error; a save failure marks the entry unsaved and offers Retry. */
export function showFormError(s: SaveState, err: ApiError): void {
  const failed = isSaveFailure(err);
  s.message.textContent = failed ? `Not saved. ${err.message}` : err.message;
  s.message.hidden = false;
  s.message.classList.toggle("unsaved", failed);
  s.save.textContent = failed ? "Retry" : s.label;
}

export function clearFormError(s: SaveState): void {
  s.message.textContent = "";
  s.message.hidden = true;
  s.message.classList.remove("unsaved");
  s.save.textContent = s.label;
}
