#!/usr/bin/env python3
"""Convert the World Bank GovTech dataset (Dec 2020) into tidy CSV files.

Input : data/govtech/source/govtech-dataset-2020.csv (raw copy, never edited)
        data/gtmi/gtmi-groups.csv (official 2020 GTMI groups, for the override)
Output: data/govtech/govtech-2020-economies.csv
        data/govtech/govtech-2020-systems.csv
        data/govtech/govtech-2020-repairs.csv

    python3 data/govtech/convert.py          # rewrite the processed files
    python3 data/govtech/convert.py --check  # exit 1 if a committed file differs

Python 3.11 standard library only. Deterministic: rows sorted by iso3 (then
system), "\n" line endings, UTF-8 without BOM. See README.md for every column
and every code reading.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "govtech-dataset-2020.csv"
GTMI = HERE.parent / "gtmi" / "gtmi-groups.csv"
OUT_ECON = HERE / "govtech-2020-economies.csv"
OUT_SYS = HERE / "govtech-2020-systems.csv"
OUT_REP = HERE / "govtech-2020-repairs.csv"

NCOLS = 332
EXPECTED_ECONOMIES = 198

# World Bank codes in the file that are not ISO 3166-1 alpha-3 (same table as
# data/gtmi/convert.py, so the two data sets join on iso3).
ISO3_RECODE = {"ADO": "AND", "KSV": "XKX", "ROM": "ROU", "TMP": "TLS",
               "WBG": "PSE", "ZAR": "COD"}

BLANKS = {"", "-", "--", "..", "n/a", "N/A"}


def clean(value: str) -> str:
    """Whitespace-normalise a cell; placeholders ("-", " - ") become ""."""
    v = value.replace("\u00a0", " ")
    v = re.sub(r"\s+", " ", v).strip()
    return "" if v in BLANKS else v


def is_url(v: str) -> bool:
    return v.lower().startswith(("http://", "https://", "www."))


def year_of(v: str) -> str:
    v = clean(v)
    return v if re.fullmatch(r"(19|20)\d\d", v) else ""


def band(score: float) -> str:
    return "A" if score >= 0.75 else "B" if score >= 0.5 else "C" if score >= 0.25 else "D"


# --------------------------------------------------------------------------
# 1. Read and repair records
# --------------------------------------------------------------------------

def read_records():
    raw = SOURCE.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("utf-8")
    # Records end with CRLF. A bare LF is a line break typed inside a cell; when
    # that cell was not quoted, the csv module sees two short records.
    records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, body = records[0], records[1:]
    if len(header) != NCOLS:
        raise SystemExit(f"header has {len(header)} columns, expected {NCOLS}")
    quoted_multiline = []
    for rec in body:
        for j, cell in enumerate(rec):
            if "\n" in cell and len(rec) == NCOLS:
                quoted_multiline.append((rec, j))

    repaired, repairs, i = [], [], 0
    while i < len(body):
        rec = body[i]
        if len(rec) == NCOLS:
            repaired.append(rec)
            i += 1
            continue
        # Re-join split records: the last cell of the first part and the first
        # cell of the next part are one cell split at an unquoted newline, so
        # a correct join has exactly NCOLS cells.
        parts, width = [rec], len(rec)
        j = i + 1
        while width - (len(parts) - 1) < NCOLS and j < len(body):
            parts.append(body[j])
            width += len(body[j])
            j += 1
        if width - (len(parts) - 1) != NCOLS:
            raise SystemExit(f"cannot repair record starting {rec[:5]!r}")
        joined = list(parts[0])
        split_cols = []
        for part in parts[1:]:
            col = len(joined) - 1
            split_cols.append(col)
            joined[col] = joined[col] + "\n" + part[0]
            joined.extend(part[1:])
        if not re.fullmatch(r"[A-Z]{3}", joined[2]) or not joined[0].isdigit():
            raise SystemExit(f"repaired record has no economy code: {joined[:5]!r}")
        repaired.append(joined)
        for col in split_cols:
            first, second = joined[col].split("\n", 1)
            repairs.append({
                "iso3": ISO3_RECODE.get(joined[2], joined[2]),
                "economy": joined[4],
                "kind": "split_record",
                "column": header[col],
                "problem": (f"unquoted line break inside column '{header[col]}' split the record "
                            f"into parts of {', '.join(str(len(p)) for p in parts)} cells; every later "
                            f"cell was shifted into a new row"),
                "action": (f"re-joined the parts into one {NCOLS}-cell record; the cell is "
                           f"'{clean(first)}' + '{clean(second)}' joined by a space"),
            })
        i = j
    for rec, j in quoted_multiline:
        repairs.append({
            "iso3": ISO3_RECODE.get(rec[2], rec[2]),
            "economy": rec[4],
            "kind": "quoted_line_break",
            "column": header[j],
            "problem": f"quoted cell in column '{header[j]}' contains a line break (no shift)",
            "action": "line break replaced by a space",
        })
    return header, repaired, repairs


# --------------------------------------------------------------------------
# 2. Code readings
# --------------------------------------------------------------------------

def levels(rows, col):
    """Distinct numeric values of a column (the dataset's standardised
    indicator contributions), lowest first; position = ordinal level."""
    vals = {clean(r[col]) for r in rows}
    vals.discard("")
    return sorted(vals, key=float)


# System inventory: (code, abbreviation col, name col, solution col,
#                    status col, status reading, year col, url col)
# Status readings: "sta4" = explicit 0-3 code; "lv:<a>,<b>,..." = reading per
# ordinal level of a standardised-contribution column; "map:<k>=<v>,..." =
# explicit code map.
STA4 = {"0": "none", "1": "planned", "2": "pilot", "3": "production"}
SYSTEMS = [
    ("fmis", "FMIS / TS", "FMIS Name", "ASW Solution", "MIS",
     "map:0=none,1=production,2=production", "Op Yr", "FMIS URL"),
    ("tsa", None, None, None, "TSA Type",
     "map:0=none,1=pilot,2=production,3=production", "TSA Yr", "TSA website"),
    ("tmis", "TMIS Abbr", "TMIS Name", "TMIS Soln", "TMIS Sta", "sta4", "TMIS Yr", "Tax System URL"),
    ("cmis", "Customs Abbr", "Customs Name", "CMIS Soln", "Cust Sta", "sta4", "CMIS Yr", "Customs Sys URL"),
    ("hrmis", "HRMIS Abbr", "HRMIS System", "HRMIS Soln", "HRM Sta", "sta4", "HRM Yr", "HRMIS URL"),
    ("payroll", "Payroll Abbr", "Payroll System", "Payr Soln", "Payr Sta", "sta4", "Payr Yr", "Payroll URL"),
    ("eproc", None, "eProc System", None, "ePrc Sta", "sta4", "ePrc Yr", "eProcurement"),
    ("dms", None, None, "DMS Soln", "DMS Sta", "sta4", "DMS Yr", None),
    ("pims", "PIMS Abbr", "PIMS Name", "PIMS Soln", "PIMS Sta", "sta4", "PIMS Yr", "PIMS URL"),
    ("cloud", None, "Gov Cloud Name", None, "GCL", "lv:none,pilot,production", "GCL Yr", "Gov Cloud URL"),
    ("gea", None, "GEA Name", None, "GEA", "lv:none,pilot,production,production", "GEA Yr", "GEA URL"),
    ("gsb", None, "Interop Platform", None, "GSB", "lv:none,pilot,production,production", "GSB Yr", "Interop URL"),
    ("nid", None, None, None, "Nat ID", "map:0=none,1=production", None, None),
    ("eid", None, None, None, "e-ID", "lv:none,production", None, None),
    ("esign", None, None, None, "Dsign Sta",
     "map:0=none,1=planned,2=production,3=production", "Dsign Yr", "Digital Sign URL"),
    ("portal", None, None, None, "eSrv", "lv:none,pilot,production", None, "e-Services"),
    ("efiling", None, None, None, "eFil Srv", "lv:none,pilot,production,production", "eFil Yr", "e-Filing URL"),
    ("epay", None, None, None, "ePay Srv", "lv:none,pilot,production", "ePay Yr", "ePayment"),
]


def reader_for(spec, rows, ix, col):
    if spec == "sta4":
        return lambda v: STA4.get(v, "unknown")
    if spec.startswith("map:"):
        m = dict(kv.split("=") for kv in spec[4:].split(","))
        return lambda v: m.get(v, "unknown")
    if spec.startswith("lv:"):
        names = spec[3:].split(",")
        lv = levels(rows, ix[col])
        if len(lv) != len(names):
            raise SystemExit(f"column {col!r} has {len(lv)} levels {lv}, reading expects {len(names)}")
        m = dict(zip(lv, names))
        return lambda v: m.get(v, "unknown")
    raise ValueError(spec)


def norm_key(v: str) -> str:
    return re.sub(r"[^a-z0-9]", "", v.lower())


GENERIC_ABBR = {"ps", "hrmis", "hrms", "hris", "payroll", "pms", "fmis", "ifmis"}


def same_system(a: dict, b: dict) -> bool:
    """Two inventory rows name one system: same (normalised) name, or same
    abbreviation when the abbreviation is specific (not "HRMIS", "PS"...)."""
    if a["status"] in ("none", "unknown") or b["status"] in ("none", "unknown"):
        return False
    na, nb = norm_key(a["name"]), norm_key(b["name"])
    if na and na == nb:
        return True
    aa, ab = norm_key(a["abbreviation"]), norm_key(b["abbreviation"])
    if aa and aa == ab and aa not in GENERIC_ABBR:
        return True
    # Equal URLs are NOT used: many cells cite the same PEFA report, World
    # Bank document or ministry home page for two different systems.
    return False


# --------------------------------------------------------------------------
# 3. Economy facts
# --------------------------------------------------------------------------

# (output prefix, code column, reading, {suffix: source column})
# Readings as in SYSTEMS; "raw" keeps the code without a reading.
FACTS = [
    ("dg_strategy", "DG St", "map:0=no,1=partial,2=yes,3=yes",
     {"url": "DG Strategy", "year": "DG Yr"}),
    ("dg_lead", "DG Org", "raw",
     {"name": "DG Entity", "url": "DG Org URL"}),
    ("wog", "WoG", "lv:no,yes,yes", {"url": "Whole of Gov URL"}),
    ("govtech_entity", "GT", "lv:no,yes",
     {"name": "GovTech Institution", "url": "GovTech URL", "since": "GT since", "type": "GT Org",
      "focus": "GT focus"}),
    ("data_gov_entity", "Inst", "map:0=no,1=partial,2=yes",
     {"name": "DGov Inst Name", "url": "DGov Inst URL", "year": "Inst Yr"}),
    ("data_gov_policy", "Policy", "map:0=no,1=partial,2=yes",
     {"url": "DG Policy URL", "year": "Pol Yr"}),
    ("data_gov_regs", "Regs", "map:0=no,1=partial,2=yes",
     {"url": "DG Regs URL", "year": "Reg Yr"}),
    ("data_protection_law", "DPL", "lv:no,draft,yes",
     {"name": "DP Act / Bill", "url": "Act/Bill URL", "year": "From", "amended": "Latest"}),
    ("data_protection_authority", "DPA", "lv:no,partial,yes",
     {"name": "Data Protection Agency (DPA)", "url": "DPA URL", "year": "DPA Yr"}),
    ("rti_law", "RTI", "lv:no,partial,yes", {"url": "Law URL", "year": "Law Yr"}),
    ("esignature", "Dsign Sta", "map:0=no,1=law,2=yes,3=yes",
     {"url": "Digital Sign URL", "year": "Dsign Yr"}),
    ("cybersecurity_agency", "Cyber", "lv:no,partial,yes",
     {"name": "Cybersecurity Agency", "url": "Cybersecurity URL", "year": "Cyb Yr"}),
    ("open_gov", "OGI", "lv:no,yes", {"url": "Open Gov URL"}),
    ("open_data_portal", "ODP", "lv:no,partial,yes", {"url": "Open Data URL"}),
    ("national_id", "Nat ID", "map:0=no,1=yes", {}),
    ("oss_policy", "OSS", "lv:no,partial,yes,yes", {"url": "OSS Policy URL", "year": "OSS Yr"}),
    ("participation", "Part", "lv:no,yes", {"url": "Participation URL"}),
    ("grievance", "GRM", "lv:no,yes", {"url": "GRM URL"}),
]

ECON_HEAD = ["iso3", "wb_code", "economy", "region", "income_group", "lending_category",
             "gtmi", "gtmi_group", "gtmi_dataset", "gtmi_group_dataset",
             "egdi_2020", "osi_2020", "legal_system"]


def fact_columns():
    cols = []
    for prefix, _code, reading, extra in FACTS:
        if reading != "raw":
            cols.append(prefix)
        cols.append(f"{prefix}_code")
        for suffix in extra:
            cols.append(f"{prefix}_{suffix}")
    return cols


# --------------------------------------------------------------------------
# 4. Build
# --------------------------------------------------------------------------

def load_official_2020():
    out = {}
    with open(GTMI, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["year"] == "2020":
                out[r["iso3"]] = r
    return out


def build():
    header, records, repairs = read_records()
    ix = {name: i for i, name in enumerate(header) if name}
    econ_rows = [r for r in records if re.fullmatch(r"[A-Z]{3}", r[2].strip()) and r[0].strip().isdigit()]
    dropped = len(records) - len(econ_rows)
    if len(econ_rows) != EXPECTED_ECONOMIES:
        raise SystemExit(f"found {len(econ_rows)} economies, expected {EXPECTED_ECONOMIES}")
    official = load_official_2020()

    # ---- economies
    econ_out, notes = [], []
    readers = {}
    for prefix, code_col, reading, _ in FACTS:
        if reading != "raw":
            readers[prefix] = reader_for(
                reading.replace("none", "none"), econ_rows, ix, code_col)
    for r in econ_rows:
        g = lambda c: clean(r[ix[c]])  # noqa: E731
        wb_code = g("Code")
        iso3 = ISO3_RECODE.get(wb_code, wb_code)
        gtmi_txt, grp_ds = g("GTMI"), g("Group")
        grp = grp_ds
        off = official.get(iso3)
        if off is None:
            raise SystemExit(f"{iso3} missing from data/gtmi 2020")
        if abs(float(gtmi_txt) - float(off["gtmi"])) > 0.005:
            raise SystemExit(f"{iso3}: dataset GTMI {gtmi_txt} is not official {off['gtmi']} rounded")
        if off["group"] != grp_ds:
            grp = off["group"]
            if band(float(gtmi_txt)) == grp_ds:
                why = ("the dataset's letter matches its score rounded to two decimals, so the "
                       "rounding moved the score across a threshold")
            else:
                why = ("the dataset's letter does not follow from its own score under the "
                       "thresholds either; it looks like a grouping from another calculation")
            repairs.append({
                "iso3": iso3, "economy": g("Economy"), "kind": "gtmi_group_override",
                "column": "Group",
                "problem": (f"dataset gives GTMI {gtmi_txt} and group {grp_ds}; the official 2020 "
                            f"GTMI is {off['gtmi']} (group {off['group']}); {why}"),
                "action": f"gtmi_group set to the official {off['group']}; the dataset's letter "
                          f"kept in gtmi_group_dataset",
            })
        if band(float(off["gtmi"])) != grp:
            raise SystemExit(f"{iso3}: group {grp} inconsistent with official score {off['gtmi']}")
        if gtmi_txt and band(float(gtmi_txt)) != grp_ds:
            notes.append(f"{iso3}: dataset group {grp_ds} vs its own rounded score {gtmi_txt}")
        region = g("Region")
        row = {
            "iso3": iso3, "wb_code": wb_code, "economy": g("Economy"),
            "region": region, "income_group": g("Level"), "lending_category": g("LenCat"),
            "gtmi": off["gtmi"], "gtmi_group": grp,
            "gtmi_dataset": gtmi_txt, "gtmi_group_dataset": grp_ds,
            "egdi_2020": g("EGDI'20"), "osi_2020": g("eOSI'20"), "legal_system": g("Legal System Type"),
        }
        for prefix, code_col, reading, extra in FACTS:
            code = g(code_col)
            if reading != "raw":
                row[prefix] = readers[prefix](code) if code else "unknown"
                if row[prefix] == "none":
                    row[prefix] = "no"
            row[f"{prefix}_code"] = code
            for suffix, col in extra.items():
                v = g(col)
                if suffix in ("year", "since", "amended"):
                    v = year_of(v)
                if suffix == "url" and v and not is_url(v):
                    v = ""
                row[f"{prefix}_{suffix}"] = v
        econ_out.append(row)
    econ_out.sort(key=lambda d: d["iso3"])
    codes = Counter(d["iso3"] for d in econ_out)
    if max(codes.values()) > 1:
        raise SystemExit(f"duplicate iso3: {[k for k, n in codes.items() if n > 1]}")

    # ---- systems
    sys_readers = {s[0]: reader_for(s[5], econ_rows, ix, s[4]) for s in SYSTEMS}
    sys_out = []
    for r in econ_rows:
        g = lambda c: clean(r[ix[c]]) if c else ""  # noqa: E731
        iso3 = ISO3_RECODE.get(g("Code"), g("Code"))
        per = {}
        for code, abbr_c, name_c, soln_c, sta_c, _spec, yr_c, url_c in SYSTEMS:
            status_code = g(sta_c)
            status = sys_readers[code](status_code) if status_code else "unknown"
            url = g(url_c)
            if url and not is_url(url):
                url = ""
            src = [c for c in (abbr_c, name_c, soln_c, sta_c, yr_c, url_c) if c]
            per[code] = {
                "iso3": iso3, "system": code, "abbreviation": g(abbr_c), "name": g(name_c),
                "solution": g(soln_c), "status_code": status_code, "status": status,
                "year": year_of(g(yr_c)) if yr_c else "", "url": url,
                "source_columns": ";".join(src), "same_as": "",
            }
        for a, b in (("hrmis", "payroll"), ("hrmis", "fmis"), ("payroll", "fmis")):
            if same_system(per[a], per[b]):
                for x, y in ((a, b), (b, a)):
                    cur = [s for s in per[x]["same_as"].split(";") if s]
                    per[x]["same_as"] = ";".join(sorted(set(cur + [y])))
        sys_out.extend(per.values())
    sys_out.sort(key=lambda d: (d["iso3"], d["system"]))

    repairs.sort(key=lambda d: (d["iso3"], d["kind"], d["column"]))
    return econ_out, sys_out, repairs, dropped, notes


SYS_HEAD = ["iso3", "system", "abbreviation", "name", "solution", "status_code", "status",
            "year", "url", "source_columns", "same_as"]
REP_HEAD = ["iso3", "economy", "kind", "column", "problem", "action"]


def to_csv(head, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    for d in rows:
        w.writerow([d[h] for h in head])
    return buf.getvalue().encode("utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if a committed output differs")
    args = ap.parse_args()
    econ, systems, repairs, dropped, notes = build()
    outputs = {
        OUT_ECON: to_csv(ECON_HEAD + fact_columns(), econ),
        OUT_SYS: to_csv(SYS_HEAD, systems),
        OUT_REP: to_csv(REP_HEAD, repairs),
    }
    if args.check:
        stale = [p.name for p, data in outputs.items()
                 if not p.exists() or p.read_bytes() != data]
        if stale:
            print(f"out of date: {', '.join(stale)}: run python3 data/govtech/convert.py",
                  file=sys.stderr)
            return 1
        print(f"govtech outputs are up to date ({len(econ)} economies, {len(systems)} system rows)")
        return 0
    for p, data in outputs.items():
        p.write_bytes(data)
    print(f"economies: {len(econ)}; non-economy rows dropped: {dropped}")
    print(f"system rows: {len(systems)}")
    print("status by system:")
    by = Counter((d["system"], d["status"]) for d in systems)
    for code, *_ in SYSTEMS:
        print(f"  {code:8} " + " ".join(f"{s}={by[(code, s)]}" for s in
                                          ("production", "pilot", "planned", "none", "unknown")))
    print(f"same_as links: {sum(1 for d in systems if d['same_as'])}")
    print(f"repairs: {Counter(d['kind'] for d in repairs)}")
    for n in notes:
        print(f"note: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
