//! Issue 14, "Spreadsheets from any country" and "Exports are safe to open", against real
//! SQLite files: a row is never read by position, semicolon files with a decimal comma, ISO
//! times with fractions of a second, the grams column of the CSV export, the export's round
//! trip into its own diary and into an empty one, and cells that a spreadsheet would take for
//! formulas.

use crate::common;

use common::{day, dose, now, tmp};
use taper_core::dose::{Dose, Form, Unit};
use taper_core::export::{
    self, csv, parse_dose_csv, DecimalMark, Delimiter, DoseImportPreview, ImportedDose,
};
use taper_core::settings::Settings;
use taper_core::Store;

fn parse(text: &str) -> DoseImportPreview {
    parse_dose_csv(text, &Settings::default(), now()).expect("parse")
}

fn bad(p: &DoseImportPreview) -> Vec<(u32, &str)> {
    p.bad.iter().map(|b| (b.line, b.reason.as_str())).collect()
}

fn all_doses(s: &Store) -> Vec<Dose> {
    s.doses_between(day("2026-01-01"), day("2026-12-31"))
        .expect("doses")
}

// ---- 1. a row is never read by position ----------------------------------------------------

#[test]
fn a_row_with_more_or_fewer_fields_than_the_header_is_a_bad_row_never_read_by_position() {
    let p = parse(
        "time,amount,note\n\
         2026-11-20 08:00,2,5,after breakfast\n\
         2026-11-20 09:00,1\n\
         2026-11-20 10:00,1.5,fine\n\
         2026-11-20 11:00,1,a note, with a comma\n",
    );
    assert_eq!(p.lines, [4], "{:?}", p.bad);
    assert_eq!(p.rows[0].dose.note.as_deref(), Some("fine"));
    assert_eq!(p.total_g, 1.5);
    let bad = bad(&p);
    assert_eq!(bad.iter().map(|b| b.0).collect::<Vec<_>>(), [2, 3, 5]);
    assert!(
        bad[0]
            .1
            .starts_with("This row has 4 fields; the header has 3"),
        "{bad:?}"
    );
    assert!(bad[0].1.contains("decimal comma"), "{bad:?}");
    assert!(
        bad[1]
            .1
            .starts_with("This row has 2 fields; the header has 3"),
        "{bad:?}"
    );
    assert!(bad[1].1.contains("even an empty one"), "{bad:?}");
    assert!(
        bad[2]
            .1
            .contains("A comma inside a cell splits it: put that cell in quotes"),
        "{bad:?}"
    );
}

// ---- 2. spreadsheets from any country ------------------------------------------------------

