//! Bounded imports (issue 13), on real files in temporary folders: a dose spreadsheet is read
//! row by row within its limits (columns, rows, cell length, bad rows listed), only regular
//! files are read, an import names its preview and gets the bytes that were previewed, and no
//! refusal quotes more of the file than the start of the offending cell.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{day, now, tmp};
use taper_core::export::{ImportMode, MAX_BAD_ROWS_LISTED, MAX_CSV_ROWS};
use taper_core::share::{self, ImportOutcome, ImportPreview, ImportPreviews};
use taper_core::{Error, Store};

fn count_doses(s: &Store) -> usize {
    s.doses_between(day("2000-01-01"), day("2100-01-01"))
        .expect("doses")
        .len()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The message of a refusal of the file (field `file`).
fn refused(result: Result<ImportPreview, Error>) -> String {
    match result {
        Err(e @ Error::Invalid { field: "file", .. }) => e.to_string(),
        other => panic!("expected a refusal of the file, got {other:?}"),
    }
}

fn csv_preview(p: ImportPreview) -> taper_core::export::DoseImportPreview {
    match p {
        ImportPreview::DoseCsv { preview, .. } => preview,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_row_of_a_million_commas_is_refused_naming_its_columns_and_nothing_is_written() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let mut text = b"time,amount\n".to_vec();
    text.extend(std::iter::repeat_n(b',', 1_000_000));
    text.extend(b"\n2026-11-20 08:00,2\n");
    let file = write(dir.path(), "commas.csv", &text);
    let message = refused(share::preview_import(&mut s, &file, now()));
    assert_eq!(
        message,
        "line 2: this row has 1,000,001 columns; a dose spreadsheet has at most 64."
    );
    let e = share::import_file(&mut s, &file, None, now()).expect_err("import refused too");
    assert_eq!(e.to_string(), message);
    assert_eq!(count_doses(&s), 0);

    // 64 columns is fine; 65 is not.
    let row = |n: usize| {
        format!(
            "time,amount{}\n2026-11-20 08:00,2{}\n",
            ",x".repeat(n - 2),
            ",".repeat(n - 2)
        )
    };
    let ok = write(dir.path(), "64.csv", row(64));
    assert_eq!(
        csv_preview(share::preview_import(&mut s, &ok, now()).expect("64"))
            .rows
            .len(),
        1
    );
    let over = write(dir.path(), "65.csv", row(65));
    let message = refused(share::preview_import(&mut s, &over, now()));
    assert!(
        message.starts_with("line 1: this row has 65 columns"),
        "{message}"
    );
}

#[test]
fn a_cell_over_20000_characters_is_refused_with_its_length_quoted_or_not() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let long = "é".repeat(1_000_000);
    let quoted = write(
        dir.path(),
        "quoted.csv",
        format!("time,amount,form,note\n2026-11-20 08:00,2,powder,\"{long}\"\n"),
    );
    assert_eq!(
        refused(share::preview_import(&mut s, &quoted, now())),
        "line 2: column 4 holds 1,000,000 characters; a cell of a dose spreadsheet holds at most 20,000."
    );
    // A quoted cell that never ends (the rest of the file in one cell) says the same.
    let open = write(
        dir.path(),
        "open.csv",
        format!("time,amount\n2026-11-20 08:00,\"{long}"),
    );
    assert!(refused(share::preview_import(&mut s, &open, now()))
        .starts_with("line 2: column 2 holds 1,000,000 characters"));
    let plain = write(dir.path(), "plain.csv", format!("time,amount\n{long},2\n"));
    assert!(refused(share::preview_import(&mut s, &plain, now()))
        .starts_with("line 2: column 1 holds 1,000,000 characters"));
    // 20,000 characters is a cell (here a note too long to save: a bad row, not a refusal).
    let note = write(
        dir.path(),
        "note.csv",
        format!(
            "time,amount,note\n2026-11-20 08:00,2,{}\n",
            "n".repeat(20_000)
        ),
    );
    let p = csv_preview(share::preview_import(&mut s, &note, now()).expect("a bad row"));
    assert_eq!((p.rows.len(), p.bad.len()), (0, 1));
    assert_eq!(count_doses(&s), 0);
}

#[test]
fn up_to_100000_rows_are_read_with_100_bad_rows_listed_and_the_rest_counted() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let rows = |n: usize| format!("time,amount\r\n{}", "x,1\r\n".repeat(n));
    let most = write(dir.path(), "most.csv", rows(MAX_CSV_ROWS));
    let p = csv_preview(share::preview_import(&mut s, &most, now()).expect("at the limit"));
    assert_eq!(p.bad.len(), MAX_BAD_ROWS_LISTED);
    assert_eq!(p.more_bad as usize, MAX_CSV_ROWS - MAX_BAD_ROWS_LISTED);
    assert_eq!(p.bad[99].line, 101);
    let over = write(dir.path(), "over.csv", rows(MAX_CSV_ROWS + 1));
    assert_eq!(
        refused(share::preview_import(&mut s, &over, now())),
        "line 100002: the file has more than 100,000 rows after its header; Taper imports at most 100,000 doses from one file. Split it and import each part."
    );
    assert_eq!(count_doses(&s), 0);
}

