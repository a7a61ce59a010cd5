#!/usr/bin/env python3
"""Write N random but valid assessment workspaces (seeded) into a folder.

Usage: random_workspace.py OUTDIR [--n 200] [--seed 1]

Workspace OUTDIR/ws-<seed> is generated from random.Random(seed) alone, so any single workspace can be
re-created with `random_workspace.py OUTDIR --n 1 --seed <seed>`. The layout copies
sample-data/kalindra-2024 (assessment.yaml, answers/*.csv in long form, systems.csv, services.csv).
"""
import argparse
import csv
import os
import random
import shutil

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))

FW = yaml.safe_load(open(os.path.join(REPO, "frameworks", "govstack-dpi", "framework.yaml")))
QN = {}
for qid in ("govstack-dpi-full", "govstack-dpi-rapid"):
    QN[qid] = yaml.safe_load(open(os.path.join(REPO, "questionnaires", qid + ".yaml")))["questions"]
INDICATORS = {i["id"]: i for p in FW["pillars"] for d in p.get("dimensions", []) or [] for i in d["indicators"]}
DIMENSIONS = [d["id"] for p in FW["pillars"] for d in p.get("dimensions", []) or []]
IND_DIM = {i["id"]: d["id"] for p in FW["pillars"] for d in p.get("dimensions", []) or [] for i in d["indicators"]}
PILLARS = [p["id"] for p in FW["pillars"]]
BBS = FW["building_blocks"]["catalogue"]
LEVEL_NAMES = [l["name"] for l in FW["scale"]["levels"]]

INSTITUTIONS = [
    "Digital Agency", "Ministry of Health", "Ministry of Finance", "National Identity Authority",
    "Ministry of Education", "Ministry of Agriculture", "Revenue Authority", "Ministry of Justice",
    "Road Transport Authority", "Central Bank", "Ministry of Social Protection", "Statistics Office",
]
def abbreviation(name):
    """Initials, with "of" kept small: "Ministry of Health" -> "MoH"."""
    return "".join("o" if w == "of" else w[0] for w in name.split())


# The other ways an institution is written, when a workspace lists its institutions
# (docs/inputs.md "Institutions"): its abbreviation and a hyphenated form.
INSTITUTION_ALIASES = {i: [abbreviation(i), i.lower().replace(" ", "-")] for i in INSTITUTIONS}
assert len({a for v in INSTITUTION_ALIASES.values() for a in v}) == 2 * len(INSTITUTIONS)

PEOPLE = ["Ana Lima", "Bo Chen", "Carla Diaz", "Dev Patel", "Eli Novak", "Fatou Sow", "Gus Berg", "Hana Ito"]

RECOGNISED = ["OpenID Connect", "OIDC", "OAuth 2.0", "OAuth2", "SAML 2.0", "ISO 20022", "HL7 FHIR R4", "FHIR",
              "ICAO 9303", "ISO/IEC 19794-5", "ISO/IEC 18013-5", "W3C Verifiable Credentials 2.0",
              "Verifiable Credentials Data Model 1.1", "ETSI EN 319 412", "XAdES", "X.509", "RFC 5280",
              "OCDS 1.1", "OGC WMS", "Web Map Service 1.3", "OGC WFS", "OGC API - Features", "BPMN 2.0", "BPMN",
              "X-Road", "X-Road message protocol 4.0", "ISO/IEC TS 27560", "Kantara Consent Receipt", "SDMX 2.1",
              "GovStack Identity BB 1.0", "GovStack Payments", "GovStack Information Mediator Building Block 1.1",
              "govstack  digital-registries", "GovStack Digital Registries BB", "GovStack E-Signature",
              "GovStack Content Management System 0.1", "GovStack Cloud Infrastructure BB",
              "OpenID Connect–1.0", "ISO 20022:2013", "ETSI EN 319 412-1", "SAML v2.0", "FHIR-R4",
              "GOVSTACK-IDENTITY-BUILDING-BLOCK", "x-road", "Ogc Api", "HL7\u00a0FHIR", "OIDC\u2122 1.0",
              "GovStack E\u2011Signature BB"]
