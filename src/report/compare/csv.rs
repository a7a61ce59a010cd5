//! Comparison tables: the matrix, the benchmarks, the ranks and the progress, as typed
//! [`Table`]s that the CSV files and the workbook's sheets both write.
//!
//! In: a [`Comparison`]. Out: a table per file, its cells typed where the value is known: scores
//! are numbers shown to two decimals in CSV (comparison.json keeps them unrounded), ranks and
//! levels whole numbers, names and ids texts neutralised against formula injection. The workbook
//! never reads a number back out of text, so a country or id that looks like one stays a text.

use crate::compare::{Comparison, Treatment};
use crate::messages::t;
use crate::report::table::{Cell, Table};

fn number(v: Option<f64>) -> Cell {
    Cell::number(v, 2)
}

fn opt(v: Option<impl Into<f64>>) -> Cell {
    Cell::number(v.map(Into::into), 0)
}

/// One row per country and node (overall, pillars, BBs, dimensions, indicators): long form, easy
/// to pivot; `parent` names a dimension's pillar and an indicator's dimension, and a provisional
/// score (coverage below the floor) is marked and has no level.
pub fn matrix(c: &Comparison) -> Table {
    let mut rows = Vec::new();
    for r in &c.countries {
        let mut line = |kind: &str, id: &str, title: &str, parent: &str, cell: &crate::compare::Cell| {
            rows.push(vec![
                Cell::text(&r.iso3),
                Cell::text(&r.country),
                Cell::text(&r.date),
                Cell::text(kind),
                Cell::text(id),
                Cell::text(title),
                number(cell.score),
                opt(cell.level),
                Cell::text(parent),
                Cell::text(if cell.provisional { "yes" } else { "no" }),
            ]);
        };
        line("overall", "overall", &t("overall-index"), "", &r.overall);
        for (col, cell) in c.pillars.iter().zip(&r.pillars) {
            line("pillar", &col.id, &col.title, "overall", cell);
        }
        for (col, cell) in c.building_blocks.iter().zip(&r.building_blocks) {
            line("building_block", &col.id, &col.title, "building-blocks", cell);
        }
        for (col, cell) in c.dimensions.iter().zip(&r.dimensions) {
            line("dimension", &col.id, &col.title, &col.parent, cell);
        }
        for (col, cell) in c.indicator_columns.iter().zip(&r.indicators) {
            line("indicator", &col.id, &col.title, &col.parent, cell);
        }
    }
    Table {
        name: "matrix",
        columns: vec![
            "iso3",
            "country",
            "date",
            "kind",
            "id",
            "title",
            "score",
            "level",
            "parent",
            "provisional",
        ],
        rows,
    }
}

/// Peer benchmarks: one row per column and country.
pub fn benchmarks(c: &Comparison) -> Table {
    let columns = vec![
        "kind",
        "id",
        "title",
        "countries",
        "mean",
        "median",
        "min",
        "max",
        "iso3",
        "score",
        "rank",
        "versus_median",
    ];
    let mut rows = Vec::new();
    for b in &c.benchmarks {
        for p in &b.positions {
            rows.push(vec![
                Cell::text(&b.kind),
                Cell::text(&b.id),
                Cell::text(&b.title),
                Cell::whole(b.n),
                number(b.mean),
                number(b.median),
                number(b.min),
                number(b.max),
                Cell::text(&p.iso3),
                number(p.score),
                opt(p.rank),
                Cell::text(&p.versus_median),
            ]);
        }
    }
    Table {
        name: "benchmarks",
        columns,
        rows,
    }
}

