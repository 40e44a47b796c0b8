//! The taper chart: grams taken per day as bars, the plan as a step line, the day's symptom
//! score on a right axis over lightly shaded bands, today marked, days without a log shown as
//! gaps (never as zeros).

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::FONT_FAMILY;
use crate::{Error, Result};

/// Shown, centred, when there is nothing at all to chart.
pub const EMPTY_MESSAGE: &str = "Nothing to chart yet. Log a dose or start a plan.";

/// The x axis is at least this many days wide.
const MIN_SLOTS: usize = 7;

/// Longest range the chart accepts, in days (about ten years).
const MAX_DAYS: i64 = 3660;

/// One day of input. Days missing from the input are treated as days with nothing logged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaperPoint {
    pub day: NaiveDate,
    /// Grams taken that day; `None` when nothing was logged (a gap, not a zero).
    pub actual_g: Option<f64>,
    /// The plan's target for the day, if a plan covers it.
    pub planned_g: Option<f64>,
    /// The day's symptom score: the maximum of the chosen instrument that day.
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
    /// "24 Nov"
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
    /// Distance between grams axis labels.
    pub y_step: f64,
    /// Top of the symptom axis (the instrument's maximum score).
    pub symptom_max: i32,
    pub bands: Vec<ChartBand>,
    /// Index of today in `days`, when today is inside the range.
    pub today_index: Option<usize>,
    pub has_actual: bool,
    pub has_plan: bool,
    pub has_symptom: bool,
    /// No actual, planned or symptom data at all: draw the friendly message instead.
    pub empty: bool,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("chart", message)
}

/// A "nice" step (1, 2 or 5 times a power of ten) at or above `raw`.
fn nice_step(raw: f64) -> f64 {
    let exp = 10f64.powf(raw.log10().floor());
    let f = raw / exp;
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| *m >= f - 1e-9)
        .unwrap_or(10.0);
    m * exp
}

/// Axis top and step for a maximum value: at least 1 g, steps of at least 0.5 g.
fn nice_axis(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        0.0
    };
    if max <= 1.0 {
        return (1.0, 0.5);
    }
    let step = nice_step(max / 5.0).max(0.5);
    let top = (max / step - 1e-9).ceil() * step;
    (top.max(1.0), step)
}

impl TaperChartData {
    /// Prepares the chart. `points` may be unsorted and sparse (missing days become gaps);
    /// a day may appear only once. `bands` are `(from, to, name)` score ranges.
    pub fn prepare(
        points: &[TaperPoint],
        today: Option<NaiveDate>,
        symptom_max: i32,
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
            let mut input = sorted.iter().peekable();
            for (index, day) in first.iter_days().take(span as usize + 1).enumerate() {
                let point = input.next_if(|p| p.day == day);
                let actual_g = point.and_then(|p| p.actual_g);
                let passed = today.is_none_or(|t| day <= t);
                days.push(ChartDay {
                    day,
                    index,
                    label: format!("Day {}", index + 1),
                    date_label: day.format("%-d %b").to_string(),
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
        // A little headroom, so the top bar and the plan never touch the frame.
        let (y_max, y_step) = nice_axis(max_g * 1.08);
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
            bands: bands_out,
            today_index,
            has_actual,
            has_plan,
            has_symptom,
            empty: !(has_actual || has_plan || has_symptom),
        })
    }
}

// Okabe-Ito colours (docs/design: ui.md).
const PLAN_BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const ACTUAL_SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
const SYMPTOM_INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
const BAND_NONE: RGBColor = RGBColor(0x99, 0x99, 0x99);
const BAND_MILD: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const BAND_MODERATE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const BAND_SEVERE: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const TEXT: RGBColor = RGBColor(0x33, 0x33, 0x33);
const MUTED: RGBColor = RGBColor(0x66, 0x66, 0x66);
const GRID: RGBColor = RGBColor(0xE6, 0xE6, 0xE6);
const GAP: RGBColor = RGBColor(0x88, 0x88, 0x88);

fn band_colour(band: &ChartBand, position: usize) -> RGBColor {
    let name = band.name.to_lowercase();
    if name.contains("none") || name.contains("minimal") {
        BAND_NONE
    } else if name.contains("mild") {
        BAND_MILD
    } else if name.contains("moderate") {
        BAND_MODERATE
    } else if name.contains("severe") {
        BAND_SEVERE
    } else {
        [BAND_NONE, BAND_MILD, BAND_MODERATE, BAND_SEVERE][position.min(3)]
    }
}

fn format_grams(v: f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// plotters' SVG backend writes text at size / 1.24; this undoes that, so `px` is the
/// rendered size in pixels.
const SVG_TEXT_SCALE: f64 = 1.24;

fn font(px: f64) -> TextStyle<'static> {
    (FONT_FAMILY, px * SVG_TEXT_SCALE).into_font().color(&TEXT)
}

fn bold(px: f64) -> TextStyle<'static> {
    (FONT_FAMILY, px * SVG_TEXT_SCALE, FontStyle::Bold)
        .into_font()
        .color(&TEXT)
}

