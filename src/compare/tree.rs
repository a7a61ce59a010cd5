//! The scoring tree of one results.json, rebuilt so the overall index can be recomputed with other
//! weights.
//!
//! In: a [`Results`] (and, optionally, the set of indicator ids to keep). Out: a [`Tree`] whose
//! [`Tree::overall`] recomputes indicator → dimension → pillar → overall (and criterion → BB → BB
//! pillar) with every weight multiplied by a factor, exactly as `score` combines nodes: each
//! node's aggregator (weighted mean over children that have a score, or minimum), then the caps
//! that fired on that node. With every factor 1 the result is the scored overall.
//! Not here: drawing the factors (`uncertainty`), reading files.

use std::collections::{BTreeSet, HashMap};

use indexmap::IndexMap;

use crate::model::{Aggregator, CapStatus, Results};

/// The ids of every weighted node across the trees, each with its position in the factor vector.
#[derive(Debug, Clone, Default)]
pub struct FactorIndex {
    ids: IndexMap<String, usize>,
}

impl FactorIndex {
    fn slot(&mut self, key: String) -> usize {
        let next = self.ids.len();
        *self.ids.entry(key).or_insert(next)
    }

    /// How many weights are perturbed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no weight is perturbed.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A node: its weight among its siblings, the factor slot of that weight, and either a score
/// (a leaf: indicator or BB criterion) or children.
#[derive(Debug, Clone)]
struct Node {
    weight: f64,
    factor: usize,
    aggregator: Aggregator,
    /// Lowest `max_score` of the caps that fired on this node.
    cap: Option<f64>,
    leaf: Option<f64>,
    children: Vec<Node>,
}

impl Node {
    fn score(&self, factors: &[f64]) -> Option<f64> {
        if self.children.is_empty() {
            return self.leaf;
        }
        // Same operations in the same order as `score::combine`, so factors of 1 give the
        // scored value bit for bit.
        let mut weight = 0.0;
        let mut total = 0.0;
        let mut minimum = f64::INFINITY;
        let mut any = false;
        for child in &self.children {
            if let Some(s) = child.score(factors) {
                let w = child.weight * factors[child.factor];
                weight += w;
                total += w * s;
                minimum = minimum.min(s);
                any = true;
            }
        }
        if !any {
            return None;
        }
        let score = match self.aggregator {
            Aggregator::WeightedMean => total / weight,
            Aggregator::Minimum => minimum,
        };
        Some(match self.cap {
            Some(cap) => score.min(cap),
            None => score,
        })
    }
}

/// One country's tree.
#[derive(Debug, Clone)]
pub struct Tree {
    root: Node,
    /// Each dimension's id and where it sits: pillar index, child index within the pillar.
    dimensions: Vec<(String, usize, usize)>,
}

impl Tree {
    /// Builds the tree of `results`, registering every weight in `index`. `keep`: the indicator
    /// ids to keep (the others leave the tree as if absent); `None` keeps all. `weights`: node id
    /// → the weight to use instead of the scored one (the framework's, where the assessment
    /// overrode it and the comparison undoes that; see `rules`).
    pub fn build(
        results: &Results,
        keep: Option<&BTreeSet<String>>,
        weights: &HashMap<String, f64>,
        index: &mut FactorIndex,
    ) -> Tree {
        let weight = |id: &str, scored: f64| weights.get(id).copied().unwrap_or(scored);
        let mut caps: HashMap<&str, f64> = HashMap::new();
        // A cap (or a rubric ceiling) holds every node on which it fired.
        for cap in &results.caps {
            for effect in cap.effects.iter().filter(|e| e.status == CapStatus::Fired) {
                let entry = caps.entry(effect.node.as_str()).or_insert(cap.max_score);
                *entry = entry.min(cap.max_score);
            }
        }
        let cap = |id: &str| caps.get(id).copied();
        let mut pillars = Vec::new();
        let mut dimension_places = Vec::new();
        for pillar in &results.pillars {
            let mut children = Vec::new();
            for dimension in &pillar.dimensions {
                dimension_places.push((dimension.id.clone(), pillars.len(), children.len()));
                let indicators = dimension
                    .indicators
                    .iter()
                    .filter(|i| keep.is_none_or(|k| k.contains(&i.id)))
                    .map(|i| Node {
                        weight: weight(&i.id, i.weight),
                        factor: index.slot(format!("indicator:{}", i.id)),
                        aggregator: Aggregator::WeightedMean,
                        cap: None,
                        leaf: i.node.score,
                        children: Vec::new(),
                    })
                    .collect::<Vec<_>>();
                children.push(Node {
                    weight: weight(&dimension.id, dimension.weight),
                    factor: index.slot(format!("dimension:{}", dimension.id)),
                    aggregator: dimension.aggregator,
                    cap: cap(&dimension.id),
                    leaf: None,
                    children: indicators,
                });
            }
            for bb in &pillar.building_blocks {
                let criteria = bb
                    .criteria
                    .iter()
                    .map(|c| Node {
                        weight: c.weight,
                        factor: index.slot(format!("criterion:{}/{}", bb.id, c.id)),
                        aggregator: Aggregator::WeightedMean,
                        cap: None,
                        leaf: c.value.map(|v| v * 25.0),
                        children: Vec::new(),
                    })
                    .collect::<Vec<_>>();
                children.push(Node {
                    weight: weight(&bb.id, bb.weight),
                    factor: index.slot(format!("building-block:{}", bb.id)),
                    aggregator: Aggregator::WeightedMean,
                    cap: cap(&bb.id),
                    leaf: None,
                    children: criteria,
                });
            }
            pillars.push(Node {
                weight: weight(&pillar.id, pillar.weight),
                factor: index.slot(format!("pillar:{}", pillar.id)),
                aggregator: pillar.aggregator,
                cap: cap(&pillar.id),
                leaf: None,
                children,
            });
        }
        Tree {
            root: Node {
                weight: 1.0,
                factor: 0,
                aggregator: Aggregator::WeightedMean,
                cap: cap("overall"),
                leaf: None,
                children: pillars,
            },
            dimensions: dimension_places,
        }
    }

