//! Backups without being asked, and restore.
//!
//! A backup is a consistent copy made by SQLite itself (`VACUUM INTO`, never a file copy of a
//! live database), written under a temporary name in `backups/` beside the diary, checked with a
//! full `PRAGMA integrity_check`, then renamed into place. Automatic backups are made on start
//! when the newest backup is more than a day old; seven daily and four weekly are kept. A backup
//! is also made before every schema migration and before every restore; those, and backups made
//! on request, are never deleted by Taper.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use rusqlite::{named_params, Connection};
use serde::{Deserialize, Serialize};
use tempfile::NamedTempFile;
use ts_rs::TS;

use super::cipher::{self, DiaryFile, Passphrase};
use super::fs::{swap_in, sync_folder, temp_beside, DB_MODE};
use super::migrate;
use super::schema_check::integrity;
use super::Store;
use crate::error::{Error, Result};

/// Folder of the backups, inside the data folder.
pub const BACKUP_DIR: &str = "backups";
/// Automatic backups kept: the newest of each of this many days…
pub const KEEP_DAILY: usize = 7;
/// …and the newest of each of this many weeks.
pub const KEEP_WEEKLY: usize = 4;

const STAMP: &str = "%Y-%m-%dT%H%M%SZ";

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// On start, when the newest backup was more than a day old.
    Automatic,
    /// "Back up now" / `taper backup`.
    Manual,
    /// Before a schema upgrade.
    BeforeUpgrade,
    /// Before a restore replaced the diary.
    BeforeRestore,
}

impl BackupKind {
    fn tag(self) -> &'static str {
        match self {
            BackupKind::Automatic => "auto",
            BackupKind::Manual => "manual",
            BackupKind::BeforeUpgrade => "before-upgrade",
            BackupKind::BeforeRestore => "before-restore",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        [
            BackupKind::Automatic,
            BackupKind::Manual,
            BackupKind::BeforeUpgrade,
            BackupKind::BeforeRestore,
        ]
        .into_iter()
        .find(|k| k.tag() == tag)
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    pub path: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
    pub size_bytes: u64,
    pub kind: BackupKind,
}

/// `taper-2026-11-25T091500Z-auto.db` → (time, kind). Other files are not Taper's backups.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix("taper-")?.strip_suffix(".db")?;
    let (stamp, tag) = rest.split_at_checked(STAMP.len() + 2)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let kind = BackupKind::from_tag(tag.strip_prefix('-')?)?;
    Some((at, kind))
}

/// Whether `name` is a file Taper makes in `backups/`: a backup (a name [`list_backups`]
/// accepts), or one of its temporary files.
pub(crate) fn is_backup_file_name(name: &str) -> bool {
    // `.<backup>.<random>.tmp` while it is written, `.<backup>.convert.<random>.tmp` while
    // converted (`.<backup>.<pid>-<n>.tmp`, `.<backup>.convert.tmp` from earlier versions),
    // `.<backup>.lock` while a backup is opened as a diary.
    let temp = name
        .strip_prefix('.')
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".lock") || n.ends_with(".app-lock"))
        .and_then(|n| n.find(".db.").map(|end| &n[..end + 3]));
    parse_name(temp.unwrap_or(name)).is_some()
}

fn file_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    format!("taper-{}-{}.db", at.format(STAMP), kind.tag())
}

/// Every backup in `dir`, newest first. A missing folder has none.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((at, kind)) = parse_name(&name) else {
            continue;
        };
        let meta = match entry.metadata() {
            Ok(m) => m,
            // Pruned by another process since the folder was read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e.into()),
        };
        // Only files that look like a database (plain or encrypted): a stray file with a
        // backup's name is not offered.
        if !meta.is_file() || cipher::diary_file(&entry.path()) == DiaryFile::Unknown {
            continue;
        }
        out.push(BackupInfo {
            path: entry.path().display().to_string(),
            file_name: name,
            created_at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            size_bytes: meta.len(),
            kind,
        });
    }
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

