//! The target architecture as the report shows it: the roadmap's [`TargetArchitecture`] → one
//! row per Building Block decision (with its rationale, specification, the systems affected and
//! their owners, the candidate products as options, and the actions that carry it out), the
//! table of consolidations, retirements and connections for the ministries' IT heads, and the
//! content of the target diagram.
//!
//! In: the target (decided by `roadmap::architecture`), the planned actions, the framework and
//! the plan's calendar. Out: [`TargetView`]. Every sentence comes from the message catalogue; no
//! decision is made here. Not here: drawing (`charts`), or the today diagram (`plan`).

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::plan::Calendar;
use crate::messages::{t, tf};
use crate::model::{
    BbDecision, DecisionRule, DpiComponent, Framework, PlatformChoice, Roadmap, SystemEntry,
    TargetArchitecture, TargetShape, TransitionKind,
};

/// The target architecture section.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TargetView {
    /// One paragraph: how far the target is from today, in counts.
    pub summary: String,
    /// The caveat on candidate products: options, not recommendations.
    pub caveat: String,
    /// One decision per Building Block, in the framework's order.
    pub decisions: Vec<DecisionView>,
    /// Every system the target changes: consolidated, retired or connected.
    pub moves: Vec<MoveView>,
    /// How many of `moves`, from the first, HTML, Markdown and PDF list (at most
    /// [`MOVES_SHOWN`]; report.xlsx and architecture.csv list every one).
    pub moves_listed: usize,
    /// Moves not listed there.
    pub moves_more: usize,
    /// The target diagram's Building Blocks by group (identity, payments, data exchange, shared
    /// services, then infrastructure), in the same order as the today diagram.
    pub groups: Vec<TargetGroup>,
    /// Name of the exchange layer the flows go through.
    pub mediator: String,
    /// Systems connecting through the mediator (to connect, and already connected).
    pub mediator_flows: u32,
    /// The text alternative of the target diagram: every decision in words.
    pub alt: String,
}

/// A decision as the report reads it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DecisionView {
    /// BB id.
    pub bb: String,
    /// BB name.
    pub name: String,
    /// The group it is drawn in.
    pub group: String,
    /// `extend`, `adopt` or `build`.
    pub choice: String,
    /// The decision in a phrase: `Extend National Identity Management System`.
    pub decision: String,
    /// Why: the rule, the shape and the facts behind it.
    pub rationale: String,
    /// Whether the country's architecture file decided it.
    pub country: bool,
    /// GovStack specification and version.
    pub specification: String,
    /// Its address.
    pub specification_url: Option<String>,
    /// Standards the framework's actions for this BB adopt, `; `-separated.
    pub standards: String,
    /// Systems moving onto the platform, `name (owner)` (this and the lists below: at most eight, then
    /// how many more).
    pub consolidate: Vec<String>,
    /// Systems retired, `name (owner)`.
    pub retire: Vec<String>,
    /// Systems connecting through the mediator, `name (owner)`.
    pub connect: Vec<String>,
    /// Systems already connected, `name (owner)`.
    pub connected: Vec<String>,
    /// Shared platforms that stay beside the target, `name (owner)`.
    pub kept: Vec<String>,
    /// Systems kept separate by the country, `name (owner): reason`.
    pub kept_separate: Vec<String>,
    /// Candidate products (options).
    pub candidates: Vec<CandidateView>,
    /// The planned actions carrying it out.
    pub actions: Vec<DecisionAction>,
    /// Actions it needs beyond the horizon, by id.
    pub beyond_horizon: Vec<String>,
    /// Place in the sequence (`1`), or `–`.
    pub order: String,
    /// When its actions run, `Jul 2026 – Jun 2029`, or why not.
    pub when: String,
    /// Services it unblocks (at most eight, then how many more).
    pub unblocks: Vec<String>,
}

/// A candidate product.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CandidateView {
    /// Name.
    pub name: String,
    /// `digital public good` or `open source`.
    pub kind: String,
    /// SPDX licence.
    pub licence: String,
    /// Source of the facts.
    pub source: String,
    /// What GovStack publishes on it, or empty.
    pub govstack: String,
}

/// A planned action of a decision.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DecisionAction {
    /// Action id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `Jul 2026 – Jun 2027`.
    pub when: String,
}

