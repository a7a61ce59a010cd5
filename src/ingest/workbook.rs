//! Workbooks of any supported kind behind one face: their sheets (name, hidden or not) and each
//! sheet as a [`Table`].
//!
//! In: the path of an xlsx, xlsm, ods, xls or xlsb file and the [`Limits`]. Out: a [`Workbook`],
//! or one located error when the file cannot be opened; cell problems (a formula without a saved
//! result) are pushed to the caller's list as each sheet is read. Not here: which sheets hold
//! answers or inventories (see `ingest`), or what cells mean.
//!
//! xlsx is read by our own streaming reader (`xlsx`), ods by `ods`; the old binary formats go
//! through calamine, cell by cell for xlsb and as a range for xls, whose sheets cannot be larger
//! than 65 536 × 256.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, DataRef, Reader};

use super::limits::Limits;
use super::ods::{OdsSheet, read_ods};
use super::table::{Cell, Row, Table, place, trim_trailing_empty};
use super::xlsx::XlsxBook;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::Date;

/// One sheet as the workbook lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetInfo {
    /// The name on the sheet's tab.
    pub name: String,
    /// Hidden by its author.
    pub hidden: bool,
}

enum Backend {
    Xlsx(XlsxBook),
    /// An ods file is one XML part holding every sheet, so it is read whole when opened.
    Ods(Vec<OdsSheet>),
    Binary(calamine::Sheets<BufReader<File>>),
}

/// An open workbook.
pub struct Workbook {
    file: String,
    sheets: Vec<SheetInfo>,
    backend: Backend,
    limits: Limits,
}

impl Workbook {
    /// Opens a workbook; a file that is not one, or is past a limit, is an error naming the cause.
    /// Problems inside cells found while opening (ods is read whole) are pushed to `found`.
    pub fn open(
        path: &Path,
        file: &str,
        limits: &Limits,
        found: &mut Vec<Diagnostic>,
    ) -> Result<Workbook, Diagnostic> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let (sheets, backend) = match extension.as_str() {
            "xlsx" | "xlsm" => {
                let book = XlsxBook::open(path, file, limits)?;
                let sheets = book
                    .sheets()
                    .iter()
                    .map(|s| SheetInfo {
                        name: s.name.clone(),
                        hidden: s.hidden,
                    })
                    .collect();
                (sheets, Backend::Xlsx(book))
            }
            "ods" => {
                let read = read_ods(path, file, limits, found)?;
                let sheets = read
                    .iter()
                    .map(|s| SheetInfo {
                        name: s.name.clone(),
                        hidden: s.hidden,
                    })
                    .collect();
                (sheets, Backend::Ods(read))
            }
            _ => {
                let book =
                    calamine::open_workbook_auto(path).map_err(|err| binary_error(file, &err.to_string()))?;
                let sheets = book
                    .sheets_metadata()
                    .iter()
                    .map(|s| SheetInfo {
                        name: s.name.clone(),
                        hidden: !matches!(s.visible, calamine::SheetVisible::Visible),
                    })
                    .collect();
                (sheets, Backend::Binary(book))
            }
        };
        Ok(Workbook {
            file: file.to_string(),
            sheets,
            backend,
            limits: *limits,
        })
    }

    /// The sheets in workbook order.
    pub fn sheets(&self) -> &[SheetInfo] {
        &self.sheets
    }

    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|s| s.name.clone()).collect()
    }

    /// The sheet matching `wanted` across case and surrounding spaces.
    pub fn find_sheet(&self, wanted: &str) -> Option<&SheetInfo> {
        self.sheets
            .iter()
            .find(|sheet| sheet.name.trim().eq_ignore_ascii_case(wanted.trim()))
    }

    /// Reads one sheet into a table.
    pub fn table(&mut self, sheet: &str, found: &mut Vec<Diagnostic>) -> Result<Table, Diagnostic> {
        let file = self.file.clone();
        match &mut self.backend {
            Backend::Xlsx(book) => book.table(sheet, found),
            Backend::Ods(sheets) => {
                let index = sheets.iter().position(|s| s.name == sheet).ok_or_else(|| {
                    Diagnostic::error(
                        Code::MissingSheet,
                        Location::file(&file),
                        format!("sheet `{sheet}` is not in the workbook"),
                    )
                })?;
                // Each sheet is read once; hand it over rather than copy it.
                let empty = Table {
                    file: file.clone(),
                    sheet: Some(sheet.to_string()),
                    rows: Vec::new(),
                };
                Ok(std::mem::replace(&mut sheets[index].table, empty))
            }
            Backend::Binary(book) => binary_table(book, &file, sheet, &self.limits),
        }
    }
}

