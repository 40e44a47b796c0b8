// The dose dialog: log a new dose or edit one. Amount text goes to the backend as typed;
// the backend's message is what the user sees.

import { api } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError, Dose, DoseInput, Form, Unit } from "./bindings";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { createFormDialog, field, fieldErrors, growField, optional } from "./form-dialog";
import { clearFormError, showFormError } from "./unsaved";
import { clearDraft, isMeaningful, loadDraft, saveDraft, type DoseDraft } from "./draft";
import { FORMS, formatNumber, gramsEquivalent, UNITS } from "./format";
import { takenAtFromLocal } from "./time";
import { entryTimeField, laterThanNow, STILL_TO_COME } from "./entry-time";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "heading" | "defaultTime" | "afterSave" | "diaryChanged" | "drafts">;

export type DosePrefill = { amount: string; unit: Unit; form: Form };

export type OpenNewOptions = {
  day: string;
  useDraft: boolean;
  prefill?: DosePrefill;
  /** Show this answer at once (a quick log that needs confirming). */
  pending?: { error: ApiError; input: DoseInput };
};

export type DoseDialog = {
  el: HTMLDialogElement;
  openNew(opts: OpenNewOptions): void;
  openEdit(dose: Dose): void;
  setProducts(products: string[]): void;
};

type FieldKey = "amount" | "taken_at" | "product" | "note";

