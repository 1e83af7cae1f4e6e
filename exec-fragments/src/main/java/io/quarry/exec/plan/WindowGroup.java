package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Calls sharing one PARTITION BY, ORDER BY and frame. */
public record WindowGroup(
    List<Integer> partitionKeys, List<SortKey> orderKeys, WindowFrame frame, List<WindowCall> calls) {
  public WindowGroup {
    partitionKeys = List.copyOf(requireNonNull(partitionKeys, "partitionKeys is null"));
    orderKeys = List.copyOf(requireNonNull(orderKeys, "orderKeys is null"));
    requireNonNull(frame, "frame is null");
    calls = List.copyOf(requireNonNull(calls, "calls is null"));
  }
}
