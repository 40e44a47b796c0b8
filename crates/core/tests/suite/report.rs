//! The clinician report from a real diary: what the PDF says (through `pdftotext`), its pages
//! and paper (`pdfinfo`), determinism, an empty range, refusals, and sample pages rendered with
//! `pdftoppm` into `target/report-samples/` to look at. The poppler tools are required
//! (scripts/setup.sh installs poppler-utils): a missing tool fails the test.

use crate::common;

use std::path::Path;

use common::pdf::{generated, run, samples_dir, save};
use common::{day, now, tmp};
use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::figure::ChartRange;
use taper_core::instrument::SOWS;
use taper_core::medicine::MedicineInput;
use taper_core::report::{self, Paper, ReportData, ReportOptions};
use taper_core::settings::CheckinChoice;
use taper_core::{Error, Store};

fn dose(amount: &str, at: &str, note: Option<&str>) -> DoseInput {
    DoseInput {
        amount: amount.into(),
        unit: Unit::G,
        taken_at: at.into(),
        form: Form::Powder,
        product: None,
        estimated: false,
        note: note.map(str::to_owned),
        confirm_large: false,
    }
}

/// A SOWS check-in with every item at `score` except the last `zeros` items at 0.
fn sows(at: &str, score: i32, zeros: usize, note: Option<&str>) -> CheckInInput {
    let n = SOWS.items.len();
    CheckInInput {
        taken_at: at.into(),
        items: SOWS
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| ItemScore {
                key: it.key.into(),
                score: if i + zeros >= n { 0 } else { score },
            })
            .collect(),
        craving: Some(score * 2 + 1),
        sleep_hours: Some(7.0 - f64::from(score)),
        sleep_quality: None,
        mood: None,
        note: note.map(str::to_owned),
    }
}

/// A detox week from Fri 20 Nov 2026 (6 g a day): doses on six days (one over plan), three
/// SOWS check-ins (severe, moderate, mild), ibuprofen twice, a step back on 23 Nov, notes.
fn diary() -> (common::Tmp, Store) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut settings = s.settings().expect("settings");
    settings.checkin_instrument = CheckinChoice::Sows;
    s.save_settings(settings).expect("settings saved");
    s.create_plan(
        &common::detox_week(day("2026-11-20"), 6.0),
        day("2026-11-20"),
        now(),
    )
    .expect("plan");
    for (g, at, note) in [
        ("3", "2026-11-20T08:00:00+01:00", None),
        ("3", "2026-11-20T20:00:00+01:00", None),
        ("2.5", "2026-11-21T09:00:00+01:00", None),
        ("2.5", "2026-11-21T21:30:00+01:00", None),
        (
            "3",
            "2026-11-22T08:30:00+01:00",
            Some("Felt shaky in the morning"),
        ),
        ("2", "2026-11-22T14:00:00+01:00", None),
        ("1", "2026-11-22T22:00:00+01:00", None),
        ("4", "2026-11-23T09:15:00+01:00", None),
        ("3.5", "2026-11-24T09:00:00+01:00", None),
        ("2", "2026-11-25T10:00:00+01:00", None),
    ] {
        s.add_dose(&dose(g, at, note), now()).expect("dose");
    }
    s.add_checkin(
        &sows(
            "2026-11-22T19:00:00+01:00",
            2,
            0,
            Some("Slept badly, legs restless"),
        ),
        now(),
    )
    .expect("check-in");
    s.add_checkin(&sows("2026-11-24T19:00:00+01:00", 1, 0, None), now())
        .expect("check-in");
    s.add_checkin(&sows("2026-11-26T09:00:00+01:00", 1, 8, None), now())
        .expect("check-in");
    for at in ["2026-11-22T12:00:00+01:00", "2026-11-23T12:00:00+01:00"] {
        s.add_medicine(
            &MedicineInput {
                taken_at: at.into(),
                name: "Ibuprofen".into(),
                amount: Some("400".into()),
                unit: Some("mg".into()),
                note: None,
            },
            now(),
        )
        .expect("medicine");
    }
    s.step_back(day("2026-11-23"), 2, now()).expect("step back");
    (t, s)
}

