//! Reminders: what a clicked one asks for, whether they can be shown (`crate::reminders`), and
//! starting Taper at login and keeping it in the tray (`crate::tray`) so they come without the
//! window open.

use std::sync::Arc;

use taper_core::dose::Dose;
use taper_core::reminder::ReminderKind;
use taper_core::{ApiError, ErrorCode};
use tauri::{AppHandle, Manager};
use tauri_plugin_autostart::ManagerExt;

use crate::reminders::ReminderDesk;
use crate::state::Reply;

fn desk(app: &AppHandle) -> Option<Arc<ReminderDesk>> {
    app.try_state::<Arc<ReminderDesk>>().map(|d| Arc::clone(&d))
}

pub async fn take_reminder(app: &AppHandle) -> Reply<Option<ReminderKind>> {
    Ok(desk(app).and_then(|d| d.take()))
}

pub async fn take_reminder_dose(app: &AppHandle) -> Reply<Option<Dose>> {
    Ok(desk(app).and_then(|d| d.take_logged()))
}

pub async fn reminder_problem(app: &AppHandle) -> Reply<Option<String>> {
    Ok(desk(app).and_then(|d| d.problem()))
}

pub async fn start_at_login(app: &AppHandle) -> Reply<bool> {
    app.autolaunch().is_enabled().map_err(login_error)
}

pub async fn set_start_at_login(app: &AppHandle, on: bool) -> Reply<bool> {
    let launcher = app.autolaunch();
    if on {
        launcher.enable()
    } else {
        launcher.disable()
    }
    .map_err(login_error)?;
    launcher.is_enabled().map_err(login_error)
}

pub async fn keep_in_tray(app: &AppHandle) -> Reply<bool> {
    Ok(crate::tray::keep_in_tray(app))
}

pub async fn set_keep_in_tray(app: &AppHandle, on: bool) -> Reply<bool> {
    crate::tray::set_keep_in_tray(app, on)
}

pub async fn tray_problem(app: &AppHandle) -> Reply<Option<String>> {
    Ok(crate::tray::problem(app))
}

fn login_error(e: tauri_plugin_autostart::Error) -> ApiError {
    ApiError {
        code: ErrorCode::Storage,
        message: format!("Starting Taper at login could not be changed: {e}."),
        field: Some("start_at_login".to_owned()),
    }
}
