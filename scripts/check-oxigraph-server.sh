#!/usr/bin/env bash
# Builds the seed into Oxigraph's own server (`oxigraph serve`, from PyPI's
# `oxigraph` package) through the Graph Store Protocol, reads it back through
# the SPARQL Protocol, and checks what scripts/check-remote.sh checks for
# Virtuoso: the same counts as the local store, a rebuild that replaces
# rather than duplicates, the same speakers.rq answer.
#   scripts/check-oxigraph-server.sh ZHKG
# The server runs with --union-default-graph: zhkg reads the default graph
# and expects it to be the union of the document graphs.
set -euo pipefail
zhkg=$1
port=${OXIGRAPH_PORT:-17878}
work=$(mktemp -d)
trap 'kill "$(cat "$work/pid" 2>/dev/null)" 2>/dev/null || true' EXIT
oxigraph serve --location "$work/oxigraph" --bind "127.0.0.1:$port" --union-default-graph \
  >"$work/server.log" 2>&1 &
echo $! >"$work/pid"
gsp=http://127.0.0.1:$port/store
sparql=http://127.0.0.1:$port/query
up() { "$zhkg" query -e 'ASK {}' --format json --endpoint "$sparql" >/dev/null 2>&1; }
for _ in $(seq 1 100); do
  up && break
  sleep 0.2
done
up || {
  echo "oxigraph serve did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

"$zhkg" build -q data/samples --store "$work/local.db"
"$zhkg" build -q data/samples --endpoint "$gsp"
local=$("$zhkg" stats --format json --store "$work/local.db")
remote=$("$zhkg" stats --format json --endpoint "$sparql")
[ "$local" = "$remote" ] || { echo "stats differ: local $local / remote $remote" >&2; exit 1; }
echo "zhkg stats: the Oxigraph server and the local store agree"

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
# The rebuild left the statistics as they were.
again=$("$zhkg" stats --format json --endpoint "$sparql")
[ "$local" = "$again" ] || { echo "stats after a rebuild: $again, want $local" >&2; exit 1; }

rows() { python3 -c '
import json, sys
d = json.load(sys.stdin)
rows = sorted((b["event"]["value"], b["speaker"]["value"]) for b in d["results"]["bindings"])
assert rows, "no speakers"
print(rows)'; }
speakers_local=$("$zhkg" query queries/speakers.rq --format json --store "$work/local.db" | rows)
speakers_remote=$("$zhkg" query queries/speakers.rq --format json --endpoint "$sparql" | rows)
[ "$speakers_local" = "$speakers_remote" ] || { echo "queries/speakers.rq differs" >&2; exit 1; }
echo "queries/speakers.rq: the same events and speakers remote as local"
"$zhkg" export --format json --endpoint "$sparql" | python3 -c '
import json, sys
g = json.load(sys.stdin)
print("export over --endpoint:", len(g["nodes"]), "nodes,", len(g["links"]), "links")'
