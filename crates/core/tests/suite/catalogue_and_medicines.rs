//! The user's own symptoms, SOWS and COWS check-ins, and other medicines, on a real SQLite
//! file in a temporary folder.

use crate::common;
use common::{day, now, tmp};
use taper_core::checkin::CheckInInput;
use taper_core::instrument::{self, COWS, SOWS};
use taper_core::medicine::MedicineInput;
use taper_core::symptom::KRATOM_ITEMS;
use taper_core::{Error, Store};

fn checkin(at: &str, items: &[(&str, i32)]) -> CheckInInput {
    common::checkin_items(at, items)
}

fn medicine(at: &str, name: &str, amount: Option<&str>, unit: Option<&str>) -> MedicineInput {
    MedicineInput {
        taken_at: at.into(),
        name: name.into(),
        amount: amount.map(Into::into),
        unit: unit.map(Into::into),
        note: None,
    }
}

/// The number `sql` (`SELECT count(*) AS n …`) comes to.
fn count(path: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.query_row(sql, [], |r| r.get("n")).expect("count")
}

#[test]
fn the_catalogue_keeps_the_kratom_list_apart_from_sows_and_cows() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    let kratom = s.symptoms().expect("kratom");
    assert_eq!(kratom.len(), KRATOM_ITEMS.len());
    assert!(kratom.iter().all(|k| k.instrument == "kratom"));
    let sows = s.symptoms_of("sows").expect("sows");
    let keys: Vec<&str> = sows.iter().map(|x| x.key.as_str()).collect();
    let want: Vec<&str> = SOWS.items.iter().map(|i| i.key).collect();
    assert_eq!(keys, want);
    assert_eq!(s.symptoms_of("cows").expect("cows").len(), 11);
    let all = s.all_symptoms().expect("all");
    assert_eq!(all.len(), KRATOM_ITEMS.len() + 16 + 11);
    let instruments: Vec<&str> = all.iter().map(|x| x.instrument.as_str()).collect();
    let first_sows = instruments.iter().position(|i| *i == "sows").expect("sows");
    let first_cows = instruments.iter().position(|i| *i == "cows").expect("cows");
    assert_eq!(first_sows, KRATOM_ITEMS.len());
    assert_eq!(first_cows, KRATOM_ITEMS.len() + 16);
    assert_eq!(all[first_cows].label, "Resting pulse");
    assert!(matches!(s.symptom("nope"), Err(Error::NotFound { .. })));
}

