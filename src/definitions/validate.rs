//! Raw definitions → validated model, collecting every problem.
//!
//! In: a [`RawFramework`] or [`RawQuestionnaire`] and the file name to report. Out: the model, or all
//! errors found (each with `file:line:col` and a hint). Checks: id formats and uniqueness, versions,
//! the scale and bands, weights, level ranges, level descriptors, thresholds, references between
//! indicators, Building Blocks, pillars, dimensions and caps, Building Block dependency cycles (the
//! cycle is named), and question/option shapes per answer type.

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;

use super::did_you_mean;
use super::level_checks;
use super::raw::*;
use crate::diagnostics::{Code, Diagnostic, Location, has_errors};
use crate::model::*;

/// Collects diagnostics for one file.
pub(super) struct Checker<'a> {
    file: &'a str,
    found: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(file: &'a str) -> Self {
        Checker {
            file,
            found: Vec::new(),
        }
    }

    /// Adds a diagnostic built elsewhere (warnings with their own wording).
    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.found.push(diagnostic);
    }

    pub(super) fn at<T>(&self, located: &Located<T>) -> Location {
        Location::text(self.file, located.line, located.column)
    }

    pub(super) fn error<T>(&mut self, code: Code, at: &Located<T>, message: String, hint: &str) {
        let location = self.at(at);
        let mut diagnostic = Diagnostic::error(code, location, message);
        if !hint.is_empty() {
            diagnostic = diagnostic.with_hint(hint);
        }
        self.found.push(diagnostic);
    }

    /// Lowercase kebab-case: `a-z`, `0-9`, `-`, starting with a letter.
    pub(super) fn kebab_id(&mut self, what: &str, id: &Located<String>) {
        let ok = id.value.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !id.value.ends_with('-');
        if !ok {
            self.error(
                Code::InvalidId,
                id,
                format!("{what} id `{}` is not lowercase kebab-case", id.value),
                "use lowercase letters, digits and `-`, starting with a letter, e.g. `law-data-protection`",
            );
        }
    }

    /// Lowercase snake_case: `a-z`, `0-9`, `_`, starting with a letter (role and funding ids, the
    /// keys of assessment.yaml maps).
    pub(super) fn snake_id(&mut self, what: &str, id: &Located<String>) {
        let ok = id.value.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            self.error(
                Code::InvalidId,
                id,
                format!("{what} id `{}` is not snake_case", id.value),
                "use lowercase letters, digits and `_`, e.g. `lead_digital_agency`",
            );
        }
    }

    /// Whether an id is used for the first time among `seen`; a repeat is reported (and the
    /// caller skips the entry).
    pub(super) fn first_use<'b>(
        &mut self,
        what: &str,
        id: &'b Located<String>,
        seen: &mut HashSet<&'b str>,
    ) -> bool {
        if seen.insert(id.value.as_str()) {
            return true;
        }
        self.error(
            Code::DuplicateId,
            id,
            format!("{what} `{}` is defined twice", id.value),
            &format!("{what} ids must be unique"),
        );
        false
    }

    fn semver(&mut self, what: &str, version: &Located<String>) {
        let parts: Vec<&str> = version.value.split('.').collect();
        let ok = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            self.error(
                Code::InvalidVersion,
                version,
                format!("{what} version `{}` is not MAJOR.MINOR.PATCH", version.value),
                "write it like `1.0.0`; raise MAJOR when scores stop being comparable",
            );
        }
    }

    fn weight(&mut self, owner: &str, weight: &Located<f64>) {
        if !(weight.value.is_finite() && weight.value > 0.0) {
            self.error(
                Code::InvalidWeight,
                weight,
                format!(
                    "weight of `{owner}` is {}, but weights must be greater than 0",
                    weight.value
                ),
                "use a positive number such as 1; to leave an item out, remove it or mark answers `na`",
            );
        }
    }

    fn level(&mut self, owner: &str, what: &str, level: &Located<u8>) -> bool {
        if level.value > MAX_LEVEL {
            self.error(
                Code::LevelOutOfRange,
                level,
                format!("{what} of `{owner}` is {}, outside the levels 0..4", level.value),
                "levels are 0 Absent, 1 Initial, 2 Developing, 3 Established, 4 Advanced",
            );
            false
        } else {
            true
        }
    }

    /// Five descriptors keyed 0..4, none empty.
    fn descriptors(&mut self, owner: &str, levels: &Located<IndexMap<u8, String>>) -> [String; 5] {
        let mut out: [String; 5] = Default::default();
        for (&level, text) in &levels.value {
            if level > MAX_LEVEL {
                self.error(
                    Code::LevelOutOfRange,
                    levels,
                    format!("`{owner}` has a descriptor for level {level}, outside 0..4"),
                    "describe exactly the levels 0, 1, 2, 3 and 4",
                );
            } else if text.trim().is_empty() {
                self.error(
                    Code::MissingLevelDescriptor,
                    levels,
                    format!("`{owner}` has an empty descriptor for level {level}"),
                    "say what is observably true at this level, so a reviewer can check it against evidence",
                );
            } else {
                out[usize::from(level)] = text.trim().to_string();
            }
        }
        let missing: Vec<String> = (0..=MAX_LEVEL)
            .filter(|l| !levels.value.contains_key(l))
            .map(|l| l.to_string())
            .collect();
        if !missing.is_empty() {
            self.error(
                Code::MissingLevelDescriptor,
                levels,
                format!(
                    "`{owner}` has no descriptor for level{} {}",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", ")
                ),
                "every indicator needs five descriptors, keyed 0 to 4",
            );
        }
        out
    }

    fn finish<T>(self, value: T) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> {
        if has_errors(&self.found) {
            Err(self.found)
        } else {
            Ok((value, self.found))
        }
    }
}

/// Remembers where each id was first defined, to report duplicates with both places.
struct IdRegistry {
    first: HashMap<String, (String, u32, u32)>,
}

impl IdRegistry {
    fn new() -> Self {
        IdRegistry {
            first: HashMap::new(),
        }
    }

    fn claim(&mut self, checker: &mut Checker<'_>, what: &str, id: &Located<String>) {
        if let Some((first_what, line, column)) = self.first.get(&id.value) {
            let message = format!(
                "{what} id `{}` is already used by the {first_what} at line {line}, column {column}",
                id.value
            );
            checker.error(
                Code::DuplicateId,
                id,
                message,
                "ids must be unique; rename one of them",
            );
        } else {
            self.first
                .insert(id.value.clone(), (what.to_string(), id.line, id.column));
        }
    }
}

