//! One way to write dates and times in the CLI and the report, matching the app (its
//! `ui/src/dates.ts`): English words, the day and month in the order of the system's locale,
//! no commas, the year only when it is not the current one, and the locale's clock.
//!
//! "Sun 29 Nov" (en-GB and most locales) or "Sun Nov 29" (en-US and a few others),
//! "Sun 29 Nov 2025" for another year; "16:14" or "4:14 PM".
//!
//! The locale is read from `LC_ALL`, `LC_TIME` or `LANG` (`DateStyle::from_env`); like the
//! app's web view, an unset, "C" or "POSIX" locale counts as en-US.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// The order of day and month and the clock to write them with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateStyle {
    /// "Sun Nov 29" rather than "Sun 29 Nov".
    pub month_first: bool,
    /// "4:14 PM" rather than "16:14".
    pub hour12: bool,
}

/// Locales (language-REGION) that put the month before the day, as Intl does.
const MONTH_FIRST: &[&str] = &["en-US", "en-CA", "en-PH", "ja", "ko", "zh"];
/// Locales on a 12-hour clock, as Intl does.
const HOUR12: &[&str] = &[
    "en-US", "en-CA", "en-AU", "en-NZ", "en-IN", "en-PH", "en-SG", "es-MX", "es-US", "ko", "zh-TW",
    "ar", "hi", "el",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Default for DateStyle {
    /// Day before month, 24-hour clock ("Sun 29 Nov", "16:14").
    fn default() -> Self {
        DateStyle {
            month_first: false,
            hour12: false,
        }
    }
}

impl DateStyle {
    /// The style of a POSIX or BCP 47 locale name: "en_US.UTF-8", "de-DE", "C". Unknown
    /// locales get the default (day first, 24 hours); "C", "POSIX" and "" count as en-US.
    pub fn from_locale(name: &str) -> DateStyle {
        let base = name
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .replace('_', "-");
        let tag = if base.is_empty() || base == "C" || base == "POSIX" {
            "en-US".to_string()
        } else {
            base
        };
        let language = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        let region = tag.split('-').nth(1).map(|r| r.to_ascii_uppercase());
        let full = match &region {
            Some(r) => format!("{language}-{r}"),
            None => language.clone(),
        };
        let listed = |list: &[&str]| list.iter().any(|l| *l == full || *l == language);
        DateStyle {
            month_first: listed(MONTH_FIRST),
            hour12: listed(HOUR12),
        }
    }

    /// The style of the system's locale: the first of `LC_ALL`, `LC_TIME`, `LANG` that is set.
    pub fn from_env() -> DateStyle {
        let name = ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        DateStyle::from_locale(&name)
    }

    fn day(&self, day: NaiveDate, today: NaiveDate, long: bool) -> String {
        let weekday = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
        let month = MONTHS[day.month0() as usize];
        let (weekday, month) = if long {
            (weekday, month)
        } else {
            (&weekday[..3], &month[..3])
        };
        let d = day.day();
        let mut out = if self.month_first {
            format!("{weekday} {month} {d}")
        } else {
            format!("{weekday} {d} {month}")
        };
        if day.year() != today.year() {
            out.push_str(&format!(" {}", day.year()));
        }
        out
    }

    /// "Sun 29 Nov" / "Sun Nov 29"; the year is added when it is not `today`'s year.
    pub fn short_day(&self, day: NaiveDate, today: NaiveDate) -> String {
        self.day(day, today, false)
    }

    /// "Sun 29 Nov 2026" / "Sun Nov 29 2026": always with the year (a report, a terminal's
    /// listing: read later, or by someone else).
    pub fn dated_day(&self, day: NaiveDate) -> String {
        let other_year = day.with_year(day.year() + 1).unwrap_or(NaiveDate::MIN);
        self.day(day, other_year, false)
    }

    /// "Sunday 29 November" / "Sunday November 29"; the year is added when it is not `today`'s.
    pub fn long_day(&self, day: NaiveDate, today: NaiveDate) -> String {
        self.day(day, today, true)
    }

    /// A wall-clock time (seconds dropped): "16:14", "03:05" or "4:14 PM", "3:05 AM".
    pub fn clock(&self, t: NaiveTime) -> String {
        let (h, m) = (t.hour(), t.minute());
        if self.hour12 {
            let half = if h < 12 { "AM" } else { "PM" };
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            format!("{h12}:{m:02} {half}")
        } else {
            format!("{h:02}:{m:02}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("test time")
    }

    #[test]
    fn days_follow_the_locale_order_and_show_other_years() {
        let gb = DateStyle::from_locale("en_GB.UTF-8");
        let us = DateStyle::from_locale("en-US");
        let today = d("2026-11-30");
        assert_eq!(gb.short_day(d("2026-11-29"), today), "Sun 29 Nov");
        assert_eq!(us.short_day(d("2026-11-29"), today), "Sun Nov 29");
        assert_eq!(gb.short_day(d("2025-11-29"), today), "Sat 29 Nov 2025");
        assert_eq!(us.long_day(d("2027-01-01"), today), "Friday January 1 2027");
        assert_eq!(gb.long_day(d("2026-01-01"), today), "Thursday 1 January");
        assert_eq!(gb.dated_day(d("2026-11-29")), "Sun 29 Nov 2026");
        assert_eq!(us.dated_day(d("2026-11-29")), "Sun Nov 29 2026");
    }

    #[test]
    fn times_use_the_locale_clock() {
        let gb = DateStyle::from_locale("de_DE.UTF-8");
        let us = DateStyle::from_locale("C.UTF-8");
        assert_eq!(gb.clock(t(16, 14)), "16:14");
        assert_eq!(gb.clock(t(3, 5)), "03:05");
        assert_eq!(us.clock(t(16, 14)), "4:14 PM");
        assert_eq!(us.clock(t(0, 5)), "12:05 AM");
        assert_eq!(us.clock(t(12, 0)), "12:00 PM");
    }

    #[test]
    fn reads_locale_names_like_the_app_does() {
        assert_eq!(DateStyle::from_locale(""), DateStyle::from_locale("en-US"));
        assert_eq!(
            DateStyle::from_locale("POSIX"),
            DateStyle::from_locale("en-US")
        );
        assert_eq!(
            DateStyle::from_locale("en_AU.UTF-8"),
            DateStyle {
                month_first: false,
                hour12: true
            }
        );
        assert_eq!(
            DateStyle::from_locale("ja_JP.UTF-8"),
            DateStyle {
                month_first: true,
                hour12: false
            }
        );
        assert_eq!(DateStyle::from_locale("sv_SE@euro"), DateStyle::default());
        assert_eq!(DateStyle::from_locale("xx"), DateStyle::default());
    }
}
