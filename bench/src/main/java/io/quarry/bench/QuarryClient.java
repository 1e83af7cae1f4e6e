package io.quarry.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Quarry's embedded engine over a store, through Quarry's JDBC driver, with the cache off. */
final class QuarryClient implements AutoCloseable {
  private final Connection connection;

  QuarryClient(Path storeHome) throws SQLException {
    connection =
        DriverManager.getConnection(
            "jdbc:quarry:local:" + storeHome.toAbsolutePath() + ";cache=off");
  }

  QueryAnswer run(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return QueryAnswer.read(rs);
    }
  }

  String version() throws SQLException {
    return connection.getMetaData().getDatabaseProductVersion();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
