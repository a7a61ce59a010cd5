//! Properties of scoring (docs/method.md), checked on the kalindra-2024 sample mutated in memory:
//! every score stays within 0..100 and every coverage within 0..1; the order of input rows never
//! changes the results JSON; raising one answer never lowers a score; and an `na` answer from a new
//! respondent changes no other indicator, nor its own indicator when that one already had levels.
//!
//! The sample is loaded once and cloned per case. Case counts are kept modest so that the file
//! runs in a few seconds in a debug build; `PROPTEST_CASES=1000 cargo test --test cli
//! score_properties` digs deeper.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{
    Answer, Answered, Assessment, Consolidation, EvidencePolicy, IndicatorResult, NodeScore, Response,
    Results, RowRef,
};
use dpi_assess::score::score;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::repo;

/// Cases per property: enough to explore, few enough for a quick debug run.
const CASES: u32 = 64;

/// `CASES` cases, or as many as `PROPTEST_CASES` says (`with_cases` alone would ignore it).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig::with_cases(cases)
}

/// Slack for comparing scores that went through different float sums. Real changes are whole
/// fractions of a level (≥ 25 / (questions × respondents) points), far above this.
const EPSILON: f64 = 1e-9;

/// The kalindra-2024 sample as loaded from disk, once.
fn sample() -> &'static Assessment {
    static SAMPLE: OnceLock<Assessment> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let (assessment, found) = load_assessment(&repo("sample-data/kalindra-2024"));
        assessment.unwrap_or_else(|| panic!("kalindra-2024 does not load: {found:#?}"))
    })
}

/// The sample's results JSON, once.
fn sample_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| serde_json::to_string_pretty(&score(sample())).unwrap())
}

// ---- Strategies ---------------------------------------------------------------------------

/// What happens to one answer of the sample.
#[derive(Debug, Clone, Copy)]
enum Change {
    /// Left as it is (first, so that shrinking heads back to the sample).
    Keep,
    /// Its response replaced.
    Replace(Response),
    /// Left out.
    Drop,
}

fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        6 => (0u8..=4).prop_map(|level| Response::Level { level }),
        1 => Just(Response::NotApplicable),
        1 => Just(Response::Unknown),
    ]
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        5 => Just(Change::Keep),
        4 => response().prop_map(Change::Replace),
        1 => Just(Change::Drop),
    ]
}

/// Random changes to the sample: one per answer, one keep/drop flag per system, and the
/// consolidation rule and evidence policy in force.
#[derive(Debug, Clone)]
struct Mutation {
    answers: Vec<Change>,
    keep_systems: Vec<bool>,
    consolidation: Consolidation,
    evidence_policy: EvidencePolicy,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let sample = sample();
    (
        prop::collection::vec(change(), sample.answers.len()),
        prop::collection::vec(prop::bool::weighted(0.85), sample.systems.len()),
        prop::sample::select(Consolidation::ALL),
        prop::sample::select(EvidencePolicy::ALL),
    )
        .prop_map(
            |(answers, keep_systems, consolidation, evidence_policy)| Mutation {
                answers,
                keep_systems,
                consolidation,
                evidence_policy,
            },
        )
}

/// Answers of the sample after `changes`, each with its position in the sample.
fn changed_answers(changes: &[Change]) -> Vec<(usize, Answer)> {
    sample()
        .answers
        .iter()
        .zip(changes)
        .enumerate()
        .filter_map(|(i, (answer, change))| match change {
            Change::Keep => Some((i, answer.clone())),
            Change::Replace(response) => Some((
                i,
                Answer {
                    response: *response,
                    reading: None,
                    ..answer.clone()
                },
            )),
            Change::Drop => None,
        })
        .collect()
}

/// The sample with a mutation applied, or the sample itself without one.
fn assessment(mutation: Option<&Mutation>) -> Assessment {
    let mut assessment = sample().clone();
    if let Some(m) = mutation {
        assessment.answers = changed_answers(&m.answers).into_iter().map(|(_, a)| a).collect();
        assessment.systems = sample()
            .systems
            .iter()
            .zip(&m.keep_systems)
            .filter(|(_, keep)| **keep)
            .map(|(s, _)| s.clone())
            .collect();
        assessment.framework.rules.consolidation = m.consolidation;
        assessment.workspace.evidence_policy = Some(m.evidence_policy);
    }
    assessment
}

/// Applies a permutation (a shuffled `0..n`) to a list of length n.
fn permuted<T: Clone>(items: &[T], permutation: &[usize]) -> Vec<T> {
    assert_eq!(items.len(), permutation.len());
    permutation.iter().map(|&i| items[i].clone()).collect()
}

