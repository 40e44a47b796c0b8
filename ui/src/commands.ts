// Generated from src-tauri/src/declared.rs (UPDATE_BINDINGS=1 cargo test -p taper-app commands_ts).
// Do not edit by hand: declare a command there, handle it in src-tauri/src/commands/.

import type { AppInfo, BackupInfo, ChartImage, ChartRange, ChartRequest, ChartTheme, CheckIn, CheckInInput, DayView, Dose, DoseInput, ExportKind, ImportMode, ImportOutcome, ImportPreview, Instrument, Medicine, MedicineInput, Opening, Plan, PlanParams, PlanPreview, QuickAmount, Recovered, ReminderKind, ReportOptions, ReportPreview, SaveFormat, Settings, Symptom } from "./bindings";
import { call } from "./call";

/** Every command of the backend, as a typed function. A rejection is always an ApiError. */
export const commands = {
  /** Version, data folder, diary file and whether it is encrypted or read-only. */
  appInfo: () => call<AppInfo>("app_info"),
  /** Changes when another process (the `taper` command) commits to the diary. */
  diaryVersion: () => call<number>("diary_version"),
  getSettings: () => call<Settings>("get_settings"),
  saveSettings: (settings: Settings) => call<Settings>("save_settings", { settings }),
  /**
   * Shows everything at `percent` of its normal size (100, 125, 150, 175 or 200): the
   * window's own zoom, so the layout sees a smaller window. Saves nothing.
   */
  setTextSize: (percent: number) => call<null>("set_text_size", { percent }),
  /** One diary day: its doses, check-ins, medicines, plan target and totals. */
  getDay: (date: string) => call<DayView>("get_day", { date }),
  addDose: (input: DoseInput) => call<Dose>("add_dose", { input }),
  /**
   * An edit of the entry `id`; `version` is the entry's `version` when the form opened,
   * and an entry changed elsewhere since is refused (field "version"), not overwritten.
   */
  updateDose: (id: number, input: DoseInput, version: string | null) => call<Dose>("update_dose", { id, input, version }),
  deleteDose: (id: number) => call<null>("delete_dose", { id }),
  restoreDose: (id: number) => call<Dose>("restore_dose", { id }),
  addCheckin: (input: CheckInInput) => call<CheckIn>("add_checkin", { input }),
  updateCheckin: (id: number, input: CheckInInput, version: string | null) => call<CheckIn>("update_checkin", { id, input, version }),
  deleteCheckin: (id: number) => call<null>("delete_checkin", { id }),
  restoreCheckin: (id: number) => call<CheckIn>("restore_checkin", { id }),
  /** The symptoms in use (not archived), in their order. */
  symptoms: () => call<Symptom[]>("symptoms"),
  usualAmounts: () => call<QuickAmount[]>("usual_amounts"),
  products: () => call<string[]>("products"),
  /** Every instrument definition: the kratom checklist, SOWS and COWS. */
  instruments: () => call<Instrument[]>("instruments"),
  allSymptoms: () => call<Symptom[]>("all_symptoms"),
  addSymptom: (label: string) => call<Symptom>("add_symptom", { label }),
  renameSymptom: (key: string, label: string) => call<Symptom>("rename_symptom", { key, label }),
  archiveSymptom: (key: string, archived: boolean) => call<Symptom>("archive_symptom", { key, archived }),
  addMedicine: (input: MedicineInput) => call<Medicine>("add_medicine", { input }),
  updateMedicine: (id: number, input: MedicineInput, version: string | null) => call<Medicine>("update_medicine", { id, input, version }),
  deleteMedicine: (id: number) => call<null>("delete_medicine", { id }),
  restoreMedicine: (id: number) => call<Medicine>("restore_medicine", { id }),
  medicineNames: () => call<string[]>("medicine_names"),
  /** The plan in force today, else the next one to start; null when there is none. */
  currentPlan: () => call<Plan | null>("current_plan"),
  /**
   * The suggested starting daily amount: the mean of the logged days among the last
   * seven.
   */
  suggestStart: () => call<number | null>("suggest_start"),
  /** The plan as it would be made, drawn, without saving anything. */
  previewPlan: (params: PlanParams, width: number, height: number, theme: ChartTheme) => call<PlanPreview>("preview_plan", { params, width, height, theme }),
  createPlan: (params: PlanParams) => call<Plan>("create_plan", { params }),
  /**
   * Steps back today: the previous amount is repeated for `repeatDays` days and the
   * rest of the plan moves later.
   */
  stepBack: (repeatDays: number) => call<Plan>("step_back", { repeatDays }),
  getChart: (request: ChartRequest) => call<ChartImage>("get_chart", { request }),
  /** Today's plan as a small SVG step line; null when no plan is in force. */
  planSparkline: (theme: ChartTheme) => call<string | null>("plan_sparkline", { theme }),
  /**
   * Asks where to save the chart (the system's save dialog), then writes it there as
   * SVG or as PNG at twice the size, always in the light theme. The path written, or
   * null when the person cancelled.
   */
  saveChart: (request: ChartRequest, format: SaveFormat) => call<string | null>("save_chart", { request, format }),
  /** The Share screen's starting options (paper size from this computer's locale). */
  defaultReportOptions: () => call<ReportOptions>("default_report_options"),
  /** Page 1 of the report and its page count, for the Share screen's preview. */
  reportPreview: (options: ReportOptions) => call<ReportPreview>("report_preview", { options }),
  /**
   * Makes the PDF, asks where to save it (the system's save dialog), writes it. The
   * PDF's path, or null when the person cancelled.
   */
  saveReport: (options: ReportOptions) => call<string | null>("save_report", { options }),
  /**
   * Exports the diary: CSV files into a new folder inside the one the person picks,
   * or the JSON backup or FHIR bundle into a file. The files written, or null when
   * the person cancelled.
   */
  exportData: (kind: ExportKind, range: ChartRange) => call<string[] | null>("export_data", { kind, range }),
  /**
   * Asks for a file to import (the system's open dialog) and says what importing it
   * would do; writes nothing. Null when the person cancelled.
   */
  previewImport: () => call<ImportPreview | null>("preview_import"),
  /**
   * Imports the file of preview `id` in one transaction (`mode` only for a backup
   * into a used diary); refused when the file changed since the preview.
   */
  importFile: (id: number, mode: ImportMode | null) => call<ImportOutcome>("import_file", { id, mode }),
  /** The diary's backups, newest first. */
  listBackups: () => call<BackupInfo[]>("list_backups"),
  backUpNow: () => call<BackupInfo>("back_up_now"),
  /**
   * Replaces the diary with the backup `fileName` (one of `listBackups`); returns the
   * "before restore" copy of the diary as it was.
   */
  restoreBackup: (fileName: string) => call<BackupInfo>("restore_backup", { fileName }),
  /** The screen to start on: the diary, first start, unlock, the app lock or trouble. */
  opening: () => call<Opening>("opening"),
  /** First start: makes the diary, encrypted when a passphrase is given. */
  startDiary: (passphrase: string | null) => call<null>("start_diary", { passphrase }),
  /**
   * Opens an encrypted diary with its passphrase, or a plain one after the app lock
   * (null).
   */
  unlock: (passphrase: string | null) => call<null>("unlock", { passphrase }),
  /** Locks the app: the diary is closed (and its passphrase forgotten) until unlocked. */
  lockApp: () => call<null>("lock_app"),
  /**
   * Encrypts the diary and its backups, changes the passphrase, or removes it (`next`
   * null). When the diary is encrypted, `current` must be its passphrase.
   */
  setPassphrase: (current: string | null, next: string | null) => call<AppInfo>("set_passphrase", { current, next }),
  /**
   * "Delete all my data" with its typed confirmation: the diary, its backups and its
   * settings are deleted and the app is back at first start.
   */
  deleteEverything: (confirmation: string) => call<null>("delete_everything", { confirmation }),
  /** "Try again": opens the diary afresh after trouble. */
  retryOpen: () => call<null>("retry_open"),
  /**
   * The diary file is missing: go to first start for a new, empty diary (the backups
   * stay where they are).
   */
  startNewDiary: () => call<null>("start_new_diary"),
  /**
   * Puts a listed backup in place of a diary that cannot be opened; the file that
   * failed is renamed aside, unchanged.
   */
  restoreFromTrouble: (fileName: string) => call<Recovered>("restore_from_trouble", { fileName }),
  /**
   * "Open another diary file…": for this session Taper uses the existing diary file
   * the person picks. Its path, or null when they cancelled.
   */
  openOtherDiary: () => call<string | null>("open_other_diary"),
  /**
   * The form a clicked reminder asks for ("check_in" or "dose"), once; null when
   * there is none.
   */
  takeReminder: () => call<ReminderKind | null>("take_reminder"),
  /**
   * The dose a "Taken" answer to a dose reminder logged, once (to show it with
   * Undo); null when there is none.
   */
  takeReminderDose: () => call<Dose | null>("take_reminder_dose"),
  /** Why the last reminder could not be shown (no notification service), or null. */
  reminderProblem: () => call<string | null>("reminder_problem"),
  /** Whether Taper starts when the person logs in (an XDG autostart entry). */
  startAtLogin: () => call<boolean>("start_at_login"),
  /** Turns starting at login on or off; the new state. */
  setStartAtLogin: (on: boolean) => call<boolean>("set_start_at_login", { on }),
  /**
   * Whether Taper keeps running in the tray when its window is closed (kept for this
   * computer, outside the diary; off by default).
   */
  keepInTray: () => call<boolean>("keep_in_tray"),
  /**
   * Turns the tray icon on or off; the new state. Fails (code "storage", field
   * "keep_in_tray") when the choice could not be kept.
   */
  setKeepInTray: (on: boolean) => call<boolean>("set_keep_in_tray", { on }),
  /**
   * Why the tray icon is not shown although it is asked for (no indicator library),
   * or null.
   */
  trayProblem: () => call<string | null>("tray_problem"),
  /**
   * Opens the folder holding the diary file in use in the system's file manager.
   * Fails (code "storage", field "path") when no file manager could open it.
   */
  openDataFolder: () => call<null>("open_data_folder"),
  /**
   * Shows the file `path` selected in its folder in the system's file manager. Only
   * for a file Taper saved this session, given exactly as a save command returned it
   * (`saveReport`, `saveChart`, `exportData`, `backUpNow`); any other path is refused
   * (code "not_found", field "path"). Fails (code "storage") when no file manager
   * could open it.
   */
  revealFile: (path: string) => call<null>("reveal_file", { path }),
};
