// "Step back": repeat yesterday's amount for a few days, then carry on. A new plan version is
// saved; the history keeps the old one.

import { api } from "./api";
import type { Plan } from "./bindings";
import { fieldError, h, showFieldError } from "./dom";
import { createFormDialog, field, fieldErrors } from "./form-dialog";
import { parseWhole } from "./plan-form";

export const STEP_BACK_TEXT = "Repeat yesterday's amount for a few days, then carry on. Your plan's history is kept.";

export type StepBackDialog = { el: HTMLDialogElement; open(): void };

export function createStepBackDialog(onDone: (plan: Plan, days: number) => void): StepBackDialog {
  const days = h("input", {
    id: "step-back-days",
    type: "number",
    class: "input number-input",
    min: 1,
    max: 60,
    step: 1,
    inputmode: "numeric",
    "aria-describedby": "step-back-days-help",
  });
  const daysError = fieldError("step-back-days-error");

  const d = createFormDialog({
    name: "step-back",
    title: "Step back",
    size: "narrow",
    body: [
      h("p", { id: "step-back-text" }, STEP_BACK_TEXT),
      field(
        "Days to repeat",
        days,
        h("p", { id: "step-back-days-help", class: "caption" }, "From 1 to 60. The rest of the plan moves later by this many days."),
        daysError,
      ),
    ],
    ids: { error: "step-back-error" },
    save: "Step back",
  });

  const fields = fieldErrors({ repeat_days: { control: days, error: daysError } });

  function clearErrors(): void {
    fields.clear();
    d.hideMessage();
  }

  d.form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (d.busy) return;
    clearErrors();
    const n = parseWhole(days.value);
    if (n === null || n < 1 || n > 60) {
      showFieldError(days, daysError, "Enter a whole number of days from 1 to 60.");
      days.focus();
      return;
    }
    await d.saveAndClose(
      () => api.stepBack(n),
      (plan) => onDone(plan, n),
      (err) => {
        if (!fields.showApiError(err)) d.showMessage(err.message);
      },
    );
  });

  return {
    el: d.el,
    open() {
      d.rememberOpener();
      clearErrors();
      days.value = "2";
      d.showModal();
      days.focus();
      days.select();
    },
  };
}
