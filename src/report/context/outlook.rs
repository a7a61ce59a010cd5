//! What the plan costs, how it is organised and what it buys, as the report shows it: indicative
//! costs as ranges, programmes with milestones and risks, outcome indicators with their baselines
//! and phase targets, and the projected maturity year by year.
//!
//! In: the [`Roadmap`] (costs, programmes, outcomes and projection are computed by the roadmap
//! stage), the framework (titles) and the plan's calendar. Out: views whose every sentence and
//! amount is written here, from the message catalogue, so that each format only lays them out.
//! Amounts are ranges, never point values: a range's low end is rounded down and its high end up,
//! so the range shown always contains the range computed.
//! Not here: computing any cost, date or score (the roadmap stage did), or drawing the chart.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::plan::{Calendar, baseline_text, figure, phase_title};
use crate::messages::{t, tf};
use crate::model::*;

/// Costs, programmes, outcomes and the trajectory.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct OutlookView {
    /// Indicative costs; none when the framework prices no action.
    pub costs: Option<CostsView>,
    /// Programmes with planned actions.
    pub programmes: Vec<ProgrammeView>,
    /// Outcome indicators with a baseline.
    pub outcomes: Vec<OutcomeView>,
    /// The phases outcome targets are given for, as column headings.
    pub outcome_phases: Vec<String>,
    /// The projected maturity.
    pub trajectory: TrajectoryView,
    /// The assessment's interim targets, each with whether the plan meets it.
    pub interim_targets: Vec<InterimView>,
}

/// An interim target as the report shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct InterimView {
    /// `end of priority services (Mar 2027)`, `end of 2027`.
    pub due: String,
    /// The item's title.
    pub item: String,
    /// The level asked for.
    pub level: u8,
    /// `met` or `missed: level 2 by then`.
    pub verdict: String,
    /// Whether the plan meets it.
    pub met: bool,
}

/// Indicative costs.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CostsView {
    /// One paragraph: the total as a range, the word "indicative", where the ranges come from.
    pub summary: String,
    /// The cost classes with their ranges.
    pub classes: Vec<CostRow>,
    /// By plan year, with its calendar months.
    pub by_year: Vec<CostRow>,
    /// By phase.
    pub by_phase: Vec<CostRow>,
    /// By programme.
    pub by_programme: Vec<CostRow>,
    /// By funding type.
    pub by_funding: Vec<CostRow>,
    /// By owner institution.
    pub by_role: Vec<CostRow>,
    /// The total.
    pub total: CostRow,
    /// ISO 4217 code of every amount.
    pub currency: String,
}

/// One line of a cost table.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CostRow {
    /// What it is for: a year, a phase, a programme…
    pub label: String,
    /// A detail: the calendar months of a year, the description of a class, the actions counted.
    pub detail: String,
    /// `USD 1.2–4.5 million`.
    pub range: String,
    /// Unrounded lowest, in whole currency units (for workbooks).
    pub low: u64,
    /// Unrounded highest.
    pub high: u64,
}

/// A programme.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProgrammeView {
    /// Id.
    pub id: String,
    /// Name.
    pub title: String,
    /// What it delivers.
    pub description: String,
    /// `12 actions, Jul 2024 – Dec 2028` (and those beyond the horizon).
    pub extent: String,
    /// Its cost range, or empty.
    pub cost: String,
    /// Milestones in order, each with when.
    pub milestones: Vec<MilestoneView>,
    /// Main risks.
    pub risks: Vec<RiskView>,
}

/// A milestone and when it is reached.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct MilestoneView {
    /// What exists then.
    pub title: String,
    /// `Dec 2026 (month 30)`, `reached already`, `beyond the horizon`, `not in this plan`.
    pub when: String,
    /// `reached`, `planned`, `beyond_horizon` or `not_planned`.
    pub status: String,
}

/// A risk and its mitigation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct RiskView {
    /// What may go wrong.
    pub risk: String,
    /// What reduces it.
    pub mitigation: String,
}

