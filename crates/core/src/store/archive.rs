//! The JSON backup's SQL: every table read as the backup's rows, and checked rows written into
//! the diary. The file format, its parsing and the rules rows pass are in `export::backup`,
//! which calls these; matching rows against the diary is `export::merge`.

use chrono::SecondsFormat;
use rusqlite::{Connection, OptionalExtension, Transaction};

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

fn instant(local: &str, offset: i32) -> Result<String> {
    Ok(day::stored_instant(local, offset)?.to_rfc3339_opts(SecondsFormat::Secs, false))
}

impl Store {
    /// Every row of the diary as the JSON backup holds it (see [`Rows`]).
    pub(crate) fn archive_rows(&self) -> Result<Rows> {
        let conn = &self.conn;
        let settings: Option<Settings> = {
            let raw: Option<String> = conn
                .query_row("SELECT value FROM setting WHERE key = 'app'", [], |r| {
                    r.get(0)
                })
                .optional()?;
            match raw {
                None => None,
                Some(_) => Some(self.settings()?),
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

/// Empties the diary for a replacing import, inside its transaction: every entry, plan,
/// setting and custom symptom goes (the built-in symptoms stay); the counts of what was
/// removed go into `s`.
pub(crate) fn clear_for_replace(tx: &Transaction<'_>, s: &mut ImportSummary) -> Result<()> {
    s.removed_doses = count(tx, "SELECT count(*) FROM dose")?;
    s.removed_checkins = count(tx, "SELECT count(*) FROM checkin")?;
    s.removed_medicines = count(tx, "SELECT count(*) FROM medicine")?;
    s.removed_plans = count(tx, "SELECT count(*) FROM plan")?;
    tx.execute_batch(
        "DELETE FROM checkin_item; DELETE FROM checkin; DELETE FROM dose; DELETE FROM medicine;
         DELETE FROM plan_version; DELETE FROM plan; DELETE FROM setting;
         DELETE FROM symptom WHERE builtin = 0;",
    )?;
    Ok(())
}