/// Validates a framework, returning it with its warnings, or every error found.
pub fn validate_framework(
    raw: &RawFramework,
    file: &str,
) -> Result<(Framework, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut c = Checker::new(file);
    c.kebab_id("framework", &raw.id);
    c.semver("framework", &raw.version);

    let scale = check_scale(&mut c, &raw.scale);
    let rules = check_rules(&mut c, &raw.rules);

    // Pillars, dimensions, indicators and BBs share one id space: caps, target and weight overrides
    // name them by id alone, so an id must say unambiguously which item it is.
    let mut ids = IdRegistry::new();
    let bb_ids: Vec<String> = raw
        .building_blocks
        .catalogue
        .iter()
        .map(|b| b.value.id.value.clone())
        .collect();

    let mut pillars = Vec::new();
    let mut bb_pillars = 0;
    for pillar in &raw.pillars {
        pillars.push(check_pillar(&mut c, &mut ids, &bb_ids, pillar, &mut bb_pillars));
    }
    if bb_pillars != 1 {
        let message =
            format!("the framework has {bb_pillars} pillars of kind `building_blocks`; it needs exactly one");
        c.error(
            Code::InvalidStructure,
            &raw.id,
            message,
            "add one pillar with `kind: building_blocks` and no dimensions",
        );
    }
    if !pillars.iter().any(|p| p.kind == PillarKind::Layer) {
        let message = "the framework has no pillar of kind `layer`".to_string();
        c.error(
            Code::InvalidStructure,
            &raw.id,
            message,
            "add the enabling layers as pillars",
        );
    }

    let building_blocks = check_building_blocks(&mut c, &mut ids, &raw.building_blocks.catalogue);
    let bb_rubric = check_rubric(&mut c, &raw.building_blocks.rubric, &bb_ids);

    let indicator_ids: HashSet<&str> = pillars
        .iter()
        .flat_map(|p| p.dimensions.iter())
        .flat_map(|d| d.indicators.iter())
        .map(|i| i.id.as_str())
        .collect();
    let node_ids: Vec<&str> = pillars
        .iter()
        .flat_map(|p| std::iter::once(p.id.as_str()).chain(p.dimensions.iter().map(|d| d.id.as_str())))
        .collect();
    let cap_nodes: Vec<&str> = node_ids
        .iter()
        .copied()
        .chain(bb_ids.iter().map(String::as_str))
        .collect();
    let caps = check_caps(&mut c, &raw.caps, &indicator_ids, &cap_nodes, &bb_rubric.ceilings);
    let open_specifications = check_open_specifications(&mut c, &raw.open_specifications);
    let consistency = check_consistency(&mut c, &raw.consistency, &indicator_ids, &bb_ids);
    let targets: BTreeMap<&str, u8> = pillars
        .iter()
        .flat_map(|p| p.dimensions.iter())
        .flat_map(|d| d.indicators.iter())
        .map(|i| (i.id.as_str(), i.target))
        .chain(building_blocks.iter().map(|b| (b.id.as_str(), b.target)))
        .collect();
    let roles = super::actions::check_roles(&mut c, &raw.roles);
    check_authorities(&mut c, &raw.pillars, &roles);
    let checked: Vec<level_checks::CheckedIndicator<'_>> = raw
        .pillars
        .iter()
        .flat_map(|p| &p.value.dimensions)
        .flat_map(|d| &d.value.indicators)
        .map(|i| level_checks::CheckedIndicator {
            id: &i.value.id,
            checks: &i.value.checks,
        })
        .collect();
    level_checks::check_framework_checks(&mut c, &checked);
    let catalogues =
        super::library::check_catalogues(&mut c, raw, &targets, &indicator_ids, &building_blocks);
    let actions = super::actions::check_actions(&mut c, &raw.actions, &roles, &targets, &catalogues);
    let criterion_ids: Vec<&str> = bb_rubric.criteria.iter().map(|k| k.id.as_str()).collect();
    let safeguards = raw
        .safeguards
        .as_ref()
        .map(|raw| super::safeguards::check_safeguards(&mut c, raw, &indicator_ids, &criterion_ids, &roles));
    let scope_notes = check_scope_notes(&mut c, &raw.scope_notes, &indicator_ids);
    let architecture = raw.architecture.as_ref().map(|section| {
        let bb_refs: Vec<&str> = bb_ids.iter().map(String::as_str).collect();
        let cost_classes: Vec<&str> = catalogues
            .costs
            .iter()
            .flat_map(|costs| costs.classes.iter().map(|k| k.id.as_str()))
            .collect();
        let funding_types: Vec<&str> = catalogues.funding_types.iter().map(|f| f.id.as_str()).collect();
        let known = super::architecture::Known {
            building_blocks: &bb_refs,
            roles: &roles,
            cost_classes: &cost_classes,
            funding_types: &funding_types,
        };
        super::architecture::check_rules(&mut c, section, &known)
    });

    let framework = Framework {
        id: raw.id.value.clone(),
        version: raw.version.value.clone(),
        title: raw.title.clone(),
        description: raw.description.trim().to_string(),
        sources: raw.sources.clone(),
        scale,
        rules,
        pillars,
        building_blocks,
        bb_rubric,
        caps,
        open_specifications,
        consistency,
        roles,
        actions,
        phase_gates: check_phase_gates(&mut c, &raw.phase_gates),
        costs: catalogues.costs,
        funding_types: catalogues.funding_types,
        programmes: catalogues.programmes,
        outcomes: catalogues.outcomes,
        standards: catalogues.standards.unwrap_or_default(),
        safeguards,
        scope_notes,
        architecture,
    };
    c.finish(framework)
}

/// A phase gate is a share of the previous phase's actions in (0, 1]; the first phase has none.
fn check_phase_gates(
    c: &mut Checker<'_>,
    raw: &IndexMap<crate::model::Phase, Located<f64>>,
) -> std::collections::BTreeMap<crate::model::Phase, f64> {
    let mut gates = std::collections::BTreeMap::new();
    for (&phase, share) in raw {
        if phase == crate::model::Phase::ALL[0] {
            c.error(
                Code::InvalidValue,
                share,
                format!("phase_gates names {phase}, the first phase, which has no phase before it"),
                "gate the later phases only: priority_services, transformation, scale",
            );
        } else if !(share.value > 0.0 && share.value <= 1.0) {
            c.error(
                Code::InvalidValue,
                share,
                format!(
                    "the gate of {phase} is {}; it is the share of the previous phase's actions that must have ended, more than 0 and at most 1",
                    share.value
                ),
                "e.g. 0.5: the phase starts once half of the previous phase's actions have ended",
            );
        } else {
            gates.insert(phase, share.value);
        }
    }
    gates
}

fn check_scale(c: &mut Checker<'_>, raw: &RawScale) -> Scale {
    let mut levels = Vec::new();
    let mut seen = HashSet::new();
    for level in &raw.levels {
        let value = &level.value;
        if value.level.value > MAX_LEVEL || !seen.insert(value.level.value) {
            let message = format!(
                "scale level {} is outside 0..4 or listed twice",
                value.level.value
            );
            c.error(
                Code::InvalidScale,
                &value.level,
                message,
                "list the levels 0, 1, 2, 3 and 4 once each",
            );
        }
        levels.push(LevelDefinition {
            level: value.level.value,
            name: value.name.clone(),
            description: value.description.trim().to_string(),
        });
    }
    levels.sort_by_key(|l| l.level);
    if seen.len() != usize::from(MAX_LEVEL) + 1 {
        let missing: Vec<String> = (0..=MAX_LEVEL)
            .filter(|l| !seen.contains(l))
            .map(|l| l.to_string())
            .collect();
        if !missing.is_empty() {
            let message = format!("the scale has no entry for level {}", missing.join(", "));
            c.error(
                Code::InvalidScale,
                &raw.bands,
                message,
                "list the levels 0, 1, 2, 3 and 4 once each",
            );
        }
    }
    let bands = &raw.bands.value;
    let ascending = bands.windows(2).all(|w| w[0] < w[1]);
    let in_range = bands.iter().all(|b| b.is_finite() && *b > 0.0 && *b <= 100.0);
    let mut out = [12.5, 37.5, 62.5, 87.5];
    if bands.len() != 4 || !ascending || !in_range {
        // As the file writes them (`[12.5, 40, 70]`): Display, not Debug, which would add `.0`.
        let written: Vec<String> = bands.iter().map(f64::to_string).collect();
        let message = format!(
            "bands [{}] are not four ascending scores within 0..100",
            written.join(", ")
        );
        c.error(
            Code::InvalidScale,
            &raw.bands,
            message,
            "the default is [12.5, 37.5, 62.5, 87.5]: a score at or above the k-th band is level k",
        );
    } else {
        out.copy_from_slice(bands);
    }
    Scale { levels, bands: out }
}

fn check_rules(c: &mut Checker<'_>, raw: &RawRules) -> Rules {
    if raw.dispute_spread.value == 0 || raw.dispute_spread.value > MAX_LEVEL {
        let message = format!("dispute_spread is {}, but must be 1..4", raw.dispute_spread.value);
        c.error(
            Code::InvalidValue,
            &raw.dispute_spread,
            message,
            "the default 2 marks an indicator disputed when respondents are two levels apart",
        );
    }
    c.level("rules", "evidence_cap_level", &raw.evidence_cap_level);
    let min_coverage = &raw.min_coverage;
    if !(min_coverage.value.is_finite() && (0.0..=1.0).contains(&min_coverage.value)) {
        let message = format!(
            "min_coverage is {}, but must be a share in 0..1",
            min_coverage.value
        );
        c.error(
            Code::InvalidValue,
            min_coverage,
            message,
            "e.g. 0.5: a score resting on less than half of the weight it should is provisional",
        );
    }
    Rules {
        consolidation: raw.consolidation,
        dispute_spread: raw.dispute_spread.value,
        evidence_policy: raw.evidence_policy,
        evidence_cap_level: raw.evidence_cap_level.value.min(MAX_LEVEL),
        min_coverage: min_coverage.value.clamp(0.0, 1.0),
        evidence: check_evidence_rules(c, &raw.evidence),
    }
}

