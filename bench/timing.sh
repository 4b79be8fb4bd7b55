# Sourced by the whole-process bench scripts: the checks they share and GNU time's report.
# Needs $root (the repository) and $gen (gen_corpus.py); timed commands write their
# report to "$tmp/time.txt".

# escalint_binary [PATH]: the absolute path of the escalint to measure (default the
# release build), after checking it, the generator and GNU time are there.
escalint_binary() {
  local bin
  bin=$(realpath "${1:-$root/build/release/src/escalint}")
  [[ -x $bin ]] || { echo "$0: not an executable: $bin (build it first)" >&2; exit 2; }
  [[ -f $gen ]] || { echo "$0: generator not found: $gen (set GEN_CORPUS)" >&2; exit 2; }
  [[ -x /usr/bin/time ]] || { echo "$0: needs GNU time (apt-get install time)" >&2; exit 2; }
  echo "$bin"
}

# GNU time's report, one field by its label.
field() { grep -F "$1" "$tmp/time.txt" | sed 's/.*: //'; }
# "h:mm:ss" or "m:ss.ss" as seconds.
seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$1"; }
