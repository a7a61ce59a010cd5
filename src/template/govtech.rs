//! A desk-review workspace seeded from the World Bank GovTech Dataset (December 2020).
//!
//! In: the dataset's processed files and the mapping (`data/govtech/*.csv`,
//! `data/govtech/mapping.yaml`, all embedded with `include_str!`), the embedded framework
//! `govstack-dpi` and questionnaire `govstack-dpi-full`, and an economy's ISO code. Out: the text
//! of every file of that economy's workspace ([`Seeded`]): `assessment.yaml`, the answers in long
//! form, the systems inventory, the evidence register and `desk-review-notes.md`, which lists every
//! fact that was not mapped and why. Pure: no I/O; the same economy gives the same bytes.
//! Not here: writing the files (`cli::init`, `cli::desk_review`), scoring or comparing them.
//!
//! The rules, which `docs/desk-review.md` explains: the mapping is checked against the framework
//! and questionnaire when loaded ([`GovTech::load`] refuses a mapping that names an unknown
//! question, option, Building Block, role, column or system, or that leaves a reading of the data
//! unaccounted for). A fact supports the lowest level whose descriptor it satisfies; a `no`
//! reading ("not found in the 2020 dataset") answers nothing. Every answer names the desk review
//! as respondent and cites a register entry of type `statement`, which never verifies levels 3–4,
//! so the answers stay claims to verify. Only systems with a defensible Building Block and a
//! status of production (pilot or planned where the mapping allows) become inventory rows;
//! systems the dataset links with `same_as` are one system, written once.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use indexmap::IndexMap;
use serde::Deserialize;

use crate::model::{Framework, Question, Questionnaire};

/// The mapping file.
const MAPPING_YAML: &str = include_str!("../../data/govtech/mapping.yaml");
/// One row per economy.
const ECONOMIES_CSV: &str = include_str!("../../data/govtech/govtech-2020-economies.csv");
/// One row per economy and system.
const SYSTEMS_CSV: &str = include_str!("../../data/govtech/govtech-2020-systems.csv");

/// The framework the mapping's questions and Building Blocks belong to.
pub const FRAMEWORK_ID: &str = "govstack-dpi";
/// The questionnaire whose questions the mapping answers.
pub const QUESTIONNAIRE_ID: &str = "govstack-dpi-full";

/// The files of a seeded workspace, relative to its folder.
pub const ASSESSMENT_FILE: &str = "assessment.yaml";
/// The desk review's answers.
pub const ANSWERS_FILE: &str = "answers/desk-review.csv";
/// The systems inventory.
pub const SYSTEMS_FILE: &str = "systems.csv";
/// The evidence register.
pub const EVIDENCE_FILE: &str = "evidence.csv";
/// What was not mapped, and why.
pub const NOTES_FILE: &str = "desk-review-notes.md";

/// Header of the evidence register (`docs/validation.md` §1).
const EVIDENCE_COLUMNS: [&str; 9] = [
    "id",
    "title",
    "type",
    "issuer",
    "date",
    "url",
    "file",
    "checked_by",
    "checked_on",
];

// ---------------------------------------------------------------------------------------------
// The mapping file

/// `data/govtech/mapping.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mapping {
    dataset: DatasetInfo,
    roles: Vec<RoleSeed>,
    systems: IndexMap<String, SystemMapping>,
    answers: Vec<AnswerMapping>,
    facts_not_mapped: IndexMap<String, String>,
    context: Vec<String>,
}

/// What the workspace says about its source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatasetInfo {
    title: String,
    edition: String,
    date: String,
    assessment_date: String,
    issuer: String,
    respondent: String,
    evidence_type: String,
    attribution: String,
}

/// A framework role held by an institution the dataset names.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSeed {
    role: String,
    /// The economy column holding the institution's name.
    name: String,
    /// The economy column whose reading must be one of `when`.
    #[serde(default)]
    reading: Option<String>,
    #[serde(default)]
    when: Vec<String>,
}

/// One system code of the dataset.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SystemMapping {
    title: String,
    building_blocks: Vec<String>,
    /// The statuses that become inventory rows.
    #[serde(default)]
    inventory: Vec<String>,
    #[serde(default)]
    owner_from: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    why: String,
    #[serde(default)]
    framework_words: Vec<String>,
    #[serde(default)]
    platform_words: Vec<String>,
    #[serde(default)]
    framework_why: Option<String>,
}

/// One question seeded from one fact.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerMapping {
    question: String,
    from: Source,
    /// The raw columns of the dataset, for the citation.
    columns: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    year: Option<String>,
    /// Reading → answer (a level code or an option code).
    readings: IndexMap<String, String>,
    why: String,
    /// Reading → why it answers nothing.
    #[serde(default)]
    not_mapped: IndexMap<String, String>,
}

/// Where a fact comes from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum Source {
    /// An economy column (its reading; for a name column, `present` or `absent`).
    Field(String),
    /// A system row's status.
    System(String),
}