fn week() -> ChartRange {
    ChartRange::Between {
        from: day("2026-11-20"),
        to: day("2026-11-26"),
    }
}

fn options(range: ChartRange, paper: Paper, notes: bool) -> ReportOptions {
    ReportOptions {
        range,
        paper,
        include_notes: notes,
        name: Some("Alex Example".into()),
    }
}

fn make(store: &Store, o: &ReportOptions) -> Vec<u8> {
    let data =
        ReportData::gather(store, o, day("2026-11-26"), generated(), "0.1.0").expect("gather");
    report::pdf(&data).expect("pdf")
}

fn text_of(path: &Path) -> String {
    let t = run("pdftotext", &["-layout", &path.to_string_lossy(), "-"]);
    // One line of single spaces, so phrases wrapped onto two lines can be matched.
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info_of(path: &Path) -> String {
    run("pdfinfo", &[&path.to_string_lossy()])
}

fn pages(info: &str) -> u32 {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("page count")
}

#[test]
fn a_week_says_what_happened() {
    let (_t, s) = diary();
    let bytes = make(&s, &options(week(), Paper::A4, false));
    let path = save(&bytes, "week-a4.pdf");
    let text = text_of(&path);
    for want in [
        "Taper report",
        "Alex Example",
        "Fri 20 Nov 2026 to Thu 26 Nov 2026 (7 days)",
        "Patient-reported data, not a diagnosis",
        "Detox week (even steps) from 6 g a day",
        "Grams per day 4.4 g average (2 to 6 g); 26.5 g in all",
        "Doses per day 1.7 average (1 to 3); first dose 08:00-10:00",
        "took more than planned on Sun 22 Nov 2026",
        "Peak 32 / 64 · severe, Sun 22 Nov 2026 19:00",
        "latest 8 / 64 · mild, Thu 26 Nov 2026 09:00",
        "Ibuprofen (2 times, 800 mg in all)",
        "Mon 23 Nov 2026 (previous amount kept for 2 days)",
        "Handelsman",
        "Generated Thu 26 Nov 2026 18:30 by Taper 0.1.0",
        "Symptoms by day",
        "Day by day",
        "32 · severe",
        "16 · moderate",
        "6.0 g",
    ] {
        // "6.0 g" must not appear: amounts are written "6 g".
        if want == "6.0 g" {
            assert!(!text.contains(want), "unexpected {want:?} in:\n{text}");
            continue;
        }
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    for never in ["failed", "relapse", "Relapse", "shaky", "Slept badly"] {
        assert!(!text.contains(never), "unexpected {never:?} in:\n{text}");
    }
    let info = info_of(&path);
    assert_eq!(pages(&info), 2, "{info}");
    assert!(info.contains("595 x 842 pts (A4)"), "{info}");
    assert!(
        info.contains("Title:") && info.contains("Taper report"),
        "{info}"
    );

    // Look at pages 1 and 2.
    let prefix = samples_dir().join("week-a4");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "2",
            &path.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
    assert!(samples_dir().join("week-a4-1.png").exists());
}

#[test]
fn notes_only_when_asked_and_letter_paper() {
    let (_t, s) = diary();
    let bytes = make(&s, &options(week(), Paper::Letter, true));
    let path = save(&bytes, "week-letter-notes.pdf");
    let text = text_of(&path);
    assert!(text.contains("Felt shaky in the morning"), "{text}");
    assert!(text.contains("Slept badly, legs restless"), "{text}");
    assert!(text.contains("notes included"), "{text}");
    let info = info_of(&path);
    assert_eq!(pages(&info), 2, "{info}");
    assert!(info.contains("612 x 792 pts (letter)"), "{info}");
    let prefix = samples_dir().join("week-letter");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            &path.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
}

#[test]
fn page_one_is_a_preview_resvg_can_draw() {
    let (_t, s) = diary();
    let o = options(week(), Paper::A4, false);
    let data = ReportData::gather(&s, &o, day("2026-11-26"), generated(), "0.1.0").expect("gather");
    let pages = report::pages_svg(&data).expect("pages");
    assert_eq!(pages.len(), 2);
    let first = &pages[0];
    assert!(
        first.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"595\" height=\"842\"")
    );
    assert!(!first.contains("<?xml"), "one document, no nested prolog");
    assert!(first.contains("Patient-reported data, not a diagnosis"));
    let png = taper_core::chart::svg_to_png(first, 1.0).expect("png");
    std::fs::write(samples_dir().join("preview-1.png"), png).expect("preview written");
}

#[test]
fn same_input_same_bytes() {
    let (_t, s) = diary();
    let o = options(week(), Paper::A4, true);
    let a = make(&s, &o);
    let b = make(&s, &o);
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b);
}

