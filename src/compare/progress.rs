//! Progress of one country between two assessments.
//!
//! In: the earlier and the later [`Results`] of the same country (and, when the earlier input was
//! a workspace, the roadmap planned from it). Out: a [`ProgressStep`]: every node's change
//! (overall, pillars, dimensions, indicators, Building Blocks), counts, progress toward the
//! targets and the roadmap actions completed.
//!
//! Rules (the report says the same):
//! - A node is *improved* / *regressed* / *unchanged* by its maturity level (0..4); the score
//!   delta is shown beside it. A node with a level now but none before is *newly answered*; one
//!   with a level before but none now is *no longer answered*. Nodes without a level at either
//!   date, and nodes present in only one of the two framework versions, are left out.
//! - Progress toward target, over indicators and BBs with a level at both dates and a gap at the
//!   earlier one: baseline gap = target − level then; remaining gap = max(0, the same target −
//!   level now); share closed = (Σ baseline − Σ remaining) / Σ baseline. A regression can make it
//!   negative.
//! - Roadmap actions completed: the roadmap is re-planned from the earlier assessment (the
//!   action library of its framework); an action counts as completed when the item it raises has
//!   now reached the action's `to_level`. This says the level was reached, not that this action
//!   caused it. No roadmap (a results.json input) → not reported.
//!
//! Not here: which inputs form a series (`mod.rs`), words and charts.

use std::collections::HashMap;

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Results, Roadmap};

/// Kind of node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The overall index.
    Overall,
    /// A pillar.
    Pillar,
    /// A dimension of a layer.
    Dimension,
    /// An indicator.
    Indicator,
    /// A Building Block.
    BuildingBlock,
}

impl NodeKind {
    /// The spelling in files.
    pub fn code(self) -> &'static str {
        match self {
            NodeKind::Overall => "overall",
            NodeKind::Pillar => "pillar",
            NodeKind::Dimension => "dimension",
            NodeKind::Indicator => "indicator",
            NodeKind::BuildingBlock => "building_block",
        }
    }
}

/// What happened to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    /// Higher level.
    Improved,
    /// Lower level.
    Regressed,
    /// Same level.
    Unchanged,
    /// A level now, none before.
    NewlyAnswered,
    /// A level before, none now.
    NoLongerAnswered,
}

impl ChangeStatus {
    /// The spelling in files.
    pub fn code(self) -> &'static str {
        match self {
            ChangeStatus::Improved => "improved",
            ChangeStatus::Regressed => "regressed",
            ChangeStatus::Unchanged => "unchanged",
            ChangeStatus::NewlyAnswered => "newly_answered",
            ChangeStatus::NoLongerAnswered => "no_longer_answered",
        }
    }

    /// In words (messages `change-…` of the catalogue).
    pub fn words(self) -> String {
        crate::messages::t(match self {
            ChangeStatus::Improved => "change-improved",
            ChangeStatus::Regressed => "change-regressed",
            ChangeStatus::Unchanged => "change-unchanged",
            ChangeStatus::NewlyAnswered => "change-newly-answered",
            ChangeStatus::NoLongerAnswered => "change-no-longer-answered",
        })
    }
}

/// A node's change between two assessments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Change {
    /// Kind of node.
    pub kind: NodeKind,
    /// Its id (`overall` for the index).
    pub id: String,
    /// Title or name.
    pub title: String,
    /// The pillar it belongs to (its own id for a pillar, empty for the index).
    pub pillar: String,
    /// What happened.
    pub status: ChangeStatus,
    /// Level before.
    pub from_level: Option<u8>,
    /// Level now.
    pub to_level: Option<u8>,
    /// Score before.
    pub from_score: Option<f64>,
    /// Score now.
    pub to_score: Option<f64>,
    /// Score now − score before.
    pub delta: Option<f64>,
    /// Target level at the earlier assessment (indicators and BBs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<u8>,
}

