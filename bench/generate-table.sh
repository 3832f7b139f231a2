#!/usr/bin/env bash
# The benchmarks' table as CSV on stdout: a header and ROWS rows of id,name,price,day,flag (about
# 42 bytes a row; lake infers BIGINT, STRING, DECIMAL(18,2), DATE, BOOLEAN). The same rows every time.
#
#   bench/generate-table.sh 1000000 > data.csv
set -euo pipefail
ROWS=${1:?usage: generate-table.sh ROWS}
[[ $ROWS =~ ^[0-9]+$ ]] || { echo "generate-table: ROWS must be an integer" >&2; exit 2; }
LC_ALL=C awk -v n="$ROWS" 'BEGIN {
  print "id,name,price,day,flag"
  for (i = 1; i <= n; i++)
    printf "%d,item-%d,%d.%02d,2026-%02d-%02d,%s\n", i, i, (i * 7919) % 1000, (i * 31) % 100,
      1 + i % 12, 1 + i % 28, (i % 3 == 0) ? "true" : "false"
}'
