//! The report's pages as SVG documents in points, text set in the embedded DejaVu Sans and its
//! fallback faces, each run of one face its own SVG `text` placed by its width as rustybuzz
//! shapes it (what usvg draws); the charts nested as vector SVG.
//!
//! Nothing runs off a page: paragraphs, facts and notes wrap at spaces, between CJK characters
//! and, for a word wider than the line (a URL), between grapheme clusters, and break onto a new
//! page line by line; the day table's columns are as wide as their content; a name too
//! long for the title line gets lines of its own.
//!
//! Page 1 is the summary (and the preview in the app); the symptom heatmap and the day-by-day
//! table follow. Content flows onto a new page when a page is full; every page has a footer
//! with the disclaimer and "Page N of M".

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::data::{
    ReportData, ReportDay, ScoreSummary, ScoredTotal, HEATMAP_WIDTH, TAPER_HEIGHT, TAPER_WIDTH,
};
use super::Result;
use crate::chart::{balance_isolates, isolate, without_skin_tones, FontChain, FONT_FAMILY};
use crate::dose::grams_text;
use crate::error::Error;

/// Printed on every page.
pub const DISCLAIMER: &str = "Patient-reported data, not a diagnosis";

const MARGIN_X: f32 = 42.0;
const MARGIN_TOP: f32 = 42.0;
/// Space kept free at the bottom for the footer.
const MARGIN_BOTTOM: f32 = 46.0;

const TEXT: &str = "#333333";
const MUTED: &str = "#5F5F5F";
const RULE: &str = "#D0D0D0";
const SHADE: &str = "#F3F5F7";
const PRIMARY: &str = "#0072B2";
const OVER: &str = "#B04A00";

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const SECTION: f32 = 12.5;
const TITLE: f32 = 20.0;

/// The embedded fonts, measured in the order they print (see [`FontChain`]).
type Faces = FontChain;

fn faces() -> Result<&'static Faces> {
    FontChain::get().map_err(Error::report_render)
}

/// Width of `text` at `size` points, from the advances of the faces that print it.
fn text_width(faces: &Faces, text: &str, size: f32, bold: bool) -> f32 {
    faces.width_em(text, bold) * size
}

/// Han ideographs, kana, Hangul and CJK symbols: text in these scripts may break between any
/// two characters, as it has no spaces between words.
fn breaks_anywhere(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x11FF
            | 0x2E80..=0x2FDF
            | 0x3000..=0x303F
            | 0x3040..=0x30FF
            | 0x3100..=0x31FF
            | 0x3200..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF
    )
}

/// Punctuation that must not begin a line (closing brackets, full stops, small kana).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '〙'
            | '〛'
            | 'ー'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | ','
            | '.'
            | ')'
            | '!'
            | '?'
            | ':'
            | ';'
    )
}

/// Splits a word (no spaces) where a line may break inside it: around CJK characters.
fn pieces(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev {
            if (breaks_anywhere(p) || breaks_anywhere(c)) && !no_line_start(c) && i > start {
                out.extend(word.get(start..i));
                start = i;
            }
        }
        prev = Some(c);
    }
    out.extend(word.get(start..));
    out
}

/// Breaks `text` into lines no wider than `width` points at `size`: at spaces, between CJK
/// characters, at line breaks in the text (a blank line is kept), and inside a word (between
/// grapheme clusters) that is wider than a line by itself. Never returns an empty list.
fn wrap(faces: &Faces, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;

    let space = text_width(faces, " ", size, bold);
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut line_w = 0.0_f32;
        for word in paragraph.split_whitespace() {
            for (k, piece) in pieces(word).into_iter().enumerate() {
                let gap = if k == 0 && !line.is_empty() {
                    space
                } else {
                    0.0
                };
                let piece_w = text_width(faces, piece, size, bold);
                if line_w + gap + piece_w <= width {
                    if gap > 0.0 {
                        line.push(' ');
                    }
                    line.push_str(piece);
                    line_w += gap + piece_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if piece_w <= width {
                    line.push_str(piece);
                    line_w = piece_w;
                    continue;
                }
                // Wider than a line by itself: break between grapheme clusters.
                for g in piece.graphemes(true) {
                    let g_w = text_width(faces, g, size, bold);
                    if line_w + g_w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push_str(g);
                    line_w += g_w;
                }
            }
        }
        lines.push(line);
    }
    // Drop blank lines at the end (a note ending in a line break), keep one line at least.
    while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    balance_isolates(lines)
}

