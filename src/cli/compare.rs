//! `dpi-assess compare INPUT... --out DIR`: compare countries, and each country over time.
//!
//! Each input is a results.json or a workspace (scored here, its roadmap planned so that a later
//! assessment can say which actions were completed). The library does the comparison
//! (`compare`) and the rendering (`report::compare`); this file reads inputs, writes files and
//! prints the summary table.

use crate::diagnostics::visible;
use std::path::Path;

use super::files::{Output, write_run};
use super::output::truncate;
use super::report::{refuse_on_errors, render_error, template_error, xlsx_errors};
use super::{CompareArgs, CompareFormat, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Printer};
use crate::compare::{self, CompareError, CompareInput, Comparison, band_text};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::Results;
use crate::report::compare as render;

/// Why an input could not be used, with the exit code it calls for.
pub(super) struct Refused {
    pub diagnostics: Vec<Diagnostic>,
    pub code: u8,
}

fn is_workspace(path: &Path) -> bool {
    path.join("assessment.yaml").is_file()
        || path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".yaml") || n.to_string_lossy().ends_with(".yml"))
}

/// An input read, with the warnings met reading it (a workspace's; none for a results.json).
pub(super) fn load(path: &Path) -> Result<(CompareInput, Vec<Diagnostic>), Refused> {
    let source = path.display().to_string();
    if is_workspace(path) {
        let scored = super::pipeline::read_and_score(path).map_err(|not_loaded| Refused {
            diagnostics: not_loaded.diagnostics,
            code: not_loaded.code,
        })?;
        let plan = super::pipeline::plan(&scored);
        let input = CompareInput {
            source,
            results: scored.results,
            roadmap: Some(plan.roadmap),
        };
        return Ok((input, scored.warnings));
    }
    let refuse = |code: Code, message: String, hint: &str| Refused {
        diagnostics: vec![Diagnostic::error(code, Location::file(&source), message).with_hint(hint)],
        code: EXIT_USAGE,
    };
    if path.is_dir() {
        return Err(refuse(
            Code::WorkspaceNotFound,
            "the folder has no assessment.yaml, so it is not a workspace".to_string(),
            "give a workspace folder (with assessment.yaml) or a results.json written by `dpi-assess score`",
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        refuse(
            Code::Io,
            format!("cannot read the file: {e}"),
            "check the path; inputs are results.json files or workspace folders",
        )
    })?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        refuse(
            Code::InvalidResults,
            format!("not JSON (line {}, column {}): {e}", e.line(), e.column()),
            "give a results.json written by `dpi-assess score` or `dpi-assess report`, or a workspace folder",
        )
    })?;
    let version = value.get("schema_version").and_then(|v| v.as_str()).unwrap_or("");
    if version.is_empty() {
        return Err(refuse(
            Code::InvalidResults,
            "not a results.json: it has no `schema_version`".to_string(),
            "give a results.json written by `dpi-assess score` or `dpi-assess report`, or a workspace folder",
        ));
    }
    if version.split('.').next() != Some("2") {
        return Err(refuse(
            Code::InvalidResults,
            format!("results schema version {version} is not one this tool reads (2.x)"),
            "re-score the workspace with this version of dpi-assess: `dpi-assess score WORKSPACE`",
        ));
    }
    let results: Results = serde_json::from_value(value).map_err(|e| {
        refuse(
            Code::InvalidResults,
            format!("not a results.json of schema 2.x: {e}"),
            "give a results.json written by `dpi-assess score`, unedited, or re-score the workspace",
        )
    })?;
    let input = CompareInput {
        source,
        results,
        roadmap: None,
    };
    Ok((input, Vec::new()))
}

