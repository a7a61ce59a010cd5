//! The PDF's forward-looking sections: prioritised services, the draft national DPI architecture
//! and the implementation roadmap (phases, Gantt chart, actions, governance), in the order and
//! wording of the HTML report's `partials/plan.html.tera`.
//!
//! In: the context's plan and the charts as SVG (the Gantt chart is chart 4, the architecture
//! chart 5). Out: blocks appended to the document. Not here: layout or drawing.

use super::layout::{Align, Block, Cell};
use super::{ChartImage, bullets, chart, col, heading, level_fill, note, para, table};
use crate::report::context::ReportContext;
use crate::report::messages::{t, tf};

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
    b.push(heading(1, t("services-heading")));
    b.push(para(plan.services_summary.clone()));
    b.push(note(t("services-intro")));
    if plan.services.is_empty() {
        return;
    }
    b.push(table(
        vec![
            col(&t("col-rank"), 0.5, Align::Right),
            col(&t("col-service"), 2.4, Align::Left),
            col(&t("col-owner"), 1.8, Align::Left),
            col(&t("col-readiness"), 0.9, Align::Right),
            col(&t("col-impact"), 0.7, Align::Right),
            col(&t("col-quadrant"), 0.8, Align::Center),
            col(&t("col-blocked-by"), 1.6, Align::Left),
            col(&t("col-unblocked"), 1.4, Align::Left),
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
        b.push(note(tf(
            "services-more",
            &[
                ("listed", plan.services_listed.into()),
                ("more", plan.services_more.into()),
            ],
        )));
    }
    b.push(note(format!(
        "{} A {} B {} C {} D {}",
        t("quadrants-label"),
        t("quadrant-a"),
        t("quadrant-b"),
        t("quadrant-c"),
        t("quadrant-d")
    )));
}

fn architecture(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    b.push(heading(1, t("architecture-heading")));
    b.push(para(ctx.plan.architecture.summary.clone()));
    chart(b, charts, ARCHITECTURE);
    b.push(note(t("architecture-draft")));
}

fn roadmap(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let plan = &ctx.plan;
    b.push(heading(1, t("roadmap-heading")));
    b.push(para(plan.summary.clone()));
    if !plan.phases.is_empty() {
        b.push(heading(2, t("phases-heading")));
        b.push(table(
            vec![
                col(&t("col-phase"), 1.8, Align::Left),
                col(&t("col-months"), 1.8, Align::Left),
                col(&t("col-actions"), 0.7, Align::Right),
                col(&t("col-what-it-does"), 4.0, Align::Left),
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

        b.push(heading(2, t("actions-heading")));
        b.push(para(t("actions-intro")));
        b.push(table(
            vec![
                col(&t("col-action"), 2.4, Align::Left),
                col(&t("col-raises-level"), 1.5, Align::Left),
                col(&t("col-owner"), 1.3, Align::Left),
                col(&t("col-months"), 1.1, Align::Left),
                col(&t("col-kpis"), 2.2, Align::Left),
                col(&t("col-standards"), 1.3, Align::Left),
                col(&t("col-waits-for"), 1.0, Align::Left),
            ],
            plan.actions
                .iter()
                .map(|a| {
                    vec![
                        format!("{} ({})", a.title, a.id).into(),
                        format!("{} → {}", a.raises, a.to_level).into(),
                        // No room for a column of its own: the contributors go under the owner.
                        if a.contributors.is_empty() {
                            a.owner.clone().into()
                        } else {
                            format!(
                                "{}\n{}",
                                a.owner,
                                tf(
                                    "plan-contributing",
                                    &[("contributors", a.contributors.clone().into())]
                                )
                            )
                            .into()
                        },
                        if a.start == a.end {
                            a.start.clone().into()
                        } else {
                            format!("{} – {}", a.start, a.end).into()
                        },
                        a.kpis.join("\n").into(),
                        a.standards
                            .iter()
                            .map(|st| st.text.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                            .into(),
                        a.waits_for.clone().into(),
                    ]
                })
                .collect(),
        ));

        b.push(heading(2, t("governance-heading")));
        for n in &plan.governance_notes {
            b.push(para(super::markdown::strip(n)));
        }
        b.push(table(
            vec![
                col(&t("col-role"), 1.6, Align::Left),
                col(&t("col-institution"), 1.6, Align::Left),
                col(&t("col-responsibilities"), 3.6, Align::Left),
                col(&t("col-actions"), 0.7, Align::Right),
                col(&t("col-at-once"), 0.7, Align::Right),
                col(&t("col-months"), 1.5, Align::Left),
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
    if !plan.beyond_horizon.is_empty() {
        b.push(heading(
            2,
            tf("beyond-heading", &[("months", plan.horizon_months.into())]),
        ));
        b.push(para(tf(
            "beyond-intro",
            &[
                ("count", plan.beyond_horizon.len().into()),
                ("months", plan.horizon_months.into()),
            ],
        )));
        b.push(bullets(plan.beyond_horizon.clone()));
    }
    if !plan.uncovered.is_empty() {
        b.push(heading(2, t("uncovered-heading")));
        b.push(bullets(plan.uncovered.clone()));
    }
    if !plan.no_data.is_empty() {
        b.push(heading(2, t("no-data-heading")));
        b.push(para(tf(
            "no-data-roadmap",
            &[("items", plan.no_data.join("; ").into())],
        )));
    }
}
