//! An implementation roadmap: the actions that close the gaps, scheduled in months.
//!
//! Plain data built by `roadmap` and read by reports. One convention for months everywhere people
//! read them: month 1 is the first month of the plan (the month after the assessment), and an
//! action "runs months a–b" from its first month to its last. In the data, `start_month` counts
//! the months before an action starts (0: it starts in month 1) and `end_month` is its last month,
//! so an action runs over months `start_month + 1 ..= end_month` and takes
//! `end_month − start_month` months.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::Phase;

/// A scheduled set of actions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Roadmap {
    /// Actions in schedule order (start month, then phase, then id).
    pub actions: Vec<PlannedAction>,
    /// Each phase's span.
    pub phases: Vec<PhaseSpan>,
    /// Months from the first start to the last end.
    pub months: u32,
    /// The months the plan may take (the assessment's `horizon_months`, else 60).
    pub horizon_months: u32,
    /// Actions the gaps need that cannot end within the horizon, in the order they were met, each
    /// with why.
    pub beyond_horizon: Vec<BeyondHorizon>,
    /// Gaps no action in the library closes (fully or at all).
    pub uncovered: Vec<UncoveredGap>,
    /// Items below target whose current level is unknown, so no actions were chosen for them.
    pub no_data: Vec<String>,
    /// Indicative costs of the planned actions, as ranges (none when the framework prices no
    /// action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<CostSummary>,
    /// The programmes with planned actions, in the framework's order, with their milestones.
    pub programmes: Vec<ProgrammePlan>,
    /// Outcome indicators of the items the assessment has a level for: baseline and the value each
    /// phase should reach.
    pub outcomes: Vec<OutcomeTrack>,
    /// The index, pillars and BBs year by year if the plan is delivered (year 0: today).
    pub projection: Vec<ProjectedYear>,
    /// The assessment's interim targets, each with whether the plan meets it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interim_targets: Vec<InterimCheck>,
    /// The UN DPI safeguards checklist judged from the scores, with the actions that address each
    /// principle (none when the framework has no checklist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguards: Option<SafeguardsReview>,
    /// The target architecture, with the actions that carry out each decision (none when the
    /// framework proposes none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<super::TargetArchitecture>,
}

/// The safeguards checklist judged for one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct SafeguardsReview {
    /// Each principle, in the framework's order.
    pub principles: Vec<PrincipleReview>,
    /// Each risk, in the framework's order.
    pub risks: Vec<RiskReview>,
    /// Each responsible authority with the planned actions its roles own.
    pub authorities: Vec<AuthorityReview>,
}

/// Whether a principle is met, from the levels of the findings linked to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SafeguardStatus {
    /// Every linked finding with a level is at level 3 or more.
    Met,
    /// Some linked findings are, or some are at level 2.
    Partly,
    /// Every linked finding with a level is at level 1 or below.
    NotMet,
    /// No linked finding has a level.
    Unknown,
}

/// A principle judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PrincipleReview {
    /// Principle id.
    pub id: String,
    /// Met, partly, not met or unknown.
    pub status: SafeguardStatus,
    /// The linked findings with their levels.
    pub evidence: Vec<SafeguardEvidence>,
    /// Planned actions raising a linked indicator, in schedule order.
    pub actions: Vec<String>,
}

/// A finding linked to a principle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct SafeguardEvidence {
    /// Indicator id, or BB rubric criterion id.
    pub item: String,
    /// Whether `item` is a BB criterion (judged over every BB that has a value for it).
    pub criterion: bool,
    /// Its level: the indicator's, or the band of the criterion's mean value over the BBs.
    pub level: Option<u8>,
}

/// Whether a risk is guarded against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// A principle guarding against it is not met.
    Open,
    /// None is unmet, but one is only partly met.
    Partly,
    /// Every judged principle guarding against it is met.
    Addressed,
    /// None of its principles could be judged.
    Unknown,
}

/// A risk judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RiskReview {
    /// Risk id.
    pub id: String,
    /// Open, partly addressed, addressed or unknown.
    pub status: RiskStatus,
    /// The principles guarding against it.
    pub principles: Vec<String>,
    /// Planned actions addressing those principles, in schedule order.
    pub actions: Vec<String>,
}

/// A responsible authority's part in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct AuthorityReview {
    /// Authority id.
    pub id: String,
    /// Planned actions owned by its roles.
    pub owned: u32,
    /// Planned actions its roles contribute to without owning.
    pub contributed: u32,
}

