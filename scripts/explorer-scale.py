#!/usr/bin/env python3
"""How the explorer's endpoints answer on a large graph: makes a synthetic
store (N-Quads shaped as `zhkg extract --format nq` writes them, loaded with
`zhkg load`) of PERSONS persons attending EVENTS events, one hub event
attended by a tenth of them, serves it, and times /api/top, /api/search and
/api/neighbourhood (the hub, capped; an ordinary person) and /api/evidence.

    python3 scripts/explorer-scale.py ZHKG [PERSONS] [EVENTS]

Prints figures (median of 5 calls, milliseconds); asserts only that the
answers are capped as documented.
"""

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

B = "https://w3id.org/zhkg/"
S = "http://schema.org/"
Z = "https://w3id.org/zhkg/ns#"
R = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
P = "http://www.w3.org/ns/prov#"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红文辉"


def name(i):
    return SURNAMES[i % 20] + GIVEN[(i // 20) % len(GIVEN)] + GIVEN[(i // 600) % len(GIVEN)] + str(i // 18000 or "")


def write_corpus(path, persons, events, docs=200):
    rnd = random.Random(7)
    with open(path, "w", encoding="utf-8") as out:
        per_doc = persons // docs
        for d in range(docs):
            g = f"<{B}doc/syn{d}>"
            lines = [f'{g} <{S}identifier> "syn{d}" {g} .',
                     f'{g} <{S}datePublished> "2015-{1 + d % 12:02d}-15" {g} .']
            seen_events = set()
            for i in range(d * per_doc, (d + 1) * per_doc):
                p = f"<{B}id/person/p{i}>"
                lines += [f"{p} <{R}type> <{S}Person> {g} .", f'{p} <{S}name> "{name(i)}"@zh {g} .']
                targets = [rnd.randrange(1, events)]
                if i % 10 == 0:
                    targets.append(0)  # the hub
                for e in targets:
                    ev = f"<{B}id/event/e{e}>"
                    if e not in seen_events:
                        seen_events.add(e)
                        lines += [f"{ev} <{R}type> <{S}Event> {g} .",
                                  f'{ev} <{S}name> "第{e}次会议"@zh {g} .']
                    f = f"<{B}doc/syn{d}/fact/{i}-{e}>"
                    lines += [f"{p} <{Z}attended> {ev} {g} .",
                              f"{f} <{R}subject> {p} {g} .", f"{f} <{R}predicate> <{Z}attended> {g} .",
                              f"{f} <{R}object> {ev} {g} .", f"{f} <{P}wasDerivedFrom> {g} {g} .",
                              f'{f} <{Z}evidence> "{name(i)}出席第{e}次会议。"@zh {g} .',
                              f'{f} <{Z}rule> "synthetic" {g} .',
                              f'{f} <{Z}confidence> "0.9"^^<http://www.w3.org/2001/XMLSchema#decimal> {g} .']
            out.write("\n".join(lines) + "\n")


def timed(base, path, **params):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    times, body = [], None
    for _ in range(5):
        t = time.perf_counter()
        with urllib.request.urlopen(url) as r:
            body = json.load(r)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), body


def main():
    zhkg = sys.argv[1]
    persons = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
    events = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    work = tempfile.mkdtemp(prefix="zhkg-scale-")
    shard, store = os.path.join(work, "syn.nq"), os.path.join(work, "syn.db")
    write_corpus(shard, persons, events)
    t = time.perf_counter()
    subprocess.run([zhkg, "load", "-q", "--store", store, shard], check=True)
    print(f"{persons} persons, {events} events: loaded in {time.perf_counter() - t:.1f} s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([zhkg, "serve", "--store", store, "--bind", f"127.0.0.1:{port}"])
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/graph").close()
                break
            except OSError:
                time.sleep(0.1)
        ms, top = timed(base, "/api/top")
        print(f"/api/top: {ms:.0f} ms -> {top['name']} (degree {top['degree']})")
        ms, hits = timed(base, "/api/search", q="王伟", limit=10)
        print(f"/api/search q=王伟: {ms:.0f} ms, {len(hits)} hits")
        ms, hub = timed(base, "/api/neighbourhood", iri=top["iri"], limit=150)
        assert len(hub["edges"]) == 150 and hub["truncated"], (len(hub["edges"]), hub["truncated"])
        print(f"/api/neighbourhood of the hub, capped at 150 edges: {ms:.0f} ms, "
              f"{len(hub['nodes'])} nodes, truncated {hub['truncated']}")
        one = hub["nodes"][1]["iri"]
        ms, small = timed(base, "/api/neighbourhood", iri=one, limit=150)
        print(f"/api/neighbourhood of a person: {ms:.0f} ms, {len(small['nodes'])} nodes")
        e = small["edges"][0]
        ms, ev = timed(base, "/api/evidence", s=e["source"], p=Z + "attended", o=e["target"])
        print(f"/api/evidence of an edge: {ms:.0f} ms, {len(ev)} sentence(s)")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
