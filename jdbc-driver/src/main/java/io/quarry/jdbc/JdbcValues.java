package io.quarry.jdbc;

import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Locale;

/**
 * JDBC conversions from the canonical Java form of a Quarry value (see DataType: DATE days since
 * epoch, TIMESTAMP micros, DECIMAL BigDecimal, ...) to what each ResultSet getter returns. A value
 * that cannot be converted raises SQLState 22018; one out of range raises 22003.
 */
final class JdbcValues {
  private JdbcValues() {}

  static String toString(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    return switch (type.kind()) {
      case DECIMAL -> ((BigDecimal) v).toPlainString();
      case DATE -> LocalDate.ofEpochDay(((Number) v).longValue()).toString();
      case TIMESTAMP -> formatTimestamp(localDateTime(((Number) v).longValue()));
      case INTERVAL_DAY_TIME -> Duration.ofMillis(((Number) v).longValue()).toString();
      case INTERVAL_YEAR_MONTH -> Period.ofMonths(((Number) v).intValue()).normalized().toString();
      default -> v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    };
  }

  static long toLong(Object v, DataType type, long min, long max, String target)
      throws SQLException {
    if (v == null) {
      return 0;
    }
    long result;
    if (v instanceof Long || v instanceof Integer) {
      result = ((Number) v).longValue();
    } else if (v instanceof BigDecimal d) {
      BigDecimal truncated = d.setScale(0, RoundingMode.DOWN);
      if (truncated.compareTo(BigDecimal.valueOf(min)) < 0
          || truncated.compareTo(BigDecimal.valueOf(max)) > 0) {
        throw outOfRange(v, target);
      }
      return truncated.longValueExact();
    } else if (v instanceof Double d) {
      if (d.isNaN() || d < (double) min || d > (double) max) {
        throw outOfRange(v, target);
      }
      result = d.longValue();
    } else if (v instanceof Boolean b) {
      result = b ? 1 : 0;
    } else if (v instanceof String s) {
      try {
        return toLong(new BigDecimal(s.trim()), DataType.decimal(38, 0), min, max, target);
      } catch (NumberFormatException e) {
        throw cannotConvert(v, target);
      }
    } else {
      throw cannotConvert(v, target);
    }
    if (result < min || result > max) {
      throw outOfRange(v, target);
    }
    return result;
  }

