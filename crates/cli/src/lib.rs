//! `taper`: the diary from a terminal. Thin like the app's shell: parse the command line, call
//! the core on the same database as the app, print, map errors to exit codes (see docs/cli.md).
//! A library as well as the `taper` binary, so that the installed app can be the command line
//! too (one binary in the package: `taper-app --taper-cli …`, see src-tauri's main.rs).

mod catalogue;
mod command;
mod days;
mod diary;
mod fail;
mod out;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Runs the command line on `args` (the first one is the program's name, as `std::env::args`
/// gives it) and says how it ended.
pub fn main_with(args: impl IntoIterator<Item = std::ffi::OsString>) -> ExitCode {
    // Usage errors exit with clap's code 2; --help and --version with 0.
    let cli = command::Cli::parse_from(args);
    match cli.run() {
        Ok(text) => {
            write_stdout(&text);
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{}", failure.stderr_line());
            if cli.json {
                if let Ok(mut doc) = serde_json::to_string_pretty(&failure.json()) {
                    doc.push('\n');
                    write_stdout(&doc);
                }
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// Writes all of `text`; a closed pipe (`taper dose list | head`) is not an error.
fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
