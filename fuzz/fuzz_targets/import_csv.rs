//! Any bytes given to the spreadsheet importer (RFC 4180 reader, column mapping, every row
//! through the app's dose validation): a preview with bad rows, or a typed refusal; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taper_core::settings::Settings;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
        let _ = taper_core::export::csv::read(text);
        let _ = taper_core::export::parse_dose_csv(text, &Settings::default(), now);
    }
});
