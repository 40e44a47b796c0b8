//! The opening screens and "Delete all my data".

mod common;

use common::{dose, now, tmp};
use taper_core::store::{delete_everything, opening, BackupKind, Opening, Passphrase};
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
    drop(Store::open_keyed(&e.path, Some(&key)).expect("encrypted"));
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

    drop(s);
    let deleted = delete_everything(&t.path, "  Delete my data ").expect("deleted");
    assert!(deleted.iter().any(|p| p.ends_with("taper.db")));
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["my-notes.txt", "taper.dbx"]);
    // A new diary starts empty, with default settings.
    let s = Store::open(&t.path).expect("new");
    assert_eq!(
        s.settings().expect("settings"),
        taper_core::settings::Settings::default()
    );
}
