package io.quarry.exec.plan;

/** SEMI and ANTI keep left rows with (without) a match and output only the left columns. */
public enum JoinKind {
  INNER,
  LEFT,
  RIGHT,
  FULL,
  SEMI,
  ANTI
}