/// How many nodes of one kind changed how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Counts {
    /// Improved.
    pub improved: u32,
    /// Regressed.
    pub regressed: u32,
    /// Unchanged.
    pub unchanged: u32,
    /// Newly answered.
    pub newly_answered: u32,
    /// No longer answered.
    pub no_longer_answered: u32,
}

impl Counts {
    fn add(&mut self, status: ChangeStatus) {
        match status {
            ChangeStatus::Improved => self.improved += 1,
            ChangeStatus::Regressed => self.regressed += 1,
            ChangeStatus::Unchanged => self.unchanged += 1,
            ChangeStatus::NewlyAnswered => self.newly_answered += 1,
            ChangeStatus::NoLongerAnswered => self.no_longer_answered += 1,
        }
    }
}

/// Progress toward the earlier assessment's targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TargetProgress {
    /// Indicators and BBs with a level at both dates and a gap at the earlier one.
    pub items: u32,
    /// Σ baseline gaps, in levels.
    pub baseline_gap: u32,
    /// Σ remaining gaps to the same targets, in levels.
    pub remaining_gap: u32,
    /// Items now at or above their target.
    pub reached: u32,
    /// (baseline − remaining) / baseline; none without a baseline gap.
    pub share_closed: Option<f64>,
}

/// One roadmap action and whether its level has been reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ActionProgress {
    /// Action id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Indicator or BB it raises.
    pub raises: String,
    /// Level it was to reach.
    pub to_level: u8,
    /// The item's level now.
    pub level_now: Option<u8>,
    /// `level_now ≥ to_level`.
    pub completed: bool,
}

/// The earlier roadmap, checked against the later assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RoadmapProgress {
    /// Actions planned.
    pub planned: u32,
    /// Actions whose level has been reached.
    pub completed: u32,
    /// Every action, in schedule order.
    pub actions: Vec<ActionProgress>,
}

/// The change from one assessment of a country to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProgressStep {
    /// Earlier input (file or folder).
    pub from_source: String,
    /// Later input.
    pub to_source: String,
    /// Earlier date.
    pub from_date: String,
    /// Later date.
    pub to_date: String,
    /// Every node with a level at either date, in framework order (index, pillars, then the
    /// dimensions and indicators or BBs of each pillar).
    pub changes: Vec<Change>,
    /// Counts of indicator changes.
    pub indicators: Counts,
    /// Counts of BB changes.
    pub building_blocks: Counts,
    /// Progress toward target.
    pub targets: TargetProgress,
    /// Roadmap actions completed; none when the earlier input was a results.json.
    pub roadmap: Option<RoadmapProgress>,
}

impl ProgressStep {
    /// The changes of one kind with one status.
    pub fn of(&self, kind: NodeKind, status: ChangeStatus) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |c| c.kind == kind && c.status == status)
    }
}

/// A node as progress sees it.
struct Flat {
    kind: NodeKind,
    id: String,
    title: String,
    pillar: String,
    level: Option<u8>,
    score: Option<f64>,
    target: Option<u8>,
}

fn flatten(results: &Results) -> Vec<Flat> {
    let mut out = vec![Flat {
        kind: NodeKind::Overall,
        id: "overall".to_string(),
        title: crate::messages::t("overall-index"),
        pillar: String::new(),
        level: results.overall.level,
        score: results.overall.score,
        target: None,
    }];
    for p in &results.pillars {
        out.push(Flat {
            kind: NodeKind::Pillar,
            id: p.id.clone(),
            title: p.title.clone(),
            pillar: p.id.clone(),
            level: p.node.level,
            score: p.node.score,
            target: None,
        });
    }
    for p in &results.pillars {
        for d in &p.dimensions {
            out.push(Flat {
                kind: NodeKind::Dimension,
                id: d.id.clone(),
                title: d.title.clone(),
                pillar: p.id.clone(),
                level: d.node.level,
                score: d.node.score,
                target: None,
            });
            for i in &d.indicators {
                out.push(Flat {
                    kind: NodeKind::Indicator,
                    id: i.id.clone(),
                    title: i.title.clone(),
                    pillar: p.id.clone(),
                    level: i.node.level,
                    score: i.node.score,
                    target: Some(i.target),
                });
            }
        }
        for b in &p.building_blocks {
            out.push(Flat {
                kind: NodeKind::BuildingBlock,
                id: b.id.clone(),
                title: b.name.clone(),
                pillar: p.id.clone(),
                level: b.node.level,
                score: b.node.score,
                target: Some(b.target),
            });
        }
    }
    out
}

