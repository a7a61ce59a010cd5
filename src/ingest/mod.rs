//! Ingest: a checked workspace's input files → answers, systems and services in the framework's
//! terms, with a ledger of every row.
//!
//! In: a [`LoadedWorkspace`] (from `definitions::workspace`). Out: [`Ingested`] values and every
//! problem found, each located at file, sheet, row, column and A1 cell, with the bad value, what
//! was expected and a hint; or, with [`load_assessment`], a complete [`Assessment`] when nothing
//! blocks scoring. Not here: scoring, consolidation of respondents, or any judgement of the data.
//!
//! Stages inside: `table` (files → typed cells), `columns` (header row and columns), `values`
//! (single values), `answers` and `inventory` (rows → model values); `field` reads form exports
//! and `form_inventory` their repeat tables (the inventories collected with the form); `archive`
//! opens ODK Central's export zip into its csv tables.

pub mod adjudications;
pub mod answers;
pub mod archive;
pub mod cells;
pub mod columns;
pub mod evidence;
pub mod field;
pub mod form_inventory;
pub mod institutions;
pub mod inventory;
pub mod limits;
pub mod ods;
pub mod roster;
pub mod table;
pub mod values;
pub mod workbook;
pub mod xlsx;

use std::path::Path;

use indexmap::IndexMap;

use self::answers::{AnswerReader, QuestionIndex, Seen};
use self::columns::{Rename, Renames, TableSpec, find_header};
use self::inventory::{BbResolver, Lookups, SeenItems, read_services, read_systems};
use self::limits::Limits;
use self::table::{Table, empty_input, read_csv};
use self::workbook::Workbook;
use crate::definitions::raw::{Located, RawMapping};
use crate::definitions::workspace::{InputKind, LoadedWorkspace, input_kind, load_workspace};
use crate::definitions::{Source, parse_yaml};
use crate::diagnostics::{Code, Diagnostic, Location, has_errors};
use crate::model::{Answer, Assessment, InputRole, Ledger, Register, Service, System, TableLedger};

/// Sheets of an answers workbook that are never answers: the template's own sheets and the
/// inventories. Skipping them is a rule, so it is not reported.
const NON_ANSWER_SHEETS: &[&str] = &[
    "instructions",
    "lists",
    "systems",
    "services",
    "evidence",
    "adjudications",
    "institutions",
    "roster",
];

