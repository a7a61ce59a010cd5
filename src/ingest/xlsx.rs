//! Reading xlsx workbooks (Office Open XML spreadsheets) cell by cell, as their authors meant them.
//!
//! In: the path of an xlsx or xlsm file and the [`Limits`]. Out: the workbook's sheets in order
//! (name, hidden or not) and, sheet by sheet, a [`Table`] of typed cells; whole-file problems as
//! one located error, cell problems pushed to the caller's list. Not here: csv, ods or the old
//! binary formats (see `workbook`), nor anything about what the cells mean to the assessment.
//!
//! Why not calamine's range: it allocates the rectangle a sheet declares (one stray cell at
//! XFD1048576 asks for 17 billion cells), it cannot tell a formula whose result was never saved
//! from an empty cell, and it loses percent formats. Here only cells present in the file cost
//! memory, every part is checked against the unpacked-size limit before and while it is inflated,
//! and each cell's number format decides how its number reads:
//! - a percent format (`0%`, `0.0%`, built-in 9 and 10) gives [`Cell::Percent`], so 0.85 shown as
//!   85 % reads as 85 %;
//! - a date format gives [`Cell::Date`] (1900 and 1904 epochs);
//! - a formula with no saved result is an error at its cell, never an empty cell.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::limits::Limits;
use super::table::{Cell, Row, Table, place, trim_trailing_empty};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::Date;

/// The largest row and column numbers a spreadsheet can have (Excel's 1 048 576 × XFD).
const MAX_ROW: u32 = 1_048_576;
const MAX_COLUMN: u32 = 16_384;

/// One sheet as the workbook lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetEntry {
    /// The name on the sheet's tab.
    pub name: String,
    /// Hidden (or "very hidden") by its author.
    pub hidden: bool,
    /// The part holding its cells, e.g. `xl/worksheets/sheet1.xml`; none for a chart sheet.
    part: Option<String>,
}

/// How a cell's number format makes its number read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberKind {
    Plain,
    Percent,
    Date,
}

/// An open xlsx workbook: its sheet list, shared strings and number formats.
pub struct XlsxBook {
    file: String,
    archive: ZipArchive<BufReader<File>>,
    sheets: Vec<SheetEntry>,
    /// Shared, so that every cell showing a string holds the one copy.
    strings: Vec<Arc<str>>,
    /// The number kind of each cell format (`s` attribute), by index.
    kinds: Vec<NumberKind>,
    epoch_1904: bool,
    limits: Limits,
    /// Bytes inflated so far, against the unpacked-size limit for the whole file.
    unpacked: u64,
    /// Non-empty cells read so far, against the cell limit for the whole file.
    cells: u64,
}

impl XlsxBook {
    /// Opens a workbook: its sheet list, shared strings and formats. A file that is not an xlsx
    /// or is past a limit is an error naming the cause in plain words.
    pub fn open(path: &Path, file: &str, limits: &Limits) -> Result<XlsxBook, Diagnostic> {
        let handle = File::open(path).map_err(|err| {
            Diagnostic::error(
                Code::Io,
                Location::file(file),
                format!("cannot read the file: {err}"),
            )
        })?;
        let archive = ZipArchive::new(BufReader::new(handle)).map_err(|err| not_a_workbook(file, &err))?;
        let mut book = XlsxBook {
            file: file.to_string(),
            archive,
            sheets: Vec::new(),
            strings: Vec::new(),
            kinds: Vec::new(),
            epoch_1904: false,
            limits: *limits,
            unpacked: 0,
            cells: 0,
        };
        let workbook_part = book
            .relationship_targets("_rels/.rels", "")?
            .into_iter()
            .find(|(kind, _, _)| kind.ends_with("/officeDocument"))
            .map(|(_, _, target)| target)
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        let folder = workbook_part
            .rsplit_once('/')
            .map(|(folder, _)| format!("{folder}/"))
            .unwrap_or_default();
        let rels_part = format!(
            "{folder}_rels/{}.rels",
            workbook_part.rsplit('/').next().unwrap_or("")
        );
        let relations = book.relationship_targets(&rels_part, &folder)?;
        book.read_workbook(&workbook_part, &relations)?;
        if let Some((_, _, part)) = relations
            .iter()
            .find(|(kind, ..)| kind.ends_with("/sharedStrings"))
        {
            book.strings = book.read_shared_strings(&part.clone())?;
        }
        if let Some((_, _, part)) = relations.iter().find(|(kind, ..)| kind.ends_with("/styles")) {
            book.kinds = book.read_styles(&part.clone())?;
        }
        Ok(book)
    }

