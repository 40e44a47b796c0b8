//! Reminders: a daily check-in and the planned doses, off by default. This module says when
//! one is due (pure, tested on constructed times); the app's shell sends them through the
//! desktop's notification service. Their text never holds health data: no amounts, no
//! symptoms, no substance names.

use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// At most this many dose reminders a day.
pub const MAX_DOSE_TIMES: usize = 8;

/// The person's reminders. Times are local wall-clock "HH:MM" (24-hour).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Reminders {
    /// A daily check-in reminder at this time; null: none (the default).
    pub checkin_at: Option<String>,
    /// A reminder at each of these times on days a taper plan is in force (its usual dose
    /// times); empty: none (the default). Sorted, no repeats, at most [`MAX_DOSE_TIMES`].
    pub dose_times: Vec<String>,
    /// Quiet hours: no reminder from `quiet_from` up to `quiet_to` (crossing midnight when
    /// `quiet_to` is earlier). Both or neither.
    pub quiet_from: Option<String>,
    pub quiet_to: Option<String>,
}

/// What a reminder asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    CheckIn,
    Dose,
}

impl ReminderKind {
    /// The notification's text: a prompt with no health data in it.
    pub fn text(self) -> &'static str {
        match self {
            ReminderKind::CheckIn => "Time for your check-in",
            ReminderKind::Dose => "Time for your planned dose",
        }
    }
}

/// One reminder that fell due at `at` (local wall-clock time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub at: NaiveDateTime,
    pub kind: ReminderKind,
}

/// Reads "HH:MM" (24-hour, "7:05" too).
pub fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once(':')?;
    if m.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

/// The grams a "Taken" answer to a dose reminder logs: what is left of the day's plan
/// (`left_g`) shared evenly over the `doses_left` reminders still to come that day (this one
/// included), in tenths of a gram and never more than is left. None when less than 0.1 g is
/// left, so nothing is logged.
pub fn planned_share(left_g: f64, doses_left: usize) -> Option<f64> {
    let left_dg = (left_g * 10.0).round();
    if !left_dg.is_finite() || left_dg < 1.0 {
        return None;
    }
    let share = (left_dg / doses_left.max(1) as f64)
        .round()
        .clamp(1.0, left_dg);
    Some(share / 10.0)
}

/// "08:30 or 21:00", or on a 12-hour clock "8:30 AM or 9:00 PM" (the app's own clock,
/// [`crate::datefmt`]), for the refusal of a time that is not one.
fn examples() -> String {
    let style = crate::datefmt::DateStyle::from_env();
    let at = |h, m| {
        NaiveTime::from_hms_opt(h, m, 0)
            .map(|t| style.clock(t))
            .unwrap_or_default()
    };
    format!("{} or {}", at(8, 30), at(21, 0))
}

fn normal(field: &'static str, text: &str) -> Result<String> {
    parse_hhmm(text)
        .map(|t| t.format("%H:%M").to_string())
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!("\"{text}\" is not a time of day like {}.", examples()),
            )
        })
}

impl Reminders {
    /// Checks every time and writes it as "HH:MM"; dose times sorted without repeats.
    /// Errors: `Invalid` naming the field (`reminders.checkin_at`, `reminders.dose_times`,
    /// `reminders.quiet_from`).
    pub fn validated(mut self) -> Result<Reminders> {
        if let Some(t) = &self.checkin_at {
            self.checkin_at = Some(normal("reminders.checkin_at", t)?);
        }
        let mut times = self
            .dose_times
            .iter()
            .map(|t| normal("reminders.dose_times", t))
            .collect::<Result<Vec<_>>>()?;
        times.sort();
        times.dedup();
        if times.len() > MAX_DOSE_TIMES {
            return Err(Error::invalid(
                "reminders.dose_times",
                format!("Up to {MAX_DOSE_TIMES} dose reminders a day can be set."),
            ));
        }
        self.dose_times = times;
        match (&self.quiet_from, &self.quiet_to) {
            (None, None) => {}
            (Some(f), Some(t)) => {
                let (f, t) = (
                    normal("reminders.quiet_from", f)?,
                    normal("reminders.quiet_to", t)?,
                );
                if f == t {
                    return Err(Error::invalid(
                        "reminders.quiet_from",
                        "Quiet hours need a start and an end that differ.",
                    ));
                }
                self.quiet_from = Some(f);
                self.quiet_to = Some(t);
            }
            _ => {
                return Err(Error::invalid(
                    "reminders.quiet_from",
                    "Quiet hours need both a start and an end.",
                ))
            }
        }
        Ok(self)
    }

