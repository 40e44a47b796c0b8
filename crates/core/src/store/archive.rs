//! The JSON backup's SQL: every table read as the backup's rows, and checked rows written into
//! the diary. The file format, its parsing and the rules rows pass are in `export::backup`,
//! which calls these; matching rows against the diary is `export::merge`.

use chrono::SecondsFormat;
use rusqlite::{Connection, OptionalExtension, Row, Transaction};

use super::checkins::item_row;
use super::entries::{every, Entry};
use super::symptoms::symptom_row;
use super::{Store, MAX_POSITION};
use crate::archive::{
    BackupCheckIn, BackupDose, BackupMedicine, BackupPlan, BackupSymptom, ImportSummary,
};
use crate::checkin::ItemScore;
use crate::day;
use crate::dose::{Form, Unit};
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::symptom::Symptom;

mod import;

pub(crate) use import::write_rows;

/// Every row of the diary as the JSON backup holds it: the settings when saved, the user's own
/// symptoms, and every dose, check-in (with its items), medicine entry and plan (with every
/// version), deleted entries included, oldest first.
pub(crate) struct Rows {
    pub settings: Option<Settings>,
    pub symptoms: Vec<BackupSymptom>,
    pub doses: Vec<BackupDose>,
    pub checkins: Vec<BackupCheckIn>,
    pub medicines: Vec<BackupMedicine>,
    pub plans: Vec<BackupPlan>,
}

/// The backup's row `$backup` of an entry read from the row `$r`: what every entry has (its
/// identity, time, note and stamps), then the entry's own fields.
macro_rules! backup_row {
    ($r:ident, $backup:ident { $($field:ident: $value:expr,)* }) => {
        $backup {
            id: Some($r.get("uid")?),
            taken_at: taken_at($r)?,
            $($field: $value,)*
            note: $r.get("note")?,
            created_at: $r.get("created_at")?,
            updated_at: $r.get("updated_at")?,
            deleted_at: $r.get("deleted_at")?,
        }
    };
}

/// An entry's `local_time` and `utc_offset_min` as the backup's `taken_at`.
fn taken_at(r: &Row<'_>) -> Result<String> {
    let local: String = r.get("local_time")?;
    Ok(day::stored_instant(&local, r.get("utc_offset_min")?)?
        .to_rfc3339_opts(SecondsFormat::Secs, false))
}

