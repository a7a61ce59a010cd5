//! The whole `report` command at national scale, against `score` on the same workspace, run as a
//! user runs them: child processes of the release binary.
//!
//! Run with `cargo bench --bench report_scale` (`RUNS=5 cargo bench --bench report_scale` for more
//! runs). Each case's workspace is written once into a temporary folder, checked with `validate`
//! (exit 0: no errors) and loaded to count what it holds; then each command runs `RUNS` times
//! (default 3) and the table gives the median wall time and the largest peak resident set:
//!
//! 1. **100 000 systems**: a Testland workspace whose systems csv has 100 000 rows
//!    (`common::systems`, as `benches/score.rs`), with the four answer files of
//!    `sample-data/kalindra-2024` copied in so that the report has real content. `score WS` and
//!    `report WS --out OUT` (every format: html, pdf, md, json, csv, xlsx, the default when
//!    `--format` is not given) both run; the table gives the ratio report / score, which the issue
//!    wants at most 2×. Then `report --format X` runs for each format alone, to show which format
//!    costs what (`REPORT_SCALE_PER_FORMAT=0` skips these).
//! 2. **10 000 services**: the kalindra-2024 sample (systems, answers, definitions) with a services
//!    csv of 10 000 generated rows in the sample's columns. The report must complete.
//! 3. **1 000 respondents**: the kalindra-2024 sample with 996 more respondents, one answer file
//!    each, copying one of the sample's four files in turn under unique respondent and institution
//!    names, with `level` answers shifted by −1, 0 or +1 (within 0..4) by copy. The issue wants the
//!    report under 200 MB of peak memory.
//!
//! Cases 2 and 3 run `score` too, for scale. Every row of `report` gives the size and page count of
//! its `report.pdf` (pages by `pdfinfo`, when installed).
//!
//! Wall time is taken by this benchmark around each child (`std::time::Instant`; it includes process
//! start-up, as a user's would). Peak memory is GNU time's `%M` for the child (`/usr/bin/time -f %M
//! -o FILE`); without GNU time (`apt-get install -y time`) memory is left out with a message. The
//! binary is the one cargo builds for this bench (`CARGO_BIN_EXE_dpi-assess`: cargo sets it for
//! benches even though the bin target has `test = false`), so under `cargo bench` it is
//! `target/release/dpi-assess`, built with the bench profile, which is the release profile.
//! `score WS` writes `WS/output/results.json`, as it does for a user; every run starts with its
//! output folder removed.
//!
//! To profile one case, write its workspace with `report_scale write systems|services|respondents
//! FOLDER COUNT` (the binary that `cargo bench --no-run` names) and run `dpi-assess report FOLDER`
//! under a profiler.
//!
//! Nothing here fails on a slow machine: speed and memory are reported against their goals, not
//! asserted. What is asserted: every workspace validates without errors and holds the systems,
//! services and respondents it was written with; every run exits 0 and writes every file its format
//! names; and the 10 000-service report lists every service, in `report.xlsx` (sheet `services`)
//! and in `report.json` (`plan.services`). Outside `cargo bench` (`cargo test --benches`) it makes
//! one quick run on small workspaces, on the debug binary.

mod common;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::{csv_row, load, repo, systems, systems_header, write_systems_only_assessment};
use dpi_assess::model::{AnswerType, Assessment, DigitalLevel, Framework, ServiceCategory};

/// The binary under test, built by cargo for this bench.
const BINARY: &str = env!("CARGO_BIN_EXE_dpi-assess");

/// The workspace the cases start from.
const SAMPLE: &str = "sample-data/kalindra-2024";

/// Each `--format` value and the files it writes into `--out`.
const FORMATS: [(&str, &[&str]); 6] = [
    ("html", &["report.html"]),
    ("pdf", &["report.pdf"]),
    ("md", &["report.md"]),
    ("json", &["results.json", "report.json"]),
    ("csv", &["scores.csv", "gaps.csv", "ledger.csv", "systems.csv"]),
    ("xlsx", &["report.xlsx"]),
];

/// The columns of a services csv (the sample's, which the generated one copies).
const SERVICE_COLUMNS: &[&str] = dpi_assess::model::columns::SERVICES;

/// How large each case is.
struct Sizes {
    systems: usize,
    services: usize,
    respondents: usize,
}

