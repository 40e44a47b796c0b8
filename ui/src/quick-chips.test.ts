import { describe, expect, it } from "vitest";
import { quickChips } from "./quick-chips";

const usual = [
  { amount_g: 1.5, form: "powder" as const },
  { amount_g: 2.5, form: "powder" as const },
];

describe("quick-log chips", () => {
  it("are the usual amounts when there is no plan", () => {
    const chips = quickChips(usual, null);
    expect(chips.map((c) => c.label)).toEqual(["Log 1.5 g powder", "Log 2.5 g powder"]);
    expect(chips.every((c) => !c.over && c.note === null)).toBe(true);
  });

  it("offer what is left of the plan first, and say which would go over", () => {
    const chips = quickChips(usual, { target_g: 5.4, taken_g: 3.4, left_g: 2, over_g: 0 });
    expect(chips.map((c) => [c.label, c.note, c.over])).toEqual([
      ["Log 2 g powder", "rest of today's plan", false],
      ["Log 1.5 g powder", null, false],
      ["Log 2.5 g powder", "0.5 g over plan", true],
    ]);
  });

  it("add no chip for what is left when a usual amount is just that", () => {
    const chips = quickChips(usual, { target_g: 4, taken_g: 2.5, left_g: 1.5, over_g: 0 });
    expect(chips.map((c) => c.amount_g)).toEqual([1.5, 2.5]);
    expect(chips[1].note).toBe("1 g over plan");
  });

  it("mark every chip once the target is reached", () => {
    const chips = quickChips(usual, { target_g: 4, taken_g: 4.5, left_g: 0, over_g: 0.5 });
    expect(chips.map((c) => c.note)).toEqual(["1.5 g over plan", "2.5 g over plan"]);
  });

  it("say on a 0 g day that any amount goes over", () => {
    expect(quickChips(usual, { target_g: 0, taken_g: 0, left_g: 0, over_g: 0 }).every((c) => c.over)).toBe(true);
  });
});
