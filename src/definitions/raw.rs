//! The definition files exactly as written: serde types for `framework.yaml`, questionnaire files and
//! `assessment.yaml`.
//!
//! In: YAML text. Out: raw structs that keep the line and column of every value a later check may
//! complain about ([`Located`]). Unknown fields are rejected here, so a typo in a key fails loudly.
//! Not here: any cross-reference or range check; `definitions::validate` does those and collects
//! every problem. The JSON Schema files in `schemas/` are generated from these types.

#[cfg(test)]
use std::borrow::Cow;

use indexmap::IndexMap;
#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{
    Aggregator, AnswerType, BbStatus, Consolidation, Criticality, DpiComponent, EvidencePolicy, ExchangeMode,
    InventoryScope, LifecycleStatus, Phase, PillarKind,
};

/// A value together with the 1-based line and column where it stands in its YAML file.
///
/// Deserialises through `serde_saphyr::Spanned`; the JSON Schema is that of the inner value, so
/// the schema files describe the YAML a person writes, not this wrapper.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value itself.
    pub value: T,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown.
    pub column: u32,
}

impl<T> Located<T> {
    /// A value with no known position (for values made in code, e.g. defaults).
    pub fn unplaced(value: T) -> Self {
        Located {
            value,
            line: 0,
            column: 0,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let line = u32::try_from(spanned.referenced.line()).unwrap_or(u32::MAX);
        let column = u32::try_from(spanned.referenced.column()).unwrap_or(u32::MAX);
        Ok(Located {
            value: spanned.value,
            line,
            column,
        })
    }
}

impl<T: Serialize> Serialize for Located<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

#[cfg(test)]
impl<T: JsonSchema> JsonSchema for Located<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

// ---------------------------------------------------------------------------------------------
// framework.yaml
// ---------------------------------------------------------------------------------------------

/// A scoring framework: scale, pillars → dimensions → indicators, the Building Block catalogue and
/// rubric, caps.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFramework {
    /// Stable identifier, lowercase kebab-case, e.g. `govstack-dpi`.
    pub id: Located<String>,
    /// Semantic version `MAJOR.MINOR.PATCH`; results from different major versions are not compared.
    pub version: Located<String>,
    /// Human title shown on reports.
    pub title: String,
    /// What the framework measures and for whom.
    #[serde(default)]
    pub description: String,
    /// Where the framework's facts come from (documents, specifications).
    #[serde(default)]
    pub sources: Vec<String>,
    /// The maturity scale and the score bands.
    pub scale: RawScale,
    /// Scoring rules that apply to every indicator unless an assessment overrides them.
    #[serde(default)]
    pub rules: RawRules,
    /// The pillars: the four enabling layers and the Building Blocks pillar.
    pub pillars: Vec<Located<RawPillar>>,
    /// The Building Block catalogue and the rubric that scores each BB.
    pub building_blocks: RawBuildingBlocks,
    /// Non-compensatory limits: while an indicator is below a level, a node scores at most a value.
    #[serde(default)]
    pub caps: Vec<Located<RawCap>>,
    /// Open specifications whose declared conformance earns C2's standards bonus.
    #[serde(default)]
    pub open_specifications: Vec<Located<RawOpenSpecification>>,
    /// Pairs of an indicator and a BB criterion that measure the same fact, with the spread allowed.
    #[serde(default)]
    pub consistency: Vec<Located<RawConsistencyRule>>,
    /// Roles that own roadmap actions; an assessment maps each to an institution.
    #[serde(default)]
    pub roles: Vec<Located<RawRole>>,
    /// The action library: what raises each indicator and Building Block from one level to the next.
    #[serde(default)]
    pub actions: Vec<Located<RawAction>>,
    /// When each roadmap phase after the first may start: the share (0..1] of the previous
    /// phase's planned actions that must have ended. A phase not listed starts as soon as its
    /// actions are ready.
    #[serde(default)]
    pub phase_gates: IndexMap<Phase, Located<f64>>,
    /// Cost classes: the ranges an action's `cost` names, in one currency.
    #[serde(default)]
    pub costs: Option<Located<RawCosts>>,
    /// Who is expected to pay for an action: the ids an action's `funding` names.
    #[serde(default)]
    pub funding_types: Vec<Located<RawFundingType>>,
    /// The streams of work actions are grouped into, each with milestones and risks.
    #[serde(default)]
    pub programmes: Vec<Located<RawProgramme>>,
    /// National results no single action delivers, measured against an indicator's thresholds.
    #[serde(default)]
    pub outcomes: Option<Vec<Located<RawOutcome>>>,
    /// Standards and specifications actions adopt, with their versions and addresses.
    #[serde(default)]
    pub standards: Option<Vec<Located<RawStandard>>>,
    /// The UN DPI safeguards as a checklist: principles linked to the findings that evidence them.
    #[serde(default)]
    pub safeguards: Option<Located<RawSafeguards>>,
    /// Areas a reviewer might expect that the framework leaves out on purpose, each with why.
    #[serde(default)]
    pub scope_notes: Vec<Located<RawScopeNote>>,
    /// How the target architecture is proposed: the exchange layer and the transition work.
    #[serde(default)]
    pub architecture: Option<Located<RawArchitecture>>,
}

