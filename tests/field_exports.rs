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
    assert_eq!(long.answers.len(), 130);
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
        "warning[form-version-mismatch]: the submissions were collected with form version `0.9.0`, but questionnaire `govstack-dpi-full` is version `1.0.0`
  --> kobo-problems.csv › B2 (row 2, column \"questionnaire_version\")",
        "error[invalid-answer]: answer `level_5` is not a choice of question `inf.10`
  --> kobo-problems.csv › AN2 (row 2, column \"infrastructure/inf_hosting/inf_10\")
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
        "87.3",
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
