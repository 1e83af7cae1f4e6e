package io.quarry.cli.output;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.ValueText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * JSON Lines: one object per row, keys in column order, streamed. INT, BIGINT and DECIMAL are JSON
 * numbers (decimals exact), DOUBLE a number (NaN and infinities as strings), BOOLEAN true/false,
 * NULL null, TIMESTAMP an ISO-8601 string ({@code 2025-01-31T08:15:00}), everything else (VARCHAR,
 * DATE, intervals) a string as the table shows it.
 */
public final class JsonFormat implements ResultFormat {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();
  private final PrintStream out;
  private List<Column> columns;
  private JsonGenerator json;
  private long rows;

  public JsonFormat(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public void begin(List<Column> columns) {
    this.columns = List.copyOf(columns);
    try {
      json = FACTORY.createGenerator(out);
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
      json.setRootValueSeparator(new SerializedString("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void batch(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    try {
      for (int row = 0; row < batch.getRowCount(); row++) {
        json.writeStartObject();
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          json.writeFieldName(column.name());
          writeValue(column, Batches.get(vectors.get(c), row));
        }
        json.writeEndObject();
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeValue(Column column, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    switch (column.type().kind()) {
      case BOOLEAN -> json.writeBoolean((Boolean) value);
      case INT -> json.writeNumber((Integer) value);
      case BIGINT -> json.writeNumber((Long) value);
      case DECIMAL -> json.writeNumber((BigDecimal) value);
      case DOUBLE -> {
        double d = (Double) value;
        if (Double.isFinite(d)) {
          json.writeNumber(d);
        } else {
          json.writeString(Double.toString(d));
        }
      }
      case TIMESTAMP -> json.writeString(ValueText.formatTimestamp((Long) value));
      default -> json.writeString(CellText.of(column.type(), value));
    }
  }

  @Override
  public void end() {
    try {
      if (json != null) {
        json.close();
        if (rows > 0) {
          out.print('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }
}
