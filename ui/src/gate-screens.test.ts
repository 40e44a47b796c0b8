import { describe, expect, it } from "vitest";
import { passphrasePairProblem } from "./gate-screens";

describe("a new passphrase typed twice", () => {
  it("asks for one when it is empty or blank", () => {
    expect(passphrasePairProblem("", "")).toBe("Type a passphrase.");
    expect(passphrasePairProblem("   ", "   ")).toBe("Type a passphrase.");
  });

  it("says when the two differ, even by a capital or a space", () => {
    expect(passphrasePairProblem("correct horse", "Correct horse")).toMatch(/^The two passphrases are different/);
    expect(passphrasePairProblem("correct horse", "correct horse ")).toMatch(/^The two/);
  });

  it("accepts the same one twice (its length is checked by the backend)", () => {
    expect(passphrasePairProblem("correct horse battery", "correct horse battery")).toBeNull();
  });
});
