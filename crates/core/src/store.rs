//! The diary on disk: one SQLite file, opened with the same pragmas every time, every write
//! one IMMEDIATE transaction that is durable (synchronous=FULL) when it returns.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior,
};

use crate::checkin::{
    band_and_complete, score_summary, CheckIn, CheckInInput, ItemScore, ValidCheckIn,
};
use crate::day::{self, day_range, diary_day, local_display, local_text, offset_minutes};
use crate::dose::{Dose, DoseInput, Form, SavedAmount, Unit, ValidDose};
use crate::error::{Error, Result};
use crate::instrument;
use crate::medicine::{Medicine, MedicineInput, ValidMedicine};
use crate::migrate::{self, migrate};
use crate::settings::{QuickAmount, Settings, MAX_QUICK};
use crate::symptom::{custom_key_stem, valid_label, Symptom, KRATOM};
use crate::uid::new_uid;

mod backup;
mod cipher;
mod gate;
mod lock;
mod plans;
mod positions;
mod recover;
mod schema_check;
mod series;

pub use backup::{
    backups_dir_of, check_backup, list_backups, prune, BackupInfo, BackupKind, BACKUP_DIR,
    KEEP_DAILY, KEEP_WEEKLY,
};
pub use cipher::{diary_file, DiaryFile, Passphrase, MIN_PASSPHRASE_CHARS};
pub use gate::{confirm_delete, delete_everything, opening, Opening, DELETE_CONFIRMATION};
pub use lock::{identify_as_app, lock_files, EXCLUSIVE_WAIT, SHARED_WAIT};
pub use plans::{day_plan, targets_between, DayPlan, Plan, PlanChange, PlanVersion};
pub(crate) use positions::next_position;
pub use positions::MAX_POSITION;
pub use recover::{missing_diary, recover_from_backup, trouble, Recovered, Trouble};
pub use schema_check::schema_problem;
pub use series::DayTotal;

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
/// [`missing_diary`]); commands that only read refuse it, and nothing is created.
pub fn no_diary_at(path: &Path) -> bool {
    let wal_is_empty = || {
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        std::fs::metadata(PathBuf::from(wal)).map_or(true, |m| m.len() == 0)
    };
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
fn still_current(path: &Path, opened: Option<FileId>) -> Result<()> {
    if opened.is_some() && FileId::of(path) == opened {
        return Ok(());
    }
    Err(Error::Storage(format!(
        "{} was replaced or removed by another program after Taper opened it, so nothing was saved (saving would have gone into a file that is no longer your diary). Close Taper and open it again",
        path.display()
    )))
}

fn now_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

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

/// Which file a path names: device and inode on Unix. Two equal ids are the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64);

impl FileId {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| FileId(m.dev(), m.ino()))
    }

    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<FileId> {
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
}

/// A day as Today shows it. Doses and other medicines oldest first; check-ins newest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct DayView {
    pub date: String,
    pub doses: Vec<Dose>,
    pub total_g: f64,
    pub dose_count: i32,
    pub checkins: Vec<CheckIn>,
    pub medicines: Vec<Medicine>,
    /// The plan in force that day, when there is one.
    pub plan: Option<DayPlan>,
}

macro_rules! dose_columns {
    () => {
        "id, local_time, utc_offset_min, amount_dg, amount_entered, unit, form, product, estimated, note"
    };
}
macro_rules! medicine_columns {
    () => {
        "id, local_time, utc_offset_min, name, amount, unit, note"
    };
}
macro_rules! checkin_columns {
    () => {
        "id, local_time, utc_offset_min, craving, sleep_hours, sleep_quality, mood, note, instrument"
    };
}

impl Store {
    /// Opens (creating if needed) the diary in the data folder.
    pub fn open_default() -> Result<Store> {
        let dir = data_dir()?;
        std::fs::create_dir_all(&dir)?;
        Store::open(&dir.join(DB_FILE))
    }

