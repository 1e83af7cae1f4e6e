package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/**
 * Sorts by {@code keys}, then skips {@code offset} rows and keeps at most {@code fetch} (-1: all).
 * With a fetch it is a top-N and keeps only offset + fetch rows in memory. Ties keep a canonical
 * order (remaining columns ascending), so the output is deterministic.
 */
public record SortNode(PlanNode input, List<SortKey> keys, long offset, long fetch)
    implements PlanNode {
  public SortNode {
    requireNonNull(input, "input is null");
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
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
