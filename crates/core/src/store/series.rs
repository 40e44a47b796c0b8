//! Day-by-day figures for charts and reports, added up by SQLite over diary days (which start at
//! the configured hour, not at midnight). Days with nothing logged are simply absent.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::params;

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

fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The diary day of a row grouped by its calendar date and whether its time of day is before
/// the day-start hour (then it belongs to the day before). Grouping on plain substrings keeps
/// SQLite's date functions out of a five-year scan.
fn diary_date(date: &str, early: bool) -> rusqlite::Result<NaiveDate> {
    let d = parse_day(date)?;
    Ok(if early { d.pred_opt().unwrap_or(d) } else { d })
}

impl Store {
    /// SQLite modifier turning a wall-clock time into its diary day ("-4 hours"), and the
    /// start hour as two digits ("04") to compare with a time's hour.
    fn day_shift(&self) -> Result<(u8, String)> {
        let start = self.settings()?.day_start_hour;
        Ok((start, format!("-{start} hours")))
    }

    fn start_hour_text(&self) -> Result<(u8, String)> {
        let start = self.settings()?.day_start_hour;
        Ok((start, format!("{start:02}")))
    }

    /// Grams taken per diary day over `from..=to` (days with a dose only).
    pub fn daily_grams(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeMap<NaiveDate, f64>> {
        let (start, hour) = self.start_hour_text()?;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(local_time, 1, 10) AS d, substr(local_time, 12, 2) < ?3 AS early,
                    sum(amount_dg)
             FROM dose
             WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             GROUP BY d, early",
        )?;
        let rows = stmt.query_map(params![a, b, hour], |r| {
            Ok((
                diary_date(&r.get::<_, String>(0)?, r.get(1)?)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        let mut dg: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        for row in rows {
            let (day, n) = row?;
            *dg.entry(day).or_insert(0) += n;
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
        let inst = instrument::instrument(instrument_key)
            .ok_or_else(|| Error::invalid("instrument", "Unknown symptom instrument."))?;
        let needed = if inst.is_scored() {
            i64::try_from(inst.items.len()).unwrap_or(i64::MAX)
        } else {
            1
        };
        let (start, hour) = self.start_hour_text()?;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d, early, max(total) FROM (
                 SELECT substr(c.local_time, 1, 10) AS d, substr(c.local_time, 12, 2) < ?3 AS early,
                        sum(i.score) AS total, count(*) AS n
                 FROM checkin c JOIN checkin_item i ON i.checkin_id = c.id
                 WHERE c.deleted_at IS NULL AND c.local_time >= ?1 AND c.local_time < ?2
                   AND c.instrument = ?4
                 GROUP BY c.id HAVING n >= ?5)
             GROUP BY d, early",
        )?;
        let rows = stmt.query_map(params![a, b, hour, inst.key, needed], |r| {
            Ok((
                diary_date(&r.get::<_, String>(0)?, r.get(1)?)?,
                r.get::<_, i32>(2)?,
            ))
        })?;
        let mut out: BTreeMap<NaiveDate, i32> = BTreeMap::new();
        for row in rows {
            let (day, total) = row?;
            let best = out.entry(day).or_insert(total);
            *best = (*best).max(total);
        }
        Ok(out)
    }

    /// Each symptom's highest score per diary day on `instrument`: (day, symptom key, score).
    pub fn daily_item_scores(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        instrument_key: &str,
    ) -> Result<Vec<(NaiveDate, String, i32)>> {
        let (start, hour) = self.start_hour_text()?;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(c.local_time, 1, 10) AS d, substr(c.local_time, 12, 2) < ?3 AS early,
                    i.symptom_key, max(i.score)
             FROM checkin c JOIN checkin_item i ON i.checkin_id = c.id
             WHERE c.deleted_at IS NULL AND c.local_time >= ?1 AND c.local_time < ?2
               AND c.instrument = ?4
             GROUP BY d, early, i.symptom_key",
        )?;
        let rows = stmt.query_map(params![a, b, hour, instrument_key], |r| {
            Ok((
                diary_date(&r.get::<_, String>(0)?, r.get(1)?)?,
                r.get::<_, String>(2)?,
                r.get::<_, i32>(3)?,
            ))
        })?;
        let mut best: BTreeMap<(NaiveDate, String), i32> = BTreeMap::new();
        for row in rows {
            let (day, key, score) = row?;
            let b = best.entry((day, key)).or_insert(score);
            *b = (*b).max(score);
        }
        Ok(best.into_iter().map(|((d, k), s)| (d, k, s)).collect())
    }

    /// Craving and sleep per diary day, from every check-in of the day whatever its form.
    pub fn daily_craving_sleep(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, CravingSleep>> {
        let (start, hour) = self.start_hour_text()?;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(local_time, 1, 10) AS d, substr(local_time, 12, 2) < ?3 AS early,
                    max(craving), max(sleep_hours)
             FROM checkin
             WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
               AND (craving IS NOT NULL OR sleep_hours IS NOT NULL)
             GROUP BY d, early",
        )?;
        let rows = stmt.query_map(params![a, b, hour], |r| {
            Ok((
                diary_date(&r.get::<_, String>(0)?, r.get(1)?)?,
                r.get::<_, Option<i32>>(2)?,
                r.get::<_, Option<f64>>(3)?,
            ))
        })?;
        let mut out: BTreeMap<NaiveDate, CravingSleep> = BTreeMap::new();
        for row in rows {
            let (day, craving, sleep_hours) = row?;
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
            "SELECT min(d) FROM (
                 SELECT date(min(local_time), ?1) AS d FROM dose WHERE deleted_at IS NULL
                 UNION ALL
                 SELECT date(min(local_time), ?1) FROM checkin WHERE deleted_at IS NULL)",
            [shift],
            |r| r.get(0),
        )?;
        Ok(first.as_deref().map(parse_day).transpose()?)
    }

    /// The last diary day on which a dose was logged.
    pub fn last_dose_day(&self) -> Result<Option<NaiveDate>> {
        let (_, shift) = self.day_shift()?;
        let last: Option<String> = self.conn.query_row(
            "SELECT date(max(local_time), ?1) FROM dose WHERE deleted_at IS NULL",
            [shift],
            |r| r.get(0),
        )?;
        Ok(last.as_deref().map(parse_day).transpose()?)
    }
}
