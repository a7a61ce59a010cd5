//! The evidence pass of `validate`: what the answers cite, judged against the evidence register
//! and the framework's evidence rules (docs/validation.md section 1).
//!
//! In: an [`Assessment`] that read cleanly. Out: warnings (`evidence-missing`,
//! `evidence-unregistered`, `evidence-type`, `evidence-outdated`, `evidence-overused`,
//! `evidence-unused`), each at the answer's evidence cell or the register row, with the bad value
//! and a hint. Pure; it does not score (the supporting rule itself is `model::EvidenceJudge`) and
//! does not check the register's own rows (`ingest::evidence` does).

use std::collections::{BTreeMap, BTreeSet};

use crate::definitions::did_you_mean;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{
    Answer, Assessment, Citation, ColumnRef, Document, EvidenceJudge, EvidenceProblem, EvidenceType,
    Register, Response, RowRef, parse_citations,
};

/// Every evidence warning of an assessment, answers in their order, then the register's rows.
pub fn evidence_warnings(assessment: &Assessment) -> Vec<Diagnostic> {
    let judge = EvidenceJudge::new(assessment);
    let mut found = Vec::new();
    let Some(register) = &assessment.register else {
        // Without a register every citation is unregistered: one warning says so for the whole
        // workspace, when anything is cited at all.
        let citing = assessment.answers.iter().filter(|a| a.evidence.is_some()).count();
        if citing > 0 {
            found.push(no_register(citing));
        }
        for answer in &assessment.answers {
            let Some(indicator) = assessment.framework.indicator(&answer.indicator) else {
                continue;
            };
            for problem in judge.problems(answer, judge.accepted(indicator)) {
                found.push(answer_warning(answer, &problem, judge.accepted(indicator), None));
            }
        }
        return found;
    };
    // Document (register index) → indicators whose answers cite it.
    let mut citing: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    let index_of = |document: &Document| {
        register
            .documents()
            .iter()
            .position(|d| std::ptr::eq(d, document))
    };
    for answer in &assessment.answers {
        let Some(indicator) = assessment.framework.indicator(&answer.indicator) else {
            continue;
        };
        let accepted = judge.accepted(indicator);
        for problem in judge.problems(answer, accepted) {
            found.push(answer_warning(answer, &problem, accepted, Some(register)));
        }
        for citation in parse_citations(answer.evidence.as_deref().unwrap_or_default(), Some(register)) {
            if let Citation::Id(id) = citation
                && let Some(i) = register.get(&id).and_then(index_of)
            {
                citing.entry(i).or_default().insert(indicator.id.as_str());
            }
        }
    }
    // Documents a workshop decision rests on are used too, though no answer cites them.
    let mut decided_on: BTreeSet<usize> = BTreeSet::new();
    for adjudication in &assessment.adjudications {
        for citation in parse_citations(
            adjudication.evidence.as_deref().unwrap_or_default(),
            Some(register),
        ) {
            if let Citation::Id(id) = citation
                && let Some(i) = register.get(&id).and_then(index_of)
            {
                decided_on.insert(i);
            }
        }
    }
    let max = assessment.framework.rules.evidence.max_indicators_per_document;
    for (i, document) in register.documents().iter().enumerate() {
        match citing.get(&i) {
            None if decided_on.contains(&i) => {}
            None => found.push(
                Diagnostic::warning(
                    Code::EvidenceUnused,
                    register_cell(document),
                    format!(
                        "`{}` ({}) is cited by no answer and no workshop decision",
                        document.id, document.title
                    ),
                )
                .with_hint(
                    "cite its id in the evidence column of the answers or decisions it supports, or remove the row from the register",
                ),
            ),
            Some(indicators) if indicators.len() > max as usize => {
                let listed: Vec<&str> = indicators.iter().copied().collect();
                found.push(
                    Diagnostic::warning(
                        Code::EvidenceOverused,
                        register_cell(document),
                        format!(
                            "`{}` is cited for {} indicators ({}), more than the {max} the framework allows for one document",
                            document.id,
                            indicators.len(),
                            listed.join(", ")
                        ),
                    )
                    .with_hint(
                        "a document that supports everything supports nothing in particular: for each indicator, cite the document that shows its level",
                    ),
                );
            }
            Some(_) => {}
        }
    }
    found
}

