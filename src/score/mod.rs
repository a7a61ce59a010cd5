//! Scoring: an [`Assessment`] → [`Results`], exactly as `docs/method.md` (the scoring contract)
//! says.
//!
//! In: the assessment in memory (workspace overrides, framework, answers, inventories, ledger).
//! Out: every node's score, level, coverage and provisional flag, the BB criteria with the systems
//! behind them, caps and ceilings with what they did per node, consistency breaches, gaps with
//! priorities, and the disputed / unverified / no-data / provisional lists. Pure: no I/O, no
//! clock, and nothing depends on the order of input rows, so the same inputs give byte-identical
//! JSON. Not here: reading files (`ingest`), writing them (`cli`), or words for reports (`report`).
//!
//! The rules are those of docs/method.md, section by section: answers to levels (`ingest`, with
//! thresholds compared as decision keys), respondents to an indicator (`consolidate`), nodes and
//! the coverage floor (`aggregate` and [`apply_caps`] here), the four BB criteria
//! (`building_blocks`), consistency rules, caps and ceilings, gaps and priorities (here). Every
//! decision compares [`decision_key`]s (values rounded to 9 decimals), never raw binary floats.

mod adjudicate;
pub mod aggregate;
mod building_blocks;
mod consolidate;

use std::collections::{BTreeSet, HashMap};

pub use aggregate::{Child, Combined, combine};
pub use consolidate::{Consolidated, consolidate};

use crate::model::*;

/// Version of this tool, written into results.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The priority formula in words, for results and the method annex.
pub const PRIORITY_FORMULA: &str = "priority = gap × weight share × 100 × criticality factor (low 1, medium 2, high 3; \
     foundational BBs high, others medium) × (1 + dependents / 10); ties break by id";

pub use crate::model::{DECISION_DECIMALS, decision_key};

/// Level of a score: how many band thresholds it reaches, compared as decision keys.
pub fn band_level(score: f64, bands: &[f64; 4]) -> u8 {
    let score = decision_key(score);
    bands.iter().filter(|&&b| score >= decision_key(b)).count() as u8
}

/// The rules in force for an assessment: the framework's, with the workspace's overrides.
pub fn rules_in_force(assessment: &Assessment) -> RulesInForce {
    let framework = &assessment.framework;
    RulesInForce {
        consolidation: assessment
            .workspace
            .consolidation
            .unwrap_or(framework.rules.consolidation),
        dispute_spread: framework.rules.dispute_spread,
        evidence_policy: assessment
            .workspace
            .evidence_policy
            .unwrap_or(framework.rules.evidence_policy),
        evidence_cap_level: framework.rules.evidence_cap_level,
        bands: framework.scale.bands,
        level_names: (0..=MAX_LEVEL)
            .map(|l| framework.level_name(l).to_string())
            .collect(),
        priority_formula: PRIORITY_FORMULA.to_string(),
        min_coverage: framework.rules.min_coverage,
        decision_decimals: DECISION_DECIMALS,
        overrides: Some(overrides(assessment)),
        inventory: assessment.workspace.inventory,
    }
}

/// What the workspace sets differently from the framework, in the order: weights and targets as
/// assessment.yaml lists them, then the evidence policy and the consolidation rule.
fn overrides(assessment: &Assessment) -> Vec<RuleOverride> {
    let framework = &assessment.framework;
    let workspace = &assessment.workspace;
    let framework_weight = |id: &str| -> Option<f64> {
        framework
            .pillars
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.weight)
            .or_else(|| {
                framework
                    .pillars
                    .iter()
                    .flat_map(|p| &p.dimensions)
                    .find(|d| d.id == id)
                    .map(|d| d.weight)
            })
            .or_else(|| framework.indicator(id).map(|i| i.weight))
            .or_else(|| framework.building_block(id).map(|b| b.weight))
    };
    let framework_target = |id: &str| -> Option<u8> {
        framework
            .indicator(id)
            .map(|i| i.target)
            .or_else(|| framework.building_block(id).map(|b| b.target))
    };
    let mut found = Vec::new();
    for (id, &weight) in &workspace.weights {
        if let Some(default) = framework_weight(id)
            && default != weight
        {
            found.push(RuleOverride::Weight {
                node: id.clone(),
                framework: default,
                assessment: weight,
            });
        }
    }
    for (id, &target) in &workspace.targets {
        if let Some(default) = framework_target(id)
            && default != target
        {
            found.push(RuleOverride::Target {
                node: id.clone(),
                framework: default,
                assessment: target,
            });
        }
    }
    if let Some(policy) = workspace.evidence_policy
        && policy != framework.rules.evidence_policy
    {
        found.push(RuleOverride::EvidencePolicy {
            framework: framework.rules.evidence_policy,
            assessment: policy,
        });
    }
    if let Some(rule) = workspace.consolidation
        && rule != framework.rules.consolidation
    {
        found.push(RuleOverride::Consolidation {
            framework: framework.rules.consolidation,
            assessment: rule,
        });
    }
    found
}