/// What the input files hold.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    /// Answers in file and row order.
    pub answers: Vec<Answer>,
    /// Systems.
    pub systems: Vec<System>,
    /// Services.
    pub services: Vec<Service>,
    /// The validation workshop's decisions.
    pub adjudications: Vec<crate::model::Adjudication>,
    /// The evidence register, when the workspace lists one.
    pub register: Option<Register>,
    /// The country's target-architecture decisions, when the workspace has `architecture.yaml`.
    pub architecture: Option<crate::model::ArchitectureChoices>,
    /// Every row of every table, used or ignored.
    pub ledger: Ledger,
    /// The role → institution map of the workspace, with canonical names and the roles the
    /// institutions list assigns, when the workspace has a list.
    pub roles: Option<IndexMap<String, String>>,
    /// The respondent roster and its rows' ledger, when the workspace lists one (field
    /// collection only: it is not part of the assessment, and its rows are not in `ledger`).
    pub roster: Option<(Vec<crate::model::RosterEntry>, Option<TableLedger>)>,
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
    let mut workspace = loaded.workspace;
    if let Some(roles) = ingested.roles {
        workspace.roles = roles;
    }
    Assessment {
        workspace,
        framework: loaded.framework,
        questionnaires: loaded.questionnaires,
        answers: ingested.answers,
        systems: ingested.systems,
        services: ingested.services,
        adjudications: ingested.adjudications,
        register: ingested.register,
        ledger: ingested.ledger,
        architecture: ingested.architecture,
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
    let limits = Limits::from_env();

    let institutions =
        read_institutions_input(loaded, &renames, &limits, &mut found).map(|(list, ledger)| {
            if let Some(ledger) = ledger {
                out.ledger.tables.push(ledger);
            }
            list
        });
    if let Some(list) = &institutions {
        out.roles = Some(institutions::canonical_roles(
            &workspace.roles,
            list,
            &display_name(&workspace.root, &workspace.root.join("assessment.yaml")),
            &mut found,
        ));
    }

    let forms = field::FormIndex::new(&loaded.framework, &loaded.questionnaires);
    let mut seen_answers = Seen::new();
    // The inventories' repeat tables of form exports, read once every export's reviews are known.
    let mut repeat_tables = Vec::new();
    let mut reviews = field::Reviews::default();
    for path in &workspace.answers {
        let file = display_name(&workspace.root, path);
        let reader = AnswerReader {
            framework: &loaded.framework,
            questions: &questions,
            default_respondent: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| file.clone()),
            institutions: institutions.as_ref(),
        };
        let field_reader = field::FieldReader {
            framework: &loaded.framework,
            forms: &forms,
            file_stem: reader.default_respondent.clone(),
            institutions: institutions.as_ref(),
        };
        for mut table in answer_tables(path, &file, &renames, &limits, &mut found) {
            cells::check_text_lengths(&table, &mut found);
            if let Some(repeat) = form_inventory::detect(&table) {
                repeat_tables.push((table, repeat));
                continue;
            }
            // A KoboToolbox or ODK Central export: one submission per row.
            if let Some((platform, header_row)) = field::detect(&table) {
                reviews.record(&table, platform, header_row);
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
                &mut table,
                &columns::ANSWERS,
                &renames,
                &mut found,
                |table, header, ledger, found| {
                    reader.read(table, header, &mut out.answers, &mut seen_answers, ledger, found)
                },
            );
            out.ledger.tables.push(ledger);
        }
    }

    let lookups = Lookups {
        bbs: &resolver,
        institutions: institutions.as_ref(),
    };
    // Inventories collected with the form: its exports' repeat tables (docs/inputs.md).
    let mut seen_systems = SeenItems::new();
    let mut seen_services = SeenItems::new();
    for (mut table, repeat) in repeat_tables {
        let left_out = form_inventory::prepare(&mut table, repeat, &loaded.framework, &reviews, &mut found);
        let spec = if repeat.role == InputRole::Systems {
            &columns::SYSTEMS
        } else {
            &columns::SERVICES
        };
        let mut ledger = read_table(
            &mut table,
            spec,
            &renames,
            &mut found,
            |table, header, ledger, found| {
                if repeat.role == InputRole::Systems {
                    read_systems(
                        table,
                        header,
                        lookups,
                        &mut out.systems,
                        &mut seen_systems,
                        ledger,
                        found,
                    );
                } else {
                    read_services(
                        table,
                        header,
                        lookups,
                        &mut out.services,
                        &mut seen_services,
                        ledger,
                        found,
                    );
                }
            },
        );
        for (row, reason) in left_out {
            ledger.rows_read += 1;
            ledger.ignored.push(crate::model::IgnoredRow { row, reason });
        }
        ledger.ignored.sort_by_key(|r| r.row);
        out.ledger.tables.push(ledger);
    }

    if let Some(path) = &workspace.systems {
        let file = display_name(&workspace.root, path);
        if let Some(mut table) = inventory_table(path, &file, InputRole::Systems, &limits, &mut found) {
            cells::check_text_lengths(&table, &mut found);
            let seen = &mut seen_systems;
            let ledger = read_table(
                &mut table,
                &columns::SYSTEMS,
                &renames,
                &mut found,
                |table, header, ledger, found| {
                    read_systems(table, header, lookups, &mut out.systems, seen, ledger, found)
                },
            );
            out.ledger.tables.push(ledger);
        }
    }

    if let Some(path) = &workspace.services {
        let file = display_name(&workspace.root, path);
        if let Some(mut table) = inventory_table(path, &file, InputRole::Services, &limits, &mut found) {
            cells::check_text_lengths(&table, &mut found);
            let seen = &mut seen_services;
            let ledger = read_table(
                &mut table,
                &columns::SERVICES,
                &renames,
                &mut found,
                |table, header, ledger, found| {
                    read_services(table, header, lookups, &mut out.services, seen, ledger, found)
                },
            );
            out.ledger.tables.push(ledger);
        }
    }

    if let Some(path) = &workspace.evidence {
        let file = display_name(&workspace.root, path);
        // A register that cannot be read at all is still a register: its errors stop scoring,
        // and the answers are not judged as if the workspace had none.
        let mut documents = Vec::new();
        if let Some(mut table) = inventory_table(path, &file, InputRole::Evidence, &limits, &mut found) {
            cells::check_text_lengths(&table, &mut found);
            let ledger = read_table(
                &mut table,
                &columns::EVIDENCE,
                &renames,
                &mut found,
                |table, header, ledger, found| {
                    evidence::read_register(table, header, &mut documents, ledger, found)
                },
            );
            out.ledger.tables.push(ledger);
        }
        out.register = Some(Register::new(documents));
    }

    if let Some(path) = &workspace.adjudications {
        let file = display_name(&workspace.root, path);
        if let Some(mut table) = inventory_table(path, &file, InputRole::Adjudications, &limits, &mut found) {
            cells::check_text_lengths(&table, &mut found);
            let indicators: Vec<&str> = loaded
                .framework
                .indicators()
                .map(|(_, _, indicator)| indicator.id.as_str())
                .collect();
            let ledger = read_table(
                &mut table,
                &columns::ADJUDICATIONS,
                &renames,
                &mut found,
                |table, header, ledger, found| {
                    adjudications::read_adjudications(
                        table,
                        header,
                        &indicators,
                        &mut out.adjudications,
                        ledger,
                        found,
                    )
                },
            );
            out.ledger.tables.push(ledger);
        }
    }
    out.roster = read_roster_input(loaded, institutions.as_ref(), &limits, &mut found);
    // The country's architecture decisions name systems, so they are checked against the inventory.
    let architecture = workspace
        .root
        .join(crate::definitions::architecture::ARCHITECTURE_FILE);
    if architecture.is_file() {
        match crate::definitions::architecture::load_choices(&architecture, &loaded.framework, &out.systems) {
            Ok(choices) => out.architecture = Some(choices),
            Err(mut problems) => found.append(&mut problems),
        }
    }
    (out, found)
}

