//! Combining children into a node: weighted mean or minimum, coverage, and caps.
//!
//! In: each child's weight, status, score and coverage. Out: the node's status, score (before
//! caps) and coverage. Pure; children are taken in framework order, so sums never depend on the
//! order of input rows.

use crate::model::{Aggregator, NodeStatus};

/// A child as its parent sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Child {
    /// Weight among its siblings.
    pub weight: f64,
    /// Scored, insufficient data or not applicable.
    pub status: NodeStatus,
    /// Score 0..100 when scored.
    pub score: Option<f64>,
    /// Coverage 0..1.
    pub coverage: f64,
}

/// A node before caps.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Combined {
    /// Status.
    pub status: NodeStatus,
    /// Score before caps.
    pub score: Option<f64>,
    /// Coverage.
    pub coverage: f64,
}

/// Combines children:
/// - `not applicable` children leave the node altogether (neither score nor coverage); a node
///   whose children are all not applicable is itself not applicable;
/// - children without a score leave the score but count against coverage;
/// - coverage = Σ(weight × child coverage) / Σ(weight of applicable children);
/// - a node with no scored child has no score ("insufficient data"), never 0.
pub fn combine(children: &[Child], aggregator: Aggregator) -> Combined {
    let applicable: Vec<&Child> = children
        .iter()
        .filter(|c| c.status != NodeStatus::NotApplicable)
        .collect();
    if applicable.is_empty() {
        return Combined {
            status: NodeStatus::NotApplicable,
            score: None,
            coverage: 0.0,
        };
    }
    let total_weight: f64 = applicable.iter().map(|c| c.weight).sum();
    let coverage = if total_weight > 0.0 {
        applicable.iter().map(|c| c.weight * c.coverage).sum::<f64>() / total_weight
    } else {
        0.0
    };
    let scored: Vec<(f64, f64)> = applicable
        .iter()
        .filter_map(|c| c.score.map(|s| (c.weight, s)))
        .collect();
    if scored.is_empty() {
        return Combined {
            status: NodeStatus::InsufficientData,
            score: None,
            coverage,
        };
    }
    let score = match aggregator {
        Aggregator::WeightedMean => {
            let weight: f64 = scored.iter().map(|(w, _)| w).sum();
            scored.iter().map(|(w, s)| w * s).sum::<f64>() / weight
        }
        Aggregator::Minimum => scored.iter().map(|(_, s)| *s).fold(f64::INFINITY, f64::min),
    };
    Combined {
        status: NodeStatus::Scored,
        score: Some(score),
        coverage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(weight: f64, score: f64) -> Child {
        Child {
            weight,
            status: NodeStatus::Scored,
            score: Some(score),
            coverage: 1.0,
        }
    }

    fn unknown(weight: f64) -> Child {
        Child {
            weight,
            status: NodeStatus::InsufficientData,
            score: None,
            coverage: 0.0,
        }
    }

    fn not_applicable(weight: f64) -> Child {
        Child {
            weight,
            status: NodeStatus::NotApplicable,
            score: None,
            coverage: 0.0,
        }
    }

    #[test]
    fn weighted_mean_over_scored_children() {
        // (2 × 75 + 1 × 25) / 3 = 58.33…
        let node = combine(&[scored(2.0, 75.0), scored(1.0, 25.0)], Aggregator::WeightedMean);
        assert!((node.score.unwrap() - 175.0 / 3.0).abs() < 1e-12);
        assert_eq!(node.coverage, 1.0);
    }

    #[test]
    fn unknown_lowers_coverage_only() {
        // The unknown child leaves the mean (score stays 75) but weighs 1 of 3 in coverage.
        let node = combine(&[scored(2.0, 75.0), unknown(1.0)], Aggregator::WeightedMean);
        assert_eq!(node.score, Some(75.0));
        assert!((node.coverage - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn not_applicable_leaves_the_node() {
        let node = combine(
            &[scored(1.0, 50.0), not_applicable(5.0)],
            Aggregator::WeightedMean,
        );
        assert_eq!(node.score, Some(50.0));
        assert_eq!(node.coverage, 1.0);
        let all_na = combine(&[not_applicable(1.0)], Aggregator::WeightedMean);
        assert_eq!(all_na.status, NodeStatus::NotApplicable);
    }

    #[test]
    fn no_scored_child_means_no_score_not_zero() {
        let node = combine(&[unknown(1.0), unknown(2.0)], Aggregator::WeightedMean);
        assert_eq!(node.status, NodeStatus::InsufficientData);
        assert_eq!(node.score, None);
        assert_eq!(node.coverage, 0.0);
    }

    #[test]
    fn minimum_is_the_weakest_link() {
        let node = combine(
            &[scored(1.0, 80.0), scored(3.0, 30.0), unknown(1.0)],
            Aggregator::Minimum,
        );
        assert_eq!(node.score, Some(30.0));
        assert!((node.coverage - 0.8).abs() < 1e-12);
    }
}
