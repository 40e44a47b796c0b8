//! One diary day as Today shows it: its doses, check-ins and other medicines, with the plan
//! in force; and which diary day it is now.

use chrono::NaiveDate;

use super::plans::DayPlan;
use super::Store;
use crate::checkin::CheckIn;
use crate::day::diary_day;
use crate::dose::Dose;
use crate::error::Result;
use crate::medicine::Medicine;

/// A day as Today shows it. Doses and other medicines oldest first; check-ins newest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct DayView {
    pub date: String,
    pub doses: Vec<Dose>,
    pub total_g: f64,
    pub dose_count: i32,
    pub checkins: Vec<CheckIn>,
    pub medicines: Vec<Medicine>,
    /// The plan in force that day, when there is one.
    pub plan: Option<DayPlan>,
}

impl Store {
    /// Everything logged on one diary day.
    pub fn day(&self, date: NaiveDate) -> Result<DayView> {
        let doses = self.doses_between(date, date)?;
        let checkins = self.checkins_between(date, date)?;
        let medicines = self.medicines_between(date, date)?;
        let total_dg: i64 = doses
            .iter()
            .map(|d| (d.amount_g * 10.0).round() as i64)
            .sum();
        let total_g = total_dg as f64 / 10.0;
        Ok(DayView {
            date: date.format("%Y-%m-%d").to_string(),
            plan: self.day_plan(date, total_g)?,
            total_g,
            dose_count: i32::try_from(doses.len()).unwrap_or(i32::MAX),
            doses,
            checkins,
            medicines,
        })
    }

    /// The diary day a local wall-clock time falls on.
    pub fn today(&self, now_local: chrono::NaiveDateTime) -> Result<NaiveDate> {
        Ok(diary_day(now_local, self.settings()?.day_start_hour))
    }
}
