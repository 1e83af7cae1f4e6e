package io.quarry.exec.expr;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.List;

/** An operator or function applied to arguments; {@code type} is the result type. */
public record Call(Op op, List<Expr> args, DataType type) implements Expr {
  public Call {
    requireNonNull(op, "op is null");
    args = List.copyOf(requireNonNull(args, "args is null"));
    requireNonNull(type, "type is null");
  }

  public Call(Op op, DataType type, Expr... args) {
    this(op, List.of(args), type);
  }
}
