#!/usr/bin/env bash
# Updates the JavaScript the graph explorer ships in the binary (vendored
# from npm; nothing loads from the network at run time):
#   crates/serve/assets/update-vendor.sh [VERSION]
# fetches the cytoscape package with `npm pack` and copies its minified UMD
# build and its licence beside this script. Rebuild zhkg afterwards
# (include_bytes!), run the browser test, and commit both files.
set -euo pipefail
version=${1:-3.35.0}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$version" >/dev/null && tar xzf cytoscape-*.tgz)
cp "$tmp/package/dist/cytoscape.min.js" "$here/vendor/cytoscape.min.js"
cp "$tmp/package/LICENSE" "$here/vendor/cytoscape.LICENSE"
echo "cytoscape $version" >"$here/vendor/VERSION"
echo "vendored cytoscape $version: $(wc -c <"$here/vendor/cytoscape.min.js") bytes"
