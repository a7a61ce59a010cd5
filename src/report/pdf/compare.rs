//! The comparison report as PDF: the sections of comparison.html on A4 pages, with the same
//! layout engine, fonts and writer as the assessment report.
//!
//! In: a [`Comparison`] and its charts as SVG (`report::compare::charts::svg_images` in the
//! order of `CompareCharts::in_order`: radar, heatmap, ranks, then one slope chart per progress
//! series), the same pictures as comparison.html. Out: the PDF bytes and the
//! characters no embedded font has. Deterministic: the document date is the latest assessment
//! date among the inputs.

use super::fonts::Fonts;
use super::layout::{Align, Block, Cell, Span};
use super::{
    PdfError, PdfOutput, bullets, chart, col, finish, heading, level_fill, note, paginate, para,
    parse_charts, parse_date, spans, table, write,
};
use crate::compare::Comparison;
use crate::report::ChartImage;
use crate::report::compare::{CompareView, ScoreText, view};

/// Countries per column group in the transposed Building Block table.
const BB_COUNTRIES: usize = 6;

fn score_cell(s: &ScoreText) -> Cell {
    Cell {
        text: s.display.clone(),
        fill: level_fill(s.level),
        bold: false,
    }
}

fn document(v: &CompareView, charts: &[&ChartImage]) -> Vec<Block> {
    let mut b = vec![
        Block::Space(90.0),
        Block::Title(v.title.clone()),
        Block::Para {
            spans: vec![Span::regular(v.framework.clone())],
            size: 12.0,
            color: super::layout::MUTED,
        },
        para(v.scope.clone()),
        para(v.uncertainty.clone()),
        Block::Toc,
    ];

    b.push(heading(1, "What is compared"));
    b.push(table(
        vec![
            col("Input", 3.0, Align::Left),
            col("Country", 2.0, Align::Left),
            col("Date", 1.2, Align::Left),
            col("Version", 0.9, Align::Left),
            col("Overall", 0.9, Align::Right),
            col("Role", 1.4, Align::Left),
        ],
        v.inputs
            .iter()
            .map(|i| {
                vec![
                    i.source.clone().into(),
                    i.country.clone().into(),
                    i.date.clone().into(),
                    i.version.clone().into(),
                    i.overall.clone().into(),
                    i.role.clone().into(),
                ]
            })
            .collect(),
    ));
    b.push(para(v.indicator_scope.clone()));
    if !v.not_shared.is_empty() {
        b.push(table(
            vec![
                col("Indicator left out", 2.0, Align::Left),
                col("Present in", 4.0, Align::Left),
            ],
            v.not_shared
                .iter()
                .map(|n| vec![n.id.clone().into(), n.present_in.clone().into()])
                .collect(),
        ));
    }

    b.push(heading(1, "Pillars and Building Blocks"));
    b.push(note(
        "Scores out of 100, coloured by maturity level; countries in order of their nominal rank.",
    ));
    let mut columns = vec![
        col("Rank", 0.6, Align::Right),
        col("Country", 2.2, Align::Left),
        col("Overall", 1.0, Align::Right),
    ];
    columns.extend(v.pillar_titles.iter().map(|t| col(t, 1.3, Align::Right)));
    b.push(table(
        columns,
        v.pillar_matrix
            .iter()
            .map(|r| {
                let mut row: Vec<Cell> = vec![r.rank.clone().into(), r.country.clone().into()];
                let mut overall = score_cell(&r.overall);
                overall.bold = true;
                row.push(overall);
                row.extend(r.cells.iter().map(score_cell));
                row
            })
            .collect(),
    ));
    chart(&mut b, charts, 1);
    chart(&mut b, charts, 0);
    b.push(heading(2, "Building Blocks"));
    for chunk in (0..v.bb_matrix.len()).collect::<Vec<_>>().chunks(BB_COUNTRIES) {
        let mut columns = vec![col("Building Block", 2.4, Align::Left)];
        columns.extend(
            chunk
                .iter()
                .map(|&i| col(&v.bb_matrix[i].country, 1.2, Align::Right)),
        );
        b.push(table(
            columns,
            v.bb_titles
                .iter()
                .enumerate()
                .map(|(k, title)| {
                    let mut row: Vec<Cell> = vec![title.clone().into()];
                    row.extend(
                        chunk
                            .iter()
                            .map(|&i| v.bb_matrix[i].cells.get(k).map(score_cell).unwrap_or_default()),
                    );
                    row
                })
                .collect(),
        ));
    }

    b.push(heading(1, "Peer benchmarks"));
    b.push(table(
        vec![
            col("Column", 2.6, Align::Left),
            col("n", 0.5, Align::Right),
            col("Mean", 0.8, Align::Right),
            col("Median", 0.8, Align::Right),
            col("Range", 1.2, Align::Right),
            col("Above the median", 1.6, Align::Left),
            col("Below the median", 1.6, Align::Left),
        ],
        v.benchmarks
            .iter()
            .map(|r| {
                vec![
                    r.title.clone().into(),
                    r.n.to_string().into(),
                    r.mean.clone().into(),
                    r.median.clone().into(),
                    r.range.clone().into(),
                    r.above.clone().into(),
                    r.below.clone().into(),
                ]
            })
            .collect(),
    ));

    b.push(heading(1, "Ranks and their uncertainty"));
    b.push(para(format!(
        "{} The band shows the ranks a country takes in 90 % of the draws.",
        v.uncertainty
    )));
    b.push(table(
        vec![
            col("Nominal rank", 0.9, Align::Right),
            col("Country", 2.4, Align::Left),
            col("Overall", 0.9, Align::Right),
            col("Median rank", 0.9, Align::Right),
            col("5–95 % band", 0.9, Align::Right),
            col("Band overlaps with", 2.4, Align::Left),
        ],
        v.ranks
            .iter()
            .map(|r| {
                vec![
                    r.nominal.clone().into(),
                    r.country.clone().into(),
                    r.overall.clone().into(),
                    r.median.clone().into(),
                    r.band.clone().into(),
                    r.overlaps.clone().into(),
                ]
            })
            .collect(),
    ));
    chart(&mut b, charts, 2);
    b.push(bullets(v.statements.iter().cloned()));

    if !v.progress.is_empty() {
        b.push(heading(1, "Progress over time"));
        for (n, s) in v.progress.iter().enumerate() {
            b.push(heading(2, format!("{}: {}", s.country, s.dates)));
            chart(&mut b, charts, 3 + n);
            for st in &s.steps {
                b.push(heading(3, st.heading.clone()));
                b.push(spans(vec![Span::bold(st.overall.clone())]));
                for line in [&st.counts, &st.targets, &st.roadmap] {
                    b.push(para(line.clone()));
                }
                let change_columns = || {
                    vec![
                        col("Item", 3.4, Align::Left),
                        col("Before", 1.0, Align::Right),
                        col("Now", 1.0, Align::Right),
                        col("Change", 0.8, Align::Right),
                        col("Status", 1.3, Align::Left),
                    ]
                };
                let rows = |rows: &[crate::report::compare::ChangeRow]| -> Vec<Vec<Cell>> {
                    rows.iter()
                        .map(|c| {
                            vec![
                                c.title.clone().into(),
                                c.from.clone().into(),
                                c.to.clone().into(),
                                c.delta.clone().into(),
                                c.status.clone().into(),
                            ]
                        })
                        .collect()
                };
                b.push(Block::Label {
                    text: "Index and pillars".to_string(),
                    size: 9.0,
                });
                b.push(table(change_columns(), rows(&st.pillars)));
                for group in &st.groups {
                    b.push(Block::Label {
                        text: group.title.clone(),
                        size: 9.0,
                    });
                    if group.rows.is_empty() {
                        b.push(note("None."));
                    } else {
                        b.push(table(change_columns(), rows(&group.rows)));
                    }
                }
                if !st.actions.is_empty() {
                    b.push(Block::Label {
                        text: "Roadmap actions".to_string(),
                        size: 9.0,
                    });
                    b.push(table(
                        vec![
                            col("Action", 3.4, Align::Left),
                            col("Raises", 1.6, Align::Left),
                            col("To level", 0.7, Align::Right),
                            col("Level now", 0.8, Align::Right),
                            col("Status", 1.0, Align::Left),
                        ],
                        st.actions
                            .iter()
                            .map(|a| {
                                vec![
                                    a.title.clone().into(),
                                    a.raises.clone().into(),
                                    a.to_level.to_string().into(),
                                    a.level_now.clone().into(),
                                    a.status.clone().into(),
                                ]
                            })
                            .collect(),
                    ));
                }
            }
        }
    }

    b.push(heading(1, "Method"));
    for p in &v.method {
        b.push(para(p.clone()));
    }
    b
}

/// Renders the comparison as PDF.
pub fn render(c: &Comparison, charts: &[&ChartImage]) -> Result<PdfOutput, PdfError> {
    let trees = parse_charts(charts)?;
    let v = view(c);
    let date = parse_date(&v.date).ok_or_else(|| PdfError::Date(v.date.clone()))?;
    let fonts = Fonts::get()?;
    let pages = paginate(
        &document(&v, charts),
        &trees,
        fonts,
        (
            &v.title,
            &v.date,
            &format!("dpi-assess {} · {}", v.tool_version, v.framework),
        ),
    );
    let info = write::DocInfo {
        title: v.title.clone(),
        authors: vec!["dpi-assess".to_string()],
        subject: format!("{} {}", v.scope, v.framework),
        producer: format!("dpi-assess {}", v.tool_version),
        keywords: vec![
            "DPI".to_string(),
            "GovStack".to_string(),
            "comparison".to_string(),
        ],
        date,
        language: "en".to_string(),
    };
    finish(&pages, fonts, &trees, &info)
}
