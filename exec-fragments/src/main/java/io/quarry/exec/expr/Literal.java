package io.quarry.exec.expr;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;

/**
 * A constant. {@code value} is in the canonical Java form of its type (see {@link DataType}), or
 * null for SQL NULL.
 */
public record Literal(Object value, DataType type) implements Expr {
  public Literal {
    requireNonNull(type, "type is null");
  }
}
