//! The `taper` binary against real diaries in temporary data folders: every command's success
//! path (readable and --json), every refused input (exit 3, message, nothing written), storage
//! problems (exit 4), the app's view of CLI writes and the other way round, and the day start.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use chrono::{DateTime, Local, NaiveDate, Utc};
use predicates::prelude::*;
use serde_json::Value;
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::settings::Settings;
use taper_core::store::OpenOptions;
use taper_core::Store;

struct Diary {
    dir: tempfile::TempDir,
}

impl Diary {
    /// A data folder with no diary in it yet.
    fn empty() -> Diary {
        Diary {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A data folder with a diary holding one dose (id 1).
    fn with_a_dose() -> Diary {
        let d = Diary::empty();
        d.ok(&["dose", "add", "2", "--at", &ago(3)]);
        d
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("taper.db")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("taper").expect("taper binary");
        c.env("TAPER_DATA_DIR", self.dir.path()).args(args);
        c
    }

    /// Runs a command that must succeed; returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).assert().success().get_output().clone();
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs a command with --json that must succeed; returns the parsed document.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).expect("one JSON document")
    }

    /// Runs a command that must fail with `code`; returns stderr.
    fn fails(&self, code: i32, args: &[&str]) -> String {
        let out = self.cmd(args).assert().code(code).get_output().clone();
        String::from_utf8(out.stderr).expect("utf-8")
    }

    fn store(&self) -> Store {
        Store::open(&self.db()).expect("open diary")
    }

    /// Every row of every table, as text: equal snapshots mean nothing was written.
    fn snapshot(&self) -> Vec<String> {
        let conn = rusqlite::Connection::open(self.db()).expect("open");
        let mut rows = Vec::new();
        for table in [
            "dose",
            "checkin",
            "checkin_item",
            "setting",
            "symptom",
            "medicine",
            "plan",
            "plan_version",
        ] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
                .expect("select");
            let n = stmt.column_count();
            let mut q = stmt.query([]).expect("query");
            while let Some(r) = q.next().expect("row") {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).expect("cell")))
                    .collect();
                rows.push(format!("{table}: {}", cells.join(" | ")));
            }
        }
        rows
    }

    fn count(&self, table: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.db()).expect("open");
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    }
}

/// Local wall-clock time `hours` ago, as typed: "YYYY-MM-DD HH:MM".
fn ago(hours: i64) -> String {
    (Local::now() - chrono::Duration::hours(hours))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn ahead(hours: i64) -> String {
    ago(-hours)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn utc_now() -> DateTime<Utc> {
    Utc::now()
}

// ---- success paths -------------------------------------------------------------------------

#[test]
fn dose_add_prints_the_saved_dose_with_its_id() {
    let d = Diary::empty();
    let out = d.ok(&["dose", "add", "2.5", "--product", "Red Bali"]);
    assert!(out.starts_with("Saved dose 1 on "), "{out}");
    assert!(out.contains("2.5 g"), "{out}");
    assert!(out.contains("powder"), "{out}");
    assert!(out.contains("Red Bali"), "{out}");

    let at = ago(2);
    let v = d.json(&[
        "dose",
        "add",
        "4",
        "--unit",
        "capsule",
        "--form",
        "capsules",
        "--at",
        &at,
        "--estimated",
        "--note",
        "after dinner \"quoted\" 😀",
    ]);
    assert_eq!(v["id"], 2);
    assert_eq!(v["amount_g"], 2.0, "4 capsules at 0.5 g");
    assert_eq!(v["amount_entered"], 4.0);
    assert_eq!(v["unit"], "capsule");
    assert_eq!(v["form"], "capsules");
    assert_eq!(v["estimated"], true);
    assert_eq!(v["note"], "after dinner \"quoted\" 😀");
    assert_eq!(v["product"], Value::Null);
    assert_eq!(v["local_time"], at.replace(' ', "T"));
    let taken = DateTime::parse_from_rfc3339(v["taken_at"].as_str().expect("text"))
        .expect("RFC 3339 with offset");
    assert_eq!(taken.naive_local().format("%Y-%m-%d %H:%M").to_string(), at);
    // Counted in capsules without --form: capsules, not powder.
    let v = d.json(&["dose", "add", "3", "--unit", "capsule"]);
    assert_eq!(v["form"], "capsules");
    assert_eq!(d.count("dose"), 3);
}

#[test]
fn a_large_dose_is_saved_with_yes() {
    let d = Diary::with_a_dose();
    let v = d.json(&["dose", "add", "45", "--yes", "--at", &ago(1)]);
    assert_eq!(v["amount_g"], 45.0);
    let v = d.json(&["dose", "add", "100", "-y", "--at", &ago(1)]);
    assert_eq!(v["amount_g"], 100.0);
}

#[test]
fn dose_list_shows_a_day_or_a_range() {
    let d = Diary::empty();
    d.ok(&["dose", "add", "1", "--at", "2026-11-18 09:00"]);
    d.ok(&["dose", "add", "2.5", "--at", "2026-11-19 09:00"]);
    d.ok(&[
        "dose",
        "add",
        "2",
        "--at",
        "2026-11-19 21:30",
        "--note",
        "late",
    ]);

    let out = d.ok(&["dose", "list", "--date", "2026-11-19"]);
    assert!(
        out.starts_with("Doses 2026-11-19 (days start at 04:00)\n"),
        "{out}"
    );
    assert!(out.contains("09:00") && out.contains("21:30") && out.contains("late"));
    assert!(!out.contains("2026-11-18"), "{out}");
    assert!(out.trim_end().ends_with("4.5 g taken · 2 doses"), "{out}");

    let v = d.json(&["dose", "list", "--from", "2026-11-18", "--to", "2026-11-19"]);
    assert_eq!(v["from"], "2026-11-18");
    assert_eq!(v["to"], "2026-11-19");
    assert_eq!(v["total_g"], 5.5);
    assert_eq!(v["dose_count"], 3);
    let doses = v["doses"].as_array().expect("doses");
    let amounts: Vec<f64> = doses
        .iter()
        .map(|x| x["amount_g"].as_f64().expect("g"))
        .collect();
    assert_eq!(amounts, [1.0, 2.5, 2.0], "oldest first");
    assert_eq!(doses[2]["day"], "2026-11-19");

    // Default: today; --from alone runs to today.
    let v = d.json(&["dose", "list"]);
    assert_eq!(v["dose_count"], 0);
    assert_eq!(
        d.json(&["dose", "list", "--from", "2026-11-18"])["dose_count"],
        3
    );
    let out = d.ok(&["dose", "list", "--date", "2026-11-01"]);
    assert!(out.contains("No doses"), "{out}");
}

#[test]
fn dose_edit_changes_only_what_is_given() {
    let d = Diary::empty();
    let at = ago(5);
    let before = d.json(&[
        "dose",
        "add",
        "2",
        "--at",
        &at,
        "--product",
        "Red Bali",
        "--note",
        "first",
        "--estimated",
    ]);
    let after = d.json(&["dose", "edit", "1", "--amount", "3.5", "--not-estimated"]);
    assert_eq!(after["id"], 1);
    assert_eq!(after["amount_g"], 3.5);
    assert_eq!(after["estimated"], false);
    for same in [
        "taken_at",
        "local_time",
        "day",
        "form",
        "product",
        "note",
        "unit",
    ] {
        assert_eq!(after[same], before[same], "{same}");
    }
    let out = d.ok(&["dose", "edit", "1", "--form", "tea", "--note", ""]);
    assert!(out.starts_with("Changed dose 1"), "{out}");
    let v = d.json(&[
        "dose",
        "list",
        "--date",
        before["day"].as_str().expect("day"),
    ]);
    assert_eq!(v["doses"][0]["form"], "tea");
    assert_eq!(
        v["doses"][0]["note"],
        Value::Null,
        "an empty note clears it"
    );
    assert_eq!(v["doses"][0]["amount_g"], 3.5);

    // A confirmed large dose can be edited without confirming again...
    d.ok(&["dose", "edit", "1", "--amount", "50", "--yes"]);
    d.ok(&["dose", "edit", "1", "--product", "Green"]);
    // ...but a new large amount must be confirmed.
    let err = d.fails(3, &["dose", "edit", "1", "--amount", "60"]);
    assert!(err.contains("--yes"), "{err}");
}

#[test]
fn dose_rm_and_restore() {
    let d = Diary::with_a_dose();
    let out = d.ok(&["dose", "rm", "1"]);
    assert!(out.starts_with("Deleted dose 1: 2 g powder at "), "{out}");
    assert!(out.contains("taper dose restore 1"), "{out}");
    assert_eq!(
        d.json(&["dose", "list", "--from", &ago(48)[..10]])["dose_count"],
        0
    );
    let v = d.json(&["dose", "restore", "1"]);
    assert_eq!(
        (v["id"].clone(), v["amount_g"].clone()),
        (1.into(), 2.0.into())
    );
    let v = d.json(&["dose", "rm", "1"]);
    assert_eq!(v["id"], 1, "--json prints the dose as it was");
    let err = d.fails(3, &["dose", "restore", "7"]);
    assert!(err.contains("no deleted dose with id 7"), "{err}");
}

#[test]
fn checkin_add_and_list() {
    let d = Diary::empty();
    let out = d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=3",
        "--item",
        "insomnia=2",
        "tiredness=1",
        "--craving",
        "6",
        "--slept",
        "4.5",
        "--sleep-quality",
        "1",
        "--mood",
        "2",
        "--note",
        "rough night",
    ]);
    assert!(out.starts_with("Saved check-in 1 on "), "{out}");
    assert!(
        out.contains("Symptom total 6 points · 3 rated, worst item severe"),
        "{out}"
    );
    assert!(out.contains("Muscle and bone aches  3  Severe"), "{out}");
    assert!(out.contains("Craving 6/10"), "{out}");
    assert!(out.contains("Note: rough night"), "{out}");

    let at = ago(1);
    let v = d.json(&[
        "checkin",
        "add",
        "--item",
        "anxiety=4,sweating=0",
        "--at",
        &at,
    ]);
    assert_eq!(v["id"], 2);
    assert_eq!(v["total"], 4);
    assert_eq!(v["max_total"], 8);
    assert_eq!(v["worst"], 4);
    assert_eq!(v["items"][0]["key"], "anxiety");
    assert_eq!(v["items"][1]["score"], 0);
    assert_eq!(v["craving"], Value::Null);
    assert_eq!(v["local_time"], at.replace(' ', "T"));

    let v = d.json(&["checkin", "list", "--from", &ago(48)[..10]]);
    let list = v["checkins"].as_array().expect("checkins");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["id"], 1, "newest first");
    assert_eq!(list[0]["sleep_hours"], 4.5);
    assert_eq!(list[0]["items"].as_array().expect("items").len(), 3);
    let out = d.ok(&["checkin", "list", "--from", &ago(48)[..10]]);
    // The kratom checklist's total is points and how many of its symptoms were rated: never
    // "6/12" (over the items rated) and never a band.
    assert!(
        out.contains("SYMPTOM TOTAL")
            && out.contains("6 points · 3 rated")
            && out.contains("rough night"),
        "{out}"
    );
    assert!(!out.contains("6/12"), "{out}");

    let out = d.ok(&["checkin", "rm", "2"]);
    assert!(out.contains("taper checkin restore 2"), "{out}");
    assert_eq!(d.json(&["checkin", "restore", "2"])["id"], 2);
}

#[test]
fn symptoms_lists_the_catalogue() {
    let d = Diary::with_a_dose();
    let v = d.json(&["symptoms"]);
    let list = v["symptoms"].as_array().expect("symptoms");
    assert_eq!(list.len(), taper_core::symptom::KRATOM_ITEMS.len());
    assert_eq!(list[0]["key"], "aches");
    assert_eq!(list[0]["label"], "Muscle and bone aches");
    assert_eq!(list[0]["instrument"], "kratom");
    assert_eq!(list[0]["archived"], false);
    let out = d.ok(&["symptoms"]);
    assert!(out.starts_with("KEY "), "{out}");
    assert!(
        out.contains("restless_legs  Jerky movements, restless legs"),
        "{out}"
    );
}

#[test]
fn day_shows_doses_total_and_latest_checkin() {
    let d = Diary::empty();
    d.ok(&[
        "dose",
        "add",
        "2.5",
        "--at",
        "2026-11-19 08:30",
        "--product",
        "Red Bali",
    ]);
    d.ok(&["dose", "add", "2", "--at", "2026-11-19 14:00"]);
    d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=1",
        "--at",
        "2026-11-19 09:00",
    ]);
    d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=3",
        "--craving",
        "7",
        "--at",
        "2026-11-19 20:15",
    ]);

    let out = d.ok(&["day", "2026-11-19"]);
    assert!(
        out.starts_with("Thu 19 Nov 2026 (day starts at 04:00)"),
        "{out}"
    );
    assert!(out.contains("4.5 g taken · 2 doses"), "{out}");
    assert!(
        out.contains("Latest check-in (id 2, 20:15; 2 this day)"),
        "{out}"
    );
    assert!(out.contains("Craving 7/10"), "{out}");

    let v = d.json(&["day", "2026-11-19"]);
    assert_eq!(v["date"], "2026-11-19");
    assert_eq!(v["total_g"], 4.5);
    assert_eq!(v["dose_count"], 2);
    assert_eq!(v["doses"][0]["local_time"], "2026-11-19T08:30");
    assert_eq!(v["checkins"][0]["id"], 2, "latest first");

    let v = d.json(&["day"]);
    let today = d.store().today(Local::now().naive_local()).expect("today");
    assert_eq!(v["date"], today.to_string());
    let out = d.ok(&["day", "2026-11-01"]);
    assert!(
        out.contains("No doses") && out.contains("No check-ins"),
        "{out}"
    );
}

