//! The maturity a plan buys: a scored assessment and its roadmap → the index, pillars and Building
//! Blocks at the end of every plan year, if the plan is delivered.
//!
//! In: the results (the scored tree with its weights, aggregators, caps and coverage) and the
//! planned actions. Out: one [`ProjectedYear`] per plan year, year 0 being the results themselves.
//! How (docs/method.md §11, "Projection"): at the end of year y every action that has ended by
//! month 12·y has raised its item to its level, so an indicator's or BB's score becomes the higher
//! of today's and 25 × that level; dimensions, pillars and the index are then recombined exactly as
//! in scoring (same weights and aggregators, not-applicable children left out, the framework's caps
//! judged again on the projected indicator levels, the coverage floor). Items without data stay
//! without a score. Pure.
//! Not here: scoring answers (`score`) or drawing the trajectory (`report`).

use std::collections::HashMap;

use crate::model::{
    Aggregator, CapResult, CapStatus, NodeScore, NodeStatus, PlannedAction, ProjectedNode, ProjectedYear,
    Results,
};
use crate::score::aggregate::{Child, combine};
use crate::score::band_level;

/// Months in a plan year.
const YEAR_MONTHS: u32 = 12;

/// The projection over `years` plan years (year 0 included).
pub fn project(results: &Results, actions: &[PlannedAction], years: u32) -> Vec<ProjectedYear> {
    (0..=years)
        .map(|year| {
            let end_month = year * YEAR_MONTHS;
            let mut raised: HashMap<&str, u8> = HashMap::new();
            for action in actions.iter().filter(|a| a.end_month <= end_month) {
                if let Some(reached) = action.level_reached() {
                    let level = raised.entry(action.raises.as_str()).or_insert(0);
                    *level = (*level).max(reached);
                }
            }
            project_year(results, &raised, year, end_month)
        })
        .collect()
}

/// A node's score after the plan raised it to `level` (none: not raised).
fn raised_score(node: &NodeScore, level: Option<u8>) -> Option<f64> {
    match (node.score, level) {
        (Some(score), Some(level)) => Some(score.max(25.0 * f64::from(level))),
        (score, _) => score,
    }
}

fn project_year(results: &Results, raised: &HashMap<&str, u8>, year: u32, end_month: u32) -> ProjectedYear {
    let rules = &results.rules;
    let bands = &rules.bands;
    let min_coverage = rules.min_coverage;

    // Indicator levels after the plan, for the caps.
    let mut indicator_level: HashMap<&str, u8> = HashMap::new();
    for pillar in &results.pillars {
        for indicator in pillar.dimensions.iter().flat_map(|d| &d.indicators) {
            if let Some(score) = raised_score(&indicator.node, raised.get(indicator.id.as_str()).copied()) {
                indicator_level.insert(&indicator.id, band_level(score, bands));
            }
        }
    }
    let framework_caps: Vec<&CapResult> = results.caps.iter().filter(|c| c.indicator.is_some()).collect();
    // The lowest max_score of the caps that fire on a node, judged on projected levels.
    let cap_for = |node: &str| -> Option<f64> {
        framework_caps
            .iter()
            .filter(|cap| cap.effects.iter().any(|e| e.node == node))
            .filter(|cap| {
                let indicator = cap.indicator.as_deref().unwrap_or_default();
                match indicator_level.get(indicator) {
                    Some(&level) => level < cap.below_level,
                    None => cap.status == CapStatus::Fired,
                }
            })
            .map(|cap| cap.max_score)
            .reduce(f64::min)
    };
    let finish =
        |node: &str, combined: crate::score::aggregate::Combined| -> (Option<f64>, f64, NodeStatus) {
            let score = combined
                .score
                .map(|s| cap_for(node).map_or(s, |max| if s > max { max } else { s }));
            (score, combined.coverage, combined.status)
        };
    let level_of = |score: Option<f64>, coverage: f64| -> Option<u8> {
        let score = score?;
        (crate::model::decision_key(coverage) >= crate::model::decision_key(min_coverage))
            .then(|| band_level(score, bands))
    };

    let mut pillar_nodes = Vec::new();
    let mut bb_nodes = Vec::new();
    let mut pillar_children = Vec::new();
    for pillar in &results.pillars {
        let (score, coverage, status) = if pillar.building_blocks.is_empty() {
            let mut dimension_children = Vec::new();
            for dimension in &pillar.dimensions {
                let children: Vec<Child> = dimension
                    .indicators
                    .iter()
                    .map(|i| Child {
                        weight: i.weight,
                        status: i.node.status,
                        score: raised_score(&i.node, raised.get(i.id.as_str()).copied()),
                        coverage: i.node.coverage,
                    })
                    .collect();
                let (score, coverage, status) =
                    finish(&dimension.id, combine(&children, dimension.aggregator));
                dimension_children.push(Child {
                    weight: dimension.weight,
                    status,
                    score,
                    coverage,
                });
            }
            finish(&pillar.id, combine(&dimension_children, pillar.aggregator))
        } else {
            let mut children = Vec::new();
            for bb in &pillar.building_blocks {
                let score = raised_score(&bb.node, raised.get(bb.id.as_str()).copied());
                bb_nodes.push(ProjectedNode {
                    id: bb.id.clone(),
                    score,
                    level: if raised.contains_key(bb.id.as_str()) {
                        score.map(|s| band_level(s, bands))
                    } else {
                        bb.node.level
                    },
                });
                children.push(Child {
                    weight: bb.weight,
                    status: bb.node.status,
                    score,
                    coverage: bb.node.coverage,
                });
            }
            finish(&pillar.id, combine(&children, pillar.aggregator))
        };
        pillar_nodes.push(ProjectedNode {
            id: pillar.id.clone(),
            score,
            level: level_of(score, coverage),
        });
        pillar_children.push(Child {
            weight: pillar.weight,
            status,
            score,
            coverage,
        });
    }
    let (score, coverage, _) = finish("overall", combine(&pillar_children, Aggregator::WeightedMean));
    ProjectedYear {
        year,
        end_month,
        overall: ProjectedNode {
            id: "overall".to_string(),
            score,
            level: level_of(score, coverage),
        },
        pillars: pillar_nodes,
        building_blocks: bb_nodes,
    }
}
