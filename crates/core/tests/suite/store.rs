//! Store round trips on a real SQLite file in a temporary folder.

use crate::common;

use chrono::{DateTime, Utc};
use common::dose;
use common::{day, now, tmp};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::Form;
use taper_core::settings::{QuickAmount, Settings};
use taper_core::{Error, Store};

fn checkin(at: &str, items: &[(&str, i32)]) -> CheckInInput {
    CheckInInput {
        craving: Some(7),
        sleep_hours: Some(3.5),
        sleep_quality: Some(1),
        mood: Some(1),
        note: Some("rough night".into()),
        ..common::checkin_items(at, items)
    }
}

fn count(store_path: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(store_path).expect("open");
    conn.query_row(&format!("SELECT count(*) AS n FROM {table}"), [], |r| {
        r.get("n")
    })
    .expect("count")
}

#[test]
fn doses_round_trip_and_survive_reopening() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut input = dose("2.5", "2026-11-25T09:30:00+01:00");
    input.product = Some("Red Maeng Da".into());
    input.estimated = true;
    input.note = Some("with food 😀 \"quoted\" '); DROP TABLE dose;--".into());
    let a = s.add_dose(&input, now()).expect("add");
    assert_eq!(a.amount_g, 2.5);
    assert_eq!(a.taken_at, "2026-11-25T09:30:00+01:00");
    assert_eq!(a.local_time, "2026-11-25T09:30");
    assert_eq!(a.day, "2026-11-25");
    assert!(a.estimated);
    s.add_dose(&dose("1.5", "2026-11-25T15:00:00+01:00"), now())
        .expect("add");
    drop(s);

    let s = Store::open(&t.path).expect("reopen");
    let v = s.day(day("2026-11-25")).expect("day");
    assert_eq!((v.total_g, v.dose_count), (4.0, 2));
    assert_eq!(v.doses[0], a, "identical after reopening, text exact");
    assert_eq!(s.products().expect("products"), ["Red Maeng Da"]);
}

#[test]
fn edit_delete_and_undo() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let a = s
        .add_dose(&dose("2", "2026-11-25T08:00:00+00:00"), now())
        .expect("add");
    let mut changed = dose("3.2", "2026-11-25T08:30:00+00:00");
    changed.form = Form::Capsules;
    let b = s.update_dose(a.id, &changed, now()).expect("edit");
    assert_eq!((b.id, b.amount_g, b.form), (a.id, 3.2, Form::Capsules));
    assert_eq!(b.local_time, "2026-11-25T08:30");

    s.delete_dose(a.id, now()).expect("delete");
    assert_eq!(s.day(day("2026-11-25")).expect("day").dose_count, 0);
    assert!(matches!(
        s.delete_dose(a.id, now()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        s.update_dose(a.id, &changed, now()),
        Err(Error::NotFound { .. })
    ));
    let back = s.restore_dose(a.id, now()).expect("undo");
    assert_eq!(back, b);
    assert_eq!(s.day(day("2026-11-25")).expect("day").total_g, 3.2);
    assert!(matches!(
        s.restore_dose(a.id, now()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(s.dose(999), Err(Error::NotFound { .. })));
}

#[test]
fn refused_input_writes_nothing() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let a = s
        .add_dose(&dose("2", "2026-11-25T08:00:00+00:00"), now())
        .expect("add");
    for bad in [
        dose("-1", "2026-11-25T08:00:00+00:00"),
        dose("abc", "2026-11-25T08:00:00+00:00"),
        dose("0", "2026-11-25T08:00:00+00:00"),
        dose("101", "2026-11-25T08:00:00+00:00"),
        dose("45", "2026-11-25T08:00:00+00:00"), // needs confirmation
        dose("2", "not a time"),
        dose("2", "2027-02-02T08:00:00+00:00"),
    ] {
        assert!(s.add_dose(&bad, now()).is_err(), "{bad:?}");
        assert!(s.update_dose(a.id, &bad, now()).is_err(), "{bad:?}");
    }
    let mut c = checkin("2026-11-25T08:00:00+00:00", &[("aches", 5)]);
    assert!(s.add_checkin(&c, now()).is_err());
    c.items.clear();
    c.craving = Some(11);
    assert!(s.add_checkin(&c, now()).is_err());
    drop(s);
    assert_eq!(count(&t.path, "dose"), 1);
    assert_eq!(count(&t.path, "checkin"), 0);
    assert_eq!(count(&t.path, "checkin_item"), 0);
    let s = Store::open(&t.path).expect("reopen");
    assert_eq!(s.dose(a.id).expect("unchanged"), a);
}

#[test]
fn confirmed_large_dose_is_saved() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut big = dose("45", "2026-11-25T08:00:00+00:00");
    let e = s.add_dose(&big, now()).expect_err("confirm");
    assert_eq!(e.code(), taper_core::ErrorCode::NeedsConfirmation);
    big.confirm_large = true;
    assert_eq!(s.add_dose(&big, now()).expect("confirmed").amount_g, 45.0);
}

