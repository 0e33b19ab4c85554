#!/usr/bin/env bash
# The README's test command. On Debian it installs what the tests need when missing (PostgreSQL, Redis,
# Chromium), starts them on loopback, builds once, runs every test project and ends with one line
# "N passed, N failed[, N skipped]". Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"
log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- services: installs and starts PostgreSQL, Redis, Chromium and nginx; exports PLATFORM_TEST_* -----------
. tools/services.sh
export PLATFORM_TEST_RESULTS="$results"

# --- build and test -------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building"
if ! dotnet build Platform.sln -c Release -nologo -v q >"$results/build.log" 2>&1; then
  grep -E "error|Error" "$results/build.log" | sort -u | head -40 >&2
  echo "0 passed, 1 failed"
  exit 1
fi

failed_projects=0
for project in tests/*Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  log "running $name"
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    >"$results/$name.log" 2>&1 || failed_projects=$((failed_projects + 1))
  grep -E "^\s*(Failed|Passed|Skipped)!|^\s+Failed [A-Za-z]|error" "$results/$name.log" | head -40 >&2
done

# Count from the TRX files: one line, whatever each runner printed.
python3 - "$results" "$failed_projects" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    passed += int(c.get("passed", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
broken = int(sys.argv[2])
if failed == 0 and broken:
    failed = broken  # a test host that crashed wrote no failing results
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or passed == 0 else 0)
PY
