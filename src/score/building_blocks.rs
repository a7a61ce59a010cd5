//! The Building Block rubric: systems inventory + linked indicators → C1..C4 per BB.
//!
//! In: one BB, the systems that implement it, the consolidated values of the framework's
//! indicators and the rubric. Out: each criterion's value (0..4, C3 may be fractional, `None` when
//! nothing informs it) with the reason in words and the systems or indicators behind it.
//! Pure; systems are sorted by name first, so input order never matters.
//!
//! Decisions where DESIGN §6 is silent:
//! - C1 takes the best system: its lifecycle status level, or 4 for a production system whose
//!   coverage reaches the rubric's share. A production system with no coverage given stays at 3.
//! - C2 looks at production systems only. A system whose exchange mode is not given is left out;
//!   when no production system gives one, C2 has no value (not 0). Declared standards add the
//!   bonus only to a system that exchanges data at all.
//! - C4 counts running systems (pilot, production, legacy; planned ones run nothing). A system
//!   used by nobody but its owner is a siloed copy; two or more institutions each running one is
//!   duplication, scored by the duplicate steps. Otherwise the most shared system is scored by how
//!   many institutions use it. Several distinct systems that are each widely shared (an advanced
//!   country's registries behind a data-exchange layer) are not duplication. With no running
//!   system, C4 has no value.

use std::collections::BTreeSet;

use crate::model::{BbRubric, CriterionResult, LifecycleStatus, Step, System, SystemRef};

/// The four criteria of one BB, in rubric order, and the siloed copies C4 found.
pub struct BbCriteria {
    /// C1..C4.
    pub criteria: Vec<CriterionResult>,
    /// Running systems of different institutions each used only by its owner (when ≥ 2).
    pub siloed_copies: Vec<SystemRef>,
}