#[test]
fn own_symptoms_are_added_renamed_and_archived() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let a = s.add_symptom("  Headache ").expect("add");
    assert_eq!(a.key, "custom_headache");
    assert_eq!(a.label, "Headache");
    assert_eq!(a.instrument, "kratom");
    assert_eq!(
        a.position,
        i32::try_from(KRATOM_ITEMS.len()).expect("small")
    );
    assert!(!a.archived);
    assert_eq!(s.symptoms().expect("list").last(), Some(&a));

    // The same label again (any letter case) is refused; a label with the same key stem gets
    // a numbered key.
    let e = s.add_symptom("headache").expect_err("duplicate");
    assert_eq!(e.field(), Some("label"));
    let e = s.add_symptom("Anxiety").expect_err("a built-in label");
    assert_eq!(e.field(), Some("label"));
    let b = s.add_symptom("Headache!").expect("another stem clash");
    assert_eq!(b.key, "custom_headache_2");
    assert_eq!(b.position, a.position + 1);
    assert_eq!(s.add_symptom("").expect_err("empty").field(), Some("label"));
    assert_eq!(
        s.add_symptom(&"x".repeat(61)).expect_err("long").field(),
        Some("label")
    );

    // Rated like any symptom, 0-4.
    let old = s
        .add_checkin(
            &checkin("2026-11-24T08:00:00+00:00", &[("aches", 2), (&a.key, 3)]),
            now(),
        )
        .expect("check-in with an own symptom");
    assert_eq!((old.total, old.max_total), (5, 8));
    assert!(s
        .add_checkin(&checkin("2026-11-24T09:00:00+00:00", &[(&a.key, 5)]), now())
        .is_err());

    let renamed = s
        .rename_symptom(&a.key, "Pounding headache")
        .expect("rename");
    assert_eq!(
        (renamed.key.as_str(), renamed.label.as_str()),
        ("custom_headache", "Pounding headache")
    );
    assert_eq!(
        s.rename_symptom(&a.key, "Pounding headache")
            .expect("same name again")
            .label,
        "Pounding headache"
    );
    assert_eq!(
        s.rename_symptom(&b.key, "pounding HEADACHE")
            .expect_err("taken")
            .field(),
        Some("label")
    );
    assert_eq!(
        s.rename_symptom(&a.key, " ").expect_err("empty").field(),
        Some("label")
    );

    // Built-in items keep their names and stay.
    let e = s.rename_symptom("aches", "Aches").expect_err("built in");
    assert_eq!(e.field(), Some("key"));
    assert!(e.to_string().contains("built in"), "{e}");
    assert!(s.archive_symptom("aches", true).is_err());
    assert!(s.rename_symptom("sows_anxious", "Worried").is_err());
    assert!(s.archive_symptom("cows_pulse", true).is_err());
    assert!(matches!(
        s.rename_symptom("custom_nope", "x"),
        Err(Error::NotFound { .. })
    ));

    // Archived: still in the catalogue, and the old check-in still shows its item.
    let archived = s.archive_symptom(&a.key, true).expect("archive");
    assert!(archived.archived);
    assert_eq!(archived.label, "Pounding headache");
    assert!(s.symptoms().expect("list").contains(&archived));
    let v = s.day(day("2026-11-24")).expect("day");
    assert_eq!(v.checkins[0], old);
    assert_eq!(v.checkins[0].items[1].key, "custom_headache");

    // An archived label is free again, and the archived one cannot come back under it.
    let c = s
        .add_symptom("Pounding headache")
        .expect("label free again");
    assert_eq!(c.key, "custom_pounding_headache");
    assert_eq!(
        s.archive_symptom(&a.key, false)
            .expect_err("label in use")
            .field(),
        Some("label")
    );
    s.archive_symptom(&c.key, true)
        .expect("archive the new one");
    assert!(!s.archive_symptom(&a.key, false).expect("back").archived);

    // All of it survives reopening.
    drop(s);
    let s = Store::open(&t.path).expect("reopen");
    let list = s.symptoms().expect("list");
    assert_eq!(list.len(), KRATOM_ITEMS.len() + 3);
    assert!(
        s.symptom("custom_pounding_headache")
            .expect("kept")
            .archived
    );
}