    /// The sheets in workbook order.
    pub fn sheets(&self) -> &[SheetEntry] {
        &self.sheets
    }

    /// Reads one sheet into a table: only the cells present, rows numbered as the sheet shows
    /// them, empty rows between kept (cheaply) so that every row can be accounted for.
    pub fn table(&mut self, name: &str, found: &mut Vec<Diagnostic>) -> Result<Table, Diagnostic> {
        let entry = self
            .sheets
            .iter()
            .find(|s| s.name == name)
            .cloned()
            .ok_or_else(|| {
                Diagnostic::error(
                    Code::MissingSheet,
                    Location::file(&self.file),
                    format!("sheet `{}` is not in the workbook", name),
                )
            })?;
        let mut table = Table {
            file: self.file.clone(),
            sheet: Some(name.to_string()),
            rows: Vec::new(),
        };
        let Some(part) = entry.part else {
            // A chart sheet has no cells.
            return Ok(table);
        };
        let mut reader = part_reader(&mut self.archive, &self.file, &part, &self.limits, self.unpacked)?;
        let mut sheet = SheetReader {
            file: &self.file,
            sheet: name,
            strings: &self.strings,
            kinds: &self.kinds,
            epoch_1904: self.epoch_1904,
            limits: &self.limits,
            cells: &mut self.cells,
            spare: String::new(),
        };
        let result = sheet.read(&mut reader, &mut table.rows, found);
        self.unpacked += reader.get_ref().get_ref().counted;
        result?;
        Ok(table)
    }