/// Ranks: nominal, median and band, with the Monte Carlo settings on every row; then, apart and
/// never ranked, the country's latest GTMI edition (World Bank, 0–1 as published) with the
/// attribution its licence asks for, empty for a country without one.
pub fn ranks(c: &Comparison) -> Table {
    let u = &c.uncertainty;
    let columns = vec![
        "iso3",
        "country",
        "date",
        "overall",
        "nominal_rank",
        "median_rank",
        "p05_rank",
        "p95_rank",
        "overlaps_with",
        "rules",
        "coverage",
        "disputed",
        "unverified",
        "provisional",
        "draws",
        "noise",
        "seed",
        "gtmi_edition",
        "gtmi_group",
        "gtmi",
        "gtmi_cgsi",
        "gtmi_psdi",
        "gtmi_dcei",
        "gtmi_gtei",
        "gtmi_attribution",
    ];
    let mut rows = Vec::new();
    for r in &c.countries {
        let g = r.gtmi.last();
        let mut row = vec![
            Cell::text(&r.iso3),
            Cell::text(&r.country),
            Cell::text(&r.date),
            number(r.overall.score),
            opt(r.nominal_rank),
            opt(r.rank.as_ref().map(|s| s.median)),
            opt(r.rank.as_ref().map(|s| s.p05)),
            opt(r.rank.as_ref().map(|s| s.p95)),
            Cell::text(r.overlaps_with.join(";")),
            Cell::text(match r.rules {
                Treatment::Framework => "framework",
                Treatment::WeightsUndone => "weights_undone",
                Treatment::OwnRules => "own_rules",
            }),
            Cell::number(Some(r.quality.coverage), 4),
            Cell::whole(r.quality.disputed as u32),
            Cell::whole(r.quality.unverified as u32),
            Cell::whole(r.quality.provisional as u32),
            Cell::whole(u.draws),
            Cell::shortest(u.noise),
            // A seed is an identifier: a 64-bit one would lose digits as a spreadsheet number.
            Cell::text(u.seed.to_string()),
        ];
        row.extend(gtmi_cells(g));
        row.push(Cell::text(
            g.map(|_| c.gtmi.attribution.as_str()).unwrap_or_default(),
        ));
        rows.push(row);
    }
    Table {
        name: "ranks",
        columns,
        rows,
    }
}

/// A GTMI edition's cells: edition, group, and the five scores to four decimals in text
/// (unrounded in the workbook); empty cells for none.
fn gtmi_cells(g: Option<&crate::compare::GtmiEdition>) -> Vec<Cell> {
    let score = |f: fn(&crate::compare::GtmiEdition) -> f64| Cell::number(g.map(f), 4);
    vec![
        opt(g.map(|g| g.year)),
        Cell::text(g.map(|g| g.group.as_str()).unwrap_or_default()),
        score(|g| g.gtmi),
        score(|g| g.cgsi),
        score(|g| g.psdi),
        score(|g| g.dcei),
        score(|g| g.gtei),
    ]
}

/// GTMI (World Bank): every edition of every compared country that has one, apart from the
/// tool's scores, with the attribution its licence asks for on every row.
pub fn gtmi(c: &Comparison) -> Table {
    let mut rows = Vec::new();
    for r in &c.countries {
        for e in &r.gtmi {
            let mut row = vec![
                Cell::text(&r.iso3),
                Cell::text(&r.country),
                Cell::text(&e.economy),
            ];
            row.extend(gtmi_cells(Some(e)));
            row.push(Cell::text(&c.gtmi.attribution));
            rows.push(row);
        }
    }
    Table {
        name: "gtmi",
        columns: vec![
            "iso3",
            "country",
            "economy",
            "edition",
            "group",
            "gtmi",
            "cgsi",
            "psdi",
            "dcei",
            "gtei",
            "attribution",
        ],
        rows,
    }
}

/// Progress: one row per node change per step.
pub fn progress(c: &Comparison) -> Table {
    let columns = vec![
        "iso3",
        "from_date",
        "to_date",
        "kind",
        "id",
        "title",
        "pillar",
        "status",
        "from_level",
        "to_level",
        "from_score",
        "to_score",
        "delta",
        "target",
    ];
    let mut rows = Vec::new();
    for s in &c.progress {
        for step in &s.steps {
            for ch in &step.changes {
                rows.push(vec![
                    Cell::text(&s.iso3),
                    Cell::text(&step.from_date),
                    Cell::text(&step.to_date),
                    Cell::text(ch.kind.code()),
                    Cell::text(&ch.id),
                    Cell::text(&ch.title),
                    Cell::text(&ch.pillar),
                    Cell::text(ch.status.code()),
                    opt(ch.from_level),
                    opt(ch.to_level),
                    number(ch.from_score),
                    number(ch.to_score),
                    number(ch.delta),
                    opt(ch.target),
                ]);
            }
        }
    }
    Table {
        name: "progress",
        columns,
        rows,
    }
}
