//! RFC 4180 CSV: a bounded streaming reader, a writer, and the three CSV exports.
//!
//! Written files are UTF-8 with a byte-order mark (spreadsheets then read accents and other
//! scripts correctly), CRLF line ends, a header row, and a field quoted when it holds a comma,
//! a quote, a line break or leading/trailing space (quotes doubled).
//!
//! Files are read by the `csv` crate through a [`Limits`] guard that sees every byte before the
//! parser does: a row with too many columns, a cell too long or too many rows stops the read
//! there, so memory is bounded by the limits (one row of at most `columns` cells of at most
//! `cell_chars` characters), never by the file.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{bounds, thousands, MAX_CSV_CELL_CHARS, MAX_CSV_COLUMNS, MAX_CSV_ROWS};
use crate::dose::grams_text;
use crate::error::{Error, Result};
use crate::store::Store;

/// One record read from a CSV file, with the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// What a CSV file may hold; a file beyond any limit is refused as a whole, naming the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Cells in one row.
    pub columns: usize,
    /// Rows after the first (header) row.
    pub rows: usize,
    /// Characters (Unicode scalar values) in one cell, without its quotes.
    pub cell_chars: usize,
}

impl Limits {
    /// A dose spreadsheet: [`MAX_CSV_COLUMNS`] columns, [`MAX_CSV_ROWS`] rows after the
    /// header, [`MAX_CSV_CELL_CHARS`] characters a cell.
    pub const DOSE_IMPORT: Limits = Limits {
        columns: MAX_CSV_COLUMNS,
        rows: MAX_CSV_ROWS,
        cell_chars: MAX_CSV_CELL_CHARS,
    };
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Where the scanner is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Between records (blank lines are skipped here, as the parser skips them).
    RecordStart,
    FieldStart,
    Unquoted,
    Quoted,
    /// Just after a quote inside a quoted field: a second quote is a literal one, a comma or
    /// line end closes the field, anything else is refused.
    QuoteInQuoted,
}

/// A limit already crossed: the rest of the row (or cell) is only counted, never kept, so the
/// refusal can say how far over it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Over {
    Columns,
    Cell,
}

/// Follows the bytes of a CSV file with the same rules as the parser (RFC 4180 with `"` as
/// quote, `,` as separator, CR, LF or CRLF ending a record, blank lines skipped), counting
/// lines, rows, columns and characters in O(1) memory.
#[derive(Debug)]
struct Scanner {
    limits: Limits,
    at: At,
    /// 1-based line of the next byte; CR, LF and CRLF each end one line.
    line: u64,
    prev_cr: bool,
    records: u64,
    columns: u64,
    record_line: u64,
    cell_chars: u64,
    cell_line: u64,
    over: Option<Over>,
    /// Start lines of the records the parser has been given and not yet returned.
    starts: VecDeque<u64>,
}

fn refused(line: u64, reason: String) -> Error {
    Error::invalid("file", format!("line {line}: {reason}"))
}

impl Scanner {
    fn new(limits: Limits) -> Self {
        Scanner {
            limits,
            at: At::RecordStart,
            line: 1,
            prev_cr: false,
            records: 0,
            columns: 0,
            record_line: 1,
            cell_chars: 0,
            cell_line: 1,
            over: None,
            starts: VecDeque::new(),
        }
    }

    /// Takes one byte of the file.
    fn step(&mut self, b: u8) -> Result<()> {
        let result = match self.at {
            At::RecordStart if b == b'\r' || b == b'\n' => Ok(()),
            At::RecordStart => {
                self.records += 1;
                if self.records > self.limits.rows as u64 + 1 {
                    return Err(refused(
                        self.line,
                        format!(
                            "the file has more than {} rows after its header; Taper imports at most {} doses from one file. Split it and import each part.",
                            thousands(self.limits.rows as u64),
                            thousands(self.limits.rows as u64)
                        ),
                    ));
                }
                self.starts.push_back(self.line);
                self.record_line = self.line;
                self.columns = 1;
                self.field_start(b)
            }
            At::FieldStart => self.field_start(b),
            At::Unquoted => match b {
                b',' => self.next_field(),
                b'\r' | b'\n' => self.end_record(),
                _ => {
                    self.add(b);
                    Ok(())
                }
            },
            At::Quoted => {
                if b == b'"' {
                    self.at = At::QuoteInQuoted;
                } else {
                    self.add(b);
                }
                Ok(())
            }
            At::QuoteInQuoted => match b {
                b'"' => {
                    self.at = At::Quoted;
                    self.add(b);
                    Ok(())
                }
                b',' => self.next_field(),
                b'\r' | b'\n' => self.end_record(),
                _ => Err(refused(
                    self.line,
                    "there is text after a closing quote; a quote inside a quoted field must be doubled (\"\")".to_owned(),
                )),
            },
        };
        if b == b'\r' || (b == b'\n' && !self.prev_cr) {
            self.line += 1;
        }
        self.prev_cr = b == b'\r';
        result
    }

