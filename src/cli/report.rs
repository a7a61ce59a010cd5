//! `dpi-assess report WS --out DIR`: ingest, score and write every report format.
//!
//! Every format is rendered first, in memory or, for the JSON files (tens of megabytes for a
//! national assessment), into hidden temporary files ([`super::files::Spill`]); only when all of
//! them rendered are the files written, together (see [`super::files::write_run`]). A run that
//! fails anywhere leaves the files of the previous run as they were. results.json is written while
//! the report context is built; the formats are then rendered side by side, on every core.

use crate::diagnostics::visible;
use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use super::files::{Body, Output, Spill, write_run};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Printer, ReportArgs, ReportFormat};
use crate::diagnostics::{Code, Diagnostic, Location, has_errors};
use crate::model::Results;
use crate::report::context::ReportContext;
use crate::report::html::RenderError;
use crate::report::{ChartImages, charts, context, csv, html, markdown, pdf, xlsx};

/// What every failed render adds: the run wrote nothing.
const NOTHING_WRITTEN: &str = "nothing was written: the files of the previous run are as they were";

/// A file that could not be rendered because of a bug in dpi-assess.
pub(super) fn render_error(what: &str, err: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        Code::Render,
        Location::file(what),
        format!("cannot render {what}: {err}"),
    )
    .with_hint(format!(
        "this is a bug in dpi-assess; please report it with this message. {}",
        capitalised(NOTHING_WRITTEN)
    ))
}

/// A file whose template could not be rendered: an error in an override template (the message
/// names its file and line), or, in an embedded template, a bug.
pub(super) fn template_error(what: &str, err: &RenderError) -> Diagnostic {
    let overridden = matches!(
        err,
        RenderError::Template { file: Some(_), .. } | RenderError::Read { .. }
    );
    if !overridden {
        return render_error(what, err);
    }
    Diagnostic::error(
        Code::Render,
        Location::file(what),
        format!("cannot render {what}: {err}"),
    )
    .with_hint(format!(
        "fix the override template, or leave out --templates to use the embedded one; {NOTHING_WRITTEN}"
    ))
}

/// A workbook that could not be written: texts longer than a spreadsheet cell holds, each
/// located in the workbook, or a bug.
pub(super) fn xlsx_errors(what: &str, err: xlsx::Error) -> Vec<Diagnostic> {
    let cells = match err {
        xlsx::Error::TooLong(cells) => cells,
        xlsx::Error::Writer(rust_xlsxwriter::XlsxError::MaxStringLengthExceeded) => {
            return vec![too_long(
                Location::file(what),
                format!(
                    "{what} cannot be written: a text is longer than the 32,767 characters a spreadsheet cell can hold"
                ),
            )];
        }
        xlsx::Error::Writer(err) => return vec![render_error(what, err)],
    };
    cells
        .into_iter()
        .map(|cell| {
            let location = Location::Cell {
                path: what.to_string(),
                sheet: Some(cell.sheet.to_string()),
                row: cell.row,
                column: cell.column,
                header: cell.header.clone(),
            };
            too_long(location, cell.message())
        })
        .collect()
}

