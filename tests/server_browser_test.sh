#!/usr/bin/env bash
# Browser test of the escalint serve page (see tests/browser/page_test.mjs).
#   server_browser_test.sh <escalint binary> <work folder under the build>
# Exits 77 (ctest: skipped) when node, npm or chromium is missing, or playwright-core
# cannot be installed; 0 when the test passes; 1 when it fails.
set -uo pipefail
bin=$1
mkdir -p "$2" && work=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}

command -v node >/dev/null || { echo "skip: node is not installed"; exit 77; }
[ -x "$chromium" ] || { echo "skip: $chromium is not installed (scripts/setup.sh installs it)"; exit 77; }
mkdir -p "$work/shots"
if [ ! -d "$work/node_modules/playwright-core" ]; then
  command -v npm >/dev/null || { echo "skip: npm is not installed"; exit 77; }
  [ -f "$work/package.json" ] || echo '{"private": true}' > "$work/package.json"
  if ! (cd "$work" && timeout 300 npm install --no-audit --no-fund --silent playwright-core@1 >npm.log 2>&1); then
    echo "skip: npm install playwright-core failed (see $work/npm.log)"
    exit 77
  fi
fi

log="$work/serve.log"
"$bin" serve --port 0 --threads 2 --no-config 2>"$log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
port=""
for _ in $(seq 300); do
  port=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 $pid 2>/dev/null || { echo "escalint serve exited:"; cat "$log"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "escalint serve did not start"; cat "$log"; exit 1; }

timeout 120 node "$here/browser/page_test.mjs" "http://127.0.0.1:$port/" "$work/shots" "$work"
status=$?
echo "screenshots: $work/shots"
exit $status
