//! Taper's desktop shell. Each command parses its arguments, calls the core and maps the error;
//! every behaviour lives in `taper-core`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

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
            app.manage(commands::AppState::open());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::get_settings,
            commands::save_settings,
            commands::get_day,
            commands::add_dose,
            commands::update_dose,
            commands::delete_dose,
            commands::restore_dose,
            commands::add_checkin,
            commands::update_checkin,
            commands::delete_checkin,
            commands::restore_checkin,
            commands::symptoms,
            commands::usual_amounts,
            commands::products,
            commands::instruments,
            commands::all_symptoms,
            commands::add_symptom,
            commands::rename_symptom,
            commands::archive_symptom,
            commands::add_medicine,
            commands::update_medicine,
            commands::delete_medicine,
            commands::restore_medicine,
            commands::medicine_names,
            commands::current_plan,
            commands::suggest_start,
            commands::preview_plan,
            commands::create_plan,
            commands::step_back,
            commands::get_chart,
            commands::plan_sparkline,
            commands::save_chart,
            commands::default_report_options,
            commands::report_preview,
            commands::save_report,
            commands::export_data,
            commands::preview_import,
            commands::import_file,
            commands::list_backups,
            commands::back_up_now,
            commands::restore_backup,
            commands::opening,
            commands::start_diary,
            commands::unlock,
            commands::lock_app,
            commands::set_passphrase,
            commands::delete_everything,
            commands::retry_open,
            commands::start_new_diary,
            commands::diary_version,
            commands::restore_from_trouble,
            commands::open_other_diary,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("Taper could not start: {e}");
        std::process::exit(1);
    }
}
