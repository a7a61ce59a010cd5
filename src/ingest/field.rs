//! Reading KoboToolbox and ODK Central exports of the XLSForm that `dpi-assess template --format
//! xlsform` writes: one row per submission, one submission per respondent.
//!
//! In: a [`Table`] (csv file or workbook sheet) whose header row carries the platforms' metadata
//! columns, and the forms of the workspace's questionnaires ([`form_fields`]). Out: [`Answer`]s
//! exactly as the long form would give them, located at the export's own cells, and one ledger
//! entry per submission row.
//! Not here: writing the form (`template::xlsform`), or the long form (`answers`).
//!
//! - **Detection** from the header: `SubmissionDate`, `KEY` or `meta-instanceID` → ODK Central
//!   (group separator `-`); `_uuid`, `_submission_time`, `_validation_status` or `__version__` →
//!   KoboToolbox (group separator `/`).
//! - **Columns**: a header is a field's XML name or its label (in any language of the form), with
//!   or without its group path; select_multiple answers come from the summary column (choices
//!   separated by spaces) or, without one, from the 0/1 columns `question/choice`. Platform
//!   metadata columns are recognised and skipped by rule; any other column gets a warning. The
//!   select_multiple choice `none` ("None of these applies") reads as the long form's `none` (no
//!   option, zero points); `none`, `na` and `unknown` ticked with anything else is an error.
//! - **Evidence files**: the `<name>_evidence_file` column holds the attachment's file name (ODK
//!   Central, KoboToolbox), and KoboToolbox's `<name>_evidence_file_URL` its address; both are
//!   kept, joined to the answer's evidence text as one more citation, `attachment: <file>`. The
//!   file itself is not fetched.
//! - **Values**: choices by name or label; a choice the question does not offer is an error at its
//!   cell naming the allowed choices.
//! - **Review**: Kobo submissions whose validation status is "Not approved" and ODK submissions
//!   whose review state is "rejected" are left out, each with its ledger reason.
//! - **Version**: the form's calculated `questionnaire_version` (or ODK's `FormVersion`) is checked
//!   against the questionnaire's version; a difference is a warning naming both.
//! - **Damage**: nothing is picked or guessed silently. A field with two columns is an error at
//!   the second header cell (rows where the two disagree are not read). A row with fewer cells
//!   than the header is an error and is not read, since the platforms write every column of every
//!   submission: the last row of a file cut off in transfer, or a row split or shortened by hand;
//!   only a row in the middle that lacks nothing but cells that may be empty (answers, evidence,
//!   comments) is read, with a warning. A review cell holding a state the platform does not write
//!   is an error: a submission whose review is unknown is not read. A submission already read (the
//!   same `KEY`, `_uuid` or `instanceID`, in this export or another) counts once when the two
//!   copies say the same, with a warning, and is an error when they differ.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use super::answers::{
    ReadResponse, Repeat, Seen, cell_error, merge_repeat, read_response, record_answer, repeat_of,
};
use super::columns::each_row;
use super::institutions::match_institution;
use super::table::{Cell, Row, Table};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{
    Answer, AnswerType, ColumnRef, Framework, IgnoreReason, Questionnaire, Response, RowRef, TableLedger,
};
use crate::template::xlsform::{
    self, Choice, ChoiceValue, FieldKind, FormQuestion, INSTITUTION, QUESTIONNAIRE_ID, QUESTIONNAIRE_VERSION,
    RESPONDENT_NAME, RESPONDENT_ROLE, form_fields,
};

/// Which platform an export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// KoboToolbox (csv or xlsx export).
    Kobo,
    /// ODK Central (csv export).
    Odk,
}

impl Platform {
    /// Name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Kobo => "KoboToolbox",
            Platform::Odk => "ODK Central",
        }
    }

    /// Separator of group paths in headers.
    pub fn separator(self) -> char {
        match self {
            Platform::Kobo => '/',
            Platform::Odk => '-',
        }
    }
}

const ODK_MARKERS: &[&str] = &["SubmissionDate", "KEY", "meta-instanceID"];
const KOBO_MARKERS: &[&str] = &["_uuid", "_submission_time", "_validation_status", "__version__"];

/// ODK Central's own columns.
const ODK_META: &[&str] = &[
    "SubmissionDate",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
];
/// KoboToolbox's own columns.
const KOBO_META: &[&str] = &[
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_version_",
    "_tags",
    "_index",
    "_xform_id_string",
    "_attachments",
    "_geolocation",
    "formhub/uuid",
];
/// Fields every form may carry (XLSForm metadata), matched on the last segment of the header.
const FORM_META: &[&str] = &[
    "instanceID",
    "instanceName",
    "rootUuid",
    "deprecatedID",
    "start",
    "end",
    "today",
    "deviceid",
    "username",
    "phonenumber",
    "simserial",
    "subscriberid",
    "audit",
];

/// The platform of a table and its header row, when the header carries a platform's columns.
pub fn detect(table: &Table) -> Option<(Platform, u32)> {
    for row in table.rows.iter().take(30) {
        let headers: Vec<String> = row.cells.iter().map(Cell::display).collect();
        let has = |markers: &[&str]| {
            headers
                .iter()
                .any(|h| markers.iter().any(|m| h.trim().eq_ignore_ascii_case(m)))
        };
        if has(ODK_MARKERS) {
            return Some((Platform::Odk, row.number));
        }
        if has(KOBO_MARKERS) {
            return Some((Platform::Kobo, row.number));
        }
    }
    None
}

/// What a column of an export holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Answer(usize),
    /// A 0/1 column of a select_multiple choice: question, choice.
    Detail(usize, usize),
    Evidence(usize),
    /// The evidence upload (`file` question): the attachment's file name.
    EvidenceFile(usize),
    /// KoboToolbox's `<file question>_URL` column: the attachment's address.
    EvidenceUrl(usize),
    Comment(usize),
    Missing(usize),
    Respondent,
    Institution,
    Role,
    /// The yes/no question opening an inventory repeat (the repeat is read by `form_inventory`):
    /// 0 systems, 1 services.
    Gate(u8),
    QuestionnaireId,
    QuestionnaireVersion,
    ValidationStatus,
    ReviewState,
    FormVersion,
    SubmissionId,
    Meta,
    Blank,
    Unknown,
}

/// The fields of the workspace's forms, by name and label.
pub struct FormIndex<'a> {
    questions: Vec<FormQuestion<'a>>,
    keys: HashMap<String, Column>,
    /// The byte length of the longest key.
    longest_key: usize,
    questionnaires: Vec<(&'a str, &'a str)>,
    /// Submissions read so far, across the workspace's exports (the index is shared by them all).
    submissions: RefCell<Submissions>,
}

/// How many separators of a header are tried as the start of its field's name or label, from
/// the end. Forms nest groups a few levels deep and labels hold a slash or two; trying every split
/// of a header with thousands (a cell whose quote is never closed holds the rest of the file)
/// took time growing with the cube of its length.
const MOST_SPLITS: usize = 16;

