//! The symptom heatmap: one row per symptom, one column per day (or per ISO week for ranges
//! longer than about three months), each cell coloured by the highest score. A cell with no
//! check-in is left empty (outlined where there is room), never drawn as a zero.

use std::collections::HashMap;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    check_range, date_label, draw_legend_row, draw_message, font, invalid, label_every, monday_of,
    paint_background, text_width, truncate_to, widest, ChartTheme, DrawResult, Key, Palette,
    DAY_STEPS, WEEKLY_AFTER_DAYS, WEEK_STEPS,
};
use crate::Result;

/// Shown, centred, when the range has no check-in at all.
pub const HEATMAP_EMPTY_MESSAGE: &str =
    "No check-ins in this range yet. Check in to see your symptoms here.";

/// The words for the scores 0-4 of the checklists, as on the check-in screen.
pub const LEVEL_WORDS: [&str; 5] = ["None", "Mild", "Moderate", "Severe", "Extreme"];

/// One score given in a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatCell {
    pub day: NaiveDate,
    /// The symptom's key, one of those passed to [`HeatmapData::prepare`].
    pub key: String,
    pub score: i32,
}

/// What one column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    Day,
    /// An ISO week, Monday to Sunday (cut to the range at both ends).
    Week,
}

/// One column: the days `start..=end` it covers and its label ("24 Nov"; a week is labelled
/// with its Monday).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatColumn {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub label: String,
}

/// One symptom: a value per column, `None` where there was no check-in scoring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    pub key: String,
    pub label: String,
    pub values: Vec<Option<i32>>,
}

/// Everything the drawing needs, computed without drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatmapData {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub bucket: Bucket,
    pub columns: Vec<HeatColumn>,
    /// In the order the symptoms were given.
    pub rows: Vec<HeatRow>,
    /// The highest score a symptom can have (4 on the checklists).
    pub max_score: i32,
    /// No check-in in the range: draw the friendly message instead.
    pub empty: bool,
    /// The legend's words for an empty box: "No check-in", or naming the form the rows are
    /// from ("No SOWS check-in") so a day with a check-in on another form is not said to have
    /// none.
    pub missing_label: String,
}

impl HeatmapData {
    /// Prepares the heatmap of `from..=to`. `symptoms` are `(key, label)` in display order;
    /// `cells` may be in any order and may hold several scores for one symptom and day (the
    /// highest counts). Cells outside the range are ignored. Ranges longer than 92 days are
    /// shown by ISO week, each cell the week's highest score.
    pub fn prepare(
        from: NaiveDate,
        to: NaiveDate,
        symptoms: &[(String, String)],
        cells: &[HeatCell],
        max_score: i32,
    ) -> Result<HeatmapData> {
        let span = check_range(from, to)?;
        if max_score <= 0 {
            return Err(invalid("The symptom scale must have a maximum above 0."));
        }
        let mut row_of: HashMap<&str, usize> = HashMap::with_capacity(symptoms.len());
        for (i, (key, _)) in symptoms.iter().enumerate() {
            if row_of.insert(key.as_str(), i).is_some() {
                return Err(invalid(format!("The symptom \"{key}\" is listed twice.")));
            }
        }

        let bucket = if span + 1 > WEEKLY_AFTER_DAYS {
            Bucket::Week
        } else {
            Bucket::Day
        };
        let long = span > 366;
        let first_monday = monday_of(from);
        let columns: Vec<HeatColumn> = match bucket {
            Bucket::Day => from
                .iter_days()
                .take(span as usize + 1)
                .map(|d| HeatColumn {
                    start: d,
                    end: d,
                    label: date_label(d, long),
                })
                .collect(),
            Bucket::Week => first_monday
                .iter_weeks()
                .take_while(|m| *m <= to)
                .map(|m| HeatColumn {
                    start: m.max(from),
                    end: m
                        .checked_add_days(chrono::Days::new(6))
                        .map_or(to, |sunday| sunday.min(to)),
                    label: date_label(m, long),
                })
                .collect(),
        };
        let column_of = |day: NaiveDate| -> usize {
            match bucket {
                Bucket::Day => (day - from).num_days() as usize,
                Bucket::Week => ((day - first_monday).num_days() / 7) as usize,
            }
        };

        let mut rows: Vec<HeatRow> = symptoms
            .iter()
            .map(|(key, label)| HeatRow {
                key: key.clone(),
                label: label.clone(),
                values: vec![None; columns.len()],
            })
            .collect();
        let mut any = false;
        for cell in cells {
            let Some(&row) = row_of.get(cell.key.as_str()) else {
                return Err(invalid(format!(
                    "The symptom \"{}\" on {} is not one of the symptoms charted.",
                    cell.key, cell.day
                )));
            };
            if !(0..=max_score).contains(&cell.score) {
                return Err(invalid(format!(
                    "The score for \"{}\" on {} is outside 0 to {max_score}.",
                    cell.key, cell.day
                )));
            }
            if cell.day < from || cell.day > to {
                continue;
            }
            any = true;
            let slot = &mut rows[row].values[column_of(cell.day)];
            *slot = Some(slot.map_or(cell.score, |s| s.max(cell.score)));
        }

        Ok(HeatmapData {
            from,
            to,
            bucket,
            columns,
            rows,
            max_score,
            empty: !any,
            missing_label: "No check-in".to_owned(),
        })
    }

