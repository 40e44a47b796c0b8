//! Exports and imports against real SQLite files: the JSON backup round trip, merge and
//! replace, malformed files refused with nothing written, CSV escaping and re-reading, dose CSV
//! import, and the FHIR bundle's structure.

use crate::common;

use common::dose;

use std::collections::{HashMap, HashSet};

use common::{day, now, tmp, Tmp};
use rusqlite::Connection;
use serde_json::Value;
use taper_core::checkin::CheckInInput;
use taper_core::dose::{Form, Unit};
use taper_core::export::{
    self, backup_json, csv, detect_kind, parse_dose_csv, read_backup, ImportKind, ImportMode,
    BACKUP_FORMAT, MAX_IMPORT_BYTES,
};
use taper_core::instrument::SOWS;
use taper_core::medicine::MedicineInput;
use taper_core::settings::Settings;
use taper_core::{Error, Store};

const NOTE: &str = "took it, then \"felt ok\"\nsecond line; ünïcødé 漢字 🙂";

fn checkin(at: &str, items: &[(&str, i32)], craving: Option<i32>) -> CheckInInput {
    CheckInInput {
        craving,
        sleep_hours: Some(6.5),
        sleep_quality: Some(2),
        note: Some("rough, \"very\" rough".into()),
        ..common::checkin_items(at, items)
    }
}

/// A diary with a bit of everything: settings, custom symptoms (one archived), doses (one
/// deleted, one in capsules with a product and an awkward note), check-ins (kratom with a
/// custom item, a full SOWS, craving only), medicines, a plan with a step back.
fn seeded() -> (Tmp, Store) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.save_settings(Settings {
        day_start_hour: 5,
        grams_per_capsule: 0.6,
        ..Settings::default()
    })
    .expect("settings");
    let headache = s.add_symptom("Headache").expect("symptom");
    let gone = s.add_symptom("Old thing").expect("symptom");
    s.archive_symptom(&gone.key, true).expect("archive");
    s.add_dose(&dose("3", "2026-11-20T08:00:00+01:00"), now())
        .expect("dose");
    let mut caps = dose("4", "2026-11-21T21:15:00-05:00");
    caps.unit = Unit::Capsule;
    caps.form = Form::Capsules;
    caps.product = Some("Red, \"Bali\"".into());
    caps.note = Some(NOTE.into());
    caps.estimated = true;
    s.add_dose(&caps, now()).expect("dose");
    let gone = s
        .add_dose(&dose("1.5", "2026-11-22T10:00:00+01:00"), now())
        .expect("dose");
    s.delete_dose(gone.id, now()).expect("delete");
    s.add_dose(&dose("2.5", "2026-11-24T09:30:00+01:00"), now())
        .expect("dose");
    s.add_checkin(
        &checkin(
            "2026-11-22T09:00:00+01:00",
            &[("aches", 3), (headache.key.as_str(), 2)],
            Some(6),
        ),
        now(),
    )
    .expect("checkin");
    let sows: Vec<(&str, i32)> = SOWS.items.iter().map(|i| (i.key, 1)).collect();
    s.add_checkin(&checkin("2026-11-23T09:00:00+01:00", &sows, None), now())
        .expect("sows");
    s.add_checkin(&checkin("2026-11-24T20:00:00+01:00", &[], Some(4)), now())
        .expect("craving only");
    s.add_medicine(
        &MedicineInput {
            taken_at: "2026-11-23T12:00:00+01:00".into(),
            name: "loperamide".into(),
            amount: Some("2".into()),
            unit: Some("mg".into()),
            note: Some("with water, lots".into()),
        },
        now(),
    )
    .expect("medicine");
    s.create_plan(
        &common::detox_week(day("2026-11-20"), 6.0),
        day("2026-11-20"),
        now(),
    )
    .expect("plan");
    s.step_back(day("2026-11-23"), 2, now()).expect("step back");
    (t, s)
}

type Rows = Vec<Vec<String>>;

