//! Craving and sleep: gaps, weekly means for long ranges, validation, themes and samples.

use chrono::{Days, NaiveDate};
use taper_core::chart::{
    sleep_svg, svg_to_png, Bucket, ChartTheme, SleepData, SleepPoint, SLEEP_EMPTY_MESSAGE,
};
use taper_core::Error;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 12)
        .and_then(|d| d.checked_add_days(Days::new(n)))
        .expect("valid date")
}

/// `n` days: craving easing from about 8 to 2, sleep improving from 4 h to 7.5 h; nothing on
/// every sixth day, no craving on every fourth.
fn points(n: u64) -> Vec<SleepPoint> {
    (0..n)
        .filter(|i| i % 6 != 5)
        .map(|i| {
            let t = i as f64 / n as f64;
            SleepPoint {
                day: day(i),
                craving: (i % 4 != 3)
                    .then_some(((8.0 - 6.0 * t + (i as f64 / 3.0).sin()) * 2.0).round() / 2.0),
                sleep_hours: Some(((4.0 + 3.5 * t + (i as f64 / 2.0).cos()) * 2.0).round() / 2.0),
            }
        })
        .collect()
}

#[test]
fn days_with_gaps() {
    let data = SleepData::prepare(&points(14), day(0), day(13), Some(day(13))).expect("prepare");
    assert_eq!(data.bucket, Bucket::Day);
    assert_eq!(data.slots.len(), 14);
    assert_eq!(data.slots[5].craving, None, "a missing day is a gap, not 0");
    assert_eq!(data.slots[5].sleep_hours, None);
    assert_eq!(data.slots[3].craving, None);
    assert!(data.slots[3].sleep_hours.is_some());
    assert_eq!(
        data.sleep_max, 15.0,
        "five steps of 3 h on the craving gridlines"
    );
    assert_eq!(data.today_index, Some(13));
    let svg = sleep_svg(&data, 900, 420, ChartTheme::Light).expect("svg");
    // One sleep bar per day with hours, plus the legend swatch.
    let with_sleep = data
        .slots
        .iter()
        .filter(|s| s.sleep_hours.is_some())
        .count();
    assert_eq!(svg.matches("fill=\"#F0E442\"").count(), with_sleep + 1);
    // The craving line breaks at each gap: runs 0-2, 4, 6, 8-10, 12-13 (plus the legend's line).
    assert_eq!(
        svg.matches("stroke=\"#CC79A7\" stroke-width=\"3\"").count(),
        5 + 1
    );
    for text in ["Craving (0-10)", "Hours slept", "Today", "12 Nov"] {
        assert!(svg.contains(text), "missing {text}");
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
}

#[test]
fn long_ranges_use_weekly_means() {
    let pts = points(365);
    let data = SleepData::prepare(&pts, day(0), day(364), None).expect("prepare");
    assert_eq!(data.bucket, Bucket::Week);
    // 12 Nov 2026 is a Thursday; the first week is cut to Thursday-Sunday.
    assert_eq!(data.slots[0].start, day(0));
    assert_eq!(data.slots[0].end, day(3));
    assert_eq!(data.slots[0].label, "9 Nov");
    let week: Vec<f64> = pts
        .iter()
        .filter(|p| p.day >= day(4) && p.day <= day(10))
        .filter_map(|p| p.sleep_hours)
        .collect();
    let mean = week.iter().sum::<f64>() / week.len() as f64;
    assert_eq!(data.slots[1].sleep_hours, Some(mean));
    assert_eq!(data.slots.len(), 53);
}

#[test]
fn long_sleep_raises_the_axis() {
    let pts = [SleepPoint {
        day: day(0),
        craving: None,
        sleep_hours: Some(16.5),
    }];
    let data = SleepData::prepare(&pts, day(0), day(6), None).expect("prepare");
    assert_eq!(data.sleep_max, 20.0);
}

#[test]
fn bad_input_is_refused() {
    let p = |craving, sleep_hours| {
        [SleepPoint {
            day: day(0),
            craving,
            sleep_hours,
        }]
    };
    let twice = [p(Some(1.0), None)[0], p(Some(2.0), None)[0]];
    for err in [
        SleepData::prepare(&p(Some(11.0), None), day(0), day(6), None),
        SleepData::prepare(&p(Some(-1.0), None), day(0), day(6), None),
        SleepData::prepare(&p(None, Some(25.0)), day(0), day(6), None),
        SleepData::prepare(&p(None, Some(f64::NAN)), day(0), day(6), None),
        SleepData::prepare(&twice, day(0), day(6), None),
        SleepData::prepare(&[], day(6), day(0), None),
        SleepData::prepare(&[], day(0), day(3700), None),
    ] {
        assert!(
            matches!(err, Err(Error::Invalid { field: "chart", .. })),
            "{err:?}"
        );
    }
}

#[test]
fn empty_range_says_what_to_do() {
    let data = SleepData::prepare(&[], day(0), day(6), None).expect("prepare");
    assert!(data.empty);
    let svg = sleep_svg(&data, 900, 420, ChartTheme::Light).expect("svg");
    assert!(svg.contains("No craving or sleep logged in this range yet."));
    assert!(SLEEP_EMPTY_MESSAGE.starts_with("No craving"));
}

#[test]
fn deterministic_png_at_twice_the_size_and_dark() {
    let data = SleepData::prepare(&points(30), day(0), day(29), Some(day(29))).expect("prepare");
    let svg = sleep_svg(&data, 900, 420, ChartTheme::Dark).expect("svg");
    assert_eq!(
        svg,
        sleep_svg(&data, 900, 420, ChartTheme::Dark).expect("svg")
    );
    let png = svg_to_png(&svg, 2.0).expect("png");
    assert_eq!(png, svg_to_png(&svg, 2.0).expect("png"));
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    assert_eq!((pixmap.width(), pixmap.height()), (1800, 840));
    let p = pixmap.pixel(2, 2).expect("pixel");
    assert_eq!((p.red(), p.green(), p.blue()), (0x1D, 0x22, 0x27));
}

/// Light and dark samples of 7 days, 30 days and 5 years at 900x420 (SVG and 2x PNG).
#[test]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/chart-samples");
    std::fs::create_dir_all(&dir).expect("dir");
    for n in [7u64, 30, 1826] {
        let data =
            SleepData::prepare(&points(n), day(0), day(n - 1), Some(day(n - 1))).expect("prepare");
        for (theme, name) in [(ChartTheme::Light, "light"), (ChartTheme::Dark, "dark")] {
            let svg = sleep_svg(&data, 900, 420, theme).expect("svg");
            assert!(!svg.contains("NaN"));
            let stem = format!("sleep-{n}d-{name}");
            std::fs::write(dir.join(format!("{stem}.svg")), &svg).expect("write");
            std::fs::write(
                dir.join(format!("{stem}@2x.png")),
                svg_to_png(&svg, 2.0).expect("png"),
            )
            .expect("write");
        }
    }
}
