//! Showing Taper's own files in the system's file manager ("Open folder", "Show in folder").
//! The page names a file only from the short list of files Taper itself saved this session
//! ([`Saved`]), so it can never open an arbitrary path.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use taper_core::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager};

use super::{blocking, session};
use crate::state::{lock, Reply};

/// The files Taper saved this session (reports, charts, exports, backups), newest last: the
/// only files `reveal_file` shows. At most [`Saved::KEEP`] are kept.
#[derive(Clone, Default)]
pub struct Saved(Arc<Mutex<Vec<PathBuf>>>);

impl Saved {
    /// How many saved files are remembered; older ones drop off.
    const KEEP: usize = 64;

    /// Remembers `path` as a file Taper has just written.
    pub fn remember(&self, path: impl Into<PathBuf>) {
        let mut saved = lock(&self.0);
        saved.push(path.into());
        let extra = saved.len().saturating_sub(Self::KEEP);
        saved.drain(..extra);
    }

    /// Whether `path` is one of the files remembered, exactly as it was given back.
    pub fn contains(&self, path: &Path) -> bool {
        lock(&self.0).iter().any(|p| p == path)
    }
}

/// Remembers `path` (a file Taper has just written) for `reveal_file`.
pub fn remember_saved(app: &AppHandle, path: impl Into<PathBuf>) {
    app.state::<Saved>().inner().remember(path);
}

/// Set only by the end-to-end tests (there is no file manager under them): instead of opening
/// anything, each request is appended to this file as one line, `open <folder>` or
/// `reveal <file>`.
const TEST_OPEN_LOG: &str = "TAPER_TEST_OPEN_LOG";

/// What to show in the file manager.
enum Show {
    /// A folder, opened.
    Folder(PathBuf),
    /// A file, shown selected in its folder.
    File(PathBuf),
}

/// Opens the file manager, or the test stand-in; a failure is a typed error naming the place.
async fn show(what: Show) -> Reply<()> {
    blocking(move || {
        let (verb, path) = match &what {
            Show::Folder(p) => ("open", p),
            Show::File(p) => ("reveal", p),
        };
        if let Some(log) = std::env::var_os(TEST_OPEN_LOG) {
            use std::io::Write;
            let line = format!("{verb} {}\n", path.display());
            return std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .and_then(|mut f| f.write_all(line.as_bytes()))
                .map_err(|e| ApiError::internal(format!("The test stand-in failed ({e}).")));
        }
        let opened = match &what {
            Show::Folder(p) => tauri_plugin_opener::open_path(p, None::<&str>),
            Show::File(p) => tauri_plugin_opener::reveal_item_in_dir(p),
        };
        opened.map_err(|e| ApiError {
            code: ErrorCode::Storage,
            message: format!(
                "No file manager could open {} ({e}). You can find it there yourself.",
                path.display()
            ),
            field: Some("path".into()),
        })
    })
    .await
}

/// Opens the folder of the diary file in use in the file manager.
pub async fn open_data_folder(app: &AppHandle) -> Reply<()> {
    let db = session(app).db()?;
    let folder = db
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| ApiError::internal("The diary file has no folder."))?;
    show(Show::Folder(folder)).await
}

/// Shows `path` selected in its folder; only a file Taper saved this session (a path as a save
/// command returned it), anything else is refused with `not_found` on field `path`.
pub async fn reveal_file(app: &AppHandle, path: String) -> Reply<()> {
    let path = PathBuf::from(path);
    if !app.state::<Saved>().inner().contains(&path) {
        return Err(ApiError {
            code: ErrorCode::NotFound,
            message: "Taper only shows files it saved itself in this session.".into(),
            field: Some("path".into()),
        });
    }
    show(Show::File(path)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_only_the_latest_files() {
        let saved = Saved::default();
        for i in 0..(Saved::KEEP + 3) {
            saved.remember(format!("/tmp/file-{i}.pdf"));
        }
        assert!(!saved.contains(Path::new("/tmp/file-0.pdf")));
        assert!(!saved.contains(Path::new("/tmp/file-2.pdf")));
        assert!(saved.contains(Path::new("/tmp/file-3.pdf")));
        assert!(saved.contains(Path::new(&format!("/tmp/file-{}.pdf", Saved::KEEP + 2))));
        assert!(!saved.contains(Path::new("/etc/passwd")));
    }

    /// Without a file manager (or, here, without the file) the request fails as a typed error
    /// naming the place, never a panic.
    #[test]
    fn a_file_that_cannot_be_shown_is_a_typed_error() {
        if std::env::var_os(TEST_OPEN_LOG).is_some() {
            return;
        }
        let missing = std::env::temp_dir().join("taper-no-such-dir/saved-report.pdf");
        let err = tauri::async_runtime::block_on(show(Show::File(missing.clone())))
            .expect_err("a missing file cannot be shown");
        assert_eq!(err.code, ErrorCode::Storage);
        assert_eq!(err.field.as_deref(), Some("path"));
        assert!(
            err.message
                .starts_with(&format!("No file manager could open {}", missing.display())),
            "{}",
            err.message
        );
    }
}
