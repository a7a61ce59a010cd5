//! The portfolio: every input of a comparison as analysts load it — each assessment (country ×
//! date, not only the latest) with its tree of nodes — shared by the tidy CSV ([`super::tidy`])
//! and the SQLite database ([`super::sqlite`]).
//!
//! In: the comparison's inputs (their [`Results`] and, for workspaces, their roadmaps) and the
//! [`Comparison`] (which input is each country's latest, and its ranks). Out: [`Entry`]s in a
//! stable order (ISO code, then date) and each entry's [`NodeRow`]s in framework order. Numbers
//! are the inputs' own, unrounded; nothing here recomputes a score. Pure: no I/O.
//! The layout both files follow is documented in `docs/portfolio.md`; [`CODE_LISTS`] is the
//! vocabulary of their code columns.

use crate::compare::{CompareInput, Comparison, CountryRow};
use crate::messages::t;
use crate::model::{NodeScore, Results, ReviewStatus};

/// One input: an assessment of a country at a date.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// 1-based, in the order of [`entries`]: the database's `assessment_id`.
    pub id: u32,
    /// The input.
    pub input: &'a CompareInput,
    /// Its row in the comparison when it is the country's latest assessment (the one compared).
    pub compared: Option<&'a CountryRow>,
}

impl Entry<'_> {
    /// Its results.
    pub fn results(&self) -> &Results {
        &self.input.results
    }

    /// Whether it is the country's latest assessment.
    pub fn latest(&self) -> bool {
        self.compared.is_some()
    }
}

/// Every input, by ISO code then date (then source): the same order whatever the order given.
pub fn entries<'a>(inputs: &'a [CompareInput], comparison: &'a Comparison) -> Vec<Entry<'a>> {
    let mut sorted: Vec<&CompareInput> = inputs.iter().collect();
    sorted.sort_by(|a, b| {
        let key = |i: &'a CompareInput| (&i.results.assessment.iso3, &i.results.assessment.date, &i.source);
        key(a).cmp(&key(b))
    });
    sorted
        .into_iter()
        .enumerate()
        .map(|(n, input)| Entry {
            id: n as u32 + 1,
            input,
            compared: comparison.countries.iter().find(|row| {
                row.source == input.source
                    && row.iso3 == input.results.assessment.iso3
                    && row.date == input.results.assessment.date
            }),
        })
        .collect()
}

/// What a node is. Its code is the `node_kind` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The overall index.
    Overall,
    /// A pillar (four layers, then Building Blocks).
    Pillar,
    /// A dimension of a layer.
    Dimension,
    /// An indicator of a dimension.
    Indicator,
    /// A Building Block.
    BuildingBlock,
    /// One of a Building Block's four rubric criteria.
    BbCriterion,
}

impl Kind {
    /// The spelling in both files.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Overall => "overall",
            Kind::Pillar => "pillar",
            Kind::Dimension => "dimension",
            Kind::Indicator => "indicator",
            Kind::BuildingBlock => "building_block",
            Kind::BbCriterion => "bb_criterion",
        }
    }
}

/// An indicator's review status as both files spell it.
pub fn review_code(status: ReviewStatus) -> &'static str {
    match status {
        ReviewStatus::Draft => "draft",
        ReviewStatus::Validated => "validated",
        ReviewStatus::Contested => "contested",
    }
}

/// One node of an assessment's tree.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRow {
    /// What it is.
    pub kind: Kind,
    /// Its id, unique within the assessment: `overall`, the framework's ids, and
    /// `BB:CRITERION` (e.g. `identity:c1`) for a criterion.
    pub id: String,
    /// The node it belongs to (none for `overall`).
    pub parent: Option<String>,
    /// The pillar it is in (none for `overall`; a pillar's own id for a pillar).
    pub pillar: Option<String>,
    /// Title or name.
    pub title: String,
    /// Weight in its parent (after overrides); none for `overall`.
    pub weight: Option<f64>,
    /// `scored`, `insufficient_data` or `not_applicable`.
    pub status: &'static str,
    /// 0..100; none without data (and for criteria, whose value is on the level scale).
    pub score: Option<f64>,
    /// 0..4; none without data and for a provisional score.
    pub level: Option<u8>,
    /// The level's name in the assessment's rules.
    pub level_name: Option<String>,
    /// Share (0..1) of the applicable weight below with data; none for criteria.
    pub coverage: Option<f64>,
    /// Level value 0..4 (may be fractional): an indicator's consolidated value, a criterion's value.
    pub value: Option<f64>,
    /// Target level (indicators and BBs).
    pub target: Option<u8>,
    /// max(0, target − level) (indicators and BBs with a level).
    pub gap: Option<u8>,
    /// Coverage below the floor: the score stands without a level.
    pub provisional: bool,
    /// Respondents disagree by the dispute spread or more (indicators).
    pub disputed: bool,
    /// Level 3 or 4 with no evidence (indicators).
    pub unverified: bool,
    /// `draft`, `validated` or `contested` (indicators).
    pub review: Option<&'static str>,
    /// Caps that lowered the score.
    pub capped_by: Vec<String>,
}