    fn field_start(&mut self, b: u8) -> Result<()> {
        self.cell_chars = 0;
        self.cell_line = self.line;
        match b {
            b'"' => {
                self.at = At::Quoted;
                Ok(())
            }
            b',' => self.next_field(),
            b'\r' | b'\n' => self.end_record(),
            _ => {
                self.at = At::Unquoted;
                self.add(b);
                Ok(())
            }
        }
    }

    /// One more byte in the cell: a character unless it continues a UTF-8 sequence.
    fn add(&mut self, b: u8) {
        if b & 0xC0 != 0x80 {
            self.cell_chars += 1;
            if self.cell_chars > self.limits.cell_chars as u64 && self.over.is_none() {
                self.over = Some(Over::Cell);
            }
        }
    }

    fn next_field(&mut self) -> Result<()> {
        if self.over == Some(Over::Cell) {
            return Err(self.over_error());
        }
        self.columns += 1;
        if self.columns > self.limits.columns as u64 && self.over.is_none() {
            self.over = Some(Over::Columns);
        }
        self.at = At::FieldStart;
        Ok(())
    }

    fn end_record(&mut self) -> Result<()> {
        if self.over.is_some() {
            return Err(self.over_error());
        }
        self.at = At::RecordStart;
        Ok(())
    }

    fn over_error(&self) -> Error {
        match self.over {
            Some(Over::Cell) => refused(
                self.cell_line,
                format!(
                    "column {} holds {} characters; a cell of a dose spreadsheet holds at most {}.",
                    self.columns,
                    thousands(self.cell_chars),
                    thousands(self.limits.cell_chars as u64)
                ),
            ),
            _ => refused(
                self.record_line,
                format!(
                    "this row has {} columns; a dose spreadsheet has at most {}.",
                    thousands(self.columns),
                    thousands(self.limits.columns as u64)
                ),
            ),
        }
    }

    /// The end of the file: a limit crossed in the last row, or a quote never closed.
    fn finish(&self) -> Result<()> {
        if self.over.is_some() {
            return Err(self.over_error());
        }
        if self.at == At::Quoted {
            return Err(refused(
                self.cell_line,
                "a quoted field is never closed (the file may be cut short)".to_owned(),
            ));
        }
        Ok(())
    }
}

/// The bytes of the file on their way to the parser, each first taken by the [`Scanner`].
/// Once a limit is crossed nothing more is passed on: the guard reads on (counting, keeping
/// nothing) to the end of the row or cell and then fails the read with the refusal, which
/// [`Reader`] hands back in place of the parser's I/O error.
struct Guard<R> {
    inner: R,
    scan: Scanner,
    refusal: Option<Error>,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.refusal.is_some() {
            return Err(io::Error::other("refused"));
        }
        loop {
            let n = match self.inner.read(buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let outcome = if n == 0 {
                self.scan.finish()
            } else {
                buf[..n].iter().try_for_each(|&b| self.scan.step(b))
            };
            if let Err(e) = outcome {
                self.refusal = Some(e);
                return Err(io::Error::other("refused"));
            }
            if self.scan.over.is_none() {
                return Ok(n);
            }
        }
    }
}

/// A CSV reader within [`Limits`]: RFC 4180 text with quoted fields (doubled quotes, line
/// breaks inside), CR, LF or CRLF line ends, a leading byte-order mark; blank lines and lines
/// holding one empty cell are skipped. Line breaks inside a cell come back as `\n`.
pub struct Reader<R: BufRead> {
    csv: ::csv::Reader<Guard<R>>,
    record: ::csv::StringRecord,
}

