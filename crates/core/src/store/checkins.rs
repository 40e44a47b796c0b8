//! Check-ins (`checkin`, with their scores in `checkin_item`): saved, edited, deleted softly,
//! read by id or by diary days with their items and totals.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{named_params, Row, Transaction};

use super::entries::{self, Entry, Fields, Params, Taken};
use super::{now_text, Store};
use crate::checkin::{
    band_and_complete, score_summary, CheckIn, CheckInInput, ItemScore, ValidCheckIn,
};
use crate::error::Result;

impl Fields for ValidCheckIn {
    const ENTRY: Entry = Entry::Checkin;

    fn taken_at(&self) -> &DateTime<FixedOffset> {
        &self.taken_at
    }

    fn fields(&self) -> Params<'_> {
        named_params! {
            ":instrument": self.instrument,
            ":craving": self.craving,
            ":sleep_hours": self.sleep_hours,
            ":sleep_quality": self.sleep_quality,
            ":mood": self.mood,
            ":note": self.note,
        }
        .to_vec()
    }
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
                .map(|v| {
                    let id = entries::insert(tx, v, &stamp)?;
                    insert_items(tx, id, &v.items)?;
                    Ok(id)
                })
                .collect()
        })
    }

    pub fn update_checkin(
        &mut self,
        id: i64,
        input: &CheckInInput,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        self.update_checkin_from(id, None, input, now)
    }

    /// [`Store::update_checkin`] of an edit begun when the check-in was at `seen` (its
    /// [`CheckIn::version`] then): refused, changing nothing, if it changed since.
    pub fn update_checkin_from(
        &mut self,
        id: i64,
        seen: Option<&str>,
        input: &CheckInInput,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        let v = input.validate(&self.all_symptoms()?, now)?;
        self.write(|tx| {
            entries::unchanged_since(tx, Entry::Checkin, id, seen)?;
            let mut saved: Vec<(String, i32)> = tx
                .prepare_cached(
                    "SELECT symptom_key, score FROM checkin_item WHERE checkin_id = :id",
                )?
                .query_map(named_params! {":id": id}, |r| {
                    Ok((r.get("symptom_key")?, r.get("score")?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            saved.sort();
            let mut typed: Vec<(String, i32)> =
                v.items.iter().map(|i| (i.key.clone(), i.score)).collect();
            typed.sort();
            let items_changed = saved != typed;
            entries::update(tx, id, &v, &now_text(now), items_changed)?;
            if !items_changed {
                return Ok(());
            }
            clear_items(tx, id)?;
            insert_items(tx, id, &v.items)
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
        let mut c = self.live(Entry::Checkin, id, checkin_row)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.symptom_key, i.score FROM checkin_item i JOIN symptom s ON s.key = i.symptom_key
             WHERE i.checkin_id = :id ORDER BY s.position, s.key",
        )?;
        let items = stmt
            .query_map(named_params! {":id": id}, item_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        set_items(&mut c, items);
        Ok(c)
    }

    /// Check-ins of the diary days `from..=to`, newest first, with their items.
    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        let mut list = self.live_between(Entry::Checkin, (from, to), true, checkin_row)?;
        if list.is_empty() {
            return Ok(list);
        }
        let (a, b) = crate::day::day_range(from, to, self.settings()?.day_start_hour);
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.checkin_id, i.symptom_key, i.score
             FROM checkin c JOIN checkin_item i ON i.checkin_id = c.id JOIN symptom s ON s.key = i.symptom_key
             WHERE c.deleted_at IS NULL AND c.local_time >= :from AND c.local_time < :to
             ORDER BY i.checkin_id, s.position, s.key",
        )?;
        let mut by_id: std::collections::HashMap<i64, Vec<ItemScore>> = Default::default();
        for row in stmt.query_map(named_params! {":from": a, ":to": b}, |r| {
            Ok((r.get::<_, i64>("checkin_id")?, item_row(r)?))
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

/// A row's `symptom_key` and `score`.
pub(super) fn item_row(r: &Row<'_>) -> rusqlite::Result<ItemScore> {
    Ok(ItemScore {
        key: r.get("symptom_key")?,
        score: r.get("score")?,
    })
}

/// Deletes the scores of the check-in `id` (to write them again).
pub(super) fn clear_items(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM checkin_item WHERE checkin_id = :id")?
        .execute(named_params! {":id": id})?;
    Ok(())
}

/// Saves the scores `items` of the check-in `id`.
pub(super) fn insert_items(tx: &Transaction<'_>, id: i64, items: &[ItemScore]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (:id, :key, :score)",
    )?;
    for item in items {
        stmt.execute(named_params! {":id": id, ":key": item.key, ":score": item.score})?;
    }
    Ok(())
}

fn checkin_row(r: &Row<'_>, day_start: u8) -> Result<CheckIn> {
    let taken = Taken::of(r, day_start)?;
    Ok(CheckIn {
        id: r.get("id")?,
        version: entries::version(r, Entry::Checkin)?,
        taken_at: taken.at,
        local_time: taken.local_time,
        day: taken.day,
        instrument: r.get("instrument")?,
        items: Vec::new(),
        total: 0,
        max_total: 0,
        worst: 0,
        band: None,
        complete: false,
        craving: r.get("craving")?,
        sleep_hours: r.get("sleep_hours")?,
        sleep_quality: r.get("sleep_quality")?,
        mood: r.get("mood")?,
        note: r.get("note")?,
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
