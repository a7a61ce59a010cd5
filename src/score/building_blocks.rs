//! The Building Block rubric: systems inventory + linked indicators → C1..C4 per BB.
//!
//! In: one BB, the systems listed under it, the state of the national data-exchange layer, the
//! consolidated values of the framework's indicators linked to it, the rubric and the open
//! specifications. Out: each criterion's value (0..4; C3 and C4 may be fractional; `None` when
//! nothing informs it or when the framework declares the criterion not applicable to the BB),
//! the reason in words and the systems or indicators behind it. Pure; systems are sorted by name
//! first, so input order never matters. Not here: combining the criteria into the BB's score,
//! caps and ceilings (`score`), or any file.
//!
//! The rules (docs/method.md, "The Building Blocks", says the same for readers):
//! - C1 takes the best system. Its lifecycle status gives the level; a production system reaches
//!   level 3 (4 with the rubric's coverage) only when it offers the BB as a shared platform: a
//!   capability held inside one line-of-business application (a module) stays at the rubric's
//!   `module_max_level`.
//! - C2 looks at production systems that say how they exchange data. A claim to exchange through
//!   the national data-exchange layer counts in full only while the layer BB itself has a
//!   production platform; otherwise it counts as the rubric's `layer_claim` for the layer's state.
//!   Declared conformance to a listed open specification adds the bonus, never above the mode's
//!   ceiling (so it cannot lift point-to-point exchange to the layer's level).
//! - C4 compares the most-used shared platform with every institution that uses a running system
//!   for the BB: min(step level of the platform's users, 4 × share served). No running platform
//!   is 0; no running system at all leaves C4 without a value.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use crate::definitions::normalise_spelling;
use crate::model::{
    BbRubric, BuildingBlock, CriterionResult, ExchangeMode, InventoryScope, LifecycleStatus,
    OpenSpecification, Step, System, SystemRef,
};

/// How far the national data-exchange layer runs, from its BB's systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayerState {
    /// A production system offers the layer as a shared platform: claims count in full.
    Production,
    /// The best system of the layer is in this status (pilot, planned or legacy; a production
    /// module counts as a pilot: it does not yet serve other institutions).
    Limited(LifecycleStatus),
    /// The inventory lists no system for the layer.
    Absent,
}

impl LayerState {
    /// The state of the layer from the systems listed under its BB.
    pub fn of(layer_bb: &str, systems: &[&System]) -> LayerState {
        let rank = |s: &System| -> (u8, LifecycleStatus) {
            match s.status {
                LifecycleStatus::Production if s.platform_for.iter().any(|b| b == layer_bb) => {
                    (4, LifecycleStatus::Production)
                }
                LifecycleStatus::Production | LifecycleStatus::Pilot => (3, LifecycleStatus::Pilot),
                LifecycleStatus::Legacy => (2, LifecycleStatus::Legacy),
                LifecycleStatus::Planned => (1, LifecycleStatus::Planned),
            }
        };
        match systems.iter().map(|s| rank(s)).max() {
            None => LayerState::Absent,
            Some((_, LifecycleStatus::Production)) => LayerState::Production,
            Some((_, status)) => LayerState::Limited(status),
        }
    }
}

/// What one BB is scored with besides its own systems.
pub struct BbInputs<'a> {
    /// The BB.
    pub bb: &'a BuildingBlock,
    /// The rubric.
    pub rubric: &'a BbRubric,
    /// The data-exchange layer's state.
    pub layer: LayerState,
    /// Spellings of recognised open specifications, normalised, with the name to report.
    pub specifications: &'a [(String, String)],
    /// Whether the inventory lists every system (a BB without one has none) or only those known.
    pub inventory: InventoryScope,
}

/// The four criteria of one BB, in rubric order, and the systems outside its shared platform.
pub struct BbCriteria {
    /// C1..C4.
    pub criteria: Vec<CriterionResult>,
    /// Running systems serving institutions the shared platform does not serve.
    pub siloed_copies: Vec<SystemRef>,
}