/// The workspace's roster (`inputs.roster`) and its ledger, read alone: `template --for` reads it
/// before any answer exists. `None` when the workspace lists no roster.
pub fn load_roster(loaded: &LoadedWorkspace) -> (Option<LoadedRoster>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let limits = Limits::from_env();
    let institutions =
        read_institutions_input(loaded, &Renames::new(), &limits, &mut found).map(|(list, _)| list);
    let roster = read_roster_input(loaded, institutions.as_ref(), &limits, &mut found);
    let roster = roster.map(|(entries, _)| LoadedRoster {
        entries,
        institutions,
    });
    (roster, found)
}

/// A roster read alone, with the list of institutions its names were matched to.
pub struct LoadedRoster {
    /// The roster's rows, institutions under their canonical names when there is a list.
    pub entries: Vec<crate::model::RosterEntry>,
    /// The workspace's list of institutions, when it has one.
    pub institutions: Option<institutions::InstitutionIndex>,
}

/// The workspace's list of institutions (`inputs.institutions`) and its ledger; `None` when it
/// lists none. A list that cannot be read at all is an empty list (its errors stop scoring).
fn read_institutions_input(
    loaded: &LoadedWorkspace,
    renames: &Renames,
    limits: &Limits,
    found: &mut Vec<Diagnostic>,
) -> Option<(institutions::InstitutionIndex, Option<TableLedger>)> {
    let workspace = &loaded.workspace;
    let path = workspace.institutions.as_ref()?;
    let file = display_name(&workspace.root, path);
    let role_ids: Vec<&str> = loaded.framework.roles.iter().map(|r| r.id.as_str()).collect();
    let mut list = Vec::new();
    let mut ledger = None;
    if let Some(mut table) = inventory_table(path, &file, InputRole::Institutions, limits, found) {
        cells::check_text_lengths(&table, found);
        ledger = Some(read_table(
            &mut table,
            &columns::INSTITUTIONS,
            renames,
            found,
            |table, header, ledger, found| {
                institutions::read_institutions(
                    table,
                    header,
                    &role_ids,
                    &workspace.roles,
                    &mut list,
                    ledger,
                    found,
                )
            },
        ));
    }
    Some((institutions::InstitutionIndex::new(list), ledger))
}

