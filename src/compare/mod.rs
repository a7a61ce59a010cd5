//! Compare: several [`Results`] (countries, or one country over time) → one [`Comparison`].
//!
//! In: the results of each input (a results.json, or a workspace scored by the CLI), the roadmap
//! planned from each workspace input, and the Monte Carlo settings. Out: the comparison matrix
//! (overall, pillars, Building Blocks), peer benchmarks, rank uncertainty (median rank and 5–95 %
//! band under weight noise), progress of every country assessed at several dates, and the
//! indicators not shared by every input. Pure: no I/O, no clock; the same inputs and seed give
//! the same comparison.
//! Not here: reading files (`cli::compare`), words, charts and files (`report::compare`).
//!
//! Rules, where the issue leaves room:
//! - Inputs must share the framework id and major version; the first input is the reference and
//!   the first one that differs is named with it in the error. Minor versions may differ: the
//!   countries are then compared on the indicators every input has (their overall and pillar
//!   scores are recomputed without the others), and the others are listed. Building Block scores
//!   are kept as scored (criterion C3 may still reflect a left-out linked indicator): the results
//!   file does not carry enough to recompute C3.
//! - The latest assessment of each country (by date) is the one compared with the other
//!   countries; a country assessed at several dates also gets a progress series, each assessment
//!   against the one before. Two inputs of one country on one date are refused.
//! - The order of the countries is their nominal rank (ties by ISO code).

pub mod anchors;
pub mod matrix;
pub mod progress;
pub mod rules;
pub mod tree;
pub mod uncertainty;

use crate::messages::{t, tf};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

pub use self::anchors::{GtmiEdition, GtmiSource};
pub use self::matrix::{Benchmark, Cell, Position};
pub use self::progress::{ChangeStatus, NodeKind, ProgressStep};
pub use self::rules::{InputRules, Irreconcilable, Treatment};
use self::tree::{FactorIndex, Tree};
pub use self::uncertainty::{RankStats, Settings};
use crate::model::{Results, Roadmap, Tool};
use crate::score::{TOOL_VERSION, band_level};

/// Version of the comparison.json layout.
pub const COMPARISON_SCHEMA_VERSION: &str = "1.1.0";
/// Default number of Monte Carlo draws.
pub const DEFAULT_DRAWS: u32 = 1000;
/// Default relative weight noise (±25 %).
pub const DEFAULT_NOISE: f64 = 0.25;
/// Default seed.
pub const DEFAULT_SEED: u64 = 20_240_601;
/// Most draws accepted.
pub const MAX_DRAWS: u32 = 1_000_000;

/// One input.
#[derive(Debug, Clone)]
pub struct CompareInput {
    /// The file or folder it came from, as given (for messages and the report).
    pub source: String,
    /// Its results.
    pub results: Results,
    /// The roadmap planned from it, when it was a workspace.
    pub roadmap: Option<Roadmap>,
}

/// Why no comparison could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareError {
    /// Nothing to compare.
    NoInputs,
    /// Two inputs use frameworks that cannot be compared.
    IncompatibleFramework {
        /// The reference input.
        first: String,
        /// Its framework, `id version`.
        first_framework: String,
        /// The input that differs.
        other: String,
        /// Its framework.
        other_framework: String,
        /// `different framework`, `different major version` or `version is not MAJOR.MINOR.PATCH`.
        reason: String,
    },
    /// Two inputs assess one country on one date.
    SameDate {
        /// ISO code.
        iso3: String,
        /// Date.
        date: String,
        /// The first input.
        first: String,
        /// The second.
        other: String,
    },
    /// Draws or noise out of range.
    Settings(String),
    /// Some inputs were scored under rules a results.json cannot undo (see `rules`), and mixed
    /// rules were not allowed.
    MixedRules {
        /// Each such input's source and what differs, in input order.
        inputs: Vec<(String, Vec<Irreconcilable>)>,
    },
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::NoInputs => write!(f, "nothing to compare: no input was given"),
            CompareError::IncompatibleFramework {
                first,
                first_framework,
                other,
                other_framework,
                reason,
            } => write!(
                f,
                "cannot compare: {first} uses framework {first_framework} but {other} uses {other_framework} ({reason})"
            ),
            CompareError::SameDate {
                iso3,
                date,
                first,
                other,
            } => write!(f, "{first} and {other} both assess {iso3} on {date}"),
            CompareError::Settings(message) => f.write_str(message),
            CompareError::MixedRules { inputs } => {
                write!(
                    f,
                    "cannot put every input under the same rules: {}",
                    inputs
                        .iter()
                        .map(|(source, what)| format!(
                            "{source} has {}",
                            what.iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("; ")
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }
        }
    }
}

