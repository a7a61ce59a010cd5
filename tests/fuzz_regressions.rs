//! Replays the inputs that fuzzing found (or that were written by hand to be hostile) through the
//! real binary, so that a fixed crash stays fixed without anyone running a fuzzer.
//!
//! In: `fuzz/regressions/<target>/*`, one file per input, and the workspace each fuzz target uses
//! (`fuzz/workspaces/<target>/`). Out: one test that runs `validate` and `score` (or `frameworks
//! validate` for definitions) on each input in a scratch folder and lists every input that makes
//! the tool panic, hang, print a Debug dump or a raw control character, or leave a broken
//! results.json. Not here: what the messages say; the exact texts are asserted in `ingest.rs` and
//! the other feature tests. `fuzz/regressions-pending/` holds inputs that still fail; they are
//! replayed only by the ignored test, for whoever fixes them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{Run, copy_dir, repo, scratch};

/// How a fuzz target's input is replayed.
#[derive(Clone, Copy)]
enum Replay {
    /// The input is this file of the target's workspace; `validate .` and `score .` run on it.
    Workspace(&'static str),
    /// The input is a framework file, then a questionnaire checked against the embedded
    /// framework, as `frameworks validate` reads them.
    Definitions,
}

/// Every fuzz target (`fuzz/fuzz_targets/<name>.rs`) and how its inputs are replayed; the same
/// file names as in the targets.
const TARGETS: &[(&str, Replay)] = &[
    ("csv_answers", Replay::Workspace("answers.csv")),
    ("csv_systems", Replay::Workspace("systems.csv")),
    ("field_export", Replay::Workspace("export.csv")),
    ("mapping", Replay::Workspace("mapping.yaml")),
    ("yaml_definitions", Replay::Workspace("assessment.yaml")),
    ("framework_yaml", Replay::Definitions),
    ("xlsx", Replay::Workspace("answers.xlsx")),
    ("ods", Replay::Workspace("answers.ods")),
];

/// Text that only a Rust panic, `Debug` dump or unconverted library error produces (as in
/// `fuzz/src/lib.rs`). Text the input itself holds is a value quoted back, and is excused.
const FORBIDDEN: &[&str] = &[
    "panicked",
    "this is a bug",
    "RUST_BACKTRACE",
    "Error {",
    "InvalidArchive(",
    "Some(",
    "None)",
    "Utf8Error",
    "Os { code",
];

/// A run that takes longer than this is a hang (the slowest regression takes about a second in a
/// debug build).
const TIMEOUT: Duration = Duration::from_secs(60);

fn target_replay(name: &str) -> Option<Replay> {
    TARGETS.iter().find(|(t, _)| *t == name).map(|(_, r)| *r)
}

/// The files under `folder/<target>/`, per target, sorted.
fn inputs(folder: &str) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    let Ok(targets) = std::fs::read_dir(repo(folder)) else {
        return found;
    };
    for target in targets {
        let target = target.unwrap();
        let name = target.file_name().to_string_lossy().into_owned();
        assert!(
            target_replay(&name).is_some(),
            "{folder}/{name} names no fuzz target; known: {:?}",
            TARGETS.iter().map(|(t, _)| *t).collect::<Vec<_>>()
        );
        for file in std::fs::read_dir(target.path()).unwrap() {
            let path = file.unwrap().path();
            if path.is_file() {
                found.push((name.clone(), path));
            }
        }
    }
    found.sort();
    found
}

/// Address space a replayed run may use (in KiB, for `ulimit -v`): an input that makes the tool
/// allocate without bound then fails fast instead of taking the machine's memory.
const MEMORY_KIB: u64 = 4 * 1024 * 1024;

/// Runs the binary in `dir` with a time limit (and, where there is a POSIX shell, a memory
/// limit); the `Run` and how long it took.
fn run_limited(dir: &Path, args: &[&str]) -> (Run, Duration) {
    let binary = assert_cmd::cargo::cargo_bin!("dpi-assess");
    let mut command = if cfg!(unix) {
        let mut command = assert_cmd::Command::new("sh");
        let script = format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\"");
        command.arg("-c").arg(script).arg(binary);
        command
    } else {
        assert_cmd::Command::new(binary)
    };
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(TIMEOUT);
    let started = Instant::now();
    let output = command.output().expect("the binary runs");
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    (run, started.elapsed())
}

/// What is wrong with one run, if anything.
fn judge(run: &Run, took: Duration, input: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    if took >= TIMEOUT {
        problems.push(format!("did not finish within {} s", TIMEOUT.as_secs()));
    } else if !matches!(run.code, 0..=2) {
        // 101 is a Rust panic; -1 a signal (an abort, a failed allocation, a stack overflow).
        problems.push(format!("exit code {} (expected 0, 1 or 2)", run.code));
    }
    let input = String::from_utf8_lossy(input);
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text.chars().find(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        }) {
            problems.push(format!("{stream} holds the raw character U+{:04X}", c as u32));
        }
        for bad in FORBIDDEN {
            if text.contains(bad) && !input.contains(bad) {
                problems.push(format!("{stream} holds `{bad}`"));
            }
        }
    }
    problems
}

