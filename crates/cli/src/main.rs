//! `taper`: the diary from a terminal. Thin like the app's shell: parse the command line, call
//! the core on the same database as the app, print, map errors to exit codes (see docs/cli.md).

mod catalogue;
mod command;
mod days;
mod diary;
mod fail;
mod out;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Usage errors exit with clap's code 2; --help and --version with 0.
    let cli = command::Cli::parse();
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