/// An interim target checked against the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct InterimCheck {
    /// By when.
    pub due: crate::model::InterimDue,
    /// The plan's month it is due in: the phase's last month or the year's December (none for a
    /// phase with no planned action).
    pub due_month: Option<u32>,
    /// Indicator or BB id.
    pub item: String,
    /// The level asked for.
    pub level: u8,
    /// The level the plan brings the item to by then (today's when nothing on it has ended).
    pub planned_level: Option<u8>,
    /// Whether `planned_level` reaches `level`.
    pub met: bool,
}

/// A range of money in whole units of the plan's currency: never a point value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CostRange {
    /// Lowest likely.
    pub low: u64,
    /// Highest likely.
    pub high: u64,
}

impl CostRange {
    /// The sum of two ranges.
    pub fn plus(self, other: CostRange) -> CostRange {
        CostRange {
            low: self.low + other.low,
            high: self.high + other.high,
        }
    }
}

/// An action's indicative cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ActionCost {
    /// Cost class id.
    pub class: String,
    /// The class's range.
    #[serde(flatten)]
    pub range: CostRange,
}

/// Indicative costs of a plan: totals of the planned actions' ranges.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CostSummary {
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Whether the ranges are the assessment's own (`costs:` in assessment.yaml) or the framework's.
    pub source: CostSource,
    /// The classes as used, smallest first, with how many planned actions fall in each.
    pub classes: Vec<CostClassUse>,
    /// All planned actions.
    pub total: CostRange,
    /// By plan year (year 1 = months 1–12): each action's range spread over its months.
    pub by_year: Vec<YearCost>,
    /// By phase, in phase order.
    pub by_phase: Vec<PhaseCost>,
    /// By owner role, in the framework's role order.
    pub by_role: Vec<RoleCost>,
    /// By programme, in the framework's order (actions without one last, under no id).
    pub by_programme: Vec<ProgrammeCost>,
    /// By funding type, in the framework's order.
    pub by_funding: Vec<FundingCost>,
}

/// Where the cost ranges come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CostSource {
    /// The framework's classes.
    Framework,
    /// The assessment's `costs:`.
    Assessment,
}

/// A cost class as the plan uses it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CostClassUse {
    /// Id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Its range.
    #[serde(flatten)]
    pub range: CostRange,
    /// Planned actions in it.
    pub actions: u32,
}

/// A plan year's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct YearCost {
    /// 1-based plan year.
    pub year: u32,
    /// Its range.
    #[serde(flatten)]
    pub range: CostRange,
}

/// A phase's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PhaseCost {
    /// Phase.
    pub phase: Phase,
    /// Its range.
    #[serde(flatten)]
    pub range: CostRange,
}

/// An owner role's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RoleCost {
    /// Role id.
    pub role: String,
    /// The institution holding it (or the role's title).
    pub owner: String,
    /// Its range.
    #[serde(flatten)]
    pub range: CostRange,
}

/// A programme's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProgrammeCost {
    /// Programme id (none for actions outside every programme).
    pub programme: Option<String>,
    /// Its range.
    #[serde(flatten)]
    pub range: CostRange,
}

/// A funding type's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct FundingCost {
    /// Funding type id (none for actions that name none).
    pub funding: Option<String>,
    /// Its range.
    #[serde(flatten)]
    pub range: CostRange,
}

/// A programme as planned.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProgrammePlan {
    /// Id.
    pub id: String,
    /// Name.
    pub title: String,
    /// What it delivers.
    pub description: String,
    /// Planned actions in it.
    pub actions: u32,
    /// Its actions beyond the horizon.
    pub beyond_horizon: u32,
    /// Months before its first action starts.
    pub start_month: u32,
    /// Last month of its last action.
    pub end_month: u32,
    /// Its planned actions' costs (none when the framework prices no action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostRange>,
    /// Its milestones, in the framework's order.
    pub milestones: Vec<MilestonePlan>,
    /// Its main risks.
    pub risks: Vec<crate::model::Risk>,
}

/// A milestone and when the plan reaches it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct MilestonePlan {
    /// What exists once it is reached.
    pub title: String,
    /// Indicator or BB id.
    pub item: String,
    /// Level.
    pub level: u8,
    /// Where it stands.
    pub status: MilestoneStatus,
    /// For `planned`: the month the first planned action bringing the item to the level ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
}

/// Where a milestone stands in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// The item is at the level already.
    Reached,
    /// A planned action brings it there.
    Planned,
    /// The action that would is beyond the horizon.
    BeyondHorizon,
    /// The plan does not aim at it (the target is lower, the item has no data, or no action does).
    NotPlanned,
}

