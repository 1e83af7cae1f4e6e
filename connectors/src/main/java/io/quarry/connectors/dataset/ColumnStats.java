package io.quarry.connectors.dataset;

/**
 * Statistics of one column in one shard. {@code min} and {@code max} are canonical Java values (see
 * {@link io.quarry.types.DataType}), null when unknown or when the column holds only NULLs;
 * {@code nullCount} is {@link #UNKNOWN} when the shard's footer does not record it.
 */
public record ColumnStats(Object min, Object max, long nullCount) {
  public static final long UNKNOWN = -1;

  public ColumnStats {
    if (nullCount < UNKNOWN) {
      throw new IllegalArgumentException("nullCount is negative: " + nullCount);
    }
  }

  public boolean nullCountKnown() {
    return nullCount != UNKNOWN;
  }
}
