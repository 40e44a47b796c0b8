// Pure check-in arithmetic, matching the backend's CheckIn.total / max_total / worst.

import type { ItemScore } from "./bindings";
import { severityWord } from "./format";

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

/** The live line under the check-in form: "Total 12 of 56 · worst: Moderate". */
export function totalLine(t: Totals): string {
  if (t.rated === 0) return "No symptoms rated yet";
  return `Total ${t.total} of ${t.maxTotal} · worst: ${severityWord(t.worst)}`;
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
