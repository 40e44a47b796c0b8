//! What the app shows before the diary: a first start, the unlock screen, the app lock, the
//! trouble screen, or the diary itself. And "Delete all my data", which returns to first start.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::fs::{db_name, remove_files, side_file, sync_folder, SIDES};
use super::recover::{trouble, Trouble};
use super::snapshots::BACKUP_DIR;
use crate::error::{ApiError, Error, ErrorCode, Result};

/// The screen the app starts on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Opening {
    /// The diary is open.
    Open,
    /// No diary yet: welcome, and the offer to protect it with a passphrase.
    FirstStart,
    /// An encrypted diary: ask for its passphrase.
    NeedsPassphrase { db_path: String },
    /// The app is locked; `encrypted` says whether unlocking needs the passphrase.
    AppLocked { encrypted: bool },
    /// The diary cannot be opened: why, and the ways out.
    Trouble { trouble: Trouble },
}

/// The opening screen for the diary at `db`, given why it is not open (`None`: it is).
pub fn opening(db: &Path, not_open: Option<ApiError>) -> Opening {
    let Some(error) = not_open else {
        return Opening::Open;
    };
    match error.code {
        ErrorCode::FirstStart => Opening::FirstStart,
        ErrorCode::NeedsPassphrase => Opening::NeedsPassphrase {
            db_path: db.display().to_string(),
        },
        ErrorCode::AppLocked => Opening::AppLocked {
            encrypted: super::cipher::diary_file(db) == super::cipher::DiaryFile::Encrypted,
        },
        _ => Opening::Trouble {
            trouble: trouble(db, error),
        },
    }
}

/// What the person types to confirm "Delete all my data".
pub const DELETE_CONFIRMATION: &str = "delete my data";

/// Checks the typed confirmation of "Delete all my data".
pub fn confirm_delete(confirmation: &str) -> Result<()> {
    if confirmation
        .trim()
        .eq_ignore_ascii_case(DELETE_CONFIRMATION)
    {
        Ok(())
    } else {
        Err(Error::invalid(
            "confirmation",
            format!("Type “{DELETE_CONFIRMATION}” to confirm. Nothing was deleted."),
        ))
    }
}

/// Deletes everything Taper keeps about the person in the data folder of the diary `db`: the
/// diary (its settings are inside it) with its `-wal` and `-shm` files, its backups, diaries
/// set aside by the trouble screen, and Taper's temporary and lock files. Only names Taper
/// makes are deleted: other files in the folder or in `backups/` are left alone, and
/// `backups/` itself goes only when nothing else is in it. `confirmation` must be
/// [`DELETE_CONFIRMATION`] (any case, spaces around). Refused with [`Error::Busy`] while
/// another process (the app, a `taper` command) has the diary open; this process must have
/// closed it. Returns what was deleted.
pub fn delete_everything(db: &Path, confirmation: &str) -> Result<Vec<PathBuf>> {
    confirm_delete(confirmation)?;
    let dir = db.parent().unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    // The diary to this process alone: refused while the app or a `taper` command has it.
    let hold = super::lock::DiaryLock::exclusive(db)?;
    let name = db_name(db);
    let mut deleted = remove_files(dir, |file| is_diary_file_name(&name, file))?;
    let backups = dir.join(BACKUP_DIR);
    if backups.is_dir() {
        deleted.extend(remove_files(
            &backups,
            super::snapshots::is_backup_file_name,
        )?);
        // Only an empty folder: it may hold files Taper never made.
        if std::fs::remove_dir(&backups).is_ok() {
            deleted.push(backups);
        }
    }
    // The lock files last, while still held (they hold nothing of the person's).
    let locks = super::lock::lock_files(db);
    deleted.extend(remove_files(dir, |file| {
        locks
            .iter()
            .any(|l| l.file_name().is_some_and(|n| n == file))
    })?);
    drop(hold);
    sync_folder(db);
    Ok(deleted)
}

/// Whether `file` is a name Taper makes beside the diary named `name`: the diary, its `-wal`
/// and `-shm`, diaries set aside by the trouble screen, its temporary files.
fn is_diary_file_name(name: &str, file: &str) -> bool {
    file == name
        || file
            .strip_prefix(name)
            .is_some_and(|rest| SIDES.contains(&rest) || rest.starts_with(".unopened-"))
        || (file.starts_with(&format!(".{name}.")) && file.ends_with(".tmp"))
}

impl super::Store {
    /// Whether writing a file at `path` would replace the diary or one of its copies: the
    /// diary, its `-wal`/`-shm`, lock, temporary and set-aside files, or a backup — by name in
    /// the diary's folder or `backups/`, or as the same file reached another way (a link).
    /// Exports check this so they can never overwrite what they came from.
    pub fn is_own_file(&self, path: &Path) -> bool {
        let db = self.path();
        let name = db_name(db);
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = |p: &Path| {
            p.parent()
                .map(|d| {
                    if d.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        d
                    }
                })
                .and_then(|d| d.canonicalize().ok())
        };
        let here = folder(path);
        let locks = super::lock::lock_files(db);
        let named_beside = is_diary_file_name(&name, &file)
            || locks
                .iter()
                .any(|l| l.file_name().is_some_and(|n| *n == *file));
        if named_beside && here.is_some() && here == folder(db) {
            return true;
        }
        let backups = self.backups_dir();
        if here.is_some()
            && here == backups.canonicalize().ok()
            && super::snapshots::is_backup_file_name(&file)
        {
            return true;
        }
        let Some(id) = super::FileId::of(path) else {
            return false;
        };
        let mut copies: Vec<PathBuf> = std::iter::once("")
            .chain(SIDES)
            .map(|side| side_file(db, side))
            .collect();
        copies.extend(locks);
        copies.extend(
            super::snapshots::list_backups(&backups)
                .unwrap_or_default()
                .into_iter()
                .map(|b| PathBuf::from(b.path)),
        );
        copies.iter().any(|c| super::FileId::of(c) == Some(id))
    }
}