#[test]
fn help_has_an_example_for_every_command() {
    let d = Diary::empty();
    let top = d.ok(&["--help"]);
    assert!(
        top.contains("Examples:") && top.contains("Exit codes"),
        "{top}"
    );
    for cmd in [
        vec!["dose"],
        vec!["checkin"],
        vec!["dose", "add"],
        vec!["dose", "list"],
        vec!["dose", "edit"],
        vec!["dose", "rm"],
        vec!["dose", "restore"],
        vec!["checkin", "add"],
        vec!["checkin", "list"],
        vec!["checkin", "rm"],
        vec!["checkin", "restore"],
        vec!["symptoms"],
        vec!["symptom"],
        vec!["symptom", "add"],
        vec!["symptom", "rename"],
        vec!["symptom", "archive"],
        vec!["med"],
        vec!["med", "add"],
        vec!["med", "list"],
        vec!["med", "rm"],
        vec!["med", "restore"],
        vec!["day"],
        vec!["plan"],
        vec!["plan", "create"],
        vec!["plan", "show"],
        vec!["plan", "step-back"],
        vec!["report"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        let help = d.ok(&args);
        assert!(help.contains("Example"), "{cmd:?}: {help}");
        assert!(
            help.contains(&format!("taper {}", cmd.join(" "))),
            "{cmd:?}: {help}"
        );
    }
    assert!(!d.db().exists(), "help touches no diary");
}

#[test]
fn usage_errors_exit_2() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    for args in [
        vec!["dose", "add"],
        vec!["dose", "frobnicate"],
        vec![
            "dose",
            "list",
            "--date",
            "2026-11-19",
            "--from",
            "2026-11-18",
        ],
        vec!["dose", "edit", "abc"],
        vec!["dose", "edit", "1", "--estimated", "--not-estimated"],
        vec!["dose", "add", "2", "--bogus"],
        vec![],
    ] {
        d.fails(2, &args);
    }
    assert_eq!(d.snapshot(), before);
}

#[test]
fn checkin_add_sows_and_cows_with_totals_and_bands() {
    let d = Diary::empty();
    // A complete SOWS: 15 items at 1 and one at 4 = 19, moderate.
    let mut items: Vec<String> = taper_core::instrument::SOWS
        .items
        .iter()
        .map(|i| format!("{}=1", i.key))
        .collect();
    items[0] = "sows_anxious=4".into();
    let mut args = vec![
        "checkin",
        "add",
        "--instrument",
        "sows",
        "--at",
        "2026-11-19 09:00",
    ];
    for i in &items {
        args.extend(["--item", i.as_str()]);
    }
    let v = d.json(&args);
    assert_eq!(v["instrument"], "sows");
    assert_eq!(v["total"], 19);
    assert_eq!(v["band"], "moderate");
    assert_eq!(v["complete"], true);
    assert_eq!(v["max_total"], 64);
    assert_eq!(v["items"].as_array().expect("items").len(), 16);

    let out = d.ok(&[
        "checkin",
        "add",
        "--instrument",
        "sows",
        "--item",
        "sows_yawning=3",
        "--at",
        "2026-11-19 10:00",
    ]);
    assert!(
        out.contains("SOWS 3 / 64 · incomplete (1 of 16 rated)"),
        "{out}"
    );
    assert!(out.contains("Yawning  3  Quite a bit"), "{out}");

    let out = d.ok(&[
        "checkin",
        "add",
        "--instrument",
        "cows",
        "--clinician",
        "--item",
        "cows_gooseflesh=5",
        "--item",
        "cows_pulse=4",
        "--at",
        "2026-11-19 11:00",
    ]);
    assert!(
        out.contains("COWS 9 / 48 · incomplete (2 of 11 rated)"),
        "{out}"
    );
    assert!(
        out.contains("Gooseflesh skin  5  Prominent gooseflesh"),
        "{out}"
    );
    assert!(!out.contains('?'), "{out}");

    d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=2",
        "--at",
        "2026-11-19 12:00",
    ]);

    let v = d.json(&["checkin", "list", "--date", "2026-11-19"]);
    let list = v["checkins"].as_array().expect("checkins");
    let fields: Vec<(Value, Value, Value, Value)> = list
        .iter()
        .map(|c| {
            (
                c["instrument"].clone(),
                c["total"].clone(),
                c["band"].clone(),
                c["complete"].clone(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("kratom".into(), 2.into(), Value::Null, false.into()),
            ("cows".into(), 9.into(), Value::Null, false.into()),
            ("sows".into(), 3.into(), Value::Null, false.into()),
            ("sows".into(), 19.into(), "moderate".into(), true.into()),
        ]
    );
    assert_eq!(list[0]["worst"], 2, "existing fields are kept");
    let out = d.ok(&["checkin", "list", "--date", "2026-11-19"]);
    assert!(out.contains("SOWS 19 / 64 · moderate"), "{out}");
    assert!(out.contains("COWS 9 / 48 · incomplete"), "{out}");

    let v = d.json(&["day", "2026-11-19"]);
    assert_eq!(v["checkins"][3]["band"], "moderate");
    assert_eq!(v["checkins"][0]["instrument"], "kratom");
    let out = d.ok(&["day", "2026-11-19"]);
    assert!(out.contains("Latest check-in (id 4"), "{out}");

    // A check-in with no items: the kratom checklist, no band, not complete.
    let v = d.json(&[
        "checkin",
        "add",
        "--craving",
        "3",
        "--at",
        "2026-11-19 13:00",
    ]);
    assert_eq!(
        (&v["instrument"], &v["band"], &v["complete"]),
        (&Value::from("kratom"), &Value::Null, &Value::from(false))
    );
}

#[test]
fn symptoms_of_each_instrument_with_allowed_scores() {
    let d = Diary::with_a_dose();
    let v = d.json(&["symptoms", "--instrument", "cows"]);
    assert_eq!(v["instrument"], "cows");
    assert_eq!(v["self_report"], false);
    let list = v["symptoms"].as_array().expect("symptoms");
    assert_eq!(list.len(), taper_core::instrument::COWS.items.len());
    assert_eq!(list[0]["key"], "cows_pulse");
    assert_eq!(list[0]["allowed"], serde_json::json!([0, 1, 2, 4]));
    assert_eq!(list[0]["archived"], false);
    let v = d.json(&["symptoms", "--instrument", "sows"]);
    assert_eq!(v["symptoms"].as_array().expect("sows").len(), 16);
    assert_eq!(
        v["symptoms"][0]["allowed"],
        serde_json::json!([0, 1, 2, 3, 4])
    );
    let v = d.json(&["symptoms"]);
    assert_eq!(v["instrument"], "kratom");
    let out = d.ok(&["symptoms", "--instrument", "cows"]);
    let line = out
        .lines()
        .find(|l| l.starts_with("cows_gooseflesh "))
        .expect("gooseflesh line");
    assert!(
        line.contains("Gooseflesh skin") && line.ends_with("0,3,5"),
        "{out}"
    );
    assert!(out.contains("--clinician"), "{out}");
    d.fails(2, &["symptoms", "--instrument", "ciwa"]);
}

#[test]
fn med_add_list_rm_restore() {
    let d = Diary::empty();
    let out = d.ok(&[
        "med",
        "add",
        "loperamide",
        "--amount",
        "2",
        "--unit",
        "mg",
        "--at",
        "2026-11-19 08:30",
        "--note",
        "stomach",
    ]);
    assert!(
        out.starts_with("Saved medicine entry 1 on 2026-11-19."),
        "{out}"
    );
    assert!(out.contains("loperamide  2 mg"), "{out}");
    let v = d.json(&["med", "add", "ibuprofen", "--at", "2026-11-20 09:00"]);
    assert_eq!(v["id"], 2);
    assert_eq!(v["name"], "ibuprofen");
    assert_eq!(v["amount"], Value::Null);
    assert_eq!(v["local_time"], "2026-11-20T09:00");
    assert_eq!(v["day"], "2026-11-20");

    let v = d.json(&["med", "list", "--from", "2026-11-19", "--to", "2026-11-20"]);
    let list = v["medicines"].as_array().expect("medicines");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["amount"], 2.0);
    assert_eq!(list[0]["unit"], "mg");
    assert_eq!(list[0]["note"], "stomach");
    let v = d.json(&["med", "list", "--date", "2026-11-20"]);
    assert_eq!(v["medicines"].as_array().expect("one day").len(), 1);
    let day = d.json(&["day", "2026-11-20"]);
    assert_eq!(
        day["medicines"][0]["name"], "ibuprofen",
        "the day lists its medicines"
    );
    assert!(d.ok(&["day", "2026-11-20"]).contains("Other medicines"));
    let out = d.ok(&["med", "list", "--from", "2026-11-19", "--to", "2026-11-20"]);
    assert!(
        out.contains("ibuprofen") && out.contains("2026-11-19"),
        "{out}"
    );
    assert!(d
        .ok(&["med", "list", "--date", "2026-11-01"])
        .contains("No medicines"));

    let out = d.ok(&["med", "rm", "1"]);
    assert!(out.contains("taper med restore 1"), "{out}");
    let v = d.json(&["med", "list", "--from", "2026-11-19", "--to", "2026-11-20"]);
    assert_eq!(v["medicines"].as_array().expect("after rm").len(), 1);
    assert_eq!(d.json(&["med", "restore", "1"])["name"], "loperamide");
    assert_eq!(d.store().medicine(1).expect("restored").amount, Some(2.0));
}

#[test]
fn symptom_add_rename_archive() {
    let d = Diary::empty();
    let out = d.ok(&["symptom", "add", "Headache"]);
    assert!(
        out.starts_with("Added symptom custom_headache “Headache”."),
        "{out}"
    );
    let v = d.json(&["symptom", "add", "Cold feet"]);
    assert_eq!(v["key"], "custom_cold_feet");
    assert_eq!(v["instrument"], "kratom");
    assert_eq!(v["archived"], false);
    assert_eq!(v["allowed"], serde_json::json!([0, 1, 2, 3, 4]));
    let v = d.json(&["checkin", "add", "--item", "custom_headache=4"]);
    assert_eq!(v["instrument"], "kratom");

    let v = d.json(&["symptom", "rename", "custom_headache", "Bad headache"]);
    assert_eq!(
        (&v["key"], &v["label"]),
        (
            &Value::from("custom_headache"),
            &Value::from("Bad headache")
        )
    );
    let out = d.ok(&["checkin", "list"]);
    // The user's own symptom counts towards the checklist's total, in points.
    assert!(out.contains("4 points · 1 rated"), "{out}");
    assert!(!out.contains("4/4"), "{out}");
    let out = d.ok(&["checkin", "add", "--item", "custom_headache=1"]);
    assert!(out.contains("Bad headache  1  Mild"), "{out}");

    let out = d.ok(&["symptom", "archive", "custom_headache"]);
    assert!(out.contains("--undo"), "{out}");
    assert!(d.store().symptom("custom_headache").expect("kept").archived);
    let v = d.json(&["symptoms"]);
    let archived: Vec<&Value> = v["symptoms"]
        .as_array()
        .expect("symptoms")
        .iter()
        .filter(|s| s["archived"] == true)
        .collect();
    assert_eq!(archived.len(), 1);
    assert_eq!(archived[0]["key"], "custom_headache");
    let v = d.json(&["symptom", "archive", "custom_headache", "--undo"]);
    assert_eq!(v["archived"], false);
}

#[test]
fn refused_symptom_changes_write_nothing() {
    let d = Diary::with_a_dose();
    d.ok(&["symptom", "add", "Headache"]);
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["symptom", "add", " "], "label", "Enter a name"),
        (
            vec!["symptom", "add", "headache"],
            "label",
            "already a symptom",
        ),
        (
            vec!["symptom", "add", "Muscle and bone aches"],
            "label",
            "already a symptom",
        ),
        (
            vec!["symptom", "rename", "aches", "Pain"],
            "key",
            "built in",
        ),
        (
            vec!["symptom", "rename", "custom_nope", "Pain"],
            "key",
            "no symptom with key “custom_nope”",
        ),
        (
            vec!["symptom", "rename", "custom_headache", ""],
            "label",
            "Enter a name",
        ),
        (
            vec!["symptom", "archive", "sows_anxious"],
            "key",
            "built in",
        ),
        (
            vec!["symptom", "archive", "custom_nope"],
            "key",
            "no symptom with key",
        ),
    ];
    for (args, field, reason) in cases {
        assert_refused(&d, &args, field, reason);
    }
}

#[test]
fn refused_forms_and_medicines_write_nothing() {
    let d = Diary::with_a_dose();
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "cows",
                "--item",
                "cows_pulse=2",
            ],
            "instrument",
            "clinician-rated form",
        ),
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "cows",
                "--clinician",
                "--item",
                "cows_pulse=3",
            ],
            "items",
            "“Resting pulse” can be scored 0, 1, 2 or 4, not 3",
        ),
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "cows",
                "--clinician",
                "--item",
                "cows_gooseflesh=1",
            ],
            "items",
            "Gooseflesh skin",
        ),
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "sows",
                "--item",
                "sows_anxious=5",
            ],
            "items",
            "Anxious",
        ),
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "sows",
                "--item",
                "aches=2",
            ],
            "items",
            "“aches” is not an item of the Subjective Opiate Withdrawal Scale",
        ),
        (
            vec!["checkin", "add", "--item", "sows_anxious=2"],
            "items",
            "“sows_anxious” is not an item of the Kratom symptom checklist",
        ),
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "cows",
                "--clinician",
                "--item",
                "sows_anxious=2",
            ],
            "items",
            "“sows_anxious” is not an item of the Clinical Opiate Withdrawal Scale",
        ),
        (
            vec![
                "checkin",
                "add",
                "--instrument",
                "sows",
                "--item",
                "custom_x=2",
            ],
            "items",
            "“custom_x” is not an item of the Subjective",
        ),
        (vec!["med", "add", " "], "name", "Enter what you took"),
        (
            vec!["med", "add", "x", "--amount", "0"],
            "amount",
            "more than zero",
        ),
        (
            vec!["med", "add", "x", "--amount", "two"],
            "amount",
            "not a number",
        ),
        (vec!["med", "add", "x", "--unit", "mg"], "amount", ""),
        (
            vec!["med", "add", "x", "--amount", "100001"],
            "amount",
            "more than Taper records",
        ),
        (
            vec!["med", "add", "x", "--at", "soon"],
            "taken_at",
            "not a date and time",
        ),
        (vec!["med", "rm", "9"], "id", "no medicine entry with id 9"),
        (
            vec!["med", "restore", "9"],
            "id",
            "no deleted medicine entry with id 9",
        ),
        (vec!["med", "list", "--date", "2026-13-01"], "date", ""),
    ];
    for (args, field, reason) in cases {
        assert_refused(&d, &args, field, reason);
    }
    assert_eq!(d.count("checkin"), 0);
    assert_eq!(d.count("checkin_item"), 0);
    assert_eq!(d.count("medicine"), 0);
    d.fails(
        2,
        &[
            "checkin",
            "add",
            "--instrument",
            "ciwa",
            "--item",
            "aches=1",
        ],
    );
    d.fails(2, &["med", "add"]);
    d.fails(2, &["med", "rm", "x"]);

    // Refused before the diary is opened: none is created for it.
    let e = Diary::empty();
    e.fails(
        3,
        &[
            "checkin",
            "add",
            "--instrument",
            "cows",
            "--item",
            "cows_pulse=2",
        ],
    );
    e.fails(3, &["checkin", "add", "--item", "sows_anxious=2"]);
    assert!(!e.db().exists());
}

