package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;

/**
 * The rows of a stored result: an Arrow IPC stream kept as a UnixFS file under {@code result} (a
 * CID string), with the columns {@code schema}. A result never changes, so a plan that reads one is
 * as deterministic as one that reads shards; the broadcast build side of a distributed join is
 * shipped to the nodes that probe it this way.
 */
public record ResultNode(String result, List<Column> schema) implements PlanNode {
  public ResultNode {
    requireNonNull(result, "result is null");
    schema = List.copyOf(requireNonNull(schema, "schema is null"));
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of();
  }
}
