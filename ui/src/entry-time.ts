// The time field of an entry form (dose, check-in, COWS, medicine): Taper's date and time
// control wired to the application (today, now, "Counts for …" with the day start hour), and
// clearing the field's error when the time changes.

import type { AppContext } from "./app-context";
import { createDateTimeField, type DateTimeField } from "./datetime-field";
import { clearFieldError } from "./dom";
import { diaryDayOf, toLocalInput } from "./time";

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
