//! The target national DPI architecture: one decision per Building Block, from today's systems to
//! the design, and the framework's rules and the country's choices it is made from.
//!
//! Plain data. The framework's part (`ArchitectureRules`, each BB's [`TargetShape`] and
//! [`Candidate`]s) is checked by `definitions`; the country's choices ([`ArchitectureChoices`],
//! from the workspace's `architecture.yaml`) by `definitions::architecture` against the inventory;
//! the decisions ([`TargetArchitecture`]) are proposed by `roadmap::architecture` and read by
//! reports. Sentences live in the message catalogue: a decision records which rule made it and the
//! facts behind it, never prose.

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Phase;

vocabulary! {
    /// What the target for a Building Block looks like once the country's systems are
    /// rationalised.
    TargetShape {
        /// One national instance serves every institution (identity, payments gateway, information
        /// mediator, messaging, …): other copies consolidate onto it and are retired.
        Single => "single",
        /// One shared platform hosts many institutions' own instances (registries, workflows):
        /// ministry-built copies move onto it; shared platforms already in place stay and connect.
        Platform => "platform",
        /// Institutions keep their line-of-business systems and connect them through the
        /// information mediator; new services use the shared platform.
        Federated => "federated",
        /// The hosting layer under every other BB: not connected through the mediator.
        Hosting => "hosting",
    }
}

vocabulary! {
    /// What kind of product a candidate is.
    CandidateKind {
        /// Listed in the Digital Public Goods Alliance registry.
        DigitalPublicGood => "digital_public_good",
        /// Open source under an OSI licence, not (or not yet) a listed digital public good.
        OpenSource => "open_source",
    }
}

vocabulary! {
    /// How the target platform of a Building Block comes about.
    PlatformChoice {
        /// An existing (or planned) shared system is extended to serve every institution.
        Extend => "extend",
        /// A digital public good or product is adopted (the framework's candidates are options).
        Adopt => "adopt",
        /// A new platform is built.
        Build => "build",
    }
}

vocabulary! {
    /// The kind of work a transition action does.
    TransitionKind {
        /// Move the capability (data, users, integrations) of the listed systems onto the target
        /// platform.
        Consolidate => "consolidate",
        /// Switch off systems whose capability has moved.
        Retire => "retire",
        /// Connect systems to the information mediator.
        Connect => "connect",
    }
}

/// An open-source product a country may adopt for a BB: one option, never a recommendation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Product name.
    pub name: String,
    /// Digital public good or open source.
    pub kind: CandidateKind,
    /// SPDX licence id.
    pub licence: String,
    /// Where the facts come from.
    pub source: String,
    /// What GovStack publishes on it (compliance, use in its sandbox), when it publishes
    /// anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub govstack: Option<String>,
}

/// The work a kind of transition action stands for, as the framework prices and staffs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionTemplate {
    /// Owner role id.
    pub owner: String,
    /// Contributing role ids.
    pub contributors: Vec<String>,
    /// Duration in months.
    pub effort_months: u32,
    /// Phase.
    pub phase: Phase,
    /// Cost class id.
    pub cost: Option<String>,
    /// Funding type id.
    pub funding: Option<String>,
}

/// The framework's rules for the target architecture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArchitectureRules {
    /// The BB that is the exchange layer every connection goes through.
    pub mediator: String,
    /// The level a target platform (and the mediator) must reach before systems move onto it or
    /// connect through it: in production.
    pub platform_level: u8,
    /// Moving systems onto a platform.
    pub consolidate: TransitionTemplate,
    /// Switching systems off.
    pub retire: TransitionTemplate,
    /// Connecting systems to the mediator.
    pub connect: TransitionTemplate,
}

/// What the country's `architecture.yaml` decides, checked against the framework and inventory.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArchitectureChoices {
    /// Per BB id, the country's decision (at most one per BB).
    pub decisions: Vec<CountryDecision>,
}

/// The country's decision for one BB: what it sets replaces the proposal.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CountryDecision {
    /// BB id.
    pub bb: String,
    /// How the target platform comes about, when the country decides it.
    pub choice: Option<PlatformChoice>,
    /// The existing system to extend (with `extend`).
    pub system: Option<String>,
    /// The product chosen (with `adopt`).
    pub product: Option<String>,
    /// Systems kept separate, each with why.
    pub keep_separate: Vec<KeptSystem>,
    /// Why the country decided so.
    pub reason: String,
}

