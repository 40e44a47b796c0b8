//! Store benchmarks on a diary holding five years of data (4 doses and 2 check-ins a day).
//!
//! `cargo bench -p taper-core --bench store`
//!
//! - save_dose/taper: a durable save through the store (validation, IMMEDIATE transaction,
//!   fsync at commit, read-back), against save_dose/bare_insert: a plain rusqlite INSERT +
//!   COMMIT with the same pragmas on the same file. Both are bound by the disk's fsync.
//! - load/day and load/month: what Today and a month view read.

use std::hint::black_box;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::store::configure;
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
                                   unit, form, product, estimated, note, created_at, updated_at)
                 VALUES ('2026-10-31T07:00:00Z', '2026-10-31T08:00:00', 60, 25, 2.5, 'g', 'powder',
                         'Red Bali', 0, NULL, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z')",
                [],
            )
            .expect("insert");
            bare.execute_batch("COMMIT").expect("commit");
        })
    });
    group.finish();

    let mut group = c.benchmark_group("load");
    let day = NaiveDate::from_ymd_opt(2024, 6, 15).expect("date");
    group.bench_function("day", |b| {
        b.iter(|| black_box(store.day(day).expect("day")))
    });
    let (from, to) = (
        NaiveDate::from_ymd_opt(2024, 6, 1).expect("date"),
        NaiveDate::from_ymd_opt(2024, 6, 30).expect("date"),
    );
    group.bench_function("month", |b| {
        b.iter(|| {
            black_box(store.doses_between(from, to).expect("doses"));
            black_box(store.checkins_between(from, to).expect("check-ins"));
        })
    });
    group.finish();
}

criterion_group!(store, benches);
criterion_main!(store);
