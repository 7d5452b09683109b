#!/usr/bin/env python3
"""Checks the Dask recipe (scripts/dask_extract.py) on a LocalCluster of two
worker processes: its shards, loaded with `zhkg load`, must make the same
store as a local `zhkg build` of the same corpus, quad for quad, apart from
`zhkg:source`, the provenance field naming where a record was read (the
shard's standard input against the corpus file).

    python3 scripts/check-dask.py ZHKG [SHARED_DIR]

When Oxigraph's server (`oxigraph`, PyPI) is installed, the recipe's other
ending is checked too: workers building straight into the server
(--endpoint), whose `zhkg stats` must equal the local build's.

The corpus is made at run time: the seed article of data/samples whole, then
runs of three of its paragraphs as separate records (some with a title and a
date), and, when SHARED_DIR/eval holds the gold files, their texts (read
here, never written into the repository).
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "<https://w3id.org/zhkg/ns#source>"


def corpus_records(shared):
    seed = os.path.join(HERE, "..", "data", "samples", "000_6107cf6e62a931db.txt")
    with open(seed, encoding="utf-8") as f:
        text = f.read()
    records = [{"id": "seed", "text": text}]
    paragraphs = [p for p in text.split("\n") if p.strip()]
    for i in range(len(paragraphs) - 2):
        r = {"id": f"seed-run-{i:02d}", "text": "\n".join(paragraphs[i : i + 3])}
        if i % 3 == 0:
            r["title"] = paragraphs[i][:20]
            r["date"] = f"2015-09-{1 + i % 28:02d}"
        records.append(r)
    gold = os.path.join(shared, "eval") if shared else None
    if gold and os.path.isdir(gold):
        for name in sorted(os.listdir(gold)):
            if name.endswith(".gold.jsonl"):
                with open(os.path.join(gold, name), encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            d = json.loads(line)
                            records.append({"id": f"{name}:{d['id']}", "text": d["text"]})
    return records


BLANK = re.compile(r"_:[A-Za-z0-9]+")


def quads(zhkg, store):
    """The store's quads as a sorted list, `zhkg:source` quads apart, blank
    node labels (the ontology's lists, fresh at each parse) made uniform."""
    out = subprocess.run(
        [zhkg, "export", "--format", "nq", "--store", store],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    kept, sources = [], []
    for line in out.splitlines():
        if not line.strip():
            continue
        (sources if f" {SOURCE} " in line else kept).append(BLANK.sub("_:b", line))
    return sorted(kept), sources


def main():
    zhkg = os.path.abspath(sys.argv[1])
    shared = sys.argv[2] if len(sys.argv) > 2 else None
    work = tempfile.mkdtemp(prefix="zhkg-dask-")
    corpus = os.path.join(work, "corpus.jsonl")
    records = corpus_records(shared)
    with open(corpus, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    size = os.path.getsize(corpus)

    subprocess.run([zhkg, "build", "-q", corpus, "--store", os.path.join(work, "local.db")], check=True)
    # Partitions of about a sixth of the corpus: several per worker.
    blocksize = max(size // 6, 4096)
    run = subprocess.run(
        [
            sys.executable, os.path.join(HERE, "dask_extract.py"), corpus,
            "--zhkg", zhkg, "--shards", os.path.join(work, "shards"),
            "--store", os.path.join(work, "dask.db"),
            "--workers", "2", "--blocksize", str(blocksize),
        ],
        check=True, capture_output=True,
    )
    summary = json.loads(run.stdout)
    assert summary["workers"] == 2, summary
    assert summary["partitions"] >= 4, summary
    assert summary["records"] == len(records), (summary["records"], len(records))

    local, local_sources = quads(zhkg, os.path.join(work, "local.db"))
    dask, dask_sources = quads(zhkg, os.path.join(work, "dask.db"))
    if local != dask:
        only_local = sorted(set(local) - set(dask))[:5]
        only_dask = sorted(set(dask) - set(local))[:5]
        sys.exit(f"the stores differ: {len(local)} quads local, {len(dask)} from Dask\n"
                 f"only local: {only_local}\nonly Dask: {only_dask}")
    # Each document has its zhkg:source, in its graph.
    assert len(local_sources) == len(dask_sources) == len(records), (
        len(local_sources), len(dask_sources), len(records))
    assert all('"-:' in s for s in dask_sources), dask_sources[:3]
    print(f"Dask, LocalCluster of {summary['workers']} worker processes: {len(records)} records "
          f"({size} bytes) in {summary['partitions']} partitions -> shards -> zhkg load: "
          f"{len(local)} quads equal to a local build's (zhkg:source apart); "
          f"extraction on the cluster took {summary['extract_seconds']} s")
    if shutil.which("oxigraph"):
        check_endpoint(zhkg, corpus, blocksize, work)


def check_endpoint(zhkg, corpus, blocksize, work):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        ["oxigraph", "serve", "--location", os.path.join(work, "oxigraph"),
         "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    query = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            up = subprocess.run([zhkg, "query", "-e", "ASK {}", "--format", "json",
                                 "--endpoint", query], capture_output=True)
            if up.returncode == 0:
                break
            time.sleep(0.2)
        run = subprocess.run(
            [sys.executable, os.path.join(HERE, "dask_extract.py"), corpus, "--zhkg", zhkg,
             "--endpoint", f"http://127.0.0.1:{port}/store", "--workers", "2",
             "--blocksize", str(blocksize)],
            check=True, capture_output=True)
        summary = json.loads(run.stdout)
        stats = lambda *where: subprocess.run(
            [zhkg, "stats", "--format", "json", *where], check=True, capture_output=True).stdout
        local = stats("--store", os.path.join(work, "local.db"))
        remote = stats("--endpoint", query)
        if local != remote:
            sys.exit(f"zhkg stats differ: local {local!r}, Oxigraph server {remote!r}")
        print(f"Dask into Oxigraph's server (build --endpoint on the workers, "
              f"{summary['partitions']} partitions): zhkg stats equal the local build's")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
