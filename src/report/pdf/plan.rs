//! The PDF's forward-looking sections: prioritised services, the draft national DPI architecture
//! and the implementation roadmap (phases, Gantt chart, actions, governance), in the order and
//! wording of the HTML report's `partials/plan.html.tera`.
//!
//! In: the context's plan and the charts as SVG (the Gantt chart is chart 4, the architecture
//! chart 5). Out: blocks appended to the document. Not here: layout or drawing.

use super::layout::{Align, Block, Cell};
use super::{ChartImage, bullets, chart, col, heading, level_fill, note, para, table};
use crate::report::context::ReportContext;

/// Index of the Gantt chart among the charts.
const GANTT: usize = 4;
/// Index of the architecture diagram among the charts.
const ARCHITECTURE: usize = 5;

/// A bold cell without a fill.
fn strong(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        fill: None,
        bold: true,
    }
}

/// Appends the three sections.
pub(super) fn sections(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    services(b, ctx);
    architecture(b, ctx, charts);
    roadmap(b, ctx, charts);
}

fn services(b: &mut Vec<Block>, ctx: &ReportContext) {
    let plan = &ctx.plan;
    b.push(heading(1, "Prioritised services"));
    b.push(para(plan.services_summary.clone()));
    b.push(note(
        "Readiness is the score of the weakest Building Block a service needs; impact compares its yearly \
         transactions and users with the largest service on a log scale. A service is blocked while a \
         Building Block it needs is at level 1 or below.",
    ));
    if plan.services.is_empty() {
        return;
    }
    b.push(table(
        vec![
            col("Rank", 0.5, Align::Right),
            col("Service", 2.4, Align::Left),
            col("Owner", 1.8, Align::Left),
            col("Readiness", 0.9, Align::Right),
            col("Impact", 0.7, Align::Right),
            col("Quadrant", 0.8, Align::Center),
            col("Blocked by", 1.6, Align::Left),
            col("Unblocked", 1.4, Align::Left),
        ],
        plan.services
            .iter()
            .take(plan.services_listed)
            .map(|s| {
                vec![
                    s.rank.to_string().into(),
                    s.name.clone().into(),
                    s.owner.clone().into(),
                    Cell {
                        text: s.readiness.clone(),
                        fill: level_fill(s.readiness_level),
                        bold: false,
                    },
                    s.impact.clone().into(),
                    strong(s.quadrant.clone()),
                    s.blocked_by.clone().into(),
                    s.unblocked.clone().into(),
                ]
            })
            .collect(),
    ));
    if plan.services_more > 0 {
        b.push(note(format!(
            "The {} services of highest priority are listed; {} more are ranked in report.xlsx (sheet services).",
            plan.services_listed,
            plan.services_more
        )));
    }
    b.push(note(
        "Quadrants: A high impact and feasible now (build or revamp first); B high impact, not yet feasible \
         (strengthen its Building Blocks first); C lower impact, feasible (quick gains); D later.",
    ));
}

fn architecture(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    b.push(heading(1, "Draft national DPI architecture"));
    b.push(para(ctx.plan.architecture.summary.clone()));
    chart(b, charts, ARCHITECTURE);
    b.push(note(
        "A draft for discussion: it shows what the inventory and the answers say exists today, not a design \
         decision. The target architecture should be agreed with the institutions that own each Building Block.",
    ));
}

fn roadmap(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let plan = &ctx.plan;
    b.push(heading(1, "Implementation roadmap"));
    b.push(para(plan.summary.clone()));
    if !plan.phases.is_empty() {
        b.push(heading(2, "Phases"));
        b.push(table(
            vec![
                col("Phase", 1.8, Align::Left),
                col("Months", 1.8, Align::Left),
                col("Actions", 0.7, Align::Right),
                col("What it does", 4.0, Align::Left),
            ],
            plan.phases
                .iter()
                .map(|p| {
                    vec![
                        strong(p.title.clone()),
                        p.span.clone().into(),
                        p.actions.to_string().into(),
                        p.purpose.clone().into(),
                    ]
                })
                .collect(),
        ));
        chart(b, charts, GANTT);

        b.push(heading(2, "Actions"));
        b.push(para(
            "Each action names its owner, its months, the level it brings an item to, the signs of success (KPIs), \
             the standards it adopts and the actions it waits for.",
        ));
        b.push(table(
            vec![
                col("Action", 2.4, Align::Left),
                col("Raises → level", 1.5, Align::Left),
                col("Owner", 1.3, Align::Left),
                col("Months", 1.1, Align::Left),
                col("KPIs", 2.2, Align::Left),
                col("Standards to adopt", 1.3, Align::Left),
                col("Waits for", 1.0, Align::Left),
            ],
            plan.actions
                .iter()
                .map(|a| {
                    vec![
                        format!("{} ({})", a.title, a.id).into(),
                        format!("{} → {}", a.raises, a.to_level).into(),
                        a.owner.clone().into(),
                        if a.start == a.end {
                            a.start.clone().into()
                        } else {
                            format!("{} – {}", a.start, a.end).into()
                        },
                        a.kpis.join("\n").into(),
                        a.standards.join("; ").into(),
                        a.waits_for.clone().into(),
                    ]
                })
                .collect(),
        ));

        b.push(heading(2, "Governance arrangements and responsibilities"));
        for n in &plan.governance_notes {
            b.push(para(super::markdown::strip(n)));
        }
        b.push(table(
            vec![
                col("Role", 1.6, Align::Left),
                col("Institution", 1.6, Align::Left),
                col("Responsibilities", 3.6, Align::Left),
                col("Actions", 0.7, Align::Right),
                col("At once", 0.7, Align::Right),
                col("Months", 1.5, Align::Left),
            ],
            plan.governance
                .iter()
                .map(|g| {
                    vec![
                        strong(g.role.clone()),
                        g.institution.clone().into(),
                        g.responsibilities.clone().into(),
                        g.actions.to_string().into(),
                        g.capacity.to_string().into(),
                        g.span.clone().into(),
                    ]
                })
                .collect(),
        ));
    }
    if !plan.uncovered.is_empty() {
        b.push(heading(2, "Gaps the roadmap does not close"));
        b.push(bullets(plan.uncovered.clone()));
    }
    if !plan.no_data.is_empty() {
        b.push(heading(2, "Below target but without a level"));
        b.push(para(format!(
            "No action was chosen for these, because their current level is unknown: {}. Answer their questions first.",
            plan.no_data.join("; ")
        )));
    }
}
