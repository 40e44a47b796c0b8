//! The diary's entries: doses, check-ins, medicines, symptoms, settings and the day view.

use chrono::{Local, NaiveDate, Utc};
use taper_core::checkin::{CheckIn, CheckInInput};
use taper_core::day::check_day;
use taper_core::dose::{Dose, DoseInput};
use taper_core::instrument::{self, Instrument};
use taper_core::medicine::{Medicine, MedicineInput};
use taper_core::settings::{QuickAmount, Settings};
use taper_core::store::AppInfo;
use taper_core::symptom::Symptom;
use taper_core::DayView;
use tauri::AppHandle;

use super::with_store;
use crate::state::Reply;

pub async fn app_info(app: &AppHandle) -> Reply<AppInfo> {
    with_store(app, |s| {
        s.info(env!("CARGO_PKG_VERSION"), Local::now().naive_local())
    })
    .await
}

/// See [`taper_core::Store::data_version`].
pub async fn diary_version(app: &AppHandle) -> Reply<i64> {
    with_store(app, |s| s.data_version()).await
}

pub async fn get_settings(app: &AppHandle) -> Reply<Settings> {
    with_store(app, |s| s.settings()).await
}

pub async fn save_settings(app: &AppHandle, settings: Settings) -> Reply<Settings> {
    with_store(app, move |s| s.save_settings(settings)).await
}

pub async fn get_day(app: &AppHandle, date: NaiveDate) -> Reply<DayView> {
    with_store(app, move |s| s.day(check_day("date", date)?)).await
}

pub async fn add_dose(app: &AppHandle, input: DoseInput) -> Reply<Dose> {
    with_store(app, move |s| s.add_dose(&input, Utc::now())).await
}

pub async fn update_dose(
    app: &AppHandle,
    id: i64,
    input: DoseInput,
    version: Option<String>,
) -> Reply<Dose> {
    with_store(app, move |s| {
        s.update_dose_from(id, version.as_deref(), &input, Utc::now())
    })
    .await
}

pub async fn delete_dose(app: &AppHandle, id: i64) -> Reply<()> {
    with_store(app, move |s| s.delete_dose(id, Utc::now())).await
}

pub async fn restore_dose(app: &AppHandle, id: i64) -> Reply<Dose> {
    with_store(app, move |s| s.restore_dose(id, Utc::now())).await
}

pub async fn add_checkin(app: &AppHandle, input: CheckInInput) -> Reply<CheckIn> {
    with_store(app, move |s| s.add_checkin(&input, Utc::now())).await
}

pub async fn update_checkin(
    app: &AppHandle,
    id: i64,
    input: CheckInInput,
    version: Option<String>,
) -> Reply<CheckIn> {
    with_store(app, move |s| {
        s.update_checkin_from(id, version.as_deref(), &input, Utc::now())
    })
    .await
}

pub async fn delete_checkin(app: &AppHandle, id: i64) -> Reply<()> {
    with_store(app, move |s| s.delete_checkin(id, Utc::now())).await
}

pub async fn restore_checkin(app: &AppHandle, id: i64) -> Reply<CheckIn> {
    with_store(app, move |s| s.restore_checkin(id, Utc::now())).await
}

pub async fn symptoms(app: &AppHandle) -> Reply<Vec<Symptom>> {
    with_store(app, |s| s.symptoms()).await
}

pub async fn usual_amounts(app: &AppHandle) -> Reply<Vec<QuickAmount>> {
    with_store(app, |s| s.usual_amounts()).await
}

pub async fn products(app: &AppHandle) -> Reply<Vec<String>> {
    with_store(app, |s| s.products()).await
}

pub async fn instruments(_app: &AppHandle) -> Reply<Vec<Instrument>> {
    Ok(instrument::ALL.iter().map(|i| **i).collect())
}

pub async fn all_symptoms(app: &AppHandle) -> Reply<Vec<Symptom>> {
    with_store(app, |s| s.all_symptoms()).await
}

pub async fn add_symptom(app: &AppHandle, label: String) -> Reply<Symptom> {
    with_store(app, move |s| s.add_symptom(&label)).await
}

pub async fn rename_symptom(app: &AppHandle, key: String, label: String) -> Reply<Symptom> {
    with_store(app, move |s| s.rename_symptom(&key, &label)).await
}

pub async fn archive_symptom(app: &AppHandle, key: String, archived: bool) -> Reply<Symptom> {
    with_store(app, move |s| s.archive_symptom(&key, archived)).await
}

pub async fn add_medicine(app: &AppHandle, input: MedicineInput) -> Reply<Medicine> {
    with_store(app, move |s| s.add_medicine(&input, Utc::now())).await
}

pub async fn update_medicine(
    app: &AppHandle,
    id: i64,
    input: MedicineInput,
    version: Option<String>,
) -> Reply<Medicine> {
    with_store(app, move |s| {
        s.update_medicine_from(id, version.as_deref(), &input, Utc::now())
    })
    .await
}

pub async fn delete_medicine(app: &AppHandle, id: i64) -> Reply<()> {
    with_store(app, move |s| s.delete_medicine(id, Utc::now())).await
}

pub async fn restore_medicine(app: &AppHandle, id: i64) -> Reply<Medicine> {
    with_store(app, move |s| s.restore_medicine(id, Utc::now())).await
}

pub async fn medicine_names(app: &AppHandle) -> Reply<Vec<String>> {
    with_store(app, |s| s.medicine_names()).await
}
