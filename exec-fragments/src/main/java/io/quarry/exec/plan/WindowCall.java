package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.List;

/** One window function call over input columns {@code args}. */
public record WindowCall(WindowFunction function, List<Integer> args, DataType type, String name) {
  public WindowCall {
    requireNonNull(function, "function is null");
    args = List.copyOf(requireNonNull(args, "args is null"));
    requireNonNull(type, "type is null");
    requireNonNull(name, "name is null");
  }
}