const NATIONAL: Sizes = Sizes {
    systems: 100_000,
    services: 10_000,
    respondents: 1_000,
};

/// The smoke run outside `cargo bench`: every step, in seconds.
const QUICK: Sizes = Sizes {
    systems: 2_000,
    services: 300,
    respondents: 12,
};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("write") {
        let [_, _, case, dir, count] = &args[..] else {
            panic!("usage: report_scale write systems|services|respondents FOLDER COUNT");
        };
        let count = count.parse().expect("COUNT: a number");
        let sample = load(&repo(SAMPLE));
        let dir = Path::new(dir);
        match case.as_str() {
            "systems" => write_systems_case(dir, &sample, count),
            "services" => write_services_case(dir, &sample, count),
            "respondents" => write_respondents_case(dir, &sample, count),
            other => panic!("unknown case {other}: systems, services or respondents"),
        }
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing, and gets a quick run.
    let quick = !args.iter().any(|a| a == "--bench");
    let sizes = if quick { QUICK } else { NATIONAL };
    let runs = match std::env::var("RUNS") {
        Ok(n) => n
            .parse()
            .ok()
            .filter(|&n| n > 0)
            .expect("RUNS: a positive number"),
        Err(_) if quick => 1,
        Err(_) => 3,
    };
    let per_format = !quick && std::env::var("REPORT_SCALE_PER_FORMAT").as_deref() != Ok("0");
    let sample = load(&repo(SAMPLE));
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let bench = Bench {
        runner: Runner {
            time: gnu_time(),
            runs,
        },
        scratch: scratch.path().to_path_buf(),
        sample,
    };
    eprintln!("binary: {BINARY}; {runs} run(s) per command");
    let mut table = Table::new();
    bench.systems_case(&mut table, sizes.systems, per_format);
    bench.services_case(&mut table, sizes.services);
    bench.respondents_case(&mut table, sizes.respondents);
    table.print(runs, bench.runner.time.is_some());
}

/// What every case needs: the runner, the scratch folder and the loaded sample.
struct Bench {
    runner: Runner,
    scratch: PathBuf,
    sample: Assessment,
}

impl Bench {
    /// Case 1: `report` against `score` on `n` systems, then each format alone when `per_format`.
    fn systems_case(&self, table: &mut Table, n: usize, per_format: bool) {
        let case = format!("{} systems", thousands(n));
        let ws = self.workspace(&case, "systems", |dir| write_systems_case(dir, &self.sample, n));
        check_workspace(&ws, |a| assert_eq!(a.systems.len(), n, "systems"));
        let score = self.score(table, &case, &ws);
        let report = self.report(table, &case, &ws);
        let ratio = report.seconds / score.seconds;
        table.note(&format!(
            "report / score = {ratio:.2}× (goal ≤ 2×: {})",
            verdict(ratio <= 2.0)
        ));
        if per_format {
            for (format, files) in FORMATS {
                let out = self.scratch.join(format!("systems-{format}"));
                let args = ["report", path(&ws), "--out", path(&out), "--format", format];
                let alone = self.runner.measure(&args, &out, files);
                let pdf = (format == "pdf").then_some(out.as_path());
                table.row(&case, &format!("report --format {format}"), &alone, pdf);
            }
        }
    }

    /// Case 2: the report on `n` services completes and lists every one of them.
    fn services_case(&self, table: &mut Table, n: usize) {
        let case = format!("{} services", thousands(n));
        let ws = self.workspace(&case, "services", |dir| write_services_case(dir, &self.sample, n));
        check_workspace(&ws, |a| assert_eq!(a.services.len(), n, "services"));
        self.score(table, &case, &ws);
        self.report(table, &case, &ws);
        check_services_listed(&self.scratch.join("services-out"), n);
        table.note(&format!(
            "report.xlsx (sheet services) and report.json (plan.services) list all {} services",
            thousands(n)
        ));
    }

    /// Case 3: the report's peak memory with `n` respondents.
    fn respondents_case(&self, table: &mut Table, n: usize) {
        let case = format!("{} respondents", thousands(n));
        let ws = self.workspace(&case, "respondents", |dir| {
            write_respondents_case(dir, &self.sample, n)
        });
        check_workspace(&ws, |a| assert_eq!(respondents(a), n, "respondents"));
        self.score(table, &case, &ws);
        let report = self.report(table, &case, &ws);
        if let Some(kb) = report.peak_kb {
            table.note(&format!(
                "report peak {:.0} MB (goal < 200 MB: {})",
                mb(kb),
                verdict(mb(kb) < 200.0)
            ));
        }
    }

