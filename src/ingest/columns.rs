//! Which columns each input has, and finding them in a table.
//!
//! In: a [`Table`] and the [`TableSpec`] of its role (answers, systems, services), plus the
//! renames of the workspace's mapping file. Out: a [`Header`]: the header row and, for each
//! known column, where it is; or errors naming what is missing. Also the row loop every reader
//! runs below a header ([`each_row`]): in, a table's rows and its header row; out, each row
//! counted and ledgered, the ones to read handed to the reader.
//! Not here: reading the values under the header (see `answers` and `inventory`).
//!
//! Lenient on layout: headers match across case, spaces, `_`, `-` and other punctuation, and
//! known aliases (`Ministry` for `owner`); the header row is the one among the first rows that
//! names the most known columns, so title rows and blank rows above it do no harm.

use indexmap::IndexMap;

use super::table::{Cell, Row, Table};
use crate::definitions::edit_distance;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::{IgnoreReason, InputRole, TableLedger};

/// One column an input can have.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// Canonical name, as templates write it.
    pub name: &'static str,
    /// Other headers accepted for it.
    pub aliases: &'static [&'static str],
    /// Whether the table is unusable without it.
    pub required: bool,
}

/// The columns of one kind of input.
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// What the table feeds.
    pub role: InputRole,
    /// Columns read.
    pub columns: &'static [ColumnSpec],
    /// Columns known and deliberately not read (a template's question text, say).
    pub informational: &'static [&'static str],
}

const fn column(name: &'static str, required: bool, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec {
        name,
        aliases,
        required,
    }
}

/// Long-form answers.
pub const ANSWERS: TableSpec = TableSpec {
    role: InputRole::Answers,
    columns: &[
        column(
            "question_id",
            true,
            &["id", "question_code", "qid", "question_no", "question_number"],
        ),
        column("answer", true, &["response", "value", "reply", "answer_value"]),
        column("respondent", false, &["respondent_name", "answered_by", "name"]),
        column(
            "institution",
            false,
            &["organisation", "organization", "ministry", "agency", "department"],
        ),
        column(
            "evidence",
            false,
            &["source", "evidence_url", "document", "link", "reference"],
        ),
        column("comment", false, &["comments", "note", "notes", "remarks"]),
        column(
            "date",
            false,
            &["answered_on", "date_answered", "submission_date"],
        ),
    ],
    informational: &[
        "question",
        "help",
        "indicator",
        "layer",
        "section",
        "question_text",
        "guidance",
    ],
};

/// The systems inventory.
pub const SYSTEMS: TableSpec = TableSpec {
    role: InputRole::Systems,
    columns: &[
        column("name", true, &["system", "system_name"]),
        column(
            "owner",
            true,
            &[
                "owner_institution",
                "owned_by",
                "institution",
                "ministry",
                "agency",
            ],
        ),
        column(
            "building_blocks",
            true,
            &[
                "building_block",
                "bbs",
                "bb",
                "bb_ids",
                "govstack_bbs",
                "govstack_building_blocks",
            ],
        ),
        column("status", true, &["lifecycle", "lifecycle_status", "stage"]),
        column(
            "coverage",
            false,
            &["population_coverage", "user_coverage", "reach"],
        ),
        column(
            "exchange",
            false,
            &[
                "data_exchange",
                "exchange_mode",
                "data_exchange_mode",
                "interoperability",
            ],
        ),
        column("standards", false, &["standard", "specifications", "specs"]),
        column("hosting", false, &["hosted", "hosted_at", "hosted_in"]),
        column("open_source", false, &["oss", "is_open_source"]),
        column(
            "platform",
            false,
            &["shared_platform", "delivery", "platform_for"],
        ),
        column(
            "used_by",
            false,
            &[
                "using_institutions",
                "used_by_institutions",
                "shared_with",
                "users_institutions",
            ],
        ),
    ],
    informational: &["description", "notes", "comment", "vendor", "year", "go_live"],
};

