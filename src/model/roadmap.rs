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
    /// Signs of success.
    pub kpis: Vec<String>,
    /// Standards adopted.
    pub standards: Vec<String>,
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
    /// An action it waits for is itself beyond the horizon.
    WaitsBeyond,
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
