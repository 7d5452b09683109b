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

. "$(cd "$(dirname "$0")" && pwd)/remote-checks.sh"
check_remote_store "Oxigraph server" "$zhkg" "$gsp" "$sparql" "$work"
