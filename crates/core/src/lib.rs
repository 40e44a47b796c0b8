//! Taper's core: the domain (doses, check-ins, symptoms and instruments, other medicines,
//! settings), validation, the diary store on SQLite and day grouping. Plain Rust over plain
//! types; no Tauri here.

pub mod archive;
pub mod chart;
pub mod checkin;
pub mod crash;
pub mod datefmt;
pub mod day;
pub mod dose;
pub mod error;
pub mod export;
pub mod figure;
pub mod file;
pub mod instrument;
pub mod medicine;
pub mod plan;
pub mod report;
pub mod settings;
pub mod share;
pub mod store;
/// The schema migrations (kept with the store, where all SQL lives).
pub use store::migrate;
pub mod symptom;
pub mod uid;
pub mod units;

#[cfg(test)]
mod bindings;
#[cfg(test)]
mod module_graph;

pub use error::{ApiError, Error, ErrorCode, Result};
pub use store::{DayView, Store};