/// An area the framework does not score, and why.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawScopeNote {
    /// The area, as a reviewer would name it, e.g. "Digital economy".
    pub area: Located<String>,
    /// Why it is left out.
    pub reason: String,
    /// Indicators that cover the part of the area that bears on DPI, if any.
    #[serde(default)]
    pub covered_by: Vec<Located<String>>,
}

/// The safeguards checklist.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSafeguards {
    /// Where the principles, risks and authorities come from.
    pub source: String,
    /// The licence their names are used under.
    pub licence: String,
    /// The risks the principles guard against.
    pub risks: Vec<Located<RawSafeguardRisk>>,
    /// The principles, each linked to findings.
    pub principles: Vec<Located<RawPrinciple>>,
    /// Who is responsible, as groups of the framework's roles.
    #[serde(default)]
    pub authorities: Vec<Located<RawAuthority>>,
}

/// A risk of the safeguards framework.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSafeguardRisk {
    /// Id as the source gives it, e.g. `RS1`.
    pub id: Located<String>,
    /// `safety`, `inclusion` or `structural`.
    pub group: Located<String>,
    /// Name as the source gives it.
    pub name: String,
    /// What it is, in the framework's words.
    #[serde(default)]
    pub description: String,
}

/// A principle of the safeguards framework.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPrinciple {
    /// Id as the source gives it, e.g. `F1`.
    pub id: Located<String>,
    /// `foundational` or `operational`.
    pub group: Located<String>,
    /// Name as the source gives it.
    pub name: String,
    /// What it asks, in the framework's words.
    #[serde(default)]
    pub description: String,
    /// Indicators whose levels evidence it.
    #[serde(default)]
    pub indicators: Vec<Located<String>>,
    /// Building Block criteria (rubric ids) whose values evidence it.
    #[serde(default)]
    pub criteria: Vec<Located<String>>,
    /// Risks it guards against.
    #[serde(default)]
    pub risks: Vec<Located<String>>,
}

/// A responsible authority: the roles that act as it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAuthority {
    /// Id as the source gives it, e.g. `R1`.
    pub id: Located<String>,
    /// Name as the source gives it.
    pub name: String,
    /// What it does, in the framework's words.
    #[serde(default)]
    pub description: String,
    /// The framework's roles that act as it.
    #[serde(default)]
    pub roles: Vec<Located<String>>,
}

/// The cost classes of the action library.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCosts {
    /// ISO 4217 code of the currency the ranges are in, e.g. `USD`.
    pub currency: Located<String>,
    /// The classes, smallest first.
    pub classes: Vec<Located<RawCostClass>>,
}

/// One cost class: a range for a whole action.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCostClass {
    /// Identifier, lowercase, e.g. `m`.
    pub id: Located<String>,
    /// Name shown in reports, e.g. `Medium`.
    pub title: String,
    /// Lowest likely cost, in whole units of the currency.
    pub low: Located<u64>,
    /// Highest likely cost, in whole units of the currency.
    pub high: Located<u64>,
    /// What an action of this size typically is.
    #[serde(default)]
    pub description: String,
}

/// A source of funding.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFundingType {
    /// Identifier, snake_case.
    pub id: Located<String>,
    /// Name shown in reports.
    pub title: String,
    /// What it covers.
    #[serde(default)]
    pub description: String,
}

/// A programme: actions steered and funded as one stream of work.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProgramme {
    /// Identifier, lowercase kebab-case.
    pub id: Located<String>,
    /// Name shown in reports.
    pub title: String,
    /// What the programme delivers.
    #[serde(default)]
    pub description: String,
    /// Milestones, in the order expected.
    #[serde(default)]
    pub milestones: Vec<Located<RawMilestone>>,
    /// The main risks the programme runs.
    #[serde(default)]
    pub risks: Vec<Located<RawRisk>>,
}

/// A milestone: reached when the plan brings an item to a level.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMilestone {
    /// What exists once it is reached.
    pub title: String,
    /// The indicator or Building Block whose level marks it.
    pub item: Located<String>,
    /// The level (1..4).
    pub level: Located<u8>,
}

/// A risk and how it is usually reduced.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    /// What may go wrong.
    pub risk: Located<String>,
    /// What reduces it.
    pub mitigation: Located<String>,
}

/// An outcome indicator: a national result read against an indicator's level thresholds.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    /// Identifier, lowercase kebab-case.
    pub id: Located<String>,
    /// What is measured.
    pub title: String,
    /// Its unit, e.g. `% of population`.
    pub unit: String,
    /// The indicator whose level descriptors state the thresholds.
    pub indicator: Located<String>,
    /// Whether a higher or a lower value is better.
    pub better: Located<String>,
    /// Who publishes the figure.
    pub source: Located<String>,
    /// The value that marks each level (1..4) of the indicator.
    pub levels: IndexMap<u8, Located<f64>>,
}

