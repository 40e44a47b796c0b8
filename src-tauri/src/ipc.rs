//! The commands of [`declared.rs`](declared.rs) as Tauri commands, their handler list, and (in
//! the tests) the page's typed functions generated from the same list.

use chrono::NaiveDate;
use taper_core::chart::ChartTheme;
use taper_core::checkin::{CheckIn, CheckInInput};
use taper_core::dose::{Dose, DoseInput};
use taper_core::export::{ExportKind, ImportMode};
use taper_core::figure::{ChartImage, ChartRange, ChartRequest, PlanPreview, SaveFormat};
use taper_core::instrument::Instrument;
use taper_core::medicine::{Medicine, MedicineInput};
use taper_core::plan::PlanParams;
use taper_core::reminder::ReminderKind;
use taper_core::report::ReportOptions;
use taper_core::settings::{QuickAmount, Settings};
use taper_core::share::{ImportOutcome, ImportPreview, ReportPreview};
use taper_core::store::{AppInfo, BackupInfo, Opening, Plan, Recovered};
use taper_core::symptom::Symptom;
use taper_core::{ApiError, DayView};
use tauri::AppHandle;

include!("declared.rs");

/// Each declared command as a `#[tauri::command]` that calls its handler in `commands`, and
/// [`handler`], the list Tauri dispatches on.
macro_rules! commands_of {
    ($( $(#[doc = $doc:literal])* $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty; )*) => {
        $(
            $(#[doc = $doc])*
            #[tauri::command]
            pub async fn $name(app: AppHandle $(, $arg: $ty)*) -> Result<$ret, ApiError> {
                crate::commands::$name(&app $(, $arg)*).await
            }
        )*

        /// Every declared command, for `tauri::Builder::invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// The declared commands as the page's typed functions (`ui/src/commands.ts`).
        #[cfg(test)]
        pub fn typescript() -> String {
            let mut out = String::new();
            $(
                out.push_str(&wire::function(
                    stringify!($name),
                    &[$(concat!($doc)),*],
                    &[$((stringify!($arg), <$ty as wire::Wire>::ts())),*],
                    &<$ret as wire::Wire>::ts(),
                ));
            )*
            wire::module(&out)
        }
    };
}

declare_commands!(commands_of);

#[cfg(test)]
mod wire;
