//! Reading OpenDocument spreadsheets (.ods) as their authors meant them.
//!
//! In: the path of an .ods file, the name to show in messages, and the input [`Limits`]. Out:
//! every sheet in workbook order as an [`OdsSheet`] (its name, whether it is hidden, and its cells
//! as a [`Table`]); a formula whose result was never saved becomes a located diagnostic and an
//! empty cell; a file that is not an ods, is damaged, or goes past a limit becomes one error
//! saying so in plain words.
//! Not here: choosing which sheets to read, finding headers or judging values (see `mod.rs`,
//! `columns`, `values`), nor the other workbook formats.
//!
//! Why not calamine's ods reader: it reads a `percentage` cell as a bare number (so 85 % and 0.85
//! look alike), cannot tell a formula without a saved result from an empty cell, expands
//! repeated empty rows and columns into memory, and reports damaged files with debug values.
//!
//! How: `content.xml` is streamed with quick-xml, never held whole. Empty cells and rows cost
//! nothing until a value follows them, so a styled blank row repeated a million times, or a
//! blank cell repeated across every column, is free. Everything that is materialised (values,
//! the empty cells and rows between them) is counted against [`Limits::max_cells`] before it is
//! allocated, and every byte unpacked is counted against [`Limits::max_unpacked_bytes`].

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::diagnostics::{Code, Diagnostic, Location, column_letters};
use crate::ingest::limits::{CELLS_VARIABLE, Limits};
use crate::ingest::table::{Cell, Row, Table};
use crate::model::Date;

/// One sheet of an ods file.
pub struct OdsSheet {
    /// The sheet's name as the workbook's tabs show it.
    pub name: String,
    /// Whether the author hid the sheet.
    pub hidden: bool,
    /// Its cells, rows numbered from 1.
    pub table: Table,
}

/// The last row a spreadsheet can hold (Excel's limit, and LibreOffice's by default).
const MAX_ROWS: u64 = 1_048_576;
/// The last column a spreadsheet can hold (column XFD).
const MAX_COLUMNS: u64 = 16_384;
/// A cell's text grows by at most this many characters through `<text:s text:c="N"/>`: each such
/// element is a few bytes that ask for N spaces, so without a bound a tiny file could ask for
/// gigabytes. 32 768 is one more than a spreadsheet cell can hold, so a cell that hits the bound
/// is still seen as too long by the checks that follow.
const MAX_EXPANDED_TEXT: usize = 32_768;
/// Formulas without a saved result reported one by one per sheet; past that, one summary. A file
/// written by a program that never calculates has such formulas in every computed cell, and a
/// thousand identical messages would hide everything else.
const MAX_FORMULA_REPORTS: usize = 20;
/// Formulas shown in messages are cut to this many characters.
const MAX_SHOWN_FORMULA: usize = 120;

const NOT_ODS: &str = "the file is not a valid ods spreadsheet";
const CHECK_FILE_HINT: &str = "check that the file is a real spreadsheet saved by LibreOffice, Excel or Google Sheets, not a renamed csv or a damaged download";
const RESAVE_HINT: &str =
    "open the file in LibreOffice Calc or Excel and save it, so that the result is stored with the formula";
const PASSWORD_HINT: &str = "open it in LibreOffice Calc and save a copy without a password (File › Save As, with \"Save with password\" unticked)";
const SPREADSHEET_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// Reads every sheet of an ods file. Whole-file problems (not a zip, no content.xml, broken XML,
/// past a limit) are the Err; cell-level problems (formula without a saved value) are pushed to
/// `found`, located, and the cell is read as Empty.
pub fn read_ods(
    path: &Path,
    file: &str,
    limits: &Limits,
    found: &mut Vec<Diagnostic>,
) -> Result<Vec<OdsSheet>, Diagnostic> {
    let cannot_read = |err: io::Error| {
        Diagnostic::error(
            Code::Io,
            Location::file(file),
            format!("cannot read the file: {err}"),
        )
    };
    let mut handle = File::open(path).map_err(cannot_read)?;
    let mut head = Vec::with_capacity(512);
    (&mut handle)
        .take(512)
        .read_to_end(&mut head)
        .map_err(cannot_read)?;
    check_signature(&head, file)?;
    handle.seek(SeekFrom::Start(0)).map_err(cannot_read)?;

    let mut zip = ZipArchive::new(BufReader::new(handle)).map_err(|err| zip_failure(&err, file))?;
    check_kind(&mut zip, file)?;
    let mut unpacked = 0;
    if is_encrypted(&mut zip, file, limits, &mut unpacked)? {
        return Err(password_protected(file));
    }
    if zip.index_for_name("content.xml").is_none() {
        return Err(no_content(&zip, file));
    }
    let Some(part) = open_part(&mut zip, "content.xml", file, limits, unpacked)? else {
        return Err(no_content(&zip, file));
    };
    let mut reader = xml_reader(part);
    let mut parser = Parser::new(file, limits, found);
    let mut buf = Vec::with_capacity(16 * 1024);
    loop {
        buf.clear();
        let step = match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(event) => parser.event(event),
            Err(err) => Err(Stop::Xml(err)),
        };
        match step {
            Ok(()) => {}
            Err(Stop::Refused(diagnostic)) => return Err(*diagnostic),
            Err(Stop::Xml(err)) => {
                return Err(xml_failure(&reader, &err, "content.xml", file, limits));
            }
        }
    }
    if parser.sheet.is_some() {
        return Err(not_ods(
            file,
            "its `content.xml` part is not well-formed XML: it breaks off in the middle of a sheet",
        ));
    }
    if parser.sheets.is_empty() {
        return Err(not_ods(file, "its `content.xml` part holds no sheet"));
    }
    Ok(parser.sheets)
}

/// Tells what a file that is not a zip archive is, from its first bytes, so that a csv renamed to
/// .ods or an old .xls is named as such.
fn check_signature(head: &[u8], file: &str) -> Result<(), Diagnostic> {
    // A zip archive starts with a local file header, or (when empty) its end record.
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Ok(());
    }
    let (reason, hint) = if head.is_empty() {
        ("it is empty (0 bytes)", CHECK_FILE_HINT)
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        (
            "it is an older binary Office file (an .xls workbook, or a workbook protected by a password)",
            "open it in LibreOffice Calc or Excel, remove any password, and save it as .ods or .xlsx",
        )
    } else if looks_like_text(head) {
        (
            "it holds plain text (perhaps a csv file renamed to .ods), not the zip archive every ods file is",
            CHECK_FILE_HINT,
        )
    } else {
        ("it is not a zip archive, as every ods file is", CHECK_FILE_HINT)
    };
    Err(not_ods(file, reason).with_hint(hint))
}

/// Whether the first bytes of a file read as text: UTF-8 (a sequence cut at the end is fine)
/// without control characters other than line ends and tabs.
fn looks_like_text(head: &[u8]) -> bool {
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(err) if err.error_len().is_none() => {
            std::str::from_utf8(&head[..err.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !valid.is_empty()
        && valid
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
}

/// Refuses a zip archive that says (by its `mimetype` part) it is another kind of document. A
/// missing `mimetype` is let through: some generators leave it out, and `content.xml` decides.
fn check_kind<R: Read + Seek>(zip: &mut ZipArchive<R>, file: &str) -> Result<(), Diagnostic> {
    let mut part = match zip.by_name("mimetype") {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => return Ok(()),
        Err(err) => return Err(zip_failure(&err, file)),
    };
    let mut bytes = Vec::with_capacity(100);
    if (&mut part).take(100).read_to_end(&mut bytes).is_err() {
        return Err(not_ods(
            file,
            "its `mimetype` part cannot be unpacked: the compressed data is damaged",
        ));
    }
    let mimetype = String::from_utf8_lossy(&bytes);
    let mimetype = mimetype.trim();
    // `spreadsheet-template` (.ots) holds sheets just the same.
    if mimetype.starts_with(SPREADSHEET_MIMETYPE) {
        return Ok(());
    }
    let kind = match mimetype.strip_prefix("application/vnd.oasis.opendocument.") {
        Some(kind) if kind.starts_with("text") => "an OpenDocument text document".to_string(),
        Some(kind) if kind.starts_with("presentation") => "an OpenDocument presentation".to_string(),
        Some(kind) if kind.starts_with("graphics") => "an OpenDocument drawing".to_string(),
        _ => format!(
            "a zip archive of another kind (its mimetype is `{}`)",
            visible(mimetype, 80)
        ),
    };
    Err(not_ods(file, &format!("it is {kind}, not a spreadsheet")).with_hint(CHECK_FILE_HINT))
}

/// The error for a zip archive without `content.xml`, naming the format when it is a known one
/// saved under the wrong extension.
fn no_content<R: Read + Seek>(zip: &ZipArchive<R>, file: &str) -> Diagnostic {
    if zip.index_for_name("xl/workbook.xml").is_some() {
        return not_ods(file, "it is an Excel workbook (.xlsx) saved under an .ods name")
            .with_hint("rename the file to .xlsx and list it under that name in assessment.yaml");
    }
    if zip.index_for_name("word/document.xml").is_some() {
        return not_ods(file, "it is a Word document, not a spreadsheet").with_hint(CHECK_FILE_HINT);
    }
    not_ods(
        file,
        "the zip archive has no `content.xml`, the part that holds an ods file's sheets",
    )
    .with_hint(CHECK_FILE_HINT)
}

/// Whether the manifest lists encryption data: LibreOffice encrypts the parts of a
/// password-protected file but keeps the zip readable, so without this check the file would be
/// reported as damaged XML.
fn is_encrypted<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    file: &str,
    limits: &Limits,
    unpacked: &mut u64,
) -> Result<bool, Diagnostic> {
    const MANIFEST: &str = "META-INF/manifest.xml";
    let Some(part) = open_part(zip, MANIFEST, file, limits, *unpacked)? else {
        return Ok(false);
    };
    let mut reader = xml_reader(part);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == "manifest:encryption-data" => {
                return Ok(true);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => {
                let counted = reader.get_ref().get_ref();
                if counted.over_limit() {
                    return Err(xml_failure(&reader, &err, MANIFEST, file, limits));
                }
                // A damaged manifest is not worth refusing the file for: the sheets are in
                // content.xml, which is checked on its own.
                break;
            }
        }
    }
    *unpacked += reader.get_ref().get_ref().read;
    Ok(false)
}

fn password_protected(file: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedInput,
        Location::file(file),
        "the file is protected by a password, so its sheets cannot be read",
    )
    .with_hint(PASSWORD_HINT)
}