    /// The folder `name` of the scratch folder, written by `write`.
    fn workspace(&self, case: &str, name: &str, write: impl FnOnce(&Path)) -> PathBuf {
        eprintln!("writing the {case} workspace…");
        let ws = self.scratch.join(name);
        write(&ws);
        ws
    }

    /// `score WS`, which writes `WS/output/results.json`.
    fn score(&self, table: &mut Table, case: &str, ws: &Path) -> Measured {
        let measured = self
            .runner
            .measure(&["score", path(ws)], &ws.join("output"), &["results.json"]);
        table.row(case, "score", &measured, None);
        measured
    }

    /// `report WS --out OUT` with every format (no `--format`), OUT being `<ws>-out`.
    fn report(&self, table: &mut Table, case: &str, ws: &Path) -> Measured {
        let out = ws.with_file_name(format!("{}-out", ws.file_name().unwrap().to_string_lossy()));
        let all: Vec<&str> = FORMATS
            .iter()
            .flat_map(|(_, files)| files.iter().copied())
            .collect();
        let measured = self
            .runner
            .measure(&["report", path(ws), "--out", path(&out)], &out, &all);
        table.row(case, "report (all formats)", &measured, Some(&out));
        measured
    }
}

/// How a goal reads in the table.
fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}

/// A scratch path as an argument; temporary folders have UTF-8 paths.
fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 scratch path")
}

/// `100 000`, as the table writes counts.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

// ---------------------------------------------------------------------------------------------
// Running the binary

/// Runs the binary, each command `runs` times, with GNU time when there is one.
struct Runner {
    time: Option<PathBuf>,
    runs: usize,
}

/// What `runs` runs of one command gave.
struct Measured {
    /// The median wall time.
    seconds: f64,
    /// The largest peak resident set, when GNU time is there.
    peak_kb: Option<u64>,
}

impl Runner {
    /// Runs `dpi-assess ARGS` `runs` times, each with `out` removed first, and checks after each run
    /// that it exited 0 and wrote every one of `files` into `out`, not empty.
    fn measure(&self, args: &[&str], out: &Path, files: &[&str]) -> Measured {
        let mut seconds = Vec::with_capacity(self.runs);
        let mut peak_kb = None;
        for run in 1..=self.runs {
            eprintln!("  dpi-assess {} (run {run}/{})", args.join(" "), self.runs);
            if out.exists() {
                std::fs::remove_dir_all(out).expect("the previous run's output removed");
            }
            let (wall, peak) = self.run(args);
            for file in files {
                let written = out.join(file);
                let size = std::fs::metadata(&written).map(|m| m.len()).unwrap_or(0);
                assert!(
                    size > 0,
                    "`dpi-assess {}` wrote no {}",
                    args.join(" "),
                    written.display()
                );
            }
            seconds.push(wall);
            peak_kb = peak_kb.max(peak);
        }
        seconds.sort_by(f64::total_cmp);
        Measured {
            seconds: seconds[seconds.len() / 2],
            peak_kb,
        }
    }

    /// One run: its wall time in seconds and, with GNU time, its peak resident set in kB. Panics
    /// with the command's output when it does not exit 0.
    fn run(&self, args: &[&str]) -> (f64, Option<u64>) {
        let peak_file = tempfile::NamedTempFile::new().expect("a file for GNU time's report");
        let mut command = match &self.time {
            Some(time) => {
                let mut command = Command::new(time);
                command.args(["-f", "%M", "-o"]).arg(peak_file.path()).arg(BINARY);
                command
            }
            None => Command::new(BINARY),
        };
        command.args(args);
        let start = Instant::now();
        let output = command.output().expect("the dpi-assess binary runs");
        let wall = start.elapsed().as_secs_f64();
        assert!(
            output.status.success(),
            "`dpi-assess {}` failed ({}):\n{}{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let peak = self.time.as_ref().map(|_| read_peak_kb(peak_file.path()));
        (wall, peak)
    }
}

/// GNU time's report: the `%M` on its last line (a line before it may say the exit status).
fn read_peak_kb(file: &Path) -> u64 {
    let text = std::fs::read_to_string(file).expect("GNU time's report");
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("GNU time wrote no peak: {text:?}"))
}

