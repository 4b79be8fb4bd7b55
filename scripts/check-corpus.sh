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
exit "$status"
