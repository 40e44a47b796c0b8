//! Other medicines and substances (`medicine`): saved, edited, deleted softly, read by id or
//! by diary days, and the names used before.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Row};

use super::{found, now_text, Entry, Store};
use crate::day::{self, day_range, diary_day, local_display, local_text, offset_minutes};
use crate::error::{Error, Result};
use crate::medicine::{Medicine, MedicineInput, ValidMedicine};
use crate::uid::new_uid;

macro_rules! medicine_columns {
    () => {
        "id, local_time, utc_offset_min, name, amount, unit, note"
    };
}

impl Store {
    pub fn add_medicine(&mut self, input: &MedicineInput, now: DateTime<Utc>) -> Result<Medicine> {
        let v = input.validate(now)?;
        let id = self.write(|tx| {
            let stamp = now_text(now);
            let [a, b, c, d, e, f, g] = medicine_params(&v);
            Ok(tx
                .prepare_cached(
                    "INSERT INTO medicine (taken_at_utc, local_time, utc_offset_min, name, amount, unit,
                                           note, created_at, updated_at, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                )?
                .insert(rusqlite::params_from_iter([
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    g,
                    Box::new(stamp),
                    Box::new(new_uid()),
                ]))?)
        })?;
        self.medicine(id)
    }

    pub fn update_medicine(
        &mut self,
        id: i64,
        input: &MedicineInput,
        now: DateTime<Utc>,
    ) -> Result<Medicine> {
        let v = input.validate(now)?;
        self.write(|tx| {
            let [a, b, c, d, e, f, g] = medicine_params(&v);
            let n = tx.execute(
                // `updated_at` moves only when something changed (SET reads the row as it was).
                "UPDATE medicine SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, name = ?4,
                        amount = ?5, unit = ?6, note = ?7,
                        updated_at = CASE WHEN taken_at_utc IS NOT ?1 OR local_time IS NOT ?2
                            OR utc_offset_min IS NOT ?3 OR name IS NOT ?4 OR amount IS NOT ?5
                            OR unit IS NOT ?6 OR note IS NOT ?7 THEN ?8 ELSE updated_at END
                 WHERE id = ?9 AND deleted_at IS NULL",
                rusqlite::params_from_iter([
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    g,
                    Box::new(now_text(now)),
                    Box::new(id),
                ]),
            )?;
            found(n, "medicine entry")
        })?;
        self.medicine(id)
    }

    /// Marks a medicine entry deleted; [`Store::restore_medicine`] undoes it. Nothing is erased.
    pub fn delete_medicine(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_deleted(Entry::Medicine, id, true, now)
    }

    pub fn restore_medicine(&mut self, id: i64, now: DateTime<Utc>) -> Result<Medicine> {
        self.set_deleted(Entry::Medicine, id, false, now)?;
        self.medicine(id)
    }

    pub fn medicine(&self, id: i64) -> Result<Medicine> {
        let start = self.settings()?.day_start_hour;
        self.conn
            .prepare_cached(concat!(
                "SELECT ",
                medicine_columns!(),
                " FROM medicine WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], |r| Ok(medicine_row(r, start)))
            .optional()?
            .ok_or(Error::NotFound {
                what: "medicine entry",
            })?
    }

    /// Medicines and other substances of the diary days `from..=to`, oldest first.
    pub fn medicines_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Medicine>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            medicine_columns!(),
            " FROM medicine WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             ORDER BY local_time, id"
        ))?;
        let rows = stmt.query_map([a, b], |r| Ok(medicine_row(r, start)))?;
        rows.map(|r| r?).collect()
    }

    /// Medicine names used before, most recent first (for autocomplete).
    pub fn medicine_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM medicine WHERE deleted_at IS NULL
             GROUP BY name ORDER BY max(local_time) DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn medicine_params(v: &ValidMedicine) -> [Box<dyn rusqlite::ToSql>; 7] {
    [
        Box::new(now_text(v.taken_at.with_timezone(&Utc))),
        Box::new(local_text(&v.taken_at)),
        Box::new(offset_minutes(&v.taken_at)),
        Box::new(v.name.clone()),
        Box::new(v.amount),
        Box::new(v.unit.clone()),
        Box::new(v.note.clone()),
    ]
}

fn medicine_row(r: &Row<'_>, day_start: u8) -> Result<Medicine> {
    let local: String = r.get(1)?;
    let instant = day::stored_instant(&local, r.get(2)?)?;
    let naive = instant.naive_local();
    Ok(Medicine {
        id: r.get(0)?,
        taken_at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
        local_time: local_display(naive),
        day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        name: r.get(3)?,
        amount: r.get(4)?,
        unit: r.get(5)?,
        note: r.get(6)?,
    })
}