#[test]
fn semicolon_and_tab_files_with_a_decimal_comma_are_read_and_the_preview_says_how() {
    let p = parse("time;amount;note\n2026-11-20 08:00;2,5;after breakfast, with tea\n");
    assert_eq!(bad(&p), []);
    assert_eq!(p.rows[0].dose.amount, "2.5");
    assert_eq!(
        p.rows[0].dose.note.as_deref(),
        Some("after breakfast, with tea")
    );
    assert_eq!(p.total_g, 2.5);
    assert_eq!(p.delimiter, Delimiter::Semicolon);
    assert!(!p.delimiter_from_sep_line);
    assert_eq!(p.decimal_mark, Some(DecimalMark::Comma));

    let p = parse("Time\tAmount\tUnit\n2026-11-20 08:00\t1,5\tg\n2026-11-20 09:00\t2\t\n");
    assert_eq!(bad(&p), []);
    assert_eq!(p.total_g, 3.5);
    assert_eq!(p.delimiter, Delimiter::Tab);
    assert_eq!(p.decimal_mark, Some(DecimalMark::Comma));

    // A `sep=` first line (as Excel writes) names the delimiter; the header is then line 2.
    let p = parse("\u{feff}sep=;\r\ntime;amount\r\n2026-11-20 08:00;3\r\n");
    assert_eq!(bad(&p), []);
    assert_eq!(p.lines, [3]);
    assert_eq!(p.delimiter, Delimiter::Semicolon);
    assert!(p.delimiter_from_sep_line);
    assert_eq!(p.decimal_mark, None, "whole numbers only");

    // A comma file is as before, and says so.
    let p = parse("time,amount\n2026-11-20 08:00,2.5\n2026-11-20 09:00,\"1,5\"\n");
    assert_eq!(p.delimiter, Delimiter::Comma);
    assert_eq!(p.lines, [2], "{:?}", p.bad);
    assert_eq!(p.decimal_mark, Some(DecimalMark::Point));
    // One decimal mark throughout: the row with the other one is bad, naming the first.
    let bad = bad(&p);
    assert_eq!(bad[0].0, 3);
    assert!(
        bad[0]
            .1
            .contains("“1,5” has a decimal comma, but the amounts before it have a decimal point (from line 2)"),
        "{bad:?}"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_refused_naming_the_likely_cause() {
    let refusal = |text: &str| {
        parse_dose_csv(text, &Settings::default(), now())
            .expect_err("refused")
            .to_string()
    };
    let e = refusal("sep=,\ntime;amount;note\n2026-11-20 08:00;2,5;x\n");
    assert!(
        e.starts_with(
            "line 2: this file seems to use semicolons between fields, but its first line says sep=,"
        ),
        "{e}"
    );
    let e = refusal("sep=|\ntime|amount\n");
    assert!(
        e.starts_with("line 1: the file's first line says its fields are separated by “|”"),
        "{e}"
    );
    let e = refusal("Zeit;Menge\n2026-11-20 08:00;2,5\n");
    assert!(
        e.contains("(read with semicolons between fields)") && e.contains("found: Zeit, Menge"),
        "{e}"
    );
    // Rows that use another delimiter than the header.
    let p = parse("time;amount;note\n2026-11-20 08:00,2.5,x\n2026-11-20 09:00;2;y\n");
    assert_eq!(p.lines, [3]);
    let bad = bad(&p);
    assert_eq!(bad[0].0, 2);
    assert!(
        bad[0]
            .1
            .contains("It seems to use commas between fields; the header uses semicolons."),
        "{bad:?}"
    );
}

// ---- 3. ISO times with fractions of a second -------------------------------------------------

#[test]
fn iso_times_with_fractions_of_a_second_with_or_without_an_offset_are_read() {
    let p = parse(
        "time,amount\n\
         2026-11-20T08:00:00.123Z,1\n\
         2026-11-20T08:00:00.5+01:00,1\n\
         2026-11-20T08:00:00.250,1\n\
         2026-11-20 08:00:59.999999,1\n",
    );
    assert_eq!(bad(&p), []);
    let times: Vec<&str> = p.rows.iter().map(|r| r.dose.taken_at.as_str()).collect();
    assert_eq!(times[0], "2026-11-20T08:00:00+00:00");
    assert_eq!(times[1], "2026-11-20T08:00:00+01:00");
    // Local time on this computer's clock: the wall clock is kept, in whole seconds.
    assert!(times[2].starts_with("2026-11-20T08:00:00"), "{times:?}");
    assert!(times[3].starts_with("2026-11-20T08:00:59"), "{times:?}");
    // Anything else is still not a time.
    let p = parse("time,amount\n2026-11-20T08:00:00.Z,1\n2026-11-20T08.5,1\n");
    assert_eq!(p.bad.len(), 2, "{:?}", p.rows);
}

// ---- 4. the grams column ---------------------------------------------------------------------

#[test]
fn a_grams_column_is_the_doses_grams_whatever_settings_say_a_capsule_weighs() {
    let a = tmp();
    let mut store = Store::open(&a.path).expect("open");
    let heavy = Settings {
        grams_per_capsule: 0.6,
        ..Settings::default()
    };
    store.save_settings(heavy.clone()).expect("settings");
    let mut caps = dose("4", "2026-11-20T08:00:00+01:00");
    caps.unit = Unit::Capsule;
    caps.form = Form::Capsules;
    store.add_dose(&caps, now()).expect("dose");
    let text = export::csv_doses(&store, None, None).expect("csv");

    // Another diary, whose capsules weigh 0.5 g: the file's 2.4 g stay 2.4 g.
    let b = tmp();
    let mut other = Store::open(&b.path).expect("open");
    let p = parse_dose_csv(&text, &other.settings().expect("settings"), now()).expect("parse");
    assert_eq!(bad(&p), []);
    assert_eq!(p.rows[0].amount_g, Some(2.4));
    assert_eq!(p.total_g, 2.4);
    other.import_doses(&p.rows, now()).expect("import");
    let d = &all_doses(&other)[0];
    assert_eq!(
        (d.amount_g, d.amount_entered, d.unit),
        (2.4, 4.0, Unit::Capsule)
    );

    // The diary it came from, after its capsules changed to 0.5 g: nothing new.
    store
        .save_settings(Settings {
            grams_per_capsule: 0.5,
            ..heavy
        })
        .expect("settings");
    let p = parse_dose_csv(&text, &store.settings().expect("settings"), now()).expect("parse");
    let r = store.import_doses(&p.rows, now()).expect("import");
    assert_eq!((r.added_doses, r.skipped_duplicates), (0, 1));
    assert_eq!(all_doses(&store).len(), 1);

    // Grams that do not fit the amount entered are bad rows; a grams column alone is grams.
    let p = parse(
        "time,amount_g,amount_entered,unit\n\
         2026-11-20 08:00,3,2,g\n\
         2026-11-20 09:00,25,4,capsule\n\
         2026-11-20 10:00,abc,4,capsule\n\
         2026-11-20 11:00,2.4,4,capsule\n\
         2026-11-20 12:00,,4,capsule\n",
    );
    let bad = bad(&p);
    assert_eq!(bad.iter().map(|b| b.0).collect::<Vec<_>>(), [2, 3, 4]);
    assert!(bad[0].1.contains("says 3 g and the amount 2 g"), "{bad:?}");
    assert!(
        bad[1].1.contains("says 25 g, which 4 capsule cannot weigh"),
        "{bad:?}"
    );
    assert!(bad[2].1.contains("“abc” in the grams column"), "{bad:?}");
    // An empty grams cell: the amount times Settings' grams per capsule, as typed.
    assert_eq!(p.rows[0].amount_g, Some(2.4));
    assert_eq!(p.rows[1].amount_g, None);
    assert_eq!(p.total_g, 2.4 + 2.0);

    let p = parse("Date,Grams,Unit\n2026-11-20 08:00,2.5,\n2026-11-20 09:00,4,capsule\n");
    assert_eq!(p.rows[0].dose.amount, "2.5");
    assert_eq!(p.rows[0].dose.unit, Unit::G);
    let bad = self::bad(&p);
    assert_eq!(bad[0].0, 3);
    assert!(
        bad[0].1.contains(
            "gives grams and no amount, so the dose is read in grams, but its unit is capsule"
        ),
        "{bad:?}"
    );
    // An amount column with an empty cell beside grams: the grams, in g.
    let p = parse("time,amount,grams\n2026-11-20 08:00,,1.5\n2026-11-20 09:00,,\n");
    assert_eq!(p.lines, [2]);
    assert_eq!(
        (p.rows[0].dose.amount.as_str(), p.rows[0].amount_g),
        ("1.5", None)
    );
    assert!(
        self::bad(&p)[0].1.contains("Enter an amount"),
        "{:?}",
        p.bad
    );
}

// ---- 5. the CSV export imported back -------------------------------------------------------

/// Cells a spreadsheet would take for formulas, and other awkward notes.
const NOTES: &[&str] = &[
    "=SUM(A1:A9)",
    "-5 felt better",
    "+1 after lunch",
    "@home",
    "'=already guarded",
    "'quoted'",
    "''",
    "\ttabbed",
    "took it, then \"felt ok\"\nsecond line",
    "ünïcødé 漢字 🙂",
    "  spaced  ",
];

/// A diary with varied doses: an identical pair, notes with commas, quotes, line breaks,
/// unicode and formula starts, capsules and teaspoons, products, estimated doses.
fn varied(store: &mut Store) -> Vec<ImportedDose> {
    store
        .save_settings(Settings {
            grams_per_capsule: 0.65,
            grams_per_tsp: 2.2,
            ..Settings::default()
        })
        .expect("settings");
    let mut inputs = Vec::new();
    for _ in 0..2 {
        let mut twin = dose("2", "2026-11-20T08:00:00+01:00");
        twin.note = Some("same, \"twin\"".into());
        inputs.push(twin);
    }
    for (i, note) in NOTES.iter().enumerate() {
        let mut d = dose(
            &format!("{}.{}", 1 + i % 3, i % 10),
            &format!("2026-11-21T{:02}:15:00-05:00", 6 + i),
        );
        d.note = Some((*note).into());
        d.estimated = i % 2 == 0;
        inputs.push(d);
    }
    let mut caps = dose("3", "2026-11-22T21:00:00+09:00");
    caps.unit = Unit::Capsule;
    caps.form = Form::Capsules;
    caps.product = Some("Red, \"Bali\" =1+1".into());
    inputs.push(caps.clone());
    inputs.push(caps);
    let mut tsp = dose("1.25", "2026-11-23T07:30:00+00:00");
    tsp.unit = Unit::Tsp;
    tsp.form = Form::Tea;
    tsp.product = Some("-maeng da".into());
    inputs.push(tsp);
    for d in &inputs {
        store.add_dose(d, now()).expect("dose");
    }
    inputs
        .into_iter()
        .map(|dose| ImportedDose {
            dose,
            amount_g: None,
        })
        .collect()
}

type Seen = (
    String,
    f64,
    f64,
    Unit,
    Form,
    Option<String>,
    bool,
    Option<String>,
);

fn seen(s: &Store) -> Vec<Seen> {
    let mut v: Vec<Seen> = all_doses(s)
        .into_iter()
        .map(|d| {
            (
                d.taken_at,
                d.amount_g,
                d.amount_entered,
                d.unit,
                d.form,
                d.product,
                d.estimated,
                d.note,
            )
        })
        .collect();
    v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    v
}

#[test]
fn the_csv_export_adds_nothing_to_its_own_diary_and_every_dose_to_an_empty_one() {
    let a = tmp();
    let mut store = Store::open(&a.path).expect("open");
    let typed = varied(&mut store);
    let n = typed.len() as u32;
    let text = export::csv_doses(&store, None, None).expect("csv");

    let p = parse_dose_csv(&text, &store.settings().expect("settings"), now()).expect("parse");
    assert_eq!(bad(&p), []);
    assert_eq!(p.rows.len() as u32, n);
    let r = store.import_doses(&p.rows, now()).expect("import");
    assert_eq!((r.added_doses, r.skipped_duplicates), (0, n));

    // An empty diary with other grams per unit: every dose, identical.
    let b = tmp();
    let mut empty = Store::open(&b.path).expect("open");
    let p = parse_dose_csv(&text, &empty.settings().expect("settings"), now()).expect("parse");
    let r = empty.import_doses(&p.rows, now()).expect("import");
    assert_eq!((r.added_doses, r.skipped_duplicates), (n, 0));
    assert_eq!(seen(&empty), seen(&store));
    // And the file once more: nothing new.
    let r = empty.import_doses(&p.rows, now()).expect("again");
    assert_eq!((r.added_doses, r.skipped_duplicates), (0, n));

    // Two identical doses in a file are two doses; a diary dose stands for one of them.
    let c = tmp();
    let mut one = Store::open(&c.path).expect("open");
    one.import_doses(&typed[..1], now()).expect("one twin");
    let r = one.import_doses(&typed[..2], now()).expect("both twins");
    assert_eq!((r.added_doses, r.skipped_duplicates), (1, 1));
    assert_eq!(all_doses(&one).len(), 2);
}

// ---- 6. exports are safe to open ----------------------------------------------------------

#[test]
fn cells_a_spreadsheet_would_run_are_written_as_text_and_read_back_unchanged() {
    let a = tmp();
    let mut store = Store::open(&a.path).expect("open");
    varied(&mut store);
    let text = export::csv_doses(&store, None, None).expect("csv");
    // As a spreadsheet sees the cells: each starts with the apostrophe that makes it text.
    let records = csv::read(&text).expect("read");
    let notes: Vec<&str> = records[1..].iter().map(|r| r.fields[9].as_str()).collect();
    for written in [
        "'=SUM(A1:A9)",
        "'-5 felt better",
        "'+1 after lunch",
        "'@home",
        "''=already guarded",
        "''quoted'",
        "'''",
        "'\ttabbed",
    ] {
        assert!(notes.contains(&written), "{written:?} in {notes:?}");
    }
    assert!(notes.contains(&"ünïcødé 漢字 🙂"), "{notes:?}");
    assert!(notes.contains(&"  spaced  "), "{notes:?}");
    let products: Vec<&str> = records[1..].iter().map(|r| r.fields[7].as_str()).collect();
    assert!(products.contains(&"'-maeng da"), "{products:?}");
    assert!(products.contains(&"Red, \"Bali\" =1+1"), "{products:?}");
    for r in &records {
        for cell in &r.fields {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} would be a formula"
            );
        }
    }

    // Read back: exactly the notes as typed.
    let p = parse_dose_csv(&text, &store.settings().expect("settings"), now()).expect("parse");
    let mut back: Vec<&str> = p
        .rows
        .iter()
        .filter_map(|r| r.dose.note.as_deref())
        .collect();
    back.sort_unstable();
    let mut typed: Vec<&str> = NOTES.to_vec();
    typed.extend(["same, \"twin\"", "same, \"twin\""]);
    typed.sort_unstable();
    assert_eq!(back, typed);

    // The check-in and medicine exports are guarded the same way.
    store
        .add_medicine(
            &taper_core::medicine::MedicineInput {
                taken_at: "2026-11-23T12:00:00+01:00".into(),
                name: "@loperamide".into(),
                amount: Some("2".into()),
                unit: Some("mg".into()),
                note: Some("=HYPERLINK(\"x\")".into()),
            },
            now(),
        )
        .expect("medicine");
    let meds = export::csv_medicines(&store, None, None).expect("medicines");
    let meds = csv::read(&meds).expect("read");
    assert_eq!(meds[1].fields[3], "'@loperamide");
    assert_eq!(meds[1].fields[6], "'=HYPERLINK(\"x\")");
}
