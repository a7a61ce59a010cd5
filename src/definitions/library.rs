//! The catalogues around the action library: cost classes, funding types, programmes, outcome
//! indicators and standards → validated model, and each action's `cost`, `funding`, `programme`,
//! `kpis` and `standards` checked against them.
//!
//! In: the raw sections of framework.yaml and the framework's items (indicators and BBs). Out: the
//! model, every problem at its `file:line:col` with a hint: unknown ids (with "did you mean"),
//! duplicate ids, ranges the wrong way round, outcome thresholds that do not follow the direction
//! that is better, KPIs without a baseline or target, and standards no catalogue lists. A framework
//! that declares a catalogue requires every action to use it (a framework with cost classes needs a
//! cost on every action), so a plan never totals some actions and silently skips others.
//! Not here: the prerequisites and phases of actions (`actions`), or planning (`roadmap`).

use std::collections::{BTreeMap, HashSet};

use super::did_you_mean;
use super::raw::{
    Located, RawAction, RawCosts, RawFundingType, RawKpi, RawOutcome, RawProgramme, RawStandard,
};
use super::validate::Checker;
use crate::diagnostics::Code;
use crate::model::{
    Better, BuildingBlock, CostClass, CostClasses, FundingType, Kpi, MAX_LEVEL, Milestone, Outcome,
    Programme, Risk, Standard,
};

/// The catalogues an action's library fields refer to.
#[derive(Debug, Default)]
pub(super) struct Catalogues {
    pub costs: Option<CostClasses>,
    pub funding_types: Vec<FundingType>,
    pub programmes: Vec<Programme>,
    pub outcomes: Vec<Outcome>,
    /// `None` when the framework has no `standards:` catalogue: action standards are then free text.
    pub standards: Option<Vec<Standard>>,
    /// "GovStack <BB name> BB specification" for every BB: names an action may use without a
    /// catalogue entry, since the BB gives the specification's version and address.
    pub govstack_specifications: Vec<String>,
}

/// The name an action uses for a Building Block's GovStack specification.
pub fn govstack_specification_name(bb_name: &str) -> String {
    format!("GovStack {bb_name} BB specification")
}

/// The closest known id as a hint, or what to name instead.
fn hint(wanted: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(wanted, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("the framework lists no {what}"),
        None => format!("name one of the framework's {what}: {}", known.join(", ")),
    }
}

/// Checks every catalogue; `items` are the indicator and BB ids, `indicators` the indicator ids.
pub(super) fn check_catalogues(
    c: &mut Checker<'_>,
    raw: &super::raw::RawFramework,
    items: &BTreeMap<&str, u8>,
    indicators: &HashSet<&str>,
    building_blocks: &[BuildingBlock],
) -> Catalogues {
    Catalogues {
        costs: raw.costs.as_ref().map(|costs| check_costs(c, costs)),
        funding_types: check_funding_types(c, &raw.funding_types),
        programmes: check_programmes(c, &raw.programmes, items),
        outcomes: check_outcomes(c, raw.outcomes.as_deref().unwrap_or_default(), indicators),
        standards: raw.standards.as_ref().map(|list| check_standards(c, list)),
        govstack_specifications: building_blocks
            .iter()
            .map(|bb| govstack_specification_name(&bb.name))
            .collect(),
    }
}

/// Checks a catalogue entry's id: kebab-case and not seen before in its catalogue. False for a
/// duplicate, which is then skipped.
fn fresh_id<'a>(
    c: &mut Checker<'_>,
    what: &str,
    id: &'a Located<String>,
    seen: &mut HashSet<&'a str>,
) -> bool {
    c.kebab_id(what, id);
    c.first_use(what, id, seen)
}

