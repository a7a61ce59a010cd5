//! The report's forward-looking part: the implementation roadmap, the prioritised services and the
//! draft national DPI architecture, as the report shows them.
//!
//! In: the [`Results`], the [`Assessment`], the roadmap and service ranking that the roadmap
//! stage planned (the driver, `cli::pipeline`, plans once for `report` and `roadmap`, so the
//! report and `roadmap.json` always agree), and the parts of the context already built (the
//! Building Block rows and the layers). Out: a [`PlanView`] with months turned into calendar months (the roadmap starts the
//! month after the assessment date) and every sentence written. Not here: drawing (the Gantt
//! chart and the architecture diagram are drawn by `charts`), escaping.

use crate::messages::{Arg, t, tf};
#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::{BbView, LayerView, ScoreView, one_decimal};
use crate::model::*;
use crate::roadmap::DEFAULT_CAPACITY;
use crate::score::band_level;

/// Most systems named in one Building Block box of the architecture diagram.
const SYSTEMS_PER_BB: usize = 3;
/// Most services shown in the architecture diagram's top band.
const ARCHITECTURE_SERVICES: usize = 8;

/// Roadmap, services and architecture.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PlanView {
    /// One paragraph on the roadmap as a whole.
    pub summary: String,
    /// Calendar month the roadmap starts, `July 2024`.
    pub start: String,
    /// Months from the first start to the last end.
    pub months: u32,
    /// Year marks for a time axis: month 0, 12, 24, … up to the end.
    pub ticks: Vec<MonthTick>,
    /// The four phases that hold actions, in order.
    pub phases: Vec<PhaseView>,
    /// Every action, in schedule order.
    pub actions: Vec<ActionView>,
    /// Who does what: one row per role that owns actions.
    pub governance: Vec<GovernanceRow>,
    /// Sentences on governance arrangements (who steers, what is unassigned).
    pub governance_notes: Vec<String>,
    /// Gaps the action library cannot close, as sentences.
    pub uncovered: Vec<String>,
    /// The planning horizon in months.
    pub horizon_months: u32,
    /// Actions the gaps need that cannot end within the horizon, each with why, as sentences.
    pub beyond_horizon: Vec<String>,
    /// Items below target with no level, as titles.
    pub no_data: Vec<String>,
    /// Services to build or revamp, first first.
    pub services: Vec<ServiceView>,
    /// How many of `services`, from the first (highest priority), HTML, Markdown and PDF list:
    /// at most [`SERVICES_SHOWN`].
    pub services_listed: usize,
    /// Services not listed there (report.xlsx lists every one).
    pub services_more: usize,
    /// One paragraph on the services.
    pub services_summary: String,
    /// The national DPI architecture today.
    pub architecture: ArchitectureView,
    /// The target architecture: a decision per Building Block (none when the framework proposes
    /// none).
    pub target: Option<super::target::TargetView>,
    /// Costs, programmes, outcomes and the projected maturity.
    pub outlook: super::outlook::OutlookView,
    /// The UN DPI safeguards checklist, when the framework has one.
    pub safeguards: Option<super::safeguards::SafeguardsView>,
}

/// A labelled month on a time axis.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct MonthTick {
    /// Month (0-based).
    pub month: u32,
    /// `Jul 2024`.
    pub label: String,
}

/// One roadmap phase.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PhaseView {
    /// `foundations`, `priority_services`, `transformation` or `scale`.
    pub code: String,
    /// `Inception and foundations`, …
    pub title: String,
    /// What the phase is for.
    pub purpose: String,
    /// First month (0-based).
    pub start_month: u32,
    /// Month after its last action.
    pub end_month: u32,
    /// `Jul 2024 – Jun 2025`.
    pub span: String,
    /// Number of actions.
    pub actions: u32,
}

