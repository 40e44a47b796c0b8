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
//! Errors: bad input is the core's [`Error::Invalid`](crate::Error::Invalid) with field
//! `"chart"`. A failure while drawing or rasterising is not a diary error and the core `Error`
//! has no variant that fits it, so the output helpers return this module's [`ChartError`],
//! which wraps bad input as [`ChartError::Invalid`] and converts to an [`ApiError`] at the
//! boundary (render failures become code `internal`).

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
pub use progress::{draw_progress, DayPoint, ProgressData, ProgressWeek, PROGRESS_EMPTY_MESSAGE};
pub(crate) use render::parse_svg;
pub use render::{
    heatmap_svg, progress_svg, sleep_svg, spark_svg, svg_to_png, taper_svg, write_chart_file,
    ImageFormat,
};
pub use sleep::{draw_sleep, SleepData, SleepPoint, SleepSlot, SLEEP_EMPTY_MESSAGE};
pub use spark::{draw_spark, SparkData};
pub use style::{ChartTheme, Palette};
pub use taper::{draw_taper, ChartBand, ChartDay, TaperChartData, TaperPoint, EMPTY_MESSAGE};

use crate::error::{ApiError, ErrorCode};

/// What the chart output helpers can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// Bad input (sizes, scale, data): the core's `Error::Invalid` with field `"chart"`.
    #[error(transparent)]
    Invalid(#[from] crate::Error),
    /// Drawing or rasterising failed. Not caused by the person's data.
    #[error("The chart could not be drawn ({0}).")]
    Render(String),
    /// The image file could not be written (disk full, no permission, missing folder).
    #[error(
        "The image could not be saved ({0}). Check the folder exists and there is free space."
    )]
    Write(String),
}

/// Result of the chart output helpers.
pub type Result<T, E = ChartError> = std::result::Result<T, E>;

impl From<ChartError> for ApiError {
    fn from(e: ChartError) -> Self {
        match e {
            ChartError::Invalid(e) => e.into(),
            ChartError::Render(_) => ApiError {
                code: ErrorCode::Internal,
                message: e.to_string(),
                field: Some("chart".to_owned()),
            },
            ChartError::Write(_) => ApiError {
                code: ErrorCode::Storage,
                message: e.to_string(),
                field: Some("out".to_owned()),
            },
        }
    }
}
