#!/usr/bin/env python3
"""Convert the World Bank GTMI groups workbook into data/gtmi/gtmi-groups.csv.

Input : data/gtmi/source/groups_data.xlsx (raw copy, never edited)
Output: data/gtmi/gtmi-groups.csv

    python3 data/gtmi/convert.py          # rewrite the processed file
    python3 data/gtmi/convert.py --check  # exit 1 if the committed file differs

Python 3.11, openpyxl only. Deterministic: rows sorted by iso3 then year,
"\n" line endings, UTF-8 without BOM. Scores are written with repr(), the
shortest decimal text that reads back to the identical binary double, so no
precision is lost; groups are copied as published, then checked against the
thresholds A >= 0.75, B >= 0.50, C >= 0.25, else D (mismatches are reported).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections import Counter
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "groups_data.xlsx"
OUTPUT = HERE / "gtmi-groups.csv"

HEADER = ["year", "iso3", "economy", "group", "gtmi", "cgsi", "psdi", "dcei", "gtei"]
EXPECTED_SOURCE_HEADER = ("year", "country_code", "country_name", "grp",
                          "gtmi", "cgsi", "psdi", "dcei", "gtei")

# The workbook uses World Bank economy codes, and in 2020 some older ones, so
# the same economy would carry two codes across editions. Recode to ISO 3166-1
# alpha-3. Kosovo has no ISO code; XKX is the user-assigned code in common use
# (World Bank API, EU), so KSV becomes XKX. The economy names are kept as
# published.
ISO3_RECODE = {
    "ADO": "AND",  # Andorra (2020 edition)
    "KSV": "XKX",  # Kosovo (all editions)
    "ROM": "ROU",  # Romania (2020 edition)
    "TMP": "TLS",  # Timor-Leste (2020 edition)
    "WBG": "PSE",  # West Bank and Gaza / Palestine (all editions)
    "ZAR": "COD",  # Congo, Dem. Rep. (2020 edition)
}


def band(score: float) -> str:
    if score >= 0.75:
        return "A"
    if score >= 0.50:
        return "B"
    if score >= 0.25:
        return "C"
    return "D"


def fmt_number(value) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, int):
        return str(value)
    return repr(value)


def csv_field(text: str) -> str:
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def build():
    wb = openpyxl.load_workbook(SOURCE, read_only=True, data_only=True)
    if len(wb.worksheets) != 1:
        raise SystemExit(f"expected one sheet, found {wb.sheetnames}")
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    if tuple(rows[0]) != EXPECTED_SOURCE_HEADER:
        raise SystemExit(f"unexpected header: {rows[0]!r}")

    out, junk, mismatches = [], [], []
    recoded = Counter()
    for line_no, row in enumerate(rows[1:], start=2):
        year, code, name, grp, *scores = row
        is_country = (
            isinstance(year, int)
            and isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code)
            and isinstance(name, str) and name.strip()
            and grp in ("A", "B", "C", "D")
            and all(isinstance(s, (int, float)) and not isinstance(s, bool) for s in scores)
        )
        if not is_country:
            junk.append((line_no, row))
            continue
        iso3 = ISO3_RECODE.get(code, code)
        if iso3 != code:
            recoded[(code, iso3)] += 1
        gtmi = float(scores[0])
        if band(gtmi) != grp:
            mismatches.append((year, iso3, grp, band(gtmi), gtmi))
        out.append([str(year), iso3, name.strip(), grp] + [fmt_number(s) for s in scores])

    out.sort(key=lambda r: (r[1], int(r[0])))
    keys = Counter((r[1], r[0]) for r in out)
    dups = [k for k, n in keys.items() if n > 1]
    if dups:
        raise SystemExit(f"duplicate economy-year rows: {dups}")

    buf = io.StringIO()
    buf.write(",".join(HEADER) + "\n")
    for r in out:
        buf.write(",".join(csv_field(v) for v in r) + "\n")
    return buf.getvalue(), out, junk, mismatches, recoded


def report(out, junk, mismatches, recoded, stream):
    per_year = Counter(r[0] for r in out)
    groups = Counter((r[0], r[3]) for r in out)
    print(f"rows written: {len(out)}", file=stream)
    for y in sorted(per_year):
        g = " ".join(f"{k}={groups[(y, k)]}" for k in "ABCD")
        print(f"  {y}: {per_year[y]} economies ({g})", file=stream)
    print(f"junk rows dropped: {len(junk)}", file=stream)
    for line_no, row in junk:
        print(f"  sheet row {line_no}: {row!r}", file=stream)
    print("codes recoded to ISO 3166-1 alpha-3:", file=stream)
    for (a, b), n in sorted(recoded.items()):
        print(f"  {a} -> {b}: {n} rows", file=stream)
    print(f"group/threshold mismatches: {len(mismatches)}", file=stream)
    for m in mismatches:
        print(f"  {m}", file=stream)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the committed output differs")
    args = ap.parse_args()
    text, out, junk, mismatches, recoded = build()
    data = text.encode("utf-8")
    if args.check:
        current = OUTPUT.read_bytes() if OUTPUT.exists() else b""
        if current != data:
            print(f"{OUTPUT.name} is out of date: run python3 data/gtmi/convert.py",
                  file=sys.stderr)
            return 1
        print(f"{OUTPUT.name} is up to date ({len(out)} rows)")
        return 0
    OUTPUT.write_bytes(data)
    report(out, junk, mismatches, recoded, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
