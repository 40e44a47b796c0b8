//! `taper dose`: log, list, edit, delete and restore doses.

use chrono::Utc;
use clap::{Args, Subcommand};
use serde::Serialize;
use taper_core::dose::{self, Dose, DoseInput, Form, Unit};

use crate::days::{entry_time, Range};
use crate::diary::{open_existing, open_or_create};
use crate::fail::{with_id, Result};
use crate::out::{self, json_doc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Log a dose and print it with its id
    #[command(
        allow_negative_numbers = true,
        after_help = "Amounts of 30 g or more in one dose need --yes; over 100 g is refused.\n\nExamples:\n  taper dose add 2.5\n  taper dose add 3 --unit capsule --form capsules --product \"Red Bali\"\n  taper dose add 2 --at \"2026-11-24 22:15\" --estimated --note \"after dinner\""
    )]
    Add {
        /// Amount in the unit (grams unless --unit says otherwise), like 2.5
        amount: String,
        #[command(flatten)]
        fields: DoseFields,
    },
    /// List doses of a diary day or a range of days (default: today)
    #[command(
        after_help = "Examples:\n  taper dose list\n  taper dose list --date 2026-11-24\n  taper dose list --from 2026-11-18 --to 2026-11-24 --json"
    )]
    List(Range),
    /// Change a dose; options not given keep their current values
    #[command(
        allow_negative_numbers = true,
        after_help = "Clear the product or note with an empty value: --note \"\".\n\nExamples:\n  taper dose edit 12 --amount 3\n  taper dose edit 12 --at \"2026-11-24 23:40\" --not-estimated"
    )]
    Edit {
        /// The dose's id (from `taper dose list`)
        id: i64,
        /// New amount, in the dose's unit or --unit
        #[arg(long)]
        amount: Option<String>,
        #[command(flatten)]
        fields: DoseFields,
        /// Mark the dose as weighed, not estimated
        #[arg(long, conflicts_with = "estimated")]
        not_estimated: bool,
    },
    /// Delete a dose (it can be restored)
    #[command(after_help = "Example:\n  taper dose rm 12\n  taper dose restore 12    # undo")]
    Rm {
        /// The dose's id
        id: i64,
    },
    /// Bring back a deleted dose
    #[command(after_help = "Example:\n  taper dose restore 12")]
    Restore {
        /// The dose's id
        id: i64,
    },
}

