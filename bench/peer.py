#!/usr/bin/env python3
"""The Python peer: the job zhkg does, done the way a Python user would.

    bench/peer.py CORPUS.jsonl OUT.nt

jieba.posseg tags each document; nr/ns/nt words become Person/Place/
Organization nodes (one per name, as zhkg's IRIs are); each document is a
node that mentions them, and persons and organizations named in the same
sentence as a meeting word are linked to the document's meeting; rdflib
builds the graph and serializes it as N-Triples. Needs `pip install jieba
rdflib`.
"""
import json
import re
import sys
from urllib.parse import quote

import jieba
import jieba.posseg as pseg
from rdflib import RDF, Graph, Literal, Namespace, URIRef

SCHEMA = Namespace("http://schema.org/")
ZHKG = Namespace("https://w3id.org/zhkg/ns#")
BASE = "https://w3id.org/zhkg/id/"
TYPES = {"nr": SCHEMA.Person, "ns": SCHEMA.Place, "nt": SCHEMA.Organization}
SENTENCE = re.compile(r"[^。!?！？;；\n]+")


def node(kind, name):
    return URIRef(f"{BASE}{kind}/{quote(name)}")


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__.strip())
    jieba.setLogLevel(60)
    jieba.initialize()
    g = Graph()
    with open(argv[0], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            d = URIRef(f"https://w3id.org/zhkg/doc/{quote(doc['id'])}")
            g.add((d, RDF.type, ZHKG.Document))
            g.add((d, SCHEMA.identifier, Literal(doc["id"])))
            meeting = None
            for sentence in SENTENCE.findall(doc["text"]):
                names = []
                for word, flag in pseg.cut(sentence):
                    cls = TYPES.get(flag)
                    if cls is None:
                        continue
                    e = node(flag, word)
                    g.add((e, RDF.type, cls))
                    g.add((e, SCHEMA.name, Literal(word, lang="zh")))
                    g.add((d, SCHEMA.mentions, e))
                    names.append((flag, e))
                if "会议" in sentence or "大会" in sentence:
                    if meeting is None:
                        meeting = URIRef(f"{BASE}event/{quote(doc['id'])}")
                        g.add((meeting, RDF.type, SCHEMA.Event))
                    for flag, e in names:
                        if flag in ("nr", "nt"):
                            g.add((e, ZHKG.attended, meeting))
    g.serialize(destination=argv[1], format="nt", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
