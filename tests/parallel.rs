//! Rows are read on all cores and BBs scored on all cores (`src/parallel.rs`); these runs check
//! that the outcome does not depend on it: one thread and several give byte-identical
//! diagnostics, ledgers and results, on an inventory large enough to be split into many pieces,
//! with duplicates, bad values and empty rows spread across the pieces.

use std::path::Path;

use crate::support::{copy_dir, repo, scratch};

/// Rows in the generated inventory: many pieces of work (512 rows each) and a ragged last one.
const ROWS: usize = 5_300;

/// A systems inventory with a problem every few hundred rows: a system listed twice (the
/// second time in a later piece), an unknown BB, a bad coverage, a missing owner, an empty row.
fn write_inventory(path: &Path) {
    let bbs = [
        "identity",
        "payments",
        "registration",
        "consent",
        "messaging",
        "scheduler",
    ];
    let mut csv = String::from(
        "name,owner,building_blocks,status,coverage,exchange,hosting,open_source,used_by,platform\n",
    );
    for i in 0..ROWS {
        let row = match i {
            i if i % 997 == 500 => "\n".to_string(),
            i if i % 701 == 300 && i > 701 => format!(
                "System {},Ministry {},identity,production,50%,files,commercial_cloud,no,,no\n",
                i - 600,
                (i - 600) % 40
            ),
            i if i % 613 == 7 => format!(
                "System {i},Ministry {},teleportation,production,50%,files,commercial_cloud,no,,no\n",
                i % 40
            ),
            i if i % 587 == 11 => format!(
                "System {i},Ministry {},identity,pilot,150%,files,commercial_cloud,no,,no\n",
                i % 40
            ),
            i if i % 419 == 3 => format!("System {i},,identity,pilot,10%,files,commercial_cloud,no,,no\n"),
            i => format!(
                "System {i},Ministry {},{},{},{}%,point_to_point,on_premises,{},Ministry {};Ministry {},{}\n",
                i % 40,
                bbs[i % bbs.len()],
                ["production", "pilot", "legacy"][i % 3],
                i % 101,
                if i % 2 == 0 { "yes" } else { "no" },
                (i + 3) % 40,
                (i + 11) % 40,
                if i % 3 == 0 { "yes" } else { "no" },
            ),
        };
        csv.push_str(&row);
    }
    std::fs::write(path, csv).unwrap();
}

fn run_with_threads(ws: &Path, threads: &str, args: &[&str]) -> (i32, String, String) {
    let mut command = assert_cmd::cargo::cargo_bin_cmd!("dpi-assess");
    command
        .env("NO_COLOR", "1")
        .env("DPI_ASSESS_THREADS", threads)
        .args(args)
        .arg(ws);
    let output = command.output().expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn one_thread_and_many_find_the_same_problems_in_the_same_order() {
    let dir = scratch();
    let ws = dir.path().join("ws");
    copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    write_inventory(&ws.join("systems.csv"));
    let one = run_with_threads(&ws, "1", &["validate", "--format", "json"]);
    let many = run_with_threads(&ws, "4", &["validate", "--format", "json"]);
    assert_eq!(one.0, 1, "the inventory has errors:\n{}", one.2);
    let report: serde_json::Value = serde_json::from_str(&one.1).unwrap();
    let codes = crate::support::diagnostic_codes(&report);
    for code in [
        "duplicate-item",
        "unknown-reference",
        "invalid-number",
        "missing-value",
    ] {
        assert!(codes.contains(&code), "no {code} among {codes:?}");
    }
    assert_eq!(one, many);
}

#[test]
fn one_thread_and_many_give_the_same_results() {
    let dir = scratch();
    let ws = dir.path().join("ws");
    copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    write_inventory(&ws.join("systems.csv"));
    // Without the faulty rows the workspace scores; the duplicates stay out too.
    let text = std::fs::read_to_string(ws.join("systems.csv")).unwrap();
    let mut lines = text.lines();
    let mut clean = format!("{}\n", lines.next().unwrap());
    for line in lines.filter(|l| {
        !l.is_empty() && !l.contains("teleportation") && !l.contains("150%") && !l.contains(",,identity")
    }) {
        clean.push_str(line);
        clean.push('\n');
    }
    // Keep the first listing of each system only.
    let mut names = std::collections::HashSet::new();
    let clean: String = clean
        .lines()
        .filter(|l| names.insert(l.split(',').take(2).collect::<Vec<_>>().join(",")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(ws.join("systems.csv"), clean).unwrap();
    let out_one = dir.path().join("one.json");
    let out_many = dir.path().join("many.json");
    let one = run_with_threads(&ws, "1", &["score", "--out", out_one.to_str().unwrap()]);
    assert_eq!(one.0, 0, "{}", one.2);
    let many = run_with_threads(&ws, "3", &["score", "--out", out_many.to_str().unwrap()]);
    assert_eq!(many.0, 0, "{}", many.2);
    let (one, many) = (
        std::fs::read_to_string(out_one).unwrap(),
        std::fs::read_to_string(out_many).unwrap(),
    );
    assert!(one.contains("System 4999"), "the large inventory was scored");
    assert_eq!(one, many);
}

/// Every file of the report is rendered on its own core (the PDF's streams compressed and its
/// charts parsed on several): one thread and several must write the same bytes, file by file.
#[test]
fn one_thread_and_many_write_the_same_report() {
    let dir = scratch();
    let ws = repo("sample-data/kalindra-2024");
    // Per run: the "wrote" lines, and each file's name and bytes.
    type Run = (String, Vec<(String, Vec<u8>)>);
    let outputs: Vec<Run> = ["1", "3"]
        .into_iter()
        .map(|threads| {
            let out = dir.path().join(format!("out-{threads}"));
            let mut command = assert_cmd::cargo::cargo_bin_cmd!("dpi-assess");
            let output = command
                .env("NO_COLOR", "1")
                .env("DPI_ASSESS_THREADS", threads)
                .args(["report", ws.to_str().unwrap(), "--out", out.to_str().unwrap()])
                .output()
                .expect("the binary runs");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| {
                    let e = e.unwrap();
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect();
            files.sort();
            // The "wrote" lines name the files in the same order.
            let said = String::from_utf8_lossy(&output.stdout).replace(&format!("out-{threads}"), "out");
            let wrote: String = said
                .lines()
                .filter(|l| l.starts_with("wrote"))
                .collect::<Vec<_>>()
                .join("\n");
            (wrote, files)
        })
        .collect();
    let (one, many) = (&outputs[0], &outputs[1]);
    assert_eq!(one.0, many.0);
    assert_eq!(
        one.1.len(),
        12,
        "{:?}",
        one.1.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, a), (other, b)) in one.1.iter().zip(&many.1) {
        assert_eq!(name, other);
        assert!(a == b, "{name} differs between one thread and three");
    }
}
