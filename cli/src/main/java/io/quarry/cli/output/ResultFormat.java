package io.quarry.cli.output;

import io.quarry.types.Column;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes a query result as it streams in: the columns once, then each batch, then the end. */
public interface ResultFormat {
  void begin(List<Column> columns);

  void batch(VectorSchemaRoot batch);

  void end();

  /** Picks a format by its name on the command line. */
  enum Kind {
    TABLE,
    CSV,
    JSON
  }
}