fn read_roster_input(
    loaded: &LoadedWorkspace,
    institutions: Option<&institutions::InstitutionIndex>,
    limits: &Limits,
    found: &mut Vec<Diagnostic>,
) -> Option<(Vec<crate::model::RosterEntry>, Option<TableLedger>)> {
    let workspace = &loaded.workspace;
    let path = workspace.roster.as_ref()?;
    let file = display_name(&workspace.root, path);
    let mut entries = Vec::new();
    let mut roster_ledger = None;
    if let Some(mut table) = inventory_table(path, &file, InputRole::Roster, limits, found) {
        cells::check_text_lengths(&table, found);
        // A mapping file renames the columns of answers and inventories, not of the roster.
        roster_ledger = Some(read_table(
            &mut table,
            &columns::ROSTER,
            &Renames::new(),
            found,
            |table, header, ledger, found| {
                roster::read_roster(
                    table,
                    header,
                    &loaded.framework,
                    institutions,
                    &mut entries,
                    ledger,
                    found,
                )
            },
        ));
    }
    Some((entries, roster_ledger))
}

/// Finds a table's header and reads its rows with `read`; without a usable header every row is
/// ignored as invalid (the header diagnostics say why). Returns the table's ledger.
fn read_table(
    table: &mut Table,
    spec: &TableSpec,
    renames: &Renames,
    found: &mut Vec<Diagnostic>,
    read: impl FnOnce(&mut Table, &columns::Header, &mut TableLedger, &mut Vec<Diagnostic>),
) -> TableLedger {
    let mut ledger = new_ledger(table, spec.role);
    match find_header(table, spec, renames, found) {
        Some(header) => {
            ledger.header_row = Some(header.row);
            read(table, &header, &mut ledger, found);
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

/// The tables of an answers file: the csv itself, or every answers sheet of a workbook. Hidden
/// sheets are not read (an author hides a sheet to set it aside, e.g. last year's answers), and
/// each one is reported.
fn answer_tables(
    path: &Path,
    file: &str,
    renames: &Renames,
    limits: &Limits,
    found: &mut Vec<Diagnostic>,
) -> Vec<Table> {
    match input_kind(path) {
        Some(InputKind::Workbook) => {
            let mut workbook = match Workbook::open(path, file, limits, found) {
                Ok(workbook) => workbook,
                Err(diagnostic) => {
                    found.push(diagnostic);
                    return Vec::new();
                }
            };
            let mut tables = Vec::new();
            let mut skipped = Vec::new();
            let sheets = workbook.sheets().to_vec();
            for sheet in &sheets {
                let name = &sheet.name;
                if NON_ANSWER_SHEETS
                    .iter()
                    .any(|n| name.trim().eq_ignore_ascii_case(n))
                {
                    // KoboToolbox names a repeat group's sheet after the repeat: the form's
                    // `systems` and `services` inventories.
                    if !sheet.hidden
                        && ["systems", "services"]
                            .iter()
                            .any(|n| name.trim().eq_ignore_ascii_case(n))
                        && let Ok(table) = workbook.table(name, found)
                        && form_inventory::detect(&table).is_some()
                    {
                        tables.push(table);
                    }
                    continue;
                }
                if sheet.hidden {
                    skipped.push(hidden_sheet(file, name));
                    continue;
                }
                let table = match workbook.table(name, found) {
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
                let named_answers = name.trim().eq_ignore_ascii_case("answers");
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
                            Location::file(format!("{file} › {name}")),
                            format!("sheet `{name}` has no question_id and answer columns; it is not read"),
                        )
                        .with_hint("answers need a header row with question_id and answer; other sheets can stay, they are skipped"),
                    );
                }
            }
            if tables.is_empty() {
                let names: Vec<String> = sheets
                    .iter()
                    .map(|s| {
                        if s.hidden {
                            format!("{} (hidden)", s.name)
                        } else {
                            s.name.clone()
                        }
                    })
                    .collect();
                found.push(
                    Diagnostic::error(
                        Code::MissingSheet,
                        Location::file(file),
                        format!("workbook has no sheet of answers (sheets: {})", names.join(", ")),
                    )
                    .with_hint("answers go in a visible sheet named `answers`, or in sheets with question_id and answer columns as `dpi-assess template` writes them"),
                );
            }
            found.append(&mut skipped);
            tables
        }
        Some(InputKind::Archive) => {
            let mut tables = Vec::new();
            for table in archive::read_archive(path, file, limits, found) {
                let mut probe = Vec::new();
                if table.rows.is_empty()
                    || form_inventory::detect(&table).is_some()
                    || field::detect(&table).is_some()
                    || find_header(&table, &columns::ANSWERS, renames, &mut probe).is_some()
                {
                    tables.push(table);
                } else {
                    let entry = table.sheet.as_deref().unwrap_or_default();
                    found.push(
                        Diagnostic::warning(
                            Code::SheetNotRead,
                            Location::file(format!("{file} › {entry}")),
                            format!("`{entry}` is neither a form's submissions nor one of its systems or services repeats; it is not read"),
                        )
                        .with_hint("an export of the tool's XLSForm holds the submissions and the `systems` and `services` repeats; other repeats of a form edited by hand are left out"),
                    );
                }
            }
            tables
        }
        _ => read_csv_within(path, file, limits, found).into_iter().collect(),
    }
}

/// The warning for a hidden sheet left unread.
fn hidden_sheet(file: &str, sheet: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::HiddenSheet,
        Location::file(format!("{file} › {sheet}")),
        format!("sheet `{sheet}` is hidden; it is not read"),
    )
    .with_hint("hidden sheets are taken as set aside (an old copy, a working sheet); unhide it (right-click a sheet tab › Unhide) if its rows should count")
}

