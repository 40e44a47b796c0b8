// Today's quick-log chips: the person's usual amounts, and on a plan day what fits the plan.

import type { DayProgress, Form, QuickAmount } from "./bindings";
import { formatGrams, quickLabel } from "./format";

export type QuickChip = {
  amount_g: number;
  form: Form;
  /** "Log 2.5 g powder". */
  label: string;
  /** A second line: "rest of today's plan", "0.3 g over the plan"; null for none. */
  note: string | null;
  /** Logging it would take the day over the plan's target. */
  over: boolean;
};

/** Grams rounded to the 0.1 g the app logs in. */
function tenth(g: number): number {
  return Math.round(g * 10) / 10;
}

/**
 * The chips for `usual` amounts (most used first). With today's plan `progress`, a chip for
 * exactly what is left comes first (when none of the usual amounts is that), and each chip that
 * would go over the target says by how much (on a 0 g day, every one). Without a plan (or past
 * its end), the usual amounts as they are.
 */
export function quickChips(usual: ReadonlyArray<QuickAmount>, progress: DayProgress | null): QuickChip[] {
  const plain = usual.map((q) => ({ amount_g: q.amount_g, form: q.form, label: quickLabel(q.amount_g, q.form), note: null, over: false }));
  if (!progress) return plain;
  const left = tenth(Math.max(0, progress.left_g));
  const chips: QuickChip[] = plain.map((c) => {
    const over = tenth(c.amount_g - left);
    return over > 0 ? { ...c, note: `${formatGrams(over)} over plan`, over: true } : c;
  });
  if (left >= 0.1 && !usual.some((q) => tenth(q.amount_g) === left)) {
    const form = usual[0]?.form ?? "powder";
    chips.unshift({ amount_g: left, form, label: quickLabel(left, form), note: "rest of today's plan", over: false });
  }
  return chips;
}
