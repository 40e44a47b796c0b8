//! Store benchmarks on a diary holding five years of data (4 doses and 2 check-ins a day).
//!
//! `cargo bench -p taper-core --bench store`
//!
//! - save_dose/taper: a durable save through the store (validation, IMMEDIATE transaction,
//!   fsync at commit, read-back), against save_dose/bare_insert: a plain rusqlite INSERT +
//!   COMMIT with the same pragmas on the same file. Both are bound by the disk's fsync.
//! - load/day and load/month: what Today and a month view read.
//! - chart/*: a chart as the app asks for it (`figure::draw`: the store's day-by-day figures,
//!   preparation and the SVG) for the last 7 days and for all 5 years; `chart/query_5y` the
//!   figures alone; `chart/png2x_*` the 5-year SVG rasterised at twice the size.
//! - encrypted/*: the same diary encrypted (SQLCipher): a durable save, a day and a month
//!   loaded, opening it (the key derivation, the key check and `quick_check`) against opening it
//!   plain, and changing the passphrase of all five years (export, check, rename).

use std::hint::black_box;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};
use taper_core::chart::{svg_to_png, ChartTheme};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::figure::{self, ChartKind, ChartRange, ChartRequest};
use taper_core::plan::{PlanParams, Rounding, Shape};
use taper_core::store::OpenOptions;
use taper_core::store::{configure, Passphrase};
use taper_core::Store;

const YEARS: i64 = 5;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 11, 1).expect("date")
}

fn now() -> DateTime<Utc> {
    "2026-11-01T12:00:00Z".parse().expect("now")
}

