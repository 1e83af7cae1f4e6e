package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.expr.Expr;
import io.quarry.types.Column;
import java.util.List;

/**
 * Reads the named columns of one shard. {@code filter}, when not null, is a predicate over the
 * scan's output columns: row groups whose statistics prove it false are skipped, and rows where it
 * is not true are dropped.
 */
public record ScanNode(ShardRef shard, List<Column> schema, Expr filter) implements PlanNode {
  public ScanNode {
    requireNonNull(shard, "shard is null");
    schema = List.copyOf(requireNonNull(schema, "schema is null"));
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of();
  }
}