/// Lowercase with runs of white space as one space: how names and labels are compared.
fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl<'a> FormIndex<'a> {
    /// Indexes the forms of the questionnaires; the first questionnaire wins a shared question id.
    pub fn new(framework: &'a Framework, questionnaires: &'a [Questionnaire]) -> Self {
        let mut index = FormIndex {
            questions: Vec::new(),
            keys: HashMap::new(),
            longest_key: 0,
            questionnaires: questionnaires
                .iter()
                .map(|q| (q.id.as_str(), q.version.as_str()))
                .collect(),
            submissions: RefCell::new(Submissions::default()),
        };
        let fixed = [
            (RESPONDENT_NAME, Column::Respondent, "Your name"),
            (INSTITUTION, Column::Institution, "Your institution"),
            (RESPONDENT_ROLE, Column::Role, "Your role"),
            (xlsform::HAS_SYSTEMS, Column::Gate(0), xlsform::HAS_SYSTEMS_LABEL),
            (
                xlsform::HAS_SERVICES,
                Column::Gate(1),
                xlsform::HAS_SERVICES_LABEL,
            ),
            (QUESTIONNAIRE_ID, Column::QuestionnaireId, QUESTIONNAIRE_ID),
            (
                QUESTIONNAIRE_VERSION,
                Column::QuestionnaireVersion,
                QUESTIONNAIRE_VERSION,
            ),
        ];
        for (name, column, label) in fixed {
            index.keys.insert(key(name), column);
            index.keys.entry(key(label)).or_insert(column);
        }
        let mut labels = Vec::new();
        for questionnaire in questionnaires {
            let form = form_fields(framework, questionnaire);
            for question in form.questions() {
                if index
                    .questions
                    .iter()
                    .any(|q| q.question.id == question.question.id)
                {
                    continue;
                }
                let i = index.questions.len();
                index.keys.entry(key(&question.name)).or_insert(Column::Answer(i));
                index
                    .keys
                    .entry(key(&question.evidence_name()))
                    .or_insert(Column::Evidence(i));
                index
                    .keys
                    .entry(key(&question.evidence_file_name()))
                    .or_insert(Column::EvidenceFile(i));
                index
                    .keys
                    .entry(key(&question.comment_name()))
                    .or_insert(Column::Comment(i));
                if question.kind == FieldKind::Decimal {
                    index
                        .keys
                        .entry(key(&question.missing_name()))
                        .or_insert(Column::Missing(i));
                    labels.push((key(&question.missing_label()), Column::Missing(i)));
                }
                labels.push((key(&question.label), Column::Answer(i)));
                labels.push((key(&question.evidence_label()), Column::Evidence(i)));
                labels.push((key(&question.evidence_file_label()), Column::EvidenceFile(i)));
                labels.push((key(&question.comment_label()), Column::Comment(i)));
                index.questions.push(question.clone());
            }
        }
        // Names first: a label never shadows a name.
        for (label, column) in labels {
            index.keys.entry(label).or_insert(column);
        }
        index.longest_key = index.keys.keys().map(String::len).max().unwrap_or(0);
        index
    }

    fn lookup(&self, text: &str) -> Option<Column> {
        // Far longer than any name or label: it cannot be one, and lowercasing it would cost
        // time for nothing (a header cell whose quote is never closed runs to the end of the file).
        if text.len() > 4 * self.longest_key + 1024 {
            return None;
        }
        self.keys.get(&key(text)).copied()
    }

    /// A header, with or without its group path: the whole header first, then what follows each
    /// of its last [`MOST_SPLITS`] separators.
    fn plain(&self, header: &str, separator: char) -> Option<Column> {
        let mut starts: Vec<usize> = header
            .rmatch_indices(separator)
            .take(MOST_SPLITS)
            .map(|(at, found)| at + found.len())
            .collect();
        starts.push(0);
        starts
            .iter()
            .rev()
            .find_map(|&start| self.lookup(&header[start..]))
    }

    fn column(&self, header: &str, platform: Platform) -> Column {
        let trimmed = header.trim();
        if trimmed.is_empty() {
            return Column::Blank;
        }
        let is = |name: &str| trimmed.eq_ignore_ascii_case(name);
        if is("_validation_status") {
            return Column::ValidationStatus;
        }
        if is("ReviewState") {
            return Column::ReviewState;
        }
        if is("FormVersion") {
            return Column::FormVersion;
        }
        if (platform == Platform::Kobo && is("_id")) || (platform == Platform::Odk && is("KEY")) {
            return Column::SubmissionId;
        }
        if ODK_META.iter().chain(KOBO_META).any(|m| is(m)) {
            return Column::Meta;
        }
        let last = trimmed.rsplit(['/', '-']).next().unwrap_or(trimmed);
        if FORM_META.iter().any(|m| last.eq_ignore_ascii_case(m)) || trimmed.starts_with("_submission_") {
            return Column::Meta;
        }
        if let Some(column) = self.plain(trimmed, platform.separator()) {
            return column;
        }
        // KoboToolbox's media link beside a file question: `<file question>_URL`.
        if let Some(file) = trimmed.strip_suffix("_URL")
            && let Some(Column::EvidenceFile(i)) = self.plain(file, platform.separator())
        {
            return Column::EvidenceUrl(i);
        }
        // A 0/1 column of a select_multiple: `<question>/<choice>`.
        for (position, _) in trimmed.rmatch_indices('/').take(MOST_SPLITS) {
            let (left, right) = (&trimmed[..position], &trimmed[position + 1..]);
            if let Some(Column::Answer(i)) = self.plain(left, platform.separator())
                && self.questions[i].kind == FieldKind::SelectMultiple
                && let Some(c) = find_choice(&self.questions[i].choices, right)
            {
                return Column::Detail(i, c);
            }
        }
        Column::Unknown
    }
}

fn find_choice(choices: &[Choice], text: &str) -> Option<usize> {
    let wanted = key(text);
    choices
        .iter()
        .position(|c| key(&c.name) == wanted)
        .or_else(|| choices.iter().position(|c| key(&c.label) == wanted))
}

fn allowed_choices(choices: &[Choice]) -> String {
    format!(
        "allowed: {} (or their labels)",
        choices
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Everything a reader needs besides the table.
pub struct FieldReader<'a> {
    /// The framework.
    pub framework: &'a Framework,
    /// The forms.
    pub forms: &'a FormIndex<'a>,
    /// File stem, for submissions that name no respondent.
    pub file_stem: String,
    /// The workspace's list of institutions, when it has one (as for the long form).
    pub institutions: Option<&'a super::institutions::InstitutionIndex>,
}

/// Columns of one export, resolved.
struct Resolved {
    platform: Platform,
    columns: Vec<Column>,
    headers: Vec<String>,
    /// Columns of a field that already has one: (first column, repeated column).
    repeats: Vec<(usize, usize)>,
    /// Columns naming the submission (`KEY`, `_uuid`, `instanceID`, …), most telling first.
    ids: Vec<(usize, IdKind)>,
    /// Cells every row of the export has: the header up to its last named column.
    width: usize,
    /// The last row of the table (the one a file cut off in transfer ends with).
    last_row: Option<u32>,
}

/// How a row's cells compare with the header's columns: see [`FieldReader::truncated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    /// Every column.
    Whole,
    /// Fewer, but only columns that may be empty are missing, and the row is not the last one:
    /// read with those cells empty.
    EmptyTail,
    /// Fewer, and the row cannot be read.
    Cut,
}

impl Resolved {
    fn new(platform: Platform, headers: Vec<String>, columns: Vec<Column>, last_row: Option<u32>) -> Self {
        let mut repeats = Vec::new();
        for (index, column) in columns.iter().enumerate() {
            if matches!(column, Column::Meta | Column::Blank | Column::Unknown) {
                continue;
            }
            if let Some(first) = columns[..index].iter().position(|c| c == column) {
                repeats.push((first, index));
            }
        }
        let mut ids: Vec<(usize, IdKind, usize)> = headers
            .iter()
            .enumerate()
            .filter_map(|(index, header)| id_kind(header, platform).map(|(kind, rank)| (index, kind, rank)))
            .collect();
        ids.sort_by_key(|&(index, _, rank)| (rank, index));
        let width = headers
            .iter()
            .rposition(|h| !h.trim().is_empty())
            .map_or(0, |i| i + 1);
        Resolved {
            platform,
            columns,
            headers,
            repeats,
            ids: ids.into_iter().map(|(index, kind, _)| (index, kind)).collect(),
            width,
            last_row,
        }
    }

