package io.quarry.exec.expr;

import io.quarry.types.DataType;

/**
 * A scalar expression over the columns of one input batch. Immutable; compiled to code that loops
 * over Arrow vectors (never walked per row).
 */
public sealed interface Expr permits ColumnRef, Literal, Call {
  DataType type();
}
