import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  composeRfc3339,
  dateToRfc3339,
  defaultTimeForDay,
  diaryDayOf,
  formatOffset,
  parseLocal,
  shiftLocal,
  takenAtFromLocal,
  timeOfDay,
  toLocalInput,
  weekday,
} from "./time";

// vite.config.ts runs the tests with TZ=Europe/Berlin (CET +01:00, CEST +02:00).
declare const process: { env: Record<string, string | undefined> };
const ZONE = process.env.TZ;
afterEach(() => {
  process.env.TZ = ZONE;
});

describe("calendar arithmetic", () => {
  it("adds days across month and year ends and leap days", () => {
    expect(addDays("2026-11-25", 1)).toBe("2026-11-26");
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
  });

  it("does not lose a day over a DST change", () => {
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", -1)).toBe("2026-10-24");
  });

  it("knows the weekday", () => {
    expect(weekday("2026-11-25")).toBe(3); // Wednesday
    expect(weekday("2026-11-22")).toBe(0); // Sunday
  });
});

describe("RFC 3339 composing", () => {
  it("formats offsets east, west and with half hours", () => {
    expect(formatOffset(60)).toBe("+01:00");
    expect(formatOffset(0)).toBe("+00:00");
    expect(formatOffset(-300)).toBe("-05:00");
    expect(formatOffset(330)).toBe("+05:30");
    expect(formatOffset(-570)).toBe("-09:30");
  });

  it("composes from explicit parts", () => {
    expect(composeRfc3339({ year: 2026, month: 11, day: 25, hour: 3, minute: 10 }, 60)).toBe(
      "2026-11-25T03:10:00+01:00",
    );
    expect(composeRfc3339({ year: 2026, month: 7, day: 4, hour: 23, minute: 5 }, -240)).toBe(
      "2026-07-04T23:05:00-04:00",
    );
  });

  it("uses the offset in force at that wall-clock time (winter and summer)", () => {
    expect(takenAtFromLocal("2026-11-25T03:10")).toBe("2026-11-25T03:10:00+01:00");
    expect(takenAtFromLocal("2026-07-01T12:00")).toBe("2026-07-01T12:00:00+02:00");
  });

  it("gets the offset right on both sides of the spring-forward change", () => {
    // Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST.
    expect(takenAtFromLocal("2026-03-29T01:59")).toBe("2026-03-29T01:59:00+01:00");
    expect(takenAtFromLocal("2026-03-29T03:00")).toBe("2026-03-29T03:00:00+02:00");
    // 02:30 does not exist that night: it becomes the real moment one hour later on the wall.
    expect(takenAtFromLocal("2026-03-29T02:30")).toBe("2026-03-29T03:30:00+02:00");
  });

  it("gets the offset right after the fall-back change", () => {
    // Europe/Berlin: 2026-10-25 03:00 CEST -> 02:00 CET.
    expect(takenAtFromLocal("2026-10-24T23:00")).toBe("2026-10-24T23:00:00+02:00");
    expect(takenAtFromLocal("2026-10-25T04:00")).toBe("2026-10-25T04:00:00+01:00");
  });

  it("follows the machine's zone (New York)", () => {
    process.env.TZ = "America/New_York";
    expect(takenAtFromLocal("2026-11-25T03:10")).toBe("2026-11-25T03:10:00-05:00");
    expect(takenAtFromLocal("2026-06-25T03:10")).toBe("2026-06-25T03:10:00-04:00");
  });

  it("round-trips a Date through datetime-local and RFC 3339", () => {
    const d = new Date(2026, 10, 25, 3, 10);
    expect(toLocalInput(d)).toBe("2026-11-25T03:10");
    expect(dateToRfc3339(d)).toBe("2026-11-25T03:10:00+01:00");
    expect(new Date(dateToRfc3339(d)).getTime()).toBe(d.getTime());
  });

  it("refuses values that are not a local time", () => {
    expect(takenAtFromLocal("")).toBeNull();
    expect(takenAtFromLocal("2026-11-25")).toBeNull();
    expect(takenAtFromLocal("2026-02-30T10:00")).toBeNull();
    expect(takenAtFromLocal("2026-11-25T24:00")).toBeNull();
    expect(parseLocal("yesterday")).toBeNull();
  });
});

describe("local time parsing and shifting", () => {
  it("parses datetime-local values, with or without seconds", () => {
    expect(parseLocal("2026-11-25T03:10")).toEqual({ year: 2026, month: 11, day: 25, hour: 3, minute: 10 });
    expect(parseLocal("2026-11-25T03:10:42")).toEqual({ year: 2026, month: 11, day: 25, hour: 3, minute: 10 });
  });

  it("writes the time of a backend local_time on the locale's clock", () => {
    expect(timeOfDay("2026-11-25T03:10", "en-GB")).toBe("03:10");
    expect(timeOfDay("2026-11-25T23:59:00", "en-GB")).toBe("23:59");
    expect(timeOfDay("2026-11-25T03:10", "en-US")).toBe("3:10 AM");
    expect(timeOfDay("2026-11-25T23:59:00", "en-US")).toBe("11:59 PM");
  });

  it("shifts by -30 min and -1 h, across midnight", () => {
    expect(shiftLocal("2026-11-25T03:10", -30)).toBe("2026-11-25T02:40");
    expect(shiftLocal("2026-11-25T00:20", -60)).toBe("2026-11-24T23:20");
    expect(shiftLocal("nonsense", -30)).toBeNull();
  });

  it("shifts real time over the fall-back hour", () => {
    // 04:00 CET minus 1 h of real time is 03:00 CET.
    expect(shiftLocal("2026-10-25T04:00", -60)).toBe("2026-10-25T03:00");
  });
});

describe("diary day", () => {
  it("files a time before the day start under the previous day", () => {
    expect(diaryDayOf("2026-11-26T02:00", 4)).toBe("2026-11-25");
    expect(diaryDayOf("2026-11-26T03:59", 4)).toBe("2026-11-25");
    expect(diaryDayOf("2026-11-26T04:00", 4)).toBe("2026-11-26");
    expect(diaryDayOf("2026-12-01T01:00", 4)).toBe("2026-11-30");
  });

  it("with a midnight day start the diary day is the calendar date", () => {
    expect(diaryDayOf("2026-11-26T00:00", 0)).toBe("2026-11-26");
    expect(diaryDayOf("2026-11-26T23:59", 0)).toBe("2026-11-26");
  });

  it("default time on a past day keeps the time of day on that diary day", () => {
    const afternoon = { year: 2026, month: 11, day: 27, hour: 15, minute: 42 };
    expect(defaultTimeForDay("2026-11-25", afternoon, 4)).toBe("2026-11-25T15:42");
  });

  it("default time before the day start goes on the next calendar date", () => {
    const night = { year: 2026, month: 11, day: 27, hour: 2, minute: 10 };
    const t = defaultTimeForDay("2026-11-25", night, 4);
    expect(t).toBe("2026-11-26T02:10");
    expect(diaryDayOf(t, 4)).toBe("2026-11-25");
  });

  it("default time at exactly the day start stays on the day", () => {
    const four = { year: 2026, month: 11, day: 27, hour: 4, minute: 0 };
    expect(defaultTimeForDay("2026-11-30", four, 4)).toBe("2026-11-30T04:00");
    const late = { year: 2026, month: 11, day: 27, hour: 3, minute: 30 };
    expect(defaultTimeForDay("2026-11-30", late, 4)).toBe("2026-12-01T03:30");
  });
});
