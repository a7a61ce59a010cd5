//! The HTML reports in a real browser (issue 15): every sample report and the comparison of the
//! samples, opened in headless Chromium at 1280 px, checked by axe-core against WCAG 2.1 A and
//! AA, with no serious or critical violation and no table wider than its column; at 375 px (a
//! phone) again with no such violation and every chart label 9 px or more as drawn; then laid
//! out for print on A4 (Chromium's print to PDF) with nothing past the printable width.
//!
//! `tests/browser/check.js` does the checking; it needs Node.js, Chromium (`/usr/bin/chromium`,
//! or `$CHROMIUM`) and `npm ci --prefix tests/browser`, which `.ci/run` installs. Without them
//! the test is skipped locally and fails in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{repo, report_sample, run, scratch};

const SAMPLES: [&str; 4] = ["kalindra-2024", "kalindra-2026", "nuvaria", "estmar"];

/// Why the browser check cannot run here, if it cannot.
fn missing_tools() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if Command::new("node").arg("--version").output().is_err() {
        return Some("Node.js (node) is not installed".to_string());
    }
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "Chromium is not at {chromium} (apt-get install chromium, or set CHROMIUM)"
        ));
    }
    if !repo("tests/browser/node_modules/axe-core").exists() {
        return Some("axe-core is not installed (npm ci --prefix tests/browser)".to_string());
    }
    None
}

#[test]
fn every_sample_report_and_the_comparison_pass_axe_fit_at_1280_px_read_at_375_px_and_print_unclipped() {
    if let Some(why) = missing_tools() {
        let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!in_ci, "{why}; .ci/run installs what the browser check needs");
        eprintln!("SKIPPED: {why}; this check runs in CI");
        return;
    }
    let dir = scratch();
    let mut pages: Vec<PathBuf> = Vec::new();
    for sample in SAMPLES {
        let out = report_sample(sample, &dir.path().join(sample), "html");
        pages.push(out.join("report.html"));
    }
    let comparison = dir.path().join("comparison");
    let mut args = vec!["compare".to_string()];
    args.extend(
        SAMPLES
            .iter()
            .map(|s| repo(&format!("sample-data/{s}")).display().to_string()),
    );
    args.extend(["--out".to_string(), comparison.display().to_string()]);
    args.extend(["--format".to_string(), "html".to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args).expect_code(0);
    pages.push(comparison.join("comparison.html"));

    let output = Command::new("node")
        .arg(repo("tests/browser/check.js"))
        .args(&pages)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser check failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("5 file(s), 0 problem(s)"), "{stdout}");
}
