package io.quarry.exec.expr;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;

/** The value of input column {@code index} (0-based). */
public record ColumnRef(int index, DataType type) implements Expr {
  public ColumnRef {
    if (index < 0) {
      throw new IllegalArgumentException("index is negative: " + index);
    }
    requireNonNull(type, "type is null");
  }
}
