package io.quarry.planner;

import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.SortKey;
import io.quarry.exec.plan.WindowCall;
import io.quarry.exec.plan.WindowFrame;
import io.quarry.exec.plan.WindowFunction;
import io.quarry.exec.plan.WindowGroup;
import io.quarry.exec.plan.WindowNode;
import io.quarry.sql.SqlTypes;
import io.quarry.types.Column;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;

/**
 * Translates Calcite's Window into a {@link WindowNode}. Constants the calls use (NTILE's bucket
 * count, LAG's offset) become extra input columns, dropped again after the window.
 */
final class WindowTranslator {
  private WindowTranslator() {}

  static PlanNode translate(Window window, PlanNode input) {
    List<Column> inputSchema = input.schema();
    int inputCount = inputSchema.size();
    if (!window.constants.isEmpty()) {
      List<Expr> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < inputCount; i++) {
        exprs.add(new ColumnRef(i, inputSchema.get(i).type()));
        names.add(inputSchema.get(i).name());
      }
      for (int i = 0; i < window.constants.size(); i++) {
        exprs.add(Literals.toLiteral(window.constants.get(i)));
        names.add("$const" + i);
      }
      input = new ProjectNode(input, exprs, names);
    }
    List<String> outNames = window.getRowType().getFieldNames();
    int callIndex = window.getInput().getRowType().getFieldCount();
    List<WindowGroup> groups = new ArrayList<>();
    for (Window.Group g : window.groups) {
      List<SortKey> orderKeys = new ArrayList<>();
      for (RelFieldCollation fc : g.orderKeys.getFieldCollations()) {
        orderKeys.add(
            new SortKey(
                fc.getFieldIndex(),
                fc.getDirection().isDescending(),
                fc.nullDirection == RelFieldCollation.NullDirection.FIRST));
      }
      Long lower = bound(g.lowerBound, window, inputCount);
      Long upper = bound(g.upperBound, window, inputCount);
      if (!g.isRows && ((lower != null && lower != 0) || (upper != null && upper != 0))) {
        throw Literals.unsupported("RANGE frames with offsets (use ROWS)");
      }
      List<WindowCall> calls = new ArrayList<>();
      for (Window.RexWinAggCall call : g.aggCalls) {
        List<Integer> args = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
          if (!(operand instanceof RexInputRef ref)) {
            throw Literals.unsupported("window function argument " + operand);
          }
          args.add(ref.getIndex());
        }
        WindowFunction function = function(call, args);
        calls.add(
            new WindowCall(
                function,
                args,
                SqlTypes.toDataType(call.getType()).withNullable(true),
                outNames.get(callIndex++)));
      }
      groups.add(
          new WindowGroup(g.keys.asList(), orderKeys, new WindowFrame(g.isRows, lower, upper), calls));
    }
    PlanNode node = new WindowNode(input, groups);
    if (!window.constants.isEmpty()) {
      List<Column> schema = node.schema();
      List<Expr> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        if (i >= inputCount && i < inputCount + window.constants.size()) {
          continue;
        }
        exprs.add(new ColumnRef(i, schema.get(i).type()));
        names.add(schema.get(i).name());
      }
      node = new ProjectNode(node, exprs, names);
    }
    return node;
  }

  private static WindowFunction function(Window.RexWinAggCall call, List<Integer> args) {
    return switch (call.getOperator().getKind()) {
      case ROW_NUMBER -> WindowFunction.ROW_NUMBER;
      case RANK -> WindowFunction.RANK;
      case DENSE_RANK -> WindowFunction.DENSE_RANK;
      case PERCENT_RANK -> WindowFunction.PERCENT_RANK;
      case CUME_DIST -> WindowFunction.CUME_DIST;
      case NTILE -> WindowFunction.NTILE;
      case LAG -> WindowFunction.LAG;
      case LEAD -> WindowFunction.LEAD;
      case FIRST_VALUE -> WindowFunction.FIRST_VALUE;
      case LAST_VALUE -> WindowFunction.LAST_VALUE;
      case COUNT -> args.isEmpty() ? WindowFunction.COUNT_STAR : WindowFunction.COUNT;
      // $SUM0 only appears guarded by a COUNT > 0 test, so SUM's NULL over no rows never shows.
      case SUM, SUM0 -> WindowFunction.SUM;
      case AVG -> WindowFunction.AVG;
      case MIN -> WindowFunction.MIN;
      case MAX -> WindowFunction.MAX;
      default -> throw Literals.unsupported("window function " + call.getOperator().getName());
    };
  }

  private static Long bound(RexWindowBound bound, Window window, int inputCount) {
    if (bound.isUnbounded()) {
      return null;
    }
    if (bound.isCurrentRow()) {
      return 0L;
    }
    RexNode offset = bound.getOffset();
    RexLiteral literal;
    if (offset instanceof RexInputRef ref && ref.getIndex() >= inputCount) {
      literal = window.constants.get(ref.getIndex() - inputCount);
    } else if (offset instanceof RexLiteral l) {
      literal = l;
    } else {
      throw Literals.unsupported("window frame bound " + offset);
    }
    long value = literal.getValueAs(BigDecimal.class).longValueExact();
    return bound.isPreceding() ? -value : value;
  }
}