/// One scheduled action.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ActionView {
    /// Action id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Id of the indicator or BB it raises.
    pub raises_id: String,
    /// Its title.
    pub raises: String,
    /// Level it reaches.
    pub to_level: u8,
    /// Owner institution (or role title when the assessment names none).
    pub owner: String,
    /// Owner role's title.
    pub owner_role: String,
    /// Contributing institutions (or role titles), `; `-separated, or empty.
    pub contributors: String,
    /// Phase code.
    pub phase: String,
    /// Phase title.
    pub phase_title: String,
    /// First month (0-based).
    pub start_month: u32,
    /// Month after the last.
    pub end_month: u32,
    /// `Jul 2024`.
    pub start: String,
    /// `Dec 2024` (the last month it runs).
    pub end: String,
    /// Duration in months.
    pub months: u32,
    /// Action ids it waits for, `; `-separated, then those it runs alongside (that must only have
    /// started), in words.
    pub waits_for: String,
    /// Priority rank of the gap it serves, or `prerequisite`.
    pub priority: String,
    /// KPIs, each with its baseline and target.
    pub kpis: Vec<String>,
    /// Its programme's title, or empty.
    pub programme: String,
    /// Its indicative cost as a range in words, or empty.
    pub cost: String,
    /// Its cost class's ends, in whole currency units.
    pub cost_low: Option<u64>,
    /// See `cost_low`.
    pub cost_high: Option<u64>,
    /// The main source of funding expected, or empty.
    pub funding: String,
    /// Standards adopted; a GovStack specification with the version the framework refers to and
    /// a link to it.
    pub standards: Vec<StandardView>,
}

/// A standard an action adopts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct StandardView {
    /// Its name, with the version when the framework knows it.
    pub text: String,
    /// Where it reads, when the framework knows it.
    pub url: Option<String>,
}

/// A standard as the report names it: "GovStack <BB name> BB specification" becomes that BB's
/// specification at the version the framework refers to, linked to its published text.
fn standard_view(framework: &Framework, standard: &str) -> StandardView {
    let spec = framework
        .building_blocks
        .iter()
        .find(|b| standard == tf("standard-govstack-spec", &[("name", (&b.name).into())]));
    match spec {
        Some(bb) => StandardView {
            text: tf(
                "standard-govstack-spec-version",
                &[
                    ("name", (&bb.name).into()),
                    ("version", (&bb.spec_version).into()),
                ],
            ),
            url: bb.spec_url.clone(),
        },
        None => match framework.standards.iter().find(|s| s.name == standard) {
            Some(known) => StandardView {
                text: tf(
                    "standard-version",
                    &[
                        ("name", (&known.name).into()),
                        ("version", (&known.version).into()),
                    ],
                ),
                url: Some(known.url.clone()),
            },
            None => StandardView {
                text: standard.to_string(),
                url: None,
            },
        },
    }
}

/// A figure as reports write it: no trailing zeros (70, 2.5).
pub fn figure(value: f64) -> String {
    crate::ingest::table::format_number(value)
}

/// An outcome's baseline in words: today's figure with its year and source (or the number of
/// answers it is the median of), else the indicator's level.
pub fn baseline_text(baseline: &OutcomeBaseline, unit: &str) -> String {
    let Some(value) = baseline.value else {
        return match baseline.level {
            Some(level) => tf("plan-baseline-level", &[("level", level.into())]),
            None => t("plan-baseline-unknown"),
        };
    };
    let value = figure(value);
    match (baseline.answers, &baseline.source, baseline.year) {
        (Some(count), _, _) => tf(
            "plan-baseline-answers",
            &[
                ("value", value.into()),
                ("unit", unit.into()),
                ("count", count.into()),
            ],
        ),
        (None, Some(source), Some(year)) => tf(
            "plan-baseline-figure-year",
            &[
                ("value", value.into()),
                ("unit", unit.into()),
                ("year", year.into()),
                ("source", source.into()),
            ],
        ),
        (None, source, _) => tf(
            "plan-baseline-figure",
            &[
                ("value", value.into()),
                ("unit", unit.into()),
                ("source", source.clone().unwrap_or_default().into()),
            ],
        ),
    }
}

/// A KPI in one line: measure, baseline → target.
pub fn kpi_text(kpi: &PlannedKpi) -> String {
    match kpi {
        PlannedKpi::Measure {
            measure,
            baseline,
            target,
        } => tf(
            "plan-kpi",
            &[
                ("measure", measure.into()),
                ("baseline", baseline.into()),
                ("target", target.into()),
            ],
        ),
        PlannedKpi::Outcome {
            title,
            unit,
            baseline,
            target,
            ..
        } => tf(
            "plan-kpi-outcome",
            &[
                ("measure", title.into()),
                ("baseline", baseline_text(baseline, unit).into()),
                ("target", figure(*target).into()),
                ("unit", unit.into()),
            ],
        ),
    }
}

