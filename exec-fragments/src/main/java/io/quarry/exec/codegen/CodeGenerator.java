package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the Java source of one method body that evaluates an expression per row inside a loop
 * over a batch. Each sub-expression becomes a pair of locals (is-null flag, value); strings read
 * from a column stay in Arrow memory as (address, length).
 *
 * <p>Decimals are unscaled longs when their precision is at most 18. In the fast variant ({@code
 * wideAsLong}) wider decimals are longs too, with every operation overflow-checked: an {@link
 * ArithmeticException} makes the caller redo the batch with the exact variant, which holds wide
 * decimals as BigDecimal.
 */
final class CodeGenerator {
  private static final String MU = "org.apache.arrow.memory.util.MemoryUtil";

  private final boolean wideAsLong;
  private final List<Object> consts;
  private final StringBuilder setup = new StringBuilder();
  private final Map<Integer, String> columns = new TreeMap<>();
  private StringBuilder body = new StringBuilder();
  private int tmp;
  private final ArithmeticCodegen arithmetic = new ArithmeticCodegen(this);

  /** A generated value: {@code isNull} and {@code value} are locals or constants. */
  record Val(String isNull, String value, DataType type, String addr, String len) {
    boolean colString() {
      return addr != null;
    }
  }

  CodeGenerator(boolean wideAsLong, List<Object> consts) {
    this.wideAsLong = wideAsLong;
    this.consts = consts;
  }

  String setup() {
    return setup.toString();
  }

  Map<Integer, String> columns() {
    return columns;
  }

  String takeBody() {
    String s = body.toString();
    body = new StringBuilder();
    return s;
  }

  void emit(String code) {
    body.append(code).append('\n');
  }

  String var(String prefix) {
    return prefix + (tmp++);
  }

  // ---------------------------------------------------------------- types

  boolean longDecimal(DataType t) {
    return t.kind() == TypeKind.DECIMAL && (t.precision() <= 18 || wideAsLong);
  }

  String jt(DataType t) {
    return switch (t.kind()) {
      case BOOLEAN -> "boolean";
      case INT, DATE, INTERVAL_YEAR_MONTH, NULL -> "int";
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> "long";
      case DOUBLE -> "double";
      case DECIMAL -> longDecimal(t) ? "long" : "java.math.BigDecimal";
      case VARCHAR -> "byte[]";
    };
  }

  static String dflt(String jt) {
    return switch (jt) {
      case "boolean" -> "false";
      case "int" -> "0";
      case "long" -> "0L";
      case "double" -> "0.0";
      // Typed, so that a call taking it (e.g. setSafe(int, byte[])) is never ambiguous.
      default -> "((" + jt + ") null)";
    };
  }

  static boolean intRepr(TypeKind k) {
    return k == TypeKind.INT || k == TypeKind.DATE || k == TypeKind.INTERVAL_YEAR_MONTH;
  }

  static boolean longRepr(TypeKind k) {
    return k == TypeKind.BIGINT || k == TypeKind.TIMESTAMP || k == TypeKind.INTERVAL_DAY_TIME;
  }

  static boolean integral(TypeKind k) {
    return intRepr(k) || longRepr(k);
  }

  private String constant(Object o, String javaType) {
    consts.add(o);
    return "((" + javaType + ") c[" + (consts.size() - 1) + "])";
  }

  // ---------------------------------------------------------------- columns

  private String column(int index, DataType type) {
    String p = columns.get(index);
    if (p != null) {
      return p;
    }
    p = "col" + index;
    columns.put(index, p);
    if (type.kind() == TypeKind.NULL) {
      return p;
    }
    setup
        .append("org.apache.arrow.vector.FieldVector ")
        .append(p)
        .append(" = in[")
        .append(index)
        .append("];\n");
    setup
        .append("long ")
        .append(p)
        .append("_valid = ")
        .append(p)
        .append(".getValidityBuffer().memoryAddress();\n");
    setup
        .append("boolean ")
        .append(p)
        .append("_nulls = ")
        .append(p)
        .append(".getNullCount() != 0;\n");
    setup
        .append("long ")
        .append(p)
        .append("_data = ")
        .append(p)
        .append(".getDataBuffer().memoryAddress();\n");
    if (type.kind() == TypeKind.VARCHAR) {
      setup
          .append("long ")
          .append(p)
          .append("_off = ")
          .append(p)
          .append(".getOffsetBuffer().memoryAddress();\n");
    }
    return p;
  }

