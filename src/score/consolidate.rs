//! One indicator's answers → one consolidated level value, with its flags.
//!
//! In: the answers to the questions of one indicator (any order) and the rules in force. Out: what
//! the answers say (levels, unknown, not applicable, missing), the consolidated value, each
//! respondent's value, the spread and the `disputed` / `unverified` / `evidence_capped` flags.
//! Pure; the result does not depend on the order of the answers.

use std::collections::BTreeMap;

use crate::model::{Answer, AnswerResult, Answered, Consolidation, EvidencePolicy, Response, RulesInForce};

use super::band_level;

/// What one indicator's answers come to.
#[derive(Debug, Clone, PartialEq)]
pub struct Consolidated {
    /// Levels, unknown, not applicable or missing.
    pub answered: Answered,
    /// The consolidated value after the evidence cap (none without levels).
    pub value: Option<f64>,
    /// The respondents whose values alone made `value` under `consolidation: authoritative`, in
    /// order of name; empty when everyone's values did.
    pub authoritative_respondents: Vec<String>,
    /// Each respondent's value, ascending.
    pub respondent_values: Vec<f64>,
    /// Highest minus lowest respondent value (0 with fewer than two).
    pub spread: f64,
    /// Two or more respondents at least the dispute spread apart.
    pub disputed: bool,
    /// Level 3 or 4 and no answer that gave a level has supporting evidence.
    pub unverified: bool,
    /// The evidence cap lowered the value.
    pub evidence_capped: bool,
    /// The answers, by respondent then question.
    pub answers: Vec<AnswerResult>,
}

/// One respondent's answers to an indicator's questions.
#[derive(Default)]
struct RespondentAnswers {
    levels: Vec<f64>,
    unknown: bool,
    /// An answer names an institution that holds one of the indicator's authority roles.
    authoritative: bool,
    /// The name as written, for results (the spelling first in byte order).
    name: String,
}

