import { describe, expect, it } from "vitest";
import { lockDue } from "./idle-lock";

const MIN = 60_000;

describe("the app lock", () => {
  it("never locks when it is off", () => {
    expect(lockDue(0, 10_000 * MIN, null)).toBe(false);
  });

  it("locks once the chosen minutes have passed without use, not before", () => {
    expect(lockDue(0, 5 * MIN - 1, 5)).toBe(false);
    expect(lockDue(0, 5 * MIN, 5)).toBe(true);
    expect(lockDue(1_000, 1_000 + MIN, 1)).toBe(true);
    // Use resets the wait: measured from the last activity.
    expect(lockDue(4 * MIN, 5 * MIN, 5)).toBe(false);
  });

  it("ignores a nonsensical setting", () => {
    expect(lockDue(0, 100 * MIN, 0)).toBe(false);
  });
});
