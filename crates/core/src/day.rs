//! Times and diary days. A dose keeps its wall-clock time and its UTC offset; the diary day
//! comes from the wall clock, so travel or a clock change never moves an entry to another day,
//! and a day starts at a configurable hour so a night is not split.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::error::{Error, Result};

/// Wall-clock text stored in the database, sortable as text: `YYYY-MM-DDTHH:MM:SS`.
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";
const UI_LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The earliest year of any date or time Taper accepts (typed, imported or asked for).
pub const MIN_YEAR: i32 = 1900;
/// The latest year of any date or time Taper accepts.
pub const MAX_YEAR: i32 = 2200;

/// Refuses a day outside the years [`MIN_YEAR`]..=[`MAX_YEAR`] (1900-01-01 to 2200-12-31) with
/// [`Error::Invalid`] naming `field`. Every parser here applies it, so doses, check-ins,
/// medicines, plan starts, chart and report ranges and day navigation all share one bound, and
/// day arithmetic never comes near the limits of the date type.
pub fn check_day(field: &'static str, day: NaiveDate) -> Result<NaiveDate> {
    if (MIN_YEAR..=MAX_YEAR).contains(&day.year()) {
        return Ok(day);
    }
    Err(Error::invalid(
        field,
        format!(
            "{} is outside the years Taper keeps ({MIN_YEAR} to {MAX_YEAR}). Check the year.",
            day.format("%Y-%m-%d")
        ),
    ))
}

/// The first wall-clock date an entry can have: 1900-01-02, so that its diary day (which is
/// the day before when it is before the day-start hour) is never before 1900-01-01.
pub fn first_entry_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(MIN_YEAR, 1, 2).unwrap_or(NaiveDate::MIN)
}

/// How far after its backup was made an entry in that backup may be (the clock of the computer
/// that made it may differ) before the backup is refused.
pub fn max_ahead() -> Duration {
    Duration::hours(24)
}

/// How far after now an entry's time may be (a clock's slack) before it is refused: Taper keeps
/// what happened, whether typed in the app, given to `taper` or imported from a spreadsheet.
pub const ENTRY_SLACK_MINUTES: i64 = 2;

/// Parses a time with its UTC offset: RFC 3339 (`2026-11-25T03:10:00+01:00`) or the same
/// without seconds (`2026-11-25T03:10+01:00`, a space instead of `T` is fine too). The wall-clock
/// date must be in the years 1900-2200 ([`check_day`]). Refusals are [`Error::Invalid`] on
/// `field`.
pub fn parse_time(field: &'static str, text: &str) -> Result<DateTime<FixedOffset>> {
    let parsed = with_offset(text).ok_or_else(|| {
        Error::invalid(
            field,
            format!("“{}” is not a date and time Taper understands. Use a date and time like 2026-11-25 08:30.", text.trim()),
        )
    })?;
    check_day(field, parsed.date_naive())?;
    Ok(parsed)
}

/// The forms [`parse_time`] reads, before the year bound.
fn with_offset(text: &str) -> Option<DateTime<FixedOffset>> {
    let t = text.trim().replacen(' ', "T", 1);
    DateTime::parse_from_rfc3339(&t)
        .or_else(|_| DateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M%:z"))
        .ok()
}

/// A time that is to be saved: parsed, and not more than [`ENTRY_SLACK_MINUTES`] after `now`.
pub fn parse_entry_time(
    field: &'static str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<DateTime<FixedOffset>> {
    let t = parse_time(field, text)?;
    // An entry's diary day can be the day before its wall-clock date (before the day-start
    // hour, up to 23:00): from 1900-01-02 on, that day is always one Taper shows.
    if t.date_naive() < first_entry_day() {
        return Err(Error::invalid(
            field,
            format!(
                "{} is before the first day Taper keeps entries on (1900-01-02; the years 1900 to 2200). Check the year.",
                t.format("%Y-%m-%d %H:%M")
            ),
        ));
    }
    if t.with_timezone(&Utc) - now > Duration::minutes(ENTRY_SLACK_MINUTES) {
        return Err(Error::invalid(
            field,
            "That time is still to come. Log it once it has happened.",
        ));
    }
    Ok(t)
}

/// Parses a diary day `YYYY-MM-DD` in the years 1900-2200 ([`check_day`]); refusals are
/// [`Error::Invalid`] on `field`.
pub fn parse_day(field: &'static str, text: &str) -> Result<NaiveDate> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("“{}” is not a date. Use the form 2026-11-25.", text.trim()),
        )
    })?;
    check_day(field, day)
}

/// The diary day a wall-clock time belongs to when days start at `day_start_hour`. (At the
/// very first instant the date type can hold, the day is that instant's own date.)
pub fn diary_day(local: NaiveDateTime, day_start_hour: u8) -> NaiveDate {
    local
        .checked_sub_signed(Duration::hours(i64::from(day_start_hour)))
        .unwrap_or(local)
        .date()
}

