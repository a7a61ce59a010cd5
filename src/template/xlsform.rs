//! The questionnaire as an XLSForm, for field data collection with KoboToolbox or ODK Central.
//!
//! In: a validated [`Framework`] and one [`Questionnaire`]. Out: the bytes of an XLSForm workbook
//! ([`build_xlsform`]) with the sheets `survey`, `choices` and `settings`, and a description of its
//! fields ([`form_fields`]) that `ingest::field` uses to read the exports of the form back. Pure:
//! the same inputs give the same bytes.
//!
//! The field names are a contract with ingest, and are documented in `docs/inputs.md`:
//! - a question's name is its id with every character other than a letter, a digit or `_` turned
//!   into `_` (`inf.01` → `inf_01`), prefixed with `q_` when it would not start with a letter;
//!   a name already taken gets `_2`, `_3`…;
//! - its evidence question is `<name>_evidence` (shown only when the answer claims level 3 or
//!   more), with `<name>_evidence_file` beside it (a `file` question under the same rule, for the
//!   document itself: exports give its file name, which ingest joins to the evidence), its
//!   comment `<name>_comment`, and for numeric questions `<name>_missing`, where a
//!   respondent who cannot give the figure says `na` or `unknown`;
//! - choices: `level_0`…`level_4` for `level` questions, the option codes for the others, then
//!   (select_multiple only) `none`, "None of these", which the long form reads as `none` (no
//!   option, zero points), then `na` and `unknown`; `none`, `na` and `unknown` each exclude every
//!   other choice (a `constraint` with its message);
//! - after the questions, the inventories: `has_systems` (yes/no) opens the repeat `systems`, and
//!   `has_services` the repeat `services`; each repeat's fields are named as the inventory
//!   columns (`name`, `owner`, `building_blocks`, `status`, … and `name`, `category`, `owner`, …,
//!   see [`SYSTEM_FIELDS`] and [`SERVICE_FIELDS`]), with the workbook's drop-down lists as choice
//!   lists (`inv_*`: BB ids as select_multiple, the vocabularies' codes as select_one) and its
//!   constraints (coverage 0–100, counts 0 or more); `ingest::form_inventory` reads them back;
//! - the respondent group `respondent` holds `respondent_name`, `institution` and
//!   `respondent_role`; the calculated `questionnaire_id` and `questionnaire_version` travel with
//!   every submission so that an export can be checked against the questionnaire.

use std::collections::HashSet;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::model::{
    AnswerType, DigitalLevel, ExchangeMode, Framework, Hosting, LifecycleStatus, NOT_APPLICABLE_LABEL,
    PillarKind, Question, Questionnaire, ServiceCategory, UNKNOWN_LABEL,
};

/// Name of the group holding the respondent's details.
pub const RESPONDENT_GROUP: &str = "respondent";
/// The respondent's name.
pub const RESPONDENT_NAME: &str = "respondent_name";
/// The respondent's institution.
pub const INSTITUTION: &str = "institution";
/// The respondent's role (read, not stored: answers carry name and institution).
pub const RESPONDENT_ROLE: &str = "respondent_role";
/// Calculated field holding the questionnaire id.
pub const QUESTIONNAIRE_ID: &str = "questionnaire_id";
/// Calculated field holding the questionnaire version.
pub const QUESTIONNAIRE_VERSION: &str = "questionnaire_version";
/// Choice name for "not applicable".
pub const NA_CHOICE: &str = "na";
/// Choice name for "don't know".
pub const UNKNOWN_CHOICE: &str = "unknown";
/// Choice name for "none of these" (select_multiple): the long form's `none`.
pub const NONE_CHOICE: &str = "none";
/// Label of the "none of these" choice.
pub const NONE_LABEL: &str = "None of these applies";
/// Suffix of the evidence question.
pub const EVIDENCE_SUFFIX: &str = "_evidence";
/// Suffix of the evidence upload (`file`) question.
pub const EVIDENCE_FILE_SUFFIX: &str = "_evidence_file";
/// Suffix of the comment question.
pub const COMMENT_SUFFIX: &str = "_comment";
/// Suffix of the "why no figure" question of numeric questions.
pub const MISSING_SUFFIX: &str = "_missing";
/// List of the `_missing` questions.
const MISSING_LIST: &str = "no_figure";

/// The repeat group of the systems inventory.
pub const SYSTEMS_REPEAT: &str = "systems";
/// The repeat group of the services inventory.
pub const SERVICES_REPEAT: &str = "services";
/// The yes/no question that opens the systems repeat.
pub const HAS_SYSTEMS: &str = "has_systems";
/// The yes/no question that opens the services repeat.
pub const HAS_SERVICES: &str = "has_services";
/// Label of [`HAS_SYSTEMS`].
pub const HAS_SYSTEMS_LABEL: &str =
    "Does your institution own or run information systems to list in the systems inventory?";