    /// The colour step 0 (none) to 4 (extreme) of a score: the score itself on a 0-4 scale,
    /// otherwise the score spread over four equal steps above zero.
    pub fn level(&self, score: i32) -> usize {
        if score <= 0 {
            0
        } else if self.max_score == 4 {
            score.min(4) as usize
        } else {
            let l =
                (i64::from(score) * 4 + i64::from(self.max_score) - 1) / i64::from(self.max_score);
            l.clamp(1, 4) as usize
        }
    }

    /// Legend words for steps 0-4: the checklist's words on a 0-4 scale, score ranges
    /// otherwise.
    fn level_names(&self) -> [String; 5] {
        if self.max_score == 4 {
            return LEVEL_WORDS.map(str::to_owned);
        }
        let m = i64::from(self.max_score);
        let mut out = [const { String::new() }; 5];
        out[0] = "0".to_owned();
        for (l, name) in out.iter_mut().enumerate().skip(1) {
            let lo = ((l as i64 - 1) * m) / 4 + 1;
            let hi = (l as i64 * m) / 4;
            *name = if lo >= hi {
                format!("{hi}")
            } else {
                format!("{lo}-{hi}")
            };
        }
        out
    }
}

/// Draws the heatmap on `root` in `theme` and presents it.
pub fn draw_heatmap<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    data: &HeatmapData,
    theme: ChartTheme,
) -> DrawResult<DB> {
    let palette = theme.palette();
    paint_background(&root, palette)?;
    if data.empty || data.rows.is_empty() || data.columns.is_empty() {
        draw_message(&root, HEATMAP_EMPTY_MESSAGE, palette)?;
        return root.present();
    }
    let (width, height) = root.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);

    draw_legend(&root, data, palette, width)?;

    // Row labels on the left, cut with "…" when long.
    let label_style = font(14.0, palette.text);
    let max_label = (width * 28 / 100).max(80) as u32;
    let label_w = widest(
        &root,
        data.rows.iter().map(|r| r.label.as_str()),
        &label_style,
    )?
    .min(max_label) as i32;
    let x0 = 16 + label_w + 10;
    let x1 = width - 16;
    let y0 = 48;
    let y1 = height - 44;
    let n_rows = data.rows.len() as i32;
    let row_h = (f64::from(y1 - y0) / f64::from(n_rows)).min(34.0);
    let n_cols = data.columns.len();
    let col_w = f64::from(x1 - x0) / n_cols as f64;
    let col_x = |i: usize| x0 + (i as f64 * col_w).round() as i32;
    let row_y = |r: usize| y0 + (r as f64 * row_h).round() as i32;
    // A 1-pixel gutter between cells when there is room for it.
    let gutter = i32::from(col_w >= 6.0);
    let row_gutter = i32::from(row_h >= 8.0);
    let label_every_row = if row_h >= 13.0 {
        1
    } else {
        (13.0 / row_h).ceil() as usize
    };

    for (r, row) in data.rows.iter().enumerate() {
        let (top, bottom) = (row_y(r), row_y(r + 1) - row_gutter);
        if r % label_every_row == 0 {
            let text = truncate_to(&root, &row.label, &label_style, max_label)?;
            root.draw(&Text::new(
                text,
                (x0 - 10, (top + bottom) / 2),
                label_style.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        // Runs of equal values are one rectangle when cells touch (long ranges).
        let mut i = 0;
        while i < n_cols {
            let value = row.values[i];
            let mut j = i + 1;
            if gutter == 0 {
                while j < n_cols && row.values[j] == value {
                    j += 1;
                }
            }
            let (left, right) = (col_x(i), col_x(j) - gutter);
            match value {
                Some(score) => {
                    let colour = palette.heat[data.level(score)];
                    root.draw(&Rectangle::new(
                        [(left, top), (right, bottom)],
                        colour.filled(),
                    ))?;
                }
                None if col_w >= 8.0 && row_h >= 8.0 => {
                    // No check-in: an empty box with one light stroke, unlike a filled 0.
                    root.draw(&Rectangle::new(
                        [(left, top), (right - 1, bottom - 1)],
                        palette.heat_missing,
                    ))?;
                    root.draw(&PathElement::new(
                        vec![(left + 2, bottom - 3), (right - 3, top + 2)],
                        palette.heat_missing,
                    ))?;
                }
                None => {}
            }
            i = j;
        }
    }

    // Date labels under the grid, thinned so they never overlap.
    let date_style = font(14.0, palette.muted);
    let widest_date = widest(
        &root,
        data.columns.iter().map(|c| c.label.as_str()),
        &date_style,
    )?;
    let steps: &[usize] = match data.bucket {
        Bucket::Day => &DAY_STEPS,
        Bucket::Week => &WEEK_STEPS,
    };
    let every = label_every(col_w, f64::from(widest_date) + 12.0, n_cols, steps);
    let grid_bottom = row_y(data.rows.len());
    for (i, c) in data
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
    {
        let px = ((f64::from(col_x(i)) + f64::from(col_x(i + 1))) / 2.0).round() as i32;
        // Keep the first and last labels inside the image.
        let half = widest_date as i32 / 2;
        let tx = px.clamp(half + 4, width - half - 4);
        root.draw(&PathElement::new(
            vec![(px, grid_bottom + 2), (px, grid_bottom + 6)],
            palette.axis,
        ))?;
        root.draw(&Text::new(
            c.label.as_str(),
            (tx, grid_bottom + 10),
            date_style.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }

    root.present()
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &HeatmapData,
    palette: &Palette,
    width: i32,
) -> DrawResult<DB> {
    let names = data.level_names();
    let mut entries: Vec<(Key, &str)> = names
        .iter()
        .enumerate()
        .map(|(l, name)| {
            let edge = (l == 0 || l == 1).then_some(palette.heat_missing);
            (Key::Swatch(palette.heat[l], edge), name.as_str())
        })
        .collect();
    entries.push((
        Key::Empty(palette.heat_missing),
        data.missing_label.as_str(),
    ));
    draw_legend_row(area, &entries, 16, 20, palette)?;

    let note = match data.bucket {
        Bucket::Day => "Highest rating of each day",
        Bucket::Week => "Highest rating of each week",
    };
    let style = font(14.0, palette.muted).pos(Pos::new(HPos::Right, VPos::Center));
    // Only when it does not run into the legend.
    let legend_w: u32 = {
        let s = font(14.0, palette.text);
        let mut w = 16;
        for (_, text) in &entries {
            w += 44 + text_width(area, text, &s)?;
        }
        w
    };
    if legend_w as i32 + text_width(area, note, &style)? as i32 + 24 <= width {
        area.draw(&Text::new(note, (width - 16, 20), style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    #[test]
    fn levels_spread_other_scales_over_four_steps() {
        let data = HeatmapData::prepare(date(1), date(2), &[], &[], 10).expect("prepare");
        assert_eq!(
            (0..=10).map(|s| data.level(s)).collect::<Vec<_>>(),
            vec![0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4]
        );
        assert_eq!(data.level_names()[1], "1-2");
        let four = HeatmapData::prepare(date(1), date(2), &[], &[], 4).expect("prepare");
        assert_eq!(four.level(3), 3);
        assert_eq!(four.level_names()[4], "Extreme");
    }
}
