//! The framework's `safeguards:` section → a validated [`Safeguards`] checklist.
//!
//! In: the raw section, the framework's indicator ids, its Building Block rubric's criterion ids
//! and its roles. Out: the checklist, every problem at its `file:line:col` with a hint: ids not
//! unique, groups outside the source's, principles linked to no indicator or criterion (a
//! principle nothing evidences can never be judged), links to unknown indicators, criteria, risks
//! or roles (with "did you mean"), and risks no principle guards against.
//! Not here: judging a country against it (`roadmap::safeguards` does, from scores and the plan).

use std::collections::HashSet;

use super::did_you_mean;
use super::raw::{Located, RawSafeguards};
use super::validate::Checker;
use crate::diagnostics::Code;
use crate::model::{Authority, Principle, Role, SafeguardRisk, Safeguards};

const RISK_GROUPS: [&str; 3] = ["safety", "inclusion", "structural"];
const PRINCIPLE_GROUPS: [&str; 2] = ["foundational", "operational"];

fn hint(wanted: &str, known: &[&str], what: &str) -> String {
    match did_you_mean(wanted, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("name one of the framework's {what}"),
    }
}

/// Checks an id is given and new among the checklist's; false for a duplicate.
fn fresh<'a>(c: &mut Checker<'_>, what: &str, id: &'a Located<String>, seen: &mut HashSet<&'a str>) -> bool {
    if id.value.trim().is_empty() {
        c.error(
            Code::InvalidId,
            id,
            format!("a safeguards {what} has an empty id"),
            "use the id the source gives it, e.g. F1, RS1 or R1",
        );
        return false;
    }
    c.first_use(&format!("safeguards {what}"), id, seen)
}

fn group(c: &mut Checker<'_>, what: &str, id: &str, value: &Located<String>, allowed: &[&str]) -> String {
    if !allowed.contains(&value.value.as_str()) {
        c.error(
            Code::InvalidValue,
            value,
            format!("safeguards {what} `{id}` is in group `{}`", value.value),
            &format!("the groups are {}", allowed.join(", ")),
        );
    }
    value.value.clone()
}

/// Checks the checklist against the framework.
pub(super) fn check_safeguards(
    c: &mut Checker<'_>,
    raw: &Located<RawSafeguards>,
    indicators: &HashSet<&str>,
    criteria: &[&str],
    roles: &[Role],
) -> Safeguards {
    let raw_section = &raw.value;
    let mut seen = HashSet::new();
    let mut risks = Vec::new();
    for risk in &raw_section.risks {
        let r = &risk.value;
        if !fresh(c, "risk", &r.id, &mut seen) {
            continue;
        }
        risks.push(SafeguardRisk {
            id: r.id.value.clone(),
            group: group(c, "risk", &r.id.value, &r.group, &RISK_GROUPS),
            name: r.name.trim().to_string(),
            description: r.description.trim().to_string(),
        });
    }
    let risk_ids: Vec<&str> = risks.iter().map(|r| r.id.as_str()).collect();
    let mut indicator_ids: Vec<&str> = indicators.iter().copied().collect();
    indicator_ids.sort_unstable();
    let mut guarded: HashSet<String> = HashSet::new();
    let mut principles = Vec::new();
    for principle in &raw_section.principles {
        let p = &principle.value;
        if !fresh(c, "principle", &p.id, &mut seen) {
            continue;
        }
        let id = &p.id.value;
        if p.indicators.is_empty() && p.criteria.is_empty() {
            c.error(
                Code::InvalidStructure,
                &p.id,
                format!("safeguards principle `{id}` is linked to no indicator or Building Block criterion"),
                "list the `indicators:` or `criteria:` whose levels show whether it is met",
            );
        }
        for indicator in &p.indicators {
            if !indicators.contains(indicator.value.as_str()) {
                c.error(
                    Code::UnknownReference,
                    indicator,
                    format!(
                        "safeguards principle `{id}` is evidenced by `{}`, which is no indicator",
                        indicator.value
                    ),
                    &hint(&indicator.value, &indicator_ids, "indicator ids"),
                );
            }
        }
        for criterion in &p.criteria {
            if !criteria.contains(&criterion.value.as_str()) {
                c.error(
                    Code::UnknownReference,
                    criterion,
                    format!(
                        "safeguards principle `{id}` is evidenced by `{}`, which is no Building Block criterion",
                        criterion.value
                    ),
                    &hint(&criterion.value, criteria, "rubric criteria"),
                );
            }
        }
        for risk in &p.risks {
            if risk_ids.contains(&risk.value.as_str()) {
                guarded.insert(risk.value.clone());
            } else {
                c.error(
                    Code::UnknownReference,
                    risk,
                    format!(
                        "safeguards principle `{id}` guards against `{}`, which is no risk of the list",
                        risk.value
                    ),
                    &hint(&risk.value, &risk_ids, "safeguards risks"),
                );
            }
        }
        principles.push(Principle {
            id: id.clone(),
            group: group(c, "principle", id, &p.group, &PRINCIPLE_GROUPS),
            name: p.name.trim().to_string(),
            description: p.description.trim().to_string(),
            indicators: p.indicators.iter().map(|i| i.value.clone()).collect(),
            criteria: p.criteria.iter().map(|k| k.value.clone()).collect(),
            risks: p.risks.iter().map(|r| r.value.clone()).collect(),
        });
    }
    for risk in &raw_section.risks {
        if risk_ids.contains(&risk.value.id.value.as_str()) && !guarded.contains(&risk.value.id.value) {
            c.error(
                Code::InvalidStructure,
                &risk.value.id,
                format!(
                    "no safeguards principle guards against risk `{}`",
                    risk.value.id.value
                ),
                "name it under the `risks:` of the principles that reduce it",
            );
        }
    }
    let role_ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    let mut authorities = Vec::new();
    for authority in &raw_section.authorities {
        let a = &authority.value;
        if !fresh(c, "authority", &a.id, &mut seen) {
            continue;
        }
        for role in &a.roles {
            if !role_ids.contains(&role.value.as_str()) {
                c.error(
                    Code::UnknownReference,
                    role,
                    format!(
                        "safeguards authority `{}` names `{}`, which is no role",
                        a.id.value, role.value
                    ),
                    &hint(&role.value, &role_ids, "roles (see `roles:`)"),
                );
            }
        }
        authorities.push(Authority {
            id: a.id.value.clone(),
            name: a.name.trim().to_string(),
            description: a.description.trim().to_string(),
            roles: a.roles.iter().map(|r| r.value.clone()).collect(),
        });
    }
    Safeguards {
        source: raw_section.source.trim().to_string(),
        licence: raw_section.licence.trim().to_string(),
        risks,
        principles,
        authorities,
    }
}