fn seed(store: &mut Store) {
    let days = YEARS * 365 + 1;
    let keys = [
        "aches",
        "insomnia",
        "irritability",
        "anxiety",
        "restlessness",
        "sweating",
    ];
    for chunk in 0..(days / 100 + 1) {
        let mut doses = Vec::new();
        let mut checkins = Vec::new();
        for d in (chunk * 100)..((chunk + 1) * 100).min(days) {
            let date = first_day() + Duration::days(d);
            for (i, hour) in [7, 12, 17, 22].into_iter().enumerate() {
                doses.push(DoseInput {
                    amount: format!("{:.1}", 1.0 + (d % 7) as f64 * 0.25 + i as f64 * 0.1),
                    unit: Unit::G,
                    taken_at: format!("{date}T{hour:02}:15:00+01:00"),
                    form: Form::Powder,
                    product: Some("Red Bali".into()),
                    estimated: i == 3,
                    note: (d % 5 == 0).then(|| "after lunch, felt ok".into()),
                    confirm_large: false,
                });
            }
            for hour in [9, 21] {
                checkins.push(CheckInInput {
                    taken_at: format!("{date}T{hour:02}:00:00+01:00"),
                    items: keys
                        .iter()
                        .enumerate()
                        .map(|(i, k)| ItemScore {
                            key: (*k).into(),
                            score: ((d as usize + i) % 5) as i32,
                        })
                        .collect(),
                    craving: Some((d % 11) as i32),
                    sleep_hours: Some(6.5),
                    sleep_quality: Some(2),
                    mood: Some(2),
                    note: None,
                });
            }
        }
        store.add_doses(&doses, now()).expect("seed doses");
        store
            .add_checkins(&checkins, now())
            .expect("seed check-ins");
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("taper.db");
    let mut store = Store::open(&path).expect("open");
    seed(&mut store);

    let bare = rusqlite::Connection::open(&path).expect("bare connection");
    bare.busy_timeout(std::time::Duration::from_secs(5))
        .expect("timeout");
    configure(&bare).expect("same pragmas");

    let input = DoseInput {
        amount: "2.5".into(),
        unit: Unit::G,
        taken_at: "2026-10-31T08:00:00+01:00".into(),
        form: Form::Powder,
        product: Some("Red Bali".into()),
        estimated: false,
        note: None,
        confirm_large: false,
    };
    let mut group = c.benchmark_group("save_dose");
    group.sample_size(40);
    group.bench_function("taper", |b| {
        b.iter(|| black_box(store.add_dose(&input, now()).expect("save")))
    });
    group.bench_function("bare_insert", |b| {
        b.iter(|| {
            bare.execute_batch("BEGIN IMMEDIATE").expect("begin");
            bare.execute(
                "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered,
                                   unit, form, product, estimated, note, created_at, updated_at, uid)
                 VALUES ('2026-10-31T07:00:00Z', '2026-10-31T08:00:00', 60, 25, 2.5, 'g', 'powder',
                         'Red Bali', 0, NULL, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z', :uid)",
                rusqlite::named_params! {":uid": taper_core::uid::new_uid()},
            )
            .expect("insert");
            bare.execute_batch("COMMIT").expect("commit");
        })
    });
    group.finish();

    let mut group = c.benchmark_group("load");
    load_benches(&mut group, &store, "day", "month");
    group.finish();

    chart_benches(c, &mut store);
    drop(store);
    encrypted_benches(c, &path, &input);
}

fn encrypted_benches(c: &mut Criterion, path: &std::path::Path, input: &DoseInput) {
    let mut group = c.benchmark_group("encrypted");
    group.sample_size(10);
    group.bench_function("open_plain_5y", |b| {
        b.iter(|| black_box(Store::open(path).expect("open")))
    });
    let keys = [
        Passphrase::new_for_diary("correct horse battery").expect("key"),
        Passphrase::new_for_diary("second staple horse").expect("key"),
    ];
    let mut store = Store::open(path).expect("open");
    store
        .set_passphrase(Some(keys[0].clone()))
        .expect("encrypt");
    drop(store);
    group.bench_function("open_5y", |b| {
        b.iter(|| {
            black_box(
                Store::open_with(path, OpenOptions::default().key(Some(&keys[0]))).expect("open"),
            )
        })
    });
    let mut store =
        Store::open_with(path, OpenOptions::default().key(Some(&keys[0]))).expect("open");
    let mut turn = 0;
    group.bench_function("change_passphrase_5y", |b| {
        b.iter(|| {
            turn += 1;
            store
                .set_passphrase(Some(keys[turn % 2].clone()))
                .expect("change")
        })
    });
    group.sample_size(40);
    group.bench_function("save_dose", |b| {
        b.iter(|| black_box(store.add_dose(input, now()).expect("save")))
    });
    load_benches(&mut group, &store, "load_day", "load_month");
    group.finish();
}

/// What Today reads for one day, and a month of doses and check-ins.
fn load_benches(
    group: &mut BenchmarkGroup<'_, WallTime>,
    store: &Store,
    day_name: &str,
    month_name: &str,
) {
    let day = NaiveDate::from_ymd_opt(2024, 6, 15).expect("date");
    group.bench_function(day_name, |b| {
        b.iter(|| black_box(store.day(day).expect("day")))
    });
    let (from, to) = (
        NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"),
        NaiveDate::from_ymd_opt(2024, 6, 30).expect("date"),
    );
    group.bench_function(month_name, |b| {
        b.iter(|| {
            black_box(store.doses_between(from, to).expect("doses"));
            black_box(store.checkins_between(from, to).expect("check-ins"));
        })
    });
}

fn chart_benches(c: &mut Criterion, store: &mut Store) {
    let today = NaiveDate::from_ymd_opt(2026, 10, 31).expect("date");
    let start = today - Duration::days(20);
    store
        .create_plan(
            &PlanParams {
                start,
                start_g: 8.0,
                shape: Shape::Percentage {
                    percent: 10.0,
                    every_days: 3,
                },
                hold_days: 0,
                floor_g: 0.5,
                rounding: Rounding::Tenth,
            },
            start,
            now(),
        )
        .expect("plan");
    store
        .step_back(today - Duration::days(5), 2, now())
        .expect("step back");
    let all = ChartRange::Between {
        from: first_day(),
        to: today,
    };
    let mut group = c.benchmark_group("chart");
    group.sample_size(20);
    group.bench_function("query_5y", |b| {
        b.iter(|| {
            black_box(store.daily_grams(first_day(), today).expect("grams"));
            black_box(store.planned_between(first_day(), today).expect("plan"));
            black_box(
                store
                    .daily_scores(first_day(), today, "kratom")
                    .expect("scores"),
            );
        })
    });
    group.bench_function("query_5y_grams", |b| {
        b.iter(|| black_box(store.daily_grams(first_day(), today).expect("grams")))
    });
    group.bench_function("query_5y_planned", |b| {
        b.iter(|| black_box(store.planned_between(first_day(), today).expect("plan")))
    });
    group.bench_function("query_5y_scores", |b| {
        b.iter(|| {
            black_box(
                store
                    .daily_scores(first_day(), today, "kratom")
                    .expect("scores"),
            )
        })
    });
    group.bench_function("query_5y_items", |b| {
        b.iter(|| {
            black_box(
                store
                    .daily_item_scores(first_day(), today, "kratom")
                    .expect("items"),
            )
        })
    });
    for (kind, name) in [
        (ChartKind::Taper, "taper"),
        (ChartKind::Symptoms, "symptoms"),
        (ChartKind::Progress, "progress"),
        (ChartKind::Sleep, "sleep"),
    ] {
        for (range, span) in [(ChartRange::Last { days: 7 }, "7d"), (all.clone(), "5y")] {
            let req = ChartRequest {
                kind,
                range,
                theme: ChartTheme::Light,
                width: 900,
                height: 420,
            };
            group.bench_function(format!("{name}_svg_{span}"), |b| {
                b.iter(|| black_box(figure::draw(store, &req, today).expect("chart")))
            });
            if span == "5y" {
                let svg = figure::draw(store, &req, today).expect("chart").svg;
                group.bench_function(format!("{name}_png2x_{span}"), |b| {
                    b.iter(|| black_box(svg_to_png(&svg, 2.0).expect("png")))
                });
            }
        }
    }
    group.finish();
}

criterion_group!(store, benches);
criterion_main!(store);
