//! Helpers: run the binary, read its output, build scratch folders from fixtures.

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn repo(path: &str) -> PathBuf {
    root().join(path)
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Panics with both streams unless the exit code is `code`.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Runs `dpi-assess` with `args` in `dir`, without colour.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("dpi-assess");
    command.current_dir(dir).env("NO_COLOR", "1").args(args);
    Run::from(command.output().expect("the binary runs"))
}

/// Runs `dpi-assess` with `args` from the repository root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// Writes the report of sample `sample` (a folder of `sample-data/`) in `formats` (e.g. `html`,
/// `md,json`) into `out`, requiring success; returns `out`.
pub fn report_sample(sample: &str, out: &Path, formats: &str) -> PathBuf {
    report_into(&repo(&format!("sample-data/{sample}")), out, formats)
}

/// Writes the report of `workspace` in `formats` into `out`, requiring success; returns `out`.
pub fn report_into(workspace: &Path, out: &Path, formats: &str) -> PathBuf {
    run(&[
        "report",
        workspace.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        formats,
    ])
    .expect_code(0);
    out.to_path_buf()
}

/// The codes of the diagnostics in a `--format json` verdict, in order.
pub fn diagnostic_codes(verdict: &serde_json::Value) -> Vec<&str> {
    verdict["diagnostics"]
        .as_array()
        .expect("a diagnostics list")
        .iter()
        .map(|d| d["code"].as_str().expect("a code"))
        .collect()
}

/// A scratch folder removed at the end of the test.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// 1-based line and column where `needle` starts in `text` (first occurrence).
pub fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not found"));
    position_at(text, offset)
}

/// 1-based line and column of a byte offset (columns count characters, as editors do).
pub fn position_at(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    (line, column)
}

/// Replaces exactly one occurrence of `from` (panics if absent).
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` not found");
    text.replacen(from, to, 1)
}
