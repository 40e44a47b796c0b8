//! The way out when the diary cannot be opened: what went wrong, the backups there are, and
//! putting a backup in the diary's place without touching the file that failed (it is renamed
//! aside, byte for byte as it was, never overwritten, repaired or deleted).

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::cipher::Passphrase;
use super::fs::{db_name, side_file, SIDES};
use super::snapshots::{backups_dir_of, check_backup, list_backups, BackupInfo};
use super::Store;
use crate::error::{ApiError, Error, ErrorCode, Result};

/// Why the diary could not be opened, and the ways out the trouble screen offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Trouble {
    /// Whether starting a new, empty diary is a way out (the diary file is missing).
    pub can_start_new: bool,
    pub error: ApiError,
    /// The diary file that failed.
    pub db_path: String,
    /// Backups that could take its place, newest first.
    pub backups: Vec<BackupInfo>,
    /// Whether restoring a backup is a way out of this trouble (a damaged diary, or one from a
    /// newer Taper); a locked diary or an unreadable folder needs Try again instead.
    pub can_restore: bool,
}

/// What the trouble screen shows for `error` opening the diary at `db`.
pub fn trouble(db: &Path, error: ApiError) -> Trouble {
    let can_restore = restorable(error.code);
    Trouble {
        can_start_new: error.code == ErrorCode::DiaryMissing,
        db_path: db.display().to_string(),
        // Listing is best effort: a folder that cannot be read has no backups to offer.
        backups: list_backups(&backups_dir_of(db)).unwrap_or_default(),
        can_restore,
        error,
    }
}

fn restorable(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::Corrupt | ErrorCode::NewerVersion | ErrorCode::DiaryMissing
    )
}

/// Whether `file` is a diary the trouble screen set aside from the diary named `name`
/// (`<name>.unopened-<time>`; not its `-wal` or `-shm`).
pub(super) fn is_set_aside_name(name: &str, file: &str) -> bool {
    file.strip_prefix(name)
        .and_then(|r| r.strip_prefix(".unopened-"))
        .is_some_and(|r| !SIDES.iter().any(|side| r.ends_with(side)))
}

/// For a diary file that is not there: why a start must not be a first start when copies of
/// it are (backups in `backups/`, or diaries the trouble screen set aside): the trouble
/// screen then offers the backups, and a new diary only if the person chooses it. `None`
/// when the diary is there or nothing of it is (a true first start).
pub fn missing_diary(db: &Path) -> Option<ApiError> {
    if !super::no_diary_at(db) {
        return None;
    }
    let backups = list_backups(&backups_dir_of(db)).unwrap_or_default().len();
    let name = db_name(db);
    let aside = db
        .parent()
        .and_then(|d| std::fs::read_dir(d).ok())
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| is_set_aside_name(&name, &e.file_name().to_string_lossy()))
                .count()
        })
        .unwrap_or(0);
    if backups == 0 && aside == 0 {
        return None;
    }
    let mut message = format!(
        "Your diary file is missing or empty ({}), but Taper found {}.",
        db.display(),
        match backups {
            0 => "no backups of it".to_owned(),
            1 => "a backup of it".to_owned(),
            n => format!("{n} backups of it"),
        }
    );
    if aside > 0 {
        message.push_str(&format!(
            " It also kept {} that could not be opened earlier, beside where the diary was.",
            if aside == 1 {
                "a diary file".to_owned()
            } else {
                format!("{aside} diary files")
            }
        ));
    }
    message.push_str(" Start again from a backup, or start a new, empty diary.");
    Some(ApiError {
        code: ErrorCode::DiaryMissing,
        message,
        field: None,
    })
}

/// The diary at `db` after a backup took its place; `set_aside` is where the diary that could
/// not be opened now is, unchanged (`None` when there was no diary file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Recovered {
    pub set_aside: Option<String>,
}

/// Puts the backup `backup` where the diary `db` was, for a diary that cannot be opened because
/// it is damaged or from a newer Taper. The backup is fully checked first. The diary (and its
/// `-wal` and `-shm` files) is renamed to `<name>.unopened-<time>` beside it, not changed; if
/// anything fails, the names are put back. A diary that opens, or is only locked, is refused:
/// restoring over it belongs in Settings, where the current diary is backed up first.
/// `key` is the diary's passphrase when it is encrypted (its backups share it).
pub fn recover_from_backup(
    db: &Path,
    backup: &Path,
    key: Option<&Passphrase>,
    now: DateTime<Utc>,
) -> Result<Recovered> {
    check_backup(backup, key)?;
    // The diary to this process alone while its file is replaced.
    let hold = super::lock::DiaryLock::exclusive(db)?;
    if !super::no_diary_at(db) {
        match Store::open_existing_held(db, key, hold.lock()) {
            Ok(_) => {
                return Err(Error::invalid(
                    "backup",
                    "Your diary opens normally now, so nothing was replaced. To go back to a backup, use Settings → Backups.",
                ))
            }
            Err(e) if restorable(e.code()) => {}
            Err(e) => return Err(e),
        }
    }
    let name = db_name(db);
    let aside = db.with_file_name(format!(
        "{name}.unopened-{}",
        now.format("%Y-%m-%dT%H%M%SZ")
    ));
    if std::iter::once("")
        .chain(SIDES)
        .any(|s| side_file(&aside, s).exists())
    {
        return Err(Error::Storage(format!(
            "{} already exists; try again in a second",
            aside.display()
        )));
    }
    // Put back what was done when a step fails: (the set-aside name, the diary's own name) of
    // each file renamed aside, and the set-aside link of the diary file when it got one.
    let mut moved: Vec<&str> = Vec::new();
    let mut linked = false;
    let done = (|| -> Result<()> {
        // The copy first: a crash at any point leaves a diary in place (the one that failed,
        // or the backup), never a folder without one. Deleted when dropped unless renamed.
        let tmp = super::fs::temp_beside(db, "recover")?;
        std::fs::copy(backup, tmp.path())?;
        tmp.as_file().sync_all()?;
        crate::crash::point("recover:copied");
        // The failed diary keeps its own name until the backup replaces it in one rename: it
        // gets its set-aside name as a second link first (renamed only where the file system
        // has no links). Its -wal and -shm are renamed aside before that rename, so the
        // backup never meets the old diary's journal.
        if db.exists() {
            if std::fs::hard_link(db, &aside).is_ok() {
                linked = true;
            } else {
                std::fs::rename(db, &aside)?;
                moved.push("");
            }
        }
        for side in SIDES {
            if side_file(db, side).exists() {
                std::fs::rename(side_file(db, side), side_file(&aside, side))?;
                moved.push(side);
            }
        }
        super::fs::sync_folder(db);
        crate::crash::point("recover:set-aside");
        tmp.persist(db).map_err(|e| crate::file::plain(e.error))?;
        super::fs::sync_folder(db);
        Ok(())
    })();
    if let Err(e) = done {
        for side in &moved {
            let _ = std::fs::rename(side_file(&aside, side), side_file(db, side));
        }
        if linked {
            let _ = std::fs::remove_file(&aside);
        }
        return Err(e);
    }
    Ok(Recovered {
        set_aside: (linked || !moved.is_empty()).then(|| aside.display().to_string()),
    })
}
