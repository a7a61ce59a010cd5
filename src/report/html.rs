//! HTML report: one self-contained file (inline CSS, charts as inline SVG, no scripts, no
//! external requests) that reads well on a phone and prints one section per page.
//!
//! In: a [`ReportContext`], the [`ChartImages`] and, optionally, a directory of template
//! overrides. Out: the HTML text. Pure apart from reading override templates.
//!
//! Escaping: Tera escapes every value printed by a template whose name ends in `.html.tera`
//! (set with `autoescape_on`; Tera's default list would miss that suffix). Only two things are
//! printed unescaped: chart SVG (drawn by our own chart code, which escapes its text) and the
//! method annex, converted here from Markdown *after* escaping it. The Markdown renderer shares
//! the engine set-up and [`RenderError`] defined here.

use std::cell::Cell;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, Value};

use super::context::{AnswerView, InventoryRow, ReportContext};
use super::prose::{self, Inline, Prose};
use super::{ChartImage, ChartImages};

/// Embedded HTML templates: Tera name (and file name under `templates/`) and source.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "report.html.tera",
        include_str!("../../templates/report.html.tera"),
    ),
    (
        "partials/style.css.tera",
        include_str!("../../templates/partials/style.css.tera"),
    ),
    (
        "partials/components.html.tera",
        include_str!("../../templates/partials/components.html.tera"),
    ),
    (
        "partials/cover.html.tera",
        include_str!("../../templates/partials/cover.html.tera"),
    ),
    (
        "partials/summary.html.tera",
        include_str!("../../templates/partials/summary.html.tera"),
    ),
    (
        "partials/maturity.html.tera",
        include_str!("../../templates/partials/maturity.html.tera"),
    ),
    (
        "partials/building-blocks.html.tera",
        include_str!("../../templates/partials/building-blocks.html.tera"),
    ),
    (
        "partials/enabling.html.tera",
        include_str!("../../templates/partials/enabling.html.tera"),
    ),
    (
        "partials/cap-effect.html.tera",
        include_str!("../../templates/partials/cap-effect.html.tera"),
    ),
    (
        "partials/plan.html.tera",
        include_str!("../../templates/partials/plan.html.tera"),
    ),
    (
        "partials/annexes.html.tera",
        include_str!("../../templates/partials/annexes.html.tera"),
    ),
];

/// The template rendered; the others are included from it.
pub const MAIN: &str = "report.html.tera";

/// A report could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// A template failed to parse or to render.
    Template {
        /// Template name, e.g. `report.md.tera`.
        template: String,
        /// The override file it came from; `None` for an embedded template.
        file: Option<PathBuf>,
        /// Line in the template, 1-based, when Tera knows it.
        line: Option<usize>,
        /// What went wrong, in one line.
        message: String,
        /// Tera's full report (with the offending line), for the curious.
        detail: String,
    },
    /// An override template exists but could not be read.
    Read {
        /// The file.
        file: PathBuf,
        /// The I/O error.
        message: String,
    },
    /// The report context could not be handed to the template engine.
    Context(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template {
                template,
                file,
                line,
                message,
                detail,
            } => {
                match file {
                    Some(file) => write!(f, "template {}", file.display())?,
                    None => write!(f, "embedded template `{template}`")?,
                }
                if let Some(line) = line {
                    write!(f, ", line {line}")?;
                }
                write!(f, ": {message}")?;
                if !detail.is_empty() && detail != message {
                    write!(f, "\n{detail}")?;
                }
                Ok(())
            }
            RenderError::Read { file, message } => {
                write!(f, "cannot read template override {}: {message}", file.display())
            }
            RenderError::Context(message) => write!(f, "cannot prepare the report context: {message}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// Renders the HTML report. `templates`: a directory whose files replace the embedded templates
/// of the same name (`report.html.tera`, `partials/summary.html.tera`, …).
pub fn render(
    ctx: &ReportContext,
    charts: &ChartImages,
    templates: Option<&Path>,
) -> Result<String, RenderError> {
    render_from(&base_context(ctx, charts, templates)?, ctx, templates)
}

/// [`render`] from `base`, the [`base_context`] of `ctx` and the charts, which the Markdown
/// report can share: a copy of a Tera context shares its values, so the context of a national
/// assessment (every answer, every system) is built and held once for both reports.
pub fn render_from(
    base: &Context,
    ctx: &ReportContext,
    templates: Option<&Path>,
) -> Result<String, RenderError> {
    let mut context = base.clone();
    context.insert(
        "method_html",
        &Value::safe_string(&markdown_to_html(&ctx.annex.method, 2)),
    );
    render_with(TEMPLATES, MAIN, templates, context, |tera| {
        tera.register_filter("md_inline", |s: &str, _: Kwargs, _: &State| {
            Value::safe_string(&inline_html(s))
        });
        tera.register_test("http_url", |s: &str, _: Kwargs, _: &State| is_http_url(s));
    })
}

/// Text to put between the double quotes of a CSS string inside a `<style>` element: quotes,
/// backslashes, `<` (which could close the element) and control characters become CSS escapes.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// A chart as templates see it.
#[derive(Serialize)]
struct ChartView<'a> {
    title: &'a str,
    alt: &'a str,
    svg: &'a str,
}

#[derive(Serialize)]
struct ChartsView<'a> {
    radar: ChartView<'a>,
    heatmap: ChartView<'a>,
    gaps: ChartView<'a>,
    coverage: ChartView<'a>,
    gantt: ChartView<'a>,
    architecture: ChartView<'a>,
    trajectory: ChartView<'a>,
}