/// The wall-clock range `[start, end)` of the diary days `from..=to`. A `to` on the last day
/// the date type can hold ends at that day's last second instead of overflowing.
pub fn day_range(from: NaiveDate, to: NaiveDate, day_start_hour: u8) -> (String, String) {
    let start_time =
        NaiveTime::from_hms_opt(u32::from(day_start_hour.min(23)), 0, 0).unwrap_or(NaiveTime::MIN);
    let start = from.and_time(start_time);
    let end = to
        .and_time(start_time)
        .checked_add_signed(Duration::days(1))
        .unwrap_or(NaiveDateTime::MAX);
    (
        start.format(LOCAL_FORMAT).to_string(),
        end.format(LOCAL_FORMAT).to_string(),
    )
}

/// Wall-clock text as stored.
pub fn local_text(t: &DateTime<FixedOffset>) -> String {
    t.naive_local().format(LOCAL_FORMAT).to_string()
}

/// Wall-clock text as shown (`YYYY-MM-DDTHH:MM`).
pub fn local_display(local: NaiveDateTime) -> String {
    local.format(UI_LOCAL_FORMAT).to_string()
}

pub fn parse_stored_local(text: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, LOCAL_FORMAT)
        .map_err(|e| Error::Corrupt(format!("stored time “{text}”: {e}")))
}

/// Rebuilds the instant with its original offset from stored wall clock and offset.
pub fn stored_instant(local: &str, offset_min: i32) -> Result<DateTime<FixedOffset>> {
    let naive = parse_stored_local(local)?;
    let offset = FixedOffset::east_opt(offset_min * 60)
        .ok_or_else(|| Error::Corrupt(format!("stored UTC offset {offset_min} min")))?;
    naive
        .and_local_timezone(offset)
        .single()
        .ok_or_else(|| Error::Corrupt(format!("stored time “{local}”")))
}

/// Offset of a time in whole minutes east of UTC.
pub fn offset_minutes(t: &DateTime<FixedOffset>) -> i32 {
    t.offset().local_minus_utc() / 60
}

/// Parses a time as a person types it on this computer: `YYYY-MM-DD HH:MM` (a `T` instead of
/// the space and `:SS` seconds are fine too) on the system clock's time zone, or a full
/// RFC 3339 time with its own offset, which is kept.
pub fn parse_local_input(field: &'static str, text: &str) -> Result<DateTime<FixedOffset>> {
    parse_local_input_in(field, text, &chrono::Local)
}

