//! An assessment in memory: the workspace with its definitions and everything its input files said,
//! resolved to the framework's vocabulary, plus the ledger of every input row.
//!
//! `ingest` builds it; `score` reads it. Values here are already checked: question ids exist,
//! answers are levels or `na`/`unknown`, BB ids are the framework's, statuses are known.

use std::sync::Arc;

use serde::Serialize;

use super::{
    Date, DigitalLevel, ExchangeMode, Framework, Hosting, LifecycleStatus, Questionnaire, Reading,
    ServiceCategory, Workspace,
};

/// Everything the scoring stage needs about one assessment.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// The workspace (country, date, overrides, roles).
    pub workspace: Workspace,
    /// Its framework.
    pub framework: Framework,
    /// Its questionnaires.
    pub questionnaires: Vec<Questionnaire>,
    /// Every answer given, in file and row order.
    pub answers: Vec<Answer>,
    /// The systems inventory.
    pub systems: Vec<System>,
    /// The services inventory.
    pub services: Vec<Service>,
    /// The validation workshop's decisions, one per indicator at most, in row order.
    pub adjudications: Vec<super::Adjudication>,
    /// The evidence register, when the workspace has one.
    pub register: Option<super::Register>,
    /// What happened to every input row.
    pub ledger: Ledger,
    /// The country's target-architecture decisions (`architecture.yaml`), when it has any.
    pub architecture: Option<super::ArchitectureChoices>,
}

/// Where a value came from: file, sheet and row as a spreadsheet shows them. File and sheet
/// names are shared by every row of a table (`Arc<str>`), so a national inventory does not hold
/// a hundred thousand copies of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowRef {
    /// File path as given in the workspace (relative to it).
    pub file: Arc<str>,
    /// Sheet, for workbooks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Arc<str>>,
    /// 1-based row.
    pub row: u32,
}

/// A column of a table, for messages that point at one cell of a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnRef {
    /// 1-based column.
    pub column: u32,
    /// Its header as written, when known.
    pub header: Option<String>,
}

/// One respondent's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// Question id.
    pub question_id: String,
    /// The indicator the question scores.
    pub indicator: String,
    /// Who answered (the file name when the row does not say).
    pub respondent: String,
    /// Their institution, when given.
    pub institution: Option<String>,
    /// The answer as a level, or not applicable, or unknown.
    pub response: Response,
    /// For `number`, `percent` and `multi` questions: the value read against the thresholds.
    pub reading: Option<Reading>,
    /// The answer as written, for the report's annex.
    pub given: String,
    /// Evidence cited (register ids, documents, URLs), when given.
    pub evidence: Option<String>,
    /// Where the evidence cell is in the row of `source`, when the table has an evidence column.
    pub evidence_column: Option<ColumnRef>,
    /// Respondent's comment.
    pub comment: Option<String>,
    /// When answered, when given.
    pub date: Option<Date>,
    /// Where it came from.
    pub source: RowRef,
}

/// An answer after reading it against its question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// A maturity level 0..4 (already read off options or thresholds).
    Level {
        /// The level.
        level: u8,
    },
    /// The question does not apply; the indicator leaves the aggregation.
    NotApplicable,
    /// The respondent does not know; counts against coverage.
    Unknown,
}

/// One existing government system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct System {
    /// Name. Shared with the cell it was read from, and with every result that names it: a
    /// national inventory repeats names in every Building Block's list.
    pub name: Arc<str>,
    /// Owner institution, shared as the name is.
    pub owner: Arc<str>,
    /// BB ids it implements (framework ids, in the order given).
    pub building_blocks: Vec<String>,
    /// Lifecycle status.
    pub status: LifecycleStatus,
    /// Share of the intended population or users reached, 0..1.
    pub coverage: Option<f64>,
    /// How it exchanges data.
    pub exchange: Option<ExchangeMode>,
    /// Standards and specifications it follows.
    pub standards: Vec<String>,
    /// Where it runs.
    pub hosting: Option<Hosting>,
    /// Whether it is open source.
    pub open_source: Option<bool>,
    /// Institutions that use it (the owner is added when missing).
    pub used_by: Vec<String>,
    /// The BBs (among `building_blocks`) it offers as a shared platform that other services and
    /// institutions call; for the others it is a module of one line-of-business application.
    pub platform_for: Vec<String>,
    /// Where it came from.
    pub source: RowRef,
}