/// A system and its owner, as a decision names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct SystemEntry {
    /// System name as the inventory gives it.
    pub name: String,
    /// Owner institution.
    pub owner: String,
}

/// A system the country keeps out of a consolidation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct KeptSystem {
    /// System name.
    pub name: String,
    /// Owner institution (empty until checked against the inventory).
    pub owner: String,
    /// Why it stays separate.
    pub reason: String,
}

/// Which rule chose the target platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionRule {
    /// A running shared platform exists: the most-used one is extended.
    RunningPlatform,
    /// Only a planned shared platform exists: it is delivered and extended.
    PlannedPlatform,
    /// No shared platform exists and the framework lists candidate products: adopt one.
    AdoptCandidate,
    /// No shared platform exists and the framework lists no candidate: build one.
    BuildNew,
    /// The country's architecture file decided the platform.
    Country,
}

/// The target for one Building Block.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct BbDecision {
    /// BB id.
    pub bb: String,
    /// BB name.
    pub name: String,
    /// The target's shape.
    pub shape: TargetShape,
    /// How the target platform comes about.
    pub choice: PlatformChoice,
    /// Which rule chose it.
    pub rule: DecisionRule,
    /// The existing system extended (with `extend`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<SystemEntry>,
    /// The platform system's lifecycle status today (with `extend`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_status: Option<super::LifecycleStatus>,
    /// The product the country chose (with `adopt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The framework's candidate products: options, not recommendations.
    pub candidates: Vec<Candidate>,
    /// Systems whose capability moves onto the target platform.
    pub consolidate: Vec<SystemEntry>,
    /// Systems switched off once their capability has moved (a system listed under several BBs
    /// only when every one of them moves).
    pub retire: Vec<SystemEntry>,
    /// Production systems that stay and connect through the information mediator.
    pub connect: Vec<SystemEntry>,
    /// Systems that stay and already exchange through the mediator.
    pub connected: Vec<SystemEntry>,
    /// Shared platforms that stay beside the target (their own institution's instance).
    pub kept: Vec<SystemEntry>,
    /// Systems the country keeps out of the consolidation, with why.
    pub kept_separate: Vec<KeptSystem>,
    /// The specification to conform to: GovStack's BB specification and version.
    pub specification: String,
    /// Where the specification reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specification_url: Option<String>,
    /// The standards the framework's actions for this BB adopt.
    pub standards: Vec<String>,
    /// The BB's level today.
    pub level: Option<u8>,
    /// The BB's score today.
    pub score: Option<f64>,
    /// Its target level.
    pub target: u8,
    /// The best system's coverage (C1), 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<f64>,
    /// Running systems holding the capability outside a shared platform (C4's siloed copies).
    pub siloed: u32,
    /// Why the country decided otherwise, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_reason: Option<String>,
    /// Planned roadmap actions that carry it out (those raising the BB and its transition
    /// actions), in schedule order.
    pub actions: Vec<String>,
    /// Actions it needs that do not fit within the horizon.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beyond_horizon: Vec<String>,
    /// Its place in the sequence of decisions (1 = first to start); none when nothing is planned.
    pub order: Option<u32>,
    /// Month its first action starts in (0 = month 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_month: Option<u32>,
    /// Month its last action ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_month: Option<u32>,
    /// Services that need this BB, which the decision unblocks.
    pub unblocks: Vec<String>,
}

impl BbDecision {
    /// Whether the target changes anything about today's systems.
    pub fn changes_anything(&self) -> bool {
        self.choice != PlatformChoice::Extend
            || !self.consolidate.is_empty()
            || !self.retire.is_empty()
            || !self.connect.is_empty()
    }
}

/// How far the target is from today, in counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ArchitectureChanges {
    /// BBs whose platform is adopted or built (none today).
    pub new_platforms: u32,
    /// Systems whose capability moves onto a platform.
    pub consolidations: u32,
    /// Systems switched off.
    pub retirements: u32,
    /// Systems to connect through the mediator.
    pub connections: u32,
    /// BBs whose target changes nothing.
    pub unchanged: u32,
}

/// The target architecture: a decision per BB in the framework's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TargetArchitecture {
    /// The exchange layer's BB id.
    pub mediator: String,
    /// One decision per BB.
    pub decisions: Vec<BbDecision>,
    /// How far the target is from today.
    pub changes: ArchitectureChanges,
}
