//! The validation workshop pack: the workshop's agenda as a workbook to fill in.
//!
//! In: a [`WorkshopView`] (built by `context::workshop`) and the report's [`Meta`] for the title.
//! Out: the bytes of an xlsx with three sheets — `README` (how to fill it in), `adjudications`
//! (one row per indicator, with empty decision columns) and `answers` (every answer behind the
//! listed indicators). The `adjudications` sheet's column names are the ones
//! `ingest::adjudications` reads back, so the filled-in pack is the workspace's adjudications
//! file. Not here: choosing what is listed (`context::workshop`) or writing the file.

use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::context::Meta;
use super::context::workshop::{WorkshopItem, WorkshopView};
use super::csv::safe_text;
use crate::messages::{t, tf};

/// The decision columns, in the order the workshop fills them; read back by
/// `ingest::adjudications`.
const DECISION_COLUMNS: [(&str, f64); 5] = [
    ("agreed_level", 14.0),
    ("rationale", 48.0),
    ("evidence", 24.0),
    ("agreed_by", 24.0),
    ("agreed_on", 14.0),
];

/// The columns that say what is put to the workshop.
const ITEM_COLUMNS: [(&str, f64); 9] = [
    ("indicator", 28.0),
    ("title", 36.0),
    ("dimension", 24.0),
    ("listed_because", 36.0),
    ("value_now", 10.0),
    ("level_now", 10.0),
    ("spread", 8.0),
    ("respondents", 60.0),
    ("ladder", 60.0),
];

const ANSWER_COLUMNS: [(&str, f64); 9] = [
    ("indicator", 28.0),
    ("respondent", 24.0),
    ("institution", 28.0),
    ("authoritative", 12.0),
    ("question_id", 14.0),
    ("answer", 24.0),
    ("level", 8.0),
    ("evidence", 36.0),
    ("comment", 36.0),
];

/// The respondents' answers to an item, one line each.
fn respondents_text(item: &WorkshopItem) -> String {
    item.answers
        .iter()
        .map(|a| {
            let id = if a.evidence.is_empty() {
                "workshop-respondent-line"
            } else {
                "workshop-respondent-line-evidence"
            };
            let line = tf(
                id,
                &[
                    ("respondent", (&a.respondent).into()),
                    ("institution", (&a.institution).into()),
                    ("level", (&a.level).into()),
                    ("evidence", (&a.evidence).into()),
                ],
            );
            if a.authoritative {
                tf("workshop-respondent-authoritative", &[("line", line.into())])
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ladder_text(item: &WorkshopItem) -> String {
    item.ladder
        .iter()
        .enumerate()
        .map(|(level, descriptor)| {
            tf(
                "workshop-ladder-line",
                &[("level", level.into()), ("descriptor", descriptor.into())],
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn write_header(sheet: &mut Worksheet, columns: &[(&str, f64)], bold: &Format) -> Result<(), XlsxError> {
    for (c, (name, width)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, bold)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// Writes text when there is any: an empty decision cell must stay empty, not hold "".
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if !text.is_empty() {
        sheet.write_string_with_format(row, column, safe_text(text), format)?;
    }
    Ok(())
}

/// The pack's bytes.
pub fn render(view: &WorkshopView, meta: &Meta) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let fill = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color("FFF7D6");

    let readme = workbook.add_worksheet();
    readme.set_name("README")?;
    readme.set_column_width(0, 110.0)?;
    let lines = [
        (
            tf(
                "workshop-readme-title",
                &[("title", (&meta.title).into()), ("date", (&meta.date).into())],
            ),
            &bold,
        ),
        (
            tf("workshop-readme-count", &[("count", view.items.len().into())]),
            &wrap,
        ),
        (t("workshop-readme-how"), &wrap),
        (t("workshop-readme-agreed-level"), &wrap),
        (t("workshop-readme-rationale"), &wrap),
        (t("workshop-readme-evidence"), &wrap),
        (t("workshop-readme-agreed-by"), &wrap),
        (t("workshop-readme-read-back"), &wrap),
    ];
    for (r, (line, format)) in lines.iter().enumerate() {
        readme.write_string_with_format(r as u32, 0, line, format)?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("adjudications")?;
    let columns: Vec<(&str, f64)> = ITEM_COLUMNS.iter().chain(&DECISION_COLUMNS).copied().collect();
    write_header(sheet, &columns, &bold)?;
    let first_decision = ITEM_COLUMNS.len() as u16;
    for (i, item) in view.items.iter().enumerate() {
        let r = i as u32 + 1;
        let cells = [
            item.indicator.clone(),
            item.title.clone(),
            item.dimension.clone(),
            item.listed_because.join("; "),
            item.value_now.clone(),
            item.level_now.map(|l| l.to_string()).unwrap_or_default(),
            item.spread.clone(),
            respondents_text(item),
            ladder_text(item),
        ];
        for (c, text) in cells.iter().enumerate() {
            write_text(sheet, r, c as u16, text, &wrap)?;
        }
        let decided = item.decided.as_ref();
        let decision = [
            decided.map(|d| d.agreed_level.as_str()),
            decided.map(|d| d.rationale.as_str()),
            decided.map(|d| d.evidence.as_str()),
            decided.map(|d| d.agreed_by.as_str()),
            decided.map(|d| d.agreed_on.as_str()),
        ];
        for (c, text) in decision.iter().enumerate() {
            let column = first_decision + c as u16;
            match text {
                Some(text) if !text.is_empty() => write_text(sheet, r, column, text, &fill)?,
                _ => {
                    sheet.write_blank(r, column, &fill)?;
                }
            }
        }
    }
    if !view.items.is_empty() {
        let last = view.items.len() as u32;
        let levels = DataValidation::new()
            .allow_list_strings(&["0", "1", "2", "3", "4", "contested"])?
            .set_input_title(t("workshop-validation-title"))?
            .set_input_message(t("workshop-validation-message"))?;
        sheet.add_data_validation(1, first_decision, last, first_decision, &levels)?;
        sheet.autofilter(0, 0, last, columns.len() as u16 - 1)?;
    }

    let answers = workbook.add_worksheet();
    answers.set_name("answers")?;
    write_header(answers, &ANSWER_COLUMNS, &bold)?;
    let yes = t("workshop-authoritative-yes");
    let mut r = 1;
    for item in &view.items {
        for a in &item.answers {
            let cells = [
                item.indicator.as_str(),
                &a.respondent,
                &a.institution,
                if a.authoritative { yes.as_str() } else { "" },
                &a.question,
                &a.given,
                &a.level,
                &a.evidence,
                &a.comment,
            ];
            for (c, text) in cells.iter().enumerate() {
                write_text(answers, r, c as u16, text, &wrap)?;
            }
            r += 1;
        }
    }
    workbook.save_to_buffer()
}
