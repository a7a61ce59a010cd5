//! Markdown report: the HTML report's sections as GitHub-flavoured Markdown, for reading in a
//! git forge or pasting into a document. Charts appear as their text alternative in a quote.
//!
//! In: a [`ReportContext`], the [`ChartImages`] (only titles and alt texts are used) and,
//! optionally, a directory of template overrides. Out: the Markdown text.
//!
//! Escaping: the template passes every value through the `md` filter ([`escape`]), so input text
//! can neither break a table (`|`, newlines, a trailing `\`) nor inject HTML (`<`, `>`, `&`).
//! The engine set-up and [`RenderError`] are shared with [`super::html`].

use std::path::Path;

use tera::{Context, Kwargs, State};

use super::ChartImages;
use super::context::ReportContext;
pub use super::html::RenderError;

/// Embedded Markdown templates: Tera name (and file name under `templates/`) and source.
pub const TEMPLATES: &[(&str, &str)] = &[("report.md.tera", include_str!("../../templates/report.md.tera"))];

/// The template rendered.
pub const MAIN: &str = "report.md.tera";

/// Renders the Markdown report. `templates`: a directory whose `report.md.tera` replaces the
/// embedded one.
pub fn render(
    ctx: &ReportContext,
    charts: &ChartImages,
    templates: Option<&Path>,
) -> Result<String, RenderError> {
    render_from(
        &super::html::base_context(ctx, charts, templates)?,
        ctx,
        templates,
    )
}

/// [`render`] from `base`, the [`super::html::base_context`] of `ctx` and the charts, shared
/// with the HTML report (see [`super::html::render_from`]).
pub fn render_from(
    base: &Context,
    ctx: &ReportContext,
    templates: Option<&Path>,
) -> Result<String, RenderError> {
    let mut context = base.clone();
    context.insert("method_md", &demote_headings(&ctx.annex.method, 2));
    super::html::render_with(TEMPLATES, MAIN, templates, context, |tera| {
        tera.register_filter("md", |s: &str, _: Kwargs, _: &State| escape(s));
        tera.register_filter("anchor", |s: &str, _: Kwargs, _: &State| anchor(s));
    })
}

/// The anchor a git forge gives a heading (GitHub's rule): lower case, letters, digits, `-` and
/// `_` kept, spaces turned into `-`, everything else dropped. Contents links are built with it, so
/// they keep working when the headings are translated.
pub fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Escapes text for a Markdown paragraph or table cell: `\ | < > & ` [ ]` are neutralised,
/// line breaks become spaces and a leading `#` is escaped, so the text stays one inline run.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    if out.starts_with('#') {
        out.insert(0, '\\');
    }
    out
}

