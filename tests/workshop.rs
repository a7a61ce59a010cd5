//! The validation workshop end to end: `dpi-assess workshop` writes a pack, a person fills it in
//! (here openpyxl, as a spreadsheet program would), the workspace lists it, and exactly the
//! indicators it decides change, with the decision shown beside the answers' spread in results
//! and report. Then the mistakes a filled-in pack can hold, each with its cell and message.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{copy_dir, repo, run, scratch};

/// kalindra-2024 as before its workshop: the same answers, no decisions.
fn kalindra_without_decisions(dir: &Path) -> PathBuf {
    let ws = dir.join("kalindra");
    copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    let yaml = yaml.replace("  adjudications: adjudications.csv\n", "");
    assert!(!yaml.contains("adjudications:"));
    std::fs::write(ws.join("assessment.yaml"), yaml).unwrap();
    std::fs::remove_file(ws.join("adjudications.csv")).unwrap();
    ws
}

/// Lists `file` as the workspace's adjudications.
fn list_adjudications(ws: &Path, file: &str) {
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    let yaml = yaml.replace(
        "  services: services.csv\n",
        &format!("  services: services.csv\n  adjudications: {file}\n"),
    );
    std::fs::write(ws.join("assessment.yaml"), yaml).unwrap();
}

fn score(ws: &Path, out: &Path) -> serde_json::Value {
    run(&["score", ws.to_str().unwrap(), "--out", out.to_str().unwrap()]).expect_code(0);
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

fn indicators(results: &serde_json::Value) -> Vec<serde_json::Value> {
    results["pillars"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["dimensions"].as_array().cloned().unwrap_or_default())
        .flat_map(|d| d["indicators"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn openpyxl_available() -> bool {
    let available = Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!in_ci, "python3 with openpyxl is needed; .ci/run installs it");
        eprintln!("SKIPPED: python3 with openpyxl is not available; this check runs in CI");
    }
    available
}

/// Runs a Python script (openpyxl) that fills in the pack as a workshop would.
fn fill_pack(pack: &Path, script: &str) {
    let filled = Command::new("python3")
        .args(["-c", script, pack.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        filled.status.success(),
        "{}",
        String::from_utf8_lossy(&filled.stderr)
    );
}

/// Fills the pack's decision columns for the rows of two indicators, as a workshop would.
const FILL: &str = r#"
import sys, datetime, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
ws = wb["adjudications"]
head = [c.value for c in ws[1]]
col = {name: i + 1 for i, name in enumerate(head)}
filled = 0
for row in range(2, ws.max_row + 1):
    indicator = ws.cell(row, col["indicator"]).value
    if indicator == "law-interoperability-mandate":
        ws.cell(row, col["agreed_level"]).value = 2
        ws.cell(row, col["rationale"]).value = "The draft regulation was gazetted on 1 June; the mandate binds ministries but not agencies."
        ws.cell(row, col["evidence"]).value = "ACT-KDSA-2021; WS-VALIDATION-2024-06-27"
        ws.cell(row, col["agreed_by"]).value = "Workshop participants"
        ws.cell(row, col["agreed_on"]).value = datetime.date(2024, 6, 27)
        filled += 1
    elif indicator == "ppl-grievance-redress":
        ws.cell(row, col["agreed_level"]).value = "contested"
        ws.cell(row, col["rationale"]).value = "Social Protection and the KDSA read the hotline differently."
        ws.cell(row, col["agreed_by"]).value = "Workshop participants"
        filled += 1
assert filled == 2, filled
wb.save(path)
"#;

#[test]
fn a_filled_in_pack_changes_exactly_the_indicators_it_decides_and_the_report_shows_each_decision() {
    if !openpyxl_available() {
        return;
    }
    let dir = scratch();
    let ws = kalindra_without_decisions(dir.path());
    let before = score(&ws, &dir.path().join("before.json"));

    let pack = ws.join("workshop.xlsx");
    let written = run(&["workshop", ws.to_str().unwrap(), "--out", pack.to_str().unwrap()]);
    written.expect_code(0);
    assert!(
        written.stdout.contains("law-interoperability-mandate"),
        "{}",
        written.stdout
    );
    assert!(
        written.stdout.contains("ppl-grievance-redress"),
        "{}",
        written.stdout
    );
    fill_pack(&pack, FILL);
    list_adjudications(&ws, "workshop.xlsx");
    let after = score(&ws, &dir.path().join("after.json"));

    let before = indicators(&before);
    let after = indicators(&after);
    assert_eq!(before.len(), after.len());
    for (was, now) in before.iter().zip(&after) {
        let id = now["id"].as_str().unwrap();
        match id {
            "law-interoperability-mandate" => {
                assert_eq!(now["value"], 2.0, "{now}");
                assert_eq!(now["score"], 50.0);
                assert_eq!(now["review"], "validated");
                let decision = &now["adjudication"];
                assert_eq!(decision["outcome"], "agreed");
                assert_eq!(decision["agreed_level"], 2);
                assert_eq!(decision["answers_value"], was["value"]);
                assert_eq!(decision["agreed_by"], "Workshop participants");
                assert_eq!(decision["agreed_on"], "2024-06-27");
                assert_eq!(decision["sheet"], "adjudications");
                // What the respondents said is kept beside the decision.
                assert_eq!(now["respondent_values"], was["respondent_values"]);
                assert_eq!(now["spread"], was["spread"]);
                assert_eq!(now["disputed"], was["disputed"]);
                assert_ne!(now["value"], was["value"], "the test must change a value");
            }
            "ppl-grievance-redress" => {
                assert_eq!(now["value"], was["value"]);
                assert_eq!(now["review"], "contested");
                assert_eq!(now["adjudication"]["outcome"], "contested");
            }
            _ => {
                for key in ["value", "score", "level", "review", "unverified", "disputed"] {
                    assert_eq!(now[key], was[key], "{id}.{key} changed");
                }
                assert!(now.get("adjudication").is_none(), "{id}");
            }
        }
    }

    // The report shows the spread, the agreed level and the rationale.
    let out = dir.path().join("report");
    run(&[
        "report",
        ws.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "md,html",
    ])
    .expect_code(0);
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let was = before
        .iter()
        .find(|i| i["id"] == "law-interoperability-mandate")
        .unwrap();
    let values = was["respondent_values"].as_array().unwrap();
    let sentence = format!(
        "Agreed at level 2 by Workshop participants on 2024-06-27; the answers gave {:.1} (respondents from {:.1} to {:.1})",
        was["value"].as_f64().unwrap(),
        values[0].as_f64().unwrap(),
        values[values.len() - 1].as_f64().unwrap()
    );
    for text in [
        sentence.as_str(),
        "the mandate binds ministries but not agencies",
        "Contested: the workshop could not agree (by Workshop participants, date not recorded)",
    ] {
        assert!(md.contains(text), "report.md lacks {text:?}");
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("the mandate binds ministries but not agencies"));
    assert!(html.contains(r#"id="annex-workshop""#));
}

/// Writes an adjudications csv into a copy of kalindra-2024 and returns the verdict of validate.
fn validate_with(dir: &Path, csv: &str) -> serde_json::Value {
    let ws = kalindra_without_decisions(dir);
    std::fs::write(ws.join("decisions.csv"), csv).unwrap();
    list_adjudications(&ws, "decisions.csv");
    let verdict = run(&["validate", ws.to_str().unwrap(), "--format", "json"]);
    verdict.json()
}

#[test]
fn each_mistake_in_a_filled_in_pack_is_an_error_at_its_cell() {
    let dir = scratch();
    let verdict = validate_with(
        dir.path(),
        "indicator,agreed_level,rationale,evidence,agreed_by,agreed_on\n\
         law-interoperability-mandate,5,too high,,,\n\
         ppl-grievance-redress,2,,,,\n\
         no-such-indicator,1,because,,,\n\
         inf-government-cloud,2,shared hosting exists,,,27/06/2024\n\
         law-e-transactions,3,seen the act,,,\n\
         LAW-E-TRANSACTIONS,contested,disagreement,,,\n\
         gov-operator-mandates,,,,,\n",
    );
    assert_eq!(verdict["valid"], false);
    let found: Vec<(String, u64, String)> = verdict["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["location"]["path"] == "decisions.csv")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["row"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("invalid-value", 2, "`5` is not an agreed level"),
        (
            "missing-value",
            3,
            "an agreed level needs its rationale: why the workshop agreed it",
        ),
        (
            "unknown-reference",
            4,
            "`no-such-indicator` is no indicator of the framework",
        ),
        ("invalid-date", 5, "`27/06/2024` is not a date"),
        (
            "duplicate-decision",
            7,
            "`law-e-transactions` is decided again; row 6 already decides it",
        ),
    ];
    for (code, row, message) in expected {
        assert!(
            found
                .iter()
                .any(|(c, r, m)| c == code && *r == row && m == message),
            "missing {code} at row {row}: {message}\nfound: {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

/// Pages of `pdftotext` output: it ends each page with a form feed.
fn pdf_pages(text: &str) -> Vec<&str> {
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect()
}

#[test]
fn an_unsigned_report_says_draft_on_its_cover_and_every_page_and_a_signed_one_names_its_validation() {
    const DRAFT: &str = "Draft — not validated";
    let dir = scratch();
    let draft = dir.path().join("nuvaria");
    crate::support::report_sample("nuvaria", &draft, "html,pdf,md");

    // PDF, as a reader's PDF client extracts it: the cover and every page.
    let pdf = crate::support::pdftotext(&draft.join("report.pdf"));
    let pages = pdf_pages(&pdf);
    assert!(pages.len() > 5, "{} pages", pages.len());
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains(DRAFT),
            "page {} of the PDF lacks the draft mark",
            n + 1
        );
    }
    // The cover says it among its facts, not only in the running footer.
    assert!(pages[0].matches(DRAFT).count() >= 2, "{}", pages[0]);

    // Markdown: under the title, in the cover table, and in the footer.
    let md = std::fs::read_to_string(draft.join("report.md")).unwrap();
    let head: String = md.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(head.contains(&format!("**{DRAFT}**")), "{head}");
    assert!(md.contains(&format!("| {DRAFT} |")), "the cover table");
    let tail: String = md.lines().rev().take(3).collect::<Vec<_>>().join("\n");
    assert!(tail.contains(DRAFT), "{tail}");

    // HTML: the masthead, the cover, and every printed page (the @page margin box).
    let html = std::fs::read_to_string(draft.join("report.html")).unwrap();
    assert!(html.contains(&format!(r#"<p class="review-mark draft">{DRAFT}</p>"#)));
    assert!(html.contains(&format!(r#"@top-right {{ content: "{DRAFT}""#)));
    assert!(html.matches(DRAFT).count() >= 3);

    // kalindra-2024 is signed off: no draft mark anywhere, and the cover names the validation.
    let signed = dir.path().join("kalindra");
    crate::support::report_sample("kalindra-2024", &signed, "html,pdf,md");
    let validation = "Validated: signed off by Ayodele Marchetti-Obi";
    let pdf = crate::support::pdftotext(&signed.join("report.pdf"));
    assert!(!pdf.contains(DRAFT));
    assert!(pdf_pages(&pdf)[0].contains(validation));
    for file in ["report.html", "report.md"] {
        let text = std::fs::read_to_string(signed.join(file)).unwrap();
        assert!(!text.contains(DRAFT), "{file}");
        assert!(text.contains(validation), "{file}");
    }
}

/// Decides one more indicator in a pack written from kalindra-2024, which already has decisions.
const FILL_ONE_MORE: &str = r#"
import sys, openpyxl
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
ws = wb["adjudications"]
col = {c.value: i + 1 for i, c in enumerate(ws[1])}
rows = {ws.cell(r, col["indicator"]).value: r for r in range(2, ws.max_row + 1)}
# The four decisions of 27 June are carried into the pack, filled in.
for indicator, level in [("inf-government-cloud", 2), ("law-interoperability-mandate", 1),
                         ("ppl-assisted-channels", 2), ("ppl-grievance-redress", "contested")]:
    assert str(ws.cell(rows[indicator], col["agreed_level"]).value) == str(level), indicator
row = rows["law-e-transactions"]
assert ws.cell(row, col["agreed_level"]).value is None
ws.cell(row, col["agreed_level"]).value = 2
ws.cell(row, col["rationale"]).value = "The act is passed but its regulations are not issued."
wb.save(path)
"#;

#[test]
fn a_pack_written_after_a_first_session_keeps_its_decisions_and_adds_only_the_new_one() {
    if !openpyxl_available() {
        return;
    }
    let dir = scratch();
    let ws = dir.path().join("kalindra");
    copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let before = score(&ws, &dir.path().join("before.json"));
    let pack = ws.join("pack.xlsx");
    run(&["workshop", ws.to_str().unwrap(), "--out", pack.to_str().unwrap()]).expect_code(0);
    fill_pack(&pack, FILL_ONE_MORE);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    std::fs::write(
        ws.join("assessment.yaml"),
        crate::support::replace_once(
            &yaml,
            "adjudications: adjudications.csv",
            "adjudications: pack.xlsx",
        ),
    )
    .unwrap();
    let after = score(&ws, &dir.path().join("after.json"));
    let changed: Vec<String> = indicators(&before)
        .iter()
        .zip(indicators(&after))
        .filter(|(was, now)| {
            ["value", "review"].iter().any(|k| was[k] != now[k])
                || was["adjudication"]["agreed_level"] != now["adjudication"]["agreed_level"]
        })
        .map(|(was, _)| was["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(changed, ["law-e-transactions"]);
}
