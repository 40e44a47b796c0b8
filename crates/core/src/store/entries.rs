//! The diary's entries (doses, check-ins, other medicines) are kept alike: the time (UTC
//! instant, wall-clock time, offset), the entry's own columns, and its stamps (created,
//! updated, deleted, identity). What differs between the tables is stated once, in [`Entry`];
//! here is the SQL they share: saving, editing, reading (for the app and for the backup) and
//! deleting softly. The statements are made from [`Entry`]'s table and column names, which
//! are fixed in the code; every value is a named parameter (`:column`), never SQL text.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row, ToSql, Transaction};

use super::{now_text, Store};
use crate::day::{self, day_range, diary_day, local_display, local_text, offset_minutes};
use crate::error::{Error, Result};
use crate::uid::new_uid;

/// Named parameters (`:column`) of a statement.
pub(crate) type Params<'a> = Vec<(&'static str, &'a dyn ToSql)>;

/// A kind of diary entry: each has its own table, deleted softly (kept, marked deleted,
/// restorable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Dose,
    Checkin,
    Medicine,
}

impl Entry {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Entry::Dose => "dose",
            Entry::Checkin => "checkin",
            Entry::Medicine => "medicine",
        }
    }

    /// The entry as a message names it ("no such check-in").
    pub(crate) fn what(self) -> &'static str {
        match self {
            Entry::Dose => "dose",
            Entry::Checkin => "check-in",
            Entry::Medicine => "medicine entry",
        }
    }

    /// The entry's own columns, besides its time and stamps: what the person writes.
    pub(crate) fn columns(self) -> &'static [&'static str] {
        match self {
            Entry::Dose => &[
                "amount_dg",
                "amount_entered",
                "unit",
                "form",
                "product",
                "estimated",
                "note",
            ],
            Entry::Checkin => &[
                "instrument",
                "craving",
                "sleep_hours",
                "sleep_quality",
                "mood",
                "note",
            ],
            Entry::Medicine => &["name", "amount", "unit", "note"],
        }
    }

    /// The columns an entry without an identity (an older backup's) is matched by: its UTC
    /// instant and what tells it apart.
    pub(crate) fn match_columns(self) -> &'static [&'static str] {
        match self {
            Entry::Dose => &[
                "taken_at_utc",
                "amount_dg",
                "unit",
                "form",
                "product",
                "note",
            ],
            Entry::Checkin => &["taken_at_utc", "instrument"],
            Entry::Medicine => &["taken_at_utc", "name"],
        }
    }

    /// The time's columns, then [`Self::columns`]: every column a save writes.
    pub(crate) fn written(self) -> impl Iterator<Item = &'static str> {
        TIME.into_iter().chain(self.columns().iter().copied())
    }
}

/// The columns of an entry's time.
const TIME: [&str; 3] = ["taken_at_utc", "local_time", "utc_offset_min"];

/// `columns` each as `pattern` makes it (`{c}` is the column), joined by `sep`.
pub(crate) fn each(
    columns: impl Iterator<Item = &'static str>,
    pattern: &str,
    sep: &str,
) -> String {
    columns
        .map(|c| pattern.replace("{c}", c))
        .collect::<Vec<_>>()
        .join(sep)
}

/// An entry that passed its rules, as it is saved.
pub(crate) trait Fields {
    const ENTRY: Entry;
    fn taken_at(&self) -> &DateTime<FixedOffset>;
    /// Its own columns ([`Entry::columns`]) as named parameters.
    fn fields(&self) -> Params<'_>;
}

/// A time as the entry tables keep it: the UTC instant, the wall-clock time and its offset.
pub(crate) struct StoredTime {
    utc: String,
    local: String,
    offset: i32,
}

impl StoredTime {
    pub(crate) fn of(t: &DateTime<FixedOffset>) -> Self {
        StoredTime {
            utc: now_text(t.with_timezone(&Utc)),
            local: local_text(t),
            offset: offset_minutes(t),
        }
    }

    /// Every column a save writes ([`Entry::written`]) as named parameters: this time and
    /// `entry`'s fields.
    pub(crate) fn with<'a, F: Fields>(&'a self, entry: &'a F) -> Params<'a> {
        let time = named_params! {
            ":taken_at_utc": self.utc,
            ":local_time": self.local,
            ":utc_offset_min": self.offset,
        };
        time.iter().copied().chain(entry.fields()).collect()
    }
}

/// Saves a new entry `v`, created at `now`, with a new identity; returns its id.
pub(super) fn insert<F: Fields>(tx: &Transaction<'_>, v: &F, now: &str) -> Result<i64> {
    let e = F::ENTRY;
    let sql = format!(
        "INSERT INTO {} ({}, created_at, updated_at, uid) VALUES ({}, :now, :now, :uid)",
        e.table(),
        each(e.written(), "{c}", ", "),
        each(e.written(), ":{c}", ", "),
    );
    let time = StoredTime::of(v.taken_at());
    let uid = new_uid();
    let mut params = time.with(v);
    params.extend(named_params! {":now": now, ":uid": uid});
    Ok(tx.prepare_cached(&sql)?.insert(params.as_slice())?)
}