#[test]
fn sows_and_cows_check_ins_follow_their_definitions() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let all_sows: Vec<(&str, i32)> = SOWS.items.iter().map(|i| (i.key, 1)).collect();
    let c = s
        .add_checkin(&checkin("2026-11-25T08:00:00+00:00", &all_sows), now())
        .expect("SOWS");
    assert_eq!((c.total, c.max_total), (16, 64));
    let (inst, score) = instrument::scored(&c.items).expect("scored");
    assert_eq!(inst.key, "sows");
    assert_eq!((score.complete, score.band), (true, Some("moderate")));

    // A partly answered SOWS is saved, shown incomplete without a band.
    let part = s
        .add_checkin(
            &checkin("2026-11-25T09:00:00+00:00", &all_sows[..10]),
            now(),
        )
        .expect("partial SOWS");
    let (_, score) = instrument::scored(&part.items).expect("scored");
    assert_eq!(
        (score.answered, score.complete, score.band),
        (10, false, None)
    );

    let all_cows: Vec<(&str, i32)> = COWS.items.iter().map(|i| (i.key, i.max())).collect();
    let c = s
        .add_checkin(&checkin("2026-11-25T10:00:00+00:00", &all_cows), now())
        .expect("COWS at maximum");
    assert_eq!((c.total, c.max_total, c.worst), (48, 48, 5));
    let (_, score) = instrument::scored(&c.items).expect("scored");
    assert_eq!(score.band, Some("severe"));
    let stored: String = rusqlite::Connection::open(&t.path)
        .expect("open")
        .query_row(
            "SELECT instrument FROM checkin WHERE id = :id",
            rusqlite::named_params! {":id": c.id},
            |r| r.get("instrument"),
        )
        .expect("instrument");
    assert_eq!(stored, "cows");
    assert_eq!(
        (c.instrument.as_str(), c.band.as_deref(), c.complete),
        ("cows", Some("severe"), true)
    );

    // The day shows every check-in with its instrument, band and completeness, newest first.
    let kratom = s
        .add_checkin(
            &checkin("2026-11-25T11:00:00+00:00", &[("aches", 2)]),
            now(),
        )
        .expect("kratom");
    assert_eq!(
        (kratom.instrument.as_str(), kratom.band, kratom.complete),
        ("kratom", None, false)
    );
    let v = s.day(day("2026-11-25")).expect("day");
    let seen: Vec<(&str, i32, Option<&str>, bool)> = v
        .checkins
        .iter()
        .map(|c| {
            (
                c.instrument.as_str(),
                c.total,
                c.band.as_deref(),
                c.complete,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("kratom", 2, None, false),
            ("cows", 48, Some("severe"), true),
            ("sows", 10, None, false),
            ("sows", 16, Some("moderate"), true),
        ]
    );
}

#[test]
fn a_cows_score_it_does_not_allow_is_refused_and_nothing_is_written() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let ok = s
        .add_checkin(
            &checkin("2026-11-25T08:00:00+00:00", &[("cows_pulse", 2)]),
            now(),
        )
        .expect("allowed");
    let bad = checkin(
        "2026-11-25T09:00:00+00:00",
        &[("cows_sweating", 1), ("cows_pulse", 3)],
    );
    let e = s.add_checkin(&bad, now()).expect_err("pulse 3");
    assert_eq!(e.field(), Some("items"));
    assert!(e.to_string().contains("Resting pulse"), "{e}");
    let e = s.update_checkin(ok.id, &bad, now()).expect_err("edit");
    assert!(e.to_string().contains("Resting pulse"), "{e}");
    assert!(s
        .add_checkins(
            &[
                checkin("2026-11-25T09:00:00+00:00", &[("cows_gooseflesh", 3)]),
                checkin("2026-11-25T09:00:00+00:00", &[("cows_gooseflesh", 4)]),
            ],
            now(),
        )
        .is_err());
    // Mixing the clinician form with the kratom list is refused too.
    assert!(s
        .add_checkin(
            &checkin(
                "2026-11-25T09:00:00+00:00",
                &[("aches", 2), ("cows_pulse", 1)]
            ),
            now(),
        )
        .is_err());
    drop(s);
    assert_eq!(count(&t.path, "SELECT count(*) AS n FROM checkin"), 1);
    assert_eq!(count(&t.path, "SELECT count(*) AS n FROM checkin_item"), 1);
    let s = Store::open(&t.path).expect("reopen");
    assert_eq!(s.checkin(ok.id).expect("unchanged"), ok);
}