/// `rules.evidence`: known types, ages and a document limit of at least 1; what is not given
/// takes the defaults of docs/validation.md section 1.
fn check_evidence_rules(c: &mut Checker<'_>, raw: &RawEvidenceRules) -> EvidenceRules {
    let mut rules = EvidenceRules::default();
    if let Some(types) = &raw.supports_high_levels {
        if types.value.is_empty() {
            c.error(
                Code::InvalidValue,
                types,
                "rules.evidence.supports_high_levels is empty, so no document could support levels 3 and 4".to_string(),
                &format!("list the register types that can, e.g. [law, regulation, official_statistic]; allowed: {}", EvidenceType::allowed()),
            );
        }
        rules.supports_high_levels = evidence_types(c, "rules.evidence.supports_high_levels", &types.value);
    }
    if let Some(ages) = &raw.max_age_years {
        rules.max_age_years.clear();
        for (code, years) in &ages.value {
            let Some(kind) = evidence_type(
                c,
                "rules.evidence.max_age_years",
                &Located {
                    value: code.clone(),
                    line: years.line,
                    column: years.column,
                },
            ) else {
                continue;
            };
            if years.value == 0 {
                c.error(
                    Code::InvalidValue,
                    years,
                    format!("rules.evidence.max_age_years gives `{code}` 0 years, so every document of it would be out of date"),
                    "give the most years a document of this type may be old at the assessment date, e.g. 3; leave the type out if it never goes out of date",
                );
                continue;
            }
            rules.max_age_years.insert(kind, years.value);
        }
    }
    if let Some(limit) = &raw.max_indicators_per_document {
        if limit.value == 0 {
            c.error(
                Code::InvalidValue,
                limit,
                "rules.evidence.max_indicators_per_document is 0, but must be at least 1".to_string(),
                "the default 6 reports a document cited for more than six indicators as overused",
            );
        } else {
            rules.max_indicators_per_document = limit.value;
        }
    }
    rules
}

/// The known evidence types of a list, each unknown one reported; repeats count once.
fn evidence_types(c: &mut Checker<'_>, owner: &str, types: &[Located<String>]) -> Vec<EvidenceType> {
    let mut known = Vec::new();
    for written in types {
        if let Some(kind) = evidence_type(c, owner, written)
            && !known.contains(&kind)
        {
            known.push(kind);
        }
    }
    known
}

/// An evidence type, or an error at its place naming the allowed types.
pub(super) fn evidence_type(
    c: &mut Checker<'_>,
    owner: &str,
    written: &Located<String>,
) -> Option<EvidenceType> {
    if let Some(kind) = EvidenceType::from_code(&written.value) {
        return Some(kind);
    }
    let codes: Vec<&str> = EvidenceType::ALL.iter().map(|t| t.code()).collect();
    let close = did_you_mean(&written.value, codes.iter().copied())
        .map(|t| format!("did you mean `{t}`? "))
        .unwrap_or_default();
    c.error(
        Code::InvalidValue,
        written,
        format!("{owner} names `{}`, which is not an evidence type", written.value),
        &format!("{close}allowed: {}", EvidenceType::allowed()),
    );
    None
}

fn check_pillar(
    c: &mut Checker<'_>,
    ids: &mut IdRegistry,
    bb_ids: &[String],
    pillar: &Located<RawPillar>,
    bb_pillars: &mut usize,
) -> Pillar {
    let raw = &pillar.value;
    c.kebab_id("pillar", &raw.id);
    ids.claim(c, "pillar", &raw.id);
    c.weight(&raw.id.value, &raw.weight);
    match raw.kind {
        PillarKind::BuildingBlocks => {
            *bb_pillars += 1;
            if !raw.dimensions.is_empty() {
                let message = format!(
                    "pillar `{}` is of kind `building_blocks` but lists dimensions",
                    raw.id.value
                );
                c.error(
                    Code::InvalidStructure,
                    &raw.id,
                    message,
                    "the Building Blocks pillar is scored from the inventory with the BB rubric; remove its dimensions",
                );
            }
        }
        PillarKind::Layer => {
            if raw.dimensions.is_empty() {
                let message = format!("layer pillar `{}` has no dimensions", raw.id.value);
                c.error(
                    Code::InvalidStructure,
                    &raw.id,
                    message,
                    "add at least one dimension with indicators",
                );
            }
        }
    }
    let dimensions = raw
        .dimensions
        .iter()
        .map(|d| check_dimension(c, ids, bb_ids, d))
        .collect();
    Pillar {
        id: raw.id.value.clone(),
        title: raw.title.clone(),
        description: raw.description.trim().to_string(),
        kind: raw.kind,
        weight: raw.weight.value,
        aggregator: raw.aggregator,
        dimensions,
    }
}

fn check_dimension(
    c: &mut Checker<'_>,
    ids: &mut IdRegistry,
    bb_ids: &[String],
    dimension: &Located<RawDimension>,
) -> Dimension {
    let raw = &dimension.value;
    c.kebab_id("dimension", &raw.id);
    ids.claim(c, "dimension", &raw.id);
    c.weight(&raw.id.value, &raw.weight);
    if raw.indicators.is_empty() {
        let message = format!("dimension `{}` has no indicators", raw.id.value);
        c.error(
            Code::InvalidStructure,
            &raw.id,
            message,
            "add indicators or remove the dimension",
        );
    }
    let indicators = raw
        .indicators
        .iter()
        .map(|i| check_indicator(c, ids, bb_ids, &raw.authorities, i))
        .collect();
    Dimension {
        id: raw.id.value.clone(),
        title: raw.title.clone(),
        description: raw.description.trim().to_string(),
        weight: raw.weight.value,
        aggregator: raw.aggregator,
        indicators,
    }
}

fn check_indicator(
    c: &mut Checker<'_>,
    ids: &mut IdRegistry,
    bb_ids: &[String],
    dimension_authorities: &[Located<String>],
    indicator: &Located<RawIndicator>,
) -> Indicator {
    let raw = &indicator.value;
    let id = &raw.id.value;
    c.kebab_id("indicator", &raw.id);
    ids.claim(c, "indicator", &raw.id);
    c.weight(id, &raw.weight);
    c.level(id, "target", &raw.target);
    let levels = c.descriptors(id, &raw.levels);
    let mut checks = level_checks::check_indicator_checks(c, &raw.id, &raw.checks, &levels);
    checks.sort_by_key(|check| check.level);
    for bb in &raw.building_blocks {
        check_bb_reference(c, bb_ids, &format!("indicator `{id}`"), bb);
    }
    Indicator {
        id: id.clone(),
        title: raw.title.clone(),
        description: raw.description.trim().to_string(),
        weight: raw.weight.value,
        target: raw.target.value.min(MAX_LEVEL),
        criticality: raw.criticality,
        levels,
        evidence: raw.evidence.clone(),
        evidence_types: evidence_types(
            c,
            &format!("indicator `{id}` evidence_types"),
            &raw.evidence_types,
        ),
        building_blocks: raw.building_blocks.iter().map(|b| b.value.clone()).collect(),
        dpi_component: raw.dpi_component,
        authorities: if raw.authorities.is_empty() {
            dimension_authorities
        } else {
            &raw.authorities
        }
        .iter()
        .map(|r| r.value.clone())
        .collect(),
        peers: check_peers(c, id, &raw.peers),
        checks,
    }
}

/// Scope notes give an area and a reason, and cite only indicators that exist.
fn check_scope_notes(
    c: &mut Checker<'_>,
    raw: &[Located<RawScopeNote>],
    indicator_ids: &HashSet<&str>,
) -> Vec<ScopeNote> {
    let mut known: Vec<&str> = indicator_ids.iter().copied().collect();
    known.sort_unstable();
    let mut notes = Vec::new();
    for note in raw {
        let n = &note.value;
        if n.area.value.trim().is_empty() || n.reason.trim().is_empty() {
            c.error(
                Code::MissingValue,
                &n.area,
                "a scope note needs both its area and the reason it is left out".to_string(),
                "write what the area is and why the framework does not score it",
            );
            continue;
        }
        for cited in &n.covered_by {
            if !indicator_ids.contains(&cited.value.as_str()) {
                let hint = match did_you_mean(&cited.value, known.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => "name an indicator of the framework".to_string(),
                };
                c.error(
                    Code::UnknownReference,
                    cited,
                    format!(
                        "the scope note on {} cites indicator `{}`, which does not exist",
                        n.area.value.trim(),
                        cited.value
                    ),
                    &hint,
                );
            }
        }
        notes.push(ScopeNote {
            area: n.area.value.trim().to_string(),
            reason: n.reason.trim().to_string(),
            covered_by: n.covered_by.iter().map(|i| i.value.clone()).collect(),
        });
    }
    notes
}

/// The assessment frameworks a peer reference may name.
pub const PEER_SOURCES: [&str; 7] = ["SDG", "GTMI", "GCI", "DGI", "EGDI", "GDHM", "ITU"];

