//! Plans on disk (versions, the plan in force per day, step back) and the day-by-day series the
//! charts read, against a real SQLite file.

use crate::common;

use common::dose;

use common::{day, now, tmp};
use taper_core::checkin::CheckInInput;
use taper_core::instrument::SOWS;
use taper_core::plan::{PlanParams, Shape};
use taper_core::store::PlanChange;
use taper_core::{Error, Store};

fn detox(start: &str, start_g: f64) -> PlanParams {
    common::detox_week(day(start), start_g)
}

fn checkin(
    at: &str,
    items: &[(&str, i32)],
    craving: Option<i32>,
    sleep: Option<f64>,
) -> CheckInInput {
    CheckInInput {
        craving,
        sleep_hours: sleep,
        ..common::checkin_items(at, items)
    }
}

#[test]
fn a_detox_week_is_kept_and_today_shows_its_target() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    assert!(s.current_plan(day("2026-11-20")).expect("none").is_none());
    let plan = s
        .create_plan(&detox("2026-11-20", 6.0), day("2026-11-20"), now())
        .expect("plan");
    assert_eq!(plan.versions.len(), 1);
    assert_eq!(plan.versions[0].change, PlanChange::Created);
    let targets: Vec<f64> = plan.days().iter().map(|d| d.target_g).collect();
    assert_eq!(targets, [6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    assert_eq!(plan.span(), (day("2026-11-20"), day("2026-11-26")));

    s.add_dose(&dose("1.5", "2026-11-22T08:00:00+01:00"), now())
        .expect("dose");
    s.add_dose(&dose("1", "2026-11-22T20:00:00+01:00"), now())
        .expect("dose");
    drop(s);

    // Reopened: the plan is still there and Day 3 reads "Day 3 of 7 · target 4 g".
    let s = Store::open(&t.path).expect("reopen");
    let view = s.day(day("2026-11-22")).expect("day");
    let p = view.plan.expect("plan in force");
    assert_eq!((p.day_number, p.total_days), (3, 7));
    assert_eq!(p.target_g, 4.0);
    assert_eq!(p.progress.taken_g, 2.5);
    assert_eq!(p.text, "1.5 g left today");
    assert!(!p.finished);

    // Before the plan: nothing; after its end: 0 g and finished.
    assert!(s.day(day("2026-11-19")).expect("day").plan.is_none());
    let after = s
        .day(day("2026-11-30"))
        .expect("day")
        .plan
        .expect("finished plan");
    assert!(after.finished);
    assert_eq!(after.target_g, 0.0);
    assert_eq!(
        s.current_plan(day("2026-11-22")).expect("q").map(|p| p.id),
        Some(plan.id)
    );
}

#[test]
fn over_the_target_is_said_kindly() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.create_plan(&detox("2026-11-20", 6.0), day("2026-11-20"), now())
        .expect("plan");
    s.add_dose(&dose("6.5", "2026-11-20T09:00:00+01:00"), now())
        .expect("dose");
    let p = s.day(day("2026-11-20")).expect("day").plan.expect("plan");
    assert_eq!(p.text, "Over by 0.5 g");
}

