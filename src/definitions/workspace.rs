//! Assessment workspaces: `assessment.yaml` → a [`Workspace`] with its framework and questionnaires.
//!
//! In: a folder (or the path of its `assessment.yaml`). Out: the validated workspace, the framework
//! and questionnaires it names (embedded ids or files), and every problem found: bad country code or
//! date, unknown definitions, target and weight overrides naming nothing, input files that are
//! missing, of an unsupported kind, or workbooks without the needed sheet.
//! Not here: reading the rows of the input files (`ingest` does that, with cell-level diagnostics).

use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::iso3166::is_valid_alpha3;
use super::raw::{Located, RawSignOff, RawWorkspace};
use super::{
    Source, did_you_mean, embedded_framework, embedded_framework_ids, embedded_questionnaire,
    embedded_questionnaire_ids, load_framework, load_questionnaire, parse_yaml,
};
use crate::diagnostics::{Code, Diagnostic, Location, has_errors, visible};
use crate::model::*;

/// File name of a workspace's description.
pub const WORKSPACE_FILE: &str = "assessment.yaml";

/// A workspace with the definitions it uses.
#[derive(Debug, Clone)]
pub struct LoadedWorkspace {
    /// The workspace.
    pub workspace: Workspace,
    /// Its framework.
    pub framework: Framework,
    /// Its questionnaires, in the order listed.
    pub questionnaires: Vec<Questionnaire>,
}

/// The kinds of input file the tool reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Comma- (or `;`-) separated text.
    Csv,
    /// A spreadsheet workbook (xlsx, xlsm, xls, ods).
    Workbook,
    /// A zip archive of csv files: ODK Central's export (`…_csv.zip`), read as answers only.
    Archive,
}

/// The input kind from a file's extension.
pub fn input_kind(path: &Path) -> Option<InputKind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" | "txt" => Some(InputKind::Csv),
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(InputKind::Workbook),
        "zip" => Some(InputKind::Archive),
        _ => None,
    }
}

/// Loads and checks a workspace. Returns the loaded workspace when there are no errors, and all
/// diagnostics (errors and warnings) in any case.
pub fn load_workspace(path: &Path) -> (Option<LoadedWorkspace>, Vec<Diagnostic>) {
    load(path, true)
}

/// Loads a workspace's description and definitions without looking at its input files, which
/// may not exist yet (the answer template is written before respondents return anything).
pub fn load_workspace_definitions(path: &Path) -> (Option<LoadedWorkspace>, Vec<Diagnostic>) {
    load(path, false)
}