// ---- refused input: exit 3, the field and the reason, nothing written -----------------------

fn assert_refused(d: &Diary, args: &[&str], field: &str, reason: &str) {
    let before = d.snapshot();
    let err = d.fails(3, args);
    assert!(
        err.starts_with(&format!("taper: {field}: ")),
        "{args:?}: {err}"
    );
    assert!(err.contains(reason), "{args:?}: {err}");
    assert_eq!(d.snapshot(), before, "{args:?} wrote something");
}

#[test]
fn refused_doses_write_nothing() {
    let d = Diary::with_a_dose();
    let long_note = "n".repeat(10_001);
    let long_product = "p".repeat(201);
    let future = ahead(1);
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["abc"], "amount", "not a number"),
        (vec!["0"], "amount", "more than zero"),
        (vec!["-1"], "amount", "more than zero"),
        (vec!["-0.5"], "amount", "more than zero"),
        (vec!["101"], "amount", "over the 100 g limit"),
        (vec!["45"], "amount", "very large single dose"),
        (vec!["30"], "amount", "Pass --yes"),
        (
            vec!["250", "--unit", "tsp"],
            "amount",
            "over the 100 g limit",
        ),
        (vec!["2", "--at", &future], "taken_at", "still to come"),
        (
            vec!["2", "--at", "yesterday"],
            "taken_at",
            "not a date and time",
        ),
        (
            vec!["2", "--at", "2026-11-31 08:00"],
            "taken_at",
            "not a date and time",
        ),
        (
            vec!["2", "--at", "2026-11-20"],
            "taken_at",
            "not a date and time",
        ),
        (vec!["2", "--note", &long_note], "note", "10001 characters"),
        (
            vec!["2", "--product", &long_product],
            "product",
            "limit is 200",
        ),
        (vec!["2", "--unit", "ml"], "unit", "not a unit"),
        (vec!["2", "--form", "pills"], "form", "not a form"),
    ];
    for (rest, field, reason) in cases {
        let mut args = vec!["dose", "add"];
        args.extend(rest);
        assert_refused(&d, &args, field, reason);
    }
    assert_eq!(d.count("dose"), 1);
}

#[test]
fn refused_checkins_write_nothing() {
    let d = Diary::with_a_dose();
    let long_note = "n".repeat(10_001);
    let future = ahead(1);
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["--item", "aches=5"],
            "items",
            "from 0 (none) to 4 (extreme)",
        ),
        (vec!["--item", "aches=-1"], "items", "not -1"),
        (
            vec!["--item", "nope=2"],
            "items",
            "not a symptom Taper knows",
        ),
        (vec!["--item", "aches"], "items", "not KEY=SCORE"),
        (vec!["--item", "aches=bad"], "items", "whole number"),
        (vec!["--item", "aches=2.5"], "items", "whole number"),
        (
            vec!["--item", "aches=1", "--item", "aches=2"],
            "items",
            "rated twice",
        ),
        (vec!["--craving", "11"], "craving", "from 0 to 10"),
        (vec!["--craving", "-1"], "craving", "from 0 to 10"),
        (vec!["--craving", "lots"], "craving", "whole number"),
        (vec!["--slept", "25"], "sleep_hours", "from 0 to 24"),
        (vec!["--slept", "-1"], "sleep_hours", "from 0 to 24"),
        (
            vec!["--slept", "long"],
            "sleep_hours",
            "not a number of hours",
        ),
        (vec!["--sleep-quality", "5"], "sleep_quality", "from 0 to 4"),
        (vec!["--mood", "-2"], "mood", "from 0 to 4"),
        (
            vec!["--craving", "3", "--note", &long_note],
            "note",
            "10001 characters",
        ),
        (
            vec!["--craving", "3", "--at", &future],
            "taken_at",
            "still to come",
        ),
        (
            vec!["--craving", "3", "--at", "soon"],
            "taken_at",
            "not a date and time",
        ),
        (vec![], "items", "Rate at least one"),
    ];
    for (rest, field, reason) in cases {
        let mut args = vec!["checkin", "add"];
        args.extend(rest);
        assert_refused(&d, &args, field, reason);
    }
    assert_eq!(d.count("checkin"), 0);
    assert_eq!(d.count("checkin_item"), 0);
}

#[test]
fn refused_edits_leave_the_dose_row_alone() {
    let d = Diary::with_a_dose();
    let future = ahead(1);
    let long_note = "n".repeat(10_001);
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (vec!["--amount", "abc"], "amount", "not a number"),
        (vec!["--amount", "0"], "amount", "more than zero"),
        (vec!["--amount", "-3"], "amount", "more than zero"),
        (vec!["--amount", "150"], "amount", "over the 100 g limit"),
        (vec!["--amount", "45"], "amount", "Pass --yes"),
        (
            vec!["--unit", "tsp", "--amount", "20"],
            "amount",
            "Pass --yes",
        ),
        (vec!["--at", &future], "taken_at", "still to come"),
        (
            vec!["--at", "2026-02-30 10:00"],
            "taken_at",
            "not a date and time",
        ),
        (vec!["--note", &long_note], "note", "10001 characters"),
        (vec!["--form", "pills"], "form", "not a form"),
    ];
    for (rest, field, reason) in cases {
        let mut args = vec!["dose", "edit", "1"];
        args.extend(rest);
        assert_refused(&d, &args, field, reason);
    }
}

#[test]
fn unknown_ids_are_refused() {
    let d = Diary::with_a_dose();
    assert_refused(
        &d,
        &["dose", "edit", "99", "--amount", "3"],
        "id",
        "no dose with id 99",
    );
    assert_refused(&d, &["dose", "rm", "99"], "id", "no dose with id 99");
    assert_refused(&d, &["checkin", "rm", "5"], "id", "no check-in with id 5");
    d.ok(&["dose", "rm", "1"]);
    assert_refused(&d, &["dose", "rm", "1"], "id", "no dose with id 1");
    assert_refused(
        &d,
        &["dose", "edit", "1", "--amount", "3"],
        "id",
        "no dose with id 1",
    );
}

#[test]
fn malformed_dates_are_refused() {
    let d = Diary::with_a_dose();
    assert_refused(
        &d,
        &["dose", "list", "--date", "2026-02-30"],
        "date",
        "not a date",
    );
    assert_refused(
        &d,
        &["checkin", "list", "--date", "yesterday"],
        "date",
        "not a date",
    );
    assert_refused(
        &d,
        &["dose", "list", "--from", "20-11-2026"],
        "from",
        "not a date",
    );
    assert_refused(&d, &["dose", "list", "--to", "x"], "to", "not a date");
    assert_refused(
        &d,
        &["dose", "list", "--from", "2026-11-20", "--to", "2026-11-19"],
        "from",
        "after the last day",
    );
    assert_refused(&d, &["day", "2026-13-01"], "date", "not a date");
}