  private Val columnRef(ColumnRef ref) {
    DataType t = ref.type();
    String p = column(ref.index(), t);
    if (t.kind() == TypeKind.NULL) {
      return new Val("true", "0", t, null, null);
    }
    String n = var("n");
    emit(
        "boolean "
            + n
            + " = "
            + p
            + "_nulls && (("
            + MU
            + ".getByte("
            + p
            + "_valid + (i >> 3)) >> (i & 7)) & 1) == 0;");
    String v = var("v");
    switch (t.kind()) {
      case BOOLEAN ->
          emit(
              "boolean "
                  + v
                  + " = (("
                  + MU
                  + ".getByte("
                  + p
                  + "_data + (i >> 3)) >> (i & 7)) & 1) != 0;");
      case INT, DATE, INTERVAL_YEAR_MONTH ->
          emit("int " + v + " = " + MU + ".getInt(" + p + "_data + ((long) i << 2));");
      case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME ->
          emit("long " + v + " = " + MU + ".getLong(" + p + "_data + ((long) i << 3));");
      case DOUBLE ->
          emit(
              "double "
                  + v
                  + " = Double.longBitsToDouble("
                  + MU
                  + ".getLong("
                  + p
                  + "_data + ((long) i << 3)));");
      case DECIMAL -> {
        String addr = p + "_data + ((long) i << 4)";
        if (t.precision() <= 18) {
          emit("long " + v + " = " + MU + ".getLong(" + addr + ");");
        } else if (wideAsLong) {
          emit(
              "long "
                  + v
                  + " = "
                  + n
                  + " ? 0L : io.quarry.exec.codegen.DecimalOps.read("
                  + addr
                  + ");");
        } else {
          emit(
              "java.math.BigDecimal "
                  + v
                  + " = "
                  + n
                  + " ? null : io.quarry.exec.codegen.DecimalOps.readBig("
                  + addr
                  + ", "
                  + t.scale()
                  + ");");
        }
      }
      case VARCHAR -> {
        String s = var("s");
        String l = var("l");
        String a = var("a");
        emit("int " + s + " = " + MU + ".getInt(" + p + "_off + ((long) i << 2));");
        emit("int " + l + " = " + MU + ".getInt(" + p + "_off + ((long) i << 2) + 4) - " + s + ";");
        emit("long " + a + " = " + p + "_data + " + s + ";");
        return new Val(n, null, t, a, l);
      }
      default -> throw new IllegalStateException(t.toString());
    }
    return new Val(n, v, t, null, null);
  }

  // ---------------------------------------------------------------- literals

  private Val literal(Literal lit) {
    DataType t = lit.type();
    Object o = lit.value();
    if (o == null || t.kind() == TypeKind.NULL) {
      return new Val("true", dflt(jt(t)), t, null, null);
    }
    String v =
        switch (t.kind()) {
          case BOOLEAN -> ((Boolean) o) ? "true" : "false";
          case INT, DATE, INTERVAL_YEAR_MONTH -> Integer.toString(((Number) o).intValue());
          case BIGINT, TIMESTAMP, INTERVAL_DAY_TIME -> ((Number) o).longValue() + "L";
          case DOUBLE ->
              "Double.longBitsToDouble("
                  + Double.doubleToRawLongBits(((Number) o).doubleValue())
                  + "L)";
          case DECIMAL -> {
            BigDecimal d = decimalValue(o).setScale(t.scale(), RoundingMode.HALF_UP);
            if (!longDecimal(t)) {
              yield constant(d, "java.math.BigDecimal");
            }
            if (d.unscaledValue().bitLength() < 64) {
              yield d.unscaledValue().longValueExact() + "L";
            }
            // wider than 64 bits in the fast variant: make the caller use the exact one
            String x = var("v");
            emit("long " + x + " = io.quarry.exec.codegen.DecimalOps.tooWide();");
            yield x;
          }
          case VARCHAR -> constant(((String) o).getBytes(StandardCharsets.UTF_8), "byte[]");
          default -> throw new IllegalStateException(t.toString());
        };
    return new Val("false", v, t, null, null);
  }

