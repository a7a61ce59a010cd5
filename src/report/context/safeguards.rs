//! The UN DPI safeguards section as the report shows it: each principle with its status, the
//! findings behind it and the roadmap actions that address it; each risk, open or addressed; each
//! responsible authority with its part in the plan.
//!
//! In: the framework's checklist, the roadmap's [`SafeguardsReview`] (judged by the roadmap stage)
//! and the titles of indicators, criteria and actions. Out: a [`SafeguardsView`] whose every
//! sentence comes from the message catalogue. Not here: judging anything (the roadmap stage did).

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use crate::messages::{t, tf};
use crate::model::*;

/// Most action titles named in one cell; the rest are counted.
const ACTIONS_NAMED: usize = 3;

/// The safeguards section.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct SafeguardsView {
    /// One paragraph: how many principles are met, partly, not met, unknown; risks open.
    pub summary: String,
    /// Where the checklist comes from, with its licence.
    pub source: String,
    /// Each principle.
    pub principles: Vec<PrincipleView>,
    /// Each risk.
    pub risks: Vec<RiskView>,
    /// Each responsible authority.
    pub authorities: Vec<AuthorityView>,
}

/// A principle as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PrincipleView {
    /// `F1 Do no harm`.
    pub title: String,
    /// What it asks.
    pub description: String,
    /// `met`, `partly`, `not_met` or `unknown`.
    pub status: String,
    /// `Met`, `Partly met`, …
    pub status_label: String,
    /// `Data protection law: level 1; …`.
    pub evidence: String,
    /// `3 planned: title; title; title and 2 more`, or that none is.
    pub actions: String,
}

/// A risk as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RiskView {
    /// `RS1 Privacy vulnerability`.
    pub title: String,
    /// What it is.
    pub description: String,
    /// `open`, `partly`, `addressed` or `unknown`.
    pub status: String,
    /// `Open`, …
    pub status_label: String,
    /// `F1, F6, O3, O5`.
    pub principles: String,
    /// `9 planned actions` or that none is.
    pub actions: String,
}

/// A responsible authority as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct AuthorityView {
    /// `R1 Government`.
    pub title: String,
    /// What it does.
    pub description: String,
    /// `owns 63 planned actions and contributes to 12`.
    pub part: String,
}

/// The section, when the framework has a checklist and the roadmap judged it.
pub fn build(framework: &Framework, roadmap: &Roadmap) -> Option<SafeguardsView> {
    let checklist = framework.safeguards.as_ref()?;
    let review = roadmap.safeguards.as_ref()?;
    let action_title = |id: &str| {
        roadmap
            .actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let item_title = |evidence: &SafeguardEvidence| {
        if evidence.criterion {
            framework
                .bb_rubric
                .criteria
                .iter()
                .find(|c| c.id == evidence.item)
                .map(|c| tf("safeguards-criterion", &[("title", (&c.title).into())]))
                .unwrap_or_else(|| evidence.item.clone())
        } else {
            framework
                .indicator(&evidence.item)
                .map(|i| i.title.clone())
                .unwrap_or_else(|| evidence.item.clone())
        }
    };
    let principles: Vec<PrincipleView> = checklist
        .principles
        .iter()
        .zip(&review.principles)
        .map(|(principle, judged)| {
            let (status, label) = principle_status(judged.status);
            let evidence: Vec<String> = judged
                .evidence
                .iter()
                .map(|e| match e.level {
                    Some(level) => tf(
                        "safeguards-evidence",
                        &[("item", item_title(e).into()), ("level", level.into())],
                    ),
                    None => tf("safeguards-evidence-unknown", &[("item", item_title(e).into())]),
                })
                .collect();
            PrincipleView {
                title: tf(
                    "safeguards-title",
                    &[("id", (&principle.id).into()), ("name", (&principle.name).into())],
                ),
                description: principle.description.clone(),
                status: status.to_string(),
                status_label: label,
                evidence: evidence.join("; "),
                actions: actions_text(&judged.actions, &action_title),
            }
        })
        .collect();
    let risks: Vec<RiskView> = checklist
        .risks
        .iter()
        .zip(&review.risks)
        .map(|(risk, judged)| {
            let (status, label) = risk_status(judged.status);
            RiskView {
                title: tf(
                    "safeguards-title",
                    &[("id", (&risk.id).into()), ("name", (&risk.name).into())],
                ),
                description: risk.description.clone(),
                status: status.to_string(),
                status_label: label,
                principles: judged.principles.join(", "),
                actions: tf(
                    "safeguards-risk-actions",
                    &[("count", judged.actions.len().into())],
                ),
            }
        })
        .collect();
    let authorities = checklist
        .authorities
        .iter()
        .zip(&review.authorities)
        .map(|(authority, judged)| AuthorityView {
            title: tf(
                "safeguards-title",
                &[("id", (&authority.id).into()), ("name", (&authority.name).into())],
            ),
            description: authority.description.clone(),
            part: if authority.roles.is_empty() {
                t("safeguards-authority-no-role")
            } else {
                tf(
                    "safeguards-authority-part",
                    &[
                        ("owned", judged.owned.into()),
                        ("contributed", judged.contributed.into()),
                    ],
                )
            },
        })
        .collect();
    let count = |status: SafeguardStatus| review.principles.iter().filter(|p| p.status == status).count();
    let open = review
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Open)
        .count();
    Some(SafeguardsView {
        summary: tf(
            "safeguards-summary",
            &[
                ("principles", review.principles.len().into()),
                ("met", count(SafeguardStatus::Met).into()),
                ("partly", count(SafeguardStatus::Partly).into()),
                ("not_met", count(SafeguardStatus::NotMet).into()),
                ("unknown", count(SafeguardStatus::Unknown).into()),
                ("open", open.into()),
                ("risks", review.risks.len().into()),
            ],
        ),
        source: tf(
            "safeguards-source",
            &[
                ("source", (&checklist.source).into()),
                ("licence", (&checklist.licence).into()),
            ],
        ),
        principles,
        risks,
        authorities,
    })
}

fn principle_status(status: SafeguardStatus) -> (&'static str, String) {
    match status {
        SafeguardStatus::Met => ("met", t("safeguards-met")),
        SafeguardStatus::Partly => ("partly", t("safeguards-partly")),
        SafeguardStatus::NotMet => ("not_met", t("safeguards-not-met")),
        SafeguardStatus::Unknown => ("unknown", t("safeguards-unknown")),
    }
}

fn risk_status(status: RiskStatus) -> (&'static str, String) {
    match status {
        RiskStatus::Open => ("open", t("safeguards-risk-open")),
        RiskStatus::Partly => ("partly", t("safeguards-risk-partly")),
        RiskStatus::Addressed => ("addressed", t("safeguards-risk-addressed")),
        RiskStatus::Unknown => ("unknown", t("safeguards-unknown")),
    }
}

/// The planned actions addressing a principle: the first few by title, the rest counted.
fn actions_text(ids: &[String], title: &dyn Fn(&str) -> String) -> String {
    if ids.is_empty() {
        return t("safeguards-no-action");
    }
    let named: Vec<String> = ids.iter().take(ACTIONS_NAMED).map(|id| title(id)).collect();
    tf(
        "safeguards-actions",
        &[
            ("count", ids.len().into()),
            ("titles", named.join("; ").into()),
            ("more", ids.len().saturating_sub(ACTIONS_NAMED).into()),
        ],
    )
}
