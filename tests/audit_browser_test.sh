#!/usr/bin/env bash
# Browser test of the `escalint audit` HTML report in Debian's headless Chromium.
#   audit_browser_test.sh <escalint binary> <work folder under the build>
# Audits a few dated tickets (and a missing file), then, in Chromium at 1280x800 and at
# a phone's 390x844: saves screenshots under <work>/shots, and measures the rendered
# report (through a same-folder page that loads it in an iframe): one drawn bar per
# rule in the missing-elements chart, every chart drawn, the totals shown, and no
# sideways scrolling of the page.
# Exits 77 (ctest: skipped) when chromium or python3 is missing; 0 pass; 1 fail.
set -uo pipefail
bin=$1
mkdir -p "$2" && work=$(cd "$2" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "skip: $chromium is not installed (scripts/setup.sh installs it)"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
rm -rf "$work/shots" "$work/profile"
mkdir -p "$work/shots"

python3 - "$work/tickets.jsonl" <<'PY'
import json, sys
bodies = [
    "Our checkout on Adobe Commerce 2.4.6 fails since order 100045821. We emailed Brightlane on 3 March; "
    "they replied it is out of scope, but section 4 of the statement of work lists it.",
    "Everything is broken and nothing works. Please fix asap.",
    "Hej, kassan är trasig igen sedan order 4455. Vi har inte kontaktat byrån än.",
]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(24):
        out.write(json.dumps({"id": f"T-{i}", "subject": f"Ticket {i} <b>&",
                              "body": bodies[i % 3],
                              "created_at": f"2025-{1 + i % 6:02d}-{10 + i % 9}T10:00:00Z"}) + "\n")
PY
"$bin" audit --no-config -q --title "Audit <browser test>" "$work/tickets.jsonl" "$work/no-such-file.txt" \
  --summary "$work/summary.json" --report "$work/report.html"
status=$?
[ $status -eq 2 ] || { echo "FAIL: audit exited $status, expected 2 (the missing file)"; exit 1; }

run_chromium() {
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

fail=0
for size in 1280x800 390x844; do
  w=${size%x*} h=${size#*x}
  run_chromium --window-size="$w,$h" --screenshot="$work/shots/report-$size.png" "file://$work/report.html" >/dev/null
  # The page as laid out at this width, measured by a page next to it (file:// pages
  # may read each other only with --allow-file-access-from-files).
  cat >"$work/measure-$size.html" <<HTML
<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:${w}px;height:${h}px;border:0"></iframe>
<script>
document.getElementById('f').onload = () => {
  const d = document.getElementById('f').contentDocument;
  const drawn = (el) => !!el && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const out = {
    bars: d.querySelectorAll('#chart-missing rect.bar').length,
    bars_drawn_rows: [...d.querySelectorAll('#chart-missing rect.track')].filter(drawn).length,
    charts: ['chart-missing', 'chart-language', 'chart-trend', 'chart-scores'].filter(id => drawn(d.getElementById(id))),
    totals: Object.fromEntries([...d.querySelectorAll('[data-total]')].map(e => [e.dataset.total, e.textContent])),
    overflow: d.documentElement.scrollWidth - d.documentElement.clientWidth,
    title: d.querySelector('h1').textContent,
  };
  const pre = document.createElement('pre');
  pre.id = 'result';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
};
</script></body></html>
HTML
  run_chromium --allow-file-access-from-files --virtual-time-budget=5000 --window-size="$w,$h" \
    --dump-dom "file://$work/measure-$size.html" >"$work/measure-$size.dom"
  python3 - "$work/summary.json" "$work/measure-$size.dom" "$work/shots/report-$size.png" "$size" <<'PY' || fail=1
import html, json, re, struct, sys
summary = json.load(open(sys.argv[1]))
dom = open(sys.argv[2], encoding="utf-8").read()
size = sys.argv[4]
m = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
if not m:
    sys.exit(f"FAIL {size}: the measuring page did not report (see chromium.log)")
got = json.loads(html.unescape(m.group(1)))
errors = []
rules = len(summary["rules"])
if got["bars"] != rules: errors.append(f"{got['bars']} bars in #chart-missing, expected one per rule ({rules})")
if got["bars_drawn_rows"] != rules: errors.append(f"{got['bars_drawn_rows']} bar rows drawn, expected {rules}")
want_charts = ["chart-missing", "chart-language", "chart-trend", "chart-scores"]
if got["charts"] != want_charts: errors.append(f"charts drawn: {got['charts']}, expected {want_charts}")
for key in ("records_read", "drafts", "errors"):
    want = f"{summary['totals'][key]:,}"
    if got["totals"].get(key) != want: errors.append(f"total {key} shows {got['totals'].get(key)!r}, expected {want!r}")
if got["overflow"] > 0: errors.append(f"the page scrolls sideways by {got['overflow']} px")
if got["title"] != "Audit <browser test>": errors.append(f"title {got['title']!r}")
png = open(sys.argv[3], "rb").read()
w, h = struct.unpack(">II", png[16:24]) if png[:8] == b"\x89PNG\r\n\x1a\n" else (0, 0)
if f"{w}x{h}" != size: errors.append(f"screenshot is {w}x{h}")
for e in errors: print(f"FAIL {size}: {e}")
print(f"{size}: {json.dumps(got)}")
sys.exit(1 if errors else 0)
PY
done
echo "screenshots: $work/shots"
exit $fail
