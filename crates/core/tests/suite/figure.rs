//! Charts of a real diary: ranges, each kind drawn from the store, summaries, determinism and
//! refusals.

use crate::common;

use common::dose;

use common::{day, now, tmp};
use taper_core::chart::ChartTheme;
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::figure::{self, ChartKind, ChartRange, ChartRequest};
use taper_core::plan::{PlanParams, Rounding, Shape};
use taper_core::{Error, Store};

fn checkin(at: &str, score: i32) -> CheckInInput {
    CheckInInput {
        taken_at: at.into(),
        items: ["aches", "insomnia", "irritability"]
            .iter()
            .map(|k| ItemScore {
                key: (*k).into(),
                score,
            })
            .collect(),
        craving: Some(6),
        sleep_hours: Some(4.5),
        sleep_quality: None,
        mood: None,
        note: None,
    }
}

fn request(kind: ChartKind, range: ChartRange) -> ChartRequest {
    ChartRequest {
        kind,
        range,
        theme: ChartTheme::Light,
        width: 900,
        height: 420,
    }
}

/// A detox week from 20 Nov with doses on three days and two check-ins.
fn diary() -> (common::Tmp, Store) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.create_plan(
        &common::detox_week(day("2026-11-20"), 6.0),
        day("2026-11-20"),
        now(),
    )
    .expect("plan");
    for (g, at) in [
        ("6", "2026-11-20T09:00:00+01:00"),
        ("5.5", "2026-11-21T09:00:00+01:00"),
        ("4", "2026-11-23T09:00:00+01:00"),
    ] {
        s.add_dose(&dose(g, at), now()).expect("dose");
    }
    s.add_checkin(&checkin("2026-11-21T20:00:00+01:00", 2), now())
        .expect("checkin");
    s.add_checkin(&checkin("2026-11-23T20:00:00+01:00", 3), now())
        .expect("checkin");
    (t, s)
}

#[test]
fn ranges_resolve_against_today_and_the_plan() {
    let (_t, s) = diary();
    let today = day("2026-11-25");
    let r = |range: ChartRange| figure::resolve(&s, &range, today).expect("range");
    assert_eq!(r(ChartRange::Plan), (day("2026-11-20"), day("2026-11-26")));
    assert_eq!(
        r(ChartRange::Last { days: 7 }),
        (day("2026-11-19"), day("2026-11-25"))
    );
    assert_eq!(r(ChartRange::All), (day("2026-11-20"), today));
    assert_eq!(
        r(ChartRange::Between {
            from: day("2026-11-01"),
            to: day("2026-11-02")
        }),
        (day("2026-11-01"), day("2026-11-02"))
    );
    // Before the plan starts, "this plan" also shows the fortnight up to today: what was
    // logged, then the plan (it showed only the empty days to come).
    let ahead = figure::resolve(&s, &ChartRange::Plan, day("2026-11-10")).expect("range");
    assert_eq!(ahead, (day("2026-10-28"), day("2026-11-26")));
    // Long after the plan ended, "this plan" runs a fortnight past its end, not to today.
    let later = figure::resolve(&s, &ChartRange::Plan, day("2027-03-01")).expect("range");
    assert_eq!(later, (day("2026-11-20"), day("2026-12-10")));
    // "All" with an entry from long ago (a mistyped year): the last ten years, not a refusal.
    let mut s = s;
    s.add_dose(&dose("1", "1999-01-01T10:00:00+01:00"), now())
        .expect("old dose");
    let (from, to) = figure::resolve(&s, &ChartRange::All, today).expect("all");
    assert_eq!((to - from).num_days(), 3649);
    assert_eq!(to, today);

    for (range, field) in [
        (ChartRange::Last { days: 0 }, "range"),
        (
            ChartRange::Between {
                from: day("2026-11-05"),
                to: day("2026-11-01"),
            },
            "from",
        ),
        (
            ChartRange::Between {
                from: day("1899-12-31"),
                to: day("2026-11-01"),
            },
            "from",
        ),
        (
            ChartRange::Between {
                from: day("2000-01-01"),
                to: day("2026-11-01"),
            },
            "range",
        ),
    ] {
        let e = figure::resolve(&s, &range, today).expect_err("refused");
        assert_eq!(e.field(), Some(field), "{range:?}: {e}");
        assert!(matches!(e, Error::Invalid { .. }));
    }
}

