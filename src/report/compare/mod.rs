//! The comparison report: a [`Comparison`] → files people read (HTML, PDF, Markdown, XLSX, CSV)
//! and comparison.json; and the portfolio of every input for analysts (the long CSV [`tidy`] and
//! the SQLite database [`sqlite`], over [`portfolio`]).
//!
//! In: a [`Comparison`], turned once into a [`CompareView`] of display strings that the HTML and
//! Markdown templates, the PDF and the workbook read, and charts ([`charts`]); for the portfolio,
//! the comparison's inputs too (every date's results and roadmaps). Out: text or bytes;
//! the CLI writes them. Pure: no I/O, no clock.
//! Not here: the numbers (`compare`).

pub mod charts;
pub mod csv;
pub mod portfolio;
pub mod sqlite;
pub mod tidy;
pub mod xlsx;

use crate::messages::{t, tf};
use std::path::Path;

use serde::Serialize;
use tera::{Context, Kwargs, State};

use super::ChartImage;
use super::html::RenderError;
use crate::compare::progress::Change;
use crate::compare::{
    ChangeStatus, Comparison, CountryRow, InputRules, Irreconcilable, NodeKind, ProgressStep, Treatment,
    band_text,
};
use crate::model::RuleOverride;

/// Embedded HTML templates: Tera name (and file under `templates/`) and source.
pub const HTML_TEMPLATES: &[(&str, &str)] = &[
    (
        "compare.html.tera",
        include_str!("../../../templates/compare.html.tera"),
    ),
    (
        "partials/style.css.tera",
        include_str!("../../../templates/partials/style.css.tera"),
    ),
];

/// Embedded Markdown template.
pub const MD_TEMPLATES: &[(&str, &str)] = &[(
    "compare.md.tera",
    include_str!("../../../templates/compare.md.tera"),
)];

/// The comparison's charts as SVG.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareCharts {
    /// Pillar radar, one outline per country.
    pub radar: ChartImage,
    /// Countries × pillars heatmap.
    pub heatmap: ChartImage,
    /// Median rank with the 5–95 % band.
    pub ranks: ChartImage,
    /// One slope chart per country assessed at several dates.
    pub slopes: Vec<ChartImage>,
}

impl CompareCharts {
    /// The charts in the order the PDF numbers them: radar, heatmap, ranks, then the slopes.
    pub fn in_order(&self) -> Vec<&ChartImage> {
        [&self.radar, &self.heatmap, &self.ranks]
            .into_iter()
            .chain(&self.slopes)
            .collect()
    }
}

/// comparison.json: the comparison as is, pretty-printed, with a final newline.
pub fn json(c: &Comparison) -> String {
    let mut text = serde_json::to_string_pretty(c).unwrap_or_default();
    text.push('\n');
    text
}

/// Overlapping countries named at most per row of the rank table (the files list them all).
const MAX_OVERLAPS_LISTED: usize = 12;

/// A score for display.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreText {
    /// `63.4` or `no data`.
    pub display: String,
    /// Level 0..4.
    pub level: Option<u8>,
    /// `3 Established` or empty.
    pub level_text: String,
}

/// Display text of a score and level.
pub fn score_text(score: Option<f64>, level: Option<u8>) -> ScoreText {
    ScoreText {
        display: score
            .map(|s| format!("{s:.1}"))
            .unwrap_or_else(|| t("chart-no-data")),
        level,
        level_text: level
            .map(|l| {
                let name = match l {
                    0 => t("level-0"),
                    1 => t("level-1"),
                    2 => t("level-2"),
                    3 => t("level-3"),
                    4 => t("level-4"),
                    _ => String::new(),
                };
                format!("{l} {name}")
            })
            .unwrap_or_default(),
    }
}

/// A compared cell as shown: a provisional score keeps its number and says it has no level.
fn cell_text(cell: &crate::compare::Cell) -> ScoreText {
    let mut text = score_text(cell.score, cell.level);
    if cell.provisional {
        text.level_text = t("compare-provisional-cell");
    }
    text
}

/// A score with its level or provisional mark in brackets, in one text: `24.0 (provisional)`.
fn overall_with_level(cell: &crate::compare::Cell) -> String {
    let text = cell_text(cell);
    if text.level_text.is_empty() {
        text.display
    } else {
        format!("{} ({})", text.display, text.level_text)
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.1}")).unwrap_or_else(|| "–".to_string())
}

