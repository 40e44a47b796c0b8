//! The IPC surface. Work runs on a blocking thread; the store lock is taken there and never
//! held across an await. Every error reaches the UI as `{code, message, field}`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{Local, NaiveDate, Utc};
use taper_core::chart::{write_chart_file, ChartTheme};
use taper_core::checkin::{CheckIn, CheckInInput};
use taper_core::day::parse_day;
use taper_core::dose::{Dose, DoseInput};
use taper_core::export::{ExportKind, ImportMode};
use taper_core::figure::{self, ChartImage, ChartRange, ChartRequest, PlanPreview, SaveFormat};
use taper_core::instrument::{self, Instrument};
use taper_core::medicine::{Medicine, MedicineInput};
use taper_core::plan::{self, PlanParams};
use taper_core::report::{self, ReportOptions};
use taper_core::settings::{QuickAmount, Settings};
use taper_core::share::{self, ImportOutcome, ImportPreview, ReportPreview};
use taper_core::store::OpenOptions;
use taper_core::store::{
    self as store, data_dir, AppInfo, BackupInfo, BackupKind, Opening, Passphrase, Plan, Recovered,
    DB_FILE,
};
use taper_core::symptom::Symptom;
use taper_core::{ApiError, DayView, ErrorCode, Store};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// The diary, or why it is not open: no diary yet (first start), an encrypted diary waiting for
/// its passphrase, the app lock, or trouble (the UI then shows the trouble screen, whose ways
/// out — try again, restore a backup, open another file — replace it). Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

struct Shared {
    /// The diary file in use: the data folder's, or another the person opened.
    db: Mutex<Result<PathBuf, ApiError>>,
    store: Mutex<Result<Arc<Mutex<Store>>, ApiError>>,
    /// The passphrase that unlocked an encrypted diary, kept to open it again after trouble;
    /// forgotten when the app locks.
    key: Mutex<Option<Passphrase>>,
}

/// A reason the diary is not open that is a screen of its own, not trouble.
fn gate(code: ErrorCode, message: &str) -> ApiError {
    ApiError {
        code,
        message: message.to_owned(),
        field: None,
    }
}

fn first_start() -> ApiError {
    gate(ErrorCode::FirstStart, "There is no diary yet.")
}

fn app_locked() -> ApiError {
    gate(ErrorCode::AppLocked, "Taper is locked. Unlock it to go on.")
}

