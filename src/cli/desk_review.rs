//! `dpi-assess desk-review --out DIR`: a desk-review workspace for every economy of the World
//! Bank GovTech Dataset (December 2020), and their comparison.
//!
//! In: the embedded dataset and mapping (`template::govtech`). Out: `DIR/workspaces/<iso3>/`, each
//! as `init DIR --iso ISO3 --from govtech` writes it (all workspaces in one all-or-nothing run),
//! then `DIR/comparison/`, written by the `compare` command's own loading, comparison and
//! rendering over those workspaces as they are on disk; a one-line summary with the coverage
//! the scores rest on. Not here: the conversion (`template::govtech`) or any comparison logic.

use std::path::PathBuf;
use std::time::Instant;

use super::compare::{load, write_comparison};
use super::files::write_run;
use super::init::{existing, load_govtech, seeded_outputs, would_overwrite};
use super::{DeskReviewArgs, EXIT_OK, EXIT_USAGE, Printer};
use crate::compare;
use crate::diagnostics::{Code, Diagnostic, Location, Severity};

pub(super) fn run(printer: &Printer, args: &DeskReviewArgs) -> u8 {
    let started = Instant::now();
    let Some(data) = load_govtech(printer) else {
        return EXIT_USAGE;
    };
    let workspaces = args.out.join("workspaces");
    let comparison_dir = args.out.join("comparison");

    // 1. Every economy's workspace, written together.
    let economies = data.economies();
    let mut files = Vec::new();
    let mut dirs: Vec<PathBuf> = Vec::with_capacity(economies.len());
    let (mut answers, mut systems) = (0, 0);
    for (iso3, _) in &economies {
        let Some(seeded) = data.seed(iso3, None) else {
            continue;
        };
        answers += seeded.answers;
        systems += seeded.systems;
        let dir = workspaces.join(&seeded.iso3);
        files.extend(seeded_outputs(&dir, &seeded));
        dirs.push(dir);
    }
    if !args.force
        && let Some(path) = existing(&files)
    {
        printer.fatal(&would_overwrite(path));
        return EXIT_USAGE;
    }
    printer.progress(&format!(
        "writing {} workspaces into {}",
        dirs.len(),
        workspaces.display()
    ));
    if let Err(d) = write_run("desk-review", &files) {
        printer.fatal(&d);
        return EXIT_USAGE;
    }
    drop(files);

    // 2. Each workspace read back and scored as `compare` reads its inputs, on every core.
    printer.progress(&format!("scoring {} workspaces", dirs.len()));
    let loaded = crate::parallel::map(&dirs, |dir| load(dir));
    let mut inputs = Vec::with_capacity(loaded.len());
    let mut warnings = 0usize;
    let mut refused = 0usize;
    let mut exit = EXIT_OK;
    for result in loaded {
        match result {
            Ok((input, found)) => {
                warnings += found.iter().filter(|d| d.severity == Severity::Warning).count();
                inputs.push(input);
            }
            Err(r) => {
                // A seeded workspace with errors is a bug of the mapping: show everything.
                printer.diagnostics(&r.diagnostics);
                refused += 1;
                exit = exit.max(r.code);
            }
        }
    }
    if refused > 0 {
        printer.status(&format!(
            "no comparison: {refused} of {} seeded workspaces could not be scored",
            dirs.len()
        ));
        return exit;
    }

    // 3. The comparison, rendered and written as `compare` does.
    printer.progress(&format!("comparing {} economies", inputs.len()));
    let comparison = match compare::compare(&inputs, args.comparison.settings()) {
        Ok(c) => c,
        Err(err) => {
            printer.fatal(
                &Diagnostic::error(Code::InvalidValue, Location::file("desk-review"), err.to_string())
                    .with_hint("for example --draws 1000 --noise 0.25"),
            );
            return EXIT_USAGE;
        }
    };
    let formats = args.comparison.formats();
    if let Err(code) = write_comparison(printer, &comparison, &inputs, &formats, &comparison_dir, None) {
        return code;
    }

    // 4. One line: how much the scores rest on.
    let n = inputs.len();
    let provisional = inputs
        .iter()
        .filter(|i| i.results.overall.provisional || i.results.overall.score.is_none())
        .count();
    let mut coverage: Vec<f64> = inputs.iter().map(|i| i.results.overall.coverage).collect();
    coverage.sort_by(f64::total_cmp);
    let median = coverage.get(n.saturating_sub(1) / 2).copied().unwrap_or(0.0);
    printer.line(&format!(
        "{} desk review of {n} economies from the {}: {answers} answers and {systems} inventory systems to verify, in {}; \
         overall coverage median {:.0} % (range {:.0}–{:.0} %), {provisional} of {n} overall scores provisional or missing; \
         {warnings} warnings; compared in {}; {:.1} s",
        printer.ok("Wrote"),
        data.edition(),
        workspaces.display(),
        median * 100.0,
        coverage.first().copied().unwrap_or(0.0) * 100.0,
        coverage.last().copied().unwrap_or(0.0) * 100.0,
        comparison_dir.display(),
        started.elapsed().as_secs_f64(),
    ));
    printer.line(&printer.dim(&data.attribution()));
    EXIT_OK
}
