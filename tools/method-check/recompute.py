#!/usr/bin/env python3
"""Independent recomputation of dpi-assess results.json from docs/method.md alone.

Written from docs/method.md, docs/inputs.md, the framework and questionnaire YAML and
schemas/results.schema.json only (never the tool's source). Reads a workspace folder and prints
(or writes) a JSON document with the same layout as the parts of results.json that method.md
claims to determine.

Usage: recompute.py WORKSPACE [--repo REPO] [--out FILE]
"""
import argparse
import copy
import csv
import io
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

import yaml

# Alternative readings of passages that are ambiguous (see README.md); off by default, switched on with
# METHOD_CHECK_ALT=name1,name2 to test what the tool does.
ALT = set(x for x in os.environ.get("METHOD_CHECK_ALT", "").split(",") if x)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

# ---------------------------------------------------------------------------------------------
# Section 1: exact decisions
# ---------------------------------------------------------------------------------------------
DECIMALS = 9
_Q = Decimal(1).scaleb(-DECIMALS)


def r9(x):
    """Round to 9 decimal places, half away from zero (exact binary value of the float)."""
    return Decimal(x).quantize(_Q, rounding=ROUND_HALF_UP)


# Edge cases met while computing (for the coverage statistics compare.py prints).
STATS = {}


def note(name):
    STATS[name] = STATS.get(name, 0) + 1


def _decide(op, a, b, ctx):
    exact = op(r9(a), r9(b))
    if ctx and exact != op(a, b):
        note("rounding decided: " + ctx)
    return exact


def ge(a, b, ctx=None):
    return _decide(lambda x, y: x >= y, a, b, ctx)


def gt(a, b, ctx=None):
    return _decide(lambda x, y: x > y, a, b, ctx)


def le(a, b, ctx=None):
    return _decide(lambda x, y: x <= y, a, b, ctx)


def lt(a, b, ctx=None):
    return _decide(lambda x, y: x < y, a, b, ctx)


# ---------------------------------------------------------------------------------------------
# Helpers for reading inputs (docs/inputs.md)
# ---------------------------------------------------------------------------------------------

def norm_header(h):
    return re.sub(r"[^a-z0-9]", "", (h or "").lower())


def norm_vocab(v):
    """Vocabulary values are compared across case, spaces and '-'."""
    return re.sub(r"[\s\-_]+", "_", (v or "").strip().lower())


NA_WORDS = {"na", "n/a", "n.a.", "not applicable"}
UNKNOWN_WORDS = {"unknown", "don't know", "dk", "?", "don’t know"}

ANSWER_ALIASES = {
    "question_id": ["question_id", "id", "question_code", "qid", "question_no", "question_number"],
    "answer": ["answer", "response", "value", "reply", "answer_value"],
    "respondent": ["respondent", "respondent_name", "answered_by", "name"],
    "institution": ["institution", "organisation", "organization", "ministry", "agency", "department"],
    "evidence": ["evidence", "source", "evidence_url", "document", "link", "reference"],
    "comment": ["comment", "comments", "note", "notes", "remarks"],
}
SYSTEM_ALIASES = {
    "name": ["name", "system", "system_name"],
    "owner": ["owner", "owner_institution", "owned_by", "institution", "ministry", "agency"],
    "building_blocks": ["building_blocks", "building_block", "bbs", "bb", "bb_ids", "govstack_bbs",
                        "govstack_building_blocks"],
    "status": ["status", "lifecycle", "lifecycle_status", "stage"],
    "coverage": ["coverage", "population_coverage", "user_coverage", "reach"],
    "exchange": ["exchange", "data_exchange", "exchange_mode", "data_exchange_mode", "interoperability"],
    "standards": ["standards", "standard", "specifications", "specs"],
    "used_by": ["used_by", "using_institutions", "used_by_institutions", "shared_with", "users_institutions"],
    "platform": ["platform", "shared_platform", "delivery", "platform_for"],
}
SERVICE_ALIASES = {
    "name": ["name", "service", "service_name"],
    "category": ["category", "service_category", "type"],
    "owner": ["owner", "owner_institution", "institution", "ministry", "agency", "provider"],
    "required_bbs": ["required_bbs", "required_building_blocks", "building_blocks", "bbs", "needed_bbs", "bb"],
}

EVIDENCE_ALIASES = {
    "id": ["id", "evidence_id", "document_id", "code", "ref"],
    "title": ["title", "document", "document_title", "name"],
    "type": ["type", "evidence_type", "document_type", "kind"],
    "date": ["date", "issued", "issue_date", "date_issued", "published"],
}

# docs/inputs.md, "Institutions" (method.md section 4).
INSTITUTION_ALIASES = {
    "id": ["id", "institution_id", "code"],
    "name": ["name", "institution", "institution_name", "official_name"],
    "aliases": ["aliases", "alias", "other_names", "abbreviations", "acronyms"],
    "roles": ["roles", "role", "framework_roles"],
}


def as_code(text):
    """Method.md section 4: lowercase, each run of spaces, hyphens, no-break spaces and underscores
    one `_`, none at either end."""
    return "_".join(p for p in re.split(r"[ \-\u00a0_\t]+", text.strip().lower()) if p)


# docs/validation.md section 1: the defaults of rules.evidence.
EVIDENCE_SUPPORTS = ["law", "regulation", "strategy", "official_statistic", "audit_evaluation", "system_record"]
EVIDENCE_MAX_AGE = {"official_statistic": 3, "audit_evaluation": 5, "system_record": 2, "meeting_record": 2,
                    "statement": 2}


def latest_day(date):
    """A register date YYYY, YYYY-MM or YYYY-MM-DD as the latest (year, month, day) it can mean."""
    parts = [int(x) for x in date.split("-")]
    if len(parts) == 1:
        return (parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        days = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31,
                30, 31][m - 1]
        return (y, m, days)
    return tuple(parts)


ADJUDICATION_ALIASES = {
    "indicator": ["indicator", "indicator_id", "id"],
    "agreed_level": ["agreed_level", "agreed", "agreed_value", "decision"],
    "rationale": ["rationale", "reason", "why"],
    "evidence": ["evidence", "evidence_ids", "sources"],
    "agreed_by": ["agreed_by", "decided_by", "validated_by"],
    "agreed_on": ["agreed_on", "date", "decided_on", "validated_on"],
}


