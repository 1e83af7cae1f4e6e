package io.quarry.sql;

/**
 * What a shard's footer says about one column: min and max in the canonical Java form of the
 * column's type (null when unknown) and the number of NULLs.
 */
public record ColumnStatistics(Object min, Object max, long nullCount) {
  public static final ColumnStatistics UNKNOWN = new ColumnStatistics(null, null, -1);
}