#[test]
fn the_plan_is_the_default_range() {
    let (_t, s) = diary();
    let data = ReportData::gather(
        &s,
        &ReportOptions::default(),
        day("2026-11-26"),
        generated(),
        "0.1.0",
    )
    .expect("gather");
    assert_eq!(data.from, day("2026-11-20"));
    // The plan runs to 28 Nov; the report stops at today.
    assert_eq!(data.to, day("2026-11-26"));
    assert_eq!(data.days.len(), 7);
    let plan = data.plan.as_ref().expect("plan");
    assert!(plan.days_with_target_and_log >= 6);
    assert!(!plan.days_over.is_empty());
    assert_eq!(data.step_backs.len(), 1);
    assert_eq!(data.scores.len(), 1);
    assert_eq!(data.medicines.len(), 1);
    assert!(data.days.iter().all(|d| d.notes.is_empty()));
    assert!(data
        .citations
        .iter()
        .any(|c| c.starts_with("SOWS: Handelsman")));
}

#[test]
fn an_empty_range_says_nothing_was_logged() {
    let (_t, s) = diary();
    let o = options(
        ChartRange::Between {
            from: day("2026-10-01"),
            to: day("2026-10-07"),
        },
        Paper::A4,
        true,
    );
    let bytes = make(&s, &o);
    let path = save(&bytes, "empty.pdf");
    let text = text_of(&path);
    for want in [
        "Nothing logged",
        "Grams per day No doses logged",
        "Symptom total No check-ins in these days",
        "Plan No plan covers these days",
        "Patient-reported data, not a diagnosis",
        "Thu 1 Oct 2026 to Wed 7 Oct 2026",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    let n = pages(&info_of(&path));
    assert_eq!(n, 1, "an empty range needs one page");
    let prefix = samples_dir().join("empty");
    run(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            &path.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
}

fn field_of(e: Error) -> &'static str {
    match e {
        Error::Invalid { field, .. } => field,
        other => panic!("expected bad input, got {other:?}"),
    }
}

#[test]
fn bad_options_are_refused() {
    let (_t, s) = diary();
    let gather = |o: ReportOptions| {
        ReportData::gather(&s, &o, day("2026-11-26"), generated(), "0.1.0").expect_err("refused")
    };
    let backwards = ChartRange::Between {
        from: day("2026-11-26"),
        to: day("2026-11-20"),
    };
    assert_eq!(
        field_of(gather(options(backwards, Paper::A4, false))),
        "from"
    );
    // A day that is not a date never gets this far: the wire type is a date.
    let bad_day = r#"{"kind":"between","from":"yesterday","to":"2026-11-20"}"#;
    assert!(serde_json::from_str::<ChartRange>(bad_day).is_err());
    // Over two years of days from the first entry on (days before it are not counted).
    let long = ChartRange::Between {
        from: day("2026-11-20"),
        to: day("2029-01-01"),
    };
    assert_eq!(field_of(gather(options(long, Paper::A4, false))), "range");
    let mut o = options(week(), Paper::A4, false);
    o.name = Some("x".repeat(81));
    assert_eq!(field_of(gather(o.clone())), "name");
    o.name = Some("two\nlines".into());
    assert_eq!(field_of(gather(o)), "name");

    let dir = tempfile::tempdir().expect("dir");
    let e = report::write_pdf(&dir.path().join("report.png"), b"%PDF-").expect_err("refused");
    assert_eq!(field_of(e), "out");
    let e =
        report::write_pdf(&dir.path().join("missing/report.pdf"), b"%PDF-").expect_err("no folder");
    assert!(matches!(e, Error::Output(_)), "{e:?}");
}

#[test]
fn a_blank_name_is_no_name() {
    let (_t, s) = diary();
    let mut o = options(week(), Paper::A4, false);
    o.name = Some("   ".into());
    let data = ReportData::gather(&s, &o, day("2026-11-26"), generated(), "0.1.0").expect("gather");
    assert_eq!(data.name, None);
}

/// A year of doses (one a day, 30 Nov 2025 to 25 Nov 2026), a plan cutting 0.5 g every 3 days
/// from 6 g on 22 Nov 2026 and a step back on Wed 25 Nov 2026 kept for 3 days.
fn year_with_step_back() -> (common::Tmp, Store) {
    use taper_core::plan::{PlanParams, Rounding, Shape};
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut d = day("2025-11-30");
    while d <= day("2026-11-25") {
        let at = format!("{}T09:00:00+01:00", d.format("%Y-%m-%d"));
        s.add_dose(&dose("4", &at, None), now()).expect("dose");
        d = d.succ_opt().expect("next day");
    }
    let params = PlanParams {
        start: day("2026-11-22"),
        start_g: 6.0,
        shape: Shape::Fixed {
            step_g: 0.5,
            every_days: 3,
        },
        hold_days: 0,
        floor_g: 0.0,
        rounding: Rounding::Tenth,
    };
    s.create_plan(&params, day("2026-11-22"), now())
        .expect("plan");
    s.step_back(day("2026-11-25"), 3, now()).expect("step back");
    (t, s)
}

#[test]
fn a_year_with_a_step_back_prints_every_day_cell_whole() {
    let (_t, s) = year_with_step_back();
    for (paper, name) in [(Paper::Letter, "year-letter"), (Paper::A4, "year-a4")] {
        let o = options(
            ChartRange::Between {
                from: day("2025-11-30"),
                to: day("2026-11-29"),
            },
            paper,
            false,
        );
        let data =
            ReportData::gather(&s, &o, day("2026-11-29"), generated(), "0.1.0").expect("gather");
        let bytes = report::pdf(&data).expect("pdf");
        let path = save(&bytes, &format!("{name}.pdf"));
        let text = text_of(&path);
        assert!(text.contains("Wed 25 Nov 2026 ↺"), "{name}: {text}");
        assert!(text.contains("Sun 30 Nov 2025"), "{name}");
        assert!(text.contains("Sun 29 Nov 2026"), "{name}");
        // Nothing in the table (dates, amounts, markers) is cut.
        assert!(!text.contains('…'), "{name}: a cut cell in {text}");
        let prefix = samples_dir().join(name);
        run(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "60",
                "-f",
                "2",
                "-l",
                "2",
                &path.to_string_lossy(),
                &prefix.to_string_lossy(),
            ],
        );
    }
}

