//! The dose a "Taken" answer to a dose reminder logs (`crate::reminder`): the day's plan
//! shared over its reminders, saved like any typed dose.

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, Utc};

use super::Store;
use crate::day::diary_day;
use crate::dose::{Dose, DoseInput, Form, Unit};
use crate::error::Result;
use crate::reminder::planned_share;

impl Store {
    /// The grams a "Taken" answer to the dose reminder due at `due` (local wall-clock time)
    /// would log at `now_local`: what is left of that diary day's plan shared evenly over this
    /// and the day's later dose reminders ([`planned_share`]). None when `now_local` is no
    /// longer on `due`'s diary day, no plan is in force that day (or it has ended), or less
    /// than 0.1 g of it is left.
    pub fn planned_dose_g(
        &self,
        due: NaiveDateTime,
        now_local: NaiveDateTime,
    ) -> Result<Option<f64>> {
        let settings = self.settings()?;
        let day = diary_day(due, settings.day_start_hour);
        if diary_day(now_local, settings.day_start_hour) != day {
            return Ok(None);
        }
        let Some(plan) = self.day(day)?.plan.filter(|p| !p.finished) else {
            return Ok(None);
        };
        let left = settings.reminders.doses_left(due, settings.day_start_hour);
        Ok(planned_share(plan.progress.left_g, left))
    }

    /// Logs [`Store::planned_dose_g`] for the reminder due at `due`, answered "Taken" at `now`,
    /// in the form of the person's most used amount (powder when none), at `now`: one
    /// transaction, the same validation as a typed dose. Returns None and saves nothing when
    /// there is nothing to log. Errors: as [`Store::add_dose`].
    pub fn log_planned_dose(
        &mut self,
        due: NaiveDateTime,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<Dose>> {
        let Some(grams) = self.planned_dose_g(due, now.naive_local())? else {
            return Ok(None);
        };
        let form = self
            .usual_amounts()?
            .first()
            .map_or(Form::Powder, |q| q.form);
        let input = DoseInput {
            amount: format!("{grams:.1}"),
            unit: Unit::G,
            taken_at: now.to_rfc3339_opts(SecondsFormat::Secs, false),
            form,
            product: None,
            estimated: false,
            note: None,
            confirm_large: true,
        };
        self.add_dose(&input, now.with_timezone(&Utc)).map(Some)
    }
}
