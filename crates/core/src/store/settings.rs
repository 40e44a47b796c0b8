//! The app's settings: one JSON row in `setting`, cached per `PRAGMA data_version`.

use rusqlite::{named_params, OptionalExtension};

use super::Store;
use crate::error::{Error, Result};
use crate::settings::Settings;

impl Store {
    /// Forgets the cached settings after a write that replaced them (crate only).
    pub(crate) fn forget_settings(&self) {
        self.settings.borrow_mut().take();
    }

    pub fn settings(&self) -> Result<Settings> {
        let version = self.data_version()?;
        if let Some((v, cached)) = &*self.settings.borrow() {
            if *v == version {
                return Ok(cached.clone());
            }
        }
        let raw: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM setting WHERE key = 'app'")?
            .query_row([], |r| r.get("value"))
            .optional()?;
        let settings = match raw {
            None => Settings::default(),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| Error::Corrupt(format!("stored settings: {e}")))?,
        };
        *self.settings.borrow_mut() = Some((version, settings.clone()));
        Ok(settings)
    }

    pub fn save_settings(&mut self, settings: Settings) -> Result<Settings> {
        let settings = settings.validated()?;
        let json = serde_json::to_string(&settings)
            .map_err(|e| Error::Storage(format!("settings: {e}")))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES ('app', :value)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                named_params! {":value": json},
            )?;
            Ok(())
        })?;
        // Our own commits leave data_version as it was: forget the cached copy.
        self.settings.borrow_mut().take();
        Ok(settings)
    }
}