/// Fourteen SOWS check-ins, one a day from Wed 11 Nov 2026 at 20:00, each rating only the
/// first 3 of the 16 items (2 each: a total of 6), craving 5.
fn partial_checkins(choice: CheckinChoice) -> (common::Tmp, Store) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut settings = s.settings().expect("settings");
    settings.checkin_instrument = choice;
    s.save_settings(settings).expect("settings saved");
    let mut d = day("2026-11-11");
    for _ in 0..14 {
        let mut c = sows(
            &format!("{}T20:00:00+01:00", d.format("%Y-%m-%d")),
            2,
            0,
            None,
        );
        c.items.truncate(3);
        c.craving = Some(5);
        s.add_checkin(&c, now()).expect("check-in");
        d = d.succ_opt().expect("next day");
    }
    (t, s)
}

#[test]
fn check_ins_that_rate_some_items_are_counted_and_marked_incomplete() {
    for (choice, name) in [
        (CheckinChoice::Sows, "partial-sows"),
        (CheckinChoice::Both, "partial-both"),
        // Settings name the checklist, but these days only have SOWS check-ins.
        (CheckinChoice::Kratom, "partial-kratom-setting"),
    ] {
        let (_t, s) = partial_checkins(choice);
        let o = options(
            ChartRange::Between {
                from: day("2026-11-11"),
                to: day("2026-11-24"),
            },
            Paper::A4,
            false,
        );
        let data =
            ReportData::gather(&s, &o, day("2026-11-26"), generated(), "0.1.0").expect("gather");
        assert_eq!(data.scores.len(), 1, "{name}");
        assert_eq!(data.scores[0].checkins, 14, "{name}");
        assert!(data.days.iter().all(|d| d.symptom == Some(6)), "{name}");
        let bytes = report::pdf(&data).expect("pdf");
        let path = save(&bytes, &format!("{name}.pdf"));
        let text = text_of(&path);
        for never in ["No check-ins in these days", "No check-ins in this range"] {
            assert!(!text.contains(never), "{name}: {never:?} in {text}");
        }
        for want in [
            "Peak 6 / 64 · incomplete (3 of 16 rated), Wed 11 Nov 2026 20:00",
            "latest 6 / 64 · incomplete (3 of 16 rated), Tue 24 Nov 2026 20:00",
            "14 check-ins, 14 incomplete",
        ] {
            assert!(text.contains(want), "{name}: missing {want:?} in {text}");
        }
        // The table's symptom cell: the total, marked incomplete.
        assert!(
            text.contains("Wed 11 Nov 2026 – – – – 6 (incomplete) 5/10"),
            "{name}: {text}"
        );
        // The heatmap draws the three rated items.
        assert!(
            !data.heatmap_svg.contains("No check-ins"),
            "{name}: {}",
            data.heatmap_svg
        );
        let prefix = samples_dir().join(name);
        run(
            "pdftoppm",
            &[
                "-png",
                "-r",
                "60",
                &path.to_string_lossy(),
                &prefix.to_string_lossy(),
            ],
        );
    }
}