/// Every table's rows as text, without autoincrement ids (check-in items and plan versions
/// name their parent by its natural key instead), sorted.
fn dump(path: &std::path::Path) -> HashMap<&'static str, Rows> {
    let conn = Connection::open(path).expect("open");
    let q = |sql: &str| -> Rows {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        let mut rows: Rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        let v: rusqlite::types::Value = r.get(i)?;
                        Ok(format!("{v:?}"))
                    })
                    .collect()
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        rows.sort();
        rows
    };
    HashMap::from([
        ("dose", q("SELECT taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit, form, product, estimated, note, created_at, updated_at, deleted_at, uid FROM dose")),
        ("checkin", q("SELECT taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours, sleep_quality, mood, note, created_at, updated_at, deleted_at, uid FROM checkin")),
        ("checkin_item", q("SELECT c.taken_at_utc, c.instrument, i.symptom_key, i.score FROM checkin_item i JOIN checkin c ON c.id = i.checkin_id")),
        ("medicine", q("SELECT taken_at_utc, local_time, utc_offset_min, name, amount, unit, note, created_at, updated_at, deleted_at, uid FROM medicine")),
        ("symptom", q("SELECT key, label, instrument, position, builtin, archived FROM symptom")),
        ("setting", q("SELECT key, value FROM setting")),
        ("plan", q("SELECT params, created_at FROM plan")),
        ("plan_version", q("SELECT p.created_at, v.version, v.change, v.effective_from, v.repeat_days, v.days, v.created_at FROM plan_version v JOIN plan p ON p.id = v.plan_id")),
    ])
}

#[test]
fn json_backup_round_trips_into_an_empty_diary_identically() {
    let (a, store) = seeded();
    let text = backup_json(&store, now()).expect("backup");
    assert_eq!(detect_kind(&text), ImportKind::Backup);
    let v: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["format"], BACKUP_FORMAT);
    assert_eq!(v["version"], 2);
    assert_eq!(v["symptoms"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        v["doses"].as_array().map(Vec::len),
        Some(4),
        "deleted dose kept"
    );
    assert_eq!(v["plans"][0]["versions"].as_array().map(Vec::len), Some(2));

    let b = tmp();
    let mut fresh = Store::open(&b.path).expect("open");
    assert!(!fresh.has_entries().expect("empty"));
    let backup = read_backup(&text).expect("read");
    let summary = fresh.import_backup(&backup, None, now()).expect("import");
    assert_eq!(summary.added_doses, 4);
    assert_eq!(summary.added_checkins, 3);
    assert_eq!(summary.added_medicines, 1);
    assert_eq!(summary.added_symptoms, 2);
    assert_eq!(summary.added_plans, 1);
    assert_eq!(summary.added_plan_versions, 2);
    assert_eq!(summary.already_there, 0);
    assert!(summary.settings_imported);
    assert_eq!(dump(&a.path), dump(&b.path));
    assert_eq!(fresh.settings().expect("settings").day_start_hour, 5);
    // And the copy backs up to the same document.
    assert_eq!(backup_json(&fresh, now()).expect("again"), text);

    // Importing the same backup again adds nothing.
    let again = fresh
        .import_backup(&backup, Some(ImportMode::Merge), now())
        .expect("merge");
    assert_eq!(
        (
            again.added_doses,
            again.added_checkins,
            again.added_medicines
        ),
        (0, 0, 0)
    );
    assert_eq!(
        (
            again.added_plans,
            again.added_plan_versions,
            again.added_symptoms
        ),
        (0, 0, 0)
    );
    assert_eq!(again.already_there, 4 + 3 + 1 + 2 + 2);
    assert_eq!(dump(&a.path), dump(&b.path));
}

#[test]
fn a_diary_with_entries_must_choose_merge_or_replace() {
    let (_a, store) = seeded();
    let backup = read_backup(&backup_json(&store, now()).expect("backup")).expect("read");
    let b = tmp();
    let mut other = Store::open(&b.path).expect("open");
    other
        .add_dose(&dose("7", "2026-11-25T07:00:00+01:00"), now())
        .expect("own dose");
    let before = dump(&b.path);

    let e = other.import_backup(&backup, None, now()).expect_err("asks");
    assert!(
        matches!(e, Error::NeedsConfirmation { field: "mode", .. }),
        "{e}"
    );
    assert!(e.to_string().contains("merge") && e.to_string().contains("replace"));
    assert_eq!(dump(&b.path), before);

    // A preview says what would happen and writes nothing.
    let p = other
        .preview_backup(&backup, Some(ImportMode::Merge))
        .expect("preview");
    assert_eq!(p.added_doses, 4);
    assert_eq!(dump(&b.path), before);

    let m = other
        .import_backup(&backup, Some(ImportMode::Merge), now())
        .expect("merge");
    assert_eq!(m.added_doses, 4);
    assert!(!m.settings_imported || before["setting"].is_empty());
    let merged = dump(&b.path);
    assert_eq!(merged["dose"].len(), 5, "own dose kept");

    let r = other
        .import_backup(&backup, Some(ImportMode::Replace), now())
        .expect("replace");
    assert_eq!(r.removed_doses, 5);
    assert_eq!(r.added_doses, 4);
    assert_eq!(dump(&b.path), dump(&_a.path));
}

