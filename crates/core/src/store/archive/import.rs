//! Writing a JSON backup's checked rows into the diary: settings, custom symptoms, doses,
//! check-ins with their items, medicine entries, plans and their versions.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{params, Transaction};
use serde::Serialize;

use crate::archive::merge::{stamps_at, Diary, Fate};
use crate::archive::Checked;
use crate::archive::{BackupPlan, EntryKind, ImportSummary};
use crate::checkin::ItemScore;
use crate::day::{local_text, offset_minutes};
use crate::error::{Error, Result};
use crate::store::{next_position, now_text, PlanChange};
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
        for p in plans {
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
    Ok(())
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
