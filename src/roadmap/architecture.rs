//! The target architecture: the systems inventory and the BB scores → one decision per Building
//! Block (the platform, what consolidates onto it, what is retired, what connects through the
//! information mediator), the transition actions that carry the decisions out, and, once the plan
//! is scheduled, each decision's actions, order and the services it unblocks.
//!
//! In: the framework (rules, each BB's shape and candidate products, the action library), the
//! assessment (systems, services, the country's `architecture.yaml` choices) and the results (each
//! BB's level, score, coverage and siloed copies). Out: a [`TargetArchitecture`] and the transition
//! [`Action`]s the planner schedules beside the library's. Pure and deterministic: ties are broken
//! by name. The rules are stated in `docs/method.md` ("Target architecture").
//! Not here: scheduling (the parent module), reading the architecture file (`definitions`), or
//! wording and drawing (`report`).

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::messages::tf;
use crate::model::{
    Action, ArchitectureChanges, ArchitectureRules, Assessment, BbDecision, BbResult, BeyondHorizon,
    CountryDecision, DecisionRule, ExchangeMode, Framework, Kpi, LifecycleStatus, PlannedAction,
    PlatformChoice, Results, System, SystemEntry, TargetArchitecture, TargetShape, TransitionKind,
    TransitionTemplate,
};

/// A BB's decision before retirements and connections, which look across every BB.
struct Draft<'a> {
    bb: &'a crate::model::BuildingBlock,
    shape: TargetShape,
    choice: PlatformChoice,
    rule: DecisionRule,
    platform: Option<&'a System>,
    consolidate: Vec<&'a System>,
    stays: Vec<&'a System>,
    kept: Vec<SystemEntry>,
    kept_separate: Vec<crate::model::KeptSystem>,
    reason: Option<String>,
    product: Option<String>,
    result: Option<&'a BbResult>,
}

/// What a decision's platform is called: the system extended, the product the country chose, or
/// `the shared … platform` while the product is open.
pub fn platform_label(d: &BbDecision) -> String {
    match (&d.platform, &d.product) {
        (Some(p), _) => p.name.clone(),
        (None, Some(product)) => product.clone(),
        (None, None) => tf("arch-shared-platform", &[("bb", (&d.name).into())]),
    }
}

/// The id of a BB's transition action of a kind: `arch-<bb>-<kind>`.
pub fn transition_id(bb: &str, kind: TransitionKind) -> String {
    format!("arch-{bb}-{}", kind.code())
}

fn entry(system: &System) -> SystemEntry {
    SystemEntry {
        name: system.name.to_string(),
        owner: system.owner.to_string(),
    }
}

/// How strongly a system makes the case for being the platform: running before planned, then
/// the most using institutions, then production before pilot, then coverage; the name breaks ties.
fn platform_rank(system: &System) -> (bool, usize, bool, i64) {
    (
        system.status != LifecycleStatus::Planned,
        system.used_by.len(),
        system.status == LifecycleStatus::Production,
        system.coverage.map_or(-1, crate::model::decision_key),
    )
}

