//! Why a command failed, its exit code, and how it is told: one line on stderr, and with
//! `--json` an `{"error": {code, message, field}}` document on stdout.

use std::path::PathBuf;

use serde::Serialize;
use taper_core::Error;

/// What a command gives back: its stdout, or why it failed.
pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// Exit code of a refused input: nothing was written.
pub const REFUSED: u8 = 3;
/// Exit code of a storage problem.
pub const STORAGE: u8 = 4;

#[derive(Debug)]
pub enum Failure {
    /// Anything the core said.
    Core(Error),
    /// A read or change of a diary that does not exist yet (nothing is created for it).
    Missing(PathBuf),
    /// An id that names no dose / check-in (or a deleted one).
    NoSuchId { what: &'static str, id: i64 },
    /// A key that names no symptom.
    NoSuchKey { what: &'static str, key: String },
    /// An output file (a chart) could not be drawn or written; the diary is untouched.
    Output(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        match e {
            // A chart or report that could not be drawn or saved: the output's own failure.
            Error::Render { .. } | Error::Output(_) => Failure::Output(e.to_string()),
            e => Failure::Core(e),
        }
    }
}

/// A refused input found while turning text into the core's types (a score that is not a whole
/// number, an `--item` without `=`): the same kind of error the core gives.
pub fn invalid(field: &'static str, message: impl Into<String>) -> Failure {
    Failure::Core(Error::Invalid {
        field,
        message: message.into(),
    })
}

/// What `--json` prints on stdout for a failure.
#[derive(Debug, Serialize)]
pub struct ErrorDoc {
    pub error: ErrorBody,
}

#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub code: &'static str,
    pub message: String,
    pub field: Option<&'static str>,
}

impl Failure {
    /// 3 when the input was refused, 4 for a problem with the diary, a file or the machine:
    /// from the core's error code ([`taper_core::ErrorCode::is_refusal`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Core(e) if e.code().is_refusal() => REFUSED,
            Failure::NoSuchId { .. } | Failure::NoSuchKey { .. } => REFUSED,
            Failure::Core(_) | Failure::Missing(_) | Failure::Output(_) => STORAGE,
        }
    }

    /// Machine-readable kind: the core's error codes ([`taper_core::ErrorCode::as_str`]), with
    /// `disk_full`, `missing` and `output` told apart.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Core(Error::DiskFull) => "disk_full",
            Failure::Core(Error::Render { .. } | Error::Output(_)) | Failure::Output(_) => "output",
            Failure::Core(e) => e.code().as_str(),
            Failure::Missing(_) => "missing",
            Failure::NoSuchId { .. } | Failure::NoSuchKey { .. } => "not_found",
        }
    }

    /// The storage problem's name in the stderr line, for exit code 4.
    fn storage_kind(&self) -> Option<&'static str> {
        match self {
            Failure::Core(Error::Locked) => Some("locked"),
            Failure::Core(Error::ReadOnly(_)) => Some("read-only"),
            Failure::Core(Error::Corrupt(_)) => Some("corrupt"),
            Failure::Core(Error::NewerVersion { .. }) => Some("newer-version"),
            Failure::Core(Error::DiskFull) => Some("disk-full"),
            Failure::Core(Error::Storage(_)) => Some("other"),
            Failure::Core(Error::Busy(_)) => Some("busy"),
            Failure::Core(Error::NeedsPassphrase) => Some("needs-passphrase"),
            Failure::Core(Error::WrongPassphrase) => Some("wrong-passphrase"),
            Failure::Missing(_) => Some("missing"),
            Failure::Output(_) => Some("output file"),
            _ => None,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Failure::Core(e) => e.field(),
            Failure::NoSuchId { .. } => Some("id"),
            Failure::NoSuchKey { .. } => Some("key"),
            Failure::Missing(_) | Failure::Output(_) => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            // The import's own message says which lines and how to confirm them.
            Failure::Core(e @ Error::NeedsConfirmation { field: "file", .. }) => e.to_string(),
            Failure::Core(e @ Error::NeedsConfirmation { .. }) => {
                format!("{e} Pass --yes to save it anyway.")
            }
            Failure::Core(e @ Error::NeedsPassphrase) => format!(
                "{e} Run taper in a terminal to be asked for it, or set TAPER_PASSPHRASE (see docs/cli.md for the risk)."
            ),
            Failure::Core(e) => e.to_string(),
            Failure::Missing(path) => format!(
                "no diary exists yet at {}. `taper dose add` or `taper checkin add` (or the app) starts one.",
                path.display()
            ),
            Failure::NoSuchId { what, id } => format!("no {what} with id {id}"),
            Failure::NoSuchKey { what, key } => {
                format!("no {what} with key “{key}” (taper symptoms lists them)")
            }
            Failure::Output(message) => message.clone(),
        }
    }

    /// The line for stderr (without the newline).
    pub fn stderr_line(&self) -> String {
        match (self.storage_kind(), self.field()) {
            (Some(kind), _) => format!("taper: storage ({kind}): {}", self.message()),
            (None, Some(field)) => format!("taper: {field}: {}", self.message()),
            (None, None) => format!("taper: {}", self.message()),
        }
    }

    pub fn json(&self) -> ErrorDoc {
        ErrorDoc {
            error: ErrorBody {
                code: self.code(),
                message: self.message(),
                field: self.field(),
            },
        }
    }
}

