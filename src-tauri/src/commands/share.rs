//! What leaves the diary or comes into it: the report, exports and imports.

use std::sync::{Arc, Mutex};

use chrono::{Local, Utc};
use taper_core::export::{ExportKind, ImportMode};
use taper_core::figure::ChartRange;
use taper_core::report::{self, ReportOptions};
use taper_core::share::{self, ImportOutcome, ImportPreview, ReportPreview};
use taper_core::ApiError;
use tauri::{AppHandle, Manager};

use super::dialog::{ask, Ask};
use super::{blocking, today, with_store};
use crate::state::{lock, Reply};

pub async fn default_report_options(_app: &AppHandle) -> Reply<ReportOptions> {
    Ok(share::default_report_options())
}

fn generated_now() -> chrono::DateTime<chrono::FixedOffset> {
    Local::now().fixed_offset()
}

pub async fn report_preview(app: &AppHandle, options: ReportOptions) -> Reply<ReportPreview> {
    with_store(app, move |s| {
        let today = today(s)?;
        share::report_preview(
            s,
            &options,
            today,
            generated_now(),
            env!("CARGO_PKG_VERSION"),
        )
    })
    .await
}

pub async fn save_report(app: &AppHandle, options: ReportOptions) -> Reply<Option<String>> {
    let made = with_store(app, move |s| {
        let today = today(s)?;
        report::build(
            s,
            &options,
            today,
            generated_now(),
            env!("CARGO_PKG_VERSION"),
        )
    })
    .await?;
    let ask_for = Ask::Save {
        title: "Save report (not encrypted)",
        name: share::report_file_name(made.from, made.to),
        label: "PDF document",
        ext: "pdf",
    };
    let Some(path) = ask(app, ask_for).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    blocking(move || report::write_pdf(&path, &made.pdf).map_err(ApiError::from)).await?;
    Ok(Some(shown))
}

pub async fn export_data(
    app: &AppHandle,
    kind: ExportKind,
    range: ChartRange,
) -> Reply<Option<Vec<String>>> {
    let (days, name) = with_store(app, move |s| {
        let today = today(s)?;
        let days = share::export_days(s, kind, &range, today)?;
        Ok::<_, taper_core::Error>((days, share::export_name(kind, days, today)))
    })
    .await?;
    let name_for_csv = name.clone();
    let ask_for = match kind {
        ExportKind::Csv => Ask::Folder {
            title: "Choose where to put a new folder of CSV files (not encrypted)",
        },
        ExportKind::Json => Ask::Save {
            title: "Save backup (not encrypted)",
            name,
            label: "Taper backup (JSON)",
            ext: "json",
        },
        ExportKind::Fhir => Ask::Save {
            title: "Save FHIR bundle (not encrypted)",
            name,
            label: "FHIR R4 bundle (JSON)",
            ext: "json",
        },
    };
    let Some(picked) = ask(app, ask_for).await? else {
        return Ok(None);
    };
    // CSV files go into a new folder of their own, so an earlier export is never replaced.
    let dest = match kind {
        ExportKind::Csv => share::new_export_folder(&picked, &name_for_csv),
        ExportKind::Json | ExportKind::Fhir => picked,
    };
    let written = with_store(app, move |s| {
        share::write_export(s, kind, days, &dest, Utc::now()).map(Some)
    })
    .await?;
    // The CSV files, in a folder no dialog named: "Show in folder" may show them.
    for file in written.iter().flatten() {
        super::remember_saved(app, file);
    }
    Ok(written)
}

/// The file the Share screen previewed last (see [`share::ImportPreviews`]): an import names
/// the preview by id, so the page never names a path, and gets exactly the bytes previewed.
#[derive(Clone, Default)]
pub struct Imports(Arc<Mutex<share::ImportPreviews>>);

pub async fn preview_import(app: &AppHandle) -> Reply<Option<ImportPreview>> {
    let Some(path) = ask(
        app,
        Ask::Open {
            title: "Import",
            filter: ("Taper backup or spreadsheet CSV", &["json", "csv", "txt"]),
        },
    )
    .await?
    else {
        return Ok(None);
    };
    let imports = app.state::<Imports>().inner().clone();
    with_store(app, move |s| {
        lock(&imports.0).preview(s, &path, Utc::now()).map(Some)
    })
    .await
}

pub async fn import_file(
    app: &AppHandle,
    id: u32,
    mode: Option<ImportMode>,
) -> Reply<ImportOutcome> {
    let imports = app.state::<Imports>().inner().clone();
    with_store(app, move |s| {
        lock(&imports.0).import(s, id, mode, Utc::now())
    })
    .await
}
