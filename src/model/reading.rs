//! A numeric answer as read against its question's thresholds: the value asked for, the threshold
//! it reached and the level that gives, so that reports show what was asked ("72 % — at least
//! 70 % → level 2") rather than a level descriptor nobody was asked about.
//!
//! Built by `ingest` for `number`, `percent` and `multi` questions, carried on
//! [`Answer`](super::Answer) and into `results.json` on [`AnswerResult`](super::AnswerResult).

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::level_from_thresholds;

/// What a reading's value counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReadingUnit {
    /// A percentage, 0..100 (`percent` questions).
    Percent,
    /// The points of the options ticked (`multi` questions).
    Points,
    /// A number in the question's own unit, if it names one (`number` questions).
    Number,
}

impl ReadingUnit {
    /// The spelling in results.
    pub fn code(self) -> &'static str {
        match self {
            ReadingUnit::Percent => "percent",
            ReadingUnit::Points => "points",
            ReadingUnit::Number => "number",
        }
    }
}

/// Which way a reading improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A level is reached at or above its threshold.
    HigherIsBetter,
    /// A level is reached at or below its threshold (`lower_is_better` questions).
    LowerIsBetter,
}

impl Direction {
    /// The spelling in results.
    pub fn code(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
        }
    }
}

/// A numeric answer read against thresholds t1..t4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Reading {
    /// The value answered: a percentage (45 for 45 %), a number, or the points of the options ticked.
    pub value: f64,
    /// What the value counts.
    pub unit: ReadingUnit,
    /// The question's unit for `number` questions that name one (`subscriptions per 100 inhabitants`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_label: Option<String>,
    /// Whether higher or lower values are better.
    pub direction: Direction,
    /// The threshold reached that gives `level`; none below the first threshold (level 0).
    pub threshold: Option<f64>,
    /// The first threshold not reached; none at level 4.
    pub next_threshold: Option<f64>,
    /// Level 0..4 reached.
    pub level: u8,
}

impl Reading {
    /// Reads `value` against thresholds t1..t4 (levels 1..4): the level is the number of thresholds
    /// reached (see [`level_from_thresholds`]), the threshold reached is the level's own.
    pub fn against(
        value: f64,
        thresholds: &[f64; 4],
        direction: Direction,
        unit: ReadingUnit,
        unit_label: Option<String>,
    ) -> Reading {
        let level = level_from_thresholds(value, thresholds, direction == Direction::LowerIsBetter);
        let index = usize::from(level);
        Reading {
            value,
            unit,
            unit_label,
            direction,
            threshold: index.checked_sub(1).map(|i| thresholds[i]),
            next_threshold: thresholds.get(index).copied(),
            level,
        }
    }
}
