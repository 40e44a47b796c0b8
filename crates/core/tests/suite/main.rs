//! The core's integration tests, one test binary with a module per area (as rust-lang/cargo's
//! `tests/testsuite/main.rs` does): one link instead of one per file, and one set of builders
//! (`common`). Every test uses real SQLite files in temporary folders.

mod common;

mod backup;
mod catalogue_and_medicines;
mod chart_file;
mod chart_heatmap;
mod chart_progress;
mod chart_sleep;
mod chart_spark;
mod chart_taper;
mod cipher;
mod crash;
mod dates;
mod export;
mod figure;
mod foreign_files;
mod gate;
mod import_limits;
mod import_rules;
mod migrate_v1;
mod migrate_v2;
mod onboarding;
mod open_existing;
mod plans;
mod props;
mod report;
mod report_text;
mod round_trip;
mod share;
mod spreadsheets;
mod store;
mod symptom_positions;
