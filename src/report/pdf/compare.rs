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
use crate::messages::{t, tf};
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

    b.push(heading(1, t("compare-inputs-heading")));
    b.push(table(
        vec![
            col(&t("col-input"), 3.0, Align::Left),
            col(&t("col-country"), 2.0, Align::Left),
            col(&t("col-date"), 1.2, Align::Left),
            col(&t("col-framework-version"), 0.9, Align::Left),
            col(&t("overall"), 0.9, Align::Right),
            col(&t("col-role"), 1.4, Align::Left),
            col(&t("col-rules"), 3.0, Align::Left),
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
                    i.rules.clone().into(),
                ]
            })
            .collect(),
    ));
    b.push(para(v.indicator_scope.clone()));
    if !v.not_shared.is_empty() {
        b.push(table(
            vec![
                col(&t("col-indicator"), 2.0, Align::Left),
                col(&t("col-present-in"), 4.0, Align::Left),
            ],
            v.not_shared
                .iter()
                .map(|n| vec![n.id.clone().into(), n.present_in.clone().into()])
                .collect(),
        ));
    }

    b.push(heading(1, t("compare-matrix-heading")));
    b.push(note(t("compare-matrix-intro")));
    let mut columns = vec![
        col(&t("col-rank"), 0.6, Align::Right),
        col(&t("col-country"), 2.2, Align::Left),
        col(&t("overall"), 1.0, Align::Right),
    ];
    columns.extend(v.pillar_titles.iter().map(|t| col(t, 1.3, Align::Right)));
    b.push(table(
        columns,
        v.pillar_matrix
            .iter()
            .map(|r| {
                let country = if r.mark.is_empty() {
                    r.country.clone()
                } else {
                    format!("{} {}", r.country, r.mark)
                };
                let mut row: Vec<Cell> = vec![r.rank.clone().into(), country.into()];
                let mut overall = score_cell(&r.overall);
                overall.bold = true;
                row.push(overall);
                row.extend(r.cells.iter().map(score_cell));
                row
            })
            .collect(),
    ));
    if let Some(legend) = &v.rules_legend {
        b.push(note(legend.clone()));
    }
    chart(&mut b, charts, 1);
    chart(&mut b, charts, 0);
    b.push(heading(2, t("compare-bb-caption")));
    for chunk in (0..v.bb_matrix.len()).collect::<Vec<_>>().chunks(BB_COUNTRIES) {
        let mut columns = vec![col(&t("col-building-block"), 2.4, Align::Left)];
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

    b.push(heading(2, t("compare-quality-heading")));
    b.push(note(t("compare-quality-intro")));
    b.push(table(
        vec![
            col(&t("col-country"), 2.4, Align::Left),
            col(&t("col-coverage"), 1.0, Align::Right),
            col(&t("col-disputed"), 1.0, Align::Right),
            col(&t("col-unverified"), 1.0, Align::Right),
            col(&t("col-provisional"), 1.0, Align::Right),
        ],
        v.quality
            .iter()
            .map(|q| {
                vec![
                    q.country.clone().into(),
                    q.coverage.clone().into(),
                    q.disputed.to_string().into(),
                    q.unverified.to_string().into(),
                    q.provisional.to_string().into(),
                ]
            })
            .collect(),
    ));
    b.push(heading(2, t("compare-deep-heading")));
    b.push(note(t("compare-deep-intro")));
    for group in &v.deep {
        b.push(heading(3, group.title.clone()));
        for chunk in (0..v.bb_matrix.len()).collect::<Vec<_>>().chunks(BB_COUNTRIES) {
            let mut columns = vec![col(&t("col-dimension-indicator"), 2.8, Align::Left)];
            columns.extend(
                chunk
                    .iter()
                    .map(|&i| col(&v.bb_matrix[i].country, 1.2, Align::Right)),
            );
            b.push(table(
                columns,
                group
                    .rows
                    .iter()
                    .map(|r| {
                        let mut title: Cell = r.title.clone().into();
                        title.bold = r.kind == "dimension";
                        let mut row = vec![title];
                        row.extend(
                            chunk
                                .iter()
                                .map(|&i| r.cells.get(i).map(score_cell).unwrap_or_default()),
                        );
                        row
                    })
                    .collect(),
            ));
        }
    }

    b.push(heading(1, t("compare-benchmarks-heading")));
    b.push(table(
        vec![
            col(&t("col-column"), 2.6, Align::Left),
            col(&t("col-countries"), 0.5, Align::Right),
            col(&t("col-mean"), 0.8, Align::Right),
            col(&t("col-median"), 0.8, Align::Right),
            col(&t("col-range"), 1.2, Align::Right),
            col(&t("col-above-median"), 1.6, Align::Left),
            col(&t("col-below-median"), 1.6, Align::Left),
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

    b.push(heading(1, t("compare-ranks-heading")));
    b.push(para(tf(
        "compare-ranks-intro",
        &[("uncertainty", (&v.uncertainty).into())],
    )));
    b.push(table(
        vec![
            col(&t("col-nominal-rank"), 0.9, Align::Right),
            col(&t("col-country"), 2.4, Align::Left),
            col(&t("overall"), 0.9, Align::Right),
            col(&t("col-median-rank"), 0.9, Align::Right),
            col(&t("col-band"), 0.9, Align::Right),
            col(&t("col-band-overlaps"), 2.4, Align::Left),
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

    if let Some(g) = &v.gtmi {
        b.push(heading(1, t("gtmi-heading")));
        b.push(para(g.intro.clone()));
        b.push(note(g.caveat.clone()));
        let score_columns = || {
            vec![
                col(&t("gtmi-col-score"), 0.9, Align::Right),
                col(&t("gtmi-col-cgsi"), 0.9, Align::Right),
                col(&t("gtmi-col-psdi"), 0.9, Align::Right),
                col(&t("gtmi-col-dcei"), 0.9, Align::Right),
                col(&t("gtmi-col-gtei"), 0.9, Align::Right),
            ]
        };
        b.push(Block::Label {
            text: t("gtmi-latest-caption"),
            size: 9.0,
        });
        let mut columns = vec![
            col(&t("col-country"), 1.8, Align::Left),
            col(&t("gtmi-col-assessed"), 1.0, Align::Left),
            col(&t("gtmi-col-overall"), 1.6, Align::Right),
            col(&t("gtmi-col"), 1.5, Align::Left),
        ];
        columns.extend(score_columns());
        b.push(table(
            columns,
            g.latest
                .iter()
                .map(|r| {
                    let mut row: Vec<Cell> = vec![
                        r.country.clone().into(),
                        r.assessed.clone().into(),
                        r.overall.clone().into(),
                        r.anchor.clone().into(),
                    ];
                    row.extend(r.scores.in_order().map(|s| s.to_string().into()));
                    row
                })
                .collect(),
        ));
        if !g.missing.is_empty() {
            b.push(para(g.missing.clone()));
        }
        b.push(Block::Label {
            text: t("gtmi-editions-caption"),
            size: 9.0,
        });
        let mut columns = vec![
            col(&t("col-country"), 2.0, Align::Left),
            col(&t("gtmi-col-edition"), 0.7, Align::Right),
            col(&t("gtmi-col-group"), 0.6, Align::Left),
        ];
        columns.extend(score_columns());
        b.push(table(
            columns,
            g.editions
                .iter()
                .map(|e| {
                    let mut row: Vec<Cell> = vec![
                        e.country.clone().into(),
                        e.year.to_string().into(),
                        e.group.clone().into(),
                    ];
                    row.extend(e.scores.in_order().map(|s| s.to_string().into()));
                    row
                })
                .collect(),
        ));
        b.push(para(g.scale.clone()));
        b.push(note(format!("{} {}", g.attribution, g.source)));
    }

    if !v.progress.is_empty() {
        b.push(heading(1, t("compare-progress-heading")));
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
                        col(&t("col-item"), 3.4, Align::Left),
                        col(&t("col-before"), 1.0, Align::Right),
                        col(&t("col-now"), 1.0, Align::Right),
                        col(&t("col-change"), 0.8, Align::Right),
                        col(&t("col-status"), 1.3, Align::Left),
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
                    text: t("compare-index-pillars"),
                    size: 9.0,
                });
                b.push(table(change_columns(), rows(&st.pillars)));
                for group in &st.groups {
                    b.push(Block::Label {
                        text: group.title.clone(),
                        size: 9.0,
                    });
                    if group.rows.is_empty() {
                        b.push(note(t("none-listed")));
                    } else {
                        b.push(table(change_columns(), rows(&group.rows)));
                    }
                }
                if !st.actions.is_empty() {
                    b.push(Block::Label {
                        text: t("compare-roadmap-actions"),
                        size: 9.0,
                    });
                    b.push(table(
                        vec![
                            col(&t("col-action"), 3.4, Align::Left),
                            col(&t("col-raises"), 1.6, Align::Left),
                            col(&t("col-to-level"), 0.7, Align::Right),
                            col(&t("col-level-now"), 0.8, Align::Right),
                            col(&t("col-status"), 1.0, Align::Left),
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

    b.push(heading(1, t("compare-method-heading")));
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
        language: crate::messages::Messages::english().lang().to_string(),
    };
    finish(&pages, fonts, &trees, &info)
}
