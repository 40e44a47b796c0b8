//! Schema migrations: a numbered list of static SQL on `PRAGMA user_version`, run by
//! `rusqlite_migration` in one IMMEDIATE transaction together with the version bump (all the
//! steps a diary needs, or none of them). Migrations only ever add. The connection's pragmas
//! (keys, WAL, foreign keys) are set where it is opened, never here.

use rusqlite::{Connection, TransactionBehavior};
use rusqlite_migration::{HookError, Migrations, M};

use crate::error::{Error, Result};
use crate::instrument::{Instrument, COWS, SOWS};
use crate::symptom::{KRATOM, KRATOM_ITEMS};

/// A random version 4 UUID in SQL (lowercase, hyphenated, as `crate::uid::new_uid` makes),
/// evaluated once per row: 8-4-4-4-12 hexadecimal digits, the version digit 4 and the variant
/// digit one of 8, 9, a, b. A macro so the migration stays one static string.
macro_rules! uuid_v4_sql {
    () => {
        "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || \
         substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || \
         substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
    };
}

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
    // 2: SOWS and COWS items in the catalogue (seeded below), other medicines, and item scores
    // up to 5 (COWS items allow 5). SQLite cannot change a CHECK in place, so checkin_item is
    // rebuilt with every row copied as it was; nothing references it.
    r#"
    CREATE TABLE medicine (
        id              INTEGER PRIMARY KEY,
        taken_at_utc    TEXT    NOT NULL,               -- RFC 3339 instant in UTC
        local_time      TEXT    NOT NULL,               -- wall clock YYYY-MM-DDTHH:MM:SS
        utc_offset_min  INTEGER NOT NULL,
        name            TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        amount          REAL    CHECK (amount > 0 AND amount <= 100000),
        unit            TEXT    CHECK (length(unit) BETWEEN 1 AND 20),
        note            TEXT,
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL,
        deleted_at      TEXT
    ) STRICT;
    CREATE INDEX medicine_by_local_time ON medicine (local_time) WHERE deleted_at IS NULL;

    CREATE TABLE checkin_item_v2 (
        checkin_id   INTEGER NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,
        symptom_key  TEXT    NOT NULL REFERENCES symptom (key),
        score        INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5),
        PRIMARY KEY (checkin_id, symptom_key)
    ) STRICT, WITHOUT ROWID;
    INSERT INTO checkin_item_v2 (checkin_id, symptom_key, score)
        SELECT checkin_id, symptom_key, score FROM checkin_item;
    DROP TABLE checkin_item;
    ALTER TABLE checkin_item_v2 RENAME TO checkin_item;
    "#,
    // 3: taper plans. A plan keeps every version: the original (version 1) and one more for
    // each step back. A version is in force from `effective_from` (a diary day); the schedule
    // it holds is the whole plan as it stood then, so any past day can be charted against the
    // plan that was in force that day.
    r#"
    CREATE TABLE plan (
        id          INTEGER PRIMARY KEY,
        params      TEXT    NOT NULL,                   -- JSON of plan::PlanParams
        created_at  TEXT    NOT NULL
    ) STRICT;

    CREATE TABLE plan_version (
        plan_id         INTEGER NOT NULL REFERENCES plan (id),
        version         INTEGER NOT NULL CHECK (version >= 1),
        change          TEXT    NOT NULL CHECK (change IN ('created', 'step_back')),
        effective_from  TEXT    NOT NULL,               -- diary day YYYY-MM-DD
        repeat_days     INTEGER CHECK (repeat_days BETWEEN 1 AND 60),
        days            TEXT    NOT NULL,               -- JSON array of plan::PlanDay
        created_at      TEXT    NOT NULL,
        PRIMARY KEY (plan_id, version)
    ) STRICT;
    "#,
    // 4: every entry's stable identity (see crate::uid): a version 4 UUID, given here to every
    // row already saved and by the store to each new one, kept by export and import so a merge
    // matches entries by identity. SQLite cannot add a column with a per-row default, so the
    // column starts empty, every row gets its own UUID, and a unique index keeps them apart.
    concat!(
        "ALTER TABLE dose ADD COLUMN uid TEXT NOT NULL DEFAULT '';\n",
        "ALTER TABLE checkin ADD COLUMN uid TEXT NOT NULL DEFAULT '';\n",
        "ALTER TABLE medicine ADD COLUMN uid TEXT NOT NULL DEFAULT '';\n",
        "UPDATE dose SET uid = ",
        uuid_v4_sql!(),
        ";\n",
        "UPDATE checkin SET uid = ",
        uuid_v4_sql!(),
        ";\n",
        "UPDATE medicine SET uid = ",
        uuid_v4_sql!(),
        ";\n",
        "CREATE UNIQUE INDEX dose_by_uid ON dose (uid);\n",
        "CREATE UNIQUE INDEX checkin_by_uid ON checkin (uid);\n",
        "CREATE UNIQUE INDEX medicine_by_uid ON medicine (uid);\n",
    ),
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get("user_version"))?)
}

