//! `dpi-assess validate WS`: checks a workspace and its input files, prints every finding, what
//! happened to every input row, and a summary.

use serde::Serialize;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, Printer, ValidateArgs};
use crate::definitions::workspace::load_workspace;
use crate::diagnostics::{self, Code, Diagnostic, has_errors};
use crate::ingest::{Ingested, ingest};
use crate::model::{Ledger, TableLedger};

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
                    ws.country,
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
        Some(sheet) => format!("{} › {sheet}", table.file),
        None => table.file.clone(),
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