/// An outcome indicator along the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct OutcomeTrack {
    /// Outcome id.
    pub id: String,
    /// What is measured.
    pub title: String,
    /// Unit.
    pub unit: String,
    /// The indicator it is read against.
    pub indicator: String,
    /// Which direction is better.
    pub better: crate::model::Better,
    /// Who publishes the figure.
    pub source: String,
    /// Where it stands today.
    pub baseline: OutcomeBaseline,
    /// For each phase with planned actions: the indicator's level at the phase's end and the value
    /// that level is marked by.
    pub targets: Vec<OutcomeTarget>,
}

/// An outcome's baseline: the assessment's figure where it gives one, and the indicator's level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct OutcomeBaseline {
    /// The indicator's current level (none when it has no data).
    pub level: Option<u8>,
    /// The figure, when the assessment gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The year of the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Where the figure comes from (none when it is the respondents' answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// When the figure is the median of the respondents' answers: how many answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<u32>,
}

/// What an outcome should reach by the end of a phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct OutcomeTarget {
    /// Phase.
    pub phase: Phase,
    /// The phase's last month.
    pub end_month: u32,
    /// The indicator's level then.
    pub level: u8,
    /// The value marking that level (none when the outcome gives none for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// The scores a delivered plan leads to at the end of one plan year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProjectedYear {
    /// Plan year: 0 is today, 1 the end of month 12.
    pub year: u32,
    /// The last month counted (12 × year).
    pub end_month: u32,
    /// Overall index.
    pub overall: ProjectedNode,
    /// Each pillar, in the framework's order.
    pub pillars: Vec<ProjectedNode>,
    /// Each BB, in the framework's order.
    pub building_blocks: Vec<ProjectedNode>,
}

/// A node's projected score and level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProjectedNode {
    /// Node id (`overall` for the index).
    pub id: String,
    /// Score 0..100, none without data.
    pub score: Option<f64>,
    /// Level, none without a score or while provisional.
    pub level: Option<u8>,
}

/// One action in the roadmap.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PlannedAction {
    /// Action id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Indicator or BB it raises.
    pub raises: String,
    /// The level that item reaches when the action ends.
    pub to_level: u8,
    /// Owner role id.
    pub owner_role: String,
    /// The institution holding the role, or the role's title when the assessment does not say.
    pub owner: String,
    /// Role ids that contribute without being accountable.
    pub contributor_roles: Vec<String>,
    /// The institutions holding the contributing roles (or the roles' titles), in the library's order.
    pub contributors: Vec<String>,
    /// Months before it starts: 0 when it starts in month 1.
    pub start_month: u32,
    /// Its last month (month 1 is the plan's first): start + effort.
    pub end_month: u32,
    /// Phase, after prerequisites in later phases pulled it along.
    pub phase: Phase,
    /// Actions of this roadmap it waits for (to end).
    pub waits_for: Vec<String>,
    /// Actions of this roadmap that must be under way (started) when it starts: its soft
    /// prerequisites, e.g. the law a pilot runs alongside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub under_way_with: Vec<String>,
    /// Priority rank of the gap it serves (none for an action pulled in only as a prerequisite).
    pub priority_rank: Option<u32>,
    /// Programme id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<String>,
    /// The safeguards principles it serves: those evidenced by the indicator it raises.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<String>,
    /// Indicative cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<ActionCost>,
    /// Funding type id: the main source expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<String>,
    /// Signs of success, each with its baseline and target.
    pub kpis: Vec<PlannedKpi>,
    /// Standards adopted.
    pub standards: Vec<String>,
    /// The target-architecture work it does, for an action the target architecture adds (it
    /// raises no level: `to_level` is then the item's level today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transition: Option<super::TransitionKind>,
}

impl PlannedAction {
    /// The level the action brings `raises` to when it ends: none for a target-architecture
    /// transition action, which changes systems, not a level. Projections, milestones and the
    /// services' unblocking read levels through this, never `to_level` directly.
    pub fn level_reached(&self) -> Option<u8> {
        match self.transition {
            Some(_) => None,
            None => Some(self.to_level),
        }
    }
}

