//! Opening the diary: first start, unlock, the app lock, the passphrase, trouble and its ways
//! out, and deleting everything.

use chrono::{Local, Utc};
use taper_core::store::{self as store, AppInfo, OpenOptions, Opening, Passphrase, Recovered};
use taper_core::{ApiError, Store};
use tauri::AppHandle;

use super::dialog::{ask, Ask};
use super::{blocking, session, with_store};
use crate::state::{lock, Diary, Reply};

pub async fn opening(app: &AppHandle) -> Reply<Opening> {
    let state = session(app);
    blocking(move || {
        let db = state.db().unwrap_or_default();
        Ok(store::opening(&db, state.current().err()))
    })
    .await
}

pub async fn start_diary(app: &AppHandle, passphrase: Option<String>) -> Reply<()> {
    let state = session(app);
    blocking(move || {
        let key = passphrase
            .map(|p| Passphrase::new_for_diary(&p))
            .transpose()?;
        // A diary made meanwhile (another window, the CLI) is opened as it is: the page then
        // shows its lock screen or the diary. One made without a passphrase when the person
        // asked for one is encrypted with it now, never left plain without a word.
        if !store::no_diary_at(&state.db()?) {
            let _ = state.reopen();
            if let (Some(key), Ok(store)) = (key, state.current()) {
                let mut s = lock(&store);
                if !s.is_encrypted() {
                    s.set_passphrase(Some(key.clone()))?;
                    state.set_key(Some(key));
                }
            }
            return Ok(());
        }
        state.open_with(key)
    })
    .await
}

pub async fn unlock(app: &AppHandle, passphrase: Option<String>) -> Reply<()> {
    let state = session(app);
    blocking(move || {
        let key = passphrase.map(|p| Passphrase::new(&p)).transpose()?;
        state.open_with(key)
    })
    .await
}

pub async fn lock_app(app: &AppHandle) -> Reply<()> {
    session(app).close(Diary::Locked);
    Ok(())
}

pub async fn set_passphrase(
    app: &AppHandle,
    current: Option<String>,
    next: Option<String>,
) -> Reply<AppInfo> {
    let next = next.map(|p| Passphrase::new_for_diary(&p)).transpose()?;
    let state = session(app);
    with_store(app, move |s| {
        if s.is_encrypted() {
            let given = current.as_deref().map(Passphrase::new).transpose()?;
            if given != state.key() {
                return Err(ApiError::from(taper_core::Error::WrongPassphrase));
            }
        }
        s.set_passphrase(next.clone())?;
        state.set_key(next);
        Ok(s.info(env!("CARGO_PKG_VERSION"), Local::now().naive_local())?)
    })
    .await
}

pub async fn delete_everything(app: &AppHandle, confirmation: String) -> Reply<()> {
    let state = session(app);
    blocking(move || {
        let db = state.db()?;
        // Checked before the diary is closed, so a wrong confirmation changes nothing at all.
        store::confirm_delete(&confirmation)?;
        state.close(Diary::FirstStart);
        store::delete_everything(&db, &confirmation)?;
        Ok(())
    })
    .await
}

pub async fn start_new_diary(app: &AppHandle) -> Reply<()> {
    let state = session(app);
    blocking(move || {
        if !store::no_diary_at(&state.db()?) {
            return state.reopen();
        }
        state.close(Diary::FirstStart);
        Ok(())
    })
    .await
}

pub async fn retry_open(app: &AppHandle) -> Reply<()> {
    let state = session(app);
    blocking(move || state.reopen()).await
}

pub async fn restore_from_trouble(app: &AppHandle, file_name: String) -> Reply<Recovered> {
    let state = session(app);
    blocking(move || {
        let db = state.db()?;
        // Only a backup from the list: the page never names a path of its own.
        let backup = store::list_backups(&store::backups_dir_of(&db))?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or_else(|| ApiError::from(taper_core::Error::NotFound { what: "backup" }))?;
        let done = store::recover_from_backup(
            &db,
            backup.path.as_ref(),
            state.key().as_ref(),
            Utc::now(),
        )?;
        state.reopen()?;
        Ok(done)
    })
    .await
}

pub async fn open_other_diary(app: &AppHandle) -> Reply<Option<String>> {
    let picked = Ask::Open {
        title: "Open a Taper diary",
        filter: ("Taper diary", &["db"]),
    };
    let Some(path) = ask(app, picked).await? else {
        return Ok(None);
    };
    let state = session(app);
    blocking(move || {
        let opened = match Store::open_with(&path, OpenOptions::existing()) {
            // An encrypted diary: the unlock screen asks for its passphrase next.
            Err(e @ taper_core::Error::NeedsPassphrase) => Err(ApiError::from(e)),
            other => Ok(other?),
        };
        let shown = path.display().to_string();
        state.use_file(path, opened);
        Ok(Some(shown))
    })
    .await
}