/// The institutions (trimmed, lowercase) that hold an indicator's authority roles in this
/// country; a role the workspace does not map names nobody.
fn authority_institutions(
    indicator: &crate::model::Indicator,
    workspace: &crate::model::Workspace,
) -> Vec<String> {
    indicator
        .authorities
        .iter()
        .filter_map(|role| workspace.roles.get(role))
        .map(|institution| institution.trim().to_lowercase())
        .collect()
}

/// Scores an assessment.
pub fn score(assessment: &Assessment) -> Results {
    let framework = &assessment.framework;
    let workspace = &assessment.workspace;
    let rules = rules_in_force(assessment);
    let weight = |id: &str, default: f64| workspace.weights.get(id).copied().unwrap_or(default);
    let target = |id: &str, default: u8| workspace.targets.get(id).copied().unwrap_or(default);

    // Answers by indicator.
    let mut by_indicator: HashMap<&str, Vec<&Answer>> = HashMap::new();
    for answer in &assessment.answers {
        by_indicator
            .entry(answer.indicator.as_str())
            .or_default()
            .push(answer);
    }
    let judge = EvidenceJudge::new(assessment);
    let mut consolidated: HashMap<&str, Consolidated> = HashMap::new();
    for (_, _, indicator) in framework.indicators() {
        let answers = by_indicator
            .get(indicator.id.as_str())
            .cloned()
            .unwrap_or_default();
        let accepted = judge.accepted(indicator);
        consolidated.insert(
            &indicator.id,
            consolidate(
                &answers,
                &rules,
                &authority_institutions(indicator, workspace),
                &|answer| judge.supports(answer, accepted),
            ),
        );
    }
    // The workshop's decisions come after consolidation and before anything reads a level.
    let mut adjudicated: HashMap<&str, AdjudicationResult> = HashMap::new();
    for adjudication in &assessment.adjudications {
        let (Some(c), Some(indicator)) = (
            consolidated.get_mut(adjudication.indicator.as_str()),
            framework.indicator(&adjudication.indicator),
        ) else {
            continue;
        };
        let accepted = judge.accepted(indicator);
        let decided = adjudicate::adjudicate(c, adjudication, &rules, |evidence| {
            judge.text_supports(evidence, accepted)
        });
        adjudicated.insert(adjudication.indicator.as_str(), decided);
    }
    let indicator_level = |id: &str| -> Option<u8> {
        consolidated
            .get(id)
            .and_then(|c| c.value)
            .map(|v| band_level(v * 25.0, &rules.bands))
    };

    // Caps: judged once from the final indicator levels, applied as nodes are computed. The
    // rubric's ceilings follow them; each is judged on every BB's own criterion.
    let mut caps: Vec<CapResult> = framework
        .caps
        .iter()
        .map(|cap| {
            let level = indicator_level(&cap.indicator);
            let status = match level {
                None => CapStatus::Unchecked,
                Some(l) if l < cap.below_level => CapStatus::Fired,
                Some(_) => CapStatus::NotFired,
            };
            CapResult {
                id: cap.id.clone(),
                reason: cap.reason.clone(),
                indicator: Some(cap.indicator.clone()),
                indicator_level: level,
                criterion: None,
                below_level: cap.below_level,
                max_score: cap.max_score,
                status,
                lowered: false,
                effects: Vec::new(),
            }
        })
        .chain(framework.bb_rubric.ceilings.iter().map(|ceiling| CapResult {
            id: ceiling.id.clone(),
            reason: ceiling.reason.clone(),
            indicator: None,
            indicator_level: None,
            criterion: Some(ceiling.criterion.clone()),
            below_level: ceiling.below_level,
            max_score: ceiling.max_score,
            status: CapStatus::Unchecked,
            lowered: false,
            effects: Vec::new(),
        }))
        .collect();
    let cap_nodes: Vec<Vec<String>> = framework.caps.iter().map(|c| c.nodes.clone()).collect();
    let min_coverage = rules.min_coverage;
    let mut finish = |id: &str, combined: Combined, criteria: Option<&[CriterionResult]>| -> NodeScore {
        apply_caps(
            id,
            combined,
            CapContext {
                caps: &mut caps,
                nodes: &cap_nodes,
                criteria,
            },
            &rules.bands,
            min_coverage,
        )
    };

    // Systems and services by BB.
    let institutions = building_blocks::number_institutions(&assessment.systems);
    // Taken in order of name and owner, the order every BB lists its systems in: one sort of the
    // inventory here, and the sorts per BB below then find their lists already in order.
    let mut by_name: Vec<(&System, &Vec<u32>)> = assessment.systems.iter().zip(&institutions).collect();
    by_name.sort_by(|(a, _), (b, _)| (&a.name, &a.owner).cmp(&(&b.name, &b.owner)));
    let mut systems_by_bb: HashMap<&str, Vec<building_blocks::Listed<'_>>> = HashMap::new();
    for (system, institutions) in by_name {
        for bb in &system.building_blocks {
            systems_by_bb
                .entry(bb.as_str())
                .or_default()
                .push(building_blocks::Listed { system, institutions });
        }
    }
    let services_by_bb = services_by_bb(&assessment.services);
    let specifications =
        building_blocks::specification_spellings(&framework.open_specifications, &framework.building_blocks);

    let mut pillars = Vec::new();
    for pillar in &framework.pillars {
        let (node, dimensions, building_blocks) = match pillar.kind {
            PillarKind::Layer => {
                let mut dimensions = Vec::new();
                for dimension in &pillar.dimensions {
                    let indicators: Vec<IndicatorResult> = dimension
                        .indicators
                        .iter()
                        .map(|indicator| {
                            // Each indicator's answers move into its result: only the
                            // consolidated values are read after this.
                            let c = consolidated
                                .get_mut(indicator.id.as_str())
                                .expect("every indicator was consolidated");
                            let mut result = indicator_result(
                                indicator,
                                c,
                                weight(&indicator.id, indicator.weight),
                                target(&indicator.id, indicator.target),
                                &rules.bands,
                            );
                            result.adjudication = adjudicated.remove(indicator.id.as_str());
                            let accepted = judge.accepted(indicator);
                            result.evidence_weak =
                                by_indicator.get(indicator.id.as_str()).is_some_and(|answers| {
                                    answers
                                        .iter()
                                        .any(|a| is_high(a) && !judge.problems(a, accepted).is_empty())
                                });
                            result
                        })
                        .collect();
                    let children: Vec<Child> = indicators.iter().map(|i| child(i.weight, &i.node)).collect();
                    let node = finish(&dimension.id, combine(&children, dimension.aggregator), None);
                    dimensions.push(DimensionResult {
                        id: dimension.id.clone(),
                        title: dimension.title.clone(),
                        weight: weight(&dimension.id, dimension.weight),
                        aggregator: dimension.aggregator,
                        node,
                        indicators,
                    });
                }
                let children: Vec<Child> = dimensions.iter().map(|d| child(d.weight, &d.node)).collect();
                (
                    finish(&pillar.id, combine(&children, pillar.aggregator), None),
                    dimensions,
                    Vec::new(),
                )
            }
            PillarKind::BuildingBlocks => {
                let mut results = Vec::new();
                let layer_bb = framework.bb_rubric.interoperable.layer_bb.as_str();
                let layer_systems: Vec<&System> = systems_by_bb
                    .get(layer_bb)
                    .map(|listed| listed.iter().map(|l| l.system).collect())
                    .unwrap_or_default();
                let layer = building_blocks::LayerState::of(layer_bb, &layer_systems);
                // Each BB's criteria, and its systems as results list them: one BB's work needs
                // nothing of another's, so they are scored on all cores, in the framework's order.
                let scored_bbs = crate::parallel::map(&framework.building_blocks, |bb| {
                    let systems = systems_by_bb
                        .get(bb.id.as_str())
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    let linked: Vec<(&str, Option<f64>)> = framework
                        .indicators()
                        .filter(|(_, _, i)| i.building_blocks.contains(&bb.id))
                        .map(|(_, _, i)| (i.id.as_str(), consolidated[i.id.as_str()].value))
                        .collect();
                    let inputs = building_blocks::BbInputs {
                        bb,
                        rubric: &framework.bb_rubric,
                        layer,
                        specifications: &specifications,
                        inventory: workspace.inventory,
                    };
                    let scored = building_blocks::score_criteria(systems, &linked, &inputs);
                    let mut listed: Vec<SystemRef> = systems
                        .iter()
                        .map(|l| building_blocks::system_ref(l.system, &bb.id))
                        .collect();
                    listed.sort_by(|a, b| (&a.name, &a.owner).cmp(&(&b.name, &b.owner)));
                    (scored, listed)
                });
                for (bb, (scored, listed)) in framework.building_blocks.iter().zip(scored_bbs) {
                    let criteria_children: Vec<Child> = scored
                        .criteria
                        .iter()
                        .map(|c| Child {
                            weight: c.weight,
                            status: if c.not_applicable {
                                NodeStatus::NotApplicable
                            } else if c.value.is_some() {
                                NodeStatus::Scored
                            } else {
                                NodeStatus::InsufficientData
                            },
                            score: c.value.map(|v| v * 25.0),
                            coverage: if c.value.is_some() { 1.0 } else { 0.0 },
                        })
                        .collect();
                    let node = finish(
                        &bb.id,
                        combine(&criteria_children, Aggregator::WeightedMean),
                        Some(&scored.criteria),
                    );
                    let bb_target = target(&bb.id, bb.target);
                    results.push(BbResult {
                        id: bb.id.clone(),
                        name: bb.name.clone(),
                        weight: weight(&bb.id, bb.weight),
                        foundational: bb.foundational,
                        gap: node.level.map(|l| bb_target.saturating_sub(l)),
                        node,
                        criteria: scored.criteria,
                        systems: listed,
                        siloed_copies: scored.siloed_copies,
                        inconsistent: false,
                        target: bb_target,
                        depends_on: bb.depends_on.clone(),
                        needed_by_services: services_by_bb
                            .get(bb.id.as_str())
                            .map(|s| s.iter().map(|n| n.to_string()).collect())
                            .unwrap_or_default(),
                    });
                }
                let children: Vec<Child> = results.iter().map(|b| child(b.weight, &b.node)).collect();
                (
                    finish(&pillar.id, combine(&children, pillar.aggregator), None),
                    Vec::new(),
                    results,
                )
            }
        };
        pillars.push(PillarResult {
            id: pillar.id.clone(),
            title: pillar.title.clone(),
            kind: pillar.kind,
            weight: weight(&pillar.id, pillar.weight),
            aggregator: pillar.aggregator,
            node,
            dimensions,
            building_blocks,
        });
    }
    let children: Vec<Child> = pillars.iter().map(|p| child(p.weight, &p.node)).collect();
    let overall = finish("overall", combine(&children, Aggregator::WeightedMean), None);
    for cap in caps.iter_mut().filter(|c| c.criterion.is_some()) {
        cap.status = ceiling_status(&cap.effects);
    }
    let inconsistencies = consistency(framework, &consolidated, &mut pillars);

    let gaps = priorities(&pillars, assessment, &services_by_bb);
    let mut no_data = Vec::new();
    let mut provisional = Vec::new();
    let mut disputed = Vec::new();
    let mut unverified = Vec::new();
    for pillar in &pillars {
        for indicator in pillar.dimensions.iter().flat_map(|d| &d.indicators) {
            if indicator.node.status == NodeStatus::InsufficientData {
                no_data.push(indicator.id.clone());
            }
            if indicator.disputed {
                disputed.push(indicator.id.clone());
            }
            if indicator.unverified {
                unverified.push(indicator.id.clone());
            }
        }
        for dimension in &pillar.dimensions {
            if dimension.node.provisional {
                provisional.push(dimension.id.clone());
            }
        }
        if pillar.node.provisional {
            provisional.push(pillar.id.clone());
        }
        for bb in &pillar.building_blocks {
            if bb.node.provisional {
                provisional.push(bb.id.clone());
            } else if bb.node.level.is_none() {
                no_data.push(bb.id.clone());
            }
        }
    }
    if overall.provisional {
        provisional.push("overall".to_string());
    }

    let mut results = Results {
        schema_version: RESULTS_SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "dpi-assess".to_string(),
            version: TOOL_VERSION.to_string(),
        },
        framework: DefinitionId {
            id: framework.id.clone(),
            version: framework.version.clone(),
            title: framework.title.clone(),
        },
        questionnaires: assessment
            .questionnaires
            .iter()
            .map(|q| DefinitionId {
                id: q.id.clone(),
                version: q.version.clone(),
                title: q.title.clone(),
            })
            .collect(),
        assessment: AssessmentInfo {
            country: workspace.country.clone(),
            iso3: workspace.iso3.clone(),
            date: workspace.assessment_date.to_string(),
            title: workspace.title.clone(),
        },
        rules,
        overall,
        data: data_summary(assessment, &pillars),
        pillars,
        caps,
        gaps,
        no_data,
        disputed,
        unverified,
        provisional,
        inconsistencies,
        review: Review {
            sign_off: None,
            validated: 0,
            contested: 0,
            draft: 0,
        },
    };
    review(&mut results, workspace.sign_off.as_ref());
    results
}