/// A core `NotFound` for this key becomes "no symptom with key “x”"; anything else passes through.
pub fn with_key<'a>(what: &'static str, key: &'a str) -> impl Fn(Error) -> Failure + 'a {
    move |e| match e {
        Error::NotFound { .. } => Failure::NoSuchKey {
            what,
            key: key.to_owned(),
        },
        e => Failure::Core(e),
    }
}

/// A core `NotFound` for this id becomes "no dose with id N"; anything else passes through.
pub fn with_id(what: &'static str, id: i64) -> impl Fn(Error) -> Failure {
    move |e| match e {
        Error::NotFound { .. } => Failure::NoSuchId { what, id },
        e => Failure::Core(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_error_has_its_exit_code_and_line() {
        let cases: Vec<(Error, u8, &str)> = vec![
            (
                Error::Invalid {
                    field: "amount",
                    message: "The amount must be more than zero.".into(),
                },
                3,
                "taper: amount: The amount must be more than zero.",
            ),
            (
                Error::NeedsConfirmation {
                    field: "amount",
                    message: "45 g is a very large single dose. Is that right?".into(),
                },
                3,
                "taper: amount: 45 g is a very large single dose. Is that right? Pass --yes to save it anyway.",
            ),
            (Error::NotFound { what: "dose" }, 3, "taper: That dose"),
            (Error::Locked, 4, "taper: storage (locked): "),
            (Error::ReadOnly("x".into()), 4, "taper: storage (read-only): "),
            (Error::Corrupt("x".into()), 4, "taper: storage (corrupt): "),
            (
                Error::NewerVersion { found: 9, known: 1 },
                4,
                "taper: storage (newer-version): ",
            ),
            (Error::DiskFull, 4, "taper: storage (disk-full): "),
            (Error::Storage("x".into()), 4, "taper: storage (other): "),
            (
                Error::Busy("Taper is open in another window; close it first".into()),
                4,
                "taper: storage (busy): Taper is open in another window; close it first.",
            ),
        ];
        for (e, code, start) in cases {
            let f = Failure::Core(e);
            assert_eq!(f.exit_code(), code, "{f:?}");
            assert!(f.stderr_line().starts_with(start), "{}", f.stderr_line());
        }
        let f = Failure::Missing(PathBuf::from("/x/taper.db"));
        assert_eq!(f.exit_code(), 4);
        assert!(f
            .stderr_line()
            .starts_with("taper: storage (missing): no diary exists yet at /x/taper.db"));
        let f = with_id("dose", 7)(Error::NotFound { what: "dose" });
        assert_eq!(f.exit_code(), 3);
        assert_eq!(f.stderr_line(), "taper: id: no dose with id 7");
        assert_eq!(f.json().error.code, "not_found");
        let f = with_key("symptom", "custom_x")(Error::NotFound { what: "symptom" });
        assert_eq!(f.exit_code(), 3);
        assert!(f
            .stderr_line()
            .starts_with("taper: key: no symptom with key “custom_x”"));
        assert_eq!(f.json().error.code, "not_found");
    }
}
