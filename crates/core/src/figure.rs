//! The diary's charts: a range and a kind in, the store's day-by-day figures prepared and drawn,
//! one SVG out. The app, the CLI and (later) the report all go through [`draw`], so a chart looks
//! the same on screen, in a file and on paper.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::chart::{
    self, ChartTheme, DayPoint, HeatCell, HeatmapData, ProgressData, SleepData, SleepPoint,
    TaperChartData, TaperPoint,
};
use crate::day::check_day;
use crate::dose::grams_text;
use crate::error::Error;
use crate::instrument::{self, Instrument};
use crate::plan::{self, PlanParams};
use crate::settings::CheckinChoice;
use crate::store::Store;
use crate::symptom::{MAX_SCORE, SEVERITY_WORDS};

type Result<T> = crate::error::Result<T>;

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Grams taken against the plan, with the day's symptom total.
    Taper,
    /// Symptom heatmap: days by symptoms.
    Symptoms,
    /// Weekly averages of grams and symptom total.
    Progress,
    /// Craving and sleep.
    Sleep,
}

impl ChartKind {
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Taper => "Taken and planned",
            ChartKind::Symptoms => "Symptoms by day",
            ChartKind::Progress => "Weekly averages",
            ChartKind::Sleep => "Craving and sleep",
        }
    }

    fn file_stem(self) -> &'static str {
        match self {
            ChartKind::Taper => "taper",
            ChartKind::Symptoms => "symptoms",
            ChartKind::Progress => "progress",
            ChartKind::Sleep => "sleep",
        }
    }
}

/// Which days. `Last { days: 7 }` is the week ending today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChartRange {
    /// The current plan from its first to its last day (or to today, if later); a plan still to
    /// come from 14 days before today to its last day; the last 14 days when there is no plan.
    Plan,
    Last {
        days: u32,
    },
    /// From `from` to `to`, both included (`YYYY-MM-DD` on the wire).
    Between {
        #[ts(type = "string")]
        from: NaiveDate,
        #[ts(type = "string")]
        to: NaiveDate,
    },
    /// From the first day anything was logged to today.
    All,
}

/// What to draw, at what size (CSS pixels; PNGs are drawn at twice that).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartRequest {
    pub kind: ChartKind,
    pub range: ChartRange,
    pub theme: ChartTheme,
    pub width: u32,
    pub height: u32,
}

/// A drawn chart with the days it covers and a text summary (the image's accessible name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartImage {
    pub svg: String,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    pub title: String,
    pub summary: String,
    /// Set when the chart has nothing to show (no entries in the range, or for the weekly
    /// averages fewer than two weeks with entries): the short message the chart draws, which
    /// the app shows in place of the chart.
    pub message: Option<String>,
}

/// Longest range a chart shows (about ten years); "all" shows the last this many days.
const MAX_RANGE_DAYS: i64 = 3650;
/// The range used when there is no plan.
const DEFAULT_DAYS: u32 = 14;

fn days_before(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(n.saturating_sub(1))))
        .unwrap_or(day)
}

/// The first and last day of `range` as of `today`.
pub fn resolve(
    store: &Store,
    range: &ChartRange,
    today: NaiveDate,
) -> crate::Result<(NaiveDate, NaiveDate)> {
    let (from, to) = match range {
        ChartRange::Plan => match store.current_plan(today)? {
            Some(p) => {
                let (first, last) = p.span();
                (
                    // A plan still to come: the fortnight up to today first, so what was
                    // logged is shown with it.
                    if first > today {
                        days_before(today, DEFAULT_DAYS)
                    } else {
                        first
                    },
                    last.max(
                        today.min(
                            last.checked_add_days(Days::new(DEFAULT_DAYS.into()))
                                .unwrap_or(last),
                        ),
                    ),
                )
            }
            None => (days_before(today, DEFAULT_DAYS), today),
        },
        ChartRange::Last { days } => {
            if *days == 0 || i64::from(*days) > MAX_RANGE_DAYS {
                return Err(Error::invalid(
                    "range",
                    format!("A chart can show from 1 to {MAX_RANGE_DAYS} days."),
                ));
            }
            (days_before(today, *days), today)
        }
        ChartRange::Between { from, to } => (check_day("from", *from)?, check_day("to", *to)?),
        // Everything, up to the last ten years a chart can show (one entry with a mistyped
        // year must not leave every chart empty).
        ChartRange::All => (
            store
                .first_logged_day()?
                .map_or(days_before(today, DEFAULT_DAYS), |d| d.min(today))
                .max(days_before(today, MAX_RANGE_DAYS as u32)),
            today,
        ),
    };
    if from > to {
        return Err(Error::invalid(
            "from",
            "The first day must not be after the last day.",
        ));
    }
    if (to - from).num_days() >= MAX_RANGE_DAYS {
        return Err(Error::invalid(
            "range",
            "A chart can show at most ten years at once.",
        ));
    }
    Ok((from, to))
}

