//! The report's figures, read from the diary: plain data, no layout.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::{ReportOptions, Result};
use crate::chart::{ChartTheme, FontChain};
use crate::day::parse_day;
use crate::dose::{grams_text, round_tenth};
use crate::error::Error;
use crate::figure::{self, ChartKind, ChartRange, ChartRequest};
use crate::instrument::{self, Instrument};
use crate::settings::CheckinChoice;
use crate::store::{PlanChange, Store};

use super::Paper;

/// Longest range a report covers (two years): a longer table helps no one on paper.
pub const MAX_REPORT_DAYS: i64 = 731;
/// Longest name printed at the top.
const MAX_NAME_CHARS: usize = 80;

/// Chart sizes in CSS pixels, scaled to the page's text width (about 515 pt): chart text (14 px)
/// comes out at about 9.5-10 pt on paper. The taper chart is drawn wider so its legend row fits
/// on one line, the heatmap wide enough for its symptom names.
pub(crate) const TAPER_WIDTH: u32 = 760;
pub(crate) const TAPER_HEIGHT: u32 = 300;
pub(crate) const HEATMAP_WIDTH: u32 = 720;

/// One diary day of the range (days with nothing logged included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDay {
    pub day: NaiveDate,
    /// Grams taken (0 when no dose was logged).
    pub grams: f64,
    pub doses: u32,
    /// Wall-clock time of the day's first and last dose, "09:00".
    pub first_dose: Option<String>,
    pub last_dose: Option<String>,
    /// The plan's target for the day, if a plan covered it.
    pub planned: Option<f64>,
    /// Took more than the day's target.
    pub over_plan: bool,
    /// A step back was made on this day.
    pub step_back: bool,
    /// The day's symptom total on the report's instrument (highest check-in total, points),
    /// with its band (none for the kratom checklist, which has no bands, and for a partly
    /// answered form).
    pub symptom: Option<i32>,
    pub band: Option<String>,
    /// The day's score comes from a form that did not rate every item of its scale: a lower
    /// bound, printed "(incomplete)" as `taper checkin list` does.
    pub symptom_incomplete: bool,
    pub craving: Option<i32>,
    pub sleep_hours: Option<f64>,
    /// Other medicines taken that day, as logged: "Ibuprofen 400 mg", in time order.
    pub medicines: Vec<String>,
    /// Anything logged at all (a dose, a check-in or a medicine).
    pub logged: bool,
    /// Notes of the day's entries; empty unless notes are included.
    pub notes: Vec<ReportNote>,
}

/// A note written on an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportNote {
    pub day: NaiveDate,
    pub time: String,
    /// "Dose", "Check-in" or the medicine's name.
    pub on: String,
    pub text: String,
}

/// The plan that covers the range and how closely it was followed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanSummary {
    /// "Detox week (even steps) from 6 g".
    pub description: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Days in the range with a target and a log (a dose or a check-in).
    pub days_with_target_and_log: u32,
    /// Of those, days on or under target.
    pub days_on_or_under: u32,
    /// Days that took more than planned.
    pub days_over: Vec<NaiveDate>,
}

/// A step back made in the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepBackDay {
    pub day: NaiveDate,
    pub repeat_days: Option<u32>,
}

/// A total on one check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredTotal {
    pub day: NaiveDate,
    pub time: String,
    pub total: i32,
    /// "moderate"; none for the kratom checklist, which has no bands, and for a partly
    /// answered form.
    pub band: Option<String>,
    /// Every item of the scale was rated. A partial total is shown marked "incomplete".
    pub complete: bool,
    /// How many items the check-in rated.
    pub rated: u32,
}

/// Peak and latest total of one instrument in the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreSummary {
    pub instrument: String,
    pub short_name: String,
    pub max_total: i32,
    /// Items on the form: the scale's, or the symptoms now listed on the kratom checklist.
    pub items: u32,
    /// Check-ins in the range with at least one item rated, complete or not.
    pub checkins: u32,
    /// Of those, the ones that did not rate every item.
    pub incomplete: u32,
    pub peak: ScoredTotal,
    pub latest: ScoredTotal,
}

/// The craving reported on the range's last check-in that rated one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestCraving {
    pub day: NaiveDate,
    /// Wall-clock time of the check-in, "21:00".
    pub time: String,
    /// 0 (none) to 10 (worst).
    pub craving: i32,
}

