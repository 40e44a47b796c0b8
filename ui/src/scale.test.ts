import { describe, expect, it } from "vitest";
import type { Band, Item } from "./bindings";
import { scaleLine, scaleScore, scaleText } from "./checkin-calc";
import { bandClass, instrumentLabel, medicineAmountText, scoredText } from "./format";

const words = ["Not at all", "A little", "Moderately", "Quite a bit", "Extremely"];
const sowsItems: Item[] = Array.from({ length: 16 }, (_, i) => ({
  key: `sows_${i}`,
  label: `Item ${i}`,
  allowed: [0, 1, 2, 3, 4],
  anchors: words,
  hint: null,
}));
const band = (min: number, max: number, label: string): Band => ({ min, max, label });
const SOWS = {
  short_name: "SOWS",
  items: sowsItems,
  bands: [band(0, 0, "none"), band(1, 10, "mild"), band(11, 20, "moderate"), band(21, 64, "severe")],
};
const COWS = {
  short_name: "COWS",
  items: [
    { key: "cows_pulse", label: "Resting pulse", allowed: [0, 1, 2, 4], anchors: ["a", "b", "c", "d"], hint: null },
    { key: "cows_gooseflesh", label: "Gooseflesh skin", allowed: [0, 3, 5], anchors: ["a", "b", "c"], hint: null },
  ],
  bands: [band(0, 4, "none"), band(5, 12, "mild")],
};
const all = (score: (i: number) => number) => sowsItems.map((it, i) => ({ key: it.key, score: score(i) }));

describe("SOWS and COWS live totals", () => {
  it("gives the total and band once all items are answered, at every band edge", () => {
    expect(scaleLine(SOWS, all(() => 0))).toBe("SOWS 0 / 64 · None");
    expect(scaleLine(SOWS, all((i) => (i === 0 ? 1 : 0)))).toBe("SOWS 1 / 64 · Mild");
    expect(scaleLine(SOWS, all((i) => (i < 10 ? 1 : 0)))).toBe("SOWS 10 / 64 · Mild");
    expect(scaleLine(SOWS, all((i) => (i < 11 ? 1 : 0)))).toBe("SOWS 11 / 64 · Moderate");
    expect(scaleLine(SOWS, all((i) => (i < 10 ? 2 : 0)))).toBe("SOWS 20 / 64 · Moderate");
    expect(scaleLine(SOWS, all((i) => (i < 7 ? 3 : 0)))).toBe("SOWS 21 / 64 · Severe");
    expect(scaleLine(SOWS, all(() => 4))).toBe("SOWS 64 / 64 · Severe");
  });

  it("says how far along an incomplete form is, without a band", () => {
    const some = all(() => 2).slice(0, 6);
    expect(scaleLine(SOWS, some)).toBe("SOWS 12 / 64 so far · answer all 16 for a band");
    expect(scaleLine(SOWS, [])).toBe("SOWS 0 / 64 so far · answer all 16 for a band");
    expect(scaleScore(SOWS, some)).toEqual({ total: 12, maxTotal: 64, answered: 6, complete: false, band: null });
  });

  it("gives a section heading its total over the fixed maximum, with the band once complete", () => {
    expect(scaleText(SOWS, all((i) => (i < 8 ? 2 : 0)))).toBe("16 / 64 · Moderate");
    expect(scaleText(SOWS, all(() => 2).slice(0, 6))).toBe("12 / 64 · 6 of 16 answered");
  });

  it("counts only allowed scores of the scale's own items (COWS)", () => {
    expect(scaleScore(COWS, [{ key: "cows_pulse", score: 3 }]).answered).toBe(0);
    expect(
      scaleLine(COWS, [
        { key: "cows_pulse", score: 4 },
        { key: "cows_gooseflesh", score: 5 },
        { key: "aches", score: 4 },
      ]),
    ).toBe("COWS 9 / 9 · Mild");
  });

  it("names bands with a colour class and instruments in words", () => {
    expect(["none", "mild", "moderate", "moderately severe", "severe"].map(bandClass)).toEqual([
      "none",
      "mild",
      "moderate",
      "severe",
      "extreme",
    ]);
    expect(instrumentLabel("sows")).toBe("SOWS");
    expect(instrumentLabel("kratom")).toBe("Kratom checklist");
    expect(scoredText({ total: 23, complete: true }, 64)).toBe("23 / 64");
    expect(scoredText({ total: 9, complete: false }, 48)).toBe("9 / 48 · incomplete");
    expect(medicineAmountText(2, "mg")).toBe("2 mg");
    expect(medicineAmountText(null, null)).toBe("");
  });
});