#[test]
fn malformed_backups_are_refused_naming_the_line_and_nothing_is_written() {
    let (_a, store) = seeded();
    let good = backup_json(&store, now()).expect("backup");
    let b = tmp();
    let mut other = Store::open(&b.path).expect("open");
    other
        .add_dose(&dose("7", "2026-11-25T07:00:00+01:00"), now())
        .expect("own dose");
    drop(other);
    let bytes = std::fs::read(&b.path).expect("bytes");

    let cut = &good[..good.len() / 2];
    let e = read_backup(cut).expect_err("truncated");
    assert!(e.to_string().starts_with("line "), "{e}");
    assert!(e.to_string().contains("ends too early"), "{e}");

    let e = read_backup(&good.replacen("\"taper-backup\"", "\"something-else\"", 1))
        .expect_err("format");
    assert!(e.to_string().contains("not a Taper backup"), "{e}");
    let e =
        read_backup(&good.replacen("\"version\": 2", "\"version\": 3", 1)).expect_err("version");
    assert!(e.to_string().contains("newer Taper"), "{e}");
    let e = read_backup(&good.replacen("\"version\": 2", "\"version\": \"one\"", 1))
        .expect_err("version type");
    assert!(e.to_string().contains("version"), "{e}");
    let e = read_backup(&good.replacen("\"amount_g\": 3.0", "\"amount_g\": \"three\"", 1))
        .expect_err("wrong type");
    assert!(e.to_string().contains("wrong type"), "{e}");
    assert!(e.to_string().starts_with("line "), "{e}");
    let e = read_backup(&good.replacen("\"amount_g\": 3.0", "\"amount_g\": 300.0", 1))
        .expect_err("out of range");
    assert!(e.to_string().contains("dose 1"), "{e}");
    let e = read_backup("[1, 2").expect_err("not an object");
    assert!(matches!(e, Error::Invalid { field: "file", .. }), "{e}");
    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    let e = read_backup(&huge).expect_err("huge");
    assert!(e.to_string().contains("up to 200 MB"), "{e}");

    // A backup naming a symptom nobody has: refused inside the transaction, all rolled back.
    let mut backup = read_backup(&good).expect("read");
    backup.checkins[0].items[1].key = "custom_nowhere".into();
    let mut other = Store::open(&b.path).expect("open");
    let e = other
        .import_backup(&backup, Some(ImportMode::Merge), now())
        .expect_err("unknown symptom");
    assert!(e.to_string().contains("custom_nowhere"), "{e}");
    drop(other);
    // Only the checkpoint on close may touch the file; the rows are the same.
    let after = std::fs::read(&b.path).expect("bytes");
    let conn = Connection::open(&b.path).expect("open");
    let n: i64 = conn
        .query_row("SELECT count(*) AS n FROM dose", [], |r| r.get("n"))
        .expect("count");
    assert_eq!(n, 1);
    assert_eq!(after.len(), bytes.len());
}

#[test]
fn csv_exports_escape_and_read_back() {
    let (_t, store) = seeded();
    let files = export::csv_files(&store, None, None).expect("csv");
    for (name, text) in files.files() {
        assert!(text.starts_with('\u{feff}'), "{name}");
        assert!(text.ends_with("\r\n"), "{name}");
    }
    let doses = csv::read(&files.doses).expect("doses");
    assert_eq!(doses[0].fields, csv::DOSE_HEADER);
    assert_eq!(doses.len(), 1 + 3, "deleted dose left out");
    let caps = &doses[2].fields;
    assert_eq!(caps[1], "2026-11-21T21:15:00-05:00");
    assert_eq!(caps[3], "2.4");
    assert_eq!(caps[5], "capsule");
    assert_eq!(caps[7], "Red, \"Bali\"");
    assert_eq!(caps[8], "true");
    assert_eq!(caps[9], NOTE);
    assert!(files.doses.contains("\"Red, \"\"Bali\"\"\""));

    let items = csv::read(&files.checkin_items).expect("items");
    assert_eq!(items[0].fields, csv::CHECKIN_ITEM_HEADER);
    assert_eq!(items.len(), 1 + 2 + SOWS.items.len() + 1);
    let first = &items[1].fields;
    assert_eq!(first[3], "kratom");
    assert_eq!(first[4], "aches");
    assert_eq!(first[7], "5");
    assert_eq!(first[15], "rough, \"very\" rough");
    let sows = &items[3].fields;
    assert_eq!(sows[3], "sows");
    assert_eq!(sows[7], SOWS.items.len().to_string());
    assert!(!sows[9].is_empty(), "band of a complete SOWS");
    assert_eq!(items.last().map(|r| r.fields[4].as_str()), Some(""));

    let meds = csv::read(&files.medicines).expect("meds");
    assert_eq!(meds[0].fields, csv::MEDICINE_HEADER);
    assert_eq!(meds[1].fields[3], "loperamide");
    assert_eq!(meds[1].fields[6], "with water, lots");

    // A range keeps only its days (days start at 05:00 here).
    let one =
        export::csv_doses(&store, Some(day("2026-11-24")), Some(day("2026-11-24"))).expect("range");
    assert_eq!(csv::read(&one).expect("read").len(), 2);
}

