//! A validated scoring framework: every reference resolves, every range holds.

use indexmap::IndexMap;
use serde::Serialize;

use super::{
    Aggregator, BbStatus, Consolidation, Criticality, DpiComponent, EvidencePolicy, ExchangeMode,
    LifecycleStatus, PillarKind,
};

/// A scoring framework: scale, pillars, BB catalogue and rubric, caps, open specifications and
/// consistency rules (docs/method.md).
#[derive(Debug, Clone, Serialize)]
pub struct Framework {
    /// Stable identifier, e.g. `govstack-dpi`.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Human title.
    pub title: String,
    /// What the framework measures.
    pub description: String,
    /// Sources of its facts.
    pub sources: Vec<String>,
    /// Maturity scale and score bands.
    pub scale: Scale,
    /// Scoring rules.
    pub rules: Rules,
    /// Pillars in file order (the four layers, then the BB pillar).
    pub pillars: Vec<Pillar>,
    /// The Building Block catalogue in file order.
    pub building_blocks: Vec<BuildingBlock>,
    /// How BB criteria are scored.
    pub bb_rubric: BbRubric,
    /// Non-compensatory caps.
    pub caps: Vec<Cap>,
    /// Open specifications whose declared conformance earns C2's standards bonus.
    pub open_specifications: Vec<OpenSpecification>,
    /// Pairs of an indicator and a BB criterion that measure the same fact.
    pub consistency: Vec<ConsistencyRule>,
    /// Roles that own actions.
    pub roles: Vec<Role>,
    /// The action library.
    pub actions: Vec<Action>,
    /// Roadmap phase → the share of the previous phase's planned actions that must have ended
    /// before it starts (docs/method.md §11).
    pub phase_gates: std::collections::BTreeMap<super::Phase, f64>,
    /// Cost classes of the action library (none when the framework gives no costs).
    pub costs: Option<CostClasses>,
    /// Funding types actions name.
    pub funding_types: Vec<FundingType>,
    /// Programmes actions belong to.
    pub programmes: Vec<Programme>,
    /// Outcome indicators.
    pub outcomes: Vec<Outcome>,
    /// Standards actions adopt (GovStack BB specifications are not listed: each BB gives its own).
    pub standards: Vec<Standard>,
    /// The UN DPI safeguards checklist, when the framework has one.
    pub safeguards: Option<Safeguards>,
    /// Areas left out on purpose, with the reason and the indicators covering what bears on DPI.
    pub scope_notes: Vec<ScopeNote>,
    /// The rules the target architecture is proposed by (none: the framework proposes none).
    pub architecture: Option<super::ArchitectureRules>,
}

/// An area the framework does not score, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeNote {
    /// The area.
    pub area: String,
    /// Why it is left out.
    pub reason: String,
    /// Indicators covering the part of it that bears on DPI.
    pub covered_by: Vec<String>,
}

/// The UN DPI safeguards as a checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Safeguards {
    /// Where the principles, risks and authorities come from.
    pub source: String,
    /// The licence their names are used under.
    pub licence: String,
    /// Risks, in the source's order.
    pub risks: Vec<SafeguardRisk>,
    /// Principles, in the source's order.
    pub principles: Vec<Principle>,
    /// Responsible authorities.
    pub authorities: Vec<Authority>,
}

/// A risk the safeguards guard against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafeguardRisk {
    /// `RS1` …
    pub id: String,
    /// `safety`, `inclusion` or `structural`.
    pub group: String,
    /// Name.
    pub name: String,
    /// What it is.
    pub description: String,
}

/// A safeguards principle and the findings that evidence it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Principle {
    /// `F1` …
    pub id: String,
    /// `foundational` or `operational`.
    pub group: String,
    /// Name.
    pub name: String,
    /// What it asks.
    pub description: String,
    /// Indicator ids.
    pub indicators: Vec<String>,
    /// BB rubric criterion ids.
    pub criteria: Vec<String>,
    /// Risk ids.
    pub risks: Vec<String>,
}

