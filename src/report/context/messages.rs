//! Key messages: the few findings and recommendations a reader takes away, chosen by rules.
//!
//! In: the parts of the report context already built (the pillars' lines, the Building Block
//! rows, the gaps) and the [`Results`]. Out: 3 to 7 [`KeyMessage`]s, findings first, then
//! recommendations, each carrying the numbers it rests on. The same results always give the same
//! messages in the same order. Not here: the sentences, which the templates (and the PDF's
//! layout) write from each message's kind and numbers, so that they can be translated.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::{BbView, GapView, PillarLine};
use crate::model::{Results, ReviewStatus};

/// Most items one message names (gaps to close first, weakest Building Blocks).
const NAMED: usize = 3;
/// Coverage below which the missing data is itself a recommendation.
const COVERAGE_TO_COMPLETE: f64 = 0.9;

/// A pillar as a message cites it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct PillarFact {
    /// Title.
    pub title: String,
    /// Score, `46.5`.
    pub score: String,
    /// Level, when it has one.
    pub level: Option<u8>,
    /// Level name.
    pub level_name: String,
}

/// A Building Block as a message cites it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct BbFact {
    /// Name.
    pub name: String,
    /// Level.
    pub level: u8,
    /// Score, `12.5`.
    pub score: String,
    /// Foundational BB.
    pub foundational: bool,
}

/// A gap as a message cites it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct GapFact {
    /// Title of the indicator or Building Block.
    pub title: String,
    /// Level now.
    pub level: u8,
    /// Target level.
    pub target: u8,
    /// Priority rank.
    pub rank: u32,
}

/// One key message; `kind` names it for the templates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KeyMessage {
    /// The strongest and the weakest pillar.
    StrongestWeakest {
        /// Highest score.
        strongest: PillarFact,
        /// Lowest score.
        weakest: PillarFact,
    },
    /// Foundational Building Blocks (identity, payments, data exchange…) at level 0 or 1.
    FoundationsMissing {
        /// Those BBs, lowest first.
        building_blocks: Vec<BbFact>,
    },
    /// No foundational BB is at level 0 or 1: the lowest Building Blocks instead.
    WeakestBuildingBlocks {
        /// Lowest first, at most three.
        building_blocks: Vec<BbFact>,
    },
    /// A cap holds the overall index down.
    CappedOverall {
        /// The index without the cap.
        uncapped: String,
        /// The index as reported.
        capped: String,
    },
    /// Capabilities held outside a shared platform.
    Silos {
        /// Building Blocks with siloed copies.
        building_blocks: usize,
        /// Systems outside their BB's shared platform.
        systems: usize,
    },
    /// The gaps to close first.
    CloseFirst {
        /// Highest priority first, at most three.
        gaps: Vec<GapFact>,
    },
    /// Every item with data meets its target.
    TargetsMet,
    /// Answers still to settle in the validation workshop (those it agreed a level for are not
    /// counted).
    Settle {
        /// Indicators whose respondents are two levels or more apart.
        disputed: usize,
        /// Indicators at level 3 or 4 without evidence.
        unverified: usize,
        /// Answers that contradict the inventory.
        inconsistent: usize,
    },
    /// Data to complete before the numbers are relied on.
    CompleteData {
        /// Indicators with a level.
        answered: u32,
        /// Indicators that apply.
        applicable: u32,
        /// Overall coverage, `72 %`.
        coverage: String,
    },
}

