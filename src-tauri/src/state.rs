//! The session: which diary file is in use and whether it is open, behind one lock.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::Utc;
use taper_core::store::{self as store, data_dir, OpenOptions, Passphrase, DB_FILE};
use taper_core::{ApiError, ErrorCode, Store};

/// Takes a lock even after a panic elsewhere: every write is one transaction, rolled back if
/// it did not finish, so what the lock guards is still sound.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub type Reply<T> = Result<T, ApiError>;

/// Whether the diary is open, and if not, why: each is a screen of its own.
pub enum Diary {
    /// No diary yet: the first start makes one.
    FirstStart,
    /// The app lock: the diary is closed until unlocked.
    Locked,
    /// An encrypted diary waiting for its passphrase.
    NeedsPassphrase,
    Open(Arc<Mutex<Store>>),
    /// Why the diary could not be opened (the trouble screen, whose ways out replace it).
    Trouble(ApiError),
}

impl Diary {
    /// The diary a command works on, or the error that names the screen to show instead.
    fn store(&self) -> Reply<Arc<Mutex<Store>>> {
        let gate = |code, message: &str| ApiError {
            code,
            message: message.to_owned(),
            field: None,
        };
        match self {
            Diary::Open(store) => Ok(Arc::clone(store)),
            Diary::FirstStart => Err(gate(ErrorCode::FirstStart, "There is no diary yet.")),
            Diary::Locked => Err(gate(
                ErrorCode::AppLocked,
                "Taper is locked. Unlock it to go on.",
            )),
            Diary::NeedsPassphrase => Err(taper_core::Error::NeedsPassphrase.into()),
            Diary::Trouble(e) => Err(e.clone()),
        }
    }

    /// The error a command gets while the diary is in this state.
    fn error(&self) -> ApiError {
        match self.store() {
            Ok(_) => ApiError::internal("The diary is open."),
            Err(e) => e,
        }
    }

    /// What an attempt to open the diary came to.
    fn from_opened(opened: Reply<Store>) -> Self {
        match opened {
            Ok(store) => Diary::Open(Arc::new(Mutex::new(store))),
            Err(e) => match e.code {
                ErrorCode::FirstStart => Diary::FirstStart,
                ErrorCode::AppLocked => Diary::Locked,
                ErrorCode::NeedsPassphrase => Diary::NeedsPassphrase,
                _ => Diary::Trouble(e),
            },
        }
    }
}

struct Session {
    /// The diary file in use: the data folder's, or another the person opened.
    db: Reply<PathBuf>,
    /// The passphrase that unlocked an encrypted diary, kept to open it again after trouble;
    /// forgotten when the app locks.
    key: Option<Passphrase>,
    diary: Diary,
}

/// The session, shared by every command. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    session: Arc<Mutex<Session>>,
}

/// Seconds between checks for a due daily backup while the app is open (default an hour).
const BACKUP_CHECK_ENV: &str = "TAPER_BACKUP_CHECK_SECONDS";

impl AppState {
    /// Opens the data folder's diary (or notes why it is not open) and starts the hourly
    /// check for a due backup.
    pub fn open() -> Self {
        let db = data_dir().map(|d| d.join(DB_FILE)).map_err(ApiError::from);
        let state = AppState {
            session: Arc::new(Mutex::new(Session {
                db,
                key: None,
                diary: Diary::Trouble(ApiError::internal("The diary is being opened.")),
            })),
        };
        let _ = state.reopen();
        state.keep_backing_up();
        state
    }

