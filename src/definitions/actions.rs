//! The action library of a framework: roles and actions → validated [`Role`]s and [`Action`]s.
//!
//! In: the raw `roles:` and `actions:` sections, and the framework's items (indicators and BBs,
//! with their targets). Out: the model, with every problem reported at its `file:line:col`:
//! unknown references (with "did you mean"), levels and efforts out of range, duplicate ids, and
//! dependency cycles — named in order, e.g. `a → b → a` — through explicit prerequisites, through
//! required levels, and through the ladder of one item (the action to level k needs the item's
//! actions to lower levels). Warnings: a prerequisite in a later phase than the action needing it,
//! and items whose actions never reach their target.
//! Not here: planning (the roadmap stage schedules what this module checks).

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;

use super::did_you_mean;
use super::raw::{Located, RawAction, RawRole};
use super::validate::Checker;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Action, MAX_LEVEL, Role};

/// Longest action a roadmap accepts, in months.
pub const MAX_EFFORT_MONTHS: u32 = 60;

/// Checks the roles: snake_case ids, unique.
pub(super) fn check_roles(c: &mut Checker<'_>, raw: &[Located<RawRole>]) -> Vec<Role> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut roles = Vec::new();
    for role in raw {
        let id = &role.value.id;
        c.snake_id("role", id);
        if !c.first_use("role", id, &mut seen) {
            continue;
        }
        roles.push(Role {
            id: id.value.clone(),
            title: role.value.title.trim().to_string(),
            description: role.value.description.trim().to_string(),
        });
    }
    roles
}

