//! The JSON backup: the whole diary (settings, custom symptoms, doses, check-ins with their
//! items, other medicines, plans with every version, deleted entries too) as one versioned
//! document, and its import.
//!
//! Import keeps every entry exactly. Each entry carries its identity (a UUID, see
//! [`crate::uid`]) and its last-changed time; a row of the file meets the diary's entry of the
//! same identity and the newer change wins (a deletion is a change). Rows without an identity
//! (backups of format version 1) are matched by content against the diary only, never against
//! other rows of the same file: a dose by its instant, grams, unit, form, product and note; a
//! check-in by its instant and form; a medicine entry by its instant and name (see
//! [`super::merge`]). A custom symptom is matched by its key, a plan by its creation time and
//! parameters (then each version by its number). Importing the same backup twice changes
//! nothing the second time.
//!
//! Modes: into an empty diary no mode is needed. Otherwise the caller must choose:
//! [`ImportMode::Merge`] adds what is new and keeps everything already there (the diary's
//! settings stay); [`ImportMode::Replace`] makes the diary's contents exactly the backup's
//! (entries, custom symptoms, plans and settings), after keeping the diary as it was as a
//! "before restore" backup. Either way it is one IMMEDIATE transaction: all of it or none of it.
//!
//! Imported data passes the same rules as typed data: every row is turned into the input type a
//! typed entry uses ([`DoseInput`], [`CheckInInput`], [`MedicineInput`], [`Settings`], a label
//! through [`valid_label`]) and checked by the same function; see [`read_backup`].

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::merge::{stamps_at, Diary, Fate, Stamps};
use super::now_text;
use crate::checkin::{CheckInInput, ItemScore, ValidCheckIn};
use crate::day::{self, local_text, offset_minutes, parse_time};
use crate::dose::{parse_amount, DoseInput, Form, Unit, ValidDose};
use crate::error::{Error, Result};
use crate::instrument;
use crate::medicine::{MedicineInput, ValidMedicine};
use crate::plan::{PlanParams, MAX_EVERY_DAYS, MAX_START_G};
use crate::settings::Settings;
use crate::store::{next_position, BackupKind, PlanChange, PlanVersion, Store, MAX_POSITION};
use crate::symptom::{valid_label, Symptom, KRATOM};
use crate::uid::{new_uid, parse_uid};

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
    fn count(&mut self, fate: Fate, entry: EntryKind) {
        match fate {
            Fate::Add => {}
            Fate::Update(_) => self.updated += 1,
            Fate::KeptNewer => self.kept_newer += 1,
            Fate::AlreadyThere => self.already_there += 1,
            Fate::MatchedDeleted(id) => self.matched_deleted.push(DeletedMatch { entry, id }),
        }
    }
}

// ---- export ------------------------------------------------------------------------------

fn instant(local: &str, offset: i32) -> Result<String> {
    Ok(day::stored_instant(local, offset)?.to_rfc3339_opts(SecondsFormat::Secs, false))
}

/// The whole diary as a [`Backup`]. `now` is recorded as `exported_at`.
pub fn backup(store: &Store, now: DateTime<Utc>) -> Result<Backup> {
    let conn = store.conn();
    let settings: Option<Settings> = {
        let raw: Option<String> = conn
            .query_row("SELECT value FROM setting WHERE key = 'app'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match raw {
            None => None,
            Some(_) => Some(store.settings()?),
        }
    };
    let symptoms = conn
        .prepare(
            // Positions as written are kept within what an import accepts (0..=MAX_POSITION);
            // the file's order is the diary's display order either way.
            &format!(
                "SELECT key, label, instrument, max(min(position, {MAX_POSITION}), 0), archived
                 FROM symptom WHERE builtin = 0 ORDER BY instrument, position, key"
            ),
        )?
        .query_map([], |r| {
            Ok(BackupSymptom {
                key: r.get(0)?,
                label: r.get(1)?,
                instrument: r.get(2)?,
                position: r.get(3)?,
                archived: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut doses = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT local_time, utc_offset_min, amount_dg, amount_entered, unit, form, product, estimated,
                note, created_at, updated_at, deleted_at, uid FROM dose ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let unit: String = r.get(4)?;
        let form: String = r.get(5)?;
        doses.push(BackupDose {
            id: Some(r.get(12)?),
            taken_at: instant(&r.get::<_, String>(0)?, r.get(1)?)?,
            amount_g: r.get::<_, i64>(2)? as f64 / 10.0,
            amount_entered: r.get(3)?,
            unit: Unit::parse(&unit)
                .map_err(|_| Error::Corrupt(format!("stored unit {unit:?}")))?,
            form: Form::parse(&form)
                .map_err(|_| Error::Corrupt(format!("stored form {form:?}")))?,
            product: r.get(6)?,
            estimated: r.get(7)?,
            note: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
            deleted_at: r.get(11)?,
        });
    }
    let mut items_of: std::collections::HashMap<i64, Vec<ItemScore>> = Default::default();
    let mut stmt = conn.prepare(
        "SELECT i.checkin_id, i.symptom_key, i.score FROM checkin_item i
         JOIN symptom s ON s.key = i.symptom_key ORDER BY i.checkin_id, s.position, s.key",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        items_of.entry(r.get(0)?).or_default().push(ItemScore {
            key: r.get(1)?,
            score: r.get(2)?,
        });
    }
    let mut checkins = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT id, local_time, utc_offset_min, instrument, craving, sleep_hours, sleep_quality, mood,
                note, created_at, updated_at, deleted_at, uid FROM checkin ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        checkins.push(BackupCheckIn {
            id: Some(r.get(12)?),
            taken_at: instant(&r.get::<_, String>(1)?, r.get(2)?)?,
            instrument: r.get(3)?,
            items: items_of.remove(&id).unwrap_or_default(),
            craving: r.get(4)?,
            sleep_hours: r.get(5)?,
            sleep_quality: r.get(6)?,
            mood: r.get(7)?,
            note: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
            deleted_at: r.get(11)?,
        });
    }
    let mut medicines = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT local_time, utc_offset_min, name, amount, unit, note, created_at, updated_at, deleted_at, uid
         FROM medicine ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        medicines.push(BackupMedicine {
            id: Some(r.get(9)?),
            taken_at: instant(&r.get::<_, String>(0)?, r.get(1)?)?,
            name: r.get(2)?,
            amount: r.get(3)?,
            unit: r.get(4)?,
            note: r.get(5)?,
            created_at: r.get(6)?,
            updated_at: r.get(7)?,
            deleted_at: r.get(8)?,
        });
    }
    let created: std::collections::HashMap<i64, String> = conn
        .prepare("SELECT id, created_at FROM plan")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let plans = store
        .plans()?
        .into_iter()
        .map(|p| BackupPlan {
            created_at: created.get(&p.id).cloned().unwrap_or_default(),
            params: p.params,
            versions: p.versions,
        })
        .collect();
    Ok(Backup {
        format: BACKUP_FORMAT.to_owned(),
        version: BACKUP_VERSION,
        exported_at: now_text(now),
        settings,
        symptoms,
        doses,
        checkins,
        medicines,
        plans,
    })
}

