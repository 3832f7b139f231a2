#!/usr/bin/env bash
# lake mount benchmark: the same Unix operations on a mounted lake table and on a plain local
# file holding the same CSV.
#
#   ROWS=1000000 bench/mount-bench.sh            # ~42 MB CSV; about 15 s on a 2-core VM
#   OUT=results.md ECHOS=100 bench/mount-bench.sh
#
# Measures (docs/BENCHMARKS.md explains each line):
#   - cat data.csv > /dev/null: the first read after mounting (renders the whole table; page
#     cache dropped first when root), the first read of a second, identical table once the JVM
#     is warm (rendering alone), the first read of a new version after `echo >>` and after
#     `sed -i`, a re-read after dropping the page cache, and warm reads (best and median);
#   - echo "row" >> data.csv: latency of each append (each one a Delta commit), p50/p90;
#   - sed -i 's/^K,.../' data.csv: wall time of a one-row change (one commit);
#   - the mount JVM's peak RSS (VmHWM) under a small heap.
# Everything is checked along the way (sizes, contents, row counts, history); any mismatch
# fails the run.
#
# Environment:
#   ROWS=1000000     rows of the generated table (id,name,price,day,flag)
#   ECHOS=50         appends timed (each one commit)
#   WARM=5           warm cat repetitions
#   HEAP=512m        the mount JVM's -Xmx
#   OUT=FILE         also write the Markdown summary to FILE
#   LAKE_BIN=PATH    the lake launcher (default: the repository's ./lake)
#   LAKE_REV=TEXT    how the report names the measured revision (default: git commit of LAKE_BIN's checkout)
#   BENCH_TMP=DIR    where the temporary directory goes (default: $TMPDIR or /tmp); the plain
#                    file, the lake and the mount's staging all live there, on one disk
#   DROP_CACHES=1    drop the kernel page cache before cold reads (only possible as root)
#   KEEP=1           keep the temporary directory (and print its path)
# Progress goes to stderr; the Markdown summary goes to stdout.
set -euo pipefail
export LC_ALL=C   # byte-wise sort, '.' as the decimal point

ROWS=${ROWS:-1000000}
ECHOS=${ECHOS:-50}
WARM=${WARM:-5}
HEAP=${HEAP:-512m}
OUT=${OUT:-}
DROP_CACHES=${DROP_CACHES:-1}
KEEP=${KEEP:-0}
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
LAKE_BIN=${LAKE_BIN:-$ROOT/lake}
BENCH_TMP=${BENCH_TMP:-${TMPDIR:-/tmp}}

[[ $ROWS =~ ^[0-9]+$ && $ROWS -ge 10 ]] || { echo "mount-bench: ROWS must be an integer >= 10" >&2; exit 2; }
[[ $ECHOS =~ ^[0-9]+$ && $ECHOS -ge 1 ]] || { echo "mount-bench: ECHOS must be >= 1" >&2; exit 2; }
[[ $WARM =~ ^[0-9]+$ && $WARM -ge 1 ]] || { echo "mount-bench: WARM must be >= 1" >&2; exit 2; }
for tool in awk sed grep sort md5sum fusermount; do
  command -v "$tool" >/dev/null || { echo "mount-bench: $tool is needed" >&2; exit 2; }
done
[[ -x $LAKE_BIN ]] || { echo "mount-bench: no lake launcher at $LAKE_BIN" >&2; exit 2; }

WORK="$(mktemp -d "$BENCH_TMP/lake-mount-bench.XXXXXX")"
MNT="$WORK/mnt"
LAKE_DIR="$WORK/lake"
SRC="$WORK/data.csv"            # the generated CSV, kept unchanged as the reference
PLAIN="$WORK/plain/data.csv"    # the plain-file baseline: a copy on the same local disk
MLOG="$WORK/mount.log"
MPID=""
mkdir -p "$MNT" "$WORK/plain" "$WORK/jtmp"

