//! RFC 4180 CSV: a bounded streaming reader, a writer, and the three CSV exports.
//!
//! Written files are UTF-8 with a byte-order mark (spreadsheets then read accents and other
//! scripts correctly), CRLF line ends, a header row, and a field quoted when it holds a comma,
//! a quote, a line break or leading/trailing space (quotes doubled). A cell that a spreadsheet
//! would take for a formula is written as text: see [`guard_formula`] (and
//! [`unguard_formula`], which undoes exactly that on import).
//!
//! Files are read by the `csv` crate through a [`Limits`] guard that sees every byte before the
//! parser does: a row with too many columns, a cell too long or too many rows stops the read
//! there, so memory is bounded by the limits (one row of at most `columns` cells of at most
//! `cell_chars` characters), never by the file. The reader finds the file's delimiter itself
//! (comma, semicolon or tab; see [`Reader::new`]).

use std::borrow::Cow;
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

/// What separates the fields of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Delimiter {
    /// `,` (the RFC 4180 delimiter, and what Taper writes).
    Comma,
    /// `;` (spreadsheets in much of Europe, where the comma is the decimal mark).
    Semicolon,
    /// A tab character.
    Tab,
}

impl Delimiter {
    /// Every delimiter Taper reads, in the order a tie is decided.
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    /// The byte between fields.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// The delimiter in words, plural: "commas", "semicolons", "tabs".
    pub fn plural(self) -> &'static str {
        match self {
            Delimiter::Comma => "commas",
            Delimiter::Semicolon => "semicolons",
            Delimiter::Tab => "tabs",
        }
    }

    fn of(b: u8) -> Option<Delimiter> {
        Delimiter::ALL.into_iter().find(|d| d.byte() == b)
    }
}

