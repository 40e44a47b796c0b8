//! Property tests on every input the app and the CLI send to the store: any input is either
//! saved (and reads back as saved) or refused with a typed error that names a field, never a
//! panic, and a refusal writes nothing.

use crate::common;

use proptest::prelude::*;
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::medicine::MedicineInput;
use taper_core::plan::{PlanParams, Rounding, Shape};
use taper_core::reminder::Reminders;
use taper_core::settings::{CheckinChoice, QuickAmount, Settings, Theme};
use taper_core::{Error, Store};

/// Text as people and scripts type it: numbers with commas, dates in other formats, empty,
/// huge, unicode, control characters.
fn messy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,4}([.,][0-9]{0,3})?",
        "-?[0-9]{1,3}(\\.[0-9])?",
        "\\PC{0,40}",
        Just(String::new()),
        Just("NaN".to_owned()),
        Just("inf".to_owned()),
        Just("1e308".to_owned()),
        Just("x".repeat(20_000)),
    ]
}

fn messy_time() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2026-11-25T08:00:00+01:00".to_owned()),
        Just("2026-11-25T08:00:00Z".to_owned()),
        "20[0-9]{2}-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][01][0-9]:[0-5][0-9]",
        "\\PC{0,30}",
        Just("2026-02-30T08:00:00Z".to_owned()),
        Just("9999-12-31T23:59:59Z".to_owned()),
    ]
}

fn form() -> impl Strategy<Value = Form> {
    prop::sample::select(Form::ALL.to_vec())
}

fn unit() -> impl Strategy<Value = Unit> {
    prop::sample::select(vec![Unit::G, Unit::Capsule, Unit::Tsp])
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(messy_text())
}

/// A refusal must be a typed input error naming what is wrong.
fn refused_cleanly(e: &Error) -> bool {
    matches!(
        e,
        Error::Invalid { .. } | Error::NeedsConfirmation { .. } | Error::NotFound { .. }
    ) && !e.to_string().is_empty()
}

