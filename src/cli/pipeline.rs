//! The one driver of the pipeline: load → check → score → plan, for every command that scores.
//!
//! In: a workspace path (and the [`Printer`], for the commands of one workspace). Out: the
//! assessment, its results and its warnings; for the commands that show a plan, the roadmap and
//! the ranked services, planned once by the roadmap stage and handed to whatever renders them;
//! or, when the workspace does not load, its diagnostics and the exit code that calls for.
//! `score`, `report` and `roadmap` print the diagnostics (on stderr) as soon as the workspace is
//! read, whatever their output format; `compare`, which reads several, prints them per input.
//! Not here: rendering or writing files.

use std::path::Path;

use super::Printer;
use super::files::not_loaded_exit;
use crate::diagnostics::{self, Diagnostic};
use crate::ingest::load_assessment;
use crate::model::{Assessment, Results, Roadmap, ServicePriority};
use crate::roadmap::plan_assessment;
use crate::score::score;

/// A workspace read and scored.
pub(super) struct Scored {
    /// What was read.
    pub assessment: Assessment,
    /// Its scores.
    pub results: Results,
    /// Warnings met on the way, sorted.
    pub warnings: Vec<Diagnostic>,
}

/// A workspace that could not be read: its diagnostics, sorted, and the exit code they call for.
pub(super) struct NotLoaded {
    pub diagnostics: Vec<Diagnostic>,
    pub code: u8,
}

/// The roadmap and the services ranked for building, as the roadmap stage planned them.
pub(super) struct Plan {
    pub roadmap: Roadmap,
    pub services: Vec<ServicePriority>,
}

/// Reads and scores a workspace, printing nothing.
pub(super) fn read_and_score(workspace: &Path) -> Result<Scored, NotLoaded> {
    let (assessment, mut found) = load_assessment(workspace);
    diagnostics::sort(&mut found);
    let Some(assessment) = assessment else {
        let code = not_loaded_exit(&found);
        return Err(NotLoaded {
            diagnostics: found,
            code,
        });
    };
    let results = score(&assessment);
    Ok(Scored {
        assessment,
        results,
        warnings: found,
    })
}

/// Reads and scores a workspace, printing its diagnostics. When it does not load, also prints
/// "`<workspace>: <refused>` (counts)", and returns the exit code for that.
pub(super) fn load_and_score(printer: &Printer, workspace: &Path, refused: &str) -> Result<Scored, u8> {
    match read_and_score(workspace) {
        Ok(scored) => {
            printer.diagnostics(&scored.warnings);
            Ok(scored)
        }
        Err(not_loaded) => {
            printer.diagnostics(&not_loaded.diagnostics);
            printer.status(&format!(
                "{}: {refused} ({})",
                workspace.display(),
                printer.counts(&not_loaded.diagnostics)
            ));
            Err(not_loaded.code)
        }
    }
}

/// The plan of a scored workspace: the one place a command plans.
pub(super) fn plan(scored: &Scored) -> Plan {
    let (roadmap, services) = plan_assessment(&scored.results, &scored.assessment);
    Plan { roadmap, services }
}