def read_table(path, aliases):
    """Read a csv table (UTF-8, ',', ';' or tab) and return (rows, ledger).

    rows: dicts keyed by our columns (cells trimmed, empty rows skipped); ledger: rows_read (all rows
    from the first to the last non-empty one, except the header), above (rows above the header) and
    empty (empty rows below it)."""
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    lines = text.splitlines()
    first = next((l for l in lines if l.strip()), "")
    delim = max([",", ";", "\t"], key=lambda d: first.count(d))
    rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    known = {}
    for col, names in aliases.items():
        for n in names:
            known.setdefault(norm_header(n), col)
    nonempty = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    ledger = {"rows_read": 0, "above": 0, "empty": 0}
    # header row: among the first 30, the one naming most known columns (at least two)
    best, best_i = 0, None
    for i, r in enumerate(rows[:30]):
        c = len({known[norm_header(x)] for x in r if norm_header(x) in known})
        if c > best:
            best, best_i = c, i
    if best_i is None or best < 2:
        return [], ledger
    first_i, last_i = nonempty[0], nonempty[-1]
    ledger["rows_read"] = last_i - first_i  # minus the header
    ledger["above"] = max(0, best_i - first_i)
    header = rows[best_i]
    colmap = {}
    for j, h in enumerate(header):
        k = norm_header(h)
        if k in known and known[k] not in colmap.values():
            colmap[j] = known[k]
    out = []
    for r in rows[best_i + 1:last_i + 1]:
        cells = [c.strip() for c in r]
        if not any(cells):
            ledger["empty"] += 1
            continue
        d = {col: "" for col in aliases}
        for j, col in colmap.items():
            if j < len(cells):
                d[col] = cells[j]
        out.append(d)
    return out, ledger


def parse_number(s):
    """Numbers may be typed as text: 1200, 1 200, 1,200, 0,5, 45%."""
    t = s.strip().replace("\u00a0", " ")
    pct = t.endswith("%")
    if pct:
        t = t[:-1].strip()
    t = t.replace(" ", "")
    if "," in t and "." not in t:
        # thousands separator when every group after a comma has exactly three digits
        parts = t.split(",")
        if len(parts) > 1 and all(len(p) == 3 and p.isdigit() for p in parts[1:]) and parts[0].lstrip("-").isdigit():
            t = "".join(parts)
        else:
            t = t.replace(",", ".")
    else:
        t = t.replace(",", "")
    # A typed number is a decimal value: section 1 rounds it to 9 decimals as typed (alternative
    # reading `binary_inputs`: round the nearest binary double instead).
    if "binary_inputs" in ALT:
        return Decimal(float(t)), pct
    return Decimal(t), pct


def split_list(s, commas=False):
    seps = r"[;|\n\r]" if not commas else r"[;|\n\r,]"
    return [x.strip() for x in re.split(seps, s or "") if x.strip()]


# ---------------------------------------------------------------------------------------------
# Definitions
# ---------------------------------------------------------------------------------------------

_YAML = {}


def load_yaml(path):
    """The definitions are read once per process (they are never modified)."""
    if path not in _YAML:
        _YAML[path] = yaml.safe_load(open(path))
    return copy.deepcopy(_YAML[path])


class Defs:
    def __init__(self, repo, questionnaire_ids):
        self.fw = load_yaml(os.path.join(repo, "frameworks", "govstack-dpi", "framework.yaml"))
        self.questions = {}
        self.qorder = []
        for qid in questionnaire_ids:
            q = load_yaml(os.path.join(repo, "questionnaires", qid + ".yaml"))
            qs = q.get("questions") or [x for s in q.get("sections", []) for x in s["questions"]]
            for x in qs:
                self.questions[x["id"].lower()] = x
                self.qorder.append(x["id"])
        self.indicators = {}
        self.ind_dim = {}
        self.ind_pillar = {}
        for p in self.fw["pillars"]:
            for d in p.get("dimensions", []) or []:
                for i in d["indicators"]:
                    self.indicators[i["id"]] = i
                    self.ind_dim[i["id"]] = d
                    self.ind_pillar[i["id"]] = p
        self.bbs = self.fw["building_blocks"]["catalogue"]
        self.bb_by_id = {b["id"]: b for b in self.bbs}
        self.rubric = self.fw["building_blocks"]["rubric"]
        # BB lookup by id, name, alias (case-insensitive)
        self.bb_lookup = {}
        for b in self.bbs:
            for n in [b["id"], b["name"]] + list(b.get("aliases", []) or []):
                self.bb_lookup[n.strip().lower()] = b["id"]
        self.level_names = [l["name"] for l in self.fw["scale"]["levels"]]
        self.bands = self.fw["scale"]["bands"]

    def bb_id(self, s):
        k = s.strip().lower()
        if k in self.bb_lookup:
            return self.bb_lookup[k]
        k2 = norm_vocab(s)
        for n, v in self.bb_lookup.items():
            if norm_vocab(n) == k2:
                return v
        raise ValueError("unknown BB %r" % s)


def level_of(score, bands):
    if score is None:
        return None
    return sum(1 for b in bands if ge(score, b, "level band"))


# ---------------------------------------------------------------------------------------------
# Section 3: answers to levels
# ---------------------------------------------------------------------------------------------

def answer_kind(given):
    g = given.strip().lower()
    if g in NA_WORDS:
        return "na"
    if g in UNKNOWN_WORDS:
        return "unknown"
    return "level"


def read_level_answer(q, given, defs):
    """Return the level (0..4) an answer gives."""
    t = q["type"]
    g = given.strip()
    gl = g.lower()
    if t == "level":
        m = re.match(r"^([0-4])(\b.*)?$", g)
        if m:
            return int(m.group(1))
        for k, n in enumerate(defs.level_names):
            if gl == n.lower():
                return k
        ind = defs.indicators[q["indicator"]]
        for k, text in (ind.get("levels") or {}).items():
            if gl == str(text).strip().lower():
                return int(k)
        raise ValueError("bad level answer %r" % given)
    if t in ("yes_no", "choice"):
        opts = q["options"]
        for o in opts:
            if gl == str(o["code"]).lower() or gl == str(o.get("label", "")).strip().lower():
                return int(o["level"])
        if t == "yes_no":
            if gl in ("y", "true"):
                return [int(o["level"]) for o in opts if str(o["code"]).lower() == "yes"][0]
            if gl in ("n", "false"):
                return [int(o["level"]) for o in opts if str(o["code"]).lower() == "no"][0]
        if re.fullmatch(r"[0-4]", g):
            cands = [o for o in opts if int(o["level"]) == int(g)]
            if len(cands) == 1:
                return int(g)
        raise ValueError("bad option %r for %s" % (given, q["id"]))
    if t == "multi":
        opts = q["options"]
        if gl == "none":
            total = 0
        else:
            codes = [x for x in re.split(r"[\s;,]+", g) if x]
            total = 0
            for c in codes:
                o = [o for o in opts if str(o["code"]).lower() == c.lower()]
                if not o:
                    raise ValueError("bad multi option %r" % c)
                # method.md is silent on options without `points`: counted as 1 (ALT multi_points_default_0: 0)
                default = 0 if "multi_points_default_0" in ALT else 1
                total += o[0]["points"] if o[0].get("points") is not None else default
        return sum(1 for tk in q["thresholds"] if ge(total, tk, "multi threshold"))
    if t in ("number", "percent"):
        v, _pct = parse_number(g)
        if q.get("lower_is_better"):
            return sum(1 for tk in q["thresholds"] if le(v, tk, "threshold (lower is better)"))
        return sum(1 for tk in q["thresholds"] if ge(v, tk, "threshold"))
    raise ValueError("unknown type %s" % t)


