// Other medicines and substances: name, amount with a free unit, time, note.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { Medicine, MedicineInput } from "./bindings";
import { clearFieldError, fieldError, h, replace, showFieldError, wireFormDialog } from "./dom";
import { clearFormError, saveState, showFormError } from "./unsaved";
import { formatNumber } from "./format";
import { diaryDayOf, takenAtFromLocal } from "./time";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "heading" | "defaultTime" | "afterSave">;

export type MedicineDialog = {
  el: HTMLDialogElement;
  openNew(day: string): Promise<void>;
  openEdit(m: Medicine): Promise<void>;
};

type FieldKey = "name" | "amount" | "unit" | "taken_at" | "note";

export function createMedicineDialog(app: Context): MedicineDialog {
  const title = h("h2", { id: "medicine-title" }, "Other medicine or substance");
  const names = h("datalist", { id: "medicine-names" });
  const name = h("input", { id: "medicine-name", type: "text", class: "input", list: "medicine-names", autocomplete: "off", maxlength: 200 });
  const nameError = fieldError("medicine-name-error");
  const amount = h("input", { id: "medicine-amount", type: "text", class: "input number-input", inputmode: "decimal" });
  const amountError = fieldError("medicine-amount-error");
  const unit = h("input", { id: "medicine-unit", type: "text", class: "input unit-input", maxlength: 20, placeholder: "mg, tablets, ml" });
  const unitError = fieldError("medicine-unit-error");
  const time = h("input", { id: "medicine-time", type: "datetime-local", class: "input", step: 60 });
  const timeDay = h("p", { id: "medicine-time-day", class: "caption" });
  const timeError = fieldError("medicine-time-error");
  const note = h("textarea", { id: "medicine-note", class: "input", rows: 2 });
  const noteError = fieldError("medicine-note-error");
  const formError = h("p", { id: "medicine-form-error", class: "form-error", role: "alert", hidden: true });
  const save = h("button", { id: "medicine-save", type: "submit", class: "button primary" }, "Save");
  const saving = saveState(formError, save);
  const cancel = h("button", { id: "medicine-cancel", type: "button", class: "button" }, "Cancel");

  const form = h(
    "form",
    { id: "medicine-form", class: "dialog-form", novalidate: true },
    h("div", { class: "dialog-head" }, title),
    h(
      "div",
      { class: "dialog-body" },
      h("p", { class: "caption" }, "Anything taken for withdrawal or otherwise (loperamide, ibuprofen, alcohol…). Clinicians ask about these."),
      h("div", { class: "field" }, h("label", { for: "medicine-name" }, "What"), name, names, nameError),
      h(
        "div",
        { class: "field-row" },
        h("div", { class: "field" }, h("label", { for: "medicine-amount" }, "Amount ", h("span", { class: "optional" }, "(optional)")), amount, amountError),
        h("div", { class: "field" }, h("label", { for: "medicine-unit" }, "Unit ", h("span", { class: "optional" }, "(optional)")), unit, unitError),
      ),
      h("div", { class: "field" }, h("label", { for: "medicine-time" }, "Time"), time, timeDay, timeError),
      h("div", { class: "field" }, h("label", { for: "medicine-note" }, "Note ", h("span", { class: "optional" }, "(optional)")), note, noteError),
    ),
    h("div", { class: "dialog-foot" }, formError, h("div", { class: "actions" }, cancel, save)),
  );
  const el = h("dialog", { id: "medicine-dialog", class: "dialog", "aria-labelledby": "medicine-title" }, form);

  const fields: Record<FieldKey, { control: HTMLElement; error: HTMLElement }> = {
    name: { control: name, error: nameError },
    amount: { control: amount, error: amountError },
    unit: { control: unit, error: unitError },
    taken_at: { control: time, error: timeError },
    note: { control: note, error: noteError },
  };
  for (const f of Object.values(fields)) f.control.addEventListener("input", () => clearFieldError(f.control, f.error));
  let editing: Medicine | null = null;
  let busy = false;

  function clearErrors(): void {
    for (const f of Object.values(fields)) clearFieldError(f.control, f.error);
    clearFormError(saving);
  }

  function updateTimeDay(): void {
    const day = diaryDayOf(time.value, app.state.settings.day_start_hour);
    timeDay.textContent = day ? `Counts for ${app.heading(day)}` : "";
  }
  time.addEventListener("input", () => {
    updateTimeDay();
    clearFieldError(time, timeError);
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (busy) return;
    clearErrors();
    const takenAt = takenAtFromLocal(time.value);
    if (!takenAt) {
      showFieldError(time, timeError, "Enter the date and time you took it.");
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
    busy = true;
    save.disabled = true;
    (editing ? api.updateMedicine(editing.id, input) : api.addMedicine(input))
      .then(async (m) => {
        close();
        await app.afterSave(m.day);
      })
      .catch((err: unknown) => {
        const e2 = normaliseError(err);
        const f = e2.field && e2.field in fields ? fields[e2.field as FieldKey] : null;
        if (f) {
          showFieldError(f.control, f.error, e2.message);
          f.control.focus();
        } else {
          showFormError(saving, e2);
        }
      })
      .finally(() => {
        busy = false;
        save.disabled = false;
      });
  });
  wireFormDialog(el, form, cancel, close);

  function close(): void {
    if (el.open) el.close();
    document.getElementById("add-medicine")?.focus();
  }

  async function open(m: Medicine | null, day: string): Promise<void> {
    editing = m;
    clearErrors();
    title.textContent = m ? "Edit medicine or substance" : "Other medicine or substance";
    name.value = m?.name ?? "";
    amount.value = m?.amount === null || m?.amount === undefined ? "" : formatNumber(m.amount);
    unit.value = m?.unit ?? "";
    note.value = m?.note ?? "";
    time.value = m ? m.local_time.slice(0, 16) : app.defaultTime(day);
    updateTimeDay();
    if (!el.open) el.showModal();
    name.focus();
    try {
      const list = await api.medicineNames();
      replace(names, ...list.map((n) => h("option", { value: n })));
    } catch {
      // autocomplete is a convenience only
    }
  }

  return { el, openNew: (day) => open(null, day), openEdit: (m) => open(m, m.day) };
}