#[test]
fn json_errors_are_one_document_on_stdout_too() {
    let d = Diary::with_a_dose();
    let out = d
        .cmd(&["dose", "add", "45", "--json"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("taper: amount: "))
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON error");
    assert_eq!(v["error"]["code"], "needs_confirmation");
    assert_eq!(v["error"]["field"], "amount");
    assert!(v["error"]["message"]
        .as_str()
        .expect("message")
        .contains("very large"));

    let d = Diary::empty();
    let out = d
        .cmd(&["day", "--json"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON error");
    assert_eq!(v["error"]["code"], "missing");
    assert_eq!(v["error"]["field"], Value::Null);
}

// ---- storage problems: exit 4, which one, nothing changed ----------------------------------

#[test]
fn a_missing_diary_is_reported_and_not_created() {
    let d = Diary::empty();
    for args in [
        vec!["dose", "list"],
        vec!["checkin", "list"],
        vec!["day"],
        vec!["dose", "rm", "1"],
        vec!["dose", "edit", "1", "--amount", "2"],
    ] {
        let err = d.fails(4, &args);
        assert!(
            err.starts_with("taper: storage (missing): no diary exists yet at "),
            "{err}"
        );
        assert!(err.contains(&d.db().display().to_string()), "{err}");
        assert!(!d.db().exists(), "{args:?} created a diary");
    }
    // A data folder that does not exist at all.
    let mut c = Command::cargo_bin("taper").expect("taper");
    c.env("TAPER_DATA_DIR", d.dir.path().join("not/there"))
        .args(["dose", "list"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("storage (missing)"));
    // An empty file (a crash, a failed copy) is no diary either: reading never fills it in.
    std::fs::write(d.db(), b"").expect("empty");
    for args in [vec!["day"], vec!["dose", "list"], vec!["checkin", "list"]] {
        let err = d.fails(4, &args);
        assert!(err.contains("storage (missing)"), "{err}");
        assert_eq!(
            std::fs::metadata(d.db()).expect("there").len(),
            0,
            "{args:?}"
        );
    }
    // The forms' own items are listed without a diary, and the empty file stays empty.
    d.ok(&["symptoms"]);
    assert_eq!(std::fs::metadata(d.db()).expect("there").len(), 0);
    // Adding creates it, as the app does.
    d.ok(&["dose", "add", "1"]);
    assert!(d.db().is_file());
}

#[test]
fn a_damaged_diary_is_reported_and_left_byte_identical() {
    let d = Diary::empty();
    std::fs::write(
        d.db(),
        b"these are some notes, not a database; please keep them",
    )
    .expect("write");
    let before = std::fs::read(d.db()).expect("read");
    for args in [vec!["dose", "add", "2"], vec!["dose", "list"], vec!["day"]] {
        let err = d.fails(4, &args);
        assert!(err.starts_with("taper: storage (corrupt): "), "{err}");
        assert!(err.contains("damaged"), "{err}");
        assert_eq!(std::fs::read(d.db()).expect("read"), before);
    }
}

#[test]
fn a_newer_diary_is_reported_and_left_unchanged() {
    let d = Diary::with_a_dose();
    {
        let conn = rusqlite::Connection::open(d.db()).expect("open");
        conn.pragma_update(None, "user_version", taper_core::migrate::latest() + 1)
            .expect("bump");
    }
    let before = std::fs::read(d.db()).expect("read");
    for args in [vec!["dose", "add", "2"], vec!["dose", "list"]] {
        let err = d.fails(4, &args);
        assert!(err.starts_with("taper: storage (newer-version): "), "{err}");
        assert!(err.contains("newer version of Taper"), "{err}");
        assert_eq!(std::fs::read(d.db()).expect("read"), before);
    }
}

#[test]
fn a_locked_diary_is_reported_within_seconds_and_nothing_is_written() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let conn = rusqlite::Connection::open(d.db()).expect("open");
    conn.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let started = Instant::now();
    let err = d.fails(4, &["dose", "add", "2.5"]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert!(err.starts_with("taper: storage (locked): "), "{err}");
    // Reading still works while another program writes (WAL).
    assert!(d
        .ok(&["dose", "list", "--from", &ago(48)[..10]])
        .contains("2 g"));
    conn.execute_batch("ROLLBACK").expect("unlock");
    drop(conn);
    assert_eq!(d.snapshot(), before);
}

// ---- the same diary as the app -------------------------------------------------------------

#[test]
fn the_app_sees_cli_doses_and_the_cli_sees_app_doses() {
    let d = Diary::empty();
    // The app is open: its store holds a connection for the whole test.
    let mut app = d.store();
    let v = d.json(&[
        "dose",
        "add",
        "2.5",
        "--at",
        "2026-11-19 10:00",
        "--product",
        "Red Bali",
    ]);
    let view = app.day(day("2026-11-19")).expect("app day view");
    assert_eq!(view.dose_count, 1);
    assert_eq!(view.doses[0].id, v["id"].as_i64().expect("id"));
    assert_eq!(view.doses[0].product.as_deref(), Some("Red Bali"));
    assert_eq!(serde_json::to_value(&view.doses[0]).expect("json"), v);

    let from_app = app
        .add_dose(
            &DoseInput {
                amount: "1.5".into(),
                unit: Unit::G,
                taken_at: "2026-11-19T18:00:00+01:00".into(),
                form: Form::Tea,
                product: None,
                estimated: true,
                note: Some("from the app".into()),
                confirm_large: false,
            },
            utc_now(),
        )
        .expect("app add");
    let v = d.json(&["dose", "list", "--date", "2026-11-19"]);
    assert_eq!(v["dose_count"], 2);
    assert_eq!(v["total_g"], 4.0);
    let listed = &v["doses"][1];
    assert_eq!(listed["id"], from_app.id);
    assert_eq!(
        listed["taken_at"], "2026-11-19T18:00:00+01:00",
        "offset kept"
    );
    assert_eq!(listed["note"], "from the app");
    assert_eq!(*listed, serde_json::to_value(&from_app).expect("json"));
}

#[test]
fn the_day_boundary_follows_the_day_start_hour() {
    let d = Diary::empty();
    d.ok(&["dose", "add", "2", "--at", "2026-11-20 02:30"]);
    let on = |date: &str| d.json(&["dose", "list", "--date", date])["dose_count"].clone();
    assert_eq!(on("2026-11-19"), 1, "02:30 belongs to the evening before");
    assert_eq!(on("2026-11-20"), 0);
    assert_eq!(
        d.json(&["day", "2026-11-19"])["doses"][0]["day"],
        "2026-11-19"
    );

    let mut app = d.store();
    app.save_settings(Settings {
        day_start_hour: 0,
        ..Settings::default()
    })
    .expect("settings");
    assert_eq!(on("2026-11-19"), 0);
    assert_eq!(on("2026-11-20"), 1, "midnight days: it moves");
    assert!(d
        .ok(&["dose", "list", "--date", "2026-11-20"])
        .contains("days start at 00:00"));
}

// ---- taper plans ---------------------------------------------------------------------------

/// Today's diary day with the default day start (04:00), as `taper` works it out.
fn diary_today() -> NaiveDate {
    taper_core::day::diary_day(
        Local::now().naive_local(),
        Settings::default().day_start_hour,
    )
}

/// The diary day `n` days from today (back when negative), as typed: "YYYY-MM-DD".
fn days_from_today(n: i64) -> String {
    (diary_today() + chrono::Duration::days(n)).to_string()
}

/// The dates and targets of a plan's current schedule in a `--json` document.
fn schedule_of(plan: &Value) -> Vec<(String, f64)> {
    let versions = plan["versions"].as_array().expect("versions");
    let days = versions.last().expect("a version")["days"]
        .as_array()
        .expect("days");
    days.iter()
        .map(|d| {
            (
                d["day"].as_str().expect("day").to_owned(),
                d["target_g"].as_f64().expect("target"),
            )
        })
        .collect()
}

fn targets(schedule: &[(String, f64)]) -> Vec<f64> {
    schedule.iter().map(|(_, g)| *g).collect()
}

/// The dates follow one another day by day from `start`.
fn assert_consecutive_from(schedule: &[(String, f64)], start: &str) {
    for (i, (date, _)) in schedule.iter().enumerate() {
        let want = day(start) + chrono::Duration::days(i64::try_from(i).expect("i"));
        assert_eq!(date, &want.to_string(), "day {}", i + 1);
    }
}

#[test]
fn plan_create_makes_each_shape() {
    let d = Diary::empty();
    let start = days_from_today(0);
    let v = d.json(&["plan", "create", "--shape", "detox", "--amount", "6"]);
    assert_eq!(v["id"], 1);
    assert_eq!(v["params"]["shape"]["kind"], "detox_week");
    assert_eq!(v["params"]["shape"]["front_loaded"], false);
    assert_eq!(v["versions"][0]["change"], "created");
    let s = schedule_of(&v);
    assert_eq!(targets(&s), [6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    assert_consecutive_from(&s, &start);

    let out = d.ok(&[
        "plan",
        "create",
        "--shape",
        "detox",
        "--front-loaded",
        "--amount",
        "6",
        "--start",
        &days_from_today(1),
    ]);
    assert!(out.starts_with("Saved plan 2.\n"), "{out}");
    assert!(
        out.contains("Detox week (bigger cuts early) from 6 g a day"),
        "{out}"
    );
    assert!(
        out.contains(&format!("Ends on {} at 0 g (7 days).", days_from_today(7))),
        "{out}"
    );

    let v = d.json(&[
        "plan",
        "create",
        "--shape",
        "percent",
        "--percent",
        "10",
        "--every",
        "3",
        "--amount",
        "5",
    ]);
    assert_eq!(v["params"]["shape"]["kind"], "percentage");
    assert_eq!(v["params"]["shape"]["percent"], 10.0);
    assert_eq!(v["params"]["shape"]["every_days"], 3);
    let s = schedule_of(&v);
    assert_eq!(targets(&s)[..4], [5.0, 5.0, 5.0, 4.5]);
    assert!(targets(&s).windows(2).all(|w| w[1] <= w[0]), "{s:?}");
    assert_eq!(s.last().expect("last").1, 0.0);
    assert_consecutive_from(&s, &start);

    // --every defaults to 7 days.
    let v = d.json(&[
        "plan", "create", "--shape", "fixed", "--step", "1", "--amount", "3", "--hold", "1",
    ]);
    assert_eq!(v["params"]["shape"]["kind"], "fixed");
    assert_eq!(v["params"]["shape"]["every_days"], 7);
    assert_eq!(v["params"]["hold_days"], 1);
    let t = targets(&schedule_of(&v));
    assert_eq!(t.first(), Some(&3.0));
    assert_eq!(t.last(), Some(&0.0));
    assert!(t.windows(2).all(|w| w[1] <= w[0]), "{t:?}");
    assert_eq!(
        t.iter().filter(|g| **g == 3.0).count(),
        8,
        "7 days and 1 held"
    );

    // Whole capsules of the Settings' 0.5 g.
    let out = d.ok(&[
        "plan",
        "create",
        "--shape",
        "fixed",
        "--step",
        "0.7",
        "--every",
        "2",
        "--amount",
        "3.1",
        "--capsules",
    ]);
    assert!(out.contains("whole capsules of 0.5 g"), "{out}");
    assert!(out.contains("3 g (6 capsules)"), "{out}");
    let plans = d.store().plans().expect("plans");
    assert_eq!(plans.len(), 5);
    for day in plans[4].days() {
        let capsules = day.target_g / 0.5;
        assert!((capsules - capsules.round()).abs() < 1e-9, "{day:?}");
    }
    assert_eq!(d.count("plan_version"), 5);
}

#[test]
fn plan_create_starts_from_the_last_7_days_without_amount() {
    let d = Diary::empty();
    d.ok(&["dose", "add", "4", "--at", &ago(26)]);
    d.ok(&["dose", "add", "6", "--at", &ago(50)]);
    let out = d.ok(&["plan", "create", "--shape", "detox"]);
    assert!(
        out.contains("Starting from 5 g: the average of your logged days in the last 7 days"),
        "{out}"
    );
    assert_eq!(d.store().plans().expect("plans")[0].params.start_g, 5.0);
}

#[test]
fn a_dry_run_prints_the_schedule_and_writes_nothing() {
    let d = Diary::empty();
    let out = d.ok(&[
        "plan",
        "create",
        "--shape",
        "detox",
        "--amount",
        "6",
        "--dry-run",
    ]);
    assert!(out.starts_with("Dry run: nothing saved.\n"), "{out}");
    assert!(out.contains("1    "), "{out}");
    assert!(
        out.contains(&format!("{}  6 g", days_from_today(0))),
        "{out}"
    );
    assert!(!d.db().exists(), "a dry run created a diary");

    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let v = d.json(&[
        "plan",
        "create",
        "--shape",
        "percent",
        "--percent",
        "20",
        "--amount",
        "4",
        "--dry-run",
    ]);
    assert_eq!(v["dry_run"], true);
    assert_eq!(v["params"]["start_g"], 4.0);
    assert_eq!(v["days"][0]["target_g"], 4.0);
    assert_eq!(v["days"][0]["day"], days_from_today(0));
    assert_eq!(d.snapshot(), before);
    assert_eq!(d.count("plan"), 0);
}

#[test]
fn plan_show_gives_today_and_the_schedule() {
    let d = Diary::empty();
    d.ok(&["med", "add", "loperamide"]);
    assert_eq!(
        d.ok(&["plan", "show"]),
        "No plan yet. Create one with: taper plan create --shape detox\n"
    );
    let v = d.json(&["plan", "show"]);
    assert_eq!(v["plan"], Value::Null);
    assert_eq!(v["today_plan"], Value::Null);
    assert_eq!(v["today"], days_from_today(0));

    let start = days_from_today(-2);
    d.ok(&[
        "plan", "create", "--shape", "detox", "--amount", "6", "--start", &start,
    ]);
    d.ok(&["dose", "add", "1.5"]);
    let out = d.ok(&["plan", "show"]);
    assert!(
        out.starts_with("Plan 1: Detox week (even steps) from 6 g a day"),
        "{out}"
    );
    assert!(
        out.contains(&format!("{start} to {} (7 days)\n", days_from_today(4))),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "Today {}: Day 3 of 7 · target 4 g · 2.5 g left today",
            days_from_today(0)
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("3    {}  4 g     ◀ today", days_from_today(0))),
        "{out}"
    );
    assert!(!out.contains("Step backs"), "{out}");

    let v = d.json(&["plan", "show"]);
    assert_eq!(v["plan"]["id"], 1);
    assert_eq!(v["today_plan"]["day_number"], 3);
    assert_eq!(v["today_plan"]["total_days"], 7);
    assert_eq!(v["today_plan"]["target_g"], 4.0);
    assert_eq!(v["today_plan"]["progress"]["left_g"], 2.5);
    assert_eq!(v["today_plan"]["text"], "2.5 g left today");

    // A plan that starts later is shown with its start.
    let d = Diary::empty();
    d.ok(&[
        "plan",
        "create",
        "--shape",
        "detox",
        "--amount",
        "6",
        "--start",
        &days_from_today(3),
    ]);
    let out = d.ok(&["plan", "show"]);
    assert!(
        out.contains(&format!("Starts on {}, in 3 days.", days_from_today(3))),
        "{out}"
    );
    assert_eq!(d.json(&["plan", "show"])["today_plan"], Value::Null);
}

#[test]
fn a_step_back_repeats_the_previous_amount_and_shifts_the_rest() {
    let d = Diary::empty();
    let start = days_from_today(-2);
    d.ok(&[
        "plan", "create", "--shape", "detox", "--amount", "6", "--start", &start,
    ]);
    let out = d.ok(&["plan", "step-back"]);
    assert!(
        out.starts_with(&format!(
            "Stepped back on {}: 5 g a day for 2 days, then the rest of the plan 2 days later.\nIt now ends on {} instead of {}.\n",
            days_from_today(0),
            days_from_today(6),
            days_from_today(4)
        )),
        "{out}"
    );
    assert!(out.contains("Plan 1 version 2: "), "{out}");
    assert!(
        out.contains(&format!(
            "2-4  {} to {}  5 g     ◀ today",
            days_from_today(-1),
            days_from_today(1)
        )),
        "{out}"
    );

    let v = d.json(&["plan", "show"]);
    let plan = &v["plan"];
    let s = schedule_of(plan);
    assert_eq!(targets(&s), [6.0, 5.0, 5.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
    assert_consecutive_from(&s, &start);
    assert_eq!(plan["versions"][1]["change"], "step_back");
    assert_eq!(plan["versions"][1]["repeat_days"], 2);
    assert_eq!(plan["versions"][1]["effective_from"], days_from_today(0));
    assert_eq!(plan["versions"][0]["repeat_days"], Value::Null);
    assert_eq!(v["today_plan"]["target_g"], 5.0);
    assert_eq!(v["today_plan"]["total_days"], 9);

    let out = d.ok(&["plan", "show"]);
    assert!(out.contains("(9 days) · 1 step back"), "{out}");
    assert!(
        out.contains("Step backs\nVERSION  FROM        REPEATED\n"),
        "{out}"
    );
    assert!(
        out.contains(&format!("2        {}  2 days", days_from_today(0))),
        "{out}"
    );
    let all = d.ok(&["plan", "show", "--all"]);
    assert!(all.contains("Version 1 · created, from "), "{all}");
    assert!(
        all.contains(&format!(
            "Version 2 · step back from {}, 2 days repeated",
            days_from_today(0)
        )),
        "{all}"
    );

    // A step back on a given day, as JSON: the plan with its new version last.
    let v = d.json(&[
        "plan",
        "step-back",
        "--days",
        "1",
        "--on",
        &days_from_today(3),
    ]);
    assert_eq!(v["versions"].as_array().expect("versions").len(), 3);
    assert_eq!(
        targets(&schedule_of(&v)),
        [6.0, 5.0, 5.0, 5.0, 4.0, 4.0, 3.0, 2.0, 1.0, 0.0]
    );
}

#[test]
fn refused_plans_write_nothing() {
    let d = Diary::with_a_dose();
    d.ok(&[
        "plan",
        "create",
        "--shape",
        "detox",
        "--amount",
        "6",
        "--start",
        &days_from_today(-1),
    ]);
    let too_early = days_from_today(-8);
    let too_late = days_from_today(61);
    let before_plan = days_from_today(-2);
    let after_plan = days_from_today(30);
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["create", "--shape", "detox", "--amount", "-1"],
            "start_g",
            "more than 0 g",
        ),
        (
            vec!["create", "--shape", "detox", "--amount", "0"],
            "start_g",
            "more than 0 g",
        ),
        (
            vec!["create", "--shape", "detox", "--amount", "101"],
            "start_g",
            "at most 100 g",
        ),
        (
            vec!["create", "--shape", "detox", "--amount", "lots"],
            "start_g",
            "must be a number",
        ),
        (
            vec!["create", "--shape", "percent", "--amount", "5"],
            "percent",
            "needs --percent",
        ),
        (
            vec!["create", "--shape", "fixed", "--amount", "5"],
            "step_g",
            "needs --step",
        ),
        (
            vec![
                "create",
                "--shape",
                "percent",
                "--percent",
                "60",
                "--amount",
                "5",
            ],
            "percent",
            "between 1 % and 50 %",
        ),
        (
            vec![
                "create", "--shape", "fixed", "--step", "-1", "--amount", "5",
            ],
            "step_g",
            "more than 0 g",
        ),
        (
            vec![
                "create",
                "--shape",
                "percent",
                "--percent",
                "10",
                "--every",
                "0",
                "--amount",
                "5",
            ],
            "every_days",
            "from 1 to 60",
        ),
        (
            vec![
                "create",
                "--shape",
                "percent",
                "--percent",
                "10",
                "--every",
                "-2",
                "--amount",
                "5",
            ],
            "every_days",
            "whole number of days",
        ),
        (
            vec!["create", "--shape", "detox", "--amount", "5", "--hold", "2"],
            "hold_days",
            "no holds",
        ),
        (
            vec![
                "create", "--shape", "detox", "--amount", "5", "--floor", "6",
            ],
            "floor_g",
            "below the starting daily amount",
        ),
        (
            vec![
                "create",
                "--shape",
                "detox",
                "--amount",
                "5",
                "--percent",
                "10",
            ],
            "percent",
            "only for --shape percent",
        ),
        (
            vec![
                "create", "--shape", "detox", "--amount", "5", "--every", "3",
            ],
            "every_days",
            "detox week has no --every",
        ),
        (
            vec![
                "create", "--shape", "detox", "--amount", "5", "--start", &too_early,
            ],
            "start",
            "at most 7 days ago",
        ),
        (
            vec![
                "create", "--shape", "detox", "--amount", "5", "--start", &too_late,
            ],
            "start",
            "at most 60 days from today",
        ),
        (
            vec![
                "create",
                "--shape",
                "detox",
                "--amount",
                "5",
                "--start",
                "2026-13-01",
            ],
            "start",
            "",
        ),
        (
            vec!["step-back", "--days", "0"],
            "repeat_days",
            "from 1 to 60",
        ),
        (
            vec!["step-back", "--days", "61"],
            "repeat_days",
            "from 1 to 60",
        ),
        (
            vec!["step-back", "--days", "two"],
            "repeat_days",
            "whole number of days",
        ),
        (
            vec!["step-back", "--on", &before_plan],
            "plan",
            "no plan in force",
        ),
        (
            vec!["step-back", "--on", &after_plan],
            "on",
            "already finished",
        ),
    ];
    for (rest, field, reason) in cases {
        let mut args = vec!["plan"];
        args.extend(rest);
        assert_refused(&d, &args, field, reason);
    }
    assert_eq!(d.count("plan"), 1);
    assert_eq!(d.count("plan_version"), 1);

    // No --amount and nothing logged in the last 7 days.
    let d = Diary::empty();
    d.ok(&["med", "add", "loperamide"]);
    assert_refused(
        &d,
        &["plan", "create", "--shape", "detox"],
        "start_g",
        "--amount",
    );
    // No plan to step back from.
    assert_refused(&d, &["plan", "step-back"], "plan", "no plan in force");
}

#[test]
fn plan_usage_errors_and_a_missing_diary() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    for args in [
        vec!["plan"],
        vec!["plan", "create"],
        vec!["plan", "create", "--shape", "taper", "--amount", "5"],
        vec!["plan", "frobnicate"],
        vec!["plan", "show", "--bogus"],
    ] {
        d.fails(2, &args);
    }
    assert_eq!(d.snapshot(), before);

    let d = Diary::empty();
    for args in [vec!["plan", "show"], vec!["plan", "step-back"]] {
        let err = d.fails(4, &args);
        assert!(err.starts_with("taper: storage (missing): "), "{err}");
    }
    // Refused before a diary is made for it.
    d.fails(3, &["plan", "create", "--shape", "detox"]);
    d.fails(3, &["plan", "create", "--shape", "detox", "--amount", "-2"]);
    d.fails(
        3,
        &["plan", "create", "--shape", "percent", "--amount", "5"],
    );
    d.fails(
        3,
        &[
            "plan",
            "create",
            "--shape",
            "detox",
            "--amount",
            "5",
            "--start",
            "2020-01-01",
        ],
    );
    assert!(!d.db().exists(), "a refused plan created a diary");
    // A plan may be the first thing in a new diary.
    d.ok(&["plan", "create", "--shape", "detox", "--amount", "5"]);
    assert_eq!(d.count("plan"), 1);
}

#[test]
fn plan_json_errors_are_one_document() {
    let d = Diary::with_a_dose();
    let out = d
        .cmd(&[
            "plan", "create", "--shape", "percent", "--amount", "5", "--json",
        ])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(v["error"]["code"], "invalid");
    assert_eq!(v["error"]["field"], "percent");
}

#[test]
fn chart_writes_svg_and_png_files_of_each_kind() {
    let d = Diary::empty();
    d.ok(&[
        "plan",
        "create",
        "--shape",
        "detox",
        "--amount",
        "6",
        "--start",
        &ago(48)[..10],
    ]);
    d.ok(&["dose", "add", "5", "--at", &ago(40)]);
    d.ok(&["dose", "add", "2", "--at", &ago(1)]);
    d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=3",
        "--craving",
        "6",
        "--slept",
        "5",
        "--at",
        &ago(2),
    ]);
    let before = d.snapshot();
    for kind in ["taper", "symptoms", "progress", "sleep"] {
        let svg = d.dir.path().join(format!("{kind}.svg"));
        let out = d.ok(&["chart", kind, "--out", svg.to_str().expect("path")]);
        assert!(out.starts_with("Wrote "), "{out}");
        let text = std::fs::read_to_string(&svg).expect("svg written");
        assert!(text.starts_with("<svg"), "{kind}");
        assert!(!text.contains("NaN"), "{kind}");

        let png = d.dir.path().join(format!("{kind}.png"));
        let doc = d.json(&[
            "chart",
            kind,
            "--out",
            png.to_str().expect("path"),
            "--width",
            "600",
            "--height",
            "300",
        ]);
        assert_eq!(doc["format"], "png");
        assert_eq!(doc["kind"], kind);
        let bytes = std::fs::read(&png).expect("png written");
        assert_eq!(&bytes[1..4], b"PNG");
        // IHDR: width and height at twice the size asked for.
        let w = u32::from_be_bytes(bytes[16..20].try_into().expect("4 bytes"));
        let h = u32::from_be_bytes(bytes[20..24].try_into().expect("4 bytes"));
        assert_eq!((w, h), (1200, 600), "{kind}");
    }
    let doc = d.json(&[
        "chart",
        "taper",
        "--out",
        d.dir.path().join("t.svg").to_str().expect("p"),
    ]);
    assert!(
        doc["summary"]
            .as_str()
            .expect("summary")
            .contains("2 logged days"),
        "{doc}"
    );
    // Drawing reads only.
    assert_eq!(d.snapshot(), before);
}

#[test]
fn chart_refuses_unknown_formats_bad_ranges_and_a_missing_diary() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let out = d.dir.path().join("chart.pdf");
    let err = d.fails(3, &["chart", "taper", "--out", out.to_str().expect("p")]);
    assert!(err.contains(".svg or .png"), "{err}");
    assert!(!out.exists());
    let svg = d.dir.path().join("c.svg");
    let svg = svg.to_str().expect("p");
    let err = d.fails(
        3,
        &[
            "chart",
            "taper",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-01",
            "--out",
            svg,
        ],
    );
    assert!(err.contains("taper: from:"), "{err}");
    let err = d.fails(3, &["chart", "sleep", "--from", "20/11/2026", "--out", svg]);
    assert!(err.contains("from"), "{err}");
    let err = d.fails(3, &["chart", "taper", "--width", "5", "--out", svg]);
    assert!(err.contains("pixels"), "{err}");
    d.fails(2, &["chart", "weather", "--out", svg]);
    assert!(!std::path::Path::new(svg).exists());
    let err = d.fails(
        4,
        &[
            "chart",
            "taper",
            "--out",
            d.dir
                .path()
                .join("no/such/folder/c.svg")
                .to_str()
                .expect("p"),
        ],
    );
    assert!(err.contains("storage (output file)"), "{err}");
    assert_eq!(d.snapshot(), before);

    let empty = Diary::empty();
    let err = empty.fails(4, &["chart", "taper", "--out", svg]);
    assert!(err.contains("missing"), "{err}");
    assert!(!empty.db().exists());
}

#[test]
fn backup_list_and_restore() {
    let d = Diary::with_a_dose();
    let out = d.ok(&["backup"]);
    assert!(out.starts_with("Backed up to "), "{out}");
    assert!(out.contains("checked"), "{out}");
    let list = d.json(&["backup", "list"]);
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["kind"], "manual");
    let backup_path = list[0]["path"].as_str().expect("path").to_owned();

    d.ok(&["dose", "add", "3", "--at", &ago(2)]);
    d.ok(&["dose", "add", "4", "--at", &ago(1)]);
    assert_eq!(d.count("dose"), 3);
    let out = d.ok(&["restore", "latest"]);
    assert!(out.starts_with("Restored the diary from "), "{out}");
    assert_eq!(d.count("dose"), 1, "back to the backup");
    // The diary as it was is kept, and can itself be restored.
    let list = d.json(&["backup", "list"]);
    let before = list
        .as_array()
        .expect("array")
        .iter()
        .find(|b| b["kind"] == "before_restore")
        .expect("kept")["path"]
        .as_str()
        .expect("path")
        .to_owned();
    let doc = d.json(&["restore", &before]);
    assert_eq!(doc["restored_from"], before.as_str());
    assert_eq!(d.count("dose"), 3);
    assert!(std::path::Path::new(&backup_path).exists());
    let text = d.ok(&["backup", "list"]);
    assert!(text.contains("before restore"), "{text}");
}

