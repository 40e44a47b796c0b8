//! Weekly progress: weekly means, days since the last dose, empty data, themes and samples.

use chrono::{Days, NaiveDate};
use taper_core::chart::{
    progress_svg, svg_to_png, ChartTheme, DayPoint, ProgressData, PROGRESS_EMPTY_MESSAGE,
};
use taper_core::Error;

const LABEL: &str = "Kratom symptoms (0-64)";

/// Day `n` after Monday 9 November 2026.
fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 9)
        .and_then(|d| d.checked_add_days(Days::new(n)))
        .expect("valid date")
}

/// `n` days tapering from 10 g to 0 over the first two thirds, then 0 g logged now and then;
/// nothing logged on every seventh day; a check-in every other day.
fn points(n: u64) -> Vec<DayPoint> {
    (0..n)
        .map(|i| {
            let t = i as f64 / n as f64;
            let g = (10.0 * (1.0 - t * 1.5)).max(0.0);
            DayPoint {
                day: day(i),
                actual_g: match i % 7 {
                    6 => None,
                    _ if g == 0.0 && i % 3 != 0 => None,
                    _ => Some((g * 10.0).round() / 10.0),
                },
                symptom: (i % 2 == 0)
                    .then_some((20.0 + 14.0 * (i as f64 / 10.0).sin() * (1.0 - t)) as i32),
            }
        })
        .collect()
}

#[test]
fn weekly_means_over_logged_days() {
    let pts = [
        DayPoint {
            day: day(0),
            actual_g: Some(6.0),
            symptom: Some(10),
        },
        DayPoint {
            day: day(1),
            actual_g: Some(4.0),
            symptom: None,
        },
        // Day 2 has nothing logged: it does not count as 0.
        DayPoint {
            day: day(3),
            actual_g: Some(0.0),
            symptom: Some(20),
        },
        // The second week has nothing: a gap.
        DayPoint {
            day: day(14),
            actual_g: Some(1.5),
            symptom: None,
        },
    ];
    let data =
        ProgressData::prepare(&pts, day(0), day(20), Some(day(20)), 64, LABEL).expect("prepare");
    assert_eq!(data.weeks.len(), 3);
    assert_eq!(data.weeks[0].monday, day(0));
    assert_eq!(data.weeks[0].label, "9 Nov");
    assert_eq!(data.weeks[0].mean_g, Some(10.0 / 3.0));
    assert_eq!(data.weeks[0].logged_days, 3);
    assert_eq!(data.weeks[0].mean_symptom, Some(15.0));
    assert_eq!(data.weeks[1].mean_g, None);
    assert_eq!(data.weeks[1].mean_symptom, None);
    assert_eq!(data.weeks[2].mean_g, Some(1.5));
    assert_eq!(data.last_dose, Some(day(14)));
    assert_eq!(data.days_since_last_dose, Some(6));
    assert_eq!(data.headline.as_deref(), Some("6 days since the last dose"));
    assert_eq!(data.symptom_label, LABEL);
}

#[test]
fn days_since_the_last_dose() {
    let pts = [
        DayPoint {
            day: day(0),
            actual_g: Some(2.0),
            symptom: None,
        },
        DayPoint {
            day: day(1),
            actual_g: Some(0.0),
            symptom: None,
        },
    ];
    // A logged 0 g is not a dose.
    let data = ProgressData::prepare(&pts, day(0), day(6), Some(day(1)), 64, LABEL).expect("ok");
    assert_eq!(data.days_since_last_dose, Some(1));
    assert_eq!(data.headline.as_deref(), Some("1 day since the last dose"));
    // A dose today: no headline.
    let data = ProgressData::prepare(&pts, day(0), day(6), Some(day(0)), 64, LABEL).expect("ok");
    assert_eq!(data.days_since_last_dose, None);
    // No "today" (a report of a past range): no headline.
    let data = ProgressData::prepare(&pts, day(0), day(6), None, 64, LABEL).expect("ok");
    assert_eq!(data.days_since_last_dose, None);
    let svg = progress_svg(
        &ProgressData::prepare(&pts, day(0), day(6), Some(day(30)), 64, LABEL).expect("ok"),
        900,
        420,
        ChartTheme::Light,
    )
    .expect("svg");
    assert!(svg.contains("30 days since the last dose"));
}

