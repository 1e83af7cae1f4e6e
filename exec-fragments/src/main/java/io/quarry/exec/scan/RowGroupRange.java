package io.quarry.exec.scan;

import java.util.ArrayList;
import java.util.List;

/** Rows {@code [firstRow, firstRow + rowCount)} of row group {@code rowGroup} of a shard. */
public record RowGroupRange(int rowGroup, long firstRow, long rowCount) {
  public RowGroupRange {
    if (rowGroup < 0 || firstRow < 0 || rowCount < 0) {
      throw new IllegalArgumentException(
          "bad row range: row group " + rowGroup + ", rows " + firstRow + " + " + rowCount);
    }
  }

  /**
   * {@code units} (in file order) cut into at most {@code groups} runs of contiguous units, each
   * cut placed where the rows before it come closest to an equal share, and each run holding at
   * least {@code minRows} rows: fewer runs when the units are too coarse or too few for that.
   * Within a run, adjacent units of one row group are merged into one range.
   */
  public static List<List<RowGroupRange>> balanced(
      List<RowGroupRange> units, int groups, long minRows) {
    long total = 0;
    for (RowGroupRange u : units) {
      total += u.rowCount();
    }
    for (int g = (int) Math.min(Math.min(groups, units.size()), total / Math.max(1, minRows));
        g > 1;
        g--) {
      List<List<RowGroupRange>> runs = cut(units, g, total);
      if (runs.stream().allMatch(r -> rows(r) >= minRows)) {
        return runs;
      }
    }
    return units.isEmpty() ? List.of() : List.of(merged(units));
  }

  private static List<List<RowGroupRange>> cut(List<RowGroupRange> units, int groups, long total) {
    List<List<RowGroupRange>> out = new ArrayList<>(groups);
    int start = 0;
    long before = 0; // rows of units[0, start)
    for (int k = 1; k < groups; k++) {
      long target = total * k / groups;
      // each later run keeps at least one unit
      int last = units.size() - (groups - k);
      int end = start + 1;
      long rows = before + units.get(start).rowCount();
      while (end < last) {
        long next = rows + units.get(end).rowCount();
        if (Math.abs(next - target) >= Math.abs(rows - target)) {
          break;
        }
        rows = next;
        end++;
      }
      out.add(merged(units.subList(start, end)));
      start = end;
      before = rows;
    }
    out.add(merged(units.subList(start, units.size())));
    return out;
  }

  private static List<RowGroupRange> merged(List<RowGroupRange> run) {
    List<RowGroupRange> out = new ArrayList<>();
    for (RowGroupRange u : run) {
      RowGroupRange prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (prev != null
          && prev.rowGroup() == u.rowGroup()
          && prev.firstRow() + prev.rowCount() == u.firstRow()) {
        out.set(
            out.size() - 1,
            new RowGroupRange(u.rowGroup(), prev.firstRow(), prev.rowCount() + u.rowCount()));
      } else {
        out.add(u);
      }
    }
    return List.copyOf(out);
  }

  /** Rows of all the ranges. */
  public static long rows(List<RowGroupRange> ranges) {
    long n = 0;
    for (RowGroupRange r : ranges) {
      n += r.rowCount();
    }
    return n;
  }
}
