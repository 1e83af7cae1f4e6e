package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.List;

/**
 * One aggregate: {@code function} over input columns {@code args}, producing {@code type} (the type
 * of the final value). {@code filter}, if not negative, is the index of a BOOLEAN input column:
 * only rows where it is true are aggregated (SQL's FILTER (WHERE ...)).
 */
public record AggCall(AggFunction function, List<Integer> args, int filter, DataType type, String name) {
  public AggCall {
    requireNonNull(function, "function is null");
    args = List.copyOf(requireNonNull(args, "args is null"));
    requireNonNull(type, "type is null");
    requireNonNull(name, "name is null");
  }

  public AggCall(AggFunction function, List<Integer> args, DataType type, String name) {
    this(function, args, -1, type, name);
  }
}