/// An input as listed in the report.
#[derive(Debug, Clone, Serialize)]
pub struct InputRow {
    /// File or folder.
    pub source: String,
    /// Country (ISO).
    pub country: String,
    /// Date.
    pub date: String,
    /// Framework version.
    pub version: String,
    /// Overall index.
    pub overall: String,
    /// `compared` or `earlier assessment`.
    pub role: String,
    /// The rules it was scored under and how the comparison treats them, in words.
    pub rules: String,
}

/// A matrix row.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow {
    /// Nominal rank.
    pub rank: String,
    /// Country (ISO).
    pub country: String,
    /// Date.
    pub date: String,
    /// Overall.
    pub overall: ScoreText,
    /// Cells.
    pub cells: Vec<ScoreText>,
    /// The mark of a country compared under its own rules (`--allow-mixed-rules`); empty
    /// otherwise.
    pub mark: String,
}

/// A layer of the deeper matrix: its dimensions, each followed by its indicators, with one cell
/// per country (in the order of the BB matrix's columns).
#[derive(Debug, Clone, Serialize)]
pub struct DeepGroup {
    /// Pillar title.
    pub title: String,
    /// How many of the rows are dimensions.
    pub dimensions: usize,
    /// Rows.
    pub rows: Vec<DeepRow>,
}

/// A dimension or indicator row of the deeper matrix.
#[derive(Debug, Clone, Serialize)]
pub struct DeepRow {
    /// `dimension` or `indicator`.
    pub kind: String,
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// One cell per country.
    pub cells: Vec<ScoreText>,
}

/// A country's data quality, in words and figures.
#[derive(Debug, Clone, Serialize)]
pub struct QualityRow {
    /// Country (ISO).
    pub country: String,
    /// Coverage of the overall index, as a percentage.
    pub coverage: String,
    /// Disputed indicators.
    pub disputed: usize,
    /// Unverified indicators.
    pub unverified: usize,
    /// Provisional nodes.
    pub provisional: usize,
}

/// A benchmark row.
#[derive(Debug, Clone, Serialize)]
pub struct BenchRow {
    /// Column title.
    pub title: String,
    /// Countries with a score.
    pub n: u32,
    /// Mean.
    pub mean: String,
    /// Median.
    pub median: String,
    /// Lowest – highest.
    pub range: String,
    /// Countries above the median.
    pub above: String,
    /// Countries below the median.
    pub below: String,
}

/// A rank row.
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    /// Nominal rank.
    pub nominal: String,
    /// Country (ISO).
    pub country: String,
    /// Overall.
    pub overall: String,
    /// Median rank.
    pub median: String,
    /// 5–95 % band.
    pub band: String,
    /// Countries whose band overlaps.
    pub overlaps: String,
}

/// A node change.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    /// Kind in words.
    pub kind: String,
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Level and score before.
    pub from: String,
    /// Level and score now.
    pub to: String,
    /// Score change.
    pub delta: String,
    /// Status in words.
    pub status: String,
}

/// A roadmap action.
#[derive(Debug, Clone, Serialize)]
pub struct ActionRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Item it raises.
    pub raises: String,
    /// `to level 3`.
    pub to_level: u8,
    /// Level now.
    pub level_now: String,
    /// `completed` or `not yet`.
    pub status: String,
}

/// A titled list of changes.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeGroup {
    /// Title.
    pub title: String,
    /// Rows.
    pub rows: Vec<ChangeRow>,
}

/// One progress step for display.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// `2024-06-12 → 2026-06-18`.
    pub heading: String,
    /// Overall change in words.
    pub overall: String,
    /// Counts in words.
    pub counts: String,
    /// Progress toward target in words.
    pub targets: String,
    /// Roadmap in words.
    pub roadmap: String,
    /// Pillars and the index.
    pub pillars: Vec<ChangeRow>,
    /// Improved indicators, regressed indicators, indicators newly or no longer answered, and
    /// Building Blocks (every one with a level at either date).
    pub groups: Vec<ChangeGroup>,
    /// Roadmap actions.
    pub actions: Vec<ActionRow>,
}

/// A country's progress for display.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    /// Country (ISO).
    pub country: String,
    /// Dates.
    pub dates: String,
    /// Steps.
    pub steps: Vec<StepView>,
}

/// An indicator not every input has.
#[derive(Debug, Clone, Serialize)]
pub struct NotSharedRow {
    /// Id.
    pub id: String,
    /// Inputs that have it.
    pub present_in: String,
}

