//! What a dose is measured in: its form (powder, capsules…), the unit an amount is entered in
//! (g, capsule, tsp), the limits on one dose and gram arithmetic to the 0.1 g Taper keeps.
//! Shared by doses and Settings, which import it and not each other.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Above this a single dose is refused.
pub const MAX_DOSE_G: f64 = 100.0;
/// From this up to [`MAX_DOSE_G`] a dose must be confirmed.
pub const CONFIRM_DOSE_G: f64 = 30.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Powder,
    Capsules,
    Tablets,
    Extract,
    Tea,
    Other,
}

impl Form {
    pub const ALL: [Form; 6] = [
        Form::Powder,
        Form::Capsules,
        Form::Tablets,
        Form::Extract,
        Form::Tea,
        Form::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Form::Powder => "powder",
            Form::Capsules => "capsules",
            Form::Tablets => "tablets",
            Form::Extract => "extract",
            Form::Tea => "tea",
            Form::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<Form> {
        Form::ALL
            .into_iter()
            .find(|f| f.as_str() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                Error::invalid(
                    "form",
                    format!("“{text}” is not a form Taper knows. Use powder, capsules, tablets, extract, tea or other."),
                )
            })
    }
}

/// The unit an amount was entered in. Capsules and teaspoons are converted to grams with the
/// grams-per-unit from Settings; the entered figure is kept too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    G,
    Capsule,
    Tsp,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::G => "g",
            Unit::Capsule => "capsule",
            Unit::Tsp => "tsp",
        }
    }

    pub fn parse(text: &str) -> Result<Unit> {
        match text.trim().to_ascii_lowercase().as_str() {
            "g" | "gram" | "grams" => Ok(Unit::G),
            "capsule" | "capsules" | "caps" => Ok(Unit::Capsule),
            "tsp" | "teaspoon" | "teaspoons" => Ok(Unit::Tsp),
            _ => Err(Error::invalid(
                "unit",
                format!("“{text}” is not a unit Taper knows. Use g, capsule or tsp."),
            )),
        }
    }
}

/// Rounds grams to the 0.1 g Taper keeps.
pub fn round_tenth(g: f64) -> f64 {
    (g * 10.0).round() / 10.0
}

/// Formats grams for messages: "2.5", "30".
pub fn grams_text(g: f64) -> String {
    let s = format!("{:.1}", round_tenth(g));
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}