/// A standard or specification an action adopts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStandard {
    /// The name actions use, e.g. `ISO/IEC 27001`.
    pub name: Located<String>,
    /// The edition or version to adopt, e.g. `2022`.
    pub version: Located<String>,
    /// Its full title.
    #[serde(default)]
    pub title: String,
    /// Who publishes it.
    #[serde(default)]
    pub publisher: String,
    /// Where it is published (http or https).
    pub url: Located<String>,
}

/// Cost classes restated by an assessment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCostOverride {
    /// ISO 4217 code; when it differs from the framework's, every class must be restated.
    #[serde(default)]
    pub currency: Option<Located<String>>,
    /// Class id → `[low, high]`.
    #[serde(default)]
    pub classes: IndexMap<String, Located<[u64; 2]>>,
}

/// Today's figure of an outcome indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawOutcomeBaseline {
    /// The figure, in the outcome's unit.
    pub value: Located<f64>,
    /// The year it refers to.
    #[serde(default)]
    pub year: Option<i32>,
    /// Where it comes from.
    pub source: Located<String>,
}

/// A sign of an action's success: a measure with its baseline and target, or an outcome.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawKpi {
    /// What is counted or checked.
    #[serde(default)]
    pub measure: Option<Located<String>>,
    /// Its state when the action starts.
    #[serde(default)]
    pub baseline: Option<Located<String>>,
    /// Its state when the action ends.
    #[serde(default)]
    pub target: Option<Located<String>>,
    /// Instead of the three above: an outcome id, whose baseline and target the plan fills in.
    #[serde(default)]
    pub outcome: Option<Located<String>>,
}

/// A role that owns actions (e.g. the lead digital agency).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    /// Identifier, snake_case; the key of `roles:` in assessment.yaml.
    pub id: Located<String>,
    /// Title shown when the assessment does not name the institution.
    pub title: String,
    /// What the role does.
    #[serde(default)]
    pub description: String,
}

/// One action of the library.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    /// Identifier, lowercase kebab-case, unique among actions.
    pub id: Located<String>,
    /// Short imperative title.
    pub title: String,
    /// What is done and what exists afterwards.
    #[serde(default)]
    pub description: String,
    /// The indicator or Building Block it raises.
    pub raises: Located<String>,
    /// The level that item reaches when the action is complete (1..4).
    pub to_level: Located<u8>,
    /// The role that owns it: the one institution accountable for it.
    pub owner: Located<String>,
    /// Roles that contribute to it without being accountable for it.
    #[serde(default)]
    pub contributors: Vec<Located<String>>,
    /// Duration in months (1..60).
    pub effort_months: Located<u32>,
    /// Roadmap phase.
    pub phase: Phase,
    /// What must be done or reached first.
    #[serde(default)]
    pub requires: RawRequires,
    /// Cost class id (see `costs:`).
    #[serde(default)]
    pub cost: Option<Located<String>>,
    /// Funding type id (see `funding_types:`): the main source.
    #[serde(default)]
    pub funding: Option<Located<String>>,
    /// Programme id (see `programmes:`).
    #[serde(default)]
    pub programme: Option<Located<String>>,
    /// Measurable signs of success.
    #[serde(default)]
    pub kpis: Vec<Located<RawKpi>>,
    /// Standards and specifications it adopts: names from `standards:`, or GovStack BB
    /// specifications ("GovStack <BB name> BB specification").
    #[serde(default)]
    pub standards: Vec<Located<String>>,
}

/// Prerequisites of an action.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRequires {
    /// Actions that must end first.
    #[serde(default)]
    pub actions: Vec<Located<String>>,
    /// Indicators or Building Blocks that must reach a level first (id → level 1..4).
    #[serde(default)]
    pub levels: IndexMap<String, Located<u8>>,
    /// Soft prerequisites: what must be under way (started), not finished, before the action
    /// starts; a pilot may run while its law is being enacted.
    #[serde(default)]
    pub under_way: RawUnderWay,
}

/// Soft prerequisites of an action: actions, or the actions raising items to a level, that must
/// have started before it starts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawUnderWay {
    /// Actions that must have started.
    #[serde(default)]
    pub actions: Vec<Located<String>>,
    /// Indicators or Building Blocks whose actions up to this level must have started (id → level
    /// 1..4).
    #[serde(default)]
    pub levels: IndexMap<String, Located<u8>>,
}

/// The maturity scale (levels 0..4) and the thresholds that turn a 0..100 score into a level.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawScale {
    /// One entry per level 0..4.
    pub levels: Vec<Located<RawLevel>>,
    /// Four ascending thresholds on the 0..100 score: at or above the k-th threshold the band is k.
    pub bands: Located<Vec<f64>>,
}

/// One level of the maturity scale.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    /// 0..4.
    pub level: Located<u8>,
    /// Short name, e.g. `Established`.
    pub name: String,
    /// What the level means in general.
    #[serde(default)]
    pub description: String,
}

