# Sourced by scripts/check-remote.sh (Virtuoso) and
# scripts/check-oxigraph-server.sh (Oxigraph's server): the assertions every
# remote store must pass against the local store built from the same seed.
#   check_remote_store NAME ZHKG GRAPH-STORE-URL SPARQL-URL WORKDIR

check_remote_store() {
  local name=$1 zhkg=$2 gsp=$3 sparql=$4 work=$5
  "$zhkg" build -q data/samples --store "$work/local.db"
  "$zhkg" build -q data/samples --endpoint "$gsp"
  local local_stats remote_stats
  local_stats=$("$zhkg" stats --format json --store "$work/local.db")
  remote_stats=$("$zhkg" stats --format json --endpoint "$sparql")
  [ "$local_stats" = "$remote_stats" ] || {
    echo "stats differ: local $local_stats / remote $remote_stats" >&2
    return 1
  }
  echo "zhkg stats: the $name and the local store agree"

  local count before want after again
  count='SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/zhkg/doc/000_6107cf6e62a931db> { ?s ?p ?o } }'
  before=$("$zhkg" query -e "$count" --format csv --endpoint "$sparql" | tail -1 | tr -d '\r')
  want=$("$zhkg" query -e "$count" --format csv --store "$work/local.db" | tail -1 | tr -d '\r')
  "$zhkg" build -q data/samples --endpoint "$gsp"
  after=$("$zhkg" query -e "$count" --format csv --endpoint "$sparql" | tail -1 | tr -d '\r')
  [ "$before" = "$want" ] && [ "$after" = "$want" ] || {
    echo "document graph: local $want triples, remote $before, after a rebuild $after" >&2
    return 1
  }
  echo "document graph: $want triples remote as local, and again after a rebuild (replaced, not duplicated)"
  # The rebuild left the statistics as they were.
  again=$("$zhkg" stats --format json --endpoint "$sparql")
  [ "$local_stats" = "$again" ] || { echo "stats after a rebuild: $again, want $local_stats" >&2; return 1; }

  local rows='
import json, sys
d = json.load(sys.stdin)
rows = sorted((b["event"]["value"], b["speaker"]["value"]) for b in d["results"]["bindings"])
assert rows, "no speakers"
print(rows)'
  local speakers_local speakers_remote
  speakers_local=$("$zhkg" query queries/speakers.rq --format json --store "$work/local.db" | python3 -c "$rows")
  speakers_remote=$("$zhkg" query queries/speakers.rq --format json --endpoint "$sparql" | python3 -c "$rows")
  [ "$speakers_local" = "$speakers_remote" ] || { echo "queries/speakers.rq differs" >&2; return 1; }
  echo "queries/speakers.rq: the same events and speakers remote as local"
  "$zhkg" export --format json --endpoint "$sparql" | python3 -c '
import json, sys
g = json.load(sys.stdin)
print("export over --endpoint:", len(g["nodes"]), "nodes,", len(g["links"]), "links")'
}
