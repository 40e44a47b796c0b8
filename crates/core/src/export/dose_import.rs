//! Doses from a spreadsheet CSV: the header row tells which column is which (time, amount,
//! unit, form, product, note; common synonyms too), every row is checked by the app's own dose
//! rules, and nothing is saved until the caller confirms with [`Store::import_doses`].

use std::collections::HashSet;
use std::io::BufRead;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv::{Limits, Reader};
use super::{cap_message, now_text, MAX_BAD_ROWS_LISTED};
use crate::day::{local_text, offset_minutes, parse_local_input};
use crate::dose::{DoseInput, Form, Unit};
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::store::Store;

/// Which dose field a column of the file feeds (`field` none: the column is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub column: String,
    pub field: Option<String>,
}

/// A row that cannot be imported: its line in the file (1-based; the header is line 1) and
/// why, in the app's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BadRow {
    pub line: u32,
    pub reason: String,
}

/// What a dose CSV holds, before anything is saved. `rows` are ready for
/// [`Store::import_doses`]; `lines` gives each row's line in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DoseImportPreview {
    pub mapping: Vec<ColumnMapping>,
    pub rows: Vec<DoseInput>,
    pub lines: Vec<u32>,
    /// The first [`MAX_BAD_ROWS_LISTED`] (100) bad rows, in file order.
    pub bad: Vec<BadRow>,
    /// Bad rows after those listed in `bad`: counted, not listed.
    pub more_bad: u32,
    /// Grams in the good rows, in total.
    pub total_g: f64,
}

/// What [`Store::import_doses`] saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DoseImportSummary {
    pub added_doses: u32,
    /// Rows identical to a dose already in the diary (or earlier in the file), left out.
    pub skipped_duplicates: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Time,
    Date,
    Amount,
    Grams,
    Estimated,
    Unit,
    Form,
    Product,
    Note,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Time => "time",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Grams => "grams",
            Field::Estimated => "estimated",
            Field::Unit => "unit",
            Field::Form => "form",
            Field::Product => "product",
            Field::Note => "note",
        }
    }
}

fn field_of(header: &str) -> Option<Field> {
    let h = header.trim().to_lowercase();
    let h = h.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != ' ' && c != '_');
    Some(match h {
        "time" | "taken_at" | "taken at" | "datetime" | "date/time" | "date time" | "date_time"
        | "timestamp" | "when" | "time of day" | "clock" => Field::Time,
        "date" | "day" => Field::Date,
        "amount" | "amount_entered" | "dose" | "quantity" | "qty" => Field::Amount,
        "grams" | "gram" | "g" | "amount_g" | "amount (g)" => Field::Grams,
        "estimated" | "estimate" | "approx" | "approximate" => Field::Estimated,
        "unit" | "units" => Field::Unit,
        "form" | "type" | "kind" => Field::Form,
        "product" | "brand" | "strain" | "vendor" => Field::Product,
        "note" | "notes" | "comment" | "comments" | "memo" => Field::Note,
        _ => return None,
    })
}

/// Why a row is bad, quoting no more of it than the start of the offending cell.
fn reason(e: &Error) -> String {
    cap_message(&match e {
        Error::NeedsConfirmation { message, .. } => {
            format!(
                "{message} Check the amount; Taper imports single doses under 30 g from a file."
            )
        }
        other => other.to_string(),
    })
}

