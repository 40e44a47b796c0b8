//! A diary written by schema 1 (Taper before issue 4) opens in this build with every row as it
//! was. `tests/fixtures/schema-v1.db` is a committed file so later migrations keep being run
//! against the real old format; it was made by `generate_schema_v1_fixture` below, which uses
//! only migration 1's SQL and seeding:
//!
//! `cargo test -p taper-core --test migrate_v1 -- --ignored generate_schema_v1_fixture`
//!
//! The fixture is in WAL mode like a real diary, and SQLite puts -shm/-wal files next to a WAL
//! database even when opening it read-only: tests only ever open a copy in a temporary folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::medicine::MedicineInput;
use taper_core::migrate::{latest, MIGRATIONS};
use taper_core::symptom::{KRATOM, KRATOM_ITEMS};
use taper_core::{instrument, Store};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db")
}

fn now() -> DateTime<Utc> {
    "2026-11-25T12:00:00Z".parse().expect("now")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

/// Writes the schema-1 fixture: migration 1's SQL and kratom seeding, then rows as Taper 0.1
/// stored them (a deleted dose and check-in, a check-in without items, settings).
#[test]
#[ignore = "generates tests/fixtures/schema-v1.db; run by hand only"]
fn generate_schema_v1_fixture() {
    let path = fixture();
    std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
    let _ = std::fs::remove_file(&path);
    let mut conn = Connection::open(&path).expect("create");
    // Small pages keep the committed file a few KB; the page size does not matter to migrations.
    conn.pragma_update(None, "page_size", 512)
        .expect("page size");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("WAL, as Taper leaves its diaries");
    conn.pragma_update(None, "foreign_keys", "ON").expect("fk");
    {
        // Exactly what migration 1 did: its SQL, the kratom seeding, user_version 1.
        let tx = conn.transaction().expect("tx");
        tx.execute_batch(MIGRATIONS[0]).expect("migration 1");
        for (position, (key, label)) in KRATOM_ITEMS.iter().enumerate() {
            tx.execute(
                "INSERT INTO symptom (key, label, instrument, position, builtin)
                 VALUES (:key, :label, :instrument, :position, 1)",
                rusqlite::named_params! {
                    ":key": key,
                    ":label": label,
                    ":instrument": KRATOM,
                    ":position": position,
                },
            )
            .expect("seed");
        }
        tx.pragma_update(None, "user_version", 1).expect("version");
        tx.commit().expect("commit");
    }
    conn.execute_batch(
        r#"
        INSERT INTO dose (id, taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit, form,
                          product, estimated, note, created_at, updated_at, deleted_at) VALUES
          (1, '2026-11-20T07:30:00Z', '2026-11-20T08:30:00', 60, 25, 2.5, 'g', 'powder',
              'Red Maeng Da', 0, 'with food 😀 "quoted"', '2026-11-20T07:31:00Z', '2026-11-20T07:31:00Z', NULL),
          (2, '2026-11-21T01:10:00Z', '2026-11-21T02:10:00', 60, 24, 4.0, 'capsule', 'capsules',
              NULL, 1, NULL, '2026-11-21T01:11:00Z', '2026-11-21T01:11:00Z', NULL),
          (3, '2026-11-21T12:00:00Z', '2026-11-21T13:00:00', 60, 30, 1.2, 'tsp', 'tea',
              'Green Malay', 1, 'tea, estimated', '2026-11-21T12:00:00Z', '2026-11-21T12:05:00Z', NULL),
          (4, '2026-11-22T08:00:00Z', '2026-11-22T09:00:00', 60, 450, 45.0, 'g', 'extract',
              NULL, 0, 'typo, deleted', '2026-11-22T08:00:00Z', '2026-11-22T08:00:00Z', '2026-11-22T08:01:00Z'),
          (5, '2026-10-25T00:30:00Z', '2026-10-25T02:30:00', 120, 10, 1.0, 'g', 'powder',
              NULL, 0, NULL, '2026-10-25T00:31:00Z', '2026-10-25T00:31:00Z', NULL);

        INSERT INTO checkin (id, taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours,
                             sleep_quality, mood, note, created_at, updated_at, deleted_at) VALUES
          (1, '2026-11-20T07:00:00Z', '2026-11-20T08:00:00', 60, 'kratom', 7, 3.5, 1, 1, 'rough night',
              '2026-11-20T07:00:00Z', '2026-11-20T07:00:00Z', NULL),
          (2, '2026-11-20T20:00:00Z', '2026-11-20T21:00:00', 60, 'kratom', 9, NULL, NULL, NULL, NULL,
              '2026-11-20T20:00:00Z', '2026-11-20T20:00:00Z', NULL),
          (3, '2026-11-21T07:00:00Z', '2026-11-21T08:00:00', 60, 'kratom', 4, 6.0, 3, 3, NULL,
              '2026-11-21T07:00:00Z', '2026-11-21T07:00:00Z', '2026-11-21T07:02:00Z'),
          (4, '2026-11-22T07:00:00Z', '2026-11-22T08:00:00', 60, 'kratom', 10, 0.0, 0, 0, 'worst day',
              '2026-11-22T07:00:00Z', '2026-11-22T07:30:00Z', NULL);

        INSERT INTO checkin_item (checkin_id, symptom_key, score) VALUES
          (1, 'aches', 3), (1, 'insomnia', 4), (1, 'tiredness', 0),
          (3, 'anxiety', 2),
          (4, 'aches', 4), (4, 'insomnia', 4), (4, 'irritability', 4), (4, 'aggression', 4),
          (4, 'low_mood', 4), (4, 'mood_swings', 4), (4, 'anxiety', 4), (4, 'restlessness', 4),
          (4, 'runny_nose', 4), (4, 'sweating', 4), (4, 'hot_cold', 4), (4, 'stomach', 4),
          (4, 'restless_legs', 4), (4, 'tiredness', 4);

        INSERT INTO setting (key, value) VALUES
          ('app', '{"day_start_hour":5,"grams_per_capsule":0.6,"grams_per_tsp":2.5,"quick_amounts":[{"amount_g":2.5,"form":"powder"}],"theme":"dark"}');
        "#,
    )
    .expect("rows");
    conn.execute_batch("VACUUM").expect("vacuum");
    drop(conn); // the last connection checkpoints and removes the WAL
    assert!(!path.with_extension("db-wal").exists());
}

use crate::common::{rows_as_the_old_schema as rows, Rows};

/// Every stored row of the schema-1 tables, in a fixed order.
fn snapshot(conn: &Connection) -> Vec<(&'static str, Rows)> {
    [
        ("dose", "SELECT * FROM dose ORDER BY id"),
        ("checkin", "SELECT * FROM checkin ORDER BY id"),
        (
            "checkin_item",
            "SELECT checkin_id, symptom_key, score FROM checkin_item ORDER BY checkin_id, symptom_key",
        ),
        ("setting", "SELECT * FROM setting ORDER BY key"),
        (
            "symptom",
            "SELECT * FROM symptom WHERE instrument = 'kratom' ORDER BY key",
        ),
    ]
    .into_iter()
    .map(|(name, sql)| (name, rows(conn, sql)))
    .collect()
}

fn copy_of_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taper.db");
    std::fs::copy(fixture(), &path).expect("copy the fixture");
    (dir, path)
}

