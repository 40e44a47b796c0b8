//! User settings, with sensible defaults and validation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::reminder::Reminders;
use crate::units::{round_tenth, Form, MAX_DOSE_G};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// Which check-in the user fills in each time: the kratom checklist, SOWS, or both on one
/// screen (saved as two check-ins). Switching never changes past check-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "lowercase")]
pub enum CheckinChoice {
    #[default]
    Kratom,
    Sows,
    Both,
}

/// A one-click dose button.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuickAmount {
    pub amount_g: f64,
    pub form: Form,
}

/// `quick_amounts` null means "work them out from recent doses".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    pub day_start_hour: u8,
    pub grams_per_capsule: f64,
    pub grams_per_tsp: f64,
    pub quick_amounts: Option<Vec<QuickAmount>>,
    pub theme: Theme,
    pub checkin_instrument: CheckinChoice,
    /// Lock the app after this many minutes without use; `null`: never (the default).
    pub lock_after_minutes: Option<u16>,
    /// Reminders through the desktop's notifications (all off by default).
    pub reminders: Reminders,
    /// How large the window shows everything, in percent (one of [`TEXT_SIZES`]; 100 by
    /// default). Applied with the webview's own zoom, so the layout sees a smaller window.
    pub text_size: u16,
    /// The first-start onboarding was finished or skipped. A new diary starts with `false`;
    /// settings stored before the onboarding existed (no such field) read as `true`, so a
    /// diary already in use never shows it.
    #[serde(default = "stored_before_onboarding")]
    pub onboarding_done: bool,
}

/// What a stored settings row without `onboarding_done` means: a diary from before the
/// onboarding, already in use.
fn stored_before_onboarding() -> bool {
    true
}

/// Whether the first-start onboarding is shown: a diary that can be written, has never
/// finished or skipped it, and has nothing in it yet (a diary with entries, say from the `taper`
/// command, is in use already).
pub fn onboarding_due(settings: &Settings, has_entries: bool, read_only: bool) -> bool {
    !settings.onboarding_done && !has_entries && !read_only
}

/// The text sizes Settings offers, in percent of the normal size.
pub const TEXT_SIZES: [u16; 5] = [100, 125, 150, 175, 200];

/// The longest idle time the app lock can be set to, in minutes.
pub const MAX_LOCK_MINUTES: u16 = 240;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            day_start_hour: 4,
            grams_per_capsule: 0.5,
            grams_per_tsp: 2.5,
            quick_amounts: None,
            theme: Theme::System,
            checkin_instrument: CheckinChoice::Kratom,
            lock_after_minutes: None,
            reminders: Reminders::default(),
            onboarding_done: false,
            text_size: 100,
        }
    }
}

/// At most this many quick-dose buttons.
pub const MAX_QUICK: usize = 3;

impl Settings {
    /// Checks every field; returns the settings with amounts rounded to 0.01 / 0.1 g.
    pub fn validated(mut self) -> Result<Settings> {
        if self.day_start_hour > 23 {
            return Err(Error::invalid(
                "day_start_hour",
                "The day can start at any hour from 0 to 23.",
            ));
        }
        self.grams_per_capsule =
            per_unit("grams_per_capsule", "capsule", self.grams_per_capsule, 5.0)?;
        self.grams_per_tsp = per_unit("grams_per_tsp", "teaspoon", self.grams_per_tsp, 10.0)?;
        if let Some(m) = self.lock_after_minutes {
            if m == 0 || m > MAX_LOCK_MINUTES {
                return Err(Error::invalid(
                    "lock_after_minutes",
                    format!("Taper can lock after 1 to {MAX_LOCK_MINUTES} minutes without use, or never."),
                ));
            }
        }
        self.reminders = self.reminders.validated()?;
        if !TEXT_SIZES.contains(&self.text_size) {
            return Err(Error::invalid(
                "text_size",
                "Text size can be 100 %, 125 %, 150 %, 175 % or 200 %.",
            ));
        }
        if let Some(list) = &mut self.quick_amounts {
            if list.len() > MAX_QUICK {
                return Err(Error::invalid(
                    "quick_amounts",
                    format!("Up to {MAX_QUICK} quick amounts can be set."),
                ));
            }
            for q in list.iter_mut() {
                let g = round_tenth(q.amount_g);
                if !g.is_finite() || g <= 0.0 || g > MAX_DOSE_G {
                    return Err(Error::invalid(
                        "quick_amounts",
                        format!("A quick amount must be between 0.1 g and {MAX_DOSE_G} g."),
                    ));
                }
                q.amount_g = g;
            }
        }
        Ok(self)
    }
}