/// A role's part in the roadmap.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct GovernanceRow {
    /// Role title.
    pub role: String,
    /// Institution holding it, or `not assigned`.
    pub institution: String,
    /// What the role does (from the framework).
    pub responsibilities: String,
    /// Actions it owns.
    pub actions: usize,
    /// Actions it runs at once at most.
    pub capacity: u32,
    /// `Jul 2024 – Dec 2027`.
    pub span: String,
}

/// A service as ranked.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ServiceView {
    /// 1 = first.
    pub rank: u32,
    /// Name.
    pub name: String,
    /// Owner.
    pub owner: String,
    /// identity, payment or data.
    pub category: String,
    /// How digital it is today, or empty.
    pub digital_level: String,
    /// Readiness score, `38.5`, or `–`.
    pub readiness: String,
    /// The readiness score unrounded, for spreadsheets; none when the service names no BB.
    pub readiness_value: Option<f64>,
    /// Readiness level, when the service names BBs with a score.
    pub readiness_level: Option<u8>,
    /// Impact 0..1, `0.82`.
    pub impact: String,
    /// The impact unrounded, for spreadsheets.
    pub impact_value: f64,
    /// `A`..`D`.
    pub quadrant: String,
    /// The quadrant in two words: `build first`, `strategic`, `quick gain`, `later`.
    pub quadrant_label: String,
    /// What the quadrant means for it.
    pub quadrant_meaning: String,
    /// Blocking BBs by name, `; `-separated, or empty.
    pub blocked_by: String,
    /// When the roadmap unblocks it: `Mar 2026 (month 21)`, `not within this roadmap`, or empty.
    pub unblocked: String,
}

/// The layered architecture diagram's content.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ArchitectureView {
    /// How services reach people today, by digital level, most digital first.
    pub channels: Vec<ArchitectureTile>,
    /// The highest-priority services.
    pub services: Vec<ArchitectureTile>,
    /// Building Blocks by DPI component.
    pub components: Vec<ComponentGroup>,
    /// The digital-infrastructure layer's dimensions.
    pub infrastructure: Vec<ArchitectureTile>,
    /// The other enabling layers.
    pub enablers: Vec<ArchitectureTile>,
    /// Title of the infrastructure band.
    pub infrastructure_title: String,
    /// Paragraph that reads the diagram in words.
    pub summary: String,
}

/// A box in the diagram.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ArchitectureTile {
    /// Label.
    pub title: String,
    /// Level 0..4 that colours it (none: grey).
    pub level: Option<u8>,
    /// Small text under the label (score, count, blocked).
    pub detail: String,
}

/// One DPI component's Building Blocks.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ComponentGroup {
    /// `Digital identity`, `Payments`, `Data exchange`, `Shared services`.
    pub title: String,
    /// Its BBs.
    pub building_blocks: Vec<ArchitectureBb>,
}

/// A Building Block box.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ArchitectureBb {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Level 0..4 (none: no data).
    pub level: Option<u8>,
    /// `Level 2 Developing · 45.0`.
    pub detail: String,
    /// Systems implementing it (at most a few, then `+N more`).
    pub systems: Vec<String>,
}

/// Phase title and purpose, as the GovStack PAERA phases are named (messages `phase-…`).
pub fn phase_title(phase: Phase) -> (String, String) {
    let (title, purpose) = match phase {
        Phase::Foundations => ("phase-foundations", "phase-foundations-purpose"),
        Phase::PriorityServices => ("phase-priority-services", "phase-priority-services-purpose"),
        Phase::Transformation => ("phase-transformation", "phase-transformation-purpose"),
        Phase::Scale => ("phase-scale", "phase-scale-purpose"),
    };
    (t(title), t(purpose))
}

/// A calendar month counted from the roadmap's start.
#[derive(Debug, Clone, Copy)]
pub(super) struct Calendar {
    /// Year and month (1..12) of month 0.
    year: i32,
    month: u32,
}

