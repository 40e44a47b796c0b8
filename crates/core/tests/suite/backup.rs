//! Backups (made by SQLite, checked, kept 7 daily + 4 weekly), restore, the backup before an
//! upgrade, and the start-up check that refuses a damaged diary without touching it.

use crate::common;

use chrono::{DateTime, Duration, Utc};
use common::{now, tmp};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::store::OpenOptions;
use taper_core::store::{check_backup, list_backups, recover_from_backup, trouble, BackupKind};
use taper_core::{Error, ErrorCode, Store};

fn dose(amount: &str) -> DoseInput {
    DoseInput {
        amount: amount.into(),
        unit: Unit::G,
        taken_at: "2026-11-25T08:00:00+01:00".into(),
        form: Form::Powder,
        product: None,
        estimated: false,
        note: None,
        confirm_large: false,
    }
}

fn doses(s: &Store) -> usize {
    s.doses_between(common::day("2026-11-24"), common::day("2026-11-26"))
        .expect("doses")
        .len()
}

#[test]
fn a_backup_is_a_checked_copy_and_is_listed() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2"), now()).expect("dose");
    s.add_dose(&dose("3"), now()).expect("dose");
    let b = s.back_up(BackupKind::Manual, now()).expect("backup");
    assert_eq!(b.file_name, "taper-2027-01-31T120000Z-manual.db");
    assert!(b.size_bytes > 0);
    assert_eq!(
        check_backup(b.path.as_ref(), None).expect("valid"),
        taper_core::migrate::latest()
    );
    // The copy opens as a diary with both doses.
    let copy = Store::open_with(b.path.as_ref(), OpenOptions::existing()).expect("opens");
    assert_eq!(doses(&copy), 2);
    drop(copy);
    // A second backup in the same second gets its own name.
    let b2 = s.back_up(BackupKind::Manual, now()).expect("backup");
    assert_ne!(b2.file_name, b.file_name);
    let listed = s.backups().expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].file_name, b2.file_name, "newest first");
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(s.backups_dir())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    // (The copy opened above holds its own lock file while open, like any diary.)
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".db") || n.ends_with(".db.lock")),
        "{names:?}"
    );
}

#[test]
fn the_start_up_backup_is_made_once_a_day() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    let first = s.back_up_if_due(now()).expect("due").expect("made");
    assert_eq!(first.kind, BackupKind::Automatic);
    assert!(s
        .back_up_if_due(now() + Duration::hours(23))
        .expect("not due")
        .is_none());
    assert!(s
        .back_up_if_due(now() + Duration::hours(25))
        .expect("due")
        .is_some());
    assert_eq!(s.backups().expect("list").len(), 2);
}

#[test]
fn seven_daily_and_four_weekly_automatic_backups_are_kept() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    let manual = s
        .back_up(BackupKind::Manual, now() - Duration::days(90))
        .expect("manual");
    let start: DateTime<Utc> = "2026-09-01T10:00:00Z".parse().expect("t");
    // Two automatic backups a day for 60 days.
    for d in 0..60 {
        for h in [0, 6] {
            s.back_up(
                BackupKind::Automatic,
                start + Duration::days(d) + Duration::hours(h),
            )
            .expect("auto");
        }
    }
    let all = list_backups(&s.backups_dir()).expect("list");
    let autos: Vec<_> = all
        .iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .collect();
    // The newest of each of the last 7 days, plus the newest of up to 4 weeks (3 of them already
    // among the 7 days or not: at most 7 + 4).
    assert!(autos.len() >= 7 && autos.len() <= 11, "{}", autos.len());
    let newest = &autos[0];
    assert_eq!(newest.created_at, "2026-10-30T16:00:00Z");
    let days: std::collections::BTreeSet<&str> =
        autos.iter().map(|b| &b.created_at[..10]).collect();
    assert_eq!(days.len(), autos.len(), "one per day at most");
    // Never deleted: backups made on request.
    assert!(all.iter().any(|b| b.file_name == manual.file_name));
}

