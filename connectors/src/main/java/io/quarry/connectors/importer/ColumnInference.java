package io.quarry.connectors.importer;

import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import io.quarry.types.ValueText;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Infers the type of one text column from sampled values. The rule, first match wins:
 *
 * <ul>
 *   <li>no non-empty value: VARCHAR;
 *   <li>all {@code true}/{@code false} (any case): BOOLEAN;
 *   <li>all integers that fit 64 bits: BIGINT (never INT, so ids that grow later still fit);
 *   <li>all plain decimals ({@code -12.50}, no exponent) with at most {@value #MAX_INFERRED_SCALE}
 *       digits after the point: DECIMAL(18, s), or DECIMAL(38, s) if the sample needs more than 18
 *       digits, where s is the most digits after the point seen;
 *   <li>all numbers (also exponents, NaN, Infinity): DOUBLE;
 *   <li>all {@code yyyy-mm-dd}: DATE; all dates or ISO timestamps ({@code 2024-01-31T10:00:00},
 *       a space instead of T, optional fraction and zone): TIMESTAMP;
 *   <li>anything else: VARCHAR.
 * </ul>
 *
 * Numbers with a leading zero ({@code 007}, zip codes) are text. Quoted JSON strings are never
 * numbers or booleans.
 */
final class ColumnInference {
  static final int MAX_INFERRED_SCALE = 6;
  private static final int LONG_PRECISION = 18;

  private static final Pattern INTEGER = Pattern.compile("[+-]?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(0|[1-9][0-9]*)?\\.[0-9]+|[+-]?(0|[1-9][0-9]*)\\.?");
  private static final Pattern NUMBER =
      Pattern.compile(
          "[+-]?((0|[1-9][0-9]*)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(NaN|Infinity)");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern TIMESTAMP_START = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:.*");

  private boolean seen;
  private boolean isBoolean = true;
  private boolean isBigint = true;
  private boolean isDecimal = true;
  private boolean isDouble = true;
  private boolean isDate = true;
  private boolean isTimestamp = true;
  private int integerDigits;
  private int scale;

  /** Adds one non-null value; {@code quoted} marks a JSON string (never a number or boolean). */
  void add(String text, boolean quoted) {
    seen = true;
    if (quoted) {
      isBoolean = isBigint = isDecimal = isDouble = false;
    } else {
      if (isBoolean && !(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
        isBoolean = false;
      }
      if (isBigint && !(INTEGER.matcher(text).matches() && fitsLong(text))) {
        isBigint = false;
      }
      if (isDecimal) {
        addDecimal(text);
      }
      if (isDouble && !NUMBER.matcher(text).matches()) {
        isDouble = false;
      }
    }
    if (isDate && !isDate(text)) {
      isDate = false;
    }
    if (isTimestamp && !isDate(text) && !isTimestamp(text)) {
      isTimestamp = false;
    }
  }

  private void addDecimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      isDecimal = false;
      return;
    }
    String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    int point = digits.indexOf('.');
    int intDigits = point < 0 ? digits.length() : point;
    int fraction = point < 0 ? 0 : digits.length() - point - 1;
    integerDigits = Math.max(integerDigits, intDigits);
    scale = Math.max(scale, fraction);
    if (scale > MAX_INFERRED_SCALE || integerDigits + scale > DataType.MAX_DECIMAL_PRECISION) {
      isDecimal = false;
    }
  }

  /** Folds in what another sample of the same column saw. */
  void merge(ColumnInference other) {
    seen |= other.seen;
    isBoolean &= other.isBoolean;
    isBigint &= other.isBigint;
    isDecimal &= other.isDecimal;
    isDouble &= other.isDouble;
    isDate &= other.isDate;
    isTimestamp &= other.isTimestamp;
    integerDigits = Math.max(integerDigits, other.integerDigits);
    scale = Math.max(scale, other.scale);
    if (scale > MAX_INFERRED_SCALE || integerDigits + scale > DataType.MAX_DECIMAL_PRECISION) {
      isDecimal = false;
    }
  }

  DataType type() {
    if (!seen) {
      return DataType.of(TypeKind.VARCHAR);
    }
    if (isBoolean) {
      return DataType.of(TypeKind.BOOLEAN);
    }
    if (isBigint) {
      return DataType.of(TypeKind.BIGINT);
    }
    if (isDecimal) {
      int precision = integerDigits + scale <= LONG_PRECISION ? LONG_PRECISION : DataType.MAX_DECIMAL_PRECISION;
      return DataType.decimal(precision, scale);
    }
    if (isDouble) {
      return DataType.of(TypeKind.DOUBLE);
    }
    if (isDate) {
      return DataType.of(TypeKind.DATE);
    }
    if (isTimestamp) {
      return DataType.of(TypeKind.TIMESTAMP);
    }
    return DataType.of(TypeKind.VARCHAR);
  }

  private static boolean fitsLong(String text) {
    try {
      Long.parseLong(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return false;
    }
    try {
      LocalDate.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isTimestamp(String text) {
    if (!TIMESTAMP_START.matcher(text).matches()) {
      return false;
    }
    try {
      ValueText.parseTimestamp(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
