//! Days and times as the command line gives them: `--at`, `--date`/`--from`/`--to` of a list,
//! and the range of a chart, report or export. The core parses each value; a bad one is a
//! refused input naming its option.

use chrono::{Days, Local, NaiveDate, SecondsFormat};
use clap::Args;
use taper_core::day::{parse_day, parse_local_input};
use taper_core::figure::ChartRange;
use taper_core::Store;

use crate::diary::today;
use crate::fail::{invalid, Result};

/// Which diary days to list.
#[derive(Debug, Args)]
pub struct Range {
    /// One diary day, YYYY-MM-DD
    #[arg(long, conflicts_with_all = ["from", "to"])]
    pub date: Option<String>,
    /// First diary day, YYYY-MM-DD (default: --to, or today)
    #[arg(long)]
    pub from: Option<String>,
    /// Last diary day, YYYY-MM-DD (default: today)
    #[arg(long)]
    pub to: Option<String>,
}

impl Range {
    /// The diary days a `list` covers: `--date`, or `--from`..`--to` (each defaulting as
    /// documented).
    pub fn days(&self, store: &Store) -> Result<(NaiveDate, NaiveDate)> {
        if let Some(d) = &self.date {
            let d = parse_day("date", d)?;
            return Ok((d, d));
        }
        let to = match &self.to {
            Some(t) => parse_day("to", t)?,
            None => today(store)?,
        };
        let from = match &self.from {
            Some(f) => parse_day("from", f)?,
            None => to,
        };
        if from > to {
            return Err(invalid(
                "from",
                format!("The first day ({from}) is after the last day ({to})."),
            ));
        }
        Ok((from, to))
    }
}

/// `--at` as RFC 3339 with the local offset; now (to the second) when not given.
pub fn entry_time(at: Option<&str>) -> Result<String> {
    Ok(match at {
        Some(text) => parse_local_input("taken_at", text)?.to_rfc3339(),
        None => Local::now().to_rfc3339_opts(SecondsFormat::Secs, false),
    })
}

/// An optional day option (`--from`, `--to`), refused naming `field` when it is not a day.
pub fn day_arg(field: &'static str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    Ok(text.map(|t| parse_day(field, t)).transpose()?)
}

/// `--from`/`--to` of a chart or report as a range: neither, the current plan; `--from` alone
/// runs to today; `--to` alone is the 14 days ending then.
pub fn chart_range(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<ChartRange> {
    Ok(match (from, to) {
        (None, None) => ChartRange::Plan,
        (Some(f), None) => ChartRange::Between {
            from: parse_day("from", f)?,
            to: today,
        },
        (None, Some(t)) => {
            let t = parse_day("to", t)?;
            ChartRange::Between {
                from: t.checked_sub_days(Days::new(13)).unwrap_or(t),
                to: t,
            }
        }
        (Some(f), Some(t)) => ChartRange::Between {
            from: parse_day("from", f)?,
            to: parse_day("to", t)?,
        },
    })
}
