package io.quarry.bench;

import static java.util.Objects.requireNonNull;

/**
 * One query's line in the results. Times are medians over the measured runs in milliseconds (NaN
 * when that engine failed); {@code ratio} is Quarry's time over DuckDB's; {@code check} is {@code
 * ok}, {@code MISMATCH}, {@code error} or {@code -} (not checked); {@code message} says what went
 * wrong, if anything. {@code quarryPeakArrowBytes} is the most Arrow memory Quarry's query held at
 * once (the memory its limit counts: batches, hash tables, sort runs), {@code quarryPeakHeapBytes}
 * how far the JVM heap grew above its level after a GC (an upper bound: garbage not yet collected
 * counts); each the largest over the measured runs, 0 when none ran, or {@link #NOT_MEASURED} when
 * Quarry ran in another process ({@code --connect}).
 */
public record QueryMeasurement(
    String query,
    long rows,
    double quarryMs,
    double duckdbMs,
    long quarryPeakArrowBytes,
    long quarryPeakHeapBytes,
    String check,
    String message) {
  public static final long NOT_MEASURED = -1;

  public QueryMeasurement {
    requireNonNull(query, "query is null");
    requireNonNull(check, "check is null");
    requireNonNull(message, "message is null");
  }

  public double ratio() {
    return quarryMs / duckdbMs;
  }

  public boolean timed() {
    return !Double.isNaN(quarryMs) && !Double.isNaN(duckdbMs) && duckdbMs > 0;
  }
}