/// A compared country's latest GTMI edition, beside it.
#[derive(Debug, Clone, Serialize)]
pub struct GtmiLatestRow {
    /// Country (ISO).
    pub country: String,
    /// The date of its assessment with this tool.
    pub assessed: String,
    /// Its overall index with this tool, with its level, or `provisional` when its coverage is
    /// below the floor (as in the matrix).
    pub overall: String,
    /// `B (2025)`, or why there is none.
    pub anchor: String,
    /// Whether it has GTMI data.
    pub has_data: bool,
    /// Its latest edition's scores (dashes without one).
    #[serde(flatten)]
    pub scores: GtmiScores,
}

/// The GTMI score and its four components as shown, 0–1 to four decimals.
#[derive(Debug, Clone, Serialize)]
pub struct GtmiScores {
    /// GTMI score, 0–1 to four decimals, or empty.
    pub score: String,
    /// Core government systems.
    pub cgsi: String,
    /// Public service delivery.
    pub psdi: String,
    /// Digital citizen engagement.
    pub dcei: String,
    /// GovTech enablers.
    pub gtei: String,
}

impl GtmiScores {
    fn of(e: &crate::compare::GtmiEdition) -> GtmiScores {
        GtmiScores {
            score: gtmi_score(e.gtmi),
            cgsi: gtmi_score(e.cgsi),
            psdi: gtmi_score(e.psdi),
            dcei: gtmi_score(e.dcei),
            gtei: gtmi_score(e.gtei),
        }
    }

    fn none() -> GtmiScores {
        let dash = || "–".to_string();
        GtmiScores {
            score: dash(),
            cgsi: dash(),
            psdi: dash(),
            dcei: dash(),
            gtei: dash(),
        }
    }

    /// In table order: the score, then CGSI, PSDI, DCEI, GTEI.
    pub fn in_order(&self) -> [&str; 5] {
        [&self.score, &self.cgsi, &self.psdi, &self.dcei, &self.gtei]
    }
}

/// One GTMI edition of one country.
#[derive(Debug, Clone, Serialize)]
pub struct GtmiEditionRow {
    /// Country (ISO).
    pub country: String,
    /// Edition.
    pub year: u16,
    /// The economy's name as published.
    pub economy: String,
    /// Group A–D.
    pub group: String,
    /// Its scores.
    #[serde(flatten)]
    pub scores: GtmiScores,
}

/// The external anchor section: shown when at least one compared country has GTMI.
#[derive(Debug, Clone, Serialize)]
pub struct GtmiView {
    /// What the section is.
    pub intro: String,
    /// Every compared country by name, its latest edition.
    pub latest: Vec<GtmiLatestRow>,
    /// Every edition of every country that has one, by name then year.
    pub editions: Vec<GtmiEditionRow>,
    /// The countries without GTMI, in words, or empty.
    pub missing: String,
    /// What GTMI measures and why it is related but different.
    pub caveat: String,
    /// The scale and the groups.
    pub scale: String,
    /// The attribution the licence asks for.
    pub attribution: String,
    /// Source and licence.
    pub source: String,
}

/// A GTMI score as shown: the published 0–1 scale, four decimals. The published score closest
/// to a group threshold is 0.0005 away (Gabon 2020, 0.2495), so every score shown this way stays
/// on its group's side (a test checks them all): Albania 2020 (0.7477, group B) never reads 0.75.
pub fn gtmi_score(v: f64) -> String {
    format!("{v:.4}")
}

