//! Reading the systems and services inventories.
//!
//! In: a [`Table`] with its [`Header`] and the framework (for Building Block ids, names and
//! aliases). Out: [`System`]s and [`Service`]s with values from the model's vocabularies; one
//! ledger entry per row; located diagnostics for every value that cannot be read. The table's
//! cells are emptied as its rows are read, so that a national inventory is not held twice.
//! Not here: judging the systems (the BB rubric is applied by `score`).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use super::answers::cell_error;
use super::columns::Header;
use super::table::{Cell, Row, Table};
use super::values::{self, Problem, normalise_code};
use crate::definitions::did_you_mean;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{
    DigitalLevel, ExchangeMode, Framework, Hosting, IgnoreReason, LifecycleStatus, RowRef, Service,
    ServiceCategory, System, TableLedger,
};

/// Spellings accepted besides the codes; kept short and unambiguous on purpose.
const STATUS_ALIASES: &[(&str, LifecycleStatus)] = &[
    ("decommissioning", LifecycleStatus::Legacy),
    ("being_decommissioned", LifecycleStatus::Legacy),
    ("being_replaced", LifecycleStatus::Legacy),
    ("live", LifecycleStatus::Production),
    ("in_production", LifecycleStatus::Production),
    ("piloting", LifecycleStatus::Pilot),
];
const EXCHANGE_ALIASES: &[(&str, ExchangeMode)] = &[
    ("point_to_point_apis", ExchangeMode::PointToPoint),
    ("point_to_point_api", ExchangeMode::PointToPoint),
    ("apis", ExchangeMode::PointToPoint),
    ("national_data_exchange_layer", ExchangeMode::DataExchangeLayer),
    ("data_exchange_platform", ExchangeMode::DataExchangeLayer),
    ("information_mediator", ExchangeMode::DataExchangeLayer),
    ("file", ExchangeMode::Files),
];
const HOSTING_ALIASES: &[(&str, Hosting)] = &[
    ("on_premise", Hosting::OnPremises),
    ("on_prem", Hosting::OnPremises),
    ("government_data_center", Hosting::GovernmentDataCentre),
];
const CATEGORY_ALIASES: &[(&str, ServiceCategory)] = &[
    ("identity_enabled", ServiceCategory::Identity),
    ("payment_enabled", ServiceCategory::Payment),
    ("payments", ServiceCategory::Payment),
    ("data_enabled", ServiceCategory::Data),
    ("data_driven", ServiceCategory::Data),
];
const DIGITAL_LEVEL_ALIASES: &[(&str, DigitalLevel)] = &[
    ("end_to_end_digital", DigitalLevel::EndToEnd),
    ("0", DigitalLevel::Offline),
    ("1", DigitalLevel::Informational),
    ("2", DigitalLevel::Interactive),
    ("3", DigitalLevel::Transactional),
    ("4", DigitalLevel::EndToEnd),
];

/// Building Blocks by id, name or alias, compared as normalised codes.
pub struct BbResolver<'a> {
    by_key: HashMap<String, &'a str>,
    ids: Vec<&'a str>,
}

impl<'a> BbResolver<'a> {
    /// Indexes the framework's BBs.
    pub fn new(framework: &'a Framework) -> Self {
        let mut by_key = HashMap::new();
        for bb in &framework.building_blocks {
            by_key.insert(normalise_code(&bb.id), bb.id.as_str());
            by_key.insert(normalise_code(&bb.name), bb.id.as_str());
            for alias in &bb.aliases {
                by_key.insert(normalise_code(alias), bb.id.as_str());
            }
        }
        BbResolver {
            by_key,
            ids: framework.building_blocks.iter().map(|b| b.id.as_str()).collect(),
        }
    }

    /// The BB id for a written id, name or alias.
    pub fn resolve(&self, written: &str) -> Result<String, Problem> {
        // Most cells write an id as it is; normalising is idempotent, so a text that is already
        // a key is its own normal form.
        if let Some(id) = self.by_key.get(written) {
            return Ok((*id).to_string());
        }
        let key = normalise_code(written);
        if let Some(id) = self.by_key.get(&key) {
            return Ok((*id).to_string());
        }
        let close = did_you_mean(&key.replace('_', "-"), self.ids.iter().copied())
            .map(|id| format!("did you mean `{id}`? "))
            .unwrap_or_default();
        Err(Problem::new(
            format!("`{written}` is not a Building Block of the framework"),
            format!("{close}allowed (ids, or their names): {}", self.ids.join(", ")),
        ))
    }
}

