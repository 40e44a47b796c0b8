//! `taper chart`: the app's charts into an SVG or PNG file, through the same core function
//! (`taper_core::figure::draw`) the app uses.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use taper_core::chart::{write_chart_file, ChartTheme, ImageFormat};
use taper_core::day::parse_day;
use taper_core::figure::{self, ChartKind, ChartRange, ChartRequest};

use crate::args::{ChartArg, ChartArgs};
use crate::run::{json_doc, open_existing, today, Result};

fn kind(arg: ChartArg) -> ChartKind {
    match arg {
        ChartArg::Taper => ChartKind::Taper,
        ChartArg::Symptoms => ChartKind::Symptoms,
        ChartArg::Progress => ChartKind::Progress,
        ChartArg::Sleep => ChartKind::Sleep,
    }
}

/// `--from`/`--to` as a range (see the command's help).
pub(crate) fn range(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<ChartRange> {
    Ok(match (from, to) {
        (None, None) => ChartRange::Plan,
        (Some(f), None) => ChartRange::Between {
            from: parse_day("from", f)?,
            to: today,
        },
        (None, Some(t)) => {
            let t = parse_day("to", t)?;
            ChartRange::Between {
                from: t.checked_sub_days(Days::new(13)).unwrap_or(t),
                to: t,
            }
        }
        (Some(f), Some(t)) => ChartRange::Between {
            from: parse_day("from", f)?,
            to: parse_day("to", t)?,
        },
    })
}

#[derive(Serialize)]
struct Written<'a> {
    path: String,
    format: &'static str,
    kind: ChartKind,
    from: NaiveDate,
    to: NaiveDate,
    summary: &'a str,
}

pub fn chart(a: &ChartArgs, json: bool) -> Result<String> {
    // The file name is checked first: a wrong extension writes nothing and reads nothing.
    let format = ImageFormat::from_path(&a.out)?;
    let store = open_existing()?;
    let today = today(&store)?;
    let request = ChartRequest {
        kind: kind(a.kind),
        range: range(a.from.as_deref(), a.to.as_deref(), today)?,
        theme: if a.dark {
            ChartTheme::Dark
        } else {
            ChartTheme::Light
        },
        width: a.width,
        height: a.height,
    };
    let image = figure::draw(&store, &request, today)?;
    write_chart_file(&a.out, &image.svg)?;
    let written = Written {
        path: a.out.display().to_string(),
        format: match format {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        },
        kind: request.kind,
        from: image.from,
        to: image.to,
        summary: &image.summary,
    };
    if json {
        return json_doc(&written);
    }
    Ok(format!(
        "Wrote {} ({}).\n{}.\n",
        written.path,
        written.format.to_uppercase(),
        image.summary
    ))
}