/// One system the target changes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct MoveView {
    /// System name.
    pub system: String,
    /// Owner institution.
    pub owner: String,
    /// BB name.
    pub building_block: String,
    /// `consolidate`, `retire` or `connect`.
    pub change_code: String,
    /// The change in words.
    pub change: String,
    /// The platform it moves onto (for consolidations), else the mediator.
    pub target: String,
    /// The action that does it.
    pub action: String,
    /// When, or `beyond the horizon`.
    pub when: String,
}

/// A group of the target diagram.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TargetGroup {
    /// Group title.
    pub title: String,
    /// Whether this is the infrastructure group (drawn below the others).
    pub infrastructure: bool,
    /// Its BBs.
    pub building_blocks: Vec<TargetBox>,
}

/// A BB box in the target diagram.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TargetBox {
    /// BB id.
    pub id: String,
    /// BB name.
    pub name: String,
    /// Level today (colours the today box).
    pub level: Option<u8>,
    /// Target level (colours the target box).
    pub target: u8,
    /// `extend`, `adopt` or `build`.
    pub choice: String,
    /// The platform line: the system extended, or `Adopt (options: …)`, or `New build`.
    pub platform: String,
    /// Systems moving onto the platform.
    pub consolidated: Vec<String>,
    /// Systems retired (drawn struck through).
    pub retired: Vec<String>,
    /// Systems that stay (connected, to connect or kept).
    pub stays: Vec<String>,
    /// Whether it exchanges through the mediator in the target (a flow is drawn).
    pub via_mediator: bool,
    /// Whether this BB is the mediator itself.
    pub is_mediator: bool,
    /// Whether the target changes anything here.
    pub changed: bool,
}

/// Most items in one list of a decision (systems, services) in every format: a national inventory
/// may move thousands of systems; the moves table (whole in report.xlsx and architecture.csv) and
/// roadmap.json list every one.
const LISTED_PER_DECISION: usize = 8;

/// Most rows of the moves table in HTML, Markdown and PDF.
pub const MOVES_SHOWN: usize = 40;

fn with_owner(s: &SystemEntry) -> String {
    format!("{} ({})", s.name, s.owner)
}

/// The first [`LISTED_PER_DECISION`] items, then how many more there are (message `more`).
fn listed_with(items: impl ExactSizeIterator<Item = String>, more: &str) -> Vec<String> {
    let count = items.len();
    let mut out: Vec<String> = items.take(LISTED_PER_DECISION).collect();
    if count > LISTED_PER_DECISION {
        out.push(tf(more, &[("count", (count - LISTED_PER_DECISION).into())]));
    }
    out
}

/// Systems, bounded: the moves table lists every one.
fn listed(items: impl ExactSizeIterator<Item = String>) -> Vec<String> {
    listed_with(items, "target-list-more")
}

fn group_of(framework: &Framework, bb: &str, shape: TargetShape) -> (usize, &'static str) {
    if shape == TargetShape::Hosting {
        return (4, "component-infrastructure");
    }
    match framework
        .building_blocks
        .iter()
        .find(|b| b.id == bb)
        .map(|b| b.dpi_component)
    {
        Some(DpiComponent::Identity) => (0, "component-identity"),
        Some(DpiComponent::Payments) => (1, "component-payments"),
        Some(DpiComponent::DataExchange) => (2, "component-data-exchange"),
        _ => (3, "component-shared"),
    }
}

/// The name of the system a decision extends (empty when it extends none).
fn extended(d: &BbDecision) -> String {
    d.platform.as_ref().map(|p| p.name.clone()).unwrap_or_default()
}

fn decision_phrase(d: &BbDecision) -> String {
    match d.choice {
        PlatformChoice::Extend => tf("target-decision-extend", &[("platform", extended(d).into())]),
        PlatformChoice::Adopt => match &d.product {
            Some(product) => tf("target-decision-adopt-product", &[("product", product.into())]),
            None => t("target-decision-adopt"),
        },
        PlatformChoice::Build => t("target-decision-build"),
    }
}

