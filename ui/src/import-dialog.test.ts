import { describe, expect, it } from "vitest";
import type { ImportSummary } from "./bindings";
import { backupAddsNothing } from "./import-dialog";

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

describe("backupAddsNothing: a backup whose merge would change nothing offers only Close", () => {
  it("is true when everything is already there or changed later here", () => {
    expect(backupAddsNothing(none)).toBe(true);
    expect(backupAddsNothing({ ...none, already_there: 12, kept_newer: 2 })).toBe(true);
  });

  it("is false when anything would be added, updated or could be brought back", () => {
    expect(backupAddsNothing({ ...none, added_doses: 1 })).toBe(false);
    expect(backupAddsNothing({ ...none, added_symptoms: 1 })).toBe(false);
    expect(backupAddsNothing({ ...none, added_plan_versions: 1 })).toBe(false);
    expect(backupAddsNothing({ ...none, updated: 3 })).toBe(false);
    expect(backupAddsNothing({ ...none, matched_deleted: [{ entry: "dose", id: 4 }] })).toBe(false);
  });
});
