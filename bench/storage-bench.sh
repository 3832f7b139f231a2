#!/usr/bin/env bash
# lake storage benchmark: commit latency and scan throughput of the engine on local disk and on
# S3 (S3Proxy as a local process, or MinIO when Docker is available), the same work on each.
#
#   bench/storage-bench.sh                     # 100 single-row commits, a 1M-row table scanned
#   COMMITS=200 ROWS=2000000 bench/storage-bench.sh
#
# Environment:
#   COMMITS=100          single-row commits timed (after 10 warm-up commits)
#   ROWS=1000000         rows of the table written in one commit and then scanned in full
#   BACKENDS=local,s3,azure    which backends
# Prints a Markdown table (docs/BENCHMARKS.md keeps the figures). Builds what it needs with
# Maven (reactor build of it-tests' test classes; nothing is installed into ~/.m2).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
COMMITS="${COMMITS:-100}"
ROWS="${ROWS:-1000000}"
BACKENDS="${BACKENDS:-local,s3,azure}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/lake-storage-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

mvn -B -ntp -q -pl it-tests -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >&2
CP="it-tests/target/test-classes:engine/target/classes:driver/target/classes:fuse-mount/target/classes:$(cat "$WORK/cp.txt")"

exec java -Xmx1g -XX:+UseParallelGC \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
  -Dlake.it.s3proxyJar="$ROOT/it-tests/target/s3proxy/s3proxy.jar" \
  -Dlake.it.azuriteDir="$ROOT/it-tests/azurite" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorg.slf4j.simpleLogger.log.org.testcontainers=off \
  -cp "$CP" dev.lake.it.bench.StorageBench "$COMMITS" "$ROWS" "$BACKENDS" "$WORK/data"