fn check_costs(c: &mut Checker<'_>, raw: &Located<RawCosts>) -> CostClasses {
    let currency = &raw.value.currency;
    if !is_currency_code(&currency.value) {
        c.error(
            Code::InvalidValue,
            currency,
            format!("the cost currency `{}` is not an ISO 4217 code", currency.value),
            "write three capital letters, e.g. USD, EUR or XOF",
        );
    }
    let mut seen = HashSet::new();
    let mut classes = Vec::new();
    for class in &raw.value.classes {
        let class = &class.value;
        if !fresh_id(c, "cost class", &class.id, &mut seen) {
            continue;
        }
        if class.low.value > class.high.value {
            c.error(
                Code::InvalidValue,
                &class.high,
                format!(
                    "cost class `{}` runs from {} down to {}; `high` must be at least `low`",
                    class.id.value, class.low.value, class.high.value
                ),
                "give the lowest likely cost as `low` and the highest as `high`",
            );
        }
        classes.push(CostClass {
            id: class.id.value.clone(),
            title: class.title.trim().to_string(),
            low: class.low.value,
            high: class.high.value,
            description: class.description.trim().to_string(),
        });
    }
    if raw.value.classes.is_empty() {
        c.error(
            Code::InvalidStructure,
            raw,
            "`costs` lists no classes".to_string(),
            "list at least one class with its `id`, `title`, `low` and `high`",
        );
    }
    CostClasses {
        currency: currency.value.clone(),
        classes,
    }
}

/// Three capital ASCII letters: the shape of an ISO 4217 alphabetic code.
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase())
}

fn check_funding_types(c: &mut Checker<'_>, raw: &[Located<RawFundingType>]) -> Vec<FundingType> {
    let mut seen = HashSet::new();
    let mut types = Vec::new();
    for funding in raw {
        let funding = &funding.value;
        c.snake_id("funding type", &funding.id);
        if !c.first_use("funding type", &funding.id, &mut seen) {
            continue;
        }
        types.push(FundingType {
            id: funding.id.value.clone(),
            title: funding.title.trim().to_string(),
            description: funding.description.trim().to_string(),
        });
    }
    types
}

fn check_programmes(
    c: &mut Checker<'_>,
    raw: &[Located<RawProgramme>],
    items: &BTreeMap<&str, u8>,
) -> Vec<Programme> {
    let item_ids: Vec<&str> = items.keys().copied().collect();
    let mut seen = HashSet::new();
    let mut programmes = Vec::new();
    for programme in raw {
        let p = &programme.value;
        if !fresh_id(c, "programme", &p.id, &mut seen) {
            continue;
        }
        let mut milestones = Vec::new();
        for milestone in &p.milestones {
            let m = &milestone.value;
            if !items.contains_key(m.item.value.as_str()) {
                c.error(
                    Code::UnknownReference,
                    &m.item,
                    format!(
                        "a milestone of programme `{}` names `{}`, which is no indicator or Building Block",
                        p.id.value, m.item.value
                    ),
                    &hint(&m.item.value, &item_ids, "indicator or Building Block ids"),
                );
            }
            if !(1..=MAX_LEVEL).contains(&m.level.value) {
                c.error(
                    Code::LevelOutOfRange,
                    &m.level,
                    format!(
                        "a milestone of programme `{}` is at level {}; it must be 1..4",
                        p.id.value, m.level.value
                    ),
                    "a milestone is reached when the plan brings its item to this level",
                );
            }
            milestones.push(Milestone {
                title: m.title.trim().to_string(),
                item: m.item.value.clone(),
                level: m.level.value,
            });
        }
        let mut risks = Vec::new();
        for risk in &p.risks {
            let r = &risk.value;
            for (text, what) in [(&r.risk, "risk"), (&r.mitigation, "mitigation")] {
                if text.value.trim().is_empty() {
                    c.error(
                        Code::MissingValue,
                        text,
                        format!("a risk of programme `{}` has an empty `{what}`", p.id.value),
                        "say what may go wrong and what usually reduces it",
                    );
                }
            }
            risks.push(Risk {
                risk: r.risk.value.trim().to_string(),
                mitigation: r.mitigation.value.trim().to_string(),
            });
        }
        programmes.push(Programme {
            id: p.id.value.clone(),
            title: p.title.trim().to_string(),
            description: p.description.trim().to_string(),
            milestones,
            risks,
        });
    }
    programmes
}

