// The time field of an entry form (dose, check-in, COWS, medicine): Taper's date and time
// control wired to the application (today, now, "Counts for …" with the day start hour), and
// clearing the field's error when the time changes.

import type { AppContext } from "./app-context";
import { createDateTimeField, type DateTimeField } from "./datetime-field";
import { clearFieldError } from "./dom";
import { diaryDayOf, parseLocal, toLocalInput } from "./time";

/** What the forms say to a time more than two minutes from now: Taper keeps what happened. */
export const STILL_TO_COME = "That time is still to come. Log it once it has happened.";

/** A local "YYYY-MM-DDTHH:MM" more than two minutes after `now` (a clock's slack). */
export function laterThanNow(local: string, now: Date = new Date()): boolean {
  const p = parseLocal(local);
  if (!p) return false;
  const at = new Date(p.year, p.month - 1, p.day, p.hour, p.minute);
  return at.getTime() - now.getTime() > 2 * 60_000;
}

export function entryTimeField(
  app: Pick<AppContext, "state" | "heading">,
  id: string,
  label: string,
  error: HTMLElement,
  onChange?: () => void,
): DateTimeField {
  const f: DateTimeField = createDateTimeField({
    id,
    label,
    today: () => app.state.today,
    now: () => toLocalInput(new Date()),
    countsFor: (local) => {
      if (laterThanNow(local)) return STILL_TO_COME;
      const day = diaryDayOf(local, app.state.settings.day_start_hour);
      return day ? `Counts for ${app.heading(day)}` : "";
    },
    onChange: () => {
      clearFieldError(f.input, error);
      onChange?.();
    },
  });
  return f;
}
