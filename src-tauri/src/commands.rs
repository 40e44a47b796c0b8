//! The IPC surface. Work runs on a blocking thread; the store lock is taken there and never
//! held across an await. Every error reaches the UI as `{code, message, field}`.

use std::sync::{Arc, Mutex};

use chrono::{Local, NaiveDate, Utc};
use taper_core::chart::{write_chart_file, ChartTheme};
use taper_core::checkin::{CheckIn, CheckInInput};
use taper_core::day::parse_day;
use taper_core::dose::{Dose, DoseInput};
use taper_core::figure::{self, ChartImage, ChartRequest, PlanPreview, SaveFormat};
use taper_core::instrument::{self, Instrument};
use taper_core::medicine::{Medicine, MedicineInput};
use taper_core::plan::{self, PlanParams};
use taper_core::settings::{QuickAmount, Settings};
use taper_core::store::{AppInfo, Plan};
use taper_core::symptom::Symptom;
use taper_core::{ApiError, DayView, Store};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// The diary, or why it could not be opened (shown by the UI instead of Today).
pub struct AppState {
    store: Result<Arc<Mutex<Store>>, ApiError>,
}

impl AppState {
    pub fn open() -> Self {
        let state = AppState {
            store: Store::open_default()
                .map(|s| Arc::new(Mutex::new(s)))
                .map_err(ApiError::from),
        };
        if let Ok(store) = &state.store {
            // The daily backup, off the start-up path. A failure is not fatal: the diary is
            // fine, and Settings lists the backups that exist.
            let store = Arc::clone(store);
            std::thread::spawn(move || {
                let guard = store
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if let Err(e) = guard.back_up_if_due(Utc::now()) {
                    eprintln!("Taper: the daily backup was not made: {e}");
                }
            });
        }
        state
    }
}

type Reply<T> = Result<T, ApiError>;

async fn with_store<T: Send + 'static, E: Into<ApiError>>(
    state: State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> Result<T, E> + Send + 'static,
) -> Reply<T> {
    let store = state.store.clone()?;
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier call leaves no half-done write (its transaction rolled
        // back), so the store is still usable.
        let mut guard = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard).map_err(Into::into)
    })
    .await
    .map_err(|e| {
        ApiError::internal(format!(
            "Taper hit an internal problem and nothing was saved ({e})."
        ))
    })?
}

