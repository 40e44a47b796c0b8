//! Exports and imports (issue 6): CSV, the JSON backup and its import, dose import from a
//! spreadsheet CSV, and a FHIR R4 bundle.
//!
//! - [`csv_files`] (and [`csv_doses`], [`csv_checkin_items`], [`csv_medicines`]): RFC 4180,
//!   UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), CRLF, a header row,
//!   ISO 8601 times with their UTC offset.
//! - [`backup`] / [`backup_json`] / [`read_backup`] and [`Store::import_backup`]: the whole
//!   diary as versioned JSON (`"format": "taper-backup", "version": 2`; version 1 files are read too).
//! - [`parse_dose_csv`] / [`parse_dose_csv_from`] and [`Store::import_doses`]: doses from a
//!   spreadsheet, read as a stream within [`csv::Limits::DOSE_IMPORT`].
//! - [`ImportFile`]: a file chosen for import, opened only when it is a regular file within
//!   [`MAX_IMPORT_BYTES`], read with a hard limit and, when asked, fingerprinted.
//! - [`fhir_bundle`]: an R4 `collection` Bundle.
//!
//! [`Store::import_backup`]: crate::Store::import_backup
//! [`Store::import_doses`]: crate::Store::import_doses

pub(crate) mod backup;
pub mod csv;
mod dose_import;
mod fhir;
pub(crate) mod source;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use backup::{
    backup, backup_json, read_backup, Backup, BackupCheckIn, BackupDose, BackupMedicine,
    BackupPlan, BackupSymptom, DeletedMatch, EntryKind, ImportMode, ImportSummary, BACKUP_FORMAT,
    BACKUP_VERSION,
};
pub use csv::{csv_checkin_items, csv_doses, csv_files, csv_medicines, CsvFiles, Delimiter};
pub use dose_import::{
    parse_dose_csv, parse_dose_csv_from, BadRow, ColumnMapping, DecimalMark, DoseImportPreview,
    DoseImportSummary, ImportedDose,
};
pub use fhir::{fhir_bundle, CODE_SYSTEM, UCUM};
pub use source::{Fingerprint, ImportFile};

/// Largest file an import reads (backup or CSV): 200 MB. Larger files are refused before
/// they are parsed.
pub const MAX_IMPORT_BYTES: usize = 200 * 1024 * 1024;

/// Columns (cells in one row) a dose spreadsheet may have: 64.
pub const MAX_CSV_COLUMNS: usize = 64;

/// Rows after the header a dose spreadsheet may have: 100,000 (ten doses a day for 27 years).
pub const MAX_CSV_ROWS: usize = 100_000;

/// Characters in one cell of a dose spreadsheet: 20,000 (twice the longest note).
pub const MAX_CSV_CELL_CHARS: usize = 20_000;

/// Bad rows of a dose spreadsheet listed one by one (line and reason); the rest are counted.
pub const MAX_BAD_ROWS_LISTED: usize = 100;

/// Characters of a file's content a refusal quotes (the start of the offending cell).
pub const MAX_QUOTED_CHARS: usize = 80;

/// Characters in one refusal message about a file's content, at most.
const MAX_MESSAGE_CHARS: usize = 600;

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// Three CSV files: doses, check-in items, medicines.
    Csv,
    /// The whole diary as a JSON backup.
    Json,
    /// A FHIR R4 JSON Bundle.
    Fhir,
}

/// What kind of file an import was given, told from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// A Taper JSON backup.
    Backup,
    /// A spreadsheet CSV of doses.
    DoseCsv,
}

/// A backup starts with `{` (after any byte-order mark and white space); anything else is
/// read as a dose CSV.
pub fn detect_kind(text: &str) -> ImportKind {
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        ImportKind::Backup
    } else {
        ImportKind::DoseCsv
    }
}

/// Refuses a file over [`MAX_IMPORT_BYTES`] (call before reading or parsing it).
pub fn check_size(bytes: u64) -> crate::Result<()> {
    if bytes > MAX_IMPORT_BYTES as u64 {
        return Err(crate::Error::invalid(
            "file",
            format!(
                "The file is {} MB; Taper imports files up to {} MB. Nothing was imported.",
                bytes / (1024 * 1024),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(())
}

/// `n` with thousands separators: 1000001 → "1,000,001".
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A cell of a file as a message shows it: its first [`MAX_QUOTED_CHARS`] characters, then
/// "…" when there is more.
pub(crate) fn cap_cell(cell: &str) -> String {
    match cell.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &cell[..end]),
        None => cell.to_owned(),
    }
}

/// A refusal about a file's content, quoting no more of the file than the start of the
/// offending cell: every quoted stretch (“…”, "…" with backslash escapes, or `…`) is cut to
/// [`MAX_QUOTED_CHARS`] characters and "…", and the whole message to 600 characters.
pub(crate) fn cap_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE_CHARS * 4));
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        let close = match c {
            '“' => '”',
            '"' => '"',
            '`' => '`',
            _ => continue,
        };
        let (mut n, mut escaped) = (0usize, false);
        for c in chars.by_ref() {
            let ends = c == close && !escaped;
            escaped = close == '"' && c == '\\' && !escaped;
            if ends {
                out.push(c);
                break;
            }
            n += 1;
            if n <= MAX_QUOTED_CHARS {
                out.push(c);
            } else if n == MAX_QUOTED_CHARS + 1 {
                out.push('…');
            }
        }
    }
    match out.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((end, _)) => {
            out.truncate(end);
            out.push('…');
            out
        }
        None => out,
    }
}

pub(crate) fn now_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `from..=to`, everything when a bound is missing.
pub(crate) fn bounds(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (NaiveDate, NaiveDate) {
    (
        from.unwrap_or(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN)),
        to.unwrap_or(NaiveDate::from_ymd_opt(9000, 1, 1).unwrap_or(NaiveDate::MAX)),
    )
}
