//! What goes to stdout: plain aligned tables in the app's wording ("4.5 g taken · 2 doses"),
//! or with `--json` one JSON document.

use chrono::NaiveDate;
use serde::Serialize;
use taper_core::checkin::CheckIn;
use taper_core::dose::{Dose, Unit};
use taper_core::instrument::{self, Instrument, Score, KRATOM};
use taper_core::medicine::Medicine;
use taper_core::plan::{PlanDay, PlanParams, Rounding};
use taper_core::store::DayPlan;
use taper_core::symptom::{severity_word, Symptom, SEVERITY_WORDS};
use taper_core::{figure, Error};

use crate::fail::{Failure, Result};

const SLEEP_QUALITY_WORDS: [&str; 5] = ["Very poor", "Poor", "Fair", "Good", "Very good"];
const MOOD_WORDS: [&str; 5] = ["Very low", "Low", "Okay", "Good", "Very good"];
/// Longest product or note shown in a table cell, in characters.
const CELL_CHARS: usize = 40;

/// What `--json` prints: one pretty JSON document and a line break.
pub fn json_doc<T: Serialize>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::Core(Error::Storage(format!("could not write JSON: {e}"))))?;
    s.push('\n');
    Ok(s)
}

/// "Doses 2026-11-24 (days start at 04:00)", "Doses 2026-11-18 to 2026-11-24 (…)".
pub fn heading(what: &str, from: NaiveDate, to: NaiveDate, start_hour: u8) -> String {
    let span = if from == to {
        from.to_string()
    } else {
        format!("{from} to {to}")
    };
    format!("{what} {span} (days start at {start_hour:02}:00)\n")
}

