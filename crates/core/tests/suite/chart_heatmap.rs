//! The symptom heatmap: bucketing, validation, empty data, themes and sample output.

use chrono::{Days, NaiveDate};
use taper_core::chart::{
    heatmap_svg, svg_to_png, Bucket, ChartTheme, HeatCell, HeatmapData, HEATMAP_EMPTY_MESSAGE,
    LEVEL_WORDS,
};
use taper_core::Error;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 12)
        .and_then(|d| d.checked_add_days(Days::new(n)))
        .expect("valid date")
}

fn symptoms() -> Vec<(String, String)> {
    [
        ("anxiety", "Anxiety"),
        (
            "restless_legs",
            "Restless legs, unable to sit still in the evening",
        ),
        ("aches", "Muscle aches"),
        ("sweats", "Sweating"),
        ("runny_nose", "Runny nose"),
        ("diarrhoea", "Diarrhoea"),
        ("irritability", "Irritability"),
        ("low_mood", "Low mood"),
        ("insomnia", "Trouble sleeping"),
        ("fatigue", "Fatigue"),
    ]
    .into_iter()
    .map(|(k, l)| (k.to_owned(), l.to_owned()))
    .collect()
}

/// `n` days of check-ins: none on every fifth day, scores rising then falling; the first
/// symptom twice on day 0 (2 then 3).
fn cells(n: u64) -> Vec<HeatCell> {
    let keys = symptoms();
    let mut out = vec![HeatCell {
        day: day(0),
        key: "anxiety".into(),
        score: 2,
    }];
    for i in 0..n {
        if i % 5 == 2 {
            continue;
        }
        for (r, (key, _)) in keys.iter().enumerate() {
            let wave = ((i as f64 / 9.0 + r as f64).sin() + 1.0)
                * 2.0
                * (1.0 - i as f64 / (n as f64 * 1.5));
            out.push(HeatCell {
                day: day(i),
                key: key.clone(),
                score: (wave.round() as i32).clamp(0, 4),
            });
        }
    }
    out[1].score = 3.max(out[1].score);
    out
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn days_rows_and_daily_maximum() {
    let data = HeatmapData::prepare(day(0), day(13), &symptoms(), &cells(14), 4).expect("prepare");
    assert_eq!(data.bucket, Bucket::Day);
    assert_eq!(data.columns.len(), 14);
    assert_eq!(data.columns[0].label, "12 Nov");
    assert_eq!(data.rows.len(), 10);
    assert_eq!(
        data.rows[1].key, "restless_legs",
        "rows keep the order given"
    );
    // Two scores the same day: the higher counts.
    assert_eq!(data.rows[0].values[0], Some(3));
    // No check-in is not a zero.
    assert_eq!(data.rows[0].values[2], None);
    assert!(!data.empty);
}

#[test]
fn long_ranges_go_by_iso_week() {
    // 12 Nov 2026 is a Thursday: the first week starts on Monday 9 Nov, cut to the range.
    let to = day(199);
    let data = HeatmapData::prepare(day(0), to, &symptoms(), &cells(200), 4).expect("prepare");
    assert_eq!(data.bucket, Bucket::Week);
    assert_eq!(data.columns[0].start, day(0));
    assert_eq!(data.columns[0].label, "9 Nov");
    assert_eq!(data.columns[1].start, day(4), "Monday 16 Nov");
    assert_eq!(data.columns.last().map(|c| c.end), Some(to));
    // The weekly value is the week's highest.
    let week1: Vec<i32> = cells(200)
        .iter()
        .filter(|c| c.key == "aches" && c.day >= day(4) && c.day <= day(10))
        .map(|c| c.score)
        .collect();
    assert_eq!(data.rows[2].values[1], week1.iter().copied().max());
    // 92 days are still days.
    let data = HeatmapData::prepare(day(0), day(91), &symptoms(), &cells(92), 4).expect("prepare");
    assert_eq!(data.bucket, Bucket::Day);
}

#[test]
fn bad_input_is_refused() {
    let s = symptoms();
    let bad_score = [HeatCell {
        day: day(0),
        key: "anxiety".into(),
        score: 5,
    }];
    let negative = [HeatCell {
        day: day(0),
        key: "anxiety".into(),
        score: -1,
    }];
    let unknown = [HeatCell {
        day: day(0),
        key: "yawning".into(),
        score: 1,
    }];
    let twice = vec![
        ("a".to_owned(), "A".to_owned()),
        ("a".to_owned(), "A again".to_owned()),
    ];
    for err in [
        HeatmapData::prepare(day(0), day(3), &s, &bad_score, 4),
        HeatmapData::prepare(day(0), day(3), &s, &negative, 4),
        HeatmapData::prepare(day(0), day(3), &s, &unknown, 4),
        HeatmapData::prepare(day(3), day(0), &s, &[], 4),
        HeatmapData::prepare(day(0), day(3700), &s, &[], 4),
        HeatmapData::prepare(day(0), day(3), &s, &[], 0),
        HeatmapData::prepare(day(0), day(3), &twice, &[], 4),
    ] {
        assert!(
            matches!(err, Err(Error::Invalid { field: "chart", .. })),
            "{err:?}"
        );
    }
}

#[test]
fn empty_range_says_what_to_do() {
    let data = HeatmapData::prepare(day(0), day(6), &symptoms(), &[], 4).expect("prepare");
    assert!(data.empty);
    for theme in [ChartTheme::Light, ChartTheme::Dark] {
        let svg = heatmap_svg(&data, 900, 420, theme).expect("svg");
        // The message may be set on two lines; both halves are there.
        assert!(svg.contains("No check-ins in this range yet."), "{svg}");
        assert!(svg.contains("Check in to see your symptoms here."));
        assert!(HEATMAP_EMPTY_MESSAGE.starts_with("No check-ins"));
        svg_to_png(&svg, 1.0).expect("png");
    }
}

#[test]
fn legend_labels_cells_and_determinism() {
    let data = HeatmapData::prepare(day(0), day(29), &symptoms(), &cells(30), 4).expect("prepare");
    let svg = heatmap_svg(&data, 900, 420, ChartTheme::Light).expect("svg");
    for word in LEVEL_WORDS
        .iter()
        .chain(&["No check-in", "Anxiety", "Muscle aches"])
    {
        assert!(svg.contains(&format!(">\n{word}\n<")), "missing {word}");
    }
    // The long label is cut with an ellipsis, not run into the grid.
    assert!(svg.contains('…'));
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    // One filled cell per (symptom, day) with a check-in: 24 check-in days x 10 symptoms,
    // each a rect in one of the five heat colours (the legend adds one per colour).
    let heat = ["#E4E4E4", "#FED976", "#FD8D3C", "#E31A1C", "#800026"];
    let filled: usize = heat
        .iter()
        .map(|c| count(&svg, &format!("fill=\"{c}\" stroke=\"none\"")))
        .sum();
    assert_eq!(filled, 24 * 10 + 5);
    assert_eq!(
        svg,
        heatmap_svg(&data, 900, 420, ChartTheme::Light).expect("svg")
    );
    let png = svg_to_png(&svg, 2.0).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    assert_eq!((pixmap.width(), pixmap.height()), (1800, 840));
    assert_eq!(png, svg_to_png(&svg, 2.0).expect("png"));
}

#[test]
fn dark_theme_is_dark() {
    let data = HeatmapData::prepare(day(0), day(29), &symptoms(), &cells(30), 4).expect("prepare");
    let svg = heatmap_svg(&data, 900, 420, ChartTheme::Dark).expect("svg");
    let png = svg_to_png(&svg, 1.0).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
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
            HeatmapData::prepare(day(0), day(n - 1), &symptoms(), &cells(n), 4).expect("prepare");
        for (theme, name) in [(ChartTheme::Light, "light"), (ChartTheme::Dark, "dark")] {
            let svg = heatmap_svg(&data, 900, 420, theme).expect("svg");
            assert!(!svg.contains("NaN"));
            let stem = format!("heatmap-{n}d-{name}");
            std::fs::write(dir.join(format!("{stem}.svg")), &svg).expect("write");
            std::fs::write(
                dir.join(format!("{stem}@2x.png")),
                svg_to_png(&svg, 2.0).expect("png"),
            )
            .expect("write");
        }
    }
    let empty = HeatmapData::prepare(day(0), day(6), &symptoms(), &[], 4).expect("prepare");
    let svg = heatmap_svg(&empty, 900, 420, ChartTheme::Light).expect("svg");
    std::fs::write(
        dir.join("heatmap-empty.png"),
        svg_to_png(&svg, 1.0).expect("png"),
    )
    .expect("write");
}
