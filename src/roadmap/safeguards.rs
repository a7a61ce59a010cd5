//! The UN DPI safeguards checklist judged for one assessment: the framework's principles, the
//! scored findings linked to them and the planned actions → met / partly / not met / unknown per
//! principle, open or addressed per risk, and what the plan does about each.
//!
//! In: the framework's checklist, the results (indicator levels, BB criterion values) and the
//! planned actions. Out: a [`SafeguardsReview`]. Pure. The rules (docs/method.md §11b): a linked
//! indicator counts with its level; a linked BB criterion with the band of its mean value over the
//! Building Blocks that have one. A principle is `met` when every linked finding with a level is
//! at 3 or more, `not_met` when every one is at 1 or below, `unknown` when none has a level, and
//! `partly` otherwise. A risk is `open` when a principle guarding against it is not met, else
//! `partly` when one is partly met, else `addressed` when one is met, else `unknown`. A principle's
//! actions are the planned actions raising one of its indicators; an authority's, those its roles
//! own, and apart, those they contribute to without owning.
//! Not here: scoring (`score`), or wording the section (`report`).

use crate::model::{
    AuthorityReview, Framework, PlannedAction, PrincipleReview, Results, RiskReview, RiskStatus,
    SafeguardEvidence, SafeguardStatus, SafeguardsReview,
};
use crate::score::band_level;

/// The checklist judged; none when the framework has no checklist.
pub fn review(
    framework: &Framework,
    results: &Results,
    actions: &[PlannedAction],
) -> Option<SafeguardsReview> {
    let checklist = framework.safeguards.as_ref()?;
    let indicator_level = |id: &str| {
        results
            .pillars
            .iter()
            .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
            .find(|i| i.id == id)
            .and_then(|i| i.node.level)
    };
    let criterion_level = |id: &str| {
        let values: Vec<f64> = results
            .pillars
            .iter()
            .flat_map(|p| &p.building_blocks)
            .flat_map(|b| &b.criteria)
            .filter(|c| c.id == id && !c.not_applicable)
            .filter_map(|c| c.value)
            .collect();
        (!values.is_empty()).then(|| {
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            band_level(mean * 25.0, &results.rules.bands)
        })
    };
    let principles: Vec<PrincipleReview> = checklist
        .principles
        .iter()
        .map(|principle| {
            let evidence: Vec<SafeguardEvidence> = principle
                .indicators
                .iter()
                .map(|id| SafeguardEvidence {
                    item: id.clone(),
                    criterion: false,
                    level: indicator_level(id),
                })
                .chain(principle.criteria.iter().map(|id| SafeguardEvidence {
                    item: id.clone(),
                    criterion: true,
                    level: criterion_level(id),
                }))
                .collect();
            let levels: Vec<u8> = evidence.iter().filter_map(|e| e.level).collect();
            let status = if levels.is_empty() {
                SafeguardStatus::Unknown
            } else if levels.iter().all(|&l| l >= 3) {
                SafeguardStatus::Met
            } else if levels.iter().all(|&l| l <= 1) {
                SafeguardStatus::NotMet
            } else {
                SafeguardStatus::Partly
            };
            PrincipleReview {
                id: principle.id.clone(),
                status,
                evidence,
                actions: actions
                    .iter()
                    .filter(|a| principle.indicators.contains(&a.raises))
                    .map(|a| a.id.clone())
                    .collect(),
            }
        })
        .collect();
    let risks = checklist
        .risks
        .iter()
        .map(|risk| {
            let guarding: Vec<&PrincipleReview> = checklist
                .principles
                .iter()
                .zip(&principles)
                .filter(|(p, _)| p.risks.contains(&risk.id))
                .map(|(_, review)| review)
                .collect();
            let any = |status: SafeguardStatus| guarding.iter().any(|p| p.status == status);
            let status = if any(SafeguardStatus::NotMet) {
                RiskStatus::Open
            } else if any(SafeguardStatus::Partly) {
                RiskStatus::Partly
            } else if any(SafeguardStatus::Met) {
                RiskStatus::Addressed
            } else {
                RiskStatus::Unknown
            };
            // Schedule order, each action once.
            let actions = actions
                .iter()
                .filter(|a| guarding.iter().any(|p| p.actions.contains(&a.id)))
                .map(|a| a.id.clone())
                .collect();
            RiskReview {
                id: risk.id.clone(),
                status,
                principles: guarding.iter().map(|p| p.id.clone()).collect(),
                actions,
            }
        })
        .collect();
    let authorities = checklist
        .authorities
        .iter()
        .map(|authority| AuthorityReview {
            id: authority.id.clone(),
            owned: actions
                .iter()
                .filter(|a| authority.roles.contains(&a.owner_role))
                .count() as u32,
            contributed: actions
                .iter()
                .filter(|a| {
                    !authority.roles.contains(&a.owner_role)
                        && a.contributor_roles.iter().any(|r| authority.roles.contains(r))
                })
                .count() as u32,
        })
        .collect();
    Some(SafeguardsReview {
        principles,
        risks,
        authorities,
    })
}
