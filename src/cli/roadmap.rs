//! `dpi-assess roadmap WS`: plans the actions that close the gaps and ranks the services; prints
//! the plan and writes roadmap.json, roadmap.csv, services.csv and roadmap.xlsx, all together.

use serde::Serialize;

use super::files::{not_loaded_exit, output_dir, write_run};
use super::output::truncate;
use super::report::{refuse_on_errors, xlsx_errors};
use super::{EXIT_OK, EXIT_USAGE, Format, Printer, RoadmapArgs};
use crate::diagnostics;
use crate::ingest::load_assessment;
use crate::model::{Roadmap, ServicePriority};
use crate::report::roadmap as tables;
use crate::roadmap::plan_assessment;
use crate::score::score;

#[derive(Serialize)]
struct Output<'a> {
    roadmap: &'a Roadmap,
    services: &'a [ServicePriority],
}

pub(super) fn run(printer: &Printer, args: &RoadmapArgs) -> u8 {
    let (assessment, mut found) = load_assessment(&args.workspace);
    diagnostics::sort(&mut found);
    let Some(assessment) = assessment else {
        printer.diagnostics(&found);
        printer.status(&format!(
            "{}: no roadmap ({})",
            args.workspace.display(),
            printer.counts(&found)
        ));
        return not_loaded_exit(&found);
    };
    let results = score(&assessment);
    let (roadmap, services) = plan_assessment(&results, &assessment);

    let mut json = serde_json::to_string_pretty(&Output {
        roadmap: &roadmap,
        services: &services,
    })
    .unwrap_or_default();
    json.push('\n');
    let out = args.out.clone().unwrap_or_else(|| output_dir(&args.workspace));
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("roadmap.json", json.clone().into_bytes()),
        ("roadmap.csv", tables::actions_csv(&roadmap).into_bytes()),
        ("services.csv", tables::services_csv(&services).into_bytes()),
    ];
    // Every file is rendered before any is written: a workbook that cannot be built leaves the
    // previous roadmap files as they were.
    match tables::workbook(&roadmap, &services) {
        Ok(bytes) => files.push(("roadmap.xlsx", bytes)),
        Err(err) => {
            let problems = xlsx_errors("roadmap.xlsx", err);
            printer.diagnostics(&found);
            return refuse_on_errors(printer, &problems, &out).unwrap_or(EXIT_USAGE);
        }
    }
    let outputs: Vec<super::files::Output> = files
        .iter()
        .map(|(name, bytes)| (out.join(name), bytes.clone()))
        .collect();
    if let Err(d) = write_run("roadmap", &outputs) {
        printer.diagnostics(&found);
        printer.fatal(&d);
        return EXIT_USAGE;
    }

    match args.format {
        Format::Json => {
            // Warnings go to stderr in every format, so that piping the JSON never hides them.
            printer.diagnostics(&found);
            printer.line(json.trim_end());
        }
        Format::Human => {
            printer.diagnostics(&found);
            summary(printer, &roadmap, &services);
            for (name, _) in &files {
                printer.line(&format!("{} {}", printer.dim("wrote"), out.join(name).display()));
            }
        }
    }
    EXIT_OK
}

fn summary(printer: &Printer, roadmap: &Roadmap, services: &[ServicePriority]) {
    if roadmap.actions.is_empty() {
        printer.line("No roadmap actions: the framework's action library has none for these gaps.");
    } else {
        printer.line(&printer.bold(&format!(
            "Roadmap: {} actions over {} months",
            roadmap.actions.len(),
            roadmap.months
        )));
        for phase in &roadmap.phases {
            printer.line(&format!(
                "  {:<18} months {:>3}–{:<3} {} actions",
                phase.phase.code().replace('_', " "),
                phase.start_month,
                phase.end_month,
                phase.actions
            ));
        }
        printer.line(&printer.bold("First actions"));
        for action in roadmap.actions.iter().take(15) {
            printer.line(&format!(
                "  {:>3}–{:<3} {:<46} {} → {}  ({})",
                action.start_month,
                action.end_month,
                truncate(&action.title, 46),
                action.raises,
                action.to_level,
                action.owner
            ));
        }
    }
    if !roadmap.uncovered.is_empty() {
        let shown: Vec<&str> = roadmap.uncovered.iter().take(10).map(|u| u.id.as_str()).collect();
        let more = roadmap.uncovered.len().saturating_sub(shown.len());
        printer.line(&format!(
            "  {} gap(s) no action in the library closes: {}{}",
            roadmap.uncovered.len(),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more (see roadmap.json)")
            } else {
                String::new()
            }
        ));
    }
    if !services.is_empty() {
        printer.line(&printer.bold("Services to build or revamp first"));
        for service in services.iter().take(5) {
            let blocked = if service.blocked_by.is_empty() {
                String::new()
            } else {
                format!(
                    "  blocked by {}{}",
                    service.blocked_by.join(", "),
                    service
                        .unblocked_month
                        .map(|m| format!(" until month {m}"))
                        .unwrap_or_default()
                )
            };
            printer.line(&format!(
                "  {}. [{}] {}{blocked}",
                service.rank,
                service.quadrant.label(),
                service.name
            ));
        }
    }
}
