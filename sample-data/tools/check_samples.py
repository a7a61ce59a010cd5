#!/usr/bin/env python3
"""Sanity checks for the sample workspaces (authoring aid; the real validation is `dpi-assess validate`).

How to run (from the repository root, python3 with PyYAML):

    python3 sample-data/tools/check_samples.py            # check every workspace, print a summary
    python3 sample-data/tools/check_samples.py --levels   # also print a rough per-indicator consolidation

It checks that every csv parses with the csv module, has exactly the expected columns and one value per
column on every row, that enumerated values (status, exchange, hosting, open_source, category,
digital_level, BB ids) are in their allowed sets, that every system names at least one BB and its
`platform` is yes, no or a list of its own BBs, that owners and users come from the workspace's own
institution list, that each answer's question id exists and its value fits the question type, and that
the assessment.yaml keys are the ones the tool accepts. With --levels it consolidates answers the way
docs/method.md (section 4) describes (mean per respondent, lower median across respondents, spread >= 2 is
disputed, level >= 3 without evidence is unverified) so the profile can be eyeballed; the tool's own
scoring is the reference.
"""

import argparse
import csv
import os
import re
import statistics
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_DATA = os.path.dirname(HERE)
REPO = os.path.dirname(SAMPLE_DATA)
QUESTIONNAIRE = os.path.join(REPO, "questionnaires", "govstack-dpi-full.yaml")
with open(os.path.join(REPO, "frameworks", "govstack-dpi", "framework.yaml"), encoding="utf-8") as _f:
    FRAMEWORK_ROLES = {r["id"] for r in yaml.safe_load(_f).get("roles", [])}

BBS = {"identity", "payments", "information-mediator", "registration", "digital-registries", "consent",
       "workflow", "esignature", "gis", "emarketplace", "cms", "wallet", "cloud-infrastructure",
       "scheduler", "messaging"}
SYSTEM_COLUMNS = ["name", "owner", "building_blocks", "status", "coverage", "exchange", "standards",
                  "hosting", "open_source", "used_by", "platform"]
SERVICE_COLUMNS = ["name", "category", "owner", "yearly_transactions", "users", "digital_level",
                   "required_bbs"]
ANSWER_COLUMNS = ["question_id", "answer", "respondent", "institution", "evidence", "comment"]
ENUMS = {
    "status": {"planned", "pilot", "production", "legacy"},
    "exchange": {"none", "files", "point_to_point", "data_exchange_layer"},
    "hosting": {"on_premises", "government_data_centre", "government_cloud", "commercial_cloud"},
    "open_source": {"yes", "no"},
    "category": {"identity", "payment", "data"},
    "digital_level": {"offline", "informational", "interactive", "transactional", "end_to_end"},
}
WORKSPACE_KEYS = {"country", "iso3", "assessment_date", "title", "framework", "questionnaires", "inputs",
                  "targets", "weights", "evidence_policy", "consolidation", "roles", "capacity",
                  "capacity_by_phase", "horizon_months", "costs", "outcomes", "interim_targets", "assessors",
                  "notes", "sign_off"}
INPUT_KEYS = {"answers", "systems", "services", "evidence", "institutions", "mapping", "adjudications", "roster"}
# Every sample names the institution of these core roles; any other role must be one of the framework's.
ROLE_KEYS = {"lead_digital_agency", "id_authority", "data_protection_authority", "finance_ministry",
             "central_bank", "ict_regulator", "national_csirt", "chief_government_architect"}

errors = []


def err(msg):
    errors.append(msg)
    print("ERROR:", msg)


def read_csv(path, columns):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != columns:
        err(f"{path}: header {rows[0]} != {columns}")
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(columns):
            err(f"{path}:{i}: {len(r)} values, expected {len(columns)}")
    return [dict(zip(columns, r)) for r in rows[1:]]


def split(value):
    return [v.strip() for v in value.split(";") if v.strip()]


def answer_level(q, value):
    kind = q["type"]
    if kind == "level":
        return int(value)
    if kind in ("yes_no", "choice"):
        for o in q["options"]:
            if str(o["code"]) == value:
                return int(o["level"])
        raise ValueError(f"unknown option {value!r}")
    if kind == "multi":
        pts = {str(o["code"]): float(o["points"]) if o.get("points") is not None else 1.0 for o in q["options"]}
        total = sum(pts[c] for c in value.split(" "))
        return sum(1 for t in q["thresholds"] if total >= t)
    v = float(value.rstrip("%"))
    if q.get("lower_is_better"):
        return sum(1 for t in q["thresholds"] if v <= t)
    return sum(1 for t in q["thresholds"] if v >= t)


