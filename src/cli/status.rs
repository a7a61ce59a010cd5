//! `dpi-assess status WS [--format table|csv|xlsx] [--out PATH] [--today YYYY-MM-DD]`: where field
//! collection stands, per institution and section of the roster, and who to remind.
//!
//! In: a workspace with `inputs.roster`. Out: the table on stdout; with `csv`, `status.csv` and
//! `reminders.csv` in a folder (default `<workspace>/output`); with `xlsx`, one workbook (default
//! `<workspace>/output/status.xlsx`), written all together or not at all. Diagnostics on stderr.
//! Missing answers are findings of the status, not errors: exit 0 whenever the roster reads
//! cleanly, even with answer files in error (their bad rows are not counted). Not here: the
//! status itself (`model::roster`), reading the roster (`ingest::roster`).

use std::path::PathBuf;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::files::{Output, not_loaded_exit, output_dir, write_run};
use super::output::truncate;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Printer, StatusArgs, StatusFormat};
use crate::definitions::workspace::load_workspace;
use crate::diagnostics::{self, Code, Diagnostic, Location, has_errors};
use crate::ingest::ingest;
use crate::model::{CollectionStatus, Date, Reminder, SectionStatus, collection_status};

pub(super) fn run(printer: &Printer, args: &StatusArgs) -> u8 {
    let today = match &args.today {
        None => Date::today(),
        Some(text) => match Date::parse(text) {
            Some(date) => date,
            None => {
                printer.fatal(
                    &Diagnostic::error(
                        Code::InvalidDate,
                        Location::file("--today"),
                        format!("`{text}` is not a date"),
                    )
                    .with_hint("write it as YYYY-MM-DD, e.g. --today 2026-05-10"),
                );
                return EXIT_USAGE;
            }
        },
    };
    let (loaded, mut found) = load_workspace(&args.workspace);
    let Some(loaded) = loaded else {
        diagnostics::sort(&mut found);
        printer.diagnostics(&found);
        printer.status(&format!("status not reported: {}", printer.counts(&found)));
        return not_loaded_exit(&found);
    };
    let Some(roster_path) = loaded.workspace.roster.clone() else {
        printer.fatal(
            &Diagnostic::error(
                Code::MissingValue,
                Location::file(args.workspace.join("assessment.yaml").display().to_string()),
                "the workspace lists no roster, so there is nobody to follow up",
            )
            .with_hint(
                "write roster.csv (respondent, institution, role, contact, sections, due) and list it in assessment.yaml: `inputs:` › `roster: roster.csv` (docs/inputs.md, \"Roster\")",
            ),
        );
        return EXIT_USAGE;
    };
    let (ingested, mut problems) = ingest(&loaded);
    found.append(&mut problems);
    diagnostics::sort(&mut found);
    let roster_file = roster_path
        .strip_prefix(&loaded.workspace.root)
        .unwrap_or(&roster_path)
        .to_string_lossy()
        .replace('\\', "/");
    let about_roster = |d: &Diagnostic| match &d.location {
        Location::File { path } | Location::Text { path, .. } | Location::Cell { path, .. } => {
            path.starts_with(&roster_file)
        }
    };
    let roster_errors: Vec<Diagnostic> = found
        .iter()
        .filter(|d| d.is_error() && about_roster(d))
        .cloned()
        .collect();
    printer.diagnostics(&found);
    if !roster_errors.is_empty() {
        printer.status(&format!(
            "status not reported: the roster has {}",
            printer.counts(&roster_errors)
        ));
        return EXIT_FINDINGS;
    }
    if has_errors(&found) {
        printer.status(
            "note: the rows in error above are not counted as answered; `dpi-assess validate` lists them",
        );
    }
    let roster = ingested.roster.map(|(entries, _)| entries).unwrap_or_default();
    let status = collection_status(
        &roster,
        &ingested.answers,
        &loaded.framework,
        &loaded.questionnaires,
        today,
    );

    let files: Vec<Output> = match args.format {
        StatusFormat::Table => Vec::new(),
        StatusFormat::Csv => {
            let folder = args.out.clone().unwrap_or_else(|| output_dir(&args.workspace));
            if folder.is_file() {
                printer.fatal(
                    &Diagnostic::error(
                        Code::Io,
                        Location::file(folder.display().to_string()),
                        format!("{} is a file, but --format csv writes a folder", folder.display()),
                    )
                    .with_hint("give a folder for --out; it is created if missing"),
                );
                return EXIT_USAGE;
            }
            vec![
                (
                    folder.join("status.csv"),
                    sections_csv(&status).into_bytes().into(),
                ),
                (
                    folder.join("reminders.csv"),
                    reminders_csv(&status).into_bytes().into(),
                ),
            ]
        }
        StatusFormat::Xlsx => {
            let out = args
                .out
                .clone()
                .unwrap_or_else(|| output_dir(&args.workspace).join("status.xlsx"));
            if out.is_dir() {
                printer.fatal(
                    &Diagnostic::error(
                        Code::Io,
                        Location::file(out.display().to_string()),
                        format!("{} is a folder", out.display()),
                    )
                    .with_hint("give the path of the workbook to write, e.g. --out status.xlsx"),
                );
                return EXIT_USAGE;
            }
            match workbook(&status) {
                Ok(bytes) => vec![(out, bytes.into())],
                Err(err) => {
                    printer.fatal(&Diagnostic::error(
                        Code::Io,
                        Location::file(out.display().to_string()),
                        format!("cannot build the workbook: {err}"),
                    ));
                    return EXIT_USAGE;
                }
            }
        }
    };
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    if !files.is_empty()
        && let Err(d) = write_run("status", &files)
    {
        printer.fatal(&d);
        return EXIT_USAGE;
    }
    for line in table(&status) {
        printer.line(&line);
    }
    for path in paths {
        printer.line(&format!("{} {}", printer.dim("wrote"), path.display()));
    }
    EXIT_OK
}

