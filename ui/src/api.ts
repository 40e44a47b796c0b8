// The only module that talks to the backend. Every function returns a typed Promise;
// a rejection is always an ApiError ({code, message, field}).

import { invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  AppInfo,
  BackupInfo,
  ChartImage,
  ChartRange,
  ChartRequest,
  ChartTheme,
  CheckIn,
  CheckInInput,
  DayView,
  Dose,
  DoseInput,
  ErrorCode,
  ExportKind,
  ImportMode,
  ImportOutcome,
  ImportPreview,
  Instrument,
  Medicine,
  MedicineInput,
  Plan,
  PlanParams,
  PlanPreview,
  QuickAmount,
  Recovered,
  ReportOptions,
  ReportPreview,
  SaveFormat,
  Settings,
  Symptom,
  Opening,
} from "./bindings";

export type { ApiError } from "./bindings";

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "invalid",
  "needs_confirmation",
  "not_found",
  "locked",
  "read_only",
  "corrupt",
  "newer_version",
  "storage",
  "internal",
  "needs_passphrase",
  "wrong_passphrase",
  "app_locked",
  "first_start",
  "busy",
  "diary_missing",
]);

/** Codes meaning the database cannot be used at all (shown full-window at start). */
export const FATAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "locked",
  "read_only",
  "corrupt",
  "newer_version",
  "storage",
]);

/** Codes meaning the diary is not open for a reason with its own screen (the page starts again). */
export const GATE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["needs_passphrase", "app_locked", "first_start"]);

const FALLBACK_MESSAGE = "Something went wrong. Please try again.";

function internal(message: string): ApiError {
  const text = message.trim();
  return { code: "internal", message: text === "" ? FALLBACK_MESSAGE : text, field: null };
}

/**
 * Turn whatever a failed invoke produced into an ApiError. A well-formed backend error is
 * kept as it is (field null when absent); anything else (a string from Tauri, a JS Error,
 * an unknown code, garbage) becomes {code: "internal", message, field: null}.
 */
export function normaliseError(e: unknown): ApiError {
  if (typeof e === "string") return internal(e);
  if (e instanceof Error) return internal(e.message);
  if (typeof e === "object" && e !== null) {
    const o = e as Record<string, unknown>;
    const message = typeof o.message === "string" ? o.message : "";
    if (typeof o.code === "string" && ERROR_CODES.has(o.code) && message.trim() !== "") {
      return {
        code: o.code as ErrorCode,
        message,
        field: typeof o.field === "string" && o.field !== "" ? o.field : null,
      };
    }
    return internal(message);
  }
  return internal("");
}

