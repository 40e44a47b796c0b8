//! `taper report`: the clinician report as a PDF, through the same core functions
//! (`taper_core::report`) the app's Share screen uses.

use chrono::{Local, NaiveDate};
use clap::{Args, ValueEnum};
use serde::Serialize;
use taper_core::report::{self, Paper, ReportOptions};

use crate::days::chart_range;
use crate::diary::{open_existing, today};
use crate::fail::Result;
use crate::out::json_doc;

pub const HELP: &str = "\
Page 1: a summary table (days covered, the plan and how closely it was followed, grams and
doses per day, peak and latest symptom totals, with bands for SOWS and COWS only: the kratom
checklist's total is points and how many symptoms were rated, craving, sleep, other medicines,
step backs), the taper chart, then the day-by-day table (date, taken, planned, doses, first and
last dose, symptom total, craving, sleep, medicines), continued on the next pages; then the
symptom heatmap and the instruments' citations. Days start at the diary's first entry. Notes are
left out unless --notes; no name unless --name.

Range: as for charts (without --from/--to, the current plan, else the last 14 days).
Paper: A4, or US Letter where the locale uses it (LC_ALL, LC_PAPER, LANG); --paper overrides.

Examples:
  taper report --out report.pdf
  taper report --from 2026-11-01 --to 2026-11-30 --paper letter --notes --name \"Alex\" --out november.pdf";

/// `taper report`'s options.
#[derive(Debug, Args)]
pub struct Cmd {
    /// First diary day, YYYY-MM-DD
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Paper size (default: by locale)
    #[arg(long, value_name = "a4|letter")]
    pub paper: Option<PaperArg>,
    /// Include the notes written on doses, check-ins and medicines
    #[arg(long)]
    pub notes: bool,
    /// A name to print at the top of the report
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Where to write it: a file name ending in .pdf
    #[arg(long, value_name = "FILE")]
    pub out: std::path::PathBuf,
}

/// The report's paper (`--paper`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// `report --json`.
#[derive(Serialize)]
struct Written {
    path: String,
    pages: usize,
    from: NaiveDate,
    to: NaiveDate,
    paper: Paper,
    /// Characters that print as boxes (no embedded font has them); empty when all print.
    unprintable: Vec<String>,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        // The file name is checked first: a wrong extension writes nothing and reads nothing.
        report::check_pdf_path(&self.out)?;
        let paper = match self.paper {
            Some(PaperArg::Letter) => Paper::Letter,
            Some(PaperArg::A4) => Paper::A4,
            None => Paper::from_env(),
        };
        let store = open_existing()?;
        let today = today(&store)?;
        let options = ReportOptions {
            range: chart_range(self.from.as_deref(), self.to.as_deref(), today)?,
            paper,
            include_notes: self.notes,
            name: self.name.clone(),
        };
        let made = report::build(
            &store,
            &options,
            today,
            Local::now().fixed_offset(),
            env!("CARGO_PKG_VERSION"),
        )?;
        // Said before the file is written, on stderr so a script reading stdout is not disturbed.
        if let Some(warning) = report::unprintable_warning(&made.unprintable) {
            eprintln!("taper: warning: {warning}");
        }
        report::write_pdf(&self.out, &made.pdf)?;
        let written = Written {
            path: self.out.display().to_string(),
            pages: made.pages.len(),
            from: made.from,
            to: made.to,
            paper,
            unprintable: made.unprintable.iter().map(char::to_string).collect(),
        };
        if json {
            return json_doc(&written);
        }
        Ok(format!(
            "Wrote {} (PDF, {} {}, {}).\n{} to {}, notes {}.\n",
            written.path,
            written.pages,
            if written.pages == 1 { "page" } else { "pages" },
            paper.label(),
            crate::out::day_label(made.from),
            crate::out::day_label(made.to),
            if self.notes {
                "included"
            } else {
                "not included"
            }
        ))
    }
}
