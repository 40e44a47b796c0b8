//! The symptom catalogue (`symptom`): the kratom checklist, SOWS and COWS items, and the
//! user's own symptoms.

use rusqlite::{named_params, OptionalExtension, Row, Transaction};

use super::{next_position, positions, Store};
use crate::error::{Error, Result};
use crate::instrument;
use crate::symptom::{custom_key_stem, valid_label, Symptom, KRATOM};

impl Store {
    /// The kratom checklist in display order: the built-in items and the user's own, archived
    /// ones included (old check-ins use them). SOWS and COWS items are in
    /// [`Store::all_symptoms`].
    pub fn symptoms(&self) -> Result<Vec<Symptom>> {
        self.symptoms_of(KRATOM)
    }

    /// The catalogue items of one instrument ("kratom", "sows", "cows") in display order,
    /// archived ones included.
    pub fn symptoms_of(&self, instrument: &str) -> Result<Vec<Symptom>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, label, instrument, position, archived FROM symptom
             WHERE instrument = :instrument ORDER BY position, key",
        )?;
        let rows = stmt.query_map(named_params! {":instrument": instrument}, symptom_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The whole catalogue, every instrument: the kratom checklist first, then SOWS and COWS,
    /// each in display order, archived items included.
    pub fn all_symptoms(&self) -> Result<Vec<Symptom>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, label, instrument, position, archived FROM symptom ORDER BY position, key",
        )?;
        let mut list = stmt
            .query_map([], symptom_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rank = |s: &Symptom| {
            instrument::ALL
                .iter()
                .position(|i| i.key == s.instrument)
                .unwrap_or(instrument::ALL.len())
        };
        list.sort_by_key(rank);
        Ok(list)
    }

    /// Adds one of the user's own symptoms to the end of the kratom checklist, rated 0-4 like
    /// the others. The label is trimmed, 1-60 characters, and must differ from every symptom
    /// in use (archived ones aside). The key is made from the label: `custom_headache`, then
    /// `custom_headache_2`...
    pub fn add_symptom(&mut self, label: &str) -> Result<Symptom> {
        let label = valid_label(label)?;
        let key = self.write(|tx| {
            label_is_free(tx, &label, None)?;
            let stem = custom_key_stem(&label);
            let mut key = stem.clone();
            let mut n = 1;
            while tx
                .prepare_cached("SELECT 1 FROM symptom WHERE key = :key")?
                .exists(named_params! {":key": key})?
            {
                n += 1;
                key = format!("{stem}_{n}");
            }
            tx.execute(
                "INSERT INTO symptom (key, label, instrument, position, builtin, archived)
                 VALUES (:key, :label, :instrument, :position, 0, 0)",
                named_params! {
                    ":key": key,
                    ":label": label,
                    ":instrument": KRATOM,
                    ":position": next_position(tx, KRATOM)?,
                },
            )?;
            Ok(key)
        })?;
        self.symptom(&key)
    }

    /// Renames one of the user's own symptoms. Built-in items keep their labels so old
    /// check-ins keep their meaning.
    pub fn rename_symptom(&mut self, key: &str, label: &str) -> Result<Symptom> {
        let label = valid_label(label)?;
        self.write(|tx| {
            let current = custom_symptom(tx, key, "renamed")?;
            label_is_free(tx, &label, Some(&current.key))?;
            tx.execute(
                "UPDATE symptom SET label = :label WHERE key = :key",
                named_params! {":label": label, ":key": key},
            )?;
            Ok(())
        })?;
        self.symptom(key)
    }

    /// Archives one of the user's own symptoms (it leaves the form; old check-ins and charts
    /// keep it), or brings it back with `archived` false.
    pub fn archive_symptom(&mut self, key: &str, archived: bool) -> Result<Symptom> {
        self.write(|tx| {
            let current = custom_symptom(tx, key, "archived")?;
            if current.archived && !archived {
                label_is_free(tx, &current.label, Some(&current.key))?;
            }
            tx.execute(
                "UPDATE symptom SET archived = :archived WHERE key = :key",
                named_params! {":archived": archived, ":key": key},
            )?;
            Ok(())
        })?;
        self.symptom(key)
    }

    /// One catalogue item by key, archived or not.
    pub fn symptom(&self, key: &str) -> Result<Symptom> {
        self.conn
            .prepare_cached(
                "SELECT key, label, instrument, position, archived FROM symptom WHERE key = :key",
            )?
            .query_row(named_params! {":key": key}, symptom_row)
            .optional()?
            .ok_or(Error::NotFound { what: "symptom" })
    }
}

/// A catalogue item from a row's `key`, `label`, `instrument`, `position` and `archived`.
pub(super) fn symptom_row(r: &Row<'_>) -> rusqlite::Result<Symptom> {
    Ok(Symptom {
        key: r.get("key")?,
        label: r.get("label")?,
        instrument: r.get("instrument")?,
        position: positions::stored_position(r, "position")?,
        archived: r.get("archived")?,
    })
}

/// Refuses a label that a kratom checklist item in use already has (letter case aside).
fn label_is_free(tx: &Transaction<'_>, label: &str, except_key: Option<&str>) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT key, label FROM symptom WHERE instrument = :instrument AND archived = 0",
    )?;
    let taken = stmt
        .query_map(named_params! {":instrument": KRATOM}, |r| {
            Ok((r.get::<_, String>("key")?, r.get::<_, String>("label")?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .any(|(key, other)| {
            Some(key.as_str()) != except_key && other.to_lowercase() == label.to_lowercase()
        });
    if taken {
        return Err(Error::invalid(
            "label",
            format!("There is already a symptom called “{label}”."),
        ));
    }
    Ok(())
}

/// The user-added symptom `key`; built-in items are refused (they keep their names and stay).
fn custom_symptom(tx: &Transaction<'_>, key: &str, done: &str) -> Result<Symptom> {
    let row = tx
        .prepare_cached(
            "SELECT key, label, instrument, position, archived, builtin FROM symptom WHERE key = :key",
        )?
        .query_row(named_params! {":key": key}, |r| {
            Ok((symptom_row(r)?, r.get::<_, bool>("builtin")?))
        })
        .optional()?;
    match row {
        None => Err(Error::NotFound { what: "symptom" }),
        Some((s, true)) => Err(Error::invalid(
            "key",
            format!(
                "“{}” is built in, so it cannot be {done}: built-in symptoms stay as they are so old check-ins keep their meaning. Add your own symptom instead.",
                s.label
            ),
        )),
        Some((s, false)) => Ok(s),
    }
}
