package io.quarry.planner;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Op;
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
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
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
 * count, LAG's offset) and the bound values of RANGE frames with offsets become extra input
 * columns, dropped again after the window.
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
    List<Expr> boundColumns = new ArrayList<>(); // order keys moved by RANGE offsets
    for (Window.Group g : window.groups) {
      List<SortKey> orderKeys = new ArrayList<>();
      for (RelFieldCollation fc : g.orderKeys.getFieldCollations()) {
        orderKeys.add(
            new SortKey(
                fc.getFieldIndex(),
                fc.getDirection().isDescending(),
                fc.nullDirection == RelFieldCollation.NullDirection.FIRST));
      }
      WindowFrame frame;
      if (g.isRows) {
        Long lower = bound(g.lowerBound, window, inputCount);
        Long upper = bound(g.upperBound, window, inputCount);
        frame = new WindowFrame(true, lower, upper);
      } else {
        int base = inputCount + window.constants.size();
        Integer lowerColumn = null;
        Integer upperColumn = null;
        if (hasOffset(g.lowerBound)) {
          lowerColumn = base + boundColumns.size();
          boundColumns.add(rangeBound(g.lowerBound, orderKeys, input.schema(), window, inputCount));
        }
        if (hasOffset(g.upperBound)) {
          upperColumn = base + boundColumns.size();
          boundColumns.add(rangeBound(g.upperBound, orderKeys, input.schema(), window, inputCount));
        }
        frame =
            new WindowFrame(
                false,
                g.lowerBound.isUnbounded() ? null : 0L,
                g.upperBound.isUnbounded() ? null : 0L,
                lowerColumn,
                upperColumn);
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
          new WindowGroup(g.keys.asList(), orderKeys, frame, calls));
    }
    if (!boundColumns.isEmpty()) {
      input = withColumns(input, boundColumns);
    }
    PlanNode node = new WindowNode(input, groups);
    int helpers = window.constants.size() + boundColumns.size();
    if (helpers > 0) {
      List<Column> schema = node.schema();
      List<Expr> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        if (i >= inputCount && i < inputCount + helpers) {
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

  private static boolean hasOffset(RexWindowBound bound) {
    return !bound.isUnbounded() && !bound.isCurrentRow();
  }

  /**
   * The column a RANGE offset bound is found by: the order key moved by the offset, towards the
   * rows that precede (minus, ascending) or follow (plus, ascending), the other way for a
   * descending key. An offset of zero still moves nothing, and peers stay in the frame.
   */
  private static Expr rangeBound(
      RexWindowBound bound,
      List<SortKey> orderKeys,
      List<Column> inputSchema,
      Window window,
      int inputCount) {
    if (orderKeys.size() != 1) {
      throw Literals.unsupported("RANGE frames with offsets over other than one ORDER BY key");
    }
    SortKey key = orderKeys.get(0);
    DataType keyType = inputSchema.get(key.column()).type();
    RexLiteral literal = offsetLiteral(bound.getOffset(), window, inputCount);
    Expr offset = Literals.toLiteral(literal);
    if (literal.getValueAs(BigDecimal.class).signum() < 0) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT, "a RANGE frame offset must not be negative: " + literal);
    }
    DataType offsetType = offset.type();
    DataType type =
        switch (keyType.kind()) {
          case DATE, TIMESTAMP -> keyType;
          case INT, BIGINT -> DataType.of(TypeKind.BIGINT);
          case DOUBLE -> DataType.of(TypeKind.DOUBLE);
          case DECIMAL -> {
            int scale = Math.max(keyType.scale(), offsetType.scale());
            int digits = Math.max(keyType.precision() - keyType.scale(), 19);
            yield DataType.decimal(Math.min(38, digits + scale + 1), scale);
          }
          default ->
              throw Literals.unsupported("RANGE frame offsets over a " + keyType.kind() + " key");
        };
    boolean temporal = keyType.kind() == TypeKind.DATE || keyType.kind() == TypeKind.TIMESTAMP;
    boolean interval =
        offsetType.kind() == TypeKind.INTERVAL_DAY_TIME
            || offsetType.kind() == TypeKind.INTERVAL_YEAR_MONTH;
    if (temporal != interval) {
      throw Literals.unsupported(
          "a RANGE offset of " + offsetType.kind() + " over a " + keyType.kind() + " key");
    }
    if (!interval && offsetType.kind() != TypeKind.DECIMAL) {
      DataType exact = type.kind() == TypeKind.DECIMAL ? DataType.decimal(19, 0) : type;
      offset = RexTranslator.cast(offset, exact);
    }
    boolean plus = bound.isFollowing() != key.descending();
    return new Call(
        plus ? Op.PLUS : Op.MINUS,
        type.withNullable(true),
        new ColumnRef(key.column(), keyType),
        offset);
  }

  private static RexLiteral offsetLiteral(RexNode offset, Window window, int inputCount) {
    if (offset instanceof RexInputRef ref && ref.getIndex() >= inputCount) {
      return window.constants.get(ref.getIndex() - inputCount);
    }
    if (offset instanceof RexLiteral l) {
      return l;
    }
    throw Literals.unsupported("window frame bound " + offset);
  }

  /** The input with {@code extra} columns appended. */
  private static PlanNode withColumns(PlanNode input, List<Expr> extra) {
    List<Expr> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Column> schema = input.schema();
    for (int i = 0; i < schema.size(); i++) {
      exprs.add(new ColumnRef(i, schema.get(i).type()));
      names.add(schema.get(i).name());
    }
    for (int i = 0; i < extra.size(); i++) {
      exprs.add(extra.get(i));
      names.add("$bound" + i);
    }
    return new ProjectNode(input, exprs, names);
  }

  private static Long bound(RexWindowBound bound, Window window, int inputCount) {
    if (bound.isUnbounded()) {
      return null;
    }
    if (bound.isCurrentRow()) {
      return 0L;
    }
    RexLiteral literal = offsetLiteral(bound.getOffset(), window, inputCount);
    long value = literal.getValueAs(BigDecimal.class).longValueExact();
    return bound.isPreceding() ? -value : value;
  }
}