fn chart_view(chart: &ChartImage) -> ChartView<'_> {
    ChartView {
        title: &chart.title,
        alt: &chart.alt,
        svg: &chart.svg,
    }
}

/// The report context plus `charts` (each `{title, alt, svg}`), for the templates in `templates`
/// (see [`render`]), or the embedded ones.
///
/// For the embedded templates, `annex.answers` holds only the answers they list (the first
/// `annex.answers_listed`; they count all of them as `answers_listed + answers_more`): in Tera's
/// values an answer takes about 1.5 KB, 90 MB for the 61 000 answers of 1 000 respondents. And
/// `systems`, the inventory, which they do not print, is empty (100 000 rows of a national
/// inventory took a tenth of a second to convert). Override templates get every answer and every
/// system, as documented in templates/README.md.
pub fn base_context(
    ctx: &ReportContext,
    charts: &ChartImages,
    templates: Option<&Path>,
) -> Result<Context, RenderError> {
    let listing = templates
        .is_none()
        .then(|| ForEmbedded::listing(ctx.annex.answers_listed));
    let context = Context::from_serialize(ctx).map_err(|e| RenderError::Context(e.to_string()));
    drop(listing);
    let mut context = context?;
    context.insert(
        "charts",
        &ChartsView {
            radar: chart_view(&charts.radar),
            heatmap: chart_view(&charts.heatmap),
            gaps: chart_view(&charts.gaps),
            coverage: chart_view(&charts.coverage),
            gantt: chart_view(&charts.gantt),
            architecture: chart_view(&charts.architecture),
            trajectory: chart_view(&charts.trajectory),
        },
    );
    Ok(context)
}

