//! `taper export`: the core's exports (`taper_core::share::write_export`, as the app's Share
//! screen writes them) into a file or folder named on the command line.

use chrono::{NaiveDate, Utc};
use clap::{Args, ValueEnum};
use serde::Serialize;
use taper_core::export::ExportKind;
use taper_core::share;

use crate::days::day_arg;
use crate::diary::open_existing;
use crate::fail::{invalid, Result};
use crate::out::json_doc;

pub const HELP: &str = "\
Kinds:
  csv    doses.csv, checkin-items.csv and medicines.csv into the folder --out (made if needed):
         UTF-8, RFC 4180, ISO 8601 times with their UTC offset, a header row
  json   the whole diary (settings, your own symptoms, every entry, plans with their history)
         as a versioned backup that `taper import` reads back; takes no --from/--to
  fhir   a FHIR R4 JSON Bundle: check-ins as QuestionnaireResponse, totals and craving as
         Observation (survey), doses as MedicationAdministration in UCUM g

Range: --from/--to limit CSV and FHIR to those diary days (default: everything).
Files are written whole or not at all (a temporary file, then renamed).

Examples:
  taper export csv --out exports
  taper export json --out taper-backup.json
  taper export fhir --from 2026-11-01 --to 2026-11-30 --out november.fhir.json";

/// `taper export`'s options.
#[derive(Debug, Args)]
pub struct Cmd {
    /// What to export
    #[arg(value_name = "csv|json|fhir")]
    pub kind: Kind,
    /// First diary day, YYYY-MM-DD (CSV and FHIR)
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (CSV and FHIR)
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Where to write: a folder for csv, a file for json and fhir
    #[arg(long, value_name = "PATH")]
    pub out: std::path::PathBuf,
}

/// What `taper export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Csv,
    Json,
    Fhir,
}

#[derive(Serialize)]
struct Exported {
    kind: ExportKind,
    files: Vec<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        let from = day_arg("from", self.from.as_deref())?;
        let to = day_arg("to", self.to.as_deref())?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(invalid("from", "--from is after --to."));
            }
        }
        if self.kind == Kind::Json && (from.is_some() || to.is_some()) {
            return Err(invalid(
                "from",
                "A backup always holds the whole diary; leave out --from and --to (CSV and FHIR exports take a range).",
            ));
        }
        let store = open_existing()?;
        let kind = match self.kind {
            Kind::Csv => ExportKind::Csv,
            Kind::Json => ExportKind::Json,
            Kind::Fhir => ExportKind::Fhir,
        };
        // Never over the diary or its backups; a CSV folder never over an earlier export; files
        // written whole or not at all.
        let files = share::write_export(&store, kind, (from, to), &self.out, Utc::now())?;
        let doc = Exported {
            kind,
            files,
            from,
            to,
        };
        if json {
            return json_doc(&doc);
        }
        let mut out = String::new();
        for f in &doc.files {
            out.push_str(&format!("Wrote {f}.\n"));
        }
        Ok(out)
    }
}
