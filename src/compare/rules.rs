//! Common rules: what each input of a comparison was scored under, and how every country is put
//! under the same rules before any number is compared.
//!
//! In: the inputs' [`Results`] (their `rules`, with the overrides assessment.yaml set, and their
//! questionnaires) and whether mixed rules are allowed. Out: per input, its [`InputRules`] (its own
//! rules and how the comparison treats them) and the framework weights that undo its weight
//! overrides ([`framework_weights`], which `tree` uses in place of the scored weights); or the
//! per input, what cannot be undone from a results.json alone (the caller names the inputs).
//! Not here: recomputing scores (`tree`), words (`report::compare`).
//!
//! The reference is the framework's defaults, not the first input's rules:
//! - **Weights** set in assessment.yaml are undone: the input's tree is rebuilt with the
//!   framework's weight for each overridden node, so its overall, pillar and dimension scores are
//!   the ones a default run would give (bit for bit: the same operations on the same weights).
//! - **Targets** enter no compared score or rank; they are listed, and progress keeps each
//!   country's own targets (progress is within a country).
//! - **Evidence policy** and **consolidation** change indicator scores in ways a results.json
//!   cannot undo (it holds the consolidated value, not every respondent's); inputs scored under
//!   another than the framework's, inputs whose **questionnaires** differ from the others' (a
//!   rapid scan next to a full assessment answers other indicators), inputs whose framework rules
//!   (bands, coverage floor, dispute spread, evidence cap, decision decimals) differ from the
//!   first input's, and results written before the rules were recorded (schema before 2.2.0)
//!   cannot be put under common rules: the comparison is refused, naming each, unless mixed rules
//!   are allowed — then every input is compared as scored, under its own rules, nothing undone,
//!   and the rows of every input whose compared numbers rest on rules other than the framework's
//!   (its own weights, or anything above) are marked.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Results, RuleOverride};

/// How the comparison treats an input's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Treatment {
    /// Scored under the framework's rules: compared as scored.
    Framework,
    /// Its weight overrides were undone: compared under the framework's weights.
    WeightsUndone,
    /// Compared as scored under its own rules, which differ from the framework's (mixed rules
    /// allowed): its rows are marked.
    OwnRules,
}

/// Something about an input's rules that a results.json cannot undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Irreconcilable {
    /// The results do not record the overrides (written before results schema 2.2.0).
    NotRecorded,
    /// Scored under another evidence policy than the framework's.
    EvidencePolicy {
        /// The policy used.
        assessment: String,
        /// The framework's.
        framework: String,
    },
    /// Respondents consolidated by another rule than the framework's.
    Consolidation {
        /// The rule used.
        assessment: String,
        /// The framework's.
        framework: String,
    },
    /// Answers from other questionnaires than the first input's.
    Questionnaires {
        /// This input's (`id major`).
        assessment: Vec<String>,
        /// The first input's.
        reference: Vec<String>,
    },
    /// A framework rule with another value than in the first input's results.
    FrameworkRule {
        /// The rule's name in results.json (`bands`, `min_coverage`, …).
        rule: String,
    },
}

/// One input's rules, as the comparison lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct InputRules {
    /// The overrides its assessment.yaml set (none when the results do not record them).
    pub overrides: Option<Vec<RuleOverride>>,
    /// Its questionnaires, `id version`.
    pub questionnaires: Vec<String>,
    /// What could not be put under common rules (compared only with mixed rules allowed).
    pub irreconcilable: Vec<Irreconcilable>,
    /// How the comparison treats it.
    pub treatment: Treatment,
}

impl fmt::Display for Irreconcilable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Irreconcilable::NotRecorded => f.write_str(
                "its results.json does not record the rules it was scored under (written before results 2.2.0)",
            ),
            Irreconcilable::EvidencePolicy {
                assessment,
                framework,
            } => write!(f, "evidence policy `{assessment}` (framework: `{framework}`)"),
            Irreconcilable::Consolidation {
                assessment,
                framework,
            } => write!(f, "consolidation `{assessment}` (framework: `{framework}`)"),
            Irreconcilable::Questionnaires {
                assessment,
                reference,
            } => write!(
                f,
                "questionnaires {} (the first input: {})",
                assessment.join(", "),
                reference.join(", ")
            ),
            Irreconcilable::FrameworkRule { rule } => {
                write!(f, "rule `{rule}` differs from the first input's")
            }
        }
    }
}

