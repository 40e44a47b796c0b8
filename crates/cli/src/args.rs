//! The command line as clap sees it. Values that the core validates (amounts, times, units,
//! forms, scores) arrive here as text and are checked by the core, so a bad value is a refused
//! input (exit 3) with the app's own message, not a usage error.

use clap::{Args, Parser, Subcommand, ValueEnum};

const TOP_HELP: &str = "\
Examples:
  taper dose add 2.5
  taper dose add 4 --unit capsule --form capsules --at \"2026-11-24 22:15\" --estimated
  taper dose list --from 2026-11-18 --to 2026-11-24 --json
  taper checkin add --item aches=3 --item insomnia=2 --craving 6 --slept 4.5
  taper checkin add --instrument sows --item sows_anxious=2 --item sows_yawning=1
  taper med add loperamide --amount 2 --unit mg
  taper day
  taper plan create --shape detox --amount 6
  taper plan create --shape percent --percent 10 --every 7 --dry-run
  taper plan show
  taper plan step-back --days 2
  taper export csv --from 2026-11-01 --to 2026-11-30 --out exports
  taper export json --out taper-backup.json
  taper import taper-backup.json --dry-run
  taper import doses.csv
  taper chart taper --out week.png
  taper backup
  taper report --out report.pdf

Data: the diary is taper.db in $TAPER_DATA_DIR when set, else the app's data folder
(~/.local/share/taper on Linux). The app may be open at the same time.

Exit codes: 0 done, 2 usage error, 3 refused input (nothing written),
4 storage problem (missing, locked, corrupt, read-only or newer diary).
Every command takes --json and then prints one JSON document (see docs/cli.md).";

/// Taper's diary from the terminal: log doses and check-ins, list them, show a day, plan a taper.
#[derive(Debug, Parser)]
#[command(name = "taper", version, after_help = TOP_HELP, propagate_version = true)]
pub struct Cli {
    /// Print one JSON document on stdout instead of a table
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log, list, edit and delete doses
    #[command(
        subcommand,
        after_help = "Examples:\n  taper dose add 2.5\n  taper dose list --date 2026-11-24\n  taper dose edit 12 --amount 3\n  taper dose rm 12"
    )]
    Dose(DoseCommand),
    /// Symptom check-ins: add, list, delete
    #[command(
        subcommand,
        after_help = "Examples:\n  taper checkin add --item aches=3 --craving 6\n  taper checkin list --json\n  taper checkin rm 4"
    )]
    Checkin(CheckinCommand),
    /// The symptom catalogue: the keys and allowed scores for `checkin add --item KEY=SCORE`
    #[command(
        after_help = "Examples:\n  taper symptoms\n  taper symptoms --instrument sows\n  taper symptoms --instrument cows --json"
    )]
    Symptoms {
        /// Which form's items: the kratom checklist (with your own symptoms), SOWS or COWS
        #[arg(long, value_name = "kratom|sows|cows", default_value = "kratom")]
        instrument: Form,
    },
    /// Your own symptoms on the kratom checklist: add, rename, archive
    #[command(
        subcommand,
        after_help = "Examples:\n  taper symptom add Headache\n  taper symptom rename custom_headache \"Bad headache\"\n  taper symptom archive custom_headache"
    )]
    Symptom(SymptomCommand),
    /// Other medicines and substances (loperamide, ibuprofen...): add, list, delete
    #[command(
        subcommand,
        after_help = "Examples:\n  taper med add loperamide --amount 2 --unit mg\n  taper med list --json\n  taper med rm 3"
    )]
    Med(MedCommand),
    /// One diary day: its doses, total, count and latest check-in
    #[command(
        after_help = "A diary day starts at the day-start hour from Settings (04:00 unless changed),\nso a dose at 02:30 counts for the evening before.\n\nExamples:\n  taper day\n  taper day 2026-11-24 --json"
    )]
    Day {
        /// The diary day, YYYY-MM-DD (default: today)
        date: Option<String>,
    },
    /// A taper plan: create one, show it with today's target, step back when a step is too hard
    #[command(
        subcommand,
        after_help = "Examples:\n  taper plan create --shape detox --amount 6\n  taper plan show\n  taper plan step-back --days 2"
    )]
    Plan(PlanCommand),
    /// Export the diary: CSV files, a full JSON backup, or a FHIR R4 bundle
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Import a Taper JSON backup or doses from a spreadsheet CSV (the kind is told from the content)
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Draw a chart into an SVG or PNG file (the same chart the app shows)
    #[command(after_help = CHART_HELP)]
    Chart(ChartArgs),
    /// Make the clinician report: a PDF summary of the days, charts and a day-by-day table
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Back up the diary now (a checked copy in the backups folder), or list the backups
    #[command(
        after_help = "Backups are consistent copies made by SQLite, checked, in the backups folder beside\nthe diary. The app also makes one on start when the newest is more than a day old\n(keeping 7 daily and 4 weekly) and one before every upgrade and every restore.\n\nExamples:\n  taper backup\n  taper backup list --json"
    )]
    Backup {
        #[command(subcommand)]
        command: Option<BackupCommand>,
    },
    /// Replace the diary with a backup (the current diary is backed up first). Close the app first.
    #[command(
        after_help = "The backup is checked before anything changes; the diary as it was is kept as a\n\"before-restore\" backup; the swap is a rename, so the diary is never half-restored.\n\nExamples:\n  taper restore latest\n  taper restore ~/.local/share/taper/backups/taper-2026-11-24T080000Z-auto.db"
    )]
    Restore {
        /// A backup file, or `latest` for the newest backup
        file: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The backups, newest first, with their date, size and kind
    List,
}