#[test]
fn a_file_with_many_bad_rows_imports_its_good_ones_through_its_preview() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let mut text = String::from("time,amount\n2026-11-20 08:00,2\n");
    for i in 0..150 {
        text.push_str(&format!("2026-11-20 09:00,not {i}\n"));
    }
    let file = write(dir.path(), "bad.csv", &text);
    let mut imports = ImportPreviews::default();
    let p = imports.preview(&mut s, &file, now()).expect("preview");
    let ImportPreview::DoseCsv {
        id, ref preview, ..
    } = p
    else {
        panic!("{p:?}")
    };
    assert_eq!(
        (preview.rows.len(), preview.bad.len(), preview.more_bad),
        (1, 100, 50)
    );
    assert_eq!(preview.bad[0].line, 3);
    assert_eq!(preview.bad[99].line, 102);
    match imports.import(&mut s, id, None, now()).expect("import") {
        ImportOutcome::DoseCsv { summary } => assert_eq!(summary.added_doses, 1),
        other => panic!("{other:?}"),
    }
    assert_eq!(count_doses(&s), 1);
}

/// Runs `f` on another thread and gives its result, failing the test when it takes more than
/// ten seconds (the thread is left behind).
fn within_10_s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("answered within 10 s")
}

#[test]
fn dev_zero_a_fifo_and_a_folder_are_refused_at_once_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("doses.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    for path in [
        PathBuf::from("/dev/zero"),
        fifo.clone(),
        link,
        dir.path().to_owned(),
    ] {
        let started = Instant::now();
        let (message, doses) = within_10_s(move || {
            let t = tmp();
            let mut s = Store::open(&t.path).expect("open");
            let a = share::preview_import(&mut s, &path, now()).map(|_| ());
            let b = ImportPreviews::default()
                .preview(&mut s, &path, now())
                .map(|_| ());
            let c = share::import_file(&mut s, &path, Some(ImportMode::Merge), now());
            let messages: Vec<String> = [a.err(), b.err(), c.err()]
                .into_iter()
                .map(|e| {
                    let e = e.expect("refused");
                    assert_eq!(e.field(), Some("file"), "{e}");
                    e.to_string()
                })
                .collect();
            assert_eq!(messages[0], messages[1]);
            (messages[0].clone(), count_doses(&s))
        });
        assert!(
            message.contains("Taper imports a Taper backup (.json) or a dose spreadsheet"),
            "{message}"
        );
        assert_eq!(doses, 0);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn an_import_names_its_preview_and_refuses_a_file_changed_since() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let csv = write(dir.path(), "doses.csv", "time,amount\n2026-11-20 08:00,2\n");
    let mut imports = ImportPreviews::default();
    let id = match imports.preview(&mut s, &csv, now()).expect("preview") {
        ImportPreview::DoseCsv { id, .. } => id,
        other => panic!("{other:?}"),
    };
    assert_eq!(id, 1);
    // Same length, one figure changed: refused, nothing written.
    write(dir.path(), "doses.csv", "time,amount\n2026-11-20 08:00,9\n");
    let e = imports
        .import(&mut s, id, None, now())
        .expect_err("changed");
    assert_eq!(
        e.to_string(),
        "The file changed since the preview; preview it again. Nothing was imported."
    );
    // Changed into something that no longer parses: still "changed".
    write(
        dir.path(),
        "doses.csv",
        "time,amount\n2026-11-20 08:00,\"2\n",
    );
    let e = imports
        .import(&mut s, id, None, now())
        .expect_err("changed");
    assert!(
        e.to_string()
            .starts_with("The file changed since the preview"),
        "{e}"
    );
    assert_eq!(count_doses(&s), 0);

    // Previewed again: a new id; the old one is no longer current.
    write(dir.path(), "doses.csv", "time,amount\n2026-11-20 08:00,3\n");
    let ImportPreview::DoseCsv { id: id2, .. } =
        imports.preview(&mut s, &csv, now()).expect("again")
    else {
        panic!()
    };
    assert_eq!(id2, 2);
    let e = imports.import(&mut s, id, None, now()).expect_err("old id");
    assert!(e.to_string().contains("no longer current"), "{e}");
    imports.import(&mut s, id2, None, now()).expect("import");
    assert_eq!(count_doses(&s), 1);
    let e = imports.import(&mut s, id2, None, now()).expect_err("once");
    assert!(e.to_string().contains("no longer current"), "{e}");
    assert_eq!(count_doses(&s), 1);

    // A backup: white space added after the preview is a change too.
    let out = tempfile::tempdir().expect("out");
    let backup = out.path().join("backup.json");
    share::write_export(
        &s,
        taper_core::export::ExportKind::Json,
        (None, None),
        &backup,
        now(),
    )
    .expect("export");
    let t2 = tmp();
    let mut empty = Store::open(&t2.path).expect("open");
    let id = match imports
        .preview(&mut empty, &backup, now())
        .expect("preview")
    {
        ImportPreview::Backup { id, .. } => id,
        other => panic!("{other:?}"),
    };
    let mut text = std::fs::read_to_string(&backup).expect("read");
    text.push(' ');
    std::fs::write(&backup, &text).expect("write");
    let e = imports
        .import(&mut empty, id, None, now())
        .expect_err("changed");
    assert!(
        e.to_string()
            .starts_with("The file changed since the preview"),
        "{e}"
    );
    assert_eq!(count_doses(&empty), 0);
    let id = match imports
        .preview(&mut empty, &backup, now())
        .expect("preview")
    {
        ImportPreview::Backup { id, .. } => id,
        other => panic!("{other:?}"),
    };
    imports.import(&mut empty, id, None, now()).expect("import");
    assert_eq!(count_doses(&empty), 1);
}

