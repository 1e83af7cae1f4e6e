package io.quarry.planner;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.expr.Literal;
import io.quarry.sql.SqlTypes;
import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/** Calcite literal values in the canonical Java forms of Quarry's types. */
final class Literals {
  private Literals() {}

  static Literal toLiteral(RexLiteral literal) {
    DataType type = SqlTypes.toDataType(literal.getType());
    return new Literal(canonical(literal, type), type);
  }

  static Object canonical(RexLiteral literal, DataType type) {
    if (literal.isNull()) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case INT -> literal.getValueAs(BigDecimal.class).intValueExact();
      case BIGINT -> literal.getValueAs(BigDecimal.class).longValueExact();
      case DOUBLE -> literal.getValueAs(Double.class);
      case DECIMAL ->
          literal.getValueAs(BigDecimal.class).setScale(type.scale(), RoundingMode.HALF_UP);
      case DATE -> literal.getValueAs(DateString.class).getDaysSinceEpoch();
      case TIMESTAMP -> literal.getValueAs(TimestampString.class).getMillisSinceEpoch() * 1000L;
      case VARCHAR -> literal.getValueAs(String.class);
      case INTERVAL_DAY_TIME -> literal.getValueAs(BigDecimal.class).longValueExact();
      case INTERVAL_YEAR_MONTH -> literal.getValueAs(BigDecimal.class).intValueExact();
      case NULL -> null;
    };
  }

  /**
   * A value from a Sarg or literal comparison in a form comparable with {@link #normalize} of
   * statistics: numbers as BigDecimal, dates as Long days, timestamps as Long micros, strings as
   * String. Null when the value has no such form.
   */
  static Comparable<?> sargValue(Object value) {
    if (value instanceof BigDecimal b) {
      return b;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof DateString d) {
      return (long) d.getDaysSinceEpoch();
    }
    if (value instanceof TimestampString t) {
      return t.getMillisSinceEpoch() * 1000L;
    }
    if (value instanceof NlsString s) {
      return s.getValue();
    }
    if (value instanceof String s) {
      return s;
    }
    return null;
  }

  /** A comparison literal in the form of {@link #sargValue}, or null. */
  static Comparable<?> literalValue(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    return switch (literal.getTypeName()) {
      case DATE -> sargValue(literal.getValueAs(DateString.class));
      case TIMESTAMP -> sargValue(literal.getValueAs(TimestampString.class));
      case CHAR, VARCHAR -> literal.getValueAs(String.class);
      case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, FLOAT, REAL, DOUBLE ->
          literal.getValueAs(BigDecimal.class);
      default -> null;
    };
  }

  /** A statistic (canonical Java form of {@code type}) comparable with {@link #sargValue}. */
  static Comparable<?> normalize(Object value, DataType type) {
    if (value == null) {
      return null;
    }
    return switch (type.kind()) {
      case INT, BIGINT, DECIMAL, DOUBLE -> {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
          yield null;
        }
        yield value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
      }
      case DATE -> ((Number) value).longValue();
      case TIMESTAMP -> ((Number) value).longValue();
      case VARCHAR -> {
        String s = value.toString();
        // Parquet orders strings by unsigned bytes, Java by UTF-16 units: equal only for ASCII.
        yield s.chars().allMatch(c -> c < 128) ? s : null;
      }
      default -> null;
    };
  }

  static QuarryException unsupported(String what) {
    return new QuarryException(ErrorCode.UNSUPPORTED, what + " is not supported");
  }
}
