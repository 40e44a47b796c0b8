//! The diary's own backup copies (Settings).

use chrono::Utc;
use taper_core::store::{BackupInfo, BackupKind};
use tauri::AppHandle;

use super::with_store;
use crate::state::Reply;

pub async fn list_backups(app: &AppHandle) -> Reply<Vec<BackupInfo>> {
    with_store(app, |s| s.backups()).await
}

pub async fn back_up_now(app: &AppHandle) -> Reply<BackupInfo> {
    let made = with_store(app, |s| s.back_up(BackupKind::Manual, Utc::now())).await?;
    super::remember_saved(app, &made.path);
    Ok(made)
}

/// Checked first; the diary as it was is kept as a "before restore" backup.
pub async fn restore_backup(app: &AppHandle, file_name: String) -> Reply<BackupInfo> {
    with_store(app, move |s| {
        // Only a backup from the list: the page never names a path of its own.
        let backup = s
            .backups()?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or(taper_core::Error::NotFound { what: "backup" })?;
        s.restore(std::path::Path::new(&backup.path), Utc::now())
    })
    .await
}
