//! Craving and sleep: the day's highest craving (0-10) as a line with markers on the left
//! axis, hours slept as bars on the right axis. Missing days are gaps. Ranges longer than
//! about three months are shown by ISO week (Monday to Sunday), each value the average over
//! the days that have one.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::heatmap::Bucket;
use super::progress::runs;
use super::style::{
    bold, check_range, date_label, draw_legend_row, draw_message, font, format_number, invalid,
    label_every, monday_of, paint_background, ChartTheme, DrawResult, Key, DAY_STEPS,
    WEEKLY_AFTER_DAYS, WEEK_STEPS,
};
use crate::Result;

/// Shown, centred, when the range has no craving and no sleep logged.
pub const SLEEP_EMPTY_MESSAGE: &str =
    "No craving or sleep logged in this range yet. Check in to see them here.";

/// The x axis is at least this many slots wide.
const MIN_SLOTS: usize = 7;

/// One day of input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SleepPoint {
    pub day: NaiveDate,
    /// The day's highest craving, 0-10.
    pub craving: Option<f64>,
    /// Hours slept, 0-24.
    pub sleep_hours: Option<f64>,
}

/// One column of the chart: a day, or an ISO week cut to the range.
#[derive(Debug, Clone, PartialEq)]
pub struct SleepSlot {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// "24 Nov" (a week is labelled with its Monday; the year is added for long ranges).
    pub label: String,
    pub craving: Option<f64>,
    pub sleep_hours: Option<f64>,
}

/// Everything the drawing needs, computed without drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct SleepData {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub bucket: Bucket,
    pub slots: Vec<SleepSlot>,
    /// x axis range: `-0.5 .. slots.len() - 0.5`, widened to at least seven slots.
    pub x_range: (f64, f64),
    /// Top of the hours axis: 15, or 20 or 25 when someone slept longer. Its five divisions
    /// (3, 4 or 5 hours) sit on the craving axis' gridlines (0, 2, .. 10).
    pub sleep_max: f64,
    /// The slot holding today, when today is in the range.
    pub today_index: Option<usize>,
    pub has_craving: bool,
    pub has_sleep: bool,
    /// Nothing logged in the range: draw the friendly message instead.
    pub empty: bool,
}

