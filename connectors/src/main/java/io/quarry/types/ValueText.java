package io.quarry.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Text forms of canonical values: DATE {@code 2024-03-01}, TIMESTAMP {@code 2024-03-01T12:00:00.25}
 * (ISO-8601, no zone), DECIMAL plain digits at the type's scale, the rest as Java prints them.
 * Parsing is the inverse and also accepts, for TIMESTAMP, a space between date and time, a zone
 * suffix ({@code Z}, {@code +02:00}; converted to UTC) and a bare date (midnight).
 */
public final class ValueText {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart().appendLiteral('T').optionalEnd()
          .optionalStart().appendLiteral(' ').optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private ValueText() {}

  public static String format(DataType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.kind()) {
      case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
      case TIMESTAMP -> formatTimestamp((Long) value);
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      default -> value.toString();
    };
  }

  /** Parses the text form of a value of this type; throws IllegalArgumentException if it is not one. */
  public static Object parse(DataType type, String text) {
    try {
      return switch (type.kind()) {
        case BOOLEAN -> parseBoolean(text);
        case INT -> Integer.parseInt(text.trim());
        case BIGINT -> Long.parseLong(text.trim());
        case DOUBLE -> Double.parseDouble(text.trim());
        case DECIMAL -> parseDecimal(text, type);
        case DATE -> parseDate(text);
        case TIMESTAMP -> parseTimestamp(text);
        case VARCHAR -> text;
        case INTERVAL_DAY_TIME -> Long.parseLong(text.trim());
        case INTERVAL_YEAR_MONTH -> Integer.parseInt(text.trim());
        case NULL -> throw new IllegalArgumentException("NULL type has no values");
      };
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a " + type.sqlName() + ": " + e.getMessage(), e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a " + type.sqlName(), e);
    }
  }

  /** Days since the epoch of an ISO date {@code yyyy-mm-dd}; the common form skips java.time's parser. */
  public static int parseDate(String text) {
    String t = text.length() == 10 ? text : text.trim();
    if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
      int year = digits(t, 0, 4);
      int month = digits(t, 5, 7);
      int day = digits(t, 8, 10);
      if (year >= 0 && month >= 0 && day >= 0) {
        try {
          return (int) LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
          throw new IllegalArgumentException("'" + text + "' is not a DATE: " + e.getMessage(), e);
        }
      }
    }
    return (int) LocalDate.parse(t).toEpochDay();
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  public static String formatTimestamp(long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    long nanos = Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
    return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC).toString();
  }

  /** Micros since the epoch; fractions finer than a microsecond are truncated. */
  public static long parseTimestamp(String text) {
    String t = text.trim();
    if (t.length() == 10) {
      return LocalDate.parse(t).toEpochDay() * 86_400L * MICROS_PER_SECOND;
    }
    var parsed = DATE_TIME.parseBest(t, OffsetDateTime::from, LocalDateTime::from);
    Instant instant = parsed instanceof OffsetDateTime o
        ? o.toInstant()
        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
  }

  private static Boolean parseBoolean(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (t.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException("'" + text + "' is not a BOOLEAN (true or false)");
  }

  /** Exactly at the type's scale; more significant digits than the type holds is an error. */
  public static BigDecimal parseDecimal(String text, DataType type) {
    BigDecimal value = new BigDecimal(text.trim());
    return toDecimal(value, type);
  }

  /** The value at the type's scale, or ArithmeticException if that would round or overflow. */
  public static BigDecimal toDecimal(BigDecimal value, DataType type) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.scale(), java.math.RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new ArithmeticException(
          "more than " + type.scale() + " digits after the decimal point");
    }
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()
        && scaled.signum() != 0) {
      throw new ArithmeticException(
          "more than " + (type.precision() - type.scale()) + " digits before the decimal point");
    }
    return scaled;
  }
}
