package io.quarry.node.engine;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.ScanNode;
import io.quarry.sql.ColumnStatistics;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.TableDefinition;
import io.quarry.types.Column;
import java.math.BigDecimal;
import java.util.List;

/**
 * Whether a scan's filter may be true for any row of a shard, from the shard's footer statistics:
 * the check a plan's existing shards went through, applied to shards added by an append. Only
 * conjuncts {@code column <op> constant} of integer, decimal, date and timestamp columns and {@code
 * IS [NOT] NULL} are used; anything else keeps the shard, which only costs reading it.
 */
final class ShardFilterCheck {
  private ShardFilterCheck() {}

  static boolean mayMatch(ScanNode scan, TableDefinition table, ShardDefinition shard) {
    if (shard.rows() == 0) {
      return false;
    }
    return scan.filter() == null || mayMatch(scan.filter(), scan.schema(), table, shard);
  }

  private static boolean mayMatch(
      Expr condition, List<Column> scanColumns, TableDefinition table, ShardDefinition shard) {
    if (!(condition instanceof Call call)) {
      return !(condition instanceof Literal l && Boolean.FALSE.equals(l.value()));
    }
    switch (call.op()) {
      case AND:
        for (Expr arg : call.args()) {
          if (!mayMatch(arg, scanColumns, table, shard)) {
            return false;
          }
        }
        return true;
      case IS_NULL:
      case IS_NOT_NULL:
        {
          ColumnStatistics stats = statsOf(call.args().get(0), scanColumns, table, shard);
          if (stats == null || stats.nullCount() < 0) {
            return true;
          }
          return call.op() == Op.IS_NULL
              ? stats.nullCount() != 0
              : stats.nullCount() < shard.rows();
        }
      case EQ:
      case LT:
      case LE:
      case GT:
      case GE:
        return comparisonMayMatch(call, scanColumns, table, shard);
      default:
        return true;
    }
  }

  private static boolean comparisonMayMatch(
      Call call, List<Column> scanColumns, TableDefinition table, ShardDefinition shard) {
    Expr left = call.args().get(0);
    Expr right = call.args().get(1);
    Op op = call.op();
    if (left instanceof Literal && right instanceof ColumnRef) {
      Expr t = left;
      left = right;
      right = t;
      op = switch (op) {
        case LT -> Op.GT;
        case LE -> Op.GE;
        case GT -> Op.LT;
        case GE -> Op.LE;
        default -> op;
      };
    }
    if (!(right instanceof Literal literal) || literal.value() == null) {
      return true;
    }
    ColumnStatistics stats = statsOf(left, scanColumns, table, shard);
    if (stats == null || !comparable(stats.min(), literal.value()) || !comparable(stats.max(), literal.value())) {
      return true;
    }
    int vsMin = compare(literal.value(), stats.min());
    int vsMax = compare(literal.value(), stats.max());
    return switch (op) {
      case EQ -> vsMin >= 0 && vsMax <= 0;
      case LT -> vsMin > 0;
      case LE -> vsMin >= 0;
      case GT -> vsMax < 0;
      case GE -> vsMax <= 0;
      default -> true;
    };
  }

  /** Statistics of the table column a scan column reference reads, or null. */
  private static ColumnStatistics statsOf(
      Expr e, List<Column> scanColumns, TableDefinition table, ShardDefinition shard) {
    if (!(e instanceof ColumnRef ref) || ref.index() >= scanColumns.size()) {
      return null;
    }
    Column column = scanColumns.get(ref.index());
    for (int i = 0; i < table.columns().size(); i++) {
      Column c = table.columns().get(i);
      if (c.name().equals(column.name()) && c.type().kind() == column.type().kind()) {
        return shard.stats(i);
      }
    }
    return null;
  }

  /** Integers, decimals, dates and timestamps only: their statistics order is the SQL order. */
  private static boolean comparable(Object stat, Object value) {
    return stat != null
        && stat.getClass() == value.getClass()
        && (value instanceof Integer || value instanceof Long || value instanceof BigDecimal);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }
}
