//! The XLSX workbook of a report: one sheet per table (summary, scores, gaps, Building Blocks,
//! systems, answers, ledger), for analysts who filter and chart the numbers themselves.
//!
//! In: the [`ReportContext`]. Out: the bytes of an xlsx file. Pure and deterministic: the
//! document's creation date is the assessment date, never the clock. Text cells that begin with
//! `=`, `+`, `-` or `@` are written with a leading `'` (see [`safe_text`]) so that nothing from the
//! inputs can run as a formula; numbers are written as numbers.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::context::{ReadingView, ReportContext, ScoreView};
use super::csv::safe_text;

/// A column: header and width.
type Column = (&'static str, f64);

/// One cell value.
enum Value {
    Text(String),
    Number(f64),
    Empty,
}

fn text(s: impl AsRef<str>) -> Value {
    Value::Text(safe_text(s.as_ref()))
}

fn number(n: Option<f64>) -> Value {
    n.map(Value::Number).unwrap_or(Value::Empty)
}

/// A reading's unit in the answers sheet: the question's own unit when it names one, else
/// `percent`, `points` or `number`.
fn reading_unit(r: &ReadingView) -> &str {
    if r.unit_label.is_empty() {
        &r.unit
    } else {
        &r.unit_label
    }
}

fn write_table(
    sheet: &mut Worksheet,
    name: &str,
    columns: &[Column],
    rows: Vec<Vec<Value>>,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    for (c, (header, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *header, bold)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    let count = rows.len() as u32;
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match value {
                Value::Text(s) if !s.is_empty() => {
                    sheet.write_string(r, c, s)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, n)?;
                }
                _ => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if count > 0 {
        sheet.autofilter(0, 0, count, columns.len() as u16 - 1)?;
    }
    Ok(())
}

fn score_cells(score: &ScoreView) -> Vec<Value> {
    vec![
        number(score.score.map(|s| (s * 100.0).round() / 100.0)),
        number(score.level.map(f64::from)),
        text(&score.level_name),
        number(Some((score.coverage * 1000.0).round() / 1000.0)),
        text(score.capped_by.join("; ")),
    ]
}

/// Builds the workbook.
pub fn render(ctx: &ReportContext) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let date = &ctx.meta.date;
    let part =
        |range: std::ops::Range<usize>| date.get(range).and_then(|s| s.parse::<u16>().ok()).unwrap_or(1);
    let created = ExcelDateTime::from_ymd(part(0..4), part(5..7) as u8, part(8..10) as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&ctx.meta.title)
            .set_subject(format!(
                "DPI readiness assessment of {} ({}), framework {} {}",
                ctx.meta.country, ctx.meta.iso3, ctx.meta.framework_id, ctx.meta.framework_version
            ))
            .set_author(format!("dpi-assess {}", ctx.meta.tool_version))
            .set_creation_datetime(&created),
    );

    // Summary: what this workbook is, and the headline numbers.
    let summary = workbook.add_worksheet();
    summary.set_name("summary")?;
    summary.set_column_width(0, 28)?;
    summary.set_column_width(1, 90)?;
    let facts: Vec<(&str, String)> = vec![
        ("Report", ctx.meta.title.clone()),
        ("Country", format!("{} ({})", ctx.meta.country, ctx.meta.iso3)),
        ("Assessment date", ctx.meta.date.clone()),
        (
            "Framework",
            format!("{} {}", ctx.meta.framework_id, ctx.meta.framework_version),
        ),
        ("Questionnaires", ctx.meta.questionnaires.join(", ")),
        ("Tool", format!("dpi-assess {}", ctx.meta.tool_version)),
        (
            "Overall index",
            format!(
                "{} ({}), coverage {}",
                ctx.summary.overall.display,
                ctx.summary.overall.level_name,
                ctx.summary.overall.coverage_display
            ),
        ),
        ("Summary", ctx.summary.headline.clone()),
        ("Method", ctx.meta.method_summary.clone()),
        (
            "Sheets",
            "scores, gaps, building_blocks, systems, answers, ledger".to_string(),
        ),
    ];
    for (r, (label, value)) in facts.iter().enumerate() {
        summary.write_string_with_format(r as u32, 0, *label, &bold)?;
        summary.write_string_with_format(r as u32, 1, safe_text(value), &wrap)?;
    }

    // Scores: every node, in framework order.
    let mut rows = Vec::new();
    let mut push = |kind: &str, id: &str, title: &str, parent: &str, score: &ScoreView, extra: Vec<Value>| {
        let mut row = vec![text(kind), text(id), text(title), text(parent)];
        row.extend(score_cells(score));
        row.extend(extra);
        rows.push(row);
    };
    push(
        "overall",
        "overall",
        "Overall index",
        "",
        &ctx.summary.overall,
        Vec::new(),
    );
    for pillar in &ctx.summary.pillars {
        push(
            "pillar",
            &pillar.id,
            &pillar.title,
            "overall",
            &pillar.score,
            Vec::new(),
        );
    }
    for layer in &ctx.layers {
        for dimension in &layer.dimensions {
            push(
                "dimension",
                &dimension.id,
                &dimension.title,
                &layer.id,
                &dimension.score,
                Vec::new(),
            );
            for indicator in &dimension.indicators {
                push(
                    "indicator",
                    &indicator.id,
                    &indicator.title,
                    &dimension.id,
                    &indicator.score,
                    vec![
                        number(Some(f64::from(indicator.target))),
                        number(indicator.gap.map(f64::from)),
                        text(indicator.flags.join("; ")),
                    ],
                );
            }
        }
    }
    for bb in &ctx.building_blocks.rows {
        push(
            "building_block",
            &bb.id,
            &bb.name,
            "building-blocks",
            &bb.score,
            vec![
                number(Some(f64::from(bb.target))),
                number(bb.gap.map(f64::from)),
                Value::Empty,
            ],
        );
    }
    write_table(
        workbook.add_worksheet(),
        "scores",
        &[
            ("kind", 14.0),
            ("id", 30.0),
            ("title", 48.0),
            ("parent", 24.0),
            ("score", 8.0),
            ("level", 7.0),
            ("level name", 14.0),
            ("coverage", 10.0),
            ("capped by", 20.0),
            ("target", 8.0),
            ("gap", 6.0),
            ("flags", 40.0),
        ],
        rows,
        &bold,
    )?;

    let rows = ctx
        .gaps
        .iter()
        .map(|g| {
            vec![
                number(Some(f64::from(g.rank))),
                text(&g.kind),
                text(&g.id),
                text(&g.title),
                text(&g.pillar),
                number(Some(f64::from(g.level))),
                number(Some(f64::from(g.target))),
                number(Some(f64::from(g.gap))),
                text(&g.criticality),
                number(Some(f64::from(g.dependents))),
                number(g.priority.parse().ok()),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "gaps",
        &[
            ("rank", 6.0),
            ("kind", 14.0),
            ("id", 30.0),
            ("title", 48.0),
            ("pillar", 36.0),
            ("level", 7.0),
            ("target", 7.0),
            ("gap", 6.0),
            ("criticality", 11.0),
            ("dependents", 11.0),
            ("priority", 9.0),
        ],
        rows,
        &bold,
    )?;

    let rows = ctx
        .building_blocks
        .rows
        .iter()
        .map(|bb| {
            let mut row = vec![
                text(&bb.id),
                text(&bb.name),
                text(if bb.foundational { "yes" } else { "no" }),
            ];
            row.extend(score_cells(&bb.score).into_iter().take(3));
            for criterion in &bb.criteria {
                row.push(number(criterion.value));
            }
            row.push(text(bb.siloed.join("; ")));
            row.push(text(bb.services.join("; ")));
            row
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "building_blocks",
        &[
            ("id", 22.0),
            ("name", 24.0),
            ("foundational", 12.0),
            ("score", 8.0),
            ("level", 7.0),
            ("level name", 14.0),
            ("C1 exists", 10.0),
            ("C2 interoperable", 10.0),
            ("C3 governance", 10.0),
            ("C4 shared", 10.0),
            ("siloed copies", 50.0),
            ("needed by services", 50.0),
        ],
        rows,
        &bold,
    )?;

    let rows = ctx
        .systems
        .iter()
        .map(|s| {
            vec![
                text(&s.name),
                text(&s.owner),
                text(&s.building_blocks),
                text(&s.status),
                text(&s.coverage),
                text(&s.exchange),
                text(&s.standards),
                text(&s.hosting),
                text(&s.open_source),
                text(&s.used_by),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "systems",
        &[
            ("name", 40.0),
            ("owner", 32.0),
            ("building_blocks", 28.0),
            ("status", 11.0),
            ("coverage", 9.0),
            ("exchange", 18.0),
            ("standards", 36.0),
            ("hosting", 20.0),
            ("open_source", 11.0),
            ("used_by", 60.0),
        ],
        rows,
        &bold,
    )?;

    let rows = ctx
        .annex
        .answers
        .iter()
        .map(|a| {
            vec![
                text(&a.indicator),
                text(&a.question),
                text(&a.respondent),
                text(&a.institution),
                text(&a.given),
                text(&a.level),
                number(a.reading.as_ref().map(|r| r.value)),
                text(a.reading.as_ref().map_or("", |r| reading_unit(r))),
                text(a.reading.as_ref().map_or("", |r| r.direction.as_str())),
                number(a.reading.as_ref().and_then(|r| r.threshold)),
                text(a.reading.as_ref().map_or("", |r| r.meaning.as_str())),
                text(&a.evidence),
                text(&a.comment),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "answers",
        &[
            ("indicator", 30.0),
            ("question", 9.0),
            ("respondent", 22.0),
            ("institution", 30.0),
            ("answer", 30.0),
            ("level", 8.0),
            ("value", 9.0),
            ("unit", 14.0),
            ("direction", 16.0),
            ("threshold", 10.0),
            ("level_meaning", 50.0),
            ("evidence", 40.0),
            ("comment", 50.0),
        ],
        rows,
        &bold,
    )?;

    let plan = &ctx.plan;
    let rows = plan
        .services
        .iter()
        .map(|s| {
            vec![
                number(Some(f64::from(s.rank))),
                text(&s.name),
                text(&s.owner),
                text(&s.category),
                text(&s.digital_level),
                number(s.readiness.parse().ok()),
                number(s.impact.parse().ok()),
                text(&s.quadrant),
                text(&s.blocked_by),
                text(&s.unblocked),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "services",
        &[
            ("rank", 6.0),
            ("service", 36.0),
            ("owner", 30.0),
            ("category", 10.0),
            ("digital today", 14.0),
            ("readiness", 10.0),
            ("impact", 8.0),
            ("quadrant", 9.0),
            ("blocked by", 30.0),
            ("unblocked", 22.0),
        ],
        rows,
        &bold,
    )?;

    let rows = plan
        .actions
        .iter()
        .map(|a| {
            vec![
                text(&a.id),
                text(&a.title),
                text(&a.raises),
                number(Some(f64::from(a.to_level))),
                text(&a.owner),
                text(&a.phase_title),
                text(&a.start),
                text(&a.end),
                number(Some(f64::from(a.months))),
                text(&a.waits_for),
                text(a.kpis.join("; ")),
                text(a.standards.join("; ")),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "roadmap",
        &[
            ("action", 34.0),
            ("title", 50.0),
            ("raises", 36.0),
            ("to level", 8.0),
            ("owner", 30.0),
            ("phase", 22.0),
            ("start", 10.0),
            ("end", 10.0),
            ("months", 8.0),
            ("waits for", 40.0),
            ("KPIs", 60.0),
            ("standards", 36.0),
        ],
        rows,
        &bold,
    )?;

    let rows = plan
        .governance
        .iter()
        .map(|g| {
            vec![
                text(&g.role),
                text(&g.institution),
                text(&g.responsibilities),
                number(Some(g.actions as f64)),
                number(Some(f64::from(g.capacity))),
                text(&g.span),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "governance",
        &[
            ("role", 30.0),
            ("institution", 34.0),
            ("responsibilities", 70.0),
            ("actions", 8.0),
            ("at once", 8.0),
            ("months", 22.0),
        ],
        rows,
        &bold,
    )?;

    let rows = ctx
        .annex
        .tables
        .iter()
        .map(|t| {
            vec![
                text(&t.name),
                text(&t.role),
                number(Some(f64::from(t.read))),
                number(Some(f64::from(t.used))),
                number(Some(f64::from(t.ignored_count))),
                text(&t.ignored),
            ]
        })
        .collect();
    write_table(
        workbook.add_worksheet(),
        "ledger",
        &[
            ("input", 48.0),
            ("role", 10.0),
            ("rows read", 10.0),
            ("used", 8.0),
            ("ignored", 8.0),
            ("reasons", 40.0),
        ],
        rows,
        &bold,
    )?;
    workbook.save_to_buffer()
}