/// What a section row says in the status column.
fn state(row: &SectionStatus) -> String {
    match row.days_overdue {
        _ if row.complete() => "complete".to_string(),
        Some(days) => format!("overdue {days} d"),
        None if row.answered == 0 => "not started".to_string(),
        None => "in progress".to_string(),
    }
}

fn date_text(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A reminder's missing sections, e.g. `inf-cybersecurity (3 of 6 missing); law-data-rights (4 of 4 missing)`.
fn missing_text(reminder: &Reminder) -> String {
    reminder
        .missing
        .iter()
        .map(|(section, missing, of)| format!("{section} ({missing} of {of} missing)"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The terminal table: a summary line, one line per institution and section, then who to remind.
pub fn table(status: &CollectionStatus) -> Vec<String> {
    let rows = &status.sections;
    let institutions = {
        let mut names: Vec<&str> = rows.iter().map(|r| r.institution.as_str()).collect();
        names.dedup();
        names.len()
    };
    let complete = rows.iter().filter(|r| r.complete()).count();
    let overdue = rows.iter().filter(|r| r.days_overdue.is_some()).count();
    let mut lines = vec![format!(
        "Collection status on {}: {institutions} institutions, {} sections assigned, {complete} complete, {} open, {overdue} overdue",
        status.today,
        rows.len(),
        rows.len() - complete
    )];
    lines.push(format!(
        "{:<36} {:<28} {:>8} {:>7}  {:<10}  {}",
        "institution", "section", "answered", "missing", "due", "status"
    ));
    for row in rows {
        lines.push(format!(
            "{:<36} {:<28} {:>8} {:>7}  {:<10}  {}",
            truncate(&row.institution, 36),
            truncate(&row.section, 28),
            format!("{}/{}", row.answered, row.questions),
            row.missing.len(),
            date_text(row.due),
            state(row)
        ));
    }
    if status.reminders.is_empty() {
        lines.push("Nobody to remind: every assigned section is complete.".to_string());
        return lines;
    }
    lines.push(format!("Who to remind ({}):", status.reminders.len()));
    for reminder in &status.reminders {
        let when = match (reminder.due, reminder.days_overdue) {
            (Some(due), Some(days)) => format!("due {due}, {days} days overdue"),
            (Some(due), None) => format!("due {due}"),
            (None, _) => "no due date".to_string(),
        };
        let contact = reminder
            .contact
            .as_deref()
            .map(|c| format!(" <{c}>"))
            .unwrap_or_default();
        lines.push(format!(
            "  {} ({}){contact}: {}; {when}",
            reminder.respondent,
            reminder.institution,
            missing_text(reminder)
        ));
    }
    lines
}

const SECTION_HEADER: [&str; 11] = [
    "institution",
    "section",
    "layer",
    "respondents",
    "questions",
    "answered",
    "missing",
    "missing_questions",
    "due",
    "days_overdue",
    "status",
];

const REMINDER_HEADER: [&str; 6] = [
    "respondent",
    "institution",
    "contact",
    "missing",
    "due",
    "days_overdue",
];

fn section_record(row: &SectionStatus) -> Vec<String> {
    vec![
        row.institution.clone(),
        row.section.clone(),
        row.layer.clone(),
        row.respondents.join("; "),
        row.questions.to_string(),
        row.answered.to_string(),
        row.missing.len().to_string(),
        row.missing.join("; "),
        date_text(row.due),
        row.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
        state(row),
    ]
}

fn reminder_record(reminder: &Reminder) -> Vec<String> {
    vec![
        reminder.respondent.clone(),
        reminder.institution.clone(),
        reminder.contact.clone().unwrap_or_default(),
        missing_text(reminder),
        date_text(reminder.due),
        reminder.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

fn csv_text(header: &[&str], records: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = writer.write_record(header);
    for record in records {
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn sections_csv(status: &CollectionStatus) -> String {
    csv_text(&SECTION_HEADER, status.sections.iter().map(section_record))
}

fn reminders_csv(status: &CollectionStatus) -> String {
    csv_text(&REMINDER_HEADER, status.reminders.iter().map(reminder_record))
}

/// A sheet of `status.xlsx`: its name, header and records.
type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

/// `status.xlsx`: a `status` sheet and a `reminders` sheet with the csv files' columns, numbers as
/// numbers. Its creation date is the status date, so the same inputs give the same bytes.
fn workbook(status: &CollectionStatus) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(status.today.year).unwrap_or(2024),
        status.today.month,
        status.today.day,
    )?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Collection status on {}", status.today))
            .set_author("dpi-assess")
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let sheets: [Sheet<'_>; 2] = [
        (
            "status",
            &SECTION_HEADER,
            status.sections.iter().map(section_record).collect(),
        ),
        (
            "reminders",
            &REMINDER_HEADER,
            status.reminders.iter().map(reminder_record).collect(),
        ),
    ];
    for (name, header, records) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        for (col, title) in header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *title, &bold)?;
        }
        for (r, record) in records.iter().enumerate() {
            let row = r as u32 + 1;
            for (col, value) in record.iter().enumerate() {
                let numeric = matches!(header[col], "questions" | "answered" | "missing" | "days_overdue");
                match value.parse::<f64>() {
                    Ok(number) if numeric => sheet.write_number(row, col as u16, number)?,
                    _ => sheet.write_string(row, col as u16, value)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    workbook.save_to_buffer()
}