#[test]
fn a_step_back_shifts_the_rest_and_keeps_every_past_day() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.create_plan(&detox("2026-11-20", 6.0), day("2026-11-20"), now())
        .expect("plan");
    // Day 4 (3 g) is too hard: repeat the previous amount (4 g) for 2 days.
    let plan = s.step_back(day("2026-11-23"), 2, now()).expect("step back");
    assert_eq!(plan.versions.len(), 2);
    assert_eq!(plan.step_backs(), 1);
    let v2 = &plan.versions[1];
    assert_eq!(v2.change, PlanChange::StepBack);
    assert_eq!(v2.effective_from, day("2026-11-23"));
    assert_eq!(v2.repeat_days, Some(2));
    let targets: Vec<f64> = plan.days().iter().map(|d| d.target_g).collect();
    assert_eq!(targets, [6.0, 5.0, 4.0, 4.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    // The original is kept as it was.
    let v1: Vec<f64> = plan.versions[0].days.iter().map(|d| d.target_g).collect();
    assert_eq!(v1, [6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);

    let planned = s
        .planned_between(day("2026-11-19"), day("2026-11-30"))
        .expect("planned");
    let got: Vec<(String, f64)> = planned
        .iter()
        .map(|(d, g)| (d.format("%d").to_string(), *g))
        .collect();
    let want: Vec<(String, f64)> = [
        ("20", 6.0),
        ("21", 5.0),
        ("22", 4.0),
        ("23", 4.0),
        ("24", 4.0),
        ("25", 3.0),
        ("26", 2.0),
        ("27", 1.0),
        ("28", 0.0),
        ("29", 0.0),
        ("30", 0.0),
    ]
    .iter()
    .map(|(d, g)| ((*d).to_owned(), *g))
    .collect();
    assert_eq!(got, want);
    let p = s.day(day("2026-11-23")).expect("day").plan.expect("plan");
    assert_eq!((p.day_number, p.total_days, p.target_g), (4, 9, 4.0));

    // Nothing to step back from after the end or before the start; nothing written.
    for on in ["2026-12-10", "2026-11-01"] {
        let e = s.step_back(day(on), 1, now()).expect_err("refused");
        assert!(matches!(e, Error::Invalid { .. }), "{e}");
    }
    let e = s
        .step_back(day("2026-11-24"), 0, now())
        .expect_err("0 days");
    assert_eq!(e.field(), Some("repeat_days"));
    assert_eq!(s.plan(plan.id).expect("plan").versions.len(), 2);
}

#[test]
fn a_new_plan_takes_over_from_its_first_day_only() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.create_plan(&detox("2026-11-20", 6.0), day("2026-11-20"), now())
        .expect("first");
    let mut slower = detox("2026-11-23", 4.0);
    slower.shape = Shape::Fixed {
        step_g: 1.0,
        every_days: 3,
    };
    let second = s
        .create_plan(&slower, day("2026-11-23"), now())
        .expect("second");
    let planned = s
        .planned_between(day("2026-11-20"), day("2026-11-26"))
        .expect("planned");
    let got: Vec<f64> = planned.values().copied().collect();
    assert_eq!(got, [6.0, 5.0, 4.0, 4.0, 4.0, 4.0, 3.0]);
    assert_eq!(
        s.current_plan(day("2026-11-24")).expect("q").map(|p| p.id),
        Some(second.id)
    );
    assert_eq!(s.plans().expect("plans").len(), 2);
}

#[test]
fn bad_plans_are_refused_and_nothing_is_written() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let today = day("2026-11-25");
    let mut bad = detox("2026-11-25", -1.0);
    assert_eq!(
        s.create_plan(&bad, today, now())
            .expect_err("negative")
            .field(),
        Some("start_g")
    );
    bad = detox("2026-11-01", 5.0);
    assert_eq!(
        s.create_plan(&bad, today, now())
            .expect_err("too far back")
            .field(),
        Some("start")
    );
    bad = detox("2027-03-01", 5.0);
    assert_eq!(
        s.create_plan(&bad, today, now())
            .expect_err("too far ahead")
            .field(),
        Some("start")
    );
    bad = detox("2026-11-25", 5.0);
    bad.shape = Shape::Percentage {
        percent: 150.0,
        every_days: 3,
    };
    assert!(s.create_plan(&bad, today, now()).is_err());
    assert!(s.plans().expect("plans").is_empty());
    let e = s.step_back(today, 2, now()).expect_err("no plan");
    assert_eq!(e.field(), Some("plan"));
}

#[test]
fn a_plan_starting_later_is_the_current_one_until_then() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let plan = s
        .create_plan(&detox("2026-11-28", 5.0), day("2026-11-25"), now())
        .expect("plan");
    assert_eq!(
        s.current_plan(day("2026-11-25")).expect("q").map(|p| p.id),
        Some(plan.id)
    );
    assert!(s.day(day("2026-11-25")).expect("day").plan.is_none());
}

