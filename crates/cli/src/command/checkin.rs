//! `taper checkin`: save a check-in of one form (kratom checklist, SOWS or COWS), list,
//! delete and restore them.

use chrono::Utc;
use clap::Subcommand;
use serde::Serialize;
use taper_core::checkin::{CheckIn, CheckInInput, ItemScore};
use taper_core::instrument;
use taper_core::Store;

use crate::catalogue::Form;
use crate::days::{entry_time, Range};
use crate::diary::{open_existing, open_or_create};
use crate::fail::{invalid, with_id, Result};
use crate::out::{self, json_doc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Save a check-in: symptoms of one form (kratom checklist, SOWS or COWS), craving, sleep,
    /// mood, note
    #[command(
        allow_negative_numbers = true,
        after_help = ADD_HELP
    )]
    Add {
        /// The form the items belong to; COWS is rated by a clinician and needs --clinician
        #[arg(long, value_name = "kratom|sows|cows", default_value = "kratom")]
        instrument: Form,
        /// Confirm that a clinician did this COWS rating (COWS is never self-report)
        #[arg(long)]
        clinician: bool,
        /// An item and its score: 0-4 for the kratom checklist and SOWS, the item's own scores
        /// for COWS (see taper symptoms --instrument X); repeat it, or give several:
        /// --item aches=3 insomnia=2
        #[arg(long = "item", value_name = "KEY=SCORE", num_args = 1.., value_delimiter = ',')]
        items: Vec<String>,
        /// Craving 0-10
        #[arg(long, value_name = "N")]
        craving: Option<String>,
        /// Hours slept, 0-24
        #[arg(long, value_name = "HOURS")]
        slept: Option<String>,
        /// Sleep quality 0-4 (very poor .. very good)
        #[arg(long, value_name = "N")]
        sleep_quality: Option<String>,
        /// Mood 0-4 (very low .. very good)
        #[arg(long, value_name = "N")]
        mood: Option<String>,
        /// A note (up to 10,000 characters)
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
        /// When, local time "YYYY-MM-DD HH:MM" (or RFC 3339 with an offset) [default: now]
        #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
        at: Option<String>,
    },
    /// List check-ins of a diary day or a range of days, newest first (default: today)
    #[command(
        after_help = "Examples:\n  taper checkin list\n  taper checkin list --from 2026-11-18 --to 2026-11-24 --json"
    )]
    List(Range),
    /// Delete a check-in (it can be restored)
    #[command(after_help = "Example:\n  taper checkin rm 4\n  taper checkin restore 4    # undo")]
    Rm {
        /// The check-in's id
        id: i64,
    },
    /// Bring back a deleted check-in
    #[command(after_help = "Example:\n  taper checkin restore 4")]
    Restore {
        /// The check-in's id
        id: i64,
    },
}

const ADD_HELP: &str = "\
Kratom checklist keys (taper symptoms lists them with any you added in the app):
  aches, insomnia, irritability, aggression, low_mood, mood_swings, anxiety, restlessness,
  runny_nose, sweating, hot_cold, stomach, restless_legs, tiredness
SOWS and COWS keys start with sows_ / cows_: taper symptoms --instrument sows|cows.
COWS is a clinician-rated form: it is saved only with --clinician.

Examples:
  taper checkin add --item aches=3 --item insomnia=2 --craving 6 --slept 4.5 --sleep-quality 1
  taper checkin add --craving 8 --note \"hard evening\" --at \"2026-11-24 21:00\"
  taper checkin add --instrument sows --item sows_anxious=2,sows_yawning=1
  taper checkin add --instrument cows --clinician --item cows_pulse=2 --item cows_gooseflesh=5";

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        match self {
            Cmd::Add {
                instrument,
                clinician,
                items,
                craving,
                slept,
                sleep_quality,
                mood,
                note,
                at,
            } => {
                let items = items.iter().map(|i| item(i)).collect::<Result<Vec<_>>>()?;
                form_items(*instrument, *clinician, &items)?;
                let input = CheckInInput {
                    taken_at: entry_time(at.as_deref())?,
                    items,
                    craving: craving
                        .as_deref()
                        .map(|v| whole_number("craving", "Craving", v))
                        .transpose()?,
                    sleep_hours: slept.as_deref().map(hours).transpose()?,
                    sleep_quality: sleep_quality
                        .as_deref()
                        .map(|v| whole_number("sleep_quality", "Sleep quality", v))
                        .transpose()?,
                    mood: mood
                        .as_deref()
                        .map(|v| whole_number("mood", "Mood", v))
                        .transpose()?,
                    note: note.clone(),
                };
                let mut store = open_or_create()?;
                let c = store.add_checkin(&input, Utc::now())?;
                saved("Saved", &c, &store, json)
            }
            Cmd::List(r) => list(r, json),
            Cmd::Rm { id } => {
                let mut store = open_existing()?;
                let c = store.checkin(*id).map_err(with_id("check-in", *id))?;
                store
                    .delete_checkin(*id, Utc::now())
                    .map_err(with_id("check-in", *id))?;
                if json {
                    return json_doc(&c);
                }
                Ok(format!(
                    "Deleted check-in {id} of {}. Undo with: taper checkin restore {id}\n",
                    out::date_time(&c.local_time)
                ))
            }
            Cmd::Restore { id } => {
                let mut store = open_existing()?;
                let c = store
                    .restore_checkin(*id, Utc::now())
                    .map_err(with_id("deleted check-in", *id))?;
                saved("Restored", &c, &store, json)
            }
        }
    }
}