# ---------------------------------------------------------------------------------------------
# KoboToolbox export (xlsx, labels or names) -- only what the estmar sample needs
# ---------------------------------------------------------------------------------------------

def read_kobo_xlsx(path, defs, fname):
    import openpyxl
    wb = openpyxl.load_workbook(path, data_only=True)
    rows_out = []
    ledger = {"rows_read": 0, "_submissions": 0, "not_approved": 0}
    for ws in wb:
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        if not rows:
            continue
        header = [str(h) if h is not None else "" for h in rows[0]]
        cols = {}  # j -> (qid, part)
        qids_sorted = sorted(defs.questions.keys(), key=len, reverse=True)
        resp_col = inst_col = vs_col = None
        for j, h in enumerate(header):
            last = h.split("/")[-1]
            mq = re.search(r"(?:^|/)([A-Za-z]+\.[0-9]+)( .*)?$", h)
            if mq and mq.group(1).lower() in defs.questions:
                last = h[mq.start(1):]
            hn = norm_header(last)
            if hn in ("respondentname", "yourname"):
                resp_col = j
                continue
            if hn in ("institution", "yourinstitution"):
                inst_col = j
                continue
            if h == "_validation_status":
                vs_col = j
                continue
            for qk in qids_sorted:
                q = defs.questions[qk]
                name = re.sub(r"[^A-Za-z0-9_]", "_", q["id"])
                if last.lower().startswith(qk + " ") or last.lower() == qk:
                    rest = last[len(qk):].strip()
                    if rest.startswith("Evidence file"):
                        part = "evidence_url" if rest.endswith("_URL") else "evidence_file"
                    elif rest.startswith("Evidence"):
                        part = "evidence"
                    elif rest.startswith("Comment"):
                        part = "comment"
                    elif rest.startswith("If you cannot give"):
                        part = "missing"
                    else:
                        part = "answer"
                    cols[j] = (q["id"], part)
                    break
                suffixes = {"": "answer", "_evidence": "evidence", "_evidence_file": "evidence_file",
                            "_evidence_file_url": "evidence_url", "_comment": "comment", "_missing": "missing"}
                if last.lower().startswith(name.lower()) and last.lower()[len(name):] in suffixes:
                    part = suffixes[last.lower()[len(name):]]
                    cols[j] = (q["id"], part)
                    break
        for sub_i, r in enumerate(rows[1:]):
            if not any(c not in (None, "") for c in r):
                continue
            if vs_col is not None and r[vs_col] is not None and str(r[vs_col]).strip().lower() in (
                    "not approved", "validation_status_not_approved"):
                ledger["not_approved"] += 1
                continue
            ledger["_submissions"] += 1
            resp = str(r[resp_col]).strip() if resp_col is not None and r[resp_col] else ""
            inst = str(r[inst_col]).strip() if inst_col is not None and r[inst_col] else ""
            per_q = {}
            for j, (qid, part) in cols.items():
                v = r[j] if j < len(r) else None
                per_q.setdefault(qid, {})[part] = v
            for qid, parts in per_q.items():
                q = defs.questions[qid.lower()]
                a = parts.get("answer")
                if a is None or str(a).strip() == "":
                    a = parts.get("missing")
                if a is None or str(a).strip() == "":
                    continue
                given = kobo_value_to_answer(q, a, defs)
                rows_out.append({
                    "_submission": (path, sub_i), "question_id": qid, "answer": given,
                    "respondent": resp or inst or fname, "institution": inst,
                    "evidence": kobo_evidence(parts),
                    "comment": str(parts.get("comment") or "").strip(),
                })
    return rows_out, ledger


def kobo_evidence(parts):
    """docs/inputs.md: the evidence text, then the attached file as one more citation,
    `attachment: <file name> (<Kobo's link>)`."""
    text = str(parts.get("evidence") or "").strip()
    file_name = str(parts.get("evidence_file") or "").strip()
    url = str(parts.get("evidence_url") or "").strip()
    if file_name and url and url != file_name:
        attachment = f"attachment: {file_name} ({url})"
    else:
        attachment = f"attachment: {file_name or url}" if (file_name or url) else ""
    if text and attachment:
        return f"{text.rstrip().rstrip(';')}; {attachment}"
    return text or attachment


def kobo_value_to_answer(q, a, defs):
    if isinstance(a, (int, float)):
        return repr(a) if isinstance(a, float) else str(a)
    s = str(a).strip()
    sl = s.lower()
    if sl in ("na", "not applicable", "n/a"):
        return "na"
    if sl in ("unknown", "don't know", "don’t know"):
        return "unknown"
    t = q["type"]
    if t == "level":
        m = re.match(r"^level_([0-4])$", sl)
        if m:
            return m.group(1)
        m = re.match(r"^([0-4])\b", s)
        if m:
            return m.group(1)
        return s
    if t == "multi":
        labels = sorted([(str(o.get("label", "")), o["code"]) for o in q["options"]], key=lambda x: -len(x[0]))
        codes = []
        rest = s
        while rest.strip():
            rest = rest.strip()
            for lab, code in labels:
                if rest.lower().startswith(lab.lower()):
                    codes.append(code)
                    rest = rest[len(lab):]
                    break
            else:
                tok = rest.split()[0]
                codes.append(tok)
                rest = rest[len(tok):]
        return " ".join(codes)
    if t in ("choice", "yes_no"):
        for o in q["options"]:
            if sl == str(o.get("label", "")).strip().lower() or sl == str(o["code"]).lower():
                return str(o["code"])
    return s


# ---------------------------------------------------------------------------------------------
# Main computation
# ---------------------------------------------------------------------------------------------