/// A number with at most two decimals and no trailing zeros: 4.5, 3, 1.35.
pub fn number(n: f64) -> String {
    let s = format!("{:.2}", (n * 100.0).round() / 100.0);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

pub fn grams(g: f64) -> String {
    format!("{} g", number(g))
}

/// "1 dose", "2 doses".
pub fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "4.5 g taken · 2 doses", or "No doses" for none.
pub fn dose_summary(total_g: f64, count: usize) -> String {
    if count == 0 {
        return "No doses".into();
    }
    let count = i64::try_from(count).unwrap_or(i64::MAX);
    format!(
        "{} taken · {}",
        grams(total_g),
        plural(count, "dose", "doses")
    )
}

/// "2.5 g", "~2.5 g" when estimated, "2.5 g (5 capsules)" for capsules and teaspoons.
pub fn dose_amount(d: &Dose) -> String {
    let main = format!(
        "{}{}",
        if d.estimated { "~" } else { "" },
        grams(d.amount_g)
    );
    match d.unit {
        Unit::G => main,
        Unit::Capsule => {
            let word = if d.amount_entered == 1.0 {
                "capsule"
            } else {
                "capsules"
            };
            format!("{main} ({} {word})", number(d.amount_entered))
        }
        Unit::Tsp => format!("{main} ({} tsp)", number(d.amount_entered)),
    }
}

/// "HH:MM" of a wall-clock "YYYY-MM-DDTHH:MM".
pub fn clock(local_time: &str) -> &str {
    local_time.get(11..16).unwrap_or(local_time)
}

/// "YYYY-MM-DD HH:MM" of a wall-clock "YYYY-MM-DDTHH:MM".
pub fn date_time(local_time: &str) -> String {
    local_time.replacen('T', " ", 1)
}

/// Free text on one line, shortened with "…".
fn cell(text: Option<&str>) -> String {
    let Some(t) = text else {
        return String::new();
    };
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > CELL_CHARS {
        let mut s: String = flat.chars().take(CELL_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        flat
    }
}

fn opt<T>(v: Option<T>, f: impl Fn(T) -> String) -> String {
    v.map_or_else(|| "-".into(), f)
}

/// Columns separated by two spaces, each as wide as its widest cell; no trailing spaces.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let head: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&head).chain(rows) {
        let mut line = String::new();
        for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(c);
            line.extend(std::iter::repeat_n(
                ' ',
                w.saturating_sub(c.chars().count()),
            ));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Doses as a table; `with_day` adds the diary day column (for ranges).
pub fn dose_table(doses: &[Dose], with_day: bool) -> String {
    let mut headers = vec!["ID"];
    if with_day {
        headers.push("DAY");
    }
    headers.extend(["TIME", "AMOUNT", "FORM", "PRODUCT", "NOTE"]);
    let rows: Vec<Vec<String>> = doses
        .iter()
        .map(|d| {
            let mut row = vec![d.id.to_string()];
            if with_day {
                row.push(d.day.clone());
            }
            row.extend([
                clock(&d.local_time).to_owned(),
                dose_amount(d),
                d.form.as_str().to_owned(),
                cell(d.product.as_deref()),
                cell(d.note.as_deref()),
            ]);
            row
        })
        .collect();
    table(&headers, &rows)
}

/// The form a check-in was filled in on, and its score, from the core's `instrument`, `band`
/// and `complete` (an unknown stored instrument reads as the kratom checklist).
pub fn form_score(c: &CheckIn) -> (&'static Instrument, Score) {
    let inst = instrument::instrument(&c.instrument).unwrap_or(&KRATOM);
    let band = c
        .band
        .as_deref()
        .and_then(|b| inst.bands.iter().find(|x| x.label == b))
        .map(|x| x.label);
    (
        inst,
        Score {
            total: c.total,
            max_total: if inst.is_scored() {
                inst.max_total()
            } else {
                c.max_total
            },
            answered: c.items.len(),
            complete: c.complete,
            band,
        },
    )
}

/// The one way the CLI writes a day for people to read: "Sun 29 Nov 2026" (in the locale's
/// order, as the app and the report write it: `datefmt`). (Tables and
/// headings keep ISO dates, YYYY-MM-DD, which the options take back.)
pub fn day_label(day: NaiveDate) -> String {
    taper_core::datefmt::DateStyle::from_env().dated_day(day)
}

/// "SOWS 23 / 64 · severe", "SOWS 12 / 64 · incomplete (3 of 16 rated)"; None for the kratom
/// checklist, which is not a scored scale.
pub fn scored_summary(c: &CheckIn) -> Option<String> {
    let (inst, _) = form_score(c);
    if !inst.is_scored() {
        return None;
    }
    Some(format!(
        "{} {}",
        inst.short_name,
        figure::total_text(inst, c.total, c.items.len())
    ))
}

/// A check-in's symptom total as the app and the report write it: "SOWS 16 / 64 · moderate",
/// or for the kratom checklist (no bands) "8 points · 3 rated". "-" when nothing was rated.
pub fn total_cell(c: &CheckIn) -> String {
    if c.items.is_empty() {
        return "-".into();
    }
    scored_summary(c).unwrap_or_else(|| figure::total_text(&KRATOM, c.total, c.items.len()))
}

/// The word for an item's score: the instrument's own anchor (SOWS, COWS, the checklist),
/// else the 0-4 severity word; empty for a score with neither (never "?").
pub fn item_word(key: &str, score: i32) -> &'static str {
    instrument::of_item(key)
        .and_then(|i| i.item(key))
        .and_then(|item| item.anchor(score))
        .or_else(|| {
            usize::try_from(score)
                .ok()
                .and_then(|i| SEVERITY_WORDS.get(i))
                .copied()
        })
        .unwrap_or("")
}

/// Check-ins as a table, one line each.
pub fn checkin_table(list: &[CheckIn], with_day: bool) -> String {
    let mut headers = vec!["ID"];
    if with_day {
        headers.push("DAY");
    }
    headers.extend([
        "TIME",
        "SYMPTOM TOTAL",
        "WORST ITEM",
        "CRAVING",
        "SLEPT",
        "QUALITY",
        "MOOD",
        "NOTE",
    ]);
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| {
            let mut row = vec![c.id.to_string()];
            if with_day {
                row.push(c.day.clone());
            }
            let rated = !c.items.is_empty();
            let scored = scored_summary(c);
            row.extend([
                clock(&c.local_time).to_owned(),
                total_cell(c),
                // The 0-4 severity words fit the kratom checklist only.
                if rated && scored.is_none() {
                    severity_word(c.worst).to_owned()
                } else {
                    "-".into()
                },
                opt(c.craving, |v| format!("{v}/10")),
                opt(c.sleep_hours, |h| format!("{} h", number(h))),
                opt(c.sleep_quality, |q| format!("{q}/4")),
                opt(c.mood, |m| format!("{m}/4")),
                cell(c.note.as_deref()),
            ]);
            row
        })
        .collect();
    table(&headers, &rows)
}

