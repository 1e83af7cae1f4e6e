package io.quarry.exec.codegen;

import io.quarry.exec.codegen.CodeGenerator.Val;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.List;

/** Generates arithmetic: numbers, decimals (exact, rescaled), dates and intervals, rounding. */
final class ArithmeticCodegen {
  private final CodeGenerator g;

  ArithmeticCodegen(CodeGenerator g) {
    this.g = g;
  }

  private static boolean temporal(TypeKind k) {
    return k == TypeKind.DATE || k == TypeKind.TIMESTAMP;
  }

  Val arithmetic(Op op, Val a, Val b, DataType t) {
    TypeKind ka = a.type().kind();
    TypeKind kb = b.type().kind();
    if ((op == Op.PLUS || op == Op.MINUS) && (temporal(ka) || temporal(kb))) {
      return dateArithmetic(op, a, b, t);
    }
    TypeKind kt = t.kind();
    if (kt == TypeKind.DOUBLE
        || (kt != TypeKind.DECIMAL && (ka == TypeKind.DOUBLE || kb == TypeKind.DOUBLE))) {
      String x = g.dbl(a);
      String y = g.dbl(b);
      String expr =
          switch (op) {
            case PLUS -> x + " + " + y;
            case MINUS -> x + " - " + y;
            case TIMES -> x + " * " + y;
            case DIVIDE -> "io.quarry.exec.codegen.MathOps.div(" + x + ", " + y + ")";
            default -> "io.quarry.exec.codegen.MathOps.mod(" + x + ", " + y + ")";
          };
      return g.convert(g.strict(DataType.of(TypeKind.DOUBLE), expr, a, b), t);
    }
    if (kt == TypeKind.DECIMAL) {
      return decimalArithmetic(op, a, b, t);
    }
    // integers and intervals
    String x = g.cast(a, DataType.of(TypeKind.BIGINT));
    String y = g.cast(b, DataType.of(TypeKind.BIGINT));
    String expr =
        switch (op) {
          case PLUS -> "Math.addExact((long) " + x + ", (long) " + y + ")";
          case MINUS -> "Math.subtractExact((long) " + x + ", (long) " + y + ")";
          case TIMES -> "Math.multiplyExact((long) " + x + ", (long) " + y + ")";
          case DIVIDE -> "io.quarry.exec.codegen.MathOps.div((long) " + x + ", (long) " + y + ")";
          default -> "io.quarry.exec.codegen.MathOps.mod((long) " + x + ", (long) " + y + ")";
        };
    return g.convert(g.strict(DataType.of(TypeKind.BIGINT), expr, a, b), t);
  }

  private Val decimalArithmetic(Op op, Val a, Val b, DataType t) {
    DataType da = asDecimal(a.type(), t);
    DataType db = asDecimal(b.type(), t);
    int st = t.scale();
    boolean allLong = g.longDecimal(da) && g.longDecimal(db) && g.longDecimal(t);
    if (allLong) {
      String x = g.cast(a, da);
      String y = g.cast(b, db);
      int sa = da.scale();
      int sb = db.scale();
      String d = "io.quarry.exec.codegen.DecimalOps.";
      String expr =
          switch (op) {
            case PLUS ->
                st == Math.max(sa, sb) && st - Math.min(sa, sb) <= 18
                    ? "Math.addExact(" + upscale(x, st - sa) + ", " + upscale(y, st - sb) + ")"
                    : d + "add(" + x + ", " + sa + ", " + y + ", " + sb + ", " + st + ")";
            case MINUS ->
                st == Math.max(sa, sb) && st - Math.min(sa, sb) <= 18
                    ? "Math.subtractExact(" + upscale(x, st - sa) + ", " + upscale(y, st - sb) + ")"
                    : d + "sub(" + x + ", " + sa + ", " + y + ", " + sb + ", " + st + ")";
            case TIMES ->
                sa + sb == st
                    ? "Math.multiplyExact(" + x + ", " + y + ")"
                    : d + "mul(" + x + ", " + sa + ", " + y + ", " + sb + ", " + st + ")";
            case DIVIDE -> d + "div(" + x + ", " + sa + ", " + y + ", " + sb + ", " + st + ")";
            default -> d + "mod(" + x + ", " + sa + ", " + y + ", " + sb + ", " + st + ")";
          };
      return g.strict(t, expr, a, b);
    }
    String x = g.bigOf(new Val(a.isNull(), g.cast(a, da), da, null, null));
    String y = g.bigOf(new Val(b.isNull(), g.cast(b, db), db, null, null));
    String d = "io.quarry.exec.codegen.DecimalOps.";
    String expr =
        switch (op) {
          case PLUS -> d + "setScale(" + x + ".add(" + y + "), " + st + ")";
          case MINUS -> d + "setScale(" + x + ".subtract(" + y + "), " + st + ")";
          case TIMES -> d + "setScale(" + x + ".multiply(" + y + "), " + st + ")";
          case DIVIDE -> d + "divBig(" + x + ", " + y + ", " + st + ")";
          default -> d + "modBig(" + x + ", " + y + ", " + st + ")";
        };
    if (g.longDecimal(t)) {
      expr = d + "toLong(" + expr + ", " + st + ")";
    }
    return g.strict(t, expr, a, b);
  }

