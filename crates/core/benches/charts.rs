//! Chart benchmarks: data preparation plus SVG for 7 days and for 5 years of synthetic data,
//! and the 2x PNG of the 5-year charts, at the on-screen size of 900x420.
//!
//! `cargo bench -p taper-core --bench charts` (add `-- --quick` for a rough figure fast).
//!
//! Targets: 5 years SVG at most 10 ms, 5 years PNG at 2x at most 80 ms, 7 days SVG at most
//! 2 ms.

use std::hint::black_box;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use taper_core::chart::{
    heatmap_svg, progress_svg, sleep_svg, svg_to_png, taper_svg, ChartTheme, DayPoint, HeatCell,
    HeatmapData, ProgressData, SleepData, SleepPoint, TaperChartData, TaperPoint,
};

const W: u32 = 900;
const H: u32 = 420;
const LABEL: &str = "SOWS score (0-64)";
const BANDS: [(i32, i32, &str); 4] = [
    (0, 10, "None"),
    (11, 20, "Mild"),
    (21, 30, "Moderate"),
    (31, 64, "Severe"),
];
const SYMPTOMS: [&str; 10] = [
    "anxiety",
    "restless_legs",
    "aches",
    "sweats",
    "runny_nose",
    "diarrhoea",
    "irritability",
    "low_mood",
    "insomnia",
    "fatigue",
];

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 11, 1)
        .and_then(|d| d.checked_add_days(Days::new(n)))
        .expect("date")
}

/// Everything the four charts need for `n` days: a dose most days, a check-in most days.
struct Input {
    n: u64,
    taper: Vec<TaperPoint>,
    days: Vec<DayPoint>,
    sleep: Vec<SleepPoint>,
    symptoms: Vec<(String, String)>,
    cells: Vec<HeatCell>,
}

fn input(n: u64) -> Input {
    let g = |i: u64| (10.0 * (1.0 - i as f64 / n as f64)).max(0.0);
    let s = |i: u64| (20.0 + 12.0 * (i as f64 / 11.0).sin()) as i32;
    let taper = (0..n)
        .map(|i| TaperPoint {
            day: day(i),
            actual_g: (i % 9 != 4).then_some(g(i)),
            planned_g: Some(g(i / 7 * 7)),
            symptom: (i % 3 != 1).then_some(s(i)),
        })
        .collect();
    let days = (0..n)
        .map(|i| DayPoint {
            day: day(i),
            actual_g: (i % 9 != 4).then_some(g(i)),
            symptom: (i % 3 != 1).then_some(s(i)),
        })
        .collect();
    let sleep = (0..n)
        .map(|i| SleepPoint {
            day: day(i),
            craving: (i % 4 != 3).then_some((i % 11) as f64 * 0.9),
            sleep_hours: (i % 6 != 5).then_some(4.0 + (i % 8) as f64 * 0.5),
        })
        .collect();
    let symptoms = SYMPTOMS
        .iter()
        .map(|k| ((*k).to_owned(), k.replace('_', " ")))
        .collect();
    let cells = (0..n)
        .filter(|i| i % 5 != 2)
        .flat_map(|i| {
            SYMPTOMS.iter().enumerate().map(move |(r, k)| HeatCell {
                day: day(i),
                key: (*k).to_owned(),
                score: ((i as usize / 3 + r) % 5) as i32,
            })
        })
        .collect();
    Input {
        n,
        taper,
        days,
        sleep,
        symptoms,
        cells,
    }
}

fn taper(i: &Input) -> String {
    let data =
        TaperChartData::prepare(&i.taper, Some(day(i.n - 1)), 64, LABEL, &BANDS).expect("prepare");
    taper_svg(&data, W, H, ChartTheme::Light).expect("svg")
}

fn heatmap(i: &Input) -> String {
    let data =
        HeatmapData::prepare(day(0), day(i.n - 1), &i.symptoms, &i.cells, 4).expect("prepare");
    heatmap_svg(&data, W, H, ChartTheme::Light).expect("svg")
}

fn progress(i: &Input) -> String {
    let data = ProgressData::prepare(&i.days, day(0), day(i.n - 1), Some(day(i.n)), 64, LABEL)
        .expect("prepare");
    progress_svg(&data, W, H, ChartTheme::Light).expect("svg")
}

fn sleep(i: &Input) -> String {
    let data =
        SleepData::prepare(&i.sleep, day(0), day(i.n - 1), Some(day(i.n - 1))).expect("prepare");
    sleep_svg(&data, W, H, ChartTheme::Light).expect("svg")
}

type Chart = fn(&Input) -> String;

const CHARTS: [(&str, Chart); 4] = [
    ("taper", taper),
    ("heatmap", heatmap),
    ("progress", progress),
    ("sleep", sleep),
];

fn benches(c: &mut Criterion) {
    let week = input(7);
    let years = input(5 * 365 + 1);
    let mut g = c.benchmark_group("svg");
    for (name, chart) in CHARTS {
        g.bench_function(format!("{name}/7_days"), |b| {
            b.iter(|| chart(black_box(&week)))
        });
        g.bench_function(format!("{name}/5_years"), |b| {
            b.iter(|| chart(black_box(&years)))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("png_2x");
    g.sample_size(10);
    for (name, chart) in CHARTS {
        let svg = chart(&years);
        g.bench_function(format!("{name}/5_years"), |b| {
            b.iter(|| svg_to_png(black_box(&svg), 2.0).expect("png"))
        });
    }
    g.finish();
}

criterion_group! {
    name = charts;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(charts);