    /// Reads a whole (small) part's events with `on_event`, accounting for its size.
    fn read_part(
        &mut self,
        part: &str,
        mut on_event: impl FnMut(&Event<'_>) -> Result<(), XmlProblem>,
    ) -> Result<(), Diagnostic> {
        let file = self.file.clone();
        let mut reader = part_reader(&mut self.archive, &file, part, &self.limits, self.unpacked)?;
        let mut buf = Vec::new();
        let result = loop {
            buf.clear();
            match reader.read_event_into(&mut buf) {
                Ok(Event::Eof) => break Ok(()),
                Ok(event) => {
                    let event = event.into_owned();
                    if let Err(problem) = on_event(&event) {
                        break Err(problem);
                    }
                }
                Err(err) => break Err(XmlProblem::from(err)),
            }
        };
        let counted = reader.get_ref().get_ref().counted;
        self.unpacked += counted;
        result.map_err(|problem| {
            problem.into_diagnostic(&file, &format!("part `{part}`"), &self.limits, self.unpacked)
        })
    }

    /// The relationships of a part: (type, id, target resolved from `folder`). A missing
    /// relationships part is no relationships.
    fn relationship_targets(
        &mut self,
        part: &str,
        folder: &str,
    ) -> Result<Vec<(String, String, String)>, Diagnostic> {
        if self.archive.index_for_name(part).is_none() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        self.read_part(part, |event| {
            if let Event::Start(e) | Event::Empty(e) = event
                && e.local_name().as_ref() == "Relationship"
            {
                let kind = attribute(e, "Type").unwrap_or_default();
                let id = attribute(e, "Id").unwrap_or_default();
                let target = attribute(e, "Target").unwrap_or_default();
                out.push((kind, id, resolve_target(folder, &target)));
            }
            Ok(())
        })?;
        Ok(out)
    }

    fn read_workbook(
        &mut self,
        part: &str,
        relations: &[(String, String, String)],
    ) -> Result<(), Diagnostic> {
        let mut sheets = Vec::new();
        let mut epoch_1904 = false;
        self.read_part(part, |event| {
            if let Event::Start(e) | Event::Empty(e) = event {
                match e.local_name().as_ref() {
                    "workbookPr" => {
                        epoch_1904 = matches!(attribute(e, "date1904").as_deref(), Some("1" | "true"));
                    }
                    "sheet" => {
                        let name = attribute(e, "name").unwrap_or_default();
                        let hidden =
                            matches!(attribute(e, "state").as_deref(), Some("hidden" | "veryHidden"));
                        let id = attribute_local(e, "id").unwrap_or_default();
                        let part = relations
                            .iter()
                            .find(|(kind, rel_id, _)| *rel_id == id && kind.ends_with("/worksheet"))
                            .map(|(.., target)| target.clone());
                        sheets.push(SheetEntry { name, hidden, part });
                    }
                    _ => {}
                }
            }
            Ok(())
        })?;
        self.sheets = sheets;
        self.epoch_1904 = epoch_1904;
        Ok(())
    }

    fn read_shared_strings(&mut self, part: &str) -> Result<Vec<Arc<str>>, Diagnostic> {
        let mut strings = Vec::new();
        let mut current = String::new();
        // Inside <si>; inside a <t>; inside phonetic runs (<rPh>), whose text is not the cell's.
        let (mut in_item, mut in_text, mut in_phonetic) = (false, false, false);
        self.read_part(part, |event| {
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    "si" => {
                        in_item = true;
                        current.clear();
                    }
                    "t" => in_text = true,
                    "rPh" => in_phonetic = true,
                    _ => {}
                },
                Event::Empty(e) if e.local_name().as_ref() == "si" => strings.push(Arc::from("")),
                Event::End(e) => match e.local_name().as_ref() {
                    "si" => {
                        in_item = false;
                        strings.push(Arc::from(unescape_excel(&current)));
                    }
                    "t" => in_text = false,
                    "rPh" => in_phonetic = false,
                    _ => {}
                },
                Event::Text(t) if in_item && in_text && !in_phonetic => current.push_str(&t.xml10_content()),
                Event::CData(t) if in_item && in_text && !in_phonetic => current.push_str(t.as_ref()),
                Event::GeneralRef(r) if in_item && in_text && !in_phonetic => {
                    push_reference(r, &mut current)?
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(strings)
    }

    fn read_styles(&mut self, part: &str) -> Result<Vec<NumberKind>, Diagnostic> {
        let mut custom: HashMap<u32, NumberKind> = HashMap::new();
        let mut kinds = Vec::new();
        let mut in_cell_formats = false;
        self.read_part(part, |event| {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "numFmt" => {
                        if let (Some(id), Some(code)) = (attribute(e, "numFmtId"), attribute(e, "formatCode"))
                            && let Ok(id) = id.parse()
                        {
                            custom.insert(id, classify_format(&code));
                        }
                    }
                    "cellXfs" => in_cell_formats = matches!(event, Event::Start(_)),
                    "xf" if in_cell_formats => {
                        let id: u32 = attribute(e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                        kinds.push(custom.get(&id).copied().unwrap_or_else(|| builtin_format(id)));
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_cell_formats = false,
                _ => {}
            }
            Ok(())
        })?;
        Ok(kinds)
    }
}

const DAMAGED_HINT: &str = "check that the file is a real spreadsheet saved by Excel, LibreOffice or Google Sheets, not a renamed csv or a damaged download";

/// The error for a file that cannot be opened as a zip archive, in words rather than the zip
/// library's debug value.
fn not_a_workbook(file: &str, err: &zip::result::ZipError) -> Diagnostic {
    let why = super::archive::zip_failure(err, "a zip feature no spreadsheet writes");
    Diagnostic::error(
        Code::UnsupportedInput,
        Location::file(file),
        format!("cannot be opened as a workbook: {why}"),
    )
    .with_hint(DAMAGED_HINT)
}

type PartReader<'z> = quick_xml::Reader<BufReader<LimitedRead<'z>>>;

/// A streaming XML reader over one part, inflating no more than the limit allows (`unpacked` is
/// what the file's other parts used already).
fn part_reader<'z>(
    archive: &'z mut ZipArchive<BufReader<File>>,
    file: &str,
    part: &str,
    limits: &Limits,
    unpacked: u64,
) -> Result<PartReader<'z>, Diagnostic> {
    let remaining = limits.max_unpacked_bytes.saturating_sub(unpacked);
    let entry = archive.by_name(part).map_err(|err| match err {
        zip::result::ZipError::FileNotFound => Diagnostic::error(
            Code::UnsupportedInput,
            Location::file(file),
            format!("is not a complete xlsx workbook: its part `{part}` is missing"),
        )
        .with_hint(DAMAGED_HINT),
        other => not_a_workbook(file, &other),
    })?;
    if entry.size() > remaining {
        return Err(limits.unpacked_error(
            Location::file(file),
            &format!("part `{part}`"),
            entry.size() + unpacked,
        ));
    }
    let limited = LimitedRead {
        inner: Box::new(entry),
        counted: 0,
        remaining,
        part: part.to_string(),
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(64 * 1024, limited));
    reader.config_mut().trim_text(false);
    Ok(reader)
}

/// A reader that counts inflated bytes and stops at the unpacked-size limit, since a zip entry's
/// declared size can lie.
struct LimitedRead<'a> {
    inner: Box<dyn Read + 'a>,
    counted: u64,
    remaining: u64,
    part: String,
}

impl Read for LimitedRead<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counted += n as u64;
        if self.counted > self.remaining {
            return Err(std::io::Error::other(PastLimit(self.part.clone())));
        }
        Ok(n)
    }
}