  private static BigDecimal decimalValue(Object o) {
    if (o instanceof BigDecimal b) {
      return b;
    }
    if (o instanceof Double d) {
      return BigDecimal.valueOf(d);
    }
    return new BigDecimal(o.toString());
  }

  // ---------------------------------------------------------------- entry

  Val gen(Expr e) {
    if (e instanceof ColumnRef c) {
      return columnRef(c);
    }
    if (e instanceof Literal l) {
      return literal(l);
    }
    return call((Call) e);
  }

  private List<Val> genAll(List<Expr> args) {
    List<Val> out = new ArrayList<>(args.size());
    for (Expr a : args) {
      out.add(gen(a));
    }
    return out;
  }

  /** byte[] of a VARCHAR value (materializes column strings). */
  String bytes(Val v) {
    if (v.colString()) {
      return "io.quarry.exec.codegen.StringOps.bytes(" + v.addr() + ", " + v.len() + ")";
    }
    return v.value();
  }

  /** A strict operation: NULL if any argument is NULL, else {@code expr}. */
  Val strict(List<Val> args, DataType type, String expr) {
    StringBuilder nulls = new StringBuilder();
    for (Val a : args) {
      if (!a.isNull().equals("false")) {
        if (nulls.length() > 0) {
          nulls.append(" || ");
        }
        nulls.append(a.isNull());
      }
    }
    String j = jt(type);
    String v = var("v");
    if (nulls.length() == 0) {
      emit(j + " " + v + " = " + expr + ";");
      return new Val("false", v, type, null, null);
    }
    String n = var("n");
    emit("boolean " + n + " = " + nulls + ";");
    emit(j + " " + v + " = " + n + " ? " + dflt(j) + " : " + expr + ";");
    return new Val(n, v, type, null, null);
  }

  Val strict(DataType type, String expr, Val... args) {
    return strict(Arrays.asList(args), type, expr);
  }

  static QuarryException unsupported(String what) {
    return new QuarryException(ErrorCode.UNSUPPORTED, what + " is not supported");
  }

  // ---------------------------------------------------------------- calls