/// One public service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// Name.
    pub name: String,
    /// Identity-, payment- or data-enabled.
    pub category: ServiceCategory,
    /// Owner institution.
    pub owner: String,
    /// Transactions per year.
    pub yearly_transactions: Option<f64>,
    /// Users per year.
    pub users: Option<f64>,
    /// How digital it is today.
    pub digital_level: Option<DigitalLevel>,
    /// BB ids it needs.
    pub required_bbs: Vec<String>,
    /// Where it came from.
    pub source: RowRef,
}

/// What happened to every row of every input table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Ledger {
    /// One entry per table read (a csv file, or one sheet of a workbook).
    pub tables: Vec<TableLedger>,
}

/// What an input table feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputRole {
    /// Questionnaire answers.
    Answers,
    /// The systems inventory.
    Systems,
    /// The services inventory.
    Services,
    /// The validation workshop's decisions.
    Adjudications,
    /// The evidence register.
    Evidence,
    /// The list of institutions.
    Institutions,
    /// The respondent roster (field collection; not scored).
    Roster,
}

impl InputRole {
    /// Name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            InputRole::Answers => "answers",
            InputRole::Systems => "systems",
            InputRole::Services => "services",
            InputRole::Adjudications => "adjudications",
            InputRole::Evidence => "evidence",
            InputRole::Institutions => "institutions",
            InputRole::Roster => "roster",
        }
    }
}

/// The rows of one table: read = used + ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableLedger {
    /// File as given in the workspace.
    pub file: String,
    /// Sheet, for workbooks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// What it feeds.
    pub role: InputRole,
    /// Row of the header, when one was found.
    pub header_row: Option<u32>,
    /// Rows other than the header, from the first row to the last non-empty one.
    pub rows_read: u32,
    /// Rows that became an answer, a system, a service or a register document.
    pub rows_used: u32,
    /// Rows left out, each with its reason.
    pub ignored: Vec<IgnoredRow>,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredRow {
    /// 1-based row.
    pub row: u32,
    /// Why.
    pub reason: IgnoreReason,
}

/// Why a row was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnoreReason {
    /// Every cell is empty.
    Empty,
    /// Above the header row (a title or notes).
    AboveHeader,
    /// The question has no answer yet (a template row left blank).
    NoAnswer,
    /// A workshop pack row whose agreed level is left empty: nothing was decided.
    NoDecision,
    /// The same answer was given twice by the same respondent; they count once (see `ingest::answers::merge_repeat`).
    Duplicate,
    /// The row has errors (reported as diagnostics).
    Invalid,
    /// A KoboToolbox submission whose validation status is "Not approved".
    NotApproved,
    /// An ODK Central submission whose review state is "rejected".
    Rejected,
}

impl IgnoreReason {
    /// Plain words for summaries.
    pub fn describe(self) -> &'static str {
        match self {
            IgnoreReason::Empty => "empty",
            IgnoreReason::AboveHeader => "above the header",
            IgnoreReason::NoAnswer => "no answer given",
            IgnoreReason::NoDecision => "no decision recorded",
            IgnoreReason::Duplicate => "repeated answer",
            IgnoreReason::Invalid => "with errors",
            IgnoreReason::NotApproved => "submission not approved (KoboToolbox)",
            IgnoreReason::Rejected => "submission rejected (ODK Central)",
        }
    }
}

impl TableLedger {
    /// Counts one row: used, or ignored for the reason given.
    pub fn record(&mut self, row: u32, outcome: Result<(), IgnoreReason>) {
        match outcome {
            Ok(()) => self.rows_used += 1,
            Err(reason) => self.ignored.push(IgnoredRow { row, reason }),
        }
    }

    /// Rows ignored.
    pub fn rows_ignored(&self) -> u32 {
        self.ignored.len() as u32
    }

    /// How many rows were ignored for each reason, in the reasons' order.
    pub fn ignored_by_reason(&self) -> Vec<(IgnoreReason, u32)> {
        let mut counts: std::collections::BTreeMap<IgnoreReason, u32> = std::collections::BTreeMap::new();
        for ignored in &self.ignored {
            *counts.entry(ignored.reason).or_default() += 1;
        }
        counts.into_iter().collect()
    }
}