def check_workspace(name, questions, show_levels):
    root = os.path.join(SAMPLE_DATA, name)
    with open(os.path.join(root, "assessment.yaml"), encoding="utf-8") as f:
        ws = yaml.safe_load(f)
    for key in set(ws) - WORKSPACE_KEYS:
        err(f"{name}/assessment.yaml: unknown key {key}")
    for key in set(ws["inputs"]) - INPUT_KEYS:
        err(f"{name}/assessment.yaml: unknown inputs key {key}")
    roles = set(ws.get("roles", {}))
    if not ROLE_KEYS <= roles or not roles <= FRAMEWORK_ROLES:
        err(f"{name}/assessment.yaml: roles {sorted(roles)} (core {sorted(ROLE_KEYS - roles)} missing, "
            f"unknown {sorted(roles - FRAMEWORK_ROLES)})")
    for role, count in ws.get("capacity", {}).items():
        if role not in FRAMEWORK_ROLES or not isinstance(count, int) or count < 1:
            err(f"{name}/assessment.yaml: capacity {role}: {count!r}")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", str(ws["assessment_date"])):
        err(f"{name}: assessment_date {ws['assessment_date']!r}")
    inputs = ws["inputs"]
    if not inputs["systems"].endswith(".csv"):
        print(f"{name}: workbook inputs ({inputs['systems']}), csv checks skipped")
        return
    counts = {}
    systems = read_csv(os.path.join(root, inputs["systems"]), SYSTEM_COLUMNS)
    counts[inputs["systems"]] = len(systems)
    institutions = {s["owner"] for s in systems}
    for i, s in enumerate(systems, start=2):
        where = f"{name}/{inputs['systems']}:{i}"
        for col in ("status", "exchange", "hosting", "open_source"):
            if s[col] not in ENUMS[col]:
                err(f"{where}: {col}={s[col]!r}")
        bbs = split(s["building_blocks"])
        if not bbs:
            err(f"{where}: no building block")
        for bb in bbs:
            if bb not in BBS:
                err(f"{where}: unknown BB {bb}")
        # platform: yes | no | the BBs (a subset of its own) it offers as a shared platform
        if s["platform"] not in ("yes", "no"):
            listed = split(s["platform"])
            if not listed or not set(listed) <= set(bbs):
                err(f"{where}: platform {s['platform']!r} is not yes, no or a list of its own BBs")
            elif set(listed) == set(bbs):
                err(f"{where}: platform lists all its BBs: write yes")
        if s["status"] == "planned" and s["coverage"]:
            err(f"{where}: planned system with coverage")
        if s["status"] != "planned" and not re.match(r"^\d+(\.\d+)?%$", s["coverage"]):
            err(f"{where}: coverage {s['coverage']!r}")
        users = split(s["used_by"])
        if s["owner"] not in users:
            err(f"{where}: owner not in used_by")
        institutions.update(users)
    services = read_csv(os.path.join(root, inputs["services"]), SERVICE_COLUMNS)
    counts[inputs["services"]] = len(services)
    for i, s in enumerate(services, start=2):
        where = f"{name}/{inputs['services']}:{i}"
        for col in ("category", "digital_level"):
            if s[col] not in ENUMS[col]:
                err(f"{where}: {col}={s[col]!r}")
        for col in ("yearly_transactions", "users"):
            if not s[col].isdigit():
                err(f"{where}: {col}={s[col]!r}")
        for bb in split(s["required_bbs"]):
            if bb not in BBS:
                err(f"{where}: unknown BB {bb}")
        institutions.add(s["owner"])

    by_id = {q["id"]: q for q in questions}
    per = {}  # indicator -> respondent -> list of (level, evidence)
    for rel in inputs["answers"]:
        if not rel.endswith(".csv"):
            # A KoboToolbox export (estmar): tests/field_exports.rs checks it equals its long form.
            print(f"{name}: {rel} is a form export, csv checks skipped")
            continue
        rows = read_csv(os.path.join(root, rel), ANSWER_COLUMNS)
        counts[rel] = len(rows)
        seen = set()
        for i, a in enumerate(rows, start=2):
            where = f"{name}/{rel}:{i}"
            q = by_id.get(a["question_id"])
            if q is None:
                err(f"{where}: unknown question {a['question_id']}")
                continue
            if a["question_id"] in seen:
                err(f"{where}: duplicate question {a['question_id']}")
            seen.add(a["question_id"])
            if a["institution"] not in institutions and a["institution"] not in ws["roles"].values():
                err(f"{where}: institution {a['institution']!r} not in the inventories")
            slot = per.setdefault(q["indicator"], {}).setdefault(a["respondent"], [])
            if a["answer"] in ("na", "unknown"):
                slot.append((a["answer"], a["evidence"]))
                continue
            try:
                slot.append((answer_level(q, a["answer"]), a["evidence"]))
            except (ValueError, KeyError) as e:
                err(f"{where}: answer {a['answer']!r} invalid for {q['type']}: {e}")
    print(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f"; {len(institutions)} institutions")

    flags = {"disputed": [], "unverified": [], "no level": []}
    indicators = []
    for q in questions:
        if q["indicator"] not in indicators:
            indicators.append(q["indicator"])
    for ind in indicators:
        levels, evidence = [], False
        for resp, items in per.get(ind, {}).items():
            lv = [x for x, _ in items if isinstance(x, int)]
            if lv:
                levels.append(statistics.mean(lv))
                evidence = evidence or any(e for x, e in items if isinstance(x, int))
        if not levels:
            flags["no level"].append(ind)
            if show_levels:
                print(f"    {ind:40} -")
            continue
        s = sorted(levels)
        median = s[(len(s) - 1) // 2]
        spread = max(s) - min(s)
        tags = []
        if spread >= 2:
            tags.append("DISPUTED")
            flags["disputed"].append(ind)
        if median >= 3 and not evidence:
            tags.append("UNVERIFIED")
            flags["unverified"].append(ind)
        if show_levels:
            print(f"    {ind:40} {median:4.1f}  {[round(x, 1) for x in levels]} {' '.join(tags)}")
    for k, v in flags.items():
        print(f"    {k}: {', '.join(v) if v else '-'}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workspaces", nargs="*")
    ap.add_argument("--levels", action="store_true")
    args = ap.parse_args()
    with open(QUESTIONNAIRE, encoding="utf-8") as f:
        questions = yaml.safe_load(f)["questions"]
    names = args.workspaces or sorted(
        d for d in os.listdir(SAMPLE_DATA) if os.path.isfile(os.path.join(SAMPLE_DATA, d, "assessment.yaml")))
    for name in names:
        check_workspace(name, questions, args.levels)
    print(f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
