//! Roadmap: gaps + the framework's action library → a dependency-aware, capacity-aware schedule.
//!
//! In: the action library and its catalogues (cost classes, programmes, outcomes), each item's
//! current level (indicators and BBs with data), targets and interim targets, the priority rank of
//! each gap, the role → institution map, each owner role's capacity (how many actions it can run
//! at once), the assessment's restated costs and outcome figures, and a scenario's deferrals and
//! drops. Out: a [`Roadmap`]: the schedule, what is beyond the horizon and why, indicative costs
//! (`costs`), programmes with milestones and outcome targets (`programmes`), interim targets met or
//! missed, the target architecture with the actions carrying it out (`architecture`) and, from
//! [`plan_with`], the scores projected year by year (`projection`). Pure and
//! deterministic: no clock, no randomness, ties broken by id.
//! Not here: choosing targets or priorities (`score` does), reading a scenario file
//! (`definitions::scenario`), or rendering (`report`).
//!
//! How it plans:
//! 1. **What is needed**: for every item below target with a known level, the actions that raise it
//!    past its current level up to its target (or up to the first rung above the target when the
//!    library jumps past it); then, transitively, every prerequisite not already
//!    met (an action raising Y to k is met when Y is already at k or above). Items whose actions
//!    never reach the target are listed as uncovered; items without a level as having no data.
//! 2. **Order**: a topological order of the needed actions; among those ready, earlier phase first,
//!    then the higher-priority gap, then the lower level, then id.
//! 3. **When**: each action starts in the first month at or after the end of all it waits for, and
//!    at or after the start of all that must be under way (its soft prerequisites), in which its
//!    owner role still has capacity for every month of its effort.
//! 4. **Phase**: an action's own phase, or later if something it waits for sits in a later phase.
//! 5. **Gates**: a phase the framework gates starts no earlier than the month by which its share
//!    of the previous phase's planned actions have ended.
//! 6. **Horizon**: an action that cannot end within the planning horizon is not scheduled (it
//!    takes no capacity) and is listed as beyond the horizon with its reason; so is everything
//!    that waits for it, and what a scenario drops.
//! 7. **What it costs, organises and buys**: ranges summed by year, phase, role, programme and
//!    funding type; milestones dated by the actions that reach them; outcome and interim targets
//!    read off the schedule; the scored tree recombined year by year with the delivered levels.
//! 8. **The target architecture** (`architecture`): a decision per Building Block proposed from the
//!    inventory and the scores; its transition actions (consolidate, retire, connect) and the
//!    library actions only they need are planned after everything the gaps need, so a target never
//!    changes the gap-closing plan; each decision then lists its actions, span and order.

pub mod architecture;
pub mod costs;
pub mod programmes;
pub mod projection;
pub mod safeguards;
pub mod services;

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;

use crate::definitions::actions::{prerequisites, under_way_prerequisites};
use crate::model::{
    Action, ActionCost, Assessment, BbResult, BeyondHorizon, BeyondReason, CostClasses, CostRange, Framework,
    InterimCheck, InterimDue, InterimTarget, Kpi, NodeStatus, Outcome, OutcomeBaseline, OutcomeFigure, Phase,
    PhaseSpan, PlannedAction, PlannedKpi, Results, Roadmap, Scenario, ServicePriority, TargetArchitecture,
    UncoveredGap,
};

/// Concurrent actions an owner role runs when the assessment does not say.
pub const DEFAULT_CAPACITY: u32 = 3;

/// Months a roadmap plans for when the assessment does not say: five years, the span of a
/// national digital strategy and of most donor programmes.
pub const DEFAULT_HORIZON_MONTHS: u32 = 60;