fn rows(s: &Store) -> (usize, usize, usize) {
    let (a, b) = (common::day("1900-01-01"), common::day("2999-12-31"));
    (
        s.doses_between(a, b).expect("doses").len(),
        s.checkins_between(a, b).expect("check-ins").len(),
        s.medicines_between(a, b).expect("medicines").len(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_dose_is_saved_or_refused(
        amount in messy_text(), unit in unit(), taken_at in messy_time(), form in form(),
        product in opt_text(), estimated in any::<bool>(), note in opt_text(), confirm_large in any::<bool>(),
    ) {
        let t = common::tmp();
        let mut s = Store::open(&t.path).expect("open");
        let input = DoseInput { amount, unit, taken_at, form, product, estimated, note, confirm_large };
        match s.add_dose(&input, common::now()) {
            Ok(d) => {
                prop_assert!(d.amount_g > 0.0 && d.amount_g <= 100.0);
                prop_assert_eq!(s.dose(d.id).expect("reads back"), d);
                prop_assert_eq!(rows(&s), (1, 0, 0));
            }
            Err(e) => {
                prop_assert!(refused_cleanly(&e), "{e:?}");
                prop_assert_eq!(rows(&s), (0, 0, 0));
            }
        }
    }

    #[test]
    fn any_checkin_is_saved_or_refused(
        taken_at in messy_time(),
        items in prop::collection::vec(
            (prop_oneof![Just("aches".to_owned()), Just("sows_anxious".to_owned()), "\\PC{0,12}"], -3i32..9),
            0..6),
        craving in prop::option::of(-5i32..20),
        sleep_hours in prop::option::of(prop_oneof![-5.0f64..30.0, Just(f64::NAN), Just(f64::INFINITY)]),
        sleep_quality in prop::option::of(-2i32..7),
        mood in prop::option::of(-2i32..7),
        note in opt_text(),
    ) {
        let t = common::tmp();
        let mut s = Store::open(&t.path).expect("open");
        let input = CheckInInput {
            taken_at,
            items: items.into_iter().map(|(key, score)| ItemScore { key, score }).collect(),
            craving, sleep_hours, sleep_quality, mood, note,
        };
        match s.add_checkin(&input, common::now()) {
            Ok(c) => {
                prop_assert_eq!(s.checkin(c.id).expect("reads back"), c);
                prop_assert_eq!(rows(&s), (0, 1, 0));
            }
            Err(e) => {
                prop_assert!(refused_cleanly(&e), "{e:?}");
                prop_assert_eq!(rows(&s), (0, 0, 0));
            }
        }
    }

    #[test]
    fn any_medicine_is_saved_or_refused(
        taken_at in messy_time(), name in messy_text(), amount in opt_text(), unit in opt_text(), note in opt_text(),
    ) {
        let t = common::tmp();
        let mut s = Store::open(&t.path).expect("open");
        let input = MedicineInput { taken_at, name, amount, unit, note };
        match s.add_medicine(&input, common::now()) {
            Ok(m) => {
                prop_assert_eq!(s.medicine(m.id).expect("reads back"), m);
                prop_assert_eq!(rows(&s), (0, 0, 1));
            }
            Err(e) => {
                prop_assert!(refused_cleanly(&e), "{e:?}");
                prop_assert_eq!(rows(&s), (0, 0, 0));
            }
        }
    }

    #[test]
    fn any_settings_are_saved_or_refused(
        day_start_hour in any::<u8>(),
        grams_per_capsule in prop_oneof![-1.0f64..12.0, Just(f64::NAN)],
        grams_per_tsp in prop_oneof![-1.0f64..20.0, Just(f64::INFINITY)],
        quick in prop::option::of(prop::collection::vec((-5.0f64..150.0, form()), 0..5)),
        theme in prop::sample::select(vec![Theme::System, Theme::Light, Theme::Dark]),
        choice in prop::sample::select(vec![CheckinChoice::Kratom, CheckinChoice::Sows, CheckinChoice::Both]),
        lock_after_minutes in prop::option::of(any::<u16>()),
        checkin_at in prop::option::of("[0-3]?[0-9]:[0-7][0-9]"),
        dose_times in prop::collection::vec("[0-2][0-9]:[0-6][0-9]|x", 0..10),
        text_size in prop::sample::select(vec![0u16, 90, 100, 125, 150, 175, 200, 250]),
    ) {
        let t = common::tmp();
        let mut s = Store::open(&t.path).expect("open");
        let before = s.settings().expect("settings");
        let settings = Settings {
            day_start_hour, grams_per_capsule, grams_per_tsp,
            quick_amounts: quick.map(|q| q.into_iter().map(|(amount_g, form)| QuickAmount { amount_g, form }).collect()),
            theme, checkin_instrument: choice, lock_after_minutes,
            reminders: Reminders { checkin_at, dose_times, ..Reminders::default() },
            onboarding_done: false,
            text_size,
        };
        match s.save_settings(settings) {
            Ok(saved) => prop_assert_eq!(s.settings().expect("reads back"), saved),
            Err(e) => {
                prop_assert!(refused_cleanly(&e), "{e:?}");
                prop_assert_eq!(s.settings().expect("unchanged"), before);
            }
        }
    }

    #[test]
    fn any_plan_is_saved_or_refused(
        start_offset in -30i64..90,
        start_g in prop_oneof![-5.0f64..120.0, Just(f64::NAN)],
        shape in prop_oneof![
            any::<bool>().prop_map(|front_loaded| Shape::DetoxWeek { front_loaded }),
            (-10.0f64..120.0, 0u32..80).prop_map(|(percent, every_days)| Shape::Percentage { percent, every_days }),
            (-2.0f64..20.0, 0u32..80).prop_map(|(step_g, every_days)| Shape::Fixed { step_g, every_days }),
        ],
        hold_days in 0u32..100,
        floor_g in -1.0f64..10.0,
        capsules in prop::option::of(-1.0f64..3.0),
        repeat in 0u32..70,
    ) {
        let t = common::tmp();
        let mut s = Store::open(&t.path).expect("open");
        let today = common::day("2026-11-25");
        let params = PlanParams {
            start: today + chrono::Duration::days(start_offset),
            start_g, shape, hold_days, floor_g,
            rounding: capsules.map_or(Rounding::Tenth, |g| Rounding::Capsules { grams_per_capsule: g }),
        };
        match s.create_plan(&params, today, common::now()) {
            Ok(p) => {
                prop_assert_eq!(s.plans().expect("plans").len(), 1);
                let days = p.days();
                prop_assert!(days.iter().all(|d| d.target_g >= 0.0 && d.target_g.is_finite()));
                match s.step_back(today, repeat, common::now()) {
                    Ok(p2) => prop_assert_eq!(p2.versions.len(), 2),
                    Err(e) => {
                        prop_assert!(refused_cleanly(&e), "{e:?}");
                        prop_assert_eq!(s.plan(p.id).expect("plan").versions.len(), 1);
                    }
                }
            }
            Err(e) => {
                prop_assert!(refused_cleanly(&e), "{e:?}");
                prop_assert!(s.plans().expect("plans").is_empty());
            }
        }
    }
}
