// Taper's own date and time controls, used instead of the browser's date fields so that every
// date is written the one way dates.ts writes them ("Sun 29 Nov", the locale's clock).
//
// createDateTimeField: the day ("‹ Sun 29 Nov ›"; arrow keys on the day change it), the time
// (typed; ↑/↓ step the hours or the minutes, whichever the caret is in), quick chips Now,
// −30 min and −1 h, and a line saying which diary day the entry counts for.
//
// createDateField: the day only ("‹ Sun 29 Nov ›", optional bounds), e.g. a plan's start date or
// a "Go to date" control.
//
// Values are the same strings as before: a local wall-clock "YYYY-MM-DDTHH:MM" and a day
// "YYYY-MM-DD" (see time.ts).

import { clockText, firstDayOfWeek, longDay, monthTitle, parseClock, shortDay, uses12Hour, weekdayNames } from "./dates";
import { h, replace } from "./dom";
import { addDays, daysInMonth, formatLocal, localToDate, parseDate, parseLocal, shiftLocal, toLocalInput, weekday } from "./time";

// ---- pure helpers (unit tested) ----

/** The same wall-clock time `days` calendar days later (a day button): "…-29T16:14" -> "…-28T16:14". */
export function moveDay(local: string, days: number): string | null {
  const p = parseLocal(local);
  if (!p) return null;
  return `${addDays(local.slice(0, 10), days)}T${local.slice(11, 16)}`;
}

/**
 * An arrow-key step of the time: the clock moved by `minutes` (23:59 + 1 min is 00:00 of the
 * next day; 31 Jan 23:30 + 1 h is 1 Feb 00:30). Where the clock skips an hour (DST starts) the
 * step goes over the gap (01:30 + 1 h is 03:30); where it repeats one (DST ends) the step still
 * moves on (02:30 + 1 h is 03:30), so stepping never sticks.
 */
export function stepTime(local: string, minutes: number): string | null {
  const p = parseLocal(local);
  if (!p) return null;
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute + minutes));
  const wall = formatLocal({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  });
  const real = localToDate(wall);
  // A wall-clock time that does not exist here: real minutes instead (they jump the gap).
  return real && toLocalInput(real) === wall ? wall : shiftLocal(local, minutes);
}

/** The local value for a typed time on `date`, or null when the text is not a time. */
export function withTypedTime(date: string, text: string, locale?: string): string | null {
  const d = parseDate(date);
  const t = parseClock(text, locale);
  if (!d || !t) return null;
  return formatLocal({ ...d, hour: t.hour, minute: t.minute });
}

/** The step an arrow key makes with the caret at `caret` in `text`: hours before the ":", else minutes. */
export function stepSize(text: string, caret: number): number {
  const colon = text.search(/[:.h]/);
  return colon >= 0 && caret <= colon ? 60 : 1;
}

/** `date` kept within [min, max] ("YYYY-MM-DD"; either bound may be empty). */
export function clampDay(date: string, min: string | null, max: string | null): string {
  if (min && date < min) return min;
  if (max && date > max) return max;
  return date;
}

/**
 * The days a month's calendar shows, whole weeks from `firstDay` (0 = Sunday, 1 = Monday):
 * "YYYY-MM-DD" strings, including the ends of the months before and after.
 */
export function monthGrid(year: number, month: number, firstDay: number): string[] {
  const first = formatLocal({ year, month, day: 1, hour: 0, minute: 0 }).slice(0, 10);
  const lead = (weekday(first) - firstDay + 7) % 7;
  const start = addDays(first, -lead);
  const weeks = Math.ceil((lead + daysInMonth(year, month)) / 7);
  return Array.from({ length: weeks * 7 }, (_, i) => addDays(start, i));
}

