#!/usr/bin/env bash
# Builds the seed into a real remote store (a private Virtuoso Open Source
# server on loopback, started by scripts/virtuoso.sh) through the Graph Store
# Protocol, reads it back through the SPARQL Protocol, and checks the same
# counts as the local store; a second build must replace, not duplicate.
#   scripts/check-remote.sh ZHKG
set -euo pipefail
zhkg=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$(cat "$work/virtuoso/pid" 2>/dev/null)" 2>/dev/null || true' EXIT
"$here/virtuoso.sh" "$work/virtuoso" 18891 11112 >/dev/null
gsp=http://127.0.0.1:18891/sparql-graph-crud
sparql=http://127.0.0.1:18891/sparql

"$zhkg" build -q data/samples --store "$work/local.db"
"$zhkg" build -q data/samples --endpoint "$gsp"
local=$("$zhkg" stats --format json --store "$work/local.db")
remote=$("$zhkg" stats --format json --endpoint "$sparql")
[ "$local" = "$remote" ] || { echo "stats differ: local $local / remote $remote" >&2; exit 1; }
echo "zhkg stats: the Virtuoso store and the local store agree"

count='SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/zhkg/doc/000_6107cf6e62a931db> { ?s ?p ?o } }'
before=$("$zhkg" query -e "$count" --format csv --endpoint "$sparql" | tail -1 | tr -d '\r')
want=$("$zhkg" query -e "$count" --format csv --store "$work/local.db" | tail -1 | tr -d '\r')
"$zhkg" build -q data/samples --endpoint "$gsp"
after=$("$zhkg" query -e "$count" --format csv --endpoint "$sparql" | tail -1 | tr -d '\r')
[ "$before" = "$want" ] && [ "$after" = "$want" ] || {
  echo "document graph: local $want triples, remote $before, after a rebuild $after" >&2
  exit 1
}
echo "document graph: $want triples remote as local, and again after a rebuild (replaced, not duplicated)"

rows() { python3 -c '
import json, sys
d = json.load(sys.stdin)
print(sorted((b["event"]["value"], b["speaker"]["value"]) for b in d["results"]["bindings"]))'; }
speakers_local=$("$zhkg" query queries/speakers.rq --format json --store "$work/local.db" | rows)
speakers_remote=$("$zhkg" query queries/speakers.rq --format json --endpoint "$sparql" | rows)
[ "$speakers_local" = "$speakers_remote" ] || { echo "queries/speakers.rq differs" >&2; exit 1; }
echo "queries/speakers.rq: the same events and speakers remote as local"
"$zhkg" export --format json --endpoint "$sparql" | python3 -c '
import json, sys
g = json.load(sys.stdin)
print("export over --endpoint:", len(g["nodes"]), "nodes,", len(g["links"]), "links")'