/// Checks the actions against the roles and the framework's items (id → target level).
pub(super) fn check_actions(
    c: &mut Checker<'_>,
    raw: &[Located<RawAction>],
    roles: &[Role],
    items: &BTreeMap<&str, u8>,
    catalogues: &super::library::Catalogues,
) -> Vec<Action> {
    let role_ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    let item_ids: Vec<&str> = items.keys().copied().collect();
    let action_ids: HashSet<&str> = raw.iter().map(|a| a.value.id.value.as_str()).collect();
    let all_action_ids: Vec<&str> = raw.iter().map(|a| a.value.id.value.as_str()).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut actions = Vec::new();

    for located in raw {
        let a = &located.value;
        c.kebab_id("action", &a.id);
        if !seen.insert(&a.id.value) {
            c.error(
                Code::DuplicateId,
                &a.id,
                format!("action `{}` is defined twice", a.id.value),
                "action ids must be unique",
            );
            continue;
        }
        if !items.contains_key(a.raises.value.as_str()) {
            let h = hint(&a.raises.value, &item_ids, "indicator or Building Block ids");
            c.error(
                Code::UnknownReference,
                &a.raises,
                format!(
                    "action `{}` raises `{}`, which is no indicator or Building Block",
                    a.id.value, a.raises.value
                ),
                &h,
            );
        }
        if !(1..=MAX_LEVEL).contains(&a.to_level.value) {
            c.error(
                Code::LevelOutOfRange,
                &a.to_level,
                format!(
                    "action `{}` has to_level {}; it must be 1..4",
                    a.id.value, a.to_level.value
                ),
                "to_level is the level the item reaches when the action is complete",
            );
        }
        if !role_ids.contains(&a.owner.value.as_str()) {
            let h = hint(&a.owner.value, &role_ids, "roles (see `roles:`)");
            c.error(
                Code::UnknownReference,
                &a.owner,
                format!(
                    "action `{}` is owned by `{}`, which is no role",
                    a.id.value, a.owner.value
                ),
                &h,
            );
        }
        let mut contributors_seen: HashSet<&str> = HashSet::new();
        for contributor in &a.contributors {
            if !role_ids.contains(&contributor.value.as_str()) {
                let h = hint(&contributor.value, &role_ids, "roles (see `roles:`)");
                c.error(
                    Code::UnknownReference,
                    contributor,
                    format!(
                        "action `{}` names `{}` as a contributor, which is no role",
                        a.id.value, contributor.value
                    ),
                    &h,
                );
            } else if contributor.value == a.owner.value {
                // One role is accountable; naming it again as a contributor blurs who answers for it.
                c.error(
                    Code::InvalidValue,
                    contributor,
                    format!(
                        "action `{}` names its owner `{}` among its contributors",
                        a.id.value, contributor.value
                    ),
                    "the owner is accountable already; list only the other roles that contribute",
                );
            } else if !contributors_seen.insert(&contributor.value) {
                c.error(
                    Code::DuplicateId,
                    contributor,
                    format!(
                        "action `{}` names the contributor `{}` twice",
                        a.id.value, contributor.value
                    ),
                    "list each contributing role once",
                );
            }
        }
        if !(1..=MAX_EFFORT_MONTHS).contains(&a.effort_months.value) {
            c.error(
                Code::InvalidValue,
                &a.effort_months,
                format!(
                    "action `{}` takes {} months; effort must be 1..{MAX_EFFORT_MONTHS}",
                    a.id.value, a.effort_months.value
                ),
                "split a longer programme into actions that each end with something usable",
            );
        }
        let requires_levels = check_requirements(
            c,
            &a.id.value,
            &a.requires.actions,
            &a.requires.levels,
            "requires",
            (&action_ids, &all_action_ids),
            (items, &item_ids),
        );
        let under_way_levels = check_requirements(
            c,
            &a.id.value,
            &a.requires.under_way.actions,
            &a.requires.under_way.levels,
            "requires.under_way",
            (&action_ids, &all_action_ids),
            (items, &item_ids),
        );
        let fields = super::library::check_action_fields(c, located, catalogues);
        actions.push(Action {
            id: a.id.value.clone(),
            title: a.title.trim().to_string(),
            description: a.description.trim().to_string(),
            raises: a.raises.value.clone(),
            to_level: a.to_level.value,
            owner: a.owner.value.clone(),
            contributors: a.contributors.iter().map(|r| r.value.clone()).collect(),
            effort_months: a.effort_months.value,
            phase: a.phase,
            requires_actions: a.requires.actions.iter().map(|p| p.value.clone()).collect(),
            requires_levels,
            under_way_actions: a
                .requires
                .under_way
                .actions
                .iter()
                .map(|p| p.value.clone())
                .collect(),
            under_way_levels,
            cost: fields.cost,
            funding: fields.funding,
            programme: fields.programme,
            kpis: fields.kpis,
            standards: fields.standards,
            transition: None,
        });
    }

    check_cycles(c, raw, &actions);
    check_phases(c, raw, &actions);
    if !actions.is_empty() {
        check_coverage(c, raw, &actions, items);
    }
    actions
}

/// A hint for an unknown id: the closest known one, or what to name.
fn hint(wanted: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(wanted, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("name one of the framework's {what}"),
    }
}

/// Checks one action's prerequisites of one strength (`requires` or `requires.under_way`): the
/// actions exist and are not the action itself; the items exist and the levels are 1..4. Returns
/// the required levels.
fn check_requirements(
    c: &mut Checker<'_>,
    id: &str,
    required_actions: &[Located<String>],
    required_levels: &IndexMap<String, Located<u8>>,
    key: &str,
    (action_ids, all_action_ids): (&HashSet<&str>, &[&str]),
    (items, item_ids): (&BTreeMap<&str, u8>, &[&str]),
) -> IndexMap<String, u8> {
    for prerequisite in required_actions {
        if prerequisite.value == id {
            c.error(
                Code::DependencyCycle,
                prerequisite,
                format!("action `{id}` requires itself"),
                &format!("remove it from its own {key}.actions"),
            );
        } else if !action_ids.contains(prerequisite.value.as_str()) {
            let h = hint(&prerequisite.value, all_action_ids, "action ids");
            c.error(
                Code::UnknownReference,
                prerequisite,
                format!("action `{id}` requires unknown action `{}`", prerequisite.value),
                &h,
            );
        }
    }
    let mut levels = IndexMap::new();
    for (item, level) in required_levels {
        if !items.contains_key(item.as_str()) {
            let h = hint(item, item_ids, "indicator or Building Block ids");
            c.error(
                Code::UnknownReference,
                level,
                format!(
                    "action `{id}` requires a level of `{item}`, which is no indicator or Building Block"
                ),
                &h,
            );
        }
        if !(1..=MAX_LEVEL).contains(&level.value) {
            c.error(
                Code::LevelOutOfRange,
                level,
                format!(
                    "action `{id}` requires `{item}` at level {}; levels are 1..4",
                    level.value
                ),
                "",
            );
        }
        levels.insert(item.clone(), level.value);
    }
    levels
}

