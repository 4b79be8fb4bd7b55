#!/usr/bin/env bash
# Sets up, builds (release) and checks every sample draft in corpus/, then scores the
# findings against corpus/labels.jsonl when ../shared/tools/score.py is present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
status=0
build/release/src/escalint check -r corpus/ "$@" || status=$?
if [ -f ../shared/tools/score.py ]; then
  python3 ../shared/tools/score.py --bin build/release/src/escalint --labels corpus/labels.jsonl
fi
# Findings (exit 1) are what the sample drafts are for; only a usage or input error fails.
if [ "$status" -ge 2 ]; then
  echo "check-corpus: escalint check exited $status" >&2
  exit "$status"
fi