fn permutation(n: usize) -> impl Strategy<Value = Vec<usize>> {
    Just((0..n).collect::<Vec<usize>>()).prop_shuffle()
}

// ---- Walking the results ------------------------------------------------------------------

/// Every node of the results with a name that says where it is.
fn nodes(results: &Results) -> Vec<(String, &NodeScore)> {
    let mut out = vec![("overall".to_string(), &results.overall)];
    for pillar in &results.pillars {
        out.push((format!("pillar {}", pillar.id), &pillar.node));
        for dimension in &pillar.dimensions {
            out.push((
                format!("dimension {}/{}", pillar.id, dimension.id),
                &dimension.node,
            ));
            for indicator in &dimension.indicators {
                out.push((
                    format!("indicator {}/{}/{}", pillar.id, dimension.id, indicator.id),
                    &indicator.node,
                ));
            }
        }
        for bb in &pillar.building_blocks {
            out.push((format!("building block {}", bb.id), &bb.node));
        }
    }
    out
}

/// Order for reporting nodes named by [`nodes`]: indicators first, the overall last.
fn depth(name: &str) -> usize {
    ["indicator", "dimension", "building block", "pillar", "overall"]
        .iter()
        .position(|prefix| name.starts_with(prefix))
        .unwrap_or(0)
}

/// Every indicator of the results, in framework order.
fn indicators(results: &Results) -> Vec<&IndicatorResult> {
    results
        .pillars
        .iter()
        .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
        .collect()
}

/// The score a node had before caps: `uncapped_score` when a cap lowered it, else its score.
fn before_caps(node: &NodeScore) -> Option<f64> {
    node.uncapped_score.or(node.score)
}

/// The first line where two texts differ, with its number, for failure messages.
fn first_difference(expected: &str, actual: &str) -> String {
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    format!(
        "line {}: expected `{}`, got `{}`",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    )
}

/// Checks that every score is within 0..=100 and every coverage within 0..=1.
fn check_ranges(results: &Results) -> Result<(), TestCaseError> {
    let in_score_range = |s: f64| (0.0..=100.0).contains(&s);
    for (name, node) in nodes(results) {
        if let Some(s) = node.score {
            prop_assert!(in_score_range(s), "{name}: score {s} is outside 0..=100");
        }
        if let Some(s) = node.uncapped_score {
            prop_assert!(in_score_range(s), "{name}: uncapped score {s} is outside 0..=100");
        }
        prop_assert!(
            (0.0..=1.0).contains(&node.coverage),
            "{name}: coverage {} is outside 0..=1",
            node.coverage
        );
        if let Some(level) = node.level {
            prop_assert!(level <= 4, "{name}: level {level} is above 4");
        }
    }
    for bb in results.pillars.iter().flat_map(|p| &p.building_blocks) {
        for criterion in &bb.criteria {
            if let Some(value) = criterion.value {
                prop_assert!(
                    in_score_range(value * 25.0),
                    "building block {} criterion {}: value {value} × 25 = {} is outside 0..=100",
                    bb.id,
                    criterion.id,
                    value * 25.0
                );
            }
        }
    }
    Ok(())
}

/// Raises the answer at `index` (a level below 4) by one and checks that no node's score drops.
fn check_raise(base: &Assessment, index: usize) -> Result<(), TestCaseError> {
    let answer = &base.answers[index];
    let Response::Level { level } = answer.response else {
        unreachable!("only levels below 4 are raised");
    };
    let mut raised = base.clone();
    raised.answers[index].response = Response::Level { level: level + 1 };
    let before = score(base);
    let after = score(&raised);
    let what = format!(
        "raising {} / {} (indicator {}) from level {level} to {}",
        answer.respondent,
        answer.question_id,
        answer.indicator,
        level + 1
    );
    // Every node that fell, lowest first, so that the message starts with the cause.
    let mut falls: Vec<(usize, String)> = Vec::new();
    for ((name, b), (_, a)) in nodes(&before).into_iter().zip(nodes(&after)) {
        let mut compared = vec![("score", b.score, a.score)];
        if b.uncapped_score.is_some() || a.uncapped_score.is_some() {
            compared.push(("score before caps", before_caps(b), before_caps(a)));
        }
        for (kind, b, a) in compared {
            match (b, a) {
                (Some(b), Some(a)) if a < b - EPSILON => {
                    falls.push((depth(&name), format!("{name} {kind} fell from {b} to {a}")));
                }
                (Some(b), None) => falls.push((depth(&name), format!("{name} lost its {kind} (was {b})"))),
                _ => {}
            }
        }
    }
    falls.sort_by_key(|(depth, _)| *depth);
    let falls: Vec<String> = falls.into_iter().map(|(_, f)| f).collect();
    prop_assert!(falls.is_empty(), "{what}: {}", falls.join("; "));
    Ok(())
}