#[test]
fn daily_series_follow_diary_days() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    // Days start at 04:00: a dose at 02:30 belongs to the day before.
    for (g, at) in [
        ("2", "2026-11-20T09:00:00+01:00"),
        ("1.5", "2026-11-21T02:30:00+01:00"),
        ("3", "2026-11-22T10:00:00+01:00"),
    ] {
        s.add_dose(&dose(g, at), now()).expect("dose");
    }
    let grams = s
        .daily_grams(day("2026-11-19"), day("2026-11-25"))
        .expect("grams");
    let got: Vec<(String, f64)> = grams.iter().map(|(d, g)| (d.to_string(), *g)).collect();
    assert_eq!(
        got,
        [
            ("2026-11-20".to_owned(), 3.5),
            ("2026-11-22".to_owned(), 3.0)
        ]
    );

    // SOWS: the highest complete form counts; a partly answered one does not.
    let all =
        |score: i32| -> Vec<(&str, i32)> { SOWS.items.iter().map(|i| (i.key, score)).collect() };
    s.add_checkin(
        &checkin("2026-11-20T08:00:00+01:00", &all(1), Some(8), Some(4.0)),
        now(),
    )
    .expect("c1");
    s.add_checkin(
        &checkin("2026-11-20T20:00:00+01:00", &all(2), Some(5), Some(6.5)),
        now(),
    )
    .expect("c2");
    let partial: Vec<(&str, i32)> = all(4).into_iter().take(5).collect();
    s.add_checkin(
        &checkin("2026-11-21T20:00:00+01:00", &partial, None, None),
        now(),
    )
    .expect("c3");
    s.add_checkin(
        &checkin(
            "2026-11-22T20:00:00+01:00",
            &[("aches", 3), ("insomnia", 2)],
            Some(2),
            None,
        ),
        now(),
    )
    .expect("c4");
    let sows = s
        .daily_scores(day("2026-11-19"), day("2026-11-25"), "sows")
        .expect("sows");
    assert_eq!(
        sows.into_iter().collect::<Vec<_>>(),
        [(day("2026-11-20"), 32)]
    );
    let kratom = s
        .daily_scores(day("2026-11-19"), day("2026-11-25"), "kratom")
        .expect("kratom");
    assert_eq!(
        kratom.into_iter().collect::<Vec<_>>(),
        [(day("2026-11-22"), 5)]
    );
    let items = s
        .daily_item_scores(day("2026-11-22"), day("2026-11-22"), "kratom")
        .expect("items");
    assert_eq!(items.len(), 2);
    assert!(items.contains(&(day("2026-11-22"), "aches".to_owned(), 3)));
    let cs = s
        .daily_craving_sleep(day("2026-11-19"), day("2026-11-25"))
        .expect("craving");
    let d20 = cs[&day("2026-11-20")];
    assert_eq!((d20.craving, d20.sleep_hours), (Some(8), Some(6.5)));
    assert_eq!(cs[&day("2026-11-22")].sleep_hours, None);
    assert!(!cs.contains_key(&day("2026-11-21")));
    assert_eq!(
        s.first_logged_day().expect("first"),
        Some(day("2026-11-20"))
    );
    assert_eq!(s.last_dose_day().expect("last"), Some(day("2026-11-22")));
    assert!(s
        .daily_scores(day("2026-11-19"), day("2026-11-25"), "nope")
        .is_err());
}

#[test]
fn an_empty_diary_has_empty_series() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    assert!(s
        .daily_grams(day("2026-01-01"), day("2026-12-31"))
        .expect("g")
        .is_empty());
    assert_eq!(s.first_logged_day().expect("first"), None);
    assert_eq!(s.last_dose_day().expect("last"), None);
    assert!(s
        .planned_between(day("2026-01-01"), day("2026-01-31"))
        .expect("p")
        .is_empty());
}

/// Local wall-clock time at +01:00.
fn at_plus1(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text).expect("time")
}

#[test]
fn taken_from_a_dose_reminder_logs_the_plan_shared_over_the_reminders_left() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut settings = s.settings().expect("settings");
    settings.reminders.dose_times = vec!["09:00".into(), "15:00".into(), "21:00".into()];
    s.save_settings(settings).expect("save");
    let due = |h: u32| day("2026-11-22").and_hms_opt(h, 0, 0).expect("due");

    // No plan yet: nothing is logged.
    let first = at_plus1("2026-11-22T09:02:00+01:00");
    assert_eq!(s.log_planned_dose(due(9), first).expect("none"), None);

    // Day 3 of the detox week: 4 g over three reminders.
    s.create_plan(&detox("2026-11-20", 6.0), day("2026-11-22"), now())
        .expect("plan");
    let d = s
        .log_planned_dose(due(9), first)
        .expect("log")
        .expect("a dose");
    assert_eq!(d.amount_g, 1.3);
    assert_eq!(d.local_time, "2026-11-22T09:02");
    assert_eq!(d.day, "2026-11-22");

    // The person took more than that at lunch by hand: the rest shares what is left.
    s.add_dose(&dose("1.5", "2026-11-22T12:00:00+01:00"), now())
        .expect("dose");
    let d = s
        .log_planned_dose(due(15), at_plus1("2026-11-22T15:10:00+01:00"))
        .expect("log")
        .expect("a dose");
    assert_eq!(d.amount_g, 0.6, "(4 - 1.3 - 1.5) / 2");
    let d = s
        .log_planned_dose(due(21), at_plus1("2026-11-22T21:00:00+01:00"))
        .expect("log")
        .expect("a dose");
    assert_eq!(d.amount_g, 0.6, "the last one takes the rest");
    assert_eq!(s.day(day("2026-11-22")).expect("day").total_g, 4.0);

    // Nothing left, or answered the next diary day: nothing more is logged.
    assert_eq!(
        s.log_planned_dose(due(21), at_plus1("2026-11-22T21:30:00+01:00"))
            .expect("none"),
        None
    );
    assert_eq!(
        s.log_planned_dose(due(21), at_plus1("2026-11-23T09:00:00+01:00"))
            .expect("none"),
        None
    );
    assert_eq!(s.day(day("2026-11-22")).expect("day").doses.len(), 4);
}
