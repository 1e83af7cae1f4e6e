package io.quarry.planner;

import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash-join keys for {@code a IS NOT DISTINCT FROM b}. A hash join never matches NULL keys, so each
 * such key becomes two ordinary keys: {@code a IS NULL} and {@code COALESCE(a, default)}. Two NULLs
 * then agree on both, and a NULL never agrees with a value (the first key differs).
 */
final class NullSafeKeys {
  private NullSafeKeys() {}

  /**
   * {@code input} with the two key columns of every one of {@code keys} appended; their indexes are
   * added to {@code hashKeys}.
   */
  static PlanNode append(PlanNode input, List<Integer> keys, List<Integer> hashKeys) {
    List<Column> schema = input.schema();
    List<Expr> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      exprs.add(new ColumnRef(i, schema.get(i).type()));
      names.add(schema.get(i).name());
    }
    DataType bool = DataType.of(TypeKind.BOOLEAN).withNullable(false);
    for (int key : keys) {
      DataType type = schema.get(key).type();
      ColumnRef ref = new ColumnRef(key, type);
      hashKeys.add(exprs.size());
      exprs.add(new Call(Op.IS_NULL, bool, ref));
      names.add(schema.get(key).name() + "$null");
      hashKeys.add(exprs.size());
      exprs.add(
          new Call(
              Op.COALESCE, type.withNullable(false), ref, new Literal(zero(type), type.withNullable(false))));
      names.add(schema.get(key).name() + "$value");
    }
    return new ProjectNode(input, exprs, names);
  }

  private static Object zero(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> false;
      case INT, DATE, INTERVAL_YEAR_MONTH -> 0;
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> 0L;
      case DOUBLE -> 0.0;
      case DECIMAL -> BigDecimal.ZERO.setScale(type.scale());
      case VARCHAR -> "";
      case NULL -> throw Literals.unsupported("a join on NULL-typed keys");
    };
  }
}