/// What the planner needs to know about the assessment.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    /// Current level of each indicator and BB that has one.
    pub levels: HashMap<String, u8>,
    /// Target level of each indicator and BB (after overrides).
    pub targets: HashMap<String, u8>,
    /// Priority rank of each gap (1 = highest).
    pub ranks: HashMap<String, u32>,
    /// Role id → institution.
    pub institutions: IndexMap<String, String>,
    /// Role id → concurrent actions; roles not listed get [`DEFAULT_CAPACITY`].
    pub capacity: IndexMap<String, u32>,
    /// Role id → phase → concurrent actions, where it differs from `capacity`.
    pub capacity_by_phase: IndexMap<String, std::collections::BTreeMap<Phase, u32>>,
    /// Months the plan may take; none for [`DEFAULT_HORIZON_MONTHS`].
    pub horizon_months: Option<u32>,
    /// The assessment's own cost classes; none for the framework's.
    pub costs: Option<CostClasses>,
    /// Outcome id → today's figure.
    pub outcome_figures: IndexMap<String, OutcomeFigure>,
    /// Action id → the month before which it may not start (a scenario's deferrals).
    pub not_before: HashMap<String, u32>,
    /// Actions left out of the plan (a scenario's drops).
    pub dropped: BTreeSet<String>,
    /// Interim targets, with the plan month a calendar year's end falls in.
    pub interim_targets: Vec<(InterimTarget, Option<u32>)>,
    /// The target architecture proposed for the assessment (its decisions' actions are filled in
    /// by the plan).
    pub architecture: Option<TargetArchitecture>,
    /// The transition actions the target implies: always needed, scheduled beside the library's.
    pub transition: Vec<Action>,
}

/// The planner's input for a scored assessment: levels and targets of every indicator and BB,
/// gap ranks from the results, and the role → institution map and capacities of assessment.yaml.
pub fn input_for(results: &Results, assessment: &Assessment) -> PlanInput {
    let mut input = PlanInput {
        institutions: assessment.workspace.roles.clone(),
        capacity: assessment.workspace.capacity.clone(),
        capacity_by_phase: assessment.workspace.capacity_by_phase.clone(),
        horizon_months: assessment.workspace.horizon_months,
        costs: assessment.workspace.costs.clone(),
        outcome_figures: assessment.workspace.outcomes.clone(),
        ..PlanInput::default()
    };
    // Month 1 is the month after the assessment: December of year y is month
    // (y − its year) × 12 + 12 − its month.
    let date = assessment.workspace.assessment_date;
    input.interim_targets = assessment
        .workspace
        .interim_targets
        .iter()
        .map(|target| {
            let month = match target.due {
                InterimDue::Year(year) => {
                    Some(((year - date.year) * 12 + 12 - i32::from(date.month)).max(0) as u32)
                }
                InterimDue::Phase(_) => None,
            };
            (target.clone(), month)
        })
        .collect();
    for pillar in &results.pillars {
        for indicator in pillar.dimensions.iter().flat_map(|d| &d.indicators) {
            if let Some(level) = indicator.node.level {
                input.levels.insert(indicator.id.clone(), level);
            }
            // Not-applicable indicators have no gap to close.
            if indicator.node.status != NodeStatus::NotApplicable {
                input.targets.insert(indicator.id.clone(), indicator.target);
            }
        }
        for bb in &pillar.building_blocks {
            if let Some(level) = bb.node.level {
                input.levels.insert(bb.id.clone(), level);
            }
            input.targets.insert(bb.id.clone(), bb.target);
        }
    }
    for gap in &results.gaps {
        input.ranks.insert(gap.id.clone(), gap.rank);
    }
    if let Some((target, transition)) = architecture::propose(results, assessment) {
        input.architecture = Some(target);
        input.transition = transition;
    }
    for outcome in &assessment.framework.outcomes {
        if !input.outcome_figures.contains_key(&outcome.id)
            && let Some(figure) = reported_figure(results, assessment, outcome)
        {
            input.outcome_figures.insert(outcome.id.clone(), figure);
        }
    }
    input
}

