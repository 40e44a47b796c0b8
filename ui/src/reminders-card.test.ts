import { describe, expect, it } from "vitest";
import { parseTimeList, storedTime } from "./reminders-card";

describe("reminder times", () => {
  it("are kept as 24-hour HH:MM whichever clock they were typed on", () => {
    expect(storedTime("9:30 PM")).toBe("21:30");
    expect(storedTime("2130")).toBe("21:30");
    expect(storedTime(" 7:05 ")).toBe("07:05");
    expect(storedTime("soon")).toBe("soon");
  });

  it("read a list parted by commas", () => {
    expect(parseTimeList("8:00 AM, 2:00 PM; 20:00")).toEqual(["08:00", "14:00", "20:00"]);
    expect(parseTimeList("  ")).toEqual([]);
  });
});