/// A responsible authority.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Authority {
    /// `R1` …
    pub id: String,
    /// Name.
    pub name: String,
    /// What it does.
    pub description: String,
    /// Role ids acting as it.
    pub roles: Vec<String>,
}

/// The library's cost classes, in one currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostClasses {
    /// ISO 4217 code.
    pub currency: String,
    /// Smallest first.
    pub classes: Vec<CostClass>,
}

/// A cost class: the range of a whole action's cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostClass {
    /// Identifier, e.g. `m`.
    pub id: String,
    /// Name, e.g. `Medium`.
    pub title: String,
    /// Lowest likely cost in whole currency units.
    pub low: u64,
    /// Highest likely cost in whole currency units.
    pub high: u64,
    /// What an action of this size typically is.
    pub description: String,
}

/// A source of funding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundingType {
    /// Identifier.
    pub id: String,
    /// Name.
    pub title: String,
    /// What it covers.
    pub description: String,
}

/// A programme: actions steered and funded as one stream of work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    /// Identifier.
    pub id: String,
    /// Name.
    pub title: String,
    /// What it delivers.
    pub description: String,
    /// Milestones in the order expected.
    pub milestones: Vec<Milestone>,
    /// Main risks.
    pub risks: Vec<Risk>,
}

/// A milestone: reached when an item reaches a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Milestone {
    /// What exists once it is reached.
    pub title: String,
    /// Indicator or BB id.
    pub item: String,
    /// Level 1..4.
    pub level: u8,
}

/// A risk and its usual mitigation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Risk {
    /// What may go wrong.
    pub risk: String,
    /// What reduces it.
    pub mitigation: String,
}

/// Whether a higher or a lower value of an outcome is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// More is better (coverage, enrolment).
    Higher,
    /// Less is better (prices).
    Lower,
}

/// An outcome indicator: a national result read against an indicator's level thresholds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Identifier.
    pub id: String,
    /// What is measured.
    pub title: String,
    /// Its unit.
    pub unit: String,
    /// The indicator whose descriptors state the thresholds.
    pub indicator: String,
    /// Which direction is better.
    pub better: Better,
    /// Who publishes the figure.
    pub source: String,
    /// Level → the value that marks it.
    pub levels: std::collections::BTreeMap<u8, f64>,
}

/// A standard an action adopts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standard {
    /// The name actions use.
    pub name: String,
    /// The edition or version to adopt.
    pub version: String,
    /// Full title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Where it is published.
    pub url: String,
}

/// A sign of an action's success, as the library states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Kpi {
    /// A measure of the action's own, from its state at the start to its state at the end.
    Measure {
        /// What is counted or checked.
        measure: String,
        /// Its state when the action starts.
        baseline: String,
        /// Its state when the action ends.
        target: String,
    },
    /// An outcome indicator, whose target is its value at the action's level.
    Outcome {
        /// Outcome id.
        outcome: String,
    },
}

/// A role that owns actions.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    /// Identifier (snake_case).
    pub id: String,
    /// Title.
    pub title: String,
    /// What the role does.
    pub description: String,
}

/// An action that raises an indicator or Building Block to a level.
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Indicator or BB id it raises.
    pub raises: String,
    /// Level reached when complete.
    pub to_level: u8,
    /// Owner role id: the one role accountable for it.
    pub owner: String,
    /// Role ids that contribute to it, never the owner.
    pub contributors: Vec<String>,
    /// Duration in months.
    pub effort_months: u32,
    /// Roadmap phase.
    pub phase: super::Phase,
    /// Actions that must end first.
    pub requires_actions: Vec<String>,
    /// Items that must reach a level first.
    pub requires_levels: IndexMap<String, u8>,
    /// Actions that must have started (not ended) before it starts: soft prerequisites.
    pub under_way_actions: Vec<String>,
    /// Items whose actions up to the level must have started before it starts.
    pub under_way_levels: IndexMap<String, u8>,
    /// Cost class id.
    pub cost: Option<String>,
    /// Funding type id.
    pub funding: Option<String>,
    /// Programme id.
    pub programme: Option<String>,
    /// Signs of success.
    pub kpis: Vec<Kpi>,
    /// Standards adopted.
    pub standards: Vec<String>,
    /// The target-architecture work it stands for, for the actions the target architecture adds
    /// (none for the library's own).
    pub transition: Option<super::TransitionKind>,
}