    fn find(&self, wanted: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == wanted)
    }

    /// Whether the row has every column, or which kind of short row it is.
    fn length(&self, row: &Row) -> Length {
        let have = row.cells.len();
        if have >= self.width {
            Length::Whole
        } else if Some(row.number) != self.last_row && self.first_filled_missing(row).is_none() {
            Length::EmptyTail
        } else {
            Length::Cut
        }
    }

    /// The first column missing from a short row that cannot have been an empty cell: a platform
    /// column (the review state, the submission ids, `_index`, `FormVersion`, …) or a field the
    /// form always fills (respondent, institution, the calculated questionnaire id and version).
    fn first_filled_missing(&self, row: &Row) -> Option<usize> {
        let have = row.cells.len().min(self.width);
        self.columns[have..self.width]
            .iter()
            .position(|c| {
                !matches!(
                    c,
                    Column::Answer(_)
                        | Column::Detail(..)
                        | Column::Evidence(_)
                        | Column::EvidenceFile(_)
                        | Column::EvidenceUrl(_)
                        | Column::Comment(_)
                        | Column::Missing(_)
                        | Column::Role
                        | Column::Gate(_)
                        | Column::Blank
                        | Column::Unknown
                )
            })
            .map(|i| have + i)
    }

    /// Whether two columns of one field hold different values in the row.
    fn disagree(&self, row: &Row) -> bool {
        self.repeats
            .iter()
            .any(|&(first, repeat)| row.cell(first).display() != row.cell(repeat).display())
    }

    /// What a column holds, for messages.
    fn describe(&self, column: Column, forms: &FormIndex<'_>) -> String {
        let id = |i: usize| forms.questions[i].question.id.as_str();
        match column {
            Column::Answer(i) => format!("the answer to question `{}`", id(i)),
            Column::Detail(i, c) => format!(
                "choice `{}` of question `{}`",
                forms.questions[i].choices[c].name,
                id(i)
            ),
            Column::Evidence(i) => format!("the evidence for question `{}`", id(i)),
            Column::EvidenceFile(i) => format!("the evidence file for question `{}`", id(i)),
            Column::EvidenceUrl(i) => format!("the address of the evidence file for question `{}`", id(i)),
            Column::Comment(i) => format!("the comment on question `{}`", id(i)),
            Column::Missing(i) => format!("the reason question `{}` has no figure", id(i)),
            Column::Respondent => "the respondent's name".to_string(),
            Column::Institution => "the respondent's institution".to_string(),
            Column::Role => "the respondent's role".to_string(),
            Column::Gate(_) => "an inventory question".to_string(),
            Column::QuestionnaireId => "the questionnaire id".to_string(),
            Column::QuestionnaireVersion => "the questionnaire version".to_string(),
            Column::ValidationStatus => "the validation status".to_string(),
            Column::ReviewState => "the review state".to_string(),
            Column::FormVersion => "the form version".to_string(),
            Column::SubmissionId => "the submission id".to_string(),
            Column::Meta | Column::Blank | Column::Unknown => "a column".to_string(),
        }
    }
}

/// What a submission id column holds: an instance id (a uuid, shared by every copy and every
/// version of a submission) or KoboToolbox's database id (`_id`, unique on one server only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    Instance,
    Database,
}

/// Whether a header names a submission id, and its rank (lower is shown first): ODK's `KEY`
/// (the submission's first instance id, kept through edits), Kobo's `_uuid`, the form's
/// `meta/rootUuid`, `meta/instanceID` and `meta/deprecatedID`, then Kobo's `_id`.
fn id_kind(header: &str, platform: Platform) -> Option<(IdKind, usize)> {
    let trimmed = header.trim();
    let is = |name: &str| trimmed.eq_ignore_ascii_case(name);
    let last = trimmed.rsplit(['/', '-']).next().unwrap_or(trimmed);
    let last_is = |name: &str| last.eq_ignore_ascii_case(name);
    if platform == Platform::Odk && is("KEY") {
        Some((IdKind::Instance, 0))
    } else if is("_uuid") {
        Some((IdKind::Instance, 1))
    } else if last_is("rootUuid") {
        Some((IdKind::Instance, 2))
    } else if last_is("instanceID") {
        Some((IdKind::Instance, 3))
    } else if last_is("deprecatedID") {
        Some((IdKind::Instance, 4))
    } else if platform == Platform::Kobo && is("_id") {
        Some((IdKind::Database, 5))
    } else {
        None
    }
}

/// Who a submission is: its ids as compared (instance ids without `uuid:` and in lowercase; the
/// database id only when the row has no instance id), and the most telling one as written, with
/// its column.
struct Identity {
    keys: Vec<String>,
    shown: String,
    column: usize,
}

fn identity(resolved: &Resolved, row: &Row) -> Option<Identity> {
    let values = |kind: IdKind| -> Vec<(usize, String)> {
        resolved
            .ids
            .iter()
            .filter(|(_, k)| *k == kind)
            .map(|&(col, _)| (col, row.cell(col).display()))
            .filter(|(_, value)| !value.trim().is_empty())
            .collect()
    };
    let instance = values(IdKind::Instance);
    let (found, prefix) = if instance.is_empty() {
        (values(IdKind::Database), "_id:")
    } else {
        (instance, "uuid:")
    };
    let &(column, ref shown) = found.first()?;
    let keys = found
        .iter()
        .map(|(_, value)| {
            let value = value.trim().to_lowercase();
            format!("{prefix}{}", value.strip_prefix("uuid:").unwrap_or(&value))
        })
        .collect();
    Some(Identity {
        keys,
        shown: shown.clone(),
        column,
    })
}

/// Submissions read so far from every export of the workspace, by id: an export merged by hand,
/// or two exports of one form made at different times, hold some submissions twice.
#[derive(Default)]
struct Submissions {
    /// Normalised id → index in `first`.
    ids: HashMap<String, usize>,
    first: Vec<FirstSeen>,
}

/// One submission as read: who answered, and each answer with its column.
struct ReadSubmission {
    respondent: String,
    institution: Option<String>,
    answers: Vec<(Answer, usize)>,
}

/// Where a submission was first read, and what it said.
struct FirstSeen {
    file: String,
    sheet: Option<String>,
    row: u32,
    content: Content,
}

impl FirstSeen {
    /// The row, named from the table now being read.
    fn place(&self, table: &Table) -> String {
        if self.file == table.file && self.sheet == table.sheet {
            format!("row {}", self.row)
        } else {
            match &self.sheet {
                Some(sheet) => format!("row {} of {} › {sheet}", self.row, self.file),
                None => format!("row {} of {}", self.row, self.file),
            }
        }
    }
}

