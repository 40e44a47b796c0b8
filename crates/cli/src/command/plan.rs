//! `taper plan`: make a taper plan, show the current one with today's target, step back. The
//! schedule, its checks and every refusal are the core's (`taper_core::plan`, `Store::*plan*`).

use chrono::{Days, Local, NaiveDate, Utc};
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;
use taper_core::day::{diary_day, parse_day};
use taper_core::plan::{self, PlanDay, PlanParams, Rounding, Shape};
use taper_core::settings::Settings;
use taper_core::store::{data_dir, DayPlan, Plan, PlanVersion, DB_FILE};
use taper_core::Store;

use crate::diary::{open_existing, open_or_create, today};
use crate::fail::{invalid, Result};
use crate::out::{self, json_doc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Make a plan from a daily amount down to 0 g and save it (or only print it: --dry-run)
    #[command(allow_negative_numbers = true, after_help = CREATE_HELP)]
    Create(Create),
    /// The current plan: its shape, today's target and what is left, the schedule, step backs
    #[command(
        after_help = "Examples:\n  taper plan show\n  taper plan show --all    # every version, the original and each step back\n  taper plan show --json"
    )]
    Show {
        /// Every version of the plan (the original and each step back), each with its schedule
        #[arg(long)]
        all: bool,
    },
    /// When a step is too hard: repeat the previous step's amount for some days, then carry on
    /// with the rest of the plan that many days later (kept as a new version)
    #[command(
        allow_negative_numbers = true,
        after_help = "Days before --on keep their targets; every later day moves --days days later.\n\nExamples:\n  taper plan step-back\n  taper plan step-back --days 3 --on 2026-11-27"
    )]
    StepBack {
        /// How many days to repeat the previous step's amount, 1-60
        #[arg(long, value_name = "N", default_value = "2")]
        days: String,
        /// The diary day the step back starts, YYYY-MM-DD (default: today)
        #[arg(long, value_name = "DAY")]
        on: Option<String>,
    },
}

/// `plan create`'s options. Numbers arrive as text: the core checks them (exit 3).
#[derive(Debug, Args)]
pub struct Create {
    /// How the amount comes down: a 7-day detox week, a percentage cut, or a fixed cut in grams
    #[arg(long, value_name = "detox|percent|fixed")]
    pub shape: ShapeArg,
    /// Daily amount on day 1, in grams [default: the average of your logged days in the last 7
    /// days]
    #[arg(long, value_name = "G")]
    pub amount: Option<String>,
    /// Day 1 of the plan, YYYY-MM-DD: up to 7 days back or 60 days ahead [default: today]
    #[arg(long, value_name = "DAY")]
    pub start: Option<String>,
    /// Detox week: bigger cuts early instead of even ones
    #[arg(long)]
    pub front_loaded: bool,
    /// Percentage cut: cut this % of the current amount each time, 1-50 (needed for percent)
    #[arg(long, value_name = "P")]
    pub percent: Option<String>,
    /// Fixed cut: cut this many grams each time (needed for fixed)
    #[arg(long, value_name = "G")]
    pub step: Option<String>,
    /// Percentage and fixed cuts: days between cuts, 1-60 [default: 7]
    #[arg(long, value_name = "N")]
    pub every: Option<String>,
    /// Extra days to hold each step, 0-60 (not for a detox week) [default: 0]
    #[arg(long, value_name = "N")]
    pub hold: Option<String>,
    /// When the next amount would be below this many grams, go to 0 g instead [default: 0]
    #[arg(long, value_name = "G")]
    pub floor: Option<String>,
    /// Round targets to whole capsules (of the grams per capsule from Settings), not 0.1 g
    #[arg(long)]
    pub capsules: bool,
    /// Print the schedule and save nothing
    #[arg(long)]
    pub dry_run: bool,
}

const CREATE_HELP: &str = "\
A new plan takes over from its first day; earlier days keep the plan they had.
Without --amount the plan starts from the average of your logged days in the last 7 days.