/// One medicine over the range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MedicineSummary {
    pub name: String,
    pub count: u32,
    /// Sum of the amounts, when every entry has one in the same unit.
    pub total: Option<f64>,
    pub unit: Option<String>,
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportData {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub paper: Paper,
    pub name: Option<String>,
    pub include_notes: bool,
    pub generated_at: DateTime<FixedOffset>,
    pub app_version: String,
    pub days: Vec<ReportDay>,
    pub plan: Option<PlanSummary>,
    pub step_backs: Vec<StepBackDay>,
    pub scores: Vec<ScoreSummary>,
    /// The latest craving by time (the day table shows each day's highest).
    pub latest_craving: Option<LatestCraving>,
    pub medicines: Vec<MedicineSummary>,
    /// "SOWS: Handelsman L, ..." for each scale with totals in the report.
    pub citations: Vec<String>,
    /// Label of the day table's symptom column: "SOWS total", or for the kratom checklist
    /// "Symptom total" (points); the table's legend gives the range.
    pub symptom_label: String,
    /// The day table's symptom totals are on a scored scale with bands (SOWS, COWS).
    pub symptom_scored: bool,
    /// Short name of the day table's instrument: "SOWS", "Kratom checklist".
    pub symptom_instrument: String,
    /// The day table's highest possible symptom total, points.
    pub symptom_max: i32,
    /// The taper chart and the symptom heatmap as the app draws them (light theme).
    pub taper_svg: String,
    pub heatmap_svg: String,
    /// The charts have nothing to draw (they hold the app's message to the person, which the
    /// report replaces with a line for the clinician).
    pub taper_empty: bool,
    pub heatmap_empty: bool,
    pub heatmap_height: u32,
    /// Characters of the person's text (name, notes, medicine and symptom names) that no
    /// embedded font has a glyph for: they print as boxes. Each once, in order of first
    /// appearance; empty when everything prints.
    pub unprintable: Vec<char>,
}

/// The text between tags of an SVG document (entities left as written: they are ASCII).
fn svg_text(svg: &str) -> impl Iterator<Item = &str> {
    svg.split('>')
        .filter_map(|part| part.split('<').next())
        .filter(|t| !t.trim().is_empty())
}

fn time_of(local_time: &str) -> String {
    local_time.get(11..16).unwrap_or("").to_owned()
}

fn day_of(text: &str) -> Result<NaiveDate> {
    parse_day("day", text)
}

fn clean_name(name: Option<&str>) -> Result<Option<String>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "name",
            format!("The name can be at most {MAX_NAME_CHARS} characters."),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "The name must be a single line of text.",
        ));
    }
    Ok(Some(name.to_owned()))
}

/// The instrument the report's charts and day table score symptoms on: the one chosen in
/// Settings (SOWS when both), unless the range has no check-ins on it but has some on another
/// scale (SOWS, then COWS, then the kratom checklist): a person who switched scales, or checks
/// in with `taper checkin add --instrument sows`, still sees them. `used`: the keys of the
/// instruments with check-ins in the range.
fn chart_instrument(store: &Store, used: &[&str]) -> Result<&'static Instrument> {
    let chosen: &'static Instrument = match store.settings()?.checkin_instrument {
        CheckinChoice::Kratom => &instrument::KRATOM,
        CheckinChoice::Sows | CheckinChoice::Both => &instrument::SOWS,
    };
    if used.contains(&chosen.key) {
        return Ok(chosen);
    }
    Ok([&instrument::SOWS, &instrument::COWS, &instrument::KRATOM]
        .into_iter()
        .find(|i| used.contains(&i.key))
        .unwrap_or(chosen))
}

