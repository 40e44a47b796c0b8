//! Each command: turn its arguments into the core's inputs, call the core, render the result.

use chrono::{Local, NaiveDate, SecondsFormat, Utc};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::Path;
use taper_core::checkin::{CheckIn, CheckInInput, ItemScore};
use taper_core::day::{parse_day, parse_local_input};
use taper_core::dose::{self, Dose, DoseInput, Form, Unit};
use taper_core::instrument;
use taper_core::medicine::{Medicine, MedicineInput};
use taper_core::store::OpenOptions;

use taper_core::store::{data_dir, diary_file, DiaryFile, Passphrase, DB_FILE};
use taper_core::symptom::Symptom;
use taper_core::{DayView, Error, Store};

use crate::args::{
    CheckinCommand, Cli, Command, DoseCommand, DoseFields, MedCommand, Range, SymptomCommand,
};
use crate::fail::{invalid, with_id, with_key, Failure};
use crate::out;

pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// Runs the command and returns what goes to stdout.
pub fn run(cli: &Cli) -> Result<String> {
    let json = cli.json;
    match &cli.command {
        Command::Dose(c) => dose_command(c, json),
        Command::Checkin(c) => checkin_command(c, json),
        Command::Symptoms { instrument } => symptoms(instrument.key(), json),
        Command::Symptom(c) => symptom_command(c, json),
        Command::Med(c) => med_command(c, json),
        Command::Day { date } => day(date.as_deref(), json),
        Command::Plan(c) => crate::plan::plan_command(c, json),
        Command::Export(a) => crate::export::export(a, json),
        Command::Import(a) => crate::export::import(a, json),
        Command::Chart(a) => crate::chart::chart(a, json),
        Command::Backup { command } => crate::backup::backup(command.as_ref(), json),
        Command::Restore { file } => crate::backup::restore(file, json),
        Command::Report(a) => crate::report::report(a, json),
    }
}

// ---- opening the diary ---------------------------------------------------------------------

/// Environment variable a script can give an encrypted diary's passphrase in (docs/cli.md).
pub const PASSPHRASE_ENV: &str = "TAPER_PASSPHRASE";

/// The passphrase for the diary at `path`: none for a plain diary; else `$TAPER_PASSPHRASE`,
/// else asked on the terminal without echo. With neither, the diary cannot be opened.
pub fn passphrase_for(path: &Path) -> Result<Option<Passphrase>> {
    if diary_file(path) != DiaryFile::Encrypted {
        return Ok(None);
    }
    if let Some(text) = std::env::var_os(PASSPHRASE_ENV) {
        let text = text
            .into_string()
            .map_err(|_| invalid("passphrase", "TAPER_PASSPHRASE is not valid text (UTF-8)."))?;
        return Ok(Some(Passphrase::new(&text)?));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::NeedsPassphrase.into());
    }
    let text = rpassword::prompt_password(format!("Passphrase for {}: ", path.display())).map_err(
        |e| {
            Failure::Core(Error::Storage(format!(
                "the passphrase could not be read ({e})"
            )))
        },
    )?;
    Ok(Some(Passphrase::new(&text)?))
}

/// For commands that add: creates the diary (and its folder) when there is none, as the app does.
pub fn open_or_create() -> Result<Store> {
    let dir = data_dir()?;
    std::fs::create_dir_all(&dir).map_err(Error::from)?;
    let path = dir.join(DB_FILE);
    Ok(Store::open_with(
        &path,
        OpenOptions::default().key(passphrase_for(&path)?.as_ref()),
    )?)
}

/// For every other command: the diary must be there already; nothing is created.
pub fn open_existing() -> Result<Store> {
    let path = data_dir()?.join(DB_FILE);
    if taper_core::store::no_diary_at(&path) {
        return Err(Failure::Missing(path));
    }
    Ok(Store::open_with(
        &path,
        OpenOptions::existing().key(passphrase_for(&path)?.as_ref()),
    )?)
}