/// Brings the database up to [`latest`]. Refuses (writing nothing) a database from a newer
/// version of Taper.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, latest())
}

/// Brings the database up to schema `target` (at most [`latest`]): the same steps as
/// [`migrate`], stopping early. Tests use it to build fixtures of older schemas. Refuses
/// ([`Error::NewerVersion`], writing nothing) a database from a newer version of Taper.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    let current = user_version(conn)?;
    if current > latest() {
        return Err(Error::NewerVersion {
            found: current,
            known: latest(),
        });
    }
    if current >= target {
        return Ok(());
    }
    let target = usize::try_from(target.min(latest())).unwrap_or(0);
    // IMMEDIATE: the write lock from the start, so another process reading the diary meanwhile
    // waits instead of failing half-way.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    let done = migrations().to_version(conn, target);
    conn.set_transaction_behavior(TransactionBehavior::Deferred);
    done.map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
        other => Error::Storage(format!("the diary could not be upgraded: {other}")),
    })
}

/// The migrations as `rusqlite_migration` runs them: each static SQL text, and for the ones
/// that add built-in catalogue items, a hook that seeds them.
fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(index, sql)| {
                let version = i64::try_from(index + 1).unwrap_or(i64::MAX);
                if seeds(version).is_empty() {
                    M::up(sql)
                } else {
                    M::up_with_hook(sql, move |tx: &rusqlite::Transaction<'_>| {
                        seed_symptoms(tx, version).map_err(HookError::from)
                    })
                }
            })
            .collect(),
    )
}

/// The built-in catalogue items migration `version` adds: per instrument, (key, label) in
/// display order. Positions count from 0 within each instrument.
fn seeds(version: i64) -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let of =
        |i: &'static Instrument| (i.key, i.items.iter().map(|it| (it.key, it.label)).collect());
    match version {
        1 => vec![(KRATOM, KRATOM_ITEMS.to_vec())],
        2 => vec![of(&SOWS), of(&COWS)],
        _ => Vec::new(),
    }
}