/// An outcome's figure as the respondents reported it: the median of the readings given to the
/// questions that measure its indicator on the outcome's own thresholds (a question whose
/// thresholds differ measures something else, or in another unit, and is not used). For an even
/// number of readings, the mean of the two middle ones.
fn reported_figure(results: &Results, assessment: &Assessment, outcome: &Outcome) -> Option<OutcomeFigure> {
    let same_scale = |thresholds: &[f64; 4]| {
        outcome.levels.iter().all(|(&level, &value)| {
            usize::from(level)
                .checked_sub(1)
                .and_then(|i| thresholds.get(i))
                .is_some_and(|&t| crate::model::decision_key(t) == crate::model::decision_key(value))
        })
    };
    let questions: Vec<&str> = assessment
        .questionnaires
        .iter()
        .flat_map(|q| &q.questions)
        .filter(|q| q.indicator == outcome.indicator && q.thresholds.as_ref().is_some_and(same_scale))
        .map(|q| q.id.as_str())
        .collect();
    let indicator = results
        .pillars
        .iter()
        .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
        .find(|i| i.id == outcome.indicator)?;
    let mut values: Vec<f64> = indicator
        .answers
        .iter()
        .filter(|a| questions.contains(&a.question_id.as_str()))
        .filter_map(|a| a.reading.as_ref().map(|r| r.value))
        .collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let median = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    Some(OutcomeFigure {
        value: median,
        year: Some(assessment.workspace.assessment_date.year),
        source: None,
        answers: Some(n as u32),
    })
}

/// Plans a scored assessment's roadmap and ranks its services against it: what both the
/// `roadmap` command and the report show.
pub fn plan_assessment(results: &Results, assessment: &Assessment) -> (Roadmap, Vec<ServicePriority>) {
    plan_with(results, assessment, &input_for(results, assessment))
}

/// The planner's input changed as a scenario says: its deferrals, drops, horizon and capacities
/// replace or add to the assessment's.
pub fn apply_scenario(input: &mut PlanInput, scenario: &Scenario) {
    for (id, &month) in &scenario.start_after {
        let entry = input.not_before.entry(id.clone()).or_insert(0);
        *entry = (*entry).max(month);
    }
    input.dropped.extend(scenario.dropped.iter().cloned());
    if scenario.horizon_months.is_some() {
        input.horizon_months = scenario.horizon_months;
    }
    for (role, &n) in &scenario.capacity {
        input.capacity.insert(role.clone(), n);
    }
    for (role, phases) in &scenario.capacity_by_phase {
        let entry = input.capacity_by_phase.entry(role.clone()).or_default();
        for (&phase, &n) in phases {
            entry.insert(phase, n);
        }
    }
}

/// Plans a scored assessment from a prepared input (a scenario's variant of [`input_for`]), with
/// the projection of its scores year by year, and ranks the services against it.
pub fn plan_with(
    results: &Results,
    assessment: &Assessment,
    input: &PlanInput,
) -> (Roadmap, Vec<ServicePriority>) {
    let mut roadmap = plan(&assessment.framework, input);
    roadmap.projection = projection::project(results, &roadmap.actions, roadmap.horizon_months.div_ceil(12));
    roadmap.safeguards = safeguards::review(&assessment.framework, results, &roadmap.actions);
    let bbs: Vec<BbResult> = results
        .pillars
        .iter()
        .flat_map(|p| p.building_blocks.iter().cloned())
        .collect();
    let services = services::prioritise(&assessment.services, &bbs, &roadmap);
    (roadmap, services)
}

