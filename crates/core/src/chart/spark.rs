//! The plan sparkline on Today's plan card: the plan's daily targets as a small step line, the
//! days already behind drawn faintly, today's target marked. No text: the card says the numbers.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{ChartTheme, DrawResult};
use crate::plan::PlanDay;

/// A plan's targets, one per day from its first, and where today falls.
#[derive(Debug, Clone, PartialEq)]
pub struct SparkData {
    pub targets: Vec<f64>,
    /// Index of today in `targets`; `None` before the plan starts or after it ends.
    pub today: Option<usize>,
}

impl SparkData {
    pub fn new(days: &[PlanDay], today: NaiveDate) -> SparkData {
        SparkData {
            targets: days.iter().map(|d| d.target_g.max(0.0)).collect(),
            today: days.iter().position(|d| d.day == today),
        }
    }

    /// The highest target, at least 0.1 g so a plan at zero still has a scale.
    fn top(&self) -> f64 {
        self.targets.iter().copied().fold(0.1, f64::max)
    }
}

/// Draws the sparkline over the whole of `root`.
pub fn draw_spark<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    data: &SparkData,
    theme: ChartTheme,
) -> DrawResult<DB> {
    let p = theme.palette();
    root.fill(&p.background)?;
    let n = data.targets.len().max(1) as f64;
    let top = data.top() * 1.15;
    let mut chart = ChartBuilder::on(&root)
        .margin(4)
        .build_cartesian_2d(0f64..n, 0f64..top)?;
    let steps = |range: std::ops::Range<usize>| -> Vec<(f64, f64)> {
        data.targets[range.clone()]
            .iter()
            .zip(range)
            .flat_map(|(t, i)| [(i as f64, *t), (i as f64 + 1.0, *t)])
            .collect()
    };
    let split = data.today.unwrap_or(0).min(data.targets.len());
    if split > 0 {
        // Days behind: faint, and joined to today's step.
        chart.draw_series(LineSeries::new(
            steps(0..split.min(data.targets.len())),
            p.muted.stroke_width(2),
        ))?;
    }
    chart.draw_series(LineSeries::new(
        steps(split..data.targets.len()),
        p.plan.stroke_width(2),
    ))?;
    if let Some(i) = data.today.filter(|i| *i < data.targets.len()) {
        let at = (i as f64 + 0.5, data.targets[i]);
        chart.draw_series([Circle::new(at, 4, p.plan.filled())])?;
    }
    root.present()
}