/// The services inventory.
pub const SERVICES: TableSpec = TableSpec {
    role: InputRole::Services,
    columns: &[
        column("name", true, &["service", "service_name"]),
        column("category", true, &["service_category", "type"]),
        column(
            "owner",
            true,
            &[
                "owner_institution",
                "institution",
                "ministry",
                "agency",
                "provider",
            ],
        ),
        column(
            "yearly_transactions",
            false,
            &[
                "transactions",
                "transactions_per_year",
                "annual_transactions",
                "volume",
                "yearly_volume",
            ],
        ),
        column(
            "users",
            false,
            &["yearly_users", "annual_users", "users_per_year", "beneficiaries"],
        ),
        column(
            "digital_level",
            false,
            &[
                "digitisation_level",
                "digitization_level",
                "current_digital_level",
                "level",
            ],
        ),
        column(
            "required_bbs",
            true,
            &[
                "required_building_blocks",
                "building_blocks",
                "bbs",
                "needed_bbs",
                "bb",
            ],
        ),
    ],
    informational: &["description", "notes", "comment", "channel", "channels"],
};

/// The validation workshop's decisions: the `adjudications` sheet of a filled-in workshop pack, or
/// a csv with the same columns. The pack's other columns say what was put to the workshop.
pub const ADJUDICATIONS: TableSpec = TableSpec {
    role: InputRole::Adjudications,
    columns: &[
        column("indicator", true, &["indicator_id", "id"]),
        column("agreed_level", true, &["agreed", "agreed_value", "decision"]),
        column("rationale", false, &["reason", "why"]),
        column("evidence", false, &["evidence_ids", "sources"]),
        column("agreed_by", false, &["decided_by", "validated_by"]),
        column("agreed_on", false, &["date", "decided_on", "validated_on"]),
    ],
    informational: &[
        "title",
        "dimension",
        "listed_because",
        "value_now",
        "level_now",
        "spread",
        "respondents",
        "ladder",
        "notes",
        "comment",
    ],
};

/// The evidence register (docs/validation.md section 1).
pub const EVIDENCE: TableSpec = TableSpec {
    role: InputRole::Evidence,
    columns: &[
        column("id", true, &["evidence_id", "document_id", "code", "ref"]),
        column("title", true, &["document", "document_title", "name"]),
        column("type", true, &["evidence_type", "document_type", "kind"]),
        column("issuer", false, &["publisher", "issued_by", "author"]),
        column(
            "date",
            false,
            &["issued", "issue_date", "date_issued", "published"],
        ),
        column("url", false, &["link", "web_address"]),
        column("file", false, &["file_name", "filename"]),
        column("checked_by", false, &["verified_by"]),
        column("checked_on", false, &["verified_on", "checked_date"]),
    ],
    informational: &["description", "notes", "comment", "comments"],
};

/// The list of institutions (`inputs.institutions`).
pub const INSTITUTIONS: TableSpec = TableSpec {
    role: InputRole::Institutions,
    columns: &[
        column("id", true, &["institution_id", "code"]),
        column(
            "name",
            true,
            &["institution", "institution_name", "official_name"],
        ),
        column(
            "aliases",
            false,
            &["alias", "other_names", "abbreviations", "acronyms"],
        ),
        column("kind", false, &["type", "institution_type", "category"]),
        column("roles", false, &["role", "framework_roles"]),
    ],
    informational: &[
        "description",
        "notes",
        "comment",
        "comments",
        "website",
        "contact",
    ],
};

/// The respondent roster (docs/inputs.md, "Roster"): who answers which sections by when.
pub const ROSTER: TableSpec = TableSpec {
    role: InputRole::Roster,
    columns: &[
        column("respondent", true, &["name", "respondent_name"]),
        column("institution", true, &["organisation", "organization", "agency"]),
        column("role", false, &["role_id", "institution_role"]),
        column("kind", false, &["institution_kind", "institution_type"]),
        column("contact", false, &["email", "e_mail", "phone"]),
        column("sections", false, &["sections_assigned", "assigned"]),
        column("due", false, &["due_date", "deadline"]),
    ],
    informational: &["notes", "comment", "comments"],
};

/// The spec for a role.
pub fn spec(role: InputRole) -> &'static TableSpec {
    match role {
        InputRole::Answers => &ANSWERS,
        InputRole::Systems => &SYSTEMS,
        InputRole::Services => &SERVICES,
        InputRole::Adjudications => &ADJUDICATIONS,
        InputRole::Evidence => &EVIDENCE,
        InputRole::Institutions => &INSTITUTIONS,
        InputRole::Roster => &ROSTER,
    }
}