/// Cell access and error collection for one row.
struct RowCursor<'t> {
    /// The table's file and sheet, for locations.
    file: &'t str,
    sheet: Option<&'t str>,
    /// The table's file and sheet names, shared by the `source` of every item read from it.
    names: &'t (Arc<str>, Option<Arc<str>>),
    header: &'t Header,
    row: &'t Row,
    found: Vec<Diagnostic>,
}

impl<'t> RowCursor<'t> {
    /// The cell of a column; it lives in the table, not in the cursor, so it can be read while
    /// the cursor records problems.
    fn cell(&self, name: &str) -> &'t Cell {
        let row: &'t Row = self.row;
        self.header
            .get(name)
            .map(|(i, _)| row.cell(*i))
            .unwrap_or(&Cell::Empty)
    }

    fn at(&self, name: &str) -> Location {
        let (index, text) = self
            .header
            .get(name)
            .map(|(i, t)| (*i, Some(t.as_str())))
            .unwrap_or((0, None));
        Location::Cell {
            path: self.file.to_string(),
            sheet: self.sheet.map(str::to_string),
            row: self.row.number,
            column: index as u32 + 1,
            header: text.map(str::to_string),
        }
    }

    fn error(&mut self, code: Code, name: &str, problem: Problem) {
        let at = self.at(name);
        self.found
            .push(Diagnostic::error(code, at, problem.message).with_hint(problem.hint));
    }

    /// A cell that must not hold a spreadsheet error; false (and an error) when it does.
    fn usable(&mut self, name: &str) -> bool {
        if let Cell::Error(error) = self.cell(name) {
            let diagnostic = cell_error(self.at(name), &error.clone());
            self.found.push(diagnostic);
            return false;
        }
        true
    }

    fn required_text(&mut self, name: &str, what: &str) -> Option<String> {
        if !self.usable(name) {
            return None;
        }
        let text = self.cell(name).display();
        if text.is_empty() {
            self.error(
                Code::MissingValue,
                name,
                Problem::new(format!("the {what} is missing"), format!("fill column `{name}`")),
            );
            return None;
        }
        Some(text)
    }

    fn optional<T>(
        &mut self,
        name: &str,
        code: Code,
        read: impl Fn(&Cell) -> Result<T, Problem>,
    ) -> Option<T> {
        if !self.usable(name) || self.cell(name).is_empty() {
            return None;
        }
        match read(self.cell(name)) {
            Ok(value) => Some(value),
            Err(problem) => {
                self.error(code, name, problem);
                None
            }
        }
    }

    fn bbs(&mut self, name: &str, resolver: &BbResolver<'_>, required: bool) -> Vec<String> {
        if !self.usable(name) {
            return Vec::new();
        }
        let written = values::code_list(self.cell(name));
        if written.is_empty() && required {
            self.error(
                Code::MissingValue,
                name,
                Problem::new(
                    "no Building Block is named",
                    "name at least one BB id (several separated by `;`)",
                ),
            );
        }
        let mut ids = Vec::new();
        for item in written {
            match resolver.resolve(&item) {
                Ok(id) if !ids.contains(&id) => ids.push(id),
                Ok(_) => {}
                Err(problem) => self.error(Code::UnknownReference, name, problem),
            }
        }
        ids
    }

    /// The BBs (among `building_blocks`) the system offers as a shared platform: `yes` for all,
    /// `no` or empty for none (a module of one application), or a list of BBs.
    fn platform_for(&mut self, building_blocks: &[String], resolver: &BbResolver<'_>) -> Vec<String> {
        let name = "platform";
        if !self.usable(name) || self.cell(name).is_empty() {
            return Vec::new();
        }
        if let Ok(all) = values::yes_no(self.cell(name)) {
            return if all { building_blocks.to_vec() } else { Vec::new() };
        }
        let mut ids = Vec::new();
        for item in values::code_list(self.cell(name)) {
            match resolver.resolve(&item) {
                Ok(id) if !building_blocks.contains(&id) => self.error(
                    Code::InvalidValue,
                    name,
                    Problem::new(
                        format!("`{item}` is not one of the system's building_blocks"),
                        format!(
                            "write yes, no, or some of the BBs it is listed under: {}",
                            building_blocks.join(", ")
                        ),
                    ),
                ),
                Ok(id) if !ids.contains(&id) => ids.push(id),
                Ok(_) => {}
                Err(problem) => self.error(
                    Code::InvalidValue,
                    name,
                    Problem::new(
                        problem.message,
                        format!("write yes, no, or a list of the system's BBs; {}", problem.hint),
                    ),
                ),
            }
        }
        ids
    }

    fn source(&self) -> RowRef {
        RowRef {
            file: Arc::clone(&self.names.0),
            sheet: self.names.1.clone(),
            row: self.row.number,
        }
    }
}