#[test]
fn dose_csv_lists_bad_rows_and_saves_nothing_until_confirmed() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let text = "\u{feff}Date,Amount,Unit,Form,Notes,Other\r\n\
        2026-11-20T08:00:00+01:00,2.5,g,powder,\"fine, \"\"ok\"\"\",x\r\n\
        2026-11-20T14:00:00+01:00,abc,g,powder,,\r\n\
        2026-11-21T08:00:00+01:00,3,spoon,powder,,\r\n\
        not a time,3,g,powder,,\r\n\
        2026-11-21T20:00:00+01:00,4,capsule,capsules,\"two\nlines\",\r\n\
        2026-11-22T08:00:00+01:00,45,g,powder,,\r\n\
        2026-11-22T09:00:00+01:00,1.5 g,,,,\r\n";
    let p = parse_dose_csv(text, &s.settings().expect("settings"), now()).expect("parse");
    let fields: Vec<(&str, Option<&str>)> = p
        .mapping
        .iter()
        .map(|m| (m.column.as_str(), m.field.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            ("Date", Some("time")),
            ("Amount", Some("amount")),
            ("Unit", Some("unit")),
            ("Form", Some("form")),
            ("Notes", Some("note")),
            ("Other", None)
        ]
    );
    // The 45 g dose is read and marked for the confirmation a typed one gets.
    assert_eq!(p.rows.len(), 4);
    assert_eq!(p.lines, [2, 6, 8, 9]);
    assert_eq!(p.large_lines, [8]);
    assert_eq!(p.rows[0].dose.note.as_deref(), Some("fine, \"ok\""));
    assert_eq!(p.rows[1].dose.note.as_deref(), Some("two\nlines"));
    assert_eq!(p.total_g, 2.5 + 2.0 + 45.0 + 1.5);
    let bad: Vec<(u32, &str)> = p.bad.iter().map(|b| (b.line, b.reason.as_str())).collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert_eq!(bad[0].0, 3);
    assert!(bad[0].1.contains("not a number"), "{bad:?}");
    assert_eq!(bad[1].0, 4);
    assert!(bad[1].1.contains("not a unit"), "{bad:?}");
    assert_eq!(bad[2].0, 5);
    assert!(bad[2].1.contains("not a date and time"), "{bad:?}");
    assert!(!s.has_entries().expect("nothing yet"));

    let r = s.import_doses(&p.rows, now()).expect("import");
    assert_eq!((r.added_doses, r.skipped_duplicates), (4, 0));
    let r = s.import_doses(&p.rows, now()).expect("again");
    assert_eq!((r.added_doses, r.skipped_duplicates), (0, 4));
    let d = s
        .doses_between(day("2026-11-20"), day("2026-11-22"))
        .expect("doses");
    assert_eq!(d.len(), 4);
    assert_eq!(d[1].amount_g, 2.0);

    // Files without the columns, or cut inside a quote, are refused with a line.
    let e = parse_dose_csv("what,ever\n1,2\n", &Settings::default(), now()).expect_err("header");
    assert!(e.to_string().starts_with("line 1:"), "{e}");
    let e = parse_dose_csv(
        "time,amount\n2026-11-20T08:00:00+01:00,\"2",
        &Settings::default(),
        now(),
    )
    .expect_err("cut");
    assert!(e.to_string().starts_with("line 2:"), "{e}");
    let e = parse_dose_csv("time,amount\n", &Settings::default(), now()).expect_err("no rows");
    assert!(e.to_string().contains("no rows"), "{e}");
}

