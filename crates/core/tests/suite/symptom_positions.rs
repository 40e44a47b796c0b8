//! Symptom display positions that cannot overflow (issue 13): whatever number a diary holds (an
//! import by an older Taper, a hand edit), adding a symptom, listing the catalogue and checking in
//! keep working, on real SQLite files.

use crate::common;

use std::path::Path;

use common::{checkin_items, now, tmp};
use rusqlite::Connection;
use taper_core::export::{self, read_backup};
use taper_core::Store;

fn text(b: &taper_core::export::Backup) -> String {
    serde_json::to_string_pretty(b).expect("json")
}

/// Sets every custom symptom's position straight in the file, as an old import or a hand edit
/// could have left it.
fn set_custom_positions(path: &Path, position: i64) {
    let conn = Connection::open(path).expect("open");
    conn.execute(
        "UPDATE symptom SET position = :position WHERE builtin = 0",
        rusqlite::named_params! {":position": position},
    )
    .expect("update");
}

#[test]
fn no_stored_symptom_position_can_break_the_catalogue_or_check_ins() {
    for stored in [i64::from(i32::MAX), i64::MAX, 10_000, -5] {
        let t = tmp();
        {
            let mut s = Store::open(&t.path).expect("open");
            s.add_symptom("Old one").expect("symptom");
        }
        set_custom_positions(&t.path, stored);
        let mut s = Store::open(&t.path).expect("open");
        let added = s.add_symptom("Headache").expect("adding after it works");
        let list = s.symptoms().expect("the checklist reads");
        let last = list.last().expect("some");
        assert_eq!(last.key, added.key, "{stored}: the new one is last");
        assert!(
            list.iter().all(|x| (0..=10_000).contains(&x.position)),
            "{stored}: {list:?}"
        );
        if stored >= 0 {
            assert_eq!(
                list[list.len() - 2].label,
                "Old one",
                "{stored}: order kept"
            );
        }
        s.add_checkin(
            &checkin_items("2026-11-25T08:00:00+00:00", &[(added.key.as_str(), 2)]),
            now(),
        )
        .expect("a check-in saves");
        s.all_symptoms().expect("catalogue");
        // And the diary's backup imports into a fresh diary.
        let b = export::backup(&s, now()).expect("backup");
        let fresh = tmp();
        let mut other = Store::open(&fresh.path).expect("open");
        other
            .import_backup(&read_backup(&text(&b)).expect("read"), None, now())
            .expect("import");
        other.add_symptom("Another").expect("add after import");
    }
}