/// Proposes the target for every BB that has a shape, and the transition actions it implies.
/// None when the framework has no architecture rules.
pub fn propose(results: &Results, assessment: &Assessment) -> Option<(TargetArchitecture, Vec<Action>)> {
    let framework = &assessment.framework;
    let rules = framework.architecture.as_ref()?;
    let scored: HashMap<&str, &BbResult> = results
        .pillars
        .iter()
        .flat_map(|p| &p.building_blocks)
        .map(|b| (b.id.as_str(), b))
        .collect();
    let country: HashMap<&str, &CountryDecision> = assessment
        .architecture
        .iter()
        .flat_map(|c| &c.decisions)
        .map(|d| (d.bb.as_str(), d))
        .collect();

    let mut decisions = Vec::new();
    for bb in &framework.building_blocks {
        let Some(shape) = bb.shape else { continue };
        let listed: Vec<&System> = assessment
            .systems
            .iter()
            .filter(|s| s.building_blocks.iter().any(|b| b == &bb.id))
            .collect();
        let is_platform =
            |s: &System| s.platform_for.iter().any(|b| b == &bb.id) && s.status != LifecycleStatus::Legacy;
        let mut platforms: Vec<&System> = listed.iter().copied().filter(|s| is_platform(s)).collect();
        platforms.sort_by(|a, b| {
            platform_rank(b)
                .cmp(&platform_rank(a))
                .then_with(|| a.name.cmp(&b.name))
        });
        let proposed_platform = platforms.first().copied();
        let chosen = country.get(bb.id.as_str()).copied();

        // The platform: the country's choice, else the best shared system, else a product.
        let (choice, platform, rule) = match chosen.and_then(|c| c.choice) {
            Some(PlatformChoice::Extend) => {
                let name = chosen.and_then(|c| c.system.as_deref()).unwrap_or_default();
                let system = listed.iter().copied().find(|s| &*s.name == name);
                (PlatformChoice::Extend, system, DecisionRule::Country)
            }
            Some(other) => (other, None, DecisionRule::Country),
            None => match proposed_platform {
                Some(p) if p.status == LifecycleStatus::Planned => {
                    (PlatformChoice::Extend, Some(p), DecisionRule::PlannedPlatform)
                }
                Some(p) => (PlatformChoice::Extend, Some(p), DecisionRule::RunningPlatform),
                None if bb.candidates.is_empty() => (PlatformChoice::Build, None, DecisionRule::BuildNew),
                None => (PlatformChoice::Adopt, None, DecisionRule::AdoptCandidate),
            },
        };
        let kept_separate = chosen.map(|c| c.keep_separate.clone()).unwrap_or_default();
        let separate = |s: &System| kept_separate.iter().any(|k| k.name == *s.name);

        let mut consolidate = Vec::new();
        let mut stays: Vec<&System> = Vec::new();
        let mut kept = Vec::new();
        for &system in &listed {
            if platform.is_some_and(|p| std::ptr::eq(p, system)) {
                stays.push(system);
                continue;
            }
            if separate(system) {
                stays.push(system);
                continue;
            }
            let moves = match shape {
                TargetShape::Single => true,
                TargetShape::Platform | TargetShape::Hosting => !is_platform(system),
                TargetShape::Federated => false,
            };
            if moves {
                consolidate.push(system);
            } else {
                if is_platform(system) {
                    kept.push(entry(system));
                }
                stays.push(system);
            }
        }
        let result = scored.get(bb.id.as_str());
        decisions.push(Draft {
            bb,
            shape,
            choice,
            rule,
            platform,
            consolidate,
            stays,
            kept,
            kept_separate,
            reason: chosen.map(|c| c.reason.clone()),
            product: chosen.and_then(|c| c.product.clone()),
            result: result.copied(),
        });
    }

    // A system moves off entirely (and is retired) only when every BB it is listed under moves it;
    // it connects once, under the first BB (framework order) it stays in.
    let moved_under: HashMap<&str, Vec<&str>> = {
        let mut map: HashMap<&str, Vec<&str>> = HashMap::new();
        for d in &decisions {
            for s in &d.consolidate {
                map.entry(&*s.name).or_default().push(d.bb.id.as_str());
            }
        }
        map
    };
    let retired = |s: &System| {
        let moved = moved_under.get(&*s.name).map_or(0, Vec::len);
        let shaped = s
            .building_blocks
            .iter()
            .filter(|b| {
                framework
                    .building_blocks
                    .iter()
                    .any(|f| &f.id == *b && f.shape.is_some())
            })
            .count();
        moved > 0 && moved == shaped
    };
    let mut retire_listed: Vec<&str> = Vec::new();
    let mut connect_listed: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let mut actions = Vec::new();
    let mut changes = ArchitectureChanges::default();
    for Draft {
        bb,
        shape,
        choice,
        rule,
        platform,
        consolidate,
        stays,
        kept,
        kept_separate,
        reason,
        product,
        result,
    } in decisions
    {
        let mut retire = Vec::new();
        for s in &consolidate {
            if retired(s) && !retire_listed.contains(&&*s.name) {
                retire_listed.push(&s.name);
                retire.push(entry(s));
            }
        }
        let mut connect = Vec::new();
        let mut connected = Vec::new();
        let joins_mediator = bb.id != rules.mediator && shape != TargetShape::Hosting;
        if joins_mediator {
            for s in stays.iter().filter(|s| s.status == LifecycleStatus::Production) {
                if connect_listed.contains(&&*s.name) || retired(s) {
                    continue;
                }
                connect_listed.push(&s.name);
                if s.exchange == Some(ExchangeMode::DataExchangeLayer) {
                    connected.push(entry(s));
                } else {
                    connect.push(entry(s));
                }
            }
        }
        let consolidate: Vec<SystemEntry> = consolidate.iter().map(|s| entry(s)).collect();
        let standards: Vec<String> = {
            let mut all: Vec<String> = Vec::new();
            for a in framework.actions.iter().filter(|a| a.raises == bb.id) {
                for s in &a.standards {
                    if !all.contains(s) {
                        all.push(s.clone());
                    }
                }
            }
            all
        };
        if choice != PlatformChoice::Extend {
            changes.new_platforms += 1;
        }
        changes.consolidations += consolidate.len() as u32;
        changes.retirements += retire.len() as u32;
        changes.connections += connect.len() as u32;
        let decision = BbDecision {
            bb: bb.id.clone(),
            name: bb.name.clone(),
            shape,
            choice,
            rule,
            platform: platform.map(entry),
            platform_status: platform.map(|p| p.status),
            product,
            candidates: bb.candidates.clone(),
            consolidate,
            retire,
            connect,
            connected,
            kept,
            kept_separate,
            specification: crate::definitions::library::govstack_specification_name(&bb.name),
            specification_url: bb.spec_url.clone(),
            standards,
            level: result.and_then(|r| r.node.level),
            score: result.and_then(|r| r.node.score),
            target: result.map_or(bb.target, |r| r.target),
            coverage: listed_coverage(&assessment.systems, &bb.id),
            siloed: result.map_or(0, |r| r.siloed_copies.len() as u32),
            country_reason: reason,
            actions: Vec::new(),
            beyond_horizon: Vec::new(),
            order: None,
            start_month: None,
            end_month: None,
            unblocks: result.map(|r| r.needed_by_services.clone()).unwrap_or_default(),
        };
        if !decision.changes_anything() {
            changes.unchanged += 1;
        }
        actions.extend(transition_actions(framework, rules, &decision));
        out.push(decision);
    }
    Some((
        TargetArchitecture {
            mediator: rules.mediator.clone(),
            decisions: out,
            changes,
        },
        actions,
    ))
}