/// Framework-wide scoring rules (docs/method.md).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// How several respondents' levels for one indicator become one level.
    #[serde(default)]
    pub consolidation: Consolidation,
    /// A spread (max − min) of at least this many levels marks an indicator `disputed`.
    #[serde(default = "default_dispute_spread")]
    pub dispute_spread: Located<u8>,
    /// `flag` reports unverified high levels; `cap` also limits them to `evidence_cap_level`.
    #[serde(default)]
    pub evidence_policy: EvidencePolicy,
    /// The level an unverified indicator is capped at under `evidence_policy: cap`.
    #[serde(default = "default_evidence_cap_level")]
    pub evidence_cap_level: Located<u8>,
    /// Coverage (0..1) below which a node's score is provisional: shown, but given no level.
    #[serde(default = "default_min_coverage")]
    pub min_coverage: Located<f64>,
    /// Which register documents support levels 3 and 4, and when they are out of date or
    /// overused (docs/validation.md section 1).
    #[serde(default)]
    pub evidence: RawEvidenceRules,
}

/// `rules.evidence`: what the evidence register must hold for levels 3 and 4.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawEvidenceRules {
    /// Register types that can support levels 3 and 4 unless an indicator names its own
    /// (default: law, regulation, strategy, official_statistic, audit_evaluation, system_record).
    #[serde(default)]
    pub supports_high_levels: Option<Located<Vec<Located<String>>>>,
    /// Register type → the most years a document of it may be old at the assessment date; types
    /// not listed never go out of date by age (default: official_statistic 3, audit_evaluation 5,
    /// system_record 2, meeting_record 2, statement 2).
    #[serde(default)]
    pub max_age_years: Option<Located<IndexMap<String, Located<u32>>>>,
    /// A document cited by answers to more indicators than this is overused (default 6).
    #[serde(default)]
    pub max_indicators_per_document: Option<Located<u32>>,
}

impl Default for RawRules {
    fn default() -> Self {
        RawRules {
            consolidation: Consolidation::default(),
            dispute_spread: default_dispute_spread(),
            evidence_policy: EvidencePolicy::default(),
            evidence_cap_level: default_evidence_cap_level(),
            min_coverage: default_min_coverage(),
            evidence: RawEvidenceRules::default(),
        }
    }
}

fn no_criteria() -> Located<IndexMap<String, String>> {
    Located::unplaced(IndexMap::new())
}

fn default_min_coverage() -> Located<f64> {
    Located::unplaced(0.5)
}

fn default_dispute_spread() -> Located<u8> {
    Located::unplaced(2)
}

fn default_evidence_cap_level() -> Located<u8> {
    Located::unplaced(2)
}

fn default_weight() -> Located<f64> {
    Located::unplaced(1.0)
}

/// A pillar: one of the four enabling layers, or the Building Blocks pillar.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPillar {
    /// Stable identifier, lowercase kebab-case.
    pub id: Located<String>,
    /// Title as shown on reports (for layers: the playbook's exact layer title).
    pub title: String,
    /// What the pillar covers.
    #[serde(default)]
    pub description: String,
    /// `layer` (scored from questionnaire indicators) or `building_blocks` (scored from the inventory).
    pub kind: PillarKind,
    /// Weight in the overall index.
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    /// How the pillar combines its dimensions.
    #[serde(default)]
    pub aggregator: Aggregator,
    /// Dimensions of a layer pillar; empty for the Building Blocks pillar.
    #[serde(default)]
    pub dimensions: Vec<Located<RawDimension>>,
}

/// A dimension groups related indicators within a layer.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    /// Stable identifier, lowercase kebab-case.
    pub id: Located<String>,
    /// Title as shown on reports.
    pub title: String,
    /// What the dimension covers.
    #[serde(default)]
    pub description: String,
    /// Weight within the pillar.
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    /// How the dimension combines its indicators.
    #[serde(default)]
    pub aggregator: Aggregator,
    /// Roles (framework role ids) whose institution is authoritative for this dimension's
    /// indicators under `consolidation: authoritative`.
    #[serde(default)]
    pub authorities: Vec<Located<String>>,
    /// The indicators of this dimension.
    pub indicators: Vec<Located<RawIndicator>>,
}

/// One indicator with a checkable descriptor for each level.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// Stable identifier, lowercase kebab-case, unique across the framework.
    pub id: Located<String>,
    /// Short title.
    pub title: String,
    /// What is being assessed and why it matters.
    #[serde(default)]
    pub description: String,
    /// Weight within the dimension.
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    /// The level the country should reach by default (an assessment may override it).
    pub target: Located<u8>,
    /// How much a gap here matters for priorities.
    #[serde(default)]
    pub criticality: Criticality,
    /// What is observably true at each level 0..4; all five are required.
    pub levels: Located<IndexMap<u8, String>>,
    /// The evidence a respondent should attach to support a level.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Register types that can support levels 3 and 4 of this indicator, replacing the
    /// framework's `rules.evidence.supports_high_levels`.
    #[serde(default)]
    pub evidence_types: Vec<Located<String>>,
    /// Building Blocks whose governance and legal criterion (C3) this indicator informs.
    #[serde(default)]
    pub building_blocks: Vec<Located<String>>,
    /// The narrow-DPI component this indicator bears on, if any.
    #[serde(default)]
    pub dpi_component: Option<DpiComponent>,
    /// Roles authoritative for this indicator, replacing its dimension's `authorities`.
    #[serde(default)]
    pub authorities: Vec<Located<String>>,
    /// The indicators of established assessment frameworks it corresponds to.
    #[serde(default)]
    pub peers: Vec<Located<RawPeer>>,
    /// For each level 1..4, the kind of evidence and the artefact that shows it is reached.
    #[serde(default)]
    pub checks: IndexMap<u8, Located<RawLevelCheck>>,
}