/// Plans the roadmap.
pub fn plan(framework: &Framework, input: &PlanInput) -> Roadmap {
    // The library's actions, then the target architecture's transition actions.
    let actions: std::borrow::Cow<'_, [Action]> = if input.transition.is_empty() {
        std::borrow::Cow::Borrowed(&framework.actions)
    } else {
        std::borrow::Cow::Owned(
            framework
                .actions
                .iter()
                .chain(&input.transition)
                .cloned()
                .collect(),
        )
    };
    let actions: &[Action] = &actions;
    let needs = prerequisites(actions);
    let under_way = under_way_prerequisites(actions);
    // A transition action is never done: it changes systems, not a level.
    let done =
        |a: &Action| a.transition.is_none() && input.levels.get(&a.raises).is_some_and(|&l| l >= a.to_level);

    // 1. What is needed, item by item in id order (deterministic), then prerequisites.
    let mut items: Vec<(&String, &u8)> = input.targets.iter().collect();
    items.sort();
    let mut needed = vec![false; actions.len()];
    let mut serves: Vec<Option<u32>> = vec![None; actions.len()];
    let mut uncovered = Vec::new();
    let mut no_data = Vec::new();
    for (item, &target) in items {
        let Some(&level) = input.levels.get(item) else {
            no_data.push(item.clone());
            continue;
        };
        if level >= target {
            continue;
        }
        let ladder: Vec<usize> = (0..actions.len())
            .filter(|&i| actions[i].transition.is_none() && &actions[i].raises == item)
            .collect();
        let reachable = ladder.iter().map(|&i| actions[i].to_level).max().unwrap_or(0);
        // The lowest rung at or above the target: a library may jump past it (an action to 3
        // when the target is 2), and that action is then what closes the gap.
        let top = ladder
            .iter()
            .map(|&i| actions[i].to_level)
            .filter(|&l| l >= target)
            .min()
            .unwrap_or(target);
        for &i in &ladder {
            if actions[i].to_level > level && actions[i].to_level <= top {
                needed[i] = true;
                serves[i] = input.ranks.get(item).copied();
            }
        }
        if reachable < target {
            uncovered.push(UncoveredGap {
                id: item.clone(),
                level,
                target,
                reachable,
            });
        }
    }
    // What the gaps need: their actions and, transitively, every prerequisite not already met.
    let close = |needed: &mut Vec<bool>, mut stack: Vec<usize>| {
        while let Some(i) = stack.pop() {
            for &j in needs[i].iter().chain(&under_way[i]) {
                if !needed[j] && !done(&actions[j]) {
                    needed[j] = true;
                    stack.push(j);
                }
            }
        }
    };
    let gap_actions: Vec<usize> = (0..actions.len()).filter(|&i| needed[i]).collect();
    close(&mut needed, gap_actions);
    // Then the target architecture's transition actions, always needed, with what they need that
    // the gaps do not: both are planned after everything the gaps need.
    let for_gaps = needed.clone();
    let transition: Vec<usize> = (0..actions.len())
        .filter(|&i| actions[i].transition.is_some())
        .collect();
    for &i in &transition {
        needed[i] = true;
    }
    close(&mut needed, transition);
    let after_gaps: Vec<bool> = (0..actions.len()).map(|i| needed[i] && !for_gaps[i]).collect();

    // 2–4. Order, schedule and phase, in topological order.
    let waits: Vec<Vec<usize>> = (0..actions.len())
        .map(|i| needs[i].iter().copied().filter(|&j| needed[j]).collect())
        .collect();
    // Soft prerequisites in the plan: they must have started, not ended.
    let after_start: Vec<Vec<usize>> = (0..actions.len())
        .map(|i| under_way[i].iter().copied().filter(|&j| needed[j]).collect())
        .collect();
    let mut remaining: Vec<usize> = (0..actions.len())
        .map(|i| waits[i].len() + after_start[i].len())
        .collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); actions.len()];
    for i in 0..actions.len() {
        if needed[i] {
            for &j in waits[i].iter().chain(&after_start[i]) {
                dependents[j].push(i);
            }
        }
    }
    // What only the target architecture needs comes after everything the gaps need: the gaps are
    // planned first, exactly as without a target, and the transition fills the capacity left.
    // Nothing the gaps need waits for it, so the gaps' actions are scheduled in full before the
    // first of it comes up.
    let key = |i: usize, phase: Phase| {
        (
            after_gaps[i],
            phase,
            serves[i].unwrap_or(u32::MAX),
            actions[i].to_level,
            actions[i].id.clone(),
            i,
        )
    };
    let mut phase: Vec<Phase> = actions.iter().map(|a| a.phase).collect();
    let mut ready: BTreeSet<(bool, Phase, u32, u8, String, usize)> = (0..actions.len())
        .filter(|&i| needed[i] && remaining[i] == 0)
        .map(|i| key(i, phase[i]))
        .collect();
    let horizon = input.horizon_months.unwrap_or(DEFAULT_HORIZON_MONTHS);
    let mut end: Vec<u32> = vec![0; actions.len()];
    let mut start: Vec<u32> = vec![0; actions.len()];
    let mut busy: HashMap<(&str, u32), u32> = HashMap::new();
    let mut planned: Vec<usize> = Vec::new();
    // Actions beyond the horizon, in the order met, with why and the wait that decided it.
    let mut beyond: Vec<(usize, BeyondReason, Option<u32>, Option<usize>)> = Vec::new();
    let mut is_beyond = vec![false; actions.len()];
    // Each phase's gate (the month before which its actions cannot start), computed when its first
    // action comes up: by then every action of an earlier phase that the gaps need is scheduled,
    // since phases only grow along prerequisites and the earliest phase ready goes first. Gates
    // count only what the gaps need (what the transition adds comes after it all).
    let mut gates: HashMap<Phase, u32> = HashMap::new();
    while let Some(entry) = ready.pop_first() {
        let i = entry.5;
        let a = &actions[i];
        // The owner's capacity in the phase the action runs in, else its capacity, else the default.
        let capacity = input
            .capacity_by_phase
            .get(&a.owner)
            .and_then(|by_phase| by_phase.get(&phase[i]))
            .or_else(|| input.capacity.get(&a.owner))
            .copied()
            .unwrap_or(DEFAULT_CAPACITY)
            .max(1);
        let effort = a.effort_months.max(1);
        if input.dropped.contains(&a.id) {
            is_beyond[i] = true;
            beyond.push((i, BeyondReason::Dropped, None, None));
        } else if let Some(&blocked) = waits[i].iter().chain(&after_start[i]).find(|&&j| is_beyond[j]) {
            is_beyond[i] = true;
            beyond.push((i, BeyondReason::WaitsBeyond, None, Some(blocked)));
        } else {
            // What sets its earliest start: the latest end of what it waits for, or the latest
            // start of what must be under way.
            let constraints = || {
                waits[i]
                    .iter()
                    .map(|&j| (end[j], j))
                    .chain(after_start[i].iter().map(|&j| (start[j], j)))
            };
            let latest = constraints()
                .max_by_key(|&(month, j)| (month, std::cmp::Reverse(j)))
                .map(|(_, j)| j);
            let earliest = constraints().map(|(month, _)| month).max().unwrap_or(0);
            let gate = match gates.get(&phase[i]) {
                Some(&gate) => gate,
                None => {
                    let for_gaps: Vec<usize> = planned.iter().copied().filter(|&j| !after_gaps[j]).collect();
                    let gate = phase_gate(framework, phase[i], &for_gaps, &phase, &end);
                    gates.insert(phase[i], gate);
                    gate
                }
            };
            let deferred_to = input.not_before.get(&a.id).copied().unwrap_or(0);
            let mut s = earliest.max(gate).max(deferred_to);
            while (s..s + effort).any(|m| busy.get(&(a.owner.as_str(), m)).copied().unwrap_or(0) >= capacity)
            {
                s += 1;
            }
            if s + effort > horizon {
                let reason = if earliest.max(gate) + effort <= horizon && deferred_to + effort > horizon {
                    BeyondReason::Deferred
                } else if earliest.max(gate) + effort <= horizon {
                    BeyondReason::Capacity
                } else if earliest + effort <= horizon {
                    BeyondReason::PhaseGate
                } else if latest.is_none_or(|j| actions[j].raises == a.raises) {
                    BeyondReason::TargetAmbition
                } else {
                    BeyondReason::PrerequisiteChain
                };
                is_beyond[i] = true;
                beyond.push((i, reason, Some(earliest + effort), None));
            } else {
                for m in s..s + effort {
                    *busy.entry((a.owner.as_str(), m)).or_insert(0) += 1;
                }
                start[i] = s;
                end[i] = s + effort;
                planned.push(i);
            }
        }
        for &d in &dependents[i] {
            phase[d] = phase[d].max(phase[i]);
            remaining[d] -= 1;
            if remaining[d] == 0 {
                ready.insert(key(d, phase[d]));
            }
        }
    }

    // The institution holding a role: the assessment's `roles:` map, else the role's title.
    let institution = |role: &str| {
        input.institutions.get(role).cloned().unwrap_or_else(|| {
            framework
                .roles
                .iter()
                .find(|r| r.id == role)
                .map(|r| r.title.clone())
                .unwrap_or_else(|| role.to_string())
        })
    };
    let mut out: Vec<PlannedAction> = planned
        .iter()
        .map(|&i| {
            let a = &actions[i];
            let mut waits_for: Vec<String> = waits[i].iter().map(|&j| actions[j].id.clone()).collect();
            waits_for.sort();
            let mut under_way_with: Vec<String> =
                after_start[i].iter().map(|&j| actions[j].id.clone()).collect();
            under_way_with.sort();
            PlannedAction {
                id: a.id.clone(),
                title: a.title.clone(),
                raises: a.raises.clone(),
                to_level: a.to_level,
                owner_role: a.owner.clone(),
                owner: institution(&a.owner),
                contributor_roles: a.contributors.clone(),
                contributors: a.contributors.iter().map(|r| institution(r)).collect(),
                start_month: start[i],
                end_month: end[i],
                phase: phase[i],
                waits_for,
                under_way_with,
                priority_rank: serves[i],
                programme: a.programme.clone(),
                principles: framework
                    .safeguards
                    .iter()
                    .flat_map(|s| &s.principles)
                    .filter(|p| p.indicators.contains(&a.raises))
                    .map(|p| p.id.clone())
                    .collect(),
                cost: a.cost.as_ref().and_then(|class| {
                    let classes = input.costs.as_ref().or(framework.costs.as_ref())?;
                    let found = classes.classes.iter().find(|c| &c.id == class)?;
                    Some(ActionCost {
                        class: class.clone(),
                        range: CostRange {
                            low: found.low,
                            high: found.high,
                        },
                    })
                }),
                funding: a.funding.clone(),
                kpis: a
                    .kpis
                    .iter()
                    .filter_map(|kpi| planned_kpi(framework, input, a, kpi))
                    .collect(),
                standards: a.standards.clone(),
                transition: a.transition,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.start_month, a.phase, &a.id).cmp(&(b.start_month, b.phase, &b.id)));

    let phases: Vec<PhaseSpan> = Phase::ALL
        .iter()
        .filter_map(|&p| {
            let members: Vec<&PlannedAction> = out.iter().filter(|a| a.phase == p).collect();
            let first = members.iter().map(|a| a.start_month).min()?;
            let last = members.iter().map(|a| a.end_month).max()?;
            Some(PhaseSpan {
                phase: p,
                start_month: first,
                end_month: last,
                actions: members.len() as u32,
                gate_month: framework.phase_gates.get(&p).and(gates.get(&p).copied()),
            })
        })
        .collect();
    let months = out.iter().map(|a| a.end_month).max().unwrap_or(0);
    let beyond_horizon: Vec<BeyondHorizon> = beyond
        .into_iter()
        .map(|(i, reason, earliest_end_month, blocked)| {
            let a = &actions[i];
            BeyondHorizon {
                id: a.id.clone(),
                title: a.title.clone(),
                raises: a.raises.clone(),
                to_level: a.to_level,
                owner_role: a.owner.clone(),
                owner: institution(&a.owner),
                effort_months: a.effort_months.max(1),
                reason,
                earliest_end_month,
                waits_for: blocked.map(|j| actions[j].id.clone()),
            }
        })
        .collect();
    let interim_targets = input
        .interim_targets
        .iter()
        .map(|(target, year_end)| {
            let due_month = match target.due {
                InterimDue::Year(_) => *year_end,
                InterimDue::Phase(phase) => phases.iter().find(|p| p.phase == phase).map(|p| p.end_month),
            };
            let today = input.levels.get(&target.item).copied();
            // A phase without planned actions is never reached: the item stays at today's level.
            let planned_level = match due_month {
                Some(month) => programmes::level_by(&out, &target.item, month, today),
                None => today,
            };
            InterimCheck {
                due: target.due,
                due_month,
                item: target.item.clone(),
                level: target.level,
                planned_level,
                met: planned_level.is_some_and(|l| l >= target.level),
            }
        })
        .collect();
    let costs = costs::summarise(framework, input, &out);
    let programmes = programmes::plan_programmes(framework, input, &out, &beyond_horizon);
    let outcomes = programmes::track_outcomes(framework, input, &out, &phases);
    let architecture = input.architecture.clone().map(|mut target| {
        architecture::link(&mut target, &out, &beyond_horizon);
        target
    });
    Roadmap {
        actions: out,
        phases,
        months,
        horizon_months: horizon,
        beyond_horizon,
        uncovered,
        no_data,
        costs,
        programmes,
        outcomes,
        projection: Vec::new(),
        interim_targets,
        safeguards: None,
        architecture,
    }
}