/// Label of [`HAS_SERVICES`].
pub const HAS_SERVICES_LABEL: &str =
    "Does your institution deliver public services to list in the services inventory?";

/// How an inventory field is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InventoryKind {
    /// Free text.
    Text,
    /// `select_one` from a list ([`inventory_lists`]).
    SelectOne(&'static str),
    /// `select_multiple` from a list: the inventory column takes the choices separated by `;`.
    SelectMultiple(&'static str),
    /// A share from 0 to 100.
    Share,
    /// A whole number, 0 or more.
    Count,
}

/// One field of an inventory repeat: its name is the inventory column it fills.
#[derive(Debug, Clone, Copy)]
pub struct InventoryField {
    /// XLSForm name = the inventory column.
    pub name: &'static str,
    /// Label.
    pub label: &'static str,
    /// Hint.
    pub hint: &'static str,
    /// Field type.
    pub kind: InventoryKind,
    /// Whether the inventory requires it.
    pub required: bool,
}

const fn field(
    name: &'static str,
    label: &'static str,
    hint: &'static str,
    kind: InventoryKind,
    required: bool,
) -> InventoryField {
    InventoryField {
        name,
        label,
        hint,
        kind,
        required,
    }
}

/// List of the Building Blocks (ids).
pub const BB_LIST: &str = "inv_bb";
const STATUS_LIST: &str = "inv_status";
const EXCHANGE_LIST: &str = "inv_exchange";
const HOSTING_LIST: &str = "inv_hosting";
const YES_NO_LIST: &str = "inv_yes_no";
const CATEGORY_LIST: &str = "inv_category";
const DIGITAL_LEVEL_LIST: &str = "inv_digital_level";

/// The fields of the `systems` repeat, in the systems inventory's column order.
pub const SYSTEM_FIELDS: &[InventoryField] = &[
    field(
        "name",
        "System name",
        "e.g. National Identity Management System. One entry per system.",
        InventoryKind::Text,
        true,
    ),
    field(
        "owner",
        "Owner institution",
        "The institution that owns or runs the system.",
        InventoryKind::Text,
        true,
    ),
    field(
        "building_blocks",
        "GovStack Building Blocks it implements",
        "Tick every Building Block the system implements.",
        InventoryKind::SelectMultiple(BB_LIST),
        true,
    ),
    field(
        "status",
        "Lifecycle status",
        "",
        InventoryKind::SelectOne(STATUS_LIST),
        true,
    ),
    field(
        "coverage",
        "Coverage (%)",
        "Share of the intended population or users it reaches today, from 0 to 100.",
        InventoryKind::Share,
        false,
    ),
    field(
        "exchange",
        "Data exchange",
        "How it exchanges data with other systems.",
        InventoryKind::SelectOne(EXCHANGE_LIST),
        false,
    ),
    field(
        "standards",
        "Standards",
        "Standards and specifications it follows, separated by `;` (e.g. OpenAPI 3; HL7 FHIR R4).",
        InventoryKind::Text,
        false,
    ),
    field(
        "hosting",
        "Hosting",
        "Where it runs.",
        InventoryKind::SelectOne(HOSTING_LIST),
        false,
    ),
    field(
        "open_source",
        "Open source",
        "Is the software open source?",
        InventoryKind::SelectOne(YES_NO_LIST),
        false,
    ),
    field(
        "platform",
        "Shared platform",
        "yes if it offers its Building Blocks as a shared platform that other services and institutions call; no if it holds them inside one application.",
        InventoryKind::SelectOne(YES_NO_LIST),
        false,
    ),
    field(
        "used_by",
        "Used by",
        "Institutions that use the system (the owner included), separated by `;`.",
        InventoryKind::Text,
        false,
    ),
];

/// The fields of the `services` repeat, in the services inventory's column order.
pub const SERVICE_FIELDS: &[InventoryField] = &[
    field(
        "name",
        "Service name",
        "e.g. Birth registration and certificate. One entry per service.",
        InventoryKind::Text,
        true,
    ),
    field(
        "category",
        "Category",
        "What the service mainly rests on.",
        InventoryKind::SelectOne(CATEGORY_LIST),
        true,
    ),
    field(
        "owner",
        "Owner institution",
        "The institution that delivers the service.",
        InventoryKind::Text,
        true,
    ),
    field(
        "yearly_transactions",
        "Transactions per year",
        "A whole number.",
        InventoryKind::Count,
        false,
    ),
    field(
        "users",
        "Users per year",
        "People or businesses served per year, a whole number.",
        InventoryKind::Count,
        false,
    ),
    field(
        "digital_level",
        "Digital level",
        "How digital the service is today.",
        InventoryKind::SelectOne(DIGITAL_LEVEL_LIST),
        false,
    ),
    field(
        "required_bbs",
        "Building Blocks it needs",
        "Tick every Building Block the service needs.",
        InventoryKind::SelectMultiple(BB_LIST),
        true,
    ),
];

fn plain_choice(name: &str, label: &str) -> Choice {
    Choice {
        name: name.to_string(),
        label: label.to_string(),
        value: ChoiceValue::Option(name.to_string()),
    }
}

/// The choice lists of the inventory repeats: the workbook's drop-down lists (BB ids, the
/// vocabularies' codes, yes/no), labelled for a respondent.
pub fn inventory_lists(framework: &Framework) -> Vec<(&'static str, Vec<Choice>)> {
    let label = |code: &str, text: &str| plain_choice(code, text);
    let described = |code: &'static str| -> &'static str {
        match code {
            "planned" => "Planned: nothing runs yet",
            "pilot" => "Pilot: runs for a limited area or group",
            "production" => "Production: runs nationally for its intended users",
            "legacy" => "Legacy: runs but is being replaced or decommissioned",
            "none" => "None: no exchange",
            "files" => "Files: exports, e-mail, removable media",
            "point_to_point" => "Point to point: direct APIs between pairs of systems",
            "data_exchange_layer" => "The national data-exchange layer (Information Mediator)",
            "on_premises" => "On the owner's premises",
            "government_data_centre" => "In a government data centre",
            "government_cloud" => "On a government cloud",
            "commercial_cloud" => "On a commercial cloud",
            "identity" => "Identity: enabled by digital identity",
            "payment" => "Payment: enabled by digital payments",
            "data" => "Data: driven by data exchange",
            "offline" => "Offline: paper and counters only",
            "informational" => "Informational: information online, the process is not",
            "interactive" => "Interactive: forms online, the process ends offline",
            "transactional" => "Transactional: the whole transaction can be done online",
            "end_to_end" => "End to end: digital throughout, data reused across agencies",
            other => other,
        }
    };
    fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| code(*v)).collect()
    }
    let from = |codes: Vec<&'static str>| {
        codes
            .into_iter()
            .map(|c| label(c, described(c)))
            .collect::<Vec<_>>()
    };
    vec![
        (
            BB_LIST,
            framework
                .building_blocks
                .iter()
                .map(|b| label(&choice_name(&b.id), &format!("{} ({})", b.name.trim(), b.id)))
                .collect(),
        ),
        (
            STATUS_LIST,
            from(codes(LifecycleStatus::ALL, LifecycleStatus::code)),
        ),
        (EXCHANGE_LIST, from(codes(ExchangeMode::ALL, ExchangeMode::code))),
        (HOSTING_LIST, from(codes(Hosting::ALL, Hosting::code))),
        (YES_NO_LIST, vec![label("yes", "Yes"), label("no", "No")]),
        (
            CATEGORY_LIST,
            from(codes(ServiceCategory::ALL, ServiceCategory::code)),
        ),
        (
            DIGITAL_LEVEL_LIST,
            from(codes(DigitalLevel::ALL, DigitalLevel::code)),
        ),
    ]
}

