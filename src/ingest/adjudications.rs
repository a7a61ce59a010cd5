//! The validation workshop's decisions: the `adjudications` table → [`Adjudication`]s.
//!
//! In: the table of a filled-in workshop pack (or a csv with its columns), its header, and the
//! framework's indicator ids. Out: one [`Adjudication`] per row that records a decision, with
//! every problem located at its cell; rows whose `agreed_level` is empty are ledgered as
//! "no decision" and left alone. Not here: applying a decision to a score (`score::adjudicate`).

use std::collections::HashMap;
use std::sync::Arc;

use super::columns::{Header, each_row};
use super::table::{Cell, Row, Table};
use super::values;
use crate::diagnostics::{Code, Diagnostic, Location, visible};
use crate::model::{Adjudication, Date, Decision, IgnoreReason, MAX_LEVEL, RowRef, TableLedger};

/// Reads every row below the header. `indicators` are the framework's indicator ids.
pub fn read_adjudications(
    table: &Table,
    header: &Header,
    indicators: &[&str],
    out: &mut Vec<Adjudication>,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    let file: Arc<str> = Arc::from(table.file.as_str());
    let sheet: Option<Arc<str>> = table.sheet.as_deref().map(Arc::from);
    // Indicator (lowercase) → the row that decided it first.
    let mut decided: HashMap<String, u32> = HashMap::new();
    each_row(&table.rows, header.row, ledger, |row| {
        let cursor = Cursor { table, header, row };
        let before = found.len();
        let Some(decision) = cursor.decision(found) else {
            return Err(if found.len() == before {
                IgnoreReason::NoDecision
            } else {
                IgnoreReason::Invalid
            });
        };
        let indicator = cursor.indicator(indicators, found);
        let rationale = cursor.text("rationale");
        if matches!(decision, Decision::Agreed { .. }) && rationale.is_none() {
            found.push(
                Diagnostic::error(
                    Code::MissingValue,
                    cursor.at("rationale"),
                    "an agreed level needs its rationale: why the workshop agreed it".to_string(),
                )
                .with_hint("write in `rationale` what settled it, e.g. which document or figure the participants accepted"),
            );
        }
        let agreed_on = cursor.date("agreed_on", found);
        if let Some(id) = &indicator {
            if let Some(first) = decided.get(&id.to_lowercase()) {
                found.push(
                    Diagnostic::error(
                        Code::DuplicateDecision,
                        cursor.at("indicator"),
                        format!("`{id}` is decided again; row {first} already decides it"),
                    )
                    .with_hint("keep one decision per indicator: delete or merge one of the two rows"),
                );
            } else {
                decided.insert(id.to_lowercase(), row.number);
            }
        }
        // A missing indicator is always reported, so a row without one is invalid here.
        let (Some(indicator), false) = (indicator, found.len() > before) else {
            return Err(IgnoreReason::Invalid);
        };
        out.push(Adjudication {
            indicator,
            decision,
            rationale,
            evidence: cursor.text("evidence"),
            agreed_by: cursor.text("agreed_by"),
            agreed_on,
            source: RowRef {
                file: Arc::clone(&file),
                sheet: sheet.clone(),
                row: row.number,
            },
        });
        Ok(())
    });
}

/// One row's cells, with their locations.
struct Cursor<'t> {
    table: &'t Table,
    header: &'t Header,
    row: &'t Row,
}

impl Cursor<'_> {
    fn cell(&self, name: &str) -> &Cell {
        self.header
            .get(name)
            .map(|(i, _)| self.row.cell(*i))
            .unwrap_or(&Cell::Empty)
    }

    fn at(&self, name: &str) -> Location {
        let (index, text) = self
            .header
            .get(name)
            .map(|(i, t)| (*i, Some(t.clone())))
            .unwrap_or((0, None));
        Location::Cell {
            path: self.table.file.clone(),
            sheet: self.table.sheet.clone(),
            row: self.row.number,
            column: index as u32 + 1,
            header: text,
        }
    }

    /// A cell's trimmed text; none when empty.
    fn text(&self, name: &str) -> Option<String> {
        let text = self.cell(name).display();
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The decision: a level 0..=4 or `contested`; none (and no problem) when the cell is empty.
    fn decision(&self, found: &mut Vec<Diagnostic>) -> Option<Decision> {
        let cell = self.cell("agreed_level");
        if let Cell::Error(error) = cell {
            found.push(super::answers::cell_error(self.at("agreed_level"), error));
            return None;
        }
        let text = self.text("agreed_level")?;
        if values::is_code(&text, "contested") {
            return Some(Decision::Contested);
        }
        let level = match cell {
            Cell::Number(n) if n.fract() == 0.0 && (0.0..=f64::from(MAX_LEVEL)).contains(n) => Some(*n as u8),
            Cell::Text(_) => text.parse::<u8>().ok().filter(|l| *l <= MAX_LEVEL),
            _ => None,
        };
        match level {
            Some(level) => Some(Decision::Agreed { level }),
            None => {
                found.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        self.at("agreed_level"),
                        format!("`{}` is not an agreed level", visible(&text)),
                    )
                    .with_hint("allowed: 0, 1, 2, 3, 4 or contested; write the whole level the workshop agreed, `contested` when it could not agree, or leave the cell empty when the indicator was not decided"),
                );
                None
            }
        }
    }

    /// The indicator id, as the framework spells it.
    fn indicator(&self, indicators: &[&str], found: &mut Vec<Diagnostic>) -> Option<String> {
        let Some(text) = self.text("indicator") else {
            found.push(
                Diagnostic::error(
                    Code::MissingValue,
                    self.at("indicator"),
                    "the row records a decision but names no indicator".to_string(),
                )
                .with_hint("copy the indicator id from the pack's `indicator` column"),
            );
            return None;
        };
        if let Some(id) = indicators.iter().find(|id| id.eq_ignore_ascii_case(&text)) {
            return Some((*id).to_string());
        }
        found.push(
            Diagnostic::error(
                Code::UnknownReference,
                self.at("indicator"),
                format!("`{}` is no indicator of the framework", visible(&text)),
            )
            .with_hint("use the indicator ids the workshop pack lists (`dpi-assess workshop` writes them)"),
        );
        None
    }

    fn date(&self, name: &str, found: &mut Vec<Diagnostic>) -> Option<Date> {
        let cell = self.cell(name);
        if cell.is_empty() {
            return None;
        }
        match values::date(cell) {
            Ok(date) => Some(date),
            Err(problem) => {
                found.push(
                    Diagnostic::error(Code::InvalidDate, self.at(name), problem.message)
                        .with_hint(problem.hint),
                );
                None
            }
        }
    }
}
