//! Any bytes given to the backup importer: a typed refusal or a backup, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = taper_core::export::read_backup(text);
    }
});
