//! Plain data shared by every stage: validated frameworks, questionnaires and workspaces, and the
//! small vocabularies (enums) their files use.
//!
//! In: nothing; this module does no I/O and no validation. Values here were produced by
//! `definitions` (which checked them) and are read by `ingest`, `score` and `report`.

mod adjudication;
mod assessment;
mod framework;
mod questionnaire;
mod reading;
mod results;
mod roadmap;
mod roster;
mod workspace;

pub use adjudication::*;
pub use assessment::*;
pub use framework::*;
pub use questionnaire::*;
pub use reading::*;
pub use results::*;
pub use roadmap::*;
pub use roster::*;
pub use workspace::*;

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Highest maturity level; levels run 0..=MAX_LEVEL.
pub const MAX_LEVEL: u8 = 4;

/// Decimal places to which every value is rounded before a decision compares it.
pub const DECISION_DECIMALS: u32 = 9;

/// The value as a decision sees it: rounded to [`DECISION_DECIMALS`] places (half away from
/// zero), as an integer count of 10⁻⁹. Answer thresholds, levels, disputes, caps, ceilings, the
/// coverage floor, consistency rules and priority ties compare these keys, never raw binary
/// floats, so that a mean which is exactly 62.5 in decimal arithmetic but 62.49999999999999 in
/// binary is level 3, and a 29 % cell stored as 0.29 reaches a threshold of 29.
pub fn decision_key(value: f64) -> i64 {
    (value * 10f64.powi(DECISION_DECIMALS as i32)).round() as i64
}

/// The most characters a spreadsheet cell holds (Excel and LibreOffice alike). Every text that can
/// reach the report's workbook is held to it where it is read: input cells in `ingest`, YAML texts
/// in `definitions`.
pub const MAX_CELL_TEXT: usize = 32_767;

