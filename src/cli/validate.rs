//! `dpi-assess validate WS`: checks a workspace and prints every finding with a summary.

use serde::Serialize;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, Printer, ValidateArgs};
use crate::definitions::workspace::load_workspace;
use crate::diagnostics::{self, Code, Diagnostic, has_errors};

#[derive(Serialize)]
struct Report<'a> {
    workspace: String,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
}

pub(super) fn run(printer: &Printer, args: &ValidateArgs) -> u8 {
    let (loaded, mut found) = load_workspace(&args.workspace);
    diagnostics::sort(&mut found);
    let errors = found.iter().filter(|d| d.is_error()).count();
    match args.format {
        Format::Json => printer.json(&Report {
            workspace: args.workspace.display().to_string(),
            valid: !has_errors(&found),
            errors,
            warnings: found.len() - errors,
            diagnostics: &found,
        }),
        Format::Human => {
            printer.diagnostics(&found);
            if let Some(loaded) = &loaded {
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
                    "  inputs: {} answer file(s), systems {}, services {}",
                    ws.answers.len(),
                    if ws.systems.is_some() { "yes" } else { "none" },
                    if ws.services.is_some() { "yes" } else { "none" }
                ));
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
