//! "Keep Taper running in the tray" (off by default) and the window's remembered size and place.
//!
//! With the option on, a tray icon (titled "Taper", nothing else) offers Log dose, Check in,
//! Open Taper and Quit Taper, and closing the window hides it instead of quitting, so the
//! process and its reminders (`crate::reminders`) go on. Log dose and Check in ask for their
//! form the way a clicked reminder does (`ReminderDesk::ask`, taken by the page's
//! `take_reminder`). Turning it off removes the icon, and closing quits again.
//!
//! The choice belongs to this computer's desktop, like starting at login, not to a diary: it is
//! kept in the app's config folder (`~/.config/app.taper.desktop/desktop.json`, beside the
//! window-state plugin's `.window-state.json`), so the shell knows it at start, before any diary
//! is open or unlocked, and opening another diary file or restoring a backup does not change it.
//!
//! On Linux the icon needs the indicator library (libayatana-appindicator3 or libappindicator3),
//! loaded at run time; without it the tray would panic, so it is looked for first and its
//! absence is kept for Settings to say, with the window closing as usual.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use taper_core::reminder::ReminderKind;
use taper_core::{ApiError, ErrorCode};
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use crate::reminders::ReminderDesk;
use crate::state::{lock, Reply};

const TRAY_ID: &str = "taper";
const PREFS_FILE: &str = "desktop.json";

/// What the window-state plugin keeps: not visibility, which the tray decides.
pub fn window_state_flags() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// This computer's desktop choices, kept outside the diary. Fields added later default.
#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
struct Prefs {
    keep_in_tray: bool,
}

/// The tray (managed state).
#[derive(Default)]
pub struct TrayDesk {
    /// The icon is up: closing the window hides it.
    shown: AtomicBool,
    /// Why the icon could not be shown, if it could not.
    problem: Mutex<Option<String>>,
    /// Told of each move and resize of the window (`keep_window_state`).
    moved: Mutex<Option<Sender<()>>>,
}

impl TrayDesk {
    pub fn problem(&self) -> Option<String> {
        lock(&self.problem).clone()
    }
}

fn desk(app: &AppHandle) -> Option<Arc<TrayDesk>> {
    app.try_state::<Arc<TrayDesk>>().map(|d| Arc::clone(&d))
}

fn prefs_path(app: &AppHandle) -> Reply<PathBuf> {
    app.path()
        .app_config_dir()
        .map(|d| d.join(PREFS_FILE))
        .map_err(|e| tray_error(format!("Taper's settings folder could not be found: {e}.")))
}

fn read_prefs(app: &AppHandle) -> Prefs {
    prefs_path(app)
        .ok()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_prefs(app: &AppHandle, prefs: &Prefs) -> Reply<()> {
    let path = prefs_path(app)?;
    let failed = |e: std::io::Error| tray_error(format!("The choice could not be saved: {e}."));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let text = serde_json::to_vec_pretty(prefs).map_err(|e| tray_error(e.to_string()))?;
    // Written beside it and renamed over it, so a crash leaves the old file or the new one.
    let part = path.with_extension("json.part");
    std::fs::write(&part, text).map_err(failed)?;
    std::fs::rename(&part, &path).map_err(failed)
}

fn tray_error(message: String) -> ApiError {
    ApiError {
        code: ErrorCode::Storage,
        message,
        field: Some("keep_in_tray".to_owned()),
    }
}

/// The window's size and place are written a second after it stops moving or resizing, not only
/// when it closes or Taper quits: a session that ends at logout, or a killed process, never gets
/// that far. The thread ends with the app.
fn keep_window_state(app: &AppHandle) {
    let Some(desk) = desk(app) else {
        return;
    };
    let (tx, rx) = mpsc::channel::<()>();
    *lock(&desk.moved) = Some(tx);
    let app = app.clone();
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            while rx.recv_timeout(Duration::from_secs(1)).is_ok() {}
            if let Err(e) = app.save_window_state(window_state_flags()) {
                eprintln!("Taper: the window's size and place could not be kept: {e}");
            }
        }
    });
}

/// At start: keeps the window's size and place as it changes, and shows the icon when the
/// option is on.
pub fn start(app: &AppHandle) {
    keep_window_state(app);
    // The indicator's title is the application's name; unset, it would be the binary's.
    #[cfg(target_os = "linux")]
    glib::set_application_name("Taper");
    if read_prefs(app).keep_in_tray {
        show_icon(app);
    }
}

/// Whether the option is on (whether or not the icon could be shown).
pub fn keep_in_tray(app: &AppHandle) -> bool {
    read_prefs(app).keep_in_tray
}

/// Turns the option on or off: keeps the choice, then shows or removes the icon.
pub fn set_keep_in_tray(app: &AppHandle, on: bool) -> Reply<bool> {
    write_prefs(app, &Prefs { keep_in_tray: on })?;
    if on {
        show_icon(app);
    } else {
        remove_icon(app);
    }
    Ok(on)
}

/// Why the icon is not shown although the option is on; None otherwise.
pub fn problem(app: &AppHandle) -> Option<String> {
    desk(app).and_then(|d| d.problem())
}

/// The indicator library the tray loads at run time, looked for under the names it uses.
#[cfg(target_os = "linux")]
fn indicator_library() -> Result<(), String> {
    const NAMES: [&str; 2] = ["libayatana-appindicator3.so.1", "libappindicator3.so.1"];
    for name in NAMES {
        // SAFETY: loading a system library runs its initialisers, as the tray itself would a
        // moment later; nothing from it is called here.
        if unsafe { libloading::Library::new(name) }.is_ok() {
            return Ok(());
        }
    }
    Err(
        "The tray icon could not be shown: this computer has no indicator library \
         (libayatana-appindicator3). Closing the window quits Taper."
            .to_owned(),
    )
}

