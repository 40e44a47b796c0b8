//! The handlers of the declared commands (see `declared.rs`), one module per domain. Each
//! parses nothing itself: it calls the core on a blocking thread, where the store lock is taken
//! (never held across an await), and every error reaches the page as `{code, message, field}`.

mod backups;
mod charts;
mod dialog;
mod diary;
mod folder;
mod gate;
mod plans;
mod reminders;
mod share;
mod zoom;

use std::sync::{Arc, Mutex};

use chrono::{Local, NaiveDate};
use taper_core::{ApiError, Store};
use tauri::{AppHandle, Manager};

use crate::state::{lock, AppState, Reply};

pub use backups::*;
pub use charts::*;
pub use diary::*;
pub use folder::*;
pub use gate::*;
pub use plans::*;
pub use reminders::*;
pub use share::*;
pub use zoom::*;

/// The session every command shares.
fn session(app: &AppHandle) -> AppState {
    app.state::<AppState>().inner().clone()
}

/// Runs `f` on the open diary, on a blocking thread.
async fn with_store<T: Send + 'static, E: Into<ApiError>>(
    app: &AppHandle,
    f: impl FnOnce(&mut Store) -> Result<T, E> + Send + 'static,
) -> Reply<T> {
    let store: Arc<Mutex<Store>> = session(app).current()?;
    tauri::async_runtime::spawn_blocking(move || f(&mut lock(&store)).map_err(Into::into))
        .await
        .map_err(|e| {
            ApiError::internal(format!(
                "Taper hit an internal problem and nothing was saved ({e})."
            ))
        })?
}

/// Runs blocking work (files, PDF, dialogs, opening the diary) off the async runtime.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("Taper hit an internal problem ({e}).")))?
}

/// The current diary day on this computer's clock.
fn today(s: &Store) -> taper_core::Result<NaiveDate> {
    s.today(Local::now().naive_local())
}
