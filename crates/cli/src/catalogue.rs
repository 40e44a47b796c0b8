//! The symptom forms as the command line names them (`--instrument`) and a symptom as its
//! JSON shows it, for `symptoms`, `symptom` and `checkin add`.

use clap::ValueEnum;
use serde::Serialize;
use taper_core::instrument::{self, Instrument};
use taper_core::symptom::Symptom;

use crate::out;

/// A symptom form (`--instrument`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    Kratom,
    Sows,
    Cows,
}

impl Form {
    /// The core's instrument.
    pub fn instrument(self) -> &'static Instrument {
        match self {
            Form::Kratom => &instrument::KRATOM,
            Form::Sows => &instrument::SOWS,
            Form::Cows => &instrument::COWS,
        }
    }
}

/// A symptom as JSON: the core's fields and the scores it allows.
#[derive(Serialize)]
pub struct SymptomJson<'a> {
    #[serde(flatten)]
    symptom: &'a Symptom,
    allowed: Vec<i32>,
}

pub fn symptom_json(s: &Symptom) -> SymptomJson<'_> {
    SymptomJson {
        symptom: s,
        allowed: out::allowed_scores(&s.key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_form_is_the_core_instrument_of_its_name() {
        for form in Form::value_variants() {
            let name = form.to_possible_value().map(|v| v.get_name().to_owned());
            assert_eq!(name.as_deref(), Some(form.instrument().key));
        }
    }
}