  /** An unscaled long multiplied by 10^digits (folded when it is a constant). */
  private static String upscale(String x, int digits) {
    if (digits == 0) {
      return x;
    }
    long factor = DecimalOps.POW10[digits];
    if (x.matches("-?[0-9]+L")) {
      long v = Long.parseLong(x.substring(0, x.length() - 1));
      try {
        return Math.multiplyExact(v, factor) + "L";
      } catch (ArithmeticException e) {
        // folded below at run time, where the overflow is reported
      }
    }
    return "Math.multiplyExact(" + x + ", " + factor + "L)";
  }

  /** The decimal type an operand of a decimal operation is read as. */
  private static DataType asDecimal(DataType x, DataType result) {
    return switch (x.kind()) {
      case DECIMAL -> x;
      case INT, INTERVAL_YEAR_MONTH, DATE, BOOLEAN, NULL -> DataType.decimal(10, 0);
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> DataType.decimal(19, 0);
      default -> DataType.decimal(38, result.scale());
    };
  }

  Val negate(Val a, DataType t) {
    Val x = g.castTo(a, t);
    String expr =
        switch (g.jt(t)) {
          case "double" -> "-" + x.value();
          case "java.math.BigDecimal" -> x.value() + ".negate()";
          default -> "Math.negateExact(" + x.value() + ")";
        };
    return g.strict(t, expr, a);
  }

  private Val dateArithmetic(Op op, Val a, Val b, DataType t) {
    TypeKind ka = a.type().kind();
    TypeKind kb = b.type().kind();
    String ops = "io.quarry.exec.codegen.DateOps.";
    if (op == Op.MINUS && temporal(ka) && temporal(kb)) {
      String x = g.cast(a, DataType.of(TypeKind.TIMESTAMP));
      String y = g.cast(b, DataType.of(TypeKind.TIMESTAMP));
      if (t.kind() == TypeKind.INTERVAL_YEAR_MONTH) {
        // Months by the calendar: 2025-01-15 to 2025-03-01 is one whole month, not 45 days' worth.
        return g.strict(t, ops + "monthsBetween(" + y + ", " + x + ")", a, b);
      }
      if (ka == TypeKind.DATE && kb == TypeKind.DATE) {
        Val days =
            g.strict(
                DataType.of(TypeKind.BIGINT),
                "(long) " + a.value() + " - (long) " + b.value(),
                a,
                b);
        if (t.kind() == TypeKind.INTERVAL_DAY_TIME) {
          return g.strict(t, "Math.multiplyExact(" + days.value() + ", 86400000L)", days);
        }
        return g.convert(days, t);
      }
      Val micros =
          g.strict(DataType.of(TypeKind.BIGINT), "Math.subtractExact(" + x + ", " + y + ")", a, b);
      if (t.kind() == TypeKind.INTERVAL_DAY_TIME) {
        return g.strict(t, "Math.floorDiv(" + micros.value() + ", 1000L)", micros);
      }
      return g.convert(micros, t);
    }
    Val d = temporal(ka) ? a : b;
    Val iv = temporal(ka) ? b : a;
    String amount = iv.value();
    TypeKind ki = iv.type().kind();
    if (op == Op.MINUS) {
      amount = "Math.negateExact((long) " + g.cast(iv, DataType.of(TypeKind.BIGINT)) + ")";
    } else {
      amount = "(long) " + g.cast(iv, DataType.of(TypeKind.BIGINT));
    }
    boolean toTs = t.kind() == TypeKind.TIMESTAMP || d.type().kind() == TypeKind.TIMESTAMP;
    Val res;
    if (!toTs) {
      String expr =
          switch (ki) {
            case INTERVAL_DAY_TIME -> ops + "addMillis(" + d.value() + ", " + amount + ")";
            case INTERVAL_YEAR_MONTH -> ops + "addMonths(" + d.value() + ", " + amount + ")";
            default -> "Math.toIntExact(" + d.value() + " + " + amount + ")";
          };
      res = g.strict(DataType.of(TypeKind.DATE), expr, a, b);
    } else {
      String ts = g.cast(d, DataType.of(TypeKind.TIMESTAMP));
      String expr =
          switch (ki) {
            case INTERVAL_DAY_TIME ->
                "Math.addExact(" + ts + ", Math.multiplyExact(" + amount + ", 1000L))";
            case INTERVAL_YEAR_MONTH -> ops + "addMonthsTs(" + ts + ", " + amount + ")";
            default ->
                "Math.addExact("
                    + ts
                    + ", Math.multiplyExact("
                    + amount
                    + ", "
                    + DateOps.MICROS_PER_DAY
                    + "L))";
          };
      res = g.strict(DataType.of(TypeKind.TIMESTAMP), expr, a, b);
    }
    return g.convert(res, t);
  }