#[test]
fn the_checklist_maximum_is_stated_once_with_custom_symptoms() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let mut settings = s.settings().expect("settings");
    settings.checkin_instrument = CheckinChoice::Kratom;
    s.save_settings(settings).expect("settings saved");
    let mut keys = Vec::new();
    for i in 0..10 {
        keys.push(
            s.add_symptom(&format!("Own symptom {i}"))
                .expect("symptom")
                .key,
        );
    }
    let n = s.symptoms_of("kratom").expect("symptoms").len();
    let max = 4 * n;
    let items: Vec<(&str, i32)> = keys.iter().take(4).map(|k| (k.as_str(), 4)).collect();
    s.add_checkin(
        &common::checkin_items("2026-11-22T19:00:00+01:00", &items),
        now(),
    )
    .expect("check-in");
    let data = ReportData::gather(
        &s,
        &options(week(), Paper::A4, false),
        day("2026-11-26"),
        generated(),
        "0.1.0",
    )
    .expect("gather");
    assert_eq!(data.scores[0].max_total, i32::try_from(max).expect("max"));
    let path = save(&report::pdf(&data).expect("pdf"), "custom-max.pdf");
    let text = text_of(&path);
    // Points and how many symptoms were rated, never a band.
    assert!(
        text.contains("Peak 16 points · 4 rated, Sun 22 Nov 2026"),
        "{text}"
    );
    assert!(text.contains(&format!("(0-{max};")), "{text}");
    assert!(data.taper_svg.contains(&format!("(0-{max})")));
    let others: Vec<String> = (1..200)
        // (0-10) is craving's scale.
        .filter(|m| *m != max && *m != 10)
        .map(|m| format!("(0-{m})"))
        .collect();
    for o in &others {
        assert!(
            !text.contains(o.as_str()),
            "{o} besides (0-{max}) in {text}"
        );
    }
    assert!(!text.contains("of 56"), "{text}");
}