/// Every recognised spelling of an open specification, normalised, with the name reports show:
/// the framework's list, and each GovStack BB specification as `GovStack <name>` (with or
/// without `BB` / `Building Block`).
pub fn specification_spellings(
    specifications: &[OpenSpecification],
    catalogue: &[BuildingBlock],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for spec in specifications {
        for name in &spec.names {
            out.push((normalise_spelling(name), spec.name.clone()));
        }
    }
    for bb in catalogue {
        let name = format!("GovStack {} BB {}", bb.name, bb.spec_version);
        for spelling in [
            format!("GovStack {} BB", bb.name),
            format!("GovStack {} Building Block", bb.name),
            format!("GovStack {}", bb.name),
        ] {
            out.push((normalise_spelling(&spelling), name.clone()));
        }
    }
    // Longest spelling first, so that the most specific one names the match.
    out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
    out
}

/// The open specifications a declared standard conforms to: a recognised spelling equal to the
/// declaration, or followed in it by a space (a version, a part).
fn recognised(declared: &str, specifications: &[(String, String)]) -> Option<String> {
    let declared = normalise_spelling(declared);
    specifications
        .iter()
        .find(|(spelling, _)| {
            declared == *spelling
                || declared
                    .strip_prefix(spelling.as_str())
                    .is_some_and(|rest| rest.starts_with(' '))
        })
        .map(|(_, name)| name.clone())
}

/// The recognised open specifications among a system's declared standards, sorted. `known`
/// remembers what each declaration was recognised as: a national inventory repeats a few dozen
/// declarations over thousands of systems, and each is matched against every spelling once.
fn conformance<'s>(
    system: &'s System,
    specifications: &[(String, String)],
    known: &mut HashMap<&'s str, Option<String>>,
) -> Vec<String> {
    let found: BTreeSet<String> = system
        .standards
        .iter()
        .filter_map(|s| {
            known
                .entry(s.as_str())
                .or_insert_with(|| recognised(s, specifications))
                .clone()
        })
        .collect();
    found.into_iter().collect()
}

/// A system as results name it, with whether it is a platform for `bb`.
pub fn system_ref(system: &System, bb: &str) -> SystemRef {
    SystemRef {
        name: system.name.clone(),
        owner: system.owner.clone(),
        status: system.status,
        platform: is_platform(system, bb),
    }
}

fn is_platform(system: &System, bb: &str) -> bool {
    system.platform_for.iter().any(|b| b == bb)
}