/// An outcome indicator.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct OutcomeView {
    /// What is measured, with its unit.
    pub title: String,
    /// The indicator it is read against.
    pub indicator: String,
    /// Today: the figure with its year and source, or the indicator's level.
    pub baseline: String,
    /// Per phase of the plan (as `outcome_phases`): the value to reach by its end, or its level.
    pub targets: Vec<String>,
    /// Who publishes the figure.
    pub source: String,
}

/// The projected maturity.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TrajectoryView {
    /// One paragraph: from today's index to the index at the horizon, what it assumes.
    pub summary: String,
    /// Year by year.
    pub years: Vec<TrajectoryYear>,
    /// The pillars' names, as the columns of `years[].pillars`.
    pub pillars: Vec<String>,
}

/// One plan year of the projection.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct TrajectoryYear {
    /// 0 = today.
    pub year: u32,
    /// `Today` or `Year 2 (to Jun 2026)`.
    pub label: String,
    /// Overall index, unrounded.
    pub overall: Option<f64>,
    /// `46.5` or `–`.
    pub overall_display: String,
    /// Each pillar's score as shown, in the order of `pillars`.
    pub pillars: Vec<String>,
    /// Each pillar's unrounded score.
    pub pillar_scores: Vec<Option<f64>>,
}

/// A range of money in words: `USD 1.2–4.5 million`, the low end rounded down and the high end up
/// to the unit's tenth, so the range shown contains the range computed.
pub fn money_range(currency: &str, low: u64, high: u64) -> String {
    let (unit, id) = if high >= 1_000_000_000 {
        (1_000_000_000u64, "money-billion")
    } else if high >= 1_000_000 {
        (1_000_000, "money-million")
    } else if high >= 1_000 {
        (1_000, "money-thousand")
    } else {
        (1, "money-units")
    };
    let tenth = (unit / 10).max(1);
    let down = low / tenth;
    let up = high.div_ceil(tenth);
    let show = |tenths: u64| -> String {
        if unit == 1 {
            return tenths.to_string();
        }
        if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{}.{}", tenths / 10, tenths % 10)
        }
    };
    let (low_text, high_text) = if unit == 1 {
        (low.to_string(), high.to_string())
    } else {
        (show(down), show(up))
    };
    tf(
        id,
        &[
            ("currency", currency.into()),
            ("low", low_text.into()),
            ("high", high_text.into()),
        ],
    )
}

fn row(currency: &str, label: String, detail: String, range: CostRange) -> CostRow {
    CostRow {
        label,
        detail,
        range: money_range(currency, range.low, range.high),
        low: range.low,
        high: range.high,
    }
}

