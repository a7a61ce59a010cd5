//! Reading input files into plain tables of typed cells.
//!
//! In: a csv file (or the bytes of one, such as a csv inside an export zip), or one sheet of a
//! workbook (xlsx, xls, xlsb, ods). Out: a [`Table`] whose rows
//! carry their 1-based spreadsheet row numbers and whose cells are numbers, text (trimmed), dates,
//! booleans or spreadsheet errors, so later stages never see calamine's or csv's types.
//! Not here: finding the header or reading values against columns (see `columns` and `values`).
//!
//! Csv files are decoded leniently: UTF-8 with or without a byte-order mark, UTF-16 (what Excel's
//! "Unicode text" writes) and, when the bytes are not UTF-8, Windows-1252 (Latin-1 with the
//! Windows extras) — each of the last two with a warning, since a guessed encoding deserves a look.
//! The separator is `,`, `;` (Excel in many European locales) or a tab, whichever the first
//! non-empty line uses most.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::Date;

/// One cell, typed. Texts are shared (`Arc<str>`): a workbook's shared string, say an owner
/// repeated on ten thousand rows, is held once, and a cell is 24 bytes, which is what a large
/// inventory's table costs per cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (or only spaces).
    Empty,
    /// Text, trimmed.
    Text(Arc<str>),
    /// A number (spreadsheets store every number as a float).
    Number(f64),
    /// A number shown as a percentage (a `0%` number format in xlsx, a `percentage` cell in
    /// ods), holding what the file stores: 0.85 for a cell that shows 85 %.
    Percent(f64),
    /// A boolean cell.
    Bool(bool),
    /// A date (from a date-formatted cell or an ISO date in ods).
    Date(Date),
    /// A spreadsheet error such as `#REF!`.
    Error(Box<str>),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a person would read it: numbers without a trailing `.0`, dates as ISO.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.to_string(),
            Cell::Number(number) => format_number(*number),
            Cell::Percent(fraction) => format!("{}%", format_number(percent_of(*fraction))),
            Cell::Bool(true) => "TRUE".to_string(),
            Cell::Bool(false) => "FALSE".to_string(),
            Cell::Date(date) => date.to_string(),
            Cell::Error(error) => error.to_string(),
        }
    }

    /// A text cell, trimmed; only spaces is empty.
    pub fn from_text(text: &str) -> Cell {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(trimmed.into())
        }
    }

    /// A text cell from a text shared by many cells (a workbook's shared string): the same
    /// allocation when the text needs no trimming, as it almost never does.
    pub fn from_shared(text: &Arc<str>) -> Cell {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            Cell::Empty
        } else if trimmed.len() == text.len() {
            Cell::Text(Arc::clone(text))
        } else {
            Cell::Text(trimmed.into())
        }
    }
}

/// The percentage a stored fraction shows (0.85 → 85), shifted in decimal rather than multiplied
/// in binary, so that 0.07 shows 7 and not 7.000000000000001.
pub fn percent_of(fraction: f64) -> f64 {
    let text = format!("{fraction:e}");
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return fraction * 100.0;
    };
    let shifted = exponent.parse::<i32>().map(|e| format!("{mantissa}e{}", e + 2));
    shifted
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(fraction * 100.0)
}

/// A number as a person writes it: `12`, not `12.0`; `0.45` as is.
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row number as the spreadsheet (or the csv line) shows it.
    pub number: u32,
    /// Cells from column A; index 0 is column 1.
    pub cells: Vec<Cell>,
}

impl Row {
    /// Whether every cell is empty.
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }

    /// The cell at a 0-based column index (empty past the end).
    pub fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }
}

/// A csv file or a workbook sheet, every row from the first to the last non-empty one.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File as named in the workspace.
    pub file: String,
    /// Sheet name (workbooks only).
    pub sheet: Option<String>,
    /// Rows in order, including empty ones, so that every row can be accounted for.
    pub rows: Vec<Row>,
}

impl Table {
    /// Location of a cell, for diagnostics.
    pub fn cell_location(&self, row: u32, column: usize, header: Option<&str>) -> Location {
        Location::Cell {
            path: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: column as u32 + 1,
            header: header.map(str::to_string),
        }
    }
}

/// Reads a csv file. Problems with the file as a whole (unreadable, empty) are errors; a guessed
/// encoding is a warning pushed to `found`.
pub fn read_csv(path: &Path, file: &str, found: &mut Vec<Diagnostic>) -> Option<Table> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            found.push(Diagnostic::error(
                Code::Io,
                Location::file(file),
                format!("cannot read the file: {err}"),
            ));
            return None;
        }
    };
    read_csv_bytes(&bytes, file, None, found)
}