/// What a submission says, as compared between two copies: how the review left it, or who
/// answered and each answer as the long form writes it (so that a labels export and an XML
/// export of one submission compare equal).
#[derive(Debug, Clone, PartialEq)]
enum Content {
    LeftOut(IgnoreReason),
    Read {
        respondent: String,
        institution: Option<String>,
        answers: BTreeMap<String, Fact>,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Fact {
    given: String,
    evidence: Option<String>,
    comment: Option<String>,
}

impl Content {
    fn of(answers: &[(Answer, usize)], respondent: &str, institution: &Option<String>) -> Content {
        Content::Read {
            respondent: respondent.to_string(),
            institution: institution.clone(),
            answers: answers
                .iter()
                .map(|(a, _)| {
                    (
                        a.question_id.clone(),
                        Fact {
                            given: a.given.clone(),
                            evidence: a.evidence.clone(),
                            comment: a.comment.clone(),
                        },
                    )
                })
                .collect(),
        }
    }

    /// The first difference between the first copy (`there`) and this one, in words, with the
    /// question it is about.
    fn difference(there: &Content, here: &Content) -> (String, Option<String>) {
        let (
            Content::Read {
                respondent: r1,
                institution: i1,
                answers: a1,
            },
            Content::Read {
                respondent: r2,
                institution: i2,
                answers: a2,
            },
        ) = (there, here)
        else {
            return match (there, here) {
                (Content::LeftOut(reason), _) => (
                    format!("that row is a {} and this one is not", reason.describe()),
                    None,
                ),
                (_, Content::LeftOut(reason)) => (
                    format!("this row is a {} and that one is not", reason.describe()),
                    None,
                ),
                _ => (String::new(), None),
            };
        };
        if r1 != r2 {
            return (
                format!("the respondent is {} there and {} here", shown(r1), shown(r2)),
                None,
            );
        }
        if i1 != i2 {
            let institution = |i: &Option<String>| shown(i.as_deref().unwrap_or(""));
            return (
                format!(
                    "the institution is {} there and {} here",
                    institution(i1),
                    institution(i2)
                ),
                None,
            );
        }
        let questions: std::collections::BTreeSet<&String> = a1.keys().chain(a2.keys()).collect();
        for question in questions {
            let (f1, f2) = (a1.get(question), a2.get(question));
            let text = match (f1, f2) {
                (Some(f1), Some(f2)) if f1.given != f2.given => format!(
                    "question `{question}` is answered {} there and {} here",
                    shown(&f1.given),
                    shown(&f2.given)
                ),
                (Some(f1), None) => format!(
                    "question `{question}` is answered {} there and not here",
                    shown(&f1.given)
                ),
                (None, Some(f2)) => format!(
                    "question `{question}` is not answered there and answered {} here",
                    shown(&f2.given)
                ),
                (Some(f1), Some(f2)) if f1.evidence != f2.evidence => {
                    format!("the evidence for question `{question}` is not the same")
                }
                (Some(f1), Some(f2)) if f1.comment != f2.comment => {
                    format!("the comment on question `{question}` is not the same")
                }
                _ => continue,
            };
            return (text, Some(question.clone()));
        }
        (String::new(), None)
    }
}

/// A value for a message: in backticks, on one line and at most 60 characters; or "an empty
/// cell".
fn shown(text: &str) -> String {
    if text.trim().is_empty() {
        return "an empty cell".to_string();
    }
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        format!("`{}…`", one_line.chars().take(59).collect::<String>())
    } else {
        format!("`{one_line}`")
    }
}

impl FieldReader<'_> {
    /// Reads an export: every submission below the header row into `answers`, each row into
    /// `ledger`, problems into `found`.
    #[allow(clippy::too_many_arguments)]
    pub fn read(
        &self,
        table: &Table,
        platform: Platform,
        header_row: u32,
        answers: &mut Vec<Answer>,
        seen: &mut Seen,
        ledger: &mut TableLedger,
        found: &mut Vec<Diagnostic>,
    ) {
        ledger.header_row = Some(header_row);
        let Some(header) = table.rows.iter().find(|r| r.number == header_row) else {
            return;
        };
        let headers: Vec<String> = header.cells.iter().map(Cell::display).collect();
        let columns: Vec<Column> = headers.iter().map(|h| self.forms.column(h, platform)).collect();
        for (index, column) in columns.iter().enumerate() {
            if *column == Column::Unknown {
                found.push(
                    Diagnostic::warning(
                        Code::UnknownColumn,
                        table.cell_location(header_row, index, Some(&headers[index])),
                        format!(
                            "column `{}` of the {} export is not a field of the workspace's questionnaires; it is not read",
                            headers[index],
                            platform.name()
                        ),
                    )
                    .with_hint("exports are read against the form `dpi-assess template --format xlsform` writes; a renamed or added field is not read"),
                );
            }
        }
        let resolved = Resolved::new(platform, headers, columns, table.rows.last().map(|r| r.number));
        if !resolved
            .columns
            .iter()
            .any(|c| matches!(c, Column::Answer(_) | Column::Detail(..) | Column::Missing(_)))
        {
            found.push(
                Diagnostic::error(
                    Code::MissingColumn,
                    table.cell_location(header_row, 0, None),
                    format!(
                        "the {} export has no column of any question of the workspace's questionnaires",
                        platform.name()
                    ),
                )
                .with_hint("export the form written by `dpi-assess template --format xlsform` for one of the workspace's questionnaires"),
            );
        }
        self.check_repeats(table, &resolved, header_row, found);
        self.check_versions(table, &resolved, header_row, found);

        each_row(&table.rows, header_row, ledger, |row| {
            if resolved.length(row) == Length::Cut {
                found.push(self.truncated(table, &resolved, row));
                Err(IgnoreReason::Invalid)
            } else if resolved.disagree(row) {
                // Reported once, at the repeated header.
                Err(IgnoreReason::Invalid)
            } else {
                if resolved.length(row) == Length::EmptyTail {
                    found.push(empty_tail(table, &resolved, row));
                }
                self.submission(table, &resolved, row, answers, seen, found)
            }
        });
    }

    /// A field with two columns is an error at the second header cell, naming the first and the
    /// rows where the two disagree (those rows are not read: neither column is picked).
    fn check_repeats(
        &self,
        table: &Table,
        resolved: &Resolved,
        header_row: u32,
        found: &mut Vec<Diagnostic>,
    ) {
        for &(first, repeat) in &resolved.repeats {
            let differ: Vec<&Row> = table
                .rows
                .iter()
                .filter(|r| r.number > header_row && !r.is_empty() && resolved.length(r) != Length::Cut)
                .filter(|r| r.cell(first).display() != r.cell(repeat).display())
                .collect();
            let values = |row: &Row| {
                format!(
                    "{} against {}",
                    shown(&row.cell(first).display()),
                    shown(&row.cell(repeat).display())
                )
            };
            let agreement = match differ.as_slice() {
                [] => "the two hold the same values".to_string(),
                [one] => format!("the two disagree in row {} ({})", one.number, values(one)),
                [one, ..] => format!(
                    "the two disagree in {} rows, first in row {} ({})",
                    differ.len(),
                    one.number,
                    values(one)
                ),
            };
            let first_cell = format!(
                "{}{header_row}",
                crate::diagnostics::column_letters(first as u32 + 1)
            );
            found.push(
                Diagnostic::error(
                    Code::DuplicateColumn,
                    table.cell_location(header_row, repeat, Some(&resolved.headers[repeat])),
                    format!(
                        "column `{}` is a second column of {}, after `{}` in cell {first_cell}; {agreement}",
                        resolved.headers[repeat],
                        resolved.describe(resolved.columns[repeat], self.forms),
                        resolved.headers[first],
                    ),
                )
                .with_hint(format!(
                    "an export of the form has one column per field; a repeated group or an export merged by hand gives a field two. Delete the column that is wrong, or download the export again from {}",
                    resolved.platform.name()
                )),
            );
        }
    }

    /// A row with fewer cells than the header that cannot be read. KoboToolbox and ODK Central
    /// write every column of every submission, and their last columns (`_index`, `FormVersion`)
    /// always hold a value, so a short row has not merely lost empty cells at its end: the file
    /// was cut off (the last row), or a row was split or shortened outside the platform. The cells
    /// it lacks, its review state among them, are unknown, so it is not read. (A row in the
    /// middle lacking only cells that may be empty is [`empty_tail`].)
    fn truncated(&self, table: &Table, resolved: &Resolved, row: &Row) -> Diagnostic {
        let (have, total) = (row.cells.len(), resolved.width);
        let last = Some(row.number) == resolved.last_row;
        let platform = resolved.platform.name();
        let review = resolved.columns[have..total]
            .iter()
            .position(|c| matches!(c, Column::ValidationStatus | Column::ReviewState))
            .map(|i| &resolved.headers[have + i]);
        let lost = match (review, resolved.first_filled_missing(row)) {
            (Some(header), _) => format!(", and without its `{header}` cell the review is unknown"),
            (None, Some(col)) => format!(
                ", and its `{}` cell cannot have been empty",
                resolved.headers[col]
            ),
            (None, None) => String::new(),
        };
        let count = format!("the row has {have} of the header's {total} columns");
        // A quote that is never closed takes the rest of the file into one cell, line breaks
        // and all; the row then ends with that cell.
        let open_quote = last && have > 0 && row.cells[have - 1].display().contains('\n');
        let (message, hint) = if open_quote {
            (
                format!(
                    "a quote opened in column `{}` is never closed, so the rest of the file was read into that cell: {count}{lost}; the submission is not read",
                    resolved.headers[have - 1]
                ),
                format!(
                    "the export was cut off inside a quoted value, as an interrupted download or copy leaves it; download it again from {platform}"
                ),
            )
        } else if last {
            (
                format!(
                    "the file ends in the middle of this submission: {count}{lost}; the submission is not read"
                ),
                format!(
                    "the export was cut off, as an interrupted download or copy leaves it; download it again from {platform} (a cut submission cannot be completed by hand)"
                ),
            )
        } else {
            (
                format!(
                    "{count}, though {platform} writes every column of every submission{lost}; the submission is not read"
                ),
                format!(
                    "a line break in an unquoted value, or an edit outside {platform}, split or shortened the row; download the export again from {platform}"
                ),
            )
        };
        let location = table.cell_location(row.number, have, resolved.headers.get(have).map(String::as_str));
        Diagnostic::error(Code::TruncatedRow, location, message).with_hint(hint)
    }

