//! Answer templates: the workbook (or csv files) respondents fill in.
//!
//! In: a validated [`Framework`] and the [`Questionnaire`]s that feed it, plus a few labels
//! ([`TemplateContext`]). Out: the bytes of an xlsx workbook ([`build_xlsx`]) or the text of three
//! csv files ([`build_csv`]). Both are pure: the same inputs give the same bytes.
//! Not here: finding the definitions and writing files (`cli::template`), reading filled templates
//! back (`ingest`).
//!
//! The workbook layout is a contract with ingest:
//! - `instructions`: how to answer, the definitions used and the list of sheets (never read back);
//! - one sheet per layer pillar, named by the pillar id, with [`ANSWER_SHEET_HEADER`] in row 1 and one
//!   row per question of that layer, in questionnaire order; column D (`answer`) carries a drop-down
//!   of [`Question::answer_choices`] (from the `lists` sheet) or a number check;
//! - `systems` and `services`: the inventories, headers [`columns::SYSTEMS`] and [`columns::SERVICES`]
//!   and no data rows, with drop-downs for the coded columns;
//! - `lists`: hidden lookup sheet holding every drop-down list (never read back).
//!
//! [`xlsform`] writes the same questions as an XLSForm for KoboToolbox and ODK Central, and
//! describes its field names, which `ingest::field` uses to read the exports back.

pub mod govtech;
pub mod xlsform;

use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime,
    Format, FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
    worksheet_range_absolute,
};

use crate::model::{
    AnswerType, DigitalLevel, ExchangeMode, Framework, Hosting, LifecycleStatus, NOT_APPLICABLE_LABEL,
    PillarKind, Question, Questionnaire, ServiceCategory, UNKNOWN_LABEL, columns,
};

/// Header of every answer sheet (and of `answers.csv`), in this order.
pub const ANSWER_SHEET_HEADER: [&str; 8] = [
    "question_id",
    "question",
    "help",
    "answer",
    "evidence",
    "comment",
    "respondent",
    "institution",
];

/// Name of the first sheet, which explains the workbook; ingest skips it.
pub const INSTRUCTIONS_SHEET: &str = "instructions";
/// Name of the systems inventory sheet.
pub const SYSTEMS_SHEET: &str = "systems";
/// Name of the services inventory sheet.
pub const SERVICES_SHEET: &str = "services";
/// Name of the hidden sheet holding the drop-down lists; ingest skips it.
pub const LISTS_SHEET: &str = "lists";
/// Last row (1-based) of the inventory sheets that carries drop-downs.
pub const INVENTORY_ROWS: u32 = 1000;
/// Longest sheet name Excel accepts.
pub const MAX_SHEET_NAME: usize = 31;

/// Column of the answer (D) on answer sheets, 0-based.
const ANSWER_COL: u16 = 3;
/// Excel's limit for data-validation input messages.
const MAX_MESSAGE: usize = 255;

/// Labels that do not come from the definitions.
#[derive(Debug, Clone, Default)]
pub struct TemplateContext {
    /// Country the template is for (from a workspace), shown on the instructions sheet.
    pub country: Option<String>,
    /// Date stored as the workbook's creation time, `(year, month, day)`; `None` gives
    /// [`FIXED_CREATION_DATE`]. Never the clock, so output is reproducible.
    pub created: Option<(u16, u8, u8)>,
}

/// Creation date written when the context gives none.
pub const FIXED_CREATION_DATE: (u16, u8, u8) = (2024, 1, 1);

/// The questions of one layer pillar, in questionnaire order.
#[derive(Debug, Clone)]
pub struct LayerQuestions<'a> {
    /// Pillar id.
    pub pillar: &'a str,
    /// Pillar title.
    pub title: &'a str,
    /// Sheet name: the pillar id cut to [`MAX_SHEET_NAME`] characters.
    pub sheet: String,
    /// Its questions: all of the first questionnaire's, then the next one's, and so on.
    pub questions: Vec<&'a Question>,
}