fn gtmi_view(c: &Comparison) -> Option<GtmiView> {
    if c.countries.iter().all(|r| r.gtmi.is_empty()) {
        return None;
    }
    let mut countries: Vec<&CountryRow> = c.countries.iter().collect();
    countries.sort_by(|a, b| (&a.country, &a.iso3).cmp(&(&b.country, &b.iso3)));
    let latest = countries
        .iter()
        .map(|r| match r.gtmi.last() {
            Some(e) => GtmiLatestRow {
                country: who(&r.country, &r.iso3),
                assessed: r.date.clone(),
                overall: overall_with_level(&r.overall),
                anchor: tf(
                    "gtmi-group-year",
                    &[("group", (&e.group).into()), ("year", e.year.to_string().into())],
                ),
                has_data: true,
                scores: GtmiScores::of(e),
            },
            None => GtmiLatestRow {
                country: who(&r.country, &r.iso3),
                assessed: r.date.clone(),
                overall: overall_with_level(&r.overall),
                anchor: t(if crate::definitions::is_assigned_alpha3(&r.iso3) {
                    "gtmi-none-uncovered"
                } else {
                    "gtmi-none-fictional"
                }),
                has_data: false,
                scores: GtmiScores::none(),
            },
        })
        .collect();
    let editions = countries
        .iter()
        .flat_map(|r| {
            r.gtmi.iter().map(|e| GtmiEditionRow {
                country: who(&r.country, &r.iso3),
                year: e.year,
                economy: e.economy.clone(),
                group: e.group.clone(),
                scores: GtmiScores::of(e),
            })
        })
        .collect();
    let missing: Vec<String> = countries
        .iter()
        .filter(|r| r.gtmi.is_empty())
        .map(|r| who(&r.country, &r.iso3))
        .collect();
    let g = &c.gtmi;
    Some(GtmiView {
        intro: t("gtmi-intro"),
        latest,
        editions,
        missing: if missing.is_empty() {
            String::new()
        } else {
            tf("gtmi-missing", &[("countries", missing.join(", ").into())])
        },
        caveat: g.caveat.clone(),
        scale: g.scale.clone(),
        attribution: g.attribution.clone(),
        source: tf(
            "gtmi-source",
            &[
                ("source", (&g.source).into()),
                ("licence", (&g.licence).into()),
                ("url", (&g.licence_url).into()),
            ],
        ),
    })
}

/// What every comparison renderer reads.
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    /// Title.
    pub title: String,
    /// Framework in words.
    pub framework: String,
    /// Tool version.
    pub tool_version: String,
    /// Latest assessment date among the inputs (the document date).
    pub date: String,
    /// Countries compared, in words.
    pub scope: String,
    /// Method paragraphs.
    pub method: Vec<String>,
    /// Inputs.
    pub inputs: Vec<InputRow>,
    /// Pillar column titles.
    pub pillar_titles: Vec<String>,
    /// BB column titles.
    pub bb_titles: Vec<String>,
    /// Pillar matrix.
    pub pillar_matrix: Vec<MatrixRow>,
    /// BB matrix.
    pub bb_matrix: Vec<MatrixRow>,
    /// Benchmarks.
    pub benchmarks: Vec<BenchRow>,
    /// Ranks.
    pub ranks: Vec<RankRow>,
    /// Settings of the Monte Carlo in words.
    pub uncertainty: String,
    /// Overlap statements.
    pub statements: Vec<String>,
    /// Progress.
    pub progress: Vec<SeriesView>,
    /// Indicator scope in words.
    pub indicator_scope: String,
    /// Indicators not shared.
    pub not_shared: Vec<NotSharedRow>,
    /// What the mark on a row means, when a row is marked.
    pub rules_legend: Option<String>,
    /// The deeper matrix: dimensions and indicators by layer.
    pub deep: Vec<DeepGroup>,
    /// Coverage and data quality per country.
    pub quality: Vec<QualityRow>,
    /// The external anchor (GTMI), apart from the scores; none when no compared country has it.
    pub gtmi: Option<GtmiView>,
}

/// A matrix row: the country, its rank and overall score, and one cell per column.
fn matrix_row(r: &CountryRow, cells: &[crate::compare::Cell]) -> MatrixRow {
    MatrixRow {
        rank: r
            .nominal_rank
            .map(|n| n.to_string())
            .unwrap_or_else(|| "–".into()),
        country: who(&r.country, &r.iso3),
        date: r.date.clone(),
        overall: cell_text(&r.overall),
        cells: cells.iter().map(cell_text).collect(),
        mark: if r.rules == Treatment::OwnRules {
            t("compare-rules-mark")
        } else {
            String::new()
        },
    }
}

