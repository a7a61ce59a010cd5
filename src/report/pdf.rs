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
mod write;

use std::fmt;

use self::charts::{Charts, parse_charts};
use self::fonts::Fonts;
use self::layout::{
    ACCENT, Align, Block, Cell, Column, Layout, ListItem, MUTED, Rgb8, Span, TEXT, Table, decorate, layout,
};
use super::ChartImage;
use super::context::messages::{BbFact, KeyMessage};
use super::context::{GapView, ReadingView, ReportContext, ScoreView};

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
        subject: format!(
            "{} readiness assessment of {} ({}), {}, framework {} {}",
            meta.framework_title,
            meta.country,
            meta.iso3,
            meta.date,
            meta.framework_id,
            meta.framework_version
        ),
        producer,
        keywords: vec![
            "DPI".to_string(),
            "GovStack".to_string(),
            meta.country.clone(),
            meta.iso3.clone(),
        ],
        date,
        language: "en".to_string(),
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
                "dpi-assess {} · {} {}",
                meta.tool_version, meta.framework_id, meta.framework_version
            ),
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// Content: the report's sections as blocks.

const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const TABLE: f32 = 8.0;

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
        Some(uncapped) if !score.capped_by.is_empty() => {
            format!("{} (capped; {uncapped} before)", score.display)
        }
        _ => score.display.clone(),
    }
}

/// A numeric answer as the PDF words it, like the HTML and Markdown templates' `reading`
/// component: `72 % — at least 70 % → level 2`, `4.5 % — at most 5 % → level 3`,
/// `12 % — below 25 % → level 0`, `3 points — at least 3 → level 2`.
fn reading_text(r: &ReadingView) -> String {
    let (value_unit, threshold_unit) = match r.unit.as_str() {
        "percent" => (" %".to_string(), " %"),
        "points" if r.value == 1.0 => (" point".to_string(), ""),
        "points" => (" points".to_string(), ""),
        _ if !r.unit_label.is_empty() => (format!(" {}", r.unit_label), ""),
        _ => (String::new(), ""),
    };
    let lower = r.direction == "lower_is_better";
    let (word, threshold) = match (&r.threshold_display, &r.next_threshold_display) {
        (Some(t), _) => (if lower { "at most" } else { "at least" }, t.as_str()),
        (None, Some(next)) => (if lower { "above" } else { "below" }, next.as_str()),
        (None, None) => ("", ""),
    };
    format!(
        "{}{value_unit} — {word} {threshold}{threshold_unit} → level {}",
        r.value_display, r.level
    )
}

fn score_line(score: &ScoreView) -> Block {
    let mut line = vec![
        Span::bold("Score "),
        Span::regular(score_text(score)),
        Span::bold(" · level "),
        Span::regular(match score.level {
            Some(level) => format!("{level} {}", score.level_name),
            None => score.level_name.clone(),
        }),
        Span::bold(" · coverage "),
        Span::regular(score.coverage_display.clone()),
    ];
    if !score.capped_by.is_empty() {
        line.push(Span::bold(" · capped by "));
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
            col("Rank", 0.6, Align::Right),
            col("Item", 3.6, Align::Left),
            col("Pillar", 2.2, Align::Left),
            col("Level → target", 1.3, Align::Center),
            col("Gap", 0.6, Align::Right),
            col("Priority", 0.9, Align::Right),
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
        spans: vec![Span::regular(format!("Assessment of {}", meta.date))],
        size: 12.0,
        color: MUTED,
    });
}