    fn check_versions(
        &self,
        table: &Table,
        resolved: &Resolved,
        header_row: u32,
        found: &mut Vec<Diagnostic>,
    ) {
        let Some(col) = resolved
            .find(Column::QuestionnaireVersion)
            .or_else(|| resolved.find(Column::FormVersion))
        else {
            return;
        };
        let id_col = resolved.find(Column::QuestionnaireId);
        let mut first_seen: BTreeMap<(String, String), u32> = BTreeMap::new();
        for row in table.rows.iter().filter(|r| r.number > header_row) {
            let version = row.cell(col).display();
            // Rows that are not read do not speak for the export's version.
            if version.is_empty()
                || resolved.length(row) == Length::Cut
                || resolved.disagree(row)
                || !matches!(review(table, resolved, row), Ok(None))
            {
                continue;
            }
            let id = id_col.map(|c| row.cell(c).display()).unwrap_or_default();
            first_seen.entry((id, version)).or_insert(row.number);
        }
        for ((id, version), row) in first_seen {
            let candidates: Vec<&(&str, &str)> = self
                .forms
                .questionnaires
                .iter()
                .filter(|(qid, _)| id.is_empty() || *qid == id)
                .collect();
            let candidates = if candidates.is_empty() {
                self.forms.questionnaires.iter().collect()
            } else {
                candidates
            };
            if candidates.iter().any(|(_, v)| *v == version) {
                continue;
            }
            let expected = candidates
                .iter()
                .map(|(qid, v)| format!("questionnaire `{qid}` is version `{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            found.push(
                Diagnostic::warning(
                    Code::FormVersionMismatch,
                    table.cell_location(row, col, Some(&resolved.headers[col])),
                    format!("the submissions were collected with form version `{version}`, but {expected}"),
                )
                .with_hint("questions may differ between versions: check these answers, and deploy the current form (`dpi-assess template --format xlsform`) for new submissions"),
            );
        }
    }

    /// One submission row: left out by its review, skipped as a copy of one already read, or
    /// read into `answers`.
    fn submission(
        &self,
        table: &Table,
        resolved: &Resolved,
        row: &Row,
        answers: &mut Vec<Answer>,
        seen: &mut Seen,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), IgnoreReason> {
        let reviewed = review(table, resolved, row).map_err(|diagnostic| {
            found.push(diagnostic);
            IgnoreReason::Invalid
        })?;
        let (content, read) = match reviewed {
            Some(reason) => (Content::LeftOut(reason), None),
            None => {
                let read = self
                    .read_submission(table, resolved, row, found)
                    .ok_or(IgnoreReason::Invalid)?;
                let content = Content::of(&read.answers, &read.respondent, &read.institution);
                (content, Some(read))
            }
        };
        if let Some(identity) = identity(resolved, row) {
            self.once(table, resolved, row, &identity, &content, found)?;
        }
        match (read, content) {
            (Some(read), _) => self.record(table, resolved, row, read, answers, seen, found),
            (None, Content::LeftOut(reason)) => Err(reason),
            (None, Content::Read { .. }) => Err(IgnoreReason::Invalid),
        }
    }

    /// Registers a submission by its ids; a copy of one already read (in this export or an
    /// earlier one) is skipped: with a warning when the two say the same, so that it counts once,
    /// and as an error when they differ, since neither may be picked silently.
    fn once(
        &self,
        table: &Table,
        resolved: &Resolved,
        row: &Row,
        identity: &Identity,
        content: &Content,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), IgnoreReason> {
        let mut submissions = self.forms.submissions.borrow_mut();
        let earlier = identity.keys.iter().find_map(|k| submissions.ids.get(k).copied());
        let Some(index) = earlier else {
            let index = submissions.first.len();
            submissions.first.push(FirstSeen {
                file: table.file.clone(),
                sheet: table.sheet.clone(),
                row: row.number,
                content: content.clone(),
            });
            for key in &identity.keys {
                submissions.ids.insert(key.clone(), index);
            }
            return Ok(());
        };
        // Ids this copy has and the first had not (an edit's new instance id) find it too.
        for key in &identity.keys {
            submissions.ids.entry(key.clone()).or_insert(index);
        }
        let first = &submissions.first[index];
        let place = first.place(table);
        let at = |col: usize| table.cell_location(row.number, col, Some(&resolved.headers[col]));
        if first.content == *content {
            if let Content::LeftOut(reason) = content {
                // Neither copy counts.
                return Err(*reason);
            }
            found.push(
                Diagnostic::warning(
                    Code::DuplicateAnswer,
                    at(identity.column),
                    format!(
                        "submission {} is already in {place}, with the same answers; it counts once",
                        shown(&identity.shown)
                    ),
                )
                .with_hint("an export holds each submission once; an export merged by hand, or two overlapping exports, repeat it. Delete the repeated row, or list one export of all submissions"),
            );
            return Err(IgnoreReason::Duplicate);
        }
        let (difference, question) = Content::difference(&first.content, content);
        let column = question
            .and_then(|q| self.forms.questions.iter().position(|fq| fq.question.id == q))
            .and_then(|qi| {
                [
                    Column::Answer(qi),
                    Column::Missing(qi),
                    Column::Evidence(qi),
                    Column::EvidenceFile(qi),
                    Column::Comment(qi),
                ]
                .into_iter()
                .filter_map(|c| resolved.find(c))
                .find(|&col| !row.cell(col).is_empty())
            })
            .unwrap_or(identity.column);
        found.push(
            Diagnostic::error(
                Code::DuplicateAnswer,
                at(column),
                format!(
                    "submission {} is already in {place}, and the two differ: {difference}",
                    shown(&identity.shown)
                ),
            )
            .with_hint("an export holds each submission once; these are two versions of it (exports made at different times, merged by hand). Keep the row of the version that counts and delete the other, or download the export again"),
        );
        Err(IgnoreReason::Invalid)
    }

    /// The answers of one submission, each with its column; `None` when any cell is wrong (each
    /// problem is pushed to `found`).
    fn read_submission(
        &self,
        table: &Table,
        resolved: &Resolved,
        row: &Row,
        found: &mut Vec<Diagnostic>,
    ) -> Option<ReadSubmission> {
        let text = |column: Column| {
            resolved
                .find(column)
                .map(|c| row.cell(c).display())
                .filter(|t| !t.is_empty())
        };
        let mut invalid = false;
        let at = || {
            let column = resolved.find(Column::Institution).unwrap_or(0);
            table.cell_location(
                row.number,
                column,
                resolved.headers.get(column).map(String::as_str),
            )
        };
        let institution = match_institution(text(Column::Institution), self.institutions, at).unwrap_or_else(
            |diagnostic| {
                found.push(diagnostic);
                invalid = true;
                None
            },
        );
        let respondent = text(Column::Respondent)
            .or_else(|| institution.clone())
            .unwrap_or_else(|| match text(Column::SubmissionId) {
                Some(id) => format!("{} submission {id}", self.file_stem),
                None => format!("{} row {}", self.file_stem, row.number),
            });
        let mut read_answers = Vec::new();
        for (qi, form_question) in self.forms.questions.iter().enumerate() {
            let question = form_question.question;
            let (read, given, col) = match self.response(table, resolved, row, qi, form_question) {
                Ok(Some(read)) => read,
                Ok(None) => continue,
                Err(diagnostic) => {
                    found.push(diagnostic);
                    invalid = true;
                    continue;
                }
            };
            let answer = Answer {
                question_id: question.id.clone(),
                indicator: question.indicator.clone(),
                respondent: respondent.clone(),
                institution: institution.clone(),
                response: read.response,
                reading: read.reading,
                given,
                evidence: evidence(
                    text(Column::Evidence(qi)),
                    text(Column::EvidenceFile(qi)),
                    text(Column::EvidenceUrl(qi)),
                ),
                evidence_column: [Column::Evidence(qi), Column::EvidenceFile(qi)]
                    .into_iter()
                    .filter_map(|c| resolved.find(c))
                    .find(|&c| !row.cell(c).is_empty())
                    .or_else(|| resolved.find(Column::Evidence(qi)))
                    .map(|c| ColumnRef {
                        column: c as u32 + 1,
                        header: resolved.headers.get(c).cloned(),
                    }),
                comment: text(Column::Comment(qi)),
                date: None,
                source: RowRef {
                    file: table.file.as_str().into(),
                    sheet: table.sheet.as_deref().map(Into::into),
                    row: row.number,
                },
            };
            read_answers.push((answer, col));
        }
        (!invalid).then_some(ReadSubmission {
            respondent,
            institution,
            answers: read_answers,
        })
    }

    /// Adds a submission's answers, as the long form does: a repeated answer of the same
    /// respondent counts once when it agrees and is an error when it does not.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        table: &Table,
        resolved: &Resolved,
        row: &Row,
        read: ReadSubmission,
        answers: &mut Vec<Answer>,
        seen: &mut Seen,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), IgnoreReason> {
        let at = |col: usize| table.cell_location(row.number, col, Some(&resolved.headers[col]));
        let mut invalid = false;
        let mut used = 0usize;
        let mut duplicates = 0usize;
        for (read_answer, col) in read.answers {
            if let Some(Repeat { same, message }) = repeat_of(seen, answers, &read_answer) {
                if same {
                    found.push(
                        Diagnostic::warning(Code::DuplicateAnswer, at(col), message)
                            .with_hint("the answers agree, so they count once, with the evidence and comments of both; delete the repeated submission, or mark it not approved"),
                    );
                    merge_repeat(seen, answers, read_answer);
                    duplicates += 1;
                } else {
                    found.push(
                        Diagnostic::error(Code::DuplicateAnswer, at(col), message)
                            .with_hint("keep one submission per respondent: mark the other not approved (Kobo) or rejected (ODK), or give each person their own name"),
                    );
                    invalid = true;
                }
                continue;
            }
            record_answer(seen, answers, read_answer);
            used += 1;
        }
        if invalid {
            Err(IgnoreReason::Invalid)
        } else if used > 0 {
            Ok(())
        } else if duplicates > 0 {
            Err(IgnoreReason::Duplicate)
        } else {
            Err(IgnoreReason::NoAnswer)
        }
    }