    /// Opens (creating if needed) the diary at `path` and brings its schema up to date.
    /// A damaged file, a file that is not a database, one from a newer Taper, or a database that
    /// is not a Taper diary (another program's, or one holding a table, view or trigger Taper
    /// does not make: [`Error::Corrupt`], see [`schema_problem`]) is refused without a single
    /// byte written. A missing or empty (0-byte) file is a new diary.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, true, None)
    }

    /// [`Store::open`] for a diary that may be encrypted: `key` opens an encrypted diary (a
    /// missing one is created encrypted with it; a plain one opens without it). An encrypted
    /// diary without a key is [`Error::NeedsPassphrase`]; a key that does not open it is
    /// [`Error::WrongPassphrase`], told apart from damage. Nothing is written either way.
    pub fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        Store::open_with(path, true, key)
    }

    /// Opens the diary at `path` only if it is already there: never creates one (for tools that
    /// only read). Otherwise the same as [`Store::open`], schema update included.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() || no_diary_at(path) {
            return Err(Error::Storage(format!(
                "no diary exists yet at {}",
                path.display()
            )));
        }
        Store::open_with(path, false, None)
    }

    /// [`Store::open_existing_keyed`] while this process already holds the diary (crate only).
    pub(crate) fn open_existing_held(
        path: &Path,
        key: Option<&Passphrase>,
        held: Arc<lock::DiaryLock>,
    ) -> Result<Store> {
        Store::open_held(path, false, key, Some(held))
    }

    /// [`Store::open_existing`] with a key, as in [`Store::open_keyed`].
    pub fn open_existing_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        if !path.is_file() || no_diary_at(path) {
            return Store::open_existing(path);
        }
        Store::open_with(path, false, key)
    }

    fn open_with(path: &Path, create: bool, key: Option<&Passphrase>) -> Result<Store> {
        Store::open_held(path, create, key, None)
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
        let key = match cipher::diary_file(path) {
            DiaryFile::Encrypted => {
                let key = key.ok_or(Error::NeedsPassphrase)?;
                cipher::verify_key(path, key)?;
                Some(key)
            }
            // An empty file is a new diary: encrypted when a passphrase was given.
            DiaryFile::Missing => key,
            DiaryFile::Plain if no_diary_at(path) => key,
            DiaryFile::Plain | DiaryFile::Unknown => None,
        };
        let opened = match hold.clone() {
            Some(h) => match Store::open_writable(path, create, key) {
                // A diary that is there but cannot be written (a read-only file or file
                // system) opens view-only, so it can still be read and exported. Other
                // trouble (a full disk, say) is reported as it is.
                Err(e @ (Error::ReadOnly(_) | Error::Storage(_))) if cannot_write(path) => {
                    Store::open_view_only(path, key).map_err(|_| e)
                }
                other => other,
            }
            .map(|s| (s, Some(h))),
            None => Store::open_view_only(path, key).map(|s| (s, None)),
        };
        let (mut store, hold) = opened?;
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

    /// Runs `f` (which replaces the diary file) with the diary to this process alone; refused
    /// with [`Error::Busy`] within [`EXCLUSIVE_WAIT`] while another process has it open.
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
        backup::quick_check(&conn)?;
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
        backup::quick_check(&conn)
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
            backup::write_backup(
                &conn,
                &backup::backups_dir_of(path),
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

    /// Forgets the cached settings after a write that replaced them (crate only).
    pub(crate) fn forget_settings(&self) {
        self.settings.borrow_mut().take();
    }

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

    /// A number that changes when another connection (another window, the `taper` command)
    /// commits to the diary; this store's own commits leave it as it is (SQLite's
    /// `PRAGMA data_version`). The app compares it to tell that what it shows is out of date.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    // ---- settings ------------------------------------------------------------------------

    pub fn settings(&self) -> Result<Settings> {
        let version: i64 = self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?;
        if let Some((v, cached)) = &*self.settings.borrow() {
            if *v == version {
                return Ok(cached.clone());
            }
        }
        let raw: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM setting WHERE key = 'app'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        let settings = match raw {
            None => Settings::default(),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Corrupt(format!("stored settings: {e}")))?,
        };
        *self.settings.borrow_mut() = Some((version, settings.clone()));
        Ok(settings)
    }

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let json = serde_json::to_string(&settings)
            .map_err(|e| Error::Storage(format!("settings: {e}")))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES ('app', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [json],
            )?;
            Ok(())
        })?;
        // Our own commits leave data_version as it was: forget the cached copy.
        self.settings.borrow_mut().take();
        Ok(settings)
    }

    // ---- symptoms ------------------------------------------------------------------------

    /// The kratom checklist in display order: the built-in items and the user's own, archived
    /// ones included (old check-ins use them). SOWS and COWS items are in
    /// [`Store::all_symptoms`].
    pub fn symptoms(&self) -> Result<Vec<Symptom>> {
        self.symptoms_of(KRATOM)
    }

    /// The catalogue items of one instrument ("kratom", "sows", "cows") in display order,
    /// archived ones included.
    pub fn symptoms_of(&self, instrument: &str) -> Result<Vec<Symptom>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, label, instrument, position, archived FROM symptom WHERE instrument = ?1
             ORDER BY position, key",
        )?;
        let rows = stmt.query_map([instrument], symptom_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The whole catalogue, every instrument: the kratom checklist first, then SOWS and COWS,
    /// each in display order, archived items included.
    pub fn all_symptoms(&self) -> Result<Vec<Symptom>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, label, instrument, position, archived FROM symptom ORDER BY position, key",
        )?;
        let mut list = stmt
            .query_map([], symptom_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let rank = |s: &Symptom| {
            instrument::ALL
                .iter()
                .position(|i| i.key == s.instrument)
                .unwrap_or(instrument::ALL.len())
        };
        list.sort_by_key(rank);
        Ok(list)
    }

    /// Adds one of the user's own symptoms to the end of the kratom checklist, rated 0-4 like
    /// the others. The label is trimmed, 1-60 characters, and must differ from every symptom
    /// in use (archived ones aside). The key is made from the label: `custom_headache`, then
    /// `custom_headache_2`...
    pub fn add_symptom(&mut self, label: &str) -> Result<Symptom> {
        let label = valid_label(label)?;
        let key = self.write(|tx| {
            label_is_free(tx, &label, None)?;
            let stem = custom_key_stem(&label);
            let mut key = stem.clone();
            let mut n = 1;
            while tx
                .prepare_cached("SELECT 1 FROM symptom WHERE key = ?1")?
                .exists([&key])?
            {
                n += 1;
                key = format!("{stem}_{n}");
            }
            tx.execute(
                "INSERT INTO symptom (key, label, instrument, position, builtin, archived)
                 VALUES (?1, ?2, ?3, ?4, 0, 0)",
                params![key, label, KRATOM, next_position(tx, KRATOM)?],
            )?;
            Ok(key)
        })?;
        self.symptom(&key)
    }

    /// Renames one of the user's own symptoms. Built-in items keep their labels so old
    /// check-ins keep their meaning.
    pub fn rename_symptom(&mut self, key: &str, label: &str) -> Result<Symptom> {
        let label = valid_label(label)?;
        self.write(|tx| {
            let current = custom_symptom(tx, key, "renamed")?;
            label_is_free(tx, &label, Some(&current.key))?;
            tx.execute(
                "UPDATE symptom SET label = ?1 WHERE key = ?2",
                params![label, key],
            )?;
            Ok(())
        })?;
        self.symptom(key)
    }

    /// Archives one of the user's own symptoms (it leaves the form; old check-ins and charts
    /// keep it), or brings it back with `archived` false.
    pub fn archive_symptom(&mut self, key: &str, archived: bool) -> Result<Symptom> {
        self.write(|tx| {
            let current = custom_symptom(tx, key, "archived")?;
            if current.archived && !archived {
                label_is_free(tx, &current.label, Some(&current.key))?;
            }
            tx.execute(
                "UPDATE symptom SET archived = ?1 WHERE key = ?2",
                params![archived, key],
            )?;
            Ok(())
        })?;
        self.symptom(key)
    }

    /// One catalogue item by key, archived or not.
    pub fn symptom(&self, key: &str) -> Result<Symptom> {
        self.conn
            .prepare_cached(
                "SELECT key, label, instrument, position, archived FROM symptom WHERE key = ?1",
            )?
            .query_row([key], symptom_row)
            .optional()?
            .ok_or(Error::NotFound { what: "symptom" })
    }

    // ---- doses ---------------------------------------------------------------------------

    pub fn add_dose(&mut self, input: &DoseInput, now: DateTime<Utc>) -> Result<Dose> {
        let id = self.add_doses(std::slice::from_ref(input), now)?;
        self.dose(id[0])
    }

    /// Saves many doses in one transaction: every one is checked first, and one bad input
    /// saves none of them. Returns the new ids in input order.
    pub fn add_doses(&mut self, inputs: &[DoseInput], now: DateTime<Utc>) -> Result<Vec<i64>> {
        let settings = self.settings()?;
        let valid = inputs
            .iter()
            .map(|i| i.validate(&settings, now))
            .collect::<Result<Vec<_>>>()?;
        let stamp = now_text(now);
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered,
                                   unit, form, product, estimated, note, created_at, updated_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
            )?;
            valid
                .iter()
                .map(|v| {
                    let [a, b, c, d, e, f, g, h, i, j, k] = dose_params(v, &stamp);
                    let uid: Box<dyn rusqlite::ToSql> = Box::new(new_uid());
                    Ok(stmt.insert(rusqlite::params_from_iter([
                        a, b, c, d, e, f, g, h, i, j, k, uid,
                    ]))?)
                })
                .collect()
        })
    }

    /// Saves an edit of a live dose. The dose keeps the grams it was saved with unless the
    /// amount or unit is edited ([`DoseInput::validate_edit`]). `Error::NotFound` when there
    /// is no such live dose.
    pub fn update_dose(&mut self, id: i64, input: &DoseInput, now: DateTime<Utc>) -> Result<Dose> {
        let saved = self
            .conn
            .prepare_cached(
                "SELECT amount_entered, unit, amount_dg FROM dose WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .query_row([id], |r| {
                Ok((r.get::<_, f64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .optional()?
            .ok_or(Error::NotFound { what: "dose" })?;
        let saved = SavedAmount {
            entered: saved.0,
            unit: Unit::parse(&saved.1)
                .map_err(|_| Error::Corrupt(format!("stored unit {:?}", saved.1)))?,
            amount_dg: saved.2,
        };
        let v = input.validate_edit(&self.settings()?, now, Some(saved))?;
        self.write(|tx| {
            let [a, b, c, d, e, f, g, h, i, j, k] = dose_params(&v, &now_text(now));
            let n = tx.execute(
                "UPDATE dose SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, amount_dg = ?4,
                        amount_entered = ?5, unit = ?6, form = ?7, product = ?8, estimated = ?9, note = ?10,
                        updated_at = ?11
                 WHERE id = ?12 AND deleted_at IS NULL",
                rusqlite::params_from_iter([a, b, c, d, e, f, g, h, i, j, k, Box::new(id)]),
            )?;
            found(n, "dose")
        })?;
        self.dose(id)
    }

    /// Marks a dose deleted; [`Store::restore_dose`] undoes it. Nothing is erased.
    pub fn delete_dose(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_deleted(Entry::Dose, id, true, now)
    }

    pub fn restore_dose(&mut self, id: i64, now: DateTime<Utc>) -> Result<Dose> {
        self.set_deleted(Entry::Dose, id, false, now)?;
        self.dose(id)
    }

    pub fn dose(&self, id: i64) -> Result<Dose> {
        let start = self.settings()?.day_start_hour;
        self.conn
            .prepare_cached(concat!(
                "SELECT ",
                dose_columns!(),
                " FROM dose WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], |r| Ok(dose_row(r, start)))
            .optional()?
            .ok_or(Error::NotFound { what: "dose" })?
    }

    /// Doses of the diary days `from..=to`, oldest first.
    pub fn doses_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Dose>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            dose_columns!(),
            " FROM dose WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             ORDER BY local_time, id"
        ))?;
        let rows = stmt.query_map([a, b], |r| Ok(dose_row(r, start)))?;
        rows.map(|r| r?).collect()
    }

    /// The most frequent amounts among the last 60 doses, with their form: quick-log buttons.
    /// The user's own list from Settings wins when set.
    pub fn usual_amounts(&self) -> Result<Vec<QuickAmount>> {
        if let Some(list) = self.settings()?.quick_amounts {
            return Ok(list);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT amount_dg, form FROM (
                 SELECT amount_dg, form, local_time FROM dose WHERE deleted_at IS NULL
                 ORDER BY local_time DESC LIMIT 60)
             GROUP BY amount_dg, form
             ORDER BY count(*) DESC, max(local_time) DESC
             LIMIT ?1",
        )?;
        let rows = stmt.query_map([MAX_QUICK as i64], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.map(|r| {
            let (dg, form) = r?;
            Ok(QuickAmount {
                amount_g: dg as f64 / 10.0,
                form: stored_form(&form)?,
            })
        })
        .collect()
    }

    /// Product names used before, most recent first (for autocomplete).
    pub fn products(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT product FROM dose WHERE deleted_at IS NULL AND product IS NOT NULL
             GROUP BY product ORDER BY max(local_time) DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ---- check-ins -----------------------------------------------------------------------

    pub fn add_checkin(&mut self, input: &CheckInInput, now: DateTime<Utc>) -> Result<CheckIn> {
        let id = self.add_checkins(std::slice::from_ref(input), now)?;
        self.checkin(id[0])
    }

    /// Saves many check-ins in one transaction; one bad input saves none of them.
    pub fn add_checkins(
        &mut self,
        inputs: &[CheckInInput],
        now: DateTime<Utc>,
    ) -> Result<Vec<i64>> {
        let catalogue = self.all_symptoms()?;
        let valid = inputs
            .iter()
            .map(|i| i.validate(&catalogue, now))
            .collect::<Result<Vec<_>>>()?;
        let stamp = now_text(now);
        self.write(|tx| {
            valid
                .iter()
                .map(|v| insert_checkin(tx, v, &stamp))
                .collect()
        })
    }

    pub fn update_checkin(
        &mut self,
        id: i64,
        input: &CheckInInput,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        let v = input.validate(&self.all_symptoms()?, now)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE checkin SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, craving = ?4,
                        sleep_hours = ?5, sleep_quality = ?6, mood = ?7, note = ?8, updated_at = ?9,
                        instrument = ?11
                 WHERE id = ?10 AND deleted_at IS NULL",
                params![
                    now_text(v.taken_at.with_timezone(&Utc)),
                    local_text(&v.taken_at),
                    offset_minutes(&v.taken_at),
                    v.craving,
                    v.sleep_hours,
                    v.sleep_quality,
                    v.mood,
                    v.note,
                    now_text(now),
                    id,
                    v.instrument
                ],
            )?;
            found(n, "check-in")?;
            tx.execute("DELETE FROM checkin_item WHERE checkin_id = ?1", [id])?;
            insert_items(tx, id, &v)
        })?;
        self.checkin(id)
    }

    pub fn delete_checkin(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_deleted(Entry::Checkin, id, true, now)
    }

    pub fn restore_checkin(&mut self, id: i64, now: DateTime<Utc>) -> Result<CheckIn> {
        self.set_deleted(Entry::Checkin, id, false, now)?;
        self.checkin(id)
    }

    pub fn checkin(&self, id: i64) -> Result<CheckIn> {
        let start = self.settings()?.day_start_hour;
        let mut c = self
            .conn
            .prepare_cached(concat!(
                "SELECT ",
                checkin_columns!(),
                " FROM checkin WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], |r| Ok(checkin_row(r, start)))
            .optional()?
            .ok_or(Error::NotFound { what: "check-in" })??;
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.symptom_key, i.score FROM checkin_item i JOIN symptom s ON s.key = i.symptom_key
             WHERE i.checkin_id = ?1 ORDER BY s.position, s.key",
        )?;
        let items = stmt
            .query_map([id], |r| {
                Ok(ItemScore {
                    key: r.get(0)?,
                    score: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        set_items(&mut c, items);
        Ok(c)
    }

    /// Check-ins of the diary days `from..=to`, newest first, with their items.
    pub fn checkins_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            checkin_columns!(),
            " FROM checkin WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             ORDER BY local_time DESC, id DESC"
        ))?;
        let mut list = stmt
            .query_map(params![a, b], |r| Ok(checkin_row(r, start)))?
            .map(|r| r?)
            .collect::<Result<Vec<_>>>()?;
        if list.is_empty() {
            return Ok(list);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.checkin_id, i.symptom_key, i.score
             FROM checkin c JOIN checkin_item i ON i.checkin_id = c.id JOIN symptom s ON s.key = i.symptom_key
             WHERE c.deleted_at IS NULL AND c.local_time >= ?1 AND c.local_time < ?2
             ORDER BY i.checkin_id, s.position, s.key",
        )?;
        let mut by_id: std::collections::HashMap<i64, Vec<ItemScore>> = Default::default();
        for row in stmt.query_map(params![a, b], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ItemScore {
                    key: r.get(1)?,
                    score: r.get(2)?,
                },
            ))
        })? {
            let (id, item) = row?;
            by_id.entry(id).or_default().push(item);
        }
        for c in &mut list {
            let items = by_id.remove(&c.id).unwrap_or_default();
            set_items(c, items);
        }
        Ok(list)
    }

    // ---- other medicines -----------------------------------------------------------------

    pub fn add_medicine(&mut self, input: &MedicineInput, now: DateTime<Utc>) -> Result<Medicine> {
        let v = input.validate(now)?;
        let id = self.write(|tx| {
            let stamp = now_text(now);
            let [a, b, c, d, e, f, g] = medicine_params(&v);
            Ok(tx
                .prepare_cached(
                    "INSERT INTO medicine (taken_at_utc, local_time, utc_offset_min, name, amount, unit,
                                           note, created_at, updated_at, uid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                )?
                .insert(rusqlite::params_from_iter([
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    g,
                    Box::new(stamp),
                    Box::new(new_uid()),
                ]))?)
        })?;
        self.medicine(id)
    }

    pub fn update_medicine(
        &mut self,
        id: i64,
        input: &MedicineInput,
        now: DateTime<Utc>,
    ) -> Result<Medicine> {
        let v = input.validate(now)?;
        self.write(|tx| {
            let [a, b, c, d, e, f, g] = medicine_params(&v);
            let n = tx.execute(
                "UPDATE medicine SET taken_at_utc = ?1, local_time = ?2, utc_offset_min = ?3, name = ?4,
                        amount = ?5, unit = ?6, note = ?7, updated_at = ?8
                 WHERE id = ?9 AND deleted_at IS NULL",
                rusqlite::params_from_iter([
                    a,
                    b,
                    c,
                    d,
                    e,
                    f,
                    g,
                    Box::new(now_text(now)),
                    Box::new(id),
                ]),
            )?;
            found(n, "medicine entry")
        })?;
        self.medicine(id)
    }

    /// Marks a medicine entry deleted; [`Store::restore_medicine`] undoes it. Nothing is erased.
    pub fn delete_medicine(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.set_deleted(Entry::Medicine, id, true, now)
    }

    pub fn restore_medicine(&mut self, id: i64, now: DateTime<Utc>) -> Result<Medicine> {
        self.set_deleted(Entry::Medicine, id, false, now)?;
        self.medicine(id)
    }

    pub fn medicine(&self, id: i64) -> Result<Medicine> {
        let start = self.settings()?.day_start_hour;
        self.conn
            .prepare_cached(concat!(
                "SELECT ",
                medicine_columns!(),
                " FROM medicine WHERE id = ?1 AND deleted_at IS NULL"
            ))?
            .query_row([id], |r| Ok(medicine_row(r, start)))
            .optional()?
            .ok_or(Error::NotFound {
                what: "medicine entry",
            })?
    }

    /// Medicines and other substances of the diary days `from..=to`, oldest first.
    pub fn medicines_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Medicine>> {
        let start = self.settings()?.day_start_hour;
        let (a, b) = day_range(from, to, start);
        let mut stmt = self.conn.prepare_cached(concat!(
            "SELECT ",
            medicine_columns!(),
            " FROM medicine WHERE deleted_at IS NULL AND local_time >= ?1 AND local_time < ?2
             ORDER BY local_time, id"
        ))?;
        let rows = stmt.query_map([a, b], |r| Ok(medicine_row(r, start)))?;
        rows.map(|r| r?).collect()
    }

    /// Medicine names used before, most recent first (for autocomplete).
    pub fn medicine_names(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM medicine WHERE deleted_at IS NULL
             GROUP BY name ORDER BY max(local_time) DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ---- days ----------------------------------------------------------------------------

    /// Everything logged on one diary day.
    pub fn day(&self, date: NaiveDate) -> Result<DayView> {
        let doses = self.doses_between(date, date)?;
        let checkins = self.checkins_between(date, date)?;
        let medicines = self.medicines_between(date, date)?;
        let total_dg: i64 = doses
            .iter()
            .map(|d| (d.amount_g * 10.0).round() as i64)
            .sum();
        let total_g = total_dg as f64 / 10.0;
        Ok(DayView {
            date: date.format("%Y-%m-%d").to_string(),
            plan: self.day_plan(date, total_g)?,
            total_g,
            dose_count: i32::try_from(doses.len()).unwrap_or(i32::MAX),
            doses,
            checkins,
            medicines,
        })
    }

    /// The diary day a local wall-clock time falls on.
    pub fn today(&self, now_local: chrono::NaiveDateTime) -> Result<NaiveDate> {
        Ok(diary_day(now_local, self.settings()?.day_start_hour))
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
        })
    }

    /// Whether the diary is encrypted (opened with a passphrase).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }
}

