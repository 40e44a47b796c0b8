//! Helpers shared by the core's integration tests: a fixed "now" and a diary file in a
//! temporary folder.

#![allow(dead_code)]

pub mod pdf;

use chrono::{DateTime, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    "2027-01-31T12:00:00Z".parse().expect("now")
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

/// A diary path in a temporary folder that lives as long as this value.
pub struct Tmp {
    _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
}

pub fn tmp() -> Tmp {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taper.db");
    Tmp { _dir: dir, path }
}

/// A plain powder dose of `amount` grams at `at` (RFC 3339), nothing else filled in.
pub fn dose(amount: &str, at: &str) -> taper_core::dose::DoseInput {
    taper_core::dose::DoseInput {
        amount: amount.into(),
        unit: taper_core::dose::Unit::G,
        taken_at: at.into(),
        form: taper_core::dose::Form::Powder,
        product: None,
        estimated: false,
        note: None,
        confirm_large: false,
    }
}

/// A check-in at `at` with these item scores, nothing else filled in.
pub fn checkin_items(at: &str, items: &[(&str, i32)]) -> taper_core::checkin::CheckInInput {
    taper_core::checkin::CheckInInput {
        taken_at: at.into(),
        items: items
            .iter()
            .map(|(k, s)| taper_core::checkin::ItemScore {
                key: (*k).into(),
                score: *s,
            })
            .collect(),
        craving: None,
        sleep_hours: None,
        sleep_quality: None,
        mood: None,
        note: None,
    }
}

/// A detox week (even, no hold, no floor, 0.1 g rounding) of `start_g` grams from `start`.
pub fn detox_week(start: NaiveDate, start_g: f64) -> taper_core::plan::PlanParams {
    use taper_core::plan::{PlanParams, Rounding, Shape};
    PlanParams {
        start,
        start_g,
        shape: Shape::DetoxWeek {
            front_loaded: false,
        },
        hold_days: 0,
        floor_g: 0.0,
        rounding: Rounding::Tenth,
    }
}

/// A table's rows as values.
pub type Rows = Vec<Vec<rusqlite::types::Value>>;

/// The rows `sql` reads, every column but the identity a later migration adds (`uid`, checked
/// in the migration's own test): what a table held under an older schema.
pub fn rows_as_the_old_schema(conn: &rusqlite::Connection, sql: &str) -> Rows {
    let mut stmt = conn.prepare(sql).expect("prepare");
    let columns: Vec<usize> = (0..stmt.column_count())
        .filter(|&i| stmt.column_name(i).is_ok_and(|name| name != "uid"))
        .collect();
    stmt.query_map([], |r| columns.iter().map(|&i| r.get(i)).collect())
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}
