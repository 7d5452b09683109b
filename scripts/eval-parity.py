#!/usr/bin/env python3
"""Checks that `zhkg eval` counts exactly what the reference scorers count.

    scripts/eval-parity.py ZHKG SHARED_EVAL_DIR [BIO_FILE]

For each *.gold.jsonl in SHARED_EVAL_DIR:
  1. `zhkg extract --format jsonl GOLD` writes the predictions;
  2. score.py scores them (--json);
  3. `zhkg eval GOLD --predictions PRED` scores the same file;
  4. `zhkg eval GOLD` extracts by itself and scores.
All three must give the same tp/fp/fn in every row of both tables. A
perturbed copy of the predictions (items dropped, names re-spelled with
full-width forms, spaces and gold aliases, wrong types, unknown
predicates) is scored by both scorers as well.

With BIO_FILE (character-BIO, e.g. pd.dev.bio):
  1. `ner_score.py --to-jsonl` makes the sentence corpus;
  2. `zhkg extract --format mentions` tags it;
  3. ner_score.py scores the mentions (--json);
  4. `zhkg eval --ner BIO_FILE` tags and scores by itself.
Both must give the same tp/fp/fn per label.

Exits non-zero, naming the rows that differ, on any difference.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def counts(table):
    return {k: (v["tp"], v["fp"], v["fn"]) for k, v in table.items()}


def compare(what, reference, ours):
    bad = []
    for key in sorted(set(reference) | set(ours)):
        a, b = reference.get(key, (0, 0, 0)), ours.get(key, (0, 0, 0))
        if a != b:
            bad.append(f"{what} {key}: reference {a}, zhkg {b}")
    return bad


def widen(name):
    """Full-width forms for ASCII, and a space in the middle."""
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    return wide[: len(wide) // 2] + " " + wide[len(wide) // 2:]


def perturb(gold_path, pred_path, out_path):
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
    with open(pred_path, encoding="utf-8") as f, open(out_path, "w", encoding="utf-8") as out:
        for line in f:
            p = json.loads(line)
            g = gold.get(p["id"], {})
            aliases = {e["name"]: e["aliases"][0] for e in g.get("entities", []) if e.get("aliases")}
            ents = [e for i, e in enumerate(p["entities"]) if i % 3 != 1]
            for i, e in enumerate(ents):
                if i % 4 == 0:
                    e["name"] = widen(e["name"])
                elif i % 4 == 1 and e["name"] in aliases:
                    e["name"] = aliases[e["name"]]
                elif i % 7 == 2:
                    e["type"] = "Place" if e["type"] != "Place" else "Person"
            ents.append({"name": "不存在的机构", "type": "Organization"})
            rels = [r for i, r in enumerate(p["relations"]) if i % 3 != 2]
            for i, r in enumerate(rels):
                if i % 5 == 0:
                    r["subject"] = widen(r["subject"])
                elif i % 5 == 1 and r["object"] in aliases:
                    r["object"] = aliases[r["object"]]
            if rels:
                rels.append(dict(rels[0], predicate="knows"))
            for e in g.get("entities", []):
                if e.get("optional"):
                    ents.append({"name": e["name"], "type": e["type"]})
            for r in g.get("relations", []):
                if r.get("optional"):
                    rels.append({k: r[k] for k in ("subject", "predicate", "object")})
            p["entities"], p["relations"] = ents, rels
            out.write(json.dumps(p, ensure_ascii=False) + "\n")


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__.strip())
    zhkg, shared = argv[0], argv[1]
    problems = []
    tmp = tempfile.mkdtemp(prefix="zhkg-parity-")
    golds = sorted(f for f in os.listdir(shared) if f.endswith(".gold.jsonl"))
    if not golds:
        sys.exit(f"no *.gold.jsonl in {shared}")
    for name in golds:
        gold = os.path.join(shared, name)
        pred = os.path.join(tmp, name.replace(".gold", ".pred"))
        with open(pred, "w", encoding="utf-8") as f:
            f.write(run(zhkg, "extract", "-q", "--format", "jsonl", gold))
        ref = json.loads(run("python3", os.path.join(shared, "score.py"), gold, pred, "--json"))
        from_file = json.loads(run(zhkg, "eval", gold, "--predictions", pred, "--format", "json"))
        direct = json.loads(run(zhkg, "eval", gold, "--format", "json"))
        for label, ours in (("--predictions", from_file), ("extracting", direct)):
            for part in ("entities", "relations"):
                problems += compare(f"{name} {label} {part}", counts(ref[part]), counts(ours[part]))
            if ours["documents"] != ref["documents"]:
                problems.append(f"{name} {label}: {ours['documents']} documents, reference {ref['documents']}")
        perturbed = os.path.join(tmp, name.replace(".gold", ".perturbed"))
        perturb(gold, pred, perturbed)
        ref_p = json.loads(run("python3", os.path.join(shared, "score.py"), gold, perturbed, "--json"))
        ours_p = json.loads(run(zhkg, "eval", gold, "--predictions", perturbed, "--format", "json"))
        for part in ("entities", "relations"):
            problems += compare(f"{name} perturbed {part}", counts(ref_p[part]), counts(ours_p[part]))
        all_ = ref["relations"]["ALL"]
        print(f"{name}: score.py and zhkg eval agree "
              f"(relations tp {all_['tp']} fp {all_['fp']} fn {all_['fn']})")
    if len(argv) == 3:
        bio = argv[2]
        corpus = os.path.join(tmp, "bio.jsonl")
        mentions = os.path.join(tmp, "bio.mentions.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            f.write(run("python3", os.path.join(shared, "ner_score.py"), "--to-jsonl", bio))
        with open(mentions, "w", encoding="utf-8") as f:
            f.write(run(zhkg, "extract", "-q", "--format", "mentions", corpus))
        ref = json.loads(run("python3", os.path.join(shared, "ner_score.py"), bio, mentions, "--json"))
        ours = json.loads(run(zhkg, "eval", "--ner", bio, "--format", "json"))
        problems += compare(f"{os.path.basename(bio)} spans", counts(ref), counts(ours["spans"]))
        a = ref["ALL"]
        print(f"{os.path.basename(bio)}: ner_score.py and zhkg eval --ner agree "
              f"(tp {a['tp']} fp {a['fp']} fn {a['fn']})")
    if problems:
        sys.exit("zhkg eval differs from the reference scorer:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main(sys.argv[1:])
