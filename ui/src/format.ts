// Pure text formatting. Fixed English wording and number format (no locale surprises:
// the same look everywhere, decimal point "."). Dates and times follow the system's locale
// and are written by dates.ts.

import type { Dose, Form, Unit } from "./bindings";
import { clockText, longDay } from "./dates";


export const FORMS: ReadonlyArray<{ value: Form; label: string }> = [
  { value: "powder", label: "Powder" },
  { value: "capsules", label: "Capsules" },
  { value: "tablets", label: "Tablets" },
  { value: "extract", label: "Extract" },
  { value: "tea", label: "Tea" },
  { value: "other", label: "Other" },
];

export const UNITS: ReadonlyArray<{ value: Unit; label: string }> = [
  { value: "g", label: "g" },
  { value: "capsule", label: "capsules" },
  { value: "tsp", label: "tsp" },
];

/** Symptom scores 0-4. */
export const SEVERITY_WORDS = ["None", "Mild", "Moderate", "Severe", "Extreme"] as const;
/** CSS modifier for the band colour of a score 0-4. */
export const SEVERITY_CLASSES = ["none", "mild", "moderate", "severe", "extreme"] as const;

export const SLEEP_QUALITY_WORDS = ["Very poor", "Poor", "Fair", "Good", "Very good"] as const;
export const MOOD_WORDS = ["Very low", "Low", "Okay", "Good", "Very good"] as const;

export function formLabel(form: Form): string {
  return FORMS.find((f) => f.value === form)?.label ?? form;
}

export function severityWord(score: number): string {
  return SEVERITY_WORDS[clampScore(score)];
}

export function severityClass(score: number): string {
  return SEVERITY_CLASSES[clampScore(score)];
}

function clampScore(score: number): number {
  return Math.max(0, Math.min(4, Math.round(score)));
}

/**
 * A number with at most two decimals and no trailing zeros: 4.5 -> "4.5", 3 -> "3",
 * 1.35 -> "1.35", 4.499999999 -> "4.5". Decimal point always ".".
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "";
  const rounded = Math.round(n * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

export function formatGrams(g: number): string {
  return `${formatNumber(g)} g`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "4.5 g taken · 2 doses". Only for a day with at least one dose (else: the empty state). */
export function doseSummary(totalG: number, count: number): string {
  return `${formatGrams(totalG)} taken · ${plural(count, "dose", "doses")}`;
}

/** "3 check-ins today", "1 check-in today", "3 check-ins this day". */
export function checkinCount(count: number, isToday: boolean): string {
  if (count === 0) return isToday ? "No check-ins yet today" : "No check-ins this day";
  return `${plural(count, "check-in", "check-ins")} ${isToday ? "today" : "this day"}`;
}

/**
 * The day's heading, "Wednesday 25 November" (words and order from the locale, see dates.ts);
 * the year is added when it is not the year of `today` ("YYYY-MM-DD").
 */
export function dayHeading(date: string, today: string, locale?: string): string {
  return longDay(date, today, locale);
}

/** "5 capsules", "1 capsule", "1.5 tsp", "2.5 g". */
export function unitAmount(amount: number, unit: Unit): string {
  const n = formatNumber(amount);
  switch (unit) {
    case "capsule":
      return `${n} ${amount === 1 ? "capsule" : "capsules"}`;
    case "tsp":
      return `${n} tsp`;
    case "g":
      return `${n} g`;
  }
}

/** The amount shown in a dose row: "2.5 g", "2.5 g (5 capsules)", "~2.5 g" when estimated. */
export function doseAmountText(d: Pick<Dose, "amount_g" | "amount_entered" | "unit" | "estimated">): string {
  const main = `${d.estimated ? "~" : ""}${formatGrams(d.amount_g)}`;
  return d.unit === "g" ? main : `${main} (${unitAmount(d.amount_entered, d.unit)})`;
}

/** Label of a quick-log button: "Log 2.5 g powder". */
export function quickLabel(amountG: number, form: Form): string {
  return `Log ${formatGrams(amountG)} ${formLabel(form).toLowerCase()}`;
}

/** A short name for a dose, for aria-labels: "2.5 g powder at 03:10". */
export function doseName(d: Pick<Dose, "amount_g" | "form">, time: string): string {
  return `${formatGrams(d.amount_g)} ${formLabel(d.form).toLowerCase()} at ${time}`;
}

/** Live grams equivalent under the amount field: "= 2.5 g", or "" when it cannot be worked out. */
export function gramsEquivalent(amountText: string, unit: Unit, gramsPerCapsule: number, gramsPerTsp: number): string {
  if (unit === "g") return "";
  const text = amountText.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) return "";
  const n = Number(text);
  const per = unit === "capsule" ? gramsPerCapsule : gramsPerTsp;
  if (!Number.isFinite(n) || !(per > 0)) return "";
  return `= ${formatGrams(n * per)}`;
}

/** "Slept 4.5 h". */
export function sleepText(hours: number): string {
  return `Slept ${formatNumber(hours)} h`;
}

/** "Mood low" (0-4 on MOOD_WORDS). */
export function moodText(mood: number): string {
  const word = MOOD_WORDS[mood];
  return word ? `Mood ${word.toLowerCase()}` : "";
}

/** "Craving 6/10". */
export function cravingText(craving: number): string {
  return `Craving ${formatNumber(craving)}/10`;
}

/**
 * A saved kratom checklist's symptom total: "8 points · 3 rated". The checklist is not a
 * validated scale, so it has no band; the points are the sum of the rated items (0-4 each).
 * How many items the list had is left out: the person's own symptoms change the list, never an
 * old check-in (the live form says "3 of 14 rated").
 */
export function savedChecklistText(points: number, rated: number): string {
  if (rated === 0) return "No symptoms rated";
  return `${points} ${points === 1 ? "point" : "points"} · ${rated} rated`;
}

/** An hour of the day 0-23 on the locale's clock: "00:00" .. "23:00", or "12:00 AM" .. "11:00 PM". */
export function hourLabel(hour: number, locale?: string): string {
  return clockText(hour, 0, locale);
}

/** The colour class of a band word: none grey, mild bluish green, moderate orange, severe vermillion. */
export function bandClass(band: string): string {
  switch (band) {
    case "mild":
      return "mild";
    case "moderate":
      return "moderate";
    case "moderately severe":
      return "severe";
    case "severe":
      return "extreme";
    default:
      return "none";
  }
}

/** How Today names the form a check-in was filled in on. */
export function instrumentLabel(key: string): string {
  switch (key) {
    case "sows":
      return "SOWS";
    case "cows":
      return "COWS (clinician)";
    default:
      return "Kratom checklist";
  }
}

/** The total of a scored form beside its name: "23 / 64", "14 / 48 · incomplete". */
export function scoredText(c: { total: number; complete: boolean }, maxTotal: number): string {
  return `${c.total} / ${maxTotal}${c.complete ? "" : " · incomplete"}`;
}

/** "2 mg", "1 tablets", "" when no amount. */
export function medicineAmountText(amount: number | null, unit: string | null): string {
  if (amount === null) return unit ?? "";
  return unit ? `${formatNumber(amount)} ${unit}` : formatNumber(amount);
}
