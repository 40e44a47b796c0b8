//! Opening the diary: where it is, the pragmas every connection gets, the key, view-only
//! opening when the file cannot be written, this process's hold on it, and the identity of the
//! file a connection has open.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use rusqlite::{Connection, OpenFlags};

use super::cipher::{self, DiaryFile, Passphrase};
use super::lock;
use super::migrate::{self, migrate};
use super::schema_check::{self, schema_problem};
use super::snapshots::{self, BackupKind};
use super::Store;
use crate::error::{Error, Result};

/// File name of the diary inside the data folder.
pub const DB_FILE: &str = "taper.db";
/// Environment variable naming the data folder (tests and portable installs use it).
pub const DATA_DIR_ENV: &str = "TAPER_DATA_DIR";
/// How long a writer waits for another process's lock before saying so.
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(1500);

/// The data folder: `$TAPER_DATA_DIR`, else the platform data folder (XDG on Linux) + `taper`.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir().map(|d| d.join("taper")).ok_or_else(|| {
        Error::Storage("no data folder could be found for this user (HOME is not set)".into())
    })
}

/// Whether there is no diary at `path` yet: no file, or an empty one with no log beside it (a
/// new SQLite database is an empty file until its first write; a crash or a failed copy can
/// leave one too). Such a path gets a first start, or the backups when there are some (see
/// [`super::missing_diary`]); commands that only read refuse it, and nothing is created.
pub fn no_diary_at(path: &Path) -> bool {
    let wal_is_empty =
        || std::fs::metadata(super::fs::side_file(path, "-wal")).map_or(true, |m| m.len() == 0);
    match std::fs::metadata(path) {
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        Ok(m) => m.is_file() && m.len() == 0 && wal_is_empty(),
    }
}

/// Whether the diary file exists and the system refuses to open it for writing (a read-only
/// file or file system). Opening for append writes nothing.
fn cannot_write(path: &Path) -> bool {
    path.is_file()
        && matches!(
            std::fs::OpenOptions::new().append(true).open(path),
            Err(e) if matches!(
                e.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            )
        )
}

/// Sets the pragmas every connection uses. The file must already be known to be a readable
/// database of a version this build understands before WAL is switched on (that writes).
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Whether the diary file at `path` is still the file a connection opened as `opened`: another
/// program may have replaced or removed it (Taper itself never does while a store holds it).
pub(super) fn still_current(path: &Path, opened: Option<FileId>) -> Result<()> {
    if opened.is_some() && FileId::of(path) == opened {
        return Ok(());
    }
    Err(Error::Storage(format!(
        "{} was replaced or removed by another program after Taper opened it, so nothing was saved (saving would have gone into a file that is no longer your diary). Close Taper and open it again",
        path.display()
    )))
}

/// Which file a path names: device and inode on Unix. Two equal ids are the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    pub(super) fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| FileId(m.dev(), m.ino()))
    }

    #[cfg(not(unix))]
    pub(super) fn of(path: &Path) -> Option<FileId> {
        let m = std::fs::metadata(path).ok()?;
        let at = m
            .created()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(FileId(at.as_secs(), u64::from(at.subsec_nanos())))
    }
}

/// `today` is the current diary day (respecting the day-start hour).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub db_path: String,
    pub today: String,
    /// The diary could only be opened view-only (a read-only file or folder).
    pub read_only: bool,
    /// The diary is encrypted with a passphrase.
    pub encrypted: bool,
    /// The first-start onboarding is due ([`crate::settings::onboarding_due`]; entries are
    /// [`Store::has_entries`]).
    pub onboarding: bool,
}

/// How [`Store::open_with`] opens a diary. The default: no passphrase, and a missing diary is
/// started.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions<'a> {
    /// The passphrase of an encrypted diary (a diary started with one is encrypted with it; a
    /// plain diary opens without it).
    pub key: Option<&'a Passphrase>,
    /// Only a diary that is already there: never start one (for tools that only read).
    pub existing_only: bool,
}

impl<'a> OpenOptions<'a> {
    /// Only a diary that is already there.
    pub fn existing() -> Self {
        OpenOptions {
            existing_only: true,
            ..OpenOptions::default()
        }
    }

    /// With this passphrase (or none).
    pub fn key(self, key: Option<&'a Passphrase>) -> Self {
        OpenOptions { key, ..self }
    }
}

impl Store {
    /// Opens (creating if needed) the diary in the data folder.
    pub fn open_default() -> Result<Store> {
        let dir = data_dir()?;
        std::fs::create_dir_all(&dir)?;
        Store::open(&dir.join(DB_FILE))
    }