fn word(words: &[&'static str; 5], v: i32) -> &'static str {
    usize::try_from(v)
        .ok()
        .and_then(|i| words.get(i))
        .copied()
        .unwrap_or("?")
}

/// One check-in in full: a summary line, each rated item, and the note. `catalogue` is every
/// symptom (for the items' names).
pub fn checkin_detail(c: &CheckIn, catalogue: &[Symptom]) -> String {
    let mut parts = Vec::new();
    if c.items.is_empty() {
        parts.push("No symptoms rated".to_owned());
    } else if let Some(scored) = scored_summary(c) {
        parts.push(format!("Symptom total {scored}"));
    } else {
        parts.push(format!(
            "Symptom total {}, worst item {}",
            total_cell(c),
            severity_word(c.worst).to_lowercase()
        ));
    }
    if let Some(v) = c.craving {
        parts.push(format!("Craving {v}/10"));
    }
    match (c.sleep_hours, c.sleep_quality) {
        (Some(h), Some(q)) => parts.push(format!(
            "Slept {} h ({})",
            number(h),
            word(&SLEEP_QUALITY_WORDS, q)
        )),
        (Some(h), None) => parts.push(format!("Slept {} h", number(h))),
        (None, Some(q)) => parts.push(format!("Sleep {}", word(&SLEEP_QUALITY_WORDS, q))),
        (None, None) => {}
    }
    if let Some(m) = c.mood {
        parts.push(format!("Mood {}", word(&MOOD_WORDS, m)));
    }
    let mut out = format!("  {}\n", parts.join(" · "));
    let rows: Vec<Vec<String>> = c
        .items
        .iter()
        .map(|i| {
            let label = catalogue
                .iter()
                .find(|s| s.key == i.key)
                .map_or(i.key.as_str(), |s| s.label.as_str());
            vec![
                format!("  {label}"),
                i.score.to_string(),
                item_word(&i.key, i.score).to_owned(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        // The table's header line is dropped: the rows speak for themselves.
        let t = table(&["", "", ""], &rows);
        out.extend(t.lines().skip(1).map(|l| format!("{l}\n")));
    }
    if let Some(note) = &c.note {
        out.push_str(&format!("  Note: {note}\n"));
    }
    out
}

/// The scores an item allows: its instrument's, else 0-4 (the user's own symptoms).
pub fn allowed_scores(key: &str) -> Vec<i32> {
    instrument::of_item(key)
        .and_then(|i| i.item(key))
        .map_or_else(|| (0..=4).collect(), |item| item.allowed.to_vec())
}

pub fn symptom_table(list: &[Symptom]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            let label = if s.archived {
                format!("{} (archived)", s.label)
            } else {
                s.label.clone()
            };
            let scores: Vec<String> = allowed_scores(&s.key).iter().map(i32::to_string).collect();
            vec![s.key.clone(), label, scores.join(",")]
        })
        .collect();
    table(&["KEY", "LABEL", "SCORES"], &rows)
}

/// "2 mg", "2", or "-" when no amount was given.
pub fn medicine_amount(m: &Medicine) -> String {
    match (m.amount, m.unit.as_deref()) {
        (Some(a), Some(u)) => format!("{} {u}", number(a)),
        (Some(a), None) => number(a),
        (None, _) => "-".into(),
    }
}

/// Medicines as a table; `with_day` adds the diary day column (for ranges).
pub fn medicine_table(list: &[Medicine], with_day: bool) -> String {
    let mut headers = vec!["ID"];
    if with_day {
        headers.push("DAY");
    }
    headers.extend(["TIME", "NAME", "AMOUNT", "NOTE"]);
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|m| {
            let mut row = vec![m.id.to_string()];
            if with_day {
                row.push(m.day.clone());
            }
            row.extend([
                clock(&m.local_time).to_owned(),
                cell(Some(&m.name)),
                medicine_amount(m),
                cell(m.note.as_deref()),
            ]);
            row
        })
        .collect();
    table(&headers, &rows)
}

/// "1 day", "7 days".
pub fn days_text(n: usize) -> String {
    plural(i64::try_from(n).unwrap_or(i64::MAX), "day", "days")
}

/// A plan's target: "3 g", or "3 g (6 capsules)" when it is rounded to whole capsules.
pub fn plan_target(g: f64, rounding: Rounding) -> String {
    match rounding {
        Rounding::Tenth => grams(g),
        Rounding::Capsules { grams_per_capsule } if grams_per_capsule > 0.0 && g > 0.0 => {
            let n = (g / grams_per_capsule).round() as i64;
            format!("{} ({})", grams(g), plural(n, "capsule", "capsules"))
        }
        Rounding::Capsules { .. } => grams(g),
    }
}

/// How a plan comes down, in a line (the core's [`taper_core::plan::describe`]).
pub fn plan_summary(p: &PlanParams) -> String {
    taper_core::plan::describe(p)
}

/// A schedule as a table, one row per step (a run of days at one target): the plan's day
/// numbers, the dates, the target, and "◀ today" on the step holding `today`.
pub fn plan_table(days: &[PlanDay], rounding: Rounding, today: Option<NaiveDate>) -> String {
    let Some(first) = days.first() else {
        return String::new();
    };
    let mut rows = Vec::new();
    let mut i = 0;
    while let Some(d) = days.get(i) {
        let mut j = i;
        while days.get(j + 1).is_some_and(|n| n.step == d.step) {
            j += 1;
        }
        let end = &days[j];
        let n = |x: &PlanDay| (x.day - first.day).num_days() + 1;
        let (num, dates) = if i == j {
            (n(d).to_string(), d.day.to_string())
        } else {
            (
                format!("{}-{}", n(d), n(end)),
                format!("{} to {}", d.day, end.day),
            )
        };
        let here = today.is_some_and(|t| d.day <= t && t <= end.day);
        rows.push(vec![
            num,
            dates,
            plan_target(d.target_g, rounding),
            if here {
                "◀ today".into()
            } else {
                String::new()
            },
        ]);
        i = j + 1;
    }
    table(&["DAY", "DATES", "TARGET", ""], &rows)
}

/// "Ends on 2026-11-26 at 0 g (7 days).", from the schedule's last day.
pub fn plan_end(days: &[PlanDay]) -> String {
    match days.last() {
        Some(last) => format!(
            "Ends on {} at {} ({}).\n",
            last.day,
            grams(last.target_g),
            days_text(days.len())
        ),
        None => String::new(),
    }
}

/// Today against the plan: "Day 3 of 7 · target 3 g · 1.5 g left today".
pub fn day_plan_line(d: &DayPlan) -> String {
    let day = if d.finished {
        format!("Day {} · the plan has finished", d.day_number)
    } else {
        format!("Day {} of {}", d.day_number, d.total_days)
    };
    format!("{day} · target {} · {}", grams(d.target_g), d.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_amounts_read_like_the_app() {
        assert_eq!(number(4.5), "4.5");
        assert_eq!(number(3.0), "3");
        assert_eq!(number(1.35), "1.35");
        assert_eq!(number(4.499_999_9), "4.5");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(10.0), "10");
        assert_eq!(dose_summary(4.5, 2), "4.5 g taken · 2 doses");
        assert_eq!(dose_summary(2.5, 1), "2.5 g taken · 1 dose");
        assert_eq!(dose_summary(0.0, 0), "No doses");
    }

    #[test]
    fn tables_align_and_trim() {
        let t = table(
            &["ID", "NAME", "X"],
            &[
                vec!["1".into(), "é long".into(), "".into()],
                vec!["10".into(), "b".into(), "y".into()],
            ],
        );
        assert_eq!(t, "ID  NAME    X\n1   é long\n10  b       y\n");
    }

    #[test]
    fn cells_stay_on_one_short_line() {
        assert_eq!(cell(Some("a\nb  c")), "a b c");
        let long = cell(Some(&"x".repeat(100)));
        assert_eq!(long.chars().count(), CELL_CHARS);
        assert!(long.ends_with('…'));
        assert_eq!(cell(None), "");
        assert_eq!(clock("2026-11-25T08:30"), "08:30");
        assert_eq!(date_time("2026-11-25T08:30"), "2026-11-25 08:30");
    }

    fn checkin(items: &[(&str, i32)]) -> CheckIn {
        let items: Vec<_> = items
            .iter()
            .map(|(k, s)| taper_core::checkin::ItemScore {
                key: (*k).into(),
                score: *s,
            })
            .collect();
        let (total, max_total, worst) = taper_core::checkin::score_summary(&items);
        let instrument = items
            .iter()
            .find_map(|i| instrument::of_item(&i.key))
            .map_or("kratom", |i| i.key)
            .to_owned();
        let (band, complete) = taper_core::checkin::band_and_complete(&instrument, &items);
        CheckIn {
            version: String::new(),
            id: 1,
            taken_at: "2026-11-25T08:30:00+00:00".into(),
            local_time: "2026-11-25T08:30".into(),
            day: "2026-11-25".into(),
            instrument,
            items,
            total,
            max_total,
            worst,
            band,
            complete,
            craving: None,
            sleep_hours: None,
            sleep_quality: None,
            mood: None,
            note: None,
        }
    }

    #[test]
    fn forms_are_scored_and_items_have_words() {
        let all: Vec<(&str, i32)> = instrument::SOWS.items.iter().map(|i| (i.key, 1)).collect();
        let c = checkin(&all);
        assert_eq!(
            scored_summary(&c).as_deref(),
            Some("SOWS 16 / 64 · moderate")
        );
        let c = checkin(&[("sows_anxious", 4)]);
        assert_eq!(
            scored_summary(&c).as_deref(),
            Some("SOWS 4 / 64 · incomplete (1 of 16 rated)")
        );
        let c = checkin(&[("aches", 3)]);
        assert_eq!(scored_summary(&c), None);
        // The checklist has no bands: points and how many of its symptoms were rated.
        let three = checkin(&[("aches", 3), ("anxiety", 4), ("sweating", 1)]);
        assert_eq!(total_cell(&three), "8 points · 3 rated");
        assert_eq!(total_cell(&checkin(&[])), "-");
        let (inst, score) = form_score(&c);
        assert_eq!(
            (inst.key, score.total, score.complete),
            ("kratom", 3, false)
        );
        let (inst, score) = form_score(&checkin(&[]));
        assert_eq!(
            (inst.key, score.band, score.complete),
            ("kratom", None, false)
        );
        assert_eq!(item_word("cows_gooseflesh", 5), "Prominent gooseflesh");
        assert_eq!(item_word("aches", 2), "Moderate");
        assert_eq!(item_word("custom_headache", 4), "Extreme");
        assert_eq!(item_word("cows_pulse", 6), "");
        assert_eq!(allowed_scores("cows_pulse"), vec![0, 1, 2, 4]);
        assert_eq!(allowed_scores("custom_x"), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn plans_read_as_steps_with_today_marked() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let days: Vec<PlanDay> = [
            ("2026-11-20", 2.0, 1),
            ("2026-11-21", 2.0, 1),
            ("2026-11-22", 0.0, 2),
        ]
        .iter()
        .map(|(day, target_g, step)| PlanDay {
            day: d(day),
            target_g: *target_g,
            step: *step,
        })
        .collect();
        let capsules = Rounding::Capsules {
            grams_per_capsule: 0.5,
        };
        assert_eq!(
            plan_table(&days, capsules, Some(d("2026-11-21"))),
            "DAY  DATES                     TARGET\n\
             1-2  2026-11-20 to 2026-11-21  2 g (4 capsules)  ◀ today\n\
             3    2026-11-22                0 g\n"
        );
        assert_eq!(plan_end(&days), "Ends on 2026-11-22 at 0 g (3 days).\n");
        assert_eq!(plan_table(&[], Rounding::Tenth, None), "");
        let p = PlanParams {
            start: d("2026-11-20"),
            start_g: 4.0,
            shape: taper_core::plan::Shape::Percentage {
                percent: 12.5,
                every_days: 1,
            },
            hold_days: 2,
            floor_g: 1.0,
            rounding: Rounding::Tenth,
        };
        assert_eq!(
            plan_summary(&p),
            "Cut 12.5% every day from 4 g a day · each step held 2 days more · 0 g once below 1 g · rounded to 0.1 g"
        );
    }
}