#[test]
fn restore_puts_a_backup_in_place_of_a_missing_or_empty_diary() {
    let d = Diary::with_a_dose();
    d.ok(&["backup"]);
    std::fs::remove_file(d.db()).expect("gone");
    let err = d.fails(4, &["day"]);
    assert!(err.contains("storage (missing)"), "{err}");
    let out = d.ok(&["restore", "latest"]);
    assert!(out.starts_with("Restored the diary from "), "{out}");
    assert_eq!(d.count("dose"), 1);
    // An empty file where the diary was: the same, the empty file kept aside.
    std::fs::write(d.db(), b"").expect("empty");
    d.ok(&["restore", "latest"]);
    assert_eq!(d.count("dose"), 1);
    d.ok(&["day"]);
}

#[test]
fn restore_refuses_bad_files_and_changes_nothing() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let err = d.fails(3, &["restore", "latest"]);
    assert!(err.contains("no backups"), "{err}");
    let junk = d.dir.path().join("junk.db");
    std::fs::write(&junk, b"these are not the bytes of a database").expect("write");
    let err = d.fails(3, &["restore", junk.to_str().expect("p")]);
    assert!(
        err.contains("is damaged or is not a Taper backup. Your diary has not been changed."),
        "{err}"
    );
    let exported = d.dir.path().join("exported.json");
    d.ok(&["export", "json", "--out", exported.to_str().expect("p")]);
    let err = d.fails(3, &["restore", exported.to_str().expect("p")]);
    assert!(err.contains("taper import"), "{err}");
    let err = d.fails(
        3,
        &["restore", d.dir.path().join("nope.db").to_str().expect("p")],
    );
    assert!(err.contains("no backup file"), "{err}");
    assert_eq!(d.snapshot(), before);
    let listed = d.json(&["backup", "list"]);
    assert_eq!(
        listed.as_array().expect("array").len(),
        0,
        "nothing was backed up either"
    );
    let empty = Diary::empty();
    empty.fails(4, &["backup"]);
    assert!(!empty.db().exists());
}

#[test]
fn restore_is_refused_while_another_process_has_the_diary_open() {
    // The app open (here: this test process holding the diary), `taper restore` in a terminal.
    let d = Diary::with_a_dose();
    d.ok(&["backup"]);
    d.ok(&["dose", "add", "3", "--at", &ago(2)]);
    let mut app = d.store();
    let before = d.snapshot();
    let started = Instant::now();
    let out = d.cmd(&["restore", "latest", "--json"]).assert().code(4);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "refused within 2 s, plus start-up"
    );
    let out = out.get_output();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("taper: storage (busy): "), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["error"]["code"], "busy");
    assert_eq!(d.snapshot(), before, "nothing changed");
    let kinds = d.json(&["backup", "list"]);
    assert!(
        !kinds
            .as_array()
            .expect("array")
            .iter()
            .any(|b| b["kind"] == "before_restore"),
        "not even a backup before restore"
    );
    // The other process's save after the refusal is kept, and ordinary commands never wait.
    app.add_dose(
        &DoseInput {
            amount: "4".into(),
            unit: Unit::G,
            taken_at: Local::now().to_rfc3339(),
            form: Form::Powder,
            product: None,
            estimated: false,
            note: None,
            confirm_large: false,
        },
        utc_now(),
    )
    .expect("saved");
    d.ok(&["dose", "add", "1", "--at", &ago(1)]);
    assert_eq!(d.count("dose"), 4);
    drop(app);
    d.ok(&["restore", "latest"]);
    assert_eq!(d.count("dose"), 1);
}

#[test]
fn the_app_and_the_cli_writing_at_once_lose_nothing() {
    let d = Diary::with_a_dose();
    let db = d.db();
    // "The app": a store in this process saving in a loop while CLI processes save too.
    let app = std::thread::spawn(move || {
        let mut store = Store::open(&db).expect("app opens");
        for i in 0..60 {
            store
                .add_dose(
                    &DoseInput {
                        amount: "1.5".into(),
                        unit: Unit::G,
                        taken_at: (Local::now() - chrono::Duration::hours(5 + i % 20)).to_rfc3339(),
                        form: Form::Powder,
                        product: Some("app".into()),
                        estimated: false,
                        note: None,
                        confirm_large: false,
                    },
                    utc_now(),
                )
                .expect("the app's save");
        }
    });
    // Thirty CLI processes at once, while the app saves.
    let children: Vec<std::process::Child> = (0..30)
        .map(|i| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("taper"))
                .env("TAPER_DATA_DIR", d.dir.path())
                .args([
                    "dose",
                    "add",
                    "2",
                    "--product",
                    "cli",
                    "--at",
                    &ago(3 + i % 10),
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("taper starts")
        })
        .collect();
    let results: Vec<std::process::Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("taper ends"))
        .collect();
    app.join().expect("app thread");
    for r in &results {
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    let conn = rusqlite::Connection::open(d.db()).expect("open");
    let count = |product: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM dose WHERE product = ?1",
            [product],
            |r| r.get(0),
        )
        .expect("count")
    };
    assert_eq!(count("app"), 60);
    assert_eq!(count("cli"), 30);
}

// ---- export and import ------------------------------------------------------------------------

/// A diary with doses (one with an awkward note), a check-in, a medicine and a custom symptom.
fn export_diary() -> Diary {
    let d = Diary::empty();
    d.ok(&[
        "dose",
        "add",
        "2.5",
        "--at",
        &ago(30),
        "--note",
        "a, \"quoted\"\nnote ü",
    ]);
    d.ok(&["dose", "add", "3", "--at", &ago(5)]);
    d.ok(&["symptom", "add", "Headache"]);
    d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=3",
        "--item",
        "custom_headache=2",
        "--craving",
        "6",
        "--at",
        &ago(4),
    ]);
    d.ok(&[
        "med",
        "add",
        "loperamide",
        "--amount",
        "2",
        "--unit",
        "mg",
        "--at",
        &ago(3),
    ]);
    d
}

#[test]
fn export_writes_csv_json_and_fhir_files() {
    let d = export_diary();
    let before = d.snapshot();
    let dir = d.dir.path().join("csv");
    let doc = d.json(&["export", "csv", "--out", dir.to_str().expect("p")]);
    assert_eq!(doc["kind"], "csv");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(3));
    let doses = std::fs::read_to_string(dir.join("doses.csv")).expect("doses.csv");
    assert!(doses.starts_with("\u{feff}id,time,day,amount_g"), "{doses}");
    assert!(doses.contains("\"a, \"\"quoted\"\"\nnote ü\""), "{doses}");
    let items = std::fs::read_to_string(dir.join("checkin-items.csv")).expect("items");
    assert!(items.contains("custom_headache,Headache,2,5,"), "{items}");
    let meds = std::fs::read_to_string(dir.join("medicines.csv")).expect("meds");
    assert!(meds.contains("loperamide"), "{meds}");

    let backup = d.dir.path().join("backup.json");
    let out = d.ok(&["export", "json", "--out", backup.to_str().expect("p")]);
    assert!(out.starts_with("Wrote "), "{out}");
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&backup).expect("read")).expect("json");
    assert_eq!(v["format"], "taper-backup");
    assert_eq!(v["version"], 2);
    assert_eq!(v["doses"].as_array().map(Vec::len), Some(2));

    let fhir = d.dir.path().join("bundle.json");
    d.ok(&["export", "fhir", "--out", fhir.to_str().expect("p")]);
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(&fhir).expect("read")).expect("json");
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert_eq!(d.snapshot(), before, "exports write nothing to the diary");

    // Refusals: a range on a backup, a bad day, no diary.
    let err = d.fails(
        3,
        &[
            "export",
            "json",
            "--from",
            "2026-11-01",
            "--out",
            backup.to_str().expect("p"),
        ],
    );
    assert!(err.contains("whole diary"), "{err}");
    let err = d.fails(
        3,
        &[
            "export",
            "csv",
            "--from",
            "01/11/2026",
            "--out",
            dir.to_str().expect("p"),
        ],
    );
    assert!(err.starts_with("taper: from:"), "{err}");
    let err = d.fails(3, &["export", "csv", "--out", backup.to_str().expect("p")]);
    assert!(err.contains("needs a folder"), "{err}");
    let none = Diary::empty();
    let err = none.fails(4, &["export", "json", "--out", backup.to_str().expect("p")]);
    assert!(err.contains("no diary exists yet"), "{err}");
    assert!(!none.db().exists());
}

