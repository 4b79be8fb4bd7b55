#!/usr/bin/env bash
# escalint next to two prose linters on the same generated drafts, each in its batch
# mode (one process given every file): drafts/s and peak RSS. Builds nothing.
#
#   bench/compare_linters.sh [-n N] [BINARY]
#
#   -n N      drafts (default 1000)
#   BINARY    the escalint executable (default build/release/src/escalint)
#
# proselint is Debian's python3-proselint (`apt-get install python3-proselint`);
# write-good comes from npm and is installed into build/bench-tools on first use.
# The linters check different things (style versus the escalation guidance), so this
# compares cost per draft, not findings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=1000
gen=${GEN_CORPUS:-$root/../shared/tools/gen_corpus.py}
tools=$root/build/bench-tools

usage() {
  sed -n '5,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while getopts "n:h" opt; do
  case $opt in
    n) n=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -le 1 ]] || usage
[[ $n =~ ^[1-9][0-9]*$ ]] || usage
source "$root/bench/timing.sh"
bin=$(escalint_binary "${1:-}")
command -v proselint >/dev/null || { echo "$0: needs proselint (apt-get install python3-proselint)" >&2; exit 2; }
if [[ ! -x $tools/node_modules/.bin/write-good ]]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent write-good@1.0.8 >&2
fi

tmp=$(mktemp -d -t escalint-compare.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 "$gen" --n "$n" --out-dir "$tmp/drafts" >/dev/null 2>&1
mapfile -t files < <(find "$tmp/drafts" -name 'draft-*.txt' | sort)
bytes=$(cat "${files[@]}" | wc -c)

# measure LABEL VERSION COMMAND...: one table row. Exit statuses are ignored (each tool
# exits non-zero when it has findings); an empty output means the run failed.
measure() {
  local label=$1 version=$2
  shift 2
  /usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" || true
  if [[ ! -s $tmp/out.txt ]]; then
    echo "$0: $label printed nothing: $(head -c 500 "$tmp/err.txt")" >&2
    exit 1
  fi
  local wall cpu rss
  wall=$(seconds "$(field 'Elapsed (wall clock)')")
  cpu=$(awk -v u="$(field 'User time')" -v s="$(field 'System time')" 'BEGIN { print u + s }')
  rss=$(field 'Maximum resident set size')
  awk -v l="$label" -v v="$version" -v d="$n" -v b="$bytes" -v w="$wall" -v c="$cpu" -v r="$rss" \
    'BEGIN { printf "| %s | %s | %.2f | %.2f | %.0f | %.2f | %.1f |\n", l, v, w, c, d / w, b / w / 1e6, r / 1024 }'
}

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "drafts: $n, $bytes bytes"
echo
echo "| tool | version | wall s | CPU s | drafts/s | MB/s | peak RSS MiB |"
echo "|---|---|---:|---:|---:|---:|---:|"
measure "escalint check --format json" "$("$bin" --version | head -1)" "$bin" check --format json "${files[@]}"
# proselint keeps results per text under $XDG_CACHE_HOME: an empty cache for each run,
# or a second run would only read the first one's results.
mkdir -p "$tmp/cache"
measure "proselint" "$(dpkg-query -W -f '${Version}' python3-proselint 2>/dev/null || echo '?')" \
  env XDG_CACHE_HOME="$tmp/cache" proselint "${files[@]}"
measure "write-good" "$(node -p "require('$tools/node_modules/write-good/package.json').version")" \
  "$tools/node_modules/.bin/write-good" "${files[@]}"
