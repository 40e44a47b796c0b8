//! The JSON backup: the whole diary (settings, custom symptoms, doses, check-ins with their
//! items, other medicines, plans with every version, deleted entries too) as one versioned
//! document, and its import.
//!
//! Import never duplicates: a row already in the diary (same natural key) is skipped, so
//! importing the same backup twice adds nothing the second time. Natural keys: a dose by its
//! instant, grams, unit, form, product and note; a check-in by its instant and instrument; a
//! medicine entry by its instant and name; a custom symptom by its key; a plan by its creation
//! time and parameters (then each version by its number).
//!
//! Modes: into an empty diary no mode is needed. Otherwise the caller must choose:
//! [`ImportMode::Merge`] adds what is new and keeps everything already there (the diary's
//! settings stay); [`ImportMode::Replace`] makes the diary's contents exactly the backup's
//! (entries, custom symptoms, plans and settings). Either way it is one IMMEDIATE transaction:
//! all of it or none of it.

use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::now_text;
use crate::checkin::ItemScore;
use crate::day::{self, local_text, offset_minutes, parse_time};
use crate::dose::{Form, Unit};
use crate::error::{Error, Result};
use crate::instrument;
use crate::plan::PlanParams;
use crate::settings::Settings;
use crate::store::{PlanVersion, Store};

