//! The IPC surface. Work runs on a blocking thread; the store lock is taken there and never
//! held across an await. Every error reaches the UI as `{code, message, field}`.

use std::sync::{Arc, Mutex};

use chrono::{Local, Utc};
use taper_core::checkin::{CheckIn, CheckInInput};
use taper_core::day::parse_day;
use taper_core::dose::{Dose, DoseInput};
use taper_core::instrument::{self, Instrument};
use taper_core::medicine::{Medicine, MedicineInput};
use taper_core::settings::{QuickAmount, Settings};
use taper_core::store::AppInfo;
use taper_core::symptom::Symptom;
use taper_core::{ApiError, DayView, Store};
use tauri::State;

/// The diary, or why it could not be opened (shown by the UI instead of Today).
pub struct AppState {
    store: Result<Arc<Mutex<Store>>, ApiError>,
}

impl AppState {
    pub fn open() -> Self {
        AppState {
            store: Store::open_default()
                .map(|s| Arc::new(Mutex::new(s)))
                .map_err(ApiError::from),
        }
    }
}

type Reply<T> = Result<T, ApiError>;

async fn with_store<T: Send + 'static>(
    state: State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> taper_core::Result<T> + Send + 'static,
) -> Reply<T> {
    let store = state.store.clone()?;
    tauri::async_runtime::spawn_blocking(move || {
        // A panic in an earlier call leaves no half-done write (its transaction rolled
        // back), so the store is still usable.
        let mut guard = store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard).map_err(ApiError::from)
    })
    .await
    .map_err(|e| {
        ApiError::internal(format!(
            "Taper hit an internal problem and nothing was saved ({e})."
        ))
    })?
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
