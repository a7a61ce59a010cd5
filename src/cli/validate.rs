//! `dpi-assess validate WS`: checks a workspace and its input files, prints every finding, what
//! happened to every input row, and a summary.

use crate::diagnostics::visible;
use serde::Serialize;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, Printer, ValidateArgs};
use crate::definitions::workspace::load_workspace;
use crate::diagnostics::{self, Code, Diagnostic, has_errors};
use crate::ingest::answers::describe_source;
use crate::ingest::{Ingested, assemble, ingest};
use crate::model::{Assessment, Ledger, Results, TableLedger};
use crate::score::score;

#[derive(Serialize)]
struct Report<'a> {
    workspace: String,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<Inputs<'a>>,
}

#[derive(Serialize)]
struct Inputs<'a> {
    answers: usize,
    respondents: usize,
    systems: usize,
    services: usize,
    ledger: &'a Ledger,
}

pub(super) fn run(printer: &Printer, args: &ValidateArgs) -> u8 {
    let (loaded, mut found) = load_workspace(&args.workspace);
    let ingested: Option<Ingested> = loaded.as_ref().map(|loaded| {
        let (ingested, mut problems) = ingest(loaded);
        found.append(&mut problems);
        if !has_errors(&found) {
            // The inputs read cleanly: score them to check the answers against the inventory.
            let assessment = assemble(loaded.clone(), ingested.clone());
            found.extend(inconsistencies(&assessment, &score(&assessment)));
            found.extend(super::evidence::evidence_warnings(&assessment));
        }
        ingested
    });
    diagnostics::sort(&mut found);
    let errors = found.iter().filter(|d| d.is_error()).count();
    let inputs = ingested.as_ref().map(|i| Inputs {
        answers: i.answers.len(),
        respondents: respondents(i),
        systems: i.systems.len(),
        services: i.services.len(),
        ledger: &i.ledger,
    });
    match args.format {
        Format::Json => printer.json(&Report {
            workspace: args.workspace.display().to_string(),
            valid: !has_errors(&found),
            errors,
            warnings: found.len() - errors,
            diagnostics: &found,
            inputs,
        }),
        Format::Human => {
            printer.diagnostics(&found);
            if let (Some(loaded), Some(inputs)) = (&loaded, &inputs) {
                let ws = &loaded.workspace;
                let questions: usize = loaded.questionnaires.iter().map(|q| q.questions.len()).sum();
                printer.line(&format!(
                    "{} {} ({}), assessed {}",
                    printer.bold("Workspace"),
                    visible(&ws.country),
                    ws.iso3,
                    ws.assessment_date
                ));
                printer.line(&format!(
                    "  framework {} {}; {} questionnaire(s) with {questions} questions",
                    loaded.framework.id,
                    loaded.framework.version,
                    loaded.questionnaires.len()
                ));
                printer.line(&format!(
                    "  {} answers from {} respondent(s), {} systems, {} services",
                    inputs.answers, inputs.respondents, inputs.systems, inputs.services
                ));
                if !inputs.ledger.tables.is_empty() {
                    printer.line(&printer.bold("Rows"));
                    for table in &inputs.ledger.tables {
                        printer.line(&ledger_line(table));
                    }
                }
            }
            let verdict = if has_errors(&found) {
                format!("{}: {}", args.workspace.display(), printer.counts(&found))
            } else {
                format!(
                    "{}: {} ({})",
                    args.workspace.display(),
                    printer.ok("valid"),
                    printer.counts(&found)
                )
            };
            printer.line(&verdict);
        }
    }
    // No workspace to look at, or a file that cannot be read, is a usage or I/O error, not a finding.
    let unusable = found
        .iter()
        .any(|d| d.is_error() && matches!(d.code, Code::WorkspaceNotFound | Code::Io));
    if unusable {
        EXIT_USAGE
    } else if has_errors(&found) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// One warning per breached consistency rule, naming the answers and the systems behind each side.
fn inconsistencies(assessment: &Assessment, results: &Results) -> Vec<Diagnostic> {
    let framework = &assessment.framework;
    results
        .inconsistencies
        .iter()
        .map(|found| {
            let questions: Vec<String> = assessment
                .answers
                .iter()
                .filter(|a| a.indicator == found.indicator)
                .map(|a| format!("{} ({})", describe_source(&a.source), a.question_id))
                .collect();
            let systems: Vec<&crate::model::System> = assessment
                .systems
                .iter()
                .filter(|s| s.building_blocks.contains(&found.building_block))
                .collect();
            let system_rows: Vec<String> = systems
                .iter()
                .map(|s| format!("{} ({})", describe_source(&s.source), s.name))
                .collect();
            let bb = framework
                .building_block(&found.building_block)
                .map(|b| b.name.as_str())
                .unwrap_or(found.building_block.as_str());
            let location = systems
                .first()
                .map(|s| crate::diagnostics::Location::file(s.source.file.to_string()))
                .unwrap_or_else(|| crate::diagnostics::Location::file("assessment.yaml"));
            let message = format!(
                "`{}` is {} from the answers [{}], but {bb} {} is {} from the systems inventory [{}]: {} levels apart, more than the {} that rule `{}` allows",
                found.indicator,
                crate::ingest::table::format_number(found.indicator_value),
                if questions.is_empty() { "none".to_string() } else { questions.join("; ") },
                found.criterion,
                crate::ingest::table::format_number(found.criterion_value),
                if system_rows.is_empty() { "no system".to_string() } else { system_rows.join("; ") },
                crate::ingest::table::format_number(found.spread),
                crate::ingest::table::format_number(found.max_spread),
                found.rule,
            );
            Diagnostic::warning(Code::Inconsistent, location, message).with_hint(format!(
                "{} Check both at the validation workshop and correct the side that is wrong; the scores keep both as given.",
                found.reason
            ))
        })
        .collect()
}

fn respondents(ingested: &Ingested) -> usize {
    let mut names: Vec<String> = ingested
        .answers
        .iter()
        .map(|a| a.respondent.to_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names.len()
}

/// `  answers/moh.csv (answers): 68 rows read, 66 used, 2 ignored (2 no answer given)`.
fn ledger_line(table: &TableLedger) -> String {
    let name = match &table.sheet {
        Some(sheet) => format!("{} › {}", visible(&table.file), visible(sheet)),
        None => visible(&table.file).into_owned(),
    };
    let mut line = format!(
        "  {name} ({}): {} row{} read, {} used, {} ignored",
        table.role.name(),
        table.rows_read,
        if table.rows_read == 1 { "" } else { "s" },
        table.rows_used,
        table.rows_ignored()
    );
    if !table.ignored.is_empty() {
        let reasons = table.ignored_by_reason();
        let parts: Vec<String> = reasons
            .iter()
            .map(|(reason, n)| format!("{n} {}", reason.describe()))
            .collect();
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    line
}