/// How a reader found the delimiter: its file's first line said so (`sep=;`, as some
/// spreadsheets write), or it was told from the header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: Delimiter,
    /// The file's first line was `sep=` and the delimiter (that line is not a record).
    pub from_sep_line: bool,
}

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
/// quote, `delim` as separator, CR, LF or CRLF ending a record, blank lines skipped), counting
/// lines, rows, columns and characters in O(1) memory.
#[derive(Debug)]
struct Scanner {
    limits: Limits,
    delim: u8,
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
    /// A scanner for a file whose fields are separated by `delim`, starting at line
    /// `first_line` (2 when a `sep=` line was taken off the file).
    fn new(limits: Limits, delim: u8, first_line: u64) -> Self {
        Scanner {
            limits,
            delim,
            at: At::RecordStart,
            line: first_line,
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
                b if b == self.delim => self.next_field(),
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
                b if b == self.delim => self.next_field(),
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
            b if b == self.delim => self.next_field(),
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
/// holding one empty cell are skipped. Line breaks inside a cell come back as `\n`. Fields
/// are separated by commas, semicolons or tabs (see [`Reader::new`]). Rows may have any number
/// of fields (up to the limit): the caller compares them with the header.
pub struct Reader<R: BufRead> {
    csv: ::csv::Reader<Guard<R>>,
    record: ::csv::StringRecord,
    dialect: Dialect,
}

impl<R: BufRead> std::fmt::Debug for Reader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("scan", &self.csv.get_ref().scan)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> Reader<R> {
    /// Starts reading `input` (skipping a UTF-8 byte-order mark) and finds its delimiter:
    /// a first line `sep=;` (`sep=,`, `sep=` and a tab; any case), as some spreadsheets
    /// write, names it and is not a record (the header is then line 2); otherwise it is the
    /// one of comma, semicolon and tab found most often outside quotes in the first record
    /// (the header) as far as the input's buffer holds it, a tie going to the comma, then the
    /// semicolon. Errors (`Error::Invalid { field: "file" }`): the input cannot be read, or a
    /// `sep=` line names another delimiter.
    pub fn new(mut input: R, limits: Limits) -> Result<Self> {
        if input.fill_buf().map_err(read_error)?.starts_with(BOM) {
            input.consume(BOM.len());
        }
        let buf = input.fill_buf().map_err(read_error)?;
        let (dialect, sep_len) = match sep_line(buf)? {
            Some((delimiter, len)) => (
                Dialect {
                    delimiter,
                    from_sep_line: true,
                },
                len,
            ),
            None => (
                Dialect {
                    delimiter: most_frequent(buf),
                    from_sep_line: false,
                },
                0,
            ),
        };
        input.consume(sep_len);
        let first_line = if dialect.from_sep_line { 2 } else { 1 };
        let delim = dialect.delimiter.byte();
        let csv = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(Guard {
                inner: input,
                scan: Scanner::new(limits, delim, first_line),
                refusal: None,
            });
        Ok(Reader {
            csv,
            record: ::csv::StringRecord::new(),
            dialect,
        })
    }

    /// The delimiter this reader uses, and how it was found.
    pub fn dialect(&self) -> Dialect {
        self.dialect
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

/// A first line `sep=X` (any case, then a line end or the end of the text): the delimiter X
/// and the bytes of the line with its line end. `None` when the text does not start so.
/// Errors: X is not a comma, semicolon or tab.
fn sep_line(buf: &[u8]) -> Result<Option<(Delimiter, usize)>> {
    if buf.len() < 5 || !buf[..4].eq_ignore_ascii_case(b"sep=") {
        return Ok(None);
    }
    let rest = &buf[5..];
    let end = match rest.first() {
        None => 5,
        Some(b'\r') if rest.get(1) == Some(&b'\n') => 7,
        Some(b'\r' | b'\n') => 6,
        // Not a line of its own: the header itself, say a column called "sep=…".
        Some(_) => return Ok(None),
    };
    match Delimiter::of(buf[4]) {
        Some(d) => Ok(Some((d, end))),
        None => Err(refused(
            1,
            format!(
                "the file's first line says its fields are separated by “{}”; Taper reads files with commas, semicolons or tabs between fields. Save the spreadsheet as CSV again.",
                String::from_utf8_lossy(&buf[4..5])
            ),
        )),
    }
}

/// The delimiter found most often outside quotes in the first record of `buf` (blank lines
/// before it skipped), a tie going to the first of [`Delimiter::ALL`]; a comma when there is
/// none.
fn most_frequent(buf: &[u8]) -> Delimiter {
    let mut counts = [0usize; 3];
    let (mut quoted, mut started) = (false, false);
    for &b in buf {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted && started => break,
            b'\r' | b'\n' if !quoted => continue,
            _ if !quoted => {
                if let Some(i) = Delimiter::ALL.iter().position(|d| d.byte() == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
        started = true;
    }
    let mut best = 0;
    for i in 1..counts.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    Delimiter::ALL[best]
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

/// The first characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`,
/// and tab and carriage return, after OWASP's advice on CSV injection), with the line feed and
/// the apostrophe itself so that [`unguard_formula`] undoes [`guard_formula`] exactly.
pub const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\t', '\r', '\n', '\''];

/// A cell as a spreadsheet should show it, as text: one apostrophe put before a cell that
/// starts with one of [`FORMULA_STARTS`] (`=SUM(A1)` → `'=SUM(A1)`, `-5` → `'-5`,
/// `'=x` → `''=x`); any other cell unchanged. Spreadsheets show the cell without the
/// apostrophe and never run it.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as [`guard_formula`] had it: one apostrophe taken off a cell whose next character
/// is one of [`FORMULA_STARTS`] (`'=SUM(A1)` → `=SUM(A1)`, `''=x` → `'=x`); any other cell
/// unchanged (`'tis` stays `'tis`). So `unguard_formula(guard_formula(c)) == c` for every
/// cell `c`.
pub fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// One field as written: guarded against formulas ([`guard_formula`]), then quoted when
/// needed.
pub fn field(text: &str) -> String {
    let text = guard_formula(text);
    let needs = text.contains([',', '"', '\n', '\r'])
        || text.starts_with(char::is_whitespace)
        || text.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
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

    fn dialect_of(text: &str) -> (Dialect, Vec<Record>) {
        let mut r = Reader::new(text.as_bytes(), Limits::DOSE_IMPORT).expect("reader");
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().expect("record") {
            out.push(rec);
        }
        (r.dialect(), out)
    }

    #[test]
    fn the_delimiter_is_told_from_a_sep_line_or_the_header() {
        let (d, r) = dialect_of("time;amount;note\n2026-11-20;2,5;\"a;b\"\n");
        assert_eq!(d.delimiter, Delimiter::Semicolon);
        assert!(!d.from_sep_line);
        assert_eq!(r[1].fields, ["2026-11-20", "2,5", "a;b"]);
        // Delimiters inside quotes do not count; a tie goes to the comma.
        let (d, _) = dialect_of("\"a;b;c\",x,y\n");
        assert_eq!(d.delimiter, Delimiter::Comma);
        let (d, _) = dialect_of("a;b,c\n");
        assert_eq!(d.delimiter, Delimiter::Comma);
        let (d, r) = dialect_of("\r\n\na\tb\tc\n1\t2,5\t3\n");
        assert_eq!(d.delimiter, Delimiter::Tab);
        assert_eq!((r[0].line, r[1].line), (3, 4));
        assert_eq!(r[1].fields, ["1", "2,5", "3"]);
        // A sep= line (any case, any line end) names it and is not a record.
        for text in [
            "\u{feff}sep=;\r\na,b;c\r\n1;2\r\n",
            "SEP=;\na,b;c\n1;2",
            "Sep=;\ra,b;c\r1;2\r",
        ] {
            let (d, r) = dialect_of(text);
            assert_eq!(d.delimiter, Delimiter::Semicolon, "{text:?}");
            assert!(d.from_sep_line);
            assert_eq!(r[0].fields, ["a,b", "c"], "{text:?}");
            assert_eq!((r[0].line, r[1].line), (2, 3), "{text:?}");
        }
        let (d, r) = dialect_of("sep=\t\na\tb\n");
        assert_eq!((d.delimiter, r[0].line), (Delimiter::Tab, 2));
        // A header that starts like one is a header.
        let (d, r) = dialect_of("sep=;x,y\n1,2\n");
        assert_eq!(d.delimiter, Delimiter::Comma);
        assert_eq!(r[0].fields, ["sep=;x", "y"]);
        let e = Reader::new(&b"sep=|\na|b\n"[..], Limits::DOSE_IMPORT).expect_err("pipe");
        assert!(e.to_string().starts_with("line 1: "), "{e}");
        // The limits count fields by the delimiter in use.
        let small = Limits {
            columns: 2,
            rows: 10,
            cell_chars: 100,
        };
        let all = |text: &[u8]| -> Result<Vec<Record>> {
            let mut r = Reader::new(text, small)?;
            let mut out = Vec::new();
            while let Some(rec) = r.next_record()? {
                out.push(rec);
            }
            Ok(out)
        };
        let r = all(b"a;b\n1,5;2,5\n").expect("two fields");
        assert_eq!(r[1].fields, ["1,5", "2,5"]);
        let e = all(b"a;b\n1,5;2,5\n1;2;3\n").expect_err("three");
        assert_eq!(
            e.to_string(),
            "line 3: this row has 3 columns; a dose spreadsheet has at most 2."
        );
    }

    #[test]
    fn the_formula_guard_is_undone_exactly_on_import() {
        for (cell, written) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\nx", "'\nx"),
            ("'=x", "''=x"),
            ("'", "''"),
            ("''", "'''"),
            ("'tis", "''tis"),
            ("plain", "plain"),
            ("1-2", "1-2"),
            (" =x", " =x"),
            ("", ""),
        ] {
            assert_eq!(guard_formula(cell), written, "{cell:?}");
            assert_eq!(unguard_formula(written), cell, "{cell:?}");
        }
        // One apostrophe before ordinary text, as a person may type it, stays.
        assert_eq!(unguard_formula("'tis"), "'tis");
        assert_eq!(unguard_formula("'"), "'");
        // Through a whole file: written as text, read back the same.
        let rows = vec![vec![
            "=A1".to_owned(),
            "'=A1".to_owned(),
            "-x, y".to_owned(),
        ]];
        let text = write(&["a", "b", "c"], &rows);
        assert!(text.contains("'=A1,''=A1,\"'-x, y\"\r\n"), "{text:?}");
        let back = read(&text).expect("read");
        let cells: Vec<&str> = back[1].fields.iter().map(|c| unguard_formula(c)).collect();
        assert_eq!(cells, ["=A1", "'=A1", "-x, y"]);
    }

    #[test]
    fn blank_lines_and_a_missing_final_newline_are_fine() {
        let r = read("a,b\r\n\r\n1,2").expect("read");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].line, 3);
        assert_eq!(r[1].fields, ["1", "2"]);
    }
}
