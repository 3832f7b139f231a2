#!/usr/bin/env bash
# The first full renderings of a freshly mounted lake: mounts a lake holding TABLES copies of a
# generated table (the mount's warm-up on, as users run it), waits until the warm-up is done,
# then reads each copy once with `cat` — the page cache dropped before each read when root — and
# records the wall time, the mount JVM's minor page faults and its CPU time during the read.
# Repeats that RUNS times with a fresh mount; with several launchers it alternates between them
# in every round, which is how two builds are compared on a VM whose speed drifts.
#
#   bench/first-read-bench.sh                                      # this checkout, 5 mounts
#   LAKE_BINS="/a/lake /b/lake" RUNS=7 bench/first-read-bench.sh   # two builds, alternating
#
# Environment: ROWS (1000000), TABLES (3), RUNS (5), HEAP (512m, the mount's -Xmx), LAKE_BINS
# (launchers, space-separated; default the repository's ./lake), DROP_CACHES (1; 0 keeps the
# page cache), BENCH_TMP (where the temporary directory goes; default $TMPDIR or /tmp).
# Progress goes to stderr, a Markdown summary to stdout. Every read is checked against the
# CSV's size; a trap unmounts and deletes the temporary directory.
set -euo pipefail
export LC_ALL=C
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROWS=${ROWS:-1000000}
TABLES=${TABLES:-3}
RUNS=${RUNS:-5}
HEAP=${HEAP:-512m}
DROP_CACHES=${DROP_CACHES:-1}
read -r -a BINS <<< "${LAKE_BINS:-$ROOT/lake}"
[[ $ROWS =~ ^[0-9]+$ && $ROWS -ge 10 ]] || { echo "first-read-bench: ROWS must be an integer >= 10" >&2; exit 2; }
[[ $TABLES =~ ^[0-9]+$ && $TABLES -ge 1 ]] || { echo "first-read-bench: TABLES must be >= 1" >&2; exit 2; }
[[ $RUNS =~ ^[0-9]+$ && $RUNS -ge 1 ]] || { echo "first-read-bench: RUNS must be >= 1" >&2; exit 2; }
for b in "${BINS[@]}"; do
  [[ -x $b ]] || { echo "first-read-bench: no lake launcher at $b" >&2; exit 2; }
done

W="$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/lake-first-read.XXXXXX")"
MPID=""
cleanup() {
  set +e
  grep -qs " $W/mnt fuse" /proc/mounts && { fusermount -u "$W/mnt" || fusermount -u -z "$W/mnt"; }
  [[ -n $MPID ]] && { kill -TERM "$MPID" 2>/dev/null; wait "$MPID" 2>/dev/null; }
  rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log() { printf '[first-read-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { echo "first-read-bench: FAILED: $*" >&2; [[ -s $W/mount.log ]] && tail -n 20 "$W/mount.log" >&2; exit 1; }
us() { local t=${EPOCHREALTIME/[.,]/}; echo "${t#0}"; }
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
minflt() { awk '{ print $10 }' "/proc/$MPID/stat"; }
cpu_ms() { awk -v t="$TICK_MS" '{ print ($14 + $15) * t }' "/proc/$MPID/stat"; }
# drop_caches, median
source "$ROOT/bench/lib.sh"

mkdir -p "$W/mnt" "$W/jtmp"
log "generating $ROWS rows"
"$ROOT/bench/generate-table.sh" "$ROWS" > "$W/data.csv"
BYTES=$(stat -c %s "$W/data.csv")
# One lake per launcher, written by that build (its CSV size tags are the ones it believes).
for i in "${!BINS[@]}"; do
  log "building and importing with ${BINS[i]}"
  "${BINS[i]}" import "$W/data.csv" "$W/lake$i/t1" -k id > /dev/null || die "import with ${BINS[i]} failed"
  for t in $(seq 2 "$TABLES"); do cp -r "$W/lake$i/t1" "$W/lake$i/t$t"; done
done

: > "$W/results"   # launcher-index table-number ms faults cpu-ms
for run in $(seq 1 "$RUNS"); do
  for i in "${!BINS[@]}"; do
    LAKE_JAVA_OPTS="-Xmx$HEAP -Djava.io.tmpdir=$W/jtmp ${LAKE_JAVA_OPTS:-}" \
      "${BINS[i]}" mount "$W/lake$i" "$W/mnt" 2> "$W/mount.log" &
    MPID=$!
    for _ in $(seq 600); do
      kill -0 "$MPID" 2>/dev/null || die "the mount process died"
      grep -qs " $W/mnt fuse" /proc/mounts && ls "$W/mnt/t1" 2>/dev/null | grep -qx data.csv && break
      sleep 0.1
    done
    for _ in $(seq 600); do compgen -G "$W/jtmp/lake-warmup-*" > /dev/null || break; sleep 0.1; done
    compgen -G "$W/jtmp/lake-warmup-*" > /dev/null && die "the warm-up did not end within 60 s"
    grep -q "warm-up skipped" "$W/mount.log" && die "$(grep 'warm-up skipped' "$W/mount.log")"
    line="run $run, ${BINS[i]}:"
    for t in $(seq 1 "$TABLES"); do
      drop_caches || true
      f0=$(minflt); c0=$(cpu_ms); s0=$(us)
      cat "$W/mnt/t$t/data.csv" > /dev/null || die "cat of t$t failed"
      s1=$(us); f1=$(minflt); c1=$(cpu_ms)
      [[ $(stat -c %s "$W/mnt/t$t/data.csv") == "$BYTES" ]] || die "t$t/data.csv has the wrong size"
      echo "$i $t $(( (s1 - s0) / 1000 )) $(( f1 - f0 )) $(( c1 - c0 ))" >> "$W/results"
      line="$line t$t $(( (s1 - s0) / 1000 )) ms"
    done
    log "$line"
    fusermount -u "$W/mnt" || die "fusermount -u failed"
    wait "$MPID" 2>/dev/null || true
    MPID=""
  done
done

echo "### First full renderings after mounting — $ROWS rows ($BYTES bytes of CSV)"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) CPUs; mount JVM -Xmx$HEAP, warm-up on; $RUNS mounts per launcher,"
echo "alternating; page cache $([[ $DROP_CACHES == 1 && -w /proc/sys/vm/drop_caches ]] && echo "dropped" || echo "NOT dropped") before each read; load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Medians over the mounts (min–max of the time); faults are the mount JVM's minor page faults, CPU its user + system time."
echo
echo "| launcher | table read | ms | MB/s | minor faults | CPU ms |"
echo "|---|---:|---:|---:|---:|---:|"
# Column c of the results of launcher $1 and table $2.
sel() { awk -v i="$1" -v t="$2" -v c="$3" '$1 == i && $2 == t { print $c }' "$W/results"; }
for i in "${!BINS[@]}"; do
  rev=$(git -C "$(dirname "${BINS[i]}")" rev-parse --short HEAD 2>/dev/null || echo "?")
  for t in $(seq 1 "$TABLES"); do
    m=$(sel "$i" "$t" 3 | median)
    range="$(sel "$i" "$t" 3 | sort -n | head -n 1)–$(sel "$i" "$t" 3 | sort -n | tail -n 1)"
    what=$t
    [[ $t == 1 ]] && what="1 (first after mounting)"
    mbps=$(awk -v b="$BYTES" -v ms="$m" 'BEGIN { printf "%.0f", (ms > 0 ? b / (ms * 1000) : 0) }')
    echo "| ${BINS[i]} ($rev) | $what | $m ($range) | $mbps | $(sel "$i" "$t" 4 | median) | $(sel "$i" "$t" 5 | median) |"
  done
done
