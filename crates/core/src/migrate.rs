//! Schema migrations: a numbered list on `PRAGMA user_version`, each applied in one
//! IMMEDIATE transaction together with its version bump. Migrations only ever add.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};
use crate::symptom::{KRATOM, KRATOM_ITEMS};

/// Migration N (1-based) is `MIGRATIONS[N - 1]`.
pub const MIGRATIONS: &[&str] = &[
    // 1: doses, the symptom catalogue, check-ins and their item scores, settings.
    r#"
    CREATE TABLE dose (
        id              INTEGER PRIMARY KEY,
        taken_at_utc    TEXT    NOT NULL,               -- RFC 3339 instant in UTC
        local_time      TEXT    NOT NULL,               -- wall clock YYYY-MM-DDTHH:MM:SS
        utc_offset_min  INTEGER NOT NULL,
        amount_dg       INTEGER NOT NULL CHECK (amount_dg > 0 AND amount_dg <= 1000),
        amount_entered  REAL    NOT NULL CHECK (amount_entered > 0),
        unit            TEXT    NOT NULL CHECK (unit IN ('g', 'capsule', 'tsp')),
        form            TEXT    NOT NULL CHECK (form IN ('powder', 'capsules', 'tablets', 'extract', 'tea', 'other')),
        product         TEXT,
        estimated       INTEGER NOT NULL DEFAULT 0 CHECK (estimated IN (0, 1)),
        note            TEXT,
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        deleted_at      TEXT
    ) STRICT;
    CREATE INDEX dose_by_local_time ON dose (local_time) WHERE deleted_at IS NULL;

    CREATE TABLE symptom (
        key         TEXT    PRIMARY KEY,
        label       TEXT    NOT NULL,
        instrument  TEXT    NOT NULL,
        position    INTEGER NOT NULL,
        builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
        archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
    ) STRICT;

    CREATE TABLE checkin (
        id              INTEGER PRIMARY KEY,
        taken_at_utc    TEXT    NOT NULL,
        local_time      TEXT    NOT NULL,
        utc_offset_min  INTEGER NOT NULL,
        instrument      TEXT    NOT NULL,
        craving         INTEGER CHECK (craving BETWEEN 0 AND 10),
        sleep_hours     REAL    CHECK (sleep_hours BETWEEN 0 AND 24),
        sleep_quality   INTEGER CHECK (sleep_quality BETWEEN 0 AND 4),
        mood            INTEGER CHECK (mood BETWEEN 0 AND 4),
        note            TEXT,
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        deleted_at      TEXT
    ) STRICT;
    CREATE INDEX checkin_by_local_time ON checkin (local_time) WHERE deleted_at IS NULL;

    CREATE TABLE checkin_item (
        checkin_id   INTEGER NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,
        symptom_key  TEXT    NOT NULL REFERENCES symptom (key),
        score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 4),
        PRIMARY KEY (checkin_id, symptom_key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE setting (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) STRICT;
    "#,
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database up to [`latest`]. Refuses (writing nothing) a database from a newer
/// version of Taper.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current = user_version(conn)?;
    if current > latest() {
        return Err(Error::NewerVersion {
            found: current,
            known: latest(),
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = i64::try_from(index + 1).unwrap_or(i64::MAX);
        if version <= current {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        if version == 1 {
            seed_symptoms(&tx)?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

fn seed_symptoms(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO symptom (key, label, instrument, position, builtin) VALUES (?1, ?2, ?3, ?4, 1)",
    )?;
    for (position, (key, label)) in KRATOM_ITEMS.iter().enumerate() {
        stmt.execute(rusqlite::params![key, label, KRATOM, position])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    #[test]
    fn fresh_database_reaches_latest_and_rerun_is_a_no_op() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut conn = Connection::open(dir.path().join("m.db")).expect("open");
        migrate(&mut conn).expect("migrate");
        assert_eq!(user_version(&conn).expect("version"), latest());
        assert_eq!(
            tables(&conn),
            ["checkin", "checkin_item", "dose", "setting", "symptom"]
        );
        let n: i64 = conn
            .query_row("SELECT count(*) FROM symptom WHERE builtin = 1", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(n, i64::try_from(KRATOM_ITEMS.len()).expect("small"));
        migrate(&mut conn).expect("second run");
        assert_eq!(user_version(&conn).expect("version"), latest());
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("check");
        assert_eq!(ok, "ok");
        let fk: Vec<String> = {
            let mut s = conn.prepare("PRAGMA foreign_key_check").expect("fk");
            s.query_map([], |r| r.get(0))
                .expect("q")
                .collect::<rusqlite::Result<_>>()
                .expect("r")
        };
        assert!(fk.is_empty());
    }

    #[test]
    fn every_migration_is_valid_sql_applied_in_order() {
        // Each step on its own leaves the version it claims.
        let mut conn = Connection::open_in_memory().expect("open");
        for (i, _) in MIGRATIONS.iter().enumerate() {
            migrate(&mut conn).expect("migrate");
            assert!(user_version(&conn).expect("version") > i64::try_from(i).expect("small"));
        }
    }

    #[test]
    fn newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("new.db");
        {
            let conn = Connection::open(&path).expect("open");
            conn.pragma_update(None, "user_version", latest() + 1)
                .expect("set");
        }
        let before = std::fs::read(&path).expect("read");
        let mut conn = Connection::open(&path).expect("open");
        let e = migrate(&mut conn).expect_err("newer");
        assert!(matches!(e, Error::NewerVersion { .. }), "{e}");
        drop(conn);
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }
}