fn load(path: &Path, check_inputs: bool) -> (Option<LoadedWorkspace>, Vec<Diagnostic>) {
    let file = if path.is_dir() {
        path.join(WORKSPACE_FILE)
    } else {
        path.to_path_buf()
    };
    if !file.is_file() {
        let diagnostic = Diagnostic::error(
            Code::WorkspaceNotFound,
            Location::file(path.display().to_string()),
            format!("no {WORKSPACE_FILE} here"),
        )
        .with_hint(format!(
            "a workspace is a folder with {WORKSPACE_FILE}; create one with `dpi-assess init {} --country NAME --iso XXX`",
            path.display()
        ));
        return (None, vec![diagnostic]);
    }
    let root = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let source = match Source::read(&file) {
        Ok(source) => source,
        Err(d) => return (None, vec![d]),
    };
    let raw: RawWorkspace = match parse_yaml(&source) {
        Ok(raw) => raw,
        Err(d) => return (None, vec![d]),
    };
    let mut found = super::long_texts(&source);
    let checker = WorkspaceChecker {
        file: &source.name,
        root: &root,
    };

    // Definitions first: overrides are checked against them.
    let framework = checker.framework(&raw.framework, &mut found);
    let mut questionnaires = Vec::new();
    let mut plan_figures = (None, IndexMap::new());
    if let Some(framework) = &framework {
        if raw.questionnaires.value.is_empty() {
            found.push(
                Diagnostic::error(
                    Code::InvalidStructure,
                    checker.at(&raw.questionnaires),
                    "no questionnaire is listed",
                )
                .with_hint(format!(
                    "list the questionnaires the answers use, e.g. [{}]",
                    embedded_questionnaire_ids().join(", ")
                )),
            );
        }
        for reference in &raw.questionnaires.value {
            if let Some(q) = checker.questionnaire(reference, framework, &mut found) {
                questionnaires.push(q);
            }
        }
        checker.overrides(&raw, framework, &mut found);
        plan_figures = checker.plan_figures(&raw, framework, &mut found);
        if !questionnaires.is_empty() {
            unreferenced_indicators(&checker, &raw, framework, &questionnaires, &mut found);
        }
    }

    let (country, iso3, date) = checker.identity(&raw, &mut found);
    let interim_targets = match (&framework, date) {
        (Some(framework), Some(date)) => checker.interim_targets(&raw, framework, date, &mut found),
        _ => Vec::new(),
    };
    let sign_off = raw
        .sign_off
        .as_ref()
        .and_then(|s| checker.sign_off(s, date, &mut found));
    let inputs = if check_inputs {
        checker.inputs(&raw, &mut found)
    } else {
        let resolve = |p: &Located<String>| root.join(&p.value);
        ResolvedInputs {
            answers: raw.inputs.answers.iter().map(resolve).collect(),
            systems: raw.inputs.systems.as_ref().map(resolve),
            services: raw.inputs.services.as_ref().map(resolve),
            evidence: raw.inputs.evidence.as_ref().map(resolve),
            institutions: raw.inputs.institutions.as_ref().map(resolve),
            mapping: raw.inputs.mapping.as_ref().map(resolve),
            adjudications: raw.inputs.adjudications.as_ref().map(resolve),
            roster: raw.inputs.roster.as_ref().map(resolve),
        }
    };

    if has_errors(&found) {
        return (None, found);
    }
    let (Some(framework), Some(date)) = (framework, date) else {
        return (None, found);
    };
    let workspace = Workspace {
        root: root.clone(),
        country,
        iso3,
        assessment_date: date,
        title: raw.title.clone(),
        framework: checker.reference(&raw.framework.value),
        questionnaires: raw
            .questionnaires
            .value
            .iter()
            .map(|q| checker.reference(&q.value))
            .collect(),
        answers: inputs.answers,
        systems: inputs.systems,
        services: inputs.services,
        evidence: inputs.evidence,
        institutions: inputs.institutions,
        mapping: inputs.mapping,
        adjudications: inputs.adjudications,
        roster: inputs.roster,
        targets: raw.targets.iter().map(|(k, v)| (k.clone(), v.value)).collect(),
        weights: raw.weights.iter().map(|(k, v)| (k.clone(), v.value)).collect(),
        evidence_policy: raw.evidence_policy,
        consolidation: raw.consolidation,
        inventory: raw.inventory.unwrap_or_default(),
        roles: raw
            .roles
            .iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect(),
        capacity: raw.capacity.iter().map(|(k, v)| (k.clone(), v.value)).collect(),
        capacity_by_phase: raw
            .capacity_by_phase
            .iter()
            .map(|(role, phases)| {
                (
                    role.clone(),
                    phases.iter().map(|(phase, n)| (*phase, n.value)).collect(),
                )
            })
            .collect(),
        horizon_months: raw.horizon_months.as_ref().map(|h| h.value),
        costs: plan_figures.0,
        outcomes: plan_figures.1,
        interim_targets,
        assessors: raw
            .assessors
            .iter()
            .map(|a| Assessor {
                name: a.name.clone(),
                organisation: a.organisation.clone(),
                role: a.role.clone(),
            })
            .collect(),
        notes: raw.notes.clone(),
        sign_off,
    };
    (
        Some(LoadedWorkspace {
            workspace,
            framework,
            questionnaires,
        }),
        found,
    )
}