/// Level names and the four score thresholds between bands.
#[derive(Debug, Clone, Serialize)]
pub struct Scale {
    /// Levels 0..4 in order.
    pub levels: Vec<LevelDefinition>,
    /// Ascending thresholds on 0..100; a score at or above `bands[k]` is at least level k+1.
    pub bands: [f64; 4],
}

/// One level of the scale.
#[derive(Debug, Clone, Serialize)]
pub struct LevelDefinition {
    /// 0..4.
    pub level: u8,
    /// Short name.
    pub name: String,
    /// General meaning.
    pub description: String,
}

/// Framework-wide scoring rules.
#[derive(Debug, Clone, Serialize)]
pub struct Rules {
    /// Respondent consolidation.
    pub consolidation: Consolidation,
    /// Spread in levels from which an indicator is `disputed`.
    pub dispute_spread: u8,
    /// Evidence policy.
    pub evidence_policy: EvidencePolicy,
    /// Cap for unverified indicators under `evidence_policy: cap`.
    pub evidence_cap_level: u8,
    /// Coverage (0..1) below which a node's score is provisional and gets no level.
    pub min_coverage: f64,
    /// What evidence supports levels 3 and 4, and when it is out of date or overused.
    pub evidence: super::EvidenceRules,
}

/// A pillar.
#[derive(Debug, Clone, Serialize)]
pub struct Pillar {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Layer or Building Blocks.
    pub kind: PillarKind,
    /// Weight in the overall index.
    pub weight: f64,
    /// Aggregator over dimensions.
    pub aggregator: Aggregator,
    /// Dimensions (empty for the BB pillar).
    pub dimensions: Vec<Dimension>,
}

/// A dimension within a layer.
#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Weight within the pillar.
    pub weight: f64,
    /// Aggregator over indicators.
    pub aggregator: Aggregator,
    /// Indicators.
    pub indicators: Vec<Indicator>,
}

/// An indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Identifier, unique across the framework.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Weight within the dimension.
    pub weight: f64,
    /// Default target level.
    pub target: u8,
    /// Criticality for priorities.
    pub criticality: Criticality,
    /// Descriptors for levels 0..4.
    pub levels: [String; 5],
    /// Evidence to attach.
    pub evidence: Vec<String>,
    /// Register types that can support levels 3 and 4 (empty: the framework's
    /// `rules.evidence.supports_high_levels`).
    pub evidence_types: Vec<super::EvidenceType>,
    /// Linked Building Blocks (their C3 criterion).
    pub building_blocks: Vec<String>,
    /// Narrow-DPI component.
    pub dpi_component: Option<DpiComponent>,
    /// Role ids whose institutions are authoritative for it (its own, else its dimension's).
    pub authorities: Vec<String>,
    /// The indicators of other assessment frameworks it corresponds to.
    pub peers: Vec<Peer>,
    /// How levels 1..4 are checked, in level order (empty when the framework does not say).
    pub checks: Vec<LevelCheck>,
}

/// How one level of an indicator is checked: the kind of document and the artefact it shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct LevelCheck {
    /// The level, 1..4.
    pub level: u8,
    /// The register type of the document that shows it.
    pub evidence: super::EvidenceType,
    /// What a reviewer looks for, as a short noun phrase.
    pub artefact: String,
}

