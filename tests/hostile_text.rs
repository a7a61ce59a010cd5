//! Hostile and mistaken text: control characters in cells and names, YAML values of the wrong
//! kind, mapping files that cannot work, csv files whose lines end in a lone carriage return, and
//! one respondent giving two figures for one question. Each workspace in
//! `tests/fixtures/hostile/` gets its exact diagnostics (message, location and hint); the files
//! whose bytes a fixture cannot hold well (NUL, a copy of a whole sample) are written here.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Run, copy_dir, repo, run_in, scratch};

fn fixture(case: &str) -> PathBuf {
    repo("tests/fixtures/hostile").join(case)
}

/// stderr without the blank lines between diagnostics.
fn diagnostics(run: &Run) -> String {
    run.stderr.replace("\n\n", "\n")
}

/// Cases with their exit code and the exact diagnostics expected on stderr.
const CASES: &[(&str, i32, &str)] = &[
    (
        "yaml-target-not-a-level",
        1,
        "error[yaml-syntax]: target for `identity` is `high`, not a level: levels run 0..4
  --> ./assessment.yaml:9:21
  = hint: write a whole number 0, 1, 2, 3 or 4",
    ),
    (
        "yaml-negative-count",
        1,
        "error[invalid-value]: capacity for `lead_digital_agency` is `-3`, not a whole number of actions, 1 or more
  --> ./assessment.yaml:10:24
  = hint: capacity is how many roadmap actions the role runs at once, e.g. 3",
    ),
    (
        "yaml-text-for-list",
        1,
        "error[yaml-syntax]: `questionnaires` is `govstack-dpi-full`, not a list
  --> ./assessment.yaml:6:17
  = hint: write a list: `[a, b]` after `questionnaires:`, or one `- item` per line below it",
    ),
    (
        "yaml-unknown-enum-value",
        1,
        "error[yaml-syntax]: `evidence_policy` is `strict`, not one of the allowed values
  --> ./assessment.yaml:9:18
  = hint: allowed: flag, cap",
    ),
    (
        "yaml-missing-field",
        1,
        "error[yaml-syntax]: `iso3` is required but missing from the top level of the file
  --> ./assessment.yaml:2:1
  = hint: add a line `iso3: …`; schemas/ describes every key",
    ),
    (
        "mapping-two-columns-one-header",
        1,
        "error[duplicate-column]: `owner` and `name` are both mapped to the header `System` (`name` at mapping.yaml:3:9)
  --> mapping.yaml:4:10
  = hint: a header can feed one column only; map `owner` to the header that holds it, or remove the line
error[missing-column]: required column `owner` is missing: its mapping at mapping.yaml:4:10 to `System` cannot be used
  --> systems.csv › A1 (row 1)
  = hint: see the error at mapping.yaml:4:10; the header row has `System`, `Ministry in charge`, `GovStack BB`, `Phase`",
    ),
    (
        "mapping-header-not-in-file",
        1,
        "warning[unknown-reference]: `coverage` is mapped to `Reach`, but the header row of systems.csv has no such column
  --> mapping.yaml:7:13
  = hint: the column is not read; correct the header here or in the file (case, spaces and punctuation do not matter); the header row has `System Title`, `Responsible Ministry`, `GovStack BB`, `Phase`
error[missing-column]: required column `owner` is missing: mapping.yaml:4:10 maps it to `Responsable Ministry`, which is not in the header row
  --> systems.csv › B1 (row 1, column \"Responsible Ministry\")
  = hint: did you mean `Responsible Ministry`? Correct the header at mapping.yaml:4:10 or in the file (case, spaces and punctuation do not matter)",
    ),
    (
        // Rows as an editor shows them: the quoted two-line name takes rows 2 and 3.
        "cr-line-endings",
        1,
        "error[invalid-value]: `operational` is not a known lifecycle status
  --> systems.csv › D4 (row 4, column \"status\")
  = hint: allowed: planned, pilot, production, legacy",
    ),
    (
        "repeated-figure",
        1,
        "error[duplicate-answer]: `Ana Lee` answered question `inf.04` twice: `4%` at answers.csv row 2 and `5%` here
  --> answers.csv › A4 (row 4, column \"question_id\")
  = hint: both figures give level 0, but they are different answers; keep the right one, and if two people answered, give each their own respondent name",
    ),
];

/// Cases whose expectation is a test of its own below.
/// Cases asserted by their own tests here or in other modules (hostile_outputs, hostile_workbooks,
/// field_exports); they are still checked for Rust type names below.
const OWN_TESTS: &[&str] = &[
    "control-characters",
    "definition-text-too-long",
    "last-format-fails",
    "text-too-long",
];
const OWN_PREFIXES: &[&str] = &["xlsx-", "field-"];

#[test]
fn each_case_gets_its_exact_diagnostics() {
    for (case, code, expected) in CASES {
        let run = run_in(&fixture(case), &["validate", "."]);
        let said = diagnostics(&run);
        assert!(
            said.contains(expected),
            "{case}: expected\n{expected}\n--- got\n{}",
            run.stderr
        );
        assert!(!run.stdout.contains("error["), "{case}: diagnostics on stdout");
        run.expect_code(*code);
    }
}

#[test]
fn every_case_has_an_expectation_and_none_names_a_rust_type() {
    let mut folders: Vec<String> = std::fs::read_dir(repo("tests/fixtures/hostile"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(folders.len() >= 10, "only {} fixtures", folders.len());
    for case in &folders {
        assert!(
            CASES.iter().any(|(c, ..)| c == case)
                || OWN_TESTS.contains(&case.as_str())
                || OWN_PREFIXES.iter().any(|p| case.starts_with(p)),
            "fixture {case} has no expectation"
        );
        let run = run_in(&fixture(case), &["validate", "."]);
        for rust in [
            "invalid u8",
            "invalid u32",
            "struct ",
            "Raw",
            "variant",
            "panicked",
        ] {
            assert!(!run.stderr.contains(rust), "{case}: `{rust}` in\n{}", run.stderr);
        }
    }
}

#[test]
fn the_mapping_line_lists_where_a_column_was_found_instead() {
    // `name` mapped to a header that is not there, while the file's own `name` column is read: a
    // warning at the mapping's line, saying which column was read instead.
    let dir = scratch();
    copy_dir(&fixture("mapping-header-not-in-file"), dir.path());
    std::fs::write(
        dir.path().join("mapping.yaml"),
        "systems:\n  name: System Title\n  owner: Responsible Ministry\n  building_blocks: GovStack BB\n  status: Phase\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("systems.csv"),
        "name,Responsible Ministry,GovStack BB,Phase\nCivil Registry,Registrar General,Registration,Production\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &["validate", "."]);
    let expected = "warning[unknown-reference]: `name` is mapped to `System Title`, but the header row of systems.csv has no such column
  --> mapping.yaml:2:9
  = hint: `name` is read from the column `name` (A) instead; correct or remove the mapping";
    assert!(diagnostics(&run).contains(expected), "{}", run.stderr);
    run.expect_code(0);
}

/// Bytes that act on a terminal, in cells and in file names: each diagnostic shows them as
/// escapes and stays on its three lines.
#[test]
fn control_characters_are_shown_as_escapes() {
    let dir = scratch();
    copy_dir(&fixture("control-characters"), dir.path());
    let csv: &[u8] = b"question_id,answer,respondent,institution,evidence,comment\n\
        inf.09\x1b[2J,3,Ana Lee,Ministry of ICT,,\n\
        inf.10,\x07yes\x00\x1b]0;pwned\x07,Ana Lee,Ministry of ICT,,\n\
        inf.02,\"4\n5\",Ana Lee,Ministry of ICT,,\n\
        inf.04,9\xe2\x80\xae0,Ana Lee,Ministry of ICT,,\n";
    std::fs::write(dir.path().join("answers.csv"), csv).unwrap();
    let run = run_in(dir.path(), &["validate", "."]);
    let expected = "error[unknown-question]: question `inf.09\\u{1b}[2J` is not in the workspace's questionnaires
  --> answers.csv › A2 (row 2, column \"question_id\")
  = hint: question ids are the ids of the workspace's questionnaires (see `dpi-assess frameworks show`)
error[invalid-answer]: answer `\\u{7}yes\\u{0}\\u{1b}]0;pwned\\u{7}` is not one of the levels
  --> answers.csv › B3 (row 3, column \"answer\")
  = hint: allowed: a level 0..4 (0 Absent, 1 Initial, 2 Developing, 3 Established, 4 Advanced), Not applicable, Don't know
error[invalid-answer]: answer `4\\n5` is not a number
  --> answers.csv › B4 (row 4, column \"answer\")
  = hint: allowed: a percentage 0..100 such as 45 or 45%, Not applicable, Don't know
error[invalid-answer]: answer `9\\u{202e}0` is not a number
  --> answers.csv › B6 (row 6, column \"answer\")";
    assert!(
        diagnostics(&run).contains(expected),
        "expected\n{expected}\n--- got\n{}",
        run.stderr
    );
    run.expect_code(1);
    assert_terminal_safe(&run.stderr);

    // A file name from assessment.yaml (YAML writes ESC as `\e`): escaped in the message too.
    let yaml = std::fs::read_to_string(dir.path().join("assessment.yaml")).unwrap();
    let yaml = yaml.replace("answers: [answers.csv]", "answers: [\"gone\\e[31m.csv\"]");
    std::fs::write(dir.path().join("assessment.yaml"), yaml).unwrap();
    let run = run_in(dir.path(), &["validate", "."]);
    assert!(
        run.stderr
            .contains("error[input-not-found]: input file `gone\\u{1b}[31m.csv` does not exist"),
        "{}",
        run.stderr
    );
    run.expect_code(1);
    assert_terminal_safe(&run.stderr);
}

/// No character a terminal acts on, other than the line breaks between lines of output.
fn assert_terminal_safe(text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n'
                || !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
            "raw U+{:04X} in\n{text}",
            u32::from(c)
        );
    }
}

/// Every csv file of a workspace with its line breaks turned into lone carriage returns, as
/// Excel for Mac's "CSV (Macintosh)" writes them.
fn to_carriage_returns(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            to_carriage_returns(&path);
        } else if path.extension().is_some_and(|e| e == "csv") {
            let text = std::fs::read_to_string(&path).unwrap();
            let converted = text.replace("\r\n", "\n").replace('\n', "\r");
            assert!(!converted.contains('\n'));
            std::fs::write(&path, converted).unwrap();
        }
    }
}

#[test]
fn carriage_return_files_read_and_score_like_the_original() {
    // The fixture must keep its lone CRs (its .gitattributes says so), or `cr-line-endings`
    // above would test an ordinary file.
    let bytes = std::fs::read(fixture("cr-line-endings").join("systems.csv")).unwrap();
    assert!(
        bytes.contains(&b'\r') && !bytes.contains(&b'\n'),
        "the fixture lost its CRs"
    );

    let dir = scratch();
    let original = dir.path().join("original");
    let mac = dir.path().join("mac");
    copy_dir(&repo("sample-data/kalindra-2024"), &original);
    copy_dir(&repo("sample-data/kalindra-2024"), &mac);
    to_carriage_returns(&mac);

    let ledger = |ws: &Path| -> Value {
        let run = run_in(ws, &["validate", ".", "--format", "json"]);
        run.expect_code(0);
        run.json()["inputs"]["ledger"].clone()
    };
    let (a, b) = (ledger(&original), ledger(&mac));
    assert_eq!(a, b, "the row ledgers differ");
    let rows: u64 = a["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["rows_used"].as_u64().unwrap())
        .sum();
    assert!(rows > 200, "only {rows} rows used");

    let results = |ws: &Path| -> Value {
        let out = ws.join("results.json");
        run_in(ws, &["score", ".", "--out", out.to_str().unwrap()]).expect_code(0);
        let mut value: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        value.as_object_mut().unwrap().remove("tool");
        value
    };
    let (a, b) = (results(&original), results(&mac));
    let score = a["overall"]["score"].as_f64().unwrap();
    assert!(score > 40.0, "overall {score}");
    assert_eq!(a["overall"], b["overall"]);
    assert_eq!(a, b, "results differ");
}
