//! Report benchmarks: reading the diary, laying out the pages and writing the PDF, for the last
//! week and the last year of a year-long synthetic diary (three doses and a SOWS check-in a day,
//! a plan over the last month, a medicine now and then).
//!
//! `cargo bench -p taper-core --bench report` (add `-- --quick` for a rough figure fast).
//!
//! Targets (release build): a week at most 60 ms, a year at most 250 ms. `year_all_notes` is
//! the worst case (730 notes printed, about 24 pages) and has no target.

use std::hint::black_box;
use std::time::Duration;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::figure::ChartRange;
use taper_core::instrument::SOWS;
use taper_core::medicine::MedicineInput;
use taper_core::plan::{PlanParams, Rounding, Shape};
use taper_core::report::{self, Paper, ReportData, ReportOptions};
use taper_core::settings::CheckinChoice;
use taper_core::Store;

const DAYS: u64 = 365;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

fn now() -> DateTime<Utc> {
    "2026-11-26T12:00:00Z".parse().expect("now")
}

fn generated() -> DateTime<FixedOffset> {
    "2026-11-26T18:30:00+01:00".parse().expect("generated")
}

fn seed(store: &mut Store) {
    let mut settings = store.settings().expect("settings");
    settings.checkin_instrument = CheckinChoice::Sows;
    store.save_settings(settings).expect("settings saved");
    let first = today()
        .checked_sub_days(Days::new(DAYS))
        .expect("first day");
    let mut doses = Vec::new();
    let mut checkins = Vec::new();
    for i in 0..DAYS {
        let d = first.checked_add_days(Days::new(i)).expect("day");
        let ds = d.format("%Y-%m-%d");
        let g = 2.0 + (i % 5) as f64 * 0.5;
        for (h, note) in [("08", Some("with breakfast")), ("14", None), ("21", None)] {
            doses.push(DoseInput {
                amount: format!("{g}"),
                unit: Unit::G,
                taken_at: format!("{ds}T{h}:00:00+01:00"),
                form: Form::Powder,
                product: None,
                estimated: false,
                note: note.map(str::to_owned),
                confirm_large: false,
            });
        }
        let score = i32::try_from(i % 5).unwrap_or(0);
        checkins.push(CheckInInput {
            taken_at: format!("{ds}T19:00:00+01:00"),
            items: SOWS
                .items
                .iter()
                .map(|it| ItemScore {
                    key: it.key.into(),
                    score,
                })
                .collect(),
            craving: Some(score * 2),
            sleep_hours: Some(5.0 + f64::from(score) * 0.5),
            sleep_quality: None,
            mood: None,
            note: Some("evening check-in".into()),
        });
        if i % 10 == 0 {
            store
                .add_medicine(
                    &MedicineInput {
                        taken_at: format!("{ds}T12:00:00+01:00"),
                        name: "Ibuprofen".into(),
                        amount: Some("400".into()),
                        unit: Some("mg".into()),
                        note: None,
                    },
                    now(),
                )
                .expect("medicine");
        }
    }
    store.add_doses(&doses, now()).expect("doses");
    store.add_checkins(&checkins, now()).expect("check-ins");
    let start = today().checked_sub_days(Days::new(30)).expect("start");
    store
        .create_plan(
            &PlanParams {
                start,
                start_g: 9.0,
                shape: Shape::Fixed {
                    step_g: 0.5,
                    every_days: 3,
                },
                hold_days: 0,
                floor_g: 0.0,
                rounding: Rounding::Tenth,
            },
            start,
            now(),
        )
        .expect("plan");
}

fn make(store: &Store, days: u32, notes: bool) -> Vec<u8> {
    let options = ReportOptions {
        range: ChartRange::Last { days },
        paper: Paper::A4,
        include_notes: notes,
        name: Some("Alex Example".into()),
    };
    let data = ReportData::gather(store, &options, today(), generated(), "0.1.0").expect("gather");
    report::pdf(&data).expect("pdf")
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("taper.db")).expect("open");
    seed(&mut store);
    // One pass by stage, to see where the time goes.
    for days in [7, 365] {
        let options = ReportOptions {
            range: ChartRange::Last { days },
            paper: Paper::A4,
            include_notes: true,
            name: Some("Alex Example".into()),
        };
        let t = std::time::Instant::now();
        let data =
            ReportData::gather(&store, &options, today(), generated(), "0.1.0").expect("gather");
        let gathered = t.elapsed();
        let pages = report::pages_svg(&data).expect("layout");
        let laid_out = t.elapsed();
        let pdf = report::pdf_from_pages(&pages, &data).expect("pdf");
        let done = t.elapsed();
        // REPORT_SAMPLES=folder keeps the PDFs to look at.
        if let Some(dir) = std::env::var_os("REPORT_SAMPLES") {
            let path = std::path::Path::new(&dir).join(format!("bench-{days}-days.pdf"));
            report::write_pdf(&path, &pdf).expect("sample written");
        }
        eprintln!(
            "{days} days: gather {gathered:?}, layout {:?}, pdf {:?}; {} pages, {} KB",
            laid_out - gathered,
            done - laid_out,
            pages.len(),
            pdf.len() / 1024
        );
    }
    let mut g = c.benchmark_group("report");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("week", |b| b.iter(|| black_box(make(&store, 7, true))));
    g.bench_function("year", |b| b.iter(|| black_box(make(&store, 365, false))));
    // Worst case: a note on every dose and check-in of the year, all printed.
    g.bench_function("year_all_notes", |b| {
        b.iter(|| black_box(make(&store, 365, true)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
