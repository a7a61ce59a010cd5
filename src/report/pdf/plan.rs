//! The PDF's forward-looking sections: prioritised services, the draft national DPI architecture
//! and the implementation roadmap (phases, Gantt chart, actions, governance), in the order and
//! wording of the HTML report's `partials/plan.html.tera`. The target architecture inside the
//! architecture section is `pdf/target.rs`.
//!
//! In: the context's plan and the charts as SVG (the Gantt chart is chart 4, the architecture
//! chart 5, the projected trajectory chart 6). Out: blocks appended to the document. Not here:
//! layout or drawing.

use super::layout::{Align, Block, Cell};
use super::{ChartImage, bullets, chart, col, heading, level_fill, note, para, table};
use crate::messages::{t, tf};
use crate::report::context::ReportContext;

/// Index of the Gantt chart among the charts.
const GANTT: usize = 4;
/// Index of the architecture diagram among the charts.
const ARCHITECTURE: usize = 5;
/// Index of the projected trajectory among the charts.
const TRAJECTORY: usize = 6;

/// A bold cell without a fill.
fn strong(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        fill: None,
        bold: true,
    }
}

/// Appends the sections: services, architecture, roadmap and, when the framework has the
/// checklist, the UN DPI safeguards.
pub(super) fn sections(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    services(b, ctx);
    architecture(b, ctx, charts);
    roadmap(b, ctx, charts);
    safeguards(b, ctx);
}

