//! `Store::open_with(path, OpenOptions::existing())`: opens a diary that is there, never creates one.

use taper_core::store::OpenOptions;
use taper_core::{Error, Store};

#[test]
fn a_missing_diary_is_refused_and_not_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taper.db");
    let e = Store::open_with(&path, OpenOptions::existing())
        .err()
        .expect("refused");
    assert!(matches!(e, Error::Storage(_)), "{e}");
    assert!(e.to_string().contains("no diary exists yet"), "{e}");
    assert!(!path.exists(), "nothing created");
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);
}

#[test]
fn an_existing_diary_opens_with_its_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taper.db");
    drop(Store::open(&path).expect("create"));
    let s = Store::open_with(&path, OpenOptions::existing()).expect("open");
    assert_eq!(s.path(), path);
    assert!(!s.symptoms().expect("catalogue").is_empty());
}

#[test]
fn damaged_and_newer_diaries_are_refused_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taper.db");
    std::fs::write(&path, b"not a database at all, only some words").expect("write");
    let before = std::fs::read(&path).expect("read");
    let e = Store::open_with(&path, OpenOptions::existing())
        .err()
        .expect("refused");
    assert!(matches!(e, Error::Corrupt(_)), "{e}");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    std::fs::remove_file(&path).expect("remove");
    drop(Store::open(&path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let before = std::fs::read(&path).expect("read");
    let e = Store::open_with(&path, OpenOptions::existing())
        .err()
        .expect("refused");
    assert!(matches!(e, Error::NewerVersion { found: 99, .. }), "{e}");
    assert_eq!(std::fs::read(&path).expect("read"), before);
}