    /// True when `t` falls in the quiet hours (their start included, their end not).
    pub fn is_quiet(&self, t: NaiveTime) -> bool {
        let (Some(from), Some(to)) = (
            self.quiet_from.as_deref().and_then(parse_hhmm),
            self.quiet_to.as_deref().and_then(parse_hhmm),
        ) else {
            return false;
        };
        if from < to {
            from <= t && t < to
        } else {
            t >= from || t < to
        }
    }

    /// How many dose reminders fall on the diary day of `due` from `due` on, itself included
    /// (at least 1), leaving out those in quiet hours (they are never sent). The diary day
    /// starts at `day_start_hour`, so a 01:00 reminder belongs to the day before.
    pub fn doses_left(&self, due: NaiveDateTime, day_start_hour: u8) -> usize {
        let day = crate::day::diary_day(due, day_start_hour);
        let start = u32::from(day_start_hour);
        let left = self
            .dose_times
            .iter()
            .filter_map(|text| parse_hhmm(text))
            .filter(|t| !self.is_quiet(*t))
            .filter_map(|t| {
                let date = if t.hour() >= start {
                    Some(day)
                } else {
                    day.succ_opt()
                };
                date.map(|d| d.and_time(t))
            })
            .filter(|at| *at >= due)
            .count();
        left.max(1)
    }

    /// True when any reminder is set.
    pub fn any(&self) -> bool {
        self.checkin_at.is_some() || !self.dose_times.is_empty()
    }

