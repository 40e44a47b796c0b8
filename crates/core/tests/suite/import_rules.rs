//! Imported data passes the same rules as typed data (issue 13), on real SQLite files: every
//! row of a JSON backup through the typed entries' validation, named by its place in the file and
//! stored as a typed row would be; imported symptoms after the diary's own; and a replace import
//! that keeps the diary as it was first.

use crate::common;

use std::path::Path;

use common::{checkin_items, day, dose, now, tmp};
use rusqlite::Connection;
use taper_core::checkin::ItemScore;
use taper_core::export::{self, read_backup, Backup, ImportMode};
use taper_core::medicine::MedicineInput;
use taper_core::store::{check_backup, BackupKind};
use taper_core::{Error, Store};

/// A diary with a bit of everything: a custom symptom, doses, kratom / SOWS / COWS check-ins, a
/// medicine and a plan. Returns its backup (made at `now()`) too.
fn seeded() -> (common::Tmp, Store, Backup) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let headache = s.add_symptom("Headache").expect("symptom");
    for at in [
        "2026-11-20T08:00:00+01:00",
        "2026-11-21T08:00:00+01:00",
        "2026-11-22T08:00:00+01:00",
    ] {
        s.add_dose(&dose("2.5", at), now()).expect("dose");
    }
    s.add_checkin(
        &checkin_items(
            "2026-11-22T09:00:00+01:00",
            &[("aches", 3), (headache.key.as_str(), 2)],
        ),
        now(),
    )
    .expect("kratom");
    s.add_checkin(
        &checkin_items("2026-11-23T09:00:00+01:00", &[("sows_anxious", 4)]),
        now(),
    )
    .expect("sows");
    s.add_checkin(
        &checkin_items(
            "2026-11-23T10:00:00+01:00",
            &[("cows_pulse", 4), ("cows_gooseflesh", 5)],
        ),
        now(),
    )
    .expect("cows");
    s.add_medicine(&medicine("2026-11-23T12:00:00+01:00"), now())
        .expect("medicine");
    s.create_plan(
        &common::detox_week(day("2026-11-20"), 6.0),
        day("2026-11-20"),
        now(),
    )
    .expect("plan");
    let b = export::backup(&s, now()).expect("backup");
    (t, s, b)
}

fn medicine(at: &str) -> MedicineInput {
    MedicineInput {
        taken_at: at.into(),
        name: "loperamide".into(),
        amount: Some("2".into()),
        unit: Some("mg".into()),
        note: None,
    }
}

fn text(b: &Backup) -> String {
    serde_json::to_string_pretty(b).expect("json")
}

fn count(path: &Path, table: &str) -> i64 {
    let conn = Connection::open(path).expect("open");
    conn.query_row(&format!("SELECT count(*) AS n FROM {table}"), [], |r| {
        r.get("n")
    })
    .expect("count")
}

fn file_refusal(e: &Error) -> &str {
    match e {
        Error::Invalid {
            field: "file",
            message,
        } => message,
        other => panic!("not a refusal of the file: {other:?}"),
    }
}

// ---- every row passes the typed rules ------------------------------------------------------

