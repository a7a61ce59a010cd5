//! Problems found in definitions, workspaces and inputs, with where they are and how to fix them.
//!
//! In: nothing; stages create [`Diagnostic`]s and collect them in a `Vec` so that every problem is
//! reported at once. Out: plain data the CLI prints (human text or JSON). Codes are stable: tests
//! and users' scripts match on them, and `docs/diagnostics.md` documents each one.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks scoring: the command exits 1.
    Error,
    /// Scored, but worth a look.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// A whole file (or folder).
    File {
        /// Path as the user gave it or as it was resolved.
        path: String,
    },
    /// A position in a text file (YAML): 1-based line and column.
    Text {
        /// Path.
        path: String,
        /// Line, 1-based.
        line: u32,
        /// Column, 1-based.
        column: u32,
    },
    /// A cell of a table (csv, or a sheet of a workbook).
    Cell {
        /// Path.
        path: String,
        /// Sheet name; none for csv.
        sheet: Option<String>,
        /// Row, 1-based as a spreadsheet shows it.
        row: u32,
        /// Column, 1-based.
        column: u32,
        /// The header of that column, when known.
        header: Option<String>,
    },
}

impl Location {
    /// A position in a text file; line 0 (unknown) falls back to the whole file.
    pub fn text(path: &str, line: u32, column: u32) -> Location {
        if line == 0 {
            Location::File {
                path: path.to_string(),
            }
        } else {
            Location::Text {
                path: path.to_string(),
                line,
                column,
            }
        }
    }

    /// A whole file.
    pub fn file(path: impl Into<String>) -> Location {
        Location::File { path: path.into() }
    }
}

/// Spreadsheet column letters for a 1-based column number: 1 → `A`, 27 → `AA`.
pub fn column_letters(column: u32) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// How many of a long text's first characters a message quotes.
const EXCERPT: usize = 40;

/// The first characters of a text, on one line: line breaks, tabs and other control characters
/// become spaces, so that nothing in the cell can move or colour the terminal.
pub fn excerpt(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(EXCERPT)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    shown.truncate(shown.trim_end().len());
    shown.push('…');
    shown
}

/// A count with thousands separated by commas: 32767 → `32,767`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Text made safe to print on a terminal, one line: control characters (C0, DEL, C1), bidi
/// overrides and invisible separators become escapes, `\n`, `\r` and `\t` for the common three and
/// `\u{1b}` (hexadecimal code point) for the rest. A cell holding `ESC[2J` would otherwise clear
/// the user's screen, a newline would split one diagnostic in two, and U+202E would show a value
/// reversed. Everything else, accented letters and other scripts included, is kept as is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Characters a terminal acts on or hides: controls, bidi embeddings, overrides and isolates,
/// direction marks, zero-width space, word joiner, byte-order mark, line and paragraph separators.
/// Zero-width (non-)joiners stay: Persian and Indic scripts and emoji need them.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Shown as `file:line:col`, `file › sheet!A1 (row N, column "header")` or the file alone; names
/// from the inputs pass through [`visible`].
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File { path } => f.write_str(&visible(path)),
            Location::Text { path, line, column } => {
                write!(f, "{}:{line}:{column}", visible(path))
            }
            Location::Cell {
                path,
                sheet,
                row,
                column,
                header,
            } => {
                let a1 = format!("{}{}", column_letters(*column), row);
                let path = visible(path);
                match sheet {
                    Some(sheet) => write!(f, "{path} › {}!{a1}", visible(sheet))?,
                    None => write!(f, "{path} › {a1}")?,
                }
                write!(f, " (row {row}")?;
                if let Some(header) = header {
                    write!(f, ", column \"{}\"", visible(header))?;
                }
                f.write_str(")")
            }
        }
    }
}

/// Declares the diagnostic codes with their one-line descriptions.
macro_rules! codes {
    ($($variant:ident => $code:literal : $description:literal),+ $(,)?) => {
        /// Stable diagnostic codes (kebab-case in output).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $description] $variant),+
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The kebab-case code.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),+ }
            }

            /// What the code means.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $description),+ }
            }
        }
    };
}

