//! Taper's desktop shell: the commands declared in `declared.rs` (see `ipc.rs`), handled in
//! `commands/` by calling the core; every behaviour lives in `taper-core`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod ipc;
mod state;

use tauri::Manager;

fn main() {
    // The diaries this process opens say "Taper is open in another window" to other processes.
    taper_core::store::identify_as_app();
    let result = tauri::Builder::default()
        // First, so a second launch stops before it opens the diary.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            eprintln!("Taper: a second start was handed over to this window");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::Imports::default())
        .setup(|app| {
            app.manage(state::AppState::open());
            Ok(())
        })
        .invoke_handler(ipc::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Taper could not start: {e}");
        std::process::exit(1);
    }
}