/** The same day of the month `n` months later, kept within that month ("…-31" + 1 -> "…-30"). */
export function addMonths(date: string, n: number): string {
  const p = parseDate(date);
  if (!p) return date;
  const index = p.year * 12 + (p.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatLocal({ year, month, day: Math.min(p.day, daysInMonth(year, month)), hour: 0, minute: 0 }).slice(0, 10);
}

// ---- the day part, shared ----

type DayPart = {
  box: HTMLElement;
  spin: HTMLElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
  /** The calendar, shown under the control's row when its button is pressed. */
  calendar: HTMLElement;
  render(date: string, today: string, min: string | null, max: string | null): void;
};

function dayPart(id: string, label: string, locale: string | undefined, move: (days: number) => void, pick: (date: string) => void): DayPart {
  const spin = h("span", {
    id: `${id}-date`,
    class: "dtf-date",
    role: "spinbutton",
    tabindex: 0,
    "aria-label": `${label}: day`,
    "aria-describedby": `${id}-date-hint`,
  });
  const hint = h("span", { id: `${id}-date-hint`, class: "visually-hidden" }, "Up and down arrow keys change the day.");
  const prev = h("button", { id: `${id}-prev-day`, type: "button", class: "button dtf-step arrow-prev", tabindex: -1, "aria-label": "Previous day" });
  const next = h("button", { id: `${id}-next-day`, type: "button", class: "button dtf-step arrow-next", tabindex: -1, "aria-label": "Next day" });
  const open = h("button", {
    id: `${id}-calendar-button`,
    type: "button",
    class: "button dtf-step dtf-open",
    "aria-label": "Choose the day on a calendar",
    "aria-expanded": "false",
    "aria-controls": `${id}-calendar`,
  });
  prev.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(1));
  spin.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const steps: Record<string, number> = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 7, PageDown: -7 };
    const n = steps[e.key];
    if (n === undefined) return;
    e.preventDefault();
    move(n);
  });
  spin.addEventListener("click", () => toggle(true));
  const box = h("div", { class: "dtf-day" }, prev, spin, next, open, hint);

  // ---- the calendar: a month of day buttons; arrow keys move, Enter or Space picks, Esc closes ----
  const monthPrev = h("button", { id: `${id}-month-prev`, type: "button", class: "button dtf-step arrow-prev", "aria-label": "Previous month" });
  const monthNext = h("button", { id: `${id}-month-next`, type: "button", class: "button dtf-step arrow-next", "aria-label": "Next month" });
  const title = h("span", { id: `${id}-calendar-title`, class: "dtf-cal-title", "aria-live": "polite" });
  const grid = h("div", { class: "dtf-cal-grid", role: "group", "aria-labelledby": `${id}-calendar-title` });
  const calendar = h(
    "div",
    { id: `${id}-calendar`, class: "dtf-calendar", hidden: true },
    h("div", { class: "dtf-cal-head" }, monthPrev, title, monthNext),
    grid,
  );
  const firstDay = firstDayOfWeek(locale);
  let selected = "";
  let shown = "";
  let todayNow = "";
  let lo: string | null = null;
  let hi: string | null = null;

  function paintMonth(focusDate: string | null): void {
    const p = parseDate(shown);
    if (!p) return;
    title.textContent = monthTitle(p.year, p.month, locale);
    const heads = weekdayNames(firstDay, locale).map((w) => h("span", { class: "dtf-cal-weekday", "aria-hidden": "true" }, w));
    const target = focusDate ?? (selected.slice(0, 7) === shown.slice(0, 7) ? selected : shown);
    const days = monthGrid(p.year, p.month, firstDay).map((d) => {
      const out = d.slice(0, 7) !== shown.slice(0, 7);
      const b = h(
        "button",
        {
          type: "button",
          class: `dtf-cal-day${out ? " outside" : ""}`,
          "data-date": d,
          "aria-label": longDay(d, todayNow, locale),
          "aria-pressed": String(d === selected),
          "aria-current": d === todayNow ? "date" : null,
          tabindex: d === target ? 0 : -1,
          disabled: (lo !== null && d < lo) || (hi !== null && d > hi),
        },
        String(Number(d.slice(8))),
      );
      return b;
    });
    replace(grid, ...heads, ...days);
    monthPrev.disabled = lo !== null && addDays(`${shown.slice(0, 7)}-01`, -1) < lo;
    monthNext.disabled = hi !== null && addMonths(`${shown.slice(0, 7)}-01`, 1) > hi;
    if (focusDate) grid.querySelector<HTMLButtonElement>(`button[data-date="${focusDate}"]`)?.focus();
  }

  function toggle(on: boolean): void {
    calendar.hidden = !on;
    open.setAttribute("aria-expanded", String(on));
    if (on) {
      shown = selected;
      paintMonth(selected);
    }
  }

  open.addEventListener("click", () => toggle(calendar.hidden));
  monthPrev.addEventListener("click", () => {
    shown = addMonths(shown, -1);
    paintMonth(null);
  });
  monthNext.addEventListener("click", () => {
    shown = addMonths(shown, 1);
    paintMonth(null);
  });
  grid.addEventListener("click", (e) => {
    const b = e.target instanceof HTMLElement ? e.target.closest<HTMLButtonElement>("button.dtf-cal-day") : null;
    if (!b || b.disabled) return;
    pick(b.dataset.date ?? "");
    toggle(false);
    spin.focus();
  });
  grid.addEventListener("keydown", (e) => {
    const b = e.target instanceof HTMLElement ? e.target.closest<HTMLButtonElement>("button.dtf-cal-day") : null;
    if (!b || e.ctrlKey || e.metaKey || e.altKey) return;
    const from = b.dataset.date ?? "";
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(from, -1),
      ArrowRight: () => addDays(from, 1),
      ArrowUp: () => addDays(from, -7),
      ArrowDown: () => addDays(from, 7),
      PageUp: () => addMonths(from, -1),
      PageDown: () => addMonths(from, 1),
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    const to = clampDay(m(), lo, hi);
    shown = to;
    paintMonth(to);
  });
  calendar.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    // Closes the calendar only, not the dialog around it.
    e.preventDefault();
    e.stopPropagation();
    toggle(false);
    open.focus();
  });

  return {
    box,
    spin,
    prev,
    next,
    calendar,
    render(date, today, min, max) {
      spin.textContent = shortDay(date, today, locale);
      spin.setAttribute("aria-valuetext", longDay(date, today, locale));
      spin.dataset.date = date;
      prev.disabled = min !== null && date <= min;
      next.disabled = max !== null && date >= max;
      selected = date;
      todayNow = today;
      lo = min;
      hi = max;
      if (!calendar.hidden) {
        shown = date;
        paintMonth(null);
      }
    },
  };
}

