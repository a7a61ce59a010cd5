//! The harness shared by the fuzz targets: a workspace per process, the fuzzed bytes written as
//! one of its files, the pipeline run on it, and the checks a user relies on.
//!
//! In: a target's name (its workspace template is `fuzz/workspaces/<target>/`) and the bytes
//! libFuzzer generates. Out: nothing, or a panic that libFuzzer records as a crash when the tool
//! panics or shows a diagnostic a person cannot read. Not here: deciding what a diagnostic should
//! say (the end-to-end tests assert exact messages); this only checks that every message is plain
//! text.
//!
//! Only the library's public entry points are used (`definitions::workspace::load_workspace`,
//! `ingest::ingest`/`assemble`, the two steps of `ingest::load_assessment`; `score::score`;
//! `definitions::load_framework`/`load_questionnaire`), so the targets survive rewrites of the
//! readers behind them. `tests/fuzz_regressions.rs` replays the saved crashes
//! through the real binary with the same workspace templates.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dpi_assess::definitions::workspace::LoadedWorkspace;
use dpi_assess::diagnostics::{Diagnostic, Severity, has_errors};
use dpi_assess::model::Assessment;

/// Text that only a Rust `Debug` dump or an unconverted library error produces; none of it
/// belongs in a message for a person.
pub const DEBUG_LOOKING: &[&str] = &[
    "Error {",
    "InvalidArchive(",
    "Some(",
    "None)",
    "Utf8Error",
    "Os { code",
    "panicked",
    "this is a bug",
];

/// Set to `1`, this environment variable excuses a control character in a diagnostic when the
/// input holds it too (a bad value quoted back unescaped). Meant only for long runs while that
/// known bug is open: otherwise nearly every run stops on it within seconds and nothing deeper is
/// found. Control characters the tool makes up itself are still findings.
pub const ALLOW_ECHOED_CONTROLS: &str = "DPI_FUZZ_ALLOW_ECHOED_CONTROLS";

/// A workspace in a temporary folder, made once per process from `fuzz/workspaces/<target>/`;
/// each run overwrites only the fuzzed file, which keeps a run cheap.
pub struct Harness {
    dir: PathBuf,
    input: PathBuf,
}

impl Harness {
    /// Copies the workspace template of `target` into a fresh folder; `input` is the file name
    /// the fuzzed bytes are written to.
    pub fn new(target: &str, input: &str) -> Harness {
        let template = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("workspaces")
            .join(target);
        // One folder per process: libFuzzer's -fork and -jobs modes run several at once.
        let dir = std::env::temp_dir().join(format!("dpi-assess-fuzz-{target}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        for entry in std::fs::read_dir(&template).expect("the workspace template exists") {
            let entry = entry.expect("a readable template entry");
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("template copied");
        }
        let input = dir.join(input);
        Harness { dir, input }
    }

    /// The workspace folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the fuzzed bytes as the input file.
    pub fn write(&self, data: &[u8]) {
        std::fs::write(&self.input, data).expect("the input file is written");
    }

    /// Writes the fuzzed bytes as one of the workspace's inputs and reads the inputs again with
    /// the workspace and its definitions loaded once (`load_assessment` does the same two steps,
    /// but parsing the framework and questionnaire on every run would make the fuzzer a hundred
    /// times slower); checks every diagnostic, and scores the assessment when there are no
    /// errors.
    pub fn ingest_and_score(&self, loaded: &LoadedWorkspace, data: &[u8]) {
        self.write(data);
        let (ingested, diagnostics) = dpi_assess::ingest::ingest(loaded);
        check_all(&diagnostics, data);
        if !has_errors(&diagnostics) {
            let assessment = dpi_assess::ingest::assemble(loaded.clone(), ingested);
            score(&assessment);
        }
    }

    /// The workspace with its definitions, loaded once with `seed` as the fuzzed file (any
    /// bytes: only the file's presence is checked here).
    pub fn load_once(&self, seed: &[u8]) -> LoadedWorkspace {
        self.write(seed);
        let (loaded, diagnostics) = dpi_assess::definitions::workspace::load_workspace(&self.dir);
        match loaded {
            Some(loaded) => loaded,
            None => panic!(
                "the workspace template does not load:\n{}",
                diagnostics.iter().map(render).collect::<String>()
            ),
        }
    }

    /// Loads the whole workspace with its fuzzed file (for a fuzzed assessment.yaml), checks
    /// every diagnostic, and scores the assessment when one comes back.
    pub fn load_and_score(&self, data: &[u8]) {
        self.write(data);
        let (assessment, diagnostics) = dpi_assess::ingest::load_assessment(&self.dir);
        check_all(&diagnostics, data);
        if let Some(assessment) = assessment {
            score(&assessment);
        }
    }
}

/// Scores an assessment; results.json is written from the results, so they must serialise.
fn score(assessment: &Assessment) {
    let results = dpi_assess::score::score(assessment);
    if let Err(err) = serde_json::to_string(&results) {
        panic!("the results do not serialise to JSON: {err}");
    }
}

/// A diagnostic as the CLI prints it without colour (`src/cli/output.rs`, which is private).
pub fn render(d: &Diagnostic) -> String {
    let label = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    // As the command line prints it: message and hint through `visible`, as `Printer` does.
    let message = dpi_assess::diagnostics::visible(&d.message);
    let mut text = format!("{label}[{}]: {message}\n  --> {}\n", d.code, d.location);
    if let Some(hint) = &d.hint {
        text.push_str(&format!("  = hint: {}\n", dpi_assess::diagnostics::visible(hint)));
    }
    text
}

/// The first thing in `text` a person should not see: a raw control character (other than the
/// line feed), a character that reorders text on screen, or Debug-looking text. Debug-looking text
/// that the input itself holds is a value quoted back, not a dump, so `input` excuses it.
pub fn unreadable(text: &str, input: &[u8]) -> Option<String> {
    let raw = input;
    let input = String::from_utf8_lossy(input);
    static EXCUSE_ECHOES: OnceLock<bool> = OnceLock::new();
    let excuse_echoes =
        *EXCUSE_ECHOES.get_or_init(|| std::env::var_os(ALLOW_ECHOED_CONTROLS).is_some_and(|v| v == "1"));
    for c in text.chars() {
        let what = if c.is_control() && c != '\n' {
            "a raw control character"
        } else if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            // Bidirectional overrides and isolates make a line show something else than it holds.
            "a bidirectional control"
        } else {
            continue;
        };
        // A byte of the input decoded as Windows-1252 or UTF-16 can also come back as a control.
        let echoed = input.contains(c) || u8::try_from(c as u32).is_ok_and(|b| raw.contains(&b));
        if excuse_echoes && echoed {
            continue;
        }
        return Some(format!("{what} U+{:04X}", c as u32));
    }
    DEBUG_LOOKING
        .iter()
        .find(|bad| text.contains(**bad) && !input.contains(**bad))
        .map(|bad| format!("Debug-looking text `{bad}`"))
}

/// Panics (a finding) when any diagnostic's printed text is not plain text for a person.
pub fn check_all(diagnostics: &[Diagnostic], input: &[u8]) {
    for d in diagnostics {
        let text = render(d);
        if let Some(problem) = unreadable(&text, input) {
            panic!("a diagnostic shows {problem}:\n{text:?}");
        }
    }
}
