//! `dpi-assess score WS`: scores a workspace, writes results.json (and CSV tables) all together,
//! prints a summary.

use super::output::truncate;
use super::{EXIT_OK, EXIT_USAGE, Format, Printer, ScoreArgs};
use crate::diagnostics::visible;
use crate::model::{NodeScore, Results};
use crate::report;

pub(super) fn run(printer: &Printer, args: &ScoreArgs) -> u8 {
    let results = match super::pipeline::load_and_score(printer, &args.workspace, "not scored") {
        Ok(scored) => scored.results,
        Err(code) => return code,
    };
    let mut json = serde_json::to_string_pretty(&results).unwrap_or_default();
    json.push('\n');

    let out = args
        .out
        .clone()
        .unwrap_or_else(|| super::files::output_dir(&args.workspace).join("results.json"));
    let mut outputs: Vec<super::files::Output> = vec![(out.clone(), json.clone().into_bytes().into())];
    if let Some(dir) = &args.csv {
        outputs.push((
            dir.join("scores.csv"),
            report::csv::scores(&results).into_bytes().into(),
        ));
        outputs.push((
            dir.join("gaps.csv"),
            report::csv::gaps(&results).into_bytes().into(),
        ));
    }
    // results.json and the csv tables appear together, or neither does.
    if let Err(d) = super::files::write_run("score", &outputs) {
        printer.fatal(&d);
        return EXIT_USAGE;
    }
    let written: Vec<_> = outputs.into_iter().map(|(path, _)| path).collect();

    match args.format {
        // Warnings went to stderr when the workspace was read, in every format, so that piping
        // the JSON never hides them.
        Format::Json => printer.line(json.trim_end()),
        Format::Human => {
            summary(printer, &results);
            for path in &written {
                printer.line(&format!("{} {}", printer.dim("wrote"), path.display()));
            }
        }
    }
    EXIT_OK
}

fn show(node: &NodeScore, results: &Results) -> String {
    match (node.score, node.level) {
        (Some(score), Some(level)) => format!(
            "{score:>5.1}  {:<11}  coverage {:>3.0}%{}",
            results.rules.level_names[level as usize],
            node.coverage * 100.0,
            if node.capped_by.is_empty() {
                String::new()
            } else {
                format!("  capped by {}", node.capped_by.join(", "))
            }
        ),
        (Some(score), None) if node.provisional => format!(
            "{score:>5.1}  {:<11}  coverage {:>3.0}% (below the {:.0}% floor: no level)",
            "provisional",
            node.coverage * 100.0,
            results.rules.min_coverage * 100.0
        ),
        _ => format!(
            "    –  {:<11}  coverage {:>3.0}%",
            if node.status == crate::model::NodeStatus::NotApplicable {
                "n/a"
            } else {
                "no data"
            },
            node.coverage * 100.0
        ),
    }
}

fn summary(printer: &Printer, results: &Results) {
    let a = &results.assessment;
    printer.line(&printer.bold(&format!(
        "{} ({}), {} — {} {}",
        visible(&a.country),
        visible(&a.iso3),
        a.date,
        results.framework.id,
        results.framework.version
    )));
    printer.line(&format!(
        "  {:<44} {}",
        "Overall index",
        show(&results.overall, results)
    ));
    for pillar in &results.pillars {
        printer.line(&format!(
            "  {:<44} {}",
            truncate(&pillar.title, 44),
            show(&pillar.node, results)
        ));
    }
    let fired: Vec<&str> = results
        .caps
        .iter()
        .filter(|c| c.lowered)
        .map(|c| c.id.as_str())
        .collect();
    if !fired.is_empty() {
        printer.line(&format!("  caps applied: {}", fired.join(", ")));
    }
    printer.line(&format!(
        "  {} of {} applicable indicators answered; {} disputed, {} unverified",
        results.data.indicators_answered,
        results.data.indicators_applicable,
        results.disputed.len(),
        results.unverified.len()
    ));
    if !results.gaps.is_empty() {
        printer.line(&printer.bold("Ten largest gaps"));
        let mut largest: Vec<_> = results.gaps.iter().collect();
        largest.sort_by(|a, b| b.gap.cmp(&a.gap).then(a.rank.cmp(&b.rank)));
        for gap in largest.iter().take(10) {
            printer.line(&format!(
                "  {:<44} level {} → target {}  (gap {}, priority #{})",
                truncate(&gap.title, 44),
                gap.level,
                gap.target,
                gap.gap,
                gap.rank
            ));
        }
    }
}