#[test]
fn the_latest_craving_is_the_last_one_reported() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    // Twenty check-ins on Tue 24 Nov, 08:00 to 17:30 every half hour: cravings 0 to 10 up and
    // down, the last one 8.
    let cravings = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 7, 6, 5, 4, 3, 2, 1, 8];
    for (i, c) in cravings.iter().enumerate() {
        let at = format!(
            "2026-11-24T{:02}:{:02}:00+01:00",
            8 + i / 2,
            if i % 2 == 0 { 0 } else { 30 }
        );
        let mut input = common::checkin_items(&at, &[]);
        input.craving = Some(*c);
        s.add_checkin(&input, now()).expect("check-in");
    }
    let data = ReportData::gather(
        &s,
        &options(week(), Paper::A4, false),
        day("2026-11-26"),
        generated(),
        "0.1.0",
    )
    .expect("gather");
    let path = save(&report::pdf(&data).expect("pdf"), "latest-craving.pdf");
    let text = text_of(&path);
    assert!(text.contains("Craving (0-10) Highest 10,"), "{text}");
    assert!(text.contains("latest 8, Tue 24 Nov 2026 17:30"), "{text}");
}

#[test]
fn empty_charts_speak_to_the_clinician() {
    // Doses but no check-ins; then a range with nothing at all.
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    s.add_dose(&dose("3", "2026-11-22T09:00:00+01:00", None), now())
        .expect("dose");
    for (range, name, want) in [
        (week(), "doses-only", "No check-ins in these days."),
        (
            ChartRange::Between {
                from: day("2026-10-01"),
                to: day("2026-10-07"),
            },
            "nothing",
            "No doses logged and no plan in these days.",
        ),
    ] {
        let bytes = make(&s, &options(range, Paper::A4, false));
        let path = save(&bytes, &format!("{name}.pdf"));
        let text = text_of(&path);
        assert!(text.contains(want), "{name}: missing {want:?} in {text}");
        for never in [
            "Check in to see",
            "Nothing to chart yet",
            "Log a dose or start a plan",
            "in this range yet",
        ] {
            assert!(!text.contains(never), "{name}: {never:?} in {text}");
        }
    }
}

/// "This plan" with a plan still to come: the fortnight up to today (from the first entry on),
/// then the plan's days, as its chart shows them (the report used to stop at today and say no
/// plan covered its days).
#[test]
fn a_report_of_a_plan_still_to_come_covers_the_plan_as_its_chart_does() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let today = day("2026-11-26");
    s.add_dose(&common::dose("6", "2026-11-24T10:00:00+00:00"), now())
        .expect("dose");
    s.create_plan(&common::detox_week(day("2026-12-06"), 5.0), today, now())
        .expect("plan");
    let data = ReportData::gather(
        &s,
        &options(ChartRange::Plan, Paper::A4, false),
        today,
        generated(),
        "0.1.0",
    )
    .expect("gather");
    let chart = taper_core::figure::shown_range(&s, &ChartRange::Plan, today).expect("chart range");
    assert_eq!((data.from, data.to), chart);
    assert_eq!(data.from, day("2026-11-24"), "the first entry");
    assert_eq!(data.to, day("2026-12-12"));
    assert!(data.plan.is_some(), "the plan is in the report");
}

