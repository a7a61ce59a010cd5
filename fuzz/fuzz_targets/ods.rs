//! Fuzz target `ods`: any bytes as an ods workbook holding answers, systems and services.
//! Workspace: `fuzz/workspaces/ods/`, loaded once; the bytes are written as `answers.ods`, the
//! inputs are read and, when they read without errors, scored. A panic, or a diagnostic that is not
//! plain text, is a finding (see `dpi_assess_fuzz::check_all`).

#![no_main]

use std::sync::OnceLock;

use dpi_assess::definitions::workspace::LoadedWorkspace;
use dpi_assess_fuzz::Harness;
use libfuzzer_sys::fuzz_target;

static HARNESS: OnceLock<(Harness, LoadedWorkspace)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let (harness, loaded) = HARNESS.get_or_init(|| {
        let harness = Harness::new("ods", "answers.ods");
        let loaded = harness.load_once(data);
        (harness, loaded)
    });
    harness.ingest_and_score(loaded, data);
});
