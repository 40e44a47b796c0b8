//! Taper plans: pure maths from a starting daily amount to zero, with holds, rounding to what
//! can be measured, a floor, and "step back" changes. Nothing here touches storage.
//!
//! Amounts are worked out in whole rounding units (0.1 g, or whole capsules) so every target is
//! exactly measurable. A schedule never rises, ends on its first 0 g day, and has no days after it.
//! A step back is the one change that repeats a higher amount, and it keeps every past day.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dose::{grams_text, round_tenth};
use crate::error::{Error, Result};

/// Largest starting daily amount a plan accepts, in grams.
pub const MAX_START_G: f64 = 100.0;
/// Longest schedule, in days (three years).
pub const MAX_PLAN_DAYS: usize = 3 * 365 + 1;
/// Most days between cuts, and most days a single step back may repeat.
pub const MAX_EVERY_DAYS: u32 = 60;
/// Days in a detox week, the last of them at 0 g.
pub const DETOX_DAYS: usize = 7;

const EPS: f64 = 1e-9;

/// How the daily amount comes down.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    /// Seven days down to zero, day 7 at 0 g: evenly (linear) or front-loaded (bigger cuts early).
    DetoxWeek { front_loaded: bool },
    /// Cut `percent` % of the current amount every `every_days` days.
    Percentage { percent: f64, every_days: u32 },
    /// Cut `step_g` grams every `every_days` days.
    Fixed { step_g: f64, every_days: u32 },
}

/// What a target is rounded to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rounding {
    /// Tenths of a gram.
    Tenth,
    /// Whole capsules of `grams_per_capsule` grams each.
    Capsules { grams_per_capsule: f64 },
}

impl Rounding {
    /// Size of one rounding unit, in grams.
    pub fn unit_g(self) -> f64 {
        match self {
            Rounding::Tenth => 0.1,
            Rounding::Capsules { grams_per_capsule } => grams_per_capsule,
        }
    }

    /// Whole units nearest to `g` (never negative).
    fn units(self, g: f64) -> i64 {
        let u = match self {
            Rounding::Tenth => (g * 10.0).round(),
            Rounding::Capsules { grams_per_capsule } => (g / grams_per_capsule).round(),
        };
        (u as i64).max(0)
    }

    /// Grams in `n` whole units.
    fn grams(self, n: i64) -> f64 {
        match self {
            Rounding::Tenth => n as f64 / 10.0,
            Rounding::Capsules { grams_per_capsule } => n as f64 * grams_per_capsule,
        }
    }

    /// `g` rounded to the nearest measurable amount.
    pub fn round(self, g: f64) -> f64 {
        self.grams(self.units(g))
    }
}

/// Everything a plan is made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanParams {
    /// Day 1 of the plan.
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// Daily amount on day 1, in grams (rounded to `rounding`).
    pub start_g: f64,
    pub shape: Shape,
    /// Extra days each step is held (0 = none). Not used by a detox week.
    pub hold_days: u32,
    /// When the next amount would be below this many grams, it becomes 0 instead.
    pub floor_g: f64,
    pub rounding: Rounding,
}

/// One day of a plan. `step` starts at 1 and goes up each time the target changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanDay {
    #[ts(type = "string")]
    pub day: NaiveDate,
    pub target_g: f64,
    pub step: u32,
}

impl PlanParams {
    /// Refuses nonsense with an [`Error::Invalid`] naming the field at fault, including a
    /// schedule that would run longer than three years and a start outside the years 1900-2200
    /// (field "start", [`crate::day::check_day`]).
    pub fn validate(&self) -> Result<()> {
        self.validate_fields()?;
        build(self).map(|_| ())
    }