impl std::error::Error for CompareError {}

/// An input as the comparison lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct InputInfo {
    /// File or folder.
    pub source: String,
    /// Country.
    pub country: String,
    /// ISO code.
    pub iso3: String,
    /// Assessment date.
    pub date: String,
    /// Framework version.
    pub framework_version: String,
    /// Overall index as scored.
    pub overall: Option<f64>,
    /// Whether it is the country's latest assessment (compared with the other countries).
    pub latest: bool,
    /// The rules it was scored under and how the comparison treats them.
    pub rules: InputRules,
}

/// A pillar or BB column of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Column {
    /// Id.
    pub id: String,
    /// Title or name.
    pub title: String,
}

/// A dimension or indicator row of the deeper matrix: the node and the one it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct NodeColumn {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Its pillar (for a dimension) or dimension (for an indicator).
    pub parent: String,
}

/// How far a country's latest assessment can be relied on: its coverage and the indicators the
/// data leaves open, as scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct DataQuality {
    /// Coverage of the overall index, 0..1.
    pub coverage: f64,
    /// Indicators whose respondents disagree by the dispute spread or more.
    pub disputed: usize,
    /// Indicators at level 3 or 4 without supporting evidence.
    pub unverified: usize,
    /// Nodes whose coverage is below the framework's floor (provisional).
    pub provisional: usize,
}

/// A compared country: its latest assessment's scores and ranks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct CountryRow {
    /// ISO code.
    pub iso3: String,
    /// Country.
    pub country: String,
    /// Date of the assessment compared.
    pub date: String,
    /// Its input.
    pub source: String,
    /// Framework version.
    pub framework_version: String,
    /// Overall index (on the shared indicators).
    pub overall: Cell,
    /// One cell per pillar column.
    pub pillars: Vec<Cell>,
    /// One cell per BB column.
    pub building_blocks: Vec<Cell>,
    /// Rank by the overall index with the framework's weights.
    pub nominal_rank: Option<u32>,
    /// Rank under weight uncertainty.
    pub rank: Option<RankStats>,
    /// Countries whose rank band overlaps this one's.
    pub overlaps_with: Vec<String>,
    /// How its rules were treated: as scored, weights undone, or its own rules kept (marked).
    pub rules: Treatment,
    /// One cell per dimension column (recomputed as the pillars are, when weights are undone).
    pub dimensions: Vec<Cell>,
    /// One cell per indicator column: the indicator's score and level as scored.
    pub indicators: Vec<Cell>,
    /// Coverage and the indicators the data leaves open.
    pub quality: DataQuality,
    /// External anchor, apart from the scores above: the World Bank's GTMI editions of this
    /// country, ascending by year; none unless its code is an assigned ISO 3166-1 code GTMI covers.
    pub gtmi: Vec<GtmiEdition>,
}

/// The Monte Carlo: settings, method and what it shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Uncertainty {
    /// Draws.
    pub draws: u32,
    /// Relative noise.
    pub noise: f64,
    /// Seed.
    pub seed: u64,
    /// Generator.
    pub generator: String,
    /// Percentile method.
    pub percentiles: String,
    /// Weights perturbed per draw.
    pub weights_perturbed: u32,
    /// Sentences on neighbouring countries' bands: which overlap, which do not.
    pub statements: Vec<String>,
}

/// A country assessed at several dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct ProgressSeries {
    /// ISO code.
    pub iso3: String,
    /// Country.
    pub country: String,
    /// Dates, ascending.
    pub dates: Vec<String>,
    /// Overall index at each date.
    pub overall: Vec<Option<f64>>,
    /// Per pillar column, its score at each date.
    pub pillars: Vec<Vec<Option<f64>>>,
    /// Each assessment against the one before.
    pub steps: Vec<ProgressStep>,
}

/// An indicator some inputs lack.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct NotShared {
    /// Indicator id.
    pub id: String,
    /// The inputs that have it.
    pub present_in: Vec<String>,
}