/// An action's KPI as the plan states it: a measure as the library gives it, or an outcome with
/// today's figure (or its indicator's level) and the value marking the level the action reaches.
fn planned_kpi(framework: &Framework, input: &PlanInput, action: &Action, kpi: &Kpi) -> Option<PlannedKpi> {
    match kpi {
        Kpi::Measure {
            measure,
            baseline,
            target,
        } => Some(PlannedKpi::Measure {
            measure: measure.clone(),
            baseline: baseline.clone(),
            target: target.clone(),
        }),
        Kpi::Outcome { outcome } => {
            let found = framework.outcomes.iter().find(|o| &o.id == outcome)?;
            Some(PlannedKpi::Outcome {
                outcome: outcome.clone(),
                title: found.title.clone(),
                unit: found.unit.clone(),
                baseline: outcome_baseline(input, outcome, &found.indicator),
                target: *found.levels.get(&action.to_level)?,
            })
        }
    }
}

/// Today's state of an outcome: the assessment's figure, if any, and its indicator's level.
pub(crate) fn outcome_baseline(input: &PlanInput, outcome: &str, indicator: &str) -> OutcomeBaseline {
    let figure = input.outcome_figures.get(outcome);
    OutcomeBaseline {
        level: input.levels.get(indicator).copied(),
        value: figure.map(|f| f.value),
        year: figure.and_then(|f| f.year),
        source: figure.and_then(|f| f.source.clone()),
        answers: figure.and_then(|f| f.answers),
    }
}

