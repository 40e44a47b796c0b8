//! Generates the permissions for Taper's own commands (and nothing else) and reads the one
//! app config at the repository root.

/// Every command the shell exposes. The capability file must list exactly these.
const COMMANDS: &[&str] = &[
    "app_info",
    "get_settings",
    "save_settings",
    "get_day",
    "add_dose",
    "update_dose",
    "delete_dose",
    "restore_dose",
    "add_checkin",
    "update_checkin",
    "delete_checkin",
    "restore_checkin",
    "symptoms",
    "usual_amounts",
    "products",
    "instruments",
    "all_symptoms",
    "add_symptom",
    "rename_symptom",
    "archive_symptom",
    "add_medicine",
    "update_medicine",
    "delete_medicine",
    "restore_medicine",
    "medicine_names",
    "current_plan",
    "suggest_start",
    "preview_plan",
    "create_plan",
    "step_back",
    "get_chart",
    "plan_sparkline",
    "save_chart",
    "default_report_options",
    "report_preview",
    "save_report",
    "export_data",
    "preview_import",
    "import_file",
    "list_backups",
    "back_up_now",
    "restore_backup",
    "opening",
    "start_diary",
    "unlock",
    "lock_app",
    "set_passphrase",
    "delete_everything",
    "retry_open",
    "start_new_diary",
    "diary_version",
    "restore_from_trouble",
    "open_other_diary",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri build script failed: {e:#}");
        std::process::exit(1);
    }
}
