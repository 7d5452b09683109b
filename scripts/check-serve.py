#!/usr/bin/env python3
"""Queries `zhkg serve` with a SPARQL client the project did not write.

    /usr/bin/python3 scripts/check-serve.py ZHKG STORE

Needs Debian's python3-sparqlwrapper and python3-rdflib.

Starts `zhkg serve` on a free loopback port over STORE and asks it, through
SPARQLWrapper (Debian: python3-sparqlwrapper), the same questions `zhkg
query` answers locally: the answers must agree, by GET and POST, in JSON,
XML and CSV, for SELECT, ASK and CONSTRUCT. Also checks: a malformed query
is a 400 with the parser's message, updates are refused (403) unless
--allow-update, CORS headers are present, the query page is served, and
a result cap cuts the answer and says so.
"""
import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import rdflib
from SPARQLWrapper import CSV, GET, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

PREFIXES = """PREFIX zhkg: <https://w3id.org/zhkg/ns#>
PREFIX schema: <http://schema.org/>
"""
SELECT = PREFIXES + """SELECT ?person ?event WHERE {
  ?p zhkg:attended ?e . ?p a schema:Person ; schema:name ?person . ?e schema:name ?event .
} ORDER BY ?person ?event"""


def start(zhkg, store, *extra):
    proc = subprocess.Popen([zhkg, "serve", "--store", store, "--bind", "127.0.0.1:0", *extra],
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    base = line.split(" at ")[1].split("/ ")[0]
    return proc, base


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__.strip())
    zhkg, store = argv
    local = json.loads(subprocess.run([zhkg, "query", "-e", SELECT, "--format", "json", "--store", store],
                                      check=True, capture_output=True, text=True).stdout)
    want = [(b["person"]["value"], b["event"]["value"]) for b in local["results"]["bindings"]]
    assert len(want) > 5, want
    proc, base = start(zhkg, store, "--max-results", "3")
    proc2, base2 = start(zhkg, store)
    try:
        endpoint = base2 + "/query"
        for method in (GET, POST):
            client = SPARQLWrapper(endpoint)
            client.setMethod(method)
            client.setQuery(SELECT)
            client.setReturnFormat(JSON)
            got = [(b["person"]["value"], b["event"]["value"])
                   for b in client.query().convert()["results"]["bindings"]]
            assert got == want, (method, got[:3], want[:3])
            print(f"SELECT over {method}, JSON: {len(got)} rows, as zhkg query")
        client = SPARQLWrapper(endpoint)
        client.setQuery(SELECT)
        client.setReturnFormat(XML)
        doc = client.query().convert()
        rows = doc.getElementsByTagName("result")
        assert len(rows) == len(want), len(rows)
        print(f"SELECT, XML: {len(rows)} rows")
        client.setReturnFormat(CSV)
        table = list(csv.reader(io.StringIO(client.query().convert().decode("utf-8"))))
        assert [tuple(r) for r in table[1:]] == want
        print(f"SELECT, CSV: {len(table) - 1} rows")
        client = SPARQLWrapper(endpoint)
        client.setQuery(PREFIXES + 'ASK { ?p schema:name "夏宝龙"@zh }')
        client.setReturnFormat(JSON)
        assert client.query().convert()["boolean"] is True
        print("ASK: true")
        client = SPARQLWrapper(endpoint)
        client.setQuery(PREFIXES + "CONSTRUCT { ?p zhkg:attended ?e } WHERE { ?p zhkg:attended ?e }")
        client.setReturnFormat(TURTLE)
        graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
        n = len(graph)
        local_n = int(json.loads(subprocess.run(
            [zhkg, "query", "-e", PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?p zhkg:attended ?e }",
             "--format", "json", "--store", store], check=True, capture_output=True, text=True).stdout)
            ["results"]["bindings"][0]["n"]["value"])
        assert n == local_n, (n, local_n)
        print(f"CONSTRUCT, Turtle into rdflib: {n} triples, as zhkg query")
        client = SPARQLWrapper(endpoint)
        client.setQuery("SELECT WHERE {")
        try:
            client.query()
            raise AssertionError("a malformed query was accepted")
        except QueryBadFormed as e:
            print("malformed query: 400,", str(e).splitlines()[-1][:80])
        request = urllib.request.Request(base2 + "/update", data=b"update=CLEAR%20ALL", method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            urllib.request.urlopen(request)
            raise AssertionError("an update was accepted by a read-only endpoint")
        except urllib.error.HTTPError as e:
            assert e.code == 403, e.code
            print("update without --allow-update: 403")
        with urllib.request.urlopen(endpoint + "?query=" + urllib.parse.quote(SELECT)) as r:
            assert r.headers["Access-Control-Allow-Origin"] == "*"
            assert r.headers["Content-Type"].startswith("application/sparql-results+json")
        print("CORS and content type: present")
        with urllib.request.urlopen(base2 + "/") as r:
            assert b"<textarea" in r.read()
        print("query page: served")
        with urllib.request.urlopen(base + "/query?query=" + urllib.parse.quote(SELECT)) as r:
            cut = json.load(r)["results"]["bindings"]
            assert len(cut) == 3 and r.headers["X-Zhkg-Truncated"] == "3", (len(cut), r.headers)
        print("--max-results 3: 3 rows and X-Zhkg-Truncated")
    finally:
        proc.terminate()
        proc2.terminate()
    # A query that would run for hours is cancelled at the time limit.
    proc, base = start(zhkg, store, "--timeout", "0.5")
    try:
        slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
        started = time.time()
        try:
            urllib.request.urlopen(base + "/query?query=" + urllib.parse.quote(slow), timeout=60)
            raise AssertionError("the slow query was answered")
        except urllib.error.HTTPError as e:
            took = time.time() - started
            assert e.code == 503 and took < 30, (e.code, took)
            print(f"--timeout 0.5: 503 after {took:.1f} s")
    finally:
        proc.terminate()
    # With --allow-update, SPARQLWrapper's update goes through.
    copy = tempfile.mkdtemp(prefix="zhkg-serve-") + "/store"
    shutil.copytree(store, copy)
    proc, base = start(zhkg, copy, "--allow-update")
    try:
        client = SPARQLWrapper(base + "/query", updateEndpoint=base + "/update")
        client.setMethod(POST)
        client.setQuery(PREFIXES + 'INSERT DATA { <https://example.org/x> schema:name "测试"@zh }')
        client.query()
        client = SPARQLWrapper(base + "/query")
        client.setQuery(PREFIXES + 'ASK { <https://example.org/x> schema:name "测试"@zh }')
        client.setReturnFormat(JSON)
        assert client.query().convert()["boolean"] is True
        print("--allow-update: an INSERT DATA by SPARQLWrapper is then found")
    finally:
        proc.terminate()


if __name__ == "__main__":
    import urllib.parse  # noqa: E402
    main(sys.argv[1:])
