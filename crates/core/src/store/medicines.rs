//! Other medicines and substances (`medicine`): saved, edited, deleted softly, read by id or
//! by diary days, and the names used before.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use rusqlite::{named_params, Row};

use super::entries::{self, Entry, Fields, Params, Taken};
use super::{now_text, Store};
use crate::error::Result;
use crate::medicine::{Medicine, MedicineInput, ValidMedicine};

impl Fields for ValidMedicine {
    const ENTRY: Entry = Entry::Medicine;

    fn taken_at(&self) -> &DateTime<FixedOffset> {
        &self.taken_at
    }

    fn fields(&self) -> Params<'_> {
        named_params! {
            ":name": self.name,
            ":amount": self.amount,
            ":unit": self.unit,
            ":note": self.note,
        }
        .to_vec()
    }
}

impl Store {
    pub fn add_medicine(&mut self, input: &MedicineInput, now: DateTime<Utc>) -> Result<Medicine> {
        let v = input.validate(now)?;
        let id = self.write(|tx| entries::insert(tx, &v, &now_text(now)))?;
        self.medicine(id)
    }

    pub fn update_medicine(
        &mut self,
        id: i64,
        input: &MedicineInput,
        now: DateTime<Utc>,
    ) -> Result<Medicine> {
        self.update_medicine_from(id, None, input, now)
    }

    /// [`Store::update_medicine`] of an edit begun when the entry was at `seen` (its
    /// [`Medicine::version`] then): refused, changing nothing, if it changed since.
    pub fn update_medicine_from(
        &mut self,
        id: i64,
        seen: Option<&str>,
        input: &MedicineInput,
        now: DateTime<Utc>,
    ) -> Result<Medicine> {
        let v = input.validate(now)?;
        self.write(|tx| {
            entries::unchanged_since(tx, Entry::Medicine, id, seen)?;
            entries::update(tx, id, &v, &now_text(now), false)
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
        self.live(Entry::Medicine, id, medicine_row)
    }

    /// Medicines and other substances of the diary days `from..=to`, oldest first.
    pub fn medicines_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Medicine>> {
        self.live_between(Entry::Medicine, (from, to), false, medicine_row)
    }

    /// Medicine names used before, most recent first (for autocomplete).
    pub fn medicine_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM medicine WHERE deleted_at IS NULL
             GROUP BY name ORDER BY max(local_time) DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([], |r| r.get("name"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn medicine_row(r: &Row<'_>, day_start: u8) -> Result<Medicine> {
    let taken = Taken::of(r, day_start)?;
    Ok(Medicine {
        id: r.get("id")?,
        version: entries::version(r, Entry::Medicine)?,
        taken_at: taken.at,
        local_time: taken.local_time,
        day: taken.day,
        name: r.get("name")?,
        amount: r.get("amount")?,
        unit: r.get("unit")?,
        note: r.get("note")?,
    })
}