/// The progress from `before` to `after`.
pub fn step(
    (from_source, before): (&str, &Results),
    (to_source, after): (&str, &Results),
    roadmap: Option<&Roadmap>,
) -> ProgressStep {
    let earlier: HashMap<(NodeKind, String), Flat> = flatten(before)
        .into_iter()
        .map(|f| ((f.kind, f.id.clone()), f))
        .collect();
    let later = flatten(after);
    let mut changes = Vec::new();
    let mut indicators = Counts::default();
    let mut building_blocks = Counts::default();
    let mut targets = TargetProgress {
        items: 0,
        baseline_gap: 0,
        remaining_gap: 0,
        reached: 0,
        share_closed: None,
    };
    let mut level_now: HashMap<&str, u8> = HashMap::new();
    for now in &later {
        if let Some(level) = now.level
            && matches!(now.kind, NodeKind::Indicator | NodeKind::BuildingBlock)
        {
            level_now.insert(now.id.as_str(), level);
        }
        let Some(then) = earlier.get(&(now.kind, now.id.clone())) else {
            continue;
        };
        let status = match (then.level, now.level) {
            (Some(a), Some(b)) if b > a => ChangeStatus::Improved,
            (Some(a), Some(b)) if b < a => ChangeStatus::Regressed,
            (Some(_), Some(_)) => ChangeStatus::Unchanged,
            (None, Some(_)) => ChangeStatus::NewlyAnswered,
            (Some(_), None) => ChangeStatus::NoLongerAnswered,
            (None, None) => continue,
        };
        match now.kind {
            NodeKind::Indicator => indicators.add(status),
            NodeKind::BuildingBlock => building_blocks.add(status),
            _ => {}
        }
        if let (Some(target), Some(a), Some(b)) = (then.target, then.level, now.level)
            && target > a
        {
            targets.items += 1;
            targets.baseline_gap += u32::from(target - a);
            targets.remaining_gap += u32::from(target.saturating_sub(b));
            if b >= target {
                targets.reached += 1;
            }
        }
        changes.push(Change {
            kind: now.kind,
            id: now.id.clone(),
            title: now.title.clone(),
            pillar: now.pillar.clone(),
            status,
            from_level: then.level,
            to_level: now.level,
            from_score: then.score,
            to_score: now.score,
            delta: then.score.zip(now.score).map(|(a, b)| b - a),
            target: then.target,
        });
    }
    if targets.baseline_gap > 0 {
        targets.share_closed = Some(
            (f64::from(targets.baseline_gap) - f64::from(targets.remaining_gap))
                / f64::from(targets.baseline_gap),
        );
    }
    let roadmap = roadmap.map(|roadmap| {
        let actions: Vec<ActionProgress> = roadmap
            .actions
            .iter()
            .map(|a| {
                let level = level_now.get(a.raises.as_str()).copied();
                ActionProgress {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    raises: a.raises.clone(),
                    to_level: a.to_level,
                    level_now: level,
                    completed: level.is_some_and(|l| l >= a.to_level),
                }
            })
            .collect();
        RoadmapProgress {
            planned: actions.len() as u32,
            completed: actions.iter().filter(|a| a.completed).count() as u32,
            actions,
        }
    });
    ProgressStep {
        from_source: from_source.to_string(),
        to_source: to_source.to_string(),
        from_date: before.assessment.date.clone(),
        to_date: after.assessment.date.clone(),
        changes,
        indicators,
        building_blocks,
        targets,
        roadmap,
    }
}
