//! The results of scoring one assessment: what `results.json` holds and every report reads.
//!
//! Plain data, built by `score` and serialised as is. The layout is versioned by
//! [`RESULTS_SCHEMA_VERSION`] and described by `schemas/results.schema.json`. Scores are on 0..100
//! and unrounded (round only for display); levels are read off the framework's bands on the
//! unrounded score. Nothing here depends on the order of input rows.

#[cfg(test)]
use schemars::JsonSchema;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{
    Aggregator, Consolidation, Criticality, EvidencePolicy, InventoryScope, LifecycleStatus, PillarKind,
};

/// Version of the results layout; bumped on any incompatible change.
pub const RESULTS_SCHEMA_VERSION: &str = "2.2.0";

/// Everything scoring found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Results {
    /// Version of this layout.
    pub schema_version: String,
    /// The tool that scored.
    pub tool: Tool,
    /// The framework scored against.
    pub framework: DefinitionId,
    /// The questionnaires the answers came from.
    pub questionnaires: Vec<DefinitionId>,
    /// Whose assessment.
    pub assessment: AssessmentInfo,
    /// The rules in force (framework rules with the assessment's overrides applied).
    pub rules: RulesInForce,
    /// The overall index.
    pub overall: NodeScore,
    /// The five pillars: four layers, then Building Blocks.
    pub pillars: Vec<PillarResult>,
    /// Caps: every cap of the framework with whether it fired.
    pub caps: Vec<CapResult>,
    /// Gaps to target with priorities, highest priority first.
    pub gaps: Vec<Gap>,
    /// Indicators and BBs with no data to compare with their target.
    pub no_data: Vec<String>,
    /// Indicators whose respondents disagree by the dispute spread or more.
    pub disputed: Vec<String>,
    /// Indicators at level 3 or 4 that no supporting answer backs with evidence.
    pub unverified: Vec<String>,
    /// Nodes (dimensions, pillars, BBs, `overall`) whose coverage is below the coverage floor: their
    /// score is shown with its coverage but has no level.
    pub provisional: Vec<String>,
    /// Pairs of an indicator and a BB criterion that measure the same fact and disagree by more
    /// than the framework's consistency rule allows.
    pub inconsistencies: Vec<Inconsistency>,
    /// Counts about the inputs.
    pub data: DataSummary,
    /// How far the assessment has been validated: the sign-off and the indicators' review status.
    pub review: Review,
}

/// How far an assessment has been validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Review {
    /// Who signed the assessment off, when and in which role; none while it is a draft.
    pub sign_off: Option<SignOffInfo>,
    /// Indicators whose level the validation workshop agreed, or that a signed-off assessment
    /// leaves with nothing open.
    pub validated: usize,
    /// Indicators the validation workshop could not agree on.
    pub contested: usize,
    /// Every other indicator.
    pub draft: usize,
}

/// A sign-off, as `assessment.yaml` records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct SignOffInfo {
    /// Who signed off.
    pub by: String,
    /// Their role and institution.
    pub role: String,
    /// When, YYYY-MM-DD.
    pub date: String,
}

/// An indicator's review status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// What respondents said, not yet validated.
    Draft,
    /// Agreed at the validation workshop, or accepted by the sign-off with nothing open.
    Validated,
    /// The validation workshop could not agree.
    Contested,
}

/// The validation workshop's decision on an indicator, beside what the answers said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct AdjudicationResult {
    /// `agreed` or `contested`.
    pub outcome: AdjudicationOutcome,
    /// The agreed level (with `agreed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_level: Option<u8>,
    /// The consolidated value the answers gave (after the evidence cap), before the decision.
    pub answers_value: Option<f64>,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// The evidence cited for the decision, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Who agreed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_by: Option<String>,
    /// When, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_on: Option<String>,
    /// The file the decision was read from (the row is not kept: results do not depend on the
    /// order of rows).
    pub file: String,
    /// Its sheet, for a workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

/// What the workshop did with an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdjudicationOutcome {
    /// It agreed a level, which replaced the consolidated value.
    Agreed,
    /// It could not agree; the consolidated value stands.
    Contested,
}

/// Name and version of the tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Tool {
    /// `dpi-assess`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// A framework or questionnaire by id and version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DefinitionId {
    /// Identifier.
    pub id: String,
    /// Semantic version.
    pub version: String,
    /// Title.
    pub title: String,
}