/// Each indicator's review status, and the counts with the sign-off (docs/validation.md §4): an
/// indicator is validated when the workshop agreed its level, or when the sign-off leaves nothing
/// open about it — it has levels (or all its answers say it does not apply) and is neither
/// disputed, unverified, inconsistent with the inventory nor evidence-weak; contested when the workshop recorded
/// that it could not agree; draft otherwise.
fn review(results: &mut Results, sign_off: Option<&crate::model::SignOff>) {
    let (mut validated, mut contested, mut draft) = (0, 0, 0);
    for indicator in results
        .pillars
        .iter_mut()
        .flat_map(|p| p.dimensions.iter_mut())
        .flat_map(|d| d.indicators.iter_mut())
    {
        let settled = matches!(indicator.answered, Answered::Levels | Answered::NotApplicable);
        let open =
            indicator.disputed || indicator.unverified || indicator.inconsistent || indicator.evidence_weak;
        indicator.review = match indicator.adjudication.as_ref().map(|a| a.outcome) {
            Some(AdjudicationOutcome::Agreed) => ReviewStatus::Validated,
            Some(AdjudicationOutcome::Contested) => ReviewStatus::Contested,
            None if sign_off.is_some() && settled && !open => ReviewStatus::Validated,
            None => ReviewStatus::Draft,
        };
        match indicator.review {
            ReviewStatus::Validated => validated += 1,
            ReviewStatus::Contested => contested += 1,
            ReviewStatus::Draft => draft += 1,
        }
    }
    results.review = Review {
        sign_off: sign_off.map(|s| SignOffInfo {
            by: s.by.clone(),
            role: s.role.clone(),
            date: s.date.to_string(),
        }),
        validated,
        contested,
        draft,
    };
}