/// What a choice stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceValue {
    /// A level 0..4 (`level` questions).
    Level(u8),
    /// An option code (`yes_no`, `choice`, `multi`).
    Option(String),
    /// Not applicable.
    NotApplicable,
    /// Don't know.
    Unknown,
    /// None of the options of a select_multiple (the long form's `none`: zero points).
    NoneOfThese,
}

/// One choice of a list.
#[derive(Debug, Clone)]
pub struct Choice {
    /// XLSForm name (what an export with XML values holds).
    pub name: String,
    /// Label (what an export with labels holds).
    pub label: String,
    /// Its meaning.
    pub value: ChoiceValue,
}

/// How a question is asked in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// `select_one`.
    SelectOne,
    /// `select_multiple`.
    SelectMultiple,
    /// `decimal`.
    Decimal,
}

/// One questionnaire question as the form asks it.
#[derive(Debug, Clone)]
pub struct FormQuestion<'a> {
    /// The question.
    pub question: &'a Question,
    /// XLSForm name.
    pub name: String,
    /// Label: the question id, then its text.
    pub label: String,
    /// Hint: the guidance and what to answer with.
    pub hint: String,
    /// Field type.
    pub kind: FieldKind,
    /// Choices (selects), with `na` and `unknown` last.
    pub choices: Vec<Choice>,
    /// `relevant` of the evidence question; `None` when no answer can reach level 3.
    pub evidence_relevant: Option<String>,
}