/// Actions by id and by the item they raise, to turn requirements into action indexes.
struct ActionIndex<'a> {
    actions: &'a [Action],
    by_id: HashMap<&'a str, usize>,
    by_item: HashMap<&'a str, Vec<usize>>,
}

impl<'a> ActionIndex<'a> {
    fn new(actions: &'a [Action]) -> Self {
        let mut by_item: HashMap<&str, Vec<usize>> = HashMap::new();
        // A transition action (added by the target architecture) raises no level, so no level
        // requirement is met by it.
        for (i, a) in actions.iter().enumerate().filter(|(_, a)| a.transition.is_none()) {
            by_item.entry(a.raises.as_str()).or_default().push(i);
        }
        ActionIndex {
            actions,
            by_id: actions
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), i))
                .collect(),
            by_item,
        }
    }

    /// The actions named, and the actions raising each item up to its level.
    fn required(&self, named: &[String], levels: &IndexMap<String, u8>) -> Vec<usize> {
        let mut found: Vec<usize> = named
            .iter()
            .filter_map(|p| self.by_id.get(p.as_str()).copied())
            .collect();
        for (item, &level) in levels {
            found.extend(self.raising(item).filter(|&j| self.actions[j].to_level <= level));
        }
        found
    }

    /// The actions raising an item.
    fn raising(&self, item: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_item.get(item).into_iter().flatten().copied()
    }
}

/// Sorts and deduplicates a list of action indexes, without `i` itself.
fn tidy(mut list: Vec<usize>, i: usize) -> Vec<usize> {
    list.retain(|&j| j != i);
    list.sort_unstable();
    list.dedup();
    list
}

/// The actions an action needs before it can start: its explicit prerequisites, the actions
/// raising the same item to lower levels, and the actions raising each required item up to the
/// required level. Indexes into `actions`, sorted.
pub fn prerequisites(actions: &[Action]) -> Vec<Vec<usize>> {
    let index = ActionIndex::new(actions);
    actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut needs = index.required(&a.requires_actions, &a.requires_levels);
            if a.transition.is_none() {
                needs.extend(
                    index
                        .raising(&a.raises)
                        .filter(|&j| actions[j].to_level < a.to_level),
                );
            }
            tidy(needs, i)
        })
        .collect()
}

/// The actions that must have started before an action starts (its soft prerequisites): its
/// `requires.under_way` actions and the actions raising each `under_way` item up to that level,
/// less those it already waits for to end. Indexes into `actions`, sorted.
pub fn under_way_prerequisites(actions: &[Action]) -> Vec<Vec<usize>> {
    let index = ActionIndex::new(actions);
    let hard = prerequisites(actions);
    actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut soft = index.required(&a.under_way_actions, &a.under_way_levels);
            soft.retain(|j| !hard[i].contains(j));
            tidy(soft, i)
        })
        .collect()
}

