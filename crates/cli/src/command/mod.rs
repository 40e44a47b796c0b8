//! The command line as clap sees it, and which command runs. Each subcommand is one module
//! holding its arguments and its `run()`. Values that the core validates (amounts, times,
//! units, forms, scores) arrive as text and are checked by the core, so a bad value is a
//! refused input (exit 3) with the app's own message, not a usage error.

use clap::{Parser, Subcommand};

use crate::fail::Result;

pub mod backup;
pub mod chart;
pub mod checkin;
pub mod day;
pub mod dose;
pub mod export;
pub mod import;
pub mod med;
pub mod plan;
pub mod report;
pub mod restore;
pub mod symptom;
pub mod symptoms;

const TOP_HELP: &str = "\
Examples:
  taper dose add 2.5
  taper dose add 4 --unit capsule --form capsules --at \"2026-11-24 22:15\" --estimated
  taper dose list --from 2026-11-18 --to 2026-11-24 --json
  taper checkin add --item aches=3 --item insomnia=2 --craving 6 --slept 4.5
  taper checkin add --instrument sows --item sows_anxious=2 --item sows_yawning=1
  taper med add loperamide --amount 2 --unit mg
  taper day
  taper plan create --shape detox --amount 6
  taper plan create --shape percent --percent 10 --every 7 --dry-run
  taper plan show
  taper plan step-back --days 2
  taper export csv --from 2026-11-01 --to 2026-11-30 --out exports
  taper export json --out taper-backup.json
  taper import taper-backup.json --dry-run
  taper import doses.csv
  taper chart taper --out week.png
  taper backup
  taper report --out report.pdf

Data: the diary is taper.db in $TAPER_DATA_DIR when set, else the app's data folder
(~/.local/share/taper on Linux). The app may be open at the same time.

Exit codes: 0 done, 2 usage error, 3 refused input (nothing written),
4 storage problem (missing, locked, corrupt, read-only or newer diary).
Every command takes --json and then prints one JSON document (see docs/cli.md).";

/// Taper's diary from the terminal: log doses and check-ins, list them, show a day, plan a taper.
#[derive(Debug, Parser)]
#[command(name = "taper", version, after_help = TOP_HELP, propagate_version = true)]
pub struct Cli {
    /// Print one JSON document on stdout instead of a table
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log, list, edit and delete doses
    #[command(
        subcommand,
        after_help = "Examples:\n  taper dose add 2.5\n  taper dose list --date 2026-11-24\n  taper dose edit 12 --amount 3\n  taper dose rm 12"
    )]
    Dose(dose::Cmd),
    /// Symptom check-ins: add, list, delete
    #[command(
        subcommand,
        after_help = "Examples:\n  taper checkin add --item aches=3 --craving 6\n  taper checkin list --json\n  taper checkin rm 4"
    )]
    Checkin(checkin::Cmd),
    /// The symptom catalogue: the keys and allowed scores for `checkin add --item KEY=SCORE`
    #[command(
        after_help = "Examples:\n  taper symptoms\n  taper symptoms --instrument sows\n  taper symptoms --instrument cows --json"
    )]
    Symptoms(symptoms::Cmd),
    /// Your own symptoms on the kratom checklist: add, rename, archive
    #[command(
        subcommand,
        after_help = "Examples:\n  taper symptom add Headache\n  taper symptom rename custom_headache \"Bad headache\"\n  taper symptom archive custom_headache"
    )]
    Symptom(symptom::Cmd),
    /// Other medicines and substances (loperamide, ibuprofen...): add, list, delete
    #[command(
        subcommand,
        after_help = "Examples:\n  taper med add loperamide --amount 2 --unit mg\n  taper med list --json\n  taper med rm 3"
    )]
    Med(med::Cmd),
    /// One diary day: its doses, total, count and latest check-in
    #[command(
        after_help = "A diary day starts at the day-start hour from Settings (04:00 unless changed),\nso a dose at 02:30 counts for the evening before.\n\nExamples:\n  taper day\n  taper day 2026-11-24 --json"
    )]
    Day(day::Cmd),
    /// A taper plan: create one, show it with today's target, step back when a step is too hard
    #[command(
        subcommand,
        after_help = "Examples:\n  taper plan create --shape detox --amount 6\n  taper plan show\n  taper plan step-back --days 2"
    )]
    Plan(plan::Cmd),
    /// Export the diary: CSV files, a full JSON backup, or a FHIR R4 bundle
    #[command(after_help = export::HELP)]
    Export(export::Cmd),
    /// Import a Taper JSON backup or doses from a spreadsheet CSV (the kind is told from the content)
    #[command(after_help = import::HELP)]
    Import(import::Cmd),
    /// Draw a chart into an SVG or PNG file (the same chart the app shows)
    #[command(after_help = chart::HELP)]
    Chart(chart::Cmd),
    /// Make the clinician report: a PDF summary of the days, charts and a day-by-day table
    #[command(after_help = report::HELP)]
    Report(report::Cmd),
    /// Back up the diary now (a checked copy in the backups folder), or list the backups
    #[command(
        after_help = "Backups are consistent copies made by SQLite, checked, in the backups folder beside\nthe diary. The app also makes one on start when the newest is more than a day old\n(keeping 7 daily and 4 weekly) and one before every upgrade and every restore.\n\nExamples:\n  taper backup\n  taper backup list --json"
    )]
    Backup(backup::Cmd),
    /// Replace the diary with a backup (the current diary is backed up first). Close the app first.
    #[command(
        after_help = "The backup is checked before anything changes; the diary as it was is kept as a\n\"before-restore\" backup; the swap is a rename, so the diary is never half-restored.\n\nExamples:\n  taper restore latest\n  taper restore ~/.local/share/taper/backups/taper-2026-11-24T080000Z-auto.db"
    )]
    Restore(restore::Cmd),
}

