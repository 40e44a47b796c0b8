//! The one embedded font (DejaVu Sans, Bitstream Vera licence, beside the files in
//! `ui/public/fonts`), registered with plotters for text measurement and loaded alone into the
//! rasteriser's font database.

use std::sync::{Arc, OnceLock};

use plotters::style::FontStyle;
use resvg::usvg::fontdb;

/// The family name written into SVG text and mapped in the rasteriser.
pub const FONT_FAMILY: &str = "DejaVu Sans";
/// DejaVu Sans, regular.
pub static FONT_REGULAR: &[u8] = include_bytes!("../../../../ui/public/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub static FONT_BOLD: &[u8] = include_bytes!("../../../../ui/public/fonts/DejaVuSans-Bold.ttf");

/// Registers the embedded font with plotters once. plotters needs it even for SVG, because it
/// measures text for layout.
pub(crate) fn ensure_registered() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_REGULAR)
                .map_err(|_| "the embedded regular font could not be read".to_owned())?;
            plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, FONT_BOLD)
                .map_err(|_| "the embedded bold font could not be read".to_owned())
        })
        .clone()
}

/// A font database holding only the embedded font, with every generic family mapped to it.
pub(crate) fn font_db() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}