fn binary_error(file: &str, why: &str) -> Diagnostic {
    // calamine's messages for the binary formats are plain sentences, but may end in a debug
    // value; keep the words before it.
    let why = why.split(['(', '{']).next().unwrap_or(why).trim();
    Diagnostic::error(
        Code::UnsupportedInput,
        Location::file(file),
        format!("cannot be opened as a workbook: {why}"),
    )
    .with_hint("check that the file is a real spreadsheet saved by Excel, LibreOffice or Google Sheets, not a renamed csv or a damaged download")
}

/// A sheet of an xls or xlsb file.
fn binary_table(
    book: &mut calamine::Sheets<BufReader<File>>,
    file: &str,
    sheet: &str,
    limits: &Limits,
) -> Result<Table, Diagnostic> {
    let unreadable = |err: String| binary_error(file, &format!("sheet `{sheet}` cannot be read: {err}"));
    let mut rows: Vec<Row> = Vec::new();
    let mut cells: u64 = 0;
    let mut put = |row: u32, column: u32, cell: Cell| -> Result<(), Diagnostic> {
        if cell.is_empty() {
            return Ok(());
        }
        cells += 1;
        if cells > limits.max_cells {
            return Err(limits.cells_error(Location::file(file), cells));
        }
        place(&mut rows, row + 1, column + 1, cell);
        Ok(())
    };
    match book {
        // xlsb sheets can declare any size: read only the cells present.
        calamine::Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb
                .worksheet_cells_reader(sheet)
                .map_err(|e| unreadable(e.to_string()))?;
            while let Some(cell) = reader.next_cell().map_err(|e| unreadable(e.to_string()))? {
                let (row, column) = cell.get_position();
                put(row, column, convert_ref(cell.get_value()))?;
            }
        }
        // An xls sheet is at most 65 536 × 256 cells, so its range stays bounded.
        other => {
            let range = other
                .worksheet_range(sheet)
                .map_err(|e| unreadable(e.to_string()))?;
            for (row, column, data) in range.used_cells() {
                put(row as u32, column as u32, convert(data))?;
            }
        }
    }
    trim_trailing_empty(&mut rows);
    Ok(Table {
        file: file.to_string(),
        sheet: Some(sheet.to_string()),
        rows,
    })
}

/// A calamine value as a typed cell.
pub(crate) fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::from_text(text),
        Data::Float(number) => Cell::Number(*number),
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Bool(value) => Cell::Bool(*value),
        Data::DateTime(value) => date_time(value),
        Data::DateTimeIso(text) => iso_date(text),
        Data::DurationIso(text) => Cell::from_text(text),
        Data::Error(error) => Cell::Error(error.to_string().into()),
    }
}

fn convert_ref(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(text) => Cell::from_text(text),
        DataRef::SharedString(text) => Cell::from_text(text),
        DataRef::Float(number) => Cell::Number(*number),
        DataRef::Int(number) => Cell::Number(*number as f64),
        DataRef::Bool(value) => Cell::Bool(*value),
        DataRef::DateTime(value) => date_time(value),
        DataRef::DateTimeIso(text) => iso_date(text),
        DataRef::DurationIso(text) => Cell::from_text(text),
        DataRef::Error(error) => Cell::Error(error.to_string().into()),
    }
}

fn date_time(value: &calamine::ExcelDateTime) -> Cell {
    if value.is_datetime() {
        // Works for the 1900 and 1904 epochs; the time of day is dropped on purpose.
        let (year, month, day, ..) = value.to_ymd_hms_milli();
        Cell::Date(Date {
            year: i32::from(year),
            month,
            day,
        })
    } else {
        Cell::Number(value.as_f64())
    }
}

fn iso_date(text: &str) -> Cell {
    match text.get(..10).and_then(Date::parse) {
        Some(date) => Cell::Date(date),
        None => Cell::from_text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn calamine_values_become_typed_cells() {
        let date = Date::parse("2024-06-20").unwrap();
        let formatted = ExcelDateTime::new(45463.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(convert(&Data::DateTime(formatted)), Cell::Date(date));
        let epoch_1904 = ExcelDateTime::new(45463.0 - 1462.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(convert(&Data::DateTime(epoch_1904)), Cell::Date(date));
        assert_eq!(convert(&Data::DateTimeIso("2024-06-20".into())), Cell::Date(date));
        assert_eq!(
            convert(&Data::DateTimeIso("2024-06-20T08:30:00".into())),
            Cell::Date(date)
        );
        assert_eq!(convert(&Data::Float(42.0)), Cell::Number(42.0));
        assert_eq!(
            convert(&Data::String("  padded  ".into())),
            Cell::Text("padded".into())
        );
        assert_eq!(convert(&Data::String("   ".into())), Cell::Empty);
        assert_eq!(
            convert(&Data::Error(CellErrorType::Div0)),
            Cell::Error("#DIV/0!".into())
        );
    }
}
