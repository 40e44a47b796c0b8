//! Doses: what a user enters, what is stored, and the rules between them.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::parse_entry_time;
use crate::error::{Error, Result};
use crate::settings::Settings;
pub use crate::units::{grams_text, round_tenth, Form, Unit, CONFIRM_DOSE_G, MAX_DOSE_G};

/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// Longest product name, in characters.
pub const MAX_PRODUCT_CHARS: usize = 200;

/// Grams in one `unit` by today's Settings (a capsule's and a teaspoon's grams are set there).
fn grams_per_unit(unit: Unit, settings: &Settings) -> f64 {
    match unit {
        Unit::G => 1.0,
        Unit::Capsule => settings.grams_per_capsule,
        Unit::Tsp => settings.grams_per_tsp,
    }
}

/// `amount` is the raw text typed by the user; `taken_at` is RFC 3339 with the local UTC offset, e.g. "2026-11-25T03:10:00+01:00".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DoseInput {
    pub amount: String,
    pub unit: Unit,
    pub taken_at: String,
    pub form: Form,
    pub product: Option<String>,
    pub estimated: bool,
    pub note: Option<String>,
    pub confirm_large: bool,
}

/// `local_time` is the wall-clock time "YYYY-MM-DDTHH:MM"; `day` the diary day "YYYY-MM-DD".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dose {
    #[ts(type = "number")]
    pub id: i64,
    /// What the entry is now (its identity and last change; opaque). An edit sends it back
    /// so that an entry changed elsewhere since is never overwritten.
    pub version: String,
    pub amount_g: f64,
    pub amount_entered: f64,
    pub unit: Unit,
    pub taken_at: String,
    pub local_time: String,
    pub day: String,
    pub form: Form,
    pub product: Option<String>,
    pub estimated: bool,
    pub note: Option<String>,
}

/// A dose that passed every rule, ready to store. Grams are kept as whole tenths.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidDose {
    pub amount_dg: i64,
    pub amount_entered: f64,
    pub unit: Unit,
    pub taken_at: DateTime<FixedOffset>,
    pub form: Form,
    pub product: Option<String>,
    pub estimated: bool,
    pub note: Option<String>,
}

/// The amount of a saved dose as it was saved: the number entered (to 0.01), its unit and the
/// grams it came to, in tenths of a gram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SavedAmount {
    pub entered: f64,
    pub unit: Unit,
    pub amount_dg: i64,
}

/// Whether `t` is written as people write an amount: digits with at most one decimal point or
/// comma (and a sign, for "more than zero" to be said of "-1"). No exponent ("1e1" is a typo
/// for something, not 10), no "inf" or "NaN".
fn plain_decimal(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    let separators = digits.chars().filter(|c| matches!(c, '.' | ',')).count();
    separators <= 1
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
}

/// Parses a typed amount: "2.5", "2,5", " 3 ". Refuses anything but a plain decimal number.
pub fn parse_amount(text: &str) -> Result<f64> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid("amount", "Enter an amount, like 2.5."));
    }
    if !plain_decimal(t) {
        return Err(Error::invalid(
            "amount",
            format!("“{t}” is not a number. Enter an amount like 2.5."),
        ));
    }
    let v: f64 = t.replace(',', ".").parse().map_err(|_| {
        Error::invalid(
            "amount",
            format!("“{t}” is not a number. Enter an amount like 2.5."),
        )
    })?;
    if !v.is_finite() {
        return Err(Error::invalid(
            "amount",
            format!("“{t}” is not a number. Enter an amount like 2.5."),
        ));
    }
    if v <= 0.0 {
        return Err(Error::invalid(
            "amount",
            "The amount must be more than zero.",
        ));
    }
    // Far past any dose in any unit: refused before arithmetic on it reaches infinity.
    if v > 1_000_000.0 {
        return Err(Error::invalid(
            "amount",
            format!("“{t}” is far too large for an amount. Check the number."),
        ));
    }
    Ok(v)
}

