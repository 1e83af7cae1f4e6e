package io.quarry.types;

import static java.util.Objects.requireNonNull;

/**
 * A SQL type. Values of each kind have one canonical Java form, used in literals, statistics and
 * manifests: BOOLEAN Boolean; INT Integer; BIGINT Long; DOUBLE Double; DECIMAL BigDecimal (with
 * this scale); DATE Integer (days since epoch); TIMESTAMP Long (micros since epoch); VARCHAR
 * String; INTERVAL_DAY_TIME Long (millis); INTERVAL_YEAR_MONTH Integer (months); NULL null.
 */
public record DataType(TypeKind kind, int precision, int scale, boolean nullable) {
  public static final int MAX_DECIMAL_PRECISION = 38;

  public DataType {
    requireNonNull(kind, "kind is null");
    if (kind == TypeKind.DECIMAL) {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
        throw new IllegalArgumentException("bad DECIMAL(" + precision + ", " + scale + ")");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException(kind + " takes no precision or scale");
    }
  }

  public static DataType of(TypeKind kind) {
    return new DataType(kind, 0, 0, true);
  }

  public static DataType decimal(int precision, int scale) {
    return new DataType(TypeKind.DECIMAL, precision, scale, true);
  }

  public DataType withNullable(boolean nullable) {
    return nullable == this.nullable ? this : new DataType(kind, precision, scale, nullable);
  }

  public boolean isNumeric() {
    return kind == TypeKind.INT
        || kind == TypeKind.BIGINT
        || kind == TypeKind.DOUBLE
        || kind == TypeKind.DECIMAL;
  }

  /** SQL spelling, e.g. {@code DECIMAL(15, 2)} or {@code VARCHAR}; NOT NULL is not shown. */
  public String sqlName() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + ", " + scale + ")";
      case INTERVAL_DAY_TIME -> "INTERVAL DAY TO SECOND";
      case INTERVAL_YEAR_MONTH -> "INTERVAL YEAR TO MONTH";
      default -> kind.name();
    };
  }

  @Override
  public String toString() {
    return nullable ? sqlName() : sqlName() + " NOT NULL";
  }
}
