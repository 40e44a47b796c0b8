//! Reminders: what a clicked one asks for, and whether they can be shown (`crate::reminders`).

use std::sync::Arc;

use taper_core::reminder::ReminderKind;
use tauri::{AppHandle, Manager};

use crate::reminders::ReminderDesk;
use crate::state::Reply;

fn desk(app: &AppHandle) -> Option<Arc<ReminderDesk>> {
    app.try_state::<Arc<ReminderDesk>>().map(|d| Arc::clone(&d))
}

pub async fn take_reminder(app: &AppHandle) -> Reply<Option<ReminderKind>> {
    Ok(desk(app).and_then(|d| d.take()))
}

pub async fn reminder_problem(app: &AppHandle) -> Reply<Option<String>> {
    Ok(desk(app).and_then(|d| d.problem()))
}
