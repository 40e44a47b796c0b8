//! Sends the person's reminders (`taper_core::reminder`) through the desktop's notification
//! service while Taper runs, and remembers which form a clicked reminder asks for until the
//! page takes it (`take_reminder`).
//!
//! A thread looks every 20 s (or `$TAPER_REMINDER_CHECK_SECONDS`) for reminders that fell due
//! since its last look. What it knows of the diary (the reminders, the day-start hour, the days
//! a plan is in force) is read while the diary is open and kept, so reminders go on while the
//! app is locked. A reminder more than 10 minutes late (a computer waking from sleep) is not
//! sent. When the notification service cannot be reached, the problem is kept for Settings to
//! show and nothing else happens.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{Local, NaiveDate, NaiveDateTime};
use taper_core::day::diary_day;
use taper_core::dose::Dose;
use taper_core::reminder::{Due, ReminderKind, Reminders};
use tauri::{AppHandle, Manager};

use crate::state::{lock, AppState};

const CHECK_ENV: &str = "TAPER_REMINDER_CHECK_SECONDS";

/// A reminder later than this is dropped, not sent.
const TOO_LATE_MINUTES: i64 = 10;

/// What the page asks of the reminders (managed state).
#[derive(Default)]
pub struct ReminderDesk {
    /// The form a clicked reminder asks for, until the page takes it.
    pending: Mutex<Option<ReminderKind>>,
    /// Why the last reminder could not be shown, if it could not.
    problem: Mutex<Option<String>>,
    /// The dose a "Taken" answer to a dose reminder logged, until the page takes it (to say so
    /// with Undo).
    taken: Mutex<Option<Dose>>,
}

impl ReminderDesk {
    /// Takes the form a clicked reminder asked for (once).
    pub fn take(&self) -> Option<ReminderKind> {
        lock(&self.pending).take()
    }

    /// Takes the dose a "Taken" answer logged (once).
    pub fn take_logged(&self) -> Option<Dose> {
        lock(&self.taken).take()
    }

    /// Asks the page for a form as a clicked reminder does (the tray's Log dose, Check in).
    pub fn ask(&self, kind: ReminderKind) {
        *lock(&self.pending) = Some(kind);
    }

    /// Why the last reminder could not be shown; None when it was (or none was due yet).
    pub fn problem(&self) -> Option<String> {
        lock(&self.problem).clone()
    }
}

/// What the thread knows of the diary, read while it is open.
#[derive(Default, Clone)]
struct Known {
    reminders: Reminders,
    day_start_hour: u8,
    /// Diary days (from today on) with a plan in force and a target above 0 g.
    plan_days: BTreeSet<NaiveDate>,
}

fn read_known(app: &AppHandle, now: NaiveDateTime) -> Option<Known> {
    let store = app.try_state::<AppState>()?.current().ok()?;
    let store = lock(&store);
    let settings = store.settings().ok()?;
    let today = diary_day(now, settings.day_start_hour);
    let plan_days = (0..3)
        .filter_map(|n| today.checked_add_days(chrono::Days::new(n)))
        .filter(
            |d| matches!(store.day_plan(*d, 0.0), Ok(Some(p)) if !p.finished && p.target_g > 0.0),
        )
        .collect();
    Some(Known {
        reminders: settings.reminders,
        day_start_hour: settings.day_start_hour,
        plan_days,
    })
}

/// Starts the reminder thread; it ends with the app.
pub fn start(app: &AppHandle) {
    let every = std::env::var(CHECK_ENV)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(20);
    let app = app.clone();
    std::thread::spawn(move || {
        let mut known = Known::default();
        let mut last = Local::now().naive_local();
        loop {
            std::thread::sleep(Duration::from_secs(every));
            let now = Local::now().naive_local();
            if let Some(k) = read_known(&app, now) {
                known = k;
            }
            let plan_at = |at: NaiveDateTime| {
                known
                    .plan_days
                    .contains(&diary_day(at, known.day_start_hour))
            };
            for due in known.reminders.due_between(last, now, plan_at) {
                if (now - due.at).num_minutes() < TOO_LATE_MINUTES {
                    send(&app, due);
                }
            }
            last = now;
        }
    });
}

/// Shows one reminder; a click on it brings the window forward and asks the page for the form.
/// A dose reminder on a day with some of the plan left also offers "Taken" (where the desktop
/// shows actions), which logs the planned dose ([`taper_core::Store::log_planned_dose`]) for the
/// page to show with Undo; when it cannot be logged (the diary is locked, the day has moved on)
/// it opens the dose form instead.
fn send(app: &AppHandle, due: Due) {
    let Some(desk) = app.try_state::<Arc<ReminderDesk>>().map(|d| Arc::clone(&d)) else {
        return;
    };
    let kind = due.kind;
    let mut note = notify_rust::Notification::new();
    note.appname("Taper")
        .summary("Taper")
        .body(kind.text())
        .action("default", "Open Taper");
    if kind == ReminderKind::Dose && planned_dose(app, due).is_some() {
        note.action(TAKEN, "Taken");
    }
    match note.show() {
        Ok(handle) => {
            *lock(&desk.problem) = None;
            let app = app.clone();
            std::thread::spawn(move || {
                handle.wait_for_action(|action| match action {
                    "default" => open_form(&app, &desk, kind),
                    TAKEN => match log_taken(&app, due) {
                        Some(dose) => *lock(&desk.taken) = Some(dose),
                        None => open_form(&app, &desk, kind),
                    },
                    _ => {}
                });
            });
        }
        Err(e) => {
            eprintln!("Taper: a reminder could not be shown: {e}");
            *lock(&desk.problem) = Some(format!(
                "A reminder could not be shown: this desktop's notification service did not answer ({e})."
            ));
        }
    }
}

/// The action key of a dose reminder's "Taken".
const TAKEN: &str = "taken";

/// Asks the page for `kind`'s form and brings the window forward.
fn open_form(app: &AppHandle, desk: &ReminderDesk, kind: ReminderKind) {
    desk.ask(kind);
    crate::tray::show_window(app);
}

/// The grams "Taken" would log now for the reminder `due`; None when the diary is not open or
/// there is nothing to log.
fn planned_dose(app: &AppHandle, due: Due) -> Option<f64> {
    let store = app.try_state::<AppState>()?.current().ok()?;
    let store = lock(&store);
    store
        .planned_dose_g(due.at, Local::now().naive_local())
        .ok()
        .flatten()
}

/// Logs the planned dose for `due` now; None when it could not be (then nothing was saved).
fn log_taken(app: &AppHandle, due: Due) -> Option<Dose> {
    let store = app.try_state::<AppState>()?.current().ok()?;
    let mut store = lock(&store);
    match store.log_planned_dose(due.at, Local::now().fixed_offset()) {
        Ok(dose) => dose,
        Err(e) => {
            eprintln!("Taper: a dose answered from a reminder was not saved: {e}");
            None
        }
    }
}
