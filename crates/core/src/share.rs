//! What the Share screen does, as plain functions: preview and save the report, write an export
//! where the person chose, and look at a file before importing it. The app's commands are thin
//! wrappers over these (the save and open dialogs are the shell's job).

use std::hash::RandomState;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::{
    self, read_backup, Backup, DoseImportPreview, DoseImportSummary, ExportKind, Fingerprint,
    ImportFile, ImportKind, ImportMode, ImportSummary, ImportedDose,
};
use crate::figure::{self, ChartRange};
use crate::file::write_atomic;
use crate::report::{self, pages_svg, Paper, ReportData, ReportOptions};
use crate::settings::Settings;
use crate::store::{Store, DB_FILE};

/// Page 1 of the report as the Share screen shows it, with how many pages the PDF will have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportPreview {
    pub page1_svg: String,
    pub pages: u32,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// The file name the save dialog suggests.
    pub file_name: String,
    /// "These characters will print as boxes: …" when the report has characters no embedded
    /// font prints (see `report::unprintable_warning`); shown before the person saves.
    pub unprintable_warning: Option<String>,
}

/// The report options the Share screen starts with: the current plan (else the last 14 days),
/// paper for this computer's locale, no notes, no name.
pub fn default_report_options() -> ReportOptions {
    ReportOptions {
        paper: Paper::from_env(),
        ..ReportOptions::default()
    }
}

/// "taper-report-2026-11-20-to-2026-11-26.pdf"
pub fn report_file_name(from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "taper-report-{}-to-{}.pdf",
        from.format("%Y-%m-%d"),
        to.format("%Y-%m-%d")
    )
}

/// Lays out the report (without making the PDF) and returns its first page.
pub fn report_preview(
    store: &Store,
    options: &ReportOptions,
    today: NaiveDate,
    generated_at: DateTime<FixedOffset>,
    app_version: &str,
) -> report::Result<ReportPreview> {
    let data = ReportData::gather(store, options, today, generated_at, app_version)?;
    let pages = pages_svg(&data)?;
    let page1_svg = pages.first().cloned().unwrap_or_default();
    Ok(ReportPreview {
        page1_svg,
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        from: data.from,
        to: data.to,
        file_name: report_file_name(data.from, data.to),
        unprintable_warning: report::unprintable_warning(&data.unprintable),
    })
}

/// The days an export covers: `None` bounds for a backup (always the whole diary).
pub fn export_days(
    store: &Store,
    kind: ExportKind,
    range: &ChartRange,
    today: NaiveDate,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    if kind == ExportKind::Json || matches!(range, ChartRange::All) {
        return Ok((None, None));
    }
    let (from, to) = figure::resolve(store, range, today)?;
    Ok((Some(from), Some(to)))
}

/// The name the save dialog suggests: "taper-backup-2026-11-25.json",
/// "taper-fhir-2026-11-20-to-2026-11-26.json"; for CSV the folder's name.
pub fn export_name(
    kind: ExportKind,
    days: (Option<NaiveDate>, Option<NaiveDate>),
    today: NaiveDate,
) -> String {
    let span = match days {
        (Some(f), Some(t)) => format!("{}-to-{}", f.format("%Y-%m-%d"), t.format("%Y-%m-%d")),
        _ => today.format("%Y-%m-%d").to_string(),
    };
    match kind {
        ExportKind::Json => format!("taper-backup-{}.json", today.format("%Y-%m-%d")),
        ExportKind::Fhir => format!("taper-fhir-{span}.json"),
        ExportKind::Csv => format!("taper-csv-{span}"),
    }
}

/// An export file or folder that could not be written: an output's failure (the diary is
/// untouched), as a chart or report file's is.
fn written(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Output(format!("{} could not be written: {e}", path.display()))
}

/// The files an export of `kind` to `dest` writes: for CSV the three files in the folder
/// `dest`, for JSON and FHIR `dest` itself.
fn export_paths(kind: ExportKind, dest: &Path) -> Vec<PathBuf> {
    match kind {
        ExportKind::Csv => [
            export::CsvFiles::DOSES,
            export::CsvFiles::CHECKIN_ITEMS,
            export::CsvFiles::MEDICINES,
        ]
        .iter()
        .map(|name| dest.join(name))
        .collect(),
        ExportKind::Json | ExportKind::Fhir => vec![dest.to_owned()],
    }
}