impl Source {
    /// The key of the fact: the column or system code.
    fn key(&self) -> &str {
        match self {
            Source::Field(f) | Source::System(f) => f,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The dataset

/// One row of `govtech-2020-systems.csv`.
#[derive(Debug, Clone, Deserialize)]
struct SystemRow {
    iso3: String,
    system: String,
    abbreviation: String,
    name: String,
    solution: String,
    status_code: String,
    status: String,
    year: String,
    url: String,
    same_as: String,
}

/// One economy: its row of `govtech-2020-economies.csv` (column → value) and its system rows.
#[derive(Debug)]
struct Economy {
    fields: IndexMap<String, String>,
    systems: Vec<SystemRow>,
}

impl Economy {
    fn get(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", |v| v.trim())
    }

    fn system(&self, code: &str) -> Option<&SystemRow> {
        self.systems.iter().find(|s| s.system == code)
    }
}

/// The dataset, the mapping, and the definitions it answers, checked together.
#[derive(Debug)]
pub struct GovTech {
    mapping: Mapping,
    columns: Vec<String>,
    economies: Vec<Economy>,
    framework: Framework,
    questionnaire: Questionnaire,
}

/// The files of one economy's workspace, and counts for a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Seeded {
    /// The economy's name as the dataset writes it.
    pub country: String,
    /// Its ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// Each file: its path relative to the workspace folder, and its text.
    pub files: Vec<(String, String)>,
    /// Answers written.
    pub answers: usize,
    /// Inventory rows written.
    pub systems: usize,
    /// Systems listed in the notes instead (absent, without a Building Block, or written once
    /// under another code).
    pub systems_not_listed: usize,
    /// Facts that answer nothing, listed in the notes.
    pub facts_not_mapped: usize,
}

impl GovTech {
    /// Reads the embedded dataset and mapping and checks the mapping against the embedded
    /// framework and questionnaire and against the data. Each problem is one line.
    pub fn load() -> Result<GovTech, Vec<String>> {
        let mapping: Mapping = serde_saphyr::from_str(MAPPING_YAML)
            .map_err(|e| vec![format!("data/govtech/mapping.yaml: {e}")])?;
        let framework = crate::definitions::builtin_framework(FRAMEWORK_ID)
            .map_err(|d| d.iter().map(|d| d.message.clone()).collect::<Vec<_>>())?;
        let source = crate::definitions::embedded_questionnaire(QUESTIONNAIRE_ID)
            .ok_or_else(|| vec![format!("no embedded questionnaire `{QUESTIONNAIRE_ID}`")])?;
        let (questionnaire, _) = crate::definitions::load_questionnaire(&source, &framework)
            .map_err(|d| d.iter().map(|d| d.message.clone()).collect::<Vec<_>>())?;
        let (columns, economies) = read_dataset().map_err(|e| vec![e])?;
        let govtech = GovTech {
            mapping,
            columns,
            economies,
            framework,
            questionnaire,
        };
        let problems = govtech.check();
        if problems.is_empty() {
            Ok(govtech)
        } else {
            Err(problems)
        }
    }

    /// Every economy: ISO code and name, in the dataset's order (by ISO code).
    pub fn economies(&self) -> Vec<(&str, &str)> {
        self.economies
            .iter()
            .map(|e| (e.get("iso3"), e.get("economy")))
            .collect()
    }

    /// The economy with this ISO code (any case), if the dataset has it.
    pub fn has(&self, iso3: &str) -> bool {
        self.economy(iso3).is_some()
    }

    fn economy(&self, iso3: &str) -> Option<&Economy> {
        let wanted = iso3.trim().to_ascii_uppercase();
        self.economies.iter().find(|e| e.get("iso3") == wanted)
    }

    /// The economy someone probably meant by `query` (a mistyped code, or a name): its code and
    /// name.
    pub fn suggest(&self, query: &str) -> Option<(&str, &str)> {
        let query = query.trim();
        let by_name = |name: &str| {
            self.economies
                .iter()
                .find(|e| e.get("economy").eq_ignore_ascii_case(name))
                .map(|e| (e.get("iso3"), e.get("economy")))
        };
        if let Some(found) = by_name(query) {
            return Some(found);
        }
        let codes: Vec<&str> = self.economies.iter().map(|e| e.get("iso3")).collect();
        if let Some(code) = crate::definitions::did_you_mean(&query.to_ascii_uppercase(), codes) {
            return self.economy(code).map(|e| (e.get("iso3"), e.get("economy")));
        }
        let names: Vec<String> = self
            .economies
            .iter()
            .map(|e| e.get("economy").to_lowercase())
            .collect();
        let lower = query.to_lowercase();
        crate::definitions::did_you_mean(&lower, names.iter().map(String::as_str)).and_then(by_name)
    }

    /// The dataset's attribution sentence (CC BY 4.0).
    pub fn attribution(&self) -> String {
        one_line(&self.mapping.dataset.attribution)
    }

    /// The dataset's title and edition, e.g. "World Bank GovTech Dataset, December 2020".
    pub fn edition(&self) -> String {
        format!("{}, {}", self.mapping.dataset.title, self.mapping.dataset.edition)
    }

    /// The assessment date every seeded workspace carries (the edition's).
    pub fn assessment_date(&self) -> &str {
        &self.mapping.dataset.assessment_date
    }

    /// The workspace of one economy, named `country` (default: the dataset's name), or `None`
    /// when the dataset does not have it.
    pub fn seed(&self, iso3: &str, country: Option<&str>) -> Option<Seeded> {
        let economy = self.economy(iso3)?;
        let country = country
            .map(one_line)
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| one_line(economy.get("economy")));
        Some(
            Seeder {
                govtech: self,
                economy,
                country,
            }
            .run(),
        )
    }

    /// Every problem of the mapping, against the framework, the questionnaire and the data.
    fn check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let m = &self.mapping;
        let at = "data/govtech/mapping.yaml";
        let has_column = |c: &str| self.columns.iter().any(|k| k == c);
        if crate::model::Date::parse(&m.dataset.assessment_date).is_none() {
            problems.push(format!(
                "{at}: dataset.assessment_date `{}` is not YYYY-MM-DD",
                m.dataset.assessment_date
            ));
        }
        if crate::model::EvidenceType::from_code(&m.dataset.evidence_type).is_none() {
            problems.push(format!(
                "{at}: dataset.evidence_type `{}` is not an evidence type",
                m.dataset.evidence_type
            ));
        } else if self
            .framework
            .rules
            .evidence
            .supports_high_levels
            .iter()
            .any(|t| t.code() == m.dataset.evidence_type)
        {
            problems.push(format!(
                "{at}: dataset.evidence_type `{}` would verify levels 3-4; a desk review must stay unverified",
                m.dataset.evidence_type
            ));
        }
        for seed in &m.roles {
            if !self.framework.roles.iter().any(|r| r.id == seed.role) {
                problems.push(format!("{at}: roles: unknown framework role `{}`", seed.role));
            }
            for column in std::iter::once(&seed.name).chain(seed.reading.iter()) {
                if !has_column(column) {
                    problems.push(format!("{at}: roles: no economy column `{column}`"));
                }
            }
        }
        // Every system code of the data is mapped, and every mapping is well formed.
        let codes: BTreeSet<&str> = self
            .economies
            .iter()
            .flat_map(|e| e.systems.iter().map(|s| s.system.as_str()))
            .collect();
        for code in &codes {
            if !m.systems.contains_key(*code) {
                problems.push(format!("{at}: systems: the data's system `{code}` is not mapped"));
            }
        }
        for (code, system) in &m.systems {
            if !codes.contains(code.as_str()) {
                problems.push(format!(
                    "{at}: systems: `{code}` is not a system code of the data"
                ));
            }
            for bb in &system.building_blocks {
                if !self.framework.building_blocks.iter().any(|b| &b.id == bb) {
                    problems.push(format!("{at}: systems.{code}: unknown Building Block `{bb}`"));
                }
            }
            if !system.building_blocks.is_empty() {
                if system.inventory.is_empty() {
                    problems.push(format!(
                        "{at}: systems.{code}: a Building Block but no inventory statuses"
                    ));
                }
                if system.owner.is_none() {
                    problems.push(format!("{at}: systems.{code}: an inventory row needs an `owner`"));
                }
            }
            for status in &system.inventory {
                if crate::model::LifecycleStatus::from_code(status).is_none() || status == "legacy" {
                    problems.push(format!(
                        "{at}: systems.{code}: `{status}` is not an inventory status"
                    ));
                }
            }
            if let Some(column) = &system.owner_from
                && !has_column(column)
            {
                problems.push(format!("{at}: systems.{code}: no economy column `{column}`"));
            }
            if !system.framework_words.is_empty() && system.framework_why.is_none() {
                problems.push(format!(
                    "{at}: systems.{code}: framework_words without framework_why"
                ));
            }
        }
        // Answers: question, options, columns, and every reading of the data accounted for.
        let mut questions = BTreeSet::new();
        for answer in &m.answers {
            let Some(question) = self.questionnaire.question(&answer.question) else {
                problems.push(format!("{at}: answers: unknown question `{}`", answer.question));
                continue;
            };
            if !questions.insert(answer.question.as_str()) {
                problems.push(format!(
                    "{at}: answers: question `{}` seeded twice",
                    answer.question
                ));
            }
            for (reading, code) in &answer.readings {
                match question.options.iter().find(|o| &o.code == code) {
                    Some(option) if option.level.is_some_and(|l| l <= 2) => {}
                    Some(_) => problems.push(format!(
                        "{at}: answers.{}: `{reading}` gives `{code}`, above level 2: a desk review claims no level that needs evidence of implementation",
                        answer.question
                    )),
                    None => problems.push(format!(
                        "{at}: answers.{}: `{code}` is not an option of the question ({})",
                        answer.question,
                        question
                            .options
                            .iter()
                            .map(|o| o.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
            }
            for column in answer.name.iter().chain(&answer.url).chain(&answer.year) {
                if !has_column(column) {
                    problems.push(format!(
                        "{at}: answers.{}: no economy column `{column}`",
                        answer.question
                    ));
                }
            }
            let seen: BTreeSet<String> = match &answer.from {
                Source::Field(field) => {
                    if !has_column(field) {
                        problems.push(format!(
                            "{at}: answers.{}: no economy column `{field}`",
                            answer.question
                        ));
                    }
                    self.economies.iter().map(|e| field_reading(e, field)).collect()
                }
                Source::System(code) => {
                    if !codes.contains(code.as_str()) {
                        problems.push(format!("{at}: answers.{}: no system `{code}`", answer.question));
                    }
                    self.economies
                        .iter()
                        .filter_map(|e| e.system(code).map(|s| s.status.clone()))
                        .collect()
                }
            };
            for reading in &seen {
                if !answer.readings.contains_key(reading) && !answer.not_mapped.contains_key(reading) {
                    problems.push(format!(
                        "{at}: answers.{}: the data's reading `{reading}` of `{}` is neither mapped nor explained in not_mapped",
                        answer.question,
                        answer.from.key()
                    ));
                }
            }
        }
        // Every fact of the economies (a column with a `_code` beside it) is answered, listed as
        // not mapped, or context.
        for fact in self.facts() {
            let answered = m.answers.iter().any(|a| match &a.from {
                Source::Field(f) => f == &fact || f.starts_with(&format!("{fact}_")),
                Source::System(_) => false,
            });
            if !answered && !m.facts_not_mapped.contains_key(&fact) {
                problems.push(format!(
                    "{at}: the economy fact `{fact}` is neither answered nor in facts_not_mapped"
                ));
            }
        }
        for fact in m.facts_not_mapped.keys() {
            if !has_column(fact) {
                problems.push(format!("{at}: facts_not_mapped: no economy column `{fact}`"));
            }
        }
        for column in &m.context {
            if !has_column(column) {
                problems.push(format!("{at}: context: no economy column `{column}`"));
            }
        }
        problems
    }

    /// The economy facts: every `<fact>_code` column with its reading `<fact>` (or, for the lead
    /// institution, its `<fact>_name`) beside it; `wb_code` is the World Bank's country code.
    fn facts(&self) -> Vec<String> {
        let has = |c: &str| self.columns.iter().any(|k| k == c);
        self.columns
            .iter()
            .filter_map(|c| c.strip_suffix("_code"))
            .filter(|fact| has(fact) || has(&format!("{fact}_name")))
            .map(str::to_string)
            .collect()
    }
}

/// A fact's reading: the column's value, or for a name column `present` / `absent`.
fn field_reading(economy: &Economy, field: &str) -> String {
    let value = economy.get(field);
    if field.ends_with("_name") {
        if value.is_empty() { "absent" } else { "present" }.to_string()
    } else if value.is_empty() {
        "unknown".to_string()
    } else {
        value.to_string()
    }
}

/// Parses the two embedded csv files.
fn read_dataset() -> Result<(Vec<String>, Vec<Economy>), String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(ECONOMIES_CSV.as_bytes());
    let columns: Vec<String> = reader
        .headers()
        .map_err(|e| format!("govtech-2020-economies.csv: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut economies = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("govtech-2020-economies.csv: {e}"))?;
        let fields = columns
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        economies.push(Economy {
            fields,
            systems: Vec::new(),
        });
    }
    let mut reader = csv::ReaderBuilder::new().from_reader(SYSTEMS_CSV.as_bytes());
    for row in reader.deserialize::<SystemRow>() {
        let row = row.map_err(|e| format!("govtech-2020-systems.csv: {e}"))?;
        match economies.iter_mut().find(|e| e.get("iso3") == row.iso3) {
            Some(economy) => economy.systems.push(row),
            None => {
                return Err(format!(
                    "govtech-2020-systems.csv: unknown economy `{}`",
                    row.iso3
                ));
            }
        }
    }
    Ok((columns, economies))
}

// ---------------------------------------------------------------------------------------------
// One economy's workspace

/// An answer written, for the csv and the notes.
struct Written {
    question: String,
    indicator: String,
    answer: String,
    label: String,
    evidence_id: String,
    fact: String,
    reading: String,
    /// Code, year and name as the dataset gives them.
    detail: String,
    url: String,
    why: String,
}

/// A fact that answers nothing.
struct NotMapped {
    fact: String,
    reading: String,
    detail: String,
    why: String,
}

/// An inventory row.
struct InventoryRow {
    name: String,
    owner: String,
    owner_named: bool,
    building_blocks: Vec<String>,
    status: String,
    codes: Vec<String>,
    year: String,
    url: String,
    solution: String,
    why: String,
}

/// A system listed in the notes instead of the inventory.
struct SystemNote {
    codes: Vec<String>,
    name: String,
    status: String,
    year: String,
    url: String,
    why: String,
}

struct Seeder<'a> {
    govtech: &'a GovTech,
    economy: &'a Economy,
    country: String,
}

impl Seeder<'_> {
    fn info(&self) -> &DatasetInfo {
        &self.govtech.mapping.dataset
    }

    fn run(&self) -> Seeded {
        let (written, mut not_mapped, register) = self.answers();
        not_mapped.extend(self.facts_not_mapped());
        let (inventory, system_notes) = self.systems();
        let roles = self.roles();
        let country = self.country.clone();
        let iso3 = self.economy.get("iso3").to_string();
        let files = vec![
            (ASSESSMENT_FILE.to_string(), self.assessment_yaml(&roles)),
            (ANSWERS_FILE.to_string(), self.answers_csv(&written)),
            (SYSTEMS_FILE.to_string(), systems_csv(&inventory)),
            (EVIDENCE_FILE.to_string(), evidence_csv(&register)),
            (
                NOTES_FILE.to_string(),
                self.notes(&written, &not_mapped, &inventory, &system_notes, &roles),
            ),
        ];
        Seeded {
            country,
            iso3,
            files,
            answers: written.len(),
            systems: inventory.len(),
            systems_not_listed: system_notes.len(),
            facts_not_mapped: not_mapped.len(),
        }
    }

    /// Framework roles held by institutions the dataset names.
    fn roles(&self) -> Vec<(String, String)> {
        let mut roles = Vec::new();
        for seed in &self.govtech.mapping.roles {
            let name = one_line(self.economy.get(&seed.name));
            let reading_ok = seed
                .reading
                .as_ref()
                .is_none_or(|column| seed.when.iter().any(|w| w == self.economy.get(column)));
            if !name.is_empty() && reading_ok {
                roles.push((seed.role.clone(), name));
            }
        }
        roles
    }

    /// The answers, the facts of mapped questions that answer nothing, and the register rows.
    fn answers(&self) -> (Vec<Written>, Vec<NotMapped>, Vec<[String; 9]>) {
        let info = self.info();
        let mut written = Vec::new();
        let mut not_mapped = Vec::new();
        let mut register = Vec::new();
        for mapping in &self.govtech.mapping.answers {
            let Some(question) = self.govtech.questionnaire.question(&mapping.question) else {
                continue;
            };
            let (reading, code, name, url, year) = match &mapping.from {
                Source::Field(field) => {
                    let column = |c: &Option<String>| {
                        c.as_deref()
                            .map(|c| one_line(self.economy.get(c)))
                            .unwrap_or_default()
                    };
                    (
                        field_reading(self.economy, field),
                        self.economy
                            .get(&format!("{}_code", field.strip_suffix("_name").unwrap_or(field)))
                            .to_string(),
                        if field.ends_with("_name") {
                            one_line(self.economy.get(field))
                        } else {
                            column(&mapping.name)
                        },
                        column(&mapping.url),
                        column(&mapping.year),
                    )
                }
                Source::System(code) => match self.economy.system(code) {
                    Some(row) => (
                        row.status.clone(),
                        row.status_code.clone(),
                        one_line(&row.name),
                        one_line(&row.url),
                        row.year.clone(),
                    ),
                    None => (
                        "unknown".into(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ),
                },
            };
            let fact = mapping.from.key().to_string();
            let detail = detail(&code, &year, &name, &url);
            let Some(answer) = mapping.readings.get(&reading) else {
                let why = mapping.not_mapped.get(&reading).map_or_else(
                    || format!("the reading `{reading}` supports no answer"),
                    |w| one_line(w),
                );
                not_mapped.push(NotMapped {
                    fact: format!("{fact} (for {})", mapping.question),
                    reading,
                    detail,
                    why,
                });
                continue;
            };
            let evidence_id = format!("govtech-2020.{fact}");
            let title = format!(
                "{}, {}: {} ({}); reading `{reading}`{}",
                info.title,
                info.edition,
                fact,
                mapping.columns,
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(", {detail}")
                }
            );
            register.push([
                evidence_id.clone(),
                title,
                info.evidence_type.clone(),
                info.issuer.clone(),
                info.date.clone(),
                url.clone(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            written.push(Written {
                question: question.id.clone(),
                indicator: question.indicator.clone(),
                answer: answer.clone(),
                label: option_label(question, answer),
                evidence_id,
                fact: format!("{fact} ({})", mapping.columns),
                reading,
                detail: self::detail(&code, &year, &name, ""),
                url,
                why: one_line(&mapping.why),
            });
        }
        (written, not_mapped, register)
    }

    /// Economy facts no question is seeded from.
    fn facts_not_mapped(&self) -> Vec<NotMapped> {
        self.govtech
            .mapping
            .facts_not_mapped
            .iter()
            .map(|(fact, why)| {
                let url = self
                    .govtech
                    .columns
                    .iter()
                    .find(|c| c.starts_with(&format!("{fact}_")) && c.ends_with("_url"))
                    .map(|c| one_line(self.economy.get(c)))
                    .unwrap_or_default();
                let name = one_line(self.economy.get(&format!("{fact}_name")));
                let year = self.economy.get(&format!("{fact}_year")).to_string();
                let code = self.economy.get(&format!("{fact}_code")).to_string();
                NotMapped {
                    fact: fact.clone(),
                    reading: field_reading(self.economy, fact),
                    detail: detail(&code, &year, &name, &url),
                    why: one_line(why),
                }
            })
            .collect()
    }

    /// The inventory rows and the systems listed in the notes instead. Rows the dataset links
    /// with `same_as` are one system: one inventory row or one note.
    fn systems(&self) -> (Vec<InventoryRow>, Vec<SystemNote>) {
        let mappings = &self.govtech.mapping.systems;
        let mut inventory: Vec<InventoryRow> = Vec::new();
        let mut notes = Vec::new();
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for row in &self.economy.systems {
            if done.contains(row.system.as_str()) {
                continue;
            }
            // The group of rows naming one system.
            let mut group: Vec<&SystemRow> = vec![row];
            let mut index = 0;
            while index < group.len() {
                for code in group[index]
                    .same_as
                    .split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                {
                    if let Some(other) = self.economy.system(code)
                        && !group.iter().any(|g| g.system == other.system)
                    {
                        group.push(other);
                    }
                }
                index += 1;
            }
            for member in &group {
                done.insert(member.system.as_str());
            }
            let codes: Vec<String> = group.iter().map(|g| g.system.clone()).collect();
            // Which members qualify, and the reason for those that do not.
            let mut building_blocks: Vec<String> = Vec::new();
            let mut first: Option<(&SystemRow, &SystemMapping)> = None;
            let mut reasons = Vec::new();
            for member in &group {
                let Some(mapping) = mappings.get(&member.system) else {
                    reasons.push(format!("{}: not in the mapping", member.system));
                    continue;
                };
                match why_not(member, mapping) {
                    None => {
                        for bb in &mapping.building_blocks {
                            if !building_blocks.contains(bb) {
                                building_blocks.push(bb.clone());
                            }
                        }
                        first.get_or_insert((member, mapping));
                    }
                    Some(reason) => reasons.push(if group.len() > 1 {
                        format!("{}: {reason}", member.system)
                    } else {
                        reason
                    }),
                }
            }
            let name = system_name(row, mappings.get(&row.system));
            match first {
                Some((member, mapping)) => {
                    let owner_named = mapping
                        .owner_from
                        .as_deref()
                        .map(|c| one_line(self.economy.get(c)))
                        .filter(|o| !o.is_empty());
                    let mut name = system_name(member, Some(mapping));
                    let owner = owner_named
                        .clone()
                        .unwrap_or_else(|| mapping.owner.clone().unwrap_or_default());
                    if inventory.iter().any(|r| r.name == name && r.owner == owner) {
                        name = format!("{name} ({})", mapping.title);
                    }
                    let mut why = one_line(&mapping.why);
                    if group.len() > 1 {
                        why.push_str(&format!(
                            " Listed once for the dataset's rows {} (same system).",
                            codes.join(", ")
                        ));
                    }
                    inventory.push(InventoryRow {
                        name,
                        owner,
                        owner_named: owner_named.is_some(),
                        building_blocks,
                        status: member.status.clone(),
                        codes,
                        year: member.year.clone(),
                        url: one_line(&member.url),
                        solution: one_line(&member.solution),
                        why,
                    });
                }
                None => {
                    let mut why = reasons.join("; ");
                    if group.len() > 1 {
                        why = format!("one system listed under {}: {why}", codes.join(" and "));
                    }
                    notes.push(SystemNote {
                        codes,
                        name,
                        status: format!("{} (code {})", row.status, or_blank(&row.status_code)),
                        year: row.year.clone(),
                        url: one_line(&row.url),
                        why,
                    });
                }
            }
        }
        (inventory, notes)
    }

    fn assessment_yaml(&self, roles: &[(String, String)]) -> String {
        let info = self.info();
        let country = &self.country;
        let iso3 = self.economy.get("iso3");
        let mut text = String::new();
        let _ = writeln!(
            text,
            "# Desk review of {country} seeded by `dpi-assess init --from govtech` from the {}, {}.",
            info.title, info.edition
        );
        let _ = writeln!(text, "# {}", self.govtech.attribution());
        text.push_str(
            "# Every answer is a claim read from the dataset, to verify with the country; what could not be\n\
             # mapped, and why, is in desk-review-notes.md. Check it with: dpi-assess validate <this folder>\n\n",
        );
        let _ = writeln!(text, "country: {}", quoted(country));
        let _ = writeln!(text, "iso3: {iso3}");
        text.push_str(
            "# The dataset's edition, not today: the facts describe what the dataset found in 2020, and\n\
             # evidence ages are judged from this date.\n",
        );
        let _ = writeln!(text, "assessment_date: \"{}\"", info.assessment_date);
        let _ = writeln!(
            text,
            "title: {}",
            quoted(&format!(
                "{country}: desk review from the {}, {}",
                info.title, info.edition
            ))
        );
        let _ = writeln!(text, "framework: {FRAMEWORK_ID}");
        let _ = writeln!(text, "questionnaires: [{QUESTIONNAIRE_ID}]");
        text.push_str("\ninputs:\n");
        let _ = writeln!(text, "  answers:\n    - {ANSWERS_FILE}");
        let _ = writeln!(text, "  systems: {SYSTEMS_FILE}");
        text.push_str("  # Each answer cites its entry here; the entries' type (statement) never verifies levels 3-4.\n");
        let _ = writeln!(text, "  evidence: {EVIDENCE_FILE}");
        text.push_str(
            "\n# The dataset lists the core systems it looked for, not every system the country runs: a\n\
             # Building Block without a system here is unknown (no value), not absent (0).\n\
             inventory: partial\n",
        );
        text.push_str("\n# Institutions the dataset names for these framework roles.\n");
        if roles.is_empty() {
            text.push_str("roles: {}\n");
        } else {
            text.push_str("roles:\n");
            for (role, name) in roles {
                let _ = writeln!(text, "  {role}: {}", quoted(name));
            }
        }
        let _ = writeln!(
            text,
            "\nnotes: {}",
            quoted(&format!(
                "Desk review, not validated: every answer and inventory row was read from the {}, {}, and is a claim to verify with the country (desk-review-notes.md lists what was not mapped). {}",
                info.title,
                info.edition,
                self.govtech.attribution()
            ))
        );
        text.push_str("\nassessors: []\n");
        text
    }

    fn answers_csv(&self, written: &[Written]) -> String {
        let respondent = &self.info().respondent;
        let mut rows = vec![
            crate::model::columns::ANSWERS
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>(),
        ];
        for w in written {
            let comment = format!(
                "Desk review, not verified: {}, {}, {} reads `{}`{}; answer {} ({}) because {}.{} Confirm with the country and cite the document itself.",
                self.info().title,
                self.info().edition,
                w.fact,
                w.reading,
                if w.detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", w.detail)
                },
                w.answer,
                w.label,
                w.why,
                if w.url.is_empty() {
                    String::new()
                } else {
                    format!(" Source given: {}.", w.url)
                }
            );
            rows.push(vec![
                w.question.clone(),
                w.answer.clone(),
                respondent.clone(),
                respondent.clone(),
                w.evidence_id.clone(),
                comment,
            ]);
        }
        csv_text(&rows)
    }

    fn notes(
        &self,
        written: &[Written],
        not_mapped: &[NotMapped],
        inventory: &[InventoryRow],
        system_notes: &[SystemNote],
        roles: &[(String, String)],
    ) -> String {
        let info = self.info();
        let country = &self.country;
        let iso3 = self.economy.get("iso3");
        let mut t = String::new();
        let _ = writeln!(t, "# Desk review notes: {country} ({iso3})\n");
        let _ = writeln!(
            t,
            "This workspace was seeded by `dpi-assess init --from govtech` from the {}, {}. \
             The mapping and its reasons are in `docs/desk-review.md` of dpi-assess.\n",
            info.title, info.edition
        );
        let _ = writeln!(t, "> {}\n", self.govtech.attribution());
        let _ = writeln!(
            t,
            "Every answer names `{}` as respondent and institution and cites an entry of `evidence.csv` \
             of type `{}`: a claim to verify, which never verifies levels 3–4. The assessment is dated {} \
             (the edition), because the facts describe 2020, not today. A reading of `no` means \"not \
             found in the 2020 dataset\", not proof of absence, and answers nothing. Scores computed \
             from this workspace rest on a few indicators: read them with their coverage, as provisional. \
             A Building Block with no inventory row scores 0 under the scoring contract; here that means \
             that no system of the 2020 dataset maps to it, not that the country has none.\n",
            info.respondent, info.evidence_type, info.assessment_date
        );
        let _ = writeln!(t, "## Answers written ({})\n", written.len());
        if written.is_empty() {
            t.push_str("None: the dataset supports no answer for this economy.\n\n");
        } else {
            t.push_str("| question | indicator | answer | what it claims | fact (reading) | why this level |\n|---|---|---|---|---|---|\n");
            for w in written {
                let _ = writeln!(
                    t,
                    "| {} | {} | {} | {} | {} (`{}`) | {} |",
                    w.question,
                    w.indicator,
                    w.answer,
                    md_cell(&w.label),
                    md_cell(&w.fact),
                    w.reading,
                    md_cell(&w.why)
                );
            }
            t.push('\n');
        }
        let _ = writeln!(t, "## Facts not mapped to an answer ({})\n", not_mapped.len());
        t.push_str("| fact | reading | details | why not |\n|---|---|---|---|\n");
        for n in not_mapped {
            let _ = writeln!(
                t,
                "| {} | `{}` | {} | {} |",
                md_cell(&n.fact),
                n.reading,
                md_cell(&or_blank(&n.detail)),
                md_cell(&n.why)
            );
        }
        t.push('\n');
        let _ = writeln!(t, "## Systems in the inventory ({})\n", inventory.len());
        if inventory.is_empty() {
            t.push_str("None: no system of the dataset maps defensibly to a Building Block here.\n\n");
        } else {
            t.push_str("The dataset names no owners. Where it names the lead digital-government institution, \
                        the platforms it usually runs (interoperability, cloud) are given to it; otherwise the \
                        owner is the kind of institution the mapping names, marked \"not named in the dataset\". \
                        `platform` is left empty (a module) until a reviewer checks that other institutions' \
                        systems call it.\n\n");
            t.push_str("| system | dataset rows | Building Blocks | status | year | solution | evidence URL | owner | why |\n|---|---|---|---|---|---|---|---|---|\n");
            for r in inventory {
                let _ = writeln!(
                    t,
                    "| {} | {} | {} | {} | {} | {} | {} | {}{} | {} |",
                    md_cell(&r.name),
                    r.codes.join(", "),
                    r.building_blocks.join(", "),
                    r.status,
                    or_blank(&r.year),
                    md_cell(&or_blank(&r.solution)),
                    md_cell(&or_blank(&r.url)),
                    md_cell(&r.owner),
                    if r.owner_named {
                        " (the lead institution the dataset names; to confirm)"
                    } else {
                        ""
                    },
                    md_cell(&r.why)
                );
            }
            t.push('\n');
        }
        let _ = writeln!(t, "## Systems not in the inventory ({})\n", system_notes.len());
        t.push_str(
            "| system | dataset rows | status | year | evidence URL | why not |\n|---|---|---|---|---|---|\n",
        );
        for n in system_notes {
            let _ = writeln!(
                t,
                "| {} | {} | {} | {} | {} | {} |",
                md_cell(&n.name),
                n.codes.join(", "),
                n.status,
                or_blank(&n.year),
                md_cell(&or_blank(&n.url)),
                md_cell(&n.why)
            );
        }
        t.push('\n');
        t.push_str("## Roles\n\n");
        if roles.is_empty() {
            t.push_str("The dataset names no institution for a framework role here.\n\n");
        } else {
            for (role, name) in roles {
                let _ = writeln!(
                    t,
                    "- `{role}`: {} (named in the dataset; to confirm)",
                    md_cell(name)
                );
            }
            t.push('\n');
        }
        t.push_str("## Context (not answers)\n\n");
        for column in &self.govtech.mapping.context {
            let value = self.economy.get(column);
            let value = match column.as_str() {
                "gtmi" => value
                    .parse::<f64>()
                    .map(|v| format!("{v:.3}"))
                    .unwrap_or_else(|_| value.to_string()),
                _ => value.to_string(),
            };
            let _ = writeln!(t, "- `{column}`: {}", md_cell(&or_blank(&value)));
        }
        t.push_str(
            "\n## What the dataset cannot tell\n\n\
             The state of things today (the data are from 2020 and many addresses have moved); whether a \
             system interoperates, is shared, open source or of good quality; proof of absence; consent, \
             payment rails, civil registration and base registries, which it does not cover. Those \
             questions are left unanswered for the country to answer.\n",
        );
        t
    }
}

/// Why a system row is not an inventory row, or `None` when it is one.
fn why_not(row: &SystemRow, mapping: &SystemMapping) -> Option<String> {
    if row.status == "none" || row.status == "unknown" {
        return Some(if row.status == "none" {
            "not found in the 2020 dataset (not proof of absence)".to_string()
        } else {
            "the dataset gives no status".to_string()
        });
    }
    if mapping.building_blocks.is_empty() {
        return Some(format!(
            "no defensible Building Block: {}",
            one_line(&mapping.why)
        ));
    }
    if !mapping.inventory.contains(&row.status) {
        return Some(format!(
            "status `{}` (code {}) is not read as a running {} (the inventory takes {})",
            row.status,
            or_blank(&row.status_code),
            mapping.title.to_lowercase(),
            mapping.inventory.join(", ")
        ));
    }
    if !mapping.framework_words.is_empty() {
        let words: Vec<String> = row
            .name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let has = |list: &[String]| words.iter().any(|w| list.contains(w));
        if has(&mapping.framework_words) && !has(&mapping.platform_words) {
            return Some(one_line(mapping.framework_why.as_deref().unwrap_or_default()));
        }
    }
    None
}

/// A system's name: the dataset's name with its abbreviation, else the abbreviation, else the
/// mapping's title.
fn system_name(row: &SystemRow, mapping: Option<&SystemMapping>) -> String {
    let name = one_line(&row.name);
    let abbreviation = one_line(&row.abbreviation);
    match (name.is_empty(), abbreviation.is_empty()) {
        (false, false) if !name.contains(&abbreviation) => format!("{name} ({abbreviation})"),
        (false, _) => name,
        (true, false) => abbreviation,
        (true, true) => mapping.map_or_else(|| row.system.clone(), |m| m.title.clone()),
    }
}

/// The label of an option (for a `level` question, its descriptor).
fn option_label(question: &Question, code: &str) -> String {
    question
        .options
        .iter()
        .find(|o| o.code == code)
        .map(|o| one_line(&o.label))
        .unwrap_or_default()
}

/// "code 3, 2020, Name, URL", leaving out what is empty.
fn detail(code: &str, year: &str, name: &str, url: &str) -> String {
    let mut parts = Vec::new();
    if !code.is_empty() {
        parts.push(format!("code {code}"));
    }
    if !year.is_empty() {
        parts.push(year.to_string());
    }
    if !name.is_empty() {
        parts.push(format!("\"{name}\""));
    }
    if !url.is_empty() {
        parts.push(url.to_string());
    }
    parts.join(", ")
}

fn systems_csv(inventory: &[InventoryRow]) -> String {
    let columns = crate::model::columns::SYSTEMS;
    let mut rows = vec![columns.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    for r in inventory {
        rows.push(
            columns
                .iter()
                .map(|c| match *c {
                    "name" => r.name.clone(),
                    "owner" => r.owner.clone(),
                    "building_blocks" => r.building_blocks.join("; "),
                    "status" => r.status.clone(),
                    _ => String::new(),
                })
                .collect(),
        );
    }
    csv_text(&rows)
}

fn evidence_csv(register: &[[String; 9]]) -> String {
    let mut rows = vec![EVIDENCE_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    rows.extend(register.iter().map(|r| r.to_vec()));
    csv_text(&rows)
}

/// Rows as csv text, `\n` line ends, quoted where needed.
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Text on one line, runs of whitespace as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown table cell.
fn md_cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

fn or_blank(text: &str) -> String {
    if text.trim().is_empty() {
        "–".to_string()
    } else {
        text.to_string()
    }
}

/// A YAML double-quoted scalar (JSON string syntax is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn govtech() -> GovTech {
        match GovTech::load() {
            Ok(g) => g,
            Err(problems) => panic!("the mapping does not check:\n{}", problems.join("\n")),
        }
    }

    fn file<'a>(seeded: &'a Seeded, name: &str) -> &'a str {
        &seeded.files.iter().find(|(n, _)| n == name).expect(name).1
    }

    #[test]
    fn mapping_checks_against_framework_questionnaire_and_data() {
        let g = govtech();
        assert_eq!(g.economies().len(), 198);
    }

    #[test]
    fn mapping_problems_are_found() {
        let mut g = govtech();
        g.mapping.answers[0].readings.insert("yes".into(), "4".into());
        g.mapping.answers[1].question = "gov.99".into();
        g.mapping.systems.shift_remove("fmis");
        g.mapping.systems.get_mut("gsb").unwrap().building_blocks = vec!["cloud".into()];
        g.mapping.facts_not_mapped.shift_remove("wog");
        g.mapping.dataset.evidence_type = "law".into();
        let problems = g.check().join("\n");
        for wanted in [
            "above level 2",
            "unknown question `gov.99`",
            "system `fmis` is not mapped",
            "unknown Building Block `cloud`",
            "fact `wog`",
            "would verify levels 3-4",
        ] {
            assert!(problems.contains(wanted), "{wanted} not in:\n{problems}");
        }
    }

    #[test]
    fn kenya_is_seeded_conservatively() {
        let g = govtech();
        let ken = g.seed("ken", None).unwrap();
        assert_eq!(ken.country, "Kenya");
        let answers = file(&ken, ANSWERS_FILE);
        assert!(answers.starts_with("question_id,answer,respondent,institution,evidence,comment\n"));
        // The strategy exists: level 1, never above 2.
        assert!(
            answers.contains("\ngov.05,1,\"Desk review (World Bank GovTech dataset"),
            "{answers}"
        );
        assert!(answers.contains("\nlaw.08,2,"), "{answers}");
        assert!(answers.contains("\ninf.11,designated,"), "{answers}");
        // Kenya has no data-governance policy in the dataset: nothing claimed, noted instead.
        assert!(!answers.contains("\ngov.19,"), "{answers}");
        let notes = file(&ken, NOTES_FILE);
        assert!(
            notes.contains("| data_gov_policy (for gov.19) | `no` |"),
            "{notes}"
        );
        // GHRIS is one system for HRMIS and payroll: one note, no inventory row.
        let systems = file(&ken, SYSTEMS_FILE);
        assert!(!systems.contains("GHRIS"), "{systems}");
        assert_eq!(notes.matches("GHRIS").count(), 1, "{notes}");
        assert!(notes.contains("hrmis, payroll"), "{notes}");
        assert!(
            systems.contains("ESB,\"Ministry of ICT, Innovation and Youth\",information-mediator,production"),
            "{systems}"
        );
        assert!(systems.contains("National ID system,National identification authority (not named in the dataset),identity,production"), "{systems}");
        assert!(notes.contains(&g.attribution()));
        let yaml = file(&ken, ASSESSMENT_FILE);
        assert!(yaml.contains("assessment_date: \"2020-12-31\""));
        assert!(yaml.contains("lead_digital_agency: \"Ministry of ICT, Innovation and Youth\""));
        assert!(yaml.contains("CC BY 4.0"));
        let evidence = file(&ken, EVIDENCE_FILE);
        assert!(evidence.contains("govtech-2020.dg_strategy,"), "{evidence}");
        assert!(evidence.contains(",statement,World Bank,2020-12,"), "{evidence}");
    }

    #[test]
    fn interoperability_frameworks_are_not_platforms() {
        let g = govtech();
        // Ghana's interoperability row names its e-GIF: a framework, not a running mediator.
        let gha = g.seed("GHA", None).unwrap();
        assert!(!file(&gha, SYSTEMS_FILE).contains("e-GIF"));
        assert!(file(&gha, NOTES_FILE).contains("interoperability framework"));
        // Estonia's X-Road is one.
        let est = g.seed("EST", None).unwrap();
        assert!(file(&est, SYSTEMS_FILE).contains("X-road + UXP"));
    }

    #[test]
    fn every_economy_seeds_and_is_deterministic() {
        let g = govtech();
        let all: Vec<Seeded> = g
            .economies()
            .iter()
            .map(|(iso, _)| g.seed(iso, None).unwrap())
            .collect();
        assert_eq!(all.len(), 198);
        assert_eq!(g.seed("KEN", None), g.seed("KEN", None));
        assert!(all.iter().all(|s| s.files.len() == 5));
        assert!(all.iter().any(|s| s.answers > 5));
    }

    #[test]
    fn suggestions_from_names_and_codes() {
        let g = govtech();
        assert_eq!(g.suggest("kenya"), Some(("KEN", "Kenya")));
        assert_eq!(g.suggest("KEM"), Some(("KEN", "Kenya")));
        assert!(!g.has("XYZ"));
    }
}