/// The shortest planning horizon accepted: a year (less plans nothing a library action can finish).
pub const MIN_HORIZON_MONTHS: u32 = 12;
/// The longest planning horizon accepted: twenty years.
pub const MAX_HORIZON_MONTHS: u32 = 240;

struct ResolvedInputs {
    answers: Vec<PathBuf>,
    systems: Option<PathBuf>,
    services: Option<PathBuf>,
    evidence: Option<PathBuf>,
    institutions: Option<PathBuf>,
    mapping: Option<PathBuf>,
    adjudications: Option<PathBuf>,
    roster: Option<PathBuf>,
}

struct WorkspaceChecker<'a> {
    file: &'a str,
    root: &'a Path,
}

impl WorkspaceChecker<'_> {
    fn at<T>(&self, located: &Located<T>) -> Location {
        Location::text(self.file, located.line, located.column)
    }

    /// An id without a path separator or YAML extension names an embedded definition.
    fn reference(&self, value: &str) -> DefinitionRef {
        let looks_like_path = value.contains('/')
            || value.contains('\\')
            || value.ends_with(".yaml")
            || value.ends_with(".yml");
        if looks_like_path {
            DefinitionRef::File(self.root.join(value))
        } else {
            DefinitionRef::Embedded(value.to_string())
        }
    }

    fn source(&self, kind: &str, reference: &Located<String>, found: &mut Vec<Diagnostic>) -> Option<Source> {
        match self.reference(&reference.value) {
            DefinitionRef::Embedded(id) => {
                let (source, known) = if kind == "framework" {
                    (embedded_framework(&id), embedded_framework_ids())
                } else {
                    (embedded_questionnaire(&id), embedded_questionnaire_ids())
                };
                if source.is_none() {
                    let hint = match did_you_mean(&id, known.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!(
                            "embedded {kind}s: {}; or give a path to a YAML file",
                            known.join(", ")
                        ),
                    };
                    found.push(
                        Diagnostic::error(
                            Code::UnknownReference,
                            self.at(reference),
                            format!("no embedded {kind} has the id `{id}`"),
                        )
                        .with_hint(hint),
                    );
                }
                source
            }
            DefinitionRef::File(path) => match Source::read(&path) {
                Ok(source) => Some(source),
                Err(mut d) => {
                    d.location = self.at(reference);
                    d.message = format!("cannot read the {kind} file {}: {}", path.display(), d.message);
                    found.push(d);
                    None
                }
            },
        }
    }

    fn framework(&self, reference: &Located<String>, found: &mut Vec<Diagnostic>) -> Option<Framework> {
        let source = self.source("framework", reference, found)?;
        match load_framework(&source) {
            Ok((framework, warnings)) => {
                found.extend(warnings);
                Some(framework)
            }
            Err(errors) => {
                found.extend(errors);
                None
            }
        }
    }

    fn questionnaire(
        &self,
        reference: &Located<String>,
        framework: &Framework,
        found: &mut Vec<Diagnostic>,
    ) -> Option<Questionnaire> {
        let source = self.source("questionnaire", reference, found)?;
        match load_questionnaire(&source, framework) {
            Ok((questionnaire, warnings)) => {
                found.extend(warnings);
                Some(questionnaire)
            }
            Err(errors) => {
                found.extend(errors);
                None
            }
        }
    }

    fn identity(&self, raw: &RawWorkspace, found: &mut Vec<Diagnostic>) -> (String, String, Option<Date>) {
        let country = raw.country.value.trim().to_string();
        if country.is_empty() {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    self.at(&raw.country),
                    "the country name is empty",
                )
                .with_hint("write the name as it should appear on the report"),
            );
        }
        let iso3 = raw.iso3.value.trim().to_string();
        if !is_valid_alpha3(&iso3) {
            found.push(
                Diagnostic::error(
                    Code::InvalidCountryCode,
                    self.at(&raw.iso3),
                    format!("`{iso3}` is not an ISO 3166-1 alpha-3 country code"),
                )
                .with_hint(
                    "use three capital letters such as KEN or PER; for a fictional or sub-national assessment use a user-assigned code XAA–XZZ",
                ),
            );
        }
        let date = Date::parse(raw.assessment_date.value.trim());
        if date.is_none() {
            found.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    self.at(&raw.assessment_date),
                    format!(
                        "assessment_date `{}` is not a date written YYYY-MM-DD",
                        raw.assessment_date.value
                    ),
                )
                .with_hint("e.g. 2026-03-31; quote it if your editor rewrites dates"),
            );
        }
        (country, iso3, date)
    }

    /// The sign-off: a name, a role and a real date, not before the assessment's.
    fn sign_off(
        &self,
        raw: &Located<RawSignOff>,
        assessment_date: Option<Date>,
        found: &mut Vec<Diagnostic>,
    ) -> Option<SignOff> {
        let before = found.len();
        for (field, value) in [("by", &raw.value.by), ("role", &raw.value.role)] {
            if value.value.trim().is_empty() {
                found.push(
                    Diagnostic::error(
                        Code::MissingValue,
                        self.at(value),
                        format!("sign_off.{field} is empty"),
                    )
                    .with_hint("a sign-off names who signed (`by`), their role and institution (`role`) and the date"),
                );
            }
        }
        let date = Date::parse(raw.value.date.value.trim());
        match date {
            None => found.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    self.at(&raw.value.date),
                    format!(
                        "sign_off.date `{}` is not a date written YYYY-MM-DD",
                        visible(&raw.value.date.value)
                    ),
                )
                .with_hint("e.g. 2026-04-15; quote it if your editor rewrites dates"),
            ),
            Some(signed) if assessment_date.is_some_and(|a| signed < a) => found.push(
                Diagnostic::error(
                    Code::InvalidDate,
                    self.at(&raw.value.date),
                    format!(
                        "sign_off.date {signed} is before the assessment_date {}",
                        assessment_date.map(|d| d.to_string()).unwrap_or_default()
                    ),
                )
                .with_hint("an assessment is signed off after it is carried out; check both dates"),
            ),
            Some(_) => {}
        }
        (found.len() == before).then(|| SignOff {
            by: raw.value.by.value.trim().to_string(),
            role: raw.value.role.value.trim().to_string(),
            date: date.expect("checked above"),
        })
    }

    /// Role names and capacities must be the framework's roles, when it defines any.
    fn roles(&self, raw: &RawWorkspace, framework: &Framework, found: &mut Vec<Diagnostic>) {
        let role_ids: Vec<&str> = framework.roles.iter().map(|r| r.id.as_str()).collect();
        let hint = |id: &str| match did_you_mean(id, role_ids.iter().copied()) {
            Some(close) => format!(
                "did you mean `{close}`? The framework's roles: {}",
                role_ids.join(", ")
            ),
            None => format!("the framework's roles: {}", role_ids.join(", ")),
        };
        if !role_ids.is_empty() {
            for (id, institution) in &raw.roles {
                if !role_ids.contains(&id.as_str()) {
                    found.push(
                        Diagnostic::warning(
                            Code::UnknownReference,
                            self.at(institution),
                            format!("role `{id}` is not a role of the framework; no roadmap action will name its institution"),
                        )
                        .with_hint(hint(id)),
                    );
                }
            }
        }
        // `capacity` and `capacity_by_phase` are checked alike: a role the framework has, and at
        // least one action at once.
        let by_phase = raw
            .capacity_by_phase
            .iter()
            .flat_map(|(id, phases)| phases.iter().map(move |(phase, n)| (id, Some(*phase), n)));
        for (id, phase, capacity) in raw.capacity.iter().map(|(id, n)| (id, None, n)).chain(by_phase) {
            let key = if phase.is_some() {
                "capacity_by_phase"
            } else {
                "capacity"
            };
            if !role_ids.contains(&id.as_str()) {
                found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        self.at(capacity),
                        format!("{key} for unknown role `{id}`"),
                    )
                    .with_hint(hint(id)),
                );
            }
            if capacity.value == 0 {
                let in_phase = phase.map(|p| format!(" in {p}")).unwrap_or_default();
                found.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        self.at(capacity),
                        format!("capacity of `{id}`{in_phase} is 0; a role must be able to run at least one action"),
                    )
                    .with_hint(format!(
                        "{key} is how many roadmap actions the role runs at once, 1 or more"
                    )),
                );
            }
        }
        if let Some(horizon) = &raw.horizon_months
            && !(MIN_HORIZON_MONTHS..=MAX_HORIZON_MONTHS).contains(&horizon.value)
        {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    self.at(horizon),
                    format!(
                        "horizon_months is {}; a plan needs {MIN_HORIZON_MONTHS} to {MAX_HORIZON_MONTHS} months",
                        horizon.value
                    ),
                )
                .with_hint("horizon_months is how far the roadmap plans ahead, e.g. 60 for five years; what cannot end within it is listed as beyond the horizon"),
            );
        }
    }

    /// The cost classes restated for the country, and today's outcome figures, checked against the
    /// framework's classes and outcomes.
    fn plan_figures(
        &self,
        raw: &RawWorkspace,
        framework: &Framework,
        found: &mut Vec<Diagnostic>,
    ) -> (Option<CostClasses>, IndexMap<String, OutcomeFigure>) {
        let mut figures = IndexMap::new();
        let outcome_ids: Vec<&str> = framework.outcomes.iter().map(|o| o.id.as_str()).collect();
        for (id, figure) in &raw.outcomes {
            if !outcome_ids.contains(&id.as_str()) {
                let hint = match did_you_mean(id, outcome_ids.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("the framework's outcomes: {}", outcome_ids.join(", ")),
                };
                found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        self.at(figure),
                        format!("outcomes names `{id}`, which is no outcome of the framework"),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            if !figure.value.value.value.is_finite() {
                found.push(Diagnostic::error(
                    Code::InvalidValue,
                    self.at(&figure.value.value),
                    format!("the figure of outcome `{id}` is not a number"),
                ));
                continue;
            }
            if figure.value.source.value.trim().is_empty() {
                found.push(
                    Diagnostic::error(
                        Code::MissingValue,
                        self.at(&figure.value.source),
                        format!("the figure of outcome `{id}` names no source"),
                    )
                    .with_hint("say where the figure comes from, e.g. the regulator's annual report 2024"),
                );
                continue;
            }
            figures.insert(
                id.clone(),
                OutcomeFigure {
                    value: figure.value.value.value,
                    year: figure.value.year,
                    source: Some(figure.value.source.value.trim().to_string()),
                    answers: None,
                },
            );
        }
        let Some(restated) = &raw.costs else {
            return (None, figures);
        };
        let Some(own) = &framework.costs else {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    self.at(restated),
                    "costs restates cost classes, but the framework prices no action",
                )
                .with_hint("remove `costs:`, or use a framework with cost classes"),
            );
            return (None, figures);
        };
        let currency = restated
            .value
            .currency
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_else(|| own.currency.clone());
        if let Some(code) = &restated.value.currency
            && !super::library::is_currency_code(&code.value)
        {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    self.at(code),
                    format!("costs.currency `{}` is not an ISO 4217 code", code.value),
                )
                .with_hint("write three capital letters, e.g. USD, EUR or XOF"),
            );
        }
        let class_ids: Vec<&str> = own.classes.iter().map(|c| c.id.as_str()).collect();
        let mut ok = true;
        for (id, range) in &restated.value.classes {
            if !class_ids.contains(&id.as_str()) {
                ok = false;
                found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        self.at(range),
                        format!("costs.classes names `{id}`, which is no cost class of the framework"),
                    )
                    .with_hint(format!("the framework's cost classes: {}", class_ids.join(", "))),
                );
            } else if range.value[0] > range.value[1] {
                ok = false;
                found.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        self.at(range),
                        format!(
                            "cost class `{id}` runs from {} down to {}",
                            range.value[0], range.value[1]
                        ),
                    )
                    .with_hint("write the range as [low, high]"),
                );
            }
        }
        // A range in another currency cannot be mixed with the framework's: every class is restated.
        if currency != own.currency {
            let missing: Vec<&str> = class_ids
                .iter()
                .copied()
                .filter(|id| !restated.value.classes.contains_key(*id))
                .collect();
            if !missing.is_empty() {
                ok = false;
                found.push(
                    Diagnostic::error(
                        Code::MissingValue,
                        self.at(restated),
                        format!(
                            "costs are in {currency}, not the framework's {}, but do not restate the classes {}",
                            own.currency,
                            missing.join(", ")
                        ),
                    )
                    .with_hint("in another currency every class needs its own [low, high]; amounts are never converted"),
                );
            }
        }
        if !ok {
            return (None, figures);
        }
        let classes = own
            .classes
            .iter()
            .map(|class| {
                let mut class = class.clone();
                if let Some(range) = restated.value.classes.get(&class.id) {
                    class.low = range.value[0];
                    class.high = range.value[1];
                }
                class
            })
            .collect();
        (Some(CostClasses { currency, classes }), figures)
    }

    /// Interim targets: due by a phase of the roadmap or the end of a calendar year after the
    /// assessment; an item of the framework; a level 1..4 no higher than the item's final target.
    fn interim_targets(
        &self,
        raw: &RawWorkspace,
        framework: &Framework,
        date: Date,
        found: &mut Vec<Diagnostic>,
    ) -> Vec<InterimTarget> {
        let mut targets = Vec::new();
        let final_target = |id: &str| -> Option<u8> {
            let default = framework.indicator(id).map(|i| i.target).or_else(|| {
                framework
                    .building_blocks
                    .iter()
                    .find(|b| b.id == id)
                    .map(|b| b.target)
            })?;
            Some(raw.targets.get(id).map_or(default, |t| t.value))
        };
        let item_ids: Vec<&str> = framework
            .indicators()
            .map(|(_, _, i)| i.id.as_str())
            .chain(framework.building_blocks.iter().map(|b| b.id.as_str()))
            .collect();
        for (key, items) in &raw.interim_targets {
            let due = if let Some(phase) = Phase::ALL.iter().find(|p| p.code() == key) {
                Some(InterimDue::Phase(*phase))
            } else {
                match key.parse::<i32>() {
                    Ok(year) if key.len() == 4 && year >= date.year && year <= date.year + 20 => {
                        Some(InterimDue::Year(year))
                    }
                    _ => None,
                }
            };
            for (item, level) in items {
                let Some(due) = due else {
                    found.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            self.at(level),
                            format!("interim_targets names `{key}`, which is neither a roadmap phase nor a calendar year of the plan"),
                        )
                        .with_hint(format!(
                            "key interim targets by a phase (priority_services, transformation, scale) or a year from {} to {}",
                            date.year,
                            date.year + 20
                        )),
                    );
                    continue;
                };
                let Some(final_level) = final_target(item) else {
                    let hint = match did_you_mean(item, item_ids.iter().copied()) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "interim targets apply to indicator and Building Block ids of the framework"
                            .to_string(),
                    };
                    found.push(
                        Diagnostic::error(
                            Code::UnknownReference,
                            self.at(level),
                            format!("interim target for unknown indicator or Building Block `{item}`"),
                        )
                        .with_hint(hint),
                    );
                    continue;
                };
                if !(1..=MAX_LEVEL).contains(&level.value) || level.value > final_level {
                    found.push(
                        Diagnostic::error(
                            Code::LevelOutOfRange,
                            self.at(level),
                            format!(
                                "interim target of `{item}` by {key} is {}; it must be 1 to the final target, {final_level}",
                                level.value
                            ),
                        )
                        .with_hint("an interim target is a step towards the final target; raise the final target under `targets:` first"),
                    );
                    continue;
                }
                targets.push(InterimTarget {
                    due,
                    item: item.clone(),
                    level: level.value,
                });
            }
        }
        targets
    }

    fn overrides(&self, raw: &RawWorkspace, framework: &Framework, found: &mut Vec<Diagnostic>) {
        let target_ids: Vec<&str> = framework
            .indicators()
            .map(|(_, _, i)| i.id.as_str())
            .chain(framework.building_blocks.iter().map(|b| b.id.as_str()))
            .collect();
        for (id, level) in &raw.targets {
            if !target_ids.contains(&id.as_str()) {
                let hint = match did_you_mean(id, target_ids.iter().copied()) {
                    Some(close) => {
                        format!("did you mean `{close}`? Targets apply to indicators and Building Blocks")
                    }
                    None => "targets apply to indicator and Building Block ids of the framework".to_string(),
                };
                found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        self.at(level),
                        format!("target for unknown indicator or Building Block `{id}`"),
                    )
                    .with_hint(hint),
                );
            }
            if level.value > MAX_LEVEL {
                found.push(
                    Diagnostic::error(
                        Code::LevelOutOfRange,
                        self.at(level),
                        format!("target of `{id}` is {}, outside the levels 0..4", level.value),
                    )
                    .with_hint("targets are levels 0..4"),
                );
            }
        }
        self.roles(raw, framework, found);
        let weight_ids: Vec<&str> = framework
            .pillars
            .iter()
            .flat_map(|p| std::iter::once(p.id.as_str()).chain(p.dimensions.iter().map(|d| d.id.as_str())))
            .chain(target_ids.iter().copied())
            .collect();
        for (id, weight) in &raw.weights {
            if !weight_ids.contains(&id.as_str()) {
                let hint = match did_you_mean(id, weight_ids.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => {
                        "weights apply to pillar, dimension, indicator and Building Block ids".to_string()
                    }
                };
                found.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        self.at(weight),
                        format!("weight for unknown item `{id}`"),
                    )
                    .with_hint(hint),
                );
            }
            if !(weight.value.is_finite() && weight.value > 0.0) {
                found.push(
                    Diagnostic::error(
                        Code::InvalidWeight,
                        self.at(weight),
                        format!(
                            "weight of `{id}` is {}, but weights must be greater than 0",
                            weight.value
                        ),
                    )
                    .with_hint("use a positive number; mark answers `na` to leave an item out"),
                );
            }
        }
    }

    fn inputs(&self, raw: &RawWorkspace, found: &mut Vec<Diagnostic>) -> ResolvedInputs {
        let inputs = &raw.inputs;
        if inputs.answers.is_empty() {
            found.push(
                Diagnostic::warning(
                    Code::NoAnswers,
                    Location::file(self.file),
                    "no answer files are listed under inputs.answers",
                )
                .with_hint(
                    "add the answer files; without them only the Building Blocks pillar can be scored",
                ),
            );
        }
        let answers = inputs
            .answers
            .iter()
            .filter_map(|a| self.input_file(a, true, found))
            .collect();
        let systems = inputs
            .systems
            .as_ref()
            .and_then(|s| self.input_file(s, false, found));
        let services = inputs
            .services
            .as_ref()
            .and_then(|s| self.input_file(s, false, found));
        let adjudications = inputs
            .adjudications
            .as_ref()
            .and_then(|a| self.input_file(a, false, found));
        let evidence = inputs
            .evidence
            .as_ref()
            .and_then(|e| self.input_file(e, false, found));
        let institutions = inputs
            .institutions
            .as_ref()
            .and_then(|i| self.input_file(i, false, found));
        let roster = inputs
            .roster
            .as_ref()
            .and_then(|r| self.input_file(r, false, found));
        let mapping = inputs.mapping.as_ref().and_then(|m| {
            let path = self.root.join(&m.value);
            if path.is_file() {
                Some(path)
            } else {
                found.push(self.missing_input(m, &path));
                None
            }
        });
        ResolvedInputs {
            answers,
            systems,
            services,
            evidence,
            institutions,
            mapping,
            adjudications,
            roster,
        }
    }

    fn missing_input(&self, reference: &Located<String>, path: &Path) -> Diagnostic {
        Diagnostic::error(
            Code::InputNotFound,
            self.at(reference),
            format!(
                "input file `{}` does not exist ({})",
                reference.value,
                path.display()
            ),
        )
        .with_hint("paths are relative to the folder of assessment.yaml")
    }

    /// Checks that an input exists and is of a kind the tool reads: csv or a workbook, and for
    /// answers (`archive_allowed`) also an export zip.
    fn input_file(
        &self,
        reference: &Located<String>,
        archive_allowed: bool,
        found: &mut Vec<Diagnostic>,
    ) -> Option<PathBuf> {
        let path = self.root.join(&reference.value);
        if !path.is_file() {
            found.push(self.missing_input(reference, &path));
            return None;
        }
        match input_kind(&path) {
            None => {
                found.push(
                    Diagnostic::error(
                        Code::UnsupportedInput,
                        self.at(reference),
                        if archive_allowed {
                            format!("`{}` is not a csv, xlsx, xls, ods or zip file", reference.value)
                        } else {
                            format!("`{}` is not a csv, xlsx, xls or ods file", reference.value)
                        },
                    )
                    .with_hint("save the sheet as .csv (UTF-8) or .xlsx"),
                );
                None
            }
            Some(InputKind::Archive) if !archive_allowed => {
                found.push(
                    Diagnostic::error(
                        Code::UnsupportedInput,
                        self.at(reference),
                        format!(
                            "`{}` is a zip archive, which is read only as a form export under inputs.answers",
                            reference.value
                        ),
                    )
                    .with_hint("list ODK Central's export zip under inputs.answers (its systems and services repeats become the inventories), or unpack the csv file this input needs and list that"),
                );
                None
            }
            // An export zip's entries are opened, within the size limits, by ingest.
            Some(InputKind::Csv | InputKind::Archive) => Some(path),
            // Whether a workbook opens, and has the sheets it needs, is for ingest to say: it
            // opens the file anyway, within the size limits, and locates what it finds there.
            Some(InputKind::Workbook) => Some(path),
        }
    }
}