impl NodeRow {
    fn scored(kind: Kind, id: &str, title: &str, node: &NodeScore, r: &Results) -> NodeRow {
        NodeRow {
            kind,
            id: id.to_string(),
            parent: None,
            pillar: None,
            title: title.to_string(),
            weight: None,
            status: node.status.code(),
            score: node.score,
            level: node.level,
            level_name: node
                .level
                .and_then(|l| r.rules.level_names.get(usize::from(l)).cloned()),
            coverage: Some(node.coverage),
            value: None,
            target: None,
            gap: None,
            provisional: node.provisional,
            disputed: false,
            unverified: false,
            review: None,
            capped_by: node.capped_by.clone(),
        }
    }
}

/// Every node of an assessment in framework order: overall, then each pillar followed by its
/// dimensions (each followed by its indicators) or its Building Blocks (each followed by its
/// criteria).
pub fn nodes(r: &Results) -> Vec<NodeRow> {
    let mut rows = vec![NodeRow::scored(
        Kind::Overall,
        "overall",
        &t("overall-index"),
        &r.overall,
        r,
    )];
    for p in &r.pillars {
        rows.push(NodeRow {
            parent: Some("overall".to_string()),
            pillar: Some(p.id.clone()),
            weight: Some(p.weight),
            ..NodeRow::scored(Kind::Pillar, &p.id, &p.title, &p.node, r)
        });
        for d in &p.dimensions {
            rows.push(NodeRow {
                parent: Some(p.id.clone()),
                pillar: Some(p.id.clone()),
                weight: Some(d.weight),
                ..NodeRow::scored(Kind::Dimension, &d.id, &d.title, &d.node, r)
            });
            for i in &d.indicators {
                rows.push(NodeRow {
                    parent: Some(d.id.clone()),
                    pillar: Some(p.id.clone()),
                    weight: Some(i.weight),
                    value: i.value,
                    target: Some(i.target),
                    gap: i.gap,
                    disputed: i.disputed,
                    unverified: i.unverified,
                    review: Some(review_code(i.review)),
                    ..NodeRow::scored(Kind::Indicator, &i.id, &i.title, &i.node, r)
                });
            }
        }
        for b in &p.building_blocks {
            rows.push(NodeRow {
                parent: Some(p.id.clone()),
                pillar: Some(p.id.clone()),
                weight: Some(b.weight),
                target: Some(b.target),
                gap: b.gap,
                ..NodeRow::scored(Kind::BuildingBlock, &b.id, &b.name, &b.node, r)
            });
            for c in &b.criteria {
                rows.push(NodeRow {
                    kind: Kind::BbCriterion,
                    id: criterion_node_id(&b.id, &c.id),
                    parent: Some(b.id.clone()),
                    pillar: Some(p.id.clone()),
                    title: c.title.clone(),
                    weight: Some(c.weight),
                    status: criterion_status(c),
                    score: None,
                    level: None,
                    level_name: None,
                    coverage: None,
                    value: c.value,
                    target: None,
                    gap: None,
                    provisional: false,
                    disputed: false,
                    unverified: false,
                    review: None,
                    capped_by: Vec::new(),
                });
            }
        }
    }
    rows
}

/// A criterion's node id: `BB:CRITERION`.
pub fn criterion_node_id(bb: &str, criterion: &str) -> String {
    format!("{bb}:{criterion}")
}