impl<R: BufRead> std::fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("scan", &self.csv.get_ref().scan)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> Reader<R> {
    /// Starts reading `input` (skipping a UTF-8 byte-order mark). Errors: the input cannot be
    /// read (`Error::Invalid { field: "file" }`).
    pub fn new(mut input: R, limits: Limits) -> Result<Self> {
        if input.fill_buf().map_err(read_error)?.starts_with(BOM) {
            input.consume(BOM.len());
        }
        let csv = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Guard {
                inner: input,
                scan: Scanner::new(limits),
                refusal: None,
            });
        Ok(Reader {
            csv,
            record: ::csv::StringRecord::new(),
        })
    }

    /// The next record, or `None` at the end of the file. Refusals are
    /// `Error::Invalid { field: "file", message: "line L: reason" }`: a row over the column
    /// limit, a cell over the length limit, too many rows, a quote never closed, text after a
    /// closing quote, text that is not UTF-8, or the input failing to read.
    pub fn next_record(&mut self) -> Result<Option<Record>> {
        loop {
            let read = self.csv.read_record(&mut self.record);
            // Every record the parser returns (or fails on) was started in the scanner.
            let line = match &read {
                Ok(false) => 0,
                _ => self.csv.get_mut().scan.starts.pop_front().unwrap_or(0),
            };
            match read {
                Ok(false) => return Ok(None),
                Ok(true) => {
                    if self.record.len() == 1 && self.record[0].is_empty() {
                        continue;
                    }
                    let fields = self.record.iter().map(line_breaks).collect();
                    return Ok(Some(Record {
                        line: usize::try_from(line).unwrap_or(usize::MAX),
                        fields,
                    }));
                }
                Err(e) => return Err(self.error(e, line)),
            }
        }
    }

    fn error(&mut self, e: ::csv::Error, line: u64) -> Error {
        if let Some(refusal) = self.csv.get_mut().refusal.take() {
            return refusal;
        }
        match e.into_kind() {
            ::csv::ErrorKind::Utf8 { err, .. } => refused(
                line,
                format!(
                    "column {} is not UTF-8 text. Save the spreadsheet as CSV UTF-8 and try again.",
                    err.field() + 1
                ),
            ),
            ::csv::ErrorKind::Io(e) => read_error(e),
            other => Error::invalid(
                "file",
                format!("the file cannot be read as CSV ({other:?})"),
            ),
        }
    }
}

fn read_error(e: io::Error) -> Error {
    Error::invalid("file", format!("The file could not be read: {e}"))
}

/// A cell as the rest of Taper sees it: CRLF and CR inside it become LF.
fn line_breaks(cell: &str) -> String {
    if cell.contains('\r') {
        cell.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        cell.to_owned()
    }
}

/// Reads a whole CSV text within [`Limits::DOSE_IMPORT`] (see [`Reader`]). A malformed file
/// is refused naming the line: `Error::Invalid { field: "file", message: "line L: reason" }`.
pub fn read(text: &str) -> Result<Vec<Record>> {
    let mut reader = Reader::new(text.as_bytes(), Limits::DOSE_IMPORT)?;
    let mut records = Vec::new();
    while let Some(r) = reader.next_record()? {
        records.push(r);
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
    fn cr_lf_and_crlf_each_end_a_line_and_lines_are_counted_as_before() {
        let r = read("\u{feff}a,b\r1,2\r\r\"x\r\ny\",3\n\"\"\n4,\"\"\"q\"\"\"\r\n").expect("read");
        let got: Vec<(usize, Vec<&str>)> = r
            .iter()
            .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (1, vec!["a", "b"]),
                (2, vec!["1", "2"]),
                (4, vec!["x\ny", "3"]),
                (7, vec!["4", "\"q\""]),
            ]
        );
    }

    #[test]
    fn limits_refuse_the_row_that_crosses_them() {
        let small = Limits {
            columns: 3,
            rows: 2,
            cell_chars: 5,
        };
        let all = |text: &str| -> Result<Vec<Record>> {
            let mut r = Reader::new(text.as_bytes(), small)?;
            let mut out = Vec::new();
            while let Some(rec) = r.next_record()? {
                out.push(rec);
            }
            Ok(out)
        };
        assert_eq!(
            all("a,b,c\n1,2,3\n4,5,6\n").expect("at the limits").len(),
            3
        );
        let e = all("a,b,c\n1,2,3,4,5\n").expect_err("columns");
        assert_eq!(
            e.to_string(),
            "line 2: this row has 5 columns; a dose spreadsheet has at most 3."
        );
        let e = all("a\n\"12345\"\"\"\n").expect_err("cell");
        assert!(
            e.to_string()
                .starts_with("line 2: column 1 holds 6 characters"),
            "{e}"
        );
        let e = all("a\n1\n2\n3\n").expect_err("rows");
        assert!(
            e.to_string()
                .starts_with("line 4: the file has more than 2 rows"),
            "{e}"
        );
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_naming_the_line_and_column() {
        let mut r = Reader::new(&b"a,b\n1,\xe9\n"[..], Limits::DOSE_IMPORT).expect("reader");
        assert!(r.next_record().expect("header").is_some());
        let e = r.next_record().expect_err("latin-1");
        assert!(
            e.to_string()
                .starts_with("line 2: column 2 is not UTF-8 text"),
            "{e}"
        );
    }

    #[test]
    fn blank_lines_and_a_missing_final_newline_are_fine() {
        let r = read("a,b\r\n\r\n1,2").expect("read");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].line, 3);
        assert_eq!(r[1].fields, ["1", "2"]);
    }
}