#[test]
fn every_backup_row_passes_the_rules_of_a_typed_entry_and_is_named_by_its_place() {
    let (_t, _s, good) = seeded();
    read_backup(&text(&good)).expect("the diary's own backup passes");
    // Indices: doses 0-2, check-ins 0 kratom / 1 SOWS / 2 COWS, one medicine, one symptom.
    type Change = Box<dyn Fn(&mut Backup)>;
    let cases: Vec<(&str, Change, &str, &str)> = vec![
        (
            "a COWS pulse scored 3 (allowed 0, 1, 2, 4)",
            Box::new(|b| b.checkins[2].items[0].score = 3),
            "check-in 3: items:",
            "0, 1, 2 or 4",
        ),
        (
            "a SOWS item scored 5 (0-4)",
            Box::new(|b| b.checkins[1].items[0].score = 5),
            "check-in 2: items:",
            "Anxious",
        ),
        (
            "a kratom item on a SOWS check-in",
            Box::new(|b| {
                b.checkins[1].items.push(ItemScore {
                    key: "aches".into(),
                    score: 1,
                })
            }),
            "check-in 2: items:",
            "its own check-in",
        ),
        (
            "COWS items recorded as a kratom check-in",
            Box::new(|b| b.checkins[2].instrument = "kratom".into()),
            "check-in 3: items:",
            "filled in on “kratom”",
        ),
        (
            "a check-in with nothing in it",
            Box::new(|b| {
                let c = &mut b.checkins[0];
                c.items.clear();
                (c.craving, c.sleep_hours, c.sleep_quality, c.mood, c.note) =
                    (None, None, None, None, None);
            }),
            "check-in 1: items:",
            "at least one",
        ),
        (
            "a custom symptom on the SOWS form",
            Box::new(|b| b.symptoms[0].instrument = "sows".into()),
            "symptom 1: instrument:",
            "kratom checklist",
        ),
        (
            "50 g recorded for 0.5 g entered",
            Box::new(|b| {
                b.doses[0].amount_g = 50.0;
                b.doses[0].amount_entered = 0.5;
            }),
            "dose 1: amount_g:",
            "does not match the amount entered",
        ),
        (
            "99 g recorded for one capsule",
            Box::new(|b| {
                b.doses[0].amount_g = 99.0;
                b.doses[0].amount_entered = 1.0;
                b.doses[0].unit = taper_core::dose::Unit::Capsule;
            }),
            "dose 1: amount_g:",
            "1 capsule",
        ),
        (
            "a plan whose schedule does not follow its settings",
            Box::new(|b| b.plans[0].params.start_g += 1.0),
            "plan 1: versions:",
            "not the schedule the plan's own settings make",
        ),
        (
            "a plan day twice in a row",
            Box::new(|b| {
                let d = b.plans[0].versions[0].days[0].day;
                b.plans[0].versions[0].days[1].day = d;
            }),
            "plan 1:",
            "",
        ),
        (
            "one custom symptom key twice",
            Box::new(|b| {
                let mut twin = b.symptoms[0].clone();
                twin.label = "Aches again".into();
                b.symptoms.push(twin);
            }),
            "symptom 2: key:",
            "the key of an earlier symptom too",
        ),
        (
            "a custom symptom at position 2147483647",
            Box::new(|b| b.symptoms[0].position = i32::MAX),
            "symptom 1: position:",
            "0 to 10000",
        ),
        (
            "a custom symptom with a blank label",
            Box::new(|b| b.symptoms[0].label = "   ".into()),
            "symptom 1: label:",
            "Enter a name",
        ),
        (
            "a dose in the year 1000",
            Box::new(|b| b.doses[2].taken_at = "1000-01-01T10:00:00+00:00".into()),
            "dose 3: taken_at:",
            "1900 to 2200",
        ),
        (
            "a dose of 250 g",
            Box::new(|b| b.doses[1].amount_g = 250.0),
            "dose 2: amount:",
            "over the 100 g limit",
        ),
        (
            "a product name of 201 characters",
            Box::new(|b| b.doses[0].product = Some("p".repeat(201))),
            "dose 1: product:",
            "limit is 200",
        ),
        (
            "a dose more than a day after the backup was made",
            Box::new(|b| b.doses[2].taken_at = "2027-02-01T12:01:00+00:00".into()),
            "dose 3: taken_at:",
            "more than 24 hours after the backup was made",
        ),
        (
            "a dose whose deletion time is not a time",
            Box::new(|b| b.doses[0].deleted_at = Some("last week".into())),
            "dose 1: deleted_at:",
            "not a date and time",
        ),
        (
            "a medicine with a blank name",
            Box::new(|b| b.medicines[0].name = "   ".into()),
            "medicine entry 1: name:",
            "Enter what you took",
        ),
        (
            "a medicine with a unit and no amount",
            Box::new(|b| b.medicines[0].amount = None),
            "medicine entry 1: amount:",
            "Enter an amount for the unit",
        ),
        (
            "a medicine in 2201",
            Box::new(|b| b.medicines[0].taken_at = "2201-01-01T00:00:00+00:00".into()),
            "medicine entry 1: taken_at:",
            "1900 to 2200",
        ),
        (
            "a plan starting in 1899",
            Box::new(|b| b.plans[0].params.start = day("1899-12-31")),
            "plan 1: start:",
            "1900 to 2200",
        ),
        (
            "a plan day in 2201",
            Box::new(|b| b.plans[0].versions[0].days[0].day = day("2201-01-01")),
            "plan 1: days:",
            "1900 to 2200",
        ),
        (
            "settings with a day starting at 30:00",
            Box::new(|b| {
                if let Some(s) = b.settings.as_mut() {
                    s.day_start_hour = 30;
                } else {
                    b.settings = Some(taper_core::settings::Settings {
                        day_start_hour: 30,
                        ..Default::default()
                    });
                }
            }),
            "settings: day_start_hour:",
            "0 to 23",
        ),
        (
            "an export time that is not a time",
            Box::new(|b| b.exported_at = "soon".into()),
            "exported_at:",
            "not a date and time",
        ),
    ];
    for (what, change, place, words) in cases {
        let mut bad = good.clone();
        change(&mut bad);
        // Read from the file: refused with its place.
        let e = read_backup(&text(&bad)).expect_err(what);
        let message = file_refusal(&e);
        assert!(message.starts_with(place), "{what}: {message}");
        assert!(message.contains(words), "{what}: {message}");
        // Handed straight to the import (as the app's preview does after reading): refused
        // the same way, and nothing is written into the empty diary.
        let fresh = tmp();
        let mut store = Store::open(&fresh.path).expect("open");
        let e = store
            .import_backup(&bad, None, now())
            .expect_err("import refuses it too");
        assert!(file_refusal(&e).starts_with(place), "{what}: {e}");
        assert!(!store.has_entries().expect("entries"), "{what}: written");
        drop(store);
        for table in ["dose", "checkin", "medicine", "plan", "setting"] {
            assert_eq!(count(&fresh.path, table), 0, "{what}: {table}");
        }
    }
}