/// A csv file, unless it is larger than the unpacked-size limit.
fn read_csv_within(path: &Path, file: &str, limits: &Limits, found: &mut Vec<Diagnostic>) -> Option<Table> {
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.len() > limits.max_unpacked_bytes
    {
        found.push(limits.unpacked_error(Location::file(file), "the file", metadata.len()));
        return None;
    }
    read_csv(path, file, found)
}

/// The table of an inventory: the csv itself, or the sheet named after the inventory.
fn inventory_table(
    path: &Path,
    file: &str,
    role: InputRole,
    limits: &Limits,
    found: &mut Vec<Diagnostic>,
) -> Option<Table> {
    match input_kind(path) {
        Some(InputKind::Workbook) => {
            let mut workbook = Workbook::open(path, file, limits, found)
                .map_err(|d| found.push(d))
                .ok()?;
            let Some(sheet) = workbook.find_sheet(role.name()).cloned() else {
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
            if sheet.hidden {
                found.push(
                    Diagnostic::error(
                        Code::MissingSheet,
                        Location::file(format!("{file} › {}", sheet.name)),
                        format!(
                            "the {} sheet `{}` is hidden, and hidden sheets are not read",
                            role.name(),
                            sheet.name
                        ),
                    )
                    .with_hint("unhide it (right-click a sheet tab › Unhide) if it is the inventory to use"),
                );
                return None;
            }
            let table = workbook
                .table(&sheet.name, found)
                .map_err(|d| found.push(d))
                .ok()?;
            if table.rows.is_empty() {
                found.push(empty_input(file, Some(&sheet.name)));
                return None;
            }
            Some(table)
        }
        // The workspace check lets an archive in only under answers; a caller that skipped it
        // still gets the reason rather than a csv reading of zip bytes.
        Some(InputKind::Archive) => {
            found.push(
                Diagnostic::error(
                    Code::UnsupportedInput,
                    Location::file(file),
                    format!(
                        "`{file}` is a zip archive, which is read only as a form export under inputs.answers"
                    ),
                )
                .with_hint("unpack the csv file this input needs and list that"),
            );
            None
        }
        _ => read_csv_within(path, file, limits, found),
    }
}

/// Reads the workspace's mapping file into renames. A mapping that cannot work (an unknown column,
/// an empty header, one header for two columns) is an error at its line of the mapping file and
/// renames nothing; a required column it leaves missing points back at that line.
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
        Err(mut diagnostic) => {
            diagnostic.hint.get_or_insert_with(|| {
                "a mapping file has sections answers, systems and services, each `our_column: Their header`".to_string()
            });
            found.push(diagnostic);
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
        renames.insert(spec.role, check_mapping_section(&spec, &section, &source, found));
    }
    renames
}

