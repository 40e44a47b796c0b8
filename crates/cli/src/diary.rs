//! Opening the diary from the command line: the passphrase of an encrypted one, and whether a
//! command may create it, needs it, or takes it when it is there.

use std::io::IsTerminal;
use std::path::Path;

use chrono::{Local, NaiveDate};
use taper_core::store::{data_dir, diary_file, DiaryFile, OpenOptions, Passphrase, DB_FILE};
use taper_core::{Error, Store};

use crate::fail::{invalid, Failure, Result};

/// Environment variable a script can give an encrypted diary's passphrase in (docs/cli.md).
pub const PASSPHRASE_ENV: &str = "TAPER_PASSPHRASE";

/// The passphrase for the diary at `path`: none for a plain diary; else `$TAPER_PASSPHRASE`,
/// else asked on the terminal without echo. With neither, the diary cannot be opened.
pub fn passphrase_for(path: &Path) -> Result<Option<Passphrase>> {
    if diary_file(path) != DiaryFile::Encrypted {
        return Ok(None);
    }
    if let Some(text) = std::env::var_os(PASSPHRASE_ENV) {
        let text = text
            .into_string()
            .map_err(|_| invalid("passphrase", "TAPER_PASSPHRASE is not valid text (UTF-8)."))?;
        return Ok(Some(Passphrase::new(&text)?));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::NeedsPassphrase.into());
    }
    let text = rpassword::prompt_password(format!("Passphrase for {}: ", path.display())).map_err(
        |e| {
            Failure::Core(Error::Storage(format!(
                "the passphrase could not be read ({e})"
            )))
        },
    )?;
    Ok(Some(Passphrase::new(&text)?))
}

/// For commands that add: creates the diary (and its folder) when there is none, as the app does.
pub fn open_or_create() -> Result<Store> {
    let dir = data_dir()?;
    std::fs::create_dir_all(&dir).map_err(Error::from)?;
    let path = dir.join(DB_FILE);
    Ok(Store::open_with(
        &path,
        OpenOptions::default().key(passphrase_for(&path)?.as_ref()),
    )?)
}

/// For every other command: the diary must be there already; nothing is created.
pub fn open_existing() -> Result<Store> {
    let path = data_dir()?.join(DB_FILE);
    if taper_core::store::no_diary_at(&path) {
        return Err(Failure::Missing(path));
    }
    Ok(Store::open_with(
        &path,
        OpenOptions::existing().key(passphrase_for(&path)?.as_ref()),
    )?)
}

/// The diary when there is one (a missing or empty file is none: nothing is created), for a
/// command that also works before any diary exists (a dry run, the symptom catalogue).
pub fn existing_diary() -> Result<Option<Store>> {
    let path = data_dir()?.join(DB_FILE);
    if !taper_core::store::no_diary_at(&path) {
        Ok(Some(open_existing()?))
    } else {
        Ok(None)
    }
}

/// Today's diary day (the day-start hour from the diary's Settings).
pub fn today(store: &Store) -> Result<NaiveDate> {
    Ok(store.today(Local::now().naive_local())?)
}