/// An indicator of another assessment framework that measures the same thing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Peer {
    /// The framework: SDG, GTMI, GCI, DGI, EGDI, GDHM or ITU.
    pub source: String,
    /// Its id there.
    pub id: String,
    /// Its title there.
    pub title: String,
}

/// A GovStack Building Block.
#[derive(Debug, Clone, Serialize)]
pub struct BuildingBlock {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Alternative names accepted in inventories.
    pub aliases: Vec<String>,
    /// Description.
    pub description: String,
    /// Specification status.
    pub status: BbStatus,
    /// Specification version.
    pub spec_version: String,
    /// Where the published specification reads.
    pub spec_url: Option<String>,
    /// Caveats on the status or version.
    pub status_note: Option<String>,
    /// Where the status, version, component and dependencies come from.
    pub sources: Vec<String>,
    /// Narrow-DPI component.
    pub dpi_component: DpiComponent,
    /// Foundational BB.
    pub foundational: bool,
    /// Weight in the BB pillar.
    pub weight: f64,
    /// Default target level.
    pub target: u8,
    /// BBs it needs (acyclic): the edges GovStack publishes, then those that are the framework's
    /// own judgement (listed again in `judged_dependencies`).
    pub depends_on: Vec<String>,
    /// The dependencies GovStack does not publish, with the framework's reason for each.
    pub judged_dependencies: Vec<JudgedDependency>,
    /// Rubric criteria that do not apply to this BB, with the reason: they leave its mean and
    /// coverage.
    pub criteria_not_applicable: IndexMap<String, String>,
    /// Key capabilities.
    pub capabilities: Vec<String>,
    /// What its target looks like once systems are rationalised (none: the framework proposes no
    /// target for it).
    pub shape: Option<super::TargetShape>,
    /// Open-source products a country may adopt for it: options, not recommendations.
    pub candidates: Vec<super::Candidate>,
}

/// A dependency the framework keeps as its own judgement.
#[derive(Debug, Clone, Serialize)]
pub struct JudgedDependency {
    /// The BB depended on.
    pub bb: String,
    /// Why the framework keeps the edge.
    pub reason: String,
}

/// An open specification: declaring conformance to it earns C2's standards bonus.
#[derive(Debug, Clone, Serialize)]
pub struct OpenSpecification {
    /// Identifier.
    pub id: String,
    /// Name as the publisher writes it.
    pub name: String,
    /// Spellings an inventory may use (the name is always one); matched as a prefix of a declared
    /// standard after normalising case, punctuation and spaces.
    pub names: Vec<String>,
    /// Who publishes it, and where.
    pub source: String,
}

/// An indicator and a BB criterion that measure the same fact.
#[derive(Debug, Clone, Serialize)]
pub struct ConsistencyRule {
    /// Identifier.
    pub id: String,
    /// Why the two should agree.
    pub reason: String,
    /// The indicator.
    pub indicator: String,
    /// The BB.
    pub building_block: String,
    /// The criterion, `c1`..`c4`.
    pub criterion: String,
    /// Largest allowed |indicator value − criterion value|, in levels.
    pub max_spread: f64,
}

/// The BB rubric.
#[derive(Debug, Clone, Serialize)]
pub struct BbRubric {
    /// C1..C4 in order.
    pub criteria: Vec<Criterion>,
    /// C1 rule.
    pub exists: ExistsRule,
    /// C2 rule.
    pub interoperable: InteropRule,
    /// C4 rule.
    pub shared: SharedRule,
    /// Ceilings: while a BB's criterion is below a level, the BB scores at most a value.
    pub ceilings: Vec<Ceiling>,
}

/// A rubric ceiling, judged on each BB's own criterion.
#[derive(Debug, Clone, Serialize)]
pub struct Ceiling {
    /// Identifier.
    pub id: String,
    /// Why it exists.
    pub reason: String,
    /// The criterion, `c1`..`c4`.
    pub criterion: String,
    /// Fires while the criterion's value is below this.
    pub below_level: u8,
    /// Highest BB score while firing.
    pub max_score: f64,
}

