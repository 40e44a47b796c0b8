//! Helpers shared by the core's integration tests: a fixed "now" and a diary file in a
//! temporary folder.

#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};

pub fn now() -> DateTime<Utc> {
    "2026-11-25T12:00:00Z".parse().expect("now")
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
