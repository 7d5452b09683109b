#!/usr/bin/env bash
# Short fuzz run of the extraction crate (issue 12): each cargo-fuzz target
# of fuzz/ for SECONDS (default 20), starting from the seeds in fuzz/seeds/
# and writing what it finds to a temporary corpus (nothing in the
# repository changes). A crash stops the run with the failing input,
# which `cargo +nightly fuzz run TARGET FILE` replays.
#
#   scripts/fuzz.sh [SECONDS]
#
# Needs the nightly toolchain and cargo-fuzz (.ci/run installs both).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-20}
# The targets depend on zhkg-extract alone: nothing of the store is built
# under the sanitizers.
if cargo tree -e normal,build --prefix none | grep -E '^(oxigraph|oxrocksdb-sys|bindgen|clang-sys) '; then
  echo "the fuzz crate depends on the store's stack (above)" >&2
  exit 1
fi
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cargo +nightly fuzz build -O
for target in extract_bytes:extract extract_str:extract jsonl:jsonl; do
  name=${target%%:*} seeds=seeds/${target##*:}
  mkdir -p "$corpus/$name"
  echo "== fuzz $name for ${secs} s"
  if ! cargo +nightly fuzz run -O "$name" "$corpus/$name" "$seeds" -- \
    -max_total_time="$secs" -max_len=8192 -rss_limit_mb=3072 -print_final_stats=1 \
    >"$corpus/$name.log" 2>&1; then
    tail -40 "$corpus/$name.log" >&2
    echo "fuzz target $name failed" >&2
    exit 1
  fi
  grep -E '^(stat::(number_of_executed_runs|new_units_added|peak_rss_mb)|Done [0-9]+ runs)' "$corpus/$name.log"
done
