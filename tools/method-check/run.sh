#!/usr/bin/env bash
# Recompute results.json from docs/method.md and compare with dpi-assess on random workspaces.
#
#   tools/method-check/run.sh [N] [OUTDIR]      # default: 300 random workspaces in /tmp/method-check
#
# Writes N random workspaces (seeds 1..N) plus the hand-made edge-* ones, copies the four samples,
# scores each with target/release/dpi-assess, recomputes it with recompute.py, and prints every
# mismatch (path in results.json, recomputed value, tool value). --order-check also scores a copy of
# each workspace with its csv rows shuffled (method.md section 13).
# METHOD_CHECK_ALT=bb_services_by_name,answers_used switches recompute.py to the readings the tool
# takes where method.md says something else or is silent (see README.md).
set -euo pipefail
N=${1:-300}
OUT=${2:-/tmp/method-check}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO"
python3 -c 'import yaml, openpyxl' 2>/dev/null || python3 -m pip install --quiet pyyaml openpyxl
[ -x target/release/dpi-assess ] || cargo build --release
rm -rf "$OUT" && mkdir -p "$OUT/samples"
python3 tools/method-check/random_workspace.py "$OUT" --n "$N" --crafted > /dev/null
for s in kalindra-2024 kalindra-2026 estmar nuvaria; do cp -r "sample-data/$s" "$OUT/samples/"; done
invalid=0
for ws in "$OUT"/ws-* "$OUT"/edge-* "$OUT"/samples/*; do
  if ! target/release/dpi-assess validate --color never "$ws" > /dev/null 2>&1; then
    echo "INVALID workspace: $ws"; invalid=1
  fi
done
python3 tools/method-check/compare.py "$OUT"/samples/* "$OUT"/edge-* "$OUT"/ws-* --order-check --stats \
  --max-lines "${MAX_LINES:-40}" || exit 1
exit $invalid
