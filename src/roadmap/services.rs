//! Prioritised services: which public services to build or revamp first, and what blocks them.
//!
//! In: the services inventory, the BB results (scores and levels) and the roadmap. Out: the
//! services ranked by the playbook's impact × feasibility grid ([`ServicePriority`]). Pure.
//!
//! - **Readiness** is the weakest link: the lowest score among the BBs the service needs.
//! - **Impact** is yearly transactions plus users on a log scale, relative to the largest service
//!   (volumes span orders of magnitude; a log keeps a million-user service from flattening all
//!   others to zero).
//! - **Quadrant**: high impact means at or above the median impact of the services; high
//!   feasibility means readiness at level 2 (Developing) or above. A first, then B, C and D;
//!   within a quadrant, higher impact first, then name.
//! - **Blocked by**: the needed BBs at level 1 or below; the roadmap unblocks the service in the
//!   month the last of them reaches level 2.

use std::collections::HashMap;

use crate::model::{BbResult, Quadrant, Roadmap, Service, ServicePriority};

/// Level at and below which a BB blocks the services that need it.
pub const BLOCKING_LEVEL: u8 = 1;

/// Ranks the services.
pub fn prioritise(services: &[Service], bbs: &[BbResult], roadmap: &Roadmap) -> Vec<ServicePriority> {
    let by_id: HashMap<&str, &BbResult> = bbs.iter().map(|b| (b.id.as_str(), b)).collect();
    let volume = |s: &Service| {
        (s.yearly_transactions.unwrap_or(0.0) + s.users.unwrap_or(0.0))
            .max(0.0)
            .ln_1p()
    };
    let largest = services.iter().map(volume).fold(0.0, f64::max);
    let impacts: Vec<f64> = services
        .iter()
        .map(|s| if largest > 0.0 { volume(s) / largest } else { 0.0 })
        .collect();
    let mut sorted = impacts.clone();
    sorted.sort_by(f64::total_cmp);
    let median = if sorted.is_empty() {
        0.0
    } else {
        sorted[(sorted.len() - 1) / 2]
    };
    // The month each BB first reaches level 2 in the roadmap.
    let mut unblocks: HashMap<&str, u32> = HashMap::new();
    for action in &roadmap.actions {
        if action.level_reached().is_some_and(|l| l > BLOCKING_LEVEL) {
            let month = unblocks.entry(action.raises.as_str()).or_insert(action.end_month);
            *month = (*month).min(action.end_month);
        }
    }

    let mut ranked: Vec<ServicePriority> = services
        .iter()
        .zip(impacts)
        .map(|(s, impact)| {
            let needed: Vec<&BbResult> = s
                .required_bbs
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .collect();
            let readiness = needed.iter().filter_map(|b| b.node.score).min_by(f64::total_cmp);
            let mut blocked_by: Vec<String> = needed
                .iter()
                .filter(|b| b.node.level.is_none_or(|l| l <= BLOCKING_LEVEL))
                .map(|b| b.id.clone())
                .collect();
            blocked_by.sort();
            let unblocked_month = if blocked_by.is_empty() {
                None
            } else {
                blocked_by
                    .iter()
                    .map(|id| unblocks.get(id.as_str()).copied())
                    .collect::<Option<Vec<u32>>>()
                    .and_then(|months| months.into_iter().max())
            };
            let feasible = readiness.is_some_and(|r| r >= 37.5) && blocked_by.is_empty();
            let high_impact = impact >= median;
            let quadrant = match (high_impact, feasible) {
                (true, true) => Quadrant::A,
                (true, false) => Quadrant::B,
                (false, true) => Quadrant::C,
                (false, false) => Quadrant::D,
            };
            ServicePriority {
                rank: 0,
                name: s.name.clone(),
                owner: s.owner.clone(),
                category: s.category.code().to_string(),
                digital_level: s.digital_level.map(|d| d.code().to_string()),
                readiness,
                impact,
                quadrant,
                blocked_by,
                unblocked_month,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.quadrant
            .cmp(&b.quadrant)
            .then(b.impact.total_cmp(&a.impact))
            .then_with(|| (&a.name, &a.owner).cmp(&(&b.name, &b.owner)))
    });
    for (i, s) in ranked.iter_mut().enumerate() {
        s.rank = i as u32 + 1;
    }
    ranked
}