#[test]
fn restore_swaps_in_a_backup_and_keeps_the_current_diary() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2"), now()).expect("dose");
    let b = s.back_up(BackupKind::Manual, now()).expect("backup");
    s.add_dose(&dose("3"), now()).expect("later dose");
    s.add_dose(&dose("4"), now()).expect("later dose");
    assert_eq!(doses(&s), 3);

    let kept = s
        .restore(b.path.as_ref(), now() + Duration::minutes(5))
        .expect("restored");
    assert_eq!(kept.kind, BackupKind::BeforeRestore);
    assert_eq!(doses(&s), 1, "the diary is the backup again");
    // The diary as it was before the restore was kept, with all three doses.
    let before = s
        .backups()
        .expect("list")
        .into_iter()
        .find(|b| b.kind == BackupKind::BeforeRestore)
        .expect("kept");
    assert_eq!(
        doses(&Store::open_with(before.path.as_ref(), OpenOptions::existing()).expect("open")),
        3
    );
    // The restored diary works and survives reopening.
    s.add_dose(&dose("1"), now()).expect("save after restore");
    drop(s);
    assert_eq!(doses(&Store::open(&t.path).expect("reopen")), 2);
}

#[test]
fn a_bad_backup_is_refused_and_nothing_changes() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2"), now()).expect("dose");
    let dir = tempfile::tempdir().expect("dir");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, b"not a database at all, only words").expect("write");
    let missing = dir.path().join("missing.db");
    let newer = dir.path().join("newer.db");
    {
        let b = s.back_up(BackupKind::Manual, now()).expect("backup");
        std::fs::copy(&b.path, &newer).expect("copy");
        std::fs::remove_file(&b.path).expect("remove");
        let c = rusqlite::Connection::open(&newer).expect("open");
        c.pragma_update(None, "user_version", 99).expect("bump");
    }
    let empty = dir.path().join("empty.db");
    rusqlite::Connection::open(&empty)
        .expect("open")
        .execute_batch("CREATE TABLE x (a); PRAGMA user_version = 1;")
        .expect("make");
    for (file, what) in [
        (&text, "text"),
        (&missing, "missing"),
        (&newer, "newer"),
        (&empty, "not a diary"),
    ] {
        let err = check_backup(file, None).expect_err(what);
        match what {
            "newer" => assert!(matches!(err, Error::NewerVersion { .. }), "{err}"),
            // Named as not a backup: the diary is not what is damaged.
            "text" => assert!(
                matches!(
                    err,
                    Error::Invalid {
                        field: "backup",
                        ..
                    }
                ) && err
                    .to_string()
                    .contains("is damaged or is not a Taper backup"),
                "{err}"
            ),
            _ => assert!(matches!(err, Error::Invalid { .. }), "{what}: {err}"),
        }
        let err = s.restore(file, now()).expect_err(what);
        assert!(!err.to_string().is_empty());
        assert_eq!(
            doses(&s),
            1,
            "{what}: nothing changed, the store still works"
        );
        let d = s.add_dose(&dose("1"), now()).expect("still saves");
        s.delete_dose(d.id, now()).expect("and deletes");
        assert!(
            s.backups()
                .expect("list")
                .iter()
                .all(|b| b.kind != BackupKind::BeforeRestore),
            "{what}: nothing was even backed up"
        );
    }
}

#[test]
fn an_upgrade_keeps_a_backup_of_the_old_diary() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-v1.db");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("taper.db");
    std::fs::copy(fixture, &path).expect("copy");
    let s = Store::open(&path).expect("upgrades");
    let kept = s.backups().expect("list");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, BackupKind::BeforeUpgrade);
    assert_eq!(check_backup(kept[0].path.as_ref(), None).expect("valid"), 1);
    drop(s);
    // Opening again (already upgraded) makes no more.
    let s = Store::open(&path).expect("open");
    assert_eq!(s.backups().expect("list").len(), 1);
}

/// A diary with some pages, closed cleanly (no WAL left).
fn closed_diary() -> (common::Tmp, Vec<u8>) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    for i in 0..400 {
        let mut d = dose("2");
        d.note = Some(format!("note {i} {}", "x".repeat(200)));
        s.add_dose(&d, now()).expect("dose");
    }
    drop(s);
    let bytes = std::fs::read(&t.path).expect("read");
    (t, bytes)
}

