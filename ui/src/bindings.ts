// Generated from crates/core by ts-rs (cargo test -p taper-core bindings). Do not edit by hand.
/**
 * Machine-readable kind of an [`ApiError`].
 */
export type ErrorCode = "invalid" | "needs_confirmation" | "not_found" | "locked" | "read_only" | "corrupt" | "newer_version" | "storage" | "internal" | "needs_passphrase" | "wrong_passphrase" | "app_locked" | "first_start" | "busy" | "diary_missing";
/**
 * Every failed command rejects with this. `field` names the input field at fault, when there is one.
 */
export type ApiError = { code: ErrorCode, message: string, field: string | null, };
export type Form = "powder" | "capsules" | "tablets" | "extract" | "tea" | "other";
/**
 * The unit an amount was entered in. Capsules and teaspoons are converted to grams with the
 * grams-per-unit from Settings; the entered figure is kept too.
 */
export type Unit = "g" | "capsule" | "tsp";
/**
 * `amount` is the raw text typed by the user; `taken_at` is RFC 3339 with the local UTC offset, e.g. "2026-11-25T03:10:00+01:00".
 */
export type DoseInput = { amount: string, unit: Unit, taken_at: string, form: Form, product: string | null, estimated: boolean, note: string | null, confirm_large: boolean, };
/**
 * `local_time` is the wall-clock time "YYYY-MM-DDTHH:MM"; `day` the diary day "YYYY-MM-DD".
 */
export type Dose = { id: number, 
/**
 * What the entry is now (its identity and last change; opaque). An edit sends it back
 * so that an entry changed elsewhere since is never overwritten.
 */
version: string, amount_g: number, amount_entered: number, unit: Unit, taken_at: string, local_time: string, day: string, form: Form, product: string | null, estimated: boolean, note: string | null, };
export type Symptom = { key: string, label: string, instrument: string, position: number, archived: boolean, };
/**
 * One item of a check-in and the score given to it (`key` a catalogue item, `score` one of
 * the item's allowed scores).
 */
export type ItemScore = { key: string, score: number, };
export type CheckInInput = { taken_at: string, items: Array<ItemScore>, craving: number | null, sleep_hours: number | null, sleep_quality: number | null, mood: number | null, note: string | null, };
/**
 * `total` is the sum of item scores, `max_total` the highest total of the rated items (4 each on
 * the checklist and SOWS, each item's own maximum on COWS), `worst` the highest item score.
 * `instrument` is the form it was filled in on ("kratom", "sows", "cows"); `band` is given only
 * for a complete scored form; `complete` says every item of the form was rated (for the kratom
 * checklist: every built-in item, and never with no items).
 */
export type CheckIn = { id: number, 
/**
 * What the entry is now (its identity and last change; opaque). An edit sends it back
 * so that an entry changed elsewhere since is never overwritten.
 */
version: string, taken_at: string, local_time: string, day: string, instrument: string, items: Array<ItemScore>, total: number, max_total: number, worst: number, band: string | null, complete: boolean, craving: number | null, sleep_hours: number | null, sleep_quality: number | null, mood: number | null, note: string | null, };
/**
 * `amount` is the raw text typed by the user (optional, "2", "0,5"); `unit` is free ("mg",
 * "tablets", "ml"); `taken_at` is RFC 3339 with the local UTC offset.
 */
export type MedicineInput = { taken_at: string, name: string, amount: string | null, unit: string | null, note: string | null, };
/**
 * `local_time` is the wall-clock time "YYYY-MM-DDTHH:MM"; `day` the diary day "YYYY-MM-DD".
 */
export type Medicine = { id: number, 
/**
 * What the entry is now (its identity and last change; opaque). An edit sends it back
 * so that an entry changed elsewhere since is never overwritten.
 */
version: string, taken_at: string, local_time: string, day: string, name: string, amount: number | null, unit: string | null, note: string | null, };
/**
 * How the daily amount comes down.
 */
export type Shape = { "kind": "detox_week", front_loaded: boolean, } | { "kind": "percentage", percent: number, every_days: number, } | { "kind": "fixed", step_g: number, every_days: number, };
/**
 * What a target is rounded to.
 */
export type Rounding = { "kind": "tenth" } | { "kind": "capsules", grams_per_capsule: number, };
/**
 * Everything a plan is made from.
 */
export type PlanParams = { 
/**
 * Day 1 of the plan.
 */
start: string, 
/**
 * Daily amount on day 1, in grams (rounded to `rounding`).
 */
start_g: number, shape: Shape, 
/**
 * Extra days each step is held (0 = none). Not used by a detox week.
 */
hold_days: number, 
/**
 * When the next amount would be below this many grams, it becomes 0 instead.
 */
floor_g: number, rounding: Rounding, };
/**
 * One day of a plan. `step` starts at 1 and goes up each time the target changes.
 */