pub const BACKUP_FORMAT: &str = "taper-backup";
pub const BACKUP_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupDose {
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
    /// Rows already in the diary (or twice in the file), left out.
    pub skipped_duplicates: u32,
    /// Replace only: entries that were in the diary before and are now gone.
    pub removed_doses: u32,
    pub removed_checkins: u32,
    pub removed_medicines: u32,
    pub removed_plans: u32,
    pub settings_imported: bool,
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
            "SELECT key, label, instrument, position, archived FROM symptom WHERE builtin = 0
             ORDER BY instrument, position, key",
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
                note, created_at, updated_at, deleted_at FROM dose ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let unit: String = r.get(4)?;
        let form: String = r.get(5)?;
        doses.push(BackupDose {
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
                note, created_at, updated_at, deleted_at FROM checkin ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        checkins.push(BackupCheckIn {
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
        "SELECT local_time, utc_offset_min, name, amount, unit, note, created_at, updated_at, deleted_at
         FROM medicine ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        medicines.push(BackupMedicine {
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
/// `format` and `version`, every field's type, and the values the diary's rules need (times,
/// amounts, scores, instruments). Refusals are `Error::Invalid { field: "file", .. }` whose
/// message starts with "line L:" when a line is known.
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
        Some(v) if v == u64::from(BACKUP_VERSION) => {}
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

fn check_time(what: &str, i: usize, text: &str) -> Result<()> {
    parse_time("file", text).map(|_| ()).map_err(|_| {
        file_error(format!(
            "{what} {}: “{text}” is not a time with a UTC offset",
            i + 1
        ))
    })
}

fn check_text(what: &str, i: usize, field: &str, text: &Option<String>, max: usize) -> Result<()> {
    if let Some(t) = text {
        if t.chars().count() > max {
            return Err(file_error(format!(
                "{what} {}: the {field} is longer than {max} characters",
                i + 1
            )));
        }
    }
    Ok(())
}

/// The rules the diary's tables hold, checked up front so a bad value is named.
fn check(b: &Backup) -> Result<()> {
    use crate::dose::{MAX_DOSE_G, MAX_NOTE_CHARS, MAX_PRODUCT_CHARS};
    if let Some(s) = &b.settings {
        s.clone()
            .validated()
            .map_err(|e| file_error(format!("settings: {e}")))?;
    }
    for (i, s) in b.symptoms.iter().enumerate() {
        if !crate::symptom::is_custom_key(&s.key) || instrument::instrument(&s.instrument).is_none()
        {
            return Err(file_error(format!(
                "symptom {}: “{}” is not one of your own symptoms",
                i + 1,
                s.key
            )));
        }
        crate::symptom::valid_label(&s.label)
            .map_err(|e| file_error(format!("symptom {}: {e}", i + 1)))?;
    }
    for (i, d) in b.doses.iter().enumerate() {
        check_time("dose", i, &d.taken_at)?;
        let dg = (d.amount_g * 10.0).round();
        if !d.amount_g.is_finite() || dg < 1.0 || d.amount_g > MAX_DOSE_G {
            return Err(file_error(format!(
                "dose {}: {} g is not an amount Taper records (0.1 to {MAX_DOSE_G} g)",
                i + 1,
                d.amount_g
            )));
        }
        if !(d.amount_entered.is_finite() && d.amount_entered > 0.0) {
            return Err(file_error(format!(
                "dose {}: the entered amount must be more than zero",
                i + 1
            )));
        }
        check_text("dose", i, "product", &d.product, MAX_PRODUCT_CHARS)?;
        check_text("dose", i, "note", &d.note, MAX_NOTE_CHARS)?;
    }
    for (i, c) in b.checkins.iter().enumerate() {
        check_time("check-in", i, &c.taken_at)?;
        if instrument::instrument(&c.instrument).is_none() {
            return Err(file_error(format!(
                "check-in {}: unknown form “{}”",
                i + 1,
                c.instrument
            )));
        }
        let in_range = |v: Option<i32>, max: i32| v.is_none_or(|v| (0..=max).contains(&v));
        if !in_range(c.craving, crate::checkin::MAX_CRAVING)
            || !in_range(c.sleep_quality, crate::checkin::MAX_RATING)
            || !in_range(c.mood, crate::checkin::MAX_RATING)
            || !c
                .sleep_hours
                .is_none_or(|h| (0.0..=crate::checkin::MAX_SLEEP_HOURS).contains(&h))
            || c.items.iter().any(|it| !(0..=5).contains(&it.score))
        {
            return Err(file_error(format!(
                "check-in {}: a score is out of range",
                i + 1
            )));
        }
        let mut seen = HashSet::new();
        if let Some(it) = c.items.iter().find(|it| !seen.insert(it.key.as_str())) {
            return Err(file_error(format!(
                "check-in {}: “{}” is rated twice",
                i + 1,
                it.key
            )));
        }
        check_text("check-in", i, "note", &c.note, MAX_NOTE_CHARS)?;
    }
    for (i, m) in b.medicines.iter().enumerate() {
        check_time("medicine entry", i, &m.taken_at)?;
        let n = m.name.chars().count();
        if !(1..=crate::medicine::MAX_NAME_CHARS).contains(&n)
            || m.unit.as_ref().is_some_and(|u| {
                !(1..=crate::medicine::MAX_UNIT_CHARS).contains(&u.chars().count())
            })
            || m.amount
                .is_some_and(|a| !(a > 0.0 && a <= crate::medicine::MAX_AMOUNT))
        {
            return Err(file_error(format!(
                "medicine entry {}: a value is out of range",
                i + 1
            )));
        }
        check_text("medicine entry", i, "note", &m.note, MAX_NOTE_CHARS)?;
    }
    for (i, p) in b.plans.iter().enumerate() {
        p.params
            .validate()
            .map_err(|e| file_error(format!("plan {}: {e}", i + 1)))?;
        if p.versions.is_empty() {
            return Err(file_error(format!("plan {}: it has no schedule", i + 1)));
        }
        for (n, v) in p.versions.iter().enumerate() {
            if v.version as usize != n + 1 || v.repeat_days.is_some_and(|d| !(1..=60).contains(&d))
            {
                return Err(file_error(format!(
                    "plan {}: version {} is out of order or out of range",
                    i + 1,
                    v.version
                )));
            }
        }
    }
    Ok(())
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

fn instant_parts(text: &str) -> Result<(String, String, i32)> {
    let t = parse_time("file", text)?;
    Ok((
        now_text(t.with_timezone(&Utc)),
        local_text(&t),
        offset_minutes(&t),
    ))
}

type DoseKey = (String, i64, String, String, Option<String>, Option<String>);

/// The import itself, inside the caller's transaction.
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
    // Settings: a replace (or an empty diary) takes the backup's; a merge keeps the diary's
    // own when it has some.
    if let Some(settings) = &b.settings {
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
    // Custom symptoms, by key.
    let mut known: HashSet<String> = tx
        .prepare("SELECT key FROM symptom")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO symptom (key, label, instrument, position, builtin, archived)
             VALUES (?1, ?2, ?3,
                     max(?4, (SELECT coalesce(max(position), -1) + 1 FROM symptom WHERE instrument = ?3)),
                     0, ?5)",
        )?;
        for sym in &b.symptoms {
            if known.contains(&sym.key) {
                s.skipped_duplicates += 1;
                continue;
            }
            insert.execute(params![
                sym.key,
                sym.label,
                sym.instrument,
                sym.position,
                sym.archived
            ])?;
            known.insert(sym.key.clone());
            s.added_symptoms += 1;
        }
    }
    // Doses.
    let mut dose_keys: HashSet<DoseKey> = HashSet::new();
    {
        let mut stmt =
            tx.prepare("SELECT taken_at_utc, amount_dg, unit, form, product, note FROM dose")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            dose_keys.insert((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ));
        }
        let mut insert = tx.prepare(
            "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit,
                               form, product, estimated, note, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for d in &b.doses {
            let (utc, local, offset) = instant_parts(&d.taken_at)?;
            let dg = (d.amount_g * 10.0).round() as i64;
            let key = (
                utc.clone(),
                dg,
                d.unit.as_str().to_owned(),
                d.form.as_str().to_owned(),
                d.product.clone(),
                d.note.clone(),
            );
            if !dose_keys.insert(key) {
                s.skipped_duplicates += 1;
                continue;
            }
            insert.execute(params![
                utc,
                local,
                offset,
                dg,
                d.amount_entered,
                d.unit.as_str(),
                d.form.as_str(),
                d.product,
                d.estimated,
                d.note,
                d.created_at,
                d.updated_at,
                d.deleted_at
            ])?;
            s.added_doses += 1;
        }
    }
    // Check-ins with their items.
    {
        let mut keys: HashSet<(String, String)> = tx
            .prepare("SELECT taken_at_utc, instrument FROM checkin")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut insert = tx.prepare(
            "INSERT INTO checkin (taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours,
                                  sleep_quality, mood, note, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut item = tx.prepare(
            "INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (?1, ?2, ?3)",
        )?;
        for (i, c) in b.checkins.iter().enumerate() {
            let (utc, local, offset) = instant_parts(&c.taken_at)?;
            if !keys.insert((utc.clone(), c.instrument.clone())) {
                s.skipped_duplicates += 1;
                continue;
            }
            let id = insert.insert(params![
                utc,
                local,
                offset,
                c.instrument,
                c.craving,
                c.sleep_hours,
                c.sleep_quality,
                c.mood,
                c.note,
                c.created_at,
                c.updated_at,
                c.deleted_at
            ])?;
            for it in &c.items {
                if !known.contains(&it.key) {
                    return Err(file_error(format!(
                        "check-in {}: “{}” is not a symptom in this diary or the backup",
                        i + 1,
                        it.key
                    )));
                }
                item.execute(params![id, it.key, it.score])?;
            }
            s.added_checkins += 1;
        }
    }
    // Other medicines.
    {
        let mut keys: HashSet<(String, String)> = tx
            .prepare("SELECT taken_at_utc, name FROM medicine")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut insert = tx.prepare(
            "INSERT INTO medicine (taken_at_utc, local_time, utc_offset_min, name, amount, unit, note,
                                   created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for m in &b.medicines {
            let (utc, local, offset) = instant_parts(&m.taken_at)?;
            if !keys.insert((utc.clone(), m.name.clone())) {
                s.skipped_duplicates += 1;
                continue;
            }
            insert.execute(params![
                utc,
                local,
                offset,
                m.name,
                m.amount,
                m.unit,
                m.note,
                m.created_at,
                m.updated_at,
                m.deleted_at
            ])?;
            s.added_medicines += 1;
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
                    s.skipped_duplicates += 1;
                    continue;
                }
                let change = match v.change {
                    crate::store::PlanChange::Created => "created",
                    crate::store::PlanChange::StepBack => "step_back",
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

/// JSON text of plan parts, the same text the store writes.
fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Storage(format!("plan not saved: {e}")))
}

impl Store {
    /// Imports a backup in one IMMEDIATE transaction (all of it or none of it). `mode` may be
    /// `None` only for a diary without entries; otherwise the refusal is
    /// `Error::NeedsConfirmation { field: "mode", .. }` asking merge or replace. Rows already
    /// in the diary are skipped, never duplicated. `_now` is reserved (rows keep the times
    /// recorded in the backup).
    pub fn import_backup(
        &mut self,
        backup: &Backup,
        mode: Option<ImportMode>,
        _now: DateTime<Utc>,
    ) -> Result<ImportSummary> {
        let summary = self.write(|tx| import_into(tx, backup, mode))?;
        self.forget_settings();
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