fn check_outcomes(
    c: &mut Checker<'_>,
    raw: &[Located<RawOutcome>],
    indicators: &HashSet<&str>,
) -> Vec<Outcome> {
    let mut indicator_ids: Vec<&str> = indicators.iter().copied().collect();
    indicator_ids.sort_unstable();
    let mut seen = HashSet::new();
    let mut outcomes = Vec::new();
    for outcome in raw {
        let o = &outcome.value;
        if !fresh_id(c, "outcome", &o.id, &mut seen) {
            continue;
        }
        if !indicators.contains(o.indicator.value.as_str()) {
            c.error(
                Code::UnknownReference,
                &o.indicator,
                format!(
                    "outcome `{}` is read against `{}`, which is no indicator",
                    o.id.value, o.indicator.value
                ),
                &hint(&o.indicator.value, &indicator_ids, "indicator ids"),
            );
        }
        let better = match o.better.value.as_str() {
            "higher" => Better::Higher,
            "lower" => Better::Lower,
            other => {
                c.error(
                    Code::InvalidValue,
                    &o.better,
                    format!("outcome `{}` has better: `{other}`", o.id.value),
                    "write `higher` (more is better) or `lower` (less is better)",
                );
                Better::Higher
            }
        };
        if o.source.value.trim().is_empty() {
            c.error(
                Code::MissingValue,
                &o.source,
                format!("outcome `{}` names no source", o.id.value),
                "name who publishes the figure, e.g. the ITU or the national statistics office",
            );
        }
        let mut levels = BTreeMap::new();
        for (&level, value) in &o.levels {
            if !(1..=MAX_LEVEL).contains(&level) {
                c.error(
                    Code::LevelOutOfRange,
                    value,
                    format!(
                        "outcome `{}` gives a value for level {level}; levels are 1..4",
                        o.id.value
                    ),
                    "key each value by the indicator level it marks",
                );
            } else if !value.value.is_finite() {
                c.error(
                    Code::InvalidValue,
                    value,
                    format!("outcome `{}` has no finite value for level {level}", o.id.value),
                    "write a number",
                );
            } else {
                levels.insert(level, value.value);
            }
        }
        if levels.is_empty() {
            c.error(
                Code::MissingValue,
                outcome,
                format!("outcome `{}` gives no value for any level", o.id.value),
                "give the value that marks each level, e.g. `levels: {2: 70, 3: 85, 4: 95}`",
            );
        }
        // A higher level must be a better value, or the targets would move the wrong way.
        let values: Vec<(u8, f64)> = levels.iter().map(|(&l, &v)| (l, v)).collect();
        for pair in values.windows(2) {
            let ((low_level, low), (high_level, high)) = (pair[0], pair[1]);
            let follows = match better {
                Better::Higher => high > low,
                Better::Lower => high < low,
            };
            if !follows {
                let located = &o.levels[&high_level];
                let direction = match better {
                    Better::Higher => "higher",
                    Better::Lower => "lower",
                };
                c.error(
                    Code::InvalidThresholds,
                    located,
                    format!(
                        "outcome `{}` marks level {high_level} with {high} and level {low_level} with {low}, but a {direction} value is better",
                        o.id.value
                    ),
                    "each level's value must be better than the level below's",
                );
            }
        }
        outcomes.push(Outcome {
            id: o.id.value.clone(),
            title: o.title.trim().to_string(),
            unit: o.unit.trim().to_string(),
            indicator: o.indicator.value.clone(),
            better,
            source: o.source.value.trim().to_string(),
            levels,
        });
    }
    outcomes
}