/// The best coverage any system listed under the BB reaches.
fn listed_coverage(systems: &[System], bb: &str) -> Option<f64> {
    systems
        .iter()
        .filter(|s| s.building_blocks.iter().any(|b| b == bb))
        .filter_map(|s| s.coverage)
        .max_by(f64::total_cmp)
}

/// The programme the library's actions for a BB belong to (the one most of them name; the first
/// named among equals).
fn programme_of(framework: &Framework, item: &str) -> Option<String> {
    let mut counts: IndexMap<&str, u32> = IndexMap::new();
    for a in framework.actions.iter().filter(|a| a.raises == item) {
        if let Some(p) = &a.programme {
            *counts.entry(p.as_str()).or_insert(0) += 1;
        }
    }
    let best = counts.values().copied().max()?;
    counts
        .iter()
        .find(|(_, n)| **n == best)
        .map(|(p, _)| p.to_string())
}

/// A KPI counting systems from `baseline` to `target`.
fn measure(what: String, baseline: usize, target: usize) -> Kpi {
    Kpi::Measure {
        measure: what,
        baseline: baseline.to_string(),
        target: target.to_string(),
    }
}

/// Systems named in an action's description, at most: a national inventory may move thousands,
/// and the decision (in roadmap.json and architecture.csv) lists every one.
const NAMED_IN_DESCRIPTION: usize = 10;

fn names(systems: &[SystemEntry]) -> String {
    let named = systems
        .iter()
        .take(NAMED_IN_DESCRIPTION)
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if systems.len() > NAMED_IN_DESCRIPTION {
        tf(
            "arch-systems-more",
            &[
                ("names", named.into()),
                ("count", (systems.len() - NAMED_IN_DESCRIPTION).into()),
            ],
        )
    } else {
        named
    }
}

