// Plan: create a taper plan in three steps, with a live preview of the schedule.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError } from "./bindings";
import { createChartView } from "./chart-view";
import { fieldError, h } from "./dom";
import { field, fieldErrors } from "./form-dialog";
import { formatGrams } from "./format";
import { buildPlanParams, endText, type PlanField, type PlanForm, SHAPES, type ShapeKind, startBounds, suggestedText } from "./plan-form";
import { effectiveTheme } from "./theme";
import { createDateField } from "./datetime-field";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "toast" | "go" | "back" | "planChanged">;

export type PlanScreen = { el: HTMLElement; open(): Promise<void>; redraw(): void };

const PREVIEW_DELAY_MS = 250;

export function createPlanScreen(app: Context): PlanScreen {
  const heading = h("h1", { id: "plan-heading", tabindex: -1 }, "New taper plan");
  const replaceNote = h(
    "p",
    { id: "plan-replace-note", class: "caption", hidden: true },
    "You already have a plan. The new one takes over from its start day; the old one stays in the history.",
  );

  const num = (id: string, extra: Record<string, string | number> = {}) =>
    h("input", { id, type: "text", class: "input number-input", inputmode: "decimal", autocomplete: "off", spellcheck: "false", ...extra });

  // Step 1
  const startG = num("plan-start-g", { "aria-describedby": "plan-start-g-hint" });
  const startGHint = h("p", { id: "plan-start-g-hint", class: "caption" });
  const startGError = fieldError("plan-start-g-error");
  const step1 = h(
    "section",
    { class: "card plan-step", "aria-labelledby": "plan-step1-title" },
    h("h2", { id: "plan-step1-title" }, "1. How much you take now"),
    field("Current daily amount (grams)", startG, startGHint, startGError),
  );

  // Step 2: three cards with native radio semantics
  const shapeInputs = new Map<ShapeKind, HTMLInputElement>();
  const shapeCards = SHAPES.map((s) => {
    const input = h("input", { id: `plan-shape-${s.kind}`, type: "radio", name: "plan-shape", value: s.kind, class: "radio", "aria-describedby": `plan-shape-${s.kind}-desc` });
    shapeInputs.set(s.kind, input);
    input.addEventListener("change", () => {
      paintShape();
      schedulePreview();
    });
    return h(
      "label",
      { class: "shape-card", for: `plan-shape-${s.kind}`, "data-kind": s.kind },
      input,
      h("span", { class: "shape-text" }, h("span", { class: "shape-title" }, s.title), h("span", { id: `plan-shape-${s.kind}-desc`, class: "shape-desc" }, s.description)),
    );
  });
  const shapeError = fieldError("plan-shape-error");
  const step2 = h(
    "section",
    { id: "plan-shape", class: "card plan-step", "aria-labelledby": "plan-step2-title" },
    h("h2", { id: "plan-step2-title" }, "2. How it comes down"),
    h("div", { class: "shape-cards", role: "radiogroup", "aria-labelledby": "plan-step2-title" }, ...shapeCards),
    shapeError,
  );

  // Step 3
  const frontLoaded = h("input", { id: "plan-front-loaded", type: "checkbox", class: "checkbox", "aria-describedby": "plan-front-loaded-hint" });
  const detoxFields = h(
    "div",
    { id: "plan-detox-fields", class: "field" },
    h("div", { class: "check" }, frontLoaded, h("label", { for: "plan-front-loaded" }, "Front-loaded")),
    h("p", { id: "plan-front-loaded-hint", class: "caption" }, "Bigger cuts in the first days, smaller ones near the end."),
  );
  const percent = num("plan-percent");
  const percentError = fieldError("plan-percent-error");
  const percentEvery = num("plan-percent-every", { inputmode: "numeric" });
  const percentEveryError = fieldError("plan-percent-every-error");
  const percentFields = h(
    "div",
    { id: "plan-percent-fields", class: "field-row" },
    field("Cut by (%)", percent, percentError),
    field("Every (days)", percentEvery, percentEveryError),
  );
  const stepG = num("plan-step-g");
  const stepGError = fieldError("plan-step-g-error");
  const stepEvery = num("plan-step-every", { inputmode: "numeric" });
  const stepEveryError = fieldError("plan-step-every-error");
  const fixedFields = h(
    "div",
    { id: "plan-fixed-fields", class: "field-row" },
    field("Cut by (grams)", stepG, stepGError),
    field("Every (days)", stepEvery, stepEveryError),
  );
  const holdDays = num("plan-hold-days", { inputmode: "numeric", "aria-describedby": "plan-hold-days-hint" });
  const holdDaysError = fieldError("plan-hold-days-error");
  const holdField = field(
    "Extra days to hold each step",
    holdDays,
    h("p", { id: "plan-hold-days-hint", class: "caption" }, "0 for none."),
    holdDaysError,
  );
  const floorG = num("plan-floor-g", { "aria-describedby": "plan-floor-g-hint" });
  const floorGError = fieldError("plan-floor-g-error");
  const startError = fieldError("plan-start-error");
  const start = createDateField({ id: "plan-start", label: "Start date", today: () => app.state.today, onChange: () => schedulePreview() });
  start.el.append(h("p", { class: "caption" }, "Up to a week back."), startError);
  const capsules = h("input", { id: "plan-capsules", type: "checkbox", class: "checkbox" });
  const capsulesLabel = h("label", { for: "plan-capsules" });
  const capsulesError = fieldError("plan-capsules-error");

  const view = createChartView("plan-preview", "Preview of the plan");
  const previewEnd = h("p", { id: "plan-preview-end", class: "summary", "aria-live": "polite" });
  const previewSummary = h("p", { id: "plan-preview-summary", class: "caption" });

  const step3 = h(
    "section",
    { class: "card plan-step", "aria-labelledby": "plan-step3-title" },
    h("h2", { id: "plan-step3-title" }, "3. The details"),
    detoxFields,
    percentFields,
    fixedFields,
    h(
      "div",
      { class: "field-row" },
      holdField,
      field(
        "Stop below (grams)",
        floorG,
        h("p", { id: "plan-floor-g-hint", class: "caption" }, "A target under this becomes 0 g."),
        floorGError,
      ),
      start.el,
    ),
    h("div", { class: "check" }, capsules, capsulesLabel),
    capsulesError,
    h("div", { class: "preview", "aria-labelledby": "plan-preview-title", role: "group" }, h("h3", { id: "plan-preview-title", class: "subhead" }, "Preview"), previewEnd, view.el, previewSummary),
  );

  const formError = h("p", { id: "plan-error", class: "form-error", role: "alert", hidden: true });
  const save = h("button", { id: "plan-save", type: "submit", class: "button primary" }, "Start plan");
  const cancel = h("button", { id: "plan-cancel", type: "button", class: "button" }, "Cancel");
  cancel.addEventListener("click", () => app.back());

  const form = h(
    "form",
    { id: "plan-form", class: "plan-form", novalidate: true },
    step1,
    step2,
    step3,
    formError,
    h("div", { class: "actions plan-actions" }, cancel, save),
  );

  const el = h(
    "section",
    { id: "screen-plan", class: "screen", "aria-labelledby": "plan-heading", hidden: true },
    h("header", { class: "screen-header" }, heading),
    replaceNote,
    form,
  );

  // "every_days" is the shown shape's "Every (days)"; the shape's error focuses its chosen card.
  const fields = fieldErrors<Exclude<PlanField, "every_days"> | "percent_every" | "step_every">({
    start_g: { control: startG, error: startGError },
    shape: { control: null, error: shapeError },
    percent: { control: percent, error: percentError },
    percent_every: { control: percentEvery, error: percentEveryError },
    step_g: { control: stepG, error: stepGError },
    step_every: { control: stepEvery, error: stepEveryError },
    hold_days: { control: holdDays, error: holdDaysError },
    floor_g: { control: floorG, error: floorGError },
    start: { control: start.focusable, error: startError },
    grams_per_capsule: { control: capsules, error: capsulesError },
  });

  function shape(): ShapeKind {
    for (const [k, input] of shapeInputs) if (input.checked) return k;
    return "detox_week";
  }

  /** The slot of a field the plan form or the backend names (PlanField), if it has one. */
  function slotName(field: string | null): string | null {
    if (field === "every_days") return shape() === "fixed" ? "step_every" : "percent_every";
    return field === "percent_every" || field === "step_every" ? null : field;
  }

  function clearErrors(): void {
    fields.clear();
    formError.hidden = true;
    formError.textContent = "";
  }

  function showError(field: string | null, message: string, focus: boolean): void {
    const name = slotName(field);
    if (fields.show(name, message, focus)) {
      if (focus && name === "shape") shapeInputs.get(shape())?.focus();
    } else {
      formError.textContent = message;
      formError.hidden = false;
    }
  }

  function paintShape(): void {
    const k = shape();
    for (const card of shapeCards) card.classList.toggle("selected", card.dataset.kind === k);
    detoxFields.hidden = k !== "detox_week";
    percentFields.hidden = k !== "percentage";
    fixedFields.hidden = k !== "fixed";
    holdField.hidden = k === "detox_week";
  }

  function readForm(): PlanForm {
    return {
      startG: startG.value,
      shape: shape(),
      frontLoaded: frontLoaded.checked,
      percent: percent.value,
      percentEvery: percentEvery.value,
      stepG: stepG.value,
      stepEvery: stepEvery.value,
      holdDays: holdDays.value,
      floorG: floorG.value,
      start: start.value(),
      capsules: capsules.checked,
      gramsPerCapsule: app.state.settings.grams_per_capsule,
    };
  }

  // ---- live preview ----
  let timer: number | undefined;
  let previewSeq = 0;

  function schedulePreview(): void {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void preview(), PREVIEW_DELAY_MS);
  }

  async function preview(): Promise<void> {
    const seq = ++previewSeq;
    clearErrors();
    const built = buildPlanParams(readForm());
    if (!built.ok) {
      showError(built.field, built.message, false);
      previewEnd.textContent = "";
      previewSummary.textContent = "";
      view.note("The preview appears when the details above can be read.");
      return;
    }
    const { width, height } = view.size(0.4);
    view.loading();
    try {
      const p = await api.previewPlan(built.params, width, height, effectiveTheme());
      if (seq !== previewSeq) return;
      view.show(p.svg, p.summary);
      previewEnd.textContent = endText(p.days);
      previewSummary.textContent = p.summary;
    } catch (e) {
      if (seq !== previewSeq) return;
      const err = normaliseError(e);
      showError(err.field, err.message, false);
      previewEnd.textContent = "";
      previewSummary.textContent = "";
      if (fields.slot(slotName(err.field))) view.note("The preview appears when the details above are within range.");
      else view.showError(err.message);
    }
  }

  for (const c of [startG, percent, percentEvery, stepG, stepEvery, holdDays, floorG]) c.addEventListener("input", schedulePreview);
  for (const c of [frontLoaded, capsules]) c.addEventListener("change", schedulePreview);

  // ---- save ----
  let busy = false;
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy) return;
    clearErrors();
    const built = buildPlanParams(readForm());
    if (!built.ok) {
      showError(built.field, built.message, true);
      return;
    }
    busy = true;
    save.disabled = true;
    try {
      await api.createPlan(built.params);
      await app.planChanged();
      app.go("taper");
      app.toast.show("Plan started");
    } catch (err) {
      const a: ApiError = normaliseError(err);
      showError(a.field, a.message, true);
    } finally {
      busy = false;
      save.disabled = false;
    }
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.preventDefault();
      app.back();
    }
  });

  // ---- public ----
  async function open(): Promise<void> {
    const today = app.state.today;
    const bounds = startBounds(today);
    clearErrors();
    startG.value = "";
    startGHint.textContent = "About how much you take in a whole day.";
    shapeInputs.get("detox_week")!.checked = true;
    frontLoaded.checked = false;
    percent.value = "10";
    percentEvery.value = "3";
    stepG.value = "0.5";
    stepEvery.value = "3";
    holdDays.value = "0";
    floorG.value = "0";
    start.setBounds(bounds.min, bounds.max);
    start.set(today);
    capsules.checked = false;
    capsulesLabel.textContent = `Round to whole capsules (${formatGrams(app.state.settings.grams_per_capsule)} each, from Settings)`;
    paintShape();
    previewEnd.textContent = "";
    previewSummary.textContent = "";
    view.note("Enter your current daily amount to see the plan.");
    const [suggested, existing] = await Promise.all([api.suggestStart().catch(() => null), api.currentPlan().catch(() => null)]);
    replaceNote.hidden = existing === null;
    const text = suggestedText(suggested);
    if (text && startG.value === "") {
      startG.value = text;
      startGHint.textContent = "Average of your last 7 logged days. Change it if it is not right.";
    }
    if (startG.value !== "") void preview();
  }

  return { el, open, redraw: () => void preview() };
}