/// What an entry is now: its identity, its last change and a digest of what it holds
/// (`uid@updated_at#digest`; the digest tells apart two changes in the same second). The
/// `version` of a [`crate::dose::Dose`], check-in or medicine entry, which an edit names (see
/// [`unchanged_since`]). `r` has the columns [`select`] reads.
pub(super) fn version(r: &Row<'_>, e: Entry) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    use std::hash::{DefaultHasher, Hash, Hasher};
    // The standard hasher with its fixed keys: the same row gives the same digest in this
    // program, which is all a version is compared in.
    let mut h = DefaultHasher::new();
    for c in ["local_time", "utc_offset_min"].iter().chain(e.columns()) {
        match r.get_ref(*c)? {
            ValueRef::Null => 0u8.hash(&mut h),
            ValueRef::Integer(i) => (1u8, i).hash(&mut h),
            ValueRef::Real(f) => (2u8, f.to_bits()).hash(&mut h),
            ValueRef::Text(t) | ValueRef::Blob(t) => (3u8, t).hash(&mut h),
        }
    }
    Ok(format!(
        "{}@{}#{:016x}",
        r.get_ref("uid")?.as_str()?,
        r.get_ref("updated_at")?.as_str()?,
        h.finish()
    ))
}

/// Refuses, inside the edit's transaction, an edit of the live entry `id` begun when it was at
/// version `seen` (None: no check) if it has changed since: another window, the command line
/// or an import changed it, deleted it, or replaced the diary so that `id` is another entry.
/// The refusal is [`Error::Invalid`] on the field `version`; `Error::NotFound` when there is no
/// such live entry.
pub(super) fn unchanged_since(
    tx: &Transaction<'_>,
    e: Entry,
    id: i64,
    seen: Option<&str>,
) -> Result<()> {
    let Some(seen) = seen else { return Ok(()) };
    let now: Option<String> = tx
        .prepare_cached(&format!("{} AND id = :id", select(e)))?
        .query_row(named_params! {":id": id}, |r| version(r, e))
        .optional()?;
    match now {
        None => Err(Error::NotFound { what: e.what() }),
        Some(now) if now == seen => Ok(()),
        Some(_) => Err(Error::invalid(
            "version",
            format!(
                "This {} was changed elsewhere (in another window or by the taper command) since you opened it, so nothing was saved. Close this and open it again to see it as it is now.",
                e.what()
            ),
        )),
    }
}

/// Saves an edit of the live entry `id`. `updated_at` moves to `now` only when something
/// changed (SET reads the row as it was), or `items_changed` (a check-in's scores): saving an
/// edit that changes nothing must not win a later merge. `Error::NotFound` when there is no
/// such live entry.
pub(super) fn update<F: Fields>(
    tx: &Transaction<'_>,
    id: i64,
    v: &F,
    now: &str,
    items_changed: bool,
) -> Result<()> {
    let e = F::ENTRY;
    let sql = format!(
        "UPDATE {} SET {},
                updated_at = CASE WHEN :items_changed OR {} THEN :now ELSE updated_at END
         WHERE id = :id AND deleted_at IS NULL",
        e.table(),
        each(e.written(), "{c} = :{c}", ", "),
        each(e.written(), "{c} IS NOT :{c}", " OR "),
    );
    let time = StoredTime::of(v.taken_at());
    let mut params = time.with(v);
    params.extend(named_params! {":items_changed": items_changed, ":now": now, ":id": id});
    found(tx.execute(&sql, params.as_slice())?, e.what())
}