impl Store {
    /// Every row of the diary as the JSON backup holds it (see [`Rows`]).
    pub(crate) fn archive_rows(&self) -> Result<Rows> {
        let conn = &self.conn;
        let settings: Option<Settings> = {
            let raw: Option<String> = conn
                .query_row("SELECT value FROM setting WHERE key = 'app'", [], |r| {
                    r.get("value")
                })
                .optional()?;
            match raw {
                None => None,
                Some(_) => Some(self.settings()?),
            }
        };
        let symptoms = conn
            .prepare(
                "SELECT key, label, instrument, position, archived
                 FROM symptom WHERE builtin = 0 ORDER BY instrument, position, key",
            )?
            .query_map([], |r| {
                let s = symptom_row(r)?;
                Ok(BackupSymptom {
                    key: s.key,
                    label: s.label,
                    instrument: s.instrument,
                    // Positions as written are kept within what an import accepts
                    // (0..=MAX_POSITION); the file's order is the diary's display order either way.
                    position: s.position.clamp(0, MAX_POSITION),
                    archived: s.archived,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let doses = every(conn, Entry::Dose, |r| {
            let unit: String = r.get("unit")?;
            let form: String = r.get("form")?;
            Ok(backup_row!(
                r,
                BackupDose {
                    amount_g: r.get::<_, i64>("amount_dg")? as f64 / 10.0,
                    amount_entered: r.get("amount_entered")?,
                    unit: Unit::parse(&unit)
                        .map_err(|_| Error::Corrupt(format!("stored unit {unit:?}")))?,
                    form: Form::parse(&form)
                        .map_err(|_| Error::Corrupt(format!("stored form {form:?}")))?,
                    product: r.get("product")?,
                    estimated: r.get("estimated")?,
                }
            ))
        })?;
        let mut items_of: std::collections::HashMap<i64, Vec<ItemScore>> = Default::default();
        let mut stmt = conn.prepare(
            "SELECT i.checkin_id, i.symptom_key, i.score FROM checkin_item i
             JOIN symptom s ON s.key = i.symptom_key ORDER BY i.checkin_id, s.position, s.key",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            items_of
                .entry(r.get("checkin_id")?)
                .or_default()
                .push(item_row(r)?);
        }
        let checkins = every(conn, Entry::Checkin, |r| {
            let id: i64 = r.get("id")?;
            Ok(backup_row!(
                r,
                BackupCheckIn {
                    instrument: r.get("instrument")?,
                    items: items_of.remove(&id).unwrap_or_default(),
                    craving: r.get("craving")?,
                    sleep_hours: r.get("sleep_hours")?,
                    sleep_quality: r.get("sleep_quality")?,
                    mood: r.get("mood")?,
                }
            ))
        })?;
        let medicines = every(conn, Entry::Medicine, |r| {
            Ok(backup_row!(
                r,
                BackupMedicine {
                    name: r.get("name")?,
                    amount: r.get("amount")?,
                    unit: r.get("unit")?,
                }
            ))
        })?;
        let created: std::collections::HashMap<i64, String> = conn
            .prepare("SELECT id, created_at FROM plan")?
            .query_map([], |r| Ok((r.get("id")?, r.get("created_at")?)))?
            .collect::<rusqlite::Result<_>>()?;
        let plans = self
            .plans()?
            .into_iter()
            .map(|p| BackupPlan {
                created_at: created.get(&p.id).cloned().unwrap_or_default(),
                params: p.params,
                versions: p.versions,
            })
            .collect();
        Ok(Rows {
            settings,
            symptoms,
            doses,
            checkins,
            medicines,
            plans,
        })
    }
}

/// The symptoms in a diary (`conn`), every instrument, archived ones too.
pub(crate) fn catalogue(conn: &Connection) -> Result<Vec<Symptom>> {
    Ok(conn
        .prepare("SELECT key, label, instrument, position, archived FROM symptom")?
        .query_map([], symptom_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The one number `sql` (`SELECT count(*) AS n …`) comes to.
fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [], |r| r.get("n"))?)
}

/// Whether the diary holds any entry, plan or custom symptom.
pub(crate) fn has_entries(conn: &Connection) -> Result<bool> {
    Ok(count(
        conn,
        "SELECT (SELECT count(*) FROM dose) + (SELECT count(*) FROM checkin)
              + (SELECT count(*) FROM medicine) + (SELECT count(*) FROM plan)
              + (SELECT count(*) FROM symptom WHERE builtin = 0) AS n",
    )? > 0)
}

/// Empties the diary for a replacing import, inside its transaction: every entry, plan,
/// setting and custom symptom goes (the built-in symptoms stay); the counts of what was
/// removed go into `s`.
pub(crate) fn clear_for_replace(tx: &Transaction<'_>, s: &mut ImportSummary) -> Result<()> {
    s.removed_doses = count(tx, "SELECT count(*) AS n FROM dose")?;
    s.removed_checkins = count(tx, "SELECT count(*) AS n FROM checkin")?;
    s.removed_medicines = count(tx, "SELECT count(*) AS n FROM medicine")?;
    s.removed_plans = count(tx, "SELECT count(*) AS n FROM plan")?;
    tx.execute_batch(
        "DELETE FROM checkin_item; DELETE FROM checkin; DELETE FROM dose; DELETE FROM medicine;
         DELETE FROM plan_version; DELETE FROM plan; DELETE FROM setting;
         DELETE FROM symptom WHERE builtin = 0;",
    )?;
    Ok(())
}
