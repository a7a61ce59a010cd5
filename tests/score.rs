//! Scoring: every rule of docs/method.md on hand-computed examples, and the `score` command on the
//! samples (determinism, schema, the order the samples were designed to show).
//!
//! The hand-computed cases use a small framework built in code from the embedded one: its scale,
//! rules and BB rubric, with a tree small enough to check by hand.
//!
//! ```text
//! overall (weighted mean)
//! ├── l1 (layer, weight 1)
//! │   ├── d1 (weighted mean, weight 1): i1 (w 1), i2 (w 3)
//! │   └── d2 (minimum, weight 1):       i3 (w 1), i4 (w 1)
//! ├── l2 (layer, weight 1)
//! │   └── d3 (weighted mean, weight 1): i5 (w 1, linked to BB `alpha`)
//! └── building-blocks (weight 2): alpha (foundational, w 2), beta (w 1, depended on by alpha)
//! ```

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::*;
use dpi_assess::score::{band_level, score};

use crate::support::{repo, run};

fn indicator(id: &str, weight: f64, building_blocks: &[&str]) -> Indicator {
    Indicator {
        id: id.to_string(),
        title: format!("Indicator {id}"),
        description: String::new(),
        weight,
        target: 3,
        criticality: Criticality::Medium,
        levels: Default::default(),
        evidence: Vec::new(),
        evidence_types: Vec::new(),
        building_blocks: building_blocks.iter().map(|s| s.to_string()).collect(),
        dpi_component: None,
        authorities: Vec::new(),
        peers: Vec::new(),
        checks: Vec::new(),
    }
}

fn dimension(id: &str, aggregator: Aggregator, indicators: Vec<Indicator>) -> Dimension {
    Dimension {
        id: id.to_string(),
        title: format!("Dimension {id}"),
        description: String::new(),
        weight: 1.0,
        aggregator,
        indicators,
    }
}

fn layer(id: &str, dimensions: Vec<Dimension>) -> Pillar {
    Pillar {
        id: id.to_string(),
        title: format!("Layer {id}"),
        description: String::new(),
        kind: PillarKind::Layer,
        weight: 1.0,
        aggregator: Aggregator::WeightedMean,
        dimensions,
    }
}

/// The small assessment: the kalindra-2024 workspace and embedded framework, with the tree above
/// and no answers, systems, services or caps.
fn mini() -> Assessment {
    let (assessment, found) = load_assessment(&repo("sample-data/kalindra-2024"));
    let mut a = assessment.unwrap_or_else(|| panic!("{found:#?}"));
    a.answers.clear();
    a.systems.clear();
    a.services.clear();
    a.workspace.targets.clear();
    a.workspace.weights.clear();
    a.workspace.evidence_policy = None;
    // No register: any evidence text supports a level, as the hand-worked cases below assume.
    a.register = None;
    let f = &mut a.framework;
    let bb_pillar = f
        .pillars
        .iter()
        .find(|p| p.kind == PillarKind::BuildingBlocks)
        .cloned()
        .unwrap();
    f.pillars = vec![
        layer(
            "l1",
            vec![
                dimension(
                    "d1",
                    Aggregator::WeightedMean,
                    vec![indicator("i1", 1.0, &[]), indicator("i2", 3.0, &[])],
                ),
                dimension(
                    "d2",
                    Aggregator::Minimum,
                    vec![indicator("i3", 1.0, &[]), indicator("i4", 1.0, &[])],
                ),
            ],
        ),
        layer(
            "l2",
            vec![dimension(
                "d3",
                Aggregator::WeightedMean,
                vec![indicator("i5", 1.0, &["alpha"])],
            )],
        ),
        Pillar {
            weight: 2.0,
            ..bb_pillar
        },
    ];
    let template = f.building_blocks[0].clone();
    f.building_blocks = vec![
        BuildingBlock {
            id: "alpha".into(),
            name: "Alpha".into(),
            aliases: Vec::new(),
            foundational: true,
            weight: 2.0,
            target: 3,
            depends_on: vec!["beta".into()],
            ..template.clone()
        },
        BuildingBlock {
            id: "beta".into(),
            name: "Beta".into(),
            aliases: Vec::new(),
            foundational: false,
            weight: 1.0,
            target: 3,
            depends_on: Vec::new(),
            ..template
        },
    ];
    f.caps.clear();
    a
}

fn answer(indicator: &str, respondent: &str, response: Response, evidence: bool) -> Answer {
    Answer {
        question_id: format!("q-{indicator}"),
        indicator: indicator.to_string(),
        respondent: respondent.to_string(),
        institution: None,
        response,
        reading: None,
        given: String::new(),
        evidence: evidence.then(|| "Decree 12/2025".to_string()),
        evidence_column: None,
        comment: None,
        date: None,
        source: RowRef {
            file: "answers.csv".into(),
            sheet: None,
            row: 2,
        },
    }
}

fn level(level: u8) -> Response {
    Response::Level { level }
}

fn system(name: &str, owner: &str, status: LifecycleStatus) -> System {
    System {
        name: name.into(),
        owner: owner.into(),
        building_blocks: vec!["alpha".to_string()],
        status,
        coverage: None,
        exchange: None,
        standards: Vec::new(),
        hosting: None,
        open_source: None,
        used_by: vec![owner.to_string()],
        platform_for: Vec::new(),
        source: RowRef {
            file: "systems.csv".into(),
            sheet: None,
            row: 2,
        },
    }
}

fn find<'r>(results: &'r Results, id: &str) -> &'r NodeScore {
    if id == "overall" {
        return &results.overall;
    }
    for pillar in &results.pillars {
        if pillar.id == id {
            return &pillar.node;
        }
        for dimension in &pillar.dimensions {
            if dimension.id == id {
                return &dimension.node;
            }
            if let Some(i) = dimension.indicators.iter().find(|i| i.id == id) {
                return &i.node;
            }
        }
        if let Some(b) = pillar.building_blocks.iter().find(|b| b.id == id) {
            return &b.node;
        }
    }
    panic!("no node {id}")
}

fn indicator_result<'r>(results: &'r Results, id: &str) -> &'r IndicatorResult {
    results
        .pillars
        .iter()
        .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
        .find(|i| i.id == id)
        .unwrap()
}

fn bb<'r>(results: &'r Results, id: &str) -> &'r BbResult {
    results
        .pillars
        .iter()
        .flat_map(|p| &p.building_blocks)
        .find(|b| b.id == id)
        .unwrap()
}