  private Val call(Call c) {
    Op op = c.op();
    DataType t = c.type();
    List<Expr> args = c.args();
    switch (op) {
      case AND:
      case OR:
        return logic(op, args);
      case CASE:
        return caseWhen(args, t);
      case COALESCE:
        return coalesce(args, t);
      case IN:
        return in(args);
      default:
        break;
    }
    List<Val> a = genAll(args);
    switch (op) {
      case PLUS:
      case MINUS:
      case TIMES:
      case DIVIDE:
      case MOD:
        return arithmetic.arithmetic(op, a.get(0), a.get(1), t);
      case NEGATE:
        return arithmetic.negate(a.get(0), t);
      case EQ:
      case NE:
      case LT:
      case LE:
      case GT:
      case GE:
        return strict(t, compare(op, a.get(0), a.get(1)), a.get(0), a.get(1));
      case IS_DISTINCT_FROM:
      case IS_NOT_DISTINCT_FROM:
        return distinct(op, a.get(0), a.get(1));
      case NOT:
        return strict(t, "!" + a.get(0).value(), a.get(0));
      case IS_NULL:
        return bool(a.get(0).isNull());
      case IS_NOT_NULL:
        return bool("!" + a.get(0).isNull());
      case IS_TRUE:
        return bool("(!" + a.get(0).isNull() + " && " + a.get(0).value() + ")");
      case IS_NOT_TRUE:
        return bool("(" + a.get(0).isNull() + " || !" + a.get(0).value() + ")");
      case IS_FALSE:
        return bool("(!" + a.get(0).isNull() + " && !" + a.get(0).value() + ")");
      case IS_NOT_FALSE:
        return bool("(" + a.get(0).isNull() + " || " + a.get(0).value() + ")");
      case CAST:
        return CastCodegen.castCall(this, a.get(0), t);
      case LIKE:
        return like(args, a, t);
      case CONCAT:
        {
          String expr = bytes(castTo(a.get(0), DataType.of(TypeKind.VARCHAR)));
          for (int i = 1; i < a.size(); i++) {
            expr =
                "io.quarry.exec.codegen.StringOps.concat(" + expr + ", " + castStr(a.get(i)) + ")";
          }
          return strict(a, t, expr);
        }
      case SUBSTRING:
        {
          String s = castStr(a.get(0));
          String start = cast(a.get(1), DataType.of(TypeKind.BIGINT));
          String expr =
              a.size() > 2
                  ? "io.quarry.exec.codegen.StringOps.substring("
                      + s
                      + ", "
                      + start
                      + ", "
                      + cast(a.get(2), DataType.of(TypeKind.BIGINT))
                      + ")"
                  : "io.quarry.exec.codegen.StringOps.substring(" + s + ", " + start + ")";
          return strict(a, t, expr);
        }
      case UPPER:
        return strict(a, t, "io.quarry.exec.codegen.StringOps.upper(" + castStr(a.get(0)) + ")");
      case LOWER:
        return strict(a, t, "io.quarry.exec.codegen.StringOps.lower(" + castStr(a.get(0)) + ")");
      case TRIM:
        return strict(
            a, t, "io.quarry.exec.codegen.StringOps.trim(" + castStr(a.get(0)) + ", true, true)");
      case LTRIM:
        return strict(
            a, t, "io.quarry.exec.codegen.StringOps.trim(" + castStr(a.get(0)) + ", true, false)");
      case RTRIM:
        return strict(
            a, t, "io.quarry.exec.codegen.StringOps.trim(" + castStr(a.get(0)) + ", false, true)");
      case CHAR_LENGTH:
        {
          Val s = a.get(0);
          String expr =
              s.colString()
                  ? "io.quarry.exec.codegen.StringOps.charLength(" + s.addr() + ", " + s.len() + ")"
                  : "io.quarry.exec.codegen.StringOps.charLength(" + castStr(s) + ")";
          return convert(strict(a, DataType.of(TypeKind.INT), expr), t);
        }
      case POSITION:
        return convert(
            strict(
                a,
                DataType.of(TypeKind.INT),
                "io.quarry.exec.codegen.StringOps.position("
                    + castStr(a.get(0))
                    + ", "
                    + castStr(a.get(1))
                    + ")"),
            t);
      case REPLACE:
        return strict(
            a,
            t,
            "io.quarry.exec.codegen.StringOps.replace("
                + castStr(a.get(0))
                + ", "
                + castStr(a.get(1))
                + ", "
                + castStr(a.get(2))
                + ")");
      case EXTRACT:
        return arithmetic.extract(args, a, t);
      case DATE_TRUNC:
        return arithmetic.truncate(args, a, t);
      case LEFT:
      case RIGHT:
        return strict(
            a,
            t,
            "io.quarry.exec.codegen.StringOps."
                + (op == Op.LEFT ? "left(" : "right(")
                + castStr(a.get(0))
                + ", "
                + cast(a.get(1), DataType.of(TypeKind.BIGINT))
                + ")");
      case LPAD:
      case RPAD:
        return strict(
            a,
            t,
            "io.quarry.exec.codegen.StringOps.pad("
                + castStr(a.get(0))
                + ", "
                + cast(a.get(1), DataType.of(TypeKind.BIGINT))
                + ", "
                + castStr(a.get(2))
                + ", "
                + (op == Op.LPAD)
                + ")");
      case ABS:
      case SIGN:
      case FLOOR:
      case CEIL:
      case ROUND:
        return arithmetic.rounding(op, a, t);
      case POWER:
        return convert(
            strict(
                a,
                DataType.of(TypeKind.DOUBLE),
                "Math.pow(" + dbl(a.get(0)) + ", " + dbl(a.get(1)) + ")"),
            t);
      case SQRT:
        return convert(
            strict(
                a,
                DataType.of(TypeKind.DOUBLE),
                "io.quarry.exec.codegen.MathOps.sqrt(" + dbl(a.get(0)) + ")"),
            t);
      case LN:
        return convert(
            strict(
                a,
                DataType.of(TypeKind.DOUBLE),
                "io.quarry.exec.codegen.MathOps.ln(" + dbl(a.get(0)) + ")"),
            t);
      case LOG10:
        return convert(
            strict(
                a,
                DataType.of(TypeKind.DOUBLE),
                "io.quarry.exec.codegen.MathOps.log10(" + dbl(a.get(0)) + ")"),
            t);
      case EXP:
        return convert(
            strict(a, DataType.of(TypeKind.DOUBLE), "Math.exp(" + dbl(a.get(0)) + ")"), t);
      default:
        throw unsupported("operator " + op);
    }
  }

