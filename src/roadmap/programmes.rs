//! Programmes and outcomes along a plan: planned actions → each programme's span, cost and
//! milestones, and each outcome indicator's baseline and the value each phase should reach.
//!
//! In: the framework's programmes and outcomes, the planner's input (today's levels and outcome
//! figures), the planned actions, the actions beyond the horizon and the phase spans. Out:
//! [`ProgrammePlan`]s and [`OutcomeTrack`]s. Pure.
//! Not here: scheduling (the parent module) or wording (reports).

use std::collections::HashMap;

use crate::model::{
    BeyondHorizon, CostRange, Framework, MilestonePlan, MilestoneStatus, OutcomeTarget, OutcomeTrack,
    PhaseSpan, PlannedAction, ProgrammePlan,
};

use super::{PlanInput, outcome_baseline};

/// The month an item reaches a level in the plan: the end of the first planned action that brings
/// it there or higher (a ladder's lower rungs end first, so the earliest such end is the month).
pub fn month_reached(actions: &[PlannedAction], item: &str, level: u8) -> Option<u32> {
    actions
        .iter()
        .filter(|a| a.raises == item && a.level_reached().is_some_and(|l| l >= level))
        .map(|a| a.end_month)
        .min()
}

/// The level an item has reached by the end of `month`: the highest of today's level and the
/// levels the planned actions on it that have ended by then bring it to (none when it has neither).
pub fn level_by(actions: &[PlannedAction], item: &str, month: u32, today: Option<u8>) -> Option<u8> {
    actions
        .iter()
        .filter(|a| a.raises == item && a.end_month <= month)
        .filter_map(PlannedAction::level_reached)
        .chain(today)
        .max()
}

/// Each programme with planned actions (or actions beyond the horizon), in the framework's order.
pub fn plan_programmes(
    framework: &Framework,
    input: &PlanInput,
    actions: &[PlannedAction],
    beyond: &[BeyondHorizon],
) -> Vec<ProgrammePlan> {
    let programme_of: HashMap<&str, Option<&str>> = framework
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a.programme.as_deref()))
        .collect();
    framework
        .programmes
        .iter()
        .filter_map(|programme| {
            let members: Vec<&PlannedAction> = actions
                .iter()
                .filter(|a| a.programme.as_deref() == Some(programme.id.as_str()))
                .collect();
            let beyond_horizon = beyond
                .iter()
                .filter(|b| programme_of.get(b.id.as_str()).copied().flatten() == Some(programme.id.as_str()))
                .count() as u32;
            if members.is_empty() && beyond_horizon == 0 {
                return None;
            }
            let cost = framework.costs.as_ref().map(|_| {
                members
                    .iter()
                    .filter_map(|a| a.cost.as_ref())
                    .fold(CostRange::default(), |sum, c| sum.plus(c.range))
            });
            let milestones = programme
                .milestones
                .iter()
                .map(|m| {
                    let (status, month) = if input.levels.get(&m.item).is_some_and(|&l| l >= m.level) {
                        (MilestoneStatus::Reached, None)
                    } else if let Some(month) = month_reached(actions, &m.item, m.level) {
                        (MilestoneStatus::Planned, Some(month))
                    } else if beyond.iter().any(|b| b.raises == m.item && b.to_level >= m.level) {
                        (MilestoneStatus::BeyondHorizon, None)
                    } else {
                        (MilestoneStatus::NotPlanned, None)
                    };
                    MilestonePlan {
                        title: m.title.clone(),
                        item: m.item.clone(),
                        level: m.level,
                        status,
                        month,
                    }
                })
                .collect();
            Some(ProgrammePlan {
                id: programme.id.clone(),
                title: programme.title.clone(),
                description: programme.description.clone(),
                actions: members.len() as u32,
                beyond_horizon,
                start_month: members.iter().map(|a| a.start_month).min().unwrap_or(0),
                end_month: members.iter().map(|a| a.end_month).max().unwrap_or(0),
                cost,
                milestones,
                risks: programme.risks.clone(),
            })
        })
        .collect()
}

/// Each outcome whose indicator has a level today: its baseline, and for every phase of the plan
/// the level its indicator has reached by the phase's last month, with the value marking it.
pub fn track_outcomes(
    framework: &Framework,
    input: &PlanInput,
    actions: &[PlannedAction],
    phases: &[PhaseSpan],
) -> Vec<OutcomeTrack> {
    framework
        .outcomes
        .iter()
        .filter_map(|outcome| {
            let today = *input.levels.get(&outcome.indicator)?;
            let targets = phases
                .iter()
                .map(|span| {
                    let level =
                        level_by(actions, &outcome.indicator, span.end_month, Some(today)).unwrap_or(today);
                    OutcomeTarget {
                        phase: span.phase,
                        end_month: span.end_month,
                        level,
                        value: outcome.levels.get(&level).copied(),
                    }
                })
                .collect();
            Some(OutcomeTrack {
                id: outcome.id.clone(),
                title: outcome.title.clone(),
                unit: outcome.unit.clone(),
                indicator: outcome.indicator.clone(),
                better: outcome.better,
                source: outcome.source.clone(),
                baseline: outcome_baseline(input, &outcome.id, &outcome.indicator),
                targets,
            })
        })
        .collect()
}
