//! Definitions: frameworks and questionnaires, from YAML to the validated model.
//!
//! In: YAML text, either embedded in the binary (the files under `frameworks/` and
//! `questionnaires/`) or read from a path the user gives. Out: [`Framework`] and [`Questionnaire`]
//! values, or every problem found, each with `file:line:col`, what is wrong and a hint.
//! Not here: workspaces (`workspace`), answers and inventories (`ingest`).
//!
//! Two steps, as in cargo-deny's config handling: `raw` parses (unknown keys rejected, positions
//! kept), `validate` checks ranges and cross-references and collects every problem rather than
//! stopping at the first.

pub mod actions;
mod iso3166;
mod long_texts;
pub mod raw;
pub mod schema;
mod validate;
mod yaml_errors;

pub use validate::normalise_spelling;
pub mod workspace;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{Framework, Questionnaire};

pub use iso3166::is_valid_alpha3;
pub use long_texts::long_texts;
pub use validate::{validate_framework, validate_questionnaire};

/// YAML text with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path (or `embedded:` name) shown in diagnostics.
    pub name: String,
    /// The text.
    pub text: String,
}

impl Source {
    /// Reads a file; the diagnostic names the path and the OS error.
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Source { name, text }),
            Err(err) => Err(Diagnostic::error(
                Code::Io,
                Location::file(name),
                format!("cannot read the file: {err}"),
            )
            .with_hint("check the path and that the file is UTF-8 text")),
        }
    }
}

/// An embedded definition file: its id and its text.
struct Embedded {
    id: &'static str,
    path: &'static str,
    text: &'static str,
}

const EMBEDDED_FRAMEWORKS: &[Embedded] = &[Embedded {
    id: "govstack-dpi",
    path: "frameworks/govstack-dpi/framework.yaml",
    text: include_str!("../../frameworks/govstack-dpi/framework.yaml"),
}];

const EMBEDDED_QUESTIONNAIRES: &[Embedded] = &[
    Embedded {
        id: "govstack-dpi-full",
        path: "questionnaires/govstack-dpi-full.yaml",
        text: include_str!("../../questionnaires/govstack-dpi-full.yaml"),
    },
    Embedded {
        id: "govstack-dpi-rapid",
        path: "questionnaires/govstack-dpi-rapid.yaml",
        text: include_str!("../../questionnaires/govstack-dpi-rapid.yaml"),
    },
];

fn embedded_source(item: &Embedded) -> Source {
    Source {
        name: format!("embedded:{}", item.path),
        text: item.text.to_string(),
    }
}

/// Ids of the embedded frameworks.
pub fn embedded_framework_ids() -> Vec<&'static str> {
    EMBEDDED_FRAMEWORKS.iter().map(|e| e.id).collect()
}

/// Ids of the embedded questionnaires.
pub fn embedded_questionnaire_ids() -> Vec<&'static str> {
    EMBEDDED_QUESTIONNAIRES.iter().map(|e| e.id).collect()
}

/// The embedded framework source with this id.
pub fn embedded_framework(id: &str) -> Option<Source> {
    EMBEDDED_FRAMEWORKS
        .iter()
        .find(|e| e.id == id)
        .map(embedded_source)
}

/// The embedded questionnaire source with this id.
pub fn embedded_questionnaire(id: &str) -> Option<Source> {
    EMBEDDED_QUESTIONNAIRES
        .iter()
        .find(|e| e.id == id)
        .map(embedded_source)
}

/// Parses YAML into a raw type. A parse failure is one diagnostic at the failing position, in
/// plain words (see `yaml_errors`): serde stops at the first syntax or shape problem, so these
/// cannot be collected further.
pub fn parse_yaml<T: DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(&source.text).map_err(|err| yaml_errors::translate(&err, source))
}

/// Strips serde-saphyr's own `error: line N column M:` prefix; the location is shown separately.
fn yaml_message(rendered: &str) -> String {
    let mut text = rendered.trim();
    text = text.strip_prefix("error:").unwrap_or(text).trim_start();
    if let Some(rest) = text.strip_prefix("line ")
        && let Some(colon) = rest.find(": ")
        && rest[..colon]
            .split(" column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    {
        text = &rest[colon + 2..];
    }
    let mut first_line = text.lines().next().unwrap_or(text).trim();
    // Some messages end with their own " at line N, column M"; the location is shown separately.
    if let Some(at) = first_line.rfind(" at line ") {
        let tail = &first_line[at + " at line ".len()..];
        if tail
            .split(", column ")
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            first_line = &first_line[..at];
        }
    }
    first_line
        .replace(", set DuplicateKeyPolicy in Options if acceptable", "")
        .trim()
        .to_string()
}

