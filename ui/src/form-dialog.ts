// The scaffolding every form dialog shares: the <dialog> with its form, head, body and foot
// (the form's message line, Cancel and the submit button), Enter / Esc / Cancel, focus back to
// the control that opened it, the busy state while saving, labelled fields and their errors.

import { normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError } from "./bindings";
import { clearFieldError, h, showFieldError, submitForm, type Child } from "./dom";
import { diaryDayOf } from "./time";
import { saveState, type SaveState } from "./unsaved";

export type FormDialogSpec = {
  /**
   * The ids' prefix: `${name}-dialog`, `${name}-form`, `${name}-title`, and unless `ids` says
   * otherwise `${name}-form-error`, `${name}-save` and `${name}-cancel`.
   */
  name: string;
  /** The heading's text (none: set it when opening). */
  title?: string;
  size?: "wide" | "narrow";
  /** aria-describedby of the dialog. */
  describedBy?: string;
  /** After the title in the head. */
  head?: Child[];
  /** The body's children (in a `div.dialog-body`), or the body itself. */
  body: Child[] | HTMLElement;
  /** Before the message line in the foot (live totals). */
  foot?: Child[];
  ids?: { error?: string; save?: string; cancel?: string };
  /**
   * Called when a save is refused because the entry changed elsewhere since the form opened
   * (field "version"): the screen reloads, so opening the entry again shows it as it is now.
   */
  changedElsewhere?: () => unknown;
  /** The submit button's label and, unless primary, its class. */
  save: string;
  saveClass?: string;
  saveDisabled?: boolean;
  /**
   * For a confirmation of something that cannot be stopped halfway (an import, a restore, a new
   * passphrase, deleting everything): while it runs, Cancel is disabled and Esc does nothing.
   */
  holdWhileBusy?: boolean;
  /** More buttons disabled while busy. */
  alsoDisable?: HTMLButtonElement[];
  /** Cancel and Esc (by default they close the dialog). */
  onDismiss?: () => void;
  /** Runs when the dialog closes, before focus goes back. */
  onClose?: () => void;
  /** Where focus goes on close when the control that opened the dialog cannot take it. */
  fallbackFocus?: () => void;
};

export type FormDialog = {
  el: HTMLDialogElement;
  form: HTMLFormElement;
  title: HTMLHeadingElement;
  body: HTMLElement;
  /** The form's one message line. */
  formError: HTMLParagraphElement;
  save: HTMLButtonElement;
  cancel: HTMLButtonElement;
  /** The message line and the submit button, for `showFormError` (Retry after a failed save). */
  saving: SaveState;
  /** True while `whileBusy` (or `setBusy(true)`) runs: a second submit is ignored. */
  readonly busy: boolean;
  /** Remembers the control focus goes back to on close (default: the focused element). */
  rememberOpener(from?: HTMLElement | null): void;
  /** Opens the dialog modal (if it is not open yet). */
  showModal(): void;
  /** `rememberOpener(from)`, then `showModal()`. */
  show(from?: HTMLElement | null): void;
  /** Closes the dialog; focus goes back to the opener unless `returnFocus` is false. */
  close(returnFocus?: boolean): void;
  setBusy(on: boolean): void;
  /** Runs `task` busy: the submit button (and for `holdWhileBusy` Cancel) disabled meanwhile. */
  whileBusy(task: () => Promise<void>): Promise<void>;
  /**
   * The usual submit, busy: `send`, then close and `done` with its answer; whatever goes wrong
   * (in `done` too) goes to `failed`, the dialog kept open as it was.
   */
  saveAndClose<T>(send: () => Promise<T>, done: (saved: T) => unknown, failed: (err: ApiError) => void): Promise<void>;
  /** Shows a plain message on the form's message line. */
  showMessage(text: string): void;
  hideMessage(): void;
};

export function createFormDialog(spec: FormDialogSpec): FormDialog {
  const name = spec.name;
  const title = h("h2", { id: `${name}-title` }, spec.title);
  const formError = h("p", { id: spec.ids?.error ?? `${name}-form-error`, class: "form-error", role: "alert", hidden: true });
  const save = h(
    "button",
    { id: spec.ids?.save ?? `${name}-save`, type: "submit", class: spec.saveClass ?? "button primary", disabled: spec.saveDisabled },
    spec.save,
  );
  const cancel = h("button", { id: spec.ids?.cancel ?? `${name}-cancel`, type: "button", class: "button" }, "Cancel");
  const body = spec.body instanceof HTMLElement ? spec.body : h("div", { class: "dialog-body" }, ...spec.body);
  const form = h(
    "form",
    { id: `${name}-form`, class: "dialog-form", novalidate: true },
    h("div", { class: "dialog-head" }, title, ...(spec.head ?? [])),
    body,
    h("div", { class: "dialog-foot" }, ...(spec.foot ?? []), formError, h("div", { class: "actions" }, cancel, save)),
  );
  const el = h(
    "dialog",
    {
      id: `${name}-dialog`,
      class: spec.size ? `dialog dialog-${spec.size}` : "dialog",
      "aria-labelledby": `${name}-title`,
      "aria-describedby": spec.describedBy,
    },
    form,
  );

  let opener: HTMLElement | null = null;
  let busy = false;

  function rememberOpener(from?: HTMLElement | null): void {
    if (from !== undefined) opener = from;
    else opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }

  function showModal(): void {
    if (!el.open) el.showModal();
  }

  function close(returnFocus = true): void {
    if (el.open) el.close();
    spec.onClose?.();
    const back = opener;
    opener = null;
    if (!returnFocus) return;
    // The opener may be gone from view since (a key opened the form from another screen, which
    // is hidden now): then focus goes to the form's own place, never nowhere.
    const shown = back && back !== document.body && back.isConnected && back.getClientRects().length > 0 && !back.hasAttribute("disabled");
    if (shown) back.focus();
    if (!shown || document.activeElement !== back) spec.fallbackFocus?.();
  }

  function setBusy(on: boolean): void {
    busy = on;
    save.disabled = on;
    if (spec.holdWhileBusy) cancel.disabled = on;
    for (const b of spec.alsoDisable ?? []) b.disabled = on;
  }

  wireFormDialog(el, form, cancel, () => {
    if (busy && spec.holdWhileBusy) return;
    if (spec.onDismiss) spec.onDismiss();
    else close();
  });

  async function whileBusy(task: () => Promise<void>): Promise<void> {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  }

  return {
    el,
    form,
    title,
    body,
    formError,
    save,
    cancel,
    saving: saveState(formError, save),
    get busy() {
      return busy;
    },
    rememberOpener,
    showModal,
    show(from) {
      rememberOpener(from);
      showModal();
    },
    close,
    setBusy,
    whileBusy,
    saveAndClose: (send, done, failed) =>
      whileBusy(async () => {
        try {
          const saved = await send();
          close();
          await done(saved);
        } catch (err) {
          const e = normaliseError(err);
          if (e.field === "version") await spec.changedElsewhere?.();
          failed(e);
        }
      }),
    showMessage(text) {
      formError.textContent = text;
      formError.hidden = false;
    },
    hideMessage() {
      formError.textContent = "";
      formError.hidden = true;
    },
  };
}