  static double toDouble(Object v) throws SQLException {
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw cannotConvert(v, "double");
      }
    }
    throw cannotConvert(v, "double");
  }

  static BigDecimal toBigDecimal(Object v) throws SQLException {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof Long || v instanceof Integer) {
      return BigDecimal.valueOf(((Number) v).longValue());
    }
    if (v instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw cannotConvert(v, "BigDecimal");
      }
      return BigDecimal.valueOf(d);
    }
    if (v instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (v instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw cannotConvert(v, "BigDecimal");
      }
    }
    throw cannotConvert(v, "BigDecimal");
  }

  static boolean toBoolean(Object v) throws SQLException {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "1", "on":
          return true;
        case "false", "f", "no", "n", "0", "off":
          return false;
        default:
          throw cannotConvert(v, "boolean");
      }
    }
    throw cannotConvert(v, "boolean");
  }

  static LocalDate toLocalDate(Object v, DataType type) throws SQLException {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case DATE:
        return LocalDate.ofEpochDay(((Number) v).longValue());
      case TIMESTAMP:
        return localDateTime(((Number) v).longValue()).toLocalDate();
      case VARCHAR:
        try {
          return LocalDate.parse(((String) v).trim());
        } catch (DateTimeParseException e) {
          throw cannotConvert(v, "DATE");
        }
      default:
        throw cannotConvert(v, "DATE");
    }
  }

  static LocalDateTime toLocalDateTime(Object v, DataType type) throws SQLException {
    if (v == null) {
      return null;
    }
    switch (type.kind()) {
      case TIMESTAMP:
        return localDateTime(((Number) v).longValue());
      case DATE:
        return LocalDate.ofEpochDay(((Number) v).longValue()).atStartOfDay();
      case VARCHAR:
        String s = ((String) v).trim();
        try {
          return LocalDateTime.parse(s.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
          try {
            return LocalDate.parse(s).atStartOfDay();
          } catch (DateTimeParseException e2) {
            throw cannotConvert(v, "TIMESTAMP");
          }
        }
      default:
        throw cannotConvert(v, "TIMESTAMP");
    }
  }

  static Date toDate(Object v, DataType type, Calendar cal) throws SQLException {
    LocalDate d = toLocalDate(v, type);
    if (d == null) {
      return null;
    }
    if (cal == null) {
      return Date.valueOf(d);
    }
    return new Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
  }

  static Timestamp toTimestamp(Object v, DataType type, Calendar cal) throws SQLException {
    LocalDateTime t = toLocalDateTime(v, type);
    if (t == null) {
      return null;
    }
    if (cal == null) {
      return Timestamp.valueOf(t);
    }
    ZoneId zone = cal.getTimeZone().toZoneId();
    Timestamp ts = new Timestamp(t.atZone(zone).toInstant().toEpochMilli());
    ts.setNanos(t.getNano());
    return ts;
  }

  static Time toTime(Object v, DataType type, Calendar cal) throws SQLException {
    if (v == null) {
      return null;
    }
    LocalTime time;
    if (type.kind() == io.quarry.types.TypeKind.TIMESTAMP) {
      time = localDateTime(((Number) v).longValue()).toLocalTime();
    } else if (v instanceof String s) {
      try {
        time = LocalTime.parse(s.trim());
      } catch (DateTimeParseException e) {
        throw cannotConvert(v, "TIME");
      }
    } else {
      throw cannotConvert(v, "TIME");
    }
    if (cal == null) {
      return Time.valueOf(time);
    }
    return new Time(
        time.atDate(LocalDate.EPOCH)
            .atZone(cal.getTimeZone().toZoneId())
            .toInstant()
            .toEpochMilli());
  }

  /** The object getObject returns: the class named by ResultSetMetaData.getColumnClassName. */
  static Object toObject(Object v, DataType type) throws SQLException {
    if (v == null) {
      return null;
    }
    return switch (type.kind()) {
      case DATE -> toDate(v, type, null);
      case TIMESTAMP -> toTimestamp(v, type, null);
      case INTERVAL_DAY_TIME -> Duration.ofMillis(((Number) v).longValue());
      case INTERVAL_YEAR_MONTH -> Period.ofMonths(((Number) v).intValue()).normalized();
      default -> v;
    };
  }

  @SuppressWarnings("unchecked")
  static <T> T toObject(Object v, DataType type, Class<T> target) throws SQLException {
    if (target == null) {
      throw new SQLException("type is null", "HY009");
    }
    if (v == null) {
      return null;
    }
    Object result;
    if (target == Object.class) {
      result = toObject(v, type);
    } else if (target == String.class) {
      result = toString(v, type);
    } else if (target == Integer.class) {
      result = (int) toLong(v, type, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    } else if (target == Long.class) {
      result = toLong(v, type, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    } else if (target == Short.class) {
      result = (short) toLong(v, type, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    } else if (target == Byte.class) {
      result = (byte) toLong(v, type, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    } else if (target == Double.class) {
      result = toDouble(v);
    } else if (target == Float.class) {
      result = (float) toDouble(v);
    } else if (target == BigDecimal.class) {
      result = toBigDecimal(v);
    } else if (target == Boolean.class) {
      result = toBoolean(v);
    } else if (target == LocalDate.class) {
      result = toLocalDate(v, type);
    } else if (target == LocalDateTime.class) {
      result = toLocalDateTime(v, type);
    } else if (target == Date.class) {
      result = toDate(v, type, null);
    } else if (target == Timestamp.class) {
      result = toTimestamp(v, type, null);
    } else if (target == Time.class) {
      result = toTime(v, type, null);
    } else if (target.isInstance(toObject(v, type))) {
      result = toObject(v, type);
    } else {
      throw new SQLDataException(
          "Cannot convert " + type.sqlName() + " to " + target.getName(), "22018");
    }
    return (T) result;
  }

  static LocalDateTime localDateTime(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1_000;
    return LocalDateTime.ofEpochSecond(seconds, nanos, java.time.ZoneOffset.UTC);
  }

  static String formatTimestamp(LocalDateTime t) {
    String s = Timestamp.valueOf(t).toString();
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static SQLException cannotConvert(Object v, String target) {
    return new SQLDataException("Cannot convert '" + v + "' to " + target, "22018");
  }

  private static SQLException outOfRange(Object v, String target) {
    return new SQLDataException("Value " + v + " is out of range for " + target, "22003");
  }
}