  private Val bool(String expr) {
    String v = var("v");
    emit("boolean " + v + " = " + expr + ";");
    return new Val("false", v, DataType.of(TypeKind.BOOLEAN).withNullable(false), null, null);
  }

  String dbl(Val v) {
    return cast(v, DataType.of(TypeKind.DOUBLE));
  }

  String castStr(Val v) {
    return bytes(castTo(v, DataType.of(TypeKind.VARCHAR)));
  }

  /** The value converted to {@code to}, as a Val sharing the null flag. */
  Val castTo(Val v, DataType to) {
    if (v.type().kind() == to.kind()
        && (to.kind() != TypeKind.DECIMAL
            || v.type().scale() == to.scale() && jt(v.type()).equals(jt(to)))) {
      return v;
    }
    return new Val(v.isNull(), cast(v, to), to, null, null);
  }

  /** Converts a computed value to the call's type (a no-op when they already agree). */
  Val convert(Val v, DataType to) {
    if (v.type().kind() == to.kind()
        && (to.kind() != TypeKind.DECIMAL
            || (v.type().scale() == to.scale() && jt(v.type()).equals(jt(to))))) {
      return new Val(v.isNull(), v.value(), to, v.addr(), v.len());
    }
    return strict(to, cast(v, to), v);
  }

  // ---------------------------------------------------------------- logic

  private Val logic(Op op, List<Expr> args) {
    Val acc = gen(args.get(0));
    for (int k = 1; k < args.size(); k++) {
      String n = var("n");
      String v = var("v");
      boolean and = op == Op.AND;
      emit("boolean " + n + "; boolean " + v + ";");
      String decided =
          and
              ? "(!" + acc.isNull() + " && !" + acc.value() + ")"
              : "(!" + acc.isNull() + " && " + acc.value() + ")";
      emit(
          "if ("
              + decided
              + ") { "
              + n
              + " = false; "
              + v
              + " = "
              + (and ? "false" : "true")
              + "; } else {");
      Val b = gen(args.get(k));
      String decidedB =
          and
              ? "(!" + b.isNull() + " && !" + b.value() + ")"
              : "(!" + b.isNull() + " && " + b.value() + ")";
      emit(
          "if ("
              + decidedB
              + ") { "
              + n
              + " = false; "
              + v
              + " = "
              + (and ? "false" : "true")
              + "; }");
      emit(
          "else { "
              + n
              + " = "
              + acc.isNull()
              + " || "
              + b.isNull()
              + "; "
              + v
              + " = "
              + (and ? "true" : "false")
              + "; }");
      emit("}");
      acc = new Val(n, v, DataType.of(TypeKind.BOOLEAN), null, null);
    }
    return acc;
  }

  private Val caseWhen(List<Expr> args, DataType t) {
    String j = jt(t);
    String n = var("n");
    String v = var("v");
    emit("boolean " + n + " = true; " + j + " " + v + " = " + dflt(j) + ";");
    int pairs = (args.size() - 1) / 2;
    for (int k = 0; k < pairs; k++) {
      Val cond = gen(args.get(2 * k));
      emit("if (!" + cond.isNull() + " && " + cond.value() + ") {");
      assign(n, v, gen(args.get(2 * k + 1)), t);
      emit("} else {");
    }
    assign(n, v, gen(args.get(args.size() - 1)), t);
    for (int k = 0; k < pairs; k++) {
      emit("}");
    }
    return new Val(n, v, t, null, null);
  }