/// The assessment's identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct AssessmentInfo {
    /// Country name.
    pub country: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// Assessment date, YYYY-MM-DD.
    pub date: String,
    /// Report title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Rules applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RulesInForce {
    /// How respondents are consolidated.
    pub consolidation: Consolidation,
    /// Spread in levels from which an indicator is disputed.
    pub dispute_spread: u8,
    /// Flag or cap unverified levels.
    pub evidence_policy: EvidencePolicy,
    /// Level unverified indicators are capped at under `cap`.
    pub evidence_cap_level: u8,
    /// Score thresholds of levels 1..4.
    pub bands: [f64; 4],
    /// Names of levels 0..4.
    pub level_names: Vec<String>,
    /// The priority formula in words.
    pub priority_formula: String,
    /// Coverage (0..1) below which a score is provisional: shown, but given no level.
    pub min_coverage: f64,
    /// Decimal places to which values are rounded before any decision compares them.
    pub decision_decimals: u32,
    /// What assessment.yaml changed from the framework's defaults, each with the framework's
    /// value, so that a comparison can put every country under the same rules. Empty when the
    /// assessment is scored by the framework's rules; absent in results written before 2.2.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<Vec<RuleOverride>>,
    /// Whether the systems inventory was complete or listed only the systems known (`partial`:
    /// a Building Block without a system has no C1 and C2 value rather than 0).
    #[serde(default)]
    pub inventory: InventoryScope,
}

/// One rule an assessment set differently from its framework (a value equal to the framework's
/// is no override and is not listed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum RuleOverride {
    /// A node's weight among its siblings (`weights:`): indicator, dimension, pillar or BB.
    Weight {
        /// Node id.
        node: String,
        /// The framework's weight.
        framework: f64,
        /// The weight scored with.
        assessment: f64,
    },
    /// A target level (`targets:`): indicator or BB.
    Target {
        /// Node id.
        node: String,
        /// The framework's target.
        framework: u8,
        /// The target used.
        assessment: u8,
    },
    /// The evidence policy (`evidence_policy:`).
    EvidencePolicy {
        /// The framework's policy.
        framework: EvidencePolicy,
        /// The policy used.
        assessment: EvidencePolicy,
    },
    /// How respondents are consolidated (`consolidation:`).
    Consolidation {
        /// The framework's rule.
        framework: Consolidation,
        /// The rule used.
        assessment: Consolidation,
    },
}

/// Whether a node could be scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NodeStatus {
    /// It has a score.
    Scored,
    /// It applies but no child (or answer) gives a score: "insufficient data", never 0.
    InsufficientData,
    /// Every answer (or child) says it does not apply; it leaves its parent.
    NotApplicable,
}

impl NodeStatus {
    /// The spelling in results and CSV files.
    pub fn code(self) -> &'static str {
        match self {
            NodeStatus::Scored => "scored",
            NodeStatus::InsufficientData => "insufficient_data",
            NodeStatus::NotApplicable => "not_applicable",
        }
    }
}

/// Score, level and coverage of a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct NodeScore {
    /// Scored, insufficient data or not applicable.
    pub status: NodeStatus,
    /// 0..100, after caps; none without data.
    pub score: Option<f64>,
    /// Level 0..4 read off the bands on the unrounded score.
    pub level: Option<u8>,
    /// Share (0..1) of the applicable weight below this node that has data.
    pub coverage: f64,
    /// The score before caps, when a cap lowered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncapped_score: Option<f64>,
    /// Ids of the caps that lowered it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capped_by: Vec<String>,
    /// Coverage is below the coverage floor: the score stands but has no level.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

/// A pillar with its dimensions (layers) or Building Blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PillarResult {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Layer or Building Blocks.
    pub kind: PillarKind,
    /// Weight in the overall index (after overrides).
    pub weight: f64,
    /// How its children combine.
    pub aggregator: Aggregator,
    /// Its score.
    #[serde(flatten)]
    pub node: NodeScore,
    /// Dimensions (layers only).
    pub dimensions: Vec<DimensionResult>,
    /// Building Blocks (the BB pillar only).
    pub building_blocks: Vec<BbResult>,
}

/// A dimension with its indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DimensionResult {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight in its pillar (after overrides).
    pub weight: f64,
    /// How its indicators combine.
    pub aggregator: Aggregator,
    /// Its score.
    #[serde(flatten)]
    pub node: NodeScore,
    /// Indicators.
    pub indicators: Vec<IndicatorResult>,
}

