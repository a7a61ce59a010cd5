//! Reading answers: the long form (one row per question per respondent), from csv files and from
//! workbook sheets such as those `dpi-assess template` writes.
//!
//! In: a [`Table`] with its [`Header`], the questionnaires' questions and the framework. Out:
//! [`Answer`]s whose responses are levels, `na` or `unknown`; one ledger entry per row; located
//! diagnostics for every row that cannot be read.
//! Not here: consolidating respondents or scoring (the `score` stage does that).

use std::collections::HashMap;

use super::columns::{Header, each_row};
use super::institutions::{InstitutionIndex, match_institution};
use super::table::{Cell, Row, Table};
use super::values::{self, Problem, normalise_code};
use crate::definitions::did_you_mean;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Answer, AnswerType, ColumnRef, Direction, Framework, IgnoreReason, MAX_LEVEL, NOT_APPLICABLE_LABEL,
    Question, Reading, ReadingUnit, Response, RowRef, TableLedger, UNKNOWN_LABEL,
};

/// A response read from a cell, with an optional warning about how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadResponse {
    /// The response.
    pub response: Response,
    /// For `number`, `percent` and `multi` questions: the value read against the thresholds.
    pub reading: Option<Reading>,
    /// Something worth a look (an ambiguous percentage).
    pub warning: Option<(Code, Problem)>,
}

impl ReadResponse {
    /// A response with no reading and no warning.
    pub fn plain(response: Response) -> Self {
        ReadResponse {
            response,
            reading: None,
            warning: None,
        }
    }

    fn read(reading: Reading, warning: Option<(Code, Problem)>) -> Self {
        ReadResponse {
            response: Response::Level { level: reading.level },
            reading: Some(reading),
            warning,
        }
    }

    fn level(level: u8) -> Self {
        Self::plain(Response::Level { level })
    }
}

/// Letters and digits only, lowercase: `N/A`, `n.a.` → `na`; `Don't know` → `dontknow`.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `na` or `unknown` in their usual spellings.
fn special(text: &str) -> Option<Response> {
    if text.trim() == "?" {
        return Some(Response::Unknown);
    }
    match squash(text).as_str() {
        "na" | "notapplicable" | "doesnotapply" | "nonapplicable" => Some(Response::NotApplicable),
        "unknown" | "dontknow" | "donotknow" | "idontknow" | "dk" | "notknown" => Some(Response::Unknown),
        _ => None,
    }
}

