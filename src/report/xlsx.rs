//! The XLSX workbook of a report: one sheet per table (summary, scores, gaps, Building Blocks,
//! systems, answers, the plan's tables, the target architecture's decisions and moves, ledger), for
//! analysts who filter and chart the numbers themselves.
//!
//! In: the [`ReportContext`]. Out: the bytes of an xlsx file, or every cell whose text is longer
//! than a spreadsheet cell holds (32,767 characters), located by sheet and cell. Pure and
//! deterministic: the document's creation date is the assessment date, never the clock. Text
//! cells that begin with `=`, `+`, `-` or `@` are written with a leading `'` (see [`safe_text`])
//! so that nothing from the inputs can run as a formula; numbers are written as numbers.
//!
//! Every cell is laid out in memory first and checked before the writer sees any of it, so that a
//! text too long is a located finding rather than a writer failure halfway through. Input cells
//! are refused at ingest when too long (`ingest::cells`); what can still be too long here is a
//! text from the framework or a questionnaire, or a list joined from many items — the lists are
//! shortened to fit, ending "… and N more", since every item is in the other sheets anyway.

use crate::messages::{t, tf};
use std::fmt;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::context::{ReadingView, ReportContext, ScoreView};
use super::csv::safe_text;
use super::table::{Cell, Table};
use crate::ingest::cells::{MAX_CELL_TEXT, excerpt, grouped, spreadsheet_length};

/// A column: header and width.
type Column = (&'static str, f64);

/// One cell value: the typed cell of every tabular output (`report::table`).
type Value = Cell;

/// A text cell as given, empty or not (a facts sheet writes an empty value with its format).
fn text(s: impl AsRef<str>) -> Value {
    Value::Text(safe_text(s.as_ref()))
}

/// The sheet that lists every item of the Building Blocks' lists, one a row.
const BB_LISTS_SHEET: &str = "bb_lists";

/// Items joined by `; `, cut short with "… and N more" when they would not fit in one cell
/// (the Building Blocks' lists are then whole in [`BB_LISTS_SHEET`]).
fn list(items: &[String]) -> Value {
    let joined = items.join("; ");
    if spreadsheet_length(&joined) <= MAX_CELL_TEXT {
        return text(joined);
    }
    // Room for the `'` that `safe_text` may add and for "; … and 1234567 more".
    let room = MAX_CELL_TEXT - 32;
    let mut kept = String::new();
    // Counted as it grows: measuring the whole text again per item made a Building Block with
    // thousands of systems quadratic.
    let mut kept_length = 0;
    let mut count = 0;
    for item in items {
        let separator = if count == 0 { 0 } else { 2 };
        let length = spreadsheet_length(item);
        if kept_length + separator + length > room {
            break;
        }
        if count > 0 {
            kept.push_str("; ");
        }
        kept.push_str(item);
        kept_length += separator + length;
        count += 1;
    }
    if count == 0 {
        return text(tf("xlsx-list-too-long", &[("count", items.len().into())]));
    }
    text(format!(
        "{kept}; … {}",
        tf("and-more", &[("count", (items.len() - count).into())])
    ))
}

/// A text cell longer than a spreadsheet cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    /// Sheet name.
    pub sheet: &'static str,
    /// Row, 1-based.
    pub row: u32,
    /// Column, 1-based.
    pub column: u32,
    /// The column's header (none on the summary sheet, which has no header row).
    pub header: Option<String>,
    /// On the summary sheet, the label beside the value.
    pub label: Option<String>,
    /// Length in UTF-16 units, as Excel counts.
    pub length: usize,
    /// The text's first characters, on one line.
    pub begins: String,
}

impl TooLong {
    /// What is wrong, in one sentence.
    pub fn message(&self) -> String {
        let what = match &self.label {
            Some(label) => format!("the text of `{label}`"),
            None => "the text".to_string(),
        };
        format!(
            "{what} is {} characters long, more than the {} a spreadsheet cell can hold; it begins \"{}\"",
            grouped(self.length),
            grouped(MAX_CELL_TEXT),
            self.begins
        )
    }
}

/// The texts too long for a cell, noted while a workbook is written cell by cell (the roadmap's
/// and the comparison's): each text is checked before it is written, a long one is noted instead,
/// and the workbook is refused at the end with every one of them, located.
#[derive(Debug, Default)]
pub struct LongTexts(Vec<TooLong>);