#[test]
fn day_start_hour_keeps_the_night_together() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("1", "2026-11-24T22:00:00+00:00"), now())
        .expect("evening");
    s.add_dose(&dose("2", "2026-11-25T02:30:00+00:00"), now())
        .expect("night");
    s.add_dose(&dose("3", "2026-11-25T04:00:00+00:00"), now())
        .expect("morning");
    let d24 = s.day(day("2026-11-24")).expect("24");
    let d25 = s.day(day("2026-11-25")).expect("25");
    assert_eq!((d24.total_g, d24.dose_count), (3.0, 2));
    assert_eq!((d25.total_g, d25.dose_count), (3.0, 1));
    assert_eq!(d24.doses[1].day, "2026-11-24");

    // Midnight days: the night dose moves to the 25th.
    s.save_settings(Settings {
        day_start_hour: 0,
        ..Settings::default()
    })
    .expect("settings");
    assert_eq!(s.day(day("2026-11-24")).expect("24").total_g, 1.0);
    assert_eq!(s.day(day("2026-11-25")).expect("25").total_g, 5.0);
}

#[test]
fn dst_night_stays_on_its_wall_clock_day() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let now: DateTime<Utc> = "2026-10-26T12:00:00Z".parse().expect("now");
    // Europe, clocks back at 03:00 CEST on 25 Oct: 02:30 happens twice.
    s.add_dose(&dose("1", "2026-10-25T02:30:00+02:00"), now)
        .expect("first 02:30");
    s.add_dose(&dose("1", "2026-10-25T02:30:00+01:00"), now)
        .expect("second 02:30");
    s.add_dose(&dose("1", "2026-10-25T09:00:00+01:00"), now)
        .expect("morning");
    let night = s.day(day("2026-10-24")).expect("24");
    assert_eq!(night.dose_count, 2);
    assert_eq!(night.doses[0].taken_at, "2026-10-25T02:30:00+02:00");
    assert_eq!(night.doses[1].taken_at, "2026-10-25T02:30:00+01:00");
    assert_eq!(s.day(day("2026-10-25")).expect("25").dose_count, 1);
}

#[test]
fn checkins_round_trip_newest_first() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let a = s
        .add_checkin(
            &checkin(
                "2026-11-25T08:00:00+00:00",
                &[("tiredness", 2), ("aches", 3)],
            ),
            now(),
        )
        .expect("first");
    assert_eq!((a.total, a.max_total, a.worst), (5, 8, 3));
    assert_eq!(a.items[0].key, "aches");
    let b = s
        .add_checkin(
            &checkin("2026-11-25T20:00:00+00:00", &[("anxiety", 1)]),
            now(),
        )
        .expect("second");
    drop(s);
    let mut s = Store::open(&t.path).expect("reopen");
    let v = s.day(day("2026-11-25")).expect("day");
    assert_eq!(v.checkins, vec![b.clone(), a.clone()]);
    assert_eq!(v.checkins[1].note.as_deref(), Some("rough night"));

    let edited = s
        .update_checkin(
            a.id,
            &checkin("2026-11-25T08:00:00+00:00", &[("insomnia", 4)]),
            now(),
        )
        .expect("edit");
    assert_eq!(
        edited.items,
        vec![ItemScore {
            key: "insomnia".into(),
            score: 4
        }]
    );
    s.delete_checkin(b.id, now()).expect("delete");
    assert_eq!(
        s.day(day("2026-11-25")).expect("day").checkins,
        vec![edited]
    );
    s.restore_checkin(b.id, now()).expect("undo");
    assert_eq!(s.day(day("2026-11-25")).expect("day").checkins.len(), 2);
    assert_eq!(
        s.symptoms().expect("symptoms").len(),
        taper_core::symptom::KRATOM_ITEMS.len()
    );
}