/// Options shared by `dose add` and `dose edit`. The unit and form are the core's to read, so
/// a wrong one is refused in the app's words (exit 3).
#[derive(Debug, Args)]
pub struct DoseFields {
    /// Unit of the amount: g, capsule or tsp (capsules and teaspoons are converted with the
    /// grams per unit from Settings) [add default: g]
    #[arg(long, value_name = "g|capsule|tsp")]
    pub unit: Option<String>,
    /// When it was taken, local time "YYYY-MM-DD HH:MM" (or RFC 3339 with an offset)
    /// [add default: now]
    #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
    pub at: Option<String>,
    /// powder, capsules, tablets, extract, tea or other [add default: capsules with --unit
    /// capsule, else powder]
    #[arg(long, value_name = "FORM")]
    pub form: Option<String>,
    /// Product or strain
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub product: Option<String>,
    /// The amount is a guess, not weighed
    #[arg(long)]
    pub estimated: bool,
    /// A note (up to 10,000 characters)
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub note: Option<String>,
    /// Confirm a very large dose (30-100 g)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

impl Cmd {
    pub fn run(&self, json: bool) -> Result<String> {
        match self {
            Cmd::Add { amount, fields } => add(amount, fields, json),
            Cmd::List(r) => list(r, json),
            Cmd::Edit {
                id,
                amount,
                fields,
                not_estimated,
            } => edit(*id, amount.as_deref(), fields, *not_estimated, json),
            Cmd::Rm { id } => rm(*id, json),
            Cmd::Restore { id } => restore(*id, json),
        }
    }
}

fn saved(what: &str, d: &Dose, json: bool) -> Result<String> {
    if json {
        return json_doc(d);
    }
    Ok(format!(
        "{what} dose {} on {}.\n{}",
        d.id,
        d.day,
        out::dose_table(std::slice::from_ref(d), false)
    ))
}

fn add(amount: &str, f: &DoseFields, json: bool) -> Result<String> {
    let unit = f
        .unit
        .as_deref()
        .map(Unit::parse)
        .transpose()?
        .unwrap_or(Unit::G);
    let input =
        DoseInput {
            amount: amount.to_owned(),
            unit,
            taken_at: entry_time(f.at.as_deref())?,
            // Counted in capsules, it was capsules (unless said otherwise).
            form: f.form.as_deref().map(Form::parse).transpose()?.unwrap_or(
                if unit == Unit::Capsule {
                    Form::Capsules
                } else {
                    Form::Powder
                },
            ),
            product: f.product.clone(),
            estimated: f.estimated,
            note: f.note.clone(),
            confirm_large: f.yes,
        };
    let mut store = open_or_create()?;
    let d = store.add_dose(&input, Utc::now())?;
    saved("Saved", &d, json)
}

fn edit(
    id: i64,
    amount: Option<&str>,
    f: &DoseFields,
    not_estimated: bool,
    json: bool,
) -> Result<String> {
    let mut store = open_existing()?;
    let current = store.dose(id).map_err(with_id("dose", id))?;
    let mut input = current.as_input();
    if amount.is_some() || f.unit.is_some() {
        // A changed amount is checked again, large-dose confirmation included.
        input.confirm_large = f.yes;
    }
    if let Some(a) = amount {
        input.amount = a.to_owned();
    }
    if let Some(u) = &f.unit {
        input.unit = Unit::parse(u)?;
    }
    if let Some(at) = &f.at {
        input.taken_at = entry_time(Some(at))?;
    }
    if let Some(form) = &f.form {
        input.form = Form::parse(form)?;
    }
    if let Some(p) = &f.product {
        input.product = Some(p.clone());
    }
    if f.estimated {
        input.estimated = true;
    }
    if not_estimated {
        input.estimated = false;
    }
    if let Some(n) = &f.note {
        input.note = Some(n.clone());
    }
    let d = store
        .update_dose(id, &input, Utc::now())
        .map_err(with_id("dose", id))?;
    saved("Changed", &d, json)
}

fn rm(id: i64, json: bool) -> Result<String> {
    let mut store = open_existing()?;
    let d = store.dose(id).map_err(with_id("dose", id))?;
    store
        .delete_dose(id, Utc::now())
        .map_err(with_id("dose", id))?;
    if json {
        return json_doc(&d);
    }
    Ok(format!(
        "Deleted dose {id}: {} {} at {}. Undo with: taper dose restore {id}\n",
        out::dose_amount(&d),
        d.form.as_str(),
        out::date_time(&d.local_time)
    ))
}

fn restore(id: i64, json: bool) -> Result<String> {
    let mut store = open_existing()?;
    let d = store
        .restore_dose(id, Utc::now())
        .map_err(with_id("deleted dose", id))?;
    saved("Restored", &d, json)
}

/// `dose list --json`.
#[derive(Serialize)]
struct DoseList<'a> {
    from: String,
    to: String,
    total_g: f64,
    dose_count: usize,
    doses: &'a [Dose],
}

fn list(r: &Range, json: bool) -> Result<String> {
    let store = open_existing()?;
    let (from, to) = r.days(&store)?;
    let doses = store.doses_between(from, to)?;
    let total_g = dose::total_g(&doses);
    if json {
        return json_doc(&DoseList {
            from: from.to_string(),
            to: to.to_string(),
            total_g,
            dose_count: doses.len(),
            doses: &doses,
        });
    }
    let mut s = out::heading("Doses", from, to, store.settings()?.day_start_hour);
    if !doses.is_empty() {
        s.push_str(&out::dose_table(&doses, true));
    }
    s.push_str(&out::dose_summary(total_g, doses.len()));
    s.push('\n');
    Ok(s)
}
