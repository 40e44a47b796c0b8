//! The Share screen's functions on real diaries and files: report preview, exports written
//! where chosen, and imports previewed (nothing written) then imported.

use crate::common;

use common::{day, now, tmp};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::export::{ExportKind, ImportMode};
use taper_core::figure::ChartRange;
use taper_core::report::ReportOptions;
use taper_core::share::{self, ImportOutcome, ImportPreview};
use taper_core::{Error, Store};

fn dose(amount: &str, at: &str) -> DoseInput {
    DoseInput {
        amount: amount.into(),
        unit: Unit::G,
        taken_at: at.into(),
        form: Form::Powder,
        product: Some("Red, \"Bali\"".into()),
        estimated: false,
        note: Some("line one\nline two".into()),
        confirm_large: false,
    }
}

fn diary() -> (common::Tmp, Store) {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    for (g, at) in [
        ("2.5", "2026-11-23T08:00:00+01:00"),
        ("3", "2026-11-24T09:00:00+01:00"),
        ("1.5", "2026-11-25T07:30:00+01:00"),
    ] {
        s.add_dose(&dose(g, at), now()).expect("dose");
    }
    (t, s)
}

fn count_doses(s: &Store) -> usize {
    s.doses_between(day("2000-01-01"), day("2100-01-01"))
        .expect("doses")
        .len()
}

#[test]
fn the_report_preview_is_page_one() {
    let (_t, s) = diary();
    let options = ReportOptions {
        range: ChartRange::Last { days: 7 },
        ..ReportOptions::default()
    };
    let generated = "2026-11-25T12:00:00+01:00".parse().expect("time");
    let p = share::report_preview(&s, &options, day("2026-11-25"), generated, "0.1.0")
        .expect("preview");
    assert!(p.page1_svg.starts_with("<svg"), "{}", &p.page1_svg[..40]);
    assert!(p.page1_svg.contains("7 g in all"), "the total is on page 1");
    assert!(p.pages >= 1);
    // The last 7 days from the first entry on (23 Nov), not days before the diary.
    assert_eq!((p.from, p.to), (day("2026-11-23"), day("2026-11-25")));
    assert_eq!(p.file_name, "taper-report-2026-11-23-to-2026-11-25.pdf");
    assert_eq!(p.unprintable_warning, None);
    // A name with a character no embedded font has: the Share screen says so before saving.
    let boxes = ReportOptions {
        name: Some("Alex \u{E000}".into()),
        ..options.clone()
    };
    let p =
        share::report_preview(&s, &boxes, day("2026-11-25"), generated, "0.1.0").expect("preview");
    let warning = p.unprintable_warning.expect("a warning");
    assert!(
        warning.starts_with("These characters will print as boxes:") && warning.contains("U+E000"),
        "{warning}"
    );
    let bad = ReportOptions {
        name: Some("x".repeat(200)),
        ..options
    };
    assert!(share::report_preview(&s, &bad, day("2026-11-25"), generated, "0.1.0").is_err());
}

