import { describe, expect, it } from "vitest";
import {
  checkinCount,
  cravingText,
  moodText,
  dayHeading,
  doseAmountText,
  doseSummary,
  formatGrams,
  formatNumber,
  gramsEquivalent,
  hourLabel,
  quickLabel,
  severityWord,
  sleepText,
  savedChecklistText,
  unitAmount,
} from "./format";

describe("numbers", () => {
  it("shows at most two decimals, no trailing zeros, a decimal point", () => {
    expect(formatNumber(4.5)).toBe("4.5");
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(1.35)).toBe("1.35");
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(4.499999999)).toBe("4.5");
    expect(formatGrams(2.5)).toBe("2.5 g");
  });
});

describe("dose summary", () => {
  it("is exactly '4.5 g taken · 2 doses'", () => {
    expect(doseSummary(4.5, 2)).toBe("4.5 g taken · 2 doses");
  });

  it("uses the singular for one dose", () => {
    expect(doseSummary(2.5, 1)).toBe("2.5 g taken · 1 dose");
  });

  it("rounds float noise in totals", () => {
    expect(doseSummary(1.1 + 2.2, 2)).toBe("3.3 g taken · 2 doses");
  });
});

describe("check-in count", () => {
  it("says today or this day, singular and plural", () => {
    expect(checkinCount(3, true)).toBe("3 check-ins today");
    expect(checkinCount(1, true)).toBe("1 check-in today");
    expect(checkinCount(3, false)).toBe("3 check-ins this day");
    expect(checkinCount(1, false)).toBe("1 check-in this day");
  });
});

describe("day heading", () => {
  it("reads 'Wednesday 25 November' in the current year", () => {
    expect(dayHeading("2026-11-25", "2026-11-27", "en-GB")).toBe("Wednesday 25 November");
    expect(dayHeading("2026-01-01", "2026-11-27", "en-GB")).toBe("Thursday 1 January");
  });

  it("adds the year when it is not the current year", () => {
    expect(dayHeading("2025-12-31", "2026-01-02", "en-GB")).toBe("Wednesday 31 December 2025");
  });
});

describe("dose amounts", () => {
  const base = { amount_g: 2.5, amount_entered: 2.5, unit: "g" as const, estimated: false };

  it("shows grams", () => {
    expect(doseAmountText(base)).toBe("2.5 g");
  });

  it("adds what was entered in capsules or teaspoons", () => {
    expect(doseAmountText({ ...base, amount_entered: 5, unit: "capsule" })).toBe("2.5 g (5 capsules)");
    expect(doseAmountText({ ...base, amount_g: 0.5, amount_entered: 1, unit: "capsule" })).toBe("0.5 g (1 capsule)");
    expect(doseAmountText({ ...base, amount_g: 3, amount_entered: 1.5, unit: "tsp" })).toBe("3 g (1.5 tsp)");
  });

  it("marks an estimate with ~", () => {
    expect(doseAmountText({ ...base, estimated: true })).toBe("~2.5 g");
  });

  it("labels quick buttons 'Log 2.5 g powder'", () => {
    expect(quickLabel(2.5, "powder")).toBe("Log 2.5 g powder");
    expect(quickLabel(3, "capsules")).toBe("Log 3 g capsules");
  });

  it("names units", () => {
    expect(unitAmount(2, "capsule")).toBe("2 capsules");
    expect(unitAmount(1, "tsp")).toBe("1 tsp");
  });
});

describe("grams equivalent", () => {
  it("converts capsules and teaspoons live", () => {
    expect(gramsEquivalent("5", "capsule", 0.5, 2.5)).toBe("= 2.5 g");
    expect(gramsEquivalent("1.5", "tsp", 0.5, 2.5)).toBe("= 3.75 g");
    expect(gramsEquivalent("2,5", "tsp", 0.5, 2)).toBe("= 5 g");
  });

  it("says nothing for grams or for text that is not a number", () => {
    expect(gramsEquivalent("5", "g", 0.5, 2.5)).toBe("");
    expect(gramsEquivalent("abc", "capsule", 0.5, 2.5)).toBe("");
    expect(gramsEquivalent("-1", "capsule", 0.5, 2.5)).toBe("");
    expect(gramsEquivalent("", "capsule", 0.5, 2.5)).toBe("");
  });
});

describe("check-in words", () => {
  it("has a word for each score", () => {
    expect([0, 1, 2, 3, 4].map(severityWord)).toEqual(["None", "Mild", "Moderate", "Severe", "Extreme"]);
  });

  it("formats the summary parts", () => {
    expect(savedChecklistText(8, 3)).toBe("8 points · 3 rated");
    expect(savedChecklistText(1, 1)).toBe("1 point · 1 rated");
    expect(savedChecklistText(0, 0)).toBe("No symptoms rated");
    expect(cravingText(6)).toBe("Craving 6/10");
    expect(moodText(1)).toBe("Mood low");
    expect(moodText(4)).toBe("Mood very good");
    expect(moodText(9)).toBe("");
    expect(sleepText(4.5)).toBe("Slept 4.5 h");
  });

  it("labels day-start hours", () => {
    expect(hourLabel(0, "en-GB")).toBe("00:00");
    expect(hourLabel(4, "en-GB")).toBe("04:00");
    expect(hourLabel(23, "en-GB")).toBe("23:00");
    expect(hourLabel(0, "en-US")).toBe("12:00 AM");
    expect(hourLabel(4, "en-US")).toBe("4:00 AM");
  });
});
