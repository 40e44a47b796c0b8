// Every command the window may call, declared once: its name, its arguments as they cross the
// wire (the page sends them under their camelCase names) and its reply (an `ApiError` on
// failure). Everything else is derived from this list:
// - build.rs: the permissions Tauri generates and the window's capability file;
// - ipc.rs: the `#[tauri::command]` each one is, calling `commands::<name>(&app, args…)` (so a
//   handler missing or with other argument types fails to compile), and the handler list;
// - ipc.rs's test: `ui/src/commands.ts`, the page's typed function for each command.
// This file is `include!`d by build.rs, so it holds nothing but the macro.

/// Calls `$then!` with the list of commands, each
/// `/// docs  name(arg: Type, …) -> Reply;`.
macro_rules! declare_commands {
    ($then:ident) => {
        $then! {
            /// Version, data folder, diary file and whether it is encrypted or read-only.
            app_info() -> AppInfo;
            /// Changes when another process (the `taper` command) commits to the diary.
            diary_version() -> i64;
            get_settings() -> Settings;
            save_settings(settings: Settings) -> Settings;
            /// Shows everything at `percent` of its normal size (100, 125, 150, 175 or 200): the
            /// window's own zoom, so the layout sees a smaller window. Saves nothing.
            set_text_size(percent: u32) -> ();
            /// One diary day: its doses, check-ins, medicines, plan target and totals.
            get_day(date: NaiveDate) -> DayView;
            add_dose(input: DoseInput) -> Dose;
            /// An edit of the entry `id`; `version` is the entry's `version` when the form opened,
            /// and an entry changed elsewhere since is refused (field "version"), not overwritten.
            update_dose(id: i64, input: DoseInput, version: Option<String>) -> Dose;
            delete_dose(id: i64) -> ();
            restore_dose(id: i64) -> Dose;
            add_checkin(input: CheckInInput) -> CheckIn;
            update_checkin(id: i64, input: CheckInInput, version: Option<String>) -> CheckIn;
            delete_checkin(id: i64) -> ();
            restore_checkin(id: i64) -> CheckIn;
            /// The symptoms in use (not archived), in their order.
            symptoms() -> Vec<Symptom>;
            usual_amounts() -> Vec<QuickAmount>;
            products() -> Vec<String>;
            /// Every instrument definition: the kratom checklist, SOWS and COWS.
            instruments() -> Vec<Instrument>;
            all_symptoms() -> Vec<Symptom>;
            add_symptom(label: String) -> Symptom;
            rename_symptom(key: String, label: String) -> Symptom;
            archive_symptom(key: String, archived: bool) -> Symptom;
            add_medicine(input: MedicineInput) -> Medicine;
            update_medicine(id: i64, input: MedicineInput, version: Option<String>) -> Medicine;
            delete_medicine(id: i64) -> ();
            restore_medicine(id: i64) -> Medicine;
            medicine_names() -> Vec<String>;
            /// The plan in force today, else the next one to start; null when there is none.
            current_plan() -> Option<Plan>;
            /// The suggested starting daily amount: the mean of the logged days among the last
            /// seven.
            suggest_start() -> Option<f64>;
            /// The plan as it would be made, drawn, without saving anything.
            preview_plan(params: PlanParams, width: u32, height: u32, theme: ChartTheme) -> PlanPreview;
            create_plan(params: PlanParams) -> Plan;
            /// Steps back today: the previous amount is repeated for `repeatDays` days and the
            /// rest of the plan moves later.
            step_back(repeat_days: u32) -> Plan;
            get_chart(request: ChartRequest) -> ChartImage;
            /// Today's plan as a small SVG step line; null when no plan is in force.
            plan_sparkline(theme: ChartTheme) -> Option<String>;
            /// Asks where to save the chart (the system's save dialog), then writes it there as
            /// SVG or as PNG at twice the size, always in the light theme. The path written, or
            /// null when the person cancelled.
            save_chart(request: ChartRequest, format: SaveFormat) -> Option<String>;
            /// The Share screen's starting options (paper size from this computer's locale).
            default_report_options() -> ReportOptions;
            /// Page 1 of the report and its page count, for the Share screen's preview.
            report_preview(options: ReportOptions) -> ReportPreview;
            /// Makes the PDF, asks where to save it (the system's save dialog), writes it. The
            /// PDF's path, or null when the person cancelled.
            save_report(options: ReportOptions) -> Option<String>;
            /// Exports the diary: CSV files into a new folder inside the one the person picks,
            /// or the JSON backup or FHIR bundle into a file. The files written, or null when
            /// the person cancelled.
            export_data(kind: ExportKind, range: ChartRange) -> Option<Vec<String>>;
            /// Asks for a file to import (the system's open dialog) and says what importing it
            /// would do; writes nothing. Null when the person cancelled.
            preview_import() -> Option<ImportPreview>;
            /// Imports the file of preview `id` in one transaction (`mode` only for a backup
            /// into a used diary); refused when the file changed since the preview.
            import_file(id: u32, mode: Option<ImportMode>) -> ImportOutcome;
            /// The diary's backups, newest first.
            list_backups() -> Vec<BackupInfo>;
            back_up_now() -> BackupInfo;
            /// Replaces the diary with the backup `fileName` (one of `listBackups`); returns the
            /// "before restore" copy of the diary as it was.
            restore_backup(file_name: String) -> BackupInfo;
            /// The screen to start on: the diary, first start, unlock, the app lock or trouble.
            opening() -> Opening;
            /// First start: makes the diary, encrypted when a passphrase is given.
            start_diary(passphrase: Option<String>) -> ();
            /// Opens an encrypted diary with its passphrase, or a plain one after the app lock
            /// (null).
            unlock(passphrase: Option<String>) -> ();
            /// Locks the app: the diary is closed (and its passphrase forgotten) until unlocked.
            lock_app() -> ();
            /// Encrypts the diary and its backups, changes the passphrase, or removes it (`next`
            /// null). When the diary is encrypted, `current` must be its passphrase.
            set_passphrase(current: Option<String>, next: Option<String>) -> AppInfo;
            /// "Delete all my data" with its typed confirmation: the diary, its backups and its
            /// settings are deleted and the app is back at first start.
            delete_everything(confirmation: String) -> ();
            /// "Try again": opens the diary afresh after trouble.
            retry_open() -> ();
            /// The diary file is missing: go to first start for a new, empty diary (the backups
            /// stay where they are).
            start_new_diary() -> ();
            /// Puts a listed backup in place of a diary that cannot be opened; the file that
            /// failed is renamed aside, unchanged.
            restore_from_trouble(file_name: String) -> Recovered;
            /// "Open another diary file…": for this session Taper uses the existing diary file
            /// the person picks. Its path, or null when they cancelled.
            open_other_diary() -> Option<String>;
            /// The form a clicked reminder asks for ("check_in" or "dose"), once; null when
            /// there is none.
            take_reminder() -> Option<ReminderKind>;
            /// The dose a "Taken" answer to a dose reminder logged, once (to show it with
            /// Undo); null when there is none.
            take_reminder_dose() -> Option<Dose>;
            /// Why the last reminder could not be shown (no notification service), or null.
            reminder_problem() -> Option<String>;
            /// Whether Taper starts when the person logs in (an XDG autostart entry).
            start_at_login() -> bool;
            /// Turns starting at login on or off; the new state.
            set_start_at_login(on: bool) -> bool;
            /// Whether Taper keeps running in the tray when its window is closed (kept for this
            /// computer, outside the diary; off by default).
            keep_in_tray() -> bool;
            /// Turns the tray icon on or off; the new state. Fails (code "storage", field
            /// "keep_in_tray") when the choice could not be kept.
            set_keep_in_tray(on: bool) -> bool;
            /// Why the tray icon is not shown although it is asked for (no indicator library),
            /// or null.
            tray_problem() -> Option<String>;
            /// Opens the folder holding the diary file in use in the system's file manager.
            /// Fails (code "storage", field "path") when no file manager could open it.
            open_data_folder() -> ();
            /// Shows the file `path` selected in its folder in the system's file manager. Only
            /// for a file Taper saved this session, given exactly as a save command returned it
            /// (`saveReport`, `saveChart`, `exportData`, `backUpNow`); any other path is refused
            /// (code "not_found", field "path"). Fails (code "storage") when no file manager
            /// could open it.
            reveal_file(path: String) -> ();
        }
    };
}
