//! The taper chart: data preparation, determinism, empty data and sample output.

use chrono::{Days, NaiveDate};
use taper_core::chart::{
    svg_to_png, taper_svg, ChartTheme, TaperChartData, TaperPoint, EMPTY_MESSAGE,
};
use taper_core::{ApiError, Error, ErrorCode};

const LABEL: &str = "SOWS symptom total (0-64)";

const SOWS_BANDS: [(i32, i32, &str); 4] = [
    (0, 10, "None"),
    (11, 20, "Mild"),
    (21, 30, "Moderate"),
    (31, 64, "Severe"),
];

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 12)
        .and_then(|d| d.checked_add_days(Days::new(n)))
        .expect("valid date")
}

/// Fourteen days: a plan from 8 g down to 2 g, doses mostly at or a little over the plan, two
/// days without a log, symptoms rising then settling; today is day 12.
fn fourteen_days() -> (Vec<TaperPoint>, NaiveDate) {
    let actual = [
        Some(8.0),
        Some(8.0),
        Some(7.5),
        None,
        Some(7.0),
        Some(6.5),
        Some(6.5),
        Some(5.0),
        None,
        Some(4.5),
        Some(4.0),
        Some(3.5),
        None,
        None,
    ];
    let symptom = [
        Some(6),
        Some(9),
        Some(14),
        None,
        Some(22),
        Some(25),
        Some(19),
        Some(17),
        None,
        Some(12),
        Some(11),
        Some(8),
        None,
        None,
    ];
    let points = (0..14u64)
        .map(|i| TaperPoint {
            day: day(i),
            actual_g: actual[i as usize],
            planned_g: Some(8.0 - (i / 2) as f64),
            symptom: symptom[i as usize],
        })
        .collect();
    (points, day(11))
}

fn prepared() -> TaperChartData {
    let (points, today) = fourteen_days();
    TaperChartData::prepare(&points, Some(today), 64, LABEL, &SOWS_BANDS).expect("prepare")
}

#[test]
fn prepare_labels_days_and_rounds_the_axis() {
    let data = prepared();
    assert_eq!(data.days.len(), 14);
    assert_eq!(data.days[0].label, "Day 1");
    assert_eq!(data.days[0].date_label, "12 Nov");
    assert_eq!(data.days[13].label, "Day 14");
    assert_eq!(data.days[13].date_label, "25 Nov");
    assert_eq!(data.x_range, (-0.5, 13.5));
    assert!(data.y_max >= 8.0 && data.y_max <= 10.0, "{}", data.y_max);
    assert_eq!(data.today_index, Some(11));
    assert!(!data.empty);
    assert!(data.has_actual && data.has_plan && data.has_symptom);
}

#[test]
fn gaps_are_not_zeros() {
    let data = prepared();
    let gaps: Vec<usize> = data
        .days
        .iter()
        .filter(|d| d.gap)
        .map(|d| d.index)
        .collect();
    // Days 4 and 9 passed without a log; days 13 and 14 are still to come, so not gaps.
    assert_eq!(gaps, vec![3, 8]);
    for d in &data.days {
        if d.gap {
            assert_eq!(d.actual_g, None, "a gap carries no amount, not 0 g");
        }
    }
    // Missing days in sparse input are filled in as gaps too.
    let sparse = [
        TaperPoint {
            day: day(0),
            actual_g: Some(3.0),
            planned_g: None,
            symptom: None,
        },
        TaperPoint {
            day: day(3),
            actual_g: Some(0.0),
            planned_g: None,
            symptom: None,
        },
    ];
    let data = TaperChartData::prepare(&sparse, None, 64, LABEL, &[]).expect("prepare");
    assert_eq!(data.days.len(), 4);
    let gaps: Vec<bool> = data.days.iter().map(|d| d.gap).collect();
    assert_eq!(gaps, vec![false, true, true, false]);
    assert_eq!(
        data.days[3].actual_g,
        Some(0.0),
        "a logged zero stays a zero"
    );
}

#[test]
fn axis_is_never_zero() {
    let only_zero = [TaperPoint {
        day: day(0),
        actual_g: Some(0.0),
        planned_g: None,
        symptom: None,
    }];
    let data = TaperChartData::prepare(&only_zero, None, 64, LABEL, &[]).expect("prepare");
    assert!(data.y_max >= 1.0);
    let none = TaperChartData::prepare(&[], None, 64, LABEL, &SOWS_BANDS).expect("prepare");
    assert!(none.empty);
    assert!(none.y_max >= 1.0);
    let tiny = [TaperPoint {
        day: day(0),
        actual_g: Some(0.3),
        planned_g: None,
        symptom: None,
    }];
    assert_eq!(
        TaperChartData::prepare(&tiny, None, 64, LABEL, &[])
            .expect("prepare")
            .y_max,
        1.0
    );
    let big = [TaperPoint {
        day: day(0),
        actual_g: Some(23.0),
        planned_g: Some(24.0),
        symptom: None,
    }];
    let data = TaperChartData::prepare(&big, None, 64, LABEL, &[]).expect("prepare");
    assert!(data.y_max >= 24.0 && data.y_max <= 30.0, "{}", data.y_max);
}