/// The transition actions one decision implies: consolidation onto the platform once it is in
/// production (and the mediator too), retirement after it, connection once the mediator is in
/// production.
fn transition_actions(framework: &Framework, rules: &ArchitectureRules, d: &BbDecision) -> Vec<Action> {
    let target_name = platform_label(d);
    let level_today = d.level.unwrap_or(0);
    let make = |kind: TransitionKind,
                template: &TransitionTemplate,
                title: String,
                description: String,
                requires_actions: Vec<String>,
                requires_levels: IndexMap<String, u8>,
                programme: Option<String>,
                kpi: Kpi| Action {
        id: transition_id(&d.bb, kind),
        title,
        description,
        raises: d.bb.clone(),
        to_level: level_today,
        owner: template.owner.clone(),
        contributors: template.contributors.clone(),
        effort_months: template.effort_months,
        phase: template.phase,
        requires_actions,
        requires_levels,
        under_way_actions: Vec::new(),
        under_way_levels: IndexMap::new(),
        cost: template.cost.clone(),
        funding: template.funding.clone(),
        programme,
        kpis: vec![kpi],
        standards: std::iter::once(d.specification.clone())
            .chain(d.standards.iter().cloned())
            .collect(),
        transition: Some(kind),
    };
    let mut out = Vec::new();
    let own_programme = programme_of(framework, &d.bb);
    if !d.consolidate.is_empty() {
        let mut levels = IndexMap::new();
        levels.insert(d.bb.clone(), rules.platform_level);
        if d.bb != rules.mediator {
            levels.insert(rules.mediator.clone(), rules.platform_level);
        }
        out.push(make(
            TransitionKind::Consolidate,
            &rules.consolidate,
            tf(
                "arch-action-consolidate",
                &[
                    ("count", d.consolidate.len().into()),
                    ("bb", (&d.name).into()),
                    ("platform", (&target_name).into()),
                ],
            ),
            tf(
                "arch-action-consolidate-description",
                &[
                    ("systems", names(&d.consolidate).into()),
                    ("platform", (&target_name).into()),
                ],
            ),
            Vec::new(),
            levels,
            own_programme.clone(),
            measure(
                tf(
                    "arch-kpi-consolidate",
                    &[("bb", (&d.name).into()), ("platform", (&target_name).into())],
                ),
                d.consolidate.len(),
                0,
            ),
        ));
    }
    if !d.retire.is_empty() {
        out.push(make(
            TransitionKind::Retire,
            &rules.retire,
            tf(
                "arch-action-retire",
                &[("count", d.retire.len().into()), ("bb", (&d.name).into())],
            ),
            tf(
                "arch-action-retire-description",
                &[
                    ("systems", names(&d.retire).into()),
                    ("platform", (&target_name).into()),
                ],
            ),
            vec![transition_id(&d.bb, TransitionKind::Consolidate)],
            IndexMap::new(),
            own_programme.clone(),
            measure(
                tf("arch-kpi-retire", &[("bb", (&d.name).into())]),
                d.retire.len(),
                0,
            ),
        ));
    }
    if !d.connect.is_empty() {
        let mut levels = IndexMap::new();
        levels.insert(rules.mediator.clone(), rules.platform_level);
        out.push(make(
            TransitionKind::Connect,
            &rules.connect,
            tf(
                "arch-action-connect",
                &[("count", d.connect.len().into()), ("bb", (&d.name).into())],
            ),
            tf(
                "arch-action-connect-description",
                &[("systems", names(&d.connect).into())],
            ),
            Vec::new(),
            levels,
            programme_of(framework, &rules.mediator),
            measure(
                tf("arch-kpi-connect", &[("bb", (&d.name).into())]),
                0,
                d.connect.len(),
            ),
        ));
    }
    out
}

/// Fills each decision's planned actions (the library's actions raising the BB and its
/// transition actions, in schedule order), the actions beyond the horizon, its span and its place
/// in the sequence (by first start month, then framework order).
pub fn link(target: &mut TargetArchitecture, planned: &[PlannedAction], beyond: &[BeyondHorizon]) {
    for d in &mut target.decisions {
        let mine: Vec<&PlannedAction> = planned.iter().filter(|a| a.raises == d.bb).collect();
        d.actions = mine.iter().map(|a| a.id.clone()).collect();
        d.beyond_horizon = beyond
            .iter()
            .filter(|b| b.raises == d.bb)
            .map(|b| b.id.clone())
            .collect();
        d.start_month = mine.iter().map(|a| a.start_month).min();
        d.end_month = mine.iter().map(|a| a.end_month).max();
    }
    let mut sequence: Vec<(u32, usize)> = target
        .decisions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.start_month.map(|m| (m, i)))
        .collect();
    sequence.sort();
    for (rank, (_, i)) in sequence.into_iter().enumerate() {
        target.decisions[i].order = Some(rank as u32 + 1);
    }
}