#[cfg(not(target_os = "linux"))]
fn indicator_library() -> Result<(), String> {
    Ok(())
}

fn show_icon(app: &AppHandle) {
    let Some(desk) = desk(app) else {
        return;
    };
    let could_not = |e: tauri::Error| {
        format!("The tray icon could not be shown ({e}). Closing the window quits Taper.")
    };
    let shown = match app.tray_by_id(TRAY_ID) {
        // Shown again rather than made again: an indicator, once made, stays on the bus (hidden
        // as "passive") for as long as the process runs.
        Some(icon) => icon.set_visible(true).map_err(could_not),
        None => indicator_library().and_then(|()| build_icon(app).map(drop).map_err(could_not)),
    };
    match shown {
        Ok(()) => {
            *lock(&desk.problem) = None;
            desk.shown.store(true, Ordering::SeqCst);
        }
        Err(message) => {
            eprintln!("Taper: {message}");
            *lock(&desk.problem) = Some(message);
            desk.shown.store(false, Ordering::SeqCst);
        }
    }
}

fn remove_icon(app: &AppHandle) {
    if let Some(desk) = desk(app) {
        desk.shown.store(false, Ordering::SeqCst);
        *lock(&desk.problem) = None;
    }
    // Hidden, not dropped: on Linux a dropped icon only turns "passive" and stays on the bus,
    // where a new one with the same name could not be put again.
    if let Some(icon) = app.tray_by_id(TRAY_ID) {
        if let Err(e) = icon.set_visible(false) {
            eprintln!("Taper: the tray icon could not be hidden: {e}");
        }
    }
}

/// The app's own 64 px icon (icons/), decoded once for the tray.
fn icon_image() -> Option<tauri::image::Image<'static>> {
    let decoder = png::Decoder::new(std::io::Cursor::new(
        &include_bytes!("../../icons/64x64.png")[..],
    ));
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buf).ok()?;
    if info.color_type != png::ColorType::Rgba || info.bit_depth != png::BitDepth::Eight {
        return None;
    }
    buf.truncate(info.buffer_size());
    Some(tauri::image::Image::new_owned(buf, info.width, info.height))
}

fn build_icon(app: &AppHandle) -> tauri::Result<TrayIcon> {
    let menu = Menu::with_items(
        app,
        &[
            &MenuItem::with_id(app, "log_dose", "Log dose", true, None::<&str>)?,
            &MenuItem::with_id(app, "check_in", "Check in", true, None::<&str>)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, "open", "Open Taper", true, None::<&str>)?,
            &MenuItem::with_id(app, "quit", "Quit Taper", true, None::<&str>)?,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Taper")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(on_menu)
        .on_tray_icon_event(|tray, event| {
            // A left click opens the window (where the desktop reports clicks; Linux's
            // indicators show the menu instead, which has Open Taper).
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_window(tray.app_handle());
            }
        });
    if let Some(icon) = icon_image().or_else(|| app.default_window_icon().cloned()) {
        builder = builder.icon(icon);
    }
    builder.build(app)
}

fn on_menu(app: &AppHandle, event: MenuEvent) {
    match event.id().as_ref() {
        "log_dose" => ask(app, ReminderKind::Dose),
        "check_in" => ask(app, ReminderKind::CheckIn),
        "open" => show_window(app),
        "quit" => quit(app),
        _ => {}
    }
}

/// Opens a form as a clicked reminder does: the page takes it when the window comes forward.
fn ask(app: &AppHandle, kind: ReminderKind) {
    if let Some(desk) = app.try_state::<Arc<ReminderDesk>>() {
        desk.ask(kind);
    }
    show_window(app);
}

/// Brings the window back and to the front.
pub fn show_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Quit Taper: keeps the window's size and place (as last shown), then ends the process.
fn quit(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        if window.is_visible().unwrap_or(false) {
            let _ = app.save_window_state(window_state_flags());
        }
        // Gone before the exit, so the plugin's save at exit keeps what was last shown rather
        // than what a hidden window reports.
        let _ = window.destroy();
    }
    app.exit(0);
}

/// The main window's events: a move or resize is kept (`keep_window_state`), a close keeps its
/// size and place, and with the icon up hides the window instead of quitting.
pub fn on_window_event(window: &tauri::Window, event: &WindowEvent) {
    let app = window.app_handle();
    match event {
        WindowEvent::Moved(_) | WindowEvent::Resized(_) => {
            if let Some(tx) = desk(app).and_then(|d| lock(&d.moved).clone()) {
                let _ = tx.send(());
            }
        }
        WindowEvent::CloseRequested { api, .. } => {
            if let Err(e) = app.save_window_state(window_state_flags()) {
                eprintln!("Taper: the window's size and place could not be kept: {e}");
            }
            if desk(app).is_some_and(|d| d.shown.load(Ordering::SeqCst)) {
                api.prevent_close();
                let _ = window.hide();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_is_off_unless_kept_on_and_old_files_still_read() {
        assert!(!Prefs::default().keep_in_tray);
        let old: Prefs = serde_json::from_str("{}").expect("an empty file reads");
        assert_eq!(old, Prefs::default());
        let later: Prefs =
            serde_json::from_str(r#"{"keep_in_tray":true,"other":1}"#).expect("a later file reads");
        assert!(later.keep_in_tray);
    }

    #[test]
    fn the_tray_icon_is_the_apps_own() {
        let icon = icon_image().expect("icons/64x64.png decodes to RGBA");
        assert_eq!((icon.width(), icon.height()), (64, 64));
    }
}
