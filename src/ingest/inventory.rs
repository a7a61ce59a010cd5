//! Reading the systems and services inventories, and the row cursor the other list readers
//! (evidence register, institutions, roster) share.
//!
//! In: a [`Table`] with its [`Header`] and the framework (for Building Block ids, names and
//! aliases). Out: [`System`]s and [`Service`]s with values from the model's vocabularies; one
//! ledger entry per row; located diagnostics for every value that cannot be read. The table's
//! cells are emptied as its rows are read, so that a national inventory is not held twice.
//! [`read_rows`] runs a list reader's rows with a [`RowCursor`] on each.
//! Not here: judging the systems (the BB rubric is applied by `score`).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use super::answers::cell_error;
use super::columns::{Header, RowKind, each_row, row_kind};
use super::institutions::InstitutionIndex;
use super::table::{Cell, Row, Table};
use super::values::{self, Problem, normalise_code};
use crate::definitions::did_you_mean;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{
    DigitalLevel, ExchangeMode, Framework, Hosting, IgnoreReason, LifecycleStatus, RowRef, Service,
    ServiceCategory, System, TableLedger,
};
use crate::parallel;

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

/// What inventory cells are resolved against: the framework's Building Blocks and, when the
/// workspace has one, its list of institutions.
#[derive(Clone, Copy)]
pub struct Lookups<'a> {
    /// Building Blocks by id, name or alias.
    pub bbs: &'a BbResolver<'a>,
    /// The list of institutions; without one, names are kept as written.
    pub institutions: Option<&'a InstitutionIndex>,
}

/// Cell access and error collection for one row.
pub(super) struct RowCursor<'t> {
    /// The table's file and sheet, for locations.
    file: &'t str,
    sheet: Option<&'t str>,
    /// The table's file and sheet names, shared by the `source` of every item read from it.
    names: &'t (Arc<str>, Option<Arc<str>>),
    header: &'t Header,
    row: &'t Row,
    /// Problems found in the row so far.
    pub(super) found: Vec<Diagnostic>,
}

