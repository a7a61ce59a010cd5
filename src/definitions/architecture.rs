//! The target architecture's definitions: the framework's `architecture:` section and each BB's
//! candidates → [`ArchitectureRules`]; a workspace's `architecture.yaml` → the country's
//! [`ArchitectureChoices`], checked against the framework and the systems inventory.
//!
//! In: the raw framework section (with the BB ids, roles, cost classes and funding types already
//! checked), or the YAML text of an architecture file with the framework and the systems read
//! from the inventory. Out: the checked values, or every problem at its `file:line:col` with the
//! bad value and a hint ("did you mean" over BB ids and system names). Not here: proposing the
//! decisions (`roadmap::architecture`) or drawing them (`report`).

use std::path::Path;

use serde::Deserialize;

use super::raw::{Located, RawArchitecture, RawTransitionTemplate};
use super::validate::Checker;
use super::{Source, did_you_mean, parse_yaml};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{
    ArchitectureChoices, ArchitectureRules, Candidate, CountryDecision, Framework, KeptSystem, MAX_LEVEL,
    PlatformChoice, Role, System, TransitionTemplate,
};

/// The file a workspace keeps its architecture decisions in.
pub const ARCHITECTURE_FILE: &str = "architecture.yaml";

/// What the framework's other catalogues define, for the references the section makes.
pub(super) struct Known<'a> {
    pub building_blocks: &'a [&'a str],
    pub roles: &'a [Role],
    pub cost_classes: &'a [&'a str],
    pub funding_types: &'a [&'a str],
}

fn hint(wanted: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(wanted, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("name one of the framework's {what}: {}", known.join(", ")),
    }
}

/// Checks the framework's `architecture:` section.
pub(super) fn check_rules(
    c: &mut Checker<'_>,
    raw: &Located<RawArchitecture>,
    known: &Known<'_>,
) -> ArchitectureRules {
    let section = &raw.value;
    if !known.building_blocks.contains(&section.mediator.value.as_str()) {
        c.error(
            Code::UnknownReference,
            &section.mediator,
            format!(
                "architecture: mediator is `{}`, which is no Building Block",
                section.mediator.value
            ),
            &hint(
                &section.mediator.value,
                known.building_blocks,
                "Building Block ids",
            ),
        );
    }
    let level = section.platform_level.value;
    if level == 0 || level > MAX_LEVEL {
        c.error(
            Code::InvalidValue,
            &section.platform_level,
            format!("architecture: platform_level is {level}"),
            &format!("a level from 1 to {MAX_LEVEL}; 3 is in production"),
        );
    }
    let transition = &section.transition;
    ArchitectureRules {
        mediator: section.mediator.value.clone(),
        platform_level: level.min(MAX_LEVEL),
        consolidate: check_template(c, "consolidate", &transition.consolidate, known),
        retire: check_template(c, "retire", &transition.retire, known),
        connect: check_template(c, "connect", &transition.connect, known),
    }
}

fn check_template(
    c: &mut Checker<'_>,
    kind: &str,
    raw: &Located<RawTransitionTemplate>,
    known: &Known<'_>,
) -> TransitionTemplate {
    let t = &raw.value;
    let role_ids: Vec<&str> = known.roles.iter().map(|r| r.id.as_str()).collect();
    let role = |c: &mut Checker<'_>, value: &Located<String>, field: &str| {
        if !role_ids.contains(&value.value.as_str()) {
            c.error(
                Code::UnknownReference,
                value,
                format!(
                    "architecture: the {kind} work's {field} is `{}`, which is no role",
                    value.value
                ),
                &hint(&value.value, &role_ids, "role ids"),
            );
        }
    };
    role(c, &t.owner, "owner");
    for contributor in &t.contributors {
        role(c, contributor, "contributor");
    }
    if t.effort_months.value == 0 {
        c.error(
            Code::InvalidValue,
            &t.effort_months,
            format!("architecture: the {kind} work takes 0 months"),
            "give its duration in whole months, 1 or more",
        );
    }
    let mut reference = |value: &Option<Located<String>>, list: &[&str], what: &str| {
        value.as_ref().and_then(|v| {
            if list.contains(&v.value.as_str()) {
                Some(v.value.clone())
            } else {
                c.error(
                    Code::UnknownReference,
                    v,
                    format!(
                        "architecture: the {kind} work's {what} is `{}`, which the framework does not define",
                        v.value
                    ),
                    &hint(&v.value, list, what),
                );
                None
            }
        })
    };
    let cost = reference(&t.cost, known.cost_classes, "cost class");
    let funding = reference(&t.funding, known.funding_types, "funding type");
    TransitionTemplate {
        owner: t.owner.value.clone(),
        contributors: t.contributors.iter().map(|r| r.value.clone()).collect(),
        effort_months: t.effort_months.value,
        phase: t.phase,
        cost,
        funding,
    }
}