/// [`backup`] as pretty JSON text.
pub fn backup_json(store: &Store, now: DateTime<Utc>) -> Result<String> {
    let mut text = serde_json::to_string_pretty(&backup(store, now)?)
        .map_err(|e| Error::Storage(format!("the backup could not be written: {e}")))?;
    text.push('\n');
    Ok(text)
}

// ---- reading -----------------------------------------------------------------------------

/// A refusal of the file, quoting at most the start of the offending value.
fn file_error(message: impl Into<String>) -> Error {
    Error::invalid("file", super::cap_message(&message.into()))
}

fn json_error(e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let reason = match e.classify() {
        Category::Eof => "the file ends too early (it may be cut short)".to_owned(),
        Category::Syntax => format!("this is not valid JSON ({e})"),
        Category::Data => format!("a value has the wrong type or is missing ({e})"),
        Category::Io => e.to_string(),
    };
    // serde_json's message already ends with "at line L column C"; lead with the line.
    file_error(format!("line {}: {reason}", e.line()))
}

#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads and checks a backup: size (at most [`super::MAX_IMPORT_BYTES`]), JSON syntax,
/// `format` and `version`, every field's type, and every row through the rules a typed entry
/// passes, with the same functions: settings ([`Settings::validated`]); each of your own
/// symptoms (a `custom_` key, on the kratom checklist, a label by
/// [`crate::symptom::valid_label`], a position of 0 to [`MAX_POSITION`]); doses
/// ([`DoseInput::validate`] on the grams: 0.1-100 g, product up to 200 and note up to 10,000
/// characters; the entered amount more than 0); check-ins ([`CheckInInput::validate`]: each
/// item's allowed scores, e.g. SOWS and the kratom checklist 0-4 and COWS items their own
/// scores, all items on one form and that form the one the check-in records, craving 0-10,
/// sleep 0-24 h); other medicines ([`MedicineInput::validate`]); plans
/// ([`PlanParams::validate`], every version's days and targets). Every date and time must be in
/// the years 1900-2200 ([`crate::day::check_day`]).
///
/// "Not more than 24 hours ahead" is judged against the backup's own `exported_at` (the clock of
/// the computer that made it, where each entry passed that rule when typed), not against this
/// computer's clock, so a backup from a computer whose clock was ahead still imports; an
/// `exported_at` that is not a time is refused.
///
/// Refusals are `Error::Invalid { field: "file", .. }`: "line L: …" for the JSON itself,
/// "dose 3: taken_at: …" (the row counted from 1 in its list, and the field at fault) for a row.
/// A check-in item naming one of your own symptoms that is not in the file is checked when the
/// diary it goes into is known ([`Store::import_backup`]).
pub fn read_backup(text: &str) -> Result<Backup> {
    super::check_size(text.len() as u64)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header: Header = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    match header.format.as_ref().and_then(|v| v.as_str()) {
        Some(BACKUP_FORMAT) => {}
        Some(other) => {
            return Err(file_error(format!(
                "this is not a Taper backup (its format is {other:?}, not \"{BACKUP_FORMAT}\")"
            )))
        }
        None => {
            return Err(file_error(format!(
                "this is not a Taper backup (it has no \"format\": \"{BACKUP_FORMAT}\")"
            )))
        }
    }
    match header.version.as_ref().and_then(|v| v.as_u64()) {
        Some(v) if (1..=u64::from(BACKUP_VERSION)).contains(&v) => {}
        Some(v) if v > u64::from(BACKUP_VERSION) => {
            return Err(file_error(format!(
                "this backup is format version {v}, written by a newer Taper; this version reads version {BACKUP_VERSION}. Update Taper to import it."
            )))
        }
        _ => {
            return Err(file_error(format!(
                "this backup has no valid format version (expected {BACKUP_VERSION})"
            )))
        }
    }
    let b: Backup = serde_json::from_str(text).map_err(|e| json_error(&e))?;
    check(&b)?;
    Ok(b)
}

/// A refusal of row `i` (0-based) of the list `what`: `Error::Invalid { field: "file" }` whose
/// message is "dose 3: taken_at: …", the row counted from 1 and the field of the typed input
/// that refused it.
fn row_error(what: &'static str, i: usize) -> impl Fn(Error) -> Error {
    move |e| match e {
        Error::Invalid { field, message } | Error::NeedsConfirmation { field, message } => {
            file_error(format!("{what} {}: {field}: {message}", i + 1))
        }
        other => other,
    }
}

