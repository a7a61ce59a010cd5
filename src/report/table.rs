//! Typed tables: what a tabular output holds, decided once, written by CSV and XLSX alike.
//!
//! In: cells built from model values — a text, a number with the decimals text formats show it
//! with, or nothing. Out: a CSV record per row ([`Table::csv`]), and the typed cells an XLSX
//! writer puts in a sheet as they are (a number as a number, a text as a text). Not here: file
//! layout, column widths or any I/O.
//!
//! Why: a table built as display strings had to be parsed back to know which cells are numbers,
//! and a service named `1e3` then became the number 1000 in a workbook. Here the type is decided
//! where the value is known, so no text is ever read back as a number.

use super::csv::{row, safe_text};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A text, already neutralised against spreadsheet formulas ([`safe_text`]).
    Text(String),
    /// A number; text formats show it with `decimals` decimals.
    Number {
        /// The value, unrounded: spreadsheets keep it whole.
        value: f64,
        /// Decimals in CSV.
        decimals: usize,
    },
    /// Nothing.
    Empty,
}

impl Cell {
    /// A text cell; empty text is an empty cell.
    pub fn text(text: impl AsRef<str>) -> Cell {
        let text = text.as_ref();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(safe_text(text))
        }
    }

    /// A whole number.
    pub fn whole(value: impl Into<f64>) -> Cell {
        Cell::Number {
            value: value.into(),
            decimals: 0,
        }
    }

    /// A number shown with `decimals` decimals in text formats; none is an empty cell.
    pub fn number(value: Option<f64>, decimals: usize) -> Cell {
        match value {
            Some(value) if value.is_finite() => Cell::Number { value, decimals },
            _ => Cell::Empty,
        }
    }

    /// A number shown in text formats as Rust's shortest representation shows it (`0.25`, `0.1`,
    /// `3`), for settings a person typed rather than computed scores.
    pub fn shortest(value: f64) -> Cell {
        if !value.is_finite() {
            return Cell::Empty;
        }
        let shown = value.to_string();
        let decimals = shown.split_once('.').map_or(0, |(_, digits)| digits.len());
        Cell::Number { value, decimals }
    }

    /// Items of a list, joined by `; ` in one cell.
    pub fn list(items: &[impl AsRef<str>]) -> Cell {
        let joined: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Cell::text(joined.join("; "))
    }

    /// The cell as CSV shows it.
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number { value, decimals } => format!("{value:.decimals$}"),
            Cell::Empty => String::new(),
        }
    }
}

/// A table with a name (the sheet's, in a workbook), a header and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Sheet name in a workbook.
    pub name: &'static str,
    /// Column names, as the header row shows them.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as CSV: the header, then one record per row.
    pub fn csv(&self) -> String {
        let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        let mut out = row(&header);
        for cells in &self.rows {
            let texts: Vec<String> = cells.iter().map(Cell::csv_text).collect();
            out.push_str(&row(&texts));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_their_decimals_and_texts_stay_texts() {
        let table = Table {
            name: "t",
            columns: vec!["name", "score", "month"],
            rows: vec![
                vec![Cell::text("1e3"), Cell::number(Some(12.345), 1), Cell::whole(7)],
                vec![Cell::text("=cmd()"), Cell::number(None, 1), Cell::text("")],
            ],
        };
        assert_eq!(table.csv(), "name,score,month\n1e3,12.3,7\n'=cmd(),,\n");
        assert!(matches!(table.rows[0][0], Cell::Text(_)));
        assert_eq!(table.rows[1][2], Cell::Empty);
    }

    #[test]
    fn a_number_that_is_not_finite_is_an_empty_cell() {
        assert_eq!(Cell::number(Some(f64::NAN), 2), Cell::Empty);
        assert_eq!(Cell::number(Some(f64::INFINITY), 2), Cell::Empty);
    }

    #[test]
    fn lists_are_joined_in_one_cell() {
        assert_eq!(Cell::list(&["a", "b"]), Cell::Text("a; b".to_string()));
        assert_eq!(Cell::list(&[] as &[&str]), Cell::Empty);
    }
}
