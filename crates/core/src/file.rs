//! Writing files the person asked for (charts, reports, exports) so that nobody ever finds half
//! a file: the bytes go to a temporary file in the same folder, are flushed to disk, and the
//! temporary file is renamed over the target (an atomic replace on the same file system).

use std::io::Write;
use std::path::Path;

use tempfile::NamedTempFile;

/// A new, empty temporary file in the folder of `path`, named `.<name of path><what><random>.tmp`
/// (`what`: "." or ".convert." and the like), so that renaming it to `path` stays on one file
/// system. Created with `mode` on Unix (less the umask), as the file it stands for would be.
/// Deleted when dropped, unless it is persisted.
pub(crate) fn temp_beside(path: &Path, what: &str, mode: u32) -> std::io::Result<NamedTempFile> {
    let name = path.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the file name is missing or not readable",
        )
    })?;
    let prefix = format!(".{name}{what}");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(mode));
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(folder_of(path)).map_err(plain)
}

/// `tempfile` adds the temporary file's name to its errors ("… at path \"/x/.out.Ab12.tmp\"");
/// the person asked for the target, so a message says only what went wrong ("No such file or
/// directory (os error 2)"). (The error it wraps is not reachable through `source()`.)
pub(crate) fn plain(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    match e.to_string().rsplit_once(" at path \"") {
        Some((what, _)) => std::io::Error::new(e.kind(), what.to_owned()),
        None => e,
    }
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically. On failure the temporary file is removed and any
/// earlier file at `path` is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // 0o666: the mode `File::create` gives a new file.
    let mut tmp = temp_beside(path, ".", 0o666)?;
    tmp.as_file_mut().write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Dropped on failure, which removes the temporary file.
    tmp.persist(path).map_err(|e| plain(e.error))?;
    if let Ok(d) = std::fs::File::open(folder_of(path)) {
        // Makes the rename durable where the file system allows syncing a folder.
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_files_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("out.txt");
        write_atomic(&path, b"first").expect("write");
        write_atomic(&path, b"second, longer").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"second, longer");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(names.len(), 1);
        let missing = dir.path().join("no/such/folder/out.txt");
        let e = write_atomic(&missing, b"x").expect_err("no folder");
        assert!(!e.to_string().contains(".tmp"), "{e}");
        assert!(write_atomic(Path::new("/"), b"x").is_err());
    }
}
