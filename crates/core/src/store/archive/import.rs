//! Writing a JSON backup's checked rows into the diary: settings, custom symptoms, doses,
//! check-ins with their items, medicine entries, plans and their versions.

use std::collections::{HashMap, HashSet};

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{named_params, Row, ToSql, Transaction};

use crate::archive::merge::{stamps_of, Diary, Fate, Stamps};
use crate::archive::Checked;
use crate::archive::{BackupPlan, EntryKind, ImportSummary};
use crate::checkin::{ItemScore, ValidCheckIn};
use crate::dose::ValidDose;
use crate::error::{Error, Result};
use crate::medicine::ValidMedicine;
use crate::store::checkins::{clear_items, insert_items};
use crate::store::entries::{each, every, Fields, Params, StoredTime};
use crate::store::next_position;
use crate::store::plans::{insert_plan, insert_version, json};
use crate::symptom::KRATOM;
use crate::uid::new_uid;

/// Writes the rows of a backup, checked against the diary (`checked`), and its `plans` inside
/// the import's transaction: each row of the file meets the diary's entries as they were
/// before the import (see `export::merge`). What became of each row is counted in `s`.
pub(crate) fn write_rows(
    tx: &Transaction<'_>,
    checked: &Checked,
    plans: &[BackupPlan],
    s: &mut ImportSummary,
) -> Result<()> {
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
                "INSERT INTO setting (key, value) VALUES ('app', :value)",
                named_params! {":value": json},
            )?;
            s.settings_imported = true;
        }
    }
    // Custom symptoms, by key, after the diary's own (positions stay in 0..=MAX_POSITION).
    let mut known: HashSet<String> = tx
        .prepare("SELECT key FROM symptom")?
        .query_map([], |r| r.get("key"))?
        .collect::<rusqlite::Result<_>>()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO symptom (key, label, instrument, position, builtin, archived)
             VALUES (:key, :label, :instrument, :position, 0, :archived)",
        )?;
        // Names in use on the checklist (case aside): an added symptom of the same name as
        // another in use gets a free one ("Headache (2)"), as the form could not tell them apart.
        let mut in_use: HashSet<String> = tx
            .prepare("SELECT label FROM symptom WHERE instrument = :instrument AND archived = 0")?
            .query_map(named_params! {":instrument": KRATOM}, |r| {
                r.get::<_, String>("label")
            })?
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
            insert.execute(named_params! {
                ":key": sym.key,
                ":label": label,
                ":instrument": sym.instrument,
                ":position": position,
                ":archived": sym.archived,
            })?;
            known.insert(sym.key.clone());
            s.added_symptoms += 1;
        }
    }
    // Doses, check-ins and other medicines: each row of the file meets the diary's entries as
    // they were before the import (see crate::archive::merge).
    write_entries(tx, &checked.doses, s)?;
    write_entries(tx, &checked.checkins, s)?;
    write_entries(tx, &checked.medicines, s)?;
    // Plans and their versions.
    {
        let mut existing: Vec<(i64, String, String)> = tx
            .prepare("SELECT id, params, created_at FROM plan")?
            .query_map([], |r| {
                Ok((r.get("id")?, r.get("params")?, r.get("created_at")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for p in plans {
            let params_json = json(&p.params)?;
            let found = existing
                .iter()
                .find(|(_, params, created)| *params == params_json && *created == p.created_at)
                .map(|(id, _, _)| *id);
            let id = match found {
                Some(id) => id,
                None => {
                    let id = insert_plan(tx, &params_json, &p.created_at)?;
                    existing.push((id, params_json.clone(), p.created_at.clone()));
                    s.added_plans += 1;
                    id
                }
            };
            for v in &p.versions {
                let there = tx
                    .prepare_cached(
                        "SELECT 1 FROM plan_version WHERE plan_id = :id AND version = :version",
                    )?
                    .exists(named_params! {":id": id, ":version": v.version})?;
                if there {
                    s.already_there += 1;
                    continue;
                }
                insert_version(tx, id, v)?;
                s.added_plan_versions += 1;
            }
        }
    }
    Ok(())
}

/// What an import does for one kind of entry besides its own columns: where its additions
/// are counted, and a check-in's scores.
trait Imported: Fields {
    const KIND: EntryKind;

    /// The count of entries of this kind added.
    fn added(s: &mut ImportSummary) -> &mut u32;

    /// What is compared besides the entry's row (a check-in's scores), as text.
    fn extra(&self) -> String {
        String::new()
    }

    /// [`Self::extra`] of each diary entry of this kind, by id.
    fn diary_extra(_tx: &Transaction<'_>) -> Result<HashMap<i64, String>> {
        Ok(HashMap::new())
    }

    /// Writes what belongs with the entry `id` just written (`replaced`: over an older version).
    fn write_extra(&self, _tx: &Transaction<'_>, _id: i64, _replaced: bool) -> Result<()> {
        Ok(())
    }
}

impl Imported for ValidDose {
    const KIND: EntryKind = EntryKind::Dose;

    fn added(s: &mut ImportSummary) -> &mut u32 {
        &mut s.added_doses
    }
}

impl Imported for ValidMedicine {
    const KIND: EntryKind = EntryKind::Medicine;

    fn added(s: &mut ImportSummary) -> &mut u32 {
        &mut s.added_medicines
    }
}

impl Imported for ValidCheckIn {
    const KIND: EntryKind = EntryKind::Checkin;

    fn added(s: &mut ImportSummary) -> &mut u32 {
        &mut s.added_checkins
    }

    fn extra(&self) -> String {
        let mut items: Vec<&ItemScore> = self.items.iter().collect();
        items.sort_by(|a, b| a.key.cmp(&b.key));
        items
            .iter()
            .map(|it| format!("{}={};", it.key, it.score))
            .collect()
    }

    fn diary_extra(tx: &Transaction<'_>) -> Result<HashMap<i64, String>> {
        let mut items_of: HashMap<i64, String> = HashMap::new();
        let mut stmt = tx.prepare(
            "SELECT checkin_id, symptom_key, score FROM checkin_item ORDER BY checkin_id, symptom_key",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let text = items_of.entry(r.get("checkin_id")?).or_default();
            text.push_str(&format!(
                "{}={};",
                r.get::<_, String>("symptom_key")?,
                r.get::<_, i64>("score")?
            ));
        }
        Ok(items_of)
    }

    fn write_extra(&self, tx: &Transaction<'_>, id: i64, replaced: bool) -> Result<()> {
        if replaced {
            clear_items(tx, id)?;
        }
        insert_items(tx, id, &self.items)
    }
}

/// The stamps' columns, after the ones a save writes (`Entry::written`): with them, a row's
/// whole version.
const STAMPS: [&str; 3] = ["created_at", "updated_at", "deleted_at"];

/// Writes the checked `rows` of one kind of entry: each meets the diary's entries of its kind
/// as they were before the import, and is added, written over an older version, or left out.
fn write_entries<V: Imported>(
    tx: &Transaction<'_>,
    rows: &[(V, Stamps)],
    s: &mut ImportSummary,
) -> Result<()> {
    let e = V::ENTRY;
    let version: Vec<&str> = e.written().chain(STAMPS).collect();
    let mut diary = Diary::default();
    let mut extra = V::diary_extra(tx)?;
    every(tx, e, |r| {
        let id: i64 = r.get("id")?;
        let key = row_text(r, e.match_columns(), "")?;
        let items = extra.remove(&id).unwrap_or_default();
        diary.insert(id, &stamps_of(r)?, key, row_text(r, &version, &items)?);
        Ok(())
    })?;
    let mut insert = tx.prepare(&format!(
        "INSERT INTO {} ({}, uid) VALUES ({}, :uid)",
        e.table(),
        each(version.iter().copied(), "{c}", ", "),
        each(version.iter().copied(), ":{c}", ", "),
    ))?;
    let mut update = tx.prepare(&format!(
        "UPDATE {} SET {} WHERE id = :id",
        e.table(),
        each(version.iter().copied(), "{c} = :{c}", ", "),
    ))?;
    for (v, at) in rows {
        let time = StoredTime::of(v.taken_at());
        let mut values = time.with(v);
        values.extend(named_params! {
            ":created_at": at.created_at,
            ":updated_at": at.updated_at,
            ":deleted_at": at.deleted_at,
        });
        let key = values_text(&values, e.match_columns(), "")?;
        let fate = diary.fate(at, &key, &values_text(&values, &version, &v.extra())?);
        let written = match fate {
            Fate::Add => {
                let uid = at.uid.clone().unwrap_or_else(new_uid);
                let mut values = values.clone();
                values.push((":uid", &uid));
                insert.execute(values.as_slice())?;
                *V::added(s) += 1;
                Some((tx.last_insert_rowid(), false))
            }
            Fate::Update(id) => {
                let mut values = values.clone();
                values.push((":id", &id));
                update.execute(values.as_slice())?;
                Some((id, true))
            }
            _ => None,
        };
        if let Some((id, replaced)) = written {
            v.write_extra(tx, id, replaced)?;
        }
        s.count(fate, V::KIND);
    }
    Ok(())
}

/// A row's version as text: the values of its `columns`, as SQLite holds them, then `extra`
/// (a check-in's item scores). The same for a row of the file ([`values_text`]) and a row of
/// the diary ([`row_text`]), so equal versions give equal text; with an entry's
/// `Entry::match_columns`, the content a row without an identity is matched by.
fn text_of(values: impl Iterator<Item = Result<Value>>, extra: &str) -> Result<String> {
    let mut out = String::new();
    for value in values {
        out.push_str(&format!("{:?}\u{1f}", value?));
    }
    out.push_str(extra);
    Ok(out)
}

/// [`text_of`] a row of the file, from its named parameters.
fn values_text(values: &Params<'_>, columns: &[&str], extra: &str) -> Result<String> {
    let value = |column: &str| -> Result<Value> {
        let (_, v) = values
            .iter()
            .find(|(name, _)| name.strip_prefix(':') == Some(column))
            .ok_or_else(|| Error::Storage(format!("no value for the column {column}")))?;
        Ok(match v.to_sql() {
            Ok(ToSqlOutput::Borrowed(r)) => Value::from(r),
            Ok(ToSqlOutput::Owned(v)) => v,
            _ => Value::Null,
        })
    };
    text_of(columns.iter().map(|c| value(c)), extra)
}

/// [`text_of`] a row of the diary.
fn row_text(r: &Row<'_>, columns: &[&str], extra: &str) -> Result<String> {
    text_of(columns.iter().map(|c| Ok(r.get::<_, Value>(*c)?)), extra)
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