/// How one level of an indicator is checked: the register type of the document that shows it
/// and the artefact that document is or records.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLevelCheck {
    /// An evidence register type: law, regulation, strategy, official_statistic,
    /// audit_evaluation, system_record, meeting_record or statement.
    pub evidence: Located<String>,
    /// The artefact that a reviewer looks for, as a short noun phrase, e.g. "data-protection act
    /// in force".
    pub artefact: Located<String>,
}

/// A peer indicator: the same measure in another assessment framework.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPeer {
    /// The framework: SDG, GTMI, GCI, DGI, EGDI, GDHM or ITU.
    pub source: Located<String>,
    /// Its id there, e.g. `17.6.1` or `I-14`.
    pub id: Located<String>,
    /// Its title there.
    #[serde(default)]
    pub title: String,
}

/// The Building Block catalogue and the rubric for the four criteria.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawBuildingBlocks {
    /// One entry per GovStack Building Block.
    pub catalogue: Vec<Located<RawBuildingBlock>>,
    /// How the criteria C1..C4 are scored from the inventory and the indicators.
    pub rubric: RawBbRubric,
}

/// A GovStack Building Block.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawBuildingBlock {
    /// Stable identifier, e.g. `identity`, `information-mediator`.
    pub id: Located<String>,
    /// Name as GovStack writes it.
    pub name: String,
    /// Other names of the BB itself accepted in inventories (case-insensitive), such as `ID` or
    /// `Data exchange`. Product names are never aliases: a product may implement several BBs.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the BB does, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// Specification status.
    pub status: BbStatus,
    /// Version of the specification this framework refers to.
    pub spec_version: String,
    /// Where the published specification reads (`https://…`).
    #[serde(default)]
    pub spec_url: Option<Located<String>>,
    /// Caveats on the status or version (a newer draft in development, a list that omits the BB).
    #[serde(default)]
    pub status_note: Option<String>,
    /// Where the status, version, component and dependencies come from (at least one).
    #[serde(default)]
    pub sources: Vec<String>,
    /// The narrow-DPI component the BB serves.
    pub dpi_component: DpiComponent,
    /// Foundational BBs weigh more and come first in roadmaps.
    #[serde(default)]
    pub foundational: bool,
    /// Weight within the Building Blocks pillar.
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    /// Default target level.
    pub target: Located<u8>,
    /// BBs this BB needs in order to work, as GovStack's specifications publish it; with
    /// `depends_on_judgement`, must not form a cycle.
    #[serde(default)]
    pub depends_on: Vec<Located<String>>,
    /// Dependencies GovStack does not publish that the framework keeps as its own judgement.
    #[serde(default)]
    pub depends_on_judgement: Vec<Located<RawJudgedDependency>>,
    /// Rubric criteria (`c1`..`c4`) that do not apply to this BB, each with its reason.
    #[serde(default = "no_criteria")]
    pub criteria_not_applicable: Located<IndexMap<String, String>>,
    /// Key capabilities, condensed from the specification.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// What its target looks like once systems are rationalised (see `architecture:`).
    #[serde(default)]
    pub shape: Option<crate::model::TargetShape>,
    /// Open-source products a country may adopt for it, each with its source.
    #[serde(default)]
    pub candidates: Vec<Located<crate::model::Candidate>>,
}

/// The framework's `architecture:` section.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawArchitecture {
    /// The BB that is the exchange layer every connection goes through.
    pub mediator: Located<String>,
    /// The level a target platform and the mediator must reach before systems move onto it or
    /// connect through it.
    pub platform_level: Located<u8>,
    /// The work each kind of transition action stands for.
    pub transition: RawTransitions,
}

/// The three kinds of transition work.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawTransitions {
    /// Moving systems onto a platform.
    pub consolidate: Located<RawTransitionTemplate>,
    /// Switching systems off.
    pub retire: Located<RawTransitionTemplate>,
    /// Connecting systems to the mediator.
    pub connect: Located<RawTransitionTemplate>,
}

