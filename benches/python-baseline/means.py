#!/usr/bin/env python3
# The consultant's script: a speed yardstick, NOT a scoring implementation.
#
# The scoring contract is docs/method.md, implemented in Rust by `dpi-assess`. This file is what a
# consultant without the tool would write in a spreadsheet-sized afternoon: it reads the workspace's
# workbook(s) with pandas (engine openpyxl), takes plain means of the 0-4 answers to the `level`
# questions per pillar, dimension and indicator, counts the systems per Building Block, and prints a
# short table. It ignores everything that makes the real scoring a scoring: choice / yes-no /
# number / percent / multi answers, thresholds, weights, medians across respondents, coverage,
# disputes, evidence, caps and the Building Block rubric.
#
# It exists because the project promises that `dpi-assess report` — the whole report, every format —
# runs at least 10x faster than this script does on the same workspace. benches/report_vs_python.sh
# times both side by side. Keep it honest and naive; do not optimise it, do not make it smarter.
#
# Usage (from the repository root):
#     python3 benches/python-baseline/means.py sample-data/kalindra-2024-xlsx
# Requirements: benches/python-baseline/requirements.txt (pandas, openpyxl; nothing else).
import glob
import os
import re
import sys

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
QUESTIONNAIRE = os.path.join(REPO, "questionnaires", "govstack-dpi-full.yaml")
FRAMEWORK = os.path.join(REPO, "frameworks", "govstack-dpi", "framework.yaml")


def questions(path):
    """question id -> (indicator, type), read line by line (no YAML library: pandas + openpyxl only)."""
    out, qid, ind = {}, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^  - id: (\S+)", line)
            if m:
                qid, ind = m.group(1), None
                continue
            m = re.match(r"^    (indicator|type): (\S+)", line)
            if m and qid:
                if m.group(1) == "indicator":
                    ind = m.group(2)
                else:
                    out[qid] = (ind, m.group(2))
    return out


def hierarchy(path):
    """indicator id -> (pillar, dimension), from the indentation of the framework's `- id:` lines."""
    out, pillar, dim = {}, None, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("building_blocks:"):
                break
            m = re.match(r"^( *)- id: (\S+)", line)
            if not m:
                continue
            depth = len(m.group(1))
            if depth == 2:
                pillar = m.group(2)
            elif depth == 6:
                dim = m.group(2)
            elif depth == 10:
                out[m.group(2)] = (pillar, dim)
    return out


def header_at(df, first="name"):
    """The systems sheet has a title row and a blank row above its header: find the header row."""
    for i in range(len(df)):
        if str(df.iat[i, 0]).strip() == first:
            body = df.iloc[i + 1 :].copy()
            body.columns = [str(c).strip() for c in df.iloc[i]]
            return body.dropna(how="all")
    return df


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 means.py WORKSPACE_DIR")
    ws = sys.argv[1]
    books = sorted(glob.glob(os.path.join(ws, "*.xlsx")))
    if not books:
        sys.exit(f"no .xlsx workbook in {ws}")

    answers, systems, services = [], [], []
    for book in books:
        sheets = pd.read_excel(book, sheet_name=None, engine="openpyxl", header=None)
        for name, df in sheets.items():
            if name == "answers":
                answers.append(header_at(df, "question_id"))
            elif name == "systems":
                systems.append(header_at(df, "name"))
            elif name == "services":
                services.append(header_at(df, "name"))
    answers = pd.concat(answers, ignore_index=True) if answers else pd.DataFrame()
    systems = pd.concat(systems, ignore_index=True) if systems else pd.DataFrame()
    services = pd.concat(services, ignore_index=True) if services else pd.DataFrame()

    qs = questions(QUESTIONNAIRE)
    tree = hierarchy(FRAMEWORK)

    # Answers: keep the `level` questions, whose answers are already 0..4; everything else is skipped.
    a = answers.copy()
    a["indicator"] = a["question_id"].map(lambda q: qs.get(q, (None, None))[0])
    a["type"] = a["question_id"].map(lambda q: qs.get(q, (None, None))[1])
    a["pillar"] = a["indicator"].map(lambda i: tree.get(i, (None, None))[0])
    a["dimension"] = a["indicator"].map(lambda i: tree.get(i, (None, None))[1])
    a["level"] = pd.to_numeric(a["answer"], errors="coerce")
    lv = a[(a["type"] == "level") & a["level"].between(0, 4)]

    pd.set_option("display.width", 120)
    print(f"workspace {ws}: {len(a)} answers from {a['respondent'].nunique()} respondents, "
          f"{len(lv)} level answers averaged, {int((a['answer'].astype(str) == 'unknown').sum())} unknown")
    print()
    print("Mean answer level per pillar")
    print(lv.groupby("pillar")["level"].agg(["mean", "count"]).round(2).to_string())
    print()
    print("Mean answer level per dimension")
    print(lv.groupby(["pillar", "dimension"])["level"].agg(["mean", "count"]).round(2).to_string())
    print()
    per_ind = lv.groupby("indicator")["level"].agg(["mean", "min", "max", "count"]).round(2)
    print(f"Mean answer level per indicator ({len(per_ind)} indicators; lowest 10)")
    print(per_ind.sort_values("mean").head(10).to_string())
    print()

    # Systems per Building Block: a system may name several, separated by ';'.
    if len(systems):
        bb = systems["building_blocks"].astype(str).str.split(";").explode().str.strip()
        counts = pd.DataFrame({"systems": bb.value_counts()})
        prod = systems[systems["status"] == "production"]["building_blocks"].astype(str)
        counts["in production"] = prod.str.split(";").explode().str.strip().value_counts()
        counts = counts.fillna(0).astype(int)
        print(f"Systems per Building Block ({len(systems)} systems)")
        print(counts.to_string())
        print()
    if len(services):
        print(f"Services per digital level ({len(services)} services)")
        print(services["digital_level"].value_counts().to_string())


if __name__ == "__main__":
    main()
