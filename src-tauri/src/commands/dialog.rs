//! The system's file dialogs, from Rust only: the page gets no dialog or file permissions.

use std::path::PathBuf;

use taper_core::ApiError;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::blocking;
use crate::state::Reply;

/// A system file dialog to show.
pub enum Ask {
    /// Save one file, suggesting `name`; `ext` is added when the person leaves it off.
    Save {
        title: &'static str,
        name: String,
        label: &'static str,
        ext: &'static str,
    },
    /// Choose (or make) a folder.
    Folder { title: &'static str },
    /// Open one existing file of the kind `filter` names.
    Open {
        title: &'static str,
        filter: (&'static str, &'static [&'static str]),
    },
}

/// Environment variables that replace the dialogs in the end-to-end tests (a WebDriver cannot
/// reach a native dialog): save dialogs answer `$TAPER_TEST_DIALOG_DIR/<suggested name>`,
/// folder dialogs `$TAPER_TEST_DIALOG_DIR` itself, the open dialog `$TAPER_TEST_OPEN_FILE`.
/// Not set in normal use.
const TEST_DIALOG_DIR: &str = "TAPER_TEST_DIALOG_DIR";
const TEST_OPEN_FILE: &str = "TAPER_TEST_OPEN_FILE";

/// Shows the dialog; `None` when the person cancelled.
pub async fn ask(app: &AppHandle, what: Ask) -> Reply<Option<PathBuf>> {
    let stand_in = match &what {
        Ask::Save { name, .. } => {
            std::env::var_os(TEST_DIALOG_DIR).map(|d| PathBuf::from(d).join(name))
        }
        Ask::Folder { .. } => std::env::var_os(TEST_DIALOG_DIR).map(PathBuf::from),
        Ask::Open { .. } => std::env::var_os(TEST_OPEN_FILE).map(PathBuf::from),
    };
    if let Some(path) = stand_in {
        if matches!(what, Ask::Save { .. }) {
            super::remember_saved(app, &path);
        }
        return Ok(Some(path));
    }
    let handle = app.clone();
    let picked = blocking(move || {
        let dialog = handle.dialog().file();
        Ok(match what {
            Ask::Save {
                title,
                name,
                label,
                ext,
            } => dialog
                .set_title(title)
                .set_file_name(name)
                .add_filter(label, &[ext])
                .blocking_save_file()
                .map(|p| (p, Some(ext))),
            Ask::Folder { title } => dialog
                .set_title(title)
                .blocking_pick_folder()
                .map(|p| (p, None)),
            Ask::Open { title, filter } => dialog
                .set_title(title)
                .add_filter(filter.0, filter.1)
                .blocking_pick_file()
                .map(|p| (p, None)),
        })
    })
    .await?;
    let Some((picked, ext)) = picked else {
        return Ok(None);
    };
    let mut path = picked
        .into_path()
        .map_err(|e| ApiError::internal(format!("That place cannot be used ({e}).")))?;
    if let Some(ext) = ext {
        if path.extension().is_none() {
            path.set_extension(ext);
        }
        // A file Taper is about to write: "Show in folder" may show it (`reveal_file`).
        super::remember_saved(app, &path);
    }
    Ok(Some(path))
}