const CHART_HELP: &str = "\
Charts:
  taper      grams taken per day as bars, the plan as a step line, the day's symptom score
  symptoms   heatmap of symptoms by day (by week for ranges over three months), 0-4 in words
  progress   weekly averages of grams and symptom score; days since the last dose
  sleep      craving (0-10) and hours slept

Range: without --from/--to, the current plan (else the last 14 days). --from alone runs to
today; --to alone is the 14 days ending then.
The file's extension picks the format: .svg, or .png (drawn at twice the size).

Examples:
  taper chart taper --out week.svg
  taper chart symptoms --from 2026-11-01 --to 2026-11-30 --out november.png
  taper chart progress --from 2026-01-01 --out year.png --dark";

/// `taper chart`'s options.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Which chart
    #[arg(value_name = "taper|symptoms|progress|sleep")]
    pub kind: ChartArg,
    /// First diary day, YYYY-MM-DD
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Where to write it: a file name ending in .svg or .png
    #[arg(long, value_name = "FILE")]
    pub out: std::path::PathBuf,
    /// Width in pixels (a PNG is twice this)
    #[arg(long, value_name = "PX", default_value_t = 900)]
    pub width: u32,
    /// Height in pixels (a PNG is twice this)
    #[arg(long, value_name = "PX", default_value_t = 420)]
    pub height: u32,
    /// Dark background, for a screen in dark mode (files to print or share: leave it off)
    #[arg(long)]
    pub dark: bool,
}

const REPORT_HELP: &str = "\
Page 1: the days, the plan and how closely it was followed, grams and doses, first and last
dose of each day, the taper chart, peak and latest symptom totals with bands, craving, sleep,
other medicines, step backs and the instruments' citations. Then the symptom heatmap and a
day-by-day table. Notes are left out unless --notes; no name unless --name.

Range: as for charts (without --from/--to, the current plan, else the last 14 days).
Paper: A4, or US Letter where the locale uses it (LC_ALL, LC_PAPER, LANG); --paper overrides.

Examples:
  taper report --out report.pdf
  taper report --from 2026-11-01 --to 2026-11-30 --paper letter --notes --name \"Alex\" --out november.pdf";

/// `taper report`'s options.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First diary day, YYYY-MM-DD
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Paper size (default: by locale)
    #[arg(long, value_name = "a4|letter")]
    pub paper: Option<PaperArg>,
    /// Include the notes written on doses, check-ins and medicines
    #[arg(long)]
    pub notes: bool,
    /// A name to print at the top of the report
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Where to write it: a file name ending in .pdf
    #[arg(long, value_name = "FILE")]
    pub out: std::path::PathBuf,
}