#[test]
fn garbage_mid_file_is_found_on_start_and_the_file_is_left_alone() {
    let (t, mut bytes) = closed_diary();
    assert!(bytes.len() > 64 * 1024, "{}", bytes.len());
    // Overwrite part of a page in the middle with garbage.
    let mid = bytes.len() / 2;
    for (i, b) in bytes[mid..mid + 3000].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    std::fs::write(&t.path, &bytes).expect("damage");
    let err = Store::open(&t.path).err().expect("refused");
    assert!(matches!(err, Error::Corrupt(_)), "{err}");
    assert_eq!(
        std::fs::read(&t.path).expect("read"),
        bytes,
        "byte-identical"
    );
}

#[test]
fn a_truncated_file_is_refused_and_left_alone() {
    let (t, bytes) = closed_diary();
    let cut = &bytes[..bytes.len() / 3];
    std::fs::write(&t.path, cut).expect("truncate");
    let err = Store::open(&t.path).err().expect("refused");
    assert!(matches!(err, Error::Corrupt(_)), "{err}");
    assert_eq!(std::fs::read(&t.path).expect("read"), cut, "byte-identical");
}

#[test]
fn a_damaged_diary_is_set_aside_unchanged_and_a_backup_takes_its_place() {
    let (t, _) = closed_diary();
    let backup = {
        let s = Store::open(&t.path).expect("open");
        s.back_up(BackupKind::Manual, now()).expect("backup")
    };
    let mut bytes = std::fs::read(&t.path).expect("read");
    let mid = bytes.len() / 2;
    for (i, b) in bytes[mid..mid + 3000].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    std::fs::write(&t.path, &bytes).expect("damage");
    let err = Store::open(&t.path).err().expect("refused");
    let shown = trouble(&t.path, err.into());
    assert_eq!(shown.error.code, ErrorCode::Corrupt);
    assert!(shown.can_restore);
    assert_eq!(shown.backups.len(), 1);
    assert_eq!(shown.backups[0].file_name, backup.file_name);

    let later = now() + Duration::minutes(5);
    let done = recover_from_backup(&t.path, backup.path.as_ref(), None, later).expect("recovered");
    let aside = done.set_aside.expect("set aside");
    assert!(
        aside.ends_with("taper.db.unopened-2027-01-31T120500Z"),
        "{aside}"
    );
    assert_eq!(
        std::fs::read(&aside).expect("aside"),
        bytes,
        "byte-identical"
    );
    let s = Store::open(&t.path).expect("the backup opens");
    assert_eq!(doses(&s), 400);
}