/// The deeper matrix by layer: each dimension row followed by its indicators' rows.
fn deep_groups(c: &Comparison) -> Vec<DeepGroup> {
    c.pillars
        .iter()
        .filter_map(|pillar| {
            let mut rows = Vec::new();
            for (d, dimension) in c.dimensions.iter().enumerate() {
                if dimension.parent != pillar.id {
                    continue;
                }
                rows.push(DeepRow {
                    kind: "dimension".into(),
                    id: dimension.id.clone(),
                    title: dimension.title.clone(),
                    cells: c.countries.iter().map(|r| cell_text(&r.dimensions[d])).collect(),
                });
                for (i, indicator) in c.indicator_columns.iter().enumerate() {
                    if indicator.parent == dimension.id {
                        rows.push(DeepRow {
                            kind: "indicator".into(),
                            id: indicator.id.clone(),
                            title: indicator.title.clone(),
                            cells: c.countries.iter().map(|r| cell_text(&r.indicators[i])).collect(),
                        });
                    }
                }
            }
            (!rows.is_empty()).then(|| DeepGroup {
                title: pillar.title.clone(),
                dimensions: rows.iter().filter(|r| r.kind == "dimension").count(),
                rows,
            })
        })
        .collect()
}

/// An input's rules in words: the framework's, its weights undone, or its own rules kept; and
/// its own targets, which no compared score uses.
fn rules_text(rules: &InputRules) -> String {
    let overrides: &[RuleOverride] = rules.overrides.as_deref().unwrap_or_default();
    let weights: Vec<String> = overrides
        .iter()
        .filter_map(|o| match o {
            RuleOverride::Weight {
                node,
                framework,
                assessment,
            } => Some(tf(
                "compare-rules-weight",
                &[
                    ("node", node.as_str().into()),
                    ("assessment", format_weight(*assessment).into()),
                    ("framework", format_weight(*framework).into()),
                ],
            )),
            _ => None,
        })
        .collect();
    let targets: Vec<String> = overrides
        .iter()
        .filter_map(|o| match o {
            RuleOverride::Target {
                node,
                framework,
                assessment,
            } => Some(tf(
                "compare-rules-target",
                &[
                    ("node", node.as_str().into()),
                    ("assessment", (*assessment as usize).into()),
                    ("framework", (*framework as usize).into()),
                ],
            )),
            _ => None,
        })
        .collect();
    let mut own: Vec<String> = weights.clone();
    own.extend(rules.irreconcilable.iter().map(irreconcilable_text));
    let mut parts = vec![match rules.treatment {
        Treatment::Framework => t("compare-rules-framework"),
        Treatment::WeightsUndone => tf(
            "compare-rules-weights-undone",
            &[("weights", weights.join("; ").into())],
        ),
        Treatment::OwnRules => tf(
            "compare-rules-own",
            &[
                ("mark", t("compare-rules-mark").into()),
                ("rules", own.join("; ").into()),
            ],
        ),
    }];
    if !targets.is_empty() {
        parts.push(tf(
            "compare-rules-targets",
            &[("targets", targets.join("; ").into())],
        ));
    }
    parts.join(" ")
}

fn irreconcilable_text(what: &Irreconcilable) -> String {
    match what {
        Irreconcilable::NotRecorded => t("compare-rules-not-recorded"),
        Irreconcilable::EvidencePolicy {
            assessment,
            framework,
        } => tf(
            "compare-rules-evidence-policy",
            &[
                ("assessment", assessment.as_str().into()),
                ("framework", framework.as_str().into()),
            ],
        ),
        Irreconcilable::Consolidation {
            assessment,
            framework,
        } => tf(
            "compare-rules-consolidation",
            &[
                ("assessment", assessment.as_str().into()),
                ("framework", framework.as_str().into()),
            ],
        ),
        Irreconcilable::Questionnaires {
            assessment,
            reference,
        } => tf(
            "compare-rules-questionnaires",
            &[
                ("assessment", assessment.join(", ").into()),
                ("reference", reference.join(", ").into()),
            ],
        ),
        Irreconcilable::FrameworkRule { rule } => {
            tf("compare-rules-framework-rule", &[("rule", rule.as_str().into())])
        }
    }
}

/// A weight as written in assessment.yaml: `5`, `0.1`.
fn format_weight(weight: f64) -> String {
    crate::ingest::table::format_number(weight)
}

fn who(country: &str, iso3: &str) -> String {
    format!("{country} ({iso3})")
}

fn level_score(level: Option<u8>, score: Option<f64>) -> String {
    match (level, score) {
        (Some(l), Some(s)) => format!("{l} ({s:.1})"),
        _ => t("chart-no-data"),
    }
}

