import { describe, expect, it } from "vitest";
import { addMonths, clampDay, monthGrid, moveDay, stepSize, stepTime, withTypedTime } from "./datetime-field";
import { diaryDayOf, takenAtFromLocal } from "./time";

// vite.config.ts runs the tests with TZ=Europe/Berlin: in 2026 the clocks go from 02:00 to 03:00
// on 29 March and from 03:00 back to 02:00 on 25 October.

describe("the day buttons and keys", () => {
  it("keep the time and cross month and year ends", () => {
    expect(moveDay("2026-11-29T16:14", -1)).toBe("2026-11-28T16:14");
    expect(moveDay("2026-03-01T10:00", -1)).toBe("2026-02-28T10:00");
    expect(moveDay("2028-03-01T10:00", -1)).toBe("2028-02-29T10:00");
    expect(moveDay("2026-12-31T23:00", 1)).toBe("2027-01-01T23:00");
    expect(moveDay("2026-11-30T08:00", -7)).toBe("2026-11-23T08:00");
    expect(moveDay("not a time", 1)).toBeNull();
  });

  it("stay within the bounds of a date-only field", () => {
    expect(clampDay("2026-11-20", "2026-11-23", "2027-01-29")).toBe("2026-11-23");
    expect(clampDay("2027-02-01", "2026-11-23", "2027-01-29")).toBe("2027-01-29");
    expect(clampDay("2026-12-01", null, null)).toBe("2026-12-01");
  });
});

describe("arrow-key steps of the time", () => {
  it("step the hours with the caret in the hours, else the minutes", () => {
    expect(stepSize("16:14", 0)).toBe(60);
    expect(stepSize("16:14", 2)).toBe(60);
    expect(stepSize("16:14", 3)).toBe(1);
    expect(stepSize("4:14 PM", 6)).toBe(1);
    expect(stepSize("1614", 1)).toBe(1);
  });

  it("cross midnight into the next and the previous day", () => {
    expect(stepTime("2026-11-29T23:59", 1)).toBe("2026-11-30T00:00");
    expect(stepTime("2026-11-29T23:30", 60)).toBe("2026-11-30T00:30");
    expect(stepTime("2026-12-01T00:00", -1)).toBe("2026-11-30T23:59");
  });

  it("cross month and year ends", () => {
    expect(stepTime("2026-01-31T23:30", 60)).toBe("2026-02-01T00:30");
    expect(stepTime("2026-03-01T00:10", -60)).toBe("2026-02-28T23:10");
    expect(stepTime("2026-12-31T23:59", 1)).toBe("2027-01-01T00:00");
  });

  it("jump the hour the clocks skip when DST starts, both ways", () => {
    expect(stepTime("2026-03-29T01:30", 60)).toBe("2026-03-29T03:30");
    expect(stepTime("2026-03-29T01:59", 1)).toBe("2026-03-29T03:00");
    expect(stepTime("2026-03-29T03:00", -1)).toBe("2026-03-29T01:59");
    expect(stepTime("2026-03-29T03:30", -60)).toBe("2026-03-29T01:30");
  });

  it("never stick in the hour the clocks repeat when DST ends", () => {
    expect(stepTime("2026-10-25T01:30", 60)).toBe("2026-10-25T02:30");
    expect(stepTime("2026-10-25T02:30", 60)).toBe("2026-10-25T03:30");
    expect(stepTime("2026-10-25T03:30", -60)).toBe("2026-10-25T02:30");
    expect(takenAtFromLocal("2026-10-25T03:30")).toBe("2026-10-25T03:30:00+01:00");
  });
});

describe("a typed time on the chosen day", () => {
  it("gives the local value, or null while it is not a time", () => {
    expect(withTypedTime("2026-11-28", "16:14")).toBe("2026-11-28T16:14");
    expect(withTypedTime("2026-11-28", "4:14 pm")).toBe("2026-11-28T16:14");
    expect(withTypedTime("2026-11-28", "16:")).toBeNull();
    expect(withTypedTime("2026-02-30", "16:14")).toBeNull();
  });

  it("counts a time after midnight, before the day starts, for the day before", () => {
    const v = withTypedTime("2026-11-30", "02:10");
    expect(v).toBe("2026-11-30T02:10");
    expect(diaryDayOf(v as string, 4)).toBe("2026-11-29");
  });
});

describe("the calendar", () => {
  it("shows whole weeks from the locale's first day", () => {
    const monday = monthGrid(2026, 11, 1);
    expect(monday[0]).toBe("2026-10-26");
    expect(monday.length).toBe(42);
    expect(monday[monday.length - 1]).toBe("2026-12-06");
    const sunday = monthGrid(2026, 11, 0);
    expect(sunday[0]).toBe("2026-11-01");
    expect(sunday.length).toBe(35);
    // February 2027 starts on a Monday and fills exactly four weeks.
    expect(monthGrid(2027, 2, 1)).toHaveLength(28);
  });

  it("moves by months without running past a short month's end", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
  });
});

describe("a time still to come", () => {
  it("is more than two minutes after now", async () => {
    const { laterThanNow } = await import("./entry-time");
    const now = new Date(2026, 10, 30, 3, 15);
    expect(laterThanNow("2026-11-30T03:17", now)).toBe(false);
    expect(laterThanNow("2026-11-30T03:18", now)).toBe(true);
    expect(laterThanNow("2026-11-30T15:00", now)).toBe(true);
    expect(laterThanNow("2026-11-29T23:00", now)).toBe(false);
  });
});
