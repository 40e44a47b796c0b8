import { describe, expect, it } from "vitest";
import { FATAL_CODES, isApiError, normaliseError } from "./api";

describe("normaliseError", () => {
  it("keeps a well-formed backend error as it is", () => {
    const e = { code: "invalid", message: "Enter an amount like 2.5.", field: "amount" };
    expect(normaliseError(e)).toEqual(e);
  });

  it("keeps needs_confirmation with its field", () => {
    expect(normaliseError({ code: "needs_confirmation", message: "That is a lot: 45 g. Save it?", field: "amount" })).toEqual({
      code: "needs_confirmation",
      message: "That is a lot: 45 g. Save it?",
      field: "amount",
    });
  });

  it("sets a missing or empty field to null", () => {
    expect(normaliseError({ code: "locked", message: "Taper is open in another window." })).toEqual({
      code: "locked",
      message: "Taper is open in another window.",
      field: null,
    });
    expect(normaliseError({ code: "invalid", message: "x", field: "" }).field).toBeNull();
  });

  it("turns a plain string (Tauri's own errors) into internal", () => {
    expect(normaliseError("command add_dose not found")).toEqual({
      code: "internal",
      message: "command add_dose not found",
      field: null,
    });
  });

  it("turns a JS Error into internal with its message", () => {
    expect(normaliseError(new TypeError("window.__TAURI_INTERNALS__ is undefined"))).toEqual({
      code: "internal",
      message: "window.__TAURI_INTERNALS__ is undefined",
      field: null,
    });
  });

  it("turns an unknown code into internal, keeping the message, dropping the field", () => {
    expect(normaliseError({ code: "weird", message: "Odd thing", field: "amount" })).toEqual({
      code: "internal",
      message: "Odd thing",
      field: null,
    });
  });

  it("gives a kind message for garbage", () => {
    for (const junk of [null, undefined, 42, {}, "", { code: "invalid" }]) {
      const e = normaliseError(junk);
      expect(e.code).toBe("internal");
      expect(e.field).toBeNull();
      expect(e.message).toBe("Something went wrong. Please try again.");
    }
  });

  it("is idempotent and always yields an ApiError", () => {
    for (const x of ["boom", new Error("e"), { code: "storage", message: "Disk full", field: null }, 7]) {
      const once = normaliseError(x);
      expect(isApiError(once)).toBe(true);
      expect(normaliseError(once)).toEqual(once);
    }
  });

  it("knows which codes make the database unusable", () => {
    expect([...FATAL_CODES].sort()).toEqual(["corrupt", "locked", "newer_version", "read_only", "storage"]);
    expect(FATAL_CODES.has("invalid")).toBe(false);
    expect(FATAL_CODES.has("internal")).toBe(false);
  });
});

describe("plan and chart commands", () => {
  it("send the names and arguments the backend expects", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    const calls: Array<[string, unknown]> = [];
    vi.doMock("@tauri-apps/api/core", () => ({
      invoke: async (cmd: string, args?: unknown) => {
        calls.push([cmd, args]);
        return null;
      },
    }));
    const { api } = await import("./api");
    const params = {
      start: "2026-11-25",
      start_g: 6,
      shape: { kind: "detox_week" as const, front_loaded: false },
      hold_days: 0,
      floor_g: 0,
      rounding: { kind: "tenth" as const },
    };
    const request = { kind: "taper" as const, range: { kind: "plan" as const }, theme: "light" as const, width: 800, height: 360 };
    await api.currentPlan();
    await api.suggestStart();
    await api.previewPlan(params, 800, 320, "dark");
    await api.createPlan(params);
    await api.stepBack(2);
    await api.getChart(request);
    await api.saveChart(request, "png");
    expect(calls).toEqual([
      ["current_plan", undefined],
      ["suggest_start", undefined],
      ["preview_plan", { params, width: 800, height: 320, theme: "dark" }],
      ["create_plan", { params }],
      ["step_back", { repeatDays: 2 }],
      ["get_chart", { request }],
      ["save_chart", { request, format: "png" }],
    ]);
    vi.doUnmock("@tauri-apps/api/core");
  });
});

describe("share, import and backup commands", () => {
  it("send the names and arguments the backend expects", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    const calls: Array<[string, unknown]> = [];
    vi.doMock("@tauri-apps/api/core", () => ({
      invoke: async (cmd: string, args?: unknown) => {
        calls.push([cmd, args]);
        return null;
      },
    }));
    const { api } = await import("./api");
    const options = { range: { kind: "last" as const, days: 14 }, paper: "a4" as const, include_notes: false, name: null };
    await api.defaultReportOptions();
    await api.reportPreview(options);
    await api.saveReport(options);
    await api.exportData("csv", { kind: "all" });
    await api.previewImport();
    await api.importFile(1, "merge");
    await api.importFile(2, null);
    await api.listBackups();
    await api.backUpNow();
    await api.restoreBackup("taper-2026-11-25T091500Z-manual.db");
    expect(calls).toEqual([
      ["default_report_options", undefined],
      ["report_preview", { options }],
      ["save_report", { options }],
      ["export_data", { kind: "csv", range: { kind: "all" } }],
      ["preview_import", undefined],
      ["import_file", { id: 1, mode: "merge" }],
      ["import_file", { id: 2, mode: null }],
      ["list_backups", undefined],
      ["back_up_now", undefined],
      ["restore_backup", { fileName: "taper-2026-11-25T091500Z-manual.db" }],
    ]);
    vi.doUnmock("@tauri-apps/api/core");
  });
});