impl ReportData {
    /// Reads the diary for `options`, as of `today`. `generated_at` and `app_version` are
    /// printed on the report (and fix the PDF's creation date).
    pub fn gather(
        store: &Store,
        options: &ReportOptions,
        today: NaiveDate,
        generated_at: DateTime<FixedOffset>,
        app_version: &str,
    ) -> Result<ReportData> {
        let name = clean_name(options.name.as_deref())?;
        // The days start at the diary's first entry, as the charts do.
        let (from, to) = figure::shown_range(store, &options.range, today)?;
        // A plan running past today: the report covers its days so far (the taper chart still
        // shows the plan ahead, as in the app). A plan still to come is covered whole, after
        // the fortnight before it, as its chart shows it.
        let started = options.range == ChartRange::Plan
            && store
                .current_plan(today)?
                .is_some_and(|p| p.span().0 <= today);
        let to = if started { to.min(today) } else { to };
        if (to - from).num_days() >= MAX_REPORT_DAYS {
            return Err(Error::invalid(
                "range",
                "A report can cover at most two years. Choose a shorter range.",
            ));
        }
        let all_days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
        let mut days: BTreeMap<NaiveDate, ReportDay> = all_days
            .iter()
            .map(|d| {
                (
                    *d,
                    ReportDay {
                        day: *d,
                        grams: 0.0,
                        doses: 0,
                        first_dose: None,
                        last_dose: None,
                        planned: None,
                        over_plan: false,
                        step_back: false,
                        symptom: None,
                        band: None,
                        symptom_incomplete: false,
                        craving: None,
                        sleep_hours: None,
                        medicines: Vec::new(),
                        logged: false,
                        notes: Vec::new(),
                    },
                )
            })
            .collect();
        let mut notes: Vec<(String, ReportNote)> = Vec::new();

        // Doses (oldest first).
        for d in store.doses_between(from, to)? {
            let day = day_of(&d.day)?;
            let Some(r) = days.get_mut(&day) else {
                continue;
            };
            r.grams += d.amount_g;
            r.doses += 1;
            r.logged = true;
            let t = time_of(&d.local_time);
            if r.first_dose.is_none() {
                r.first_dose = Some(t.clone());
            }
            r.last_dose = Some(t.clone());
            if let Some(n) = d.note.filter(|n| !n.trim().is_empty()) {
                notes.push((
                    d.local_time.clone(),
                    ReportNote {
                        day,
                        time: t,
                        on: "Dose".to_owned(),
                        text: n,
                    },
                ));
            }
        }
        for r in days.values_mut() {
            r.grams = round_tenth(r.grams);
        }

        // Check-ins (newest first from the store): scores per instrument, notes.
        let checkins = store.checkins_between(from, to)?;
        let mut per_inst: BTreeMap<String, Vec<ScoredTotal>> = BTreeMap::new();
        for c in checkins.iter().rev() {
            let day = day_of(&c.day)?;
            if let Some(r) = days.get_mut(&day) {
                r.logged = true;
            }
            let inst = instrument::instrument(&c.instrument);
            // Every check-in that rated something counts; a scored scale's partial form is
            // marked incomplete (its total has no band).
            let complete = match inst {
                Some(i) if i.is_scored() => c.complete,
                _ => true,
            };
            if inst.is_some() && !c.items.is_empty() {
                per_inst
                    .entry(c.instrument.clone())
                    .or_default()
                    .push(ScoredTotal {
                        day,
                        time: time_of(&c.local_time),
                        total: c.total,
                        band: inst
                            .filter(|_| complete)
                            .and_then(|i| i.band(c.total))
                            .map(str::to_owned),
                        complete,
                        rated: u32::try_from(c.items.len()).unwrap_or(u32::MAX),
                    });
            }
            if let Some(n) = c.note.as_ref().filter(|n| !n.trim().is_empty()) {
                notes.push((
                    c.local_time.clone(),
                    ReportNote {
                        day,
                        time: time_of(&c.local_time),
                        on: "Check-in".to_owned(),
                        text: n.clone(),
                    },
                ));
            }
        }
        // The latest craving: the check-in taken last (the store lists newest first; an
        // instant parsed from `taken_at` orders check-ins written in different time zones).
        let instant = |c: &crate::checkin::CheckIn| DateTime::parse_from_rfc3339(&c.taken_at).ok();
        let mut latest_craving: Option<(&crate::checkin::CheckIn, i32)> = None;
        for c in &checkins {
            let Some(v) = c.craving else {
                continue;
            };
            match latest_craving {
                Some((l, _)) if instant(c) <= instant(l) => {}
                _ => latest_craving = Some((c, v)),
            }
        }
        let latest_craving = match latest_craving {
            Some((c, v)) => Some(LatestCraving {
                day: day_of(&c.day)?,
                time: time_of(&c.local_time),
                craving: v,
            }),
            None => None,
        };
        let mut scores = Vec::new();
        let mut citations = Vec::new();
        for inst in [&instrument::SOWS, &instrument::COWS, &instrument::KRATOM] {
            let Some(list) = per_inst.get(inst.key) else {
                continue;
            };
            let (Some(first), Some(latest)) = (list.first(), list.last()) else {
                continue;
            };
            // The highest total; on a tie the earliest, a complete form before a partial one.
            let peak = list.iter().fold(first, |best, t| {
                if (t.total, t.complete) > (best.total, best.complete) {
                    t
                } else {
                    best
                }
            });
            scores.push(ScoreSummary {
                instrument: inst.name.to_owned(),
                short_name: inst.short_name.to_owned(),
                max_total: figure::scale_max(store, inst)?,
                items: u32::try_from(if inst.is_scored() {
                    inst.items.len()
                } else {
                    store.symptoms_of(inst.key)?.len()
                })
                .unwrap_or(u32::MAX),
                checkins: u32::try_from(list.len()).unwrap_or(u32::MAX),
                incomplete: u32::try_from(list.iter().filter(|t| !t.complete).count())
                    .unwrap_or(u32::MAX),
                peak: peak.clone(),
                latest: latest.clone(),
            });
            if let Some(c) = inst.citation {
                citations.push(format!("{}: {c}", inst.short_name));
            }
        }

        // The day's score on the charts' instrument.
        let used: Vec<&str> = per_inst.keys().map(String::as_str).collect();
        let inst = chart_instrument(store, &used)?;
        let symptom_max = figure::scale_max(store, inst)?;
        let symptom_label = if inst.is_scored() {
            format!("{} total", inst.short_name)
        } else {
            "Symptom total".to_owned()
        };
        for (d, t) in store.daily_totals(from, to, inst.key)? {
            if let Some(r) = days.get_mut(&d) {
                r.symptom = Some(t.total);
                r.symptom_incomplete = !t.complete;
                r.band = if t.complete {
                    inst.band(t.total).map(str::to_owned)
                } else {
                    None
                };
            }
        }
        for (d, cs) in store.daily_craving_sleep(from, to)? {
            if let Some(r) = days.get_mut(&d) {
                r.craving = cs.craving;
                r.sleep_hours = cs.sleep_hours;
            }
        }

        // Medicines: by name as first written, in order of first use.
        let mut medicines: Vec<MedicineSummary> = Vec::new();
        let mut mixed: Vec<bool> = Vec::new();
        for m in store.medicines_between(from, to)? {
            let day = day_of(&m.day)?;
            if let Some(r) = days.get_mut(&day) {
                r.logged = true;
                r.medicines.push(match (m.amount, &m.unit) {
                    (Some(a), Some(u)) => format!("{} {} {}", m.name, grams_text(a), u),
                    (Some(a), None) => format!("{} {}", m.name, grams_text(a)),
                    _ => m.name.clone(),
                });
            }
            let i = match medicines
                .iter()
                .position(|s| s.name.to_lowercase() == m.name.to_lowercase())
            {
                Some(i) => i,
                None => {
                    medicines.push(MedicineSummary {
                        name: m.name.clone(),
                        count: 0,
                        total: Some(0.0),
                        unit: m.unit.clone(),
                    });
                    mixed.push(false);
                    medicines.len() - 1
                }
            };
            if let (Some(s), Some(mx)) = (medicines.get_mut(i), mixed.get_mut(i)) {
                s.count += 1;
                match (m.amount, &m.unit) {
                    (Some(a), u) if !*mx && *u == s.unit => {
                        s.total = s.total.map(|t| t + a);
                    }
                    _ => *mx = true,
                }
            }
            if let Some(n) = m.note.as_ref().filter(|n| !n.trim().is_empty()) {
                notes.push((
                    m.local_time.clone(),
                    ReportNote {
                        day,
                        time: time_of(&m.local_time),
                        on: m.name.clone(),
                        text: n.clone(),
                    },
                ));
            }
        }
        for (s, mx) in medicines.iter_mut().zip(&mixed) {
            if *mx {
                s.total = None;
                s.unit = None;
            }
        }

        // The plan: targets, step backs, adherence.
        let plans = store.plans()?;
        let planned = crate::store::targets_between(&plans, from, to);
        let mut step_backs = Vec::new();
        for p in &plans {
            for v in &p.versions {
                if v.change == PlanChange::StepBack && (from..=to).contains(&v.effective_from) {
                    step_backs.push(StepBackDay {
                        day: v.effective_from,
                        repeat_days: v.repeat_days,
                    });
                    if let Some(r) = days.get_mut(&v.effective_from) {
                        r.step_back = true;
                    }
                }
            }
        }
        step_backs.sort_by_key(|s| s.day);
        let mut with_log = 0;
        let mut on_or_under = 0;
        let mut days_over = Vec::new();
        for (d, target) in &planned {
            if let Some(r) = days.get_mut(d) {
                r.planned = Some(round_tenth(*target));
                if r.logged {
                    with_log += 1;
                    if r.grams <= round_tenth(*target) + 1e-9 {
                        on_or_under += 1;
                    } else {
                        r.over_plan = true;
                        days_over.push(*d);
                    }
                }
            }
        }
        let plan = plans
            .iter()
            .rev()
            .find(|p| {
                let (a, b) = p.span();
                a <= to && b >= from
            })
            .map(|p| {
                let (first, last) = p.span();
                PlanSummary {
                    description: crate::plan::describe(&p.params),
                    first,
                    last,
                    days_with_target_and_log: with_log,
                    days_on_or_under: on_or_under,
                    days_over: days_over.clone(),
                }
            });

        let mut report_days: Vec<ReportDay> = days.into_values().collect();
        if options.include_notes {
            notes.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, n) in notes {
                if let Some(r) = report_days.iter_mut().find(|r| r.day == n.day) {
                    r.notes.push(n);
                }
            }
        }