Examples:
  taper plan create --shape detox --amount 6
  taper plan create --shape detox --front-loaded --start 2026-11-27
  taper plan create --shape percent --percent 10 --every 7 --dry-run
  taper plan create --shape fixed --step 0.5 --every 3 --hold 1 --floor 1 --capsules";

/// How a plan comes down (`--shape`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShapeArg {
    Detox,
    Percent,
    Fixed,
}

/// Days between cuts of a percentage or fixed cut when `--every` is not given: a week, so each
/// new amount has time to settle before the next cut.
pub const DEFAULT_EVERY_DAYS: u32 = 7;

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        match self {
            Cmd::Create(a) => create(a, json),
            Cmd::Show { all } => show(*all, json),
            Cmd::StepBack { days, on } => step_back(days, on.as_deref(), json),
        }
    }
}

// ---- parsing -------------------------------------------------------------------------------

/// A number of grams or a percentage, like 2.5 (a comma works too).
fn number(field: &'static str, what: &str, text: &str) -> Result<f64> {
    let t = text.trim();
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| invalid(field, format!("{what} must be a number, not “{t}”.")))
}

/// A whole number of days, 0 or more; the core checks the range.
fn whole_days(field: &'static str, what: &str, text: &str) -> Result<u32> {
    let t = text.trim();
    t.parse::<u32>().map_err(|_| {
        invalid(
            field,
            format!("{what} must be a whole number of days, not “{t}”."),
        )
    })
}

/// The shape from `--shape` and the options that belong to it. An option of another shape is
/// refused rather than ignored, so nobody gets a plan they did not ask for.
fn shape(a: &Create) -> Result<Shape> {
    let only = |given: bool, option: &str, field: &'static str, shape: ShapeArg| {
        if given && a.shape != shape {
            let name = shape
                .to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            Err(invalid(
                field,
                format!("{option} is only for --shape {name}."),
            ))
        } else {
            Ok(())
        }
    };
    only(a.front_loaded, "--front-loaded", "shape", ShapeArg::Detox)?;
    only(
        a.percent.is_some(),
        "--percent",
        "percent",
        ShapeArg::Percent,
    )?;
    only(a.step.is_some(), "--step", "step_g", ShapeArg::Fixed)?;
    if a.shape == ShapeArg::Detox && a.every.is_some() {
        return Err(invalid(
            "every_days",
            "A detox week has no --every: it is seven days with a cut every day.",
        ));
    }
    let every_days = a
        .every
        .as_deref()
        .map(|t| whole_days("every_days", "Days between cuts", t))
        .transpose()?
        .unwrap_or(DEFAULT_EVERY_DAYS);
    Ok(match a.shape {
        ShapeArg::Detox => Shape::DetoxWeek {
            front_loaded: a.front_loaded,
        },
        ShapeArg::Percent => {
            let Some(p) = &a.percent else {
                return Err(invalid(
                    "percent",
                    "A percentage cut needs --percent: how much of the amount to cut each time, like --percent 10.",
                ));
            };
            Shape::Percentage {
                percent: number("percent", "The cut", p)?,
                every_days,
            }
        }
        ShapeArg::Fixed => {
            let Some(g) = &a.step else {
                return Err(invalid(
                    "step_g",
                    "A fixed cut needs --step: how many grams to cut each time, like --step 0.5.",
                ));
            };
            Shape::Fixed {
                step_g: number("step_g", "The cut", g)?,
                every_days,
            }
        }
    })
}

// ---- create --------------------------------------------------------------------------------

/// `plan create --dry-run --json`: what would be saved.
#[derive(Serialize)]
struct DryRun<'a> {
    dry_run: bool,
    params: &'a PlanParams,
    days: &'a [PlanDay],
}

