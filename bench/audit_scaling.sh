#!/usr/bin/env bash
# How `escalint audit` scales: single-job throughput, the speed-up from 1 to 2 jobs, and
# peak RSS at a small and a large input (streaming must keep memory flat). Builds nothing.
#
#   bench/audit_scaling.sh [-n N] [-s SMALL] [BINARY]
#
#   -n N       drafts in the large run (default 100000)
#   -s SMALL   drafts in the small run for the RSS comparison (default 10000)
#   BINARY     the escalint executable (default build/release/src/escalint)
#
# The drafts come from ../shared/tools/gen_corpus.py (seed 42; GEN_CORPUS overrides the
# path) as one JSONL file, audited with --out and --summary written to the temporary
# folder. Every run is timed with GNU time; the 1- and 2-job runs read the same file one
# after the other, so their ratio is measured under the same conditions.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=100000
small=10000
gen=${GEN_CORPUS:-$root/../shared/tools/gen_corpus.py}

usage() {
  sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while getopts "n:s:h" opt; do
  case $opt in
    n) n=$OPTARG ;;
    s) small=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -le 1 ]] || usage
[[ $n =~ ^[1-9][0-9]*$ && $small =~ ^[1-9][0-9]*$ ]] || usage
((small <= n)) || { echo "$0: -s must not exceed -n" >&2; exit 2; }
source "$root/bench/timing.sh"
bin=$(escalint_binary "${1:-}")

tmp=$(mktemp -d -t escalint-audit-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp "$bin" "$tmp/escalint"
bin=$tmp/escalint

python3 "$gen" --n "$n" --jsonl "$tmp/large.jsonl" >/dev/null
head -n "$small" "$tmp/large.jsonl" >"$tmp/small.jsonl"

# audit INPUT JOBS LABEL: prints one table row; leaves the wall time in $wall.
audit() {
  local input=$1 jobs=$2 label=$3 rc=0 drafts bytes
  /usr/bin/time -v -o "$tmp/time.txt" "$bin" audit --quiet --jobs "$jobs" \
    --out "$tmp/results.jsonl" --summary "$tmp/summary.json" "$input" || rc=$?
  if ((rc > 1)); then
    echo "$0: escalint audit failed with exit status $rc" >&2
    exit 1
  fi
  drafts=$(wc -l <"$input")
  bytes=$(stat -c %s "$input")
  wall=$(seconds "$(field 'Elapsed (wall clock)')")
  local cpu rss
  cpu=$(awk -v u="$(field 'User time')" -v s="$(field 'System time')" 'BEGIN { print u + s }')
  rss=$(field 'Maximum resident set size')
  awk -v l="$label" -v d="$drafts" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" -v j="$jobs" \
    'BEGIN { printf "| %s | %d | %d | %.2f | %.2f | %.0f | %.1f | %.1f |\n", l, d, j, w, c, d / w, b / w / 1e6, r / 1024 }'
}

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| run | drafts | jobs | wall s | CPU s | drafts/s | MB/s | peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
audit "$tmp/large.jsonl" 1 "large, 1 job"
w1=$wall
audit "$tmp/large.jsonl" 2 "large, 2 jobs"
w2=$wall
audit "$tmp/small.jsonl" 2 "small, 2 jobs"
rss_small=$(field 'Maximum resident set size')
audit "$tmp/large.jsonl" 2 "large, 2 jobs (again)"
rss_large=$(field 'Maximum resident set size')
echo
awk -v a="$w1" -v b="$w2" 'BEGIN { printf "speed-up 1 -> 2 jobs: %.2fx\n", a / b }'
awk -v s="$rss_small" -v l="$rss_large" -v ns="$small" -v nl="$n" \
  'BEGIN { printf "peak RSS %d drafts / %d drafts: %.2fx\n", nl, ns, l / s }'
