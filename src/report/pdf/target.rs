//! The PDF's target national DPI architecture, inside the architecture section: the summary, the
//! today|target diagram, the caveat on candidate products, the decisions per Building Block and
//! the table of consolidations, retirements and connections for the institutions' IT heads, in
//! the order and wording of the HTML report's `partials/plan.html.tera`.
//!
//! In: the context's [`TargetView`] and the charts as SVG. Out: blocks appended to the document.
//! Every word is the context's or the message catalogue's; nothing is decided here. Not here:
//! layout or drawing.

use super::layout::{Align, Block, Cell, Span, Table};
use super::{BODY, ChartImage, TABLE, TEXT, chart, col, heading, note, para, table};
use crate::messages::{t, tf};
use crate::report::context::target::{DecisionView, TargetView};

/// A bold cell without a fill.
fn strong(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        fill: None,
        bold: true,
    }
}

/// Appends the target: heading, summary, the diagram (chart `figure`), caveat, decisions and moves.
pub(super) fn section(b: &mut Vec<Block>, target: &TargetView, charts: &[&ChartImage], figure: usize) {
    b.push(heading(2, t("target-heading")));
    b.push(para(target.summary.clone()));
    chart(b, charts, figure);
    b.push(note(target.caveat.clone()));

    // A decision per block, not one wide table: nine columns on A4 broke words letter by letter.
    b.push(heading(3, t("target-decisions-heading")));
    for d in &target.decisions {
        let mut title = vec![
            Span::bold(format!("{} ({})", d.name, d.group)),
            Span::regular(format!(" · {}", d.decision)),
        ];
        if d.country {
            title.push(Span::regular(format!(" ({})", t("target-country-label"))));
        }
        b.push(Block::Para {
            spans: title,
            size: BODY,
            color: TEXT,
        });
        b.push(para(d.rationale.clone()));
        let row = |label: &str, value: String| vec![strong(t(label)), value.into()];
        b.push(Block::Table(Table {
            columns: vec![
                col(&t("col-building-block"), 1.4, Align::Left),
                col(&t("col-target-decision"), 5.6, Align::Left),
            ],
            rows: vec![
                row("col-specification", specification(d)),
                row("col-systems-affected", systems(d)),
                row("col-candidates", candidates(d)),
                row("col-roadmap-actions", actions(d)),
                row("col-order", d.order.clone()),
                row("col-when", d.when.clone()),
                row("col-unblocks", d.unblocks.join("; ")),
            ],
            size: TABLE,
            header: false,
        }));
    }

    b.push(heading(3, t("target-moves-heading")));
    if target.moves.is_empty() {
        b.push(para(t("target-moves-none")));
        return;
    }
    b.push(para(t("target-moves-intro")));
    b.push(table(
        vec![
            col(&t("col-system"), 2.2, Align::Left),
            col(&t("col-owner"), 1.8, Align::Left),
            col(&t("col-building-block"), 1.4, Align::Left),
            col(&t("col-move"), 1.5, Align::Left),
            col(&t("col-onto"), 1.6, Align::Left),
            col(&t("col-action"), 2.0, Align::Left),
            col(&t("col-when"), 1.3, Align::Left),
        ],
        target
            .moves
            .iter()
            .take(target.moves_listed)
            .map(|m| {
                vec![
                    strong(m.system.clone()),
                    m.owner.clone().into(),
                    m.building_block.clone().into(),
                    m.change.clone().into(),
                    m.target.clone().into(),
                    m.action.clone().into(),
                    m.when.clone().into(),
                ]
            })
            .collect(),
    ));
    if target.moves_more > 0 {
        b.push(para(tf(
            "target-moves-more",
            &[
                ("listed", target.moves_listed.into()),
                ("more", target.moves_more.into()),
            ],
        )));
    }
}

/// The specification, with its address and the standards to adopt.
fn specification(d: &DecisionView) -> String {
    let mut lines = vec![d.specification.clone()];
    lines.extend(d.specification_url.clone());
    if !d.standards.is_empty() {
        lines.push(format!("{} {}", t("target-label-standards"), d.standards));
    }
    lines.join("\n")
}

/// The systems affected, a labelled line per kind of change.
fn systems(d: &DecisionView) -> String {
    let lines: Vec<String> = [
        ("target-label-consolidate", &d.consolidate),
        ("target-label-retire", &d.retire),
        ("target-label-connect", &d.connect),
        ("target-label-connected", &d.connected),
        ("target-label-kept", &d.kept),
        ("target-label-kept-separate", &d.kept_separate),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(label, items)| format!("{} {}", t(label), items.join("; ")))
    .collect();
    if lines.is_empty() {
        t("target-no-system-change")
    } else {
        lines.join("\n")
    }
}

/// The candidate products, as options.
fn candidates(d: &DecisionView) -> String {
    if d.candidates.is_empty() {
        return t("target-no-candidates");
    }
    d.candidates
        .iter()
        .map(|c| {
            let facts = tf(
                "target-candidate-facts",
                &[
                    ("kind", (&c.kind).into()),
                    ("licence", (&c.licence).into()),
                    ("source", (&c.source).into()),
                ],
            );
            let mut line = format!("{} ({facts})", c.name);
            if !c.govstack.is_empty() {
                let note = tf("target-candidate-govstack", &[("note", (&c.govstack).into())]);
                line = format!("{line} {note}");
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The roadmap actions that carry it out, with their months, and those beyond the horizon.
fn actions(d: &DecisionView) -> String {
    let mut lines: Vec<String> = d
        .actions
        .iter()
        .map(|a| format!("{} ({}): {}", a.title, a.id, a.when))
        .collect();
    if !d.beyond_horizon.is_empty() {
        lines.push(format!(
            "{} {}",
            t("target-label-beyond"),
            d.beyond_horizon.join("; ")
        ));
    }
    if lines.is_empty() {
        t("target-no-actions")
    } else {
        lines.join("\n")
    }
}