/// Refuses an export that would replace the diary or one of its copies (its backups, its
/// `-wal`, set-aside and lock files) or go into the backups folder (Taper's own; "Delete all
/// my data" would leave it there), and a CSV export into a folder that already holds CSV
/// files of the same names (an earlier export is never replaced without asking: choose
/// another folder). `Error::Invalid { field: "out" }`; nothing is written.
pub fn check_export_dest(store: &Store, kind: ExportKind, dest: &Path) -> Result<()> {
    let backups = store.backups_dir().canonicalize().ok();
    for path in export_paths(kind, dest) {
        let folder = path.parent().and_then(|p| p.canonicalize().ok());
        if backups.is_some() && folder == backups {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} is where Taper keeps its backups; choose another folder for exports. Nothing was written.",
                    path.parent().map_or_else(String::new, |p| p.display().to_string())
                ),
            ));
        }
        if store.is_own_file(&path) {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} is your diary or one of its backups; an export never replaces it. Choose another name or folder. Nothing was written.",
                    path.display()
                ),
            ));
        }
        if kind == ExportKind::Csv && path.exists() {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} already holds {}; choose an empty or new folder so no earlier export is replaced. Nothing was written.",
                    dest.display(),
                    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ),
            ));
        }
    }
    Ok(())
}

/// A new folder for a CSV export inside `parent`: `parent/name`, or `parent/name (2)`, … when
/// that is taken, so an export never mixes with or replaces an earlier one.
pub fn new_export_folder(parent: &Path, name: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            parent.join(name)
        } else {
            parent.join(format!("{name} ({n})"))
        };
        if !candidate.exists() || n >= 1000 {
            return candidate;
        }
        n += 1;
    }
}

/// Writes an export to `dest`: for CSV a folder (made if needed) receiving doses.csv,
/// checkin-items.csv and medicines.csv; for JSON and FHIR one file. Returns the files written.
/// Refused as [`check_export_dest`] says before anything is written, and a CSV export to a
/// file (`Error::Invalid { field: "out" }`). A file or folder that cannot be written is
/// `Error::Output` (the diary is untouched).
pub fn write_export(
    store: &Store,
    kind: ExportKind,
    days: (Option<NaiveDate>, Option<NaiveDate>),
    dest: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let (from, to) = days;
    check_export_dest(store, kind, dest)?;
    match kind {
        ExportKind::Csv => {
            if dest.exists() && !dest.is_dir() {
                return Err(Error::invalid(
                    "out",
                    format!(
                        "{} is a file; a CSV export needs a folder (it writes {}, {} and {} into it). Choose a folder, not a file.",
                        dest.display(),
                        export::CsvFiles::DOSES,
                        export::CsvFiles::CHECKIN_ITEMS,
                        export::CsvFiles::MEDICINES
                    ),
                ));
            }
            let files = export::csv_files(store, from, to)?;
            std::fs::create_dir_all(dest).map_err(written(dest))?;
            let mut out = Vec::new();
            for (name, text) in files.files() {
                let path = dest.join(name);
                write_atomic(&path, text.as_bytes()).map_err(written(&path))?;
                out.push(path.display().to_string());
            }
            Ok(out)
        }
        ExportKind::Json => {
            let text = export::backup_json(store, now)?;
            write_atomic(dest, text.as_bytes()).map_err(written(dest))?;
            Ok(vec![dest.display().to_string()])
        }
        ExportKind::Fhir => {
            let bundle = export::fhir_bundle(store, from, to, now)?;
            let mut text = serde_json::to_string_pretty(&bundle)
                .map_err(|e| Error::Output(format!("the FHIR bundle could not be written: {e}")))?;
            // Ends with a line break, as the backup does.
            text.push('\n');
            write_atomic(dest, text.as_bytes()).map_err(written(dest))?;
            Ok(vec![dest.display().to_string()])
        }
    }
}

/// What a file would bring in, shown before anything is imported. `id` names this preview
/// for [`ImportPreviews::import`] (0 from [`preview_import`], which keeps no preview).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportPreview {
    /// A Taper backup. `needs_choice`: the diary has entries, so merge or replace must be
    /// chosen; `summary` is what a merge would add.
    Backup {
        id: u32,
        path: String,
        needs_choice: bool,
        summary: ImportSummary,
    },
    /// Doses from a spreadsheet: the column mapping, the good rows and the bad rows (the first
    /// 100 listed, the rest counted).
    DoseCsv {
        id: u32,
        path: String,
        preview: DoseImportPreview,
    },
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportOutcome {
    Backup { summary: ImportSummary },
    DoseCsv { summary: DoseImportSummary },
}

