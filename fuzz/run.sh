#!/usr/bin/env bash
# Runs one fuzz target for a while on one core: `fuzz/run.sh TARGET [SECONDS]` (default 600).
#
# -fork=1 with -ignore_*: one child process at a time, restarted after a crash, a timeout (20 s)
# or an OOM (2 GB), so that one finding does not end the run; every finding is kept in
# fuzz/artifacts/TARGET/ (copy it into fuzz/regressions/TARGET/ with a descriptive name). New
# inputs go to fuzz/corpus/TARGET/ (run fuzz/seed.sh first). The log is fuzz/logs/TARGET.log.
#
# -s none: the crate forbids unsafe code and the readers are safe Rust, so AddressSanitizer finds
# little here and costs four times the executions; -a keeps overflow checks and debug assertions,
# as in the debug build the tests use.
set -euo pipefail
target="${1:?usage: fuzz/run.sh TARGET [SECONDS]}"
seconds="${2:-600}"
cd "$(dirname "$0")"
case "$target" in
    csv_answers | csv_systems | field_export) dict=dicts/csv.dict ;;
    mapping | yaml_definitions | framework_yaml) dict=dicts/yaml.dict ;;
    xlsx) dict=dicts/xlsx.dict ;;
    ods) dict=dicts/ods.dict ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
mkdir -p logs "corpus/$target"
nice -n 10 cargo +nightly fuzz run -a -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -rss_limit_mb=2048 -timeout=20 -dict="$dict" -print_final_stats=1 2>&1 | tee "logs/$target.log" |
    grep -E '^#[0-9]+: |INFO: (fuzzed|exiting)|Done|crash|Test unit written' || true
echo "corpus: $(find "corpus/$target" -type f | wc -l) files; artifacts: $(find "artifacts/$target" -type f 2>/dev/null | wc -l)"
