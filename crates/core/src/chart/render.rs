//! SVG and PNG output.

use plotters::prelude::*;
use resvg::{tiny_skia, usvg};

use super::font::{ensure_registered, font_db, FONT_FAMILY};
use super::taper::{draw_taper, TaperChartData};
use super::{ChartError, Result};
use crate::Error;

/// Smallest and largest chart side in pixels.
const MIN_SIDE: u32 = 200;
const MAX_SIDE: u32 = 8000;

fn check_size(width: u32, height: u32) -> Result<()> {
    if !(MIN_SIDE..=MAX_SIDE).contains(&width) || !(MIN_SIDE..=MAX_SIDE).contains(&height) {
        return Err(Error::invalid(
            "chart",
            format!("A chart must be between {MIN_SIDE} and {MAX_SIDE} pixels on each side."),
        )
        .into());
    }
    Ok(())
}

/// Draws the taper chart as an SVG document of `width` x `height` pixels.
pub fn taper_svg(data: &TaperChartData, width: u32, height: u32) -> Result<String> {
    check_size(width, height)?;
    ensure_registered().map_err(ChartError::Render)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw_taper(root, data).map_err(|e| ChartError::Render(e.to_string()))?;
    }
    Ok(svg)
}

/// Rasterises an SVG (normally one of ours) to PNG bytes at `scale` (2.0 for sharing), using
/// only the embedded font. Same SVG and scale → byte-identical PNG.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    if !scale.is_finite() || scale <= 0.0 || scale > 8.0 {
        return Err(
            Error::invalid("chart", "The image scale must be above 0 and at most 8.").into(),
        );
    }
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| ChartError::Render(format!("the SVG could not be read: {e}")))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| ChartError::Render("the image size is out of range".to_owned()))?;
    if size.width() > MAX_SIDE * 2 || size.height() > MAX_SIDE * 2 {
        return Err(Error::invalid("chart", "The image would be too large.").into());
    }
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ChartError::Render("the image could not be allocated".to_owned()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ChartError::Render(format!("the PNG could not be written: {e}")))
}
