//! The text size (Settings → Appearance, Ctrl+= / Ctrl+- / Ctrl+0): the webview's own zoom, so
//! the page's layout sees a window that many times smaller and its narrow layouts apply.

use taper_core::settings::TEXT_SIZES;
use taper_core::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager};

use crate::state::Reply;

/// Shows everything in the main window at `percent` of its normal size (one of the sizes
/// Settings offers). Nothing is saved here: the setting is saved with the other settings.
pub async fn set_text_size(app: &AppHandle, percent: u32) -> Reply<()> {
    let offered = u16::try_from(percent).is_ok_and(|p| TEXT_SIZES.contains(&p));
    if !offered {
        return Err(ApiError {
            code: ErrorCode::Invalid,
            message: "Text size can be 100 %, 125 %, 150 %, 175 % or 200 %.".to_owned(),
            field: Some("text_size".to_owned()),
        });
    }
    let Some(window) = app.get_webview_window("main") else {
        return Err(ApiError::internal("Taper's window is not open."));
    };
    window
        .set_zoom(f64::from(percent) / 100.0)
        .map_err(|e| ApiError {
            code: ErrorCode::Internal,
            message: format!("The text size could not be changed ({e})."),
            field: Some("text_size".to_owned()),
        })
}