    fn validate_fields(&self) -> Result<()> {
        crate::day::check_day("start", self.start)?;
        if !self.start_g.is_finite() || self.start_g <= 0.0 {
            return Err(Error::invalid(
                "start_g",
                "The starting daily amount must be more than 0 g.",
            ));
        }
        if self.start_g > MAX_START_G {
            return Err(Error::invalid(
                "start_g",
                format!(
                    "The starting daily amount can be at most {} g.",
                    grams_text(MAX_START_G)
                ),
            ));
        }
        if let Rounding::Capsules { grams_per_capsule } = self.rounding {
            if !grams_per_capsule.is_finite() || grams_per_capsule <= 0.0 {
                return Err(Error::invalid(
                    "grams_per_capsule",
                    "Grams per capsule must be more than 0.",
                ));
            }
        }
        if self.rounding.units(self.start_g) < 1 {
            return Err(Error::invalid(
                "start_g",
                "The starting daily amount is less than one capsule. Check the grams per capsule.",
            ));
        }
        match self.shape {
            Shape::DetoxWeek { .. } => {
                if self.hold_days > 0 {
                    return Err(Error::invalid(
                        "hold_days",
                        "A detox week is seven days with no holds. To hold steps, choose a percentage or fixed cut.",
                    ));
                }
            }
            Shape::Percentage {
                percent,
                every_days,
            } => {
                if !percent.is_finite() || !(1.0..=50.0).contains(&percent) {
                    return Err(Error::invalid(
                        "percent",
                        "The cut must be between 1 % and 50 %.",
                    ));
                }
                check_every_days(every_days)?;
            }
            Shape::Fixed { step_g, every_days } => {
                if !step_g.is_finite() || step_g <= 0.0 {
                    return Err(Error::invalid("step_g", "The cut must be more than 0 g."));
                }
                check_every_days(every_days)?;
            }
        }
        if self.hold_days > MAX_EVERY_DAYS {
            return Err(Error::invalid(
                "hold_days",
                format!("Holds can be at most {MAX_EVERY_DAYS} days."),
            ));
        }
        if !self.floor_g.is_finite() || self.floor_g < 0.0 {
            return Err(Error::invalid("floor_g", "The floor cannot be below 0 g."));
        }
        if self.floor_g >= self.start_g.min(self.rounding.round(self.start_g)) {
            return Err(Error::invalid(
                "floor_g",
                "The floor must be below the starting daily amount.",
            ));
        }
        Ok(())
    }
}

fn check_every_days(every_days: u32) -> Result<()> {
    if every_days == 0 || every_days > MAX_EVERY_DAYS {
        return Err(Error::invalid(
            "every_days",
            format!("Days between cuts must be from 1 to {MAX_EVERY_DAYS}."),
        ));
    }
    Ok(())
}

fn too_long() -> Error {
    Error::invalid(
        "shape",
        "This plan would take more than three years. Choose a bigger cut or fewer days between cuts.",
    )
}

fn add_days(day: NaiveDate, n: usize) -> Result<NaiveDate> {
    day.checked_add_days(Days::new(n as u64))
        .ok_or_else(|| Error::invalid("start", "That date is too far in the future."))
}

/// Amounts (in whole units) and how many days each lasts, ending with a single 0 day.
fn build(p: &PlanParams) -> Result<Vec<(i64, usize)>> {
    let r = p.rounding;
    let below_floor = |n: i64| r.grams(n) < p.floor_g - EPS;
    let start = r.units(p.start_g);
    let mut steps: Vec<(i64, usize)> = Vec::new();
    match p.shape {
        Shape::DetoxWeek { front_loaded } => {
            let mut prev = start;
            steps.push((start, 1));
            for i in 1..DETOX_DAYS - 1 {
                let left = (DETOX_DAYS - 1 - i) as f64 / (DETOX_DAYS - 1) as f64;
                let frac = if front_loaded { left * left } else { left };
                let n = ((start as f64 * frac).round() as i64).clamp(1, prev);
                if below_floor(n) {
                    break;
                }
                steps.push((n, 1));
                prev = n;
            }
        }
        Shape::Percentage { every_days, .. } | Shape::Fixed { every_days, .. } => {
            let len = every_days as usize + p.hold_days as usize;
            let mut cur = start;
            let mut total = 0usize;
            loop {
                steps.push((cur, len));
                total += len;
                if total >= MAX_PLAN_DAYS {
                    return Err(too_long());
                }
                let next_g = match p.shape {
                    Shape::Percentage { percent, .. } => r.grams(cur) * (1.0 - percent / 100.0),
                    Shape::Fixed { step_g, .. } => r.grams(cur) - step_g,
                    Shape::DetoxWeek { .. } => 0.0,
                };
                let next = r.units(next_g).min(cur - 1);
                if next <= 0 || below_floor(next) {
                    break;
                }
                cur = next;
            }
        }
    }
    steps.push((0, 1));
    Ok(steps)
}

/// Furthest back a new plan may start (a plan begun before it was entered), in days.
pub const MAX_START_BACK_DAYS: i64 = 7;
/// Furthest ahead a new plan may start, in days.
pub const MAX_START_AHEAD_DAYS: i64 = 60;

/// Refuses a start day too far from `today` for a new plan.
pub fn check_start(start: NaiveDate, today: NaiveDate) -> Result<()> {
    if (today - start).num_days() > MAX_START_BACK_DAYS {
        return Err(Error::invalid(
            "start",
            format!("A plan can start at most {MAX_START_BACK_DAYS} days ago."),
        ));
    }
    if (start - today).num_days() > MAX_START_AHEAD_DAYS {
        return Err(Error::invalid(
            "start",
            format!("A plan can start at most {MAX_START_AHEAD_DAYS} days from today."),
        ));
    }
    Ok(())
}

