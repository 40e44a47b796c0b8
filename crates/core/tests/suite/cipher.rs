//! Encryption at rest: nothing in clear in the diary, its WAL or its backups; a wrong
//! passphrase told apart from damage and changing nothing; converting on, changing and off.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{dose, now, tmp};
use taper_core::store::OpenOptions;
use taper_core::store::{check_backup, diary_file, BackupKind, DiaryFile, Passphrase};
use taper_core::{Error, ErrorCode, Store};

const AT: &str = "2026-11-25T08:00:00+01:00";

fn pass(s: &str) -> Passphrase {
    Passphrase::new_for_diary(s).expect("passphrase")
}

fn noted(amount: &str, note: &str) -> taper_core::dose::DoseInput {
    let mut d = dose(amount, AT);
    d.note = Some(note.into());
    d
}

fn notes(s: &Store) -> Vec<String> {
    s.doses_between(common::day("2026-11-24"), common::day("2026-11-26"))
        .expect("doses")
        .into_iter()
        .filter_map(|d| d.note)
        .collect()
}

/// Every file under `dir` (the diary, its WAL and -shm, backups) and its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).expect("under").display().to_string(),
                    std::fs::read(&p).expect("read"),
                );
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_encrypted_diary_its_wal_and_its_backups_show_nothing_in_clear() {
    let t = tmp();
    let dir = t.path.parent().expect("dir").to_owned();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&noted("2", "zebracorn before encryption"), now())
        .expect("dose");
    s.back_up(BackupKind::Manual, now()).expect("plain backup");
    assert!(!s.is_encrypted());

    s.set_passphrase(Some(pass("correct horse battery")))
        .expect("encrypt");
    assert!(s.is_encrypted());
    assert_eq!(diary_file(&t.path), DiaryFile::Encrypted);
    // A save after encrypting, with the diary still open: its WAL is on disk.
    s.add_dose(&noted("1.5", "quokkaflute after encryption"), now())
        .expect("dose");
    s.back_up(BackupKind::Manual, now() + chrono::Duration::seconds(5))
        .expect("encrypted backup");
    let on_disk = files(&dir);
    assert!(
        on_disk.keys().any(|k| k.ends_with("-wal")),
        "{:?}",
        on_disk.keys()
    );
    assert!(on_disk.keys().filter(|k| k.starts_with("backups")).count() >= 2);
    for (name, bytes) in &on_disk {
        for word in [&b"zebracorn"[..], b"quokkaflute", b"SQLite format 3"] {
            assert!(
                !contains(bytes, word),
                "{name} has {:?} in clear",
                String::from_utf8_lossy(word)
            );
        }
    }
    drop(s);

    // Without the passphrase it does not open; with it, everything is there.
    let err = Store::open(&t.path).err().expect("needs passphrase");
    assert!(matches!(err, Error::NeedsPassphrase), "{err}");
    assert_eq!(err.code(), ErrorCode::NeedsPassphrase);
    let s = Store::open_with(
        &t.path,
        OpenOptions::default().key(Some(&pass("correct horse battery"))),
    )
    .expect("opens");
    let mut got = notes(&s);
    got.sort();
    assert_eq!(
        got,
        [
            "quokkaflute after encryption",
            "zebracorn before encryption"
        ]
    );
    // Every backup opens with the diary's passphrase, and only with it.
    for b in s.backups().expect("backups") {
        assert_eq!(diary_file(b.path.as_ref()), DiaryFile::Encrypted);
        check_backup(b.path.as_ref(), Some(&pass("correct horse battery"))).expect("backup ok");
        assert!(check_backup(b.path.as_ref(), None).is_err());
    }
}

