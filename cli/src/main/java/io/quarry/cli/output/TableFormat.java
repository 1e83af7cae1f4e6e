package io.quarry.cli.output;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An aligned text table: numbers right-aligned, NULL spelled out. Rows are held until the end to
 * size the columns, up to {@code maxRows}; the rest are counted, not shown.
 */
public final class TableFormat implements ResultFormat {
  private final PrintStream out;
  private final long maxRows;
  private final List<String[]> rows = new ArrayList<>();
  private List<Column> columns;
  private long totalRows;

  public TableFormat(PrintStream out, long maxRows) {
    this.out = requireNonNull(out, "out is null");
    this.maxRows = maxRows;
  }

  @Override
  public void begin(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  @Override
  public void batch(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    for (int row = 0; row < batch.getRowCount(); row++) {
      totalRows++;
      if (rows.size() >= maxRows) {
        continue;
      }
      String[] cells = new String[columns.size()];
      for (int c = 0; c < cells.length; c++) {
        cells[c] = CellText.of(columns.get(c).type(), Batches.get(vectors.get(c), row));
      }
      rows.add(cells);
    }
  }

  @Override
  public void end() {
    print(out, columns, rows);
    if (totalRows > rows.size()) {
      out.printf("(showing the first %d of %d rows)%n", rows.size(), totalRows);
    }
  }

  public long totalRows() {
    return totalRows;
  }

  /** Prints rows of text (null = NULL) under the columns' names; numbers right-aligned. */
  public static void print(PrintStream out, List<Column> columns, List<String[]> rows) {
    boolean[] right = new boolean[columns.size()];
    List<String> names = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      names.add(columns.get(c).name());
      right[c] = columns.get(c).type().isNumeric();
    }
    TextTable.print(out, names, right, rows);
  }
}
