// Other medicines and substances: name, amount with a free unit, time, note.

import { api } from "./api";
import type { AppContext } from "./app-context";
import type { Medicine, MedicineInput } from "./bindings";
import { fieldError, h, replace, showFieldError } from "./dom";
import { createFormDialog, field, fieldErrors, optional } from "./form-dialog";
import { entryTimeField, laterThanNow, STILL_TO_COME } from "./entry-time";
import { clearFormError, showFormError } from "./unsaved";
import { formatNumber } from "./format";
import { takenAtFromLocal } from "./time";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "heading" | "defaultTime" | "afterSave" | "diaryChanged">;

export type MedicineDialog = {
  el: HTMLDialogElement;
  openNew(day: string): Promise<void>;
  openEdit(m: Medicine): Promise<void>;
};

type FieldKey = "name" | "amount" | "unit" | "taken_at" | "note";

export function createMedicineDialog(app: Context): MedicineDialog {
  const names = h("datalist", { id: "medicine-names" });
  const name = h("input", { id: "medicine-name", type: "text", class: "input", list: "medicine-names", autocomplete: "off", maxlength: 200 });
  const nameError = fieldError("medicine-name-error");
  const amount = h("input", { id: "medicine-amount", type: "text", class: "input number-input", inputmode: "decimal" });
  const amountError = fieldError("medicine-amount-error");
  const unit = h("input", { id: "medicine-unit", type: "text", class: "input unit-input", maxlength: 20, placeholder: "mg, tablets, ml" });
  const unitError = fieldError("medicine-unit-error");
  const timeError = fieldError("medicine-time-error");
  const when = entryTimeField(app, "medicine-time", "Time", timeError);
  const time = when.input;
  const note = h("textarea", { id: "medicine-note", class: "input", rows: 2 });
  const noteError = fieldError("medicine-note-error");

  const d = createFormDialog({
    name: "medicine",
    changedElsewhere: () => app.diaryChanged(),
    title: "Other medicine or substance",
    body: [
      h("p", { class: "caption" }, "Anything taken for withdrawal or otherwise (loperamide, ibuprofen, alcohol…). Clinicians ask about these."),
      field("What", name, names, nameError),
      h("div", { class: "field-row" }, field(optional("Amount"), amount, amountError), field(optional("Unit"), unit, unitError)),
      when.el,
      timeError,
      field(optional("Note"), note, noteError),
    ],
    save: "Save",
    fallbackFocus: () => document.getElementById("add-medicine")?.focus(),
  });

  const fields = fieldErrors<FieldKey>({
    name: { control: name, error: nameError },
    amount: { control: amount, error: amountError },
    unit: { control: unit, error: unitError },
    taken_at: { control: time, error: timeError },
    note: { control: note, error: noteError },
  });
  fields.clearOnInput();
  let editing: Medicine | null = null;

  function clearErrors(): void {
    fields.clear();
    clearFormError(d.saving);
  }

  d.form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (d.busy) return;
    clearErrors();
    const local = when.value();
    const takenAt = local ? takenAtFromLocal(local) : null;
    if (!takenAt) {
      showFieldError(time, timeError, "Enter the date and time you took it.");
      time.focus();
      return;
    }
    if (local && laterThanNow(local)) {
      showFieldError(time, timeError, STILL_TO_COME);
      time.focus();
      return;
    }
    const opt = (v: string) => (v.trim() === "" ? null : v);
    const input: MedicineInput = {
      taken_at: takenAt,
      name: name.value,
      amount: opt(amount.value),
      unit: opt(unit.value),
      note: opt(note.value),
    };
    void d.saveAndClose(
      () => (editing ? api.updateMedicine(editing.id, input, editing.version) : api.addMedicine(input)),
      (m) => app.afterSave(m.day),
      (err) => {
        if (!fields.showApiError(err)) showFormError(d.saving, err);
      },
    );
  });

  async function open(m: Medicine | null, day: string): Promise<void> {
    editing = m;
    clearErrors();
    d.title.textContent = m ? "Edit medicine or substance" : "Other medicine or substance";
    name.value = m?.name ?? "";
    amount.value = m?.amount === null || m?.amount === undefined ? "" : formatNumber(m.amount);
    unit.value = m?.unit ?? "";
    note.value = m?.note ?? "";
    when.set(m ? m.local_time.slice(0, 16) : app.defaultTime(day));
    d.show(null);
    name.focus();
    try {
      const list = await api.medicineNames();
      replace(names, ...list.map((n) => h("option", { value: n })));
    } catch {
      // autocomplete is a convenience only
    }
  }

  return { el: d.el, openNew: (day) => open(null, day), openEdit: (m) => open(m, m.day) };
}