/// A header as compared: lowercase letters and digits only, so `Question ID`, `question_id` and
/// `question-id` are one.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column renames from a mapping file: role → canonical column → the foreign header.
pub type Renames = IndexMap<InputRole, IndexMap<String, Rename>>;

/// One line of a mapping file: the header a foreign file uses for one of our columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Rename {
    /// The header as the mapping file writes it.
    pub header: String,
    /// Where the mapping file says so, for messages about a header that is not there.
    pub at: Location,
    /// The mapping file's line is in error (the header already feeds another column): it renames
    /// nothing, and a column it leaves missing points back at it.
    pub refused: bool,
}

impl Rename {
    /// A rename with where it was written.
    pub fn new(header: impl Into<String>, at: Location) -> Rename {
        Rename {
            header: header.into(),
            at,
            refused: false,
        }
    }
}

/// Where the known columns of a table are.
#[derive(Debug, Clone)]
pub struct Header {
    /// The header row's number.
    pub row: u32,
    /// Canonical column → (0-based index, header text as written).
    pub columns: IndexMap<&'static str, (usize, String)>,
}

impl Header {
    /// The 0-based index and header text of a column, if the table has it.
    pub fn get(&self, name: &str) -> Option<&(usize, String)> {
        // A scan, not a hash: a table has a dozen known columns, this runs for every cell read,
        // and comparing a few short names is cheaper than hashing one.
        self.columns
            .iter()
            .find(|(column, _)| **column == name)
            .map(|(_, at)| at)
    }
}

/// What the row loop makes of a table's row before any cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    /// The header row itself: neither read nor counted.
    Header,
    /// A row counted and ledgered as ignored for this reason (above the header, or empty).
    Skipped(IgnoreReason),
    /// A row below the header with something in it: the reader's.
    Read,
}

/// What a row is, given the table's header row.
pub(super) fn row_kind(row: &Row, header_row: u32) -> RowKind {
    if row.number == header_row {
        RowKind::Header
    } else if row.number < header_row {
        RowKind::Skipped(IgnoreReason::AboveHeader)
    } else if row.is_empty() {
        RowKind::Skipped(IgnoreReason::Empty)
    } else {
        RowKind::Read
    }
}

/// The row loop the table readers share. Every row but the header, in order, is counted in
/// `ledger.rows_read`; one above the header or an empty one is ledgered as ignored for that
/// reason; any other is given to `read`, and its outcome (used, or ignored and why) is ledgered.
/// Not here: reading cells or reporting their problems (`read` does that).
pub(super) fn each_row<'t>(
    rows: &'t [Row],
    header_row: u32,
    ledger: &mut TableLedger,
    mut read: impl FnMut(&'t Row) -> Result<(), IgnoreReason>,
) {
    for row in rows {
        let outcome = match row_kind(row, header_row) {
            RowKind::Header => continue,
            RowKind::Skipped(reason) => Err(reason),
            RowKind::Read => read(row),
        };
        ledger.rows_read += 1;
        ledger.record(row.number, outcome);
    }
}