    /// The reminders due after `after` up to and including `until` (local times, at most two
    /// days apart; a longer gap, such as a computer asleep, yields only the last two days),
    /// oldest first, without those in quiet hours. Dose reminders only at times for which
    /// `plan_at(time)` says a taper plan is in force (on that time's diary day).
    pub fn due_between(
        &self,
        after: NaiveDateTime,
        until: NaiveDateTime,
        plan_at: impl Fn(NaiveDateTime) -> bool,
    ) -> Vec<Due> {
        let after = after.max(until - Duration::days(2));
        let mut out = Vec::new();
        let mut day = after.date();
        while day <= until.date() {
            let mut add = |text: &str, kind| {
                if let Some(t) = parse_hhmm(text) {
                    let at = day.and_time(t);
                    let wanted = kind == ReminderKind::CheckIn || plan_at(at);
                    if at > after && at <= until && !self.is_quiet(t) && wanted {
                        out.push(Due { at, kind });
                    }
                }
            };
            if let Some(t) = &self.checkin_at {
                add(t, ReminderKind::CheckIn);
            }
            for t in &self.dose_times {
                add(t, ReminderKind::Dose);
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        out.sort_by_key(|d| d.at);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::NaiveDate;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("time")
    }

    fn set(checkin: Option<&str>, doses: &[&str], quiet: Option<(&str, &str)>) -> Reminders {
        Reminders {
            checkin_at: checkin.map(str::to_owned),
            dose_times: doses.iter().map(|s| s.to_string()).collect(),
            quiet_from: quiet.map(|q| q.0.to_owned()),
            quiet_to: quiet.map(|q| q.1.to_owned()),
        }
    }

    #[test]
    fn off_by_default() {
        let r = Reminders::default();
        assert!(!r.any());
        assert!(r
            .due_between(at(1, 0, 0), at(2, 23, 59), |_| true)
            .is_empty());
    }

    #[test]
    fn validates_and_normalises_times() {
        let r = set(
            Some("7:05"),
            &["20:00", "08:00", "08:00"],
            Some(("22:00", "7:00")),
        )
        .validated()
        .expect("valid");
        assert_eq!(r.checkin_at.as_deref(), Some("07:05"));
        assert_eq!(r.dose_times, ["08:00", "20:00"]);
        assert_eq!(r.quiet_to.as_deref(), Some("07:00"));
        for (bad, field) in [
            (set(Some("25:00"), &[], None), "reminders.checkin_at"),
            (set(None, &["8"], None), "reminders.dose_times"),
            (
                set(None, &[], Some(("22:00", "22:00"))),
                "reminders.quiet_from",
            ),
            (
                Reminders {
                    quiet_from: Some("22:00".into()),
                    ..Reminders::default()
                },
                "reminders.quiet_from",
            ),
            (
                set(
                    None,
                    &[
                        "01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00",
                        "09:00",
                    ],
                    None,
                ),
                "reminders.dose_times",
            ),
        ] {
            match bad.validated() {
                Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn due_in_the_window_oldest_first_doses_only_on_plan_days() {
        let r = set(Some("21:00"), &["08:00", "14:00"], None);
        let due = r.due_between(at(29, 7, 0), at(30, 9, 0), |d| {
            d.date().to_string() == "2026-11-30"
        });
        assert_eq!(
            due,
            vec![
                Due {
                    at: at(29, 21, 0),
                    kind: ReminderKind::CheckIn
                },
                Due {
                    at: at(30, 8, 0),
                    kind: ReminderKind::Dose
                },
            ]
        );
        // The window's start is excluded, its end included: each reminder comes once.
        assert!(r
            .due_between(at(29, 21, 0), at(29, 21, 30), |_| true)
            .is_empty());
        assert_eq!(
            r.due_between(at(29, 20, 59), at(29, 21, 0), |_| true).len(),
            1
        );
    }

    #[test]
    fn quiet_hours_silence_reminders_across_midnight() {
        let r = set(Some("23:00"), &["06:00", "12:00"], Some(("22:00", "07:00")));
        assert!(r.is_quiet(NaiveTime::from_hms_opt(23, 0, 0).expect("t")));
        assert!(r.is_quiet(NaiveTime::from_hms_opt(6, 59, 0).expect("t")));
        assert!(!r.is_quiet(NaiveTime::from_hms_opt(7, 0, 0).expect("t")));
        let due = r.due_between(at(1, 0, 0), at(1, 23, 59), |_| true);
        assert_eq!(
            due,
            vec![Due {
                at: at(1, 12, 0),
                kind: ReminderKind::Dose
            }]
        );
    }

    #[test]
    fn a_long_sleep_brings_at_most_two_days() {
        let r = set(Some("09:00"), &[], None);
        assert_eq!(
            r.due_between(at(1, 0, 0), at(20, 10, 0), |_| false).len(),
            2
        );
    }

    #[test]
    fn the_text_holds_no_health_data() {
        for k in [ReminderKind::CheckIn, ReminderKind::Dose] {
            let t = k.text().to_lowercase();
            assert!(
                !t.contains("kratom") && !t.chars().any(|c| c.is_ascii_digit()),
                "{t}"
            );
        }
    }

    #[test]
    fn taken_shares_what_is_left_over_the_reminders_to_come() {
        assert_eq!(planned_share(6.0, 3), Some(2.0));
        assert_eq!(planned_share(3.5, 2), Some(1.8));
        assert_eq!(planned_share(1.7, 1), Some(1.7));
        assert_eq!(
            planned_share(0.1, 4),
            Some(0.1),
            "never less than 0.1 g while some is left"
        );
        assert_eq!(planned_share(0.04, 1), None);
        assert_eq!(planned_share(0.0, 2), None);
        assert_eq!(planned_share(f64::NAN, 2), None);
    }

    #[test]
    fn the_reminders_left_count_on_the_diary_day() {
        // 09:00, 15:00, 21:00 and 01:00 (after midnight: still the same diary day at a 04:00 start).
        let r = set(None, &["01:00", "09:00", "15:00", "21:00"], None);
        assert_eq!(r.doses_left(at(2, 9, 0), 4), 4);
        assert_eq!(r.doses_left(at(2, 15, 0), 4), 3);
        assert_eq!(r.doses_left(at(3, 1, 0), 4), 1);
        // With the day starting at midnight, 01:00 belongs to the next day.
        assert_eq!(r.doses_left(at(2, 9, 0), 0), 3);
        // Quiet hours leave out the reminders they silence.
        let quiet = set(None, &["09:00", "15:00", "23:00"], Some(("22:00", "07:00")));
        assert_eq!(quiet.doses_left(at(2, 9, 0), 4), 2);
        assert_eq!(set(None, &[], None).doses_left(at(2, 9, 0), 4), 1);
    }
}
