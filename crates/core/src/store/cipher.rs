//! Encryption at rest, optional: SQLCipher (AES-256, a key derived from the passphrase with
//! PBKDF2-HMAC-SHA512, every page and the WAL encrypted and authenticated). A diary is either
//! plain SQLite or encrypted as a whole; its backups are made by SQLite from the open diary, so
//! they carry the same key. Turning encryption on, changing the passphrase and turning it off
//! all write a converted copy beside the diary, check it, and swap it in with a rename.
//!
//! Here: the passphrase, telling an encrypted file from a plain one, connections opened with a
//! key (read-write, or strictly read-only and untouched), and the checked export under a new
//! key. The conversions themselves (the diary and its copies) are in `convert.rs`.

use std::fmt;
use std::io::Read;
use std::path::Path;

use rusqlite::{named_params, Connection, OpenFlags};
use serde::Serialize;
use tempfile::NamedTempFile;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Shortest passphrase Taper accepts.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const MAX_PASSPHRASE_CHARS: usize = 1024;
/// SQLCipher's page size (its default), which every encrypted diary's size is a multiple of.
const CIPHER_PAGE: u64 = 4096;

/// A checked passphrase. Never printed: its `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(String);

impl Passphrase {
    /// Checks a passphrase the person typed (for a new passphrase and for unlocking alike).
    pub fn new(text: &str) -> Result<Passphrase> {
        let n = text.chars().count();
        if text.trim().is_empty() {
            return Err(Error::invalid("passphrase", "Type your passphrase."));
        }
        if text.contains('\0') {
            return Err(Error::invalid(
                "passphrase",
                "A passphrase cannot contain a NUL character.",
            ));
        }
        if n > MAX_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!("A passphrase can be at most {MAX_PASSPHRASE_CHARS} characters."),
            ));
        }
        Ok(Passphrase(text.to_owned()))
    }

    /// A passphrase for a diary being encrypted: also long enough to be worth having.
    pub fn new_for_diary(text: &str) -> Result<Passphrase> {
        let p = Passphrase::new(text)?;
        if text.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::invalid(
                "passphrase",
                format!(
                    "Use at least {MIN_PASSPHRASE_CHARS} characters. A few ordinary words together are easy to remember and hard to guess."
                ),
            ));
        }
        Ok(p)
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// SQLCipher 4's key derivation, which every encrypted diary uses (its defaults, never
/// changed by Taper): PBKDF2-HMAC-SHA512 with 256,000 iterations over the file's salt, its
/// first 16 bytes, giving a 32-byte key. Source: SQLCipher API, "cipher_compatibility" and
/// "PRAGMA key" (raw key data with an explicit salt), zetetic.net/sqlcipher/sqlcipher-api.
const KDF_ITERATIONS: u32 = 256_000;
const SALT_BYTES: usize = 16;
const KEY_BYTES: usize = 32;

impl Passphrase {
    /// The key SQLCipher derives from this passphrase for the encrypted file at `path`, as
    /// raw key data (`x'<key><salt>'`, hex) that opens it without deriving again: unlocking
    /// derives once, not once per connection. Reads the salt only. Errors: `Storage` when the
    /// file cannot be read, `Corrupt` when it is shorter than its salt.
    pub(crate) fn derived_for(&self, path: &Path) -> Result<Passphrase> {
        let mut salt = [0u8; SALT_BYTES];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut salt))
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::UnexpectedEof => {
                    Error::Corrupt(format!("{}: shorter than a diary", path.display()))
                }
                _ => e.into(),
            })?;
        let mut key = [0u8; KEY_BYTES];
        pbkdf2::pbkdf2_hmac::<sha2::Sha512>(self.0.as_bytes(), &salt, KDF_ITERATIONS, &mut key);
        let hex: String = key
            .iter()
            .chain(salt.iter())
            .map(|b| format!("{b:02X}"))
            .collect();
        Ok(Passphrase(format!("x'{hex}'")))
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// What is at a diary's path, judged from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiaryFile {
    /// No file yet.
    Missing,
    /// A plain SQLite file (or an empty one, which SQLite treats as a new database). A plain
    /// diary whose first 16 bytes are destroyed still counts: the rest of its header is plain.
    Plain,
    /// Looks encrypted: no plain header, and a whole number of SQLCipher pages. A passphrase is
    /// needed to tell an encrypted diary from random damage.
    Encrypted,
    /// Neither (text, a truncated file, …): damaged or not a diary.
    Unknown,
}

/// Judges the file at `path` from its first 100 bytes and its size. Reads only.
pub fn diary_file(path: &Path) -> DiaryFile {
    let Ok(meta) = std::fs::metadata(path) else {
        return if path.exists() {
            DiaryFile::Unknown
        } else {
            DiaryFile::Missing
        };
    };
    let len = meta.len();
    if len == 0 {
        return DiaryFile::Plain;
    }
    let mut head = [0u8; 100];
    let read = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head));
    if read.is_err() {
        return DiaryFile::Unknown;
    }
    // Bytes 21-23 of a SQLite header are always 64, 32, 32 (payload fractions).
    if head.starts_with(b"SQLite format 3\0") || head[21..24] == [64, 32, 32] {
        return DiaryFile::Plain;
    }
    if len >= CIPHER_PAGE && len % CIPHER_PAGE == 0 {
        return DiaryFile::Encrypted;
    }
    DiaryFile::Unknown
}

/// Sets up a new connection: the key, which must come before anything reads the file, then
/// SQLCipher's own logging off (Taper reports errors itself; set after the key, because the
/// first key in a process starts SQLCipher's logging afresh).
pub(crate) fn apply_key(conn: &Connection, key: Option<&Passphrase>) -> Result<()> {
    if let Some(k) = key {
        conn.pragma_update(None, "key", k.as_str())?;
    }
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    Ok(())
}

