//! Exports and imports (issue 6): CSV, the JSON backup and its import, dose import from a
//! spreadsheet CSV, and a FHIR R4 bundle.
//!
//! - [`csv_files`] (and [`csv_doses`], [`csv_checkin_items`], [`csv_medicines`]): RFC 4180,
//!   UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), CRLF, a header row,
//!   ISO 8601 times with their UTC offset.
//! - [`backup`] / [`backup_json`] / [`read_backup`] and [`Store::import_backup`]: the whole
//!   diary as versioned JSON (`"format": "taper-backup", "version": 1`).
//! - [`parse_dose_csv`] and [`Store::import_doses`]: doses from a spreadsheet.
//! - [`fhir_bundle`]: an R4 `collection` Bundle.
//!
//! [`Store::import_backup`]: crate::Store::import_backup
//! [`Store::import_doses`]: crate::Store::import_doses

mod backup;
pub mod csv;
mod dose_import;
mod fhir;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use backup::{
    backup, backup_json, read_backup, Backup, BackupCheckIn, BackupDose, BackupMedicine,
    BackupPlan, BackupSymptom, ImportMode, ImportSummary, BACKUP_FORMAT, BACKUP_VERSION,
};
pub use csv::{csv_checkin_items, csv_doses, csv_files, csv_medicines, CsvFiles};
pub use dose_import::{
    parse_dose_csv, BadRow, ColumnMapping, DoseImportPreview, DoseImportSummary,
};
pub use fhir::{fhir_bundle, CODE_SYSTEM, UCUM};

/// Largest file an import reads (backup or CSV): 200 MB. Larger files are refused before
/// they are parsed.
pub const MAX_IMPORT_BYTES: usize = 200 * 1024 * 1024;

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