#[test]
fn no_data_at_all_is_empty() {
    let blank = [TaperPoint {
        day: day(0),
        actual_g: None,
        planned_g: None,
        symptom: None,
    }];
    let data =
        TaperChartData::prepare(&blank, Some(day(0)), 64, LABEL, &SOWS_BANDS).expect("prepare");
    assert!(data.empty);
}

#[test]
fn bad_input_is_invalid_chart() {
    let nan = [TaperPoint {
        day: day(0),
        actual_g: Some(f64::NAN),
        planned_g: None,
        symptom: None,
    }];
    let dup = [
        TaperPoint {
            day: day(0),
            actual_g: Some(1.0),
            planned_g: None,
            symptom: None,
        },
        TaperPoint {
            day: day(0),
            actual_g: Some(2.0),
            planned_g: None,
            symptom: None,
        },
    ];
    let score = [TaperPoint {
        day: day(0),
        actual_g: None,
        planned_g: None,
        symptom: Some(99),
    }];
    for err in [
        TaperChartData::prepare(&nan, None, 64, LABEL, &[]),
        TaperChartData::prepare(&dup, None, 64, LABEL, &[]),
        TaperChartData::prepare(&score, None, 64, LABEL, &[]),
        TaperChartData::prepare(&[], None, 0, LABEL, &[]),
        TaperChartData::prepare(&[], None, 10, LABEL, &[(5, 3, "Mild")]),
    ] {
        assert!(
            matches!(err, Err(Error::Invalid { field: "chart", .. })),
            "{err:?}"
        );
    }
    let data = prepared();
    assert!(matches!(
        taper_svg(&data, 10, 10, ChartTheme::Light),
        Err(taper_core::Error::Invalid { .. })
    ));
    assert!(matches!(
        svg_to_png("<svg/>", f32::NAN),
        Err(taper_core::Error::Invalid { .. })
    ));
    let api: ApiError = taper_core::Error::chart_render("test").into();
    assert_eq!(api.code, ErrorCode::Internal);
}

#[test]
fn empty_chart_says_what_to_do() {
    let data = TaperChartData::prepare(&[], None, 64, LABEL, &SOWS_BANDS).expect("prepare");
    let svg = taper_svg(&data, 800, 450, ChartTheme::Light).expect("svg");
    assert!(svg.contains(EMPTY_MESSAGE), "{svg}");
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    let png = svg_to_png(&svg, 1.0).expect("png");
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn fourteen_days_render_deterministically() {
    let data = prepared();
    let a = taper_svg(&data, 800, 450, ChartTheme::Light).expect("svg");
    let b = taper_svg(&prepared(), 800, 450, ChartTheme::Light).expect("svg");
    assert_eq!(a, b, "same data, same SVG");
    for text in [
        "Day 1",
        "Day 13",
        "24 Nov",
        "Today",
        "Plan (g)",
        "Symptom total (highest of the day)",
        "Grams per day",
    ] {
        assert!(a.contains(text), "missing {text}");
    }
    assert!(!a.contains("NaN") && !a.contains("inf"));
    let p1 = svg_to_png(&a, 2.0).expect("png");
    let p2 = svg_to_png(&b, 2.0).expect("png");
    assert_eq!(p1, p2, "same SVG, same PNG");
    assert!(p1.starts_with(b"\x89PNG"));
}

#[test]
fn sparse_charts_render() {
    let one = [TaperPoint {
        day: day(0),
        actual_g: Some(4.0),
        planned_g: None,
        symptom: None,
    }];
    let only_symptom = [TaperPoint {
        day: day(0),
        actual_g: None,
        planned_g: None,
        symptom: Some(12),
    }];
    for points in [&one[..], &only_symptom[..]] {
        let data =
            TaperChartData::prepare(points, Some(day(0)), 64, LABEL, &SOWS_BANDS).expect("prepare");
        let svg = taper_svg(&data, 640, 360, ChartTheme::Light).expect("svg");
        assert!(svg.contains("Day 1") && !svg.contains("NaN") && !svg.contains("inf"));
        svg_to_png(&svg, 1.0).expect("png");
    }
    // A long range thins its labels rather than overlapping them.
    let long: Vec<TaperPoint> = (0..120u64)
        .map(|i| TaperPoint {
            day: day(i),
            actual_g: Some(10.0 - i as f64 / 15.0),
            planned_g: None,
            symptom: None,
        })
        .collect();
    let data = TaperChartData::prepare(&long, None, 64, LABEL, &[]).expect("prepare");
    let svg = taper_svg(&data, 800, 450, ChartTheme::Light).expect("svg");
    assert!(svg.contains("Day 1\n") && !svg.contains("Day 2\n"));
}

/// Writes samples to `target/chart-samples/` to look at.
#[test]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/chart-samples");
    std::fs::create_dir_all(&dir).expect("dir");
    let svg = taper_svg(&prepared(), 800, 450, ChartTheme::Light).expect("svg");
    std::fs::write(dir.join("taper.svg"), &svg).expect("write");
    std::fs::write(
        dir.join("taper@2x.png"),
        svg_to_png(&svg, 2.0).expect("png"),
    )
    .expect("write");
    let empty = TaperChartData::prepare(&[], None, 64, LABEL, &SOWS_BANDS).expect("prepare");
    let svg = taper_svg(&empty, 800, 450, ChartTheme::Light).expect("svg");
    std::fs::write(
        dir.join("taper-empty.png"),
        svg_to_png(&svg, 1.0).expect("png"),
    )
    .expect("write");
    let long: Vec<TaperPoint> = (0..60u64)
        .map(|i| TaperPoint {
            day: day(i),
            actual_g: (i % 9 != 4).then_some(12.0 - i as f64 / 6.0),
            planned_g: Some(12.0 - (i / 7) as f64 * 1.3),
            symptom: (i % 3 == 0).then_some((i as i32 * 7) % 40),
        })
        .collect();
    let data =
        TaperChartData::prepare(&long, Some(day(40)), 64, LABEL, &SOWS_BANDS).expect("prepare");
    let svg = taper_svg(&data, 800, 450, ChartTheme::Light).expect("svg");
    std::fs::write(
        dir.join("taper-60.png"),
        svg_to_png(&svg, 1.0).expect("png"),
    )
    .expect("write");
    let one = [TaperPoint {
        day: day(0),
        actual_g: Some(4.0),
        planned_g: None,
        symptom: None,
    }];
    let data =
        TaperChartData::prepare(&one, Some(day(0)), 64, LABEL, &SOWS_BANDS).expect("prepare");
    let svg = taper_svg(&data, 640, 360, ChartTheme::Light).expect("svg");
    std::fs::write(
        dir.join("taper-one.png"),
        svg_to_png(&svg, 1.0).expect("png"),
    )
    .expect("write");
}