/// The names of the services that need each BB, sorted.
fn services_by_bb(services: &[Service]) -> HashMap<&str, BTreeSet<&str>> {
    let mut by_bb: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for service in services {
        for bb in &service.required_bbs {
            by_bb
                .entry(bb.as_str())
                .or_default()
                .insert(service.name.as_str());
        }
    }
    by_bb
}

fn child(weight: f64, node: &NodeScore) -> Child {
    Child {
        weight,
        status: node.status,
        score: node.score,
        coverage: node.coverage,
    }
}

/// The caps as a node being finished sees them.
struct CapContext<'a> {
    /// Every cap's result so far: the framework's caps, then the rubric's ceilings.
    caps: &'a mut [CapResult],
    /// The nodes each framework cap limits (same order as the first entries of `caps`).
    nodes: &'a [Vec<String>],
    /// A BB's criteria, for the ceilings; none for other nodes.
    criteria: Option<&'a [CriterionResult]>,
}

/// Applies the caps that limit a node (and, for a BB, the ceilings judged on its criteria),
/// records what each did, and reads the node's level unless its coverage is below the floor.
fn apply_caps(
    id: &str,
    combined: Combined,
    context: CapContext<'_>,
    bands: &[f64; 4],
    min_coverage: f64,
) -> NodeScore {
    let uncapped = combined.score;
    // Which caps judge this node and with what status, then the lowest max among those that bind:
    // the node's score, and the `score_after` of every binding cap.
    let mut judged: Vec<(usize, CapStatus, bool)> = Vec::new();
    for (index, cap) in context.caps.iter().enumerate() {
        let status = if let Some(criterion) = &cap.criterion {
            let Some(value) = context
                .criteria
                .and_then(|criteria| criteria.iter().find(|c| &c.id == criterion))
            else {
                continue;
            };
            match value.value {
                _ if value.not_applicable => continue,
                None => CapStatus::Unchecked,
                Some(v) if decision_key(v) < decision_key(f64::from(cap.below_level)) => CapStatus::Fired,
                Some(_) => CapStatus::NotFired,
            }
        } else if context
            .nodes
            .get(index)
            .is_some_and(|nodes| nodes.iter().any(|n| n == id))
        {
            cap.status
        } else {
            continue;
        };
        let binds = status == CapStatus::Fired
            && uncapped.is_some_and(|u| decision_key(u) > decision_key(cap.max_score));
        judged.push((index, status, binds));
    }
    let score = judged
        .iter()
        .filter(|(_, _, binds)| *binds)
        .map(|(index, ..)| context.caps[*index].max_score)
        .fold(uncapped, |score, max| score.map(|s| s.min(max)));
    let mut capped_by = Vec::new();
    for (index, status, binds) in judged {
        let cap = &mut context.caps[index];
        if binds {
            cap.lowered = true;
            capped_by.push(cap.id.clone());
        }
        cap.effects.push(CapEffect {
            node: id.to_string(),
            status,
            score_before: uncapped,
            score_after: if binds { score } else { uncapped },
            lowered: binds,
        });
    }
    let provisional = score.is_some() && decision_key(combined.coverage) < decision_key(min_coverage);
    NodeScore {
        status: combined.status,
        level: if provisional {
            None
        } else {
            score.map(|s| band_level(s, bands))
        },
        score,
        coverage: combined.coverage,
        uncapped_score: if capped_by.is_empty() { None } else { uncapped },
        capped_by,
        provisional,
    }
}

