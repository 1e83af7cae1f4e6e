package io.quarry.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * NOT EXISTS, decorrelated into a left join whose rows are kept when a never-NULL column of the
 * sub-query side is NULL, becomes an anti join: a left row is kept when no right row matches. The
 * right side's columns, NULL in every kept row, stay in the row as NULLs for what reads them.
 */
final class AntiJoins extends RelHomogeneousShuttle {
  private final RelBuilder builder;

  private AntiJoins(RelBuilder builder) {
    this.builder = builder;
  }

  static RelNode apply(RelNode rel, RelBuilder builder) {
    return rel.accept(new AntiJoins(builder));
  }

  @Override
  public RelNode visit(RelNode other) {
    RelNode rel = super.visit(other);
    if (!(rel instanceof LogicalFilter filter)
        || !(filter.getInput() instanceof LogicalJoin join)
        || join.getJoinType() != JoinRelType.LEFT) {
      return rel;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<RelDataTypeField> rightFields = join.getRight().getRowType().getFieldList();
    RexNode isNull = null;
    List<RexNode> rest = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      if (isNull == null && missesRightRow(conjunct, leftCount, rightFields)) {
        isNull = conjunct;
      } else {
        rest.add(conjunct);
      }
    }
    if (isNull == null) {
      return rel;
    }
    ImmutableBitSet leftOnly = ImmutableBitSet.range(leftCount);
    for (RexNode conjunct : rest) {
      if (!leftOnly.contains(RelOptUtil.InputFinder.bits(conjunct))) {
        return rel; // reads a right column: leave the left join as it is
      }
    }
    builder.push(join.getLeft()).push(join.getRight()).antiJoin(join.getCondition());
    if (!rest.isEmpty()) {
      builder.filter(rest);
    }
    List<RexNode> row = new ArrayList<>(builder.fields());
    List<RelDataTypeField> out = join.getRowType().getFieldList();
    for (int i = leftCount; i < out.size(); i++) {
      row.add(builder.getRexBuilder().makeNullLiteral(out.get(i).getType()));
    }
    return builder.project(row, join.getRowType().getFieldNames(), true).build();
  }

  /** {@code x IS NULL} of a right column that is never NULL where a right row matched. */
  private static boolean missesRightRow(
      RexNode conjunct, int leftCount, List<RelDataTypeField> rightFields) {
    return conjunct.getKind() == SqlKind.IS_NULL
        && ((RexCall) conjunct).getOperands().get(0) instanceof RexInputRef ref
        && ref.getIndex() >= leftCount
        && !rightFields.get(ref.getIndex() - leftCount).getType().isNullable();
  }
}
