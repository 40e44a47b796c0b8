//! Symptom check-ins: each catalogue item rated 0-4, plus craving, sleep, mood and a note.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::day::parse_entry_time;
use crate::dose::{optional_text, MAX_NOTE_CHARS};
use crate::error::{Error, Result};
use crate::instrument;
pub use crate::instrument::ItemScore;
use crate::symptom::{Symptom, KRATOM, MAX_SCORE};

pub const MAX_CRAVING: i32 = 10;
pub const MAX_SLEEP_HOURS: f64 = 24.0;
/// Sleep quality and mood are rated 0-4.
pub const MAX_RATING: i32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckInInput {
    pub taken_at: String,
    pub items: Vec<ItemScore>,
    pub craving: Option<i32>,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<i32>,
    pub mood: Option<i32>,
    pub note: Option<String>,
}

/// `total` is the sum of item scores, `max_total` the highest total of the rated items (4 each on
/// the checklist and SOWS, each item's own maximum on COWS), `worst` the highest item score.
/// `instrument` is the form it was filled in on ("kratom", "sows", "cows"); `band` is given only
/// for a complete scored form; `complete` says every item of the form was rated (for the kratom
/// checklist: every built-in item, and never with no items).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckIn {
    #[ts(type = "number")]
    pub id: i64,
    /// What the entry is now (its identity and last change; opaque). An edit sends it back
    /// so that an entry changed elsewhere since is never overwritten.
    pub version: String,
    pub taken_at: String,
    pub local_time: String,
    pub day: String,
    pub instrument: String,
    pub items: Vec<ItemScore>,
    pub total: i32,
    pub max_total: i32,
    pub worst: i32,
    pub band: Option<String>,
    pub complete: bool,
    pub craving: Option<i32>,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<i32>,
    pub mood: Option<i32>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidCheckIn {
    pub taken_at: DateTime<FixedOffset>,
    /// The instrument all the items belong to ("kratom" when there are none).
    pub instrument: String,
    pub items: Vec<ItemScore>,
    pub craving: Option<i32>,
    pub sleep_hours: Option<f64>,
    pub sleep_quality: Option<i32>,
    pub mood: Option<i32>,
    pub note: Option<String>,
}

/// Total, maximum and worst item of a set of scores. The maximum adds up each rated item's
/// highest score: 4 for checklist and SOWS items, the item's own maximum for COWS.
pub fn score_summary(items: &[ItemScore]) -> (i32, i32, i32) {
    let total = items.iter().map(|i| i.score).sum();
    let max_total = items
        .iter()
        .map(|i| {
            instrument::of_item(&i.key)
                .and_then(|inst| inst.item(&i.key))
                .map_or(MAX_SCORE, instrument::Item::max)
        })
        .fold(0i32, i32::saturating_add);
    let worst = items.iter().map(|i| i.score).max().unwrap_or(0);
    (total, max_total, worst)
}

/// The band (scored forms, when complete) and whether the form is complete, for items saved on
/// `instrument`. The kratom checklist is never banded; it is complete when every built-in item
/// was rated, and never with no items.
pub fn band_and_complete(instrument: &str, items: &[ItemScore]) -> (Option<String>, bool) {
    match instrument::instrument(instrument) {
        Some(inst) => {
            let s = instrument::score(inst, items);
            let complete = s.complete && !items.is_empty();
            (s.band.filter(|_| complete).map(str::to_owned), complete)
        }
        None => (None, false),
    }
}

/// "SOWS form", "kratom checklist".
fn form_name(instrument: &str) -> String {
    match instrument::instrument(instrument) {
        Some(i) if i.is_scored() => format!("{} form", i.short_name),
        Some(i) => i.short_name.to_lowercase(),
        None => format!("“{instrument}” list"),
    }
}

fn rating(field: &'static str, what: &str, value: Option<i32>, max: i32) -> Result<Option<i32>> {
    match value {
        Some(v) if !(0..=max).contains(&v) => Err(Error::invalid(
            field,
            format!("{what} must be from 0 to {max} (got {v})."),
        )),
        v => Ok(v),
    }
}

