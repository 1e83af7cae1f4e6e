package io.quarry.planner;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Range;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.sql.SqlTypes;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUnknownAs;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.util.Sarg;

/**
 * Translates Calcite row expressions into Quarry's {@link Expr}. Input references go through
 * {@code columns}, which maps the index in Calcite's input to the index in the physical input.
 */
final class RexTranslator {
  private final RexBuilder rexBuilder;
  private final IntUnaryOperator columns;

  RexTranslator(RexBuilder rexBuilder, IntUnaryOperator columns) {
    this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
    this.columns = requireNonNull(columns, "columns is null");
  }

  Expr translate(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return new ColumnRef(columns.applyAsInt(ref.getIndex()), SqlTypes.toDataType(ref.getType()));
    }
    if (node instanceof RexLiteral literal) {
      return Literals.toLiteral(literal);
    }
    if (node instanceof RexCall call) {
      return translateCall(call);
    }
    throw Literals.unsupported("expression " + node);
  }

  private List<Expr> args(RexCall call) {
    List<Expr> out = new ArrayList<>(call.getOperands().size());
    for (RexNode operand : call.getOperands()) {
      out.add(translate(operand));
    }
    return out;
  }

  private Expr translateCall(RexCall call) {
    DataType type = SqlTypes.toDataType(call.getType());
    SqlOperator op = call.getOperator();
    switch (call.getKind()) {
      case SEARCH:
        return search(call);
      case PLUS:
        return new Call(Op.PLUS, args(call), type);
      case MINUS:
        return new Call(Op.MINUS, args(call), type);
      case TIMES:
        return new Call(Op.TIMES, args(call), type);
      case DIVIDE:
        return divide(call, type);
      case MOD:
        return new Call(Op.MOD, args(call), type);
      case MINUS_PREFIX:
        return new Call(Op.NEGATE, args(call), type);
      case PLUS_PREFIX:
        return translate(call.getOperands().get(0));
      case EQUALS:
        return comparison(Op.EQ, Op.EQ, call, type);
      case NOT_EQUALS:
        return comparison(Op.NE, Op.NE, call, type);
      case LESS_THAN:
        return comparison(Op.LT, Op.GT, call, type);
      case LESS_THAN_OR_EQUAL:
        return comparison(Op.LE, Op.GE, call, type);
      case GREATER_THAN:
        return comparison(Op.GT, Op.LT, call, type);
      case GREATER_THAN_OR_EQUAL:
        return comparison(Op.GE, Op.LE, call, type);
      case IS_DISTINCT_FROM:
        return new Call(Op.IS_DISTINCT_FROM, args(call), type);
      case IS_NOT_DISTINCT_FROM:
        return new Call(Op.IS_NOT_DISTINCT_FROM, args(call), type);
      case AND:
        return chain(Op.AND, args(call), type);
      case OR:
        return chain(Op.OR, args(call), type);
      case NOT:
        return new Call(Op.NOT, args(call), type);
      case IS_NULL:
        return new Call(Op.IS_NULL, args(call), type);
      case IS_NOT_NULL:
        return new Call(Op.IS_NOT_NULL, args(call), type);
      case IS_TRUE:
        return new Call(Op.IS_TRUE, args(call), type);
      case IS_NOT_TRUE:
        return new Call(Op.IS_NOT_TRUE, args(call), type);
      case IS_FALSE:
        return new Call(Op.IS_FALSE, args(call), type);
      case IS_NOT_FALSE:
        return new Call(Op.IS_NOT_FALSE, args(call), type);
      case CASE:
        return new Call(Op.CASE, args(call), type);
      case CAST:
        return cast(translate(call.getOperands().get(0)), type);
      case COALESCE:
        return new Call(Op.COALESCE, args(call), type);
      case LIKE:
        return like(call, type);
      case EXTRACT:
        return extract(call, type);
      case REINTERPRET:
        return reinterpret(call, type);
      case TRIM:
        return trim(call, type);
      case POSITION:
        if (call.getOperands().size() != 2) {
          throw Literals.unsupported("POSITION with a start position");
        }
        return new Call(Op.POSITION, args(call), type);
      case FLOOR:
      case CEIL:
        if (call.getOperands().size() == 2 && call.getKind() == SqlKind.FLOOR) {
          // FLOOR(t TO unit): the start of t's unit, as DATE_TRUNC('unit', t)
          TimeUnitRange unit =
              ((RexLiteral) call.getOperands().get(1)).getValueAs(TimeUnitRange.class);
          return dateTrunc(unit.name(), translate(call.getOperands().get(0)), type);
        }
        if (call.getOperands().size() != 1) {
          throw Literals.unsupported(op.getName() + " of a date or time to a unit");
        }
        return new Call(call.getKind() == SqlKind.FLOOR ? Op.FLOOR : Op.CEIL, args(call), type);
      default:
        break;
    }
    if (op == SqlStdOperatorTable.CONCAT) {
      return new Call(Op.CONCAT, stringArgs(call), type);
    }
    switch (op.getName().toUpperCase(Locale.ROOT)) {
      case "CONCAT" -> {
        // The function form skips NULLs (as PostgreSQL and DuckDB do); || does not.
        DataType text = DataType.of(TypeKind.VARCHAR).withNullable(false);
        List<Expr> parts = new ArrayList<>();
        for (Expr e : stringArgs(call)) {
          parts.add(new Call(Op.COALESCE, text, e, new Literal("", text)));
        }
        return parts.size() == 1 ? parts.get(0) : chain(Op.CONCAT, parts, type);
      }
      case "LPAD", "RPAD" -> {
        List<Expr> args = args(call);
        if (args.size() == 2) {
          args.add(new Literal(" ", DataType.of(TypeKind.VARCHAR).withNullable(false)));
        }
        return new Call(op.getName().equalsIgnoreCase("LPAD") ? Op.LPAD : Op.RPAD, args, type);
      }
      case "DATE_TRUNC" -> {
        if (!(call.getOperands().get(0) instanceof RexLiteral unit)) {
          throw Literals.unsupported("DATE_TRUNC with a unit that is not a literal");
        }
        return dateTrunc(
            unit.getValueAs(String.class).toUpperCase(Locale.ROOT),
            translate(call.getOperands().get(1)),
            type);
      }
      default -> {}
    }
    if (op == SqlStdOperatorTable.CURRENT_DATE) {
      return new Literal((int) LocalDate.now(ZoneOffset.UTC).toEpochDay(), type);
    }
    if (op == SqlStdOperatorTable.CURRENT_TIMESTAMP || op == SqlStdOperatorTable.LOCALTIMESTAMP) {
      return new Literal(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()), type);
    }
    Op mapped =
        switch (op.getName().toUpperCase(Locale.ROOT)) {
          case "SUBSTRING", "SUBSTR" -> Op.SUBSTRING;
          case "UPPER" -> Op.UPPER;
          case "LOWER" -> Op.LOWER;
          case "CHAR_LENGTH", "CHARACTER_LENGTH", "LENGTH" -> Op.CHAR_LENGTH;
          case "REPLACE" -> Op.REPLACE;
          case "LEFT" -> Op.LEFT;
          case "RIGHT" -> Op.RIGHT;
          case "ABS" -> Op.ABS;
          case "ROUND" -> Op.ROUND;
          case "POWER" -> Op.POWER;
          case "SQRT" -> Op.SQRT;
          case "LN" -> Op.LN;
          case "LOG10" -> Op.LOG10;
          case "EXP" -> Op.EXP;
          case "SIGN" -> Op.SIGN;
          case "LTRIM" -> Op.LTRIM;
          case "RTRIM" -> Op.RTRIM;
          case "BTRIM" -> Op.TRIM;
          default -> throw Literals.unsupported("function " + op.getName());
        };
    return new Call(mapped, args(call), type);
  }

  /**
   * Calcite's REINTERPRET: a value's internal number taken as another type, which is how it writes
   * TIMESTAMPDIFF and a CAST of an interval to a number. Intervals are held as Calcite holds them
   * (milliseconds, months) and dates as days, so these are plain conversions; timestamps are not
   * (Quarry keeps microseconds), and are refused rather than answered wrongly.
   */
  private Expr reinterpret(RexCall call, DataType type) {
    Expr value = translate(call.getOperands().get(0));
    TypeKind from = value.type().kind();
    TypeKind to = type.kind();
    boolean interval = isInterval(from) && isInteger(to) || isInteger(from) && isInterval(to);
    boolean date = from == TypeKind.DATE && isInteger(to) || isInteger(from) && to == TypeKind.DATE;
    if (!interval && !date && from != to) {
      throw Literals.unsupported("reinterpreting " + from + " as " + to);
    }
    return from == to ? value : new Call(Op.CAST, type, value);
  }

  private static boolean isInterval(TypeKind kind) {
    return kind == TypeKind.INTERVAL_DAY_TIME || kind == TypeKind.INTERVAL_YEAR_MONTH;
  }

  private static boolean isInteger(TypeKind kind) {
    return kind == TypeKind.INT || kind == TypeKind.BIGINT;
  }

  private static Expr dateTrunc(String unit, Expr value, DataType type) {
    switch (unit) {
      case "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND" -> {}
      default -> throw Literals.unsupported("truncating a date or time to " + unit);
    }
    DataType text = DataType.of(TypeKind.VARCHAR).withNullable(false);
    return new Call(Op.DATE_TRUNC, type, new Literal(unit, text), value);
  }

  /**
   * A comparison with any literal on the right ({@code 2 < x} is {@code x > 2}), so the same
   * condition written either way is the same fragment, with the same key in the result cache.
   */
  private Expr comparison(Op op, Op mirrored, RexCall call, DataType type) {
    List<Expr> args = args(call);
    if (args.get(0) instanceof Literal && !(args.get(1) instanceof Literal)) {
      return new Call(mirrored, type, args.get(1), args.get(0));
    }
    return new Call(op, args, type);
  }

  /** AND/OR as binary calls, so every operator sees two arguments. */
  private static Expr chain(Op op, List<Expr> args, DataType type) {
    Expr result = args.get(0);
    for (int i = 1; i < args.size(); i++) {
      result = new Call(op, type, result, args.get(i));
    }
    return result;
  }

  /** Arguments of || as VARCHAR (numbers and dates concatenate as their text). */
  private List<Expr> stringArgs(RexCall call) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : args(call)) {
      out.add(
          e.type().kind() == TypeKind.VARCHAR
              ? e
              : cast(e, DataType.of(TypeKind.VARCHAR).withNullable(e.type().nullable())));
    }
    return out;
  }

  /** Exact numbers divided with a DOUBLE result (decimal quotients) divide as doubles. */
  private Expr divide(RexCall call, DataType type) {
    List<Expr> args = args(call);
    if (type.kind() == TypeKind.DOUBLE) {
      List<Expr> converted = new ArrayList<>();
      for (Expr a : args) {
        converted.add(
            a.type().kind() == TypeKind.DOUBLE
                ? a
                : cast(a, DataType.of(TypeKind.DOUBLE).withNullable(a.type().nullable())));
      }
      args = converted;
    }
    return new Call(Op.DIVIDE, args, type);
  }

  static Expr cast(Expr value, DataType type) {
    DataType from = value.type();
    if (from.kind() == type.kind()
        && from.precision() == type.precision()
        && from.scale() == type.scale()) {
      return value;
    }
    if (value instanceof Literal literal && literal.value() == null) {
      return new Literal(null, type);
    }
    return new Call(Op.CAST, type, value);
  }

  private Expr like(RexCall call, DataType type) {
    SqlLikeOperator like = (SqlLikeOperator) call.getOperator();
    List<Expr> args = args(call);
    if (!like.isCaseSensitive()) {
      // ILIKE: LIKE over both sides lower-cased (wildcards and escapes have no case).
      for (int i = 0; i < 2; i++) {
        args.set(i, new Call(Op.LOWER, args.get(i).type(), args.get(i)));
      }
    }
    Expr result = new Call(Op.LIKE, args, type);
    return like.isNegated() ? new Call(Op.NOT, type, result) : result;
  }

  private Expr extract(RexCall call, DataType type) {
    RexLiteral unitLiteral = (RexLiteral) call.getOperands().get(0);
    TimeUnitRange unit = unitLiteral.getValueAs(TimeUnitRange.class);
    String name =
        switch (unit) {
          case YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND -> unit.name();
          default -> throw Literals.unsupported("EXTRACT(" + unit + ")");
        };
    return new Call(
        Op.EXTRACT,
        type,
        new Literal(name, DataType.of(TypeKind.VARCHAR).withNullable(false)),
        translate(call.getOperands().get(1)));
  }

  private Expr trim(RexCall call, DataType type) {
    SqlTrimFunction.Flag flag =
        ((RexLiteral) call.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
    RexNode chars = call.getOperands().get(1);
    if (!(chars instanceof RexLiteral l) || !" ".equals(l.getValueAs(String.class))) {
      throw Literals.unsupported("TRIM of characters other than spaces");
    }
    Op op =
        switch (flag) {
          case BOTH -> Op.TRIM;
          case LEADING -> Op.LTRIM;
          case TRAILING -> Op.RTRIM;
        };
    return new Call(op, type, translate(call.getOperands().get(2)));
  }

  /** SEARCH(x, Sarg): point sets become IN, everything else the equivalent comparisons. */
  private Expr search(RexCall call) {
    RexNode ref = call.getOperands().get(0);
    RexLiteral sargLiteral = (RexLiteral) call.getOperands().get(1);
    Sarg<?> sarg = sargLiteral.getValueAs(Sarg.class);
    DataType type = SqlTypes.toDataType(call.getType());
    if (sarg != null && (sarg.isPoints() || sarg.isComplementedPoints()) && sarg.pointCount > 1
        && sarg.nullAs != RexUnknownAs.TRUE) {
      boolean complemented = !sarg.isPoints();
      Sarg<?> points = complemented ? sarg.negate() : sarg;
      Expr value = translate(ref);
      List<Expr> in = new ArrayList<>();
      in.add(value);
      for (Range<?> r : points.rangeSet.asRanges()) {
        RexNode lit = rexBuilder.makeLiteral(r.lowerEndpoint(), ref.getType(), true, true);
        in.add(
            lit instanceof RexLiteral l
                ? cast(Literals.toLiteral(l), value.type().withNullable(false))
                : translate(lit));
      }
      DataType boolType = type.withNullable(value.type().nullable());
      Expr result = new Call(Op.IN, in, boolType);
      if (complemented) {
        result = new Call(Op.NOT, boolType, result);
      }
      if (sarg.nullAs == RexUnknownAs.FALSE && value.type().nullable()) {
        result = new Call(Op.IS_TRUE, type, result);
      }
      return result;
    }
    return translate(RexUtil.expandSearch(rexBuilder, null, call));
  }
}
