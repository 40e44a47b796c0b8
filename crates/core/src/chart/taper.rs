//! The taper chart: grams taken per day as bars, the plan as a step line, the day's symptom
//! total on a right axis (its ticks on the grams axis' gridlines) over lightly shaded bands,
//! today marked (on screen), days without a log shown as gaps (never as zeros), and the grams
//! written on the bars when the days are few.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    aligned_axes, blend, bold, date_label, draw_left_gridlines, draw_legend_row, draw_message,
    font, format_number, invalid, label_every, nice_axis, paint_background, widest, ChartTheme,
    DrawResult, Key, Palette, DAY_STEPS, MAX_DAYS, MIN_TEXT_PX,
};
use crate::Result;

/// Shown, centred, when there is nothing at all to chart.
pub const EMPTY_MESSAGE: &str = "Nothing to chart yet. Log a dose or start a plan.";

/// The x axis is at least this many days wide.
const MIN_SLOTS: usize = 7;

/// One day of input. Days missing from the input are treated as days with nothing logged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaperPoint {
    pub day: NaiveDate,
    /// Grams taken that day; `None` when nothing was logged (a gap, not a zero).
    pub actual_g: Option<f64>,
    /// The plan's target for the day, if a plan covers it.
    pub planned_g: Option<f64>,
    /// The day's symptom total in points: the highest total of the chosen instrument that day.
    pub symptom: Option<i32>,
}

/// One day of the chart, in order, every day of the range present.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartDay {
    pub day: NaiveDate,
    /// Position on the x axis: 0 for the first day.
    pub index: usize,
    /// "Day 1", "Day 2", …
    pub label: String,
    /// "24 Nov" ("24 Nov 2026" when the range is longer than about a year)
    pub date_label: String,
    pub actual_g: Option<f64>,
    pub planned_g: Option<f64>,
    pub symptom: Option<i32>,
    /// No dose logged on a day that has passed (or on any day when there is no "today"):
    /// drawn as a gap, never as a zero-height bar.
    pub gap: bool,
}

/// A shaded symptom band, `from..=to` in score points.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBand {
    pub from: i32,
    pub to: i32,
    pub name: String,
}

/// Everything the drawing needs, computed without drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct TaperChartData {
    pub days: Vec<ChartDay>,
    /// x axis range: `-0.5 .. days.len() - 0.5` (each day centred on its index), widened
    /// evenly on both sides to at least seven days for short ranges.
    pub x_range: (f64, f64),
    /// Top of the grams axis: a nice round number, at least 1.
    pub y_max: f64,
    /// Distance between grams axis labels (and gridlines).
    pub y_step: f64,
    /// Top of the symptom axis (the instrument's highest total, points).
    pub symptom_max: i32,
    /// The symptom axis' ticks in points, 0 to `symptom_max`, each on a grams gridline (empty
    /// when no day has a symptom total).
    pub symptom_ticks: Vec<f64>,
    /// Title of the symptom axis, naming the instrument: "SOWS symptom total (0-64)".
    pub symptom_label: String,
    pub bands: Vec<ChartBand>,
    /// Index of today in `days`, when today is inside the range.
    pub today_index: Option<usize>,
    pub has_actual: bool,
    pub has_plan: bool,
    pub has_symptom: bool,
    /// No actual, planned or symptom data at all: draw the friendly message instead.
    pub empty: bool,
}

