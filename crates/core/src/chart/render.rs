//! SVG and PNG output, and saving either to a file.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use resvg::{tiny_skia, usvg};

use super::font::{ensure_registered, font_db, FONT_FAMILY};
use super::heatmap::{draw_heatmap, HeatmapData};
use super::progress::{draw_progress, ProgressData};
use super::sleep::{draw_sleep, SleepData};
use super::spark::{draw_spark, SparkData};
use super::style::ChartTheme;
use super::taper::{draw_taper, TaperChartData};
use super::Result;
use crate::Error;

/// Smallest and largest chart side in pixels.
const MIN_SIDE: u32 = 200;
const MAX_SIDE: u32 = 8000;

fn check_size(width: u32, height: u32) -> Result<()> {
    if !(MIN_SIDE..=MAX_SIDE).contains(&width) || !(MIN_SIDE..=MAX_SIDE).contains(&height) {
        return Err(Error::invalid(
            "chart",
            format!("A chart must be between {MIN_SIDE} and {MAX_SIDE} pixels on each side."),
        ));
    }
    Ok(())
}

/// Draws into a fresh SVG document of `width` x `height` pixels.
fn render_svg<F>(width: u32, height: u32, draw: F) -> Result<String>
where
    F: FnOnce(
        DrawingArea<SVGBackend<'_>, Shift>,
    ) -> std::result::Result<
        (),
        DrawingAreaErrorKind<<SVGBackend<'_> as DrawingBackend>::ErrorType>,
    >,
{
    check_size(width, height)?;
    render_svg_any_size(width, height, draw)
}

/// [`render_svg`] without the chart size limits (for the small sparkline).
fn render_svg_any_size<F>(width: u32, height: u32, draw: F) -> Result<String>
where
    F: FnOnce(
        DrawingArea<SVGBackend<'_>, Shift>,
    ) -> std::result::Result<
        (),
        DrawingAreaErrorKind<<SVGBackend<'_> as DrawingBackend>::ErrorType>,
    >,
{
    ensure_registered().map_err(Error::chart_render)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(root).map_err(|e| Error::chart_render(e.to_string()))?;
    }
    Ok(super::font::text_in_faces(&svg))
}

/// Draws the taper chart as an SVG document of `width` x `height` pixels.
pub fn taper_svg(
    data: &TaperChartData,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Result<String> {
    render_svg(width, height, |root| draw_taper(root, data, theme))
}

/// Draws the plan sparkline as an SVG document of `width` x `height` pixels (from 40 x 16 up to
/// 2000 x 400).
pub fn spark_svg(data: &SparkData, width: u32, height: u32, theme: ChartTheme) -> Result<String> {
    if !(40..=2000).contains(&width) || !(16..=400).contains(&height) {
        return Err(Error::invalid(
            "chart",
            "A sparkline must be 40 to 2000 pixels wide and 16 to 400 high.",
        ));
    }
    render_svg_any_size(width, height, |root| draw_spark(root, data, theme))
}

/// Draws the symptom heatmap as an SVG document of `width` x `height` pixels.
pub fn heatmap_svg(
    data: &HeatmapData,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Result<String> {
    render_svg(width, height, |root| draw_heatmap(root, data, theme))
}

/// Draws the weekly progress chart as an SVG document of `width` x `height` pixels.
pub fn progress_svg(
    data: &ProgressData,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Result<String> {
    render_svg(width, height, |root| draw_progress(root, data, theme))
}

/// Draws the craving and sleep chart as an SVG document of `width` x `height` pixels.
pub fn sleep_svg(data: &SleepData, width: u32, height: u32, theme: ChartTheme) -> Result<String> {
    render_svg(width, height, |root| draw_sleep(root, data, theme))
}

/// Reads an SVG with usvg (text laid out and shaped), turning a panic inside usvg's text
/// layout into an error: usvg 0.47 can panic on some mixes of fonts and scripts, and a report
/// or an image that cannot be made must say so rather than bring the app down.
pub(crate) fn parse_svg(svg: &str, options: &usvg::Options<'_>) -> Result<usvg::Tree, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        usvg::Tree::from_str(svg, options)
    }))
    .map_err(|_| "its text could not be laid out".to_owned())?
    .map_err(|e| e.to_string())
}

/// Rasterises an SVG (normally one of ours) to PNG bytes at `scale` (2.0 for sharing), using
/// only the embedded font. Same SVG and scale → byte-identical PNG.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>> {
    if !scale.is_finite() || scale <= 0.0 || scale > 8.0 {
        return Err(Error::invalid(
            "chart",
            "The image scale must be above 0 and at most 8.",
        ));
    }
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    let tree = parse_svg(svg, &options)
        .map_err(|e| Error::chart_render(format!("the SVG could not be read: {e}")))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| Error::chart_render("the image size is out of range".to_owned()))?;
    if size.width() > MAX_SIDE * 2 || size.height() > MAX_SIDE * 2 {
        return Err(Error::invalid("chart", "The image would be too large."));
    }
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::chart_render("the image could not be allocated".to_owned()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::chart_render(format!("the PNG could not be written: {e}")))
}

/// The kinds of image file a chart can be saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Svg,
    Png,
}

impl ImageFormat {
    /// The format named by the file's extension (`.svg` or `.png`, any case). Anything else is
    /// refused as bad input for the field `"out"`.
    pub fn from_path(path: &Path) -> Result<ImageFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("svg") => Ok(ImageFormat::Svg),
            Some("png") => Ok(ImageFormat::Png),
            _ => Err(Error::invalid(
                "out",
                "Taper can save a chart as SVG or PNG only. Use a file name ending in .svg or .png.",
            )),
        }
    }
}

/// Saves a chart's SVG to `path`: as the SVG text for `.svg`, as a PNG at twice the size for
/// `.png`. The file is written beside its final place under a temporary name and then renamed,
/// so there is never a half-written image at `path`.
pub fn write_chart_file(path: &Path, svg: &str) -> Result<()> {
    let format = ImageFormat::from_path(path)?;
    let bytes = match format {
        ImageFormat::Svg => svg.as_bytes().to_vec(),
        ImageFormat::Png => svg_to_png(svg, 2.0)?,
    };
    crate::file::write_atomic(path, &bytes)
        .map_err(|e| Error::image_write(format!("{}: {e}", path.display())))
}