export type PlanDay = { day: string, target_g: number, step: number, };
/**
 * Today's target, what has been taken, and what is left or over (all to 0.1 g).
 */
export type DayProgress = { target_g: number, taken_g: number, left_g: number, over_g: number, };
/**
 * The plan's view of one diary day, for Today and the Taper screen.
 */
export type DayPlan = { plan_id: bigint, 
/**
 * 1 on the plan's first day. Past the end it keeps counting.
 */
day_number: number, total_days: number, target_g: number, 
/**
 * The day is past the plan's last day (the target stays 0 g).
 */
finished: boolean, progress: DayProgress, 
/**
 * "1.5 g left today", "On target", "Over by 0.5 g".
 */
text: string, };
/**
 * How a plan version came about.
 */
export type PlanChange = "created" | "step_back";
/**
 * One version of a plan, as kept on disk.
 */
export type PlanVersion = { version: number, change: PlanChange, 
/**
 * The diary day from which this version is in force.
 */
effective_from: string, 
/**
 * For a step back: how many days the previous amount was repeated.
 */
repeat_days: number | null, days: Array<PlanDay>, created_at: string, };
/**
 * A plan with its whole history, newest version last.
 */
export type Plan = { id: bigint, params: PlanParams, versions: Array<PlanVersion>, };
/**
 * A day as Today shows it. Doses and other medicines oldest first; check-ins newest first.
 */
export type DayView = { date: string, doses: Array<Dose>, total_g: number, dose_count: number, checkins: Array<CheckIn>, medicines: Array<Medicine>, 
/**
 * The plan in force that day, when there is one.
 */
plan: DayPlan | null, };
/**
 * Light or dark chart colours. The app picks the one matching its own theme.
 */
export type ChartTheme = "light" | "dark";
/**
 * Which chart.
 */
export type ChartKind = "taper" | "symptoms" | "progress" | "sleep";
/**
 * Which days. `Last { days: 7 }` is the week ending today.
 */
export type ChartRange = { "kind": "plan" } | { "kind": "last", days: number, } | { "kind": "between", from: string, to: string, } | { "kind": "all" };
/**
 * What to draw, at what size (CSS pixels; PNGs are drawn at twice that).
 */
export type ChartRequest = { kind: ChartKind, range: ChartRange, theme: ChartTheme, width: number, height: number, };
/**
 * A drawn chart with the days it covers and a text summary (the image's accessible name).
 */
export type ChartImage = { svg: string, from: string, to: string, title: string, summary: string, 
/**
 * Set when the chart has nothing to show (no entries in the range, or for the weekly
 * averages fewer than two weeks with entries): the short message the chart draws, which
 * the app shows in place of the chart.
 */
message: string | null, };
/**
 * The file formats a chart is saved in.
 */
export type SaveFormat = "svg" | "png";
/**
 * A plan's schedule drawn before it is saved: the step line alone, from its first to its last
 * day, with the end date.
 */
export type PlanPreview = { days: Array<PlanDay>, end: string, svg: string, summary: string, };
/**
 * Paper sizes the report is laid out for.
 */
export type Paper = "a4" | "letter";
/**
 * What the report covers and shows.
 */
export type ReportOptions = { 
/**
 * The days: `Plan` (the default) is the current plan, or the last 14 days without one.
 */
range: ChartRange, paper: Paper, 
/**
 * Notes are private unless the person chooses to include them.
 */
include_notes: boolean, 
/**
 * A name to print at the top; none by default.
 */
name: string | null, };
/**
 * Page 1 of the report as the Share screen shows it, with how many pages the PDF will have.
 */
export type ReportPreview = { page1_svg: string, pages: number, from: string, to: string, 
/**
 * The file name the save dialog suggests.
 */
file_name: string, 
/**
 * "These characters will print as boxes: …" when the report has characters no embedded
 * font prints (see `report::unprintable_warning`); shown before the person saves.
 */
unprintable_warning: string | null, };
/**
 * What can be exported.
 */
export type ExportKind = "csv" | "json" | "fhir";
/**
 * How a backup goes into a diary that already has entries.
 */
export type ImportMode = "merge" | "replace";
/**
 * A kind of entry, as an import summary names it.
 */
export type EntryKind = "dose" | "checkin" | "medicine";
/**
 * An entry deleted in the diary that a row of the imported file (without an identity)
 * matched: it stays deleted. `id` is the entry's id in the diary.
 */