fn criteria(results: &Results, id: &str) -> Vec<Option<f64>> {
    bb(results, id).criteria.iter().map(|c| c.value).collect()
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.unwrap_or_else(|| panic!("no score, expected {expected}"));
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn median_takes_the_middle_and_the_lower_middle_for_even_counts() {
    let mut a = mini();
    // i1: three respondents 1, 3, 4 → median 3 → 75.
    for (who, l) in [("A", 1), ("B", 3), ("C", 4)] {
        a.answers.push(answer("i1", who, level(l), true));
    }
    // i2: four respondents 1, 2, 3, 4 → lower middle 2 → 50.
    for (who, l) in [("A", 1), ("B", 2), ("C", 3), ("D", 4)] {
        a.answers.push(answer("i2", who, level(l), true));
    }
    let r = score(&a);
    close(find(&r, "i1").score, 75.0);
    close(find(&r, "i2").score, 50.0);
    // d1 = (1 × 75 + 3 × 50) / 4 = 56.25
    close(find(&r, "d1").score, 56.25);
    assert_eq!(indicator_result(&r, "i2").respondent_values, [1.0, 2.0, 3.0, 4.0]);
}

#[test]
fn one_respondents_questions_on_an_indicator_are_averaged_first() {
    let mut a = mini();
    // A answers two questions on i1: 2 and 3 → 2.5; B answers 4. Median of [2.5, 4] → 2.5 → 62.5,
    // which is exactly the lower edge of level 3.
    a.answers.push(answer("i1", "A", level(2), true));
    let mut second = answer("i1", "A", level(3), true);
    second.question_id = "q-i1-b".into();
    a.answers.push(second);
    a.answers.push(answer("i1", "B", level(4), true));
    let r = score(&a);
    close(find(&r, "i1").score, 62.5);
    assert_eq!(find(&r, "i1").level, Some(3));
}

#[test]
fn consolidation_can_be_minimum_or_mean() {
    let mut a = mini();
    for (who, l) in [("A", 1), ("B", 2), ("C", 4)] {
        a.answers.push(answer("i1", who, level(l), true));
    }
    a.framework.rules.consolidation = Consolidation::Minimum;
    close(find(&score(&a), "i1").score, 25.0);
    a.framework.rules.consolidation = Consolidation::Mean;
    // (1 + 2 + 4) / 3 × 25 = 58.33…
    close(find(&score(&a), "i1").score, 7.0 / 3.0 * 25.0);
}

#[test]
fn authoritative_respondents_decide_and_everyone_counts_in_the_spread() {
    // d1's indicators name the regulator as their authority; the workspace maps the role to the
    // "Communications Regulator". Worked by hand (docs/method.md §4 step 2):
    //   i1: two respondents from the regulator, R1 = 3 and R2 = 4, and two from ministries,
    //       M1 = 0 and M2 = 1. Authoritative values [3, 4] → lower median 3 → score 75, although everyone's lower
    //       median [0, 1, 3, 4] would be 1. Spread over everyone = 4 − 0 = 4 → disputed.
    //   i2: only the ministries answer, 1 and 2 → no authoritative value → everyone's lower
    //       median 1 → 25; no authoritative respondents listed.
    let mut a = mini();
    a.framework.rules.consolidation = Consolidation::Authoritative;
    for indicator in &mut a.framework.pillars[0].dimensions[0].indicators {
        indicator.authorities = vec!["ict_regulator".to_string()];
    }
    a.workspace
        .roles
        .insert("ict_regulator".into(), "Communications Regulator".into());
    let with = |indicator: &str, who: &str, institution: &str, l: u8| {
        let mut x = answer(indicator, who, level(l), true);
        // Institutions are compared trimmed and without case.
        x.institution = Some(institution.to_string());
        x
    };
    a.answers.push(with("i1", "R1", "communications regulator ", 3));
    a.answers.push(with("i1", "R2", "Communications Regulator", 4));
    a.answers.push(with("i1", "M1", "Ministry of Health", 0));
    a.answers.push(with("i1", "M2", "Ministry of Finance", 1));
    a.answers.push(with("i2", "M1", "Ministry of Health", 1));
    a.answers.push(with("i2", "M2", "Ministry of Finance", 2));
    let r = score(&a);
    let i1 = indicator_result(&r, "i1");
    close(i1.node.score, 75.0);
    assert_eq!(i1.authoritative_respondents, ["R1", "R2"]);
    assert_eq!(i1.respondent_values, [0.0, 1.0, 3.0, 4.0]);
    close(Some(i1.spread), 4.0);
    assert!(i1.disputed);
    let i2 = indicator_result(&r, "i2");
    close(i2.node.score, 25.0);
    assert!(i2.authoritative_respondents.is_empty());

    // The median stays available: the assessment's `consolidation: median` ignores authorities.
    a.workspace.consolidation = Some(Consolidation::Median);
    let r = score(&a);
    close(find(&r, "i1").score, 25.0);
    assert!(indicator_result(&r, "i1").authoritative_respondents.is_empty());
    // A role the workspace does not map names nobody.
    a.workspace.consolidation = None;
    a.workspace.roles.clear();
    close(find(&score(&a), "i1").score, 25.0);
}

#[test]
fn not_applicable_leaves_the_node_and_unknown_lowers_coverage_only() {
    let mut a = mini();
    a.answers.push(answer("i1", "A", level(2), true));
    a.answers.push(answer("i2", "A", Response::NotApplicable, false));
    let r = score(&a);
    // i2 leaves d1: d1 = i1 = 50, coverage 1 (i2's weight 3 does not count).
    close(find(&r, "d1").score, 50.0);
    assert_eq!(find(&r, "d1").coverage, 1.0);
    assert_eq!(find(&r, "i2").status, NodeStatus::NotApplicable);

    a.answers.pop();
    a.answers.push(answer("i2", "A", Response::Unknown, false));
    let r = score(&a);
    // i2 unknown: the score is still i1's 50, but coverage is 1 / (1 + 3) = 0.25.
    close(find(&r, "d1").score, 50.0);
    close(Some(find(&r, "d1").coverage), 0.25);
    assert_eq!(indicator_result(&r, "i2").answered, Answered::Unknown);
}

#[test]
fn na_from_one_respondent_does_not_hide_anothers_level() {
    let mut a = mini();
    a.answers.push(answer("i1", "A", Response::NotApplicable, false));
    a.answers.push(answer("i1", "B", level(3), true));
    let r = score(&a);
    close(find(&r, "i1").score, 75.0);
    assert_eq!(indicator_result(&r, "i1").respondent_values, [3.0]);
}

#[test]
fn a_node_without_answers_has_no_score_and_its_parent_ignores_it() {
    let mut a = mini();
    // Only d1 is answered; d2 (i3, i4) has nothing.
    a.answers.push(answer("i1", "A", level(4), true));
    a.answers.push(answer("i2", "A", level(4), true));
    let r = score(&a);
    assert_eq!(find(&r, "d2").status, NodeStatus::InsufficientData);
    assert_eq!(find(&r, "d2").score, None);
    // l1 = d1 alone = 100, not (100 + 0) / 2; coverage (1 × 1 + 1 × 0) / 2 = 0.5.
    close(find(&r, "l1").score, 100.0);
    close(Some(find(&r, "l1").coverage), 0.5);
    // l2 has no answers at all: no score, and the overall index ignores it.
    assert_eq!(find(&r, "l2").score, None);
    assert!(r.no_data.contains(&"i5".to_string()));
}

#[test]
fn minimum_aggregator_is_the_weakest_link() {
    let mut a = mini();
    a.answers.push(answer("i3", "A", level(3), true));
    a.answers.push(answer("i4", "A", level(1), true));
    let r = score(&a);
    // d2 = min(75, 25) = 25, not the mean 50.
    close(find(&r, "d2").score, 25.0);
}

fn with_cap(a: &mut Assessment, indicator: &str, below_level: u8, node: &str, max_score: f64) {
    a.framework.caps.push(Cap {
        id: format!("cap-{node}"),
        reason: "test".into(),
        indicator: indicator.into(),
        below_level,
        nodes: vec![node.into()],
        max_score,
    });
}

#[test]
fn a_cap_fires_while_its_indicator_is_below_the_level() {
    let mut a = mini();
    with_cap(&mut a, "i1", 2, "l1", 40.0);
    // i1 at level 1 (25), i2 at 4 (100): d1 = (25 + 300) / 4 = 81.25; d2 = min(100, 100) = 100;
    // l1 uncapped = (81.25 + 100) / 2 = 90.625 → held at 40.
    a.answers.push(answer("i1", "A", level(1), true));
    for i in ["i2", "i3", "i4"] {
        a.answers.push(answer(i, "A", level(4), true));
    }
    let r = score(&a);
    let l1 = find(&r, "l1");
    close(l1.score, 40.0);
    close(l1.uncapped_score, 90.625);
    assert_eq!(l1.capped_by, ["cap-l1"]);
    assert_eq!(l1.level, Some(2));
    assert_eq!(r.caps[0].status, CapStatus::Fired);
    assert!(r.caps[0].lowered);

    // i1 at level 2 reaches the cap's level: it does not fire.
    a.answers[0].response = level(2);
    let r = score(&a);
    assert_eq!(r.caps[0].status, CapStatus::NotFired);
    assert!(find(&r, "l1").capped_by.is_empty());
    // d1 = (50 + 300) / 4 = 87.5; l1 = (87.5 + 100) / 2 = 93.75.
    close(find(&r, "l1").score, 93.75);
}

#[test]
fn a_cap_on_an_unanswered_indicator_is_unchecked() {
    let mut a = mini();
    with_cap(&mut a, "i5", 1, "overall", 30.0);
    a.answers.push(answer("i1", "A", level(4), true));
    let r = score(&a);
    assert_eq!(r.caps[0].status, CapStatus::Unchecked);
    assert!(r.overall.capped_by.is_empty());
}

#[test]
fn a_capped_dimension_lowers_its_pillar() {
    let mut a = mini();
    with_cap(&mut a, "i3", 2, "d1", 50.0);
    a.answers.push(answer("i1", "A", level(4), true));
    a.answers.push(answer("i2", "A", level(4), true));
    a.answers.push(answer("i3", "A", level(1), true));
    a.answers.push(answer("i4", "A", level(3), true));
    let r = score(&a);
    // d1 = 100 held at 50; d2 = min(25, 75) = 25; l1 = (50 + 25) / 2 = 37.5.
    close(find(&r, "d1").score, 50.0);
    close(find(&r, "l1").score, 37.5);
}

#[test]
fn bands_are_read_on_the_unrounded_score() {
    let bands = [12.5, 37.5, 62.5, 87.5];
    assert_eq!(band_level(37.4999, &bands), 1);
    assert_eq!(band_level(37.5, &bands), 2);
    assert_eq!(band_level(0.0, &bands), 0);
    assert_eq!(band_level(87.5, &bands), 4);
    assert_eq!(band_level(100.0, &bands), 4);

    // 37.4999 would round to 37.5 for display, yet stays level 1.
    let mut a = mini();
    a.answers.push(answer("i1", "A", level(1), true));
    a.answers.push(answer("i2", "A", level(2), true));
    a.framework.pillars[0].dimensions[0].indicators[0].weight = 1.0;
    // weights w1 = x, w2 = 1: (25x + 50) / (x + 1) = 37.4999 → x = 12.5001 / 12.4999.
    a.framework.pillars[0].dimensions[0].indicators[0].weight = 12.5001 / 12.4999;
    a.framework.pillars[0].dimensions[0].indicators[1].weight = 1.0;
    let r = score(&a);
    let d1 = find(&r, "d1");
    assert!((d1.score.unwrap() - 37.4999).abs() < 1e-9, "{:?}", d1.score);
    assert_eq!(d1.level, Some(1));
}

#[test]
fn high_levels_without_evidence_are_unverified_and_capped_under_the_cap_policy() {
    let mut a = mini();
    a.answers.push(answer("i1", "A", level(4), false));
    a.answers.push(answer("i1", "B", level(4), false));
    a.answers.push(answer("i2", "A", level(4), true));
    let r = score(&a);
    assert!(indicator_result(&r, "i1").unverified);
    assert!(!indicator_result(&r, "i2").unverified);
    // Flag policy (the framework default): reported, level kept.
    close(find(&r, "i1").score, 100.0);
    assert_eq!(r.unverified, ["i1"]);

    a.workspace.evidence_policy = Some(EvidencePolicy::Cap);
    let r = score(&a);
    let i1 = indicator_result(&r, "i1");
    assert!(i1.evidence_capped);
    // Capped at evidence_cap_level 2 → 50.
    close(i1.node.score, 50.0);
    close(find(&r, "i2").score, 100.0);

    // Level 2 without evidence is neither unverified nor capped.
    a.answers.push(answer("i3", "A", level(2), false));
    let r = score(&a);
    assert!(!indicator_result(&r, "i3").unverified);
}

#[test]
fn respondents_two_levels_apart_dispute_an_indicator() {
    let mut a = mini();
    a.answers.push(answer("i1", "A", level(1), true));
    a.answers.push(answer("i1", "B", level(3), true));
    a.answers.push(answer("i2", "A", level(1), true));
    a.answers.push(answer("i2", "B", level(2), true));
    let r = score(&a);
    assert!(indicator_result(&r, "i1").disputed);
    assert!(!indicator_result(&r, "i2").disputed);
    assert_eq!(r.disputed, ["i1"]);
}

/// A system offered as a shared platform for `alpha`.
fn platform(name: &str, owner: &str, status: LifecycleStatus) -> System {
    System {
        platform_for: vec!["alpha".into()],
        ..system(name, owner, status)
    }
}

fn users(system: &mut System, institutions: &[&str]) {
    system.used_by = institutions.iter().map(|s| s.to_string()).collect();
}

#[test]
fn building_block_criteria_at_their_edges() {
    use LifecycleStatus::*;
    // No system: C1 0, C2 0 (no production system), C3 none (i5 unanswered), C4 none.
    let r = score(&mini());
    assert_eq!(criteria(&r, "alpha"), [Some(0.0), Some(0.0), None, None]);
    // BB score = weighted mean of criteria with a value: (0 + 0) / 2 × 25 = 0; coverage 2 / 4.
    close(find(&r, "alpha").score, 0.0);
    close(Some(find(&r, "alpha").coverage), 0.5);

    // Planned only: C1 1; still nothing running for C4.
    let mut a = mini();
    a.systems.push(platform("Alpha One", "Ministry A", Planned));
    assert_eq!(criteria(&score(&a), "alpha"), [Some(1.0), Some(0.0), None, None]);

    // A pilot platform used only by its owner: C1 2, C2 0 (not in production),
    // C4 = min(2 for one user, 4 × 1/1) = 2.
    let mut a = mini();
    a.systems.push(platform("Alpha One", "Ministry A", Pilot));
    assert_eq!(
        criteria(&score(&a), "alpha"),
        [Some(2.0), Some(0.0), None, Some(2.0)]
    );

    // Three production modules, each in its own institution: C1 2 (a module reaches at most 2
    // whatever its coverage), C2 1 (files), C4 0 (no platform), all three named as siloed.
    let mut a = mini();
    for (name, owner) in [
        ("Alpha A", "Ministry A"),
        ("Alpha B", "Ministry B"),
        ("Alpha C", "Ministry C"),
    ] {
        let mut s = system(name, owner, Production);
        s.coverage = Some(0.9);
        s.exchange = Some(ExchangeMode::Files);
        a.systems.push(s);
    }
    let r = score(&a);
    assert_eq!(criteria(&r, "alpha"), [Some(2.0), Some(1.0), None, Some(0.0)]);
    assert_eq!(bb(&r, "alpha").siloed_copies.len(), 3);

    // A production platform: 3 below 60 % coverage, 4 from exactly 60 %.
    let mut a = mini();
    let mut s = platform("Alpha Shared", "Ministry A", Production);
    s.coverage = Some(0.59);
    a.systems.push(s);
    assert_eq!(criteria(&score(&a), "alpha")[0], Some(3.0));
    a.systems[0].coverage = Some(0.6);
    assert_eq!(criteria(&score(&a), "alpha")[0], Some(4.0));

    // Standards do not make a system that exchanges nothing interoperable.
    let mut a = mini();
    let mut s = system("Alpha Alone", "Ministry A", Production);
    s.exchange = Some(ExchangeMode::None);
    s.standards = vec!["OpenID Connect".into()];
    a.systems.push(s);
    assert_eq!(criteria(&score(&a), "alpha")[1], Some(0.0));

    // A production system whose exchange mode is not given leaves C2 without a value.
    let mut a = mini();
    a.systems.push(system("Alpha Unknown", "Ministry A", Production));
    assert_eq!(criteria(&score(&a), "alpha")[1], None);
}

#[test]
fn c2_counts_the_exchange_layer_only_as_far_as_the_layer_runs() {
    use LifecycleStatus::*;
    // beta plays the national data-exchange layer in this test.
    let on_layer = |layer: Option<System>, standards: &[&str]| -> Option<f64> {
        let mut a = mini();
        a.framework.bb_rubric.interoperable.layer_bb = "beta".into();
        let mut s = platform("Alpha", "Ministry A", Production);
        s.exchange = Some(ExchangeMode::DataExchangeLayer);
        s.standards = standards.iter().map(|s| s.to_string()).collect();
        a.systems.push(s);
        if let Some(mut layer) = layer {
            layer.building_blocks = vec!["beta".into()];
            a.systems.push(layer);
        }
        criteria(&score(&a), "alpha")[1]
    };
    let layer = |status: LifecycleStatus, is_platform: bool| {
        let mut s = system("Layer", "Agency", status);
        if is_platform {
            s.platform_for = vec!["beta".into()];
        }
        Some(s)
    };
    // No layer in the inventory, or only planned: the claim counts as files (1).
    assert_eq!(on_layer(None, &[]), Some(1.0));
    assert_eq!(on_layer(layer(Planned, true), &[]), Some(1.0));
    // A pilot layer (or a production system that is not yet a shared platform): point-to-point (2).
    assert_eq!(on_layer(layer(Pilot, true), &[]), Some(2.0));
    assert_eq!(on_layer(layer(Production, false), &[]), Some(2.0));
    // Standards never lift a pilot-layer or point-to-point exchange to the layer's level 3.
    assert_eq!(on_layer(layer(Pilot, true), &["OpenID Connect 1.0"]), Some(2.0));
    // A production layer: 3, and 4 with declared conformance to a listed open specification.
    assert_eq!(on_layer(layer(Production, true), &[]), Some(3.0));
    assert_eq!(on_layer(layer(Production, true), &["ISO 20022"]), Some(4.0));
    assert_eq!(
        on_layer(layer(Production, true), &["GovStack Beta BB 1.0"]),
        Some(4.0)
    );
    // A description format is not an exchange specification: no bonus.
    assert_eq!(on_layer(layer(Production, true), &["OpenAPI 3"]), Some(3.0));
    // A prefix must end at a word: "ISO 200221" is not ISO 20022.
    assert_eq!(on_layer(layer(Production, true), &["ISO 200221"]), Some(3.0));
}

#[test]
fn c4_is_the_share_served_by_the_shared_platform_without_a_cliff() {
    use LifecycleStatus::*;
    // A platform used by 7 institutions and two modules in two others: 9 institutions use a system
    // for the BB, 7 are served by the platform. C4 = min(4 for 7 users, 4 × 7/9) = 3.111…
    let mut a = mini();
    let mut main = platform("Alpha Gateway", "M1", Production);
    users(&mut main, &["M1", "M2", "M3", "M4", "M5", "M6", "M7"]);
    a.systems.push(main);
    a.systems.push(system("Embedded A", "M8", Production));
    a.systems.push(system("Embedded B", "M9", Production));
    let r = score(&a);
    close(criteria(&r, "alpha")[3], 28.0 / 9.0);
    let mut outside: Vec<&str> = bb(&r, "alpha").siloed_copies.iter().map(|s| &*s.name).collect();
    outside.sort();
    assert_eq!(outside, ["Embedded A", "Embedded B"]);

    // One more module outside moves C4 a little (4 × 7/10 = 2.8), not off a cliff.
    a.systems.push(system("Embedded C", "M10", Production));
    close(criteria(&score(&a), "alpha")[3], 2.8);

    // A module used by an institution the platform already serves is not outside it.
    let mut a = mini();
    let mut main = platform("Alpha Gateway", "M1", Production);
    users(&mut main, &["M1", "M2", "M3", "M4"]);
    a.systems.push(main);
    a.systems.push(system("Embedded", "M2", Production));
    let r = score(&a);
    close(criteria(&r, "alpha")[3], 4.0);
    assert!(bb(&r, "alpha").siloed_copies.is_empty());

    // Two or three users of the platform cap C4 at 3 even when it serves everyone.
    let mut a = mini();
    let mut main = platform("Alpha Gateway", "M1", Production);
    users(&mut main, &["M1", "M2"]);
    a.systems.push(main);
    close(criteria(&score(&a), "alpha")[3], 3.0);
}

#[test]
fn a_criterion_declared_not_applicable_leaves_the_mean_and_coverage() {
    let mut a = mini();
    a.framework.building_blocks[1]
        .criteria_not_applicable
        .insert("c2".into(), "hosting exchanges no data".into());
    let r = score(&a);
    // beta: C1 0, C2 not applicable, C3 none (no linked indicator), C4 none (nothing running).
    let beta = bb(&r, "beta");
    assert!(beta.criteria[1].not_applicable);
    assert_eq!(criteria(&r, "beta"), [Some(0.0), None, None, None]);
    // Coverage = C1's weight over the applicable criteria C1, C3, C4: 1/3.
    close(Some(beta.node.coverage), 1.0 / 3.0);
}

#[test]
fn a_bb_is_not_advanced_while_its_governance_criterion_is_below_established() {
    use LifecycleStatus::*;
    let mut a = mini();
    let mut s = platform("Alpha Shared", "Ministry A", Production);
    s.coverage = Some(0.85);
    s.exchange = Some(ExchangeMode::Files);
    s.standards = vec!["OCDS 1.1".into()];
    users(&mut s, &["Ministry A", "Ministry B", "Ministry C", "Ministry D"]);
    a.systems.push(s);
    // C1 4, C2 files + bonus = 2, C4 4; C3 from i5 at level 4: (4 + 2 + 4 + 4) / 4 × 25 = 87.5.
    a.answers.push(answer("i5", "A", level(4), true));
    let r = score(&a);
    close(find(&r, "alpha").score, 87.5);
    assert_eq!(find(&r, "alpha").level, Some(4));

    // C3 at 2.5 < 3: uncapped (4 + 2 + 2.5 + 4) / 4 × 25 = 78.125, held at 75 by the ceiling.
    a.answers.pop();
    a.answers.push(answer("i5", "A", level(2), true));
    a.answers.push(answer("i5", "B", level(3), true));
    a.framework.rules.consolidation = Consolidation::Mean;
    let r = score(&a);
    let alpha = find(&r, "alpha");
    close(alpha.uncapped_score, 78.125);
    close(alpha.score, 75.0);
    assert_eq!(alpha.level, Some(3));
    assert_eq!(alpha.capped_by, ["bb-governance-below-established"]);
    let ceiling = r
        .caps
        .iter()
        .find(|c| c.id == "bb-governance-below-established")
        .unwrap();
    assert_eq!(ceiling.status, CapStatus::Fired);
    let effect = ceiling.effects.iter().find(|e| e.node == "alpha").unwrap();
    assert!(effect.lowered);
    close(effect.score_before, 78.125);
    close(effect.score_after, 75.0);
}

#[test]
fn a_cap_reaches_a_building_block_and_says_what_it_did_where() {
    use LifecycleStatus::*;
    let mut a = mini();
    with_cap(&mut a, "i1", 2, "alpha", 50.0);
    a.framework.caps[0].nodes.push("beta".into());
    a.answers.push(answer("i1", "A", level(1), true));
    let mut s = platform("Alpha Shared", "Ministry A", Production);
    s.exchange = Some(ExchangeMode::Files);
    users(&mut s, &["Ministry A", "Ministry B"]);
    a.systems.push(s);
    // alpha: C1 3, C2 1, C4 3 → (3 + 1 + 3) / 3 × 25 = 58.33… held at 50; beta (no system) 0.
    let r = score(&a);
    close(find(&r, "alpha").uncapped_score, 175.0 / 3.0);
    close(find(&r, "alpha").score, 50.0);
    let cap = &r.caps[0];
    assert_eq!(cap.status, CapStatus::Fired);
    assert!(cap.lowered);
    let nodes: Vec<(&str, bool)> = cap.effects.iter().map(|e| (e.node.as_str(), e.lowered)).collect();
    assert_eq!(nodes, [("alpha", true), ("beta", false)]);
    close(cap.effects[1].score_before, 0.0);
}

#[test]
fn scores_below_the_coverage_floor_are_provisional_and_have_no_level() {
    use LifecycleStatus::*;
    // Inventories only: the BB pillar has scores, the layers have no data at all.
    let mut a = mini();
    let mut s = platform("Alpha Shared", "Ministry A", Production);
    s.exchange = Some(ExchangeMode::Files);
    a.systems.push(s);
    let r = score(&a);
    // Overall coverage: only the BB pillar (weight 2 of 4) has data. It covers 3 of alpha's 4
    // criteria (weight 2) and 2 of beta's 4 (C1 and C2 are 0 with no system; weight 1):
    // (2 × 0.75 + 1 × 0.5) / 3 = 0.6667; overall = 2 × 0.6667 / 4 = 0.3333 < 0.5.
    assert!(r.overall.score.is_some());
    close(Some(r.overall.coverage), 1.0 / 3.0);
    assert!(r.overall.provisional);
    assert_eq!(r.overall.level, None);
    assert_eq!(r.provisional, ["overall"]);
    for layer in ["l1", "l2"] {
        assert_eq!(find(&r, layer).score, None);
        assert_eq!(find(&r, layer).level, None);
    }
    // A BB below the floor: beta with its C2 declared not applicable has C1 only (1 of 3).
    a.framework.building_blocks[1]
        .criteria_not_applicable
        .insert("c2".into(), "test".into());
    a.framework.rules.min_coverage = 0.5;
    let r = score(&a);
    let beta = find(&r, "beta");
    assert!(beta.provisional && beta.level.is_none(), "{beta:?}");
    assert!(!r.gaps.iter().any(|g| g.id == "beta"));
    assert!(r.provisional.contains(&"beta".to_string()) && !r.no_data.contains(&"beta".to_string()));
    // alpha (coverage 3/4) keeps its level.
    assert!(!find(&r, "alpha").provisional);
    assert!(find(&r, "alpha").level.is_some());

    // Exactly at the floor is not provisional: l1 with d1 answered and d2 not has coverage 0.5.
    let mut a = mini();
    a.answers.push(answer("i1", "A", level(4), true));
    a.answers.push(answer("i2", "A", level(4), true));
    let r = score(&a);
    close(Some(find(&r, "l1").coverage), 0.5);
    assert!(!find(&r, "l1").provisional);
    assert_eq!(find(&r, "l1").level, Some(4));
}

#[test]
fn an_answer_and_the_inventory_that_contradict_each_other_are_flagged() {
    use LifecycleStatus::*;
    let mut a = mini();
    a.framework.consistency = vec![ConsistencyRule {
        id: "alpha-exists".into(),
        reason: "the same fact".into(),
        indicator: "i5".into(),
        building_block: "alpha".into(),
        criterion: "c1".into(),
        max_spread: 1.0,
    }];
    a.systems.push(platform("Alpha Shared", "Ministry A", Production));
    // i5 at 2, C1 3: one level apart, allowed.
    a.answers.push(answer("i5", "A", level(2), true));
    let r = score(&a);
    assert!(r.inconsistencies.is_empty());
    assert!(!indicator_result(&r, "i5").inconsistent);
    // i5 at 0, C1 3: three levels apart.
    a.answers[0].response = level(0);
    let r = score(&a);
    assert_eq!(r.inconsistencies.len(), 1);
    let found = &r.inconsistencies[0];
    assert_eq!(
        (found.indicator_value, found.criterion_value, found.spread),
        (0.0, 3.0, 3.0)
    );
    assert!(indicator_result(&r, "i5").inconsistent);
    assert!(bb(&r, "alpha").inconsistent);
}

#[test]
fn decisions_are_exact_where_binary_floats_are_not() {
    // Weights of 1.1: d1 = (1.1 × 50 + 1.1 × 75) / 2.2 is exactly 62.5, which binary floating
    // point computes as 62.49999999999999. It is level 3.
    let mut a = mini();
    a.framework.pillars[0].dimensions[0].indicators[0].weight = 1.1;
    a.framework.pillars[0].dimensions[0].indicators[1].weight = 1.1;
    a.answers.push(answer("i1", "A", level(2), true));
    a.answers.push(answer("i2", "A", level(3), true));
    let r = score(&a);
    let d1 = find(&r, "d1");
    assert!(d1.score.unwrap() < 62.5, "the float trap is real: {:?}", d1.score);
    assert_eq!(d1.level, Some(3));

    // A spread of exactly 2 over three questions: A averages (0 + 1 + 4) / 3 = 5/3, B
    // (3 + 4 + 4) / 3 = 11/3; 11/3 − 5/3 = 2, computed as 1.9999999999999998. Disputed.
    let mut a = mini();
    for (who, levels) in [("A", [0, 1, 4]), ("B", [3, 4, 4])] {
        for (n, l) in levels.into_iter().enumerate() {
            let mut x = answer("i1", who, level(l), true);
            x.question_id = format!("q-i1-{n}");
            a.answers.push(x);
        }
    }
    let r = score(&a);
    let i1 = indicator_result(&r, "i1");
    assert!(i1.spread < 2.0, "the float trap is real: {}", i1.spread);
    assert!(i1.disputed);

    // Priorities equal in decimal arithmetic order by id, whatever the binary rounding: i1 (weight
    // 3.3, gap 1) and i2 (weight 1.1, gap 3) both carry 3.3 / 4.4 × … of the index.
    let mut a = mini();
    a.framework.pillars[0].dimensions[0].indicators[0].weight = 3.3;
    a.framework.pillars[0].dimensions[0].indicators[1].weight = 1.1;
    a.answers.push(answer("i1", "A", level(2), true));
    a.answers.push(answer("i2", "A", level(0), true));
    let r = score(&a);
    let rank = |id: &str| r.gaps.iter().find(|g| g.id == id).unwrap().rank;
    let (p1, p2) = (
        r.gaps.iter().find(|g| g.id == "i1").unwrap().priority,
        r.gaps.iter().find(|g| g.id == "i2").unwrap().priority,
    );
    assert!((p1 - p2).abs() < 1e-9);
    assert_eq!(rank("i2"), rank("i1") + 1, "{p1} vs {p2}");
}

#[test]
fn gaps_and_priorities_follow_the_documented_formula() {
    let mut a = mini();
    // i1 at level 1, target 3: gap 2. Its weight share: pillar l1 1 / (1 + 1 + 2) (l2 unanswered
    // still counts as applicable) × d1 1 / 2 × i1 1 / 4 = 0.25 × 0.5 × 0.25 = 0.03125.
    // Medium criticality 2, no linked BBs, no services: priority = 2 × 0.03125 × 100 × 2 × 1 = 12.5.
    a.answers.push(answer("i1", "A", level(1), true));
    a.answers.push(answer("i2", "A", level(3), true));
    let r = score(&a);
    let gap = r.gaps.iter().find(|g| g.id == "i1").unwrap();
    assert_eq!((gap.level, gap.target, gap.gap), (1, 3, 2));
    close(Some(gap.weight_share), 0.03125);
    close(Some(gap.priority), 12.5);
    // i2 at target: no gap listed.
    assert!(!r.gaps.iter().any(|g| g.id == "i2"));

    // BB beta (no system, level 0, target 3): share 2/4 × 1/3; criticality medium; alpha depends
    // on it (1 dependent): 3 × (1/6) × 100 × 2 × 1.1 = 110.
    let beta = r.gaps.iter().find(|g| g.id == "beta").unwrap();
    close(Some(beta.priority), 110.0);
    // Ranked by priority, highest first, 1-based.
    assert_eq!(r.gaps[0].rank, 1);
    assert!(r.gaps.windows(2).all(|w| w[0].priority >= w[1].priority));

    // A target override from assessment.yaml changes the gap.
    a.workspace.targets.insert("i1".into(), 2);
    let r = score(&a);
    assert_eq!(r.gaps.iter().find(|g| g.id == "i1").unwrap().gap, 1);
}

const SAMPLES: &[&str] = &["nuvaria", "kalindra-2024", "kalindra-2026", "estmar"];

/// Scores a workspace folder (relative to the repository) into `out`; its results.json text.
fn score_workspace(workspace: &str, out: &std::path::Path) -> String {
    run(&["score", workspace, "--out", out.to_str().unwrap()]).expect_code(0);
    std::fs::read_to_string(out).unwrap()
}

fn score_sample(sample: &str, out: &std::path::Path) -> String {
    score_workspace(&format!("sample-data/{sample}"), out)
}

/// The Building Blocks of a results.json value.
fn building_blocks_of(results: &serde_json::Value) -> Vec<serde_json::Value> {
    results["pillars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "building_blocks")
        .unwrap()["building_blocks"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn scoring_a_sample_twice_gives_byte_identical_results_that_match_the_schema() {
    let scratch = crate::support::scratch();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("schemas/results.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the results schema compiles");
    for sample in SAMPLES {
        let first = score_sample(sample, &scratch.path().join(format!("{sample}-1.json")));
        let second = score_sample(sample, &scratch.path().join(format!("{sample}-2.json")));
        assert!(first == second, "{sample}: two runs differ");
        let value: serde_json::Value = serde_json::from_str(&first).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{sample}: {errors:#?}");
    }
}

#[test]
fn samples_order_as_designed() {
    let scratch = crate::support::scratch();
    let overall = |sample: &str| -> (f64, serde_json::Value) {
        let text = score_sample(sample, &scratch.path().join(format!("{sample}.json")));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        (value["overall"]["score"].as_f64().unwrap(), value)
    };
    let (nascent, _) = overall("nuvaria");
    let (middle, kalindra) = overall("kalindra-2024");
    let (advanced, _) = overall("estmar");
    assert!(
        nascent < middle && middle < advanced,
        "{nascent} < {middle} < {advanced}"
    );

    let bbs = building_blocks_of(&kalindra);
    let bb = |id: &str| bbs.iter().find(|b| b["id"] == id).unwrap().clone();
    // Strong identity on its own merits (uncapped level 3 or more), held at 50 because Kalindra has
    // no enacted data-protection law: the cap that reaches the BBs holding personal data binds.
    let identity = bb("identity");
    assert!(identity["uncapped_score"].as_f64().unwrap() >= 62.5, "{identity}");
    assert_eq!(identity["score"].as_f64(), Some(50.0));
    assert_eq!(
        identity["capped_by"],
        serde_json::json!(["personal-data-without-law"])
    );
    assert!(bb("information-mediator")["level"].as_u64().unwrap() <= 1);
    // The exchange layer is only planned: no BB's interoperability goes above point-to-point (2).
    for b in &bbs {
        if let Some(c2) = b["criteria"][1]["value"].as_f64() {
            assert!(c2 <= 2.0, "{}: C2 {c2}", b["id"]);
        }
    }
    let registries = bb("digital-registries");
    let mut siloed: Vec<&str> = registries["siloed_copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["owner"].as_str().unwrap())
        .collect();
    siloed.sort();
    assert_eq!(
        siloed,
        [
            "Ministry of Agriculture",
            "Ministry of Education",
            "Ministry of Health",
            "Ministry of Social Protection"
        ]
    );
    assert_eq!(registries["criteria"][3]["value"], 0.0);
}

#[test]
fn score_writes_csv_tables_and_refuses_invalid_workspaces() {
    let scratch = crate::support::scratch();
    let out = scratch.path().join("r.json");
    let csv = scratch.path().join("tables");
    run(&[
        "score",
        "sample-data/kalindra-2024",
        "--out",
        out.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ])
    .expect_code(0);
    let scores = std::fs::read_to_string(csv.join("scores.csv")).unwrap();
    assert!(
        scores.starts_with("kind,id,title,parent,status,score,level,coverage,capped_by,target,gap,flags\n")
    );
    assert!(scores.contains("\nbuilding_block,identity,Identity,building-blocks,scored,"));
    let gaps = std::fs::read_to_string(csv.join("gaps.csv")).unwrap();
    assert!(gaps.starts_with(
        "rank,kind,id,title,pillar,level,target,gap,weight_share,criticality,dependents,priority\n1,"
    ));

    // Inputs with errors: exit 1, nothing written.
    let bad = scratch.path().join("bad.json");
    let result = run(&[
        "score",
        "tests/fixtures/ingest/unknown-question",
        "--out",
        bad.to_str().unwrap(),
    ]);
    result.expect_code(1);
    assert!(
        result.stderr.contains("error[unknown-question]"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("tests/fixtures/ingest/unknown-question: not scored (1 error, 0 warnings)"),
        "{}",
        result.stderr
    );
    // Diagnostics and the status line go to stderr: nothing on stdout for a pipe to pick up.
    assert!(result.stdout.is_empty(), "{}", result.stdout);
    assert!(!bad.exists());
}

#[test]
fn the_evidence_cap_never_makes_a_higher_answer_score_lower() {
    // Mean of 2, 2, 3 = 2.33 (level 2) and of 2, 3, 3 = 2.67 (level 3), neither with evidence.
    // Capping only level 3 would give 2.33 → 58.3 but 2.67 → 50; both come down to 2 → 50.
    let mut a = mini();
    a.framework.rules.consolidation = Consolidation::Mean;
    a.workspace.evidence_policy = Some(EvidencePolicy::Cap);
    for (who, l) in [("A", 2), ("B", 2), ("C", 3)] {
        a.answers.push(answer("i1", who, level(l), false));
    }
    let lower = score(&a);
    a.answers[1].response = level(3);
    let higher = score(&a);
    close(find(&lower, "i1").score, 50.0);
    close(find(&higher, "i1").score, 50.0);
    assert!(indicator_result(&lower, "i1").evidence_capped);
    assert!(!indicator_result(&lower, "i1").unverified);
    assert!(indicator_result(&higher, "i1").unverified);
}

#[test]
fn an_inventory_only_workspace_is_provisional_with_layers_as_no_data() {
    let scratch = crate::support::scratch();
    let out = scratch.path().join("results.json");
    let run = run(&[
        "score",
        "tests/fixtures/inventory-only",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("provisional"), "{}", run.stdout);
    let results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let overall = &results["overall"];
    assert!(overall["score"].as_f64().is_some(), "{overall}");
    assert_eq!(overall["provisional"], true);
    assert!(overall["level"].is_null());
    assert!(overall["coverage"].as_f64().unwrap() < 0.5);
    for pillar in results["pillars"].as_array().unwrap() {
        if pillar["kind"] == "layer" {
            assert!(
                pillar["score"].is_null() && pillar["level"].is_null(),
                "{}",
                pillar["id"]
            );
        }
    }
    assert!(
        results["provisional"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("overall"))
    );
    // The report says so in words and never gives the provisional index a level.
    let report_dir = scratch.path().join("report");
    crate::support::run(&[
        "report",
        "tests/fixtures/inventory-only",
        "--out",
        report_dir.to_str().unwrap(),
        "--format",
        "md",
    ])
    .expect_code(0);
    let md = std::fs::read_to_string(report_dir.join("report.md")).unwrap();
    assert!(md.contains("provisional (no level)"), "{md}");
    assert!(md.contains("so it is given no level and no rank"), "{md}");
    assert!(!md.contains("level 0 (Provisional"), "{md}");
}

#[test]
fn an_agreeing_repeat_counts_once_whatever_the_order_of_rows() {
    // The Ministry of Health repeats its answer to inf.01 (level 1, "3" subscriptions), once with
    // evidence: the repeat's evidence is kept whichever row comes first, so the results are the
    // same byte for byte when the rows are reversed.
    let dir = crate::support::scratch();
    let mut outputs = Vec::new();
    for reversed in [false, true] {
        let ws = dir.path().join(if reversed { "reversed" } else { "as-is" });
        crate::support::copy_dir(&repo("sample-data/kalindra-2024"), &ws);
        let file = ws.join("answers/ministry-of-health.csv");
        let text = std::fs::read_to_string(&file).unwrap();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        lines.push("inf.01,3,Grace Muteri,Ministry of Health,ITU ICT statistics 2023,repeated".into());
        if reversed {
            lines[1..].reverse();
        }
        std::fs::write(&file, lines.join("\n") + "\n").unwrap();
        let out = ws.join("results.json");
        let run = run(&["score", ws.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        run.expect_code(0);
        assert!(run.stderr.contains("warning[duplicate-answer]"), "{}", run.stderr);
        // The warning is a diagnostic (stderr); the summary and "wrote" line are results (stdout).
        assert!(!run.stdout.contains("warning["), "{}", run.stdout);
        assert!(
            run.stdout.contains(&format!("wrote {}", out.display())),
            "{}",
            run.stdout
        );
        // With --format json, stdout is the results and nothing else, as `> results.json` needs.
        let json = crate::support::run(&[
            "score",
            ws.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "json",
        ]);
        json.expect_code(0);
        assert!(!json.stdout.contains("warning["), "{}", json.stdout);
        let written: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(json.json(), written);
        outputs.push(std::fs::read_to_string(&out).unwrap());
    }
    assert!(outputs[0] == outputs[1], "the order of rows changed the results");
    let results: Results = serde_json::from_str(&outputs[0]).unwrap();
    let answer = indicator_result(&results, "inf-fixed-broadband")
        .answers
        .iter()
        .find(|a| a.respondent == "Grace Muteri")
        .unwrap()
        .clone();
    assert_eq!(answer.evidence.as_deref(), Some("ITU ICT statistics 2023"));
    assert_eq!(answer.comment.as_deref(), Some("repeated"));
}

/// The BBs of a sample's results.
fn sample_bbs(sample: &str, dir: &std::path::Path) -> Vec<serde_json::Value> {
    let text = score_sample(sample, &dir.join(format!("{sample}.json")));
    building_blocks_of(&serde_json::from_str(&text).unwrap())
}

#[test]
fn the_samples_show_the_exchange_layer_platforms_and_the_governance_ceiling() {
    let scratch = crate::support::scratch();
    for sample in SAMPLES {
        for b in sample_bbs(sample, scratch.path()) {
            let criteria = &b["criteria"];
            // No BB is Advanced while its governance and legal criterion is below Established.
            if let Some(c3) = criteria[2]["value"].as_f64()
                && c3 < 3.0
            {
                assert!(b["level"].as_u64().is_none_or(|l| l < 4), "{sample} {}", b["id"]);
            }
            // C1 at 3 or 4 always comes from a shared platform.
            if criteria[0]["value"].as_f64().is_some_and(|v| v >= 3.0) {
                let basis = criteria[0]["basis"].as_str().unwrap();
                assert!(basis.contains("shared platform"), "{sample} {}: {basis}", b["id"]);
            }
        }
    }
    // Kalindra 2024: Registration's and Payments' C1 rest on what implements them, not on the
    // spectrum-licensing system or the IFMIS, which are no longer listed under them.
    let bbs = sample_bbs("kalindra-2024", scratch.path());
    let bb = |id: &str| bbs.iter().find(|b| b["id"] == id).unwrap().clone();
    for (id, not) in [
        ("registration", "Spectrum"),
        ("payments", "Integrated Financial Management"),
    ] {
        let b = bb(id);
        assert!(!b["systems"].to_string().contains(not), "{id} still lists {not}");
        assert_eq!(
            b["criteria"][0]["value"], 2.0,
            "{id}: no platform, so a module's 2"
        );
    }
    // Kalindra 2026: the exchange layer is a pilot, and every BB whose systems claim it says so and
    // stays at point-to-point (2) in C2.
    let bbs = sample_bbs("kalindra-2026", scratch.path());
    let mut claiming = 0;
    for b in &bbs {
        let basis = b["criteria"][1]["basis"].as_str().unwrap();
        if basis.contains("data_exchange_layer") {
            claiming += 1;
            assert!(
                basis.contains("while the data-exchange layer is pilot"),
                "{}: {basis}",
                b["id"]
            );
            assert_eq!(b["criteria"][1]["value"], 2.0, "{}", b["id"]);
        }
    }
    assert!(claiming >= 3, "{claiming} BBs claim the layer");
}
