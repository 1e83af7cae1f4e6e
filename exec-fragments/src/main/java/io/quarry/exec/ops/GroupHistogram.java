package io.quarry.exec.ops;

/**
 * How many rows of the current batch fell into each group, and which groups were touched. Computed
 * once per batch so that COUNT(*) and the counts kept by SUM and AVG over columns without NULLs
 * cost one add per touched group instead of one per row.
 */
final class GroupHistogram {
  private int[] rows = new int[16];
  private int[] touched = new int[16];
  private int touchedCount;

  void compute(int[] gid, int n, int groups) {
    if (rows.length < groups) {
      rows = new int[Math.max(groups, rows.length * 2)];
    }
    if (touched.length < Math.min(n, groups)) {
      touched = new int[Math.max(Math.min(n, groups), touched.length * 2)];
    }
    int t = 0;
    int[] r = rows;
    for (int i = 0; i < n; i++) {
      int g = gid[i];
      if (r[g]++ == 0) {
        touched[t++] = g;
      }
    }
    touchedCount = t;
  }

  /** Adds each touched group's row count to {@code counts}. */
  void addTo(long[] counts) {
    for (int t = 0; t < touchedCount; t++) {
      int g = touched[t];
      counts[g] += rows[g];
    }
  }

  /** Zeroes the counts of the touched groups, ready for the next batch. */
  void clear() {
    for (int t = 0; t < touchedCount; t++) {
      rows[touched[t]] = 0;
    }
    touchedCount = 0;
  }
}