/// A text's length as Excel counts it: in UTF-16 code units, so a character outside the Basic
/// Multilingual Plane (most emoji, some CJK) counts twice. This is the count the 32,767 limit is
/// written against, and the one the report's workbook writer checks.
pub fn spreadsheet_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Declares a vocabulary enum whose YAML/CSV spellings are its snake_case variant names, with the
/// list of allowed spellings for error messages.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident (default $default:ident) { $($body:tt)+ }) => {
        vocabulary!($(#[$meta])* $name { $($body)+ });

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(test, derive(JsonSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in files.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// Parses the spelling used in files (exact, already normalised by the caller).
            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The allowed spellings, comma-separated, for error messages.
            pub fn allowed() -> String {
                Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

// After the macro, so that the module can declare its vocabulary with it.
mod architecture;
pub use architecture::*;
mod evidence;
pub use evidence::*;
mod institution;
pub use institution::*;

vocabulary! {
    /// What a pillar is scored from.
    PillarKind {
        /// An enabling layer, scored from questionnaire indicators.
        Layer => "layer",
        /// The Building Blocks pillar, scored from the systems inventory with the BB rubric.
        BuildingBlocks => "building_blocks",
    }
}

vocabulary! {
    /// How a node combines the scores of its children.
    Aggregator (default WeightedMean) {
        /// Weighted mean over children that have a score (compensatory).
        WeightedMean => "weighted_mean",
        /// The lowest child score (weakest link, non-compensatory).
        Minimum => "minimum",
    }
}

vocabulary! {
    /// How several respondents' levels for one indicator become one.
    Consolidation (default Median) {
        /// The median; for an even count the lower of the two middle values (conservative).
        Median => "median",
        /// The lowest level given.
        Minimum => "minimum",
        /// The arithmetic mean of the levels.
        Mean => "mean",
        /// The median of the respondents whose institution holds a role the framework names as
        /// authoritative for the indicator; the median of all when none of them gave a level.
        Authoritative => "authoritative",
    }
}

vocabulary! {
    /// Whether the systems inventory lists every system the country has, or only those known.
    InventoryScope (default Complete) {
        /// Every system: a Building Block without one has none (C1 and C2 are 0).
        Complete => "complete",
        /// Only the systems known (a desk review): a Building Block without one is not known to
        /// lack one (C1 and C2 have no value).
        Partial => "partial",
    }
}

vocabulary! {
    /// What happens to a high level that no answer supports with evidence.
    EvidencePolicy (default Flag) {
        /// Report it as `unverified`, keep the level.
        Flag => "flag",
        /// Report it and cap it at the framework's `evidence_cap_level`.
        Cap => "cap",
    }
}

vocabulary! {
    /// How much a gap on an indicator matters when priorities are ranked.
    Criticality (default Medium) {
        /// Nice to have.
        Low => "low",
        /// Normal.
        Medium => "medium",
        /// A foundation other things rest on.
        High => "high",
    }
}

impl Criticality {
    /// Multiplier used in the priority formula.
    pub fn factor(self) -> f64 {
        match self {
            Criticality::Low => 1.0,
            Criticality::Medium => 2.0,
            Criticality::High => 3.0,
        }
    }
}

vocabulary! {
    /// The narrow-DPI component (GovStack DPI chapter) an item serves.
    DpiComponent {
        /// Digital identity: IDs, e-signatures, civil registration.
        Identity => "identity",
        /// Digital payment infrastructure.
        Payments => "payments",
        /// Data exchange and interoperability: data-sharing platforms, consent, trust frameworks.
        DataExchange => "data_exchange",
        /// Not part of the narrow DPI (an enabler or a channel).
        None => "none",
    }
}

vocabulary! {
    /// Status of a GovStack specification.
    BbStatus {
        /// Published specification.
        Released => "released",
        /// Draft specification.
        Draft => "draft",
    }
}

vocabulary! {
    /// Lifecycle status of a system in the inventory.
    LifecycleStatus {
        /// Planned or being procured; nothing runs yet.
        Planned => "planned",
        /// Runs for a limited area or group.
        Pilot => "pilot",
        /// Runs nationally for its intended users.
        Production => "production",
        /// Runs but is being replaced or decommissioned.
        Legacy => "legacy",
    }
}

vocabulary! {
    /// How a system exchanges data with others.
    ExchangeMode {
        /// No exchange.
        None => "none",
        /// Files (exports, e-mail, removable media).
        Files => "files",
        /// Direct APIs between pairs of systems.
        PointToPoint => "point_to_point",
        /// Through the national data-exchange layer (Information Mediator).
        DataExchangeLayer => "data_exchange_layer",
    }
}

vocabulary! {
    /// How a question's answer becomes a level.
    AnswerType {
        /// The respondent picks one of the indicator's five level descriptors.
        Level => "level",
        /// Yes or no, each with a level.
        YesNo => "yes_no",
        /// One option, each with a level.
        Choice => "choice",
        /// Several options; their points are summed and read against four thresholds.
        Multi => "multi",
        /// A number read against four thresholds.
        Number => "number",
        /// A percentage (0..100) read against four thresholds.
        Percent => "percent",
    }
}

vocabulary! {
    /// A phase of the implementation roadmap (GovStack PAERA's four phases).
    Phase {
        /// Inception and foundations: governance, legal basis, core Building Blocks.
        Foundations => "foundations",
        /// Prototypes and the first high-value services.
        PriorityServices => "priority_services",
        /// Initial transformation: registries, portal or wallet, automation, law aligned.
        Transformation => "transformation",
        /// Mass-scale transformation: every BB, end-to-end services, data-driven government.
        Scale => "scale",
    }
}

vocabulary! {
    /// Where a system is hosted.
    Hosting {
        /// On the owner's premises.
        OnPremises => "on_premises",
        /// In a government data centre.
        GovernmentDataCentre => "government_data_centre",
        /// On a government cloud.
        GovernmentCloud => "government_cloud",
        /// On a commercial cloud.
        CommercialCloud => "commercial_cloud",
    }
}

vocabulary! {
    /// Category of a public service (GovStack DPI chapter).
    ServiceCategory {
        /// Enabled by digital identity.
        Identity => "identity",
        /// Enabled by digital payments.
        Payment => "payment",
        /// Driven by data exchange.
        Data => "data",
    }
}

vocabulary! {
    /// How digital a service is today (0..4).
    DigitalLevel {
        /// Paper and counters only.
        Offline => "offline",
        /// Information online, the process is not.
        Informational => "informational",
        /// Forms can be filled or downloaded online; the process ends offline.
        Interactive => "interactive",
        /// The whole transaction can be done online.
        Transactional => "transactional",
        /// Digital end to end, data reused across agencies, proactive where possible.
        EndToEnd => "end_to_end",
    }
}

/// The name of a maturity level in the default scale (used where no framework is at hand).
pub fn default_level_name(level: u8) -> &'static str {
    match level {
        0 => "Absent",
        1 => "Initial",
        2 => "Developing",
        3 => "Established",
        _ => "Advanced",
    }
}

/// Column headers of the input tables, in the order `init` and `template` write them.
pub mod columns {
    /// Long-form answers: one row per question per respondent.
    pub const ANSWERS: &[&str] = &[
        "question_id",
        "answer",
        "respondent",
        "institution",
        "evidence",
        "comment",
    ];
    /// Respondent roster: one row per respondent (field collection; `status`, `template --for`).
    pub const ROSTER: &[&str] = &["respondent", "institution", "role", "contact", "sections", "due"];
    /// The list of institutions: one row per institution taking part.
    pub const INSTITUTIONS: &[&str] = &["id", "name", "aliases", "kind", "roles"];
    /// Systems inventory: one row per existing system.
    pub const SYSTEMS: &[&str] = &[
        "name",
        "owner",
        "building_blocks",
        "status",
        "coverage",
        "exchange",
        "standards",
        "hosting",
        "open_source",
        "used_by",
        "platform",
    ];
    /// Services inventory: one row per public service.
    pub const SERVICES: &[&str] = &[
        "name",
        "category",
        "owner",
        "yearly_transactions",
        "users",
        "digital_level",
        "required_bbs",
    ];
}
