//! Day-by-day figures for charts and reports, added up over diary days (which start at the
//! configured hour, not at midnight). Rows are read in time order through the partial indexes
//! and summed here. Days with nothing logged are simply absent.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{named_params, Row};

use super::Store;
use crate::day::day_range;
use crate::error::{Error, Result};
use crate::instrument;

/// One diary day's check-in figures: the highest craving (0-10) and the most sleep (hours)
/// reported that day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CravingSleep {
    pub craving: Option<i32>,
    pub sleep_hours: Option<f64>,
}

/// One diary day's highest symptom total on an instrument (points on its scale) and whether
/// the form behind it was fully answered (always, for the kratom checklist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTotal {
    pub total: i32,
    pub complete: bool,
}

fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The text column `column` borrowed from the row (no copy).
fn text<'r>(r: &'r rusqlite::Row<'_>, column: &str) -> rusqlite::Result<&'r str> {
    let i = r.as_ref().column_index(column)?;
    r.get_ref(i)?.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Turns stored wall-clock times ("2026-11-24T02:30:00") into diary days, remembering the last
/// date and hour seen: rows come in time order, so most rows cost one comparison. This keeps
/// SQLite's date functions and GROUP BY sorting out of a five-year scan.
struct DayOf {
    start_hour: u8,
    last: Option<([u8; 13], NaiveDate)>,
}

impl DayOf {
    fn new(start_hour: u8) -> Self {
        DayOf {
            start_hour,
            last: None,
        }
    }

    fn day(&mut self, local: &str) -> rusqlite::Result<NaiveDate> {
        let bad = || {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("a stored time is malformed: {local:?}").into(),
            )
        };
        let key: [u8; 13] = local
            .as_bytes()
            .get(..13)
            .and_then(|k| k.try_into().ok())
            .ok_or_else(bad)?;
        if let Some((k, d)) = self.last {
            if k == key {
                return Ok(d);
            }
        }
        let date = parse_day(local.get(..10).ok_or_else(bad)?)?;
        let hour: u8 = local
            .get(11..13)
            .and_then(|h| h.parse().ok())
            .ok_or_else(bad)?;
        let day = if hour < self.start_hour {
            date.pred_opt().unwrap_or(date)
        } else {
            date
        };
        self.last = Some((key, day));
        Ok(day)
    }
}

impl Store {
    /// SQLite modifier turning a wall-clock time into its diary day: "-4 hours".
    fn day_shift(&self) -> Result<(u8, String)> {
        let start = self.settings()?.day_start_hour;
        Ok((start, format!("-{start} hours")))
    }