#[cfg(test)]
mod tests {
    fn messages(edits: &[(&str, &str)]) -> Vec<String> {
        super::super::errors_after_edits(edits)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn the_embedded_checklist_has_the_sources_principles_risks_and_authorities_all_linked() {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        let checklist = framework.safeguards.expect("the checklist");
        let ids = |list: Vec<&str>| list.join(" ");
        assert_eq!(
            ids(checklist.principles.iter().map(|p| p.id.as_str()).collect()),
            "F1 F2 F3 F4 F5 F6 F7 F8 F9 O1 O2 O3 O4 O5 O6 O7 O8 O9"
        );
        assert_eq!(
            ids(checklist.risks.iter().map(|r| r.id.as_str()).collect()),
            "RS1 RS2 RS3 RS4 RI1 RI2 RI3 RI4 SV1 SV2 SV3 SV4 SV5"
        );
        assert_eq!(
            ids(checklist.authorities.iter().map(|a| a.id.as_str()).collect()),
            "R1 R2 R3 R4 R5"
        );
        // Every principle is evidenced by an indicator or a Building Block criterion, and every risk
        // is guarded against by a principle.
        for principle in &checklist.principles {
            assert!(
                !principle.indicators.is_empty() || !principle.criteria.is_empty(),
                "{}",
                principle.id
            );
        }
        for risk in &checklist.risks {
            assert!(
                checklist.principles.iter().any(|p| p.risks.contains(&risk.id)),
                "{}",
                risk.id
            );
        }
        assert!(checklist.licence.starts_with("CC BY-SA 4.0"));
    }

    #[test]
    fn unlinked_principles_unknown_links_and_unguarded_risks_are_refused() {
        let found = messages(&[
            (
                "      indicators: [ppl-civil-society-engagement, ppl-public-trust, gov-open-data, ppl-service-design]\n      risks: [RI4, SV1]",
                "      risks: [RI4, SV1]",
            ),
            (
                "      indicators: [ppl-grievance-redress, law-data-protection-authority, law-mandates-liability, law-ai-governance]\n      risks: [RS4]",
                "      indicators: [ppl-grievance-redres, law-data-protection-authority, law-mandates-liability, law-ai-governance]\n      risks: [RS5]",
            ),
            ("      criteria: [c2, c4]", "      criteria: [c2, c9]"),
        ]);
        for expected in [
            "safeguards principle `F7` is linked to no indicator or Building Block criterion",
            "safeguards principle `F8` is evidenced by `ppl-grievance-redres`, which is no indicator",
            "safeguards principle `F8` guards against `RS5`, which is no risk of the list",
            "safeguards principle `O9` is evidenced by `c9`, which is no Building Block criterion",
            "no safeguards principle guards against risk `RS4`",
        ] {
            assert!(found.iter().any(|m| m == expected), "{expected}\nin {found:#?}");
        }
    }
}