const EXPORT_HELP: &str = "\
Kinds:
  csv    doses.csv, checkin-items.csv and medicines.csv into the folder --out (made if needed):
         UTF-8, RFC 4180, ISO 8601 times with their UTC offset, a header row
  json   the whole diary (settings, your own symptoms, every entry, plans with their history)
         as a versioned backup that `taper import` reads back; takes no --from/--to
  fhir   a FHIR R4 JSON Bundle: check-ins as QuestionnaireResponse, totals and craving as
         Observation (survey), doses as MedicationAdministration in UCUM g

Range: --from/--to limit CSV and FHIR to those diary days (default: everything).
Files are written whole or not at all (a temporary file, then renamed).

Examples:
  taper export csv --out exports
  taper export json --out taper-backup.json
  taper export fhir --from 2026-11-01 --to 2026-11-30 --out november.fhir.json";

/// `taper export`'s options.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export
    #[arg(value_name = "csv|json|fhir")]
    pub kind: ExportArg,
    /// First diary day, YYYY-MM-DD (CSV and FHIR)
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (CSV and FHIR)
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Where to write: a folder for csv, a file for json and fhir
    #[arg(long, value_name = "PATH")]
    pub out: std::path::PathBuf,
}

const IMPORT_HELP: &str = "\
The file is a Taper JSON backup (from `taper export json` or the app) or a spreadsheet CSV of
doses with a header row naming its columns: time (or date), amount (or grams), unit, form,
product, note; other columns are ignored. Times without a UTC offset are read in this
computer's time zone. Unit defaults to g, form to powder.

A backup into a diary that already has entries needs --merge (add what is new, keep the rest)
or --replace (the diary's contents become the backup's; the diary as it was is kept first as a
\"before-restore\" backup). Rows already in the diary are never added twice. Every row of a
backup passes the same checks as a typed entry; one bad row imports nothing and is named
(\"dose 3: ...\"). A CSV with any bad row imports nothing; every bad row is listed with its line.
--dry-run shows what would be added and every bad row, and writes nothing.

Examples:
  taper import taper-backup.json
  taper import taper-backup.json --merge --dry-run
  taper import doses.csv --dry-run";

/// `taper import`'s options.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file: a Taper JSON backup or a dose CSV
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// Show what would be added and every bad row; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Backup into a diary with entries: add what is new, keep everything already there
    #[arg(long, conflicts_with = "replace")]
    pub merge: bool,
    /// Backup into a diary with entries: its contents become the backup's (kept first as a backup)
    #[arg(long)]
    pub replace: bool,
    /// Spreadsheet: the doses of 30 g or more in it are right; import them as they are
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Make a plan from a daily amount down to 0 g and save it (or only print it: --dry-run)
    #[command(allow_negative_numbers = true, after_help = PLAN_CREATE_HELP)]
    Create(PlanCreate),
    /// The current plan: its shape, today's target and what is left, the schedule, step backs
    #[command(
        after_help = "Examples:\n  taper plan show\n  taper plan show --all    # every version, the original and each step back\n  taper plan show --json"
    )]
    Show {
        /// Every version of the plan (the original and each step back), each with its schedule
        #[arg(long)]
        all: bool,
    },
    /// When a step is too hard: repeat the previous step's amount for some days, then carry on
    /// with the rest of the plan that many days later (kept as a new version)
    #[command(
        allow_negative_numbers = true,
        after_help = "Days before --on keep their targets; every later day moves --days days later.\n\nExamples:\n  taper plan step-back\n  taper plan step-back --days 3 --on 2026-11-27"
    )]
    StepBack {
        /// How many days to repeat the previous step's amount, 1-60
        #[arg(long, value_name = "N", default_value = "2")]
        days: String,
        /// The diary day the step back starts, YYYY-MM-DD (default: today)
        #[arg(long, value_name = "DAY")]
        on: Option<String>,
    },
}