/// Reads a dose CSV (RFC 4180; header row required) into a preview; see
/// [`parse_dose_csv_from`]. Errors as there, and a text over [`super::MAX_IMPORT_BYTES`].
pub fn parse_dose_csv(
    text: &str,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<DoseImportPreview> {
    super::check_size(text.len() as u64)?;
    parse_dose_csv_from(text.as_bytes(), settings, now)
}

/// Reads a dose CSV (RFC 4180; header row required) from `input` into a preview, one row at a
/// time, within [`Limits::DOSE_IMPORT`]: at most 64 columns, 100,000 rows after the header and
/// 20,000 characters a cell. A file that cannot be read as CSV, is over a limit, is not UTF-8,
/// has no header naming a time and an amount column, or has no rows is refused
/// (`Error::Invalid { field: "file", message: "line L: reason" }`). Bad rows are listed in
/// `bad`, each with its line and the reason (the first 100; `more_bad` counts the rest).
/// Times without a UTC offset are read in this computer's time zone; a "date" column and a
/// time-of-day column are combined. Unit defaults to g and form to powder when there is no
/// such column or the cell is empty. Memory: the preview, plus one row of the file.
pub fn parse_dose_csv_from(
    input: impl BufRead,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<DoseImportPreview> {
    let mut reader = Reader::new(input, Limits::DOSE_IMPORT)?;
    let Some(head) = reader.next_record()? else {
        return Err(Error::invalid("file", "line 1: the file is empty"));
    };
    let mut fields: Vec<Option<Field>> = Vec::new();
    let mut used = HashSet::new();
    for h in &head.fields {
        let f = field_of(h).filter(|f| used.insert(f.name()));
        fields.push(f);
    }
    let col = |f: Field| fields.iter().position(|x| *x == Some(f));
    let (time_col, date_col) = (col(Field::Time), col(Field::Date));
    // The amount as entered; else a grams column. Either way the unit column (g when
    // missing or empty) says what the amount counts.
    let (amount_col, in_grams) = match (col(Field::Amount), col(Field::Grams)) {
        (Some(a), _) => (Some(a), false),
        (None, g) => (g, true),
    };
    if (time_col.is_none() && date_col.is_none()) || amount_col.is_none() {
        let found: Vec<String> = head.fields.iter().map(|f| super::cap_cell(f)).collect();
        return Err(Error::invalid(
            "file",
            format!(
                "line {}: the first row must name the columns, with at least a time (or date) and an amount column (time, amount, unit, form, note); found: {}",
                head.line,
                found.join(", ")
            ),
        ));
    }
    let unit_col = col(Field::Unit);
    let mapping = head
        .fields
        .iter()
        .enumerate()
        .map(|(i, column)| ColumnMapping {
            column: column.clone(),
            field: match fields[i] {
                Some(Field::Date) if time_col.is_none() => Some("time".to_owned()),
                Some(Field::Grams) if in_grams => Some("amount".to_owned()),
                Some(Field::Grams) => None,
                f => f.map(|f| f.name().to_owned()),
            },
        })
        .collect();
    let mut preview = DoseImportPreview {
        mapping,
        rows: Vec::new(),
        lines: Vec::new(),
        bad: Vec::new(),
        more_bad: 0,
        total_g: 0.0,
    };
    let mut total_dg: i64 = 0;
    let mut any_row = false;
    while let Some(rec) = reader.next_record()? {
        any_row = true;
        let line = u32::try_from(rec.line).unwrap_or(u32::MAX);
        let cell = |i: Option<usize>| {
            i.and_then(|i| rec.fields.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        // A full time in the time column; else the date column, with the time column's
        // time of day when there is one.
        let time_text = match (time_col, date_col) {
            (Some(t), None) => cell(Some(t)).to_owned(),
            (None, d) => cell(d).to_owned(),
            (Some(t), Some(d)) => {
                if parse_local_input("taken_at", cell(Some(t))).is_ok() || cell(Some(d)).is_empty()
                {
                    cell(Some(t)).to_owned()
                } else {
                    format!("{} {}", cell(Some(d)), cell(Some(t)))
                }
            }
        };
        let row = (|| -> Result<DoseInput> {
            if time_text.trim().is_empty() {
                return Err(Error::invalid("taken_at", "The time is empty."));
            }
            let taken_at = parse_local_input("taken_at", &time_text)?.to_rfc3339();
            let mut amount = cell(amount_col).to_owned();
            let unit_text = cell(unit_col);
            // "2.5 g" in the amount column.
            if let Some(n) = amount
                .strip_suffix('g')
                .or_else(|| amount.strip_suffix('G'))
            {
                if unit_text.is_empty() || Unit::parse(unit_text).ok() == Some(Unit::G) {
                    amount = n.trim().to_owned();
                }
            }
            let unit = if unit_text.is_empty() {
                Unit::G
            } else {
                Unit::parse(unit_text)?
            };
            let form_text = cell(col(Field::Form));
            let form = if form_text.is_empty() {
                Form::Powder
            } else {
                Form::parse(form_text)?
            };
            let text = |f: Field| {
                col(f)
                    .and_then(|i| rec.fields.get(i))
                    .filter(|s| !s.trim().is_empty())
                    .cloned()
            };
            let input = DoseInput {
                amount,
                unit,
                taken_at,
                form,
                product: text(Field::Product),
                estimated: matches!(
                    cell(col(Field::Estimated)).to_ascii_lowercase().as_str(),
                    "true" | "yes" | "y" | "1" | "x"
                ),
                note: text(Field::Note),
                confirm_large: false,
            };
            let valid = input.validate(settings, now)?;
            total_dg += valid.amount_dg;
            Ok(input)
        })();
        match row {
            Ok(input) => {
                preview.rows.push(input);
                preview.lines.push(line);
            }
            Err(_) if preview.bad.len() >= MAX_BAD_ROWS_LISTED => {
                preview.more_bad = preview.more_bad.saturating_add(1);
            }
            Err(e) => preview.bad.push(BadRow {
                line,
                reason: reason(&e),
            }),
        }
    }
    if !any_row {
        return Err(Error::invalid(
            "file",
            format!("line {}: there are no rows after the header", head.line + 1),
        ));
    }
    preview.total_g = total_dg as f64 / 10.0;
    Ok(preview)
}

impl Store {
    /// Saves confirmed doses from an import in one IMMEDIATE transaction: every one is
    /// checked first (one bad input saves none), and a dose identical to one already in the
    /// diary (same instant, grams, unit, form, product and note) or earlier in the list is
    /// skipped, so importing the same file twice adds nothing the second time.
    pub fn import_doses(
        &mut self,
        inputs: &[DoseInput],
        now: DateTime<Utc>,
    ) -> Result<DoseImportSummary> {
        let settings = self.settings()?;
        let valid = inputs
            .iter()
            .map(|i| i.validate(&settings, now))
            .collect::<Result<Vec<_>>>()?;
        let stamp = now_text(now);
        self.write(|tx| {
            type Key = (String, i64, String, String, Option<String>, Option<String>);
            let mut keys: HashSet<Key> = HashSet::new();
            {
                let mut stmt = tx.prepare("SELECT taken_at_utc, amount_dg, unit, form, product, note FROM dose")?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    keys.insert((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?));
                }
            }
            let mut insert = tx.prepare(
                "INSERT INTO dose (taken_at_utc, local_time, utc_offset_min, amount_dg, amount_entered,
                                   unit, form, product, estimated, note, created_at, updated_at, uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
            )?;
            let mut s = DoseImportSummary::default();
            for v in &valid {
                let utc = now_text(v.taken_at.with_timezone(&Utc));
                let key = (
                    utc.clone(),
                    v.amount_dg,
                    v.unit.as_str().to_owned(),
                    v.form.as_str().to_owned(),
                    v.product.clone(),
                    v.note.clone(),
                );
                if !keys.insert(key) {
                    s.skipped_duplicates += 1;
                    continue;
                }
                insert.execute(params![
                    utc,
                    local_text(&v.taken_at),
                    offset_minutes(&v.taken_at),
                    v.amount_dg,
                    v.amount_entered,
                    v.unit.as_str(),
                    v.form.as_str(),
                    v.product,
                    v.estimated,
                    v.note,
                    stamp,
                    crate::uid::new_uid()
                ])?;
                s.added_doses += 1;
            }
            Ok(s)
        })
    }
}