/**
 * The keys every form dialog shares: Enter saves (Ctrl+Enter inside a note, where Enter is a new
 * line; never on a focused button), and Cancel or Esc run `dismiss`.
 */
function wireFormDialog(
  el: HTMLDialogElement,
  form: HTMLFormElement,
  cancel: HTMLButtonElement,
  dismiss: () => void,
): void {
  form.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.isComposing) return;
    const t = e.target as HTMLElement;
    if (t.tagName === "TEXTAREA" && !(e.ctrlKey || e.metaKey)) return;
    if (t.tagName === "BUTTON") return;
    e.preventDefault();
    submitForm(form);
  });
  cancel.addEventListener("click", () => dismiss());
  el.addEventListener("cancel", (e) => {
    e.preventDefault();
    dismiss();
  });
}

// ---- fields ----------------------------------------------------------------------------------

/** "Note (optional)": the label's words and the muted "(optional)". */
export function optional(label: string): Child[] {
  return [`${label} `, h("span", { class: "optional" }, "(optional)")];
}

/** A `div.field`: a label for `control`, the control, then whatever follows (hints, errors). */
export function field(label: string | Child[], control: HTMLElement, ...after: Child[]): HTMLDivElement {
  return fieldOf("field", label, control, after);
}

/** A field that takes the row's spare width. */
export function growField(label: string | Child[], control: HTMLElement, ...after: Child[]): HTMLDivElement {
  return fieldOf("field grow", label, control, after);
}

function fieldOf(cls: string, label: string | Child[], control: HTMLElement, after: Child[]): HTMLDivElement {
  const words = typeof label === "string" ? [label] : label;
  return h("div", { class: cls }, h("label", { for: control.id }, ...words), control, ...after);
}

/** A control and its error line (the control is null where the error belongs to a group). */
export type FieldSlot = { control: HTMLElement | null; error: HTMLElement };

export type FieldErrors<K extends string> = {
  slots: Record<K, FieldSlot>;
  /** The slot of a field named by the backend (ApiError.field), if this form has it. */
  slot(field: string | null): FieldSlot | null;
  clear(): void;
  /** Shows `message` under `field` and focuses its control; false when the form has no such field. */
  show(field: string | null, message: string, focus?: boolean): boolean;
  /** Shows an ApiError under the field it names; false when it names none of this form's. */
  showApiError(err: ApiError): boolean;
  /** Typing in a field clears its error. */
  clearOnInput(): void;
};

export function fieldErrors<K extends string>(slots: Record<K, FieldSlot>): FieldErrors<K> {
  const all = () => Object.values(slots) as FieldSlot[];
  const slot = (field: string | null): FieldSlot | null =>
    field !== null && Object.prototype.hasOwnProperty.call(slots, field) ? slots[field as K] : null;
  const show = (field: string | null, message: string, focus = true): boolean => {
    const s = slot(field);
    if (!s) return false;
    showFieldError(s.control, s.error, message);
    if (focus) s.control?.focus();
    return true;
  };
  return {
    slots,
    slot,
    clear() {
      for (const s of all()) clearFieldError(s.control, s.error);
    },
    show,
    showApiError: (err) => show(err.field, err.message),
    clearOnInput() {
      for (const s of all()) {
        const control = s.control;
        control?.addEventListener("input", () => clearFieldError(control, s.error));
      }
    },
  };
}

/**
 * Keeps the "Counts for Tuesday 24 November" line under an entry's time up to date as the time is
 * typed (typing also clears the time's error). Returns the update, for when the time is set.
 */
export function countsFor(
  app: Pick<AppContext, "state" | "heading">,
  time: HTMLInputElement,
  line: HTMLElement,
  error: HTMLElement,
): () => void {
  const update = () => {
    const day = diaryDayOf(time.value, app.state.settings.day_start_hour);
    line.textContent = day ? `Counts for ${app.heading(day)}` : "";
  };
  time.addEventListener("input", () => {
    update();
    clearFieldError(time, error);
  });
  return update;
}