fn change_row(c: &Change) -> ChangeRow {
    ChangeRow {
        kind: match c.kind {
            NodeKind::Overall => "index",
            NodeKind::Pillar => "pillar",
            NodeKind::Dimension => "dimension",
            NodeKind::Indicator => "indicator",
            NodeKind::BuildingBlock => "Building Block",
        }
        .to_string(),
        id: c.id.clone(),
        title: c.title.clone(),
        from: level_score(c.from_level, c.from_score),
        to: level_score(c.to_level, c.to_score),
        delta: c
            .delta
            .map(|d| format!("{d:+.1}"))
            .unwrap_or_else(|| "–".to_string()),
        status: c.status.words(),
    }
}

fn step_view(step: &ProgressStep) -> StepView {
    let rows = |kind: NodeKind, statuses: &[ChangeStatus]| -> Vec<ChangeRow> {
        step.changes
            .iter()
            .filter(|c| c.kind == kind && statuses.contains(&c.status))
            .map(change_row)
            .collect()
    };
    let all = [
        ChangeStatus::Improved,
        ChangeStatus::Regressed,
        ChangeStatus::Unchanged,
        ChangeStatus::NewlyAnswered,
        ChangeStatus::NoLongerAnswered,
    ];
    let overall = step.changes.iter().find(|c| c.kind == NodeKind::Overall);
    let i = &step.indicators;
    let b = &step.building_blocks;
    let targets = &step.targets;
    let mut pillars = rows(NodeKind::Overall, &all);
    pillars.extend(rows(NodeKind::Pillar, &all));
    StepView {
        heading: format!("{} → {}", step.from_date, step.to_date),
        overall: match overall {
            Some(o) => tf(
                "compare-step-overall",
                &[
                    ("from", number(o.from_score).into()),
                    ("to", number(o.to_score).into()),
                    (
                        "delta",
                        o.delta
                            .map(|d| tf("compare-points", &[("delta", format!("{d:+.1}").into())]))
                            .unwrap_or_else(|| t("compare-no-change"))
                            .into(),
                    ),
                    ("status", o.status.words().into()),
                ],
            ),
            None => t("compare-step-no-overall"),
        },
        counts: tf(
            "compare-step-counts",
            &[
                ("i_improved", i.improved.into()),
                ("i_regressed", i.regressed.into()),
                ("i_unchanged", i.unchanged.into()),
                ("i_new", i.newly_answered.into()),
                ("i_gone", i.no_longer_answered.into()),
                ("b_improved", b.improved.into()),
                ("b_regressed", b.regressed.into()),
                ("b_unchanged", b.unchanged.into()),
                ("b_new", b.newly_answered.into()),
                ("b_gone", b.no_longer_answered.into()),
            ],
        ),
        targets: match targets.share_closed {
            Some(share) => tf(
                "compare-step-targets",
                &[
                    ("date", (&step.from_date).into()),
                    ("items", targets.items.into()),
                    ("baseline", targets.baseline_gap.into()),
                    ("remaining", targets.remaining_gap.into()),
                    ("share", format!("{:.0}", share * 100.0).into()),
                    ("reached", targets.reached.into()),
                ],
            ),
            None => tf("compare-step-no-targets", &[]),
        },
        roadmap: match &step.roadmap {
            Some(r) => tf(
                "compare-step-roadmap",
                &[
                    ("date", (&step.from_date).into()),
                    ("completed", r.completed.into()),
                    ("planned", r.planned.into()),
                ],
            ),
            None => tf("compare-step-no-roadmap", &[]),
        },
        pillars,
        groups: vec![
            ChangeGroup {
                title: tf("compare-improved", &[]),
                rows: rows(NodeKind::Indicator, &[ChangeStatus::Improved]),
            },
            ChangeGroup {
                title: tf("compare-regressed", &[]),
                rows: rows(NodeKind::Indicator, &[ChangeStatus::Regressed]),
            },
            ChangeGroup {
                title: tf("compare-newly-answered", &[]),
                rows: rows(
                    NodeKind::Indicator,
                    &[ChangeStatus::NewlyAnswered, ChangeStatus::NoLongerAnswered],
                ),
            },
            ChangeGroup {
                title: tf("bb-section-title", &[]),
                rows: rows(NodeKind::BuildingBlock, &all),
            },
        ],
        actions: step
            .roadmap
            .iter()
            .flat_map(|r| &r.actions)
            .map(|a| ActionRow {
                id: a.id.clone(),
                title: a.title.clone(),
                raises: a.raises.clone(),
                to_level: a.to_level,
                level_now: a
                    .level_now
                    .map(|l| l.to_string())
                    .unwrap_or_else(|| tf("chart-no-data", &[])),
                status: tf(
                    if a.completed {
                        "compare-action-completed"
                    } else {
                        "compare-action-not-yet"
                    },
                    &[],
                ),
            })
            .collect(),
    }
}

