//! Check-ins (`checkin`, with their scores in `checkin_item`): saved, edited, deleted softly,
//! read by id or by diary days with their items and totals.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{found, now_text, Entry, Store};
use crate::checkin::{
    band_and_complete, score_summary, CheckIn, CheckInInput, ItemScore, ValidCheckIn,
};
use crate::day::{self, day_range, diary_day, local_display, local_text, offset_minutes};
use crate::error::{Error, Result};
use crate::uid::new_uid;

macro_rules! checkin_columns {
    () => {
        "id, local_time, utc_offset_min, craving, sleep_hours, sleep_quality, mood, note, instrument"
    };
}

impl Store {
    pub fn add_checkin(&mut self, input: &CheckInInput, now: DateTime<Utc>) -> Result<CheckIn> {
        let id = self.add_checkins(std::slice::from_ref(input), now)?;
        self.checkin(id[0])
    }

    /// Saves many check-ins in one transaction; one bad input saves none of them.
    pub fn add_checkins(
        &mut self,
        inputs: &[CheckInInput],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        let catalogue = self.all_symptoms()?;
        let valid = inputs
            .iter()
            .map(|i| i.validate(&catalogue, now))
            .collect::<Result<Vec<_>>>()?;
        let stamp = now_text(now);
        self.write(|tx| {
            valid
                .iter()
                .map(|v| insert_checkin(tx, v, &stamp))
                .collect()
        })
    }

    pub fn update_checkin(
        &mut self,
        id: i64,
        input: &CheckInInput,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        let v = input.validate(&self.all_symptoms()?, now)?;
        self.write(|tx| {
            let mut saved: Vec<(String, i32)> = tx
                .prepare_cached("SELECT symptom_key, score FROM checkin_item WHERE checkin_id = ?1")?
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            saved.sort();
            let mut typed: Vec<(String, i32)> =
                v.items.iter().map(|i| (i.key.clone(), i.score)).collect();
            typed.sort();
            let items_changed = saved != typed;
            let n = tx.execute(
                // `updated_at` moves only when something changed (SET reads the row as it was).
                "UPDATE checkin SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, craving = ?4,
                        sleep_hours = ?5, sleep_quality = ?6, mood = ?7, note = ?8, instrument = ?11,
                        updated_at = CASE WHEN ?12 OR taken_at_utc IS NOT ?1 OR local_time IS NOT ?2
                            OR utc_offset_min IS NOT ?3 OR craving IS NOT ?4 OR sleep_hours IS NOT ?5
                            OR sleep_quality IS NOT ?6 OR mood IS NOT ?7 OR note IS NOT ?8
                            OR instrument IS NOT ?11 THEN ?9 ELSE updated_at END
                 WHERE id = ?10 AND deleted_at IS NULL",
                params![
                    now_text(v.taken_at.with_timezone(&Utc)),
                    local_text(&v.taken_at),
                    offset_minutes(&v.taken_at),
                    v.craving,
                    v.sleep_hours,
                    v.sleep_quality,
                    v.mood,
                    v.note,
                    now_text(now),
                    id,
                    v.instrument,
                    items_changed
                ],
            )?;
            found(n, "check-in")?;
            if !items_changed {
                return Ok(());
            }
            tx.execute("DELETE FROM checkin_item WHERE checkin_id = ?1", [id])?;
            insert_items(tx, id, &v)
        })?;
        self.checkin(id)
    }

    pub fn delete_checkin(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_deleted(Entry::Checkin, id, true, now)
    }

    pub fn restore_checkin(&mut self, id: i64, now: DateTime<Utc>) -> Result<CheckIn> {
        self.set_deleted(Entry::Checkin, id, false, now)?;
        self.checkin(id)
    }