#[test]
fn recovery_refuses_a_diary_that_opens_or_is_locked_and_a_bad_backup() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2"), now()).expect("dose");
    let backup = s.back_up(BackupKind::Manual, now()).expect("backup");
    drop(s);
    // A diary that opens is not replaced from the trouble screen.
    let err = recover_from_backup(&t.path, backup.path.as_ref(), None, now()).expect_err("refused");
    assert!(matches!(err, Error::Invalid { .. }), "{err}");
    // A locked one is not either: another program holds it (so it cannot even be read).
    let other = rusqlite::Connection::open(&t.path).expect("other");
    other
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE")
        .expect("lock");
    let err = recover_from_backup(&t.path, backup.path.as_ref(), None, now()).expect_err("refused");
    assert!(matches!(err, Error::Locked), "{err}");
    assert!(!trouble(&t.path, err.into()).can_restore);
    other.execute_batch("ROLLBACK").expect("unlock");
    drop(other);
    // A backup that is not a diary is refused before anything moves.
    let junk = t.path.with_file_name("junk.db");
    std::fs::write(&junk, b"not a database at all, not even close").expect("junk");
    std::fs::write(&t.path, b"damaged").expect("damage");
    let err = recover_from_backup(&t.path, &junk, None, now()).expect_err("refused");
    assert!(
        matches!(
            err,
            Error::Invalid {
                field: "backup",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(std::fs::read(&t.path).expect("read"), b"damaged");
    let names: Vec<String> = std::fs::read_dir(t.path.parent().expect("dir"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("unopened")), "{names:?}");
}

#[test]
fn a_diary_from_a_newer_taper_can_be_set_aside_for_a_backup() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2"), now()).expect("dose");
    let backup = s.back_up(BackupKind::Manual, now()).expect("backup");
    drop(s);
    let c = rusqlite::Connection::open(&t.path).expect("raw");
    c.pragma_update(None, "user_version", 99).expect("newer");
    drop(c);
    let newer = std::fs::read(&t.path).expect("read");
    let err = Store::open(&t.path).err().expect("refused");
    assert!(trouble(&t.path, err.into()).can_restore);
    let done = recover_from_backup(&t.path, backup.path.as_ref(), None, now()).expect("recovered");
    let aside = done.set_aside.expect("aside");
    assert_eq!(std::fs::read(aside).expect("aside"), newer);
    assert_eq!(doses(&Store::open(&t.path).expect("open")), 1);
}

#[test]
fn a_restore_while_another_store_has_the_diary_open_is_refused_and_its_saves_are_kept() {
    // Two processes on one diary (the app, and `taper restore` in a terminal): the restore
    // would swap the file under the other, whose next "Saved" would go into a file that is gone.
    let t = tmp();
    let mut app = Store::open(&t.path).expect("app");
    app.add_dose(&dose("2"), now()).expect("dose");
    let b = app.back_up(BackupKind::Manual, now()).expect("backup");
    app.add_dose(&dose("3"), now()).expect("dose");

    let mut terminal = Store::open_with(&t.path, OpenOptions::existing()).expect("terminal");
    let started = std::time::Instant::now();
    let err = terminal
        .restore(b.path.as_ref(), now())
        .expect_err("refused while the app has the diary");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(err.code(), ErrorCode::Busy, "{err}");
    assert!(
        err.to_string().contains("close it") || err.to_string().contains("wait for it"),
        "{err}"
    );
    assert!(
        !app.backups()
            .expect("list")
            .iter()
            .any(|b| b.kind == BackupKind::BeforeRestore),
        "nothing changed, not even a backup"
    );

    // The app's save after the refused restore is in the diary for good.
    app.add_dose(&dose("4"), now()).expect("saved");
    drop(app);
    assert_eq!(doses(&terminal), 3);
    // With the app closed the restore goes ahead.
    terminal
        .restore(b.path.as_ref(), now() + Duration::minutes(1))
        .expect("restored");
    assert_eq!(doses(&terminal), 1);
    drop(terminal);
    assert_eq!(doses(&Store::open(&t.path).expect("reopen")), 1);
}

#[test]
fn a_save_into_a_diary_file_that_another_program_replaced_is_refused() {
    // Something that ignores Taper's lock (a file manager, a sync tool, an old Taper) puts
    // another file where the diary was: the open store must not write into the old one.
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2"), now()).expect("dose");
    let b = s.back_up(BackupKind::Manual, now()).expect("backup");
    let other = t.path.with_file_name("copy.db");
    std::fs::copy(&b.path, &other).expect("copy");
    std::fs::rename(&other, &t.path).expect("replaced behind Taper's back");

    let err = s
        .add_dose(&dose("3"), now())
        .expect_err("not into a file that is gone");
    assert_eq!(err.code(), ErrorCode::Storage);
    assert!(err.to_string().contains("replaced or removed"), "{err}");
    drop(s);
    let s = Store::open(&t.path).expect("reopen");
    assert_eq!(doses(&s), 1);

    // A removed diary is the same.
    let mut s = s;
    std::fs::remove_file(&t.path).expect("removed");
    assert!(s.add_dose(&dose("5"), now()).is_err());
}

#[test]
fn a_backup_dated_in_the_future_does_not_stop_the_daily_backups() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    // Made once while the clock was a year ahead.
    s.back_up(BackupKind::Automatic, now() + Duration::days(365))
        .expect("future");
    let made = s.back_up_if_due(now()).expect("due");
    assert!(made.is_some(), "today's backup is made");
    assert!(s
        .back_up_if_due(now() + Duration::hours(2))
        .expect("checked")
        .is_none());
    assert!(s
        .back_up_if_due(now() + Duration::hours(25))
        .expect("checked")
        .is_some());
}