/// How one kind of transition action is staffed, timed and priced.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawTransitionTemplate {
    /// Owner role id.
    pub owner: Located<String>,
    /// Contributing role ids.
    #[serde(default)]
    pub contributors: Vec<Located<String>>,
    /// Duration in months.
    pub effort_months: Located<u32>,
    /// Phase.
    pub phase: Phase,
    /// Cost class id.
    #[serde(default)]
    pub cost: Option<Located<String>>,
    /// Funding type id.
    #[serde(default)]
    pub funding: Option<Located<String>>,
}

/// A dependency the framework keeps as its own judgement.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawJudgedDependency {
    /// The BB depended on.
    pub bb: Located<String>,
    /// Why the framework keeps the edge although GovStack does not publish it.
    pub reason: String,
}

/// An open specification whose declared conformance earns C2's standards bonus.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawOpenSpecification {
    /// Identifier, kebab-case.
    pub id: Located<String>,
    /// Name as the publisher writes it.
    pub name: String,
    /// Other spellings an inventory may use.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Who publishes it, and where.
    pub source: String,
}

/// An indicator and a BB criterion that measure the same fact.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawConsistencyRule {
    /// Identifier, kebab-case.
    pub id: Located<String>,
    /// Why the answer and the inventory should agree.
    pub reason: String,
    /// The indicator.
    pub indicator: Located<String>,
    /// The BB.
    pub building_block: Located<String>,
    /// The criterion, `c1`..`c4`.
    pub criterion: Located<String>,
    /// Largest allowed difference in levels.
    pub max_spread: Located<f64>,
}

/// A ceiling judged on each BB's own criterion.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCeiling {
    /// Identifier, kebab-case (shares the caps' id space).
    pub id: Located<String>,
    /// Why it exists.
    pub reason: String,
    /// The criterion, `c1`..`c4`.
    pub criterion: Located<String>,
    /// Fires while the criterion's value is below this level.
    pub below_level: Located<u8>,
    /// Highest BB score (0..100) while it fires.
    pub max_score: Located<f64>,
}

/// The BB rubric: one criterion per assessment question, and the data that scores each.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawBbRubric {
    /// The four criteria with their question, weight and level descriptors.
    pub criteria: Vec<Located<RawCriterion>>,
    /// C1: lifecycle status and coverage of the best system.
    pub exists: RawExistsRule,
    /// C2: how production systems exchange data, and standards alignment.
    pub interoperable: RawInteropRule,
    /// C4: the share of using institutions served by the shared platform.
    pub shared: RawSharedRule,
    /// Ceilings on a BB's score while one of its own criteria is low.
    #[serde(default)]
    pub ceilings: Vec<Located<RawCeiling>>,
}

/// One BB criterion.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCriterion {
    /// `c1` .. `c4`.
    pub id: Located<String>,
    /// Short title.
    pub title: String,
    /// The playbook assessment question this criterion answers.
    pub question: String,
    /// Weight in the BB score.
    #[serde(default = "default_weight")]
    pub weight: Located<f64>,
    /// What each level 0..4 means for this criterion.
    pub levels: Located<IndexMap<u8, String>>,
}

/// C1 rule: the level of the best system from its lifecycle status, raised when coverage is wide.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawExistsRule {
    /// Level for each lifecycle status (all four statuses required).
    pub status_levels: Located<IndexMap<LifecycleStatus, u8>>,
    /// A production platform covering at least this share (0..1) of its target population reaches level 4.
    pub advanced_min_coverage: Located<f64>,
    /// Highest level of a system that holds the capability inside one application (a module).
    pub module_max_level: Located<u8>,
}

/// C2 rule: level from the best data-exchange mode among production systems, plus a step for
/// declared conformance to a listed open specification, within each mode's ceiling; a claim to
/// use the data-exchange layer counts only as far as the layer itself runs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawInteropRule {
    /// Level for each exchange mode (all modes required).
    pub exchange_levels: Located<IndexMap<ExchangeMode, u8>>,
    /// Levels added when the system declares conformance to a listed open specification.
    pub standards_bonus: Located<u8>,
    /// Highest level each exchange mode reaches with the bonus (all modes required).
    pub standards_ceiling: Located<IndexMap<ExchangeMode, u8>>,
    /// The BB that is the national data-exchange layer.
    pub layer_bb: Located<String>,
    /// What a `data_exchange_layer` claim counts as while the layer's best system is pilot,
    /// planned or legacy (all three required).
    pub layer_claim: Located<IndexMap<LifecycleStatus, ExchangeMode>>,
    /// What the claim counts as when the inventory lists no system for the layer.
    pub layer_absent: ExchangeMode,
}

/// C4 rule: the most-used shared platform's reach, scaled by the share of using institutions it serves.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSharedRule {
    /// Levels by ascending minimum number of institutions that use the platform.
    pub platform_user_steps: Located<Vec<RawStep>>,
}

/// One step of a threshold table: at or above `min`, the level is `level`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    /// Threshold (inclusive).
    pub min: u32,
    /// Level 0..4 from this threshold on.
    pub level: u8,
}

