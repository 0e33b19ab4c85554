#!/usr/bin/env python3
"""Recompute a published ranking from its evidence folder (docs/results-evidence.md).

Usage: python3 tools/recompute-ranking.py <evidence-folder>

Reads policy.json and entries.csv, rebuilds ranking.csv by the documented rules, compares it byte for
byte with the folder's ranking.csv and its SHA-256 with policy.json's contentHash. Writes nothing.
Exit 0: both agree (prints "OK <sha256> <rows> rows"); 1: a check failed; 2: bad or missing input.
Standard library only, Python 3.8+.
"""
import csv
import hashlib
import json
import operator
import os
import re
import sys

ENTRIES_HEADER = ("attemptId,contestantId,group,round,score,correctCount,questionCount,"
                  "durationMs,prediction,submittedAtMs")
RANKING_HEADER = ("group,rank,contestantId,attemptId,score,correctCount,durationMs,"
                  "prediction,distance,submittedAtMs,prize")
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
INT = re.compile(r"-?[0-9]+\Z")
# A well-formed row in one match (fast path); a row that fails it is re-checked field by field to say why.
ROW = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},-?[0-9]+,[^,]+,"
                 r"(?:-?[0-9]+,){5}(?:-?[0-9]+)?,-?[0-9]+\Z")

# Every entry gets one "sort fields" tuple; a tie-break key is a pick of its positions, so the sort key
# of an entry is built by operator.itemgetter in C, with no Python-level comparison function.
#   0: -score (higher first)   1: -correctCount (more first)
#   2, 3: (0, distance) or (1, 0) when the distance is empty, so "empty" sorts after every number
#   4: durationMs (shorter first)   5: submittedAtMs (earlier first)   6: attemptId (ordinal, ascending)
TIE_BREAK_FIELDS = {"score": (0,), "correct": (1,), "prediction": (2, 3), "duration": (4,), "submitted": (5,)}
ATTEMPT_FIELD = 6


class BadInput(Exception):
    """Input that cannot be checked: reported with the file (and line), exit 2."""


def load_policy(path):
    try:
        with open(path, "rb") as f:
            policy = json.loads(f.read().decode("utf-8"))
    except FileNotFoundError:
        raise BadInput(f"{path}: file not found")
    except (UnicodeDecodeError, ValueError) as e:
        raise BadInput(f"{path}: not valid UTF-8 JSON: {e}")
    if not isinstance(policy, dict):
        raise BadInput(f"{path}: expected a JSON object")

    def need(name, ok, what):
        if name not in policy or not ok(policy[name]):
            raise BadInput(f"{path}: '{name}' must be {what}")
        return policy[name]

    is_int = lambda v: isinstance(v, int) and not isinstance(v, bool)
    is_str_list = lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)
    is_int_list = lambda v: isinstance(v, list) and all(is_int(x) for x in v)
    need("counts", lambda v: v in ("best", "first", "last"), '"best", "first" or "last"')
    need("tieBreaks", is_str_list, "a list of strings")
    for name in policy["tieBreaks"]:
        if name not in TIE_BREAK_FIELDS:
            raise BadInput(f"{path}: unknown tie-break '{name}'; use {', '.join(TIE_BREAK_FIELDS)}")
    need("actualPrediction", lambda v: v is None or is_int(v), "an integer or null")
    need("groups", is_str_list, "a list of group codes")
    need("prizes", lambda v: isinstance(v, list) and all(
        isinstance(p, dict) and isinstance(p.get("group"), str) and isinstance(p.get("class"), str)
        and is_int(p.get("count")) and p["count"] >= 0 for p in v),
        'a list of {"group": str, "class": str, "count": int >= 0, ...}')
    need("disqualified", is_int_list, "a list of contestant ids")
    need("alreadyAwarded", is_int_list, "a list of contestant ids")
    need("contentHash", lambda v: isinstance(v, str), "a string")
    return policy


def row_problem(row):
    """Why a 10-field entries.csv row does not match ROW."""
    if not GUID.match(row[0]):
        return f"attemptId '{row[0]}' is not a lowercase GUID"
    if not row[2]:
        return "group is empty"
    for i, name in ((1, "contestantId"), (3, "round"), (4, "score"), (5, "correctCount"),
                    (6, "questionCount"), (7, "durationMs"), (9, "submittedAtMs")):
        if not INT.match(row[i]):
            return f"{name} '{row[i]}' is not an integer"
    return f"prediction '{row[8]}' is not an integer or empty"


def read_entries(path, actual):
    """Yield one sort-fields tuple per row (see TIE_BREAK_FIELDS), extended with the output fields."""
    try:
        f = open(path, "r", encoding="utf-8", newline="")
    except FileNotFoundError:
        raise BadInput(f"{path}: file not found")
    seen = set()
    with f:
        reader = csv.reader(f, delimiter=",", quoting=csv.QUOTE_NONE, strict=True)
        try:
            for row in reader:
                line = reader.line_num
                if line == 1:
                    if ",".join(row) != ENTRIES_HEADER:
                        bom = " (the file starts with a BOM)" if row and row[0].startswith("\ufeff") else ""
                        raise BadInput(f"{path}:1: header must be exactly '{ENTRIES_HEADER}'{bom}")
                    continue
                if len(row) != 10:
                    raise BadInput(f"{path}:{line}: expected 10 fields, found {len(row)}")
                if not ROW.match(",".join(row)):
                    raise BadInput(f"{path}:{line}: {row_problem(row)}")
                aid, cid, group, rnd, score, correct, questions, duration, pred, submitted = row
                if aid in seen:
                    raise BadInput(f"{path}:{line}: attemptId {aid} appears twice")
                seen.add(aid)
                s, c, d, t = int(score), int(correct), int(duration), int(submitted)
                p = int(pred) if pred else None
                # Rule 2: distance is empty without a prediction or without an actual value.
                dist = None if p is None or actual is None else abs(p - actual)
                yield (-s, -c, 1 if dist is None else 0, 0 if dist is None else dist, d, t, aid,
                       int(cid), group, s, c, p, dist)
        except csv.Error as e:
            raise BadInput(f"{path}:{reader.line_num}: {e}")
        except UnicodeDecodeError as e:
            raise BadInput(f"{path}: not valid UTF-8: {e}")
        if reader.line_num == 0:
            raise BadInput(f"{path}: empty file (no header)")


