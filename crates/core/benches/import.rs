//! Import benchmark: ten years of doses (4 a day, 14,612 doses) into an empty diary.
//!
//! `cargo bench -p taper-core --bench import`
//!
//! - import/dose_csv_10y: a spreadsheet CSV read, every row checked by the dose rules
//!   (`export::parse_dose_csv`), then saved in one IMMEDIATE transaction
//!   (`Store::import_doses`, which also skips rows already there). Target ≤ 1 s.
//! - import/backup_10y: the same doses as a JSON backup (`export::read_backup` +
//!   `Store::import_backup`, one transaction).
//!
//! Each iteration starts from a new, empty diary file (created outside the timing).

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use taper_core::export::{backup_json, parse_dose_csv, read_backup};
use taper_core::settings::Settings;
use taper_core::Store;

const YEARS: i64 = 10;

fn now() -> DateTime<Utc> {
    "2026-11-01T12:00:00Z".parse().expect("now")
}

fn csv() -> String {
    let first = NaiveDate::from_ymd_opt(2016, 11, 1).expect("date");
    let mut out = String::from("time,amount,unit,form,note\r\n");
    let days = YEARS * 365 + 2;
    for d in 0..days {
        let day = first + chrono::Duration::days(d);
        for (h, g) in [(7, "3"), (12, "2.5"), (17, "2"), (22, "1.5")] {
            out.push_str(&format!(
                "{day}T{h:02}:00:00+01:00,{g},g,powder,\"day {d}, dose at {h}\"\r\n"
            ));
        }
    }
    out
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("taper.db")).expect("open");
    (dir, store)
}

fn bench(c: &mut Criterion) {
    let text = csv();
    let settings = Settings::default();
    let mut g = c.benchmark_group("import");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    g.bench_function("dose_csv_10y", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (_dir, mut store) = fresh();
                let start = Instant::now();
                let p = parse_dose_csv(&text, &settings, now()).expect("parse");
                assert!(p.bad.is_empty());
                let s = store.import_doses(&p.rows, now()).expect("import");
                total += start.elapsed();
                assert_eq!(s.added_doses as usize, p.rows.len());
            }
            total
        })
    });
    let backup = {
        let (_dir, mut store) = fresh();
        let p = parse_dose_csv(&text, &settings, now()).expect("parse");
        store.import_doses(&p.rows, now()).expect("import");
        backup_json(&store, now()).expect("backup")
    };
    g.bench_function("backup_10y", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (_dir, mut store) = fresh();
                let start = Instant::now();
                let parsed = read_backup(&backup).expect("read");
                let s = store.import_backup(&parsed, None, now()).expect("import");
                total += start.elapsed();
                assert_eq!(s.added_doses as usize, parsed.doses.len());
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
