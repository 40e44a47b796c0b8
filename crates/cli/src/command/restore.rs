//! `taper restore FILE|latest`: replace the diary with a backup, the diary as it was kept
//! first as a "before-restore" backup (the core's `Store::restore`).

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Args;
use serde::Serialize;
use taper_core::store::{
    backups_dir_of, data_dir, list_backups, no_diary_at, recover_from_backup, BackupInfo, DB_FILE,
};

use crate::diary::{open_existing, passphrase_for};
use crate::fail::{invalid, Result};
use crate::out::json_doc;

#[derive(Debug, Args)]
pub struct Cmd {
    /// A backup file, or `latest` for the newest backup
    file: String,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        restore(&self.file, json)
    }
}

#[derive(Serialize)]
struct Restored<'a> {
    restored_from: String,
    kept_as: Option<&'a BackupInfo>,
}

fn restore(file: &str, json: bool) -> Result<String> {
    let db = data_dir()?.join(DB_FILE);
    let latest = || {
        list_backups(&backups_dir_of(&db))?
            .into_iter()
            .next()
            .map(|b| PathBuf::from(b.path))
            .ok_or_else(|| invalid("file", "There are no backups to restore yet."))
    };
    let path = if file == "latest" {
        latest()?
    } else {
        PathBuf::from(file)
    };
    let kept = if no_diary_at(&db) && db.parent().is_some_and(Path::is_dir) {
        // The diary file is missing (or empty): the backup takes its place, as the app's
        // trouble screen does; an empty file is kept aside.
        let key = passphrase_for(&path)?;
        recover_from_backup(&db, &path, key.as_ref(), Utc::now())?;
        None
    } else {
        let mut store = open_existing()?;
        // `restore` checks the backup before anything is backed up or changed.
        Some(store.restore(&path, Utc::now())?)
    };
    if json {
        return json_doc(&Restored {
            restored_from: path.display().to_string(),
            kept_as: kept.as_ref(),
        });
    }
    Ok(format!(
        "Restored the diary from {}.{}\n",
        path.display(),
        kept.map(|k| format!(" The diary as it was is kept as {}.", k.path))
            .unwrap_or_default()
    ))
}
