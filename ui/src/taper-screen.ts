// Taper: the taper chart large, today's target with "Step back", the schedule and its history.

import { showSaved } from "./saved-files";
import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { DayPlan, Plan } from "./bindings";
import { ChartLoader, createChartView, saveButtons } from "./chart-view";
import { h, replace } from "./dom";
import { formatGrams } from "./format";
import { currentDays, endText, historyText, notTodayText, planHeadline, scheduleRows, TAPER_RANGES, taperRange, type TaperRangeKey } from "./plan-form";
import { createSegmented } from "./segmented";
import { holdForViewOnly } from "./view-only";
import { createStepBackDialog, STEP_BACK_TEXT } from "./step-back-dialog";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "toast" | "go" | "refresh">;

export type TaperScreen = { el: HTMLElement; dialog: HTMLDialogElement; load(): Promise<void> };

export function createTaperScreen(app: Context): TaperScreen {
  const heading = h("h1", { id: "taper-heading", tabindex: -1 }, "Taper");
  const newPlan = h("button", { id: "taper-new-plan", type: "button", class: "button" }, "New plan");
  newPlan.addEventListener("click", () => app.go("plan"));

  let rangeKey: TaperRangeKey = "plan";
  const ranges = createSegmented("taper-range", "Days shown", TAPER_RANGES, rangeKey, (k) => {
    rangeKey = k;
    void drawChart();
  });
  const view = createChartView("taper-chart", "Taper chart");
  const chart = new ChartLoader("taper", view);
  const chartCard = h(
    "section",
    { class: "card chart-card", "aria-labelledby": "taper-chart-title" },
    h("div", { class: "card-head" }, h("h2", { id: "taper-chart-title" }, "Taken and planned"), ranges.el),
    view.el,
    saveButtons("taper", "taper", () => chart.request(taperRange(rangeKey)), (path) => showSaved(app.toast, [path]), (t) => app.toast.show(t)),
  );

  // empty state
  const createPlan = h("button", { id: "taper-create-plan", type: "button", class: "button primary" }, "Create a plan");
  createPlan.addEventListener("click", () => app.go("plan"));
  const empty = h(
    "section",
    { id: "taper-empty", class: "notice empty-plan", hidden: true },
    h("p", {}, "You don't have a taper plan yet. A plan gives each day a target that comes down step by step, at a pace you choose."),
    h("div", { class: "card-actions" }, createPlan),
  );

  // today
  const todayText = h("p", { id: "taper-today-text", class: "plan-headline" });
  const todayTaken = h("p", { id: "taper-today-taken", class: "summary" });
  const todayProgress = h("p", { id: "taper-today-progress", class: "plan-progress" });
  const stepBack = h("button", { id: "step-back", type: "button", class: "button" }, "Step back");
  const stepBackDialog = createStepBackDialog((plan, n) => {
    app.toast.show(`Stepped back: yesterday's amount for ${n === 1 ? "1 more day" : `${n} more days`}`);
    show(plan);
    void app.refresh();
    void loadToday();
  });
  stepBack.addEventListener("click", () => stepBackDialog.open());
  if (app.state.info.read_only) holdForViewOnly([newPlan, createPlan, stepBack]);
  const todayCard = h(
    "section",
    { id: "taper-today", class: "card", "aria-labelledby": "taper-today-title" },
    h("div", { class: "card-head" }, h("h2", { id: "taper-today-title" }, "Today"), todayTaken),
    todayText,
    todayProgress,
    h("div", { class: "step-back-row" }, stepBack, h("p", { class: "caption" }, STEP_BACK_TEXT)),
  );

  // schedule and history
  const end = h("p", { id: "plan-end", class: "summary" });
  const scheduleBody = h("tbody", {});
  const schedule = h(
    "div",
    { class: "schedule-scroll", tabindex: 0, role: "region", "aria-label": "Plan schedule, scrollable" },
    h(
      "table",
      { id: "plan-schedule", class: "schedule" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "num" }, "Day"), h("th", { scope: "col" }, "Date"), h("th", { scope: "col", class: "num" }, "Target"))),
      scheduleBody,
    ),
  );
  const history = h("ul", { id: "plan-history", class: "history", "aria-label": "Plan history" });
  const planCard = h(
    "section",
    { id: "taper-plan", class: "card", "aria-labelledby": "taper-plan-title" },
    h("div", { class: "card-head" }, h("h2", { id: "taper-plan-title" }, "Schedule"), end),
    h("div", { class: "plan-columns" }, schedule, h("div", { class: "history-box" }, h("h3", { class: "subhead" }, "History"), history)),
  );

  const loadError = h("p", { id: "taper-error", class: "notice error", role: "alert", hidden: true });

  const el = h(
    "section",
    { id: "screen-taper", class: "screen", "aria-labelledby": "taper-heading", hidden: true },
    h("header", { class: "screen-header" }, heading, newPlan),
    loadError,
    empty,
    chartCard,
    todayCard,
    planCard,
  );

  let seq = 0;
  let hadPlan = false;
  /** The plan shown, for what the Today card says on a day outside it. */
  let shown: Plan | null = null;

  function show(plan: Plan | null): void {
    shown = plan;
    empty.hidden = plan !== null;
    todayCard.hidden = plan === null;
    planCard.hidden = plan === null;
    newPlan.hidden = plan === null;
    if (!plan) return;
    const days = currentDays(plan);
    end.textContent = endText(days);
    replace(
      scheduleBody,
      ...scheduleRows(days, app.state.today).map((r) =>
        h(
          "tr",
          { class: `${r.isToday ? "today" : ""}${r.changed ? " step" : ""}`.trim() || null, "aria-current": r.isToday ? "date" : null, "data-date": r.date },
          h("td", { class: "num" }, r.number),
          h("td", {}, r.label, r.isToday ? h("span", { class: "tag today-tag" }, "Today") : null),
          h("td", { class: "num" }, r.target),
        ),
      ),
    );
    replace(history, ...plan.versions.map((v) => h("li", { class: `history-${v.change}` }, historyText(v, app.state.today))));
    void drawChart();
    // Keep today's row in view in a long schedule.
    const row = scheduleBody.querySelector<HTMLElement>("tr.today");
    if (row && !el.hidden) schedule.scrollTop = Math.max(0, row.offsetTop - schedule.clientHeight / 2);
  }

  function showToday(p: DayPlan | null): void {
    if (!p) {
      todayText.textContent = notTodayText(shown ? currentDays(shown) : [], app.state.today);
      todayTaken.textContent = "";
      todayProgress.textContent = "";
      stepBack.disabled = true;
      return;
    }
    todayText.textContent = planHeadline(p);
    todayTaken.textContent = `${formatGrams(p.progress.taken_g)} taken today`;
    todayProgress.textContent = p.text;
    stepBack.disabled = p.finished || app.state.info.read_only;
  }

  async function loadToday(): Promise<void> {
    try {
      const day = await api.getDay(app.state.today);
      showToday(day.plan);
    } catch {
      showToday(null);
    }
  }

  async function drawChart(): Promise<void> {
    await chart.load(taperRange(rangeKey));
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    try {
      const plan = await api.currentPlan();
      if (mine !== seq) return;
      loadError.hidden = true;
      // Without a plan "This plan" would mean the last 14 days anyway.
      ranges.setHidden("plan", plan === null);
      if (!plan && rangeKey === "plan") {
        rangeKey = "last14";
        ranges.set(rangeKey);
      } else if (plan && !hadPlan) {
        rangeKey = "plan";
        ranges.set(rangeKey);
      }
      hadPlan = plan !== null;
      show(plan);
      if (!plan) void drawChart();
      else void loadToday();
    } catch (e) {
      if (mine !== seq) return;
      loadError.textContent = normaliseError(e).message;
      loadError.hidden = false;
      void drawChart();
    }
  }

  return { el, dialog: stepBackDialog.el, load };
}
