// Pure logic for the Plan and Taper screens: the form's text to PlanParams, numbers as typed,
// chart ranges and sizes, the schedule and history in words. No DOM, no backend.

import type { ChartRange, DayPlan, DayProgress, Plan, PlanDay, PlanParams, PlanVersion } from "./bindings";
import { formatGrams, formatNumber, plural } from "./format";
import { shortDay } from "./dates";
import { addDays, formatLocal, localPartsOf, parseDate } from "./time";

export type ShapeKind = "detox_week" | "percentage" | "fixed";

export const SHAPES: ReadonlyArray<{ kind: ShapeKind; title: string; description: string }> = [
  { kind: "detox_week", title: "Detox week", description: "Down to zero over seven days." },
  { kind: "percentage", title: "Percentage taper", description: "Cut a share of the amount every few days; steps get smaller." },
  { kind: "fixed", title: "Fixed steps", description: "Cut the same number of grams every few days." },
];

/** The Plan form as typed. Numbers stay text until the plan is built. */
export type PlanForm = {
  startG: string;
  shape: ShapeKind;
  frontLoaded: boolean;
  percent: string;
  percentEvery: string;
  stepG: string;
  stepEvery: string;
  holdDays: string;
  floorG: string;
  start: string;
  capsules: boolean;
  gramsPerCapsule: number;
};

/** A field of PlanParams (the names the backend uses in ApiError.field). */
export type PlanField = "start_g" | "shape" | "percent" | "step_g" | "every_days" | "hold_days" | "floor_g" | "start" | "grams_per_capsule";

export type Built = { ok: true; params: PlanParams } | { ok: false; field: PlanField; message: string };

/** "2.5", "2,5", " 3 " -> number; "", "abc", "1e3", "-1" -> null. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Whole numbers only: "3" -> 3; "2.5", "", "x" -> null. */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

function fail(field: PlanField, message: string): Built {
  return { ok: false, field, message };
}

/**
 * PlanParams from the form, or the first field that cannot be read, with words for it.
 * Only what cannot be sent is checked here; ranges and limits are the backend's to judge.
 */
export function buildPlanParams(f: PlanForm): Built {
  const startG = parseAmount(f.startG);
  if (startG === null) return fail("start_g", "Enter your current daily amount in grams, like 6 or 4.5.");
  if (!parseDate(f.start)) return fail("start", "Choose the day the plan starts.");

  let shape: PlanParams["shape"];
  switch (f.shape) {
    case "detox_week":
      shape = { kind: "detox_week", front_loaded: f.frontLoaded };
      break;
    case "percentage": {
      const percent = parseAmount(f.percent);
      if (percent === null) return fail("percent", "Enter the cut as a number, like 10.");
      const every = parseWhole(f.percentEvery);
      if (every === null) return fail("every_days", "Enter a whole number of days, like 3.");
      shape = { kind: "percentage", percent, every_days: every };
      break;
    }
    case "fixed": {
      const step = parseAmount(f.stepG);
      if (step === null) return fail("step_g", "Enter the cut in grams, like 0.5.");
      const every = parseWhole(f.stepEvery);
      if (every === null) return fail("every_days", "Enter a whole number of days, like 3.");
      shape = { kind: "fixed", step_g: step, every_days: every };
      break;
    }
  }

  let holdDays = 0;
  if (f.shape !== "detox_week") {
    const hold = f.holdDays.trim() === "" ? 0 : parseWhole(f.holdDays);
    if (hold === null) return fail("hold_days", "Enter a whole number of days, like 0 or 2.");
    holdDays = hold;
  }
  const floor = f.floorG.trim() === "" ? 0 : parseAmount(f.floorG);
  if (floor === null) return fail("floor_g", "Enter grams, like 0.5, or 0 for none.");

  return {
    ok: true,
    params: {
      start: f.start,
      start_g: startG,
      shape,
      hold_days: holdDays,
      floor_g: floor,
      rounding: f.capsules ? { kind: "capsules", grams_per_capsule: f.gramsPerCapsule } : { kind: "tenth" },
    },
  };
}

/** The suggested start amount as the field shows it (one decimal at most), or "". */
export function suggestedText(g: number | null): string {
  if (g === null || !Number.isFinite(g) || g <= 0) return "";
  return formatNumber(Math.round(g * 10) / 10);
}

// ---- charts ---------------------------------------------------------------------------------

export type TaperRangeKey = "plan" | "last14" | "all";
export type ProgressRangeKey = "week" | "month" | "quarter" | "all";

export const TAPER_RANGES: ReadonlyArray<{ key: TaperRangeKey; label: string }> = [
  { key: "plan", label: "This plan" },
  { key: "last14", label: "Last 14 days" },
  { key: "all", label: "All" },
];

export const PROGRESS_RANGES: ReadonlyArray<{ key: ProgressRangeKey; label: string }> = [
  { key: "week", label: "Week" },
  { key: "month", label: "Month" },
  { key: "quarter", label: "3 months" },
  { key: "all", label: "All" },
];

