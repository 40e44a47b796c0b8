//! Themes, palettes and the small drawing helpers every chart shares.
//!
//! Series colours follow the Okabe-Ito colour-blind-safe palette (docs/design: ui.md): plan =
//! blue, actual = sky blue, craving = reddish purple, sleep = yellow (with a darker edge, since
//! yellow alone is hard to see on white), bands none / mild / moderate / severe = grey, bluish
//! green, orange, vermillion. The heatmap uses a sequential yellow-orange-red ramp that stays
//! ordered for every common colour-vision deficiency (ColorBrewer YlOrRd).

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::font::{FontChain, FONT_FAMILY};
use crate::Error;

/// Light or dark chart colours. The app picks the one matching its own theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartTheme {
    #[default]
    Light,
    Dark,
}

/// Every colour a chart uses, for one theme. Text colours keep a contrast of at least 4.5:1
/// with `background`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// The plan's step line.
    pub plan: RGBColor,
    /// Bars of grams taken.
    pub actual: RGBColor,
    /// The symptom total line and markers: vermillion (Okabe-Ito), drawn over a halo of the
    /// background so it reads over the bars.
    pub symptom: RGBColor,
    /// Days with nothing logged (drawn faintly).
    pub gap: RGBColor,
    /// Bands none, mild, moderate, severe.
    pub bands: [RGBColor; 4],
    /// Opacity of the band shading.
    pub band_alpha: f64,
    pub craving: RGBColor,
    pub sleep: RGBColor,
    /// Outline of the sleep bars, so yellow reads on a light background.
    pub sleep_edge: RGBColor,
    /// Heatmap cells for scores 0 (none) to 4 (extreme).
    pub heat: [RGBColor; 5],
    /// Marks in a heatmap cell with no check-in.
    pub heat_missing: RGBColor,
}

const LIGHT: Palette = Palette {
    background: RGBColor(0xFF, 0xFF, 0xFF),
    text: RGBColor(0x33, 0x33, 0x33),
    muted: RGBColor(0x5F, 0x5F, 0x5F),
    grid: RGBColor(0xE6, 0xE6, 0xE6),
    axis: RGBColor(0x76, 0x76, 0x76),
    plan: RGBColor(0x00, 0x72, 0xB2),
    actual: RGBColor(0x56, 0xB4, 0xE9),
    symptom: RGBColor(0xD5, 0x5E, 0x00),
    gap: RGBColor(0x88, 0x88, 0x88),
    bands: [
        RGBColor(0x99, 0x99, 0x99),
        RGBColor(0x00, 0x9E, 0x73),
        RGBColor(0xE6, 0x9F, 0x00),
        RGBColor(0xD5, 0x5E, 0x00),
    ],
    band_alpha: 0.09,
    craving: RGBColor(0xCC, 0x79, 0xA7),
    sleep: RGBColor(0xF0, 0xE4, 0x42),
    sleep_edge: RGBColor(0x8C, 0x80, 0x00),
    heat: [
        RGBColor(0xE4, 0xE4, 0xE4),
        RGBColor(0xFE, 0xD9, 0x76),
        RGBColor(0xFD, 0x8D, 0x3C),
        RGBColor(0xE3, 0x1A, 0x1C),
        RGBColor(0x80, 0x00, 0x26),
    ],
    heat_missing: RGBColor(0xC8, 0xC8, 0xC8),
};

