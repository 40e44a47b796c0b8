//! Taper plans on disk: every plan with every version (the original and each step back), and
//! "the plan in force" on any diary day.
//!
//! Which version is in force on day D: among the versions whose `effective_from` is on or before
//! D, the one of the newest plan, and within that plan the latest version. So a new plan takes
//! over from its first day, a step back from the day it was made, and every earlier day stays
//! charted against what was planned then.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{now_text, Store};
use crate::dose::round_tenth;
use crate::error::{Error, Result};
use crate::plan::{self, DayProgress, PlanDay, PlanParams};
pub use crate::plan::{PlanChange, PlanVersion};

/// A plan with its whole history, newest version last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub id: i64,
    pub params: PlanParams,
    pub versions: Vec<PlanVersion>,
}

impl Plan {
    /// The plan as it stands now (its latest version). A stored plan always has one.
    pub fn current(&self) -> Option<&PlanVersion> {
        self.versions.last()
    }

    /// The schedule as it stands now.
    pub fn days(&self) -> &[PlanDay] {
        self.current().map_or(&[], |v| v.days.as_slice())
    }

    /// First and last day of the plan as it stands now.
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        let days = self.days();
        let first = days.first().map_or(self.params.start, |d| d.day);
        let last = days.last().map_or(first, |d| d.day);
        (first, last)
    }

    /// How many step backs the plan has had.
    pub fn step_backs(&self) -> usize {
        self.versions
            .iter()
            .filter(|v| v.change == PlanChange::StepBack)
            .count()
    }
}

/// The plan's view of one diary day, for Today and the Taper screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DayPlan {
    pub plan_id: i64,
    /// 1 on the plan's first day. Past the end it keeps counting.
    pub day_number: u32,
    pub total_days: u32,
    pub target_g: f64,
    /// The day is past the plan's last day (the target stays 0 g).
    pub finished: bool,
    pub progress: DayProgress,
    /// "1.5 g left today", "On target", "Over by 0.5 g".
    pub text: String,
}

/// The plan in force on `day` and its target, from a list of plans (oldest first).
fn in_force(plans: &[Plan], day: NaiveDate) -> Option<(&Plan, &PlanVersion)> {
    plans.iter().rev().find_map(|p| {
        p.versions
            .iter()
            .rev()
            .find(|v| v.effective_from <= day)
            .map(|v| (p, v))
    })
}

/// What the plan in force says about `day`, with `taken_g` compared to it.
pub fn day_plan(plans: &[Plan], day: NaiveDate, taken_g: f64) -> Option<DayPlan> {
    let (p, v) = in_force(plans, day)?;
    let target_g = plan::target_on(&v.days, day)?;
    let first = v.days.first()?.day;
    let last = v.days.last()?.day;
    let progress = plan::progress(target_g, taken_g);
    Some(DayPlan {
        plan_id: p.id,
        day_number: u32::try_from((day - first).num_days() + 1).unwrap_or(u32::MAX),
        total_days: u32::try_from(v.days.len()).unwrap_or(u32::MAX),
        target_g: round_tenth(target_g),
        finished: day > last,
        text: plan::progress_text(&progress),
        progress,
    })
}

/// The planned target of each day in `from..=to` that a plan covers.
pub fn targets_between(plans: &[Plan], from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, f64> {
    let mut out = BTreeMap::new();
    if plans.is_empty() || from > to {
        return out;
    }
    for day in from.iter_days().take_while(|d| *d <= to) {
        if let Some(g) = in_force(plans, day).and_then(|(_, v)| plan::target_on(&v.days, day)) {
            out.insert(day, g);
        }
    }
    out
}

/// JSON text of plan parts, as the store keeps them.
pub(super) fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Storage(format!("plan not saved: {e}")))
}

fn from_json<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| Error::Corrupt(format!("a stored plan is unreadable: {e}")))
}

/// Saves a new plan with its parameters `params_json`, made at `created_at`; returns its id.
pub(super) fn insert_plan(
    tx: &Transaction<'_>,
    params_json: &str,
    created_at: &str,
) -> Result<i64> {
    tx.prepare_cached("INSERT INTO plan (params, created_at) VALUES (:params, :created_at)")?
        .execute(named_params! {":params": params_json, ":created_at": created_at})?;
    Ok(tx.last_insert_rowid())
}

/// Saves the version `v` of the plan `plan_id`.
pub(super) fn insert_version(tx: &Transaction<'_>, plan_id: i64, v: &PlanVersion) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO plan_version (plan_id, version, change, effective_from, repeat_days, days, created_at)
         VALUES (:plan_id, :version, :change, :effective_from, :repeat_days, :days, :created_at)",
    )?
    .execute(named_params! {
        ":plan_id": plan_id,
        ":version": v.version,
        ":change": v.change.as_str(),
        ":effective_from": v.effective_from.format("%Y-%m-%d").to_string(),
        ":repeat_days": v.repeat_days,
        ":days": json(&v.days)?,
        ":created_at": v.created_at,
    })?;
    Ok(())
}

