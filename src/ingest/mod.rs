//! Ingest: a checked workspace's input files → answers, systems and services in the framework's
//! terms, with a ledger of every row.
//!
//! In: a [`LoadedWorkspace`] (from `definitions::workspace`). Out: [`Ingested`] values and every
//! problem found, each located at file, sheet, row, column and A1 cell, with the bad value, what
//! was expected and a hint; or, with [`load_assessment`], a complete [`Assessment`] when nothing
//! blocks scoring. Not here: scoring, consolidation of respondents, or any judgement of the data.
//!
//! Stages inside: `table` (files → typed cells), `columns` (header row and columns), `values`
//! (single values), `answers` and `inventory` (rows → model values).

pub mod answers;
pub mod columns;
pub mod field;
pub mod inventory;
pub mod limits;
pub mod ods;
pub mod table;
pub mod values;

use std::path::Path;

use indexmap::IndexMap;

use self::answers::{AnswerReader, QuestionIndex, Seen};
use self::columns::{Renames, TableSpec, find_header};
use self::inventory::{BbResolver, SeenItems, read_services, read_systems};
use self::table::{Table, Workbook, empty_input, read_csv};
use crate::definitions::raw::{Located, RawMapping};
use crate::definitions::workspace::{InputKind, LoadedWorkspace, input_kind, load_workspace};
use crate::definitions::{Source, parse_yaml};
use crate::diagnostics::{Code, Diagnostic, Location, has_errors};
use crate::model::{Answer, Assessment, InputRole, Ledger, Service, System, TableLedger};

/// Sheets of an answers workbook that are never answers: the template's own sheets and the
/// inventories. Skipping them is a rule, so it is not reported.
const NON_ANSWER_SHEETS: &[&str] = &["instructions", "lists", "systems", "services"];

/// What the input files hold.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// Answers in file and row order.
    pub answers: Vec<Answer>,
    /// Systems.
    pub systems: Vec<System>,
    /// Services.
    pub services: Vec<Service>,
    /// Every row of every table, used or ignored.
    pub ledger: Ledger,
}

/// Loads a workspace and its inputs. The assessment is returned only when there are no errors;
/// the diagnostics (errors and warnings) always.
pub fn load_assessment(path: &Path) -> (Option<Assessment>, Vec<Diagnostic>) {
    let (loaded, mut found) = load_workspace(path);
    let Some(loaded) = loaded else {
        return (None, found);
    };
    let (ingested, mut problems) = ingest(&loaded);
    found.append(&mut problems);
    if has_errors(&found) {
        return (None, found);
    }
    (Some(assemble(loaded, ingested)), found)
}

/// The assessment from a workspace and what its inputs hold.
pub fn assemble(loaded: LoadedWorkspace, ingested: Ingested) -> Assessment {
    Assessment {
        workspace: loaded.workspace,
        framework: loaded.framework,
        questionnaires: loaded.questionnaires,
        answers: ingested.answers,
        systems: ingested.systems,
        services: ingested.services,
        ledger: ingested.ledger,
    }
}