/// The month (counted as `start_month` is) before which the actions of `phase` cannot start: when
/// the framework gates it, the month by which its share of the nearest earlier phase's planned
/// actions have ended; 0 for a phase not gated, or with no earlier phase in the plan.
fn phase_gate(
    framework: &Framework,
    phase: Phase,
    planned: &[usize],
    phase_of: &[Phase],
    end: &[u32],
) -> u32 {
    let Some(&share) = framework.phase_gates.get(&phase) else {
        return 0;
    };
    let Some(previous) = Phase::ALL
        .iter()
        .copied()
        .filter(|&p| p < phase)
        .rev()
        .find(|&p| planned.iter().any(|&i| phase_of[i] == p))
    else {
        return 0;
    };
    let mut ends: Vec<u32> = planned
        .iter()
        .filter(|&&i| phase_of[i] == previous)
        .map(|&i| end[i])
        .collect();
    ends.sort_unstable();
    // The k-th end, k = ⌈share × n⌉, decided on the decision key of share × n (docs/method.md §1),
    // not on how a binary float rounds: 0.3 × 10 is 3 ends, not 4.
    let n = ends.len();
    let units = 10i64.pow(crate::model::DECISION_DECIMALS);
    let k = (crate::model::decision_key(share * n as f64) + units - 1) / units;
    // An earlier phase's own gate needs no separate bound: its actions end after they start.
    ends[(k.max(1) as usize).min(n) - 1]
}
