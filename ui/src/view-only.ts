// A view-only diary (its file or folder cannot be written): the buttons that would open a form
// are disabled, each pointing to the banner that says why and what can be done.

/** The reason, as a tooltip; the banner (`#view-only-reason`) says it in full. */
export const VIEW_ONLY_REASON = "View only: this diary cannot be changed. See the note at the top.";

/** Disables `buttons` with the reason. */
export function holdForViewOnly(buttons: Iterable<HTMLButtonElement>): void {
  for (const b of buttons) {
    b.disabled = true;
    b.title = VIEW_ONLY_REASON;
    b.setAttribute("aria-describedby", "view-only-reason");
  }
}
