//! Charts drawn in Rust with plotters, so the chart on screen is the same one that goes into a
//! file or a report (issue 5).
//!
//! - Data preparation ([`TaperChartData::prepare`]) is pure and apart from drawing.
//! - Drawing ([`draw_taper`]) is generic over the plotters backend.
//! - Output: [`taper_svg`] for the screen and for files, [`svg_to_png`] for sharing (usually at
//!   scale 2). Text is set in DejaVu Sans embedded from the repository; no machine font is ever
//!   read, so the same input always gives byte-identical files.
//!
//! Errors: bad input is the core's [`Error::Invalid`](crate::Error::Invalid) with field
//! `"chart"`. A failure while drawing or rasterising is not a diary error and the core `Error`
//! has no variant that fits it, so the output helpers return this module's [`ChartError`],
//! which wraps bad input as [`ChartError::Invalid`] and converts to an [`ApiError`] at the
//! boundary (render failures become code `internal`).

mod font;
mod render;
mod taper;

pub use font::{FONT_BOLD, FONT_FAMILY, FONT_REGULAR};
pub use render::{svg_to_png, taper_svg};
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
        }
    }
}