    /// Opens (creating if needed) the diary at `path` and brings its schema up to date: the
    /// usual case of [`Store::open_with`] (no passphrase, a missing diary is started).
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, OpenOptions::default())
    }

    /// Opens the diary at `path` the one way every caller does (the app, the command line,
    /// backups and encryption), as `options` say. A damaged file, a file that is not a
    /// database, one from a newer Taper, or a database that is not a Taper diary (another
    /// program's, or one holding a table, view or trigger Taper does not make:
    /// [`Error::Corrupt`], see [`schema_problem`]) is refused without a single byte written. A
    /// missing or empty (0-byte) file is a new diary, or with [`OpenOptions::existing`] the
    /// refusal `Error::Storage("no diary exists yet at …")` (code `missing`). An encrypted diary
    /// without a key is [`Error::NeedsPassphrase`]; a key that does not open it is
    /// [`Error::WrongPassphrase`], told apart from damage. A file or folder that cannot be
    /// written opens view-only ([`AppInfo::read_only`]).
    pub fn open_with(path: &Path, options: OpenOptions<'_>) -> Result<Store> {
        if options.existing_only && (!path.is_file() || no_diary_at(path)) {
            return Err(Error::Storage(format!(
                "no diary exists yet at {}",
                path.display()
            )));
        }
        Store::open_held(path, !options.existing_only, options.key, None)
    }

    /// [`Store::open_with`] for an existing diary while this process already holds it
    /// exclusively (crate only: "Use this backup" checks the diary it may replace).
    pub(crate) fn open_existing_held(
        path: &Path,
        key: Option<&Passphrase>,
        held: Arc<lock::DiaryLock>,
    ) -> Result<Store> {
        Store::open_held(path, false, key, Some(held))
    }

    /// Opens the diary at `path` with this process's hold on it: `held` when the caller has
    /// one already (it is replacing the file), else a new shared hold. See [`Store::open`].
    fn open_held(
        path: &Path,
        create: bool,
        key: Option<&Passphrase>,
        held: Option<Arc<lock::DiaryLock>>,
    ) -> Result<Store> {
        let hold = match held {
            Some(h) => Some(h),
            None => match lock::DiaryLock::shared(path) {
                Ok(h) => Some(Arc::new(h)),
                // No lock file in a folder that cannot be written: view-only, below.
                Err(Error::ReadOnly(_)) if cannot_write(path) => None,
                Err(e) => return Err(e),
            },
        };
        // An encrypted diary's key is derived once, here, and both connections below (the
        // untouched check and the diary's own) open with it.
        let mut derived = None;
        let key = match cipher::diary_file(path) {
            DiaryFile::Encrypted => {
                let key = key.ok_or(Error::NeedsPassphrase)?;
                let raw = derived.insert(key.derived_for(path)?);
                cipher::verify_key(path, raw)?;
                Some(key)
            }
            // An empty file is a new diary: encrypted when a passphrase was given.
            DiaryFile::Missing => key,
            DiaryFile::Plain if no_diary_at(path) => key,
            DiaryFile::Plain | DiaryFile::Unknown => None,
        };
        let connect = derived.as_ref().or(key);
        let opened = match hold.clone() {
            Some(h) => match Store::open_writable(path, create, connect) {
                // A diary that is there but cannot be written (a read-only file or file
                // system) opens view-only, so it can still be read and exported. Other
                // trouble (a full disk, say) is reported as it is.
                Err(e @ (Error::ReadOnly(_) | Error::Storage(_))) if cannot_write(path) => {
                    Store::open_view_only(path, connect).map_err(|_| e)
                }
                other => other,
            }
            .map(|s| (s, Some(h))),
            None => Store::open_view_only(path, connect).map(|s| (s, None)),
        };
        let (mut store, hold) = opened?;
        // The store keeps the passphrase (its backups and copies have salts of their own).
        store.key = key.cloned();
        store.lock = hold;
        store.file_id = FileId::of(path);
        Ok(store)
    }

    /// Opens the same diary again after its file was replaced, keeping this process's hold.
    /// On failure `self` stays closed (its connection is in memory only; every write fails).
    pub(crate) fn reopen(&mut self, key: Option<&Passphrase>) -> Result<()> {
        let path = self.path.clone();
        *self = Store::open_held(&path, true, key, self.lock.clone())?;
        Ok(())
    }

    /// Moves everything in the WAL into the file and empties the WAL, so the file alone is the
    /// whole diary and nothing stale can be replayed into a file swapped in after.
    pub(super) fn checkpoint_all(&self) -> Result<()> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get("busy"))?;
        if busy != 0 {
            return Err(Error::Locked);
        }
        Ok(())
    }

    /// Closes the connection before the file is swapped (`self` must be opened again after).
    /// On failure the connection stays open and `self` is unchanged.
    pub(super) fn close_connection(&mut self) -> Result<()> {
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = old.close() {
            self.conn = conn;
            return Err(e.into());
        }
        Ok(())
    }

    /// Runs `f` (which replaces the diary file) with the diary to this process alone; refused
    /// with [`Error::Busy`] within [`super::EXCLUSIVE_WAIT`] while another process has it open.
    pub(crate) fn exclusively<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let Some(hold) = self.lock.clone() else {
            return Err(Error::ReadOnly(format!(
                "{}: a view-only diary cannot be replaced",
                self.path.display()
            )));
        };
        let _exclusive = lock::ExclusiveHold::new(hold)?;
        f(self)
    }

    /// Opens the diary strictly read-only: no file is created, changed or locked for writing.
    fn open_view_only(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = |query: &str| {
            format!(
                "file:{}?{query}",
                path.display()
                    .to_string()
                    .replace('?', "%3f")
                    .replace('#', "%23")
            )
        };
        // `mode=ro` sees a live WAL; on read-only media without its -shm file SQLite needs
        // `immutable=1` (nothing else can be writing there).
        let mut conn = Connection::open_with_flags(uri("mode=ro"), flags)?;
        cipher::apply_key(&conn, key)?;
        if migrate::user_version(&conn).is_err() {
            conn = Connection::open_with_flags(uri("immutable=1"), flags)?;
            cipher::apply_key(&conn, key)?;
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let version = migrate::user_version(&conn)?;
        if version > migrate::latest() {
            return Err(Error::NewerVersion {
                found: version,
                known: migrate::latest(),
            });
        }
        if version < migrate::latest() {
            return Err(Error::ReadOnly(format!(
                "{}: this diary needs an update to open in this version of Taper, and it cannot be written",
                path.display()
            )));
        }
        schema_check::quick_check(&conn)?;
        not_a_diary(&conn, version, path)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            settings: Default::default(),
            read_only: true,
            key: key.cloned(),
            lock: None,
            file_id: None,
        })
    }

    /// Whether the diary was opened view-only (see [`AppInfo::read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn open_writable(path: &Path, create: bool, key: Option<&Passphrase>) -> Result<Store> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let in_file = |e: Error| match e {
            Error::Corrupt(msg) => Error::Corrupt(format!("{}: {msg}", path.display())),
            Error::ReadOnly(msg) => Error::ReadOnly(format!("{}: {msg}", path.display())),
            other => other,
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| in_file(e.into()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        cipher::apply_key(&conn, key)?;
        // Reading the header first: fails on garbage (or a wrong passphrase), and tells a newer
        // schema apart.
        let version = migrate::user_version(&conn).map_err(|e| match (e, key) {
            (e @ Error::Corrupt(_), Some(key)) => {
                cipher::wrong_key_or_damage(path, key, in_file(e))
            }
            (e, _) => in_file(e),
        })?;
        if version > migrate::latest() {
            return Err(Error::NewerVersion {
                found: version,
                known: migrate::latest(),
            });
        }
        // A structural check on every start: damage is reported before anything is written.
        schema_check::quick_check(&conn)
            .map_err(|e| match e {
                // An encrypted page that does not authenticate, under a passphrase that opened
                // the header, surfaces as a plain SQL error: it is damage.
                Error::Storage(msg) if key.is_some() => {
                    Error::Corrupt(format!("a page could not be decrypted ({msg})"))
                }
                other => other,
            })
            .map_err(in_file)?;
        not_a_diary(&conn, version, path)?;
        if version >= 1 && version < migrate::latest() {
            // An upgrade only adds, but a copy is kept anyway.
            snapshots::write_backup(
                &conn,
                &snapshots::backups_dir_of(path),
                BackupKind::BeforeUpgrade,
                Utc::now(),
                key,
            )
            .map_err(in_file)?;
        }
        configure(&conn).map_err(in_file)?;
        migrate(&mut conn).map_err(in_file)?;
        Ok(Store {
            conn,
            path: path.to_owned(),
            settings: Default::default(),
            read_only: false,
            key: key.cloned(),
            lock: None,
            file_id: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for the export module's reads (crate only).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection, for the export module's import preview (crate only).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// A number that changes when another connection (another window, the `taper` command)
    /// commits to the diary; this store's own commits leave it as it is (SQLite's
    /// `PRAGMA data_version`). The app compares it to tell that what it shows is out of date.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get("data_version"))?)
    }

    /// Where the diary lives and which diary day it is now, for the app's Settings and Today.
    pub fn info(&self, version: &str, now_local: chrono::NaiveDateTime) -> Result<AppInfo> {
        let path = &self.path;
        Ok(AppInfo {
            version: version.to_owned(),
            data_dir: path.parent().unwrap_or(path).display().to_string(),
            db_path: path.display().to_string(),
            today: self.today(now_local)?.format("%Y-%m-%d").to_string(),
            read_only: self.read_only,
            encrypted: self.key.is_some(),
            onboarding: crate::settings::onboarding_due(
                &self.settings()?,
                self.has_entries()?,
                self.read_only,
            ),
        })
    }

    /// Whether the diary is encrypted (opened with a passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }
}

/// Refuses, untouched, a database that is not a Taper diary ([`schema_problem`]).
fn not_a_diary(conn: &Connection, version: i64, path: &Path) -> Result<()> {
    match schema_problem(conn, version)? {
        Some(why) => Err(Error::Corrupt(format!("{}: {why}", path.display()))),
        None => Ok(()),
    }
}