/// A sign of an action's success with its baseline and target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlannedKpi {
    /// A measure of the action's own.
    Measure {
        /// What is counted or checked.
        measure: String,
        /// Its state when the action starts.
        baseline: String,
        /// Its state when the action ends.
        target: String,
    },
    /// An outcome indicator.
    Outcome {
        /// Outcome id.
        outcome: String,
        /// What is measured.
        title: String,
        /// Unit.
        unit: String,
        /// Where it stands today.
        baseline: OutcomeBaseline,
        /// The value marking the level the action brings its item to.
        target: f64,
    },
}

/// An action the gaps need that the plan cannot end within its horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct BeyondHorizon {
    /// Action id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Indicator or BB it raises.
    pub raises: String,
    /// The level it would bring that item to.
    pub to_level: u8,
    /// Owner role id.
    pub owner_role: String,
    /// The institution holding the role, or the role's title.
    pub owner: String,
    /// Months it takes.
    pub effort_months: u32,
    /// Why it does not fit.
    pub reason: BeyondReason,
    /// The earliest month it could end, had it been planned: its last month counted as the
    /// schedule counts (none when something it waits for is itself beyond the horizon).
    pub earliest_end_month: Option<u32>,
    /// For `waits_beyond`: the action it waits for that is beyond the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waits_for: Option<String>,
}

/// Why an action is beyond the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BeyondReason {
    /// It could end in time, but its owner's capacity is taken by earlier actions until too late.
    Capacity,
    /// The actions it waits for, on other items, end too late for it to end in time.
    PrerequisiteChain,
    /// It climbs its own item's ladder: the lower rungs (or its own length) take the horizon.
    TargetAmbition,
    /// Its phase's gate (the share of the previous phase that must have ended) opens too late.
    PhaseGate,
    /// An action it waits for is itself beyond the horizon (or dropped).
    WaitsBeyond,
    /// A scenario defers it to a month from which it cannot end within the horizon.
    Deferred,
    /// A scenario drops it.
    Dropped,
}

/// A phase's extent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PhaseSpan {
    /// Phase.
    pub phase: Phase,
    /// First month of its first action.
    pub start_month: u32,
    /// Month after its last action ends.
    pub end_month: u32,
    /// Number of actions.
    pub actions: u32,
    /// For a phase the framework gates: the month (counted as `start_month` is) before which none
    /// of its actions could start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate_month: Option<u32>,
}

/// A gap the library cannot close.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct UncoveredGap {
    /// Indicator or BB id.
    pub id: String,
    /// Current level.
    pub level: u8,
    /// Target level.
    pub target: u8,
    /// Highest level the library's actions reach for it (0 when it has none).
    pub reachable: u8,
}

/// Where a service sits on the playbook's impact × feasibility grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// High impact, high feasibility: build or revamp first (the playbook's exemplars).
    A,
    /// High impact, low feasibility: strategic; its Building Blocks come first.
    B,
    /// Low impact, high feasibility: quick, small gains.
    C,
    /// Low impact, low feasibility: later.
    D,
}

impl Quadrant {
    /// The letter reports show: A, B, C or D.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::A => "A",
            Quadrant::B => "B",
            Quadrant::C => "C",
            Quadrant::D => "D",
        }
    }
}

/// A public service ranked for building or revamping.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ServicePriority {
    /// 1 = first.
    pub rank: u32,
    /// Service name.
    pub name: String,
    /// Owner institution.
    pub owner: String,
    /// identity, payment or data.
    pub category: String,
    /// Current digital level (offline … end_to_end), when given.
    pub digital_level: Option<String>,
    /// Readiness: the lowest score (0..100) among the BBs it needs; none if it names none.
    pub readiness: Option<f64>,
    /// Impact 0..1: yearly transactions plus users on a log scale, relative to the largest service.
    pub impact: f64,
    /// Impact at or above the services' median, and readiness at or above level 2.
    pub quadrant: Quadrant,
    /// BBs it needs that are at level 1 or below.
    pub blocked_by: Vec<String>,
    /// Month the roadmap brings every blocking BB to level 2 or more (none if it never does, or
    /// nothing blocks it).
    pub unblocked_month: Option<u32>,
}

/// What a scenario changes in the base plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scenario {
    /// Its name, shown beside the base plan.
    pub title: String,
    /// Action ids → the month after which they may start.
    pub start_after: indexmap::IndexMap<String, u32>,
    /// Action ids left out.
    pub dropped: Vec<String>,
    /// A new horizon.
    pub horizon_months: Option<u32>,
    /// New capacities by role.
    pub capacity: indexmap::IndexMap<String, u32>,
    /// New capacities by role and phase.
    pub capacity_by_phase: indexmap::IndexMap<String, std::collections::BTreeMap<Phase, u32>>,
}