// ---- date and time ----

export type DateTimeFieldOptions = {
  /** The time box's id (the field's label points at it; errors are shown against it). */
  id: string;
  /** The field's label, e.g. "Time taken". */
  label: string;
  /** Today's date, "YYYY-MM-DD" (the year is shown for other years). */
  today(): string;
  /** The current moment as a local "YYYY-MM-DDTHH:MM" (the Now chip). */
  now(): string;
  /** The line under the control for a local value, e.g. "Counts for Sunday 29 November". */
  countsFor(local: string): string;
  /** After every change by the person (typing, keys, buttons, chips). */
  onChange?(): void;
  /** BCP 47 locale (tests); default: the system's. */
  locale?: string;
};

export type DateTimeField = {
  /** The whole control, label included: put it where a `field(…)` would go. */
  el: HTMLElement;
  /** The time box (focus it to point at an error). */
  input: HTMLInputElement;
  /** The line saying which diary day the entry counts for. */
  countsLine: HTMLElement;
  /** The local "YYYY-MM-DDTHH:MM", or null while the typed time is not a time. */
  value(): string | null;
  /** Shows a local "YYYY-MM-DDTHH:MM" (seconds ignored). */
  set(local: string): void;
  /** Re-renders the words (e.g. after `today` changed). */
  refresh(): void;
};

export function createDateTimeField(o: DateTimeFieldOptions): DateTimeField {
  const twelve = uses12Hour(o.locale);
  const input = h("input", {
    id: o.id,
    type: "text",
    class: "input dtf-time",
    inputmode: twelve ? "text" : "numeric",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": `${o.id}-time-hint`,
  });
  const timeHint = h(
    "span",
    { id: `${o.id}-time-hint`, class: "visually-hidden" },
    twelve ? "Hours and minutes, like 4:15 PM. Up and down arrow keys change it." : "Hours and minutes, like 16:15. Up and down arrow keys change it.",
  );
  // The spoken name starts with the words on the chip (what a voice-control user says).
  const chip = (key: string, text: string, aria: string) =>
    h("button", { id: `${o.id}-${key}`, type: "button", class: "button chip-button", "aria-label": `${text}: ${aria}` }, text);
  const nowChip = chip("now", "Now", "set the time to now");
  const minus30 = chip("minus30", "−30 min", "30 minutes earlier");
  const minus60 = chip("minus60", "−1 h", "1 hour earlier");
  const countsLine = h("p", { id: `${o.id}-counts`, class: "caption dtf-counts", "aria-live": "polite" });
  const labelEl = h("label", { id: `${o.id}-label`, for: o.id }, o.label);

  let current = "";
  const day = dayPart(
    o.id,
    o.label,
    o.locale,
    (n) => {
      const v = moveDay(value() ?? current, n);
      if (v) change(v, false);
    },
    (date) => {
      const v = `${date}T${(value() ?? current).slice(11, 16)}`;
      if (parseLocal(v)) change(v, false);
    },
  );

  const el = h(
    "div",
    { class: "field dtf", role: "group", "aria-labelledby": `${o.id}-label` },
    labelEl,
    h("div", { class: "dtf-row" }, day.box, input, h("div", { class: "dtf-chips" }, nowChip, minus30, minus60), timeHint),
    day.calendar,
    countsLine,
  );

  function value(): string | null {
    return withTypedTime(current.slice(0, 10), input.value, o.locale);
  }

  function render(writeTime: boolean): void {
    const p = parseLocal(current);
    if (!p) return;
    day.render(current.slice(0, 10), o.today(), null, null);
    if (writeTime) input.value = clockText(p.hour, p.minute, o.locale);
    const v = value();
    countsLine.textContent = v ? o.countsFor(v) : "";
  }

  function change(local: string, fromTyping: boolean): void {
    current = local;
    render(!fromTyping);
    o.onChange?.();
  }

  input.addEventListener("input", () => {
    const v = value();
    if (v) current = v;
    render(false);
    o.onChange?.();
  });
  input.addEventListener("blur", () => {
    if (value()) render(true);
  });
  input.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    e.preventDefault();
    const caret = input.selectionStart ?? input.value.length;
    const size = stepSize(input.value, caret);
    const v = stepTime(value() ?? current, e.key === "ArrowUp" ? size : -size);
    if (!v) return;
    change(v, false);
    // Keep the caret in the part that was stepped.
    const colon = input.value.search(/[:.h]/);
    const at = size === 60 ? Math.max(0, colon) : input.value.length;
    input.setSelectionRange(at, at);
  });
  nowChip.addEventListener("click", () => change(o.now(), false));
  const shift = (minutes: number) => {
    const v = shiftLocal(value() ?? current, minutes);
    if (v) change(v, false);
  };
  minus30.addEventListener("click", () => shift(-30));
  minus60.addEventListener("click", () => shift(-60));

  return {
    el,
    input,
    countsLine,
    value,
    set(local) {
      current = local.slice(0, 16);
      render(true);
    },
    refresh: () => render(false),
  };
}