impl FormQuestion<'_> {
    /// Name of the evidence question.
    pub fn evidence_name(&self) -> String {
        format!("{}{EVIDENCE_SUFFIX}", self.name)
    }
    /// Label of the evidence question.
    pub fn evidence_label(&self) -> String {
        format!(
            "{} Evidence: the document, law, report or link behind this answer",
            self.question.id
        )
    }
    /// Name of the evidence upload (`file`) question.
    pub fn evidence_file_name(&self) -> String {
        format!("{}{EVIDENCE_FILE_SUFFIX}", self.name)
    }
    /// Label of the evidence upload question.
    pub fn evidence_file_label(&self) -> String {
        format!(
            "{} Evidence file: attach the document behind this answer",
            self.question.id
        )
    }
    /// Name of the comment question.
    pub fn comment_name(&self) -> String {
        format!("{}{COMMENT_SUFFIX}", self.name)
    }
    /// Label of the comment question.
    pub fn comment_label(&self) -> String {
        format!("{} Comment (optional)", self.question.id)
    }
    /// Name of the "why no figure" question (numeric questions).
    pub fn missing_name(&self) -> String {
        format!("{}{MISSING_SUFFIX}", self.name)
    }
    /// Label of the "why no figure" question.
    pub fn missing_label(&self) -> String {
        format!("{} If you cannot give the figure, why?", self.question.id)
    }
}

/// A dimension group and its questions.
#[derive(Debug, Clone)]
pub struct FormDimension<'a> {
    /// Group name.
    pub name: String,
    /// Dimension title.
    pub title: String,
    /// Questions.
    pub questions: Vec<FormQuestion<'a>>,
}

/// A layer group and its dimension groups.
#[derive(Debug, Clone)]
pub struct FormLayer<'a> {
    /// Group name.
    pub name: String,
    /// Pillar title.
    pub title: String,
    /// Dimensions with questions.
    pub dimensions: Vec<FormDimension<'a>>,
}

/// The whole form.
#[derive(Debug, Clone)]
pub struct Form<'a> {
    /// The questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// Languages as XLSForm writes them, e.g. `English (en)`.
    pub languages: Vec<String>,
    /// Layer groups with questions.
    pub layers: Vec<FormLayer<'a>>,
}

impl<'a> Form<'a> {
    /// Every question, in form order.
    pub fn questions(&self) -> impl Iterator<Item = &FormQuestion<'a>> {
        self.layers
            .iter()
            .flat_map(|l| l.dimensions.iter().flat_map(|d| d.questions.iter()))
    }
}

/// An XLSForm name from an id: letters, digits and `_`; other characters become `_`.
pub fn xml_name(id: &str) -> String {
    let mut name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        name.insert_str(0, "q_");
    }
    name
}

/// The version written to `settings`: the questionnaire's version as it is (`1.0.0`).
pub fn form_version(questionnaire: &Questionnaire) -> String {
    questionnaire.version.clone()
}

/// `English (en)` from `en`; unknown tags give `xx (xx)`.
pub fn language_column(tag: &str) -> String {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase();
    let name = match primary.as_str() {
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "ar" => "Arabic",
        "sw" => "Swahili",
        "de" => "German",
        "ru" => "Russian",
        "zh" => "Chinese",
        "am" => "Amharic",
        "ha" => "Hausa",
        "id" => "Indonesian",
        "et" => "Estonian",
        "nl" => "Dutch",
        _ => tag,
    };
    format!("{name} ({tag})")
}

fn unique(name: String, used: &mut HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while !used.insert(candidate.to_ascii_lowercase()) {
        candidate = format!("{name}_{n}");
        n += 1;
    }
    candidate
}

/// Describes the form of one questionnaire: groups per layer and dimension (framework order),
/// questions in questionnaire order within each, with names, labels, choices and the evidence rule.
pub fn form_fields<'a>(framework: &'a Framework, questionnaire: &'a Questionnaire) -> Form<'a> {
    let mut used: HashSet<String> = [
        RESPONDENT_GROUP,
        RESPONDENT_NAME,
        INSTITUTION,
        RESPONDENT_ROLE,
        QUESTIONNAIRE_ID,
        QUESTIONNAIRE_VERSION,
        "meta",
        "instanceID",
        SYSTEMS_REPEAT,
        SERVICES_REPEAT,
        HAS_SYSTEMS,
        HAS_SERVICES,
    ]
    .iter()
    .chain(SYSTEM_FIELDS.iter().chain(SERVICE_FIELDS).map(|f| &f.name))
    .map(|s| s.to_ascii_lowercase())
    .collect();
    let mut layers = Vec::new();
    for pillar in framework.pillars.iter().filter(|p| p.kind == PillarKind::Layer) {
        let mut dimensions = Vec::new();
        let layer_name = unique(xml_name(&pillar.id), &mut used);
        for dimension in &pillar.dimensions {
            let indicators: HashSet<&str> = dimension.indicators.iter().map(|i| i.id.as_str()).collect();
            let questions: Vec<&Question> = questionnaire
                .questions
                .iter()
                .filter(|q| indicators.contains(q.indicator.as_str()))
                .collect();
            if questions.is_empty() {
                continue;
            }
            let name = unique(xml_name(&dimension.id), &mut used);
            let questions = questions
                .into_iter()
                .map(|q| form_question(q, framework, &mut used))
                .collect();
            dimensions.push(FormDimension {
                name,
                title: dimension.title.clone(),
                questions,
            });
        }
        if !dimensions.is_empty() {
            layers.push(FormLayer {
                name: layer_name,
                title: pillar.title.clone(),
                dimensions,
            });
        }
    }
    Form {
        questionnaire,
        languages: vec![language_column(&questionnaire.language)],
        layers,
    }
}