/// Draws the taper chart on `root` and presents it.
pub fn draw_taper<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    data: &TaperChartData,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    if data.empty || data.days.is_empty() {
        root.draw(&Text::new(
            EMPTY_MESSAGE,
            (width as i32 / 2, height as i32 / 2),
            font(18.0)
                .color(&MUTED)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
        return root.present();
    }

    // Legend row at the top, in words.
    let legend_h = 36;
    let (legend, body) = root.split_vertically(legend_h);
    draw_legend(&legend, data)?;

    let n = data.days.len();
    let right_area = if data.has_symptom { 60 } else { 16 };
    let mut chart = ChartBuilder::on(&body)
        .margin_top(22)
        .margin_left(8)
        .margin_right(8)
        .margin_bottom(4)
        .x_label_area_size(44)
        .y_label_area_size(60)
        .right_y_label_area_size(right_area)
        .build_cartesian_2d(data.x_range.0..data.x_range.1, 0.0..data.y_max)?
        .set_secondary_coord(data.x_range.0..data.x_range.1, 0.0..data.symptom_max as f64);

    let y_labels = (data.y_max / data.y_step).round() as usize + 1;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(y_labels)
        .max_light_lines(0)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .y_label_formatter(&|v| format_grams(*v))
        .y_label_style(font(13.0))
        .y_desc("Grams per day")
        .axis_desc_style(font(13.0))
        .draw()?;

    if data.has_symptom {
        chart
            .configure_secondary_axes()
            .axis_style(MUTED)
            .y_labels(6)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .label_style(font(13.0))
            .y_desc("Symptom score")
            .axis_desc_style(font(13.0))
            .draw()?;

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
            let colour = band_colour(band, i);
            chart.draw_secondary_series(std::iter::once(Rectangle::new(
                [(x0, lo), (x1, hi)],
                colour.mix(0.09).filled(),
            )))?;
        }
    }

    // Days with no log: a faint column, so they read as gaps, not zeros.
    chart.draw_series(data.days.iter().filter(|d| d.gap).map(|d| {
        let x = d.index as f64;
        Rectangle::new(
            [(x - 0.45, 0.0), (x + 0.45, data.y_max)],
            GAP.mix(0.08).filled(),
        )
    }))?;

    // Bars for grams taken. A logged zero is a thin line on the baseline.
    let zero_h = data.y_max / 150.0;
    chart.draw_series(data.days.iter().filter_map(|d| {
        let g = d.actual_g?;
        let x = d.index as f64;
        Some(Rectangle::new(
            [(x - 0.35, 0.0), (x + 0.35, g.max(zero_h))],
            ACTUAL_SKY.filled(),
        ))
    }))?;

    // The plan as a step line, broken where no plan covers a day.
    for run in runs(&data.days, |d| d.planned_g) {
        let mut pts = Vec::with_capacity(run.len() * 2);
        for &(i, g) in &run {
            let x = i as f64;
            pts.push((x - 0.5, g));
            pts.push((x + 0.5, g));
        }
        chart.draw_series(LineSeries::new(pts, PLAN_BLUE.stroke_width(3)))?;
    }

    // The symptom line on the right axis, broken where no check-in was made.
    if data.has_symptom {
        for run in runs(&data.days, |d| d.symptom.map(f64::from)) {
            let pts: Vec<(f64, f64)> = run.iter().map(|&(i, s)| (i as f64, s)).collect();
            chart
                .draw_secondary_series(LineSeries::new(pts.clone(), SYMPTOM_INK.stroke_width(2)))?;
            chart.draw_secondary_series(
                pts.into_iter()
                    .map(|p| Circle::new(p, 4, SYMPTOM_INK.filled())),
            )?;
        }
    }

    // Day labels under the axis, thinned so they never overlap.
    let base = body.get_base_pixel();
    let rel = |p: (i32, i32)| (p.0 - base.0, p.1 - base.1);
    let left = rel(chart.backend_coord(&(data.x_range.0, 0.0)));
    let right = rel(chart.backend_coord(&(data.x_range.1, 0.0)));
    let per_day = f64::from((right.0 - left.0).max(1)) / (data.x_range.1 - data.x_range.0);
    let widest = data
        .days
        .iter()
        .flat_map(|d| [d.label.as_str(), d.date_label.as_str()])
        .map(|t| text_width(&body, t, &font(12.0)).unwrap_or(60))
        .max()
        .unwrap_or(60);
    let every = label_every(per_day, f64::from(widest) + 10.0, n);
    for d in data.days.iter().filter(|d| d.index % every == 0) {
        let (px, py) = rel(chart.backend_coord(&(d.index as f64, 0.0)));
        let centre = Pos::new(HPos::Center, VPos::Top);
        body.draw(&PathElement::new(vec![(px, py), (px, py + 4)], MUTED))?;
        body.draw(&Text::new(
            d.label.as_str(),
            (px, py + 8),
            font(12.0).pos(centre),
        ))?;
        body.draw(&Text::new(
            d.date_label.as_str(),
            (px, py + 24),
            font(12.0).color(&MUTED).pos(centre),
        ))?;
    }

    // Today: a vertical line and its label above the plot.
    if let Some(t) = data.today_index {
        let x = t as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, data.y_max)],
            MUTED.stroke_width(1),
        )))?;
        let (px, py) = rel(chart.backend_coord(&(x, data.y_max)));
        body.draw(&Text::new(
            "Today",
            (px, py - 4),
            bold(13.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
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
            let style = font(12.0)
                .color(&MUTED)
                .pos(Pos::new(HPos::Right, VPos::Top));
            let (w, h) = (text_width(&body, &name, &style)?, 14);
            let (x1, y0) = (right.0 - 4, y_hi + 3);
            body.draw(&Rectangle::new(
                [(x1 - w as i32 - 4, y0), (x1, y0 + h + 2)],
                WHITE.mix(0.8).filled(),
            ))?;
            body.draw(&Text::new(name, (x1 - 2, y0 + 1), style))?;
        }
    }

    root.present()
}