fn rationale(d: &BbDecision) -> String {
    let mut parts = Vec::new();
    let rule = match d.rule {
        DecisionRule::RunningPlatform => tf("target-rule-running", &[("platform", extended(d).into())]),
        DecisionRule::PlannedPlatform => tf("target-rule-planned", &[("platform", extended(d).into())]),
        DecisionRule::AdoptCandidate => tf("target-rule-adopt", &[("count", d.candidates.len().into())]),
        DecisionRule::BuildNew => t("target-rule-build"),
        DecisionRule::Country => tf(
            "target-rule-country",
            &[("reason", d.country_reason.clone().unwrap_or_default().into())],
        ),
    };
    parts.push(rule);
    // A country that keeps systems separate without changing the platform decided too.
    if d.rule != DecisionRule::Country
        && let Some(reason) = &d.country_reason
    {
        parts.push(tf("target-rule-country", &[("reason", reason.into())]));
    }
    parts.push(t(match d.shape {
        TargetShape::Single => "target-shape-single",
        TargetShape::Platform => "target-shape-platform",
        TargetShape::Federated => "target-shape-federated",
        TargetShape::Hosting => "target-shape-hosting",
    }));
    parts.push(match (d.level, d.score) {
        (Some(level), Some(score)) => tf(
            "target-facts",
            &[
                ("level", level.into()),
                ("score", super::one_decimal(score).into()),
                ("target", d.target.into()),
                ("siloed", d.siloed.into()),
            ],
        ),
        _ => tf("target-facts-no-level", &[("target", d.target.into())]),
    });
    if let Some(coverage) = d.coverage {
        parts.push(tf(
            "target-facts-coverage",
            &[("coverage", format!("{:.0}", coverage * 100.0).into())],
        ));
    }
    parts.join(" ")
}