fn check_cycles(c: &mut Checker<'_>, raw: &[Located<RawAction>], actions: &[Action]) {
    // Soft prerequisites order actions too: one must start before the other.
    let mut needs = prerequisites(actions);
    for (i, soft) in under_way_prerequisites(actions).into_iter().enumerate() {
        needs[i].extend(soft);
        needs[i].sort_unstable();
        needs[i].dedup();
    }
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; actions.len()];
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    let mut found: Vec<(usize, Vec<usize>)> = Vec::new();
    // Iterative depth-first search: libraries have hundreds of actions and chains can be long.
    for start in 0..actions.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        let mut path: Vec<usize> = vec![start];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&target) = needs[node].get(*next) {
                *next += 1;
                match state[target] {
                    0 => {
                        state[target] = 1;
                        stack.push((target, 0));
                        path.push(target);
                    }
                    1 => {
                        let from = path.iter().position(|&n| n == target).unwrap_or(0);
                        let members = path[from..].to_vec();
                        let mut key = members.clone();
                        key.sort_unstable();
                        if reported.insert(key) {
                            found.push((node, members));
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
                path.pop();
            }
        }
    }
    for (closing, members) in found {
        // `members` runs from the action needed back to the one needing it: a → (needs) b → … reads
        // as "a must wait for b", so name it in the order of waiting.
        let mut named: Vec<&str> = members.iter().map(|&i| actions[i].id.as_str()).collect();
        named.push(named[0]);
        let at = &raw[closing].value.id;
        c.error(
            Code::DependencyCycle,
            at,
            format!("actions wait for each other in a cycle: {}", named.join(" → ")),
            "an action waits for its requires.actions, for the actions raising requires.levels items to that level, for its own item's lower levels, and for what requires.under_way says must have started; break one of these links",
        );
    }
}

fn check_phases(c: &mut Checker<'_>, raw: &[Located<RawAction>], actions: &[Action]) {
    let index: HashMap<&str, usize> = actions
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    for (i, a) in actions.iter().enumerate() {
        for p in &a.requires_actions {
            let Some(&j) = index.get(p.as_str()) else { continue };
            if actions[j].phase > a.phase {
                let at = c.at(&raw[i].value.id);
                c.push(
                    Diagnostic::warning(
                        Code::PhaseOrder,
                        at,
                        format!(
                            "action `{}` ({}) requires `{}`, which is in the later phase {}",
                            a.id, a.phase, actions[j].id, actions[j].phase
                        ),
                    )
                    .with_hint("the roadmap moves the action to the later phase; put both in the same phase, or drop the requirement"),
                );
            }
        }
    }
}

