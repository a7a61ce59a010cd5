#!/usr/bin/env python3
"""Score workspaces with dpi-assess and with recompute.py, and print every disagreement.

Usage: compare.py [--bin PATH] [--keep] WORKSPACE...

For each workspace: runs `dpi-assess score WS --out WS/results.json`, recomputes the results from
docs/method.md (recompute.py), and compares every number to 1e-9 and every level, flag and list
exactly. Each mismatch is printed as `WS: path: recomputed=... tool=...`. Exit status 1 when any
workspace disagrees.
"""
import argparse
import json
import os
import subprocess
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import recompute  # noqa: E402

TOL = 1e-9

# What a missing key in the tool's output means (fields the schema marks optional).
DEFAULTS = {
    "capped_by": [], "uncapped_score": None, "provisional": False, "score": None, "level": None,
    "gap": None, "inconsistent": False, "value": None, "not_applicable": False, "evidence_capped": False,
    "indicator": None, "indicator_level": None, "criterion": None, "score_before": None, "score_after": None,
    "platform": False, "comment": None, "evidence": None, "institution": None,
}
# Lists whose order method.md does not fix: compared as multisets.
UNORDERED = {"systems", "siloed_copies", "ignored"}
# Lists method.md does not define at all beyond "the services that need it": compared as sets.
SETS = {"needed_by_services"}
# Lists of objects matched by their "id".
BY_ID = {"pillars", "dimensions", "indicators", "building_blocks", "criteria", "caps", "gaps"}


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def canon(x):
    return json.dumps(x, sort_keys=True)


def cmp(mine, tool, path, out):
    if isinstance(mine, dict):
        if not isinstance(tool, dict):
            out.append((path, mine, tool))
            return
        for k, v in mine.items():
            tv = tool.get(k, DEFAULTS.get(k, "<absent>")) if k in tool or k in DEFAULTS else "<absent>"
            cmp(v, tv, path + "." + k if path else k, out)
        return
    if isinstance(mine, list):
        key = path.rsplit(".", 1)[-1].split("[")[0]
        if not isinstance(tool, list):
            out.append((path, mine, tool))
            return
        if key in BY_ID and all(isinstance(m, dict) and "id" in m for m in mine):
            tid = {t.get("id"): t for t in tool if isinstance(t, dict)}
            ids_m = [m["id"] for m in mine]
            ids_t = [t.get("id") for t in tool]
            if ids_m != ids_t:
                out.append((path + "[ids]", ids_m, ids_t))
            for m in mine:
                cmp(m, tid.get(m["id"], "<absent>"), "%s[%s]" % (path, m["id"]), out)
            return
        if key in SETS:
            if sorted(set(canon(x) for x in mine)) != sorted(set(canon(x) for x in tool)):
                out.append((path, mine, tool))
            return
        if key in UNORDERED:
            if sorted(canon(x) for x in mine) != sorted(canon(x) for x in tool):
                out.append((path, mine, tool))
            return
        if len(mine) != len(tool):
            out.append((path + "[len]", len(mine), len(tool)))
            if key == "gaps":
                out.append((path + "[ids]", [g["id"] for g in mine], [g.get("id") for g in tool]))
            else:
                out.append((path, mine, tool))
            return
        for i, (m, t) in enumerate(zip(mine, tool)):
            label = m.get("id") or m.get("node") or m.get("rule") if isinstance(m, dict) else None
            cmp(m, t, "%s[%d%s]" % (path, i, ":" + label if label else ""), out)
        return
    if is_num(mine) and is_num(tool):
        if abs(float(mine) - float(tool)) > TOL:
            out.append((path, mine, tool))
        return
    if mine != tool:
        out.append((path, mine, tool))


def run_one(ws, binary):
    res_path = os.path.join(ws, "results.json")
    p = subprocess.run([binary, "score", ws, "--out", res_path], capture_output=True, text=True)
    if p.returncode != 0:
        return [("<tool failed>", None, (p.stderr or p.stdout)[-500:])]
    tool = json.load(open(res_path))
    try:
        mine = recompute.compute(ws, REPO)
    except Exception:
        return [("<recompute failed>", None, traceback.format_exc()[-800:])]
    out = []
    cmp(mine, tool, "", out)
    return out


