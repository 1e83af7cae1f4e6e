package io.quarry.planner;

import io.quarry.types.DataType;
import io.quarry.types.TypeKind;

/** Quarry types of the TPC-H columns as the generator describes them (money as DECIMAL(15, 2)). */
final class TpchTypes {
  private TpchTypes() {}

  static DataType of(io.trino.tpch.TpchColumn<?> column) {
    DataType type =
        switch (column.getType().getBase()) {
          case INTEGER -> DataType.of(TypeKind.INT);
          case IDENTIFIER -> DataType.of(TypeKind.BIGINT);
          case DATE -> DataType.of(TypeKind.DATE);
          case DOUBLE -> DataType.decimal(15, 2);
          case VARCHAR -> DataType.of(TypeKind.VARCHAR);
        };
    return type.withNullable(false);
  }
}
