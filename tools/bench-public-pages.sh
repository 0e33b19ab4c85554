#!/usr/bin/env bash
# Cached public pages against bare Kestrel "hello", in the same run, under wrk.
# Usage: tools/bench-public-pages.sh [rounds=3] [seconds=10] [connections=64]
# Starts the platform (Release, embedded SQLite, the Bắc Kạn sample set up in a temporary data folder) and the load
# driver's bare-Kestrel baseline, then alternates wrk runs: hello, home, Thể lệ, news, per round. Prints a Markdown table
# of requests/s (median of the rounds) and each page's share of the baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; seconds=${2:-10}; connections=${3:-64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build src/Platform/Platform.Web -c Release -nologo -v q >/dev/null
dotnet build tests/Platform.LoadDriver -c Release -nologo -v q >/dev/null
data=$(mktemp -d)
platform_port=5181; baseline_port=5182
Platform__DataPath=$data ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet src/Platform/Platform.Web/bin/Release/net10.0/Platform.Web.dll --urls "http://127.0.0.1:$platform_port" >"$data/platform.log" 2>&1 &
platform=$!
dotnet tests/Platform.LoadDriver/bin/Release/net10.0/Platform.LoadDriver.dll baseline $baseline_port >"$data/baseline.log" 2>&1 &
baseline=$!
trap 'kill $platform $baseline 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$platform_port/backan-2023/the-le" && curl -fs -o /dev/null "http://127.0.0.1:$baseline_port/hello" && break
  sleep 1
done
declare -A urls=([hello]="http://127.0.0.1:$baseline_port/hello" [home]="http://127.0.0.1:$platform_port/backan-2023/"
  [the-le]="http://127.0.0.1:$platform_port/backan-2023/the-le" [tin-tuc]="http://127.0.0.1:$platform_port/backan-2023/tin-tuc")
order=(hello home the-le tin-tuc)
declare -A results
for name in "${order[@]}"; do wrk -t2 -c16 -d2s "${urls[$name]}" >/dev/null; done  # warm-up (JIT, cache fill)
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do
    rps=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "${urls[$name]}" | awk '/Requests\/sec/ {print $2}')
    results[$name]="${results[$name]:-} $rps"
    echo "round $round $name $rps" >&2
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
hello=$(echo "${results[hello]}" | median)
echo "| page | requests/s (median of $rounds × ${seconds} s, wrk -t2 -c$connections) | runs | share of bare Kestrel |"
echo "|---|---|---|---|"
for name in "${order[@]}"; do
  m=$(echo "${results[$name]}" | median)
  echo "| $name | $m |${results[$name]} | $(awk -v a="$m" -v b="$hello" 'BEGIN {printf "%.0f%%", 100*a/b}') |"
done