/// Says what importing `file` would do, naming the preview `id`. Reads the whole file;
/// writes nothing.
fn look(
    store: &mut Store,
    file: &mut ImportFile,
    id: u32,
    now: DateTime<Utc>,
) -> Result<ImportPreview> {
    let shown = file.path().display().to_string();
    match file.kind() {
        ImportKind::Backup => {
            let backup = read_backup(&file.read_text()?)?;
            let needs_choice = store.has_entries()?;
            let mode = needs_choice.then_some(ImportMode::Merge);
            let summary = store.preview_backup(&backup, mode)?;
            Ok(ImportPreview::Backup {
                id,
                path: shown,
                needs_choice,
                summary,
            })
        }
        ImportKind::DoseCsv => {
            let preview = file.parse_doses(&store.settings()?, now)?;
            Ok(ImportPreview::DoseCsv {
                id,
                path: shown,
                preview,
            })
        }
    }
}

/// `read` (what was made of the file just read) when the file is the one previewed, whose
/// fingerprint is `previewed` (`None`: nothing to compare). A file that changed is refused as
/// such, even when it no longer parses.
fn as_previewed<T>(
    file: &mut ImportFile,
    previewed: Option<Fingerprint>,
    read: Result<T>,
) -> Result<T> {
    let Some(previewed) = previewed else {
        return read;
    };
    if read.is_err() {
        file.read_rest()?;
    }
    if file.fingerprint() != Some(previewed) {
        return Err(Error::invalid(
            "file",
            "The file changed since the preview; preview it again. Nothing was imported.",
        ));
    }
    read
}

/// Reads the file (checked against the preview's fingerprint when there is one) and imports
/// it in one transaction.
fn bring_in(
    store: &mut Store,
    file: &mut ImportFile,
    previewed: Option<Fingerprint>,
    mode: Option<ImportMode>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    match file.kind() {
        ImportKind::Backup => {
            let text = file.read_text();
            let text = as_previewed(file, previewed, text)?;
            let backup = read_backup(&text)?;
            drop(text);
            let summary = store.import_backup(&backup, mode, now)?;
            Ok(ImportOutcome::Backup { summary })
        }
        ImportKind::DoseCsv => {
            if mode == Some(ImportMode::Replace) {
                return Err(Error::invalid(
                    "mode",
                    "Doses from a spreadsheet are added to the diary; they cannot replace it.",
                ));
            }
            let preview = file.parse_doses(&store.settings()?, now);
            let preview = as_previewed(file, previewed, preview)?;
            if preview.rows.is_empty() {
                return Err(Error::invalid(
                    "file",
                    "No row of the file can be imported; see the reasons listed.",
                ));
            }
            let summary = store.import_doses(&preview.rows, now)?;
            Ok(ImportOutcome::DoseCsv { summary })
        }
    }
}

/// Reads the file at `path` and says what importing it would do (`id` 0). Writes nothing.
/// Refusals (`Error::Invalid { field: "file" }`): see [`ImportFile::open`], [`read_backup`]
/// and [`crate::export::parse_dose_csv_from`].
pub fn preview_import(store: &mut Store, path: &Path, now: DateTime<Utc>) -> Result<ImportPreview> {
    look(store, &mut ImportFile::open(path)?, 0, now)
}

/// Imports the file at `path` in one transaction: a backup with `mode` (needed when the diary
/// has entries; a replace keeps the diary as it was as a "before restore" backup first, see
/// [`Store::import_backup`]), or the good rows of a dose CSV (the bad rows were shown in the
/// preview and are left out). The app imports through [`ImportPreviews`] instead, which checks
/// that the file is the one previewed.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    mode: Option<ImportMode>,
    now: DateTime<Utc>,
) -> Result<ImportOutcome> {
    bring_in(store, &mut ImportFile::open(path)?, None, mode, now)
}

// ---- an import asked for step by step (the command line) --------------------------------
//
// The command line reads the file before it opens (or makes) the diary, refuses a dose CSV
// with any bad row, and asks before adding doses of 30 g or more; a dry run never makes a
// diary. These are its steps; the words about its options are its own.

/// The Settings a dose CSV is read with: the diary's, or a new diary's when there is none yet
/// (a capsule or teaspoon then weighs what it will weigh in the diary the import makes).
pub fn import_settings(diary: Option<&Store>) -> Result<Settings> {
    diary.map_or_else(|| Ok(Settings::default()), Store::settings)
}