  private void assign(String n, String v, Val x, DataType t) {
    emit(n + " = " + x.isNull() + ";");
    if (!x.isNull().equals("true")) {
      emit("if (!" + n + ") { " + v + " = " + cast(x, t) + "; }");
    }
  }

  private Val coalesce(List<Expr> args, DataType t) {
    String j = jt(t);
    String n = var("n");
    String v = var("v");
    emit("boolean " + n + " = true; " + j + " " + v + " = " + dflt(j) + ";");
    for (int k = 0; k < args.size(); k++) {
      if (k > 0) {
        emit("if (" + n + ") {");
      }
      assign(n, v, gen(args.get(k)), t);
      if (k > 0) {
        emit("}");
      }
    }
    return new Val(n, v, t, null, null);
  }

  private Val distinct(Op op, Val a, Val b) {
    String v = var("v");
    String eq = compare(Op.EQ, a, b);
    emit("boolean " + v + ";");
    emit(
        "if ("
            + a.isNull()
            + " || "
            + b.isNull()
            + ") { "
            + v
            + " = "
            + a.isNull()
            + " != "
            + b.isNull()
            + "; }");
    emit("else { " + v + " = !(" + eq + "); }");
    if (op == Op.IS_NOT_DISTINCT_FROM) {
      emit(v + " = !" + v + ";");
    }
    return new Val("false", v, DataType.of(TypeKind.BOOLEAN).withNullable(false), null, null);
  }

  // ---------------------------------------------------------------- comparison

  /** The type both sides of a comparison are converted to. */
  private DataType commonType(DataType a, DataType b) {
    TypeKind ka = a.kind();
    TypeKind kb = b.kind();
    if (ka == TypeKind.NULL) {
      return b;
    }
    if (kb == TypeKind.NULL) {
      return a;
    }
    if (ka == kb && ka != TypeKind.DECIMAL) {
      return a;
    }
    if (ka == TypeKind.VARCHAR) {
      return b;
    }
    if (kb == TypeKind.VARCHAR) {
      return a;
    }
    if (ka == TypeKind.DOUBLE || kb == TypeKind.DOUBLE) {
      return DataType.of(TypeKind.DOUBLE);
    }
    if (ka == TypeKind.DECIMAL || kb == TypeKind.DECIMAL) {
      int sa = ka == TypeKind.DECIMAL ? a.scale() : 0;
      int sb = kb == TypeKind.DECIMAL ? b.scale() : 0;
      int ia = ka == TypeKind.DECIMAL ? a.precision() - a.scale() : 19;
      int ib = kb == TypeKind.DECIMAL ? b.precision() - b.scale() : 19;
      int s = Math.max(sa, sb);
      int p = Math.min(38, Math.max(ia, ib) + s);
      return DataType.decimal(p, s);
    }
    if ((ka == TypeKind.DATE && kb == TypeKind.TIMESTAMP)
        || (kb == TypeKind.DATE && ka == TypeKind.TIMESTAMP)) {
      return DataType.of(TypeKind.TIMESTAMP);
    }
    if (ka == TypeKind.BOOLEAN || kb == TypeKind.BOOLEAN) {
      return DataType.of(TypeKind.BOOLEAN);
    }
    return DataType.of(TypeKind.BIGINT);
  }

  private static String rel(Op op) {
    return switch (op) {
      case EQ -> "==";
      case NE -> "!=";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
      default -> throw new IllegalArgumentException(op.toString());
    };
  }