/// The outlook of a plan.
pub(super) fn build(roadmap: &Roadmap, framework: &Framework, calendar: Calendar) -> OutlookView {
    let programme_title = |id: &Option<String>| match id {
        Some(id) => framework
            .programmes
            .iter()
            .find(|p| &p.id == id)
            .map(|p| p.title.clone())
            .unwrap_or_else(|| id.clone()),
        None => t("cost-no-programme"),
    };
    let costs = roadmap.costs.as_ref().map(|c| {
        let currency = c.currency.as_str();
        let priced: u32 = c.classes.iter().map(|class| class.actions).sum();
        CostsView {
            summary: tf(
                match c.source {
                    CostSource::Framework => "costs-summary-framework",
                    CostSource::Assessment => "costs-summary-assessment",
                },
                &[
                    ("total", money_range(currency, c.total.low, c.total.high).into()),
                    ("count", priced.into()),
                    ("currency", currency.into()),
                ],
            ),
            classes: c
                .classes
                .iter()
                .map(|class| {
                    let description = framework
                        .costs
                        .as_ref()
                        .and_then(|fc| fc.classes.iter().find(|k| k.id == class.id))
                        .map(|k| k.description.clone())
                        .unwrap_or_default();
                    row(
                        currency,
                        class.title.clone(),
                        tf(
                            "cost-class-detail",
                            &[
                                ("count", class.actions.into()),
                                ("description", description.into()),
                            ],
                        ),
                        class.range,
                    )
                })
                .collect(),
            by_year: c
                .by_year
                .iter()
                .map(|y| {
                    row(
                        currency,
                        tf("plan-year", &[("year", y.year.into())]),
                        calendar.span((y.year - 1) * 12, y.year * 12),
                        y.range,
                    )
                })
                .collect(),
            by_phase: c
                .by_phase
                .iter()
                .map(|p| row(currency, phase_title(p.phase).0, String::new(), p.range))
                .collect(),
            by_programme: c
                .by_programme
                .iter()
                .map(|p| row(currency, programme_title(&p.programme), String::new(), p.range))
                .collect(),
            by_funding: c
                .by_funding
                .iter()
                .map(|f| {
                    let title = match &f.funding {
                        Some(id) => framework
                            .funding_types
                            .iter()
                            .find(|k| &k.id == id)
                            .map(|k| k.title.clone())
                            .unwrap_or_else(|| id.clone()),
                        None => t("cost-no-funding"),
                    };
                    row(currency, title, String::new(), f.range)
                })
                .collect(),
            by_role: c
                .by_role
                .iter()
                .map(|r| {
                    // Two roles may be held by one institution: the role tells the rows apart.
                    let role = framework
                        .roles
                        .iter()
                        .find(|role| role.id == r.role)
                        .map(|role| role.title.clone())
                        .unwrap_or_else(|| r.role.clone());
                    let label = if role == r.owner {
                        role
                    } else {
                        tf(
                            "cost-role-label",
                            &[("institution", (&r.owner).into()), ("role", role.into())],
                        )
                    };
                    row(currency, label, String::new(), r.range)
                })
                .collect(),
            total: row(currency, t("cost-total"), String::new(), c.total),
            currency: c.currency.clone(),
        }
    });

    let programmes = roadmap
        .programmes
        .iter()
        .map(|p| ProgrammeView {
            id: p.id.clone(),
            title: p.title.clone(),
            description: p.description.clone(),
            extent: if p.actions == 0 {
                tf("programme-extent-none", &[("beyond", p.beyond_horizon.into())])
            } else {
                tf(
                    "programme-extent",
                    &[
                        ("count", p.actions.into()),
                        ("span", calendar.span(p.start_month, p.end_month).into()),
                        ("beyond", p.beyond_horizon.into()),
                    ],
                )
            },
            cost: p
                .cost
                .zip(roadmap.costs.as_ref())
                .map(|(range, c)| money_range(&c.currency, range.low, range.high))
                .unwrap_or_default(),
            milestones: p
                .milestones
                .iter()
                .map(|m| MilestoneView {
                    title: m.title.clone(),
                    when: match (m.status, m.month) {
                        (MilestoneStatus::Planned, Some(month)) => tf(
                            "milestone-planned",
                            &[
                                ("date", calendar.short(month - 1).into()),
                                ("month", month.into()),
                            ],
                        ),
                        (MilestoneStatus::Reached, _) => t("milestone-reached"),
                        (MilestoneStatus::BeyondHorizon, _) => t("milestone-beyond"),
                        _ => t("milestone-not-planned"),
                    },
                    status: match m.status {
                        MilestoneStatus::Reached => "reached",
                        MilestoneStatus::Planned => "planned",
                        MilestoneStatus::BeyondHorizon => "beyond_horizon",
                        MilestoneStatus::NotPlanned => "not_planned",
                    }
                    .to_string(),
                })
                .collect(),
            risks: p
                .risks
                .iter()
                .map(|r| RiskView {
                    risk: r.risk.clone(),
                    mitigation: r.mitigation.clone(),
                })
                .collect(),
        })
        .collect();

    let outcome_phases: Vec<String> = roadmap.phases.iter().map(|p| phase_title(p.phase).0).collect();
    let outcomes = roadmap
        .outcomes
        .iter()
        .map(|o| OutcomeView {
            title: tf(
                "outcome-title",
                &[("title", (&o.title).into()), ("unit", (&o.unit).into())],
            ),
            indicator: framework
                .indicator(&o.indicator)
                .map(|i| i.title.clone())
                .unwrap_or_else(|| o.indicator.clone()),
            baseline: baseline_text(&o.baseline, &o.unit),
            targets: o
                .targets
                .iter()
                .map(|target| match target.value {
                    Some(value) => tf(
                        "outcome-target",
                        &[
                            ("value", figure(value).into()),
                            ("unit", (&o.unit).into()),
                            ("level", target.level.into()),
                            ("better", better_word(o.better).into()),
                        ],
                    ),
                    None => tf("outcome-target-level", &[("level", target.level.into())]),
                })
                .collect(),
            source: o.source.clone(),
        })
        .collect();

    let interim_targets = roadmap
        .interim_targets
        .iter()
        .map(|check| InterimView {
            due: match check.due {
                InterimDue::Phase(phase) => tf(
                    "interim-due-phase",
                    &[
                        ("phase", phase_title(phase).0.into()),
                        (
                            "date",
                            check
                                .due_month
                                .map(|m| calendar.short(m.max(1) - 1))
                                .unwrap_or_else(|| t("interim-phase-not-planned"))
                                .into(),
                        ),
                    ],
                ),
                InterimDue::Year(year) => tf("interim-due-year", &[("year", year.into())]),
            },
            item: framework
                .indicator(&check.item)
                .map(|i| i.title.clone())
                .or_else(|| {
                    framework
                        .building_blocks
                        .iter()
                        .find(|b| b.id == check.item)
                        .map(|b| tf("plan-bb-name", &[("name", (&b.name).into())]))
                })
                .unwrap_or_else(|| check.item.clone()),
            level: check.level,
            verdict: match (check.met, check.planned_level) {
                (true, _) => t("interim-met"),
                (false, Some(level)) => tf("interim-missed", &[("level", level.into())]),
                (false, None) => t("interim-missed-no-data"),
            },
            met: check.met,
        })
        .collect();
    OutlookView {
        interim_targets,
        costs,
        programmes,
        outcomes,
        outcome_phases,
        trajectory: trajectory(roadmap, framework, calendar),
    }
}

