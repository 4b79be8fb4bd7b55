#!/usr/bin/env bash
# Writes N generated drafts (one draft-NNNNNN.txt each) for bench/pipeline_bench.cpp.
#
#   bench/make_drafts.sh [N] [DIR]      defaults: 5000 build/bench-data
#   ESCALINT_BENCH_DATA=DIR build/release/bench/escalint_bench
#
# The generator is deterministic (seed 42), so a folder that already holds exactly N
# drafts is kept as it is. GEN_CORPUS overrides the generator's path.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-5000}
dir=${2:-$root/build/bench-data}
gen=${GEN_CORPUS:-$root/../shared/tools/gen_corpus.py}

if [[ ! $n =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [N] [DIR]" >&2
  exit 2
fi
if [[ ! -f $gen ]]; then
  echo "$0: generator not found: $gen (set GEN_CORPUS)" >&2
  exit 2
fi

if [[ -d $dir ]] && [[ $(find "$dir" -maxdepth 1 -name 'draft-*.txt' | wc -l) -eq $n ]]; then
  echo "$dir: already holds $n drafts" >&2
  exit 0
fi
mkdir -p "$dir"
find "$dir" -maxdepth 1 -name 'draft-*.txt' -delete
python3 "$gen" --n "$n" --seed 42 --out-dir "$dir" >/dev/null
echo "$dir: $n drafts, $(du -sb "$dir" | cut -f1) bytes on disk" >&2
