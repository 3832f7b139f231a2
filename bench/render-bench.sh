#!/usr/bin/env bash
# lake render benchmark: the mount's Parquet -> CSV rendering alone, one thread, repeated in one
# JVM under the launcher's JIT (C1), against reading the same CSV from a local file.
#
#   bench/render-bench.sh                    # the 1M-row table of bench/mount-bench.sh
#   ROWS=200000 RENDERINGS=40 bench/render-bench.sh
#
# Environment:
#   ROWS=1000000      rows of the generated table (the mount benchmark's id,name,price,day,flag)
#   RENDERINGS=30     renderings timed (the later half is reported)
# Prints a Markdown table (docs/BENCHMARKS.md keeps the figures). Builds what it needs with
# Maven (reactor build of it-tests' test classes; nothing is installed into ~/.m2).
set -euo pipefail
export LC_ALL=C
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
ROWS="${ROWS:-1000000}"
RENDERINGS="${RENDERINGS:-30}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lake-render-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

"$ROOT/bench/generate-table.sh" "$ROWS" > "$WORK/data.csv"
"$ROOT/lake" import "$WORK/data.csv" "$WORK/lake/big" -k id >&2

mvn -B -ntp -q -pl it-tests -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2
CP="it-tests/target/test-classes:engine/target/classes:driver/target/classes:fuse-mount/target/classes:$(cat "$WORK/cp.txt")"

echo "### render-bench, revision $(git -C "$ROOT" rev-parse --short HEAD), $ROWS rows"
echo
java -Xmx512m -XX:+UseParallelGC -XX:TieredStopAtLevel=1 \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$CP" dev.lake.it.bench.RenderBench "$WORK/lake/big" "$WORK/data.csv" "$RENDERINGS"
