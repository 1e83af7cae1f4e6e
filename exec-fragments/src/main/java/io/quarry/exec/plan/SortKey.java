package io.quarry.exec.plan;

/** Sort on input column {@code column}. */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
  public SortKey {
    if (column < 0) {
      throw new IllegalArgumentException("column is negative: " + column);
    }
  }
}
