import { describe, expect, it } from "vitest";
import { clockText, dayTimeText, firstDayOfWeek, longDay, monthTitle, parseClock, shortDay, timeText, uses12Hour, weekdayNames } from "./dates";
import { dayHeading } from "./format";

describe("days in the locale's words and order", () => {
  it("writes a day short, without the year in the current year (en-GB)", () => {
    expect(shortDay("2026-11-29", "2026-11-30", "en-GB")).toBe("Sun 29 Nov");
    expect(shortDay("2026-01-01", "2026-11-30", "en-GB")).toBe("Thu 1 Jan");
  });

  it("adds the year whenever it is not the current one, before or after", () => {
    expect(shortDay("2025-11-29", "2026-11-30", "en-GB")).toBe("Sat 29 Nov 2025");
    expect(shortDay("2027-01-02", "2026-12-31", "en-GB")).toBe("Sat 2 Jan 2027");
    expect(longDay("2025-12-31", "2026-01-01", "en-GB")).toBe("Wednesday 31 December 2025");
  });

  it("follows the locale's order and leaves out commas (en-US, de-DE)", () => {
    expect(shortDay("2026-11-29", "2026-11-30", "en-US")).toBe("Sun Nov 29");
    expect(shortDay("2025-11-29", "2026-11-30", "en-US")).toBe("Sat Nov 29 2025");
    expect(longDay("2026-11-29", "2026-11-30", "en-US")).toBe("Sunday November 29");
    expect(longDay("2026-11-29", "2026-11-30", "de-DE")).toBe("Sonntag 29. November");
  });

  it("is the Today heading, with the year for other years", () => {
    expect(dayHeading("2026-11-29", "2026-11-30", "en-GB")).toBe("Sunday 29 November");
    expect(dayHeading("2025-11-29", "2026-11-30", "en-GB")).toBe("Saturday 29 November 2025");
  });

  it("returns an unreadable date as it is", () => {
    expect(shortDay("2026-02-30", "2026-11-30", "en-GB")).toBe("2026-02-30");
    expect(longDay("yesterday", "2026-11-30", "en-GB")).toBe("yesterday");
  });
});

describe("times on the locale's clock", () => {
  it("uses 24 hours where the locale does", () => {
    expect(uses12Hour("en-GB")).toBe(false);
    expect(clockText(16, 14, "en-GB")).toBe("16:14");
    expect(clockText(0, 5, "en-GB")).toBe("00:05");
    expect(timeText("2026-11-29T03:10:00", "de-DE")).toBe("03:10");
  });

  it("uses 12 hours with AM/PM where the locale does", () => {
    expect(uses12Hour("en-US")).toBe(true);
    expect(clockText(16, 14, "en-US")).toBe("4:14 PM");
    expect(clockText(0, 5, "en-US")).toBe("12:05 AM");
    expect(clockText(12, 0, "en-US")).toBe("12:00 PM");
  });

  it("writes a day and time together", () => {
    expect(dayTimeText("2026-11-29T16:14", "2026-11-30", "en-GB")).toBe("Sun 29 Nov 16:14");
    expect(dayTimeText("2025-11-29T16:14", "2026-11-30", "en-US")).toBe("Sat Nov 29 2025 4:14 PM");
  });
});

describe("a typed time", () => {
  const t = (hour: number, minute: number) => ({ hour, minute });

  it("reads the usual ways of writing a time", () => {
    expect(parseClock("16:14")).toEqual(t(16, 14));
    expect(parseClock(" 4:05 ")).toEqual(t(4, 5));
    expect(parseClock("1614")).toEqual(t(16, 14));
    expect(parseClock("905")).toEqual(t(9, 5));
    expect(parseClock("7")).toEqual(t(7, 0));
    expect(parseClock("16.14")).toEqual(t(16, 14));
    expect(parseClock("16h14")).toEqual(t(16, 14));
    expect(parseClock("0:00")).toEqual(t(0, 0));
  });

  it("reads AM and PM in any case, with or without the space and dots", () => {
    expect(parseClock("4:14 PM")).toEqual(t(16, 14));
    expect(parseClock("4:14pm")).toEqual(t(16, 14));
    expect(parseClock("4 p.m.")).toEqual(t(16, 0));
    expect(parseClock("12:05 am")).toEqual(t(0, 5));
    expect(parseClock("12 PM")).toEqual(t(12, 0));
    expect(parseClock("11:59 p")).toEqual(t(23, 59));
  });

  it("refuses what is not a time", () => {
    for (const bad of ["", "  ", "abc", "24:00", "12:60", "13 pm", "0 am", "1:2", "12345", "4:14 xm", "-1:00"]) {
      expect(parseClock(bad), bad).toBeNull();
    }
  });
});

describe("a calendar's words", () => {
  it("names the month and the weekdays from the locale's first day", () => {
    expect(monthTitle(2026, 11, "en-GB")).toBe("November 2026");
    expect(firstDayOfWeek("en-GB")).toBe(1);
    expect(weekdayNames(1, "en-GB")).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(weekdayNames(0, "en-US")[0]).toBe("Sun");
  });
});