/// Indices of the answers that are a level below 4.
fn raisable(assessment: &Assessment) -> Vec<usize> {
    assessment
        .answers
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(a.response, Response::Level { level } if level < 4))
        .map(|(i, _)| i)
        .collect()
}

proptest! {
    #![proptest_config(config())]

    /// Multiplying every weight of the framework by one decimal factor (1.1, 2.2, 3.3, 0.7 …)
    /// changes no level, no provisional flag, no cap and no gap order: the decisions are taken on
    /// the decimal values, not on how binary floating point happens to round the weighted means.
    #[test]
    fn a_common_decimal_factor_on_every_weight_changes_no_decision(
        mutation in mutation(),
        factor in prop::sample::select(vec![0.1, 0.3, 0.7, 1.1, 2.2, 3.3, 1.3]),
    ) {
        let base = assessment(Some(&mutation));
        let mut scaled = base.clone();
        for pillar in &mut scaled.framework.pillars {
            pillar.weight *= factor;
            for dimension in &mut pillar.dimensions {
                dimension.weight *= factor;
                for indicator in &mut dimension.indicators {
                    indicator.weight *= factor;
                }
            }
        }
        for bb in &mut scaled.framework.building_blocks {
            bb.weight *= factor;
        }
        for criterion in &mut scaled.framework.bb_rubric.criteria {
            criterion.weight *= factor;
        }
        let (a, b) = (score(&base), score(&scaled));
        for ((name, x), (_, y)) in nodes(&a).into_iter().zip(nodes(&b)) {
            prop_assert_eq!(x.level, y.level, "{} changed level under weights × {}", name, factor);
            prop_assert_eq!(x.provisional, y.provisional, "{}", name);
            prop_assert_eq!(&x.capped_by, &y.capped_by, "{}", name);
        }
        let order = |r: &Results| r.gaps.iter().map(|g| g.id.clone()).collect::<Vec<_>>();
        prop_assert_eq!(order(&a), order(&b), "gap order changed under weights × {}", factor);
        prop_assert_eq!(&a.disputed, &b.disputed);
        prop_assert_eq!(a.inconsistencies.len(), b.inconsistencies.len());
    }

    /// Scores 0..=100 (overall, pillars, dimensions, indicators, BBs, BB criteria × 25) and
    /// coverages 0..=1, on the sample and on random responses with answers and systems left out,
    /// under every consolidation rule and evidence policy.
    #[test]
    fn scores_and_coverages_stay_in_range(mutation in mutation()) {
        check_ranges(&score(sample()))?;
        check_ranges(&score(&assessment(Some(&mutation))))?;
    }

    /// The order of answers, systems and services never changes the results JSON, on the sample
    /// as loaded and on a mutated copy.
    #[test]
    fn input_order_never_changes_the_json(
        mutate in any::<bool>(),
        mutation in mutation(),
        answer_order in permutation(sample().answers.len()),
        system_order in permutation(sample().systems.len()),
        service_order in permutation(sample().services.len()),
    ) {
        let mutation = mutate.then_some(&mutation);
        let original = assessment(mutation);
        let expected = if mutate {
            serde_json::to_string_pretty(&score(&original)).unwrap()
        } else {
            sample_json().to_string()
        };
        // Shuffle the sample's rows, then apply the same per-row changes: the same rows as
        // `original`, in another order.
        let mut shuffled = original.clone();
        let answers: Vec<Option<Answer>> = match mutation {
            Some(m) => {
                let mut slots = vec![None; sample().answers.len()];
                for (i, answer) in changed_answers(&m.answers) {
                    slots[i] = Some(answer);
                }
                slots
            }
            None => sample().answers.iter().cloned().map(Some).collect(),
        };
        shuffled.answers = permuted(&answers, &answer_order).into_iter().flatten().collect();
        let keep_systems = match mutation {
            Some(m) => m.keep_systems.clone(),
            None => vec![true; sample().systems.len()],
        };
        shuffled.systems = permuted(&sample().systems, &system_order)
            .into_iter()
            .zip(permuted(&keep_systems, &system_order))
            .filter(|(_, keep)| *keep)
            .map(|(s, _)| s)
            .collect();
        shuffled.services = permuted(&sample().services, &service_order);
        prop_assert_eq!(shuffled.answers.len(), original.answers.len());
        prop_assert_eq!(shuffled.systems.len(), original.systems.len());

        let actual = serde_json::to_string_pretty(&score(&shuffled)).unwrap();
        prop_assert!(
            actual == expected,
            "results differ after shuffling ({} answers, {} systems, {} services): {}",
            shuffled.answers.len(),
            shuffled.systems.len(),
            shuffled.services.len(),
            first_difference(&expected, &actual)
        );
    }

    /// Raising one answer by a level never lowers any node's score (indicator, dimension,
    /// pillar, BB or overall), on the sample and on random responses, under the sample's
    /// `evidence_policy: flag` and every consolidation rule.
    ///
    /// Caps cannot make this fail spuriously, so both the final score and the score before caps
    /// are compared. A cap fires while its indicator's level is below a threshold; raising an
    /// answer never lowers an indicator's level (median, minimum and mean are all monotone), so a
    /// cap can only stop firing, never start. A firing cap maps a node's pre-cap score u to
    /// min(u, max_score), which is monotone in u, and a cap that stops firing gives u' ≥ u ≥
    /// min(u, max_score). Nodes combine their children's final scores by weighted means (or
    /// minimum), both monotone, so the argument carries up the tree.
    #[test]
    fn raising_an_answer_never_lowers_a_score(
        mutate in any::<bool>(),
        mutation in mutation(),
        pick in any::<Index>(),
    ) {
        let mut base = assessment(mutate.then_some(&mutation));
        base.workspace.evidence_policy = Some(EvidencePolicy::Flag);
        let candidates = raisable(&base);
        prop_assume!(!candidates.is_empty());
        check_raise(&base, candidates[pick.index(candidates.len())])?;
    }

    /// An `na` answer from a new respondent to any question of the questionnaire changes no other
    /// indicator, and leaves its own indicator's value and score alone when that one already had
    /// levels (respondents who answered only `na` are left out when others gave levels).
    #[test]
    fn an_na_answer_changes_no_other_indicator(
        mutate in any::<bool>(),
        mutation in mutation(),
        pick in any::<Index>(),
    ) {
        let base = assessment(mutate.then_some(&mutation));
        let questions: Vec<_> = base.questionnaires.iter().flat_map(|q| &q.questions).collect();
        let question = questions[pick.index(questions.len())];
        let respondent = "Proptest Respondent (na)";
        let known: BTreeSet<String> = base.answers.iter().map(|a| a.respondent.to_lowercase()).collect();
        prop_assert!(!known.contains(&respondent.to_lowercase()), "{respondent} is not new");
        let mut with_na = base.clone();
        with_na.answers.push(Answer {
            question_id: question.id.clone(),
            indicator: question.indicator.clone(),
            respondent: respondent.to_string(),
            institution: None,
            response: Response::NotApplicable,
            reading: None,
            given: "na".to_string(),
            evidence: None,
            evidence_column: None,
            comment: None,
            date: None,
            source: RowRef { file: "proptest.csv".into(), sheet: None, row: 2 },
        });
        let before = score(&base);
        let after = score(&with_na);
        let what = format!("an `na` to {} (indicator {})", question.id, question.indicator);
        for (b, a) in indicators(&before).into_iter().zip(indicators(&after)) {
            if b.id == question.indicator {
                if b.answered == Answered::Levels {
                    prop_assert!(
                        a.node.score == b.node.score && a.value == b.value,
                        "{what}: its own indicator {} (which had levels) went from score {:?} \
                         (value {:?}) to {:?} (value {:?})",
                        b.id, b.node.score, b.value, a.node.score, a.value
                    );
                }
            } else {
                prop_assert!(
                    a.node == b.node && a.value == b.value,
                    "{what}: indicator {} changed from score {:?} ({:?}, coverage {}) to {:?} \
                     ({:?}, coverage {})",
                    b.id, b.node.score, b.node.status, b.node.coverage,
                    a.node.score, a.node.status, a.node.coverage
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// The same monotonicity under `evidence_policy: cap`. It once failed: the cap lowered only
    /// level-3-or-4 values, so with `consolidation: mean` a value of 2.25 (level 2, untouched,
    /// 56.25) scored more than 2.5 (level 3, capped to 2.0, 50) on ppl-civil-servant-skills.
    /// The saved seed in proptest-regressions/ replays that case.
    #[test]
    fn raising_an_answer_never_lowers_a_score_under_the_evidence_cap(
        mutation in mutation(),
        strip_evidence in any::<bool>(),
        pick in any::<Index>(),
    ) {
        // Always mutated, and often without any evidence, so that unverified levels are common.
        let mut base = assessment(Some(&mutation));
        base.workspace.evidence_policy = Some(EvidencePolicy::Cap);
        if strip_evidence {
            for answer in &mut base.answers {
                answer.evidence = None;
            }
        }
        let candidates = raisable(&base);
        prop_assume!(!candidates.is_empty());
        check_raise(&base, candidates[pick.index(candidates.len())])?;
    }
}
