//! Turning encryption on, changing the passphrase and turning it off: the diary and every copy
//! of it (backups, diaries set aside) are converted to the new key, each written beside itself,
//! checked and swapped in with a rename.

use std::path::Path;

use super::cipher::{diary_file, export_to, open_keyed, DiaryFile, Passphrase};
use crate::error::{Error, Result};

/// Re-writes the backup at `path` (made under `old`) under `new`, by the same export, checked,
/// and renamed over it.
fn convert_file(path: &Path, old: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
    let tmp = super::fs::temp_beside(path, "convert")?;
    {
        // Read-write: an attached database inherits its main database's open flags. Exporting
        // reads the backup and changes nothing in it.
        let src = open_keyed(path, old)?;
        export_to(&src, &tmp, new)?;
    }
    // On failure the temporary file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| crate::file::plain(e.error))?;
    Ok(())
}

impl super::Store {
    /// Encrypts the diary with `new`, changes its passphrase, or (`None`) stores it plain again.
    /// The diary is exported into a new file beside it under the new key, the copy checked (it
    /// opens, passes a full integrity check, has every row), then renamed over the diary: the
    /// old file is gone only once the new one is known good, and a crash at any point leaves
    /// one whole diary. Then every backup is converted the same way, so no copy is left under
    /// the old key (or in the clear). Afterwards `self` is the converted diary.
    pub fn set_passphrase(&mut self, new: Option<Passphrase>) -> Result<()> {
        if self.read_only {
            return Err(Error::ReadOnly(format!(
                "{}: a view-only diary cannot be converted",
                self.path.display()
            )));
        }
        let old = self.key.clone();
        if old.is_none() && new.is_none() {
            return Ok(());
        }
        self.exclusively(|store| {
            store.convert_held(old.clone(), new.clone())?;
            store.convert_copies(old.as_ref(), new.as_ref())
        })
    }

    /// Converts every copy of the diary from `old` to `new` (see [`Self::set_passphrase`]):
    /// its backups and the diaries the trouble screen set aside; deletes Taper's temporary
    /// files (unfinished copies a crash left). A copy that cannot be converted (a set-aside
    /// diary too damaged to read) is left as it was and named in the error.
    fn convert_copies(&self, old: Option<&Passphrase>, new: Option<&Passphrase>) -> Result<()> {
        let mut left = Vec::new();
        let mut copies: Vec<(String, std::path::PathBuf)> = self
            .backups()?
            .into_iter()
            .map(|b| (b.file_name, b.path.into()))
            .collect();
        copies.extend(self.set_aside_and_temporary(&mut left)?);
        for (name, file) in copies {
            let file = file.as_path();
            let key = match diary_file(file) {
                DiaryFile::Encrypted => old,
                _ => None,
            };
            if key == new {
                continue;
            }
            if let Err(e) = convert_file(file, key, new) {
                left.push(format!("{name} ({e})"));
                continue;
            }
            // A set-aside diary's own log and index went into the converted copy.
            super::fs::remove_sides(file)?;
        }
        if !left.is_empty() {
            return Err(Error::Storage(format!(
                "your diary was converted, but these copies of it could not be, so they are still under the old passphrase (or not encrypted): {}. Delete them from the data folder if that matters",
                left.join(", ")
            )));
        }
        Ok(())
    }

    /// The diaries set aside by the trouble screen (`<diary>.unopened-<time>`, to convert), and
    /// removes Taper's temporary files beside the diary and in `backups/` (unfinished copies
    /// a crash left; no other process is writing any while this one holds the diary alone).
    /// A temporary file that cannot be removed is named in `left`.
    fn set_aside_and_temporary(
        &self,
        left: &mut Vec<String>,
    ) -> Result<Vec<(String, std::path::PathBuf)>> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let name = super::fs::db_name(&self.path);
        let mut aside = Vec::new();
        let mut temporary = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let file = entry.file_name().to_string_lossy().into_owned();
            if !entry.file_type()?.is_file() {
                continue;
            }
            if super::recover::is_set_aside_name(&name, &file) {
                aside.push((file, entry.path()));
            } else if file.starts_with(&format!(".{name}.")) && file.ends_with(".tmp") {
                temporary.push(entry.path());
            }
        }
        if let Ok(entries) = std::fs::read_dir(self.backups_dir()) {
            for entry in entries.flatten() {
                let file = entry.file_name().to_string_lossy().into_owned();
                if file.starts_with('.')
                    && file.ends_with(".tmp")
                    && super::snapshots::is_backup_file_name(&file)
                {
                    temporary.push(entry.path());
                }
            }
        }
        for t in temporary {
            if let Err(e) = std::fs::remove_file(&t) {
                left.push(format!("{} ({e})", t.display()));
            }
        }
        Ok(aside)
    }

    /// The diary's own conversion in [`super::Store::set_passphrase`], once this process holds
    /// it alone.
    fn convert_held(&mut self, old: Option<Passphrase>, new: Option<Passphrase>) -> Result<()> {
        let path = self.path.clone();
        // Deleted when dropped: wherever this returns early, no copy is left behind.
        let tmp = super::fs::temp_beside(&path, "convert")?;
        // The export sees everything, and no stale log is left to replay into the new file.
        self.checkpoint_all()?;
        export_to(&self.conn, &tmp, new.as_ref())?;
        self.close_connection()?;
        if let Err(e) = super::fs::swap_in(tmp, &path) {
            self.reopen(old.as_ref())?;
            return Err(e);
        }
        self.reopen(new.as_ref())
    }
}
