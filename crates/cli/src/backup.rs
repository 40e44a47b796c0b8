//! `taper backup [list]` and `taper restore FILE|latest`, over the core's backups.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;
use taper_core::store::{
    backups_dir_of, data_dir, list_backups, no_diary_at, recover_from_backup, BackupInfo,
    BackupKind, DB_FILE,
};

use crate::args::BackupCommand;
use crate::fail::invalid;
use crate::run::{json_doc, open_existing, passphrase_for, Result};

fn kind_text(k: BackupKind) -> &'static str {
    match k {
        BackupKind::Automatic => "automatic",
        BackupKind::Manual => "manual",
        BackupKind::BeforeUpgrade => "before upgrade",
        BackupKind::BeforeRestore => "before restore",
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

pub fn backup(command: Option<&BackupCommand>, json: bool) -> Result<String> {
    let store = open_existing()?;
    match command {
        Some(BackupCommand::List) => {
            let list = store.backups()?;
            if json {
                return json_doc(&list);
            }
            if list.is_empty() {
                return Ok(format!(
                    "No backups yet in {}. Make one with: taper backup\n",
                    store.backups_dir().display()
                ));
            }
            let mut out = format!(
                "Backups in {}, newest first:\n",
                store.backups_dir().display()
            );
            for b in &list {
                out.push_str(&format!(
                    "{}  {:>8}  {:<15} {}\n",
                    b.created_at,
                    size_text(b.size_bytes),
                    kind_text(b.kind),
                    b.file_name
                ));
            }
            Ok(out)
        }
        None => {
            let b = store.back_up(BackupKind::Manual, Utc::now())?;
            if json {
                return json_doc(&b);
            }
            Ok(format!(
                "Backed up to {} ({}), checked.\n",
                b.path,
                size_text(b.size_bytes)
            ))
        }
    }
}

#[derive(Serialize)]
struct Restored<'a> {
    restored_from: String,
    kept_as: Option<&'a BackupInfo>,
}

pub fn restore(file: &str, json: bool) -> Result<String> {
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