/// Opens a database file strictly read-only, creating nothing beside it, with `key` when it is
/// encrypted.
pub(super) fn open_untouched(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let uri = format!(
        "file:{}?immutable=1",
        path.display()
            .to_string()
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// After an encrypted diary refused to open with `key` as "not a database": tells a wrong
/// passphrase (no page authenticates) from damage (some do). Reads only.
pub(crate) fn wrong_key_or_damage(path: &Path, key: &Passphrase, damage: Error) -> Error {
    let failing = (|| -> Result<(usize, u64)> {
        let conn = open_untouched(path, Some(key))?;
        let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get("cipher_integrity_check"))?
            .collect::<rusqlite::Result<_>>()?;
        let pages = std::fs::metadata(path)?.len() / CIPHER_PAGE;
        let hmac = lines
            .iter()
            .filter(|l| l.contains("HMAC verification failed"))
            .count();
        Ok((hmac, pages))
    })();
    match failing {
        Ok((hmac, pages)) if pages > 0 && hmac as u64 >= pages => Error::WrongPassphrase,
        _ => damage,
    }
}

/// Checks that `key` opens the encrypted diary at `path` before anything opens it for writing:
/// read through an immutable, read-only connection, so a wrong passphrase cannot even replay
/// or checkpoint a WAL left by a crash. A wrong passphrase is [`Error::WrongPassphrase`], told
/// apart from damage.
pub(crate) fn verify_key(path: &Path, key: &Passphrase) -> Result<()> {
    let read = open_untouched(path, Some(key)).and_then(|conn| crate::migrate::user_version(&conn));
    match read {
        Ok(_) => Ok(()),
        Err(e @ Error::Corrupt(_)) => Err(wrong_key_or_damage(
            path,
            key,
            Error::Corrupt(format!("{}: {e}", path.display())),
        )),
        Err(e) => Err(e),
    }
}

/// Opens `path` read-write with `key` (no key: plain), for a conversion.
pub(crate) fn open_keyed(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// Copies the database `conn` has open into a new file `dest` under `new_key` (none: plain),
/// with SQLCipher's export (schema, rows, `user_version`), then checks the copy: it opens
/// with `new_key`, passes a full integrity check and has the same number of rows in every table.
/// `dest` is a new, empty temporary file ([`super::fs::temp_beside`]), which its owner
/// deletes when the export fails.
pub(crate) fn export_to(
    conn: &Connection,
    dest: &NamedTempFile,
    new_key: Option<&Passphrase>,
) -> Result<()> {
    let path = dest.path();
    let key = new_key.map_or("", Passphrase::as_str);
    conn.execute(
        "ATTACH DATABASE :file AS converted KEY :key",
        named_params! {":file": path.display().to_string(), ":key": key},
    )?;
    let exported = (|| -> Result<()> {
        conn.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))?;
        let version: i64 =
            conn.query_row("PRAGMA main.user_version", [], |r| r.get("user_version"))?;
        conn.pragma_update(Some("converted"), "user_version", version)?;
        Ok(())
    })();
    conn.execute("DETACH DATABASE converted", [])?;
    exported?;
    let copy = open_keyed(path, new_key)?;
    let check: String =
        copy.query_row("PRAGMA integrity_check", [], |r| r.get("integrity_check"))?;
    if check != "ok" {
        return Err(Error::Storage(format!(
            "the converted copy did not pass its check ({check})"
        )));
    }
    for table in tables(conn)? {
        let count = |c: &Connection| -> Result<i64> {
            Ok(
                c.query_row(&format!("SELECT count(*) AS n FROM \"{table}\""), [], |r| {
                    r.get("n")
                })?,
            )
        };
        if count(conn)? != count(&copy)? {
            return Err(Error::Storage(format!(
                "the converted copy is missing rows of {table}"
            )));
        }
    }
    drop(copy);
    dest.as_file().sync_all()?;
    Ok(())
}

fn tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    let names = stmt
        .query_map([], |r| r.get("name"))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key derived here is the one SQLCipher derives itself from the passphrase: a file
    /// SQLCipher encrypted under a passphrase opens with it, and with nothing else.
    #[test]
    fn the_derived_key_is_sqlcipher_s_own() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("d.db");
        let pass = Passphrase::new("correct horse battery").expect("pass");
        let conn = open_keyed(&path, Some(&pass)).expect("create");
        conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (42);")
            .expect("write");
        drop(conn);
        assert_eq!(diary_file(&path), DiaryFile::Encrypted);

        let raw = pass.derived_for(&path).expect("derive");
        assert!(raw.as_str().starts_with("x'") && raw.as_str().len() == 2 + 96 + 1);
        let read = |key: &Passphrase| -> Result<i64> {
            let conn = open_untouched(&path, Some(key))?;
            Ok(conn.query_row("SELECT x FROM t", [], |r| r.get(0))?)
        };
        assert_eq!(read(&raw).expect("opens with the derived key"), 42);
        let other = Passphrase::new("correct horse battery!")
            .and_then(|p| p.derived_for(&path))
            .expect("derive");
        assert!(
            read(&other).is_err(),
            "another passphrase's key does not open it"
        );
        assert!(format!("{raw:?}").contains("hidden"));
    }

    #[test]
    fn a_file_shorter_than_its_salt_is_damage() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("d.db");
        std::fs::write(&path, b"short").expect("write");
        let pass = Passphrase::new("correct horse battery").expect("pass");
        assert!(matches!(pass.derived_for(&path), Err(Error::Corrupt(_))));
    }
}
