//! What a validation workshop decided about one indicator (docs/validation.md §3, method §4a).
//!
//! Plain data: `ingest::adjudications` reads it from the workshop's filled-in pack, `score`
//! applies it after consolidation. Nothing here reads files or judges values.

use serde::Serialize;

use super::{Date, RowRef};

/// The workshop's decision on one indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adjudication {
    /// The indicator decided on.
    pub indicator: String,
    /// An agreed level, or no agreement.
    pub decision: Decision,
    /// Why; required with an agreed level.
    pub rationale: Option<String>,
    /// The evidence the decision rests on, as written (register ids or text).
    pub evidence: Option<String>,
    /// Who agreed it: a name, or the workshop's participants.
    pub agreed_by: Option<String>,
    /// When.
    pub agreed_on: Option<Date>,
    /// The row it was read from.
    pub source: RowRef,
}

/// An agreed level or a recorded disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Decision {
    /// The workshop agreed this level (0..=4); it replaces the consolidated value.
    Agreed {
        /// The level.
        level: u8,
    },
    /// The workshop could not agree; the consolidated value stands and the indicator is contested.
    Contested,
}
