import { describe, expect, it } from "vitest";
import type { ImportSummary } from "./bindings";
import {
  backupDetails,
  backupOutcomeText,
  backupPreviewText,
  buildReportOptions,
  dateRangeText,
  doseOutcomeText,
  doseRowsText,
  largeDosesText,
  moreBadText,
  duplicatesText,
  exportedText,
  fieldWords,
  listWords,
  localDateTime,
  previewCaption,
  rangeForPlan,
  readAsText,
  SHARE_RANGES,
  shareRange,
  shareRangeKey,
  sizeText,
} from "./share";

const none: ImportSummary = {
  mode: null,
  added_doses: 0,
  added_checkins: 0,
  added_medicines: 0,
  added_symptoms: 0,
  added_plans: 0,
  added_plan_versions: 0,
  updated: 0,
  kept_newer: 0,
  already_there: 0,
  matched_deleted: [],
  removed_doses: 0,
  removed_checkins: 0,
  removed_medicines: 0,
  removed_plans: 0,
  settings_imported: false,
  kept_backup: null,
};

describe("ranges", () => {
  it("turn each choice into the ChartRange the backend expects", () => {
    expect(shareRange("plan")).toEqual({ kind: "plan" });
    expect(shareRange("last14")).toEqual({ kind: "last", days: 14 });
    expect(shareRange("last30")).toEqual({ kind: "last", days: 30 });
    expect(shareRange("all")).toEqual({ kind: "all" });
  });

  it("round-trip, and an unknown range shows as This plan", () => {
    for (const r of SHARE_RANGES) expect(shareRangeKey(shareRange(r.key))).toBe(r.key);
    expect(shareRangeKey({ kind: "last", days: 7 })).toBe("plan");
    expect(shareRangeKey({ kind: "between", from: "2026-11-01", to: "2026-11-05" })).toBe("plan");
  });
});

describe("report options", () => {
  const base = { range: "last30" as const, paper: "letter" as const, includeNotes: false, includeName: false, name: "Sam" };

  it("leave the name out unless asked for", () => {
    expect(buildReportOptions(base)).toEqual({ range: { kind: "last", days: 30 }, paper: "letter", include_notes: false, name: null });
  });

  it("send a trimmed name when asked for, none when blank", () => {
    expect(buildReportOptions({ ...base, includeName: true, name: "  Sam Lee " }).name).toBe("Sam Lee");
    expect(buildReportOptions({ ...base, includeName: true, name: "   " }).name).toBeNull();
  });

  it("carry notes and paper as chosen", () => {
    const o = buildReportOptions({ ...base, includeNotes: true, paper: "a4", range: "plan" });
    expect(o).toEqual({ range: { kind: "plan" }, paper: "a4", include_notes: true, name: null });
  });
});

describe("preview words", () => {
  it("say the dates plainly", () => {
    expect(dateRangeText("2026-11-19", "2026-11-25")).toBe("Thu 19 Nov – Wed 25 Nov 2026");
    expect(dateRangeText("2025-12-30", "2026-01-02")).toBe("Tue 30 Dec 2025 – Fri 2 Jan 2026");
    expect(dateRangeText("2026-11-25", "2026-11-25")).toBe("Wed 25 Nov 2026");
    expect(previewCaption(1, "2026-11-19", "2026-11-25")).toBe("1 page · Thu 19 Nov – Wed 25 Nov 2026");
    expect(previewCaption(3, "2026-11-19", "2026-11-25")).toBe("3 pages · Thu 19 Nov – Wed 25 Nov 2026");
  });
});