#[test]
fn exported_dose_csv_imports_back() {
    let (_t, store) = seeded();
    let text = export::csv_doses(&store, None, None).expect("csv");
    assert_eq!(detect_kind(&text), ImportKind::DoseCsv);
    let b = tmp();
    let mut other = Store::open(&b.path).expect("open");
    other
        .save_settings(store.settings().expect("settings"))
        .expect("same settings");
    let p = parse_dose_csv(&text, &store.settings().expect("settings"), now()).expect("parse");
    assert!(p.bad.is_empty(), "{:?}", p.bad);
    other.import_doses(&p.rows, now()).expect("import");
    let all = |s: &Store| -> Vec<(String, f64, Unit, Form, bool, Option<String>)> {
        s.doses_between(day("2026-01-01"), day("2026-12-31"))
            .expect("doses")
            .into_iter()
            .map(|d| (d.taken_at, d.amount_g, d.unit, d.form, d.estimated, d.note))
            .collect()
    };
    assert_eq!(all(&store), all(&other));
}

#[test]
fn fhir_bundle_has_the_resources_and_every_reference_resolves() {
    let (_t, store) = seeded();
    let bundle = export::fhir_bundle(&store, None, None, now()).expect("fhir");
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    assert_eq!(
        bundle,
        export::fhir_bundle(&store, None, None, now()).expect("again"),
        "reproducible"
    );
    let entries = bundle["entry"].as_array().expect("entries");
    let urls: HashSet<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().expect("fullUrl"))
        .collect();
    assert_eq!(urls.len(), entries.len(), "fullUrls are unique");
    assert!(urls.iter().all(|u| u.starts_with("urn:uuid:")));
    let of = |t: &str| -> Vec<&Value> {
        entries
            .iter()
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == t)
            .collect()
    };
    assert_eq!(of("Patient").len(), 1);
    let qrs = of("QuestionnaireResponse");
    assert_eq!(qrs.len(), 3);
    let observations = of("Observation");
    // Two totals (kratom, SOWS) and two craving observations.
    assert_eq!(observations.len(), 4);
    let admins = of("MedicationAdministration");
    assert_eq!(admins.len(), 3 + 1);

    // Every reference anywhere resolves to an entry.
    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    if k == "reference" {
                        out.extend(x.as_str());
                    } else {
                        refs(x, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&bundle, &mut all);
    assert!(all.len() > 10);
    for r in &all {
        assert!(urls.contains(r), "{r} does not resolve");
    }
    let url_of: HashMap<&str, &Value> = entries
        .iter()
        .map(|e| (e["fullUrl"].as_str().unwrap_or(""), &e["resource"]))
        .collect();
    for o in &observations {
        assert_eq!(o["category"][0]["coding"][0]["code"], "survey");
        assert_eq!(o["code"]["coding"][0]["system"], export::CODE_SYSTEM);
        let from = o["derivedFrom"][0]["reference"]
            .as_str()
            .expect("derivedFrom");
        assert_eq!(url_of[from]["resourceType"], "QuestionnaireResponse");
    }
    let sows_total = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "sows-total")
        .expect("sows total");
    assert_eq!(sows_total["valueInteger"], SOWS.items.len());
    let sows_qr = url_of[sows_total["derivedFrom"][0]["reference"]
        .as_str()
        .unwrap_or("")];
    assert_eq!(sows_qr["status"], "completed");
    assert_eq!(
        sows_qr["item"].as_array().map(Vec::len),
        Some(SOWS.items.len() + 3),
        "items + sleep hours, quality and note"
    );
    let kratom: Vec<&&Value> = admins
        .iter()
        .filter(|a| a["medicationCodeableConcept"]["coding"][0]["code"] == "kratom")
        .collect();
    assert_eq!(kratom.len(), 3);
    for a in kratom {
        let dose = &a["dosage"]["dose"];
        assert_eq!(dose["system"], export::UCUM);
        assert_eq!(dose["code"], "g");
        assert_eq!(dose["unit"], "g");
        assert!(dose["value"].as_f64().is_some());
        assert!(a["effectiveDateTime"].as_str().is_some());
    }
    // A range narrows it.
    let one = export::fhir_bundle(
        &store,
        Some(day("2026-11-24")),
        Some(day("2026-11-24")),
        now(),
    )
    .expect("range");
    assert_eq!(one["entry"].as_array().map(Vec::len), Some(1 + 1 + 1 + 1));
}