/// The plan, one day at a time from `p.start`, ending on its only 0 g day.
pub fn schedule(p: &PlanParams) -> Result<Vec<PlanDay>> {
    p.validate_fields()?;
    let steps = build(p)?;
    let mut days = Vec::new();
    let mut step = 0u32;
    let mut prev: Option<i64> = None;
    for (n, len) in steps {
        if prev != Some(n) {
            step += 1;
            prev = Some(n);
        }
        let target_g = p.rounding.grams(n);
        for _ in 0..len {
            let day = add_days(p.start, days.len())?;
            days.push(PlanDay {
                day,
                target_g,
                step,
            });
        }
    }
    Ok(days)
}

fn same_g(a: f64, b: f64) -> bool {
    (a - b).abs() < EPS
}

/// When a step is too hard: from `on`, repeat the previous step's amount for `repeat_days`
/// days, then carry on with the rest of the plan `repeat_days` later. Days before `on` are kept
/// exactly. The previous step is the one before the step in force on `on` (or that step itself
/// when `on` falls in the first step).
pub fn step_back(days: &[PlanDay], on: NaiveDate, repeat_days: u32) -> Result<Vec<PlanDay>> {
    if repeat_days == 0 || repeat_days > MAX_EVERY_DAYS {
        return Err(Error::invalid(
            "repeat_days",
            format!("A step back can repeat from 1 to {MAX_EVERY_DAYS} days."),
        ));
    }
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return Err(Error::invalid(
            "plan",
            "There is no plan to step back from.",
        ));
    };
    if on < first.day {
        return Err(Error::invalid("on", "That day is before the plan starts."));
    }
    if on > last.day {
        return Err(Error::invalid("on", "The plan has already finished."));
    }
    let Some(idx) = days.iter().position(|d| d.day == on) else {
        return Err(Error::invalid("on", "That day is not in the plan."));
    };
    let mut s = idx;
    while s > 0 && days[s - 1].step == days[idx].step {
        s -= 1;
    }
    let amount = if s == 0 {
        days[0].target_g
    } else {
        days[s - 1].target_g
    };

    let shift = repeat_days as usize;
    let mut out: Vec<PlanDay> = days[..idx].to_vec();
    let push = |out: &mut Vec<PlanDay>, day: NaiveDate, target_g: f64| {
        let step = match out.last() {
            Some(p) if same_g(p.target_g, target_g) => p.step,
            Some(p) => p.step + 1,
            None => 1,
        };
        out.push(PlanDay {
            day,
            target_g,
            step,
        });
    };
    for k in 0..shift {
        push(&mut out, add_days(on, k)?, amount);
    }
    for d in &days[idx..] {
        push(&mut out, add_days(d.day, shift)?, d.target_g);
    }
    Ok(out)
}

/// A suggested starting daily amount: the mean of the logged days among the 7 days before
/// `today` (days with nothing logged are skipped, not counted as 0), rounded to 0.1 g.
/// Several totals for one day are added together. `None` when no day qualifies.
pub fn suggest_start(daily_totals: &[(NaiveDate, f64)], today: NaiveDate) -> Option<f64> {
    let from = today.checked_sub_days(Days::new(7))?;
    let mut by_day: BTreeMap<NaiveDate, f64> = BTreeMap::new();
    for &(day, g) in daily_totals {
        if day >= from && day < today && g.is_finite() && g > 0.0 {
            *by_day.entry(day).or_insert(0.0) += g;
        }
    }
    if by_day.is_empty() {
        return None;
    }
    let mean = by_day.values().sum::<f64>() / by_day.len() as f64;
    Some(round_tenth(mean))
}

/// The plan's target for `day`: `None` before the plan starts, and after the plan's last day
/// `Some(0.0)` when it ended at 0 g (otherwise `None`).
pub fn target_on(days: &[PlanDay], day: NaiveDate) -> Option<f64> {
    let first = days.first()?;
    let last = days.last()?;
    if day < first.day {
        return None;
    }
    if day > last.day {
        return same_g(last.target_g, 0.0).then_some(0.0);
    }
    let guess = usize::try_from((day - first.day).num_days()).ok();
    if let Some(d) = guess.and_then(|i| days.get(i)).filter(|d| d.day == day) {
        return Some(d.target_g);
    }
    days.iter().find(|d| d.day == day).map(|d| d.target_g)
}

/// Today's target, what has been taken, and what is left or over (all to 0.1 g).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct DayProgress {
    pub target_g: f64,
    pub taken_g: f64,
    pub left_g: f64,
    pub over_g: f64,
}