/// Consolidates one indicator's answers.
///
/// Per respondent, the levels of their answers to the indicator's questions are averaged (`na` and
/// `unknown` answers leave that mean); a respondent with no level but an `unknown` counts as not
/// knowing. Across respondents, the rule in force (median by default, the lower middle for an
/// even count) combines the respondents' values. Respondents who said `na` while others gave
/// levels are left out: the indicator applies to the country if anyone can rate it.
///
/// `authorities` are the institutions (trimmed, lowercase) that hold the indicator's authority
/// roles in this country; under `consolidation: authoritative` the respondents from them decide
/// when any of them gave a level.
///
/// `supports` says whether an answer has supporting evidence for this indicator (see
/// `model::EvidenceJudge::supports`): a value at level 3 or 4 is unverified, and under the cap
/// policy capped, when no answer that gave a level has it.
pub fn consolidate(
    answers: &[&Answer],
    rules: &RulesInForce,
    authorities: &[String],
    supports: &dyn Fn(&Answer) -> bool,
) -> Consolidated {
    let mut by_respondent: BTreeMap<String, RespondentAnswers> = BTreeMap::new();
    for answer in answers {
        let entry = by_respondent.entry(answer.respondent.to_lowercase()).or_default();
        // The spelling first in byte order, so that the order of rows never shows.
        if entry.name.is_empty() || answer.respondent < entry.name {
            entry.name = answer.respondent.clone();
        }
        if let Some(institution) = &answer.institution {
            entry.authoritative |= authorities.contains(&institution.trim().to_lowercase());
        }
        match answer.response {
            Response::Level { level } => entry.levels.push(f64::from(level)),
            Response::Unknown => entry.unknown = true,
            Response::NotApplicable => {}
        }
    }
    let mut respondent_values: Vec<f64> = by_respondent
        .values()
        .filter(|r| !r.levels.is_empty())
        .map(|r| mean_sorted(&r.levels))
        .collect();
    respondent_values.sort_by(f64::total_cmp);

    let answered = if !respondent_values.is_empty() {
        Answered::Levels
    } else if by_respondent.values().any(|r| r.unknown) {
        Answered::Unknown
    } else if !answers.is_empty() {
        Answered::NotApplicable
    } else {
        Answered::Missing
    };

    // The authoritative respondents who gave a level, and their values (ascending).
    let deciding: Vec<(&str, f64)> = by_respondent
        .values()
        .filter(|r| r.authoritative && !r.levels.is_empty())
        .map(|r| (r.name.as_str(), mean_sorted(&r.levels)))
        .collect();
    let by_authority = rules.consolidation == Consolidation::Authoritative && !deciding.is_empty();
    let consolidated = if by_authority {
        let mut values: Vec<f64> = deciding.iter().map(|(_, v)| *v).collect();
        values.sort_by(f64::total_cmp);
        combine(&values, Consolidation::Median)
    } else {
        combine(&respondent_values, rules.consolidation)
    };
    let authoritative_respondents: Vec<String> = if by_authority {
        deciding.iter().map(|(name, _)| name.to_string()).collect()
    } else {
        Vec::new()
    };
    let spread = match (respondent_values.first(), respondent_values.last()) {
        (Some(low), Some(high)) => high - low,
        _ => 0.0,
    };
    let disputed = respondent_values.len() >= 2
        && super::decision_key(spread) >= super::decision_key(f64::from(rules.dispute_spread));
    let has_evidence = answers
        .iter()
        .any(|a| matches!(a.response, Response::Level { .. }) && supports(a));
    let unverified = consolidated.is_some_and(|v| band_level(v * 25.0, &rules.bands) >= 3) && !has_evidence;
    // Under the cap policy every unsupported value above the cap level comes down to it, not only
    // those already at level 3 or 4: capping only from level 3 would let a value of 2.4 (level 2,
    // left alone) score more than 2.6 (level 3, capped to 2), and raising an answer could then
    // lower the score.
    let cap = f64::from(rules.evidence_cap_level);
    let evidence_capped = rules.evidence_policy == EvidencePolicy::Cap
        && !has_evidence
        && consolidated.is_some_and(|v| super::decision_key(v) > super::decision_key(cap));
    let value = if evidence_capped {
        consolidated.map(|v| v.min(cap))
    } else {
        consolidated
    };

    let mut listed: Vec<AnswerResult> = answers.iter().map(|a| answer_result(a)).collect();
    listed.sort_by(|a, b| {
        (a.respondent.to_lowercase(), &a.question_id, &a.given).cmp(&(
            b.respondent.to_lowercase(),
            &b.question_id,
            &b.given,
        ))
    });
    Consolidated {
        answered,
        value,
        authoritative_respondents,
        respondent_values,
        spread,
        disputed,
        unverified,
        evidence_capped,
        answers: listed,
    }
}

/// Combines respondents' values (sorted ascending) by the consolidation rule.
pub fn combine(sorted: &[f64], rule: Consolidation) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    Some(match rule {
        // The lower of the two middle values for an even count: the conservative reading.
        // `authoritative` falls back to it when no authoritative respondent gave a level.
        Consolidation::Median | Consolidation::Authoritative => sorted[(sorted.len() - 1) / 2],
        Consolidation::Minimum => sorted[0],
        Consolidation::Mean => mean_sorted(sorted),
    })
}

/// Mean, summed in ascending order so that the result never depends on input order.
fn mean_sorted(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.iter().sum::<f64>() / sorted.len() as f64
}

fn answer_result(answer: &Answer) -> AnswerResult {
    let (level, kind) = match answer.response {
        Response::Level { level } => (Some(level), "level"),
        Response::NotApplicable => (None, "na"),
        Response::Unknown => (None, "unknown"),
    };
    AnswerResult {
        respondent: answer.respondent.clone(),
        institution: answer.institution.clone(),
        question_id: answer.question_id.clone(),
        given: answer.given.clone(),
        level,
        kind: kind.to_string(),
        reading: answer.reading.clone(),
        evidence: answer.evidence.clone(),
        comment: answer.comment.clone(),
    }
}