fn check_standards(c: &mut Checker<'_>, raw: &[Located<RawStandard>]) -> Vec<Standard> {
    let mut seen = HashSet::new();
    let mut standards = Vec::new();
    for standard in raw {
        let s = &standard.value;
        if s.name.value.trim().is_empty() {
            c.error(
                Code::MissingValue,
                &s.name,
                "a standard has an empty name".to_string(),
                "write the name actions use, e.g. `ISO/IEC 27001`",
            );
        }
        if !seen.insert(s.name.value.as_str()) {
            c.error(
                Code::DuplicateId,
                &s.name,
                format!("standard `{}` is listed twice", s.name.value),
                "list each standard once",
            );
            continue;
        }
        if s.version.value.trim().is_empty() {
            c.error(
                Code::MissingValue,
                &s.version,
                format!("standard `{}` has no version", s.name.value),
                "give the edition or version to adopt, e.g. \"2022\" or \"3.1.0\"",
            );
        }
        if !(s.url.value.starts_with("https://") || s.url.value.starts_with("http://")) {
            c.error(
                Code::InvalidValue,
                &s.url,
                format!(
                    "standard `{}` has the address `{}`, which is not a web address",
                    s.name.value, s.url.value
                ),
                "give the http(s) address where the standard is published",
            );
        }
        standards.push(Standard {
            name: s.name.value.trim().to_string(),
            version: s.version.value.trim().to_string(),
            title: s.title.trim().to_string(),
            publisher: s.publisher.trim().to_string(),
            url: s.url.value.clone(),
        });
    }
    standards
}

/// An action's library fields, checked.
pub(super) struct ActionFields {
    pub cost: Option<String>,
    pub funding: Option<String>,
    pub programme: Option<String>,
    pub kpis: Vec<Kpi>,
    pub standards: Vec<String>,
}

/// Checks one action's `cost`, `funding`, `programme`, `kpis` and `standards`.
pub(super) fn check_action_fields(
    c: &mut Checker<'_>,
    located: &Located<RawAction>,
    catalogues: &Catalogues,
) -> ActionFields {
    let a = &located.value;
    let id = &a.id.value;
    let cost_ids: Vec<&str> = catalogues
        .costs
        .iter()
        .flat_map(|costs| costs.classes.iter().map(|class| class.id.as_str()))
        .collect();
    let cost = reference(
        c,
        located,
        a.cost.as_ref(),
        catalogues.costs.is_some(),
        &cost_ids,
        Named {
            action: id,
            field: "cost",
            what: "cost classes (see `costs:`)",
        },
    );
    let funding_ids: Vec<&str> = catalogues.funding_types.iter().map(|f| f.id.as_str()).collect();
    let funding = reference(
        c,
        located,
        a.funding.as_ref(),
        !funding_ids.is_empty(),
        &funding_ids,
        Named {
            action: id,
            field: "funding",
            what: "funding types (see `funding_types:`)",
        },
    );
    let programme_ids: Vec<&str> = catalogues.programmes.iter().map(|p| p.id.as_str()).collect();
    let programme = reference(
        c,
        located,
        a.programme.as_ref(),
        !programme_ids.is_empty(),
        &programme_ids,
        Named {
            action: id,
            field: "programme",
            what: "programmes (see `programmes:`)",
        },
    );
    let kpis = a
        .kpis
        .iter()
        .filter_map(|kpi| check_kpi(c, kpi, a, catalogues))
        .collect();
    let mut standards = Vec::new();
    for standard in &a.standards {
        let name = standard.value.trim();
        if let Some(catalogue) = &catalogues.standards {
            let known = catalogue.iter().any(|s| s.name == name)
                || catalogues.govstack_specifications.iter().any(|s| s == name);
            if !known {
                let names: Vec<&str> = catalogue
                    .iter()
                    .map(|s| s.name.as_str())
                    .chain(catalogues.govstack_specifications.iter().map(String::as_str))
                    .collect();
                let h = match did_you_mean(name, names.iter().copied()) {
                    Some(close) => format!(
                        "did you mean `{close}`? Otherwise add it to `standards:` with its version and address"
                    ),
                    None => "add it to `standards:` with its version and address".to_string(),
                };
                c.error(
                    Code::UnknownReference,
                    standard,
                    format!("action `{id}` adopts `{name}`, which the standards catalogue does not list"),
                    &h,
                );
            }
        }
        standards.push(name.to_string());
    }
    ActionFields {
        cost,
        funding,
        programme,
        kpis,
        standards,
    }
}

