//! The `taper` binary (see the library, `lib.rs`).

fn main() -> std::process::ExitCode {
    taper_cli::main_with(std::env::args_os())
}
