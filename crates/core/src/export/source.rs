//! A file chosen for import, opened with care: only a regular file (a symbolic link to one is
//! fine) within [`MAX_IMPORT_BYTES`], never a device, pipe or folder, and read through a hard
//! limit so that a file growing while it is read is refused rather than read without end.

use std::fs::File;
use std::hash::{BuildHasher, DefaultHasher, Hasher, RandomState};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Take};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{detect_kind, parse_dose_csv_from, DoseImportPreview, ImportKind, MAX_IMPORT_BYTES};
use crate::error::{Error, Result};
use crate::settings::Settings;

/// What an import read: how many bytes, and a hash of them keyed by the caller's
/// [`RandomState`] (SipHash with keys random to this run of Taper), so that two fingerprints
/// made with the same keys are equal only for the same bytes (a file edited since cannot match
/// by chance or by design). Not stable across runs; never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Bytes read, the whole file.
    pub bytes: u64,
    hash: u64,
}

/// Counts (and, when asked, hashes) every byte read from the file.
struct Counted<R> {
    inner: R,
    bytes: u64,
    hasher: Option<DefaultHasher>,
    at_end: bool,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.at_end = true;
        }
        self.bytes += n as u64;
        if let Some(h) = &mut self.hasher {
            h.write(&buf[..n]);
        }
        Ok(n)
    }
}

/// A file opened for import: checked to be a regular file of at most the size limit, its kind
/// ([`ImportKind`]) told from its first bytes, ready to be read once, from the start, through
/// a limit of the size limit plus one byte.
pub struct ImportFile {
    path: PathBuf,
    kind: ImportKind,
    /// Size when opened.
    len: u64,
    cap: u64,
    reader: BufReader<Counted<Take<File>>>,
}

impl std::fmt::Debug for ImportFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportFile")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

fn cannot_read(path: &Path) -> impl Fn(io::Error) -> Error + '_ {
    move |e| Error::invalid("file", format!("{} cannot be read: {e}", path.display()))
}

fn not_a_file(path: &Path, meta: &std::fs::Metadata) -> Error {
    let what = if meta.is_dir() {
        "a folder"
    } else {
        "not a file (a device or a pipe, say)"
    };
    Error::invalid(
        "file",
        format!(
            "{} is {what}; Taper imports a Taper backup (.json) or a dose spreadsheet saved as CSV. Nothing was imported.",
            path.display()
        ),
    )
}

fn too_big(cap: u64) -> Error {
    Error::invalid(
        "file",
        format!(
            "The file grew to more than {} MB while it was read; Taper imports files up to {} MB. Nothing was imported.",
            cap / (1024 * 1024),
            cap / (1024 * 1024)
        ),
    )
}

/// Opens without waiting: a FIFO put in place of the file after it was checked would
/// otherwise block the open until something writes to it. No effect on a regular file.
fn open_no_wait(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

impl ImportFile {
    /// Opens the file at `path` (following symbolic links) for import. Refused
    /// (`Error::Invalid { field: "file" }`, nothing read): a path that cannot be read, anything
    /// but a regular file (a folder, `/dev/zero`, a FIFO), a file over [`MAX_IMPORT_BYTES`].
    /// Reads only the first bytes, to tell a backup (`{` first) from a dose CSV.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_capped(path, MAX_IMPORT_BYTES as u64)
    }

    /// [`ImportFile::open`] with a size limit of `cap` bytes.
    pub(crate) fn open_capped(path: &Path, cap: u64) -> Result<Self> {
        let meta = std::fs::metadata(path).map_err(cannot_read(path))?;
        if !meta.is_file() {
            return Err(not_a_file(path, &meta));
        }
        let mut file = open_no_wait(path).map_err(cannot_read(path))?;
        // The same check on what was opened, in case the path changed in between.
        let meta = file.metadata().map_err(cannot_read(path))?;
        if !meta.is_file() {
            return Err(not_a_file(path, &meta));
        }
        let len = meta.len();
        if len > cap {
            return Err(Error::invalid(
                "file",
                format!(
                    "The file is {} MB; Taper imports files up to {} MB. Nothing was imported.",
                    len / (1024 * 1024),
                    cap / (1024 * 1024)
                ),
            ));
        }
        let kind = {
            let mut peek = BufReader::new((&file).take(cap + 1));
            detect(&mut peek).map_err(cannot_read(path))?
        };
        file.seek(SeekFrom::Start(0)).map_err(cannot_read(path))?;
        Ok(ImportFile {
            path: path.to_owned(),
            kind,
            len,
            cap,
            reader: BufReader::new(Counted {
                inner: file.take(cap + 1),
                bytes: 0,
                hasher: None,
                at_end: false,
            }),
        })
    }

    /// Fingerprints every byte read from now on with keys from `keys` (see [`Fingerprint`]).
    /// Call before reading.
    pub fn fingerprinted(mut self, keys: &RandomState) -> Self {
        self.reader.get_mut().hasher = Some(keys.build_hasher());
        self
    }

    /// A backup or a dose CSV, told from the first character that is not white space.
    pub fn kind(&self) -> ImportKind {
        self.kind
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The whole file as text (for a backup: the JSON parser needs it whole), at most the
    /// size limit. Errors: the file grew past the limit, is not UTF-8, or cannot be read.
    /// Memory: the file's size, allocated once.
    pub fn read_text(&mut self) -> Result<String> {
        let mut bytes =
            Vec::with_capacity(usize::try_from(self.len.min(self.cap) + 1).unwrap_or(0));
        self.reader
            .read_to_end(&mut bytes)
            .map_err(cannot_read(&self.path))?;
        if bytes.len() as u64 > self.cap {
            return Err(too_big(self.cap));
        }
        String::from_utf8(bytes).map_err(|e| {
            Error::invalid(
                "file",
                format!(
                    "The file is not UTF-8 text (byte {} is not). Save it as UTF-8 and try again.",
                    e.utf8_error().valid_up_to() + 1
                ),
            )
        })
    }

    /// Reads the file as a dose CSV, row by row (see [`parse_dose_csv_from`]). Errors as
    /// there, and a file that grew past the size limit while it was read.
    pub fn parse_doses(
        &mut self,
        settings: &Settings,
        now: DateTime<Utc>,
    ) -> Result<DoseImportPreview> {
        let preview = parse_dose_csv_from(&mut self.reader, settings, now);
        // Past the limit, whatever the parser made of the cut-off end.
        if self.reader.get_ref().bytes > self.cap {
            return Err(too_big(self.cap));
        }
        preview
    }

    /// Reads what is left of the file without keeping it (to finish a fingerprint after a
    /// refusal). Errors: the file cannot be read.
    pub fn read_rest(&mut self) -> Result<()> {
        io::copy(&mut self.reader, &mut io::sink()).map_err(cannot_read(&self.path))?;
        Ok(())
    }

    /// The fingerprint of the whole file, once it has been read to its end with
    /// [`ImportFile::fingerprinted`]; else `None`.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        let counted = self.reader.get_ref();
        let hasher = counted.hasher.as_ref()?;
        counted.at_end.then(|| Fingerprint {
            bytes: counted.bytes,
            hash: hasher.finish(),
        })
    }
}