const DARK: Palette = Palette {
    background: RGBColor(0x1D, 0x22, 0x27),
    text: RGBColor(0xE8, 0xE8, 0xE8),
    muted: RGBColor(0xAD, 0xAD, 0xAD),
    grid: RGBColor(0x36, 0x38, 0x3C),
    axis: RGBColor(0x8A, 0x8A, 0x8A),
    plan: RGBColor(0x9C, 0xD3, 0xF5),
    actual: RGBColor(0x2F, 0x86, 0xBE),
    symptom: RGBColor(0xFF, 0x8C, 0x42),
    gap: RGBColor(0x9A, 0x9A, 0x9A),
    bands: [
        RGBColor(0x99, 0x99, 0x99),
        RGBColor(0x00, 0x9E, 0x73),
        RGBColor(0xE6, 0x9F, 0x00),
        RGBColor(0xD5, 0x5E, 0x00),
    ],
    band_alpha: 0.12,
    craving: RGBColor(0xE0, 0x8F, 0xBD),
    sleep: RGBColor(0xF0, 0xE4, 0x42),
    sleep_edge: RGBColor(0xF0, 0xE4, 0x42),
    heat: [
        RGBColor(0x45, 0x47, 0x4C),
        RGBColor(0xFE, 0xD9, 0x76),
        RGBColor(0xFD, 0x8D, 0x3C),
        RGBColor(0xE3, 0x1A, 0x1C),
        RGBColor(0xA5, 0x0F, 0x3C),
    ],
    heat_missing: RGBColor(0x4A, 0x4C, 0x52),
};

impl ChartTheme {
    /// The colours of this theme.
    pub fn palette(self) -> &'static Palette {
        match self {
            ChartTheme::Light => &LIGHT,
            ChartTheme::Dark => &DARK,
        }
    }
}

/// Result of a drawing function on backend `DB`.
pub(crate) type DrawResult<DB> =
    std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("chart", message)
}

/// Longest range a chart accepts, in days (about ten years).
pub(crate) const MAX_DAYS: i64 = 3660;

/// Ranges longer than this many days are shown by ISO week (Monday to Sunday).
pub(crate) const WEEKLY_AFTER_DAYS: i64 = 92;

/// Checks `from..=to` is in order and at most about ten years long.
pub(crate) fn check_range(from: NaiveDate, to: NaiveDate) -> crate::Result<i64> {
    if from > to {
        return Err(invalid("The start of the range is after its end."));
    }
    let span = (to - from).num_days();
    if span >= MAX_DAYS {
        return Err(invalid(
            "The chart can show at most about ten years at once.",
        ));
    }
    Ok(span)
}

/// The Monday starting the ISO week of `day` (`day` itself in the first week the date type
/// can hold, which has no Monday before it).
pub(crate) fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(chrono::Days::new(u64::from(
        day.weekday().num_days_from_monday(),
    )))
    .unwrap_or(day)
}

/// A date label: "24 Nov", or "24 Nov 2026" when the chart spans more than about a year.
pub(crate) fn date_label(day: NaiveDate, long: bool) -> String {
    if long {
        day.format("%-d %b %Y").to_string()
    } else {
        day.format("%-d %b").to_string()
    }
}

/// A "nice" step (1, 2 or 5 times a power of ten) at or above `raw`.
pub(crate) fn nice_step(raw: f64) -> f64 {
    let exp = 10f64.powf(raw.log10().floor());
    let f = raw / exp;
    let m = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| *m >= f - 1e-9)
        .unwrap_or(10.0);
    m * exp
}

