//! The JSON backup's document: its rows as the file has them (every entry with its identity and
//! times), the rows once checked, what an import did, and how a row of a file meets the
//! diary's entries ([`merge`]). Shared by the export module (reading, checking, writing files)
//! and the store (the SQL that reads and writes the rows), which import it and not each other.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checkin::{ItemScore, ValidCheckIn};
use crate::dose::{Form, Unit, ValidDose};
use crate::medicine::ValidMedicine;
use crate::plan::{PlanParams, PlanVersion};
use crate::settings::Settings;
use merge::{Fate, Stamps};

pub mod merge;

pub const BACKUP_FORMAT: &str = "taper-backup";
/// The format version this Taper writes. Version 2 added each entry's `id`; version 1 files
/// (without them) are still read.
pub const BACKUP_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupDose {
    /// The entry's stable identity (a UUID, see [`crate::uid`]); absent in backups of format
    /// version 1, whose rows are matched by content.
    #[serde(default)]
    pub id: Option<String>,
    /// RFC 3339 with the UTC offset it was logged in.
    pub taken_at: String,
    pub amount_g: f64,
    pub amount_entered: f64,
    pub unit: Unit,
    pub form: Form,
    pub product: Option<String>,
    pub estimated: bool,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupCheckIn {
    /// The entry's stable identity (a UUID, see [`crate::uid`]); absent in backups of format
    /// version 1, whose rows are matched by content.
    #[serde(default)]
    pub id: Option<String>,
    pub taken_at: String,
    pub instrument: String,
    pub items: Vec<ItemScore>,
    pub craving: Option<i32>,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<i32>,
    pub mood: Option<i32>,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupMedicine {
    /// The entry's stable identity (a UUID, see [`crate::uid`]); absent in backups of format
    /// version 1, whose rows are matched by content.
    #[serde(default)]
    pub id: Option<String>,
    pub taken_at: String,
    pub name: String,
    pub amount: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub deleted_at: Option<String>,
}

/// One of the user's own symptoms (built-in items are in every diary and not backed up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSymptom {
    pub key: String,
    pub label: String,
    pub instrument: String,
    pub position: i32,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupPlan {
    pub params: PlanParams,
    pub created_at: String,
    /// Every version, oldest first.
    pub versions: Vec<PlanVersion>,
}

/// The whole diary. `format` is always "taper-backup"; `version` the backup format version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub settings: Option<Settings>,
    pub symptoms: Vec<BackupSymptom>,
    pub doses: Vec<BackupDose>,
    pub checkins: Vec<BackupCheckIn>,
    pub medicines: Vec<BackupMedicine>,
    pub plans: Vec<BackupPlan>,
}

/// How a backup goes into a diary that already has entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ImportMode {
    /// Add what is new; keep everything already there (and the diary's settings).
    Merge,
    /// The diary's contents become the backup's, in the same transaction.
    Replace,
}

/// What an import added (or, for a preview, would add).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub mode: Option<ImportMode>,
    pub added_doses: u32,
    pub added_checkins: u32,
    pub added_medicines: u32,
    pub added_symptoms: u32,
    pub added_plans: u32,
    pub added_plan_versions: u32,
    /// Entries whose version in the file is newer than the diary's (edited or deleted since):
    /// the diary's entry now holds the file's version.
    pub updated: u32,
    /// Entries whose version in the diary is newer than the file's: kept as they are.
    pub kept_newer: u32,
    /// Rows the diary already holds as the file has them (the same entry in the same version;
    /// for rows without an identity, the same content), and custom symptoms and plan versions
    /// it already has: left as they are.
    pub already_there: u32,
    /// Rows without an identity whose content matches an entry deleted in this diary: they stay
    /// deleted. Each is named, so it can be brought back (`taper dose restore ID`).
    pub matched_deleted: Vec<DeletedMatch>,
    /// Replace only: entries that were in the diary before and are now gone.
    pub removed_doses: u32,
    pub removed_checkins: u32,
    pub removed_medicines: u32,
    pub removed_plans: u32,
    pub settings_imported: bool,
    /// Replace only: the "before restore" backup of the diary as it was before the import.
    pub kept_backup: Option<String>,
}

/// A kind of entry, as an import summary names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    Dose,
    Checkin,
    Medicine,
}

/// An entry deleted in the diary that a row of the imported file (without an identity)
/// matched: it stays deleted. `id` is the entry's id in the diary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeletedMatch {
    pub entry: EntryKind,
    #[ts(type = "number")]
    pub id: i64,
}

impl ImportSummary {
    /// Counts what became of one row (its adding is counted where it is added).
    pub(crate) fn count(&mut self, fate: Fate, entry: EntryKind) {
        match fate {
            Fate::Add => {}
            Fate::Update(_) => self.updated += 1,
            Fate::KeptNewer => self.kept_newer += 1,
            Fate::AlreadyThere => self.already_there += 1,
            Fate::MatchedDeleted(id) => self.matched_deleted.push(DeletedMatch { entry, id }),
        }
    }
}

/// The rows of a backup after every rule typed entries pass, ready to write.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub(crate) settings: Option<Settings>,
    pub(crate) symptoms: Vec<BackupSymptom>,
    pub(crate) doses: Vec<(ValidDose, Stamps)>,
    pub(crate) checkins: Vec<(ValidCheckIn, Stamps)>,
    pub(crate) medicines: Vec<(ValidMedicine, Stamps)>,
}
