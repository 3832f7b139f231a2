# Helpers shared by the mount benchmarks; sourced, not run. Expects DROP_CACHES (1 to drop).

# Drops the kernel's page cache (sync first); false when it cannot (not root, or DROP_CACHES=0).
drop_caches() {
  if [[ $DROP_CACHES == 1 && -w /proc/sys/vm/drop_caches ]]; then
    sync
    echo 3 > /proc/sys/vm/drop_caches
    return 0
  fi
  return 1
}

# Nearest-rank percentile of the numbers on stdin.
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int((p * NR + 99) / 100); if (i < 1) i = 1; print v[i] }'; }
median() { pct 50; }
best() { pct 0; }
