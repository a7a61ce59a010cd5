//! Inventories collected with the XLSForm's repeat groups `systems` and `services`: the repeat
//! tables of KoboToolbox and ODK Central exports, made ready for the inventory readers.
//!
//! In: a [`Table`] of an answers export (a KoboToolbox xlsx repeat sheet, or an ODK Central
//! `<form id>-systems.csv` / `-services.csv`, unpacked or inside the export zip) and how the
//! platform's review left each submission ([`Reviews`], from the main table). Out: the same table
//! with its header written as the inventory's columns (platform columns blanked), choice labels
//! turned into choice names and select_multiple choices joined with `;`, so that
//! `inventory::read_systems` / `read_services` read it with their own checks, row ledger and
//! located errors (the cells keep their file, sheet, row and column); and the rows left out
//! because their submission was left out in review (not approved, rejected), with the reason.
//! Not here: reading the values (that is `inventory`), or the main table's answers (`field`).
//!
//! - **Detection**: a Kobo repeat sheet has `_parent_index`, `_parent_table_name` or
//!   `_submission__uuid` in its header; an ODK Central repeat csv has `PARENT_KEY` and `KEY`. The
//!   inventory is the one its sheet (Kobo names the sheet after the repeat), its file (`…-systems.csv`)
//!   or its headers' group path (`systems/name`) name.
//! - **Columns**: a field's XML name or label, with or without the group path; KoboToolbox's 0/1
//!   columns of a select_multiple (`systems/building_blocks/identity`) are used only when the
//!   export has no summary column.
//! - **Review**: a row whose submission was left out (Kobo `_submission__validation_status`, or
//!   the parent's `_validation_status` / `ReviewState` in the main table, joined by
//!   `_submission__uuid`, `_parent_index` or `PARENT_KEY`) is left out with the same reason.
//!   KoboToolbox's csv export holds the main table only (it cannot export repeat groups), so its
//!   inventories come from the xlsx export.

use std::collections::HashMap;
use std::sync::Arc;

use super::field::{Platform, Reviews, split_choices};
use super::table::{Cell, Row, Table};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{IgnoreReason, InputRole};
use crate::template::xlsform::{
    Choice, InventoryField, InventoryKind, SERVICE_FIELDS, SERVICES_REPEAT, SYSTEM_FIELDS, SYSTEMS_REPEAT,
    inventory_lists,
};

/// A repeat table of an export: which inventory, which platform, its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatTable {
    /// `Systems` or `Services`.
    pub role: InputRole,
    /// The platform that wrote it.
    pub platform: Platform,
    /// Its header row.
    pub header_row: u32,
}

/// Kobo's columns of a repeat sheet that tie it to its submission.
const KOBO_REPEAT_MARKERS: &[&str] = &["_parent_index", "_parent_table_name", "_submission__uuid"];

fn headers(row: &Row) -> Vec<String> {
    row.cells.iter().map(|c| c.display().trim().to_string()).collect()
}

/// Whether a table is the repeat table of an inventory.
pub fn detect(table: &Table) -> Option<RepeatTable> {
    let row = table.rows.iter().find(|r| !r.is_empty())?;
    let headers = headers(row);
    let has = |name: &str| headers.iter().any(|h| h.eq_ignore_ascii_case(name));
    let platform = if KOBO_REPEAT_MARKERS.iter().any(|m| has(m)) {
        Platform::Kobo
    } else if has("PARENT_KEY") && has("KEY") {
        Platform::Odk
    } else {
        return None;
    };
    let named = |repeat: &str| {
        let sheet = table
            .sheet
            .as_deref()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(repeat));
        // The csv's own name: the file, or the entry of an export zip (whose `sheet` it is).
        let csv_name = match &table.sheet {
            Some(entry) if entry.to_ascii_lowercase().ends_with(".csv") => Some(entry.as_str()),
            Some(_) => None,
            None => Some(table.file.as_str()),
        };
        let file = csv_name.is_some_and(|name| {
            std::path::Path::new(name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_ascii_lowercase())
                .is_some_and(|stem| stem.ends_with(&format!("-{repeat}")))
        });
        let path = headers
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with(&format!("{repeat}/")));
        sheet || file || path
    };
    let role = if named(SYSTEMS_REPEAT) {
        InputRole::Systems
    } else if named(SERVICES_REPEAT) {
        InputRole::Services
    } else {
        return None;
    };
    Some(RepeatTable {
        role,
        platform,
        header_row: row.number,
    })
}

