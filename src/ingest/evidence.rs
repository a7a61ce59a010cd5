//! Reading the evidence register (`inputs.evidence`, docs/validation.md section 1).
//!
//! In: a [`Table`] with its [`Header`] (the columns of [`super::columns::EVIDENCE`]). Out: one
//! [`Document`] per usable row, in row order; one ledger entry per row; located errors for a
//! missing id, title or type, an id that is not a code, an unknown type, a duplicate id (compared
//! without case) and a date that is not a date. Not here: judging what the answers cite (that is
//! `model::evidence` and `cli::evidence`).

use std::collections::HashMap;

use super::answers::describe_source;
use super::columns::Header;
use super::inventory::{RowCursor, read_rows};
use super::table::{Cell, Table};
use super::values::{self, Problem};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{ColumnRef, Document, EvidenceType, PartialDate, RowRef, TableLedger};

/// Reads the register's rows below the header into `documents`. A row is used when it gives a
/// document and has no error; a document whose id was listed before (without case) is an error
/// and is not kept.
pub fn read_register(
    table: &Table,
    header: &Header,
    documents: &mut Vec<Document>,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, RowRef> = HashMap::new();
    read_rows(table, header, ledger, found, |cursor| {
        let Some(document) = read_document(cursor) else {
            return false;
        };
        let key = document.id.to_lowercase();
        if let Some(first) = seen.get(&key) {
            cursor.error(
                Code::DuplicateId,
                "id",
                Problem::new(
                    format!(
                        "evidence id `{}` is listed twice (first at {})",
                        document.id,
                        describe_source(first)
                    ),
                    "give each register row its own id (ids are compared without case); if both rows are one document, keep one",
                ),
            );
            return false;
        }
        seen.insert(key, document.source.clone());
        documents.push(document);
        true
    });
}

/// One register row as a document, or `None` when its id, title or type cannot be read.
fn read_document(row: &mut RowCursor<'_>) -> Option<Document> {
    let id = row.required_text("id", "evidence id");
    let id = id.filter(|id| {
        let code = id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
        if !code {
            row.error(
                Code::InvalidValue,
                "id",
                Problem::new(
                    format!("`{id}` is not an evidence id"),
                    "an id is a short code that answers cite, of letters, digits, `-`, `_`, `.` and `/`, e.g. EV-07 or law-dp-2023",
                ),
            );
        }
        code
    });
    let title = row.required_text("title", "document title");
    let kind = if row.cell("type").is_empty() {
        row.required_text("type", "evidence type");
        None
    } else {
        row.optional("type", Code::InvalidValue, |c| {
            values::vocabulary(
                c,
                "evidence type",
                EvidenceType::from_code,
                &[],
                EvidenceType::allowed,
            )
        })
    };
    let date = row.optional("date", Code::InvalidDate, document_date);
    let checked_on = row.optional("checked_on", Code::InvalidDate, values::date);
    let issuer = row.text("issuer");
    let url = row.text("url");
    let file = row.text("file");
    let checked_by = row.text("checked_by");
    let (Some(id), Some(title), Some(kind)) = (id, title, kind) else {
        return None;
    };
    Some(Document {
        id,
        title,
        kind,
        issuer,
        date,
        url,
        file,
        checked_by,
        checked_on,
        source: row.source(),
        id_column: match row.at("id") {
            Location::Cell { column, header, .. } => ColumnRef { column, header },
            _ => ColumnRef {
                column: 1,
                header: None,
            },
        },
    })
}

/// A document's date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` text, a date cell, a whole number
/// 1000..=9999 (a year typed into a spreadsheet), or another number as a spreadsheet date serial.
fn document_date(cell: &Cell) -> Result<PartialDate, Problem> {
    let hint = "write when the document was issued as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2023-11-15";
    match cell {
        Cell::Number(year) if year.fract() == 0.0 && (1000.0..=9999.0).contains(year) => Ok(PartialDate {
            year: *year as i32,
            month: None,
            day: None,
        }),
        Cell::Text(text) => PartialDate::parse(text)
            .or_else(|| values::date(cell).ok().map(PartialDate::from))
            .ok_or_else(|| Problem::new(format!("`{text}` is not a date"), hint)),
        other => values::date(other)
            .map(PartialDate::from)
            .map_err(|p| Problem::new(p.message, hint)),
    }
}
