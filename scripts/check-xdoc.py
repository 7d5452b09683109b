#!/usr/bin/env python3
"""Cross-document identity on the shared xdoc articles (issue 11).

Builds a temporary store from DOCS (JSON Lines articles), writes
`zhkg export --format entities`, scores it with the reference scorer
(score_xdoc.py, the national leader and the central committee left out as
clusters every builder gets right), prints the table, and fails unless the
floors hold; then counts, through `zhkg query`, the share of the store's
Event nodes that carry schema:startDate and fails below its floor.

  check-xdoc.py ZHKG SHARED_EVAL [--f1 0.92] [--event-p 0.90]
                [--person-p 0.97] [--person-r 0.85] [--dated 0.60]

Python 3 standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

IGNORE = ["P:习近平", "O:中共中央"]
DATED = """PREFIX schema: <http://schema.org/>
SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?d) AS ?dated) WHERE {
  ?e a schema:Event .
  OPTIONAL { ?e schema:startDate ?date . BIND(?e AS ?d) }
}"""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("zhkg")
    ap.add_argument("eval_dir", help="the shared eval folder (holds xdoc/ and score_xdoc.py)")
    ap.add_argument("--f1", type=float, default=0.92, help="overall link F1 floor")
    ap.add_argument("--event-p", type=float, default=0.90, help="event link precision floor")
    ap.add_argument("--person-p", type=float, default=0.97, help="person link precision floor")
    ap.add_argument("--person-r", type=float, default=0.85, help="person link recall floor")
    ap.add_argument("--dated", type=float, default=0.60,
                    help="floor of the share of Event nodes with schema:startDate")
    a = ap.parse_args()
    xdoc = os.path.join(a.eval_dir, "xdoc")
    scorer = os.path.join(a.eval_dir, "score_xdoc.py")
    gold = os.path.join(xdoc, "identity.jsonl")
    with tempfile.TemporaryDirectory() as work:
        store = os.path.join(work, "xdoc.db")
        system = os.path.join(work, "entities.jsonl")
        run([a.zhkg, "build", "-q", os.path.join(xdoc, "docs.jsonl"), "--store", store])
        with open(system, "w", encoding="utf-8") as f:
            f.write(run([a.zhkg, "export", "--format", "entities", "--store", store]))
        ignore = [x for c in IGNORE for x in ("--ignore-cluster", c)]
        print(run([sys.executable, scorer, gold, system, *ignore]), end="")
        scores = json.loads(run([sys.executable, scorer, gold, system, "--json", *ignore]))["scores"]
        csv = run([a.zhkg, "query", "--format", "csv", "--store", store, "-e", DATED])
        events, dated = (int(x) for x in csv.splitlines()[1].split(","))
    share = dated / events if events else 0.0
    checks = [
        ("overall link F1", scores["overall"]["f1"], a.f1),
        ("event link precision", scores["Event"]["precision"], a.event_p),
        ("person link precision", scores["Person"]["precision"], a.person_p),
        ("person link recall", scores["Person"]["recall"], a.person_r),
        (f"events with a date ({dated} of {events})", share, a.dated),
    ]
    failed = False
    for what, value, floor in checks:
        ok = value >= floor
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {value:.3f}, floor {floor:.2f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
