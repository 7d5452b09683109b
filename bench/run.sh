#!/usr/bin/env bash
# Benchmarks, all in one run on the same machine, printed as Markdown:
#   bench/run.sh [SHARED_DIR] [OUT_DIR]      (defaults: ../shared, target/bench)
#
# For 2, 10 and 100 MB of real news text repeated, and 10 and 100 MB of the
# growing corpus (the same texts with persons, places and dates varied, so the
# entity set grows like an archive's; bench/make-corpus.py --grow):
#   - jieba-rs `tag` alone over the same texts (crates/extract/examples/jieba_tag.rs): the floor;
#   - zhkg extract, 1 thread, to /dev/null;
#   - zhkg build into a new on-disk store, 1 thread and 2 threads;
#   - on 2 and 10 MB, the Python peer (bench/peer.py: jieba.posseg + rdflib);
# wall time, characters/s and peak resident memory (/usr/bin/time -v) of each.
# Then the distinct entities of each 2-thread store (the build's `entities:`
# line), one 10 MB and one 50 MB document on a single line (extract and
# build), CPU against wall time of extraction, builds and the store alone
# (loading the corpus's own N-Quads) on 10 MB, and the median of 5 runs of
# every queries/*.rq and of `zhkg stats` on the stores built from 100 MB.
# Needs: python3 with jieba and rdflib (pip install jieba rdflib), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
out=${2:-target/bench}
mkdir -p "$out"
cargo build --release --quiet --bin zhkg
cargo build --release --quiet -p zhkg-extract --example jieba_tag
zhkg=target/release/zhkg
tag=target/release/examples/jieba_tag
python3 bench/make-corpus.py "$shared" "$out" 2 10 100 >&2
python3 bench/make-corpus.py --grow --zhkg "$zhkg" "$shared" "$out" 10 100 >&2
corpora="2 10 100 grow-10 grow-100"

# measure CMD...: prints "seconds peak_kb" of CMD (its output discarded, or
# kept in the file $keep when set).
measure() {
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"${keep:-/dev/null}" 2>"$out/err.txt" || {
    cat "$out/err.txt" >&2
    return 1
  }
  cat "$out/time.txt"
}

chars() { python3 -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1]) if l.strip()))" "$1"; }

echo "## Throughput"
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| corpus | characters | job | wall s | chars/s | peak RSS MiB | vs jieba tag |"
echo "|---|---|---|---|---|---|---|"
for mb in $corpora; do
  corpus="$out/corpus-${mb}MB.jsonl"
  n=$(chars "$corpus")
  read -r floor_s floor_kb < <(measure "$tag" "$corpus")
  row() { # job seconds kb
    awk -v job="$1" -v s="$2" -v kb="$3" -v n="$n" -v f="$floor_s" -v mb="$mb" \
      'BEGIN { printf "| %s MB | %d | %s | %.2f | %.0f | %.0f | %.2f |\n", mb, n, job, s, n/s, kb/1024, f/s }'
  }
  row "jieba-rs tag alone" "$floor_s" "$floor_kb"
  read -r s kb < <(measure "$zhkg" extract -q --jobs 1 "$corpus")
  row "zhkg extract, 1 thread" "$s" "$kb"
  for j in 1 2; do
    rm -rf "$out/store-$mb-$j"
    # The build's summary (stdout) names its distinct entities, for the table below.
    read -r s kb < <(keep="$out/build-$mb-$j.txt" measure "$zhkg" build --jobs "$j" "$corpus" --store "$out/store-$mb-$j")
    row "zhkg build, $j thread(s)" "$s" "$kb"
  done
  if [ "${mb#grow-}" -le 10 ]; then
    read -r s kb < <(measure python3 bench/peer.py "$corpus" "$out/peer-$mb.nt")
    row "Python peer (jieba.posseg + rdflib)" "$s" "$kb"
  fi
done

