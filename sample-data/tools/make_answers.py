#!/usr/bin/env python3
"""Generate the long-form answer files of the fictional sample workspaces.

How to run (from the repository root, python3 with PyYAML; no other dependency):

    python3 sample-data/tools/make_answers.py                    # every workspace in profiles.yaml
    python3 sample-data/tools/make_answers.py kalindra-2024      # one or more named workspaces
    python3 sample-data/tools/make_answers.py --explain nuvaria  # also print indicator -> target level
    python3 sample-data/tools/make_answers.py --questionnaire path/to/other.yaml estmar

then rebuild the Kalindra workbooks, which copy the kalindra-2024 csv files:

    python3 sample-data/tools/make_workbooks.py

What it does. For each workspace it reads the questionnaire (default
`questionnaires/govstack-dpi-full.yaml`) and the workspace's profile in `profiles.yaml` next to this
script. The profile gives a target level per indicator (a base level per layer prefix `inf`, `law`,
`gov`, `ppl`, then regex rules on the indicator id, first match wins) and the respondents. For each
question and respondent it derives a level, adds a little noise, turns the level into an answer of the
question's type (level digit, option code, selected codes, or a number between the thresholds), and
decides on evidence, skips, `unknown`, `na` and comments. Profile rules force the interesting cases:
`disputes` (one respondent 2+ levels away from the others), `unverified` (high answers with no evidence),
`na`, `unknown`, `skipped` (one respondent leaves a question out) and `missing` (nobody answers).

Every random draw comes from `random.Random` seeded with a string built from the profile's seed, the
respondent and the question id, so the output is identical on every run and a change to one indicator's
level does not reshuffle the others. kalindra-2024 and kalindra-2026 share a seed on purpose: what did
not change between the two years is answered the same way.

Output: `<workspace>/answers/<respondent-slug>.csv` with the columns
question_id,answer,respondent,institution,evidence,comment (UTF-8, header on line 1, rows in
questionnaire order, skipped questions have no row).
"""

import argparse
import copy
import csv
import itertools
import os
import random
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_DATA = os.path.dirname(HERE)
REPO = os.path.dirname(SAMPLE_DATA)
DEFAULT_QUESTIONNAIRE = os.path.join(REPO, "questionnaires", "govstack-dpi-full.yaml")
PROFILES = os.path.join(HERE, "profiles.yaml")
COLUMNS = ["question_id", "answer", "respondent", "institution", "evidence", "comment"]
# The evidence register (docs/validation.md §1), written when a profile has a `register`.
REGISTER_COLUMNS = ["id", "title", "type", "issuer", "date", "url", "file", "checked_by", "checked_on"]


# ---------------------------------------------------------------------------------------------------
# profiles
# ---------------------------------------------------------------------------------------------------

LIST_KEYS = ("levels", "disputes", "unverified", "na", "unknown", "missing", "skipped", "comments", "evidence",
             "generic_evidence", "generic_comments")


def load_profiles(path):
    with open(path, encoding="utf-8") as f:
        raw = yaml.safe_load(f)
    resolved = {}

    def resolve(name, seen=()):
        if name in resolved:
            return resolved[name]
        if name in seen:
            sys.exit(f"profiles.yaml: `extends` cycle through {name}")
        prof = copy.deepcopy(raw[name])
        parent_name = prof.pop("extends", None)
        if parent_name:
            parent = copy.deepcopy(resolve(parent_name, seen + (name,)))
            # an evidence register belongs to one assessment: a child lists its own or has none
            parent.pop("register", None)
            for key, value in prof.items():
                if key in LIST_KEYS:
                    # the child's rules come first, so they win over the parent's
                    parent[key] = list(value) + list(parent.get(key, []))
                elif key == "base":
                    parent["base"] = {**parent.get("base", {}), **value}
                elif key == "respondents":
                    by_slug = {r["slug"]: r for r in parent.get("respondents", [])}
                    for r in value:
                        by_slug[r["slug"]] = {**by_slug.get(r["slug"], {}), **r}
                    parent["respondents"] = list(by_slug.values())
                else:
                    parent[key] = value
            prof = parent
        resolved[name] = prof
        return prof

    for name in raw:
        resolve(name)
    return resolved


def first_match(rules, key, width):
    """The first rule whose pattern (regex) matches `key`; rules are lists [pattern, ...]."""
    for rule in rules or []:
        if re.search(rule[0], key):
            return rule[1:width]
    return None


