//! `dpi-assess workshop WS`: writes the validation workshop pack, an xlsx listing every indicator
//! the workshop should settle, with empty columns for its decisions (docs/validation.md §3).
//!
//! In: a workspace. Out: the pack (default `<workspace>/output/workshop.xlsx`) and a one-line
//! summary per listed indicator on stdout. The pack lists what the report's annex lists: both are
//! the report context's `annex.workshop`.

use super::files::{output_dir, write_run};
use super::report::{refuse_on_errors, xlsx_errors};
use super::{EXIT_OK, EXIT_USAGE, Printer, WorkshopArgs};
use crate::messages::tf;
use crate::report::context::build;
use crate::report::workshop::render;

pub(super) fn run(printer: &Printer, args: &WorkshopArgs) -> u8 {
    let scored = match super::pipeline::load_and_score(printer, &args.workspace, "no workshop pack") {
        Ok(scored) => scored,
        Err(code) => return code,
    };
    let plan = super::pipeline::plan(&scored);
    let ctx = build(&scored.results, &scored.assessment, &plan.roadmap, &plan.services);
    let view = &ctx.annex.workshop;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| output_dir(&args.workspace).join("workshop.xlsx"));
    let bytes = match render(view, &ctx.meta) {
        Ok(bytes) => bytes,
        Err(err) => {
            let folder = out.parent().map(|p| p.to_path_buf()).unwrap_or_default();
            let problems = xlsx_errors("workshop.xlsx", err.into());
            return refuse_on_errors(printer, &problems, &folder).unwrap_or(EXIT_USAGE);
        }
    };
    if let Err(d) = write_run("workshop", &[(out.clone(), bytes.into())]) {
        printer.fatal(&d);
        return EXIT_USAGE;
    }
    for item in &view.items {
        printer.line(&format!(
            "{:<40} {:>5}  {}",
            item.indicator,
            item.value_now,
            item.reasons.join(", ")
        ));
    }
    printer.line(&format!(
        "{} {} ({})",
        printer.dim("wrote"),
        out.display(),
        tf(
            "workshop-cli-summary",
            &[
                ("count", view.items.len().into()),
                ("decided", view.decided.into())
            ]
        )
    ));
    EXIT_OK
}