log() { printf '[mount-bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

die() {
  echo "mount-bench: FAILED: $*" >&2
  if [[ -s $MLOG ]]; then
    echo "mount-bench: last lines of the mount's stderr:" >&2
    tail -n 20 "$MLOG" >&2
  fi
  if [[ -f $MNT/big/errors.log ]] && [[ -s $MNT/big/errors.log ]]; then
    echo "mount-bench: the table's errors.log:" >&2
    tail -n 20 "$MNT/big/errors.log" >&2 || true
  fi
  exit 1
}

is_mounted() { grep -qs " $MNT fuse" /proc/mounts; }

cleanup() {
  local rc=$?
  set +e
  if is_mounted; then
    fusermount -u "$MNT" 2>/dev/null || fusermount -u -z "$MNT" 2>/dev/null
  fi
  if [[ -n $MPID ]] && kill -0 "$MPID" 2>/dev/null; then
    kill -TERM "$MPID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$MPID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$MPID" 2>/dev/null && kill -KILL "$MPID" 2>/dev/null
    wait "$MPID" 2>/dev/null
  fi
  if [[ $KEEP == 1 ]]; then
    echo "mount-bench: kept $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------- measuring

# Wall clock in microseconds without forking ($EPOCHREALTIME, bash 5); date +%s%N otherwise.
if [[ -n ${EPOCHREALTIME:-} ]]; then
  stamp() { T=${EPOCHREALTIME//[.,]/}; }
else
  stamp() { T=$(( $(date +%s%N) / 1000 )); }
fi
T=0

# Runs "$@" and sets US to its wall time in microseconds.
timed() {
  local t0 rc=0
  stamp; t0=$T
  "$@" || rc=$?
  stamp; US=$(( T - t0 ))
  return "$rc"
}
US=0

cat_to_null() { cat "$1" > /dev/null; }
append_line() { echo "$2" >> "$1"; }

ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }
secs() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1e6 }'; }
mbps() { awk -v b="$1" -v u="$2" 'BEGIN { printf "%.0f", (u > 0 ? b / u : 0) }'; }  # bytes/us = MB/s (10^6)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
# drop_caches, pct, median, best
source "$ROOT/bench/lib.sh"
if [[ $DROP_CACHES == 1 && -w /proc/sys/vm/drop_caches ]]; then
  COLD_NOTE="page cache dropped before the read"
else
  COLD_NOTE="page cache NOT dropped (not root, or DROP_CACHES=0)"
fi

mount_alive() { kill -0 "$MPID" 2>/dev/null || die "the mount process died"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$MPID/status"; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$MPID/status"; }

# ---------------------------------------------------------------------------- setup

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
log "work dir $WORK; ROWS=$ROWS ECHOS=$ECHOS WARM=$WARM HEAP=$HEAP; load average $LOAD_START"

log "building lake if needed ($LAKE_BIN --version)"
"$LAKE_BIN" --version >&2 || die "lake does not build or run"

log "generating $ROWS rows"
"$ROOT/bench/generate-table.sh" "$ROWS" > "$SRC"
BYTES=$(stat -c %s "$SRC")
cp "$SRC" "$PLAIN"
log "CSV: $BYTES bytes"

log "importing (lake import -k id)"
timed "$LAKE_BIN" import "$SRC" "$LAKE_DIR/big" -k id >&2 || die "import failed"
IMPORT_US=$US
DATA_FILES=$(find "$LAKE_DIR/big" -maxdepth 1 -name '*.parquet' | wc -l)
log "imported in $(secs "$IMPORT_US") s ($DATA_FILES data files)"
# A second, identical table (a Delta table's paths are relative to its directory): its first
# read on a warmed-up mount measures rendering alone.
cp -r "$LAKE_DIR/big" "$LAKE_DIR/big2"

# Starts the mount JVM (extra arguments go to `lake mount`) and waits until big/ lists data.csv.
start_mount() {
  LAKE_JAVA_OPTS="-Xmx$HEAP -Djava.io.tmpdir=$WORK/jtmp ${LAKE_JAVA_OPTS:-}" \
    "$LAKE_BIN" mount "$@" "$LAKE_DIR" "$MNT" 2> "$MLOG" &
  MPID=$!   # the launcher execs java: this is the mount JVM
  for _ in $(seq 1 600); do
    mount_alive
    # readdir only: nothing is rendered until data.csv itself is looked up.
    if is_mounted && ls "$MNT/big" 2>/dev/null | grep -x data.csv >/dev/null; then
      break
    fi
    sleep 0.1
  done
  is_mounted && ls "$MNT/big" | grep -x data.csv >/dev/null || die "data.csv did not appear within 60 s"
}

stop_mount() {
  fusermount -u "$MNT" || die "fusermount -u failed"
  wait "$MPID" 2>/dev/null || true
  MPID=""
}

# The mount renders into its own staging directory, deleted at unmount: every mount starts cold.
log "mounting with -Xmx$HEAP --no-warmup (the first read of a JVM that has not run lake's code)"
start_mount --no-warmup
drop_caches || true
timed cat_to_null "$MNT/big/data.csv" || die "cat of the mount failed"
MOUNT_NOWARM_US=$US
[[ $(stat -c %s "$MNT/big/data.csv") == "$BYTES" ]] || die "data.csv on the --no-warmup mount has the wrong size"
stop_mount

log "mounting with -Xmx$HEAP"
stamp; MOUNT_T0=$T
start_mount
stamp; MOUNT_READY_US=$(( T - MOUNT_T0 ))
M="$MNT/big/data.csv"
HWM_MOUNTED=$(hwm_kb)
log "mounted in $(secs "$MOUNT_READY_US") s (pid $MPID, RSS $(( $(rss_kb) / 1024 )) MB); waiting for the warm-up"
# The warm-up works in a lake-warmup-* directory under the JVM's temporary directory and
# deletes it when done.
for _ in $(seq 1 600); do
  compgen -G "$WORK/jtmp/lake-warmup-*" >/dev/null || break
  mount_alive
  sleep 0.1
done
compgen -G "$WORK/jtmp/lake-warmup-*" >/dev/null && die "the warm-up did not end within 60 s"
grep -q "warm-up skipped" "$MLOG" && die "the warm-up failed: $(grep 'warm-up skipped' "$MLOG")"
stamp; WARMUP_US=$(( T - MOUNT_T0 ))
log "warm-up done $(secs "$WARMUP_US") s after starting the mount"

# ---------------------------------------------------------------------------- cat

log "cat: cold"
drop_caches || true
timed cat_to_null "$M" || die "cat of the mount failed"
MOUNT_COLD_US=$US
drop_caches || true
timed cat_to_null "$PLAIN"
PLAIN_COLD_US=$US
MSIZE=$(stat -c %s "$M")
[[ $MSIZE == "$BYTES" ]] || die "data.csv on the mount has $MSIZE bytes, the CSV $BYTES"
HWM_COLD=$(hwm_kb)

log "cat: checking the contents (rows sorted; the mount shows data files in its own order)"
[[ $(head -n 1 "$M") == "$(head -n 1 "$SRC")" ]] || die "header differs"
SUM_M=$(tail -n +2 "$M" | sort | md5sum)
SUM_P=$(tail -n +2 "$SRC" | sort | md5sum)
[[ $SUM_M == "$SUM_P" ]] || die "the mount's rows differ from the CSV's"

log "cat: rendered version, page cache dropped"
drop_caches || true
timed cat_to_null "$M"
MOUNT_RECOLD_US=$US

log "cat: first read of a second table on the warmed-up mount"
drop_caches || true
timed cat_to_null "$MNT/big2/data.csv" || die "cat of big2 failed"
MOUNT_SECOND_US=$US
[[ $(stat -c %s "$MNT/big2/data.csv") == "$BYTES" ]] || die "big2/data.csv has the wrong size"

log "cat: warm x$WARM"
: > "$WORK/warm.mount"; : > "$WORK/warm.plain"
for _ in $(seq 1 "$WARM"); do
  timed cat_to_null "$M"; echo "$US" >> "$WORK/warm.mount"
  timed cat_to_null "$PLAIN"; echo "$US" >> "$WORK/warm.plain"
done
MOUNT_WARM_BEST_US=$(best < "$WORK/warm.mount"); MOUNT_WARM_MED_US=$(median < "$WORK/warm.mount")
PLAIN_WARM_BEST_US=$(best < "$WORK/warm.plain"); PLAIN_WARM_MED_US=$(median < "$WORK/warm.plain")
mount_alive

# ---------------------------------------------------------------------------- echo >>

log "echo >>: $ECHOS appends (each one commit)"
LINES_BEFORE=$(wc -l < "$M")
PLAIN_LINES_BEFORE=$(wc -l < "$PLAIN")
: > "$WORK/echo.mount"; : > "$WORK/echo.plain"
for i in $(seq 1 "$ECHOS"); do
  id=$(( ROWS + i ))
  row="$id,appended-$i,1.50,2026-01-01,true"
  timed append_line "$M" "$row" || die "echo >> failed at append $i"
  echo "$US" >> "$WORK/echo.mount"
  timed append_line "$PLAIN" "$row"
  echo "$US" >> "$WORK/echo.plain"
done
ECHO_FIRST_US=$(head -n 1 "$WORK/echo.mount")
ECHO_MAX_US=$(pct 100 < "$WORK/echo.mount")
MOUNT_P50_US=$(pct 50 < "$WORK/echo.mount"); MOUNT_P90_US=$(pct 90 < "$WORK/echo.mount")
PLAIN_P50_US=$(pct 50 < "$WORK/echo.plain"); PLAIN_P90_US=$(pct 90 < "$WORK/echo.plain")
mount_alive

# The first read of the version the appends made: renders only the appended files.
log "cat: first read of the new version after the appends"
timed cat_to_null "$M"
MOUNT_AFTER_APPEND_US=$US
APPEND_BYTES=$(stat -c %s "$M")
timed cat_to_null "$PLAIN"
PLAIN_AFTER_APPEND_US=$US
LINES_AFTER=$(wc -l < "$M")
[[ $LINES_AFTER == $(( LINES_BEFORE + ECHOS )) ]] \
  || die "after $ECHOS appends data.csv has $LINES_AFTER lines, expected $(( LINES_BEFORE + ECHOS ))"
[[ $(wc -l < "$PLAIN") == $(( PLAIN_LINES_BEFORE + ECHOS )) ]] || die "plain file did not grow by $ECHOS lines"
[[ $APPEND_BYTES == $(stat -c %s "$PLAIN") ]] || die "mount ($APPEND_BYTES bytes) and plain file differ in size after the appends"
[[ $(grep -c ',appended-' "$M") == "$ECHOS" ]] || die "not all appended rows are in data.csv"
HWM_ECHO=$(hwm_kb)

# ---------------------------------------------------------------------------- sed -i

KEY=$(( ROWS / 2 ))
EXPR="s/^$KEY,item-$KEY,/$KEY,changed-$KEY,/"
log "sed -i of one row ($EXPR)"
timed sed -i "$EXPR" "$M" || die "sed -i on the mount failed"
MOUNT_SED_US=$US
timed sed -i "$EXPR" "$PLAIN"
PLAIN_SED_US=$US
mount_alive

log "cat: first read of the new version after sed -i"
timed cat_to_null "$M"
MOUNT_AFTER_SED_US=$US
SED_BYTES=$(stat -c %s "$M")
timed cat_to_null "$PLAIN"
PLAIN_AFTER_SED_US=$US
[[ $(grep -c "^$KEY,changed-$KEY," "$M") == 1 ]] || die "sed -i: the changed row is not in data.csv"
[[ $(grep -c "^$KEY,item-$KEY," "$M" || true) == 0 ]] || die "sed -i: the old row is still in data.csv"
[[ $(wc -l < "$M") == "$LINES_AFTER" ]] || die "sed -i changed the number of rows"
[[ $(grep -c "^$KEY,changed-$KEY," "$PLAIN") == 1 ]] || die "sed -i on the plain file did not change the row"

# One commit per user action: version 0 (import), ECHOS appends, one UPDATE of one row.
HIST="$MNT/big/history.csv"
VERSIONS=$(( $(wc -l < "$HIST") - 1 ))
[[ $VERSIONS == $(( ECHOS + 2 )) ]] || die "history has $VERSIONS versions, expected $(( ECHOS + 2 ))"
LAST=$(tail -n 1 "$HIST")
[[ $(cut -d, -f4-6 <<< "$LAST") == "0,1,0" ]] || die "the sed commit is not one updated row: $LAST"
[[ ! -s $MNT/big/errors.log ]] || die "errors.log is not empty"
HWM_END=$(hwm_kb)
RSS_END=$(rss_kb)
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
log "done; load average $LOAD_END"

# ---------------------------------------------------------------------------- report

verdict_ge() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t ? "met" : "**not met**") }'; }
verdict_le() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "**not met**") }'; }

