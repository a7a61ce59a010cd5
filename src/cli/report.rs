//! `dpi-assess report WS --out DIR`: ingest, score and write every report format.

use std::path::PathBuf;
use std::time::Instant;

use super::files::write_atomic;
use super::{EXIT_OK, EXIT_USAGE, Printer, ReportArgs, ReportFormat};
use crate::diagnostics::{self, Code, Diagnostic, Location, has_errors};
use crate::ingest::load_assessment;
use crate::report::{charts, context, csv, html, markdown, pdf, xlsx};
use crate::score::score;

/// A file that could not be rendered; the other outputs are still written.
pub(super) fn render_error(what: &str, err: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        Code::Render,
        Location::file(what),
        format!("cannot render {what}: {err}"),
    )
    .with_hint("this is a bug in dpi-assess or in an override template; the other outputs are unaffected")
}

pub(super) fn run(printer: &Printer, args: &ReportArgs) -> u8 {
    let started = Instant::now();
    let (assessment, mut found) = load_assessment(&args.workspace);
    diagnostics::sort(&mut found);
    printer.diagnostics(&found);
    let Some(assessment) = assessment else {
        printer.status(&format!(
            "{}: no report ({})",
            args.workspace.display(),
            printer.counts(&found)
        ));
        return super::files::not_loaded_exit(&found);
    };
    let formats: Vec<ReportFormat> = if args.format.is_empty() {
        ReportFormat::ALL.to_vec()
    } else {
        args.format.clone()
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| super::files::output_dir(&args.workspace));
    let results = score(&assessment);
    let ctx = context::build(&results, &assessment);

    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let wants = |f: ReportFormat| formats.contains(&f);
    if wants(ReportFormat::Json) {
        let mut json = serde_json::to_string_pretty(&results).unwrap_or_default();
        json.push('\n');
        outputs.push((out.join("results.json"), json.into_bytes()));
    }
    if wants(ReportFormat::Csv) {
        outputs.push((out.join("scores.csv"), csv::scores(&results).into_bytes()));
        outputs.push((out.join("gaps.csv"), csv::gaps(&results).into_bytes()));
        outputs.push((out.join("ledger.csv"), csv::ledger(&results).into_bytes()));
        outputs.push((out.join("systems.csv"), csv::systems(&ctx).into_bytes()));
    }
    if wants(ReportFormat::Xlsx) {
        match xlsx::render(&ctx) {
            Ok(bytes) => outputs.push((out.join("report.xlsx"), bytes)),
            Err(err) => problems.push(render_error("report.xlsx", err)),
        }
    }
    if wants(ReportFormat::Html) || wants(ReportFormat::Md) {
        let images = match charts::svg_images(&ctx) {
            Ok(images) => images,
            Err(err) => {
                problems.push(render_error("the charts", err));
                Default::default()
            }
        };
        let templates = args.templates.as_deref();
        if wants(ReportFormat::Html) {
            match html::render(&ctx, &images, templates) {
                Ok(text) => outputs.push((out.join("report.html"), text.into_bytes())),
                Err(err) => problems.push(render_error("report.html", err)),
            }
        }
        if wants(ReportFormat::Md) {
            match markdown::render(&ctx, &images, templates) {
                Ok(text) => outputs.push((out.join("report.md"), text.into_bytes())),
                Err(err) => problems.push(render_error("report.md", err)),
            }
        }
    }
    if wants(ReportFormat::Pdf) {
        printer.progress("drawing the PDF…");
        let rasters = match charts::raster(&ctx, 2.0) {
            Ok(rasters) => rasters,
            Err(err) => {
                problems.push(render_error("the PDF charts", err));
                Vec::new()
            }
        };
        match pdf::render(&ctx, &rasters) {
            Ok(output) => {
                problems.extend(pdf_warnings("report.pdf", &output));
                outputs.push((out.join("report.pdf"), output.bytes));
            }
            Err(err) => problems.push(render_error("report.pdf", err)),
        }
    }

    for (path, bytes) in &outputs {
        if let Err(d) = write_atomic(path, bytes) {
            printer.fatal(&d);
            return EXIT_USAGE;
        }
        printer.line(&format!(
            "{} {} ({})",
            printer.dim("wrote"),
            path.display(),
            size(bytes.len())
        ));
    }
    printer.diagnostics(&problems);
    let a = &results.assessment;
    printer.line(&format!(
        "{} ({}), {}: overall {} — {} file(s) in {} ({:.1} s)",
        a.country,
        a.iso3,
        a.date,
        ctx.summary.overall.display,
        outputs.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    if has_errors(&problems) {
        EXIT_USAGE
    } else {
        EXIT_OK
    }
}

/// What a reader of the PDF would miss: characters no font has, and right-to-left text drawn
/// unshaped.
pub(super) fn pdf_warnings(file: &str, output: &pdf::PdfOutput) -> Vec<Diagnostic> {
    let glyphs = output.missing_glyphs.iter().map(|glyph| {
        Diagnostic::warning(
            Code::MissingGlyph,
            Location::file(file),
            format!("no embedded font has the character {glyph}; it is left out of the PDF"),
        )
        .with_hint("the HTML report shows it; the PDF fonts cover Latin, Greek, Cyrillic and Ethiopic")
    });
    let right_to_left = output.right_to_left.iter().map(|text| {
        Diagnostic::warning(
            Code::UnshapedText,
            Location::file(file),
            format!("the PDF draws the Arabic or Hebrew letters of \"{text}\" one by one, left to right and unjoined"),
        )
        .with_hint("read this text in the HTML report, which the browser shapes correctly; or write it in Latin letters for the PDF")
    });
    glyphs.chain(right_to_left).collect()
}

fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