/// The instant the backup was made, by the clock of the computer that made it: rows are held to
/// the typed rule "not more than 24 hours ahead" against it, not against this computer's clock.
fn made_at(b: &Backup) -> Result<DateTime<Utc>> {
    parse_time("exported_at", &b.exported_at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| file_error(format!("exported_at: {e}")))
}

/// The rule "not more than 24 hours ahead" of a typed entry, against the time the backup was
/// made, with a message that says so (field "taken_at"). A time that does not parse is left
/// to the entry's own validation, which names it.
fn not_ahead_of(made_at: DateTime<Utc>, taken_at: &str) -> Result<()> {
    match parse_time("taken_at", taken_at) {
        Ok(t) if t.with_timezone(&Utc) - made_at > day::max_ahead() => Err(Error::invalid(
            "taken_at",
            format!(
                "{taken_at} is more than 24 hours after the backup was made ({}). Check the date.",
                now_text(made_at)
            ),
        )),
        _ => Ok(()),
    }
}

/// A time the backup records about a row (`created_at`, `updated_at`, `deleted_at`): a time with
/// its UTC offset in the years 1900-2200, kept as written.
fn stamp(field: &'static str, text: &str) -> Result<String> {
    parse_time(field, text)?;
    Ok(text.to_owned())
}

/// A row's identity and times as the backup records them, checked: an identity that is a
/// UUID (and not one an earlier row of the same list has), times with their UTC offsets in the
/// years 1900-2200, kept as written.
fn stamps_of(
    seen: &mut HashSet<String>,
    made_at: DateTime<Utc>,
    id: Option<&str>,
    created_at: &str,
    updated_at: &str,
    deleted_at: Option<&str>,
) -> Result<Stamps> {
    let uid = id.map(|id| parse_uid("id", id)).transpose()?;
    if let Some(uid) = &uid {
        if !seen.insert(uid.clone()) {
            return Err(Error::invalid(
                "id",
                format!("{uid} is the identity of an earlier row too; each entry has its own."),
            ));
        }
    }
    // A change recorded after the file was made would win every merge against later edits.
    let not_ahead = |field: &'static str, text: &str| -> Result<String> {
        let at = parse_time(field, text)?;
        if at.with_timezone(&Utc) - made_at > day::max_ahead() {
            return Err(Error::invalid(
                field,
                format!(
                    "{text} is more than 24 hours after the backup was made ({}). Check the date.",
                    now_text(made_at)
                ),
            ));
        }
        Ok(text.to_owned())
    };
    Ok(Stamps {
        uid,
        created_at: not_ahead("created_at", created_at)?,
        updated_at: not_ahead("updated_at", updated_at)?,
        deleted_at: deleted_at.map(|d| not_ahead("deleted_at", d)).transpose()?,
    })
}

/// The rows of a backup after every rule typed entries pass, ready to write.
#[derive(Debug, Clone)]
struct Checked {
    settings: Option<Settings>,
    symptoms: Vec<BackupSymptom>,
    doses: Vec<(ValidDose, Stamps)>,
    checkins: Vec<(ValidCheckIn, Stamps)>,
    medicines: Vec<(ValidMedicine, Stamps)>,
}

/// Largest amount a dose can have been entered as: 100 g at the smallest grams per capsule or
/// teaspoon Settings allow (0.01 g).
const MAX_ENTERED: f64 = 10_000.0;

/// The built-in catalogue: every instrument's items (the kratom checklist, SOWS, COWS) at their
/// seeded positions, as every diary holds them.
fn builtin_catalogue() -> Vec<Symptom> {
    instrument::ALL
        .iter()
        .flat_map(|inst| crate::symptom::built_in(inst))
        .collect()
}