thread_local! {
    /// While [`base_context`] serialises the report context for the embedded templates: how many
    /// answers of `annex.answers` go into it.
    static EMBEDDED: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Limits [`serialize_answers`] and [`serialize_inventory`] on this thread until dropped.
struct ForEmbedded;

impl ForEmbedded {
    fn listing(answers: usize) -> ForEmbedded {
        EMBEDDED.set(Some(answers));
        ForEmbedded
    }
}

impl Drop for ForEmbedded {
    fn drop(&mut self) {
        EMBEDDED.set(None);
    }
}

/// Serialises `annex.answers` of the report context: every answer, except into the context of the
/// embedded templates (see [`base_context`]).
pub(super) fn serialize_answers<S: serde::Serializer>(
    answers: &[AnswerView],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let listed = EMBEDDED.get().map_or(answers.len(), |n| n.min(answers.len()));
    answers[..listed].serialize(serializer)
}

/// Serialises `systems` of the report context (the whole inventory): every row, except into the
/// context of the embedded templates, which do not print it (systems.csv and report.xlsx do).
pub(super) fn serialize_inventory<S: serde::Serializer>(
    rows: &[InventoryRow],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let rows = if EMBEDDED.get().is_some() { &[] } else { rows };
    rows.serialize(serializer)
}

/// Loads `embedded` (replaced file by file from `overrides`), lets `setup` register filters, and
/// renders `main`. Templates named `*.html.tera` autoescape; others do not.
pub(super) fn render_with(
    embedded: &[(&str, &str)],
    main: &str,
    overrides: Option<&Path>,
    context: Context,
    setup: impl FnOnce(&mut Tera),
) -> Result<String, RenderError> {
    let mut sources: Vec<(String, String, Option<PathBuf>)> = Vec::new();
    for (name, source) in embedded {
        let replacement = overrides.map(|dir| dir.join(name)).filter(|file| file.is_file());
        match replacement {
            Some(file) => {
                let text = std::fs::read_to_string(&file).map_err(|e| RenderError::Read {
                    file: file.clone(),
                    message: e.to_string(),
                })?;
                sources.push((name.to_string(), text, Some(file)));
            }
            None => sources.push((name.to_string(), source.to_string(), None)),
        }
    }
    let origin = |template: &str| {
        sources
            .iter()
            .find(|(n, _, _)| n == template)
            .and_then(|(_, _, f)| f.clone())
    };
    let error = |err: tera::Error| template_error(&err, main, &origin);

    let mut tera = Tera::new();
    tera.autoescape_on([".html.tera"]);
    crate::messages::register(&mut tera);
    // The shared stylesheet (the report's and the comparison's) uses it, so every page has it.
    tera.register_filter("css_string", |s: &str, _: Kwargs, _: &State| {
        Value::safe_string(&css_string(s))
    });
    setup(&mut tera);
    tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, text, _)| (name.as_str(), text.as_str())),
    )
    .map_err(error)?;
    let mut context = context;
    // The language of the catalogue the words come from, for `<html lang>`.
    context.insert("lang", crate::messages::Messages::english().lang());
    tera.render(main, &context).map_err(error)
}

fn template_error(err: &tera::Error, main: &str, origin: &dyn Fn(&str) -> Option<PathBuf>) -> RenderError {
    let detail = err.to_string();
    let (template, line, message) = match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() {
                main
            } else {
                report.filename()
            };
            (
                name.to_string(),
                Some(report.span().start_line),
                report.message().to_string(),
            )
        }
        ErrorKind::TemplateNotFound(name) => (main.to_string(), None, format!("template `{name}` not found")),
        _ => (
            main.to_string(),
            None,
            detail.lines().next().unwrap_or_default().to_string(),
        ),
    };
    let mut message = message;
    // Filter errors keep their cause in the source chain; say it.
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    RenderError::Template {
        file: origin(&template),
        template,
        line,
        message,
        detail,
    }
}

/// Whether `text` is a plain http(s) URL that may become a link.
pub fn is_http_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(host) if !host.is_empty() && !host.starts_with('/'))
        && !text.trim().chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Escapes text for HTML (the five characters that matter in content and attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Inline Markdown → HTML: `code`, **bold**, *italic*. Everything is escaped first, so no
/// markup can come from the text itself.
pub fn inline_html(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        // Odd parts sit between backticks; a trailing unmatched backtick stays literal.
        let closed = i % 2 == 1 && i < text.matches('`').count();
        if closed {
            out.push_str("<code>");
            out.push_str(&escape(part));
            out.push_str("</code>");
        } else {
            if i % 2 == 1 {
                out.push('`');
            }
            out.push_str(&emphasis(&escape(part)));
        }
    }
    out
}

/// `**bold**` then `*italic*` in already escaped text.
fn emphasis(text: &str) -> String {
    let bold = pairs(text, "**", "strong");
    pairs(&bold, "*", "em")
}