/// The current diary day on this computer's clock.
fn today(s: &Store) -> taper_core::Result<NaiveDate> {
    s.today(Local::now().naive_local())
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    with_store(state, |s| {
        s.info(env!("CARGO_PKG_VERSION"), Local::now().naive_local())
    })
    .await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    with_store(state, |s| s.settings()).await
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Reply<Settings> {
    with_store(state, move |s| s.save_settings(settings)).await
}

#[tauri::command]
pub async fn get_day(state: State<'_, AppState>, date: String) -> Reply<DayView> {
    with_store(state, move |s| s.day(parse_day("date", &date)?)).await
}

#[tauri::command]
pub async fn add_dose(state: State<'_, AppState>, input: DoseInput) -> Reply<Dose> {
    with_store(state, move |s| s.add_dose(&input, Utc::now())).await
}

#[tauri::command]
pub async fn update_dose(state: State<'_, AppState>, id: i64, input: DoseInput) -> Reply<Dose> {
    with_store(state, move |s| s.update_dose(id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn delete_dose(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(state, move |s| s.delete_dose(id, Utc::now())).await
}

#[tauri::command]
pub async fn restore_dose(state: State<'_, AppState>, id: i64) -> Reply<Dose> {
    with_store(state, move |s| s.restore_dose(id, Utc::now())).await
}

#[tauri::command]
pub async fn add_checkin(state: State<'_, AppState>, input: CheckInInput) -> Reply<CheckIn> {
    with_store(state, move |s| s.add_checkin(&input, Utc::now())).await
}

#[tauri::command]
pub async fn update_checkin(
    state: State<'_, AppState>,
    id: i64,
    input: CheckInInput,
) -> Reply<CheckIn> {
    with_store(state, move |s| s.update_checkin(id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn delete_checkin(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(state, move |s| s.delete_checkin(id, Utc::now())).await
}

#[tauri::command]
pub async fn restore_checkin(state: State<'_, AppState>, id: i64) -> Reply<CheckIn> {
    with_store(state, move |s| s.restore_checkin(id, Utc::now())).await
}

#[tauri::command]
pub async fn symptoms(state: State<'_, AppState>) -> Reply<Vec<Symptom>> {
    with_store(state, |s| s.symptoms()).await
}

#[tauri::command]
pub async fn usual_amounts(state: State<'_, AppState>) -> Reply<Vec<QuickAmount>> {
    with_store(state, |s| s.usual_amounts()).await
}

#[tauri::command]
pub async fn products(state: State<'_, AppState>) -> Reply<Vec<String>> {
    with_store(state, |s| s.products()).await
}

/// Every instrument definition: the kratom checklist, SOWS and COWS.
#[tauri::command]
pub fn instruments() -> Vec<Instrument> {
    instrument::ALL.iter().map(|i| **i).collect()
}

#[tauri::command]
pub async fn all_symptoms(state: State<'_, AppState>) -> Reply<Vec<Symptom>> {
    with_store(state, |s| s.all_symptoms()).await
}

#[tauri::command]
pub async fn add_symptom(state: State<'_, AppState>, label: String) -> Reply<Symptom> {
    with_store(state, move |s| s.add_symptom(&label)).await
}

#[tauri::command]
pub async fn rename_symptom(
    state: State<'_, AppState>,
    key: String,
    label: String,
) -> Reply<Symptom> {
    with_store(state, move |s| s.rename_symptom(&key, &label)).await
}

#[tauri::command]
pub async fn archive_symptom(
    state: State<'_, AppState>,
    key: String,
    archived: bool,
) -> Reply<Symptom> {
    with_store(state, move |s| s.archive_symptom(&key, archived)).await
}

#[tauri::command]
pub async fn add_medicine(state: State<'_, AppState>, input: MedicineInput) -> Reply<Medicine> {
    with_store(state, move |s| s.add_medicine(&input, Utc::now())).await
}

#[tauri::command]
pub async fn update_medicine(
    state: State<'_, AppState>,
    id: i64,
    input: MedicineInput,
) -> Reply<Medicine> {
    with_store(state, move |s| s.update_medicine(id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn delete_medicine(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(state, move |s| s.delete_medicine(id, Utc::now())).await
}

#[tauri::command]
pub async fn restore_medicine(state: State<'_, AppState>, id: i64) -> Reply<Medicine> {
    with_store(state, move |s| s.restore_medicine(id, Utc::now())).await
}

#[tauri::command]
pub async fn medicine_names(state: State<'_, AppState>) -> Reply<Vec<String>> {
    with_store(state, |s| s.medicine_names()).await
}

/// The plan in force today, else the next one to start; `null` when there is none.
#[tauri::command]
pub async fn current_plan(state: State<'_, AppState>) -> Reply<Option<Plan>> {
    with_store(state, |s| s.current_plan(today(s)?)).await
}

/// The suggested starting daily amount: the mean of the logged days among the last seven.
#[tauri::command]
pub async fn suggest_start(state: State<'_, AppState>) -> Reply<Option<f64>> {
    with_store(state, |s| {
        let today = today(s)?;
        let week_ago = today - chrono::Days::new(7);
        let totals: Vec<_> = s.daily_grams(week_ago, today)?.into_iter().collect();
        Ok::<_, taper_core::Error>(plan::suggest_start(&totals, today))
    })
    .await
}

#[tauri::command]
pub async fn preview_plan(
    params: PlanParams,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Reply<PlanPreview> {
    tauri::async_runtime::spawn_blocking(move || {
        figure::plan_preview(&params, width, height, theme).map_err(ApiError::from)
    })
    .await
    .map_err(|e| ApiError::internal(format!("The preview could not be drawn ({e}).")))?
}

#[tauri::command]
pub async fn create_plan(state: State<'_, AppState>, params: PlanParams) -> Reply<Plan> {
    with_store(state, move |s| {
        let today = today(s)?;
        s.create_plan(&params, today, Utc::now())
    })
    .await
}

/// Step back today: repeat the previous amount for `repeat_days` days and shift the rest.
#[tauri::command]
pub async fn step_back(state: State<'_, AppState>, repeat_days: u32) -> Reply<Plan> {
    with_store(state, move |s| {
        let today = today(s)?;
        s.step_back(today, repeat_days, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn get_chart(state: State<'_, AppState>, request: ChartRequest) -> Reply<ChartImage> {
    with_store(state, move |s| {
        let today = today(s)?;
        figure::draw(s, &request, today)
    })
    .await
}

/// Asks where to save the chart (the system's save dialog), then writes it there as SVG or as
/// PNG at twice the size, always in the light theme (files are for sharing and printing).
/// Returns the path written, or `null` when the person cancelled.
#[tauri::command]
pub async fn save_chart(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ChartRequest,
    format: SaveFormat,
) -> Reply<Option<String>> {
    let request = ChartRequest {
        theme: ChartTheme::Light,
        ..request
    };
    let kind = request.kind;
    let image = with_store(state, move |s| {
        let today = today(s)?;
        figure::draw(s, &request, today)
    })
    .await?;
    let ext = format.extension();
    let name = figure::file_name(kind, image.from, image.to, ext);
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Save chart")
            .set_file_name(name)
            .add_filter(format.label(), &[ext])
            .blocking_save_file()
    })
    .await
    .map_err(|e| ApiError::internal(format!("The save dialog failed ({e}).")))?;
    let Some(picked) = picked else {
        return Ok(None);
    };
    let mut path = picked
        .into_path()
        .map_err(|e| ApiError::internal(format!("That place cannot be saved to ({e}).")))?;
    if path.extension().is_none() {
        path.set_extension(ext);
    }
    let shown = path.display().to_string();
    tauri::async_runtime::spawn_blocking(move || {
        write_chart_file(&path, &image.svg).map_err(ApiError::from)
    })
    .await
    .map_err(|e| ApiError::internal(format!("The chart could not be saved ({e}).")))??;
    Ok(Some(shown))
}
