//! Charts on screen and saved as files.

use taper_core::chart::{write_chart_file, ChartTheme};
use taper_core::figure::{self, ChartImage, ChartRequest, SaveFormat};
use taper_core::ApiError;
use tauri::AppHandle;

use super::dialog::{ask, Ask};
use super::{blocking, today, with_store};
use crate::state::Reply;

pub async fn get_chart(app: &AppHandle, request: ChartRequest) -> Reply<ChartImage> {
    with_store(app, move |s| {
        let today = today(s)?;
        figure::draw(s, &request, today)
    })
    .await
}

pub async fn plan_sparkline(app: &AppHandle, theme: ChartTheme) -> Reply<Option<String>> {
    with_store(app, move |s| {
        let today = today(s)?;
        figure::plan_sparkline(s, today, theme)
    })
    .await
}

/// Files are for sharing and printing: always drawn in the light theme.
pub async fn save_chart(
    app: &AppHandle,
    request: ChartRequest,
    format: SaveFormat,
) -> Reply<Option<String>> {
    let request = ChartRequest {
        theme: ChartTheme::Light,
        ..request
    };
    let kind = request.kind;
    let image = get_chart(app, request).await?;
    let ext = format.extension();
    let ask_for = Ask::Save {
        title: "Save chart (not encrypted)",
        name: figure::file_name(kind, image.from, image.to, ext),
        label: format.label(),
        ext,
    };
    let Some(path) = ask(app, ask_for).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    blocking(move || write_chart_file(&path, &image.svg).map_err(ApiError::from)).await?;
    Ok(Some(shown))
}
