//! RFC 4180 CSV: a small reader and writer, and the three CSV exports.
//!
//! Written files are UTF-8 with a byte-order mark (spreadsheets then read accents and other
//! scripts correctly), CRLF line ends, a header row, and a field quoted when it holds a comma,
//! a quote, a line break or leading/trailing space (quotes doubled).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::bounds;
use crate::dose::grams_text;
use crate::error::{Error, Result};
use crate::store::Store;

/// One record read from a CSV file, with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Reads RFC 4180 text: quoted fields with doubled quotes and line breaks inside, CRLF or LF
/// line ends, a leading byte-order mark. Blank lines are skipped. A malformed file is refused
/// naming the line: `Error::Invalid { field: "file", message: "line L: reason" }`.
pub fn read(text: &str) -> Result<Vec<Record>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut quoted_from: Option<usize> = None; // line a quoted field started on
    let mut after_quote = false; // just closed a quoted field
    let mut chars = text.chars().peekable();
    let bad = |line: usize, reason: &str| Error::invalid("file", format!("line {line}: {reason}"));
    let end_record =
        |fields: &mut Vec<String>, field: &mut String, records: &mut Vec<Record>, at: usize| {
            fields.push(std::mem::take(field));
            let f = std::mem::take(fields);
            if !(f.len() == 1 && f[0].is_empty()) {
                records.push(Record {
                    line: at,
                    fields: f,
                });
            }
        };
    while let Some(c) = chars.next() {
        if quoted_from.is_some() {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted_from = None;
                    after_quote = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {
                    // CRLF inside a quoted field is kept as a plain line break.
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                fields.push(std::mem::take(&mut field));
                after_quote = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut field, &mut records, record_line);
                after_quote = false;
                line += 1;
                record_line = line;
            }
            _ if after_quote => {
                return Err(bad(
                    line,
                    "there is text after a closing quote; a quote inside a quoted field must be doubled (\"\")",
                ));
            }
            '"' if field.is_empty() => quoted_from = Some(line),
            c => field.push(c),
        }
    }
    if let Some(start) = quoted_from {
        return Err(bad(
            start,
            "a quoted field is never closed (the file may be cut short)",
        ));
    }
    if !field.is_empty() || !fields.is_empty() || after_quote {
        end_record(&mut fields, &mut field, &mut records, record_line);
    }
    Ok(records)
}

/// One field as written: quoted when needed.
pub fn field(text: &str) -> String {
    let needs = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A whole file: byte-order mark, header, rows, CRLF after every record.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        let cells: Vec<String> = cells.map(|c| field(&c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().map(|h| (*h).to_owned()));
    for row in rows {
        line(&mut row.iter().cloned());
    }
    out
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Header of `doses.csv`.
pub const DOSE_HEADER: &[&str] = &[
    "id",
    "time",
    "day",
    "amount_g",
    "amount_entered",
    "unit",
    "form",
    "product",
    "estimated",
    "note",
];

/// Header of `checkin-items.csv`: one row per item score (a check-in without items has one
/// row with the item columns empty); the check-in's instrument, total and band on each.
pub const CHECKIN_ITEM_HEADER: &[&str] = &[
    "checkin_id",
    "time",
    "day",
    "instrument",
    "item_key",
    "item_label",
    "score",
    "total",
    "max_total",
    "band",
    "complete",
    "craving",
    "sleep_hours",
    "sleep_quality",
    "mood",
    "note",
];

/// Header of `medicines.csv`.
pub const MEDICINE_HEADER: &[&str] = &["id", "time", "day", "name", "amount", "unit", "note"];

/// Doses of the diary days `from..=to` (everything when a bound is `None`), oldest first.
pub fn csv_doses(store: &Store, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<String> {
    let (a, b) = bounds(from, to);
    let rows: Vec<Vec<String>> = store
        .doses_between(a, b)?
        .into_iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                d.taken_at,
                d.day,
                grams_text(d.amount_g),
                d.amount_entered.to_string(),
                d.unit.as_str().to_owned(),
                d.form.as_str().to_owned(),
                opt(&d.product),
                d.estimated.to_string(),
                opt(&d.note),
            ]
        })
        .collect();
    Ok(write(DOSE_HEADER, &rows))
}