fn check_coverage(
    c: &mut Checker<'_>,
    raw: &[Located<RawAction>],
    actions: &[Action],
    items: &BTreeMap<&str, u8>,
) {
    let mut reach: HashMap<&str, u8> = HashMap::new();
    for a in actions {
        let entry = reach.entry(a.raises.as_str()).or_insert(0);
        *entry = (*entry).max(a.to_level);
    }
    let short: Vec<String> = items
        .iter()
        .filter(|(id, target)| reach.get(*id).copied().unwrap_or(0) < **target)
        .map(|(id, target)| {
            format!(
                "{id} (target {target}, actions reach {})",
                reach.get(id).copied().unwrap_or(0)
            )
        })
        .collect();
    if !short.is_empty() {
        let at = c.at(&raw[0].value.id);
        c.push(
            Diagnostic::warning(
                Code::NoAction,
                at,
                format!(
                    "{} item(s) have no action reaching their target: {}",
                    short.len(),
                    short.join(", ")
                ),
            )
            .with_hint(
                "roadmaps list these gaps as having no action; add actions whose to_level reaches the target",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Source, embedded_framework, load_framework};
    use crate::diagnostics::{Code, Diagnostic, Severity};
    use crate::model::Framework;

    const ROLES: &str = "
roles:
  - { id: lead_digital_agency, title: Lead digital agency }
  - { id: justice_ministry, title: Ministry of Justice }
";

    /// The embedded framework with `extra` YAML appended at top level.
    fn load(extra: &str) -> Result<(Framework, Vec<Diagnostic>), Vec<Diagnostic>> {
        let base = embedded_framework("govstack-dpi").unwrap();
        // The framework without its own library and the catalogues around it, so each test sees
        // only the actions it lists (library.rs tests the catalogues).
        let without_library = match base.text.find("\ncosts:\n") {
            Some(at) => &base.text[..at],
            None => base.text.as_str(),
        };
        // Without the dimensions' authorities too: they name roles the test's two do not have.
        let without_authorities: String = without_library
            .lines()
            .filter(|l| !l.trim_start().starts_with("authorities:"))
            .map(|l| format!("{l}\n"))
            .collect();
        let source = Source {
            name: "framework.yaml".into(),
            text: format!("{without_authorities}\n{ROLES}\nactions:\n{extra}"),
        };
        load_framework(&source)
    }

    fn errors(extra: &str) -> Vec<(Code, String)> {
        match load(extra) {
            Ok(_) => Vec::new(),
            Err(found) => found
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| (d.code, d.message))
                .collect(),
        }
    }

    const LADDER: &str = "
  - id: dp-draft
    title: Draft the bill
    raises: law-data-protection
    to_level: 1
    owner: justice_ministry
    effort_months: 6
    phase: foundations
  - id: dp-enact
    title: Enact the law
    raises: law-data-protection
    to_level: 2
    owner: justice_ministry
    effort_months: 9
    phase: foundations
  - id: id-pilot
    title: Pilot the ID platform
    raises: identity
    to_level: 2
    owner: lead_digital_agency
    effort_months: 12
    phase: foundations
    requires:
      levels: { law-data-protection: 2 }
    standards: [OpenID Connect]
";

    #[test]
    fn a_valid_library_loads_with_its_implicit_prerequisites() {
        let (framework, warnings) = load(LADDER).unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(framework.actions.len(), 3);
        assert_eq!(framework.roles.len(), 2);
        let needs = super::prerequisites(&framework.actions);
        // dp-enact waits for dp-draft (same item, lower level); id-pilot for both (level 2 of
        // law-data-protection needs the actions up to level 2).
        assert_eq!(needs, [vec![], vec![0], vec![0, 1]]);
        // Every other item lacks actions reaching its target: one warning lists them.
        assert!(warnings.iter().any(|w| w.code == Code::NoAction));
    }

    #[test]
    fn unknown_references_are_named_with_a_suggestion() {
        let found = errors(
            "
  - id: bad
    title: Bad
    raises: law-data-protecton
    to_level: 5
    owner: justice_ministri
    effort_months: 0
    phase: foundations
    requires:
      actions: [nothing-here]
      levels: { identty: 2 }
",
        );
        let codes: Vec<Code> = found.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            codes,
            [
                Code::UnknownReference,
                Code::LevelOutOfRange,
                Code::UnknownReference,
                Code::InvalidValue,
                Code::UnknownReference,
                Code::UnknownReference
            ],
            "{found:#?}"
        );
        assert_eq!(
            found[0].1,
            "action `bad` raises `law-data-protecton`, which is no indicator or Building Block"
        );
    }

    #[test]
    fn contributors_must_be_roles_other_than_the_owner() {
        let found = match load(
            "
  - id: bad
    title: Bad
    raises: identity
    to_level: 2
    owner: justice_ministry
    contributors: [lead_digital_agncy, justice_ministry]
    effort_months: 3
    phase: foundations
",
        ) {
            Ok(_) => panic!("contributors that are no role or the owner must not load"),
            Err(found) => found,
        };
        let errors: Vec<(Code, &str, Option<&str>)> = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| (d.code, d.message.as_str(), d.hint.as_deref()))
            .collect();
        assert_eq!(
            errors,
            [
                (
                    Code::UnknownReference,
                    "action `bad` names `lead_digital_agncy` as a contributor, which is no role",
                    Some("did you mean `lead_digital_agency`?")
                ),
                (
                    Code::InvalidValue,
                    "action `bad` names its owner `justice_ministry` among its contributors",
                    Some("the owner is accountable already; list only the other roles that contribute")
                ),
            ],
            "{found:#?}"
        );
    }

    #[test]
    fn contributors_reach_the_model() {
        let (framework, _) = load(
            "
  - { id: ok, title: OK, raises: identity, to_level: 2, owner: justice_ministry, contributors: [lead_digital_agency], effort_months: 3, phase: foundations }
",
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(framework.actions[0].contributors, ["lead_digital_agency"]);
    }

    #[test]
    fn cycles_through_prerequisites_and_levels_are_named() {
        let explicit = errors(
            "
  - { id: a, title: A, raises: identity, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { actions: [b] } }
  - { id: b, title: B, raises: payments, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { actions: [a] } }
",
        );
        assert_eq!(explicit.len(), 1, "{explicit:#?}");
        assert_eq!(explicit[0].0, Code::DependencyCycle);
        assert_eq!(explicit[0].1, "actions wait for each other in a cycle: a → b → a");

        // Through levels: identity to 2 needs law-digital-id at 2, whose action needs identity at 2.
        let through_levels = errors(
            "
  - { id: id-2, title: ID, raises: identity, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { levels: { law-digital-id: 2 } } }
  - { id: law-2, title: Law, raises: law-digital-id, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { levels: { identity: 2 } } }
",
        );
        assert_eq!(through_levels.len(), 1, "{through_levels:#?}");
        assert_eq!(
            through_levels[0].1,
            "actions wait for each other in a cycle: id-2 → law-2 → id-2"
        );
    }

    #[test]
    fn soft_prerequisites_are_checked_and_order_actions_like_hard_ones() {
        let found = errors(
            "
  - { id: a, title: A, raises: identity, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { under_way: { actions: [b, nothing-here] } } }
  - { id: b, title: B, raises: payments, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { actions: [a] } }
",
        );
        let messages: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "action `a` requires unknown action `nothing-here`",
                "actions wait for each other in a cycle: a → b → a"
            ],
            "{found:#?}"
        );
        // A soft prerequisite on an item's level names the actions up to that level, less those
        // the action already waits for.
        let (framework, _) = load(
            "
  - { id: dp-draft, title: Draft, raises: law-data-protection, to_level: 1, owner: justice_ministry, effort_months: 6, phase: foundations }
  - { id: dp-enact, title: Enact, raises: law-data-protection, to_level: 2, owner: justice_ministry, effort_months: 12, phase: foundations }
  - { id: pilot, title: Pilot, raises: identity, to_level: 2, owner: lead_digital_agency, effort_months: 12, phase: foundations, requires: { levels: { law-data-protection: 1 }, under_way: { levels: { law-data-protection: 2 } } } }
",
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(super::prerequisites(&framework.actions)[2], [0]);
        assert_eq!(super::under_way_prerequisites(&framework.actions)[2], [1]);
    }

    #[test]
    fn phase_gates_are_shares_of_later_phases() {
        let base = embedded_framework("govstack-dpi").unwrap();
        let text = base.text.replace(
            "phase_gates:\n  priority_services: 0.25",
            "phase_gates:\n  foundations: 0.5\n  priority_services: 1.5",
        );
        assert_ne!(text, base.text, "the embedded framework gates its phases");
        let found = load_framework(&Source {
            name: "framework.yaml".into(),
            text,
        })
        .err()
        .unwrap_or_default();
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "phase_gates names foundations, the first phase, which has no phase before it",
                "the gate of priority_services is 1.5; it is the share of the previous phase's actions that must have ended, more than 0 and at most 1"
            ]
        );
    }

    #[test]
    fn a_specification_address_must_be_a_web_address() {
        let base = embedded_framework("govstack-dpi").unwrap();
        let text = base.text.replace(
            "spec_url: https://specs.govstack.global/identity",
            "spec_url: specs.govstack.global/identity",
        );
        assert_ne!(text, base.text);
        let found = load_framework(&Source {
            name: "framework.yaml".into(),
            text,
        })
        .err()
        .unwrap_or_default();
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["spec_url of `identity` is `specs.govstack.global/identity`, not a web address"]
        );
    }

    #[test]
    fn a_prerequisite_in_a_later_phase_is_a_warning() {
        let (_, warnings) = load(
            "
  - { id: early, title: Early, raises: identity, to_level: 2, owner: justice_ministry, effort_months: 3, phase: foundations, requires: { actions: [late] } }
  - { id: late, title: Late, raises: payments, to_level: 2, owner: justice_ministry, effort_months: 3, phase: scale }
",
        )
        .unwrap_or_else(|e| panic!("{e:#?}"));
        let phase: Vec<&Diagnostic> = warnings.iter().filter(|w| w.code == Code::PhaseOrder).collect();
        assert_eq!(phase.len(), 1);
        assert_eq!(
            phase[0].message,
            "action `early` (foundations) requires `late`, which is in the later phase scale"
        );
    }
}