/// Occurrences of `needle` in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Pixel (x, y) of a PNG as RGB.
fn pixel(png: &[u8], x: u32, y: u32) -> (u8, u8, u8) {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("decode");
    let p = pixmap.pixel(x, y).expect("inside");
    (p.red(), p.green(), p.blue())
}

/// `n` days of a slow taper from 10 g, a dose missed every ninth day, a check-in every third
/// day, the plan stepping down weekly; today is the last day.
fn synthetic(n: u64) -> (Vec<TaperPoint>, NaiveDate) {
    let points = (0..n)
        .map(|i| {
            let t = i as f64 / n.max(2) as f64;
            TaperPoint {
                day: day(i),
                actual_g: (i % 9 != 4)
                    .then_some(((1.0 - t) * 10.0 + (i % 3) as f64 * 0.4).max(0.0)),
                planned_g: Some(((1.0 - (i / 7 * 7) as f64 / n as f64) * 10.0).max(0.0)),
                symptom: (i % 3 == 0)
                    .then_some((18.0 + 12.0 * (i as f64 / 11.0).sin() * (1.0 - t * 0.6)) as i32),
            }
        })
        .collect();
    (points, day(n - 1))
}

#[test]
fn structure_bars_plan_and_symptom_line() {
    let data = prepared();
    let svg = taper_svg(&data, 900, 420, ChartTheme::Light).expect("svg");
    // One bar per logged day, plus the legend's swatch.
    let logged = data.days.iter().filter(|d| d.actual_g.is_some()).count();
    assert_eq!(logged, 10);
    assert_eq!(count(&svg, "fill=\"#56B4E9\""), logged + 1, "{svg}");
    // The plan covers every day: one unbroken step line (plus the legend's).
    assert_eq!(count(&svg, "stroke=\"#0072B2\""), 2);
    // The symptom line is one line across days without a check-in, with a marker on each
    // check-in (plus the legend's line and marker).
    let checkins = data.days.iter().filter(|d| d.symptom.is_some()).count();
    assert_eq!(
        count(
            &svg,
            "<polyline fill=\"none\" opacity=\"1\" stroke=\"#D55E00\""
        ),
        2
    );
    // Each marker over a halo of the background (plus the legend's marker).
    assert_eq!(count(&svg, "<circle"), 2 * checkins + 1);
    // The right axis names the instrument and shows its top value.
    assert!(svg.contains(LABEL));
    assert!(
        svg.contains(">\n64\n</text>"),
        "the top value 64 is labelled"
    );
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn five_years_keep_labels_apart_and_show_the_year() {
    let (points, today) = synthetic(1826);
    let data =
        TaperChartData::prepare(&points, Some(today), 64, LABEL, &SOWS_BANDS).expect("prepare");
    assert_eq!(data.days.len(), 1826);
    assert_eq!(data.days[0].date_label, "12 Nov 2026");
    let svg = taper_svg(&data, 900, 420, ChartTheme::Light).expect("svg");
    let labels = count(&svg, "Day ");
    assert!((3..=12).contains(&labels), "{labels} day labels");
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    let png = svg_to_png(&svg, 2.0).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    assert_eq!((pixmap.width(), pixmap.height()), (1800, 840));
}

#[test]
fn dark_theme_paints_its_own_background() {
    let data = prepared();
    let svg = taper_svg(&data, 900, 420, ChartTheme::Dark).expect("svg");
    assert!(svg.contains("#1D2227"));
    let png = svg_to_png(&svg, 2.0).expect("png");
    let (r, g, b) = pixel(&png, 2, 2);
    assert!(r < 0x40 && g < 0x40 && b < 0x40, "{r} {g} {b}");
    let light = svg_to_png(
        &taper_svg(&data, 900, 420, ChartTheme::Light).expect("svg"),
        1.0,
    )
    .expect("png");
    assert_eq!(pixel(&light, 2, 2), (255, 255, 255));
    let empty = TaperChartData::prepare(&[], None, 64, LABEL, &SOWS_BANDS).expect("prepare");
    let png = svg_to_png(
        &taper_svg(&empty, 900, 420, ChartTheme::Dark).expect("svg"),
        1.0,
    )
    .expect("png");
    assert_eq!(pixel(&png, 2, 2), (0x1D, 0x22, 0x27));
}

/// Light and dark samples of 7 days, 30 days and 5 years at 900x420 (SVG and 2x PNG).
#[test]
fn write_theme_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/chart-samples");
    std::fs::create_dir_all(&dir).expect("dir");
    for n in [7u64, 30, 1826] {
        let (points, today) = synthetic(n);
        let data =
            TaperChartData::prepare(&points, Some(today), 64, LABEL, &SOWS_BANDS).expect("prepare");
        for (theme, name) in [(ChartTheme::Light, "light"), (ChartTheme::Dark, "dark")] {
            let svg = taper_svg(&data, 900, 420, theme).expect("svg");
            assert!(!svg.contains("NaN"));
            let stem = format!("taper-{n}d-{name}");
            std::fs::write(dir.join(format!("{stem}.svg")), &svg).expect("write");
            std::fs::write(
                dir.join(format!("{stem}@2x.png")),
                svg_to_png(&svg, 2.0).expect("png"),
            )
            .expect("write");
        }
    }
}