/// `text` as it fits in `width` points on one line: whole when it fits, else cut between
/// grapheme clusters and ended with "…". For table cells and headings that have one line.
fn fit(faces: &Faces, text: &str, size: f32, bold: bool, width: f32) -> String {
    use unicode_segmentation::UnicodeSegmentation;

    if text_width(faces, text, size, bold) <= width {
        return text.to_owned();
    }
    let room = width - text_width(faces, "…", size, bold);
    let mut out = String::new();
    let mut w = 0.0;
    for g in text.graphemes(true) {
        let g_w = text_width(faces, g, size, bold);
        if w + g_w > room {
            break;
        }
        out.push_str(g);
        w += g_w;
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as SVG `text` elements at (`x`, `baseline`), one per run in the face that prints it
/// in visual order ([`FontChain::visual_runs`]), each placed after the widths of the runs before
/// it as rustybuzz shapes them, the way usvg will. `attrs` go on every element (size, colour).
/// A line in one face is one element, anchored as asked.
#[allow(clippy::too_many_arguments)]
fn text_runs(
    faces: &Faces,
    x: f32,
    baseline: f32,
    text: &str,
    size: f32,
    bold: bool,
    anchor: Anchor,
    attrs: &str,
) -> String {
    let text = without_skin_tones(text);
    let runs = faces.visual_runs(&text, bold);
    // Each element names its face: the family unless DejaVu Sans, bold only for DejaVu Sans
    // Bold (the fallback faces have one weight).
    let family_of = |face: usize| {
        let (family, face_bold) = FontChain::family(face);
        let mut a = String::new();
        if family != FONT_FAMILY {
            let _ = write!(a, " font-family=\"{family}\"");
        }
        if face_bold {
            a.push_str(" font-weight=\"bold\"");
        }
        a
    };
    if let [(face, run)] = runs.as_slice() {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::End => " text-anchor=\"end\"",
        };
        return format!(
            "<text x=\"{x:.1}\" y=\"{baseline:.1}\"{attrs}{}{anchor}>{}</text>\n",
            family_of(*face),
            esc(run)
        );
    }
    let widths: Vec<f32> = runs
        .iter()
        .map(|(face, run)| faces.shaped_em(*face, run) * size)
        .collect();
    let mut at = match anchor {
        Anchor::Start => x,
        Anchor::End => x - widths.iter().sum::<f32>(),
    };
    let mut out = String::new();
    for ((face, run), w) in runs.iter().zip(widths) {
        let _ = writeln!(
            out,
            "<text x=\"{at:.2}\" y=\"{baseline:.1}\" xml:space=\"preserve\"{attrs}{}>{}</text>",
            family_of(*face),
            esc(run)
        );
        at += w;
    }
    out
}

#[derive(Clone, Copy)]
enum Anchor {
    Start,
    End,
}

/// Pages being filled, top to bottom.
struct Flow<'f> {
    faces: &'f Faces,
    width: f32,
    height: f32,
    pages: Vec<String>,
    y: f32,
}

