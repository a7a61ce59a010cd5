//! A roadmap scenario file → a validated [`Scenario`]: the variant of the base plan a steering
//! committee wants to see (programmes or actions deferred or dropped, capacities or the horizon
//! changed).
//!
//! In: the YAML text of a scenario file and the framework it applies to. Out: the scenario, or
//! every problem with its `file:line:col` and a hint (unknown action, programme or role with "did
//! you mean", months out of range). Not here: planning the variant (`roadmap` does, from the
//! planner input this scenario changes).

use indexmap::IndexMap;
use serde::Deserialize;

use super::raw::Located;
use super::{Source, did_you_mean, parse_yaml};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{Framework, Phase, Scenario};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    title: Located<String>,
    #[serde(default)]
    defer: Vec<Located<RawDeferral>>,
    #[serde(default)]
    drop: Vec<Located<RawSelection>>,
    #[serde(default)]
    horizon_months: Option<Located<u32>>,
    #[serde(default)]
    capacity: IndexMap<String, Located<u32>>,
    #[serde(default)]
    capacity_by_phase: IndexMap<String, IndexMap<Phase, Located<u32>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeferral {
    #[serde(default)]
    programme: Option<Located<String>>,
    #[serde(default)]
    action: Option<Located<String>>,
    start_after: Located<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelection {
    #[serde(default)]
    programme: Option<Located<String>>,
    #[serde(default)]
    action: Option<Located<String>>,
}

/// Reads and checks a scenario file against the framework.
pub fn load_scenario(path: &std::path::Path, framework: &Framework) -> Result<Scenario, Vec<Diagnostic>> {
    let source = Source::read(path).map_err(|d| vec![d])?;
    let raw: RawScenario = parse_yaml(&source).map_err(|d| vec![d])?;
    let mut found = Vec::new();
    let at = |line: u32, column: u32| Location::text(&source.name, line, column);
    let mut scenario = Scenario {
        title: raw.title.value.trim().to_string(),
        ..Scenario::default()
    };
    if scenario.title.is_empty() {
        found.push(
            Diagnostic::error(
                Code::MissingValue,
                at(raw.title.line, raw.title.column),
                "the scenario has no title",
            )
            .with_hint("name the variant, e.g. `title: Identity deferred by two years`"),
        );
    }
    let action_ids: Vec<&str> = framework.actions.iter().map(|a| a.id.as_str()).collect();
    let programme_ids: Vec<&str> = framework.programmes.iter().map(|p| p.id.as_str()).collect();
    // The actions a selection names: one action, or every action of a programme.
    let select = |programme: &Option<Located<String>>,
                  action: &Option<Located<String>>,
                  line: u32,
                  column: u32,
                  found: &mut Vec<Diagnostic>|
     -> Vec<String> {
        match (programme, action) {
            (Some(p), None) if programme_ids.contains(&p.value.as_str()) => framework
                .actions
                .iter()
                .filter(|a| a.programme.as_deref() == Some(p.value.as_str()))
                .map(|a| a.id.clone())
                .collect(),
            (Some(p), None) => {
                found.push(unknown(
                    &at(p.line, p.column),
                    "programme",
                    &p.value,
                    &programme_ids,
                ));
                Vec::new()
            }
            (None, Some(a)) if action_ids.contains(&a.value.as_str()) => vec![a.value.clone()],
            (None, Some(a)) => {
                found.push(unknown(&at(a.line, a.column), "action", &a.value, &action_ids));
                Vec::new()
            }
            _ => {
                found.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        at(line, column),
                        "an entry names both a programme and an action, or neither",
                    )
                    .with_hint("write `programme: ID` or `action: ID`, one per entry"),
                );
                Vec::new()
            }
        }
    };
    for deferral in &raw.defer {
        let d = &deferral.value;
        let months = d.start_after.value;
        if months == 0 || months > crate::definitions::workspace::MAX_HORIZON_MONTHS {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at(d.start_after.line, d.start_after.column),
                    format!("start_after is {months}"),
                )
                .with_hint(format!(
                    "start_after is the month after which the actions may start, 1 to {}",
                    crate::definitions::workspace::MAX_HORIZON_MONTHS
                )),
            );
        }
        for id in select(
            &d.programme,
            &d.action,
            deferral.line,
            deferral.column,
            &mut found,
        ) {
            let entry = scenario.start_after.entry(id).or_insert(0);
            *entry = (*entry).max(months);
        }
    }
    for selection in &raw.drop {
        let s = &selection.value;
        for id in select(
            &s.programme,
            &s.action,
            selection.line,
            selection.column,
            &mut found,
        ) {
            if !scenario.dropped.contains(&id) {
                scenario.dropped.push(id);
            }
        }
    }
    if let Some(h) = &raw.horizon_months {
        use crate::definitions::workspace::{MAX_HORIZON_MONTHS, MIN_HORIZON_MONTHS};
        if !(MIN_HORIZON_MONTHS..=MAX_HORIZON_MONTHS).contains(&h.value) {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at(h.line, h.column),
                    format!("horizon_months is {}", h.value),
                )
                .with_hint(format!(
                    "a plan needs {MIN_HORIZON_MONTHS} to {MAX_HORIZON_MONTHS} months"
                )),
            );
        }
        scenario.horizon_months = Some(h.value);
    }
    let role_ids: Vec<&str> = framework.roles.iter().map(|r| r.id.as_str()).collect();
    let check_role = |id: &str, value: &Located<u32>, found: &mut Vec<Diagnostic>| {
        if !role_ids.contains(&id) {
            found.push(unknown(&at(value.line, value.column), "role", id, &role_ids));
        }
        if value.value == 0 {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at(value.line, value.column),
                    format!("capacity of `{id}` is 0"),
                )
                .with_hint("a role runs at least one action at once"),
            );
        }
    };
    for (role, n) in &raw.capacity {
        check_role(role, n, &mut found);
        scenario.capacity.insert(role.clone(), n.value);
    }
    for (role, phases) in &raw.capacity_by_phase {
        for (phase, n) in phases {
            check_role(role, n, &mut found);
            scenario
                .capacity_by_phase
                .entry(role.clone())
                .or_default()
                .insert(*phase, n.value);
        }
    }
    if found.is_empty() {
        Ok(scenario)
    } else {
        crate::diagnostics::sort(&mut found);
        Err(found)
    }
}

fn unknown(location: &Location, what: &str, id: &str, known: &[&str]) -> Diagnostic {
    let hint = match did_you_mean(id, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("name one of the framework's {what} ids"),
    };
    Diagnostic::error(
        Code::UnknownReference,
        location.clone(),
        format!("the scenario names the {what} `{id}`, which the framework does not have"),
    )
    .with_hint(hint)
}