/// The marker error of [`LimitedRead`].
#[derive(Debug)]
struct PastLimit(String);

impl std::fmt::Display for PastLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "part {} is past the unpacked-size limit", self.0)
    }
}

impl std::error::Error for PastLimit {}

/// What went wrong inside a part's XML.
enum XmlProblem {
    /// Broken XML, a damaged stream, or a bad value, in plain words.
    Broken(String),
    /// The part inflated past the limit.
    PastLimit,
    /// A diagnostic already made (a cell past the sheet's bounds, too many cells).
    Diagnostic(Box<Diagnostic>),
}

impl From<quick_xml::Error> for XmlProblem {
    fn from(err: quick_xml::Error) -> XmlProblem {
        if let quick_xml::Error::Io(io) = &err
            && io.get_ref().is_some_and(|inner| inner.is::<PastLimit>())
        {
            return XmlProblem::PastLimit;
        }
        match err {
            quick_xml::Error::Io(io) => XmlProblem::Broken(format!("the archive is damaged ({})", io.kind())),
            quick_xml::Error::Syntax(syntax) => XmlProblem::Broken(format!("its XML is broken ({syntax})")),
            quick_xml::Error::IllFormed(ill) => XmlProblem::Broken(format!("its XML is broken ({ill})")),
            quick_xml::Error::Encoding(_) => XmlProblem::Broken("its text is not valid UTF-8".to_string()),
            quick_xml::Error::Escape(_) => {
                XmlProblem::Broken("its XML holds an unknown character entity".to_string())
            }
            _ => XmlProblem::Broken("its XML is broken".to_string()),
        }
    }
}

impl XmlProblem {
    /// The diagnostic for a problem in `what` (``part `xl/styles.xml` `` or ``sheet `answers` ``).
    fn into_diagnostic(self, file: &str, what: &str, limits: &Limits, unpacked: u64) -> Diagnostic {
        match self {
            XmlProblem::Broken(why) => Diagnostic::error(
                Code::UnsupportedInput,
                Location::file(file),
                format!("cannot be read as a workbook: in {what}, {why}"),
            )
            .with_hint(DAMAGED_HINT),
            XmlProblem::PastLimit => limits.unpacked_error(Location::file(file), what, unpacked),
            XmlProblem::Diagnostic(d) => *d,
        }
    }
}

/// Reads the cells of one worksheet part.
struct SheetReader<'a> {
    file: &'a str,
    sheet: &'a str,
    strings: &'a [Arc<str>],
    kinds: &'a [NumberKind],
    epoch_1904: bool,
    limits: &'a Limits,
    cells: &'a mut u64,
    /// A cleared buffer for the next `<v>` text: reused cell after cell, so that reading a value
    /// allocates nothing in the common case.
    spare: String,
}

/// A cell's type, from its `t` attribute; a missing or unknown one reads as a number, as Excel does.
#[derive(Clone, Copy, PartialEq, Default)]
enum CellKind {
    #[default]
    Number,
    SharedString,
    InlineString,
    FormulaString,
    Boolean,
    Error,
    Date,
}

impl CellKind {
    fn from_attribute(value: &[u8]) -> CellKind {
        match value {
            b"s" => CellKind::SharedString,
            b"inlineStr" => CellKind::InlineString,
            b"str" => CellKind::FormulaString,
            b"b" => CellKind::Boolean,
            b"e" => CellKind::Error,
            b"d" => CellKind::Date,
            _ => CellKind::Number,
        }
    }
}

