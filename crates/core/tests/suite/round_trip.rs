//! What goes out comes back, for random diaries (every entry kind, deleted and brought-back
//! rows, identical rows, edits) in real SQLite files: a backup imported into an empty diary is
//! the same diary row for row (identities and times too); importing it again changes nothing;
//! two diaries that started from one backup and were changed apart end the same after merging
//! each into the other; the dose CSV re-imported into the diary it came from adds nothing.

use crate::common;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use common::{now, tmp, Tmp};
use proptest::prelude::*;
use rusqlite::Connection;
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::export::{self, backup_json, read_backup, ImportMode};
use taper_core::medicine::MedicineInput;
use taper_core::Store;

#[derive(Debug, Clone)]
enum Op {
    Dose {
        at: u8,
        amount: u8,
        note: u8,
        caps: bool,
    },
    CheckIn {
        at: u8,
        craving: u8,
        item: bool,
    },
    Medicine {
        at: u8,
        name: u8,
    },
    EditDose {
        pick: u8,
        amount: u8,
        note: u8,
    },
    EditCheckIn {
        pick: u8,
        craving: u8,
    },
    EditMedicine {
        pick: u8,
        note: u8,
    },
    Delete {
        kind: u8,
        pick: u8,
    },
    BringBack {
        kind: u8,
        pick: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..6u8, 0..4u8, 0..3u8, any::<bool>())
            .prop_map(|(at, amount, note, caps)| Op::Dose { at, amount, note, caps }),
        2 => (0..6u8, 0..11u8, any::<bool>()).prop_map(|(at, craving, item)| Op::CheckIn { at, craving, item }),
        1 => (0..6u8, 0..2u8).prop_map(|(at, name)| Op::Medicine { at, name }),
        2 => (any::<u8>(), 0..4u8, 0..3u8).prop_map(|(pick, amount, note)| Op::EditDose { pick, amount, note }),
        1 => (any::<u8>(), 0..11u8).prop_map(|(pick, craving)| Op::EditCheckIn { pick, craving }),
        1 => (any::<u8>(), 0..3u8).prop_map(|(pick, note)| Op::EditMedicine { pick, note }),
        2 => (0..3u8, any::<u8>()).prop_map(|(kind, pick)| Op::Delete { kind, pick }),
        1 => (0..3u8, any::<u8>()).prop_map(|(kind, pick)| Op::BringBack { kind, pick }),
    ]
}

/// Few distinct times, so identical rows are common.
fn at(i: u8) -> String {
    format!("2026-11-2{}T0{}:00:00+01:00", i % 3, 6 + i / 3)
}

fn note(i: u8) -> Option<String> {
    [None, Some("ok"), Some("rough, \"very\"\nrough ✓ 漢字")][usize::from(i % 3)].map(str::to_owned)
}

fn dose_input(at_i: u8, amount: u8, note_i: u8, caps: bool) -> DoseInput {
    DoseInput {
        amount: ["1", "2", "2.5", "4"][usize::from(amount % 4)].into(),
        unit: if caps { Unit::Capsule } else { Unit::G },
        taken_at: at(at_i),
        form: if caps { Form::Capsules } else { Form::Powder },
        product: caps.then(|| "Red Bali".to_owned()),
        estimated: false,
        note: note(note_i),
        confirm_large: true,
    }
}

fn checkin_input(at_i: u8, craving: u8, item: bool) -> CheckInInput {
    CheckInInput {
        taken_at: at(at_i),
        items: if item {
            vec![ItemScore {
                key: "aches".into(),
                score: i32::from(craving % 5),
            }]
        } else {
            Vec::new()
        },
        craving: Some(i32::from(craving % 11)),
        sleep_hours: None,
        sleep_quality: None,
        mood: None,
        note: None,
    }
}

fn medicine_input(at_i: u8, name: u8, note_i: u8) -> MedicineInput {
    MedicineInput {
        taken_at: at(at_i),
        name: ["loperamide", "ibuprofen"][usize::from(name % 2)].into(),
        amount: Some("2".into()),
        unit: Some("mg".into()),
        note: note(note_i),
    }
}

