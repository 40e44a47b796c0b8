//! The opening screens and "Delete all my data".

use crate::common;

use common::{dose, now, tmp};
use taper_core::store::OpenOptions;
use taper_core::store::{
    delete_everything, missing_diary, opening, recover_from_backup, BackupKind, Opening, Passphrase,
};
use taper_core::{ApiError, Error, ErrorCode, Store};

fn api(code: ErrorCode) -> ApiError {
    ApiError {
        code,
        message: "m".into(),
        field: None,
    }
}

#[test]
fn each_reason_the_diary_is_not_open_has_its_screen() {
    let t = tmp();
    assert_eq!(opening(&t.path, None), Opening::Open);
    assert_eq!(
        opening(&t.path, Some(api(ErrorCode::FirstStart))),
        Opening::FirstStart
    );
    assert_eq!(
        opening(&t.path, Some(api(ErrorCode::NeedsPassphrase))),
        Opening::NeedsPassphrase {
            db_path: t.path.display().to_string()
        }
    );
    drop(Store::open(&t.path).expect("plain"));
    assert_eq!(
        opening(&t.path, Some(api(ErrorCode::AppLocked))),
        Opening::AppLocked { encrypted: false }
    );
    let e = tmp();
    let key = Passphrase::new_for_diary("correct horse battery").expect("key");
    drop(Store::open_with(&e.path, OpenOptions::default().key(Some(&key))).expect("encrypted"));
    assert_eq!(
        opening(&e.path, Some(api(ErrorCode::AppLocked))),
        Opening::AppLocked { encrypted: true }
    );
    match opening(&t.path, Some(api(ErrorCode::Corrupt))) {
        Opening::Trouble { trouble } => assert_eq!(trouble.error.code, ErrorCode::Corrupt),
        other => panic!("{other:?}"),
    }
}

#[test]
fn delete_everything_removes_the_diary_and_its_copies_and_nothing_else() {
    let t = tmp();
    let dir = t.path.parent().expect("dir").to_owned();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2", "2026-11-25T08:00:00+01:00"), now())
        .expect("dose");
    s.back_up(BackupKind::Manual, now()).expect("backup");
    std::fs::write(dir.join("taper.db.unopened-2026-11-25T120000Z"), b"old").expect("aside");
    std::fs::write(dir.join("my-notes.txt"), b"not Taper's").expect("other");
    std::fs::write(dir.join("taper.dbx"), b"not Taper's either").expect("other");
    // Files in backups/ that Taper never made (after "Open another diary file…" the folder may
    // be anyone's).
    let foreign = dir.join("backups").join("holiday-photos.db");
    std::fs::write(&foreign, b"someone else's").expect("foreign");

    // Without the typed confirmation nothing goes.
    let count = || std::fs::read_dir(&dir).expect("dir").count();
    let before = count();
    for wrong in ["", "delete", "yes", "delete my dat"] {
        let err = delete_everything(&t.path, wrong).expect_err(wrong);
        assert!(
            matches!(
                err,
                Error::Invalid {
                    field: "confirmation",
                    ..
                }
            ),
            "{err}"
        );
    }
    assert_eq!(count(), before);
    assert!(t.path.exists());

    // While the diary is open (here, or in another process) nothing is deleted.
    let err = delete_everything(&t.path, "delete my data").expect_err("open");
    assert_eq!(err.code(), ErrorCode::Busy, "{err}");
    assert_eq!(count(), before);

    drop(s);
    let deleted = delete_everything(&t.path, "  Delete my data ").expect("deleted");
    assert!(deleted.iter().any(|p| p.ends_with("taper.db")));
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["backups", "my-notes.txt", "taper.dbx"]);
    let in_backups: Vec<String> = std::fs::read_dir(dir.join("backups"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        in_backups,
        ["holiday-photos.db"],
        "only Taper's backups went"
    );
    assert_eq!(std::fs::read(&foreign).expect("kept"), b"someone else's");
    // A new diary starts empty, with default settings.
    let s = Store::open(&t.path).expect("new");
    assert_eq!(
        s.settings().expect("settings"),
        taper_core::settings::Settings::default()
    );
}

#[test]
fn a_missing_diary_with_backups_is_trouble_with_its_backups_not_a_first_start() {
    let t = tmp();
    // Nothing there at all: a first start.
    assert!(missing_diary(&t.path).is_none());
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2", "2026-11-25T08:00:00+01:00"), now())
        .expect("dose");
    // There: not missing.
    assert!(missing_diary(&t.path).is_none());
    let b = s.back_up(BackupKind::Manual, now()).expect("backup");
    drop(s);
    std::fs::remove_file(&t.path).expect("gone");
    let why = missing_diary(&t.path).expect("missing, with a backup");
    assert_eq!(why.code, ErrorCode::DiaryMissing);
    assert!(
        why.message.contains("found a backup of it"),
        "{}",
        why.message
    );
    match opening(&t.path, Some(why)) {
        Opening::Trouble { trouble } => {
            assert!(trouble.can_restore && trouble.can_start_new);
            assert_eq!(trouble.backups.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    // An empty file where the diary was (a crash, a failed copy) is the same, and is not
    // opened as a new, empty diary by anything that only reads.
    std::fs::write(&t.path, b"").expect("empty");
    let why = missing_diary(&t.path).expect("empty, with a backup");
    assert_eq!(why.code, ErrorCode::DiaryMissing);
    assert!(Store::open_with(&t.path, OpenOptions::existing()).is_err());
    assert_eq!(std::fs::metadata(&t.path).expect("still there").len(), 0);
    // The backup can take the diary's place.
    recover_from_backup(&t.path, b.path.as_ref(), None, now()).expect("recovered");
    let s = Store::open_with(&t.path, OpenOptions::existing()).expect("back");
    assert_eq!(
        s.doses_between(common::day("2026-11-24"), common::day("2026-11-26"))
            .expect("doses")
            .len(),
        1
    );
}