/// Takes a lock even after a panic elsewhere: every write is one transaction, rolled back if
/// it did not finish, so what the lock guards is still sound.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn open() -> Self {
        let db = data_dir().map(|d| d.join(DB_FILE)).map_err(ApiError::from);
        let state = AppState {
            inner: Arc::new(Shared {
                store: Mutex::new(Err(ApiError::internal("The diary is being opened."))),
                db: Mutex::new(db),
                key: Mutex::new(None),
            }),
        };
        let _ = state.reopen();
        state.keep_backing_up();
        state
    }

    /// An app left open for days makes its daily backup when the day comes, not only at start:
    /// every hour (or every `$TAPER_BACKUP_CHECK_SECONDS`, for the end-to-end tests) the backup
    /// is made if one is due. The thread ends with the app.
    fn keep_backing_up(&self) {
        let every = std::env::var(BACKUP_CHECK_ENV)
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|s| *s > 0)
            .unwrap_or(60 * 60);
        let shared = Arc::downgrade(&self.inner);
        std::thread::spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(every));
            let Some(inner) = shared.upgrade() else {
                return;
            };
            AppState { inner }.back_up_when_due();
        });
    }

    /// The open diary, or why there is none.
    fn current(&self) -> Reply<Arc<Mutex<Store>>> {
        lock(&self.inner.store).clone()
    }

    fn db(&self) -> Reply<PathBuf> {
        lock(&self.inner.db).clone()
    }

    /// Opens the diary file in use again (blocking): at start, after trouble ("Try again").
    /// A missing diary is never made here: without one the app shows its first start (which
    /// creates it, with or without a passphrase), or, when backups of it are there, the
    /// trouble screen that offers them.
    fn reopen(&self) -> Reply<()> {
        if let Ok(db) = self.db() {
            if store::no_diary_at(&db) {
                return self.use_store(Err(store::missing_diary(&db).unwrap_or_else(first_start)));
            }
        }
        let opened = self.db().and_then(|db| {
            if let Some(dir) = db.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| ApiError::from(taper_core::Error::from(e)))?;
            }
            let key = lock(&self.inner.key).clone();
            Store::open_with(&db, OpenOptions::default().key(key.as_ref())).map_err(ApiError::from)
        });
        self.use_store(opened)
    }

    /// Opens the diary file in use with `key` (first start, unlock). A passphrase that does
    /// not open it changes nothing and is not kept.
    fn open_with(&self, key: Option<Passphrase>) -> Reply<()> {
        let db = self.db()?;
        if let Some(dir) = db.parent() {
            std::fs::create_dir_all(dir).map_err(|e| ApiError::from(taper_core::Error::from(e)))?;
        }
        match Store::open_with(&db, OpenOptions::default().key(key.as_ref())) {
            Err(e @ (taper_core::Error::WrongPassphrase | taper_core::Error::NeedsPassphrase)) => {
                Err(e.into())
            }
            opened => {
                *lock(&self.inner.key) = key;
                self.use_store(opened.map_err(ApiError::from))
            }
        }
    }

    /// Makes `opened` the diary every command uses (or the trouble shown). A diary that opened
    /// gets its daily backup when one is due.
    fn use_store(&self, opened: Reply<Store>) -> Reply<()> {
        let result = opened.map(|s| Arc::new(Mutex::new(s)));
        let reply = result.as_ref().map(|_| ()).map_err(Clone::clone);
        *lock(&self.inner.store) = result;
        if reply.is_ok() {
            self.back_up_when_due();
        }
        reply
    }

    /// The daily backup, off the start-up path. A failure is not fatal: the diary is fine, and
    /// Settings lists the backups that exist.
    fn back_up_when_due(&self) {
        let Ok(store) = self.current() else { return };
        std::thread::spawn(move || {
            let guard = lock(&store);
            if guard.is_read_only() {
                return;
            }
            if let Err(e) = guard.back_up_if_due(Utc::now()) {
                eprintln!("Taper: the daily backup was not made: {e}");
            }
        });
    }
}

type Reply<T> = Result<T, ApiError>;

/// Seconds between checks for a due daily backup while the app is open (default an hour).
const BACKUP_CHECK_ENV: &str = "TAPER_BACKUP_CHECK_SECONDS";

async fn with_store<T: Send + 'static, E: Into<ApiError>>(
    state: State<'_, AppState>,
    f: impl FnOnce(&mut Store) -> Result<T, E> + Send + 'static,
) -> Reply<T> {
    let store = state.current()?;
    tauri::async_runtime::spawn_blocking(move || f(&mut lock(&store)).map_err(Into::into))
        .await
        .map_err(|e| {
            ApiError::internal(format!(
                "Taper hit an internal problem and nothing was saved ({e})."
            ))
        })?
}

/// The current diary day on this computer's clock.
fn today(s: &Store) -> taper_core::Result<NaiveDate> {
    s.today(Local::now().naive_local())
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    with_store(state, |s| {
        s.info(env!("CARGO_PKG_VERSION"), Local::now().naive_local())
    })
    .await
}

