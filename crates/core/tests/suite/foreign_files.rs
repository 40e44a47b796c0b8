//! Files that are not Taper diaries (issue 13): another program's SQLite database, and diaries or
//! backups holding a table, view or trigger Taper does not make, refused byte for byte untouched
//! when opened, restored or recovered.

use crate::common;

use std::path::{Path, PathBuf};

use common::{day, dose, now, tmp};
use rusqlite::Connection;
use taper_core::store::OpenOptions;
use taper_core::store::{check_backup, list_backups, recover_from_backup, BackupKind};
use taper_core::{Error, Store};

/// The file's bytes, and whether SQLite's -wal and -shm files are beside it.
fn state(path: &Path) -> (Vec<u8>, bool, bool) {
    let side = |s: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(s);
        PathBuf::from(p).exists()
    };
    (
        std::fs::read(path).expect("read"),
        side("-wal"),
        side("-shm"),
    )
}

/// Another program's SQLite database: `user_version` 0 and a table of its own.
fn foreign_db(path: &Path) {
    let conn = Connection::open(path).expect("open");
    conn.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
         INSERT INTO notes (body) VALUES ('keep me');",
    )
    .expect("notes");
}

#[test]
fn a_sqlite_file_that_is_not_a_taper_diary_is_refused_byte_identical() {
    let t = tmp();
    foreign_db(&t.path);
    let before = state(&t.path);
    assert!(!before.1 && !before.2);
    for options in [OpenOptions::default(), OpenOptions::existing()] {
        let e = Store::open_with(&t.path, options).err().expect("refused");
        assert!(matches!(e, Error::Corrupt(_)), "{e}");
        assert!(e.to_string().contains("not a Taper diary"), "{e}");
        assert!(e.to_string().contains("table “notes”"), "{e}");
        assert_eq!(state(&t.path), before, "byte-identical, no -wal or -shm");
    }
    let conn = Connection::open(&t.path).expect("open");
    let tables: i64 = conn
        .query_row("SELECT count(*) AS n FROM sqlite_schema", [], |r| {
            r.get("n")
        })
        .expect("count");
    assert_eq!(tables, 1, "no Taper table added");
    drop(conn);

    // An empty file and a missing one are still new diaries.
    let empty = tmp();
    std::fs::write(&empty.path, b"").expect("empty");
    Store::open(&empty.path)
        .expect("an empty file is a new diary")
        .add_dose(&dose("1", "2026-11-25T08:00:00+00:00"), now())
        .expect("dose");
    let missing = tmp();
    Store::open(&missing.path).expect("a missing file is created");
    assert!(missing.path.is_file());
}

#[test]
fn a_diary_holding_a_trigger_view_or_table_taper_does_not_make_is_refused_untouched() {
    for extra in [
        "CREATE TRIGGER wipe AFTER INSERT ON dose BEGIN DELETE FROM dose; END;",
        "CREATE VIEW everything AS SELECT * FROM dose;",
        "CREATE TABLE extra (x TEXT);",
    ] {
        let t = tmp();
        {
            let mut s = Store::open(&t.path).expect("open");
            s.add_dose(&dose("2", "2026-11-25T08:00:00+00:00"), now())
                .expect("dose");
        }
        {
            let conn = Connection::open(&t.path).expect("open");
            conn.execute_batch(extra).expect("extra");
        }
        let before = state(&t.path);
        let e = Store::open(&t.path).err().expect("refused");
        assert!(matches!(e, Error::Corrupt(_)), "{extra}: {e}");
        assert!(e.to_string().contains("that Taper does not make"), "{e}");
        assert_eq!(state(&t.path), before, "{extra}: untouched");
    }
}

#[test]
fn a_backup_holding_objects_taper_does_not_make_is_refused_for_restore_and_recovery() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2", "2026-11-25T08:00:00+00:00"), now())
        .expect("dose");
    let made = s.back_up(BackupKind::Manual, now()).expect("backup");
    let bad = PathBuf::from(&made.path);
    {
        let conn = Connection::open(&bad).expect("open");
        conn.execute_batch(
            "CREATE TRIGGER sneak AFTER INSERT ON dose BEGIN DELETE FROM medicine; END;",
        )
        .expect("trigger");
    }
    let bytes = std::fs::read(&bad).expect("read");
    let e = check_backup(&bad, None).expect_err("refused");
    assert_eq!(e.field(), Some("backup"), "{e}");
    assert!(e.to_string().contains("trigger “sneak”"), "{e}");
    s.add_dose(&dose("3", "2026-11-25T09:00:00+00:00"), now())
        .expect("dose");
    let e = s.restore(&bad, now()).expect_err("restore refuses it");
    assert_eq!(e.field(), Some("backup"));
    assert_eq!(
        s.doses_between(day("2026-11-25"), day("2026-11-25"))
            .expect("doses")
            .len(),
        2,
        "the diary is as it was"
    );
    assert_eq!(
        list_backups(&s.backups_dir()).expect("list").len(),
        1,
        "nothing was backed up for a refused restore"
    );
    drop(s);
    // Recovery of a diary that cannot be opened refuses that backup too…
    let foreign = tmp();
    foreign_db(&foreign.path);
    let before = state(&foreign.path);
    let e = recover_from_backup(&foreign.path, &bad, None, now()).expect_err("refused");
    assert_eq!(e.field(), Some("backup"));
    assert_eq!(state(&foreign.path), before);
    assert_eq!(std::fs::read(&bad).expect("read"), bytes);
    // …and puts a good one in place of the file that is not a diary, set aside unchanged.
    let good = Store::open(&t.path)
        .expect("open")
        .back_up(BackupKind::Manual, now())
        .expect("backup");
    let r =
        recover_from_backup(&foreign.path, Path::new(&good.path), None, now()).expect("recovered");
    let aside = r.set_aside.expect("set aside");
    assert_eq!(std::fs::read(aside).expect("read"), before.0);
    Store::open(&foreign.path).expect("the backup opens");
}
