package io.quarry.bench;

import java.nio.file.Path;
import io.quarry.node.engine.QueryResult;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Quarry's embedded engine over a store, or a running node, through Quarry's JDBC driver, with
 * the cache off. Each
 * query runs on a worker thread so a time limit can be enforced: a query over it is abandoned and
 * the connection closed, which releases the engine's threads and memory; a later query opens a
 * fresh connection.
 */
final class QuarryClient implements AutoCloseable {
  private final String url;
  private Connection connection;
  private ExecutorService worker;
  private Thread abandoned;
  private volatile long lastPeakMemoryBytes = -1;

  /** The embedded engine over {@code storeHome}, running each query on {@code threads} threads. */
  QuarryClient(Path storeHome, int threads) throws SQLException {
    this("jdbc:quarry:local:" + storeHome.toAbsolutePath() + ";cache=off;threads=" + threads);
  }

  /** A running node at {@code hostPort}, reached over Flight SQL. */
  static QuarryClient connect(String hostPort) throws SQLException {
    return new QuarryClient("jdbc:quarry://" + hostPort + ";cache=off");
  }

  private QuarryClient(String url) throws SQLException {
    this.url = url;
    open();
  }

  private void open() throws SQLException {
    connection = DriverManager.getConnection(url);
    worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bench-quarry-query");
              t.setDaemon(true);
              return t;
            });
  }

  /** Thrown when a query did not finish within its time limit. */
  static final class QueryTimeoutException extends SQLException {
    QueryTimeoutException(long seconds) {
      super("did not finish within " + seconds + " s", "57014");
    }
  }

  QueryAnswer run(String sql) throws SQLException {
    return run(sql, 0);
  }

  /** Runs the query; {@code timeoutSeconds} 0 means no limit. */
  QueryAnswer run(String sql, long timeoutSeconds) throws SQLException {
    if (connection == null) {
      open();
    }
    Connection c = connection;
    Thread[] runner = new Thread[1];
    Future<QueryAnswer> answer =
        worker.submit(
            () -> {
              runner[0] = Thread.currentThread();
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(sql)) {
                QueryAnswer read = QueryAnswer.read(rs);
                lastPeakMemoryBytes =
                    rs.isWrapperFor(QueryResult.class)
                        ? rs.unwrap(QueryResult.class).peakMemoryBytes()
                        : -1;
                return read;
              }
            });
    try {
      return timeoutSeconds > 0 ? answer.get(timeoutSeconds, TimeUnit.SECONDS) : answer.get();
    } catch (TimeoutException e) {
      answer.cancel(true);
      abandoned = runner[0];
      closeQuietly();
      throw new QueryTimeoutException(timeoutSeconds);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s) {
        throw s;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new SQLException(String.valueOf(cause), "XX000", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", "57014", e);
    }
  }

  /**
   * The most Arrow memory the last query held at once, as the engine counted it; -1 when the driver
   * does not say (a node's engine).
   */
  long lastPeakMemoryBytes() {
    return lastPeakMemoryBytes;
  }

  /** Whether a query abandoned after its time limit is still running (and so using CPU). */
  boolean abandonedQueryStillRunning() {
    return abandoned != null && abandoned.isAlive();
  }

  String version() throws SQLException {
    if (connection == null) {
      open();
    }
    return connection.getMetaData().getDatabaseProductVersion();
  }

  private void closeQuietly() {
    worker.shutdownNow();
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // The abandoned query may still hold memory; the engine reports that on close.
    }
    connection = null;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      worker.shutdownNow();
      connection.close();
      connection = null;
    }
  }
}