/// The allowed answers for messages: the choices a template offers, or the form for open types.
fn allowed(question: &Question, framework: &Framework) -> String {
    let special = format!("{NOT_APPLICABLE_LABEL}, {UNKNOWN_LABEL}");
    match question.answer_type {
        AnswerType::Level => format!(
            "a level 0..4 ({}), {special}",
            (0..=MAX_LEVEL)
                .map(|l| format!("{l} {}", framework.level_name(l)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        AnswerType::YesNo | AnswerType::Choice => format!(
            "{}, {special}",
            question
                .options
                .iter()
                .map(|o| format!("{} ({})", o.code, o.label))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        AnswerType::Multi => format!(
            "option codes separated by spaces or `;` ({}), `none`, {special}",
            question
                .options
                .iter()
                .map(|o| o.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        AnswerType::Number => format!(
            "a number{}, {special}",
            question
                .unit
                .as_deref()
                .map(|u| format!(" ({u})"))
                .unwrap_or_default()
        ),
        AnswerType::Percent => format!("a percentage 0..100 such as 45 or 45%, {special}"),
    }
}

/// Reads one answer cell against its question. Errors carry their code
/// (`level-out-of-range` or `invalid-answer`).
pub fn read_response(
    question: &Question,
    framework: &Framework,
    cell: &Cell,
) -> Result<ReadResponse, (Code, Problem)> {
    let given = cell.display();
    if let Some(response) = special(&given) {
        return Ok(ReadResponse::plain(response));
    }
    let invalid = |message: String| {
        (
            Code::InvalidAnswer,
            Problem::new(message, format!("allowed: {}", allowed(question, framework))),
        )
    };
    match question.answer_type {
        AnswerType::Level => read_level(question, framework, cell).ok_or_else(|| {
            if let Ok(number) = values::number(cell)
                && number.value.fract() == 0.0
                && !number.percent_sign
            {
                (
                    Code::LevelOutOfRange,
                    Problem::new(
                        format!("answer `{given}` is not a level: levels run 0..4"),
                        format!("allowed: {}", allowed(question, framework)),
                    ),
                )
            } else {
                invalid(format!("answer `{given}` is not one of the levels"))
            }
        }),
        AnswerType::YesNo | AnswerType::Choice => read_option(question, cell)
            .map(ReadResponse::level)
            .ok_or_else(|| invalid(format!("answer `{given}` is not one of the options"))),
        AnswerType::Multi => read_multi(question, &given).map_err(invalid),
        AnswerType::Number | AnswerType::Percent => read_numeric(question, cell).map_err(invalid),
    }
}

fn read_level(question: &Question, framework: &Framework, cell: &Cell) -> Option<ReadResponse> {
    let as_level = |value: f64| {
        (value.fract() == 0.0 && (0.0..=f64::from(MAX_LEVEL)).contains(&value)).then_some(value as u8)
    };
    if let Cell::Number(value) = cell {
        return as_level(*value).map(ReadResponse::level);
    }
    let text = cell.display();
    let text = text.trim();
    let name_level =
        |name: &str| (0..=MAX_LEVEL).find(|&l| framework.level_name(l).eq_ignore_ascii_case(name.trim()));
    // `3`, `3 Established`, `3 - Established`, `Established`, or the descriptor itself.
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let level = as_level(digits.parse().ok()?)?;
        let rest = text[digits.len()..].trim_start_matches([' ', '-', '–', ':', '.', ')']);
        return (rest.is_empty() || name_level(rest) == Some(level)).then(|| ReadResponse::level(level));
    }
    if let Some(level) = name_level(text) {
        return Some(ReadResponse::level(level));
    }
    question
        .options
        .iter()
        .find(|o| o.label.trim().eq_ignore_ascii_case(text))
        .and_then(|o| o.level)
        .map(ReadResponse::level)
}

fn read_option(question: &Question, cell: &Cell) -> Option<u8> {
    let given = cell.display();
    let key = normalise_code(&given);
    let yes_no_alias = |code: &str| match (question.answer_type, code) {
        (AnswerType::YesNo, "y" | "true") => Some("yes"),
        (AnswerType::YesNo, "n" | "false") => Some("no"),
        _ => None,
    };
    let code = match cell {
        Cell::Bool(true) if question.answer_type == AnswerType::YesNo => "yes".to_string(),
        Cell::Bool(false) if question.answer_type == AnswerType::YesNo => "no".to_string(),
        _ => yes_no_alias(&key).map(str::to_string).unwrap_or(key),
    };
    if let Some(option) = question
        .options
        .iter()
        .find(|o| o.code == code || o.label.trim().eq_ignore_ascii_case(given.trim()))
    {
        return option.level;
    }
    // A level number picks the option that gives that level, when only one does.
    let number = values::number(cell)
        .ok()
        .filter(|n| !n.percent_sign && n.value.fract() == 0.0)?;
    let mut matching = question
        .options
        .iter()
        .filter(|o| o.level.map(f64::from) == Some(number.value));
    match (matching.next(), matching.next()) {
        (Some(option), None) => option.level,
        _ => None,
    }
}

fn read_multi(question: &Question, given: &str) -> Result<ReadResponse, String> {
    let find = |piece: &str| {
        let key = normalise_code(piece);
        question
            .options
            .iter()
            .position(|o| o.code == key || o.label.trim().eq_ignore_ascii_case(piece.trim()))
    };
    let mut selected: Vec<usize> = Vec::new();
    if matches!(
        normalise_code(given).as_str(),
        "none" | "none_of_these" | "nothing"
    ) {
        // An explicit empty selection: level from zero points.
    } else if let Some(index) = find(given) {
        selected.push(index);
    } else {
        let mut unknown = Vec::new();
        for piece in given
            .split([';', ',', '|', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            if let Some(index) = find(piece) {
                selected.push(index);
                continue;
            }
            for word in piece.split_whitespace() {
                match find(word) {
                    Some(index) => selected.push(index),
                    None => unknown.push(format!("`{word}`")),
                }
            }
        }
        if !unknown.is_empty() {
            return Err(format!(
                "answer `{given}` has {} not among the options: {}",
                if unknown.len() == 1 { "a code" } else { "codes" },
                unknown.join(", ")
            ));
        }
    }
    selected.sort_unstable();
    selected.dedup();
    let points: f64 = selected.iter().map(|&i| question.options[i].points).sum();
    let thresholds = question.thresholds.unwrap_or([1.0, 2.0, 3.0, 4.0]);
    Ok(ReadResponse::read(
        Reading::against(
            points,
            &thresholds,
            Direction::HigherIsBetter,
            ReadingUnit::Points,
            None,
        ),
        None,
    ))
}

fn read_numeric(question: &Question, cell: &Cell) -> Result<ReadResponse, String> {
    let given = cell.display();
    let number = values::number(cell).map_err(|p| format!("answer {}", p.message))?;
    let value = number.value;
    let mut warning = None;
    if question.answer_type == AnswerType::Number {
        if number.percent_sign {
            return Err(format!(
                "answer `{given}` is a percentage, but the question asks for {}",
                question.unit.as_deref().unwrap_or("a number")
            ));
        }
        if value < 0.0 {
            return Err(format!("answer `{given}` is negative"));
        }
    } else {
        if !(0.0..=100.0).contains(&value) {
            return Err(format!("answer `{given}` is outside 0..100 %"));
        }
        // A spreadsheet cell formatted as 45% holds 0.45, and nothing in the file says so; a
        // fraction below 1 is read as written (0.45 %) and flagged rather than guessed.
        if !number.percent_sign && value > 0.0 && value < 1.0 {
            warning = Some((
                Code::AmbiguousPercent,
                Problem::new(
                    format!(
                        "answer `{given}` is read as {} %, not {} %",
                        values::show(value),
                        values::show(value * 100.0)
                    ),
                    format!(
                        "if {} % was meant, write {} or {}%",
                        values::show(value * 100.0),
                        values::show(value * 100.0),
                        values::show(value * 100.0)
                    ),
                ),
            ));
        }
    }
    // Validated questions always have thresholds; four zeros would only ever give level 4.
    let thresholds = question.thresholds.unwrap_or([0.0; 4]);
    let (unit, unit_label) = match question.answer_type {
        AnswerType::Percent => (ReadingUnit::Percent, None),
        _ => (ReadingUnit::Number, question.unit.clone()),
    };
    let direction = if question.lower_is_better {
        Direction::LowerIsBetter
    } else {
        Direction::HigherIsBetter
    };
    Ok(ReadResponse::read(
        Reading::against(value, &thresholds, direction, unit, unit_label),
        warning,
    ))
}

/// The questions of all the workspace's questionnaires, by id.
pub struct QuestionIndex<'a> {
    by_id: HashMap<&'a str, &'a Question>,
    /// By lowercase id, for ids typed in another case.
    by_folded: HashMap<String, &'a Question>,
    ids: Vec<&'a str>,
}

impl<'a> QuestionIndex<'a> {
    /// Indexes the questions; the first questionnaire wins when two share an id.
    pub fn new(questions: impl IntoIterator<Item = &'a Question>) -> Self {
        let mut index = QuestionIndex {
            by_id: HashMap::new(),
            by_folded: HashMap::new(),
            ids: Vec::new(),
        };
        for question in questions {
            if index.by_id.contains_key(question.id.as_str()) {
                continue;
            }
            index.by_id.insert(&question.id, question);
            index
                .by_folded
                .entry(question.id.to_lowercase())
                .or_insert(question);
            index.ids.push(&question.id);
        }
        index
    }

    fn get(&self, id: &str) -> Option<&'a Question> {
        self.by_id
            .get(id)
            .or_else(|| self.by_folded.get(&id.to_lowercase()))
            .copied()
    }
}

/// Reads the rows of one answers table.
pub struct AnswerReader<'a> {
    /// The framework (level names).
    pub framework: &'a Framework,
    /// The questions.
    pub questions: &'a QuestionIndex<'a>,
    /// Respondent used when a row names neither respondent nor institution: the file's name.
    pub default_respondent: String,
    /// The workspace's list of institutions, when it has one: every institution an answer
    /// names must be on it, and is recorded under its canonical name.
    pub institutions: Option<&'a InstitutionIndex>,
}

/// Answers already read, by question and respondent, to catch repeats across files.
pub type Seen = HashMap<(String, String), usize>;

/// An answer the respondent already gave to the same question.
pub struct Repeat {
    /// The two answers agree (they count once, merged, and the repeat is a warning), or not (an error).
    pub same: bool,
    /// What to tell the user, naming both answers and where the first one is.
    pub message: String,
}

/// Whether the respondent of `repeat` already answered its question among `answers`. Two answers
/// agree when they give the same level and, for number, percent and multi questions, the same
/// figure: 4 % and 5 % may both be level 1, but they are different answers. Long-form files and
/// form exports share this rule.
pub fn repeat_of(seen: &Seen, answers: &[Answer], repeat: &Answer) -> Option<Repeat> {
    let &first = seen.get(&(repeat.question_id.clone(), repeat.respondent.to_lowercase()))?;
    let earlier = &answers[first];
    let same_figure = match (&earlier.reading, &repeat.reading) {
        (Some(a), Some(b)) => crate::model::decision_key(a.value) == crate::model::decision_key(b.value),
        _ => true,
    };
    Some(Repeat {
        same: earlier.response == repeat.response && same_figure,
        message: format!(
            "`{}` answered question `{}` twice: `{}` at {} and `{}` here",
            earlier.respondent,
            repeat.question_id,
            earlier.given,
            describe_source(&earlier.source),
            repeat.given,
        ),
    })
}

/// Folds an agreeing repeat into the answer already kept, so that the result never depends on
/// which of the two rows came first: the row with the smaller source (file, sheet, row) gives the
/// answer as written, its reading, date and place; the evidence and comments of both are kept
/// (distinct items, sorted). Otherwise a repeat citing evidence would verify an answer in one row
/// order and leave it unverified in the other.
pub fn merge_repeat(seen: &Seen, answers: &mut [Answer], repeat: Answer) {
    let Some(&first) = seen.get(&(repeat.question_id.clone(), repeat.respondent.to_lowercase())) else {
        return;
    };
    let kept = &mut answers[first];
    let union = |a: &Option<String>, b: &Option<String>| -> Option<String> {
        let mut items: Vec<&str> = [a, b]
            .into_iter()
            .flatten()
            .flat_map(|text| text.split("; "))
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .collect();
        items.sort_unstable();
        items.dedup();
        (!items.is_empty()).then(|| items.join("; "))
    };
    let evidence = union(&kept.evidence, &repeat.evidence);
    let comment = union(&kept.comment, &repeat.comment);
    let key = |r: &RowRef| (r.file.clone(), r.sheet.clone(), r.row);
    if key(&repeat.source) < key(&kept.source) {
        *kept = repeat;
    }
    kept.evidence = evidence;
    kept.comment = comment;
}

/// Adds an answer and remembers who answered what, for [`repeat_of`].
pub fn record_answer(seen: &mut Seen, answers: &mut Vec<Answer>, answer: Answer) {
    seen.insert(
        (answer.question_id.clone(), answer.respondent.to_lowercase()),
        answers.len(),
    );
    answers.push(answer);
}

impl AnswerReader<'_> {
    /// Reads every row below the header into `answers`, recording each row in `ledger`.
    pub fn read(
        &self,
        table: &Table,
        header: &Header,
        answers: &mut Vec<Answer>,
        seen: &mut Seen,
        ledger: &mut TableLedger,
        found: &mut Vec<Diagnostic>,
    ) {
        each_row(&table.rows, header.row, ledger, |row| {
            self.row(table, header, row, answers, seen, found)
        });
    }

    fn row(
        &self,
        table: &Table,
        header: &Header,
        row: &Row,
        answers: &mut Vec<Answer>,
        seen: &mut Seen,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), IgnoreReason> {
        let cell = |name: &str| {
            header
                .get(name)
                .map(|(i, _)| row.cell(*i))
                .unwrap_or(&Cell::Empty)
        };
        let at = |name: &str| {
            let (index, text) = header
                .get(name)
                .map(|(i, t)| (*i, Some(t.as_str())))
                .unwrap_or((0, None));
            table.cell_location(row.number, index, text)
        };
        let text = |name: &str| Some(cell(name).display()).filter(|t| !t.is_empty());

        let Some(question_id) = text("question_id") else {
            found.push(
                Diagnostic::error(
                    Code::MissingValue,
                    at("question_id"),
                    "the row has no question id",
                )
                .with_hint(
                    "write the id of the question this row answers (column question_id), or delete the row",
                ),
            );
            return Err(IgnoreReason::Invalid);
        };
        let Some(question) = self.questions.get(&question_id) else {
            let hint = match did_you_mean(&question_id, self.questions.ids.iter().copied()) {
                Some(close) => format!("did you mean `{close}`? Question ids are listed by `dpi-assess frameworks show`"),
                None => "question ids are the ids of the workspace's questionnaires (see `dpi-assess frameworks show`)".to_string(),
            };
            found.push(
                Diagnostic::error(
                    Code::UnknownQuestion,
                    at("question_id"),
                    format!("question `{question_id}` is not in the workspace's questionnaires"),
                )
                .with_hint(hint),
            );
            return Err(IgnoreReason::Invalid);
        };
        let answer = cell("answer");
        if answer.is_empty() {
            return Err(IgnoreReason::NoAnswer);
        }
        let mut invalid = false;
        if let Cell::Error(error) = answer {
            found.push(cell_error(at("answer"), error));
            return Err(IgnoreReason::Invalid);
        }
        let read = match read_response(question, self.framework, answer) {
            Ok(read) => Some(read),
            Err((code, problem)) => {
                found.push(Diagnostic::error(code, at("answer"), problem.message).with_hint(problem.hint));
                invalid = true;
                None
            }
        };
        if let Some((code, problem)) = read.as_ref().and_then(|r| r.warning.clone()) {
            found.push(Diagnostic::warning(code, at("answer"), problem.message).with_hint(problem.hint));
        }
        let date = match cell("date") {
            Cell::Empty => None,
            date_cell => match values::date(date_cell) {
                Ok(date) => Some(date),
                Err(problem) => {
                    found.push(
                        Diagnostic::error(Code::InvalidDate, at("date"), problem.message)
                            .with_hint(problem.hint),
                    );
                    invalid = true;
                    None
                }
            },
        };
        let institution = match_institution(text("institution"), self.institutions, || at("institution"))
            .unwrap_or_else(|diagnostic| {
                found.push(diagnostic);
                invalid = true;
                None
            });
        let respondent = text("respondent")
            .or_else(|| institution.clone())
            .unwrap_or_else(|| self.default_respondent.clone());
        let (Some(read), false) = (read, invalid) else {
            return Err(IgnoreReason::Invalid);
        };

        let source = RowRef {
            file: table.file.as_str().into(),
            sheet: table.sheet.as_deref().map(Into::into),
            row: row.number,
        };
        let read_answer = Answer {
            question_id: question.id.clone(),
            indicator: question.indicator.clone(),
            respondent,
            institution,
            response: read.response,
            reading: read.reading,
            given: answer.display(),
            evidence: text("evidence"),
            evidence_column: header.get("evidence").map(|(i, t)| ColumnRef {
                column: *i as u32 + 1,
                header: Some(t.clone()),
            }),
            comment: text("comment"),
            date,
            source,
        };
        if let Some(Repeat { same, message }) = repeat_of(seen, answers, &read_answer) {
            return if same {
                found.push(
                    Diagnostic::warning(Code::DuplicateAnswer, at("question_id"), message).with_hint(
                        "the answers agree, so they count once, with the evidence and comments of both; delete the repeat",
                    ),
                );
                merge_repeat(seen, answers, read_answer);
                Err(IgnoreReason::Duplicate)
            } else {
                // 4 % and 5 % may both be level 0: the hint must not let that pass for agreement.
                let earlier = seen
                    .get(&(
                        read_answer.question_id.clone(),
                        read_answer.respondent.to_lowercase(),
                    ))
                    .map(|&i| &answers[i]);
                let hint = match earlier.map(|e| e.response) {
                    Some(Response::Level { level }) if read_answer.response == (Response::Level { level }) => format!(
                        "both figures give level {level}, but they are different answers; keep the right one, and if two people answered, give each their own respondent name"
                    ),
                    _ => "keep one answer per question and respondent; if two people answered, give each their own respondent name".to_string(),
                };
                found.push(
                    Diagnostic::error(Code::DuplicateAnswer, at("question_id"), message).with_hint(hint),
                );
                Err(IgnoreReason::Invalid)
            };
        }
        record_answer(seen, answers, read_answer);
        Ok(())
    }
}

/// `file › sheet!row 7` style reference to an earlier row.
pub fn describe_source(source: &RowRef) -> String {
    match &source.sheet {
        Some(sheet) => format!("{} › {sheet} row {}", source.file, source.row),
        None => format!("{} row {}", source.file, source.row),
    }
}

/// The error for a cell holding a spreadsheet error such as `#REF!`.
pub fn cell_error(location: crate::diagnostics::Location, error: &str) -> Diagnostic {
    Diagnostic::error(
        Code::CellError,
        location,
        format!("the cell holds the spreadsheet error `{error}`"),
    )
    .with_hint("fix the formula or type the value in; formulas that fail cannot be read")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AnswerOption;

    fn question(answer_type: AnswerType, thresholds: [f64; 4], lower_is_better: bool) -> Question {
        Question {
            id: "q.01".to_string(),
            indicator: "ind".to_string(),
            suits: Vec::new(),
            text: String::new(),
            help: String::new(),
            answer_type,
            options: Vec::new(),
            thresholds: Some(thresholds),
            lower_is_better,
            unit: None,
            statistic: None,
        }
    }

    fn reading(question: &Question, cell: Cell) -> Reading {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        let read = read_response(question, &framework, &cell).unwrap_or_else(|(_, p)| panic!("{p:?}"));
        let reading = read.reading.expect("a reading");
        assert_eq!(read.response, Response::Level { level: reading.level });
        reading
    }

    /// (value, threshold reached, next threshold, level), worked out by hand from the thresholds.
    fn summary(r: &Reading) -> (f64, Option<f64>, Option<f64>, u8) {
        (r.value, r.threshold, r.next_threshold, r.level)
    }

    #[test]
    fn percent_answers_read_as_value_threshold_and_level() {
        let q = question(AnswerType::Percent, [50.0, 70.0, 85.0, 95.0], false);
        let r = reading(&q, Cell::Text("72%".into()));
        assert_eq!(summary(&r), (72.0, Some(70.0), Some(85.0), 2));
        assert_eq!(
            (r.unit, r.direction, r.unit_label.as_deref()),
            (ReadingUnit::Percent, Direction::HigherIsBetter, None)
        );
        // Exactly on a threshold reaches it.
        assert_eq!(
            summary(&reading(&q, Cell::Number(85.0))),
            (85.0, Some(85.0), Some(95.0), 3)
        );
        assert_eq!(
            summary(&reading(&q, Cell::Number(100.0))),
            (100.0, Some(95.0), None, 4)
        );
        // Below the first threshold: no threshold reached, level 0.
        let q = question(AnswerType::Percent, [25.0, 50.0, 75.0, 95.0], false);
        assert_eq!(
            summary(&reading(&q, Cell::Number(12.0))),
            (12.0, None, Some(25.0), 0)
        );
    }

    #[test]
    fn lower_is_better_reaches_thresholds_from_above() {
        let q = question(AnswerType::Percent, [10.0, 5.0, 2.0, 1.0], true);
        let r = reading(&q, Cell::Text("4.5 %".into()));
        assert_eq!(summary(&r), (4.5, Some(5.0), Some(2.0), 2));
        assert_eq!(r.direction, Direction::LowerIsBetter);
        assert_eq!(
            summary(&reading(&q, Cell::Number(5.0))),
            (5.0, Some(5.0), Some(2.0), 2)
        );
        assert_eq!(
            summary(&reading(&q, Cell::Number(2.0))),
            (2.0, Some(2.0), Some(1.0), 3)
        );
        assert_eq!(
            summary(&reading(&q, Cell::Number(12.0))),
            (12.0, None, Some(10.0), 0)
        );
        assert_eq!(
            summary(&reading(&q, Cell::Number(0.5))),
            (0.5, Some(1.0), None, 4)
        );
    }

    #[test]
    fn number_answers_keep_the_questions_unit() {
        let mut q = question(AnswerType::Number, [2.0, 5.0, 10.0, 20.0], false);
        q.unit = Some("subscriptions per 100 inhabitants".to_string());
        let r = reading(&q, Cell::Number(6.0));
        assert_eq!(summary(&r), (6.0, Some(5.0), Some(10.0), 2));
        assert_eq!(r.unit, ReadingUnit::Number);
        assert_eq!(r.unit_label.as_deref(), Some("subscriptions per 100 inhabitants"));
    }

    #[test]
    fn multi_answers_read_as_points_against_thresholds() {
        let mut q = question(AnswerType::Multi, [1.0, 3.0, 5.0, 7.0], false);
        q.options = ["a", "b", "c", "d"]
            .iter()
            .map(|code| AnswerOption {
                code: code.to_string(),
                label: code.to_uppercase(),
                level: None,
                points: 1.0,
            })
            .collect();
        let r = reading(&q, Cell::Text("a b c".into()));
        assert_eq!(summary(&r), (3.0, Some(3.0), Some(5.0), 2));
        assert_eq!(
            (r.unit, r.direction),
            (ReadingUnit::Points, Direction::HigherIsBetter)
        );
        assert_eq!(
            summary(&reading(&q, Cell::Text("b".into()))),
            (1.0, Some(1.0), Some(3.0), 1)
        );
        assert_eq!(
            summary(&reading(&q, Cell::Text("none".into()))),
            (0.0, None, Some(1.0), 0)
        );
    }

    #[test]
    fn special_answers_and_other_types_have_no_reading() {
        let framework = crate::definitions::builtin_framework("govstack-dpi").unwrap();
        let q = question(AnswerType::Percent, [50.0, 70.0, 85.0, 95.0], false);
        let read = read_response(&q, &framework, &Cell::Text("unknown".into())).unwrap();
        assert_eq!((read.response, read.reading), (Response::Unknown, None));
        let level = question(AnswerType::Level, [0.0; 4], false);
        assert_eq!(
            read_response(&level, &framework, &Cell::Number(3.0))
                .unwrap()
                .reading,
            None
        );
    }
}
