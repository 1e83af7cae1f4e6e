package io.quarry.bench;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The TPC-H tables in Quarry types, as the specification declares them: keys BIGINT, other integers
 * INT, money and quantities DECIMAL(15,2), dates DATE, text VARCHAR; every column NOT NULL.
 */
final class TpchSchema {
  static final DataType MONEY = DataType.decimal(15, 2).withNullable(false);

  private TpchSchema() {}

  static List<TpchTable<?>> tables() {
    return TpchTable.getTables();
  }

  static List<Column> columns(TpchTable<?> table) {
    List<Column> columns = new ArrayList<>();
    for (TpchColumn<?> c : table.getColumns()) {
      columns.add(new Column(c.getColumnName(), type(c.getType())));
    }
    return columns;
  }

  static DataType type(TpchColumnType type) {
    return switch (type.getBase()) {
      case IDENTIFIER -> new DataType(TypeKind.BIGINT, 0, 0, false);
      case INTEGER -> new DataType(TypeKind.INT, 0, 0, false);
      case DOUBLE -> MONEY;
      case DATE -> new DataType(TypeKind.DATE, 0, 0, false);
      case VARCHAR -> new DataType(TypeKind.VARCHAR, 0, 0, false);
    };
  }

  /** One row in canonical Java forms. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object[] row(TpchTable<?> table, TpchEntity entity) {
    List<? extends TpchColumn> columns = table.getColumns();
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      TpchColumn c = columns.get(i);
      row[i] =
          switch (c.getType().getBase()) {
            case IDENTIFIER -> c.getIdentifier(entity);
            case INTEGER -> c.getInteger(entity);
              // The generator keeps money as whole cents; round back to them exactly.
            case DOUBLE -> BigDecimal.valueOf(Math.round(c.getDouble(entity) * 100), 2);
            case DATE -> c.getDate(entity);
            case VARCHAR -> c.getString(entity);
          };
    }
    return row;
  }

  /** Approximate rows of a table at a scale factor, to size its parts. */
  static long estimatedRows(TpchTable<?> table, double scaleFactor) {
    return switch (table.getTableName()) {
      case "lineitem" -> (long) (6_001_215 * scaleFactor);
      case "orders" -> (long) (1_500_000 * scaleFactor);
      case "partsupp" -> (long) (800_000 * scaleFactor);
      case "part" -> (long) (200_000 * scaleFactor);
      case "customer" -> (long) (150_000 * scaleFactor);
      case "supplier" -> (long) (10_000 * scaleFactor);
      default -> 25;
    };
  }
}