/// The kinds of diary entry that are deleted softly (kept, marked deleted, restorable).
#[derive(Clone, Copy)]
enum Entry {
    Dose,
    Checkin,
    Medicine,
}

impl Entry {
    fn table(self) -> &'static str {
        match self {
            Entry::Dose => "dose",
            Entry::Checkin => "checkin",
            Entry::Medicine => "medicine",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Entry::Dose => "dose",
            Entry::Checkin => "check-in",
            Entry::Medicine => "medicine entry",
        }
    }
}

impl Store {
    /// Marks an entry deleted, or brings a deleted one back (Undo). Nothing is ever erased.
    fn set_deleted(
        &mut self,
        entry: Entry,
        id: i64,
        deleted: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let table = entry.table();
        let sql = if deleted {
            // A deletion is a change: `updated_at` says when the entry last changed, which a
            // merge compares (the newer change wins).
            format!(
                "UPDATE {table} SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NULL"
            )
        } else {
            format!(
                "UPDATE {table} SET deleted_at = NULL, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NOT NULL"
            )
        };
        self.write(|tx| found(tx.execute(&sql, params![now_text(now), id])?, entry.what()))
    }
}

/// Refuses, untouched, a database that is not a Taper diary ([`schema_problem`]).
fn not_a_diary(conn: &Connection, version: i64, path: &Path) -> Result<()> {
    match schema_problem(conn, version)? {
        Some(why) => Err(Error::Corrupt(format!("{}: {why}", path.display()))),
        None => Ok(()),
    }
}