/// `plan create`'s options. Numbers arrive as text: the core checks them (exit 3).
#[derive(Debug, Args)]
pub struct PlanCreate {
    /// How the amount comes down: a 7-day detox week, a percentage cut, or a fixed cut in grams
    #[arg(long, value_name = "detox|percent|fixed")]
    pub shape: ShapeArg,
    /// Daily amount on day 1, in grams [default: the average of your logged days in the last 7
    /// days]
    #[arg(long, value_name = "G")]
    pub amount: Option<String>,
    /// Day 1 of the plan, YYYY-MM-DD: up to 7 days back or 60 days ahead [default: today]
    #[arg(long, value_name = "DAY")]
    pub start: Option<String>,
    /// Detox week: bigger cuts early instead of even ones
    #[arg(long)]
    pub front_loaded: bool,
    /// Percentage cut: cut this % of the current amount each time, 1-50 (needed for percent)
    #[arg(long, value_name = "P")]
    pub percent: Option<String>,
    /// Fixed cut: cut this many grams each time (needed for fixed)
    #[arg(long, value_name = "G")]
    pub step: Option<String>,
    /// Percentage and fixed cuts: days between cuts, 1-60 [default: 7]
    #[arg(long, value_name = "N")]
    pub every: Option<String>,
    /// Extra days to hold each step, 0-60 (not for a detox week) [default: 0]
    #[arg(long, value_name = "N")]
    pub hold: Option<String>,
    /// When the next amount would be below this many grams, go to 0 g instead [default: 0]
    #[arg(long, value_name = "G")]
    pub floor: Option<String>,
    /// Round targets to whole capsules (of the grams per capsule from Settings), not 0.1 g
    #[arg(long)]
    pub capsules: bool,
    /// Print the schedule and save nothing
    #[arg(long)]
    pub dry_run: bool,
}

const PLAN_CREATE_HELP: &str = "\
A new plan takes over from its first day; earlier days keep the plan they had.
Without --amount the plan starts from the average of your logged days in the last 7 days.

Examples:
  taper plan create --shape detox --amount 6
  taper plan create --shape detox --front-loaded --start 2026-11-27
  taper plan create --shape percent --percent 10 --every 7 --dry-run
  taper plan create --shape fixed --step 0.5 --every 3 --hold 1 --floor 1 --capsules";

#[derive(Debug, Subcommand)]
pub enum DoseCommand {
    /// Log a dose and print it with its id
    #[command(
        allow_negative_numbers = true,
        after_help = "Amounts of 30 g or more in one dose need --yes; over 100 g is refused.\n\nExamples:\n  taper dose add 2.5\n  taper dose add 3 --unit capsule --form capsules --product \"Red Bali\"\n  taper dose add 2 --at \"2026-11-24 22:15\" --estimated --note \"after dinner\""
    )]
    Add {
        /// Amount in the unit (grams unless --unit says otherwise), like 2.5
        amount: String,
        #[command(flatten)]
        fields: DoseFields,
    },
    /// List doses of a diary day or a range of days (default: today)
    #[command(
        after_help = "Examples:\n  taper dose list\n  taper dose list --date 2026-11-24\n  taper dose list --from 2026-11-18 --to 2026-11-24 --json"
    )]
    List(Range),
    /// Change a dose; options not given keep their current values
    #[command(
        allow_negative_numbers = true,
        after_help = "Clear the product or note with an empty value: --note \"\".\n\nExamples:\n  taper dose edit 12 --amount 3\n  taper dose edit 12 --at \"2026-11-24 23:40\" --not-estimated"
    )]
    Edit {
        /// The dose's id (from `taper dose list`)
        id: i64,
        /// New amount, in the dose's unit or --unit
        #[arg(long)]
        amount: Option<String>,
        #[command(flatten)]
        fields: DoseFields,
        /// Mark the dose as weighed, not estimated
        #[arg(long, conflicts_with = "estimated")]
        not_estimated: bool,
    },
    /// Delete a dose (it can be restored)
    #[command(after_help = "Example:\n  taper dose rm 12\n  taper dose restore 12    # undo")]
    Rm {
        /// The dose's id
        id: i64,
    },
    /// Bring back a deleted dose
    #[command(after_help = "Example:\n  taper dose restore 12")]
    Restore {
        /// The dose's id
        id: i64,
    },
}