MC=$(mbps "$BYTES" "$MOUNT_COLD_US");           PC=$(mbps "$BYTES" "$PLAIN_COLD_US")
MN=$(mbps "$BYTES" "$MOUNT_NOWARM_US")
MR=$(mbps "$BYTES" "$MOUNT_RECOLD_US");         M2=$(mbps "$BYTES" "$MOUNT_SECOND_US")
MWB=$(mbps "$BYTES" "$MOUNT_WARM_BEST_US");     PWB=$(mbps "$BYTES" "$PLAIN_WARM_BEST_US")
MWM=$(mbps "$BYTES" "$MOUNT_WARM_MED_US");      PWM=$(mbps "$BYTES" "$PLAIN_WARM_MED_US")
MA=$(mbps "$APPEND_BYTES" "$MOUNT_AFTER_APPEND_US"); PA=$(mbps "$APPEND_BYTES" "$PLAIN_AFTER_APPEND_US")
MS=$(mbps "$SED_BYTES" "$MOUNT_AFTER_SED_US");  PS=$(mbps "$SED_BYTES" "$PLAIN_AFTER_SED_US")
E50=$(ms "$MOUNT_P50_US"); E90=$(ms "$MOUNT_P90_US")
P50=$(awk -v u="$PLAIN_P50_US" 'BEGIN { printf "%.3f", u / 1000 }')
P90=$(awk -v u="$PLAIN_P90_US" 'BEGIN { printf "%.3f", u / 1000 }')
SM=$(secs "$MOUNT_SED_US"); SP=$(secs "$PLAIN_SED_US")
HWM_MB=$(( HWM_END / 1024 ))