#[test]
fn usual_amounts_prefer_frequent_then_recent_and_settings_override() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    assert!(s.usual_amounts().expect("empty").is_empty());
    for (amount, at) in [
        ("2.5", "2026-11-20T08:00:00+00:00"),
        ("2.5", "2026-11-21T08:00:00+00:00"),
        ("3", "2026-11-22T08:00:00+00:00"),
        ("1", "2026-11-23T08:00:00+00:00"),
        ("1.5", "2026-11-24T08:00:00+00:00"),
    ] {
        s.add_dose(&dose(amount, at), now()).expect("add");
    }
    let q = s.usual_amounts().expect("usual");
    let amounts: Vec<f64> = q.iter().map(|q| q.amount_g).collect();
    assert_eq!(amounts, [2.5, 1.5, 1.0]);
    let mine = vec![QuickAmount {
        amount_g: 4.0,
        form: Form::Tea,
    }];
    s.save_settings(Settings {
        quick_amounts: Some(mine.clone()),
        ..Settings::default()
    })
    .expect("save");
    assert_eq!(s.usual_amounts().expect("mine"), mine);
}

#[test]
fn settings_persist_and_bad_settings_write_nothing() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    assert_eq!(s.settings().expect("defaults"), Settings::default());
    let mine = Settings {
        day_start_hour: 5,
        grams_per_capsule: 0.6,
        ..Settings::default()
    };
    s.save_settings(mine.clone()).expect("save");
    let e = s
        .save_settings(Settings {
            day_start_hour: 30,
            ..Settings::default()
        })
        .expect_err("bad");
    assert_eq!(e.field(), Some("day_start_hour"));
    drop(s);
    assert_eq!(
        Store::open(&t.path)
            .expect("reopen")
            .settings()
            .expect("read"),
        mine
    );
}