/// What importing `backup` with `mode` would do, writing nothing: into `diary`, or into a new
/// empty diary when there is none yet (a throwaway one, removed again). Refuses as
/// [`Store::preview_backup`] does (`mode` `None` into a diary with entries:
/// `Error::NeedsConfirmation { field: "mode" }`).
pub fn preview_backup(
    diary: Option<&mut Store>,
    backup: &Backup,
    mode: Option<ImportMode>,
) -> Result<ImportSummary> {
    match diary {
        Some(store) => store.preview_backup(backup, mode),
        None => {
            let scratch = Scratch::new()?;
            let mut store = Store::open(&scratch.0.join(DB_FILE))?;
            let summary = store.preview_backup(backup, mode);
            drop(store);
            drop(scratch);
            summary
        }
    }
}

/// A folder for a throwaway diary in the temporary folder, removed with what is in it when
/// dropped. Named by this process and a count, so two at once never share one.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("taper-dry-run-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::Output(format!("{} could not be created: {e}", dir.display())))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What importing `rows` would do, writing nothing: asked of `diary` (which rows it already
/// holds, see [`Store::preview_doses`]), or, with no diary yet, every row added.
pub fn preview_doses(
    diary: Option<&mut Store>,
    rows: &[ImportedDose],
    now: DateTime<Utc>,
) -> Result<DoseImportSummary> {
    match diary {
        Some(store) => store.preview_doses(rows, now),
        None => Ok(DoseImportSummary {
            added_doses: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            skipped_duplicates: 0,
        }),
    }
}

/// Whether importing the file's good rows would add a dose of 30 g or more (one of
/// `preview.large_lines` that `diary` does not hold already): such an import is asked about
/// first, as a typed dose that large is.
pub fn adds_large_doses(
    diary: Option<&mut Store>,
    preview: &DoseImportPreview,
    now: DateTime<Utc>,
) -> Result<bool> {
    let large: Vec<ImportedDose> = preview
        .rows
        .iter()
        .filter(|r| r.dose.confirm_large)
        .cloned()
        .collect();
    if large.is_empty() {
        return Ok(false);
    }
    Ok(preview_doses(diary, &large, now)?.added_doses > 0)
}

/// The file the Share screen previewed last. An import names that preview by its id, never a
/// path (so the page cannot name a file of its own), and imports exactly the bytes that were
/// previewed: the file is read again and its [`Fingerprint`] compared, and a file that changed
/// in between is refused ("The file changed since the preview; preview it again.").
#[derive(Debug, Default)]
pub struct ImportPreviews {
    keys: RandomState,
    last_id: u32,
    last: Option<Previewed>,
}

#[derive(Debug)]
struct Previewed {
    id: u32,
    path: PathBuf,
    fingerprint: Fingerprint,
}

impl ImportPreviews {
    /// Reads the file at `path` and says what importing it would do, under a new id (1, 2, …)
    /// that replaces any earlier preview. Writes nothing. Refusals as [`preview_import`].
    pub fn preview(
        &mut self,
        store: &mut Store,
        path: &Path,
        now: DateTime<Utc>,
    ) -> Result<ImportPreview> {
        let id = self.last_id.checked_add(1).unwrap_or(1);
        let mut file = ImportFile::open(path)?.fingerprinted(&self.keys);
        let preview = look(store, &mut file, id, now)?;
        let fingerprint = file
            .fingerprint()
            .ok_or_else(|| Error::invalid("file", "The file could not be read to its end."))?;
        self.last_id = id;
        self.last = Some(Previewed {
            id,
            path: path.to_owned(),
            fingerprint,
        });
        Ok(preview)
    }

    /// Imports the file of preview `id` (the latest preview) in one transaction, as
    /// [`import_file`] does. Refused, nothing written: an `id` that is not the latest preview
    /// (or one already imported), a file that changed since the preview, and what
    /// [`import_file`] refuses.
    pub fn import(
        &mut self,
        store: &mut Store,
        id: u32,
        mode: Option<ImportMode>,
        now: DateTime<Utc>,
    ) -> Result<ImportOutcome> {
        let Some(p) = self.last.as_ref().filter(|p| p.id == id) else {
            return Err(Error::invalid(
                "file",
                "That preview is no longer current; choose the file again.",
            ));
        };
        let mut file = ImportFile::open(&p.path)?.fingerprinted(&self.keys);
        let outcome = bring_in(store, &mut file, Some(p.fingerprint), mode, now)?;
        self.last = None;
        Ok(outcome)
    }
}