/// [`parse_local_input`] in a given time zone. A wall-clock time that happens twice (clocks
/// going back) is the earlier instant; one that never happens (clocks going forward) is refused,
/// and so is a date outside the years 1900-2200 ([`check_day`]).
pub fn parse_local_input_in<Tz: chrono::TimeZone>(
    field: &'static str,
    text: &str,
    tz: &Tz,
) -> Result<DateTime<FixedOffset>> {
    let t = text.trim();
    if let Some(parsed) = with_offset(t) {
        check_day(field, parsed.date_naive())?;
        return Ok(parsed);
    }
    let norm = t.replacen(' ', "T", 1);
    let naive = NaiveDateTime::parse_from_str(&norm, UI_LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(&norm, LOCAL_FORMAT))
        .map_err(|_| {
            Error::invalid(
                field,
                format!("“{t}” is not a date and time Taper understands. Use a date and time like 2026-11-25 08:30."),
            )
        })?;
    check_day(field, naive.date())?;
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(dt) => Ok(dt.fixed_offset()),
        chrono::LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.fixed_offset(), b.fixed_offset());
            Ok(if b < a { b } else { a })
        }
        chrono::LocalResult::None => Err(Error::invalid(
            field,
            format!(
                "{} does not exist on this computer's clock: the clocks went forward at that hour. Use a time after the change.",
                naive.format("%Y-%m-%d %H:%M")
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }
    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn night_belongs_to_the_evening_before() {
        assert_eq!(diary_day(at("2026-11-26 02:00"), 4), d("2026-11-25"));
        assert_eq!(diary_day(at("2026-11-26 03:59"), 4), d("2026-11-25"));
        assert_eq!(diary_day(at("2026-11-26 04:00"), 4), d("2026-11-26"));
        assert_eq!(diary_day(at("2026-11-26 00:00"), 0), d("2026-11-26"));
        assert_eq!(diary_day(at("2026-11-26 22:59"), 23), d("2026-11-25"));
    }

    #[test]
    fn day_range_spans_start_hour_to_start_hour() {
        let (a, b) = day_range(d("2026-11-25"), d("2026-11-25"), 4);
        assert_eq!(a, "2026-11-25T04:00:00");
        assert_eq!(b, "2026-11-26T04:00:00");
        let (a, b) = day_range(d("2026-11-01"), d("2026-11-30"), 0);
        assert_eq!(a, "2026-11-01T00:00:00");
        assert_eq!(b, "2026-12-01T00:00:00");
    }

    #[test]
    fn dst_change_keeps_wall_clock_day() {
        // Clocks go back in Europe on 2026-10-25 at 03:00 CEST -> 02:00 CET.
        let before = parse_time("t", "2026-10-25T02:30:00+02:00").expect("valid");
        let after = parse_time("t", "2026-10-25T02:30:00+01:00").expect("valid");
        assert_ne!(before, after, "two different instants");
        for t in [before, after] {
            assert_eq!(diary_day(t.naive_local(), 4), d("2026-10-24"));
            assert_eq!(diary_day(t.naive_local(), 2), d("2026-10-25"));
        }
        // Clocks go forward on 2026-03-29 at 02:00 CET -> 03:00 CEST: 01:30 and 03:30 are an
        // hour apart in real time but both still before a 04:00 day start.
        let a = parse_time("t", "2026-03-29T01:30:00+01:00").expect("valid");
        let b = parse_time("t", "2026-03-29T03:30:00+02:00").expect("valid");
        assert_eq!(b - a, Duration::hours(1));
        assert_eq!(diary_day(a.naive_local(), 4), d("2026-03-28"));
        assert_eq!(diary_day(b.naive_local(), 4), d("2026-03-28"));
        // Stored and read back, the offset survives.
        let back = stored_instant(&local_text(&b), offset_minutes(&b)).expect("round trip");
        assert_eq!(back, b);
        assert_eq!(back.to_rfc3339(), "2026-03-29T03:30:00+02:00");
    }

    #[test]
    fn parses_accepted_forms_and_refuses_others() {
        for ok in [
            "2026-11-25T03:10:00+01:00",
            "2026-11-25T03:10:00Z",
            "2026-11-25T03:10+01:00",
            "2026-11-25 03:10+01:00",
            " 2026-11-25T03:10:00-05:00 ",
        ] {
            assert!(parse_time("t", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-25",
            "25/11/2026 10:00",
        ] {
            let e = parse_time("taken_at", bad).expect_err(bad);
            assert_eq!(e.field(), Some("taken_at"));
            assert!(e.to_string().contains("not a date and time"), "{e}");
        }
        assert!(parse_day("date", "2026-02-30").is_err());
        assert_eq!(
            parse_day("date", "2026-02-28").expect("valid"),
            d("2026-02-28")
        );
    }

    #[test]
    fn years_outside_1900_to_2200_are_refused_by_every_parser() {
        for (text, ok) in [
            ("1899-12-31", false),
            ("1900-01-01", true),
            ("2200-12-31", true),
            ("2201-01-01", false),
            ("1000-01-01", false),
            ("+262143-12-31", false),
        ] {
            let day = parse_day("date", text);
            assert_eq!(day.is_ok(), ok, "{text}: {day:?}");
            for time in [
                format!("{text}T10:00:00+00:00"),
                format!("{text} 10:00+05:00"),
            ] {
                let t = parse_time("taken_at", &time);
                assert_eq!(t.is_ok(), ok, "{time}: {t:?}");
            }
            for typed in [format!("{text} 10:00"), format!("{text}T10:00:00+01:00")] {
                let local = parse_local_input_in("taken_at", &typed, &Utc);
                assert_eq!(local.is_ok(), ok, "{typed}: {local:?}");
                if let (false, Err(e)) = (ok || text.starts_with('+'), local) {
                    assert!(e.to_string().contains("1900 to 2200"), "{typed}: {e}");
                }
            }
            if !ok && !text.starts_with('+') {
                let e = day.expect_err("refused");
                assert_eq!(e.field(), Some("date"));
                assert!(e.to_string().contains("1900 to 2200"), "{e}");
                let e = parse_time("taken_at", &format!("{text}T10:00:00Z")).expect_err("refused");
                assert_eq!(e.field(), Some("taken_at"));
                assert!(e.to_string().contains("1900 to 2200"), "{e}");
            }
        }
        // The date type's own limits: day arithmetic saturates instead of panicking.
        assert_eq!(diary_day(NaiveDateTime::MIN, 4), NaiveDateTime::MIN.date());
        let (_, end) = day_range(NaiveDate::MAX, NaiveDate::MAX, 4);
        assert!(!end.is_empty());
    }

    #[test]
    fn refuses_times_still_to_come() {
        let now = "2026-11-25T12:00:00Z"
            .parse::<DateTime<Utc>>()
            .expect("now");
        assert!(
            parse_entry_time("t", "2026-11-25T12:02:00Z", now).is_ok(),
            "a clock's slack"
        );
        let e = parse_entry_time("t", "2026-11-25T12:03:00Z", now).expect_err("to come");
        assert!(e.to_string().contains("still to come"));
        assert!(parse_entry_time("t", "2026-11-26T12:00:00+01:00", now).is_err());
        assert!(parse_entry_time("t", "2020-01-01T00:00:00Z", now).is_ok());
    }
}

#[cfg(test)]
mod local_input_tests {
    use super::*;
    use chrono::{LocalResult, NaiveDate, TimeZone};

    /// Central European time for 2026 only: summer time (+02:00) from 2026-03-29 01:00 UTC
    /// to 2026-10-25 01:00 UTC, else +01:00.
    #[derive(Debug, Clone, Copy)]
    struct Cet2026;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    impl TimeZone for Cet2026 {
        type Offset = FixedOffset;
        fn from_offset(_: &FixedOffset) -> Self {
            Cet2026
        }
        fn offset_from_utc_datetime(&self, t: &NaiveDateTime) -> FixedOffset {
            let summer = *t >= utc("2026-03-29 01:00") && *t < utc("2026-10-25 01:00");
            FixedOffset::east_opt(if summer { 7200 } else { 3600 }).expect("offset")
        }
        fn offset_from_utc_date(&self, d: &NaiveDate) -> FixedOffset {
            self.offset_from_utc_datetime(&d.and_time(NaiveTime::MIN))
        }
        fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<FixedOffset> {
            let fits: Vec<FixedOffset> = [7200, 3600]
                .into_iter()
                .filter_map(FixedOffset::east_opt)
                .filter(|o| self.offset_from_utc_datetime(&(*local - *o)) == *o)
                .collect();
            match fits[..] {
                [] => LocalResult::None,
                [o] => LocalResult::Single(o),
                [a, b, ..] => LocalResult::Ambiguous(a, b),
            }
        }
        fn offset_from_local_date(&self, d: &NaiveDate) -> LocalResult<FixedOffset> {
            self.offset_from_local_datetime(&d.and_time(NaiveTime::MIN))
        }
    }

    fn parse(text: &str) -> Result<DateTime<FixedOffset>> {
        parse_local_input_in("taken_at", text, &Cet2026)
    }

    #[test]
    fn plain_local_times_take_the_zone_offset() {
        for text in [
            "2026-11-20 08:30",
            "2026-11-20T08:30",
            " 2026-11-20 08:30:00 ",
        ] {
            assert_eq!(
                parse(text).expect(text).to_rfc3339(),
                "2026-11-20T08:30:00+01:00",
                "{text}"
            );
        }
        assert_eq!(
            parse("2026-07-01 12:00").expect("summer").to_rfc3339(),
            "2026-07-01T12:00:00+02:00"
        );
    }

    #[test]
    fn explicit_offsets_are_kept() {
        assert_eq!(
            parse("2026-11-20T08:30:00-05:00")
                .expect("rfc 3339")
                .to_rfc3339(),
            "2026-11-20T08:30:00-05:00"
        );
        assert_eq!(
            parse("2026-11-20 08:30+09:00").expect("short").to_rfc3339(),
            "2026-11-20T08:30:00+09:00"
        );
    }

    #[test]
    fn repeated_hour_takes_the_earlier_instant() {
        // 02:30 on 2026-10-25 happens at +02:00 and again an hour later at +01:00.
        let t = parse("2026-10-25 02:30").expect("ambiguous");
        assert_eq!(t.to_rfc3339(), "2026-10-25T02:30:00+02:00");
    }

    #[test]
    fn skipped_hour_is_refused() {
        let e = parse("2026-03-29 02:30").expect_err("gap");
        assert_eq!(e.field(), Some("taken_at"));
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(e.to_string().contains("2026-03-29 02:30"), "{e}");
        assert_eq!(
            parse("2026-03-29 03:00").expect("after").to_rfc3339(),
            "2026-03-29T03:00:00+02:00"
        );
    }

    #[test]
    fn malformed_times_are_refused_naming_the_field() {
        for bad in [
            "",
            "now",
            "2026-11-20",
            "08:30",
            "2026-11-31 08:30",
            "2026-11-20 25:00",
            "20/11/2026 08:30",
        ] {
            let e = parse(bad).expect_err(bad);
            assert_eq!(e.field(), Some("taken_at"), "{bad}");
            assert!(e.to_string().contains("not a date and time"), "{bad}: {e}");
        }
    }

    #[test]
    fn system_zone_parses_too() {
        let t = parse_local_input("at", "2026-11-20 08:30").expect("local");
        assert_eq!(t.naive_local(), utc("2026-11-20 08:30"));
    }
}