#[test]
fn damaged_or_foreign_files_are_refused_and_left_alone() {
    let t = tmp();
    std::fs::write(
        &t.path,
        b"this is not a database, just some text that a user saved",
    )
    .expect("write");
    let before = std::fs::read(&t.path).expect("read");
    let e = Store::open(&t.path).err().expect("refused");
    assert!(matches!(e, Error::Corrupt(_)), "{e}");
    assert_eq!(std::fs::read(&t.path).expect("read"), before);

    // A real diary with its header destroyed.
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2", "2026-11-25T08:00:00+00:00"), now())
        .expect("add");
    drop(s);
    let mut bytes = std::fs::read(&t.path).expect("read");
    bytes[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(&t.path, &bytes).expect("damage");
    let e = Store::open(&t.path).err().expect("refused");
    assert_eq!(e.code(), taper_core::ErrorCode::Corrupt, "{e}");
    assert_eq!(std::fs::read(&t.path).expect("read"), bytes);
}

#[test]
fn newer_diary_is_refused_unchanged() {
    let t = tmp();
    drop(Store::open(&t.path).expect("create"));
    {
        let conn = rusqlite::Connection::open(&t.path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let before = std::fs::read(&t.path).expect("read");
    let e = Store::open(&t.path).err().expect("refused");
    assert!(matches!(e, Error::NewerVersion { found: 99, .. }), "{e}");
    assert!(e.to_string().contains("newer version of Taper"));
    assert_eq!(std::fs::read(&t.path).expect("read"), before);
}

#[test]
fn wal_mode_is_set_on_the_file() {
    let t = tmp();
    drop(Store::open(&t.path).expect("open"));
    let conn = rusqlite::Connection::open(&t.path).expect("open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get("journal_mode"))
        .expect("mode");
    assert_eq!(mode, "wal", "WAL is persistent in the file");
}

#[test]
fn data_dir_follows_the_environment_variable() {
    // The only test that touches the process environment.
    let dir = tempfile::tempdir().expect("tempdir");
    std::env::set_var(taper_core::store::DATA_DIR_ENV, dir.path());
    assert_eq!(taper_core::store::data_dir().expect("dir"), dir.path());
    let s = Store::open_default().expect("open");
    assert_eq!(s.path(), dir.path().join("taper.db"));
    std::env::remove_var(taper_core::store::DATA_DIR_ENV);
}

#[test]
fn many_doses_save_together_or_not_at_all() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let good = dose("1", "2026-11-25T08:00:00+00:00");
    let e = s
        .add_doses(
            &[good.clone(), dose("oops", "2026-11-25T09:00:00+00:00")],
            now(),
        )
        .expect_err("one bad row");
    assert_eq!(e.field(), Some("amount"));
    assert_eq!(s.day(day("2026-11-25")).expect("day").dose_count, 0);
    let ids = s.add_doses(&[good.clone(), good], now()).expect("both");
    assert_eq!(ids.len(), 2);
    assert_eq!(s.day(day("2026-11-25")).expect("day").total_g, 2.0);

    let bad = checkin("2026-11-25T08:00:00+00:00", &[("aches", 9)]);
    let ok = checkin("2026-11-25T08:00:00+00:00", &[("aches", 2)]);
    assert!(s.add_checkins(&[ok.clone(), bad], now()).is_err());
    assert!(s.day(day("2026-11-25")).expect("day").checkins.is_empty());
    assert_eq!(s.add_checkins(&[ok], now()).expect("saved").len(), 1);
}

#[test]
fn settings_changed_by_another_process_are_seen() {
    let t = tmp();
    let app = Store::open(&t.path).expect("app");
    assert_eq!(app.settings().expect("read").day_start_hour, 4);
    let mut other = Store::open(&t.path).expect("another connection, as the CLI would be");
    other
        .save_settings(Settings {
            day_start_hour: 0,
            ..Settings::default()
        })
        .expect("save");
    assert_eq!(app.settings().expect("re-read").day_start_hour, 0);
}

/// An edit names the version of the entry it began from; if another window, the command line
/// or an import changed the entry since, the edit is refused and changes nothing (it used to
/// overwrite the other change, or, after a replacing import reused the id, another entry).
#[test]
fn an_edit_of_an_entry_changed_elsewhere_since_is_refused_and_changes_nothing() {
    let t = tmp();
    let mut app = Store::open(&t.path).expect("open");
    let at = "2026-11-25T08:00:00+00:00";
    let later = |s: i64| now() + chrono::Duration::seconds(s);
    let d = app.add_dose(&dose("2", at), now()).expect("add");
    let c = app
        .add_checkin(&checkin(at, &[("aches", 2)]), now())
        .expect("check-in");
    let m = app
        .add_medicine(
            &taper_core::medicine::MedicineInput {
                taken_at: at.into(),
                name: "Loperamide".into(),
                amount: Some("2".into()),
                unit: Some("mg".into()),
                note: None,
            },
            now(),
        )
        .expect("medicine");

    // Meanwhile the command line (another connection) changes all three.
    let mut cli = Store::open(&t.path).expect("second connection");
    let mut noted = dose("2", at);
    noted.note = Some("changed by the command line".into());
    cli.update_dose(d.id, &noted, later(5)).expect("cli dose");
    cli.update_checkin(c.id, &checkin(at, &[("aches", 4)]), later(5))
        .expect("cli check-in");
    let mut med = app.medicine(m.id).expect("medicine").as_input();
    med.note = Some("with water".into());
    cli.update_medicine(m.id, &med, later(5))
        .expect("cli medicine");

    // The forms the app opened before save: each refused on "version", nothing changed.
    let refused = |r: Result<(), Error>| match r {
        Err(Error::Invalid { field, message }) => {
            assert_eq!(field, "version");
            assert!(message.contains("changed elsewhere"), "{message}");
        }
        other => panic!("not refused: {other:?}"),
    };
    refused(
        app.update_dose_from(d.id, Some(&d.version), &dose("2.2", at), later(9))
            .map(|_| ()),
    );
    refused(
        app.update_checkin_from(
            c.id,
            Some(&c.version),
            &checkin(at, &[("aches", 1)]),
            later(9),
        )
        .map(|_| ()),
    );
    refused(
        app.update_medicine_from(m.id, Some(&m.version), &m.as_input(), later(9))
            .map(|_| ()),
    );
    let now_dose = app.dose(d.id).expect("dose");
    assert_eq!(
        (now_dose.amount_g, now_dose.note.as_deref()),
        (2.0, Some("changed by the command line"))
    );
    assert_eq!(app.checkin(c.id).expect("check-in").items[0].score, 4);
    assert_eq!(
        app.medicine(m.id).expect("medicine").note.as_deref(),
        Some("with water")
    );

    // Opened again (the version as it is now), the edit saves; an unchanged version passes.
    let saved = app
        .update_dose_from(d.id, Some(&now_dose.version), &dose("2.2", at), later(10))
        .expect("saved");
    assert_eq!(saved.amount_g, 2.2);
    assert_ne!(saved.version, now_dose.version);
    // A deleted entry is not found, whatever the version.
    app.delete_dose(d.id, later(11)).expect("delete");
    assert!(matches!(
        app.update_dose_from(d.id, Some(&saved.version), &dose("3", at), later(12)),
        Err(Error::NotFound { .. })
    ));
}
