package io.quarry.planner;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import io.quarry.sql.ColumnStatistics;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.TableDefinition;
import io.quarry.types.DataType;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Sarg;

/**
 * Decides from a shard's footer statistics whether a scan filter can be true for any of its rows.
 * Only conjuncts of the form {@code column <op> constant}, {@code column IN/BETWEEN ...} (Calcite's
 * SEARCH) and {@code IS [NOT] NULL} are used; anything else keeps the shard.
 */
final class ShardPruner {
  private ShardPruner() {}

  /** False when the statistics prove {@code condition} false (or NULL) for every row. */
  static boolean mayMatch(TableDefinition table, ShardDefinition shard, RexNode condition) {
    if (shard.rows() == 0) {
      return false;
    }
    if (condition == null) {
      return true;
    }
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (conjunct.isAlwaysFalse()) {
        return false;
      }
      if (!conjunctMayMatch(table, shard, conjunct)) {
        return false;
      }
    }
    return true;
  }

  private static boolean conjunctMayMatch(
      TableDefinition table, ShardDefinition shard, RexNode conjunct) {
    if (!(conjunct instanceof RexCall call) || call.getOperands().isEmpty()) {
      return true;
    }
    RexNode first = call.getOperands().get(0);
    SqlKind kind = call.getKind();
    RexNode second = call.getOperands().size() == 2 ? call.getOperands().get(1) : null;
    if (!(first instanceof RexInputRef) && second instanceof RexInputRef && kind != SqlKind.SEARCH) {
      RexNode t = first;
      first = second;
      second = t;
      kind = kind.reverse();
    }
    if (!(first instanceof RexInputRef ref)) {
      return true;
    }
    int column = ref.getIndex();
    DataType type = table.columns().get(column).type();
    ColumnStatistics stats = shard.stats(column);
    switch (kind) {
      case IS_NULL:
        return stats.nullCount() != 0;
      case IS_NOT_NULL:
        return stats.nullCount() < 0 || stats.nullCount() < shard.rows();
      default:
        break;
    }
    Comparable<?> min = Literals.normalize(stats.min(), type);
    Comparable<?> max = Literals.normalize(stats.max(), type);
    if (min == null || max == null || !(second instanceof RexLiteral literal)) {
      return true;
    }
    if (kind == SqlKind.SEARCH) {
      Sarg<?> sarg = literal.getValueAs(Sarg.class);
      if (sarg == null || (sarg.nullAs == RexUnknownAs.TRUE && stats.nullCount() != 0)) {
        return true;
      }
      for (Range<?> range : sarg.rangeSet.asRanges()) {
        if (rangeMayMatch(range, min, max)) {
          return true;
        }
      }
      return false;
    }
    Comparable<?> value = Literals.literalValue(literal);
    if (value == null || value.getClass() != min.getClass()) {
      return true;
    }
    int vsMin = compare(value, min);
    int vsMax = compare(value, max);
    return switch (kind) {
      case EQUALS -> vsMin >= 0 && vsMax <= 0;
      case LESS_THAN -> vsMin > 0;
      case LESS_THAN_OR_EQUAL -> vsMin >= 0;
      case GREATER_THAN -> vsMax < 0;
      case GREATER_THAN_OR_EQUAL -> vsMax <= 0;
      default -> true;
    };
  }

  private static boolean rangeMayMatch(Range<?> range, Comparable<?> min, Comparable<?> max) {
    if (range.hasUpperBound()) {
      Comparable<?> upper = Literals.sargValue(range.upperEndpoint());
      if (upper == null || upper.getClass() != min.getClass()) {
        return true;
      }
      int c = compare(upper, min);
      if (c < 0 || (c == 0 && range.upperBoundType() == BoundType.OPEN)) {
        return false;
      }
    }
    if (range.hasLowerBound()) {
      Comparable<?> lower = Literals.sargValue(range.lowerEndpoint());
      if (lower == null || lower.getClass() != max.getClass()) {
        return true;
      }
      int c = compare(lower, max);
      if (c > 0 || (c == 0 && range.lowerBoundType() == BoundType.OPEN)) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Comparable a, Comparable b) {
    return a.compareTo(b);
  }
}
