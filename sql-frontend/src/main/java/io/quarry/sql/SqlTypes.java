package io.quarry.sql;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps between Quarry's {@link DataType} and Calcite's {@link RelDataType}. */
public final class SqlTypes {
  private SqlTypes() {}

  public static RelDataType toRelDataType(RelDataTypeFactory factory, DataType type) {
    RelDataType t =
        switch (type.kind()) {
          case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
          case INT -> factory.createSqlType(SqlTypeName.INTEGER);
          case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
          case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
          case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
          case DATE -> factory.createSqlType(SqlTypeName.DATE);
          case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
          case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR);
          case INTERVAL_DAY_TIME -> factory.createSqlType(SqlTypeName.INTERVAL_DAY_SECOND);
          case INTERVAL_YEAR_MONTH -> factory.createSqlType(SqlTypeName.INTERVAL_YEAR_MONTH);
          case NULL -> factory.createSqlType(SqlTypeName.NULL);
        };
    return factory.createTypeWithNullability(t, type.nullable());
  }

  /** The Quarry type of a Calcite type; types Quarry cannot compute with are UNSUPPORTED. */
  public static DataType toDataType(RelDataType type) {
    boolean nullable = type.isNullable();
    TypeKind kind =
        switch (type.getSqlTypeName()) {
          case BOOLEAN -> TypeKind.BOOLEAN;
          case TINYINT, SMALLINT, INTEGER -> TypeKind.INT;
          case BIGINT -> TypeKind.BIGINT;
          case FLOAT, REAL, DOUBLE -> TypeKind.DOUBLE;
          case DECIMAL -> TypeKind.DECIMAL;
          case DATE -> TypeKind.DATE;
          case TIMESTAMP -> TypeKind.TIMESTAMP;
          case CHAR, VARCHAR -> TypeKind.VARCHAR;
          case INTERVAL_DAY,
              INTERVAL_DAY_HOUR,
              INTERVAL_DAY_MINUTE,
              INTERVAL_DAY_SECOND,
              INTERVAL_HOUR,
              INTERVAL_HOUR_MINUTE,
              INTERVAL_HOUR_SECOND,
              INTERVAL_MINUTE,
              INTERVAL_MINUTE_SECOND,
              INTERVAL_SECOND ->
              TypeKind.INTERVAL_DAY_TIME;
          case INTERVAL_YEAR, INTERVAL_YEAR_MONTH, INTERVAL_MONTH -> TypeKind.INTERVAL_YEAR_MONTH;
          case NULL -> TypeKind.NULL;
          default ->
              throw new QuarryException(
                  ErrorCode.UNSUPPORTED, "type " + type.getFullTypeString() + " is not supported");
        };
    if (kind == TypeKind.DECIMAL) {
      return new DataType(kind, type.getPrecision(), type.getScale(), nullable);
    }
    return new DataType(kind, 0, 0, nullable);
  }
}
