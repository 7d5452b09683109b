#!/usr/bin/env python3
"""Reads zhkg's graph exports with real third-party readers.

    scripts/check-exports.py ZHKG STORE

networkx reads the GraphML, GEXF and node-link JSON exports, the csv
module the neo4j-admin CSV files, and an XML parser the SVG; for each, the
node and edge counts (and node types) must equal `zhkg stats`. The PNG
must be a PNG. Needs networkx (pip install networkx) and Graphviz.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import networkx as nx


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__.strip())
    zhkg, store = argv
    tmp = tempfile.mkdtemp(prefix="zhkg-exports-")

    def export(fmt, name):
        path = os.path.join(tmp, name)
        subprocess.run([zhkg, "export", "--format", fmt, "--store", store, "-o", path, "-q"], check=True)
        return path

    stats = json.loads(subprocess.run([zhkg, "stats", "--format", "json", "--store", store],
                                      check=True, capture_output=True, text=True).stdout)
    want = (stats["nodes"], stats["edges"])
    types = stats["nodes_per_type"]
    problems = []

    def check(label, nodes, edges, node_types):
        got = (nodes, edges)
        counted = {t: sum(1 for x in node_types if x == t) for t in set(node_types)}
        if got != want:
            problems.append(f"{label}: {got[0]} nodes, {got[1]} edges; stats says {want}")
        elif {t: n for t, n in counted.items()} != {t: n for t, n in types.items() if n}:
            problems.append(f"{label}: node types {counted}, stats says {types}")
        else:
            print(f"{label}: {nodes} nodes, {edges} edges, as zhkg stats says")

    g = nx.read_graphml(export("graphml", "g.graphml"))
    check("GraphML (networkx)", g.number_of_nodes(), g.number_of_edges(),
          [d["type"] for _, d in g.nodes(data=True)])
    g = nx.read_gexf(export("gexf", "g.gexf"))
    check("GEXF (networkx)", g.number_of_nodes(), g.number_of_edges(),
          [d["type"] for _, d in g.nodes(data=True)])
    with open(export("json", "g.json"), encoding="utf-8") as f:
        data = json.load(f)
    try:
        g = nx.node_link_graph(data, edges="links")
    except TypeError:  # networkx before 3.4
        g = nx.node_link_graph(data)
    check("node-link JSON (networkx)", g.number_of_nodes(), g.number_of_edges(),
          [d["type"] for _, d in g.nodes(data=True)])
    csv_dir = os.path.join(tmp, "neo4j")
    subprocess.run([zhkg, "export", "--format", "csv", "--store", store, "-o", csv_dir, "-q"], check=True)
    with open(os.path.join(csv_dir, "nodes.csv"), encoding="utf-8", newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(csv_dir, "relationships.csv"), encoding="utf-8", newline="") as f:
        rels = list(csv.DictReader(f))
    ids = {n["id:ID"] for n in nodes}
    dangling = [r for r in rels if r[":START_ID"] not in ids or r[":END_ID"] not in ids]
    if dangling:
        problems.append(f"CSV: {len(dangling)} relationships name unknown nodes")
    check("neo4j CSV", len(nodes), len(rels), [n[":LABEL"] for n in nodes])
    svg = ET.parse(export("svg", "g.svg")).getroot()
    drawn = sum(1 for e in svg.iter("{http://www.w3.org/2000/svg}g") if e.get("class") == "node")
    check("SVG (Graphviz)", drawn, sum(1 for e in svg.iter("{http://www.w3.org/2000/svg}g")
                                        if e.get("class") == "edge"),
          [n[":LABEL"] for n in nodes])
    with open(export("png", "g.png"), "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            problems.append("PNG: not a PNG file")
        else:
            print("PNG (Graphviz): a PNG file")
    if problems:
        sys.exit("exports disagree with zhkg stats:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main(sys.argv[1:])