#[test]
fn dose_csv_combines_a_date_and_a_time_column_and_reads_grams() {
    let text = "date;x\nDate,Time of day,Grams,Estimated\n";
    // A first line without the columns is refused naming line 1.
    let e = parse_dose_csv(text, &Settings::default(), now()).expect_err("no header");
    assert!(e.to_string().starts_with("line 1:"), "{e}");
    let text = "Date,Time,Grams,Estimated\n2026-11-20T08:00:00+01:00,,2 g,yes\n2026-11-21,09:15+01:00,1.5,\n";
    let p = parse_dose_csv(text, &Settings::default(), now()).expect("parse");
    // Lines: a full time in the date column; a date and a time of day (with offset) combined.
    assert_eq!(p.bad, []);
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.rows[0].dose.amount, "2");
    assert!(p.rows[0].dose.estimated);
    assert_eq!(p.rows[1].dose.taken_at, "2026-11-21T09:15:00+01:00");
    assert_eq!(p.mapping[2].field.as_deref(), Some("grams"));
}

// ---- identity: what goes out comes back (issue 14) -----------------------------------------

fn later(minutes: i64) -> chrono::DateTime<chrono::Utc> {
    now() + chrono::Duration::minutes(minutes)
}

fn day_total(store: &Store, d: &str) -> f64 {
    store.day(day(d)).expect("day").total_g
}

fn backup_of(store: &Store, at: chrono::DateTime<chrono::Utc>) -> export::Backup {
    read_backup(&backup_json(store, at).expect("export")).expect("read")
}

#[test]
fn identical_doses_and_a_deleted_then_retyped_dose_all_come_back() {
    let a = tmp();
    let mut s = Store::open(&a.path).expect("open");
    s.add_dose(&dose("1", "2026-11-20T08:00:00+01:00"), now())
        .expect("first 1 g");
    s.add_dose(&dose("1", "2026-11-20T08:00:00+01:00"), now())
        .expect("the same again");
    let wrong = s
        .add_dose(&dose("2", "2026-11-20T20:00:00+01:00"), now())
        .expect("2 g");
    s.delete_dose(wrong.id, later(1)).expect("delete");
    s.add_dose(&dose("2", "2026-11-20T20:00:00+01:00"), later(2))
        .expect("typed again");
    assert_eq!(day_total(&s, "2026-11-20"), 4.0);

    let b = tmp();
    let mut fresh = Store::open(&b.path).expect("open");
    let summary = fresh
        .import_backup(&backup_of(&s, later(3)), None, later(3))
        .expect("import");
    assert_eq!(summary.added_doses, 4, "{summary:?}");
    assert_eq!(day_total(&fresh, "2026-11-20"), 4.0);
    assert_eq!(dump(&a.path), dump(&b.path), "row for row, identities too");

    // The same file again changes nothing; a file without identities (format version 1) is
    // matched against the diary only, each diary row answering for one row of the file.
    let again = fresh
        .import_backup(&backup_of(&s, later(3)), Some(ImportMode::Merge), later(4))
        .expect("again");
    assert_eq!((again.added_doses, again.already_there), (0, 4));
    let mut v1 = backup_of(&s, later(3));
    v1.version = 1;
    for d in &mut v1.doses {
        d.id = None;
    }
    let c = tmp();
    let mut old = Store::open(&c.path).expect("open");
    old.import_backup(&v1, None, later(4)).expect("v1");
    assert_eq!(day_total(&old, "2026-11-20"), 4.0, "version 1 files too");
    let v1_again = old
        .import_backup(&v1, Some(ImportMode::Merge), later(5))
        .expect("v1 again");
    assert_eq!((v1_again.added_doses, v1_again.already_there), (0, 4));
    assert_eq!(day_total(&old, "2026-11-20"), 4.0);
}

#[test]
fn merging_an_older_backup_never_brings_back_an_old_version_and_a_newer_one_wins() {
    let a = tmp();
    let mut s = Store::open(&a.path).expect("open");
    let d = s
        .add_dose(&dose("2.5", "2026-11-20T08:00:00+01:00"), now())
        .expect("2.5 g");
    let older = backup_of(&s, later(1));
    s.update_dose(d.id, &dose("3", "2026-11-20T08:00:00+01:00"), later(2))
        .expect("edit to 3 g");
    let summary = s
        .import_backup(&older, Some(ImportMode::Merge), later(3))
        .expect("merge");
    assert_eq!(day_total(&s, "2026-11-20"), 3.0, "not 5.5 g");
    assert_eq!((summary.added_doses, summary.kept_newer), (0, 1));

    // The other way: the diary has the old version, the file the edit and a deletion.
    let b = tmp();
    let mut other = Store::open(&b.path).expect("open");
    other
        .import_backup(&older, None, later(3))
        .expect("older copy");
    assert_eq!(day_total(&other, "2026-11-20"), 2.5);
    let extra = s
        .add_dose(&dose("1", "2026-11-21T08:00:00+01:00"), later(4))
        .expect("another");
    let newer = backup_of(&s, later(5));
    let summary = other
        .import_backup(&newer, Some(ImportMode::Merge), later(6))
        .expect("merge newer");
    assert_eq!((summary.added_doses, summary.updated), (1, 1));
    assert_eq!(day_total(&other, "2026-11-20"), 3.0);
    s.delete_dose(extra.id, later(7)).expect("delete");
    let summary = other
        .import_backup(&backup_of(&s, later(8)), Some(ImportMode::Merge), later(8))
        .expect("merge the deletion");
    assert_eq!(summary.updated, 1, "a deletion is a change");
    assert_eq!(day_total(&other, "2026-11-21"), 0.0);
    assert_eq!(dump(&a.path), dump(&b.path));
}