#[test]
fn rows_are_judged_against_the_clock_that_made_the_backup() {
    let (_t, _s, good) = seeded();
    // Made on a computer whose clock said 2030: its entries were not in its future.
    let mut ahead = good.clone();
    ahead.exported_at = "2030-06-01T12:00:00Z".into();
    ahead.doses[0].taken_at = "2030-06-01T09:00:00+02:00".into();
    let read = read_backup(&text(&ahead)).expect("judged by its own clock");
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let summary = s.import_backup(&read, None, now()).expect("import");
    assert_eq!(summary.added_doses, 3);
    // A day and a minute after its own export time is what a typed entry could not be.
    ahead.doses[0].taken_at = "2030-06-02T12:01:00Z".into();
    let e = read_backup(&text(&ahead)).expect_err("ahead of its own clock");
    assert!(file_refusal(&e).starts_with("dose 1: taken_at:"), "{e}");
}

#[test]
fn imported_rows_are_stored_as_typed_rows_would_be() {
    let (_t, _s, mut b) = seeded();
    b.doses[0].product = Some("  Red Bali  ".into());
    b.doses[0].note = Some("   ".into());
    b.medicines[0].name = "  loperamide ".into();
    b.checkins[0].sleep_hours = Some(6.66);
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.import_backup(&read_backup(&text(&b)).expect("read"), None, now())
        .expect("import");
    let doses = s
        .doses_between(day("2026-11-20"), day("2026-11-20"))
        .expect("doses");
    assert_eq!(doses[0].product.as_deref(), Some("Red Bali"));
    assert_eq!(doses[0].note, None);
    let meds = s
        .medicines_between(day("2026-11-23"), day("2026-11-23"))
        .expect("meds");
    assert_eq!(meds[0].name, "loperamide");
    let c = s
        .checkins_between(day("2026-11-22"), day("2026-11-22"))
        .expect("checkins");
    assert_eq!(c[0].sleep_hours, Some(6.7));
}

