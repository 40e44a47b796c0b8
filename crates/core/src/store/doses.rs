//! Kratom doses (`dose`): saved, edited, deleted softly, read by id or by diary days, and
//! the usual amounts and product names offered when logging.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::{named_params, OptionalExtension, Row};

use super::entries::{self, Entry, Fields, Params, Taken};
use super::{now_text, Store};
use crate::dose::{Dose, DoseInput, Form, SavedAmount, Unit, ValidDose};
use crate::error::{Error, Result};
use crate::settings::{QuickAmount, MAX_QUICK};

impl ToSql for Unit {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl ToSql for Form {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl Fields for ValidDose {
    const ENTRY: Entry = Entry::Dose;

    fn taken_at(&self) -> &DateTime<FixedOffset> {
        &self.taken_at
    }

    fn fields(&self) -> Params<'_> {
        named_params! {
            ":amount_dg": self.amount_dg,
            ":amount_entered": self.amount_entered,
            ":unit": self.unit,
            ":form": self.form,
            ":product": self.product,
            ":estimated": self.estimated,
            ":note": self.note,
        }
        .to_vec()
    }
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
            valid
                .iter()
                .map(|v| entries::insert(tx, v, &stamp))
                .collect()
        })
    }

    /// Saves an edit of a live dose. The dose keeps the grams it was saved with unless the
    /// amount or unit is edited ([`DoseInput::validate_edit`]). `Error::NotFound` when there
    /// is no such live dose.
    pub fn update_dose(&mut self, id: i64, input: &DoseInput, now: DateTime<Utc>) -> Result<Dose> {
        self.update_dose_from(id, None, input, now)
    }

    /// [`Store::update_dose`] of an edit begun when the dose was at `seen` (its
    /// [`Dose::version`] then): refused, changing nothing, if the dose changed since.
    pub fn update_dose_from(
        &mut self,
        id: i64,
        seen: Option<&str>,
        input: &DoseInput,
        now: DateTime<Utc>,
    ) -> Result<Dose> {
        let saved = self
            .conn
            .prepare_cached(
                "SELECT amount_entered, unit, amount_dg FROM dose WHERE id = :id AND deleted_at IS NULL",
            )?
            .query_row(named_params! {":id": id}, |r| {
                Ok((
                    r.get::<_, f64>("amount_entered")?,
                    r.get::<_, String>("unit")?,
                    r.get("amount_dg")?,
                ))
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
            entries::unchanged_since(tx, Entry::Dose, id, seen)?;
            entries::update(tx, id, &v, &now_text(now), false)
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
        self.live(Entry::Dose, id, dose_row)
    }

    /// Doses of the diary days `from..=to`, oldest first.
    pub fn doses_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Dose>> {
        self.live_between(Entry::Dose, (from, to), false, dose_row)
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
             LIMIT :most",
        )?;
        let rows = stmt.query_map(named_params! {":most": MAX_QUICK as i64}, |r| {
            Ok((r.get::<_, i64>("amount_dg")?, r.get::<_, String>("form")?))
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
        let rows = stmt.query_map([], |r| r.get("product"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn stored_form(text: &str) -> Result<Form> {
    Form::parse(text).map_err(|_| Error::Corrupt(format!("stored form “{text}”")))
}

fn stored_unit(text: &str) -> Result<Unit> {
    Unit::parse(text).map_err(|_| Error::Corrupt(format!("stored unit “{text}”")))
}

fn dose_row(r: &Row<'_>, day_start: u8) -> Result<Dose> {
    let taken = Taken::of(r, day_start)?;
    Ok(Dose {
        id: r.get("id")?,
        version: entries::version(r, Entry::Dose)?,
        amount_g: r.get::<_, i64>("amount_dg")? as f64 / 10.0,
        amount_entered: r.get("amount_entered")?,
        unit: stored_unit(&r.get::<_, String>("unit")?)?,
        taken_at: taken.at,
        local_time: taken.local_time,
        day: taken.day,
        form: stored_form(&r.get::<_, String>("form")?)?,
        product: r.get("product")?,
        estimated: r.get("estimated")?,
        note: r.get("note")?,
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
                r.get("taken_at_utc")?,
                r.get("amount_dg")?,
                r.get("unit")?,
                r.get("form")?,
                r.get("product")?,
                breaks(r.get("note")?),
            );
            *diary.entry(key).or_insert(0) += 1;
        }
    }
    let (mut added, mut skipped) = (0, 0);
    for v in valid {
        let key = (
            now_text(v.taken_at.with_timezone(&Utc)),
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
        entries::insert(tx, v, stamp)?;
        added += 1;
    }
    Ok((added, skipped))
}
