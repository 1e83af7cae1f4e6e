package io.quarry.cli.output;

import static java.util.Objects.requireNonNull;

import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.io.PrintStream;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * CSV: a header line, then one line per row, streamed. Fields are quoted as RFC 4180 says (when
 * they hold a comma, a double quote, CR or LF; quotes doubled); NULL is an empty field, the empty
 * string is {@code ""}. Lines end with LF.
 */
public final class CsvFormat implements ResultFormat {
  private final PrintStream out;
  private List<Column> columns;

  public CsvFormat(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public void begin(List<Column> columns) {
    this.columns = List.copyOf(columns);
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) {
        line.append(',');
      }
      appendField(line, columns.get(c).name(), false);
    }
    out.print(line.append('\n'));
  }

  @Override
  public void batch(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    StringBuilder line = new StringBuilder();
    for (int row = 0; row < batch.getRowCount(); row++) {
      line.setLength(0);
      for (int c = 0; c < columns.size(); c++) {
        if (c > 0) {
          line.append(',');
        }
        String text = CellText.of(columns.get(c).type(), Batches.get(vectors.get(c), row));
        if (text != null) {
          appendField(line, text, text.isEmpty());
        }
      }
      out.print(line.append('\n'));
    }
  }

  @Override
  public void end() {
    out.flush();
  }

  static void appendField(StringBuilder line, String text, boolean forceQuotes) {
    boolean quote =
        forceQuotes
            || text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    if (quote) {
      line.append('"').append(text.replace("\"", "\"\"")).append('"');
    } else {
      line.append(text);
    }
  }
}