impl TaperChartData {
    /// Prepares the chart. `points` may be unsorted and sparse (missing days become gaps);
    /// a day may appear only once. `symptom_label` titles the symptom axis and names the
    /// instrument ("SOWS symptom total (0-64)"). `bands` are `(from, to, name)` ranges in
    /// points.
    pub fn prepare(
        points: &[TaperPoint],
        today: Option<NaiveDate>,
        symptom_max: i32,
        symptom_label: &str,
        bands: &[(i32, i32, &str)],
    ) -> Result<Self> {
        if symptom_max <= 0 {
            return Err(invalid("The symptom scale must have a maximum above 0."));
        }
        let mut bands_out = Vec::with_capacity(bands.len());
        for &(from, to, name) in bands {
            if from < 0 || from > to || to > symptom_max {
                return Err(invalid(format!(
                    "The symptom band \"{name}\" ({from} to {to}) does not fit the scale 0 to {symptom_max}."
                )));
            }
            bands_out.push(ChartBand {
                from,
                to,
                name: name.to_owned(),
            });
        }
        bands_out.sort_by_key(|b| b.from);

        let mut sorted: Vec<TaperPoint> = points.to_vec();
        sorted.sort_by_key(|p| p.day);
        for pair in sorted.windows(2) {
            if pair[0].day == pair[1].day {
                return Err(invalid(format!("The day {} appears twice.", pair[0].day)));
            }
        }
        for p in &sorted {
            for (what, v) in [("taken", p.actual_g), ("planned", p.planned_g)] {
                if let Some(v) = v {
                    if !v.is_finite() || v < 0.0 {
                        return Err(invalid(format!(
                            "The amount {what} on {} is not a usable number of grams.",
                            p.day
                        )));
                    }
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

        let mut days = Vec::new();
        if let (Some(first), Some(last)) = (sorted.first(), sorted.last()) {
            let (first, last) = (first.day, last.day);
            let span = (last - first).num_days();
            if span >= MAX_DAYS {
                return Err(invalid(
                    "The chart can show at most about ten years at once.",
                ));
            }
            let long = span > 366;
            let mut input = sorted.iter().peekable();
            for (index, day) in first.iter_days().take(span as usize + 1).enumerate() {
                let point = input.next_if(|p| p.day == day);
                let actual_g = point.and_then(|p| p.actual_g);
                let passed = today.is_none_or(|t| day <= t);
                days.push(ChartDay {
                    day,
                    index,
                    label: format!("Day {}", index + 1),
                    date_label: date_label(day, long),
                    actual_g,
                    planned_g: point.and_then(|p| p.planned_g),
                    symptom: point.and_then(|p| p.symptom),
                    gap: actual_g.is_none() && passed,
                });
            }
        }

        let has_actual = days.iter().any(|d| d.actual_g.is_some());
        let has_plan = days.iter().any(|d| d.planned_g.is_some());
        let has_symptom = days.iter().any(|d| d.symptom.is_some());
        let max_g = days
            .iter()
            .flat_map(|d| [d.actual_g, d.planned_g])
            .flatten()
            .fold(0.0, f64::max);
        // A little headroom, so the top bar and the plan never touch the frame. With a symptom
        // total on the right, both axes share their gridlines.
        let (y_max, y_step, symptom_ticks) = if has_symptom {
            aligned_axes(max_g * 1.08, symptom_max)
        } else {
            let (top, step) = nice_axis(max_g * 1.08);
            (top, step, Vec::new())
        };
        let today_index = today.and_then(|t| days.iter().position(|d| d.day == t));

        Ok(TaperChartData {
            x_range: {
                // A short range is centred in at least a week's width, so one day is not one
                // huge bar.
                let pad = MIN_SLOTS.saturating_sub(days.len()) as f64 / 2.0;
                (-0.5 - pad, days.len() as f64 - 0.5 + pad)
            },
            days,
            y_max,
            y_step,
            symptom_max,
            symptom_ticks,
            symptom_label: symptom_label.to_owned(),
            bands: bands_out,
            today_index,
            has_actual,
            has_plan,
            has_symptom,
            empty: !(has_actual || has_plan || has_symptom),
        })
    }
}

fn band_colour(band: &ChartBand, position: usize, palette: &Palette) -> RGBColor {
    let name = band.name.to_lowercase();
    let [none, mild, moderate, severe] = palette.bands;
    if name.contains("none") || name.contains("minimal") {
        none
    } else if name.contains("mild") {
        mild
    } else if name.contains("moderate") {
        moderate
    } else if name.contains("severe") {
        severe
    } else {
        palette.bands[position.min(3)]
    }
}

/// Draws the taper chart on `root` in `theme` and presents it.
pub fn draw_taper<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    data: &TaperChartData,
    theme: ChartTheme,
) -> DrawResult<DB> {
    let palette = theme.palette();
    paint_background(&root, palette)?;
    if data.empty || data.days.is_empty() {
        draw_message(&root, EMPTY_MESSAGE, palette)?;
        return root.present();
    }

    // Legend row at the top, in words.
    let legend_h = 36;
    let (legend, body) = root.split_vertically(legend_h);
    draw_legend(&legend, data, palette)?;

    let n = data.days.len();
    let right_area = if data.has_symptom { 64 } else { 16 };
    let mut chart = ChartBuilder::on(&body)
        .margin_top(22)
        .margin_left(8)
        .margin_right(8)
        .margin_bottom(4)
        .x_label_area_size(48)
        .y_label_area_size(60)
        .right_y_label_area_size(right_area)
        .build_cartesian_2d(data.x_range.0..data.x_range.1, 0.0..data.y_max)?
        .set_secondary_coord(data.x_range.0..data.x_range.1, 0.0..data.symptom_max as f64);

    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(0)
        .y_labels(0)
        .axis_style(palette.axis)
        .y_desc("Grams per day")
        .axis_desc_style(font(MIN_TEXT_PX, palette.text))
        .draw()?;

    let base = body.get_base_pixel();
    let rel = |p: (i32, i32)| (p.0 - base.0, p.1 - base.1);
    let left = rel(chart.backend_coord(&(data.x_range.0, 0.0)));
    let right = rel(chart.backend_coord(&(data.x_range.1, 0.0)));
    let per_day = f64::from((right.0 - left.0).max(1)) / (data.x_range.1 - data.x_range.0);

    // Gridlines and grams labels drawn by hand at every step, so the symptom axis' ticks (at
    // the same heights) meet them.
    draw_left_gridlines(
        &body,
        (data.y_step, data.y_max),
        |v| rel(chart.backend_coord(&(data.x_range.0, v))).1,
        (left.0, right.0),
        palette,
    )?;

    if data.has_symptom {
        chart
            .configure_secondary_axes()
            .axis_style(palette.axis)
            .y_labels(0)
            .y_desc(data.symptom_label.as_str())
            .axis_desc_style(font(MIN_TEXT_PX, palette.text))
            .draw()?;
        // The symptom axis labelled by hand on the grams gridlines, its top value (the
        // instrument's highest total) always shown.
        let style = font(MIN_TEXT_PX, palette.text).pos(Pos::new(HPos::Left, VPos::Center));
        for &v in &data.symptom_ticks {
            let (px, py) = rel(chart.borrow_secondary().backend_coord(&(data.x_range.1, v)));
            body.draw(&PathElement::new(
                vec![(px, py), (px + 5, py)],
                palette.axis,
            ))?;
            body.draw(&Text::new(format_number(v), (px + 8, py), style.clone()))?;
        }

        // Bands, lightly shaded, each reaching up to where the next begins.
        let (x0, x1) = data.x_range;
        let top = data.symptom_max as f64;
        for (i, band) in data.bands.iter().enumerate() {
            let lo = band.from as f64;
            let hi = data
                .bands
                .get(i + 1)
                .map_or(band.to.max(data.symptom_max) as f64, |b| b.from as f64)
                .min(top);
            if hi <= lo {
                continue;
            }
            let colour = band_colour(band, i, palette);
            chart.draw_secondary_series(std::iter::once(Rectangle::new(
                [(x0, lo), (x1, hi)],
                colour.mix(palette.band_alpha).filled(),
            )))?;
        }
    }

    // Days with no log: a faint column, so they read as gaps, not zeros. Consecutive gap days
    // are one column.
    let gap_half = if per_day >= 6.0 { 0.45 } else { 0.5 };
    chart.draw_series(spans(&data.days, |d| d.gap).into_iter().map(|(a, b)| {
        Rectangle::new(
            [
                (a as f64 - gap_half, 0.0),
                (b as f64 + gap_half, data.y_max),
            ],
            palette.gap.mix(0.1).filled(),
        )
    }))?;

    // Bars for grams taken. A logged zero is a thin line on the baseline. When days are only
    // a few pixels wide the bars touch, so a long range reads as an area.
    let half = if per_day >= 4.0 { 0.35 } else { 0.5 };
    let zero_h = data.y_max / 150.0;
    chart.draw_series(data.days.iter().filter_map(|d| {
        let g = d.actual_g?;
        let x = d.index as f64;
        Some(Rectangle::new(
            [(x - half, 0.0), (x + half, g.max(zero_h))],
            palette.actual.filled(),
        ))
    }))?;

    // The plan as a step line, broken where no plan covers a day.
    for run in runs(&data.days, |d| d.planned_g) {
        let mut pts = Vec::with_capacity(run.len() * 2);
        let mut last: Option<f64> = None;
        for (k, &(i, g)) in run.iter().enumerate() {
            let x = i as f64;
            // Only the corners: long flat runs are one segment.
            if last != Some(g) {
                pts.push((x - 0.5, g));
            }
            let next = run.get(k + 1).map(|&(_, g)| g);
            if next != Some(g) {
                pts.push((x + 0.5, g));
            }
            last = Some(g);
        }
        chart.draw_series(LineSeries::new(pts, palette.plan.stroke_width(3)))?;
    }

    // The symptom line on the right axis, joined across days without a check-in; markers
    // only on the days that had one.
    if data.has_symptom {
        let pts: Vec<(f64, f64)> = data
            .days
            .iter()
            .filter_map(|d| Some((d.index as f64, f64::from(d.symptom?))))
            .collect();
        let width = if per_day >= 3.0 { 3 } else { 2 };
        // A halo of the background under the line and markers, so they read over the bars.
        chart.draw_secondary_series(LineSeries::new(
            pts.iter().copied(),
            palette.background.stroke_width(width + 4),
        ))?;
        chart.draw_secondary_series(LineSeries::new(
            pts.iter().copied(),
            palette.symptom.stroke_width(width),
        ))?;
        let r = if per_day >= 8.0 {
            4
        } else if per_day >= 3.0 {
            3
        } else {
            2
        };
        if per_day >= 1.0 {
            chart.draw_secondary_series(
                pts.iter()
                    .map(|p| Circle::new(*p, r + 2, palette.background.filled())),
            )?;
            chart.draw_secondary_series(
                pts.into_iter()
                    .map(|p| Circle::new(p, r, palette.symptom.filled())),
            )?;
        }
    }

    // Day labels under the axis, thinned so they never overlap.
    let label_style = font(MIN_TEXT_PX, palette.text);
    let widest_label = widest(
        &body,
        data.days
            .iter()
            .flat_map(|d| [d.label.as_str(), d.date_label.as_str()]),
        &label_style,
    )?;
    let every = label_every(per_day, f64::from(widest_label) + 12.0, n, &DAY_STEPS);
    for d in data.days.iter().filter(|d| d.index % every == 0) {
        let (px, py) = rel(chart.backend_coord(&(d.index as f64, 0.0)));
        let centre = Pos::new(HPos::Center, VPos::Top);
        body.draw(&PathElement::new(
            vec![(px, py), (px, py + 4)],
            palette.axis,
        ))?;
        body.draw(&Text::new(
            d.label.as_str(),
            (px, py + 8),
            label_style.clone().pos(centre),
        ))?;
        body.draw(&Text::new(
            d.date_label.as_str(),
            (px, py + 25),
            font(MIN_TEXT_PX, palette.muted).pos(centre),
        ))?;
    }

    // Today: a vertical line and its label above the plot.
    if let Some(t) = data.today_index {
        let x = t as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, data.y_max)],
            palette.muted.stroke_width(1),
        )))?;
        let (px, py) = rel(chart.backend_coord(&(x, data.y_max)));
        body.draw(&Text::new(
            "Today",
            (px, py - 4),
            bold(MIN_TEXT_PX, palette.text)
                .pos(Pos::new(today_anchor(px, left.0, right.0), VPos::Bottom)),
        ))?;
    }

    // Band names in words at the right edge of the plot, inside their band.
    if data.has_symptom {
        for (i, band) in data.bands.iter().enumerate() {
            let lo = band.from as f64;
            let hi = data
                .bands
                .get(i + 1)
                .map_or(data.symptom_max as f64, |b| b.from as f64);
            let (_, y_lo) = rel(chart.borrow_secondary().backend_coord(&(0.0, lo)));
            let (_, y_hi) = rel(chart.borrow_secondary().backend_coord(&(0.0, hi)));
            if y_lo - y_hi < 18 {
                continue;
            }
            let name = band.name.to_lowercase();
            let style = font(MIN_TEXT_PX, palette.muted).pos(Pos::new(HPos::Right, VPos::Top));
            let (w, h) = (super::style::text_width(&body, &name, &style)?, 16);
            let (x1, y0) = (right.0 - 4, y_hi + 3);
            body.draw(&Rectangle::new(
                [(x1 - w as i32 - 4, y0), (x1, y0 + h + 2)],
                palette.background.mix(0.8).filled(),
            ))?;
            body.draw(&Text::new(name, (x1 - 2, y0 + 1), style))?;
        }
    }

    // Few days: each bar says its grams just above it, on a patch of the background so the
    // plan line and the today marker never run through the figure.
    if per_day >= 34.0 {
        let style = font(MIN_TEXT_PX, palette.text).pos(Pos::new(HPos::Center, VPos::Bottom));
        for d in &data.days {
            if let Some(g) = d.actual_g {
                let (px, py) = rel(chart.backend_coord(&(d.index as f64, g)));
                let text = format_number(g);
                let w = super::style::text_width(&body, &text, &style)? as i32;
                body.draw(&Rectangle::new(
                    [(px - w / 2 - 3, py - 20), (px + w / 2 + 3, py - 2)],
                    palette.background.mix(0.9).filled(),
                ))?;
                body.draw(&Text::new(text, (px, py - 3), style.clone()))?;
            }
        }
    }

    root.present()
}

