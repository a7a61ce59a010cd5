//! The validation workshop's agenda: the indicators a workshop must settle, with everything the
//! participants need to settle them.
//!
//! In: [`Results`] and the framework (for level ladders). Out: a [`WorkshopView`] that both the
//! workshop pack (`report::workshop`, an xlsx to fill in) and the HTML report's annex show, so the
//! two list the same items in the same order. Decisions already recorded in the workspace are
//! carried into the items, so a pack written after a first session keeps them. Not here: wording
//! (the templates and the message catalogue do it) or writing files.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::one_decimal;
use crate::messages::{t, tf};
use crate::model::{AdjudicationOutcome, Framework, IndicatorResult, Results};

/// Every indicator the workshop should settle, in framework order.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct WorkshopView {
    /// The items.
    pub items: Vec<WorkshopItem>,
    /// How many of them the workspace's adjudications already decide.
    pub decided: usize,
}

/// One indicator put to the workshop.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct WorkshopItem {
    /// Indicator id.
    pub indicator: String,
    /// Its title.
    pub title: String,
    /// Its dimension's title.
    pub dimension: String,
    /// Why it is listed: `disputed`, `unverified`, `inconsistent`, `evidence_weak`; or `decided`
    /// when only an earlier decision keeps it on the list.
    pub reasons: Vec<String>,
    /// `reasons` in words, in the same order.
    pub listed_because: Vec<String>,
    /// What was decided, in words (the agreed level or contested, with the rationale), or that
    /// nothing is decided yet.
    pub decision_text: String,
    /// The consolidated value from the answers, one decimal, or empty.
    pub value_now: String,
    /// Its level, when it has one.
    pub level_now: Option<u8>,
    /// Lowest and highest respondent values, one decimal each.
    pub low: String,
    /// See `low`.
    pub high: String,
    /// Highest minus lowest respondent value, one decimal.
    pub spread: String,
    /// Every answer to its questions, by respondent then question.
    pub answers: Vec<WorkshopAnswer>,
    /// The five level descriptors, level 0 first.
    pub ladder: Vec<String>,
    /// What the workspace's adjudications already decided, if anything.
    pub decided: Option<WorkshopDecision>,
}

/// One respondent's answer, as the workshop sees it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct WorkshopAnswer {
    /// Respondent.
    pub respondent: String,
    /// Institution, or empty.
    pub institution: String,
    /// Whether the institution is authoritative for the indicator.
    pub authoritative: bool,
    /// Question id.
    pub question: String,
    /// As written.
    pub given: String,
    /// Level read, or `na` / `unknown`.
    pub level: String,
    /// Evidence cited, or empty.
    pub evidence: String,
    /// Comment, or empty.
    pub comment: String,
}

/// A decision already recorded.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct WorkshopDecision {
    /// The agreed level as the pack's `agreed_level` column writes it: `0`..`4` or `contested`.
    pub agreed_level: String,
    /// Rationale, or empty.
    pub rationale: String,
    /// Evidence, or empty.
    pub evidence: String,
    /// Who agreed, or empty.
    pub agreed_by: String,
    /// When, or empty.
    pub agreed_on: String,
}

/// A reason an indicator is listed, in words.
fn reason_text(reason: &str) -> String {
    match reason {
        "disputed" => t("workshop-reason-disputed"),
        "unverified" => t("workshop-reason-unverified"),
        "inconsistent" => t("workshop-reason-inconsistent"),
        "decided" => t("workshop-reason-decided"),
        _ => t("workshop-reason-evidence-weak"),
    }
}

/// A recorded decision in words, or that there is none yet.
fn decision_text(decided: Option<&WorkshopDecision>) -> String {
    let Some(d) = decided else {
        return t("workshop-open");
    };
    let outcome = if d.agreed_level == "contested" {
        t("review-status-contested")
    } else {
        tf("workshop-agreed-level", &[("level", (&d.agreed_level).into())])
    };
    if d.rationale.is_empty() {
        outcome
    } else {
        tf(
            "workshop-decision-rationale",
            &[("outcome", outcome.into()), ("rationale", (&d.rationale).into())],
        )
    }
}

/// Why an indicator goes to the workshop, in the order the reasons are listed; none when nothing
/// about it is open.
pub fn reasons(indicator: &IndicatorResult) -> Vec<String> {
    [
        (indicator.disputed, "disputed"),
        (indicator.unverified, "unverified"),
        (indicator.inconsistent, "inconsistent"),
        (indicator.evidence_weak, "evidence_weak"),
    ]
    .into_iter()
    .filter(|(open, _)| *open)
    .map(|(_, reason)| reason.to_string())
    .collect()
}

/// The workshop's agenda for a scored assessment. An indicator the workshop already decided stays
/// on it, with its decision.
pub fn workshop(results: &Results, framework: &Framework) -> WorkshopView {
    let mut items = Vec::new();
    for dimension in results.pillars.iter().flat_map(|p| &p.dimensions) {
        for indicator in &dimension.indicators {
            let mut reasons = reasons(indicator);
            // A decision stays in the pack even once it closed what was open (an agreed level 2
            // is no longer unverified), so that a pack written again carries every decision.
            if reasons.is_empty() {
                if indicator.adjudication.is_none() {
                    continue;
                }
                reasons.push("decided".to_string());
            }
            let ladder = framework
                .indicator(&indicator.id)
                .map(|i| i.levels.to_vec())
                .unwrap_or_default();
            let authoritative = |respondent: &str| {
                indicator
                    .authoritative_respondents
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(respondent))
            };
            let values = &indicator.respondent_values;
            let decided = indicator.adjudication.as_ref().map(|a| WorkshopDecision {
                agreed_level: match (a.outcome, a.agreed_level) {
                    (AdjudicationOutcome::Agreed, Some(level)) => level.to_string(),
                    _ => "contested".to_string(),
                },
                rationale: a.rationale.clone().unwrap_or_default(),
                evidence: a.evidence.clone().unwrap_or_default(),
                agreed_by: a.agreed_by.clone().unwrap_or_default(),
                agreed_on: a.agreed_on.clone().unwrap_or_default(),
            });
            items.push(WorkshopItem {
                listed_because: reasons.iter().map(|r| reason_text(r)).collect(),
                decision_text: decision_text(decided.as_ref()),
                indicator: indicator.id.clone(),
                title: indicator.title.clone(),
                dimension: dimension.title.clone(),
                reasons,
                value_now: indicator
                    .adjudication
                    .as_ref()
                    .map_or(indicator.value, |a| a.answers_value)
                    .map(one_decimal)
                    .unwrap_or_default(),
                level_now: indicator.node.level,
                low: values.first().map(|v| one_decimal(*v)).unwrap_or_default(),
                high: values.last().map(|v| one_decimal(*v)).unwrap_or_default(),
                spread: one_decimal(indicator.spread),
                answers: indicator
                    .answers
                    .iter()
                    .map(|a| WorkshopAnswer {
                        respondent: a.respondent.clone(),
                        institution: a.institution.clone().unwrap_or_default(),
                        authoritative: authoritative(&a.respondent),
                        question: a.question_id.clone(),
                        given: a.given.clone(),
                        level: a.level.map(|l| l.to_string()).unwrap_or_else(|| a.kind.clone()),
                        evidence: a.evidence.clone().unwrap_or_default(),
                        comment: a.comment.clone().unwrap_or_default(),
                    })
                    .collect(),
                ladder,
                decided,
            });
        }
    }
    let decided = items.iter().filter(|i| i.decided.is_some()).count();
    WorkshopView { items, decided }
}