def shuffled_copy(ws, dest, seed):
    """Copy a workspace with the data rows of every csv input in another order (section 13)."""
    import random
    import shutil
    import csv as _csv
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(ws, dest, ignore=shutil.ignore_patterns("results.json", "output"))
    rnd = random.Random(seed)
    for root, _dirs, files in os.walk(dest):
        for f in files:
            if not f.endswith(".csv"):
                continue
            path = os.path.join(root, f)
            rows = list(_csv.reader(open(path, newline="", encoding="utf-8")))
            hi = next(i for i, r in enumerate(rows) if len([c for c in r if c.strip()]) >= 2)
            body = rows[hi + 1:]
            pos = [i for i, r in enumerate(body) if any(c.strip() for c in r)]
            moved = [body[i] for i in pos]
            rnd.shuffle(moved)  # blank rows stay where they are, so the ledger is unchanged
            for i, r in zip(pos, moved):
                body[i] = r
            with open(path, "w", newline="", encoding="utf-8") as fh:
                w = _csv.writer(fh)
                for r in rows[:hi + 1] + body:
                    w.writerow(r)


def order_check(ws, binary):
    """Section 13: same inputs, rows in another order -> byte-identical results.json."""
    import shutil
    import tempfile
    tmp = tempfile.mkdtemp(prefix="method-check-")
    dest = os.path.join(tmp, os.path.basename(ws.rstrip("/")))
    try:
        shuffled_copy(ws, dest, 12345)
        return _order_check(ws, dest, binary)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _order_check(ws, dest, binary):
    out = []
    for w in (ws, dest):
        p = subprocess.run([binary, "score", w, "--out", os.path.join(w, "results.json")],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return [("<tool failed on %s>" % w, None, p.stderr[-300:])]
    a = open(os.path.join(ws, "results.json"), "rb").read()
    b = open(os.path.join(dest, "results.json"), "rb").read()
    if a != b:
        diff = []
        cmp_raw(json.loads(a), json.loads(b), "", diff)
        for path, x, y in diff:
            out.append(("[section 13: rows shuffled] " + path, x, y))
    return out


def cmp_raw(x, y, path, out):
    if isinstance(x, dict) and isinstance(y, dict):
        for k in sorted(set(x) | set(y)):
            cmp_raw(x.get(k, "<absent>"), y.get(k, "<absent>"), path + "." + k if path else k, out)
    elif isinstance(x, list) and isinstance(y, list) and len(x) == len(y):
        for i, (a, b) in enumerate(zip(x, y)):
            label = a.get("id") if isinstance(a, dict) else None
            cmp_raw(a, b, "%s[%d%s]" % (path, i, ":" + label if label else ""), out)
    elif x != y:
        out.append((path, x, y))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workspaces", nargs="+")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "dpi-assess"))
    ap.add_argument("--max-lines", type=int, default=40, help="mismatch lines printed per workspace")
    ap.add_argument("--order-check", action="store_true",
                    help="also score a copy with the csv rows shuffled and require byte-identical results")
    ap.add_argument("--stats", action="store_true", help="print how many workspaces met each edge case")
    args = ap.parse_args()
    agree = 0
    bad = []
    stats = {}
    n_method = n_order = 0
    for ws in args.workspaces:
        recompute.STATS.clear()
        mism = run_one(ws, args.bin)
        if args.order_check:
            mism += order_check(ws, args.bin)
        for k in recompute.STATS:
            stats[k] = stats.get(k, 0) + 1
        if not any(not m[0].startswith("[section 13") for m in mism):
            n_method += 1
        if args.order_check and not any(m[0].startswith("[section 13") for m in mism):
            n_order += 1
        if not mism:
            agree += 1
            continue
        bad.append(ws)
        for i, (path, m, t) in enumerate(mism):
            if i >= args.max_lines:
                print("%s: ... %d more" % (ws, len(mism) - i))
                break
            if path.startswith("[section 13"):
                print("%s: %s: rows as written=%s rows shuffled=%s" % (
                    ws, path, json.dumps(m, default=str)[:300], json.dumps(t, default=str)[:300]))
            else:
                print("%s: %s: recomputed=%s tool=%s" % (ws, path, json.dumps(m, default=str)[:300],
                                                         json.dumps(t, default=str)[:300]))
    if args.stats:
        print("Edge cases met (number of workspaces):")
        for k in sorted(stats):
            print("  %5d  %s" % (stats[k], k))
    n = len(args.workspaces)
    print("recomputed = tool in %d of %d workspaces" % (n_method, n))
    if args.order_check:
        print("results unchanged by shuffled rows in %d of %d workspaces" % (n_order, n))
    print("SUMMARY: %d of %d workspaces agree fully; %d disagree" % (agree, n, len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
