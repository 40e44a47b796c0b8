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
//!
//! The SQL that reads the diary for a backup and writes an import's rows is in
//! `store::archive`; this module keeps the file format, its parsing and its rules.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use rusqlite::TransactionBehavior;
use serde::Deserialize;

use super::now_text;
use crate::archive::merge::Stamps;
use crate::archive::Checked;
pub use crate::archive::{
    Backup, BackupCheckIn, BackupDose, BackupMedicine, BackupPlan, BackupSymptom, DeletedMatch,
    EntryKind, ImportMode, ImportSummary, BACKUP_FORMAT, BACKUP_VERSION,
};
use crate::checkin::CheckInInput;
use crate::day::{self, parse_time};
use crate::dose::{parse_amount, DoseInput, Unit};
use crate::error::{Error, Result};
use crate::instrument;
use crate::medicine::MedicineInput;
use crate::plan::{MAX_EVERY_DAYS, MAX_START_G};
use crate::settings::Settings;
use crate::store::{archive, BackupKind, PlanChange, Store, MAX_POSITION};
use crate::symptom::{valid_label, Symptom, KRATOM};
use crate::uid::parse_uid;

/// The whole diary as a [`Backup`]. `now` is recorded as `exported_at`.
pub fn backup(store: &Store, now: DateTime<Utc>) -> Result<Backup> {
    let rows = store.archive_rows()?;
    Ok(Backup {
        format: BACKUP_FORMAT.to_owned(),
        version: BACKUP_VERSION,
        exported_at: now_text(now),
        settings: rows.settings,
        symptoms: rows.symptoms,
        doses: rows.doses,
        checkins: rows.checkins,
        medicines: rows.medicines,
        plans: rows.plans,
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
    // The latest time an entry may have: what `not_ahead_of` allows (entries are checked as
    // typed entries were when the rule was "24 hours ahead"; newer ones are never after it).
    let latest = made_at + day::max_ahead();
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
            .validate(&Settings::default(), latest)
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
            .validate(&known, latest)
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
            .validate(latest)
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
    let non_empty = archive::has_entries(tx)?;
    if non_empty && mode.is_none() {
        return Err(Error::NeedsConfirmation {
            field: "mode",
            message: "This diary already has entries. Choose merge (add what is new and keep everything already there) or replace (the diary's contents become the backup's).".into(),
        });
    }
    if mode == Some(ImportMode::Replace) {
        archive::clear_for_replace(tx, &mut s)?;
    }
    let checked = check_rows(b, archive::catalogue(tx)?, false)?;
    archive::write_rows(tx, &checked, &b.plans, &mut s)?;
    Ok(s)
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
        archive::has_entries(self.conn())
    }
}
