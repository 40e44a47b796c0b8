//! Crash safety, proven: a writer saves doses and check-ins in a loop and reports each id only
//! after the save returned; it is killed with SIGKILL at random moments; the diary is reopened
//! and checked: every acknowledged entry is there as saved, no entry is half-written, and
//! `PRAGMA integrity_check` says ok.
//!
//! The writer is this same test binary started again with `TAPER_CRASH_DB` set (the test
//! `crash_writer_child` does the writing then; without the variable it returns at once).
//!
//!     cargo test -p taper-core --test crash                                  # 50 kills (CI)
//!     TAPER_CRASH_KILLS=1000 cargo test --release -p taper-core --test crash -- --nocapture
//!
//! See docs/reliability.md for the recorded runs.

use crate::common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use taper_core::checkin::{CheckInInput, ItemScore};
use taper_core::dose::{DoseInput, Form, Unit};
use taper_core::Store;

const DB_ENV: &str = "TAPER_CRASH_DB";
const SEED_ENV: &str = "TAPER_CRASH_SEED";
const ITEMS: [&str; 3] = ["aches", "insomnia", "irritability"];

/// A small deterministic generator (no dependency; the seed is printed on failure).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What a saved entry must look like when read back.
#[derive(Debug, Clone, PartialEq)]
enum Saved {
    Dose { amount_g: f64 },
    Checkin { score: i32 },
}

/// The writer: saves until killed, printing `D id amount` / `C id score` after each save returns.
#[test]
fn crash_writer_child() {
    let Some(path) = std::env::var_os(DB_ENV) else {
        return;
    };
    let seed: u64 = std::env::var(SEED_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut rng = Lcg(seed);
    let mut store = Store::open(std::path::Path::new(&path)).expect("writer opens the diary");
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "READY").expect("stdout");
    out.flush().expect("flush");
    let mut minute = 0u64;
    loop {
        minute += 1;
        // Times spread over the last days, all in the past.
        let at = chrono::Utc::now() - chrono::Duration::minutes((minute % 5000) as i64 + 1);
        let at = at.to_rfc3339();
        if rng.below(3) == 0 {
            let score = rng.below(5) as i32;
            let c = store
                .add_checkin(
                    &CheckInInput {
                        taken_at: at,
                        items: ITEMS
                            .iter()
                            .map(|k| ItemScore {
                                key: (*k).into(),
                                score,
                            })
                            .collect(),
                        craving: Some(score * 2),
                        sleep_hours: Some(6.0),
                        sleep_quality: None,
                        mood: None,
                        note: Some(format!("check-in {minute}")),
                    },
                    chrono::Utc::now(),
                )
                .expect("check-in saved");
            writeln!(out, "C {} {score}", c.id).expect("stdout");
        } else {
            let tenths = 1 + rng.below(80);
            let amount = format!("{}.{}", tenths / 10, tenths % 10);
            let d = store
                .add_dose(
                    &DoseInput {
                        amount: amount.clone(),
                        unit: Unit::G,
                        taken_at: at,
                        form: Form::Powder,
                        product: Some("Crash test".into()),
                        estimated: false,
                        note: Some(format!("dose {minute}")),
                        confirm_large: false,
                    },
                    chrono::Utc::now(),
                )
                .expect("dose saved");
            writeln!(out, "D {} {amount}", d.id).expect("stdout");
        }
        out.flush().expect("flush");
    }
}

