//! Ingest and scoring of a large xlsx systems inventory, against calamine's bare parse of the same
//! file: the floor no reader of xlsx can go below by much.
//!
//! Run with `cargo bench --bench large_inventory`. For 25 000, 50 000 and 100 000 rows (or the
//! comma-separated counts in `LARGE_INVENTORY_ROWS`) it writes a workspace whose `systems.xlsx` is
//! saved the way Excel saves (shared strings, coverage as a number with a `0%` format), and, when
//! `soffice` is on the PATH, the largest one again as LibreOffice Calc re-saves it. Each side is then
//! run five times:
//!
//! - **calamine**: `open_workbook_auto`, `worksheet_range("systems")`, and a pass over every cell;
//! - **dpi-assess**: `load_assessment` (definitions, the workbook, every row to a system, with its
//!   checks) followed by `score`.
//!
//! Every run is a child process (this binary again, with `measure SIDE PATH`) that reports its own
//! wall time and peak resident memory (`VmHWM` in `/proc/self/status`), so that the two sides are
//! measured alike and neither inherits the other's heap. The table gives medians, the ratio of
//! dpi-assess to calamine in time and memory (the target is at most 2× in both) and the time per
//! thousand rows, which stays flat while the cost is linear in rows.
//!
//! dpi-assess reads the inventory's rows and scores its Building Blocks on every core
//! (`src/parallel.rs`), as the binary does; calamine's parse has no parallel part. Set
//! `DPI_ASSESS_THREADS=1` to measure dpi-assess on one core.
//!
//! Both sides run under mimalloc, the allocator of the `dpi-assess` binary (`src/main.rs`), so
//! that each is measured as a program built like ours would run it. Under glibc's allocator
//! calamine takes about the same time but peaks lower (83 MB rather than 133 MB at 100 000 rows
//! on the 2-core machine of 2026-12-06), so compare memory with that figure too.
//!
//! To profile one side, write a workspace with `large_inventory write FOLDER ROWS` (the binary that
//! `cargo bench --no-run` names) and run `dpi-assess score FOLDER` under a profiler.
//!
//! Nothing here fails on a slow machine: speed is reported, not asserted. What is asserted is that
//! every row became a system and the coverage percentages were read as percentages.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::{csv_row, load, repo, systems, systems_header, write_systems_only_assessment};
use dpi_assess::ingest::load_assessment;
use dpi_assess::model::System;
use dpi_assess::score::score;
use rust_xlsxwriter::{Format, Workbook};

/// The allocator of the `dpi-assess` binary, for both sides (see the module's notes).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Runs of each side per case; the table shows their medians. Five, because a run on a shared
/// 2-core machine now and then takes a third longer than the others.
const RUNS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("measure") => return measure(&args[2], Path::new(&args[3])),
        Some("write") => {
            let rows = args[3].parse().expect("write FOLDER ROWS");
            return write_workspace(Path::new(&args[2]), rows);
        }
        _ => {}
    }
    // `cargo test --benches` runs this binary with `--test`-like flags and no bench filter: a
    // quick smoke run on a small inventory keeps it meaningful there without taking minutes.
    let quick = args.iter().any(|a| a == "--test");
    let rows: Vec<usize> = match std::env::var("LARGE_INVENTORY_ROWS") {
        Ok(list) => list
            .split(',')
            .map(|n| {
                n.trim()
                    .parse()
                    .expect("LARGE_INVENTORY_ROWS: comma-separated row counts")
            })
            .collect(),
        Err(_) if quick => vec![2_000],
        Err(_) => vec![25_000, 50_000, 100_000],
    };
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut cases = Vec::new();
    for &n in &rows {
        let dir = scratch.path().join(format!("excel-{n}"));
        write_workspace(&dir, n);
        cases.push(Case {
            label: "Excel-style",
            rows: n,
            dir,
        });
    }
    let largest = *rows.iter().max().expect("at least one row count");
    if !quick && let Some(dir) = resave_with_libreoffice(scratch.path(), largest) {
        cases.push(Case {
            label: "LibreOffice",
            rows: largest,
            dir,
        });
    }

    println!(
        "{:<12} {:>8} | {:>10} {:>10} {:>6} | {:>9} {:>9} {:>6} | {:>11}",
        "saved by", "rows", "calamine", "ours", "×", "calamine", "ours", "×", "ours/1k rows"
    );
    for case in &cases {
        let workbook = case.dir.join("systems.xlsx");
        let bare = median_of(RUNS, || child("calamine", &workbook, case.rows));
        let ours = median_of(RUNS, || child("ingest-score", &case.dir, case.rows));
        println!(
            "{:<12} {:>8} | {:>8.0}ms {:>8.0}ms {:>6.2} | {:>7.0}MB {:>7.0}MB {:>6.2} | {:>9.2}ms",
            case.label,
            case.rows,
            bare.millis,
            ours.millis,
            ours.millis / bare.millis,
            bare.peak_mb,
            ours.peak_mb,
            ours.peak_mb / bare.peak_mb,
            ours.millis / case.rows as f64 * 1000.0,
        );
    }
}

/// One workspace to measure.
struct Case {
    label: &'static str,
    rows: usize,
    dir: PathBuf,
}

/// What one child run reports.
#[derive(Clone, Copy)]
struct Measured {
    millis: f64,
    peak_mb: f64,
}

/// The median time and the median peak of `runs` runs (each a separate process).
fn median_of(runs: usize, mut run: impl FnMut() -> Measured) -> Measured {
    let mut all: Vec<Measured> = (0..runs).map(|_| run()).collect();
    let middle = all.len() / 2;
    all.sort_by(|a, b| a.millis.total_cmp(&b.millis));
    let millis = all[middle].millis;
    all.sort_by(|a, b| a.peak_mb.total_cmp(&b.peak_mb));
    Measured {
        millis,
        peak_mb: all[middle].peak_mb,
    }
}