fn form_question<'a>(
    question: &'a Question,
    framework: &Framework,
    used: &mut HashSet<String>,
) -> FormQuestion<'a> {
    let name = unique(xml_name(&question.id), used);
    for suffix in [
        EVIDENCE_SUFFIX,
        EVIDENCE_FILE_SUFFIX,
        COMMENT_SUFFIX,
        MISSING_SUFFIX,
    ] {
        used.insert(format!("{name}{suffix}").to_ascii_lowercase());
    }
    let q = format!("${{{name}}}");
    let (kind, mut choices, evidence_relevant) = match question.answer_type {
        AnswerType::Level => {
            let choices: Vec<Choice> = (0..=crate::model::MAX_LEVEL)
                .map(|level| {
                    let descriptor = question
                        .options
                        .iter()
                        .find(|o| o.level == Some(level))
                        .map(|o| o.label.trim().to_string())
                        .unwrap_or_default();
                    let label = if descriptor.is_empty() {
                        format!("{level} {}", framework.level_name(level))
                    } else {
                        format!("{level} {}: {descriptor}", framework.level_name(level))
                    };
                    Choice {
                        name: format!("level_{level}"),
                        label,
                        value: ChoiceValue::Level(level),
                    }
                })
                .collect();
            let relevant = format!("{q} = 'level_3' or {q} = 'level_4'");
            (FieldKind::SelectOne, choices, Some(relevant))
        }
        AnswerType::YesNo | AnswerType::Choice => {
            let choices: Vec<Choice> = question
                .options
                .iter()
                .map(|o| Choice {
                    name: choice_name(&o.code),
                    label: o.label.trim().to_string(),
                    value: ChoiceValue::Option(o.code.clone()),
                })
                .collect();
            let high: Vec<String> = question
                .options
                .iter()
                .zip(&choices)
                .filter(|(o, _)| o.level.is_some_and(|l| l >= 3))
                .map(|(_, c)| format!("{q} = '{}'", c.name))
                .collect();
            let relevant = (!high.is_empty()).then(|| high.join(" or "));
            (FieldKind::SelectOne, choices, relevant)
        }
        AnswerType::Multi => {
            let choices: Vec<Choice> = question
                .options
                .iter()
                .map(|o| Choice {
                    name: choice_name(&o.code),
                    label: o.label.trim().to_string(),
                    value: ChoiceValue::Option(o.code.clone()),
                })
                .collect();
            let thresholds = question.thresholds.unwrap_or([1.0, 2.0, 3.0, 4.0]);
            let terms: Vec<String> = question
                .options
                .iter()
                .zip(&choices)
                .filter(|(o, _)| o.points != 0.0)
                .map(|(o, c)| format!("if(selected({q}, '{}'), {}, 0)", c.name, number(o.points)))
                .collect();
            let relevant =
                (!terms.is_empty()).then(|| format!("({}) >= {}", terms.join(" + "), number(thresholds[2])));
            (FieldKind::SelectMultiple, choices, relevant)
        }
        AnswerType::Number | AnswerType::Percent => {
            let t3 = question.thresholds.map(|t| t[2]).unwrap_or(0.0);
            let op = if question.lower_is_better { "<=" } else { ">=" };
            let relevant = format!("{q} != '' and {q} {op} {}", number(t3));
            (FieldKind::Decimal, Vec::new(), Some(relevant))
        }
    };
    if kind == FieldKind::SelectMultiple && !choices.iter().any(|c| c.name == NONE_CHOICE) {
        choices.push(Choice {
            name: NONE_CHOICE.to_string(),
            label: NONE_LABEL.to_string(),
            value: ChoiceValue::NoneOfThese,
        });
    }
    if kind != FieldKind::Decimal {
        let taken: HashSet<String> = choices.iter().map(|c| c.name.clone()).collect();
        // The way out of every list: not applicable and don't know (the `_missing` list's choices).
        choices.extend(missing_choices().into_iter().filter(|c| !taken.contains(&c.name)));
    }
    FormQuestion {
        question,
        label: format!("{} {}", question.id, question.text.trim()),
        hint: format!(
            "{}{}",
            question.help.split_whitespace().collect::<Vec<_>>().join(" "),
            hint_suffix(question)
        )
        .trim()
        .to_string(),
        name,
        kind,
        choices,
        evidence_relevant,
    }
}

