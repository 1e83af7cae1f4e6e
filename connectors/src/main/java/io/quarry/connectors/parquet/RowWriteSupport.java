package io.quarry.connectors.parquet;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.DataType;
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
  private final List<Column> columns;
  private final MessageType schema;
  private final String[] names;
  private final DataType[] types;
  private RecordConsumer consumer;

  RowWriteSupport(List<Column> columns) {
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
    this.schema = ParquetTypes.shardSchema(this.columns);
    this.names = this.columns.stream().map(Column::name).toArray(String[]::new);
    this.types = this.columns.stream().map(Column::type).toArray(DataType[]::new);
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
    return "quarry";
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
      if (!fits(types[i], value)) {
        throw misfit(i, value, null);
      }
      if (value instanceof BigDecimal d) {
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

  private static boolean fits(DataType type, Object value) {
    return switch (type.kind()) {
      case BOOLEAN -> value instanceof Boolean;
      case INT, DATE -> value instanceof Integer;
      case BIGINT, TIMESTAMP -> value instanceof Long;
      case DOUBLE -> value instanceof Double;
      case VARCHAR -> value instanceof String;
      case DECIMAL -> value instanceof BigDecimal;
      default -> false;
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
