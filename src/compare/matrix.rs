//! The comparison matrix and peer benchmarks.
//!
//! In: the compared countries' scores (overall, per pillar, per BB). Out: for each column, the
//! set's mean, median, lowest and highest, and where each country stands (its rank in that column
//! and whether it is above, at or below the median).
//!
//! The median of the set is the usual one (the mean of the two middle values for an even count);
//! "at the median" means within 0.05 points of it (half the display precision). Ranks within a
//! column share the better rank on ties, as the overall ranks do.
//! Not here: deciding which countries are compared (`mod.rs`).

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::uncertainty::ranks;

/// A score with its level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Cell {
    /// 0..100, unrounded.
    pub score: Option<f64>,
    /// Level 0..4 on the country's bands; none without a score or when provisional.
    pub level: Option<u8>,
    /// The score's coverage was below the framework's floor: shown, but without a level or rank.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

/// Where a country stands in one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Position {
    /// ISO code.
    pub iso3: String,
    /// Its score.
    pub score: Option<f64>,
    /// Its rank in this column among the countries with a score.
    pub rank: Option<u32>,
    /// `above`, `at` or `below` the median; `no_data` without a score.
    pub versus_median: String,
}

/// Peer benchmark of one column.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Benchmark {
    /// `overall`, `pillar` or `building_block`.
    pub kind: String,
    /// Column id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Countries with a score.
    pub n: u32,
    /// Mean.
    pub mean: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Lowest.
    pub min: Option<f64>,
    /// Highest.
    pub max: Option<f64>,
    /// Each country, in the order of the matrix.
    pub positions: Vec<Position>,
}

/// Half the display precision: closer to the median than this counts as at the median.
const AT_MEDIAN: f64 = 0.05;

/// Benchmarks one column: `cells` pairs each country's ISO code with its score.
pub fn benchmark(kind: &str, id: &str, title: &str, cells: &[(String, Option<f64>)]) -> Benchmark {
    let mut values: Vec<f64> = cells.iter().filter_map(|(_, s)| *s).collect();
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let mean = (n > 0).then(|| values.iter().sum::<f64>() / n as f64);
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    };
    let scores: Vec<Option<f64>> = cells.iter().map(|(_, s)| *s).collect();
    let positions = cells
        .iter()
        .zip(ranks(&scores))
        .map(|((iso3, score), rank)| Position {
            iso3: iso3.clone(),
            score: *score,
            rank,
            versus_median: match (score, median) {
                (Some(s), Some(m)) if *s > m + AT_MEDIAN => "above",
                (Some(s), Some(m)) if *s < m - AT_MEDIAN => "below",
                (Some(_), Some(_)) => "at",
                _ => "no_data",
            }
            .to_string(),
        })
        .collect();
    Benchmark {
        kind: kind.to_string(),
        id: id.to_string(),
        title: title.to_string(),
        n: n as u32,
        mean,
        median,
        min: values.first().copied(),
        max: values.last().copied(),
        positions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_median_and_positions() {
        let cells = vec![
            ("AAA".to_string(), Some(10.0)),
            ("BBB".to_string(), Some(30.0)),
            ("CCC".to_string(), None),
            ("DDD".to_string(), Some(20.0)),
            ("EEE".to_string(), Some(40.0)),
        ];
        let b = benchmark("pillar", "p", "P", &cells);
        assert_eq!(b.n, 4);
        assert_eq!(b.mean, Some(25.0));
        assert_eq!(b.median, Some(25.0));
        assert_eq!((b.min, b.max), (Some(10.0), Some(40.0)));
        let vs: Vec<&str> = b.positions.iter().map(|p| p.versus_median.as_str()).collect();
        assert_eq!(vs, ["below", "above", "no_data", "below", "above"]);
        let ranks: Vec<Option<u32>> = b.positions.iter().map(|p| p.rank).collect();
        assert_eq!(ranks, [Some(4), Some(2), None, Some(3), Some(1)]);
    }
}