/// Options shared by `dose add` and `dose edit`.
#[derive(Debug, Args)]
pub struct DoseFields {
    /// Unit of the amount: g, capsule or tsp (capsules and teaspoons are converted with the
    /// grams per unit from Settings) [add default: g]
    #[arg(long, value_name = "g|capsule|tsp")]
    pub unit: Option<String>,
    /// When it was taken, local time "YYYY-MM-DD HH:MM" (or RFC 3339 with an offset)
    /// [add default: now]
    #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
    pub at: Option<String>,
    /// powder, capsules, tablets, extract, tea or other [add default: powder]
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
    /// Product or strain
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub product: Option<String>,
    /// The amount is a guess, not weighed
    #[arg(long)]
    pub estimated: bool,
    /// A note (up to 10,000 characters)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Confirm a very large dose (30-100 g)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Which diary days to list.
#[derive(Debug, Args)]
pub struct Range {
    /// One diary day, YYYY-MM-DD
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub date: Option<String>,
    /// First diary day, YYYY-MM-DD (default: --to, or today)
    #[arg(long)]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (default: today)
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CheckinCommand {
    /// Save a check-in: symptoms of one form (kratom checklist, SOWS or COWS), craving, sleep,
    /// mood, note
    #[command(
        allow_negative_numbers = true,
        after_help = CHECKIN_ADD_HELP
    )]
    Add {
        /// The form the items belong to; COWS is rated by a clinician and needs --clinician
        #[arg(long, value_name = "kratom|sows|cows", default_value = "kratom")]
        instrument: Form,
        /// Confirm that a clinician did this COWS rating (COWS is never self-report)
        #[arg(long)]
        clinician: bool,
        /// An item and its score: 0-4 for the kratom checklist and SOWS, the item's own scores
        /// for COWS (see taper symptoms --instrument X); repeat it, or give several:
        /// --item aches=3 insomnia=2
        #[arg(long = "item", value_name = "KEY=SCORE", num_args = 1.., value_delimiter = ',')]
        items: Vec<String>,
        /// Craving 0-10
        #[arg(long, value_name = "N")]
        craving: Option<String>,
        /// Hours slept, 0-24
        #[arg(long, value_name = "HOURS")]
        slept: Option<String>,
        /// Sleep quality 0-4 (very poor .. very good)
        #[arg(long, value_name = "N")]
        sleep_quality: Option<String>,
        /// Mood 0-4 (very low .. very good)
        #[arg(long, value_name = "N")]
        mood: Option<String>,
        /// A note (up to 10,000 characters)
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
        /// When, local time "YYYY-MM-DD HH:MM" (or RFC 3339 with an offset) [default: now]
        #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
        at: Option<String>,
    },
    /// List check-ins of a diary day or a range of days, newest first (default: today)
    #[command(
        after_help = "Examples:\n  taper checkin list\n  taper checkin list --from 2026-11-18 --to 2026-11-24 --json"
    )]
    List(Range),
    /// Delete a check-in (it can be restored)
    #[command(after_help = "Example:\n  taper checkin rm 4\n  taper checkin restore 4    # undo")]
    Rm {
        /// The check-in's id
        id: i64,
    },
    /// Bring back a deleted check-in
    #[command(after_help = "Example:\n  taper checkin restore 4")]
    Restore {
        /// The check-in's id
        id: i64,
    },
}

const CHECKIN_ADD_HELP: &str = "\
Kratom checklist keys (taper symptoms lists them with any you added in the app):
  aches, insomnia, irritability, aggression, low_mood, mood_swings, anxiety, restlessness,
  runny_nose, sweating, hot_cold, stomach, restless_legs, tiredness