/// Reads csv text from bytes: a csv file's content, or (with `entry`) one csv file inside an
/// archive such as ODK Central's export zip, whose cells are then located as
/// `file › entry`. Same checks and warnings as [`read_csv`].
pub fn read_csv_bytes(
    bytes: &[u8],
    file: &str,
    entry: Option<&str>,
    found: &mut Vec<Diagnostic>,
) -> Option<Table> {
    let whole = match entry {
        Some(entry) => format!("{file} › {entry}"),
        None => file.to_string(),
    };
    let (text, encoding) = decode(bytes);
    let text = unify_line_breaks(text);
    if let Some(encoding) = encoding {
        found.push(
            Diagnostic::warning(
                Code::InputEncoding,
                Location::file(&whole),
                format!("the file is not UTF-8; it was read as {encoding}"),
            )
            .with_hint("check that accented names read correctly, and save the file as \"CSV UTF-8\" to avoid the guess"),
        );
    }
    if text.trim().is_empty() {
        found.push(empty_input(&whole, None));
        return None;
    }
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // The csv reader passes over blank lines, and a record's position is where the reader began
    // looking for it (before those blank lines). Lines are therefore counted here from byte
    // offsets, so that blank lines come back as empty rows and every row number is the line a
    // text editor shows.
    let bytes = text.as_bytes();
    let (mut cursor_byte, mut cursor_line) = (0usize, 1u64);
    let mut next_line: u64 = 1;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = err.position().map(|p| p.line()).unwrap_or(next_line);
                found.push(Diagnostic::error(
                    Code::UnsupportedInput,
                    Location::Cell {
                        path: file.to_string(),
                        sheet: entry.map(str::to_string),
                        row: line as u32,
                        column: 1,
                        header: None,
                    },
                    format!("the csv cannot be read from this line on: {err}"),
                ));
                return None;
            }
        };
        let mut start = record
            .position()
            .map(|p| p.byte() as usize)
            .unwrap_or(cursor_byte);
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        let start = start.max(cursor_byte).min(bytes.len());
        cursor_line += bytes[cursor_byte..start].iter().filter(|&&b| b == b'\n').count() as u64;
        cursor_byte = start;
        for blank in next_line..cursor_line {
            rows.push(Row {
                number: blank as u32,
                cells: Vec::new(),
            });
        }
        let newlines: usize = record.iter().map(|f| f.matches('\n').count()).sum();
        rows.push(Row {
            number: cursor_line as u32,
            cells: record.iter().map(Cell::from_text).collect(),
        });
        next_line = cursor_line + 1 + newlines as u64;
    }
    trim_trailing_empty(&mut rows);
    Some(Table {
        file: file.to_string(),
        sheet: entry.map(str::to_string),
        rows,
    })
}

/// The error for a file or sheet without any content.
pub fn empty_input(file: &str, sheet: Option<&str>) -> Diagnostic {
    let what = match sheet {
        Some(sheet) => format!("sheet `{sheet}` is empty"),
        None => "the file is empty".to_string(),
    };
    Diagnostic::error(Code::EmptyInput, Location::file(file), what)
        .with_hint("write the template's header row and at least one row below it, or remove the file from assessment.yaml")
}