/// Which indicators the comparison is on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct IndicatorScope {
    /// Indicators every input has.
    pub shared: u32,
    /// Whether scores were recomputed on the shared indicators (minor versions differ in their
    /// indicators).
    pub recomputed: bool,
    /// The others.
    pub not_shared: Vec<NotShared>,
}

/// The framework compared on.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct FrameworkInfo {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Every version among the inputs, ascending.
    pub versions: Vec<String>,
}

/// Everything the comparison found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct Comparison {
    /// Version of this layout.
    pub schema_version: String,
    /// The tool.
    pub tool: Tool,
    /// The framework.
    pub framework: FrameworkInfo,
    /// Every input, in the order given.
    pub inputs: Vec<InputInfo>,
    /// Pillar columns.
    pub pillars: Vec<Column>,
    /// BB columns.
    pub building_blocks: Vec<Column>,
    /// Dimension rows of the deeper matrix, in framework order.
    pub dimensions: Vec<NodeColumn>,
    /// Indicator rows of the deeper matrix, in framework order.
    pub indicator_columns: Vec<NodeColumn>,
    /// The compared countries, by nominal rank.
    pub countries: Vec<CountryRow>,
    /// Peer benchmarks: overall, then pillars, then BBs.
    pub benchmarks: Vec<Benchmark>,
    /// The Monte Carlo.
    pub uncertainty: Uncertainty,
    /// Countries assessed at several dates.
    pub progress: Vec<ProgressSeries>,
    /// Indicators compared on.
    pub indicators: IndicatorScope,
    /// What the countries' GTMI anchors are: source, licence, attribution and caveat.
    pub gtmi: GtmiSource,
}

fn framework_label(r: &Results) -> String {
    format!("{} {}", r.framework.id, r.framework.version)
}

fn major(version: &str) -> Option<u64> {
    let parts: Vec<&str> = version.trim().split('.').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    parts[0].parse().ok()
}

/// Checks that every input can be compared with the first.
pub fn check_compatible(inputs: &[CompareInput]) -> Result<(), CompareError> {
    let Some(first) = inputs.first() else {
        return Err(CompareError::NoInputs);
    };
    let refuse = |other: &CompareInput, reason: &str| CompareError::IncompatibleFramework {
        first: first.source.clone(),
        first_framework: framework_label(&first.results),
        other: other.source.clone(),
        other_framework: framework_label(&other.results),
        reason: reason.to_string(),
    };
    let first_major = major(&first.results.framework.version)
        .ok_or_else(|| refuse(first, "version is not MAJOR.MINOR.PATCH"))?;
    for other in &inputs[1..] {
        if other.results.framework.id != first.results.framework.id {
            return Err(refuse(other, "different framework"));
        }
        match major(&other.results.framework.version) {
            None => return Err(refuse(other, "version is not MAJOR.MINOR.PATCH")),
            Some(m) if m != first_major => return Err(refuse(other, "different major version")),
            Some(_) => {}
        }
    }
    Ok(())
}

fn indicator_ids(r: &Results) -> BTreeSet<String> {
    r.pillars
        .iter()
        .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
        .map(|i| i.id.clone())
        .collect()
}

/// Compares the inputs under the framework's rules (see `rules`): weight overrides are undone,
/// and what a results.json cannot undo refuses the comparison.
pub fn compare(inputs: &[CompareInput], settings: Settings) -> Result<Comparison, CompareError> {
    compare_under(inputs, settings, false)
}