/// The week's diary with kratom checklist check-ins as well: 3 of its 14 symptoms rated.
fn with_checklist() -> (common::Tmp, Store) {
    let (t, mut s) = diary();
    for (at, scores) in [
        ("2026-11-21T21:00:00+01:00", [3, 4, 1]),
        ("2026-11-24T21:00:00+01:00", [1, 2, 0]),
    ] {
        s.add_checkin(
            &CheckInInput {
                taken_at: at.into(),
                items: ["aches", "anxiety", "sweating"]
                    .iter()
                    .zip(scores)
                    .map(|(k, score)| ItemScore {
                        key: (*k).into(),
                        score,
                    })
                    .collect(),
                craving: Some(5),
                sleep_hours: Some(5.5),
                sleep_quality: None,
                mood: None,
                note: None,
            },
            now(),
        )
        .expect("check-in");
    }
    (t, s)
}

fn page_text(path: &Path, page: u32) -> String {
    let p = page.to_string();
    let t = run(
        "pdftotext",
        &["-layout", "-f", &p, "-l", &p, &path.to_string_lossy(), "-"],
    );
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn page_one_holds_the_summary_table_the_chart_and_the_start_of_the_day_table() {
    let (_t, s) = with_checklist();
    for (paper, name) in [
        (Paper::A4, "page-one-a4"),
        (Paper::Letter, "page-one-letter"),
    ] {
        let bytes = make(&s, &options(week(), paper, false));
        let path = save(&bytes, &format!("{name}.pdf"));
        let one = page_text(&path, 1);
        // The summary table, a row per measure.
        for want in [
            "Summary",
            "Days covered 7 days",
            "Grams per day 4.4 g average (2 to 6 g)",
            "Doses per day 1.7 average (1 to 3)",
            "SOWS symptom total Peak 32 / 64 · severe, Sun 22 Nov 2026 19:00",
            "latest 8 / 64 · mild, Thu 26 Nov 2026 09:00",
            // The checklist: points and how many of its 14 symptoms were rated, no band.
            "Checklist symptom total Peak 8 points · 3 rated, Sat 21 Nov 2026 21:00",
            "latest 3 points · 3 rated, Tue 24 Nov 2026 21:00",
            "a checklist, not a scored scale: no bands",
            "Craving (0-10)",
            "Other medicines Ibuprofen (2 times, 800 mg in all)",
            // The chart, then the day-by-day table starting on this page.
            "Taken and planned, with the day's symptom total",
            "Day by day",
            "Date Taken Plan Doses Times SOWS total Craving Sleep Medicines",
            "Fri 20 Nov 2026 6",
            "2 08:00-20:00",
        ] {
            assert!(
                one.contains(want),
                "{name}: missing {want:?} on page 1:\n{one}"
            );
        }
        // No run-on day sentences, no app instructions, no "Today" on paper, no checklist band.
        for never in [
            "Each day",
            "are in the day-by-day table",
            "Today",
            "8 points · 3 rated · mild",
            "Checklist total",
            "Symptom score",
            "Symptoms (0-",
        ] {
            assert!(!one.contains(never), "{name}: unexpected {never:?}:\n{one}");
        }
        let all = text_of(&path);
        assert!(!all.contains("Today"), "{name}: {all}");
        assert!(all.contains("Sun 22 Nov 2026 6 g"), "{name}: {all}");
        assert!(all.contains("3 08:30-22:00"), "{name}: first-last dose");
        assert!(
            all.contains("Ibuprofen 400 mg"),
            "{name}: the day's medicines"
        );
        assert!(!all.contains('…'), "{name}: every cell whole: {all}");
        // The chart covers the report's days only (the plan's later days are not drawn).
        assert!(!all.contains("Day 8"), "{name}: {all}");
    }
}