def matches_any(rules, key, slug=None):
    for rule in rules or []:
        if isinstance(rule, str):
            if re.search(rule, key):
                return True
        elif re.search(rule[0], key) and (len(rule) < 2 or rule[1] in (slug, "*")):
            return True
    return False


# ---------------------------------------------------------------------------------------------------
# level -> answer value
# ---------------------------------------------------------------------------------------------------

def level_of_number(value, thresholds, lower_is_better):
    if lower_is_better:
        return sum(1 for t in thresholds if value <= t)
    return sum(1 for t in thresholds if value >= t)


def number_for_level(q, level, u):
    """A value whose level under the question's thresholds is `level` (or the nearest reachable)."""
    t = [float(x) for x in q["thresholds"]]
    lib = bool(q.get("lower_is_better"))
    is_percent = q["type"] == "percent"
    integers = all(float(x).is_integer() for x in t)
    if not lib:
        step = max(t[3] - t[2], t[1] - t[0], 1.0)
        edges = [max(0.0, t[0] - 2 * step) if t[0] > 0 else t[0] - step] + t + [t[3] + step]
        lo, hi = edges[level], edges[level + 1]
    else:
        step = max(t[0] - t[1], t[2] - t[3], 0.1)
        edges = [t[0] + 2 * step] + t + [max(0.0, t[3] - step)]
        hi, lo = edges[level], edges[level + 1]
    if is_percent:
        lo, hi = max(lo, 0.0), min(hi, 100.0)
    # stay off the boundaries: pick inside the middle 70 % of the interval
    candidate = lo + (0.15 + 0.7 * u) * (hi - lo)
    for decimals in ((0, 1, 2) if integers or (hi - lo) >= 5 else (1, 2, 3)):
        v = round(candidate, decimals)
        if level_of_number(v, t, lib) == level and (not is_percent or 0 <= v <= 100):
            return int(v) if decimals == 0 else v
    return candidate


def multi_for_level(q, level, rng):
    """Selected option codes whose points total maps to `level` by the thresholds."""
    opts = [(o["code"], float(o.get("points", 1) if o.get("points") is not None else 1))
            for o in q.get("options", [])]
    t = [float(x) for x in q["thresholds"]]
    if len(opts) <= 14:
        subsets = [c for n in range(len(opts) + 1) for c in itertools.combinations(opts, n)]
    else:  # too many to enumerate: random samples are enough
        subsets = [tuple(rng.sample(opts, rng.randint(0, len(opts)))) for _ in range(4000)] + [()]
    by_level = {}
    for s in subsets:
        total = sum(p for _, p in s)
        lv = sum(1 for x in t if total >= x)
        # an empty selection reads as "no answer", so only keep it when an explicit zero option exists
        if s:
            by_level.setdefault(lv, []).append(s)
    reachable = sorted(by_level, key=lambda lv: (abs(lv - level), lv))
    if not reachable:
        return None
    chosen_level = reachable[0]
    pool = by_level[chosen_level]
    # prefer small selections of the options listed first (questionnaires list the common ones first),
    # with some variety between respondents
    order = [c for c, _ in opts]
    smallest = min(len(s) for s in pool)
    pool = [s for s in pool if len(s) <= smallest + 1]
    scored = sorted(pool, key=lambda s: (len(s), [order.index(c) for c, _ in s]))
    pick = min(scored, key=lambda s: sum(order.index(c) for c, _ in s) + rng.random() * len(order))
    return " ".join(sorted((c for c, _ in pick), key=order.index))


def option_for_level(q, level, base, u):
    """The option nearest to `level`; a tie goes to the option nearer the profile's target `base`,
    then to a coin toss (a yes/no pair worth 3 and 1 is equally near a level of 2)."""
    opts = [o for o in q.get("options", []) if o.get("level") is not None]
    if not opts:
        return None
    best = min(opts, key=lambda o: (abs(int(o["level"]) - level), abs(int(o["level"]) - base),
                                    int(o["level"]) if u < 0.5 else -int(o["level"])))
    return str(best["code"])


def answer_value(q, level, base, rng, u_value, u_format):
    kind = q["type"]
    if kind == "level":
        return str(level)
    if kind in ("yes_no", "choice"):
        return option_for_level(q, level, base, u_value)
    if kind == "multi":
        return multi_for_level(q, level, rng)
    if kind in ("number", "percent"):
        v = number_for_level(q, level, u_value)
        text = f"{v}"
        if kind == "percent" and u_format < 0.5:
            text += "%"
        return text
    raise ValueError(f"unknown question type {kind!r} in {q['id']}")


