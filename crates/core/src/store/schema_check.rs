//! Is this file a Taper diary? A database is one when its schema is exactly what Taper's
//! migrations make for its `user_version`: the same tables and indexes, and no table, view,
//! index or trigger that Taper does not create. Anything else (another program's database with
//! `user_version` 0, a diary someone added a trigger or a view to) is refused before a byte is
//! written: such an object could run code on every save or hide what the diary holds. And the
//! damage checks (`PRAGMA integrity_check`, `quick_check`) run before a file is trusted.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::migrate;
use crate::error::{Error, Result};

/// Runs `PRAGMA integrity_check` or `quick_check`; anything but "ok" is [`Error::Corrupt`].
pub(super) fn integrity(conn: &Connection, pragma: &str) -> Result<()> {
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(pragma))?
        .collect::<rusqlite::Result<_>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        return Ok(());
    }
    let shown: Vec<&str> = lines.iter().take(3).map(String::as_str).collect();
    Err(Error::Corrupt(format!(
        "the database check found damage: {}",
        shown.join("; ")
    )))
}

/// A quick structural check of an open database ("PRAGMA quick_check").
pub(super) fn quick_check(conn: &Connection) -> Result<()> {
    integrity(conn, "quick_check")
}

/// (type, name) of every schema object, SQLite's own `sqlite_*` ones left out.
type Objects = BTreeSet<(String, String)>;

fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare(
        "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get("type")?, r.get("name")?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What Taper's migrations create up to schema `version`, made in a private in-memory database.
fn expected(version: i64) -> Result<Objects> {
    let mut conn = Connection::open_in_memory()?;
    migrate::migrate_to(&mut conn, version)?;
    objects(&conn)
}

fn list(kind_names: &[&(String, String)]) -> String {
    let shown: Vec<String> = kind_names
        .iter()
        .take(5)
        .map(|(kind, name)| format!("{kind} “{name}”"))
        .collect();
    let more = kind_names.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Why the open database `conn`, whose `user_version` is `version` (at most
/// [`migrate::latest`]), is not a Taper diary, or `None` when it is one. A database with no
/// schema at all and version 0 is a new, empty diary (an empty or missing file). Reads only.
/// The reason reads "it is not a Taper diary: …" or "it holds … that Taper does not make".
pub fn schema_problem(conn: &Connection, version: i64) -> Result<Option<String>> {
    let found = objects(conn)?;
    if version == 0 {
        if found.is_empty() {
            return Ok(None);
        }
        let all: Vec<&(String, String)> = found.iter().collect();
        return Ok(Some(format!(
            "it is not a Taper diary: it holds {} and no Taper version number",
            list(&all)
        )));
    }
    let want = expected(version)?;
    let extra: Vec<&(String, String)> = found.difference(&want).collect();
    if !extra.is_empty() {
        return Ok(Some(format!(
            "it is not a Taper diary as Taper makes it: it holds {} that Taper does not make",
            list(&extra)
        )));
    }
    let missing: Vec<&(String, String)> = want.difference(&found).collect();
    if !missing.is_empty() {
        return Ok(Some(format!(
            "it is not a Taper diary as Taper makes it: {} is missing",
            list(&missing)
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_taper_makes_passes_and_anything_added_is_named() {
        for version in 0..=migrate::latest() {
            let mut conn = Connection::open_in_memory().expect("open");
            migrate::migrate_to(&mut conn, version).expect("migrate");
            assert_eq!(schema_problem(&conn, version).expect("check"), None);
        }
        let mut conn = Connection::open_in_memory().expect("open");
        migrate::migrate(&mut conn).expect("migrate");
        conn.execute_batch(
            "CREATE TRIGGER wipe AFTER INSERT ON dose BEGIN DELETE FROM dose; END;
             CREATE VIEW everything AS SELECT * FROM dose;",
        )
        .expect("add");
        let why = schema_problem(&conn, migrate::latest())
            .expect("check")
            .expect("refused");
        assert!(why.contains("trigger “wipe”"), "{why}");
        assert!(why.contains("view “everything”"), "{why}");
        let mut conn = Connection::open_in_memory().expect("open");
        migrate::migrate(&mut conn).expect("migrate");
        conn.execute_batch("DROP INDEX dose_by_local_time")
            .expect("drop");
        let why = schema_problem(&conn, migrate::latest())
            .expect("check")
            .expect("refused");
        assert!(
            why.contains("index “dose_by_local_time” is missing"),
            "{why}"
        );
        let conn = Connection::open_in_memory().expect("open");
        conn.execute_batch("CREATE TABLE notes (t TEXT)")
            .expect("table");
        let why = schema_problem(&conn, 0).expect("check").expect("refused");
        assert!(why.contains("not a Taper diary"), "{why}");
        assert!(why.contains("table “notes”"), "{why}");
    }
}