#[test]
fn a_row_without_identity_matching_a_deleted_entry_stays_deleted_and_is_named() {
    let a = tmp();
    let mut s = Store::open(&a.path).expect("open");
    s.add_dose(&dose("2", "2026-11-20T08:00:00+01:00"), now())
        .expect("dose");
    let mut v1 = backup_of(&s, later(1));
    v1.version = 1;
    v1.doses[0].id = None;
    let id = s.day(day("2026-11-20")).expect("day").doses[0].id;
    s.delete_dose(id, later(2)).expect("delete");
    let summary = s
        .import_backup(&v1, Some(ImportMode::Merge), later(3))
        .expect("merge");
    assert_eq!(summary.added_doses, 0);
    assert_eq!(
        summary.matched_deleted,
        vec![export::DeletedMatch {
            entry: export::EntryKind::Dose,
            id
        }]
    );
    assert_eq!(day_total(&s, "2026-11-20"), 0.0);
}

#[test]
fn a_file_giving_two_rows_one_identity_is_refused_with_its_place() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2", "2026-11-20T08:00:00+01:00"), now())
        .expect("dose");
    s.add_dose(&dose("3", "2026-11-20T09:00:00+01:00"), now())
        .expect("dose");
    let mut text = backup_json(&s, now()).expect("export");
    let b: Value = serde_json::from_str(&text).expect("json");
    let first = b["doses"][0]["id"].as_str().expect("id").to_owned();
    let second = b["doses"][1]["id"].as_str().expect("id").to_owned();
    text = text.replace(&second, &first);
    let e = read_backup(&text).expect_err("refused");
    assert!(e.to_string().contains("dose 2: id:"), "{e}");
    let e = read_backup(&text.replace(&first, "not-a-uuid")).expect_err("refused");
    assert!(e.to_string().contains("dose 1: id:"), "{e}");
}

#[test]
fn editing_a_note_keeps_the_grams_a_dose_was_saved_with() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut caps = dose("4", "2026-11-20T08:00:00+01:00");
    caps.unit = Unit::Capsule;
    caps.form = Form::Capsules;
    let saved = s.add_dose(&caps, now()).expect("4 capsules");
    assert_eq!(saved.amount_g, 2.0);
    s.save_settings(Settings {
        grams_per_capsule: 0.75,
        ..s.settings().expect("settings")
    })
    .expect("0.75 g a capsule");
    assert_eq!(s.dose(saved.id).expect("dose").amount_g, 2.0);
    caps.note = Some("with food".into());
    let edited = s.update_dose(saved.id, &caps, later(1)).expect("note");
    assert_eq!(
        edited.amount_g, 2.0,
        "the settings change never reaches back"
    );
    caps.amount = "2".into();
    let edited = s.update_dose(saved.id, &caps, later(2)).expect("amount");
    assert_eq!(
        edited.amount_g, 1.5,
        "an edited amount is converted at today's Settings"
    );
}

#[test]
fn an_imported_symptom_named_like_one_in_use_gets_a_free_name() {
    let (_a, mut s) = {
        let t = tmp();
        let s = Store::open(&t.path).expect("open");
        (t, s)
    };
    s.add_symptom("Headache").expect("headache");
    let mut b = backup_of(&s, now());
    b.symptoms[0].key = "custom_headache_2".into();
    b.symptoms[0].label = "headache".into();
    b.symptoms.push(export::BackupSymptom {
        key: "custom_aches_2".into(),
        label: "MUSCLE AND BONE ACHES".into(),
        instrument: "kratom".into(),
        position: 40,
        archived: false,
    });
    let summary = s
        .import_backup(&b, Some(ImportMode::Merge), now())
        .expect("merge");
    assert_eq!(summary.added_symptoms, 2);
    let labels: Vec<String> = s
        .symptoms()
        .expect("checklist")
        .into_iter()
        .map(|x| x.label)
        .collect();
    assert!(labels.contains(&"headache (2)".to_owned()), "{labels:?}");
    assert!(
        labels.contains(&"MUSCLE AND BONE ACHES (2)".to_owned()),
        "named like a built-in item: {labels:?}"
    );
    // Adding a symptom afterwards still works.
    s.add_symptom("Dizzy").expect("still works");
}