fn hint_suffix(question: &Question) -> String {
    match question.answer_type {
        AnswerType::Number => format!(
            " Unit: {}. If you cannot give the figure, leave it empty and say why below.{}",
            question.unit.as_deref().unwrap_or("a number"),
            statistic_suffix(question)
        ),
        AnswerType::Percent => format!(
            " Type a number from 0 to 100 (55 for 55 %). If you cannot give the figure, leave it empty and say why below.{}",
            statistic_suffix(question)
        ),
        AnswerType::Multi => format!(" Tick all that apply, or \"{NONE_LABEL}\"."),
        AnswerType::Level => {
            " Pick a level only if everything it describes is true; if only some of it is, pick the level below.".to_string()
        }
        _ => String::new(),
    }
}

/// The source statistic of a numeric question, as a sentence after its hint.
fn statistic_suffix(question: &Question) -> String {
    question
        .statistic
        .as_ref()
        .map(|s| format!(" {}", super::statistic_text(s)))
        .unwrap_or_default()
}

/// A choice name from an option code: no spaces (select_multiple answers are space-separated).
pub fn choice_name(code: &str) -> String {
    code.trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

fn number(value: f64) -> String {
    crate::ingest::table::format_number(value)
}

/// The choices of the `_missing` questions.
pub fn missing_choices() -> Vec<Choice> {
    vec![
        Choice {
            name: NA_CHOICE.to_string(),
            label: NOT_APPLICABLE_LABEL.to_string(),
            value: ChoiceValue::NotApplicable,
        },
        Choice {
            name: UNKNOWN_CHOICE.to_string(),
            label: UNKNOWN_LABEL.to_string(),
            value: ChoiceValue::Unknown,
        },
    ]
}

/// Columns of the `survey` sheet.
struct SurveyRow {
    kind: String,
    name: String,
    label: String,
    hint: String,
    required: bool,
    relevant: String,
    constraint: String,
    constraint_message: String,
    calculation: String,
}

impl SurveyRow {
    fn new(kind: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Self {
        SurveyRow {
            kind: kind.into(),
            name: name.into(),
            label: label.into(),
            hint: String::new(),
            required: false,
            relevant: String::new(),
            constraint: String::new(),
            constraint_message: String::new(),
            calculation: String::new(),
        }
    }
}

/// The list name of a question's choices.
fn list_name(question: &FormQuestion<'_>) -> String {
    format!("{}_choices", question.name)
}

fn survey_rows(form: &Form<'_>, require_answers: bool) -> Vec<SurveyRow> {
    let q = form.questionnaire;
    let mut rows = Vec::new();
    let calc = |name: &str, value: &str| {
        let mut row = SurveyRow::new("calculate", name, "");
        row.calculation = format!("'{}'", value.replace('\'', ""));
        row
    };
    rows.push(calc(QUESTIONNAIRE_ID, &q.id));
    rows.push(calc(QUESTIONNAIRE_VERSION, &q.version));

    rows.push(SurveyRow::new("begin group", RESPONDENT_GROUP, "About you"));
    let mut name = SurveyRow::new("text", RESPONDENT_NAME, "Your name");
    name.required = true;
    rows.push(name);
    let mut institution = SurveyRow::new("text", INSTITUTION, "Your institution");
    institution.hint = "The ministry, agency or organisation you answer for, written in full.".to_string();
    institution.required = true;
    rows.push(institution);
    let mut role = SurveyRow::new("text", RESPONDENT_ROLE, "Your role");
    role.hint = "Your position, e.g. Head of IT or Legal adviser.".to_string();
    rows.push(role);
    rows.push(SurveyRow::new("end group", "", ""));

    for layer in &form.layers {
        rows.push(SurveyRow::new("begin group", &layer.name, &layer.title));
        for dimension in &layer.dimensions {
            rows.push(SurveyRow::new("begin group", &dimension.name, &dimension.title));
            for question in &dimension.questions {
                question_rows(question, require_answers, &mut rows);
            }
            rows.push(SurveyRow::new("end group", "", ""));
        }
        rows.push(SurveyRow::new("end group", "", ""));
    }
    inventory_rows(require_answers, &mut rows);
    rows
}

/// The inventories: a yes/no question, then the repeat it opens (so that a respondent without
/// systems or services is not held by the repeat's required fields).
fn inventory_rows(require_answers: bool, rows: &mut Vec<SurveyRow>) {
    let repeats = [
        (
            HAS_SYSTEMS,
            HAS_SYSTEMS_LABEL,
            SYSTEMS_REPEAT,
            "Systems inventory: one entry per system",
            SYSTEM_FIELDS,
        ),
        (
            HAS_SERVICES,
            HAS_SERVICES_LABEL,
            SERVICES_REPEAT,
            "Services inventory: one entry per service",
            SERVICE_FIELDS,
        ),
    ];
    for (gate, question, repeat, title, fields) in repeats {
        let mut ask = SurveyRow::new(format!("select_one {YES_NO_LIST}"), gate, question);
        ask.hint = "If yes, list them one by one on the next pages.".to_string();
        ask.required = require_answers;
        rows.push(ask);
        let mut begin = SurveyRow::new("begin repeat", repeat, title);
        begin.relevant = format!("${{{gate}}} = 'yes'");
        rows.push(begin);
        for f in fields {
            let kind = match f.kind {
                InventoryKind::Text => "text".to_string(),
                InventoryKind::SelectOne(list) => format!("select_one {list}"),
                InventoryKind::SelectMultiple(list) => format!("select_multiple {list}"),
                InventoryKind::Share => "decimal".to_string(),
                InventoryKind::Count => "integer".to_string(),
            };
            let mut row = SurveyRow::new(kind, f.name, f.label);
            row.hint = f.hint.to_string();
            row.required = f.required;
            match f.kind {
                InventoryKind::Share => {
                    row.constraint = ". >= 0 and . <= 100".to_string();
                    row.constraint_message = "A percentage from 0 to 100.".to_string();
                }
                InventoryKind::Count => {
                    row.constraint = ". >= 0".to_string();
                    row.constraint_message = "A number, 0 or more.".to_string();
                }
                _ => {}
            }
            rows.push(row);
        }
        rows.push(SurveyRow::new("end repeat", "", ""));
    }
}

fn question_rows(question: &FormQuestion<'_>, require_answers: bool, rows: &mut Vec<SurveyRow>) {
    let kind = match question.kind {
        FieldKind::SelectOne => format!("select_one {}", list_name(question)),
        FieldKind::SelectMultiple => format!("select_multiple {}", list_name(question)),
        FieldKind::Decimal => "decimal".to_string(),
    };
    let mut main = SurveyRow::new(kind, &question.name, &question.label);
    main.hint = question.hint.clone();
    // A number cannot say 'not applicable' or 'unknown': its follow-up question is the one
    // required when it is left empty.
    main.required = require_answers && question.kind != FieldKind::Decimal;
    if question.question.answer_type == AnswerType::Percent {
        main.constraint = ". >= 0 and . <= 100".to_string();
        main.constraint_message = "A percentage from 0 to 100.".to_string();
    } else if question.question.answer_type == AnswerType::Number {
        main.constraint = ". >= 0".to_string();
        main.constraint_message = "A number, 0 or more.".to_string();
    }
    if question.kind == FieldKind::SelectMultiple {
        // none, na and unknown exclude the options and each other.
        main.constraint = format!(
            "not((selected(., '{NONE_CHOICE}') or selected(., '{NA_CHOICE}') or selected(., '{UNKNOWN_CHOICE}')) and count-selected(.) > 1)"
        );
        main.constraint_message = format!(
            "\"{NONE_LABEL}\", \"{NOT_APPLICABLE_LABEL}\" and \"{UNKNOWN_LABEL}\" cannot be ticked with other choices."
        );
    }
    let name = question.name.clone();
    rows.push(main);
    if question.kind == FieldKind::Decimal {
        let mut missing = SurveyRow::new(
            format!("select_one {MISSING_LIST}"),
            question.missing_name(),
            question.missing_label(),
        );
        missing.relevant = format!("${{{name}}} = ''");
        missing.required = require_answers;
        rows.push(missing);
    }
    if let Some(relevant) = &question.evidence_relevant {
        let mut evidence = SurveyRow::new("text", question.evidence_name(), question.evidence_label());
        evidence.hint = "Level 3 or more needs evidence: name the document or give its link.".to_string();
        evidence.relevant = relevant.clone();
        rows.push(evidence);
        let mut file = SurveyRow::new(
            "file",
            question.evidence_file_name(),
            question.evidence_file_label(),
        );
        file.hint = "Optional: the document, a scan or a photo of it; the report cites its file name with the answer.".to_string();
        file.relevant = relevant.clone();
        rows.push(file);
    }
    rows.push(SurveyRow::new(
        "text",
        question.comment_name(),
        question.comment_label(),
    ));
}

/// Builds the XLSForm workbook of one questionnaire, with `form_id` in its settings (the
/// questionnaire's id, or that id and an institution's for `template --for`: the form id is how
/// ODK Central and KoboToolbox tell forms apart; ingest reads the calculated `questionnaire_id`
/// and `questionnaire_version` instead). With `require_answers`, every question must
/// be answered (a respondent who does not know chooses `unknown`, one for whom it does not apply
/// `na`); without, a respondent answers only what they know, as in the answer workbook.
///
/// # Errors
/// Whatever rust_xlsxwriter reports; it does not happen with valid definitions.
pub fn build_xlsform(
    framework: &Framework,
    questionnaire: &Questionnaire,
    form_id: &str,
    require_answers: bool,
) -> Result<Vec<u8>, XlsxError> {
    let form = form_fields(framework, questionnaire);
    let bold = Format::new().set_bold();
    let mut workbook = Workbook::new();
    // A fixed creation date (never the clock), so that the same definitions give the same bytes.
    let (year, month, day) = super::FIXED_CREATION_DATE;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&questionnaire.title)
            .set_subject(format!(
                "XLSForm of questionnaire {} {}",
                questionnaire.id, questionnaire.version
            ))
            .set_author("dpi-assess")
            .set_creation_datetime(&ExcelDateTime::from_ymd(year, month, day)?),
    );

    let survey = workbook.add_worksheet();
    survey.set_name("survey")?;
    let mut header = vec!["type".to_string(), "name".to_string()];
    for lang in &form.languages {
        header.push(format!("label::{lang}"));
        header.push(format!("hint::{lang}"));
    }
    header.extend(["required", "relevant", "constraint"].map(String::from));
    for lang in &form.languages {
        header.push(format!("constraint_message::{lang}"));
    }
    header.push("calculation".to_string());
    write_header(survey, &header, &bold)?;
    for (index, row) in survey_rows(&form, require_answers).iter().enumerate() {
        let r = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let mut cells = vec![row.kind.clone(), row.name.clone()];
        for _ in &form.languages {
            cells.push(row.label.clone());
            cells.push(row.hint.clone());
        }
        cells.push(if row.required {
            "yes".to_string()
        } else {
            String::new()
        });
        cells.push(row.relevant.clone());
        cells.push(row.constraint.clone());
        for _ in &form.languages {
            cells.push(row.constraint_message.clone());
        }
        cells.push(row.calculation.clone());
        write_cells(survey, r, &cells)?;
    }
    survey.set_column_width(0, 40)?;
    survey.set_column_width(1, 22)?;
    survey.set_column_width(2, 60)?;
    survey.set_freeze_panes(1, 0)?;

    let choices = workbook.add_worksheet();
    choices.set_name("choices")?;
    let mut header = vec!["list_name".to_string(), "name".to_string()];
    for lang in &form.languages {
        header.push(format!("label::{lang}"));
    }
    write_header(choices, &header, &bold)?;
    let mut r = 1u32;
    let mut lists: Vec<(String, Vec<Choice>)> = form
        .questions()
        .filter(|q| q.kind != FieldKind::Decimal)
        .map(|q| (list_name(q), q.choices.clone()))
        .collect();
    lists.push((MISSING_LIST.to_string(), missing_choices()));
    lists.extend(
        inventory_lists(framework)
            .into_iter()
            .map(|(name, items)| (name.to_string(), items)),
    );
    for (list, items) in &lists {
        for choice in items {
            let mut cells = vec![list.clone(), choice.name.clone()];
            for _ in &form.languages {
                cells.push(choice.label.clone());
            }
            write_cells(choices, r, &cells)?;
            r += 1;
        }
    }
    choices.set_column_width(0, 22)?;
    choices.set_column_width(2, 80)?;
    choices.set_freeze_panes(1, 0)?;

    let settings = workbook.add_worksheet();
    settings.set_name("settings")?;
    let header = [
        "form_title",
        "form_id",
        "version",
        "default_language",
        "instance_name",
    ]
    .map(String::from);
    write_header(settings, &header, &bold)?;
    let cells = [
        questionnaire.title.clone(),
        form_id.to_string(),
        form_version(questionnaire),
        form.languages.first().cloned().unwrap_or_default(),
        format!("concat(${{{INSTITUTION}}}, ' - ', ${{{RESPONDENT_NAME}}})"),
    ];
    write_cells(settings, 1, &cells)?;
    settings.set_column_width(0, 50)?;
    workbook.save_to_buffer()
}

fn write_header(sheet: &mut Worksheet, header: &[String], bold: &Format) -> Result<(), XlsxError> {
    for (col, text) in header.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(col).unwrap_or(u16::MAX), text, bold)?;
    }
    Ok(())
}

fn write_cells(sheet: &mut Worksheet, row: u32, cells: &[String]) -> Result<(), XlsxError> {
    for (col, text) in cells.iter().enumerate() {
        if !text.is_empty() {
            sheet.write_string(row, u16::try_from(col).unwrap_or(u16::MAX), text)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_xml_names() {
        assert_eq!(xml_name("inf.01"), "inf_01");
        assert_eq!(xml_name("policy-legal"), "policy_legal");
        assert_eq!(xml_name("1a"), "q_1a");
        assert_eq!(choice_name("a b"), "a_b");
    }

    #[test]
    fn languages_read_as_xlsform_columns() {
        assert_eq!(language_column("en"), "English (en)");
        assert_eq!(language_column("xx"), "xx (xx)");
    }
}