/// A system as results name it.
pub fn system_ref(system: &System) -> SystemRef {
    SystemRef {
        name: system.name.clone(),
        owner: system.owner.clone(),
        status: system.status,
    }
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Institutions using a system, compared without case; the owner always counts.
fn users(system: &System) -> BTreeSet<String> {
    let mut users: BTreeSet<String> = system.used_by.iter().map(|u| key(u)).collect();
    users.insert(key(&system.owner));
    users
}

/// Scores the four criteria of a BB. `systems` are those implementing it; `linked` are the ids
/// and values of the framework indicators that list it (values after consolidation; `None` for
/// indicators without a level).
pub fn score_criteria(systems: &[&System], linked: &[(&str, Option<f64>)], rubric: &BbRubric) -> BbCriteria {
    let mut systems: Vec<&System> = systems.to_vec();
    systems.sort_by(|a, b| (&a.name, &a.owner).cmp(&(&b.name, &b.owner)));

    let (c1, c1_basis, c1_evidence) = exists(&systems, rubric);
    let (c2, c2_basis, c2_evidence) = interoperable(&systems, rubric);
    let (c3, c3_basis, c3_evidence) = governance(linked);
    let (c4, c4_basis, c4_evidence, siloed_copies) = shared(&systems, rubric);

    let values = [
        (c1, c1_basis, c1_evidence),
        (c2, c2_basis, c2_evidence),
        (c3, c3_basis, c3_evidence),
        (c4, c4_basis, c4_evidence),
    ];
    let criteria = rubric
        .criteria
        .iter()
        .zip(values)
        .map(|(criterion, (value, basis, evidence))| CriterionResult {
            id: criterion.id.clone(),
            title: criterion.title.clone(),
            weight: criterion.weight,
            value,
            basis,
            evidence,
        })
        .collect();
    BbCriteria {
        criteria,
        siloed_copies,
    }
}

type Criterion = (Option<f64>, String, Vec<String>);

fn exists(systems: &[&System], rubric: &BbRubric) -> Criterion {
    if systems.is_empty() {
        return (Some(0.0), "no system in the inventory".to_string(), Vec::new());
    }
    let rule = &rubric.exists;
    let level_of = |s: &System| -> u8 {
        let base = rule.status_levels.get(&s.status).copied().unwrap_or(0);
        let reaches = s.coverage.is_some_and(|c| c >= rule.advanced_min_coverage);
        if s.status == LifecycleStatus::Production && reaches {
            4
        } else {
            base
        }
    };
    let best = systems.iter().map(|s| level_of(s)).max().unwrap_or(0);
    let best_systems: Vec<&&System> = systems.iter().filter(|s| level_of(s) == best).collect();
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
    let basis = format!("best system: {} ({}{coverage})", first.name, first.status);
    (
        Some(f64::from(best)),
        basis,
        best_systems.iter().map(|s| s.name.clone()).collect(),
    )
}

fn interoperable(systems: &[&System], rubric: &BbRubric) -> Criterion {
    let production: Vec<&&System> = systems
        .iter()
        .filter(|s| s.status == LifecycleStatus::Production)
        .collect();
    if production.is_empty() {
        return (Some(0.0), "no production system".to_string(), Vec::new());
    }
    let rule = &rubric.interoperable;
    let levels: Vec<(u8, &System)> = production
        .iter()
        .filter_map(|s| {
            let mode = s.exchange?;
            let base = rule.exchange_levels.get(&mode).copied().unwrap_or(0);
            let bonus = if base > 0 && !s.standards.is_empty() {
                rule.standards_bonus
            } else {
                0
            };
            Some(((base + bonus).min(crate::model::MAX_LEVEL), **s))
        })
        .collect();
    let Some(best) = levels.iter().map(|(l, _)| *l).max() else {
        return (
            None,
            "no production system says how it exchanges data".to_string(),
            Vec::new(),
        );
    };
    let best_systems: Vec<&System> = levels
        .iter()
        .filter(|(l, _)| *l == best)
        .map(|(_, s)| *s)
        .collect();
    let first = best_systems[0];
    let standards = if first.standards.is_empty() {
        String::new()
    } else {
        format!(", standards: {}", first.standards.join("; "))
    };
    let basis = format!(
        "best production system: {} ({}{standards})",
        first.name,
        first.exchange.map(|e| e.code()).unwrap_or("none")
    );
    (
        Some(f64::from(best)),
        basis,
        best_systems.iter().map(|s| s.name.clone()).collect(),
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
        format!("mean level of {} linked indicator(s)", known.len()),
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

fn shared(systems: &[&System], rubric: &BbRubric) -> (Option<f64>, String, Vec<String>, Vec<SystemRef>) {
    let running: Vec<&&System> = systems
        .iter()
        .filter(|s| s.status != LifecycleStatus::Planned)
        .collect();
    if running.is_empty() {
        return (None, "no running system".to_string(), Vec::new(), Vec::new());
    }
    let rule = &rubric.shared;
    let siloed: Vec<&&System> = running.iter().copied().filter(|s| users(s).len() <= 1).collect();
    let siloed_owners: BTreeSet<String> = siloed.iter().map(|s| key(&s.owner)).collect();
    if siloed_owners.len() >= 2 {
        let copies = siloed_owners.len() as u32;
        let level = step_level(&rule.duplicate_steps, copies);
        let basis = format!("{copies} institutions each run their own copy, used only by themselves");
        return (
            Some(f64::from(level)),
            basis,
            siloed
                .iter()
                .map(|s| format!("{} ({})", s.name, s.owner))
                .collect(),
            siloed.iter().map(|s| system_ref(s)).collect(),
        );
    }
    let (most_shared, count) = running
        .iter()
        .map(|s| (**s, users(s).len() as u32))
        .fold(None::<(&System, u32)>, |best, (s, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((s, n)),
        })
        .unwrap_or((running[0], 1));
    let level = step_level(&rule.single_system_steps, count);
    let basis = if count <= 1 {
        format!("{} is used only by its owner", most_shared.name)
    } else {
        format!("{} is used by {count} institutions", most_shared.name)
    };
    (
        Some(f64::from(level)),
        basis,
        vec![most_shared.name.clone()],
        Vec::new(),
    )
}
