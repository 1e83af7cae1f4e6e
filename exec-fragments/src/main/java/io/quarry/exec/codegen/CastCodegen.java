package io.quarry.exec.codegen;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.codegen.CodeGenerator.Val;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;

/** Generates CASTs between all types, as expressions over non-null values. */
final class CastCodegen {
  private CastCodegen() {}

  static Val castCall(CodeGenerator g, Val x, DataType t) {
    Val r = g.convert(x, t);
    if (t.kind() == TypeKind.DECIMAL
        && t.precision() <= 18
        && x.type().kind() != TypeKind.NULL
        && !(x.type().kind() == TypeKind.DECIMAL
            && x.type().precision() - x.type().scale() <= t.precision() - t.scale())) {
      g.emit(
          "if (!"
              + r.isNull()
              + ") { io.quarry.exec.codegen.DecimalOps.checkPrecision("
              + r.value()
              + ", "
              + t.precision()
              + ", "
              + t.scale()
              + "); }");
    }
    return r;
  }

  /** An expression of {@code to}'s Java type holding the (non-null) value {@code v}. */
  static String cast(CodeGenerator g, Val v, DataType to) {
    DataType from = v.type();
    TypeKind f = from.kind();
    TypeKind k = to.kind();
    String x = v.value();
    String jt = g.jt(to);
    if (f == TypeKind.NULL) {
      return CodeGenerator.dflt(jt);
    }
    if (f == k && k != TypeKind.DECIMAL) {
      return k == TypeKind.VARCHAR ? g.bytes(v) : x;
    }
    String c = "io.quarry.exec.codegen.CastOps.";
    String d = "io.quarry.exec.codegen.DecimalOps.";
    boolean fromLongDec = f == TypeKind.DECIMAL && g.longDecimal(from);
    switch (k) {
      case VARCHAR:
        switch (f) {
          case INT:
          case BIGINT:
          case INTERVAL_DAY_TIME:
          case INTERVAL_YEAR_MONTH:
            return c + "format((long) " + x + ")";
          case DOUBLE:
            return c + "format(" + x + ")";
          case BOOLEAN:
            return c + "format(" + x + ")";
          case DECIMAL:
            return fromLongDec
                ? c + "formatDecimal(" + x + ", " + from.scale() + ")"
                : c + "formatDecimal(" + x + ")";
          case DATE:
            return c + "formatDate(" + x + ")";
          case TIMESTAMP:
            return c + "formatTimestamp(" + x + ")";
          default:
            break;
        }
        break;
      case BOOLEAN:
        switch (f) {
          case VARCHAR:
            return c + "parseBoolean(" + g.bytes(v) + ")";
          case DOUBLE:
            return "(" + x + " != 0.0)";
          case DECIMAL:
            return fromLongDec ? "(" + x + " != 0L)" : "(" + x + ".signum() != 0)";
          default:
            if (CodeGenerator.integral(f)) {
              return "(" + x + " != 0)";
            }
        }
        break;
      case INT:
      case DATE:
      case INTERVAL_YEAR_MONTH:
        if (k == TypeKind.DATE && f == TypeKind.TIMESTAMP) {
          return "io.quarry.exec.codegen.DateOps.tsToDate(" + x + ")";
        }
        if (k == TypeKind.DATE && f == TypeKind.VARCHAR) {
          return c + "parseDate(" + g.bytes(v) + ")";
        }
        switch (f) {
          case INT:
          case DATE:
          case INTERVAL_YEAR_MONTH:
            return x;
          case BIGINT:
          case TIMESTAMP:
          case INTERVAL_DAY_TIME:
            return c + "toInt(" + x + ")";
          case DOUBLE:
            return c + "doubleToInt(" + x + ")";
          case DECIMAL:
            return fromLongDec
                ? c + "toInt(" + d + "toIntegral(" + x + ", " + from.scale() + "))"
                : c + "toInt(" + d + "toLong(" + x + ", 0))";
          case VARCHAR:
            return c + "parseInt(" + g.bytes(v) + ")";
          case BOOLEAN:
            return "(" + x + " ? 1 : 0)";
          default:
            break;
        }
        break;
      case BIGINT:
      case TIMESTAMP:
      case INTERVAL_DAY_TIME:
        if (k == TypeKind.TIMESTAMP && f == TypeKind.DATE) {
          return "io.quarry.exec.codegen.DateOps.dateToTs(" + x + ")";
        }
        if (k == TypeKind.TIMESTAMP && f == TypeKind.VARCHAR) {
          return c + "parseTimestamp(" + g.bytes(v) + ")";
        }
        switch (f) {
          case INT:
          case DATE:
          case INTERVAL_YEAR_MONTH:
            return "((long) " + x + ")";
          case BIGINT:
          case TIMESTAMP:
          case INTERVAL_DAY_TIME:
            return x;
          case DOUBLE:
            return c + "doubleToLong(" + x + ")";
          case DECIMAL:
            return fromLongDec
                ? d + "toIntegral(" + x + ", " + from.scale() + ")"
                : d + "toLong(" + x + ", 0)";
          case VARCHAR:
            return c + "parseLong(" + g.bytes(v) + ")";
          case BOOLEAN:
            return "(" + x + " ? 1L : 0L)";
          default:
            break;
        }
        break;
      case DOUBLE:
        switch (f) {
          case INT:
          case BIGINT:
          case DATE:
          case TIMESTAMP:
          case INTERVAL_DAY_TIME:
          case INTERVAL_YEAR_MONTH:
            return "((double) " + x + ")";
          case DECIMAL:
            return fromLongDec
                ? d + "toDouble(" + x + ", " + from.scale() + ")"
                : d + "toDouble(" + x + ")";
          case VARCHAR:
            return c + "parseDouble(" + g.bytes(v) + ")";
          case BOOLEAN:
            return "(" + x + " ? 1.0 : 0.0)";
          default:
            break;
        }
        break;
      case DECIMAL:
        {
          int st = to.scale();
          boolean toLong = g.longDecimal(to);
          switch (f) {
            case DECIMAL:
              if (fromLongDec && toLong) {
                return from.scale() == st
                    ? x
                    : d + "rescale(" + x + ", " + from.scale() + ", " + st + ")";
              }
              if (fromLongDec) {
                return d + "setScale(" + d + "big(" + x + ", " + from.scale() + "), " + st + ")";
              }
              return toLong
                  ? d + "toLong(" + x + ", " + st + ")"
                  : d + "setScale(" + x + ", " + st + ")";
            case INT:
            case BIGINT:
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH:
            case DATE:
            case TIMESTAMP:
              return toLong
                  ? d + "rescale((long) " + x + ", 0, " + st + ")"
                  : d + "setScale(" + d + "big((long) " + x + ", 0), " + st + ")";
            case DOUBLE:
              return toLong
                  ? d + "fromDouble(" + x + ", " + st + ")"
                  : d + "fromDoubleBig(" + x + ", " + st + ")";
            case VARCHAR:
              return toLong
                  ? c + "parseDecimalLong(" + g.bytes(v) + ", " + to.precision() + ", " + st + ")"
                  : c + "parseDecimal(" + g.bytes(v) + ", " + to.precision() + ", " + st + ")";
            case BOOLEAN:
              return toLong
                  ? d + "rescale(" + x + " ? 1L : 0L, 0, " + st + ")"
                  : d + "setScale(" + d + "big(" + x + " ? 1L : 0L, 0), " + st + ")";
            default:
              break;
          }
          break;
        }
      default:
        break;
    }
    throw new QuarryException(
        ErrorCode.TYPE_MISMATCH, "cannot cast " + from.sqlName() + " to " + to.sqlName());
  }
}