  /** A boolean expression comparing two non-null values. */
  String compare(Op op, Val a, Val b) {
    String r = rel(op);
    DataType ct = commonType(a.type(), b.type());
    switch (ct.kind()) {
      case VARCHAR:
        return compareStrings(op, a, b);
      case BOOLEAN:
        return "(" + cast(a, ct) + " ? 1 : 0) " + r + " (" + cast(b, ct) + " ? 1 : 0)";
      case DECIMAL:
        {
          boolean la = a.type().kind() != TypeKind.DECIMAL || longDecimal(a.type());
          boolean lb = b.type().kind() != TypeKind.DECIMAL || longDecimal(b.type());
          int sa = a.type().kind() == TypeKind.DECIMAL ? a.type().scale() : 0;
          int sb = b.type().kind() == TypeKind.DECIMAL ? b.type().scale() : 0;
          if (la && lb) {
            String va =
                a.type().kind() == TypeKind.DECIMAL
                    ? a.value()
                    : "(long) " + cast(a, DataType.of(TypeKind.BIGINT));
            String vb =
                b.type().kind() == TypeKind.DECIMAL
                    ? b.value()
                    : "(long) " + cast(b, DataType.of(TypeKind.BIGINT));
            if (sa == sb) {
              return "(" + va + ") " + r + " (" + vb + ")";
            }
            return "io.quarry.exec.codegen.DecimalOps.compare("
                + va
                + ", "
                + sa
                + ", "
                + vb
                + ", "
                + sb
                + ") "
                + r
                + " 0";
          }
          return bigOf(a) + ".compareTo(" + bigOf(b) + ") " + r + " 0";
        }
      default:
        return "(" + cast(a, ct) + ") " + r + " (" + cast(b, ct) + ")";
    }
  }

  /** A BigDecimal expression of a numeric value. */
  String bigOf(Val v) {
    DataType t = v.type();
    if (t.kind() == TypeKind.DECIMAL) {
      return longDecimal(t)
          ? "io.quarry.exec.codegen.DecimalOps.big(" + v.value() + ", " + t.scale() + ")"
          : v.value();
    }
    if (t.kind() == TypeKind.DOUBLE) {
      return "java.math.BigDecimal.valueOf(" + v.value() + ")";
    }
    return "java.math.BigDecimal.valueOf((long) " + cast(v, DataType.of(TypeKind.BIGINT)) + ")";
  }

  private String compareStrings(Op op, Val a, Val b) {
    String r = rel(op);
    boolean eq = op == Op.EQ || op == Op.NE;
    String neg = op == Op.NE ? "!" : "";
    String so = "io.quarry.exec.codegen.StringOps.";
    if (a.type().kind() != TypeKind.VARCHAR) {
      a = castTo(a, DataType.of(TypeKind.VARCHAR));
    }
    if (b.type().kind() != TypeKind.VARCHAR) {
      b = castTo(b, DataType.of(TypeKind.VARCHAR));
    }
    if (a.colString() && b.colString()) {
      return eq
          ? neg + so + "equals(" + a.addr() + ", " + a.len() + ", " + b.addr() + ", " + b.len()
              + ")"
          : so
              + "compare("
              + a.addr()
              + ", "
              + a.len()
              + ", "
              + b.addr()
              + ", "
              + b.len()
              + ") "
              + r
              + " 0";
    }
    if (a.colString()) {
      return eq
          ? neg + so + "equals(" + a.addr() + ", " + a.len() + ", " + b.value() + ")"
          : so + "compare(" + a.addr() + ", " + a.len() + ", " + b.value() + ") " + r + " 0";
    }
    if (b.colString()) {
      return eq
          ? neg + so + "equals(" + b.addr() + ", " + b.len() + ", " + a.value() + ")"
          : "0 " + r + " " + so + "compare(" + b.addr() + ", " + b.len() + ", " + a.value() + ")";
    }
    return eq
        ? neg + so + "equals(" + a.value() + ", " + b.value() + ")"
        : so + "compare(" + a.value() + ", " + b.value() + ") " + r + " 0";
  }

  // ---------------------------------------------------------------- IN and LIKE