#[test]
fn exports_go_where_chosen() {
    let (t, s) = diary();
    let out = tempfile::tempdir().expect("out");
    let today = day("2026-11-25");
    let days = share::export_days(&s, ExportKind::Csv, &ChartRange::Last { days: 7 }, today)
        .expect("days");
    assert_eq!(days, (Some(day("2026-11-19")), Some(today)));
    let name = share::export_name(ExportKind::Csv, days, today);
    assert_eq!(name, "taper-csv-2026-11-19-to-2026-11-25");
    let folder = out.path().join(&name);
    let files = share::write_export(&s, ExportKind::Csv, days, &folder, now()).expect("csv");
    assert_eq!(files.len(), 3);
    let doses = std::fs::read_to_string(folder.join("doses.csv")).expect("doses.csv");
    assert_eq!(
        doses.lines().count(),
        1 + 3 + 3,
        "header, and two lines per note"
    );
    // A file where a folder should be is refused.
    let file = out.path().join("taken.csv");
    std::fs::write(&file, "x").expect("write");
    let e = share::write_export(&s, ExportKind::Csv, days, &file, now()).expect_err("a file");
    assert_eq!(e.field(), Some("out"));
    assert!(
        e.to_string()
            .contains("is a file; a CSV export needs a folder"),
        "{e}"
    );

    let all = share::export_days(&s, ExportKind::Json, &ChartRange::Last { days: 7 }, today)
        .expect("days");
    assert_eq!(all, (None, None), "a backup is always everything");
    let json = out
        .path()
        .join(share::export_name(ExportKind::Json, all, today));
    assert!(json.ends_with("taper-backup-2026-11-25.json"));
    share::write_export(&s, ExportKind::Json, all, &json, now()).expect("json");
    assert!(std::fs::read_to_string(&json)
        .expect("read")
        .contains("\"taper-backup\""));
    let fhir = out.path().join("fhir.json");
    share::write_export(&s, ExportKind::Fhir, days, &fhir, now()).expect("fhir");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&fhir).expect("read")).expect("json");
    assert_eq!(v["resourceType"], "Bundle");
    assert!(std::fs::read_to_string(&fhir)
        .expect("read")
        .ends_with("}\n"));
    let missing = out.path().join("no/such/place/fhir.json");
    let e = share::write_export(&s, ExportKind::Fhir, days, &missing, now()).expect_err("no");
    assert!(
        matches!(e, Error::Output(_)),
        "the diary is untouched: {e:?}"
    );
    assert_eq!(e.field(), Some("out"));
    assert!(e
        .to_string()
        .ends_with("fhir.json could not be written: No such file or directory (os error 2)"));
    assert!(e.to_string().starts_with(&out.path().display().to_string()));
    drop(t);
}

