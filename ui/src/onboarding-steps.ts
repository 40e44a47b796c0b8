// The first-start onboarding's rules, apart from its page (so they are tested without a DOM):
// when it shows, its steps, what Skip and Finish save, and what a typed passphrase means.

import type { AppInfo, Settings } from "./bindings";
import { passphrasePairProblem } from "./gate-screens";

export type StepKey = "welcome" | "units" | "passphrase" | "reminders";

/** The steps in order, with the short name the step list shows. */
export const STEPS: ReadonlyArray<{ key: StepKey; name: string }> = [
  { key: "welcome", name: "About" },
  { key: "units", name: "Units and day" },
  { key: "passphrase", name: "Passphrase" },
  { key: "reminders", name: "Reminders" },
];

/** "Step 2 of 4" for the step at `index` (from 0). */
export function stepText(index: number): string {
  return `Step ${index + 1} of ${STEPS.length}`;
}

/**
 * Whether the page opens on the onboarding: the backend says it is due (a new diary with no
 * entries that never finished or skipped it) and the diary can be written to.
 */
export function onboardingShows(info: Pick<AppInfo, "onboarding" | "read_only">): boolean {
  return info.onboarding && !info.read_only;
}

/**
 * What Skip or Finish saves: `settings` (the last saved ones for Skip, so nothing of the
 * skipped step goes in; the reminders step's for Finish) marked done, in one save.
 */
export function doneSettings(settings: Settings): Settings {
  return { ...settings, onboarding_done: true };
}

export type PassphraseChoice =
  | { kind: "none" }
  | { kind: "problem"; message: string; focus: "first" | "second" }
  | { kind: "set"; passphrase: string };

/**
 * The passphrase step's two boxes: both empty goes on without one; otherwise the same checks
 * as Settings › Privacy (the length is the backend's).
 */
export function passphraseChoice(first: string, second: string): PassphraseChoice {
  if (first === "" && second === "") return { kind: "none" };
  const problem = passphrasePairProblem(first, second);
  if (problem) return { kind: "problem", message: problem, focus: problem.startsWith("The two") ? "second" : "first" };
  return { kind: "set", passphrase: first };
}

/**
 * Whether Enter on an element (by tag and input type) means Next. Buttons, links, text areas
 * and disclosure summaries keep Enter for themselves.
 */
export function enterMeansNext(tag: string, type: string | null = null): boolean {
  const t = tag.toLowerCase();
  if (t === "button" || t === "a" || t === "textarea" || t === "summary") return false;
  if (t === "input" && (type === "button" || type === "submit" || type === "reset")) return false;
  return true;
}