impl SleepData {
    /// Prepares the chart of `from..=to`. `points` may be unsorted and sparse; a day may
    /// appear only once; points outside the range are ignored.
    pub fn prepare(
        points: &[SleepPoint],
        from: NaiveDate,
        to: NaiveDate,
        today: Option<NaiveDate>,
    ) -> Result<SleepData> {
        let span = check_range(from, to)?;
        let mut sorted = points.to_vec();
        sorted.sort_by_key(|p| p.day);
        for pair in sorted.windows(2) {
            if pair[0].day == pair[1].day {
                return Err(invalid(format!("The day {} appears twice.", pair[0].day)));
            }
        }
        for p in &sorted {
            if let Some(c) = p.craving {
                if !(c.is_finite() && (0.0..=10.0).contains(&c)) {
                    return Err(invalid(format!(
                        "The craving on {} is outside 0 to 10.",
                        p.day
                    )));
                }
            }
            if let Some(h) = p.sleep_hours {
                if !(h.is_finite() && (0.0..=24.0).contains(&h)) {
                    return Err(invalid(format!(
                        "The hours slept on {} are outside 0 to 24.",
                        p.day
                    )));
                }
            }
        }

        let bucket = if span + 1 > WEEKLY_AFTER_DAYS {
            Bucket::Week
        } else {
            Bucket::Day
        };
        let long = span > 366;
        let first_monday = monday_of(from);
        let mut slots: Vec<SleepSlot> = match bucket {
            Bucket::Day => from
                .iter_days()
                .take(span as usize + 1)
                .map(|d| SleepSlot {
                    start: d,
                    end: d,
                    label: date_label(d, long),
                    craving: None,
                    sleep_hours: None,
                })
                .collect(),
            Bucket::Week => first_monday
                .iter_weeks()
                .take_while(|m| *m <= to)
                .map(|m| SleepSlot {
                    start: m.max(from),
                    end: m
                        .checked_add_days(chrono::Days::new(6))
                        .map_or(to, |sunday| sunday.min(to)),
                    label: date_label(m, long),
                    craving: None,
                    sleep_hours: None,
                })
                .collect(),
        };
        let slot_of = |day: NaiveDate| -> usize {
            match bucket {
                Bucket::Day => (day - from).num_days() as usize,
                Bucket::Week => ((day - first_monday).num_days() / 7) as usize,
            }
        };
        // (sum, count) per slot for craving and sleep.
        let mut sums = vec![[(0.0f64, 0u32); 2]; slots.len()];
        for p in sorted.iter().filter(|p| p.day >= from && p.day <= to) {
            let s = &mut sums[slot_of(p.day)];
            for (k, v) in [p.craving, p.sleep_hours].into_iter().enumerate() {
                if let Some(v) = v {
                    s[k].0 += v;
                    s[k].1 += 1;
                }
            }
        }
        let mean = |(sum, n): (f64, u32)| (n > 0).then(|| sum / f64::from(n));
        for (slot, [c, h]) in slots.iter_mut().zip(sums) {
            slot.craving = mean(c);
            slot.sleep_hours = mean(h);
        }

        let has_craving = slots.iter().any(|s| s.craving.is_some());
        let has_sleep = slots.iter().any(|s| s.sleep_hours.is_some());
        let most_sleep = slots
            .iter()
            .filter_map(|s| s.sleep_hours)
            .fold(0.0, f64::max);
        let sleep_max = if most_sleep <= 15.0 {
            15.0
        } else if most_sleep <= 20.0 {
            20.0
        } else {
            25.0
        };
        let today_index = today.filter(|t| *t >= from && *t <= to).map(slot_of);
        let pad = MIN_SLOTS.saturating_sub(slots.len()) as f64 / 2.0;
        Ok(SleepData {
            from,
            to,
            bucket,
            x_range: (-0.5 - pad, slots.len() as f64 - 0.5 + pad),
            slots,
            sleep_max,
            today_index,
            has_craving,
            has_sleep,
            empty: !(has_craving || has_sleep),
        })
    }
}

