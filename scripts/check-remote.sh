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

. "$here/remote-checks.sh"
check_remote_store "Virtuoso store" "$zhkg" "$gsp" "$sparql" "$work"
