#!/usr/bin/env bash
# Starts a private Virtuoso Open Source server (Debian: virtuoso-opensource)
# in DIR, on loopback, whose SPARQL endpoint and Graph Store Protocol
# endpoint accept anonymous writes: the remote store of the tests.
#   scripts/virtuoso.sh DIR HTTP_PORT SQL_PORT
# Prints the two URLs; `kill $(cat DIR/pid)` stops it.
set -euo pipefail
dir=$1 http=$2 sql=$3
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sed -e "s#/var/lib/virtuoso-opensource-7/db#$dir#g" \
    -e "s#^ServerPort *= *1111#ServerPort = 127.0.0.1:$sql#" \
    -e "s#^ServerPort *= *8890#ServerPort = 127.0.0.1:$http#" \
    /etc/virtuoso-opensource-7/virtuoso.ini > "$dir/virtuoso.ini"
# exec: the pid written is the server's own, so killing it stops the server
# (it was the pid of a shell around it, which left the server running).
(cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" > "$dir/stdout.log" 2>&1) &
echo $! > "$dir/pid"
for _ in $(seq 1 120); do
  isql-vt "$sql" dba dba exec="status();" >/dev/null 2>&1 && break
  sleep 0.5
done
# Anonymous SPARQL (user SPARQL) may update, and may write any graph.
# (A fresh database may have the grant already: that is not an error.)
isql-vt "$sql" dba dba exec="GRANT SPARQL_UPDATE TO \"SPARQL\";" >/dev/null 2>&1 || true
isql-vt "$sql" dba dba exec="DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" >/dev/null
echo "sparql http://127.0.0.1:$http/sparql"
echo "graph-store http://127.0.0.1:$http/sparql-graph-crud"
