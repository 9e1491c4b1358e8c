#!/usr/bin/env bash
# A/B of one scenario between two builds of the benchmark, in alternating fresh processes, with plain Akka.NET beside:
#   ab.sh <before-binary> <after-binary> <scenario> <n> <warm|cold|none> [runs]
# The binaries are bench/ActorShutdown.Benchmarks/bin/Release/net10.0/ActorShutdown.Benchmarks of two checkouts (git
# worktree add …; dotnet build -c Release bench/ActorShutdown.Benchmarks). Prints the median time, CPU and peak RSS of each.
set -euo pipefail
before=$1; after=$2; scenario=$3; n=$4; mode=$5; runs=${6:-3}
for _ in $(seq "$runs"); do
  echo "plain $("$after" one "$scenario" "$n" plain "$mode" 2>/dev/null | grep RESULT)"
  echo "before $("$before" one "$scenario" "$n" guardian "$mode" 2>/dev/null | grep RESULT)"
  echo "after $("$after" one "$scenario" "$n" guardian "$mode" 2>/dev/null | grep RESULT)"
done | python3 "$(dirname "$0")/medians.py"
