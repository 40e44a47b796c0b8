// Settings → Units: grams per capsule and per teaspoon, and the quick log buttons on Today
// (automatic, or up to three custom amounts).

import type { Form, QuickAmount } from "./bindings";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { FORMS, formatNumber } from "./format";
import { field } from "./form-dialog";
import { parseAmount } from "./plan-form";
import type { SettingsCard, SettingsSaver, SettingsView } from "./settings-card";

const MAX_QUICK = 3;

/** `quick: false` leaves out the quick log buttons (the first-start onboarding asks only the units). */
export function createUnitsCard(app: SettingsView, saver: SettingsSaver, { quick: withQuick = true } = {}): SettingsCard {
  const save = saver.save;
  const gCapsule = h("input", { id: "settings-grams-capsule", type: "number", class: "input number-input", step: 0.05, min: 0.05, inputmode: "decimal" });
  const gCapsuleError = fieldError("settings-grams-capsule-error");
  const gTsp = h("input", { id: "settings-grams-tsp", type: "number", class: "input number-input", step: 0.05, min: 0.05, inputmode: "decimal" });
  const gTspError = fieldError("settings-grams-tsp-error");

  // quick amounts
  const quickAuto = h("input", { id: "settings-quick-auto", type: "radio", name: "settings-quick-mode", value: "auto", class: "radio" });
  const quickCustom = h("input", { id: "settings-quick-custom", type: "radio", name: "settings-quick-mode", value: "custom", class: "radio" });
  const quickRows = h("div", { id: "settings-quick-rows", class: "quick-rows" });
  const quickAdd = h("button", { id: "settings-quick-add", type: "button", class: "button" }, "Add amount");
  const quickError = fieldError("settings-quick-error");
  const quick = h(
    "fieldset",
    { id: "settings-quick", class: "group" },
    h("legend", {}, "Quick log buttons"),
    h("p", { class: "caption" }, "Up to three buttons on Today that log a dose in one click."),
    h("div", { class: "check" }, quickAuto, h("label", { for: "settings-quick-auto" }, "Automatic (most frequent recent amounts)")),
    h("div", { class: "check" }, quickCustom, h("label", { for: "settings-quick-custom" }, "Custom")),
    quickRows,
    quickAdd,
    quickError,
  );

  const el = h(
    "section",
    { class: "card", "aria-labelledby": "settings-units-title" },
    h("h2", { id: "settings-units-title" }, "Units"),
    h(
      "div",
      { class: "field-row" },
      field("Grams per capsule", gCapsule, gCapsuleError),
      field("Grams per teaspoon", gTsp, gTspError),
    ),
    withQuick ? quick : null,
  );

  function numberValue(input: HTMLInputElement, error: HTMLElement): number | null {
    const n = input.value.trim() === "" || input.validity.badInput ? NaN : Number(input.value);
    if (!Number.isFinite(n)) {
      saver.hideSaved();
      showFieldError(input, error, "Enter a number of grams, like 0.5.");
      return null;
    }
    return n;
  }

  gCapsule.addEventListener("change", () => {
    clearFieldError(gCapsule, gCapsuleError);
    const v = numberValue(gCapsule, gCapsuleError);
    if (v !== null) save((s) => ({ ...s, grams_per_capsule: v }));
  });
  gTsp.addEventListener("change", () => {
    clearFieldError(gTsp, gTspError);
    const v = numberValue(gTsp, gTspError);
    if (v !== null) save((s) => ({ ...s, grams_per_tsp: v }));
  });

  // ---- quick amounts editor ----

  function quickRow(q: { amount: string; form: Form }, index: number): HTMLElement {
    const amountId = `settings-quick-amount-${index}`;
    const formId = `settings-quick-form-${index}`;
    // Text, not a number box: "2,5" is read as 2.5 and "abc" is said to be wrong (a number box
    // hands over an empty value for both).
    const amount = h("input", {
      id: amountId,
      type: "text",
      class: "input number-input quick-amount",
      inputmode: "decimal",
      autocomplete: "off",
      value: q.amount,
    });
    const form = h(
      "select",
      { id: formId, class: "input quick-form" },
      ...FORMS.map((f) => h("option", { value: f.value }, f.label)),
    );
    form.value = q.form;
    const remove = h(
      "button",
      { type: "button", class: "button small subtle quick-remove", "aria-label": `Remove quick amount ${index + 1}` },
      "Remove",
    );
    amount.addEventListener("change", saveQuick);
    form.addEventListener("change", saveQuick);
    remove.addEventListener("click", () => {
      row.remove();
      renumber();
      saveQuick();
      (quickRows.querySelector<HTMLInputElement>(".quick-amount") ?? quickAdd).focus();
    });
    const row = h(
      "div",
      { class: "quick-row" },
      h("div", { class: "field" }, h("label", { for: amountId }, "Amount (g)"), amount),
      h("div", { class: "field" }, h("label", { for: formId }, "Form"), form),
      remove,
    );
    return row;
  }

  function renumber(): void {
    quickRows.querySelectorAll<HTMLElement>(".quick-row").forEach((row, i) => {
      const amount = row.querySelector<HTMLInputElement>(".quick-amount");
      const form = row.querySelector<HTMLSelectElement>(".quick-form");
      const labels = row.querySelectorAll("label");
      if (amount) amount.id = `settings-quick-amount-${i}`;
      if (form) form.id = `settings-quick-form-${i}`;
      labels[0]?.setAttribute("for", `settings-quick-amount-${i}`);
      labels[1]?.setAttribute("for", `settings-quick-form-${i}`);
      row.querySelector(".quick-remove")?.setAttribute("aria-label", `Remove quick amount ${i + 1}`);
    });
    updateQuickControls();
  }

  function rowCount(): number {
    return quickRows.querySelectorAll(".quick-row").length;
  }

  function updateQuickControls(): void {
    const custom = quickCustom.checked;
    quickRows.hidden = !custom;
    quickAdd.hidden = !custom;
    quickAdd.disabled = rowCount() >= MAX_QUICK;
  }

  function readQuick(): QuickAmount[] | null {
    const out: QuickAmount[] = [];
    for (const row of Array.from(quickRows.querySelectorAll<HTMLElement>(".quick-row"))) {
      const amount = row.querySelector<HTMLInputElement>(".quick-amount");
      const form = row.querySelector<HTMLSelectElement>(".quick-form");
      if (!amount || !form) continue;
      // A row still being filled in is left out; the others save.
      if (amount.value.trim() === "") continue;
      const n = parseAmount(amount.value);
      if (n === null) {
        saver.hideSaved();
        showFieldError(amount, quickError, "Enter each amount in grams, like 2.5.");
        return null;
      }
      out.push({ amount_g: n, form: form.value as Form });
    }
    return out;
  }

  function saveQuick(): void {
    clearFieldError(null, quickError);
    quickRows.querySelectorAll<HTMLElement>(".quick-amount").forEach((a) => clearFieldError(a, quickError));
    if (!quickCustom.checked) {
      save((s) => ({ ...s, quick_amounts: null }));
      return;
    }
    const list = readQuick();
    if (list) save((s) => ({ ...s, quick_amounts: list }));
  }

  quickAuto.addEventListener("change", () => {
    updateQuickControls();
    saveQuick();
  });
  quickCustom.addEventListener("change", () => {
    if (rowCount() === 0) {
      // Start from the buttons the user sees now.
      const start = app.state.usual.slice(0, MAX_QUICK).map((q) => ({ amount: formatNumber(q.amount_g), form: q.form }));
      const rows = start.length ? start : [{ amount: "", form: "powder" as Form }];
      replace(quickRows, ...rows.map(quickRow));
      renumber();
    }
    updateQuickControls();
    saveQuick();
  });
  quickAdd.addEventListener("click", () => {
    if (rowCount() >= MAX_QUICK) return;
    const row = quickRow({ amount: "", form: "powder" }, rowCount());
    quickRows.appendChild(row);
    renumber();
    row.querySelector<HTMLInputElement>(".quick-amount")?.focus();
  });

  return {
    el,
    fields: {
      grams_per_capsule: { control: gCapsule, error: gCapsuleError },
      grams_per_tsp: { control: gTsp, error: gTspError },
      ...(withQuick ? { quick_amounts: { control: null, error: quickError } } : {}),
    },
    dialogs: [],
    render() {
      const s = app.state.settings;
      gCapsule.value = formatNumber(s.grams_per_capsule);
      gTsp.value = formatNumber(s.grams_per_tsp);
      quickAuto.checked = s.quick_amounts === null;
      quickCustom.checked = s.quick_amounts !== null;
      replace(
        quickRows,
        ...(s.quick_amounts ?? []).map((q, i) => quickRow({ amount: formatNumber(q.amount_g), form: q.form }, i)),
      );
      updateQuickControls();
    },
  };
}
