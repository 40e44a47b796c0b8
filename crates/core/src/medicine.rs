//! Other medicines and substances: anything taken for withdrawal or otherwise (loperamide,
//! ibuprofen, alcohol…), with a free amount and unit. Logged apart from kratom doses.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::parse_entry_time;
use crate::dose::{optional_text, parse_amount, MAX_NOTE_CHARS};
use crate::error::{Error, Result};

/// Longest medicine name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest unit, in characters.
pub const MAX_UNIT_CHARS: usize = 20;
/// Above this an amount is refused, whatever the unit.
pub const MAX_AMOUNT: f64 = 100_000.0;

/// `amount` is the raw text typed by the user (optional, "2", "0,5"); `unit` is free ("mg",
/// "tablets", "ml"); `taken_at` is RFC 3339 with the local UTC offset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MedicineInput {
    pub taken_at: String,
    pub name: String,
    pub amount: Option<String>,
    pub unit: Option<String>,
    pub note: Option<String>,
}

/// `local_time` is the wall-clock time "YYYY-MM-DDTHH:MM"; `day` the diary day "YYYY-MM-DD".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Medicine {
    #[ts(type = "number")]
    pub id: i64,
    /// What the entry is now (its identity and last change; opaque). An edit sends it back
    /// so that an entry changed elsewhere since is never overwritten.
    pub version: String,
    pub taken_at: String,
    pub local_time: String,
    pub day: String,
    pub name: String,
    pub amount: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
}

/// A medicine entry that passed every rule, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMedicine {
    pub taken_at: DateTime<FixedOffset>,
    pub name: String,
    pub amount: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
}

impl MedicineInput {
    /// Applies every rule. `now` bounds how far ahead the time may be.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ValidMedicine> {
        let taken_at = parse_entry_time("taken_at", &self.taken_at, now)?;
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "Enter what you took, like loperamide or ibuprofen.",
            ));
        }
        let n = name.chars().count();
        if n > MAX_NAME_CHARS {
            return Err(Error::invalid(
                "name",
                format!("The name is {n} characters long; the limit is {MAX_NAME_CHARS}."),
            ));
        }
        let amount = match self.amount.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => {
                let v = parse_amount(text)?;
                if v > MAX_AMOUNT {
                    return Err(Error::invalid(
                        "amount",
                        format!("{text} is more than Taper records ({MAX_AMOUNT:.0}). Check the amount."),
                    ));
                }
                Some(v)
            }
        };
        let unit = optional_text(
            "unit",
            "unit",
            self.unit.as_deref().map(str::trim),
            MAX_UNIT_CHARS,
        )?;
        if unit.is_some() && amount.is_none() {
            return Err(Error::invalid(
                "amount",
                "Enter an amount for the unit, or leave the unit empty.",
            ));
        }
        let note = optional_text("note", "note", self.note.as_deref(), MAX_NOTE_CHARS)?;
        Ok(ValidMedicine {
            taken_at,
            name: name.to_owned(),
            amount,
            unit,
            note,
        })
    }
}

impl Medicine {
    /// The input that saves this entry again unchanged: the starting point of an edit.
    pub fn as_input(&self) -> MedicineInput {
        MedicineInput {
            taken_at: self.taken_at.clone(),
            name: self.name.clone(),
            amount: self.amount.map(|a| a.to_string()),
            unit: self.unit.clone(),
            note: self.note.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-25T12:00:00Z".parse().expect("now")
    }

    fn input(name: &str, amount: Option<&str>, unit: Option<&str>) -> MedicineInput {
        MedicineInput {
            taken_at: "2026-11-25T08:00:00+01:00".into(),
            name: name.into(),
            amount: amount.map(Into::into),
            unit: unit.map(Into::into),
            note: None,
        }
    }

    #[test]
    fn accepts_a_name_alone_or_with_an_amount_and_unit() {
        let v = input("  Loperamide ", Some("2,5"), Some(" mg "))
            .validate(now())
            .expect("valid");
        assert_eq!(v.name, "Loperamide");
        assert_eq!(v.amount, Some(2.5));
        assert_eq!(v.unit.as_deref(), Some("mg"));
        let v = input("Ibuprofen", Some("  "), Some(""))
            .validate(now())
            .expect("valid");
        assert_eq!((v.amount, v.unit), (None, None));
        let v = input("Tea", Some("100000"), None)
            .validate(now())
            .expect("edge");
        assert_eq!(v.amount, Some(100_000.0));
        assert!(input(&"n".repeat(MAX_NAME_CHARS), None, None)
            .validate(now())
            .is_ok());
        assert!(input("x", Some("1"), Some(&"u".repeat(MAX_UNIT_CHARS)))
            .validate(now())
            .is_ok());
    }

    #[test]
    fn refuses_bad_input_naming_the_field() {
        for (bad, field) in [
            (input("", None, None), "name"),
            (input("   ", None, None), "name"),
            (input(&"n".repeat(MAX_NAME_CHARS + 1), None, None), "name"),
            (input("x", Some("0"), None), "amount"),
            (input("x", Some("-2"), None), "amount"),
            (input("x", Some("two"), None), "amount"),
            (input("x", Some("NaN"), None), "amount"),
            (input("x", Some("100001"), None), "amount"),
            (
                input("x", Some("1"), Some(&"u".repeat(MAX_UNIT_CHARS + 1))),
                "unit",
            ),
            (input("x", None, Some("mg")), "amount"),
        ] {
            let e = bad.validate(now()).expect_err("refused");
            assert_eq!(e.field(), Some(field), "{bad:?}: {e}");
        }
        let mut i = input("x", None, None);
        i.note = Some("n".repeat(MAX_NOTE_CHARS + 1));
        assert_eq!(i.validate(now()).expect_err("note").field(), Some("note"));
        let mut i = input("x", None, None);
        i.taken_at = "2026-11-27T08:00:00+00:00".into();
        assert_eq!(
            i.validate(now()).expect_err("ahead").field(),
            Some("taken_at")
        );
        i.taken_at = "yesterday".into();
        assert_eq!(
            i.validate(now()).expect_err("time").field(),
            Some("taken_at")
        );
    }

    #[test]
    fn as_input_validates_back_to_the_same_entry() {
        let m = Medicine {
            id: 1,
            version: String::new(),
            taken_at: "2026-11-25T08:00:00+01:00".into(),
            local_time: "2026-11-25T08:00".into(),
            day: "2026-11-25".into(),
            name: "Loperamide".into(),
            amount: Some(2.0),
            unit: Some("mg".into()),
            note: Some("for the stomach".into()),
        };
        let v = m.as_input().validate(now()).expect("valid");
        assert_eq!(v.taken_at.to_rfc3339(), m.taken_at);
        assert_eq!(
            (v.name.as_str(), v.amount, v.unit.as_deref()),
            ("Loperamide", Some(2.0), Some("mg"))
        );
        assert_eq!(v.note, m.note);
    }
}
