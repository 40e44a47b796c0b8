//! The report's SVG pages drawn into a PDF with krilla: vector charts, selectable text, the
//! embedded font subsetted, and no timestamps or random ids, so identical input gives
//! identical bytes.

use chrono::{Datelike, Timelike};
use krilla::geom::Size;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::usvg;

use super::data::ReportData;
use super::layout::pages_svg;
use super::Result;
use crate::chart::{font_db, FONT_FAMILY};
use crate::error::Error;

/// The document id, derived from the pages themselves ([`crate::uid::name_uid`] of each page's
/// text, each followed by a 0xff byte, which text never holds).
fn document_id(parts: &[&str]) -> String {
    let mut name = Vec::new();
    for p in parts {
        name.extend_from_slice(p.as_bytes());
        name.push(0xff);
    }
    crate::uid::name_uid(&name).simple().to_string()
}

fn creation_date(data: &ReportData) -> DateTime {
    let t = data.generated_at;
    let offset = t.offset().local_minus_utc();
    let narrow = |v: u32| u8::try_from(v).unwrap_or(0);
    DateTime::new(u16::try_from(t.year()).unwrap_or(2000))
        .month(narrow(t.month()))
        .day(narrow(t.day()))
        .hour(narrow(t.hour()))
        .minute(narrow(t.minute()))
        .second(narrow(t.second()))
        .utc_offset_hour(i8::try_from(offset / 3600).unwrap_or(0))
        .utc_offset_minute(u8::try_from((offset.abs() % 3600) / 60).unwrap_or(0))
}

/// Reads the pages' SVG (text layout included, the slow part) on every core, in page order.
fn parse_pages(pages: &[String], options: &usvg::Options<'_>) -> Result<Vec<usvg::Tree>> {
    let parse = |i: usize, svg: &String| {
        crate::chart::parse_svg(svg, options)
            .map_err(|e| Error::report_render(format!("page {} could not be read: {e}", i + 1)))
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    if threads < 2 || pages.len() < 2 {
        return pages.iter().enumerate().map(|(i, p)| parse(i, p)).collect();
    }
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    part.iter()
                        .enumerate()
                        .map(|(i, p)| parse(c * chunk + i, p))
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut trees = Vec::with_capacity(pages.len());
        for h in handles {
            let part = h
                .join()
                .map_err(|_| Error::report_render("a page could not be read".to_owned()))??;
            trees.extend(part);
        }
        Ok(trees)
    })
}

/// Lays out `data` and converts it: the PDF's bytes.
pub fn pdf(data: &ReportData) -> Result<Vec<u8>> {
    let pages = pages_svg(data)?;
    pdf_from_pages(&pages, data)
}

/// Converts pages laid out by [`pages_svg`] into a PDF, with the report's metadata.
pub fn pdf_from_pages(pages: &[String], data: &ReportData) -> Result<Vec<u8>> {
    let (width, height) = data.paper.size_pt();
    let size = Size::from_wh(width, height)
        .ok_or_else(|| Error::report_render("the page size is out of range".to_owned()))?;
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    let mut document = Document::new_with(SerializeSettings::default());
    let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
    let mut title = "Taper report".to_owned();
    if let Some(name) = &data.name {
        title.push_str(" for ");
        title.push_str(name);
    }
    document.set_metadata(
        Metadata::new()
            .title(title)
            .creator(format!("Taper {}", data.app_version))
            .producer(format!("Taper {}", data.app_version))
            .language("en".to_owned())
            .creation_date(creation_date(data))
            .document_id(document_id(&refs)),
    );
    for (i, tree) in parse_pages(pages, &options)?.iter().enumerate() {
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface
            .draw_svg(tree, size, SvgSettings::default())
            .ok_or_else(|| Error::report_render(format!("page {} could not be drawn", i + 1)))?;
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| Error::report_render(format!("the PDF could not be written: {e:?}")))
}
