package io.quarry.connectors.parquet;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The mapping between Quarry types and Parquet physical/logical types, both for the shards we write
 * and for Parquet files written by anyone else.
 */
public final class ParquetTypes {
  /** Decimals up to this precision are stored as INT64, wider ones as FIXED_LEN_BYTE_ARRAY(16). */
  public static final int MAX_INT64_DECIMAL_PRECISION = 18;

  static final int DECIMAL_BYTES = 16;

  private ParquetTypes() {}

  /** The Parquet schema of a shard with these columns (message name "quarry_shard"). */
  public static MessageType shardSchema(List<Column> columns) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (Column column : columns) {
      message.addField(shardField(column));
    }
    return message.named("quarry_shard");
  }

  private static Type shardField(Column column) {
    DataType type = column.type();
    Type.Repetition repetition = type.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    return switch (type.kind()) {
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
      case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
      case DECIMAL -> type.precision() <= MAX_INT64_DECIMAL_PRECISION
          ? Types.primitive(PrimitiveTypeName.INT64, repetition)
              .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()))
              .named(column.name())
          : Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
              .length(DECIMAL_BYTES)
              .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()))
              .named(column.name());
      case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.dateType())
          .named(column.name());
      case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT64, repetition)
          .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS))
          .named(column.name());
      case VARCHAR -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
          .as(LogicalTypeAnnotation.stringType())
          .named(column.name());
      default -> throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "column '" + column.name() + "' has type " + type.sqlName() + ", which cannot be stored in a shard");
    };
  }

  /**
   * The Quarry columns of a Parquet schema as the engine's scan reads them (the contract mapping).
   * A nested or unmapped column fails with UNSUPPORTED naming the column and {@code where}.
   */
  public static List<Column> columns(MessageType schema, String where) {
    List<Column> columns = new ArrayList<>();
    for (Type field : schema.getFields()) {
      DataType type = scanType(field)
          .orElseThrow(() -> unsupported(field, where));
      columns.add(new Column(field.getName(), type));
    }
    return columns;
  }

  /**
   * The type a column of a foreign Parquet file is imported as. Wider than {@link #scanType}: it
   * also converts legacy INT96 timestamps, unsigned integers and UUIDs while importing.
   */
  public static Optional<DataType> importType(Type field) {
    Optional<DataType> scan = scanType(field);
    if (scan.isPresent() || !field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      return scan;
    }
    PrimitiveType p = field.asPrimitiveType();
    boolean nullable = !field.isRepetition(Type.Repetition.REQUIRED);
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    DataType type = null;
    if (p.getPrimitiveTypeName() == PrimitiveTypeName.INT96) {
      type = DataType.of(TypeKind.TIMESTAMP);
    } else if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
      type = i.getBitWidth() == 32 ? DataType.of(TypeKind.BIGINT) : DataType.decimal(20, 0);
    } else if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
      type = DataType.of(TypeKind.VARCHAR);
    }
    return Optional.ofNullable(type).map(t -> t.withNullable(nullable));
  }

  /** The contract mapping of one Parquet field; empty when the engine cannot scan it. */
  public static Optional<DataType> scanType(Type field) {
    if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
      return Optional.empty();
    }
    PrimitiveType p = field.asPrimitiveType();
    boolean nullable = !field.isRepetition(Type.Repetition.REQUIRED);
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    DataType type = null;
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      if (p.getPrimitiveTypeName() != PrimitiveTypeName.BINARY
          && d.getPrecision() <= DataType.MAX_DECIMAL_PRECISION) {
        type = DataType.decimal(d.getPrecision(), d.getScale());
      }
    } else {
      switch (p.getPrimitiveTypeName()) {
        case BOOLEAN -> type = DataType.of(TypeKind.BOOLEAN);
        case INT32 -> {
          if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            type = DataType.of(TypeKind.INT);
          } else if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            type = DataType.of(TypeKind.DATE);
          } else if (logical instanceof IntLogicalTypeAnnotation i && i.getBitWidth() < 32) {
            type = DataType.of(TypeKind.INT);
          }
        }
        case INT64 -> {
          if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            type = DataType.of(TypeKind.BIGINT);
          } else if (logical instanceof TimestampLogicalTypeAnnotation) {
            type = DataType.of(TypeKind.TIMESTAMP);
          }
        }
        case FLOAT, DOUBLE -> type = DataType.of(TypeKind.DOUBLE);
        case BINARY -> {
          if (logical == null
              || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
              || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
              || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
            type = DataType.of(TypeKind.VARCHAR);
          }
        }
        default -> type = null;
      }
    }
    return Optional.ofNullable(type).map(t -> t.withNullable(nullable));
  }

  static QuarryException unsupported(Type field, String where) {
    return new QuarryException(
        ErrorCode.UNSUPPORTED,
        where + ": column '" + field.getName() + "' has Parquet type " + field
            + ", which Quarry does not support (flat columns of boolean, integer, floating point,"
            + " decimal, date, timestamp and string types only)");
  }
}