export function isApiError(e: unknown): e is ApiError {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.code === "string" &&
    ERROR_CODES.has(o.code) &&
    typeof o.message === "string" &&
    (o.field === null || typeof o.field === "string")
  );
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await invoke<T>(cmd, args)) as T;
  } catch (e) {
    throw normaliseError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  getDay: (date: string) => call<DayView>("get_day", { date }),
  addDose: (input: DoseInput) => call<Dose>("add_dose", { input }),
  updateDose: (id: number, input: DoseInput) => call<Dose>("update_dose", { id, input }),
  deleteDose: (id: number) => call<null>("delete_dose", { id }),
  restoreDose: (id: number) => call<Dose>("restore_dose", { id }),
  addCheckin: (input: CheckInInput) => call<CheckIn>("add_checkin", { input }),
  updateCheckin: (id: number, input: CheckInInput) => call<CheckIn>("update_checkin", { id, input }),
  deleteCheckin: (id: number) => call<null>("delete_checkin", { id }),
  restoreCheckin: (id: number) => call<CheckIn>("restore_checkin", { id }),
  symptoms: () => call<Symptom[]>("symptoms"),
  usualAmounts: () => call<QuickAmount[]>("usual_amounts"),
  products: () => call<string[]>("products"),
  instruments: () => call<Instrument[]>("instruments"),
  allSymptoms: () => call<Symptom[]>("all_symptoms"),
  addSymptom: (label: string) => call<Symptom>("add_symptom", { label }),
  renameSymptom: (key: string, label: string) => call<Symptom>("rename_symptom", { key, label }),
  archiveSymptom: (key: string, archived: boolean) =>
    call<Symptom>("archive_symptom", { key, archived }),
  addMedicine: (input: MedicineInput) => call<Medicine>("add_medicine", { input }),
  updateMedicine: (id: number, input: MedicineInput) =>
    call<Medicine>("update_medicine", { id, input }),
  deleteMedicine: (id: number) => call<null>("delete_medicine", { id }),
  restoreMedicine: (id: number) => call<Medicine>("restore_medicine", { id }),
  medicineNames: () => call<string[]>("medicine_names"),
  currentPlan: () => call<Plan | null>("current_plan"),
  suggestStart: () => call<number | null>("suggest_start"),
  /** Today's plan as a small SVG step line; null when no plan is in force. */
  planSparkline: (theme: ChartTheme) => call<string | null>("plan_sparkline", { theme }),
  previewPlan: (params: PlanParams, width: number, height: number, theme: ChartTheme) =>
    call<PlanPreview>("preview_plan", { params, width, height, theme }),
  createPlan: (params: PlanParams) => call<Plan>("create_plan", { params }),
  /** Steps back today: the previous amount is repeated for `repeatDays` days. */
  stepBack: (repeatDays: number) => call<Plan>("step_back", { repeatDays }),
  getChart: (request: ChartRequest) => call<ChartImage>("get_chart", { request }),
  /** Opens the system save dialog; the path written, or null when cancelled. */
  saveChart: (request: ChartRequest, format: SaveFormat) => call<string | null>("save_chart", { request, format }),
  /** The Share screen's starting options (paper size from this computer's locale). */
  defaultReportOptions: () => call<ReportOptions>("default_report_options"),
  reportPreview: (options: ReportOptions) => call<ReportPreview>("report_preview", { options }),
  /** Opens the system save dialog; the PDF's path, or null when cancelled. */
  saveReport: (options: ReportOptions) => call<string | null>("save_report", { options }),
  /** Opens a save (or, for CSV, a folder) dialog; the files written, or null when cancelled. */
  exportData: (kind: ExportKind, range: ChartRange) => call<string[] | null>("export_data", { kind, range }),
  /** Opens the system open dialog and says what importing the file would do; writes nothing. */
  previewImport: () => call<ImportPreview | null>("preview_import"),
  /** Imports the file of preview `id` in one transaction (`mode` only for a backup into a used
   * diary); refused when the file changed since the preview. */
  importFile: (id: number, mode: ImportMode | null) => call<ImportOutcome>("import_file", { id, mode }),
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backUpNow: () => call<BackupInfo>("back_up_now"),
  /** Replaces the diary with the backup `fileName` (from `listBackups`); returns the "before
   * restore" copy of the diary as it was. */
  restoreBackup: (fileName: string) => call<BackupInfo>("restore_backup", { fileName }),
  /** The screen to start on: the diary, first start, unlock, the app lock or trouble. */
  opening: () => call<Opening>("opening"),
  /** First start: makes the diary, encrypted when a passphrase is given. */
  startDiary: (passphrase: string | null) => call<null>("start_diary", { passphrase }),
  /** Opens an encrypted diary with its passphrase, or a plain one after the app lock (null). */
  unlock: (passphrase: string | null) => call<null>("unlock", { passphrase }),
  /** Locks the app: the diary is closed (and its passphrase forgotten) until unlocked. */
  lockApp: () => call<null>("lock_app"),
  /** Encrypts, changes the passphrase, or (new null) removes it; `current` when encrypted. */
  setPassphrase: (current: string | null, next: string | null) => call<AppInfo>("set_passphrase", { current, new: next }),
  /** "Delete all my data" with its typed confirmation; the app is back at first start. */
  deleteEverything: (confirmation: string) => call<null>("delete_everything", { confirmation }),
  /** Opens the diary afresh after trouble. */
  retryOpen: () => call<null>("retry_open"),
  /** Puts a listed backup in place of a diary that cannot be opened (that file is kept aside). */
  restoreFromTrouble: (fileName: string) => call<Recovered>("restore_from_trouble", { fileName }),
  /** The diary file is missing: go to first start for a new, empty diary (backups stay). */
  startNewDiary: () => call<null>("start_new_diary"),
  /** Changes when another process (the `taper` command) commits to the diary. */
  diaryVersion: () => call<number>("diary_version"),
  /** Asks for another diary file and uses it for this session; null when cancelled. */
  openOtherDiary: () => call<string | null>("open_other_diary"),
};

export type Api = typeof api;
