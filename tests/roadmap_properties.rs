//! The roadmap planner on random action libraries and gaps: no action starts before what it waits
//! for ends, no owner runs more actions than its capacity in any month, every prerequisite is
//! planned or already met, and every gap is either served up to its target or listed as
//! uncovered; an action runs alongside its soft prerequisites, never before they start; with a
//! planning horizon, every planned action ends within it and every other needed
//! action is listed as beyond it with a reason that holds.

use std::collections::HashMap;
use std::sync::OnceLock;

use dpi_assess::definitions::actions::{prerequisites, under_way_prerequisites};
use dpi_assess::definitions::builtin_framework;
use dpi_assess::model::{Action, BeyondReason, CostRange, Framework, Phase, Role};
use dpi_assess::roadmap::{DEFAULT_CAPACITY, PlanInput, plan};
use indexmap::IndexMap;
use proptest::prelude::*;

fn base() -> &'static Framework {
    static BASE: OnceLock<Framework> = OnceLock::new();
    BASE.get_or_init(|| builtin_framework("govstack-dpi").expect("the embedded framework loads"))
}

const ROLES: [&str; 3] = ["agency", "ministry", "regulator"];
/// Cost classes and programmes of the embedded framework, given to the random actions in turn.
const COST_CLASSES: [&str; 5] = ["xs", "s", "m", "l", "xl"];
const PROGRAMMES: [&str; 3] = ["infrastructure", "governance", "identity"];
const PHASES: [Phase; 4] = [
    Phase::Foundations,
    Phase::PriorityServices,
    Phase::Transformation,
    Phase::Scale,
];

/// A random library over the first `items` items of the framework: action i may only wait for
/// actions before it (explicitly, or through a required level of an item), so there is no cycle.
/// One random action: item index, to_level, owner index, effort, phase index, earlier actions it
/// waits for, and an optional required (item index, level).
type RandomAction = (usize, u8, usize, u32, usize, Vec<usize>, Option<(usize, u8)>);

#[derive(Debug, Clone)]
struct Library {
    actions: Vec<RandomAction>,
    levels: Vec<Option<u8>>,
    targets: Vec<u8>,
    capacity: [u32; 3],
}

fn item_ids() -> Vec<String> {
    let f = base();
    f.indicators()
        .map(|(_, _, i)| i.id.clone())
        .take(6)
        .chain(f.building_blocks.iter().take(4).map(|b| b.id.clone()))
        .collect()
}

fn library() -> impl Strategy<Value = Library> {
    let items = 10usize;
    (
        prop::collection::vec(
            (
                0..items,
                1u8..=4,
                0..ROLES.len(),
                1u32..=12,
                0..PHASES.len(),
                prop::collection::vec(any::<prop::sample::Index>(), 0..3),
                prop::option::of((0..items, 1u8..=4)),
            ),
            1..40,
        ),
        prop::collection::vec(prop::option::of(0u8..=4), items),
        prop::collection::vec(0u8..=4, items),
        [1u32..=3, 1u32..=3, 1u32..=3],
    )
        .prop_map(|(raw, levels, targets, capacity)| {
            let actions = raw
                .into_iter()
                .enumerate()
                .map(|(i, (item, to, owner, effort, phase, picks, level_req))| {
                    let earlier: Vec<usize> = if i == 0 {
                        Vec::new()
                    } else {
                        picks.iter().map(|p| p.index(i)).collect()
                    };
                    (item, to, owner, effort, phase, earlier, level_req)
                })
                .collect();
            Library {
                actions,
                levels,
                targets,
                capacity,
            }
        })
}