/// Runs `side` on `path` in a child process and reads its report: `millis peak_kb`.
fn child(side: &str, path: &Path, rows: usize) -> Measured {
    let output = Command::new(std::env::current_exe().expect("this benchmark's path"))
        .args(["measure", side, &path.display().to_string(), &rows.to_string()])
        .output()
        .expect("the benchmark can run itself");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{side} on {} failed: {stdout}{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut fields = stdout
        .split_whitespace()
        .map(|f| f.parse::<f64>().expect("a number"));
    let millis = fields.next().expect("the time");
    let peak_kb = fields.next().expect("the peak");
    Measured {
        millis,
        peak_mb: peak_kb / 1024.0,
    }
}

/// In the child: runs one side and prints its wall time in ms and its peak resident set in kB.
fn measure(side: &str, path: &Path) {
    let rows: usize = std::env::args()
        .nth(4)
        .and_then(|n| n.parse().ok())
        .expect("the row count");
    let start = Instant::now();
    match side {
        "calamine" => {
            use calamine::{Data, Reader, open_workbook_auto};
            let mut workbook = open_workbook_auto(path).expect("calamine opens the workbook");
            let range = workbook
                .worksheet_range("systems")
                .expect("calamine reads the sheet");
            // Touch every cell, as any reader that uses the data must.
            let mut filled = 0usize;
            let mut text_bytes = 0usize;
            for row in range.rows() {
                for cell in row {
                    match cell {
                        Data::Empty => {}
                        Data::String(s) => {
                            filled += 1;
                            text_bytes += s.len();
                        }
                        _ => filled += 1,
                    }
                }
            }
            assert!(filled > rows * 8 && text_bytes > 0, "calamine read the cells");
        }
        "ingest-score" => {
            let (assessment, found) = load_assessment(path);
            let Some(assessment) = assessment else {
                panic!("the workspace does not load: {found:#?}");
            };
            assert_eq!(assessment.systems.len(), rows, "every row becomes a system");
            let results = score(&assessment);
            std::hint::black_box(results);
        }
        other => panic!("unknown side {other}"),
    }
    let millis = start.elapsed().as_secs_f64() * 1000.0;
    println!("{millis:.1} {}", peak_kb());
}

/// This process's peak resident set in kB, from `/proc/self/status`.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status (Linux)");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}

/// Writes a systems-only workspace whose inventory is `systems.xlsx` with `n` rows, and checks that
/// it reads back as the systems it was written from.
fn write_workspace(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("the case folder");
    write_systems_only_assessment(dir, "systems.xlsx");
    let framework = load(&repo("sample-data/kalindra-2024")).framework;
    let written = systems(&framework, n, "systems.xlsx");
    write_workbook(&dir.join("systems.xlsx"), &written);
    if n <= 100_000 {
        check_reading(dir, &written);
    }
}

/// The systems in a sheet `systems`, coverage as a fraction with a `0%` format as Excel stores a
/// typed "85%", every other value as text.
fn write_workbook(path: &Path, written: &[System]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("systems").expect("a valid sheet name");
    let percent = Format::new().set_num_format("0%");
    for (col, name) in systems_header().iter().enumerate() {
        sheet.write_string(0, col as u16, name).expect("header cell");
    }
    for (i, system) in written.iter().enumerate() {
        let row = i as u32 + 1;
        for (col, value) in csv_row(system).iter().enumerate() {
            let col = col as u16;
            if col == 4 {
                if let Some(coverage) = system.coverage {
                    sheet
                        .write_number_with_format(row, col, coverage, &percent)
                        .expect("cell");
                }
            } else if !value.is_empty() {
                sheet.write_string(row, col, value).expect("cell");
            }
        }
    }
    workbook.save(path).expect("the workbook saves");
}

/// The workspace reads back as written: same count, and the coverage of every system equal.
fn check_reading(dir: &Path, written: &[System]) {
    let read = load(dir).systems;
    assert_eq!(read.len(), written.len(), "every row becomes a system");
    for (a, b) in read.iter().zip(written) {
        assert_eq!(a.name, b.name);
        let same = match (a.coverage, b.coverage) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        };
        assert!(
            same,
            "{}: coverage {:?} read as {:?}",
            b.name, b.coverage, a.coverage
        );
    }
}

/// The workspace of `excel-N` with its workbook opened and saved again by LibreOffice Calc, or None
/// (with a line saying why) when `soffice` is not there or fails.
fn resave_with_libreoffice(scratch: &Path, n: usize) -> Option<PathBuf> {
    let source = scratch.join(format!("excel-{n}"));
    let dir = scratch.join(format!("libreoffice-{n}"));
    let converted = scratch.join("converted");
    std::fs::create_dir_all(&dir).ok()?;
    let profile = format!(
        "-env:UserInstallation=file://{}",
        scratch.join("lo-profile").display()
    );
    let result = Command::new("soffice")
        .args([
            &profile,
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(&converted)
        .arg(source.join("systems.xlsx"))
        .output();
    match result {
        Ok(output) if output.status.success() && converted.join("systems.xlsx").exists() => {
            std::fs::rename(converted.join("systems.xlsx"), dir.join("systems.xlsx")).ok()?;
            std::fs::copy(source.join("assessment.yaml"), dir.join("assessment.yaml")).ok()?;
            Some(dir)
        }
        Ok(output) => {
            eprintln!(
                "LibreOffice case skipped: soffice failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
            None
        }
        Err(error) => {
            eprintln!("LibreOffice case skipped: soffice not run ({error})");
            None
        }
    }
}
