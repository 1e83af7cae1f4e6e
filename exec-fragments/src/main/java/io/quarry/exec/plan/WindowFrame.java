package io.quarry.exec.plan;

/**
 * The frame of a window group. {@code rows}: ROWS (physical offsets) or RANGE (by the value of the
 * one order key). Bounds are row offsets from the current row (negative = preceding), 0 for CURRENT
 * ROW (its peers, for RANGE), or null for UNBOUNDED. A RANGE bound with an offset names instead the
 * input column holding each row's bound value, the order key moved by the offset ({@code
 * lowerColumn}, {@code upperColumn}; its row offset is then 0): the frame reaches the rows whose key
 * lies within it. The SQL default with ORDER BY is RANGE between UNBOUNDED PRECEDING and CURRENT
 * ROW: {@code new WindowFrame(false, null, 0L)}; without ORDER BY the whole partition: {@code new
 * WindowFrame(false, null, null)}.
 */
public record WindowFrame(
    boolean rows, Long lower, Long upper, Integer lowerColumn, Integer upperColumn) {
  public WindowFrame {
    if (rows && (lowerColumn != null || upperColumn != null)) {
      throw new IllegalArgumentException("a ROWS frame has no bound columns");
    }
    if (lowerColumn != null && lower == null || upperColumn != null && upper == null) {
      throw new IllegalArgumentException("an UNBOUNDED bound has no bound column");
    }
  }

  public WindowFrame(boolean rows, Long lower, Long upper) {
    this(rows, lower, upper, null, null);
  }

  /** Whether some bound is a RANGE offset, found by the order key's value. */
  public boolean hasRangeOffsets() {
    return lowerColumn != null || upperColumn != null;
  }
}