/// Axis top and step for a maximum value: at least 1, steps of at least 0.5.
pub(crate) fn nice_axis(max: f64) -> (f64, f64) {
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

/// Smallest chart text in pixels at 1x: the interface's caption size.
pub(crate) const MIN_TEXT_PX: f64 = 14.0;

/// Grams steps a two-axis chart may use: 1, 1.5, 2, 2.5, 3, 4 and 5 times a power of ten.
const GRAM_STEPS: [f64; 7] = [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0];

/// A grams axis and a symptom-total axis that share their gridlines.
///
/// `max` is the highest grams value to show (headroom included), `score_max` the scale's highest
/// total in points. The grams axis gets `n` equal divisions, `n` one of 4, 5, 6 or 8 that
/// divides `score_max` evenly (4 when none does), with a round step in grams; the score axis is
/// ticked at `score_max * k / n` for `k = 0..=n`, so every score tick sits on a grams gridline.
/// Returns `(grams top, grams step, score ticks)`; the grams top is at least 1 g.
pub(crate) fn aligned_axes(max: f64, score_max: i32) -> (f64, f64, Vec<f64>) {
    let max = if max.is_finite() && max > 1.0 {
        max
    } else {
        1.0
    };
    let divisors: Vec<u32> = [4u32, 5, 6, 8]
        .into_iter()
        .filter(|n| score_max > 0 && score_max % (*n as i32) == 0)
        .collect();
    let divisors = if divisors.is_empty() {
        vec![4]
    } else {
        divisors
    };
    let mut best: Option<(f64, f64, u32)> = None;
    for n in divisors {
        let raw = max / f64::from(n);
        let exp = 10f64.powf(raw.log10().floor());
        let step = GRAM_STEPS
            .iter()
            .map(|m| m * exp)
            .chain(std::iter::once(10.0 * exp))
            .find(|s| *s >= raw - 1e-9)
            .unwrap_or(10.0 * exp)
            .max(0.25);
        let top = step * f64::from(n);
        if best.is_none_or(|(t, _, _)| top < t - 1e-9) {
            best = Some((top, step, n));
        }
    }
    let (top, step, n) = best.unwrap_or((max, max / 4.0, 4));
    let ticks = (0..=n)
        .map(|k| f64::from(score_max) * f64::from(k) / f64::from(n))
        .collect();
    (top, step, ticks)
}

/// `a` laid over `b` at opacity `t`, as a solid colour.
pub(crate) fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let m = |x: u8, y: u8| (f64::from(x) * t + f64::from(y) * (1.0 - t)).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

pub(crate) fn format_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// plotters' SVG backend writes text at size / 1.24; this undoes that, so `px` is the
/// rendered size in pixels.
const SVG_TEXT_SCALE: f64 = 1.24;

pub(crate) fn font(px: f64, colour: RGBColor) -> TextStyle<'static> {
    (FONT_FAMILY, px * SVG_TEXT_SCALE)
        .into_font()
        .color(&colour)
}

pub(crate) fn bold(px: f64, colour: RGBColor) -> TextStyle<'static> {
    (FONT_FAMILY, px * SVG_TEXT_SCALE, FontStyle::Bold)
        .into_font()
        .color(&colour)
}

/// Width of `text` in pixels as drawn in SVG: measured by plotters with the embedded DejaVu
/// Sans, plus the width of any character DejaVu Sans has no glyph for as its fallback face
/// prints it (a Chinese symptom name is one em a character, not plotters' box).
pub(crate) fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> std::result::Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    // plotters measures with ab_glyph, taking the size as the font's full height (ascender
    // plus descender: 2384 / 2048 em for DejaVu Sans) at the size given to it, which the SVG
    // backend then writes 1.24 times smaller. Undo both.
    const MEASURE_SCALE: f64 = SVG_TEXT_SCALE * 2048.0 / 2384.0;
    let bold = matches!(style.font.get_style(), FontStyle::Bold);
    let px = style.font.get_size() / SVG_TEXT_SCALE;
    let (own, extra_px) = match FontChain::get() {
        Ok(chain) if text.chars().any(|c| !chain.in_primary(c, bold)) => {
            let (own, other): (String, String) =
                text.chars().partition(|c| chain.in_primary(*c, bold));
            (
                std::borrow::Cow::Owned(own),
                f64::from(chain.width_em(&other, bold)) * px,
            )
        }
        _ => (std::borrow::Cow::Borrowed(text), 0.0),
    };
    let w = if own.is_empty() {
        0
    } else {
        area.estimate_text_size(&own, style)?.0
    };
    Ok((f64::from(w) / MEASURE_SCALE + extra_px).ceil() as u32)
}

/// The widest of `labels` in pixels. Measures only the few widest by the font chain's advances,
/// so thousands of labels cost a handful of measurements.
pub(crate) fn widest<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: impl Iterator<Item = &'a str>,
    style: &TextStyle,
) -> std::result::Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    let bold = matches!(style.font.get_style(), FontStyle::Bold);
    let chain = FontChain::get().ok();
    let em = |l: &str| chain.map_or(l.chars().count() as f32, |c| c.width_em(l, bold));
    // The four widest by advances (within 2 %: plotters' kerning may order them differently).
    let mut ranked: Vec<(f32, &str)> = labels.map(|l| (em(l), l)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.dedup_by(|a, b| a.1 == b.1);
    let top = ranked.first().map_or(0.0, |r| r.0);
    let mut w = 0;
    for (_, l) in ranked.iter().take_while(|r| r.0 >= top * 0.98).take(4) {
        w = w.max(text_width(area, l, style)?);
    }
    Ok(w)
}

