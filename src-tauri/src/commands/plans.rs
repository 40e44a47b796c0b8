//! The taper plan: the one in force, a suggested start, preview, making one, stepping back.

use chrono::Utc;
use taper_core::chart::ChartTheme;
use taper_core::figure::{self, PlanPreview};
use taper_core::plan::{self, PlanParams};
use taper_core::store::Plan;
use taper_core::ApiError;
use tauri::AppHandle;

use super::{blocking, today, with_store};
use crate::state::Reply;

pub async fn current_plan(app: &AppHandle) -> Reply<Option<Plan>> {
    with_store(app, |s| s.current_plan(today(s)?)).await
}

pub async fn suggest_start(app: &AppHandle) -> Reply<Option<f64>> {
    with_store(app, |s| {
        let today = today(s)?;
        let week_ago = today - chrono::Days::new(7);
        let totals: Vec<_> = s.daily_grams(week_ago, today)?.into_iter().collect();
        Ok::<_, taper_core::Error>(plan::suggest_start(&totals, today))
    })
    .await
}

pub async fn preview_plan(
    _app: &AppHandle,
    params: PlanParams,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Reply<PlanPreview> {
    blocking(move || figure::plan_preview(&params, width, height, theme).map_err(ApiError::from))
        .await
}

pub async fn create_plan(app: &AppHandle, params: PlanParams) -> Reply<Plan> {
    with_store(app, move |s| {
        let today = today(s)?;
        s.create_plan(&params, today, Utc::now())
    })
    .await
}

pub async fn step_back(app: &AppHandle, repeat_days: u32) -> Reply<Plan> {
    with_store(app, move |s| {
        let today = today(s)?;
        s.step_back(today, repeat_days, Utc::now())
    })
    .await
}
