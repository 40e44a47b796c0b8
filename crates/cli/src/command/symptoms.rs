//! `taper symptoms`: the catalogue of a form, the keys and scores `checkin add --item` takes.

use clap::Args;
use serde::Serialize;

use crate::catalogue::{symptom_json, Form, SymptomJson};
use crate::diary::existing_diary;
use crate::fail::Result;
use crate::out::{self, json_doc};

#[derive(Debug, Args)]
pub struct Cmd {
    /// Which form's items: the kratom checklist (with your own symptoms), SOWS or COWS
    #[arg(long, value_name = "kratom|sows|cows", default_value = "kratom")]
    instrument: Form,
}

/// `symptoms --json`: the form and its items, each with the scores it allows.
#[derive(Serialize)]
struct SymptomList<'a> {
    instrument: &'static str,
    name: &'static str,
    self_report: bool,
    symptoms: Vec<SymptomJson<'a>>,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        let form = self.instrument.instrument();
        // The forms' own items never change: listed before any diary exists.
        let list = match existing_diary()? {
            Some(store) => store.symptoms_of(form.key)?,
            None => taper_core::symptom::built_in(form),
        };
        if json {
            return json_doc(&SymptomList {
                instrument: form.key,
                name: form.name,
                self_report: form.self_report,
                symptoms: list.iter().map(symptom_json).collect(),
            });
        }
        let first = list.first().map_or("aches", |s| s.key.as_str());
        let how = match self.instrument {
            Form::Kratom => format!(
                "Rate each 0-4 (0 none, 1 mild, 2 moderate, 3 severe, 4 extreme), e.g.\n  taper checkin add --item {first}=2\n"
            ),
            Form::Cows => format!(
                "{}\nRated by a clinician only, never self-report. SCORES lists each item's allowed scores, e.g.\n  taper checkin add --instrument cows --clinician --item {first}=2\n",
                form.name
            ),
            Form::Sows => format!(
                "{}\nRate each 0-4 (0 not at all .. 4 extremely), e.g.\n  taper checkin add --instrument {} --item {first}=2\n",
                form.name, form.key
            ),
        };
        Ok(format!("{}{how}", out::symptom_table(&list)))
    }
}