#[test]
fn the_fixture_is_a_small_schema_1_diary() {
    let bytes = std::fs::read(fixture()).expect("fixture");
    assert!(bytes.len() <= 32 * 1024, "{} bytes", bytes.len());
    // Even a read-only open of a WAL file leaves -shm/-wal beside it: read a copy.
    let (_dir, path) = copy_of_fixture();
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get("journal_mode"))
        .expect("mode");
    assert_eq!(mode, "wal", "as Taper leaves its diaries");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get("user_version"))
        .expect("version");
    assert_eq!(version, 1);
    let tables = rows(
        &conn,
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    );
    assert_eq!(
        tables.len(),
        5,
        "dose, symptom, checkin, checkin_item, setting"
    );
    let s = snapshot(&conn);
    let count = |name: &str| s.iter().find(|(n, _)| *n == name).map(|(_, r)| r.len());
    assert_eq!(count("dose"), Some(5));
    assert_eq!(count("checkin"), Some(4));
    assert_eq!(count("checkin_item"), Some(18));
    assert_eq!(count("setting"), Some(1));
    assert_eq!(count("symptom"), Some(KRATOM_ITEMS.len()));
}

#[test]
fn a_schema_1_diary_migrates_with_every_row_unchanged() {
    let (_dir, path) = copy_of_fixture();
    let before = {
        let conn = Connection::open(&path).expect("open");
        snapshot(&conn)
    };

    let store = Store::open(&path).expect("migrates");
    drop(store);

    let conn = Connection::open(&path).expect("open");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get("user_version"))
        .expect("version");
    assert_eq!(version, latest());
    let after = snapshot(&conn);
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        assert_eq!(a, b, "table {name} changed");
    }
    assert_eq!(before.len(), after.len());

    // SOWS and COWS items are in the catalogue, built in, in order.
    for inst in [&instrument::SOWS, &instrument::COWS] {
        let stored = rows(
            &conn,
            &format!(
                "SELECT key, label, position, builtin, archived FROM symptom
                 WHERE instrument = '{}' ORDER BY position",
                inst.key
            ),
        );
        let want: Rows = inst
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                vec![
                    Value::Text(item.key.into()),
                    Value::Text(item.label.into()),
                    Value::Integer(i64::try_from(i).expect("small")),
                    Value::Integer(1),
                    Value::Integer(0),
                ]
            })
            .collect();
        assert_eq!(stored, want, "{}", inst.key);
    }
    // The medicine table is there and empty.
    let medicines: i64 = conn
        .query_row("SELECT count(*) AS n FROM medicine", [], |r| r.get("n"))
        .expect("medicine table");
    assert_eq!(medicines, 0);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get("integrity_check"))
        .expect("check");
    assert_eq!(ok, "ok");
    assert!(rows(&conn, "PRAGMA foreign_key_check").is_empty());
}