/// The ids of one kind of entry a diary holds, live or deleted.
fn ids(path: &std::path::Path, table: &str, deleted: bool) -> Vec<i64> {
    let conn = Connection::open(path).expect("open");
    let sql =
        format!("SELECT id FROM {table} WHERE (deleted_at IS NOT NULL) = :deleted ORDER BY id");
    let mut stmt = conn.prepare(&sql).expect("prepare");
    stmt.query_map(rusqlite::named_params! {":deleted": deleted}, |r| {
        r.get("id")
    })
    .expect("query")
    .collect::<rusqlite::Result<_>>()
    .expect("ids")
}

fn pick(list: &[i64], i: u8) -> Option<i64> {
    (!list.is_empty()).then(|| list[usize::from(i) % list.len()])
}

const TABLES: [&str; 3] = ["dose", "checkin", "medicine"];

/// Applies `ops` to the diary at `path`, the n-th at `start + n × step` minutes after now.
fn apply(store: &mut Store, path: &std::path::Path, ops: &[Op], start: i64, step: i64) {
    for (n, op) in ops.iter().enumerate() {
        let t: DateTime<Utc> = now() + Duration::minutes(start + step * n as i64);
        match *op {
            Op::Dose {
                at,
                amount,
                note,
                caps,
            } => {
                store
                    .add_dose(&dose_input(at, amount, note, caps), t)
                    .expect("dose");
            }
            Op::CheckIn { at, craving, item } => {
                store
                    .add_checkin(&checkin_input(at, craving, item), t)
                    .expect("check-in");
            }
            Op::Medicine { at, name } => {
                store
                    .add_medicine(&medicine_input(at, name, 0), t)
                    .expect("medicine");
            }
            Op::EditDose {
                pick: p,
                amount,
                note,
            } => {
                if let Some(id) = pick(&ids(path, "dose", false), p) {
                    let d = store.dose(id).expect("dose");
                    let mut input = dose_input(0, amount, note, d.unit == Unit::Capsule);
                    input.taken_at = d.taken_at;
                    store.update_dose(id, &input, t).expect("edit");
                }
            }
            Op::EditCheckIn { pick: p, craving } => {
                if let Some(id) = pick(&ids(path, "checkin", false), p) {
                    let c = store.checkin(id).expect("check-in");
                    let mut input = checkin_input(0, craving, !c.items.is_empty());
                    input.taken_at = c.taken_at;
                    store.update_checkin(id, &input, t).expect("edit");
                }
            }
            Op::EditMedicine { pick: p, note } => {
                if let Some(id) = pick(&ids(path, "medicine", false), p) {
                    let m = store.medicine(id).expect("medicine");
                    let mut input = medicine_input(0, 0, note);
                    input.taken_at = m.taken_at;
                    input.name = m.name;
                    store.update_medicine(id, &input, t).expect("edit");
                }
            }
            Op::Delete { kind, pick: p } => {
                let table = TABLES[usize::from(kind % 3)];
                if let Some(id) = pick(&ids(path, table, false), p) {
                    match table {
                        "dose" => store.delete_dose(id, t),
                        "checkin" => store.delete_checkin(id, t),
                        _ => store.delete_medicine(id, t),
                    }
                    .expect("delete");
                }
            }
            Op::BringBack { kind, pick: p } => {
                let table = TABLES[usize::from(kind % 3)];
                if let Some(id) = pick(&ids(path, table, true), p) {
                    match table {
                        "dose" => store.restore_dose(id, t).map(drop),
                        "checkin" => store.restore_checkin(id, t).map(drop),
                        _ => store.restore_medicine(id, t).map(drop),
                    }
                    .expect("bring back");
                }
            }
        }
    }
}

type Rows = Vec<Vec<String>>;