/// How many leading rows are searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// What a header cell names.
enum Matched {
    Column(&'static str),
    Informational,
    Unknown,
}

fn match_header(text: &str, spec: &TableSpec, renames: Option<&IndexMap<String, Rename>>) -> Matched {
    let key = normalise(text);
    if key.is_empty() {
        return Matched::Unknown;
    }
    // A mapping file's renames come first: they are how a user says what their columns mean.
    if let Some(renames) = renames {
        for (canonical, rename) in renames.iter().filter(|(_, r)| !r.refused) {
            if normalise(&rename.header) == key
                && let Some(column) = spec.columns.iter().find(|c| c.name == canonical)
            {
                return Matched::Column(column.name);
            }
        }
    }
    for column in spec.columns {
        if normalise(column.name) == key || column.aliases.iter().any(|a| normalise(a) == key) {
            return Matched::Column(column.name);
        }
    }
    if spec.informational.iter().any(|i| normalise(i) == key) {
        return Matched::Informational;
    }
    Matched::Unknown
}

fn known_in_row(row: &Row, spec: &TableSpec, renames: Option<&IndexMap<String, Rename>>) -> usize {
    row.cells
        .iter()
        .filter(|cell| matches!(match_header(&cell.display(), spec, renames), Matched::Column(_)))
        .count()
}

/// Finds the header row and the known columns. Every problem is pushed to `found`; `None` when the
/// table cannot be read at all (no header, or a required column missing).
pub fn find_header(
    table: &Table,
    spec: &TableSpec,
    renames: &Renames,
    found: &mut Vec<Diagnostic>,
) -> Option<Header> {
    let renames = renames.get(&spec.role);
    let best = table
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .map(|row| (row, known_in_row(row, spec, renames)))
        .fold(None::<(&Row, usize)>, |best, (row, count)| match best {
            Some((_, best_count)) if best_count >= count => best,
            _ if count > 0 => Some((row, count)),
            _ => best,
        });
    let required: Vec<&str> = spec
        .columns
        .iter()
        .filter(|c| c.required)
        .map(|c| c.name)
        .collect();
    // One recognised column is not enough to call a row the header: a data value can
    // coincidentally equal a column name.
    let Some((row, _)) = best.filter(|(_, count)| *count >= 2) else {
        found.push(
            Diagnostic::error(
                Code::NoHeaderRow,
                table_location(table),
                format!(
                    "no header row found: none of the first {HEADER_SEARCH_ROWS} rows names at least two of the {} columns",
                    spec.role.name()
                ),
            )
            .with_hint(format!(
                "the header needs at least {}; the template (`dpi-assess template`) has the full set, and a mapping file can rename foreign columns",
                required.join(", ")
            )),
        );
        return None;
    };

    let mut columns: IndexMap<&'static str, (usize, String)> = IndexMap::new();
    let mut unknown: Vec<(usize, String)> = Vec::new();
    let mut usable = true;
    for (index, cell) in row.cells.iter().enumerate() {
        let text = cell.display();
        match match_header(&text, spec, renames) {
            Matched::Column(name) => {
                if let Some((first, first_text)) = columns.get(name) {
                    found.push(
                        Diagnostic::error(
                            Code::DuplicateColumn,
                            table.cell_location(row.number, index, Some(&text)),
                            format!(
                                "column `{text}` is a second `{name}` column (the first is `{first_text}`, column {})",
                                crate::diagnostics::column_letters(*first as u32 + 1)
                            ),
                        )
                        .with_hint("delete or rename one of the two columns"),
                    );
                    usable = false;
                } else {
                    columns.insert(name, (index, text));
                }
            }
            Matched::Informational => {}
            Matched::Unknown if text.is_empty() => {}
            Matched::Unknown => unknown.push((index, text)),
        }
    }

    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    let mut explained = Vec::new();
    for column in spec.columns.iter().filter(|c| c.required) {
        if columns.contains_key(column.name) {
            continue;
        }
        usable = false;
        // The mapping file named a header for it that the row does not have: say where.
        if let Some(rename) = renames.and_then(|r| r.get(column.name)).filter(|r| r.refused) {
            found.push(
                Diagnostic::error(
                    Code::MissingColumn,
                    table.cell_location(row.number, 0, None),
                    format!(
                        "required column `{}` is missing: its mapping at {} to `{}` cannot be used",
                        column.name, rename.at, rename.header
                    ),
                )
                .with_hint(format!(
                    "see the error at {}; the header row has {}",
                    rename.at,
                    header_list(row)
                )),
            );
            continue;
        }
        if let Some(rename) = renames.and_then(|r| r.get(column.name)) {
            let message = format!(
                "required column `{}` is missing: {} maps it to `{}`, which is not in the header row",
                column.name, rename.at, rename.header
            );
            let typo = unknown.iter().find(|(index, text)| {
                !explained.contains(index) && is_misspelling(&normalise(text), &normalise(&rename.header))
            });
            let diagnostic = match typo {
                Some((index, text)) => {
                    explained.push(*index);
                    Diagnostic::error(Code::MissingColumn, table.cell_location(row.number, *index, Some(text)), message)
                        .with_hint(format!(
                            "did you mean `{text}`? Correct the header at {} or in the file (case, spaces and punctuation do not matter)",
                            rename.at
                        ))
                }
                None => Diagnostic::error(Code::MissingColumn, table.cell_location(row.number, 0, None), message)
                    .with_hint(format!(
                        "correct the header at {} or in the file (case, spaces and punctuation do not matter); the header row has {}",
                        rename.at,
                        header_list(row)
                    )),
            };
            found.push(diagnostic);
            continue;
        }
        // A header the aliases could not resolve is most likely the missing column misspelt.
        let typo = unknown.iter().find(|(index, text)| {
            !explained.contains(index)
                && std::iter::once(column.name)
                    .chain(column.aliases.iter().copied())
                    .any(|name| is_misspelling(&normalise(text), &normalise(name)))
        });
        let diagnostic = match typo {
            Some((index, text)) => {
                explained.push(*index);
                Diagnostic::error(
                    Code::MissingColumn,
                    table.cell_location(row.number, *index, Some(text)),
                    format!(
                        "required column `{}` is missing; `{text}` is not a known column",
                        column.name
                    ),
                )
                .with_hint(format!(
                    "did you mean `{}`? Rename the header, or map it in the workspace's mapping file",
                    column.name
                ))
            }
            None => Diagnostic::error(
                Code::MissingColumn,
                table.cell_location(row.number, 0, None),
                format!("required column `{}` is missing from the header row", column.name),
            )
            .with_hint(format!(
                "the {} header needs {}; accepted names for `{}`: {}",
                spec.role.name(),
                required.join(", "),
                column.name,
                std::iter::once(column.name)
                    .chain(column.aliases.iter().copied())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        found.push(diagnostic);
    }
    // A mapped header the row does not have, for a column that is not required (a missing
    // required one is the error above): the user asked for that column, so it is not dropped
    // silently.
    for (canonical, rename) in renames.into_iter().flatten().filter(|(_, r)| !r.refused) {
        let Some(column) = spec.columns.iter().find(|c| c.name == canonical) else {
            continue;
        };
        let mapped = row
            .cells
            .iter()
            .any(|cell| normalise(&cell.display()) == normalise(&rename.header));
        if mapped || (column.required && !columns.contains_key(column.name)) {
            continue;
        }
        let instead = match columns.get(column.name) {
            Some((index, text)) => format!(
                "`{}` is read from the column `{text}` ({}) instead; correct or remove the mapping",
                column.name,
                crate::diagnostics::column_letters(*index as u32 + 1)
            ),
            None => format!(
                "the column is not read; correct the header here or in the file (case, spaces and punctuation do not matter); the header row has {}",
                header_list(row)
            ),
        };
        found.push(
            Diagnostic::warning(
                Code::UnknownReference,
                rename.at.clone(),
                format!(
                    "`{}` is mapped to `{}`, but the header row of {} has no such column",
                    column.name,
                    rename.header,
                    table_name(table)
                ),
            )
            .with_hint(instead),
        );
    }
    // Headers close to a known column get a warning each, with the suggestion; the rest (often
    // dozens in a foreign export) one warning that lists them, so the real problems stay visible.
    let mut unread = Vec::new();
    for (index, text) in unknown.iter().filter(|(index, _)| !explained.contains(index)) {
        let close = names
            .iter()
            .find(|name| is_misspelling(&normalise(text), &normalise(name)));
        match close {
            Some(name) => found.push(
                Diagnostic::warning(
                    Code::UnknownColumn,
                    table.cell_location(row.number, *index, Some(text)),
                    format!(
                        "column `{text}` is not a {} column; it is not read",
                        spec.role.name()
                    ),
                )
                .with_hint(format!(
                    "did you mean `{name}`? Rename the header, or map it in the mapping file"
                )),
            ),
            None => unread.push(format!(
                "`{text}` ({})",
                crate::diagnostics::column_letters(*index as u32 + 1)
            )),
        }
    }
    if !unread.is_empty() {
        const SHOWN: usize = 12;
        let more = unread.len().saturating_sub(SHOWN);
        let mut list = unread.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        if more > 0 {
            list.push_str(&format!(" and {more} more"));
        }
        found.push(
            Diagnostic::warning(
                Code::UnknownColumn,
                table.cell_location(row.number, unknown[0].0, None),
                format!(
                    "{} column{} not read: {list}",
                    unread.len(),
                    if unread.len() == 1 { " is" } else { "s are" }
                ),
            )
            .with_hint(format!(
                "the {} columns are {}; map a foreign header to one of them in the mapping file if it should be read",
                spec.role.name(),
                names.join(", ")
            )),
        );
    }
    usable.then_some(Header {
        row: row.number,
        columns,
    })
}

/// Whether a header (normalised) looks like a misspelling of a column name (normalised): one
/// edit for short names, two for longer ones.
fn is_misspelling(header: &str, name: &str) -> bool {
    if header.len() < 3 || name.len() < 3 || header == name {
        return false;
    }
    let limit = if name.len() <= 6 { 1 } else { 2 };
    // Lengths that differ by more than the limit cannot be within it: most pairs stop here.
    if header.chars().count().abs_diff(name.chars().count()) > limit {
        return false;
    }
    edit_distance(header, name) <= limit
}

/// The non-empty cells of a header row, quoted, for hints: at most 12.
fn header_list(row: &Row) -> String {
    const SHOWN: usize = 12;
    let headers: Vec<String> = row
        .cells
        .iter()
        .map(Cell::display)
        .filter(|h| !h.is_empty())
        .map(|h| format!("`{h}`"))
        .collect();
    if headers.is_empty() {
        return "no headers".to_string();
    }
    let more = headers.len().saturating_sub(SHOWN);
    let mut list = headers.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    list
}

/// `file` or `file › sheet`, for messages.
fn table_name(table: &Table) -> String {
    match &table.sheet {
        Some(sheet) => format!("{} › {sheet}", table.file),
        None => table.file.clone(),
    }
}

/// The table as a whole, for problems that concern it all.
pub fn table_location(table: &Table) -> Location {
    match &table.sheet {
        Some(sheet) => Location::file(format!("{} › {sheet}", table.file)),
        None => Location::file(&table.file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i as u32 + 1,
                    cells: cells
                        .iter()
                        .map(|c| {
                            if c.is_empty() {
                                Cell::Empty
                            } else {
                                Cell::Text((*c).into())
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn docs_list_every_column_and_alias() {
        let docs = include_str!("../../docs/inputs.md");
        for spec in [ANSWERS, SYSTEMS, SERVICES, ROSTER, INSTITUTIONS] {
            for column in spec.columns {
                for name in std::iter::once(&column.name).chain(column.aliases) {
                    assert!(
                        docs.contains(&format!("`{name}`")),
                        "docs/inputs.md lacks `{name}`"
                    );
                }
            }
        }
    }

    #[test]
    fn headers_match_across_case_spacing_and_aliases() {
        let t = table(&[
            &["Systems of Kalindra", "", ""],
            &[],
            &["System Name", "Ministry", "BB IDs", "Lifecycle-Status"],
        ]);
        let mut found = Vec::new();
        let header = find_header(&t, &SYSTEMS, &Renames::new(), &mut found).unwrap();
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(header.row, 3);
        assert_eq!(header.get("owner").unwrap().0, 1);
        assert_eq!(header.get("status").unwrap().1, "Lifecycle-Status");
    }

    #[test]
    fn renames_from_a_mapping_file_win() {
        let t = table(&[&["Indicator code", "Score", "Who"]]);
        let mut renames = Renames::new();
        renames.insert(
            InputRole::Answers,
            IndexMap::from([
                (
                    "question_id".to_string(),
                    Rename::new("Indicator code", Location::text("m.yaml", 2, 16)),
                ),
                (
                    "answer".to_string(),
                    Rename::new("score", Location::text("m.yaml", 3, 11)),
                ),
            ]),
        );
        let mut found = Vec::new();
        let header = find_header(&t, &ANSWERS, &renames, &mut found).unwrap();
        assert_eq!(header.get("question_id").unwrap().0, 0);
        assert_eq!(header.get("answer").unwrap().0, 1);
        // `Who` is unknown: reported, not silently dropped.
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::UnknownColumn);
    }

    #[test]
    fn a_misspelt_required_column_is_named() {
        let t = table(&[&["name", "ownr", "building_blocks", "status"]]);
        let mut found = Vec::new();
        assert!(find_header(&t, &SYSTEMS, &Renames::new(), &mut found).is_none());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::MissingColumn);
        assert_eq!(
            found[0].message,
            "required column `owner` is missing; `ownr` is not a known column"
        );
        assert_eq!(
            found[0].location.to_string(),
            "t.csv › B1 (row 1, column \"ownr\")"
        );
    }
}
