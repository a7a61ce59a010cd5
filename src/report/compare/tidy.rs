//! portfolio-long.csv (`compare --format tidy`): every input's results in long ("tidy") form,
//! one row per assessment (country × date) × node, for pandas, R, DuckDB or a BI tool.
//!
//! In: the portfolio's entries ([`super::portfolio`]). Out: the CSV text: one header row of
//! snake_case names, UTF-8, ISO dates, numbers unrounded as the results hold them (Rust's
//! shortest representation that reads back to the same value), `true`/`false` flags, an empty
//! cell for anything missing, texts neutralised against spreadsheet formulas as in every CSV of
//! this tool. Columns and code lists: `docs/portfolio.md`.

use super::portfolio::{Entry, NodeRow, nodes};
use crate::report::table::{Cell, Table};

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "iso3",
    "country",
    "assessment_date",
    "source",
    "framework_id",
    "framework_version",
    "latest",
    "node_kind",
    "node_id",
    "parent_id",
    "pillar_id",
    "title",
    "weight",
    "status",
    "score",
    "level",
    "level_name",
    "coverage",
    "value",
    "target",
    "gap",
    "provisional",
    "disputed",
    "unverified",
    "review",
    "capped_by",
];

fn flag(value: bool) -> Cell {
    Cell::Text(if value { "true" } else { "false" }.to_string())
}

fn unrounded(value: Option<f64>) -> Cell {
    value.map_or(Cell::Empty, Cell::shortest)
}

fn whole(value: Option<u8>) -> Cell {
    value.map_or(Cell::Empty, Cell::whole)
}

fn text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, Cell::text)
}

/// The long table: every entry's nodes, entry by entry.
pub fn table(entries: &[Entry<'_>]) -> Table {
    let mut rows = Vec::new();
    for e in entries {
        let r = e.results();
        for n in nodes(r) {
            let NodeRow {
                kind,
                id,
                parent,
                pillar,
                title,
                weight,
                status,
                score,
                level,
                level_name,
                coverage,
                value,
                target,
                gap,
                provisional,
                disputed,
                unverified,
                review,
                capped_by,
            } = n;
            rows.push(vec![
                Cell::text(&r.assessment.iso3),
                Cell::text(&r.assessment.country),
                Cell::text(&r.assessment.date),
                Cell::text(&e.input.source),
                Cell::text(&r.framework.id),
                Cell::text(&r.framework.version),
                flag(e.latest()),
                Cell::text(kind.code()),
                Cell::text(&id),
                text(parent.as_deref()),
                text(pillar.as_deref()),
                Cell::text(&title),
                unrounded(weight),
                Cell::text(status),
                unrounded(score),
                whole(level),
                text(level_name.as_deref()),
                unrounded(coverage),
                unrounded(value),
                whole(target),
                whole(gap),
                flag(provisional),
                flag(disputed),
                flag(unverified),
                text(review),
                Cell::list(&capped_by),
            ]);
        }
    }
    Table {
        name: "portfolio",
        columns: COLUMNS.to_vec(),
        rows,
    }
}

/// portfolio-long.csv.
pub fn csv(entries: &[Entry<'_>]) -> String {
    table(entries).csv()
}
