package io.quarry.sql;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** Functions of Quarry's dialect that Calcite's operator libraries do not offer as written. */
final class QuarryFunctions {
  /**
   * {@code DATE_TRUNC('month', t)} as PostgreSQL and DuckDB write it: the start of the unit that
   * holds {@code t}, of t's type.
   */
  static final SqlFunction DATE_TRUNC =
      new SqlFunction(
          "DATE_TRUNC",
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.ARG1_NULLABLE,
          null,
          OperandTypes.sequence(
              "DATE_TRUNC('unit', <DATE or TIMESTAMP>)",
              OperandTypes.CHARACTER,
              OperandTypes.DATETIME),
          SqlFunctionCategory.TIMEDATE);

  private QuarryFunctions() {}

  static SqlOperatorTable table() {
    return SqlOperatorTables.of(DATE_TRUNC);
  }
}
