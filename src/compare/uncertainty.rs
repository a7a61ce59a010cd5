//! Rank uncertainty: Monte Carlo over the weights.
//!
//! In: one [`Tree`] per compared country, the number of draws, the noise and the seed. Out: each
//! country's nominal rank and, over the draws, its median rank and 5–95 % band.
//!
//! Method (the report's method section says the same in words):
//! - In each draw every weight of every level (indicator in its dimension, dimension in its
//!   pillar, BB criterion in its BB, BB in the BB pillar, pillar in the overall index) is
//!   multiplied by a factor drawn uniformly from [1 − noise, 1 + noise]. The same factors apply
//!   to every country in a draw (a draw is one alternative weighting). Renormalising is implicit:
//!   a weighted mean divides by the sum of the (perturbed) weights of the children that have a
//!   score. Aggregators and fired caps are respected, as in scoring.
//! - Ranks: 1 = highest overall; countries whose overall indices differ by less than
//!   [`TIE_TOLERANCE`] are tied and share the better rank (1, 1, 3). Countries without an overall
//!   index are not ranked.
//! - Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value
//!   at position ⌈p/100 × n⌉ (1-based). The median is the 50th percentile, i.e. the lower middle
//!   for an even number of draws.
//! - The random numbers come from SplitMix64 ([`SplitMix64`]), seeded with the seed: no OS
//!   randomness, the same on every machine. Noise 0 gives factors of exactly 1, so every band
//!   collapses to the nominal rank.
//!
//! Not here: reading results, words and charts.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::tree::{FactorIndex, Tree};

/// Overall indices closer than this are tied (floating-point noise, not a difference).
pub const TIE_TOLERANCE: f64 = 1e-9;

/// SplitMix64 (Steele, Lea and Flood 2014; the seeding generator of xoshiro): a 64-bit state
/// advanced by the golden-ratio increment and mixed by two multiply–xorshift rounds. Small, fast,
/// passes BigCrush, and gives the same stream on every platform.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The p-th percentile (0 < p ≤ 100) of ascending `sorted` values by the nearest-rank method;
/// `None` when there are none.
pub fn nearest_rank(sorted: &[u32], p: f64) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len();
    let position = ((p / 100.0) * n as f64).ceil() as usize;
    Some(sorted[position.clamp(1, n) - 1])
}

/// Ranks of `scores`: 1 = highest; scores within [`TIE_TOLERANCE`] share the better rank; no
/// score, no rank.
pub fn ranks(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    let mut sorted: Vec<f64> = scores.iter().flatten().copied().collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    scores
        .iter()
        .map(|s| {
            s.map(|s| {
                // How many score more than `s` by more than the tolerance.
                let above = sorted.partition_point(|&o| o > s + TIE_TOLERANCE);
                above as u32 + 1
            })
        })
        .collect()
}

/// Settings of the Monte Carlo.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Settings {
    /// Number of draws.
    pub draws: u32,
    /// Relative noise: factors are uniform in [1 − noise, 1 + noise].
    pub noise: f64,
    /// Seed of the generator.
    pub seed: u64,
}

/// One country's rank under weight uncertainty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RankStats {
    /// Median rank over the draws.
    pub median: u32,
    /// 5th percentile (the best plausible rank).
    pub p05: u32,
    /// 95th percentile (the worst plausible rank).
    pub p95: u32,
}

/// Runs the draws; returns each tree's rank statistics (`None` for a country without an overall
/// index in some draw, which happens only when it has none at all).
pub fn simulate(trees: &[Tree], index: &FactorIndex, settings: Settings) -> Vec<Option<RankStats>> {
    let mut rng = SplitMix64::new(settings.seed);
    let mut factors = vec![1.0; index.len().max(1)];
    let mut drawn: Vec<Vec<u32>> = vec![Vec::with_capacity(settings.draws as usize); trees.len()];
    let mut scores = vec![None; trees.len()];
    let noise = settings.noise;
    for _ in 0..settings.draws {
        for f in factors.iter_mut() {
            *f = 1.0 - noise + 2.0 * noise * rng.next_f64();
        }
        for (slot, tree) in scores.iter_mut().zip(trees) {
            *slot = tree.overall(&factors);
        }
        for (ranks, rank) in drawn.iter_mut().zip(ranks(&scores)) {
            if let Some(rank) = rank {
                ranks.push(rank);
            }
        }
    }
    drawn
        .into_iter()
        .map(|mut r| {
            r.sort_unstable();
            Some(RankStats {
                median: nearest_rank(&r, 50.0)?,
                p05: nearest_rank(&r, 5.0)?,
                p95: nearest_rank(&r, 95.0)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_stream() {
        // First outputs for seed 0 of the reference C implementation (Vigna).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
        let mut rng = SplitMix64::new(42);
        for _ in 0..1000 {
            let u = rng.next_f64();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u32> = (1..=20).collect();
        assert_eq!(nearest_rank(&v, 5.0), Some(1));
        assert_eq!(nearest_rank(&v, 50.0), Some(10));
        assert_eq!(nearest_rank(&v, 95.0), Some(19));
        assert_eq!(nearest_rank(&v, 100.0), Some(20));
        assert_eq!(nearest_rank(&[7], 5.0), Some(7));
        assert_eq!(nearest_rank(&[], 50.0), None);
        // Even count: the lower middle.
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 50.0), Some(2));
    }

    #[test]
    fn ties_share_the_better_rank() {
        let r = ranks(&[Some(50.0), Some(70.0), Some(50.0 + 1e-12), None, Some(10.0)]);
        assert_eq!(r, vec![Some(2), Some(1), Some(2), None, Some(4)]);
    }
}
