#!/usr/bin/env bash
# Instruction counts per operation on every bench-corpus payload (callgrind; repeatable under load): the
# Utf8JsonReader floor, the reader-built tape it replaced, the engine's tape (TapeScanner), IsValid ("validate")
# and Validate(List) ("list"). List output allocates, so the gen0 budget is raised (256 MB) to keep collections out
# of the loops; the last column says how many landed in each one (it should be 0).
# Usage: [LOOP_FILTER="telemetry.FeedbackEvent invalid list"] benchmarks/tape-instructions.sh
#        (build first: dotnet build -c Release benchmarks/CoreRegistryClient.Benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
DOTNET_TieredCompilation=0 DOTNET_GCgen0size=0x10000000 valgrind --tool=callgrind --dump-before=getppid --callgrind-out-file="$out/cg.out" \
  dotnet benchmarks/CoreRegistryClient.Benchmarks/bin/Release/net10.0/CoreRegistryClient.Benchmarks.dll --loop \
  > "$out/steps.txt" 2> "$out/valgrind.txt"
# Dumps are numbered in order: cg.out.1 holds start-up, cg.out.2 the marker's first call, each next one an
# operation's loop.
i=3
printf '%-40s %12s %6s\n' "payload operation" "instructions/op" "gen0"
while read -r schema payload operation iterations collections; do
  total=$(grep -m1 '^summary:' "$out/cg.out.$i" | awk '{print $2}')
  printf '%-40s %12d %6d\n' "$schema $payload $operation" $((total / iterations)) "$collections"
  i=$((i + 1))
done < "$out/steps.txt"
