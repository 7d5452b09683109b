#!/usr/bin/env bash
# Hostile input (issue 12, findings 8, 9, 11, 12), with the real binary:
#
# 1. Extraction time is linear in the text whatever the text: runs of one
#    character (80k, 160k, 320k, 2M characters) and a 1 MB line of random
#    ideographs with no punctuation. Prints a table; fails only if 2M
#    characters take more than 15 times what 320k take (linear: 6.25,
#    quadratic: 39), a bound generous enough for a noisy machine.
# 2. Peak memory of a huge document stays within the stated budget:
#    200 MB + 10 bytes per byte of the document (README), for a 50 MB
#    single-line text file and a 100 MB JSON Lines record, built into a
#    store (peak RSS from GNU time).
# 3. Permissions, as an unprivileged user (root reads anything; when run
#    as root the checks run as `nobody` through setpriv): an unreadable
#    subfolder is skipped with a warning, an unreadable store is reported
#    as permission denied (not "no store"), and a store that cannot be
#    written as such.
#
#   scripts/check-robust.sh ZHKG        (about a minute)
#
# Everything is generated in a temporary folder and removed at the end.
set -euo pipefail
zhkg=$(realpath "$1")
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (Debian: time)" >&2; exit 1; }
work=$(mktemp -d)
chmod 755 "$work"
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp "$zhkg" "$work/zhkg"
zhkg=$work/zhkg

# --- 1. linear time -------------------------------------------------------
python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
for n in (80_000, 160_000, 320_000, 2_000_000):
    with open(f"{work}/run{n}.txt", "w", encoding="utf-8") as f:
        f.write("的" * n + "\n")
rng = random.Random(12)
ideographs = [chr(c) for c in range(0x4E00, 0x9FA6)]
with open(f"{work}/random.txt", "w", encoding="utf-8") as f:
    f.write("".join(rng.choices(ideographs, k=1_000_000 // 3)) + "\n")
PY
seconds() { # file -> seconds `zhkg extract` takes on it
  /usr/bin/time -f "%e" -o "$work/t" "$zhkg" extract -q "$1" >/dev/null 2>"$work/err"
  grep -q "were cut" "$work/err" || { echo "no warning naming $1:" >&2; cat "$work/err" >&2; exit 1; }
  cat "$work/t"
}
echo "== extraction time against text length (zhkg extract, one document)"
printf '%-32s %12s %9s %12s\n' input characters seconds "µs/char"
declare -A took
for f in run80000 run160000 run320000 run2000000 random; do
  chars=$(python3 -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read().strip()))" "$work/$f.txt")
  took[$f]=$(seconds "$work/$f.txt")
  printf '%-32s %12d %9.2f %12.3f\n' "$f" "$chars" "${took[$f]}" \
    "$(python3 -c "print(${took[$f]} * 1e6 / $chars)")"
done
python3 - "${took[run320000]}" "${took[run2000000]}" <<'PY'
import sys
small, big = map(float, sys.argv[1:])
ratio = big / max(small, 0.01)
print(f"2M / 320k characters: {ratio:.1f}x the time (linear 6.25x, quadratic 39x)")
if ratio > 15:
    sys.exit("extraction is not linear in the text's length")
PY

# --- 2. memory of huge documents -------------------------------------------
python3 - "$work" <<'PY'
import json, random, sys
work = sys.argv[1]
rng = random.Random(9)
ideographs = [chr(c) for c in range(0x4E00, 0x9FA6)]
def text(size, marks):
    parts, n = [], 0
    while n < size:
        p = "".join(rng.choices(ideographs, k=rng.randint(5, 40))) + rng.choice(marks)
        parts.append(p)
        n += len(p.encode())
    return "".join(parts)
with open(f"{work}/line50.txt", "w", encoding="utf-8") as f:
    f.write(text(50_000_000, ",、") + "\n")
with open(f"{work}/record100.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "huge", "text": text(100_000_000, "。,、")}, ensure_ascii=False) + "\n")
PY
echo "== peak memory of huge documents (zhkg build; budget 200 MB + 10 x the document)"
for f in line50.txt record100.jsonl; do
  bytes=$(stat -c %s "$work/$f")
  /usr/bin/time -f "%e %M" -o "$work/t" "$zhkg" build -q "$work/$f" --store "$work/big.db" 2>"$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  read -r secs kb <"$work/t"
  budget=$((200 * 1024 + 10 * bytes / 1024))
  printf '%-18s %5d MB  %6.1f s  peak %5d MB  budget %5d MB\n' "$f" $((bytes / 1000000)) "$secs" \
    $((kb / 1024)) $((budget / 1024))
  [ "$kb" -le "$budget" ] || { echo "$f: peak memory over the budget" >&2; exit 1; }
  rm -rf "$work/big.db"
done

# --- 3. permissions, as an unprivileged user --------------------------------
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
  else
    "$@"
  fi
}
echo "== permissions (as $( [ "$(id -u)" -eq 0 ] && echo nobody || id -un))"
mkdir -p "$work/in/open" "$work/in/locked"
echo "全省工会工作会议在杭举行,副省长王一鸣出席会议并讲话。" >"$work/in/open/a.txt"
echo "全市工会工作会议召开,市长李明华出席会议。" >"$work/in/locked/b.txt"
chmod 000 "$work/in/locked"
set +e
as_user "$zhkg" extract -q "$work/in" >"$work/out" 2>"$work/err"
status=$?
set -e
grep -q "王一鸣" "$work/out" || { echo "the readable file was not extracted" >&2; cat "$work/err" >&2; exit 1; }
grep -q "in/locked: folder cannot be read" "$work/err" || { echo "no warning for the unreadable folder:" >&2; cat "$work/err" >&2; exit 1; }
[ "$status" -eq 1 ] || { echo "exit $status, expected 1 (an input skipped)" >&2; exit 1; }
echo "unreadable subfolder: skipped with a warning, exit 1"
chmod 755 "$work/in/locked"

"$zhkg" build -q "$work/in" --store "$work/s.db"
chmod 700 "$work/s.db"
expect_error() { # label, expected text, command...
  local label=$1 want=$2
  shift 2
  if as_user "$@" >/dev/null 2>"$work/err"; then
    echo "$label: should have failed" >&2
    exit 1
  fi
  grep -q "$want" "$work/err" || { echo "$label: expected \"$want\", got:" >&2; cat "$work/err" >&2; exit 1; }
  echo "$label: $(tail -1 "$work/err")"
}
expect_error "unreadable store" "permission denied on $work/s.db (read)" \
  "$zhkg" query --store "$work/s.db" -e "ASK {}"
chmod -R a+rX "$work/s.db"
chmod 755 "$work/s.db"
expect_error "store not writable" "permission denied on $work/s.db/[A-Z]* (write)" \
  "$zhkg" build -q "$work/in" --force --store "$work/s.db"
as_user "$zhkg" query --store "$work/s.db" -e "ASK { ?s ?p ?o }" | grep -q true
echo "a readable store can be queried by any user"
echo "check-robust: all passed"