echo
echo "## Where a build's time goes"
echo
echo "CPU is user plus system time of the whole process; cores = CPU / wall."
echo "\"store alone\" loads the corpus's own extraction, written beforehand"
echo "with \`extract --format nq\` (not timed), into a new store with \`zhkg"
echo "load\`: the store's side of a build, N-Quads parsing included, without"
echo "extraction."
echo
echo "| corpus | job | wall s | CPU s | cores | vs jieba tag (wall) |"
echo "|---|---|---|---|---|---|"
# measure_cpu CMD...: prints "seconds cpu_seconds" of CMD.
measure_cpu() {
  /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$@" >/dev/null 2>"$out/err.txt" || {
    cat "$out/err.txt" >&2
    return 1
  }
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$out/time.txt"
}
for mb in 10 grow-10; do
  corpus="$out/corpus-${mb}MB.jsonl"
  read -r floor_s _ < <(measure "$tag" "$corpus")
  cpu_row() { # job seconds cpu
    awk -v job="$1" -v s="$2" -v c="$3" -v f="$floor_s" -v mb="$mb" \
      'BEGIN { printf "| %s MB | %s | %.2f | %.2f | %.2f | %.2f |\n", mb, job, s, c, c/s, f/s }'
  }
  cpu_row "jieba-rs tag alone" "$floor_s" "$(measure_cpu "$tag" "$corpus" | cut -d' ' -f2)"
  read -r s c < <(measure_cpu "$zhkg" extract -q --jobs 1 "$corpus")
  cpu_row "zhkg extract, 1 thread" "$s" "$c"
  for j in 1 2; do
    rm -rf "$out/store-cpu"
    read -r s c < <(measure_cpu "$zhkg" build -q --jobs "$j" "$corpus" --store "$out/store-cpu")
    cpu_row "zhkg build, $j thread(s)" "$s" "$c"
  done
  "$zhkg" extract -q --format nq "$corpus" >"$out/corpus-$mb.nq" 2>/dev/null
  rm -rf "$out/store-cpu"
  read -r s c < <(measure_cpu "$zhkg" load -q "$out/corpus-$mb.nq" --store "$out/store-cpu")
  cpu_row "store alone: zhkg load of its $(wc -l <"$out/corpus-$mb.nq") quads" "$s" "$c"
  rm -rf "$out/store-cpu" "$out/corpus-$mb.nq"
done

echo
echo "## Distinct entities in the 2-thread store"
echo
echo "| corpus | Person | Organization | Event | Place |"
echo "|---|---|---|---|---|"
for mb in $corpora; do
  # "entities:  Person 133174, Organization 13200, Event 16038, Place 391"
  sed -E 's/^entities: *Person ([0-9]+), Organization ([0-9]+), Event ([0-9]+), Place ([0-9]+).*/| '"$mb"' MB | \1 | \2 | \3 | \4 |/' <(grep -m1 '^entities:' "$out/build-$mb-2.txt")
done

echo
echo "## One document on a single line"
echo
echo "The texts of the growing corpus joined without their line breaks, cut to"
echo "10 and 50 MB: one document each."
echo
python3 - "$out" <<'EOF'
import json, sys
out = sys.argv[1]
for mb in (10, 50):
    with open(f"{out}/huge-{mb}MB.txt", "w", encoding="utf-8") as f:
        n = 0
        for line in open(f"{out}/corpus-grow-100MB.jsonl", encoding="utf-8"):
            t = json.loads(line)["text"].replace("\n", "")
            t = t.encode()[: mb * 1_000_000 - n].decode("utf-8", "ignore")
            f.write(t)
            n += len(t.encode())
            if n >= mb * 1_000_000 - 4:
                break
EOF
echo "| document | job | wall s | chars/s | peak RSS MiB |"
echo "|---|---|---|---|---|"
for mb in 10 50; do
  n=$(python3 -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read()))" "$out/huge-${mb}MB.txt")
  for job in extract build; do
    rm -rf "$out/store-huge"
    if [ "$job" = extract ]; then
      read -r s kb < <(measure "$zhkg" extract -q --jobs 1 "$out/huge-${mb}MB.txt")
    else
      read -r s kb < <(measure "$zhkg" build -q "$out/huge-${mb}MB.txt" --store "$out/store-huge")
    fi
    awk -v mb="$mb" -v job="$job" -v s="$s" -v kb="$kb" -v n="$n" \
      'BEGIN { printf "| %s MB | zhkg %s | %.2f | %.0f | %.0f |\n", mb, job, s, n/s, kb/1024 }'
  done
  rm -rf "$out/store-huge"
done

echo "## Queries on the stores built from 100 MB (median of 5 runs, whole command)"
echo
echo "| query | repeated, median ms | growing, median ms |"
echo "|---|---|---|"
# A command over LIMIT seconds is stopped and reported as "> LIMIT s" (the
# growing store's stats and coattendance took minutes when this was added).
LIMIT=${BENCH_QUERY_LIMIT:-60}
median() {
  local times=()
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N)
    timeout "$LIMIT" "$@" >/dev/null || { echo "> $LIMIT s"; return 0; }
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
for q in queries/*.rq; do
  echo "| $(basename "$q") | $(median "$zhkg" query "$q" --store "$out/store-100-2" --format csv) | $(median "$zhkg" query "$q" --store "$out/store-grow-100-2" --format csv) |"
done
echo "| zhkg stats | $(median "$zhkg" stats --store "$out/store-100-2") | $(median "$zhkg" stats --store "$out/store-grow-100-2") |"