/// A ceiling fired if it fired on any BB; else it was checked if any BB had the criterion.
fn ceiling_status(effects: &[CapEffect]) -> CapStatus {
    if effects.iter().any(|e| e.status == CapStatus::Fired) {
        CapStatus::Fired
    } else if effects.iter().any(|e| e.status == CapStatus::NotFired) {
        CapStatus::NotFired
    } else {
        CapStatus::Unchecked
    }
}

/// Checks the framework's consistency rules: an indicator and a BB criterion that measure the
/// same fact may differ by at most the rule's spread. Marks both sides and lists each breach.
fn consistency(
    framework: &Framework,
    consolidated: &HashMap<&str, Consolidated>,
    pillars: &mut [PillarResult],
) -> Vec<Inconsistency> {
    let mut found = Vec::new();
    for rule in &framework.consistency {
        let Some(indicator_value) = consolidated.get(rule.indicator.as_str()).and_then(|c| c.value) else {
            continue;
        };
        let Some(criterion_value) = pillars
            .iter()
            .flat_map(|p| &p.building_blocks)
            .find(|b| b.id == rule.building_block)
            .and_then(|b| b.criteria.iter().find(|c| c.id == rule.criterion))
            .and_then(|c| c.value)
        else {
            continue;
        };
        let spread = (indicator_value - criterion_value).abs();
        if decision_key(spread) <= decision_key(rule.max_spread) {
            continue;
        }
        for pillar in pillars.iter_mut() {
            for indicator in pillar.dimensions.iter_mut().flat_map(|d| &mut d.indicators) {
                if indicator.id == rule.indicator {
                    indicator.inconsistent = true;
                }
            }
            for bb in pillar.building_blocks.iter_mut() {
                if bb.id == rule.building_block {
                    bb.inconsistent = true;
                }
            }
        }
        found.push(Inconsistency {
            rule: rule.id.clone(),
            reason: rule.reason.clone(),
            indicator: rule.indicator.clone(),
            indicator_value,
            building_block: rule.building_block.clone(),
            criterion: rule.criterion.clone(),
            criterion_value,
            spread,
            max_spread: rule.max_spread,
        });
    }
    found
}

