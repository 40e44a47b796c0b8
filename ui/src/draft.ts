// The half-filled new-dose form, kept in localStorage so it survives closing the window.

import type { Form, Unit } from "./bindings";

export type DoseDraft = {
  amount: string;
  unit: Unit;
  /** datetime-local value, only when the user changed the time (else the form uses "now"). */
  time: string | null;
  form: Form;
  product: string;
  estimated: boolean;
  note: string;
};

export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const DRAFT_KEY = "taper.dose-draft.v1";

const UNITS: ReadonlyArray<string> = ["g", "capsule", "tsp"];
const FORMS: ReadonlyArray<string> = ["powder", "capsules", "tablets", "extract", "tea", "other"];

/** A draft worth keeping: something was typed beyond the prefilled values. */
export function isMeaningful(d: DoseDraft, prefill: { amount: string; unit: Unit; form: Form }): boolean {
  return (
    d.amount !== prefill.amount ||
    d.unit !== prefill.unit ||
    d.form !== prefill.form ||
    d.time !== null ||
    d.product.trim() !== "" ||
    d.estimated ||
    d.note.trim() !== ""
  );
}

export function saveDraft(store: KeyValueStore, d: DoseDraft): void {
  try {
    store.setItem(DRAFT_KEY, JSON.stringify(d));
  } catch {
    // Storage full or disabled: the draft is a convenience, never an error for the user.
  }
}

export function clearDraft(store: KeyValueStore): void {
  try {
    store.removeItem(DRAFT_KEY);
  } catch {
    // ignore
  }
}

/** The stored draft, or null when there is none or it is not one we wrote. */
export function loadDraft(store: KeyValueStore): DoseDraft | null {
  let raw: string | null;
  try {
    raw = store.getItem(DRAFT_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  let o: unknown;
  try {
    o = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof o !== "object" || o === null) return null;
  const r = o as Record<string, unknown>;
  if (
    typeof r.amount !== "string" ||
    typeof r.unit !== "string" || !UNITS.includes(r.unit) ||
    !(r.time === null || typeof r.time === "string") ||
    typeof r.form !== "string" || !FORMS.includes(r.form) ||
    typeof r.product !== "string" ||
    typeof r.estimated !== "boolean" ||
    typeof r.note !== "string"
  ) {
    return null;
  }
  return {
    amount: r.amount,
    unit: r.unit as Unit,
    time: r.time as string | null,
    form: r.form as Form,
    product: r.product,
    estimated: r.estimated,
    note: r.note,
  };
}
