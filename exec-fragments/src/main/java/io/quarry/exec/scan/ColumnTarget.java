package io.quarry.exec.scan;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.DataType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * How one Parquet column becomes one Arrow vector of the scan's declared type: the vector's element
 * kind and width, how values are staged while decoding, and unit conversion of integers (timestamps
 * in millis or nanos become micros).
 */
final class ColumnTarget {
  enum Kind {
    I32,
    I64,
    F64,
    DEC128,
    BIT,
    VARCHAR
  }

  enum Category {
    LONG,
    DOUBLE,
    BOOLEAN,
    BYTES
  }

  private static final int SAME = 0;
  private static final int MILLIS_TO_MICROS = 1;
  private static final int NANOS_TO_MICROS = 2;

  private final Kind kind;
  private final Category category;
  private final int width;
  private final boolean directCopy;
  private final int unit;

  private ColumnTarget(Kind kind, Category category, int width, boolean directCopy, int unit) {
    this.kind = kind;
    this.category = category;
    this.width = width;
    this.directCopy = directCopy;
    this.unit = unit;
  }

  Kind kind() {
    return kind;
  }

  Category category() {
    return category;
  }

  /** Bytes per value in the Arrow vector (fixed-width kinds). */
  int width() {
    return width;
  }

  /** Whether PLAIN pages hold exactly the vector's bytes. */
  boolean directCopy() {
    return directCopy;
  }

  void convertLongs(long[] v, int n) {
    if (unit == MILLIS_TO_MICROS) {
      for (int i = 0; i < n; i++) {
        v[i] = Math.multiplyExact(v[i], 1000L);
      }
    } else if (unit == NANOS_TO_MICROS) {
      for (int i = 0; i < n; i++) {
        v[i] = Math.floorDiv(v[i], 1000L);
      }
    }
  }

  static ColumnTarget of(DataType type, PrimitiveType field, String where) {
    PrimitiveTypeName p = field.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    switch (type.kind()) {
      case BOOLEAN:
        if (p == PrimitiveTypeName.BOOLEAN) {
          return new ColumnTarget(Kind.BIT, Category.BOOLEAN, 0, false, SAME);
        }
        break;
      case INT:
      case DATE:
      case INTERVAL_YEAR_MONTH:
        if (p == PrimitiveTypeName.INT32
            && !(logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)) {
          return new ColumnTarget(Kind.I32, Category.LONG, 4, true, SAME);
        }
        break;
      case BIGINT:
      case TIMESTAMP:
      case INTERVAL_DAY_TIME:
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          break;
        }
        if (p == PrimitiveTypeName.INT32) {
          return new ColumnTarget(Kind.I64, Category.LONG, 8, false, SAME);
        }
        if (p == PrimitiveTypeName.INT64) {
          int unit = SAME;
          if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
            unit =
                switch (ts.getUnit()) {
                  case MILLIS -> MILLIS_TO_MICROS;
                  case MICROS -> SAME;
                  case NANOS -> NANOS_TO_MICROS;
                };
          }
          return new ColumnTarget(Kind.I64, Category.LONG, 8, unit == SAME, unit);
        }
        break;
      case DOUBLE:
        if (p == PrimitiveTypeName.DOUBLE) {
          return new ColumnTarget(Kind.F64, Category.DOUBLE, 8, true, SAME);
        }
        if (p == PrimitiveTypeName.FLOAT) {
          return new ColumnTarget(Kind.F64, Category.DOUBLE, 8, false, SAME);
        }
        break;
      case DECIMAL:
        {
          int scale = 0;
          if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            scale = d.getScale();
          } else if (p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY || p == PrimitiveTypeName.BINARY) {
            break;
          }
          if (scale != type.scale()) {
            throw new QuarryException(
                ErrorCode.TYPE_MISMATCH,
                where + " has scale " + scale + ", the table says " + type.sqlName());
          }
          if (p == PrimitiveTypeName.INT32 || p == PrimitiveTypeName.INT64) {
            return new ColumnTarget(Kind.DEC128, Category.LONG, 16, false, SAME);
          }
          if (p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY || p == PrimitiveTypeName.BINARY) {
            return new ColumnTarget(Kind.DEC128, Category.BYTES, 16, false, SAME);
          }
          break;
        }
      case VARCHAR:
        if (p == PrimitiveTypeName.BINARY || p == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
          return new ColumnTarget(Kind.VARCHAR, Category.BYTES, 0, false, SAME);
        }
        break;
      default:
        break;
    }
    throw new QuarryException(
        ErrorCode.TYPE_MISMATCH,
        where + " is Parquet " + field + ", which cannot be read as " + type.sqlName());
  }
}