// ---- date only ----

export type DateFieldOptions = {
  /**
   * The id of the hidden input holding the value "YYYY-MM-DD" (setting its value and sending
   * "input" sets the control, for scripts); the day itself is `${id}-date`.
   */
  id: string;
  /** The field's label, e.g. "Start date". */
  label: string;
  today(): string;
  onChange?(date: string): void;
  locale?: string;
};

export type DateField = {
  /** The whole control, label included. */
  el: HTMLElement;
  /** The focusable day (focus it to point at an error). */
  focusable: HTMLElement;
  /** "YYYY-MM-DD". */
  value(): string;
  set(date: string): void;
  /** Days outside [min, max] cannot be chosen ("YYYY-MM-DD", null: no bound). */
  setBounds(min: string | null, max: string | null): void;
};

/**
 * A day picker, e.g. for Today's "Go to date":
 *   const go = createDateField({ id: "goto-day", label: "Go to date", today: () => state.today,
 *     onChange: (d) => showDay(d) });
 *   go.setBounds(null, state.today); go.set(state.date); parent.append(go.el);
 */
export function createDateField(o: DateFieldOptions): DateField {
  const holder = h("input", { id: o.id, type: "hidden" });
  const labelEl = h("span", { id: `${o.id}-label`, class: "label" }, o.label);
  let current = o.today();
  let min: string | null = null;
  let max: string | null = null;
  const day = dayPart(
    o.id,
    o.label,
    o.locale,
    (n) => choose(addDays(current, n)),
    (date) => choose(date),
  );
  const todayChip = h("button", { id: `${o.id}-today`, type: "button", class: "button chip-button" }, "Today");
  day.spin.setAttribute("aria-labelledby", `${o.id}-label`);
  day.spin.removeAttribute("aria-label");
  const el = h(
    "div",
    { class: "field dtf", role: "group", "aria-labelledby": `${o.id}-label` },
    labelEl,
    h("div", { class: "dtf-row" }, day.box, h("div", { class: "dtf-chips" }, todayChip), holder),
    day.calendar,
  );

  function render(): void {
    holder.value = current;
    day.render(current, o.today(), min, max);
    const t = o.today();
    todayChip.hidden = current === t || (min !== null && t < min) || (max !== null && t > max);
  }

  function choose(date: string): void {
    if (!parseDate(date)) return;
    const next = clampDay(date, min, max);
    const changed = next !== current;
    current = next;
    render();
    if (changed) o.onChange?.(current);
  }

  todayChip.addEventListener("click", () => {
    choose(o.today());
    day.spin.focus();
  });
  holder.addEventListener("input", () => choose(holder.value));

  render();
  return {
    el,
    focusable: day.spin,
    value: () => current,
    set(date) {
      if (parseDate(date)) current = date;
      render();
    },
    setBounds(lo, hi) {
      min = lo;
      max = hi;
      render();
    },
  };
}