/// The days a chart of `range` shows as of `today`: [`resolve`]'s, starting no earlier than the
/// diary's first entry (its first dose or check-in, or the first planned day in the range when
/// that is earlier), so a new diary is not drawn as weeks of "No dose logged". A range with no
/// entry and no plan at all is kept as it is.
pub fn shown_range(
    store: &Store,
    range: &ChartRange,
    today: NaiveDate,
) -> crate::Result<(NaiveDate, NaiveDate)> {
    let (from, to) = resolve(store, range, today)?;
    let logged = store.first_logged_day()?;
    let planned = store.planned_between(from, to)?.keys().next().copied();
    let first = match (logged, planned) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Ok(match first {
        Some(first) if first > from && first <= to => (first, to),
        _ => (from, to),
    })
}

/// The instrument the charts score symptoms on: the one chosen in Settings (SOWS when both).
fn chart_instrument(store: &Store) -> crate::Result<&'static Instrument> {
    Ok(match store.settings()?.checkin_instrument {
        CheckinChoice::Kratom => &instrument::KRATOM,
        CheckinChoice::Sows | CheckinChoice::Both => &instrument::SOWS,
    })
}

/// The symptom scale: its items (key, label), highest total and the axis label.
struct Scale {
    inst: &'static Instrument,
    items: Vec<(String, String)>,
    max: i32,
    label: String,
}

/// Highest total on `inst` in points: the scale's own for SOWS and COWS; for the kratom
/// checklist 4 for each of its symptoms now listed (built-in and the person's own), at least 4.
/// The one maximum charts, summaries and tables state.
pub fn scale_max(store: &Store, inst: &Instrument) -> crate::Result<i32> {
    Ok(if inst.is_scored() {
        inst.max_total()
    } else {
        let n = store.symptoms_of(inst.key)?.len();
        (i32::try_from(n)
            .unwrap_or(i32::MAX)
            .saturating_mul(MAX_SCORE))
        .max(MAX_SCORE)
    })
}

fn scale(store: &Store, inst: &'static Instrument) -> crate::Result<Scale> {
    let items: Vec<(String, String)> = store
        .symptoms_of(inst.key)?
        .into_iter()
        .map(|s| (s.key, s.label))
        .collect();
    let max = scale_max(store, inst)?;
    let label = axis_label(inst, max);
    Ok(Scale {
        inst,
        items,
        max,
        label,
    })
}

/// The title of a symptom-total axis: "SOWS symptom total (0-64)"; for the kratom checklist,
/// which is not a scored scale, "Symptom total (0-56)" (points, 4 per listed symptom).
pub fn axis_label(inst: &Instrument, max: i32) -> String {
    if inst.is_scored() {
        format!("{} symptom total (0-{max})", inst.short_name)
    } else {
        format!("Symptom total (0-{max})")
    }
}

/// A symptom total as people and clinicians read it, the same in the app's charts, the CLI and
/// the report. A scored scale (SOWS, COWS) over its fixed maximum with its band:
/// "16 / 64 · moderate", or "12 / 64 · incomplete (10 of 16 rated)" when not every item was
/// rated (no band then). The kratom checklist, which has no bands and whose list of symptoms
/// the person can change, as points with how many items were rated: "8 points · 3 rated" (the
/// same for an old check-in whatever the list is now).
pub fn total_text(inst: &Instrument, total: i32, rated: usize) -> String {
    if inst.is_scored() {
        let max = inst.max_total();
        let complete = rated >= inst.items.len();
        match inst.band(total).filter(|_| complete) {
            Some(band) => format!("{total} / {max} · {}", band.to_lowercase()),
            None if complete => format!("{total} / {max}"),
            None => format!(
                "{total} / {max} · incomplete ({rated} of {} rated)",
                inst.items.len()
            ),
        }
    } else {
        format!(
            "{total} {} · {rated} rated",
            if total == 1 { "point" } else { "points" }
        )
    }
}