/// Builds the framework and plan input. Waits point backwards (to earlier actions); ladders can
/// still close a loop, and `acyclic` skips those libraries, as validation rejects them.
fn build(lib: &Library) -> (Framework, PlanInput, Vec<String>) {
    let ids = item_ids();
    let mut framework = base().clone();
    framework.roles = ROLES
        .iter()
        .map(|r| Role {
            id: r.to_string(),
            title: r.to_uppercase(),
            description: String::new(),
        })
        .collect();
    let mut actions: Vec<Action> = Vec::new();
    for (i, (item, to, owner, effort, phase, earlier, level_req)) in lib.actions.iter().enumerate() {
        let mut requires_levels = IndexMap::new();
        if let Some((req_item, req_level)) = level_req {
            // Kept only when no action from i on raises that item to that level or below, so the
            // required level points backwards like the explicit waits.
            let later_conflict = lib.actions[i..]
                .iter()
                .any(|(it, lv, ..)| it == req_item && lv <= req_level);
            if *req_item != *item && !later_conflict {
                requires_levels.insert(ids[*req_item].clone(), *req_level);
            }
        }
        actions.push(Action {
            id: format!("a{i:02}"),
            title: format!("Action {i}"),
            description: String::new(),
            raises: ids[*item].clone(),
            to_level: *to,
            owner: ROLES[*owner].to_string(),
            // Every other action has a contributor; contributors take no capacity.
            contributors: if i % 2 == 1 {
                vec![ROLES[(*owner + 1) % ROLES.len()].to_string()]
            } else {
                Vec::new()
            },
            effort_months: *effort,
            phase: PHASES[*phase],
            requires_actions: earlier.iter().map(|j| format!("a{j:02}")).collect(),
            requires_levels,
            // Every third action runs alongside the one before it (a soft prerequisite: it must
            // have started), unless it already waits for it to end.
            under_way_actions: if i % 3 == 2 && !earlier.contains(&(i - 1)) {
                vec![format!("a{:02}", i - 1)]
            } else {
                Vec::new()
            },
            under_way_levels: IndexMap::new(),
            cost: Some(COST_CLASSES[i % COST_CLASSES.len()].to_string()),
            funding: Some("capital_budget".to_string()),
            programme: Some(PROGRAMMES[i % PROGRAMMES.len()].to_string()),
            kpis: Vec::new(),
            standards: Vec::new(),
            transition: None,
        });
    }
    framework.actions = actions;
    let mut input = PlanInput::default();
    for (k, id) in ids.iter().enumerate() {
        if let Some(level) = lib.levels[k] {
            input.levels.insert(id.clone(), level);
        }
        input.targets.insert(id.clone(), lib.targets[k]);
        input.ranks.insert(id.clone(), k as u32 + 1);
    }
    for (r, role) in ROLES.iter().enumerate() {
        input.capacity.insert(role.to_string(), lib.capacity[r]);
    }
    (framework, input, ids)
}

/// Whether the graph the planner sees has a cycle (a random library may still build one through
/// ladders and explicit waits combined); such libraries are rejected by validation, so skipped.
fn acyclic(framework: &Framework) -> bool {
    // Soft prerequisites order actions too (one must start before the other).
    let mut needs = prerequisites(&framework.actions);
    for (i, soft) in under_way_prerequisites(&framework.actions)
        .into_iter()
        .enumerate()
    {
        needs[i].extend(soft);
    }
    let mut state = vec![0u8; needs.len()];
    fn visit(n: usize, needs: &[Vec<usize>], state: &mut [u8]) -> bool {
        state[n] = 1;
        for &m in &needs[n] {
            if state[m] == 1 || (state[m] == 0 && !visit(m, needs, state)) {
                return false;
            }
        }
        state[n] = 2;
        true
    }
    (0..needs.len()).all(|n| state[n] != 0 || visit(n, &needs, &mut state))
}

