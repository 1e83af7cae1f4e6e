package io.quarry.connectors.parquet;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes rows of canonical Java values (see {@link DataType}) into a flat Parquet schema. */
final class RowWriteSupport extends WriteSupport<Object[]> {
  private final MessageType schema;
  private final String[] names;
  private final DataType[] types;
  private final Class<?>[] javaTypes;
  private final boolean[] decimal;
  private RecordConsumer consumer;

  RowWriteSupport(List<Column> columns) {
    requireNonNull(columns, "columns is null");
    this.schema = ParquetTypes.shardSchema(columns);
    this.names = columns.stream().map(Column::name).toArray(String[]::new);
    this.types = columns.stream().map(Column::type).toArray(DataType[]::new);
    this.javaTypes = new Class<?>[types.length];
    this.decimal = new boolean[types.length];
    for (int i = 0; i < types.length; i++) {
      javaTypes[i] = javaType(types[i]);
      decimal[i] = types[i].kind() == TypeKind.DECIMAL;
    }
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(schema, Map.of());
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, Map.of());
  }

  @Override
  public String getName() {
    return ShardWriter.WRITER_NAME;
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  /** Writes a row returned by {@link #prepare}. */
  @Override
  public void write(Object[] values) {
    consumer.startMessage();
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value == null) {
        continue;
      }
      consumer.startField(names[i], i);
      writeValue(types[i], value);
      consumer.endField(names[i], i);
    }
    consumer.endMessage();
  }

  /**
   * The row checked against the columns, decimals turned into Parquet's form. Throws
   * IllegalArgumentException on a misfit; checking before writing keeps the Parquet writer usable,
   * since it refuses further rows after any failure inside a record.
   */
  Object[] prepare(Object[] row) {
    if (row.length != names.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values but the shard has " + names.length + " columns");
    }
    Object[] values = row;
    for (int i = 0; i < row.length; i++) {
      Object value = row[i];
      if (value == null) {
        if (!types[i].nullable()) {
          throw new IllegalArgumentException("NULL in NOT NULL column '" + names[i] + "'");
        }
        continue;
      }
      if (!javaTypes[i].isInstance(value)) {
        throw misfit(i, value, null);
      }
      if (decimal[i]) {
        BigDecimal d = (BigDecimal) value;
        if (values == row) {
          values = row.clone();
        }
        try {
          BigInteger unscaled = unscaled(d, types[i]);
          values[i] = types[i].precision() <= ParquetTypes.MAX_INT64_DECIMAL_PRECISION
              ? (Object) unscaled.longValueExact()
              : Binary.fromConstantByteArray(fixedBytes(unscaled));
        } catch (ArithmeticException e) {
          throw misfit(i, value, e);
        }
      }
    }
    return values;
  }

  private IllegalArgumentException misfit(int i, Object value, Exception cause) {
    return new IllegalArgumentException(
        "value " + value + " (" + value.getClass().getSimpleName() + ") does not fit column '"
            + names[i] + "' of type " + types[i].sqlName(), cause);
  }

  /** The canonical Java class of values of this type (see {@link DataType}). */
  private static Class<?> javaType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> Boolean.class;
      case INT, DATE -> Integer.class;
      case BIGINT, TIMESTAMP -> Long.class;
      case DOUBLE -> Double.class;
      case VARCHAR -> String.class;
      case DECIMAL -> BigDecimal.class;
      default -> throw new IllegalArgumentException("type " + type + " cannot be stored in a shard");
    };
  }

  private void writeValue(DataType type, Object value) {
    switch (type.kind()) {
      case BOOLEAN -> consumer.addBoolean((Boolean) value);
      case INT, DATE -> consumer.addInteger((Integer) value);
      case BIGINT, TIMESTAMP -> consumer.addLong((Long) value);
      case DOUBLE -> consumer.addDouble((Double) value);
      case VARCHAR -> consumer.addBinary(Binary.fromString((String) value));
      case DECIMAL -> {
        if (value instanceof Long unscaled) {
          consumer.addLong(unscaled);
        } else {
          consumer.addBinary((Binary) value);
        }
      }
      default -> throw new IllegalArgumentException("type " + type + " cannot be written");
    }
  }

  /** The unscaled value at the column's scale; fails if that would round or overflow. */
  static BigInteger unscaled(BigDecimal value, DataType type) {
    BigDecimal scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new ArithmeticException("precision overflow");
    }
    return scaled.unscaledValue();
  }

  /** Big-endian two's complement in {@link ParquetTypes#DECIMAL_BYTES} bytes, sign-extended. */
  static byte[] fixedBytes(BigInteger unscaled) {
    byte[] minimal = unscaled.toByteArray();
    byte[] out = new byte[ParquetTypes.DECIMAL_BYTES];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0x00);
    int offset = out.length - minimal.length;
    for (int i = 0; i < offset; i++) {
      out[i] = pad;
    }
    System.arraycopy(minimal, 0, out, offset, minimal.length);
    return out;
  }
}