/// Compares what has been taken with the day's target.
pub fn progress(target_g: f64, taken_g: f64) -> DayProgress {
    let target_g = round_tenth(target_g.max(0.0));
    let taken_g = round_tenth(taken_g.max(0.0));
    let diff = round_tenth(target_g - taken_g);
    DayProgress {
        target_g,
        taken_g,
        left_g: diff.max(0.0),
        over_g: (-diff).max(0.0),
    }
}

/// A kind, plain line for Today: "1.5 g left today", "On target" or "Over by 0.5 g".
pub fn progress_text(p: &DayProgress) -> String {
    if p.left_g >= 0.05 {
        format!("{} g left today", grams_text(p.left_g))
    } else if p.over_g >= 0.05 {
        format!("Over by {} g", grams_text(p.over_g))
    } else {
        "On target".to_owned()
    }
}

/// How a plan version came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanChange {
    Created,
    StepBack,
}

impl PlanChange {
    /// The change as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanChange::Created => "created",
            PlanChange::StepBack => "step_back",
        }
    }

    /// The change as stored (`created`, `step_back`); anything else is a damaged diary.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "created" => Ok(PlanChange::Created),
            "step_back" => Ok(PlanChange::StepBack),
            other => Err(Error::Corrupt(format!("unknown plan change {other:?}"))),
        }
    }
}

/// One version of a plan, as kept on disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanVersion {
    pub version: u32,
    pub change: PlanChange,
    /// The diary day from which this version is in force.
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    /// For a step back: how many days the previous amount was repeated.
    pub repeat_days: Option<u32>,
    pub days: Vec<PlanDay>,
    pub created_at: String,
}