def value_level(q, value):
    """The level an answer value gives (used to check the generated data)."""
    kind = q["type"]
    if kind == "level":
        return int(value)
    if kind in ("yes_no", "choice"):
        return next(int(o["level"]) for o in q["options"] if str(o["code"]) == value)
    if kind == "multi":
        points = {str(o["code"]): float(o.get("points") if o.get("points") is not None else 1)
                  for o in q["options"]}
        total = sum(points[c] for c in value.split())
        return sum(1 for x in q["thresholds"] if total >= float(x))
    v = float(value.rstrip("%"))
    return level_of_number(v, [float(x) for x in q["thresholds"]], bool(q.get("lower_is_better")))


# ---------------------------------------------------------------------------------------------------
# generation
# ---------------------------------------------------------------------------------------------------

def target_level(prof, q):
    ind = q.get("indicator") or ""
    hit = first_match(prof.get("levels"), q["id"] + " " + ind, 3)
    if hit is not None:
        return int(hit[0]), len(hit) > 1 and hit[1] == "exact"
    prefix = ind.split("-")[0] if ind else q["id"].split(".")[0]
    return int(prof.get("base", {}).get(prefix, 1)), False


def clamp(x):
    return max(0, min(4, x))


def generate(name, prof, questions, explain=False):
    seed = str(prof["seed"])
    respondents = prof["respondents"]
    rows = {r["slug"]: [] for r in respondents}
    noise = float(prof.get("noise", 0.25))
    skip_p = float(prof.get("skip_rate", 0.06))
    unknown_p = float(prof.get("unknown_rate", 0.04))
    ev_high = float(prof.get("evidence_high", 0.85))
    ev_low = float(prof.get("evidence_low", 0.3))
    comment_p = float(prof.get("comment_rate", 0.06))
    generic_evidence = prof.get("generic_evidence") or ["Internal briefing note"]
    generic_comments = prof.get("generic_comments") or []
    # with a register, evidence a register entry `cites` is written as the entry's id
    register = prof.get("register") or []
    cited_as = {text: entry["id"] for entry in register for text in entry.get("cites", [])}

    for q in questions:
        qid = q["id"]
        key = qid + " " + (q.get("indicator") or "")
        base, exact = target_level(prof, q)
        q_rng = random.Random(f"{seed}|question|{qid}")
        direction = q_rng.choice((-1, 1))
        if base == 0:
            direction = 1
        elif base == 4:
            direction = -1
        nobody = matches_any(prof.get("missing"), key)
        per_q = []
        for r in respondents:
            slug = r["slug"]
            rng = random.Random(f"{seed}|{slug}|{qid}")
            u_skip, u_unknown, u_noise, u_ev, u_ev_pick, u_value, u_format, u_comment = (
                rng.random() for _ in range(8))
            prefix = qid.split(".")[0]
            p_skip = skip_p + float((r.get("skip_prefixes") or {}).get(prefix, 0.0))
            record = {"respondent": r["name"], "institution": r["institution"], "slug": slug}
            if nobody:
                continue
            dispute = None
            for rule in prof.get("disputes") or []:
                if re.search(rule[0], key) and rule[1] == slug:
                    dispute = int(rule[2])
                    break
            if matches_any(prof.get("na"), key, slug):
                record.update(answer="na", level=None)
            elif matches_any(prof.get("unknown"), key, slug):
                record.update(answer="unknown", level=None)
            elif dispute is None and (u_skip < p_skip or matches_any(prof.get("skipped"), key, slug)):
                record.update(answer=None, level=None, skipped=True)
            elif dispute is None and u_unknown < unknown_p + float(r.get("unknown_extra", 0.0)):
                record.update(answer="unknown", level=None)
            else:
                p_shift = 0.0 if exact else noise + (float(r.get("optimism", 0.0)) if direction > 0 else 0.0)
                level = clamp(base + (direction if u_noise < p_shift else 0))
                if dispute is not None:
                    level = clamp(base + dispute)
                    if abs(level - base) < 2:
                        level = clamp(base - (2 if dispute > 0 else -2))
                record.update(level=level, u_value=u_value, u_format=u_format)
            record.update(u_ev=u_ev, u_ev_pick=u_ev_pick, u_comment=u_comment, rng=rng)
            per_q.append(record)

        # a question nobody answers is only allowed when the profile says so; keep at least two answers
        needed = min(2, len(per_q)) - len([x for x in per_q if x.get("level") is not None])
        for x in per_q:
            if needed <= 0 or nobody:
                break
            if x.get("skipped"):
                x.update(answer=None, skipped=False, level=base, u_value=x["u_ev"], u_format=x["u_comment"])
                needed -= 1

        unverified = matches_any(prof.get("unverified"), key)
        for x in per_q:
            if x.get("skipped"):
                continue
            slug = x["slug"]
            level = x.get("level")
            if level is not None:
                value = answer_value(q, level, base, x["rng"], x["u_value"], x["u_format"])
                if value is None:  # e.g. level 0 on a multi question without a zero option
                    continue
                x["answer"] = value
            evidence = ""
            if level is not None and not unverified:
                # high answers usually cite a document; low ones rarely do, and then only a generic one
                p = ev_high if level >= 3 else ev_low if level == 2 else ev_low / 3
                if x["u_ev"] < p:
                    hit = first_match(prof.get("evidence"), key, 2) if level >= 2 else None
                    choices = hit[0] if hit is not None else generic_evidence
                    if isinstance(choices, str):
                        choices = [choices]
                    evidence = choices[int(x["u_ev_pick"] * len(choices))]
                    evidence = cited_as.get(evidence, evidence)
            comment = ""
            hit = None
            for rule in prof.get("comments") or []:
                if level is None:  # the scripted comments explain a level, not a skip
                    break
                if re.search(rule[0], key) and rule[1] in (slug, "*"):
                    hit = rule[2]
                    break
            if hit:
                comment = hit
            elif x["answer"] == "unknown" and x["u_comment"] < 0.5:
                comment = "Outside our remit; the figure should come from the lead institution."
            elif x["u_comment"] < comment_p:
                # generic comments are plain text (any question) or [regex, text] (matching questions only)
                fitting = [c for c in generic_comments if isinstance(c, str) or re.search(c[0], key)]
                if fitting:
                    pick = fitting[int(x["u_comment"] / comment_p * len(fitting))]
                    comment = pick if isinstance(pick, str) else pick[1]
            rows[slug].append([qid, x["answer"], x["respondent"], x["institution"], evidence, comment])

        if explain:
            got = [x.get("answer") for x in per_q]
            print(f"  {qid:8} {q.get('indicator', ''):45} {q['type']:8} target={base} answers={got}")

    out_dir = os.path.join(SAMPLE_DATA, name, "answers")
    os.makedirs(out_dir, exist_ok=True)
    for r in respondents:
        path = os.path.join(out_dir, f"{r['slug']}.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            w.writerows(rows[r["slug"]])
        print(f"{os.path.relpath(path, REPO)}: {len(rows[r['slug']])} rows")
    if register:
        path = os.path.join(SAMPLE_DATA, name, "evidence.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(REGISTER_COLUMNS)
            w.writerows([[str(entry.get(c, "")) for c in REGISTER_COLUMNS] for entry in register])
        print(f"{os.path.relpath(path, REPO)}: {len(register)} documents")
    return rows


def check(questions, rows):
    """Every value must be valid for its question type."""
    by_id = {q["id"]: q for q in questions}
    for slug, lines in rows.items():
        for qid, answer, *_ in lines:
            if answer in ("na", "unknown"):
                continue
            lv = value_level(by_id[qid], answer)
            assert 0 <= lv <= 4, (slug, qid, answer)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("workspaces", nargs="*", help="workspace names (default: all in profiles.yaml)")
    ap.add_argument("--questionnaire", default=DEFAULT_QUESTIONNAIRE)
    ap.add_argument("--profiles", default=PROFILES)
    ap.add_argument("--explain", action="store_true", help="print each question's target and answers")
    args = ap.parse_args()

    with open(args.questionnaire, encoding="utf-8") as f:
        questionnaire = yaml.safe_load(f)
    questions = questionnaire["questions"]
    profiles = load_profiles(args.profiles)
    names = args.workspaces or [n for n, p in profiles.items() if not p.get("abstract")]
    for name in names:
        if name not in profiles:
            sys.exit(f"no profile named {name!r} in {args.profiles}")
        print(f"== {name}")
        rows = generate(name, profiles[name], questions, explain=args.explain)
        check(questions, rows)


if __name__ == "__main__":
    main()
