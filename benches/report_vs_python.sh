#!/usr/bin/env bash
# The whole report against the consultant's script, side by side.
#
# Times `dpi-assess report` writing every format (html, pdf, md, json, csv, xlsx) for a workspace and
# benches/python-baseline/means.py (pandas + openpyxl reading the same workbook and taking plain means),
# each RUNS times, and prints both medians and the ratio python / dpi-assess. The project's goal is a
# ratio of at least 10 on sample-data/kalindra-2024-xlsx.
#
# It builds nothing: build the binary first (cargo build --release), then, from anywhere:
#     benches/report_vs_python.sh
#     RUNS=20 MIN_RATIO=10 benches/report_vs_python.sh
# Environment:
#     DPI_ASSESS  the binary to time (default target/release/dpi-assess)
#     WORKSPACE   the workspace to report on (default sample-data/kalindra-2024-xlsx)
#     RUNS        timed runs of each command (default 10; one untimed warm-up run comes first)
#     MIN_RATIO   exit 1 when python median / dpi-assess median is below this (default: no check)
#     PYTHON      the interpreter with benches/python-baseline/requirements.txt installed (default python3)
#     HYPERFINE   the hyperfine to use (default hyperfine); empty: time with a plain loop instead
# Uses hyperfine when installed (its --export-json is read with python), a plain loop otherwise.
# Wall times include process start-up on both sides; run it on an idle machine.
set -euo pipefail

die() { echo "report_vs_python: $*" >&2; exit 2; }

# Resolve paths given relative to the caller's directory before moving to the repository root.
abspath() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ -n "${DPI_ASSESS:-}" ]] && DPI_ASSESS="$(abspath "$DPI_ASSESS")"
[[ -n "${WORKSPACE:-}" ]] && WORKSPACE="$(abspath "$WORKSPACE")"
cd "$repo_root"

DPI_ASSESS="${DPI_ASSESS:-target/release/dpi-assess}"
WORKSPACE="${WORKSPACE:-sample-data/kalindra-2024-xlsx}"
RUNS="${RUNS:-10}"
MIN_RATIO="${MIN_RATIO:-}"
PYTHON="${PYTHON:-python3}"
HYPERFINE="${HYPERFINE-hyperfine}"
SCRIPT="benches/python-baseline/means.py"
FORMATS="html,pdf,md,json,csv,xlsx"   # every format, named explicitly so a new default cannot shrink it

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer, not '$RUNS'"
[[ -z "$MIN_RATIO" || "$MIN_RATIO" =~ ^[0-9]+([.][0-9]+)?$ ]] || die "MIN_RATIO must be a number, not '$MIN_RATIO'"
[[ -x "$DPI_ASSESS" ]] || die "no executable $DPI_ASSESS: run 'cargo build --release' first, or set DPI_ASSESS"
[[ -d "$WORKSPACE" ]] || die "no workspace folder $WORKSPACE"
command -v "$PYTHON" >/dev/null || die "no $PYTHON"
"$PYTHON" -c 'import pandas, openpyxl' 2>/dev/null \
  || die "$PYTHON lacks pandas/openpyxl: $PYTHON -m pip install -r benches/python-baseline/requirements.txt"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/report_vs_python.XXXXXX")"
trap 'rm -rf -- "$tmp"' EXIT
trap 'exit 130' INT TERM
out="$tmp/out"

# One checked run of each: both must succeed, and the report must write every format.
"$DPI_ASSESS" report "$WORKSPACE" --out "$out" --format "$FORMATS" --color never >"$tmp/report.log" 2>&1 \
  || { cat "$tmp/report.log" >&2; die "dpi-assess report failed"; }
for f in report.html report.pdf report.md results.json report.json scores.csv report.xlsx; do
  [[ -s "$out/$f" ]] || die "dpi-assess report wrote no $f"
done
"$PYTHON" "$SCRIPT" "$WORKSPACE" >"$tmp/means.log" 2>&1 \
  || { cat "$tmp/means.log" >&2; die "$SCRIPT failed"; }

q() { printf '%q' "$1"; }
report_cmd="$(q "$DPI_ASSESS") report $(q "$WORKSPACE") --out $(q "$out") --format $FORMATS --color never"
python_cmd="$(q "$PYTHON") $(q "$SCRIPT") $(q "$WORKSPACE")"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

median_of() { # median of the numbers in file $1, one per line
  "$PYTHON" -c 'import statistics, sys; print(statistics.median(float(l) for l in open(sys.argv[1]) if l.strip()))' "$1"
}

if [[ -n "$HYPERFINE" ]] && command -v "$HYPERFINE" >/dev/null; then
  method="hyperfine $("$HYPERFINE" --version | awk '{print $2}')"
  "$HYPERFINE" --style basic --warmup 1 --runs "$RUNS" \
    --prepare "rm -rf $(q "$out")" \
    --command-name dpi-assess "$report_cmd" \
    --command-name python "$python_cmd" \
    --export-json "$tmp/hyperfine.json" >&2
  medians="$("$PYTHON" - "$tmp/hyperfine.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
for name in ("dpi-assess", "python"):
    if any(code != 0 for code in results[name].get("exit_codes", [])):
        sys.exit(f"{name} exited non-zero during timing")
print(results["dpi-assess"]["median"], results["python"]["median"])
PY
  )" || die "could not read hyperfine's results"
  read -r t_report t_python <<<"$medians"
else
  method="plain loop (date +%s.%N)"
  time_runs() { # $1 label, $2 command line, $3 file to append wall times to
    local i start end
    eval "$2" >/dev/null 2>&1 || die "$1 failed"   # warm-up
    for ((i = 1; i <= RUNS; i++)); do
      rm -rf -- "$out"
      start="$(date +%s.%N)"
      eval "$2" >/dev/null 2>&1 || die "$1 failed on run $i"
      end="$(date +%s.%N)"
      "$PYTHON" -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$start" "$end" >>"$3"
    done
  }
  time_runs dpi-assess "$report_cmd" "$tmp/report.times"
  time_runs python "$python_cmd" "$tmp/python.times"
  t_report="$(median_of "$tmp/report.times")"
  t_python="$(median_of "$tmp/python.times")"
fi

ratio="$("$PYTHON" -c 'import sys; print(f"{float(sys.argv[2]) / float(sys.argv[1]):.2f}")' "$t_report" "$t_python")"
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
[[ "$load_before" == "$load" ]] || load="$load_before before, $load after"

printf '\nreport vs python on %s: %s runs each, %s, %s CPUs, load average %s\n' \
  "$WORKSPACE" "$RUNS" "$method" "$(nproc 2>/dev/null || echo '?')" "$load"
printf '  %-52s median %8.3f s\n' "dpi-assess report (--format $FORMATS)" "$t_report"
printf '  %-52s median %8.3f s\n' "python3 $SCRIPT" "$t_python"
printf '  ratio python / dpi-assess: %sx' "$ratio"
if [[ -n "$MIN_RATIO" ]]; then
  if "$PYTHON" -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$ratio" "$MIN_RATIO"; then
    printf ' (at least %s: ok)\n' "$MIN_RATIO"
  else
    printf ' (below MIN_RATIO %s)\n' "$MIN_RATIO"
    exit 1
  fi
else
  printf '\n'
fi