    /// An app left open for days makes its daily backup when the day comes, not only at start:
    /// every hour (or every `$TAPER_BACKUP_CHECK_SECONDS`, for the end-to-end tests) the backup
    /// is made if one is due. The thread ends with the app.
    fn keep_backing_up(&self) {
        let every = std::env::var(BACKUP_CHECK_ENV)
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|s| *s > 0)
            .unwrap_or(60 * 60);
        let session = Arc::downgrade(&self.session);
        std::thread::spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(every));
            let Some(session) = session.upgrade() else {
                return;
            };
            AppState { session }.back_up_when_due();
        });
    }

    /// The open diary, or why there is none.
    pub fn current(&self) -> Reply<Arc<Mutex<Store>>> {
        lock(&self.session).diary.store()
    }

    /// The diary file in use.
    pub fn db(&self) -> Reply<PathBuf> {
        lock(&self.session).db.clone()
    }

    /// The passphrase the diary was opened with, if any.
    pub fn key(&self) -> Option<Passphrase> {
        lock(&self.session).key.clone()
    }

    /// Opens the diary file in use again (blocking): at start, after trouble ("Try again").
    /// A missing diary is never made here: without one the app shows its first start (which
    /// creates it, with or without a passphrase), or, when backups of it are there, the
    /// trouble screen that offers them.
    pub fn reopen(&self) -> Reply<()> {
        let mut session = lock(&self.session);
        let opened = session.db.clone().and_then(|db| {
            if store::no_diary_at(&db) {
                return Err(store::missing_diary(&db).unwrap_or_else(|| Diary::FirstStart.error()));
            }
            make_folder(&db)?;
            Store::open_with(&db, OpenOptions::default().key(session.key.as_ref()))
                .map_err(ApiError::from)
        });
        self.settle(&mut session, opened)
    }

    /// Opens the diary file in use with `key` (first start, unlock). A passphrase that does
    /// not open it changes nothing and is not kept.
    pub fn open_with(&self, key: Option<Passphrase>) -> Reply<()> {
        let mut session = lock(&self.session);
        let db = session.db.clone()?;
        make_folder(&db)?;
        match Store::open_with(&db, OpenOptions::default().key(key.as_ref())) {
            Err(e @ (taper_core::Error::WrongPassphrase | taper_core::Error::NeedsPassphrase)) => {
                Err(e.into())
            }
            opened => {
                session.key = key;
                self.settle(&mut session, opened.map_err(ApiError::from))
            }
        }
    }

    /// Uses the diary file `db` from now on, opened (when it could be) with no passphrase.
    pub fn use_file(&self, db: PathBuf, opened: Reply<Store>) {
        let mut session = lock(&self.session);
        session.db = Ok(db);
        session.key = None;
        let _ = self.settle(&mut session, opened);
    }

    /// Changes the passphrase kept for the diary (after the diary's own passphrase changed).
    pub fn set_key(&self, key: Option<Passphrase>) {
        lock(&self.session).key = key;
    }

    /// Closes the diary and forgets its passphrase: the app is locked, or back at its first
    /// start.
    pub fn close(&self, to: Diary) {
        let mut session = lock(&self.session);
        session.key = None;
        session.diary = to;
    }

    /// Makes `opened` the diary every command uses (or the screen shown instead). A diary
    /// that opened gets its daily backup when one is due.
    fn settle(&self, session: &mut Session, opened: Reply<Store>) -> Reply<()> {
        session.diary = Diary::from_opened(opened);
        let reply = session.diary.store().map(|_| ());
        if let Diary::Open(store) = &session.diary {
            back_up_when_due(Arc::clone(store));
        }
        reply
    }

    fn back_up_when_due(&self) {
        if let Ok(store) = self.current() {
            back_up_when_due(store);
        }
    }
}

fn make_folder(db: &std::path::Path) -> Reply<()> {
    if let Some(dir) = db.parent() {
        std::fs::create_dir_all(dir).map_err(|e| ApiError::from(taper_core::Error::from(e)))?;
    }
    Ok(())
}

/// The daily backup, off the start-up path. A failure is not fatal: the diary is fine, and
/// Settings lists the backups that exist.
fn back_up_when_due(store: Arc<Mutex<Store>>) {
    std::thread::spawn(move || {
        let guard = lock(&store);
        if guard.is_read_only() {
            return;
        }
        if let Err(e) = guard.back_up_if_due(Utc::now()) {
            eprintln!("Taper: the daily backup was not made: {e}");
        }
    });
}