  private Val in(List<Expr> args) {
    Val value = gen(args.get(0));
    List<Expr> cands = args.subList(1, args.size());
    boolean allLiterals = cands.stream().allMatch(x -> x instanceof Literal);
    DataType vt = value.type();
    String n = var("n");
    String v = var("v");
    if (allLiterals
        && cands.size() > 8
        && (integral(vt.kind()) || vt.kind() == TypeKind.VARCHAR || longDecimal(vt))) {
      boolean hasNull = false;
      List<Long> longs = new ArrayList<>();
      List<byte[]> strings = new ArrayList<>();
      for (Expr x : cands) {
        Literal l = (Literal) x;
        if (l.value() == null) {
          hasNull = true;
          continue;
        }
        if (vt.kind() == TypeKind.VARCHAR) {
          strings.add(String.valueOf(l.value()).getBytes(StandardCharsets.UTF_8));
        } else if (vt.kind() == TypeKind.DECIMAL) {
          BigDecimal d = decimalValue(l.value());
          try {
            longs.add(
                d.setScale(vt.scale(), RoundingMode.UNNECESSARY).unscaledValue().longValueExact());
          } catch (ArithmeticException e) {
            // a candidate with more digits than the value can hold never matches
          }
        } else if (l.value() instanceof Number num) {
          if (num instanceof BigDecimal bd) {
            try {
              longs.add(bd.longValueExact());
            } catch (ArithmeticException e) {
              // a fractional candidate never equals an integer
            }
          } else if (num instanceof Double d) {
            if (d == Math.rint(d)) {
              longs.add(d.longValue());
            }
          } else {
            longs.add(num.longValue());
          }
        } else {
          throw unsupported("IN candidate " + l.value());
        }
      }
      String test;
      if (vt.kind() == TypeKind.VARCHAR) {
        String set = constant(new ByteSet(strings), "io.quarry.exec.codegen.ByteSet");
        test =
            value.colString()
                ? set + ".contains(" + value.addr() + ", " + value.len() + ")"
                : set + ".contains(" + value.value() + ")";
      } else {
        long[] sorted = longs.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        String arr = constant(sorted, "long[]");
        test = "java.util.Arrays.binarySearch(" + arr + ", (long) " + value.value() + ") >= 0";
      }
      emit("boolean " + v + " = !" + value.isNull() + " && " + test + ";");
      emit("boolean " + n + " = !" + v + " && (" + value.isNull() + " || " + hasNull + ");");
      return new Val(n, v, DataType.of(TypeKind.BOOLEAN), null, null);
    }
    emit("boolean " + n + " = " + value.isNull() + "; boolean " + v + " = false;");
    emit("if (!" + n + ") {");
    String sawNull = var("sn");
    emit("boolean " + sawNull + " = false;");
    for (Expr x : cands) {
      Val c = gen(x);
      emit("if (!" + v + ") {");
      if (c.isNull().equals("true")) {
        emit(sawNull + " = true;");
      } else {
        emit(
            "if ("
                + c.isNull()
                + ") { "
                + sawNull
                + " = true; } else if ("
                + compare(Op.EQ, value, c)
                + ") { "
                + v
                + " = true; }");
      }
      emit("}");
    }
    emit(n + " = !" + v + " && " + sawNull + ";");
    emit("}");
    return new Val(n, v, DataType.of(TypeKind.BOOLEAN), null, null);
  }

  private Val like(List<Expr> args, List<Val> a, DataType t) {
    Val s = a.get(0);
    Expr pattern = args.get(1);
    Expr escape = args.size() > 2 ? args.get(2) : null;
    boolean literal = pattern instanceof Literal && (escape == null || escape instanceof Literal);
    if (literal) {
      Literal p = (Literal) pattern;
      if (p.value() == null || (escape != null && ((Literal) escape).value() == null)) {
        return new Val("true", "false", t, null, null);
      }
      String esc = escape == null ? null : String.valueOf(((Literal) escape).value());
      String m =
          constant(
              LikeMatcher.compile(String.valueOf(p.value()), esc),
              "io.quarry.exec.codegen.LikeMatcher");
      String expr =
          s.colString()
              ? m + ".matches(" + s.addr() + ", " + s.len() + ")"
              : m + ".matches(" + castStr(s) + ")";
      return strict(t, expr, s);
    }
    String esc =
        a.size() > 2
            ? "io.quarry.exec.codegen.StringOps.string(" + castStr(a.get(2)) + ")"
            : "null";
    String expr =
        "io.quarry.exec.codegen.LikeMatcher.compile(io.quarry.exec.codegen.StringOps.string("
            + castStr(a.get(1))
            + "), "
            + esc
            + ").matches("
            + castStr(s)
            + ")";
    return strict(a, t, expr);
  }

  /** An expression of {@code to}'s Java type holding the (non-null) value {@code v}. */
  String cast(Val v, DataType to) {
    return CastCodegen.cast(this, v, to);
  }
}