/// Reads every input file of a workspace.
pub fn ingest(loaded: &LoadedWorkspace) -> (Ingested, Vec<Diagnostic>) {
    let workspace = &loaded.workspace;
    let mut found = Vec::new();
    let mut out = Ingested::default();
    let renames = match &workspace.mapping {
        Some(path) => read_mapping(path, &display_name(&workspace.root, path), &mut found),
        None => Renames::new(),
    };
    let questions = QuestionIndex::new(loaded.questionnaires.iter().flat_map(|q| &q.questions));
    let resolver = BbResolver::new(&loaded.framework);

    let forms = field::FormIndex::new(&loaded.framework, &loaded.questionnaires);
    let mut seen_answers = Seen::new();
    for path in &workspace.answers {
        let file = display_name(&workspace.root, path);
        let reader = AnswerReader {
            framework: &loaded.framework,
            questions: &questions,
            default_respondent: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.clone()),
        };
        let field_reader = field::FieldReader {
            framework: &loaded.framework,
            forms: &forms,
            file_stem: reader.default_respondent.clone(),
        };
        for table in answer_tables(path, &file, &renames, &mut found) {
            // A KoboToolbox or ODK Central export: one submission per row.
            if let Some((platform, header_row)) = field::detect(&table) {
                let mut ledger = new_ledger(&table, InputRole::Answers);
                field_reader.read(
                    &table,
                    platform,
                    header_row,
                    &mut out.answers,
                    &mut seen_answers,
                    &mut ledger,
                    &mut found,
                );
                out.ledger.tables.push(ledger);
                continue;
            }
            let ledger = read_table(
                &table,
                &columns::ANSWERS,
                &renames,
                &mut found,
                |header, ledger, found| {
                    reader.read(&table, header, &mut out.answers, &mut seen_answers, ledger, found)
                },
            );
            out.ledger.tables.push(ledger);
        }
    }

    if let Some(path) = &workspace.systems {
        let file = display_name(&workspace.root, path);
        if let Some(table) = inventory_table(path, &file, InputRole::Systems, &mut found) {
            let mut seen = SeenItems::new();
            let ledger = read_table(
                &table,
                &columns::SYSTEMS,
                &renames,
                &mut found,
                |header, ledger, found| {
                    read_systems(
                        &table,
                        header,
                        &resolver,
                        &mut out.systems,
                        &mut seen,
                        ledger,
                        found,
                    )
                },
            );
            out.ledger.tables.push(ledger);
        }
    }

    if let Some(path) = &workspace.services {
        let file = display_name(&workspace.root, path);
        if let Some(table) = inventory_table(path, &file, InputRole::Services, &mut found) {
            let mut seen = SeenItems::new();
            let ledger = read_table(
                &table,
                &columns::SERVICES,
                &renames,
                &mut found,
                |header, ledger, found| {
                    read_services(
                        &table,
                        header,
                        &resolver,
                        &mut out.services,
                        &mut seen,
                        ledger,
                        found,
                    )
                },
            );
            out.ledger.tables.push(ledger);
        }
    }
    (out, found)
}

/// Finds a table's header and reads its rows with `read`; without a usable header every row is
/// ignored as invalid (the header diagnostics say why). Returns the table's ledger.
fn read_table(
    table: &Table,
    spec: &TableSpec,
    renames: &Renames,
    found: &mut Vec<Diagnostic>,
    read: impl FnOnce(&columns::Header, &mut TableLedger, &mut Vec<Diagnostic>),
) -> TableLedger {
    let mut ledger = new_ledger(table, spec.role);
    match find_header(table, spec, renames, found) {
        Some(header) => {
            ledger.header_row = Some(header.row);
            read(&header, &mut ledger, found);
        }
        None => ignore_all(table, &mut ledger),
    }
    ledger
}

