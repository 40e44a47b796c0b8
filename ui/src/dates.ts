// How Taper writes dates and times, in one place. The words and their order follow the
// system's locale (Intl.DateTimeFormat with the default locale), the year is shown only when it
// is not the current one, and commas between the parts are left out: "Sun 29 Nov" (en-GB),
// "Sun Nov 29" (en-US), "Sun 29 Nov 2025" for another year. Times use the locale's clock:
// "16:14" or "4:14 PM".
//
// Every function takes an optional BCP 47 `locale` (tests pass a fixed one); without it the
// system's locale is used.

// No imports: time.ts writes its times through this module.

/** "YYYY-MM-DD" -> parts, or null when it is not a real calendar date. */
function parseDate(value: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null;
}

/** "YYYY-MM-DDTHH:MM" -> hour and minute, or null. */
function parseLocal(value: string): { hour: number; minute: number } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m || !parseDate(m[1])) return null;
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  return hour < 24 && minute < 60 ? { hour, minute } : null;
}

type DayStyle = { weekday: "short" | "long"; month: "short" | "long" };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** The locale dates and times follow (the system's), e.g. "en-GB". */
export function systemLocale(): string {
  return new Intl.DateTimeFormat().resolvedOptions().locale;
}

/** Joins Intl parts in the locale's order, without commas, with single spaces. */
function joinParts(parts: Intl.DateTimeFormatPart[]): string {
  return parts
    .map((p) => (p.type === "literal" ? p.value.replace(/[,،，]/g, " ") : p.value))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

function dayText(date: string, today: string | null, style: DayStyle, locale?: string): string {
  const p = parseDate(date);
  if (!p) return date;
  const t = today ? parseDate(today) : null;
  const withYear = !t || t.year !== p.year;
  const f = formatter(locale, {
    weekday: style.weekday,
    day: "numeric",
    month: style.month,
    year: withYear ? "numeric" : undefined,
    timeZone: "UTC",
  });
  return joinParts(f.formatToParts(new Date(Date.UTC(p.year, p.month - 1, p.day, 12))));
}

/**
 * A diary day ("YYYY-MM-DD") in short words: "Sun 29 Nov", or "Sun 29 Nov 2025" when its year
 * is not the year of `today` ("YYYY-MM-DD"). An unreadable date is returned as it is.
 */
export function shortDay(date: string, today: string, locale?: string): string {
  return dayText(date, today, { weekday: "short", month: "short" }, locale);
}

/** A diary day in full words: "Sunday 29 November", "Sunday 29 November 2025" (another year). */
export function longDay(date: string, today: string, locale?: string): string {
  return dayText(date, today, { weekday: "long", month: "long" }, locale);
}

/** True when the locale writes times on a 12-hour clock ("4:14 PM"). */
export function uses12Hour(locale?: string): boolean {
  const cycle = formatter(locale, { hour: "numeric" }).resolvedOptions().hourCycle;
  return cycle === "h11" || cycle === "h12";
}

/** A wall-clock time, hour 0-23 and minute 0-59, on the locale's clock: "16:14", "4:14 PM". */
export function clockText(hour: number, minute: number, locale?: string): string {
  const h12 = uses12Hour(locale);
  const f = formatter(locale, { hour: h12 ? "numeric" : "2-digit", minute: "2-digit", timeZone: "UTC" });
  return joinParts(f.formatToParts(new Date(Date.UTC(2000, 0, 1, hour, minute))));
}

/** The time of a local wall-clock value ("YYYY-MM-DDTHH:MM..."): "16:14", "4:14 PM". */
export function timeText(local: string, locale?: string): string {
  const p = parseLocal(local.slice(0, 16));
  return p ? clockText(p.hour, p.minute, locale) : local.slice(11, 16);
}

/** Day and time of a local wall-clock value: "Sun 29 Nov 16:14", "Sun 29 Nov 2025 16:14". */
export function dayTimeText(local: string, today: string, locale?: string): string {
  const p = parseLocal(local.slice(0, 16));
  if (!p) return local;
  return `${shortDay(local.slice(0, 10), today, locale)} ${clockText(p.hour, p.minute, locale)}`;
}

/**
 * A typed time of day: "16:14", "4:14", "1614", "414", "16.14", "16h14", "4:14 pm", "4 PM",
 * "12:05 am". Returns hour 0-23 and minute 0-59, or null when it is not a time. The locale's
 * AM/PM words are understood as well as "am"/"pm".
 */
export function parseClock(text: string, locale?: string): { hour: number; minute: number } | null {
  let s = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (s === "") return null;
  let half: "am" | "pm" | null = null;
  const [am, pm] = dayPeriods(locale);
  const suffix = /\s*(a\.?\s?m\.?|p\.?\s?m\.?|a|p)$/.exec(s);
  if (suffix) {
    half = suffix[1].startsWith("a") ? "am" : "pm";
    s = s.slice(0, suffix.index).trim();
  } else if (am && s.endsWith(am)) {
    half = "am";
    s = s.slice(0, -am.length).trim();
  } else if (pm && s.endsWith(pm)) {
    half = "pm";
    s = s.slice(0, -pm.length).trim();
  }
  let hour: number;
  let minute: number;
  const sep = /^(\d{1,2})\s?[:.h]\s?(\d{2})$/.exec(s);
  const digits = /^\d{1,4}$/.exec(s);
  if (sep) {
    hour = Number(sep[1]);
    minute = Number(sep[2]);
  } else if (digits) {
    if (s.length <= 2) {
      hour = Number(s);
      minute = 0;
    } else {
      hour = Number(s.slice(0, s.length - 2));
      minute = Number(s.slice(-2));
    }
  } else {
    return null;
  }
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return { hour, minute };
}

/** The locale's lower-case AM and PM words ("am", "pm"; "vorm.", "nachm."), when it has them. */
function dayPeriods(locale?: string): [string | null, string | null] {
  const f = formatter(locale, { hour: "numeric", hour12: true, timeZone: "UTC" });
  const word = (h: number) =>
    f.formatToParts(new Date(Date.UTC(2000, 0, 1, h))).find((p) => p.type === "dayPeriod")?.value.toLowerCase() ?? null;
  return [word(9), word(15)];
}

/** The first day of the week in the locale: 0 = Sunday, 1 = Monday (the default when unknown). */
export function firstDayOfWeek(locale?: string): number {
  try {
    type WeekLocale = Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const l = new Intl.Locale(locale ?? systemLocale()) as WeekLocale;
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay % 7;
  } catch {
    // an unknown locale: the default below
  }
  return 1;
}

/** "November 2026" in the locale's words (a calendar's heading); month 1-12. */
export function monthTitle(year: number, month: number, locale?: string): string {
  return joinParts(formatter(locale, { month: "long", year: "numeric", timeZone: "UTC" }).formatToParts(new Date(Date.UTC(year, month - 1, 15))));
}

/** The short weekday names from `firstDay` on (0 = Sunday): ["Mon", "Tue", …]. */
export function weekdayNames(firstDay: number, locale?: string): string[] {
  const f = formatter(locale, { weekday: "short", timeZone: "UTC" });
  // 1 Nov 2026 is a Sunday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 10, 1 + ((firstDay + i) % 7), 12))));
}
