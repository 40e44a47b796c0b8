//! Weekly progress: the average grams per day and the average symptom score of each ISO week
//! (Monday to Sunday), and how many days have passed since the last dose.
//!
//! The weekly average is taken over the days that have a log, a logged 0 g included: a day
//! with nothing logged is unknown, not zero, so it neither lowers nor raises the average. A
//! week with no log at all is a gap in the line. (Someone who has stopped can log 0 g to make
//! those days count.)

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    aligned_axes, bold, check_range, date_label, draw_left_gridlines, draw_legend_row,
    draw_message, font, format_number, invalid, label_every, monday_of, nice_axis,
    paint_background, widest, ChartTheme, DrawResult, Key, MIN_TEXT_PX, WEEK_STEPS,
};
use crate::Result;

/// Shown, centred, when the range has no dose and no check-in.
pub const PROGRESS_EMPTY_MESSAGE: &str =
    "Nothing logged in this range yet. Log a dose or check in to see your weekly progress.";

/// Shown instead of the lines while fewer than two weeks have entries: one weekly average is
/// no trend.
pub const PROGRESS_FEW_WEEKS_MESSAGE: &str =
    "Not enough weeks yet. Weekly averages show once two weeks have entries.";

/// The x axis is at least this many weeks wide.
const MIN_SLOTS: usize = 4;

/// One day of input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayPoint {
    pub day: NaiveDate,
    /// Grams taken that day; `None` when nothing was logged.
    pub actual_g: Option<f64>,
    /// The day's highest symptom total in points; `None` without a check-in.
    pub symptom: Option<i32>,
}

/// One ISO week of the range.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressWeek {
    pub monday: NaiveDate,
    /// The Monday's date: "23 Nov" ("23 Nov 2026" for ranges over about a year).
    pub label: String,
    /// Average grams per day over the days with a log; `None` when no day had one.
    pub mean_g: Option<f64>,
    pub logged_days: u32,
    /// Average of the days' highest symptom totals, points; `None` without check-ins.
    pub mean_symptom: Option<f64>,
    pub checkin_days: u32,
}

/// Everything the drawing needs, computed without drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressData {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every ISO week touching the range, in order.
    pub weeks: Vec<ProgressWeek>,
    /// x axis range: `-0.5 .. weeks.len() - 0.5`, widened to at least four weeks.
    pub x_range: (f64, f64),
    /// Top of the grams axis and the distance between its labels.
    pub y_max: f64,
    pub y_step: f64,
    pub symptom_max: i32,
    /// The symptom axis' ticks in points, each on a grams gridline (empty without check-ins).
    pub symptom_ticks: Vec<f64>,
    /// Title of the symptom axis, naming the instrument.
    pub symptom_label: String,
    /// The last day with more than 0 g logged, up to today.
    pub last_dose: Option<NaiveDate>,
    /// Days from the last dose to today, when the last dose was before today.
    pub days_since_last_dose: Option<i64>,
    /// The headline shown above the chart: "12 days since the last dose".
    pub headline: Option<String>,
    pub has_grams: bool,
    pub has_symptom: bool,
    /// Nothing logged in the range: draw the friendly message instead.
    pub empty: bool,
    /// At least two weeks have entries; with fewer the chart says "Not enough weeks yet"
    /// ([`PROGRESS_FEW_WEEKS_MESSAGE`]) instead of one unlabelled dot.
    pub enough_weeks: bool,
}