export function taperRange(key: TaperRangeKey): ChartRange {
  switch (key) {
    case "plan":
      return { kind: "plan" };
    case "last14":
      return { kind: "last", days: 14 };
    case "all":
      return { kind: "all" };
  }
}

export function progressRange(key: ProgressRangeKey): ChartRange {
  switch (key) {
    case "week":
      return { kind: "last", days: 7 };
    case "month":
      return { kind: "last", days: 30 };
    case "quarter":
      return { kind: "last", days: 91 };
    case "all":
      return { kind: "all" };
  }
}

export const CHART_MIN_W = 600;
export const CHART_MAX_W = 960;

/** The size to ask the backend for: the container's width within 600-960, height 0.45 of it. */
export function chartSize(containerWidth: number, ratio = 0.45): { width: number; height: number } {
  const w = Number.isFinite(containerWidth) && containerWidth > 0 ? containerWidth : CHART_MAX_W;
  const width = Math.round(Math.min(CHART_MAX_W, Math.max(CHART_MIN_W, w)));
  return { width, height: Math.round(width * ratio) };
}

// ---- words ----------------------------------------------------------------------------------

/** "Tue 24 Nov" / "Tue Nov 24" (the locale's order; the year when it is not this year). */
export function dayDate(date: string): string {
  return shortDay(date, formatLocal(localPartsOf(new Date())).slice(0, 10));
}

/** "Day 3 of 7 · target 3 g"; past the end: "Plan finished (7 days) · target 0 g". */
export function planHeadline(p: Pick<DayPlan, "day_number" | "total_days" | "target_g" | "finished">): string {
  if (p.finished) return `Plan finished (${plural(p.total_days, "day", "days")}) · target ${formatGrams(p.target_g)}`;
  return `Day ${p.day_number} of ${p.total_days} · target ${formatGrams(p.target_g)}`;
}

/** "4.5 g taken · 6 g planned · 1.5 g left" (or "· on target", "· 0.5 g more than planned"). */
export function plannedDoseSummary(pr: DayProgress): string {
  const base = `${formatGrams(pr.taken_g)} taken · ${formatGrams(pr.target_g)} planned`;
  if (pr.over_g > 0) return `${base} · ${formatGrams(pr.over_g)} more than planned`;
  if (pr.left_g > 0) return `${base} · ${formatGrams(pr.left_g)} left`;
  return `${base} · on target`;
}

/** The schedule now in force: the last version's days. */
export function currentDays(plan: Plan): PlanDay[] {
  return plan.versions.length ? plan.versions[plan.versions.length - 1].days : [];
}

export type ScheduleRow = { number: number; date: string; label: string; target: string; isToday: boolean; changed: boolean };

/** One row per plan day; `changed` marks the first day of each new step. */
export function scheduleRows(days: PlanDay[], today: string): ScheduleRow[] {
  return days.map((d, i) => ({
    number: i + 1,
    date: d.day,
    label: dayDate(d.day),
    target: formatGrams(d.target_g),
    isToday: d.day === today,
    changed: i > 0 && days[i - 1].step !== d.step,
  }));
}

/** "Plan started 22 Nov: 7 days, 6 g to 0 g", "Step back on 24 Nov: 2 days repeated". */
/** Whole days from `from` to `to` (both `YYYY-MM-DD`); 0 when either is not a date. */
function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) return 0;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** What the Taper screen says on a day outside the plan: when a plan still to come starts. */
export function notTodayText(days: PlanDay[], today: string): string {
  const first = days[0]?.day;
  if (first === undefined || first <= today) return "Today is not part of this plan.";
  const n = daysBetween(today, first);
  return `This plan starts on ${dayDate(first)}, in ${plural(n, "day", "days")}.`;
}

/** One line of the plan's history; a plan still to come "starts" (as of `today`). */
export function historyText(v: PlanVersion, today = ""): string {
  if (v.change === "step_back") {
    const n = v.repeat_days ?? 0;
    return `Step back on ${dayDate(v.effective_from)}: ${plural(n, "day", "days")} repeated`;
  }
  const first = v.days[0];
  const span = v.days.length ? `, ${plural(v.days.length, "day", "days")} from ${formatGrams(first.target_g)}` : "";
  const verb = today !== "" && v.effective_from > today ? "starts" : "started";
  return `Plan ${verb} ${dayDate(v.effective_from)}${span}`;
}

/** "Ends Sat 30 Nov · 9 days". */
export function endText(days: PlanDay[]): string {
  if (!days.length) return "";
  return `Ends ${dayDate(days[days.length - 1].day)} · ${plural(days.length, "day", "days")}`;
}

/** The earliest and latest start the backend accepts (7 days back, 60 ahead). */
export function startBounds(today: string): { min: string; max: string } {
  return { min: addDays(today, -7), max: addDays(today, 60) };
}