impl Calendar {
    /// The month after `date` (`YYYY-MM-DD`); January 2000 if the date cannot be read (the
    /// workspace check refuses such dates, so this is a fallback only).
    pub(super) fn after(date: &str) -> Calendar {
        let mut parts = date.split('-');
        let year = parts.next().and_then(|y| y.parse::<i32>().ok());
        let month = parts.next().and_then(|m| m.parse::<u32>().ok());
        match (year, month) {
            (Some(year), Some(month)) if (1..=12).contains(&month) => {
                if month == 12 {
                    Calendar {
                        year: year + 1,
                        month: 1,
                    }
                } else {
                    Calendar {
                        year,
                        month: month + 1,
                    }
                }
            }
            _ => Calendar { year: 2000, month: 1 },
        }
    }

    fn at(self, offset: u32) -> (i32, u32) {
        let index = self.month - 1 + offset;
        (self.year + (index / 12) as i32, index % 12 + 1)
    }

    /// `Jul 2024`.
    pub(super) fn short(self, offset: u32) -> String {
        let (year, month) = self.at(offset);
        tf(
            "month-short",
            &[("month", month.into()), ("year", year.to_string().into())],
        )
    }

    /// `July 2024`.
    fn long(self, offset: u32) -> String {
        let (year, month) = self.at(offset);
        tf(
            "month-long",
            &[("month", month.into()), ("year", year.to_string().into())],
        )
    }

    /// `Jul 2024 – Jun 2025` for months `start..end` (end exclusive).
    pub(super) fn span(self, start: u32, end: u32) -> String {
        let last = end.max(start + 1) - 1;
        if last == start {
            self.short(start)
        } else {
            format!("{} – {}", self.short(start), self.short(last))
        }
    }
}

