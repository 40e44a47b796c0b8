//! `taper import`: a Taper backup or doses from a spreadsheet CSV read back in, through the
//! core's import steps (`taper_core::share`, `Store::import_*`). The file is read before the
//! diary is opened or made; a dry run never makes one.

use std::path::PathBuf;

use chrono::Utc;
use clap::Args;
use serde::Serialize;
use taper_core::export::{
    read_backup, BadRow, ColumnMapping, DecimalMark, Delimiter, DoseImportPreview, EntryKind,
    ImportFile, ImportKind, ImportMode, ImportSummary,
};
use taper_core::share;
use taper_core::Error;

use crate::diary::{existing_diary, open_or_create};
use crate::fail::{invalid, Failure, Result};
use crate::out::{json_doc, plural};

pub const HELP: &str = "\
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
pub struct Cmd {
    /// The file: a Taper JSON backup or a dose CSV
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
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

#[derive(Serialize)]
struct BackupDoc {
    kind: ImportKind,
    dry_run: bool,
    #[serde(flatten)]
    summary: ImportSummary,
}

#[derive(Serialize)]
struct DoseRow {
    line: u32,
    taken_at: String,
    amount: String,
    unit: &'static str,
    /// Grams from the file's grams column (beside an amount column), else none.
    amount_g: Option<f64>,
    form: &'static str,
    product: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct CsvDoc {
    kind: ImportKind,
    dry_run: bool,
    mapping: Vec<ColumnMapping>,
    delimiter: Delimiter,
    delimiter_from_sep_line: bool,
    decimal_mark: Option<DecimalMark>,
    rows: Vec<DoseRow>,
    bad: Vec<BadRow>,
    /// Bad rows after the first 100 (listed in `bad`): counted, not listed.
    more_bad: u32,
    total_g: f64,
    /// Lines holding a dose of 30 g or more (imported only with --yes).
    large_lines: Vec<u32>,
    added_doses: u32,
    skipped_duplicates: u32,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        // Only a regular file within the size limit, read through a hard limit; a CSV is read
        // row by row within its limits (columns, rows, cell length).
        let mut file = ImportFile::open(&self.file)?;
        let mode = if self.merge {
            Some(ImportMode::Merge)
        } else if self.replace {
            Some(ImportMode::Replace)
        } else {
            None
        };
        match file.kind() {
            ImportKind::Backup => backup(&file.read_text()?, mode, self.dry_run, json),
            ImportKind::DoseCsv => {
                if self.replace {
                    return Err(invalid(
                        "replace",
                        "--replace is for a Taper backup; doses from a CSV file are always added to the diary (never twice).",
                    ));
                }
                dose_csv(&mut file, self.dry_run, self.yes, json)
            }
        }
    }
}

fn choose(e: Error) -> Failure {
    match e {
        Error::NeedsConfirmation { message, .. } => {
            invalid("mode", format!("{message} Pass --merge or --replace."))
        }
        e => Failure::Core(e),
    }
}

fn backup(text: &str, mode: Option<ImportMode>, dry_run: bool, json: bool) -> Result<String> {
    let backup = read_backup(text)?;
    let summary = if dry_run {
        // Without a diary: what a new one would get; nothing is made.
        share::preview_backup(existing_diary()?.as_mut(), &backup, mode).map_err(choose)?
    } else {
        let mut store = open_or_create()?;
        store
            .import_backup(&backup, mode, Utc::now())
            .map_err(choose)?
    };
    if json {
        return json_doc(&BackupDoc {
            kind: ImportKind::Backup,
            dry_run,
            summary,
        });
    }
    let s = &summary;
    let mut out = String::new();
    if s.mode == Some(ImportMode::Replace) {
        let gone = if dry_run { "Would remove" } else { "Removed" };
        out.push_str(&format!(
            "{gone} the diary's {}, {}, {} and {} (replace).\n",
            plural(s.removed_doses.into(), "dose", "doses"),
            plural(s.removed_checkins.into(), "check-in", "check-ins"),
            plural(
                s.removed_medicines.into(),
                "medicine entry",
                "medicine entries"
            ),
            plural(s.removed_plans.into(), "plan", "plans")
        ));
    }
    out.push_str(&backup_outcome(s, dry_run));
    if s.settings_imported {
        out.push_str("Settings taken from the backup.\n");
    }
    if let Some(kept) = &s.kept_backup {
        out.push_str(&format!(
            "The diary as it was before is kept in {kept} (`taper restore` puts it back).\n"
        ));
    }
    if dry_run {
        out.push_str("Dry run: nothing was written.\n");
    }
    Ok(out)
}

/// What a backup import did (or would do), a line for each outcome that happened: added,
/// updated (newer in the file), kept (newer in the diary), already there, and the deleted
/// entries rows matched, with the command that brings each back.
fn backup_outcome(s: &ImportSummary, dry_run: bool) -> String {
    let n = |v: u32| i64::from(v);
    let added: Vec<String> = [
        (n(s.added_doses), "dose", "doses"),
        (n(s.added_checkins), "check-in", "check-ins"),
        (n(s.added_medicines), "medicine entry", "medicine entries"),
        (n(s.added_symptoms), "symptom", "symptoms"),
        (n(s.added_plans), "plan", "plans"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| plural(count, one, many))
    .collect();
    let (add, update) = if dry_run {
        ("Would add", "Would update")
    } else {
        ("Added", "Updated")
    };
    let mut out = if added.is_empty() {
        "Nothing new to add.\n".to_owned()
    } else {
        format!("{add} {}.\n", added.join(", "))
    };
    if s.updated > 0 {
        out.push_str(&format!(
            "{update} {} that changed later in the file than in this diary.\n",
            plural(n(s.updated), "entry", "entries")
        ));
    }
    if s.kept_newer > 0 {
        out.push_str(&format!(
            "Kept {} as {} here: this diary has a newer change.\n",
            plural(n(s.kept_newer), "entry", "entries"),
            if s.kept_newer == 1 {
                "it is"
            } else {
                "they are"
            }
        ));
    }
    if s.already_there > 0 {
        out.push_str(&format!(
            "Already in the diary, left as they are: {}.\n",
            plural(n(s.already_there), "row", "rows")
        ));
    }
    if !s.matched_deleted.is_empty() {
        let how: Vec<String> = s
            .matched_deleted
            .iter()
            .take(10)
            .map(|m| {
                let noun = match m.entry {
                    EntryKind::Dose => "dose",
                    EntryKind::Checkin => "checkin",
                    EntryKind::Medicine => "med",
                };
                format!("taper {noun} restore {}", m.id)
            })
            .collect();
        let more = s.matched_deleted.len().saturating_sub(how.len());
        out.push_str(&format!(
            "{} in the file {} you deleted in this diary; {} deleted. To bring one back: {}{}.\n",
            plural(
                i64::try_from(s.matched_deleted.len()).unwrap_or(i64::MAX),
                "row",
                "rows"
            ),
            if s.matched_deleted.len() == 1 {
                "matches an entry"
            } else {
                "match entries"
            },
            if s.matched_deleted.len() == 1 {
                "it stays"
            } else {
                "they stay"
            },
            how.join(", "),
            if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            }
        ));
    }
    out
}

/// "line 3: reason" for each bad row listed, then "… and N more rows" for those counted.
fn bad_lines(bad: &[BadRow], more: u32, indent: &str) -> String {
    let mut out = String::new();
    for b in bad {
        out.push_str(&format!("\n{indent}line {}: {}", b.line, b.reason));
    }
    if more > 0 {
        out.push_str(&format!(
            "\n{indent}… and {more} more {}",
            if more == 1 { "row" } else { "rows" }
        ));
    }
    out
}

/// How the file was read: "Read with semicolons between fields (as its sep= line says) and
/// a decimal comma (2,5)."
fn read_as(p: &DoseImportPreview) -> String {
    let how = if p.delimiter_from_sep_line {
        " (as its sep= line says)"
    } else {
        ""
    };
    let mark = match p.decimal_mark {
        Some(DecimalMark::Point) => " and a decimal point (2.5)",
        Some(DecimalMark::Comma) => " and a decimal comma (2,5)",
        None => "; every amount is a whole number",
    };
    format!(
        "Read with {} between fields{how}{mark}.",
        p.delimiter.plural()
    )
}

fn dose_csv(file: &mut ImportFile, dry_run: bool, yes: bool, json: bool) -> Result<String> {
    // Nothing is created before the file is known to be good.
    let mut store = existing_diary()?;
    let settings = share::import_settings(store.as_ref())?;
    let now = Utc::now();
    let preview = file.parse_doses(&settings, now)?;
    let bad_count = preview.bad.len() + preview.more_bad as usize;
    if !dry_run && bad_count > 0 {
        let message = format!(
            "{bad_count} of {} cannot be imported, so nothing was imported. Fix {} (or remove {}) and import again; --dry-run lists them.{}",
            plural(
                i64::try_from(bad_count + preview.rows.len()).unwrap_or(i64::MAX),
                "row",
                "rows"
            ),
            if bad_count == 1 { "it" } else { "them" },
            if bad_count == 1 { "it" } else { "them" },
            bad_lines(&preview.bad, preview.more_bad, "  ")
        );
        return Err(invalid("file", message));
    }
    // Doses of 30 g or more the import would add need --yes, as a typed one needs a yes.
    if !dry_run && !yes && share::adds_large_doses(store.as_mut(), &preview, now)? {
        let lines: Vec<String> = preview.large_lines.iter().map(u32::to_string).collect();
        let one = lines.len() == 1;
        return Err(Failure::Core(Error::NeedsConfirmation {
            field: "file",
            message: format!(
                "{} {} {} of 30 g or more; nothing was imported. Check {}; if {} right, import again with --yes.",
                if one { "Line" } else { "Lines" },
                lines.join(", "),
                if one { "is a dose" } else { "are doses" },
                if one { "it" } else { "them" },
                if one { "it is" } else { "they are" },
            ),
        }));
    }
    // A dry run asks the diary (when there is one) which rows it already holds.
    let summary = if dry_run {
        share::preview_doses(store.as_mut(), &preview.rows, now)?
    } else {
        let mut store = match store {
            Some(s) => s,
            None => open_or_create()?,
        };
        store.import_doses(&preview.rows, now)?
    };
    let (added, skipped) = (summary.added_doses, summary.skipped_duplicates);
    let total_g = preview.total_g;
    let read_as = read_as(&preview);
    let rows: Vec<DoseRow> = preview
        .rows
        .into_iter()
        .zip(preview.lines)
        .map(|(r, line)| DoseRow {
            line,
            taken_at: r.dose.taken_at,
            amount: r.dose.amount,
            unit: r.dose.unit.as_str(),
            amount_g: r.amount_g,
            form: r.dose.form.as_str(),
            product: r.dose.product,
            note: r.dose.note,
        })
        .collect();
    if json {
        return json_doc(&CsvDoc {
            kind: ImportKind::DoseCsv,
            dry_run,
            mapping: preview.mapping,
            delimiter: preview.delimiter,
            delimiter_from_sep_line: preview.delimiter_from_sep_line,
            decimal_mark: preview.decimal_mark,
            rows,
            bad: preview.bad,
            more_bad: preview.more_bad,
            total_g,
            large_lines: preview.large_lines.clone(),
            added_doses: added,
            skipped_duplicates: skipped,
        });
    }
    let mut out = String::from("Columns: ");
    let cols: Vec<String> = preview
        .mapping
        .iter()
        .map(|m| match &m.field {
            Some(f) => format!("{} → {f}", m.column),
            None => format!("{} (ignored)", m.column),
        })
        .collect();
    out.push_str(&cols.join(", "));
    out.push('\n');
    out.push_str(&read_as);
    out.push('\n');
    if dry_run {
        out.push_str(&format!(
            "Would add {} ({} g in the file){}.\n",
            plural(added.into(), "dose", "doses"),
            taper_core::dose::grams_text(total_g),
            if skipped > 0 {
                format!(
                    "; {} already in the diary would be left out",
                    plural(skipped.into(), "row", "rows")
                )
            } else {
                String::new()
            }
        ));
        for r in &rows {
            let grams = r
                .amount_g
                .map(|g| format!(" ({} g)", taper_core::dose::grams_text(g)))
                .unwrap_or_default();
            let large = if preview.large_lines.contains(&r.line) {
                " (30 g or more: imported only with --yes)"
            } else {
                ""
            };
            out.push_str(&format!(
                "  line {}: {} {} {}{grams} {}{large}\n",
                r.line, r.taken_at, r.amount, r.unit, r.form
            ));
        }
        if bad_count > 0 {
            out.push_str(&format!(
                "{} cannot be imported:",
                plural(i64::try_from(bad_count).unwrap_or(i64::MAX), "row", "rows")
            ));
            out.push_str(&bad_lines(&preview.bad, preview.more_bad, "  "));
            out.push('\n');
        }
        out.push_str("Dry run: nothing was written.\n");
    } else {
        out.push_str(&format!(
            "Added {}; {} already in the diary {} left out.\n",
            plural(added.into(), "dose", "doses"),
            skipped,
            if skipped == 1 { "was" } else { "were" }
        ));
    }
    Ok(out)
}