    /// The response to one question in one submission: `(response, as the long form writes it,
    /// column)`, or
    /// `None` when the submission does not answer it.
    fn response(
        &self,
        table: &Table,
        resolved: &Resolved,
        row: &Row,
        qi: usize,
        form_question: &FormQuestion<'_>,
    ) -> Result<Option<(ReadResponse, String, usize)>, Diagnostic> {
        let question = form_question.question;
        let at = |col: usize| table.cell_location(row.number, col, Some(&resolved.headers[col]));
        let invalid = |col: usize, message: String, hint: String| {
            Diagnostic::error(Code::InvalidAnswer, at(col), message).with_hint(hint)
        };
        let from_choice = |choice: &Choice, col: usize, given: &str| -> Result<ReadResponse, Diagnostic> {
            match &choice.value {
                ChoiceValue::Level(level) => Ok(ReadResponse::plain(Response::Level { level: *level })),
                ChoiceValue::NotApplicable => Ok(ReadResponse::plain(Response::NotApplicable)),
                ChoiceValue::Unknown => Ok(ReadResponse::plain(Response::Unknown)),
                ChoiceValue::Option(_) | ChoiceValue::NoneOfThese => {
                    let code = as_long_form(choice);
                    read_response(question, self.framework, &Cell::Text(code.as_str().into())).map_err(
                        |(code, problem)| {
                            Diagnostic::error(code, at(col), format!("answer `{given}`: {}", problem.message))
                                .with_hint(problem.hint)
                        },
                    )
                }
            }
        };
        match form_question.kind {
            FieldKind::SelectOne => {
                let Some(col) = resolved.find(Column::Answer(qi)) else {
                    return Ok(None);
                };
                let cell = row.cell(col);
                if cell.is_empty() {
                    return Ok(None);
                }
                if let Cell::Error(error) = cell {
                    return Err(cell_error(at(col), error));
                }
                let given = cell.display();
                let Some(choice) = find_choice(&form_question.choices, &given) else {
                    return Err(invalid(
                        col,
                        format!("answer `{given}` is not a choice of question `{}`", question.id),
                        allowed_choices(&form_question.choices),
                    ));
                };
                let picked = &form_question.choices[choice];
                let response = from_choice(picked, col, &given)?;
                Ok(Some((response, as_long_form(picked), col)))
            }
            FieldKind::SelectMultiple => self.multiple(resolved, row, qi, form_question, &at, &from_choice),
            FieldKind::Decimal => {
                let answer_col = resolved.find(Column::Answer(qi));
                if let Some(col) = answer_col {
                    let cell = row.cell(col);
                    if let Cell::Error(error) = cell {
                        return Err(cell_error(at(col), error));
                    }
                    if !cell.is_empty() {
                        return match read_response(question, self.framework, cell) {
                            Ok(read) => Ok(Some((read, cell.display(), col))),
                            Err((code, problem)) => {
                                Err(Diagnostic::error(code, at(col), problem.message).with_hint(problem.hint))
                            }
                        };
                    }
                }
                let Some(col) = resolved.find(Column::Missing(qi)) else {
                    return Ok(None);
                };
                let given = row.cell(col).display();
                if given.is_empty() {
                    return Ok(None);
                }
                let choices = xlsform::missing_choices();
                let Some(choice) = find_choice(&choices, &given) else {
                    return Err(invalid(
                        col,
                        format!("`{given}` is not a reason for a missing figure"),
                        allowed_choices(&choices),
                    ));
                };
                let picked = &choices[choice];
                Ok(Some((
                    from_choice(picked, col, &given)?,
                    as_long_form(picked),
                    col,
                )))
            }
        }
    }