fn create(a: &Create, json: bool) -> Result<String> {
    let shape = shape(a)?;
    let hold_days = a
        .hold
        .as_deref()
        .map(|t| whole_days("hold_days", "Days to hold each step", t))
        .transpose()?
        .unwrap_or(0);
    let floor_g = a
        .floor
        .as_deref()
        .map(|t| number("floor_g", "The floor", t))
        .transpose()?
        .unwrap_or(0.0);
    let amount = a
        .amount
        .as_deref()
        .map(|t| number("start_g", "The starting daily amount", t))
        .transpose()?;

    // The diary when there is one. A missing diary is created only to save the plan, after the
    // plan has passed the core's checks; a dry run never creates it.
    let path = data_dir()?.join(DB_FILE);
    let existing = if path.exists() {
        Some(open_existing()?)
    } else {
        None
    };
    let settings = match &existing {
        Some(s) => s.settings()?,
        None => Settings::default(),
    };
    let today = match &existing {
        Some(s) => today(s)?,
        None => diary_day(Local::now().naive_local(), settings.day_start_hour),
    };
    let start = match &a.start {
        Some(t) => parse_day("start", t)?,
        None => today,
    };
    let (start_g, suggested) = match amount {
        Some(g) => (g, false),
        None => (suggested_start(existing.as_ref(), today)?, true),
    };
    let params = PlanParams {
        start,
        start_g,
        shape,
        hold_days,
        floor_g,
        rounding: if a.capsules {
            Rounding::Capsules {
                grams_per_capsule: settings.grams_per_capsule,
            }
        } else {
            Rounding::Tenth
        },
    };
    let days = plan::schedule(&params)?;
    plan::check_start(start, today)?;

    let mut text = String::new();
    if a.dry_run {
        if json {
            return json_doc(&DryRun {
                dry_run: true,
                params: &params,
                days: &days,
            });
        }
        text.push_str("Dry run: nothing saved.\n");
    } else {
        let mut store = match existing {
            Some(s) => s,
            None => open_or_create()?,
        };
        let saved = store.create_plan(&params, today, Utc::now())?;
        if json {
            return json_doc(&saved);
        }
        text.push_str(&format!("Saved plan {}.\n", saved.id));
    }
    text.push_str(&out::plan_summary(&params));
    text.push('\n');
    if suggested {
        text.push_str(&format!(
            "Starting from {}: the average of your logged days in the last 7 days (--amount sets another).\n",
            out::grams(start_g)
        ));
    }
    text.push('\n');
    text.push_str(&out::plan_table(&days, params.rounding, Some(today)));
    text.push_str(&out::plan_end(&days));
    Ok(text)
}

/// The starting amount from the last 7 diary days before today (logged days only).
fn suggested_start(store: Option<&Store>, today: NaiveDate) -> Result<f64> {
    let history: Vec<(NaiveDate, f64)> = match (store, today.checked_sub_days(Days::new(7))) {
        (Some(s), Some(from)) => s.daily_grams(from, today)?.into_iter().collect(),
        _ => Vec::new(),
    };
    plan::suggest_start(&history, today).ok_or_else(|| {
        invalid(
            "start_g",
            "No doses are logged in the last 7 days to start the plan from. Give the starting daily amount with --amount, like --amount 6.",
        )
    })
}

// ---- show ----------------------------------------------------------------------------------

/// `plan show --json`: `plan` and `today_plan` are `null` when there is no plan.
#[derive(Serialize)]
struct Shown<'a> {
    today: String,
    plan: Option<&'a Plan>,
    today_plan: Option<&'a DayPlan>,
}