// ---- shared parsing ------------------------------------------------------------------------

/// `--at` as RFC 3339 with the local offset; now (to the second) when not given.
fn entry_time(at: Option<&str>) -> Result<String> {
    Ok(match at {
        Some(text) => parse_local_input("taken_at", text)?.to_rfc3339(),
        None => Local::now().to_rfc3339_opts(SecondsFormat::Secs, false),
    })
}

pub fn today(store: &Store) -> Result<NaiveDate> {
    Ok(store.today(Local::now().naive_local())?)
}

/// The diary days a `list` covers: `--date`, or `--from`..`--to` (each defaulting as documented).
fn range(store: &Store, r: &Range) -> Result<(NaiveDate, NaiveDate)> {
    if let Some(d) = &r.date {
        let d = parse_day("date", d)?;
        return Ok((d, d));
    }
    let to = match &r.to {
        Some(t) => parse_day("to", t)?,
        None => today(store)?,
    };
    let from = match &r.from {
        Some(f) => parse_day("from", f)?,
        None => to,
    };
    if from > to {
        return Err(invalid(
            "from",
            format!("The first day ({from}) is after the last day ({to})."),
        ));
    }
    Ok((from, to))
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

pub fn json_doc<T: Serialize>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Core(Error::Storage(format!("could not write JSON: {e}"))))?;
    s.push('\n');
    Ok(s)
}

// ---- doses ---------------------------------------------------------------------------------

fn dose_command(c: &DoseCommand, json: bool) -> Result<String> {
    match c {
        DoseCommand::Add { amount, fields } => dose_add(amount, fields, json),
        DoseCommand::List(r) => dose_list(r, json),
        DoseCommand::Edit {
            id,
            amount,
            fields,
            not_estimated,
        } => dose_edit(*id, amount.as_deref(), fields, *not_estimated, json),
        DoseCommand::Rm { id } => dose_rm(*id, json),
        DoseCommand::Restore { id } => dose_restore(*id, json),
    }
}