fn too_long(location: Location, message: String) -> Diagnostic {
    Diagnostic::error(Code::TextTooLong, location, message).with_hint(format!(
        "texts from the input files are checked when they are read, so this one comes from the framework, a questionnaire or assessment.yaml: shorten it there, or leave xlsx out of --format; {NOTHING_WRITTEN}"
    ))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The exit code of a run that rendered with `problems`: 2 when a format could not be rendered
/// (a broken override template or a bug) or a file written ahead could not be (I/O), 1 for
/// findings such as a text too long, else 0.
pub(super) fn render_exit(problems: &[Diagnostic]) -> u8 {
    if problems
        .iter()
        .any(|d| d.is_error() && matches!(d.code, Code::Render | Code::Io))
    {
        EXIT_USAGE
    } else if has_errors(problems) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Every requested format, rendered in memory, with the problems met (warnings included).
fn render(
    printer: &Printer,
    early: Vec<(Job, Rendered)>,
    results: &Results,
    ctx: &ReportContext,
    formats: &[ReportFormat],
    out: &Path,
    templates: Option<&Path>,
) -> (Vec<Output>, Vec<Diagnostic>) {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let wants = |f: ReportFormat| formats.contains(&f);
    // One drawing of each chart: the HTML embeds it, the Markdown links it, the PDF draws it.
    let images = if wants(ReportFormat::Html) || wants(ReportFormat::Md) || wants(ReportFormat::Pdf) {
        match charts::svg_images(ctx) {
            Ok(images) => Some(images),
            Err(err) => {
                problems.push(render_error("the charts", err));
                None
            }
        }
    } else {
        None
    };
    if wants(ReportFormat::Pdf) {
        printer.progress("drawing the PDF…");
    }
    // Each file is rendered on its own, on every core; the results come back in this order.
    let jobs: Vec<Job> = Job::ALL
        .into_iter()
        .filter(|job| wants(job.format()) && !early.iter().any(|(done, _)| done == job))
        .collect();
    let templating = OnceLock::new();
    let rendered = crate::parallel::map(&jobs, |job| {
        job.render(&Inputs {
            results,
            ctx,
            images: images.as_ref(),
            templating: &templating,
            out,
            templates,
        })
    });
    // Listed as always: JSON, CSV, XLSX, HTML, Markdown, PDF.
    let mut rendered: Vec<(Job, Rendered)> = jobs.into_iter().zip(rendered).chain(early).collect();
    rendered.sort_by_key(|(job, _)| job.format_rank());
    let mut outputs = Vec::new();
    for (_, (mut files, mut found)) in rendered {
        outputs.append(&mut files);
        problems.append(&mut found);
    }
    (outputs, problems)
}

/// What a job gives: its files, and the problems met.
type Rendered = (Vec<Output>, Vec<Diagnostic>);

/// What every rendering reads.
struct Inputs<'a> {
    results: &'a Results,
    ctx: &'a ReportContext,
    /// The charts, unless they could not be drawn (that error is reported once).
    images: Option<&'a ChartImages>,
    /// The Tera context of the HTML and the Markdown report, built by the first of them to
    /// start and shared with the other (the context holds every answer: once is enough).
    templating: &'a OnceLock<Result<tera::Context, RenderError>>,
    out: &'a Path,
    templates: Option<&'a Path>,
}

impl Inputs<'_> {
    /// The Tera context of the HTML and the Markdown report, built on first use.
    fn templating(&self) -> Result<&tera::Context, RenderError> {
        self.templating
            .get_or_init(|| {
                html::base_context(
                    self.ctx,
                    self.images.unwrap_or(&ChartImages::default()),
                    self.templates,
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// One piece of rendering: a file or a few small ones. The longest start first (the PDF for a
/// typical assessment, the workbook and the JSON for a national inventory), so that the cores
/// finish together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Results,
    Content,
    Csv,
    Xlsx,
    Html,
    Markdown,
    Pdf,
}

impl Job {
    const ALL: [Job; 7] = [
        Job::Pdf,
        Job::Xlsx,
        Job::Content,
        Job::Results,
        Job::Html,
        Job::Markdown,
        Job::Csv,
    ];

    /// Where its files are listed.
    fn format_rank(self) -> usize {
        match self {
            Job::Results => 0,
            Job::Content => 1,
            Job::Csv => 2,
            Job::Xlsx => 3,
            Job::Html => 4,
            Job::Markdown => 5,
            Job::Pdf => 6,
        }
    }

    fn format(self) -> ReportFormat {
        match self {
            Job::Results | Job::Content => ReportFormat::Json,
            Job::Csv => ReportFormat::Csv,
            Job::Xlsx => ReportFormat::Xlsx,
            Job::Html => ReportFormat::Html,
            Job::Markdown => ReportFormat::Md,
            Job::Pdf => ReportFormat::Pdf,
        }
    }

    fn render(self, i: &Inputs) -> Rendered {
        let mut outputs: Vec<Output> = Vec::new();
        let mut problems: Vec<Diagnostic> = Vec::new();
        let out = i.out;
        match self {
            // The JSON files of a national assessment run to tens of megabytes: written ahead to
            // disk, never held whole in memory.
            Job::Results => return results_json(i.results, out),
            Job::Content => {
                // The report's content, as every other format shows it: for users' own renderers.
                match json_file(&out.join("report.json"), i.ctx) {
                    Ok(output) => outputs.push(output),
                    Err(d) => problems.push(d),
                }
            }
            Job::Csv => {
                outputs.push((out.join("scores.csv"), csv::scores(i.results).into_bytes().into()));
                outputs.push((out.join("gaps.csv"), csv::gaps(i.results).into_bytes().into()));
                outputs.push((out.join("ledger.csv"), csv::ledger(i.results).into_bytes().into()));
                outputs.push((out.join("systems.csv"), csv::systems(i.ctx).into_bytes().into()));
                outputs.push((
                    out.join("architecture.csv"),
                    csv::architecture(i.ctx).into_bytes().into(),
                ));
            }
            Job::Xlsx => match xlsx::render(i.ctx) {
                Ok(bytes) => outputs.push((out.join("report.xlsx"), bytes.into())),
                Err(err) => problems.extend(xlsx_errors("report.xlsx", err)),
            },
            Job::Html => {
                match i
                    .templating()
                    .and_then(|base| html::render_from(base, i.ctx, i.templates))
                {
                    Ok(text) => outputs.push((out.join("report.html"), text.into_bytes().into())),
                    Err(err) => problems.push(template_error("report.html", &err)),
                }
                // The diagram on its own, for slides and the architecture working group.
                if let Some(images) = i.images {
                    let svg = images.architecture.standalone_svg();
                    outputs.push((out.join("architecture.svg"), svg.into_bytes().into()));
                }
            }
            Job::Markdown => {
                match i
                    .templating()
                    .and_then(|base| markdown::render_from(base, i.ctx, i.templates))
                {
                    Ok(text) => outputs.push((out.join("report.md"), text.into_bytes().into())),
                    Err(err) => problems.push(template_error("report.md", &err)),
                }
            }
            // Without charts the PDF is still written, with its tables and text alternatives.
            Job::Pdf => match pdf::render(
                i.ctx,
                &i.images.map(|c| c.in_order().to_vec()).unwrap_or_default(),
            ) {
                Ok(output) => {
                    problems.extend(pdf_warnings("report.pdf", &output));
                    outputs.push((out.join("report.pdf"), output.bytes.into()));
                }
                Err(err) => problems.push(render_error("report.pdf", err)),
            },
        }
        (outputs, problems)
    }
}

/// results.json, which needs only the results (so [`run`] writes it while the context is built).
fn results_json(results: &Results, out: &Path) -> Rendered {
    match json_file(&out.join("results.json"), results) {
        Ok(output) => (vec![output], Vec::new()),
        Err(d) => (Vec::new(), vec![d]),
    }
}

/// `value` as pretty JSON with a final line break, spilled ahead to a temporary file.
fn json_file(path: &Path, value: &impl serde::Serialize) -> Result<Output, Diagnostic> {
    let spill = Spill::write(path, |w| {
        serde_json::to_writer_pretty(&mut *w, value)?;
        w.write_all(b"\n")
    })?;
    Ok((path.to_path_buf(), Body::Spilled(spill)))
}

/// Prints the problems of a run; when any is an error, says that nothing was written and returns
/// the exit code. `None`: the outputs can be written.
pub(super) fn refuse_on_errors(printer: &Printer, problems: &[Diagnostic], out: &Path) -> Option<u8> {
    printer.diagnostics(problems);
    if !has_errors(problems) {
        return None;
    }
    printer.status(&format!(
        "nothing written ({}); the files in {} are as they were",
        printer.counts(problems),
        out.display()
    ));
    Some(render_exit(problems))
}

pub(super) fn run(printer: &Printer, args: &ReportArgs) -> u8 {
    let started = Instant::now();
    let scored = match super::pipeline::load_and_score(printer, &args.workspace, "no report") {
        Ok(scored) => scored,
        Err(code) => return code,
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
    let plan = super::pipeline::plan(&scored);
    // The context is built on another core while this one writes results.json, which needs only
    // the results: that core would otherwise wait.
    let (ctx, early) = crate::parallel::join(
        || context::build(&scored.results, &scored.assessment, &plan.roadmap, &plan.services),
        || {
            formats
                .contains(&ReportFormat::Json)
                .then(|| (Job::Results, results_json(&scored.results, &out)))
        },
    );
    // What was read and planned is in the results and the context now.
    drop(plan);
    let results = &scored.results;
    drop(scored.assessment);

    let early = early.into_iter().collect();
    let (outputs, problems) = render(
        printer,
        early,
        results,
        &ctx,
        &formats,
        &out,
        args.templates.as_deref(),
    );
    if let Some(code) = refuse_on_errors(printer, &problems, &out) {
        return code;
    }
    if let Err(d) = write_run("report", &outputs) {
        printer.fatal(&d);
        return EXIT_USAGE;
    }
    for (path, bytes) in &outputs {
        printer.line(&format!(
            "{} {} ({})",
            printer.dim("wrote"),
            path.display(),
            size(bytes.size())
        ));
    }
    let a = &results.assessment;
    printer.line(&format!(
        "{} ({}), {}: overall {} — {} file(s) in {} ({:.1} s)",
        visible(&a.country),
        a.iso3,
        a.date,
        ctx.summary.overall.display,
        outputs.len(),
        out.display(),
        started.elapsed().as_secs_f64()
    ));
    // The process ends now: freeing a national inventory's context and results piece by piece
    // (hundreds of thousands of strings) took 3 % of the report's time, and the system reclaims
    // the memory at exit anyway. Only memory is left: the outputs, which may own files, drop.
    std::mem::forget(ctx);
    std::mem::forget(scored.results);
    EXIT_OK
}

/// What a reader of the PDF would miss: characters no font has.
pub(super) fn pdf_warnings(file: &str, output: &pdf::PdfOutput) -> Vec<Diagnostic> {
    output.missing_glyphs.iter().map(|glyph| {
        Diagnostic::warning(
            Code::MissingGlyph,
            Location::file(file),
            format!("no embedded font has the character {glyph}; the PDF draws � in its place"),
        )
        .with_hint("the HTML report shows it; the PDF fonts cover Latin, Greek, Cyrillic, Arabic, Hebrew and Ethiopic")
    })
    .collect()
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}