/// Every output in `formats`, rendered in memory (the caller writes them all together, and none
/// when a problem is an error), with the rendering problems met. `inputs` are the comparison's
/// (the portfolio files show every one of them). `templates` overrides the embedded HTML and Markdown templates.
pub(crate) fn outputs(
    comparison: &Comparison,
    inputs: &[CompareInput],
    formats: &[CompareFormat],
    out: &Path,
    templates: Option<&Path>,
) -> (Vec<Output>, Vec<Diagnostic>) {
    let mut outputs: Vec<Output> = Vec::new();
    let mut problems = Vec::new();
    let wants = |f: CompareFormat| formats.contains(&f);
    if wants(CompareFormat::Json) {
        outputs.push((
            out.join("comparison.json"),
            render::json(comparison).into_bytes().into(),
        ));
    }
    if wants(CompareFormat::Csv) {
        outputs.push((
            out.join("comparison-matrix.csv"),
            render::csv::matrix(comparison).csv().into_bytes().into(),
        ));
        outputs.push((
            out.join("comparison-benchmarks.csv"),
            render::csv::benchmarks(comparison).csv().into_bytes().into(),
        ));
        outputs.push((
            out.join("comparison-ranks.csv"),
            render::csv::ranks(comparison).csv().into_bytes().into(),
        ));
        outputs.push((
            out.join("comparison-progress.csv"),
            render::csv::progress(comparison).csv().into_bytes().into(),
        ));
        // Every GTMI edition of every compared country, when any has one (the ranks table holds
        // the latest edition only).
        if comparison.gtmi.countries_with_data > 0 {
            outputs.push((
                out.join("comparison-gtmi.csv"),
                render::csv::gtmi(comparison).csv().into_bytes().into(),
            ));
        }
    }
    if wants(CompareFormat::Xlsx) {
        match render::xlsx::render(comparison) {
            Ok(bytes) => outputs.push((out.join("comparison.xlsx"), bytes.into())),
            Err(err) => problems.extend(xlsx_errors("comparison.xlsx", err)),
        }
    }
    if wants(CompareFormat::Html) || wants(CompareFormat::Md) || wants(CompareFormat::Pdf) {
        match render::charts::svg_images(comparison) {
            Ok(charts) => {
                if wants(CompareFormat::Html) {
                    match render::html(comparison, &charts, templates) {
                        Ok(text) => outputs.push((out.join("comparison.html"), text.into_bytes().into())),
                        Err(err) => problems.push(template_error("comparison.html", &err)),
                    }
                }
                if wants(CompareFormat::Md) {
                    match render::markdown(comparison, &charts, templates) {
                        Ok(text) => outputs.push((out.join("comparison.md"), text.into_bytes().into())),
                        Err(err) => problems.push(template_error("comparison.md", &err)),
                    }
                }
                if wants(CompareFormat::Pdf) {
                    match crate::report::pdf::compare::render(comparison, &charts.in_order()) {
                        Ok(output) => {
                            problems.extend(super::report::pdf_warnings("comparison.pdf", &output));
                            outputs.push((out.join("comparison.pdf"), output.bytes.into()));
                        }
                        Err(err) => problems.push(render_error("comparison.pdf", err)),
                    }
                }
            }
            Err(err) => problems.push(render_error("the comparison charts", err)),
        }
    }
    if wants(CompareFormat::Tidy) || wants(CompareFormat::Sqlite) {
        let entries = render::portfolio::entries(inputs, comparison);
        if wants(CompareFormat::Tidy) {
            outputs.push((
                out.join("portfolio-long.csv"),
                render::tidy::csv(&entries).into_bytes().into(),
            ));
        }
        if wants(CompareFormat::Sqlite) {
            match render::sqlite::render(&entries) {
                Ok(bytes) => outputs.push((out.join("portfolio.sqlite"), bytes.into())),
                Err(err) => problems.push(render_error("portfolio.sqlite", err)),
            }
        }
    }
    (outputs, problems)
}

pub(super) fn run(printer: &Printer, args: &CompareArgs) -> u8 {
    let mut inputs = Vec::new();
    let mut refused: Vec<Refused> = Vec::new();
    for path in &args.inputs {
        match load(path) {
            Ok((input, warnings)) => {
                // A workspace's warnings deserve a look before its numbers are compared, as
                // `score` and `report` show them.
                printer.diagnostics(&warnings);
                inputs.push(input);
            }
            Err(r) => refused.push(r),
        }
    }
    if !refused.is_empty() {
        let code = refused.iter().map(|r| r.code).max().unwrap_or(EXIT_USAGE);
        for r in &refused {
            printer.diagnostics(&r.diagnostics);
        }
        printer.status(&format!(
            "no comparison: {} of {} input(s) could not be used",
            refused.len(),
            args.inputs.len()
        ));
        return code;
    }
    let settings = args.comparison.settings();
    let comparison = match compare::compare_under(&inputs, settings, args.allow_mixed_rules) {
        Ok(c) => c,
        Err(err) => {
            let (code, exit, location, hint) = match &err {
                CompareError::IncompatibleFramework { other, .. } => (
                    Code::IncompatibleFramework,
                    EXIT_FINDINGS,
                    other.clone(),
                    "compare results of one framework and major version; re-score older workspaces with the current framework to compare them",
                ),
                CompareError::SameDate { other, .. } => (
                    Code::DuplicateId,
                    EXIT_FINDINGS,
                    other.clone(),
                    "give each assessment of a country once; a follow-up needs its own date",
                ),
                CompareError::Settings(_) => (
                    Code::InvalidValue,
                    EXIT_USAGE,
                    "command line".to_string(),
                    "for example --draws 1000 --noise 0.25",
                ),
                CompareError::NoInputs => (
                    Code::InvalidValue,
                    EXIT_USAGE,
                    "command line".to_string(),
                    "give results.json files or workspace folders",
                ),
                CompareError::MixedRules { inputs } => (
                    Code::MixedRules,
                    EXIT_FINDINGS,
                    inputs.first().map(|(s, _)| s.clone()).unwrap_or_default(),
                    "score every input under the framework's rules (take the override out of its assessment.yaml, answer the same questionnaire), or pass --allow-mixed-rules to compare each as scored, its rows marked",
                ),
            };
            printer
                .fatal(&Diagnostic::error(code, Location::file(location), err.to_string()).with_hint(hint));
            return exit;
        }
    };
    weights_undone(printer, &comparison);
    let formats = args.comparison.formats();
    if let Err(code) = write_comparison(
        printer,
        &comparison,
        &inputs,
        &formats,
        &args.out,
        args.templates.as_deref(),
    ) {
        return code;
    }
    summary(printer, &comparison);
    EXIT_OK
}