fn per_unit(field: &'static str, unit: &str, value: f64, max: f64) -> Result<f64> {
    let v = (value * 100.0).round() / 100.0;
    if !v.is_finite() || v <= 0.0 || v > max {
        return Err(Error::invalid(
            field,
            format!("Grams per {unit} must be more than 0 and at most {max} g."),
        ));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let s = Settings::default().validated().expect("defaults valid");
        assert_eq!(s.day_start_hour, 4);
        assert_eq!(s.theme, Theme::System);
    }

    #[test]
    fn refuses_out_of_range_fields() {
        let cases: Vec<(Settings, &str)> = vec![
            (
                Settings {
                    lock_after_minutes: Some(0),
                    ..Settings::default()
                },
                "lock_after_minutes",
            ),
            (
                Settings {
                    lock_after_minutes: Some(MAX_LOCK_MINUTES + 1),
                    ..Settings::default()
                },
                "lock_after_minutes",
            ),
            (
                Settings {
                    day_start_hour: 24,
                    ..Settings::default()
                },
                "day_start_hour",
            ),
            (
                Settings {
                    grams_per_capsule: 0.0,
                    ..Settings::default()
                },
                "grams_per_capsule",
            ),
            (
                Settings {
                    grams_per_capsule: f64::NAN,
                    ..Settings::default()
                },
                "grams_per_capsule",
            ),
            (
                Settings {
                    grams_per_tsp: -1.0,
                    ..Settings::default()
                },
                "grams_per_tsp",
            ),
            (
                Settings {
                    grams_per_tsp: 11.0,
                    ..Settings::default()
                },
                "grams_per_tsp",
            ),
            (
                Settings {
                    quick_amounts: Some(vec![QuickAmount {
                        amount_g: 0.0,
                        form: Form::Powder,
                    }]),
                    ..Settings::default()
                },
                "quick_amounts",
            ),
            (
                Settings {
                    quick_amounts: Some(vec![
                        QuickAmount {
                            amount_g: 1.0,
                            form: Form::Powder
                        };
                        4
                    ]),
                    ..Settings::default()
                },
                "quick_amounts",
            ),
            (
                Settings {
                    text_size: 120,
                    ..Settings::default()
                },
                "text_size",
            ),
        ];
        for (s, field) in cases {
            let e = s.validated().expect_err(field);
            assert_eq!(e.field(), Some(field), "{e}");
        }
    }

    #[test]
    fn onboarding_is_done_for_settings_stored_before_it() {
        // A new diary: not done yet.
        assert!(!Settings::default().onboarding_done);
        // Settings stored by an older Taper have no such field: that diary is in use.
        let old: Settings =
            serde_json::from_str(r#"{"day_start_hour":5,"grams_per_capsule":0.6}"#).expect("old");
        assert!(old.onboarding_done);
        assert_eq!(old.day_start_hour, 5);
        let empty: Settings = serde_json::from_str("{}").expect("empty");
        assert!(empty.onboarding_done);
        // Stored by this Taper: kept as it was, either way.
        for done in [false, true] {
            let s = Settings {
                onboarding_done: done,
                ..Settings::default()
            };
            let json = serde_json::to_string(&s).expect("json");
            let back: Settings = serde_json::from_str(&json).expect("back");
            assert_eq!(back.onboarding_done, done);
        }
    }

    #[test]
    fn onboarding_shows_only_on_a_new_writable_diary() {
        let new = Settings::default();
        let done = Settings {
            onboarding_done: true,
            ..Settings::default()
        };
        assert!(onboarding_due(&new, false, false));
        assert!(!onboarding_due(&new, true, false), "entries: in use");
        assert!(
            !onboarding_due(&new, false, true),
            "view-only: nothing could be saved"
        );
        assert!(!onboarding_due(&done, false, false), "finished or skipped");
        assert!(!onboarding_due(&done, true, false));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = serde_json::from_str(r#"{"day_start_hour":6}"#).expect("partial");
        assert_eq!(s.day_start_hour, 6);
        assert_eq!(s.grams_per_capsule, 0.5);
        assert_eq!(s.checkin_instrument, CheckinChoice::Kratom);
        // Settings stored before there was a text size open at the normal size.
        assert_eq!(s.text_size, 100);
        for size in TEXT_SIZES {
            let s = Settings {
                text_size: size,
                ..Settings::default()
            };
            assert_eq!(s.validated().expect("offered size").text_size, size);
        }
        let s: Settings = serde_json::from_str(r#"{"checkin_instrument":"both"}"#).expect("choice");
        assert_eq!(s.checkin_instrument, CheckinChoice::Both);
        assert!(serde_json::from_str::<Settings>(r#"{"checkin_instrument":"cows"}"#).is_err());
        assert_eq!(
            serde_json::to_value(CheckinChoice::Sows).expect("json"),
            serde_json::json!("sows")
        );
    }
}