impl<'t> RowCursor<'t> {
    /// A cursor on one row of a table whose file and sheet names are `names`.
    pub(super) fn new(
        names: &'t (Arc<str>, Option<Arc<str>>),
        header: &'t Header,
        row: &'t Row,
    ) -> RowCursor<'t> {
        RowCursor {
            file: &names.0,
            sheet: names.1.as_deref(),
            names,
            header,
            row,
            found: Vec::new(),
        }
    }

    /// The cell of a column; it lives in the table, not in the cursor, so it can be read while
    /// the cursor records problems.
    pub(super) fn cell(&self, name: &str) -> &'t Cell {
        let row: &'t Row = self.row;
        self.header
            .get(name)
            .map(|(i, _)| row.cell(*i))
            .unwrap_or(&Cell::Empty)
    }

    pub(super) fn at(&self, name: &str) -> Location {
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

    pub(super) fn error(&mut self, code: Code, name: &str, problem: Problem) {
        let at = self.at(name);
        self.found
            .push(Diagnostic::error(code, at, problem.message).with_hint(problem.hint));
    }

    /// Whether an error has been found in the row so far.
    pub(super) fn has_error(&self) -> bool {
        self.found.iter().any(Diagnostic::is_error)
    }

    /// A cell that must not hold a spreadsheet error; false (and an error) when it does.
    pub(super) fn usable(&mut self, name: &str) -> bool {
        if let Cell::Error(error) = self.cell(name) {
            let diagnostic = cell_error(self.at(name), &error.clone());
            self.found.push(diagnostic);
            return false;
        }
        true
    }

    pub(super) fn required_text(&mut self, name: &str, what: &str) -> Option<String> {
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

    /// A cell's text, trimmed, when it has any and holds no spreadsheet error (an error when it
    /// does).
    pub(super) fn text(&mut self, name: &str) -> Option<String> {
        if !self.usable(name) {
            return None;
        }
        let text = self.cell(name).display();
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// As [`Self::required_text`], sharing the cell's text rather than copying it when the cell
    /// holds text as it reads (a workbook's shared strings are read once for all their cells).
    fn required_shared(&mut self, name: &str, what: &str) -> Option<Arc<str>> {
        match self.cell(name) {
            Cell::Text(text) if text.trim().len() == text.len() => Some(Arc::clone(text)),
            _ => self.required_text(name, what).map(Arc::from),
        }
    }

    /// A required institution cell (an owner): the list's canonical name when the workspace has
    /// a list (a name not on it is an error here), else the name as written.
    pub(super) fn institution(
        &mut self,
        name: &str,
        what: &str,
        list: Option<&InstitutionIndex>,
    ) -> Option<Arc<str>> {
        let written = self.required_shared(name, what)?;
        let Some(list) = list else {
            return Some(written);
        };
        match list.canonical(&written) {
            Ok(canonical) => Some(canonical),
            Err(problem) => {
                self.error(Code::UnknownReference, name, problem);
                None
            }
        }
    }

    /// A list of institutions (`used_by`), each matched as [`Self::institution`] matches one;
    /// the same institution written twice counts once.
    fn institution_list(&mut self, name: &str, list: Option<&InstitutionIndex>) -> Vec<String> {
        if !self.usable(name) {
            return Vec::new();
        }
        let written = values::list(self.cell(name));
        let Some(list) = list else {
            return written;
        };
        let mut names: Vec<String> = Vec::new();
        for item in written {
            match list.canonical(&item) {
                Ok(canonical) if !names.iter().any(|n| **n == *canonical) => {
                    names.push(canonical.to_string())
                }
                Ok(_) => {}
                Err(problem) => self.error(Code::UnknownReference, name, problem),
            }
        }
        names
    }

    pub(super) fn optional<T>(
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

    pub(super) fn source(&self) -> RowRef {
        RowRef {
            file: Arc::clone(&self.names.0),
            sheet: self.names.1.clone(),
            row: self.row.number,
        }
    }
}

/// The row loop of the list readers: [`each_row`], with a [`RowCursor`] on each row to read.
/// `read` says whether the row gave an item that it kept; the row is used when it did and no
/// error was found in it. The row's problems are added to `found` in row order.
pub(super) fn read_rows(
    table: &Table,
    header: &Header,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
    mut read: impl FnMut(&mut RowCursor<'_>) -> bool,
) {
    let names = (
        Arc::<str>::from(table.file.as_str()),
        table.sheet.as_deref().map(Arc::<str>::from),
    );
    each_row(&table.rows, header.row, ledger, |row| {
        let mut cursor = RowCursor::new(&names, header, row);
        let used = read(&mut cursor) && !cursor.has_error();
        found.append(&mut cursor.found);
        if used { Ok(()) } else { Err(IgnoreReason::Invalid) }
    });
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

/// Rows read per piece of parallel work: large enough that handing a piece over costs nothing
/// next to reading it, small enough that a piece finished ahead of its turn holds little memory.
const ROWS_PER_PIECE: usize = 512;

/// What reading one row gave, before its item is checked against the rows above it. Small, so
/// that a sheet of a million mostly empty rows costs little on its way through.
enum RowOutcome {
    /// The header row: not counted among the rows read.
    Header,
    /// Not read, for this reason (above the header, or empty).
    Skipped(u32, IgnoreReason),
    /// Read: whether it gave an item (the piece's next one) and how many problems it has (the
    /// piece's next ones).
    Read { number: u32, item: bool, problems: u32 },
}

/// What reading a piece of rows gave: an outcome per row, and the items (with their name+owner
/// [`key`]) and problems of the rows read, in row order.
struct PieceOutcome<T> {
    rows: Vec<RowOutcome>,
    items: Vec<(T, (String, usize))>,
    found: Vec<Diagnostic>,
}

/// What the duplicate check needs of an item: its kind (`system`, `service`), and its name,
/// owner and source row.
trait Listed {
    const KIND: &'static str;
    fn listing(&self) -> (&str, &str, &RowRef);
}

impl Listed for System {
    const KIND: &'static str = "system";
    fn listing(&self) -> (&str, &str, &RowRef) {
        (&self.name, &self.owner, &self.source)
    }
}

impl Listed for Service {
    const KIND: &'static str = "service";
    fn listing(&self) -> (&str, &str, &RowRef) {
        (&self.name, &self.owner, &self.source)
    }
}

/// Reads the rows below the header: `read` turns each non-empty row into an item, or `None` when
/// a required value is missing; in row order, an item whose name and owner were listed before
/// (in this table or an earlier one, as `seen` holds) is an error and not kept, and kept items
/// are added to `out`. A row is used when its item is kept and it has no error; an item is kept
/// even when another value of its row has an error, so that later checks still see it.
///
/// Rows are read in pieces on all cores (`read` looks at one row only); everything that depends
/// on the rows before (the duplicate check, the ledger, the order of items and diagnostics)
/// happens on this thread in row order, so the outcome is the same on one core or many.
fn walk<T: Listed + Send>(
    table: &mut Table,
    header: &Header,
    seen: &mut SeenItems,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
    out: &mut Vec<T>,
    read: impl Fn(&mut RowCursor<'_>) -> Option<T> + Sync,
) {
    seen.reserve(table.rows.len().saturating_sub(header.row as usize));
    // One item per row at most: room for all of them at once, rather than doublings that each
    // hold the old and the new list (tens of MB for a national inventory).
    out.reserve(table.rows.len().saturating_sub(header.row as usize));
    let names = (
        Arc::<str>::from(table.file.as_str()),
        table.sheet.as_deref().map(Arc::<str>::from),
    );
    let Table { file, sheet, rows } = table;
    let (file, sheet) = (file.as_str(), sheet.as_deref());
    let read_piece = |piece: &mut [Row]| -> PieceOutcome<T> {
        let mut outcome = PieceOutcome {
            rows: Vec::with_capacity(piece.len()),
            items: Vec::new(),
            found: Vec::new(),
        };
        for row in piece {
            let verdict = match row_kind(row, header.row) {
                RowKind::Header => RowOutcome::Header,
                RowKind::Skipped(reason) => RowOutcome::Skipped(row.number, reason),
                RowKind::Read => {
                    let mut cursor = RowCursor {
                        file,
                        sheet,
                        names: &names,
                        header,
                        row,
                        found: std::mem::take(&mut outcome.found),
                    };
                    let before = cursor.found.len();
                    let item = read(&mut cursor);
                    let problems = (cursor.found.len() - before) as u32;
                    outcome.found = cursor.found;
                    let gave_item = match item {
                        Some(item) => {
                            let (name, owner, _) = item.listing();
                            let key = key(name, owner);
                            outcome.items.push((item, key));
                            true
                        }
                        None => false,
                    };
                    // The row is read: its cells are let go now, so that later items reuse the
                    // memory they held, rather than a national inventory being held twice, as a
                    // table and as items, at its peak.
                    row.cells = Vec::new();
                    RowOutcome::Read {
                        number: row.number,
                        item: gave_item,
                        problems,
                    }
                }
            };
            outcome.rows.push(verdict);
        }
        outcome
    };
    let pieces: Vec<&mut [Row]> = rows.chunks_mut(ROWS_PER_PIECE).collect();
    parallel::in_order(pieces, read_piece, |piece| {
        let mut items = piece.items.into_iter();
        let mut problems = piece.found.into_iter();
        for verdict in piece.rows {
            let (number, reason) = match verdict {
                RowOutcome::Header => continue,
                RowOutcome::Skipped(number, reason) => (number, Some(reason)),
                RowOutcome::Read {
                    number,
                    item,
                    problems: count,
                } => {
                    // The duplicate check needs only the row's number and header for its
                    // location: the cells are gone by now.
                    let row = Row {
                        number,
                        cells: Vec::new(),
                    };
                    let mut cursor = RowCursor {
                        file,
                        sheet,
                        names: &names,
                        header,
                        row: &row,
                        found: problems.by_ref().take(count as usize).collect(),
                    };
                    let kept = match item.then(|| items.next()).flatten() {
                        Some((item, key)) => match seen.entry(key) {
                            Entry::Occupied(first) => {
                                let (name, owner, _) = item.listing();
                                let duplicate =
                                    duplicate(T::KIND, name, owner, first.get(), cursor.at("name"));
                                cursor.found.push(duplicate);
                                false
                            }
                            Entry::Vacant(slot) => {
                                slot.insert(item.listing().2.clone());
                                out.push(item);
                                true
                            }
                        },
                        None => false,
                    };
                    let used = kept && !cursor.found.iter().any(Diagnostic::is_error);
                    found.append(&mut cursor.found);
                    (number, (!used).then_some(IgnoreReason::Invalid))
                }
            };
            ledger.rows_read += 1;
            ledger.record(number, reason.map_or(Ok(()), Err));
        }
    });
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
    lookups: Lookups<'_>,
    systems: &mut Vec<System>,
    seen: &mut SeenItems,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    let (resolver, institutions) = (lookups.bbs, lookups.institutions);
    let read = |row: &mut RowCursor<'_>| {
        let name = row.required_shared("name", "system name");
        let owner = row.institution("owner", "owner institution", institutions);
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
        let mut used_by = row.institution_list("used_by", institutions);
        let (Some(name), Some(owner), Some(status)) = (name, owner, status) else {
            return None;
        };
        // The owner uses its own system; saying so in used_by is optional.
        if !used_by.iter().any(|u| values::same_code(u, &owner)) {
            used_by.insert(0, owner.to_string());
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
    walk(table, header, seen, ledger, found, systems, read);
}

/// Reads the services inventory; each row's cells are let go once it is read (see `walk`).
pub fn read_services(
    table: &mut Table,
    header: &Header,
    lookups: Lookups<'_>,
    services: &mut Vec<Service>,
    seen: &mut SeenItems,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    let (resolver, institutions) = (lookups.bbs, lookups.institutions);
    let read = |row: &mut RowCursor<'_>| {
        let name = row.required_text("name", "service name");
        let owner = row
            .institution("owner", "owner institution", institutions)
            .map(|o| o.to_string());
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
    walk(table, header, seen, ledger, found, services, read);
}