/// Renders the comparison in `formats` and writes every file into `out`, or none when a
/// rendering problem is an error; lists the files written. The exit code on failure.
pub(super) fn write_comparison(
    printer: &Printer,
    comparison: &Comparison,
    inputs: &[CompareInput],
    formats: &[CompareFormat],
    out: &Path,
    templates: Option<&Path>,
) -> Result<(), u8> {
    let (written, problems) = outputs(comparison, inputs, formats, out, templates);
    if let Some(code) = refuse_on_errors(printer, &problems, out) {
        return Err(code);
    }
    if let Err(d) = write_run("compare", &written) {
        printer.fatal(&d);
        return Err(EXIT_USAGE);
    }
    for (path, _) in &written {
        printer.line(&format!("{} {}", printer.dim("wrote"), path.display()));
    }
    Ok(())
}

fn summary(printer: &Printer, c: &Comparison) {
    printer.line("");
    printer.line(&printer.bold(&format!(
        "{:<4} {:<24} {:<10} {:>7} {:>5} {:>7} {:>7}",
        "rank", "country", "date", "overall", "level", "median", "5–95 %"
    )));
    for row in &c.countries {
        printer.line(&format!(
            "{:<4} {:<24} {:<10} {:>7} {:>5} {:>7} {:>7}",
            row.nominal_rank
                .map(|r| r.to_string())
                .unwrap_or_else(|| "–".into()),
            truncate(&format!("{} ({})", visible(&row.country), visible(&row.iso3)), 24),
            row.date,
            row.overall
                .score
                .map(|s| format!("{s:.1}"))
                .unwrap_or_else(|| "no data".into()),
            row.overall
                .level
                .map(|l| l.to_string())
                .unwrap_or_else(|| "–".into()),
            row.rank
                .as_ref()
                .map(|r| r.median.to_string())
                .unwrap_or_else(|| "–".into()),
            row.rank.as_ref().map(band_text).unwrap_or_else(|| "–".into()),
        ));
    }
    printer.line(&printer.dim(&format!(
        "ranks under ±{:.0} % weight noise, {} draws, seed {}",
        c.uncertainty.noise * 100.0,
        c.uncertainty.draws,
        c.uncertainty.seed
    )));
    for series in &c.progress {
        for step in &series.steps {
            let overall = step
                .changes
                .iter()
                .find(|ch| ch.kind == compare::NodeKind::Overall);
            printer.line(&format!(
                "{} ({}) {} → {}: overall {}; indicators {} improved, {} regressed, {} unchanged, {} newly answered; BBs {} improved, {} regressed{}",
                visible(&series.country),
                series.iso3,
                step.from_date,
                step.to_date,
                overall
                    .and_then(|o| o.delta)
                    .map(|d| format!("{d:+.1}"))
                    .unwrap_or_else(|| "n/a".into()),
                step.indicators.improved,
                step.indicators.regressed,
                step.indicators.unchanged,
                step.indicators.newly_answered,
                step.building_blocks.improved,
                step.building_blocks.regressed,
                step.roadmap
                    .as_ref()
                    .map(|r| format!("; roadmap {} of {} actions completed", r.completed, r.planned))
                    .unwrap_or_default(),
            ));
        }
    }
    if c.indicators.recomputed {
        printer.line(&format!(
            "compared on the {} indicators every input has; {} others are listed in the report",
            c.indicators.shared,
            c.indicators.not_shared.len()
        ));
    }
}

/// One warning per input whose weight overrides the comparison undid, naming each weight.
fn weights_undone(printer: &Printer, comparison: &Comparison) {
    for input in &comparison.inputs {
        if input.rules.treatment != compare::Treatment::WeightsUndone {
            continue;
        }
        let weights: Vec<String> = input
            .rules
            .overrides
            .iter()
            .flatten()
            .filter_map(|o| match o {
                crate::model::RuleOverride::Weight {
                    node,
                    framework,
                    assessment,
                } => Some(format!("{node} {assessment} (framework {framework})")),
                _ => None,
            })
            .collect();
        printer.diagnostics(&[Diagnostic::warning(
            Code::WeightsUndone,
            Location::file(&input.source),
            format!(
                "scored with its own weights ({}); compared under the framework's weights",
                weights.join(", ")
            ),
        )
        .with_hint("pass --allow-mixed-rules to compare it as scored, its rows marked")]);
    }
}