/// A criterion's status: not applicable as the framework declares, scored with a value, else
/// insufficient data.
pub fn criterion_status(c: &crate::model::CriterionResult) -> &'static str {
    if c.not_applicable {
        "not_applicable"
    } else if c.value.is_some() {
        "scored"
    } else {
        "insufficient_data"
    }
}

/// The code lists of both files: list, code, meaning. `docs/portfolio.md` lists the same, and the
/// database holds them as its `codes` table.
pub const CODE_LISTS: &[(&str, &str, &str)] = &[
    ("node_kind", "overall", "the overall index"),
    (
        "node_kind",
        "pillar",
        "a pillar: one of the four enabling layers, or Building Blocks",
    ),
    ("node_kind", "dimension", "a dimension of a layer"),
    (
        "node_kind",
        "indicator",
        "an indicator of a dimension, scored from questionnaire answers",
    ),
    (
        "node_kind",
        "building_block",
        "a GovStack Building Block, scored from the systems inventory",
    ),
    (
        "node_kind",
        "bb_criterion",
        "one of a Building Block's rubric criteria c1..c4 (value 0..4, no score)",
    ),
    ("status", "scored", "the node has a score (a criterion: a value)"),
    (
        "status",
        "insufficient_data",
        "it applies but nothing below it has data: no score, never 0",
    ),
    (
        "status",
        "not_applicable",
        "every answer says it does not apply (a criterion: the framework says so); it leaves its parent",
    ),
    ("level", "0", "Absent"),
    ("level", "1", "Initial"),
    ("level", "2", "Developing"),
    ("level", "3", "Established"),
    ("level", "4", "Advanced"),
    ("review", "draft", "what respondents said, not yet validated"),
    (
        "review",
        "validated",
        "agreed at the validation workshop, or accepted by the sign-off with nothing open",
    ),
    ("review", "contested", "the validation workshop could not agree"),
    ("answered", "levels", "at least one respondent gave a level"),
    (
        "answered",
        "unknown",
        "answers exist but all say unknown (or unknown and na)",
    ),
    ("answered", "not_applicable", "every answer says na"),
    ("answered", "missing", "no answer at all"),
    ("criticality", "low", "priority factor 1"),
    ("criticality", "medium", "priority factor 2"),
    ("criticality", "high", "priority factor 3"),
    ("item_kind", "indicator", "a layer indicator"),
    ("item_kind", "building_block", "a Building Block"),
    ("phase", "foundations", "PAERA phase 1: foundations"),
    ("phase", "priority_services", "PAERA phase 2: priority services"),
    ("phase", "transformation", "PAERA phase 3: transformation"),
    ("phase", "scale", "PAERA phase 4: scale"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Criticality, Phase};

    #[test]
    fn the_code_lists_cover_every_code_the_files_write() {
        let has = |list: &str, code: &str| CODE_LISTS.iter().any(|(l, c, _)| *l == list && *c == code);
        for kind in [
            Kind::Overall,
            Kind::Pillar,
            Kind::Dimension,
            Kind::Indicator,
            Kind::BuildingBlock,
            Kind::BbCriterion,
        ] {
            assert!(has("node_kind", kind.code()), "{}", kind.code());
        }
        for status in [
            crate::model::NodeStatus::Scored,
            crate::model::NodeStatus::InsufficientData,
            crate::model::NodeStatus::NotApplicable,
        ] {
            assert!(has("status", status.code()));
        }
        for review in [
            ReviewStatus::Draft,
            ReviewStatus::Validated,
            ReviewStatus::Contested,
        ] {
            assert!(has("review", review_code(review)));
        }
        for c in Criticality::ALL {
            assert!(has("criticality", c.code()));
        }
        for p in Phase::ALL {
            assert!(has("phase", p.code()));
        }
        for k in [
            crate::model::GapKind::Indicator,
            crate::model::GapKind::BuildingBlock,
        ] {
            assert!(has("item_kind", k.code()));
        }
        for level in 0..=crate::model::MAX_LEVEL {
            assert!(has("level", &level.to_string()));
        }
    }

    #[test]
    fn the_documentation_lists_every_code() {
        let doc = include_str!("../../../docs/portfolio.md");
        for (list, code, _) in CODE_LISTS {
            assert!(
                doc.contains(&format!("`{code}`")),
                "docs/portfolio.md lacks {list} `{code}`"
            );
        }
    }
}