fn show(all: bool, json: bool) -> Result<String> {
    let store = open_existing()?;
    let today = today(&store)?;
    let plan = store.current_plan(today)?;
    let taken_g = store
        .daily_grams(today, today)?
        .get(&today)
        .copied()
        .unwrap_or(0.0);
    // The plan in force today (the same plan as `current_plan`'s when there is one).
    let today_plan = store
        .day_plan(today, taken_g)?
        .filter(|d| plan.as_ref().is_some_and(|p| p.id == d.plan_id));
    if json {
        return json_doc(&Shown {
            today: today.to_string(),
            plan: plan.as_ref(),
            today_plan: today_plan.as_ref(),
        });
    }
    let Some(plan) = plan else {
        return Ok("No plan yet. Create one with: taper plan create --shape detox\n".into());
    };
    let (first, last) = plan.span();
    let mut s = format!(
        "Plan {}: {}\n{first} to {last} ({}){}\n",
        plan.id,
        out::plan_summary(&plan.params),
        out::days_text(plan.days().len()),
        match plan.step_backs() {
            0 => String::new(),
            1 => " · 1 step back".into(),
            n => format!(" · {n} step backs"),
        }
    );
    s.push_str(&match &today_plan {
        Some(d) => format!("Today {today}: {}\n", out::day_plan_line(d)),
        None if first > today => format!(
            "Starts on {first}, in {}.\n",
            out::days_text(usize::try_from((first - today).num_days()).unwrap_or(0))
        ),
        None => format!("Today {today}: no target\n"),
    });
    s.push('\n');
    if all {
        for v in &plan.versions {
            s.push_str(&version_heading(v));
            s.push_str(&out::plan_table(&v.days, plan.params.rounding, Some(today)));
            s.push('\n');
        }
    } else {
        s.push_str(&out::plan_table(
            plan.days(),
            plan.params.rounding,
            Some(today),
        ));
    }
    s.push_str(&out::plan_end(plan.days()));
    let backs: Vec<Vec<String>> = plan
        .versions
        .iter()
        .filter(|v| v.repeat_days.is_some())
        .map(|v| {
            vec![
                v.version.to_string(),
                v.effective_from.to_string(),
                out::days_text(v.repeat_days.unwrap_or(0) as usize),
            ]
        })
        .collect();
    if !backs.is_empty() && !all {
        s.push_str("\nStep backs\n");
        s.push_str(&out::table(&["VERSION", "FROM", "REPEATED"], &backs));
    }
    Ok(s)
}

/// "Version 2 · step back from 2026-11-22, 2 days repeated · saved 2026-11-22T09:00:00Z".
fn version_heading(v: &PlanVersion) -> String {
    let what = match v.repeat_days {
        Some(n) => format!(
            "step back from {}, {} repeated",
            v.effective_from,
            out::days_text(n as usize)
        ),
        None => format!("created, from {}", v.effective_from),
    };
    format!("Version {} · {what} · saved {}\n", v.version, v.created_at)
}

// ---- step back -----------------------------------------------------------------------------

fn step_back(days: &str, on: Option<&str>, json: bool) -> Result<String> {
    let repeat_days = whole_days("repeat_days", "Days to repeat", days)?;
    let mut store = open_existing()?;
    let today = today(&store)?;
    let on = match on {
        Some(t) => parse_day("on", t)?,
        None => today,
    };
    let plan = store.step_back(on, repeat_days, Utc::now())?;
    if json {
        return json_doc(&plan);
    }
    // The version stepped back from: the one in force on `on` before this step back.
    let n = plan.versions.len().saturating_sub(1);
    let before = plan.versions[..n]
        .iter()
        .rev()
        .find(|v| v.effective_from <= on);
    let amount = plan::target_on(plan.days(), on).unwrap_or(0.0);
    let (_, end) = plan.span();
    let mut s = format!(
        "Stepped back on {on}: {} a day for {}, then the rest of the plan {} later.\n",
        out::grams(amount),
        out::days_text(repeat_days as usize),
        out::days_text(repeat_days as usize),
    );
    if let Some(old_end) = before.and_then(|v| v.days.last()).map(|d| d.day) {
        s.push_str(&format!("It now ends on {end} instead of {old_end}.\n"));
    }
    s.push_str(&format!(
        "Plan {} version {}: {}\n\n",
        plan.id,
        plan.current().map_or(1, |v| v.version),
        out::plan_summary(&plan.params)
    ));
    s.push_str(&out::plan_table(
        plan.days(),
        plan.params.rounding,
        Some(today),
    ));
    s.push_str(&out::plan_end(plan.days()));
    Ok(s)
}
