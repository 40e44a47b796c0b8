// "Step back": repeat yesterday's amount for a few days, then carry on. A new plan version is
// saved; the history keeps the old one.

import { api, normaliseError } from "./api";
import type { Plan } from "./bindings";
import { clearFieldError, fieldError, h, showFieldError, wireFormDialog } from "./dom";
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
  const formError = h("p", { id: "step-back-error", class: "form-error", role: "alert", hidden: true });
  const save = h("button", { id: "step-back-save", type: "submit", class: "button primary" }, "Step back");
  const cancel = h("button", { id: "step-back-cancel", type: "button", class: "button" }, "Cancel");

  const form = h(
    "form",
    { id: "step-back-form", class: "dialog-form", novalidate: true },
    h("div", { class: "dialog-head" }, h("h2", { id: "step-back-title" }, "Step back")),
    h(
      "div",
      { class: "dialog-body" },
      h("p", { id: "step-back-text" }, STEP_BACK_TEXT),
      h(
        "div",
        { class: "field" },
        h("label", { for: "step-back-days" }, "Days to repeat"),
        days,
        h("p", { id: "step-back-days-help", class: "caption" }, "From 1 to 60. The rest of the plan moves later by this many days."),
        daysError,
      ),
    ),
    h("div", { class: "dialog-foot" }, formError, h("div", { class: "actions" }, cancel, save)),
  );
  const el = h("dialog", { id: "step-back-dialog", class: "dialog dialog-narrow", "aria-labelledby": "step-back-title" }, form);

  let opener: HTMLElement | null = null;
  let busy = false;

  function clearErrors(): void {
    clearFieldError(days, daysError);
    formError.textContent = "";
    formError.hidden = true;
  }

  function close(): void {
    if (el.open) el.close();
    if (opener?.isConnected && !opener.hasAttribute("disabled")) opener.focus();
    opener = null;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    clearErrors();
    const n = parseWhole(days.value);
    if (n === null || n < 1 || n > 60) {
      showFieldError(days, daysError, "Enter a whole number of days from 1 to 60.");
      days.focus();
      return;
    }
    busy = true;
    save.disabled = true;
    try {
      const plan = await api.stepBack(n);
      close();
      onDone(plan, n);
    } catch (err) {
      const a = normaliseError(err);
      if (a.field === "repeat_days") {
        showFieldError(days, daysError, a.message);
        days.focus();
      } else {
        formError.textContent = a.message;
        formError.hidden = false;
      }
    } finally {
      busy = false;
      save.disabled = false;
    }
  });
  wireFormDialog(el, form, cancel, close);

  return {
    el,
    open() {
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      clearErrors();
      days.value = "2";
      if (!el.open) el.showModal();
      days.focus();
      days.select();
    },
  };
}
