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
//!   metadata columns are recognised and skipped by rule; any other column gets a warning.
//! - **Values**: choices by name or label; a choice the question does not offer is an error at its
//!   cell naming the allowed choices.
//! - **Review**: Kobo submissions whose validation status is "Not approved" and ODK submissions
//!   whose review state is "rejected" are left out, each with its ledger reason.
//! - **Version**: the form's calculated `questionnaire_version` (or ODK's `FormVersion`) is checked
//!   against the questionnaire's version; a difference is a warning naming both.

use std::collections::{BTreeMap, HashMap};

use super::answers::{
    ReadResponse, Repeat, Seen, cell_error, merge_repeat, read_response, record_answer, repeat_of,
};
use super::table::{Cell, Row, Table};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{
    Answer, AnswerType, Framework, IgnoreReason, Questionnaire, Response, RowRef, TableLedger,
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
    Comment(usize),
    Missing(usize),
    Respondent,
    Institution,
    Role,
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
    questionnaires: Vec<(&'a str, &'a str)>,
}

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
            questionnaires: questionnaires
                .iter()
                .map(|q| (q.id.as_str(), q.version.as_str()))
                .collect(),
        };
        let fixed = [
            (RESPONDENT_NAME, Column::Respondent, "Your name"),
            (INSTITUTION, Column::Institution, "Your institution"),
            (RESPONDENT_ROLE, Column::Role, "Your role"),
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
                labels.push((key(&question.comment_label()), Column::Comment(i)));
                index.questions.push(question.clone());
            }
        }
        // Names first: a label never shadows a name.
        for (label, column) in labels {
            index.keys.entry(label).or_insert(column);
        }
        index
    }

    fn lookup(&self, text: &str) -> Option<Column> {
        self.keys.get(&key(text)).copied()
    }

    /// A header, with or without its group path.
    fn plain(&self, header: &str, separator: char) -> Option<Column> {
        let segments: Vec<&str> = header.split(separator).collect();
        (0..segments.len()).find_map(|i| self.lookup(&segments[i..].join(&separator.to_string())))
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
        // A 0/1 column of a select_multiple: `<question>/<choice>`.
        for (position, _) in trimmed.rmatch_indices('/') {
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
}

/// Columns of one export, resolved.
struct Resolved {
    columns: Vec<Column>,
    headers: Vec<String>,
}

impl Resolved {
    fn find(&self, wanted: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == wanted)
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
        let resolved = Resolved { columns, headers };
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
        self.check_versions(table, &resolved, header_row, found);

        for row in &table.rows {
            if row.number == header_row {
                continue;
            }
            ledger.rows_read += 1;
            let outcome = if row.number < header_row {
                Err(IgnoreReason::AboveHeader)
            } else if row.is_empty() {
                Err(IgnoreReason::Empty)
            } else if let Some(reason) = left_out(&resolved, row) {
                Err(reason)
            } else {
                self.submission(table, &resolved, row, answers, seen, found)
            };
            ledger.record(row.number, outcome);
        }
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
            if version.is_empty() || left_out(resolved, row).is_some() {
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

    fn submission(
        &self,
        table: &Table,
        resolved: &Resolved,
        row: &Row,
        answers: &mut Vec<Answer>,
        seen: &mut Seen,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), IgnoreReason> {
        let text = |column: Column| {
            resolved
                .find(column)
                .map(|c| row.cell(c).display())
                .filter(|t| !t.is_empty())
        };
        let at = |col: usize| table.cell_location(row.number, col, Some(&resolved.headers[col]));
        let institution = text(Column::Institution);
        let respondent = text(Column::Respondent)
            .or_else(|| institution.clone())
            .unwrap_or_else(|| match text(Column::SubmissionId) {
                Some(id) => format!("{} submission {id}", self.file_stem),
                None => format!("{} row {}", self.file_stem, row.number),
            });
        let mut invalid = false;
        let mut used = 0usize;
        let mut duplicates = 0usize;
        for (qi, form_question) in self.forms.questions.iter().enumerate() {
            let question = form_question.question;
            let read = match self.response(table, resolved, row, qi, form_question) {
                Ok(Some(read)) => read,
                Ok(None) => continue,
                Err(diagnostic) => {
                    found.push(diagnostic);
                    invalid = true;
                    continue;
                }
            };
            let (read, given, col) = read;
            let (response, reading) = (read.response, read.reading);
            let evidence = text(Column::Evidence(qi));
            let comment = text(Column::Comment(qi));
            let source = RowRef {
                file: table.file.clone(),
                sheet: table.sheet.clone(),
                row: row.number,
            };
            let read_answer = Answer {
                question_id: question.id.clone(),
                indicator: question.indicator.clone(),
                respondent: respondent.clone(),
                institution: institution.clone(),
                response,
                reading,
                given,
                evidence,
                comment,
                date: None,
                source,
            };
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
                ChoiceValue::Option(code) => {
                    read_response(question, self.framework, &Cell::Text(code.clone())).map_err(
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
                    ChoiceValue::NotApplicable | ChoiceValue::Unknown
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
                .with_hint("na and unknown stand alone; keep either them or the options"));
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
        let read =
            read_response(question, self.framework, &Cell::Text(text)).map_err(|(code, problem)| {
                Diagnostic::error(code, at(col), problem.message).with_hint(problem.hint)
            })?;
        Ok(Some((read, given, col)))
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
    }
}

/// The choices of a select_multiple summary cell: names separated by spaces, or labels (which may
/// hold spaces themselves: the longest run of words that is a label wins). `Err` lists the words
/// that are no choice.
fn split_choices(choices: &[Choice], given: &str) -> Result<Vec<usize>, Vec<String>> {
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

/// Whether the platform's review left the submission out.
fn left_out(resolved: &Resolved, row: &Row) -> Option<IgnoreReason> {
    let squash = |text: String| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if let Some(col) = resolved.find(Column::ValidationStatus) {
        let status = squash(row.cell(col).display());
        if status == "notapproved" || status == "validationstatusnotapproved" {
            return Some(IgnoreReason::NotApproved);
        }
    }
    if let Some(col) = resolved.find(Column::ReviewState)
        && squash(row.cell(col).display()) == "rejected"
    {
        return Some(IgnoreReason::Rejected);
    }
    None
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
    fn platforms_are_told_apart_by_their_columns() {
        let table = |headers: &[&str]| Table {
            file: "x.csv".into(),
            sheet: None,
            rows: vec![Row {
                number: 1,
                cells: headers.iter().map(|h| Cell::Text(h.to_string())).collect(),
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
