//! Limits on single cells of an input table that hold whatever the file holds, so that every
//! value read can also be written back into a spreadsheet.
//!
//! In: a [`Table`] as read from a csv file or a workbook sheet. Out: one located `text-too-long`
//! error for each text cell longer than a spreadsheet cell can hold. Pure: no I/O, and the table
//! is left as it is. Not here: what the cells mean (see `columns`, `values`, `answers`) or limits
//! on whole files (see `limits`).
//!
//! Why refuse at ingest: Excel and LibreOffice hold at most 32,767 characters in a cell, so such a
//! text cannot survive the report's workbook, and a text that long in a comment or evidence cell
//! is almost always a paste accident. Refusing it here, with its cell, lets the author fix it
//! before anything is scored or written.

use super::table::{Cell, Table};
use crate::diagnostics::{Code, Diagnostic, Location};
pub use crate::diagnostics::{excerpt, grouped};
pub use crate::model::{MAX_CELL_TEXT, spreadsheet_length};

/// The header row is looked for among this many first rows, as `columns::find_header` does.
const HEADER_ROWS: usize = 30;

/// Pushes a `text-too-long` error for every text cell of `table` over [`MAX_CELL_TEXT`].
pub fn check_text_lengths(table: &Table, found: &mut Vec<Diagnostic>) {
    let header = header_row(table);
    for row in &table.rows {
        for (column, cell) in row.cells.iter().enumerate() {
            let Cell::Text(text) = cell else { continue };
            // A text has no more UTF-16 units than UTF-8 bytes, so a short one needs no count:
            // this runs for every text cell of a national inventory.
            if text.len() <= MAX_CELL_TEXT {
                continue;
            }
            let length = spreadsheet_length(text);
            if length <= MAX_CELL_TEXT {
                continue;
            }
            let name = header
                .filter(|h| h.number < row.number)
                .and_then(|h| match h.cell(column) {
                    Cell::Text(name) if spreadsheet_length(name) <= 100 => Some(&**name),
                    _ => None,
                });
            found.push(too_long(
                table.cell_location(row.number, column, name),
                length,
                text,
            ));
        }
    }
}

/// The row that names the columns, for the location of an error: the first of the first rows with
/// two or more cells, every one of them text. The check runs before the header is found against
/// the input's columns, and this guess only labels the location; it decides nothing.
fn header_row(table: &Table) -> Option<&super::table::Row> {
    table.rows.iter().take(HEADER_ROWS).find(|row| {
        let filled: Vec<&Cell> = row.cells.iter().filter(|c| !c.is_empty()).collect();
        filled.len() >= 2 && filled.iter().all(|c| matches!(c, Cell::Text(_)))
    })
}

fn too_long(location: Location, length: usize, text: &str) -> Diagnostic {
    Diagnostic::error(
        Code::TextTooLong,
        location,
        format!(
            "the text is {} characters long, more than the {} a spreadsheet cell can hold; it begins \"{}\"",
            grouped(length),
            grouped(MAX_CELL_TEXT),
            excerpt(text)
        ),
    )
    .with_hint("shorten it, or put the long text in an evidence document and give its link or file name here")
}

#[cfg(test)]
mod tests {
    use super::super::table::Row;
    use super::*;

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            file: "answers.csv".into(),
            sheet: None,
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i as u32 + 1,
                    cells,
                })
                .collect(),
        }
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn a_cell_at_the_limit_passes_and_one_over_it_is_located_with_its_header() {
        let at_limit = "a".repeat(MAX_CELL_TEXT);
        let over = format!("Evidence\tpasted\n{}", "b".repeat(MAX_CELL_TEXT));
        let table = table(vec![
            vec![text("question_id"), text("answer"), text("comment")],
            vec![text("inf.09"), Cell::Number(3.0), text(&at_limit)],
            vec![text("inf.10"), Cell::Number(2.0), text(&over)],
        ]);
        let mut found = Vec::new();
        check_text_lengths(&table, &mut found);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.code, Code::TextTooLong);
        assert_eq!(
            d.location.to_string(),
            "answers.csv › C3 (row 3, column \"comment\")"
        );
        assert_eq!(
            d.message,
            "the text is 32,783 characters long, more than the 32,767 a spreadsheet cell can hold; it begins \"Evidence pasted bbbbbbbbbbbbbbbbbbbbbbbb…\""
        );
    }

    #[test]
    fn length_is_counted_in_utf16_units_as_excel_does() {
        // 16,384 emoji are 32,768 UTF-16 units: one over the limit, though only 16,384 characters.
        let emoji = "😀".repeat(16_384);
        assert_eq!(spreadsheet_length(&emoji), 32_768);
        let table = table(vec![vec![text(&emoji)]]);
        let mut found = Vec::new();
        check_text_lengths(&table, &mut found);
        assert_eq!(found.len(), 1);
        // No header row above it: the location has the cell and the row only.
        assert_eq!(found[0].location.to_string(), "answers.csv › A1 (row 1)");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(32_767), "32,767");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
