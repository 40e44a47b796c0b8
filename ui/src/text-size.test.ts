import { describe, expect, it } from "vitest";
import { stepTextSize } from "./text-size";

describe("stepTextSize", () => {
  it("steps through the offered sizes and stops at the ends", () => {
    expect(stepTextSize(100, 1)).toBe(125);
    expect(stepTextSize(175, 1)).toBe(200);
    expect(stepTextSize(200, 1)).toBe(200);
    expect(stepTextSize(125, -1)).toBe(100);
    expect(stepTextSize(100, -1)).toBe(100);
  });
  it("moves a size between two offered ones to the nearest in that direction", () => {
    expect(stepTextSize(130, 1)).toBe(150);
    expect(stepTextSize(130, -1)).toBe(125);
  });
});
