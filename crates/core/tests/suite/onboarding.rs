//! When the first-start onboarding shows (`AppInfo::onboarding`), on real diary files.

use crate::common;

use common::{dose, now, tmp};
use taper_core::settings::Settings;
use taper_core::Store;

fn due(s: &Store) -> bool {
    s.info("test", now().naive_utc()).expect("info").onboarding
}

#[test]
fn a_new_diary_shows_it_until_it_is_done() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    assert!(due(&s), "a new, empty diary");
    // A step saved its own settings: still due until finished or skipped.
    let step = Settings {
        grams_per_capsule: 0.6,
        ..s.settings().expect("settings")
    };
    s.save_settings(step).expect("step");
    assert!(due(&s));
    let done = Settings {
        onboarding_done: true,
        ..s.settings().expect("settings")
    };
    s.save_settings(done).expect("done");
    assert!(!due(&s));
    drop(s);
    let s = Store::open(&t.path).expect("reopen");
    assert!(!due(&s), "never shown again");
    assert_eq!(s.settings().expect("settings").grams_per_capsule, 0.6);
}

#[test]
fn a_diary_with_entries_never_shows_it() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let d = s
        .add_dose(&dose("2", "2026-11-25T09:30:00+01:00"), now())
        .expect("dose");
    assert!(!due(&s));
    // Even once the only entry is deleted, the diary has been used.
    s.delete_dose(d.id, now()).expect("delete");
    assert!(!due(&s));
}

#[test]
fn settings_stored_before_the_onboarding_count_as_done() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    drop(s);
    // Settings as an older Taper stored them: no `onboarding_done`.
    let conn = rusqlite::Connection::open(&t.path).expect("sqlite");
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('app', '{\"day_start_hour\":6,\"grams_per_capsule\":0.5,\"grams_per_tsp\":2.5}')",
        [],
    )
    .expect("old settings");
    drop(conn);
    let s = Store::open(&t.path).expect("reopen");
    assert!(s.settings().expect("settings").onboarding_done);
    assert!(!due(&s), "a diary from before the onboarding");
}
