#!/usr/bin/env bash
# Where a first full rendering's time goes on a warm mount: mounts a lake holding six copies of a
# generated table, waits for the mount's warm-up, then for three fresh copies times `stat` (which
# renders the whole table to know its size) and the `cat` right after it (the FUSE transfer of
# the rendered bytes), and for three more times `cat` alone.
#
#   bench/first-read-split.sh                 # 1M rows (~42 MB of CSV per copy)
#   ROWS=200000 LAKE_BIN=/other/checkout/lake bench/first-read-split.sh
#
# Environment: ROWS (1000000), LAKE_BIN (the launcher; default the repository's ./lake).
# Progress and results go to stdout; a trap unmounts and deletes the temporary directory.
set -euo pipefail
export LC_ALL=C
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
LAKE_BIN=${LAKE_BIN:-$ROOT/lake}
ROWS=${ROWS:-1000000}
W="$(mktemp -d "${TMPDIR:-/tmp}/lake-split.XXXXXX")"
MPID=""
cleanup() {
  grep -qs " $W/mnt fuse" /proc/mounts && fusermount -u "$W/mnt"
  [[ -n $MPID ]] && wait "$MPID" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
mkdir -p "$W/mnt" "$W/jtmp" "$W/lake"
"$ROOT/bench/generate-table.sh" "$ROWS" > "$W/data.csv"
"$LAKE_BIN" import "$W/data.csv" "$W/lake/a" -k id > /dev/null
for t in b c d e f; do cp -r "$W/lake/a" "$W/lake/$t"; done
JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$W/jtmp" "$LAKE_BIN" mount "$W/lake" "$W/mnt" > "$W/mount.log" 2>&1 &
MPID=$!
for _ in $(seq 3000); do grep -qs " $W/mnt fuse" /proc/mounts && break; sleep 0.1; done
grep -qs " $W/mnt fuse" /proc/mounts || { cat "$W/mount.log"; exit 1; }
sleep 1
for _ in $(seq 300); do compgen -G "$W/jtmp/lake-warmup-*" > /dev/null || break; sleep 0.2; done
us() { local t=${EPOCHREALTIME/./}; echo "${t#0}"; }
for t in a b c; do
  s0=$(us); stat -c %s "$W/mnt/$t/data.csv" > /dev/null; s1=$(us)
  cat "$W/mnt/$t/data.csv" > /dev/null; s2=$(us)
  echo "$t: stat (renders) $(( (s1 - s0) / 1000 )) ms, then cat (transfer) $(( (s2 - s1) / 1000 )) ms"
done
for t in d e f; do
  s0=$(us); cat "$W/mnt/$t/data.csv" > /dev/null; s1=$(us)
  size=$(stat -c %s "$W/mnt/$t/data.csv")
  echo "$t: cat alone $(( (s1 - s0) / 1000 )) ms, $(( size / (s1 - s0) )) MB/s"
done