impl ProgressData {
    /// Prepares the weekly chart of `from..=to`. `points` may be unsorted and sparse; a day may
    /// appear only once. Points outside the range count only towards the last dose, which is
    /// looked for up to `today`.
    pub fn prepare(
        points: &[DayPoint],
        from: NaiveDate,
        to: NaiveDate,
        today: Option<NaiveDate>,
        symptom_max: i32,
        symptom_label: &str,
    ) -> Result<ProgressData> {
        check_range(from, to)?;
        if symptom_max <= 0 {
            return Err(invalid("The symptom scale must have a maximum above 0."));
        }
        let mut sorted = points.to_vec();
        sorted.sort_by_key(|p| p.day);
        for pair in sorted.windows(2) {
            if pair[0].day == pair[1].day {
                return Err(invalid(format!("The day {} appears twice.", pair[0].day)));
            }
        }
        for p in &sorted {
            if let Some(g) = p.actual_g {
                if !g.is_finite() || g < 0.0 {
                    return Err(invalid(format!(
                        "The amount taken on {} is not a usable number of grams.",
                        p.day
                    )));
                }
            }
            if let Some(s) = p.symptom {
                if !(0..=symptom_max).contains(&s) {
                    return Err(invalid(format!(
                        "The symptom score on {} is outside 0 to {symptom_max}.",
                        p.day
                    )));
                }
            }
        }

        let long = (to - from).num_days() > 366;
        let first_monday = monday_of(from);
        let mut weeks: Vec<ProgressWeek> = first_monday
            .iter_weeks()
            .take_while(|m| *m <= to)
            .map(|monday| ProgressWeek {
                monday,
                label: date_label(monday, long),
                mean_g: None,
                logged_days: 0,
                mean_symptom: None,
                checkin_days: 0,
            })
            .collect();
        let mut sums = vec![(0.0f64, 0.0f64); weeks.len()];
        for p in sorted.iter().filter(|p| p.day >= from && p.day <= to) {
            let w = ((p.day - first_monday).num_days() / 7) as usize;
            if let Some(g) = p.actual_g {
                sums[w].0 += g;
                weeks[w].logged_days += 1;
            }
            if let Some(s) = p.symptom {
                sums[w].1 += f64::from(s);
                weeks[w].checkin_days += 1;
            }
        }
        for (week, (g, s)) in weeks.iter_mut().zip(sums) {
            if week.logged_days > 0 {
                week.mean_g = Some(g / f64::from(week.logged_days));
            }
            if week.checkin_days > 0 {
                week.mean_symptom = Some(s / f64::from(week.checkin_days));
            }
        }

        let last_dose = sorted
            .iter()
            .rev()
            .filter(|p| today.is_none_or(|t| p.day <= t))
            .find(|p| p.actual_g.is_some_and(|g| g > 0.0))
            .map(|p| p.day);
        let days_since_last_dose = match (last_dose, today) {
            (Some(last), Some(t)) if last < t => Some((t - last).num_days()),
            _ => None,
        };
        let headline = days_since_last_dose.map(|n| {
            if n == 1 {
                "1 day since the last dose".to_owned()
            } else {
                format!("{n} days since the last dose")
            }
        });

        let has_grams = weeks.iter().any(|w| w.mean_g.is_some());
        let has_symptom = weeks.iter().any(|w| w.mean_symptom.is_some());
        let max_g = weeks.iter().filter_map(|w| w.mean_g).fold(0.0, f64::max);
        let (y_max, y_step, symptom_ticks) = if has_symptom {
            aligned_axes(max_g * 1.08, symptom_max)
        } else {
            let (top, step) = nice_axis(max_g * 1.08);
            (top, step, Vec::new())
        };
        let enough_weeks = weeks
            .iter()
            .filter(|w| w.mean_g.is_some() || w.mean_symptom.is_some())
            .count()
            >= 2;
        let pad = MIN_SLOTS.saturating_sub(weeks.len()) as f64 / 2.0;
        Ok(ProgressData {
            from,
            to,
            x_range: (-0.5 - pad, weeks.len() as f64 - 0.5 + pad),
            weeks,
            y_max,
            y_step,
            symptom_max,
            symptom_ticks,
            symptom_label: symptom_label.to_owned(),
            last_dose,
            days_since_last_dose,
            headline,
            has_grams,
            has_symptom,
            empty: !(has_grams || has_symptom),
            enough_weeks,
        })
    }
}

