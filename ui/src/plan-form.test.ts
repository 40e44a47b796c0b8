import { describe, expect, it } from "vitest";
import type { PlanDay, PlanVersion } from "./bindings";
import {
  buildPlanParams,
  dayDate,
  chartSize,
  endText,
  historyText,
  notTodayText,
  parseAmount,
  parseWhole,
  planHeadline,
  plannedDoseSummary,
  type PlanForm,
  progressRange,
  scheduleRows,
  startBounds,
  suggestedText,
  taperRange,
} from "./plan-form";

const base: PlanForm = {
  startG: "6",
  shape: "detox_week",
  frontLoaded: false,
  percent: "10",
  percentEvery: "3",
  stepG: "0.5",
  stepEvery: "2",
  holdDays: "1",
  floorG: "0",
  start: "2026-11-25",
  capsules: false,
  gramsPerCapsule: 0.5,
};

describe("parseAmount / parseWhole", () => {
  it("reads decimals with a point or a comma", () => {
    expect(parseAmount("2.5")).toBe(2.5);
    expect(parseAmount(" 2,5 ")).toBe(2.5);
    expect(parseAmount("3")).toBe(3);
    expect(parseAmount(".5")).toBe(0.5);
  });
  it("refuses what is not a plain number", () => {
    for (const t of ["", " ", "abc", "-1", "1e3", "2.5g", "1.2.3", "Infinity"]) expect(parseAmount(t)).toBeNull();
  });
  it("reads whole numbers only", () => {
    expect(parseWhole("3")).toBe(3);
    expect(parseWhole(" 12 ")).toBe(12);
    for (const t of ["2.5", "", "x", "-2"]) expect(parseWhole(t)).toBeNull();
  });
});

describe("buildPlanParams", () => {
  it("builds a detox week (holds always 0)", () => {
    const r = buildPlanParams({ ...base, frontLoaded: true });
    expect(r).toEqual({
      ok: true,
      params: {
        start: "2026-11-25",
        start_g: 6,
        shape: { kind: "detox_week", front_loaded: true },
        hold_days: 0,
        floor_g: 0,
        rounding: { kind: "tenth" },
      },
    });
  });
  it("builds a percentage taper with holds and capsule rounding", () => {
    const r = buildPlanParams({ ...base, shape: "percentage", startG: "4,5", capsules: true, floorG: "0.5" });
    expect(r.ok && r.params).toEqual({
      start: "2026-11-25",
      start_g: 4.5,
      shape: { kind: "percentage", percent: 10, every_days: 3 },
      hold_days: 1,
      floor_g: 0.5,
      rounding: { kind: "capsules", grams_per_capsule: 0.5 },
    });
  });
  it("builds fixed steps; empty hold and floor mean 0", () => {
    const r = buildPlanParams({ ...base, shape: "fixed", holdDays: "", floorG: " " });
    expect(r.ok && r.params.shape).toEqual({ kind: "fixed", step_g: 0.5, every_days: 2 });
    expect(r.ok && [r.params.hold_days, r.params.floor_g]).toEqual([0, 0]);
  });
  it("names the field that cannot be read", () => {
    expect(buildPlanParams({ ...base, startG: "" })).toMatchObject({ ok: false, field: "start_g" });
    expect(buildPlanParams({ ...base, start: "2026-02-30" })).toMatchObject({ ok: false, field: "start" });
    expect(buildPlanParams({ ...base, shape: "percentage", percent: "ten" })).toMatchObject({ ok: false, field: "percent" });
    expect(buildPlanParams({ ...base, shape: "percentage", percentEvery: "1.5" })).toMatchObject({ ok: false, field: "every_days" });
    expect(buildPlanParams({ ...base, shape: "fixed", stepG: "" })).toMatchObject({ ok: false, field: "step_g" });
    expect(buildPlanParams({ ...base, shape: "fixed", holdDays: "x" })).toMatchObject({ ok: false, field: "hold_days" });
    expect(buildPlanParams({ ...base, floorG: "-1" })).toMatchObject({ ok: false, field: "floor_g" });
  });
  it("ignores the fields of the other shapes", () => {
    expect(buildPlanParams({ ...base, percent: "x", stepG: "y", holdDays: "z" }).ok).toBe(true);
  });
});