/// `/usr/bin/time` when it is GNU time (it takes `-f %M -o FILE`), or None with a message.
fn gnu_time() -> Option<PathBuf> {
    let time = PathBuf::from("/usr/bin/time");
    let file = tempfile::NamedTempFile::new().expect("a scratch file");
    let works = Command::new(&time)
        .args(["-f", "%M", "-o"])
        .arg(file.path())
        .arg("true")
        .status()
        .is_ok_and(|s| s.success())
        && std::fs::read_to_string(file.path()).is_ok_and(|t| t.trim().parse::<u64>().is_ok());
    if works {
        Some(time)
    } else {
        eprintln!(
            "peak memory is not measured: /usr/bin/time is missing or is not GNU time \
             (apt-get install -y time)"
        );
        None
    }
}

/// `validate WS` exits 0 (no errors), and the workspace, loaded, passes `check`.
fn check_workspace(ws: &Path, check: impl FnOnce(&Assessment)) {
    let output = Command::new(BINARY)
        .args(["validate", path(ws)])
        .output()
        .expect("the dpi-assess binary runs");
    assert!(
        output.status.success(),
        "{} does not validate:\n{}{}",
        ws.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    check(&load(ws));
}

/// Distinct respondents, compared without case as ingest compares them.
fn respondents(assessment: &Assessment) -> usize {
    let names: BTreeSet<String> = assessment
        .answers
        .iter()
        .map(|a| a.respondent.to_lowercase())
        .collect();
    names.len()
}

/// The report in `out` lists `n` services: the rows of the sheet `services` of `report.xlsx`
/// under its header, and `plan.services` in `report.json`.
fn check_services_listed(out: &Path, n: usize) {
    use calamine::{Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(out.join("report.xlsx")).expect("report.xlsx opens");
    let sheet = workbook
        .worksheet_range("services")
        .expect("report.xlsx has a sheet `services`");
    assert_eq!(
        sheet.height(),
        n + 1,
        "report.xlsx: a header and a row per service"
    );

    let json = std::fs::read_to_string(out.join("report.json")).expect("report.json");
    let report: serde_json::Value = serde_json::from_str(&json).expect("report.json is JSON");
    let listed = report["plan"]["services"]
        .as_array()
        .expect("report.json has plan.services")
        .len();
    assert_eq!(listed, n, "report.json: plan.services");
}

// ---------------------------------------------------------------------------------------------
// The table

/// The results, printed as a table at the end (and each row on stderr as it comes).
struct Table {
    lines: Vec<String>,
}

impl Table {
    fn new() -> Self {
        Table { lines: Vec::new() }
    }

    /// A measured command; with `pdf_dir`, the size and page count of its `report.pdf`.
    fn row(&mut self, case: &str, command: &str, measured: &Measured, pdf_dir: Option<&Path>) {
        let peak = measured
            .peak_kb
            .map_or_else(|| "-".to_string(), |kb| format!("{:.0} MB", mb(kb)));
        let (size, pages) = match pdf_dir {
            Some(dir) => {
                let pdf = dir.join("report.pdf");
                let bytes = std::fs::metadata(&pdf).expect("report.pdf").len();
                let pages = pdf_pages(&pdf).map_or_else(|| "-".to_string(), |p| p.to_string());
                (format!("{:.1} MB", bytes as f64 / 1_048_576.0), pages)
            }
            None => (String::new(), String::new()),
        };
        let line = format!(
            "{case:<18} {command:<24} {:>9.2} s {peak:>9} {size:>9} {pages:>6}",
            measured.seconds
        )
        .trim_end()
        .to_string();
        eprintln!("{line}");
        self.lines.push(line);
    }

    /// A line under the last row.
    fn note(&mut self, text: &str) {
        let line = format!("{:<18} ↳ {text}", "");
        eprintln!("{line}");
        self.lines.push(line);
    }

    fn print(&self, runs: usize, memory: bool) {
        let mut out = String::new();
        writeln!(
            out,
            "\nmedian wall time of {runs} run(s), largest peak RSS{}; binary {BINARY}",
            if memory {
                ""
            } else {
                " (not measured: no GNU time)"
            }
        )
        .unwrap();
        writeln!(
            out,
            "{:<18} {:<24} {:>11} {:>9} {:>9} {:>6}",
            "case", "command", "median", "peak RSS", "PDF", "pages"
        )
        .unwrap();
        for line in &self.lines {
            writeln!(out, "{line}").unwrap();
        }
        print!("{out}");
    }
}

/// The page count `pdfinfo` gives, or None when it is not installed (said once).
fn pdf_pages(pdf: &Path) -> Option<u32> {
    match Command::new("pdfinfo").arg(pdf).output() {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok()),
        Ok(output) => panic!(
            "pdfinfo cannot read {}: {}",
            pdf.display(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(_) => {
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| eprintln!("PDF pages not counted: pdfinfo is not installed (poppler-utils)"));
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The workspaces

/// The sample's answer files, relative to the workspace (`answers/….csv`), in name order.
fn sample_answer_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo(SAMPLE).join("answers"))
        .expect("the sample's answers folder")
        .map(|entry| {
            format!(
                "answers/{}",
                entry.expect("a folder entry").file_name().to_string_lossy()
            )
        })
        .filter(|f| f.ends_with(".csv"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 4, "the sample's four answer files");
    files
}

/// Copies the sample's files (`assessment.yaml`, its inventories, `answers/`) into `dir`.
fn copy_sample(dir: &Path) {
    std::fs::create_dir_all(dir.join("answers")).expect("the case folder");
    for file in ["assessment.yaml", "systems.csv", "services.csv"]
        .into_iter()
        .map(String::from)
        .chain(sample_answer_files())
    {
        std::fs::copy(repo(SAMPLE).join(&file), dir.join(&file))
            .unwrap_or_else(|e| panic!("copying {file} of the sample: {e}"));
    }
}

/// Case 1: a Testland workspace with `n` generated systems in `systems.csv` and the sample's
/// answer files.
fn write_systems_case(dir: &Path, sample: &Assessment, n: usize) {
    std::fs::create_dir_all(dir.join("answers")).expect("the case folder");
    write_systems_only_assessment(dir, "systems.csv");
    let yaml_path = dir.join("assessment.yaml");
    let mut yaml = std::fs::read_to_string(&yaml_path).expect("assessment.yaml");
    assert!(
        yaml.ends_with("inputs:\n  systems: systems.csv\n"),
        "write_systems_only_assessment changed: inputs must come last to add the answers"
    );
    yaml.push_str("  answers:\n");
    for file in sample_answer_files() {
        std::fs::copy(repo(SAMPLE).join(&file), dir.join(&file)).expect("an answer file copied");
        writeln!(yaml, "    - {file}").unwrap();
    }
    std::fs::write(&yaml_path, yaml).expect("assessment.yaml");

    let mut csv = csv::Writer::from_path(dir.join("systems.csv")).expect("systems.csv");
    csv.write_record(systems_header()).unwrap();
    for system in systems(&sample.framework, n, "systems.csv") {
        csv.write_record(csv_row(&system)).unwrap();
    }
    csv.flush().expect("systems.csv written");
}

/// Case 2: the sample with its services csv replaced by `n` generated services: names after the
/// sample's services, owners among the sample's institutions, categories and digital levels
/// cycling, one to six required Building Blocks of the framework, volumes varying.
fn write_services_case(dir: &Path, sample: &Assessment, n: usize) {
    copy_sample(dir);
    let header = std::fs::read_to_string(repo(SAMPLE).join("services.csv")).expect("services.csv");
    assert_eq!(
        header.lines().next().unwrap_or_default(),
        SERVICE_COLUMNS.join(","),
        "the sample's services columns changed: update write_services_case"
    );
    let owners: Vec<&str> = sample
        .services
        .iter()
        .map(|s| s.owner.as_str())
        .chain(sample.systems.iter().map(|s| &*s.owner))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut csv = csv::Writer::from_path(dir.join("services.csv")).expect("services.csv");
    csv.write_record(SERVICE_COLUMNS).unwrap();
    for i in 0..n {
        csv.write_record(service_row(
            &sample.framework,
            &sample.services[i % sample.services.len()].name,
            &owners,
            i,
        ))
        .unwrap();
    }
    csv.flush().expect("services.csv written");
}

/// The `i`-th generated service, in [`SERVICE_COLUMNS`]; `like` is the sample service it is named
/// after.
fn service_row(framework: &Framework, like: &str, owners: &[&str], i: usize) -> [String; 7] {
    let bbs: Vec<&str> = framework.building_blocks.iter().map(|b| b.id.as_str()).collect();
    let required: Vec<&str> = (0..1 + i % 6).map(|k| bbs[(i * 5 + k) % bbs.len()]).collect();
    let transactions = 1_000 + (i * 7_919) % 2_500_000;
    [
        format!("{like} {}", i + 1),
        ServiceCategory::ALL[i % ServiceCategory::ALL.len()]
            .code()
            .to_string(),
        owners[i % owners.len()].to_string(),
        transactions.to_string(),
        (transactions / (1 + i % 12)).to_string(),
        // Every seventeenth service does not say how digital it is.
        if i % 17 == 16 {
            String::new()
        } else {
            DigitalLevel::ALL[(i / 3) % DigitalLevel::ALL.len()]
                .code()
                .to_string()
        },
        required.join(";"),
    ]
}

/// Case 3: the sample with `n` respondents: its four, then `n − 4` copies of its answer files in
/// turn, one file each (`answers/respondent-0005.csv`, …), respondent and institution names
/// suffixed with the copy's number, `level` answers written as a number shifted by −1, 0 or +1
/// (within 0..4) by copy; every other answer as the sample gives it.
fn write_respondents_case(dir: &Path, sample: &Assessment, n: usize) {
    copy_sample(dir);
    let originals = sample_answer_files();
    assert!(n >= originals.len(), "at least the sample's respondents");
    let is_level = |question: &str| {
        sample
            .questionnaires
            .iter()
            .find_map(|q| q.question(question))
            .is_some_and(|q| q.answer_type == AnswerType::Level)
    };
    let mut files = originals.clone();
    let mut shifted = 0;
    for number in originals.len() + 1..=n {
        let source = &originals[number % originals.len()];
        let shift = (number % 3) as i16 - 1;
        let mut reader = csv::Reader::from_path(repo(SAMPLE).join(source)).expect("an answer file");
        let header = reader.headers().expect("its header").clone();
        let column = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("{source} has no column {name}"))
        };
        let (question, answer) = (column("question_id"), column("answer"));
        let (respondent, institution) = (column("respondent"), column("institution"));
        let file = format!("answers/respondent-{number:04}.csv");
        let mut writer = csv::Writer::from_path(dir.join(&file)).expect("an answer file");
        writer.write_record(&header).unwrap();
        for record in reader.records() {
            let mut row: Vec<String> = record.expect("a row").iter().map(String::from).collect();
            if is_level(&row[question])
                && let Ok(level) = row[answer].trim().parse::<i16>()
            {
                let moved = (level + shift).clamp(0, 4);
                shifted += usize::from(moved != level);
                row[answer] = moved.to_string();
            }
            for name in [respondent, institution] {
                if !row[name].is_empty() {
                    row[name] = format!("{} {number:04}", row[name]);
                }
            }
            writer.write_record(&row).unwrap();
        }
        writer.flush().expect("an answer file written");
        files.push(file);
    }
    assert!(n == originals.len() || shifted > 0, "some level answers shifted");
    let yaml_path = dir.join("assessment.yaml");
    let yaml = std::fs::read_to_string(&yaml_path).expect("assessment.yaml");
    std::fs::write(&yaml_path, with_answers(&yaml, &files)).expect("assessment.yaml");
}

/// `yaml` (the sample's `assessment.yaml`) with its list of answer files replaced by `files`.
fn with_answers(yaml: &str, files: &[String]) -> String {
    let mut out = String::with_capacity(yaml.len() + files.len() * 40);
    let mut lines = yaml.lines().peekable();
    let mut replaced = false;
    while let Some(line) = lines.next() {
        writeln!(out, "{line}").unwrap();
        if line == "  answers:" {
            while lines.peek().is_some_and(|l| l.starts_with("    - ")) {
                lines.next();
            }
            for file in files {
                writeln!(out, "    - {file}").unwrap();
            }
            replaced = true;
        }
    }
    assert!(
        replaced,
        "the sample's assessment.yaml no longer lists its answers as `  answers:` and `    - FILE` lines"
    );
    out
}
