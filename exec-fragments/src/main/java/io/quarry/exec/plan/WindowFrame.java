package io.quarry.exec.plan;

/**
 * The frame of a window group. {@code rows}: ROWS (physical offsets) or RANGE (peers by the order
 * keys; offsets other than unbounded/current row are only for ROWS). Bounds are row offsets from
 * the current row (negative = preceding), or null for UNBOUNDED. The SQL default with ORDER BY is
 * RANGE between UNBOUNDED PRECEDING and CURRENT ROW: {@code new WindowFrame(false, null, 0L)};
 * without ORDER BY the whole partition: {@code new WindowFrame(false, null, null)}.
 */
public record WindowFrame(boolean rows, Long lower, Long upper) {}