export type DeletedMatch = { entry: EntryKind, id: number, };
/**
 * What an import added (or, for a preview, would add).
 */
export type ImportSummary = { mode: ImportMode | null, added_doses: number, added_checkins: number, added_medicines: number, added_symptoms: number, added_plans: number, added_plan_versions: number, 
/**
 * Entries whose version in the file is newer than the diary's (edited or deleted since):
 * the diary's entry now holds the file's version.
 */
updated: number, 
/**
 * Entries whose version in the diary is newer than the file's: kept as they are.
 */
kept_newer: number, 
/**
 * Rows the diary already holds as the file has them (the same entry in the same version;
 * for rows without an identity, the same content), and custom symptoms and plan versions
 * it already has: left as they are.
 */
already_there: number, 
/**
 * Rows without an identity whose content matches an entry deleted in this diary: they stay
 * deleted. Each is named, so it can be brought back (`taper dose restore ID`).
 */
matched_deleted: Array<DeletedMatch>, 
/**
 * Replace only: entries that were in the diary before and are now gone.
 */
removed_doses: number, removed_checkins: number, removed_medicines: number, removed_plans: number, settings_imported: boolean, 
/**
 * Replace only: the "before restore" backup of the diary as it was before the import.
 */
kept_backup: string | null, };
/**
 * Which dose field a column of the file feeds (`field` none: the column is ignored).
 */
export type ColumnMapping = { column: string, field: string | null, };
/**
 * A row that cannot be imported: its line in the file (1-based; the header is line 1, or
 * line 2 after a `sep=` line) and why, in the app's own words.
 */
export type BadRow = { line: number, reason: string, };
/**
 * What separates the fields of a CSV file.
 */
export type Delimiter = "comma" | "semicolon" | "tab";
/**
 * The decimal mark of a file's amounts.
 */
export type DecimalMark = "point" | "comma";
/**
 * One good row of a dose CSV, ready for [`Store::import_doses`].
 */
export type ImportedDose = { 
/**
 * The dose as the file gives it (`amount` with a decimal point, `taken_at` RFC 3339 in
 * whole seconds).
 */
dose: DoseInput, 
/**
 * Grams from the file's grams column, to 0.1 g, when it has one beside an amount column:
 * the dose's grams whatever Settings say a capsule or teaspoon weighs. `None`: the grams
 * are the amount times Settings' grams per unit, as for a typed dose.
 */
amount_g: number | null, };
/**
 * What a dose CSV holds, before anything is saved. `rows` are ready for
 * [`Store::import_doses`]; `lines` gives each row's line in the file.
 */
export type DoseImportPreview = { mapping: Array<ColumnMapping>, rows: Array<ImportedDose>, lines: Array<number>, 
/**
 * The first [`MAX_BAD_ROWS_LISTED`] (100) bad rows, in file order.
 */
bad: Array<BadRow>, 
/**
 * Bad rows after those listed in `bad`: counted, not listed.
 */
more_bad: number, 
/**
 * Grams in the good rows, in total.
 */
total_g: number, 
/**
 * What separates the file's fields.
 */
delimiter: Delimiter, 
/**
 * The file's first line named the delimiter (`sep=;`); else it was told from the header.
 */
delimiter_from_sep_line: boolean, 
/**
 * The decimal mark of the good rows' amounts; `None` when every amount is a whole number.
 */
decimal_mark: DecimalMark | null, 
/**
 * Lines of good rows holding a dose of 30 g or more (the amount a typed dose is asked
 * about): shown before import; the command line imports them only with `--yes`.
 */
large_lines: Array<number>, };
/**
 * What [`Store::import_doses`] saved.
 */
export type DoseImportSummary = { added_doses: number, 
/**
 * Rows identical to a dose already in the diary, left out (each dose of the diary stands
 * for one row at most; rows of the file are never compared with each other).
 */
skipped_duplicates: number, };
/**
 * What a file would bring in, shown before anything is imported. `id` names this preview
 * for [`ImportPreviews::import`] (0 from [`preview_import`], which keeps no preview).
 */
export type ImportPreview = { "kind": "backup", id: number, path: string, needs_choice: boolean, summary: ImportSummary, } | { "kind": "dose_csv", id: number, path: string, preview: DoseImportPreview, };
/**
 * What an import did.
 */
export type ImportOutcome = { "kind": "backup", summary: ImportSummary, } | { "kind": "dose_csv", summary: DoseImportSummary, };
/**
 * Why a backup was made.
 */
export type BackupKind = "automatic" | "manual" | "before_upgrade" | "before_restore";
/**
 * One backup file.
 */