fn found(rows: usize, what: &'static str) -> Result<()> {
    if rows == 0 {
        Err(Error::NotFound { what })
    } else {
        Ok(())
    }
}

fn dose_params(v: &ValidDose, stamp: &str) -> [Box<dyn rusqlite::ToSql>; 11] {
    [
        Box::new(now_text(v.taken_at.with_timezone(&Utc))),
        Box::new(local_text(&v.taken_at)),
        Box::new(offset_minutes(&v.taken_at)),
        Box::new(v.amount_dg),
        Box::new(v.amount_entered),
        Box::new(v.unit.as_str()),
        Box::new(v.form.as_str()),
        Box::new(v.product.clone()),
        Box::new(v.estimated),
        Box::new(v.note.clone()),
        Box::new(stamp.to_owned()),
    ]
}

fn symptom_row(r: &Row<'_>) -> rusqlite::Result<Symptom> {
    Ok(Symptom {
        key: r.get(0)?,
        label: r.get(1)?,
        instrument: r.get(2)?,
        position: positions::stored_position(r, 3)?,
        archived: r.get(4)?,
    })
}

/// Refuses a label that a kratom checklist item in use already has (letter case aside).
fn label_is_free(tx: &Transaction<'_>, label: &str, except_key: Option<&str>) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("SELECT key, label FROM symptom WHERE instrument = ?1 AND archived = 0")?;
    let taken = stmt
        .query_map([KRATOM], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .any(|(key, other)| {
            Some(key.as_str()) != except_key && other.to_lowercase() == label.to_lowercase()
        });
    if taken {
        return Err(Error::invalid(
            "label",
            format!("There is already a symptom called “{label}”."),
        ));
    }
    Ok(())
}

/// The user-added symptom `key`; built-in items are refused (they keep their names and stay).
fn custom_symptom(tx: &Transaction<'_>, key: &str, done: &str) -> Result<Symptom> {
    let row = tx
        .prepare_cached(
            "SELECT key, label, instrument, position, archived, builtin FROM symptom WHERE key = ?1",
        )?
        .query_row([key], |r| Ok((symptom_row(r)?, r.get::<_, bool>(5)?)))
        .optional()?;
    match row {
        None => Err(Error::NotFound { what: "symptom" }),
        Some((s, true)) => Err(Error::invalid(
            "key",
            format!(
                "“{}” is built in, so it cannot be {done}: built-in symptoms stay as they are so old check-ins keep their meaning. Add your own symptom instead.",
                s.label
            ),
        )),
        Some((s, false)) => Ok(s),
    }
}

fn medicine_params(v: &ValidMedicine) -> [Box<dyn rusqlite::ToSql>; 7] {
    [
        Box::new(now_text(v.taken_at.with_timezone(&Utc))),
        Box::new(local_text(&v.taken_at)),
        Box::new(offset_minutes(&v.taken_at)),
        Box::new(v.name.clone()),
        Box::new(v.amount),
        Box::new(v.unit.clone()),
        Box::new(v.note.clone()),
    ]
}

fn medicine_row(r: &Row<'_>, day_start: u8) -> Result<Medicine> {
    let local: String = r.get(1)?;
    let instant = day::stored_instant(&local, r.get(2)?)?;
    let naive = instant.naive_local();
    Ok(Medicine {
        id: r.get(0)?,
        taken_at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
        local_time: local_display(naive),
        day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        name: r.get(3)?,
        amount: r.get(4)?,
        unit: r.get(5)?,
        note: r.get(6)?,
    })
}

fn insert_checkin(tx: &Transaction<'_>, v: &ValidCheckIn, stamp: &str) -> Result<i64> {
    let id = tx
        .prepare_cached(
            "INSERT INTO checkin (taken_at_utc, local_time, utc_offset_min, instrument, craving,
                              sleep_hours, sleep_quality, mood, note, created_at, updated_at, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        )?
        .insert(params![
            now_text(v.taken_at.with_timezone(&Utc)),
            local_text(&v.taken_at),
            offset_minutes(&v.taken_at),
            v.instrument,
            v.craving,
            v.sleep_hours,
            v.sleep_quality,
            v.mood,
            v.note,
            stamp,
            new_uid()
        ])?;
    insert_items(tx, id, v)?;
    Ok(id)
}

fn insert_items(tx: &Transaction<'_>, id: i64, v: &ValidCheckIn) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (?1, ?2, ?3)",
    )?;
    for item in &v.items {
        stmt.execute(params![id, item.key, item.score])?;
    }
    Ok(())
}