/// A part of the archive, ready to unpack, once its declared size is within what is left of the
/// limit. The reader it returns counts what it actually unpacks, since a declared size can lie.
fn open_part<'a, R: Read + Seek>(
    zip: &'a mut ZipArchive<R>,
    name: &str,
    file: &str,
    limits: &Limits,
    unpacked: u64,
) -> Result<Option<Counted<zip::read::ZipFile<'a, R>>>, Diagnostic> {
    let part = match zip.by_name(name) {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(err) => return Err(zip_failure(&err, file)),
    };
    let limit = limits.max_unpacked_bytes.saturating_sub(unpacked);
    if part.size() > limit {
        return Err(limits.unpacked_error(
            Location::file(file),
            &format!("part `{name}`"),
            part.size().saturating_add(unpacked),
        ));
    }
    Ok(Some(Counted {
        inner: part,
        read: 0,
        limit,
    }))
}

/// A reader that refuses to yield more than `limit` bytes in all.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R> Counted<R> {
    fn over_limit(&self) -> bool {
        self.read > self.limit
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        // One byte past the limit is read, so that a part exactly at the limit passes and one
        // over it is caught.
        let room = (self.limit.saturating_sub(self.read)).saturating_add(1);
        let wanted = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        if self.over_limit() {
            return Err(io::Error::other("the unpacked size limit is reached"));
        }
        let n = self.inner.read(&mut buf[..wanted])?;
        self.read += n as u64;
        if self.over_limit() {
            return Err(io::Error::other("the unpacked size limit is reached"));
        }
        Ok(n)
    }
}

fn xml_reader<R: Read>(part: Counted<R>) -> Reader<BufReader<Counted<R>>> {
    // quick-xml's defaults suit: text is not trimmed (spaces in a cell are the author's), end tags
    // must match their start tags (a mismatch means a damaged file).
    Reader::from_reader(BufReader::with_capacity(64 * 1024, part))
}

/// The error for a part that stopped unpacking or parsing, in plain words.
fn xml_failure<R>(
    reader: &Reader<BufReader<Counted<R>>>,
    err: &quick_xml::Error,
    part: &str,
    file: &str,
    limits: &Limits,
) -> Diagnostic {
    let counted = reader.get_ref().get_ref();
    if counted.over_limit() {
        let already = limits.max_unpacked_bytes.saturating_sub(counted.limit);
        return limits.unpacked_error(
            Location::file(file),
            &format!("part `{part}`"),
            counted.read.saturating_add(already),
        );
    }
    let what = match err {
        quick_xml::Error::Io(_) => {
            return not_ods(
                file,
                &format!("its `{part}` part cannot be unpacked: the compressed data is damaged"),
            )
            .with_hint(CHECK_FILE_HINT);
        }
        quick_xml::Error::Syntax(_) => "it breaks off or has a malformed tag",
        quick_xml::Error::IllFormed(_) => "its start and end tags do not match",
        quick_xml::Error::InvalidAttr(_) => "a tag has a malformed attribute",
        quick_xml::Error::Encoding(_) => "its text is not in a valid character encoding",
        quick_xml::Error::Escape(_) => "it holds a malformed character reference",
        quick_xml::Error::Namespace(_) => "it uses an undeclared namespace",
    };
    not_ods(
        file,
        &format!(
            "its `{part}` part is not well-formed XML: {what} (near byte {})",
            reader.error_position()
        ),
    )
    .with_hint(CHECK_FILE_HINT)
}

/// The error for a zip archive the zip reader gave up on, in plain words (its own messages carry
/// internal names such as EOCD).
fn zip_failure(err: &ZipError, file: &str) -> Diagnostic {
    let reason = match err {
        ZipError::InvalidArchive(detail) if detail.starts_with("Could not find EOCD") => {
            "the zip archive is damaged or incomplete (no end-of-archive record)".to_string()
        }
        ZipError::InvalidArchive(_) | ZipError::DecompressedSizeLimitExceeded { .. } => {
            "the zip archive is damaged or incomplete (its list of contents cannot be read)".to_string()
        }
        ZipError::Io(_) => "the zip archive cannot be read to its end".to_string(),
        ZipError::UnsupportedArchive(detail) if *detail == ZipError::PASSWORD_REQUIRED => {
            return password_protected(file);
        }
        ZipError::InvalidPassword => return password_protected(file),
        ZipError::UnsupportedArchive(_) | ZipError::DecompressedSizeUnknown => {
            "the zip archive uses a feature this tool cannot read".to_string()
        }
        ZipError::CompressionMethodNotSupported(method) => {
            format!("the zip archive uses a compression method this tool cannot unpack (method {method})")
        }
        ZipError::FileNotFound => "a part of the zip archive is missing".to_string(),
        _ => "the zip archive is damaged or incomplete".to_string(),
    };
    not_ods(file, &reason).with_hint(CHECK_FILE_HINT)
}

fn not_ods(file: &str, reason: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedInput,
        Location::file(file),
        format!("{NOT_ODS}: {reason}"),
    )
    .with_hint(CHECK_FILE_HINT)
}

/// Why reading stopped.
enum Stop {
    /// The XML is broken (or a part could not be unpacked): see [`xml_failure`].
    Xml(quick_xml::Error),
    /// The file goes past a limit or holds what no spreadsheet can.
    Refused(Box<Diagnostic>),
}

impl From<quick_xml::Error> for Stop {
    fn from(err: quick_xml::Error) -> Stop {
        Stop::Xml(err)
    }
}

impl From<quick_xml::events::attributes::AttrError> for Stop {
    fn from(err: quick_xml::events::attributes::AttrError) -> Stop {
        Stop::Xml(quick_xml::Error::InvalidAttr(err))
    }
}

/// The state of reading content.xml, fed one event at a time.
struct Parser<'a> {
    file: &'a str,
    limits: &'a Limits,
    found: &'a mut Vec<Diagnostic>,
    /// Automatic table styles that hide their sheet (`table:display="false"`).
    hidden_styles: HashSet<String>,
    /// The `style:style` being read, if any.
    style: Option<String>,
    sheets: Vec<OdsSheet>,
    sheet: Option<SheetState>,
    row: Option<RowState>,
    cell: Option<CellState>,
    /// Depth inside an element that is skipped whole (a table nested in a sheet).
    skip: u32,
    /// Non-empty cells materialised, across the file.
    filled: u64,
    /// Cells and rows materialised, empty ones between values included, across the file.
    slots: u64,
}

struct SheetState {
    name: String,
    hidden: bool,
    rows: Vec<Row>,
    /// 1-based number of the row the next `table:table-row` starts at.
    next_row: u64,
    /// Formulas without a saved result reported, and those past the reporting cap.
    formulas_reported: usize,
    formulas_unreported: u64,
}