# Which lake was measured: LAKE_REV if given, else the git commit of the launcher's checkout.
LAKE_HOME_DIR="$(cd "$(dirname "$(readlink -f "$LAKE_BIN")")" && pwd)"
if [[ -n ${LAKE_REV:-} ]]; then
  COMMIT="$LAKE_REV"
elif COMMIT="$(git -C "$LAKE_HOME_DIR" rev-parse --short HEAD 2>/dev/null)"; then
  if [[ -n $(git -C "$LAKE_HOME_DIR" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    COMMIT="$COMMIT (with uncommitted changes)"
  fi
else
  COMMIT="unknown revision at $LAKE_HOME_DIR"
fi

report() {
  cat <<EOF
### lake mount vs plain file — $ROWS rows

$(date -u '+%Y-%m-%d %H:%M UTC'); lake $COMMIT; $(nproc) CPUs; $(uname -r);
$(java -version 2>&1 | head -n 1); mount JVM -Xmx$HEAP; load average $LOAD_START at start,
$LOAD_END at end. CSV: $BYTES bytes ($ROWS rows, 5 columns), imported in $(secs "$IMPORT_US") s
into $DATA_FILES data files (a copy of the table serves as the 2nd table). Cold reads: $COLD_NOTE. MB = 10^6 bytes.

| operation | lake mount | plain file | mount/plain | target |
|---|---:|---:|---:|---|
| \`cat\` first read after mounting with \`--no-warmup\` (JVM cold, renders all rows), MB/s | $MN | $PC (cold) | $(ratio "$MN" "$PC") | >= 300 MB/s: $(verdict_ge "$MN" 300) |
| \`cat\` first read after mounting, once the warm-up is done (renders all rows), MB/s | $MC | $PC (cold) | $(ratio "$MC" "$PC") | >= 300 MB/s: $(verdict_ge "$MC" 300) |
| \`cat\` first read of a 2nd $ROWS-row table, JVM warm (renders all rows), MB/s | $M2 | $PC (cold) | $(ratio "$M2" "$PC") | >= 300 MB/s: $(verdict_ge "$M2" 300) |
| \`cat\` first read of a new version after \`echo >>\`, MB/s | $MA | $PA | $(ratio "$MA" "$PA") | >= 300 MB/s: $(verdict_ge "$MA" 300) |
| \`cat\` first read of a new version after \`sed -i\`, MB/s | $MS | $PS | $(ratio "$MS" "$PS") | >= 300 MB/s: $(verdict_ge "$MS" 300) |
| \`cat\` rendered version, page cache dropped, MB/s | $MR | $PC (cold) | $(ratio "$MR" "$PC") | |
| \`cat\` warm, best of $WARM, MB/s | $MWB | $PWB | $(ratio "$MWB" "$PWB") | >= 1000 MB/s: $(verdict_ge "$MWB" 1000) |
| \`cat\` warm, median of $WARM, MB/s | $MWM | $PWM | $(ratio "$MWM" "$PWM") | >= 1000 MB/s: $(verdict_ge "$MWM" 1000) |
| \`echo >>\` one row (one commit), p50 ms | $E50 | $P50 | $(ratio "$MOUNT_P50_US" "$PLAIN_P50_US") | <= 20 ms: $(verdict_le "$E50" 20) |
| \`echo >>\` one row (one commit), p90 ms | $E90 | $P90 | $(ratio "$MOUNT_P90_US" "$PLAIN_P90_US") | |
| \`sed -i\` one row of $ROWS (one commit), s | $SM | $SP | $(ratio "$MOUNT_SED_US" "$PLAIN_SED_US") | <= 3 s: $(verdict_le "$SM" 3) |
| mount JVM peak RSS (VmHWM), MB | $HWM_MB | | | bounded by -Xmx$HEAP |

Details: the mount listed its tables $(secs "$MOUNT_READY_US") s after \`lake mount\` started, and its warm-up
was done $(secs "$WARMUP_US") s after the start; $ECHOS appends (first $(ms "$ECHO_FIRST_US") ms, slowest $(ms "$ECHO_MAX_US") ms);
warm \`cat\` runs (ms) mount: $(awk '{ printf "%s%.0f", (NR > 1 ? " " : ""), $1 / 1000 }' "$WORK/warm.mount"),
plain: $(awk '{ printf "%s%.0f", (NR > 1 ? " " : ""), $1 / 1000 }' "$WORK/warm.plain");
peak RSS after mounting $(( HWM_MOUNTED / 1024 )) MB, after the cold read $(( HWM_COLD / 1024 )) MB,
after the appends $(( HWM_ECHO / 1024 )) MB, at the end $HWM_MB MB (RSS now $(( RSS_END / 1024 )) MB).
Checked: the mount's rows equal the CSV's, data.csv grew by $ECHOS lines, the sed row changed,
history shows $VERSIONS versions (import, $ECHOS appends, one 1-row UPDATE), errors.log empty.
EOF
}

report
if [[ -n $OUT ]]; then
  report > "$OUT"
  log "summary written to $OUT"
fi
