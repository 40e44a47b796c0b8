//! Any bytes given to the spreadsheet importer (the bounded RFC 4180 reader, column mapping,
//! every row through the app's dose validation), as a stream and as text: a preview with bad
//! rows, or a typed refusal; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taper_core::settings::Settings;

fuzz_target!(|data: &[u8]| {
    let now = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
    // Any bytes as a stream, as a file is read (within the CSV limits; not UTF-8 is refused).
    let _ = taper_core::export::parse_dose_csv_from(data, &Settings::default(), now);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = taper_core::export::csv::read(text);
        let _ = taper_core::export::parse_dose_csv(text, &Settings::default(), now);
    }
});
