//! Doses from a spreadsheet CSV: the header row tells which column is which (time, amount,
//! grams, unit, form, product, note; common synonyms too), every row is checked by the app's own
//! dose rules, and nothing is saved until the caller confirms with [`Store::import_doses`].
//!
//! Spreadsheets from any country: fields may be separated by commas, semicolons or tabs (told
//! from a `sep=` first line or the header, see [`Reader::new`]), amounts may use a decimal point
//! or a decimal comma (one mark throughout a file), and times may be ISO 8601 with fractions of
//! a second, with or without a UTC offset. A row with more or fewer fields than the header is
//! never read by position: it is a bad row naming what was found.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::BufRead;

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::csv::{unguard_formula, Delimiter, Dialect, Limits, Reader, Record};
use super::{cap_message, MAX_BAD_ROWS_LISTED};
use crate::day::parse_local_input;
use crate::dose::{grams_text, parse_amount, round_tenth, DoseInput, Form, Unit, ValidDose};
use crate::error::{Error, Result};
use crate::settings::Settings;
use crate::store::Store;

/// Which dose field a column of the file feeds (`field` none: the column is ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    pub column: String,
    pub field: Option<String>,
}

/// A row that cannot be imported: its line in the file (1-based; the header is line 1, or
/// line 2 after a `sep=` line) and why, in the app's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BadRow {
    pub line: u32,
    pub reason: String,
}

/// The decimal mark of a file's amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DecimalMark {
    /// `2.5`
    Point,
    /// `2,5`
    Comma,
}

impl DecimalMark {
    fn words(self) -> &'static str {
        match self {
            DecimalMark::Point => "a decimal point",
            DecimalMark::Comma => "a decimal comma",
        }
    }
}

/// One good row of a dose CSV, ready for [`Store::import_doses`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportedDose {
    /// The dose as the file gives it (`amount` with a decimal point, `taken_at` RFC 3339 in
    /// whole seconds).
    pub dose: DoseInput,
    /// Grams from the file's grams column, to 0.1 g, when it has one beside an amount column:
    /// the dose's grams whatever Settings say a capsule or teaspoon weighs. `None`: the grams
    /// are the amount times Settings' grams per unit, as for a typed dose.
    pub amount_g: Option<f64>,
}

/// What a dose CSV holds, before anything is saved. `rows` are ready for
/// [`Store::import_doses`]; `lines` gives each row's line in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DoseImportPreview {
    pub mapping: Vec<ColumnMapping>,
    pub rows: Vec<ImportedDose>,
    pub lines: Vec<u32>,
    /// The first [`MAX_BAD_ROWS_LISTED`] (100) bad rows, in file order.
    pub bad: Vec<BadRow>,
    /// Bad rows after those listed in `bad`: counted, not listed.
    pub more_bad: u32,
    /// Grams in the good rows, in total.
    pub total_g: f64,
    /// What separates the file's fields.
    pub delimiter: Delimiter,
    /// The file's first line named the delimiter (`sep=;`); else it was told from the header.
    pub delimiter_from_sep_line: bool,
    /// The decimal mark of the good rows' amounts; `None` when every amount is a whole number.
    pub decimal_mark: Option<DecimalMark>,
    /// Lines of good rows holding a dose of 30 g or more (the amount a typed dose is asked
    /// about): shown before import; the command line imports them only with `--yes`.
    pub large_lines: Vec<u32>,
}

/// What [`Store::import_doses`] saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DoseImportSummary {
    pub added_doses: u32,
    /// Rows identical to a dose already in the diary, left out (each dose of the diary stands
    /// for one row at most; rows of the file are never compared with each other).
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

/// Which column of the file feeds which field (its index), from the header.
#[derive(Clone, Copy, Default)]
struct Columns {
    time: Option<usize>,
    date: Option<usize>,
    amount: Option<usize>,
    grams: Option<usize>,
    estimated: Option<usize>,
    unit: Option<usize>,
    form: Option<usize>,
    product: Option<usize>,
    note: Option<usize>,
}