#[test]
fn a_wrong_passphrase_is_said_apart_from_damage_and_changes_no_byte() {
    let t = tmp();
    let dir = t.path.parent().expect("dir").to_owned();
    let key = pass("correct horse battery");
    let mut s = Store::open_with(&t.path, OpenOptions::default().key(Some(&key)))
        .expect("created encrypted");
    assert!(s.is_encrypted());
    for i in 0..60 {
        s.add_dose(
            &noted("2", &format!("{i} {}", "long note ".repeat(30))),
            now(),
        )
        .expect("dose");
    }
    s.back_up(BackupKind::Manual, now()).expect("backup");
    drop(s);
    let before = files(&dir);
    for wrong in ["correct horse batterY", "something else entirely"] {
        let err = Store::open_with(&t.path, OpenOptions::default().key(Some(&pass(wrong))))
            .err()
            .expect("refused");
        assert!(matches!(err, Error::WrongPassphrase), "{err}");
        assert_eq!(err.field(), Some("passphrase"));
        assert_eq!(files(&dir), before, "nothing created or changed");
    }
    // As many tries as needed: the right one still opens.
    drop(Store::open_with(&t.path, OpenOptions::default().key(Some(&key))).expect("opens"));

    // Damage to a page in the middle, with the right passphrase: damaged, not "wrong".
    let mut bytes = std::fs::read(&t.path).expect("read");
    assert!(bytes.len() >= 4 * 4096, "{}", bytes.len());
    for b in &mut bytes[2 * 4096 + 100..2 * 4096 + 400] {
        *b ^= 0x5a;
    }
    std::fs::write(&t.path, &bytes).expect("damage");
    let err = Store::open_with(&t.path, OpenOptions::default().key(Some(&key)))
        .err()
        .expect("refused");
    assert!(matches!(err, Error::Corrupt(_)), "{err}");
    assert_eq!(std::fs::read(&t.path).expect("read"), bytes);
    // The first page damaged: still damage, because the other pages open with this passphrase.
    let mut bytes = std::fs::read(&t.path).expect("read");
    for b in &mut bytes[200..600] {
        *b ^= 0x5a;
    }
    std::fs::write(&t.path, &bytes).expect("damage");
    let err = Store::open_with(&t.path, OpenOptions::default().key(Some(&key)))
        .err()
        .expect("refused");
    assert!(matches!(err, Error::Corrupt(_)), "{err}");
    assert_ne!(err.to_string(), Error::WrongPassphrase.to_string());
    assert_eq!(std::fs::read(&t.path).expect("read"), bytes);
}