fn indicator_result(
    indicator: &Indicator,
    c: &mut Consolidated,
    weight: f64,
    target: u8,
    bands: &[f64; 4],
) -> IndicatorResult {
    let score = c.value.map(|v| v * 25.0);
    let level = score.map(|s| band_level(s, bands));
    // A value comes from levels, or from the workshop, which may agree a level for an indicator
    // nobody could answer.
    let status = match c.answered {
        _ if c.value.is_some() => NodeStatus::Scored,
        Answered::NotApplicable => NodeStatus::NotApplicable,
        Answered::Levels | Answered::Unknown | Answered::Missing => NodeStatus::InsufficientData,
    };
    IndicatorResult {
        id: indicator.id.clone(),
        title: indicator.title.clone(),
        weight,
        node: NodeScore {
            status,
            score,
            level,
            coverage: if score.is_some() { 1.0 } else { 0.0 },
            uncapped_score: None,
            capped_by: Vec::new(),
            provisional: false,
        },
        answered: c.answered,
        value: c.value,
        respondent_values: c.respondent_values.clone(),
        authoritative_respondents: std::mem::take(&mut c.authoritative_respondents),
        spread: c.spread,
        disputed: c.disputed,
        unverified: c.unverified,
        evidence_capped: c.evidence_capped,
        target,
        gap: level.map(|l| target.saturating_sub(l)),
        criticality: indicator.criticality,
        building_blocks: indicator.building_blocks.clone(),
        inconsistent: false,
        evidence_weak: false,
        // Decided by `review` once every flag is known.
        review: ReviewStatus::Draft,
        adjudication: None,
        answers: std::mem::take(&mut c.answers),
    }
}

