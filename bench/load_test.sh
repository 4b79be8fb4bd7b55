#!/usr/bin/env bash
# Load test of `escalint serve` with wrk on loopback: 64 connections for 30 s posting
# 2 KB drafts, then more requests until REQUESTS in all, reporting requests/s,
# latency percentiles, non-2xx responses and the server's RSS before and after; then,
# for comparison, `escalint check` on the same draft in one process (drafts/s).
#
#   bench/load_test.sh [BINARY]        (default build/release/src/escalint)
#   REQUESTS=1000000 CONNECTIONS=64 DURATION=30 bench/load_test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/src/escalint}
requests=${REQUESTS:-1000000}
connections=${CONNECTIONS:-64}
duration=${DURATION:-30}
port=${PORT:-18181}
command -v wrk >/dev/null || { echo "load_test: wrk is not installed (apt-get install wrk)"; exit 2; }

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$bin" "$work/escalint"  # a private copy: a rebuild cannot swap it mid-run

# One 2 KB draft from the deterministic generator, as the request body.
python3 ../shared/tools/gen_corpus.py --n 50 --out-dir "$work/drafts" >/dev/null
draft=$(ls -S "$work"/drafts/*.txt | awk 'NR==1')
python3 - "$draft" "$work/post.lua" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()[:2048]
body = json.dumps({"text": text})
lua = 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = %s\n' % json.dumps(body)
lua += 'function response(status, headers, body) if status ~= 200 then errors = (errors or 0) + 1 end end\n'
open(sys.argv[2], "w").write(lua)
PY

"$work/escalint" serve --port "$port" --quiet --no-config &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
# Warm up (lazy pattern compilation, DFA states), then measure RSS as the baseline.
wrk -t2 -c"$connections" -d3s -s "$work/post.lua" "http://127.0.0.1:$port/v1/check" >/dev/null
rss_before=$(rss)
echo "== $connections connections for ${duration}s"
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v1/check" | tee "$work/wrk.txt"
served() { curl -s "http://127.0.0.1:$port/metrics" | awk '/^escalint_http_requests_total/ { n += $2 } END { print n + 0 }'; }
# More load, in rounds of up to a minute, until the server has answered REQUESTS.
while [ "$(served)" -lt "$requests" ]; do
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt" | tail -1)
  seconds=$(python3 -c "import math; print(min(60, max(5, math.ceil(($requests - $(served)) / max(1.0, $rate)))))")
  echo "== $(served) requests served; ${seconds}s more"
  wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/v1/check" >"$work/wrk.txt"
  grep -E "requests in|Requests/sec|Non-2xx|Socket errors" "$work/wrk.txt"
done
rss_after=$(rss)
echo "server RSS before: ${rss_before} KiB, after: ${rss_after} KiB, growth: $(python3 -c "print(f'{($rss_after - $rss_before) / $rss_before * 100:.1f}%')")"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^escalint_http_requests_total' || true
kill -TERM "$server"; wait "$server" || true

# The same draft checked in one process, 20,000 times (one JSONL line each).
python3 - "$draft" "$work/same.jsonl" <<'PY'
import json, sys
line = json.dumps({"text": open(sys.argv[1], encoding="utf-8").read()[:2048]})
open(sys.argv[2], "w").write((line + "\n") * 20000)
PY
start=$(date +%s%N)
"$work/escalint" check --no-config --format json "$work/same.jsonl" >/dev/null || [ $? -eq 1 ]
end=$(date +%s%N)
echo "escalint check in one process: $(python3 -c "print(f'{20000 / (($end - $start) / 1e9):.0f}')") drafts/s"
