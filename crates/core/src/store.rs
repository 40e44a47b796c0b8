//! The diary on disk: one SQLite file, opened with the same pragmas every time, every write
//! one IMMEDIATE transaction that is durable (synchronous=FULL) when it returns. Here: the
//! store and its write transaction; each table or concern has its own file.

use std::{path::PathBuf, sync::Arc};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::settings::Settings;
use open::{still_current, FileId};

pub(crate) mod archive;
mod checkins;
mod cipher;
mod convert;
mod day;
mod doses;
mod entries;
mod fs;
mod gate;
mod lock;
mod medicines;
pub mod migrate;
mod open;
mod plans;
mod positions;
mod recover;
mod reminder_dose;
mod schema_check;
mod series;
mod settings;
mod snapshots;
mod symptoms;

pub use cipher::{diary_file, DiaryFile, Passphrase, MIN_PASSPHRASE_CHARS};
pub use day::DayView;
pub use gate::{confirm_delete, delete_everything, opening, Opening, DELETE_CONFIRMATION};
pub use lock::{identify_as_app, lock_files, EXCLUSIVE_WAIT, SHARED_WAIT};
pub use open::{
    configure, data_dir, no_diary_at, AppInfo, OpenOptions, BUSY_TIMEOUT, DATA_DIR_ENV, DB_FILE,
};
pub use plans::{day_plan, targets_between, DayPlan, Plan, PlanChange, PlanVersion};
pub use positions::{next_position, MAX_POSITION};
pub use recover::{missing_diary, recover_from_backup, trouble, Recovered, Trouble};
pub use schema_check::schema_problem;
pub use series::DayTotal;
pub use snapshots::{
    backups_dir_of, check_backup, list_backups, prune, BackupInfo, BackupKind, BACKUP_DIR,
    KEEP_DAILY, KEEP_WEEKLY,
};

fn now_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An open diary: one connection to its file, with what it was opened with.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Settings as last read, with the `PRAGMA data_version` they were read at: another
    /// process's commit changes that number, so the cache is never stale.
    settings: std::cell::RefCell<Option<(i64, Settings)>>,
    /// Opened view-only because the file or its folder cannot be written: reads work, every
    /// write is refused with [`Error::ReadOnly`] before it starts.
    read_only: bool,
    /// The passphrase of an encrypted diary (kept for its backups and conversions).
    key: Option<Passphrase>,
    /// This process's hold on the diary (see [`lock`]); `None` only for a view-only diary
    /// whose folder cannot hold a lock file.
    lock: Option<Arc<lock::DiaryLock>>,
    /// The file the connection has open, to refuse writing into a file that was replaced.
    file_id: Option<FileId>,
}

impl Store {
    /// Runs `f` in one IMMEDIATE transaction: all of it is saved, or none of it.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnly(format!(
                "{} was opened view-only; nothing was saved",
                self.path.display()
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        still_current(&self.path, self.file_id)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