#[test]
fn the_passphrase_can_be_changed_and_removed_backups_included() {
    let t = tmp();
    let first = pass("first passphrase");
    let second = pass("second passphrase");
    let mut s = Store::open_with(&t.path, OpenOptions::default().key(Some(&first))).expect("open");
    s.add_dose(&noted("2", "kept through every change"), now())
        .expect("dose");
    s.back_up(BackupKind::Manual, now()).expect("backup");
    s.set_passphrase(Some(second.clone())).expect("change");
    drop(s);
    let err = Store::open_with(&t.path, OpenOptions::default().key(Some(&first)))
        .err()
        .expect("old one");
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
    let mut s =
        Store::open_with(&t.path, OpenOptions::default().key(Some(&second))).expect("new one");
    assert_eq!(notes(&s), ["kept through every change"]);
    for b in s.backups().expect("backups") {
        check_backup(b.path.as_ref(), Some(&second)).expect("backup under the new passphrase");
    }

    s.set_passphrase(None).expect("remove");
    assert!(!s.is_encrypted());
    drop(s);
    assert_eq!(diary_file(&t.path), DiaryFile::Plain);
    let s = Store::open(&t.path).expect("opens without a passphrase");
    assert_eq!(notes(&s), ["kept through every change"]);
    for b in s.backups().expect("backups") {
        assert_eq!(diary_file(b.path.as_ref()), DiaryFile::Plain);
        check_backup(b.path.as_ref(), None).expect("plain backup");
    }
    // Nothing is left behind beside the diary.
    let names: Vec<String> = std::fs::read_dir(t.path.parent().expect("dir"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_plain_backup_restored_into_an_encrypted_diary_is_encrypted() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&noted("2", "from the plain days"), now())
        .expect("dose");
    let plain = s.back_up(BackupKind::Manual, now()).expect("backup");
    // A plain copy kept outside the backups folder (so it is not converted).
    let outside = t.path.with_file_name("old-copy.db");
    std::fs::copy(&plain.path, &outside).expect("copy");
    let key = pass("correct horse battery");
    s.set_passphrase(Some(key.clone())).expect("encrypt");
    s.add_dose(&noted("3", "after"), now()).expect("dose");
    s.restore(&outside, now() + chrono::Duration::seconds(5))
        .expect("restore");
    assert!(s.is_encrypted());
    assert_eq!(notes(&s), ["from the plain days"]);
    drop(s);
    assert_eq!(diary_file(&t.path), DiaryFile::Encrypted);
    assert!(!contains(
        &std::fs::read(&t.path).expect("read"),
        b"plain days"
    ));
}

#[test]
fn passphrases_are_checked_and_never_printed() {
    for (text, why) in [
        ("", "Type your passphrase"),
        ("   ", "Type your passphrase"),
        ("short", "at least 8"),
        ("a\0bcdefghi", "NUL"),
    ] {
        let err = Passphrase::new_for_diary(text).expect_err(text);
        assert_eq!(err.field(), Some("passphrase"));
        assert!(err.to_string().contains(why), "{err}");
    }
    assert!(Passphrase::new(&"x".repeat(1025)).is_err());
    // Unlocking accepts any non-empty passphrase (an older, shorter one still opens).
    assert!(Passphrase::new("short").is_ok());
    let p = pass("correct horse battery");
    assert_eq!(format!("{p:?}"), "Passphrase(hidden)");
}

#[test]
fn a_file_is_judged_from_its_first_bytes() {
    let t = tmp();
    assert_eq!(diary_file(&t.path), DiaryFile::Missing);
    std::fs::write(&t.path, b"").expect("empty");
    assert_eq!(diary_file(&t.path), DiaryFile::Plain);
    std::fs::write(&t.path, b"some notes, not a diary").expect("text");
    assert_eq!(diary_file(&t.path), DiaryFile::Unknown);
    drop(Store::open(&tmp().path).expect("plain"));
    let p = tmp();
    drop(Store::open(&p.path).expect("plain"));
    let mut bytes = std::fs::read(&p.path).expect("read");
    assert_eq!(diary_file(&p.path), DiaryFile::Plain);
    // A plain diary whose first 16 bytes are destroyed is still known to be plain (damaged).
    bytes[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(&p.path, &bytes).expect("damage");
    assert_eq!(diary_file(&p.path), DiaryFile::Plain);
}

#[test]
fn a_wrong_passphrase_after_a_crash_does_not_touch_the_wal() {
    // The diary never closed (a crash): its WAL and -shm are left behind. A wrong passphrase
    // must not replay or checkpoint that WAL.
    let t = tmp();
    let dir = t.path.parent().expect("dir").to_owned();
    let key = pass("correct horse battery");
    let mut s = Store::open_with(&t.path, OpenOptions::default().key(Some(&key))).expect("opens");
    s.add_dose(&noted("3", "only in the WAL"), now())
        .expect("dose");
    std::mem::forget(s);
    let crashed = files(&dir);
    assert!(
        crashed.keys().any(|k| k.ends_with("-wal")),
        "{:?}",
        crashed.keys()
    );
    let err = Store::open_with(
        &t.path,
        OpenOptions::default().key(Some(&pass("wrong horse battery"))),
    )
    .err()
    .expect("refused");
    assert!(matches!(err, Error::WrongPassphrase), "{err}");
    assert!(files(&dir) == crashed, "nothing replayed or changed");
    let s = Store::open_with(&t.path, OpenOptions::default().key(Some(&key))).expect("opens");
    assert!(notes(&s).contains(&"only in the WAL".to_string()));
    drop(s);
}

#[test]
fn saves_in_a_loop_while_the_passphrase_is_set_keep_every_acknowledged_dose() {
    // One process saves dose after dose (the CLI in a script, say) while another turns
    // encryption on: every save that was acknowledged must be in the diary afterwards.
    let t = tmp();
    Store::open(&t.path).expect("create");
    let key = pass("correct horse battery");
    let saver = {
        let path = t.path.clone();
        let key = key.clone();
        std::thread::spawn(move || {
            let mut acknowledged = Vec::new();
            let mut after = 0;
            for i in 0..400 {
                let opened = match Store::open_with(&path, OpenOptions::existing()) {
                    Err(Error::NeedsPassphrase) => {
                        after += 1;
                        Store::open_with(&path, OpenOptions::existing().key(Some(&key)))
                    }
                    other => other,
                };
                let Ok(mut s) = opened else { continue };
                let note = format!("save {i}");
                if s.add_dose(&noted("1", &note), now()).is_ok() {
                    acknowledged.push(note);
                }
                drop(s);
                if after >= 3 {
                    break;
                }
                // Closed for a moment between saves, as a script's commands are.
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
            acknowledged
        })
    };
    let mut converter = Store::open(&t.path).expect("converter");
    let mut tries = 0;
    loop {
        tries += 1;
        match converter.set_passphrase(Some(key.clone())) {
            Ok(()) => break,
            Err(e) if e.code() == ErrorCode::Busy => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(e) => panic!("{e}"),
        }
        assert!(tries < 10_000, "the conversion never found the diary free");
    }
    drop(converter);
    let acknowledged = saver.join().expect("saver");
    assert!(!acknowledged.is_empty());
    let s = Store::open_with(&t.path, OpenOptions::existing().key(Some(&key))).expect("encrypted");
    let mut kept = notes(&s);
    kept.sort();
    let mut expected = acknowledged.clone();
    expected.sort();
    assert_eq!(kept, expected, "every acknowledged save is in the diary");
}

#[test]
fn turning_encryption_on_after_the_trouble_screen_leaves_nothing_in_clear() {
    // A diary from a newer Taper was set aside by "Use this backup", and a crash left an
    // unfinished copy beside the diary and in backups/: encryption must reach them too.
    let t = tmp();
    let dir = t.path.parent().expect("dir").to_owned();
    {
        let mut s = Store::open(&t.path).expect("open");
        s.add_dose(&noted("2", "zebracorn in the diary"), now())
            .expect("dose");
        s.back_up(BackupKind::Manual, now()).expect("backup");
    }
    let backup = taper_core::store::list_backups(&dir.join("backups"))
        .expect("list")
        .remove(0);
    rusqlite::Connection::open(&t.path)
        .expect("raw")
        .pragma_update(None, "user_version", 99)
        .expect("newer");
    taper_core::store::recover_from_backup(&t.path, backup.path.as_ref(), None, now())
        .expect("set aside");
    std::fs::copy(&t.path, dir.join(".taper.db.restore.tmp")).expect("leftover");
    std::fs::copy(
        &t.path,
        dir.join("backups")
            .join(".taper-2026-11-25T120000Z-auto.db.77-1.tmp"),
    )
    .expect("leftover backup");
    assert!(files(&dir)
        .values()
        .any(|bytes| contains(bytes, b"zebracorn")));

    let mut s = Store::open(&t.path).expect("the backup is the diary");
    s.set_passphrase(Some(pass("correct horse battery")))
        .expect("everything converted");
    drop(s);
    for (name, bytes) in files(&dir) {
        for word in [&b"zebracorn"[..], b"SQLite format 3"] {
            assert!(
                !contains(&bytes, word),
                "{name} has {:?} in clear",
                String::from_utf8_lossy(word)
            );
        }
    }
    let aside: Vec<_> = files(&dir)
        .into_keys()
        .filter(|k| k.contains(".unopened-"))
        .collect();
    assert_eq!(
        aside.len(),
        1,
        "the set-aside diary is kept, encrypted: {aside:?}"
    );
    assert!(!files(&dir).keys().any(|k| k.ends_with(".tmp")));
}
