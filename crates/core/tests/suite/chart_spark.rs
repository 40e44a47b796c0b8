//! Today's plan sparkline: the plan's targets as a step line, today marked, drawn by the same
//! plotters code as every chart; deterministic.

use crate::common;

use chrono::Duration;
use common::{day, now, tmp};
use taper_core::chart::{spark_svg, ChartTheme, SparkData};
use taper_core::figure::plan_sparkline;
use taper_core::plan::PlanDay;
use taper_core::Store;

fn days(targets: &[f64]) -> Vec<PlanDay> {
    targets
        .iter()
        .enumerate()
        .map(|(i, t)| PlanDay {
            day: day("2026-11-20") + Duration::days(i as i64),
            target_g: *t,
            step: i as u32,
        })
        .collect()
}

#[test]
fn today_is_found_in_the_plan_or_not_at_all() {
    let d = days(&[6.0, 5.0, 4.0, 3.0]);
    assert_eq!(SparkData::new(&d, day("2026-11-22")).today, Some(2));
    assert_eq!(SparkData::new(&d, day("2026-11-19")).today, None);
    assert_eq!(SparkData::new(&d, day("2026-12-01")).today, None);
    assert_eq!(
        SparkData::new(&d, day("2026-11-20")).targets,
        [6.0, 5.0, 4.0, 3.0]
    );
}

#[test]
fn the_sparkline_marks_today_and_is_the_same_every_time() {
    let d = days(&[6.0, 5.0, 4.0, 3.0, 0.0]);
    let data = SparkData::new(&d, day("2026-11-22"));
    let svg = spark_svg(&data, 240, 48, ChartTheme::Light).expect("svg");
    assert!(svg.starts_with("<svg"), "{svg}");
    assert_eq!(svg.matches("<circle").count(), 1, "today marked once");
    assert_eq!(
        svg,
        spark_svg(&data, 240, 48, ChartTheme::Light).expect("again")
    );
    assert_ne!(
        svg,
        spark_svg(&data, 240, 48, ChartTheme::Dark).expect("dark")
    );
    // Outside the plan: no marker; a plan of one day at zero still draws.
    let before = SparkData::new(&d, day("2026-11-01"));
    assert_eq!(
        spark_svg(&before, 240, 48, ChartTheme::Light)
            .expect("svg")
            .matches("<circle")
            .count(),
        0
    );
    let zero = SparkData::new(&days(&[0.0]), day("2026-11-20"));
    assert!(spark_svg(&zero, 240, 48, ChartTheme::Light).is_ok());
    // Sizes outside the limits are refused.
    for (w, h) in [(10, 48), (240, 4), (5000, 48)] {
        assert!(
            spark_svg(&data, w, h, ChartTheme::Light).is_err(),
            "{w}x{h}"
        );
    }
}

#[test]
fn the_plan_in_force_today_gives_a_sparkline_and_no_plan_none() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let today = day("2026-11-25");
    assert_eq!(
        plan_sparkline(&s, today, ChartTheme::Light).expect("none"),
        None
    );
    s.create_plan(
        &common::detox_week(today - Duration::days(2), 6.0),
        today,
        now(),
    )
    .expect("plan");
    let svg = plan_sparkline(&s, today, ChartTheme::Light)
        .expect("drawn")
        .expect("a plan is in force");
    assert_eq!(svg.matches("<circle").count(), 1);
}
