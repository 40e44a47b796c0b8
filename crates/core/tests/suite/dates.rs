//! The years 1900-2200 for every date Taper takes (issue 13): doses, check-ins and medicines
//! typed at the edges, the day view, chart ranges (drawn at both edges) and plan starts, on real
//! SQLite files.

use crate::common;

use chrono::{DateTime, Utc};
use common::{checkin_items, day, dose, now, tmp};
use taper_core::day::parse_day;
use taper_core::figure::{self, ChartKind, ChartRange, ChartRequest};
use taper_core::medicine::MedicineInput;
use taper_core::{Error, Store};

fn medicine(at: &str) -> MedicineInput {
    MedicineInput {
        taken_at: at.into(),
        name: "loperamide".into(),
        amount: Some("2".into()),
        unit: Some("mg".into()),
        note: None,
    }
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("now")
}

#[test]
fn every_entry_kind_refuses_years_outside_1900_to_2200() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    // The upper edge is typed on a clock at the end of 2200 (a time is never still to come).
    let late = at("2200-12-31T23:59:00Z");
    for (time, when, ok) in [
        ("1899-12-31T12:00:00+00:00", now(), false),
        // 1900-01-01 could be diary day 1899-12-31 (before the day-start hour).
        ("1900-01-01T23:00:00+00:00", now(), false),
        ("1900-01-02T01:00:00+00:00", now(), true),
        ("2200-12-31T23:59:00+00:00", late, true),
        ("2201-01-01T00:00:00+00:00", late, false),
    ] {
        let results: Vec<(&str, Result<(), Error>)> = vec![
            ("dose", s.add_dose(&dose("1", time), when).map(|_| ())),
            (
                "check-in",
                s.add_checkin(&checkin_items(time, &[("aches", 1)]), when)
                    .map(|_| ()),
            ),
            (
                "medicine",
                s.add_medicine(&medicine(time), when).map(|_| ()),
            ),
        ];
        for (kind, r) in results {
            match (ok, r) {
                (true, Ok(())) => {}
                (false, Err(Error::Invalid { field, message })) => {
                    assert_eq!(field, "taken_at", "{kind} {time}");
                    assert!(message.contains("1900 to 2200"), "{kind}: {message}");
                }
                (_, other) => panic!("{kind} at {time}: {other:?}"),
            }
        }
    }
    // The earliest entries fall on diary day 1900-01-01 (before the 04:00 day start), a day
    // Taper shows.
    let first = s
        .day(parse_day("date", "1900-01-01").expect("day"))
        .expect("the first day shows");
    assert_eq!((first.dose_count, first.checkins.len()), (1, 1));
    // Days asked for: the day view, and a chart or report range, at the edges.
    for (text, ok) in [
        ("1899-12-31", false),
        ("1900-01-01", true),
        ("2200-12-31", true),
        ("2201-01-01", false),
    ] {
        match parse_day("date", text) {
            Ok(d) => {
                assert!(ok, "{text}");
                let view = s.day(d).expect("the day loads");
                assert_eq!(view.date, text);
            }
            Err(e) => {
                assert!(!ok, "{text}");
                assert_eq!(e.field(), Some("date"));
                assert!(e.to_string().contains("1900 to 2200"), "{e}");
            }
        }
    }
    let range = |from: &str, to: &str| ChartRange::Between {
        from: day(from),
        to: day(to),
    };
    let today = day("2026-11-25");
    for (from, to, refused) in [
        ("1899-12-31", "1900-01-10", Some("from")),
        ("2200-12-20", "2201-01-01", Some("to")),
        ("1900-01-01", "1900-01-14", None),
        ("2200-12-18", "2200-12-31", None),
    ] {
        match figure::resolve(&s, &range(from, to), today) {
            Ok(_) => {
                assert_eq!(refused, None, "{from}..{to}");
                for kind in [
                    ChartKind::Taper,
                    ChartKind::Symptoms,
                    ChartKind::Progress,
                    ChartKind::Sleep,
                ] {
                    let req = ChartRequest {
                        kind,
                        range: range(from, to),
                        theme: Default::default(),
                        width: 900,
                        height: 420,
                    };
                    figure::draw(&s, &req, today).expect("drawn at the edge");
                }
            }
            Err(e) => {
                assert_eq!(e.field(), refused, "{from}..{to}: {e}");
                assert!(e.to_string().contains("1900 to 2200"), "{e}");
            }
        }
    }
    // A plan's start.
    let e = common::detox_week(day("1899-12-31"), 6.0)
        .validate()
        .expect_err("1899");
    assert_eq!(e.field(), Some("start"));
    common::detox_week(day("2200-12-31"), 6.0)
        .validate()
        .expect("2200 is in range");
    let e = taper_core::plan::schedule(&common::detox_week(chrono::NaiveDate::MAX, 6.0))
        .expect_err("the end of the date type");
    assert_eq!(e.field(), Some("start"));
}
