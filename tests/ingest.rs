//! Ingest: the sample workspaces read cleanly and identically from csv, xlsx and ods; every row is
//! accounted for; each malformed input in `tests/fixtures/ingest/` gets its exact message and
//! location, and none makes the program panic.

use std::path::Path;

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{Assessment, Response};
use serde_json::Value;

use crate::support::{repo, run, run_in};

const SAMPLES: &[&str] = &[
    "nuvaria",
    "kalindra-2024",
    "kalindra-2024-xlsx",
    "kalindra-2024-ods",
    "kalindra-2026",
    "estmar",
];

fn assessment(workspace: &str) -> Assessment {
    let (assessment, found) = load_assessment(&repo(workspace));
    assessment.unwrap_or_else(|| panic!("{workspace} does not load: {found:#?}"))
}

/// Rows of a csv file below its header line (the samples have no quoted line breaks).
fn csv_data_rows(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().count() as u64 - 1
}

#[test]
fn sample_workspaces_validate_with_every_row_accounted_for() {
    for sample in SAMPLES {
        let workspace = format!("sample-data/{sample}");
        let run = run(&["validate", &workspace, "--format", "json"]);
        run.expect_code(0);
        let report = run.json();
        assert_eq!(report["errors"], 0, "{sample}: {}", run.stdout);
        let tables = report["inputs"]["ledger"]["tables"].as_array().unwrap();
        assert!(!tables.is_empty(), "{sample} has no ledger");
        for table in tables {
            let read = table["rows_read"].as_u64().unwrap();
            let used = table["rows_used"].as_u64().unwrap();
            let ignored = table["ignored"].as_array().unwrap().len() as u64;
            assert_eq!(used + ignored, read, "{sample}: {table}");
            let file = repo(&workspace).join(table["file"].as_str().unwrap());
            if file.extension().is_some_and(|e| e == "csv") {
                assert_eq!(read, csv_data_rows(&file), "{sample}: {table}");
            }
        }
    }
}

/// The assessment as JSON without where each value came from (file, sheet and row differ
/// between the copies by design).
fn content(assessment: &Assessment) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("source");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::json!({
        "answers": assessment.answers,
        "systems": assessment.systems,
        "services": assessment.services,
    });
    strip(&mut value);
    value
}

#[test]
fn xlsx_and_ods_copies_give_the_same_assessment_as_csv() {
    let csv = content(&assessment("sample-data/kalindra-2024"));
    for copy in ["sample-data/kalindra-2024-xlsx", "sample-data/kalindra-2024-ods"] {
        let other = content(&assessment(copy));
        for part in ["answers", "systems", "services"] {
            let (a, b) = (csv[part].as_array().unwrap(), other[part].as_array().unwrap());
            assert_eq!(a.len(), b.len(), "{copy}: number of {part}");
            for (x, y) in a.iter().zip(b) {
                assert_eq!(x, y, "{copy}: {part} differ");
            }
        }
    }
}

#[test]
fn answers_are_read_against_their_questions() {
    let kalindra = assessment("sample-data/kalindra-2024");
    let level = |question: &str, institution: &str| {
        kalindra
            .answers
            .iter()
            .find(|a| a.question_id == question && a.institution.as_deref() == Some(institution))
            .map(|a| a.response)
            .unwrap_or_else(|| panic!("no answer to {question} from {institution}"))
    };
    // percent, thresholds 50/70/85/95: `90%` reaches three of them.
    assert_eq!(
        level("inf.02", "National Identity Authority"),
        Response::Level { level: 3 }
    );
    // the same question answered `unknown`.
    assert_eq!(level("inf.02", "Ministry of Health"), Response::Unknown);
    // multi, one point each, thresholds 1/3/5/7: three options reach two thresholds.
    assert_eq!(
        level("inf.03", "Ministry of Health"),
        Response::Level { level: 2 }
    );
    // number, thresholds 2/5/10/20: `6` subscriptions per 100 reaches two.
    assert_eq!(
        level("inf.01", "Kalindra Digital Services Agency"),
        Response::Level { level: 2 }
    );

    // Inventories: BBs by id, coverage as a share, the owner among the users.
    let nims = kalindra
        .systems
        .iter()
        .find(|s| &*s.name == "National Identity Management System")
        .unwrap();
    assert_eq!(nims.building_blocks, ["identity"]);
    assert_eq!(nims.coverage, Some(0.85));
    assert_eq!(nims.used_by.len(), 8);
}