/// Groups the questions by the layer pillar of their indicator, pillars in framework order. Layers
/// without questions are kept (their sheet holds the header only).
pub fn layer_questions<'a>(
    framework: &'a Framework,
    questionnaires: &'a [Questionnaire],
) -> Vec<LayerQuestions<'a>> {
    let pillar_of: HashMap<&str, &str> = framework
        .indicators()
        .filter(|(p, _, _)| p.kind == PillarKind::Layer)
        .map(|(p, _, i)| (i.id.as_str(), p.id.as_str()))
        .collect();
    framework
        .layers()
        .map(|pillar| LayerQuestions {
            pillar: &pillar.id,
            title: &pillar.title,
            sheet: sheet_name(&pillar.id),
            questions: questionnaires
                .iter()
                .flat_map(|q| q.questions.iter())
                .filter(|q| pillar_of.get(q.indicator.as_str()) == Some(&pillar.id.as_str()))
                .collect(),
        })
        .collect()
}

/// A sheet name from a pillar id: at most [`MAX_SHEET_NAME`] characters.
pub fn sheet_name(id: &str) -> String {
    id.chars().take(MAX_SHEET_NAME).collect()
}

/// The `help` cell of a question: its guidance, then what to answer with — the five level
/// descriptors (`level`), the option codes (`multi`), the options (`yes_no`, `choice`) or the unit
/// (`number`, `percent`).
pub fn help_text(question: &Question, framework: &Framework) -> String {
    let mut text = question.help.trim().to_string();
    let mut add = |line: String| {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line);
    };
    match question.answer_type {
        AnswerType::Level => {
            if let Some(indicator) = framework.indicator(&question.indicator) {
                add("Levels:".to_string());
                for (level, descriptor) in indicator.levels.iter().enumerate() {
                    let level = level as u8;
                    add(format!(
                        "{level} {}: {}",
                        framework.level_name(level),
                        descriptor.trim()
                    ));
                }
            }
        }
        AnswerType::YesNo | AnswerType::Choice => {
            add("Options:".to_string());
            for option in &question.options {
                add(format!("- {}", option.label));
            }
        }
        AnswerType::Multi => {
            add(
                "Options (type the codes of all that apply; separate several codes with spaces; `none` when none of them applies, which scores level 0):".to_string(),
            );
            for option in &question.options {
                add(format!("{}: {}", option.code, option.label));
            }
        }
        AnswerType::Number => add(format!("Unit: {}.", number_unit(question))),
        AnswerType::Percent => add(format!(
            "Unit: {}; type a number from 0 to 100 (55 for 55 %).",
            number_unit(question)
        )),
    }
    if let Some(statistic) = &question.statistic {
        add(statistic_text(statistic));
    }
    text
}

/// Where a numeric answer comes from and which year to give: one sentence for the workbook's help
/// cell and the form's hint.
pub fn statistic_text(statistic: &crate::model::Statistic) -> String {
    let code = statistic
        .code
        .as_deref()
        .map(|c| format!(", {c}"))
        .unwrap_or_default();
    format!(
        "Source statistic: {} ({}{code}). Give the latest figure, for the assessment year or the year before, and write its year in `comment`.",
        statistic.name, statistic.publisher
    )
}

fn number_unit(question: &Question) -> String {
    match (&question.unit, question.answer_type) {
        (Some(unit), _) if !unit.trim().is_empty() => unit.trim().to_string(),
        (_, AnswerType::Percent) => "percent".to_string(),
        _ => "a number".to_string(),
    }
}

