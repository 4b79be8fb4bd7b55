#!/usr/bin/env bash
# Sets up, builds and runs every test: a release build with -Werror, then the unit
# tests again under AddressSanitizer + UndefinedBehaviorSanitizer, then each input
# reader's libFuzzer target for 30 s. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
for preset in release asan; do
  echo "== $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
echo "== fuzz"
bash bench/fuzz.sh -t 30