    fn multiple(
        &self,
        resolved: &Resolved,
        row: &Row,
        qi: usize,
        form_question: &FormQuestion<'_>,
        at: &dyn Fn(usize) -> Location,
        from_choice: &dyn Fn(&Choice, usize, &str) -> Result<ReadResponse, Diagnostic>,
    ) -> Result<Option<(ReadResponse, String, usize)>, Diagnostic> {
        let question = form_question.question;
        let choices = &form_question.choices;
        let summary = resolved
            .find(Column::Answer(qi))
            .filter(|&col| !row.cell(col).is_empty());
        let (selected, given, col) = if let Some(col) = summary {
            let cell = row.cell(col);
            if let Cell::Error(error) = cell {
                return Err(cell_error(at(col), error));
            }
            let given = cell.display();
            match split_choices(choices, &given) {
                Ok(selected) => (selected, given, col),
                Err(unknown) => {
                    return Err(Diagnostic::error(
                        Code::InvalidAnswer,
                        at(col),
                        format!(
                            "answer `{given}` has {} not among the choices of question `{}`: {}",
                            if unknown.len() == 1 { "a value" } else { "values" },
                            question.id,
                            unknown
                                .iter()
                                .map(|u| format!("`{u}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .with_hint(format!(
                        "{}; separate several with spaces",
                        allowed_choices(choices)
                    )));
                }
            }
        } else {
            // The 0/1 columns, one per choice.
            let details: Vec<(usize, usize)> = resolved
                .columns
                .iter()
                .enumerate()
                .filter_map(|(col, c)| match c {
                    Column::Detail(q, choice) if *q == qi => Some((col, *choice)),
                    _ => None,
                })
                .collect();
            let Some(&(first_col, _)) = details.iter().find(|(col, _)| !row.cell(*col).is_empty()) else {
                return Ok(None);
            };
            let mut selected = Vec::new();
            for &(col, choice) in &details {
                match row.cell(col) {
                    Cell::Empty => {}
                    Cell::Number(n) if *n == 1.0 => selected.push(choice),
                    Cell::Number(n) if *n == 0.0 => {}
                    Cell::Bool(true) => selected.push(choice),
                    Cell::Bool(false) => {}
                    other => {
                        let text = other.display();
                        match text.trim().to_ascii_lowercase().as_str() {
                            "1" | "true" => selected.push(choice),
                            "0" | "false" => {}
                            _ => {
                                return Err(Diagnostic::error(
                                    Code::InvalidAnswer,
                                    at(col),
                                    format!("`{text}` is neither 1 (ticked) nor 0 (not ticked)"),
                                )
                                .with_hint("a select_multiple choice column holds 1 or 0"));
                            }
                        }
                    }
                }
            }
            let given = selected
                .iter()
                .map(|&c| choices[c].name.clone())
                .collect::<Vec<_>>()
                .join(" ");
            (selected, given, first_col)
        };
        let specials: Vec<usize> = selected
            .iter()
            .copied()
            .filter(|&c| {
                matches!(
                    choices[c].value,
                    ChoiceValue::NotApplicable | ChoiceValue::Unknown | ChoiceValue::NoneOfThese
                )
            })
            .collect();
        if let Some(&special) = specials.first() {
            if selected.len() > 1 {
                return Err(Diagnostic::error(
                    Code::InvalidAnswer,
                    at(col),
                    format!(
                        "answer `{given}` ticks `{}` together with other choices",
                        choices[special].name
                    ),
                )
                .with_hint("none, na and unknown stand alone; keep one of them or the options"));
            }
            let picked = &choices[special];
            return Ok(Some((
                from_choice(picked, col, &given)?,
                as_long_form(picked),
                col,
            )));
        }
        let codes: Vec<String> = selected
            .iter()
            .filter_map(|&c| match &choices[c].value {
                ChoiceValue::Option(code) => Some(code.clone()),
                _ => None,
            })
            .collect();
        let text = if codes.is_empty() {
            "none".to_string()
        } else {
            codes.join(" ")
        };
        let given = text.clone();
        debug_assert_eq!(question.answer_type, AnswerType::Multi);
        let read = read_response(question, self.framework, &Cell::Text(text.into())).map_err(
            |(code, problem)| Diagnostic::error(code, at(col), problem.message).with_hint(problem.hint),
        )?;
        Ok(Some((read, given, col)))
    }
}

/// An answer's evidence: the text the respondent wrote, then the file they attached (as
/// `attachment: <file name>`, with KoboToolbox's link to it in brackets), as separate citations
/// (`;`), so that the report cites the document with the answer.
fn evidence(text: Option<String>, file: Option<String>, url: Option<String>) -> Option<String> {
    let attachment = match (file, url) {
        (Some(file), Some(url)) if file.trim() != url.trim() => {
            Some(format!("attachment: {} ({})", file.trim(), url.trim()))
        }
        (Some(file), _) => Some(format!("attachment: {}", file.trim())),
        (None, Some(url)) => Some(format!("attachment: {}", url.trim())),
        (None, None) => None,
    };
    match (text, attachment) {
        (Some(text), Some(attachment)) => {
            Some(format!("{}; {attachment}", text.trim_end().trim_end_matches(';')))
        }
        (text, attachment) => text.or(attachment),
    }
}

/// A choice as the long form writes it (level number, option code, `na`, `unknown`), so that the
/// report's answers annex reads alike whichever way the answers came in.
fn as_long_form(choice: &Choice) -> String {
    match &choice.value {
        ChoiceValue::Level(level) => level.to_string(),
        ChoiceValue::Option(code) => code.clone(),
        ChoiceValue::NotApplicable => "na".to_string(),
        ChoiceValue::Unknown => "unknown".to_string(),
        ChoiceValue::NoneOfThese => "none".to_string(),
    }
}

/// The choices of a select_multiple summary cell: names separated by spaces, or labels (which may
/// hold spaces themselves: the longest run of words that is a label wins). `Err` lists the words
/// that are no choice.
pub(super) fn split_choices(choices: &[Choice], given: &str) -> Result<Vec<usize>, Vec<String>> {
    if let Some(one) = find_choice(choices, given) {
        return Ok(vec![one]);
    }
    // Words of the whole cell first (labels may hold commas), then pieces between `;`, `,` or `|`.
    let whole = greedy(choices, given);
    if whole.is_ok() {
        return whole;
    }
    let mut selected = Vec::new();
    let mut unknown = Vec::new();
    for piece in given
        .split([';', ',', '|', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match greedy(choices, piece) {
            Ok(mut found) => selected.append(&mut found),
            Err(mut words) => unknown.append(&mut words),
        }
    }
    if unknown.is_empty() {
        selected.sort_unstable();
        selected.dedup();
        Ok(selected)
    } else {
        whole
    }
}

/// Choices from the words of a text: at each word, the longest run of words that names a choice.
fn greedy(choices: &[Choice], text: &str) -> Result<Vec<usize>, Vec<String>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut selected = Vec::new();
    let mut unknown = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let found = (start + 1..=words.len()).rev().find_map(|end| {
            let run = words[start..end].join(" ");
            find_choice(choices, &run)
                .or_else(|| find_choice(choices, run.trim_end_matches([',', ';', '|'])))
                .map(|c| (c, end))
        });
        match found {
            Some((choice, end)) => {
                selected.push(choice);
                start = end;
            }
            None => {
                unknown.push(words[start].trim_end_matches([',', ';', '|']).to_string());
                start += 1;
            }
        }
    }
    if unknown.is_empty() {
        selected.sort_unstable();
        selected.dedup();
        Ok(selected)
    } else {
        Err(unknown)
    }
}

/// A row in the middle of an export lacking only cells that may be empty (answers, evidence,
/// comments): what a spreadsheet that drops empty cells at the end of a row writes, once the
/// export's columns were rearranged so that the platform's own no longer come last. It is read
/// with those cells empty, and a warning says so, since a cut or split row looks the same.
fn empty_tail(table: &Table, resolved: &Resolved, row: &Row) -> Diagnostic {
    let (have, total) = (row.cells.len(), resolved.width);
    let platform = resolved.platform.name();
    Diagnostic::warning(
        Code::TruncatedRow,
        table.cell_location(row.number, have, resolved.headers.get(have).map(String::as_str)),
        format!(
            "the row has {have} of the header's {total} columns; its last {} read as empty, as a spreadsheet that drops empty cells at the end of a row leaves them",
            if total - have == 1 {
                "cell is".to_string()
            } else {
                format!("{} cells are", total - have)
            }
        ),
    )
    .with_hint(format!(
        "{platform} writes every column of every submission: if this row was cut or split rather than saved without its empty cells, download the export again from {platform}"
    ))
}

/// How the platforms' review left each submission of the workspace's exports, by its ids: the
/// rows of the submission's repeat groups (the inventories, `form_inventory`) follow it.
#[derive(Debug, Default)]
pub struct Reviews {
    by_key: HashMap<String, Option<IgnoreReason>>,
}

impl Reviews {
    /// The key of a submission's instance id (`uuid:…` or bare, any case).
    pub fn uuid_key(id: &str) -> String {
        let id = id.trim().to_lowercase();
        format!("uuid:{}", id.strip_prefix("uuid:").unwrap_or(&id))
    }

    /// The key of a KoboToolbox row by its `_index` within one export file.
    pub fn index_key(file: &str, index: &str) -> String {
        let index = index.trim();
        let index = index.strip_suffix(".0").unwrap_or(index);
        format!("index:{file}:{index}")
    }

    /// The review of a submission, when the exports hold it: `Some(None)` read, `Some(Some(_))`
    /// left out.
    pub fn get(&self, key: &str) -> Option<Option<IgnoreReason>> {
        self.by_key.get(key).copied()
    }

    /// A review cell as written (Kobo's validation status or ODK's review state): the reason a
    /// submission is left out, if it is; a state the platforms do not write leaves it out as
    /// invalid (the main table's row says so in an error).
    pub fn state(given: &str) -> Option<IgnoreReason> {
        match review_state(given) {
            Ok(reason) => reason,
            Err(()) => Some(IgnoreReason::Invalid),
        }
    }