impl<'f> Flow<'f> {
    fn new(faces: &'f Faces, width: f32, height: f32) -> Self {
        Flow {
            faces,
            width,
            height,
            pages: vec![String::new()],
            y: MARGIN_TOP,
        }
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN_X
    }

    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM
    }

    fn page(&mut self) -> &mut String {
        if self.pages.is_empty() {
            self.pages.push(String::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(String::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn text_at(
        &mut self,
        x: f32,
        baseline: f32,
        text: &str,
        size: f32,
        bold: bool,
        color: &str,
        anchor: Anchor,
    ) {
        let attrs = format!(" font-size=\"{size}\" fill=\"{color}\"");
        let line = text_runs(self.faces, x, baseline, text, size, bold, anchor, &attrs);
        self.page().push_str(&line);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        let r = format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"{fill}\"/>\n"
        );
        self.page().push_str(&r);
    }

    fn rule(&mut self, y: f32) {
        let x2 = self.width - MARGIN_X;
        let l = format!(
            "<line x1=\"{MARGIN_X}\" y1=\"{y:.1}\" x2=\"{x2:.1}\" y2=\"{y:.1}\" stroke=\"{RULE}\" stroke-width=\"0.75\"/>\n"
        );
        self.page().push_str(&l);
    }

    /// Starts a new page when one more line `lead` high does not fit on this one.
    fn line_break(&mut self, lead: f32) {
        if self.y + lead > self.bottom() && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    /// A wrapped paragraph at `x`, `width` wide, breaking onto new pages line by line (the
    /// first two lines kept together).
    fn paragraph(&mut self, x: f32, width: f32, text: &str, size: f32, color: &str) {
        let lead = size * 1.35;
        let lines = wrap(self.faces, text, size, false, width);
        self.need(lead * lines.len().min(2) as f32);
        for l in &lines {
            self.line_break(lead);
            let base = self.y + size;
            self.text_at(x, base, l, size, false, color, Anchor::Start);
            self.y += lead;
        }
    }

    fn section(&mut self, title: &str, keep_with: f32) {
        self.need(SECTION * 2.2 + keep_with);
        self.y += SECTION * 0.9;
        let base = self.y + SECTION;
        self.text_at(MARGIN_X, base, title, SECTION, true, TEXT, Anchor::Start);
        self.y += SECTION * 1.6;
    }

    /// A label and a wrapped value beside it.
    fn fact(&mut self, label: &str, value: &str) {
        self.labelled(label, value, 104.0, BODY * 1.4, 3.0);
    }

    /// A label in a column `label_w` wide and a wrapped value beside it. A long value breaks
    /// onto new pages line by line; the label stays with its first two lines.
    fn labelled(&mut self, label: &str, value: &str, label_w: f32, lead: f32, gap: f32) {
        let lines = wrap(
            self.faces,
            value,
            BODY,
            false,
            self.content_width() - label_w,
        );
        let label = fit(self.faces, label, BODY, true, label_w - 6.0);
        self.need(lead * lines.len().min(2) as f32 + gap);
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                self.line_break(lead);
            }
            let base = self.y + BODY;
            if i == 0 {
                self.text_at(MARGIN_X, base, &label, BODY, true, MUTED, Anchor::Start);
            }
            self.text_at(
                MARGIN_X + label_w,
                base,
                l,
                BODY,
                false,
                TEXT,
                Anchor::Start,
            );
            self.y += lead;
        }
        self.y += gap;
    }

    /// A chart's SVG nested at the text width, keeping its proportions.
    fn chart(&mut self, svg: &str, px_w: u32, px_h: u32) -> Result<()> {
        let w = self.content_width();
        let h = w * px_h as f32 / px_w as f32;
        self.need(h);
        let nested = nest_svg(svg, MARGIN_X, self.y, w, h)?;
        self.page().push_str(&nested);
        self.y += h;
        Ok(())
    }
}

/// Rewrites a chart's root `<svg ...>` tag so it sits at (x, y), `w` x `h` points.
fn nest_svg(svg: &str, x: f32, y: f32, w: f32, h: f32) -> Result<String> {
    let bad = || Error::report_render("a chart's SVG is not as expected".to_owned());
    let start = svg.find("<svg").ok_or_else(bad)?;
    let tag_end = start + svg.get(start..).and_then(|s| s.find('>')).ok_or_else(bad)?;
    let tag = svg.get(start..tag_end).ok_or_else(bad)?;
    let attr = |name: &str| -> Option<f32> {
        let key = format!(" {name}=\"");
        let i = tag.find(&key)? + key.len();
        let rest = tag.get(i..)?;
        rest.get(..rest.find('"')?)?.parse().ok()
    };
    let (vw, vh) = match (attr("width"), attr("height")) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(bad()),
    };
    let body = svg.get(tag_end + 1..).ok_or_else(bad)?;
    Ok(format!(
        "<svg x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" viewBox=\"0 0 {vw} {vh}\">{body}\n"
    ))
}