/// Where to anchor a label above the plot at `px`, so it stays inside `left..right` (and
/// clear of the axis labels beside the plot).
pub(crate) fn today_anchor(px: i32, left: i32, right: i32) -> HPos {
    if px + 24 > right {
        HPos::Right
    } else if px - 24 < left {
        HPos::Left
    } else {
        HPos::Center
    }
}

/// Runs of consecutive days that have a value.
fn runs(days: &[ChartDay], value: impl Fn(&ChartDay) -> Option<f64>) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut current = Vec::new();
    for d in days {
        match value(d) {
            Some(v) => current.push((d.index, v)),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// First and last index of each run of consecutive days matching `pred`.
fn spans(days: &[ChartDay], pred: impl Fn(&ChartDay) -> bool) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for d in days.iter().filter(|d| pred(d)) {
        match out.last_mut() {
            Some(last) if last.1 + 1 == d.index => last.1 = d.index,
            _ => out.push((d.index, d.index)),
        }
    }
    out
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &TaperChartData,
    palette: &Palette,
) -> DrawResult<DB> {
    let mut entries = Vec::new();
    if data.has_actual {
        entries.push((Key::Swatch(palette.actual, None), "Taken (g)"));
    }
    if data.has_plan {
        entries.push((Key::Line(palette.plan, 3, false), "Plan (g)"));
    }
    if data.has_symptom {
        entries.push((
            Key::Line(palette.symptom, 2, true),
            "Symptom total (highest of the day)",
        ));
    }
    if data.days.iter().any(|d| d.gap) {
        entries.push((
            Key::Swatch(blend(palette.gap, palette.background, 0.3), None),
            "No dose logged",
        ));
    }
    draw_legend_row(area, &entries, 68, 18, palette)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_join_consecutive_days() {
        let day = |i: usize, gap: bool| ChartDay {
            day: NaiveDate::MIN,
            index: i,
            label: String::new(),
            date_label: String::new(),
            actual_g: None,
            planned_g: None,
            symptom: None,
            gap,
        };
        let days = [day(0, true), day(1, true), day(2, false), day(3, true)];
        assert_eq!(spans(&days, |d| d.gap), vec![(0, 1), (3, 3)]);
    }
}