def recompute(policy, entries_path):
    """The canonical ranking.csv text and its number of data rows."""
    key_fields = [i for name in policy["tieBreaks"] for i in TIE_BREAK_FIELDS[name]] + [ATTEMPT_FIELD]
    # A tuple; with an empty chain just the attempt id string, which orders the same way.
    rank_key = operator.itemgetter(*key_fields)
    # Rule 1: "first"/"last" pick by (submittedAtMs, attemptId); "best" by the ranking's own key chain.
    counts = policy["counts"]
    pick_key = rank_key if counts == "best" else operator.itemgetter(5, ATTEMPT_FIELD)
    take_larger = counts == "last"

    chosen = {}  # contestantId -> (pick key, entry)
    for e in read_entries(entries_path, policy["actualPrediction"]):
        k = pick_key(e)
        old = chosen.get(e[7])
        if old is None or (k > old[0] if take_larger else k < old[0]):
            chosen[e[7]] = (k, e)

    # The group is that of the chosen attempt; groups outside policy.groups are left out (after choosing).
    by_group = {g: [] for g in policy["groups"]}
    for _, e in chosen.values():
        members = by_group.get(e[8])
        if members is not None:
            members.append(e)

    no_prize = set(policy["disqualified"]) | set(policy["alreadyAwarded"])
    lines = [RANKING_HEADER]
    for group in policy["groups"]:
        members = by_group[group]
        members.sort(key=rank_key)  # Rule 3; the attempt id makes the order total
        # Rule 5: prize classes of this group in policy order, each with its remaining count.
        left = [[p["class"], p["count"]] for p in policy["prizes"] if p["group"] == group]
        for rank, e in enumerate(members, 1):  # Rule 4
            prize = ""
            if e[7] not in no_prize:
                for slot in left:
                    if slot[1] > 0:
                        slot[1] -= 1
                        prize = slot[0]
                        break
            p, dist = e[11], e[12]
            lines.append(f"{group},{rank},{e[7]},{e[6]},{e[9]},{e[10]},{e[4]},"
                         f"{'' if p is None else p},{'' if dist is None else dist},{e[5]},{prize}")
    return "\n".join(lines) + "\n", len(lines) - 1


def split_lines(text):
    """Lines with their "\n" kept, so a missing or extra final line end shows as a difference."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def show(line):
    """A line as printed in a report: quoted when it has invisible characters (\\r, tabs, ...)."""
    if line is None:
        return "<end of file>"
    body, end = (line[:-1], "") if line.endswith("\n") else (line, " <no line end>")
    return (body if body and body.isprintable() else repr(body)) + end


def main(argv):
    if len(argv) != 2:
        print("usage: python3 tools/recompute-ranking.py <evidence-folder>", file=sys.stderr)
        return 2
    folder = argv[1]
    if not os.path.isdir(folder):
        print(f"{folder}: not a folder", file=sys.stderr)
        return 2
    ranking_path = os.path.join(folder, "ranking.csv")
    try:
        policy = load_policy(os.path.join(folder, "policy.json"))
        expected, rows = recompute(policy, os.path.join(folder, "entries.csv"))
        try:
            with open(ranking_path, "rb") as f:
                found_bytes = f.read()
        except FileNotFoundError:
            raise BadInput(f"{ranking_path}: file not found")
    except BadInput as e:
        print(f"bad input: {e}", file=sys.stderr)
        return 2

    expected_bytes = expected.encode("utf-8")
    digest = hashlib.sha256(expected_bytes).hexdigest()
    ok = True
    if found_bytes != expected_bytes:
        ok = False
        want = split_lines(expected)
        got = split_lines(found_bytes.decode("utf-8", errors="replace"))
        n = next((i for i in range(max(len(want), len(got)))
                  if (want[i] if i < len(want) else None) != (got[i] if i < len(got) else None)), None)
        print(f"MISMATCH ranking.csv differs from the recomputed ranking ({rows} rows expected)")
        if n is None:  # only possible when the file is not valid UTF-8 in a way "replace" hides
            print("  the bytes differ but the decoded lines do not (invalid UTF-8 in ranking.csv?)")
        else:
            print(f"  first differing line: {n + 1}")
            print(f"  expected: {show(want[n] if n < len(want) else None)}")
            print(f"  found:    {show(got[n] if n < len(got) else None)}")
    published = policy["contentHash"]
    if published != digest:
        ok = False
        print("MISMATCH policy.json contentHash is not the SHA-256 of the recomputed ranking.csv")
        print(f"  expected: {digest}")
        print(f"  found:    {published}")
        found_digest = hashlib.sha256(found_bytes).hexdigest()
        if found_bytes != expected_bytes and found_digest == published:
            print("  (it is the SHA-256 of the ranking.csv in the folder, which differs as shown above)")
    if not ok:
        return 1
    print(f"OK {digest} {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
