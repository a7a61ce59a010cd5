//! `dpi-assess roadmap WS`: plans the actions that close the gaps and ranks the services; prints
//! the plan and writes roadmap.json, roadmap.csv, services.csv and roadmap.xlsx, all together.

use serde::Serialize;

use super::files::{output_dir, write_run};
use super::output::truncate;
use super::report::{refuse_on_errors, xlsx_errors};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Format, Printer, RoadmapArgs};
use crate::definitions::scenario::load_scenario;
use crate::model::{Roadmap, Scenario, ServicePriority};
use crate::report::roadmap as tables;

#[derive(Serialize)]
struct Output<'a> {
    roadmap: &'a Roadmap,
    services: &'a [ServicePriority],
}

/// scenario.json: the variant, its plan, and its projected index beside the base plan's
/// (scenario.csv has the comparison, scenario-roadmap.csv the variant's actions).
#[derive(Serialize)]
struct ScenarioOutput<'a> {
    scenario: &'a Scenario,
    /// Year by year: the base plan's and the scenario's projected overall index.
    comparison: Vec<YearComparison>,
    roadmap: &'a Roadmap,
}

#[derive(Serialize)]
struct YearComparison {
    year: u32,
    end_month: u32,
    base: Option<f64>,
    scenario: Option<f64>,
}

/// The two projections side by side, over the longer of the two.
fn compare_projections(base: &Roadmap, variant: &Roadmap) -> Vec<YearComparison> {
    let years = base.projection.len().max(variant.projection.len());
    (0..years)
        .map(|i| {
            let pick = |r: &Roadmap| {
                r.projection
                    .get(i)
                    .or_else(|| r.projection.last())
                    .and_then(|y| y.overall.score)
            };
            YearComparison {
                year: i as u32,
                end_month: i as u32 * 12,
                base: pick(base),
                scenario: pick(variant),
            }
        })
        .collect()
}