/// The symptoms in a diary (`conn`), every instrument, archived ones too.
fn diary_catalogue(conn: &Connection) -> Result<Vec<Symptom>> {
    Ok(conn
        .prepare(
            "SELECT key, label, instrument, max(min(position, 2147483647), -2147483648), archived
             FROM symptom",
        )?
        .query_map([], |r| {
            Ok(Symptom {
                key: r.get(0)?,
                label: r.get(1)?,
                instrument: r.get(2)?,
                position: r.get(3)?,
                archived: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A key a user's own symptom can have: `custom_` and then lower-case ASCII letters, digits and
/// underscores, at most 64 characters in all (what [`crate::symptom::custom_key_stem`] makes,
/// with a `_2`, `_3`… when taken).
fn valid_custom_key(key: &str) -> bool {
    crate::symptom::is_custom_key(key)
        && key.len() > crate::symptom::CUSTOM_PREFIX.len()
        && key.len() <= 64
        && key
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

/// Checks every row of `b` with the rules typed entries pass, against the symptom catalogue
/// `known` (the backup's own symptoms are added to it). With `placeholders`, a check-in item
/// naming a user's symptom that neither has is checked as a kratom checklist item (0-4), for a
/// file read before the diary it goes into is known.
fn check_rows(b: &Backup, mut known: Vec<Symptom>, placeholders: bool) -> Result<Checked> {
    let made_at = made_at(b)?;
    let settings = b
        .settings
        .clone()
        .map(|s| {
            s.validated().map_err(|e| match e {
                Error::Invalid { field, message } => {
                    file_error(format!("settings: {field}: {message}"))
                }
                other => other,
            })
        })
        .transpose()?;
    let mut symptoms = Vec::with_capacity(b.symptoms.len());
    for (i, s) in b.symptoms.iter().enumerate() {
        let refuse = |field: &'static str, message: String| {
            row_error("symptom", i)(Error::invalid(field, message))
        };
        if !valid_custom_key(&s.key) {
            return Err(refuse(
                "key",
                format!("“{}” is not the key of one of your own symptoms.", s.key),
            ));
        }
        if s.instrument != KRATOM {
            return Err(refuse(
                "instrument",
                format!(
                    "your own symptoms are on the kratom checklist, not on “{}”.",
                    s.instrument
                ),
            ));
        }
        if !(0..=MAX_POSITION).contains(&s.position) {
            return Err(refuse(
                "position",
                format!(
                    "{} is not a position in the list (0 to {MAX_POSITION}).",
                    s.position
                ),
            ));
        }
        if b.symptoms[..i].iter().any(|earlier| earlier.key == s.key) {
            return Err(refuse(
                "key",
                format!(
                    "“{}” is the key of an earlier symptom too; each has its own.",
                    s.key
                ),
            ));
        }
        let label = valid_label(&s.label).map_err(row_error("symptom", i))?;
        if !known.iter().any(|k| k.key == s.key) {
            known.push(Symptom {
                key: s.key.clone(),
                label: label.clone(),
                instrument: s.instrument.clone(),
                position: s.position,
                archived: s.archived,
            });
        }
        symptoms.push(BackupSymptom { label, ..s.clone() });
    }
    if placeholders {
        for c in &b.checkins {
            for it in &c.items {
                if crate::symptom::is_custom_key(&it.key) && !known.iter().any(|k| k.key == it.key)
                {
                    known.push(Symptom {
                        key: it.key.clone(),
                        label: it.key.clone(),
                        instrument: KRATOM.to_owned(),
                        position: MAX_POSITION,
                        archived: false,
                    });
                }
            }
        }
    }
    // Doses: grams as typed in grams (0.1-100 g, large ones were confirmed when typed), the time,
    // product and note through the same validation; the unit and entered amount kept.
    // Identities are unique across every kind of entry.
    let mut seen = HashSet::new();
    let mut doses = Vec::with_capacity(b.doses.len());
    for (i, d) in b.doses.iter().enumerate() {
        let input = DoseInput {
            amount: d.amount_g.to_string(),
            unit: Unit::G,
            taken_at: d.taken_at.clone(),
            form: d.form,
            product: d.product.clone(),
            estimated: d.estimated,
            note: d.note.clone(),
            confirm_large: true,
        };
        not_ahead_of(made_at, &d.taken_at).map_err(row_error("dose", i))?;
        let mut v = input
            .validate(&Settings::default(), made_at)
            .map_err(row_error("dose", i))?;
        let entered = parse_amount(&d.amount_entered.to_string())
            .and_then(|a| {
                if a > MAX_ENTERED {
                    Err(Error::invalid(
                        "amount_entered",
                        format!("{a} is more than a dose can have been entered as."),
                    ))
                } else {
                    Ok(a)
                }
            })
            .map_err(|e| match e {
                Error::Invalid { message, .. } => Error::invalid("amount_entered", message),
                other => other,
            })
            .map_err(row_error("dose", i))?;
        v.amount_entered = (entered * 100.0).round() / 100.0;
        v.unit = d.unit;
        grams_fit_entered(v.amount_dg, v.amount_entered, d.unit).map_err(row_error("dose", i))?;
        let stamps = stamps_of(
            &mut seen,
            made_at,
            d.id.as_deref(),
            &d.created_at,
            &d.updated_at,
            d.deleted_at.as_deref(),
        )
        .map_err(row_error("dose", i))?;
        doses.push((v, stamps));
    }
    // Check-ins: the same validation against the catalogue (each item's allowed scores, items
    // of one form only), and the form recorded must be the one the items belong to.
    let mut checkins = Vec::with_capacity(b.checkins.len());
    for (i, c) in b.checkins.iter().enumerate() {
        let input = CheckInInput {
            taken_at: c.taken_at.clone(),
            items: c.items.clone(),
            craving: c.craving,
            sleep_hours: c.sleep_hours,
            sleep_quality: c.sleep_quality,
            mood: c.mood,
            note: c.note.clone(),
        };
        not_ahead_of(made_at, &c.taken_at).map_err(row_error("check-in", i))?;
        let mut v = input
            .validate(&known, made_at)
            .map_err(row_error("check-in", i))?;
        if c.items.is_empty() {
            if instrument::instrument(&c.instrument).is_none() {
                return Err(row_error("check-in", i)(Error::invalid(
                    "instrument",
                    format!("“{}” is not a form Taper knows.", c.instrument),
                )));
            }
            v.instrument = c.instrument.clone();
        } else if v.instrument != c.instrument {
            return Err(row_error("check-in", i)(Error::invalid(
                "items",
                format!(
                    "its items are on the “{}” form, but it says it was filled in on “{}”.",
                    v.instrument, c.instrument
                ),
            )));
        }
        let stamps = stamps_of(
            &mut seen,
            made_at,
            c.id.as_deref(),
            &c.created_at,
            &c.updated_at,
            c.deleted_at.as_deref(),
        )
        .map_err(row_error("check-in", i))?;
        checkins.push((v, stamps));
    }
    let mut medicines = Vec::with_capacity(b.medicines.len());
    for (i, m) in b.medicines.iter().enumerate() {
        let input = MedicineInput {
            taken_at: m.taken_at.clone(),
            name: m.name.clone(),
            amount: m.amount.map(|a| a.to_string()),
            unit: m.unit.clone(),
            note: m.note.clone(),
        };
        not_ahead_of(made_at, &m.taken_at).map_err(row_error("medicine entry", i))?;
        let v = input
            .validate(made_at)
            .map_err(row_error("medicine entry", i))?;
        let stamps = stamps_of(
            &mut seen,
            made_at,
            m.id.as_deref(),
            &m.created_at,
            &m.updated_at,
            m.deleted_at.as_deref(),
        )
        .map_err(row_error("medicine entry", i))?;
        medicines.push((v, stamps));
    }
    for (i, p) in b.plans.iter().enumerate() {
        check_plan(p).map_err(row_error("plan", i))?;
    }
    Ok(Checked {
        settings,
        symptoms,
        doses,
        checkins,
        medicines,
    })
}

/// A plan from a backup: its parameters as a new plan's (start in 1900-2200 included), its
/// creation time, and every version numbered 1, 2… with days in 1900-2200 and targets of
/// 0-100 g.
fn check_plan(p: &BackupPlan) -> Result<()> {
    p.params.validate()?;
    stamp("created_at", &p.created_at)?;
    if p.versions.is_empty() {
        return Err(Error::invalid("versions", "it has no schedule."));
    }
    for (n, v) in p.versions.iter().enumerate() {
        if v.version as usize != n + 1 {
            return Err(Error::invalid(
                "versions",
                format!("version {} is out of order.", v.version),
            ));
        }
        if v.repeat_days
            .is_some_and(|d| !(1..=MAX_EVERY_DAYS).contains(&d))
        {
            return Err(Error::invalid(
                "repeat_days",
                format!(
                    "version {}: a step back repeats 1 to {MAX_EVERY_DAYS} days.",
                    v.version
                ),
            ));
        }
        day::check_day("effective_from", v.effective_from)?;
        stamp("created_at", &v.created_at)?;
        if v.days.is_empty() {
            return Err(Error::invalid(
                "days",
                format!("version {} has no days.", v.version),
            ));
        }
        for d in &v.days {
            day::check_day("days", d.day)?;
            if !(d.target_g.is_finite() && (0.0..=MAX_START_G).contains(&d.target_g)) {
                return Err(Error::invalid(
                    "days",
                    format!(
                        "version {}: {} g on {} is not a daily target (0 to {MAX_START_G} g).",
                        v.version, d.target_g, d.day
                    ),
                ));
            }
        }
        // One target a day, day after day: no day twice, no gap.
        if let Some(w) = v
            .days
            .windows(2)
            .find(|w| w[0].day.succ_opt() != Some(w[1].day))
        {
            return Err(Error::invalid(
                "days",
                format!(
                    "version {}: {} is followed by {}; a schedule has one target a day, day after day.",
                    v.version, w[0].day, w[1].day
                ),
            ));
        }
    }
    // The first version is the schedule its settings make, as when the plan was created.
    let same = |a: &[crate::plan::PlanDay], b: &[crate::plan::PlanDay]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(a, b)| {
                a.day == b.day && a.step == b.step && (a.target_g - b.target_g).abs() < 0.051
            })
    };
    let first = &p.versions[0];
    if first.change != PlanChange::Created || !same(&first.days, &crate::plan::schedule(&p.params)?)
    {
        return Err(Error::invalid(
            "versions",
            "version 1 is not the schedule the plan's own settings make (start, amount, shape, holds, floor, rounding).",
        ));
    }
    // Every later version is a step back: the version in force on its first day, stepped
    // back there by its number of days, exactly as the Step back button makes it.
    for (n, v) in p.versions.iter().enumerate().skip(1) {
        let base = p.versions[..n]
            .iter()
            .rev()
            .find(|b| b.effective_from <= v.effective_from);
        let made = match (v.change, v.repeat_days, base) {
            (PlanChange::StepBack, Some(repeat), Some(base)) => {
                crate::plan::step_back(&base.days, v.effective_from, repeat).ok()
            }
            _ => None,
        };
        if !made.is_some_and(|m| same(&v.days, &m)) {
            return Err(Error::invalid(
                "versions",
                format!(
                    "version {} is not a step back of the plan on {} (the schedule a step back there makes).",
                    v.version, v.effective_from
                ),
            ));
        }
    }
    Ok(())
}

/// Every row through the rules typed entries pass (see [`read_backup`]); the diary it goes into
/// is not known yet, so a check-in item may name a user's symptom the file does not hold.
fn check(b: &Backup) -> Result<()> {
    check_rows(b, builtin_catalogue(), true).map(|_| ())
}

// ---- import ------------------------------------------------------------------------------

fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Whether the diary holds any entry, plan or custom symptom.
pub(crate) fn has_entries(conn: &Connection) -> Result<bool> {
    Ok(count(
        conn,
        "SELECT (SELECT count(*) FROM dose) + (SELECT count(*) FROM checkin)
              + (SELECT count(*) FROM medicine) + (SELECT count(*) FROM plan)
              + (SELECT count(*) FROM symptom WHERE builtin = 0)",
    )? > 0)
}

/// (UTC instant text, wall-clock text, offset in minutes) as the store keeps a time.
fn instant_parts(t: &DateTime<FixedOffset>) -> (String, String, i32) {
    (
        now_text(t.with_timezone(&Utc)),
        local_text(t),
        offset_minutes(t),
    )
}

/// A dose's content for matching a row without an identity: its instant (UTC), grams (tenths),
/// unit, form, product and note.
fn dose_key(
    utc: &str,
    amount_dg: i64,
    unit: &str,
    form: &str,
    product: Option<&str>,
    note: Option<&str>,
) -> String {
    serde_json::json!([utc, amount_dg, unit, form, product, note]).to_string()
}

/// A row's whole version as text: the values it is written with, as SQLite holds them, then
/// `extra` (a check-in's item scores). The same for a row of the file ([`values_version`]) and
/// a row of the diary ([`row_version`]), so equal versions give equal text.
fn values_version(values: &[&dyn rusqlite::ToSql], extra: &str) -> String {
    use rusqlite::types::{ToSqlOutput, Value};
    let mut out = String::new();
    for v in values {
        let value = match v.to_sql() {
            Ok(ToSqlOutput::Borrowed(r)) => Value::from(r),
            Ok(ToSqlOutput::Owned(v)) => v,
            _ => Value::Null,
        };
        out.push_str(&format!("{value:?}\u{1f}"));
    }
    out.push_str(extra);
    out
}

/// [`values_version`] of a diary row: its columns `columns`, then `extra`.
fn row_version(
    r: &rusqlite::Row<'_>,
    columns: std::ops::Range<usize>,
    extra: &str,
) -> Result<String> {
    let mut out = String::new();
    for i in columns {
        let value: rusqlite::types::Value = r.get(i)?;
        out.push_str(&format!("{value:?}\u{1f}"));
    }
    out.push_str(extra);
    Ok(out)
}

/// A check-in's (instant, form) or a medicine entry's (instant, name) for matching a row
/// without an identity.
fn pair_key(utc: &str, what: &str) -> String {
    serde_json::json!([utc, what]).to_string()
}

/// The import itself, inside the caller's transaction: every row is checked against the
/// diary's catalogue (after a replace has emptied it) before the first row is written.
fn import_into(
    tx: &rusqlite::Transaction<'_>,
    b: &Backup,
    mode: Option<ImportMode>,
) -> Result<ImportSummary> {
    let mut s = ImportSummary {
        mode,
        ..Default::default()
    };
    let non_empty = has_entries(tx)?;
    if non_empty && mode.is_none() {
        return Err(Error::NeedsConfirmation {
            field: "mode",
            message: "This diary already has entries. Choose merge (add what is new and keep everything already there) or replace (the diary's contents become the backup's).".into(),
        });
    }
    if mode == Some(ImportMode::Replace) {
        s.removed_doses = count(tx, "SELECT count(*) FROM dose")?;
        s.removed_checkins = count(tx, "SELECT count(*) FROM checkin")?;
        s.removed_medicines = count(tx, "SELECT count(*) FROM medicine")?;
        s.removed_plans = count(tx, "SELECT count(*) FROM plan")?;
        tx.execute_batch(
            "DELETE FROM checkin_item; DELETE FROM checkin; DELETE FROM dose; DELETE FROM medicine;
             DELETE FROM plan_version; DELETE FROM plan; DELETE FROM setting;
             DELETE FROM symptom WHERE builtin = 0;",
        )?;
    }
    let checked = check_rows(b, diary_catalogue(tx)?, false)?;
    // Settings: a replace (or an empty diary) takes the backup's; a merge keeps the diary's
    // own when it has some.
    if let Some(settings) = &checked.settings {
        let has = tx
            .prepare("SELECT 1 FROM setting WHERE key = 'app'")?
            .exists([])?;
        if !has {
            let json = serde_json::to_string(settings)
                .map_err(|e| Error::Storage(format!("settings: {e}")))?;
            tx.execute(
                "INSERT INTO setting (key, value) VALUES ('app', ?1)",
                [json],
            )?;
            s.settings_imported = true;
        }
    }
    // Custom symptoms, by key, after the diary's own (positions stay in 0..=MAX_POSITION).
    let mut known: HashSet<String> = tx
        .prepare("SELECT key FROM symptom")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO symptom (key, label, instrument, position, builtin, archived)
             VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        )?;
        // Names in use on the checklist (case aside): an added symptom of the same name as
        // another in use gets a free one ("Headache (2)"), as the form could not tell them apart.
        let mut in_use: HashSet<String> = tx
            .prepare("SELECT label FROM symptom WHERE instrument = ?1 AND archived = 0")?
            .query_map([KRATOM], |r| r.get::<_, String>(0))?
            .map(|l| l.map(|l| l.to_lowercase()))
            .collect::<rusqlite::Result<_>>()?;
        for sym in &checked.symptoms {
            if known.contains(&sym.key) {
                s.already_there += 1;
                continue;
            }
            let label = if sym.archived {
                sym.label.clone()
            } else {
                free_label(&sym.label, &in_use)
            };
            if !sym.archived {
                in_use.insert(label.to_lowercase());
            }
            let position = sym.position.max(next_position(tx, &sym.instrument)?);
            insert.execute(params![
                sym.key,
                label,
                sym.instrument,
                position,
                sym.archived
            ])?;
            known.insert(sym.key.clone());
            s.added_symptoms += 1;
        }
    }
    // Doses, check-ins and other medicines: each row of the file meets the diary's entries as
    // they were before the import (see super::merge).
    {
        let mut diary = Diary::default();
        // The stamps, then the values a row is written with (in the order of `values` below).
        let mut stmt = tx.prepare(
            "SELECT id, uid, created_at, updated_at, deleted_at,
                    taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit, form,
                    product, estimated, note, created_at, updated_at, deleted_at
             FROM dose",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key = dose_key(
                &r.get::<_, String>(5)?,
                r.get(8)?,
                &r.get::<_, String>(10)?,
                &r.get::<_, String>(11)?,
                r.get::<_, Option<String>>(12)?.as_deref(),
                r.get::<_, Option<String>>(14)?.as_deref(),
            );
            let version = row_version(r, 5..18, "")?;
            diary.insert(r.get(0)?, &stamps_at(r, 1)?, key, version);
        }
        let mut insert = tx.prepare(
            "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit,
                               form, product, estimated, note, created_at, updated_at, deleted_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut update = tx.prepare(
            "UPDATE dose SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, amount_dg = ?4,
                    amount_entered = ?5, unit = ?6, form = ?7, product = ?8, estimated = ?9, note = ?10,
                    created_at = ?11, updated_at = ?12, deleted_at = ?13
             WHERE id = ?14",
        )?;
        for (d, at) in &checked.doses {
            let (utc, local, offset) = instant_parts(&d.taken_at);
            let key = dose_key(
                &utc,
                d.amount_dg,
                d.unit.as_str(),
                d.form.as_str(),
                d.product.as_deref(),
                d.note.as_deref(),
            );
            let values = params![
                utc,
                local,
                offset,
                d.amount_dg,
                d.amount_entered,
                d.unit.as_str(),
                d.form.as_str(),
                d.product,
                d.estimated,
                d.note,
                at.created_at,
                at.updated_at,
                at.deleted_at
            ];
            let fate = diary.fate(at, &key, &values_version(values, ""));
            match fate {
                Fate::Add => {
                    let uid = at.uid.clone().unwrap_or_else(new_uid);
                    insert.execute(rusqlite::params_from_iter(
                        values.iter().copied().chain([&uid as &dyn rusqlite::ToSql]),
                    ))?;
                    s.added_doses += 1;
                }
                Fate::Update(id) => {
                    update.execute(rusqlite::params_from_iter(
                        values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                    ))?;
                }
                _ => {}
            }
            s.count(fate, EntryKind::Dose);
        }
    }
    {
        let mut diary = Diary::default();
        let mut items_of: HashMap<i64, String> = HashMap::new();
        {
            let mut stmt = tx.prepare(
                "SELECT checkin_id, symptom_key, score FROM checkin_item ORDER BY checkin_id, symptom_key",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let text = items_of.entry(r.get(0)?).or_default();
                text.push_str(&format!(
                    "{}={};",
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?
                ));
            }
        }
        let mut stmt = tx.prepare(
            "SELECT id, uid, created_at, updated_at, deleted_at,
                    taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours,
                    sleep_quality, mood, note, created_at, updated_at, deleted_at
             FROM checkin",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let key = pair_key(&r.get::<_, String>(5)?, &r.get::<_, String>(8)?);
            let items = items_of.remove(&id).unwrap_or_default();
            let version = row_version(r, 5..17, &items)?;
            diary.insert(id, &stamps_at(r, 1)?, key, version);
        }
        let mut insert = tx.prepare(
            "INSERT INTO checkin (taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours,
                                  sleep_quality, mood, note, created_at, updated_at, deleted_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut update = tx.prepare(
            "UPDATE checkin SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, instrument = ?4,
                    craving = ?5, sleep_hours = ?6, sleep_quality = ?7, mood = ?8, note = ?9,
                    created_at = ?10, updated_at = ?11, deleted_at = ?12
             WHERE id = ?13",
        )?;
        let mut clear = tx.prepare("DELETE FROM checkin_item WHERE checkin_id = ?1")?;
        let mut item = tx.prepare(
            "INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (?1, ?2, ?3)",
        )?;
        for (c, at) in &checked.checkins {
            let (utc, local, offset) = instant_parts(&c.taken_at);
            let values = params![
                utc,
                local,
                offset,
                c.instrument,
                c.craving,
                c.sleep_hours,
                c.sleep_quality,
                c.mood,
                c.note,
                at.created_at,
                at.updated_at,
                at.deleted_at
            ];
            let mut items: Vec<&ItemScore> = c.items.iter().collect();
            items.sort_by(|a, b| a.key.cmp(&b.key));
            let items: String = items
                .iter()
                .map(|it| format!("{}={};", it.key, it.score))
                .collect();
            let fate = diary.fate(
                at,
                &pair_key(&utc, &c.instrument),
                &values_version(values, &items),
            );
            let written = match fate {
                Fate::Add => {
                    let uid = at.uid.clone().unwrap_or_else(new_uid);
                    insert.execute(rusqlite::params_from_iter(
                        values.iter().copied().chain([&uid as &dyn rusqlite::ToSql]),
                    ))?;
                    s.added_checkins += 1;
                    Some(tx.last_insert_rowid())
                }
                Fate::Update(id) => {
                    update.execute(rusqlite::params_from_iter(
                        values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                    ))?;
                    clear.execute([id])?;
                    Some(id)
                }
                _ => None,
            };
            if let Some(id) = written {
                for it in &c.items {
                    item.execute(params![id, it.key, it.score])?;
                }
            }
            s.count(fate, EntryKind::Checkin);
        }
    }
    {
        let mut diary = Diary::default();
        let mut stmt = tx.prepare(
            "SELECT id, uid, created_at, updated_at, deleted_at,
                    taken_at_utc, local_time, utc_offset_min, name, amount, unit, note, created_at,
                    updated_at, deleted_at
             FROM medicine",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key = pair_key(&r.get::<_, String>(5)?, &r.get::<_, String>(8)?);
            let version = row_version(r, 5..15, "")?;
            diary.insert(r.get(0)?, &stamps_at(r, 1)?, key, version);
        }
        let mut insert = tx.prepare(
            "INSERT INTO medicine (taken_at_utc, local_time, utc_offset_min, name, amount, unit, note,
                                   created_at, updated_at, deleted_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut update = tx.prepare(
            "UPDATE medicine SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, name = ?4,
                    amount = ?5, unit = ?6, note = ?7, created_at = ?8, updated_at = ?9, deleted_at = ?10
             WHERE id = ?11",
        )?;
        for (m, at) in &checked.medicines {
            let (utc, local, offset) = instant_parts(&m.taken_at);
            let values = params![
                utc,
                local,
                offset,
                m.name,
                m.amount,
                m.unit,
                m.note,
                at.created_at,
                at.updated_at,
                at.deleted_at
            ];
            let fate = diary.fate(at, &pair_key(&utc, &m.name), &values_version(values, ""));
            match fate {
                Fate::Add => {
                    let uid = at.uid.clone().unwrap_or_else(new_uid);
                    insert.execute(rusqlite::params_from_iter(
                        values.iter().copied().chain([&uid as &dyn rusqlite::ToSql]),
                    ))?;
                    s.added_medicines += 1;
                }
                Fate::Update(id) => {
                    update.execute(rusqlite::params_from_iter(
                        values.iter().copied().chain([&id as &dyn rusqlite::ToSql]),
                    ))?;
                }
                _ => {}
            }
            s.count(fate, EntryKind::Medicine);
        }
    }
    // Plans and their versions.
    {
        let mut existing: Vec<(i64, String, String)> = tx
            .prepare("SELECT id, params, created_at FROM plan")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for p in &b.plans {
            let params_json = json(&p.params)?;
            let found = existing
                .iter()
                .find(|(_, params, created)| *params == params_json && *created == p.created_at)
                .map(|(id, _, _)| *id);
            let id = match found {
                Some(id) => id,
                None => {
                    tx.execute(
                        "INSERT INTO plan (params, created_at) VALUES (?1, ?2)",
                        params![params_json, p.created_at],
                    )?;
                    let id = tx.last_insert_rowid();
                    existing.push((id, params_json.clone(), p.created_at.clone()));
                    s.added_plans += 1;
                    id
                }
            };
            for v in &p.versions {
                let there = tx
                    .prepare_cached(
                        "SELECT 1 FROM plan_version WHERE plan_id = ?1 AND version = ?2",
                    )?
                    .exists(params![id, v.version])?;
                if there {
                    s.already_there += 1;
                    continue;
                }
                let change = match v.change {
                    PlanChange::Created => "created",
                    PlanChange::StepBack => "step_back",
                };
                tx.execute(
                    "INSERT INTO plan_version (plan_id, version, change, effective_from, repeat_days, days, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id,
                        v.version,
                        change,
                        v.effective_from.format("%Y-%m-%d").to_string(),
                        v.repeat_days,
                        json(&v.days)?,
                        v.created_at
                    ],
                )?;
                s.added_plan_versions += 1;
            }
        }
    }
    Ok(s)
}

/// `label`, or when a symptom in use already has that name (case aside), the first of
/// "label (2)", "label (3)"… that is free, the label shortened to keep within
/// [`crate::symptom::MAX_LABEL_CHARS`].
fn free_label(label: &str, in_use: &HashSet<String>) -> String {
    if !in_use.contains(&label.to_lowercase()) {
        return label.to_owned();
    }
    (2..)
        .map(|n| {
            let tail = format!(" ({n})");
            let room = crate::symptom::MAX_LABEL_CHARS.saturating_sub(tail.chars().count());
            let head: String = label.chars().take(room).collect();
            format!("{}{tail}", head.trim_end())
        })
        .find(|l| !in_use.contains(&l.to_lowercase()))
        .unwrap_or_else(|| label.to_owned())
}

/// JSON text of plan parts, the same text the store writes.
fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Storage(format!("plan not saved: {e}")))
}

/// The grams a backup row records must be what its entered amount gives: the same number for
/// grams (to the 0.1 g Taper keeps), and for capsules and teaspoons within the grams per unit
/// Settings allow (up to 5 g a capsule, 10 g a teaspoon), so a file cannot turn "0.5 g" into
/// 50 g past the question a typed large dose gets.
fn grams_fit_entered(amount_dg: i64, entered: f64, unit: Unit) -> Result<()> {
    let grams = amount_dg as f64 / 10.0;
    let fits = match unit {
        Unit::G => (grams - entered).abs() < 0.051,
        Unit::Capsule => grams <= entered * 5.0 + 0.051,
        Unit::Tsp => grams <= entered * 10.0 + 0.051,
    };
    if fits {
        return Ok(());
    }
    Err(Error::invalid(
        "amount_g",
        format!(
            "{grams} g does not match the amount entered ({entered} {}).",
            unit.as_str()
        ),
    ))
}

impl Store {
    /// Imports a backup in one IMMEDIATE transaction (all of it or none of it). `mode` may be
    /// `None` only for a diary without entries; otherwise the refusal is
    /// `Error::NeedsConfirmation { field: "mode", .. }` asking merge or replace. Rows already
    /// in the diary are skipped, never duplicated. Every row passes the rules of a typed entry
    /// first (see [`read_backup`]); a refused row is `Error::Invalid { field: "file" }` naming
    /// it ("check-in 2: items: …") and nothing is written.
    ///
    /// [`ImportMode::Replace`] first keeps the diary as it is as a "before restore" backup
    /// (made at `now`, in the diary's backups folder, the path in
    /// [`ImportSummary::kept_backup`]), after the file is known to pass and before anything
    /// changes; the app and `taper import --replace` both go through here.
    pub fn import_backup(
        &mut self,
        backup: &Backup,
        mode: Option<ImportMode>,
        now: DateTime<Utc>,
    ) -> Result<ImportSummary> {
        let mut kept = None;
        if mode == Some(ImportMode::Replace) && !self.is_read_only() {
            // A replace empties the diary's own symptoms: check against the built-in ones.
            check_rows(backup, builtin_catalogue(), false)?;
            kept = Some(self.back_up(BackupKind::BeforeRestore, now)?.path);
        }
        let mut summary = self.write(|tx| import_into(tx, backup, mode))?;
        self.forget_settings();
        summary.kept_backup = kept;
        Ok(summary)
    }

    /// What [`Store::import_backup`] would do, without saving anything: the same import in a
    /// transaction that is rolled back. Refuses the same way.
    pub fn preview_backup(
        &mut self,
        backup: &Backup,
        mode: Option<ImportMode>,
    ) -> Result<ImportSummary> {
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let summary = import_into(&tx, backup, mode);
        tx.rollback()?;
        summary
    }

    /// Whether the diary holds any entry, plan or custom symptom (an import into it must
    /// choose merge or replace).
    pub fn has_entries(&self) -> Result<bool> {
        has_entries(self.conn())
    }
}