/// A cell being read: where, its type and format attributes, what was found inside.
#[derive(Default)]
struct RawCell {
    row: u32,
    column: u32,
    kind: CellKind,
    style: usize,
    value: Option<String>,
    formula: Option<String>,
    inline: Option<String>,
}

impl SheetReader<'_> {
    fn read<R: BufRead>(
        &mut self,
        reader: &mut quick_xml::Reader<R>,
        rows: &mut Vec<Row>,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let result = self.read_cells(reader, rows, found);
        if let Err(problem) = result {
            // Past the limit, all that is known is that the sheet inflates beyond it.
            let unpacked = self.limits.max_unpacked_bytes + 1;
            let what = format!("sheet `{}`", self.sheet);
            return Err(problem.into_diagnostic(self.file, &what, self.limits, unpacked));
        }
        trim_trailing_empty(rows);
        Ok(())
    }

    fn read_cells<R: BufRead>(
        &mut self,
        reader: &mut quick_xml::Reader<R>,
        rows: &mut Vec<Row>,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), XmlProblem> {
        let mut buf = Vec::with_capacity(1024);
        let mut row_number: u32 = 0;
        let mut next_column: u32 = 1;
        let mut cell: Option<RawCell> = None;
        // Which child of <c> is open: v, f, or t (inside <is>).
        let mut open: Option<&'static str> = None;
        let mut text = String::new();
        loop {
            buf.clear();
            match reader.read_event_into(&mut buf)? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" && cell.is_none() => {
                    row_number = match attribute(&e, "r") {
                        Some(r) => r
                            .parse()
                            .map_err(|_| self.bad(format!("a row number `{}` is not a number", &r)))?,
                        None => row_number + 1,
                    };
                    if row_number == 0 || row_number > MAX_ROW {
                        return Err(self.bad(format!("row number {row_number} is outside 1..{MAX_ROW}")));
                    }
                    next_column = 1;
                }
                Event::Start(e) if e.local_name().as_ref() == "c" => {
                    cell = Some(self.start_cell(&e, &mut row_number, &mut next_column)?);
                }
                Event::Empty(e) if e.local_name().as_ref() == "c" => {
                    // A cell with only a format: blank, costs nothing.
                    self.start_cell(&e, &mut row_number, &mut next_column)?;
                }
                Event::Start(e) if cell.is_some() => {
                    open = match e.local_name().as_ref() {
                        "v" => Some("v"),
                        "f" => Some("f"),
                        "t" => Some("t"),
                        _ => open,
                    };
                    text.clear();
                    if open == Some("f")
                        && let Some(c) = cell.as_mut()
                    {
                        c.formula.get_or_insert_with(String::new);
                    }
                }
                Event::Empty(e) if cell.is_some() => {
                    let c = cell.as_mut().expect("checked");
                    match e.local_name().as_ref() {
                        // A shared formula's other cells carry an empty <f/>.
                        "f" => {
                            c.formula.get_or_insert_with(String::new);
                        }
                        "v" => c.value = Some(String::new()),
                        _ => {}
                    }
                }
                Event::Text(t) if open.is_some() => text.push_str(&t.xml10_content()),
                Event::CData(t) if open.is_some() => text.push_str(t.as_ref()),
                Event::GeneralRef(r) if open.is_some() => push_reference(&r, &mut text)?,
                Event::End(e) => match e.local_name().as_ref() {
                    "v" | "f" | "t" if open.is_some() => {
                        let c = cell.as_mut().expect("open only inside a cell");
                        match open.take() {
                            Some("v") => {
                                let spare = std::mem::take(&mut self.spare);
                                c.value = Some(std::mem::replace(&mut text, spare));
                            }
                            Some("f") => c.formula = Some(std::mem::take(&mut text)),
                            Some("t") => c.inline.get_or_insert_with(String::new).push_str(&text),
                            _ => {}
                        }
                        text.clear();
                    }
                    "c" => {
                        if let Some(raw) = cell.take() {
                            self.finish_cell(raw, rows, found)?;
                        }
                        open = None;
                    }
                    "sheetData" => return Ok(()),
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn start_cell(
        &self,
        e: &BytesStart<'_>,
        row_number: &mut u32,
        next_column: &mut u32,
    ) -> Result<RawCell, XmlProblem> {
        // One pass over the attributes, reading them in place: this runs for every cell.
        let mut reference = None;
        let mut kind = CellKind::Number;
        let mut style = 0;
        for a in e.attributes().flatten() {
            match a.key.as_ref() {
                "r" => {
                    let text = attribute_text(&a).unwrap_or_default();
                    let parsed = parse_reference(&text).ok_or_else(|| {
                        self.bad(format!("a cell reference `{}` is not an A1 reference", &text))
                    })?;
                    reference = Some(parsed);
                }
                "t" => kind = CellKind::from_attribute(attribute_text(&a).unwrap_or_default().as_bytes()),
                "s" => {
                    style = attribute_text(&a)
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(0)
                }
                _ => {}
            }
        }
        let (row, column) = reference.unwrap_or(((*row_number).max(1), *next_column));
        if row > MAX_ROW || column > MAX_COLUMN {
            return Err(self.bad(format!(
                "a cell lies outside the largest sheet ({MAX_COLUMN} columns, {MAX_ROW} rows)"
            )));
        }
        *row_number = row;
        *next_column = column + 1;
        Ok(RawCell {
            row,
            column,
            kind,
            style,
            ..RawCell::default()
        })
    }

    fn finish_cell(
        &mut self,
        raw: RawCell,
        rows: &mut Vec<Row>,
        found: &mut Vec<Diagnostic>,
    ) -> Result<(), XmlProblem> {
        let location = || Location::Cell {
            path: self.file.to_string(),
            sheet: Some(self.sheet.to_string()),
            row: raw.row,
            column: raw.column,
            header: None,
        };
        let kind = raw.kind;
        let saved = match (&raw.value, kind) {
            (_, CellKind::InlineString) => raw.inline.is_some() || raw.value.is_some(),
            (Some(_), CellKind::FormulaString) => true,
            (Some(v), _) => !v.trim().is_empty(),
            (None, _) => false,
        };
        if let Some(formula) = &raw.formula
            && !saved
        {
            let shown = if formula.is_empty() {
                "a formula".to_string()
            } else {
                format!("the formula `={}`", formula)
            };
            found.push(
                Diagnostic::error(Code::FormulaWithoutValue, location(), format!("the cell holds {shown} but no saved result"))
                    .with_hint("open the file in Excel or LibreOffice Calc and save it, so that each formula's result is stored with it (files written by scripts often store formulas alone)"),
            );
            return Ok(());
        }
        let cell = match kind {
            CellKind::SharedString => {
                let index: usize = raw
                    .value
                    .as_deref()
                    .and_then(|v| v.trim().parse().ok())
                    .ok_or_else(|| self.bad("a shared-string cell has no string number".to_string()))?;
                let text = self.strings.get(index).ok_or_else(|| {
                    self.bad(format!(
                        "a cell names shared string {index}, which does not exist"
                    ))
                })?;
                Cell::from_shared(text)
            }
            CellKind::InlineString => Cell::from_text(&unescape_excel(
                raw.inline.as_deref().or(raw.value.as_deref()).unwrap_or(""),
            )),
            CellKind::FormulaString => Cell::from_text(&unescape_excel(raw.value.as_deref().unwrap_or(""))),
            CellKind::Boolean => match raw.value.as_deref().map(str::trim) {
                Some("1" | "true") => Cell::Bool(true),
                Some("0" | "false") => Cell::Bool(false),
                _ => Cell::Empty,
            },
            CellKind::Error => Cell::Error(raw.value.as_deref().unwrap_or_default().trim().into()),
            CellKind::Date => {
                let value = raw.value.as_deref().unwrap_or_default();
                match value.trim().get(..10).and_then(Date::parse) {
                    Some(date) => Cell::Date(date),
                    None => Cell::from_text(value),
                }
            }
            CellKind::Number => match raw.value.as_deref().map(str::trim) {
                None | Some("") => Cell::Empty,
                Some(text) => {
                    let number: f64 = text
                        .parse()
                        .ok()
                        .filter(|n: &f64| n.is_finite())
                        .ok_or_else(|| self.bad(format!("a number cell holds `{}`", text)))?;
                    match self.kinds.get(raw.style).copied().unwrap_or(NumberKind::Plain) {
                        NumberKind::Percent => Cell::Percent(number),
                        NumberKind::Date => {
                            serial_date(number, self.epoch_1904).unwrap_or(Cell::Number(number))
                        }
                        NumberKind::Plain => Cell::Number(number),
                    }
                }
            },
        };
        if let Some(mut buffer) = raw.value {
            buffer.clear();
            self.spare = buffer;
        }
        if cell.is_empty() {
            return Ok(());
        }
        *self.cells += 1;
        if *self.cells > self.limits.max_cells {
            return Err(XmlProblem::Diagnostic(Box::new(
                self.limits.cells_error(Location::file(self.file), *self.cells),
            )));
        }
        place(rows, raw.row, raw.column, cell);
        Ok(())
    }

    fn bad(&self, why: String) -> XmlProblem {
        XmlProblem::Broken(why)
    }
}

/// A date from a serial number in a date-formatted cell; the time of day is dropped on purpose.
fn serial_date(serial: f64, epoch_1904: bool) -> Option<Cell> {
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    if epoch_1904 {
        days += 1462;
    } else if days < 61 {
        // Excel counts a 29 February 1900 that never was; serials before it are one day early.
        days += 1;
    }
    // Serial 25569 is 1970-01-01 in the 1900 system.
    let date = Date::from_unix_days(days - 25_569);
    Some(Cell::Date(date))
}

/// The number kind of a built-in format id (ECMA-376 18.8.30, and the East Asian date ids).
fn builtin_format(id: u32) -> NumberKind {
    match id {
        9 | 10 => NumberKind::Percent,
        14..=17 | 22 | 27..=36 | 50..=58 => NumberKind::Date,
        _ => NumberKind::Plain,
    }
}

/// The number kind of a custom format code: percent when its first section shows `%`, a date
/// when it shows years, months or days. Quoted text, escaped characters and bracketed parts
/// (colours, conditions, locales) are skipped, so `0 "%"` and `[Red]0` are plain numbers.
fn classify_format(code: &str) -> NumberKind {
    let section = split_first_section(code);
    let mut plain = String::new();
    let mut chars = section.chars();
    let mut elapsed = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let mut inside = String::new();
                for c in chars.by_ref() {
                    if c == ']' {
                        break;
                    }
                    inside.push(c);
                }
                let lower = inside.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                    elapsed = true;
                }
            }
            _ => plain.push(c.to_ascii_lowercase()),
        }
    }
    // `General` is a word, not date letters; `E+` is a scientific exponent.
    let plain = plain.replace("general", "").replace("e+", "").replace("e-", "");
    if plain.contains('%') {
        NumberKind::Percent
    } else if !elapsed && plain.chars().any(|c| matches!(c, 'y' | 'd')) {
        NumberKind::Date
    } else if !elapsed && plain.contains('m') && !plain.contains('h') && !plain.contains('s') {
        // `mmm` or `mm-yy` alone are months; `h:mm` and `mm:ss` are times.
        NumberKind::Date
    } else {
        NumberKind::Plain
    }
}