pub(super) fn run(printer: &Printer, args: &RoadmapArgs) -> u8 {
    let scored = match super::pipeline::load_and_score(printer, &args.workspace, "no roadmap") {
        Ok(scored) => scored,
        Err(code) => return code,
    };
    let super::pipeline::Plan { roadmap, services } = super::pipeline::plan(&scored);
    let variant = match &args.scenario {
        None => None,
        Some(path) => match load_scenario(path, &scored.assessment.framework) {
            Ok(scenario) => {
                let mut input = crate::roadmap::input_for(&scored.results, &scored.assessment);
                crate::roadmap::apply_scenario(&mut input, &scenario);
                let (planned, _) = crate::roadmap::plan_with(&scored.results, &scored.assessment, &input);
                Some((scenario, planned))
            }
            Err(problems) => {
                printer.diagnostics(&problems);
                printer.status(&format!(
                    "{}: no roadmap ({})",
                    path.display(),
                    printer.counts(&problems)
                ));
                return EXIT_FINDINGS;
            }
        },
    };

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
    let comparison = variant.as_ref().map(|(scenario, planned)| {
        let comparison = compare_projections(&roadmap, planned);
        let mut json = serde_json::to_string_pretty(&ScenarioOutput {
            scenario,
            comparison: compare_projections(&roadmap, planned),
            roadmap: planned,
        })
        .unwrap_or_default();
        json.push('\n');
        files.push(("scenario.json", json.into_bytes()));
        let rows: Vec<(u32, Option<f64>, Option<f64>)> =
            comparison.iter().map(|r| (r.year, r.base, r.scenario)).collect();
        files.push(("scenario.csv", tables::scenario_table(&rows).csv().into_bytes()));
        files.push(("scenario-roadmap.csv", tables::actions_csv(planned).into_bytes()));
        comparison
    });
    // Every file is rendered before any is written: a workbook that cannot be built leaves the
    // previous roadmap files as they were.
    match tables::workbook(&roadmap, &services) {
        Ok(bytes) => files.push(("roadmap.xlsx", bytes)),
        Err(err) => {
            let problems = xlsx_errors("roadmap.xlsx", err);
            return refuse_on_errors(printer, &problems, &out).unwrap_or(EXIT_USAGE);
        }
    }
    let outputs: Vec<super::files::Output> = files
        .iter()
        .map(|(name, bytes)| (out.join(name), bytes.clone().into()))
        .collect();
    if let Err(d) = write_run("roadmap", &outputs) {
        printer.fatal(&d);
        return EXIT_USAGE;
    }

    match args.format {
        // Warnings went to stderr when the workspace was read, in every format, so that piping
        // the JSON never hides them.
        Format::Json => printer.line(json.trim_end()),
        Format::Human => {
            summary(printer, &roadmap, &services);
            if let (Some((scenario, planned)), Some(comparison)) = (&variant, &comparison) {
                scenario_summary(printer, scenario, planned, comparison);
            }
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
            "Roadmap: {} actions over {} months (horizon {} months)",
            roadmap.actions.len(),
            roadmap.months,
            roadmap.horizon_months
        )));
        for phase in &roadmap.phases {
            // Months as the report numbers them: month 1 is the first of the plan, and a span
            // names its first and last month.
            printer.line(&format!(
                "  {:<18} months {:>3}–{:<3} {} actions",
                phase.phase.code().replace('_', " "),
                phase.start_month + 1,
                phase.end_month,
                phase.actions
            ));
        }
        printer.line(&printer.bold("First actions"));
        for action in roadmap.actions.iter().take(15) {
            printer.line(&format!(
                "  {:>3}–{:<3} {:<46} {} → {}  ({})",
                action.start_month + 1,
                action.end_month,
                truncate(&action.title, 46),
                action.raises,
                action.to_level,
                action.owner
            ));
        }
    }
    if let Some(costs) = &roadmap.costs {
        printer.line(&format!(
            "  indicative cost {} (ranges by year, phase and programme in roadmap.json and the report)",
            crate::report::context::outlook::money_range(&costs.currency, costs.total.low, costs.total.high)
        ));
    }
    if let (Some(first), Some(last)) = (roadmap.projection.first(), roadmap.projection.last())
        && let (Some(today), Some(end)) = (first.overall.score, last.overall.score)
        && last.year > 0
    {
        printer.line(&format!(
            "  projected index {today:.1} today → {end:.1} after {} year(s) if the plan is delivered",
            last.year
        ));
    }
    for missed in roadmap.interim_targets.iter().filter(|c| !c.met) {
        let due = match missed.due {
            crate::model::InterimDue::Phase(phase) => {
                format!("the end of {}", phase.code().replace('_', " "))
            }
            crate::model::InterimDue::Year(year) => format!("the end of {year}"),
        };
        printer.line(&format!(
            "  interim target missed: {} at level {} by {due}; the plan reaches {}",
            missed.item,
            missed.level,
            missed
                .planned_level
                .map(|l| format!("level {l}"))
                .unwrap_or_else(|| "no known level".to_string())
        ));
    }
    if !roadmap.beyond_horizon.is_empty() {
        let shown: Vec<&str> = roadmap
            .beyond_horizon
            .iter()
            .take(5)
            .map(|b| b.id.as_str())
            .collect();
        let more = roadmap.beyond_horizon.len().saturating_sub(shown.len());
        printer.line(&format!(
            "  {} action(s) cannot end within the {}-month horizon: {}{} (reasons in roadmap.json and the report)",
            roadmap.beyond_horizon.len(),
            roadmap.horizon_months,
            shown.join(", "),
            if more > 0 { format!(" and {more} more") } else { String::new() }
        ));
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

fn scenario_summary(
    printer: &Printer,
    scenario: &Scenario,
    planned: &Roadmap,
    comparison: &[YearComparison],
) {
    printer.line(&printer.bold(&format!("Scenario: {}", scenario.title)));
    printer.line(&format!(
        "  {} actions planned, {} beyond the horizon or left out",
        planned.actions.len(),
        planned.beyond_horizon.len()
    ));
    printer.line("  year  base index  scenario  difference");
    let show = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".to_string());
    for row in comparison {
        let difference = match (row.base, row.scenario) {
            (Some(b), Some(s)) => format!("{:+.1}", s - b),
            _ => "–".to_string(),
        };
        printer.line(&format!(
            "  {:>4}  {:>10}  {:>8}  {:>10}",
            row.year,
            show(row.base),
            show(row.scenario),
            difference
        ));
    }
}