/// The one warning of a workspace without a register.
fn no_register(citing: usize) -> Diagnostic {
    Diagnostic::warning(
        Code::EvidenceUnregistered,
        Location::file("assessment.yaml"),
        if citing == 1 {
            "the workspace has no evidence register, so the evidence cited by 1 answer cannot be checked".to_string()
        } else {
            format!("the workspace has no evidence register, so the evidence cited by {citing} answers cannot be checked")
        },
    )
    .with_hint(
        "list the documents the answers rest on in a register (columns id, title, type, date), add `evidence: evidence.csv` under inputs in assessment.yaml, and cite the ids in the answers' evidence column",
    )
}

/// The warning for one problem of one answer's evidence.
fn answer_warning(
    answer: &Answer,
    problem: &EvidenceProblem,
    accepted: &[EvidenceType],
    register: Option<&Register>,
) -> Diagnostic {
    let at = evidence_cell(answer);
    let accepted_list = || accepted.iter().map(|t| t.code()).collect::<Vec<_>>().join(", ");
    let level = match answer.response {
        Response::Level { level } => level,
        _ => 0,
    };
    let cell = answer.evidence.as_deref().unwrap_or_default();
    match problem {
        EvidenceProblem::Missing => Diagnostic::warning(
            Code::EvidenceMissing,
            at,
            format!(
                "answer `{}` to `{}` gives `{}` level {level} but cites no evidence",
                answer.given, answer.question_id, answer.indicator
            ),
        )
        .with_hint(format!(
            "cite the register id of a document that shows this level (for this indicator: {}), or lower the answer to what can be shown",
            accepted_list()
        )),
        EvidenceProblem::Unregistered(text) => {
            let close = register
                .and_then(|r| did_you_mean(text, r.documents().iter().map(|d| d.id.as_str())))
                .map(|id| format!("did you mean `{id}`? "))
                .unwrap_or_default();
            Diagnostic::warning(
                Code::EvidenceUnregistered,
                at,
                format!(
                    "evidence `{text}` for `{}` is not an id of the evidence register",
                    answer.question_id
                ),
            )
            .with_hint(format!(
                "{close}add the document to the register and cite its id here (ids are matched without case; several are separated by `,` or `;`)"
            ))
        }
        EvidenceProblem::WrongType(cited) => {
            let documents: Vec<String> = cited
                .iter()
                .map(|(id, kind)| format!("`{id}` ({kind})"))
                .collect();
            Diagnostic::warning(
                Code::EvidenceWrongType,
                at,
                format!(
                    "evidence `{cell}` for level {level} of `{}` cites only {}, and the indicator accepts {}",
                    answer.indicator,
                    documents.join(", "),
                    accepted_list()
                ),
            )
            .with_hint(format!(
                "cite a document of an accepted type ({}) that shows this level, or lower the answer to what the documents show",
                accepted_list()
            ))
        }
        EvidenceProblem::Outdated {
            id,
            date,
            kind,
            max_age_years,
        } => Diagnostic::warning(
            Code::EvidenceOutdated,
            at,
            format!(
                "`{id}` ({kind}, dated {date}) cited for `{}` is more than {max_age_years} year{} old at the assessment date",
                answer.question_id,
                if *max_age_years == 1 { "" } else { "s" }
            ),
        )
        .with_hint(format!(
            "a document of type {kind} counts for {max_age_years} year{} (rules.evidence.max_age_years); cite a more recent edition or another source and register it with its date",
            if *max_age_years == 1 { "" } else { "s" }
        )),
    }
}

/// The answer's evidence cell; without an evidence column, the row's file and sheet.
fn evidence_cell(answer: &Answer) -> Location {
    match &answer.evidence_column {
        Some(column) => cell(&answer.source, column),
        None => Location::file(match &answer.source.sheet {
            Some(sheet) => format!("{} › {sheet} row {}", answer.source.file, answer.source.row),
            None => format!("{} row {}", answer.source.file, answer.source.row),
        }),
    }
}

/// A document's id cell in the register.
fn register_cell(document: &Document) -> Location {
    cell(&document.source, &document.id_column)
}

fn cell(source: &RowRef, column: &ColumnRef) -> Location {
    Location::Cell {
        path: source.file.to_string(),
        sheet: source.sheet.as_ref().map(|s| s.to_string()),
        row: source.row,
        column: column.column,
        header: column.header.clone(),
    }
}
