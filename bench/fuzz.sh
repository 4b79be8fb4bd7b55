#!/usr/bin/env bash
# Builds the libFuzzer targets of the input readers (preset "fuzz": clang, ASan + UBSan,
# in build/fuzz) and runs each of them for a while. CI runs `bench/fuzz.sh -t 30`.
#
#   bench/fuzz.sh [-t SECONDS] [-j JOBS] [READER...]
#
#   -t SECONDS  how long each target runs (default 30)
#   -j JOBS     targets run at the same time (default nproc)
#   READER      mime mbox html json jsonl csv (default all)
#
# Each target starts from a fresh corpus in build/fuzz/corpus/READER, seeded with the
# matching files of corpus/ and ../shared/fixtures/mail (beside the repository; FIXTURES
# overrides the path). Logs go to build/fuzz/logs, crashing inputs to build/fuzz/artifacts.
# Exit status 1 when any target finds a crash, leak, timeout or out-of-memory input.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=30
jobs=$(nproc)
fixtures=${FIXTURES:+$(realpath "$FIXTURES")}
fixtures=${fixtures:-../shared/fixtures/mail}  # from the repository root
all_readers=(mime mbox html json jsonl csv)

usage() {
  sed -n '5,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[[ ${1-} != --help ]] || usage
while getopts "t:j:h" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
readers=("${@:-${all_readers[@]}}")
[[ $seconds =~ ^[1-9][0-9]*$ && $jobs =~ ^[1-9][0-9]*$ ]] || usage
for r in "${readers[@]}"; do
  [[ " ${all_readers[*]} " == *" $r "* ]] || usage
done
command -v clang++ >/dev/null || { echo "$0: needs clang (scripts/setup.sh)" >&2; exit 2; }
cd "$root"
[[ -d $fixtures ]] || { echo "$0: fixtures not found: $fixtures (set FIXTURES)" >&2; exit 2; }
out=build/fuzz
echo "== building the fuzz targets ($out)"
start=$(date +%s)
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs"
echo "built in $(($(date +%s) - start)) s"

# The seed files of one reader: every file of the drafts and the mail fixtures it reads.
seeds() {
  local sources=(corpus "$fixtures")
  case $1 in
    mime) find corpus -name '*.eml'
          find "$fixtures" -type f ! -name INDEX.tsv ! -name PROVENANCE.md ;;
    mbox) find "${sources[@]}" -type f -exec sh -c 'head -c5 "$1" | grep -q "^From "' _ {} \; -print ;;
    html) find "${sources[@]}" -type f -exec grep -lis -e '<html' -e '<body' {} + ;;
    json) find "${sources[@]}" -type f -name '*.json' ;;
    jsonl) find "${sources[@]}" -type f \( -name '*.jsonl' -o -name '*.ndjson' \) ;;
    csv) find "${sources[@]}" -type f \( -name '*.csv' -o -name '*.tsv' \) ;;
  esac
}

# Runs one target; its exit status is libFuzzer's (0: nothing found).
fuzz() {
  local r=$1 corpus=$out/corpus/$1
  rm -rf "$corpus"
  mkdir -p "$corpus" "$out/artifacts"
  seeds "$r" | while read -r f; do cp "$f" "$corpus/seed-$(tr / _ <<<"${f#"$fixtures"/}")"; done
  UBSAN_OPTIONS=print_stacktrace=1 "$out/src/fuzz_$r" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/artifacts/$r-" "$corpus" \
    >"$out/logs/$r.log" 2>&1
}

echo
echo "== fuzzing ${readers[*]}: $seconds s each, $jobs at a time"
rm -rf "$out/logs"
mkdir -p "$out/logs"
start=$(date +%s)
running=0
for r in "${readers[@]}"; do
  if ((running == jobs)); then
    wait -n
    running=$((running - 1))
  fi
  (
    rc=0
    fuzz "$r" || rc=$?
    echo "$rc" >"$out/logs/$r.rc"
  ) &
  running=$((running + 1))
done
wait

failed=0
for r in "${readers[@]}"; do
  log=$out/logs/$r.log
  seeded=$(find "$out/corpus/$r" -name 'seed-*' | wc -l)
  echo
  echo "-- fuzz_$r ($seeded seeds; log $log)"
  grep -E '^#[0-9]+\s+DONE|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" || true
  if [[ $(cat "$out/logs/$r.rc") != 0 ]]; then
    failed=1
    grep -E '^==[0-9]+==ERROR|^SUMMARY|runtime error' "$log" | head -5 || true
    artifact=$(grep -o 'Test unit written to .*' "$log" | sed 's/Test unit written to //' || true)
    if [[ -n $artifact ]]; then
      echo "FAILED: fuzz_$r: $artifact (replay: $out/src/fuzz_$r $artifact)"
    else
      echo "FAILED: fuzz_$r: no input saved, see $log"
    fi
  fi
done
echo
echo "fuzzed in $(($(date +%s) - start)) s"
exit $failed
