package io.quarry.exec;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The one mapping between Quarry's SQL types and Arrow: BOOLEAN Bit, INT Int32, BIGINT Int64,
 * DOUBLE Float8, DECIMAL Decimal128(p, s), DATE DateDay, TIMESTAMP TimeStampMicro without zone,
 * VARCHAR VarChar, INTERVAL_DAY_TIME Int64 (millis), INTERVAL_YEAR_MONTH Int32 (months), NULL Null.
 */
public final class ArrowTypes {
  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT64 = new ArrowType.Int(64, true);

  private ArrowTypes() {}

  public static ArrowType toArrowType(DataType type) {
    return switch (type.kind()) {
      case BOOLEAN -> ArrowType.Bool.INSTANCE;
      case INT, INTERVAL_YEAR_MONTH -> INT32;
      case BIGINT, INTERVAL_DAY_TIME -> INT64;
      case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case DECIMAL -> new ArrowType.Decimal(type.precision(), type.scale(), 128);
      case DATE -> new ArrowType.Date(DateUnit.DAY);
      case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      case VARCHAR -> ArrowType.Utf8.INSTANCE;
      case NULL -> ArrowType.Null.INSTANCE;
    };
  }

  public static Field toField(String name, DataType type) {
    return new Field(name, new FieldType(type.nullable(), toArrowType(type), null), null);
  }

  public static Field toField(Column column) {
    return toField(column.name(), column.type());
  }

  public static Schema toSchema(List<Column> columns) {
    List<Field> fields = new ArrayList<>(columns.size());
    for (Column c : columns) {
      fields.add(toField(c));
    }
    return new Schema(fields);
  }

  /**
   * The SQL type of an Arrow field. Int32 and Int64 read back as INT and BIGINT (the interval types
   * share their representation and are only intermediate values).
   */
  public static DataType toDataType(Field field) {
    return toDataType(field.getType(), field.isNullable());
  }

  public static DataType toDataType(ArrowType type, boolean nullable) {
    TypeKind kind =
        switch (type.getTypeID()) {
          case Bool -> TypeKind.BOOLEAN;
          case Int -> {
            ArrowType.Int t = (ArrowType.Int) type;
            if (!t.getIsSigned() || t.getBitWidth() > 64) {
              throw unsupported(type);
            }
            yield t.getBitWidth() == 64 ? TypeKind.BIGINT : TypeKind.INT;
          }
          case FloatingPoint -> TypeKind.DOUBLE;
          case Decimal -> TypeKind.DECIMAL;
          case Date -> TypeKind.DATE;
          case Timestamp -> TypeKind.TIMESTAMP;
          case Utf8, LargeUtf8 -> TypeKind.VARCHAR;
          case Null -> TypeKind.NULL;
          default -> throw unsupported(type);
        };
    if (kind == TypeKind.DECIMAL) {
      ArrowType.Decimal d = (ArrowType.Decimal) type;
      return new DataType(TypeKind.DECIMAL, d.getPrecision(), d.getScale(), nullable);
    }
    return new DataType(kind, 0, 0, nullable);
  }

  public static List<Column> toColumns(Schema schema) {
    List<Column> out = new ArrayList<>(schema.getFields().size());
    for (Field f : schema.getFields()) {
      out.add(new Column(f.getName(), toDataType(f)));
    }
    return out;
  }

  private static QuarryException unsupported(ArrowType type) {
    return new QuarryException(ErrorCode.UNSUPPORTED, "Arrow type " + type + " is not supported");
  }
}