    /// The overall index with every weight multiplied by its factor (`factors[slot]`).
    pub fn overall(&self, factors: &[f64]) -> Option<f64> {
        self.root.score(factors)
    }

    /// Each pillar's score with every weight multiplied by its factor.
    pub fn pillars(&self, factors: &[f64]) -> Vec<Option<f64>> {
        self.root.children.iter().map(|p| p.score(factors)).collect()
    }

    /// Each dimension's id and score with every weight multiplied by its factor, in results order.
    pub fn dimensions(&self, factors: &[f64]) -> Vec<(&str, Option<f64>)> {
        self.dimensions
            .iter()
            .map(|(id, pillar, child)| {
                (
                    id.as_str(),
                    self.root.children[*pillar].children[*child].score(factors),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(name: &str) -> Results {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (assessment, found) = crate::ingest::load_assessment(&root.join("sample-data").join(name));
        let assessment = assessment.unwrap_or_else(|| panic!("{name}: {found:?}"));
        crate::score::score(&assessment)
    }

    #[test]
    fn unit_factors_give_the_scored_overall_bit_for_bit() {
        for name in ["kalindra-2024", "kalindra-2026", "nuvaria", "estmar"] {
            let r = results(name);
            let mut index = FactorIndex::default();
            let tree = Tree::build(&r, None, &HashMap::new(), &mut index);
            let ones = vec![1.0; index.len().max(1)];
            assert_eq!(tree.overall(&ones), r.overall.score, "{name}");
            let pillars: Vec<Option<f64>> = r.pillars.iter().map(|p| p.node.score).collect();
            assert_eq!(tree.pillars(&ones), pillars, "{name}");
            let dimensions: Vec<(&str, Option<f64>)> = r
                .pillars
                .iter()
                .flat_map(|p| &p.dimensions)
                .map(|d| (d.id.as_str(), d.node.score))
                .collect();
            assert_eq!(tree.dimensions(&ones), dimensions, "{name}");
        }
    }
}