fn span_text(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        from.format("%-d %b %Y").to_string()
    } else {
        format!("{} to {}", from.format("%-d %b %Y"), to.format("%-d %b %Y"))
    }
}

/// Draws the chart `req` asks for, as of `today`, scoring symptoms on the instrument chosen in
/// Settings.
pub fn draw(store: &Store, req: &ChartRequest, today: NaiveDate) -> Result<ChartImage> {
    draw_on(store, req, today, chart_instrument(store)?)
}

/// Draws the chart `req` asks for, as of `today`, scoring symptoms on `inst` (the report picks
/// the scale its range has check-ins on).
pub fn draw_on(
    store: &Store,
    req: &ChartRequest,
    today: NaiveDate,
    inst: &'static Instrument,
) -> Result<ChartImage> {
    draw_with(store, req, today, inst, false)
}

/// [`draw_on`] for paper: the same chart without the "Today" marker (a printed report is read
/// on other days).
pub fn draw_for_print(
    store: &Store,
    req: &ChartRequest,
    today: NaiveDate,
    inst: &'static Instrument,
) -> Result<ChartImage> {
    draw_with(store, req, today, inst, true)
}

fn draw_with(
    store: &Store,
    req: &ChartRequest,
    today: NaiveDate,
    inst: &'static Instrument,
    print: bool,
) -> Result<ChartImage> {
    let (from, to) = shown_range(store, &req.range, today)?;
    let (svg, summary, message) = match req.kind {
        ChartKind::Taper => taper(store, inst, from, to, today, req, print)?,
        ChartKind::Symptoms => symptoms(store, inst, from, to, req)?,
        ChartKind::Progress => progress(store, inst, from, to, today, req)?,
        ChartKind::Sleep => sleep(store, from, to, today, req)?,
    };
    Ok(ChartImage {
        svg,
        from,
        to,
        title: req.kind.title().to_owned(),
        summary: format!(
            "{}, {} {}, {}: {summary}",
            req.kind.title(),
            (to - from).num_days() + 1,
            if from == to { "day" } else { "days" },
            span_text(from, to)
        ),
        message: message.map(str::to_owned),
    })
}