#[test]
fn bad_input_is_refused() {
    let nan = [DayPoint {
        day: day(0),
        actual_g: Some(f64::NAN),
        symptom: None,
    }];
    let score = [DayPoint {
        day: day(0),
        actual_g: None,
        symptom: Some(65),
    }];
    let twice = [nan[0], nan[0]].map(|p| DayPoint {
        actual_g: Some(1.0),
        ..p
    });
    for err in [
        ProgressData::prepare(&nan, day(0), day(6), None, 64, LABEL),
        ProgressData::prepare(&score, day(0), day(6), None, 64, LABEL),
        ProgressData::prepare(&twice, day(0), day(6), None, 64, LABEL),
        ProgressData::prepare(&[], day(6), day(0), None, 64, LABEL),
        ProgressData::prepare(&[], day(0), day(4000), None, 64, LABEL),
        ProgressData::prepare(&[], day(0), day(6), None, 0, LABEL),
    ] {
        assert!(
            matches!(err, Err(Error::Invalid { field: "chart", .. })),
            "{err:?}"
        );
    }
}

#[test]
fn empty_range_says_what_to_do() {
    let data = ProgressData::prepare(&[], day(0), day(6), Some(day(6)), 64, LABEL).expect("ok");
    assert!(data.empty);
    let svg = progress_svg(&data, 900, 420, ChartTheme::Dark).expect("svg");
    assert!(svg.contains("Nothing logged in this range yet."), "{svg}");
    assert!(PROGRESS_EMPTY_MESSAGE.starts_with("Nothing logged"));
    let png = svg_to_png(&svg, 1.0).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    let p = pixmap.pixel(2, 2).expect("pixel");
    assert_eq!((p.red(), p.green(), p.blue()), (0x1D, 0x22, 0x27));
}

#[test]
fn structure_labels_and_determinism() {
    let pts = points(60);
    let data =
        ProgressData::prepare(&pts, day(0), day(59), Some(day(70)), 64, LABEL).expect("prepare");
    assert_eq!(data.weeks.len(), 9);
    let svg = progress_svg(&data, 900, 420, ChartTheme::Light).expect("svg");
    for text in [
        LABEL,
        "Average grams per day",
        "9 Nov",
        "labelled with the Monday",
        ">\n64\n<",
    ] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(svg.contains("days since the last dose"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // One grams marker per week with a log, one symptom marker per week with a check-in,
    // plus one in each legend entry.
    let with_g = data.weeks.iter().filter(|w| w.mean_g.is_some()).count();
    let with_s = data
        .weeks
        .iter()
        .filter(|w| w.mean_symptom.is_some())
        .count();
    assert_eq!(svg.matches("<circle").count(), with_g + with_s + 2);
    assert_eq!(
        svg,
        progress_svg(&data, 900, 420, ChartTheme::Light).expect("svg")
    );
    let png = svg_to_png(&svg, 2.0).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    assert_eq!((pixmap.width(), pixmap.height()), (1800, 840));
}

/// Light and dark samples of 7 days, 30 days and 5 years at 900x420 (SVG and 2x PNG).
#[test]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/chart-samples");
    std::fs::create_dir_all(&dir).expect("dir");
    for n in [7u64, 30, 1826] {
        let pts = points(n);
        let data = ProgressData::prepare(&pts, day(0), day(n - 1), Some(day(n + 2)), 64, LABEL)
            .expect("prepare");
        for (theme, name) in [(ChartTheme::Light, "light"), (ChartTheme::Dark, "dark")] {
            let svg = progress_svg(&data, 900, 420, theme).expect("svg");
            assert!(!svg.contains("NaN"));
            let stem = format!("progress-{n}d-{name}");
            std::fs::write(dir.join(format!("{stem}.svg")), &svg).expect("write");
            std::fs::write(
                dir.join(format!("{stem}@2x.png")),
                svg_to_png(&svg, 2.0).expect("png"),
            )
            .expect("write");
        }
    }
}