struct RowState {
    /// 1-based number of its first row.
    number: u64,
    /// How many rows it stands for (`table:number-rows-repeated`).
    repeat: u64,
    /// Cells up to the last non-empty one.
    cells: Vec<Cell>,
    /// Non-empty cells among them.
    filled: u64,
    /// 0-based column of the next cell element.
    column: u64,
}

struct CellState {
    /// How many columns it stands for (`table:number-columns-repeated`).
    repeat: u64,
    /// The value its attributes give, when they give one.
    typed: Option<Cell>,
    /// `office:string-value`, when present.
    string_value: Option<String>,
    /// `office:time-value`, shown when the cell has no displayed text.
    time_value: Option<String>,
    /// `table:formula`, when present.
    formula: Option<String>,
    /// LibreOffice's mark of a formula that evaluated to an error.
    calc_error: bool,
    /// Whether the value type is `string`, where an empty paragraph is an empty text result.
    is_string: bool,
    /// Whether the displayed text is needed (and so collected).
    collect: bool,
    /// A cell hidden under a merged area: a position, never a value.
    covered: bool,
    /// The displayed text: the cell's paragraphs, joined with line breaks.
    text: String,
    paragraphs: u32,
    /// Depth of the current element below the cell.
    depth: u32,
    /// Whether a direct paragraph of the cell is open (so text is the cell's).
    in_paragraph: bool,
    /// Depth at which a skipped subtree (a comment, a drawing) started.
    skip_from: Option<u32>,
}