/// A drawn chart's SVG, its summary and, when it has nothing to show, its message.
type Drawn = (String, String, Option<&'static str>);

fn taper(
    store: &Store,
    inst: &'static Instrument,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    req: &ChartRequest,
    print: bool,
) -> Result<Drawn> {
    let scale = scale(store, inst)?;
    let grams = store.daily_grams(from, to)?;
    let planned = store.planned_between(from, to)?;
    let scores = store.daily_scores(from, to, scale.inst.key)?;
    // The whole range is drawn, even where nothing was logged.
    let mut days: BTreeMap<NaiveDate, TaperPoint> = [from, to]
        .into_iter()
        .map(|d| (d, empty_point(d)))
        .collect();
    for (d, g) in &grams {
        days.entry(*d).or_insert_with(|| empty_point(*d)).actual_g = Some(*g);
    }
    for (d, g) in &planned {
        days.entry(*d).or_insert_with(|| empty_point(*d)).planned_g = Some(*g);
    }
    for (d, s) in &scores {
        days.entry(*d).or_insert_with(|| empty_point(*d)).symptom = Some((*s).min(scale.max));
    }
    let points: Vec<TaperPoint> = days.into_values().collect();
    let bands: Vec<(i32, i32, &str)> = scale
        .inst
        .bands
        .iter()
        .map(|b| (b.min, b.max.min(scale.max), b.label))
        .collect();
    let mut data = TaperChartData::prepare(&points, Some(today), scale.max, &scale.label, &bands)?;
    // "Day 1 .. Day N" counts a plan's days. Any other range is labelled by weekday (a month or
    // less) or by date alone.
    if print {
        data.today_index = None;
    }
    let plan_range = matches!(req.range, ChartRange::Plan) && !planned.is_empty();
    if !plan_range {
        let short = data.days.len() <= 31;
        for d in &mut data.days {
            d.label = if short {
                d.day.format("%a").to_string()
            } else {
                String::new()
            };
        }
    }
    let svg = chart::taper_svg(&data, req.width, req.height, req.theme)?;
    let summary = taper_summary(&grams, &planned, &scores, &scale.label, today);
    Ok((svg, summary, data.empty.then_some(chart::EMPTY_MESSAGE)))
}

/// What the taper chart shows, in words with its numbers (its accessible name): "grams per day,
/// 3 logged days: from 6 g to 4 g, 15.5 g in all; plan followed on 4 of 5 days; symptom total
/// from 8 to 3".
fn taper_summary(
    grams: &BTreeMap<NaiveDate, f64>,
    planned: &BTreeMap<NaiveDate, f64>,
    scores: &BTreeMap<NaiveDate, i32>,
    symptom_label: &str,
    today: NaiveDate,
) -> String {
    let mut parts = Vec::new();
    match (grams.values().next(), grams.values().next_back()) {
        (Some(first), Some(last)) => {
            let total: f64 = grams.values().sum();
            let n = grams.len();
            let span = if n == 1 {
                format!("{} g", grams_text(*first))
            } else {
                format!("from {} g to {} g", grams_text(*first), grams_text(*last))
            };
            parts.push(format!(
                "grams per day, {n} logged {}: {span}, {} g in all",
                plural(n, "day", "days"),
                grams_text(total)
            ));
        }
        _ => parts.push("no doses logged".to_owned()),
    }
    // A planned day counts once it is over (or, today, once something is logged): it followed
    // the plan when no more than the target was taken.
    let judged: Vec<(NaiveDate, f64)> = planned
        .iter()
        .filter(|(d, _)| **d < today || (**d == today && grams.contains_key(*d)))
        .map(|(d, g)| (*d, *g))
        .collect();
    if !judged.is_empty() {
        let followed = judged
            .iter()
            .filter(|(d, target)| grams.get(d).copied().unwrap_or(0.0) <= target + 0.05)
            .count();
        parts.push(format!(
            "plan followed on {followed} of {} {}",
            judged.len(),
            plural(judged.len(), "day", "days")
        ));
    }
    if let (Some(first), Some(last)) = (scores.values().next(), scores.values().next_back()) {
        let label = symptom_label.to_lowercase();
        parts.push(if scores.len() == 1 {
            format!("{label} {first}")
        } else {
            format!("{label} from {first} to {last}")
        });
    }
    parts.join("; ")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn empty_point(day: NaiveDate) -> TaperPoint {
    TaperPoint {
        day,
        actual_g: None,
        planned_g: None,
        symptom: None,
    }
}

fn symptoms(
    store: &Store,
    inst: &'static Instrument,
    from: NaiveDate,
    to: NaiveDate,
    req: &ChartRequest,
) -> Result<Drawn> {
    let scale = scale(store, inst)?;
    let raw = store.daily_item_scores(from, to, scale.inst.key)?;
    let mut items = scale.items;
    // Symptoms archived since keep their rows when they have scores in the range.
    for (_, key, _) in &raw {
        if !items.iter().any(|(k, _)| k == key) {
            let label = store.symptom(key).map_or_else(|_| key.clone(), |s| s.label);
            items.push((key.clone(), label));
        }
    }
    let mut cells: Vec<HeatCell> = raw
        .into_iter()
        .map(|(day, key, score)| HeatCell {
            day,
            key,
            score: score.clamp(0, MAX_SCORE),
        })
        .collect();
    if !scale.inst.is_scored() {
        // The kratom checklist records the symptoms a person has: on a day with a check-in,
        // a symptom not ticked is a 0, not a missing answer. (A scale's unanswered item stays
        // blank.) Cells come by day.
        let mut filled = Vec::with_capacity(cells.len());
        let mut rest = cells.as_slice();
        while let Some(first) = rest.first() {
            let n = rest.iter().take_while(|c| c.day == first.day).count();
            let (today, later) = rest.split_at(n);
            filled.extend_from_slice(today);
            for (key, _) in &items {
                if !today.iter().any(|c| &c.key == key) {
                    filled.push(HeatCell {
                        day: first.day,
                        key: key.clone(),
                        score: 0,
                    });
                }
            }
            rest = later;
        }
        cells = filled;
    }
    let days = cells
        .iter()
        .map(|c| c.day)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mut data = HeatmapData::prepare(from, to, &items, &cells, MAX_SCORE)?;
    // The rows are one form's: an empty box means no check-in on that form.
    data.missing_label = if scale.inst.is_scored() {
        format!("No {} check-in", scale.inst.short_name)
    } else {
        "No checklist check-in".to_owned()
    };
    let svg = chart::heatmap_svg(&data, req.width, req.height, req.theme)?;
    // The worst rating, and the symptom and first day it was given (the darkest box).
    let row = |key: &str| items.iter().position(|(k, _)| k == key);
    let worst = cells
        .iter()
        .min_by_key(|c| (std::cmp::Reverse(c.score), c.day, row(&c.key)));
    let summary = match worst {
        None => "no check-ins".to_owned(),
        Some(w) => {
            let word = SEVERITY_WORDS
                .get(usize::try_from(w.score).unwrap_or(0))
                .copied()
                .unwrap_or("")
                .to_lowercase();
            let rows = items.len();
            let mut text = format!(
                "{rows} {}, {days} {} with a check-in, worst rating {word}",
                plural(rows, "symptom", "symptoms"),
                plural(days, "day", "days"),
            );
            if w.score > 0 {
                let label = items
                    .iter()
                    .find(|(k, _)| *k == w.key)
                    .map_or(w.key.as_str(), |(_, l)| l.as_str());
                text.push_str(&format!(
                    " ({} on {})",
                    label.to_lowercase(),
                    w.day.format("%-d %b")
                ));
            }
            text
        }
    };
    Ok((
        svg,
        summary,
        data.empty.then_some(chart::HEATMAP_EMPTY_MESSAGE),
    ))
}

fn progress(
    store: &Store,
    inst: &'static Instrument,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    req: &ChartRequest,
) -> Result<Drawn> {
    let scale = scale(store, inst)?;
    let grams = store.daily_grams(from, to)?;
    let scores = store.daily_scores(from, to, scale.inst.key)?;
    let mut days: BTreeMap<NaiveDate, DayPoint> = BTreeMap::new();
    for (d, g) in &grams {
        days.entry(*d)
            .or_insert(DayPoint {
                day: *d,
                actual_g: None,
                symptom: None,
            })
            .actual_g = Some(*g);
    }
    for (d, s) in &scores {
        days.entry(*d)
            .or_insert(DayPoint {
                day: *d,
                actual_g: None,
                symptom: None,
            })
            .symptom = Some((*s).min(scale.max));
    }
    let points: Vec<DayPoint> = days.into_values().collect();
    let data = ProgressData::prepare(&points, from, to, Some(today), scale.max, &scale.label)?;
    let svg = chart::progress_svg(&data, req.width, req.height, req.theme)?;
    let mut summary = match store.last_dose_day()? {
        Some(last) if last < today => {
            let n = (today - last).num_days();
            format!(
                "{n} {} since the last dose",
                if n == 1 { "day" } else { "days" }
            )
        }
        Some(_) => format!(
            "{} logged {}",
            grams.len(),
            if grams.len() == 1 { "day" } else { "days" }
        ),
        None => "no doses logged".to_owned(),
    };
    // The weekly averages drawn, first and last week with a log: what the bars say.
    let means: Vec<(&str, f64)> = data
        .weeks
        .iter()
        .filter_map(|w| w.mean_g.map(|g| (w.label.as_str(), g)))
        .collect();
    if let (Some(first), Some(last)) = (means.first(), means.last()) {
        if means.len() == 1 {
            summary.push_str(&format!(
                "; week of {}: {} g a day on average",
                first.0,
                grams_text(first.1)
            ));
        } else {
            summary.push_str(&format!(
                "; {} weeks, from {} g a day on average (week of {}) to {} g (week of {})",
                means.len(),
                grams_text(first.1),
                first.0,
                grams_text(last.1),
                last.0
            ));
        }
    }
    let symptom: Vec<f64> = data.weeks.iter().filter_map(|w| w.mean_symptom).collect();
    if let (Some(first), Some(last)) = (symptom.first(), symptom.last()) {
        let label = scale.label.to_lowercase();
        summary.push_str(&if symptom.len() == 1 {
            format!("; {label} {} on average", grams_text(*first))
        } else {
            format!(
                "; {label} from {} to {} on average",
                grams_text(*first),
                grams_text(*last)
            )
        });
    }
    let message = if data.empty {
        Some(chart::PROGRESS_EMPTY_MESSAGE)
    } else if !data.enough_weeks {
        Some(chart::PROGRESS_FEW_WEEKS_MESSAGE)
    } else {
        None
    };
    Ok((svg, summary, message))
}

fn sleep(
    store: &Store,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
    req: &ChartRequest,
) -> Result<Drawn> {
    let rows = store.daily_craving_sleep(from, to)?;
    let points: Vec<SleepPoint> = rows
        .iter()
        .map(|(day, cs)| SleepPoint {
            day: *day,
            craving: cs.craving.map(f64::from),
            sleep_hours: cs.sleep_hours,
        })
        .collect();
    let data = SleepData::prepare(&points, from, to, Some(today))?;
    let svg = chart::sleep_svg(&data, req.width, req.height, req.theme)?;
    let slept: Vec<f64> = rows.values().filter_map(|c| c.sleep_hours).collect();
    let craved: Vec<f64> = rows
        .values()
        .filter_map(|c| c.craving.map(f64::from))
        .collect();
    let mean = |v: &[f64]| grams_text(v.iter().sum::<f64>() / v.len() as f64);
    let mut parts = Vec::new();
    if let (Some(first), Some(last)) = (craved.first(), craved.last()) {
        parts.push(format!(
            "craving on {} {}, {} of 10 on average ({} on the first, {} on the last)",
            craved.len(),
            plural(craved.len(), "day", "days"),
            mean(&craved),
            grams_text(*first),
            grams_text(*last)
        ));
    }
    if !slept.is_empty() {
        parts.push(format!(
            "{} {} recorded, {} hours on average",
            slept.len(),
            plural(slept.len(), "night", "nights"),
            mean(&slept)
        ));
    }
    let summary = if parts.is_empty() {
        "no craving or sleep recorded".to_owned()
    } else {
        parts.join("; ")
    };
    Ok((
        svg,
        summary,
        data.empty.then_some(chart::SLEEP_EMPTY_MESSAGE),
    ))
}

/// A plan's schedule drawn before it is saved: the step line alone, from its first to its last
/// day, with the end date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanPreview {
    pub days: Vec<plan::PlanDay>,
    #[ts(type = "string")]
    pub end: NaiveDate,
    pub svg: String,
    pub summary: String,
}

/// The preview of `params` as the Plan screen shows it.
pub fn plan_preview(
    params: &PlanParams,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Result<PlanPreview> {
    let days = plan::schedule(params)?;
    let points: Vec<TaperPoint> = days
        .iter()
        .map(|d| TaperPoint {
            day: d.day,
            actual_g: None,
            planned_g: Some(d.target_g),
            symptom: None,
        })
        .collect();
    // "Today" is put before the plan, so its days are all ahead: no gaps, no marker.
    let before = params.start.pred_opt().unwrap_or(params.start);
    let data = TaperChartData::prepare(&points, Some(before), 64, "Symptom total", &[])?;
    let svg = chart::taper_svg(&data, width, height, theme)?;
    let end = days.last().map_or(params.start, |d| d.day);
    let steps = days.last().map_or(0, |d| d.step);
    let summary = format!(
        "{} days from {} g to 0 g in {steps} steps, ending {}",
        days.len(),
        grams_text(params.start_g),
        end.format("%a %-d %b %Y")
    );
    Ok(PlanPreview {
        days,
        end,
        svg,
        summary,
    })
}

/// The file formats a chart is saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SaveFormat {
    Svg,
    Png,
}

impl SaveFormat {
    pub fn extension(self) -> &'static str {
        match self {
            SaveFormat::Svg => "svg",
            SaveFormat::Png => "png",
        }
    }

    /// The name the save dialog's file filter shows.
    pub fn label(self) -> &'static str {
        match self {
            SaveFormat::Svg => "SVG image (scales to any size)",
            SaveFormat::Png => "PNG image",
        }
    }
}

/// A file name for a saved chart: "taper-taper-2026-11-20-to-2026-11-26.png".
pub fn file_name(kind: ChartKind, from: NaiveDate, to: NaiveDate, extension: &str) -> String {
    format!(
        "taper-{}-{}-to-{}.{extension}",
        kind.file_stem(),
        from.format("%Y-%m-%d"),
        to.format("%Y-%m-%d")
    )
}

/// Width and height of Today's plan sparkline, in CSS pixels.
pub const SPARK_SIZE: (u32, u32) = (240, 48);

/// The sparkline of the plan in force `today` (its current version), for Today's plan card;
/// `None` when no plan is in force.
pub fn plan_sparkline(
    store: &Store,
    today: NaiveDate,
    theme: ChartTheme,
) -> Result<Option<String>> {
    let Some(plan) = store.current_plan(today)? else {
        return Ok(None);
    };
    let data = chart::SparkData::new(plan.days(), today);
    let (w, h) = SPARK_SIZE;
    Ok(Some(chart::spark_svg(&data, w, h, theme)?))
}
