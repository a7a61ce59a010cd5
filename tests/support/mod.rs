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

/// Runs a PDF tool (poppler-utils' pdftotext, pdfinfo, pdffonts, pdfimages; qpdf) and returns what
/// it printed, requiring success.
pub fn tool(name: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test (.ci/run installs it): {e}"));
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A real client that reads the file but complains about it (poppler's "Syntax Error: …")
    // shows the complaint to every user who runs it.
    assert!(
        output.stderr.is_empty(),
        "{name} complained: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of a PDF, as `pdftotext` reads it.
pub fn pdftotext(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// What every PDF the tool writes must be, read by the real clients: tagged for assistive
/// technology (pdfinfo), every font embedded, subset and with a Unicode map (pdffonts), charts as
/// vector graphics with no raster image (pdfimages), and the whole structure sound — object
/// streams, cross-reference stream, every stream's filter (qpdf --check). Returns pdfinfo's output.
pub fn check_pdf(pdf: &Path) -> String {
    let path = pdf.to_str().unwrap();
    let info = tool("pdfinfo", &[path]);
    assert!(info.lines().any(|l| l == "Tagged:          yes"), "{info}");
    let fonts = tool("pdffonts", &[path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name, type words…, encoding, emb, sub, uni, object, generation: emb is 5th from the end.
        assert_eq!(columns[columns.len() - 5], "yes", "font not embedded: {row}");
        assert_eq!(columns[columns.len() - 4], "yes", "font not subset: {row}");
        assert_eq!(
            columns[columns.len() - 3],
            "yes",
            "font without a Unicode map: {row}"
        );
    }
    let images = tool("pdfimages", &["-list", path]);
    assert_eq!(images.lines().count(), 2, "a raster image in {path}: {images}");
    let check = tool("qpdf", &["--check", path]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    info
}

/// kalindra-2024's four ministry registries, none a shared platform (the target moves them onto one).
pub const KALINDRA_REGISTRIES: [&str; 4] = [
    "Client and Health Facility Registry",
    "Learner and School Registry",
    "Social Registry of Households",
    "Farmer Registry",
];

/// kalindra-2024's three SMS gateways (the target moves them onto one messaging platform).
pub const KALINDRA_SMS_GATEWAYS: [&str; 3] = [
    "Health SMS Gateway",
    "Agricultural Advisory SMS Service",
    "School Results SMS Service",
];