describe("import summaries", () => {
  it("list what is added, in words", () => {
    expect(listWords([])).toBe("");
    expect(listWords(["a"])).toBe("a");
    expect(listWords(["a", "b"])).toBe("a and b");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
    expect(backupPreviewText({ ...none, added_doses: 3, added_checkins: 1, added_plans: 1 })).toBe("Adds 3 doses, 1 check-in and 1 plan.");
    expect(backupPreviewText(none)).toMatch(/^Nothing new/);
  });

  it("count duplicates kindly", () => {
    expect(duplicatesText(0)).toBe("");
    expect(duplicatesText(1)).toBe("1 entry already in your diary is left out.");
    expect(duplicatesText(4)).toBe("4 entries already in your diary are left out.");
  });

  it("say what an import did", () => {
    expect(backupOutcomeText({ ...none, mode: "merge", added_doses: 2, already_there: 1 })).toBe(
      "Imported 2 doses. 1 entry already in your diary is left out.",
    );
    expect(backupOutcomeText({ ...none, mode: "merge", already_there: 5 })).toMatch(/^Nothing new to import/);
    expect(
      backupOutcomeText({
        ...none,
        mode: "merge",
        added_checkins: 1,
        updated: 2,
        kept_newer: 1,
        matched_deleted: [{ entry: "dose", id: 4 }],
      }),
    ).toBe(
      "Imported 1 check-in. Updated 2 entries you changed later on the other computer. 1 entry changed later here stays as it is. 1 row matches an entry you deleted here; it stays deleted.",
    );
    expect(backupOutcomeText({ ...none, mode: "merge", already_there: 2, matched_deleted: [{ entry: "dose", id: 4 }] })).toBe(
      "Nothing new to add. 2 entries already in your diary are left out. 1 row matches an entry you deleted here; it stays deleted.",
    );
    expect(backupOutcomeText({ ...none, mode: "merge", updated: 1 })).toBe(
      "Nothing new to add. Updated 1 entry you changed later on the other computer.",
    );
    expect(backupOutcomeText({ ...none, mode: "replace", added_doses: 2 })).toBe("Your diary now holds the backup: 2 doses.");
    expect(backupOutcomeText({ ...none, mode: "replace", added_doses: 2, kept_backup: "/d/backups/b.db" })).toBe(
      "Your diary now holds the backup: 2 doses. Your diary as it was is kept in Settings, under Backups.",
    );
    expect(doseOutcomeText({ added_doses: 1, skipped_duplicates: 0 })).toBe("Imported 1 dose.");
    expect(doseOutcomeText({ added_doses: 0, skipped_duplicates: 3 })).toMatch(/^No new doses/);
    expect(doseRowsText(4, 10.5)).toBe("4 doses ready to import · 10.5 g in all");
    expect(largeDosesText([])).toBe("");
    expect(largeDosesText([8])).toBe("Line 8 is a dose of 30 g or more: check it is right before you import.");
    expect(largeDosesText([8, 12, 20])).toBe("Lines 8, 12 and 20 are doses of 30 g or more: check they are right before you import.");
    expect(doseRowsText(0, 0)).toMatch(/^No rows/);
  });

  it("say how a spreadsheet was read", () => {
    expect(readAsText("semicolon", true, "comma")).toBe(
      "Read with semicolons between fields (as the file's first line says) and a decimal comma (2,5).",
    );
    expect(readAsText("comma", false, "point")).toBe("Read with commas between fields and a decimal point (2.5).");
    expect(readAsText("tab", false, null)).toBe("Read with tabs between fields; every amount is a whole number.");
  });

  it("count the bad rows that are not listed", () => {
    expect(moreBadText(0)).toBe("");
    expect(moreBadText(1)).toBe("and 1 more row");
    expect(moreBadText(412)).toBe("and 412 more rows");
    expect(moreBadText(99900)).toBe("and 99,900 more rows");
  });

  it("name the columns in words", () => {
    expect(fieldWords("time")).toBe("Time");
    expect(fieldWords("grams")).toBe("Amount in grams");
    expect(fieldWords(null)).toBe("Not imported");
    expect(fieldWords("something_new")).toBe("Something new");
  });
});

describe("backups and exports", () => {
  it("show sizes and kinds in words", () => {
    expect(sizeText(512)).toBe("512 bytes");
    expect(sizeText(12_345)).toBe("12 KB");
    expect(sizeText(BigInt(1_500_000))).toBe("1.4 MB");
    expect(backupDetails({ size_bytes: BigInt(40_960), kind: "before_restore" })).toBe("40 KB · Before a restore");
    expect(backupDetails({ size_bytes: BigInt(2048), kind: "manual" })).toBe("2 KB · Made by you");
  });

  it("show the time in local time (Berlin in these tests)", () => {
    expect(localDateTime("2026-11-25T08:05:00Z")).toMatch(/^Wed 25 Nov( 2026)? 09:05$/);
    expect(localDateTime("not a time")).toBe("not a time");
  });

  it("say where exports went", () => {
    expect(exportedText(["/home/a/taper.pdf"])).toBe("Saved taper.pdf");
    expect(exportedText(["/x/f/doses.csv", "/x/f/checkins.csv", "/x/f/medicines.csv"])).toBe("Saved 3 files: doses.csv, checkins.csv, medicines.csv");
  });
});

describe("rangeForPlan", () => {
  it('offers "This plan" by default only when a plan exists', () => {
    expect(rangeForPlan("plan", true)).toBe("plan");
    expect(rangeForPlan("plan", false)).toBe("last14");
    expect(rangeForPlan("last30", false)).toBe("last30");
    expect(rangeForPlan("all", true)).toBe("all");
  });
});