impl CheckInInput {
    /// Applies every rule against the symptom catalogue.
    pub fn validate(&self, catalogue: &[Symptom], now: DateTime<Utc>) -> Result<ValidCheckIn> {
        let taken_at = parse_entry_time("taken_at", &self.taken_at, now)?;
        let mut items = Vec::with_capacity(self.items.len());
        let mut form: Option<&Symptom> = None;
        for item in &self.items {
            let symptom = catalogue
                .iter()
                .find(|s| s.key == item.key)
                .ok_or_else(|| {
                    Error::invalid(
                        "items",
                        format!("“{}” is not a symptom Taper knows.", item.key),
                    )
                })?;
            match instrument::instrument(&symptom.instrument).filter(|i| i.key != KRATOM) {
                // A standard instrument's item: only the scores its definition allows.
                Some(inst) => instrument::check_item(inst, &item.key, item.score)?,
                // The kratom checklist and the user's own symptoms: 0-4.
                None if !(0..=MAX_SCORE).contains(&item.score) => {
                    return Err(Error::invalid(
                        "items",
                        format!(
                            "“{}” must be rated from 0 (none) to {MAX_SCORE} (extreme), not {}.",
                            symptom.label, item.score
                        ),
                    ));
                }
                None => {}
            }
            match form {
                None => form = Some(symptom),
                Some(first) if first.instrument != symptom.instrument => {
                    return Err(Error::invalid(
                        "items",
                        format!(
                            "“{}” is on the {} and “{}” on the {}: save each as its own check-in.",
                            first.label,
                            form_name(&first.instrument),
                            symptom.label,
                            form_name(&symptom.instrument)
                        ),
                    ));
                }
                Some(_) => {}
            }
            if items.iter().any(|i: &ItemScore| i.key == item.key) {
                return Err(Error::invalid(
                    "items",
                    format!("“{}” is rated twice.", symptom.label),
                ));
            }
            items.push(item.clone());
        }
        // Keep catalogue order so stored and shown order agree.
        items.sort_by_key(|i| {
            catalogue
                .iter()
                .find(|s| s.key == i.key)
                .map_or(i32::MAX, |s| s.position)
        });
        let craving = rating("craving", "Craving", self.craving, MAX_CRAVING)?;
        let sleep_hours = match self.sleep_hours {
            Some(h) if !h.is_finite() || !(0.0..=MAX_SLEEP_HOURS).contains(&h) => {
                return Err(Error::invalid(
                    "sleep_hours",
                    "Hours slept must be from 0 to 24.",
                ))
            }
            h => h.map(|h| (h * 10.0).round() / 10.0),
        };
        let sleep_quality = rating(
            "sleep_quality",
            "Sleep quality",
            self.sleep_quality,
            MAX_RATING,
        )?;
        let mood = rating("mood", "Mood", self.mood, MAX_RATING)?;
        let note = optional_text("note", "note", self.note.as_deref(), MAX_NOTE_CHARS)?;
        if items.is_empty()
            && craving.is_none()
            && sleep_hours.is_none()
            && sleep_quality.is_none()
            && mood.is_none()
            && note.is_none()
        {
            return Err(Error::invalid(
                "items",
                "Rate at least one symptom, your craving or your sleep before saving.",
            ));
        }
        Ok(ValidCheckIn {
            taken_at,
            instrument: form.map_or_else(|| KRATOM.to_owned(), |s| s.instrument.clone()),
            items,
            craving,
            sleep_hours,
            sleep_quality,
            mood,
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::symptom::{KRATOM, KRATOM_ITEMS};

    fn catalogue() -> Vec<Symptom> {
        KRATOM_ITEMS
            .iter()
            .enumerate()
            .map(|(i, (k, l))| Symptom {
                key: (*k).into(),
                label: (*l).into(),
                instrument: KRATOM.into(),
                position: i32::try_from(i).expect("small"),
                archived: false,
            })
            .collect()
    }

    /// The kratom checklist plus SOWS and COWS, as the catalogue holds them after migration 2.
    fn full_catalogue() -> Vec<Symptom> {
        let mut list = catalogue();
        for inst in [&instrument::SOWS, &instrument::COWS] {
            for (i, item) in inst.items.iter().enumerate() {
                list.push(Symptom {
                    key: item.key.into(),
                    label: item.label.into(),
                    instrument: inst.key.into(),
                    position: i32::try_from(i).expect("small"),
                    archived: false,
                });
            }
        }
        list
    }

    fn now() -> DateTime<Utc> {
        "2026-11-25T12:00:00Z".parse().expect("now")
    }

    fn input(items: &[(&str, i32)]) -> CheckInInput {
        CheckInInput {
            taken_at: "2026-11-25T08:00:00+00:00".into(),
            items: items
                .iter()
                .map(|(k, s)| ItemScore {
                    key: (*k).into(),
                    score: *s,
                })
                .collect(),
            craving: Some(6),
            sleep_hours: Some(4.5),
            sleep_quality: Some(1),
            mood: Some(2),
            note: None,
        }
    }

    #[test]
    fn accepts_and_orders_items_by_catalogue() {
        let v = input(&[("tiredness", 2), ("aches", 3)])
            .validate(&catalogue(), now())
            .expect("valid");
        assert_eq!(v.items[0].key, "aches");
        assert_eq!(score_summary(&v.items), (5, 8, 3));
    }

    #[test]
    fn refuses_out_of_range_scores_naming_the_item() {
        for score in [-1, 5, 99] {
            let e = input(&[("aches", score)])
                .validate(&catalogue(), now())
                .expect_err("range");
            assert_eq!(e.field(), Some("items"));
            assert!(e.to_string().contains("Muscle and bone aches"), "{e}");
        }
        let e = input(&[("nope", 1)])
            .validate(&catalogue(), now())
            .expect_err("unknown");
        assert!(e.to_string().contains("“nope”"));
        let e = input(&[("aches", 1), ("aches", 2)])
            .validate(&catalogue(), now())
            .expect_err("dup");
        assert!(e.to_string().contains("twice"));
    }

    #[test]
    fn refuses_out_of_range_craving_sleep_mood() {
        let c = catalogue();
        let mut i = input(&[]);
        i.craving = Some(11);
        assert_eq!(
            i.validate(&c, now()).expect_err("craving").field(),
            Some("craving")
        );
        i.craving = Some(-1);
        assert_eq!(
            i.validate(&c, now()).expect_err("craving").field(),
            Some("craving")
        );
        let mut i = input(&[]);
        i.sleep_hours = Some(24.5);
        assert_eq!(
            i.validate(&c, now()).expect_err("sleep").field(),
            Some("sleep_hours")
        );
        i.sleep_hours = Some(-0.5);
        assert_eq!(
            i.validate(&c, now()).expect_err("sleep").field(),
            Some("sleep_hours")
        );
        i.sleep_hours = Some(f64::NAN);
        assert_eq!(
            i.validate(&c, now()).expect_err("sleep").field(),
            Some("sleep_hours")
        );
        let mut i = input(&[]);
        i.sleep_quality = Some(5);
        assert_eq!(
            i.validate(&c, now()).expect_err("quality").field(),
            Some("sleep_quality")
        );
        let mut i = input(&[]);
        i.mood = Some(-2);
        assert_eq!(
            i.validate(&c, now()).expect_err("mood").field(),
            Some("mood")
        );
        let mut i = input(&[]);
        i.note = Some("n".repeat(MAX_NOTE_CHARS + 1));
        assert_eq!(
            i.validate(&c, now()).expect_err("note").field(),
            Some("note")
        );
    }

    #[test]
    fn refuses_an_empty_check_in_and_accepts_boundaries() {
        let c = catalogue();
        let empty = CheckInInput {
            taken_at: "2026-11-25T08:00:00+00:00".into(),
            items: vec![],
            craving: None,
            sleep_hours: None,
            sleep_quality: None,
            mood: None,
            note: None,
        };
        assert!(empty
            .validate(&c, now())
            .expect_err("empty")
            .to_string()
            .contains("at least one"));
        let mut edge = input(&[("aches", 0), ("anxiety", 4)]);
        edge.craving = Some(10);
        edge.sleep_hours = Some(24.0);
        edge.sleep_quality = Some(4);
        edge.mood = Some(0);
        assert!(edge.validate(&c, now()).is_ok());
        edge.craving = Some(0);
        edge.sleep_hours = Some(0.0);
        assert!(edge.validate(&c, now()).is_ok());
    }

    #[test]
    fn instrument_items_take_only_their_allowed_scores() {
        let c = full_catalogue();
        let e = input(&[("cows_pulse", 3)])
            .validate(&c, now())
            .expect_err("3 is not a pulse score");
        assert_eq!(e.field(), Some("items"));
        assert!(e.to_string().contains("Resting pulse"), "{e}");
        assert!(e.to_string().contains("0, 1, 2 or 4"), "{e}");
        let v = input(&[("cows_gooseflesh", 5), ("cows_pulse", 4)])
            .validate(&c, now())
            .expect("allowed COWS scores, 5 included");
        assert_eq!(v.instrument, "cows");
        assert_eq!(v.items[0].key, "cows_pulse", "catalogue order");
        assert_eq!(score_summary(&v.items), (9, 9, 5));
        assert!(input(&[("sows_anxious", 5)]).validate(&c, now()).is_err());
        let v = input(&[("sows_anxious", 4)])
            .validate(&c, now())
            .expect("SOWS");
        assert_eq!(v.instrument, "sows");
        // Kratom items keep their own rule and message.
        let e = input(&[("aches", 5)])
            .validate(&c, now())
            .expect_err("kratom 0-4");
        assert!(
            e.to_string().contains("from 0 (none) to 4 (extreme)"),
            "{e}"
        );
        let v = input(&[("aches", 4)]).validate(&c, now()).expect("kratom");
        assert_eq!(v.instrument, "kratom");
        let v = input(&[]).validate(&c, now()).expect("no items");
        assert_eq!(v.instrument, "kratom");
    }

    #[test]
    fn band_and_complete_per_instrument() {
        let all = |inst: &instrument::Instrument, score: i32| -> Vec<ItemScore> {
            inst.items
                .iter()
                .map(|i| ItemScore {
                    key: i.key.into(),
                    score: if i.allows(score) { score } else { 0 },
                })
                .collect()
        };
        assert_eq!(
            band_and_complete("sows", &all(&instrument::SOWS, 1)),
            (Some("moderate".into()), true)
        );
        let mut part = all(&instrument::SOWS, 1);
        part.pop();
        assert_eq!(band_and_complete("sows", &part), (None, false));
        assert_eq!(
            band_and_complete("cows", &all(&instrument::COWS, 0)),
            (Some("none".into()), true)
        );
        assert_eq!(
            band_and_complete("kratom", &all(&instrument::KRATOM, 2)),
            (None, true)
        );
        assert_eq!(band_and_complete("kratom", &[]), (None, false));
        assert_eq!(band_and_complete("nope", &[]), (None, false));
    }

    #[test]
    fn a_check_in_holds_one_instrument() {
        let c = full_catalogue();
        let e = input(&[("aches", 2), ("cows_pulse", 1)])
            .validate(&c, now())
            .expect_err("mixed");
        assert_eq!(e.field(), Some("items"));
        assert!(e.to_string().contains("COWS form"), "{e}");
        assert!(input(&[("sows_anxious", 2), ("cows_pulse", 1)])
            .validate(&c, now())
            .is_err());
    }
}