/// Where a name+owner pair was first listed, to catch duplicates across files. Keyed by `key`.
pub type SeenItems = HashMap<(String, usize), RowRef>;

/// A name+owner pair as compared: both as codes, one text after the other (one allocation per
/// row rather than two), and where the owner's part starts.
fn key(name: &str, owner: &str) -> (String, usize) {
    let mut both = String::with_capacity(name.len() + owner.len());
    values::push_code(&mut both, name);
    let owner_starts = both.len();
    values::push_code(&mut both, owner);
    (both, owner_starts)
}

/// Reads the rows below the header, in order: `read` turns each non-empty row into an item, or
/// `None` when a required value is missing; `admit` then decides whether the item is kept
/// (duplicates are not), and kept items are added to `out`. A row is used when its item is kept
/// and it has no error; an item is kept even when another value of its row has an error, so that
/// later checks still see it.
fn walk<T>(
    table: &mut Table,
    header: &Header,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
    out: &mut Vec<T>,
    mut read: impl FnMut(&mut RowCursor<'_>) -> Option<T>,
    mut admit: impl FnMut(&T, &mut RowCursor<'_>) -> bool,
) {
    // One item per row at most: room for all of them at once, rather than doublings that each
    // hold the old and the new list (tens of MB for a national inventory).
    out.reserve(table.rows.len().saturating_sub(header.row as usize));
    let names = (
        Arc::<str>::from(table.file.as_str()),
        table.sheet.as_deref().map(Arc::<str>::from),
    );
    let Table { file, sheet, rows } = table;
    for row in rows.iter_mut() {
        if row.number == header.row {
            continue;
        }
        ledger.rows_read += 1;
        let reason = if row.number < header.row {
            Some(IgnoreReason::AboveHeader)
        } else if row.is_empty() {
            Some(IgnoreReason::Empty)
        } else {
            let mut cursor = RowCursor {
                file,
                sheet: sheet.as_deref(),
                names: &names,
                header,
                row,
                found: Vec::new(),
            };
            let kept = match read(&mut cursor) {
                Some(item) if admit(&item, &mut cursor) => {
                    out.push(item);
                    true
                }
                _ => false,
            };
            let used = kept && !cursor.found.iter().any(Diagnostic::is_error);
            found.append(&mut cursor.found);
            // The row is read: its cells are let go now, so that later items reuse the memory
            // they held, rather than a national inventory being held twice, as a table and as
            // items, at its peak.
            row.cells = Vec::new();
            (!used).then_some(IgnoreReason::Invalid)
        };
        ledger.record(row.number, reason.map_or(Ok(()), Err));
    }
}

fn duplicate(kind: &str, name: &str, owner: &str, first: &RowRef, at: Location) -> Diagnostic {
    Diagnostic::error(
        Code::DuplicateItem,
        at,
        format!(
            "{kind} `{name}` of `{owner}` is listed twice (first at {})",
            super::answers::describe_source(first)
        ),
    )
    .with_hint(format!(
        "list each {kind} once per owner; if the owner runs two separate copies, give them distinct names"
    ))
}

/// Reads the systems inventory; each row's cells are let go once it is read (see `walk`).
pub fn read_systems(
    table: &mut Table,
    header: &Header,
    resolver: &BbResolver<'_>,
    systems: &mut Vec<System>,
    seen: &mut SeenItems,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    seen.reserve(table.rows.len().saturating_sub(header.row as usize));
    let read = |row: &mut RowCursor<'_>| {
        let name = row.required_text("name", "system name");
        let owner = row.required_text("owner", "owner institution");
        let building_blocks = row.bbs("building_blocks", resolver, true);
        let status = if row.cell("status").is_empty() {
            row.required_text("status", "lifecycle status");
            None
        } else {
            row.optional("status", Code::InvalidValue, |c| {
                values::vocabulary(
                    c,
                    "lifecycle status",
                    LifecycleStatus::from_code,
                    STATUS_ALIASES,
                    LifecycleStatus::allowed,
                )
            })
        };
        let coverage = row.optional("coverage", Code::InvalidNumber, |c| {
            values::share(c).map_err(|p| Problem::new(format!("coverage {}", p.message), p.hint))
        });
        let exchange = row.optional("exchange", Code::InvalidValue, |c| {
            values::vocabulary(
                c,
                "data-exchange mode",
                ExchangeMode::from_code,
                EXCHANGE_ALIASES,
                ExchangeMode::allowed,
            )
        });
        let hosting = row.optional("hosting", Code::InvalidValue, |c| {
            values::vocabulary(
                c,
                "hosting",
                Hosting::from_code,
                HOSTING_ALIASES,
                Hosting::allowed,
            )
        });
        let open_source = row.optional("open_source", Code::InvalidValue, values::yes_no);
        let platform_for = row.platform_for(&building_blocks, resolver);
        let standards = values::list(row.cell("standards"));
        let mut used_by = values::list(row.cell("used_by"));
        let (Some(name), Some(owner), Some(status)) = (name, owner, status) else {
            return None;
        };
        // The owner uses its own system; saying so in used_by is optional.
        if !used_by.iter().any(|u| values::same_code(u, &owner)) {
            used_by.insert(0, owner.clone());
        }
        Some(System {
            name,
            owner,
            building_blocks,
            status,
            coverage,
            exchange,
            standards,
            hosting,
            open_source,
            used_by,
            platform_for,
            source: row.source(),
        })
    };
    let admit = |system: &System, row: &mut RowCursor<'_>| {
        admit_once(seen, "system", &system.name, &system.owner, &system.source, row)
    };
    walk(table, header, ledger, found, systems, read, admit);
}