proptest! {
    // Random libraries can still loop through an item's ladder and explicit waits; those are
    // skipped (validation rejects them), hence the generous reject budget.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128),
        max_global_rejects: 1_000_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn schedules_respect_prerequisites_capacity_and_cover_every_gap(lib in library()) {
        let (mut framework, mut input, ids) = build(&lib);
        // No practical horizon here: the horizon has a property of its own below.
        input.horizon_months = Some(100_000);
        // The first role runs three actions at once, but one at a time in the foundations and
        // more in the transformation.
        input.capacity.insert(ROLES[0].to_string(), 3);
        input.capacity_by_phase.insert(
            ROLES[0].to_string(),
            [(PHASES[0], 1), (PHASES[2], lib.capacity[1] + 2)].into_iter().collect(),
        );
        // Phase gates as quarters (numerator over 4), varied with the library.
        let quarters = [lib.capacity[0], 2, lib.capacity[2] + 1];
        framework.phase_gates = PHASES[1..]
            .iter()
            .zip(quarters)
            .map(|(&phase, q)| (phase, f64::from(q) / 4.0))
            .collect();
        prop_assume!(acyclic(&framework));
        let roadmap = plan(&framework, &input);
        let by_id: HashMap<&str, _> = roadmap.actions.iter().map(|a| (a.id.as_str(), a)).collect();

        // No action starts before everything it waits for has ended.
        for action in &roadmap.actions {
            for prerequisite in &action.waits_for {
                let p = by_id[prerequisite.as_str()];
                prop_assert!(action.start_month >= p.end_month,
                    "{} starts in month {} but {} ends in month {}", action.id, action.start_month, p.id, p.end_month);
            }
        }

        // No action starts before what must be under way has started.
        for action in &roadmap.actions {
            for soft in &action.under_way_with {
                let p = by_id[soft.as_str()];
                prop_assert!(action.start_month >= p.start_month,
                    "{} starts in month {} before {}, which must be under way, starts in month {}",
                    action.id, action.start_month + 1, p.id, p.start_month + 1);
            }
        }
        // Soft prerequisites in the library are planned (and listed) or already met.
        let soft = under_way_prerequisites(&framework.actions);
        for action in &roadmap.actions {
            let i = framework.actions.iter().position(|a| a.id == action.id).unwrap();
            for &j in &soft[i] {
                let p = &framework.actions[j];
                let met = input.levels.get(&p.raises).is_some_and(|&l| l >= p.to_level);
                prop_assert!(met || action.under_way_with.contains(&p.id),
                    "{} should run alongside {}, which is neither listed nor met", action.id, p.id);
            }
        }

        // A gated phase starts once its share of the nearest earlier phase's actions have ended.
        for (k, (&phase, &q)) in PHASES[1..].iter().zip(&quarters).enumerate() {
            let Some(previous) = PHASES[..=k]
                .iter()
                .rev()
                .find(|&&p| roadmap.actions.iter().any(|a| a.phase == p))
            else {
                continue;
            };
            let mut ends: Vec<u32> = roadmap.actions.iter().filter(|a| a.phase == *previous).map(|a| a.end_month).collect();
            ends.sort_unstable();
            // ⌈n × q / 4⌉, at least 1, on integers.
            let needed = ((ends.len() as u32 * q).div_ceil(4)).max(1) as usize;
            let gate = ends[needed.min(ends.len()) - 1];
            for action in roadmap.actions.iter().filter(|a| a.phase == phase) {
                prop_assert!(action.start_month >= gate,
                    "{} ({phase}) starts after month {} before the gate {gate}", action.id, action.start_month);
            }
        }

        // Every prerequisite in the library is planned or already met.
        let needs = prerequisites(&framework.actions);
        for action in &roadmap.actions {
            let i = framework.actions.iter().position(|a| a.id == action.id).unwrap();
            for &j in &needs[i] {
                let p = &framework.actions[j];
                let met = input.levels.get(&p.raises).is_some_and(|&l| l >= p.to_level);
                prop_assert!(met || by_id.contains_key(p.id.as_str()),
                    "{} needs {} which is neither planned nor met", action.id, p.id);
            }
        }

        // No owner exceeds its capacity in any month. With capacity per phase, an action was
        // booked only while its owner ran fewer actions than its phase allows, so a month holds
        // at most the largest capacity among the phases of the owner's actions running in it.
        let capacity_of = |role: &str, phase: Phase| {
            input
                .capacity_by_phase
                .get(role)
                .and_then(|by_phase| by_phase.get(&phase))
                .or_else(|| input.capacity.get(role))
                .copied()
                .unwrap_or(DEFAULT_CAPACITY)
        };
        let mut busy: HashMap<(&str, u32), (u32, u32)> = HashMap::new();
        for action in &roadmap.actions {
            for month in action.start_month..action.end_month {
                let entry = busy.entry((action.owner_role.as_str(), month)).or_default();
                entry.0 += 1;
                entry.1 = entry.1.max(capacity_of(&action.owner_role, action.phase));
            }
        }
        for ((role, month), (count, capacity)) in busy {
            prop_assert!(count <= capacity, "{role} runs {count} actions in month {month} (capacity {capacity})");
        }

        // Every gap with a known level is served up to its target, or listed as uncovered.
        for id in &ids {
            let (Some(&level), Some(&target)) = (input.levels.get(id), input.targets.get(id)) else { continue };
            if level >= target {
                continue;
            }
            let reached = roadmap.actions.iter().filter(|a| &a.raises == id).map(|a| a.to_level).max().unwrap_or(0);
            let listed = roadmap.uncovered.iter().any(|u| &u.id == id);
            prop_assert!(reached >= target || listed, "{id}: level {level}, target {target}, roadmap reaches {reached} and it is not listed");
        }
        // Items without a level are listed as such, never planned for on their own account.
        for id in &ids {
            if !input.levels.contains_key(id) {
                prop_assert!(roadmap.no_data.contains(id));
            }
        }
    }

    #[test]
    fn a_horizon_holds_every_planned_action_and_lists_the_rest_with_its_reason(
        lib in library(),
        horizon in 1u32..40,
    ) {
        let (framework, mut input, _) = build(&lib);
        prop_assume!(acyclic(&framework));
        // Without a practical limit, the actions the gaps need.
        input.horizon_months = Some(100_000);
        let unlimited = plan(&framework, &input);
        prop_assert!(unlimited.beyond_horizon.is_empty());
        input.horizon_months = Some(horizon);
        let roadmap = plan(&framework, &input);
        prop_assert_eq!(roadmap.horizon_months, horizon);

        // Every planned action ends within the horizon.
        for action in &roadmap.actions {
            prop_assert!(action.end_month <= horizon, "{} ends in month {} > {horizon}", action.id, action.end_month);
        }
        // The needed actions are all accounted for, once: planned or beyond the horizon.
        let mut accounted: Vec<&str> = roadmap
            .actions
            .iter()
            .map(|a| a.id.as_str())
            .chain(roadmap.beyond_horizon.iter().map(|b| b.id.as_str()))
            .collect();
        accounted.sort();
        let mut needed: Vec<&str> = unlimited.actions.iter().map(|a| a.id.as_str()).collect();
        needed.sort();
        prop_assert_eq!(accounted, needed);
        // Nothing planned waits for (or runs alongside) an action beyond the horizon.
        let planned: HashMap<&str, _> = roadmap.actions.iter().map(|a| (a.id.as_str(), a)).collect();
        for action in &roadmap.actions {
            for prerequisite in action.waits_for.iter().chain(&action.under_way_with) {
                prop_assert!(planned.contains_key(prerequisite.as_str()), "{} waits for {prerequisite}, not planned", action.id);
            }
        }
        // Each reason says what is true.
        let beyond: Vec<&str> = roadmap.beyond_horizon.iter().map(|b| b.id.as_str()).collect();
        for b in &roadmap.beyond_horizon {
            match b.reason {
                BeyondReason::Capacity | BeyondReason::PhaseGate => {
                    prop_assert!(b.earliest_end_month.is_some_and(|m| m <= horizon), "{}: {:?}", b.id, b);
                }
                BeyondReason::PrerequisiteChain | BeyondReason::TargetAmbition => {
                    prop_assert!(b.earliest_end_month.is_some_and(|m| m > horizon), "{}: {:?}", b.id, b);
                }
                BeyondReason::Deferred | BeyondReason::Dropped => {
                    prop_assert!(false, "{}: no scenario here, yet {:?}", b.id, b.reason);
                }
                BeyondReason::WaitsBeyond => {
                    let blocker = b.waits_for.as_deref().unwrap_or_default();
                    prop_assert!(beyond.contains(&blocker), "{}: waits for {blocker}, which is not beyond", b.id);
                }
            }
        }
        // No owner exceeds its capacity in any month, with the horizon too.
        let mut busy: HashMap<(&str, u32), u32> = HashMap::new();
        for action in &roadmap.actions {
            for month in action.start_month..action.end_month {
                *busy.entry((action.owner_role.as_str(), month)).or_default() += 1;
            }
        }
        for ((role, month), count) in busy {
            let capacity = input.capacity.get(role).copied().unwrap_or(DEFAULT_CAPACITY);
            prop_assert!(count <= capacity, "{role} runs {count} actions in month {month} (capacity {capacity})");
        }
    }

    #[test]
    fn plans_are_deterministic(lib in library()) {
        let (framework, input, _) = build(&lib);
        prop_assume!(acyclic(&framework));
        prop_assert_eq!(plan(&framework, &input), plan(&framework, &input));
    }

    #[test]
    fn a_scenario_defers_and_drops_what_it_names_and_costs_add_up(lib in library(), drop_index in any::<prop::sample::Index>()) {
        let (framework, mut input, _) = build(&lib);
        prop_assume!(acyclic(&framework));
        input.horizon_months = Some(240);
        // Defer the governance programme to after month 24, and drop one action.
        for action in framework.actions.iter().filter(|a| a.programme.as_deref() == Some("governance")) {
            input.not_before.insert(action.id.clone(), 24);
        }
        let dropped = framework.actions[drop_index.index(framework.actions.len())].id.clone();
        input.dropped.insert(dropped.clone());
        let roadmap = plan(&framework, &input);
        let programme_of: HashMap<&str, Option<&str>> =
            framework.actions.iter().map(|a| (a.id.as_str(), a.programme.as_deref())).collect();
        let planned: HashMap<&str, _> = roadmap.actions.iter().map(|a| (a.id.as_str(), a)).collect();
        for action in &roadmap.actions {
            prop_assert!(action.id != dropped, "{} was dropped, yet planned", action.id);
            if programme_of[action.id.as_str()] == Some("governance") {
                prop_assert!(action.start_month >= 24, "{} starts after month {}, before 24", action.id, action.start_month);
            }
            for prerequisite in action.waits_for.iter().chain(&action.under_way_with) {
                prop_assert!(planned.contains_key(prerequisite.as_str()), "{} waits for {prerequisite}, not planned", action.id);
            }
            for waited in &action.waits_for {
                prop_assert!(planned[waited.as_str()].end_month <= action.start_month);
            }
        }
        for b in &roadmap.beyond_horizon {
            if b.id == dropped {
                prop_assert_eq!(b.reason, BeyondReason::Dropped);
            } else {
                prop_assert!(b.reason != BeyondReason::Dropped, "{} listed as dropped", b.id);
            }
        }
        // Costs: the total is the sum of the planned actions' ranges, and every breakdown adds up
        // to it exactly.
        let costs = roadmap.costs.expect("the embedded framework prices actions");
        let sum = |ranges: Vec<CostRange>| ranges.into_iter().fold(CostRange::default(), CostRange::plus);
        prop_assert_eq!(costs.total, sum(roadmap.actions.iter().filter_map(|a| a.cost.as_ref().map(|c| c.range)).collect()));
        prop_assert_eq!(costs.total, sum(costs.by_year.iter().map(|y| y.range).collect()));
        prop_assert_eq!(costs.total, sum(costs.by_phase.iter().map(|p| p.range).collect()));
        prop_assert_eq!(costs.total, sum(costs.by_role.iter().map(|r| r.range).collect()));
        prop_assert_eq!(costs.total, sum(costs.by_programme.iter().map(|p| p.range).collect()));
        prop_assert_eq!(costs.total, sum(costs.by_funding.iter().map(|f| f.range).collect()));
        for year in &costs.by_year {
            prop_assert!(year.range.low <= year.range.high, "year {}: {:?}", year.year, year.range);
        }
        // A programme's milestones are dated by the planned actions that reach them.
        for programme in &roadmap.programmes {
            for milestone in &programme.milestones {
                if let Some(month) = milestone.month {
                    prop_assert!(roadmap.actions.iter().any(|a| a.raises == milestone.item && a.to_level >= milestone.level && a.end_month == month));
                }
            }
        }
    }
}