export type BackupInfo = { file_name: string, path: string, 
/**
 * When it was made (UTC, RFC 3339).
 */
created_at: string, size_bytes: bigint, kind: BackupKind, };
/**
 * Why the diary could not be opened, and the ways out the trouble screen offers.
 */
export type Trouble = { 
/**
 * Whether starting a new, empty diary is a way out (the diary file is missing).
 */
can_start_new: boolean, error: ApiError, 
/**
 * The diary file that failed.
 */
db_path: string, 
/**
 * Backups that could take its place, newest first.
 */
backups: Array<BackupInfo>, 
/**
 * Whether restoring a backup is a way out of this trouble (a damaged diary, or one from a
 * newer Taper); a locked diary or an unreadable folder needs Try again instead.
 */
can_restore: boolean, };
/**
 * The diary at `db` after a backup took its place; `set_aside` is where the diary that could
 * not be opened now is, unchanged (`None` when there was no diary file).
 */
export type Recovered = { set_aside: string | null, };
/**
 * The screen the app starts on.
 */
export type Opening = { "state": "open" } | { "state": "first_start" } | { "state": "needs_passphrase", db_path: string, } | { "state": "app_locked", encrypted: boolean, } | { "state": "trouble", trouble: Trouble, };
/**
 * One item of an instrument. `anchors[i]` is the word or description for `allowed[i]`.
 */
export type Item = { key: string, label: string, allowed: Array<number>, anchors: Array<string>, 
/**
 * How to rate the item, when it needs saying (COWS).
 */
hint: string | null, };
/**
 * A band of totals, both ends included.
 */
export type Band = { min: number, max: number, label: string, };
/**
 * `self_report` is false for an instrument only a clinician may fill in (COWS). `bands` is
 * empty for a checklist that is not a scale. `citation` is the source to show under the form.
 */
export type Instrument = { key: string, name: string, short_name: string, self_report: boolean, items: Array<Item>, bands: Array<Band>, citation: string | null, note: string, };
/**
 * A one-click dose button.
 */
export type QuickAmount = { amount_g: number, form: Form, };
export type Theme = "system" | "light" | "dark";
/**
 * Which check-in the user fills in each time: the kratom checklist, SOWS, or both on one
 * screen (saved as two check-ins). Switching never changes past check-ins.
 */
export type CheckinChoice = "kratom" | "sows" | "both";
/**
 * The person's reminders. Times are local wall-clock "HH:MM" (24-hour).
 */
export type Reminders = { 
/**
 * A daily check-in reminder at this time; null: none (the default).
 */
checkin_at: string | null, 
/**
 * A reminder at each of these times on days a taper plan is in force (its usual dose
 * times); empty: none (the default). Sorted, no repeats, at most [`MAX_DOSE_TIMES`].
 */
dose_times: Array<string>, 
/**
 * Quiet hours: no reminder from `quiet_from` up to `quiet_to` (crossing midnight when
 * `quiet_to` is earlier). Both or neither.
 */
quiet_from: string | null, quiet_to: string | null, };
/**
 * What a reminder asks for.
 */
export type ReminderKind = "check_in" | "dose";
/**
 * `quick_amounts` null means "work them out from recent doses".
 */
export type Settings = { day_start_hour: number, grams_per_capsule: number, grams_per_tsp: number, quick_amounts: Array<QuickAmount> | null, theme: Theme, checkin_instrument: CheckinChoice, 
/**
 * Lock the app after this many minutes without use; `null`: never (the default).
 */
lock_after_minutes: number | null, 
/**
 * Reminders through the desktop's notifications (all off by default).
 */
reminders: Reminders, 
/**
 * How large the window shows everything, in percent (one of [`TEXT_SIZES`]; 100 by
 * default). Applied with the webview's own zoom, so the layout sees a smaller window.
 */
text_size: number, 
/**
 * The first-start onboarding was finished or skipped. A new diary starts with `false`;
 * settings stored before the onboarding existed (no such field) read as `true`, so a
 * diary already in use never shows it.
 */
onboarding_done: boolean, };
/**
 * `today` is the current diary day (respecting the day-start hour).
 */
export type AppInfo = { version: string, data_dir: string, db_path: string, today: string, 
/**
 * The diary could only be opened view-only (a read-only file or folder).
 */
read_only: boolean, 
/**
 * The diary is encrypted with a passphrase.
 */
encrypted: boolean, 
/**
 * The first-start onboarding is due ([`crate::settings::onboarding_due`]; entries are
 * [`Store::has_entries`]).
 */
onboarding: boolean, };
