//! The PDF report: the same sections as the HTML report, on A4 pages with embedded subset fonts,
//! a table of contents with live links, an outline, running header and footer, tables that repeat
//! their header row across pages, and the charts as vector graphics.
//!
//! In: a [`ReportContext`] and the charts as SVG ([`ChartImage`]: radar, heatmap, gaps, coverage,
//! Gantt chart, architecture, in that order; any number from 0 to 6 is used), the same SVG the
//! HTML report embeds. Out: the PDF bytes, plus every character no embedded font could draw, so
//! that the CLI can warn instead of shipping a box.
//!
//! The layout, text measuring, line breaking and font fallback are ours (`layout`, `fonts`); krilla
//! writes the file (`write`): tagged for assistive technology (PDF/UA-1), fonts subset, text
//! shaped. Output is deterministic: the metadata date is the assessment date.

mod charts;
pub mod compare;
mod fonts;
mod layout;
mod markdown;
mod pack;
mod plan;
mod target;
mod write;

use std::fmt;

/// The width of `text` at `size` in the report's embedded fonts (DejaVu Sans, Noto Sans Ethiopic),
/// shaped where it needs to be: how wide the PDF sets a chart label, which the charts measure
/// their labels by.
pub(crate) fn text_width(text: &str, bold: bool, size: f64) -> Result<f64, PdfError> {
    let style = if bold {
        fonts::Style::Bold
    } else {
        fonts::Style::Regular
    };
    Ok(f64::from(Fonts::get()?.width(text, style, size as f32)))
}
use self::charts::{Charts, parse_charts};
use self::fonts::Fonts;
use self::layout::{
    ACCENT, Align, Block, Cell, Column, Layout, ListItem, MUTED, Rgb8, Span, TEXT, Table, WARN, decorate,
    layout,
};
use super::ChartImage;
use super::context::messages::{BbFact, KeyMessage};
use super::context::workshop::WorkshopView;
use super::context::{GapView, ReadingView, ReportContext, ScoreView};
use crate::messages::{Arg, t, tf};

/// A rendered PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfOutput {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Characters no embedded font has, each once, as `U+1F600 😀 in "text"`; they are drawn as
    /// U+FFFD.
    pub missing_glyphs: Vec<String>,
}

