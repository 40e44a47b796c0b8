//! A diary written by schema 2 (Taper with SOWS/COWS and other medicines, before plans) opens in
//! this build with every row as it was. `tests/fixtures/schema-v2.db` is committed; it was made
//! by `generate_schema_v2_fixture` below from the schema-1 fixture, upgraded with migration 2
//! only (`migrate_to(2)`), plus rows only schema 2 can hold:
//!
//! `cargo test -p taper-core --test migrate_v2 -- --ignored generate_schema_v2_fixture`

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use taper_core::migrate::{latest, migrate_to, user_version};
use taper_core::Store;

fn fixture(version: u8) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema-v{version}.db"))
}

#[test]
#[ignore = "generates tests/fixtures/schema-v2.db; run by hand only"]
fn generate_schema_v2_fixture() {
    let path = fixture(2);
    let _ = std::fs::remove_file(&path);
    std::fs::copy(fixture(1), &path).expect("start from the schema-1 fixture");
    let mut conn = Connection::open(&path).expect("open");
    migrate_to(&mut conn, 2).expect("migration 2 only");
    assert_eq!(user_version(&conn).expect("version"), 2);
    conn.execute_batch(
        r#"
        INSERT INTO checkin (id, taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours,
                             sleep_quality, mood, note, created_at, updated_at, deleted_at) VALUES
          (10, '2026-11-23T07:00:00Z', '2026-11-23T08:00:00', 60, 'sows', 6, 4.0, 1, 2, 'SOWS, all items',
              '2026-11-23T07:00:00Z', '2026-11-23T07:00:00Z', NULL),
          (11, '2026-11-23T15:00:00Z', '2026-11-23T16:00:00', 60, 'cows', NULL, NULL, NULL, NULL, 'nurse',
              '2026-11-23T15:00:00Z', '2026-11-23T15:00:00Z', NULL);
        INSERT INTO checkin_item (checkin_id, symptom_key, score)
          SELECT 10, key, position % 5 FROM symptom WHERE instrument = 'sows';
        INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES
          (11, 'cows_gooseflesh', 5), (11, 'cows_pulse', 2);
        INSERT INTO medicine (id, taken_at_utc, local_time, utc_offset_min, name, amount, unit, note,
                              created_at, updated_at, deleted_at) VALUES
          (1, '2026-11-23T09:00:00Z', '2026-11-23T10:00:00', 60, 'Loperamide', 2.0, 'mg', NULL,
              '2026-11-23T09:00:00Z', '2026-11-23T09:00:00Z', NULL),
          (2, '2026-11-24T09:00:00Z', '2026-11-24T10:00:00', 60, 'Ibuprofen', NULL, NULL, 'deleted',
              '2026-11-24T09:00:00Z', '2026-11-24T09:00:00Z', '2026-11-24T09:05:00Z');
        "#,
    )
    .expect("schema-2 rows");
    conn.execute_batch("VACUUM").expect("vacuum");
    drop(conn);
    assert!(!path.with_extension("db-wal").exists());
}

use crate::common::{rows_as_the_old_schema as rows, Rows};

/// Every table of schema 2, in a fixed order.
fn snapshot(conn: &Connection) -> Vec<(&'static str, Rows)> {
    [
        ("dose", "SELECT * FROM dose ORDER BY id"),
        ("checkin", "SELECT * FROM checkin ORDER BY id"),
        (
            "checkin_item",
            "SELECT * FROM checkin_item ORDER BY checkin_id, symptom_key",
        ),
        ("setting", "SELECT * FROM setting ORDER BY key"),
        ("symptom", "SELECT * FROM symptom ORDER BY key"),
        ("medicine", "SELECT * FROM medicine ORDER BY id"),
    ]
    .into_iter()
    .map(|(name, sql)| (name, rows(conn, sql)))
    .collect()
}

#[test]
fn a_schema_2_diary_upgrades_with_every_row_unchanged() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("taper.db");
    std::fs::copy(fixture(2), &path).expect("copy the fixture");
    let before = {
        let conn = Connection::open(&path).expect("open");
        assert_eq!(user_version(&conn).expect("version"), 2);
        snapshot(&conn)
    };
    assert!(
        before.iter().all(|(_, r)| !r.is_empty()),
        "the fixture has rows in every table"
    );

    let s = Store::open(&path).expect("upgrades");
    // The plans of schema 3 are there and empty; a copy of the old diary was kept first.
    assert!(s.plans().expect("plans").is_empty());
    assert_eq!(s.backups().expect("backups").len(), 1);
    let sows = s.checkin(10).expect("the SOWS check-in");
    assert!(sows.complete);
    assert_eq!(s.checkin(11).expect("COWS").items.len(), 2);
    drop(s);

    let conn = Connection::open(&path).expect("open");
    assert_eq!(user_version(&conn).expect("version"), latest());
    assert_eq!(snapshot(&conn), before, "every row as it was");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get("integrity_check"))
        .expect("check");
    assert_eq!(ok, "ok");
}
