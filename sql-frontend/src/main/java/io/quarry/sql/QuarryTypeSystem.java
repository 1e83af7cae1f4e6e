package io.quarry.sql;

import io.quarry.types.DataType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Quarry's type rules: decimals up to precision 38; SUM of DECIMAL(p, s) is DECIMAL(38, s) and of
 * integers BIGINT; AVG of exact numbers is DOUBLE (as DuckDB does); ragged CASE/UNION strings are
 * VARCHAR rather than blank-padded CHAR.
 */
public final class QuarryTypeSystem extends RelDataTypeSystemImpl {
  public static final QuarryTypeSystem INSTANCE = new QuarryTypeSystem();

  private QuarryTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL
        ? DataType.MAX_DECIMAL_PRECISION
        : super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL
        ? DataType.MAX_DECIMAL_PRECISION
        : super.getMaxScale(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    RelDataType sum;
    switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> sum = typeFactory.createSqlType(SqlTypeName.BIGINT);
      case DECIMAL ->
          sum =
              typeFactory.createSqlType(
                  SqlTypeName.DECIMAL, DataType.MAX_DECIMAL_PRECISION, argumentType.getScale());
      case FLOAT, REAL, DOUBLE -> sum = typeFactory.createSqlType(SqlTypeName.DOUBLE);
      default -> {
        return super.deriveSumType(typeFactory, argumentType);
      }
    }
    return typeFactory.createTypeWithNullability(sum, argumentType.isNullable());
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeUtil.isNumeric(argumentType)) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