/// The one way the report writes a day: "Sun 29 Nov 2026" (day and month in the order of the
/// system's locale, as the app writes them: `datefmt`). Every date in the report (heading,
/// summary, day table, notes, footer) goes through here.
pub fn day_label(d: NaiveDate) -> String {
    crate::datefmt::DateStyle::from_env().dated_day(d)
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn span_text(from: NaiveDate, to: NaiveDate) -> String {
    let n = u32::try_from((to - from).num_days() + 1).unwrap_or(u32::MAX);
    if from == to {
        format!("{} (1 day)", day_label(from))
    } else {
        format!(
            "{} to {} ({})",
            day_label(from),
            day_label(to),
            plural(n, "day", "days")
        )
    }
}

fn hours(h: f64) -> String {
    format!("{} h", grams_text(h))
}

fn list_days(days: &[NaiveDate]) -> String {
    let shown: Vec<String> = days.iter().take(4).map(|d| day_label(*d)).collect();
    let more = days.len().saturating_sub(4);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// "8 points · 3 rated" or "16 / 64 · moderate": one check-in's total as
/// [`crate::figure::total_text`] writes it everywhere.
fn total_text(s: &ScoreSummary, t: &ScoredTotal) -> String {
    let inst = crate::instrument::ALL
        .iter()
        .find(|i| i.short_name == s.short_name)
        .copied()
        .unwrap_or(&crate::instrument::KRATOM);
    crate::figure::total_text(inst, t.total, t.rated as usize)
}

/// Page 1's summary: one row per measure, `(label, value)`, short values a clinician reads
/// at a glance (no run-on sentences, no instructions).
fn summary_rows(data: &ReportData) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let logged: Vec<&ReportDay> = data.days.iter().filter(|d| d.doses > 0).collect();
    let n_days = count(data.days.len());
    let n_logged = count(logged.len());
    let with_entry = count(data.days.iter().filter(|d| d.logged).count());
    rows.push((
        "Days covered".into(),
        format!(
            "{}; entries on {}, doses on {}",
            plural(n_days, "day", "days"),
            with_entry,
            n_logged
        ),
    ));

    match &data.plan {
        Some(p) => {
            rows.push((
                "Plan".into(),
                format!(
                    "{} · {} to {}",
                    p.description,
                    day_label(p.first),
                    day_label(p.last)
                ),
            ));
            let followed = if p.days_with_target_and_log == 0 {
                "No logged days with a target yet".to_owned()
            } else {
                let mut s = format!(
                    "On or under target on {} of {}",
                    p.days_on_or_under,
                    plural(p.days_with_target_and_log, "day", "days")
                );
                if !p.days_over.is_empty() {
                    let _ = write!(s, "; took more than planned on {}", list_days(&p.days_over));
                }
                s
            };
            rows.push(("Followed".into(), followed));
        }
        None => rows.push(("Plan".into(), "No plan covers these days".into())),
    }

    if logged.is_empty() {
        rows.push(("Grams per day".into(), "No doses logged".into()));
    } else {
        let total_g: f64 = logged.iter().map(|d| d.grams).sum();
        let least = logged.iter().map(|d| d.grams).fold(f64::INFINITY, f64::min);
        let most = logged.iter().map(|d| d.grams).fold(0.0, f64::max);
        let mut s = format!(
            "{} g average ({} to {} g); {} g in all",
            grams_text(total_g / f64::from(n_logged.max(1))),
            grams_text(least),
            grams_text(most),
            grams_text(total_g)
        );
        if let Some(last) = logged.last() {
            let _ = write!(
                s,
                "; latest {} g, {}",
                grams_text(last.grams),
                day_label(last.day)
            );
            if let Some(p) = last.planned {
                let _ = write!(s, " (plan {} g)", grams_text(p));
            }
        }
        rows.push(("Grams per day".into(), s));
        let doses: u32 = logged.iter().map(|d| d.doses).sum();
        let fewest = logged.iter().map(|d| d.doses).min().unwrap_or(0);
        let most = logged.iter().map(|d| d.doses).max().unwrap_or(0);
        let mut s = if fewest == most {
            format!("{} a day", plural(fewest, "dose", "doses"))
        } else {
            format!(
                "{} average ({fewest} to {most})",
                grams_text(f64::from(doses) / f64::from(n_logged.max(1)))
            )
        };
        let firsts: Vec<&str> = logged
            .iter()
            .filter_map(|d| d.first_dose.as_deref())
            .collect();
        let lasts: Vec<&str> = logged
            .iter()
            .filter_map(|d| d.last_dose.as_deref())
            .collect();
        if let (Some(f0), Some(f1), Some(l0), Some(l1)) = (
            firsts.iter().min(),
            firsts.iter().max(),
            lasts.iter().min(),
            lasts.iter().max(),
        ) {
            let range = |a: &str, b: &str| {
                if a == b {
                    a.to_owned()
                } else {
                    format!("{a}-{b}")
                }
            };
            let _ = write!(s, "; first dose {}, last {}", range(f0, f1), range(l0, l1));
        }
        rows.push(("Doses per day".into(), s));
    }

    if data.scores.is_empty() {
        rows.push(("Symptom total".into(), "No check-ins in these days".into()));
    }
    for s in &data.scores {
        let scored = s.short_name != crate::instrument::KRATOM.short_name;
        let label = if scored {
            format!("{} symptom total", s.short_name)
        } else {
            "Checklist symptom total".to_owned()
        };
        let mut text = format!(
            "Peak {}, {} {}; latest {}, {} {}; {}",
            total_text(s, &s.peak),
            day_label(s.peak.day),
            s.peak.time,
            total_text(s, &s.latest),
            day_label(s.latest.day),
            s.latest.time,
            plural(s.checkins, "check-in", "check-ins")
        );
        if s.incomplete > 0 {
            let _ = write!(text, ", {} incomplete (a lower bound)", s.incomplete);
        }
        if !scored {
            text.push_str("; a checklist, not a scored scale: no bands");
        }
        rows.push((label, text));
    }

    let cravings: Vec<i32> = data.days.iter().filter_map(|d| d.craving).collect();
    if cravings.is_empty() {
        rows.push(("Craving (0-10)".into(), "Not recorded".into()));
    } else {
        let avg = f64::from(cravings.iter().sum::<i32>()) / cravings.len() as f64;
        let mut s = format!(
            "Highest {}, average {} (the day's highest, {})",
            cravings.iter().max().unwrap_or(&0),
            grams_text(avg),
            plural(count(cravings.len()), "day", "days")
        );
        if let Some(l) = &data.latest_craving {
            let _ = write!(s, "; latest {}, {} {}", l.craving, day_label(l.day), l.time);
        }
        rows.push(("Craving (0-10)".into(), s));
    }
    let sleeps: Vec<f64> = data.days.iter().filter_map(|d| d.sleep_hours).collect();
    if sleeps.is_empty() {
        rows.push(("Sleep".into(), "Not recorded".into()));
    } else {
        let avg = sleeps.iter().sum::<f64>() / sleeps.len() as f64;
        let least = sleeps.iter().copied().fold(f64::INFINITY, f64::min);
        rows.push((
            "Sleep".into(),
            format!(
                "{} a night on average, least {} ({})",
                hours(avg),
                hours(least),
                plural(count(sleeps.len()), "night", "nights")
            ),
        ));
    }

    let meds = if data.medicines.is_empty() {
        "None logged".to_owned()
    } else {
        data.medicines
            .iter()
            .map(|m| {
                let times = plural(m.count, "time", "times");
                match (m.total, &m.unit) {
                    (Some(t), Some(u)) if t > 0.0 => format!(
                        "{} ({times}, {} {} in all)",
                        isolate(&m.name),
                        grams_text(t),
                        isolate(u)
                    ),
                    _ => format!("{} ({times})", isolate(&m.name)),
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    rows.push(("Other medicines".into(), meds));
    let step_back = if data.step_backs.is_empty() {
        "None".to_owned()
    } else {
        data.step_backs
            .iter()
            .map(|s| match s.repeat_days {
                Some(r) => format!(
                    "{} (previous amount kept for {})",
                    day_label(s.day),
                    plural(r, "day", "days")
                ),
                None => day_label(s.day),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    rows.push(("Step backs".into(), step_back));
    rows
}

/// Width of the summary table's label column, in points.
const SUMMARY_LABEL_W: f32 = 142.0;

/// The summary as a table: labels in a column, values wrapped beside them, rows shaded in
/// turn and ruled above and below.
fn summary_table(flow: &mut Flow<'_>, rows: &[(String, String)]) {
    let lead = BODY * 1.32;
    let pad = 3.0;
    let w = flow.content_width();
    flow.rule(flow.y);
    for (i, (label, value)) in rows.iter().enumerate() {
        let lines = wrap(
            flow.faces,
            value,
            BODY,
            false,
            w - SUMMARY_LABEL_W - 2.0 * CELL_PAD,
        );
        let h = lead * lines.len() as f32 + 2.0 * pad;
        flow.need(h);
        if i % 2 == 1 {
            flow.rect(MARGIN_X, flow.y, w, h, SHADE);
        }
        let label = fit(
            flow.faces,
            label,
            BODY,
            true,
            SUMMARY_LABEL_W - 2.0 * CELL_PAD,
        );
        let base = flow.y + pad + BODY;
        flow.text_at(
            MARGIN_X + CELL_PAD,
            base,
            &label,
            BODY,
            true,
            MUTED,
            Anchor::Start,
        );
        for (k, l) in lines.iter().enumerate() {
            flow.text_at(
                MARGIN_X + SUMMARY_LABEL_W,
                base + lead * k as f32,
                l,
                BODY,
                false,
                TEXT,
                Anchor::Start,
            );
        }
        flow.y += h;
    }
    flow.rule(flow.y);
    flow.y += 2.0;
}

/// Columns of the day table: title, right-aligned. Widths come from their content
/// ([`column_widths`]); the medicines column takes the room left.
const COLUMNS: [(&str, bool); 9] = [
    ("Date", false),
    ("Taken", true),
    ("Plan", true),
    ("Doses", true),
    ("Times", true),
    ("Symptoms", true),
    ("Craving", true),
    ("Sleep", true),
    ("Medicines", false),
];
/// Index of the symptom column, titled with the report's instrument.
const SYMPTOM_COLUMN: usize = 5;
/// Space between a cell's text and its column's edges, in points (each side).
const CELL_PAD: f32 = 3.0;
/// Size of the table's header and cells, in points.
const HEADER_SIZE: f32 = SMALL + 0.5;
const CELL_SIZE: f32 = BODY - 0.5;
/// The medicines column is at least this wide, in points.
const MEDICINES_MIN_W: f32 = 70.0;

fn column_title<'a>(data: &'a ReportData, k: usize, title: &'a str) -> &'a str {
    if k == SYMPTOM_COLUMN {
        data.symptom_label.as_str()
    } else {
        title
    }
}

/// Widths of the day table's columns in points: each as wide as its widest header or cell
/// (every cell but the medicines is a number, a date or a marker that must print whole), the
/// medicines column the room left (its cells are cut with "…" when longer). Only when the
/// content is wider than `width` are the columns narrowed in proportion.
fn column_widths(faces: &Faces, data: &ReportData, width: f32) -> [f32; COLUMNS.len()] {
    let last = COLUMNS.len() - 1;
    let mut need = [0.0_f32; COLUMNS.len()];
    for (k, (title, _)) in COLUMNS.iter().enumerate() {
        need[k] = text_width(faces, column_title(data, k, title), HEADER_SIZE, true);
    }
    for d in &data.days {
        for (k, cell) in table_cells(d, data.symptom_scored)
            .iter()
            .enumerate()
            .take(last)
        {
            let bold = k == 1 && d.over_plan;
            need[k] = need[k].max(text_width(faces, cell, CELL_SIZE, bold));
        }
    }
    for n in &mut need {
        *n += 2.0 * CELL_PAD + 1.0;
    }
    need[last] = need[last].max(MEDICINES_MIN_W);
    let fixed: f32 = need.iter().take(last).sum();
    if fixed + MEDICINES_MIN_W <= width {
        need[last] = width - fixed;
        need
    } else {
        let total = fixed + need[last];
        need.map(|n| n * width / total)
    }
}

fn table_cells(d: &ReportDay, scored: bool) -> [String; 9] {
    let dash = || "–".to_owned();
    let mut day = day_label(d.day);
    if d.step_back {
        day.push_str(" ↺");
    }
    [
        day,
        if d.doses > 0 {
            format!(
                "{} g{}",
                grams_text(d.grams),
                if d.over_plan { "*" } else { "" }
            )
        } else if d.over_plan {
            "0 g*".to_owned()
        } else {
            dash()
        },
        d.planned
            .map_or_else(dash, |p| format!("{} g", grams_text(p))),
        if d.doses > 0 {
            d.doses.to_string()
        } else {
            dash()
        },
        match (&d.first_dose, &d.last_dose) {
            (Some(f), Some(l)) if f != l => format!("{f}-{l}"),
            (Some(f), _) => f.clone(),
            _ => dash(),
        },
        match (d.symptom, &d.band) {
            (Some(s), _) if d.symptom_incomplete => format!("{s} (incomplete)"),
            (Some(s), Some(b)) if scored => format!("{s} · {b}"),
            (Some(s), _) => s.to_string(),
            _ => dash(),
        },
        d.craving.map_or_else(dash, |c| format!("{c}/10")),
        d.sleep_hours.map_or_else(dash, hours),
        if d.medicines.is_empty() {
            dash()
        } else {
            d.medicines
                .iter()
                .map(|m| isolate(m))
                .collect::<Vec<_>>()
                .join(", ")
        },
    ]
}

/// Draws the day table header at the flow's position.
fn table_header(flow: &mut Flow<'_>, data: &ReportData, widths: &[f32]) {
    let size = HEADER_SIZE;
    let mut x = MARGIN_X;
    let base = flow.y + size;
    for (k, ((title, right), w)) in COLUMNS.into_iter().zip(widths).enumerate() {
        let w = *w;
        let title = fit(
            flow.faces,
            column_title(data, k, title),
            size,
            true,
            w - 2.0 * CELL_PAD,
        );
        let title = title.as_str();
        if right {
            flow.text_at(
                x + w - CELL_PAD,
                base,
                title,
                size,
                true,
                MUTED,
                Anchor::End,
            );
        } else {
            flow.text_at(x + CELL_PAD, base, title, size, true, MUTED, Anchor::Start);
        }
        x += w;
    }
    flow.y += size + 5.0;
    flow.rule(flow.y);
    flow.y += 1.0;
}

fn day_table(flow: &mut Flow<'_>, data: &ReportData) {
    let row_h = 15.0;
    let size = CELL_SIZE;
    let widths = column_widths(flow.faces, data, flow.content_width());
    flow.need(row_h * 2.0 + 18.0);
    table_header(flow, data, &widths);
    for (i, d) in data.days.iter().enumerate() {
        if flow.y + row_h > flow.bottom() {
            flow.new_page();
            flow.text_at(
                MARGIN_X,
                flow.y + SMALL,
                "Day by day (continued)",
                SMALL + 1.0,
                true,
                TEXT,
                Anchor::Start,
            );
            flow.y += SMALL + 8.0;
            table_header(flow, data, &widths);
        }
        if i % 2 == 1 {
            let w = flow.content_width();
            flow.rect(MARGIN_X, flow.y, w, row_h, SHADE);
        }
        let cells = table_cells(d, data.symptom_scored);
        let base = flow.y + row_h / 2.0 + size * 0.36;
        let mut x = MARGIN_X;
        for (k, (((_, right), w), cell)) in COLUMNS.iter().zip(widths).zip(cells.iter()).enumerate()
        {
            let over = k == 1 && d.over_plan;
            let color = if over {
                OVER
            } else if d.logged || k == 0 || k == 2 {
                TEXT
            } else {
                MUTED
            };
            let cell = fit(flow.faces, cell, size, over, w - 2.0 * CELL_PAD);
            let cell = cell.as_str();
            if *right {
                flow.text_at(x + w - CELL_PAD, base, cell, size, over, color, Anchor::End);
            } else {
                flow.text_at(x + CELL_PAD, base, cell, size, false, color, Anchor::Start);
            }
            x += w;
        }
        flow.y += row_h;
    }
    flow.rule(flow.y);
    flow.y += 4.0;
    let mut legend = vec![
        "– nothing logged".to_owned(),
        "times: first and last dose".to_owned(),
    ];
    if data.days.iter().any(|d| d.over_plan) {
        legend.push("* took more than planned".to_owned());
    }
    if data.days.iter().any(|d| d.step_back) {
        legend.push("↺ step back".to_owned());
    }
    legend.push(if data.symptom_scored {
        format!(
            "symptom total: the day's highest {} total (0-{}), with its band",
            data.symptom_instrument, data.symptom_max
        )
    } else {
        format!(
            "symptom total: the day's highest kratom checklist total, in points (0-{}; a checklist, not a scored scale)",
            data.symptom_max
        )
    });
    if data.days.iter().any(|d| d.symptom_incomplete) {
        legend.push("(incomplete): not every item rated, the total is a lower bound".to_owned());
    }
    let w = flow.content_width();
    flow.paragraph(MARGIN_X, w, &legend.join(" · "), SMALL, MUTED);
}

/// The footer's left part: the report, the name (when it fits) and the days.
fn footer_left(faces: &Faces, data: &ReportData, width: f32, right: &str) -> String {
    let days = format!("{} to {}", day_label(data.from), day_label(data.to));
    let room = width - text_width(faces, right, SMALL, false) - 16.0;
    if let Some(n) = &data.name {
        let with_name = format!("Taper report · {} · {days}", isolate(n));
        if text_width(faces, &with_name, SMALL, false) <= room {
            return with_name;
        }
    }
    format!("Taper report · {days}")
}

/// Lays out the report: one SVG document per page, in points.
pub fn pages_svg(data: &ReportData) -> Result<Vec<String>> {
    let faces = faces()?;
    let (width, height) = data.paper.size_pt();
    let mut flow = Flow::new(faces, width, height);
    let right = width - MARGIN_X;

    // Heading.
    flow.text_at(
        MARGIN_X,
        flow.y + TITLE * 0.8,
        "Taper report",
        TITLE,
        true,
        TEXT,
        Anchor::Start,
    );
    // The name beside the title when it fits there, else on its own lines below it.
    let mut name_lines = Vec::new();
    if let Some(name) = &data.name {
        let name = &isolate(name);
        let beside = right - MARGIN_X - text_width(faces, "Taper report", TITLE, true) - 24.0;
        if text_width(faces, name, SECTION, true) <= beside {
            flow.text_at(
                right,
                flow.y + TITLE * 0.8,
                name,
                SECTION,
                true,
                TEXT,
                Anchor::End,
            );
        } else {
            name_lines = wrap(faces, name, SECTION, true, flow.content_width());
        }
    }
    flow.y += TITLE + 4.0;
    for l in &name_lines {
        flow.text_at(
            MARGIN_X,
            flow.y + SECTION,
            l,
            SECTION,
            true,
            TEXT,
            Anchor::Start,
        );
        flow.y += SECTION * 1.35;
    }
    let range = span_text(data.from, data.to);
    flow.text_at(
        MARGIN_X,
        flow.y + 11.0,
        &range,
        11.0,
        false,
        TEXT,
        Anchor::Start,
    );
    flow.text_at(
        right,
        flow.y + 11.0,
        "Kratom taper diary",
        BODY,
        false,
        MUTED,
        Anchor::End,
    );
    flow.y += 18.0;
    let w = flow.content_width();
    flow.rect(MARGIN_X, flow.y, w, 20.0, SHADE);
    flow.rect(MARGIN_X, flow.y, 3.0, 20.0, PRIMARY);
    flow.text_at(
        MARGIN_X + 10.0,
        flow.y + 13.5,
        &format!("{DISCLAIMER}. Recorded by the person in the Taper app."),
        BODY,
        false,
        TEXT,
        Anchor::Start,
    );
    flow.y += 24.0;

    // Page 1: the summary table, the taper chart, then the day-by-day table.
    flow.section("Summary", 0.0);
    if data.is_empty() {
        flow.fact(
            "Nothing logged",
            "No doses, check-ins or medicines were logged in these days.",
        );
    }
    summary_table(&mut flow, &summary_rows(data));

    let w = flow.content_width();
    let chart_h = w * TAPER_HEIGHT as f32 / TAPER_WIDTH as f32;
    if data.taper_empty {
        flow.section("Taken and planned, with the day's symptom total", 0.0);
        flow.paragraph(
            MARGIN_X,
            w,
            "No doses logged and no plan in these days.",
            BODY,
            MUTED,
        );
    } else {
        flow.section("Taken and planned, with the day's symptom total", chart_h);
        flow.chart(&data.taper_svg, TAPER_WIDTH, TAPER_HEIGHT)?;
    }

    // The day-by-day table starts on page 1 and continues; then the heatmap (an empty range
    // has neither).
    if !data.is_empty() {
        flow.section("Day by day", 36.0);
        day_table(&mut flow, data);
        let heat_h = w * data.heatmap_height as f32 / HEATMAP_WIDTH as f32;
        if data.heatmap_empty {
            flow.section("Symptoms by day", 0.0);
            flow.paragraph(MARGIN_X, w, "No check-ins in these days.", BODY, MUTED);
        } else {
            flow.section("Symptoms by day", heat_h);
            flow.chart(&data.heatmap_svg, HEATMAP_WIDTH, data.heatmap_height)?;
        }
    }

    if data.include_notes {
        let notes: Vec<_> = data.days.iter().flat_map(|d| d.notes.iter()).collect();
        flow.section("Notes", 20.0);
        if notes.is_empty() {
            flow.paragraph(MARGIN_X, w, "No notes in these days.", BODY, MUTED);
        }
        for n in notes {
            let text = format!("{}: {}", isolate(&n.on), isolate(&n.text));
            let label = format!("{} {}", day_label(n.day), n.time);
            flow.labelled(&label, &text, 104.0, BODY * 1.35, 1.5);
        }
    }

    // Instruments and provenance, at the end.
    let cites: Vec<String> = if data.citations.is_empty() {
        vec!["No scored withdrawal scale was used in these days.".to_owned()]
    } else {
        data.citations.clone()
    };
    flow.section("Instruments", 24.0);
    for c in &cites {
        flow.paragraph(MARGIN_X, w, c, SMALL, MUTED);
    }
    let generated = format!(
        "Generated {} {} by Taper {} · {} · {}.",
        day_label(data.generated_at.date_naive()),
        data.generated_at.format("%H:%M"),
        data.app_version,
        data.paper.label(),
        if data.include_notes {
            "notes included"
        } else {
            "notes not included"
        }
    );
    flow.y += 2.0;
    flow.paragraph(MARGIN_X, w, &generated, SMALL, MUTED);

    // Footers and the SVG wrappers.
    let total = flow.pages.len();
    let mut out = Vec::with_capacity(total);
    for (i, body) in flow.pages.iter().enumerate() {
        let mut svg = String::with_capacity(body.len() + 600);
        let _ = writeln!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\">\n<rect width=\"{width}\" height=\"{height}\" fill=\"#FFFFFF\"/>"
        );
        svg.push_str(body);
        // Two footer lines: the report, the name and the days with the page number; under
        // them the disclaimer.
        let fy = height - 29.0;
        let _ = writeln!(
            svg,
            "<line x1=\"{MARGIN_X}\" y1=\"{:.1}\" x2=\"{right:.1}\" y2=\"{:.1}\" stroke=\"{RULE}\" stroke-width=\"0.75\"/>",
            fy - 10.0,
            fy - 10.0
        );
        let right_text = format!("Page {} of {total}", i + 1);
        let left = footer_left(faces, data, width - 2.0 * MARGIN_X, &right_text);
        let attrs = format!(" font-size=\"{SMALL}\" fill=\"{MUTED}\"");
        for (x, y, text, anchor) in [
            (MARGIN_X, fy, left.as_str(), Anchor::Start),
            (right, fy, right_text.as_str(), Anchor::End),
            (right, fy + SMALL + 3.0, DISCLAIMER, Anchor::End),
        ] {
            svg.push_str(&text_runs(faces, x, y, text, SMALL, false, anchor, &attrs));
        }
        svg.push_str("</svg>\n");
        out.push(svg);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_width() {
        let f = faces().expect("faces");
        let lines = wrap(f, "one two three four five six seven", 10.0, false, 60.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(text_width(f, l, 10.0, false) <= 60.0 || !l.contains(' '));
        }
        assert!(text_width(f, "WWW", 10.0, true) > text_width(f, "iii", 10.0, false));
    }

    #[test]
    fn nests_a_chart() {
        let svg = "<svg width=\"640\" height=\"290\" viewBox=\"0 0 640 290\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/></svg>";
        let n = nest_svg(svg, 10.0, 20.0, 320.0, 145.0).expect("nest");
        assert!(n.starts_with(
            "<svg x=\"10.0\" y=\"20.0\" width=\"320.0\" height=\"145.0\" viewBox=\"0 0 640 290\">"
        ));
        assert!(n.contains("<rect/></svg>"));
    }
}