/// Cuts a message to Excel's 255-character limit (counted in UTF-16 units), ending with `…`.
fn fit(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.encode_utf16().count() + c.len_utf16() + 1 > limit {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A column of the `lists` sheet.
struct ListColumn {
    header: String,
    values: Vec<String>,
}

impl ListColumn {
    /// The absolute range of the values, e.g. `lists!$H$2:$H$8`.
    fn range(&self, col: u16) -> String {
        let last = u32::try_from(self.values.len()).unwrap_or(1).max(1);
        format!("={}", worksheet_range_absolute(LISTS_SHEET, 1, col, last, col))
    }
}

/// All drop-down lists, in the column order of the `lists` sheet: the inventory lists first, then
/// one column per list question row.
struct Lists {
    columns: Vec<ListColumn>,
}

impl Lists {
    fn push(&mut self, header: impl Into<String>, values: Vec<String>) -> u16 {
        self.columns.push(ListColumn {
            header: header.into(),
            values,
        });
        u16::try_from(self.columns.len() - 1).unwrap_or(u16::MAX)
    }

    fn formula(&self, col: u16) -> Formula {
        Formula::new(self.columns[usize::from(col)].range(col))
    }
}

fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<String> {
    all.iter().map(|v| code(*v).to_string()).collect()
}

/// Builds the xlsx template.
///
/// # Errors
/// Whatever rust_xlsxwriter reports (a sheet name Excel refuses, a duplicate sheet name); the
/// definitions are validated, so this does not happen with the embedded ones.
pub fn build_xlsx(
    framework: &Framework,
    questionnaires: &[Questionnaire],
    context: &TemplateContext,
) -> Result<Vec<u8>, XlsxError> {
    let layers = layer_questions(framework, questionnaires);
    let styles = Styles::new();

    let mut lists = Lists { columns: Vec::new() };
    let bb_ids: Vec<String> = framework.building_blocks.iter().map(|b| b.id.clone()).collect();
    let inventory = InventoryLists {
        building_blocks: lists.push("building_blocks", bb_ids),
        status: lists.push("status", codes(LifecycleStatus::ALL, LifecycleStatus::code)),
        exchange: lists.push("exchange", codes(ExchangeMode::ALL, ExchangeMode::code)),
        hosting: lists.push("hosting", codes(Hosting::ALL, Hosting::code)),
        open_source: lists.push("open_source", vec!["yes".to_string(), "no".to_string()]),
        platform: lists.push("platform", vec!["yes".to_string(), "no".to_string()]),
        category: lists.push("category", codes(ServiceCategory::ALL, ServiceCategory::code)),
        digital_level: lists.push("digital_level", codes(DigitalLevel::ALL, DigitalLevel::code)),
    };

    let mut workbook = Workbook::new();
    let (year, month, day) = context.created.unwrap_or(FIXED_CREATION_DATE);
    let created = ExcelDateTime::from_ymd(year, month, day)?;
    let title = questionnaires
        .first()
        .map(|q| q.title.clone())
        .unwrap_or_else(|| framework.title.clone());
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_subject(format!(
                "Answer template for framework {} {}",
                framework.id, framework.version
            ))
            .set_author("dpi-assess")
            .set_creation_datetime(&created),
    );

    instructions_sheet(
        workbook.add_worksheet(),
        framework,
        questionnaires,
        &layers,
        context,
        &styles,
    )?;
    for layer in &layers {
        answer_sheet(workbook.add_worksheet(), framework, layer, &mut lists, &styles)?;
    }
    systems_sheet(workbook.add_worksheet(), framework, &lists, &inventory, &styles)?;
    services_sheet(workbook.add_worksheet(), &lists, &inventory, &styles)?;
    lists_sheet(workbook.add_worksheet(), &lists, &styles)?;
    workbook.save_to_buffer()
}

/// Columns of the `lists` sheet used by the inventory sheets.
struct InventoryLists {
    building_blocks: u16,
    status: u16,
    exchange: u16,
    hosting: u16,
    open_source: u16,
    platform: u16,
    category: u16,
    digital_level: u16,
}

struct Styles {
    title: Format,
    heading: Format,
    header: Format,
    wrap: Format,
    top: Format,
    answer: Format,
    text: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E2F3))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            top: Format::new().set_align(FormatAlign::Top),
            answer: Format::new()
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_align(FormatAlign::Top)
                .set_text_wrap(),
            text: Format::new().set_text_wrap(),
        }
    }
}