codes! {
    Io => "io": "A file or folder could not be read or written.",
    YamlSyntax => "yaml-syntax": "A YAML file is malformed, has an unknown or missing key, a duplicate key, or a value of the wrong type.",
    InvalidId => "invalid-id": "An identifier is empty or not lowercase kebab-case (question ids may also use dots).",
    InvalidVersion => "invalid-version": "A version is not a semantic version MAJOR.MINOR.PATCH.",
    DuplicateId => "duplicate-id": "Two items of the same kind share an identifier.",
    UnknownReference => "unknown-reference": "A reference names an indicator, Building Block, pillar, dimension or framework that does not exist.",
    MissingLevelDescriptor => "missing-level-descriptor": "An indicator or criterion lacks a descriptor for one of the levels 0..4, or has an extra one.",
    LevelOutOfRange => "level-out-of-range": "A level is outside 0..4.",
    InvalidWeight => "invalid-weight": "A weight is zero, negative or not a finite number.",
    InvalidThresholds => "invalid-thresholds": "Thresholds are missing, not four, or not strictly ascending (descending with lower_is_better).",
    InvalidScale => "invalid-scale": "The maturity scale does not list levels 0..4 once each, or its bands are not four ascending scores within 0..100.",
    InvalidStructure => "invalid-structure": "Pillars, dimensions or indicators are arranged in a way scoring cannot use.",
    DependencyCycle => "dependency-cycle": "Building Blocks depend on each other in a cycle.",
    QuestionWithoutIndicator => "question-without-indicator": "A question is mapped to no framework indicator.",
    InvalidOptions => "invalid-options": "A question's options do not fit its type (missing, duplicate, or wrongly shaped).",
    InvalidRubric => "invalid-rubric": "The Building Block rubric is incomplete or inconsistent.",
    InvalidValue => "invalid-value": "A value is outside its allowed range or set.",
    UnreferencedIndicator => "unreferenced-indicator": "An indicator has no question in any questionnaire of the assessment, so it can never be scored.",
    WorkspaceNotFound => "workspace-not-found": "The folder has no assessment.yaml.",
    InvalidCountryCode => "invalid-country-code": "The country code is not an ISO 3166-1 alpha-3 code.",
    InvalidDate => "invalid-date": "A date is not a real calendar date written YYYY-MM-DD.",
    InputNotFound => "input-not-found": "An input file named in assessment.yaml does not exist.",
    UnsupportedInput => "unsupported-input": "An input file is not csv, xlsx, xls or ods (or, for answers, an export zip), or cannot be opened as one.",
    MissingSheet => "missing-sheet": "A workbook lacks the sheet an input needs.",
    InputTooLarge => "input-too-large": "An input file unpacks to more bytes, or holds more cells, than the limits allow (raise them with DPI_ASSESS_MAX_UNPACKED_MB or DPI_ASSESS_MAX_CELLS).",
    FormulaWithoutValue => "formula-without-value": "A cell holds a formula whose result was never saved in the file, so its value cannot be known without recalculating.",
    TextTooLong => "text-too-long": "A cell holds more than 32 767 characters, more than a spreadsheet cell (and the report's workbook) can hold.",
    HiddenSheet => "hidden-sheet": "A workbook sheet is hidden; it is not read.",
    TruncatedRow => "truncated-row": "The last row of a file ends before its last column, as a file cut off in transfer does.",
    NoAnswers => "no-answers": "The workspace lists no answer files.",
    EmptyInput => "empty-input": "An input file or sheet has no content at all.",
    InputEncoding => "input-encoding": "A csv file is not UTF-8 and was decoded as UTF-16 or Windows-1252.",
    NoHeaderRow => "no-header-row": "No row near the top of a table names the input's columns.",
    MissingColumn => "missing-column": "A required column is not in the header row.",
    DuplicateColumn => "duplicate-column": "Two header cells name the same column.",
    UnknownColumn => "unknown-column": "A header names no known column, so the column is not read.",
    SheetNotRead => "sheet-not-read": "A sheet of an answers workbook, or a file of an export zip, holds no answers and is skipped.",
    OrphanRepeatRows => "orphan-repeat-rows": "Rows of a form export's systems or services repeat belong to no submission of the exports read, so their review cannot be checked.",
    MissingValue => "missing-value": "A cell that must hold a value is empty.",
    UnknownQuestion => "unknown-question": "An answer names a question that no questionnaire of the workspace has.",
    InvalidAnswer => "invalid-answer": "An answer is not one the question allows.",
    AmbiguousPercent => "ambiguous-percent": "A percentage below 1 was written without `%`; it is read as written.",
    InvalidNumber => "invalid-number": "A number, share or count cannot be read or is out of range.",
    DuplicateAnswer => "duplicate-answer": "One respondent answered one question twice.",
    DuplicateItem => "duplicate-item": "A system or service is listed twice for the same owner.",
    DuplicateDecision => "duplicate-decision": "The validation workshop's decisions name one indicator twice.",
    FormVersionMismatch => "form-version-mismatch": "A KoboToolbox or ODK Central export was collected with another version of the form than the questionnaire's.",
    CellError => "cell-error": "A cell holds a spreadsheet error such as #REF! or #DIV/0!.",
    PhaseOrder => "phase-order": "An action requires another that sits in a later roadmap phase.",
    NoAction => "no-action": "Some indicators or Building Blocks have no action reaching their target.",
    Render => "render": "A report format could not be rendered (a bug, or a broken override template).",
    MissingGlyph => "missing-glyph": "A character has no glyph in the PDF's embedded fonts and is replaced.",
    InvalidResults => "invalid-results": "A file given to compare is not a results.json this tool can read.",
    Inconsistent => "inconsistent": "An answer and the systems inventory describe the same fact differently, by more than the framework's consistency rule allows.",
    IncompatibleFramework => "incompatible-framework": "Inputs to compare use different frameworks or major versions of one framework.",
    MixedRules => "mixed-rules": "Inputs to compare were scored under rules a results.json cannot undo (another evidence policy or consolidation, other questionnaires, unrecorded rules); compare them with --allow-mixed-rules, their rows marked.",
    WeightsUndone => "weights-undone": "An input to compare was scored with weights set in assessment.yaml; the comparison undoes them and compares it under the framework's weights.",
    EvidenceMissing => "evidence-missing": "An answer gives level 3 or 4 and cites no evidence.",
    EvidenceUnregistered => "evidence-unregistered": "An answer cites evidence that is not an id of the evidence register, or the workspace has no register.",
    EvidenceWrongType => "evidence-type": "An answer gives level 3 or 4 and cites registered documents, none of a type the framework accepts for that indicator.",
    EvidenceOutdated => "evidence-outdated": "An answer cites a document that is older, at the assessment date, than the framework allows for its type.",
    EvidenceOverused => "evidence-overused": "One register document is cited for more indicators than the framework allows.",
    EvidenceUnused => "evidence-unused": "A register document is cited by no answer and no workshop decision.",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// Where.
    pub location: Location,
    /// What is wrong, naming the bad value.
    pub message: String,
    /// How to fix it: the allowed values, the expected form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            location,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning.
    pub fn warning(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, location, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether it blocks scoring.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Sorts diagnostics by file and position so output is stable and reads top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    fn key(d: &Diagnostic) -> (String, u32, u32, String, Code) {
        match &d.location {
            Location::File { path } => (path.clone(), 0, 0, String::new(), d.code),
            Location::Text { path, line, column } => (path.clone(), *line, *column, String::new(), d.code),
            Location::Cell {
                path,
                sheet,
                row,
                column,
                ..
            } => (
                path.clone(),
                *row,
                *column,
                sheet.clone().unwrap_or_default(),
                d.code,
            ),
        }
    }
    diagnostics.sort_by_key(key);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(52), "AZ");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let docs = include_str!("../docs/diagnostics.md");
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(
                s.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "code {s} is not kebab-case"
            );
            assert!(
                docs.contains(&format!("`{s}`")),
                "code {s} is not in docs/diagnostics.md"
            );
        }
    }

    #[test]
    fn control_characters_are_shown_as_escapes() {
        assert_eq!(visible("plain, accented é, ትግርኛ"), "plain, accented é, ትግርኛ");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{1b}[2Jb\u{7}\u{0}\u{7f}\u{85}"),
            "a\\u{1b}[2Jb\\u{7}\\u{0}\\u{7f}\\u{85}"
        );
        assert_eq!(visible("two\nlines\r\tx"), "two\\nlines\\r\\tx");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("id\u{200b}"), "id\\u{200b}");
        // Joiners are part of some scripts and of emoji.
        assert_eq!(visible("\u{200c}\u{200d}"), "\u{200c}\u{200d}");
        let location = Location::Cell {
            path: "a\u{1b}.csv".into(),
            sheet: Some("s\u{7}".into()),
            row: 2,
            column: 1,
            header: Some("h\n".into()),
        };
        assert_eq!(
            location.to_string(),
            "a\\u{1b}.csv › s\\u{7}!A2 (row 2, column \"h\\n\")"
        );
    }

    #[test]
    fn cell_locations_show_a1_references() {
        let location = Location::Cell {
            path: "inputs.xlsx".into(),
            sheet: Some("systems".into()),
            row: 7,
            column: 3,
            header: Some("status".into()),
        };
        assert_eq!(
            location.to_string(),
            "inputs.xlsx › systems!C7 (row 7, column \"status\")"
        );
    }
}
