import { describe, expect, it } from "vitest";
import type { Settings } from "./bindings";
import { doneSettings, enterMeansNext, onboardingShows, passphraseChoice, STEPS, stepText } from "./onboarding-steps";

const settings: Settings = {
  day_start_hour: 4,
  grams_per_capsule: 0.5,
  grams_per_tsp: 2.5,
  quick_amounts: null,
  theme: "system",
  checkin_instrument: "kratom",
  lock_after_minutes: null,
  reminders: { checkin_at: null, dose_times: [], quiet_from: null, quiet_to: null },
  text_size: 100,
  onboarding_done: false,
};

describe("when the onboarding shows", () => {
  it("shows when the backend says it is due on a diary that can be written", () => {
    expect(onboardingShows({ onboarding: true, read_only: false })).toBe(true);
  });

  it("never shows when it is not due, or on a view-only diary", () => {
    expect(onboardingShows({ onboarding: false, read_only: false })).toBe(false);
    expect(onboardingShows({ onboarding: true, read_only: true })).toBe(false);
  });
});

describe("the onboarding's steps", () => {
  it("are four, counted from 1", () => {
    expect(STEPS.map((s) => s.key)).toEqual(["welcome", "units", "passphrase", "reminders"]);
    expect(stepText(0)).toBe("Step 1 of 4");
    expect(stepText(3)).toBe("Step 4 of 4");
  });

  it("mark only 'done' when skipped, and keep every other setting as given", () => {
    const saved = { ...settings, grams_per_capsule: 0.6, day_start_hour: 5 };
    expect(doneSettings(saved)).toEqual({ ...saved, onboarding_done: true });
    expect(saved.onboarding_done).toBe(false);
  });
});

describe("the passphrase step", () => {
  it("goes on without one when both boxes are empty", () => {
    expect(passphraseChoice("", "")).toEqual({ kind: "none" });
  });

  it("checks a typed one as Settings does", () => {
    expect(passphraseChoice("correct horse", "")).toMatchObject({ kind: "problem", focus: "second" });
    expect(passphraseChoice("", "correct horse")).toMatchObject({ kind: "problem", focus: "first" });
    expect(passphraseChoice("   ", "   ")).toMatchObject({ kind: "problem", message: "Type a passphrase." });
    expect(passphraseChoice("correct horse", "correct horse")).toEqual({ kind: "set", passphrase: "correct horse" });
  });
});

describe("Enter", () => {
  it("means Next in a box, a list, a tick box or on the heading", () => {
    expect(enterMeansNext("INPUT", "text")).toBe(true);
    expect(enterMeansNext("input", "checkbox")).toBe(true);
    expect(enterMeansNext("SELECT")).toBe(true);
    expect(enterMeansNext("H1")).toBe(true);
  });

  it("is left to buttons and links", () => {
    expect(enterMeansNext("BUTTON")).toBe(false);
    expect(enterMeansNext("A")).toBe(false);
    expect(enterMeansNext("TEXTAREA")).toBe(false);
    expect(enterMeansNext("input", "submit")).toBe(false);
  });
});