fn seed_symptoms(tx: &rusqlite::Transaction<'_>, version: i64) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO symptom (key, label, instrument, position, builtin)
         VALUES (:key, :label, :instrument, :position, 1)",
    )?;
    for (instrument, items) in seeds(version) {
        for (position, (key, label)) in items.iter().enumerate() {
            stmt.execute(rusqlite::named_params! {
                ":key": key,
                ":label": label,
                ":instrument": instrument,
                ":position": position,
            })?;
        }
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
        stmt.query_map([], |r| r.get("name"))
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
            [
                "checkin",
                "checkin_item",
                "dose",
                "medicine",
                "plan",
                "plan_version",
                "setting",
                "symptom"
            ]
        );
        for (instrument, n) in [(KRATOM, KRATOM_ITEMS.len()), (SOWS.key, 16), (COWS.key, 11)] {
            let rows: Vec<(String, String, i64)> = {
                let mut s = conn
                    .prepare(
                        "SELECT key, label, position FROM symptom
                         WHERE instrument = :instrument AND builtin = 1 AND archived = 0
                         ORDER BY position",
                    )
                    .expect("prepare");
                s.query_map(rusqlite::named_params! {":instrument": instrument}, |r| {
                    Ok((r.get("key")?, r.get("label")?, r.get("position")?))
                })
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
            };
            assert_eq!(rows.len(), n, "{instrument}");
            for (i, (_, _, position)) in rows.iter().enumerate() {
                assert_eq!(*position, i64::try_from(i).expect("small"));
            }
        }
        let sows: Vec<(String, String)> = SOWS
            .items
            .iter()
            .map(|i| (i.key.to_owned(), i.label.to_owned()))
            .collect();
        let stored: Vec<(String, String)> = {
            let mut s = conn
                .prepare(
                    "SELECT key, label FROM symptom WHERE instrument = 'sows' ORDER BY position",
                )
                .expect("prepare");
            s.query_map([], |r| Ok((r.get("key")?, r.get("label")?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        assert_eq!(stored, sows);
        // COWS scores of 5 fit the rebuilt item table.
        conn.execute_batch(
            "INSERT INTO checkin (id, taken_at_utc, local_time, utc_offset_min, instrument, created_at, updated_at)
             VALUES (1, '2026-11-25T08:00:00Z', '2026-11-25T08:00:00', 0, 'cows', 'x', 'x');
             INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (1, 'cows_gooseflesh', 5);",
        )
        .expect("a 5 is stored");
        assert!(conn
            .execute(
                "INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES (1, 'cows_pulse', 6)",
                [],
            )
            .is_err());
        migrate(&mut conn).expect("second run");
        assert_eq!(user_version(&conn).expect("version"), latest());
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get("integrity_check"))
            .expect("check");
        assert_eq!(ok, "ok");
        let fk: Vec<String> = {
            let mut s = conn.prepare("PRAGMA foreign_key_check").expect("fk");
            s.query_map([], |r| r.get("table"))
                .expect("q")
                .collect::<rusqlite::Result<_>>()
                .expect("r")
        };
        assert!(fk.is_empty());
    }

    #[test]
    fn migrations_validate() {
        // rusqlite_migration's own check: every step applies, in order, on an empty database.
        migrations().validate().expect("valid");
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
    fn every_entry_saved_before_identities_gets_its_own() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate_to(&mut conn, 3).expect("version 3");
        for i in 0..50 {
            conn.execute_batch(&format!(
                "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit,
                                   form, created_at, updated_at)
                 VALUES ('2026-11-20T08:00:00Z', '2026-11-20T08:00:00', 0, {n}, 1, 'g', 'powder', 'x', 'x');
                 INSERT INTO checkin (taken_at_utc, local_time, utc_offset_min, instrument, created_at, updated_at)
                 VALUES ('2026-11-20T08:00:00Z', '2026-11-20T08:00:00', 0, 'kratom', 'x', 'x');
                 INSERT INTO medicine (taken_at_utc, local_time, utc_offset_min, name, created_at, updated_at)
                 VALUES ('2026-11-20T08:00:00Z', '2026-11-20T08:00:00', 0, 'x', 'x', 'x');",
                n = i + 1
            ))
            .expect("rows of an older diary");
        }
        migrate(&mut conn).expect("migrate");
        let mut all = std::collections::HashSet::new();
        for table in ["dose", "checkin", "medicine"] {
            let uids: Vec<String> = conn
                .prepare(&format!("SELECT uid FROM {table}"))
                .expect("prepare")
                .query_map([], |r| r.get("uid"))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            assert_eq!(uids.len(), 50);
            for uid in uids {
                assert_eq!(crate::uid::parse_uid("uid", &uid).expect("a UUID"), uid);
                assert_eq!(&uid[14..15], "4", "version 4: {uid}");
                assert!("89ab".contains(&uid[19..20]), "variant: {uid}");
                assert!(all.insert(uid), "each its own");
            }
        }
        let e = conn.execute(
            "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit,
                               form, created_at, updated_at, uid)
             SELECT taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit, form,
                    created_at, updated_at, uid FROM dose LIMIT 1",
            [],
        );
        assert!(e.is_err(), "an identity is unique");
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