  Val extract(List<Expr> args, List<Val> a, DataType t) {
    String expr = byUnit("EXTRACT", "from", "extract", "extractTs", args, a.get(1));
    return g.convert(g.strict(DataType.of(TypeKind.BIGINT), expr, a.get(1)), t);
  }

  Val truncate(List<Expr> args, List<Val> a, DataType t) {
    String expr = byUnit("DATE_TRUNC", "of", "truncate", "truncateTs", args, a.get(1));
    return g.convert(g.strict(a.get(1).type(), expr, a.get(1)), t);
  }

  /**
   * A call of DateOps' {@code dateMethod} or {@code tsMethod} with the unit named by the first
   * argument (a literal) and the date or timestamp {@code x}.
   */
  private static String byUnit(
      String what,
      String preposition,
      String dateMethod,
      String tsMethod,
      List<Expr> args,
      Val x) {
    if (!(args.get(0) instanceof Literal unit) || unit.value() == null) {
      throw CodeGenerator.unsupported(what + " with a non-literal unit");
    }
    int code = DateOps.unit(String.valueOf(unit.value()));
    String method =
        switch (x.type().kind()) {
          case DATE -> dateMethod;
          case TIMESTAMP -> tsMethod;
          default -> throw CodeGenerator.unsupported(what + " " + preposition + " " + x.type());
        };
    return "io.quarry.exec.codegen.DateOps." + method + "(" + code + ", " + x.value() + ")";
  }

  Val rounding(Op op, List<Val> a, DataType t) {
    Val x = a.get(0);
    DataType xt = x.type();
    String d = "io.quarry.exec.codegen.DecimalOps.";
    if (xt.kind() == TypeKind.DOUBLE) {
      String expr =
          switch (op) {
            case ABS -> "Math.abs(" + x.value() + ")";
            case SIGN -> "Math.signum(" + x.value() + ")";
            case FLOOR -> "Math.floor(" + x.value() + ")";
            case CEIL -> "Math.ceil(" + x.value() + ")";
            default -> "io.quarry.exec.codegen.MathOps.round(" + x.value() + ", " + digits(a) + ")";
          };
      return g.convert(g.strict(a, DataType.of(TypeKind.DOUBLE), expr), t);
    }
    if (xt.kind() == TypeKind.DECIMAL) {
      int s = xt.scale();
      int st = t.kind() == TypeKind.DECIMAL ? t.scale() : s;
      DataType rt = t.kind() == TypeKind.DECIMAL ? t : DataType.decimal(38, st);
      if (op == Op.SIGN) {
        String sig =
            g.longDecimal(xt)
                ? "(long) Long.signum(" + x.value() + ")"
                : "(long) " + x.value() + ".signum()";
        return g.convert(g.strict(a, DataType.of(TypeKind.BIGINT), sig), t);
      }
      if (g.longDecimal(xt) && g.longDecimal(rt)) {
        String expr =
            switch (op) {
              case ABS -> d + "rescale(Math.absExact(" + x.value() + "), " + s + ", " + st + ")";
              case FLOOR -> d + "floor(" + x.value() + ", " + s + ", " + st + ")";
              case CEIL -> d + "ceil(" + x.value() + ", " + s + ", " + st + ")";
              default ->
                  d + "round(" + x.value() + ", " + s + ", (int) " + digits(a) + ", " + st + ")";
            };
        return g.convert(g.strict(a, rt, expr), t);
      }
      String big = g.bigOf(x);
      String expr =
          switch (op) {
            case ABS -> d + "setScale(" + big + ".abs(), " + st + ")";
            case FLOOR ->
                d + "setScale(" + big + ".setScale(0, java.math.RoundingMode.FLOOR), " + st + ")";
            case CEIL ->
                d + "setScale(" + big + ".setScale(0, java.math.RoundingMode.CEILING), " + st + ")";
            default -> d + "roundBig(" + big + ", (int) " + digits(a) + ", " + st + ")";
          };
      DataType bt = DataType.decimal(38, st);
      String j = g.jt(bt);
      if (!j.equals("java.math.BigDecimal")) {
        expr = d + "toLong(" + expr + ", " + st + ")";
      }
      return g.convert(g.strict(a, bt, expr), t);
    }
    String v = g.cast(x, DataType.of(TypeKind.BIGINT));
    String expr =
        switch (op) {
          case ABS -> "Math.absExact((long) " + v + ")";
          case SIGN -> "(long) Long.signum((long) " + v + ")";
          case FLOOR, CEIL -> "(long) " + v;
          default -> "io.quarry.exec.codegen.MathOps.round((long) " + v + ", " + digits(a) + ")";
        };
    return g.convert(g.strict(a, DataType.of(TypeKind.BIGINT), expr), t);
  }

  private String digits(List<Val> a) {
    return a.size() > 1 ? "(long) " + g.cast(a.get(1), DataType.of(TypeKind.BIGINT)) : "0L";
  }
}
