//! The validation workshop's decisions applied to consolidated indicators (method §4a).
//!
//! In: an indicator's [`Consolidated`] answers and the workshop's [`Adjudication`] for it, if any.
//! Out: the consolidated value the scoring goes on with, and what results report of the decision.
//! Pure. Not here: reading the decisions (`ingest::adjudications`) or the review status, which
//! `score::review` derives once every flag is known.

use crate::model::{Adjudication, AdjudicationOutcome, AdjudicationResult, Decision, RulesInForce};

use super::band_level;
use super::consolidate::Consolidated;

/// Applies a decision to one indicator: an agreed level replaces the consolidated value exactly
/// and is never capped for want of evidence (the workshop weighed the evidence); `unverified` is
/// judged again on the agreed level, with the decision's own evidence counting as an answer's
/// would. The respondents' values, spread and `disputed` stay as the answers gave them. A
/// `contested` decision changes no number.
pub fn adjudicate(
    c: &mut Consolidated,
    adjudication: &Adjudication,
    rules: &RulesInForce,
    supports: impl Fn(&str) -> bool,
) -> AdjudicationResult {
    let answers_value = c.value;
    let agreed_level = match adjudication.decision {
        Decision::Agreed { level } => {
            let value = f64::from(level);
            let answered_with_support = c
                .answers
                .iter()
                .any(|a| a.level.is_some() && a.evidence.as_deref().is_some_and(&supports));
            let decision_support = adjudication.evidence.as_deref().is_some_and(&supports);
            c.value = Some(value);
            c.evidence_capped = false;
            c.unverified =
                band_level(value * 25.0, &rules.bands) >= 3 && !answered_with_support && !decision_support;
            Some(level)
        }
        Decision::Contested => None,
    };
    AdjudicationResult {
        outcome: match adjudication.decision {
            Decision::Agreed { .. } => AdjudicationOutcome::Agreed,
            Decision::Contested => AdjudicationOutcome::Contested,
        },
        agreed_level,
        answers_value,
        rationale: adjudication.rationale.clone(),
        evidence: adjudication.evidence.clone(),
        agreed_by: adjudication.agreed_by.clone(),
        agreed_on: adjudication.agreed_on.map(|d| d.to_string()),
        file: adjudication.source.file.to_string(),
        sheet: adjudication.source.sheet.as_deref().map(str::to_string),
    }
}
