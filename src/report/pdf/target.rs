//! The PDF's target national DPI architecture, inside the architecture section: the summary, the
//! today|target diagram, the caveat on candidate products, the decisions per Building Block and
//! the table of consolidations, retirements and connections for the institutions' IT heads, in
//! the order and wording of the HTML report's `partials/plan.html.tera`.
//!
//! In: the context's [`TargetView`] and the charts as SVG. Out: blocks appended to the document.
//! Every word is the context's or the message catalogue's; nothing is decided here. Not here:
//! layout or drawing.

use super::layout::{Align, Block, Cell};
use super::{ChartImage, chart, col, heading, note, para, table};
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

    b.push(heading(3, t("target-decisions-heading")));
    b.push(table(
        vec![
            col(&t("col-building-block"), 1.3, Align::Left),
            col(&t("col-target-decision"), 2.6, Align::Left),
            col(&t("col-specification"), 1.5, Align::Left),
            col(&t("col-systems-affected"), 2.2, Align::Left),
            col(&t("col-candidates"), 2.3, Align::Left),
            col(&t("col-roadmap-actions"), 2.0, Align::Left),
            col(&t("col-order"), 0.6, Align::Right),
            col(&t("col-when"), 1.1, Align::Left),
            col(&t("col-unblocks"), 1.4, Align::Left),
        ],
        target
            .decisions
            .iter()
            .map(|d| {
                vec![
                    strong(format!("{}\n{}", d.name, d.group)),
                    decision(d).into(),
                    specification(d).into(),
                    systems(d).into(),
                    candidates(d).into(),
                    actions(d).into(),
                    d.order.clone().into(),
                    d.when.clone().into(),
                    d.unblocks.join("; ").into(),
                ]
            })
            .collect(),
    ));

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

/// The decision, whether the country decided it, and its rationale.
fn decision(d: &DecisionView) -> String {
    let mut text = d.decision.clone();
    if d.country {
        text = format!("{text} ({})", t("target-country-label"));
    }
    format!("{text}\n{}", d.rationale)
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