/// A cap: while `indicator` is below `below_level`, `node` scores at most `max_score`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCap {
    /// Stable identifier.
    pub id: Located<String>,
    /// Why the cap exists, shown when it fires.
    pub reason: String,
    /// The indicator that triggers the cap.
    pub indicator: Located<String>,
    /// The cap fires while the indicator's level is below this.
    pub below_level: Located<u8>,
    /// The nodes it limits: pillar, dimension or Building Block ids, or `overall`.
    pub nodes: Located<Vec<String>>,
    /// The highest score (0..100) the node may have while the cap fires.
    pub max_score: Located<f64>,
}

// ---------------------------------------------------------------------------------------------
// questionnaires/<id>.yaml
// ---------------------------------------------------------------------------------------------

/// An instrument: questions that feed a framework's indicators.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawQuestionnaire {
    /// Stable identifier, e.g. `govstack-dpi-full`.
    pub id: Located<String>,
    /// Semantic version.
    pub version: Located<String>,
    /// Human title.
    pub title: String,
    /// Who should answer and how long it takes.
    #[serde(default)]
    pub description: String,
    /// The framework id whose indicators the questions feed.
    pub framework: Located<String>,
    /// Language of the text (BCP 47 tag, e.g. `en`, `fr`).
    #[serde(default = "default_language")]
    pub language: String,
    /// The questions, in the order respondents see them.
    pub questions: Vec<Located<RawQuestion>>,
}

fn default_language() -> String {
    "en".to_string()
}

/// One question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    /// Stable identifier used in answer files, e.g. `inf.01`.
    pub id: Located<String>,
    /// The framework indicator this question scores. Required; a question that feeds no indicator
    /// is an error.
    #[serde(default)]
    pub indicator: Option<Located<String>>,
    /// The institutions this question suits: framework roles (`roles:` ids, e.g.
    /// `ict_regulator`) and kinds of institution (`ministry`, `agency`, `local_government`, …, as
    /// in the list of institutions), e.g. `[sector_ministries, ministry, agency]`: `template --for`
    /// and `status` route it to the institutions that play one of the roles or are of one of the
    /// kinds. Empty: it goes only to institutions whose roster names its section.
    #[serde(default)]
    pub suits: Vec<Located<String>>,
    /// The question as the respondent reads it.
    pub text: String,
    /// Guidance: what to consider, where to look, what counts.
    #[serde(default)]
    pub help: String,
    /// How the answer becomes a level.
    #[serde(rename = "type")]
    pub answer_type: Located<AnswerType>,
    /// Options of `yes_no`, `choice` and `multi` questions. `level` questions take the indicator's
    /// descriptors and need none.
    #[serde(default)]
    pub options: Vec<Located<RawOption>>,
    /// Four thresholds t1..t4 for `number`, `percent` and `multi`: ascending, or descending with
    /// `lower_is_better`.
    #[serde(default)]
    pub thresholds: Option<Located<Vec<f64>>>,
    /// For `number` and `percent`: a smaller value is better (e.g. price as a share of income).
    #[serde(default)]
    pub lower_is_better: bool,
    /// Unit of a `number` answer, shown to the respondent (e.g. `USD per GB`).
    #[serde(default)]
    pub unit: Option<String>,
    /// For `number` and `percent` questions: the official statistic the figure is, and who
    /// publishes it.
    #[serde(default)]
    pub statistic: Option<Located<RawStatistic>>,
}

/// The official statistic a numeric question asks for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStatistic {
    /// Its name, e.g. `Fixed broadband subscriptions per 100 inhabitants`.
    pub name: String,
    /// Who publishes it, e.g. `ITU`.
    pub publisher: String,
    /// Its code where it has one, e.g. `SDG 17.6.1`.
    #[serde(default)]
    pub code: Option<String>,
}

/// One answer option.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Code stored in answer files; lowercase, no spaces (XLSForm choice names must not contain spaces).
    pub code: Located<String>,
    /// Label shown to the respondent.
    pub label: String,
    /// Level 0..4 this option gives (`yes_no`, `choice`).
    #[serde(default)]
    pub level: Option<Located<u8>>,
    /// Points this option adds when selected (`multi`; default 1).
    #[serde(default)]
    pub points: Option<Located<f64>>,
}

// ---------------------------------------------------------------------------------------------
// assessment.yaml
// ---------------------------------------------------------------------------------------------