#[test]
fn refusals_quote_at_most_80_characters_of_a_cell() {
    let t = tmp();
    let mut s = Store::open(&t.path).expect("open");
    let dir = tempfile::tempdir().expect("dir");
    let long = "x".repeat(15_000);
    let cut = format!("{}…", "x".repeat(80));

    // A bad row's reason.
    let file = write(
        dir.path(),
        "cells.csv",
        format!("time,amount,unit,form\n2026-11-20 08:00,{long},g,powder\n2026-11-20 09:00,1,{long},powder\n{long},1,g,powder\n2026-11-20 10:00,1,g,{long}\n"),
    );
    let p = csv_preview(share::preview_import(&mut s, &file, now()).expect("preview"));
    assert_eq!(p.bad.len(), 4);
    for b in &p.bad {
        assert!(b.reason.contains(&cut), "{}", b.reason);
        assert!(b.reason.chars().count() < 300, "{}", b.reason);
    }
    // A header without the columns names at most 80 characters of each.
    let file = write(dir.path(), "head.csv", format!("{long},{long}\n1,2\n"));
    let message = refused(share::preview_import(&mut s, &file, now()));
    assert!(
        message.contains(&format!("found: {cut}, {cut}")),
        "{message}"
    );
    assert!(message.chars().count() < 600);

    // A backup: a wrong type quoting a string, a bad time, an unknown form.
    let out = tempfile::tempdir().expect("out");
    let good = out.path().join("backup.json");
    s.add_dose(&common::dose("2", "2026-11-20T08:00:00+01:00"), now())
        .expect("dose");
    share::write_export(
        &s,
        taper_core::export::ExportKind::Json,
        (None, None),
        &good,
        now(),
    )
    .expect("export");
    let text = std::fs::read_to_string(&good).expect("read");
    assert!(text.contains("\"amount_g\": 2.0"), "{text}");
    for (name, bad) in [
        (
            "type.json",
            text.replacen("\"amount_g\": 2.0", &format!("\"amount_g\": \"{long}\""), 1),
        ),
        (
            "time.json",
            text.replacen("2026-11-20T08:00:00+01:00", &long, 1),
        ),
        (
            "unit.json",
            text.replacen("\"unit\": \"g\"", &format!("\"unit\": \"{long}\""), 1),
        ),
    ] {
        let file = write(out.path(), name, bad);
        let message = refused(share::preview_import(&mut s, &file, now()));
        assert!(message.contains(&cut), "{name}: {message}");
        assert!(message.chars().count() < 400, "{name}: {message}");
    }
    assert_eq!(count_doses(&s), 1);
}