/// The method in words (HTML, Markdown and PDF say the same).
pub fn method(c: &Comparison) -> Vec<String> {
    let u = &c.uncertainty;
    vec![
        t("compare-method-scores"),
        t("compare-method-benchmarks"),
        tf(
            "compare-method-ranks",
            &[
                ("draws", u.draws.into()),
                ("weights", u.weights_perturbed.into()),
                ("low", format!("{:.2}", 1.0 - u.noise).into()),
                ("high", format!("{:.2}", 1.0 + u.noise).into()),
                ("noise", format!("{:.0}", u.noise * 100.0).into()),
                ("generator", (&u.generator).into()),
                ("seed", u.seed.to_string().into()),
            ],
        ),
        t("compare-method-band"),
        t("compare-method-progress"),
    ]
}

/// Builds the view.
pub fn view(c: &Comparison) -> CompareView {
    let date = c.inputs.iter().map(|i| i.date.clone()).max().unwrap_or_default();
    let names: Vec<String> = c.countries.iter().map(|r| r.country.clone()).collect();
    let title = match (c.countries.len(), c.progress.is_empty()) {
        (1, false) => tf(
            "compare-title-progress",
            &[("country", (&c.countries[0].country).into())],
        ),
        (_, true) => t("compare-title"),
        _ => t("compare-title-both"),
    };
    let u = &c.uncertainty;
    CompareView {
        title,
        framework: format!(
            "{} ({} {})",
            c.framework.title,
            c.framework.id,
            c.framework.versions.join(", ")
        ),
        tool_version: c.tool.version.clone(),
        date,
        scope: tf(
            "compare-scope",
            &[
                ("count", c.countries.len().into()),
                ("countries", names.join(", ").into()),
                ("inputs", c.inputs.len().into()),
            ],
        ),
        method: method(c),
        inputs: c
            .inputs
            .iter()
            .map(|i| InputRow {
                source: i.source.clone(),
                country: who(&i.country, &i.iso3),
                date: i.date.clone(),
                version: i.framework_version.clone(),
                overall: number(i.overall),
                role: t(if i.latest {
                    "compare-role-compared"
                } else {
                    "compare-role-earlier"
                }),
                rules: rules_text(&i.rules),
            })
            .collect(),
        pillar_titles: c.pillars.iter().map(|p| p.title.clone()).collect(),
        bb_titles: c.building_blocks.iter().map(|b| b.title.clone()).collect(),
        pillar_matrix: c.countries.iter().map(|r| matrix_row(r, &r.pillars)).collect(),
        bb_matrix: c
            .countries
            .iter()
            .map(|r| matrix_row(r, &r.building_blocks))
            .collect(),
        benchmarks: c
            .benchmarks
            .iter()
            .map(|b| {
                let list = |side: &str| {
                    let v: Vec<&str> = b
                        .positions
                        .iter()
                        .filter(|p| p.versus_median == side)
                        .map(|p| p.iso3.as_str())
                        .collect();
                    if v.is_empty() {
                        "–".to_string()
                    } else {
                        v.join(", ")
                    }
                };
                BenchRow {
                    title: b.title.clone(),
                    n: b.n,
                    mean: number(b.mean),
                    median: number(b.median),
                    range: match (b.min, b.max) {
                        (Some(lo), Some(hi)) => format!("{lo:.1}–{hi:.1}"),
                        _ => "–".to_string(),
                    },
                    above: list("above"),
                    below: list("below"),
                }
            })
            .collect(),
        ranks: c
            .countries
            .iter()
            .map(|r| RankRow {
                nominal: match r.nominal_rank {
                    Some(n) => n.to_string(),
                    None if r.overall.provisional => t("compare-not-ranked-provisional"),
                    None => t("compare-not-ranked"),
                },
                country: who(&r.country, &r.iso3),
                overall: number(r.overall.score),
                median: r
                    .rank
                    .as_ref()
                    .map(|s| s.median.to_string())
                    .unwrap_or_else(|| "–".into()),
                band: r.rank.as_ref().map(band_text).unwrap_or_else(|| "–".into()),
                overlaps: match r.overlaps_with.len() {
                    0 => t("compare-none-cell"),
                    n if n > MAX_OVERLAPS_LISTED => tf(
                        "compare-overlaps-many",
                        &[
                            ("count", n.into()),
                            (
                                "countries",
                                r.overlaps_with[..MAX_OVERLAPS_LISTED].join(", ").into(),
                            ),
                        ],
                    ),
                    _ => r.overlaps_with.join(", "),
                },
            })
            .collect(),
        uncertainty: tf(
            "compare-uncertainty",
            &[
                ("draws", u.draws.into()),
                ("noise", format!("{:.0}", u.noise * 100.0).into()),
                ("seed", u.seed.to_string().into()),
            ],
        ),
        statements: u.statements.clone(),
        progress: c
            .progress
            .iter()
            .map(|s| SeriesView {
                country: who(&s.country, &s.iso3),
                dates: s.dates.join(", "),
                steps: s.steps.iter().map(step_view).collect(),
            })
            .collect(),
        indicator_scope: if c.indicators.not_shared.is_empty() {
            tf(
                "compare-same-indicators",
                &[("count", c.indicators.shared.into())],
            )
        } else {
            tf(
                "compare-indicators-differ",
                &[
                    ("versions", c.framework.versions.join(", ").into()),
                    ("shared", c.indicators.shared.into()),
                    ("left_out", c.indicators.not_shared.len().into()),
                ],
            )
        },
        not_shared: c
            .indicators
            .not_shared
            .iter()
            .map(|n| NotSharedRow {
                id: n.id.clone(),
                present_in: n.present_in.join(", "),
            })
            .collect(),
        deep: deep_groups(c),
        quality: c
            .countries
            .iter()
            .map(|r| QualityRow {
                country: who(&r.country, &r.iso3),
                coverage: format!("{:.0} %", r.quality.coverage * 100.0),
                disputed: r.quality.disputed,
                unverified: r.quality.unverified,
                provisional: r.quality.provisional,
            })
            .collect(),
        rules_legend: c
            .countries
            .iter()
            .any(|r| r.rules == Treatment::OwnRules)
            .then(|| {
                tf(
                    "compare-rules-legend",
                    &[("mark", t("compare-rules-mark").into())],
                )
            }),
        gtmi: gtmi_view(c),
    }
}