/// Builds the plan part of the report from the roadmap and the service ranking that the roadmap
/// stage planned (the report shows the plan; it does not make one).
pub fn build(
    results: &Results,
    assessment: &Assessment,
    (roadmap, services): (&Roadmap, &[ServicePriority]),
    bbs: &[BbView],
    layers: &[LayerView],
) -> PlanView {
    let framework = &assessment.framework;
    let calendar = Calendar::after(&results.assessment.date);
    let title_of = |id: &str| item_title(framework, id);

    let phases: Vec<PhaseView> = roadmap
        .phases
        .iter()
        .filter(|p| p.actions > 0)
        .map(|p| {
            let (title, purpose) = phase_title(p.phase);
            PhaseView {
                code: p.phase.code().to_string(),
                title: title.to_string(),
                purpose: purpose.to_string(),
                start_month: p.start_month,
                end_month: p.end_month,
                span: calendar.span(p.start_month, p.end_month),
                actions: p.actions,
            }
        })
        .collect();

    let role_title = |id: &str| {
        framework
            .roles
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let actions: Vec<ActionView> = roadmap
        .actions
        .iter()
        .map(|a| ActionView {
            id: a.id.clone(),
            title: a.title.clone(),
            raises_id: a.raises.clone(),
            raises: title_of(&a.raises),
            to_level: a.to_level,
            owner: a.owner.clone(),
            owner_role: role_title(&a.owner_role),
            contributors: a.contributors.join("; "),
            phase: a.phase.code().to_string(),
            phase_title: phase_title(a.phase).0,
            start_month: a.start_month,
            end_month: a.end_month,
            start: calendar.short(a.start_month),
            end: calendar.short(a.end_month.max(a.start_month + 1) - 1),
            months: a.end_month.saturating_sub(a.start_month),
            waits_for: if a.under_way_with.is_empty() {
                a.waits_for.join("; ")
            } else {
                // Soft prerequisites are named apart: they only need to have started.
                let alongside = tf(
                    "plan-under-way-with",
                    &[("actions", a.under_way_with.join("; ").into())],
                );
                a.waits_for
                    .iter()
                    .cloned()
                    .chain(std::iter::once(alongside))
                    .collect::<Vec<_>>()
                    .join("; ")
            },
            priority: a
                .priority_rank
                .map(|r| r.to_string())
                .unwrap_or_else(|| t("plan-prerequisite")),
            kpis: a.kpis.iter().map(kpi_text).collect(),
            programme: a
                .programme
                .as_ref()
                .and_then(|id| framework.programmes.iter().find(|p| &p.id == id))
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            cost: a
                .cost
                .as_ref()
                .zip(roadmap.costs.as_ref())
                .map(|(c, costs)| super::outlook::money_range(&costs.currency, c.range.low, c.range.high))
                .unwrap_or_default(),
            cost_low: a.cost.as_ref().map(|c| c.range.low),
            cost_high: a.cost.as_ref().map(|c| c.range.high),
            funding: a
                .funding
                .as_ref()
                .and_then(|id| framework.funding_types.iter().find(|f| &f.id == id))
                .map(|f| f.title.clone())
                .unwrap_or_default(),
            standards: a
                .standards
                .iter()
                .map(|st| standard_view(framework, st))
                .collect(),
        })
        .collect();

    let (governance, governance_notes) = governance(framework, roadmap, &assessment.workspace, &calendar);

    let uncovered = roadmap
        .uncovered
        .iter()
        .map(|u| {
            let reach = if u.reachable == 0 {
                t("plan-no-action")
            } else {
                tf("plan-reaches", &[("level", u.reachable.into())])
            };
            tf(
                "plan-uncovered",
                &[
                    ("title", title_of(&u.id).into()),
                    ("level", u.level.into()),
                    ("target", u.target.into()),
                    ("reach", reach.into()),
                ],
            )
        })
        .collect();
    let no_data = roadmap.no_data.iter().map(|id| title_of(id)).collect();
    let action_title = |id: &str| {
        framework
            .actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let beyond_horizon = roadmap
        .beyond_horizon
        .iter()
        .map(|b| {
            let args = [
                ("action", Arg::from(b.title.clone())),
                ("item", title_of(&b.raises).into()),
                ("level", b.to_level.into()),
                ("owner", (&b.owner).into()),
                ("months", b.effort_months.into()),
                ("end", b.earliest_end_month.unwrap_or(0).into()),
                (
                    "blocker",
                    b.waits_for
                        .as_deref()
                        .map(action_title)
                        .unwrap_or_default()
                        .into(),
                ),
            ];
            match b.reason {
                BeyondReason::Capacity => tf("beyond-capacity", &args),
                BeyondReason::PrerequisiteChain => tf("beyond-chain", &args),
                BeyondReason::TargetAmbition => tf("beyond-ambition", &args),
                BeyondReason::WaitsBeyond => tf("beyond-waits", &args),
                BeyondReason::PhaseGate => tf("beyond-gate", &args),
                BeyondReason::Deferred => tf("beyond-deferred", &args),
                BeyondReason::Dropped => tf("beyond-dropped", &args),
            }
        })
        .collect();

    let bb_name = |id: &str| {
        framework
            .building_blocks
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let bands = results.rules.bands;
    let service_views: Vec<ServiceView> = services
        .iter()
        .map(|s| ServiceView {
            rank: s.rank,
            name: s.name.clone(),
            owner: s.owner.clone(),
            category: s.category.clone(),
            digital_level: s.digital_level.clone().unwrap_or_default().replace('_', " "),
            readiness: s.readiness.map(one_decimal).unwrap_or_else(|| "–".to_string()),
            readiness_value: s.readiness,
            readiness_level: s.readiness.map(|r| band_level(r, &bands)),
            impact: format!("{:.2}", s.impact),
            impact_value: s.impact,
            quadrant: s.quadrant.label().to_string(),
            quadrant_label: quadrant_label(s.quadrant).to_string(),
            quadrant_meaning: quadrant_meaning(s.quadrant).to_string(),
            blocked_by: s
                .blocked_by
                .iter()
                .map(|b| bb_name(b))
                .collect::<Vec<_>>()
                .join("; "),
            unblocked: match (s.blocked_by.is_empty(), s.unblocked_month) {
                (true, _) => String::new(),
                // The last month of the action that brings the Building Block to level 2, as the
                // CLI and roadmap.json number it (month 1 is the plan's first).
                (false, Some(month)) => tf(
                    "plan-unblocked-month",
                    &[
                        ("date", calendar.short(month.saturating_sub(1)).into()),
                        ("month", month.into()),
                    ],
                ),
                (false, None) => t("plan-not-within"),
            },
        })
        .collect();
    let services_summary = services_summary(&service_views);

    let summary = roadmap_summary(
        roadmap,
        &phases,
        &calendar,
        results,
        &assessment.workspace.country,
    );
    let architecture = architecture(framework, assessment, bbs, layers, &service_views);

    let ticks = (0..=roadmap.months)
        .step_by(12)
        .map(|month| MonthTick {
            month,
            label: calendar.short(month),
        })
        .collect();
    PlanView {
        summary,
        start: calendar.long(0),
        months: roadmap.months,
        ticks,
        phases,
        actions,
        governance,
        governance_notes,
        uncovered,
        horizon_months: roadmap.horizon_months,
        beyond_horizon,
        no_data,
        services_listed: service_views.len().min(SERVICES_SHOWN),
        services_more: service_views.len().saturating_sub(SERVICES_SHOWN),
        services: service_views,
        services_summary,
        architecture,
        target: super::target::build(framework, roadmap, calendar),
        outlook: super::outlook::build(roadmap, framework, calendar),
        safeguards: super::safeguards::build(framework, roadmap),
    }
}

/// An indicator's or BB's title, or its id when the framework has neither.
fn item_title(framework: &Framework, id: &str) -> String {
    if let Some(indicator) = framework.indicator(id) {
        return indicator.title.clone();
    }
    framework
        .building_blocks
        .iter()
        .find(|b| b.id == id)
        .map(|b| tf("plan-bb-name", &[("name", (&b.name).into())]))
        .unwrap_or_else(|| id.to_string())
}

fn quadrant_label(quadrant: Quadrant) -> String {
    t(match quadrant {
        Quadrant::A => "quadrant-a-label",
        Quadrant::B => "quadrant-b-label",
        Quadrant::C => "quadrant-c-label",
        Quadrant::D => "quadrant-d-label",
    })
}

fn quadrant_meaning(quadrant: Quadrant) -> String {
    t(match quadrant {
        Quadrant::A => "quadrant-a-meaning",
        Quadrant::B => "quadrant-b-meaning",
        Quadrant::C => "quadrant-c-meaning",
        Quadrant::D => "quadrant-d-meaning",
    })
}

fn roadmap_summary(
    roadmap: &Roadmap,
    phases: &[PhaseView],
    calendar: &Calendar,
    results: &Results,
    country: &str,
) -> String {
    let below_target = results.gaps.len();
    if roadmap.actions.is_empty() {
        return if below_target == 0 {
            tf("roadmap-summary-met", &[("country", country.into())])
        } else {
            tf("roadmap-summary-no-action", &[("count", below_target.into())])
        };
    }
    let years = f64::from(roadmap.months) / 12.0;
    let phase_list: Vec<String> = phases
        .iter()
        .map(|p| {
            tf(
                "roadmap-summary-phase",
                &[
                    ("title", p.title.to_lowercase().into()),
                    ("span", (&p.span).into()),
                    ("count", p.actions.into()),
                ],
            )
        })
        .collect();
    tf(
        "roadmap-summary",
        &[
            ("count", roadmap.actions.len().into()),
            ("months", roadmap.months.into()),
            ("years", format!("{years:.1}").into()),
            ("start", calendar.long(0).into()),
            ("phases", phase_list.join("; ").into()),
        ],
    )
}

fn governance(
    framework: &Framework,
    roadmap: &Roadmap,
    workspace: &Workspace,
    calendar: &Calendar,
) -> (Vec<GovernanceRow>, Vec<String>) {
    let mut rows: Vec<(GovernanceRow, u32)> = Vec::new();
    let mut unassigned: Vec<String> = Vec::new();
    for role in &framework.roles {
        let owned: Vec<&PlannedAction> = roadmap
            .actions
            .iter()
            .filter(|a| a.owner_role == role.id)
            .collect();
        if owned.is_empty() {
            continue;
        }
        let start = owned.iter().map(|a| a.start_month).min().unwrap_or(0);
        let end = owned.iter().map(|a| a.end_month).max().unwrap_or(0);
        let institution = match workspace.roles.get(&role.id) {
            Some(name) => name.clone(),
            None => {
                unassigned.push(role.title.to_lowercase());
                t("plan-not-assigned")
            }
        };
        rows.push((
            GovernanceRow {
                role: role.title.clone(),
                institution,
                responsibilities: role.description.clone(),
                actions: owned.len(),
                capacity: workspace
                    .capacity
                    .get(&role.id)
                    .copied()
                    .unwrap_or(DEFAULT_CAPACITY),
                span: calendar.span(start, end),
            },
            start,
        ));
    }
    // Most actions first: the roles that carry the plan lead the table.
    rows.sort_by(|a, b| b.0.actions.cmp(&a.0.actions).then(a.1.cmp(&b.1)));
    let rows: Vec<GovernanceRow> = rows.into_iter().map(|(row, _)| row).collect();

    let mut notes = Vec::new();
    let not_assigned = t("plan-not-assigned");
    if let Some(lead) = rows.first() {
        let holder = if lead.institution == not_assigned {
            tf(
                "governance-holder-role",
                &[("role", lead.role.to_lowercase().into())],
            )
        } else {
            tf(
                "governance-holder",
                &[
                    ("institution", (&lead.institution).into()),
                    ("role", lead.role.to_lowercase().into()),
                ],
            )
        };
        notes.push(tf(
            "governance-lead",
            &[
                ("holder", holder.into()),
                ("owned", lead.actions.into()),
                ("count", roadmap.actions.len().into()),
            ],
        ));
    }
    let institutions: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r.institution.as_str())
        .filter(|i| *i != not_assigned)
        .collect();
    if !institutions.is_empty() {
        notes.push(tf(
            "governance-institutions",
            &[("count", institutions.len().into())],
        ));
    }
    if !unassigned.is_empty() {
        notes.push(tf(
            "governance-unassigned",
            &[("roles", unassigned.join(", ").into())],
        ));
    }
    (rows, notes)
}

/// Services the reports people read list, highest priority first: a national catalogue of ten
/// thousand services would fill hundreds of pages; report.xlsx holds every one.
pub const SERVICES_SHOWN: usize = 100;

fn services_summary(services: &[ServiceView]) -> String {
    if services.is_empty() {
        return t("services-summary-none");
    }
    let count = |q: &str| services.iter().filter(|s| s.quadrant == q).count();
    let blocked = services.iter().filter(|s| !s.blocked_by.is_empty()).count();
    let first: Vec<&str> = services
        .iter()
        .filter(|s| s.quadrant == "A")
        .take(3)
        .map(|s| s.name.as_str())
        .collect();
    let mut text = tf(
        "services-summary",
        &[
            ("count", services.len().into()),
            ("a", count("A").into()),
            ("b", count("B").into()),
            ("c", count("C").into()),
            ("d", count("D").into()),
        ],
    );
    if !first.is_empty() {
        text.push(' ');
        text.push_str(&tf(
            "services-summary-first",
            &[("services", first.join(", ").into())],
        ));
    }
    if blocked > 0 {
        text.push(' ');
        text.push_str(&tf("services-summary-blocked", &[("count", blocked.into())]));
    }
    text
}

fn architecture(
    framework: &Framework,
    assessment: &Assessment,
    bbs: &[BbView],
    layers: &[LayerView],
    services: &[ServiceView],
) -> ArchitectureView {
    let level_of = |score: &ScoreView| score.level;

    // Channels: how the services inventory reaches people today.
    let mut channels = Vec::new();
    for (code, title) in [
        (DigitalLevel::EndToEnd, "channel-end-to-end"),
        (DigitalLevel::Transactional, "channel-transactional"),
        (DigitalLevel::Interactive, "channel-interactive"),
        (DigitalLevel::Informational, "channel-informational"),
        (DigitalLevel::Offline, "channel-offline"),
    ] {
        let count = assessment
            .services
            .iter()
            .filter(|s| s.digital_level == Some(code))
            .count();
        if count > 0 {
            channels.push(ArchitectureTile {
                title: t(title),
                level: None,
                detail: tf("channel-services", &[("count", count.into())]),
            });
        }
    }

    let services_band = services
        .iter()
        .take(ARCHITECTURE_SERVICES)
        .map(|s| ArchitectureTile {
            title: s.name.clone(),
            level: s.readiness_level,
            detail: if s.blocked_by.is_empty() {
                tf(
                    "architecture-service-priority",
                    &[("rank", s.rank.into()), ("quadrant", (&s.quadrant).into())],
                )
            } else {
                tf("architecture-service-blocked", &[("rank", s.rank.into())])
            },
        })
        .collect();

    let mut components = Vec::new();
    for (component, title) in [
        (DpiComponent::Identity, "component-identity"),
        (DpiComponent::Payments, "component-payments"),
        (DpiComponent::DataExchange, "component-data-exchange"),
        (DpiComponent::None, "component-shared"),
    ] {
        let building_blocks: Vec<ArchitectureBb> = framework
            .building_blocks
            .iter()
            .filter(|b| b.dpi_component == component)
            .filter_map(|b| bbs.iter().find(|v| v.id == b.id))
            .map(|v| {
                let mut systems: Vec<String> = v
                    .systems
                    .iter()
                    .take(SYSTEMS_PER_BB)
                    .map(|s| {
                        if s.status == "production" {
                            s.name.clone()
                        } else {
                            format!("{} ({})", s.name, s.status)
                        }
                    })
                    .collect();
                if v.systems.len() > SYSTEMS_PER_BB {
                    systems.push(tf(
                        "architecture-more-systems",
                        &[("count", (v.systems.len() - SYSTEMS_PER_BB).into())],
                    ));
                }
                ArchitectureBb {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    level: level_of(&v.score),
                    detail: match v.score.level {
                        Some(level) => tf(
                            "architecture-level-score",
                            &[("level", level.into()), ("score", (&v.score.display).into())],
                        ),
                        None => v.score.level_name.to_lowercase(),
                    },
                    systems,
                }
            })
            .collect();
        if !building_blocks.is_empty() {
            components.push(ComponentGroup {
                title: t(title),
                building_blocks,
            });
        }
    }

    // The infrastructure layer is the one whose id says so; a framework without one shows its
    // first layer there.
    let infrastructure_layer = layers
        .iter()
        .find(|l| l.id.contains("infra"))
        .or_else(|| layers.first());
    let tile = |title: &str, score: &ScoreView| ArchitectureTile {
        title: title.to_string(),
        level: score.level,
        detail: match score.level {
            Some(level) => tf(
                "architecture-level-score",
                &[("level", level.into()), ("score", (&score.display).into())],
            ),
            None => score.level_name.to_lowercase(),
        },
    };
    let infrastructure = infrastructure_layer
        .map(|l| l.dimensions.iter().map(|d| tile(&d.title, &d.score)).collect())
        .unwrap_or_default();
    let enablers = layers
        .iter()
        .filter(|l| Some(l.id.as_str()) != infrastructure_layer.map(|i| i.id.as_str()))
        .map(|l| tile(&l.title, &l.score))
        .collect();

    let weakest: Vec<String> = {
        let mut all: Vec<&ArchitectureBb> = components
            .iter()
            .flat_map(|c| c.building_blocks.iter())
            .filter(|b| b.level.is_some())
            .collect();
        all.sort_by_key(|b| b.level);
        all.iter()
            .take_while(|b| b.level <= Some(1))
            .map(|b| b.name.clone())
            .collect()
    };
    let without_systems: Vec<String> = components
        .iter()
        .flat_map(|c| c.building_blocks.iter())
        .filter(|b| b.systems.is_empty())
        .map(|b| b.name.clone())
        .collect();
    let mut summary = tf(
        "architecture-summary",
        &[
            ("services", assessment.services.len().into()),
            ("count", bbs.len().into()),
        ],
    );
    if !weakest.is_empty() {
        summary.push(' ');
        summary.push_str(&tf(
            "architecture-summary-weakest",
            &[("items", weakest.join(", ").into())],
        ));
    }
    if !without_systems.is_empty() {
        summary.push(' ');
        summary.push_str(&tf(
            "architecture-summary-without",
            &[("items", without_systems.join(", ").into())],
        ));
    }
    ArchitectureView {
        channels,
        services: services_band,
        components,
        infrastructure,
        enablers,
        infrastructure_title: infrastructure_layer
            .map(|l| l.title.clone())
            .unwrap_or_else(|| t("architecture-infrastructure")),
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::Calendar;

    #[test]
    fn the_roadmap_starts_the_month_after_the_assessment() {
        let calendar = Calendar::after("2024-06-30");
        assert_eq!(calendar.short(0), "Jul 2024");
        assert_eq!(calendar.short(6), "Jan 2025");
        assert_eq!(calendar.long(0), "July 2024");
        assert_eq!(calendar.span(0, 12), "Jul 2024 – Jun 2025");
        assert_eq!(calendar.span(3, 4), "Oct 2024");
        assert_eq!(Calendar::after("2025-12-01").short(0), "Jan 2026");
        assert_eq!(Calendar::after("not a date").short(0), "Jan 2000");
    }
}