SOWS and COWS keys start with sows_ / cows_: taper symptoms --instrument sows|cows.
COWS is a clinician-rated form: it is saved only with --clinician.

Examples:
  taper checkin add --item aches=3 --item insomnia=2 --craving 6 --slept 4.5 --sleep-quality 1
  taper checkin add --craving 8 --note \"hard evening\" --at \"2026-11-24 21:00\"
  taper checkin add --instrument sows --item sows_anxious=2,sows_yawning=1
  taper checkin add --instrument cows --clinician --item cows_pulse=2 --item cows_gooseflesh=5";

#[derive(Debug, Subcommand)]
pub enum SymptomCommand {
    /// Add your own symptom to the kratom checklist, rated 0-4; prints its key
    #[command(
        after_help = "The key is made from the label: Headache gives custom_headache.\n\nExample:\n  taper symptom add Headache\n  taper checkin add --item custom_headache=2"
    )]
    Add {
        /// Its name, 1-60 characters, different from every symptom in use
        #[arg(allow_hyphen_values = true)]
        label: String,
    },
    /// Rename one of your own symptoms (built-in ones keep their names)
    #[command(after_help = "Example:\n  taper symptom rename custom_headache \"Bad headache\"")]
    Rename {
        /// The symptom's key (from `taper symptoms`)
        key: String,
        /// The new name
        #[arg(allow_hyphen_values = true)]
        label: String,
    },
    /// Take one of your own symptoms off the form (old check-ins keep it), or bring it back
    #[command(
        after_help = "Example:\n  taper symptom archive custom_headache\n  taper symptom archive custom_headache --undo"
    )]
    Archive {
        /// The symptom's key (from `taper symptoms`)
        key: String,
        /// Bring an archived symptom back onto the form
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MedCommand {
    /// Log a medicine or other substance and print it with its id
    #[command(
        allow_negative_numbers = true,
        after_help = "An amount needs no unit, but a unit needs an amount.\n\nExamples:\n  taper med add loperamide --amount 2 --unit mg\n  taper med add ibuprofen --at \"2026-11-24 22:15\" --note \"for the aches\""
    )]
    Add {
        /// What was taken, like loperamide
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// How much, in --unit, like 2 or 0.5
        #[arg(long, value_name = "N")]
        amount: Option<String>,
        /// Any unit: mg, tablets, ml...
        #[arg(long, value_name = "TEXT")]
        unit: Option<String>,
        /// When it was taken, local time "YYYY-MM-DD HH:MM" (or RFC 3339 with an offset)
        /// [default: now]
        #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
        at: Option<String>,
        /// A note (up to 10,000 characters)
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// List medicines of a diary day or a range of days, oldest first (default: today)
    #[command(
        after_help = "Examples:\n  taper med list\n  taper med list --from 2026-11-18 --to 2026-11-24 --json"
    )]
    List(Range),
    /// Delete a medicine entry (it can be restored)
    #[command(after_help = "Example:\n  taper med rm 3\n  taper med restore 3    # undo")]
    Rm {
        /// The entry's id (from `taper med list`)
        id: i64,
    },
    /// Bring back a deleted medicine entry
    #[command(after_help = "Example:\n  taper med restore 3")]
    Restore {
        /// The entry's id
        id: i64,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_lists_every_built_in_symptom_key() {
        for (key, _) in taper_core::symptom::KRATOM_ITEMS {
            assert!(CHECKIN_ADD_HELP.contains(key), "{key}");
        }
    }
}

/// A symptom form (`--instrument`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    Kratom,
    Sows,
    Cows,
}

impl Form {
    /// The core's instrument key.
    pub fn key(self) -> &'static str {
        match self {
            Form::Kratom => "kratom",
            Form::Sows => "sows",
            Form::Cows => "cows",
        }
    }
}

/// Which chart `taper chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartArg {
    Taper,
    Symptoms,
    Progress,
    Sleep,
}

/// The report's paper (`--paper`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// What `taper export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportArg {
    Csv,
    Json,
    Fhir,
}

/// How a plan comes down (`--shape`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapeArg {
    Detox,
    Percent,
    Fixed,
}