/// Weight of a child over the applicable children's (not-applicable siblings carry nothing).
fn share(weight: f64, status: NodeStatus, siblings: impl Iterator<Item = (f64, NodeStatus)>) -> f64 {
    if status == NodeStatus::NotApplicable {
        return 0.0;
    }
    let total: f64 = siblings
        .filter(|(_, s)| *s != NodeStatus::NotApplicable)
        .map(|(w, _)| w)
        .sum();
    if total > 0.0 { weight / total } else { 0.0 }
}

/// Gaps with their priorities, highest first.
fn priorities(
    pillars: &[PillarResult],
    assessment: &Assessment,
    services_by_bb: &HashMap<&str, BTreeSet<&str>>,
) -> Vec<Gap> {
    let framework = &assessment.framework;
    let mut gaps = Vec::new();
    for pillar in pillars {
        let pillar_share = share(
            pillar.weight,
            pillar.node.status,
            pillars.iter().map(|p| (p.weight, p.node.status)),
        );
        for dimension in &pillar.dimensions {
            let dimension_share = share(
                dimension.weight,
                dimension.node.status,
                pillar.dimensions.iter().map(|d| (d.weight, d.node.status)),
            );
            for indicator in &dimension.indicators {
                let (Some(level), Some(gap)) = (indicator.node.level, indicator.gap) else {
                    continue;
                };
                if gap == 0 {
                    continue;
                }
                let indicator_share = share(
                    indicator.weight,
                    indicator.node.status,
                    dimension.indicators.iter().map(|i| (i.weight, i.node.status)),
                );
                let services: BTreeSet<&str> = indicator
                    .building_blocks
                    .iter()
                    .flat_map(|bb| services_by_bb.get(bb.as_str()).into_iter().flatten().copied())
                    .collect();
                let dependents = (indicator.building_blocks.len() + services.len()) as u32;
                gaps.push(gap_entry(
                    GapKind::Indicator,
                    &indicator.id,
                    &indicator.title,
                    &pillar.id,
                    (level, indicator.target, gap),
                    pillar_share * dimension_share * indicator_share,
                    indicator.criticality,
                    dependents,
                ));
            }
        }
        for bb in &pillar.building_blocks {
            let (Some(level), Some(gap)) = (bb.node.level, bb.gap) else {
                continue;
            };
            if gap == 0 {
                continue;
            }
            let bb_share = share(
                bb.weight,
                bb.node.status,
                pillar.building_blocks.iter().map(|b| (b.weight, b.node.status)),
            );
            let dependent_bbs = framework
                .building_blocks
                .iter()
                .filter(|other| other.depends_on.contains(&bb.id))
                .count();
            let dependents = (dependent_bbs + bb.needed_by_services.len()) as u32;
            let criticality = if bb.foundational {
                Criticality::High
            } else {
                Criticality::Medium
            };
            gaps.push(gap_entry(
                GapKind::BuildingBlock,
                &bb.id,
                &bb.name,
                &pillar.id,
                (level, bb.target, gap),
                pillar_share * bb_share,
                criticality,
                dependents,
            ));
        }
    }
    // Equal priorities (as decision keys) order by id, so the ranking is stable and exact.
    gaps.sort_by(|a, b| {
        decision_key(b.priority)
            .cmp(&decision_key(a.priority))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (rank, gap) in gaps.iter_mut().enumerate() {
        gap.rank = rank as u32 + 1;
    }
    gaps
}

#[allow(clippy::too_many_arguments)]
fn gap_entry(
    kind: GapKind,
    id: &str,
    title: &str,
    pillar: &str,
    (level, target, gap): (u8, u8, u8),
    weight_share: f64,
    criticality: Criticality,
    dependents: u32,
) -> Gap {
    let priority = priority(gap, weight_share, criticality, dependents);
    Gap {
        rank: 0,
        kind,
        id: id.to_string(),
        title: title.to_string(),
        pillar: pillar.to_string(),
        level,
        target,
        gap,
        weight_share,
        criticality,
        dependents,
        priority,
    }
}

/// The priority formula ([`PRIORITY_FORMULA`]).
pub fn priority(gap: u8, weight_share: f64, criticality: Criticality, dependents: u32) -> f64 {
    f64::from(gap) * weight_share * 100.0 * criticality.factor() * (1.0 + f64::from(dependents) / 10.0)
}

fn data_summary(assessment: &Assessment, pillars: &[PillarResult]) -> DataSummary {
    let respondents: BTreeSet<String> = assessment
        .answers
        .iter()
        .map(|a| a.respondent.to_lowercase())
        .collect();
    let indicators: Vec<&IndicatorResult> = pillars
        .iter()
        .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
        .collect();
    let tables = assessment
        .ledger
        .tables
        .iter()
        .map(|table| {
            let reasons = table.ignored_by_reason();
            TableSummary {
                file: table.file.clone(),
                sheet: table.sheet.clone(),
                role: table.role.name().to_string(),
                rows_read: table.rows_read,
                rows_used: table.rows_used,
                ignored: reasons
                    .into_iter()
                    .map(|(reason, rows)| IgnoredCount {
                        reason: reason.describe().to_string(),
                        rows,
                    })
                    .collect(),
            }
        })
        .collect();
    DataSummary {
        answers: assessment.answers.len() as u32,
        respondents: respondents.len() as u32,
        systems: assessment.systems.len() as u32,
        services: assessment.services.len() as u32,
        indicators_answered: indicators.iter().filter(|i| i.node.score.is_some()).count() as u32,
        indicators_applicable: indicators
            .iter()
            .filter(|i| i.node.status != NodeStatus::NotApplicable)
            .count() as u32,
        tables,
    }
}