/// Every row of `e`'s table, deleted ones too, by id (oldest first), each made by `row` from
/// the row's `id`, `uid`, stamps, time ([`Entry::written`]) and columns.
pub(super) fn every<T>(
    conn: &Connection,
    e: Entry,
    mut row: impl FnMut(&Row<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    let sql = format!(
        "SELECT id, uid, created_at, updated_at, deleted_at, {} FROM {} ORDER BY id",
        each(e.written(), "{c}", ", "),
        e.table()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
    }
    Ok(out)
}

/// When a saved entry was taken, as it is shown.
pub(super) struct Taken {
    /// RFC 3339 with the offset it was logged in.
    pub at: String,
    pub local_time: String,
    /// The diary day, `YYYY-MM-DD`.
    pub day: String,
}

impl Taken {
    /// From a row's `local_time` and `utc_offset_min`, the diary day starting at `day_start`.
    pub(super) fn of(r: &Row<'_>, day_start: u8) -> Result<Self> {
        let local: String = r.get("local_time")?;
        let instant = day::stored_instant(&local, r.get("utc_offset_min")?)?;
        let naive = instant.naive_local();
        Ok(Taken {
            at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
            local_time: local_display(naive),
            day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        })
    }
}

/// What [`Store::live`] and [`Store::live_between`] read: the id, the time and the columns.
fn select(e: Entry) -> String {
    format!(
        "SELECT id, uid, updated_at, local_time, utc_offset_min, {} FROM {} WHERE deleted_at IS NULL",
        e.columns().join(", "),
        e.table()
    )
}

impl Store {
    /// The live entry `id` of kind `e`, made by `row` (given the hour diary days start at).
    pub(super) fn live<T>(
        &self,
        e: Entry,
        id: i64,
        row: impl FnOnce(&Row<'_>, u8) -> Result<T>,
    ) -> Result<T> {
        let start = self.settings()?.day_start_hour;
        self.conn
            .prepare_cached(&format!("{} AND id = :id", select(e)))?
            .query_row(named_params! {":id": id}, |r| Ok(row(r, start)))
            .optional()?
            .ok_or(Error::NotFound { what: e.what() })?
    }

    /// The live entries of kind `e` of the diary days `from..=to`, oldest first (newest first
    /// with `newest_first`), each made by `row`.
    pub(super) fn live_between<T>(
        &self,
        e: Entry,
        (from, to): (NaiveDate, NaiveDate),
        newest_first: bool,
        row: impl Fn(&Row<'_>, u8) -> Result<T>,
    ) -> Result<Vec<T>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let order = if newest_first {
            "local_time DESC, id DESC"
        } else {
            "local_time, id"
        };
        let sql = format!(
            "{} AND local_time >= :from AND local_time < :to ORDER BY {order}",
            select(e)
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(named_params! {":from": a, ":to": b}, |r| Ok(row(r, start)))?;
        rows.map(|r| r?).collect()
    }

    /// Marks an entry deleted, or brings a deleted one back (Undo). Nothing is ever erased.
    pub(super) fn set_deleted(
        &mut self,
        e: Entry,
        id: i64,
        deleted: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let table = e.table();
        let sql = if deleted {
            // A deletion is a change: `updated_at` says when the entry last changed, which a
            // merge compares (the newer change wins).
            format!(
                "UPDATE {table} SET deleted_at = :now, updated_at = :now WHERE id = :id AND deleted_at IS NULL"
            )
        } else {
            format!(
                "UPDATE {table} SET deleted_at = NULL, updated_at = :now WHERE id = :id AND deleted_at IS NOT NULL"
            )
        };
        let now = now_text(now);
        self.write(|tx| {
            found(
                tx.execute(&sql, named_params! {":now": now, ":id": id})?,
                e.what(),
            )
        })
    }
}

/// `Error::NotFound` for `what` when a statement changed no row.
pub(super) fn found(rows: usize, what: &'static str) -> Result<()> {
    if rows == 0 {
        Err(Error::NotFound { what })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::ValidCheckIn;
    use crate::dose::{Form, Unit, ValidDose};
    use crate::medicine::ValidMedicine;

    /// The parameter names of `v`, without their colons.
    fn names<F: Fields>(v: &F) -> Vec<&'static str> {
        v.fields()
            .iter()
            .map(|(name, _)| name.trim_start_matches(':'))
            .collect()
    }

    #[test]
    fn every_entry_gives_a_value_for_each_of_its_columns() {
        let at: DateTime<FixedOffset> = "2026-11-25T08:00:00+01:00".parse().expect("time");
        let dose = ValidDose {
            amount_dg: 20,
            amount_entered: 2.0,
            unit: Unit::G,
            taken_at: at,
            form: Form::Powder,
            product: None,
            estimated: false,
            note: None,
        };
        let checkin = ValidCheckIn {
            taken_at: at,
            instrument: "kratom".into(),
            items: Vec::new(),
            craving: None,
            sleep_hours: None,
            sleep_quality: None,
            mood: None,
            note: None,
        };
        let medicine = ValidMedicine {
            taken_at: at,
            name: "x".into(),
            amount: None,
            unit: None,
            note: None,
        };
        // A column without a value would be saved as NULL without a word.
        assert_eq!(names(&dose), Entry::Dose.columns());
        assert_eq!(names(&checkin), Entry::Checkin.columns());
        assert_eq!(names(&medicine), Entry::Medicine.columns());
        for e in [Entry::Dose, Entry::Checkin, Entry::Medicine] {
            let written: Vec<_> = e.written().collect();
            assert!(
                e.match_columns().iter().all(|c| written.contains(c)),
                "{e:?}"
            );
        }
    }
}