/// A number that changes when another process commits to the diary (see
/// [`Store::data_version`]): the window reloads what it shows when it changes.
#[tauri::command]
pub async fn diary_version(state: State<'_, AppState>) -> Reply<i64> {
    with_store(state, |s| s.data_version()).await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Reply<Settings> {
    with_store(state, |s| s.settings()).await
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: Settings) -> Reply<Settings> {
    with_store(state, move |s| s.save_settings(settings)).await
}

#[tauri::command]
pub async fn get_day(state: State<'_, AppState>, date: String) -> Reply<DayView> {
    with_store(state, move |s| s.day(parse_day("date", &date)?)).await
}

#[tauri::command]
pub async fn add_dose(state: State<'_, AppState>, input: DoseInput) -> Reply<Dose> {
    with_store(state, move |s| s.add_dose(&input, Utc::now())).await
}

#[tauri::command]
pub async fn update_dose(state: State<'_, AppState>, id: i64, input: DoseInput) -> Reply<Dose> {
    with_store(state, move |s| s.update_dose(id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn delete_dose(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(state, move |s| s.delete_dose(id, Utc::now())).await
}

#[tauri::command]
pub async fn restore_dose(state: State<'_, AppState>, id: i64) -> Reply<Dose> {
    with_store(state, move |s| s.restore_dose(id, Utc::now())).await
}

#[tauri::command]
pub async fn add_checkin(state: State<'_, AppState>, input: CheckInInput) -> Reply<CheckIn> {
    with_store(state, move |s| s.add_checkin(&input, Utc::now())).await
}

#[tauri::command]
pub async fn update_checkin(
    state: State<'_, AppState>,
    id: i64,
    input: CheckInInput,
) -> Reply<CheckIn> {
    with_store(state, move |s| s.update_checkin(id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn delete_checkin(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(state, move |s| s.delete_checkin(id, Utc::now())).await
}

#[tauri::command]
pub async fn restore_checkin(state: State<'_, AppState>, id: i64) -> Reply<CheckIn> {
    with_store(state, move |s| s.restore_checkin(id, Utc::now())).await
}

#[tauri::command]
pub async fn symptoms(state: State<'_, AppState>) -> Reply<Vec<Symptom>> {
    with_store(state, |s| s.symptoms()).await
}

#[tauri::command]
pub async fn usual_amounts(state: State<'_, AppState>) -> Reply<Vec<QuickAmount>> {
    with_store(state, |s| s.usual_amounts()).await
}

#[tauri::command]
pub async fn products(state: State<'_, AppState>) -> Reply<Vec<String>> {
    with_store(state, |s| s.products()).await
}

/// Every instrument definition: the kratom checklist, SOWS and COWS.
#[tauri::command]
pub fn instruments() -> Vec<Instrument> {
    instrument::ALL.iter().map(|i| **i).collect()
}

#[tauri::command]
pub async fn all_symptoms(state: State<'_, AppState>) -> Reply<Vec<Symptom>> {
    with_store(state, |s| s.all_symptoms()).await
}

#[tauri::command]
pub async fn add_symptom(state: State<'_, AppState>, label: String) -> Reply<Symptom> {
    with_store(state, move |s| s.add_symptom(&label)).await
}

#[tauri::command]
pub async fn rename_symptom(
    state: State<'_, AppState>,
    key: String,
    label: String,
) -> Reply<Symptom> {
    with_store(state, move |s| s.rename_symptom(&key, &label)).await
}

#[tauri::command]
pub async fn archive_symptom(
    state: State<'_, AppState>,
    key: String,
    archived: bool,
) -> Reply<Symptom> {
    with_store(state, move |s| s.archive_symptom(&key, archived)).await
}

#[tauri::command]
pub async fn add_medicine(state: State<'_, AppState>, input: MedicineInput) -> Reply<Medicine> {
    with_store(state, move |s| s.add_medicine(&input, Utc::now())).await
}

#[tauri::command]
pub async fn update_medicine(
    state: State<'_, AppState>,
    id: i64,
    input: MedicineInput,
) -> Reply<Medicine> {
    with_store(state, move |s| s.update_medicine(id, &input, Utc::now())).await
}

#[tauri::command]
pub async fn delete_medicine(state: State<'_, AppState>, id: i64) -> Reply<()> {
    with_store(state, move |s| s.delete_medicine(id, Utc::now())).await
}

#[tauri::command]
pub async fn restore_medicine(state: State<'_, AppState>, id: i64) -> Reply<Medicine> {
    with_store(state, move |s| s.restore_medicine(id, Utc::now())).await
}

#[tauri::command]
pub async fn medicine_names(state: State<'_, AppState>) -> Reply<Vec<String>> {
    with_store(state, |s| s.medicine_names()).await
}

/// The plan in force today, else the next one to start; `null` when there is none.
#[tauri::command]
pub async fn current_plan(state: State<'_, AppState>) -> Reply<Option<Plan>> {
    with_store(state, |s| s.current_plan(today(s)?)).await
}

/// The suggested starting daily amount: the mean of the logged days among the last seven.
#[tauri::command]
pub async fn suggest_start(state: State<'_, AppState>) -> Reply<Option<f64>> {
    with_store(state, |s| {
        let today = today(s)?;
        let week_ago = today - chrono::Days::new(7);
        let totals: Vec<_> = s.daily_grams(week_ago, today)?.into_iter().collect();
        Ok::<_, taper_core::Error>(plan::suggest_start(&totals, today))
    })
    .await
}

#[tauri::command]
pub async fn preview_plan(
    params: PlanParams,
    width: u32,
    height: u32,
    theme: ChartTheme,
) -> Reply<PlanPreview> {
    tauri::async_runtime::spawn_blocking(move || {
        figure::plan_preview(&params, width, height, theme).map_err(ApiError::from)
    })
    .await
    .map_err(|e| ApiError::internal(format!("The preview could not be drawn ({e}).")))?
}

#[tauri::command]
pub async fn create_plan(state: State<'_, AppState>, params: PlanParams) -> Reply<Plan> {
    with_store(state, move |s| {
        let today = today(s)?;
        s.create_plan(&params, today, Utc::now())
    })
    .await
}

/// Step back today: repeat the previous amount for `repeat_days` days and shift the rest.
#[tauri::command]
pub async fn step_back(state: State<'_, AppState>, repeat_days: u32) -> Reply<Plan> {
    with_store(state, move |s| {
        let today = today(s)?;
        s.step_back(today, repeat_days, Utc::now())
    })
    .await
}

#[tauri::command]
pub async fn get_chart(state: State<'_, AppState>, request: ChartRequest) -> Reply<ChartImage> {
    with_store(state, move |s| {
        let today = today(s)?;
        figure::draw(s, &request, today)
    })
    .await
}

/// The sparkline of the plan in force today (SVG) for Today's plan card; `null` without one.
#[tauri::command]
pub async fn plan_sparkline(
    state: State<'_, AppState>,
    theme: ChartTheme,
) -> Reply<Option<String>> {
    with_store(state, move |s| {
        let today = today(s)?;
        figure::plan_sparkline(s, today, theme)
    })
    .await
}

/// Runs blocking work (files, PDF, dialogs) off the async runtime.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("Taper hit an internal problem ({e}).")))?
}

/// A system file dialog to show.
enum Ask {
    /// Save one file, suggesting `name`; `ext` is added when the person leaves it off.
    Save {
        title: &'static str,
        name: String,
        label: &'static str,
        ext: &'static str,
    },
    /// Choose (or make) a folder.
    Folder { title: &'static str },
    /// Open one existing file of the kind `filter` names.
    Open {
        title: &'static str,
        filter: (&'static str, &'static [&'static str]),
    },
}

/// Environment variables that replace the dialogs in the end-to-end tests (a WebDriver cannot
/// reach a native dialog): save dialogs answer `$TAPER_TEST_DIALOG_DIR/<suggested name>`,
/// folder dialogs `$TAPER_TEST_DIALOG_DIR` itself, the open dialog `$TAPER_TEST_OPEN_FILE`.
/// Not set in normal use.
const TEST_DIALOG_DIR: &str = "TAPER_TEST_DIALOG_DIR";
const TEST_OPEN_FILE: &str = "TAPER_TEST_OPEN_FILE";

/// Shows the dialog; `None` when the person cancelled.
async fn ask(app: AppHandle, what: Ask) -> Reply<Option<PathBuf>> {
    let stand_in = match &what {
        Ask::Save { name, .. } => {
            std::env::var_os(TEST_DIALOG_DIR).map(|d| PathBuf::from(d).join(name))
        }
        Ask::Folder { .. } => std::env::var_os(TEST_DIALOG_DIR).map(PathBuf::from),
        Ask::Open { .. } => std::env::var_os(TEST_OPEN_FILE).map(PathBuf::from),
    };
    if stand_in.is_some() {
        return Ok(stand_in);
    }
    let picked = blocking(move || {
        let dialog = app.dialog().file();
        Ok(match what {
            Ask::Save {
                title,
                name,
                label,
                ext,
            } => dialog
                .set_title(title)
                .set_file_name(name)
                .add_filter(label, &[ext])
                .blocking_save_file()
                .map(|p| (p, Some(ext))),
            Ask::Folder { title } => dialog
                .set_title(title)
                .blocking_pick_folder()
                .map(|p| (p, None)),
            Ask::Open { title, filter } => dialog
                .set_title(title)
                .add_filter(filter.0, filter.1)
                .blocking_pick_file()
                .map(|p| (p, None)),
        })
    })
    .await?;
    let Some((picked, ext)) = picked else {
        return Ok(None);
    };
    let mut path = picked
        .into_path()
        .map_err(|e| ApiError::internal(format!("That place cannot be used ({e}).")))?;
    if let Some(ext) = ext {
        if path.extension().is_none() {
            path.set_extension(ext);
        }
    }
    Ok(Some(path))
}

/// Asks where to save the chart (the system's save dialog), then writes it there as SVG or as
/// PNG at twice the size, always in the light theme (files are for sharing and printing).
/// Returns the path written, or `null` when the person cancelled.
#[tauri::command]
pub async fn save_chart(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ChartRequest,
    format: SaveFormat,
) -> Reply<Option<String>> {
    let request = ChartRequest {
        theme: ChartTheme::Light,
        ..request
    };
    let kind = request.kind;
    let image = with_store(state, move |s| {
        let today = today(s)?;
        figure::draw(s, &request, today)
    })
    .await?;
    let ext = format.extension();
    let ask_for = Ask::Save {
        title: "Save chart (not encrypted)",
        name: figure::file_name(kind, image.from, image.to, ext),
        label: format.label(),
        ext,
    };
    let Some(path) = ask(app, ask_for).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    blocking(move || write_chart_file(&path, &image.svg).map_err(ApiError::from)).await?;
    Ok(Some(shown))
}

/// The report options the Share screen starts with (paper from this computer's locale).
#[tauri::command]
pub fn default_report_options() -> ReportOptions {
    share::default_report_options()
}

fn generated_now() -> chrono::DateTime<chrono::FixedOffset> {
    Local::now().fixed_offset()
}

/// Page 1 of the report and its page count, for the Share screen's preview.
#[tauri::command]
pub async fn report_preview(
    state: State<'_, AppState>,
    options: ReportOptions,
) -> Reply<ReportPreview> {
    with_store(state, move |s| {
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

/// Makes the PDF, asks where to save it, writes it. `null` when the person cancelled.
#[tauri::command]
pub async fn save_report(
    app: AppHandle,
    state: State<'_, AppState>,
    options: ReportOptions,
) -> Reply<Option<String>> {
    let made = with_store(state, move |s| {
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

/// Exports the diary: CSV files into a folder the person picks, or the JSON backup or FHIR
/// bundle into a file. Returns the files written; `null` when the person cancelled.
#[tauri::command]
pub async fn export_data(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    range: ChartRange,
) -> Reply<Option<Vec<String>>> {
    let (days, name) = with_store(state.clone(), move |s| {
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
    with_store(state, move |s| {
        share::write_export(s, kind, days, &dest, Utc::now()).map(Some)
    })
    .await
}

/// The file the Share screen previewed last (see [`share::ImportPreviews`]): an import names
/// the preview by id, so the page never names a path, and gets exactly the bytes previewed.
#[derive(Clone, Default)]
pub struct Imports(Arc<Mutex<share::ImportPreviews>>);

/// Asks for a file to import and says what importing it would do; writes nothing. `null` when
/// the person cancelled. The preview's `id` is what [`import_file`] takes.
#[tauri::command]
pub async fn preview_import(
    app: AppHandle,
    state: State<'_, AppState>,
    imports: State<'_, Imports>,
) -> Reply<Option<ImportPreview>> {
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
    let imports = imports.inner().clone();
    with_store(state, move |s| {
        lock(&imports.0).preview(s, &path, Utc::now()).map(Some)
    })
    .await
}

/// Imports the file of preview `id` in one transaction; refused when the file changed since
/// the preview.
#[tauri::command]
pub async fn import_file(
    state: State<'_, AppState>,
    imports: State<'_, Imports>,
    id: u32,
    mode: Option<ImportMode>,
) -> Reply<ImportOutcome> {
    let imports = imports.inner().clone();
    with_store(state, move |s| {
        lock(&imports.0).import(s, id, mode, Utc::now())
    })
    .await
}

/// The diary's backups, newest first (Settings).
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Reply<Vec<BackupInfo>> {
    with_store(state, |s| s.backups()).await
}

/// "Back up now".
#[tauri::command]
pub async fn back_up_now(state: State<'_, AppState>) -> Reply<BackupInfo> {
    with_store(state, |s| s.back_up(BackupKind::Manual, Utc::now())).await
}

/// Replaces the diary with the backup named `file_name` (one of [`list_backups`]; checked
/// first; the diary as it was is kept as a "before restore" backup, which is returned).
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, file_name: String) -> Reply<BackupInfo> {
    with_store(state, move |s| {
        // Only a backup from the list: the page never names a path of its own.
        let backup = s
            .backups()?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or(taper_core::Error::NotFound { what: "backup" })?;
        s.restore(std::path::Path::new(&backup.path), Utc::now())
    })
    .await
}

/// The screen to start on: the diary, first start, unlock, the app lock, or trouble (why the
/// diary could not be opened, with the backups that could take its place).
#[tauri::command]
pub async fn opening(state: State<'_, AppState>) -> Reply<Opening> {
    let state = state.inner().clone();
    blocking(move || {
        let db = state.db().unwrap_or_default();
        Ok(store::opening(&db, state.current().err()))
    })
    .await
}

/// First start: makes the diary, encrypted when a passphrase is given.
#[tauri::command]
pub async fn start_diary(state: State<'_, AppState>, passphrase: Option<String>) -> Reply<()> {
    let state = state.inner().clone();
    blocking(move || {
        let key = passphrase
            .map(|p| Passphrase::new_for_diary(&p))
            .transpose()?;
        // A diary made meanwhile (another window, the CLI) is opened as it is, never re-keyed:
        // the page then shows its lock screen or the diary.
        if !store::no_diary_at(&state.db()?) {
            let _ = state.reopen();
            return Ok(());
        }
        state.open_with(key)
    })
    .await
}

/// Unlocks an encrypted diary (at start, or after the app lock) with its passphrase, or a
/// plain diary after the app lock (no passphrase).
#[tauri::command]
pub async fn unlock(state: State<'_, AppState>, passphrase: Option<String>) -> Reply<()> {
    let state = state.inner().clone();
    blocking(move || {
        let key = passphrase.map(|p| Passphrase::new(&p)).transpose()?;
        state.open_with(key)
    })
    .await
}

/// Locks the app: the diary is closed and, when encrypted, its passphrase forgotten; every
/// command answers "locked" until [`unlock`].
#[tauri::command]
pub async fn lock_app(state: State<'_, AppState>) -> Reply<()> {
    let state = state.inner().clone();
    blocking(move || {
        *lock(&state.inner.key) = None;
        let _ = state.use_store(Err(app_locked()));
        Ok(())
    })
    .await
}

/// Encrypts the diary and its backups, changes the passphrase, or removes it (`new` null).
/// When the diary is encrypted, `current` must be its passphrase.
#[tauri::command]
pub async fn set_passphrase(
    state: State<'_, AppState>,
    current: Option<String>,
    new: Option<String>,
) -> Reply<AppInfo> {
    let new = new.map(|p| Passphrase::new_for_diary(&p)).transpose()?;
    let shared = state.inner().clone();
    let kept = new.clone();
    let info = with_store(state, move |s| {
        if s.is_encrypted() {
            let given = current.as_deref().map(Passphrase::new).transpose()?;
            if given.as_ref() != lock(&shared.inner.key).as_ref() {
                return Err(ApiError::from(taper_core::Error::WrongPassphrase));
            }
        }
        s.set_passphrase(new)?;
        *lock(&shared.inner.key) = kept;
        Ok(s.info(env!("CARGO_PKG_VERSION"), Local::now().naive_local())?)
    })
    .await?;
    Ok(info)
}

/// "Delete all my data": closes the diary and deletes it, its backups and its settings, after
/// the typed confirmation. The app is back at first start.
#[tauri::command]
pub async fn delete_everything(state: State<'_, AppState>, confirmation: String) -> Reply<()> {
    let state = state.inner().clone();
    blocking(move || {
        let db = state.db()?;
        // Checked before the diary is closed, so a wrong confirmation changes nothing at all.
        store::confirm_delete(&confirmation)?;
        let _ = state.use_store(Err(first_start()));
        *lock(&state.inner.key) = None;
        store::delete_everything(&db, &confirmation)?;
        Ok(())
    })
    .await
}

/// "Start a new, empty diary" on the trouble screen of a missing diary: the app goes to its
/// first start (the backups stay where they are).
#[tauri::command]
pub async fn start_new_diary(state: State<'_, AppState>) -> Reply<()> {
    let state = state.inner().clone();
    blocking(move || {
        if !store::no_diary_at(&state.db()?) {
            return state.reopen();
        }
        state.use_store(Err(first_start()))
    })
    .await
}

/// "Try again": opens the diary afresh (another program may have let go of it).
#[tauri::command]
pub async fn retry_open(state: State<'_, AppState>) -> Reply<()> {
    let state = state.inner().clone();
    blocking(move || state.reopen()).await
}

/// Puts the backup named `file_name` (one of those [`trouble`] listed) in place of a diary that
/// cannot be opened; the diary that failed is renamed aside, unchanged.
#[tauri::command]
pub async fn restore_from_trouble(
    state: State<'_, AppState>,
    file_name: String,
) -> Reply<Recovered> {
    let state = state.inner().clone();
    blocking(move || {
        let db = state.db()?;
        // Only a backup from the list: the page never names a path of its own.
        let backup = store::list_backups(&store::backups_dir_of(&db))?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or_else(|| ApiError::from(taper_core::Error::NotFound { what: "backup" }))?;
        let key = lock(&state.inner.key).clone();
        let done = store::recover_from_backup(&db, backup.path.as_ref(), key.as_ref(), Utc::now())?;
        state.reopen()?;
        Ok(done)
    })
    .await
}

/// "Open another diary file…": for this session, Taper uses the diary file the person picks
/// (an existing one; nothing is created). `null` when they cancelled.
#[tauri::command]
pub async fn open_other_diary(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    let Some(path) = ask(
        app,
        Ask::Open {
            title: "Open a Taper diary",
            filter: ("Taper diary", &["db"]),
        },
    )
    .await?
    else {
        return Ok(None);
    };
    let state = state.inner().clone();
    blocking(move || {
        let opened = match Store::open_with(&path, OpenOptions::existing()) {
            // An encrypted diary: the unlock screen asks for its passphrase next.
            Err(e @ taper_core::Error::NeedsPassphrase) => Err(ApiError::from(e)),
            other => Ok(other?),
        };
        *lock(&state.inner.db) = Ok(path.clone());
        *lock(&state.inner.key) = None;
        let _ = state.use_store(opened);
        Ok(Some(path.display().to_string()))
    })
    .await
}