/// About this assessment: the facts, the method in brief, the scope, as the HTML's first section.
fn about(b: &mut Vec<Block>, ctx: &ReportContext) {
    let meta = &ctx.meta;
    b.push(heading(1, "About this assessment"));
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
        ("Country", format!("{} ({})", meta.country, meta.iso3)),
        ("Assessment date", meta.date.clone()),
        (
            "Framework",
            format!(
                "{} ({} {})",
                meta.framework_title, meta.framework_id, meta.framework_version
            ),
        ),
        ("Questionnaires", meta.questionnaires.join(", ")),
        ("Assessment team", assessors),
        ("Produced with", format!("dpi-assess {}", meta.tool_version)),
    ];
    b.push(Block::Table(Table {
        columns: vec![col("", 1.0, Align::Left), col("", 3.2, Align::Left)],
        rows: facts
            .into_iter()
            .map(|(label, value)| {
                vec![
                    Cell {
                        text: label.to_string(),
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
    b.push(heading(2, "Method in brief"));
    b.push(para(meta.method_summary.clone()));
    if let Some(notes) = meta.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        b.push(heading(2, "Scope and notes"));
        b.push(para(notes.trim().to_string()));
    }
}

fn summary(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let s = &ctx.summary;
    b.push(heading(1, "Executive summary"));
    let overall = &s.overall;
    b.push(Block::Para {
        spans: vec![
            Span::bold(format!("Overall index: {} / 100", score_text(overall))),
            Span::regular(match overall.level {
                Some(level) => format!(
                    " — level {level} ({}), coverage {}",
                    overall.level_name, overall.coverage_display
                ),
                None => format!(" — {}, coverage {}", overall.level_name, overall.coverage_display),
            }),
        ],
        size: 13.0,
        color: ACCENT,
    });
    b.push(para(s.headline.clone()));
    if !s.key_messages.is_empty() {
        b.push(heading(2, "Key messages"));
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
    b.push(heading(2, "Pillars"));
    b.push(table(
        vec![
            col("Pillar", 3.5, Align::Left),
            col("Score", 1.4, Align::Right),
            col("Level", 1.6, Align::Left),
            col("Coverage", 1.0, Align::Right),
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
    b.push(heading(2, "Five largest gaps"));
    if s.largest_gaps.is_empty() {
        b.push(para("No indicator or Building Block is below its target."));
    } else {
        b.push(gap_table(&s.largest_gaps));
    }
    b.push(heading(2, "Five top priorities"));
    if s.top_priorities.is_empty() {
        b.push(para("No gap to prioritise."));
    } else {
        b.push(gap_table(&s.top_priorities));
    }
    b.push(heading(2, "How far the numbers can be trusted"));
    b.push(bullets(s.confidence.iter().cloned()));
}

fn maturity(b: &mut Vec<Block>, ctx: &ReportContext) {
    b.push(heading(1, "Maturity by layer, dimension and indicator"));
    b.push(para(
        "Each layer of enabling conditions, then each of its dimensions with its indicators: the level reached, \
         the score (25 points a level), the share of the data the indicator asks for, the target and the gap. \
         Indicators below target follow each table with what the level reached and the target level mean.",
    ));
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
                    "Level {} · coverage {}",
                    dim.score
                        .level
                        .map(|l| format!("{l} {}", dim.score.level_name))
                        .unwrap_or(dim.score.level_name.clone()),
                    dim.score.coverage_display
                ))],
                size: SMALL,
                color: MUTED,
            });
            b.push(table(
                vec![
                    col("Indicator", 3.6, Align::Left),
                    col("Level", 1.5, Align::Left),
                    col("Score", 0.8, Align::Right),
                    col("Coverage", 0.9, Align::Right),
                    col("Target", 0.7, Align::Right),
                    col("Gap", 0.5, Align::Right),
                    col("Flags", 2.2, Align::Left),
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
            for i in dim.indicators.iter().filter(|i| i.gap.unwrap_or(0) > 0) {
                b.push(Block::Label {
                    text: format!(
                        "{} ({}) — level {} → target {}",
                        i.title,
                        i.id,
                        i.score.level.unwrap_or(0),
                        i.target
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
                    items.push(ListItem::bullet(vec![Span::regular(format!(
                        "and {} more (every answer in report.xlsx, sheet answers)",
                        i.readings_more
                    ))]));
                }
                if let Some(reached) = &i.reached {
                    let label = match (i.readings.is_empty(), i.score.level) {
                        (false, Some(level)) => format!("Level {level} means: "),
                        _ => "Reached: ".to_string(),
                    };
                    items.push(ListItem::bullet(vec![
                        Span::bold(label),
                        Span::regular(reached.clone()),
                    ]));
                }
                items.push(ListItem::bullet(vec![
                    Span::bold("Target: "),
                    Span::regular(i.target_descriptor.clone()),
                ]));
                if !i.evidence.is_empty() {
                    items.push(ListItem::bullet(vec![
                        Span::bold("Evidence: "),
                        Span::regular(if i.evidence_more > 0 {
                            format!("{}; and {} more", i.evidence.join("; "), i.evidence_more)
                        } else {
                            i.evidence.join("; ")
                        }),
                    ]));
                }
                b.push(Block::Bullets { items, size: SMALL });
            }
        }
    }
}

fn building_blocks(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let bb = &ctx.building_blocks;
    b.push(heading(1, "Building Block gap analysis"));
    b.push(Block::Para {
        spans: vec![Span::bold(bb.title.clone())],
        size: 11.0,
        color: ACCENT,
    });
    b.push(score_line(&bb.score));
    chart(b, charts, 1);
    b.push(heading(2, "Building Blocks × criteria"));
    let mut legend: Vec<String> = bb
        .criteria
        .iter()
        .enumerate()
        .map(|(i, title)| format!("C{} {title}", i + 1))
        .collect();
    legend.push("values are levels 0–4; ★ marks a foundational Building Block".to_string());
    b.push(note(legend.join(" · ")));
    let mut columns = vec![col("Building Block", 3.0, Align::Left)];
    for i in 0..bb.criteria.len() {
        columns.push(col(&format!("C{}", i + 1), 0.55, Align::Center));
    }
    columns.extend([
        col("Score", 0.8, Align::Right),
        col("Level", 1.5, Align::Left),
        col("Target", 0.7, Align::Right),
        col("Gap", 0.5, Align::Right),
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
    b.push(heading(2, "Systems per Building Block"));
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
        b.push(para("The inventory lists no system for any Building Block."));
    } else {
        b.push(table(
            vec![
                col("Building Block", 2.0, Align::Left),
                col("System", 2.2, Align::Left),
                col("Owner", 2.0, Align::Left),
                col("Status", 1.0, Align::Left),
                col("Exchange", 1.4, Align::Left),
                col("Coverage", 0.9, Align::Right),
                col("Used by", 0.8, Align::Right),
            ],
            rows,
        ));
        let cut: Vec<String> = bb
            .rows
            .iter()
            .filter(|r| r.systems_more > 0)
            .map(|r| format!("{} ({} of {})", r.name, r.systems_shown.len(), r.systems.len()))
            .collect();
        if !cut.is_empty() {
            b.push(spans(vec![
                Span::bold("Systems used by the most institutions only: "),
                Span::regular(format!(
                    "{}. Every system is in systems.csv and report.xlsx.",
                    cut.join(", ")
                )),
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
            Span::bold("No system listed: "),
            Span::regular(without.join(", ")),
        ]));
    }
    b.push(heading(2, "Capabilities held outside a shared platform"));
    let siloed: Vec<&_> = bb.rows.iter().filter(|r| !r.siloed.is_empty()).collect();
    if siloed.is_empty() {
        b.push(para(
            "Every running system of every Building Block is a shared platform or serves only institutions the platform serves.",
        ));
    } else {
        b.push(para(
            "Running systems holding a Building Block's capability for institutions its shared platform does not serve (or with no shared platform at all):",
        ));
        b.push(Block::Bullets {
            items: siloed
                .iter()
                .map(|r| {
                    ListItem::bullet(vec![
                        Span::bold(format!("{}: ", r.name)),
                        Span::regular(if r.siloed_more > 0 {
                            format!("{}, and {} more", r.siloed_shown.join(", "), r.siloed_more)
                        } else {
                            r.siloed_shown.join(", ")
                        }),
                    ])
                })
                .collect(),
            size: BODY,
        });
    }
}

/// A key message as the PDF words it: the same words as the HTML and Markdown templates.
fn key_message_text(message: &KeyMessage) -> (&'static str, String) {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            word.to_string()
        } else {
            format!("{word}s")
        }
    };
    let with_level = |score: &str, level: Option<u8>, name: &str| match level {
        Some(level) => format!("{score} (level {level}, {name})"),
        None => score.to_string(),
    };
    let bbs = |list: &[BbFact]| {
        list.iter()
            .map(|b| format!("{} (level {}, score {})", b.name, b.level, b.score))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match message {
        KeyMessage::StrongestWeakest { strongest, weakest } => (
            "Strongest and weakest pillar.",
            format!(
                "{} leads at {}; {} trails at {}.",
                strongest.title,
                with_level(&strongest.score, strongest.level, &strongest.level_name),
                weakest.title,
                with_level(&weakest.score, weakest.level, &weakest.level_name)
            ),
        ),
        KeyMessage::FoundationsMissing { building_blocks } => (
            "Foundations missing.",
            format!(
                "{}: foundational {} at level 1 or below, on which the services that need them cannot yet be built.",
                bbs(building_blocks),
                plural(building_blocks.len(), "Building Block")
            ),
        ),
        KeyMessage::WeakestBuildingBlocks { building_blocks } => (
            "Weakest Building Blocks.",
            format!(
                "{}; every foundational Building Block is at level 2 or above.",
                bbs(building_blocks)
            ),
        ),
        KeyMessage::CappedOverall { uncapped, capped } => (
            "A cap holds the index down.",
            format!("The overall index is {capped}; without the cap it would be {uncapped}."),
        ),
        KeyMessage::Silos {
            building_blocks,
            systems,
        } => (
            "Capabilities outside shared platforms.",
            format!(
                "{systems} running {} in {building_blocks} {} serve institutions that no shared platform serves: candidates for consolidation.",
                plural(*systems, "system"),
                plural(*building_blocks, "Building Block")
            ),
        ),
        KeyMessage::CloseFirst { gaps } => (
            "Close first.",
            format!(
                "{}: the highest priorities, weighing each gap by importance, criticality and what depends on it.",
                gaps.iter()
                    .map(|g| format!("{} (level {} → {})", g.title, g.level, g.target))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ),
        KeyMessage::TargetsMet => (
            "Targets met.",
            "Every item with data meets its target level: set higher targets, or widen the assessment."
                .to_string(),
        ),
        KeyMessage::Settle {
            disputed,
            unverified,
            inconsistent,
        } => {
            let mut parts = Vec::new();
            if *disputed > 0 {
                parts.push(format!("{disputed} disputed {}", plural(*disputed, "indicator")));
            }
            if *unverified > 0 {
                parts.push(format!(
                    "{unverified} level 3–4 {} without evidence",
                    plural(*unverified, "answer")
                ));
            }
            if *inconsistent > 0 {
                parts.push(format!(
                    "{inconsistent} {} contradicting the inventory",
                    plural(*inconsistent, "answer")
                ));
            }
            (
                "Settle before relying on the numbers.",
                format!("The validation workshop should settle {}.", parts.join("; ")),
            )
        }
        KeyMessage::CompleteData {
            answered,
            applicable,
            coverage,
        } => (
            "Complete the data.",
            format!(
                "{answered} of {applicable} applicable indicators have a level ({coverage} coverage); the scores rest on what was answered."
            ),
        ),
    }
}

fn enabling_gaps(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    b.push(heading(1, "Enabling-conditions gap analysis"));
    b.push(para(
        "Indicators below their target, layer by layer, highest priority first. Priority weighs the gap by the \
         indicator's share of the index, its criticality and how many Building Blocks and services depend on it.",
    ));
    chart(b, charts, 2);
    for layer in &ctx.enabling_gaps {
        b.push(heading(2, layer.title.clone()));
        if layer.gaps.is_empty() {
            b.push(para("Every indicator with a level has reached its target."));
            continue;
        }
        b.push(table(
            vec![
                col("Rank", 0.6, Align::Right),
                col("Indicator", 3.8, Align::Left),
                col("Level → target", 1.3, Align::Center),
                col("Gap", 0.5, Align::Right),
                col("Priority", 0.9, Align::Right),
                col("Criticality", 1.1, Align::Left),
                col("Dependents", 1.1, Align::Right),
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
    b.push(heading(1, "Caps applied"));
    b.push(para(
        "A cap stops strengths elsewhere from hiding a missing foundation: while a key indicator (or, for a \
         ceiling, a Building Block's own criterion) stays below a set level, the score it governs cannot rise \
         above a set value.",
    ));
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

/// The effect of one cap in words, as the HTML and Markdown templates say it.
fn cap_effect(c: &super::context::CapView) -> String {
    let trigger_is = match c.trigger_level {
        Some(level) => format!("{} is at level {level}", c.trigger),
        None => format!("{} has no level", c.trigger),
    };
    match c.status.as_str() {
        "unchecked" => format!("Not checked: {} has no level.", c.trigger),
        "not_fired" if c.per_building_block => format!(
            "Checked, did not fire: every Building Block has {} at {} or above.",
            c.trigger, c.below_level
        ),
        "not_fired" => format!(
            "Checked, did not fire: {trigger_is}, not below {}.",
            c.below_level
        ),
        _ => {
            let head = if c.per_building_block {
                format!(
                    "Fired on {} Building Block(s) whose {} is below {}",
                    c.effects.len(),
                    c.trigger,
                    c.below_level
                )
            } else {
                format!("Fired: {trigger_is}, below {}", c.below_level)
            };
            let mut parts: Vec<String> = c
                .effects
                .iter()
                .filter(|e| e.lowered)
                .map(|e| format!("{}: lowered from {} to {}", e.title, e.before, e.after))
                .collect();
            if !c.not_bound.is_empty() {
                parts.push(if c.per_building_block {
                    format!(
                        "it did not bind on {} of them, already at or below the cap",
                        c.not_bound.len()
                    )
                } else {
                    let names: Vec<String> = c
                        .not_bound
                        .iter()
                        .map(|e| format!("{} ({})", e.title, e.before))
                        .collect();
                    format!("did not bind (already at or below the cap): {}", names.join(", "))
                });
            }
            format!(
                "{head}; scores held at {} at most. {}.",
                c.max_display,
                parts.join("; ")
            )
        }
    }
}

fn annexes(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let annex = &ctx.annex;
    b.push(heading(1, "Annex A. Method"));
    b.extend(markdown::blocks(&annex.method, true));
    if !annex.priority_formula.is_empty() {
        b.push(spans(vec![
            Span::bold("Priority formula: "),
            Span::regular(markdown::strip(&annex.priority_formula)),
        ]));
    }

    b.push(heading(1, "Annex B. Data quality"));
    chart(b, charts, 3);
    b.push(heading(2, "Items without data"));
    if annex.no_data.is_empty() {
        b.push(para("Every applicable indicator and Building Block has data."));
    } else {
        b.push(para(annex.no_data.join(", ")));
    }
    let flagged =
        |b: &mut Vec<Block>, title: &str, none: &str, items: &[super::context::FlaggedIndicator]| {
            b.push(heading(2, title));
            if items.is_empty() {
                b.push(para(none));
            } else {
                b.push(table(
                    vec![
                        col("Indicator", 3.0, Align::Left),
                        col("Detail", 3.0, Align::Left),
                    ],
                    items
                        .iter()
                        .map(|i| vec![format!("{} ({})", i.title, i.id).into(), i.detail.clone().into()])
                        .collect(),
                ));
            }
        };
    flagged(
        b,
        "Disputed answers",
        "No indicator is disputed.",
        &annex.disputed,
    );
    flagged(
        b,
        "Unverified answers",
        "No indicator at level 3 or 4 lacks evidence.",
        &annex.unverified,
    );
    flagged(
        b,
        "Answers that contradict the inventory",
        "No answer contradicts the systems inventory.",
        &annex.inconsistent,
    );
    b.push(heading(2, "Provisional scores"));
    b.push(para(&if annex.provisional.is_empty() {
        "None.".to_string()
    } else {
        format!(
            "Coverage below {}, shown without a level: {}.",
            annex.min_coverage,
            annex.provisional.join(", ")
        )
    }));
    b.push(heading(2, "Input ledger"));
    b.push(table(
        vec![
            col("Table", 3.0, Align::Left),
            col("Role", 1.1, Align::Left),
            col("Read", 0.7, Align::Right),
            col("Used", 0.7, Align::Right),
            col("Ignored", 2.5, Align::Left),
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

    b.push(heading(1, "Annex C. All answers"));
    if annex.answers.is_empty() {
        b.push(para("No answer was read."));
        return;
    }
    b.push(Block::Table(Table {
        columns: vec![
            col("Indicator", 1.0, Align::Left),
            col("Question", 1.0, Align::Left),
            col("Respondent", 1.0, Align::Left),
            col("Institution", 1.0, Align::Left),
            col("Answer", 0.5, Align::Left),
            col("Level", 1.5, Align::Center),
            col("Evidence", 1.2, Align::Left),
            col("Comment", 1.5, Align::Left),
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
        b.push(note(format!(
            "And {} more answers: all {} are in report.xlsx (sheet answers) and results.json.",
            annex.answers_more,
            annex.answers.len()
        )));
    }
}

#[cfg(test)]
mod tests;
