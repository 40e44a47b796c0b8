//! How dates and times are written for people: one style for the app, the CLI and the report,
//! following the system's locale the way the app's web view does (`Intl.DateTimeFormat` with the
//! default locale, `ui/src/dates.ts`).
//!
//! Two things differ between locales here: the order of day and month ("Sun 29 Nov 2026" or
//! "Sun Nov 29 2026") and the clock ("16:14" or "4:14 PM"). United States English writes the
//! month first on a 12-hour clock, and so does the "C"/"POSIX" locale, which WebKit reads as
//! `en-US-u-va-posix`; every other locale gets day first and a 24-hour clock. Words are
//! English (the app's language). Machine formats (CSV, JSON, `--at`) stay ISO 8601.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// The order and clock dates and times are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateStyle {
    /// "Nov 29" rather than "29 Nov".
    pub month_first: bool,
    /// "4:14 PM" rather than "16:14".
    pub clock_12h: bool,
}

impl Default for DateStyle {
    /// Day first, 24-hour clock ("Sun 29 Nov 2026 16:14").
    fn default() -> Self {
        DateStyle {
            month_first: false,
            clock_12h: false,
        }
    }
}

impl DateStyle {
    /// The style of the locale in the environment: `LC_ALL`, else `LC_TIME`, else `LANG` (the
    /// first that is set and not empty), as the C library reads them. None set: "C".
    pub fn from_env() -> Self {
        let name = ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| "C".to_owned());
        Self::for_locale(&name)
    }

    /// The style of a POSIX locale name such as "en_US.UTF-8", "de_DE@euro", "C.UTF-8".
    pub fn for_locale(name: &str) -> Self {
        let lang = name.split(['.', '@']).next().unwrap_or("");
        let us = matches!(lang, "C" | "POSIX" | "en_US" | "en");
        DateStyle {
            month_first: us,
            clock_12h: us,
        }
    }

    /// A day in short words: "Sun 29 Nov" / "Sun Nov 29", with the year ("Sun 29 Nov 2025")
    /// whenever it is not the year of `today`; `today` None always gives the year.
    pub fn day(&self, date: NaiveDate, today: Option<NaiveDate>) -> String {
        let weekday = date.format("%a");
        let month = date.format("%b");
        let mut out = if self.month_first {
            format!("{weekday} {month} {}", date.day())
        } else {
            format!("{weekday} {} {month}", date.day())
        };
        if today.is_none_or(|t| t.year() != date.year()) {
            out.push_str(&format!(" {}", date.year()));
        }
        out
    }

    /// A time of day: "16:14" / "4:14 PM".
    pub fn time(&self, time: NaiveTime) -> String {
        if self.clock_12h {
            let (pm, hour) = time.hour12();
            format!(
                "{hour}:{:02} {}",
                time.minute(),
                if pm { "PM" } else { "AM" }
            )
        } else {
            time.format("%H:%M").to_string()
        }
    }

    /// Day and time: "Sun 29 Nov 2026 16:14" / "Sun Nov 29 2026 4:14 PM" (year as for `day`).
    pub fn day_time(&self, at: NaiveDateTime, today: Option<NaiveDate>) -> String {
        format!("{} {}", self.day(at.date(), today), self.time(at.time()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn reads_the_locale_like_the_web_view() {
        for us in ["C", "C.UTF-8", "POSIX", "en_US.UTF-8", "en_US"] {
            assert_eq!(
                DateStyle::for_locale(us),
                DateStyle {
                    month_first: true,
                    clock_12h: true
                },
                "{us}"
            );
        }
        for other in ["en_GB.UTF-8", "de_DE.UTF-8", "fr_FR@euro", "en_IE", ""] {
            assert_eq!(
                DateStyle::for_locale(other),
                DateStyle::default(),
                "{other}"
            );
        }
    }

    #[test]
    fn writes_days_with_the_year_only_when_it_is_another() {
        let gb = DateStyle::default();
        let us = DateStyle::for_locale("en_US.UTF-8");
        let today = Some(d(2026, 11, 30));
        assert_eq!(gb.day(d(2026, 11, 29), today), "Sun 29 Nov");
        assert_eq!(us.day(d(2026, 11, 29), today), "Sun Nov 29");
        assert_eq!(gb.day(d(2027, 3, 16), today), "Tue 16 Mar 2027");
        assert_eq!(us.day(d(2025, 12, 31), today), "Wed Dec 31 2025");
        assert_eq!(gb.day(d(2026, 11, 29), None), "Sun 29 Nov 2026");
    }

    #[test]
    fn writes_times_on_the_locale_clock() {
        let gb = DateStyle::default();
        let us = DateStyle::for_locale("C.UTF-8");
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(gb.time(t(16, 14)), "16:14");
        assert_eq!(gb.time(t(0, 5)), "00:05");
        assert_eq!(us.time(t(16, 14)), "4:14 PM");
        assert_eq!(us.time(t(0, 5)), "12:05 AM");
        assert_eq!(us.time(t(12, 0)), "12:00 PM");
        assert_eq!(
            us.day_time(d(2026, 11, 29).and_time(t(8, 10)), Some(d(2026, 1, 1))),
            "Sun Nov 29 8:10 AM"
        );
    }
}
