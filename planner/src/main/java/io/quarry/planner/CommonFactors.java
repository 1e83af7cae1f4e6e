package io.quarry.planner;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Pulls conjuncts common to every branch of an OR out of it: {@code (a AND b) OR (a AND c)} becomes
 * {@code a AND (b OR c)}. TPC-H Q19 writes its join key inside each branch; only once it is outside
 * can it become a hash join key instead of a nested-loop predicate.
 */
final class CommonFactors extends RelHomogeneousShuttle {
  private final RexBuilder rexBuilder;

  private CommonFactors(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  static RelNode apply(RelNode rel) {
    return rel.accept(new CommonFactors(rel.getCluster().getRexBuilder()));
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    if (rel instanceof LogicalFilter filter) {
      RexNode pulled = RexUtil.pullFactors(rexBuilder, filter.getCondition());
      if (!pulled.equals(filter.getCondition())) {
        return filter.copy(filter.getTraitSet(), filter.getInput(), pulled);
      }
    } else if (rel instanceof LogicalJoin join) {
      RexNode pulled = RexUtil.pullFactors(rexBuilder, join.getCondition());
      if (!pulled.equals(join.getCondition())) {
        return join.copy(
            join.getTraitSet(), pulled, join.getLeft(), join.getRight(), join.getJoinType(),
            join.isSemiJoinDone());
      }
    }
    return rel;
  }
}