/// Compares the inputs; with `allow_mixed_rules`, every input as scored under its own rules,
/// the rows of those whose rules are not the framework's marked.
pub fn compare_under(
    inputs: &[CompareInput],
    settings: Settings,
    allow_mixed_rules: bool,
) -> Result<Comparison, CompareError> {
    if settings.draws == 0 || settings.draws > MAX_DRAWS {
        return Err(CompareError::Settings(format!(
            "the number of draws must be between 1 and {MAX_DRAWS}, not {}",
            settings.draws
        )));
    }
    if !(settings.noise.is_finite() && (0.0..1.0).contains(&settings.noise)) {
        return Err(CompareError::Settings(format!(
            "the weight noise must be at least 0 and below 1 (0.25 means ±25 %), not {}",
            settings.noise
        )));
    }
    check_compatible(inputs)?;
    let all_results: Vec<&Results> = inputs.iter().map(|i| &i.results).collect();
    let input_rules =
        rules::check(&all_results, allow_mixed_rules).map_err(|found| CompareError::MixedRules {
            inputs: inputs
                .iter()
                .zip(found)
                .filter(|(_, what)| !what.is_empty())
                .map(|(input, what)| (input.source.clone(), what))
                .collect(),
        })?;

    // Countries and their assessments by date.
    let mut by_country: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, input) in inputs.iter().enumerate() {
        by_country
            .entry(&input.results.assessment.iso3)
            .or_default()
            .push(i);
    }
    for list in by_country.values_mut() {
        list.sort_by(|&a, &b| {
            (&inputs[a].results.assessment.date, &inputs[a].source)
                .cmp(&(&inputs[b].results.assessment.date, &inputs[b].source))
        });
        for pair in list.windows(2) {
            let (a, b) = (&inputs[pair[0]], &inputs[pair[1]]);
            if a.results.assessment.date == b.results.assessment.date {
                return Err(CompareError::SameDate {
                    iso3: a.results.assessment.iso3.clone(),
                    date: a.results.assessment.date.clone(),
                    first: a.source.clone(),
                    other: b.source.clone(),
                });
            }
        }
    }
    let latest: Vec<usize> = by_country.values().filter_map(|l| l.last().copied()).collect();

    // Indicators shared by every input.
    let sets: Vec<BTreeSet<String>> = inputs.iter().map(|i| indicator_ids(&i.results)).collect();
    let union: BTreeSet<String> = sets.iter().flatten().cloned().collect();
    let shared: BTreeSet<String> = union
        .iter()
        .filter(|id| sets.iter().all(|s| s.contains(*id)))
        .cloned()
        .collect();
    let recomputed = shared.len() != union.len();
    let not_shared = union
        .iter()
        .filter(|id| !shared.contains(*id))
        .map(|id| NotShared {
            id: id.clone(),
            present_in: inputs
                .iter()
                .zip(&sets)
                .filter(|(_, s)| s.contains(id))
                .map(|(i, _)| i.source.clone())
                .collect(),
        })
        .collect();

    // Columns: pillars and BBs (and the deeper rows: dimensions, indicators) in order of first
    // appearance.
    let mut pillars: Vec<Column> = Vec::new();
    let mut building_blocks: Vec<Column> = Vec::new();
    let mut dimensions: Vec<NodeColumn> = Vec::new();
    let mut indicator_columns: Vec<NodeColumn> = Vec::new();
    for &i in &latest {
        for p in &inputs[i].results.pillars {
            for d in &p.dimensions {
                if !dimensions.iter().any(|c| c.id == d.id) {
                    dimensions.push(NodeColumn {
                        id: d.id.clone(),
                        title: d.title.clone(),
                        parent: p.id.clone(),
                    });
                }
                for indicator in &d.indicators {
                    if !indicator_columns.iter().any(|c| c.id == indicator.id) {
                        indicator_columns.push(NodeColumn {
                            id: indicator.id.clone(),
                            title: indicator.title.clone(),
                            parent: d.id.clone(),
                        });
                    }
                }
            }
            if !pillars.iter().any(|c| c.id == p.id) {
                pillars.push(Column {
                    id: p.id.clone(),
                    title: p.title.clone(),
                });
            }
            for b in &p.building_blocks {
                if !building_blocks.iter().any(|c| c.id == b.id) {
                    building_blocks.push(Column {
                        id: b.id.clone(),
                        title: b.name.clone(),
                    });
                }
            }
        }
    }

    // Trees and nominal scores.
    let mut index = FactorIndex::default();
    let keep = recomputed.then_some(&shared);
    let trees: Vec<Tree> = latest
        .iter()
        .map(|&i| {
            let weights = rules::framework_weights(&input_rules[i]);
            Tree::build(&inputs[i].results, keep, &weights, &mut index)
        })
        .collect();
    let ones = vec![1.0; index.len().max(1)];
    let mut rows: Vec<CountryRow> = latest
        .iter()
        .zip(&trees)
        .map(|(&i, tree)| {
            let r = &inputs[i].results;
            let bands = &r.rules.bands;
            let cell = |score: Option<f64>, provisional: bool| Cell {
                score,
                level: if provisional {
                    None
                } else {
                    score.map(|s| band_level(s, bands))
                },
                provisional,
            };
            // The tree with unit factors: the scored values bit for bit (see `tree`), or the
            // values on the shared indicators when minor versions differ. Ranks, draws and the
            // matrix all read the same numbers.
            let overall = cell(tree.overall(&ones), r.overall.provisional);
            let pillar_scores: Vec<(String, Option<f64>)> = r
                .pillars
                .iter()
                .map(|p| p.id.clone())
                .zip(tree.pillars(&ones))
                .collect();
            let bbs: Vec<&crate::model::BbResult> =
                r.pillars.iter().flat_map(|p| &p.building_blocks).collect();
            CountryRow {
                iso3: r.assessment.iso3.clone(),
                country: r.assessment.country.clone(),
                date: r.assessment.date.clone(),
                source: inputs[i].source.clone(),
                framework_version: r.framework.version.clone(),
                overall,
                pillars: pillars
                    .iter()
                    .map(|c| {
                        cell(
                            pillar_scores
                                .iter()
                                .find(|(id, _)| *id == c.id)
                                .and_then(|(_, s)| *s),
                            r.pillars.iter().any(|p| p.id == c.id && p.node.provisional),
                        )
                    })
                    .collect(),
                building_blocks: building_blocks
                    .iter()
                    .map(|c| {
                        let bb = bbs.iter().find(|b| b.id == c.id);
                        cell(
                            bb.and_then(|b| b.node.score),
                            bb.is_some_and(|b| b.node.provisional),
                        )
                    })
                    .collect(),
                nominal_rank: None,
                rank: None,
                overlaps_with: Vec::new(),
                rules: input_rules[i].treatment,
                dimensions: {
                    let scores = tree.dimensions(&ones);
                    dimensions
                        .iter()
                        .map(|c| {
                            let score = scores.iter().find(|(id, _)| *id == c.id).and_then(|(_, s)| *s);
                            let provisional = r
                                .pillars
                                .iter()
                                .flat_map(|p| &p.dimensions)
                                .any(|d| d.id == c.id && d.node.provisional);
                            cell(score, provisional)
                        })
                        .collect()
                },
                indicators: {
                    let all: Vec<&crate::model::IndicatorResult> = r
                        .pillars
                        .iter()
                        .flat_map(|p| p.dimensions.iter().flat_map(|d| &d.indicators))
                        .collect();
                    indicator_columns
                        .iter()
                        .map(|c| match all.iter().find(|i| i.id == c.id) {
                            // An indicator's level is its own (from the answers), not a band.
                            Some(i) => Cell {
                                score: i.node.score,
                                level: i.node.level,
                                provisional: i.node.provisional,
                            },
                            None => Cell {
                                score: None,
                                level: None,
                                provisional: false,
                            },
                        })
                        .collect()
                },
                quality: DataQuality {
                    coverage: r.overall.coverage,
                    disputed: r.disputed.len(),
                    unverified: r.unverified.len(),
                    provisional: r.provisional.len(),
                },
                gtmi: Vec::new(),
            }
        })
        .collect();

    // Ranks: nominal, then under weight noise.
    // Nominal ranks from the same recomputation the draws use (factors of 1), so that noise 0
    // reproduces them exactly; for results as scored it equals the stored overall bit for bit.
    // A country whose overall index is provisional (coverage below the framework's floor) is
    // ranked apart: it takes no rank and leaves the draws, so it moves no one else's rank either.
    let ranked: Vec<usize> = (0..rows.len())
        .filter(|&i| !rows[i].overall.provisional)
        .collect();
    let ranked_trees: Vec<Tree> = ranked.iter().map(|&i| trees[i].clone()).collect();
    let nominal = uncertainty::ranks(&ranked_trees.iter().map(|t| t.overall(&ones)).collect::<Vec<_>>());
    let stats = uncertainty::simulate(&ranked_trees, &index, settings);
    for ((&i, rank), stats) in ranked.iter().zip(nominal).zip(stats) {
        rows[i].nominal_rank = rank;
        rows[i].rank = if rank.is_some() { stats } else { None };
    }
    rows.sort_by(|a, b| {
        (a.nominal_rank.is_none(), a.nominal_rank, &a.iso3).cmp(&(
            b.nominal_rank.is_none(),
            b.nominal_rank,
            &b.iso3,
        ))
    });
    let bands: Vec<Option<(u32, u32)>> = rows
        .iter()
        .map(|r| r.rank.as_ref().map(|s| (s.p05, s.p95)))
        .collect();
    let codes: Vec<String> = rows.iter().map(|r| r.iso3.clone()).collect();
    for (i, row) in rows.iter_mut().enumerate() {
        let Some((lo, hi)) = bands[i] else { continue };
        row.overlaps_with = bands
            .iter()
            .zip(&codes)
            .enumerate()
            .filter(|&(j, (b, _))| j != i && b.is_some_and(|(l, h)| l <= hi && lo <= h))
            .map(|(_, (_, code))| code.clone())
            .collect();
    }
    let statements = statements(&rows);
    let gtmi = anchors::attach(&mut rows);

    // Benchmarks.
    let mut benchmarks = vec![matrix::benchmark(
        "overall",
        "overall",
        &t("overall-index"),
        &rows
            .iter()
            .map(|r| (r.iso3.clone(), r.overall.score))
            .collect::<Vec<_>>(),
    )];
    for (k, c) in pillars.iter().enumerate() {
        benchmarks.push(matrix::benchmark(
            "pillar",
            &c.id,
            &c.title,
            &rows
                .iter()
                .map(|r| (r.iso3.clone(), r.pillars[k].score))
                .collect::<Vec<_>>(),
        ));
    }
    for (k, c) in building_blocks.iter().enumerate() {
        benchmarks.push(matrix::benchmark(
            "building_block",
            &c.id,
            &c.title,
            &rows
                .iter()
                .map(|r| (r.iso3.clone(), r.building_blocks[k].score))
                .collect::<Vec<_>>(),
        ));
    }

    // Progress.
    let mut progress = Vec::new();
    for list in by_country.values().filter(|l| l.len() >= 2) {
        let last = &inputs[*list.last().unwrap_or(&0)].results;
        let steps = list
            .windows(2)
            .map(|w| {
                let (a, b) = (&inputs[w[0]], &inputs[w[1]]);
                progress::step(
                    (&a.source, &a.results),
                    (&b.source, &b.results),
                    a.roadmap.as_ref(),
                )
            })
            .collect();
        progress.push(ProgressSeries {
            iso3: last.assessment.iso3.clone(),
            country: last.assessment.country.clone(),
            dates: list
                .iter()
                .map(|&i| inputs[i].results.assessment.date.clone())
                .collect(),
            overall: list.iter().map(|&i| inputs[i].results.overall.score).collect(),
            pillars: pillars
                .iter()
                .map(|c| {
                    list.iter()
                        .map(|&i| {
                            inputs[i]
                                .results
                                .pillars
                                .iter()
                                .find(|p| p.id == c.id)
                                .and_then(|p| p.node.score)
                        })
                        .collect()
                })
                .collect(),
            steps,
        });
    }

    let first = &inputs[0].results;
    let mut versions: Vec<String> = inputs
        .iter()
        .map(|i| i.results.framework.version.clone())
        .collect();
    versions.sort();
    versions.dedup();
    Ok(Comparison {
        schema_version: COMPARISON_SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "dpi-assess".to_string(),
            version: TOOL_VERSION.to_string(),
        },
        framework: FrameworkInfo {
            id: first.framework.id.clone(),
            title: first.framework.title.clone(),
            versions,
        },
        inputs: inputs
            .iter()
            .enumerate()
            .map(|(i, input)| InputInfo {
                source: input.source.clone(),
                country: input.results.assessment.country.clone(),
                iso3: input.results.assessment.iso3.clone(),
                date: input.results.assessment.date.clone(),
                framework_version: input.results.framework.version.clone(),
                overall: input.results.overall.score,
                latest: latest.contains(&i),
                rules: input_rules[i].clone(),
            })
            .collect(),
        pillars,
        building_blocks,
        dimensions,
        indicator_columns,
        countries: rows,
        benchmarks,
        uncertainty: Uncertainty {
            draws: settings.draws,
            noise: settings.noise,
            seed: settings.seed,
            generator: "SplitMix64".to_string(),
            percentiles:
                "nearest rank: the p-th percentile of n sorted ranks is the one at position ⌈p/100 × n⌉"
                    .to_string(),
            weights_perturbed: index.len() as u32,
            statements,
        },
        progress,
        indicators: IndicatorScope {
            shared: shared.len() as u32,
            recomputed,
            not_shared,
        },
        gtmi,
    })
}

