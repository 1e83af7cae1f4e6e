package io.quarry.cli;

import io.quarry.cli.output.CsvFormat;
import io.quarry.cli.output.JsonFormat;
import io.quarry.cli.output.ResultFormat;
import io.quarry.cli.output.TableFormat;
import io.quarry.node.client.SqlSession;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Runs one statement on the embedded engine and streams its result into a format. */
final class QueryRunner {
  /** Rows a table shows in the shell and the demo; -e shows every row. */
  static final long SHELL_TABLE_ROWS = 1000;

  private QueryRunner() {}

  record Outcome(long rows, long nanos) {
    String summary() {
      return String.format(
          Locale.ROOT, "(%d %s, %s)", rows, rows == 1 ? "row" : "rows", duration(nanos));
    }
  }

  static ResultFormat format(ResultFormat.Kind kind, PrintStream out, long maxTableRows) {
    return switch (kind) {
      case TABLE -> new TableFormat(out, maxTableRows);
      case CSV -> new CsvFormat(out);
      case JSON -> new JsonFormat(out);
    };
  }

  static Outcome run(QueryEngine engine, String sql, ResultFormat format) throws Exception {
    return run(engine, sql, QueryOptions.DEFAULTS, format);
  }

  static Outcome run(QueryEngine engine, String sql, QueryOptions options, ResultFormat format)
      throws Exception {
    return run(SqlSession.embedded(engine), sql, options, format);
  }

  /** Runs one statement where {@code session} runs SQL: the embedded engine or a node. */
  static Outcome run(SqlSession session, String sql, QueryOptions options, ResultFormat format)
      throws Exception {
    long start = System.nanoTime();
    long rows = 0;
    try (QueryResult result = session.execute(sql, options)) {
      format.begin(result.columns());
      while (true) {
        try (VectorSchemaRoot batch = result.next()) {
          if (batch == null) {
            break;
          }
          rows += batch.getRowCount();
          format.batch(batch);
        }
      }
    }
    long elapsed = System.nanoTime() - start;
    format.end();
    return new Outcome(rows, elapsed);
  }

  /** A statement as typed, without the terminating semicolons the engine does not take. */
  static String stripTerminator(String statement) {
    String s = statement.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    return s;
  }

  static String duration(long nanos) {
    double millis = nanos / 1e6;
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    return String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }
}
