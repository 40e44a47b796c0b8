//! One writer swaps files: an advisory lock beside the diary.
//!
//! Every process that has a diary open holds a *shared* lock on `.<diary>.lock` beside it for
//! as long as it has it open (the app for its whole session, a `taper` command for its run).
//! An operation that replaces or deletes the diary file (restore, a backup put in its place,
//! setting, changing or removing the passphrase, "Delete all my data") needs the lock to
//! itself: it turns its shared lock into an *exclusive* one, and if another process holds the
//! diary open it is refused with [`Error::Busy`] within [`EXCLUSIVE_WAIT`], having changed
//! nothing. Opening waits up to [`SHARED_WAIT`] for such an operation to finish.
//!
//! The app also holds a shared lock on `.<diary>.app-lock`, so a refusal can say whether it is
//! the app or another `taper` command that has the diary open. The locks are `flock(2)` locks
//! (through `std::fs::File::lock*`): the system drops them when a process ends, even when it
//! is killed, so a crash never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long an operation that needs the diary to itself waits for others to let go of it.
pub const EXCLUSIVE_WAIT: Duration = Duration::from_millis(1500);
/// How long opening the diary waits while another process is replacing it.
pub const SHARED_WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// Whether this process is the desktop app (its windows hold the app marker lock).
static IS_APP: AtomicBool = AtomicBool::new(false);

/// Marks this process as the desktop app: the diaries it opens also hold the app's marker
/// lock, so other processes can say "Taper is open in another window". Call once at start.
pub fn identify_as_app() {
    IS_APP.store(true, Ordering::Relaxed);
}

/// The lock files of the diary at `db`: `.<name>.lock` and `.<name>.app-lock` beside it.
pub fn lock_files(db: &Path) -> [PathBuf; 2] {
    let name = super::fs::db_name(db);
    [
        db.with_file_name(format!(".{name}.lock")),
        db.with_file_name(format!(".{name}.app-lock")),
    ]
}

/// A process's hold on a diary: shared while it is open, exclusive while it replaces the file.
#[derive(Debug)]
pub(crate) struct DiaryLock {
    file: File,
    /// The app's marker (held shared by the app only).
    app: Option<File>,
    db: PathBuf,
    /// Serialises upgrades of this one hold between stores of this process that share it.
    exclusive: Mutex<bool>,
}

fn open_lock_file(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(Error::from)
}

/// Whether locking failed only because the file system has no locks (some network and FUSE
/// file systems): then Taper goes on without them, relying on the check before each write.
fn unsupported(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::Unsupported) || e.raw_os_error() == Some(38)
}

enum Got {
    Yes,
    No,
}