#[test]
fn a_change_recorded_after_the_backup_was_made_is_refused() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("2", "2026-11-20T08:00:00+01:00"), now())
        .expect("dose");
    let good = backup_json(&s, now()).expect("export");
    for field in ["created_at", "updated_at"] {
        let text = good.replacen(
            &format!("\"{field}\": \"2027-01-31T12:00:00Z\""),
            &format!("\"{field}\": \"2099-01-01T00:00:00Z\""),
            1,
        );
        assert_ne!(text, good, "{field} replaced");
        let e = read_backup(&text).expect_err("refused");
        assert!(
            e.to_string()
                .contains(&format!("dose 1: {field}: 2099-01-01T00:00:00Z is more than 24 hours after the backup was made")),
            "{e}"
        );
    }
}

#[test]
fn two_versions_changed_in_the_same_second_end_the_same_on_both_sides() {
    let a = tmp();
    let mut left = Store::open(&a.path).expect("open");
    let d = left
        .add_dose(&dose("3", "2026-11-20T08:00:00+01:00"), now())
        .expect("3 g");
    let start = backup_of(&left, now());
    let b = tmp();
    let mut right = Store::open(&b.path).expect("open");
    right.import_backup(&start, None, now()).expect("copy");
    // Each side edits the dose within the same second.
    let same_second = later(1);
    left.update_dose(d.id, &dose("4", "2026-11-20T08:00:00+01:00"), same_second)
        .expect("4 g here");
    right
        .update_dose(d.id, &dose("5", "2026-11-20T08:00:00+01:00"), same_second)
        .expect("5 g there");
    let from_left = backup_of(&left, later(2));
    let from_right = backup_of(&right, later(2));
    let r = right
        .import_backup(&from_left, Some(ImportMode::Merge), later(2))
        .expect("left into right");
    let l = left
        .import_backup(&from_right, Some(ImportMode::Merge), later(2))
        .expect("right into left");
    assert_eq!(dump(&a.path), dump(&b.path), "the same on both sides");
    assert_eq!(
        r.already_there + l.already_there,
        0,
        "never said to be already there"
    );
    assert_eq!(r.updated + l.updated, 1);
    assert_eq!(r.kept_newer + l.kept_newer, 1);
}

#[test]
fn saving_an_edit_that_changes_nothing_keeps_the_entry_s_version() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let d = s
        .add_dose(&dose("2", "2026-11-20T08:00:00+01:00"), now())
        .expect("dose");
    let c = s
        .add_checkin(
            &checkin("2026-11-20T09:00:00+01:00", &[("aches", 2)], Some(3)),
            now(),
        )
        .expect("check-in");
    let m = s
        .add_medicine(
            &MedicineInput {
                taken_at: "2026-11-20T10:00:00+01:00".into(),
                name: "loperamide".into(),
                amount: Some("2".into()),
                unit: Some("mg".into()),
                note: None,
            },
            now(),
        )
        .expect("medicine");
    let before = dump(&t.path);
    s.update_dose(d.id, &dose("2", "2026-11-20T08:00:00+01:00"), later(5))
        .expect("same dose");
    s.update_checkin(
        c.id,
        &checkin("2026-11-20T09:00:00+01:00", &[("aches", 2)], Some(3)),
        later(5),
    )
    .expect("same check-in");
    s.update_medicine(
        m.id,
        &MedicineInput {
            taken_at: "2026-11-20T10:00:00+01:00".into(),
            name: "loperamide".into(),
            amount: Some("2".into()),
            unit: Some("mg".into()),
            note: None,
        },
        later(5),
    )
    .expect("same medicine");
    assert_eq!(
        dump(&t.path),
        before,
        "nothing changed, not even updated_at"
    );
    // A real change moves it.
    s.update_checkin(
        c.id,
        &checkin("2026-11-20T09:00:00+01:00", &[("aches", 3)], Some(3)),
        later(6),
    )
    .expect("a new score");
    assert_ne!(dump(&t.path), before);
}