/// Cuts `text` with "…" so it fits in `max_px`.
pub(crate) fn truncate_to<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_px: u32,
) -> std::result::Result<String, DrawingAreaErrorKind<DB::ErrorType>> {
    if text_width(area, text, style)? <= max_px {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut n = chars.len();
    while n > 1 {
        n -= 1;
        let candidate: String = chars[..n].iter().collect::<String>().trim_end().to_owned() + "…";
        if text_width(area, &candidate, style)? <= max_px {
            return Ok(candidate);
        }
    }
    Ok("…".to_owned())
}

/// Label every k-th slot so labels `label_px` wide never touch. `steps` are the allowed k.
pub(crate) fn label_every(per_slot_px: f64, label_px: f64, n: usize, steps: &[usize]) -> usize {
    let need = (label_px / per_slot_px.max(0.01)).ceil() as usize;
    steps
        .iter()
        .copied()
        .find(|k| *k >= need)
        .unwrap_or(n.max(1))
}

/// Steps for day labels (1 day … 2 years).
pub(crate) const DAY_STEPS: [usize; 11] = [1, 2, 3, 7, 14, 28, 56, 91, 182, 364, 728];

/// Steps for week labels (1 week … 2 years).
pub(crate) const WEEK_STEPS: [usize; 9] = [1, 2, 4, 8, 13, 26, 52, 104, 208];

/// Fills the whole area with the theme's background. Every chart starts with this, so a dark
/// chart stays dark even where the PNG was filled white first.
/// The left axis' gridlines, ticks and labels drawn by hand at every `step` from 0 to `max`
/// (0 without a gridline: the axis is there), from `left_x` to `right_x`, so a right-hand axis
/// can put its ticks at the same heights. `y_px` gives a value's pixel row, relative to `area`.
pub(crate) fn draw_left_gridlines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (step, max): (f64, f64),
    y_px: impl Fn(f64) -> i32,
    (left_x, right_x): (i32, i32),
    palette: &Palette,
) -> DrawResult<DB> {
    let style = font(MIN_TEXT_PX, palette.text).pos(Pos::new(HPos::Right, VPos::Center));
    let divisions = (max / step).round() as usize;
    for k in 0..=divisions {
        let v = step * k as f64;
        let py = y_px(v);
        if k > 0 {
            area.draw(&PathElement::new(
                vec![(left_x, py), (right_x, py)],
                palette.grid,
            ))?;
        }
        area.draw(&PathElement::new(
            vec![(left_x - 5, py), (left_x, py)],
            palette.axis,
        ))?;
        area.draw(&Text::new(
            format_number(v),
            (left_x - 8, py),
            style.clone(),
        ))?;
    }
    Ok(())
}

pub(crate) fn paint_background<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    palette: &Palette,
) -> DrawResult<DB> {
    root.fill(&palette.background)
}

/// A centred, friendly message instead of an empty chart.
pub(crate) fn draw_message<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    message: &str,
    palette: &Palette,
) -> DrawResult<DB> {
    let (width, height) = root.dim_in_pixel();
    let style = font(18.0, palette.muted).pos(Pos::new(HPos::Center, VPos::Center));
    // Two lines when one does not fit.
    let fits = text_width(root, message, &style)? + 32 <= width;
    let lines: Vec<&str> = if fits {
        vec![message]
    } else {
        message
            .split_once(". ")
            .map_or(vec![message], |(a, b)| vec![a, b])
    };
    let line_h = 26;
    let top = height as i32 / 2 - (lines.len() as i32 - 1) * line_h / 2;
    for (i, line) in lines.iter().enumerate() {
        let text = if lines.len() > 1 && i == 0 {
            format!("{line}.")
        } else {
            (*line).to_owned()
        };
        root.draw(&Text::new(
            text,
            (width as i32 / 2, top + i as i32 * line_h),
            style.clone(),
        ))?;
    }
    Ok(())
}

