//! KoboToolbox and ODK Central exports of the XLSForm: each fixture in `tests/fixtures/field/`
//! (written by its `make_fixtures.py`) ingests to the same answers as its long-form equivalent;
//! reviewed-out submissions are left out with their ledger reason; problems are located at the
//! export's cells; and the Estmar sample, two of whose respondents answered through the online
//! form, scores exactly as its long-form equivalent and shows those respondents in its report.

use std::collections::BTreeMap;
use std::path::Path;

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{Assessment, IgnoreReason, Response};
use serde_json::{Value, json};

use crate::support::*;

fn assessment(path: &Path) -> Assessment {
    let (assessment, found) = load_assessment(path);
    let assessment = assessment.unwrap_or_else(|| panic!("{} does not load: {found:#?}", path.display()));
    let warnings: Vec<_> = found
        .iter()
        .filter(|d| d.code.as_str() != "unreferenced-indicator")
        .collect();
    assert!(warnings.is_empty(), "{}: {warnings:#?}", path.display());
    assessment
}

fn fixture(case: &str) -> std::path::PathBuf {
    repo("tests/fixtures/field").join(case)
}

/// Answers by (question, respondent), without where they came from or how they were written
/// (labels or names in an export, codes in the long form). Evidence is compared for answers at level
/// 3 or more only: the form shows its evidence question only for those, so an export has none for
/// the others while the long form may.
fn answers(assessment: &Assessment) -> BTreeMap<(String, String), Value> {
    assessment
        .answers
        .iter()
        .map(|a| {
            let claims_3 = matches!(a.response, Response::Level { level } if level >= 3);
            (
                (a.question_id.clone(), a.respondent.clone()),
                json!({
                    "indicator": a.indicator,
                    "institution": a.institution,
                    "response": a.response,
                    "evidence": if claims_3 { a.evidence.clone() } else { None },
                    "comment": a.comment,
                }),
            )
        })
        .collect()
}

fn assert_same_answers(expected: &Assessment, got: &Assessment, what: &str) {
    let (expected_map, got_map) = (answers(expected), answers(got));
    assert_eq!(expected_map.len(), got_map.len(), "{what}: number of answers");
    for (key, value) in &expected_map {
        assert_eq!(got_map.get(key), Some(value), "{what}: answer {key:?}");
    }
}

/// Answers of a form export below level 3 carry no evidence: the form did not ask for it.
fn assert_no_hidden_evidence(export: &Assessment, file: &str) {
    for a in export.answers.iter().filter(|a| a.source.file.ends_with(file)) {
        if !matches!(a.response, Response::Level { level } if level >= 3) {
            assert_eq!(a.evidence, None, "{} of {}", a.question_id, a.respondent);
        }
    }
}

fn ignored(assessment: &Assessment) -> Vec<IgnoreReason> {
    assessment
        .ledger
        .tables
        .iter()
        .flat_map(|t| t.ignored.iter().map(|i| i.reason))
        .collect()
}

#[test]
fn exports_ingest_to_the_same_answers_as_the_long_form() {
    let long = assessment(&fixture("long"));
    assert_eq!(long.answers.len(), 158);
    for case in ["kobo-labels", "kobo-xml", "odk"] {
        let export = assessment(&fixture(case));
        assert_same_answers(&long, &export, case);
        assert_no_hidden_evidence(&export, "");
        let table = &export.ledger.tables[0];
        assert_eq!(table.rows_used, 2, "{case}: two respondents");
        assert_eq!(table.rows_read, table.rows_used + table.rows_ignored(), "{case}");
    }
}

