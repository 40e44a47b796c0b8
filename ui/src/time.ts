// Pure date and time helpers. No DOM, no backend.
//
// Three kinds of value move through the UI:
// - a diary day, "YYYY-MM-DD" (the day a dose is filed under; it starts at day_start_hour);
// - a local wall-clock time, "YYYY-MM-DDTHH:MM" (what <input type=datetime-local> holds
//   and what the backend returns as `local_time`);
// - an RFC 3339 instant with the local UTC offset, "2026-11-25T03:10:00+01:00" (`taken_at`).

import { clockText } from "./dates";

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}

/** "YYYY-MM-DD" -> parts, or null when not a real calendar date. */
export function parseDate(value: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** "YYYY-MM-DDTHH:MM" (seconds allowed) -> parts, or null. */
export function parseLocal(value: string): LocalParts | null {
  const m = LOCAL_RE.exec(value);
  if (!m) return null;
  const date = parseDate(`${m[1]}-${m[2]}-${m[3]}`);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  if (!date || hour > 23 || minute > 59) return null;
  return { ...date, hour, minute };
}

export function formatDate(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

export function formatLocal(p: LocalParts): string {
  return `${formatDate(p.year, p.month, p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids any zone effect.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Calendar arithmetic on "YYYY-MM-DD" (no time zone involved). */
export function addDays(date: string, days: number): string {
  const p = parseDate(date);
  if (!p) throw new Error(`not a date: ${date}`);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekday(date: string): number {
  const p = parseDate(date);
  if (!p) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
}

/** "+01:00", "-05:00", "+05:30" from minutes east of UTC. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** RFC 3339 from local wall-clock parts and the offset in force at that moment. */
export function composeRfc3339(p: LocalParts, offsetMinutes: number, second = 0): string {
  return `${formatLocal(p)}:${pad2(second)}${formatOffset(offsetMinutes)}`;
}

/** Local wall-clock parts of a JS Date (in the machine's time zone). */
export function localPartsOf(date: Date): LocalParts {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
  };
}

/** The value for <input type=datetime-local> showing this moment. */
export function toLocalInput(date: Date): string {
  return formatLocal(localPartsOf(date));
}

/** A JS Date for a local wall-clock value, in the machine's time zone. */
export function localToDate(value: string): Date | null {
  const p = parseLocal(value);
  if (!p) return null;
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, 0, 0);
}

/** RFC 3339 with the offset in force at that moment, e.g. "2026-11-25T03:10:00+01:00". */
export function dateToRfc3339(date: Date): string {
  return composeRfc3339(localPartsOf(date), -date.getTimezoneOffset(), 0);
}

/**
 * `taken_at` for a datetime-local value. The offset is the one in force at that wall-clock
 * time (so DST is right). A time that does not exist (skipped by a spring-forward change)
 * is moved forward the way JS Date does, e.g. 02:30 -> 03:30. Null when the value is not
 * a valid local time.
 */
export function takenAtFromLocal(value: string): string | null {
  const d = localToDate(value);
  return d ? dateToRfc3339(d) : null;
}

/** Shift a datetime-local value by real minutes (−30 min, −1 h chips). */
export function shiftLocal(value: string, minutes: number): string | null {
  const d = localToDate(value);
  if (!d) return null;
  return toLocalInput(new Date(d.getTime() + minutes * 60_000));
}

/** The diary day a local wall-clock time belongs to: before day_start_hour it is the previous day. */
export function diaryDayOf(local: string, dayStartHour: number): string | null {
  const p = parseLocal(local);
  if (!p) return null;
  const date = formatDate(p.year, p.month, p.day);
  return p.hour < dayStartHour ? addDays(date, -1) : date;
}

/**
 * The default time for a new entry filed under `diaryDay`: the current time of day, placed
 * on that diary day. A time of day before day_start_hour belongs to the next calendar date
 * (02:10 on diary day 25th is the 26th at 02:10), so the entry lands on the chosen day.
 */
export function defaultTimeForDay(diaryDay: string, now: LocalParts, dayStartHour: number): string {
  const calendar = now.hour < dayStartHour ? addDays(diaryDay, 1) : diaryDay;
  const p = parseDate(calendar);
  if (!p) throw new Error(`not a date: ${diaryDay}`);
  return formatLocal({ ...p, hour: now.hour, minute: now.minute });
}

/**
 * The time of a backend `local_time` ("YYYY-MM-DDTHH:MM..."), on the locale's clock as dates.ts
 * writes it: "16:14" or "4:14 PM". `locale`: BCP 47 (tests); default the system's.
 */
export function timeOfDay(local: string, locale?: string): string {
  const p = parseLocal(local);
  return p ? clockText(p.hour, p.minute, locale) : local.slice(11, 16);
}