/// Text from bytes, and the name of the encoding when it was not plain UTF-8.
fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), None);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return (decode_utf16(rest, false), Some("UTF-16 (little-endian)"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return (decode_utf16(rest, true), Some("UTF-16 (big-endian)"));
    }
    // UTF-16 without a byte-order mark: ASCII text then has a zero in every other byte.
    let zeros_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = bytes.len() / 2;
    if half >= 2 && zeros_odd * 10 >= half * 3 && zeros_even == 0 {
        return (decode_utf16(bytes, false), Some("UTF-16 (little-endian)"));
    }
    if half >= 2 && zeros_even * 10 >= half * 3 && zeros_odd == 0 {
        return (decode_utf16(bytes, true), Some("UTF-16 (big-endian)"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => (decode_windows_1252(bytes), Some("Windows-1252 (Latin-1)")),
    }
}

/// Line breaks as `\n` only. Excel for Mac's "CSV (Macintosh)" ends lines with a lone `\r`,
/// Windows with `\r\n`, and a file edited on both may mix them; the csv reader would take a lone
/// `\r` file as one line, and row numbers would not be the lines an editor shows. Inside quoted
/// cells too, so that a multi-line cell reads the same whichever convention wrote it.
fn unify_line_breaks(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// UTF-16 without its byte-order mark, by encoding_rs (calamine's and quick-xml's decoder):
/// an unpaired surrogate or a last odd byte becomes U+FFFD rather than vanishing.
fn decode_utf16(bytes: &[u8], big_endian: bool) -> String {
    let encoding = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Windows-1252 as the WHATWG Encoding Standard defines it (Latin-1 except 0x80..0x9F, which
/// hold curly quotes, dashes, € and a few letters), by encoding_rs.
fn decode_windows_1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The separator of the file: the one the first non-empty line uses most, outside quotes —
/// unless another separator splits the first lines into equally many fields while that one does
/// not (a KoboToolbox export separated by `;` whose labels hold commas).
///
/// A last line without a line break after it may have been cut off in transfer, so it only needs
/// no more fields than the header. When several separators fit, the one the lines below the
/// header use most wins: a separator that the header's labels hold but the data rows never do
/// is not the file's.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(6).collect();
    let line = lines.first().copied().unwrap_or("");
    let counts = delimiter_counts(line);
    // Ties (including no separator at all) go to the comma.
    let first = counts
        .iter()
        .fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best })
        .0;
    if lines.len() < 2 {
        return first;
    }
    // Whether the last line read may be a cut one: the file ends inside it.
    let last_may_be_cut = !text.ends_with('\n')
        && text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .nth(lines.len())
            .is_none();
    let count_of = |line: &str, delimiter: u8| {
        delimiter_counts(line)
            .iter()
            .find(|(d, _)| *d == delimiter)
            .map_or(0, |(_, n)| *n)
    };
    let consistent = |delimiter: u8| {
        let in_header = count_of(lines[0], delimiter);
        in_header > 0
            && lines.iter().enumerate().skip(1).all(|(i, l)| {
                let n = count_of(l, delimiter);
                if last_may_be_cut && i == lines.len() - 1 {
                    n <= in_header
                } else {
                    n == in_header
                }
            })
    };
    let below_header = |delimiter: u8| -> usize { lines[1..].iter().map(|l| count_of(l, delimiter)).sum() };
    let fitting: Vec<u8> = counts
        .iter()
        .map(|(d, _)| *d)
        .filter(|d| consistent(*d))
        .collect();
    match fitting.as_slice() {
        [] => first,
        [only] => *only,
        several
            if several.contains(&first)
                && several.iter().all(|d| below_header(*d) <= below_header(first)) =>
        {
            first
        }
        several => several
            .iter()
            .copied()
            .max_by_key(|d| {
                (
                    below_header(*d),
                    counts.iter().find(|(c, _)| c == d).map_or(0, |(_, n)| *n),
                )
            })
            .unwrap_or(first),
    }
}

/// How often each candidate separator occurs in a line, outside quotes.
fn delimiter_counts(line: &str) -> [(u8, usize); 3] {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
            entry.1 += 1;
        }
    }
    counts
}

/// Puts a cell at (row, column), both 1-based, adding the empty rows before it: a reader of a
/// sparse sheet calls it for each cell present, so only those cost memory (an empty row is an
/// empty vector). Cells may come in any order.
pub fn place(rows: &mut Vec<Row>, row: u32, column: u32, cell: Cell) {
    let last = rows.last().map_or(0, |r| r.number);
    if row > last {
        // A new row is usually as wide as the one before: room for that many cells at once saves
        // the Vec's doublings, which left a 16-cell allocation behind every 11-column row.
        let width = rows.last().map_or(0, |r| r.cells.len());
        rows.extend((last + 1..=row).map(|number| Row {
            number,
            cells: if number == row {
                Vec::with_capacity(width)
            } else {
                Vec::new()
            },
        }));
    }
    // Rows are numbered 1, 2, … without gaps, so a row's index is its number minus one.
    let cells = &mut rows[row as usize - 1].cells;
    let column = column as usize - 1;
    if cells.len() <= column {
        cells.resize(column + 1, Cell::Empty);
    }
    cells[column] = cell;
}