/// Why no PDF could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// An embedded font could not be parsed.
    Font(String),
    /// A chart's SVG could not be read.
    Chart {
        /// Position in the slice passed.
        index: usize,
        /// What is wrong.
        reason: String,
    },
    /// The assessment date is not `YYYY-MM-DD`.
    Date(String),
    /// The PDF writer refused the document.
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Font(name) => write!(f, "the embedded font {name} could not be read"),
            PdfError::Chart { index, reason } => {
                write!(f, "chart {} cannot be drawn in the PDF: {reason}", index + 1)
            }
            PdfError::Date(date) => write!(f, "the assessment date {date:?} is not a date like 2024-06-30"),
            PdfError::Write(reason) => write!(f, "the PDF could not be written: {reason}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Lays `blocks` out, then adds the running header and footer.
fn paginate(
    blocks: &[Block],
    charts: &Charts,
    fonts: &Fonts,
    (title, right, footer): (&str, &str, &str),
) -> Layout {
    let mut pages = layout(blocks, fonts, charts.faces());
    decorate(&mut pages, fonts, title, right, footer);
    pages
}

/// Writes a laid-out document and says what a reader of it would miss.
fn finish(
    layout: &Layout,
    fonts: &Fonts,
    charts: &Charts,
    info: &write::DocInfo,
) -> Result<PdfOutput, PdfError> {
    let (bytes, missing) = write::write(layout, fonts, charts.trees()?, info)?;
    Ok(PdfOutput {
        bytes,
        missing_glyphs: missing.lines,
    })
}

/// Renders the report as PDF.
pub fn render(ctx: &ReportContext, charts: &[&ChartImage]) -> Result<PdfOutput, PdfError> {
    let trees = parse_charts(charts)?;
    let date = parse_date(&ctx.meta.date).ok_or_else(|| PdfError::Date(ctx.meta.date.clone()))?;
    let fonts = Fonts::get()?;
    let layout = lay_out(ctx, charts, &trees, fonts);
    let meta = &ctx.meta;
    let names: Vec<String> = meta
        .assessors
        .iter()
        .map(|a| a.name.clone())
        .filter(|n| !n.is_empty())
        .collect();
    let producer = format!("dpi-assess {}", meta.tool_version);
    let info = write::DocInfo {
        title: meta.title.clone(),
        authors: if names.is_empty() {
            vec!["dpi-assess".to_string()]
        } else {
            names
        },
        subject: tf(
            "pdf-subject",
            &[
                ("framework", (&meta.framework_title).into()),
                ("country", (&meta.country).into()),
                ("iso3", (&meta.iso3).into()),
                ("date", (&meta.date).into()),
                ("framework_id", (&meta.framework_id).into()),
                ("framework_version", (&meta.framework_version).into()),
            ],
        ),
        producer,
        keywords: vec![
            "DPI".to_string(),
            "GovStack".to_string(),
            meta.country.clone(),
            meta.iso3.clone(),
        ],
        date,
        language: crate::messages::Messages::english().lang().to_string(),
    };
    finish(&layout, fonts, &trees, &info)
}

/// `YYYY-MM-DD` → year, month, day.
fn parse_date(text: &str) -> Option<(u16, u8, u8)> {
    let mut parts = text.trim().splitn(3, '-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.get(..2)?.parse().ok()?;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((year, month, day))
}

/// The report laid out on pages, with its table of contents, header and footer.
fn lay_out(ctx: &ReportContext, charts: &[&ChartImage], trees: &Charts, fonts: &Fonts) -> Layout {
    let meta = &ctx.meta;
    paginate(
        &document(ctx, charts),
        trees,
        fonts,
        (
            &meta.title,
            &format!("{} · {}", meta.country, meta.date),
            &format!(
                "{} · dpi-assess {} · {} {}",
                meta.validation.mark, meta.tool_version, meta.framework_id, meta.framework_version
            ),
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Content: the report's sections as blocks.

const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const TABLE: f32 = 8.0;

/// The items shown, joined by `separator`, then "and N more" when the context left some out.
fn listed(shown: &[String], more: usize, separator: &str) -> String {
    let joined = shown.join(separator);
    if more == 0 {
        return joined;
    }
    format!("{joined}{separator}{}", tf("and-more", &[("count", more.into())]))
}

fn para(text: impl Into<String>) -> Block {
    Block::Para {
        spans: vec![Span::regular(text)],
        size: BODY,
        color: TEXT,
    }
}

fn spans(spans: Vec<Span>) -> Block {
    Block::Para {
        spans,
        size: BODY,
        color: TEXT,
    }
}

fn note(text: impl Into<String>) -> Block {
    Block::Para {
        spans: vec![Span::regular(text)],
        size: SMALL,
        color: MUTED,
    }
}

fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

fn bullets(lines: impl IntoIterator<Item = String>) -> Block {
    Block::Bullets {
        items: lines
            .into_iter()
            .map(|l| ListItem::bullet(vec![Span::regular(l)]))
            .collect(),
        size: BODY,
    }
}

fn col(title: &str, width: f32, align: Align) -> Column {
    Column {
        title: title.to_string(),
        width,
        align,
    }
}

fn table(columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns,
        rows,
        size: TABLE,
        header: true,
    })
}

/// Background for a maturity level 0..4.
fn level_fill(level: Option<u8>) -> Option<Rgb8> {
    match level? {
        // The table-cell tints of the one level scale (`--c0`..`--c4` in style.css.tera).
        0 => Some((0xff, 0xff, 0xe8)),
        1 => Some((0xd5, 0xee, 0xdd)),
        2 => Some((0xaa, 0xde, 0xe4)),
        3 => Some((0x9c, 0xb7, 0xd8)),
        _ => Some((0x92, 0xa0, 0xc8)),
    }
}

fn level_cell(score: &ScoreView) -> Cell {
    let text = match score.level {
        Some(level) => format!("{level} {}", score.level_name),
        None => score.level_name.clone(),
    };
    Cell {
        text,
        fill: level_fill(score.level),
        bold: false,
    }
}

fn score_text(score: &ScoreView) -> String {
    match &score.uncapped_display {
        Some(uncapped) if !score.capped_by.is_empty() => format!(
            "{} ({})",
            score.display,
            tf("capped-before", &[("uncapped", uncapped.into())])
        ),
        _ => score.display.clone(),
    }
}

/// A numeric answer as the PDF words it, with the templates' `reading` message:
/// `72 % — at least 70 % → level 2`, `4.5 % — at most 5 % → level 3`,
/// `12 % — below 25 % → level 0`, `3 points — at least 3 → level 2`.
fn reading_text(r: &ReadingView) -> String {
    let (value_unit, threshold_unit) = match r.unit.as_str() {
        "percent" => (" %".to_string(), " %"),
        "points" => (
            format!(" {}", tf("reading-points", &[("count", r.value.into())])),
            "",
        ),
        _ if !r.unit_label.is_empty() => (format!(" {}", r.unit_label), ""),
        _ => (String::new(), ""),
    };
    let lower = r.direction == "lower_is_better";
    let (bound, threshold) = match (&r.threshold_display, &r.next_threshold_display) {
        (Some(t), _) => (
            if lower {
                "reading-at-most"
            } else {
                "reading-at-least"
            },
            t.as_str(),
        ),
        (None, Some(next)) => (
            if lower { "reading-above" } else { "reading-below" },
            next.as_str(),
        ),
        (None, None) => ("", ""),
    };
    tf(
        "reading",
        &[
            ("value", (&r.value_display).into()),
            ("unit", value_unit.into()),
            (
                "bound",
                if bound.is_empty() { String::new() } else { t(bound) }.into(),
            ),
            ("threshold", threshold.into()),
            ("threshold_unit", threshold_unit.into()),
            ("level", r.level.into()),
        ],
    )
}

fn score_line(score: &ScoreView) -> Block {
    let mut line = vec![
        Span::bold(format!("{} ", t("scoreline-score"))),
        Span::regular(score_text(score)),
        Span::bold(format!(" · {} ", t("level-word"))),
        Span::regular(match score.level {
            Some(level) => format!("{level} {}", score.level_name),
            None => score.level_name.clone(),
        }),
        Span::bold(format!(" · {} ", t("coverage-word"))),
        Span::regular(score.coverage_display.clone()),
    ];
    if !score.capped_by.is_empty() {
        line.push(Span::bold(format!(" · {} ", t("capped-by-word"))));
        line.push(Span::regular(score.capped_by.join(", ")));
    }
    spans(line)
}

fn chart(blocks: &mut Vec<Block>, charts: &[&ChartImage], index: usize) {
    if let Some(c) = charts.get(index) {
        blocks.push(Block::Image {
            chart: index,
            caption: c.title.clone(),
            alt: c.alt.clone(),
        });
    }
}

fn gap_table(gaps: &[GapView]) -> Block {
    table(
        vec![
            col(&t("col-rank"), 0.6, Align::Right),
            col(&t("col-item"), 3.6, Align::Left),
            col(&t("col-pillar"), 2.2, Align::Left),
            col(&t("col-level-target"), 1.3, Align::Center),
            col(&t("col-gap"), 0.6, Align::Right),
            col(&t("col-priority"), 0.9, Align::Right),
        ],
        gaps.iter()
            .map(|g| {
                vec![
                    g.rank.to_string().into(),
                    g.title.clone().into(),
                    g.pillar.clone().into(),
                    Cell {
                        text: format!("{} → {}", g.level, g.target),
                        fill: level_fill(Some(g.level)),
                        bold: false,
                    },
                    g.gap.to_string().into(),
                    g.priority.clone().into(),
                ]
            })
            .collect(),
    )
}

/// The whole report as blocks, with as many of the charts as were passed.
fn document(ctx: &ReportContext, charts: &[&ChartImage]) -> Vec<Block> {
    let mut b = Vec::new();
    cover(&mut b, ctx);
    b.push(Block::Toc);
    about(&mut b, ctx);
    summary(&mut b, ctx, charts);
    maturity(&mut b, ctx);
    building_blocks(&mut b, ctx, charts);
    enabling_gaps(&mut b, ctx, charts);
    caps(&mut b, ctx);
    plan::sections(&mut b, ctx, charts);
    annexes(&mut b, ctx, charts);
    b
}

fn cover(b: &mut Vec<Block>, ctx: &ReportContext) {
    let meta = &ctx.meta;
    b.push(Block::Space(110.0));
    b.push(Block::Title(meta.title.clone()));
    b.push(Block::Para {
        spans: vec![Span::bold(format!("{} ({})", meta.country, meta.iso3))],
        size: 15.0,
        color: ACCENT,
    });
    b.push(Block::Para {
        spans: vec![Span::regular(tf(
            "cover-assessment-of",
            &[("date", (&meta.date).into())],
        ))],
        size: 12.0,
        color: MUTED,
    });
    b.push(Block::Space(18.0));
    b.push(Block::Para {
        spans: vec![Span::bold(meta.validation.mark.clone())],
        size: 12.0,
        color: if meta.validation.signed { ACCENT } else { WARN },
    });
}

/// About this assessment: the facts, the method in brief, the scope, as the HTML's first section.
fn about(b: &mut Vec<Block>, ctx: &ReportContext) {
    let meta = &ctx.meta;
    b.push(heading(1, t("cover-heading")));
    let assessors = if meta.assessors.is_empty() {
        "–".to_string()
    } else {
        meta.assessors
            .iter()
            .map(|a| {
                if a.detail.is_empty() {
                    a.name.clone()
                } else {
                    format!("{} — {}", a.name, a.detail)
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let facts = [
        (t("cover-country"), format!("{} ({})", meta.country, meta.iso3)),
        (t("cover-date"), meta.date.clone()),
        (
            t("cover-framework"),
            format!(
                "{} ({} {})",
                meta.framework_title, meta.framework_id, meta.framework_version
            ),
        ),
        (t("cover-questionnaires"), meta.questionnaires.join(", ")),
        (t("cover-team"), assessors),
        (
            t("cover-produced-with"),
            tf("produced-with", &[("tool_version", (&meta.tool_version).into())]),
        ),
    ];
    b.push(Block::Table(Table {
        columns: vec![col("", 1.0, Align::Left), col("", 3.2, Align::Left)],
        rows: facts
            .into_iter()
            .map(|(label, value)| {
                vec![
                    Cell {
                        text: label,
                        fill: None,
                        bold: true,
                    },
                    value.into(),
                ]
            })
            .collect(),
        size: 9.5,
        header: false,
    }));
    b.push(Block::Space(6.0));
    b.push(heading(2, t("cover-method-heading")));
    b.push(para(meta.method_summary.clone()));
    if let Some(notes) = meta.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        b.push(heading(2, t("cover-notes-heading")));
        b.push(para(notes.trim().to_string()));
    }
}

fn summary(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let s = &ctx.summary;
    b.push(heading(1, t("summary-heading")));
    let overall = &s.overall;
    b.push(Block::Para {
        spans: vec![
            Span::bold(tf("summary-overall", &[("score", score_text(overall).into())])),
            Span::regular(match overall.level {
                Some(level) => tf(
                    "summary-overall-level-pdf",
                    &[
                        ("level", level.into()),
                        ("level_name", (&overall.level_name).into()),
                        ("coverage", (&overall.coverage_display).into()),
                    ],
                ),
                None => tf(
                    "summary-overall-no-level-pdf",
                    &[
                        ("level_name", (&overall.level_name).into()),
                        ("coverage", (&overall.coverage_display).into()),
                    ],
                ),
            }),
        ],
        size: 13.0,
        color: ACCENT,
    });
    b.push(para(s.headline.clone()));
    if !s.key_messages.is_empty() {
        b.push(heading(2, t("key-messages-heading")));
        b.push(Block::Bullets {
            items: s
                .key_messages
                .iter()
                .map(|m| {
                    let (title, text) = key_message_text(m);
                    ListItem::bullet(vec![Span::bold(format!("{title} ")), Span::regular(text)])
                })
                .collect(),
            size: BODY,
        });
    }
    chart(b, charts, 0);
    b.push(heading(2, t("pillars-heading")));
    b.push(table(
        vec![
            col(&t("col-pillar"), 3.5, Align::Left),
            col(&t("col-score"), 1.4, Align::Right),
            col(&t("col-level"), 1.6, Align::Left),
            col(&t("col-coverage"), 1.0, Align::Right),
        ],
        s.pillars
            .iter()
            .map(|p| {
                vec![
                    p.title.clone().into(),
                    score_text(&p.score).into(),
                    level_cell(&p.score),
                    p.score.coverage_display.clone().into(),
                ]
            })
            .collect(),
    ));
    b.push(heading(2, t("largest-gaps-heading")));
    if s.largest_gaps.is_empty() {
        b.push(para(t("largest-gaps-none")));
    } else {
        b.push(gap_table(&s.largest_gaps));
    }
    b.push(heading(2, t("top-priorities-heading")));
    if s.top_priorities.is_empty() {
        b.push(para(t("top-priorities-none")));
    } else {
        b.push(gap_table(&s.top_priorities));
    }
    b.push(heading(2, t("confidence-heading")));
    b.push(bullets(s.confidence.iter().cloned()));
}

fn maturity(b: &mut Vec<Block>, ctx: &ReportContext) {
    b.push(heading(1, t("maturity-heading")));
    b.push(para(t("maturity-intro-pdf")));
    for layer in &ctx.layers {
        b.push(heading(2, layer.title.clone()));
        if !layer.description.is_empty() {
            b.push(para(layer.description.clone()));
        }
        b.push(score_line(&layer.score));
        for dim in &layer.dimensions {
            b.push(heading(3, format!("{} — {}", dim.title, score_text(&dim.score))));
            b.push(Block::Para {
                spans: vec![Span::regular(format!(
                    "{} {} · {}",
                    t("col-level"),
                    dim.score
                        .level
                        .map(|l| format!("{l} {}", dim.score.level_name))
                        .unwrap_or(dim.score.level_name.clone()),
                    tf(
                        "scoreline-coverage",
                        &[("coverage", (&dim.score.coverage_display).into())]
                    )
                ))],
                size: SMALL,
                color: MUTED,
            });
            b.push(table(
                vec![
                    col(&t("col-indicator"), 3.6, Align::Left),
                    col(&t("col-level"), 1.5, Align::Left),
                    col(&t("col-score"), 0.8, Align::Right),
                    col(&t("col-coverage"), 0.9, Align::Right),
                    col(&t("col-target"), 0.7, Align::Right),
                    col(&t("col-gap"), 0.5, Align::Right),
                    col(&t("col-flags"), 2.2, Align::Left),
                ],
                dim.indicators
                    .iter()
                    .map(|i| {
                        vec![
                            i.title.clone().into(),
                            level_cell(&i.score),
                            score_text(&i.score).into(),
                            i.score.coverage_display.clone().into(),
                            i.target.to_string().into(),
                            i.gap
                                .map(|g| g.to_string())
                                .unwrap_or_else(|| "–".to_string())
                                .into(),
                            i.flags.join("; ").into(),
                        ]
                    })
                    .collect(),
            ));
            for i in &dim.indicators {
                let Some(decision) = &i.decision else { continue };
                let mut spans = vec![
                    Span::bold(format!("{}: ", i.title)),
                    Span::regular(format!("{decision}.")),
                ];
                if let Some(rationale) = &i.decision_rationale {
                    spans.push(Span::regular(format!(" {}: {rationale}", t("col-rationale"))));
                }
                b.push(Block::Para {
                    spans,
                    size: SMALL,
                    color: TEXT,
                });
            }
            for i in dim.indicators.iter().filter(|i| i.gap.unwrap_or(0) > 0) {
                b.push(Block::Label {
                    text: tf(
                        "indicator-below-target",
                        &[
                            ("title", (&i.title).into()),
                            ("id", (&i.id).into()),
                            ("level", i.score.level.unwrap_or(0).into()),
                            ("target", i.target.into()),
                        ],
                    ),
                    size: 9.0,
                });
                let mut items = Vec::new();
                for r in &i.readings {
                    items.push(ListItem::bullet(vec![
                        Span::bold(format!("{}: ", r.respondent)),
                        Span::regular(reading_text(r)),
                    ]));
                }
                if i.readings_more > 0 {
                    items.push(ListItem::bullet(vec![Span::regular(tf(
                        "more-in-answers-sheet",
                        &[("count", i.readings_more.into())],
                    ))]));
                }
                if let Some(reached) = &i.reached {
                    let label = match (i.readings.is_empty(), i.score.level) {
                        (false, Some(level)) => {
                            format!("{} ", tf("level-means-label", &[("level", level.into())]))
                        }
                        _ => format!("{} ", t("reached-label")),
                    };
                    items.push(ListItem::bullet(vec![
                        Span::bold(label),
                        Span::regular(reached.clone()),
                    ]));
                }
                items.push(ListItem::bullet(vec![
                    Span::bold(format!("{} ", t("target-label"))),
                    Span::regular(i.target_descriptor.clone()),
                ]));
                if let Some(check) = &i.next_check {
                    items.push(ListItem::bullet(vec![
                        Span::bold(format!("{} ", t("next-level-check-inline"))),
                        Span::regular(check.clone()),
                    ]));
                }
                if !i.evidence.is_empty() {
                    items.push(ListItem::bullet(vec![
                        Span::bold(format!("{} ", t("evidence-label"))),
                        Span::regular(listed(
                            &i.evidence.iter().map(|e| e.text.clone()).collect::<Vec<_>>(),
                            i.evidence_more,
                            "; ",
                        )),
                    ]));
                }
                b.push(Block::Bullets { items, size: SMALL });
            }
        }
    }
}

fn building_blocks(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let bb = &ctx.building_blocks;
    b.push(heading(1, t("bb-heading")));
    b.push(Block::Para {
        spans: vec![Span::bold(bb.title.clone())],
        size: 11.0,
        color: ACCENT,
    });
    b.push(score_line(&bb.score));
    chart(b, charts, 1);
    b.push(heading(2, t("bb-matrix-heading")));
    let mut legend: Vec<String> = bb
        .criteria
        .iter()
        .enumerate()
        .map(|(i, title)| format!("C{} {title}", i + 1))
        .collect();
    legend.push(t("bb-matrix-legend"));
    b.push(note(legend.join(" · ")));
    let mut columns = vec![col(&t("col-building-block"), 3.0, Align::Left)];
    for i in 0..bb.criteria.len() {
        columns.push(col(&format!("C{}", i + 1), 0.55, Align::Center));
    }
    columns.extend([
        col(&t("col-score"), 0.8, Align::Right),
        col(&t("col-level"), 1.5, Align::Left),
        col(&t("col-target"), 0.7, Align::Right),
        col(&t("col-gap"), 0.5, Align::Right),
    ]);
    b.push(table(
        columns,
        bb.rows
            .iter()
            .map(|row| {
                let mut cells: Vec<Cell> = vec![
                    if row.foundational {
                        format!("{} ★", row.name)
                    } else {
                        row.name.clone()
                    }
                    .into(),
                ];
                for i in 0..bb.criteria.len() {
                    let c = row.criteria.get(i);
                    cells.push(Cell {
                        text: c.map(|c| c.display.clone()).unwrap_or_else(|| "–".to_string()),
                        fill: c
                            .and_then(|c| c.value)
                            .and_then(|v| level_fill(Some(v.round().clamp(0.0, 4.0) as u8))),
                        bold: false,
                    });
                }
                cells.extend([
                    score_text(&row.score).into(),
                    level_cell(&row.score),
                    row.target.to_string().into(),
                    row.gap
                        .map(|g| g.to_string())
                        .unwrap_or_else(|| "–".to_string())
                        .into(),
                ]);
                cells
            })
            .collect(),
    ));
    b.push(heading(2, t("bb-systems-heading")));
    let rows: Vec<Vec<Cell>> = bb
        .rows
        .iter()
        .flat_map(|row| {
            let name = row.name.clone();
            row.systems_shown.iter().map(move |s| {
                vec![
                    name.clone().into(),
                    s.name.clone().into(),
                    s.owner.clone().into(),
                    s.status.clone().into(),
                    s.exchange.clone().into(),
                    s.coverage.clone().into(),
                    s.used_by.to_string().into(),
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        b.push(para(t("bb-systems-none")));
    } else {
        b.push(table(
            vec![
                col(&t("col-building-block"), 2.0, Align::Left),
                col(&t("col-system"), 2.2, Align::Left),
                col(&t("col-owner"), 2.0, Align::Left),
                col(&t("col-status"), 1.0, Align::Left),
                col(&t("col-exchange"), 1.4, Align::Left),
                col(&t("col-coverage"), 0.9, Align::Right),
                col(&t("col-used-by"), 0.8, Align::Right),
            ],
            rows,
        ));
        let cut: Vec<String> = bb
            .rows
            .iter()
            .filter(|r| r.systems_more > 0)
            .map(|r| {
                tf(
                    "bb-systems-cut-item",
                    &[
                        ("name", (&r.name).into()),
                        ("shown", r.systems_shown.len().into()),
                        ("count", r.systems.len().into()),
                    ],
                )
            })
            .collect();
        if !cut.is_empty() {
            b.push(spans(vec![
                Span::bold(format!("{} ", t("bb-systems-cut-label"))),
                Span::regular(tf("bb-systems-cut", &[("list", cut.join(", ").into())])),
            ]));
        }
    }
    let without: Vec<&str> = bb
        .rows
        .iter()
        .filter(|r| r.systems.is_empty())
        .map(|r| r.name.as_str())
        .collect();
    if !without.is_empty() {
        b.push(spans(vec![
            Span::bold(format!("{} ", t("bb-no-system-label"))),
            Span::regular(without.join(", ")),
        ]));
    }
    b.push(heading(2, t("silos-heading")));
    let siloed: Vec<&_> = bb.rows.iter().filter(|r| !r.siloed.is_empty()).collect();
    if siloed.is_empty() {
        b.push(para(t("silos-none")));
    } else {
        b.push(para(t("silos-intro")));
        b.push(Block::Bullets {
            items: siloed
                .iter()
                .map(|r| {
                    ListItem::bullet(vec![
                        Span::bold(format!("{}: ", r.name)),
                        Span::regular(listed(&r.siloed_shown, r.siloed_more, ", ")),
                    ])
                })
                .collect(),
            size: BODY,
        });
    }
}

/// A key message as the PDF words it: its bold label and its text, the same catalogue entries
/// as the HTML and Markdown templates' key-message list.
fn key_message_text(message: &KeyMessage) -> (String, String) {
    let with_level = |score: &str, level: Option<u8>, name: &str| match level {
        Some(level) => tf(
            "key-score-level",
            &[
                ("score", score.into()),
                ("level", level.into()),
                ("level_name", name.into()),
            ],
        ),
        None => score.to_string(),
    };
    let bbs = |list: &[BbFact]| {
        list.iter()
            .map(|b| {
                tf(
                    "key-bb-fact",
                    &[
                        ("name", (&b.name).into()),
                        ("level", b.level.into()),
                        ("score", (&b.score).into()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match message {
        KeyMessage::StrongestWeakest { strongest, weakest } => (
            t("key-strongest-weakest-label"),
            tf(
                "key-strongest-weakest",
                &[
                    ("strongest", (&strongest.title).into()),
                    (
                        "strongest_score",
                        with_level(&strongest.score, strongest.level, &strongest.level_name).into(),
                    ),
                    ("weakest", (&weakest.title).into()),
                    (
                        "weakest_score",
                        with_level(&weakest.score, weakest.level, &weakest.level_name).into(),
                    ),
                ],
            ),
        ),
        KeyMessage::FoundationsMissing { building_blocks } => (
            t("key-foundations-missing-label"),
            tf(
                "key-foundations-missing",
                &[
                    ("building_blocks", bbs(building_blocks).into()),
                    ("count", building_blocks.len().into()),
                ],
            ),
        ),
        KeyMessage::WeakestBuildingBlocks { building_blocks } => (
            t("key-weakest-bbs-label"),
            tf(
                "key-weakest-bbs",
                &[("building_blocks", bbs(building_blocks).into())],
            ),
        ),
        KeyMessage::CappedOverall { uncapped, capped } => (
            t("key-capped-overall-label"),
            tf(
                "key-capped-overall",
                &[
                    ("capped", capped.into()),
                    ("uncapped", uncapped.into()),
                    ("caps", t("caps-heading").into()),
                ],
            ),
        ),
        KeyMessage::Silos {
            building_blocks,
            systems,
        } => (
            t("key-silos-label"),
            tf(
                "key-silos",
                &[
                    ("systems", (*systems).into()),
                    ("building_blocks", (*building_blocks).into()),
                ],
            ),
        ),
        KeyMessage::CloseFirst { gaps } => (
            t("key-close-first-label"),
            tf(
                "key-close-first",
                &[(
                    "gaps",
                    gaps.iter()
                        .map(|g| {
                            tf(
                                "key-gap-fact",
                                &[
                                    ("title", (&g.title).into()),
                                    ("level", g.level.into()),
                                    ("target", g.target.into()),
                                ],
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                        .into(),
                )],
            ),
        ),
        KeyMessage::TargetsMet => (t("key-targets-met-label"), t("key-targets-met")),
        KeyMessage::Settle {
            disputed,
            unverified,
            inconsistent,
        } => {
            let mut parts = Vec::new();
            for (id, count) in [
                ("key-settle-disputed", *disputed),
                ("key-settle-unverified", *unverified),
                ("key-settle-inconsistent", *inconsistent),
            ] {
                if count > 0 {
                    parts.push(tf(id, &[("count", count.into())]));
                }
            }
            (
                t("key-settle-label"),
                tf("key-settle", &[("items", parts.join("; ").into())]),
            )
        }
        KeyMessage::CompleteData {
            answered,
            applicable,
            coverage,
        } => (
            t("key-complete-data-label"),
            tf(
                "key-complete-data",
                &[
                    ("answered", (*answered).into()),
                    ("applicable", (*applicable).into()),
                    ("coverage", coverage.into()),
                ],
            ),
        ),
    }
}

fn enabling_gaps(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    b.push(heading(1, t("enabling-heading")));
    b.push(para(tf("enabling-intro", &[("annex", t("annex-a").into())])));
    chart(b, charts, 2);
    for layer in &ctx.enabling_gaps {
        b.push(heading(2, layer.title.clone()));
        if layer.gaps.is_empty() {
            b.push(para(t("enabling-none")));
            continue;
        }
        b.push(table(
            vec![
                col(&t("col-rank"), 0.6, Align::Right),
                col(&t("col-indicator"), 3.8, Align::Left),
                col(&t("col-level-target"), 1.3, Align::Center),
                col(&t("col-gap"), 0.5, Align::Right),
                col(&t("col-priority"), 0.9, Align::Right),
                col(&t("col-criticality"), 1.1, Align::Left),
                col(&t("col-dependents"), 1.1, Align::Right),
            ],
            layer
                .gaps
                .iter()
                .map(|g| {
                    vec![
                        g.rank.to_string().into(),
                        g.title.clone().into(),
                        Cell {
                            text: format!("{} → {}", g.level, g.target),
                            fill: level_fill(Some(g.level)),
                            bold: false,
                        },
                        g.gap.to_string().into(),
                        g.priority.clone().into(),
                        g.criticality.clone().into(),
                        g.dependents.to_string().into(),
                    ]
                })
                .collect(),
        ));
    }
}

fn caps(b: &mut Vec<Block>, ctx: &ReportContext) {
    b.push(heading(1, t("caps-heading")));
    b.push(para(t("caps-intro")));
    b.push(Block::Bullets {
        items: ctx
            .caps
            .iter()
            .map(|c| {
                ListItem::bullet(vec![
                    Span::bold(format!("{}: ", c.id)),
                    Span::regular(format!("{} {}", cap_effect(c), c.reason)),
                ])
            })
            .collect(),
        size: BODY,
    });
}

/// The effect of one cap in words: the templates' `cap-*` messages, its lowered scores after.
fn cap_effect(c: &super::context::CapView) -> String {
    let level = c.trigger_level.map(Arg::from).unwrap_or_else(|| "–".into());
    let common = [
        ("trigger", Arg::from(&c.trigger)),
        ("below", c.below_level.into()),
        ("max", (&c.max_display).into()),
        ("count", c.effects.len().into()),
        ("level", level),
    ];
    match (c.status.as_str(), c.per_building_block) {
        ("unchecked", true) => tf("cap-unchecked-bb", &common),
        ("unchecked", false) => tf("cap-unchecked", &common),
        ("not_fired", true) => tf("cap-not-fired-bb", &common),
        ("not_fired", false) => tf("cap-not-fired", &common),
        (_, per_bb) => {
            let head = tf(if per_bb { "cap-fired-bb" } else { "cap-fired" }, &common);
            let mut parts: Vec<String> = c
                .effects
                .iter()
                .filter(|e| e.lowered)
                .map(|e| {
                    tf(
                        "cap-lowered",
                        &[
                            ("title", (&e.title).into()),
                            ("before", (&e.before).into()),
                            ("after", (&e.after).into()),
                        ],
                    )
                })
                .collect();
            if !c.not_bound.is_empty() {
                parts.push(if per_bb {
                    tf("cap-not-bound-bb", &[("count", c.not_bound.len().into())])
                } else {
                    let names: Vec<String> = c
                        .not_bound
                        .iter()
                        .map(|e| {
                            tf(
                                "cap-not-bound-item",
                                &[("title", (&e.title).into()), ("before", (&e.before).into())],
                            )
                        })
                        .collect();
                    tf("cap-not-bound", &[("items", names.join(", ").into())])
                });
            }
            if parts.is_empty() {
                head
            } else {
                format!("{head} {}.", parts.join(". "))
            }
        }
    }
}

fn annexes(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let annex = &ctx.annex;
    b.push(heading(1, t("annex-method-heading")));
    b.extend(markdown::blocks(&annex.method, true));
    if !annex.priority_formula.is_empty() {
        b.push(spans(vec![
            Span::bold(format!("{} ", t("priority-formula-label"))),
            Span::regular(markdown::strip(&annex.priority_formula)),
        ]));
    }

    b.push(heading(1, t("annex-quality-heading")));
    chart(b, charts, 3);
    b.push(heading(2, t("no-data-annex-heading")));
    if annex.no_data.is_empty() {
        b.push(para(t("no-data-annex-none")));
    } else {
        b.push(para(annex.no_data.join(", ")));
    }
    let flagged = |b: &mut Vec<Block>, title: &str, items: &[super::context::FlaggedIndicator]| {
        b.push(heading(2, title));
        if items.is_empty() {
            b.push(para(t("none-listed")));
        } else {
            b.push(table(
                vec![
                    col(&t("col-indicator"), 3.0, Align::Left),
                    col(&t("col-detail"), 3.0, Align::Left),
                ],
                items
                    .iter()
                    .map(|i| vec![format!("{} ({})", i.title, i.id).into(), i.detail.clone().into()])
                    .collect(),
            ));
        }
    };
    flagged(b, &t("disputed-heading"), &annex.disputed);
    flagged(b, &t("unverified-heading"), &annex.unverified);
    flagged(b, &t("inconsistent-heading"), &annex.inconsistent);
    b.push(heading(2, t("provisional-heading")));
    b.push(para(tf(
        "provisional-intro",
        &[("min", (&annex.min_coverage).into())],
    )));
    if annex.provisional.is_empty() {
        b.push(para(t("none-listed")));
    } else {
        b.push(bullets(annex.provisional.iter().cloned()));
    }
    b.push(heading(2, t("ledger-heading")));
    b.push(table(
        vec![
            col(&t("col-table"), 3.0, Align::Left),
            col(&t("col-holds"), 1.1, Align::Left),
            col(&t("col-read"), 0.7, Align::Right),
            col(&t("col-used"), 0.7, Align::Right),
            col(&t("col-ignored"), 2.5, Align::Left),
        ],
        annex
            .tables
            .iter()
            .map(|t| {
                vec![
                    t.name.clone().into(),
                    t.role.clone().into(),
                    t.read.to_string().into(),
                    t.used.to_string().into(),
                    if t.ignored.is_empty() {
                        "–".to_string()
                    } else {
                        t.ignored.clone()
                    }
                    .into(),
                ]
            })
            .collect(),
    ));

    b.push(heading(1, t("annex-answers-heading")));
    if annex.answers.is_empty() {
        b.push(para(t("answers-none")));
        workshop_annex(b, &annex.workshop);
        return;
    }
    b.push(Block::Table(Table {
        columns: vec![
            col(&t("col-indicator"), 1.0, Align::Left),
            col(&t("col-question"), 1.0, Align::Left),
            col(&t("col-respondent"), 1.0, Align::Left),
            col(&t("col-institution"), 1.0, Align::Left),
            col(&t("col-answer"), 0.5, Align::Left),
            col(&t("col-level"), 1.5, Align::Center),
            col(&t("col-evidence"), 1.2, Align::Left),
            col(&t("col-comment"), 1.5, Align::Left),
        ],
        rows: annex
            .answers
            .iter()
            .take(annex.answers_listed)
            .map(|a| {
                vec![
                    a.indicator.clone().into(),
                    a.question.clone().into(),
                    a.respondent.clone().into(),
                    a.institution.clone().into(),
                    a.given.clone().into(),
                    Cell {
                        text: a
                            .reading
                            .as_ref()
                            .map(reading_text)
                            .unwrap_or_else(|| a.level.clone()),
                        fill: level_fill(a.level.parse().ok()),
                        bold: false,
                    },
                    a.evidence.clone().into(),
                    a.comment.clone().into(),
                ]
            })
            .collect(),
        size: 7.0,
        header: true,
    }));
    if annex.answers_more > 0 {
        b.push(note(tf(
            "answers-more-pdf",
            &[
                ("more", annex.answers_more.into()),
                ("count", annex.answers.len().into()),
            ],
        )));
    }
    workshop_annex(b, &annex.workshop);
}

/// Annex D: what the validation workshop is asked to settle, and what it decided.
fn workshop_annex(b: &mut Vec<Block>, workshop: &WorkshopView) {
    b.push(heading(1, t("annex-workshop-heading")));
    b.push(para(tf(
        "annex-workshop-intro",
        &[
            ("count", workshop.items.len().into()),
            ("decided", workshop.decided.into()),
        ],
    )));
    if workshop.items.is_empty() {
        return;
    }
    b.push(Block::Table(Table {
        columns: vec![
            col(&t("col-indicator"), 1.6, Align::Left),
            col(&t("col-listed-because"), 1.2, Align::Left),
            col(&t("col-answers-value"), 0.6, Align::Right),
            col(&t("col-respondents-range"), 0.7, Align::Left),
            col(&t("col-answers"), 1.6, Align::Left),
            col(&t("col-decision"), 2.0, Align::Left),
        ],
        rows: workshop
            .items
            .iter()
            .map(|w| {
                let answers: Vec<String> = w
                    .answers
                    .iter()
                    .map(|a| {
                        if a.authoritative {
                            format!(
                                "{}: {} {}",
                                a.respondent,
                                a.level,
                                t("workshop-authoritative-mark")
                            )
                        } else {
                            format!("{}: {}", a.respondent, a.level)
                        }
                    })
                    .collect();
                vec![
                    format!("{} ({})", w.title, w.indicator).into(),
                    w.listed_because.join("; ").into(),
                    w.value_now.clone().into(),
                    if w.low.is_empty() {
                        String::new().into()
                    } else {
                        format!("{}–{}", w.low, w.high).into()
                    },
                    answers.join("; ").into(),
                    w.decision_text.clone().into(),
                ]
            })
            .collect(),
        size: 7.0,
        header: true,
    }));
}

#[cfg(test)]
pub(crate) use self::charts::label_boxes;

#[cfg(test)]
mod tests;