fn header_row(sheet: &mut Worksheet, header: &[&str], styles: &Styles) -> Result<(), XlsxError> {
    for (col, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col), *name, &styles.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Height in points that shows wrapped text in full: spreadsheet programs do not all grow rows
/// to fit wrapped text on opening (LibreOffice keeps the default height), so it is set here from
/// an estimate of the wrapped line count. `cells` are (text, column width in characters).
fn row_height(cells: &[(&str, f64)]) -> f64 {
    const LINE: f64 = 15.0;
    const EXCEL_MAX: f64 = 409.0;
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 0.9).max(1.0);
            text.lines()
                .map(|line| (line.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * LINE + 3.0).min(EXCEL_MAX)
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

fn instructions_sheet(
    sheet: &mut Worksheet,
    framework: &Framework,
    questionnaires: &[Questionnaire],
    layers: &[LayerQuestions<'_>],
    context: &TemplateContext,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(INSTRUCTIONS_SHEET)?;
    sheet.set_column_width(0, 110)?;
    let mut row = 0u32;
    let mut line = |sheet: &mut Worksheet, text: &str, format: &Format| -> Result<(), XlsxError> {
        if !text.is_empty() {
            sheet.write_string_with_format(row, 0, text, format)?;
            if text.chars().count() > 100 {
                sheet.set_row_height(row, row_height(&[(text, 110.0)]))?;
            }
        }
        row += 1;
        Ok(())
    };

    let title = match &context.country {
        Some(country) => format!("Digital Public Infrastructure readiness assessment: {country}"),
        None => "Digital Public Infrastructure readiness assessment".to_string(),
    };
    line(sheet, &title, &styles.title)?;
    line(sheet, "Answer template written by dpi-assess.", &styles.text)?;
    line(sheet, "", &styles.text)?;
    for q in questionnaires {
        let count = q.questions.len();
        line(
            sheet,
            &format!(
                "Questionnaire: {} {} — {} ({count} questions)",
                q.id, q.version, q.title
            ),
            &styles.text,
        )?;
    }
    line(
        sheet,
        &format!(
            "Framework: {} {} — {}",
            framework.id, framework.version, framework.title
        ),
        &styles.text,
    )?;
    line(sheet, "", &styles.text)?;

    line(sheet, "How to answer", &styles.heading)?;
    let how = [
        "Each row of the question sheets is one question. Answer in the yellow `answer` column (D); leave the other columns of the question as they are.".to_string(),
        "Where the answer cell shows a drop-down arrow, pick one entry from it. For numbers and percentages, type the number (a percentage as a number from 0 to 100). Where several options may apply, type their codes separated by spaces; the codes are in the `help` column.".to_string(),
        format!(
            "`{NOT_APPLICABLE_LABEL}` and `{UNKNOWN_LABEL}` are real answers: use them when the question does not apply to your country or when nobody in your institution knows. They are not the same as an empty cell: a blank answer counts as missing, and missing answers lower the coverage of the results."
        ),
        "Where a level describes several things at once, pick it only if all of them are true; if only some are, pick the level below.".to_string(),
        "Answer only what you know. It is fine to leave whole sections to another institution.".to_string(),
        "Fill in `evidence` with a document name or a web address (a law, a report, a decree, a statistic). Every answer at level 3 or 4 needs evidence, otherwise it is flagged as unverified in the report.".to_string(),
        "Use `comment` for anything that helps read the answer: scope, year of a figure, doubts.".to_string(),
        "Write your name in `respondent` and your institution in `institution` on every row you answer. If `respondent` is left blank, the file name is used instead, so give each respondent their own file.".to_string(),
        "Do not rename, reorder or delete the sheets or their header rows; the tool finds the answers by the column names in row 1.".to_string(),
    ];
    for text in &how {
        line(sheet, &format!("• {text}"), &styles.text)?;
    }
    line(sheet, "", &styles.text)?;

    line(sheet, "Systems and services", &styles.heading)?;
    line(
        sheet,
        "• `systems`: one row per government system that exists today (planned ones too), with the GovStack Building Blocks it implements, its status, how far it reaches, how it exchanges data and who uses it. The lead digital agency usually fills this sheet once for the whole government.",
        &styles.text,
    )?;
    line(
        sheet,
        "• `services`: one row per public service that depends, or should depend, on digital identity, payments or data exchange, with its yearly volume, how digital it is today and the Building Blocks it needs.",
        &styles.text,
    )?;
    line(
        sheet,
        "• Pick coded values from the drop-downs. Where a cell takes several values (Building Blocks, institutions, standards), separate them with `;`. Hover over a column's header to see what it holds.",
        &styles.text,
    )?;
    line(sheet, "", &styles.text)?;

    line(sheet, "Sheets in this workbook", &styles.heading)?;
    line(
        sheet,
        &format!("• {INSTRUCTIONS_SHEET}: this page."),
        &styles.text,
    )?;
    for layer in layers {
        line(
            sheet,
            &format!(
                "• {}: {} ({} questions).",
                layer.sheet,
                layer.title,
                layer.questions.len()
            ),
            &styles.text,
        )?;
    }
    line(
        sheet,
        &format!("• {SYSTEMS_SHEET}: the inventory of existing systems."),
        &styles.text,
    )?;
    line(
        sheet,
        &format!("• {SERVICES_SHEET}: the inventory of public services."),
        &styles.text,
    )?;
    line(
        sheet,
        &format!("• {LISTS_SHEET} (hidden): the entries of the drop-down lists; do not edit it."),
        &styles.text,
    )?;
    Ok(())
}

fn answer_sheet(
    sheet: &mut Worksheet,
    framework: &Framework,
    layer: &LayerQuestions<'_>,
    lists: &mut Lists,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(&layer.sheet)?;
    header_row(sheet, &ANSWER_SHEET_HEADER, styles)?;
    let widths = [12, 50, 70, 26, 32, 32, 22, 26];
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col_num(col), width)?;
    }
    for (index, question) in layer.questions.iter().enumerate() {
        let row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let text = question.text.trim();
        let help = help_text(question, framework);
        sheet.write_string_with_format(row, 0, &question.id, &styles.top)?;
        sheet.write_string_with_format(row, 1, text, &styles.wrap)?;
        sheet.write_string_with_format(row, 2, &help, &styles.wrap)?;
        sheet.set_row_height(
            row,
            row_height(&[(text, f64::from(widths[1])), (&help, f64::from(widths[2]))]),
        )?;
        sheet.write_blank(row, ANSWER_COL, &styles.answer)?;
        let validation = answer_validation(question, framework, lists)?;
        sheet.add_data_validation(row, ANSWER_COL, row, ANSWER_COL, &validation)?;
    }
    Ok(())
}

fn answer_validation(
    question: &Question,
    framework: &Framework,
    lists: &mut Lists,
) -> Result<DataValidation, XlsxError> {
    let specials = format!("`{NOT_APPLICABLE_LABEL}` or `{UNKNOWN_LABEL}`");
    match question.answer_type {
        AnswerType::Level | AnswerType::YesNo | AnswerType::Choice => {
            let col = lists.push(question.id.clone(), question.answer_choices(framework));
            let message = match question.answer_type {
                AnswerType::Level => {
                    "Pick the level that fits best; the help column says what each level means."
                }
                _ => "Pick one answer from the list.",
            };
            DataValidation::new()
                .allow_list_formula(lists.formula(col))
                .set_input_title("Answer")?
                .set_input_message(message)?
                .set_error_title("Not in the list")?
                .set_error_message(fit(
                    &format!("Pick an answer from the drop-down list, or {specials}."),
                    MAX_MESSAGE,
                ))
        }
        AnswerType::Number | AnswerType::Percent => {
            let unit = number_unit(question);
            let rule = if question.answer_type == AnswerType::Percent {
                DataValidationRule::Between(0.0, 100.0)
            } else {
                DataValidationRule::GreaterThanOrEqualTo(0.0)
            };
            let range = if question.answer_type == AnswerType::Percent {
                "a number from 0 to 100"
            } else {
                "a number (0 or more)"
            };
            DataValidation::new()
                .allow_decimal_number(rule)
                .set_error_style(DataValidationErrorStyle::Information)
                .set_input_title("Type a number")?
                .set_input_message(fit(
                    &format!("Unit: {unit}. Type {range}, or {specials}."),
                    MAX_MESSAGE,
                ))?
                .set_error_title("Not a number")?
                .set_error_message(fit(
                    &format!("Expected {range} ({unit}). `{NOT_APPLICABLE_LABEL}` and `{UNKNOWN_LABEL}` are accepted too: press OK to keep them."),
                    MAX_MESSAGE,
                ))
        }
        AnswerType::Multi => {
            let codes: Vec<&str> = question.options.iter().map(|o| o.code.as_str()).collect();
            let full = format!(
                "Type the codes of all that apply, separated by spaces: {}. Or `none` if none applies, or {specials}.",
                codes.join(" ")
            );
            let message = if full.encode_utf16().count() <= MAX_MESSAGE {
                full
            } else {
                format!(
                    "Type the codes of all that apply, separated by spaces; the codes are in the help column. Or `none` if none applies, or {specials}."
                )
            };
            DataValidation::new()
                .allow_any_value()
                .set_input_title("Type one or more codes")?
                .set_input_message(fit(&message, MAX_MESSAGE))
        }
    }
}

/// A drop-down from the `lists` sheet on rows 2..=[`INVENTORY_ROWS`] of one column.
fn inventory_list(
    sheet: &mut Worksheet,
    col: u16,
    lists: &Lists,
    list_col: u16,
    style: DataValidationErrorStyle,
    message: &str,
) -> Result<(), XlsxError> {
    let validation = DataValidation::new()
        .allow_list_formula(lists.formula(list_col))
        .set_error_style(style)
        .set_input_message(fit(message, MAX_MESSAGE))?;
    sheet.add_data_validation(1, col, INVENTORY_ROWS - 1, col, &validation)?;
    Ok(())
}

fn header_notes(sheet: &mut Worksheet, header: &[&str], notes: &[(&str, String)]) -> Result<(), XlsxError> {
    for (name, text) in notes {
        if let Some(col) = header.iter().position(|h| h == name) {
            let note = Note::new(text.as_str())
                .add_author_prefix(false)
                .set_width(320)
                .set_height(110);
            sheet.insert_note(0, col_num(col), &note)?;
        }
    }
    Ok(())
}

/// The column of `name` in a header of this module's own constants. A name missing from the
/// constants is a programming error that would put a drop-down on the wrong column: debug builds
/// (and so every test run) stop on it.
fn col_of(header: &[&str], name: &str) -> u16 {
    let position = header.iter().position(|h| *h == name);
    debug_assert!(position.is_some(), "no column `{name}` in {header:?}");
    col_num(position.unwrap_or(0))
}

fn systems_sheet(
    sheet: &mut Worksheet,
    framework: &Framework,
    lists: &Lists,
    inventory: &InventoryLists,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let header = columns::SYSTEMS;
    sheet.set_name(SYSTEMS_SHEET)?;
    header_row(sheet, header, styles)?;
    for (col, width) in [36, 30, 30, 14, 12, 22, 36, 24, 13, 48].into_iter().enumerate() {
        sheet.set_column_width(col_num(col), width)?;
    }
    let bb_list = framework
        .building_blocks
        .iter()
        .map(|b| b.id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let notes = [
        ("name", "Name of the system, e.g. National Identity Management System. One row per system.".to_string()),
        ("owner", "The institution that owns or runs the system.".to_string()),
        (
            "building_blocks",
            format!("GovStack Building Block ids it implements; several separated by `;`. Ids: {bb_list}."),
        ),
        ("status", format!("Lifecycle status: {}.", LifecycleStatus::allowed())),
        (
            "coverage",
            "Share of the intended population or users it reaches today: a number from 0 to 100, or text such as 85%.".to_string(),
        ),
        ("exchange", format!("How it exchanges data with other systems: {}.", ExchangeMode::allowed())),
        (
            "standards",
            "Standards and specifications it follows, separated by `;` (e.g. OpenAPI 3; HL7 FHIR R4; GovStack Identity BB 1.0).".to_string(),
        ),
        ("hosting", format!("Where it runs: {}.", Hosting::allowed())),
        ("open_source", "yes if the software is open source, otherwise no.".to_string()),
        (
            "platform",
            "yes if it offers its Building Blocks as a shared platform that other services and institutions call; no (or empty) if it holds the capability inside one application (a module); or the BB ids it is a platform for, separated by `;`. Scores: only a platform reaches C1 level 3 or 4 and counts as shared in C4.".to_string(),
        ),
        (
            "used_by",
            "Institutions that use the system (the owner included), separated by `;`.".to_string(),
        ),
    ];
    header_notes(sheet, header, &notes)?;
    inventory_list(
        sheet,
        col_of(header, "building_blocks"),
        lists,
        inventory.building_blocks,
        DataValidationErrorStyle::Warning,
        "Pick a Building Block id; for several, type their ids separated by `;` and press Yes on the warning.",
    )?;
    inventory_list(
        sheet,
        col_of(header, "status"),
        lists,
        inventory.status,
        DataValidationErrorStyle::Stop,
        "Pick the lifecycle status.",
    )?;
    let coverage = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_style(DataValidationErrorStyle::Information)
        .set_input_message("A number from 0 to 100, or text such as 85%.")?
        .set_error_message("Coverage is expected as a number from 0 to 100 or as text such as 85%.")?;
    let col = col_of(header, "coverage");
    sheet.add_data_validation(1, col, INVENTORY_ROWS - 1, col, &coverage)?;
    inventory_list(
        sheet,
        col_of(header, "exchange"),
        lists,
        inventory.exchange,
        DataValidationErrorStyle::Stop,
        "Pick how the system exchanges data.",
    )?;
    inventory_list(
        sheet,
        col_of(header, "hosting"),
        lists,
        inventory.hosting,
        DataValidationErrorStyle::Stop,
        "Pick where the system is hosted.",
    )?;
    inventory_list(
        sheet,
        col_of(header, "open_source"),
        lists,
        inventory.open_source,
        DataValidationErrorStyle::Stop,
        "yes or no.",
    )?;
    inventory_list(
        sheet,
        col_of(header, "platform"),
        lists,
        inventory.platform,
        DataValidationErrorStyle::Warning,
        "yes, no, or the BB ids it is a shared platform for (separated by `;`; press Yes on the warning).",
    )?;
    Ok(())
}

fn services_sheet(
    sheet: &mut Worksheet,
    lists: &Lists,
    inventory: &InventoryLists,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let header = columns::SERVICES;
    sheet.set_name(SERVICES_SHEET)?;
    header_row(sheet, header, styles)?;
    for (col, width) in [40, 14, 30, 20, 14, 16, 40].into_iter().enumerate() {
        sheet.set_column_width(col_num(col), width)?;
    }
    let notes = [
        (
            "name",
            "Name of the public service, e.g. Birth registration and certificate.".to_string(),
        ),
        (
            "category",
            format!(
                "What the service mainly rests on: {}.",
                ServiceCategory::allowed()
            ),
        ),
        ("owner", "The institution that delivers the service.".to_string()),
        (
            "yearly_transactions",
            "Transactions per year (a whole number).".to_string(),
        ),
        (
            "users",
            "People or businesses served per year (a whole number).".to_string(),
        ),
        (
            "digital_level",
            format!("How digital the service is today: {}.", DigitalLevel::allowed()),
        ),
        (
            "required_bbs",
            "Building Block ids the service needs, separated by `;`.".to_string(),
        ),
    ];
    header_notes(sheet, header, &notes)?;
    inventory_list(
        sheet,
        col_of(header, "category"),
        lists,
        inventory.category,
        DataValidationErrorStyle::Stop,
        "Pick the service category.",
    )?;
    inventory_list(
        sheet,
        col_of(header, "digital_level"),
        lists,
        inventory.digital_level,
        DataValidationErrorStyle::Stop,
        "Pick how digital the service is today.",
    )?;
    inventory_list(
        sheet,
        col_of(header, "required_bbs"),
        lists,
        inventory.building_blocks,
        DataValidationErrorStyle::Warning,
        "Pick a Building Block id; for several, type their ids separated by `;` and press Yes on the warning.",
    )?;
    let count = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_error_style(DataValidationErrorStyle::Information)
        .set_input_message("A number, 0 or more.")?;
    for name in ["yearly_transactions", "users"] {
        let col = col_of(header, name);
        sheet.add_data_validation(1, col, INVENTORY_ROWS - 1, col, &count)?;
    }
    Ok(())
}

fn lists_sheet(sheet: &mut Worksheet, lists: &Lists, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(LISTS_SHEET)?;
    sheet.set_hidden(true);
    for (col, column) in lists.columns.iter().enumerate() {
        let col = col_num(col);
        sheet.write_string_with_format(0, col, &column.header, &styles.header)?;
        for (row, value) in column.values.iter().enumerate() {
            sheet.write_string(u32::try_from(row + 1).unwrap_or(u32::MAX), col, value)?;
        }
    }
    Ok(())
}

/// The csv form of the template: `(file name, content)` for `answers.csv` (header
/// [`ANSWER_SHEET_HEADER`], one row per question with `question_id`, `question` and `help` filled),
/// `systems.csv` and `services.csv` (header only). UTF-8 without BOM, `\n` line ends.
pub fn build_csv(framework: &Framework, questionnaires: &[Questionnaire]) -> Vec<(&'static str, String)> {
    let mut answers = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = answers.write_record(ANSWER_SHEET_HEADER);
    for layer in layer_questions(framework, questionnaires) {
        for question in layer.questions {
            let help = help_text(question, framework);
            let _ = answers.write_record([
                question.id.as_str(),
                &neutralise(question.text.trim()),
                &neutralise(&help),
                "",
                "",
                "",
                "",
                "",
            ]);
        }
    }
    let answers = answers
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    vec![
        ("answers.csv", answers),
        ("systems.csv", format!("{}\n", columns::SYSTEMS.join(","))),
        ("services.csv", format!("{}\n", columns::SERVICES.join(","))),
    ]
}

/// Text that a spreadsheet would read as a formula (leading `=`, `+`, `-`, `@`) gets a leading `'`.
fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_fit_excel_limits() {
        let long = "x".repeat(300);
        let cut = fit(&long, MAX_MESSAGE);
        assert_eq!(cut.encode_utf16().count(), MAX_MESSAGE);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("short", MAX_MESSAGE), "short");
    }

    #[test]
    fn sheet_names_are_cut_to_31_characters() {
        assert_eq!(sheet_name("infrastructure"), "infrastructure");
        assert_eq!(sheet_name(&"a".repeat(40)).len(), MAX_SHEET_NAME);
    }

    #[test]
    fn formulas_are_neutralised_in_csv() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("How many?"), "How many?");
    }
}