/// Draws the craving and sleep chart on `root` in `theme` and presents it.
pub fn draw_sleep<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    data: &SleepData,
    theme: ChartTheme,
) -> DrawResult<DB> {
    let palette = theme.palette();
    paint_background(&root, palette)?;
    if data.empty || data.slots.is_empty() {
        draw_message(&root, SLEEP_EMPTY_MESSAGE, palette)?;
        return root.present();
    }

    let (legend, body) = root.split_vertically(36);
    let weekly = data.bucket == Bucket::Week;
    let mut entries = Vec::new();
    if data.has_craving {
        entries.push((
            Key::Line(palette.craving, 3, true),
            if weekly {
                "Craving (weekly average of the daily highest, 0-10)"
            } else {
                "Craving (highest of the day, 0-10)"
            },
        ));
    }
    if data.has_sleep {
        entries.push((
            Key::Swatch(palette.sleep, Some(palette.sleep_edge)),
            if weekly {
                "Hours slept (weekly average)"
            } else {
                "Hours slept"
            },
        ));
    }
    draw_legend_row(&legend, &entries, 68, 18, palette)?;

    let n = data.slots.len();
    let mut chart = ChartBuilder::on(&body)
        .margin_top(22)
        .margin_left(8)
        .margin_right(8)
        .margin_bottom(4)
        .x_label_area_size(36)
        .y_label_area_size(60)
        .right_y_label_area_size(60)
        .build_cartesian_2d(data.x_range.0..data.x_range.1, 0.0..10.0)?
        .set_secondary_coord(data.x_range.0..data.x_range.1, 0.0..data.sleep_max);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .max_light_lines(0)
        .bold_line_style(palette.grid)
        .axis_style(palette.axis)
        .y_label_formatter(&|v| format_number(*v))
        .y_label_style(font(14.0, palette.text))
        .y_desc("Craving (0-10)")
        .axis_desc_style(font(14.0, palette.text))
        .draw()?;
    chart
        .configure_secondary_axes()
        .axis_style(palette.axis)
        .y_labels(0)
        .y_desc("Hours slept")
        .axis_desc_style(font(14.0, palette.text))
        .draw()?;

    let base = body.get_base_pixel();
    let rel = |p: (i32, i32)| (p.0 - base.0, p.1 - base.1);
    // Hours in five steps (0, 3, .. 15), labelled by hand on the craving gridlines.
    let hour_style = font(14.0, palette.text).pos(Pos::new(HPos::Left, VPos::Center));
    let mut h = 0.0;
    while h <= data.sleep_max + 1e-9 {
        let (px, py) = rel(chart.borrow_secondary().backend_coord(&(data.x_range.1, h)));
        body.draw(&PathElement::new(
            vec![(px, py), (px + 5, py)],
            palette.axis,
        ))?;
        body.draw(&Text::new(
            format_number(h),
            (px + 8, py),
            hour_style.clone(),
        ))?;
        h += data.sleep_max / 5.0;
    }
    let left = rel(chart.backend_coord(&(data.x_range.0, 0.0)));
    let right = rel(chart.backend_coord(&(data.x_range.1, 0.0)));
    let per_slot = f64::from((right.0 - left.0).max(1)) / (data.x_range.1 - data.x_range.0);

    // Sleep bars, outlined so yellow reads on a light background.
    // When bars touch (long ranges) they are lighter, so the craving line stays in front.
    let half = if per_slot >= 4.0 { 0.35 } else { 0.5 };
    let fill = if per_slot >= 4.0 {
        palette.sleep.filled()
    } else {
        palette.sleep.mix(0.55).filled()
    };
    chart.draw_secondary_series(data.slots.iter().enumerate().filter_map(|(i, s)| {
        let h = s.sleep_hours?;
        let x = i as f64;
        Some(Rectangle::new([(x - half, 0.0), (x + half, h)], fill))
    }))?;
    if per_slot >= 4.0 && palette.sleep_edge != palette.sleep {
        chart.draw_secondary_series(data.slots.iter().enumerate().filter_map(|(i, s)| {
            let h = s.sleep_hours?;
            let x = i as f64;
            Some(Rectangle::new(
                [(x - half, 0.0), (x + half, h)],
                palette.sleep_edge.stroke_width(1),
            ))
        }))?;
    }

    // Craving on top, broken where no craving was logged.
    let r = if per_slot >= 12.0 { 4 } else { 3 };
    for run in runs(data.slots.iter().map(|s| s.craving)) {
        chart.draw_series(LineSeries::new(
            run.iter().copied(),
            palette
                .craving
                .stroke_width(if per_slot >= 4.0 { 3 } else { 2 }),
        ))?;
        if per_slot >= 6.0 || run.len() == 1 {
            chart.draw_series(
                run.into_iter()
                    .map(|p| Circle::new(p, r, palette.craving.filled())),
            )?;
        }
    }

    // Today: a vertical line and its label above the plot.
    if let Some(t) = data.today_index {
        let x = t as f64;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, 10.0)],
            palette.muted.stroke_width(1),
        )))?;
        let (px, py) = rel(chart.backend_coord(&(x, 10.0)));
        body.draw(&Text::new(
            if weekly { "This week" } else { "Today" },
            (px, py - 4),
            bold(13.0, palette.text).pos(Pos::new(
                super::taper::today_anchor(px, left.0, right.0),
                VPos::Bottom,
            )),
        ))?;
    }

    // Date labels, thinned so they never overlap.
    let style = font(14.0, palette.text);
    let widest = super::style::widest(&body, data.slots.iter().map(|s| s.label.as_str()), &style)?;
    let steps: &[usize] = if weekly { &WEEK_STEPS } else { &DAY_STEPS };
    let every = label_every(per_slot, f64::from(widest) + 12.0, n, steps);
    for (i, s) in data
        .slots
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
            s.label.as_str(),
            (px, py + 8),
            style.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }

    root.present()
}