impl LongTexts {
    /// Whether `text` fits a cell; when it does not, it is noted at `sheet`, `row` and `column`
    /// (0-based, as the writer counts) under `header` (a table's column) or beside `label` (a
    /// summary sheet's).
    pub fn fits(
        &mut self,
        sheet: &'static str,
        (row, column): (u32, u16),
        header: Option<&str>,
        label: Option<&str>,
        text: &str,
    ) -> bool {
        let length = spreadsheet_length(text);
        if length <= MAX_CELL_TEXT {
            return true;
        }
        self.0.push(TooLong {
            sheet,
            row: row + 1,
            column: u32::from(column) + 1,
            header: header.map(str::to_string),
            label: label.map(str::to_string),
            length,
            begins: excerpt(text),
        });
        false
    }

    /// Nothing noted, or the error that names every text noted.
    pub fn check(self) -> Result<(), Error> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Error::TooLong(self.0))
        }
    }
}

/// Width of a column of a [`Table`] written by [`write_table`], in characters.
const TABLE_COLUMN_WIDTH: f64 = 14.0;

/// Writes `table` as the next sheet of `workbook`: a bold header row, then its rows with numbers
/// as numbers and texts as texts, frozen below the header and filtered. A text longer than a
/// cell holds is noted in `long` instead of written. The roadmap's and the comparison's
/// workbooks are made of such sheets.
pub fn write_table(
    workbook: &mut Workbook,
    table: &Table,
    bold: &Format,
    long: &mut LongTexts,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(table.name)?;
    for (c, header) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, TABLE_COLUMN_WIDTH)?;
        if long.fits(table.name, (0, c), None, None, header) {
            sheet.write_string_with_format(0, c, *header, bold)?;
        }
    }
    for (r, cells) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Number { value, .. } => {
                    sheet.write_number(r, c, *value)?;
                }
                Cell::Text(text) => {
                    let header = table.columns.get(usize::from(c)).copied();
                    if long.fits(table.name, (r, c), header, None, text) {
                        sheet.write_string(r, c, text)?;
                    }
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !table.rows.is_empty() && !table.columns.is_empty() {
        sheet.autofilter(0, 0, table.rows.len() as u32, table.columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// Why the workbook could not be built.
#[derive(Debug)]
pub enum Error {
    /// Texts longer than a spreadsheet cell holds, found before anything was written.
    TooLong(Vec<TooLong>),
    /// The workbook writer failed: a bug in dpi-assess.
    Writer(XlsxError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::TooLong(cells) => {
                let first = cells.first().map(|c| format!(" ({}, {})", c.sheet, c.message()));
                write!(
                    f,
                    "{} text(s) longer than a spreadsheet cell holds{}",
                    cells.len(),
                    first.unwrap_or_default()
                )
            }
            Error::Writer(err) => write!(f, "the workbook writer failed: {err}"),
        }
    }
}

impl From<XlsxError> for Error {
    fn from(err: XlsxError) -> Error {
        Error::Writer(err)
    }
}

/// How a sheet is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Label and value per row, no header row (the summary).
    Facts,
    /// A header row, then one row per record, filtered and frozen below the header.
    Table,
}

/// A sheet, laid out in memory before anything is written.
struct Sheet {
    name: &'static str,
    layout: Layout,
    columns: Vec<Column>,
    rows: Vec<Vec<Value>>,
}

impl Sheet {
    fn table(name: &'static str, columns: &[Column], rows: Vec<Vec<Value>>) -> Sheet {
        Sheet {
            name,
            layout: Layout::Table,
            columns: columns.to_vec(),
            rows,
        }
    }

    /// The spreadsheet row (1-based) of the record at `index`.
    fn row_number(&self, index: usize) -> u32 {
        match self.layout {
            Layout::Facts => index as u32 + 1,
            Layout::Table => index as u32 + 2,
        }
    }
}

/// Every text cell longer than [`MAX_CELL_TEXT`], in sheet order.
fn too_long(sheets: &[Sheet]) -> Vec<TooLong> {
    let mut found = Vec::new();
    for sheet in sheets {
        for (index, row) in sheet.rows.iter().enumerate() {
            for (column, value) in row.iter().enumerate() {
                let Value::Text(s) = value else { continue };
                let length = spreadsheet_length(s);
                if length <= MAX_CELL_TEXT {
                    continue;
                }
                let (header, label) = match sheet.layout {
                    Layout::Facts => match row.first() {
                        Some(Value::Text(label)) => (None, Some(label.clone())),
                        _ => (None, None),
                    },
                    Layout::Table => (sheet.columns.get(column).map(|c| c.0.to_string()), None),
                };
                found.push(TooLong {
                    sheet: sheet.name,
                    row: sheet.row_number(index),
                    column: column as u32 + 1,
                    header,
                    label,
                    length,
                    begins: excerpt(s),
                });
            }
        }
    }
    found
}

/// A number as a spreadsheet keeps it, unrounded (the decimals only matter to text formats).
fn number(n: Option<f64>) -> Value {
    Cell::number(n, 2)
}

/// A reading's unit in the answers sheet: the question's own unit when it names one, else
/// `percent`, `points` or `number`.
fn reading_unit(r: &ReadingView) -> &str {
    if r.unit_label.is_empty() {
        &r.unit
    } else {
        &r.unit_label
    }
}

/// Rows from which a sheet is written in rust_xlsxwriter's constant-memory mode.
const LOW_MEMORY_ROWS: usize = 1000;

/// Names `target` and writes its column widths and header row: in sheet order, since the formats
/// of long sheets are numbered workbook-wide as they are first used.
fn write_head(target: &mut Worksheet, sheet: &Sheet, bold: &Format) -> Result<(), XlsxError> {
    target.set_name(sheet.name)?;
    for (c, (header, width)) in sheet.columns.iter().enumerate() {
        if sheet.layout == Layout::Table {
            target.write_string_with_format(0, c as u16, *header, bold)?;
        }
        target.set_column_width(c as u16, *width)?;
    }
    Ok(())
}

/// Writes the rows of `sheet` (after [`write_head`]). A table's rows use no format, so tables
/// can be written side by side.
fn write_rows(target: &mut Worksheet, sheet: Sheet, bold: &Format, wrap: &Format) -> Result<(), XlsxError> {
    let count = sheet.rows.len() as u32;
    let first = sheet.row_number(0);
    for (r, row) in sheet.rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            let (r, c) = (first - 1 + r as u32, c as u16);
            let format = match (sheet.layout, c) {
                (Layout::Facts, 0) => Some(bold),
                (Layout::Facts, _) => Some(wrap),
                (Layout::Table, _) => None,
            };
            match (value, format) {
                (Value::Text(s), Some(format)) => {
                    target.write_string_with_format(r, c, s, format)?;
                }
                (Value::Text(s), None) if !s.is_empty() => {
                    target.write_string(r, c, s)?;
                }
                (Value::Number { value, .. }, _) => {
                    target.write_number(r, c, value)?;
                }
                _ => {}
            }
        }
    }
    if sheet.layout == Layout::Table {
        target.set_freeze_panes(1, 0)?;
        if count > 0 {
            target.autofilter(0, 0, count, sheet.columns.len() as u16 - 1)?;
        }
    }
    Ok(())
}

