//! The TypeScript types the UI uses are generated from these Rust types. This test fails when
//! the committed `ui/src/bindings.ts` differs from what the Rust types say; run
//! `UPDATE_BINDINGS=1 cargo test -p taper-core bindings` to rewrite it.

use ts_rs::TS;

use crate::chart::ChartTheme;
use crate::checkin::{CheckIn, CheckInInput, ItemScore};
use crate::dose::{Dose, DoseInput, Form, Unit};
use crate::error::{ApiError, ErrorCode};
use crate::export::{
    BadRow, ColumnMapping, DecimalMark, DeletedMatch, Delimiter, DoseImportPreview,
    DoseImportSummary, EntryKind, ExportKind, ImportMode, ImportSummary, ImportedDose,
};
use crate::figure::{ChartImage, ChartKind, ChartRange, ChartRequest, PlanPreview, SaveFormat};
use crate::instrument::{Band, Instrument, Item};
use crate::medicine::{Medicine, MedicineInput};
use crate::plan::{DayProgress, PlanDay, PlanParams, Rounding, Shape};
use crate::reminder::{ReminderKind, Reminders};
use crate::report::{Paper, ReportOptions};
use crate::settings::{CheckinChoice, QuickAmount, Settings, Theme};
use crate::share::{ImportOutcome, ImportPreview, ReportPreview};
use crate::store::{AppInfo, DayPlan, DayView, Plan, PlanChange, PlanVersion};
use crate::store::{BackupInfo, BackupKind, Opening, Recovered, Trouble};
use crate::symptom::Symptom;

fn decl<T: TS>() -> String {
    let cfg = ts_rs::Config::default();
    let mut out = String::new();
    if let Some(doc) = T::docs() {
        out.push_str(doc.trim_end());
        out.push('\n');
    }
    out.push_str("export ");
    out.push_str(&T::decl(&cfg));
    out.push('\n');
    out
}

pub fn render() -> String {
    let mut s = String::from(
        "// Generated from crates/core by ts-rs (cargo test -p taper-core bindings). Do not edit by hand.\n",
    );
    for d in [
        decl::<ErrorCode>(),
        decl::<ApiError>(),
        decl::<Form>(),
        decl::<Unit>(),
        decl::<DoseInput>(),
        decl::<Dose>(),
        decl::<Symptom>(),
        decl::<ItemScore>(),
        decl::<CheckInInput>(),
        decl::<CheckIn>(),
        decl::<MedicineInput>(),
        decl::<Medicine>(),
        decl::<Shape>(),
        decl::<Rounding>(),
        decl::<PlanParams>(),
        decl::<PlanDay>(),
        decl::<DayProgress>(),
        decl::<DayPlan>(),
        decl::<PlanChange>(),
        decl::<PlanVersion>(),
        decl::<Plan>(),
        decl::<DayView>(),
        decl::<ChartTheme>(),
        decl::<ChartKind>(),
        decl::<ChartRange>(),
        decl::<ChartRequest>(),
        decl::<ChartImage>(),
        decl::<SaveFormat>(),
        decl::<PlanPreview>(),
        decl::<Paper>(),
        decl::<ReportOptions>(),
        decl::<ReportPreview>(),
        decl::<ExportKind>(),
        decl::<ImportMode>(),
        decl::<EntryKind>(),
        decl::<DeletedMatch>(),
        decl::<ImportSummary>(),
        decl::<ColumnMapping>(),
        decl::<BadRow>(),
        decl::<Delimiter>(),
        decl::<DecimalMark>(),
        decl::<ImportedDose>(),
        decl::<DoseImportPreview>(),
        decl::<DoseImportSummary>(),
        decl::<ImportPreview>(),
        decl::<ImportOutcome>(),
        decl::<BackupKind>(),
        decl::<BackupInfo>(),
        decl::<Trouble>(),
        decl::<Recovered>(),
        decl::<Opening>(),
        decl::<Item>(),
        decl::<Band>(),
        decl::<Instrument>(),
        decl::<QuickAmount>(),
        decl::<Theme>(),
        decl::<CheckinChoice>(),
        decl::<Reminders>(),
        decl::<ReminderKind>(),
        decl::<Settings>(),
        decl::<AppInfo>(),
    ] {
        s.push_str(&d);
    }
    s
}

#[test]
fn bindings_match_the_committed_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/bindings.ts");
    let want = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &want).expect("write bindings");
    }
    let have = std::fs::read_to_string(path).expect("read ui/src/bindings.ts");
    assert!(
        have == want,
        "ui/src/bindings.ts is out of date with the Rust types; run UPDATE_BINDINGS=1 cargo test -p taper-core bindings\n--- committed\n{have}\n--- generated\n{want}"
    );
}