impl<'a> Parser<'a> {
    fn new(file: &'a str, limits: &'a Limits, found: &'a mut Vec<Diagnostic>) -> Parser<'a> {
        Parser {
            file,
            limits,
            found,
            hidden_styles: HashSet::new(),
            style: None,
            sheets: Vec::new(),
            sheet: None,
            row: None,
            cell: None,
            skip: 0,
            filled: 0,
            slots: 0,
        }
    }

    fn event(&mut self, event: Event<'_>) -> Result<(), Stop> {
        match event {
            Event::Start(e) => self.start(&e, false),
            Event::Empty(e) => self.start(&e, true),
            Event::End(e) => self.end(e.name().as_ref()),
            Event::Text(t) => {
                if let Some(cell) = self.cell.as_mut().filter(|c| c.takes_text()) {
                    cell.text.push_str(&t.xml10_content());
                }
                Ok(())
            }
            Event::CData(t) => {
                if let Some(cell) = self.cell.as_mut().filter(|c| c.takes_text()) {
                    cell.text.push_str(&t.xml10_content());
                }
                Ok(())
            }
            Event::GeneralRef(r) => {
                if let Some(cell) = self.cell.as_mut().filter(|c| c.takes_text()) {
                    if let Some(c) = r.resolve_char_ref()? {
                        cell.text.push(c);
                    } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&r) {
                        cell.text.push_str(text);
                    } else {
                        // An entity no ods defines: kept as written rather than lost.
                        cell.text.push('&');
                        cell.text.push_str(&r);
                        cell.text.push(';');
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), Stop> {
        if let Some(cell) = self.cell.as_mut() {
            cell.start(e, empty)?;
            return Ok(());
        }
        if self.skip > 0 {
            self.skip += u32::from(!empty);
            return Ok(());
        }
        match e.name().as_ref() {
            "table:table-cell" | "table:covered-table-cell" if self.row.is_some() => {
                let cell = CellState::new(e)?;
                if empty {
                    self.finish_cell(cell)?;
                } else {
                    self.cell = Some(cell);
                }
            }
            "table:table-row" if self.sheet.is_some() => {
                let repeat = count(e, "table:number-rows-repeated")?;
                let number = self.sheet.as_ref().map_or(1, |s| s.next_row);
                self.row = Some(RowState {
                    number,
                    repeat,
                    cells: Vec::new(),
                    filled: 0,
                    column: 0,
                });
                if empty {
                    self.finish_row()?;
                }
            }
            "table:table" if self.sheet.is_some() => {
                // No spreadsheet nests a table directly in a sheet; whatever it is, it is not
                // the sheet's cells.
                self.skip = u32::from(!empty);
            }
            "table:table" => {
                let mut name = None;
                let mut style = None;
                for attr in e.attributes().with_checks(false) {
                    let attr = attr?;
                    match attr.key.as_ref() {
                        "table:name" => name = Some(attr.normalized_value(XmlVersion::Implicit1_0)?),
                        "table:style-name" => style = Some(attr.normalized_value(XmlVersion::Implicit1_0)?),
                        _ => {}
                    }
                }
                let name = match name {
                    Some(name) => name.into_owned(),
                    // The name is required; a sheet without one is named as LibreOffice would.
                    None => format!("Sheet{}", self.sheets.len() + 1),
                };
                let hidden = style.is_some_and(|s| self.hidden_styles.contains(s.as_ref()));
                self.sheet = Some(SheetState {
                    name,
                    hidden,
                    rows: Vec::new(),
                    next_row: 1,
                    formulas_reported: 0,
                    formulas_unreported: 0,
                });
                if empty {
                    self.finish_sheet();
                }
            }
            "style:style" if !empty => {
                self.style = match e.try_get_attribute("style:name")? {
                    Some(attr) => Some(attr.normalized_value(XmlVersion::Implicit1_0)?.into_owned()),
                    None => None,
                };
            }
            "style:table-properties" => {
                if let (Some(style), Some(display)) = (&self.style, e.try_get_attribute("table:display")?)
                    && display.value.trim() == "false"
                {
                    self.hidden_styles.insert(style.clone());
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), Stop> {
        if let Some(cell) = self.cell.as_mut() {
            if cell.depth > 0 {
                cell.end();
                return Ok(());
            }
            // The end of the cell itself.
            if let Some(cell) = self.cell.take() {
                self.finish_cell(cell)?;
            }
            return Ok(());
        }
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match name {
            "table:table-row" if self.row.is_some() => self.finish_row()?,
            "table:table" if self.sheet.is_some() => self.finish_sheet(),
            "style:style" => self.style = None,
            _ => {}
        }
        Ok(())
    }

    /// Places a finished cell in its row: a value (and the empty cells before it) is
    /// materialised, an empty cell only moves the column on.
    fn finish_cell(&mut self, cell: CellState) -> Result<(), Stop> {
        let (Some(row), Some(sheet)) = (self.row.as_ref(), self.sheet.as_mut()) else {
            return Ok(());
        };
        let (number, column, repeat) = (row.number, row.column, cell.repeat);
        let value = match cell.value() {
            Ok(value) => value,
            Err(formula) => {
                // Only cells a spreadsheet can hold are reported; beyond that nothing is kept.
                if number <= MAX_ROWS && column < MAX_COLUMNS {
                    let copies = repeat.saturating_mul(row.repeat).saturating_sub(1);
                    report_formula(self.file, sheet, self.found, number, column, &formula, copies);
                }
                Cell::Empty
            }
        };
        if value.is_empty() {
            if let Some(row) = self.row.as_mut() {
                row.column = row.column.saturating_add(repeat);
            }
            return Ok(());
        }
        if number > MAX_ROWS {
            return Err(past_the_last_row(
                self.location(number, column.saturating_add(1)),
                number,
            ));
        }
        let end = column.saturating_add(repeat);
        if end > MAX_COLUMNS {
            let first_past = column.max(MAX_COLUMNS) + 1;
            let at = self.location(number, first_past);
            return Err(past_the_last_column(at, first_past));
        }
        // `end` is at most 16 384, so these conversions cannot truncate.
        let (column, repeat) = (column as usize, repeat as usize);
        let gap = column.saturating_sub(self.row.as_ref().map_or(0, |r| r.cells.len()));
        self.charge((gap + repeat) as u64, repeat as u64, (number, column as u64 + 1))?;
        let Some(row) = self.row.as_mut() else {
            return Ok(());
        };
        row.cells.resize(column, Cell::Empty);
        row.cells.extend(std::iter::repeat_n(value, repeat));
        row.filled += repeat as u64;
        row.column = end;
        Ok(())
    }

    /// Adds a finished row (and the empty rows between it and the row before) to the sheet; a
    /// row without values only moves the row number on.
    fn finish_row(&mut self) -> Result<(), Stop> {
        let Some(row) = self.row.take() else {
            return Ok(());
        };
        let next = row.number.saturating_add(row.repeat);
        let previous = match self.sheet.as_mut() {
            Some(sheet) if row.cells.is_empty() => {
                sheet.next_row = next;
                return Ok(());
            }
            Some(sheet) => sheet.rows.last().map_or(0, |r| u64::from(r.number)),
            None => return Ok(()),
        };
        let last = next - 1;
        if last > MAX_ROWS {
            let first = row.cells.iter().position(|c| !c.is_empty()).unwrap_or(0);
            let at = self.location(MAX_ROWS + 1, first as u64 + 1);
            return Err(past_the_last_row(at, last));
        }
        // Rows come in order, so `previous` (the last row kept) is above this one.
        let gap = row.number - previous - 1;
        let copies = row.repeat - 1;
        self.charge(
            gap.saturating_add(copies.saturating_mul(row.cells.len() as u64)),
            copies.saturating_mul(row.filled),
            (row.number, 1),
        )?;
        let Some(sheet) = self.sheet.as_mut() else {
            return Ok(());
        };
        // Row numbers are at most 1 048 576 here, so they fit a u32.
        sheet.rows.extend((previous + 1..row.number).map(|number| Row {
            number: number as u32,
            cells: Vec::new(),
        }));
        for number in row.number..last {
            sheet.rows.push(Row {
                number: number as u32,
                cells: row.cells.clone(),
            });
        }
        sheet.rows.push(Row {
            number: last as u32,
            cells: row.cells,
        });
        sheet.next_row = next;
        Ok(())
    }

    fn finish_sheet(&mut self) {
        self.row = None;
        let Some(sheet) = self.sheet.take() else {
            return;
        };
        if sheet.formulas_unreported > 0 {
            self.found.push(
                Diagnostic::error(
                    Code::FormulaWithoutValue,
                    Location::file(format!("{} › {}", self.file, sheet.name)),
                    format!(
                        "{} more cells of sheet `{}` hold formulas without saved results",
                        sheet.formulas_unreported,
                        visible(&sheet.name, 80)
                    ),
                )
                .with_hint(RESAVE_HINT),
            );
        }
        self.sheets.push(OdsSheet {
            table: Table {
                file: self.file.to_string(),
                sheet: Some(sheet.name.clone()),
                rows: sheet.rows,
            },
            name: sheet.name,
            hidden: sheet.hidden,
        });
    }

    /// Counts cells about to be materialised against the limit, before they are; `at` is the
    /// (row, column) to name if that goes past the limit.
    fn charge(&mut self, slots: u64, filled: u64, at: (u64, u64)) -> Result<(), Stop> {
        self.slots = self.slots.saturating_add(slots);
        self.filled = self.filled.saturating_add(filled);
        let max = self.limits.max_cells;
        if self.filled > max {
            let at = self.location(at.0, at.1);
            return Err(Stop::Refused(Box::new(self.limits.cells_error(at, self.filled))));
        }
        if self.slots > max {
            return Err(Stop::Refused(Box::new(
                Diagnostic::error(
                    Code::InputTooLarge,
                    self.location(at.0, at.1),
                    format!(
                        "the sheets span more than {max} cells, the limit, counting the empty cells and rows between filled ones"
                    ),
                )
                .with_hint(format!(
                    "if the file is genuine, raise the limit, e.g. {CELLS_VARIABLE}={} dpi-assess …; otherwise delete the stray cells far below or to the right of the data",
                    max.saturating_mul(2)
                )),
            )));
        }
        Ok(())
    }

    fn location(&self, row: u64, column: u64) -> Location {
        Location::Cell {
            path: self.file.to_string(),
            sheet: self.sheet.as_ref().map(|s| s.name.clone()),
            row: u32::try_from(row).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
            header: None,
        }
    }
}

fn report_formula(
    file: &str,
    sheet: &mut SheetState,
    found: &mut Vec<Diagnostic>,
    row: u64,
    column: u64,
    formula: &str,
    copies: u64,
) {
    let cells = copies.saturating_add(1);
    if sheet.formulas_reported >= MAX_FORMULA_REPORTS {
        sheet.formulas_unreported = sheet.formulas_unreported.saturating_add(cells);
        return;
    }
    sheet.formulas_reported += 1;
    let mut message = format!(
        "the cell holds the formula `{}` but no saved result",
        show_formula(formula)
    );
    if copies > 0 {
        message.push_str(&format!(", and so do the {copies} cells it is repeated into"));
    }
    found.push(
        Diagnostic::error(
            Code::FormulaWithoutValue,
            Location::Cell {
                path: file.to_string(),
                sheet: Some(sheet.name.clone()),
                row: row as u32,
                column: column as u32 + 1,
                header: None,
            },
            message,
        )
        .with_hint(RESAVE_HINT),
    );
}

fn past_the_last_row(at: Location, row: u64) -> Stop {
    Stop::Refused(Box::new(
        Diagnostic::error(
            Code::UnsupportedInput,
            at,
            format!(
                "the sheet has a value in row {row}, past row {MAX_ROWS}, the last a spreadsheet can hold"
            ),
        )
        .with_hint(
            "no spreadsheet application writes cells there, so the file is damaged or was made by a faulty program: open it in LibreOffice Calc or Excel and save it again",
        ),
    ))
}

fn past_the_last_column(at: Location, column: u64) -> Stop {
    let letters = u32::try_from(column).map(column_letters).unwrap_or_default();
    Stop::Refused(Box::new(
        Diagnostic::error(
            Code::UnsupportedInput,
            at,
            format!(
                "the sheet has a value in column {letters} (column {column}), past column XFD ({MAX_COLUMNS}), the last a spreadsheet can hold"
            ),
        )
        .with_hint(
            "no spreadsheet application writes cells there, so the file is damaged or was made by a faulty program: open it in LibreOffice Calc or Excel and save it again",
        ),
    ))
}

/// A repeat count attribute: a positive whole number, 1 when absent. A zero or unreadable count
/// is read as 1: the element is there, so it stands for at least one row or cell.
fn count(e: &BytesStart<'_>, key: &str) -> Result<u64, Stop> {
    Ok(match e.try_get_attribute(key)? {
        Some(attr) => attr
            .value
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|&n| n > 0)
            .unwrap_or(1),
        None => 1,
    })
}

impl CellState {
    fn new(e: &BytesStart<'_>) -> Result<CellState, Stop> {
        // A merged area shows only its first cell; what is left in the cells it covers is not
        // shown, so it is not read.
        let covered = e.name().as_ref() == "table:covered-table-cell";
        let mut repeat = 1;
        let mut value_type = None;
        let mut value = None;
        let mut date_value = None;
        let mut boolean_value = None;
        let mut time_value = None;
        let mut string_value = None;
        let mut formula = None;
        let mut calc_error = false;
        for attr in e.attributes().with_checks(false) {
            let attr = attr?;
            match attr.key.as_ref() {
                "table:number-columns-repeated" => {
                    repeat = attr
                        .value
                        .trim()
                        .parse::<u64>()
                        .ok()
                        .filter(|&n| n > 0)
                        .unwrap_or(1);
                }
                "office:value-type" => value_type = Some(attr.value),
                "office:value" => value = Some(attr.value),
                "office:date-value" => date_value = Some(attr.value),
                "office:boolean-value" => boolean_value = Some(attr.value),
                "office:time-value" => {
                    time_value = Some(attr.normalized_value(XmlVersion::Implicit1_0)?.into_owned())
                }
                "office:string-value" => {
                    string_value = Some(attr.normalized_value(XmlVersion::Implicit1_0)?.into_owned())
                }
                "table:formula" => {
                    formula = Some(attr.normalized_value(XmlVersion::Implicit1_0)?.into_owned())
                }
                "calcext:value-type" => calc_error = attr.value.as_ref() == "error",
                _ => {}
            }
        }
        let number = || {
            value
                .as_deref()
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite())
        };
        let value_type = value_type.as_deref().map(str::trim);
        let typed = match value_type {
            Some("float" | "currency") => number().map(Cell::Number),
            Some("percentage") => number().map(Cell::Percent),
            Some("date") => date_value
                .as_deref()
                .map(|text| match text.get(..10).and_then(Date::parse) {
                    Some(date) => Cell::Date(date),
                    None => text_cell(text),
                }),
            Some("boolean") => {
                boolean_value
                    .as_deref()
                    .and_then(|b| match b.trim().to_ascii_lowercase().as_str() {
                        "true" | "1" => Some(Cell::Bool(true)),
                        "false" | "0" => Some(Cell::Bool(false)),
                        _ => None,
                    })
            }
            Some("string" | "time") => None,
            // No type (or one this reader does not know) but a number: read as the number.
            _ => number().map(Cell::Number),
        };
        let collect = !covered && (typed.is_none() || calc_error);
        Ok(CellState {
            covered,
            repeat,
            typed,
            string_value,
            time_value,
            formula,
            calc_error,
            is_string: value_type == Some("string"),
            collect,
            text: String::new(),
            paragraphs: 0,
            depth: 0,
            in_paragraph: false,
            skip_from: None,
        })
    }

    /// Whether text now read is the cell's displayed text.
    fn takes_text(&self) -> bool {
        self.collect && self.in_paragraph && self.skip_from.is_none()
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), Stop> {
        if self.skip_from.is_none() {
            let name = e.name();
            let name = name.as_ref();
            if self.depth == 0 {
                if name == "text:p" || name == "text:h" {
                    if self.collect && self.paragraphs > 0 {
                        self.text.push('\n');
                    }
                    self.paragraphs += 1;
                    self.in_paragraph = !empty;
                } else if !empty {
                    // Comments (office:annotation), drawings and anything else beside the
                    // paragraphs are not what the cell shows.
                    self.skip_from = Some(self.depth);
                }
            } else if self.takes_text() {
                match name {
                    "text:s" => {
                        let spaces = count(e, "text:c")?;
                        let room = MAX_EXPANDED_TEXT.saturating_sub(self.text.len());
                        let spaces = usize::try_from(spaces).unwrap_or(usize::MAX).min(room);
                        self.text.extend(std::iter::repeat_n(' ', spaces));
                    }
                    "text:tab" => self.text.push('\t'),
                    "text:line-break" => self.text.push('\n'),
                    _ if !empty
                        && (name.starts_with("draw:")
                            || name.starts_with("office:")
                            || name == "text:note") =>
                    {
                        // A drawing anchored in the text, or a note: not the cell's text.
                        self.skip_from = Some(self.depth);
                    }
                    _ => {}
                }
            }
        }
        if !empty {
            self.depth += 1;
        }
        Ok(())
    }

    fn end(&mut self) {
        self.depth -= 1;
        if self.skip_from == Some(self.depth) {
            self.skip_from = None;
        }
        if self.depth == 0 {
            self.in_paragraph = false;
        }
    }

    /// The cell's value, or the formula when it has one but no saved result.
    fn value(self) -> Result<Cell, String> {
        if self.covered {
            return Ok(Cell::Empty);
        }
        if let Some(formula) = self.formula {
            // LibreOffice writes an error result as displayed text beside an empty string value.
            let shown = match self.string_value.as_deref().map(str::trim) {
                Some(value) if !value.is_empty() => value,
                _ => self.text.trim(),
            };
            if (self.calc_error && !shown.is_empty()) || is_error_code(shown) {
                return Ok(Cell::Error(shown.into()));
            }
            let saved = self.typed.is_some()
                || self.string_value.is_some()
                || self.time_value.is_some()
                || !self.text.trim().is_empty()
                || (self.is_string && self.paragraphs > 0);
            if !saved {
                return Err(formula);
            }
        }
        if let Some(typed) = self.typed {
            return Ok(typed);
        }
        if let Some(string_value) = self.string_value {
            return Ok(owned_text_cell(string_value));
        }
        if self.text.trim().is_empty()
            && let Some(time_value) = self.time_value
        {
            return Ok(text_cell(&time_value));
        }
        Ok(owned_text_cell(self.text))
    }
}

/// Text, trimmed, as `table` reads a csv field: only spaces is nothing.
fn text_cell(text: &str) -> Cell {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(trimmed.into())
    }
}

/// [`text_cell`] without a second copy when the text needs no trimming (the usual case).
fn owned_text_cell(text: String) -> Cell {
    if text.trim().len() == text.len() && !text.is_empty() {
        Cell::Text(text.into())
    } else {
        text_cell(&text)
    }
}

/// Whether a formula's displayed result is one of the error values spreadsheets show.
fn is_error_code(text: &str) -> bool {
    const CODES: &[&str] = &[
        "#DIV/0!",
        "#REF!",
        "#NAME?",
        "#VALUE!",
        "#N/A",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#ERR!",
    ];
    if CODES.contains(&text) {
        return true;
    }
    // LibreOffice shows errors without a name as Err:502 and the like.
    text.strip_prefix("Err:")
        .is_some_and(|code| !code.is_empty() && code.len() <= 4 && code.bytes().all(|b| b.is_ascii_digit()))
}

/// A formula as the spreadsheet's formula bar shows it: without the `of:` namespace, references
/// `[.A1:.B2]` as `A1:B2`, control characters made visible and long formulas cut.
fn show_formula(formula: &str) -> String {
    let formula = match formula.split_once(':') {
        Some((prefix, rest)) if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            rest
        }
        _ => formula,
    };
    let mut shown = String::with_capacity(formula.len());
    let (mut quoted, mut in_reference, mut reference_start) = (false, false, false);
    for c in formula.chars() {
        if quoted {
            quoted = c != '"';
            shown.push(c);
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                shown.push(c);
            }
            '[' => {
                in_reference = true;
                reference_start = true;
                continue;
            }
            ']' if in_reference => in_reference = false,
            '.' if reference_start => {}
            ':' if in_reference => {
                shown.push(c);
                reference_start = true;
                continue;
            }
            _ => shown.push(c),
        }
        reference_start = false;
    }
    visible(&shown, MAX_SHOWN_FORMULA)
}

/// Text from a file made safe to print: control and direction-changing characters written as
/// escapes, and cut at `max` characters.
fn visible(text: &str, max: usize) -> String {
    let mut shown = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            shown.push('…');
            break;
        }
        match c {
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                shown.push_str(&format!("\\u{{{:04X}}}", c as u32));
            }
            c => shown.push(c),
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;
    use zip::write::SimpleFileOptions;

    const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/""#;

    /// A content.xml with these automatic styles and these `table:table` elements.
    fn content(styles: &str, tables: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3"><office:automatic-styles>{styles}</office:automatic-styles><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        )
    }

    /// A content.xml with one sheet `S` holding these rows.
    fn one_sheet(rows: &str) -> String {
        content(
            "",
            &format!(r#"<table:table table:name="S">{rows}</table:table>"#),
        )
    }

    /// An ods file as LibreOffice lays it out: mimetype first and stored, then the manifest and
    /// content.xml.
    fn ods(content: &str) -> Vec<u8> {
        ods_with(&[
            ("mimetype", SPREADSHEET_MIMETYPE),
            ("META-INF/manifest.xml", MANIFEST),
            ("content.xml", content),
        ])
    }

    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

    fn ods_with(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            let method = if *name == "mimetype" {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            };
            zip.start_file(*name, SimpleFileOptions::default().compression_method(method))
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A file in a folder of its own, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(bytes: &[u8]) -> Scratch {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static NEXT: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "dpi-assess-ods-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("in.ods"), bytes).unwrap();
            Scratch(dir)
        }

        fn path(&self) -> PathBuf {
            self.0.join("in.ods")
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            std::fs::remove_dir_all(&self.0).ok();
        }
    }

    fn read_limited(bytes: &[u8], limits: &Limits) -> (Result<Vec<OdsSheet>, Diagnostic>, Vec<Diagnostic>) {
        let scratch = Scratch::new(bytes);
        let mut found = Vec::new();
        let result = read_ods(&scratch.path(), "in.ods", limits, &mut found);
        (result, found)
    }

    fn read(bytes: &[u8]) -> (Vec<OdsSheet>, Vec<Diagnostic>) {
        let (result, found) = read_limited(bytes, &Limits::default());
        match result {
            Ok(sheets) => (sheets, found),
            Err(d) => panic!("not read: {}", render(&d)),
        }
    }

    fn refused(bytes: &[u8], limits: &Limits) -> String {
        let (result, found) = read_limited(bytes, limits);
        assert!(found.is_empty(), "{found:?}");
        match result {
            Ok(_) => panic!("read, but should have been refused"),
            Err(d) => render(&d),
        }
    }

    /// A diagnostic as the command line prints it (without colours).
    fn render(d: &Diagnostic) -> String {
        let severity = if d.is_error() { "error" } else { "warning" };
        let mut text = format!("{severity}[{}]: {}\n  --> {}", d.code, d.message, d.location);
        if let Some(hint) = &d.hint {
            text.push_str(&format!("\n  = hint: {hint}"));
        }
        text
    }

    /// The cells of the only sheet's rows, as (row number, cells).
    fn cells(rows: &str) -> Vec<(u32, Vec<Cell>)> {
        let (sheets, found) = read(&ods(&one_sheet(rows)));
        assert!(
            found.is_empty(),
            "{:?}",
            found.iter().map(render).collect::<Vec<_>>()
        );
        sheets[0]
            .table
            .rows
            .iter()
            .map(|r| (r.number, r.cells.clone()))
            .collect()
    }

    fn text(t: &str) -> Cell {
        Cell::Text(t.into())
    }

    fn date(t: &str) -> Cell {
        Cell::Date(Date::parse(t).unwrap())
    }

    #[test]
    fn percentages_keep_what_the_author_meant() {
        let rows = cells(
            r#"<table:table-row><table:table-cell office:value-type="percentage" office:value="0.85" calcext:value-type="percentage"><text:p>85%</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="1"><text:p>100%</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0.85"><text:p>0.85</text:p></table:table-cell></table:table-row>"#,
        );
        assert_eq!(
            rows,
            [(
                1,
                vec![Cell::Percent(0.85), Cell::Percent(1.0), Cell::Number(0.85)]
            )]
        );
    }

    #[test]
    fn every_value_type_is_read() {
        let rows = cells(concat!(
            r#"<table:table-row>"#,
            r#"<table:table-cell office:value-type="float" office:value="-12.5"><text:p>-12.50</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="currency" office:currency="USD" office:value="1500"><text:p>$1,500.00</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2024-06-20"><text:p>20/06/24</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2024-06-20T08:30:00"><text:p>20/06/24 08:30</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="boolean" office:boolean-value="false"><text:p>FALSE</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="time" office:time-value="PT08H30M00S"><text:p>08:30</text:p></table:table-cell>"#,
            r#"</table:table-row><table:table-row>"#,
            r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:s/>c</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="string"><text:p>first<text:line-break/>second</text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="string"><text:p>one</text:p><text:p>two</text:p><text:p/></table:table-cell>"#,
            r#"<table:table-cell office:value-type="string"><text:p><text:span text:style-name="T1">bold</text:span> and <text:a xlink:href="https://x.org">a link</text:a>&amp;&#233;<text:tab/>x</text:p></table:table-cell>"#,
            r#"<table:table-cell><text:p>  no type  </text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="string"><text:p>   </text:p></table:table-cell>"#,
            r#"<table:table-cell office:value-type="string"><office:annotation><dc:creator>Ana</dc:creator><text:p>a comment</text:p></office:annotation><text:p>shown</text:p></table:table-cell>"#,
            r#"</table:table-row>"#,
        ));
        assert_eq!(
            rows,
            [
                (
                    1,
                    vec![
                        Cell::Number(-12.5),
                        Cell::Number(1500.0),
                        date("2024-06-20"),
                        date("2024-06-20"),
                        Cell::Bool(true),
                        Cell::Bool(false),
                        text("08:30"),
                    ]
                ),
                (
                    2,
                    vec![
                        text("a   b c"),
                        text("first\nsecond"),
                        // The empty third paragraph leaves a line break, which trimming removes.
                        text("one\ntwo"),
                        text("bold and a link&é\tx"),
                        text("no type"),
                        Cell::Empty,
                        text("shown"),
                    ]
                ),
            ]
        );
    }

    #[test]
    fn formulas_with_saved_results_read_as_the_result() {
        let rows = cells(concat!(
            r#"<table:table-row>"#,
            r#"<table:table-cell table:formula="of:=[.B1]*2" office:value-type="float" office:value="4" calcext:value-type="float"><text:p>4</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=&quot;a&quot;&amp;&quot;b&quot;" office:value-type="string" office:string-value="ab" calcext:value-type="string"><text:p>ab</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=[.Z9]+" office:value-type="string" calcext:value-type="error"><text:p>Err:502</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=NA()" office:value-type="string"><text:p>#N/A</text:p></table:table-cell>"#,
            r#"<table:table-cell table:formula="of:=&quot;&quot;" office:value-type="string" office:string-value="" calcext:value-type="string"/>"#,
            r#"<table:table-cell office:value-type="string"><text:p>#N/A</text:p></table:table-cell>"#,
            r#"</table:table-row>"#,
        ));
        assert_eq!(
            rows,
            [(
                1,
                vec![
                    Cell::Number(4.0),
                    text("ab"),
                    Cell::Error("#DIV/0!".into()),
                    Cell::Error("Err:502".into()),
                    Cell::Error("#N/A".into()),
                    // A formula whose saved result is the empty string.
                    Cell::Empty,
                    // Typed text is text, even when it looks like an error.
                    text("#N/A"),
                ]
            )]
        );
    }

    #[test]
    fn a_formula_without_a_saved_result_is_reported_and_read_as_empty() {
        let bytes = ods(&one_sheet(concat!(
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell/><table:table-cell table:formula="of:=SUM([.A1:.A3])"/>"#,
            r#"<table:table-cell table:formula="of:=[$Other.B2]&amp;&quot;[.x]&#10;&quot;" office:value-type="float"/></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:formula="of:=1+1" table:number-columns-repeated="3"/></table:table-row>"#,
        )));
        let (sheets, found) = read(&bytes);
        let said: Vec<String> = found.iter().map(render).collect();
        assert_eq!(
            said,
            [
                "error[formula-without-value]: the cell holds the formula `=SUM(A1:A3)` but no saved result
  --> in.ods › S!B2 (row 2)
  = hint: open the file in LibreOffice Calc or Excel and save it, so that the result is stored with the formula",
                "error[formula-without-value]: the cell holds the formula `=$Other.B2&\"[.x]\\n\"` but no saved result
  --> in.ods › S!C2 (row 2)
  = hint: open the file in LibreOffice Calc or Excel and save it, so that the result is stored with the formula",
                "error[formula-without-value]: the cell holds the formula `=1+1` but no saved result, and so do the 5 cells it is repeated into
  --> in.ods › S!A3 (row 3)
  = hint: open the file in LibreOffice Calc or Excel and save it, so that the result is stored with the formula",
            ]
        );
        // The cells are empty, so only row 1 is left.
        let rows = &sheets[0].table.rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].cells, [Cell::Number(1.0)]);
    }