    /// Grams taken per diary day over `from..=to` (days with a dose only).
    pub fn daily_grams(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<NaiveDate, f64>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_time, amount_dg FROM dose
             WHERE deleted_at IS NULL AND local_time >= :from AND local_time < :to
             ORDER BY local_time",
        )?;
        let mut rows = stmt.query(named_params! {":from": a, ":to": b})?;
        let mut days = DayOf::new(start);
        // In time order, so each day's doses come together.
        let mut dg: Vec<(NaiveDate, i64)> = Vec::new();
        while let Some(r) = rows.next()? {
            let day = days.day(text(r, "local_time")?)?;
            let n: i64 = r.get("amount_dg")?;
            match dg.last_mut() {
                Some((d, sum)) if *d == day => *sum += n,
                _ => dg.push((day, n)),
            }
        }
        Ok(dg.into_iter().map(|(d, n)| (d, n as f64 / 10.0)).collect())
    }

    /// The day's symptom score per diary day: the highest total among that day's check-ins on
    /// `instrument`. For a scored scale (SOWS, COWS) only fully answered forms count, since a
    /// partial total would understate the day.
    pub fn daily_scores(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        instrument_key: &str,
    ) -> Result<BTreeMap<NaiveDate, i32>> {
        Ok(self
            .daily_totals(from, to, instrument_key)?
            .into_iter()
            .filter_map(|(d, t)| t.complete.then_some((d, t.total)))
            .collect())
    }

    /// The day's highest total among all its check-ins on `instrument`, partly answered forms
    /// of a scored scale (SOWS, COWS) included and marked: on a tie a complete form wins. For
    /// the report, which shows every check-in (a partial total marked "incomplete").
    pub fn daily_totals(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        instrument_key: &str,
    ) -> Result<BTreeMap<NaiveDate, DayTotal>> {
        let inst = instrument::instrument(instrument_key)
            .ok_or_else(|| Error::invalid("instrument", "Unknown symptom instrument."))?;
        let needed = if inst.is_scored() {
            inst.items.len()
        } else {
            1
        };
        let mut out: BTreeMap<NaiveDate, DayTotal> = BTreeMap::new();
        // The check-in being added up: (id, day, total, items).
        let mut current: Option<(i64, NaiveDate, i32, usize)> = None;
        let mut finish = |c: Option<(i64, NaiveDate, i32, usize)>| {
            if let Some((_, day, total, n)) = c {
                let this = DayTotal {
                    total,
                    complete: n >= needed,
                };
                let best = out.entry(day).or_insert(this);
                if (this.total, this.complete) > (best.total, best.complete) {
                    *best = this;
                }
            }
        };
        self.each_item_score((from, to), inst.key, |r, days| {
            let id: i64 = r.get("id")?;
            let score: i32 = r.get("score")?;
            match &mut current {
                Some((cid, _, total, n)) if *cid == id => {
                    *total += score;
                    *n += 1;
                }
                _ => {
                    let day = days.day(text(r, "local_time")?)?;
                    finish(current.replace((id, day, score, 1)));
                }
            }
            Ok(())
        })?;
        finish(current);
        Ok(out)
    }

    /// Each symptom's highest score per diary day on `instrument`: (day, symptom key, score),
    /// by day and then key.
    pub fn daily_item_scores(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        instrument_key: &str,
    ) -> Result<Vec<(NaiveDate, String, i32)>> {
        // Rows come in time order, so diary days never go back: each day's best scores are
        // kept in a small list and moved out when the next day begins.
        let mut out: Vec<(NaiveDate, String, i32)> = Vec::new();
        let mut today: Option<NaiveDate> = None;
        let mut best: Vec<(String, i32)> = Vec::new();
        let flush = |out: &mut Vec<(NaiveDate, String, i32)>,
                     day: Option<NaiveDate>,
                     best: &mut Vec<(String, i32)>| {
            if let Some(day) = day {
                best.sort();
                out.extend(best.drain(..).map(|(k, s)| (day, k, s)));
            }
        };
        self.each_item_score((from, to), instrument_key, |r, days| {
            let day = days.day(text(r, "local_time")?)?;
            if today != Some(day) {
                flush(&mut out, today, &mut best);
                today = Some(day);
            }
            let key = text(r, "symptom_key")?;
            let score: i32 = r.get("score")?;
            match best.iter_mut().find(|(k, _)| k == key) {
                Some((_, b)) => *b = (*b).max(score),
                None => best.push((key.to_owned(), score)),
            }
            Ok(())
        })?;
        flush(&mut out, today, &mut best);
        Ok(out)
    }

    /// Calls `each` with every item score of the live check-ins on `instrument_key` over the
    /// diary days `from..=to`, in time order and each check-in's items together: the row's
    /// `id` and `local_time` (the check-in's), `symptom_key` and `score`, and the diary days.
    fn each_item_score(
        &self,
        (from, to): (NaiveDate, NaiveDate),
        instrument_key: &str,
        mut each: impl FnMut(&Row<'_>, &mut DayOf) -> Result<()>,
    ) -> Result<()> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.local_time, i.symptom_key, i.score
             FROM checkin c JOIN checkin_item i ON i.checkin_id = c.id
             WHERE c.deleted_at IS NULL AND c.local_time >= :from AND c.local_time < :to
               AND c.instrument = :instrument
             ORDER BY c.local_time, c.id",
        )?;
        let mut rows =
            stmt.query(named_params! {":from": a, ":to": b, ":instrument": instrument_key})?;
        let mut days = DayOf::new(start);
        while let Some(r) = rows.next()? {
            each(r, &mut days)?;
        }
        Ok(())
    }

    /// Craving and sleep per diary day, from every check-in of the day whatever its form.
    pub fn daily_craving_sleep(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, CravingSleep>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_time, craving, sleep_hours FROM checkin
             WHERE deleted_at IS NULL AND local_time >= :from AND local_time < :to
               AND (craving IS NOT NULL OR sleep_hours IS NOT NULL)
             ORDER BY local_time",
        )?;
        let mut rows = stmt.query(named_params! {":from": a, ":to": b})?;
        let mut days = DayOf::new(start);
        let mut out: BTreeMap<NaiveDate, CravingSleep> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let day = days.day(text(r, "local_time")?)?;
            let craving: Option<i32> = r.get("craving")?;
            let sleep_hours: Option<f64> = r.get("sleep_hours")?;
            let e = out.entry(day).or_default();
            e.craving = e.craving.max(craving);
            e.sleep_hours = match (e.sleep_hours, sleep_hours) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
        Ok(out)
    }

    /// The first diary day with any dose or check-in, for an "all" range.
    pub fn first_logged_day(&self) -> Result<Option<NaiveDate>> {
        let (_, shift) = self.day_shift()?;
        let first: Option<String> = self.conn.query_row(
            "SELECT min(d) AS first FROM (
                 SELECT date(min(local_time), :shift) AS d FROM dose WHERE deleted_at IS NULL
                 UNION ALL
                 SELECT date(min(local_time), :shift) FROM checkin WHERE deleted_at IS NULL)",
            named_params! {":shift": shift},
            |r| r.get("first"),
        )?;
        Ok(first.as_deref().map(parse_day).transpose()?)
    }

    /// The last diary day on which a dose was logged.
    pub fn last_dose_day(&self) -> Result<Option<NaiveDate>> {
        let (_, shift) = self.day_shift()?;
        let last: Option<String> = self.conn.query_row(
            "SELECT date(max(local_time), :shift) AS last FROM dose WHERE deleted_at IS NULL",
            named_params! {":shift": shift},
            |r| r.get("last"),
        )?;
        Ok(last.as_deref().map(parse_day).transpose()?)
    }
}
