//! Taper's desktop shell: the commands declared in `declared.rs` (see `ipc.rs`), handled in
//! `commands/` by calling the core; every behaviour lives in `taper-core`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod ipc;
mod reminders;
mod state;
mod tray;

use tauri::Manager;

/// The first argument that makes this binary the `taper` command line (the package's
/// `/usr/bin/taper` is a two-line script passing it), so the package carries the core once.
const AS_CLI: &str = "--taper-cli";

const USAGE: &str = "Taper: a private desktop diary for tapering off kratom.

Usage: taper-app            open Taper's window (on Today)
       taper-app --version  print the version
       taper-app --help     print this

The diary is in ~/.local/share/taper (or $TAPER_DATA_DIR). The same diary from a terminal:
`taper --help`.";

fn main() -> std::process::ExitCode {
    let mut args = std::env::args_os();
    if let (Some(_), Some(first)) = (args.next(), args.next()) {
        if first == AS_CLI {
            return taper_cli::main_with(std::iter::once("taper".into()).chain(args));
        }
        // Answered without a window, so they work without a desktop session (over SSH, say).
        if first == "--version" || first == "-V" {
            println!("taper-app {}", env!("CARGO_PKG_VERSION"));
            return std::process::ExitCode::SUCCESS;
        }
        if first == "--help" || first == "-h" {
            println!("{USAGE}");
            return std::process::ExitCode::SUCCESS;
        }
    }
    run_app();
    std::process::ExitCode::SUCCESS
}

fn run_app() {
    // The diaries this process opens say "Taper is open in another window" to other processes.
    taper_core::store::identify_as_app();
    let result = tauri::Builder::default()
        // First, so a second launch stops before it opens the diary.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            eprintln!("Taper: a second start was handed over to this window");
            tray::show_window(app);
        }))
        // The window's size, place and maximised state, in ~/.config/app.taper.desktop/; not
        // whether it is shown, which the tray decides (tray.rs).
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(tray::window_state_flags())
                .build(),
        )
        .plugin(tauri_plugin_dialog::init())
        // "Start at login" writes ~/.config/autostart/Taper.desktop (from Settings only).
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .app_name("Taper")
                .build(),
        )
        .manage(commands::Imports::default())
        .manage(std::sync::Arc::new(reminders::ReminderDesk::default()))
        .manage(commands::Saved::default())
        .manage(std::sync::Arc::new(tray::TrayDesk::default()))
        .on_window_event(tray::on_window_event)
        .setup(|app| {
            app.manage(state::AppState::open());
            reminders::start(app.handle());
            tray::start(app.handle());
            Ok(())
        })
        .invoke_handler(ipc::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Taper could not start: {e}");
        std::process::exit(1);
    }
}