/// The key messages of a report, by the rules above each kind, in a fixed order: the pillars,
/// the Building Blocks, a cap, silos; then what to close first, what to settle, what to complete.
pub fn key_messages(
    pillars: &[PillarLine],
    building_blocks: &[BbView],
    gaps: &[GapView],
    overall_coverage: &str,
    results: &Results,
) -> Vec<KeyMessage> {
    let mut messages = Vec::new();

    // Pillars with a score, highest first; ties keep the framework's order.
    let mut scored: Vec<&PillarLine> = pillars.iter().filter(|p| p.score.score.is_some()).collect();
    scored.sort_by(|a, b| {
        let (a, b) = (a.score.score.unwrap_or(0.0), b.score.score.unwrap_or(0.0));
        b.total_cmp(&a)
    });
    if let (Some(first), Some(last)) = (scored.first(), scored.last())
        && scored.len() >= 2
        && first.score.display != last.score.display
    {
        messages.push(KeyMessage::StrongestWeakest {
            strongest: pillar_fact(first),
            weakest: pillar_fact(last),
        });
    }

    // Building Blocks with a level, lowest first: by level, then by unrounded score; ties keep
    // the framework's order (the sort is stable).
    let mut levelled: Vec<(&BbView, u8)> = building_blocks
        .iter()
        .filter_map(|b| Some((b, b.score.level?)))
        .collect();
    levelled.sort_by(|(a, level_a), (b, level_b)| {
        level_a.cmp(level_b).then(
            a.score
                .score
                .unwrap_or(0.0)
                .total_cmp(&b.score.score.unwrap_or(0.0)),
        )
    });
    let levelled: Vec<BbFact> = levelled
        .into_iter()
        .map(|(b, level)| BbFact {
            name: b.name.clone(),
            level,
            score: b.score.display.clone(),
            foundational: b.foundational,
        })
        .collect();
    let missing: Vec<BbFact> = levelled
        .iter()
        .filter(|b| b.foundational && b.level <= 1)
        .cloned()
        .collect();
    if !missing.is_empty() {
        messages.push(KeyMessage::FoundationsMissing {
            building_blocks: missing,
        });
    } else if !levelled.is_empty() {
        messages.push(KeyMessage::WeakestBuildingBlocks {
            building_blocks: levelled.into_iter().take(NAMED).collect(),
        });
    }

    let overall = &results.overall;
    if let (Some(uncapped), Some(capped)) = (overall.uncapped_score, overall.score)
        && uncapped > capped
    {
        messages.push(KeyMessage::CappedOverall {
            uncapped: super::one_decimal(uncapped),
            capped: super::one_decimal(capped),
        });
    }

    let siloed: Vec<&BbView> = building_blocks.iter().filter(|b| !b.siloed.is_empty()).collect();
    if !siloed.is_empty() {
        messages.push(KeyMessage::Silos {
            building_blocks: siloed.len(),
            systems: siloed.iter().map(|b| b.siloed.len()).sum(),
        });
    }

    if gaps.is_empty() {
        messages.push(KeyMessage::TargetsMet);
    } else {
        messages.push(KeyMessage::CloseFirst {
            gaps: gaps
                .iter()
                .take(NAMED)
                .map(|g| GapFact {
                    title: g.title.clone(),
                    level: g.level,
                    target: g.target,
                    rank: g.rank,
                })
                .collect(),
        });
    }

    // What is still open: an indicator the validation workshop agreed a level for is settled,
    // whatever its respondents said.
    let open = |id: &String| {
        !results
            .pillars
            .iter()
            .flat_map(|p| &p.dimensions)
            .flat_map(|d| &d.indicators)
            .any(|i| &i.id == id && i.review == ReviewStatus::Validated && i.adjudication.is_some())
    };
    let (disputed, unverified, inconsistent) = (
        results.disputed.iter().filter(|id| open(id)).count(),
        results.unverified.iter().filter(|id| open(id)).count(),
        results
            .inconsistencies
            .iter()
            .filter(|found| open(&found.indicator))
            .count(),
    );
    if disputed + unverified + inconsistent > 0 {
        messages.push(KeyMessage::Settle {
            disputed,
            unverified,
            inconsistent,
        });
    }

    let data = &results.data;
    if overall.coverage < COVERAGE_TO_COMPLETE && data.indicators_answered < data.indicators_applicable {
        messages.push(KeyMessage::CompleteData {
            answered: data.indicators_answered,
            applicable: data.indicators_applicable,
            coverage: overall_coverage.to_string(),
        });
    }
    messages
}

fn pillar_fact(line: &PillarLine) -> PillarFact {
    PillarFact {
        title: line.title.clone(),
        score: line.score.display.clone(),
        level: line.score.level,
        level_name: line.score.level_name.clone(),
    }
}