/// Check-in item scores of the diary days `from..=to`, oldest check-in first.
pub fn csv_checkin_items(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<String> {
    let (a, b) = bounds(from, to);
    let labels: std::collections::HashMap<String, String> = store
        .all_symptoms()?
        .into_iter()
        .map(|s| (s.key, s.label))
        .collect();
    let mut checkins = store.checkins_between(a, b)?;
    checkins.reverse();
    let mut rows = Vec::new();
    for c in checkins {
        let common = |key: String, label: String, score: String| {
            vec![
                c.id.to_string(),
                c.taken_at.clone(),
                c.day.clone(),
                c.instrument.clone(),
                key,
                label,
                score,
                c.total.to_string(),
                c.max_total.to_string(),
                opt(&c.band),
                c.complete.to_string(),
                opt(&c.craving),
                opt(&c.sleep_hours),
                opt(&c.sleep_quality),
                opt(&c.mood),
                opt(&c.note),
            ]
        };
        if c.items.is_empty() {
            rows.push(common(String::new(), String::new(), String::new()));
        }
        for item in &c.items {
            let label = labels.get(&item.key).cloned().unwrap_or_default();
            rows.push(common(item.key.clone(), label, item.score.to_string()));
        }
    }
    Ok(write(CHECKIN_ITEM_HEADER, &rows))
}

/// Other medicines of the diary days `from..=to`, oldest first.
pub fn csv_medicines(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<String> {
    let (a, b) = bounds(from, to);
    let rows: Vec<Vec<String>> = store
        .medicines_between(a, b)?
        .into_iter()
        .map(|m| {
            vec![
                m.id.to_string(),
                m.taken_at,
                m.day,
                m.name,
                opt(&m.amount),
                opt(&m.unit),
                opt(&m.note),
            ]
        })
        .collect();
    Ok(write(MEDICINE_HEADER, &rows))
}

/// The three CSV files of an export, with the names `taper export csv` gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CsvFiles {
    /// `doses.csv`
    pub doses: String,
    /// `checkin-items.csv`
    pub checkin_items: String,
    /// `medicines.csv`
    pub medicines: String,
}

impl CsvFiles {
    pub const DOSES: &'static str = "doses.csv";
    pub const CHECKIN_ITEMS: &'static str = "checkin-items.csv";
    pub const MEDICINES: &'static str = "medicines.csv";

    /// (file name, content) of each file.
    pub fn files(&self) -> [(&'static str, &str); 3] {
        [
            (Self::DOSES, &self.doses),
            (Self::CHECKIN_ITEMS, &self.checkin_items),
            (Self::MEDICINES, &self.medicines),
        ]
    }
}

/// All three CSV files for the diary days `from..=to`.
pub fn csv_files(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<CsvFiles> {
    Ok(CsvFiles {
        doses: csv_doses(store, from, to)?,
        checkin_items: csv_checkin_items(store, from, to)?,
        medicines: csv_medicines(store, from, to)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back_awkward_fields() {
        let rows = vec![
            vec![
                "a,b".to_owned(),
                "say \"hi\"".to_owned(),
                "two\r\nlines".to_owned(),
            ],
            vec![
                " lead".to_owned(),
                "ünïcødé 漢字 🙂".to_owned(),
                String::new(),
            ],
        ];
        let text = write(&["x", "y", "z"], &rows);
        assert!(text.starts_with('\u{feff}'));
        let back = read(&text).expect("read");
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].fields, ["x", "y", "z"]);
        assert_eq!(back[1].fields, ["a,b", "say \"hi\"", "two\nlines"]);
        assert_eq!(back[1].line, 2);
        assert_eq!(back[2].line, 4);
        assert_eq!(back[2].fields, [" lead", "ünïcødé 漢字 🙂", ""]);
    }

    #[test]
    fn refuses_unclosed_quotes_and_stray_text_naming_the_line() {
        let e = read("a,b\n1,\"open\n2,3\n").expect_err("unclosed");
        assert!(
            e.to_string()
                .starts_with("line 2: a quoted field is never closed"),
            "{e}"
        );
        let e = read("a\n\"x\"y\n").expect_err("stray");
        assert!(e.to_string().starts_with("line 2:"), "{e}");
    }

    #[test]
    fn blank_lines_and_a_missing_final_newline_are_fine() {
        let r = read("a,b\r\n\r\n1,2").expect("read");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].line, 3);
        assert_eq!(r[1].fields, ["1", "2"]);
    }
}
