#!/usr/bin/env bash
# Whole-process benchmark of `escalint check`: throughput and peak RSS over N generated
# drafts, and the cold start on one draft of about 2 KB. Builds nothing.
#
#   bench/whole_process.sh [-n N] [-r RUNS] [BINARY]
#
#   -n N      drafts to generate (default 100000)
#   -r RUNS   cold-start runs (default 50)
#   BINARY    the escalint executable (default build/release/src/escalint)
#
# The drafts come from ../shared/tools/gen_corpus.py (seed 42; GEN_CORPUS overrides the
# path), one .txt file each, in a temporary folder that is removed afterwards. Exit
# status 0 and 1 from escalint (no findings / findings) are both success.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=100000
runs=50
gen=${GEN_CORPUS:-$root/../shared/tools/gen_corpus.py}

usage() {
  sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while getopts "n:r:h" opt; do
  case $opt in
    n) n=$OPTARG ;;
    r) runs=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -le 1 ]] || usage
[[ $n =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || usage
source "$root/bench/timing.sh"
bin=$(escalint_binary "${1:-}")

tmp=$(mktemp -d -t escalint-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# A private copy, so that a rebuild during the run does not change the binary under it.
cp "$bin" "$tmp/escalint"
built=$bin
bin=$tmp/escalint

# escalint exits 1 when it reports findings: that is a successful run here.
run_check() {
  local rc=0
  "$@" || rc=$?
  if ((rc > 1)); then
    echo "$0: escalint failed with exit status $rc: $*" >&2
    exit 1
  fi
}

echo "== machine"
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), nproc $(nproc)"
echo "binary: $built (sha256 $(sha256sum "$bin" | cut -c1-12), run from a private copy)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

echo
echo "== generating $n drafts"
start=$(date +%s%N)
python3 "$gen" --n "$n" --seed 42 --out-dir "$tmp/drafts" 2>&1
bytes=$(find "$tmp/drafts" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "$n drafts, $bytes bytes, in $((($(date +%s%N) - start) / 1000000)) ms"

echo
echo "== throughput: escalint check --format json -r DIR > /dev/null"
sync
run_check /usr/bin/time -v -o "$tmp/time.txt" "$bin" check --format json -r "$tmp/drafts" >/dev/null
wall=$(seconds "$(field 'Elapsed (wall clock) time')")
user=$(field 'User time (seconds)')
sys=$(field 'System time (seconds)')
rss=$(field 'Maximum resident set size (kbytes)')
awk -v n="$n" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
  printf "wall %.2f s (user %.2f s, sys %.2f s)\n", w, u, s
  printf "drafts/s:  %.0f wall-clock, %.0f per CPU second (user + sys)\n", n / w, n / (u + s)
  printf "MB/s:      %.2f wall-clock, %.2f per CPU second (1 MB = 10^6 bytes)\n", b / 1e6 / w, b / 1e6 / (u + s)
  printf "peak RSS:  %.1f MiB\n", r / 1024
}'

# The generated draft closest to 2 KB (the first of them on a tie).
draft=$(find "$tmp/drafts" -name '*.txt' -printf '%s %p\n' | sort -k2 |
  awk '{ d = $1 - 2048; if (d < 0) d = -d; if (best == "" || d < bd) { best = $2; bd = d } }
       END { print best }')
cp "$draft" "$tmp/draft-2k.txt"
echo
echo "== cold start: escalint check $(basename "$draft") ($(stat -c %s "$draft") bytes), $runs runs"
run_check /usr/bin/time -v -o "$tmp/time.txt" "$bin" check "$tmp/draft-2k.txt" >/dev/null
echo "peak RSS (one run): $(awk '{ printf "%.1f MiB", $1 / 1024 }' <<<"$(field 'Maximum resident set size (kbytes)')")"
# `escalint --version` is the floor: process start and dynamic linking, no rules.
commands=("$bin --version" "$bin check $tmp/draft-2k.txt")
if command -v hyperfine >/dev/null; then
  hyperfine --shell=none --ignore-failure --warmup 5 --runs "$runs" --style basic \
    --export-json "$tmp/hyperfine.json" "${commands[@]}"
  python3 - "$tmp/hyperfine.json" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    ms = tuple(1e3 * r[k] for k in ("mean", "stddev", "median", "min", "max"))
    print("%s: mean %.2f ms ± %.2f ms, median %.2f ms, min %.2f ms, max %.2f ms"
          % ((r["command"].split("/")[-1],) + ms))
EOF
else
  for command in "${commands[@]}"; do
    read -r -a argv <<<"$command"
    for _ in $(seq 5); do run_check "${argv[@]}" >/dev/null; done
    times=()
    for _ in $(seq "$runs"); do
      t0=$(date +%s%N)
      run_check "${argv[@]}" >/dev/null
      times+=($(($(date +%s%N) - t0)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v c="${command##*/}" '{ t[NR] = $1 / 1e6; s += t[NR] }
      END { printf "%s: mean %.2f ms, median %.2f ms, min %.2f ms, max %.2f ms (date loop)\n",
                   c, s / NR, t[int((NR + 1) / 2)], t[1], t[NR] }'
  done
fi