fn whole_number(field: &'static str, what: &str, text: &str) -> Result<i32> {
    text.trim().parse().map_err(|_| {
        invalid(
            field,
            format!("{what} must be a whole number, not “{}”.", text.trim()),
        )
    })
}

fn hours(text: &str) -> Result<f64> {
    text.trim().replace(',', ".").parse().map_err(|_| {
        invalid(
            "sleep_hours",
            format!(
                "“{}” is not a number of hours. Enter hours slept like 6.5.",
                text.trim()
            ),
        )
    })
}

/// `KEY=SCORE` into an item; the key and the score's range are checked by the core.
fn item(text: &str) -> Result<ItemScore> {
    let Some((key, score)) = text.split_once('=') else {
        return Err(invalid(
            "items",
            format!("“{text}” is not KEY=SCORE. Rate a symptom like aches=3 (see taper symptoms)."),
        ));
    };
    let key = key.trim();
    let score = score.trim().parse().map_err(|_| {
        invalid(
            "items",
            format!(
                "The score of “{key}” must be a whole number from 0 (none) to 4 (extreme), not “{}”.",
                score.trim()
            ),
        )
    })?;
    Ok(ItemScore {
        key: key.to_owned(),
        score,
    })
}

/// Refuses, before anything is opened, a check-in that is not all of one form: COWS without
/// `--clinician`, or an item of another instrument than `--instrument`. Whether a kratom key
/// names a symptom at all (the user's own included) and every score are the core's to check.
fn form_items(form: Form, clinician: bool, items: &[ItemScore]) -> Result<()> {
    let form = form.instrument();
    if !form.self_report && !clinician {
        return Err(invalid(
            "instrument",
            format!(
                "The {} ({}) is a clinician-rated form, never self-report. A clinician saves it with --clinician.",
                form.name, form.short_name
            ),
        ));
    }
    for i in items {
        let belongs = match instrument::of_item(&i.key) {
            Some(owner) => owner.key == form.key,
            // The user's own symptoms (and unknown keys, which the core refuses) are kratom's.
            None => form.key == instrument::KRATOM.key,
        };
        if !belongs {
            return Err(invalid(
                "items",
                format!(
                    "“{}” is not an item of the {} (taper symptoms --instrument {} lists them).",
                    i.key, form.name, form.key
                ),
            ));
        }
    }
    Ok(())
}

fn saved(what: &str, c: &CheckIn, store: &Store, json: bool) -> Result<String> {
    if json {
        return json_doc(c);
    }
    Ok(format!(
        "{what} check-in {} on {}.\n{}{}",
        c.id,
        c.day,
        out::checkin_table(std::slice::from_ref(c), false),
        out::checkin_detail(c, &store.all_symptoms()?)
    ))
}

/// `checkin list --json`.
#[derive(Serialize)]
struct CheckinList<'a> {
    from: String,
    to: String,
    checkins: &'a [CheckIn],
}

fn list(r: &Range, json: bool) -> Result<String> {
    let store = open_existing()?;
    let (from, to) = r.days(&store)?;
    let list = store.checkins_between(from, to)?;
    if json {
        return json_doc(&CheckinList {
            from: from.to_string(),
            to: to.to_string(),
            checkins: &list,
        });
    }
    let mut s = out::heading("Check-ins", from, to, store.settings()?.day_start_hour);
    if list.is_empty() {
        s.push_str("No check-ins\n");
    } else {
        s.push_str(&out::checkin_table(&list, true));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_parse_or_are_refused_naming_items() {
        let i = item(" aches = 3 ").expect("item");
        assert_eq!((i.key.as_str(), i.score), ("aches", 3));
        assert_eq!(item("aches=-1").expect("range is the core's").score, -1);
        for bad in ["aches", "aches=", "aches=high", "aches=2.5"] {
            let e = item(bad).expect_err(bad);
            assert_eq!(e.field(), Some("items"), "{bad}");
            assert_eq!(e.exit_code(), 3);
        }
        assert!(whole_number("craving", "Craving", "7").is_ok());
        assert!(whole_number("craving", "Craving", "7.5").is_err());
        assert_eq!(hours("6,5").expect("comma"), 6.5);
        assert!(hours("lots").is_err());
    }

    #[test]
    fn help_lists_every_built_in_symptom_key() {
        for (key, _) in taper_core::symptom::KRATOM_ITEMS {
            assert!(ADD_HELP.contains(key), "{key}");
        }
    }
}
