//! `taper day`: one diary day, its doses, total, latest check-in and other medicines.

use clap::Args;
use taper_core::day::parse_day;
use taper_core::DayView;

use crate::diary::{open_existing, today};
use crate::fail::Result;
use crate::out::{self, json_doc};

#[derive(Debug, Args)]
pub struct Cmd {
    /// The diary day, YYYY-MM-DD (default: today)
    date: Option<String>,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        let store = open_existing()?;
        let date = match &self.date {
            Some(d) => parse_day("date", d)?,
            None => today(&store)?,
        };
        let v: DayView = store.day(date)?;
        if json {
            return json_doc(&v);
        }
        let start = store.settings()?.day_start_hour;
        let mut s = format!("{} (day starts at {start:02}:00)\n\n", out::day_label(date));
        if v.doses.is_empty() {
            s.push_str("No doses\n");
        } else {
            s.push_str(&out::dose_table(&v.doses, false));
            s.push_str(&out::dose_summary(
                v.total_g,
                usize::try_from(v.dose_count).unwrap_or(0),
            ));
            s.push('\n');
        }
        s.push('\n');
        match v.checkins.first() {
            None => s.push_str("No check-ins\n"),
            Some(c) => {
                let n = v.checkins.len();
                s.push_str(&format!(
                    "Latest check-in (id {}, {}; {} this day)\n",
                    c.id,
                    out::clock(&c.local_time),
                    n
                ));
                s.push_str(&out::checkin_detail(c, &store.all_symptoms()?));
            }
        }
        if !v.medicines.is_empty() {
            s.push_str("\nOther medicines\n");
            s.push_str(&out::medicine_table(&v.medicines, false));
        }
        Ok(s)
    }
}