/// Replays one input; every problem found, each prefixed with the command that showed it.
fn replay(target: &str, input_path: &Path) -> Vec<String> {
    let input = std::fs::read(input_path).unwrap();
    let dir = scratch();
    let mut runs: Vec<(String, Run, Duration)> = Vec::new();
    match target_replay(target).unwrap() {
        Replay::Workspace(file) => {
            copy_dir(&repo(&format!("fuzz/workspaces/{target}")), dir.path());
            std::fs::write(dir.path().join(file), &input).unwrap();
            let (run, took) = run_limited(dir.path(), &["validate", "."]);
            runs.push(("validate .".into(), run, took));
            let args = ["score", ".", "--out", "out/results.json", "--csv", "out"];
            let (run, took) = run_limited(dir.path(), &args);
            if run.code == 0 {
                // A score that succeeded wrote results a script can read.
                let results = std::fs::read_to_string(dir.path().join("out/results.json"));
                match results.map(|text| serde_json::from_str::<serde_json::Value>(&text)) {
                    Ok(Ok(_)) => {}
                    Ok(Err(err)) => runs.push(("score: results.json".into(), broken(&err), took)),
                    Err(err) => runs.push(("score: results.json".into(), broken(&err), took)),
                }
            }
            runs.push((args.join(" "), run, took));
        }
        Replay::Definitions => {
            std::fs::write(dir.path().join("framework.yaml"), &input).unwrap();
            std::fs::write(dir.path().join("questionnaire.yaml"), &input).unwrap();
            let (run, took) = run_limited(dir.path(), &["frameworks", "validate", "framework.yaml"]);
            runs.push(("frameworks validate framework.yaml".into(), run, took));
            let embedded = repo("frameworks/govstack-dpi/framework.yaml");
            let embedded = embedded.to_str().unwrap();
            let args = [
                "frameworks",
                "validate",
                embedded,
                "--questionnaire",
                "questionnaire.yaml",
            ];
            let (run, took) = run_limited(dir.path(), &args);
            runs.push((
                "frameworks validate … --questionnaire questionnaire.yaml".into(),
                run,
                took,
            ));
        }
    }
    let mut problems = Vec::new();
    for (command, run, took) in &runs {
        for problem in judge(run, *took, &input) {
            problems.push(format!(
                "{command}: {problem}\n--- stdout\n{}--- stderr\n{}",
                run.stdout, run.stderr
            ));
        }
    }
    problems
}

/// A run standing for a results.json that is missing or not JSON.
fn broken(err: &dyn std::fmt::Display) -> Run {
    Run {
        code: 3,
        stdout: String::new(),
        stderr: format!("results.json is missing or not JSON: {err}\n"),
    }
}

/// Replays every input of `folder`; the report of every failure, or none.
fn replay_all(folder: &str) -> (usize, Vec<String>) {
    let inputs = inputs(folder);
    let mut failures = Vec::new();
    for (target, path) in &inputs {
        for problem in replay(target, path) {
            failures.push(format!(
                "{}: {problem}",
                path.strip_prefix(repo("")).unwrap().display()
            ));
        }
    }
    (inputs.len(), failures)
}

#[test]
fn every_fuzz_target_is_replayed_with_its_workspace() {
    let mut targets: Vec<String> = std::fs::read_dir(repo("fuzz/fuzz_targets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    targets.sort();
    let mut known: Vec<String> = TARGETS.iter().map(|(t, _)| t.to_string()).collect();
    known.sort();
    assert_eq!(targets, known, "fuzz/fuzz_targets/ and TARGETS disagree");
    for (target, replay) in TARGETS {
        if let Replay::Workspace(_) = replay {
            let assessment = repo(&format!("fuzz/workspaces/{target}/assessment.yaml"));
            assert!(assessment.is_file(), "{} is missing", assessment.display());
        }
    }
}

#[test]
fn every_workspace_template_is_valid_with_its_seed() {
    // The templates must load cleanly with their own files, or the fuzzer would only ever see
    // the workspace's error and never reach the reader it targets.
    for (target, replay) in TARGETS {
        if let Replay::Workspace(file) = replay {
            let dir = scratch();
            copy_dir(&repo(&format!("fuzz/workspaces/{target}")), dir.path());
            if !dir.path().join(file).exists() {
                continue; // the input file only exists when fuzzed (answers.csv, an xlsx…)
            }
            let (run, _) = run_limited(dir.path(), &["validate", "."]);
            assert_eq!(run.code, 0, "{target}: {}", run.stderr);
        }
    }
}

#[test]
fn saved_fuzz_inputs_are_refused_cleanly() {
    let (count, failures) = replay_all("fuzz/regressions");
    assert!(
        failures.is_empty(),
        "{} problem(s) replaying {count} input(s) of fuzz/regressions:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Inputs known to fail until the fix lands: `cargo test fuzz_regressions -- --ignored` shows
/// which now pass (move those into fuzz/regressions/).
#[test]
#[ignore = "replays fuzz/regressions-pending, which holds inputs that still fail"]
fn pending_fuzz_inputs_are_refused_cleanly() {
    let (count, failures) = replay_all("fuzz/regressions-pending");
    assert!(
        failures.is_empty(),
        "{} problem(s) replaying {count} input(s) of fuzz/regressions-pending:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