UNRECOGNISED = ["OpenAPI 3", "ISO/IEC 27001", "WCAG 2.1", "JSON", "REST", "FHIRish", "OpenID", "OAuth",
                "ISO 200220", "X-Roads", "GovStack", "GovStack Identityx", "SDMXML", "ISO/IEC 19794x",
                "Open Contracting", "BPMN2.0", "HL7 v2",
                "X.509v3", "OAuth 2.0a", "OIDC/OAuth2", "HL7", "GovStack Identity-based", "Réseau X-Road",
                "ISO/IEC 19794x-5", "ETSI EN 3190", "X-Road\u00e9", "OGC WMS\u00b2", "\u00c9TSI EN 319"]
EXCHANGE = ["none", "files", "point_to_point", "data_exchange_layer", "Point-to-point", "point-to-point APIs",
            "national data-exchange layer", "information mediator", "Files", "", ""]
STATUS = ["planned", "pilot", "production", "legacy", "production", "production", "live", "in_production",
          "piloting", "decommissioning", "being_replaced", "Production"]


def bb_spelling(rnd, b):
    c = rnd.random()
    if c < 0.6:
        return b["id"]
    if c < 0.8:
        return b["name"] if rnd.random() < 0.5 else b["name"].upper()
    al = b.get("aliases") or []
    return rnd.choice(al) if al else b["id"]


def number_near(rnd, thresholds):
    t = rnd.choice(thresholds)
    c = rnd.random()
    if c < 0.25:
        v = t
    elif c < 0.35:
        v = t - 1e-10  # rounds to t at 9 decimals
    elif c < 0.42:
        v = t - 2e-9  # does not
    elif c < 0.45:
        return "%.10f" % (t - 5e-10)  # exactly half way at the 10th decimal: rounds up to t
    elif c < 0.5:
        v = t + 1e-10
    elif c < 0.75:
        v = t + rnd.choice([-1, -0.5, 0.5, 1, 0.25])
    else:
        v = rnd.uniform(0, max(thresholds) * 1.2)
        v = round(v, rnd.choice([0, 1, 2]))
    return max(v, 0.0)


def fmt_number(rnd, v, percent):
    if abs(v - round(v)) < 1e-12:
        s = str(int(round(v)))
        if int(round(v)) >= 1000 and rnd.random() < 0.5:
            n = int(round(v))
            s = "{:,}".format(n) if rnd.random() < 0.5 else "{:,}".format(n).replace(",", " ")
    else:
        s = repr(v) if abs(v - round(v, 6)) > 1e-12 else ("%.6f" % v).rstrip("0").rstrip(".")
        if rnd.random() < 0.15 and "e" not in s and s.count(".") == 1 and len(s.split(".")[1]) != 3:
            s = s.replace(".", ",")  # decimal comma
    if percent and rnd.random() < 0.4:
        s = s + ("%" if rnd.random() < 0.5 else " %")
    return s


def gen_answer(rnd, q):
    c = rnd.random()
    if c < 0.06:
        return rnd.choice(["na", "N/A", "n.a.", "Not applicable"])
    if c < 0.13:
        return rnd.choice(["unknown", "Don't know", "dk", "?"])
    t = q["type"]
    if t == "level":
        lv = rnd.randint(0, 4)
        c = rnd.random()
        if c < 0.6:
            return str(lv)
        if c < 0.75:
            return "%d %s" % (lv, LEVEL_NAMES[lv])
        if c < 0.9:
            return LEVEL_NAMES[lv]
        return str(INDICATORS[q["indicator"]]["levels"][lv]).strip()
    if t in ("yes_no", "choice"):
        o = rnd.choice(q["options"])
        c = rnd.random()
        if t == "yes_no" and c < 0.3:
            yes = o["code"] == "yes"
            return rnd.choice(["y", "true", "Y"] if yes else ["n", "false", "N"])
        if c < 0.6:
            return str(o["code"])
        if c < 0.85:
            return o["label"]
        if [x["level"] for x in q["options"]].count(o["level"]) == 1:
            return str(o["level"])
        return str(o["code"])
    if t == "multi":
        if rnd.random() < 0.1:
            return "none"
        k = rnd.randint(1, len(q["options"]))
        codes = [o["code"] for o in rnd.sample(q["options"], k)]
        return rnd.choice([" ", ";", ", ", "; "]).join(codes)
    if t in ("number", "percent"):
        v = number_near(rnd, q["thresholds"])
        if isinstance(v, str):
            return v
        if t == "percent":
            v = min(v, 100.0)
        return fmt_number(rnd, v, t == "percent")
    raise ValueError(t)