/// Parses and validates a framework. Errors come back all together; warnings are returned beside
/// a usable framework.
pub fn load_framework(source: &Source) -> Result<(Framework, Vec<Diagnostic>), Vec<Diagnostic>> {
    let raw: raw::RawFramework = parse_yaml(source).map_err(|d| vec![d])?;
    with_long_texts(source, validate_framework(&raw, &source.name))
}

/// Parses and validates a questionnaire against its framework.
pub fn load_questionnaire(
    source: &Source,
    framework: &Framework,
) -> Result<(Questionnaire, Vec<Diagnostic>), Vec<Diagnostic>> {
    let raw: raw::RawQuestionnaire = parse_yaml(source).map_err(|d| vec![d])?;
    with_long_texts(source, validate_questionnaire(&raw, framework, &source.name))
}

/// A validated definition, refused when a text of a file given by path is longer than a
/// spreadsheet cell holds. Embedded definitions are held to the limit by the test suite.
fn with_long_texts<T>(
    source: &Source,
    validated: Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>,
) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> {
    if source.name.starts_with("embedded:") {
        return validated;
    }
    let long = long_texts(source);
    match validated {
        Ok(ok) if long.is_empty() => Ok(ok),
        Ok((_, warnings)) => Err(long.into_iter().chain(warnings).collect()),
        Err(errors) => Err(errors.into_iter().chain(long).collect()),
    }
}

/// The embedded framework with this id, validated. Embedded definitions are checked by the test
/// suite, so a failure here means a broken build; it is still reported, never a panic.
pub fn builtin_framework(id: &str) -> Result<Framework, Vec<Diagnostic>> {
    let Some(source) = embedded_framework(id) else {
        return Err(vec![unknown_definition(
            "framework",
            id,
            &embedded_framework_ids(),
        )]);
    };
    load_framework(&source).map(|(framework, _)| framework)
}

/// A diagnostic for an id that names no embedded definition.
pub fn unknown_definition(kind: &str, id: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownReference,
        Location::file(id),
        format!("no embedded {kind} has the id `{id}`"),
    )
    .with_hint(format!(
        "embedded {kind}s: {}; or give a path to a YAML file",
        known.join(", ")
    ))
}

/// The closest candidate to `wanted` by edit distance, if it is close enough to be a typo.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wanted.chars().count();
    if length == 0 {
        return None;
    }
    // Short words get one edit, longer ones a third of their length; a candidate must keep at
    // least one of its own letters (otherwise `#` would "resemble" every two-letter id).
    let limit = (length / 3).max(if length >= 4 { 2 } else { 1 });
    candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, c)| *d <= limit && *d < c.chars().count())
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_catch_typos_only() {
        let ids = ["identity", "payments", "information-mediator"];
        assert_eq!(did_you_mean("identiy", ids), Some("identity"));
        assert_eq!(
            did_you_mean("informaton-mediator", ids),
            Some("information-mediator")
        );
        assert_eq!(did_you_mean("gis", ids), None);
        assert_eq!(did_you_mean("", ["bb", "id"]), None);
        assert_eq!(did_you_mean("x", ["bb", "id"]), None);
    }

    #[test]
    fn yaml_messages_lose_the_position_prefix() {
        assert_eq!(
            yaml_message("error: line 3 column 5: unknown field `lvls`, expected one of id\n1 | x"),
            "unknown field `lvls`, expected one of id"
        );
        assert_eq!(yaml_message("invalid floating point"), "invalid floating point");
        assert_eq!(
            yaml_message("mapping values are not allowed in this context at line 98, column 18"),
            "mapping values are not allowed in this context"
        );
    }

    #[test]
    fn embedded_definitions_are_valid() {
        for id in embedded_framework_ids() {
            let source = embedded_framework(id).unwrap();
            let (framework, warnings) = load_framework(&source).unwrap_or_else(|d| panic!("{d:#?}"));
            assert!(warnings.is_empty(), "{warnings:#?}");
            // Loading skips this check for embedded files; the suite holds them to it.
            assert_eq!(long_texts(&source), vec![], "{id}");
            for qid in embedded_questionnaire_ids() {
                let source = embedded_questionnaire(qid).unwrap();
                assert_eq!(long_texts(&source), vec![], "{qid}");
                let (_, warnings) =
                    load_questionnaire(&source, &framework).unwrap_or_else(|d| panic!("{d:#?}"));
                assert!(warnings.is_empty(), "{warnings:#?}");
            }
        }
    }
}