#[test]
fn imported_symptoms_go_after_the_diarys_own_in_their_order() {
    let (_t, _s, b) = seeded();
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_symptom("Mine").expect("mine");
    let mut b = b;
    b.symptoms[0].position = 10_000;
    s.import_backup(&b, Some(ImportMode::Merge), now())
        .expect("merge");
    s.add_symptom("Later").expect("later");
    let labels: Vec<String> = s
        .symptoms()
        .expect("list")
        .into_iter()
        .skip(14)
        .map(|x| x.label)
        .collect();
    assert_eq!(labels, ["Mine", "Headache", "Later"]);
}

// ---- a replace import keeps the diary as it was ------------------------------------------

#[test]
fn a_replace_import_keeps_the_diary_as_it_was_as_a_backup_first() {
    let (_t, _s, b) = seeded();
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    for at in ["2026-11-10T08:00:00+00:00", "2026-11-11T08:00:00+00:00"] {
        s.add_dose(&dose("7", at), now()).expect("dose");
    }
    // A file that is refused makes no backup.
    let mut bad = b.clone();
    bad.checkins[2].items[0].score = 3;
    s.import_backup(&bad, Some(ImportMode::Replace), now())
        .expect_err("refused");
    assert!(s.backups().expect("list").is_empty());
    let summary = s
        .import_backup(&b, Some(ImportMode::Replace), now())
        .expect("replace");
    assert_eq!(summary.removed_doses, 2);
    let kept = summary.kept_backup.expect("kept");
    let list = s.backups().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, BackupKind::BeforeRestore);
    assert_eq!(list[0].path, kept);
    check_backup(Path::new(&kept), None).expect("a good backup");
    let conn = Connection::open(&kept).expect("open");
    let old: Vec<i64> = conn
        .prepare("SELECT amount_dg FROM dose ORDER BY local_time")
        .expect("select")
        .query_map([], |r| r.get("amount_dg"))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(old, [70, 70], "the old entries are in the kept copy");
    // A merge keeps everything already there, so it needs no copy.
    let summary = s
        .import_backup(&b, Some(ImportMode::Merge), now())
        .expect("merge");
    assert_eq!(summary.kept_backup, None);
}

#[test]
fn a_later_plan_version_must_be_the_step_back_the_button_makes() {
    let (_t, mut s, _) = seeded();
    s.step_back(day("2026-11-23"), 2, now()).expect("step back");
    let good = export::backup(&s, now()).expect("backup");
    assert_eq!(good.plans[0].versions.len(), 2);
    let fresh = tmp();
    Store::open(&fresh.path)
        .expect("open")
        .import_backup(&good, None, now())
        .expect("a real step back imports");

    type Tamper = Box<dyn Fn(&mut Backup)>;
    let cases: Vec<(&str, Tamper)> = vec![
        (
            "a target raised after the step back",
            Box::new(|b| {
                let last = b.plans[0].versions[1].days.len() - 1;
                b.plans[0].versions[1].days[last].target_g = 6.0;
            }),
        ),
        (
            "a step back said to repeat other days",
            Box::new(|b| b.plans[0].versions[1].repeat_days = Some(5)),
        ),
        (
            "a second version said to be a new plan",
            Box::new(|b| b.plans[0].versions[1].change = taper_core::store::PlanChange::Created),
        ),
    ];
    for (what, tamper) in cases {
        let mut b = good.clone();
        tamper(&mut b);
        let text = serde_json::to_string(&b).expect("json");
        let e = read_backup(&text).expect_err(what);
        let message = e.to_string();
        assert!(
            message.contains(
                "plan 1: versions: version 2 is not a step back of the plan on 2026-11-23"
            ),
            "{what}: {message}"
        );
    }
}