export function createDoseDialog(app: Context): DoseDialog {
  const draftNote = h("p", { id: "dose-draft-note", class: "caption notice-inline", hidden: true }, "Restored the dose you had started.");

  // amount + unit
  const amount = h("input", {
    id: "dose-amount",
    type: "text",
    class: "input amount-input",
    inputmode: "decimal",
    autocomplete: "off",
    autofocus: true,
    spellcheck: "false",
  });
  const unit = h(
    "select",
    { id: "dose-unit", class: "input" },
    ...UNITS.map((u) => h("option", { value: u.value }, u.label)),
  );
  const gramsEquiv = h("span", { id: "dose-grams-equiv", class: "equiv", "aria-live": "polite" });
  const amountError = fieldError("dose-amount-error");
  const confirmLarge = h("button", { id: "dose-confirm-large", type: "button", class: "button warn", hidden: true }, "Yes, save it");

  // time
  const timeError = fieldError("dose-time-error");
  const when = entryTimeField(app, "dose-time", "Time taken", timeError, () => {
    // Any change of the time by the person is kept in the draft.
    timeTouched = true;
    storeDraft();
  });
  const time = when.input;

  // form, product, estimated, note
  const formSelect = h(
    "select",
    { id: "dose-form-select", class: "input" },
    ...FORMS.map((f) => h("option", { value: f.value }, f.label)),
  );
  const productList = h("datalist", { id: "dose-products" });
  const product = h("input", { id: "dose-product", type: "text", class: "input", list: "dose-products", autocomplete: "off" });
  const productError = fieldError("dose-product-error");
  const estimated = h("input", { id: "dose-estimated", type: "checkbox", class: "checkbox" });
  const note = h("textarea", { id: "dose-note", class: "input", rows: 2 });
  const noteError = fieldError("dose-note-error");

  const d = createFormDialog({
    name: "dose",
    changedElsewhere: () => app.diaryChanged(),
    title: "Log dose",
    head: [draftNote],
    body: [
      h(
        "div",
        { class: "field-row" },
        growField("Amount", amount),
        field("Unit", unit),
        gramsEquiv,
      ),
      amountError,
      confirmLarge,
      when.el,
      timeError,
      h("div", { class: "field-row" }, field("Form", formSelect), growField(optional("Product"), product, productList)),
      productError,
      h("div", { class: "check" }, estimated, h("label", { for: "dose-estimated" }, "Estimated (not weighed)")),
      field(optional("Note"), note, noteError),
    ],
    save: "Save",
    alsoDisable: [confirmLarge],
    onDismiss: () => cancelDialog(),
    fallbackFocus: () => document.getElementById("log-dose")?.focus(),
  });

  const fields = fieldErrors<FieldKey>({
    amount: { control: amount, error: amountError },
    taken_at: { control: time, error: timeError },
    product: { control: product, error: productError },
    note: { control: note, error: noteError },
  });

  let editing: Dose | null = null;
  let timeTouched = false;
  let prefill: DosePrefill = { amount: "", unit: "g", form: "powder" };
  let pendingConfirm: DoseInput | null = null;

  // ---- helpers ----

  function updateEquiv(): void {
    const st = app.state.settings;
    gramsEquiv.textContent = gramsEquivalent(amount.value, unit.value as Unit, st.grams_per_capsule, st.grams_per_tsp);
  }

  function clearErrors(): void {
    fields.clear();
    clearFormError(d.saving);
    hideConfirm();
  }

  function hideConfirm(): void {
    confirmLarge.hidden = true;
    pendingConfirm = null;
  }

  function showError(err: ApiError, input: DoseInput | null): void {
    const named = fields.showApiError(err);
    if (!named) showFormError(d.saving, err);
    if (err.code === "needs_confirmation" && input) {
      if (!named) {
        // Always shown under the amount, whatever field the backend named.
        d.formError.hidden = true;
        showFieldError(amount, amountError, err.message);
        amount.focus();
      }
      pendingConfirm = { ...input, confirm_large: true };
      confirmLarge.hidden = false;
    }
  }

  function currentDraft(): DoseDraft {
    return {
      amount: amount.value,
      unit: unit.value as Unit,
      time: timeTouched ? (when.value() ?? null) : null,
      form: formSelect.value as Form,
      product: product.value,
      estimated: estimated.checked,
      note: note.value,
    };
  }

  function storeDraft(): void {
    if (editing) return;
    const d = currentDraft();
    if (isMeaningful(d, prefill)) saveDraft(app.drafts(), d);
    else clearDraft(app.drafts());
  }

  function readInput(): DoseInput | null {
    const local = when.value();
    const takenAt = local ? takenAtFromLocal(local) : null;
    if (!takenAt) {
      showFieldError(time, timeError, "Enter the date and time you took it.");
      time.focus();
      return null;
    }
    if (local && laterThanNow(local)) {
      showFieldError(time, timeError, STILL_TO_COME);
      time.focus();
      return null;
    }
    const prod = product.value.trim();
    const text = note.value;
    return {
      amount: amount.value,
      unit: unit.value as Unit,
      taken_at: takenAt,
      form: formSelect.value as Form,
      product: prod === "" ? null : prod,
      estimated: estimated.checked,
      note: text.trim() === "" ? null : text,
      confirm_large: false,
    };
  }

  async function submit(input: DoseInput): Promise<void> {
    if (d.busy) return;
    const wasEditing = editing;
    const send = async () => {
      clearErrors();
      const dose = wasEditing ? await api.updateDose(wasEditing.id, input, wasEditing.version) : await api.addDose(input);
      if (!wasEditing) clearDraft(app.drafts());
      return dose;
    };
    await d.saveAndClose(send, (dose) => app.afterSave(dose.day, dose), (err) => showError(err, input));
  }

  function open(): void {
    d.show();
    amount.focus();
    amount.select();
  }

  function cancelDialog(): void {
    if (!editing) clearDraft(app.drafts());
    d.close();
  }

  // ---- events ----

  amount.addEventListener("input", () => {
    updateEquiv();
    if (pendingConfirm) {
      hideConfirm();
      clearFieldError(amount, amountError);
    }
    storeDraft();
  });
  unit.addEventListener("change", () => {
    updateEquiv();
    hideConfirm();
    storeDraft();
  });
  for (const c of [formSelect, product, estimated, note]) {
    c.addEventListener("input", storeDraft);
    c.addEventListener("change", storeDraft);
  }

  d.form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearErrors();
    const input = readInput();
    if (input) void submit(input);
  });
  confirmLarge.addEventListener("click", () => {
    if (pendingConfirm) void submit(pendingConfirm);
  });

  // ---- public ----

  function fill(values: DoseDraft, timeValue: string): void {
    amount.value = values.amount;
    unit.value = values.unit;
    formSelect.value = values.form;
    product.value = values.product;
    estimated.checked = values.estimated;
    note.value = values.note;
    when.set(timeValue);
    updateEquiv();
  }

  function openNew(opts: OpenNewOptions): void {
    editing = null;
    clearErrors();
    d.title.textContent = "Log dose";
    const last = app.state.lastDose;
    prefill =
      opts.prefill ??
      (last
        ? { amount: formatNumber(last.amount_entered), unit: last.unit, form: last.form }
        : { amount: "", unit: "g", form: "powder" });
    const draft = opts.useDraft ? loadDraft(app.drafts()) : null;
    const defaultTime = app.defaultTime(opts.day);
    if (draft) {
      fill(draft, draft.time ?? defaultTime);
      timeTouched = draft.time !== null;
    } else {
      fill({ ...prefill, time: null, product: "", estimated: false, note: "" }, defaultTime);
      timeTouched = false;
    }
    draftNote.hidden = !draft;
    open();
    if (opts.pending) showError(opts.pending.error, opts.pending.input);
  }

  function openEdit(dose: Dose): void {
    editing = dose;
    clearErrors();
    d.title.textContent = "Edit dose";
    draftNote.hidden = true;
    fill(
      {
        amount: formatNumber(dose.amount_entered),
        unit: dose.unit,
        time: null,
        form: dose.form,
        product: dose.product ?? "",
        estimated: dose.estimated,
        note: dose.note ?? "",
      },
      dose.local_time.slice(0, 16),
    );
    timeTouched = true;
    open();
  }

  function setProducts(products: string[]): void {
    replace(productList, ...products.map((p) => h("option", { value: p })));
  }

  return { el: d.el, openNew, openEdit, setProducts };
}