#[test]
fn every_kind_draws_from_the_diary() {
    let (_t, s) = diary();
    let today = day("2026-11-25");
    for kind in [
        ChartKind::Taper,
        ChartKind::Symptoms,
        ChartKind::Progress,
        ChartKind::Sleep,
    ] {
        let image = figure::draw(&s, &request(kind, ChartRange::Plan), today).expect("draw");
        assert!(image.svg.starts_with("<svg"), "{kind:?}");
        assert!(!image.svg.contains("NaN"), "{kind:?}");
        assert_eq!(
            (image.from, image.to),
            (day("2026-11-20"), day("2026-11-26"))
        );
        assert_eq!(image.title, kind.title());
        assert!(image.summary.starts_with(kind.title()), "{}", image.summary);
        // Drawing twice gives the same file.
        let again = figure::draw(&s, &request(kind, ChartRange::Plan), today).expect("draw");
        assert_eq!(image, again);
    }
    let taper =
        figure::draw(&s, &request(ChartKind::Taper, ChartRange::Plan), today).expect("taper");
    // What the chart shows, in words with its numbers: the span, the grams, how many of the
    // plan's days so far took no more than planned (22 and 24 Nov, with nothing logged, did),
    // and the symptom line.
    assert_eq!(
        taper.summary,
        "Taken and planned, 7 days, 20 Nov 2026 to 26 Nov 2026: grams per day, 3 logged days: \
         from 6 g to 4 g, 15.5 g in all; plan followed on 3 of 5 days; symptom total (0-56) \
         from 6 to 9"
    );
    assert!(
        taper.svg.contains("Day 7"),
        "days labelled to the plan's end"
    );
    let symptoms =
        figure::draw(&s, &request(ChartKind::Symptoms, ChartRange::Plan), today).expect("heatmap");
    assert!(
        symptoms.summary.ends_with(
            "2 days with a check-in, worst rating severe (muscle and bone aches on 23 Nov)"
        ),
        "{}",
        symptoms.summary
    );
    assert!(symptoms.svg.contains("Muscle and bone aches"));
    // Its empty boxes name the form the rows are from, so a day with a check-in on another
    // form is never said to have none.
    assert!(symptoms.svg.contains("No checklist check-in"), "legend");
    let progress =
        figure::draw(&s, &request(ChartKind::Progress, ChartRange::All), today).expect("progress");
    assert!(
        progress.summary.contains("2 days since the last dose; "),
        "{}",
        progress.summary
    );
    let sleep =
        figure::draw(&s, &request(ChartKind::Sleep, ChartRange::Plan), today).expect("sleep");
    assert!(
        sleep
            .summary
            .ends_with("craving on 2 days, 6 of 10 on average (6 on the first, 6 on the last); 2 nights recorded, 4.5 hours on average"),
        "{}",
        sleep.summary
    );
    let dark = figure::draw(
        &s,
        &ChartRequest {
            theme: ChartTheme::Dark,
            ..request(ChartKind::Taper, ChartRange::Plan)
        },
        today,
    )
    .expect("dark");
    assert_ne!(dark.svg, taper.svg);
}

#[test]
fn an_empty_diary_gets_friendly_charts() {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    let today = day("2026-11-25");
    for kind in [
        ChartKind::Taper,
        ChartKind::Symptoms,
        ChartKind::Progress,
        ChartKind::Sleep,
    ] {
        let image = figure::draw(&s, &request(kind, ChartRange::All), today).expect("draw");
        assert_eq!(
            (image.from, image.to),
            (day("2026-11-12"), today),
            "{kind:?}"
        );
        assert!(image.svg.contains("yet"), "{kind:?} says what to do next");
    }
}

#[test]
fn bad_sizes_are_refused() {
    let (_t, s) = diary();
    let mut req = request(ChartKind::Taper, ChartRange::Plan);
    req.width = 10;
    assert!(figure::draw(&s, &req, day("2026-11-25")).is_err());
}

#[test]
fn a_plan_preview_shows_the_schedule_and_end() {
    let params = PlanParams {
        start: day("2026-11-25"),
        start_g: 6.0,
        shape: Shape::Fixed {
            step_g: 1.0,
            every_days: 2,
        },
        hold_days: 0,
        floor_g: 0.0,
        rounding: Rounding::Tenth,
    };
    let p = figure::plan_preview(&params, 600, 280, ChartTheme::Light).expect("preview");
    assert_eq!(p.days.len(), 13);
    assert_eq!(p.end, day("2026-12-07"));
    assert_eq!(
        p.summary,
        "13 days from 6 g to 0 g in 7 steps, ending Mon 7 Dec 2026"
    );
    assert!(p.svg.contains("Day 13"));
    let mut bad = params;
    bad.start_g = 0.0;
    assert!(figure::plan_preview(&bad, 600, 280, ChartTheme::Light).is_err());
    assert_eq!(
        figure::file_name(
            ChartKind::Taper,
            day("2026-11-20"),
            day("2026-11-26"),
            "png"
        ),
        "taper-taper-2026-11-20-to-2026-11-26.png"
    );
}

