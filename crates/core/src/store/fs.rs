//! Files beside the diary: the names of its side files, the temporary files new copies are
//! written into, swapping a checked copy in with a rename, making renames and deletions durable, and deleting the files
//! Taper made.

use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::Result;

/// The files SQLite keeps beside a database in WAL mode: its log and its shared-memory index.
pub(super) const SIDES: [&str; 2] = ["-wal", "-shm"];

/// The file name of the diary at `path` (`taper.db` when the path has none).
pub(super) fn db_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "taper.db".into(), |n| n.to_string_lossy().into_owned())
}

/// The file beside the database `path` whose name is the database's with `side` added: its
/// `-wal` or `-shm` (see [`SIDES`]), or with `""` the database itself.
pub(super) fn side_file(path: &Path, side: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(side);
    PathBuf::from(p)
}

/// Deletes the `-wal` and `-shm` of the (closed) database `path` where they are.
pub(super) fn remove_sides(path: &Path) -> Result<()> {
    for side in SIDES {
        let p = side_file(path, side);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    Ok(())
}

/// The mode SQLite gives a database file it creates (less the umask).
pub(super) const DB_MODE: u32 = 0o644;

/// A new, empty temporary file beside the database `path` that a new copy of it (`what`:
/// "convert", "restore", …) is written into, named `.<name>.<what>.<random>.tmp`, so the
/// rename that swaps it in stays on one file system. Deleted when dropped unless persisted.
pub(super) fn temp_beside(path: &Path, what: &str) -> Result<NamedTempFile> {
    Ok(crate::file::temp_beside(
        path,
        &format!(".{what}."),
        DB_MODE,
    )?)
}

/// Renames the checked file `tmp` over the (closed) diary at `path` and deletes the diary's
/// `-wal` and `-shm`, then makes the rename durable. The diary is always either the old file or
/// the new one.
pub(super) fn swap_in(tmp: NamedTempFile, path: &Path) -> Result<()> {
    tmp.persist(path).map_err(|e| crate::file::plain(e.error))?;
    remove_sides(path)?;
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