fn stored_form(text: &str) -> Result<Form> {
    Form::parse(text).map_err(|_| Error::Corrupt(format!("stored form “{text}”")))
}

fn stored_unit(text: &str) -> Result<Unit> {
    Unit::parse(text).map_err(|_| Error::Corrupt(format!("stored unit “{text}”")))
}

fn dose_row(r: &Row<'_>, day_start: u8) -> Result<Dose> {
    let local: String = r.get(1)?;
    let instant = day::stored_instant(&local, r.get(2)?)?;
    let naive = instant.naive_local();
    Ok(Dose {
        id: r.get(0)?,
        amount_g: r.get::<_, i64>(3)? as f64 / 10.0,
        amount_entered: r.get(4)?,
        unit: stored_unit(&r.get::<_, String>(5)?)?,
        taken_at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
        local_time: local_display(naive),
        day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        form: stored_form(&r.get::<_, String>(6)?)?,
        product: r.get(7)?,
        estimated: r.get(8)?,
        note: r.get(9)?,
    })
}

fn checkin_row(r: &Row<'_>, day_start: u8) -> Result<CheckIn> {
    let local: String = r.get(1)?;
    let instant = day::stored_instant(&local, r.get(2)?)?;
    let naive = instant.naive_local();
    Ok(CheckIn {
        id: r.get(0)?,
        taken_at: instant.to_rfc3339_opts(SecondsFormat::Secs, false),
        local_time: local_display(naive),
        day: diary_day(naive, day_start).format("%Y-%m-%d").to_string(),
        instrument: r.get(8)?,
        items: Vec::new(),
        total: 0,
        max_total: 0,
        worst: 0,
        band: None,
        complete: false,
        craving: r.get(3)?,
        sleep_hours: r.get(4)?,
        sleep_quality: r.get(5)?,
        mood: r.get(6)?,
        note: r.get(7)?,
    })
}

fn set_items(c: &mut CheckIn, items: Vec<ItemScore>) {
    let (total, max_total, worst) = score_summary(&items);
    let (band, complete) = band_and_complete(&c.instrument, &items);
    c.band = band;
    c.complete = complete;
    c.items = items;
    c.total = total;
    c.max_total = max_total;
    c.worst = worst;
}
