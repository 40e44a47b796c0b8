//! `taper med`: other medicines and substances (loperamide, ibuprofen...): add, list, delete,
//! restore.

use chrono::Utc;
use clap::Subcommand;
use serde::Serialize;
use taper_core::medicine::{Medicine, MedicineInput};

use crate::days::{entry_time, Range};
use crate::diary::{open_existing, open_or_create};
use crate::fail::{with_id, Result};
use crate::out::{self, json_doc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a medicine or other substance and print it with its id
    #[command(
        allow_negative_numbers = true,
        after_help = "An amount needs no unit, but a unit needs an amount.\n\nExamples:\n  taper med add loperamide --amount 2 --unit mg\n  taper med add ibuprofen --at \"2026-11-24 22:15\" --note \"for the aches\""
    )]
    Add {
        /// What was taken, like loperamide
        #[arg(allow_hyphen_values = true)]
        name: String,
        /// How much, in --unit, like 2 or 0.5
        #[arg(long, value_name = "N")]
        amount: Option<String>,
        /// Any unit: mg, tablets, ml...
        #[arg(long, value_name = "TEXT")]
        unit: Option<String>,
        /// When it was taken, local time "YYYY-MM-DD HH:MM" (or RFC 3339 with an offset)
        /// [default: now]
        #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
        at: Option<String>,
        /// A note (up to 10,000 characters)
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        note: Option<String>,
    },
    /// List medicines of a diary day or a range of days, oldest first (default: today)
    #[command(
        after_help = "Examples:\n  taper med list\n  taper med list --from 2026-11-18 --to 2026-11-24 --json"
    )]
    List(Range),
    /// Delete a medicine entry (it can be restored)
    #[command(after_help = "Example:\n  taper med rm 3\n  taper med restore 3    # undo")]
    Rm {
        /// The entry's id (from `taper med list`)
        id: i64,
    },
    /// Bring back a deleted medicine entry
    #[command(after_help = "Example:\n  taper med restore 3")]
    Restore {
        /// The entry's id
        id: i64,
    },
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        match self {
            Cmd::Add {
                name,
                amount,
                unit,
                at,
                note,
            } => {
                let input = MedicineInput {
                    taken_at: entry_time(at.as_deref())?,
                    name: name.clone(),
                    amount: amount.clone(),
                    unit: unit.clone(),
                    note: note.clone(),
                };
                let mut store = open_or_create()?;
                let m = store.add_medicine(&input, Utc::now())?;
                saved("Saved", &m, json)
            }
            Cmd::List(r) => list(r, json),
            Cmd::Rm { id } => {
                let id = *id;
                let mut store = open_existing()?;
                let m = store.medicine(id).map_err(with_id("medicine entry", id))?;
                store
                    .delete_medicine(id, Utc::now())
                    .map_err(with_id("medicine entry", id))?;
                if json {
                    return json_doc(&m);
                }
                Ok(format!(
                    "Deleted medicine entry {id}: {} at {}. Undo with: taper med restore {id}\n",
                    m.name,
                    out::date_time(&m.local_time)
                ))
            }
            Cmd::Restore { id } => {
                let mut store = open_existing()?;
                let m = store
                    .restore_medicine(*id, Utc::now())
                    .map_err(with_id("deleted medicine entry", *id))?;
                saved("Restored", &m, json)
            }
        }
    }
}

fn saved(what: &str, m: &Medicine, json: bool) -> Result<String> {
    if json {
        return json_doc(m);
    }
    Ok(format!(
        "{what} medicine entry {} on {}.\n{}",
        m.id,
        m.day,
        out::medicine_table(std::slice::from_ref(m), false)
    ))
}

/// `med list --json`.
#[derive(Serialize)]
struct MedicineList<'a> {
    from: String,
    to: String,
    medicines: &'a [Medicine],
}

fn list(r: &Range, json: bool) -> Result<String> {
    let store = open_existing()?;
    let (from, to) = r.days(&store)?;
    let list = store.medicines_between(from, to)?;
    if json {
        return json_doc(&MedicineList {
            from: from.to_string(),
            to: to.to_string(),
            medicines: &list,
        });
    }
    let mut s = out::heading("Medicines", from, to, store.settings()?.day_start_hour);
    if list.is_empty() {
        s.push_str("No medicines\n");
    } else {
        s.push_str(&out::medicine_table(&list, true));
    }
    Ok(s)
}