impl Cli {
    /// Runs the command and returns what goes to stdout.
    pub fn run(&self) -> Result<String> {
        let json = self.json;
        match &self.command {
            Command::Dose(c) => c.run(json),
            Command::Checkin(c) => c.run(json),
            Command::Symptoms(c) => c.run(json),
            Command::Symptom(c) => c.run(json),
            Command::Med(c) => c.run(json),
            Command::Day(c) => c.run(json),
            Command::Plan(c) => c.run(json),
            Command::Export(c) => c.run(json),
            Command::Import(c) => c.run(json),
            Command::Chart(c) => c.run(json),
            Command::Report(c) => c.run(json),
            Command::Backup(c) => c.run(json),
            Command::Restore(c) => c.run(json),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// The modules `crate::x` that `source` imports (tests left out).
    fn imports(source: &str) -> Vec<String> {
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        let mut found: Vec<String> = code
            .match_indices("crate::")
            .map(|(i, _)| {
                code[i + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect();
        found.sort();
        found.dedup();
        found
    }

    /// No import cycles: a command module imports no other command module (nor `super`), and
    /// the shared modules stand in layers, each importing only those before it.
    #[test]
    fn modules_import_only_downward() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let layers = ["fail", "out", "diary", "days", "catalogue"];
        for (n, module) in layers.iter().enumerate() {
            let text = std::fs::read_to_string(src.join(format!("{module}.rs"))).expect("read");
            for used in imports(&text) {
                assert!(
                    layers[..n].contains(&used.as_str()),
                    "{module} imports {used}"
                );
            }
        }
        let mut commands = 0;
        for entry in std::fs::read_dir(src.join("command")).expect("command/") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
            assert!(!code.contains("super::"), "{}", path.display());
            for used in imports(&text) {
                assert!(
                    layers.contains(&used.as_str()),
                    "{} imports {used}",
                    path.display()
                );
            }
            commands += 1;
        }
        assert!(commands > 10, "{commands}");
        let shared: usize = std::fs::read_dir(&src)
            .expect("src/")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "rs"))
            })
            .count();
        assert_eq!(
            shared,
            layers.len() + 2,
            "a new shared module needs its layer (besides lib.rs and main.rs)"
        );
    }
}
