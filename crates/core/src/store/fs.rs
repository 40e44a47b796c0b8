//! Files beside the diary: the temporary names new copies are written under, swapping a
//! checked copy in with a rename, making renames and deletions durable, and deleting the files
//! Taper made.

use std::path::{Path, PathBuf};

use crate::error::Result;

/// The temporary name a new copy of `path` (`what`: "convert", "restore", …) is written under,
/// beside it, so the rename that swaps it in stays on one file system.
pub(super) fn temp_beside(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "taper.db".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{what}.tmp"))
}

/// Renames the checked file `tmp` over the (closed) diary at `path` and deletes the diary's
/// `-wal` and `-shm`, then makes the rename durable. The diary is always either the old file or
/// the new one.
pub(super) fn swap_in(tmp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(tmp, path)?;
    for side in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(side);
        let p = PathBuf::from(p);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    sync_folder(path);
    Ok(())
}

/// Makes a rename or a deletion in the folder of `path` durable; not every file system allows
/// syncing a folder, so a failure is not an error.
pub(super) fn sync_folder(path: &Path) {
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Deletes the regular files in `dir` whose names `ours` accepts; returns their paths.
pub(super) fn remove_files(dir: &Path, ours: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
    let mut deleted = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let file = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && ours(&file) {
            std::fs::remove_file(entry.path())?;
            deleted.push(entry.path());
        }
    }
    Ok(deleted)
}