/// What a column of a repeat table holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Field(usize),
    /// A 0/1 column of a select_multiple: field, choice.
    Detail(usize, usize),
    Platform,
    Other,
}

fn squash(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn find(choices: &[Choice], text: &str) -> Option<usize> {
    let wanted = squash(text);
    choices
        .iter()
        .position(|c| squash(&c.name) == wanted)
        .or_else(|| choices.iter().position(|c| squash(&c.label) == wanted))
}

/// The fields of an inventory and their choice lists.
struct Fields {
    fields: &'static [InventoryField],
    lists: Vec<Option<Vec<Choice>>>,
}

impl Fields {
    fn new(role: InputRole, framework: &crate::model::Framework) -> Fields {
        let fields = if role == InputRole::Systems {
            SYSTEM_FIELDS
        } else {
            SERVICE_FIELDS
        };
        let all = inventory_lists(framework);
        let lists = fields
            .iter()
            .map(|f| match f.kind {
                InventoryKind::SelectOne(list) | InventoryKind::SelectMultiple(list) => all
                    .iter()
                    .find(|(name, _)| *name == list)
                    .map(|(_, items)| items.clone()),
                _ => None,
            })
            .collect();
        Fields { fields, lists }
    }

    fn field(&self, text: &str) -> Option<usize> {
        let wanted = squash(text);
        self.fields
            .iter()
            .position(|f| squash(f.name) == wanted)
            .or_else(|| self.fields.iter().position(|f| squash(f.label) == wanted))
    }

    fn column(&self, header: &str, platform: Platform) -> Column {
        let trimmed = header.trim();
        if trimmed.is_empty() {
            return Column::Other;
        }
        let is = |name: &str| trimmed.eq_ignore_ascii_case(name);
        if trimmed.starts_with('_') || is("KEY") || is("PARENT_KEY") {
            return Column::Platform;
        }
        let separator = platform.separator();
        let segments: Vec<&str> = trimmed.split(['/', separator]).collect();
        // The field's name or label after its group path: the last segment, or the last two
        // for a 0/1 column `field/choice`.
        if let Some(i) = self
            .field(trimmed)
            .or_else(|| self.field(segments[segments.len() - 1]))
        {
            return Column::Field(i);
        }
        if segments.len() >= 2
            && let Some(i) = self.field(segments[segments.len() - 2])
            && matches!(self.fields[i].kind, InventoryKind::SelectMultiple(_))
            && let Some(choices) = &self.lists[i]
            && let Some(c) = find(choices, segments[segments.len() - 1])
        {
            return Column::Detail(i, c);
        }
        Column::Other
    }
}

/// Rewrites a repeat table for the inventory reader, and takes out the rows whose submission was
/// left out in review: returned with their reason, for the ledger. Rows whose submission no
/// export holds are kept, with one warning for the table naming them. Problems of the rows (a
/// choice that is none of the list's) are left to the inventory reader, which names the cell.
pub fn prepare(
    table: &mut Table,
    repeat: RepeatTable,
    framework: &crate::model::Framework,
    reviews: &Reviews,
    found: &mut Vec<Diagnostic>,
) -> Vec<(u32, IgnoreReason)> {
    let fields = Fields::new(repeat.role, framework);
    let Some(header_index) = table.rows.iter().position(|r| r.number == repeat.header_row) else {
        return Vec::new();
    };
    let header_texts = headers(&table.rows[header_index]);
    let columns: Vec<Column> = header_texts
        .iter()
        .map(|h| fields.column(h, repeat.platform))
        .collect();
    let summary = |i: usize| columns.contains(&Column::Field(i));
    let position = |name: &str| header_texts.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (status_col, uuid_col, index_col, parent_key_col) = (
        position("_submission__validation_status"),
        position("_submission__uuid"),
        position("_parent_index"),
        position("PARENT_KEY"),
    );

    // The header: inventory column names; platform columns and used 0/1 columns blank.
    let mut new_header: Vec<Cell> = Vec::with_capacity(columns.len());
    let mut detail_target: HashMap<usize, usize> = HashMap::new();
    for (col, column) in columns.iter().enumerate() {
        let cell = match column {
            Column::Field(i) => Cell::Text(Arc::from(fields.fields[*i].name)),
            Column::Detail(i, _) if !summary(*i) && !detail_target.contains_key(i) => {
                detail_target.insert(*i, col);
                Cell::Text(Arc::from(fields.fields[*i].name))
            }
            Column::Detail(..) | Column::Platform => Cell::Empty,
            Column::Other => table.rows[header_index].cell(col).clone(),
        };
        new_header.push(cell);
    }
    table.rows[header_index].cells = new_header;

    let mut left_out = Vec::new();
    // Rows whose submission is in none of the exports read: their review cannot be checked.
    let mut orphans: Vec<u32> = Vec::new();
    let file = table.file.clone();
    let mut kept = Vec::with_capacity(table.rows.len());
    for mut row in std::mem::take(&mut table.rows) {
        if row.number <= repeat.header_row || row.is_empty() {
            kept.push(row);
            continue;
        }
        let text = |col: Option<usize>| {
            col.map(|c| row.cell(c).display())
                .filter(|t| !t.trim().is_empty())
        };
        let own = text(status_col).map(|s| Reviews::state(&s));
        let parent = text(uuid_col)
            .or_else(|| text(parent_key_col))
            .map(|id| Reviews::uuid_key(&id))
            .or_else(|| text(index_col).map(|i| Reviews::index_key(&file, &i)))
            .and_then(|key| reviews.get(&key));
        if parent.is_none() {
            orphans.push(row.number);
        }
        if let Some(reason) = own.flatten().or(parent.flatten()) {
            left_out.push((row.number, reason));
            continue;
        }
        // Values: choice labels to names; select_multiple choices joined with `;`.
        for (col, column) in columns.iter().enumerate() {
            let Column::Field(i) = column else { continue };
            let Some(choices) = &fields.lists[*i] else {
                continue;
            };
            let given = row.cell(col).display();
            if given.trim().is_empty() {
                continue;
            }
            let value = match fields.fields[*i].kind {
                InventoryKind::SelectMultiple(_) => match split_choices(choices, &given) {
                    Ok(picked) => picked
                        .iter()
                        .map(|&c| choices[c].name.clone())
                        .collect::<Vec<_>>()
                        .join("; "),
                    Err(_) => given.split_whitespace().collect::<Vec<_>>().join("; "),
                },
                _ => match find(choices, &given) {
                    Some(c) => choices[c].name.clone(),
                    None => continue,
                },
            };
            if let Some(cell) = row.cells.get_mut(col) {
                *cell = Cell::Text(Arc::from(value.as_str()));
            }
        }
        // No summary column: the 0/1 columns, gathered into the first of them.
        for (&i, &target) in &detail_target {
            let Some(choices) = &fields.lists[i] else { continue };
            let mut picked = Vec::new();
            for (col, column) in columns.iter().enumerate() {
                if let Column::Detail(field, choice) = column
                    && *field == i
                {
                    let cell = row.cell(col);
                    let on = match cell {
                        Cell::Number(n) => *n == 1.0,
                        Cell::Bool(b) => *b,
                        other => matches!(other.display().trim(), "1" | "true" | "TRUE" | "True"),
                    };
                    if on {
                        picked.push(choices[*choice].name.clone());
                    }
                }
            }
            if row.cells.len() <= target {
                row.cells.resize(target + 1, Cell::Empty);
            }
            row.cells[target] = if picked.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(Arc::from(picked.join("; ").as_str()))
            };
        }
        kept.push(row);
    }
    table.rows = kept;
    if !orphans.is_empty() {
        found.push(orphan_rows(table, repeat.role, &orphans));
    }
    left_out
}

/// The warning for repeat rows whose submission none of the exports holds: read, since the
/// inventory rows may be right, but the review that would leave them out cannot be checked.
fn orphan_rows(table: &Table, role: InputRole, rows: &[u32]) -> Diagnostic {
    const SHOWN: usize = 8;
    let mut listed: Vec<String> = rows.iter().take(SHOWN).map(u32::to_string).collect();
    if rows.len() > SHOWN {
        listed.push(format!("and {} more", rows.len() - SHOWN));
    }
    let place = match &table.sheet {
        Some(sheet) => format!("{} › {sheet}", table.file),
        None => table.file.clone(),
    };
    Diagnostic::warning(
        Code::OrphanRepeatRows,
        Location::file(place),
        format!(
            "{} row(s) of the {} repeat belong to no submission of the exports under inputs.answers (rows {}); they are read, but whether their submission was approved or rejected cannot be checked",
            rows.len(),
            role.name(),
            listed.join(", ")
        ),
    )
    .with_hint("list the export's submissions table too (ODK Central's `<form id>.csv`, KoboToolbox's first sheet), taken from the same download as the repeat: tables of different downloads do not match")
}