fn score_cells(score: &ScoreView) -> Vec<Value> {
    vec![
        number(score.score.map(|s| (s * 100.0).round() / 100.0)),
        number(score.level.map(f64::from)),
        text(&score.level_name),
        number(Some((score.coverage * 1000.0).round() / 1000.0)),
        list(&score.capped_by),
    ]
}

/// Builds the workbook: lays out every sheet, checks every text against the cell limit, then
/// writes.
pub fn render(ctx: &ReportContext) -> Result<Vec<u8>, Error> {
    let sheets = sheets(ctx);
    let long = too_long(&sheets);
    if !long.is_empty() {
        return Err(Error::TooLong(long));
    }

    let mut workbook = Workbook::new();
    // zlib level 1: a national inventory's sheets are tens of megabytes of XML, which the default
    // level 6 took most of the report's time to compress; the file comes out about a fifth larger.
    workbook.set_zip_compression_level(1);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = &ctx.meta.date;
    let part =
        |range: std::ops::Range<usize>| date.get(range).and_then(|s| s.parse::<u16>().ok()).unwrap_or(1);
    let created = ExcelDateTime::from_ymd(part(0..4), part(5..7) as u8, part(8..10) as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&ctx.meta.title)
            .set_subject(tf(
                "xlsx-subject",
                &[
                    ("country", (&ctx.meta.country).into()),
                    ("iso3", (&ctx.meta.iso3).into()),
                    ("framework_id", (&ctx.meta.framework_id).into()),
                    ("framework_version", (&ctx.meta.framework_version).into()),
                ],
            ))
            .set_author(format!("dpi-assess {}", ctx.meta.tool_version))
            .set_creation_datetime(&created),
    );
    let mut tables = Vec::new();
    for sheet in sheets {
        // A long sheet streams its rows out as they are written, instead of holding every cell
        // until the workbook is saved, and its strings inline in their cells: a shared-strings
        // table cost a hash and a lock per cell (100 000 systems: 0.07-0.1 s more of the job,
        // for a file no smaller).
        let target = if sheet.rows.len() >= LOW_MEMORY_ROWS {
            workbook.add_worksheet_with_constant_memory()?
        } else {
            workbook.add_worksheet()
        };
        write_head(target, &sheet, &bold)?;
        // One entry per worksheet, in order: the tables' rows are written below.
        tables.push(match sheet.layout {
            Layout::Facts => {
                write_rows(target, sheet, &bold, &wrap)?;
                None
            }
            Layout::Table => Some(sheet),
        });
    }
    // The tables' rows, on every core: each sheet writes to itself only (a national inventory's
    // systems and bb_lists sheets are each about 100 000 rows).
    let pieces: Vec<(&mut Worksheet, Sheet)> = workbook
        .worksheets_mut()
        .iter_mut()
        .zip(tables)
        .filter_map(|(target, sheet)| Some((target, sheet?)))
        .collect();
    let mut written = Ok(());
    crate::parallel::in_order(
        pieces,
        |(target, sheet)| write_rows(target, sheet, &bold, &wrap),
        |result| {
            if written.is_ok() {
                written = result;
            }
        },
    );
    written?;
    Ok(workbook.save_to_buffer()?)
}

