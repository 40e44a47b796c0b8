//! Charts drawn in Rust with plotters, so the chart on screen is the same one that goes into a
//! file or a report (issue 5).
//!
//! - Data preparation ([`TaperChartData::prepare`]) is pure and apart from drawing.
//! - Drawing ([`draw_taper`]) is generic over the plotters backend.
//! - Charts: the taper chart ([`taper_svg`]), the symptom heatmap ([`heatmap_svg`]), weekly
//!   progress ([`progress_svg`]) and craving and sleep ([`sleep_svg`]), each in a light or dark
//!   [`ChartTheme`]; every chart paints its own background.
//! - Output: the `*_svg` functions for the screen and for files, [`svg_to_png`] for sharing
//!   (usually at scale 2), [`write_chart_file`] to save either, chosen by the file's extension.
//!   Text is set in DejaVu Sans embedded from the repository, with embedded fallback faces for
//!   the scripts and emoji it lacks ([`FontChain`]); no machine font is ever read, so the same
//!   input always gives byte-identical files.
//!
//! Errors are the core's one [`Error`](crate::Error): bad input is `Error::Invalid` with field
//! `"chart"`; a failure while drawing or rasterising is `Error::Render` (code `internal`), a
//! file that cannot be written `Error::Output` (code `storage`, field `"out"`).

mod font;
mod heatmap;
mod progress;
mod render;
mod sleep;
mod spark;
mod style;
mod taper;

pub(crate) use font::font_db;
pub use font::{
    balance_isolates, is_invisible, isolate, without_skin_tones, FontChain, FALLBACKS, FONT_BOLD,
    FONT_FAMILY, FONT_REGULAR,
};
pub use heatmap::{
    draw_heatmap, Bucket, HeatCell, HeatColumn, HeatRow, HeatmapData, HEATMAP_EMPTY_MESSAGE,
    LEVEL_WORDS,
};
pub use progress::{
    draw_progress, DayPoint, ProgressData, ProgressWeek, PROGRESS_EMPTY_MESSAGE,
    PROGRESS_FEW_WEEKS_MESSAGE,
};
pub(crate) use render::parse_svg;
pub use render::{
    heatmap_svg, progress_svg, sleep_svg, spark_svg, svg_to_png, taper_svg, write_chart_file,
    ImageFormat,
};
pub use sleep::{draw_sleep, SleepData, SleepPoint, SleepSlot, SLEEP_EMPTY_MESSAGE};
pub use spark::{draw_spark, SparkData};
pub use style::{ChartTheme, Palette};
pub use taper::{draw_taper, ChartBand, ChartDay, TaperChartData, TaperPoint, EMPTY_MESSAGE};

/// Result of the chart output helpers.
pub type Result<T, E = crate::Error> = std::result::Result<T, E>;