def median_lower(vals):
    s = sorted(vals)
    return s[(len(s) - 1) // 2]


def wmean(pairs):
    sw = sum(w for w, _ in pairs)
    return sum(w * s for w, s in pairs) / sw


def simple_ledger(f, role, rows, ledger):
    ign = []
    if ledger.get("above"):
        ign.append({"reason": "above the header", "rows": ledger["above"]})
    if ledger.get("empty"):
        ign.append({"reason": "empty", "rows": ledger["empty"]})
    return {"file": f, "role": role, "rows_read": ledger["rows_read"], "rows_used": len(rows), "ignored": ign}


def compute(ws, repo=REPO):
    a = yaml.safe_load(open(os.path.join(ws, "assessment.yaml")))
    qids = a.get("questionnaires") or ["govstack-dpi-full"]
    defs = Defs(repo, qids)
    fw = defs.fw
    rules = dict(fw["rules"])
    policy = a.get("evidence_policy") or (a.get("rules") or {}).get("evidence_policy") or rules["evidence_policy"]
    cap_level = rules["evidence_cap_level"]
    min_cov = rules["min_coverage"]
    dispute = rules["dispute_spread"]
    consolidation = a.get("consolidation") or rules.get("consolidation", "median")
    roles_map = a.get("roles") or {}
    bands = defs.bands
    weights_ovr = a.get("weights") or {}
    targets_ovr = a.get("targets") or {}

    def W(node):
        return float(weights_ovr.get(node["id"], node["weight"]))

    def T(node):
        return int(targets_ovr.get(node["id"], node["target"]))

    inputs = a.get("inputs") or {}

    # ---------------- the institutions list (section 4, "Institutions") ----------------
    tables = []
    canonical = None
    if inputs.get("institutions"):
        rows, ledger = read_table(os.path.join(ws, inputs["institutions"]), INSTITUTION_ALIASES)
        tables.append(simple_ledger(inputs["institutions"], "institutions", rows, ledger))
        canonical = {}
        players = {}
        for r in rows:
            name = r["name"].strip()
            for written in [r["id"], r["name"]] + split_list(r["aliases"]):
                canonical.setdefault(as_code(written), name)
            for role in split_list(r["roles"], commas=True):
                players.setdefault(as_code(role), []).append(name)
        roles_map = {role: canonical[as_code(str(who))] for role, who in roles_map.items()}
        for role, names in players.items():
            if len(names) == 1:
                roles_map.setdefault(role, names[0])

    def canon(name):
        name = name.strip()
        if canonical is None or not name:
            return name
        return canonical[as_code(name)]

    # ---------------- answers ----------------
    answers = []  # dicts with question_id, respondent, institution, evidence, given, kind, level
    answer_files = inputs.get("answers") or []
    if isinstance(answer_files, str):
        answer_files = [answer_files]
    seen = {}
    for f in answer_files:
        p = os.path.join(ws, f)
        fname = os.path.splitext(os.path.basename(f))[0]
        if f.lower().endswith(".xlsx"):
            rows, ledger = read_kobo_xlsx(p, defs, fname)
        else:
            rows, ledger = read_table(p, ANSWER_ALIASES)
        ign = {}
        if ledger.get("above"):
            ign["above the header"] = ledger["above"]
        if ledger.get("empty"):
            ign["empty"] = ledger["empty"]
        if ledger.get("not_approved"):
            ign["submission not approved (KoboToolbox)"] = ledger["not_approved"]
        used = 0
        for row_index, r in enumerate(rows):
            given = r["answer"].strip()
            if given == "":
                ign["no answer given"] = ign.get("no answer given", 0) + 1
                continue
            q = defs.questions.get(r["question_id"].strip().lower())
            if q is None:
                raise ValueError("unknown question %r" % r["question_id"])
            r["institution"] = canon(r["institution"])
            resp = r["respondent"].strip() or r["institution"] or fname
            key = (resp.lower(), q["id"].lower())
            kind = answer_kind(given)
            lvl = read_level_answer(q, given, defs) if kind == "level" else None
            if key in seen:
                # agreeing repeat (an error when they differ; the generator never writes those):
                # it counts once; the row first by file and row gives the answer as written, and the
                # evidence and comments of both are kept (method.md section 4, inputs.md).
                ign["repeated answer"] = ign.get("repeated answer", 0) + 1
                kept = seen[key]
                def union(a, b):
                    items = sorted({i.strip() for t in (a, b) if t for i in t.split("; ") if i.strip()})
                    return "; ".join(items) if items else None
                evidence = union(kept["evidence"], r["evidence"].strip())
                comment = union(kept["comment"], r.get("comment", "").strip())
                if (f, row_index) < (kept["file"], kept["row_index"]):
                    kept.update({"given": given, "kind": kind, "level": lvl, "row_index": row_index,
                                 "file": f, "institution": r["institution"].strip() or None})
                kept["evidence"] = evidence or ""
                kept["comment"] = comment
                continue
            used += 1
            answers.append({"submission": r.get("_submission"), "file": f, "row_index": row_index,
                "qorder": defs.qorder.index(q["id"]), "comment": r.get("comment", "").strip() or None,
                "question_id": q["id"], "respondent": resp, "institution": r["institution"].strip() or None,
                "evidence": r["evidence"].strip(), "given": given, "kind": kind, "level": lvl,
                "indicator": q["indicator"],
            })
            seen[key] = answers[-1]
        if "_submissions" in ledger:  # a form export: a row is a submission, used when one answer is
            used = len({x["submission"] for x in answers if x["submission"] is not None and x["file"] == f})
            ledger["rows_read"] = ledger["_submissions"] + ledger.get("not_approved", 0)
            ign = {k: v for k, v in ign.items() if k == "submission not approved (KoboToolbox)"}
        tables.append({"file": f, "role": "answers", "rows_read": ledger["rows_read"], "rows_used": used,
                       "ignored": [{"reason": k, "rows": v} for k, v in ign.items()]})

    # ---------------- systems and services ----------------
    systems = []
    if inputs.get("systems"):
        rows, ledger = read_table(os.path.join(ws, inputs["systems"]), SYSTEM_ALIASES)
        tables.append(simple_ledger(inputs["systems"], "systems", rows, ledger))
        for r in rows:
            bbs = []
            for x in split_list(r["building_blocks"], commas=True):
                b = defs.bb_id(x)
                if b not in bbs:
                    bbs.append(b)
            st = norm_vocab(r["status"])
            st = {"decommissioning": "legacy", "being_replaced": "legacy", "live": "production",
                  "in_production": "production", "piloting": "pilot"}.get(st, st)
            cov = None
            if r["coverage"].strip():
                v, pct = parse_number(r["coverage"])
                cov = v / 100 if (pct or v > 1) else v
            ex = norm_vocab(r["exchange"]) if r["exchange"].strip() else None
            ex = {"point_to_point_apis": "point_to_point", "national_data_exchange_layer": "data_exchange_layer",
                  "information_mediator": "data_exchange_layer"}.get(ex, ex)
            plat = r["platform"].strip()
            if plat == "" or plat.lower() == "no":
                plat_set = set()
            elif plat.lower() == "yes":
                plat_set = set(bbs)
            else:
                plat_set = {defs.bb_id(x) for x in split_list(plat, commas=True)}
            users = []
            seen_u = set()
            for u in [canon(x) for x in split_list(r["used_by"])] + [canon(r["owner"])]:
                k = u.strip().lower()
                if k not in seen_u:
                    seen_u.add(k)
                    users.append(k)
            systems.append({
                "name": r["name"].strip(), "owner": canon(r["owner"]), "bbs": bbs, "status": st,
                "coverage": cov, "exchange": ex, "standards": split_list(r["standards"]),
                "platform_for": plat_set, "users": set(users),
            })
    services = []
    if inputs.get("services"):
        rows, ledger = read_table(os.path.join(ws, inputs["services"]), SERVICE_ALIASES)
        tables.append(simple_ledger(inputs["services"], "services", rows, ledger))
        for r in rows:
            req = []
            for x in split_list(r["required_bbs"], commas=True):
                b = defs.bb_id(x)
                if b not in req:
                    req.append(b)
            services.append({"name": r["name"].strip(), "required": req})

    # ---------------- the evidence register (section 4 step 5) ----------------
    register = None
    if inputs.get("evidence"):
        rows, ledger = read_table(os.path.join(ws, inputs["evidence"]), EVIDENCE_ALIASES)
        tables.append(simple_ledger(inputs["evidence"], "evidence", rows, ledger))
        register = {}
        for r in rows:
            register.setdefault(r["id"].strip().lower(), {"type": norm_vocab(r["type"]), "date": r["date"].strip()})
    ev_rules = rules.get("evidence") or {}
    supports_default = ev_rules.get("supports_high_levels", EVIDENCE_SUPPORTS)
    max_age = ev_rules.get("max_age_years", EVIDENCE_MAX_AGE)
    on = tuple(int(x) for x in str(a["assessment_date"]).split("-"))

    def outdated(doc):
        years = max_age.get(doc["type"])
        if years is None or not doc["date"]:
            return False
        y, m, d = latest_day(doc["date"])
        return (y + years, m, d) < on

    def supporting(x, accepted):
        """Section 4 step 5: whether an answer has supporting evidence."""
        if register is None:
            return bool(x["evidence"])
        for part in re.split(r"[;\n\r]", x["evidence"] or ""):
            part = part.strip()
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            if not pieces or not all(p.lower() in register for p in pieces):
                continue
            for p in pieces:
                doc = register[p.lower()]
                if doc["type"] in accepted and not outdated(doc):
                    return True
        return False

    # ---------------- indicators (section 4) ----------------
    ind_res = {}
    for iid, ind in defs.indicators.items():
        ans = [x for x in answers if x["indicator"] == iid]
        by_resp = {}
        for x in ans:
            by_resp.setdefault(x["respondent"].lower(), []).append(x)
        rvals = []
        # Section 4 step 2: institutions holding the indicator's (else its dimension's) authority roles.
        auth_roles = ind.get("authorities") or defs.ind_dim[iid].get("authorities") or []
        auth_insts = {str(roles_map[r]).strip().lower() for r in auth_roles if r in roles_map}
        auth_vals = []
        auth_names = []
        for rk in sorted(by_resp):
            xs = by_resp[rk]
            lv = [x["level"] for x in xs if x["kind"] == "level"]
            if lv:
                v = sum(sorted(lv)) / len(lv)
                rvals.append(v)
                if any((x["institution"] or "").strip().lower() in auth_insts for x in xs):
                    auth_vals.append(v)
                    auth_names.append(min(x["respondent"] for x in xs))
        rvals.sort()
        auth_vals.sort()
        if any(v != int(v) for v in rvals):
            note("fractional respondent value")
        if rvals:
            answered = "levels"
        elif any(x["kind"] == "unknown" for x in ans):
            answered = "unknown"
        elif ans:
            answered = "not_applicable"
        else:
            answered = "missing"
        value = None
        authoritative = []
        if rvals:
            if consolidation == "authoritative" and auth_vals:
                value = median_lower(auth_vals)
                authoritative = auth_names
                note("authoritative respondents decided")
            elif consolidation in ("median", "authoritative"):
                value = median_lower(rvals)
            elif consolidation == "minimum":
                value = rvals[0]
            else:
                value = sum(rvals) / len(rvals)
        spread = (rvals[-1] - rvals[0]) if len(rvals) >= 2 else 0.0
        disputed = len(rvals) >= 2 and ge(spread, dispute, "dispute spread")
        level_answers = [x for x in ans if x["kind"] == "level"]
        accepted = ind.get("evidence_types") or supports_default
        has_evidence = any(supporting(x, accepted) for x in level_answers)
        if register is not None and any(x["evidence"] for x in level_answers) and not has_evidence:
            note("evidence cited, none supporting")
        unverified = value is not None and level_of(25 * value, bands) >= 3 and not has_evidence
        capped = False
        if value is not None and policy == "cap" and not has_evidence and gt(value, cap_level, "evidence cap"):
            value = float(cap_level)
            capped = True
            note("evidence cap applied")
            if not unverified:
                note("evidence cap applied to a value below level 3")
        score = 25 * value if value is not None else None
        level = level_of(score, bands)
        if value is not None:
            status = "scored"
        elif answered == "not_applicable":
            status = "not_applicable"
        else:
            status = "insufficient_data"
        tgt = T(ind)
        ind_res[iid] = {
            "id": iid, "weight": W(ind), "status": status, "score": score, "level": level,
            "coverage": 1.0 if value is not None else 0.0, "answered": answered, "value": value,
            "respondent_values": rvals, **({"authoritative_respondents": authoritative} if authoritative else {}),
            "spread": spread, "disputed": disputed, "unverified": unverified,
            "evidence_capped": capped, "target": tgt,
            "gap": max(0, tgt - level) if level is not None else None,
            "criticality": ind.get("criticality", "medium"),
            "building_blocks": list(ind.get("building_blocks", []) or []),
            "inconsistent": False,
            "capped_by": [], "uncapped_score": None, "provisional": False,
            "answers": [{"respondent": x["respondent"], "institution": x["institution"],
                         "question_id": x["question_id"], "given": x["given"], "level": x["level"],
                         "kind": x["kind"], "evidence": x["evidence"] or None, "comment": x["comment"]}
                        for x in sorted(ans, key=lambda x: (x["respondent"].lower(), x["qorder"]))],
        }

    # ---------------- workshop decisions (section 4a) ----------------
    if inputs.get("adjudications"):
        rows, ledger = read_table(os.path.join(ws, inputs["adjudications"]), ADJUDICATION_ALIASES)
        decisions = [r for r in rows if r["agreed_level"].strip()]
        table = simple_ledger(inputs["adjudications"], "adjudications", decisions, ledger)
        if len(decisions) < len(rows):
            table["ignored"].append({"reason": "no decision recorded", "rows": len(rows) - len(decisions)})
        tables.append(table)
        for r in decisions:
            iid = next(i for i in defs.indicators if i.lower() == r["indicator"].strip().lower())
            ir = ind_res[iid]
            agreed = r["agreed_level"].strip().lower()
            entry = {"outcome": "contested" if agreed == "contested" else "agreed",
                     "answers_value": ir["value"]}
            if agreed != "contested":
                lv = int(float(agreed))
                value = float(lv)
                accepted = defs.indicators[iid].get("evidence_types") or supports_default
                supported = any(x["level"] is not None and supporting(x, accepted) for x in ir["answers"])
                decision_supported = supporting({"evidence": r["evidence"].strip()}, accepted)
                ir["unverified"] = level_of(25 * value, bands) >= 3 and not supported and not decision_supported
                ir["evidence_capped"] = False
                ir["value"] = value
                ir["score"] = 25 * value
                ir["level"] = level_of(25 * value, bands)
                ir["coverage"] = 1.0
                ir["status"] = "scored"
                ir["gap"] = max(0, ir["target"] - ir["level"])
                entry["agreed_level"] = lv
                note("workshop agreed a level")
            ir["adjudication"] = entry

    # ---------------- caps (section 8) ----------------
    caps = fw.get("caps", []) or []
    ceilings = defs.rubric.get("ceilings", []) or []
    cap_status = {}
    cap_ind_level = {}
    for c in caps:
        lv = ind_res[c["indicator"]]["level"]
        cap_ind_level[c["id"]] = lv
        if lv is None:
            cap_status[c["id"]] = "unchecked"
        elif lv < c["below_level"]:
            cap_status[c["id"]] = "fired"
        else:
            cap_status[c["id"]] = "not_fired"
    effects = {c["id"]: [] for c in caps}
    effects.update({c["id"]: [] for c in ceilings})
    ceiling_bb_status = {c["id"]: {} for c in ceilings}

    def apply_caps(node_id, node, score_before, ceiling_statuses=None):
        """Apply caps naming node_id (and ceilings when ceiling_statuses is given)."""
        entries = []  # (cap_id, status, max_score)
        for c in caps:
            if node_id in c["nodes"]:
                entries.append((c["id"], cap_status[c["id"]], float(c["max_score"])))
        if ceiling_statuses is not None:
            for c in ceilings:
                st = ceiling_statuses.get(c["id"])
                if st is None:  # skipped (criterion not applicable)
                    continue
                entries.append((c["id"], st, float(c["max_score"])))
        binding = [e for e in entries if e[1] == "fired" and score_before is not None and gt(score_before, e[2], "cap binds")]
        if len(binding) > 1:
            note("several caps bind one node")
            if len({e[2] for e in binding}) > 1:
                note("binding caps with different max_score")
        score = score_before
        if binding:
            score = min(e[2] for e in binding)
            node["capped_by"] = [e[0] for e in binding]
            node["uncapped_score"] = score_before
        for cid, st, mx in entries:
            bound = any(e[0] == cid for e in binding)
            effects[cid].append({
                "node": node_id, "status": st, "score_before": score_before,
                "score_after": score if bound else score_before, "lowered": bound,
            })
        return score

    def combine(node, node_id, children, agg="weighted_mean", ceiling_statuses=None):
        """children: list of (weight, child_result). Sets status/score/coverage/provisional/level."""
        app = [(w, c) for w, c in children if c["status"] != "not_applicable"]
        node.setdefault("capped_by", [])
        node.setdefault("uncapped_score", None)
        node["provisional"] = False
        if not app:
            node.update(status="not_applicable", score=None, coverage=0.0, level=None)
            note("not_applicable node: " + ("overall" if node_id == "overall" else "aggregate"))
            if any(node_id in c["nodes"] for c in caps):
                note("cap names a not_applicable node")
            # caps naming it still produce an effect (no score)
            apply_caps(node_id, node, None, ceiling_statuses)
            return
        sw = sum(w for w, _ in app)
        cov = sum(w * c["coverage"] for w, c in app) / sw
        scored = [(w, c["score"]) for w, c in app if c["score"] is not None]
        if scored:
            if agg == "minimum":
                score = min(s for _, s in scored)
            else:
                score = wmean(scored)
        else:
            score = None
        score = apply_caps(node_id, node, score, ceiling_statuses)
        node["coverage"] = cov
        node["score"] = score
        node["status"] = "scored" if score is not None else "insufficient_data"
        node["provisional"] = score is not None and lt(cov, min_cov, "coverage floor")
        if node["provisional"]:
            note("provisional node: " + ("overall" if node_id == "overall" else
                                         "BB" if node_id in defs.bb_by_id else
                                         "pillar" if any(p["id"] == node_id for p in fw["pillars"]) else "dimension"))
        node["level"] = None if (score is None or node["provisional"]) else level_of(score, bands)

    # ---------------- layer pillars ----------------
    pillars_out = []
    dim_res = {}
    for p in fw["pillars"]:
        pr = {"id": p["id"], "kind": p["kind"], "weight": W(p), "aggregator": p.get("aggregator", "weighted_mean")}
        if p["kind"] == "layer":
            dims_out = []
            for d in p["dimensions"]:
                dr = {"id": d["id"], "weight": W(d), "aggregator": d.get("aggregator", "weighted_mean")}
                children = [(ind_res[i["id"]]["weight"], ind_res[i["id"]]) for i in d["indicators"]]
                combine(dr, d["id"], children, dr["aggregator"])
                dr["indicators"] = [ind_res[i["id"]] for i in d["indicators"]]
                dim_res[d["id"]] = dr
                dims_out.append(dr)
            combine(pr, p["id"], [(x["weight"], x) for x in dims_out], pr["aggregator"])
            pr["dimensions"] = dims_out
            pr["building_blocks"] = []
        pillars_out.append(pr)

    # ---------------- Building Blocks (section 6) ----------------
    rub = defs.rubric
    crit_defs = rub["criteria"]
    ex_cfg = rub["exists"]
    io_cfg = rub["interoperable"]
    sh_cfg = rub["shared"]
    layer_bb = io_cfg["layer_bb"]

    def sys_of(bb):
        return [s for s in systems if bb in s["bbs"]]

    # layer state
    def layer_state():
        ls = sys_of(layer_bb)
        if not ls:
            return None
        rank = []
        for s in ls:
            if s["status"] == "production" and layer_bb in s["platform_for"]:
                rank.append((4, "production_platform"))
            elif s["status"] == "production" or s["status"] == "pilot":
                rank.append((3, "pilot"))
            elif s["status"] == "legacy":
                rank.append((2, "legacy"))
            else:
                rank.append((1, "planned"))
        return max(rank)[1]

    lstate = layer_state()

    # open specifications
    def nspec(s):
        if "ascii_letters" in ALT:
            return re.sub(r"[^0-9a-z]+", " ", s.lower()).strip()
        return re.sub(r"[^0-9a-z]+", " ", s.lower(), flags=0).strip() if s.isascii() else \
            re.sub(r"[\W_]+", " ", s.lower()).strip()

    spellings = []
    for o in fw.get("open_specifications", []) or []:
        spellings.append(nspec(o["name"]))
        for al in o.get("aliases", []) or []:
            spellings.append(nspec(al))
    for b in defs.bbs:
        for suf in ("", " BB", " Building Block"):
            spellings.append(nspec("GovStack " + b["name"] + suf))

    def conforms(sysm):
        for st in sysm["standards"]:
            if not st.isascii():
                na = re.sub(r"[^0-9a-z]+", " ", st.lower()).strip()
                if any(na == sp or na.startswith(sp + " ") for sp in spellings) != \
                        any(nspec(st) == sp or nspec(st).startswith(sp + " ") for sp in spellings):
                    note("C2 entry that only an ASCII-letters reading would match")
            n = nspec(st)
            for sp in spellings:
                if n == sp or n.startswith(sp + " "):
                    if not st.isascii():
                        note("C2 conformance through a non-ASCII entry")
                    return True
        return False

    def c2_system_level(s):
        mode = s["exchange"]
        if mode == "data_exchange_layer":
            note("C2 layer claim, layer state %s" % lstate)
        if mode == "data_exchange_layer" and lstate != "production_platform":
            if lstate is None:
                mode = io_cfg["layer_absent"]
            else:
                mode = io_cfg["layer_claim"][lstate]
        base = io_cfg["exchange_levels"][mode]
        lvl = base
        if conforms(s):
            note("C2 conforming system, mode %s" % mode)
            lvl = max(base, min(base + io_cfg["standards_bonus"], io_cfg["standards_ceiling"][mode]))
        return lvl

    bb_res = {}
    for b in defs.bbs:
        bid = b["id"]
        ss = sys_of(bid)
        na_crit = set((b.get("criteria_not_applicable") or {}).keys())
        crit_vals = {}
        # C1 (a partial inventory without a system for the BB: C1 and C2 have no value)
        unknown = not ss and a.get("inventory") == "partial"
        if unknown:
            c1 = None
        elif not ss:
            c1 = 0
        else:
            lv = []
            for s in ss:
                l = ex_cfg["status_levels"][s["status"]]
                plat = bid in s["platform_for"]
                if plat and s["status"] == "production" and s["coverage"] is not None and \
                        ge(s["coverage"], ex_cfg["advanced_min_coverage"], "C1 coverage"):
                    l = 4
                if not plat:
                    l = min(l, ex_cfg["module_max_level"])
                lv.append(l)
            c1 = max(lv)
        crit_vals["c1"] = None if c1 is None else float(c1)
        # C2
        prod = [s for s in ss if s["status"] == "production"]
        if unknown:
            c2 = None
        elif not prod:
            c2 = 0.0
        else:
            stated = [s for s in prod if s["exchange"] is not None]
            c2 = float(max(c2_system_level(s) for s in stated)) if stated else None
        crit_vals["c2"] = c2
        # C3
        vals = [ind_res[i]["value"] for i in defs.indicators
                if bid in (defs.indicators[i].get("building_blocks") or []) and ind_res[i]["value"] is not None]
        crit_vals["c3"] = sum(vals) / len(vals) if vals else None
        # C4
        running = [s for s in ss if s["status"] != "planned"]
        siloed = []
        if not running:
            c4 = None
        else:
            U = set()
            for s in running:
                U |= s["users"]
            plats = [s for s in running if bid in s["platform_for"]]
            if not plats:
                c4 = 0.0
                siloed = list(running)
            else:
                if "c4_tie_casefold" in ALT:
                    ordered = sorted(plats, key=lambda s: (-len(s["users"]), s["name"].lower(), s["owner"].lower()))
                else:
                    ordered = sorted(plats, key=lambda s: (-len(s["users"]), s["name"], s["owner"]))
                best = ordered[0]
                if len(ordered) > 1 and len(ordered[1]["users"]) == len(best["users"]):
                    note("C4 tie between platforms")
                    alt = sorted(plats, key=lambda s: (-len(s["users"]), s["name"].lower(), s["owner"].lower()))[0]
                    if alt is not best and alt["users"] != best["users"]:
                        note("C4 tie decided by letter case")
                    if ordered[1]["name"] == best["name"]:
                        note("C4 tie between platforms of one name")
                n = len(best["users"])
                step = 0
                for stp in sh_cfg["platform_user_steps"]:
                    if stp["min"] <= n:
                        step = stp["level"]
                c4 = min(float(step), 4 * n / len(U))
                if c4 < step:
                    note("C4 share below the step")
                siloed = [s for s in running if s is not best and not s["users"] <= best["users"]]
        crit_vals["c4"] = c4
        crits = []
        for cd in crit_defs:
            cid = cd["id"]
            if cid in na_crit:
                crits.append({"id": cid, "weight": float(cd["weight"]), "value": None, "not_applicable": True,
                              "status": "not_applicable", "score": None, "coverage": 0.0})
            else:
                v = crit_vals[cid]
                crits.append({"id": cid, "weight": float(cd["weight"]), "value": v, "not_applicable": False,
                              "status": "scored" if v is not None else "insufficient_data",
                              "score": 25 * v if v is not None else None,
                              "coverage": 1.0 if v is not None else 0.0})
        # ceilings per BB
        cst = {}
        for c in ceilings:
            cr = c["criterion"]
            if cr in na_crit:
                continue
            v = crit_vals[cr]
            if v is None:
                cst[c["id"]] = "unchecked"
            elif lt(v, c["below_level"], "ceiling"):
                cst[c["id"]] = "fired"
            else:
                cst[c["id"]] = "not_fired"
            ceiling_bb_status[c["id"]][bid] = cst[c["id"]]
        br = {"id": bid, "weight": W(b), "foundational": bool(b.get("foundational")), "criteria": crits,
              "systems": [{"name": s["name"], "owner": s["owner"], "status": s["status"],
                           "platform": bid in s["platform_for"]} for s in ss],
              "siloed_copies": [{"name": s["name"], "owner": s["owner"], "status": s["status"],
                                 "platform": bid in s["platform_for"]} for s in siloed],
              "inconsistent": False, "target": T(b),
              "depends_on": list(b.get("depends_on", []) or []) +
              [j["bb"] for j in (b.get("depends_on_judgement") or [])],
              "needed_by_services": [sv["name"] for sv in services if bid in sv["required"]]}
        combine(br, bid, [(c["weight"], c) for c in crits], "weighted_mean", ceiling_statuses=cst)
        br["gap"] = max(0, br["target"] - br["level"]) if br["level"] is not None else None
        bb_res[bid] = br
    # BB pillar
    for pr, p in zip(pillars_out, fw["pillars"]):
        if p["kind"] == "building_blocks":
            bl = [bb_res[b["id"]] for b in defs.bbs]
            combine(pr, p["id"], [(x["weight"], x) for x in bl], pr["aggregator"])
            pr["building_blocks"] = bl
            pr["dimensions"] = []
    # overall
    overall = {}
    combine(overall, "overall", [(x["weight"], x) for x in pillars_out], fw.get("aggregator", "weighted_mean"))

    # caps output
    caps_out = []
    for c in caps:
        caps_out.append({"id": c["id"], "indicator": c["indicator"], "indicator_level": cap_ind_level[c["id"]],
                         "criterion": None, "below_level": c["below_level"], "max_score": float(c["max_score"]),
                         "status": cap_status[c["id"]], "lowered": any(e["lowered"] for e in effects[c["id"]]),
                         "effects": effects[c["id"]]})
    for c in ceilings:
        sts = list(ceiling_bb_status[c["id"]].values())
        st = "fired" if "fired" in sts else ("not_fired" if "not_fired" in sts else "unchecked")
        caps_out.append({"id": c["id"], "indicator": None, "indicator_level": None, "criterion": c["criterion"],
                         "below_level": c["below_level"], "max_score": float(c["max_score"]), "status": st,
                         "lowered": any(e["lowered"] for e in effects[c["id"]]), "effects": effects[c["id"]]})

    # ---------------- consistency (section 7) ----------------
    incons = []
    for rule in fw.get("consistency", []) or []:
        iv = ind_res[rule["indicator"]]["value"]
        crit = [c for c in bb_res[rule["building_block"]]["criteria"] if c["id"] == rule["criterion"]][0]
        cv = crit["value"]
        if iv is None or cv is None:
            continue
        sp = abs(iv - cv)
        if gt(sp, rule["max_spread"], "consistency"):
            incons.append({"rule": rule["id"], "indicator": rule["indicator"], "indicator_value": iv,
                           "building_block": rule["building_block"], "criterion": rule["criterion"],
                           "criterion_value": cv, "spread": sp, "max_spread": float(rule["max_spread"])})
            ind_res[rule["indicator"]]["inconsistent"] = True
            note("inconsistency")
            bb_res[rule["building_block"]]["inconsistent"] = True

    # ---------------- gaps (section 9) ----------------
    crit_factor = {"low": 1, "medium": 2, "high": 3}
    # dependents
    bb_dependents = {}
    for b in defs.bbs:
        n = 0
        for o in defs.bbs:
            deps = set(o.get("depends_on", []) or []) | {j["bb"] for j in (o.get("depends_on_judgement") or [])}
            if b["id"] in deps:
                n += 1
        # method.md section 9: services counted by distinct name (ALT bb_services_by_row: per row).
        if "bb_services_by_row" in ALT:
            n += len([sv for sv in services if b["id"] in sv["required"]])
        else:
            n += len({sv["name"] for sv in services if b["id"] in sv["required"]})
        bb_dependents[b["id"]] = n

    def share(w, siblings):
        return w / sum(siblings)

    app_pillars = [x for x in pillars_out if x["status"] != "not_applicable"]
    pil_w = [x["weight"] for x in app_pillars]
    gaps = []
    for p, pr in zip(fw["pillars"], pillars_out):
        if p["kind"] == "layer":
            app_dims = [x for x in pr["dimensions"] if x["status"] != "not_applicable"]
            for d, dr in zip(p["dimensions"], pr["dimensions"]):
                app_inds = [x for x in dr["indicators"] if x["status"] != "not_applicable"]
                for ir in dr["indicators"]:
                    if ir["gap"] is None or ir["gap"] < 1:
                        continue
                    wsh = share(pr["weight"], pil_w) * share(dr["weight"], [x["weight"] for x in app_dims]) * \
                        share(ir["weight"], [x["weight"] for x in app_inds])
                    names = set()
                    for sv in services:
                        if any(b in sv["required"] for b in ir["building_blocks"]):
                            names.add(sv["name"])
                    dep = len(ir["building_blocks"]) + len(names)
                    cr = ir["criticality"]
                    gaps.append({"kind": "indicator", "id": ir["id"], "pillar": p["id"], "level": ir["level"],
                                 "target": ir["target"], "gap": ir["gap"], "weight_share": wsh,
                                 "criticality": cr, "dependents": dep,
                                 "priority": ir["gap"] * wsh * 100 * crit_factor[cr] * (1 + dep / 10)})
        else:
            app_bbs = [x for x in pr["building_blocks"] if x["status"] != "not_applicable"]
            for br in pr["building_blocks"]:
                if br["gap"] is None or br["gap"] < 1:
                    continue
                wsh = share(pr["weight"], pil_w) * share(br["weight"], [x["weight"] for x in app_bbs])
                dep = bb_dependents[br["id"]]
                cr = "high" if br["foundational"] else "medium"
                gaps.append({"kind": "building_block", "id": br["id"], "pillar": p["id"], "level": br["level"],
                             "target": br["target"], "gap": br["gap"], "weight_share": wsh, "criticality": cr,
                             "dependents": dep,
                             "priority": br["gap"] * wsh * 100 * crit_factor[cr] * (1 + dep / 10)})
    gaps.sort(key=lambda g: (-r9(g["priority"]), g["id"]))
    for g1, g2 in zip(gaps, gaps[1:]):
        if r9(g1["priority"]) == r9(g2["priority"]):
            note("equal priorities")
            if g1["priority"] < g2["priority"]:
                note("rounding decided: priority order")
    for k, g in enumerate(gaps):
        g["rank"] = k + 1

    # ---------------- lists ----------------
    no_data, disputed, unverified, provisional = [], [], [], []
    for p, pr in zip(fw["pillars"], pillars_out):
        if p["kind"] == "layer":
            for dr in pr["dimensions"]:
                if dr["provisional"]:
                    provisional.append(dr["id"])
                for ir in dr["indicators"]:
                    if ir["status"] != "not_applicable" and ir["level"] is None:
                        no_data.append(ir["id"])
                    if ir["disputed"]:
                        disputed.append(ir["id"])
                    if ir["unverified"]:
                        unverified.append(ir["id"])
            if pr["provisional"]:
                provisional.append(pr["id"])
        else:
            if pr["provisional"]:
                provisional.append(pr["id"])
            for br in pr["building_blocks"]:
                if br["score"] is None:
                    no_data.append(br["id"])
                if br["provisional"]:
                    provisional.append(br["id"])
    if overall["provisional"]:
        provisional.append("overall")

    data = {
        # method.md section 10: the answers kept (ALT answers_rows_read: the answer rows read).
        "answers": sum(t["rows_read"] for t in tables if t["role"] == "answers")
        if "answers_rows_read" in ALT else len(answers),
        "respondents": len({x["respondent"].lower() for x in answers}),
        "systems": len(systems), "services": len(services),
        "indicators_answered": sum(1 for x in ind_res.values() if x["score"] is not None),
        "indicators_applicable": sum(1 for x in ind_res.values() if x["status"] != "not_applicable"),
        "tables": tables,
    }

    # strip helper keys from criteria
    for br in bb_res.values():
        for c in br["criteria"]:
            for k in ("status", "score", "coverage"):
                c.pop(k, None)

    return {
        "rules": {"consolidation": consolidation, "dispute_spread": dispute, "evidence_policy": policy,
                  "evidence_cap_level": cap_level, "bands": [float(x) for x in bands],
                  "min_coverage": float(min_cov), "decision_decimals": DECIMALS},
        "overall": overall, "pillars": pillars_out, "caps": caps_out, "gaps": gaps, "no_data": no_data,
        "disputed": disputed, "unverified": unverified, "provisional": provisional,
        "inconsistencies": incons, "data": data,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("--repo", default=REPO)
    ap.add_argument("--out")
    args = ap.parse_args()
    res = compute(args.workspace, args.repo)
    text = json.dumps(res, indent=1, default=lambda o: sorted(o) if isinstance(o, set) else str(o))
    if args.out:
        open(args.out, "w").write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
