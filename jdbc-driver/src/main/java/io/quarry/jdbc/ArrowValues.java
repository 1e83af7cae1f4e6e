package io.quarry.jdbc;

import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.Text;

/** Reads one Arrow cell into the canonical Java form of its Quarry type (see DataType). */
final class ArrowValues {
  private ArrowValues() {}

  static Object read(FieldVector vector, int row, DataType type) {
    if (vector.isNull(row)) {
      return null;
    }
    if (vector instanceof VarCharVector v) {
      return new String(v.get(row), StandardCharsets.UTF_8);
    }
    if (vector instanceof DecimalVector v) {
      BigDecimal d = v.getObject(row);
      return type.kind() == io.quarry.types.TypeKind.DECIMAL && d.scale() != type.scale()
          ? d.setScale(type.scale())
          : d;
    }
    if (vector instanceof IntVector v) {
      return v.get(row);
    }
    if (vector instanceof BigIntVector v) {
      return v.get(row);
    }
    if (vector instanceof Float8Vector v) {
      return v.get(row);
    }
    if (vector instanceof BitVector v) {
      return v.get(row) != 0;
    }
    if (vector instanceof DateDayVector v) {
      return v.get(row);
    }
    if (vector instanceof TimeStampMicroVector v) {
      return v.get(row);
    }
    return canonical(vector.getObject(row));
  }

  /** Other Arrow vector kinds (e.g. from a remote engine) through their object form. */
  private static Object canonical(Object value) {
    if (value instanceof Text t) {
      return t.toString();
    }
    if (value instanceof LocalDateTime t) {
      long seconds = t.toEpochSecond(ZoneOffset.UTC);
      return seconds * 1_000_000L + t.getNano() / 1_000;
    }
    if (value instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    if (value instanceof Short s) {
      return (int) s;
    }
    if (value instanceof Byte b) {
      return (int) b;
    }
    if (value instanceof Float f) {
      return (double) f;
    }
    return value;
  }
}