#[test]
fn an_export_never_replaces_the_diary_its_backups_or_an_earlier_export() {
    let d = export_diary();
    d.ok(&["backup"]);
    let backup = d.json(&["backup", "list"])[0]["path"]
        .as_str()
        .expect("path")
        .to_owned();
    let diary_bytes = std::fs::read(d.db()).expect("diary");
    let backup_bytes = std::fs::read(&backup).expect("backup");
    let db = d.db();
    let via_dots = d.dir.path().join("backups").join("..").join("taper.db");
    let wal = d.dir.path().join("taper.db-wal");
    for target in [
        db.as_path(),
        backup.as_ref(),
        via_dots.as_path(),
        wal.as_path(),
    ] {
        for kind in ["json", "fhir"] {
            let err = d.fails(3, &["export", kind, "--out", target.to_str().expect("p")]);
            assert!(
                err.contains("your diary or one of its backups")
                    || err.contains("where Taper keeps its backups"),
                "{err}"
            );
        }
    }
    // A link to the diary under another name is the diary too.
    let link = d.dir.path().join("looks-harmless.json");
    std::os::unix::fs::symlink(d.db(), &link).expect("symlink");
    let err = d.fails(3, &["export", "json", "--out", link.to_str().expect("p")]);
    assert!(err.contains("your diary or one of its backups"), "{err}");
    assert_eq!(std::fs::read(d.db()).expect("diary"), diary_bytes);
    assert_eq!(std::fs::read(&backup).expect("backup"), backup_bytes);

    // Nothing into the backups folder.
    let backups = d.dir.path().join("backups");
    let err = d.fails(3, &["export", "csv", "--out", backups.to_str().expect("p")]);
    assert!(err.contains("where Taper keeps its backups"), "{err}");
    let into = backups.join("mine.json");
    let err = d.fails(3, &["export", "json", "--out", into.to_str().expect("p")]);
    assert!(err.contains("where Taper keeps its backups"), "{err}");
    assert!(!into.exists());
    // CSV into a folder that already holds an export: refused, the earlier files kept.
    let dir = d.dir.path().join("csv");
    d.ok(&["export", "csv", "--out", dir.to_str().expect("p")]);
    let earlier = std::fs::read(dir.join("doses.csv")).expect("doses");
    std::fs::write(dir.join("doses.csv"), b"my edits").expect("edit");
    let err = d.fails(3, &["export", "csv", "--out", dir.to_str().expect("p")]);
    assert!(err.contains("already holds doses.csv"), "{err}");
    assert_eq!(
        std::fs::read(dir.join("doses.csv")).expect("kept"),
        b"my edits"
    );
    assert!(!earlier.is_empty());
}

#[test]
fn an_export_that_cannot_be_written_is_an_output_failure_and_the_diary_is_untouched() {
    let d = export_diary();
    let before = d.snapshot();
    let missing = d.dir.path().join("no").join("such").join("bundle.json");
    let file = missing.to_str().expect("p");
    for kind in ["json", "fhir"] {
        let err = d.fails(4, &["export", kind, "--out", file]);
        assert_eq!(
            err.trim_end(),
            format!(
                "taper: storage (output file): {file} could not be written: No such file or directory (os error 2)"
            )
        );
    }
    let out = d
        .cmd(&["export", "json", "--out", file, "--json"])
        .assert()
        .code(4)
        .get_output()
        .clone();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["error"]["code"], "output");
    assert!(!missing.exists());
    assert_eq!(d.snapshot(), before);
    // The FHIR file ends with a line break, as the backup does.
    let fhir = d.dir.path().join("bundle.json");
    d.ok(&["export", "fhir", "--out", fhir.to_str().expect("p")]);
    assert!(std::fs::read_to_string(&fhir)
        .expect("read")
        .ends_with("}\n"));
}

#[test]
fn import_a_backup_round_trips_and_asks_merge_or_replace() {
    let d = export_diary();
    let backup = d.dir.path().join("backup.json");
    d.ok(&["export", "json", "--out", backup.to_str().expect("p")]);
    let file = backup.to_str().expect("p");

    // Into an empty profile: everything, identically.
    let fresh = Diary::empty();
    let dry = fresh.json(&["import", file, "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["added_doses"], 2);
    assert!(!fresh.db().exists(), "a dry run creates no diary");
    let doc = fresh.json(&["import", file]);
    assert_eq!(doc["kind"], "backup");
    assert_eq!(doc["added_doses"], 2);
    assert_eq!(doc["added_checkins"], 1);
    assert_eq!(doc["added_medicines"], 1);
    assert_eq!(doc["added_symptoms"], 1);
    assert_eq!(fresh.snapshot(), d.snapshot());

    // Into a diary with entries: asks, writes nothing.
    let before = fresh.snapshot();
    let err = fresh.fails(3, &["import", file]);
    assert!(err.contains("--merge or --replace"), "{err}");
    assert_eq!(fresh.snapshot(), before);
    let out = fresh.ok(&["import", file, "--merge", "--dry-run"]);
    assert!(out.contains("Nothing new to add."), "{out}");
    assert!(
        out.contains("Already in the diary, left as they are: 5 rows."),
        "{out}"
    );
    let doc = fresh.json(&["import", file, "--merge"]);
    assert_eq!(doc["added_doses"], 0);
    assert_eq!(doc["already_there"], 5);
    assert_eq!(fresh.snapshot(), before, "imported twice, added once");

    fresh.ok(&["dose", "add", "1", "--at", &ago(1)]);
    let doc = fresh.json(&["import", file, "--replace"]);
    assert_eq!(doc["removed_doses"], 3);
    assert_eq!(fresh.count("dose"), 2);
}

#[test]
fn import_refuses_bad_backups_naming_the_line_and_writes_nothing() {
    let d = export_diary();
    let backup = d.dir.path().join("backup.json");
    d.ok(&["export", "json", "--out", backup.to_str().expect("p")]);
    let good = std::fs::read_to_string(&backup).expect("read");
    let before = d.snapshot();
    let cases = [
        (
            "cut.json",
            good[..good.len() / 2].to_owned(),
            "ends too early",
        ),
        (
            "format.json",
            good.replacen("taper-backup", "other", 1),
            "not a Taper backup",
        ),
        (
            "version.json",
            good.replacen("\"version\": 2", "\"version\": 9", 1),
            "newer Taper",
        ),
        (
            "types.json",
            good.replacen("\"amount_g\": 2.5", "\"amount_g\": true", 1),
            "wrong type",
        ),
    ];
    for (name, text, words) in cases {
        let path = d.dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let err = d.fails(3, &["import", path.to_str().expect("p"), "--merge"]);
        assert!(err.contains(words), "{name}: {err}");
        assert!(err.starts_with("taper: file: "), "{name}: {err}");
    }
    let path = d.dir.path().join("cut2.json");
    std::fs::write(&path, &good[..good.len() / 3]).expect("write");
    let err = d.fails(3, &["import", path.to_str().expect("p"), "--merge"]);
    assert!(err.contains("file: line "), "{err}");
    let path = d.dir.path().join("bytes.csv");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    let err = d.fails(3, &["import", path.to_str().expect("p")]);
    assert!(err.contains("not UTF-8"), "{err}");
    let err = d.fails(3, &["import", "/no/such/file.json"]);
    assert!(err.contains("cannot be read"), "{err}");
    assert_eq!(d.snapshot(), before);

    // A file over the size limit is refused before it is read.
    let big = d.dir.path().join("big.json");
    let f = std::fs::File::create(&big).expect("create");
    f.set_len(201 * 1024 * 1024).expect("sparse file");
    let err = d.fails(3, &["import", big.to_str().expect("p")]);
    assert!(err.contains("up to 200 MB"), "{err}");
    assert_eq!(d.snapshot(), before);
}

#[test]
fn import_doses_from_a_csv_lists_bad_rows_and_imports_all_or_nothing() {
    let d = Diary::empty();
    let csv = d.dir.path().join("doses.csv");
    let day = |h: i64| ago(h);
    std::fs::write(
        &csv,
        format!(
            "Time,Amount,Unit,Form,Note\r\n{},2.5,g,powder,\"first, \"\"one\"\"\"\r\n{},abc,g,powder,\r\n{},4,capsule,capsules,\r\n{},2,spoon,powder,\r\n",
            day(30),
            day(29),
            day(28),
            day(27)
        ),
    )
    .expect("write");
    let file = csv.to_str().expect("p");
    let dry = d.json(&["import", file, "--dry-run"]);
    assert_eq!(dry["kind"], "dose_csv");
    assert_eq!(dry["rows"].as_array().map(Vec::len), Some(2));
    assert_eq!(dry["bad"][0]["line"], 3);
    assert!(dry["bad"][0]["reason"]
        .as_str()
        .unwrap_or("")
        .contains("not a number"));
    assert_eq!(dry["bad"][1]["line"], 5);
    assert_eq!(dry["mapping"][4]["field"], "note");
    assert!(!d.db().exists(), "a dry run creates nothing");

    let err = d.fails(3, &["import", file]);
    assert!(err.contains("line 3:") && err.contains("line 5:"), "{err}");
    assert!(!d.db().exists(), "a bad file writes nothing");

    let good = d.dir.path().join("good.csv");
    let text = std::fs::read_to_string(&csv).expect("read");
    let lines: Vec<&str> = text.split("\r\n").collect();
    std::fs::write(&good, [lines[0], lines[1], lines[3]].join("\r\n")).expect("write");
    let out = d.ok(&["import", good.to_str().expect("p")]);
    assert!(out.contains("Added 2 doses"), "{out}");
    let out = d.ok(&["import", good.to_str().expect("p")]);
    assert!(out.contains("Added 0 doses; 2 already"), "{out}");
    assert_eq!(d.count("dose"), 2);
    // One of each, in the singular.
    let one = d.dir.path().join("one.csv");
    std::fs::write(&one, [lines[0], lines[2], lines[3]].join("\r\n")).expect("write");
    let out = d.ok(&["import", one.to_str().expect("p"), "--dry-run"]);
    assert!(
        out.contains(
            "Would add 0 doses (2 g in the file); 1 row already in the diary would be left out."
        ),
        "a dry run asks the diary: {out}"
    );
    assert!(out.contains("1 row cannot be imported:"), "{out}");
    let err = d.fails(3, &["import", one.to_str().expect("p")]);
    assert!(err.contains("1 of 2 rows cannot be imported"), "{err}");
    assert!(err.contains("Fix it (or remove it)"), "{err}");
    let out = d.ok(&["import", good.to_str().expect("p")]);
    assert!(
        out.contains("Added 0 doses; 2 already in the diary were left out."),
        "{out}"
    );
    let err = d.fails(3, &["import", good.to_str().expect("p"), "--replace"]);
    assert!(err.contains("--replace is for a Taper backup"), "{err}");
}

#[test]
fn import_refuses_dev_zero_and_a_fifo_at_once_and_writes_nothing() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let fifo = d.dir.path().join("doses.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    for path in ["/dev/zero", fifo.to_str().expect("p")] {
        for extra in [&[][..], &["--dry-run"][..], &["--merge"][..]] {
            let mut args = vec!["import", path];
            args.extend_from_slice(extra);
            let started = Instant::now();
            let out = d
                .cmd(&args)
                .timeout(Duration::from_secs(10))
                .assert()
                .code(3)
                .get_output()
                .clone();
            let err = String::from_utf8(out.stderr).expect("utf-8");
            assert!(
                err.starts_with("taper: file: ") && err.contains("not a file"),
                "{path}: {err}"
            );
            assert!(started.elapsed() < Duration::from_secs(5), "{path}");
        }
    }
    assert_eq!(d.snapshot(), before);
}

/// Issue 13: `taper import --dry-run` of a 20 MB CSV whose second line is only commas peaked at
/// 485 MB. Now it is refused at the 65th column of that line, within a 256 MB address space.
#[test]
fn a_hostile_csv_is_refused_within_bounded_memory() {
    let d = Diary::empty();
    let path = d.dir.path().join("commas.csv");
    let mut text = b"time,amount\n".to_vec();
    text.extend(std::iter::repeat_n(b',', 20 * 1024 * 1024));
    text.push(b'\n');
    std::fs::write(&path, &text).expect("write");
    drop(text);
    let taper = assert_cmd::cargo::cargo_bin("taper");
    let out = std::process::Command::new("sh")
        .args(["-c", "ulimit -v 262144 && exec \"$0\" \"$@\""])
        .arg(&taper)
        .args(["import", path.to_str().expect("p"), "--dry-run"])
        .env("TAPER_DATA_DIR", d.dir.path())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_eq!(
        err.trim_end(),
        "taper: file: line 2: this row has 20,971,521 columns; a dose spreadsheet has at most 64."
    );
    assert!(!d.db().exists(), "nothing created");
}

#[test]
fn import_lists_the_first_100_bad_rows_and_counts_the_rest() {
    let d = Diary::empty();
    let path = d.dir.path().join("bad.csv");
    let mut text = format!("time,amount\n{},2\n", ago(30));
    for i in 0..150 {
        text.push_str(&format!("{},not {i}\n", ago(29)));
    }
    std::fs::write(&path, &text).expect("write");
    let file = path.to_str().expect("p");
    let dry = d.json(&["import", file, "--dry-run"]);
    assert_eq!(dry["bad"].as_array().map(Vec::len), Some(100));
    assert_eq!(dry["more_bad"], 50);
    assert_eq!(dry["bad"][99]["line"], 102);
    let out = d.ok(&["import", file, "--dry-run"]);
    assert!(out.contains("150 rows cannot be imported:"), "{out}");
    assert!(
        out.contains("  line 102: ") && !out.contains("line 103:"),
        "{out}"
    );
    assert!(out.contains("  … and 50 more rows\n"), "{out}");
    let err = d.fails(3, &["import", file]);
    assert!(err.contains("150 of 151 rows cannot be imported"), "{err}");
    assert!(
        err.contains("line 102: ") && !err.contains("line 103:"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("… and 50 more rows"), "{err}");
    assert!(!d.db().exists(), "nothing created");
}

// ---- report ----------------------------------------------------------------------------------

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("p"), "-"])
        .output()
        .expect("pdftotext is needed (poppler-utils; see scripts/setup.sh)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_info(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo is needed (poppler-utils; see scripts/setup.sh)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn report_writes_a_pdf_of_the_days() {
    let d = Diary::empty();
    d.ok(&[
        "plan",
        "create",
        "--shape",
        "detox",
        "--amount",
        "6",
        "--start",
        &ago(48)[..10],
    ]);
    d.ok(&[
        "dose",
        "add",
        "5",
        "--at",
        &ago(40),
        "--note",
        "private words",
    ]);
    d.ok(&["dose", "add", "2", "--at", &ago(1)]);
    d.ok(&[
        "checkin",
        "add",
        "--instrument",
        "sows",
        "--item",
        "sows_anxious=3",
        "--item",
        "sows_yawning=2",
        "--craving",
        "6",
        "--at",
        &ago(2),
    ]);
    d.ok(&["med", "add", "loperamide", "--amount", "2", "--unit", "mg"]);
    let before = d.snapshot();

    let pdf = d.dir.path().join("report.pdf");
    let doc = d.json(&[
        "report",
        "--paper",
        "a4",
        "--name",
        "Alex Example",
        "--out",
        pdf.to_str().expect("p"),
    ]);
    assert_eq!(doc["path"], pdf.to_str().expect("p"));
    assert_eq!(doc["pages"], 2);
    assert_eq!(doc["paper"], "a4");
    assert!(doc["from"].as_str().is_some() && doc["to"].as_str().is_some());
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for want in [
        "Taper report",
        "Alex Example",
        "Patient-reported data, not a diagnosis",
        "7 g in all",
        "1 dose a day",
        "loperamide (1 time, 2 mg in all)",
        "Day by day",
    ] {
        assert!(text.contains(want), "missing {want:?} in {text}");
    }
    assert!(!text.contains("private words"), "notes are off by default");
    let info = pdf_info(&pdf);
    assert!(info.contains("595 x 842 pts (A4)"), "{info}");

    // Notes on request; Letter paper from the locale.
    let letter = d.dir.path().join("letter.pdf");
    let out = d
        .cmd(&[
            "report",
            "--notes",
            "--from",
            &ago(72)[..10],
            "--out",
            letter.to_str().expect("p"),
        ])
        .env("LC_ALL", "en_US.UTF-8")
        .assert()
        .success()
        .get_output()
        .clone();
    let out = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        out.starts_with("Wrote ") && out.contains("US Letter"),
        "{out}"
    );
    assert!(pdf_text(&letter).contains("private words"));
    assert!(pdf_info(&letter).contains("612 x 792 pts (letter)"));
    // Reports read only.
    assert_eq!(d.snapshot(), before);
}