/// One BB criterion.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    /// `c1`..`c4`.
    pub id: String,
    /// Title.
    pub title: String,
    /// The assessment question it answers.
    pub question: String,
    /// Weight in the BB score.
    pub weight: f64,
    /// Descriptors for levels 0..4.
    pub levels: [String; 5],
}

/// C1: level of the best system.
#[derive(Debug, Clone, Serialize)]
pub struct ExistsRule {
    /// Level per lifecycle status.
    pub status_levels: IndexMap<LifecycleStatus, u8>,
    /// Coverage share (0..1) from which a production platform reaches level 4.
    pub advanced_min_coverage: f64,
    /// Highest level of a system that is a module of one application, not a shared platform.
    pub module_max_level: u8,
}

/// C2: exchange mode and standards.
#[derive(Debug, Clone, Serialize)]
pub struct InteropRule {
    /// Level per exchange mode.
    pub exchange_levels: IndexMap<ExchangeMode, u8>,
    /// Levels added for declared conformance to a listed open specification.
    pub standards_bonus: u8,
    /// Highest level each exchange mode reaches with the bonus.
    pub standards_ceiling: IndexMap<ExchangeMode, u8>,
    /// The BB that is the national data-exchange layer.
    pub layer_bb: String,
    /// What a `data_exchange_layer` claim counts as while the layer's best system has this status
    /// (statuses other than production; a production platform counts in full).
    pub layer_claim: IndexMap<LifecycleStatus, ExchangeMode>,
    /// What the claim counts as when the inventory has no system for the layer.
    pub layer_absent: ExchangeMode,
}

/// C4: shared versus siloed.
#[derive(Debug, Clone, Serialize)]
pub struct SharedRule {
    /// (minimum using institutions, level), ascending: the most-used platform's reach.
    pub platform_user_steps: Vec<Step>,
}

/// A threshold step.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Step {
    /// Inclusive threshold.
    pub min: u32,
    /// Level from the threshold on.
    pub level: u8,
}

/// A cap rule.
#[derive(Debug, Clone, Serialize)]
pub struct Cap {
    /// Identifier.
    pub id: String,
    /// Why it exists.
    pub reason: String,
    /// Triggering indicator.
    pub indicator: String,
    /// Fires while the indicator is below this level.
    pub below_level: u8,
    /// Nodes capped: pillar, dimension or BB ids, or `overall`.
    pub nodes: Vec<String>,
    /// Highest score while firing.
    pub max_score: f64,
}

impl Framework {
    /// Every indicator with its pillar and dimension, in file order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Pillar, &Dimension, &Indicator)> {
        self.pillars.iter().flat_map(|p| {
            p.dimensions
                .iter()
                .flat_map(move |d| d.indicators.iter().map(move |i| (p, d, i)))
        })
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators().map(|(_, _, i)| i).find(|i| i.id == id)
    }

    /// The Building Block with this id.
    pub fn building_block(&self, id: &str) -> Option<&BuildingBlock> {
        self.building_blocks.iter().find(|b| b.id == id)
    }

    /// Pillars of kind `layer`.
    pub fn layers(&self) -> impl Iterator<Item = &Pillar> {
        self.pillars.iter().filter(|p| p.kind == PillarKind::Layer)
    }

    /// Name of a level on this framework's scale.
    pub fn level_name(&self, level: u8) -> &str {
        self.scale
            .levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.name.as_str())
            .unwrap_or_else(|| super::default_level_name(level))
    }
}

impl Pillar {
    /// Number of indicators under this pillar.
    pub fn indicator_count(&self) -> usize {
        self.dimensions.iter().map(|d| d.indicators.len()).sum()
    }
}