/// Optional free text: whitespace-only becomes none; otherwise kept exactly.
pub fn optional_text(
    field: &'static str,
    what: &str,
    text: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    let Some(t) = text else { return Ok(None) };
    if t.trim().is_empty() {
        return Ok(None);
    }
    let n = t.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            format!("The {what} is {n} characters long; the limit is {max}."),
        ));
    }
    Ok(Some(t.to_owned()))
}

impl DoseInput {
    /// Applies every rule. `now` bounds how far ahead the time may be.
    pub fn validate(&self, settings: &Settings, now: DateTime<Utc>) -> Result<ValidDose> {
        self.validate_edit(settings, now, None)
    }

    /// [`DoseInput::validate`] for an edit of a saved dose whose amount was saved as `saved`:
    /// when the edit keeps the amount entered and its unit, the dose keeps the grams it was
    /// saved with, whatever the grams per capsule or teaspoon in Settings are now (a settings
    /// change never reaches back into saved entries). Only an edited amount or unit is
    /// converted at today's Settings.
    pub fn validate_edit(
        &self,
        settings: &Settings,
        now: DateTime<Utc>,
        saved: Option<SavedAmount>,
    ) -> Result<ValidDose> {
        let entered = parse_amount(&self.amount)?;
        let grams = match saved {
            Some(s) if s.unit == self.unit && s.entered == (entered * 100.0).round() / 100.0 => {
                s.amount_dg as f64 / 10.0
            }
            _ => round_tenth(entered * grams_per_unit(self.unit, settings)),
        };
        if grams < 0.1 {
            return Err(Error::invalid(
                "amount",
                "That is less than 0.1 g, the smallest amount Taper records.",
            ));
        }
        if grams > MAX_DOSE_G {
            return Err(Error::invalid(
                "amount",
                format!(
                    "{} g in one dose is over the {} g limit. Check the amount and the unit.",
                    grams_text(grams),
                    grams_text(MAX_DOSE_G)
                ),
            ));
        }
        if grams >= CONFIRM_DOSE_G && !self.confirm_large {
            return Err(Error::NeedsConfirmation {
                field: "amount",
                message: format!(
                    "{} g is a very large single dose. Is that right?",
                    grams_text(grams)
                ),
            });
        }
        let taken_at = parse_entry_time("taken_at", &self.taken_at, now)?;
        let product = optional_text(
            "product",
            "product name",
            self.product.as_deref(),
            MAX_PRODUCT_CHARS,
        )?
        .map(|p| p.trim().to_owned());
        let note = optional_text("note", "note", self.note.as_deref(), MAX_NOTE_CHARS)?;
        Ok(ValidDose {
            // grams is at most 100 and rounded to tenths, so this is exact.
            amount_dg: (grams * 10.0).round() as i64,
            amount_entered: (entered * 100.0).round() / 100.0,
            unit: self.unit,
            taken_at,
            form: self.form,
            product,
            estimated: self.estimated,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_a_plain_decimal_number() {
        assert_eq!(parse_amount(" 2,5 ").expect("comma"), 2.5);
        assert_eq!(parse_amount(".5").expect("leading point"), 0.5);
        for typo in [
            "1e1", "1E-1", "inf", "NaN", "0x10", "1.2.3", "1,5.0", "2 g", "--1",
        ] {
            match parse_amount(typo) {
                Err(Error::Invalid { field, message }) => {
                    assert_eq!(field, "amount");
                    assert!(message.contains("is not a number"), "{typo}: {message}");
                }
                other => panic!("{typo} accepted: {other:?}"),
            }
        }
        assert!(
            matches!(parse_amount("-1"), Err(Error::Invalid { message, .. }) if message.contains("more than zero"))
        );
    }

    fn now() -> DateTime<Utc> {
        "2026-11-25T12:00:00Z".parse().expect("now")
    }

    pub(crate) fn input(amount: &str) -> DoseInput {
        DoseInput {
            amount: amount.into(),
            unit: Unit::G,
            taken_at: "2026-11-25T09:30:00+01:00".into(),
            form: Form::Powder,
            product: None,
            estimated: false,
            note: None,
            confirm_large: false,
        }
    }

    fn err(i: &DoseInput) -> Error {
        i.validate(&Settings::default(), now())
            .expect_err("should be refused")
    }

    #[test]
    fn accepts_a_plain_dose_and_rounds_to_tenths() {
        let v = input("2.46")
            .validate(&Settings::default(), now())
            .expect("valid");
        assert_eq!(v.amount_dg, 25);
        let v = input(" 3,5 ")
            .validate(&Settings::default(), now())
            .expect("comma");
        assert_eq!(v.amount_dg, 35);
    }

    #[test]
    fn refuses_bad_amounts_with_specific_messages() {
        for (text, words) in [
            ("abc", "not a number"),
            ("", "Enter an amount"),
            ("-1", "more than zero"),
            ("0", "more than zero"),
            ("NaN", "not a number"),
            ("inf", "not a number"),
            ("0.04", "less than 0.1 g"),
            ("100.1", "over the 100 g limit"),
            ("250", "over the 100 g limit"),
            ("1e308", "not a number"),
            ("9999999", "far too large"),
        ] {
            let e = err(&input(text));
            assert_eq!(e.field(), Some("amount"), "{text}");
            assert!(e.to_string().contains(words), "{text}: {e}");
            assert!(matches!(e, Error::Invalid { .. }));
        }
    }

    #[test]
    fn large_doses_need_confirmation() {
        let e = err(&input("30"));
        assert!(
            matches!(
                e,
                Error::NeedsConfirmation {
                    field: "amount",
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("30 g is a very large"));
        let mut i = input("30");
        i.confirm_large = true;
        assert_eq!(
            i.validate(&Settings::default(), now())
                .expect("confirmed")
                .amount_dg,
            300
        );
        let mut i = input("100");
        i.confirm_large = true;
        assert!(i.validate(&Settings::default(), now()).is_ok());
        assert!(input("29.9").validate(&Settings::default(), now()).is_ok());
    }

    #[test]
    fn converts_capsules_and_teaspoons() {
        let s = Settings {
            grams_per_capsule: 0.5,
            grams_per_tsp: 2.5,
            ..Settings::default()
        };
        let mut i = input("5");
        i.unit = Unit::Capsule;
        let v = i.validate(&s, now()).expect("capsules");
        assert_eq!(
            (v.amount_dg, v.amount_entered, v.unit),
            (25, 5.0, Unit::Capsule)
        );
        i.unit = Unit::Tsp;
        i.amount = "1.5".into();
        assert_eq!(i.validate(&s, now()).expect("tsp").amount_dg, 38);
        i.amount = "50".into(); // 125 g
        assert!(i
            .validate(&s, now())
            .expect_err("too much")
            .to_string()
            .contains("125 g"));
    }

    #[test]
    fn refuses_bad_time_note_and_product() {
        let mut i = input("2");
        i.taken_at = "tomorrow".into();
        assert_eq!(err(&i).field(), Some("taken_at"));
        i.taken_at = "2026-11-27T09:30:00+01:00".into();
        assert!(err(&i).to_string().contains("still to come"));
        let mut i = input("2");
        i.note = Some("x".repeat(MAX_NOTE_CHARS + 1));
        assert_eq!(err(&i).field(), Some("note"));
        i.note = Some("é".repeat(MAX_NOTE_CHARS)); // characters, not bytes
        assert!(i.validate(&Settings::default(), now()).is_ok());
        let mut i = input("2");
        i.product = Some("p".repeat(MAX_PRODUCT_CHARS + 1));
        assert_eq!(err(&i).field(), Some("product"));
    }

    #[test]
    fn keeps_text_exactly() {
        let mut i = input("2");
        let note = "  \"quoted\" 'single' 😀 '); DROP TABLE dose;-- \n line two";
        i.note = Some(note.into());
        i.product = Some("  Red Bali  ".into());
        let v = i.validate(&Settings::default(), now()).expect("valid");
        assert_eq!(v.note.as_deref(), Some(note));
        assert_eq!(v.product.as_deref(), Some("Red Bali"));
        i.note = Some("   ".into());
        assert_eq!(
            i.validate(&Settings::default(), now()).expect("valid").note,
            None
        );
    }

    #[test]
    fn parses_forms_and_units() {
        assert_eq!(Form::parse("Tea").expect("tea"), Form::Tea);
        assert_eq!(
            Form::parse("pills").expect_err("pills").field(),
            Some("form")
        );
        assert_eq!(Unit::parse("capsules").expect("caps"), Unit::Capsule);
        assert_eq!(Unit::parse("ml").expect_err("ml").field(), Some("unit"));
        assert_eq!(grams_text(2.0), "2");
        assert_eq!(grams_text(2.25), "2.3");
    }
}

/// Total grams of some doses, added in whole tenths as the diary stores them.
pub fn total_g(doses: &[Dose]) -> f64 {
    let dg: i64 = doses
        .iter()
        .map(|d| (d.amount_g * 10.0).round() as i64)
        .sum();
    dg as f64 / 10.0
}

impl Dose {
    /// The input that saves this dose again unchanged: the starting point of an edit.
    /// `confirm_large` is true because a large amount was confirmed when it was saved; set it
    /// from the user's answer again when the amount or unit changes.
    pub fn as_input(&self) -> DoseInput {
        DoseInput {
            amount: self.amount_entered.to_string(),
            unit: self.unit,
            taken_at: self.taken_at.clone(),
            form: self.form,
            product: self.product.clone(),
            estimated: self.estimated,
            note: self.note.clone(),
            confirm_large: true,
        }
    }
}

#[cfg(test)]
mod dose_helper_tests {
    use super::*;

    fn dose(amount_g: f64, amount_entered: f64, unit: Unit) -> Dose {
        Dose {
            id: 1,
            version: String::new(),
            amount_g,
            amount_entered,
            unit,
            taken_at: "2026-11-20T08:30:00+01:00".into(),
            local_time: "2026-11-20T08:30".into(),
            day: "2026-11-20".into(),
            form: Form::Capsules,
            product: Some("Red Bali".into()),
            estimated: true,
            note: Some("with food".into()),
        }
    }

    #[test]
    fn totals_add_in_tenths() {
        let list = [dose(1.1, 1.1, Unit::G), dose(2.2, 2.2, Unit::G)];
        assert_eq!(total_g(&list), 3.3);
        assert_eq!(total_g(&[]), 0.0);
    }

    #[test]
    fn as_input_validates_back_to_the_same_dose() {
        let now: DateTime<Utc> = "2026-11-25T12:00:00Z".parse().expect("now");
        let d = dose(2.5, 5.0, Unit::Capsule);
        let v = d
            .as_input()
            .validate(&Settings::default(), now)
            .expect("valid");
        assert_eq!(
            (v.amount_dg, v.amount_entered, v.unit),
            (25, 5.0, Unit::Capsule)
        );
        assert_eq!(v.taken_at.to_rfc3339(), d.taken_at);
        assert_eq!((v.form, v.estimated), (Form::Capsules, true));
        assert_eq!(v.product.as_deref(), Some("Red Bali"));
        assert_eq!(v.note.as_deref(), Some("with food"));
        // A large dose saved with confirmation stays saveable without asking again.
        let big = dose(45.0, 45.0, Unit::G);
        assert!(big.as_input().validate(&Settings::default(), now).is_ok());
    }
}
