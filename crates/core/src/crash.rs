//! Crash points for tests: places in a multi-step file operation where a test can make the
//! process die at once (`std::process::abort`, no unwinding, no clean-up), to check that what
//! is left on disk is always a state Taper starts from. Only in debug builds (tests); in a
//! release build a crash point does nothing.

/// The environment variable naming the crash point to die at (e.g. `recover:copied`).
pub const CRASH_AT_VAR: &str = "TAPER_TEST_CRASH_AT";

/// Dies here when the environment variable [`CRASH_AT_VAR`] names `point` (debug builds only).
pub fn point(point: &str) {
    if cfg!(debug_assertions) && std::env::var_os(CRASH_AT_VAR).is_some_and(|v| v == point) {
        std::process::abort();
    }
}
