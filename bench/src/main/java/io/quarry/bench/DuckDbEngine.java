package io.quarry.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DuckDB in this process (its JDBC driver) with one view per table over the very Parquet files
 * Quarry stores, and the same number of threads as Quarry.
 */
final class DuckDbEngine implements AutoCloseable {
  private final Connection connection;

  DuckDbEngine(Map<String, List<Path>> tables, int threads) throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = connection.createStatement()) {
      s.execute("SET threads = " + threads);
      for (Map.Entry<String, List<Path>> t : tables.entrySet()) {
        if (t.getValue().isEmpty()) {
          throw new IllegalArgumentException("table " + t.getKey() + " has no files");
        }
        String files =
            t.getValue().stream()
                .map(p -> "'" + p.toAbsolutePath().toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
        s.execute(
            "CREATE VIEW \"" + t.getKey() + "\" AS SELECT * FROM read_parquet(" + files + ")");
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  QueryAnswer run(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return QueryAnswer.read(rs);
    }
  }

  String version() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