#[test]
fn two_processes_backing_up_at_once_keep_each_other_s_backups() {
    let t = tmp();
    Store::open(&t.path)
        .expect("create")
        .add_dose(&dose("2"), now())
        .expect("dose");
    let threads: Vec<_> = (0..2)
        .map(|_| {
            let path = t.path.clone();
            std::thread::spawn(move || {
                let s = Store::open(&path).expect("open");
                // Automatic ones prune as they go; neither process's pruning may fail or
                // take a backup made on request.
                (0..10)
                    .flat_map(|_| {
                        [BackupKind::Manual, BackupKind::Automatic]
                            .map(|kind| s.back_up(kind, now()).expect("backup"))
                    })
                    .filter(|b| b.kind == BackupKind::Manual)
                    .map(|b| b.file_name)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut made: Vec<String> = threads
        .into_iter()
        .flat_map(|h| h.join().expect("thread"))
        .collect();
    made.sort();
    let before = made.len();
    made.dedup();
    assert_eq!(made.len(), before, "every backup got a name of its own");
    let dir = t.path.parent().expect("dir").join("backups");
    let listed = list_backups(&dir).expect("list");
    assert_eq!(
        listed
            .iter()
            .filter(|b| b.kind == BackupKind::Manual)
            .count(),
        20
    );
    for b in &listed {
        check_backup(b.path.as_ref(), None).expect("every listed backup passes its check");
    }
    let stray: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// Set in the child process of the crash test: the folder whose diary it recovers.
const CRASH_CHILD_DIR: &str = "TAPER_TEST_CRASH_CHILD_DIR";

#[test]
fn a_crash_at_any_step_of_use_this_backup_leaves_a_diary_in_place() {
    if let Some(dir) = std::env::var_os(CRASH_CHILD_DIR) {
        // The child: "Use this backup", dying at the crash point the parent names.
        let dir = std::path::PathBuf::from(dir);
        let backup = list_backups(&dir.join("backups")).expect("list")[0]
            .path
            .clone();
        let _ = recover_from_backup(&dir.join("taper.db"), backup.as_ref(), None, now());
        return;
    }
    for point in ["recover:copied", "recover:set-aside"] {
        let (t, _) = closed_diary();
        let dir = t.path.parent().expect("folder").to_owned();
        {
            let s = Store::open(&t.path).expect("open");
            s.back_up(BackupKind::Manual, now()).expect("backup");
        }
        let mut bytes = std::fs::read(&t.path).expect("read");
        let mid = bytes.len() / 2;
        for (i, b) in bytes[mid..mid + 3000].iter_mut().enumerate() {
            *b = (i * 7 + 13) as u8;
        }
        std::fs::write(&t.path, &bytes).expect("damage");
        let status = std::process::Command::new(std::env::current_exe().expect("this test"))
            .args([
                "--exact",
                "backup::a_crash_at_any_step_of_use_this_backup_leaves_a_diary_in_place",
                "--test-threads=1",
            ])
            .env(CRASH_CHILD_DIR, &dir)
            .env(taper_core::crash::CRASH_AT_VAR, point)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("child");
        assert!(!status.success(), "{point}: the child died there");
        // The damaged diary is still at its own name, byte for byte, and the backup is
        // offered again: the start shows the trouble screen, never a first start.
        assert_eq!(
            std::fs::read(&t.path).expect("a diary is in place"),
            bytes,
            "{point}"
        );
        let err = Store::open(&t.path).err().expect("still the damaged one");
        let shown = trouble(&t.path, err.into());
        assert_eq!(shown.error.code, ErrorCode::Corrupt, "{point}");
        assert_eq!(shown.backups.len(), 1, "{point}");
        // And "Use this backup" then works.
        let done = recover_from_backup(
            &t.path,
            shown.backups[0].path.as_ref(),
            None,
            now() + Duration::minutes(1),
        )
        .expect("recovered after the crash");
        assert!(done.set_aside.is_some());
        assert_eq!(doses(&Store::open(&t.path).expect("opens")), 400, "{point}");
    }
}
