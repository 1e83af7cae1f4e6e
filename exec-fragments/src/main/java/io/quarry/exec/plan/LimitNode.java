package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/** Skips {@code offset} rows, then passes at most {@code fetch} rows (-1: all). */
public record LimitNode(PlanNode input, long offset, long fetch) implements PlanNode {
  public LimitNode {
    requireNonNull(input, "input is null");
    if (offset < 0 || fetch < -1) {
      throw new IllegalArgumentException("bad offset/fetch: " + offset + "/" + fetch);
    }
  }

  @Override
  public List<Column> schema() {
    return input.schema();
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of(input);
  }
}