/// A path as the workspace names it (relative to its folder), for messages and the ledger.
fn display_name(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn new_ledger(table: &Table, role: InputRole) -> TableLedger {
    TableLedger {
        file: table.file.clone(),
        sheet: table.sheet.clone(),
        role,
        header_row: None,
        rows_read: 0,
        rows_used: 0,
        ignored: Vec::new(),
    }
}

/// A table without a usable header: every row is ignored, as invalid (the header error says why).
fn ignore_all(table: &Table, ledger: &mut TableLedger) {
    for row in &table.rows {
        ledger.rows_read += 1;
        ledger.ignored.push(crate::model::IgnoredRow {
            row: row.number,
            reason: if row.is_empty() {
                crate::model::IgnoreReason::Empty
            } else {
                crate::model::IgnoreReason::Invalid
            },
        });
    }
}

/// The tables of an answers file: the csv itself, or every answers sheet of a workbook.
fn answer_tables(path: &Path, file: &str, renames: &Renames, found: &mut Vec<Diagnostic>) -> Vec<Table> {
    match input_kind(path) {
        Some(InputKind::Workbook) => {
            let mut workbook = match Workbook::open(path, file) {
                Ok(workbook) => workbook,
                Err(diagnostic) => {
                    found.push(diagnostic);
                    return Vec::new();
                }
            };
            let mut tables = Vec::new();
            let mut skipped = Vec::new();
            let names = workbook.sheet_names();
            for sheet in &names {
                if NON_ANSWER_SHEETS
                    .iter()
                    .any(|n| sheet.trim().eq_ignore_ascii_case(n))
                {
                    continue;
                }
                let table = match workbook.table(sheet) {
                    Ok(table) => table,
                    Err(diagnostic) => {
                        found.push(diagnostic);
                        continue;
                    }
                };
                if table.rows.is_empty() {
                    continue;
                }
                // A sheet is read as answers when it says so by its name or by its header; any
                // other sheet is reported, since it may hold answers in a layout we missed.
                let named_answers = sheet.trim().eq_ignore_ascii_case("answers");
                let mut probe = Vec::new();
                if named_answers
                    || field::detect(&table).is_some()
                    || find_header(&table, &columns::ANSWERS, renames, &mut probe).is_some()
                {
                    tables.push(table);
                } else {
                    skipped.push(
                        Diagnostic::warning(
                            Code::SheetNotRead,
                            Location::file(format!("{file} › {sheet}")),
                            format!("sheet `{sheet}` has no question_id and answer columns; it is not read"),
                        )
                        .with_hint("answers need a header row with question_id and answer; other sheets can stay, they are skipped"),
                    );
                }
            }
            if tables.is_empty() {
                found.push(
                    Diagnostic::error(
                        Code::MissingSheet,
                        Location::file(file),
                        format!(
                            "workbook has no sheet of answers (sheets: {})",
                            names.join(", ")
                        ),
                    )
                    .with_hint("answers go in a sheet named `answers`, or in sheets with question_id and answer columns as `dpi-assess template` writes them"),
                );
            } else {
                found.append(&mut skipped);
            }
            tables
        }
        _ => read_csv(path, file, found).into_iter().collect(),
    }
}

/// The table of an inventory: the csv itself, or the sheet named after the inventory.
fn inventory_table(path: &Path, file: &str, role: InputRole, found: &mut Vec<Diagnostic>) -> Option<Table> {
    match input_kind(path) {
        Some(InputKind::Workbook) => {
            let mut workbook = Workbook::open(path, file).map_err(|d| found.push(d)).ok()?;
            let Some(sheet) = workbook.find_sheet(role.name()) else {
                found.push(
                    Diagnostic::error(
                        Code::MissingSheet,
                        Location::file(file),
                        format!(
                            "workbook has no sheet `{}` (sheets: {})",
                            role.name(),
                            workbook.sheet_names().join(", ")
                        ),
                    )
                    .with_hint(format!(
                        "name the sheet that holds the {} inventory `{}`",
                        role.name(),
                        role.name()
                    )),
                );
                return None;
            };
            let table = workbook.table(&sheet).map_err(|d| found.push(d)).ok()?;
            if table.rows.is_empty() {
                found.push(empty_input(file, Some(&sheet)));
                return None;
            }
            Some(table)
        }
        _ => read_csv(path, file, found),
    }
}

fn read_mapping(path: &Path, file: &str, found: &mut Vec<Diagnostic>) -> Renames {
    let mut renames = Renames::new();
    let source = match Source::read(path) {
        Ok(source) => Source {
            name: file.to_string(),
            ..source
        },
        Err(diagnostic) => {
            found.push(diagnostic);
            return renames;
        }
    };
    let raw: RawMapping = match parse_yaml(&source) {
        Ok(raw) => raw,
        Err(diagnostic) => {
            found.push(diagnostic.with_hint(
                "a mapping file has sections answers, systems and services, each `our_column: Their header`",
            ));
            return renames;
        }
    };
    let sections = [
        (columns::ANSWERS, raw.answers),
        (columns::SYSTEMS, raw.systems),
        (columns::SERVICES, raw.services),
    ];
    for (spec, section) in sections {
        let Some(section) = section else { continue };
        check_mapping_section(&spec, &section, file, found);
        renames.insert(spec.role, section.value);
    }
    renames
}

fn check_mapping_section(
    spec: &TableSpec,
    section: &Located<IndexMap<String, String>>,
    file: &str,
    found: &mut Vec<Diagnostic>,
) {
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    for canonical in section.value.keys() {
        if !names.contains(&canonical.as_str()) {
            found.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    Location::text(file, section.line, section.column),
                    format!("`{canonical}` is not a {} column", spec.role.name()),
                )
                .with_hint(format!(
                    "map one of {} to the header your file uses",
                    names.join(", ")
                )),
            );
        }
    }
}
