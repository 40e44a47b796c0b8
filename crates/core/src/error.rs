//! The core's one error type, and the `{code, message, field}` shape every boundary shows.

use serde::Serialize;
use ts_rs::TS;

/// Everything that can go wrong in the core. Messages are written for the person using Taper.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input: nothing was written. `field` names the input at fault.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// Plausible but unusual input that the user must confirm (for example a 30-100 g dose).
    #[error("{message}")]
    NeedsConfirmation {
        field: &'static str,
        message: String,
    },
    #[error("That {what} no longer exists. It may have been deleted.")]
    NotFound { what: &'static str },
    #[error("The diary stayed locked by another program for too long, so nothing was saved. Wait a moment and try again; if it keeps happening, close other programs using the diary.")]
    Locked,
    #[error("The diary can only be read, not changed: the file or its folder is read-only ({0}).")]
    ReadOnly(String),
    #[error("The diary file is damaged or is not a Taper diary ({0}). It has not been changed.")]
    Corrupt(String),
    #[error("This diary was written by a newer version of Taper (format {found}; this version knows up to {known}). Update Taper to open it; the file has not been changed.")]
    NewerVersion { found: i64, known: i64 },
    #[error("This diary is encrypted. Type its passphrase to open it.")]
    NeedsPassphrase,
    #[error("That passphrase does not open this diary. Check it (capital letters, spaces) and try again; you can try as often as you need.")]
    WrongPassphrase,
    #[error("The disk is full, so this was not saved. Free some space and try again.")]
    DiskFull,
    /// Another process has the diary open, so an operation that replaces or deletes its file
    /// was refused (nothing changed); the message says who ("Taper is open in another window").
    #[error("{0}.")]
    Busy(String),
    #[error("The diary could not be read or saved: {0}")]
    Storage(String),
    /// Drawing a chart or making the report failed; not caused by the person's data. `field`
    /// is "chart" or "report"; the message is the whole sentence.
    #[error("{message}")]
    Render {
        field: &'static str,
        message: String,
    },
    /// An output file (a chart image, a PDF) could not be written; the diary is untouched. The
    /// message is the whole sentence.
    #[error("{0}")]
    Output(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A chart could not be drawn (`why`: what failed).
    pub fn chart_render(why: impl std::fmt::Display) -> Self {
        Error::Render {
            field: "chart",
            message: format!("The chart could not be drawn ({why})."),
        }
    }

    /// The report could not be made (`why`: what failed).
    pub fn report_render(why: impl std::fmt::Display) -> Self {
        Error::Render {
            field: "report",
            message: format!("The report could not be made ({why})."),
        }
    }

    /// A chart image could not be saved (`why`: the path and the system's reason).
    pub fn image_write(why: impl std::fmt::Display) -> Self {
        Error::Output(format!(
            "The image could not be saved ({why}). Check the folder exists and there is free space."
        ))
    }

    /// The report could not be saved (`why`: the path and the system's reason).
    pub fn report_write(why: impl std::fmt::Display) -> Self {
        Error::Output(format!(
            "The report could not be saved ({why}). Check the folder exists and there is free space."
        ))
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::NeedsConfirmation { .. } => ErrorCode::NeedsConfirmation,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Locked => ErrorCode::Locked,
            Error::ReadOnly(_) => ErrorCode::ReadOnly,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::NewerVersion { .. } => ErrorCode::NewerVersion,
            Error::NeedsPassphrase => ErrorCode::NeedsPassphrase,
            Error::WrongPassphrase => ErrorCode::WrongPassphrase,
            Error::DiskFull | Error::Storage(_) | Error::Output(_) => ErrorCode::Storage,
            Error::Busy(_) => ErrorCode::Busy,
            Error::Render { .. } => ErrorCode::Internal,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::NeedsConfirmation { field, .. } => Some(field),
            Error::NeedsPassphrase | Error::WrongPassphrase => Some("passphrase"),
            Error::Render { field, .. } => Some(field),
            Error::Output(_) => Some("out"),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Locked,
            Some(C::ReadOnly) => Error::ReadOnly(e.to_string()),
            Some(C::NotADatabase | C::DatabaseCorrupt) => Error::Corrupt(e.to_string()),
            Some(C::DiskFull) => Error::DiskFull,
            // A full disk often shows up as an I/O error in WAL mode (the write of the log
            // fails), so say what to check; the transaction was rolled back either way.
            Some(C::SystemIoFailure) => Error::Storage(format!(
                "{e}. If the disk is full, free some space and try again; nothing was saved"
            )),
            _ => Error::Storage(e.to_string()),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly(e.to_string())
            }
            std::io::ErrorKind::StorageFull => Error::DiskFull,
            _ => Error::Storage(e.to_string()),
        }
    }
}

/// Machine-readable kind of an [`ApiError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Invalid,
    NeedsConfirmation,
    NotFound,
    Locked,
    ReadOnly,
    Corrupt,
    NewerVersion,
    Storage,
    Internal,
    /// The diary is encrypted and no passphrase was given.
    NeedsPassphrase,
    /// The passphrase given does not open the diary (told apart from damage).
    WrongPassphrase,
    /// The app is locked (idle, or "Lock now"): nothing is shown until it is unlocked.
    AppLocked,
    /// No diary yet: the app shows its first start.
    FirstStart,
    /// Another process has the diary open, so replacing or deleting it was refused.
    Busy,
    /// The diary file is not there, but backups of it are: the trouble screen offers them
    /// (and a new, empty diary) instead of a first start.
    DiaryMissing,
}

impl ErrorCode {
    /// The code as the boundary writes it (`needs_confirmation`): what the app receives and
    /// what `taper --json` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Invalid => "invalid",
            ErrorCode::NeedsConfirmation => "needs_confirmation",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Locked => "locked",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::NewerVersion => "newer_version",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
            ErrorCode::NeedsPassphrase => "needs_passphrase",
            ErrorCode::WrongPassphrase => "wrong_passphrase",
            ErrorCode::AppLocked => "app_locked",
            ErrorCode::FirstStart => "first_start",
            ErrorCode::Busy => "busy",
            ErrorCode::DiaryMissing => "diary_missing",
        }
    }

    /// Whether the person's input was refused (bad, unconfirmed, or naming nothing), as
    /// opposed to a problem with the diary or the machine: the command line's exit 3, not 4.
    pub fn is_refusal(self) -> bool {
        matches!(
            self,
            ErrorCode::Invalid | ErrorCode::NeedsConfirmation | ErrorCode::NotFound
        )
    }
}

/// Every failed command rejects with this. `field` names the input field at fault, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl ApiError {
    /// For failures outside the core (a task that could not run, say).
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError {
            code: e.code(),
            field: e.field().map(str::to_owned),
            message: e.to_string(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod code_tests {
    use super::ErrorCode;

    #[test]
    fn each_code_is_written_as_the_boundary_writes_it() {
        use ErrorCode::*;
        for code in [
            Invalid,
            NeedsConfirmation,
            NotFound,
            Locked,
            ReadOnly,
            Corrupt,
            NewerVersion,
            Storage,
            Internal,
            NeedsPassphrase,
            WrongPassphrase,
            AppLocked,
            FirstStart,
            Busy,
            DiaryMissing,
        ] {
            assert_eq!(
                serde_json::to_value(code).expect("code"),
                serde_json::Value::from(code.as_str())
            );
        }
    }
}