#[test]
fn the_symptom_axis_ticks_meet_the_grams_gridlines() {
    let data = prepared();
    let divisions = (data.y_max / data.y_step).round();
    assert!((data.y_max / data.y_step - divisions).abs() < 1e-9);
    assert_eq!(data.symptom_ticks.len() as f64, divisions + 1.0);
    assert_eq!(
        data.symptom_ticks.last(),
        Some(&64.0),
        "the scale's top is a tick"
    );
    for (k, v) in data.symptom_ticks.iter().enumerate() {
        // The tick's height as a share of the axis equals gridline k's.
        let grams = data.y_step * k as f64;
        assert!(
            (v / 64.0 - grams / data.y_max).abs() < 1e-9,
            "tick {v} off line {k}"
        );
    }
    // Drawn: each tick label on the right, text at 14 px or more, the symptom series in
    // vermillion (not black) over a halo.
    let svg = taper_svg(&data, 800, 450, ChartTheme::Light).expect("svg");
    for v in &data.symptom_ticks {
        assert!(svg.contains(&format!(">\n{v}\n</text>")), "tick {v}");
    }
    assert!(svg.to_uppercase().contains("#D55E00"), "vermillion series");
    for size in svg.split("font-size=\"").skip(1) {
        let px: f64 = size
            .split('"')
            .next()
            .and_then(|n| n.trim_end_matches("px").parse().ok())
            .expect("size");
        // plotters writes sizes 1.24 times smaller than drawn (see chart::style).
        assert!(px * 1.24 >= 14.0 - 0.01, "text at {px}");
    }
    // Without check-ins there is no right axis to align.
    let no_symptoms: Vec<TaperPoint> = fourteen_days()
        .0
        .into_iter()
        .map(|p| TaperPoint { symptom: None, ..p })
        .collect();
    let d = TaperChartData::prepare(&no_symptoms, None, 64, LABEL, &SOWS_BANDS).expect("prepare");
    assert!(d.symptom_ticks.is_empty());
}