/// Each input's rules, or the error naming what cannot be reconciled when mixed rules are not
/// allowed.
pub fn check(results: &[&Results], allow_mixed: bool) -> Result<Vec<InputRules>, Vec<Vec<Irreconcilable>>> {
    let Some(first) = results.first() else {
        return Ok(Vec::new());
    };
    let reference = questionnaire_majors(first);
    let mut all = Vec::with_capacity(results.len());
    let mut any_irreconcilable = false;
    for r in results {
        let mut irreconcilable = Vec::new();
        match &r.rules.overrides {
            None => irreconcilable.push(Irreconcilable::NotRecorded),
            Some(overrides) => {
                for o in overrides {
                    match o {
                        RuleOverride::EvidencePolicy {
                            framework,
                            assessment,
                        } => irreconcilable.push(Irreconcilable::EvidencePolicy {
                            assessment: assessment.code().to_string(),
                            framework: framework.code().to_string(),
                        }),
                        RuleOverride::Consolidation {
                            framework,
                            assessment,
                        } => irreconcilable.push(Irreconcilable::Consolidation {
                            assessment: assessment.code().to_string(),
                            framework: framework.code().to_string(),
                        }),
                        RuleOverride::Weight { .. } | RuleOverride::Target { .. } => {}
                    }
                }
            }
        }
        let own = questionnaire_majors(r);
        if own != reference {
            irreconcilable.push(Irreconcilable::Questionnaires {
                assessment: own.into_iter().collect(),
                reference: reference.iter().cloned().collect(),
            });
        }
        for rule in differing_framework_rules(first, r) {
            irreconcilable.push(Irreconcilable::FrameworkRule {
                rule: rule.to_string(),
            });
        }
        any_irreconcilable |= !irreconcilable.is_empty();
        all.push((r, irreconcilable));
    }
    if any_irreconcilable && !allow_mixed {
        return Err(all.into_iter().map(|(_, i)| i).collect());
    }
    Ok(all
        .into_iter()
        .map(|(r, irreconcilable)| {
            let overrides = r.rules.overrides.clone();
            let has_weights = overrides
                .iter()
                .flatten()
                .any(|o| matches!(o, RuleOverride::Weight { .. }));
            let treatment = if allow_mixed {
                if has_weights || !irreconcilable.is_empty() {
                    Treatment::OwnRules
                } else {
                    Treatment::Framework
                }
            } else if has_weights {
                Treatment::WeightsUndone
            } else {
                Treatment::Framework
            };
            InputRules {
                overrides,
                questionnaires: r
                    .questionnaires
                    .iter()
                    .map(|q| format!("{} {}", q.id, q.version))
                    .collect(),
                irreconcilable,
                treatment,
            }
        })
        .collect())
}

/// The framework weights of the nodes whose weight an input overrode, when the comparison undoes
/// them (treatment `WeightsUndone`); empty otherwise.
pub fn framework_weights(rules: &InputRules) -> HashMap<String, f64> {
    if rules.treatment != Treatment::WeightsUndone {
        return HashMap::new();
    }
    rules
        .overrides
        .iter()
        .flatten()
        .filter_map(|o| match o {
            RuleOverride::Weight { node, framework, .. } => Some((node.clone(), *framework)),
            _ => None,
        })
        .collect()
}

/// A results' questionnaires by id and major version: a minor or patch release asks the same
/// questions of the same indicators.
fn questionnaire_majors(results: &Results) -> BTreeSet<String> {
    results
        .questionnaires
        .iter()
        .map(|q| {
            let major = q.version.split('.').next().unwrap_or(&q.version);
            format!("{} {major}", q.id)
        })
        .collect()
}

/// The framework rules (not overridable in assessment.yaml) on which two results differ.
fn differing_framework_rules(a: &Results, b: &Results) -> Vec<&'static str> {
    let (a, b) = (&a.rules, &b.rules);
    let mut differ = Vec::new();
    if a.bands != b.bands {
        differ.push("bands");
    }
    if a.min_coverage != b.min_coverage {
        differ.push("min_coverage");
    }
    if a.dispute_spread != b.dispute_spread {
        differ.push("dispute_spread");
    }
    if a.evidence_cap_level != b.evidence_cap_level {
        differ.push("evidence_cap_level");
    }
    if a.decision_decimals != b.decision_decimals {
        differ.push("decision_decimals");
    }
    if a.inventory != b.inventory {
        differ.push("inventory");
    }
    differ
}