/// Every entry row of the diary, every column but the row id (check-in items name their
/// check-in by its identity), sorted.
fn dump(path: &std::path::Path) -> HashMap<&'static str, Rows> {
    let conn = Connection::open(path).expect("open");
    let q = |sql: &str| -> Rows {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let n = stmt.column_count();
        let mut rows: Rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                    .collect()
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        rows.sort();
        rows
    };
    HashMap::from([
        ("dose", q("SELECT uid, taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered, unit, form, product, estimated, note, created_at, updated_at, deleted_at FROM dose")),
        ("checkin", q("SELECT uid, taken_at_utc, local_time, utc_offset_min, instrument, craving, sleep_hours, sleep_quality, mood, note, created_at, updated_at, deleted_at FROM checkin")),
        ("checkin_item", q("SELECT c.uid, i.symptom_key, i.score FROM checkin_item i JOIN checkin c ON c.id = i.checkin_id")),
        ("medicine", q("SELECT uid, taken_at_utc, local_time, utc_offset_min, name, amount, unit, note, created_at, updated_at, deleted_at FROM medicine")),
    ])
}

fn backup_of(store: &Store, minutes: i64) -> export::Backup {
    let t = now() + Duration::minutes(minutes);
    read_backup(&backup_json(store, t).expect("export")).expect("read back")
}

fn diary() -> (Tmp, Store) {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    (t, s)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn a_backup_imported_into_an_empty_diary_is_the_same_diary_and_twice_changes_nothing(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        let (a, mut s) = diary();
        apply(&mut s, &a.path, &ops, 0, 1);
        let backup = backup_of(&s, 100);
        let (b, mut copy) = diary();
        let first = copy.import_backup(&backup, None, now()).expect("import");
        prop_assert_eq!(dump(&a.path), dump(&b.path));
        prop_assert_eq!(
            first.added_doses as usize + first.added_checkins as usize + first.added_medicines as usize,
            backup.doses.len() + backup.checkins.len() + backup.medicines.len()
        );
        let second = copy
            .import_backup(&backup, Some(ImportMode::Merge), now())
            .expect("again");
        prop_assert_eq!(
            (second.added_doses, second.added_checkins, second.added_medicines, second.updated),
            (0, 0, 0, 0)
        );
        prop_assert_eq!(dump(&a.path), dump(&b.path));
        // And the copy exports the same document.
        prop_assert_eq!(
            backup_json(&copy, now()).expect("copy's backup"),
            backup_json(&s, now()).expect("backup")
        );
    }

    #[test]
    fn two_diaries_changed_apart_are_the_same_after_merging_each_into_the_other(
        base in prop::collection::vec(op(), 0..20),
        here in prop::collection::vec(op(), 0..20),
        there in prop::collection::vec(op(), 0..20),
    ) {
        let (s_dir, mut s) = diary();
        apply(&mut s, &s_dir.path, &base, 0, 1);
        let start = backup_of(&s, 100);
        let (a, mut left) = diary();
        let (b, mut right) = diary();
        left.import_backup(&start, None, now()).expect("left");
        right.import_backup(&start, None, now()).expect("right");
        // Changes on each side at the same minutes: an entry changed on both sides at once is
        // a tie that the versions' content settles the same way on both sides.
        apply(&mut left, &a.path, &here, 200, 1);
        apply(&mut right, &b.path, &there, 200, 1);
        right
            .import_backup(&backup_of(&left, 300), Some(ImportMode::Merge), now())
            .expect("left into right");
        left.import_backup(&backup_of(&right, 301), Some(ImportMode::Merge), now())
            .expect("right into left");
        prop_assert_eq!(dump(&a.path), dump(&b.path));
    }

    #[test]
    fn the_dose_csv_reimported_into_its_own_diary_adds_nothing(
        ops in prop::collection::vec(op(), 1..30)
    ) {
        let (a, mut s) = diary();
        apply(&mut s, &a.path, &ops, 0, 1);
        if ids(&a.path, "dose", false).is_empty() {
            // Nothing to export: the file would be only its header, which import refuses.
            return Ok(());
        }
        let before = dump(&a.path);
        let text = export::csv::csv_doses(&s, None, None).expect("csv");
        let settings = s.settings().expect("settings");
        let preview = export::parse_dose_csv(&text, &settings, now()).expect("reads back");
        prop_assert!(preview.bad.is_empty(), "{:?}", preview.bad);
        let summary = s.import_doses(&preview.rows, now()).expect("import");
        prop_assert_eq!(summary.added_doses, 0);
        prop_assert_eq!(dump(&a.path), before);
    }
}