/// Builds the section from the roadmap's target; none when the framework proposes no target.
pub(super) fn build(framework: &Framework, roadmap: &Roadmap, calendar: Calendar) -> Option<TargetView> {
    let target: &TargetArchitecture = roadmap.architecture.as_ref()?;
    let planned = |id: &str| roadmap.actions.iter().find(|a| a.id == id);
    let when_of = |id: &str| match planned(id) {
        Some(a) => calendar.span(a.start_month, a.end_month),
        None => t("target-beyond-horizon"),
    };
    let mediator = framework
        .building_blocks
        .iter()
        .find(|b| b.id == target.mediator)
        .map(|b| b.name.clone())
        .unwrap_or_else(|| target.mediator.clone());

    let mut decisions = Vec::new();
    let mut moves = Vec::new();
    let mut groups: Vec<(usize, TargetGroup)> = Vec::new();
    let mut flows = 0u32;
    for d in &target.decisions {
        let platform_name = crate::roadmap::architecture::platform_label(d);
        for (kind, systems) in [
            (TransitionKind::Consolidate, &d.consolidate),
            (TransitionKind::Retire, &d.retire),
            (TransitionKind::Connect, &d.connect),
        ] {
            let action = crate::roadmap::architecture::transition_id(&d.bb, kind);
            for s in systems {
                moves.push(MoveView {
                    system: s.name.clone(),
                    owner: s.owner.clone(),
                    building_block: d.name.clone(),
                    change_code: kind.code().to_string(),
                    change: t(match kind {
                        TransitionKind::Consolidate => "target-change-consolidate",
                        TransitionKind::Retire => "target-change-retire",
                        TransitionKind::Connect => "target-change-connect",
                    }),
                    target: if kind == TransitionKind::Consolidate {
                        platform_name.clone()
                    } else if kind == TransitionKind::Connect {
                        mediator.clone()
                    } else {
                        String::new()
                    },
                    when: when_of(&action),
                    action: action.clone(),
                });
            }
        }
        let (rank, group_title) = group_of(framework, &d.bb, d.shape);
        let is_mediator = d.bb == target.mediator;
        let via_mediator = !d.connect.is_empty() || !d.connected.is_empty();
        if via_mediator {
            flows += (d.connect.len() + d.connected.len()) as u32;
        }
        let options: Vec<&str> = d.candidates.iter().map(|c| c.name.as_str()).collect();
        let platform_line = match d.choice {
            PlatformChoice::Extend => platform_name.clone(),
            PlatformChoice::Adopt if d.product.is_some() => platform_name.clone(),
            PlatformChoice::Adopt => tf("target-box-adopt", &[("options", options.join(", ").into())]),
            PlatformChoice::Build => t("target-box-build"),
        };
        // A system kept separate also connects (when in production): named once.
        let mut stays: Vec<String> = Vec::new();
        for name in d
            .connected
            .iter()
            .chain(&d.connect)
            .chain(&d.kept)
            .filter(|s| d.platform.as_ref().is_none_or(|p| p.name != s.name))
            .map(|s| &s.name)
            .chain(d.kept_separate.iter().map(|k| &k.name))
        {
            if !stays.contains(name) {
                stays.push(name.clone());
            }
        }
        let tile = TargetBox {
            id: d.bb.clone(),
            name: d.name.clone(),
            level: d.level,
            target: d.target,
            choice: d.choice.code().to_string(),
            platform: platform_line,
            consolidated: d.consolidate.iter().map(|s| s.name.clone()).collect(),
            retired: d.retire.iter().map(|s| s.name.clone()).collect(),
            stays,
            via_mediator,
            is_mediator,
            changed: d.changes_anything(),
        };
        match groups.iter_mut().find(|(r, _)| *r == rank) {
            Some((_, g)) => g.building_blocks.push(tile),
            None => groups.push((
                rank,
                TargetGroup {
                    title: t(group_title),
                    infrastructure: rank == 4,
                    building_blocks: vec![tile],
                },
            )),
        }
        let actions: Vec<DecisionAction> = d
            .actions
            .iter()
            .filter_map(|id| planned(id))
            .map(|a| DecisionAction {
                id: a.id.clone(),
                title: a.title.clone(),
                when: calendar.span(a.start_month, a.end_month),
            })
            .collect();
        decisions.push(DecisionView {
            bb: d.bb.clone(),
            name: d.name.clone(),
            group: t(group_title),
            choice: d.choice.code().to_string(),
            decision: decision_phrase(d),
            rationale: rationale(d),
            country: d.rule == DecisionRule::Country || d.country_reason.is_some(),
            specification: format!("{} {}", d.specification, spec_version(framework, &d.bb)),
            specification_url: d.specification_url.clone(),
            standards: d.standards.join("; "),
            consolidate: listed(d.consolidate.iter().map(with_owner)),
            retire: listed(d.retire.iter().map(with_owner)),
            connect: listed(d.connect.iter().map(with_owner)),
            connected: listed(d.connected.iter().map(with_owner)),
            kept: listed(d.kept.iter().map(with_owner)),
            kept_separate: listed(
                d.kept_separate
                    .iter()
                    .map(|k| format!("{} ({}): {}", k.name, k.owner, k.reason)),
            ),
            candidates: d
                .candidates
                .iter()
                .map(|c| CandidateView {
                    name: c.name.clone(),
                    kind: t(match c.kind {
                        crate::model::CandidateKind::DigitalPublicGood => "target-kind-dpg",
                        crate::model::CandidateKind::OpenSource => "target-kind-open-source",
                    }),
                    licence: c.licence.clone(),
                    source: c.source.clone(),
                    govstack: c.govstack.clone().unwrap_or_default(),
                })
                .collect(),
            actions,
            beyond_horizon: d.beyond_horizon.clone(),
            order: d.order.map_or_else(|| "–".to_string(), |o| o.to_string()),
            when: match (d.start_month, d.end_month) {
                (Some(start), Some(end)) => calendar.span(start, end),
                _ if !d.beyond_horizon.is_empty() => t("target-beyond-horizon"),
                _ => t("target-nothing-planned"),
            },
            unblocks: listed_with(d.unblocks.iter().cloned(), "target-services-more"),
        });
    }
    groups.sort_by_key(|(rank, _)| *rank);
    let c = target.changes;
    let summary = tf(
        "target-summary",
        &[
            ("count", target.decisions.len().into()),
            ("new", c.new_platforms.into()),
            ("consolidations", c.consolidations.into()),
            ("retirements", c.retirements.into()),
            ("connections", c.connections.into()),
            ("unchanged", c.unchanged.into()),
            ("mediator", (&mediator).into()),
        ],
    );
    let alt = tf(
        "chart-target-alt",
        &[(
            "decisions",
            decisions
                .iter()
                .map(|d| format!("{}: {}", d.name, d.decision))
                .collect::<Vec<_>>()
                .join("; ")
                .into(),
        )],
    );
    Some(TargetView {
        summary,
        caveat: t("target-caveat"),
        decisions,
        moves_listed: moves.len().min(MOVES_SHOWN),
        moves_more: moves.len().saturating_sub(MOVES_SHOWN),
        moves,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        mediator,
        mediator_flows: flows,
        alt,
    })
}

fn spec_version(framework: &Framework, bb: &str) -> String {
    framework
        .building_blocks
        .iter()
        .find(|b| b.id == bb)
        .map(|b| b.spec_version.clone())
        .unwrap_or_default()
}