/// Peer references name a known framework and an id there, each once.
fn check_peers(c: &mut Checker<'_>, indicator: &str, raw: &[Located<RawPeer>]) -> Vec<Peer> {
    let mut seen = HashSet::new();
    let mut peers = Vec::new();
    for peer in raw {
        let p = &peer.value;
        if !PEER_SOURCES.contains(&p.source.value.as_str()) {
            let hint = match did_you_mean(&p.source.value, PEER_SOURCES.iter().copied()) {
                Some(close) => format!("did you mean `{close}`? The sources: {}", PEER_SOURCES.join(", ")),
                None => format!("the sources: {}", PEER_SOURCES.join(", ")),
            };
            c.error(
                Code::InvalidValue,
                &p.source,
                format!(
                    "indicator `{indicator}` cites a peer in `{}`, which is no known framework",
                    p.source.value
                ),
                &hint,
            );
            continue;
        }
        if p.id.value.trim().is_empty() {
            c.error(
                Code::MissingValue,
                &p.id,
                format!(
                    "indicator `{indicator}` cites a {} peer without its id",
                    p.source.value
                ),
                "give the peer's id in its framework, e.g. 17.6.1 for an SDG indicator",
            );
            continue;
        }
        if !seen.insert((p.source.value.clone(), p.id.value.clone())) {
            c.error(
                Code::DuplicateId,
                &p.id,
                format!(
                    "indicator `{indicator}` cites {} {} twice",
                    p.source.value, p.id.value
                ),
                "cite each peer once",
            );
            continue;
        }
        peers.push(Peer {
            source: p.source.value.clone(),
            id: p.id.value.trim().to_string(),
            title: p.title.trim().to_string(),
        });
    }
    peers
}

/// The hint for a name that is neither a framework role nor one of `kinds`: the closest of them,
/// then the roles (and the kinds, when a kind would do).
fn role_hint(written: &str, role_ids: &[&str], kinds: &[&str]) -> String {
    let close = did_you_mean(written, role_ids.iter().chain(kinds).copied())
        .map(|close| format!("did you mean `{close}`? "))
        .unwrap_or_default();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!("; kinds of institution: {}", kinds.join(", "))
    };
    format!("{close}the framework's roles: {}{kinds}", role_ids.join(", "))
}

/// Every `authorities` entry of the dimensions and indicators names a framework role.
fn check_authorities(c: &mut Checker<'_>, pillars: &[Located<RawPillar>], roles: &[Role]) {
    let role_ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    for dimension in pillars.iter().flat_map(|p| &p.value.dimensions) {
        let dimension = &dimension.value;
        let owners = std::iter::once((
            format!("dimension `{}`", dimension.id.value),
            &dimension.authorities,
        ))
        .chain(
            dimension
                .indicators
                .iter()
                .map(|i| (format!("indicator `{}`", i.value.id.value), &i.value.authorities)),
        );
        for (owner, authorities) in owners {
            for role in authorities {
                if role_ids.contains(&role.value.as_str()) {
                    continue;
                }
                c.error(
                    Code::UnknownReference,
                    role,
                    format!(
                        "{owner} names `{}` as an authority, which is no role of the framework",
                        role.value
                    ),
                    &role_hint(&role.value, &role_ids, &[]),
                );
            }
        }
    }
}

fn check_bb_reference(c: &mut Checker<'_>, bb_ids: &[String], owner: &str, bb: &Located<String>) {
    if !bb_ids.contains(&bb.value) {
        let hint = match did_you_mean(&bb.value, bb_ids.iter().map(String::as_str)) {
            Some(close) => format!(
                "did you mean `{close}`? Known Building Blocks: {}",
                bb_ids.join(", ")
            ),
            None => format!("known Building Blocks: {}", bb_ids.join(", ")),
        };
        let message = format!("{owner} refers to an unknown Building Block `{}`", bb.value);
        c.error(Code::UnknownReference, bb, message, &hint);
    }
}

fn check_building_blocks(
    c: &mut Checker<'_>,
    ids: &mut IdRegistry,
    catalogue: &[Located<RawBuildingBlock>],
) -> Vec<BuildingBlock> {
    let bb_ids: Vec<String> = catalogue.iter().map(|b| b.value.id.value.clone()).collect();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for bb in catalogue {
        let raw = &bb.value;
        let id = &raw.id.value;
        c.kebab_id("Building Block", &raw.id);
        ids.claim(c, "Building Block", &raw.id);
        c.weight(id, &raw.weight);
        c.level(id, "target", &raw.target);
        let judged: Vec<&Located<String>> = raw.depends_on_judgement.iter().map(|d| &d.value.bb).collect();
        for dependency in raw.depends_on.iter().chain(judged.iter().copied()) {
            if &dependency.value == id {
                let message = format!("Building Block `{id}` depends on itself");
                c.error(
                    Code::DependencyCycle,
                    dependency,
                    message,
                    "remove it from its own depends_on",
                );
            } else {
                check_bb_reference(c, &bb_ids, &format!("Building Block `{id}`"), dependency);
            }
        }
        if raw.sources.is_empty() {
            // A warning, not an error: the BB can still be scored, but its facts cannot be checked.
            let message =
                format!("Building Block `{id}` names no source for its status, version and dependencies");
            let location = c.at(&raw.id);
            c.found.push(
                Diagnostic::warning(Code::InvalidStructure, location, message).with_hint(
                    "add `sources:` with the specification it follows (name, version, where it is published)",
                ),
            );
        }
        for criterion in raw.criteria_not_applicable.value.keys() {
            if !CRITERIA.contains(&criterion.as_str()) {
                let message = format!(
                    "Building Block `{id}` declares an unknown criterion `{criterion}` not applicable"
                );
                c.error(
                    Code::InvalidRubric,
                    &raw.criteria_not_applicable,
                    message,
                    "criteria are c1 (exists), c2 (interoperable), c3 (governance and legal) and c4 (shared)",
                );
            }
        }
        // Names and aliases are how inventories refer to BBs; one spelling must mean one BB.
        for name in std::iter::once(&raw.name)
            .chain(raw.aliases.iter())
            .chain(std::iter::once(id))
        {
            let key = name.trim().to_lowercase();
            match names.get(&key) {
                Some(other) if other != id => {
                    let message = format!(
                        "the name or alias `{name}` of Building Block `{id}` is also used by `{other}`"
                    );
                    c.error(
                        Code::DuplicateId,
                        &raw.id,
                        message,
                        "inventories match BBs by id, name or alias (case-insensitive); each must be unique",
                    );
                }
                _ => {
                    names.insert(key, id.clone());
                }
            }
        }
        out.push(BuildingBlock {
            id: id.clone(),
            name: raw.name.clone(),
            aliases: raw.aliases.clone(),
            description: raw.description.trim().to_string(),
            status: raw.status,
            spec_version: raw.spec_version.clone(),
            spec_url: raw.spec_url.as_ref().and_then(|url| {
                if url.value.starts_with("https://") && !url.value.contains(char::is_whitespace) {
                    Some(url.value.clone())
                } else {
                    c.error(
                        Code::InvalidValue,
                        url,
                        format!("spec_url of `{id}` is `{}`, not a web address", url.value),
                        "write the specification's address in full, starting with https://",
                    );
                    None
                }
            }),
            status_note: raw.status_note.as_ref().map(|n| n.trim().to_string()),
            sources: raw.sources.clone(),
            dpi_component: raw.dpi_component,
            foundational: raw.foundational,
            weight: raw.weight.value,
            target: raw.target.value.min(MAX_LEVEL),
            depends_on: raw
                .depends_on
                .iter()
                .chain(judged.iter().copied())
                .map(|d| d.value.clone())
                .collect(),
            judged_dependencies: raw
                .depends_on_judgement
                .iter()
                .map(|d| JudgedDependency {
                    bb: d.value.bb.value.clone(),
                    reason: d.value.reason.trim().to_string(),
                })
                .collect(),
            criteria_not_applicable: raw
                .criteria_not_applicable
                .value
                .iter()
                .map(|(k, v)| (k.clone(), v.trim().to_string()))
                .collect(),
            capabilities: raw.capabilities.clone(),
            shape: raw.shape,
            candidates: super::architecture::check_candidates(c, id, &raw.candidates),
        });
    }
    check_dependency_cycles(c, catalogue);
    out
}

