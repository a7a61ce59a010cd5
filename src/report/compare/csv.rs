//! Comparison tables as CSV: the matrix, the benchmarks, the ranks and the progress.
//!
//! In: a [`Comparison`]. Out: CSV text with a header row; text cells are neutralised against
//! formula injection (`report::csv::safe_text`); scores to two decimals (comparison.json keeps
//! them unrounded).

use crate::compare::Comparison;
use crate::report::csv::{row, safe_text};
use crate::report::messages::t;

fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One row per country and column (overall, pillars, BBs): long form, easy to pivot.
pub fn matrix(c: &Comparison) -> String {
    let mut out =
        row(&["iso3", "country", "date", "kind", "id", "title", "score", "level"].map(String::from));
    for r in &c.countries {
        let mut line = |kind: &str, id: &str, title: &str, score: Option<f64>, level: Option<u8>| {
            out.push_str(&row(&[
                safe_text(&r.iso3),
                safe_text(&r.country),
                safe_text(&r.date),
                kind.to_string(),
                safe_text(id),
                safe_text(title),
                number(score),
                opt(level),
            ]));
        };
        line(
            "overall",
            "overall",
            &t("overall-index"),
            r.overall.score,
            r.overall.level,
        );
        for (col, cell) in c.pillars.iter().zip(&r.pillars) {
            line("pillar", &col.id, &col.title, cell.score, cell.level);
        }
        for (col, cell) in c.building_blocks.iter().zip(&r.building_blocks) {
            line("building_block", &col.id, &col.title, cell.score, cell.level);
        }
    }
    out
}

/// Peer benchmarks: one row per column and country.
pub fn benchmarks(c: &Comparison) -> String {
    let mut out = row(&[
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
    ]
    .map(String::from));
    for b in &c.benchmarks {
        for p in &b.positions {
            out.push_str(&row(&[
                b.kind.clone(),
                safe_text(&b.id),
                safe_text(&b.title),
                b.n.to_string(),
                number(b.mean),
                number(b.median),
                number(b.min),
                number(b.max),
                safe_text(&p.iso3),
                number(p.score),
                opt(p.rank),
                p.versus_median.clone(),
            ]));
        }
    }
    out
}

/// Ranks: nominal, median and band, with the Monte Carlo settings on every row.
pub fn ranks(c: &Comparison) -> String {
    let u = &c.uncertainty;
    let mut out = row(&[
        "iso3",
        "country",
        "date",
        "overall",
        "nominal_rank",
        "median_rank",
        "p05_rank",
        "p95_rank",
        "overlaps_with",
        "draws",
        "noise",
        "seed",
    ]
    .map(String::from));
    for r in &c.countries {
        out.push_str(&row(&[
            safe_text(&r.iso3),
            safe_text(&r.country),
            safe_text(&r.date),
            number(r.overall.score),
            opt(r.nominal_rank),
            opt(r.rank.as_ref().map(|s| s.median)),
            opt(r.rank.as_ref().map(|s| s.p05)),
            opt(r.rank.as_ref().map(|s| s.p95)),
            safe_text(&r.overlaps_with.join(";")),
            u.draws.to_string(),
            u.noise.to_string(),
            u.seed.to_string(),
        ]));
    }
    out
}

/// Progress: one row per node change per step.
pub fn progress(c: &Comparison) -> String {
    let mut out = row(&[
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
    ]
    .map(String::from));
    for s in &c.progress {
        for step in &s.steps {
            for ch in &step.changes {
                out.push_str(&row(&[
                    safe_text(&s.iso3),
                    safe_text(&step.from_date),
                    safe_text(&step.to_date),
                    ch.kind.code().to_string(),
                    safe_text(&ch.id),
                    safe_text(&ch.title),
                    safe_text(&ch.pillar),
                    ch.status.code().to_string(),
                    opt(ch.from_level),
                    opt(ch.to_level),
                    number(ch.from_score),
                    number(ch.to_score),
                    number(ch.delta),
                    opt(ch.target),
                ]));
            }
        }
    }
    out
}