/// An assessment workspace: who, when, against what, and which files hold the answers.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawWorkspace {
    /// Country name as it should appear on the report.
    pub country: Located<String>,
    /// ISO 3166-1 alpha-3 code; the user-assigned ranges (e.g. `XAA`–`XZZ`) are accepted for
    /// fictional, regional or sub-national assessments.
    pub iso3: Located<String>,
    /// Date of the assessment, `YYYY-MM-DD`.
    pub assessment_date: Located<String>,
    /// Optional title for the report.
    #[serde(default)]
    pub title: Option<String>,
    /// Framework id (embedded) or a path to a `framework.yaml`, relative to this file.
    pub framework: Located<String>,
    /// Questionnaire ids or paths whose questions the answer files use.
    pub questionnaires: Located<Vec<Located<String>>>,
    /// Input files, relative to this file.
    pub inputs: RawInputs,
    /// Target levels that replace the framework's defaults, by indicator or BB id.
    #[serde(default)]
    pub targets: IndexMap<String, Located<u8>>,
    /// Weights that replace the framework's, by pillar, dimension, indicator or BB id.
    #[serde(default)]
    pub weights: IndexMap<String, Located<f64>>,
    /// Overrides the framework's evidence policy.
    #[serde(default)]
    pub evidence_policy: Option<EvidencePolicy>,
    /// Overrides the framework's consolidation rule.
    #[serde(default)]
    pub consolidation: Option<Consolidation>,
    /// Whether the systems inventory is complete (the default) or lists only the systems known.
    #[serde(default)]
    pub inventory: Option<InventoryScope>,
    /// Roadmap roles mapped to the institutions that hold them in this country.
    #[serde(default)]
    pub roles: IndexMap<String, Located<String>>,
    /// How many roadmap actions each role can run at once (default 3).
    #[serde(default)]
    pub capacity: IndexMap<String, Located<u32>>,
    /// How many roadmap actions a role can run at once in a given phase, where it differs from
    /// `capacity` (a programme office that grows after the foundations, say).
    #[serde(default)]
    pub capacity_by_phase: IndexMap<String, IndexMap<Phase, Located<u32>>>,
    /// The months the roadmap plans for (default 60); what cannot end within them is listed as
    /// beyond the horizon.
    #[serde(default)]
    pub horizon_months: Option<Located<u32>>,
    /// The roadmap's cost classes restated for this country: a currency and, per class id, the
    /// range `[low, high]` in it.
    #[serde(default)]
    pub costs: Option<Located<RawCostOverride>>,
    /// Today's figures of the framework's outcome indicators, by outcome id.
    #[serde(default)]
    pub outcomes: IndexMap<String, Located<RawOutcomeBaseline>>,
    /// Interim targets: by the end of a roadmap phase (`priority_services`) or of a calendar year
    /// (`2027`), the level an indicator or Building Block should have reached.
    #[serde(default)]
    pub interim_targets: IndexMap<String, IndexMap<String, Located<u8>>>,
    /// The people who ran the assessment.
    #[serde(default)]
    pub assessors: Vec<RawAssessor>,
    /// Free notes on scope and method.
    #[serde(default)]
    pub notes: Option<String>,
    /// Who signed the assessment off, in which role and when; absent while it is a draft.
    #[serde(default)]
    pub sign_off: Option<Located<RawSignOff>>,
}

/// The sign-off of a validated assessment.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSignOff {
    /// Who signed off.
    pub by: Located<String>,
    /// Their role and institution.
    pub role: Located<String>,
    /// When, `YYYY-MM-DD`.
    pub date: Located<String>,
}

/// The input files of a workspace.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawInputs {
    /// Answer files (csv, xlsx, ods): long form or the `template` workbook.
    #[serde(default)]
    pub answers: Vec<Located<String>>,
    /// System inventory: a csv, or a workbook with a `systems` sheet.
    #[serde(default)]
    pub systems: Option<Located<String>>,
    /// Services inventory: a csv, or a workbook with a `services` sheet.
    #[serde(default)]
    pub services: Option<Located<String>>,
    /// Evidence register: a csv, or a workbook with an `evidence` sheet.
    #[serde(default)]
    pub evidence: Option<Located<String>>,
    /// The list of institutions answers and inventories name: a csv, or a workbook with an
    /// `institutions` sheet.
    #[serde(default)]
    pub institutions: Option<Located<String>>,
    /// Optional YAML file that renames the columns of a foreign layout.
    #[serde(default)]
    pub mapping: Option<Located<String>>,
    /// What the validation workshop decided: a csv, or a workbook (the filled-in workshop pack)
    /// with an `adjudications` sheet.
    #[serde(default)]
    pub adjudications: Option<Located<String>>,
    /// Respondent roster for field collection: a csv, or a workbook with a `roster` sheet
    /// (respondent, institution, role, contact, sections, due). Read by `status` and
    /// `template --for`; not scored.
    #[serde(default)]
    pub roster: Option<Located<String>>,
}

/// A column mapping file: for each input, our column name → the header the foreign file uses.
/// Headers are compared across case, spaces and punctuation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawMapping {
    /// Answers: e.g. `question_id: Indicator code`.
    #[serde(default)]
    pub answers: Option<Located<IndexMap<String, Located<String>>>>,
    /// Systems inventory: e.g. `owner: Responsible Ministry`.
    #[serde(default)]
    pub systems: Option<Located<IndexMap<String, Located<String>>>>,
    /// Services inventory: e.g. `required_bbs: Building blocks needed`.
    #[serde(default)]
    pub services: Option<Located<IndexMap<String, Located<String>>>>,
}

/// A member of the assessment team.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAssessor {
    /// Full name.
    pub name: String,
    /// Organisation.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Role in the assessment (lead, reviewer, …).
    #[serde(default)]
    pub role: Option<String>,
}