#[test]
fn reviewed_out_submissions_are_left_out_with_their_reason() {
    assert_eq!(
        ignored(&assessment(&fixture("kobo-labels"))),
        [IgnoreReason::NotApproved]
    );
    assert_eq!(ignored(&assessment(&fixture("odk"))), [IgnoreReason::Rejected]);
    assert!(ignored(&assessment(&fixture("kobo-xml"))).is_empty());

    let run = run_in(&fixture("odk"), &["validate", "."]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "odk.csv (answers): 3 rows read, 2 used, 1 ignored (1 submission rejected (ODK Central))"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn problems_in_an_export_name_the_cell_and_what_to_do() {
    let run = run_in(&fixture("kobo-problems"), &["validate", "."]);
    run.expect_code(1);
    for expected in [
        "warning[unknown-column]: column `respondent/phone_number` of the KoboToolbox export is not a field of the workspace's questionnaires; it is not read
  --> kobo-problems.csv › D1 (row 1, column \"respondent/phone_number\")",
        "warning[form-version-mismatch]: the submissions were collected with form version `0.9.0`, but questionnaire `govstack-dpi-full` is version `1.1.0`
  --> kobo-problems.csv › B2 (row 2, column \"questionnaire_version\")",
        "error[invalid-answer]: answer `level_5` is not a choice of question `inf.10`
  --> kobo-problems.csv › BF2 (row 2, column \"infrastructure/inf_hosting/inf_10\")
  = hint: allowed: level_0, level_1, level_2, level_3, level_4, na, unknown (or their labels)",
    ] {
        assert!(run.stderr.contains(expected), "missing:\n{expected}\n--- got\n{}", run.stderr);
    }
    // The diagnostics are on stderr only; the ledger and the verdict stay on stdout.
    assert!(!run.stdout.contains("warning["), "{}", run.stdout);
    assert!(!run.stdout.contains("error["), "{}", run.stdout);
    assert!(
        run.stdout.contains("kobo-problems.csv (answers)"),
        "{}",
        run.stdout
    );
}

/// Estmar with the two respondents of the Kobo export back in their long-form csv files.
fn estmar_long_form(dir: &Path) -> std::path::PathBuf {
    let workspace = dir.join("estmar-long");
    copy_dir(&repo("sample-data/estmar"), &workspace);
    let _ = std::fs::remove_dir_all(workspace.join("output"));
    std::fs::remove_file(workspace.join("answers/online-form-kobo.xlsx")).unwrap();
    for file in ["social-insurance-board.csv", "data-protection-inspectorate.csv"] {
        std::fs::copy(
            fixture("long/answers").join(file),
            workspace.join("answers").join(file),
        )
        .unwrap();
    }
    let yaml = std::fs::read_to_string(workspace.join("assessment.yaml")).unwrap();
    assert!(yaml.contains("    - answers/online-form-kobo.xlsx\n"));
    let yaml = yaml.replace(
        "    - answers/online-form-kobo.xlsx\n",
        "    - answers/social-insurance-board.csv\n    - answers/data-protection-inspectorate.csv\n",
    );
    std::fs::write(workspace.join("assessment.yaml"), yaml).unwrap();
    workspace
}

/// results.json without sources, ledger tables and anything naming files.
fn scores(workspace: &Path, out: &Path) -> Value {
    run(&[
        "score",
        workspace.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let mut value: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                // Evidence of answers below level 3 is not in the export (see `answers`); what
                // evidence does to scores shows in the `unverified` list, which stays.
                for key in [
                    "source",
                    "given",
                    "evidence",
                    "tables",
                    "workspace",
                    "inputs",
                    "generated_at",
                ] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}

#[test]
fn estmar_from_its_kobo_export_equals_its_long_form() {
    let dir = scratch();
    let long = estmar_long_form(dir.path());
    let kobo = assessment(&repo("sample-data/estmar"));
    assert_same_answers(&assessment(&long), &kobo, "estmar");
    assert_no_hidden_evidence(&kobo, "online-form-kobo.xlsx");
    assert!(ignored(&kobo).contains(&IgnoreReason::NotApproved));

    let (a, b) = (
        scores(&long, &dir.path().join("long.json")),
        scores(&repo("sample-data/estmar"), &dir.path().join("kobo.json")),
    );
    assert_eq!(
        a, b,
        "Estmar's results differ between the long form and the Kobo export"
    );
    assert_eq!(
        format!("{:.1}", b["overall"]["score"].as_f64().unwrap_or(f64::NAN)),
        "86.2",
        "{}",
        b["overall"]
    );
}

#[test]
fn estmar_report_shows_the_respondents_of_the_online_form() {
    let dir = scratch();
    let out = dir.path().join("report");
    run(&[
        "report",
        "sample-data/estmar",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "md",
    ])
    .expect_code(0);
    let markdown = std::fs::read_to_string(out.join("report.md")).unwrap();
    for (respondent, institution) in [
        ("Helena Ojanpera", "Social Insurance Board"),
        ("Andres Kivil", "Data Protection Inspectorate"),
    ] {
        assert!(
            markdown
                .lines()
                .any(|l| l.contains(&format!("| {respondent} | {institution} |"))),
            "{respondent} of {institution} is not in the answers annex"
        );
    }
    assert!(
        !markdown.contains("Test entry"),
        "the not-approved submission shows"
    );
}

// Damaged exports (tests/fixtures/hostile/field-*): each is refused, or counted once, with the
// exact diagnostics below and nothing else.

/// Runs `validate` on a damaged export and checks the exit code and that stderr holds exactly
/// the `expected` diagnostics, in order; returns the run for the ledger on stdout.
fn damaged(case: &str, code: i32, expected: &[&str]) -> Run {
    let run = run_in(&repo("tests/fixtures/hostile").join(case), &["validate", "."]);
    run.expect_code(code);
    assert_eq!(run.stderr.trim_end(), expected.join("\n\n"), "{case}");
    run
}

/// The evidence-missing warnings of the two ODK fixtures whose rows 2 and 3 give levels 3 and 4
/// with no evidence (the export has no evidence columns, so the row is named).
const ODK_EVIDENCE_MISSING: [&str; 3] = [
    "warning[evidence-missing]: answer `4` to `inf.09` gives `inf-hosting-policy` level 4 but cites no evidence
  --> odk.csv row 2
  = hint: cite the register id of a document that shows this level (for this indicator: law, regulation, strategy, official_statistic, audit_evaluation, system_record), or lower the answer to what can be shown",
    "warning[evidence-missing]: answer `4` to `inf.10` gives `inf-disaster-recovery` level 4 but cites no evidence
  --> odk.csv row 2
  = hint: cite the register id of a document that shows this level (for this indicator: law, regulation, strategy, official_statistic, audit_evaluation, system_record), or lower the answer to what can be shown",
    "warning[evidence-missing]: answer `3` to `inf.09` gives `inf-hosting-policy` level 3 but cites no evidence
  --> odk.csv row 3
  = hint: cite the register id of a document that shows this level (for this indicator: law, regulation, strategy, official_statistic, audit_evaluation, system_record), or lower the answer to what can be shown",
];

fn assert_ledger(run: &Run, line: &str) {
    assert!(run.stdout.contains(line), "missing `{line}` in\n{}", run.stdout);
}

#[test]
fn a_field_with_two_columns_is_refused_at_the_second_header() {
    // ODK Central: the copies disagree in row 3, so that submission is not read at all.
    let run = damaged(
        "field-odk-repeated-column",
        1,
        &["error[duplicate-column]: column `infrastructure-inf_hosting-inf_10` is a second column of the answer to question `inf.10`, after `infrastructure-inf_hosting-inf_10` in cell G1; the two disagree in row 3 (`level_2` against `level_3`)
  --> odk.csv › I1 (row 1, column \"infrastructure-inf_hosting-inf_10\")
  = hint: an export of the form has one column per field; a repeated group or an export merged by hand gives a field two. Delete the column that is wrong, or download the export again from ODK Central"],
    );
    assert_ledger(
        &run,
        "odk.csv (answers): 3 rows read, 1 used, 2 ignored (1 with errors, 1 submission rejected (ODK Central))",
    );
    // KoboToolbox: one field under its label (with the group path) and under its XML name.
    damaged(
        "field-kobo-repeated-column",
        1,
        &["error[duplicate-column]: column `infrastructure/inf_hosting/inf_10` is a second column of the answer to question `inf.10`, after `Digital Infrastructure Readiness/Government cloud and data-centre capacity/inf.10 How well are critical government systems backed up and able to recover from a major failure?` in cell D1; the two hold the same values
  --> kobo.csv › E1 (row 1, column \"infrastructure/inf_hosting/inf_10\")
  = hint: an export of the form has one column per field; a repeated group or an export merged by hand gives a field two. Delete the column that is wrong, or download the export again from KoboToolbox"],
    );
}

#[test]
fn a_row_cut_off_in_transfer_is_refused_at_its_first_missing_cell() {
    let run = damaged(
        "field-kobo-truncated-row",
        1,
        &["error[truncated-row]: the file ends in the middle of this submission: the row has 4 of the header's 11 columns, and without its `_validation_status` cell the review is unknown; the submission is not read
  --> kobo.csv › E3 (row 3, column \"_id\")
  = hint: the export was cut off, as an interrupted download or copy leaves it; download it again from KoboToolbox (a cut submission cannot be completed by hand)"],
    );
    assert_ledger(
        &run,
        "kobo.csv (answers): 2 rows read, 1 used, 1 ignored (1 with errors)",
    );

    // Separated by `;` while the labels of the header hold more commas than semicolons: the cut
    // row does not make the comma look like the separator.
    let run = damaged(
        "field-kobo-labels-cut",
        1,
        &["error[truncated-row]: the file ends in the middle of this submission: the row has 25 of the header's 320 columns, and without its `_validation_status` cell the review is unknown; the submission is not read
  --> kobo-labels.csv › Z4 (row 4, column \"Digital Infrastructure Readiness/Connectivity availability/inf.04 What share of government offices (central, regional and district) are connected to the government network or a managed broadband link?\")
  = hint: the export was cut off, as an interrupted download or copy leaves it; download it again from KoboToolbox (a cut submission cannot be completed by hand)"],
    );
    assert_ledger(
        &run,
        "kobo-labels.csv (answers): 3 rows read, 2 used, 1 ignored (1 with errors)",
    );

    // Cut inside a quoted comment: the cell runs to the end of the file.
    damaged(
        "field-odk-open-quote",
        1,
        &["error[truncated-row]: a quote opened in column `infrastructure-inf_hosting-inf_10_comment` is never closed, so the rest of the file was read into that cell: the row has 8 of the header's 14 columns, and without its `ReviewState` cell the review is unknown; the submission is not read
  --> odk.csv › I3 (row 3, column \"meta-instanceID\")
  = hint: the export was cut off inside a quoted value, as an interrupted download or copy leaves it; download it again from ODK Central"],
    );
}

#[test]
fn a_rejected_submission_cut_before_its_review_state_is_not_scored() {
    let run = damaged(
        "field-odk-truncated-review",
        1,
        &["error[truncated-row]: the file ends in the middle of this submission: the row has 11 of the header's 14 columns, and without its `ReviewState` cell the review is unknown; the submission is not read
  --> odk.csv › L4 (row 4, column \"ReviewState\")
  = hint: the export was cut off, as an interrupted download or copy leaves it; download it again from ODK Central (a cut submission cannot be completed by hand)"],
    );
    assert_ledger(
        &run,
        "odk.csv (answers): 3 rows read, 2 used, 1 ignored (1 with errors)",
    );
    let (assessment, _) = load_assessment(&repo("tests/fixtures/hostile/field-odk-truncated-review"));
    assert!(assessment.is_none(), "a cut export must not be scored");
}

#[test]
fn a_short_row_inside_an_export_is_refused_too() {
    // An unquoted line break splits row 3: both pieces are short, neither is read.
    let split = "though ODK Central writes every column of every submission, and without its `ReviewState` cell the review is unknown; the submission is not read";
    let hint = "  = hint: a line break in an unquoted value, or an edit outside ODK Central, split or shortened the row; download the export again from ODK Central";
    let run = damaged(
        "field-odk-split-row",
        1,
        &[
            &format!(
                "error[truncated-row]: the row has 8 of the header's 14 columns, {split}\n  --> odk.csv › I3 (row 3, column \"meta-instanceID\")\n{hint}"
            ),
            &format!(
                "error[truncated-row]: the row has 7 of the header's 14 columns, {split}\n  --> odk.csv › H4 (row 4, column \"infrastructure-inf_hosting-inf_10_comment\")\n{hint}"
            ),
        ],
    );
    assert_ledger(
        &run,
        "odk.csv (answers): 4 rows read, 1 used, 3 ignored (2 with errors, 1 submission rejected (ODK Central))",
    );
}

#[test]
fn a_submission_present_twice_counts_once_or_is_refused() {
    // The same submission twice, alike: a warning, and it counts once.
    let case = repo("tests/fixtures/hostile/field-odk-repeated-submission");
    let run = damaged(
        "field-odk-repeated-submission",
        0,
        &["warning[duplicate-answer]: submission `uuid:0d9e0001-6a1b-4c2d-8e3f-7a6b5c4d3e01` is already in row 2, with the same answers; it counts once
  --> odk.csv › J4 (row 4, column \"KEY\")
  = hint: an export holds each submission once; an export merged by hand, or two overlapping exports, repeat it. Delete the repeated row, or list one export of all submissions",
            ODK_EVIDENCE_MISSING[0], ODK_EVIDENCE_MISSING[1], ODK_EVIDENCE_MISSING[2]],
    );
    assert_ledger(
        &run,
        "odk.csv (answers): 4 rows read, 2 used, 2 ignored (1 repeated answer, 1 submission rejected (ODK Central))",
    );
    let (assessment, _) = load_assessment(&case);
    let assessment = assessment.expect("an agreeing copy does not block scoring");
    let rows: Vec<u32> = assessment.answers.iter().map(|a| a.source.row).collect();
    assert_eq!(rows, [2, 2, 3, 3], "row 4 repeats row 2 and adds nothing");

    // The same submission in two exports, edited in between: neither version is picked.
    let run = damaged(
        "field-odk-overlapping-exports",
        1,
        &["error[duplicate-answer]: submission `uuid:0d9e0002-6a1b-4c2d-8e3f-7a6b5c4d3e02` is already in row 3 of odk-march.csv, and the two differ: the respondent is `Andres Kivil` there and `Andres Kivil-Tamm` here
  --> odk-april.csv › J2 (row 2, column \"KEY\")
  = hint: an export holds each submission once; these are two versions of it (exports made at different times, merged by hand). Keep the row of the version that counts and delete the other, or download the export again"],
    );
    assert_ledger(
        &run,
        "odk-april.csv (answers): 2 rows read, 0 used, 2 ignored (1 with errors, 1 submission rejected (ODK Central))",
    );
}

#[test]
fn a_review_state_the_platform_does_not_write_is_refused() {
    let run = damaged(
        "field-kobo-unknown-review",
        1,
        &["error[invalid-value]: `Rejected` is not a validation status KoboToolbox writes, so whether the submission was left out in review is unknown; the submission is not read
  --> kobo.csv › H3 (row 3, column \"_validation_status\")
  = hint: allowed: Approved, Not approved, On hold (or validation_status_approved, validation_status_not_approved, validation_status_on_hold), or an empty cell; download the export again from KoboToolbox"],
    );
    assert_ledger(
        &run,
        "kobo.csv (answers): 2 rows read, 1 used, 1 ignored (1 with errors)",
    );
}

#[test]
fn a_row_in_the_middle_without_its_empty_last_cells_is_read_with_a_warning() {
    // The columns were rearranged (answers last) and row 3 saved without its two empty cells.
    let run = damaged(
        "field-odk-empty-cells-dropped",
        0,
        &["warning[truncated-row]: the row has 9 of the header's 11 columns; its last 2 cells are read as empty, as a spreadsheet that drops empty cells at the end of a row leaves them
  --> odk.csv › J3 (row 3, column \"infrastructure-inf_hosting-inf_10\")
  = hint: ODK Central writes every column of every submission: if this row was cut or split rather than saved without its empty cells, download the export again from ODK Central",
            ODK_EVIDENCE_MISSING[0], ODK_EVIDENCE_MISSING[1], ODK_EVIDENCE_MISSING[2]],
    );
    assert_ledger(&run, "odk.csv (answers): 3 rows read, 3 used, 0 ignored");
    let (assessment, _) = load_assessment(&repo("tests/fixtures/hostile/field-odk-empty-cells-dropped"));
    let row_3: Vec<(String, String)> = assessment
        .expect("a row without its empty last cells is read")
        .answers
        .iter()
        .filter(|a| a.source.row == 3)
        .map(|a| (a.question_id.clone(), a.given.clone()))
        .collect();
    assert_eq!(row_3, [("inf.09".to_string(), "3".to_string())]);
}

// Inventories collected with the form (`systems` and `services` repeat groups), "None of these"
// and evidence files: `kobo-repeats` (KoboToolbox xlsx, one sheet per repeat) and `odk-repeats`
// (the csv files of ODK Central's export zip) against `repeats-long` (long-form answers and csv
// inventories), all written by make_fixtures.py.

fn loads(case: &str) -> Assessment {
    let (assessment, found) = load_assessment(&fixture(case));
    assessment.unwrap_or_else(|| panic!("{case} does not load: {found:#?}"))
}

/// Systems or services as compared: every value but where it was read, sorted by name.
fn items<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    let mut values: Vec<Value> = items
        .iter()
        .map(|item| {
            let mut value = serde_json::to_value(item).unwrap();
            let map = value.as_object_mut().unwrap();
            map.remove("source");
            // A form stores a select_multiple's choices in the list's order.
            for list in ["building_blocks", "required_bbs", "platform_for"] {
                if let Some(Value::Array(ids)) = map.get_mut(list) {
                    ids.sort_by_key(Value::to_string);
                }
            }
            value
        })
        .collect();
    values.sort_by_key(|v| v["name"].to_string());
    values
}

fn none_answer(assessment: &Assessment) -> &dpi_assess::model::Answer {
    assessment
        .answers
        .iter()
        .find(|a| a.question_id == "inf.03" && a.institution.as_deref() == Some("Social Insurance Board"))
        .expect("inf.03 of the Social Insurance Board")
}

#[test]
fn inventories_collected_with_the_form_equal_the_csv_inventories() {
    let long = loads("repeats-long");
    assert_eq!((long.systems.len(), long.services.len()), (23, 13));
    for (case, reason) in [
        ("kobo-repeats", IgnoreReason::NotApproved),
        ("odk-repeats", IgnoreReason::Rejected),
        ("odk-zip", IgnoreReason::Rejected),
    ] {
        let export = loads(case);
        assert_eq!(items(&export.systems), items(&long.systems), "{case}: systems");
        assert_eq!(items(&export.services), items(&long.services), "{case}: services");
        // The test submission's system is left out with its submission, in the row ledger.
        let systems = export
            .ledger
            .tables
            .iter()
            .find(|t| t.role == dpi_assess::model::InputRole::Systems)
            .expect("a systems ledger");
        assert_eq!(systems.rows_read, 24, "{case}");
        assert_eq!(systems.rows_used, 23, "{case}");
        assert_eq!(
            systems.ignored.iter().map(|i| i.reason).collect::<Vec<_>>(),
            [reason],
            "{case}"
        );
        // "None of these" reads as the long form's `none`: no option, level 0.
        let none = none_answer(&export);
        assert_eq!(
            (none.given.as_str(), &none.response),
            ("none", &Response::Level { level: 0 }),
            "{case}"
        );
    }
    let none = none_answer(&long);
    assert_eq!(
        (none.given.as_str(), &none.response),
        ("none", &Response::Level { level: 0 })
    );
    // The Kobo export reads to the long form's answers, evidence files joined to the evidence.
    let kobo = loads("kobo-repeats");
    assert_same_answers(&long, &kobo, "kobo-repeats");
    let attached: Vec<&str> = kobo
        .answers
        .iter()
        .filter_map(|a| a.evidence.as_deref())
        .filter(|e| e.contains("attachment: sib-evidence-1774001.pdf (https://"))
        .collect();
    assert_eq!(attached.len(), 1, "{attached:?}");
    // ODK Central's export has the file name only.
    let odk = loads("odk-repeats");
    assert!(
        odk.answers
            .iter()
            .filter_map(|a| a.evidence.as_deref())
            .any(|e| e.ends_with("; attachment: sib-evidence-1774001.pdf")),
        "no attachment in the ODK answers"
    );
}

#[test]
fn a_multi_answered_none_scores_level_0_from_the_form_and_the_long_form() {
    let dir = scratch();
    let from_form = scores(&fixture("kobo-repeats"), &dir.path().join("form.json"));
    let from_long = scores(&fixture("repeats-long"), &dir.path().join("long.json"));
    assert_eq!(from_form, from_long);
    let text = from_form.to_string();
    assert!(text.contains("inf-"), "results name the indicators");
}

/// A zip holding `entries` (name, bytes), for the export-zip cases built in a test.
fn write_zip(path: &Path, entries: &[(&str, Vec<u8>)]) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn odk_csv(name: &str) -> Vec<u8> {
    std::fs::read(fixture("odk-repeats").join(name)).unwrap()
}

#[test]
fn odk_centrals_export_zip_reads_as_its_unpacked_csv_files() {
    // Same answers, same inventories (above), and the same ledger but for where the rows were.
    let unpacked = assessment(&fixture("odk-repeats"));
    let zipped = assessment(&fixture("odk-zip"));
    assert_same_answers(&unpacked, &zipped, "odk-zip");
    let places = |a: &Assessment| -> Vec<(Option<String>, u32, u32, usize)> {
        a.ledger
            .tables
            .iter()
            .map(|t| (t.sheet.clone(), t.rows_read, t.rows_used, t.ignored.len()))
            .collect()
    };
    let zipped_places = places(&zipped);
    assert_eq!(
        zipped_places
            .iter()
            .map(|(sheet, ..)| sheet.as_deref().unwrap_or("-"))
            .collect::<Vec<_>>(),
        [
            "govstack-dpi-full.csv",
            "govstack-dpi-full-systems.csv",
            "govstack-dpi-full-services.csv"
        ]
    );
    assert!(
        zipped
            .ledger
            .tables
            .iter()
            .all(|t| t.file == "govstack-dpi-full.zip")
    );
    let counts = |p: Vec<(Option<String>, u32, u32, usize)>| -> Vec<(u32, u32, usize)> {
        p.into_iter().map(|(_, a, b, c)| (a, b, c)).collect()
    };
    assert_eq!(counts(zipped_places), counts(places(&unpacked)));
}

#[test]
fn a_bad_cell_inside_the_export_zip_is_located_at_its_csv_entry() {
    let dir = scratch();
    let systems = String::from_utf8(odk_csv("govstack-dpi-full-systems.csv"))
        .unwrap()
        .replacen(",production,98,", ",prodution,98,", 1);
    write_zip(
        &dir.path().join("export.zip"),
        &[
            ("govstack-dpi-full.csv", odk_csv("govstack-dpi-full.csv")),
            ("govstack-dpi-full-systems.csv", systems.into_bytes()),
            (
                "govstack-dpi-full-services.csv",
                odk_csv("govstack-dpi-full-services.csv"),
            ),
            ("media/sib-evidence-1774001.pdf", b"%PDF".to_vec()),
            ("readme.txt", b"exported 2026-03-20".to_vec()),
        ],
    );
    let yaml = std::fs::read_to_string(fixture("odk-zip").join("assessment.yaml"))
        .unwrap()
        .replace("govstack-dpi-full.zip", "export.zip");
    std::fs::write(dir.path().join("assessment.yaml"), yaml).unwrap();
    let run = run(&["validate", dir.path().to_str().unwrap()]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("export.zip › govstack-dpi-full-systems.csv!D2 (row 2, column \"status\")"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("prodution"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[sheet-not-read]: `readme.txt` in the archive is not a csv file; it is not read\n  --> export.zip › readme.txt"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn repeat_rows_without_their_submission_are_read_with_one_warning() {
    // The systems repeat listed alone: its rows are read, but their review cannot be checked.
    let dir = scratch();
    std::fs::write(
        dir.path().join("govstack-dpi-full-systems.csv"),
        odk_csv("govstack-dpi-full-systems.csv"),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(fixture("odk-zip").join("assessment.yaml"))
        .unwrap()
        .replace("govstack-dpi-full.zip", "govstack-dpi-full-systems.csv");
    std::fs::write(dir.path().join("assessment.yaml"), yaml).unwrap();
    let (assessment, found) = load_assessment(dir.path());
    let assessment = assessment.expect("the inventory alone still loads");
    // The rejected test submission's system is read too: nothing says it was rejected.
    assert_eq!(assessment.systems.len(), 24);
    let orphans: Vec<String> = found
        .iter()
        .filter(|d| d.code.as_str() == "orphan-repeat-rows")
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect();
    assert_eq!(
        orphans,
        [
            "govstack-dpi-full-systems.csv: 24 row(s) of the systems repeat belong to no submission of the exports under inputs.answers (rows 2, 3, 4, 5, 6, 7, 8, 9, and 16 more); they are read, but whether their submission was approved or rejected cannot be checked"
        ]
    );
}

#[test]
fn a_zip_is_refused_under_any_input_but_answers() {
    let dir = scratch();
    copy_dir(&fixture("odk-zip"), dir.path());
    let path = dir.path().join("assessment.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap() + "  systems: govstack-dpi-full.zip\n";
    std::fs::write(&path, yaml).unwrap();
    let run = run(&["validate", dir.path().to_str().unwrap()]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`govstack-dpi-full.zip` is a zip archive, which is read only as a form export under inputs.answers"),
        "{}",
        run.stderr
    );
}
