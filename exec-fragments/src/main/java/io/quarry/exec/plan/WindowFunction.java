package io.quarry.exec.plan;

/** Window functions; the aggregate ones take the frame of their group. */
public enum WindowFunction {
  ROW_NUMBER,
  RANK,
  DENSE_RANK,
  PERCENT_RANK,
  CUME_DIST,
  /** args: [bucket count column]. */
  NTILE,
  /** args: value [, offset [, default]]; offset and default are input columns. */
  LAG,
  LEAD,
  FIRST_VALUE,
  LAST_VALUE,
  COUNT_STAR,
  COUNT,
  SUM,
  AVG,
  MIN,
  MAX
}