    #[test]
    fn formula_reports_are_capped_per_sheet() {
        let row = r#"<table:table-row><table:table-cell table:formula="of:=1"/><table:table-cell table:formula="of:=2" table:number-columns-repeated="4"/></table:table-row>"#;
        let (_, found) = read(&ods(&one_sheet(&row.repeat(30))));
        assert_eq!(found.len(), MAX_FORMULA_REPORTS + 1);
        // 30 rows of 5 cells, of which 10 rows are reported one element at a time (20 reports).
        assert_eq!(
            render(&found[MAX_FORMULA_REPORTS]),
            "error[formula-without-value]: 100 more cells of sheet `S` hold formulas without saved results
  --> in.ods › S
  = hint: open the file in LibreOffice Calc or Excel and save it, so that the result is stored with the formula"
        );
    }

    #[test]
    fn hidden_sheets_are_marked() {
        let styles = concat!(
            r#"<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>"#,
            r#"<style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style>"#,
        );
        let cell =
            r#"<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#;
        let tables = format!(
            r#"<table:table table:name="shown" table:style-name="ta1">{cell}</table:table><table:table table:name="lists" table:style-name="ta2">{cell}</table:table><table:table table:name="plain">{cell}</table:table>"#
        );
        let (sheets, _) = read(&ods(&content(styles, &tables)));
        let seen: Vec<(&str, bool)> = sheets.iter().map(|s| (s.name.as_str(), s.hidden)).collect();
        assert_eq!(seen, [("shown", false), ("lists", true), ("plain", false)]);
        assert_eq!(sheets[1].table.sheet.as_deref(), Some("lists"));
        assert_eq!(sheets[1].table.file, "in.ods");
    }