/// An institution's name as compared: trimmed, without case. Borrowed when already so, which
/// saves an allocation per name on a national inventory.
fn key(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    // Only ASCII is checked in place: outside it, letters such as titlecase ones change under
    // lowercasing without being uppercase.
    if text.is_ascii() && !text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// The institutions using each system of an inventory (the owner always counts), as sorted
/// lists of numbers that stand for names compared without case; in the order of `systems`.
/// Numbered once for the whole inventory rather than as sets of names per BB: a national
/// inventory lists a hundred thousand systems, and comparing numbers is what keeps C4 cheap there.
pub fn number_institutions(systems: &[System]) -> Vec<Vec<u32>> {
    let mut numbers: HashMap<Cow<'_, str>, u32> = HashMap::new();
    // The number of each name as written: an inventory repeats its institutions' names spelled
    // the same way, and looking them up as written saves lowercasing each one again.
    let mut as_written: HashMap<&str, u32> = HashMap::new();
    systems
        .iter()
        .map(|system| {
            let mut list: Vec<u32> = std::iter::once(&*system.owner)
                .chain(system.used_by.iter().map(String::as_str))
                .map(|name| {
                    *as_written.entry(name).or_insert_with(|| {
                        let next = numbers.len() as u32;
                        *numbers.entry(key(name)).or_insert(next)
                    })
                })
                .collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect()
}

/// A system listed under a BB, with the institutions that use it ([`number_institutions`]).
#[derive(Clone, Copy)]
pub struct Listed<'s> {
    /// The system.
    pub system: &'s System,
    /// Its institutions' numbers, sorted.
    pub institutions: &'s [u32],
}

/// Whether every number of `sorted` is in `of` (both sorted).
fn is_subset(sorted: &[u32], of: &[u32]) -> bool {
    sorted.iter().all(|n| of.binary_search(n).is_ok())
}

/// Scores the four criteria of a BB. `systems` are those listed under it; `linked` are the ids
/// and values of the framework indicators that list it (values after consolidation; `None` for
/// indicators without a level).
pub fn score_criteria(
    listed: &[Listed<'_>],
    linked: &[(&str, Option<f64>)],
    inputs: &BbInputs<'_>,
) -> BbCriteria {
    let mut listed: Vec<Listed<'_>> = listed.to_vec();
    listed.sort_by(|a, b| (&a.system.name, &a.system.owner).cmp(&(&b.system.name, &b.system.owner)));
    let systems: Vec<&System> = listed.iter().map(|l| l.system).collect();
    let bb = inputs.bb.id.as_str();

    // A partial inventory (a desk review) that lists no system for the BB does not say the
    // country has none: C1 and C2 have no value rather than 0.
    let unknown = systems.is_empty() && inputs.inventory == InventoryScope::Partial;
    let (c1, c2) = if unknown {
        let why = "no system in the inventory, which lists only the systems known".to_string();
        ((None, why.clone(), Vec::new()), (None, why, Vec::new()))
    } else {
        (
            exists(&systems, bb, inputs.rubric),
            interoperable(&systems, inputs),
        )
    };
    let c3 = governance(linked);
    let (c4, siloed_copies) = shared(&listed, bb, inputs.rubric);

    let values = [c1, c2, c3, c4];
    let criteria = inputs
        .rubric
        .criteria
        .iter()
        .zip(values)
        .map(|(criterion, (value, basis, evidence))| {
            let not_applicable = inputs.bb.criteria_not_applicable.get(&criterion.id);
            CriterionResult {
                id: criterion.id.clone(),
                title: criterion.title.clone(),
                weight: criterion.weight,
                value: if not_applicable.is_some() { None } else { value },
                not_applicable: not_applicable.is_some(),
                basis: match not_applicable {
                    Some(reason) => format!("not applicable: {reason}"),
                    None => basis,
                },
                evidence: if not_applicable.is_some() {
                    Vec::new()
                } else {
                    evidence
                },
            }
        })
        .collect();
    BbCriteria {
        criteria,
        siloed_copies,
    }
}

type Criterion = (Option<f64>, String, Vec<String>);

/// C1 level of one system for `bb`.
fn exists_level(s: &System, bb: &str, rubric: &BbRubric) -> u8 {
    let rule = &rubric.exists;
    let base = rule.status_levels.get(&s.status).copied().unwrap_or(0);
    if !is_platform(s, bb) {
        return base.min(rule.module_max_level);
    }
    let reaches = s
        .coverage
        .is_some_and(|c| super::decision_key(c) >= super::decision_key(rule.advanced_min_coverage));
    if s.status == LifecycleStatus::Production && reaches {
        crate::model::MAX_LEVEL
    } else {
        base
    }
}

fn exists(systems: &[&System], bb: &str, rubric: &BbRubric) -> Criterion {
    if systems.is_empty() {
        return (Some(0.0), "no system in the inventory".to_string(), Vec::new());
    }
    let best = systems
        .iter()
        .map(|s| exists_level(s, bb, rubric))
        .max()
        .unwrap_or(0);
    let best_systems: Vec<&&System> = systems
        .iter()
        .filter(|s| exists_level(s, bb, rubric) == best)
        .collect();
    let first = best_systems[0];
    let coverage = first
        .coverage
        .map(|c| {
            format!(
                ", {} % coverage",
                crate::ingest::table::format_number((c * 1000.0).round() / 10.0)
            )
        })
        .unwrap_or_default();
    let kind = if is_platform(first, bb) {
        "shared platform"
    } else {
        "module"
    };
    let basis = format!("best system: {} ({}, {kind}{coverage})", first.name, first.status);
    (
        Some(f64::from(best)),
        basis,
        best_systems.iter().map(|s| s.name.to_string()).collect(),
    )
}

/// The exchange mode a system's declared mode counts as, given the layer's state.
fn counted_mode(mode: ExchangeMode, inputs: &BbInputs<'_>) -> ExchangeMode {
    if mode != ExchangeMode::DataExchangeLayer {
        return mode;
    }
    let rule = &inputs.rubric.interoperable;
    match inputs.layer {
        LayerState::Production => mode,
        LayerState::Limited(status) => rule
            .layer_claim
            .get(&status)
            .copied()
            .unwrap_or(rule.layer_absent),
        LayerState::Absent => rule.layer_absent,
    }
}

fn interoperable(systems: &[&System], inputs: &BbInputs<'_>) -> Criterion {
    let production: Vec<&&System> = systems
        .iter()
        .filter(|s| s.status == LifecycleStatus::Production)
        .collect();
    if production.is_empty() {
        return (Some(0.0), "no production system".to_string(), Vec::new());
    }
    let rule = &inputs.rubric.interoperable;
    let mut known = HashMap::new();
    let levels: Vec<(u8, &System, ExchangeMode, Vec<String>)> = production
        .iter()
        .filter_map(|s| {
            let declared = s.exchange?;
            let mode = counted_mode(declared, inputs);
            let base = rule.exchange_levels.get(&mode).copied().unwrap_or(0);
            let ceiling = rule
                .standards_ceiling
                .get(&mode)
                .copied()
                .unwrap_or(base)
                .max(base);
            let specs = conformance(s, inputs.specifications, &mut known);
            let bonus = if specs.is_empty() { 0 } else { rule.standards_bonus };
            Some(((base + bonus).min(ceiling), **s, mode, specs))
        })
        .collect();
    let Some(best) = levels.iter().map(|(l, ..)| *l).max() else {
        return (
            None,
            "no production system says how it exchanges data".to_string(),
            Vec::new(),
        );
    };
    // Among the systems at the best level, name first one whose layer claim was discounted, so
    // that the basis shows the layer's state wherever it held the BB back.
    let mut best_systems: Vec<&(u8, &System, ExchangeMode, Vec<String>)> =
        levels.iter().filter(|(l, ..)| *l == best).collect();
    best_systems.sort_by_key(|(_, s, mode, _)| s.exchange == Some(*mode));
    let (_, first, mode, specs) = best_systems[0];
    let layer_state = match inputs.layer {
        LayerState::Limited(status) => status.code(),
        _ => "absent",
    };
    let declared = first.exchange.unwrap_or(ExchangeMode::None);
    let counted = if declared == *mode {
        declared.code().to_string()
    } else {
        format!(
            "{}, counted as {} while the data-exchange layer is {layer_state}",
            declared.code(),
            mode.code(),
        )
    };
    let standards = if specs.is_empty() {
        String::new()
    } else {
        format!(", conforms to {}", specs.join("; "))
    };
    let discounted = levels
        .iter()
        .filter(|(_, s, mode, _)| s.exchange != Some(*mode))
        .count();
    let note = if discounted > 0 && declared == *mode {
        format!(
            "; {discounted} system(s) exchanging through the data-exchange layer count as {} while it is {layer_state}",
            counted_mode(ExchangeMode::DataExchangeLayer, inputs).code()
        )
    } else {
        String::new()
    };
    let basis = format!(
        "best production system: {} ({counted}{standards}){note}",
        first.name
    );
    (
        Some(f64::from(best)),
        basis,
        best_systems.iter().map(|(_, s, ..)| s.name.to_string()).collect(),
    )
}

fn governance(linked: &[(&str, Option<f64>)]) -> Criterion {
    let mut known: Vec<(&str, f64)> = linked.iter().filter_map(|(id, v)| v.map(|v| (*id, v))).collect();
    if known.is_empty() {
        let basis = if linked.is_empty() {
            "no indicator is linked to this Building Block"
        } else {
            "no linked indicator has a level"
        };
        return (None, basis.to_string(), Vec::new());
    }
    known.sort_by(|a, b| a.0.cmp(b.0));
    let mut values: Vec<f64> = known.iter().map(|(_, v)| *v).collect();
    values.sort_by(f64::total_cmp);
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    (
        Some(mean),
        format!("mean value of {} linked indicator(s)", known.len()),
        known.iter().map(|(id, _)| id.to_string()).collect(),
    )
}

/// The level of the last step whose minimum is reached.
fn step_level(steps: &[Step], count: u32) -> u8 {
    steps
        .iter()
        .rfind(|s| count >= s.min)
        .map(|s| s.level)
        .unwrap_or(0)
}

fn shared(listed: &[Listed<'_>], bb: &str, rubric: &BbRubric) -> (Criterion, Vec<SystemRef>) {
    let (running, user_sets): (Vec<&System>, Vec<&[u32]>) = listed
        .iter()
        .filter(|l| l.system.status != LifecycleStatus::Planned)
        .map(|l| (l.system, l.institutions))
        .unzip();
    if running.is_empty() {
        return ((None, "no running system".to_string(), Vec::new()), Vec::new());
    }
    let institution_count = {
        let mut all: Vec<u32> = user_sets.iter().flat_map(|set| set.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    };
    // The most-used running platform; the first by name among equals.
    let platform = running
        .iter()
        .copied()
        .zip(&user_sets)
        .filter(|(s, _)| is_platform(s, bb))
        .fold(None::<(&System, &[u32])>, |best, (s, set)| match best {
            Some((_, m)) if m.len() >= set.len() => best,
            _ => Some((s, set)),
        });
    let Some((platform, platform_users)) = platform else {
        let basis = format!(
            "no running system is a shared platform; {} institution(s) hold the capability in their own applications",
            institution_count
        );
        let siloed: Vec<SystemRef> = running.iter().map(|s| system_ref(s, bb)).collect();
        return (
            (
                Some(0.0),
                basis,
                running
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.owner))
                    .collect(),
            ),
            siloed,
        );
    };
    let served = platform_users.len();
    let share = served as f64 / institution_count as f64;
    let by_reach = f64::from(step_level(&rubric.shared.platform_user_steps, served as u32));
    let by_share = f64::from(crate::model::MAX_LEVEL) * share;
    let value = if super::decision_key(by_share) < super::decision_key(by_reach) {
        by_share
    } else {
        by_reach
    };
    let outside: Vec<&System> = running
        .iter()
        .copied()
        .zip(&user_sets)
        .filter(|(s, set)| !std::ptr::eq(*s, platform) && !is_subset(set, platform_users))
        .map(|(s, _)| s)
        .collect();
    let basis = format!(
        "{} serves {served} of the {} institutions using a system for this Building Block",
        platform.name, institution_count
    );
    let mut evidence = vec![platform.name.to_string()];
    evidence.extend(outside.iter().map(|s| format!("{} ({})", s.name, s.owner)));
    (
        (Some(value), basis, evidence),
        outside.iter().map(|s| system_ref(s, bb)).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowRef;

    fn system(owner: &str, used_by: &[&str]) -> System {
        System {
            name: "Registry".into(),
            owner: owner.into(),
            building_blocks: vec!["registration".to_string()],
            status: LifecycleStatus::Production,
            coverage: None,
            exchange: None,
            standards: Vec::new(),
            hosting: None,
            open_source: None,
            used_by: used_by.iter().map(|u| u.to_string()).collect(),
            platform_for: Vec::new(),
            source: RowRef {
                file: "systems.csv".into(),
                sheet: None,
                row: 2,
            },
        }
    }

    #[test]
    fn institutions_are_one_number_per_name_compared_trimmed_and_without_case() {
        let systems = [
            system("Ministry of Health", &["NIA", " nia ", "Tax Board"]),
            system("ministry of health", &["MINISTRY OF HEALTH", "Tax Board"]),
            system("Ïle Agency", &["ïle agency", "Statistics Office"]),
        ];
        // Health 0, NIA 1, Tax Board 2; Ïle Agency 3, Statistics Office 4.
        assert_eq!(
            number_institutions(&systems),
            vec![vec![0, 1, 2], vec![0, 2], vec![3, 4]]
        );
    }
}
