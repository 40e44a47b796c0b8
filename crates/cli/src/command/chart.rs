//! `taper chart`: the app's charts into an SVG or PNG file, through the same core function
//! (`taper_core::figure::draw`) the app uses.

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use taper_core::chart::{write_chart_file, ChartTheme, ImageFormat};
use taper_core::figure::{self, ChartKind, ChartRequest};

use crate::days::chart_range;
use crate::diary::{open_existing, today};
use crate::fail::Result;
use crate::out::json_doc;

pub const HELP: &str = "\
Charts:
  taper      grams taken per day as bars, the plan as a step line, the day's symptom score
  symptoms   heatmap of symptoms by day (by week for ranges over three months), 0-4 in words
  progress   weekly averages of grams and symptom score; days since the last dose
  sleep      craving (0-10) and hours slept

Range: without --from/--to, the current plan (else the last 14 days). --from alone runs to
today; --to alone is the 14 days ending then.
The file's extension picks the format: .svg, or .png (drawn at twice the size).

Examples:
  taper chart taper --out week.svg
  taper chart symptoms --from 2026-11-01 --to 2026-11-30 --out november.png
  taper chart progress --from 2026-01-01 --out year.png --dark";

/// `taper chart`'s options.
#[derive(Debug, Args)]
pub struct Cmd {
    /// Which chart
    #[arg(value_name = "taper|symptoms|progress|sleep")]
    pub kind: Kind,
    /// First diary day, YYYY-MM-DD
    #[arg(long, value_name = "DAY")]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DAY")]
    pub to: Option<String>,
    /// Where to write it: a file name ending in .svg or .png
    #[arg(long, value_name = "FILE")]
    pub out: std::path::PathBuf,
    /// Width in pixels (a PNG is twice this)
    #[arg(long, value_name = "PX", default_value_t = 900)]
    pub width: u32,
    /// Height in pixels (a PNG is twice this)
    #[arg(long, value_name = "PX", default_value_t = 420)]
    pub height: u32,
    /// Dark background, for a screen in dark mode (files to print or share: leave it off)
    #[arg(long)]
    pub dark: bool,
}

/// Which chart `taper chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Taper,
    Symptoms,
    Progress,
    Sleep,
}

impl Kind {
    fn core(self) -> ChartKind {
        match self {
            Kind::Taper => ChartKind::Taper,
            Kind::Symptoms => ChartKind::Symptoms,
            Kind::Progress => ChartKind::Progress,
            Kind::Sleep => ChartKind::Sleep,
        }
    }
}

#[derive(Serialize)]
struct Written<'a> {
    path: String,
    format: &'static str,
    kind: ChartKind,
    from: NaiveDate,
    to: NaiveDate,
    summary: &'a str,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        // The file name is checked first: a wrong extension writes nothing and reads nothing.
        let format = ImageFormat::from_path(&self.out)?;
        let store = open_existing()?;
        let today = today(&store)?;
        let request = ChartRequest {
            kind: self.kind.core(),
            range: chart_range(self.from.as_deref(), self.to.as_deref(), today)?,
            theme: if self.dark {
                ChartTheme::Dark
            } else {
                ChartTheme::Light
            },
            width: self.width,
            height: self.height,
        };
        let image = figure::draw(&store, &request, today)?;
        write_chart_file(&self.out, &image.svg)?;
        let written = Written {
            path: self.out.display().to_string(),
            format: match format {
                ImageFormat::Svg => "svg",
                ImageFormat::Png => "png",
            },
            kind: request.kind,
            from: image.from,
            to: image.to,
            summary: &image.summary,
        };
        if json {
            return json_doc(&written);
        }
        Ok(format!(
            "Wrote {} ({}).\n{}.\n",
            written.path,
            written.format.to_uppercase(),
            image.summary
        ))
    }
}