/// An indicator after consolidating its answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct IndicatorResult {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight in its dimension (after overrides).
    pub weight: f64,
    /// Its score (coverage 1 when answered, 0 when unknown or missing).
    #[serde(flatten)]
    pub node: NodeScore,
    /// What the answers say: levels, all `na`, `unknown`, or nothing.
    pub answered: Answered,
    /// Consolidated level value (may be fractional: a mean over questions or respondents), after
    /// the evidence cap.
    pub value: Option<f64>,
    /// Each respondent's value, ascending.
    pub respondent_values: Vec<f64>,
    /// Under `consolidation: authoritative`, the respondents whose institution holds one of the
    /// indicator's authority roles and whose values alone made `value` (in order of name);
    /// empty when all respondents' median was used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authoritative_respondents: Vec<String>,
    /// Highest minus lowest respondent value.
    pub spread: f64,
    /// Respondents disagree by the dispute spread or more.
    pub disputed: bool,
    /// Level 3 or 4 with no evidence on any supporting answer.
    pub unverified: bool,
    /// Lowered to the evidence cap level (`evidence_policy: cap`).
    pub evidence_capped: bool,
    /// Target level (framework default or the assessment's override).
    pub target: u8,
    /// max(0, target − level); none without a level.
    pub gap: Option<u8>,
    /// Criticality.
    pub criticality: Criticality,
    /// Linked Building Blocks.
    pub building_blocks: Vec<String>,
    /// A consistency rule found it at odds with a BB criterion (see `inconsistencies`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inconsistent: bool,
    /// Some answer at level 3 or 4 rests on evidence that is missing, unregistered, of a type
    /// that cannot support the level, or out of date (docs/validation.md §1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub evidence_weak: bool,
    /// Draft, validated or contested (docs/validation.md §4).
    pub review: ReviewStatus,
    /// What the validation workshop decided (method §4a); absent when it did not take the
    /// indicator up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjudication: Option<AdjudicationResult>,
    /// The answers behind it, by respondent then question.
    pub answers: Vec<AnswerResult>,
}

/// What an indicator's answers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Answered {
    /// At least one respondent gave a level.
    Levels,
    /// Answers exist but all say `unknown` (or `unknown` and `na`).
    Unknown,
    /// Every answer says `na`.
    NotApplicable,
    /// No answer at all.
    Missing,
}

/// One answer as scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct AnswerResult {
    /// Respondent.
    pub respondent: String,
    /// Institution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// Question.
    pub question_id: String,
    /// As written.
    pub given: String,
    /// Level read from it; none for `na` and `unknown`.
    pub level: Option<u8>,
    /// `level`, `na` or `unknown`.
    pub kind: String,
    /// For `number`, `percent` and `multi` questions: the value, the threshold it reached and the level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<super::Reading>,
    /// Evidence cited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A Building Block scored with the rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct BbResult {
    /// Identifier.
    pub id: String,
    /// Name.
    pub name: String,
    /// Weight in the BB pillar (after overrides).
    pub weight: f64,
    /// Foundational BB.
    pub foundational: bool,
    /// Its score: the weighted mean of the criteria with a value, × 25.
    #[serde(flatten)]
    pub node: NodeScore,
    /// C1..C4.
    pub criteria: Vec<CriterionResult>,
    /// Every system the inventory lists for it.
    pub systems: Vec<SystemRef>,
    /// Running systems that serve institutions the shared platform does not (C4's siloed
    /// systems): the capability held again outside the platform.
    pub siloed_copies: Vec<SystemRef>,
    /// A consistency rule found one of its criteria at odds with an indicator.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inconsistent: bool,
    /// Target level.
    pub target: u8,
    /// max(0, target − level).
    pub gap: Option<u8>,
    /// BBs it depends on.
    pub depends_on: Vec<String>,
    /// Services that need it.
    pub needed_by_services: Vec<String>,
}

/// One criterion of a BB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CriterionResult {
    /// `c1`..`c4`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight.
    pub weight: f64,
    /// Level value 0..4 (C3 and C4 may be fractional); none when nothing informs it or when the
    /// criterion does not apply to this BB.
    pub value: Option<f64>,
    /// The framework declares that this criterion does not apply to this BB: it leaves the BB's
    /// mean and coverage. The reason is in `basis`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// How the value was reached, in words.
    pub basis: String,
    /// The systems (or indicators, for C3) behind it.
    pub evidence: Vec<String>,
}

/// A system named in results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct SystemRef {
    // Shared with the system's: a national inventory's names appear in many BBs' lists.
    /// Name.
    pub name: Arc<str>,
    /// Owner.
    pub owner: Arc<str>,
    /// Lifecycle status.
    pub status: LifecycleStatus,
    /// Offered as a shared platform for the BB it is listed under (else a module of one
    /// line-of-business application).
    #[serde(default)]
    pub platform: bool,
}