        // The charts, drawn as the app draws them over the report's days, without "Today".
        let days_range = ChartRange::Between { from, to };
        let taper = figure::draw_for_print(
            store,
            &ChartRequest {
                kind: ChartKind::Taper,
                range: days_range.clone(),
                theme: ChartTheme::Light,
                width: TAPER_WIDTH,
                height: TAPER_HEIGHT,
            },
            today,
            inst,
        )?;
        let items = store.symptoms_of(inst.key)?.len();
        let heatmap_height = u32::try_from(100 + 19 * items)
            .unwrap_or(u32::MAX)
            .clamp(220, 520);
        let heatmap = figure::draw_for_print(
            store,
            &ChartRequest {
                kind: ChartKind::Symptoms,
                range: days_range,
                theme: ChartTheme::Light,
                width: HEATMAP_WIDTH,
                height: heatmap_height,
            },
            today,
            inst,
        )?;

        // An empty chart draws its message for the person (the first sentence is enough to
        // know it, however the chart wraps it).
        let shows = |svg: &str, message: &str| {
            let first = message.split(". ").next().unwrap_or(message);
            svg_text(svg).any(|t| t.contains(first))
        };
        let taper_empty = shows(&taper.svg, crate::chart::EMPTY_MESSAGE);
        let heatmap_empty = shows(&heatmap.svg, crate::chart::HEATMAP_EMPTY_MESSAGE);
        let mut texts: Vec<&str> = Vec::new();
        texts.extend(name.as_deref());
        for m in &medicines {
            texts.push(&m.name);
        }
        for n in report_days.iter().flat_map(|d| d.notes.iter()) {
            texts.push(&n.on);
            texts.push(&n.text);
        }
        // The charts' labels (custom symptom names among them).
        texts.extend(svg_text(&taper.svg));
        texts.extend(svg_text(&heatmap.svg));
        let unprintable = FontChain::get()
            .map_err(Error::report_render)?
            .unprintable(texts);

        Ok(ReportData {
            from,
            to,
            paper: options.paper,
            name,
            include_notes: options.include_notes,
            generated_at,
            app_version: app_version.to_owned(),
            days: report_days,
            plan,
            step_backs,
            scores,
            latest_craving,
            medicines,
            citations,
            symptom_label,
            symptom_scored: inst.is_scored(),
            symptom_instrument: inst.short_name.to_owned(),
            symptom_max,
            taper_svg: taper.svg,
            heatmap_svg: heatmap.svg,
            taper_empty,
            heatmap_empty,
            heatmap_height,
            unprintable,
        })
    }

    /// Nothing at all was logged in the range.
    pub fn is_empty(&self) -> bool {
        !self.days.iter().any(|d| d.logged)
    }
}