/// Whether an item is listed for the first time (and so kept); if not, an error at its name
/// saying where it was first listed.
fn admit_once(
    seen: &mut SeenItems,
    kind: &str,
    name: &str,
    owner: &str,
    source: &RowRef,
    row: &mut RowCursor<'_>,
) -> bool {
    match seen.entry(key(name, owner)) {
        Entry::Occupied(first) => {
            let diagnostic = duplicate(kind, name, owner, first.get(), row.at("name"));
            row.found.push(diagnostic);
            false
        }
        Entry::Vacant(slot) => {
            slot.insert(source.clone());
            true
        }
    }
}

/// Reads the services inventory; each row's cells are let go once it is read (see `walk`).
pub fn read_services(
    table: &mut Table,
    header: &Header,
    resolver: &BbResolver<'_>,
    services: &mut Vec<Service>,
    seen: &mut SeenItems,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    let read = |row: &mut RowCursor<'_>| {
        let name = row.required_text("name", "service name");
        let owner = row.required_text("owner", "owner institution");
        let category = if row.cell("category").is_empty() {
            row.required_text("category", "service category");
            None
        } else {
            row.optional("category", Code::InvalidValue, |c| {
                values::vocabulary(
                    c,
                    "service category",
                    ServiceCategory::from_code,
                    CATEGORY_ALIASES,
                    ServiceCategory::allowed,
                )
            })
        };
        let yearly_transactions = row.optional("yearly_transactions", Code::InvalidNumber, values::count);
        let users = row.optional("users", Code::InvalidNumber, values::count);
        let digital_level = row.optional("digital_level", Code::InvalidValue, |c| {
            values::vocabulary(
                c,
                "digital level",
                DigitalLevel::from_code,
                DIGITAL_LEVEL_ALIASES,
                DigitalLevel::allowed,
            )
        });
        let required_bbs = row.bbs("required_bbs", resolver, true);
        let (Some(name), Some(owner), Some(category)) = (name, owner, category) else {
            return None;
        };
        Some(Service {
            name,
            category,
            owner,
            yearly_transactions,
            users,
            digital_level,
            required_bbs,
            source: row.source(),
        })
    };
    let admit = |service: &Service, row: &mut RowCursor<'_>| {
        admit_once(
            seen,
            "service",
            &service.name,
            &service.owner,
            &service.source,
            row,
        )
    };
    walk(table, header, ledger, found, services, read, admit);
}