/// Whether a cap fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CapStatus {
    /// The indicator is below the level: the node is held at the cap.
    Fired,
    /// The indicator reaches the level.
    NotFired,
    /// The indicator has no level (unknown, missing or not applicable), so the cap cannot be judged.
    Unchecked,
}

/// A cap of the framework and its outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CapResult {
    /// Identifier.
    pub id: String,
    /// Why it exists.
    pub reason: String,
    /// Triggering indicator (framework caps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The indicator's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_level: Option<u8>,
    /// Triggering BB criterion (rubric ceilings: each BB is judged on its own criterion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// Fires while the indicator's level (or the criterion's value) is below this.
    pub below_level: u8,
    /// Highest score while firing.
    pub max_score: f64,
    /// Outcome: `fired` when it fired on at least one node.
    pub status: CapStatus,
    /// Whether firing lowered at least one node's score (it may already have been below the cap).
    pub lowered: bool,
    /// One entry per node the cap limits, in framework order.
    pub effects: Vec<CapEffect>,
}

/// What a cap did to one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CapEffect {
    /// The node: a pillar, dimension or BB id, or `overall`.
    pub node: String,
    /// Whether the cap fired on this node (a rubric ceiling fires per BB).
    pub status: CapStatus,
    /// The node's score before the cap; none when the node has no score.
    pub score_before: Option<f64>,
    /// The node's score after the cap.
    pub score_after: Option<f64>,
    /// The cap bound: the score before was above `max_score`.
    pub lowered: bool,
}

/// An indicator and a BB criterion that measure the same fact and disagree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Inconsistency {
    /// The framework's consistency rule.
    pub rule: String,
    /// Why the two should agree.
    pub reason: String,
    /// The indicator (from the questionnaire answers).
    pub indicator: String,
    /// Its consolidated level value.
    pub indicator_value: f64,
    /// The BB (from the systems inventory).
    pub building_block: String,
    /// The criterion, `c1`..`c4`.
    pub criterion: String,
    /// The criterion's value.
    pub criterion_value: f64,
    /// |indicator value − criterion value|.
    pub spread: f64,
    /// The largest spread the rule allows.
    pub max_spread: f64,
}

/// What a gap is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GapKind {
    /// A layer indicator.
    Indicator,
    /// A Building Block.
    BuildingBlock,
}

impl GapKind {
    /// The spelling in results and CSV files.
    pub fn code(self) -> &'static str {
        match self {
            GapKind::Indicator => "indicator",
            GapKind::BuildingBlock => "building_block",
        }
    }
}

/// A gap to target, with its priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Gap {
    /// 1 = highest priority.
    pub rank: u32,
    /// Indicator or BB.
    pub kind: GapKind,
    /// Its id.
    pub id: String,
    /// Its title or name.
    pub title: String,
    /// Pillar it belongs to.
    pub pillar: String,
    /// Current level.
    pub level: u8,
    /// Target level.
    pub target: u8,
    /// target − level (≥ 1: items at target are not listed).
    pub gap: u8,
    /// Share of the overall index (0..1) the item carries, from the weights down the tree.
    pub weight_share: f64,
    /// Criticality (BBs: high when foundational, medium otherwise).
    pub criticality: Criticality,
    /// BBs and services that depend on the item.
    pub dependents: u32,
    /// gap × weight share × 100 × criticality factor × (1 + dependents / 10).
    pub priority: f64,
}

/// Counts about the inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DataSummary {
    /// Answers read.
    pub answers: u32,
    /// Distinct respondents.
    pub respondents: u32,
    /// Systems in the inventory.
    pub systems: u32,
    /// Services in the inventory.
    pub services: u32,
    /// Indicators with a level / applicable indicators.
    pub indicators_answered: u32,
    /// Applicable indicators (not all `na`).
    pub indicators_applicable: u32,
    /// Per input table: rows read, used and ignored by reason.
    pub tables: Vec<TableSummary>,
}

/// The ledger of one input table, summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TableSummary {
    /// File.
    pub file: String,
    /// Sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// answers, systems or services.
    pub role: String,
    /// Rows read.
    pub rows_read: u32,
    /// Rows used.
    pub rows_used: u32,
    /// Ignored rows by reason.
    pub ignored: Vec<IgnoredCount>,
}

/// How many rows were ignored for one reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct IgnoredCount {
    /// Reason.
    pub reason: String,
    /// Rows.
    pub rows: u32,
}
