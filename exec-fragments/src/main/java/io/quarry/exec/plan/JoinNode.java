package io.quarry.exec.plan;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.expr.Expr;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash join; the right input is the build side. Rows match when every {@code leftKeys[i]} equals
 * {@code rightKeys[i]} (NULL never equals anything) and {@code residual}, if not null, is true.
 * The residual is over the left columns followed by the right columns. With no keys it is a nested
 * loop join over the residual (or a cross product when that is null too).
 *
 * <p>Output: left columns then right columns (right ones nullable for LEFT and FULL, left ones for
 * RIGHT and FULL); only the left columns for SEMI and ANTI.
 */
public record JoinNode(
    PlanNode left,
    PlanNode right,
    JoinKind kind,
    List<Integer> leftKeys,
    List<Integer> rightKeys,
    Expr residual)
    implements PlanNode {
  public JoinNode {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    requireNonNull(kind, "kind is null");
    leftKeys = List.copyOf(requireNonNull(leftKeys, "leftKeys is null"));
    rightKeys = List.copyOf(requireNonNull(rightKeys, "rightKeys is null"));
    if (leftKeys.size() != rightKeys.size()) {
      throw new IllegalArgumentException("leftKeys and rightKeys differ in size");
    }
  }

  @Override
  public List<Column> schema() {
    if (kind == JoinKind.SEMI || kind == JoinKind.ANTI) {
      return left.schema();
    }
    boolean leftNullable = kind == JoinKind.RIGHT || kind == JoinKind.FULL;
    boolean rightNullable = kind == JoinKind.LEFT || kind == JoinKind.FULL;
    List<Column> out = new ArrayList<>();
    for (Column c : left.schema()) {
      out.add(leftNullable ? new Column(c.name(), c.type().withNullable(true)) : c);
    }
    for (Column c : right.schema()) {
      out.add(rightNullable ? new Column(c.name(), c.type().withNullable(true)) : c);
    }
    return out;
  }

  @Override
  public List<PlanNode> inputs() {
    return List.of(left, right);
  }
}