    /// Records the submissions of a main table (an export whose header row is `header_row`).
    pub fn record(&mut self, table: &Table, platform: Platform, header_row: u32) {
        let Some(header) = table.rows.iter().find(|r| r.number == header_row) else {
            return;
        };
        let headers: Vec<String> = header
            .cells
            .iter()
            .map(|c| c.display().trim().to_string())
            .collect();
        let position = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
        let review_col = position("_validation_status").or_else(|| position("ReviewState"));
        let ids: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| matches!(id_kind(h, platform), Some((IdKind::Instance, _))))
            .map(|(i, _)| i)
            .collect();
        let index_col = position("_index");
        for row in table
            .rows
            .iter()
            .filter(|r| r.number > header_row && !r.is_empty())
        {
            let state = review_col.and_then(|c| Reviews::state(&row.cell(c).display()));
            for &col in &ids {
                let id = row.cell(col).display();
                if !id.trim().is_empty() {
                    self.by_key.insert(Reviews::uuid_key(&id), state);
                }
            }
            if let Some(col) = index_col {
                let index = row.cell(col).display();
                if !index.trim().is_empty() {
                    self.by_key.insert(Reviews::index_key(&table.file, &index), state);
                }
            }
        }
    }
}

/// KoboToolbox's validation statuses (by label or uid, `validation_status_on_hold`) and ODK
/// Central's review states, squashed: the reason a submission in that state is left out.
const REVIEW_STATES: &[(&str, Option<IgnoreReason>)] = &[
    ("approved", None),
    ("onhold", None),
    ("notapproved", Some(IgnoreReason::NotApproved)),
    ("received", None),
    ("hasissues", None),
    ("edited", None),
    ("rejected", Some(IgnoreReason::Rejected)),
];

/// A review cell: `Ok(None)` read (or empty), `Ok(Some(reason))` left out, `Err` a state no
/// platform writes.
fn review_state(given: &str) -> Result<Option<IgnoreReason>, ()> {
    let squashed: String = given
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if squashed.is_empty() {
        return Ok(None);
    }
    let state = squashed.strip_prefix("validationstatus").unwrap_or(&squashed);
    REVIEW_STATES
        .iter()
        .find(|(name, _)| *name == state)
        .map(|(_, reason)| *reason)
        .ok_or(())
}

/// How the platform's review left a submission: `Ok(Some(reason))` when it left it out. A review
/// cell holding a state the platform does not write is an error: the review is then unknown, and
/// a submission whose review is unknown (it may have been rejected) is not read.
fn review(table: &Table, resolved: &Resolved, row: &Row) -> Result<Option<IgnoreReason>, Diagnostic> {
    /// KoboToolbox's validation statuses, by label or uid (`validation_status_on_hold`).
    const KOBO: &[(&str, Option<IgnoreReason>)] = &[
        ("approved", None),
        ("onhold", None),
        ("notapproved", Some(IgnoreReason::NotApproved)),
    ];
    /// ODK Central's review states (an empty cell is a submission not reviewed yet).
    const ODK: &[(&str, Option<IgnoreReason>)] = &[
        ("received", None),
        ("hasissues", None),
        ("edited", None),
        ("approved", None),
        ("rejected", Some(IgnoreReason::Rejected)),
    ];
    let kinds = [
        (
            Column::ValidationStatus,
            KOBO,
            "a validation status KoboToolbox writes",
            "Approved, Not approved, On hold (or validation_status_approved, validation_status_not_approved, validation_status_on_hold)",
        ),
        (
            Column::ReviewState,
            ODK,
            "a review state ODK Central writes",
            "received, hasIssues, edited, approved, rejected",
        ),
    ];
    for (column, states, what, allowed) in kinds {
        let Some(col) = resolved.find(column) else {
            continue;
        };
        let given = row.cell(col).display();
        let squashed: String = given
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        if squashed.is_empty() {
            continue;
        }
        let state = squashed.strip_prefix("validationstatus").unwrap_or(&squashed);
        match states.iter().find(|(name, _)| *name == state) {
            Some((_, Some(reason))) => return Ok(Some(*reason)),
            Some((_, None)) => {}
            None => {
                return Err(Diagnostic::error(
                    Code::InvalidValue,
                    table.cell_location(row.number, col, Some(&resolved.headers[col])),
                    format!(
                        "{} is not {what}, so whether the submission was left out in review is unknown; the submission is not read",
                        shown(&given)
                    ),
                )
                .with_hint(format!(
                    "allowed: {allowed}, or an empty cell; download the export again from {}",
                    resolved.platform.name()
                )));
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices(names: &[(&str, &str)]) -> Vec<Choice> {
        names
            .iter()
            .map(|(n, l)| Choice {
                name: n.to_string(),
                label: l.to_string(),
                value: ChoiceValue::Option(n.to_string()),
            })
            .collect()
    }

    #[test]
    fn summary_cells_split_into_names_or_labels() {
        let list = choices(&[
            ("wifi", "Public Wi-Fi"),
            ("centres", "Access centres"),
            ("na", "Not applicable"),
        ]);
        assert_eq!(split_choices(&list, "wifi centres"), Ok(vec![0, 1]));
        assert_eq!(
            split_choices(&list, "Public Wi-Fi Access centres"),
            Ok(vec![0, 1])
        );
        assert_eq!(split_choices(&list, "Not applicable"), Ok(vec![2]));
        assert_eq!(split_choices(&list, "wifi cafes"), Err(vec!["cafes".to_string()]));
    }

    #[test]
    fn values_in_messages_are_one_short_line() {
        assert_eq!(shown("level_3"), "`level_3`");
        assert_eq!(shown("  "), "an empty cell");
        assert_eq!(shown("two\nlines\there"), "`two lines here`");
        let long = "x".repeat(80);
        assert_eq!(shown(&long), format!("`{}…`", "x".repeat(59)));
    }

    #[test]
    fn submissions_are_known_by_their_instance_ids_before_the_database_id() {
        let headers = ["_id", "meta/instanceID", "_uuid", "answer"]
            .map(String::from)
            .to_vec();
        let columns = vec![Column::SubmissionId, Column::Meta, Column::Meta, Column::Unknown];
        let resolved = Resolved::new(Platform::Kobo, headers, columns, Some(2));
        let row = |cells: &[&str]| Row {
            number: 2,
            cells: cells
                .iter()
                .map(|c| match *c {
                    "" => Cell::Empty,
                    text => Cell::Text(text.into()),
                })
                .collect(),
        };
        let both = identity(&resolved, &row(&["41801", "uuid:5B7C-01", "5b7c-01", "x"])).unwrap();
        assert_eq!(both.keys, ["uuid:5b7c-01", "uuid:5b7c-01"]);
        assert_eq!((both.shown.as_str(), both.column), ("5b7c-01", 2));
        let database = identity(&resolved, &row(&["41801", "", "", "x"])).unwrap();
        assert_eq!(database.keys, ["_id:41801"]);
        assert!(identity(&resolved, &row(&["", "", "", "x"])).is_none());
    }

    #[test]
    fn two_copies_of_a_submission_are_told_apart_in_words() {
        let read = |given: &str, comment: Option<&str>| {
            let fact = Fact {
                given: given.to_string(),
                evidence: None,
                comment: comment.map(str::to_string),
            };
            Content::Read {
                respondent: "Andres Kivil".to_string(),
                institution: None,
                answers: BTreeMap::from([("inf.10".to_string(), fact)]),
            }
        };
        assert_eq!(
            Content::difference(&read("3", None), &read("2", None)),
            (
                "question `inf.10` is answered `3` there and `2` here".to_string(),
                Some("inf.10".to_string())
            )
        );
        assert_eq!(
            Content::difference(&read("3", None), &read("3", Some("edited"))).0,
            "the comment on question `inf.10` is not the same"
        );
        assert_eq!(
            Content::difference(&Content::LeftOut(IgnoreReason::Rejected), &read("3", None)).0,
            "that row is a submission rejected (ODK Central) and this one is not"
        );
    }

    #[test]
    fn platforms_are_told_apart_by_their_columns() {
        let table = |headers: &[&str]| Table {
            file: "x.csv".into(),
            sheet: None,
            rows: vec![Row {
                number: 1,
                cells: headers.iter().map(|h| Cell::Text((*h).into())).collect(),
            }],
        };
        assert_eq!(
            detect(&table(&["SubmissionDate", "a-b", "KEY"])),
            Some((Platform::Odk, 1))
        );
        assert_eq!(
            detect(&table(&["a/b", "_uuid", "_id"])),
            Some((Platform::Kobo, 1))
        );
        assert_eq!(detect(&table(&["question_id", "answer"])), None);
    }
}