fn context(c: &Comparison, charts: &CompareCharts) -> Result<Context, RenderError> {
    let mut context = Context::from_serialize(&view(c)).map_err(|e| RenderError::Context(e.to_string()))?;
    let chart = |c: &ChartImage| serde_json::json!({"title": c.title, "alt": c.alt, "svg": c.svg});
    context.insert(
        "charts",
        &serde_json::json!({
            "radar": chart(&charts.radar),
            "heatmap": chart(&charts.heatmap),
            "ranks": chart(&charts.ranks),
            "slopes": charts.slopes.iter().map(chart).collect::<Vec<_>>(),
        }),
    );
    Ok(context)
}

/// comparison.html: self-contained, charts inline as SVG. `overrides` is a folder whose
/// `compare.html.tera` replaces the embedded one.
pub fn html(c: &Comparison, charts: &CompareCharts, overrides: Option<&Path>) -> Result<String, RenderError> {
    let context = context(c, charts)?;
    super::html::render_with(HTML_TEMPLATES, "compare.html.tera", overrides, context, |_| {})
}

/// comparison.md. `overrides` is a folder whose `compare.md.tera` replaces the embedded one.
pub fn markdown(
    c: &Comparison,
    charts: &CompareCharts,
    overrides: Option<&Path>,
) -> Result<String, RenderError> {
    let context = context(c, charts)?;
    super::html::render_with(MD_TEMPLATES, "compare.md.tera", overrides, context, |tera| {
        tera.register_filter("md", |s: &str, _: Kwargs, _: &State| super::markdown::escape(s));
    })
}

#[cfg(test)]
mod tests {
    use super::gtmi_score;
    use crate::definitions::gtmi;

    #[test]
    fn every_gtmi_score_shown_stays_in_its_published_group() {
        for r in gtmi::rows() {
            let shown: f64 = gtmi_score(r.gtmi).parse().unwrap();
            assert_eq!(
                gtmi::group_for(shown),
                r.group,
                "{} {}: {}",
                r.iso3,
                r.year,
                r.gtmi
            );
        }
        assert_eq!(gtmi_score(0.7477318202690911), "0.7477");
    }
}