/// Drops the empty rows at the end of a table.
pub fn trim_trailing_empty(rows: &mut Vec<Row>) {
    while rows.last().is_some_and(Row::is_empty) {
        rows.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_other_encodings_is_read_whole() {
        // UTF-16 with its mark, a lone surrogate and an odd last byte: nothing vanishes.
        let mut le = vec![0xFF, 0xFE];
        for unit in "id,name\n1,Zoë".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&le),
            ("id,name\n1,Zoë".to_string(), Some("UTF-16 (little-endian)"))
        );
        let units = [0x0041u16, 0xD800, 0x0042];
        let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).chain([0x43]).collect();
        assert_eq!(decode_utf16(&be, true), "A\u{FFFD}B\u{FFFD}");
        // Windows-1252's letters and punctuation in 0x80..0x9F, Latin-1 above.
        assert_eq!(
            decode(b"caf\xe9 \x80 \x93quoted\x94 \x8a"),
            ("café € “quoted” Š".to_string(), Some("Windows-1252 (Latin-1)"))
        );
    }

    #[test]
    fn cells_are_placed_with_the_empty_rows_before_them() {
        let mut rows = Vec::new();
        place(&mut rows, 3, 2, Cell::Number(1.0));
        place(&mut rows, 1, 1, Cell::Text("a".into()));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].cells, vec![Cell::Text("a".into())]);
        assert!(rows[1].is_empty());
        assert_eq!(rows[2].cells, vec![Cell::Empty, Cell::Number(1.0)]);
    }

    #[test]
    fn percentages_are_shifted_in_decimal() {
        assert_eq!(percent_of(0.85), 85.0);
        assert_eq!(percent_of(0.07), 7.0);
        assert_eq!(percent_of(1.0), 100.0);
        assert_eq!(percent_of(0.123), 12.3);
        assert_eq!(percent_of(0.0), 0.0);
        assert_eq!(percent_of(-0.5), -50.0);
        assert_eq!(Cell::Percent(0.07).display(), "7%");
        assert_eq!(Cell::Percent(1.0).display(), "100%");
    }

    #[test]
    fn encodings_are_recognised() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b"), ("a,b".to_string(), None));
        let utf16: Vec<u8> = "é,b".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&utf16).0, "é,b");
        let no_bom: Vec<u8> = "name,owner".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(&no_bom),
            ("name,owner".to_string(), Some("UTF-16 (big-endian)"))
        );
        assert_eq!(
            decode(b"Sant\xe9 \x80"),
            ("Santé €".to_string(), Some("Windows-1252 (Latin-1)"))
        );
    }

    #[test]
    fn separators_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("\"x;y\",b\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
        // More commas than semicolons on the header, but only `;` splits every line alike.
        assert_eq!(sniff_delimiter("a, b;c, d, e;f\n1;2;3\n4;5;6"), b';');
        // A cut last line (no line break after it) needs only no more fields than the header.
        assert_eq!(sniff_delimiter("a, b;c, d, e;f\n1;2;3\n4;5"), b';');
        assert_eq!(sniff_delimiter("a, b;c, d, e;f\n1;2"), b';');
        // A complete last line must match the header.
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n4,5\n"), b',');
        // Both fit the header and the rows: the one the rows use most.
        assert_eq!(sniff_delimiter("a,b;c;d\n1,2;3;4\n"), b';');
    }

    #[test]
    fn carriage_returns_end_lines_as_editors_show_them() {
        let dir = std::env::temp_dir().join(format!("dpi-assess-cr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        let read = |bytes: &str| {
            std::fs::write(&path, bytes).unwrap();
            let table = read_csv(&path, "t.csv", &mut Vec::new()).unwrap();
            table
                .rows
                .iter()
                .map(|r| {
                    (
                        r.number,
                        r.cells.iter().map(Cell::display).collect::<Vec<_>>().join("|"),
                    )
                })
                .collect::<Vec<_>>()
        };
        let expected = vec![
            (1, "a|b".to_string()),
            (2, String::new()),
            (3, "multi\nline|2".to_string()),
            (5, "3|4".to_string()),
        ];
        // Classic Mac (CR only), Windows (CRLF), Unix (LF), and all three in one file; the quoted
        // cell's own line break in each convention too.
        assert_eq!(read("a,b\r\r\"multi\rline\",2\r3,4\r"), expected);
        assert_eq!(read("a,b\r\n\r\n\"multi\r\nline\",2\r\n3,4\r\n"), expected);
        assert_eq!(read("a,b\n\n\"multi\nline\",2\n3,4\n"), expected);
        assert_eq!(read("a,b\r\n\r\"multi\nline\",2\r3,4"), expected);
        // A semicolon file in CR only is still sniffed as one.
        assert_eq!(read("a;b\r1,5;2\r")[1], (2, "1,5|2".to_string()));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn csv_blank_lines_are_kept_as_empty_rows() {
        let dir = std::env::temp_dir().join(format!("dpi-assess-table-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        std::fs::write(&path, "a,b\n\n\"multi\nline\",2\n\n3,4\n\n").unwrap();
        let table = read_csv(&path, "t.csv", &mut Vec::new()).unwrap();
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 5, 6]);
        assert!(table.rows[1].is_empty());
        assert_eq!(table.rows[2].cells[0], Cell::Text("multi\nline".into()));
        std::fs::remove_dir_all(&dir).ok();
    }
}