describe("chart ranges and sizes", () => {
  it("maps the tabs to ranges", () => {
    expect(taperRange("plan")).toEqual({ kind: "plan" });
    expect(taperRange("last14")).toEqual({ kind: "last", days: 14 });
    expect(taperRange("all")).toEqual({ kind: "all" });
    expect(progressRange("week")).toEqual({ kind: "last", days: 7 });
    expect(progressRange("month")).toEqual({ kind: "last", days: 30 });
    expect(progressRange("quarter")).toEqual({ kind: "last", days: 91 });
    expect(progressRange("all")).toEqual({ kind: "all" });
  });
  it("keeps the width within 600-960 and the height at 0.45 of it", () => {
    expect(chartSize(800)).toEqual({ width: 800, height: 360 });
    expect(chartSize(300)).toEqual({ width: 600, height: 270 });
    expect(chartSize(1500)).toEqual({ width: 960, height: 432 });
    expect(chartSize(0)).toEqual({ width: 960, height: 432 });
    expect(chartSize(700.6, 0.5)).toEqual({ width: 701, height: 351 });
  });
});

describe("words", () => {
  it("says the day, total and target", () => {
    expect(planHeadline({ day_number: 3, total_days: 7, target_g: 3, finished: false })).toBe("Day 3 of 7 · target 3 g");
    expect(planHeadline({ day_number: 9, total_days: 7, target_g: 0, finished: true })).toBe("Plan finished (7 days) · target 0 g");
  });
  it("sums up the day against the plan, kindly", () => {
    expect(plannedDoseSummary({ target_g: 6, taken_g: 4.5, left_g: 1.5, over_g: 0 })).toBe("4.5 g taken · 6 g planned · 1.5 g left");
    expect(plannedDoseSummary({ target_g: 3, taken_g: 3, left_g: 0, over_g: 0 })).toBe("3 g taken · 3 g planned · on target");
    expect(plannedDoseSummary({ target_g: 3, taken_g: 3.5, left_g: 0, over_g: 0.5 })).toBe("3.5 g taken · 3 g planned · 0.5 g more than planned");
  });
  const days: PlanDay[] = [
    { day: "2026-11-23", target_g: 6, step: 1 },
    { day: "2026-11-24", target_g: 6, step: 1 },
    { day: "2026-11-25", target_g: 4.5, step: 2 },
  ];
  it("lists the schedule with today and new steps marked", () => {
    const rows = scheduleRows(days, "2026-11-24");
    expect(rows.map((r) => [r.number, r.label, r.target, r.isToday, r.changed])).toEqual([
      [1, "Mon 23 Nov", "6 g", false, false],
      [2, "Tue 24 Nov", "6 g", true, false],
      [3, "Wed 25 Nov", "4.5 g", false, true],
    ]);
    expect(endText(days)).toBe("Ends Wed 25 Nov · 3 days");
    expect(endText([])).toBe("");
  });
  it("tells the history", () => {
    const v = (change: PlanVersion["change"], repeat: number | null): PlanVersion => ({
      version: 1,
      change,
      effective_from: "2026-11-24",
      repeat_days: repeat,
      days,
      created_at: "2026-11-24T10:00:00Z",
    });
    expect(historyText(v("step_back", 2))).toBe("Step back on Tue 24 Nov: 2 days repeated");
    expect(historyText(v("step_back", 1))).toBe("Step back on Tue 24 Nov: 1 day repeated");
    expect(historyText(v("created", null))).toBe("Plan started Tue 24 Nov, 3 days from 6 g");
    expect(historyText(v("created", null), "2026-11-24")).toBe("Plan started Tue 24 Nov, 3 days from 6 g");
    expect(historyText(v("created", null), "2026-11-20")).toBe("Plan starts Tue 24 Nov, 3 days from 6 g");
  });
  it("says when a plan still to come starts", () => {
    const ahead = [{ day: "2026-12-10", target_g: 5, step: 1 }];
    expect(notTodayText(ahead, "2026-11-29")).toBe("This plan starts on Thu 10 Dec, in 11 days.");
    expect(notTodayText(ahead, "2026-12-09")).toBe("This plan starts on Thu 10 Dec, in 1 day.");
    expect(notTodayText(ahead, "2026-12-20")).toBe("Today is not part of this plan.");
    expect(notTodayText([], "2026-12-20")).toBe("Today is not part of this plan.");
  });
  it("formats dates and the suggestion", () => {
    expect(dayDate("2026-01-05")).toBe("Mon 5 Jan");
    expect(suggestedText(5.96)).toBe("6");
    expect(suggestedText(4.44)).toBe("4.4");
    expect(suggestedText(null)).toBe("");
    expect(suggestedText(0)).toBe("");
    expect(startBounds("2026-11-25")).toEqual({ min: "2026-11-18", max: "2027-01-24" });
  });
});