/// Checks a BB's candidate products: a name, a licence and a source each, no name twice.
pub(super) fn check_candidates(c: &mut Checker<'_>, bb: &str, raw: &[Located<Candidate>]) -> Vec<Candidate> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for candidate in raw {
        let v = &candidate.value;
        for (field, text) in [("name", &v.name), ("licence", &v.licence), ("source", &v.source)] {
            if text.trim().is_empty() {
                c.error(
                    Code::MissingValue,
                    candidate,
                    format!("a candidate product of `{bb}` has no {field}"),
                    "every candidate names the product, its SPDX licence and where the facts come from",
                );
            }
        }
        if !seen.insert(v.name.trim().to_lowercase()) {
            c.error(
                Code::DuplicateId,
                candidate,
                format!("`{bb}` lists the candidate `{}` twice", v.name),
                "list each product once",
            );
            continue;
        }
        out.push(Candidate {
            name: v.name.trim().to_string(),
            kind: v.kind,
            licence: v.licence.trim().to_string(),
            source: v.source.trim().to_string(),
            govstack: v.govstack.as_ref().map(|g| g.trim().to_string()),
        });
    }
    out
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoices {
    decisions: Vec<Located<RawCountryDecision>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCountryDecision {
    bb: Located<String>,
    #[serde(default)]
    platform: Option<Located<String>>,
    #[serde(default)]
    system: Option<Located<String>>,
    #[serde(default)]
    product: Option<Located<String>>,
    #[serde(default)]
    keep_separate: Vec<Located<RawKept>>,
    reason: Located<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKept {
    system: Located<String>,
    reason: Located<String>,
}

/// Reads and checks a workspace's architecture file against the framework and the inventory:
/// every problem at once.
pub fn load_choices(
    path: &Path,
    framework: &Framework,
    systems: &[System],
) -> Result<ArchitectureChoices, Vec<Diagnostic>> {
    let source = Source::read(path).map_err(|d| vec![d])?;
    let raw: RawChoices = parse_yaml(&source).map_err(|d| vec![d])?;
    let at = |line: u32, column: u32| Location::text(&source.name, line, column);
    let mut found = Vec::new();
    let bb_ids: Vec<&str> = framework.building_blocks.iter().map(|b| b.id.as_str()).collect();
    let mut choices = ArchitectureChoices::default();
    for entry in &raw.decisions {
        let d = &entry.value;
        let bb = d.bb.value.trim();
        if !bb_ids.contains(&bb) {
            found.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    at(d.bb.line, d.bb.column),
                    format!("the architecture file decides for `{bb}`, which is no Building Block"),
                )
                .with_hint(hint(bb, &bb_ids, "Building Block ids")),
            );
            continue;
        }
        if choices.decisions.iter().any(|c| c.bb == bb) {
            found.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    at(d.bb.line, d.bb.column),
                    format!("the architecture file decides for `{bb}` twice"),
                )
                .with_hint("keep one entry per Building Block"),
            );
            continue;
        }
        // The systems the inventory lists under this BB, by name.
        let listed: Vec<&System> = systems
            .iter()
            .filter(|s| s.building_blocks.iter().any(|b| b == bb))
            .collect();
        let names: Vec<&str> = listed.iter().map(|s| &*s.name).collect();
        let find = |value: &Located<String>, found: &mut Vec<Diagnostic>| -> Option<&System> {
            let wanted = value.value.trim();
            let hit = listed
                .iter()
                .copied()
                .find(|s| s.name.eq_ignore_ascii_case(wanted));
            if hit.is_none() {
                let hint = match did_you_mean(wanted, names.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None if names.is_empty() => format!("the inventory lists no system under `{bb}`"),
                    None => format!("the systems listed under `{bb}` are: {}", names.join(", ")),
                };
                found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        at(value.line, value.column),
                        format!(
                            "the architecture file names the system `{wanted}`, which the inventory does not list under `{bb}`"
                        ),
                    )
                    .with_hint(hint),
                );
            }
            hit
        };
        let choice = d.platform.as_ref().and_then(|p| {
            let code = p.value.trim().to_lowercase();
            let choice = PlatformChoice::from_code(&code);
            if choice.is_none() {
                found.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        at(p.line, p.column),
                        format!("platform is `{}`", p.value.trim()),
                    )
                    .with_hint(format!("one of {}", PlatformChoice::allowed())),
                );
            }
            choice
        });
        let system = d
            .system
            .as_ref()
            .and_then(|s| find(s, &mut found))
            .map(|s| s.name.to_string());
        match (choice, &d.system) {
            (Some(PlatformChoice::Extend), None) => found.push(
                Diagnostic::error(
                    Code::MissingValue,
                    at(entry.line, entry.column),
                    format!("the decision for `{bb}` extends a system but names none"),
                )
                .with_hint("add `system: NAME`, the existing system that becomes the shared platform"),
            ),
            (Some(PlatformChoice::Adopt | PlatformChoice::Build) | None, Some(s)) => found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at(s.line, s.column),
                    format!(
                        "the decision for `{bb}` names a system to extend, but its platform is not `extend`"
                    ),
                )
                .with_hint("write `platform: extend` with the system, or leave `system:` out"),
            ),
            _ => {}
        }
        if let Some(product) = &d.product
            && choice != Some(PlatformChoice::Adopt)
        {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at(product.line, product.column),
                    format!("the decision for `{bb}` names a product, but its platform is not `adopt`"),
                )
                .with_hint("write `platform: adopt` with the product, or leave `product:` out"),
            );
        }
        let mut kept = Vec::new();
        for k in &d.keep_separate {
            let Some(system) = find(&k.value.system, &mut found) else {
                continue;
            };
            if k.value.reason.value.trim().is_empty() {
                found.push(
                    Diagnostic::error(
                        Code::MissingValue,
                        at(k.value.reason.line, k.value.reason.column),
                        format!("`{}` is kept separate without a reason", system.name),
                    )
                    .with_hint("say why it stays outside the shared platform; the report shows it"),
                );
            }
            kept.push(KeptSystem {
                name: system.name.to_string(),
                owner: system.owner.to_string(),
                reason: k.value.reason.value.trim().to_string(),
            });
        }
        if d.reason.value.trim().is_empty() {
            found.push(
                Diagnostic::error(
                    Code::MissingValue,
                    at(d.reason.line, d.reason.column),
                    format!("the decision for `{bb}` has no reason"),
                )
                .with_hint("say why the country decides otherwise than the proposal; the report shows it"),
            );
        }
        choices.decisions.push(CountryDecision {
            bb: bb.to_string(),
            choice,
            system,
            product: d.product.as_ref().map(|p| p.value.trim().to_string()),
            keep_separate: kept,
            reason: d.reason.value.trim().to_string(),
        });
    }
    if found.is_empty() {
        Ok(choices)
    } else {
        crate::diagnostics::sort(&mut found);
        Err(found)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{DpiComponent, TargetShape};

    /// Where each Building Block sits in the architecture, and the shape of its target, as
    /// GovStack describes it (its specifications' descriptions and the implementation playbook's
    /// chapter "Build a Digital Public Infrastructure"), with the basis for each placement.
    const PLACEMENT: [(&str, DpiComponent, TargetShape, &str); 15] = [
        (
            "identity",
            DpiComponent::Identity,
            TargetShape::Single,
            "playbook: digital identity is a core narrow-DPI component; one foundational ID",
        ),
        (
            "payments",
            DpiComponent::Payments,
            TargetShape::Single,
            "Payments BB: one gateway government pays and collects through, not a rail",
        ),
        (
            "information-mediator",
            DpiComponent::DataExchange,
            TargetShape::Single,
            "playbook: data exchange is core narrow DPI; the IM is the one exchange layer",
        ),
        (
            "registration",
            DpiComponent::None,
            TargetShape::Federated,
            "Registration BB: a no-code platform for new e-services; line systems stay and connect",
        ),
        (
            "digital-registries",
            DpiComponent::DataExchange,
            TargetShape::Platform,
            "playbook: data-sharing platforms; the DR BB hosts many registries with generated APIs",
        ),
        (
            "consent",
            DpiComponent::DataExchange,
            TargetShape::Single,
            "playbook: consent sits under data exchange",
        ),
        (
            "workflow",
            DpiComponent::None,
            TargetShape::Platform,
            "Workflow BB: cross-BB process automation, an enabler institutions build on",
        ),
        (
            "esignature",
            DpiComponent::Identity,
            TargetShape::Single,
            "playbook: e-signatures are listed under digital identity",
        ),
        (
            "gis",
            DpiComponent::None,
            TargetShape::Federated,
            "GIS BB: location services over ISO/OGC standards; sector layers publish, not merge",
        ),
        (
            "emarketplace",
            DpiComponent::None,
            TargetShape::Single,
            "E-Marketplace BB: a procurement and sales marketplace that calls Payments, not a payment system",
        ),
        (
            "cms",
            DpiComponent::None,
            TargetShape::Platform,
            "CMS BB: standard government websites and portals on one platform, a service channel",
        ),
        (
            "wallet",
            DpiComponent::Identity,
            TargetShape::Single,
            "Wallet BB: credentials issued by the ID and other issuers; playbook: cross-cutting identity",
        ),
        (
            "cloud-infrastructure",
            DpiComponent::None,
            TargetShape::Hosting,
            "Cloud Infrastructure BB: sovereign IaaS hosting every other BB (layer 1)",
        ),
        (
            "scheduler",
            DpiComponent::None,
            TargetShape::Single,
            "Scheduler BB: events, appointments and alerts, an enabler shared by services",
        ),
        (
            "messaging",
            DpiComponent::None,
            TargetShape::Single,
            "Messaging BB: government notifications, cross-cutting; one gateway",
        ),
    ];

    #[test]
    fn every_building_block_is_placed_and_shaped_as_govstack_describes_it() {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        assert_eq!(framework.building_blocks.len(), PLACEMENT.len());
        for (id, component, shape, basis) in PLACEMENT {
            let bb = framework
                .building_blocks
                .iter()
                .find(|b| b.id == id)
                .unwrap_or_else(|| panic!("{id}"));
            assert_eq!(bb.dpi_component, component, "{id}: {basis}");
            assert_eq!(bb.shape, Some(shape), "{id}: {basis}");
        }
        // E-Marketplace calls Payments but is not part of it: it is drawn with the shared services.
        let emarketplace = framework
            .building_blocks
            .iter()
            .find(|b| b.id == "emarketplace")
            .unwrap();
        assert_ne!(emarketplace.dpi_component, DpiComponent::Payments);
    }

    #[test]
    fn every_candidate_has_a_licence_and_a_source_and_the_rules_load() {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        let rules = framework
            .architecture
            .as_ref()
            .expect("govstack-dpi proposes a target");
        assert_eq!(rules.mediator, "information-mediator");
        assert_eq!(rules.platform_level, 3);
        let candidates: Vec<_> = framework
            .building_blocks
            .iter()
            .flat_map(|b| &b.candidates)
            .collect();
        assert!(candidates.len() >= 20, "{}", candidates.len());
        for c in candidates {
            assert!(!c.licence.is_empty() && c.source.len() > 20, "{}", c.name);
        }
    }
}
