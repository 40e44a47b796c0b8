//! The clinician report (issue 6): a PDF whose pages are laid out as SVG (the first page is the
//! preview the app shows) and turned into PDF with selectable text and embedded fonts.
//!
//! Three steps, each testable alone:
//! 1. [`ReportData::gather`] reads the diary for the chosen days into plain data (no layout).
//! 2. [`pages_svg`] lays the data out as one SVG per page, in points (A4 595x842, US Letter
//!    612x792), text in the embedded DejaVu Sans and, for what it lacks (CJK, emoji, Devanagari,
//!    Thai, some Arabic), the embedded fallback faces ([`crate::chart::FontChain`]), the app's
//!    charts nested as vector SVG. Every block of text wraps (inside a word when the word is
//!    wider than the line) and breaks across pages line by line; one-line cells are cut with
//!    "…"; nothing runs off the page. Characters no embedded face has are listed in
//!    [`ReportData::unprintable`] so callers can warn before saving ([`unprintable_warning`]).
//! 3. [`pdf`] turns those pages into a PDF with krilla: text stays selectable, the font is
//!    embedded and subsetted, and the same input always gives the same bytes (the creation date
//!    is the report's `generated_at`, the document id a hash of the pages).
//!
//! [`write_pdf`] saves the bytes atomically. Words follow the design: "Took more than planned",
//! "Step back"; never "failed" or "relapse".

mod data;
mod layout;
mod pdf;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Error;
use crate::figure::ChartRange;

pub use data::{
    LatestCraving, MedicineSummary, PlanSummary, ReportData, ReportDay, ReportNote, ScoreSummary,
    ScoredTotal, StepBackDay,
};
pub use layout::pages_svg;
pub use pdf::{pdf, pdf_from_pages};

/// Paper sizes the report is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    /// 210 x 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
}

/// Regions (ISO 3166 codes) that use US Letter paper; everywhere else uses A4.
const LETTER_REGIONS: &[&str] = &[
    "US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "DO", "PR", "NI", "BZ",
];

impl Paper {
    /// Page width and height in PDF points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.0, 842.0),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The paper usual for a POSIX locale name such as "en_US.UTF-8" or "fr_CA": US Letter
    /// in the Americas that use it and the Philippines, A4 elsewhere (and for "C" or "POSIX").
    pub fn default_for_locale(locale: &str) -> Paper {
        let region = locale
            .split(['.', '@'])
            .next()
            .and_then(|l| l.split(['_', '-']).nth(1))
            .map(str::to_ascii_uppercase);
        match region {
            Some(r) if LETTER_REGIONS.contains(&r.as_str()) => Paper::Letter,
            _ => Paper::A4,
        }
    }

    /// The paper for the locale in the environment: the first set of `LC_ALL`, `LC_PAPER`,
    /// `LANG`; A4 when none is set.
    pub fn from_env() -> Paper {
        ["LC_ALL", "LC_PAPER", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.trim().is_empty())
            .map_or(Paper::A4, |l| Paper::default_for_locale(&l))
    }

    /// "A4" or "US Letter".
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

/// What the report covers and shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportOptions {
    /// The days: `Plan` (the default) is the current plan, or the last 14 days without one.
    pub range: ChartRange,
    pub paper: Paper,
    /// Notes are private unless the person chooses to include them.
    pub include_notes: bool,
    /// A name to print at the top; none by default.
    pub name: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            range: ChartRange::Plan,
            paper: Paper::A4,
            include_notes: false,
            name: None,
        }
    }
}

/// Result of the report functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Refuses a file name that does not end in `.pdf` (any case), as bad input for `"out"`.
pub fn check_pdf_path(path: &Path) -> Result<()> {
    let ok = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "out",
            "Taper saves the report as PDF only. Use a file name ending in .pdf.",
        ))
    }
}

/// Saves `bytes` to `path` (which must end in `.pdf`): written beside it under a temporary
/// name, flushed to disk and renamed, so there is never a half-written report at `path`.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<()> {
    check_pdf_path(path)?;
    crate::file::write_atomic(path, bytes)
        .map_err(|e| Error::report_write(format!("{}: {e}", path.display())))
}

/// A finished report: the PDF bytes, its pages as SVG and the days it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub pdf: Vec<u8>,
    pub pages: Vec<String>,
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    /// Characters no embedded font can print (they come out as boxes); see
    /// [`ReportData::unprintable`]. Callers warn with [`unprintable_warning`] before saving.
    pub unprintable: Vec<char>,
}

/// "These characters will print as boxes: \u{E000} (U+E000)." for a non-empty list: each
/// character with its code point (many cannot be seen), the first 40 and a count of the rest.
/// `None` when everything prints.
pub fn unprintable_warning(chars: &[char]) -> Option<String> {
    if chars.is_empty() {
        return None;
    }
    let shown: Vec<String> = chars
        .iter()
        .take(40)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    let more = chars.len().saturating_sub(40);
    let mut s = format!("These characters will print as boxes: {}", shown.join(", "));
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s.push('.');
    Some(s)
}

/// Gathers, lays out and converts in one call.
pub fn build(
    store: &crate::Store,
    options: &ReportOptions,
    today: chrono::NaiveDate,
    generated_at: chrono::DateTime<chrono::FixedOffset>,
    app_version: &str,
) -> Result<Report> {
    let data = ReportData::gather(store, options, today, generated_at, app_version)?;
    let pages = pages_svg(&data)?;
    let pdf = pdf_from_pages(&pages, &data)?;
    Ok(Report {
        pdf,
        pages,
        from: data.from,
        to: data.to,
        unprintable: data.unprintable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_by_locale() {
        assert_eq!(Paper::default_for_locale("en_US.UTF-8"), Paper::Letter);
        assert_eq!(Paper::default_for_locale("fr_CA"), Paper::Letter);
        assert_eq!(Paper::default_for_locale("es_MX.utf8@euro"), Paper::Letter);
        assert_eq!(Paper::default_for_locale("en-PH"), Paper::Letter);
        assert_eq!(Paper::default_for_locale("en_GB.UTF-8"), Paper::A4);
        assert_eq!(Paper::default_for_locale("de_DE"), Paper::A4);
        assert_eq!(Paper::default_for_locale("C"), Paper::A4);
        assert_eq!(Paper::default_for_locale(""), Paper::A4);
    }

    #[test]
    fn only_pdf_names() {
        assert!(check_pdf_path(Path::new("a/report.PDF")).is_ok());
        for bad in ["report.png", "report", "report.pdf.txt"] {
            match check_pdf_path(Path::new(bad)) {
                Err(Error::Invalid { field, .. }) => assert_eq!(field, "out"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn paper_serde_is_snake_case() {
        assert_eq!(
            serde_json::to_string(&Paper::Letter).expect("json"),
            "\"letter\""
        );
    }
}