/// "1–3" or "2".
pub fn band_text(stats: &RankStats) -> String {
    if stats.p05 == stats.p95 {
        stats.p05.to_string()
    } else {
        format!("{}–{}", stats.p05, stats.p95)
    }
}

/// Sentences on each pair of neighbours in nominal order: whether their bands overlap.
fn statements(rows: &[CountryRow]) -> Vec<String> {
    let ranked: Vec<(&CountryRow, &RankStats)> =
        rows.iter().filter_map(|r| Some((r, r.rank.as_ref()?))).collect();
    let mut out = Vec::new();
    if ranked.len() < 2 {
        out.push(t("compare-statement-too-few"));
        return out;
    }
    for pair in ranked.windows(2) {
        let ((a, sa), (b, sb)) = (pair[0], pair[1]);
        let overlap = sa.p05 <= sb.p95 && sb.p05 <= sa.p95;
        out.push(if overlap {
            tf(
                "compare-statement-overlap",
                &[
                    ("a", (&a.country).into()),
                    ("a_band", band_text(sa).into()),
                    ("b", (&b.country).into()),
                    ("b_band", band_text(sb).into()),
                ],
            )
        } else {
            tf(
                "compare-statement-ahead",
                &[
                    ("a", (&a.country).into()),
                    ("a_band", band_text(sa).into()),
                    ("b", (&b.country).into()),
                    ("b_band", band_text(sb).into()),
                ],
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str) -> CompareInput {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (assessment, found) = crate::ingest::load_assessment(&root.join("sample-data").join(name));
        let assessment = assessment.unwrap_or_else(|| panic!("{name}: {found:?}"));
        CompareInput {
            source: name.to_string(),
            results: crate::score::score(&assessment),
            roadmap: None,
        }
    }

    fn settings(noise: f64) -> Settings {
        Settings {
            draws: 100,
            noise,
            seed: DEFAULT_SEED,
        }
    }

    #[test]
    fn noise_zero_collapses_every_band_to_the_nominal_rank() {
        // Two countries whose overall indices are close: Kalindra 2026 and a copy with one
        // indicator nudged, so that any noise could swap them.
        let a = input("kalindra-2026");
        let mut b = a.clone();
        b.source = "copy".to_string();
        b.results.assessment.iso3 = "XKC".to_string();
        b.results.assessment.country = "Kalindra copy".to_string();
        let indicator = &mut b.results.pillars[0].dimensions[0].indicators[0];
        indicator.node.score = indicator.node.score.map(|s| s + 1.0);
        let inputs = [a, b];
        let c = compare(&inputs, settings(0.0)).unwrap();
        for row in &c.countries {
            let stats = row.rank.as_ref().unwrap();
            let nominal = row.nominal_rank.unwrap();
            assert_eq!((stats.p05, stats.median, stats.p95), (nominal, nominal, nominal));
        }
        // With noise the two may swap; the bands still hold the median and stay within 1..=2.
        let noisy = compare(&inputs, settings(0.5)).unwrap();
        for row in &noisy.countries {
            let s = row.rank.as_ref().unwrap();
            assert!(1 <= s.p05 && s.p05 <= s.median && s.median <= s.p95 && s.p95 <= 2);
        }
    }

    #[test]
    fn frameworks_must_share_id_and_major_version() {
        let a = input("estmar");
        let mut b = input("nuvaria");
        b.results.framework.version = "4.4.2".to_string();
        assert!(check_compatible(&[a.clone(), b.clone()]).is_ok());
        b.results.framework.version = "5.0.0".to_string();
        let err = check_compatible(&[a.clone(), b.clone()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot compare: estmar uses framework govstack-dpi 4.0.0 but nuvaria uses govstack-dpi 5.0.0 (different major version)"
        );
        b.results.framework.version = "4.0.0".to_string();
        b.results.framework.id = "other-dpi".to_string();
        assert!(err.to_string().contains("govstack-dpi 5.0.0"));
        let err = check_compatible(&[a, b]).unwrap_err();
        assert!(
            err.to_string().ends_with("other-dpi 4.0.0 (different framework)"),
            "{err}"
        );
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        let a = input("estmar");
        assert!(compare(std::slice::from_ref(&a), settings(1.0)).is_err());
        let zero = Settings {
            draws: 0,
            ..settings(0.1)
        };
        assert!(compare(std::slice::from_ref(&a), zero).is_err());
        assert_eq!(compare(&[], settings(0.1)).unwrap_err(), CompareError::NoInputs);
    }
}