/// Width of `text` in pixels, as plotters measures it with the embedded font.
fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> std::result::Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    Ok(area.estimate_text_size(text, style)?.0)
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

/// Label every k-th day so labels `label_px` wide never touch.
fn label_every(per_day_px: f64, label_px: f64, n: usize) -> usize {
    let need = (label_px / per_day_px.max(1.0)).ceil() as usize;
    [1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728]
        .into_iter()
        .find(|k| *k >= need)
        .unwrap_or(n.max(1))
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &TaperChartData,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let y = 18;
    let mut x = 68;
    let style = font(14.0).pos(Pos::new(HPos::Left, VPos::Center));
    let label =
        |x: &mut i32, text: &str| -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
            area.draw(&Text::new(text, (*x + 22, y), style.clone()))?;
            *x += 22 + text_width(area, text, &style)? as i32 + 24;
            Ok(())
        };
    if data.has_actual {
        area.draw(&Rectangle::new(
            [(x, y - 6), (x + 14, y + 6)],
            ACTUAL_SKY.filled(),
        ))?;
        label(&mut x, "Taken (g)")?;
    }
    if data.has_plan {
        area.draw(&PathElement::new(
            vec![(x, y), (x + 16, y)],
            PLAN_BLUE.stroke_width(3),
        ))?;
        label(&mut x, "Plan (g)")?;
    }
    if data.has_symptom {
        area.draw(&PathElement::new(
            vec![(x, y), (x + 16, y)],
            SYMPTOM_INK.stroke_width(2),
        ))?;
        area.draw(&Circle::new((x + 8, y), 4, SYMPTOM_INK.filled()))?;
        label(&mut x, "Symptom score (highest of the day)")?;
    }
    if data.days.iter().any(|d| d.gap) {
        area.draw(&Rectangle::new(
            [(x, y - 6), (x + 14, y + 6)],
            GAP.mix(0.25).filled(),
        ))?;
        label(&mut x, "No dose logged")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axis_rounds_up_and_never_reaches_zero() {
        assert_eq!(nice_axis(0.0), (1.0, 0.5));
        assert_eq!(nice_axis(f64::NAN), (1.0, 0.5));
        assert_eq!(nice_axis(0.7), (1.0, 0.5));
        assert_eq!(nice_axis(8.64), (10.0, 2.0));
        assert_eq!(nice_axis(10.0), (10.0, 2.0));
        assert_eq!(nice_axis(13.0), (15.0, 5.0));
        assert_eq!(nice_axis(1.3), (1.5, 0.5));
    }

    #[test]
    fn labels_thin_to_fit() {
        assert_eq!(label_every(80.0, 60.0, 10), 1);
        assert_eq!(label_every(40.0, 60.0, 14), 2);
        assert_eq!(label_every(10.0, 60.0, 60), 7);
    }
}