    pub fn checkin(&self, id: i64) -> Result<CheckIn> {
        let start = self.settings()?.day_start_hour;
        let mut c = self
            .conn
            .prepare_cached(concat!(
                "SELECT ",
                checkin_columns!(),
                " FROM checkin WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], |r| Ok(checkin_row(r, start)))
            .optional()?
            .ok_or(Error::NotFound { what: "check-in" })??;
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.symptom_key, i.score FROM checkin_item i JOIN symptom s ON s.key = i.symptom_key
             WHERE i.checkin_id = ?1 ORDER BY s.position, s.key",
        )?;
        let items = stmt
            .query_map([id], |r| {
                Ok(ItemScore {
                    key: r.get(0)?,
                    score: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        set_items(&mut c, items);
        Ok(c)
    }

    /// Check-ins of the diary days `from..=to`, newest first, with their items.
    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            checkin_columns!(),
            " FROM checkin WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             ORDER BY local_time DESC, id DESC"
        ))?;
        let mut list = stmt
            .query_map(params![a, b], |r| Ok(checkin_row(r, start)))?
            .map(|r| r?)
            .collect::<Result<Vec<_>>>()?;
        if list.is_empty() {
            return Ok(list);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.checkin_id, i.symptom_key, i.score
             FROM checkin c JOIN checkin_item i ON i.checkin_id = c.id JOIN symptom s ON s.key = i.symptom_key
             WHERE c.deleted_at IS NULL AND c.local_time >= ?1 AND c.local_time < ?2
             ORDER BY i.checkin_id, s.position, s.key",
        )?;
        let mut by_id: std::collections::HashMap<i64, Vec<ItemScore>> = Default::default();
        for row in stmt.query_map(params![a, b], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ItemScore {
                    key: r.get(1)?,
                    score: r.get(2)?,
                },
            ))
        })? {
            let (id, item) = row?;
            by_id.entry(id).or_default().push(item);
        }
        for c in &mut list {
            let items = by_id.remove(&c.id).unwrap_or_default();
            set_items(c, items);
        }
        Ok(list)
    }
}

fn insert_checkin(tx: &Transaction<'_>, v: &ValidCheckIn, stamp: &str) -> Result<i64> {
    let id = tx
        .prepare_cached(
            "INSERT INTO checkin (taken_at_utc, local_time, utc_offset_min, instrument, craving,
                              sleep_hours, sleep_quality, mood, note, created_at, updated_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        )?
        .insert(params![
            now_text(v.taken_at.with_timezone(&Utc)),
            local_text(&v.taken_at),
            offset_minutes(&v.taken_at),
            v.instrument,
            v.craving,
            v.sleep_hours,
            v.sleep_quality,
            v.mood,
            v.note,
            stamp,
            new_uid()
        ])?;
    insert_items(tx, id, v)?;
    Ok(id)
}

fn insert_items(tx: &Transaction<'_>, id: i64, v: &ValidCheckIn) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (?1, ?2, ?3)",
    )?;
    for item in &v.items {
        stmt.execute(params![id, item.key, item.score])?;
    }
    Ok(())
}

fn checkin_row(r: &Row<'_>, day_start: u8) -> Result<CheckIn> {
    let local: String = r.get(1)?;
    let instant = day::stored_instant(&local, r.get(2)?)?;
    let naive = instant.naive_local();
    Ok(CheckIn {
        id: r.get(0)?,
        taken_at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
        local_time: local_display(naive),
        day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        instrument: r.get(8)?,
        items: Vec::new(),
        total: 0,
        max_total: 0,
        worst: 0,
        band: None,
        complete: false,
        craving: r.get(3)?,
        sleep_hours: r.get(4)?,
        sleep_quality: r.get(5)?,
        mood: r.get(6)?,
        note: r.get(7)?,
    })
}

fn set_items(c: &mut CheckIn, items: Vec<ItemScore>) {
    let (total, max_total, worst) = score_summary(&items);
    let (band, complete) = band_and_complete(&c.instrument, &items);
    c.band = band;
    c.complete = complete;
    c.items = items;
    c.total = total;
    c.max_total = max_total;
    c.worst = worst;
}