/// Skips a byte-order mark and white space and looks at the first character after them.
fn detect(r: &mut impl BufRead) -> io::Result<ImportKind> {
    let mut first = true;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(ImportKind::DoseCsv);
        }
        let text = String::from_utf8_lossy(buf);
        let text = if first {
            text.trim_start_matches('\u{feff}')
        } else {
            &text
        };
        if !text.trim_start().is_empty() {
            return Ok(detect_kind(text));
        }
        first = false;
        let n = buf.len();
        r.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Point 2 of issue 13: the size is checked when the file is opened, and reading never
    /// goes past the limit even when the file grows after that check.
    #[test]
    fn a_file_that_grows_after_the_size_check_is_refused_at_the_limit() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("backup.json");
        std::fs::write(&path, b"{\"format\": \"taper-backup\"}").expect("write");
        let mut file = ImportFile::open_capped(&path, 1000).expect("small enough when opened");
        assert_eq!(file.kind(), ImportKind::Backup);
        // It grows to 5,000 bytes between the check and the read.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &[b' '; 5000]))
            .expect("grow");
        let e = file.read_text().expect_err("grew");
        assert!(e.to_string().contains("grew to more than"), "{e}");
        assert_eq!(
            file.reader.get_ref().bytes,
            1001,
            "read stops at the limit + 1"
        );

        // The same for a CSV read row by row.
        let csv = dir.path().join("doses.csv");
        std::fs::write(&csv, "time,amount\n").expect("write");
        let mut file = ImportFile::open_capped(&csv, 100).expect("open");
        let rows = "2026-11-20 08:00,1\n".repeat(20);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&csv)
            .and_then(|mut f| std::io::Write::write_all(&mut f, rows.as_bytes()))
            .expect("grow");
        let e = file
            .parse_doses(&Settings::default(), Utc::now())
            .expect_err("grew");
        assert!(e.to_string().contains("grew to more than"), "{e}");
        assert_eq!(file.reader.get_ref().bytes, 101);
    }

    #[test]
    fn the_fingerprint_is_of_the_bytes_however_they_were_read() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("doses.csv");
        let text = format!("time,amount\n{}", "2026-11-20 08:00,1\n".repeat(5000));
        std::fs::write(&path, &text).expect("write");
        let keys = RandomState::new();
        let mut a = ImportFile::open(&path).expect("open").fingerprinted(&keys);
        assert_eq!(a.fingerprint(), None, "nothing read yet");
        a.read_text().expect("text");
        let mut b = ImportFile::open(&path).expect("open").fingerprinted(&keys);
        b.parse_doses(&Settings::default(), Utc::now())
            .expect("rows");
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_eq!(a.fingerprint().map(|f| f.bytes), Some(text.len() as u64));
        // One byte changed, same length: a different fingerprint.
        std::fs::write(&path, text.replacen("08:00,1", "08:00,2", 1)).expect("write");
        let mut c = ImportFile::open(&path).expect("open").fingerprinted(&keys);
        c.read_text().expect("text");
        assert_ne!(a.fingerprint(), c.fingerprint());
    }
}