/// One warning listing the indicators no questionnaire of the workspace asks about: they will show
/// as "insufficient data", which is right for a rapid assessment but should not be a surprise.
fn unreferenced_indicators(
    checker: &WorkspaceChecker<'_>,
    raw: &RawWorkspace,
    framework: &Framework,
    questionnaires: &[Questionnaire],
    found: &mut Vec<Diagnostic>,
) {
    let asked: std::collections::HashSet<&str> = questionnaires
        .iter()
        .flat_map(|q| q.questions.iter().map(|q| q.indicator.as_str()))
        .collect();
    let unasked: Vec<&str> = framework
        .indicators()
        .map(|(_, _, i)| i.id.as_str())
        .filter(|id| !asked.contains(id))
        .collect();
    if unasked.is_empty() {
        return;
    }
    let shown: Vec<&str> = unasked.iter().take(5).copied().collect();
    let more = if unasked.len() > shown.len() {
        format!(" and {} more", unasked.len() - shown.len())
    } else {
        String::new()
    };
    found.push(
        Diagnostic::warning(
            Code::UnreferencedIndicator,
            checker.at(&raw.questionnaires),
            format!(
                "{} indicator(s) have no question in the listed questionnaires and will show as insufficient data: {}{more}",
                unasked.len(),
                shown.join(", ")
            ),
        )
        .with_hint("add a questionnaire that covers them (e.g. govstack-dpi-full) if a full assessment is intended"),
    );
}
