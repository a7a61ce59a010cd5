//! The one driver of the pipeline: load → check → score → plan, for every command that scores.
//!
//! In: a workspace path and the [`Printer`]. Out: the assessment, its results and, for the
//! commands that show a plan, the roadmap and the ranked services, planned once by the roadmap
//! stage and handed to whatever renders them; or, when the workspace does not load, the exit
//! code, its diagnostics and a status line already printed. Diagnostics are sorted and printed
//! (on stderr) as soon as the workspace is read, the same way for `score`, `report` and
//! `roadmap` whatever their output format. Not here: rendering or writing files.

use std::path::Path;

use super::Printer;
use super::files::not_loaded_exit;
use crate::diagnostics;
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
}

/// The roadmap and the services ranked for building, as the roadmap stage planned them.
pub(super) struct Plan {
    pub roadmap: Roadmap,
    pub services: Vec<ServicePriority>,
}

/// Reads and scores a workspace. When it does not load, prints its diagnostics and
/// "`<workspace>: <refused>` (counts)", and returns the exit code for that.
pub(super) fn load_and_score(printer: &Printer, workspace: &Path, refused: &str) -> Result<Scored, u8> {
    let (assessment, mut found) = load_assessment(workspace);
    diagnostics::sort(&mut found);
    printer.diagnostics(&found);
    let Some(assessment) = assessment else {
        printer.status(&format!(
            "{}: {refused} ({})",
            workspace.display(),
            printer.counts(&found)
        ));
        return Err(not_loaded_exit(&found));
    };
    let results = score(&assessment);
    Ok(Scored { assessment, results })
}

/// The plan of a scored workspace: the one place a command plans.
pub(super) fn plan(scored: &Scored) -> Plan {
    let (roadmap, services) = plan_assessment(&scored.results, &scored.assessment);
    Plan { roadmap, services }
}