#[test]
fn medicines_round_trip_delete_and_restore() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut input = medicine(
        "2026-11-25T09:30:00+01:00",
        " Loperamide ",
        Some("2"),
        Some("mg"),
    );
    input.note = Some("for the stomach 😀 '); DROP TABLE medicine;--".into());
    let a = s.add_medicine(&input, now()).expect("add");
    let v = s.day(day("2026-11-25")).expect("day");
    assert_eq!(v.medicines, vec![a.clone()], "Today lists the medicine");
    assert_eq!(a.name, "Loperamide");
    assert_eq!((a.amount, a.unit.as_deref()), (Some(2.0), Some("mg")));
    assert_eq!(a.taken_at, "2026-11-25T09:30:00+01:00");
    assert_eq!(
        (a.local_time.as_str(), a.day.as_str()),
        ("2026-11-25T09:30", "2026-11-25")
    );
    // A night entry belongs to the day before (days start at 04:00).
    let b = s
        .add_medicine(
            &medicine("2026-11-26T02:00:00+01:00", "Ibuprofen", None, None),
            now(),
        )
        .expect("name only");
    assert_eq!(
        (b.amount, b.unit.clone(), b.day.as_str()),
        (None, None, "2026-11-25")
    );
    drop(s);

    let mut s = Store::open(&t.path).expect("reopen");
    assert_eq!(
        s.medicines_between(day("2026-11-25"), day("2026-11-25"))
            .expect("list"),
        vec![a.clone(), b.clone()],
        "oldest first, identical after reopening"
    );
    assert!(s
        .medicines_between(day("2026-11-26"), day("2026-11-30"))
        .expect("later")
        .is_empty());
    assert_eq!(
        s.medicine_names().expect("names"),
        ["Ibuprofen", "Loperamide"]
    );

    let edited = s
        .update_medicine(
            a.id,
            &medicine(
                "2026-11-25T10:00:00+01:00",
                "Loperamide",
                Some("4"),
                Some("mg"),
            ),
            now(),
        )
        .expect("edit");
    assert_eq!((edited.id, edited.amount), (a.id, Some(4.0)));
    assert_eq!(edited.note, None);

    s.delete_medicine(a.id, now()).expect("delete");
    assert_eq!(
        s.medicines_between(day("2026-11-25"), day("2026-11-25"))
            .expect("list"),
        vec![b.clone()]
    );
    assert!(matches!(
        s.delete_medicine(a.id, now()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(s.medicine(a.id), Err(Error::NotFound { .. })));
    assert!(matches!(
        s.update_medicine(a.id, &edited.as_input(), now()),
        Err(Error::NotFound { .. })
    ));
    let back = s.restore_medicine(a.id, now()).expect("undo");
    assert_eq!(back, edited);
    assert!(matches!(
        s.restore_medicine(a.id, now()),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(s.medicine(999), Err(Error::NotFound { .. })));
}

#[test]
fn refused_medicines_write_nothing() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let a = s
        .add_medicine(
            &medicine(
                "2026-11-25T08:00:00+00:00",
                "Loperamide",
                Some("2"),
                Some("mg"),
            ),
            now(),
        )
        .expect("add");
    let at = "2026-11-25T08:00:00+00:00";
    let long_unit = "u".repeat(21);
    let long_name = "n".repeat(201);
    for (bad, field) in [
        (medicine(at, "", None, None), "name"),
        (medicine(at, "  ", None, None), "name"),
        (medicine(at, &long_name, None, None), "name"),
        (medicine(at, "x", Some("0"), None), "amount"),
        (medicine(at, "x", Some("-1"), None), "amount"),
        (medicine(at, "x", Some("lots"), None), "amount"),
        (medicine(at, "x", Some("100001"), None), "amount"),
        (medicine(at, "x", Some("1"), Some(&long_unit)), "unit"),
        (medicine(at, "x", None, Some("mg")), "amount"),
        (medicine("not a time", "x", None, None), "taken_at"),
        (
            medicine("2027-02-02T08:00:00+00:00", "x", None, None),
            "taken_at",
        ),
    ] {
        let e = s.add_medicine(&bad, now()).expect_err("refused");
        assert_eq!(e.field(), Some(field), "{bad:?}");
        let e = s.update_medicine(a.id, &bad, now()).expect_err("refused");
        assert_eq!(e.field(), Some(field), "{bad:?}");
    }
    drop(s);
    assert_eq!(count(&t.path, "SELECT count(*) AS n FROM medicine"), 1);
    let s = Store::open(&t.path).expect("reopen");
    assert_eq!(s.medicine(a.id).expect("unchanged"), a);
}