/// Runs of consecutive slots that have a value, as `(index, value)` points.
pub(crate) fn runs(values: impl Iterator<Item = Option<f64>>) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.enumerate() {
        match v {
            Some(v) => current.push((i as f64, v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Draws the weekly progress chart on `root` in `theme` and presents it.
pub fn draw_progress<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    data: &ProgressData,
    theme: ChartTheme,
) -> DrawResult<DB> {
    let palette = theme.palette();
    paint_background(&root, palette)?;
    if data.empty || data.weeks.is_empty() || !data.enough_weeks {
        if let Some(headline) = &data.headline {
            root.draw(&Text::new(
                headline.as_str(),
                (16, 16),
                bold(20.0, palette.text).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        let message = if data.empty || data.weeks.is_empty() {
            PROGRESS_EMPTY_MESSAGE
        } else {
            PROGRESS_FEW_WEEKS_MESSAGE
        };
        draw_message(&root, message, palette)?;
        return root.present();
    }

    let root = match &data.headline {
        Some(headline) => {
            let (top, rest) = root.split_vertically(40);
            top.draw(&Text::new(
                headline.as_str(),
                (16, 14),
                bold(20.0, palette.text).pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
            rest
        }
        None => root,
    };
    let (legend, body) = root.split_vertically(36);
    let mut entries = Vec::new();
    if data.has_grams {
        entries.push((Key::Line(palette.plan, 3, true), "Average grams per day"));
    }
    if data.has_symptom {
        entries.push((
            Key::Line(palette.symptom, 2, true),
            "Average symptom total (highest of each day)",
        ));
    }
    draw_legend_row(&legend, &entries, 68, 18, palette)?;

    let n = data.weeks.len();
    let mut chart = ChartBuilder::on(&body)
        .margin_top(14)
        .margin_left(8)
        .margin_right(8)
        .margin_bottom(4)
        .x_label_area_size(50)
        .y_label_area_size(60)
        .right_y_label_area_size(if data.has_symptom { 64 } else { 16 })
        .build_cartesian_2d(data.x_range.0..data.x_range.1, 0.0..data.y_max)?
        .set_secondary_coord(data.x_range.0..data.x_range.1, 0.0..data.symptom_max as f64);
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .axis_style(palette.axis)
        .y_desc("Grams per day (weekly average)")
        .axis_desc_style(font(MIN_TEXT_PX, palette.text))
        .draw()?;

    let base = body.get_base_pixel();
    let rel = |p: (i32, i32)| (p.0 - base.0, p.1 - base.1);
    let left = rel(chart.backend_coord(&(data.x_range.0, 0.0)));
    let right = rel(chart.backend_coord(&(data.x_range.1, 0.0)));
    // Gridlines and grams labels by hand, one per step; the symptom ticks meet them.
    draw_left_gridlines(
        &body,
        (data.y_step, data.y_max),
        |v| rel(chart.backend_coord(&(data.x_range.0, v))).1,
        (left.0, right.0),
        palette,
    )?;
    let per_week = f64::from((right.0 - left.0).max(1)) / (data.x_range.1 - data.x_range.0);
    // Markers on every week while there is room for them; a lone week always gets one.
    let markers = per_week >= 6.0;
    let r = if per_week >= 12.0 { 4 } else { 2 };

    if data.has_symptom {
        chart
            .configure_secondary_axes()
            .axis_style(palette.axis)
            .y_labels(0)
            .y_desc(data.symptom_label.as_str())
            .axis_desc_style(font(MIN_TEXT_PX, palette.text))
            .draw()?;
        let style = font(MIN_TEXT_PX, palette.text).pos(Pos::new(HPos::Left, VPos::Center));
        for &v in &data.symptom_ticks {
            let (px, py) = rel(chart.borrow_secondary().backend_coord(&(data.x_range.1, v)));
            body.draw(&PathElement::new(
                vec![(px, py), (px + 5, py)],
                palette.axis,
            ))?;
            body.draw(&Text::new(format_number(v), (px + 8, py), style.clone()))?;
        }
        for run in runs(data.weeks.iter().map(|w| w.mean_symptom)) {
            chart.draw_secondary_series(LineSeries::new(
                run.iter().copied(),
                palette.symptom.stroke_width(2),
            ))?;
            if markers || run.len() == 1 {
                chart.draw_secondary_series(
                    run.into_iter()
                        .map(|p| Circle::new(p, r, palette.symptom.filled())),
                )?;
            }
        }
    }

    if data.has_grams {
        for run in runs(data.weeks.iter().map(|w| w.mean_g)) {
            chart.draw_series(LineSeries::new(
                run.iter().copied(),
                palette.plan.stroke_width(3),
            ))?;
            if markers || run.len() == 1 {
                chart.draw_series(
                    run.into_iter()
                        .map(|p| Circle::new(p, r + 1, palette.plan.filled())),
                )?;
            }
        }
    }

    // Week labels (the Monday), thinned so they never overlap.
    let style = font(MIN_TEXT_PX, palette.text);
    let widest_label = widest(&body, data.weeks.iter().map(|w| w.label.as_str()), &style)?;
    let every = label_every(per_week, f64::from(widest_label) + 12.0, n, &WEEK_STEPS);
    for (i, w) in data
        .weeks
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
    {
        let (px, py) = rel(chart.backend_coord(&(i as f64, 0.0)));
        body.draw(&PathElement::new(
            vec![(px, py), (px, py + 4)],
            palette.axis,
        ))?;
        body.draw(&Text::new(
            w.label.as_str(),
            (px, py + 8),
            style.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }
    body.draw(&Text::new(
        "Weeks, Monday to Sunday, labelled with the Monday",
        ((left.0 + right.0) / 2, left.1 + 28),
        font(MIN_TEXT_PX, palette.muted).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;

    root.present()
}