#[test]
fn a_migrated_diary_reads_and_writes_through_the_store() {
    let (_dir, path) = copy_of_fixture();
    let mut s = Store::open(&path).expect("migrates");
    let settings = s.settings().expect("v1 settings");
    assert_eq!(
        (settings.day_start_hour, settings.grams_per_capsule),
        (5, 0.6)
    );
    assert_eq!(s.symptoms().expect("kratom").len(), KRATOM_ITEMS.len());

    // Diary days start at 05:00 here: the 02:10 capsules belong to the 20th.
    let d20 = s.day(day("2026-11-20")).expect("20th");
    assert_eq!((d20.dose_count, d20.total_g), (2, 4.9));
    assert_eq!(
        d20.doses[0].note.as_deref(),
        Some("with food 😀 \"quoted\"")
    );
    assert_eq!(d20.checkins.len(), 2);
    let first = &d20.checkins[1];
    assert_eq!((first.total, first.max_total, first.worst), (7, 12, 4));
    assert_eq!(first.items[0].key, "aches");
    assert_eq!(d20.checkins[0].items, vec![]);
    let d21 = s.day(day("2026-11-21")).expect("21st");
    assert_eq!((d21.dose_count, d21.total_g), (1, 3.0));
    assert!(
        d21.checkins.is_empty(),
        "the deleted check-in stays deleted"
    );
    let d22 = s.day(day("2026-11-22")).expect("22nd");
    assert_eq!(d22.dose_count, 0, "the deleted dose stays deleted");
    assert_eq!((d22.checkins[0].total, d22.checkins[0].max_total), (56, 56));
    assert_eq!(s.day(day("2026-10-24")).expect("DST night").dose_count, 1);

    // New things work on the old file: a COWS check-in with a 5, a medicine, an own symptom.
    let cows = CheckInInput {
        taken_at: "2026-11-25T10:00:00+01:00".into(),
        items: vec![ItemScore {
            key: "cows_gooseflesh".into(),
            score: 5,
        }],
        craving: None,
        sleep_hours: None,
        sleep_quality: None,
        mood: None,
        note: None,
    };
    let c = s.add_checkin(&cows, now()).expect("COWS");
    assert_eq!((c.total, c.max_total, c.worst), (5, 5, 5));
    s.add_medicine(
        &MedicineInput {
            taken_at: "2026-11-25T10:00:00+01:00".into(),
            name: "Loperamide".into(),
            amount: Some("2".into()),
            unit: Some("mg".into()),
            note: None,
        },
        now(),
    )
    .expect("medicine");
    let own = s.add_symptom("Headache").expect("own symptom");
    assert_eq!(
        own.position,
        i32::try_from(KRATOM_ITEMS.len()).expect("small")
    );
}