/// Legend entries drawn left to right on one row.
pub(crate) enum Key {
    /// A filled box, with an optional outline.
    Swatch(RGBColor, Option<RGBColor>),
    /// A line, with an optional round marker.
    Line(RGBColor, u32, bool),
    /// An outlined empty box with one diagonal stroke: "no check-in".
    Empty(RGBColor),
}

/// Draws a legend row: `(key, words)` pairs starting at `x`, centred on `y`.
pub(crate) fn draw_legend_row<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(Key, &str)],
    mut x: i32,
    y: i32,
    palette: &Palette,
) -> DrawResult<DB> {
    let style = font(14.0, palette.text).pos(Pos::new(HPos::Left, VPos::Center));
    for (key, text) in entries {
        match *key {
            Key::Swatch(fill, edge) => {
                area.draw(&Rectangle::new(
                    [(x, y - 6), (x + 14, y + 6)],
                    fill.filled(),
                ))?;
                if let Some(edge) = edge {
                    area.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], edge))?;
                }
            }
            Key::Line(colour, width, marker) => {
                area.draw(&PathElement::new(
                    vec![(x, y), (x + 16, y)],
                    colour.stroke_width(width),
                ))?;
                if marker {
                    area.draw(&Circle::new((x + 8, y), 4, colour.filled()))?;
                }
            }
            Key::Empty(colour) => {
                area.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour))?;
                area.draw(&PathElement::new(vec![(x, y + 6), (x + 14, y - 6)], colour))?;
            }
        }
        area.draw(&Text::new(*text, (x + 22, y), style.clone()))?;
        x += 22 + text_width(area, text, &style)? as i32 + 22;
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
    fn both_axes_share_their_gridlines() {
        for score_max in [64, 48, 56, 40, 60, 4, 100] {
            for max in [0.5, 1.2, 4.64, 7.02, 8.64, 13.0, 37.0] {
                let (top, step, ticks) = aligned_axes(max, score_max);
                assert!(top >= max - 1e-9, "{max} {score_max}: top {top}");
                let divisions = top / step;
                assert!((divisions - divisions.round()).abs() < 1e-9);
                assert_eq!(ticks.len() as f64, divisions.round() + 1.0);
                assert_eq!(ticks.first(), Some(&0.0));
                assert_eq!(ticks.last(), Some(&f64::from(score_max)));
                for v in &ticks {
                    // Where the score tick meets the grams axis, in steps: a whole number.
                    let at = v / f64::from(score_max) * top / step;
                    assert!((at - at.round()).abs() < 1e-9, "{max} {score_max}: {v}");
                    if score_max % 4 == 0 {
                        assert_eq!(v.fract(), 0.0, "whole points: {v}");
                    }
                }
            }
        }
        // A small diary keeps a tight grams axis: 4.3 g with headroom fits under 6 g.
        assert_eq!(aligned_axes(4.64, 56).0, 6.0);
        assert_eq!(
            aligned_axes(4.64, 64),
            (6.0, 1.5, vec![0.0, 16.0, 32.0, 48.0, 64.0])
        );
    }

    #[test]
    fn labels_thin_to_fit() {
        assert_eq!(label_every(80.0, 60.0, 10, &DAY_STEPS), 1);
        assert_eq!(label_every(40.0, 60.0, 14, &DAY_STEPS), 2);
        assert_eq!(label_every(10.0, 60.0, 60, &DAY_STEPS), 7);
        assert_eq!(label_every(0.4, 80.0, 1826, &DAY_STEPS), 364);
    }

    #[test]
    fn weeks_start_on_monday() {
        let wed = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");
        let mon = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert_eq!(monday_of(wed), mon);
        assert_eq!(monday_of(mon), mon);
    }

    #[test]
    fn dark_text_has_contrast() {
        fn lum(c: RGBColor) -> f64 {
            let f = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
        }
        for theme in [ChartTheme::Light, ChartTheme::Dark] {
            let p = theme.palette();
            for c in [p.text, p.muted] {
                let (a, b) = (lum(c), lum(p.background));
                let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(ratio >= 4.5, "{theme:?} {c:?} {ratio}");
            }
        }
    }
}
