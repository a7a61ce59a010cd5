//! CSV tables of results: scores of every node, gaps with priorities, the row ledger, the systems
//! inventory and the target architecture's moves.
//!
//! In: [`Results`]. Out: CSV text (UTF-8, comma-separated, header row). Text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return)
//! are prefixed with `'`, so an answer or a system name from the inputs can never execute.
//! Scores are rounded to two decimals and coverage to three: these tables are for reading and
//! charting; `results.json` keeps the unrounded values.

use crate::messages::t;
use crate::model::{NodeScore, Results};

/// Neutralises a text cell against spreadsheet formula injection.
pub fn safe_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// One CSV record (with its line end), quoted where needed.
pub(crate) fn row(cells: &[String]) -> String {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory cannot fail; an empty line would show in the table if it ever did.
    let _ = writer.write_record(cells);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn number(value: Option<f64>, decimals: usize) -> String {
    value.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

fn node_cells(node: &NodeScore) -> [String; 5] {
    [
        node.status.code().to_string(),
        number(node.score, 2),
        node.level.map(|l| l.to_string()).unwrap_or_default(),
        number(Some(node.coverage), 3),
        node.capped_by.join(";"),
    ]
}

/// Every node: overall, pillars, dimensions, indicators and Building Blocks, in framework order.
pub fn scores(results: &Results) -> String {
    let mut out = row(&[
        "kind",
        "id",
        "title",
        "parent",
        "status",
        "score",
        "level",
        "coverage",
        "capped_by",
        "target",
        "gap",
        "flags",
    ]
    .map(String::from));
    let mut push = |kind: &str,
                    id: &str,
                    title: &str,
                    parent: &str,
                    node: &NodeScore,
                    target: Option<u8>,
                    gap: Option<u8>,
                    flags: Vec<&str>| {
        let [status, score, level, coverage, capped] = node_cells(node);
        out.push_str(&row(&[
            kind.to_string(),
            safe_text(id),
            safe_text(title),
            safe_text(parent),
            status,
            score,
            level,
            coverage,
            capped,
            target.map(|t| t.to_string()).unwrap_or_default(),
            gap.map(|g| g.to_string()).unwrap_or_default(),
            flags.join(";"),
        ]));
    };
    push(
        "overall",
        "overall",
        &t("overall-index"),
        "",
        &results.overall,
        None,
        None,
        Vec::new(),
    );
    for pillar in &results.pillars {
        push(
            "pillar",
            &pillar.id,
            &pillar.title,
            "overall",
            &pillar.node,
            None,
            None,
            Vec::new(),
        );
        for dimension in &pillar.dimensions {
            push(
                "dimension",
                &dimension.id,
                &dimension.title,
                &pillar.id,
                &dimension.node,
                None,
                None,
                Vec::new(),
            );
            for indicator in &dimension.indicators {
                let mut flags = Vec::new();
                if indicator.disputed {
                    flags.push("disputed");
                }
                if indicator.unverified {
                    flags.push("unverified");
                }
                if indicator.evidence_capped {
                    flags.push("evidence_capped");
                }
                push(
                    "indicator",
                    &indicator.id,
                    &indicator.title,
                    &dimension.id,
                    &indicator.node,
                    Some(indicator.target),
                    indicator.gap,
                    flags,
                );
            }
        }
        for bb in &pillar.building_blocks {
            push(
                "building_block",
                &bb.id,
                &bb.name,
                &pillar.id,
                &bb.node,
                Some(bb.target),
                bb.gap,
                Vec::new(),
            );
        }
    }
    out
}

/// Gaps to target, highest priority first.
pub fn gaps(results: &Results) -> String {
    let mut out = row(&[
        "rank",
        "kind",
        "id",
        "title",
        "pillar",
        "level",
        "target",
        "gap",
        "weight_share",
        "criticality",
        "dependents",
        "priority",
    ]
    .map(String::from));
    for gap in &results.gaps {
        out.push_str(&row(&[
            gap.rank.to_string(),
            gap.kind.code().to_string(),
            safe_text(&gap.id),
            safe_text(&gap.title),
            safe_text(&gap.pillar),
            gap.level.to_string(),
            gap.target.to_string(),
            gap.gap.to_string(),
            format!("{:.4}", gap.weight_share),
            gap.criticality.code().to_string(),
            gap.dependents.to_string(),
            format!("{:.2}", gap.priority),
        ]));
    }
    out
}

/// The row ledger: rows read, used and ignored per input table, with reasons.
pub fn ledger(results: &Results) -> String {
    let mut out = row(&[
        "file",
        "sheet",
        "role",
        "rows_read",
        "rows_used",
        "rows_ignored",
        "reasons",
    ]
    .map(String::from));
    for table in &results.data.tables {
        let ignored: u32 = table.ignored.iter().map(|i| i.rows).sum();
        out.push_str(&row(&[
            safe_text(&table.file),
            safe_text(table.sheet.as_deref().unwrap_or("")),
            table.role.clone(),
            table.rows_read.to_string(),
            table.rows_used.to_string(),
            ignored.to_string(),
            table
                .ignored
                .iter()
                .map(|i| format!("{} {}", i.rows, i.reason))
                .collect::<Vec<_>>()
                .join("; "),
        ]));
    }
    out
}

/// The systems inventory as reported (one row per system, sorted by name).
pub fn systems(ctx: &super::context::ReportContext) -> String {
    // The same columns as the systems inventory, so the export can be read back as one.
    let header: Vec<String> = crate::model::columns::SYSTEMS
        .iter()
        .map(|c| c.to_string())
        .collect();
    let mut out = row(&header);
    for system in &ctx.systems {
        out.push_str(&row(&[
            safe_text(&system.name),
            safe_text(&system.owner),
            safe_text(&system.building_blocks),
            system.status.clone(),
            system.coverage.clone(),
            system.exchange.clone(),
            safe_text(&system.standards),
            system.hosting.clone(),
            system.open_source.clone(),
            safe_text(&system.used_by),
        ]));
    }
    out
}

/// The target architecture's moves (one row per system it consolidates, retires or connects),
/// for the ministries' IT heads to filter by owner: the same columns as report.xlsx's
/// `architecture-moves` sheet. A header alone when the framework proposes no target.
pub fn architecture(ctx: &super::context::ReportContext) -> String {
    let mut out = row(&ARCHITECTURE_COLUMNS.map(String::from));
    for m in ctx.plan.target.iter().flat_map(|t| &t.moves) {
        out.push_str(&row(&[
            safe_text(&m.system),
            safe_text(&m.owner),
            safe_text(&m.building_block),
            m.change_code.clone(),
            safe_text(&m.target),
            safe_text(&m.action),
            safe_text(&m.when),
        ]));
    }
    out
}

/// The columns of `architecture.csv` and of report.xlsx's `architecture-moves` sheet.
pub(crate) const ARCHITECTURE_COLUMNS: [&str; 7] = [
    "system",
    "owner",
    "building_block",
    "change_code",
    "target",
    "action",
    "when",
];

#[cfg(test)]
mod tests {
    use super::safe_text;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(safe_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_text("+1"), "'+1");
        assert_eq!(safe_text("-2"), "'-2");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("Ministry of Health"), "Ministry of Health");
    }
}