/// What a reference field is, for its messages.
struct Named<'a> {
    action: &'a str,
    field: &'a str,
    what: &'a str,
}

/// A reference from an action to a catalogue: required when the catalogue exists, and known.
fn reference(
    c: &mut Checker<'_>,
    action: &Located<RawAction>,
    value: Option<&Located<String>>,
    required: bool,
    known: &[&str],
    named: Named<'_>,
) -> Option<String> {
    match value {
        None => {
            if required {
                c.error(
                    Code::MissingValue,
                    &action.value.id,
                    format!("action `{}` has no `{}`", named.action, named.field),
                    &format!("name one of the framework's {}: {}", named.what, known.join(", ")),
                );
            }
            None
        }
        Some(value) if known.contains(&value.value.as_str()) => Some(value.value.clone()),
        Some(value) => {
            c.error(
                Code::UnknownReference,
                value,
                format!(
                    "action `{}` has {}: `{}`, which the framework does not define",
                    named.action, named.field, value.value
                ),
                &hint(&value.value, known, named.what),
            );
            None
        }
    }
}

fn check_kpi(
    c: &mut Checker<'_>,
    kpi: &Located<RawKpi>,
    action: &RawAction,
    catalogues: &Catalogues,
) -> Option<Kpi> {
    let k = &kpi.value;
    let id = &action.id.value;
    if let Some(outcome) = &k.outcome {
        if k.measure.is_some() || k.baseline.is_some() || k.target.is_some() {
            c.error(
                Code::InvalidValue,
                kpi,
                format!("a KPI of action `{id}` names an outcome and a measure of its own"),
                "write either `outcome:` alone (the outcome gives the measure, baseline and target) or `measure`, `baseline` and `target`",
            );
            return None;
        }
        let Some(found) = catalogues.outcomes.iter().find(|o| o.id == outcome.value) else {
            let ids: Vec<&str> = catalogues.outcomes.iter().map(|o| o.id.as_str()).collect();
            c.error(
                Code::UnknownReference,
                outcome,
                format!(
                    "a KPI of action `{id}` names the outcome `{}`, which is not defined",
                    outcome.value
                ),
                &hint(&outcome.value, &ids, "outcomes (see `outcomes:`)"),
            );
            return None;
        };
        if found.indicator != action.raises.value {
            c.error(
                Code::InvalidValue,
                outcome,
                format!(
                    "action `{id}` raises `{}`, but its KPI's outcome `{}` is read against `{}`",
                    action.raises.value, found.id, found.indicator
                ),
                "an outcome KPI measures the item its action raises; give a measure of the action's own instead",
            );
            return None;
        }
        if !found.levels.contains_key(&action.to_level.value) {
            c.error(
                Code::InvalidValue,
                outcome,
                format!(
                    "action `{id}` brings `{}` to level {}, for which outcome `{}` gives no value",
                    action.raises.value, action.to_level.value, found.id
                ),
                "add the level's value to the outcome's `levels`, or give a measure of the action's own",
            );
            return None;
        }
        return Some(Kpi::Outcome {
            outcome: outcome.value.clone(),
        });
    }
    let mut text = |part: &Option<Located<String>>, name: &str| -> Option<String> {
        match part {
            Some(value) if !value.value.trim().is_empty() => Some(value.value.trim().to_string()),
            Some(value) => {
                c.error(
                    Code::MissingValue,
                    value,
                    format!("a KPI of action `{id}` has an empty `{name}`"),
                    "every KPI has a measure, its baseline (the state when the action starts) and its target",
                );
                None
            }
            None => {
                c.error(
                    Code::MissingValue,
                    kpi,
                    format!("a KPI of action `{id}` has no `{name}`"),
                    "every KPI has a measure, its baseline (the state when the action starts) and its target, or names an outcome",
                );
                None
            }
        }
    };
    let measure = text(&k.measure, "measure");
    let baseline = text(&k.baseline, "baseline");
    let target = text(&k.target, "target");
    Some(Kpi::Measure {
        measure: measure?,
        baseline: baseline?,
        target: target?,
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Code;

    /// The errors of the embedded framework after `edits`, as (code, message, hint).
    fn errors(edits: &[(&str, &str)]) -> Vec<(Code, String, String)> {
        super::super::errors_after_edits(edits)
            .into_iter()
            .map(|d| (d.code, d.message, d.hint.unwrap_or_default()))
            .collect()
    }

    fn messages(edits: &[(&str, &str)]) -> Vec<(String, String)> {
        errors(edits).into_iter().map(|(_, m, h)| (m, h)).collect()
    }

    const PILOT_FIELDS: &str =
        "    cost: l\n    funding: development_partners\n    programme: identity\n    # The pilot runs";

    #[test]
    fn the_embedded_library_uses_every_catalogue_and_loads() {
        assert!(errors(&[]).is_empty());
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        assert!(
            framework
                .actions
                .iter()
                .all(|a| a.cost.is_some() && a.funding.is_some() && a.programme.is_some())
        );
        assert!(framework.actions.iter().all(|a| !a.kpis.is_empty()));
        assert_eq!(framework.costs.as_ref().unwrap().currency, "USD");
        assert!(
            framework
                .programmes
                .iter()
                .all(|p| !p.milestones.is_empty() && !p.risks.is_empty())
        );
        // Every standard an action adopts has a version and an address, or is a GovStack BB spec.
        let specs: Vec<String> = framework
            .building_blocks
            .iter()
            .map(|b| super::govstack_specification_name(&b.name))
            .collect();
        for action in &framework.actions {
            for standard in &action.standards {
                assert!(
                    framework.standards.iter().any(|s| &s.name == standard) || specs.contains(standard),
                    "{}: {standard}",
                    action.id
                );
            }
        }
    }

    #[test]
    fn an_action_names_a_known_cost_class_funding_type_and_programme() {
        let found = messages(&[(
            PILOT_FIELDS,
            "    cost: large\n    funding: donors\n    programme: identiy\n    # The pilot runs",
        )]);
        assert_eq!(
            found,
            vec![
                (
                    "action `identity-platform-pilot` has cost: `large`, which the framework does not define".to_string(),
                    "name one of the framework's cost classes (see `costs:`): xs, s, m, l, xl, xxl".to_string()
                ),
                (
                    "action `identity-platform-pilot` has funding: `donors`, which the framework does not define".to_string(),
                    "name one of the framework's funding types (see `funding_types:`): recurrent_budget, capital_budget, development_partners, private_investment, universal_service_fund, service_fees".to_string()
                ),
                (
                    "action `identity-platform-pilot` has programme: `identiy`, which the framework does not define".to_string(),
                    "did you mean `identity`?".to_string()
                ),
            ]
        );
        // Missing altogether, where the framework has the catalogue.
        let found = messages(&[(PILOT_FIELDS, "    # The pilot runs")]);
        let missing: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            missing,
            [
                "action `identity-platform-pilot` has no `cost`",
                "action `identity-platform-pilot` has no `funding`",
                "action `identity-platform-pilot` has no `programme`"
            ]
        );
    }

    #[test]
    fn a_kpi_has_a_measure_a_baseline_and_a_target_or_a_fitting_outcome() {
        let found = messages(&[(
            "      - measure: Districts where the pilot enrols people\n        baseline: \"0\"\n        target: \"≥ 2\"\n",
            "      - measure: Districts where the pilot enrols people\n        target: \"≥ 2\"\n      - outcome: mobile-broadband-4g-coverage\n      - outcome: no-such-outcome\n",
        )]);
        assert_eq!(
            found,
            vec![
                (
                    "a KPI of action `identity-platform-pilot` has no `baseline`".to_string(),
                    "every KPI has a measure, its baseline (the state when the action starts) and its target, or names an outcome".to_string()
                ),
                (
                    "action `identity-platform-pilot` raises `identity`, but its KPI's outcome `mobile-broadband-4g-coverage` is read against `inf-mobile-broadband-coverage`".to_string(),
                    "an outcome KPI measures the item its action raises; give a measure of the action's own instead".to_string()
                ),
                (
                    "a KPI of action `identity-platform-pilot` names the outcome `no-such-outcome`, which is not defined".to_string(),
                    "name one of the framework's outcomes (see `outcomes:`): fixed-broadband-subscriptions, mobile-broadband-4g-coverage, government-offices-connected, mobile-data-price-1gb, smartphone-ownership, internet-use, electricity-access, ministries-with-digital-unit, adults-with-foundational-id, birth-registration-under-five, adults-with-account, services-fully-online, g2p-payments-into-accounts, id-authentications-per-adult".to_string()
                ),
            ]
        );
    }

    #[test]
    fn outcome_thresholds_follow_the_better_direction_and_the_catalogues_are_well_formed() {
        let found = errors(&[
            (
                "    levels: { 2: 70, 3: 85, 4: 95 }",
                "    levels: { 2: 70, 3: 65, 4: 95 }",
            ),
            ("  currency: USD", "  currency: dollars"),
            (
                "      low: 500000\n      high: 2500000",
                "      low: 2500000\n      high: 500000",
            ),
            (
                "    url: https://www.iso.org/standard/27001\n",
                "    url: iso.org/standard/27001\n",
            ),
            ("  - name: ISO/IEC 27017\n", "  - name: ISO/IEC 27001\n"),
        ]);
        let text: Vec<String> = found
            .iter()
            .map(|(code, m, _)| format!("{}: {m}", code.as_str()))
            .collect();
        for expected in [
            "invalid-thresholds: outcome `mobile-broadband-4g-coverage` marks level 3 with 65 and level 2 with 70, but a higher value is better",
            "invalid-value: the cost currency `dollars` is not an ISO 4217 code",
            "invalid-value: cost class `m` runs from 2500000 down to 500000; `high` must be at least `low`",
            "invalid-value: standard `ISO/IEC 27001` has the address `iso.org/standard/27001`, which is not a web address",
            "duplicate-id: standard `ISO/IEC 27001` is listed twice",
        ] {
            assert!(text.iter().any(|t| t == expected), "{expected}\nin {text:#?}");
        }
    }

    #[test]
    fn a_standard_outside_the_catalogue_is_named_with_the_closest() {
        let found = messages(&[(
            "    standards: [GovStack Identity BB specification, ISO/IEC 29115]",
            "    standards: [GovStack Identity BB specification, ISO/IEC 29116]",
        )]);
        assert_eq!(
            found,
            vec![(
                "action `identity-platform-pilot` adopts `ISO/IEC 29116`, which the standards catalogue does not list".to_string(),
                "did you mean `ISO/IEC 29115`? Otherwise add it to `standards:` with its version and address".to_string()
            )]
        );
    }
}

#[cfg(test)]
mod peer_tests {
    #[test]
    fn peer_references_name_a_known_framework_once_with_an_id() {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        let broadband = framework.indicator("inf-fixed-broadband").unwrap();
        assert!(
            broadband
                .peers
                .iter()
                .any(|p| p.source == "SDG" && p.id == "17.6.1")
        );
        let cited = framework
            .indicators()
            .filter(|(_, _, i)| !i.peers.is_empty())
            .count();
        assert!(cited >= 30, "{cited} indicators cite a peer");

        let found: Vec<(String, String)> = super::super::errors_after_edits(&[(
            "source: SDG, id: \"17.6.1\"",
            "source: SDGs, id: \"17.6.1\"",
        )])
        .into_iter()
        .map(|d| (d.message, d.hint.unwrap_or_default()))
        .collect();
        assert_eq!(
            found,
            vec![(
                "indicator `inf-fixed-broadband` cites a peer in `SDGs`, which is no known framework"
                    .to_string(),
                "did you mean `SDG`? The sources: SDG, GTMI, GCI, DGI, EGDI, GDHM, ITU".to_string()
            )]
        );
    }
}