fn fixture(case: &str) -> std::path::PathBuf {
    repo("tests/fixtures/ingest").join(case)
}

/// `validate` in the fixture's folder: locations read as the user would see them there.
fn validate_fixture(case: &str) -> crate::support::Run {
    run_in(&fixture(case), &["validate", "."])
}

/// Cases with their exit code and the exact diagnostics (message, location and hint) expected.
const MALFORMED: &[(&str, i32, &str)] = &[
    (
        "unknown-question",
        1,
        "error[unknown-question]: question `inf.99` is not in the workspace's questionnaires
  --> answers.csv › A3 (row 3, column \"question_id\")
  = hint: did you mean `inf.09`? Question ids are listed by `dpi-assess frameworks show`",
    ),
    (
        "level-out-of-range",
        1,
        "error[level-out-of-range]: answer `7` is not a level: levels run 0..4
  --> answers.csv › B2 (row 2, column \"answer\")
  = hint: allowed: a level 0..4 (0 Absent, 1 Initial, 2 Developing, 3 Established, 4 Advanced), Not applicable, Don't know",
    ),
    (
        "answer-not-an-option",
        1,
        "error[invalid-answer]: answer `maybe` is not one of the options
  --> answers.csv › B2 (row 2, column \"answer\")
  = hint: allowed: none (No national CSIRT exists or has been designated), designated (",
    ),
    (
        "unknown-building-block",
        1,
        "error[unknown-reference]: `identty` is not a Building Block of the framework
  --> systems.csv › C2 (row 2, column \"building_blocks\")
  = hint: did you mean `identity`? allowed (ids, or their names): identity, payments, information-mediator,",
    ),
    (
        "bad-status",
        1,
        "error[invalid-value]: `operational` is not a known lifecycle status
  --> systems.csv › D3 (row 3, column \"status\")
  = hint: allowed: planned, pilot, production, legacy",
    ),
    (
        "duplicate-system",
        1,
        "error[duplicate-item]: system `civil registry` of `Registrar General` is listed twice (first at systems.csv row 2)
  --> systems.csv › A3 (row 3, column \"name\")
  = hint: list each system once per owner; if the owner runs two separate copies, give them distinct names",
    ),
    (
        "missing-column",
        1,
        "error[missing-column]: required column `status` is missing from the header row
  --> systems.csv › A1 (row 1)
  = hint: the systems header needs name, owner, building_blocks, status; accepted names for `status`: status, lifecycle, lifecycle_status, stage",
    ),
    (
        "non-numeric-coverage",
        1,
        "error[invalid-number]: coverage `about half` is not a number
  --> systems.csv › E2 (row 2, column \"coverage\")
  = hint: write a share such as 85%, 85 or 0.85 (between 0 and 100 %)",
    ),
    (
        "empty-file",
        1,
        "error[empty-input]: the file is empty
  --> answers.csv
  = hint: write the template's header row and at least one row below it, or remove the file from assessment.yaml",
    ),
    (
        "workbook-without-sheet",
        1,
        "error[missing-sheet]: workbook has no sheet `services` (sheets: Sheet1)
  --> inventory.xlsx
  = hint: name the sheet that holds the services inventory `services`",
    ),
    (
        "xlsx-not-a-zip",
        1,
        "error[unsupported-input]: cannot be opened as a workbook: it is not a zip archive, or the archive is damaged or incomplete (a download cut short)
  --> answers.xlsx
  = hint: check that the file is a real spreadsheet saved by Excel, LibreOffice or Google Sheets, not a renamed csv or a damaged download",
    ),
    (
        "utf16-csv",
        0,
        "warning[input-encoding]: the file is not UTF-8; it was read as UTF-16 (little-endian)
  --> answers.csv
  = hint: check that accented names read correctly, and save the file as \"CSV UTF-8\" to avoid the guess",
    ),
    (
        "latin1-csv",
        0,
        "warning[input-encoding]: the file is not UTF-8; it was read as Windows-1252 (Latin-1)
  --> answers.csv",
    ),
    (
        "semicolon-csv",
        0,
        // The one warning: the answers cite evidence, and the workspace keeps no register of it.
        "  answers.csv (answers): 2 rows read, 2 used, 0 ignored
.: valid (0 errors, 1 warning)",
    ),
    (
        "header-typo",
        1,
        "error[missing-column]: required column `question_id` is missing; `questoin_id` is not a known column
  --> answers.csv › A1 (row 1, column \"questoin_id\")
  = hint: did you mean `question_id`? Rename the header, or map it in the workspace's mapping file",
    ),
    (
        "ambiguous-percent",
        0,
        "warning[ambiguous-percent]: answer `0.45` is read as 0.45 %, not 45 %
  --> answers.csv › B2 (row 2, column \"answer\")
  = hint: if 45 % was meant, write 45 or 45%",
    ),
    (
        "conflicting-duplicate-answer",
        1,
        "error[duplicate-answer]: `Ana Lee` answered question `inf.09` twice: `3` at answers.csv row 2 and `2` here
  --> answers.csv › A3 (row 3, column \"question_id\")",
    ),
    (
        "no-header-row",
        1,
        "error[no-header-row]: no header row found: none of the first 30 rows names at least two of the answers columns
  --> answers.csv",
    ),
    (
        "bad-service-values",
        1,
        "error[invalid-value]: `business` is not a known service category
  --> services.csv › B2 (row 2, column \"category\")
  = hint: allowed: identity, payment, data
error[invalid-number]: `-40` is not a count
  --> services.csv › D2 (row 2, column \"yearly_transactions\")
  = hint: write a whole number such as 120000 (no units)
error[invalid-value]: `online` is not a known digital level
  --> services.csv › F2 (row 2, column \"digital_level\")
  = hint: allowed: offline, informational, interactive, transactional, end_to_end",
    ),
    (
        "title-rows-and-blank-lines",
        0,
        "  systems.csv (systems): 7 rows read, 2 used, 5 ignored (2 empty, 3 above the header)",
    ),
    (
        "foreign-layout-with-mapping",
        0,
        "  systems.csv (systems): 1 row read, 1 used, 0 ignored",
    ),
    (
        "unknown-mapping-column",
        1,
        "error[unknown-reference]: `system_name` is not a systems column
  --> mapping.yaml:2:3",
    ),
];

/// Whether an expected text is a diagnostic (printed on stderr) rather than a result (stdout).
fn is_diagnostic(expected: &str) -> bool {
    expected.starts_with("error[") || expected.starts_with("warning[")
}

#[test]
fn malformed_inputs_get_their_exact_message_and_location() {
    for (case, code, expected) in MALFORMED {
        let run = validate_fixture(case);
        // Diagnostics are on stderr, the ledger of rows on stdout; each only there.
        let (stream, other) = if is_diagnostic(expected) {
            (&run.stderr, &run.stdout)
        } else {
            (&run.stdout, &run.stderr)
        };
        // Diagnostics are separated by blank lines; compare without them.
        let said = stream.replace("\n\n", "\n");
        assert!(
            said.contains(expected),
            "{case}: expected\n{expected}\n--- got\n{stream}"
        );
        assert!(
            !other.replace("\n\n", "\n").contains(expected),
            "{case}: on the wrong stream too\n{other}"
        );
        run.expect_code(*code);
    }
}

#[test]
fn every_fixture_is_covered_none_panics_and_no_row_is_dropped() {
    let mut folders: Vec<String> = std::fs::read_dir(repo("tests/fixtures/ingest"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(folders.len() >= 15, "only {} fixtures", folders.len());
    for case in &folders {
        assert!(
            MALFORMED.iter().any(|(c, ..)| c == case),
            "fixture {case} has no expectation in MALFORMED"
        );
        let run = run_in(&fixture(case), &["validate", ".", "--format", "json"]);
        assert!(
            run.code == 0 || run.code == 1,
            "{case}: exit {}\n{}",
            run.code,
            run.stderr
        );
        assert!(
            !run.stderr.contains("panicked"),
            "{case} panicked:\n{}",
            run.stderr
        );
        let report = run.json();
        // A table whose rows are not all used must say why: diagnostics, or ledger reasons.
        let tables = report["inputs"]["ledger"]["tables"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for table in &tables {
            let read = table["rows_read"].as_u64().unwrap();
            let used = table["rows_used"].as_u64().unwrap();
            let ignored = table["ignored"].as_array().unwrap();
            assert_eq!(used + ignored.len() as u64, read, "{case}: {table}");
            let invalid = ignored.iter().any(|i| i["reason"] == "invalid");
            if invalid {
                assert!(
                    report["errors"].as_u64().unwrap() > 0,
                    "{case}: invalid rows without an error"
                );
            }
        }
    }
}

#[test]
fn foreign_encodings_keep_their_accents() {
    for case in ["latin1-csv", "utf16-csv"] {
        let loaded = assessment(&format!("tests/fixtures/ingest/{case}"));
        let answer = &loaded.answers[0];
        let institution = answer.institution.as_deref().unwrap();
        assert!(
            institution == "Ministère de la Santé" || institution == "Ministère du Numérique",
            "{case}: {institution}"
        );
        assert!(answer.respondent == "José Núñez" || answer.respondent == "Zoë Brandt");
    }
    let latin = assessment("tests/fixtures/ingest/latin1-csv");
    assert_eq!(latin.answers[0].comment.as_deref(), Some("Réponse « partielle »"));
}

#[test]
fn semicolon_files_and_decimal_commas_are_read() {
    let loaded = assessment("tests/fixtures/ingest/semicolon-csv");
    assert_eq!(loaded.answers.len(), 2);
    assert_eq!(
        loaded.answers[0].institution.as_deref(),
        Some("Ministry of ICT, Posts and Telecoms")
    );
    // inf.02 is a percent question with thresholds 50/70/85/95; 72,5 reaches two.
    assert_eq!(loaded.answers[1].response, Response::Level { level: 2 });
}

#[test]
fn lenient_layouts_resolve_to_the_framework_vocabulary() {
    let loaded = assessment("tests/fixtures/ingest/title-rows-and-blank-lines");
    let portal = loaded.systems.iter().find(|s| &*s.name == "Tax Portal").unwrap();
    assert_eq!(portal.building_blocks, ["payments", "identity"]);
    assert_eq!(portal.coverage, Some(0.3));
    assert_eq!(portal.exchange.map(|e| e.code()), Some("point_to_point"));
    assert_eq!(portal.hosting.map(|h| h.code()), Some("commercial_cloud"));
    assert_eq!(portal.open_source, Some(true));
    assert_eq!(portal.used_by, ["Revenue Authority", "Customs"]);
    assert_eq!(portal.source.row, 8);

    let mapped = assessment("tests/fixtures/ingest/foreign-layout-with-mapping");
    let registry = &mapped.systems[0];
    // `Registration` is the BB's name; the id is what the model keeps.
    assert_eq!(registry.building_blocks, ["registration"]);
    assert_eq!(registry.status.code(), "production");
}

/// A workbook as people make them: answers on a sheet with another name, a title above the
/// header, typed cells (booleans, numbers, dates in both xlsx forms and as ISO text), a notes
/// sheet, and a formula that failed.
#[test]
fn typed_workbook_cells_are_read_as_people_mean_them() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

    let scratch = crate::support::scratch();
    let dir = scratch.path().to_path_buf();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Responses").unwrap();
    sheet
        .write_string(0, 0, "Ministry of ICT — answers, January 2026")
        .unwrap();
    for (column, header) in ["Question ID", "Answer", "Respondent", "Institution", "Date"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, column as u16, *header).unwrap();
    }
    let date = ExcelDateTime::from_ymd(2026, 1, 15).unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    // gov.11 (yes_no) as a boolean cell, with a date-formatted date.
    sheet.write_string(3, 0, "gov.11").unwrap();
    sheet.write_boolean(3, 1, true).unwrap();
    sheet
        .write_datetime_with_format(3, 4, &date, &date_format)
        .unwrap();
    // inf.09 (level) as a number, with the date as a bare serial (its format lost).
    sheet.write_string(4, 0, "inf.09").unwrap();
    sheet.write_number(4, 1, 3).unwrap();
    sheet.write_number(4, 4, 46037).unwrap();
    // inf.10 (level) as a drop-down entry, with an ISO date typed as text.
    sheet.write_string(5, 0, "inf.10").unwrap();
    sheet.write_string(5, 1, "2 Developing").unwrap();
    sheet.write_string(5, 4, "2026-01-15").unwrap();
    // inf.02 (percent) typed as text with a percent sign.
    sheet.write_string(6, 0, "inf.02").unwrap();
    sheet.write_string(6, 1, " 88 % ").unwrap();
    for row in 3..=6 {
        sheet.write_string(row, 2, "Ana Lee").unwrap();
        sheet.write_string(row, 3, "Ministry of ICT").unwrap();
    }
    // inf.04 (percent) from a formula that failed.
    sheet.write_string(7, 0, "inf.04").unwrap();
    sheet
        .write_formula(7, 1, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    let notes = workbook.add_worksheet().set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Filled in by the ICT planning unit.")
        .unwrap();
    workbook.save(dir.join("answers.xlsx")).unwrap();
    std::fs::write(
        dir.join("assessment.yaml"),
        "country: Testland\niso3: XTL\nassessment_date: \"2026-01-15\"\nframework: govstack-dpi\n\
         questionnaires: [govstack-dpi-full]\ninputs:\n  answers: [answers.xlsx]\n",
    )
    .unwrap();

    let run = run_in(&dir, &["validate", "."]);
    let stdout = run.stdout.replace("\n\n", "\n");
    let stderr = run.stderr.replace("\n\n", "\n");
    for expected in [
        "error[cell-error]: the cell holds the spreadsheet error `#DIV/0!`\n  --> answers.xlsx › Responses!B8 (row 8, column \"Answer\")",
        "warning[sheet-not-read]: sheet `Notes` has no question_id and answer columns; it is not read\n  --> answers.xlsx › Notes",
        "answers.xlsx › Responses (answers): 7 rows read, 4 used, 3 ignored (2 above the header, 1 with errors)",
    ] {
        let said = if is_diagnostic(expected) { &stderr } else { &stdout };
        assert!(said.contains(expected), "expected\n{expected}\n--- got\n{said}");
    }
    run.expect_code(1);

    // What each typed cell became (the ingest stage hands back its values even with errors).
    let (loaded, _) = dpi_assess::definitions::workspace::load_workspace(&dir);
    let (ingested, _) = dpi_assess::ingest::ingest(&loaded.unwrap());
    let got: Vec<(&str, Response, String)> = ingested
        .answers
        .iter()
        .map(|a| {
            (
                a.question_id.as_str(),
                a.response,
                a.date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let level = |level| Response::Level { level };
    assert_eq!(
        got,
        [
            // gov.11: yes gives level 3 in the questionnaire.
            ("gov.11", level(3), "2026-01-15".to_string()),
            ("inf.09", level(3), "2026-01-15".to_string()),
            ("inf.10", level(2), "2026-01-15".to_string()),
            // inf.02, thresholds 50/70/85/95: 88 % reaches three.
            ("inf.02", level(3), String::new()),
        ]
    );
}

/// The World Bank GovTech dataset (an excerpt, see `tests/fixtures/foreign/README.md`) given as
/// answers and as a systems inventory: refused with a few clear errors, one summary of the
/// hundreds of unread columns, and every row in the ledger.
#[test]
fn real_foreign_data_is_refused_clearly() {
    let scratch = crate::support::scratch();
    let dir = scratch.path();
    std::fs::copy(
        repo("tests/fixtures/foreign/govtech-dataset-2020-excerpt.csv"),
        dir.join("govtech.csv"),
    )
    .unwrap();
    std::fs::write(
        dir.join("assessment.yaml"),
        "country: Testland\niso3: XTL\nassessment_date: \"2026-01-15\"\nframework: govstack-dpi\n\
         questionnaires: [govstack-dpi-full]\ninputs:\n  answers: [govtech.csv]\n  systems: govtech.csv\n",
    )
    .unwrap();
    let run = run_in(dir, &["validate", ".", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let codes = crate::support::diagnostic_codes(&report);
    assert_eq!(
        codes,
        [
            "no-header-row",
            "missing-column",
            "missing-column",
            "missing-column",
            "unknown-column"
        ],
        "{}",
        run.stdout
    );
    let summary = &report["diagnostics"][4]["message"];
    assert!(
        summary
            .as_str()
            .unwrap()
            .starts_with("329 columns are not read: `#` (A), `Flag` (B)"),
        "{summary}"
    );
    for table in report["inputs"]["ledger"]["tables"].as_array().unwrap() {
        let read = table["rows_read"].as_u64().unwrap();
        assert!(read > 0);
        assert_eq!(table["ignored"].as_array().unwrap().len() as u64, read, "{table}");
    }
}
