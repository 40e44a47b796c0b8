//! What the report tests share: the report's fixed generation time, the poppler tools they
//! read PDFs with, and the folder the sample PDFs are saved in to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, FixedOffset};
use taper_core::report;

/// When the test reports say they were made.
pub fn generated() -> DateTime<FixedOffset> {
    "2026-11-26T18:30:00+01:00".parse().expect("generated")
}

/// Runs a poppler tool and returns its standard output; a missing tool fails the test.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "`{tool}` is needed for this test (install poppler-utils; see scripts/setup.sh): {e}"
        )
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `target/report-samples/` (under `$CARGO_TARGET_DIR` when set), made if missing.
pub fn samples_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
        PathBuf::from,
    );
    let dir = target.join("report-samples");
    std::fs::create_dir_all(&dir).expect("samples dir");
    dir
}

/// Saves the PDF to the samples folder and returns its path.
pub fn save(bytes: &[u8], name: &str) -> PathBuf {
    let path = samples_dir().join(name);
    report::write_pdf(&path, bytes).expect("write");
    path
}