/// Tries `attempt` until it succeeds or `wait` has passed.
fn poll(wait: Duration, mut attempt: impl FnMut() -> Result<Got>) -> Result<bool> {
    let deadline = Instant::now() + wait;
    loop {
        if let Got::Yes = attempt()? {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        std::thread::sleep(POLL);
    }
}

fn try_shared(f: &File) -> Result<Got> {
    got(f.try_lock_shared())
}

fn try_exclusive(f: &File) -> Result<Got> {
    got(f.try_lock())
}

/// What a try at a lock came to: held, held by another, or (where the file system has no
/// locks) counted as held.
fn got(tried: std::result::Result<(), TryLockError>) -> Result<Got> {
    match tried {
        Ok(()) => Ok(Got::Yes),
        Err(TryLockError::WouldBlock) => Ok(Got::No),
        Err(TryLockError::Error(e)) if unsupported(&e) => Ok(Got::Yes),
        Err(TryLockError::Error(e)) => Err(e.into()),
    }
}

impl DiaryLock {
    /// Takes a shared hold on the diary at `db` (creating the lock files beside it), waiting
    /// up to [`SHARED_WAIT`] while another process replaces the file. Errors: [`Error::Busy`]
    /// when that takes longer; [`Error::ReadOnly`] when the folder cannot be written.
    pub(crate) fn shared(db: &Path) -> Result<DiaryLock> {
        let [main, app] = lock_files(db);
        let file = open_lock_file(&main)?;
        if !poll(SHARED_WAIT, || try_shared(&file))? {
            return Err(Error::Busy(format!(
                "another Taper process has been replacing {} for more than {} seconds; try again in a moment",
                db.display(),
                SHARED_WAIT.as_secs()
            )));
        }
        let app = if IS_APP.load(Ordering::Relaxed) {
            let f = open_lock_file(&app)?;
            // Shared marks are always compatible with each other; only a probe holds it
            // exclusively, for an instant.
            poll(SHARED_WAIT, || try_shared(&f))?;
            Some(f)
        } else {
            None
        };
        Ok(DiaryLock {
            file,
            app,
            db: db.to_owned(),
            exclusive: Mutex::new(false),
        })
    }

    /// Takes the diary at `db` for an operation that replaces or deletes it, without opening
    /// it: a shared hold made exclusive at once (see [`DiaryLock::upgrade`]).
    pub(crate) fn exclusive(db: &Path) -> Result<ExclusiveHold> {
        let hold = std::sync::Arc::new(DiaryLock::shared(db)?);
        ExclusiveHold::new(hold)
    }

    /// Makes this hold exclusive, waiting up to [`EXCLUSIVE_WAIT`] for other processes to let
    /// go. Refused with [`Error::Busy`] naming who has the diary open; nothing is changed.
    fn upgrade(&self) -> Result<()> {
        let mut held = self.exclusive.lock().unwrap_or_else(|p| p.into_inner());
        if *held {
            return Err(Error::Busy(
                "Taper is already replacing this diary; wait for that to finish".into(),
            ));
        }
        if !poll(EXCLUSIVE_WAIT, || try_exclusive(&self.file))? {
            // flock may have dropped the shared hold while trying: take it back.
            poll(SHARED_WAIT, || try_shared(&self.file))?;
            return Err(Error::Busy(self.who_else()));
        }
        *held = true;
        Ok(())
    }

    /// Turns an exclusive hold back into a shared one.
    fn downgrade(&self) {
        let mut held = self.exclusive.lock().unwrap_or_else(|p| p.into_inner());
        if *held {
            // Converting to shared never waits: no one else can hold the file now.
            let _ = self.file.try_lock_shared();
            *held = false;
        }
    }

    /// Who else has the diary open, in words for the refusal.
    fn who_else(&self) -> String {
        let app_open = match &self.app {
            // This process is the app: another app is there if our marker cannot become
            // exclusive for a moment.
            Some(mine) => match mine.try_lock() {
                Ok(()) => {
                    let _ = mine.try_lock_shared();
                    false
                }
                Err(_) => true,
            },
            // No marker file: no app has ever had this diary open.
            None => match OpenOptions::new()
                .read(true)
                .write(true)
                .open(&lock_files(&self.db)[1])
            {
                Ok(probe) => match probe.try_lock() {
                    Ok(()) => {
                        let _ = probe.unlock();
                        false
                    }
                    Err(_) => true,
                },
                Err(_) => false,
            },
        };
        if app_open {
            "Taper is open in another window; close it first, then try again. Nothing was changed"
                .into()
        } else {
            "another taper command or Taper window is using this diary; wait for it to finish (or close it), then try again. Nothing was changed".into()
        }
    }
}

/// An exclusive hold on a diary, made shared again (or let go) when dropped.
pub(crate) struct ExclusiveHold {
    hold: std::sync::Arc<DiaryLock>,
}

impl ExclusiveHold {
    /// Makes `hold` exclusive (see [`DiaryLock::upgrade`]).
    pub(crate) fn new(hold: std::sync::Arc<DiaryLock>) -> Result<ExclusiveHold> {
        hold.upgrade()?;
        Ok(ExclusiveHold { hold })
    }

    /// The hold itself, for opening the diary again while it is held.
    pub(crate) fn lock(&self) -> std::sync::Arc<DiaryLock> {
        self.hold.clone()
    }
}

impl Drop for ExclusiveHold {
    fn drop(&mut self) {
        self.hold.downgrade();
    }
}