    #[test]
    fn empty_rows_repeated_to_the_last_row_cost_nothing() {
        let value = r#"<table:table-row><table:table-cell office:value-type="float" office:value="7"/></table:table-row>"#;
        let blank = r#"<table:table-row table:style-name="ro1" table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
        // A value, then a styled blank row repeated to the bottom of the sheet.
        let rows = cells(&format!("{value}{blank}"));
        assert_eq!(rows, [(1, vec![Cell::Number(7.0)])]);
        // Blank rows down to the last row, then a value in it: the rows between are kept as
        // empty rows (no cells), so that every row can be accounted for.
        let (sheets, _) = read(&ods(&one_sheet(&format!("{blank}{value}"))));
        let rows = &sheets[0].table.rows;
        assert_eq!(rows.len(), 1_048_576);
        assert_eq!(rows.last().map(|r| r.number), Some(1_048_576));
        assert_eq!(
            rows.last().map(|r| r.cells.clone()),
            Some(vec![Cell::Number(7.0)])
        );
        assert_eq!(rows.iter().filter(|r| !r.cells.is_empty()).count(), 1);
        assert!(rows.iter().enumerate().all(|(i, r)| r.number == i as u32 + 1));
    }

    #[test]
    fn empty_cells_repeated_across_every_column_cost_nothing() {
        let rows = cells(concat!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>c</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16381"/></table:table-row>"#,
            r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/><table:table-cell table:number-columns-repeated="16381"/></table:table-row>"#,
        ));
        assert_eq!(
            rows,
            [
                (1, vec![]),
                (2, vec![Cell::Empty, Cell::Empty, text("c")]),
                (3, vec![Cell::Number(1.0); 3]),
            ]
        );
    }

    #[test]
    fn merged_areas_keep_their_positions() {
        let rows = cells(
            r#"<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1"><text:p>wide</text:p></table:table-cell><table:covered-table-cell><text:p>hidden</text:p></table:covered-table-cell><table:table-cell><text:p>next</text:p></table:table-cell></table:table-row>"#,
        );
        assert_eq!(rows, [(1, vec![text("wide"), Cell::Empty, text("next")])]);
    }

    #[test]
    fn repeated_rows_with_values_are_expanded() {
        let rows = cells(concat!(
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell><text:p>same</text:p></table:table-cell></table:table-row>"#,
            r#"<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>"#,
            r#"<table:table-row><table:table-cell/><table:table-cell><text:p>end</text:p></table:table-cell></table:table-row>"#,
        ));
        assert_eq!(
            rows,
            [
                (1, vec![text("same")]),
                (2, vec![text("same")]),
                (3, vec![]),
                (4, vec![]),
                (5, vec![]),
                (6, vec![Cell::Empty, text("end")]),
            ]
        );
    }

    #[test]
    fn repeated_values_count_against_the_cell_limit() {
        let limits = Limits {
            max_cells: 100,
            ..Limits::default()
        };
        let bytes = ods(&one_sheet(
            r#"<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#,
        ));
        assert_eq!(
            refused(&bytes, &limits),
            "error[input-too-large]: the file holds more than 100 non-empty cells, the limit
  --> in.ods › S!B1 (row 1)
  = hint: if the file is genuine, raise the limit, e.g. DPI_ASSESS_MAX_CELLS=1001 dpi-assess …; otherwise remove the stray cells"
        );
        // A row of values repeated a billion times is refused before it is expanded.
        let bytes = ods(&one_sheet(
            r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="10"/></table:table-row>"#,
        ));
        assert_eq!(
            refused(&bytes, &Limits::default()),
            "error[input-too-large]: the file holds more than 5000000 non-empty cells, the limit
  --> in.ods › S!A1 (row 1)
  = hint: if the file is genuine, raise the limit, e.g. DPI_ASSESS_MAX_CELLS=10000000 dpi-assess …; otherwise remove the stray cells"
        );
        // Empty rows between values count too, so that many sheets of far-apart values cannot
        // fill memory with empty rows.
        let limits = Limits {
            max_cells: 1000,
            ..Limits::default()
        };
        let bytes = ods(&one_sheet(
            r#"<table:table-row><table:table-cell><text:p>top</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="5000"/><table:table-row><table:table-cell><text:p>bottom</text:p></table:table-cell></table:table-row>"#,
        ));
        assert_eq!(
            refused(&bytes, &limits),
            "error[input-too-large]: the sheets span more than 1000 cells, the limit, counting the empty cells and rows between filled ones
  --> in.ods › S!A5002 (row 5002)
  = hint: if the file is genuine, raise the limit, e.g. DPI_ASSESS_MAX_CELLS=2000 dpi-assess …; otherwise delete the stray cells far below or to the right of the data"
        );
    }

    #[test]
    fn values_past_the_last_row_or_column_are_refused() {
        let bytes = ods(&one_sheet(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/><table:table-cell table:number-columns-repeated="1000000000"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        ));
        assert_eq!(
            refused(&bytes, &Limits::default()),
            "error[unsupported-input]: the sheet has a value in column XFE (column 16385), past column XFD (16384), the last a spreadsheet can hold
  --> in.ods › S!XFE1 (row 1)
  = hint: no spreadsheet application writes cells there, so the file is damaged or was made by a faulty program: open it in LibreOffice Calc or Excel and save it again"
        );
        let bytes = ods(&one_sheet(
            r#"<table:table-row table:number-rows-repeated="1048576"/><table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#,
        ));
        assert_eq!(
            refused(&bytes, &Limits::default()),
            "error[unsupported-input]: the sheet has a value in row 1048577, past row 1048576, the last a spreadsheet can hold
  --> in.ods › S!A1048577 (row 1048577)
  = hint: no spreadsheet application writes cells there, so the file is damaged or was made by a faulty program: open it in LibreOffice Calc or Excel and save it again"
        );
        let bytes = ods(&one_sheet(
            r#"<table:table-row table:number-rows-repeated="1048570"/><table:table-row table:number-rows-repeated="4000000000"><table:table-cell/><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#,
        ));
        assert_eq!(
            refused(&bytes, &Limits::default()),
            "error[unsupported-input]: the sheet has a value in row 4001048570, past row 1048576, the last a spreadsheet can hold
  --> in.ods › S!B1048577 (row 1048577)
  = hint: no spreadsheet application writes cells there, so the file is damaged or was made by a faulty program: open it in LibreOffice Calc or Excel and save it again"
        );
    }

    #[test]
    fn spaces_asked_for_by_text_s_are_bounded() {
        let rows = cells(
            r#"<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/>b</text:p></table:table-cell></table:table-row>"#,
        );
        let Cell::Text(text) = &rows[0].1[0] else {
            panic!("{rows:?}")
        };
        assert_eq!(text.len(), MAX_EXPANDED_TEXT + 1);
        assert!(text.starts_with("a ") && text.ends_with(" b"));
    }

    #[test]
    fn a_part_declared_larger_than_the_limit_is_refused_before_unpacking() {
        let limits = Limits {
            max_unpacked_bytes: 1024 * 1024,
            ..Limits::default()
        };
        let padding = format!("<!--{}-->", " ".repeat(3 * 1024 * 1024));
        let bytes = ods(&one_sheet(&padding));
        let started = std::time::Instant::now();
        assert_eq!(
            refused(&bytes, &limits),
            "error[input-too-large]: part `content.xml` unpacks to 4 MB, more than the limit of 1 MB
  --> in.ods
  = hint: if the file is genuine, raise the limit, e.g. DPI_ASSESS_MAX_UNPACKED_MB=5 dpi-assess …; a small workbook that unpacks this far is usually damaged or hostile"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn a_part_whose_declared_size_lies_stops_at_the_limit() {
        let limits = Limits {
            max_unpacked_bytes: 1024 * 1024,
            ..Limits::default()
        };
        let padding = format!("<!--{}-->", " ".repeat(3 * 1024 * 1024));
        let mut bytes = ods(&one_sheet(&padding));
        let declared = lie_about_size(&mut bytes, "content.xml", 1000);
        assert!(declared > 3 * 1024 * 1024);
        // The zip reader itself stops at the declared size ("larger than its declared
        // uncompressed size"), so the file reads as damaged; the count in `Counted` is the second
        // line of defence, for a zip reader that would not.
        assert_eq!(
            refused(&bytes, &limits),
            "error[unsupported-input]: the file is not a valid ods spreadsheet: its `content.xml` part cannot be unpacked: the compressed data is damaged
  --> in.ods
  = hint: check that the file is a real spreadsheet saved by LibreOffice, Excel or Google Sheets, not a renamed csv or a damaged download"
        );
    }

    /// Rewrites the uncompressed size a zip declares for a part, in its local and central headers;
    /// returns the true size.
    fn lie_about_size(bytes: &mut [u8], name: &str, size: u32) -> u32 {
        let mut truth = 0;
        let name = name.as_bytes();
        for at in 0..bytes.len().saturating_sub(46) {
            let signature = &bytes[at..at + 4];
            let (size_at, name_len_at, name_at) = if signature == b"PK\x03\x04" {
                (at + 22, at + 26, at + 30)
            } else if signature == b"PK\x01\x02" {
                (at + 24, at + 28, at + 46)
            } else {
                continue;
            };
            let name_len = u16::from_le_bytes([bytes[name_len_at], bytes[name_len_at + 1]]) as usize;
            if bytes.get(name_at..name_at + name_len) == Some(name) {
                let old = &bytes[size_at..size_at + 4];
                truth = u32::from_le_bytes([old[0], old[1], old[2], old[3]]);
                bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            }
        }
        truth
    }

    #[test]
    fn counted_reader_stops_one_byte_past_the_limit() {
        let mut exact = Counted {
            inner: &[7u8; 10][..],
            read: 0,
            limit: 10,
        };
        let mut out = Vec::new();
        assert_eq!(exact.read_to_end(&mut out).unwrap(), 10);
        let mut over = Counted {
            inner: &[7u8; 11][..],
            read: 0,
            limit: 10,
        };
        assert!(over.read_to_end(&mut Vec::new()).is_err());
        assert!(over.over_limit());
    }

    #[test]
    fn files_that_are_not_ods_are_refused_in_plain_words() {
        let hint = "\n  = hint: check that the file is a real spreadsheet saved by LibreOffice, Excel or Google Sheets, not a renamed csv or a damaged download";
        let cases: Vec<(Vec<u8>, String)> = vec![
            (
                b"question_id,answer\ninf.01,3\n".to_vec(),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: it holds plain text (perhaps a csv file renamed to .ods), not the zip archive every ods file is\n  --> in.ods{hint}"),
            ),
            (
                Vec::new(),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: it is empty (0 bytes)\n  --> in.ods{hint}"),
            ),
            (
                vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13],
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: it is not a zip archive, as every ods file is\n  --> in.ods{hint}"),
            ),
            (
                vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
                "error[unsupported-input]: the file is not a valid ods spreadsheet: it is an older binary Office file (an .xls workbook, or a workbook protected by a password)\n  --> in.ods\n  = hint: open it in LibreOffice Calc or Excel, remove any password, and save it as .ods or .xlsx".to_string(),
            ),
            (
                {
                    let whole = ods(&one_sheet(""));
                    whole[..whole.len() / 2].to_vec()
                },
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: the zip archive is damaged or incomplete (no end-of-archive record)\n  --> in.ods{hint}"),
            ),
            (
                ods(&one_sheet(r#"<table:table-row><table:table-cell></table:table-row>"#)),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: its `content.xml` part is not well-formed XML: its start and end tags do not match (near byte 727)\n  --> in.ods{hint}"),
            ),
            (
                {
                    let text = one_sheet(r#"<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#);
                    let cut = text.find("</table:table-row>").unwrap() + "</table:table-row>".len();
                    ods(&text[..cut])
                },
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: its `content.xml` part is not well-formed XML: it breaks off in the middle of a sheet\n  --> in.ods{hint}"),
            ),
            (
                {
                    let text = one_sheet(r#"<table:table-row><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#);
                    ods(&text[..text.len() - 80])
                },
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: its `content.xml` part is not well-formed XML: it breaks off or has a malformed tag (near byte 764)\n  --> in.ods{hint}"),
            ),
            (
                ods(&content("", "")),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: its `content.xml` part holds no sheet\n  --> in.ods{hint}"),
            ),
            (
                ods_with(&[("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")]),
                "error[unsupported-input]: the file is not a valid ods spreadsheet: it is an Excel workbook (.xlsx) saved under an .ods name\n  --> in.ods\n  = hint: rename the file to .xlsx and list it under that name in assessment.yaml".to_string(),
            ),
            (
                ods_with(&[("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")]),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: it is an OpenDocument text document, not a spreadsheet\n  --> in.ods{hint}"),
            ),
            (
                ods_with(&[("mimetype", "application/epub+zip\u{1b}[31m"), ("content.xml", "<x/>")]),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: it is a zip archive of another kind (its mimetype is `application/epub+zip\\u{{001B}}[31m`), not a spreadsheet\n  --> in.ods{hint}"),
            ),
            (
                ods_with(&[("mimetype", SPREADSHEET_MIMETYPE), ("styles.xml", "<x/>")]),
                format!("error[unsupported-input]: the file is not a valid ods spreadsheet: the zip archive has no `content.xml`, the part that holds an ods file's sheets\n  --> in.ods{hint}"),
            ),
            (
                ods_with(&[
                    ("mimetype", SPREADSHEET_MIMETYPE),
                    ("META-INF/manifest.xml", r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="3000"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry></manifest:manifest>"#),
                    ("content.xml", "\u{7f}\u{3}binary"),
                ]),
                "error[unsupported-input]: the file is protected by a password, so its sheets cannot be read\n  --> in.ods\n  = hint: open it in LibreOffice Calc and save a copy without a password (File › Save As, with \"Save with password\" unticked)".to_string(),
            ),
        ];
        for (bytes, expected) in cases {
            let said = refused(&bytes, &Limits::default());
            assert_eq!(said, expected);
            // No debug values of the zip or XML readers reach the user.
            assert!(
                !said.contains("InvalidArchive") && !said.contains("EOCD") && !said.contains("Error"),
                "{said}"
            );
        }
    }

    #[test]
    fn formulas_are_shown_as_the_formula_bar_shows_them() {
        assert_eq!(show_formula("of:=SUM([.A1:.B3])"), "=SUM(A1:B3)");
        assert_eq!(show_formula("of:=[$Sheet2.$A$1]*2"), "=$Sheet2.$A$1*2");
        assert_eq!(show_formula("of:=\"[.A1]\"&[.C3]"), "=\"[.A1]\"&C3");
        assert_eq!(show_formula("=1+1"), "=1+1");
        assert_eq!(
            show_formula("of:=\"a\u{202E}b\u{7}\""),
            "=\"a\\u{202E}b\\u{0007}\""
        );
        let long = format!("of:={}", "1+".repeat(200));
        assert_eq!(show_formula(&long).chars().count(), MAX_SHOWN_FORMULA + 1);
        assert!(show_formula(&long).ends_with('…'));
    }

    #[test]
    fn error_codes_are_recognised() {
        for code in [
            "#DIV/0!", "#REF!", "#NAME?", "#VALUE!", "#N/A", "#NUM!", "#NULL!", "Err:502",
        ] {
            assert!(is_error_code(code), "{code}");
        }
        for text in ["", "#", "N/A", "Err:", "Err:abc", "#hashtag"] {
            assert!(!is_error_code(text), "{text}");
        }
    }

    /// The sample workspace's ods reads as calamine reads it today, apart from the percentage
    /// cells calamine reads as bare numbers.
    #[test]
    fn the_sample_ods_reads_as_calamine_reads_it() {
        use calamine::{Data, Reader as _};
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/kalindra-2024-ods/inputs.ods");
        let mut found = Vec::new();
        let ours = read_ods(&path, "inputs.ods", &Limits::default(), &mut found)
            .map_err(|d| render(&d))
            .unwrap();
        assert!(found.is_empty());
        let mut workbook = calamine::open_workbook_auto(&path).unwrap();
        let names = workbook.sheet_names();
        assert_eq!(ours.iter().map(|s| s.name.clone()).collect::<Vec<_>>(), names);
        let convert = |data: &Data| match data {
            Data::Empty => Cell::Empty,
            Data::String(text) => text_cell(text),
            Data::Float(number) => Cell::Number(*number),
            Data::Int(number) => Cell::Number(*number as f64),
            Data::Bool(value) => Cell::Bool(*value),
            Data::DateTimeIso(text) => match text.get(..10).and_then(Date::parse) {
                Some(date) => Cell::Date(date),
                None => text_cell(text),
            },
            Data::DurationIso(text) => text_cell(text),
            Data::Error(error) => Cell::Error(error.to_string().into()),
            Data::DateTime(value) => Cell::Number(value.as_f64()),
        };
        // Rows as (number, cells without trailing empty ones), non-empty rows only.
        let trimmed = |number: u32, cells: Vec<Cell>| {
            let keep = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
            (number, cells[..keep].to_vec())
        };
        let mut cells_compared = 0;
        for sheet in &ours {
            let range = workbook.worksheet_range(&sheet.name).unwrap();
            let mut theirs = Vec::new();
            if let Some((first_row, first_column)) = range.start() {
                for (offset, row) in range.rows().enumerate() {
                    let mut cells = vec![Cell::Empty; first_column as usize];
                    cells.extend(row.iter().map(convert));
                    theirs.push(trimmed(first_row + offset as u32 + 1, cells));
                }
            }
            theirs.retain(|(_, cells)| !cells.is_empty());
            let mine: Vec<(u32, Vec<Cell>)> = sheet
                .table
                .rows
                .iter()
                .filter(|r| !r.cells.is_empty())
                .map(|r| {
                    let cells = r.cells.iter().map(|c| match c {
                        Cell::Percent(fraction) => Cell::Number(*fraction),
                        other => other.clone(),
                    });
                    trimmed(r.number, cells.collect())
                })
                .collect();
            cells_compared += mine.iter().map(|(_, c)| c.len()).sum::<usize>();
            assert_eq!(mine, theirs, "sheet {}", sheet.name);
        }
        assert!(cells_compared > 100, "only {cells_compared} cells");
    }
}