fn safeguards(b: &mut Vec<Block>, ctx: &ReportContext) {
    let Some(sg) = &ctx.plan.safeguards else {
        return;
    };
    b.push(heading(1, t("safeguards-heading")));
    b.push(para(sg.summary.clone()));
    b.push(para(t("safeguards-intro")));
    let flagged = |text: &str, flag: bool| {
        if flag {
            strong(text)
        } else {
            text.to_string().into()
        }
    };
    b.push(table(
        vec![
            col(&t("col-principle"), 2.4, Align::Left),
            col(&t("col-status"), 1.1, Align::Left),
            col(&t("col-evidence"), 2.6, Align::Left),
            col(&t("col-roadmap-actions"), 2.6, Align::Left),
        ],
        sg.principles
            .iter()
            .map(|p| {
                vec![
                    strong(p.title.clone()),
                    flagged(&p.status_label, p.status == "not_met"),
                    p.evidence.clone().into(),
                    p.actions.clone().into(),
                ]
            })
            .collect(),
    ));
    b.push(table(
        vec![
            col(&t("col-risk"), 2.4, Align::Left),
            col(&t("col-status"), 1.4, Align::Left),
            col(&t("col-principles"), 1.6, Align::Left),
            col(&t("col-roadmap-actions"), 1.6, Align::Left),
        ],
        sg.risks
            .iter()
            .map(|r| {
                vec![
                    strong(r.title.clone()),
                    flagged(&r.status_label, r.status == "open"),
                    r.principles.clone().into(),
                    r.actions.clone().into(),
                ]
            })
            .collect(),
    ));
    b.push(table(
        vec![
            col(&t("col-authority"), 1.8, Align::Left),
            col(&t("col-what-it-does"), 3.4, Align::Left),
            col(&t("col-part"), 2.6, Align::Left),
        ],
        sg.authorities
            .iter()
            .map(|a| {
                vec![
                    strong(a.title.clone()),
                    a.description.clone().into(),
                    a.part.clone().into(),
                ]
            })
            .collect(),
    ));
    b.push(note(sg.source.clone()));
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
    match &ctx.plan.target {
        Some(target) => super::target::section(b, target, charts, ARCHITECTURE),
        None => chart(b, charts, ARCHITECTURE),
    }
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
    outlook(b, ctx, charts);
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

/// The maturity the plan buys, its indicative costs, its programmes and its outcome indicators.
fn outlook(b: &mut Vec<Block>, ctx: &ReportContext, charts: &[&ChartImage]) {
    let o = &ctx.plan.outlook;
    if o.trajectory.years.len() > 1 {
        b.push(heading(2, t("trajectory-heading")));
        b.push(para(o.trajectory.summary.clone()));
        chart(b, charts, TRAJECTORY);
        let pillar_width = 6.0 / o.trajectory.pillars.len().max(1) as f32;
        let columns = [
            col(&t("col-year"), 1.8, Align::Left),
            col(&t("col-overall"), 1.0, Align::Right),
        ]
        .into_iter()
        .chain(
            o.trajectory
                .pillars
                .iter()
                .map(|p| col(p, pillar_width, Align::Right)),
        )
        .collect();
        b.push(table(
            columns,
            o.trajectory
                .years
                .iter()
                .map(|y| {
                    [strong(y.label.clone()), strong(y.overall_display.clone())]
                        .into_iter()
                        .chain(y.pillars.iter().map(|p| p.clone().into()))
                        .collect()
                })
                .collect(),
        ));
    }
    if !o.interim_targets.is_empty() {
        b.push(heading(2, t("interim-heading")));
        b.push(para(t("interim-intro")));
        b.push(table(
            vec![
                col(&t("col-item"), 3.4, Align::Left),
                col(&t("col-due"), 2.4, Align::Left),
                col(&t("col-interim-target"), 1.0, Align::Right),
                col(&t("col-verdict"), 2.0, Align::Left),
            ],
            o.interim_targets
                .iter()
                .map(|it| {
                    vec![
                        strong(it.item.clone()),
                        it.due.clone().into(),
                        it.level.to_string().into(),
                        if it.met {
                            it.verdict.clone().into()
                        } else {
                            strong(it.verdict.clone())
                        },
                    ]
                })
                .collect(),
        ));
    }
    if let Some(costs) = &o.costs {
        b.push(heading(2, t("costs-heading")));
        b.push(para(costs.summary.clone()));
        let tables = [
            ("costs-by-year-caption", &costs.by_year, true),
            ("costs-by-phase-caption", &costs.by_phase, false),
            ("costs-by-programme-caption", &costs.by_programme, false),
            ("costs-by-funding-caption", &costs.by_funding, false),
            ("costs-by-role-caption", &costs.by_role, false),
        ];
        for (caption, rows, with_detail) in tables {
            if rows.is_empty() {
                continue;
            }
            b.push(note(t(caption)));
            let mut columns = vec![col(&t("col-item"), 3.0, Align::Left)];
            if with_detail {
                columns.push(col(&t("col-period"), 2.2, Align::Left));
            }
            columns.push(col(&t("col-indicative-cost"), 2.4, Align::Right));
            let line = |label: &str, detail: &str, range: &str, bold: bool| -> Vec<Cell> {
                let cell = |text: &str| {
                    if bold {
                        strong(text)
                    } else {
                        text.to_string().into()
                    }
                };
                let mut cells = vec![strong(label)];
                if with_detail {
                    cells.push(cell(detail));
                }
                cells.push(cell(range));
                cells
            };
            let mut body: Vec<Vec<Cell>> = rows
                .iter()
                .map(|r| line(&r.label, &r.detail, &r.range, false))
                .collect();
            body.push(line(&costs.total.label, "", &costs.total.range, true));
            b.push(table(columns, body));
        }
        b.push(note(t("costs-classes-caption")));
        b.push(table(
            vec![
                col(&t("col-class"), 1.4, Align::Left),
                col(&t("col-indicative-cost"), 2.2, Align::Right),
                col(&t("col-what-it-does"), 4.4, Align::Left),
            ],
            costs
                .classes
                .iter()
                .map(|r| {
                    vec![
                        strong(r.label.clone()),
                        r.range.clone().into(),
                        r.detail.clone().into(),
                    ]
                })
                .collect(),
        ));
    }
    if !o.programmes.is_empty() {
        b.push(heading(2, t("programmes-heading")));
        b.push(para(t("programmes-intro")));
        for p in &o.programmes {
            b.push(heading(3, p.title.clone()));
            let extent = if p.cost.is_empty() {
                p.extent.clone()
            } else {
                format!("{}; {}", p.extent, p.cost)
            };
            b.push(para(format!("{} {extent}.", p.description)));
            if !p.milestones.is_empty() {
                b.push(table(
                    vec![
                        col(&t("col-milestone"), 5.0, Align::Left),
                        col(&t("col-when"), 2.4, Align::Left),
                    ],
                    p.milestones
                        .iter()
                        .map(|m| vec![strong(m.title.clone()), m.when.clone().into()])
                        .collect(),
                ));
            }
            if !p.risks.is_empty() {
                b.push(table(
                    vec![
                        col(&t("col-risk"), 3.6, Align::Left),
                        col(&t("col-mitigation"), 3.8, Align::Left),
                    ],
                    p.risks
                        .iter()
                        .map(|r| vec![strong(r.risk.clone()), r.mitigation.clone().into()])
                        .collect(),
                ));
            }
        }
    }
    if !o.outcomes.is_empty() {
        b.push(heading(2, t("outcomes-heading")));
        b.push(para(t("outcomes-intro")));
        let phase_width = 4.0 / o.outcome_phases.len().max(1) as f32;
        let columns = [
            col(&t("col-outcome"), 2.4, Align::Left),
            col(&t("col-baseline"), 1.4, Align::Left),
        ]
        .into_iter()
        .chain(o.outcome_phases.iter().map(|p| col(p, phase_width, Align::Left)))
        .chain(std::iter::once(col(&t("col-source"), 1.6, Align::Left)))
        .collect();
        b.push(table(
            columns,
            o.outcomes
                .iter()
                .map(|oc| {
                    [strong(oc.title.clone()), oc.baseline.clone().into()]
                        .into_iter()
                        .chain(oc.targets.iter().map(|t| t.clone().into()))
                        .chain(std::iter::once(oc.source.clone().into()))
                        .collect()
                })
                .collect(),
        ));
    }
}