#[test]
fn report_warns_before_saving_of_characters_that_print_as_boxes() {
    let d = Diary::empty();
    d.ok(&[
        "dose",
        "add",
        "3",
        "--at",
        &ago(4),
        "--note",
        "头痛 😀 \u{E000}",
    ]);
    let pdf = d.dir.path().join("boxes.pdf");
    let out = d
        .cmd(&[
            "report",
            "--notes",
            "--out",
            pdf.to_str().expect("p"),
            "--json",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        stderr.contains("taper: warning: These characters will print as boxes: \u{E000} (U+E000)."),
        "{stderr}"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["unprintable"], serde_json::json!(["\u{E000}"]));
    assert!(pdf.exists(), "the report is still written");
    // Chinese and emoji print: no warning.
    let d = Diary::empty();
    d.ok(&["dose", "add", "3", "--at", &ago(4), "--note", "头痛 😀"]);
    let pdf = d.dir.path().join("ok.pdf");
    let out = d
        .cmd(&["report", "--notes", "--out", pdf.to_str().expect("p")])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdf_text(&pdf).contains("头痛"));
}

#[test]
fn report_refuses_other_files_bad_options_and_a_missing_diary() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let txt = d.dir.path().join("report.txt");
    let err = d.fails(3, &["report", "--out", txt.to_str().expect("p")]);
    assert!(err.contains(".pdf"), "{err}");
    assert!(!txt.exists());
    let pdf = d.dir.path().join("r.pdf");
    let pdf = pdf.to_str().expect("p");
    let err = d.fails(
        3,
        &[
            "report",
            "--from",
            "2026-11-20",
            "--to",
            "2026-11-01",
            "--out",
            pdf,
        ],
    );
    assert!(err.contains("from"), "{err}");
    let long = "x".repeat(100);
    let err = d.fails(3, &["report", "--name", &long, "--out", pdf]);
    assert!(err.contains("name"), "{err}");
    d.fails(2, &["report", "--paper", "a5", "--out", pdf]);
    assert!(!std::path::Path::new(pdf).exists());
    let err = d.fails(
        4,
        &[
            "report",
            "--out",
            d.dir.path().join("no/such/r.pdf").to_str().expect("p"),
        ],
    );
    assert!(err.contains("storage (output file)"), "{err}");
    assert_eq!(d.snapshot(), before);

    let empty = Diary::empty();
    let err = empty.fails(4, &["report", "--out", pdf]);
    assert!(err.contains("missing"), "{err}");
    assert!(!empty.db().exists());
}

/// A full disk: the save is refused (exit 4), nothing is half-written, reading still works once
/// space is back, and the same command then saves. Runs in a private mount namespace on a 2 MB
/// tmpfs (`unshare -m`; the tests run as root on the project's machines).
#[test]
fn a_full_disk_refuses_the_save_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mount = dir.path().join("diary");
    std::fs::create_dir(&mount).expect("mount point");
    let err_file = dir.path().join("stderr.txt");
    let taper = assert_cmd::cargo::cargo_bin("taper");
    let script = format!(
        r#"set -u
mount -t tmpfs -o size=2m tmpfs "{m}" || exit 90
export TAPER_DATA_DIR="{m}"
"{t}" dose add 2 --at "{a1}" >/dev/null; echo "first=$?"
dd if=/dev/zero of="{m}/fill" bs=4k 2>/dev/null
"{t}" dose add 3 --at "{a2}" >/dev/null 2>"{e}"; echo "full=$?"
rm "{m}/fill"
"{t}" dose list --from 2000-01-01 --json | grep -c '"amount_g"'
"{t}" dose add 3 --at "{a2}" >/dev/null; echo "retry=$?"
"{t}" dose list --from 2000-01-01 --json | grep -c '"amount_g"'
sqlite3 "{m}/taper.db" "PRAGMA integrity_check"
"#,
        m = mount.display(),
        t = taper.display(),
        e = err_file.display(),
        a1 = ago(3),
        a2 = ago(2),
    );
    let out = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .expect("unshare runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        ["first=0", "full=4", "1", "retry=0", "2", "ok"],
        "stderr of the refused save: {}",
        std::fs::read_to_string(&err_file).unwrap_or_default()
    );
    let err = std::fs::read_to_string(&err_file).expect("stderr");
    assert!(err.starts_with("taper: storage ("), "{err}");
    assert!(
        err.contains("If the disk is full, free some space"),
        "{err}"
    );
}

/// A diary on a read-only file system (a read-only bind mount in a private mount namespace):
/// it opens view-only, reads and charts work, every save is refused with exit 4 (read-only),
/// and the file stays byte-identical.
#[test]
fn a_read_only_diary_opens_view_only_and_is_never_written() {
    let d = Diary::with_a_dose();
    let before = std::fs::read(d.db()).expect("read");
    let dir = d.dir.path().display().to_string();
    let taper = assert_cmd::cargo::cargo_bin("taper");
    let chart = tempfile::tempdir().expect("chart dir");
    let script = format!(
        r#"set -u
mount --bind "{d}" "{d}" && mount -o remount,ro,bind "{d}" || exit 90
export TAPER_DATA_DIR="{d}"
"{t}" dose list --from 2000-01-01 --json | grep -c '"amount_g"'
"{t}" chart taper --out "{c}/c.svg" >/dev/null; echo "chart=$?"
"{t}" dose add 3 2>&1 >/dev/null | head -c 60; echo
"{t}" dose add 3 >/dev/null 2>&1; echo "add=$?"
"{t}" symptom add Headache >/dev/null 2>&1; echo "symptom=$?"
"{t}" dose rm 1 >/dev/null 2>&1; echo "rm=$?"
ls -A "{d}"
"#,
        d = dir,
        t = taper.display(),
        c = chart.path().display(),
    );
    let out = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .expect("unshare runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "1", "the dose is read: {text}");
    assert_eq!(lines[1], "chart=0", "{text}");
    assert!(lines[2].starts_with("taper: storage (read-only)"), "{text}");
    assert_eq!(&lines[3..6], ["add=4", "symptom=4", "rm=4"], "{text}");
    assert_eq!(
        lines[6..].to_vec(),
        // The lock file was made with the diary, before the folder became read-only.
        [".taper.db.lock", "taper.db"],
        "nothing created beside it: {text}"
    );
    assert_eq!(
        std::fs::read(d.db()).expect("read"),
        before,
        "byte-identical"
    );
}

// ---- an encrypted diary --------------------------------------------------------------------

/// Every file in the data folder, with its bytes.
fn folder_bytes(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p.display().to_string(), bytes)
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

#[test]
fn an_encrypted_diary_needs_its_passphrase_from_the_terminal_or_taper_passphrase() {
    let d = Diary::empty();
    let key = taper_core::store::Passphrase::new_for_diary("correct horse battery").expect("key");
    drop(
        Store::open_with(&d.db(), OpenOptions::default().key(Some(&key)))
            .expect("create encrypted"),
    );
    // No terminal (stdin is not one here) and no TAPER_PASSPHRASE.
    let err = d.fails(4, &["dose", "list"]);
    assert!(
        err.starts_with("taper: storage (needs-passphrase): "),
        "{err}"
    );
    assert!(err.contains("TAPER_PASSPHRASE"), "{err}");
    // A wrong one: said as such, and no file changes.
    let before = folder_bytes(d.dir.path());
    let out = d
        .cmd(&["dose", "add", "2"])
        .env("TAPER_PASSPHRASE", "wrong horse battery")
        .assert()
        .code(4)
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.starts_with("taper: storage (wrong-passphrase): "),
        "{err}"
    );
    assert_eq!(folder_bytes(d.dir.path()), before);
    // The right one: saves, lists, and backs up encrypted.
    let with_key = |args: &[&str]| {
        let out = d
            .cmd(args)
            .env("TAPER_PASSPHRASE", "correct horse battery")
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).expect("utf-8")
    };
    with_key(&["dose", "add", "2.5", "--note", "wombatquill"]);
    assert!(with_key(&["dose", "list"]).contains("2.5 g"));
    with_key(&["backup"]);
    for (name, bytes) in folder_bytes(d.dir.path()) {
        assert!(
            !bytes.windows(11).any(|w| w == b"wombatquill"),
            "{name} has the note in clear"
        );
        assert!(!bytes.starts_with(b"SQLite format 3"), "{name}");
    }
}

// ---- imported data passes the same rules as typed data (issue 13) ---------------------------

#[test]
fn years_outside_1900_to_2200_are_refused_everywhere_with_exit_3() {
    let d = Diary::with_a_dose();
    let before = d.snapshot();
    let refused = |args: &[&str], field: &str| {
        let err = d.fails(3, args);
        assert!(
            err.starts_with(&format!("taper: {field}: ")),
            "{args:?}: {err}"
        );
        assert!(err.contains("1900 to 2200"), "{args:?}: {err}");
        assert_eq!(d.snapshot(), before, "{args:?}: nothing written");
    };
    refused(
        &["dose", "add", "1", "--at", "1000-01-01T10:00:00+00:00"],
        "taken_at",
    );
    refused(
        &["dose", "add", "1", "--at", "1899-12-31 12:00"],
        "taken_at",
    );
    refused(
        &[
            "checkin",
            "add",
            "--item",
            "aches=1",
            "--at",
            "1899-12-31 12:00",
        ],
        "taken_at",
    );
    refused(
        &["med", "add", "loperamide", "--at", "2201-01-01 00:00"],
        "taken_at",
    );
    refused(
        &["dose", "edit", "1", "--at", "1899-12-31T12:00:00+00:00"],
        "taken_at",
    );
    refused(&["day", "1899-12-31"], "date");
    refused(&["day", "2201-01-01"], "date");
    refused(&["dose", "list", "--from", "1899-12-31"], "from");
    refused(&["checkin", "list", "--date", "2201-01-01"], "date");
    let out = d.dir.path().join("c.svg");
    let out = out.to_str().expect("p");
    refused(
        &[
            "chart",
            "taper",
            "--from",
            "1899-12-31",
            "--to",
            "1900-01-05",
            "--out",
            out,
        ],
        "from",
    );
    refused(
        &[
            "chart",
            "sleep",
            "--from",
            "2200-12-20",
            "--to",
            "2201-01-01",
            "--out",
            out,
        ],
        "to",
    );
    refused(
        &["export", "csv", "--from", "2201-01-01", "--out", out],
        "from",
    );
    refused(
        &[
            "plan",
            "create",
            "--shape",
            "detox",
            "--amount",
            "6",
            "--start",
            "1899-12-31",
        ],
        "start",
    );
    // The edges themselves are days like any other.
    d.ok(&["day", "1900-01-01"]);
    d.ok(&["day", "2200-12-31"]);
    d.ok(&[
        "chart",
        "progress",
        "--from",
        "2200-12-01",
        "--to",
        "2200-12-31",
        "--out",
        out,
    ]);
    d.ok(&[
        "chart",
        "symptoms",
        "--from",
        "1900-01-01",
        "--to",
        "1900-01-31",
        "--out",
        out,
    ]);
    // The first day entries can be on is 1900-01-02: before the day-start hour it is diary day
    // 1900-01-01, which `taper day` shows.
    let err = d.fails(
        3,
        &["dose", "add", "1", "--at", "1900-01-01T23:00:00+00:00"],
    );
    assert!(err.contains("1900-01-02"), "{err}");
    d.ok(&["dose", "add", "1", "--at", "1900-01-02T01:00:00+00:00"]);
    d.ok(&[
        "checkin",
        "add",
        "--item",
        "aches=1",
        "--at",
        "1900-01-02T12:00:00+00:00",
    ]);
    d.ok(&[
        "med",
        "add",
        "loperamide",
        "--at",
        "1900-01-02T12:00:00+00:00",
    ]);
    let day = d.json(&["day", "1900-01-01"]);
    assert_eq!(day["doses"].as_array().map(Vec::len), Some(1), "{day}");
}