/// The target architecture: a row per Building Block decision (`architecture`) and a row per
/// system it changes (`architecture-moves`, the columns of architecture.csv); no sheet when the
/// framework proposes no target.
fn architecture(sheets: &mut Vec<Sheet>, ctx: &ReportContext) {
    let Some(target) = &ctx.plan.target else {
        return;
    };
    let rows = target
        .decisions
        .iter()
        .map(|d| {
            vec![
                text(&d.bb),
                text(&d.name),
                text(&d.group),
                text(&d.choice),
                text(&d.decision),
                text(&d.rationale),
                text(&d.specification),
                text(d.specification_url.as_deref().unwrap_or_default()),
                text(&d.standards),
                list(&d.consolidate),
                list(&d.retire),
                list(&d.connect),
                list(&d.connected),
                list(&d.kept_separate),
                list(
                    &d.candidates
                        .iter()
                        .map(|c| format!("{} ({}, {})", c.name, c.kind, c.licence))
                        .collect::<Vec<_>>(),
                ),
                list(
                    &d.actions
                        .iter()
                        .map(|a| format!("{} ({})", a.id, a.when))
                        .collect::<Vec<_>>(),
                ),
                list(&d.beyond_horizon),
                text(&d.order),
                text(&d.when),
                list(&d.unblocks),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "architecture",
        &[
            ("bb", 22.0),
            ("name", 24.0),
            ("group", 18.0),
            ("choice", 8.0),
            ("decision", 36.0),
            ("rationale", 70.0),
            ("specification", 30.0),
            ("specification_url", 40.0),
            ("standards", 36.0),
            ("consolidate", 50.0),
            ("retire", 50.0),
            ("connect", 50.0),
            ("connected", 40.0),
            ("kept_separate", 40.0),
            ("candidates", 50.0),
            ("actions", 50.0),
            ("beyond_horizon", 30.0),
            ("order", 6.0),
            ("when", 22.0),
            ("unblocks", 50.0),
        ],
        rows,
    ));
    let rows = target
        .moves
        .iter()
        .map(|m| {
            vec![
                text(&m.system),
                text(&m.owner),
                text(&m.building_block),
                text(&m.change_code),
                text(&m.target),
                text(&m.action),
                text(&m.when),
            ]
        })
        .collect();
    let widths = [40.0, 32.0, 24.0, 12.0, 36.0, 36.0, 22.0];
    let columns: Vec<Column> = super::csv::ARCHITECTURE_COLUMNS.into_iter().zip(widths).collect();
    sheets.push(Sheet::table("architecture-moves", &columns, rows));
}

/// Every sheet of the workbook, in order, with every cell.
fn sheets(ctx: &ReportContext) -> Vec<Sheet> {
    let mut sheets = Vec::new();

    // Summary: what this workbook is, and the headline numbers.
    let facts: Vec<(String, String)> = vec![
        (t("xlsx-report"), ctx.meta.title.clone()),
        (
            t("cover-country"),
            format!("{} ({})", ctx.meta.country, ctx.meta.iso3),
        ),
        (t("cover-date"), ctx.meta.date.clone()),
        (
            t("cover-framework"),
            format!("{} {}", ctx.meta.framework_id, ctx.meta.framework_version),
        ),
        (t("cover-questionnaires"), ctx.meta.questionnaires.join(", ")),
        (t("cover-validation"), ctx.meta.validation.mark.clone()),
        (
            t("xlsx-tool"),
            tf(
                "produced-with",
                &[("tool_version", (&ctx.meta.tool_version).into())],
            ),
        ),
        (
            t("overall-index"),
            tf(
                "xlsx-overall",
                &[
                    ("score", (&ctx.summary.overall.display).into()),
                    ("level_name", (&ctx.summary.overall.level_name).into()),
                    ("coverage", (&ctx.summary.overall.coverage_display).into()),
                ],
            ),
        ),
        (t("xlsx-summary"), ctx.summary.headline.clone()),
        (t("xlsx-method"), ctx.meta.method_summary.clone()),
        (
            t("xlsx-sheets"),
            "scores, gaps, building_blocks, systems, answers, ledger".to_string(),
        ),
    ];
    sheets.push(Sheet {
        name: "summary",
        layout: Layout::Facts,
        columns: vec![("fact", 28.0), ("value", 90.0)],
        rows: facts
            .into_iter()
            .map(|(label, value)| vec![Value::Text(label), text(value)])
            .collect(),
    });

    // Scores: every node, in framework order.
    let mut rows = Vec::new();
    let mut push = |kind: &str, id: &str, title: &str, parent: &str, score: &ScoreView, extra: Vec<Value>| {
        let mut row = vec![text(kind), text(id), text(title), text(parent)];
        row.extend(score_cells(score));
        row.extend(extra);
        rows.push(row);
    };
    let overall_index = t("overall-index");
    push(
        "overall",
        "overall",
        &overall_index,
        "",
        &ctx.summary.overall,
        Vec::new(),
    );
    for pillar in &ctx.summary.pillars {
        push(
            "pillar",
            &pillar.id,
            &pillar.title,
            "overall",
            &pillar.score,
            Vec::new(),
        );
    }
    for layer in &ctx.layers {
        for dimension in &layer.dimensions {
            push(
                "dimension",
                &dimension.id,
                &dimension.title,
                &layer.id,
                &dimension.score,
                Vec::new(),
            );
            for indicator in &dimension.indicators {
                push(
                    "indicator",
                    &indicator.id,
                    &indicator.title,
                    &dimension.id,
                    &indicator.score,
                    vec![
                        number(Some(f64::from(indicator.target))),
                        number(indicator.gap.map(f64::from)),
                        list(&indicator.flags),
                        text(&indicator.review_label),
                        text(indicator.decision.as_deref().unwrap_or_default()),
                        text(indicator.decision_rationale.as_deref().unwrap_or_default()),
                    ],
                );
            }
        }
    }
    for bb in &ctx.building_blocks.rows {
        push(
            "building_block",
            &bb.id,
            &bb.name,
            "building-blocks",
            &bb.score,
            vec![
                number(Some(f64::from(bb.target))),
                number(bb.gap.map(f64::from)),
                Value::Empty,
            ],
        );
    }
    sheets.push(Sheet::table(
        "scores",
        &[
            ("kind", 14.0),
            ("id", 30.0),
            ("title", 48.0),
            ("parent", 24.0),
            ("score", 8.0),
            ("level", 7.0),
            ("level name", 14.0),
            ("coverage", 10.0),
            ("capped by", 20.0),
            ("target", 8.0),
            ("gap", 6.0),
            ("flags", 40.0),
            ("review", 10.0),
            ("workshop decision", 60.0),
            ("rationale", 60.0),
        ],
        rows,
    ));

    let rows = ctx
        .gaps
        .iter()
        .map(|g| {
            vec![
                number(Some(f64::from(g.rank))),
                text(&g.kind),
                text(&g.id),
                text(&g.title),
                text(&g.pillar),
                number(Some(f64::from(g.level))),
                number(Some(f64::from(g.target))),
                number(Some(f64::from(g.gap))),
                text(&g.criticality),
                number(Some(f64::from(g.dependents))),
                number(Some(g.priority_value)),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "gaps",
        &[
            ("rank", 6.0),
            ("kind", 14.0),
            ("id", 30.0),
            ("title", 48.0),
            ("pillar", 36.0),
            ("level", 7.0),
            ("target", 7.0),
            ("gap", 6.0),
            ("criticality", 11.0),
            ("dependents", 11.0),
            ("priority", 9.0),
        ],
        rows,
    ));

    let rows = ctx
        .building_blocks
        .rows
        .iter()
        .map(|bb| {
            let mut row = vec![
                text(&bb.id),
                text(&bb.name),
                text(if bb.foundational { "yes" } else { "no" }),
            ];
            row.extend(score_cells(&bb.score).into_iter().take(3));
            for criterion in &bb.criteria {
                row.push(number(criterion.value));
            }
            row.push(list(&bb.siloed));
            row.push(list(&bb.services));
            row
        })
        .collect();
    sheets.push(Sheet::table(
        "building_blocks",
        &[
            ("id", 22.0),
            ("name", 24.0),
            ("foundational", 12.0),
            ("score", 8.0),
            ("level", 7.0),
            ("level name", 14.0),
            ("C1 exists", 10.0),
            ("C2 interoperable", 10.0),
            ("C3 governance", 10.0),
            ("C4 shared", 10.0),
            ("siloed copies", 50.0),
            ("needed by services", 50.0),
        ],
        rows,
    ));

    // The two lists of every BB again, an item a row: a national inventory's lists outgrow a
    // cell, and the cells above are then cut short, so every item is here, to filter and count.
    let rows = ctx
        .building_blocks
        .rows
        .iter()
        .flat_map(|bb| {
            let siloed = bb.siloed.iter().map(move |item| (bb, "siloed copies", item));
            let services = bb
                .services
                .iter()
                .map(move |item| (bb, "needed by services", item));
            siloed.chain(services)
        })
        .map(|(bb, which, item)| vec![text(&bb.id), text(which), text(item)])
        .collect();
    sheets.push(Sheet::table(
        BB_LISTS_SHEET,
        &[("building_block", 22.0), ("list", 20.0), ("item", 60.0)],
        rows,
    ));

    let rows = ctx
        .systems
        .iter()
        .map(|s| {
            vec![
                text(&s.name),
                text(&s.owner),
                text(&s.building_blocks),
                text(&s.status),
                text(&s.coverage),
                text(&s.exchange),
                text(&s.standards),
                text(&s.hosting),
                text(&s.open_source),
                text(&s.used_by),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "systems",
        &[
            ("name", 40.0),
            ("owner", 32.0),
            ("building_blocks", 28.0),
            ("status", 11.0),
            ("coverage", 9.0),
            ("exchange", 18.0),
            ("standards", 36.0),
            ("hosting", 20.0),
            ("open_source", 11.0),
            ("used_by", 60.0),
        ],
        rows,
    ));

    let rows = ctx
        .annex
        .answers
        .iter()
        .map(|a| {
            vec![
                text(&a.indicator),
                text(&a.question),
                text(&a.respondent),
                text(&a.institution),
                text(&a.given),
                text(&a.level),
                number(a.reading.as_ref().map(|r| r.value)),
                text(a.reading.as_ref().map_or("", |r| reading_unit(r))),
                text(a.reading.as_ref().map_or("", |r| r.direction.as_str())),
                number(a.reading.as_ref().and_then(|r| r.threshold)),
                text(a.reading.as_ref().map_or("", |r| r.meaning.as_str())),
                text(&a.evidence),
                text(&a.comment),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "answers",
        &[
            ("indicator", 30.0),
            ("question", 9.0),
            ("respondent", 22.0),
            ("institution", 30.0),
            ("answer", 30.0),
            ("level", 8.0),
            ("value", 9.0),
            ("unit", 14.0),
            ("direction", 16.0),
            ("threshold", 10.0),
            ("level_meaning", 50.0),
            ("evidence", 40.0),
            ("comment", 50.0),
        ],
        rows,
    ));

    let plan = &ctx.plan;
    let rows = plan
        .services
        .iter()
        .map(|s| {
            vec![
                number(Some(f64::from(s.rank))),
                text(&s.name),
                text(&s.owner),
                text(&s.category),
                text(&s.digital_level),
                number(s.readiness_value),
                number(Some(s.impact_value)),
                text(&s.quadrant),
                text(&s.blocked_by),
                text(&s.unblocked),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "services",
        &[
            ("rank", 6.0),
            ("service", 36.0),
            ("owner", 30.0),
            ("category", 10.0),
            ("digital today", 14.0),
            ("readiness", 10.0),
            ("impact", 8.0),
            ("quadrant", 9.0),
            ("blocked by", 30.0),
            ("unblocked", 22.0),
        ],
        rows,
    ));

    let rows = plan
        .actions
        .iter()
        .map(|a| {
            vec![
                text(&a.id),
                text(&a.title),
                text(&a.raises),
                number(Some(f64::from(a.to_level))),
                text(&a.owner),
                text(&a.phase_title),
                text(&a.start),
                text(&a.end),
                number(Some(f64::from(a.months))),
                text(&a.waits_for),
                list(&a.kpis),
                list(&a.standards.iter().map(|st| st.text.clone()).collect::<Vec<_>>()),
                text(&a.programme),
                number(a.cost_low.map(|v| v as f64)),
                number(a.cost_high.map(|v| v as f64)),
                text(&a.funding),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "roadmap",
        &[
            ("action", 34.0),
            ("title", 50.0),
            ("raises", 36.0),
            ("to level", 8.0),
            ("owner", 30.0),
            ("phase", 22.0),
            ("start", 10.0),
            ("end", 10.0),
            ("months", 8.0),
            ("waits for", 40.0),
            ("KPIs", 60.0),
            ("standards", 36.0),
            ("programme", 30.0),
            ("indicative cost, low", 14.0),
            ("indicative cost, high", 14.0),
            ("funding", 26.0),
        ],
        rows,
    ));

    architecture(&mut sheets, ctx);

    let outlook = &plan.outlook;
    if let Some(costs) = &outlook.costs {
        let breakdowns = [
            ("year", &costs.by_year),
            ("phase", &costs.by_phase),
            ("programme", &costs.by_programme),
            ("funding", &costs.by_funding),
            ("institution", &costs.by_role),
            ("class", &costs.classes),
        ];
        let rows = breakdowns
            .iter()
            .flat_map(|(kind, rows)| {
                rows.iter().map(move |r| {
                    vec![
                        text(kind),
                        text(&r.label),
                        text(&r.detail),
                        text(&costs.currency),
                        number(Some(r.low as f64)),
                        number(Some(r.high as f64)),
                        text(&r.range),
                    ]
                })
            })
            .chain(std::iter::once(vec![
                text("total"),
                text(&costs.total.label),
                text(""),
                text(&costs.currency),
                number(Some(costs.total.low as f64)),
                number(Some(costs.total.high as f64)),
                text(&costs.total.range),
            ]))
            .collect();
        sheets.push(Sheet::table(
            "costs",
            &[
                ("by", 12.0),
                ("item", 40.0),
                ("detail", 40.0),
                ("currency", 9.0),
                ("indicative low", 16.0),
                ("indicative high", 16.0),
                ("range", 30.0),
            ],
            rows,
        ));
    }
    let rows = outlook
        .programmes
        .iter()
        .flat_map(|p| {
            p.milestones
                .iter()
                .map(move |m| vec![text(&p.title), text("milestone"), text(&m.title), text(&m.when)])
                .chain(
                    p.risks
                        .iter()
                        .map(move |r| vec![text(&p.title), text("risk"), text(&r.risk), text(&r.mitigation)]),
                )
        })
        .collect();
    sheets.push(Sheet::table(
        "programmes",
        &[
            ("programme", 34.0),
            ("kind", 10.0),
            ("milestone or risk", 60.0),
            ("when or mitigation", 60.0),
        ],
        rows,
    ));
    // One row per year and node (the index, then each pillar): a long table filters and pivots.
    let overall_label = t("col-overall");
    let rows = outlook
        .trajectory
        .years
        .iter()
        .flat_map(|y| {
            std::iter::once((overall_label.as_str(), y.overall))
                .chain(
                    outlook
                        .trajectory
                        .pillars
                        .iter()
                        .map(String::as_str)
                        .zip(y.pillar_scores.iter().copied()),
                )
                .map(move |(node, score)| {
                    vec![
                        number(Some(f64::from(y.year))),
                        text(&y.label),
                        text(node),
                        number(score),
                    ]
                })
                .collect::<Vec<_>>()
        })
        .collect();
    sheets.push(Sheet::table(
        "trajectory",
        &[
            ("year", 6.0),
            ("period", 24.0),
            ("score of", 40.0),
            ("projected score", 14.0),
        ],
        rows,
    ));

    let rows = plan
        .governance
        .iter()
        .map(|g| {
            vec![
                text(&g.role),
                text(&g.institution),
                text(&g.responsibilities),
                number(Some(g.actions as f64)),
                number(Some(f64::from(g.capacity))),
                text(&g.span),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "governance",
        &[
            ("role", 30.0),
            ("institution", 34.0),
            ("responsibilities", 70.0),
            ("actions", 8.0),
            ("at once", 8.0),
            ("months", 22.0),
        ],
        rows,
    ));

    let rows = ctx
        .annex
        .tables
        .iter()
        .map(|t| {
            vec![
                text(&t.name),
                text(&t.role),
                number(Some(f64::from(t.read))),
                number(Some(f64::from(t.used))),
                number(Some(f64::from(t.ignored_count))),
                text(&t.ignored),
            ]
        })
        .collect();
    sheets.push(Sheet::table(
        "ledger",
        &[
            ("input", 48.0),
            ("role", 10.0),
            ("rows read", 10.0),
            ("used", 8.0),
            ("ignored", 8.0),
            ("reasons", 40.0),
        ],
        rows,
    ));
    sheets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::tests::kalindra;

    #[test]
    fn every_text_too_long_is_found_and_located_before_anything_is_written() {
        let mut ctx = kalindra();
        ctx.meta.method_summary = format!("Method\n{}", "m".repeat(40_000));
        let indicator = &mut ctx.layers[0].dimensions[0].indicators[0];
        indicator.title = "t".repeat(MAX_CELL_TEXT + 1);
        let Err(Error::TooLong(cells)) = render(&ctx) else {
            panic!("a text over the limit must be refused");
        };
        let found: Vec<(&str, u32, u32, Option<&str>, usize)> = cells
            .iter()
            .map(|c| (c.sheet, c.row, c.column, c.header.as_deref(), c.length))
            .collect();
        assert_eq!(
            found,
            vec![
                ("summary", 10, 2, None, 40_007),
                ("scores", 9, 3, Some("title"), 32_768),
            ]
        );
        assert_eq!(
            cells[1].message(),
            format!(
                "the text is 32,768 characters long, more than the 32,767 a spreadsheet cell can hold; it begins \"{}…\"",
                "t".repeat(40)
            )
        );
        assert_eq!(
            cells[0].message(),
            "the text of `Method` is 40,007 characters long, more than the 32,767 a spreadsheet cell can hold; it begins \"Method mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm…\""
        );
    }

    #[test]
    fn a_list_too_long_for_a_cell_is_cut_short_and_says_how_many_more() {
        let items: Vec<String> = (0..5_000).map(|i| format!("Service number {i:04}")).collect();
        let Value::Text(cell) = list(&items) else {
            panic!("a list is text");
        };
        assert!(spreadsheet_length(&cell) <= MAX_CELL_TEXT);
        assert!(cell.starts_with("Service number 0000; Service number 0001; "));
        let kept = cell.matches("Service number").count();
        assert!(
            cell.ends_with(&format!("; … and {} more", 5_000 - kept)),
            "{}",
            &cell[cell.len() - 60..]
        );

        // In the workbook, a Building Block needed by thousands of services still renders, and
        // the bb_lists sheet holds every one of them.
        let mut ctx = kalindra();
        ctx.building_blocks.rows[0].services = items.clone();
        let bytes = render(&ctx).unwrap();
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let lists = book.worksheet_range(BB_LISTS_SHEET).unwrap();
        let bb = &ctx.building_blocks.rows[0].id;
        let listed: Vec<String> = lists
            .rows()
            .filter(|r| {
                matches!((&r[0], &r[1]), (calamine::Data::String(id), calamine::Data::String(list))
                    if id == bb && list == "needed by services")
            })
            .map(|r| r[2].to_string())
            .collect();
        assert_eq!(listed, items);
    }

    #[test]
    fn short_lists_are_written_whole() {
        let items = vec!["a".to_string(), "=b".to_string()];
        let Value::Text(cell) = list(&items) else {
            panic!("a list is text");
        };
        assert_eq!(cell, "a; =b");
    }
}
