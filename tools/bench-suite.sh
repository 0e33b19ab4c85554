#!/usr/bin/env bash
# The benchmark suite (issue 6): named scenarios — public pages, deadline evening, synchronized start spike, results
# day — on SQLite with one node and on PostgreSQL + Redis with two nodes behind nginx, each next to bare Kestrel in the
# same run, with every node's peak memory. Prints a Markdown report (also written to the --output file when given).
# Usage: tools/bench-suite.sh [driver options]   e.g. --topologies sqlite --scenarios pages,spike --contestants 2000
# Options and defaults: tests/Platform.LoadDriver/README.md. Installs and starts PostgreSQL, Redis and nginx as test.sh
# does (tools/services.sh). Takes about 25 minutes with the defaults on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d /tmp/platform-bench-XXXXXX)
log() { printf '[bench-suite] %s\n' "$*" >&2; }
. tools/services.sh
export PLATFORM_TEST_RESULTS="$results" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building (Release); node, nginx and Redis logs go to $results/cluster"
if ! dotnet build tests/Platform.LoadDriver -c Release -nologo -v q >"$results/build.log" 2>&1; then
  grep -E "error" "$results/build.log" | sort -u | head -20 >&2
  exit 1
fi
exec dotnet tests/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll "$@"