/// Deletes the automatic backups beyond the newest of each of the last [`KEEP_DAILY`] days and
/// [`KEEP_WEEKLY`] weeks. Other kinds are never deleted. Returns what was deleted.
pub fn prune(dir: &Path) -> Result<Vec<PathBuf>> {
    let autos: Vec<(DateTime<Utc>, BackupInfo)> = list_backups(dir)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .filter_map(|b| parse_name(&b.file_name).map(|(at, _)| (at, b)))
        .collect();
    // Newest first: the first of each day / week is the one kept.
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut deleted = Vec::new();
    for (at, b) in autos {
        let day = at.date_naive();
        let week = (day.iso_week().year(), day.iso_week().week());
        let mut keep = false;
        if !days.contains(&day) && days.len() < KEEP_DAILY {
            days.push(day);
            keep = true;
        }
        if !weeks.contains(&week) && weeks.len() < KEEP_WEEKLY {
            weeks.push(week);
            keep = true;
        }
        if !keep {
            let path = PathBuf::from(&b.path);
            match std::fs::remove_file(&path) {
                Ok(()) => deleted.push(path),
                // Another process pruning at the same time got there first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(deleted)
}

/// Checks a backup before it is trusted: a readable Taper diary that passes a full integrity
/// check, is not from a newer Taper, and holds exactly the tables and indexes Taper's migrations
/// make for its version (no other table, view or trigger; `Error::Invalid` on "backup"). An
/// encrypted backup is read with `key` (the diary's). Returns its schema version. Writes nothing.
pub fn check_backup(path: &Path, key: Option<&Passphrase>) -> Result<i64> {
    if !path.is_file() {
        let why = if path.exists() {
            "is not a regular file (a folder, a device or a pipe)"
        } else {
            "does not exist"
        };
        return Err(Error::invalid(
            "backup",
            format!("There is no backup file at {}: it {why}.", path.display()),
        ));
    }
    let key = match cipher::diary_file(path) {
        DiaryFile::Encrypted => Some(key.ok_or(Error::NeedsPassphrase)?),
        DiaryFile::Unknown => return Err(not_a_backup(path)),
        _ => None,
    };
    let conn = cipher::open_untouched(path, key)?;
    let version = migrate::user_version(&conn).map_err(|e| match (e, key) {
        (e @ Error::Corrupt(_), Some(key)) => match cipher::wrong_key_or_damage(path, key, e) {
            // Backups are made with the diary's key: one that does not open is another diary's.
            Error::WrongPassphrase => Error::invalid(
                "backup",
                format!(
                    "{} is encrypted with another passphrase than this diary's.",
                    path.display()
                ),
            ),
            other => other,
        },
        (Error::Corrupt(_), None) => not_a_backup(path),
        (e, _) => e,
    })?;
    if version > migrate::latest() {
        return Err(Error::NewerVersion {
            found: version,
            known: migrate::latest(),
        });
    }
    integrity(&conn, "integrity_check").map_err(|e| match e {
        Error::Corrupt(m) => Error::Corrupt(format!("the backup {}: {m}", path.display())),
        other => other,
    })?;
    let has_diary: i64 = conn.query_row(
        "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'dose'",
        [],
        |r| r.get("n"),
    )?;
    if version < 1 || has_diary == 0 {
        return Err(Error::invalid(
            "backup",
            format!("{} is not a Taper backup.", path.display()),
        ));
    }
    // Tables, views or triggers Taper does not make are refused before anything is swapped in.
    if let Some(why) = super::schema_check::schema_problem(&conn, version)? {
        return Err(Error::invalid(
            "backup",
            format!("{} is not a Taper backup: {why}.", path.display()),
        ));
    }
    Ok(version)
}

/// The refusal of a file offered as a backup that is not one (the diary itself is not at
/// fault): a JSON backup is pointed to the import, anything else named as not a backup.
fn not_a_backup(path: &Path) -> Error {
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let text = String::from_utf8_lossy(&head[..n]);
    let json = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    Error::invalid(
        "backup",
        if json {
            format!(
                "{} is an exported backup (JSON), not a backup file Taper made: bring it in with Share → Import (`taper import`). Your diary has not been changed.",
                path.display()
            )
        } else {
            format!(
                "{} is damaged or is not a Taper backup. Your diary has not been changed.",
                path.display()
            )
        },
    )
}

/// Makes a consistent copy of the database `conn` has open, into `dir`, named for `at` and
/// `kind`. The copy is written under a temporary name, fully checked, then renamed.
pub(super) fn write_backup(
    conn: &Connection,
    dir: &Path,
    kind: BackupKind,
    at: DateTime<Utc>,
    key: Option<&Passphrase>,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(dir)?;
    // A temporary file of its own for the copy in progress (a random name, created only where
    // no file is): two processes, or two threads, backing up at once never write into, or
    // delete, each other's files. Deleted when dropped, unless it got its backup name.
    let tmp = crate::file::temp_beside(&dir.join(file_name(at, kind)), ".", DB_MODE)?;
    // VACUUM INTO writes into an empty file as into a new one.
    conn.execute(
        "VACUUM INTO :file",
        named_params! {":file": tmp.path().display().to_string()},
    )?;
    {
        // VACUUM INTO writes the copy with the diary's own key.
        let copy = cipher::open_untouched(tmp.path(), key)?;
        integrity(&copy, "integrity_check")?;
    }
    tmp.as_file().sync_all()?;
    let size_bytes = tmp.as_file().metadata()?.len();
    let (at, name) = place_without_replacing(tmp, dir, at, kind)?;
    sync_folder(&dir.join(&name));
    let path = dir.join(&name);
    Ok(BackupInfo {
        size_bytes,
        path: path.display().to_string(),
        file_name: name,
        created_at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        kind,
    })
}

/// Gives the finished copy `tmp` its backup name for `at` (or the next free second's), never
/// replacing a backup that is there: persisting without replacing (a rename that refuses a
/// taken name, or a hard link) fails when the name is taken, so two processes naming backups
/// in the same second each get their own. File systems that allow neither (FAT) fall back to
/// a rename after a check.
fn place_without_replacing(
    mut tmp: NamedTempFile,
    dir: &Path,
    mut at: DateTime<Utc>,
    kind: BackupKind,
) -> Result<(DateTime<Utc>, String)> {
    for _ in 0..120 {
        let name = file_name(at, kind);
        let dest = dir.join(&name);
        match tmp.persist_noclobber(&dest) {
            Ok(_) => return Ok((at, name)),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) if !dest.exists() => {
                e.file
                    .persist(&dest)
                    .map_err(|e| crate::file::plain(e.error))?;
                return Ok((at, name));
            }
            Err(e) => return Err(crate::file::plain(e.error).into()),
        }
        at += Duration::seconds(1);
    }
    Err(Error::Storage(format!(
        "no free backup name in {} for {}",
        dir.display(),
        at.format(STAMP)
    )))
}

/// The backup folder of the diary at `db`.
pub fn backups_dir_of(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

impl Store {
    /// Where this diary's backups go.
    pub fn backups_dir(&self) -> PathBuf {
        backups_dir_of(&self.path)
    }

    /// Backs up now. Automatic backups beyond the kept ones are pruned afterwards.
    pub fn back_up(&self, kind: BackupKind, now: DateTime<Utc>) -> Result<BackupInfo> {
        let dir = self.backups_dir();
        let info = write_backup(&self.conn, &dir, kind, now, self.key.as_ref())?;
        if kind == BackupKind::Automatic {
            prune(&dir)?;
        }
        Ok(info)
    }

    /// The daily backup: made when there is no backup younger than a day. A backup dated
    /// after `now` (made while the clock was wrong) does not count, so it never stops the
    /// daily backups.
    pub fn back_up_if_due(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let newest = list_backups(&self.backups_dir())?
            .into_iter()
            .filter_map(|b| parse_name(&b.file_name).map(|(at, _)| at))
            .filter(|at| *at <= now)
            .max();
        match newest {
            Some(at) if now - at < Duration::hours(24) => Ok(None),
            _ => self.back_up(BackupKind::Automatic, now).map(Some),
        }
    }

    /// The backups of this diary, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        list_backups(&self.backups_dir())
    }

    /// Replaces the diary with the backup at `backup`. The backup is checked first; the current
    /// diary is backed up (kind "before restore") before anything changes; the swap is a rename,
    /// so the diary is always either the old one or the restored one. Needs the diary to this
    /// process alone: while another process (the app, a `taper` command) has it open, the
    /// restore is refused with [`Error::Busy`] and nothing changes.
    /// Afterwards `self` is the restored diary (upgraded if the backup is older); if anything
    /// fails, `self` is the diary as it was.
    pub fn restore(&mut self, backup: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        check_backup(backup, self.key.as_ref())?;
        self.exclusively(|store| store.restore_held(backup, now))
    }

    /// [`Store::restore`] once this process holds the diary alone.
    fn restore_held(&mut self, backup: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
        let backup_key = match cipher::diary_file(backup) {
            DiaryFile::Encrypted => self.key.clone(),
            _ => None,
        };
        let kept = self.back_up(BackupKind::BeforeRestore, now)?;
        let key = self.key.clone();
        let path = self.path.clone();
        self.checkpoint_all()?;
        self.close_connection()?;
        let swapped = (|| -> Result<()> {
            // Deleted when dropped, unless swapped in.
            let tmp = temp_beside(&path, "restore")?;
            if backup_key == key {
                std::fs::copy(backup, tmp.path())?;
                tmp.as_file().sync_all()?;
            } else {
                // A plain backup from before the diary was encrypted: restored encrypted.
                let src = cipher::open_keyed(backup, backup_key.as_ref())?;
                cipher::export_to(&src, &tmp, key.as_ref())?;
            }
            swap_in(tmp, &path)
        })();
        if let Err(e) = swapped {
            self.reopen(key.as_ref())?;
            return Err(Error::Storage(format!(
                "the restore did not finish ({e}); your diary was kept as it was, and a copy is in {}",
                kept.path
            )));
        }
        self.reopen(key.as_ref())?;
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_files_are_ignored() {
        let at: DateTime<Utc> = "2026-11-25T09:15:00Z".parse().expect("time");
        for kind in [
            BackupKind::Automatic,
            BackupKind::Manual,
            BackupKind::BeforeUpgrade,
            BackupKind::BeforeRestore,
        ] {
            let name = file_name(at, kind);
            assert_eq!(parse_name(&name), Some((at, kind)), "{name}");
        }
        assert_eq!(
            file_name(at, BackupKind::Automatic),
            "taper-2026-11-25T091500Z-auto.db"
        );
        for other in [
            "taper.db",
            "notes.txt",
            "taper-2026-11-25-auto.db",
            "taper-2026-11-25T091500Z-x.db",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    #[test]
    fn only_taper_backup_names_and_their_temporary_files_are_taper_s() {
        for ours in [
            "taper-2026-11-25T091500Z-auto.db",
            ".taper-2026-11-25T091500Z-auto.db.4242-17.tmp",
            ".taper-2026-11-25T091500Z-manual.db.convert.tmp",
        ] {
            assert!(is_backup_file_name(ours), "{ours}");
        }
        for other in [
            "notes.txt",
            "taper-holiday.db",
            ".taper-2026-11-25T091500Z-auto.db",
            ".hidden.tmp",
            "photo.db.tmp",
        ] {
            assert!(!is_backup_file_name(other), "{other}");
        }
    }
}