#[test]
fn a_backup_is_previewed_then_imported_once() {
    let (_t, s) = diary();
    let out = tempfile::tempdir().expect("out");
    let file = out.path().join("backup.json");
    share::write_export(&s, ExportKind::Json, (None, None), &file, now()).expect("json");

    // Into an empty diary: no choice needed, nothing written by the preview.
    let t2 = tmp();
    let mut empty = Store::open(&t2.path).expect("open");
    match share::preview_import(&mut empty, &file, now()).expect("preview") {
        ImportPreview::Backup {
            needs_choice,
            summary,
            ..
        } => {
            assert!(!needs_choice);
            assert_eq!(summary.added_doses, 3);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count_doses(&empty), 0, "a preview writes nothing");
    match share::import_file(&mut empty, &file, None, now()).expect("import") {
        ImportOutcome::Backup { summary } => assert_eq!(summary.added_doses, 3),
        other => panic!("{other:?}"),
    }
    assert_eq!(count_doses(&empty), 3);
    // Again: now a choice is needed, and a merge adds nothing twice.
    match share::preview_import(&mut empty, &file, now()).expect("preview") {
        ImportPreview::Backup {
            needs_choice,
            summary,
            ..
        } => {
            assert!(needs_choice);
            assert_eq!(summary.added_doses, 0);
            assert_eq!(summary.already_there, 3);
        }
        other => panic!("{other:?}"),
    }
    let e = share::import_file(&mut empty, &file, None, now()).expect_err("choose");
    assert!(matches!(e, Error::NeedsConfirmation { .. }), "{e}");
    share::import_file(&mut empty, &file, Some(ImportMode::Merge), now()).expect("merge");
    assert_eq!(count_doses(&empty), 3);
}

/// An empty diary, and a dose CSV holding `text` in a folder of its own.
fn empty_diary_and_csv(text: &str) -> (common::Tmp, Store, tempfile::TempDir, std::path::PathBuf) {
    let t = tmp();
    let s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("doses.csv");
    std::fs::write(&csv, text).expect("write");
    (t, s, dir, csv)
}

#[test]
fn a_dose_csv_shows_its_bad_rows_and_imports_the_good_ones() {
    let (_t, mut s, dir, csv) = empty_diary_and_csv(
        "time,amount,unit,form,note\r\n2026-11-20 08:00,2.5,g,powder,ok\r\n2026-11-20 12:00,-1,g,powder,bad\r\n2026-11-21 08:00,3,g,powder,\r\n",
    );
    match share::preview_import(&mut s, &csv, now()).expect("preview") {
        ImportPreview::DoseCsv { preview, .. } => {
            assert_eq!(preview.rows.len(), 2);
            assert_eq!(preview.bad.len(), 1);
            assert_eq!(preview.bad[0].line, 3);
            assert!(!preview.bad[0].reason.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count_doses(&s), 0);
    let e = share::import_file(&mut s, &csv, Some(ImportMode::Replace), now()).expect_err("no");
    assert_eq!(e.field(), Some("mode"));
    match share::import_file(&mut s, &csv, None, now()).expect("import") {
        ImportOutcome::DoseCsv { summary } => assert_eq!(summary.added_doses, 2),
        other => panic!("{other:?}"),
    }
    assert_eq!(count_doses(&s), 2);

    // Files that cannot be imported at all.
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"time,amount\r\n2026-11-20 08:00,2\xe9\r\n").expect("write");
    let missing = dir.path().join("missing.csv");
    for f in [&latin1, &missing] {
        let e = share::preview_import(&mut s, f, now()).expect_err("refused");
        assert_eq!(e.field(), Some("file"), "{e}");
    }
    assert_eq!(count_doses(&s), 2);
}

#[test]
fn a_dry_run_without_a_diary_makes_none_and_says_everything_is_new() {
    let (_t, mut s) = diary();
    let out = tempfile::tempdir().expect("out");
    let file = out.path().join("backup.json");
    share::write_export(&s, ExportKind::Json, (None, None), &file, now()).expect("json");
    let backup = taper_core::export::read_backup(&std::fs::read_to_string(&file).expect("read"))
        .expect("backup");
    let new = share::preview_backup(None, &backup, None).expect("no diary");
    assert_eq!(new.added_doses, 3);
    // Into the diary itself: a choice is needed, and with one nothing is new.
    let e = share::preview_backup(Some(&mut s), &backup, None).expect_err("choose");
    assert_eq!(e.field(), Some("mode"));
    let merge =
        share::preview_backup(Some(&mut s), &backup, Some(ImportMode::Merge)).expect("merge");
    assert_eq!((merge.added_doses, merge.already_there), (0, 3));
    assert_eq!(count_doses(&s), 3);
    assert_eq!(
        share::import_settings(None).expect("defaults"),
        taper_core::settings::Settings::default()
    );
}

#[test]
fn large_doses_in_a_csv_are_asked_about_unless_the_diary_holds_them() {
    let (_t, mut s, _dir, csv) = empty_diary_and_csv(
        "time,amount\r\n2026-11-20T08:00:00+01:00,2.5\r\n2026-11-20T12:00:00+01:00,40\r\n",
    );
    let mut file = taper_core::export::ImportFile::open(&csv).expect("open");
    let settings = share::import_settings(Some(&s)).expect("settings");
    let preview = file.parse_doses(&settings, now()).expect("parse");
    assert_eq!(preview.large_lines, vec![3]);
    assert!(share::adds_large_doses(None, &preview, now()).expect("no diary"));
    assert!(share::adds_large_doses(Some(&mut s), &preview, now()).expect("diary"));
    let none = share::preview_doses(None, &preview.rows, now()).expect("no diary");
    assert_eq!((none.added_doses, none.skipped_duplicates), (2, 0));
    s.import_doses(&preview.rows, now()).expect("import");
    assert!(!share::adds_large_doses(Some(&mut s), &preview, now()).expect("held"));
    let again = share::preview_doses(Some(&mut s), &preview.rows, now()).expect("again");
    assert_eq!((again.added_doses, again.skipped_duplicates), (0, 2));
    assert_eq!(count_doses(&s), 2, "previews write nothing");
}
