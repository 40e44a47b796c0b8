// Pure check-in arithmetic, matching the backend's CheckIn.total / max_total / worst.

import type { Instrument, ItemScore } from "./bindings";
import { plural } from "./format";

export type Totals = { total: number; maxTotal: number; worst: number; rated: number };

/** Sum of the rated items, 4 x the number of rated items, the highest score (0 when none). */
export function computeTotals(items: ReadonlyArray<ItemScore>): Totals {
  let total = 0;
  let worst = 0;
  let rated = 0;
  for (const it of items) {
    if (!Number.isInteger(it.score) || it.score < 0 || it.score > 4) continue;
    total += it.score;
    worst = Math.max(worst, it.score);
    rated += 1;
  }
  return { total, maxTotal: rated * 4, worst, rated };
}

/**
 * The kratom checklist's symptom total, which is not a validated scored scale: points and how
 * many of the `listed` items were rated, never a band. "8 points · 3 of 14 rated".
 */
export function checklistText(t: Totals, listed: number): string {
  if (t.rated === 0) return "No symptoms rated yet";
  return `${plural(t.total, "point", "points")} · ${t.rated} of ${Math.max(listed, t.rated)} rated`;
}

/** The live line under the check-in form: "Symptom total: 8 points · 3 of 14 rated". */
export function totalLine(t: Totals, listed: number): string {
  return t.rated === 0 ? "No symptoms rated yet" : `Symptom total: ${checklistText(t, listed)}`;
}

/** Rated items in the given display order (unrated keys are left out). */
export function itemsFromScores(order: ReadonlyArray<string>, scores: ReadonlyMap<string, number>): ItemScore[] {
  const out: ItemScore[] = [];
  for (const key of order) {
    const score = scores.get(key);
    if (score !== undefined) out.push({ key, score });
  }
  return out;
}

/** What a scored instrument (SOWS, COWS) needs for its live total. */
export type Scale = Pick<Instrument, "short_name" | "items" | "bands">;

export type ScaleScore = { total: number; maxTotal: number; answered: number; complete: boolean; band: string | null };

/** Total of the answered items of `scale` (others ignored), its band once every item is answered. */
export function scaleScore(scale: Scale, items: ReadonlyArray<ItemScore>): ScaleScore {
  let total = 0;
  let answered = 0;
  let maxTotal = 0;
  for (const item of scale.items) {
    maxTotal += Math.max(0, ...item.allowed);
    const a = items.find((i) => i.key === item.key);
    if (a && item.allowed.includes(a.score)) {
      total += a.score;
      answered += 1;
    }
  }
  const complete = answered === scale.items.length && answered > 0;
  const band = complete ? (scale.bands.find((b) => total >= b.min && total <= b.max)?.label ?? null) : null;
  return { total, maxTotal, answered, complete, band };
}

/**
 * A scored instrument's total over its fixed maximum with its band once every item is
 * answered: "23 / 64 · Severe"; before that "12 / 64 · 6 of 16 answered".
 */
export function scaleText(scale: Scale, items: ReadonlyArray<ItemScore>): string {
  const s = scaleScore(scale, items);
  if (s.complete && s.band) return `${s.total} / ${s.maxTotal} · ${capitalise(s.band)}`;
  return `${s.total} / ${s.maxTotal} · ${s.answered} of ${scale.items.length} answered`;
}

/** "SOWS 23 / 64 · Severe", or "SOWS 12 / 64 so far · answer all 16 for a band". */
export function scaleLine(scale: Scale, items: ReadonlyArray<ItemScore>): string {
  const s = scaleScore(scale, items);
  if (s.complete && s.band) return `${scale.short_name} ${s.total} / ${s.maxTotal} · ${capitalise(s.band)}`;
  return `${scale.short_name} ${s.total} / ${s.maxTotal} so far · answer all ${scale.items.length} for a band`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