impl Store {
    /// Every plan with all its versions, oldest plan first.
    pub fn plans(&self) -> Result<Vec<Plan>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, params FROM plan ORDER BY id")?;
        let heads = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>("id")?, r.get::<_, String>("params")?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT version, change, effective_from, repeat_days, days, created_at
             FROM plan_version WHERE plan_id = :id ORDER BY version",
        )?;
        let mut plans = Vec::with_capacity(heads.len());
        for (id, params) in heads {
            let rows = stmt
                .query_map(named_params! {":id": id}, |r| {
                    Ok((
                        r.get::<_, u32>("version")?,
                        r.get::<_, String>("change")?,
                        r.get::<_, String>("effective_from")?,
                        r.get::<_, Option<u32>>("repeat_days")?,
                        r.get::<_, String>("days")?,
                        r.get::<_, String>("created_at")?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut versions = Vec::with_capacity(rows.len());
            for (version, change, from, repeat_days, days, created_at) in rows {
                versions.push(PlanVersion {
                    version,
                    change: PlanChange::parse(&change)?,
                    effective_from: NaiveDate::parse_from_str(&from, "%Y-%m-%d").map_err(|e| {
                        Error::Corrupt(format!("a stored plan has a bad date {from:?}: {e}"))
                    })?,
                    repeat_days,
                    days: from_json(&days)?,
                    created_at,
                });
            }
            if versions.is_empty() {
                return Err(Error::Corrupt(format!("plan {id} has no schedule")));
            }
            plans.push(Plan {
                id,
                params: from_json(&params)?,
                versions,
            });
        }
        Ok(plans)
    }

    /// One plan by id.
    pub fn plan(&self, id: i64) -> Result<Plan> {
        self.plans()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or(Error::NotFound { what: "plan" })
    }

    /// The plan for the Taper screen on `today`: the one in force today, else the newest plan
    /// that starts later. `None` when there is no plan at all.
    pub fn current_plan(&self, today: NaiveDate) -> Result<Option<Plan>> {
        let mut plans = self.plans()?;
        let id = match in_force(&plans, today) {
            Some((p, _)) => p.id,
            None => match plans.iter().rev().find(|p| p.params.start > today) {
                Some(p) => p.id,
                None => return Ok(None),
            },
        };
        Ok(plans
            .iter()
            .position(|p| p.id == id)
            .map(|i| plans.swap_remove(i)))
    }

    /// Saves a new plan. From its first day it replaces any earlier plan; the earlier plan's
    /// days before that stay as they were planned. The start may be up to 7 days back (a plan
    /// begun before it was entered) and up to 60 days ahead ([`plan::check_start`]).
    pub fn create_plan(
        &mut self,
        params: &PlanParams,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Plan> {
        let days = plan::schedule(params)?;
        plan::check_start(params.start, today)?;
        let params_json = json(params)?;
        let version = PlanVersion {
            version: 1,
            change: PlanChange::Created,
            effective_from: params.start,
            repeat_days: None,
            days,
            created_at: now_text(now),
        };
        let id = self.write(|tx| {
            let id = insert_plan(tx, &params_json, &version.created_at)?;
            insert_version(tx, id, &version)?;
            Ok(id)
        })?;
        self.plan(id)
    }

    /// "Step back" on `on` in the plan in force that day: repeat the previous amount for
    /// `repeat_days` days and shift the rest. Kept as a new version; nothing earlier changes.
    pub fn step_back(
        &mut self,
        on: NaiveDate,
        repeat_days: u32,
        now: DateTime<Utc>,
    ) -> Result<Plan> {
        let plans = self.plans()?;
        let Some((p, v)) = in_force(&plans, on) else {
            return Err(Error::invalid(
                "plan",
                "There is no plan in force on that day to step back from.",
            ));
        };
        let days = plan::step_back(&v.days, on, repeat_days)?;
        let id = p.id;
        let next = p.current().map_or(1, |c| c.version + 1);
        let version = PlanVersion {
            version: next,
            change: PlanChange::StepBack,
            effective_from: on,
            repeat_days: Some(repeat_days),
            days,
            created_at: now_text(now),
        };
        self.write(|tx| {
            let latest: Option<u32> = tx
                .query_row(
                    "SELECT max(version) AS latest FROM plan_version WHERE plan_id = :id",
                    named_params! {":id": id},
                    |r| r.get("latest"),
                )
                .optional()?
                .flatten();
            if latest != Some(next - 1) {
                return Err(Error::Storage(
                    "the plan was changed elsewhere at the same moment; try again".into(),
                ));
            }
            insert_version(tx, id, &version)
        })?;
        self.plan(id)
    }

    /// What the plan in force says about `day`, given what was taken that day.
    pub fn day_plan(&self, day: NaiveDate, taken_g: f64) -> Result<Option<DayPlan>> {
        Ok(day_plan(&self.plans()?, day, taken_g))
    }

    /// Planned target per day over `from..=to`, each day against the plan in force that day.
    pub fn planned_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<BTreeMap<NaiveDate, f64>> {
        Ok(targets_between(&self.plans()?, from, to))
    }
}