/// The first `;`-separated section of a format code (the one for positive numbers), outside
/// quotes.
fn split_first_section(code: &str) -> &str {
    let mut quoted = false;
    for (i, c) in code.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => return &code[..i],
            _ => {}
        }
    }
    code
}

/// (row, column), both 1-based, from an A1 reference such as `XFD1048576`.
fn parse_reference(reference: &str) -> Option<(u32, u32)> {
    let reference = reference.trim().trim_start_matches('$');
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut column: u32 = 0;
    for c in letters.chars() {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        column = column * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    (row >= 1).then_some((row, column))
}

/// Resolves a relationship target against the folder of the part that names it.
fn resolve_target(folder: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// An attribute's value as text: borrowed when it holds no entity (as cell attributes never do),
/// unescaped otherwise; None when it cannot be unescaped.
fn attribute_text<'a>(a: &'a Attribute<'a>) -> Option<Cow<'a, str>> {
    if a.value.contains('&') {
        return a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| Cow::Owned(v.into_owned()));
    }
    Some(Cow::Borrowed(&a.value))
}

/// An attribute's value by its qualified name, unescaped.
fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// An attribute's value by its local name, whatever its namespace prefix (`r:id`).
fn attribute_local(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name && a.key.prefix().is_some())
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Appends an entity or character reference (`&amp;`, `&#x41;`) to `text`.
fn push_reference(reference: &quick_xml::events::BytesRef<'_>, text: &mut String) -> Result<(), XmlProblem> {
    let name: String = reference.as_ref().to_string();
    if let Some(resolved) = quick_xml::escape::resolve_xml_entity(&name) {
        text.push_str(resolved);
        return Ok(());
    }
    match reference.resolve_char_ref() {
        Ok(Some(c)) => {
            text.push(c);
            Ok(())
        }
        _ => Err(XmlProblem::Broken(format!(
            "its XML holds an unknown entity `&{}`",
            &name
        ))),
    }
}

/// Undoes Excel's escapes of characters XML cannot hold: `_x000D_` is a carriage return (a UTF-16
/// code unit in hex, surrogate pairs as two escapes) and `_x005F_` an underscore.
fn unescape_excel(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut units: Vec<u16> = Vec::with_capacity(text.len());
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let flush = |units: &mut Vec<u16>, out: &mut String| {
        if !units.is_empty() {
            out.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
        }
    };
    while i < bytes.len() {
        if bytes[i] == b'_'
            && i + 7 <= bytes.len()
            && bytes[i + 1] == b'x'
            && bytes[i + 6] == b'_'
            && let Ok(hex) = std::str::from_utf8(&bytes[i + 2..i + 6])
            && hex.chars().all(|c| c.is_ascii_hexdigit())
            && let Ok(unit) = u16::from_str_radix(hex, 16)
        {
            units.push(unit);
            i += 7;
            continue;
        }
        flush(&mut units, &mut out);
        let c = text[i..].chars().next().expect("inside the text");
        out.push(c);
        i += c.len_utf8();
    }
    flush(&mut units, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_codes_are_classified_by_what_they_show() {
        assert_eq!(classify_format("0%"), NumberKind::Percent);
        assert_eq!(classify_format("0.0%;[Red]-0.0%"), NumberKind::Percent);
        assert_eq!(classify_format("0 \"%\""), NumberKind::Plain);
        assert_eq!(classify_format("0\\%"), NumberKind::Plain);
        assert_eq!(classify_format("yyyy-mm-dd"), NumberKind::Date);
        assert_eq!(classify_format("[$-409]d-mmm-yy;@"), NumberKind::Date);
        assert_eq!(classify_format("mmm"), NumberKind::Date);
        assert_eq!(classify_format("h:mm"), NumberKind::Plain);
        assert_eq!(classify_format("[h]:mm:ss"), NumberKind::Plain);
        assert_eq!(classify_format("#,##0.00"), NumberKind::Plain);
        assert_eq!(classify_format("[Red]0"), NumberKind::Plain);
        assert_eq!(classify_format("General"), NumberKind::Plain);
        assert_eq!(classify_format("0.00E+00"), NumberKind::Plain);
        assert_eq!(builtin_format(9), NumberKind::Percent);
        assert_eq!(builtin_format(14), NumberKind::Date);
        assert_eq!(builtin_format(0), NumberKind::Plain);
    }

    #[test]
    fn references_and_targets_resolve() {
        assert_eq!(parse_reference("A1"), Some((1, 1)));
        assert_eq!(parse_reference("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_reference("$B$7"), Some((7, 2)));
        assert_eq!(parse_reference("A0"), None);
        assert_eq!(parse_reference("ABCD1"), None);
        assert_eq!(
            resolve_target("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve_target("xl/", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve_target("xl/", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
    }

    #[test]
    fn excel_escapes_are_undone() {
        assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
        assert_eq!(unescape_excel("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_excel("_xD83D__xDCF7_"), "📷");
        assert_eq!(unescape_excel("plain_text"), "plain_text");
    }

    #[test]
    fn serial_dates_follow_both_epochs() {
        let expected = Cell::Date(Date::parse("2024-06-20").unwrap());
        assert_eq!(serial_date(45463.0, false), Some(expected.clone()));
        assert_eq!(serial_date(45463.5, false), Some(expected.clone()));
        assert_eq!(serial_date(45463.0 - 1462.0, true), Some(expected));
        assert_eq!(
            serial_date(1.0, false),
            Some(Cell::Date(Date::parse("1900-01-01").unwrap()))
        );
        assert_eq!(
            serial_date(61.0, false),
            Some(Cell::Date(Date::parse("1900-03-01").unwrap()))
        );
    }
}
