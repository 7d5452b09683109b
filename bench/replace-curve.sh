#!/usr/bin/env bash
# Replacement cost against store size (issue 12, finding 10): for stores of
# the first N documents of a corpus (bench/make-corpus.py output), times a
# clean build, a rebuild of K changed documents, and `build --force` over
# all N. Prints one line per run: N, what, seconds, peak RSS (MB).
#
#   bench/replace-curve.sh ZHKG CORPUS.jsonl WORKDIR [N ...]   (default 730 7300)
#
# Corpora and stores stay in WORKDIR, outside the repository.
set -euo pipefail
zhkg=$1 corpus=$2 work=$3
shift 3
sizes=("${@:-730 7300}")
[ $# -gt 0 ] || sizes=(730 7300)
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian: time)" >&2; exit 1; }
mkdir -p "$work"
measure() { # label, command...
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" \
    || { cat "$work/stderr.txt" >&2; exit 1; }
  read -r secs kb <"$work/time.txt"
  printf '%6s  %-22s %8.2f s  %6d MB\n' "$n" "$label" "$secs" "$((kb / 1024))"
}
for n in "${sizes[@]}"; do
  head -n "$n" "$corpus" >"$work/docs.jsonl"
  rm -rf "$work/store"
  measure "clean build" "$zhkg" build -q "$work/docs.jsonl" --store "$work/store"
  for k in 10 100; do
    # The first k documents get one more sentence: their texts change.
    python3 - "$work/docs.jsonl" "$k" >"$work/changed.jsonl" <<'PY'
import json, sys
path, k = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as f:
    for i, line in enumerate(f):
        rec = json.loads(line)
        if i < k:
            rec["text"] += "\n本文有修订。"
        print(json.dumps(rec, ensure_ascii=False))
PY
    measure "$k changed" "$zhkg" build -q "$work/changed.jsonl" --store "$work/store"
    measure "$k changed back" "$zhkg" build -q "$work/docs.jsonl" --store "$work/store"
  done
  measure "--force (all $n)" "$zhkg" build -q "$work/docs.jsonl" --store "$work/store" --force
done
