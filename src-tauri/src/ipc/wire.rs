//! The TypeScript the page calls the commands with, generated from their declaration. The test
//! fails when the committed `ui/src/commands.ts` differs; run
//! `UPDATE_BINDINGS=1 cargo test -p taper-app commands_ts` to rewrite it.

use chrono::NaiveDate;
use ts_rs::TS;

/// A type as the page sees it, in TypeScript.
pub trait Wire {
    fn ts() -> String;
}

macro_rules! wire_as {
    ($ts:literal: $($t:ty),*) => {
        $(impl Wire for $t {
            fn ts() -> String {
                $ts.to_owned()
            }
        })*
    };
}

// Numbers cross as JSON numbers (the ids stay far below 2^53); a date as `YYYY-MM-DD`.
wire_as!("number": i64, u32, f64);
wire_as!("string": String, NaiveDate);
wire_as!("boolean": bool);
wire_as!("null": ());

impl<T: Wire> Wire for Option<T> {
    fn ts() -> String {
        format!("{} | null", T::ts())
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn ts() -> String {
        let item = T::ts();
        if item.contains(' ') {
            format!("({item})[]")
        } else {
            format!("{item}[]")
        }
    }
}

/// The core's own types: the names `ui/src/bindings.ts` declares them under.
macro_rules! wire_named {
    ($($t:ty),* $(,)?) => {
        $(impl Wire for $t {
            fn ts() -> String {
                <$t as TS>::name(&ts_rs::Config::default())
            }
        })*

        /// The names of the core's types that commands take or give.
        fn named() -> Vec<String> {
            vec![$(<$t as Wire>::ts()),*]
        }
    };
}

use super::*;

wire_named!(
    AppInfo,
    BackupInfo,
    ChartImage,
    ChartRange,
    ChartRequest,
    ChartTheme,
    CheckIn,
    CheckInInput,
    DayView,
    Dose,
    DoseInput,
    ExportKind,
    ImportMode,
    ImportOutcome,
    ImportPreview,
    Instrument,
    Medicine,
    MedicineInput,
    Opening,
    Plan,
    PlanParams,
    PlanPreview,
    QuickAmount,
    Recovered,
    ReminderKind,
    ReportOptions,
    ReportPreview,
    SaveFormat,
    Settings,
    Symptom,
);

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// One command as a member of the `commands` object: its JSDoc, parameters and `call`.
pub fn function(name: &str, doc: &[&str], args: &[(&str, String)], reply: &str) -> String {
    let mut out = String::new();
    match doc {
        [] => {}
        [line] => out.push_str(&format!("  /**{line} */\n")),
        lines => {
            out.push_str("  /**\n");
            for line in lines {
                out.push_str(&format!("   *{line}\n"));
            }
            out.push_str("   */\n");
        }
    }
    let params: Vec<String> = args
        .iter()
        .map(|(arg, ty)| format!("{}: {ty}", camel(arg)))
        .collect();
    let keys: Vec<String> = args.iter().map(|(arg, _)| camel(arg)).collect();
    let sent = if keys.is_empty() {
        String::new()
    } else {
        format!(", {{ {} }}", keys.join(", "))
    };
    out.push_str(&format!(
        "  {}: ({}) => call<{reply}>(\"{name}\"{sent}),\n",
        camel(name),
        params.join(", "),
    ));
    out
}

/// The whole module around the members, importing the core's types it names.
pub fn module(members: &str) -> String {
    // The types named in the signatures (not in the comments).
    let words: std::collections::BTreeSet<&str> = members
        .lines()
        .filter(|l| !l.trim_start().starts_with(['/', '*']))
        .flat_map(|l| l.split(|c: char| !c.is_ascii_alphanumeric()))
        .collect();
    let mut used: Vec<String> = named()
        .into_iter()
        .filter(|n| words.contains(n.as_str()))
        .collect();
    used.sort_unstable();
    format!(
        "// Generated from src-tauri/src/declared.rs (UPDATE_BINDINGS=1 cargo test -p taper-app commands_ts).\n\
         // Do not edit by hand: declare a command there, handle it in src-tauri/src/commands/.\n\
         \n\
         import type {{ {} }} from \"./bindings\";\n\
         import {{ call }} from \"./call\";\n\
         \n\
         /** Every command of the backend, as a typed function. A rejection is always an ApiError. */\n\
         export const commands = {{\n{members}}};\n",
        used.join(", ")
    )
}

#[test]
fn commands_ts_matches_the_committed_file() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/commands.ts");
    let want = super::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &want).expect("write ui/src/commands.ts");
    }
    let have = std::fs::read_to_string(path).expect("read ui/src/commands.ts");
    assert!(
        have == want,
        "ui/src/commands.ts is out of date with src-tauri/src/declared.rs; run UPDATE_BINDINGS=1 cargo test -p taper-app commands_ts\n--- committed\n{have}\n--- generated\n{want}"
    );
}

#[test]
fn names_become_the_pages_camel_case() {
    assert_eq!(camel("restore_from_trouble"), "restoreFromTrouble");
    assert_eq!(camel("app_info"), "appInfo");
    assert_eq!(
        function(
            "step_back",
            &[],
            &[("repeat_days", "number".into())],
            "Plan"
        ),
        "  stepBack: (repeatDays: number) => call<Plan>(\"step_back\", { repeatDays }),\n"
    );
}
