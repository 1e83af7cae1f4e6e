package io.quarry.jdbc;

import io.quarry.types.Column;
import java.sql.Statement;
import java.util.List;

/** A result held in memory, for DatabaseMetaData answers. Cells are in canonical Java forms. */
final class RowsResultSet extends AbstractResultSet {
  private final List<Object[]> rows;
  private int index = -1;

  RowsResultSet(Statement statement, List<Column> columns, List<Object[]> rows) {
    super(statement, columns);
    this.rows = List.copyOf(rows);
    for (Object[] row : this.rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.length + " cells for " + columns.size() + " columns");
      }
    }
  }

  @Override
  protected boolean advance() {
    if (index + 1 < rows.size()) {
      index++;
      return true;
    }
    index = rows.size();
    return false;
  }

  @Override
  protected Object cell(int column) {
    return rows.get(index)[column];
  }

  @Override
  protected void release() {}
}