/// How a plan comes down, in one line, as the report, the command line and the app state it:
/// "Cut 12.5% every day from 4 g a day · each step held 2 days more · 0 g once below 1 g ·
/// rounded to 0.1 g"; "Detox week (even steps) from 6 g a day · rounded to 0.1 g".
pub fn describe(p: &PlanParams) -> String {
    let days = |n: u32| {
        if n == 1 {
            "day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    let mut s = match p.shape {
        Shape::DetoxWeek { front_loaded } => format!(
            "Detox week ({})",
            if front_loaded {
                "bigger cuts early"
            } else {
                "even steps"
            }
        ),
        Shape::Percentage {
            percent,
            every_days,
        } => format!("Cut {}% every {}", grams_text(percent), days(every_days)),
        Shape::Fixed { step_g, every_days } => {
            format!("Cut {} g every {}", grams_text(step_g), days(every_days))
        }
    };
    s.push_str(&format!(" from {} g a day", grams_text(p.start_g)));
    if p.hold_days > 0 {
        s.push_str(&format!(" · each step held {} more", days(p.hold_days)));
    }
    if p.floor_g > 0.0 {
        s.push_str(&format!(" · 0 g once below {} g", grams_text(p.floor_g)));
    }
    s.push_str(&match p.rounding {
        Rounding::Tenth => " · rounded to 0.1 g".to_owned(),
        Rounding::Capsules { grams_per_capsule } => {
            format!(" · whole capsules of {} g", grams_text(grams_per_capsule))
        }
    });
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn params(start_g: f64, shape: Shape) -> PlanParams {
        PlanParams {
            start: d("2026-01-01"),
            start_g,
            shape,
            hold_days: 0,
            floor_g: 0.0,
            rounding: Rounding::Tenth,
        }
    }

    fn targets(days: &[PlanDay]) -> Vec<f64> {
        days.iter().map(|d| d.target_g).collect()
    }

    /// Each distinct target with how many days it lasts.
    fn runs(days: &[PlanDay]) -> Vec<(f64, usize)> {
        let mut out: Vec<(f64, usize)> = Vec::new();
        for day in days {
            match out.last_mut() {
                Some((g, n)) if same_g(*g, day.target_g) => *n += 1,
                _ => out.push((day.target_g, 1)),
            }
        }
        out
    }

    fn field(p: &PlanParams) -> Option<&'static str> {
        p.validate().expect_err("should be refused").field()
    }

    #[test]
    fn detox_week_evenly_from_6g() {
        let days = schedule(&params(
            6.0,
            Shape::DetoxWeek {
                front_loaded: false,
            },
        ))
        .expect("plan");
        assert_eq!(targets(&days), vec![6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0]);
        assert_eq!(days[0].day, d("2026-01-01"));
        assert_eq!(days[6].day, d("2026-01-07"));
        assert_eq!(
            days.iter().map(|d| d.step).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5, 6, 7]
        );
    }

    #[test]
    fn detox_week_front_loaded_cuts_more_early() {
        let days = schedule(&params(6.0, Shape::DetoxWeek { front_loaded: true })).expect("plan");
        let t = targets(&days);
        assert_eq!(t, vec![6.0, 4.2, 2.7, 1.5, 0.7, 0.2, 0.0]);
        let cuts: Vec<f64> = t.windows(2).map(|w| w[0] - w[1]).collect();
        assert!(cuts[0] > cuts[4]);
    }

    #[test]
    fn detox_week_floor_ends_it_early() {
        let mut p = params(
            6.0,
            Shape::DetoxWeek {
                front_loaded: false,
            },
        );
        p.floor_g = 1.5;
        let days = schedule(&p).expect("plan");
        assert_eq!(targets(&days), vec![6.0, 5.0, 4.0, 3.0, 2.0, 0.0]);
    }

    #[test]
    fn percentage_10_every_7_days_from_10g() {
        let p = params(
            10.0,
            Shape::Percentage {
                percent: 10.0,
                every_days: 7,
            },
        );
        let days = schedule(&p).expect("plan");
        let r = runs(&days);
        assert_eq!(
            r[..6],
            [(10.0, 7), (9.0, 7), (8.1, 7), (7.3, 7), (6.6, 7), (5.9, 7)]
        );
        // Small amounts still come down by at least 0.1 g a step, and the plan ends at 0.
        assert_eq!(r[r.len() - 3..], [(0.2, 7), (0.1, 7), (0.0, 1)]);
        assert!(r.windows(2).all(|w| w[1].0 < w[0].0));
    }

    #[test]
    fn percentage_with_holds_and_floor() {
        let mut p = params(
            10.0,
            Shape::Percentage {
                percent: 25.0,
                every_days: 5,
            },
        );
        p.hold_days = 2;
        p.floor_g = 2.0;
        let days = schedule(&p).expect("plan");
        // 10, 7.5, 5.6, 4.2, 3.2, 2.4, then 1.8 is below the floor: 0.
        assert_eq!(
            runs(&days),
            vec![
                (10.0, 7),
                (7.5, 7),
                (5.6, 7),
                (4.2, 7),
                (3.2, 7),
                (2.4, 7),
                (0.0, 1)
            ]
        );
    }

    #[test]
    fn fixed_1g_every_5_days_from_5g() {
        let mut p = params(
            5.0,
            Shape::Fixed {
                step_g: 1.0,
                every_days: 5,
            },
        );
        p.floor_g = 0.5;
        let days = schedule(&p).expect("plan");
        assert_eq!(
            runs(&days),
            vec![(5.0, 5), (4.0, 5), (3.0, 5), (2.0, 5), (1.0, 5), (0.0, 1)]
        );
        assert_eq!(days.len(), 26);
        assert_eq!(days[25].day, d("2026-01-26"));

        p.shape = Shape::Fixed {
            step_g: 1.5,
            every_days: 5,
        };
        p.floor_g = 1.0;
        // 5, 3.5, 2, then 0.5 is below the 1 g floor: 0.
        assert_eq!(
            runs(&schedule(&p).expect("plan")),
            vec![(5.0, 5), (3.5, 5), (2.0, 5), (0.0, 1)]
        );
    }

    #[test]
    fn capsules_round_to_whole_capsules() {
        let mut p = params(
            5.2,
            Shape::Fixed {
                step_g: 1.0,
                every_days: 3,
            },
        );
        p.rounding = Rounding::Capsules {
            grams_per_capsule: 0.5,
        };
        let days = schedule(&p).expect("plan");
        assert_eq!(
            runs(&days),
            vec![(5.0, 3), (4.0, 3), (3.0, 3), (2.0, 3), (1.0, 3), (0.0, 1)]
        );

        // A cut smaller than a capsule still takes a whole capsule off.
        p.shape = Shape::Percentage {
            percent: 5.0,
            every_days: 2,
        };
        p.start_g = 2.0;
        let t: Vec<f64> = runs(&schedule(&p).expect("plan"))
            .into_iter()
            .map(|(g, _)| g)
            .collect();
        assert_eq!(t, vec![2.0, 1.5, 1.0, 0.5, 0.0]);

        // A detox week with few capsules holds some days rather than reaching 0 early.
        p.shape = Shape::DetoxWeek {
            front_loaded: false,
        };
        p.start_g = 1.5;
        let days = schedule(&p).expect("plan");
        assert_eq!(targets(&days), vec![1.5, 1.5, 1.0, 1.0, 0.5, 0.5, 0.0]);
        assert_eq!(
            days.iter().map(|d| d.step).collect::<Vec<_>>(),
            vec![1, 1, 2, 2, 3, 3, 4]
        );
    }

    #[test]
    fn validation_names_the_field() {
        let ok = params(
            5.0,
            Shape::Fixed {
                step_g: 0.5,
                every_days: 7,
            },
        );
        assert!(ok.validate().is_ok());

        let mut p = ok.clone();
        p.start_g = 0.0;
        assert_eq!(field(&p), Some("start_g"));
        p.start_g = 100.5;
        assert_eq!(field(&p), Some("start_g"));
        p.start_g = f64::NAN;
        assert_eq!(field(&p), Some("start_g"));

        let mut p = ok.clone();
        p.shape = Shape::Percentage {
            percent: 60.0,
            every_days: 7,
        };
        assert_eq!(field(&p), Some("percent"));
        p.shape = Shape::Percentage {
            percent: 0.5,
            every_days: 7,
        };
        assert_eq!(field(&p), Some("percent"));
        p.shape = Shape::Percentage {
            percent: 10.0,
            every_days: 0,
        };
        assert_eq!(field(&p), Some("every_days"));
        p.shape = Shape::Fixed {
            step_g: 1.0,
            every_days: 61,
        };
        assert_eq!(field(&p), Some("every_days"));
        p.shape = Shape::Fixed {
            step_g: 0.0,
            every_days: 7,
        };
        assert_eq!(field(&p), Some("step_g"));

        let mut p = ok.clone();
        p.floor_g = -0.1;
        assert_eq!(field(&p), Some("floor_g"));
        p.floor_g = 5.0;
        let e = p.validate().expect_err("floor at start");
        assert_eq!(e.field(), Some("floor_g"));
        assert_eq!(
            e.to_string(),
            "The floor must be below the starting daily amount."
        );

        let mut p = ok.clone();
        p.rounding = Rounding::Capsules {
            grams_per_capsule: 0.0,
        };
        assert_eq!(field(&p), Some("grams_per_capsule"));
        p.rounding = Rounding::Capsules {
            grams_per_capsule: 20.0,
        };
        assert_eq!(field(&p), Some("start_g"));

        let mut p = ok.clone();
        p.shape = Shape::DetoxWeek { front_loaded: true };
        p.hold_days = 1;
        assert_eq!(field(&p), Some("hold_days"));

        // 0.1 g every 60 days from 100 g: far longer than three years.
        let mut p = ok;
        p.start_g = 100.0;
        p.shape = Shape::Fixed {
            step_g: 0.1,
            every_days: 60,
        };
        let e = schedule(&p).expect_err("too long");
        assert_eq!(e.field(), Some("shape"));
        assert!(e.to_string().contains("three years"));
    }

    fn fixed_plan() -> Vec<PlanDay> {
        // 3 g x3 days, 2 g x3, 1 g x3, then 0: 2026-01-01 .. 2026-01-10.
        schedule(&params(
            3.0,
            Shape::Fixed {
                step_g: 1.0,
                every_days: 3,
            },
        ))
        .expect("plan")
    }

    #[test]
    fn step_back_repeats_the_previous_step_and_shifts_the_rest() {
        let days = fixed_plan();
        assert_eq!(days.len(), 10);
        // 2026-01-07 is the first 1 g day: repeat 2 g for 4 days, then 1 g x3 and 0.
        let out = step_back(&days, d("2026-01-07"), 4).expect("step back");
        assert_eq!(out[..6], days[..6]);
        assert_eq!(runs(&out), vec![(3.0, 3), (2.0, 7), (1.0, 3), (0.0, 1)]);
        assert_eq!(out.len(), 14);
        assert_eq!(out[13].day, d("2026-01-14"));
        assert!(out
            .windows(2)
            .all(|w| w[1].day == add_days(w[0].day, 1).expect("day")));
        // Steps stay numbered by the target: the repeated days join the 2 g step.
        assert_eq!(out[9].step, 2);
        assert_eq!(out[10].step, 3);
        assert_eq!(out[13].step, 4);
    }

    #[test]
    fn step_back_mid_step_and_in_first_step() {
        let days = fixed_plan();
        // Mid-step (second 2 g day): the previous step is 3 g.
        let out = step_back(&days, d("2026-01-05"), 2).expect("step back");
        assert_eq!(
            targets(&out),
            vec![3.0, 3.0, 3.0, 2.0, 3.0, 3.0, 2.0, 2.0, 1.0, 1.0, 1.0, 0.0]
        );
        // In the first step: repeat the first amount.
        let out = step_back(&days, d("2026-01-02"), 3).expect("step back");
        assert_eq!(runs(&out), vec![(3.0, 6), (2.0, 3), (1.0, 3), (0.0, 1)]);
        // On the 0 day: back to 1 g for a day, then 0.
        let out = step_back(&days, d("2026-01-10"), 1).expect("step back");
        assert_eq!(targets(&out[8..]), vec![1.0, 1.0, 0.0]);
    }

    #[test]
    fn step_back_refuses_nonsense() {
        let days = fixed_plan();
        let f = |on: &str, n: u32, days: &[PlanDay]| {
            step_back(days, d(on), n).expect_err("refused").field()
        };
        assert_eq!(f("2026-01-05", 0, &days), Some("repeat_days"));
        assert_eq!(f("2026-01-05", 61, &days), Some("repeat_days"));
        assert_eq!(f("2025-12-31", 2, &days), Some("on"));
        assert_eq!(f("2026-01-11", 2, &days), Some("on"));
        assert_eq!(f("2026-01-05", 2, &[]), Some("plan"));
    }

    #[test]
    fn suggests_start_from_logged_days_only() {
        let today = d("2026-03-10");
        let totals = vec![
            (d("2026-03-02"), 9.0), // 8 days ago: outside the week
            (d("2026-03-03"), 6.0),
            (d("2026-03-05"), 4.0),
            (d("2026-03-05"), 1.0), // same day: added
            (d("2026-03-09"), 4.0),
            (d("2026-03-10"), 1.0), // today: not counted
        ];
        // (6 + 5 + 4) / 3 = 5.
        assert_eq!(suggest_start(&totals, today), Some(5.0));
        assert_eq!(
            suggest_start(&[(d("2026-03-08"), 3.33), (d("2026-03-09"), 3.0)], today),
            Some(3.2)
        );
        assert_eq!(suggest_start(&[(d("2026-03-01"), 3.0)], today), None);
        assert_eq!(suggest_start(&[], today), None);
    }

    #[test]
    fn target_on_days_of_the_plan() {
        let days = fixed_plan();
        assert_eq!(target_on(&days, d("2025-12-31")), None);
        assert_eq!(target_on(&days, d("2026-01-01")), Some(3.0));
        assert_eq!(target_on(&days, d("2026-01-05")), Some(2.0));
        assert_eq!(target_on(&days, d("2026-01-10")), Some(0.0));
        assert_eq!(target_on(&days, d("2026-02-01")), Some(0.0));
        assert_eq!(target_on(&[], d("2026-01-01")), None);
    }

    #[test]
    fn progress_says_what_is_left_kindly() {
        let p = progress(3.0, 1.5);
        assert_eq!(
            p,
            DayProgress {
                target_g: 3.0,
                taken_g: 1.5,
                left_g: 1.5,
                over_g: 0.0
            }
        );
        assert_eq!(progress_text(&p), "1.5 g left today");
        assert_eq!(progress_text(&progress(3.0, 3.0)), "On target");
        assert_eq!(progress_text(&progress(0.0, 0.0)), "On target");
        let over = progress(3.0, 3.5);
        assert_eq!(over.over_g, 0.5);
        assert_eq!(over.left_g, 0.0);
        assert_eq!(progress_text(&over), "Over by 0.5 g");
        assert_eq!(progress_text(&progress(2.0, 0.0)), "2 g left today");
        // 0.1 + 0.2 style float noise does not leave "0 g left".
        assert_eq!(progress_text(&progress(0.3, 0.1 + 0.2)), "On target");
    }

    #[test]
    fn serde_shapes() {
        let p = params(6.0, Shape::DetoxWeek { front_loaded: true });
        let json = serde_json::to_string(&p).expect("json");
        assert!(json.contains(r#""start":"2026-01-01""#));
        assert!(json.contains(r#""kind":"detox_week""#));
        let back: PlanParams = serde_json::from_str(&json).expect("back");
        assert_eq!(back, p);
    }

    fn shape_strategy() -> impl Strategy<Value = Shape> {
        prop_oneof![
            any::<bool>().prop_map(|front_loaded| Shape::DetoxWeek { front_loaded }),
            (1.0f64..=50.0, 1u32..=14).prop_map(|(percent, every_days)| Shape::Percentage {
                percent,
                every_days
            }),
            (0.05f64..=10.0, 1u32..=14)
                .prop_map(|(step_g, every_days)| Shape::Fixed { step_g, every_days }),
        ]
    }

    fn rounding_strategy() -> impl Strategy<Value = Rounding> {
        prop_oneof![
            Just(Rounding::Tenth),
            (0.1f64..=1.5).prop_map(|grams_per_capsule| Rounding::Capsules { grams_per_capsule }),
        ]
    }

    fn params_strategy() -> impl Strategy<Value = PlanParams> {
        (
            0u32..=3000,
            0.1f64..=100.0,
            shape_strategy(),
            0u32..=5,
            0.0f64..0.5,
            rounding_strategy(),
        )
            .prop_map(|(offset, start_g, shape, hold, floor_frac, rounding)| {
                let hold_days = match shape {
                    Shape::DetoxWeek { .. } => 0,
                    _ => hold,
                };
                PlanParams {
                    start: d("2024-01-01") + Days::new(u64::from(offset)),
                    start_g,
                    shape,
                    hold_days,
                    floor_g: start_g * floor_frac,
                    rounding,
                }
            })
    }

    fn is_multiple(g: f64, unit: f64) -> bool {
        ((g / unit).round() * unit - g).abs() < 1e-9
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 256,
            max_global_rejects: 8192,
            ..ProptestConfig::default()
        })]

        #[test]
        fn schedules_behave(p in params_strategy()) {
            prop_assume!(p.validate().is_ok());
            let days = schedule(&p).expect("valid params give a plan");
            let unit = p.rounding.unit_g();
            prop_assert!(!days.is_empty() && days.len() <= MAX_PLAN_DAYS);
            prop_assert_eq!(days[0].day, p.start);
            prop_assert!((days[0].target_g - p.rounding.round(p.start_g)).abs() < 1e-9);
            prop_assert!(days[0].target_g > 0.0);
            prop_assert_eq!(days[0].step, 1);
            for w in days.windows(2) {
                prop_assert!(w[1].target_g <= w[0].target_g + 1e-9);
                prop_assert_eq!(w[1].day, w[0].day + Days::new(1));
                prop_assert!(w[1].step == w[0].step || w[1].step == w[0].step + 1);
            }
            for day in &days {
                prop_assert!(day.target_g >= 0.0);
                prop_assert!(is_multiple(day.target_g, unit));
            }
            let zeros: Vec<usize> = days.iter().enumerate()
                .filter(|(_, d)| d.target_g == 0.0).map(|(i, _)| i).collect();
            prop_assert_eq!(zeros, vec![days.len() - 1]);
            // Nothing between 0 and the floor, other than 0 itself.
            for day in &days[..days.len() - 1] {
                prop_assert!(day.target_g >= p.floor_g - 1e-9);
            }
            if let Shape::DetoxWeek { .. } = p.shape {
                prop_assert!(days.len() <= DETOX_DAYS);
                if p.floor_g == 0.0 {
                    prop_assert_eq!(days.len(), DETOX_DAYS);
                }
            }
        }

        #[test]
        fn step_backs_behave(p in params_strategy(), at in 0usize..2000, repeat in 1u32..=60) {
            prop_assume!(p.validate().is_ok());
            let days = schedule(&p).expect("plan");
            let idx = at % days.len();
            let on = days[idx].day;
            let out = step_back(&days, on, repeat).expect("step back");
            prop_assert_eq!(&out[..idx], &days[..idx]);
            prop_assert_eq!(out.len(), days.len() + repeat as usize);
            prop_assert_eq!(out.last().map(|d| d.target_g), Some(0.0));
            let unit = p.rounding.unit_g();
            for day in &out {
                prop_assert!(day.target_g >= 0.0);
                prop_assert!(is_multiple(day.target_g, unit));
            }
            for w in out.windows(2) {
                prop_assert_eq!(w[1].day, w[0].day + Days::new(1));
            }
            // The repeated days are never below what was planned for `on`.
            for day in &out[idx..idx + repeat as usize] {
                prop_assert!(day.target_g >= days[idx].target_g - 1e-9);
            }
            // After the repeat, the original plan carries on unchanged, just later.
            for (a, b) in out[idx + repeat as usize..].iter().zip(&days[idx..]) {
                prop_assert_eq!(a.target_g, b.target_g);
                prop_assert_eq!(a.day, b.day + Days::new(u64::from(repeat)));
            }
            // A second step back on the stepped-back plan still ends at 0.
            let again = step_back(&out, out[out.len() - 1].day, 1).expect("again");
            prop_assert_eq!(again.last().map(|d| d.target_g), Some(0.0));
        }

        #[test]
        fn progress_is_consistent(target in 0.0f64..50.0, taken in 0.0f64..100.0) {
            let p = progress(target, taken);
            prop_assert!(p.left_g >= 0.0 && p.over_g >= 0.0);
            prop_assert!(p.left_g == 0.0 || p.over_g == 0.0);
            prop_assert!((p.target_g - p.taken_g - p.left_g + p.over_g).abs() < 0.05 + 1e-9);
        }
    }
}