/// The usable renames of one section of the mapping file; the others are reported.
fn check_mapping_section(
    spec: &TableSpec,
    section: &Located<IndexMap<String, Located<String>>>,
    source: &Source,
    found: &mut Vec<Diagnostic>,
) -> IndexMap<String, Rename> {
    let file = source.name.as_str();
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    let role = spec.role.name();
    let mut usable: IndexMap<String, Rename> = IndexMap::new();
    for (canonical, header) in &section.value {
        let at = Location::text(file, header.line, header.column);
        if !names.contains(&canonical.as_str()) {
            // The key is what is wrong here, so point at it rather than at the header.
            let key_column = key_column(&source.text, header.line, header.column, canonical);
            let at = Location::text(file, header.line, key_column.unwrap_or(header.column));
            // `system_name` is another name of `name`: the key must be the column's own name.
            let by_alias = spec
                .columns
                .iter()
                .find(|c| {
                    c.aliases
                        .iter()
                        .any(|a| columns::normalise(a) == columns::normalise(canonical))
                })
                .map(|c| c.name);
            let close =
                by_alias.or_else(|| crate::definitions::did_you_mean(canonical, names.iter().copied()));
            let map = format!("one of {} to the header your file uses", names.join(", "));
            found.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    at,
                    format!("`{canonical}` is not a {role} column"),
                )
                .with_hint(match close {
                    Some(close) => format!("did you mean `{close}`? Map {map}"),
                    None => format!("map {map}"),
                }),
            );
            continue;
        }
        let key = columns::normalise(&header.value);
        if key.is_empty() {
            found.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    at,
                    format!("`{canonical}` is mapped to an empty header"),
                )
                .with_hint(format!(
                    "write the header your {role} file uses for `{canonical}`, or remove the line"
                )),
            );
            continue;
        }
        if let Some((first, rename)) = usable
            .iter()
            .find(|(_, r)| !r.refused && columns::normalise(&r.header) == key)
        {
            found.push(
                Diagnostic::error(
                    Code::DuplicateColumn,
                    at.clone(),
                    format!(
                        "`{canonical}` and `{first}` are both mapped to the header `{}` (`{first}` at {})",
                        header.value, rename.at
                    ),
                )
                .with_hint(format!(
                    "a header can feed one column only; map `{canonical}` to the header that holds it, or remove the line"
                )),
            );
            let mut refused = Rename::new(header.value.clone(), at);
            refused.refused = true;
            usable.insert(canonical.clone(), refused);
            continue;
        }
        usable.insert(canonical.clone(), Rename::new(header.value.clone(), at));
    }
    usable
}

/// The 1-based column of `key` on `line`, before the value at `value_column`: the mapping keeps
/// the position of each header, and a wrong key is better shown where it is written.
fn key_column(text: &str, line: u32, value_column: u32, key: &str) -> Option<u32> {
    let row = text.lines().nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let before: String = row
        .chars()
        .take(usize::try_from(value_column).ok()?.saturating_sub(1))
        .collect();
    let at = before.rfind(key)?;
    u32::try_from(before[..at].chars().count() + 1).ok()
}