fn pairs(text: &str, marker: &str, tag: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(marker) {
        let after = &rest[start + marker.len()..];
        let opens = after.chars().next().is_some_and(|c| !c.is_whitespace());
        let close = after
            .find(marker)
            .filter(|&end| end > 0 && !after[..end].ends_with(char::is_whitespace) && opens);
        match close {
            Some(end) => {
                out.push_str(&rest[..start]);
                out.push_str(&format!("<{tag}>{}</{tag}>", &after[..end]));
                rest = &after[end + marker.len()..];
            }
            None => {
                out.push_str(&rest[..start + marker.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Prose blocks → HTML, with headings moved down by `shift` levels so they sit under the
/// section's own heading. Every text is escaped; the only markup is what the blocks say.
fn write_prose(blocks: &[Prose], shift: usize, out: &mut String, tight: bool) {
    for block in blocks {
        match block {
            Prose::Heading { level, text } => {
                let level = (usize::from(*level) + shift).min(6);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", runs_html(text)));
            }
            Prose::Paragraph(text) if tight => out.push_str(&runs_html(text)),
            Prose::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", runs_html(text))),
            Prose::Code(code) => out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(code))),
            Prose::List { start, tight, items } => {
                let open = match start {
                    None => "<ul>".to_string(),
                    Some(1) => "<ol>".to_string(),
                    Some(n) => format!("<ol start=\"{n}\">"),
                };
                out.push_str(&open);
                out.push('\n');
                for item in items {
                    out.push_str("<li>");
                    write_prose(item, shift, out, *tight);
                    out.push_str("</li>\n");
                }
                out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
            }
        }
    }
}

/// Inline runs → HTML: strong, em and code around escaped text; links are left as their text
/// (the annex's links point into the repository, not into the report).
fn runs_html(runs: &[Inline]) -> String {
    let mut out = String::new();
    for run in runs {
        let mut text = escape(&run.text);
        if run.code {
            text = format!("<code>{text}</code>");
        }
        if run.emphasis {
            text = format!("<em>{text}</em>");
        }
        if run.strong {
            text = format!("<strong>{text}</strong>");
        }
        out.push_str(&text);
    }
    out
}

/// Markdown (read by [`prose::parse`]) → HTML, headings moved down by `shift` levels. All text is
/// escaped, and raw HTML in the Markdown stays text.
pub fn markdown_to_html(markdown: &str, shift: usize) -> String {
    let mut out = String::new();
    write_prose(&prose::parse(markdown), shift, &mut out, false);
    out
}

#[cfg(test)]
pub(crate) mod tests {

    use super::*;
    use crate::report::context::{self, ReportContext};

    pub(crate) fn kalindra() -> ReportContext {
        context::kalindra_2024()
    }

    pub(crate) fn charts() -> ChartImages {
        let chart = |name: &str| ChartImage {
            title: format!("{name} chart"),
            alt: format!("{name} alt text"),
            svg: format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{name}</title></svg>"#
            ),
        };
        ChartImages {
            radar: chart("Radar"),
            heatmap: chart("Heatmap"),
            gaps: chart("Gaps"),
            coverage: chart("Coverage"),
            gantt: chart("Gantt"),
            architecture: chart("Architecture"),
            trajectory: chart("Trajectory"),
        }
    }

    pub(crate) fn hostile(mut ctx: ReportContext) -> ReportContext {
        let script = "<script>alert(1)</script>";
        // The table shows `systems_shown`; the full list goes to report.json.
        ctx.building_blocks.rows[0].systems[0].name = script.to_string();
        ctx.building_blocks.rows[0].systems_shown[0].name = script.to_string();
        ctx.annex.answers[0].given = script.to_string();
        ctx.annex.answers[1].comment = "a | b\nc".to_string();
        ctx.meta.notes = Some(format!("notes {script}"));
        ctx
    }

    fn html() -> String {
        render(&kalindra(), &charts(), None).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn kalindra_has_every_section_pillar_and_bb() {
        let ctx = kalindra();
        let out = html();
        std::fs::write(std::env::temp_dir().join("report.html"), &out).ok();
        for id in [
            "cover",
            "summary",
            "maturity",
            "building-blocks",
            "enabling-conditions",
            "caps",
            "annex-method",
            "annex-data-quality",
            "annex-answers",
        ] {
            assert!(out.contains(&format!("<h2 id=\"{id}\"")), "section {id}");
            assert!(out.contains(&format!("href=\"#{id}\"")), "contents entry {id}");
        }
        for pillar in &ctx.summary.pillars {
            assert!(out.contains(&escape(&pillar.title)), "pillar {}", pillar.title);
        }
        for bb in &ctx.building_blocks.rows {
            assert!(out.contains(&escape(&bb.name)), "BB {}", bb.name);
        }
        assert!(out.contains(&escape(&ctx.summary.largest_gaps[0].title)));
        assert_eq!(out.matches("<h1").count(), 1);
        assert!(out.starts_with("<!DOCTYPE html>") && out.contains("<html lang=\"en\">"));
        assert!(
            out.contains(
                "<figure class=\"chart\" role=\"img\" aria-label=\"Radar alt text\" tabindex=\"0\">"
            )
        );
        // The method annex is converted, not shown as Markdown.
        assert!(out.contains("<strong>Gap</strong>") && !out.contains("**Gap**"));
    }

    #[test]
    fn html_makes_no_external_requests() {
        let ctx = kalindra();
        let evidence: Vec<String> = ctx
            .layers
            .iter()
            .flat_map(|l| &l.dimensions)
            .flat_map(|d| &d.indicators)
            .flat_map(|i| {
                i.evidence
                    .iter()
                    .filter_map(|e| e.url.clone())
                    .collect::<Vec<_>>()
            })
            .chain(ctx.annex.answers.iter().map(|a| a.evidence.clone()))
            // The published GovStack specifications the roadmap's standards link to.
            .chain(
                ctx.plan
                    .actions
                    .iter()
                    .flat_map(|a| a.standards.iter().filter_map(|st| st.url.clone())),
            )
            // And the specification each target decision links to.
            .chain(
                ctx.plan
                    .target
                    .iter()
                    .flat_map(|t| t.decisions.iter().filter_map(|d| d.specification_url.clone())),
            )
            .collect();
        let out = html();
        assert!(!out.to_lowercase().contains("<script"));
        assert!(!out.contains("@import") && !out.contains("url("));
        let mut links = 0;
        for attr in ["src=\"", "href=\"", "src='", "href='"] {
            for (at, _) in out.match_indices(attr) {
                let value = &out[at + attr.len()..];
                let value = &value[..value.find(['"', '\'']).unwrap_or(value.len())];
                if value.starts_with('#') {
                    continue;
                }
                assert!(
                    value.contains("//") || value.contains(':'),
                    "unexpected link {value}"
                );
                let url = value.replace("&amp;", "&");
                assert!(
                    evidence.contains(&url) && is_http_url(&url),
                    "{attr}{value} is not evidence from the answers or a specification the framework names"
                );
                links += 1;
            }
        }
        assert!(links > 0, "the sample's URL evidence becomes links");
    }

    #[test]
    fn input_text_is_escaped() {
        let out = render(&hostile(kalindra()), &charts(), None).unwrap_or_else(|e| panic!("{e}"));
        assert!(!out.contains("<script>alert(1)</script>"));
        assert!(out.matches("&lt;script&gt;alert(1)&lt;/script&gt;").count() >= 3);
    }

    #[test]
    fn evidence_links_only_for_http() {
        let mut ctx = kalindra();
        let indicator = &mut ctx.layers[0].dimensions[0].indicators[0];
        indicator.evidence = vec![
            super::super::context::EvidenceItem {
                text: "A link that is not one".to_string(),
                url: Some("javascript:alert(1)".to_string()),
            },
            super::super::context::EvidenceItem {
                text: "Quoted".to_string(),
                url: Some("https://example.org/a?b=1&c=\"2\"".to_string()),
            },
        ];
        let out = render(&ctx, &charts(), None).unwrap_or_else(|e| panic!("{e}"));
        assert!(!out.contains("href=\"javascript"));
        assert!(out.contains("href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\""));
    }

    #[test]
    fn html_is_deterministic() {
        assert_eq!(html(), html());
    }

    #[test]
    fn missing_charts_fall_back_to_text() {
        let out = render(&kalindra(), &ChartImages::default(), None).unwrap_or_else(|e| panic!("{e}"));
        assert!(!out.contains("<figure"));
    }

    #[test]
    fn embedded_templates_get_the_listed_answers_and_no_inventory_and_overrides_every_one() {
        let mut ctx = kalindra();
        let all = ctx.annex.answers.len();
        assert!(all > 2, "{all}");
        ctx.annex.answers_listed = 2;
        ctx.annex.answers_more = all - 2;
        let answers = |templates: Option<&Path>| {
            let context = base_context(&ctx, &charts(), templates).unwrap();
            let json = context.get("annex").unwrap().to_string();
            // `reading` is a field of the answers annex only (the workshop agenda lists answers too).
            json.matches("\"reading\"").count()
        };
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(answers(None), 2);
        assert_eq!(answers(Some(dir.path())), all);
        // The inventory, which the embedded templates do not print, likewise.
        let systems = |templates: Option<&Path>| {
            let context = base_context(&ctx, &charts(), templates).unwrap();
            context
                .get("systems")
                .unwrap()
                .to_string()
                .matches("\"open_source\"")
                .count()
        };
        assert!(!ctx.systems.is_empty());
        assert_eq!(systems(None), 0);
        assert_eq!(systems(Some(dir.path())), ctx.systems.len());
        // Nothing else on the thread is limited afterwards.
        assert_eq!(
            serde_json::to_value(&ctx).unwrap()["annex"]["answers"]
                .as_array()
                .unwrap()
                .len(),
            all
        );
        let html = render(&ctx, &charts(), None).unwrap();
        assert!(
            html.contains(&format!(
                "<p>{all} answers, in framework order; the first 2 are listed here and all {all} are in"
            )),
            "the count"
        );
    }

    #[test]
    fn override_replaces_a_partial_and_reports_errors() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(dir.path().join("partials")).ok();
        let partial = dir.path().join("partials/cover.html.tera");
        std::fs::write(
            &partial,
            "<h2 id=\"cover\">Custom {{ meta.country }} {{ meta.notes }}</h2>",
        )
        .ok();
        let out = render(&hostile(kalindra()), &charts(), Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        assert!(out.contains("Custom Kalindra notes &lt;script&gt;"));
        std::fs::write(&partial, "line one\n{% if %}").ok();
        let err = render(&kalindra(), &charts(), Some(dir.path())).expect_err("broken partial");
        let text = err.to_string();
        assert!(
            text.contains("partials/cover.html.tera") && text.contains("line 2"),
            "{text}"
        );
    }

    #[test]
    fn markdown_subset_converts_safely() {
        let md = "# Title\n\nSome **bold** and *it* and `co<de>`.\n<b>x</b> & y\n\n1. **One** first\n   more\n2. Two\n\n- a\n  - nested\n- b\n";
        let html = markdown_to_html(md, 2);
        assert_eq!(
            html,
            "<h3>Title</h3>\n<p>Some <strong>bold</strong> and <em>it</em> and <code>co&lt;de&gt;</code>. \
             &lt;b&gt;x&lt;/b&gt; &amp; y</p>\n<ol>\n<li><strong>One</strong> first more</li>\n<li>Two</li>\n</ol>\n\
             <ul>\n<li>a<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>b</li>\n</ul>\n"
        );
        let method = markdown_to_html(crate::report::context::METHOD, 2);
        assert!(!method.contains("**") && !method.contains('`'));
        assert!(method.contains("<em>criticality factor</em> is 1 (low)"));
    }
}