fn saved_dose(what: &str, d: &Dose, json: bool) -> Result<String> {
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

fn dose_add(amount: &str, f: &DoseFields, json: bool) -> Result<String> {
    let input = DoseInput {
        amount: amount.to_owned(),
        unit: f
            .unit
            .as_deref()
            .map(Unit::parse)
            .transpose()?
            .unwrap_or(Unit::G),
        taken_at: entry_time(f.at.as_deref())?,
        form: f
            .form
            .as_deref()
            .map(Form::parse)
            .transpose()?
            .unwrap_or(Form::Powder),
        product: f.product.clone(),
        estimated: f.estimated,
        note: f.note.clone(),
        confirm_large: f.yes,
    };
    let mut store = open_or_create()?;
    let d = store.add_dose(&input, Utc::now())?;
    saved_dose("Saved", &d, json)
}

fn dose_edit(
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
    saved_dose("Changed", &d, json)
}

fn dose_rm(id: i64, json: bool) -> Result<String> {
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

fn dose_restore(id: i64, json: bool) -> Result<String> {
    let mut store = open_existing()?;
    let d = store
        .restore_dose(id, Utc::now())
        .map_err(with_id("deleted dose", id))?;
    saved_dose("Restored", &d, json)
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

fn dose_list(r: &Range, json: bool) -> Result<String> {
    let store = open_existing()?;
    let (from, to) = range(&store, r)?;
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
    let mut s = heading("Doses", from, to, store.settings()?.day_start_hour);
    if !doses.is_empty() {
        s.push_str(&out::dose_table(&doses, true));
    }
    s.push_str(&out::dose_summary(total_g, doses.len()));
    s.push('\n');
    Ok(s)
}

/// "Doses 2026-11-24 (days start at 04:00)", "Doses 2026-11-18 to 2026-11-24 (…)".
fn heading(what: &str, from: NaiveDate, to: NaiveDate, start_hour: u8) -> String {
    let span = if from == to {
        from.to_string()
    } else {
        format!("{from} to {to}")
    };
    format!("{what} {span} (days start at {start_hour:02}:00)\n")
}

// ---- check-ins -----------------------------------------------------------------------------

fn checkin_command(c: &CheckinCommand, json: bool) -> Result<String> {
    match c {
        CheckinCommand::Add {
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
            form_items(instrument.key(), *clinician, &items)?;
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
            saved_checkin("Saved", &c, &store, json)
        }
        CheckinCommand::List(r) => checkin_list(r, json),
        CheckinCommand::Rm { id } => {
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
        CheckinCommand::Restore { id } => {
            let mut store = open_existing()?;
            let c = store
                .restore_checkin(*id, Utc::now())
                .map_err(with_id("deleted check-in", *id))?;
            saved_checkin("Restored", &c, &store, json)
        }
    }
}

/// Refuses, before anything is opened, a check-in that is not all of one form: COWS without
/// `--clinician`, or an item of another instrument than `--instrument`. Whether a kratom key
/// names a symptom at all (the user's own included) and every score are the core's to check.
fn form_items(key: &str, clinician: bool, items: &[ItemScore]) -> Result<()> {
    let Some(form) = instrument::instrument(key) else {
        return Err(invalid(
            "instrument",
            format!("“{key}” is not a form: use kratom, sows or cows."),
        ));
    };
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

fn saved_checkin(what: &str, c: &CheckIn, store: &Store, json: bool) -> Result<String> {
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

fn checkin_list(r: &Range, json: bool) -> Result<String> {
    let store = open_existing()?;
    let (from, to) = range(&store, r)?;
    let list = store.checkins_between(from, to)?;
    if json {
        return json_doc(&CheckinList {
            from: from.to_string(),
            to: to.to_string(),
            checkins: &list,
        });
    }
    let mut s = heading("Check-ins", from, to, store.settings()?.day_start_hour);
    if list.is_empty() {
        s.push_str("No check-ins\n");
    } else {
        s.push_str(&out::checkin_table(&list, true));
    }
    Ok(s)
}

// ---- symptoms and days ---------------------------------------------------------------------

/// `symptoms --json`: the form and its items, each with the scores it allows.
#[derive(Serialize)]
struct SymptomList<'a> {
    instrument: &'static str,
    name: &'static str,
    self_report: bool,
    symptoms: Vec<SymptomJson<'a>>,
}

/// A symptom as JSON: the core's fields and the scores it allows.
#[derive(Serialize)]
struct SymptomJson<'a> {
    #[serde(flatten)]
    symptom: &'a Symptom,
    allowed: Vec<i32>,
}

fn symptom_json(s: &Symptom) -> SymptomJson<'_> {
    SymptomJson {
        symptom: s,
        allowed: out::allowed_scores(&s.key),
    }
}

fn symptoms(key: &str, json: bool) -> Result<String> {
    let form = instrument::instrument(key).ok_or_else(|| {
        invalid(
            "instrument",
            format!("“{key}” is not a form: use kratom, sows or cows."),
        )
    })?;
    // The forms' own items never change: listed before any diary exists.
    let list = match crate::export::existing_diary()? {
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
    let how = match form.key {
        "kratom" => format!(
            "Rate each 0-4 (0 none, 1 mild, 2 moderate, 3 severe, 4 extreme), e.g.\n  taper checkin add --item {first}=2\n"
        ),
        "cows" => format!(
            "{}\nRated by a clinician only, never self-report. SCORES lists each item's allowed scores, e.g.\n  taper checkin add --instrument cows --clinician --item {first}=2\n",
            form.name
        ),
        _ => format!(
            "{}\nRate each 0-4 (0 not at all .. 4 extremely), e.g.\n  taper checkin add --instrument {} --item {first}=2\n",
            form.name, form.key
        ),
    };
    Ok(format!("{}{how}", out::symptom_table(&list)))
}

fn symptom_command(c: &SymptomCommand, json: bool) -> Result<String> {
    let (what, s) = match c {
        SymptomCommand::Add { label } => {
            let mut store = open_or_create()?;
            ("Added", store.add_symptom(label)?)
        }
        SymptomCommand::Rename { key, label } => {
            let mut store = open_existing()?;
            let s = store
                .rename_symptom(key, label)
                .map_err(with_key("symptom", key))?;
            ("Renamed", s)
        }
        SymptomCommand::Archive { key, undo } => {
            let mut store = open_existing()?;
            let s = store
                .archive_symptom(key, !undo)
                .map_err(with_key("symptom", key))?;
            (if *undo { "Brought back" } else { "Archived" }, s)
        }
    };
    if json {
        return json_doc(&symptom_json(&s));
    }
    let mut text = format!("{what} symptom {} “{}”.\n", s.key, s.label);
    if s.archived {
        text.push_str(&format!(
            "It is off the form; old check-ins keep it. Undo with: taper symptom archive {} --undo\n",
            s.key
        ));
    } else {
        text.push_str(&format!(
            "Rate it 0-4: taper checkin add --item {}=2\n",
            s.key
        ));
    }
    Ok(text)
}

// ---- other medicines -----------------------------------------------------------------------

fn med_command(c: &MedCommand, json: bool) -> Result<String> {
    match c {
        MedCommand::Add {
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
            saved_medicine("Saved", &m, json)
        }
        MedCommand::List(r) => med_list(r, json),
        MedCommand::Rm { id } => {
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
        MedCommand::Restore { id } => {
            let mut store = open_existing()?;
            let m = store
                .restore_medicine(*id, Utc::now())
                .map_err(with_id("deleted medicine entry", *id))?;
            saved_medicine("Restored", &m, json)
        }
    }
}

fn saved_medicine(what: &str, m: &Medicine, json: bool) -> Result<String> {
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

fn med_list(r: &Range, json: bool) -> Result<String> {
    let store = open_existing()?;
    let (from, to) = range(&store, r)?;
    let list = store.medicines_between(from, to)?;
    if json {
        return json_doc(&MedicineList {
            from: from.to_string(),
            to: to.to_string(),
            medicines: &list,
        });
    }
    let mut s = heading("Medicines", from, to, store.settings()?.day_start_hour);
    if list.is_empty() {
        s.push_str("No medicines\n");
    } else {
        s.push_str(&out::medicine_table(&list, true));
    }
    Ok(s)
}

fn day(date: Option<&str>, json: bool) -> Result<String> {
    let store = open_existing()?;
    let date = match date {
        Some(d) => parse_day("date", d)?,
        None => today(&store)?,
    };
    let v: DayView = store.day(date)?;
    if json {
        return json_doc(&v);
    }
    let start = store.settings()?.day_start_hour;
    let mut s = format!(
        "{} (day starts at {start:02}:00)\n\n",
        date.format("%A %-d %B %Y")
    );
    if v.doses.is_empty() {
        s.push_str("No doses\n");
    } else {
        s.push_str(&out::dose_table(&v.doses, false));
        s.push_str(&out::dose_summary(
            v.total_g,
            usize::try_from(v.dose_count).unwrap_or(0),
        ));
        s.push('\n');
    }
    s.push('\n');
    match v.checkins.first() {
        None => s.push_str("No check-ins\n"),
        Some(c) => {
            let n = v.checkins.len();
            s.push_str(&format!(
                "Latest check-in (id {}, {}; {} this day)\n",
                c.id,
                out::clock(&c.local_time),
                n
            ));
            s.push_str(&out::checkin_detail(c, &store.all_symptoms()?));
        }
    }
    if !v.medicines.is_empty() {
        s.push_str("\nOther medicines\n");
        s.push_str(&out::medicine_table(&v.medicines, false));
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
}