/// Finds every cycle in the BB dependency graph and reports each once, naming it in order
/// (`a → b → c → a`) at the dependency entry that closes it.
fn check_dependency_cycles(c: &mut Checker<'_>, catalogue: &[Located<RawBuildingBlock>]) {
    let index: BTreeMap<&str, usize> = catalogue
        .iter()
        .enumerate()
        .map(|(i, b)| (b.value.id.value.as_str(), i))
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; catalogue.len()];
    let mut path: Vec<usize> = Vec::new();
    let mut reported: HashSet<Vec<String>> = HashSet::new();

    fn visit(
        node: usize,
        catalogue: &[Located<RawBuildingBlock>],
        index: &BTreeMap<&str, usize>,
        state: &mut [u8],
        path: &mut Vec<usize>,
        reported: &mut HashSet<Vec<String>>,
        c: &mut Checker<'_>,
    ) {
        state[node] = 1;
        path.push(node);
        let bb = &catalogue[node].value;
        let judged = bb.depends_on_judgement.iter().map(|d| &d.value.bb);
        for dependency in bb.depends_on.iter().chain(judged) {
            let Some(&next) = index.get(dependency.value.as_str()) else {
                continue;
            };
            if next == node {
                continue; // self-dependency is reported on its own
            }
            match state[next] {
                0 => visit(next, catalogue, index, state, path, reported, c),
                1 => {
                    let start = path.iter().position(|&n| n == next).unwrap_or(0);
                    let members: Vec<String> = path[start..]
                        .iter()
                        .map(|&n| catalogue[n].value.id.value.clone())
                        .collect();
                    // The same cycle can be entered from any member; report it once.
                    let mut key = members.clone();
                    key.sort();
                    if reported.insert(key) {
                        let mut named = members.clone();
                        named.push(members[0].clone());
                        let message =
                            format!("Building Block dependencies form a cycle: {}", named.join(" → "));
                        c.error(
                            Code::DependencyCycle,
                            dependency,
                            message,
                            "a BB cannot need itself, directly or through others; remove one of these depends_on entries",
                        );
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state[node] = 2;
    }

    for start in 0..catalogue.len() {
        if state[start] == 0 {
            visit(start, catalogue, &index, &mut state, &mut path, &mut reported, c);
        }
    }
}

fn check_rubric(c: &mut Checker<'_>, raw: &RawBbRubric, bb_ids: &[String]) -> BbRubric {
    let mut criteria = Vec::new();
    let mut seen = HashSet::new();
    for criterion in &raw.criteria {
        let value = &criterion.value;
        if !CRITERIA.contains(&value.id.value.as_str()) || !seen.insert(value.id.value.clone()) {
            let message = format!("criterion `{}` is unknown or listed twice", value.id.value);
            c.error(
                Code::InvalidRubric,
                &value.id,
                message,
                "list c1 (exists), c2 (interoperable), c3 (governance and legal), c4 (shared) once each",
            );
        }
        c.weight(&value.id.value, &value.weight);
        let levels = c.descriptors(&value.id.value, &value.levels);
        criteria.push(Criterion {
            id: value.id.value.clone(),
            title: value.title.clone(),
            question: value.question.clone(),
            weight: value.weight.value,
            levels,
        });
    }
    criteria.sort_by(|a, b| a.id.cmp(&b.id));
    let missing: Vec<&str> = CRITERIA
        .iter()
        .copied()
        .filter(|id| !seen.contains(*id))
        .collect();
    if !missing.is_empty() {
        let message = format!("the BB rubric lacks criteria {}", missing.join(", "));
        let at = raw
            .criteria
            .first()
            .map(|c| Located {
                value: (),
                line: c.line,
                column: c.column,
            })
            .unwrap_or(Located::unplaced(()));
        c.error(
            Code::InvalidRubric,
            &at,
            message,
            "each BB is scored on all four assessment questions",
        );
    }

    let status_levels = complete_table(
        c,
        "exists.status_levels",
        &raw.exists.status_levels,
        LifecycleStatus::ALL,
    );
    let coverage = &raw.exists.advanced_min_coverage;
    if !(coverage.value > 0.0 && coverage.value <= 1.0) {
        let message = format!(
            "advanced_min_coverage is {}, but must be a share in (0, 1]",
            coverage.value
        );
        c.error(
            Code::InvalidRubric,
            coverage,
            message,
            "e.g. 0.6 for 60% of the target population",
        );
    }
    c.level("exists", "module_max_level", &raw.exists.module_max_level);
    let interop = &raw.interoperable;
    let exchange_levels = complete_table(
        c,
        "interoperable.exchange_levels",
        &interop.exchange_levels,
        ExchangeMode::ALL,
    );
    c.level("interoperable", "standards_bonus", &interop.standards_bonus);
    let standards_ceiling = complete_table(
        c,
        "interoperable.standards_ceiling",
        &interop.standards_ceiling,
        ExchangeMode::ALL,
    );
    check_bb_reference(c, bb_ids, "interoperable.layer_bb", &interop.layer_bb);
    let not_running = [
        LifecycleStatus::Pilot,
        LifecycleStatus::Planned,
        LifecycleStatus::Legacy,
    ];
    let missing: Vec<String> = not_running
        .iter()
        .filter(|s| !interop.layer_claim.value.contains_key(*s))
        .map(|s| s.to_string())
        .collect();
    if !missing.is_empty()
        || interop
            .layer_claim
            .value
            .contains_key(&LifecycleStatus::Production)
    {
        let message = format!(
            "interoperable.layer_claim must give the exchange counted for pilot, planned and legacy (and not production); missing: {}",
            if missing.is_empty() {
                "none".to_string()
            } else {
                missing.join(", ")
            }
        );
        c.error(
            Code::InvalidRubric,
            &interop.layer_claim,
            message,
            "a production layer counts in full; name what a claim counts as while the layer is pilot, planned or legacy",
        );
    }

    let platform_user_steps = check_steps(
        c,
        "shared.platform_user_steps",
        &raw.shared.platform_user_steps,
        1,
    );

    let mut ceilings = Vec::new();
    for ceiling in &raw.ceilings {
        let value = &ceiling.value;
        c.kebab_id("ceiling", &value.id);
        let owner = format!("ceiling `{}`", value.id.value);
        check_criterion_reference(c, &owner, &value.criterion);
        check_below_level(c, &owner, &value.below_level, "e.g. `below_level: 3`");
        check_max_score(c, &value.id.value, &value.max_score);
        ceilings.push(Ceiling {
            id: value.id.value.clone(),
            reason: value.reason.trim().to_string(),
            criterion: value.criterion.value.clone(),
            below_level: value.below_level.value,
            max_score: value.max_score.value,
        });
    }

    BbRubric {
        criteria,
        exists: ExistsRule {
            status_levels,
            advanced_min_coverage: coverage.value,
            module_max_level: raw.exists.module_max_level.value.min(MAX_LEVEL),
        },
        interoperable: InteropRule {
            exchange_levels,
            standards_bonus: interop.standards_bonus.value.min(MAX_LEVEL),
            standards_ceiling,
            layer_bb: interop.layer_bb.value.clone(),
            layer_claim: interop.layer_claim.value.clone(),
            layer_absent: interop.layer_absent,
        },
        shared: SharedRule { platform_user_steps },
        ceilings,
    }
}

/// The BB rubric's criteria, by id.
const CRITERIA: [&str; 4] = ["c1", "c2", "c3", "c4"];

/// A reference to a rubric criterion by `owner` (a ceiling, a consistency rule) must name one.
fn check_criterion_reference(c: &mut Checker<'_>, owner: &str, criterion: &Located<String>) {
    if !CRITERIA.contains(&criterion.value.as_str()) {
        let message = format!("{owner} refers to an unknown criterion `{}`", criterion.value);
        c.error(
            Code::UnknownReference,
            criterion,
            message,
            "criteria are c1 (exists), c2 (interoperable), c3 (governance and legal) and c4 (shared)",
        );
    }
}

/// A cap or ceiling fires below a level 1..4 (nothing is below 0).
fn check_below_level(c: &mut Checker<'_>, owner: &str, below_level: &Located<u8>, example: &str) {
    if below_level.value == 0 || below_level.value > MAX_LEVEL {
        let message = format!(
            "{owner} fires below level {}, but that must be 1..4 (nothing is below 0)",
            below_level.value
        );
        c.error(Code::LevelOutOfRange, below_level, message, example);
    }
}

fn check_max_score(c: &mut Checker<'_>, owner: &str, max_score: &Located<f64>) {
    if !(max_score.value.is_finite() && (0.0..=100.0).contains(&max_score.value)) {
        let message = format!("`{owner}` has max_score {}, outside 0..100", max_score.value);
        c.error(Code::InvalidValue, max_score, message, "scores run from 0 to 100");
    }
}

/// The open specifications: ids unique, every spelling unique.
fn check_open_specifications(
    c: &mut Checker<'_>,
    raw: &[Located<RawOpenSpecification>],
) -> Vec<OpenSpecification> {
    let mut ids = IdRegistry::new();
    let mut spellings: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for spec in raw {
        let value = &spec.value;
        c.kebab_id("open specification", &value.id);
        ids.claim(c, "open specification", &value.id);
        let names: Vec<String> = std::iter::once(value.name.clone())
            .chain(value.aliases.iter().cloned())
            .collect();
        for name in &names {
            let key = normalise_spelling(name);
            if key.is_empty() {
                let message = format!(
                    "open specification `{}` has an empty name or alias",
                    value.id.value
                );
                c.error(
                    Code::InvalidValue,
                    &value.id,
                    message,
                    "give the name as its publisher writes it",
                );
                continue;
            }
            if let Some(other) = spellings.get(&key)
                && other != &value.id.value
            {
                let message = format!(
                    "the spelling `{name}` of open specification `{}` is also used by `{other}`",
                    value.id.value
                );
                c.error(
                    Code::DuplicateId,
                    &value.id,
                    message,
                    "each spelling must name one specification",
                );
            }
            spellings.insert(key, value.id.value.clone());
        }
        if value.source.trim().is_empty() {
            let message = format!("open specification `{}` names no source", value.id.value);
            c.error(
                Code::InvalidValue,
                &value.id,
                message,
                "say who publishes it and where",
            );
        }
        out.push(OpenSpecification {
            id: value.id.value.clone(),
            name: value.name.clone(),
            names,
            source: value.source.trim().to_string(),
        });
    }
    out
}

/// A spelling of a standard as compared: lowercase, every run of characters other than letters
/// and digits one space, trimmed.
pub fn normalise_spelling(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn check_consistency(
    c: &mut Checker<'_>,
    raw: &[Located<RawConsistencyRule>],
    indicator_ids: &HashSet<&str>,
    bb_ids: &[String],
) -> Vec<ConsistencyRule> {
    let mut ids = IdRegistry::new();
    let mut out = Vec::new();
    for rule in raw {
        let value = &rule.value;
        let id = &value.id.value;
        c.kebab_id("consistency rule", &value.id);
        ids.claim(c, "consistency rule", &value.id);
        if !indicator_ids.contains(value.indicator.value.as_str()) {
            let message = format!(
                "consistency rule `{id}` refers to an unknown indicator `{}`",
                value.indicator.value
            );
            c.error(
                Code::UnknownReference,
                &value.indicator,
                message,
                "name an indicator id of this framework",
            );
        }
        check_bb_reference(
            c,
            bb_ids,
            &format!("consistency rule `{id}`"),
            &value.building_block,
        );
        check_criterion_reference(c, &format!("consistency rule `{id}`"), &value.criterion);
        if !(value.max_spread.value.is_finite() && (0.0..4.0).contains(&value.max_spread.value)) {
            let message = format!(
                "consistency rule `{id}` allows a spread of {}, outside 0..4",
                value.max_spread.value
            );
            c.error(
                Code::InvalidValue,
                &value.max_spread,
                message,
                "e.g. `max_spread: 1`",
            );
        }
        out.push(ConsistencyRule {
            id: id.clone(),
            reason: value.reason.trim().to_string(),
            indicator: value.indicator.value.clone(),
            building_block: value.building_block.value.clone(),
            criterion: value.criterion.value.clone(),
            max_spread: value.max_spread.value,
        });
    }
    out
}

/// A level for every value of a vocabulary, each within 0..4.
fn complete_table<K>(
    c: &mut Checker<'_>,
    what: &str,
    table: &Located<IndexMap<K, u8>>,
    all: &[K],
) -> IndexMap<K, u8>
where
    K: Copy + Eq + std::hash::Hash + std::fmt::Display,
{
    let missing: Vec<String> = all
        .iter()
        .filter(|k| !table.value.contains_key(*k))
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        let message = format!("{what} has no level for {}", missing.join(", "));
        c.error(
            Code::InvalidRubric,
            table,
            message,
            "give a level 0..4 for every value",
        );
    }
    for (key, level) in &table.value {
        if *level > MAX_LEVEL {
            let message = format!("{what}.{key} is {level}, outside the levels 0..4");
            c.error(Code::LevelOutOfRange, table, message, "levels are 0..4");
        }
    }
    all.iter()
        .map(|k| (*k, table.value.get(k).copied().unwrap_or(0).min(MAX_LEVEL)))
        .collect()
}

fn check_steps(c: &mut Checker<'_>, what: &str, steps: &Located<Vec<RawStep>>, lowest: u32) -> Vec<Step> {
    if steps.value.is_empty() {
        c.error(
            Code::InvalidRubric,
            steps,
            format!("{what} is empty"),
            "give at least one step",
        );
    }
    let ascending = steps.value.windows(2).all(|w| w[0].min < w[1].min);
    if !ascending || steps.value.first().is_some_and(|s| s.min < lowest) {
        let mins: Vec<String> = steps.value.iter().map(|s| s.min.to_string()).collect();
        let message = format!(
            "{what} minimums [{}] are not strictly ascending from at least {lowest}",
            mins.join(", ")
        );
        c.error(
            Code::InvalidThresholds,
            steps,
            message,
            "order the steps by their `min`, smallest first",
        );
    }
    for step in &steps.value {
        if step.level > MAX_LEVEL {
            let message = format!("{what} has level {}, outside 0..4", step.level);
            c.error(Code::LevelOutOfRange, steps, message, "levels are 0..4");
        }
    }
    steps
        .value
        .iter()
        .map(|s| Step {
            min: s.min,
            level: s.level.min(MAX_LEVEL),
        })
        .collect()
}

fn check_caps(
    c: &mut Checker<'_>,
    caps: &[Located<RawCap>],
    indicator_ids: &HashSet<&str>,
    node_ids: &[&str],
    ceilings: &[Ceiling],
) -> Vec<Cap> {
    let mut cap_ids = IdRegistry::new();
    let mut out = Vec::new();
    for cap in caps {
        let raw = &cap.value;
        c.kebab_id("cap", &raw.id);
        cap_ids.claim(c, "cap", &raw.id);
        if ceilings.iter().any(|ceiling| ceiling.id == raw.id.value) {
            let message = format!("cap `{}` has the id of a rubric ceiling", raw.id.value);
            c.error(
                Code::DuplicateId,
                &raw.id,
                message,
                "caps and ceilings share one id space; rename one",
            );
        }
        if !indicator_ids.contains(raw.indicator.value.as_str()) {
            let hint = did_you_mean(&raw.indicator.value, indicator_ids.iter().copied())
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| "name an indicator id of this framework".into());
            let message = format!(
                "cap `{}` refers to an unknown indicator `{}`",
                raw.id.value, raw.indicator.value
            );
            c.error(Code::UnknownReference, &raw.indicator, message, &hint);
        }
        check_below_level(
            c,
            &format!("cap `{}`", raw.id.value),
            &raw.below_level,
            "e.g. `below_level: 2`",
        );
        if raw.nodes.value.is_empty() {
            let message = format!("cap `{}` limits no node", raw.id.value);
            c.error(
                Code::InvalidStructure,
                &raw.nodes,
                message,
                "list the pillar, dimension or BB ids it limits, or `overall`",
            );
        }
        for node in &raw.nodes.value {
            if node != "overall" && !node_ids.contains(&node.as_str()) {
                let hint = match did_you_mean(node, node_ids.iter().copied()) {
                    Some(close) => format!(
                        "did you mean `{close}`? A cap limits a pillar, a dimension, a Building Block or `overall`"
                    ),
                    None => "a cap limits a pillar id, a dimension id, a Building Block id or `overall`"
                        .to_string(),
                };
                let message = format!("cap `{}` limits an unknown node `{node}`", raw.id.value);
                c.error(Code::UnknownReference, &raw.nodes, message, &hint);
            }
        }
        check_max_score(c, &raw.id.value, &raw.max_score);
        out.push(Cap {
            id: raw.id.value.clone(),
            reason: raw.reason.trim().to_string(),
            indicator: raw.indicator.value.clone(),
            below_level: raw.below_level.value,
            nodes: raw.nodes.value.clone(),
            max_score: raw.max_score.value,
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Questionnaires
// ---------------------------------------------------------------------------------------------

/// Validates a questionnaire against the framework it feeds.
pub fn validate_questionnaire(
    raw: &RawQuestionnaire,
    framework: &Framework,
    file: &str,
) -> Result<(Questionnaire, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut c = Checker::new(file);
    c.kebab_id("questionnaire", &raw.id);
    c.semver("questionnaire", &raw.version);
    if raw.framework.value != framework.id {
        let message = format!(
            "questionnaire `{}` is written for framework `{}`, but it is being checked against `{}`",
            raw.id.value, raw.framework.value, framework.id
        );
        c.error(
            Code::UnknownReference,
            &raw.framework,
            message,
            "use a questionnaire of the assessment's framework, or set `framework:` to that framework's id",
        );
    }
    if raw.questions.is_empty() {
        let message = format!("questionnaire `{}` has no questions", raw.id.value);
        c.error(
            Code::InvalidStructure,
            &raw.id,
            message,
            "add questions under `questions:`",
        );
    }
    let indicator_ids: Vec<&str> = framework.indicators().map(|(_, _, i)| i.id.as_str()).collect();
    let mut ids = IdRegistry::new();
    let mut questions = Vec::new();
    for question in &raw.questions {
        if let Some(q) = check_question(&mut c, &mut ids, framework, &indicator_ids, question) {
            questions.push(q);
        }
    }
    let questionnaire = Questionnaire {
        id: raw.id.value.clone(),
        version: raw.version.value.clone(),
        title: raw.title.clone(),
        description: raw.description.trim().to_string(),
        framework: raw.framework.value.clone(),
        language: raw.language.clone(),
        questions,
    };
    c.finish(questionnaire)
}

fn check_question(
    c: &mut Checker<'_>,
    ids: &mut IdRegistry,
    framework: &Framework,
    indicator_ids: &[&str],
    question: &Located<RawQuestion>,
) -> Option<Question> {
    let raw = &question.value;
    let qid = &raw.id.value;
    let id_ok = qid.starts_with(|ch: char| ch.is_ascii_alphanumeric())
        && qid
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '-' | '_'));
    if !id_ok {
        let message = format!("question id `{qid}` may use only lowercase letters, digits, `.`, `-` and `_`");
        c.error(
            Code::InvalidId,
            &raw.id,
            message,
            "e.g. `inf.01`; the id goes into answer files and XLSForm names",
        );
    }
    ids.claim(c, "question", &raw.id);
    if raw.text.trim().is_empty() {
        let message = format!("question `{qid}` has no text");
        c.error(
            Code::InvalidStructure,
            &raw.id,
            message,
            "write the question as the respondent should read it",
        );
    }

    let indicator = match &raw.indicator {
        None => {
            let message = format!("question `{qid}` is mapped to no indicator");
            c.error(
                Code::QuestionWithoutIndicator,
                &raw.id,
                message,
                "add `indicator: <id>` naming the framework indicator this question scores",
            );
            None
        }
        Some(reference) => match framework.indicator(&reference.value) {
            Some(indicator) => Some(indicator),
            None => {
                let hint = match did_you_mean(&reference.value, indicator_ids.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "`dpi-assess frameworks show {}` lists the indicators",
                        framework.id
                    ),
                };
                let message = format!(
                    "question `{qid}` refers to an unknown indicator `{}`",
                    reference.value
                );
                c.error(Code::UnknownReference, reference, message, &hint);
                None
            }
        },
    };

    let answer_type = raw.answer_type.value;
    let options = check_options(c, raw, indicator);
    let thresholds = check_thresholds(c, raw);
    if raw.lower_is_better && !matches!(answer_type, AnswerType::Number | AnswerType::Percent) {
        let message = format!("question `{qid}` sets lower_is_better, which only `number` and `percent` use");
        c.error(
            Code::InvalidOptions,
            &raw.answer_type,
            message,
            "remove `lower_is_better`",
        );
    }

    let numeric = matches!(answer_type, AnswerType::Number | AnswerType::Percent);
    let statistic = match (&raw.statistic, numeric) {
        (None, true) => {
            c.error(
                Code::MissingValue,
                &raw.answer_type,
                format!("question `{qid}` asks for a figure but names no source statistic"),
                "add `statistic: {name: …, publisher: …, code: …}` so respondents know which official figure to give",
            );
            None
        }
        (Some(statistic), false) => {
            c.error(
                Code::InvalidOptions,
                statistic,
                format!(
                    "question `{qid}` names a statistic, which only `number` and `percent` questions use"
                ),
                "remove `statistic`",
            );
            None
        }
        (Some(statistic), true) => {
            let s = &statistic.value;
            if s.name.trim().is_empty() || s.publisher.trim().is_empty() {
                c.error(
                    Code::MissingValue,
                    statistic,
                    format!("the statistic of question `{qid}` needs a name and a publisher"),
                    "e.g. `{name: Individuals using the internet, publisher: ITU, code: SDG 17.8.1}`",
                );
            }
            Some(Statistic {
                name: s.name.trim().to_string(),
                publisher: s.publisher.trim().to_string(),
                code: s
                    .code
                    .as_ref()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty()),
            })
        }
        (None, false) => None,
    };

    let suits = check_suits(c, framework, raw);

    indicator.map(|indicator| Question {
        statistic,
        suits,
        id: qid.clone(),
        indicator: indicator.id.clone(),
        text: raw.text.trim().to_string(),
        help: raw.help.trim().to_string(),
        answer_type,
        options,
        thresholds,
        lower_is_better: raw.lower_is_better,
        unit: raw.unit.clone(),
    })
}

/// Every entry of a question's `suits` is a framework role or a kind of institution (the
/// vocabulary of the list's `kind`: `ministry`, `local_government`, …); each is listed once.
fn check_suits(c: &mut Checker<'_>, framework: &Framework, raw: &RawQuestion) -> Vec<String> {
    let role_ids: Vec<&str> = framework.roles.iter().map(|r| r.id.as_str()).collect();
    let kinds: Vec<&str> = InstitutionKind::ALL.iter().map(|k| k.code()).collect();
    let mut suits: Vec<String> = Vec::new();
    for entry in &raw.suits {
        let name = entry.value.as_str();
        if !role_ids.contains(&name) && !kinds.contains(&name) {
            c.error(
                Code::UnknownReference,
                entry,
                format!(
                    "question `{}` suits `{name}`, which is neither a role of the framework nor a kind of institution",
                    raw.id.value
                ),
                &role_hint(name, &role_ids, &kinds),
            );
        } else if suits.iter().any(|s| s == name) {
            c.error(
                Code::DuplicateId,
                entry,
                format!("question `{}` lists `{name}` twice under `suits`", raw.id.value),
                "list each role or kind once",
            );
        } else {
            suits.push(name.to_string());
        }
    }
    suits
}

fn check_options(c: &mut Checker<'_>, raw: &RawQuestion, indicator: Option<&Indicator>) -> Vec<AnswerOption> {
    let qid = &raw.id.value;
    let answer_type = raw.answer_type.value;
    let at = &raw.answer_type;
    match answer_type {
        AnswerType::Level => {
            if !raw.options.is_empty() {
                let message = format!("`level` question `{qid}` lists options");
                c.error(
                    Code::InvalidOptions,
                    at,
                    message,
                    "a `level` question offers the indicator's five descriptors; remove `options` or use `choice`",
                );
            }
            return indicator
                .map(|i| {
                    i.levels
                        .iter()
                        .enumerate()
                        .map(|(level, text)| AnswerOption {
                            code: level.to_string(),
                            label: text.clone(),
                            level: Some(level as u8),
                            points: 0.0,
                        })
                        .collect()
                })
                .unwrap_or_default();
        }
        AnswerType::Number | AnswerType::Percent => {
            if !raw.options.is_empty() {
                let message = format!("`{answer_type}` question `{qid}` lists options");
                c.error(
                    Code::InvalidOptions,
                    at,
                    message,
                    "numeric answers are read against `thresholds`; remove `options`",
                );
            }
            return Vec::new();
        }
        AnswerType::YesNo | AnswerType::Choice | AnswerType::Multi => {}
    }

    let mut codes = IdRegistry::new();
    let mut out = Vec::new();
    for option in &raw.options {
        let o = &option.value;
        let code_ok = !o.code.value.is_empty()
            && o.code
                .value
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
        if !code_ok {
            let message = format!(
                "option code `{}` of question `{qid}` is not lowercase snake_case",
                o.code.value
            );
            c.error(
                Code::InvalidId,
                &o.code,
                message,
                "use lowercase letters, digits and `_` (no spaces: multi-select answers are space-separated)",
            );
        }
        codes.claim(c, "option", &o.code);
        if o.label.trim().is_empty() {
            let message = format!("option `{}` of question `{qid}` has no label", o.code.value);
            c.error(
                Code::InvalidOptions,
                &o.code,
                message,
                "give the text the respondent sees",
            );
        }
        let level = match (answer_type, &o.level) {
            (AnswerType::Multi, Some(level)) => {
                let message = format!(
                    "option `{}` of `multi` question `{qid}` has a level",
                    o.code.value
                );
                c.error(
                    Code::InvalidOptions,
                    level,
                    message,
                    "`multi` options carry `points`; the total is read against `thresholds`",
                );
                None
            }
            (AnswerType::Multi, None) => None,
            (_, None) => {
                let message = format!("option `{}` of question `{qid}` has no level", o.code.value);
                c.error(Code::InvalidOptions, &o.code, message, "add `level: 0..4`");
                None
            }
            (_, Some(level)) => c
                .level(&format!("{qid}/{}", o.code.value), "option level", level)
                .then_some(level.value),
        };
        let points = match (&o.points, answer_type) {
            (Some(points), AnswerType::Multi) => {
                if !(points.value.is_finite() && points.value > 0.0) {
                    let message = format!(
                        "option `{}` of question `{qid}` has {} points",
                        o.code.value, points.value
                    );
                    c.error(
                        Code::InvalidValue,
                        points,
                        message,
                        "points must be greater than 0",
                    );
                }
                points.value
            }
            (Some(points), _) => {
                let message = format!(
                    "option `{}` of `{answer_type}` question `{qid}` has points",
                    o.code.value
                );
                c.error(
                    Code::InvalidOptions,
                    points,
                    message,
                    "only `multi` options carry points; use `level`",
                );
                0.0
            }
            (None, AnswerType::Multi) => 1.0,
            (None, _) => 0.0,
        };
        out.push(AnswerOption {
            code: o.code.value.clone(),
            label: o.label.trim().to_string(),
            level,
            points,
        });
    }

    match answer_type {
        AnswerType::YesNo => {
            let mut codes: Vec<&str> = out.iter().map(|o| o.code.as_str()).collect();
            codes.sort_unstable();
            if codes != ["no", "yes"] {
                let message = format!(
                    "`yes_no` question `{qid}` has options [{}], but needs exactly `yes` and `no`",
                    codes.join(", ")
                );
                c.error(
                    Code::InvalidOptions,
                    at,
                    message,
                    "use `choice` for more than two answers",
                );
            }
        }
        AnswerType::Choice if out.len() < 2 => {
            let message = format!(
                "`choice` question `{qid}` has {} option(s); it needs at least two",
                out.len()
            );
            c.error(
                Code::InvalidOptions,
                at,
                message,
                "list the options, each with a level 0..4",
            );
        }
        AnswerType::Multi if out.is_empty() => {
            let message = format!("`multi` question `{qid}` has no options");
            c.error(
                Code::InvalidOptions,
                at,
                message,
                "list the options respondents can tick",
            );
        }
        _ => {}
    }
    out
}

fn check_thresholds(c: &mut Checker<'_>, raw: &RawQuestion) -> Option<[f64; 4]> {
    let qid = &raw.id.value;
    let answer_type = raw.answer_type.value;
    let needs = matches!(
        answer_type,
        AnswerType::Multi | AnswerType::Number | AnswerType::Percent
    );
    let Some(thresholds) = &raw.thresholds else {
        if needs {
            let message = format!("`{answer_type}` question `{qid}` has no thresholds");
            c.error(
                Code::InvalidThresholds,
                &raw.answer_type,
                message,
                "add `thresholds: [t1, t2, t3, t4]`: the level is how many thresholds the value reaches",
            );
        }
        return None;
    };
    if !needs {
        let message = format!("`{answer_type}` question `{qid}` has thresholds, which it does not use");
        c.error(
            Code::InvalidThresholds,
            thresholds,
            message,
            "remove `thresholds`",
        );
        return None;
    }
    let values = &thresholds.value;
    let shown = values
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if values.len() != 4 || values.iter().any(|v| !v.is_finite()) {
        let message = format!("question `{qid}` has thresholds [{shown}]; it needs exactly four numbers");
        c.error(
            Code::InvalidThresholds,
            thresholds,
            message,
            "one threshold per level 1..4",
        );
        return None;
    }
    let descending = raw.lower_is_better;
    let ordered = values
        .windows(2)
        .all(|w| if descending { w[0] > w[1] } else { w[0] < w[1] });
    if !ordered {
        let (order, hint) = if descending {
            (
                "strictly descending",
                "with lower_is_better the best level needs the smallest value, e.g. [10, 5, 2, 1]",
            )
        } else {
            (
                "strictly ascending",
                "each level needs a higher value than the one below, e.g. [40, 60, 80, 95]",
            )
        };
        let message = format!("thresholds [{shown}] of question `{qid}` are not {order}");
        c.error(Code::InvalidThresholds, thresholds, message, hint);
        return None;
    }
    if answer_type == AnswerType::Percent && values.iter().any(|v| !(0.0..=100.0).contains(v)) {
        let message = format!("percent thresholds [{shown}] of question `{qid}` go outside 0..100");
        c.error(
            Code::InvalidThresholds,
            thresholds,
            message,
            "write percentages as 0..100, e.g. 80 for 80%",
        );
        return None;
    }
    Some([values[0], values[1], values[2], values[3]])
}

#[cfg(test)]
mod tests {
    use crate::definitions::{Source, builtin_framework, load_questionnaire};
    use crate::diagnostics::Code;

    /// Validates a questionnaire holding `questions` (YAML list items) against the embedded framework
    /// and returns the codes and messages found.
    fn problems(questions: &str) -> Vec<(Code, String)> {
        let framework = builtin_framework("govstack-dpi").expect("embedded framework");
        let text = format!(
            "id: test\nversion: 1.0.0\ntitle: Test\nframework: govstack-dpi\nquestions:\n{questions}"
        );
        let source = Source {
            name: "q.yaml".into(),
            text,
        };
        match load_questionnaire(&source, &framework) {
            Ok((_, warnings)) => warnings.into_iter().map(|d| (d.code, d.message)).collect(),
            Err(errors) => errors.into_iter().map(|d| (d.code, d.message)).collect(),
        }
    }

    #[test]
    fn a_level_question_takes_the_indicator_descriptors() {
        let framework = builtin_framework("govstack-dpi").unwrap();
        let source = Source {
            name: "q.yaml".into(),
            text: "id: t\nversion: 1.0.0\ntitle: T\nframework: govstack-dpi\nquestions:\n  - id: a\n    indicator: inf-csirt\n    text: How?\n    type: level\n".into(),
        };
        let (q, _) = load_questionnaire(&source, &framework).unwrap();
        let options = &q.questions[0].options;
        assert_eq!(options.len(), 5);
        assert_eq!(options[3].code, "3");
        assert_eq!(options[3].level, Some(3));
        assert_eq!(
            options[3].label,
            framework.indicator("inf-csirt").unwrap().levels[3]
        );
    }

    #[test]
    fn a_question_suits_framework_roles_and_institution_kinds_only() {
        let found = problems(
            "  - id: a\n    indicator: inf-csirt\n    suits: [national_csirt, ict_regulatr, local_government, ministy, ict_regulator, ict_regulator]\n    text: Q?\n    type: level\n",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, Code::UnknownReference);
        assert_eq!(
            found[0].1,
            "question `a` suits `ict_regulatr`, which is neither a role of the framework nor a kind of institution"
        );
        assert_eq!(found[1].0, Code::UnknownReference);
        assert_eq!(
            found[1].1,
            "question `a` suits `ministy`, which is neither a role of the framework nor a kind of institution"
        );
        assert_eq!(found[2].0, Code::DuplicateId);
        assert_eq!(
            found[2].1,
            "question `a` lists `ict_regulator` twice under `suits`"
        );
    }

    #[test]
    fn yes_no_needs_exactly_yes_and_no() {
        let found = problems(
            "  - id: a\n    indicator: inf-csirt\n    text: Q?\n    type: yes_no\n    options:\n      - { code: \"yes\", label: Yes, level: 3 }\n      - { code: maybe, label: Maybe, level: 1 }\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::InvalidOptions);
        assert!(
            found[0]
                .1
                .contains("has options [maybe, yes], but needs exactly `yes` and `no`")
        );
    }

    #[test]
    fn option_shapes_follow_the_answer_type() {
        let found = problems(concat!(
            "  - id: a\n    indicator: inf-csirt\n    text: Q?\n    type: level\n    options:\n      - { code: x, label: X, level: 1 }\n",
            "  - id: b\n    indicator: inf-csirt\n    text: Q?\n    type: multi\n    options:\n      - { code: x, label: X, level: 1 }\n      - { code: x, label: Y }\n",
            "  - id: c\n    indicator: inf-csirt\n    text: Q?\n    type: choice\n    options:\n      - { code: Only One, label: X, level: 9 }\n",
            "  - id: d\n    indicator: inf-csirt\n    text: Q?\n    type: percent\n    thresholds: [10, 20, 30, 140]\n",
        ));
        let codes: Vec<Code> = found.iter().map(|(c, _)| *c).collect();
        let text: Vec<&str> = found.iter().map(|(_, m)| m.as_str()).collect();
        assert!(text.contains(&"`level` question `a` lists options"), "{text:?}");
        assert!(
            text.contains(&"option `x` of `multi` question `b` has a level"),
            "{text:?}"
        );
        assert!(
            text.contains(&"`multi` question `b` has no thresholds"),
            "{text:?}"
        );
        assert!(codes.contains(&Code::DuplicateId), "{text:?}");
        assert!(
            text.contains(&"option code `Only One` of question `c` is not lowercase snake_case"),
            "{text:?}"
        );
        assert!(
            text.contains(&"option level of `c/Only One` is 9, outside the levels 0..4"),
            "{text:?}"
        );
        assert!(
            text.contains(&"`choice` question `c` has 1 option(s); it needs at least two"),
            "{text:?}"
        );
        assert!(
            text.contains(&"percent thresholds [10, 20, 30, 140] of question `d` go outside 0..100"),
            "{text:?}"
        );
    }

    #[test]
    fn lower_is_better_needs_descending_thresholds() {
        let found = problems(
            "  - id: a\n    indicator: inf-data-affordability\n    text: Q?\n    type: percent\n    statistic: { name: Price, publisher: ITU }\n    lower_is_better: true\n    thresholds: [1, 2, 5, 10]\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::InvalidThresholds);
        assert!(found[0].1.contains("are not strictly descending"));
    }
}