/// The diary file's bytes and whether a -wal or -shm file is beside it.
fn file_state(path: &std::path::Path) -> (Vec<u8>, bool, bool) {
    let side = |s: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(s);
        PathBuf::from(p).exists()
    };
    (
        std::fs::read(path).expect("read"),
        side("-wal"),
        side("-shm"),
    )
}

#[test]
fn a_sqlite_file_that_is_not_a_taper_diary_is_refused_and_left_byte_identical() {
    let d = Diary::empty();
    {
        let conn = rusqlite::Connection::open(d.db()).expect("open");
        conn.execute_batch(
            "CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO recipes (name) VALUES ('soup');",
        )
        .expect("another program's data");
    }
    let before = file_state(&d.db());
    assert!(!before.1 && !before.2);
    for args in [
        vec!["day"],
        vec!["dose", "add", "2"],
        vec!["dose", "list"],
        vec!["backup"],
    ] {
        let err = d.fails(4, &args);
        assert!(
            err.starts_with("taper: storage (corrupt): "),
            "{args:?}: {err}"
        );
        assert!(err.contains("not a Taper diary"), "{args:?}: {err}");
        assert_eq!(
            file_state(&d.db()),
            before,
            "{args:?}: the file is untouched"
        );
    }
    // A diary someone added a trigger to is refused the same way, untouched.
    let d = Diary::with_a_dose();
    {
        let conn = rusqlite::Connection::open(d.db()).expect("open");
        conn.execute_batch("CREATE TRIGGER wipe AFTER INSERT ON dose BEGIN DELETE FROM dose; END;")
            .expect("trigger");
    }
    let before = file_state(&d.db());
    for args in [vec!["day"], vec!["dose", "add", "2"]] {
        let err = d.fails(4, &args);
        assert!(err.contains("trigger “wipe”"), "{args:?}: {err}");
        assert_eq!(file_state(&d.db()), before, "{args:?}");
    }
}

/// The backup of `export_diary()` as JSON, changed by `change`, written to `name` in `d`'s folder.
fn changed_backup(d: &Diary, name: &str, change: impl Fn(&mut Value)) -> String {
    let backup = d.dir.path().join("good-backup.json");
    d.ok(&["export", "json", "--out", backup.to_str().expect("p")]);
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(&backup).expect("read")).expect("json");
    change(&mut v);
    let path = d.dir.path().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&v).expect("json")).expect("write");
    path.to_str().expect("p").to_owned()
}

#[test]
fn import_refuses_backup_rows_a_typed_entry_could_not_be_and_names_them() {
    let d = export_diary();
    let before = d.snapshot();
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "position.json",
            Box::new(|v| v["symptoms"][0]["position"] = 2147483647.into()),
            "taper: file: symptom 1: position: 2147483647 is not a position in the list (0 to 10000).",
        ),
        (
            "cows.json",
            Box::new(|v| {
                v["checkins"][0]["instrument"] = "cows".into();
                v["checkins"][0]["items"] = serde_json::json!([{"key": "cows_pulse", "score": 3}]);
            }),
            "taper: file: check-in 1: items: “Resting pulse",
        ),
        (
            "kratom.json",
            Box::new(|v| v["checkins"][0]["items"][0]["score"] = 5.into()),
            "taper: file: check-in 1: items: “Muscle and bone aches” must be rated from 0 (none) to 4",
        ),
        (
            "year.json",
            Box::new(|v| v["doses"][1]["taken_at"] = "1000-01-01T10:00:00+00:00".into()),
            "taper: file: dose 2: taken_at: 1000-01-01 is outside the years Taper keeps (1900 to 2200)",
        ),
        (
            "medicine.json",
            Box::new(|v| v["medicines"][0]["name"] = " ".into()),
            "taper: file: medicine entry 1: name: ",
        ),
    ];
    let fresh = Diary::empty();
    for (name, change, start) in cases {
        let file = changed_backup(&d, name, change);
        let err = d.fails(3, &["import", &file, "--merge"]);
        assert!(err.starts_with(start), "{name}: {err}");
        assert_eq!(d.snapshot(), before, "{name}: nothing written");
        let err = fresh.fails(3, &["import", &file]);
        assert!(err.starts_with(start), "{name}: {err}");
        assert!(
            !fresh.db().exists(),
            "{name}: no diary made for a refused file"
        );
        let v: Value = serde_json::from_str(
            &String::from_utf8(
                fresh
                    .cmd(&["import", &file, "--json"])
                    .assert()
                    .code(3)
                    .get_output()
                    .stdout
                    .clone(),
            )
            .expect("utf-8"),
        )
        .expect("json");
        assert_eq!(v["error"]["field"], "file", "{name}");
    }
}

#[test]
fn a_huge_symptom_position_cannot_break_symptoms_or_check_ins() {
    // Refused at import…
    let d = export_diary();
    let file = changed_backup(&d, "huge.json", |v| {
        v["symptoms"][0]["position"] = 2147483647.into()
    });
    let fresh = Diary::empty();
    let err = fresh.fails(3, &["import", &file]);
    assert!(err.contains("symptom 1: position"), "{err}");
    // …and a diary that already holds one (an import by an older Taper, a hand edit) keeps
    // working: adding a symptom, listing them and checking in.
    let d = Diary::with_a_dose();
    d.ok(&["symptom", "add", "Old one"]);
    {
        let conn = rusqlite::Connection::open(d.db()).expect("open");
        conn.execute(
            "UPDATE symptom SET position = 2147483647 WHERE builtin = 0",
            [],
        )
        .expect("update");
    }
    d.ok(&["symptom", "add", "Headache"]);
    let list = d.json(&["symptoms"]);
    let keys: Vec<&str> = list["symptoms"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|s| s["key"].as_str())
        .collect();
    assert_eq!(
        &keys[keys.len() - 2..],
        ["custom_old_one", "custom_headache"],
        "the order is kept"
    );
    d.ok(&[
        "checkin",
        "add",
        "--item",
        "custom_headache=2",
        "--at",
        &ago(1),
    ]);
    d.ok(&["checkin", "add", "--item", "aches=1", "--at", &ago(1)]);
    d.ok(&["symptoms"]);
}

#[test]
fn import_replace_keeps_a_backup_of_the_diary_as_it_was() {
    let source = export_diary();
    let file = source.dir.path().join("backup.json");
    source.ok(&["export", "json", "--out", file.to_str().expect("p")]);
    let d = Diary::empty();
    d.ok(&[
        "dose",
        "add",
        "7.5",
        "--at",
        &ago(2),
        "--note",
        "the old one",
    ]);
    d.ok(&["dose", "add", "8", "--at", &ago(1)]);
    let out = d.ok(&["import", file.to_str().expect("p"), "--replace"]);
    assert!(
        out.contains("The diary as it was before is kept in "),
        "{out}"
    );
    assert_eq!(d.count("dose"), 2);
    let list = d.json(&["backup", "list"]);
    let kept = list
        .as_array()
        .expect("array")
        .iter()
        .find(|b| b["kind"] == "before_restore")
        .expect("a before-restore backup")["path"]
        .as_str()
        .expect("path")
        .to_owned();
    assert!(out.contains(&kept), "{out}");
    let conn =
        rusqlite::Connection::open_with_flags(&kept, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the backup");
    let old: Vec<(i64, Option<String>)> = conn
        .prepare("SELECT amount_dg, note FROM dose ORDER BY local_time")
        .expect("select")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert_eq!(old, [(75, Some("the old one".into())), (80, None)]);
    // --json says where it is too, and `taper restore` brings the old diary back.
    let doc = d.json(&["import", file.to_str().expect("p"), "--replace"]);
    assert!(doc["kept_backup"].as_str().is_some(), "{doc}");
    d.ok(&["restore", &kept]);
    assert_eq!(d.count("dose"), 2);
    let notes = d.json(&["dose", "list", "--from", "2000-01-01"]);
    assert!(notes.to_string().contains("the old one"), "{notes}");
}

/// Issue 14: a semicolon file with a `sep=` line and decimal commas is read, and the dry run
/// says how; a row with more fields than the header is listed with its line, never read by
/// position; the CSV export's grams stay the grams after a settings change.
#[test]
fn import_reads_spreadsheets_from_any_country_and_says_how() {
    let d = Diary::empty();
    let csv = d.dir.path().join("doses.csv");
    std::fs::write(
        &csv,
        "sep=;\r\nWhen;Dose;Notes\r\n2026-11-20 08:00;2,5;nach dem Frühstück, mit Tee\r\n2026-11-20T14:00:00.250;1;\r\n",
    )
    .expect("write");
    let file = csv.to_str().expect("p");
    let out = d.ok(&["import", file, "--dry-run"]);
    assert!(
        out.contains("Read with semicolons between fields (as its sep= line says) and a decimal comma (2,5).\n"),
        "{out}"
    );
    assert!(
        out.contains("Would add 2 doses (3.5 g in the file)"),
        "{out}"
    );
    assert!(out.contains("  line 3: 2026-11-20T08:00:00"), "{out}");
    let dry = d.json(&["import", file, "--dry-run"]);
    assert_eq!(dry["delimiter"], "semicolon");
    assert_eq!(dry["delimiter_from_sep_line"], true);
    assert_eq!(dry["decimal_mark"], "comma");
    assert_eq!(dry["rows"][0]["amount"], "2.5");
    assert_eq!(dry["rows"][0]["note"], "nach dem Frühstück, mit Tee");
    assert!(!d.db().exists(), "a dry run creates nothing");

    // The issue's small case: a decimal comma in a comma file splits the amount.
    let split = d.dir.path().join("split.csv");
    std::fs::write(
        &split,
        "time,amount,note\n2026-11-20 08:00,2,5,after breakfast\n",
    )
    .expect("write");
    let split = split.to_str().expect("p");
    let out = d.ok(&["import", split, "--dry-run"]);
    assert!(
        out.contains("Read with commas between fields; every amount is a whole number.\n"),
        "{out}"
    );
    assert!(
        out.contains("  line 2: This row has 4 fields; the header has 3"),
        "{out}"
    );
    assert!(out.contains("Would add 0 doses"), "{out}");
    let err = d.fails(3, &["import", split]);
    assert!(
        err.contains("line 2: This row has 4 fields; the header has 3"),
        "{err}"
    );
    assert!(!d.db().exists(), "a bad file writes nothing");

    // Exported capsules keep their grams when imported after the capsules changed.
    d.ok(&["import", file]);
    capsules_weigh(&d, 0.6);
    d.ok(&[
        "dose",
        "add",
        "4",
        "--unit",
        "capsule",
        "--at",
        "2026-11-21 09:00",
    ]);
    let out_dir = d.dir.path().join("exports");
    d.ok(&["export", "csv", "--out", out_dir.to_str().expect("p")]);
    let doses = out_dir.join("doses.csv");
    let text = std::fs::read_to_string(&doses).expect("read");
    assert!(text.contains(",2.4,4,capsule,"), "{text}");
    capsules_weigh(&d, 0.5);
    let out = d.ok(&["import", doses.to_str().expect("p")]);
    assert!(out.contains("Added 0 doses; 3 already"), "{out}");
    let json = d.json(&["import", doses.to_str().expect("p"), "--dry-run"]);
    assert_eq!(json["rows"][2]["amount_g"], 2.4);
    assert_eq!(json["total_g"], 3.5 + 2.4);
}

/// Sets the diary's grams per capsule.
fn capsules_weigh(d: &Diary, grams: f64) {
    let mut store = d.store();
    let settings = store.settings().expect("settings");
    store
        .save_settings(Settings {
            grams_per_capsule: grams,
            ..settings
        })
        .expect("save settings");
}

/// A dose of 30 g or more was confirmed when it was typed; its CSV export imports back (into an
/// empty diary after --yes, into its own diary as already there) instead of being a bad row.
#[test]
fn an_exported_csv_with_a_large_dose_imports_back_after_yes() {
    let d = Diary::empty();
    d.ok(&["dose", "add", "2", "--at", &ago(30)]);
    d.ok(&["dose", "add", "35", "--yes", "--at", &ago(20)]);
    let dir = d.dir.path().join("out");
    d.ok(&["export", "csv", "--out", dir.to_str().expect("p")]);
    let csv = dir.join("doses.csv");
    let file = csv.to_str().expect("p");

    // Into its own diary: both are already there, no --yes needed.
    let out = d.ok(&["import", file]);
    assert!(out.contains("Added 0 doses; 2 already"), "{out}");

    let fresh = Diary::empty();
    let dry = fresh.ok(&["import", file, "--dry-run"]);
    assert!(
        dry.contains("(30 g or more: imported only with --yes)"),
        "{dry}"
    );
    let err = fresh.fails(3, &["import", file]);
    assert!(
        err.contains("Line 3 is a dose of 30 g or more; nothing was imported. Check it; if it is right, import again with --yes."),
        "{err}"
    );
    assert!(!fresh.db().exists(), "nothing created");
    let out = fresh.ok(&["import", file, "--yes"]);
    assert!(out.contains("Added 2 doses"), "{out}");
    assert_eq!(fresh.count("dose"), 2);
}

/// The forms' own items never change: `taper symptoms` lists them before any diary exists, and
/// creates none.
#[test]
fn the_forms_items_are_listed_before_any_diary_exists() {
    let d = Diary::empty();
    let out = d.ok(&["symptoms", "--instrument", "sows"]);
    assert!(out.contains("sows_anxious"), "{out}");
    let doc = d.json(&["symptoms", "--instrument", "cows"]);
    assert_eq!(doc["symptoms"].as_array().map(Vec::len), Some(11), "{doc}");
    assert!(!d.db().exists(), "no diary made");
}