/// Starts a writer, lets it run for a random few milliseconds after it is ready, kills it with
/// SIGKILL and returns what it acknowledged.
fn run_and_kill(db: &std::path::Path, seed: u64, rng: &mut Lcg) -> Vec<(i64, Saved)> {
    let exe = std::env::current_exe().expect("test binary");
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "crash::crash_writer_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DB_ENV, db)
        .env(SEED_ENV, seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Wait for READY (the store is open), then kill at a random moment.
    let started = Instant::now();
    loop {
        match rx.recv_timeout(Duration::from_secs(20)) {
            // libtest may print "test crash_writer_child ... " on the same line.
            Ok(line) if line.ends_with("READY") => break,
            Ok(_) => {}
            Err(e) => panic!("writer never got ready (seed {seed}): {e}"),
        }
        assert!(started.elapsed() < Duration::from_secs(20), "seed {seed}");
    }
    std::thread::sleep(Duration::from_micros(500 + rng.below(40_000)));
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    reader.join().expect("reader");
    let mut acked = Vec::new();
    for line in rx.try_iter() {
        let mut parts = line.split_whitespace();
        let (Some(kind), Some(id), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
            // The last line may be cut by the kill; it was never fully acknowledged.
            continue;
        };
        let Ok(id) = id.parse::<i64>() else { continue };
        let saved = match kind {
            "D" => match value.parse() {
                Ok(amount_g) => Saved::Dose { amount_g },
                Err(_) => continue,
            },
            "C" => match value.parse() {
                Ok(score) => Saved::Checkin { score },
                Err(_) => continue,
            },
            _ => continue,
        };
        acked.push((id, saved));
    }
    acked
}

#[test]
fn acknowledged_saves_survive_sigkill() {
    let kills: u64 = std::env::var("TAPER_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let t = common::tmp();
    drop(Store::open(&t.path).expect("create"));
    let mut rng = Lcg(0x7a9e_2026);
    let mut acked: BTreeMap<(char, i64), Saved> = BTreeMap::new();
    let started = Instant::now();
    let mut interrupted_with_work = 0u64;
    for k in 0..kills {
        let got = run_and_kill(&t.path, k + 1, &mut rng);
        if !got.is_empty() {
            interrupted_with_work += 1;
        }
        for (id, saved) in got {
            let kind = match saved {
                Saved::Dose { .. } => 'D',
                Saved::Checkin { .. } => 'C',
            };
            acked.insert((kind, id), saved);
        }
        // Every few kills, and at the end, check everything acknowledged so far.
        if k % 10 == 9 || k + 1 == kills {
            check(&t.path, &acked, k + 1);
        }
    }
    let doses = acked.keys().filter(|(k, _)| *k == 'D').count();
    let checkins = acked.len() - doses;
    println!(
        "crash test: {kills} SIGKILLs ({interrupted_with_work} after at least one save), \
         {doses} acknowledged doses and {checkins} check-ins all present, integrity ok, \
         {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(doses > 0 && checkins > 0, "the writer saved nothing");
}

/// Reopens the diary and checks every acknowledged entry, half-written entries and integrity.
fn check(path: &std::path::Path, acked: &BTreeMap<(char, i64), Saved>, after: u64) {
    let store = Store::open(path).unwrap_or_else(|e| panic!("reopen after {after} kills: {e}"));
    for ((_, id), saved) in acked {
        match saved {
            Saved::Dose { amount_g } => {
                let d = store.dose(*id).unwrap_or_else(|e| {
                    panic!("acknowledged dose {id} lost after {after} kills: {e}")
                });
                assert_eq!(d.amount_g, *amount_g, "dose {id}");
            }
            Saved::Checkin { score } => {
                let c = store.checkin(*id).unwrap_or_else(|e| {
                    panic!("acknowledged check-in {id} lost after {after} kills: {e}")
                });
                assert_eq!(c.items.len(), ITEMS.len(), "check-in {id} items");
                assert!(c.items.iter().all(|i| i.score == *score), "check-in {id}");
            }
        }
    }
    drop(store);
    let conn = rusqlite::Connection::open(path).expect("open");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get("integrity_check"))
        .expect("integrity_check");
    assert_eq!(ok, "ok", "after {after} kills");
    // No half-written check-in: every check-in has all its items (the writer always saves 3).
    let partial: i64 = conn
        .query_row(
            "SELECT count(*) AS n FROM checkin c
             WHERE (SELECT count(*) FROM checkin_item i WHERE i.checkin_id = c.id) <> 3",
            [],
            |r| r.get("n"),
        )
        .expect("count");
    assert_eq!(partial, 0, "half-written check-ins after {after} kills");
    let fk: i64 = conn
        .query_row(
            "SELECT count(*) AS n FROM pragma_foreign_key_check",
            [],
            |r| r.get("n"),
        )
        .expect("fk");
    assert_eq!(fk, 0, "after {after} kills");
}