#[test]
fn charts_start_at_the_first_entry_not_weeks_before_it() {
    // Three days of doses, no plan: the month range starts at the first dose, so no day before
    // the diary is drawn as "No dose logged".
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    for (g, at) in [
        ("5", "2026-11-20T09:00:00+01:00"),
        ("4.5", "2026-11-21T09:00:00+01:00"),
        ("4", "2026-11-22T09:00:00+01:00"),
    ] {
        s.add_dose(&dose(g, at), now()).expect("dose");
    }
    let today = day("2026-11-22");
    let month = ChartRange::Last { days: 30 };
    assert_eq!(
        figure::resolve(&s, &month, today).expect("resolve").0,
        day("2026-10-24"),
        "the range asked for"
    );
    assert_eq!(
        figure::shown_range(&s, &month, today).expect("shown"),
        (day("2026-11-20"), today)
    );
    let img = figure::draw(&s, &request(ChartKind::Taper, month.clone()), today).expect("draw");
    assert_eq!(img.from, day("2026-11-20"));
    assert_eq!(img.message, None);
    assert!(
        !img.svg.contains("No dose logged"),
        "no gap inside the diary"
    );
    // A bar's grams are written on it when the days are few.
    assert!(img.svg.contains(">\n4.5\n</text>"), "labelled values");

    // A gap inside the diary is still a gap.
    s.add_dose(&dose("3", "2026-11-24T09:00:00+01:00"), now())
        .expect("dose");
    let img = figure::draw(
        &s,
        &request(ChartKind::Taper, month.clone()),
        day("2026-11-24"),
    )
    .expect("draw");
    assert_eq!(img.from, day("2026-11-20"));
    assert!(img.svg.contains("No dose logged"), "23 Nov is a gap");

    // An empty diary: the chart says so in a short message the app shows instead.
    let e = tmp();
    let empty = Store::open(&e.path).expect("open");
    let img = figure::draw(&empty, &request(ChartKind::Taper, month), today).expect("draw");
    assert_eq!(
        img.message.as_deref(),
        Some(taper_core::chart::EMPTY_MESSAGE)
    );
}

#[test]
fn weekly_averages_wait_for_two_weeks_and_totals_read_plainly() {
    let (_t, s) = diary();
    // One week of entries (20-23 Nov is Fri to Mon: two ISO weeks), then only the first week.
    let img = figure::draw(
        &s,
        &request(
            ChartKind::Progress,
            ChartRange::Between {
                from: day("2026-11-20"),
                to: day("2026-11-22"),
            },
        ),
        day("2026-11-22"),
    )
    .expect("draw");
    assert_eq!(
        img.message.as_deref(),
        Some(taper_core::chart::PROGRESS_FEW_WEEKS_MESSAGE)
    );
    assert!(img.svg.contains("Not enough weeks yet"), "in words");
    let img = figure::draw(
        &s,
        &request(
            ChartKind::Progress,
            ChartRange::Between {
                from: day("2026-11-20"),
                to: day("2026-11-25"),
            },
        ),
        day("2026-11-25"),
    )
    .expect("draw");
    assert_eq!(img.message, None);
    assert!(img.svg.contains("Average symptom total"), "{}", img.svg);

    // The one way a total is written: scored scales over their maximum with a band, the
    // checklist as points and how many of its symptoms were rated, never with a band.
    use taper_core::instrument::{KRATOM, SOWS};
    assert_eq!(figure::total_text(&SOWS, 16, 16), "16 / 64 · moderate");
    assert_eq!(
        figure::total_text(&SOWS, 12, 5),
        "12 / 64 · incomplete (5 of 16 rated)"
    );
    assert_eq!(figure::total_text(&KRATOM, 8, 3), "8 points · 3 rated");
    assert_eq!(figure::total_text(&KRATOM, 1, 1), "1 point · 1 rated");
    assert_eq!(figure::axis_label(&SOWS, 64), "SOWS symptom total (0-64)");
    assert_eq!(figure::axis_label(&KRATOM, 56), "Symptom total (0-56)");
}