def write_csv(path, header, rows, rnd=None, extras=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if extras and rnd.random() < 0.15:
            w.writerow(["Answers collected in the assessment workshop"])
            w.writerow([])
        w.writerow(header)
        for r in rows:
            w.writerow(r)
            if extras and rnd.random() < 0.02:
                w.writerow([""] * len(header))


EVIDENCE_TYPES = ["law", "regulation", "strategy", "official_statistic", "audit_evaluation", "system_record",
                  "meeting_record", "statement", "Official statistic", "system-record"]
EVIDENCE_DATES = ["", "2022-02-28", "2022-03-01", "2022-02", "2022-03", "2022", "2021", "2023-02-28", "2023-03-01",
                  "2023-02", "2023", "2024-05-17", "2019-06-30", "2020-02-29", "2024"]


def gen_workspace(seed, out):
    rnd = random.Random(seed)
    # Some workspaces list their institutions and write them by aliases at times. A second stream
    # decides it, so that the other draws of a seed stay what they were.
    arnd = random.Random("institutions-%d" % seed)
    listed = arnd.random() < 0.35

    def spell(name):
        """An institution as this workspace writes it: an alias at times when it keeps a list."""
        if not listed or not name.strip() or arnd.random() < 0.6:
            return name
        canonical = next(i for i in INSTITUTIONS if i.lower() == name.strip().lower())
        return arnd.choice(INSTITUTION_ALIASES[canonical])

    ws = os.path.join(out, "ws-%d" % seed)
    if os.path.exists(ws):
        shutil.rmtree(ws)
    os.makedirs(ws)
    mode = rnd.random()
    inventory_only = mode < 0.05
    nearly_empty = 0.05 <= mode < 0.10
    qsets = rnd.choice([["govstack-dpi-full"]] * 5 + [["govstack-dpi-rapid"]] +
                       [["govstack-dpi-full", "govstack-dpi-rapid"]] * 3)
    questions = [q for qs in qsets for q in QN[qs]]

    # ---------------- the evidence register ----------------
    # Some workspaces keep a register (docs/validation.md section 1): random types, dates around the
    # ages that put a document out of date at the assessment date (2025-03-01), ids cited in any case.
    register = []
    if rnd.random() < 0.45:
        for k in range(rnd.randint(1, 10)):
            register.append(["EV-%02d" % k if rnd.random() < 0.8 else "doc.%d/x_%d" % (k, k),
                             "Document %d" % k, rnd.choice(EVIDENCE_TYPES), rnd.choice(EVIDENCE_DATES)])

    def cite():
        """An evidence cell: free text, or register ids (in any case), alone, by twos or with text."""
        text = rnd.choice(["Annual report 2024", "https://gov.example/doc", "Decree 12/2023", "Smith, J. (2020)"])
        if not register or rnd.random() < 0.2:
            return text
        ids = [r[0] if rnd.random() < 0.7 else r[0].lower() for r in rnd.sample(register, min(2, len(register)))]
        return rnd.choice([ids[0], ", ".join(ids), "; ".join(ids), ids[0] + "; " + text, ids[0] + "\n" + text,
                           ids[0] + ", " + text, " " + ids[-1] + " "])

    answer_files = []
    pending = {}
    if not inventory_only:
        nresp = rnd.randint(1, 4)
        people = rnd.sample(PEOPLE, nresp)
        insts = rnd.sample(INSTITUTIONS, nresp)
        p_answer = rnd.choice([0.2, 0.5, 0.8, 0.95])
        p_evidence = rnd.choice([0.0, 0.3, 0.7, 1.0])
        if nearly_empty:
            p_answer = 0.02
        # dimensions (sometimes a whole pillar) that every respondent says do not apply
        na_dims = set()
        if rnd.random() < 0.25:
            na_dims = set(rnd.sample(DIMENSIONS, rnd.randint(1, 3)))
            if rnd.random() < 0.3:
                p = rnd.choice([p for p in FW["pillars"] if p.get("dimensions")])
                na_dims |= {d["id"] for d in p["dimensions"]}
        for k in range(nresp):
            rows = []
            # a respondent name typed in another case sometimes, or left empty (then the institution names it)
            name = people[k]
            for q in questions:
                in_na = IND_DIM[q["indicator"]] in na_dims
                if not (in_na and k == 0) and rnd.random() >= p_answer:
                    continue
                ans = gen_answer(rnd, q) if not in_na else rnd.choice(["na", "N/A", "n.a.", "Not applicable"])
                ev = cite() if rnd.random() < p_evidence else ""
                qid = q["id"] if rnd.random() < 0.9 else q["id"].upper()
                resp = name
                if rnd.random() < 0.1:
                    resp = name.upper() if rnd.random() < 0.5 else name.lower()
                rows.append([qid, ans, resp, insts[k], ev, ""])
                if rnd.random() < 0.03:
                    # the same answer again (a warning, the repeat is ignored), sometimes with other evidence
                    ev2 = ev if rnd.random() < 0.5 else ("" if ev else "Minutes of the 2024 workshop")
                    rows.append([qid, ans, resp, insts[k], ev2, "repeated"])
                if rnd.random() < 0.02:
                    rows.append([qid, "", resp, insts[k], "", "left empty"])
            c = rnd.random()
            if c < 0.1:
                # respondent column empty: the institution names the respondent
                rows = [[r[0], r[1], "", r[3], r[4], r[5]] for r in rows]
            elif c < 0.13:
                # neither respondent nor institution: the file names the respondent
                rows = [[r[0], r[1], "", "", r[4], r[5]] for r in rows]
            if answer_files and rnd.random() < 0.2:
                # a second respondent in the same file
                fn = answer_files[-1]
                pending[fn].extend(rows)
            else:
                fn = "answers/resp-%d.csv" % k
                answer_files.append(fn)
                pending[fn] = rows
        for fn in answer_files:
            rows = pending[fn]
            rnd.shuffle(rows)
            rows = [r[:3] + [spell(r[3])] + r[4:] for r in rows]
            write_csv(os.path.join(ws, fn), ["question_id", "answer", "respondent", "institution", "evidence",
                                             "comment"], rows, rnd, extras=True)

    # ---------------- systems ----------------
    systems = []
    nsys = 0 if nearly_empty and rnd.random() < 0.5 else rnd.randint(0, 30)
    owners = rnd.sample(INSTITUTIONS, rnd.randint(2, len(INSTITUTIONS)))
    names_used = set()
    for k in range(nsys):
        name = "System %d %s" % (k, rnd.choice(["Alpha", "beta", "Gamma", "delta", "Epsilon"]))
        if rnd.random() < 0.2:
            # names that differ only in case or sort differently with and without case
            name = rnd.choice(["registry", "Registry", "REGISTRY", "alpha hub", "Beta hub", "beta Hub", "Zeta",
                               "aïda", "État platform", "Etat platform"])
        if rnd.random() < 0.1 and systems:
            name = systems[-1][0]  # same name, other owner
        owner = rnd.choice(owners)
        if rnd.random() < 0.1:
            owner = owner.upper() if rnd.random() < 0.5 else owner.lower()
        if (name.lower(), owner.lower()) in names_used:
            continue
        names_used.add((name.lower(), owner.lower()))
        bbs = rnd.sample(BBS, rnd.choice([1, 1, 1, 2, 3]))
        if rnd.random() < 0.3:
            pick = rnd.choice(["information-mediator", "identity", "cloud-infrastructure"])
            bbs = [b for b in BBS if b["id"] == pick] + [b for b in bbs[1:] if b["id"] != pick]
        bb_cell = rnd.choice([";", "; ", ", ", "|"]).join(bb_spelling(rnd, b) for b in bbs)
        status = rnd.choice(STATUS)
        cov = rnd.choice(["", "85%", "85", "0.85", "0.6", "60%", "60", "59.9%", "0.5999999999", "1", "100%",
                          "40%", "0.3", "12", "61%", "59.99999999995%", "0.5999999995",
                          "0.5999999994", "59.9999999%"])
        ex = rnd.choice(EXCHANGE)
        stds = []
        for _ in range(rnd.choice([0, 0, 1, 1, 2, 3])):
            stds.append(rnd.choice(RECOGNISED if rnd.random() < 0.5 else UNRECOGNISED))
        users = rnd.sample(INSTITUTIONS, rnd.choice([0, 0, 1, 1, 2, 3, 4, 6]))
        users = [u if rnd.random() < 0.85 else "  " + u.upper() + " " for u in users]
        c = rnd.random()
        if c < 0.35:
            plat = "yes"
        elif c < 0.55:
            plat = "no"
        elif c < 0.75:
            plat = ""
        else:
            plat = "; ".join(bb_spelling(rnd, b) for b in rnd.sample(bbs, rnd.randint(1, len(bbs))))
        systems.append([name, spell(owner), bb_cell, status, cov, ex, ";".join(stds), "", "",
                        ";".join(spell(u) for u in users), plat])

    # ---------------- services ----------------
    services = []
    for k in range(rnd.randint(0, 12)):
        req = rnd.sample(BBS, rnd.randint(1, 5))
        name = "Service %d" % k
        if rnd.random() < 0.05 and services:
            name = services[-1][0]  # a second row under a name already used
        sowner = rnd.choice(INSTITUTIONS)
        if (name, sowner) in {(x[0], x[2]) for x in services}:
            name = "Service %d" % k
        services.append([name, rnd.choice(["identity", "payment", "data"]), spell(sowner),
                         str(rnd.randint(100, 2000000)), str(rnd.randint(10, 500000)),
                         rnd.choice(["offline", "informational", "interactive", "transactional", "end_to_end"]),
                         ";".join(bb_spelling(rnd, b) for b in req)])

    inputs = {"answers": answer_files}
    write_csv(os.path.join(ws, "systems.csv"),
              ["name", "owner", "building_blocks", "status", "coverage", "exchange", "standards", "hosting",
               "open_source", "used_by", "platform"], systems)
    if systems or rnd.random() < 0.7:
        inputs["systems"] = "systems.csv"
    write_csv(os.path.join(ws, "services.csv"),
              ["name", "category", "owner", "yearly_transactions", "users", "digital_level", "required_bbs"],
              services)
    if services or rnd.random() < 0.7:
        inputs["services"] = "services.csv"
    if register:
        write_csv(os.path.join(ws, "evidence.csv"), ["id", "title", "type", "date"], register)
        inputs["evidence"] = "evidence.csv"

    # ---------------- the workshop's decisions (method section 4a) ----------------
    # Some workspaces record a validation workshop: agreed levels (on indicators answered or not,
    # citing register ids, text or nothing) and `contested`, plus a row left undecided. Its own
    # random stream, so that the rest of the workspace is as it was without it.
    wrnd = random.Random(seed * 7919 + 1)
    if wrnd.random() < 0.35:
        decisions = []
        for iid in wrnd.sample(sorted(INDICATORS), wrnd.randint(1, 6)):
            agreed = wrnd.choice(["0", "1", "2", "3", "4", "3", "4", "contested", ""])
            if register and wrnd.random() < 0.5:
                evidence = wrnd.choice(register)[0]
            else:
                evidence = wrnd.choice(["", "", "minutes of the validation workshop"])
            decisions.append([iid.upper() if wrnd.random() < 0.2 else iid, agreed,
                              "agreed after review" if agreed not in ("", "contested") else "",
                              evidence, "workshop", "2025-03-20"])
        write_csv(os.path.join(ws, "adjudications.csv"),
                  ["indicator", "agreed_level", "rationale", "evidence", "agreed_by", "agreed_on"], decisions)
        inputs["adjudications"] = "adjudications.csv"

    a = {
        "country": "Randomland %d" % seed, "iso3": "XRA", "assessment_date": "2025-03-01",
        "title": "Random assessment %d" % seed, "framework": "govstack-dpi", "questionnaires": qsets,
        "inputs": inputs,
    }
    c = rnd.random()
    if c < 0.4:
        ids = list(INDICATORS) + DIMENSIONS + PILLARS + [b["id"] for b in BBS]
        a["weights"] = {i: rnd.choice([1.1, 2.2, 3.3, 0.1, 0.2, 0.3, 0.7, 1.5, 2, 3])
                        for i in rnd.sample(ids, rnd.randint(1, 25))}
    elif c < 0.7:
        # one decimal weight for whole groups of siblings: exact decimal means (62.5 = mean of 50 and 75)
        # that binary floating point computes as 62.49999999999999
        w = {}
        for p in FW["pillars"]:
            for d in p.get("dimensions", []) or []:
                if rnd.random() < 0.5:
                    x = rnd.choice([0.1, 0.3, 0.7, 1.1, 2.2, 3.3])
                    for i in d["indicators"]:
                        w[i["id"]] = x
            if p.get("dimensions") and rnd.random() < 0.4:
                x = rnd.choice([0.1, 0.3, 0.7, 1.1, 2.2, 3.3])
                for d in p["dimensions"]:
                    w[d["id"]] = x
        if rnd.random() < 0.4:
            x = rnd.choice([0.1, 0.3, 0.7, 1.1, 2.2, 3.3])
            for b in BBS:
                w[b["id"]] = x
        if rnd.random() < 0.4:
            x = rnd.choice([0.1, 0.3, 0.7, 1.1, 2.2, 3.3])
            for p in PILLARS:
                w[p] = x
        if w:
            a["weights"] = w
    if rnd.random() < 0.4:
        ids = list(INDICATORS) + [b["id"] for b in BBS]
        a["targets"] = {i: rnd.randint(0, 4) for i in rnd.sample(ids, rnd.randint(1, 12))}
    if rnd.random() < 0.35:
        a["evidence_policy"] = "cap"
    if rnd.random() < 0.7:
        # roles held by institutions that may have answered, written in another case or padded at
        # times: the authoritative consolidation compares them trimmed and without case
        roles = {}
        for role in rnd.sample([r["id"] for r in FW.get("roles", [])], rnd.randint(1, 8)):
            inst = rnd.choice(INSTITUTIONS)
            if rnd.random() < 0.2:
                inst = " " + inst.upper() + " "
            roles[role] = spell(inst)
        a["roles"] = roles
    if listed:
        # The list, with a role for some institutions that assessment.yaml leaves unassigned
        # (assigned to one institution, or to two, which then names neither).
        free = [r["id"] for r in FW.get("roles", []) if r["id"] not in a.get("roles", {})]
        given = {i: [] for i in INSTITUTIONS}
        for role in arnd.sample(free, min(len(free), 4)):
            for inst in arnd.sample(INSTITUTIONS, arnd.choice([1, 1, 2])):
                given[inst].append(role)
        write_csv(os.path.join(ws, "institutions.csv"), ["id", "name", "aliases", "kind", "roles"],
                  [["inst-%d" % k, i, ";".join(INSTITUTION_ALIASES[i]), "", ";".join(given[i])]
                   for k, i in enumerate(INSTITUTIONS)])
        a.setdefault("inputs", {})["institutions"] = "institutions.csv"
    if rnd.random() < 0.15:
        a["consolidation"] = rnd.choice(["median", "minimum", "mean", "authoritative"])
    if rnd.random() < 0.25:
        a["inventory"] = "partial"
    with open(os.path.join(ws, "assessment.yaml"), "w") as fh:
        fh.write("# random workspace, seed %d (tools/method-check/random_workspace.py)\n" % seed)
        yaml.safe_dump(a, fh, sort_keys=False, allow_unicode=True)
    return ws


def write_simple(ws, answers, weights=None, questionnaires=("govstack-dpi-full",), extra=None, systems=None):
    """A hand-made workspace: answers are (question_id, answer, respondent, evidence) rows in one file."""
    if os.path.exists(ws):
        shutil.rmtree(ws)
    os.makedirs(ws)
    write_csv(os.path.join(ws, "answers/answers.csv"),
              ["question_id", "answer", "respondent", "institution", "evidence", "comment"],
              [[q, a, r, "Ministry of " + r, e, ""] for q, a, r, e in answers])
    write_csv(os.path.join(ws, "systems.csv"),
              ["name", "owner", "building_blocks", "status", "coverage", "exchange", "standards", "hosting",
               "open_source", "used_by", "platform"], systems or [])
    write_csv(os.path.join(ws, "services.csv"),
              ["name", "category", "owner", "yearly_transactions", "users", "digital_level", "required_bbs"], [])
    a = {"country": "Edgeland", "iso3": "XED", "assessment_date": "2025-03-01", "title": os.path.basename(ws),
         "framework": "govstack-dpi", "questionnaires": list(questionnaires),
         "inputs": {"answers": ["answers/answers.csv"], "systems": "systems.csv", "services": "services.csv"}}
    if weights:
        a["weights"] = weights
    a.update(extra or {})
    with open(os.path.join(ws, "assessment.yaml"), "w") as fh:
        fh.write("# hand-made edge case (tools/method-check/random_workspace.py --crafted)\n")
        yaml.safe_dump(a, fh, sort_keys=False)


def crafted(out):
    """Hand-made workspaces for decisions that random data reaches rarely (section 1 of method.md)."""
    made = []
    # Coverage exactly 0.5 in decimal that binary floating point computes as 0.4999999999999999.
    ws = os.path.join(out, "edge-coverage-floor")
    write_simple(ws, [("inf.07", "50", "Ana", "Survey 2024"), ("inf.01", "5", "Ana", "")],
                 weights={"inf-data-affordability": 0.1, "inf-device-access": 0.2, "inf-internet-use": 0.3})
    made.append(ws)
    # method.md's own example: a weighted mean that is 62.5 in decimal and 62.49999999999999 in binary.
    ws = os.path.join(out, "edge-mean-62.5")
    write_simple(ws, [("inf.15", "75", "Ana", "Census"), ("inf.16", "3", "Ana", "Grid report")],
                 weights={"inf-electricity-access": 1.1, "inf-power-reliability": 1.1})
    made.append(ws)
    # A spread of exactly 2 computed as 1.9999999999999998 (11/3 - 5/3).
    ws = os.path.join(out, "edge-dispute-thirds")
    write_simple(ws, [("gov.01", "4", "Ana", "Decree"), ("gov.02", "regular_tracked_public", "Ana", ""),
                      ("rapid.11", "3", "Ana", ""), ("gov.01", "2", "Bo", ""), ("gov.02", "met_no_record", "Bo", ""),
                      ("rapid.11", "1", "Bo", "")],
                 questionnaires=("govstack-dpi-full", "govstack-dpi-rapid"))
    made.append(ws)
    # A typed value exactly half way at the 10th decimal whose nearest double lies below it.
    ws = os.path.join(out, "edge-half-decimal")
    write_simple(ws, [("inf.15", "49.9999999995", "Ana", "Census"), ("inf.02", "84.9999999995", "Ana", ""),
                      ("inf.04", "49.9999999995", "Ana", ""), ("inf.01", "1.9999999995", "Ana", "")])
    made.append(ws)
    # One respondent gives the same answer twice, once with evidence: which row is kept decides
    # `unverified` and, under `evidence_policy: cap`, the score (section 13: row order must not matter).
    ws = os.path.join(out, "edge-repeat-evidence")
    write_simple(ws, [("law.10", "3", "Ana", ""), ("law.10", "3", "Ana", "Access to Information Act 2019"),
                      ("law.08", "4", "Ana", "Data Protection Act"), ("law.08", "4 Advanced", "Ana", "")],
                 extra={"evidence_policy": "cap"})
    made.append(ws)
    return made


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crafted", action="store_true", help="also write the hand-made edge-* workspaces")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    if args.crafted:
        for ws in crafted(args.outdir):
            print(ws)
    for s in range(args.seed, args.seed + args.n):
        print(gen_workspace(s, args.outdir))


if __name__ == "__main__":
    main()
