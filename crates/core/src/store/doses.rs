//! Kratom doses (`dose`): saved, edited, deleted softly, read by id or by diary days, and
//! the usual amounts and product names offered when logging.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, Row};

use super::{found, now_text, Entry, Store};
use crate::day::{self, day_range, diary_day, local_display, local_text, offset_minutes};
use crate::dose::{Dose, DoseInput, Form, SavedAmount, Unit, ValidDose};
use crate::error::{Error, Result};
use crate::settings::{QuickAmount, MAX_QUICK};
use crate::uid::new_uid;

macro_rules! dose_columns {
    () => {
        "id, local_time, utc_offset_min, amount_dg, amount_entered, unit, form, product, estimated, note"
    };
}

impl Store {
    pub fn add_dose(&mut self, input: &DoseInput, now: DateTime<Utc>) -> Result<Dose> {
        let id = self.add_doses(std::slice::from_ref(input), now)?;
        self.dose(id[0])
    }

    /// Saves many doses in one transaction: every one is checked first, and one bad input
    /// saves none of them. Returns the new ids in input order.
    pub fn add_doses(&mut self, inputs: &[DoseInput], now: DateTime<Utc>) -> Result<Vec<i64>> {
        let settings = self.settings()?;
        let valid = inputs
            .iter()
            .map(|i| i.validate(&settings, now))
            .collect::<Result<Vec<_>>>()?;
        let stamp = now_text(now);
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered,
                                   unit, form, product, estimated, note, created_at, updated_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
            )?;
            valid
                .iter()
                .map(|v| {
                    let [a, b, c, d, e, f, g, h, i, j, k] = dose_params(v, &stamp);
                    let uid: Box<dyn rusqlite::ToSql> = Box::new(new_uid());
                    Ok(stmt.insert(rusqlite::params_from_iter([
                        a, b, c, d, e, f, g, h, i, j, k, uid,
                    ]))?)
                })
                .collect()
        })
    }

    /// Saves an edit of a live dose. The dose keeps the grams it was saved with unless the
    /// amount or unit is edited ([`DoseInput::validate_edit`]). `Error::NotFound` when there
    /// is no such live dose.
    pub fn update_dose(&mut self, id: i64, input: &DoseInput, now: DateTime<Utc>) -> Result<Dose> {
        let saved = self
            .conn
            .prepare_cached(
                "SELECT amount_entered, unit, amount_dg FROM dose WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .query_row([id], |r| {
                Ok((r.get::<_, f64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or(Error::NotFound { what: "dose" })?;
        let saved = SavedAmount {
            entered: saved.0,
            unit: Unit::parse(&saved.1)
                .map_err(|_| Error::Corrupt(format!("stored unit {:?}", saved.1)))?,
            amount_dg: saved.2,
        };
        let v = input.validate_edit(&self.settings()?, now, Some(saved))?;
        self.write(|tx| {
            let [a, b, c, d, e, f, g, h, i, j, k] = dose_params(&v, &now_text(now));
            let n = tx.execute(
                // `updated_at` moves only when something changed (SET reads the row as it was):
                // saving an edit that changes nothing must not win a later merge.
                "UPDATE dose SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, amount_dg = ?4,
                        amount_entered = ?5, unit = ?6, form = ?7, product = ?8, estimated = ?9, note = ?10,
                        updated_at = CASE WHEN taken_at_utc IS NOT ?1 OR local_time IS NOT ?2
                            OR utc_offset_min IS NOT ?3 OR amount_dg IS NOT ?4 OR amount_entered IS NOT ?5
                            OR unit IS NOT ?6 OR form IS NOT ?7 OR product IS NOT ?8 OR estimated IS NOT ?9
                            OR note IS NOT ?10 THEN ?11 ELSE updated_at END
                 WHERE id = ?12 AND deleted_at IS NULL",
                rusqlite::params_from_iter([a, b, c, d, e, f, g, h, i, j, k, Box::new(id)]),
            )?;
            found(n, "dose")
        })?;
        self.dose(id)
    }

    /// Marks a dose deleted; [`Store::restore_dose`] undoes it. Nothing is erased.
    pub fn delete_dose(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_deleted(Entry::Dose, id, true, now)
    }

    pub fn restore_dose(&mut self, id: i64, now: DateTime<Utc>) -> Result<Dose> {
        self.set_deleted(Entry::Dose, id, false, now)?;
        self.dose(id)
    }

    pub fn dose(&self, id: i64) -> Result<Dose> {
        let start = self.settings()?.day_start_hour;
        self.conn
            .prepare_cached(concat!(
                "SELECT ",
                dose_columns!(),
                " FROM dose WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], |r| Ok(dose_row(r, start)))
            .optional()?
            .ok_or(Error::NotFound { what: "dose" })?
    }

    /// Doses of the diary days `from..=to`, oldest first.
    pub fn doses_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Dose>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            dose_columns!(),
            " FROM dose WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             ORDER BY local_time, id"
        ))?;
        let rows = stmt.query_map([a, b], |r| Ok(dose_row(r, start)))?;
        rows.map(|r| r?).collect()
    }

    /// The most frequent amounts among the last 60 doses, with their form: quick-log buttons.
    /// The user's own list from Settings wins when set.
    pub fn usual_amounts(&self) -> Result<Vec<QuickAmount>> {
        if let Some(list) = self.settings()?.quick_amounts {
            return Ok(list);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT amount_dg, form FROM (
                 SELECT amount_dg, form, local_time FROM dose WHERE deleted_at IS NULL
                 ORDER BY local_time DESC LIMIT 60)
             GROUP BY amount_dg, form
             ORDER BY count(*) DESC, max(local_time) DESC
             LIMIT ?1",
        )?;
        let rows = stmt.query_map([MAX_QUICK as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|r| {
            let (dg, form) = r?;
            Ok(QuickAmount {
                amount_g: dg as f64 / 10.0,
                form: stored_form(&form)?,
            })
        })
        .collect()
    }

    /// Product names used before, most recent first (for autocomplete).
    pub fn products(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT product FROM dose WHERE deleted_at IS NULL AND product IS NOT NULL
             GROUP BY product ORDER BY max(local_time) DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn dose_params(v: &ValidDose, stamp: &str) -> [Box<dyn rusqlite::ToSql>; 11] {
    [
        Box::new(now_text(v.taken_at.with_timezone(&Utc))),
        Box::new(local_text(&v.taken_at)),
        Box::new(offset_minutes(&v.taken_at)),
        Box::new(v.amount_dg),
        Box::new(v.amount_entered),
        Box::new(v.unit.as_str()),
        Box::new(v.form.as_str()),
        Box::new(v.product.clone()),
        Box::new(v.estimated),
        Box::new(v.note.clone()),
        Box::new(stamp.to_owned()),
    ]
}

fn stored_form(text: &str) -> Result<Form> {
    Form::parse(text).map_err(|_| Error::Corrupt(format!("stored form “{text}”")))
}

fn stored_unit(text: &str) -> Result<Unit> {
    Unit::parse(text).map_err(|_| Error::Corrupt(format!("stored unit “{text}”")))
}

fn dose_row(r: &Row<'_>, day_start: u8) -> Result<Dose> {
    let local: String = r.get(1)?;
    let instant = day::stored_instant(&local, r.get(2)?)?;
    let naive = instant.naive_local();
    Ok(Dose {
        id: r.get(0)?,
        amount_g: r.get::<_, i64>(3)? as f64 / 10.0,
        amount_entered: r.get(4)?,
        unit: stored_unit(&r.get::<_, String>(5)?)?,
        taken_at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
        local_time: local_display(naive),
        day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        form: stored_form(&r.get::<_, String>(6)?)?,
        product: r.get(7)?,
        estimated: r.get(8)?,
        note: r.get(9)?,
    })
}

impl Store {
    /// The SQL of a spreadsheet import (see [`import_rows`]): for real, or with `preview` in a
    /// transaction that is rolled back. Returns (added, skipped as already in the diary).
    pub(crate) fn add_new_doses(
        &mut self,
        valid: &[ValidDose],
        now: DateTime<Utc>,
        preview: bool,
    ) -> Result<(u32, u32)> {
        let stamp = now_text(now);
        if !preview {
            return self.write(|tx| import_rows(tx, valid, &stamp));
        }
        let tx = self
            .conn_mut()
            .transaction_with_behavior(rusqlite::TransactionBehavior::Deferred)?;
        let counts = import_rows(&tx, valid, &stamp);
        tx.rollback()?;
        counts
    }
}

/// Adds the doses of `valid` that the diary does not already hold, in one IMMEDIATE transaction
/// (or, with `preview`, one that is rolled back): a dose identical to one in the diary (same
/// instant, grams, unit, form, product and note; line breaks compared as `\n`) is skipped, each
/// dose of the diary standing for one row at most; rows are never compared with each other.
/// Returns (added, skipped).
fn import_rows(
    tx: &rusqlite::Transaction<'_>,
    valid: &[ValidDose],
    stamp: &str,
) -> Result<(u32, u32)> {
    let breaks = |note: Option<String>| {
        note.map(|n| {
            if n.contains('\r') {
                n.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                n
            }
        })
    };

    type Key = (String, i64, String, String, Option<String>, Option<String>);
    // How many doses of the diary have each content.
    let mut diary: HashMap<Key, u32> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT taken_at_utc, amount_dg, unit, form, product, note FROM dose")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key = (
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                breaks(r.get(5)?),
            );
            *diary.entry(key).or_insert(0) += 1;
        }
    }
    let mut insert = tx.prepare(
        "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered,
                               unit, form, product, estimated, note, created_at, updated_at, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
    )?;
    let (mut added, mut skipped) = (0, 0);
    for v in valid {
        let utc = now_text(v.taken_at.with_timezone(&Utc));
        let key = (
            utc.clone(),
            v.amount_dg,
            v.unit.as_str().to_owned(),
            v.form.as_str().to_owned(),
            v.product.clone(),
            breaks(v.note.clone()),
        );
        if let Some(n) = diary.get_mut(&key).filter(|n| **n > 0) {
            *n -= 1;
            skipped += 1;
            continue;
        }
        insert.execute(params![
            utc,
            local_text(&v.taken_at),
            offset_minutes(&v.taken_at),
            v.amount_dg,
            v.amount_entered,
            v.unit.as_str(),
            v.form.as_str(),
            v.product,
            v.estimated,
            v.note,
            stamp,
            new_uid()
        ])?;
        added += 1;
    }
    Ok((added, skipped))
}
