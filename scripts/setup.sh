#!/usr/bin/env bash
# Installs every Debian 12 package escalint needs to build, test and benchmark.
# Idempotent: packages already present are skipped; safe to run again.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3 clang-format
  libre2-dev libicu-dev libyaml-cpp-dev libcld2-dev libgmime-3.0-dev libxml2-dev
  libboost1.81-dev libboost-program-options1.81-dev libboost-json1.81-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang libclang-rt-14-dev llvm  # bench/fuzz.sh: libFuzzer and sanitizer runtimes, llvm-symbolizer
  chromium  # browser tests: `escalint serve`'s page (tests/server_browser_test.sh), the audit report (tests/audit_browser_test.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