/// Moves ATX headings down by `by` levels (at most level 6), so an embedded document sits under
/// the report's own section heading. `<` and `>` are escaped: the annex is Markdown, never HTML.
fn demote_headings(markdown: &str, by: usize) -> String {
    let mut out = String::new();
    for line in markdown.lines() {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let line = line.replace('<', "&lt;").replace('>', "&gt;");
        if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
            out.push_str(&"#".repeat((hashes + by).min(6)));
            out.push_str(&line[hashes..]);
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::tests::{charts, hostile, kalindra};

    fn markdown(ctx: &ReportContext) -> String {
        render(ctx, &charts(), None).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Cells of a GFM table row: split on pipes not escaped by a backslash (a backslash escapes
    /// whatever follows it, as in cmark-gfm), without the outer pipes.
    fn cells(row: &str) -> usize {
        let mut count = 0;
        let mut chars = row.trim().chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '|' => count += 1,
                _ => {}
            }
        }
        count - 1
    }

    fn assert_tables_consistent(out: &str) {
        let mut header: Option<usize> = None;
        let mut tables = 0;
        for (n, line) in out.lines().enumerate() {
            if !line.starts_with('|') {
                header = None;
                continue;
            }
            assert!(
                line.trim_end().ends_with('|'),
                "line {}: row must end with a pipe: {line}",
                n + 1
            );
            match header {
                None => {
                    header = Some(cells(line));
                    tables += 1;
                }
                Some(expected) => {
                    assert_eq!(cells(line), expected, "line {}: {line}", n + 1);
                }
            }
        }
        assert!(tables > 10, "the report has tables");
    }

    #[test]
    fn kalindra_markdown_has_every_section() {
        let ctx = kalindra();
        let out = markdown(&ctx);
        std::fs::write(std::env::temp_dir().join("report.md"), &out).ok();
        for heading in [
            "## About this assessment",
            "## Executive summary",
            "## Maturity by layer, dimension and indicator",
            "## Building Block gap analysis",
            "## Enabling-conditions gap analysis",
            "## Caps applied",
            "## Annex A. Method",
            "## Annex B. Data quality",
            "## Annex C. All answers",
        ] {
            assert!(out.contains(&format!("\n{heading}\n")), "{heading}");
        }
        assert_eq!(out.lines().filter(|l| l.starts_with("# ")).count(), 1);
        for pillar in &ctx.summary.pillars {
            assert!(out.contains(&escape(&pillar.title)));
        }
        for bb in &ctx.building_blocks.rows {
            assert!(out.contains(&format!("#### {}", escape(&bb.name))));
        }
        assert!(out.contains("> **Radar chart.** Radar alt text"));
        assert!(
            out.contains("### 2. Levels and scores"),
            "method headings sit under the annex"
        );
        assert!(!out.contains("<svg") && !out.contains("!["));
        assert_tables_consistent(&out);
    }

    #[test]
    fn input_cannot_break_tables_or_inject_html() {
        let mut ctx = hostile(kalindra());
        ctx.building_blocks.rows[0].systems_shown[0].owner =
            "Owner | with \\| pipes\nand lines\\".to_string();
        ctx.annex.answers[2].evidence = "ends with a backslash \\".to_string();
        let out = markdown(&ctx);
        assert!(!out.contains("<script"));
        assert!(out.matches("&lt;script&gt;alert(1)&lt;/script&gt;").count() >= 3);
        assert!(out.contains("a \\| b c"));
        assert_tables_consistent(&out);
    }

    #[test]
    fn markdown_is_deterministic() {
        let ctx = kalindra();
        assert_eq!(markdown(&ctx), markdown(&ctx));
    }

    #[test]
    fn override_directory_replaces_the_template() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("report.md.tera");
        std::fs::write(&file, "custom {{ meta.country }}").unwrap_or_else(|e| panic!("{e}"));
        let out = render(&kalindra(), &charts(), Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out, "custom Kalindra");

        std::fs::write(&file, "fine\n{{ meta.country \n").unwrap_or_else(|e| panic!("{e}"));
        let err = render(&kalindra(), &charts(), Some(dir.path())).expect_err("broken template");
        let RenderError::Template {
            template,
            file: Some(path),
            line,
            ..
        } = &err
        else {
            panic!("unexpected error {err:?}");
        };
        assert_eq!(template, "report.md.tera");
        assert_eq!(path, &file);
        assert!(line.is_some());
        assert!(err.to_string().contains(&file.display().to_string()), "{err}");

        std::fs::write(&file, "{{ meta.country | no_such_filter }}").unwrap_or_else(|e| panic!("{e}"));
        let err = render(&kalindra(), &charts(), Some(dir.path())).expect_err("unknown filter");
        assert!(err.to_string().contains("report.md.tera"), "{err}");
    }

    #[test]
    fn escape_keeps_text_inline() {
        assert_eq!(
            escape("a|b\\c\n<i>&`x`[y]"),
            "a\\|b\\\\c &lt;i&gt;&amp;\\`x\\`\\[y\\]"
        );
        assert_eq!(escape("# not a heading"), "\\# not a heading");
    }
}
