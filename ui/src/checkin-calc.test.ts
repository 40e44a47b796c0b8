import { describe, expect, it } from "vitest";
import { checklistText, computeTotals, itemsFromScores, totalLine } from "./checkin-calc";

describe("check-in totals", () => {
  it("sums rated items; the max counts rated items x 4; worst is the highest score", () => {
    const t = computeTotals([
      { key: "aches", score: 3 },
      { key: "insomnia", score: 4 },
      { key: "anxiety", score: 0 },
      { key: "sweating", score: 2 },
    ]);
    expect(t).toEqual({ total: 9, maxTotal: 16, worst: 4, rated: 4 });
    expect(totalLine(t, 14)).toBe("Symptom total: 9 points · 4 of 14 rated");
    expect(checklistText(t, 14)).toBe("9 points · 4 of 14 rated");
  });

  it("counts a 0 as rated (it raises the max)", () => {
    const t = computeTotals([{ key: "a", score: 0 }]);
    expect(t).toEqual({ total: 0, maxTotal: 4, worst: 0, rated: 1 });
    expect(totalLine(t, 14)).toBe("Symptom total: 0 points · 1 of 14 rated");
  });

  it("matches the issue's example and never names a band (the checklist is not a scored scale)", () => {
    const items = [
      { key: "a", score: 4 },
      { key: "b", score: 3 },
      { key: "c", score: 1 },
    ];
    const text = totalLine(computeTotals(items), 14);
    expect(text).toBe("Symptom total: 8 points · 3 of 14 rated");
    expect(text).not.toMatch(/Extreme|Severe|Moderate|Mild|None|\/ /);
    expect(checklistText(computeTotals([{ key: "a", score: 1 }]), 14)).toBe("1 point · 1 of 14 rated");
  });

  it("says so when nothing is rated", () => {
    const t = computeTotals([]);
    expect(t).toEqual({ total: 0, maxTotal: 0, worst: 0, rated: 0 });
    expect(totalLine(t, 14)).toBe("No symptoms rated yet");
  });

  it("ignores scores outside 0-4", () => {
    expect(computeTotals([{ key: "a", score: 7 }, { key: "b", score: 1 }])).toEqual({
      total: 1,
      maxTotal: 4,
      worst: 1,
      rated: 1,
    });
  });

  it("lists rated items in display order and leaves unrated ones out", () => {
    const scores = new Map([
      ["c", 1],
      ["a", 3],
    ]);
    expect(itemsFromScores(["a", "b", "c"], scores)).toEqual([
      { key: "a", score: 3 },
      { key: "c", score: 1 },
    ]);
  });
});
