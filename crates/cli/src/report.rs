//! `taper report`: the clinician report as a PDF, through the same core functions
//! (`taper_core::report`) the app's Share screen uses.

use chrono::{Local, NaiveDate};
use serde::Serialize;
use taper_core::report::{self, Paper, ReportOptions};

use crate::args::{PaperArg, ReportArgs};
use crate::chart::range;
use crate::run::{json_doc, open_existing, today, Result};

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

pub fn report(a: &ReportArgs, json: bool) -> Result<String> {
    // The file name is checked first: a wrong extension writes nothing and reads nothing.
    report::check_pdf_path(&a.out)?;
    let paper = match a.paper {
        Some(PaperArg::Letter) => Paper::Letter,
        Some(PaperArg::A4) => Paper::A4,
        None => Paper::from_env(),
    };
    let store = open_existing()?;
    let today = today(&store)?;
    let options = ReportOptions {
        range: range(a.from.as_deref(), a.to.as_deref(), today)?,
        paper,
        include_notes: a.notes,
        name: a.name.clone(),
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
    report::write_pdf(&a.out, &made.pdf)?;
    let written = Written {
        path: a.out.display().to_string(),
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
        made.from.format("%a %-d %b %Y"),
        made.to.format("%a %-d %b %Y"),
        if a.notes { "included" } else { "not included" }
    ))
}