fn better_word(better: Better) -> String {
    t(match better {
        Better::Higher => "outcome-at-least",
        Better::Lower => "outcome-at-most",
    })
}

fn score_display(score: Option<f64>) -> String {
    score.map(super::one_decimal).unwrap_or_else(|| "–".to_string())
}

fn trajectory(roadmap: &Roadmap, framework: &Framework, calendar: Calendar) -> TrajectoryView {
    let pillars: Vec<String> = framework.pillars.iter().map(|p| p.title.clone()).collect();
    let years: Vec<TrajectoryYear> = roadmap
        .projection
        .iter()
        .map(|y| TrajectoryYear {
            year: y.year,
            label: if y.year == 0 {
                t("trajectory-today")
            } else {
                tf(
                    "trajectory-year",
                    &[
                        ("year", y.year.into()),
                        ("end", calendar.short(y.end_month - 1).into()),
                    ],
                )
            },
            overall: y.overall.score,
            overall_display: score_display(y.overall.score),
            pillars: y.pillars.iter().map(|p| score_display(p.score)).collect(),
            pillar_scores: y.pillars.iter().map(|p| p.score).collect(),
        })
        .collect();
    let summary = match (years.first(), years.last()) {
        (Some(first), Some(last)) if years.len() > 1 => tf(
            "trajectory-summary",
            &[
                ("today", (&first.overall_display).into()),
                ("end", (&last.overall_display).into()),
                ("years", last.year.into()),
                ("count", roadmap.actions.len().into()),
            ],
        ),
        _ => t("trajectory-none"),
    };
    TrajectoryView {
        summary,
        years,
        pillars,
    }
}