impl Columns {
    /// The first column of each field (a second column of the same field is ignored).
    fn of(header: &[impl AsRef<str>]) -> (Columns, Vec<Option<Field>>) {
        let mut used = HashSet::new();
        let fields: Vec<Option<Field>> = header
            .iter()
            .map(|h| field_of(h.as_ref()).filter(|f| used.insert(f.name())))
            .collect();
        let col = |f: Field| fields.iter().position(|x| *x == Some(f));
        let c = Columns {
            time: col(Field::Time),
            date: col(Field::Date),
            amount: col(Field::Amount),
            grams: col(Field::Grams),
            estimated: col(Field::Estimated),
            unit: col(Field::Unit),
            form: col(Field::Form),
            product: col(Field::Product),
            note: col(Field::Note),
        };
        (c, fields)
    }

    /// A time (or date) and an amount (or grams) column: enough to read doses.
    fn enough(&self) -> bool {
        (self.time.is_some() || self.date.is_some())
            && (self.amount.is_some() || self.grams.is_some())
    }
}

/// Reads a dose CSV (header row required) into a preview; see [`parse_dose_csv_from`].
/// Errors as there, and a text over [`super::MAX_IMPORT_BYTES`].
pub fn parse_dose_csv(
    text: &str,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<DoseImportPreview> {
    super::check_size(text.len() as u64)?;
    parse_dose_csv_from(text.as_bytes(), settings, now)
}

/// Reads a dose CSV (header row required) from `input` into a preview, one row at a time,
/// within [`Limits::DOSE_IMPORT`]: at most 64 columns, 100,000 rows after the header and 20,000
/// characters a cell.
///
/// - Fields are separated by commas, semicolons or tabs: a first line `sep=;` says which,
///   else the header row does ([`Reader::new`]); the preview says which (`delimiter`,
///   `delimiter_from_sep_line`).
/// - A row with more or fewer fields than the header is a bad row ("This row has 4 fields;
///   the header has 3 …", with the likely cause), never read by position.
/// - Amounts (and grams) may use a decimal point or a decimal comma (`2,5` is 2.5 g; in a
///   comma-separated file only inside quotes), one mark throughout the file: a row using the
///   other mark than the rows before it is a bad row. The preview says which (`decimal_mark`).
/// - Times: `YYYY-MM-DD HH:MM[:SS]` (or with `T`) in this computer's time zone, or ISO 8601
///   with an offset (`Z`, `+01:00`); seconds may have a fraction (`08:00:00.250`), which is
///   dropped, as Taper keeps whole seconds. A "date" column and a time-of-day column are
///   combined.
/// - A grams column (the CSV export's `amount_g`) beside an amount column is the dose's grams
///   ([`ImportedDose::amount_g`]), whatever Settings say a capsule weighs; it must fit the
///   amount entered. Grams without an amount (no amount column, or its cell empty) are the
///   dose in grams (the unit must then be g or empty).
/// - Unit defaults to g and form to powder when there is no such column or the cell is empty.
/// - A cell with one apostrophe before `=`, `+`, `-`, `@`, a tab, a line break or an apostrophe
///   (how Taper's CSV export shows such cells as text) is read without that apostrophe
///   ([`super::csv::unguard_formula`]).
///
/// Refused (`Error::Invalid { field: "file", message: "line L: reason" }`): a file that cannot
/// be read as CSV, is over a limit, is not UTF-8, has no header naming a time and an amount
/// column (naming a likely other delimiter when there is one), or has no rows. Bad rows are
/// listed in `bad`, each with its line and the reason (the first 100; `more_bad` counts the
/// rest). Memory: the preview, plus one row of the file.
pub fn parse_dose_csv_from(
    input: impl BufRead,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<DoseImportPreview> {
    let mut reader = Reader::new(input, Limits::DOSE_IMPORT)?;
    let dialect = reader.dialect();
    let Some(head) = reader.next_record()? else {
        return Err(Error::invalid("file", "line 1: the file is empty"));
    };
    let (cols, fields) = Columns::of(&head.fields);
    if !cols.enough() {
        return Err(header_refusal(&head, dialect));
    }
    let mapping = head
        .fields
        .iter()
        .enumerate()
        .map(|(i, column)| ColumnMapping {
            column: column.clone(),
            field: match fields[i] {
                Some(Field::Date) if cols.time.is_none() => Some("time".to_owned()),
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
        delimiter: dialect.delimiter,
        delimiter_from_sep_line: dialect.from_sep_line,
        decimal_mark: None,
        large_lines: Vec::new(),
    };
    // The decimal mark of the file, and the line that first used it.
    let mut mark: Option<(DecimalMark, u32)> = None;
    let mut total_dg: i64 = 0;
    let mut any_row = false;
    while let Some(rec) = reader.next_record()? {
        any_row = true;
        let line = u32::try_from(rec.line).unwrap_or(u32::MAX);
        let row = if rec.fields.len() == head.fields.len() {
            let cells: Vec<&str> = rec.fields.iter().map(|c| unguard_formula(c)).collect();
            read_row(&cells, &cols, mark, settings, now)
        } else {
            Err(Error::invalid(
                "file",
                width_reason(&rec.fields, head.fields.len(), dialect.delimiter),
            ))
        };
        match row {
            Ok((dose, valid, row_mark)) => {
                total_dg += valid.amount_dg;
                if let (None, Some(m)) = (mark, row_mark) {
                    mark = Some((m, line));
                }
                if dose.dose.confirm_large {
                    preview.large_lines.push(line);
                }
                preview.rows.push(dose);
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
    preview.decimal_mark = mark.map(|(m, _)| m);
    Ok(preview)
}

/// `sep=;` as a first line would say it.
fn sep_text(d: Delimiter) -> &'static str {
    match d {
        Delimiter::Comma => "sep=,",
        Delimiter::Semicolon => "sep=;",
        Delimiter::Tab => "sep= and a tab",
    }
}

/// The refusal of a header without a time and an amount column: what was found, and when
/// the same line split by another delimiter would have those columns, that the file seems to
/// use that delimiter.
fn header_refusal(head: &Record, dialect: Dialect) -> Error {
    let found: Vec<String> = head.fields.iter().map(|f| super::cap_cell(f)).collect();
    let found = found.join(", ");
    let used = dialect.delimiter;
    for other in Delimiter::ALL.into_iter().filter(|d| *d != used) {
        let split: Vec<&str> = head
            .fields
            .iter()
            .flat_map(|f| f.split(char::from(other.byte())))
            .collect();
        if split.len() > head.fields.len() && Columns::of(&split).0.enough() {
            let (why, fix) = if dialect.from_sep_line {
                (
                    format!(" but its first line says {}", sep_text(used)),
                    "Correct or remove that first line and import again.",
                )
            } else {
                (
                    format!(
                        " but it was read with {} between fields, as its first row has as many of those",
                        used.plural()
                    ),
                    "Save the spreadsheet as CSV again with one kind of separator.",
                )
            };
            return Error::invalid(
                "file",
                cap_message(&format!(
                    "line {}: this file seems to use {} between fields,{why}. {fix} Found: {found}",
                    head.line,
                    other.plural(),
                )),
            );
        }
    }
    Error::invalid(
        "file",
        cap_message(&format!(
            "line {}: the first row (read with {} between fields) must name the columns, with at least a time (or date) and an amount column (time, amount, unit, form, note); found: {found}",
            head.line,
            used.plural(),
        )),
    )
}

/// Why a row with `fields.len()` fields where the header has `width` is refused, with the
/// likely cause.
fn width_reason(fields: &[String], width: usize, used: Delimiter) -> String {
    let n = fields.len();
    let mut out = format!(
        "This row has {n} {}; the header has {width}, so its cells cannot be matched to the columns and nothing in it was read.",
        if n == 1 { "field" } else { "fields" }
    );
    let other = Delimiter::ALL
        .into_iter()
        .find(|d| *d != used && n == 1 && fields[0].contains(char::from(d.byte())));
    if let Some(other) = other {
        out.push_str(&format!(
            " It seems to use {} between fields; the header uses {}.",
            other.plural(),
            used.plural()
        ));
    } else if n > width && used == Delimiter::Comma && split_number(fields) {
        out.push_str(" A decimal comma splits a number in two (2,5 is read as 2 and 5): write 2.5, put the number in quotes (\"2,5\"), or save the spreadsheet with semicolons between fields.");
    } else if n < width {
        out.push_str(" Every row needs a cell for each column of the header, even an empty one.");
    } else {
        let what = match used {
            Delimiter::Comma => "A comma",
            Delimiter::Semicolon => "A semicolon",
            Delimiter::Tab => "A tab",
        };
        out.push_str(&format!(
            " {what} inside a cell splits it: put that cell in quotes."
        ));
    }
    out
}

/// Two neighbouring cells that look like the two halves of a number split at a decimal comma.
fn split_number(fields: &[String]) -> bool {
    let digits = |s: &str| {
        let s = s.trim();
        !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit())
    };
    fields.windows(2).any(|w| digits(&w[0]) && digits(&w[1]))
}

/// `08:00:00.250` → `08:00:00`: the fraction of a second after a time of day, dropped
/// (Taper keeps whole seconds). Anything else unchanged.
fn whole_seconds(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let is_fraction = c == b'.'
            && i >= 8
            && b[i - 3] == b':'
            && b[i - 6] == b':'
            && [1, 2, 4, 5, 7, 8].iter().all(|k| b[i - k].is_ascii_digit())
            && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if is_fraction {
            let end = b[i + 1..]
                .iter()
                .position(|c| !c.is_ascii_digit())
                .map_or(b.len(), |p| i + 1 + p);
            return Cow::Owned(format!("{}{}", &text[..i], &text[end..]));
        }
    }
    Cow::Borrowed(text)
}

/// A time cell: as [`parse_local_input`], with a fraction of a second dropped.
fn parse_time_cell(text: &str) -> Result<DateTime<FixedOffset>> {
    parse_local_input("taken_at", &whole_seconds(text))
}

/// The decimal mark a number's text uses, if any (a text with both is left to the number
/// parser, which refuses it).
fn mark_of(text: &str) -> Option<DecimalMark> {
    match (text.contains('.'), text.contains(',')) {
        (true, false) => Some(DecimalMark::Point),
        (false, true) => Some(DecimalMark::Comma),
        _ => None,
    }
}

/// "2.5 g" → "2.5" when the unit is grams; anything else unchanged.
fn without_g(text: &str, unit_text: &str) -> String {
    if unit_text.is_empty() || Unit::parse(unit_text).ok() == Some(Unit::G) {
        if let Some(n) = text.strip_suffix('g').or_else(|| text.strip_suffix('G')) {
            return n.trim().to_owned();
        }
    }
    text.to_owned()
}

/// One row whose cells match the header: the dose, its validation, and the decimal mark its
/// amounts use. `mark` is the file's mark so far, with the line that first used it.
fn read_row(
    cells: &[&str],
    cols: &Columns,
    mark: Option<(DecimalMark, u32)>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<(ImportedDose, ValidDose, Option<DecimalMark>)> {
    let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map_or("", |s| s.trim());
    // A full time in the time column; else the date column, with the time column's time of
    // day when there is one.
    let time_text = match (cols.time, cols.date) {
        (Some(t), None) => cell(Some(t)).to_owned(),
        (None, d) => cell(d).to_owned(),
        (Some(t), Some(d)) => {
            if parse_time_cell(cell(Some(t))).is_ok() || cell(Some(d)).is_empty() {
                cell(Some(t)).to_owned()
            } else {
                format!("{} {}", cell(Some(d)), cell(Some(t)))
            }
        }
    };
    if time_text.trim().is_empty() {
        return Err(Error::invalid("taken_at", "The time is empty."));
    }
    let taken_at = parse_time_cell(&time_text)?.to_rfc3339();
    let unit_text = cell(cols.unit);
    let unit = if unit_text.is_empty() {
        Unit::G
    } else {
        Unit::parse(unit_text)?
    };
    let filled = |i: Option<usize>| Some(cell(i)).filter(|c| !c.is_empty());
    let (amount, grams) = match (filled(cols.amount), filled(cols.grams)) {
        (Some(a), g) => (without_g(a, unit_text), g.map(|g| without_g(g, ""))),
        // Grams only (no amount column, or its cell empty): the dose in grams.
        (None, Some(g)) => {
            if unit != Unit::G {
                return Err(Error::invalid(
                    "unit",
                    format!(
                        "This row gives grams and no amount, so the dose is read in grams, but its unit is {}. Leave the unit empty (or g), or give the number of {}s in an amount column.",
                        unit.as_str(),
                        unit.as_str()
                    ),
                ));
            }
            (without_g(g, ""), None)
        }
        (None, None) => (String::new(), None),
    };
    // One decimal mark in the row, and the same as the rows before.
    let mut row_mark: Option<(DecimalMark, &str)> = None;
    for text in std::iter::once(amount.as_str()).chain(grams.as_deref()) {
        let Some(m) = mark_of(text) else { continue };
        if let Some((first, line)) = mark.filter(|(first, _)| *first != m) {
            return Err(Error::invalid(
                "amount",
                format!(
                    "“{text}” has {}, but the amounts before it have {} (from line {line}). Use one decimal mark throughout the file.",
                    m.words(),
                    first.words()
                ),
            ));
        }
        if let Some((first, other)) = row_mark.filter(|(first, _)| *first != m) {
            return Err(Error::invalid(
                "amount",
                format!(
                    "“{other}” has {} and “{text}” has {}. Use one decimal mark throughout the file.",
                    first.words(),
                    m.words()
                ),
            ));
        }
        row_mark = Some((m, text));
    }
    let amount_g = match &grams {
        Some(g) => Some(round_tenth(parse_amount(g).map_err(|_| {
            Error::invalid(
                "amount_g",
                format!("“{g}” in the grams column is not an amount of grams, like 2.5."),
            )
        })?)),
        None => None,
    };
    let form_text = cell(cols.form);
    let form = if form_text.is_empty() {
        Form::Powder
    } else {
        Form::parse(form_text)?
    };
    let text = |i: Option<usize>| {
        i.and_then(|i| cells.get(i))
            .filter(|s| !s.trim().is_empty())
            .map(|s| (*s).to_owned())
    };
    let dose = ImportedDose {
        dose: DoseInput {
            amount: amount.replace(',', "."),
            unit,
            taken_at,
            form,
            product: text(cols.product),
            estimated: matches!(
                cell(cols.estimated).to_ascii_lowercase().as_str(),
                "true" | "yes" | "y" | "1" | "x"
            ),
            note: text(cols.note),
            confirm_large: false,
        },
        amount_g,
    };
    let mut dose = dose;
    let valid = match dose.validate(settings, now) {
        // A dose of 30 g or more is read, marked for the confirmation a typed one gets (the
        // preview lists it; the command line asks for --yes).
        Err(Error::NeedsConfirmation { .. }) => {
            dose.dose.confirm_large = true;
            dose.validate(settings, now)?
        }
        other => other?,
    };
    Ok((dose, valid, row_mark.map(|(m, _)| m)))
}

/// The most grams one capsule or teaspoon can be, as Settings allow.
fn max_grams_per(unit: Unit) -> f64 {
    match unit {
        Unit::G => 1.0,
        Unit::Capsule => 5.0,
        Unit::Tsp => 10.0,
    }
}

/// The least grams one capsule or teaspoon can be, as Settings allow (they keep 0.01 g).
const MIN_GRAMS_PER_UNIT: f64 = 0.01;

/// The grams a row records must be what its amount entered can give: the same number for g
/// (to the 0.1 g Taper keeps); for capsules and teaspoons, between 0.01 g and the most
/// Settings allow a unit (5 g a capsule, 10 g a teaspoon). Refusal on `amount_g`.
fn grams_fit_entered(amount_dg: i64, entered: f64, unit: Unit) -> Result<()> {
    let grams = amount_dg as f64 / 10.0;
    let (low, high) = match unit {
        Unit::G => (entered - 0.051, entered + 0.051),
        u => (
            entered * MIN_GRAMS_PER_UNIT - 0.051,
            entered * max_grams_per(u) + 0.051,
        ),
    };
    if (low..=high).contains(&grams) {
        return Ok(());
    }
    let entered_text = format!("{} {}", grams_text_2(entered), unit.as_str());
    Err(Error::invalid(
        "amount_g",
        match unit {
            Unit::G => format!(
                "The grams column says {} g and the amount {entered_text}; they must agree.",
                grams_text(grams)
            ),
            u => format!(
                "The grams column says {} g, which {entered_text} cannot weigh (Taper allows {} to {} g a {}).",
                grams_text(grams),
                MIN_GRAMS_PER_UNIT,
                max_grams_per(u),
                u.as_str()
            ),
        },
    ))
}

/// An entered amount as the file had it, to 0.01: "4", "2.46".
fn grams_text_2(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

impl ImportedDose {
    /// The rules of a typed dose ([`DoseInput::validate`]). With `amount_g` the grams are those
    /// (0.1-100 g, 30 g or more only when confirmed), not the amount times Settings' grams per
    /// unit, and must fit the amount entered (the same for g; for capsules and teaspoons
    /// within the grams per unit Settings allow); the unit and the amount entered are kept.
    /// Errors: [`Error::Invalid`] naming the field, [`Error::NeedsConfirmation`] on `amount`.
    pub fn validate(&self, settings: &Settings, now: DateTime<Utc>) -> Result<ValidDose> {
        let Some(grams) = self.amount_g else {
            return self.dose.validate(settings, now);
        };
        let in_grams = DoseInput {
            amount: grams.to_string(),
            unit: Unit::G,
            ..self.dose.clone()
        };
        let mut v = in_grams.validate(settings, now)?;
        let entered = parse_amount(&self.dose.amount)?;
        v.amount_entered = (entered * 100.0).round() / 100.0;
        v.unit = self.dose.unit;
        grams_fit_entered(v.amount_dg, v.amount_entered, v.unit)?;
        Ok(v)
    }
}

impl Store {
    /// Saves confirmed doses from an import in one IMMEDIATE transaction: every one is
    /// checked first ([`ImportedDose::validate`]; one bad input saves none). A row identical to
    /// a dose already in the diary (same instant, grams, unit, form, product and note; line
    /// breaks compared as `\n`) is skipped, each dose of the diary standing for one row at
    /// most; rows are never compared with each other, so two identical doses in one file are
    /// two doses, and importing the same file (or the diary's own CSV export) again adds
    /// nothing.
    pub fn import_doses(
        &mut self,
        inputs: &[ImportedDose],
        now: DateTime<Utc>,
    ) -> Result<DoseImportSummary> {
        let valid = self.checked_doses(inputs, now)?;
        let (added_doses, skipped_duplicates) = self.add_new_doses(&valid, now, false)?;
        Ok(DoseImportSummary {
            added_doses,
            skipped_duplicates,
        })
    }

    /// Every imported dose through [`ImportedDose::validate`] with today's Settings.
    fn checked_doses(&self, inputs: &[ImportedDose], now: DateTime<Utc>) -> Result<Vec<ValidDose>> {
        let settings = self.settings()?;
        inputs.iter().map(|i| i.validate(&settings, now)).collect()
    }

    /// What [`Store::import_doses`] would do (added, skipped as already in the diary), without
    /// saving anything: the same import in a transaction that is rolled back.
    pub fn preview_doses(
        &mut self,
        inputs: &[ImportedDose],
        now: DateTime<Utc>,
    ) -> Result<DoseImportSummary> {
        let valid = self.checked_doses(inputs, now)?;
        let (added_doses, skipped_duplicates) = self.add_new_doses(&valid, now, true)?;
        Ok(DoseImportSummary {
            added_doses,
            skipped_duplicates,
        })
    }
}
