package io.quarry.node.client;

import static java.util.Objects.requireNonNull;

import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.engine.TableInfo;
import java.util.List;

/**
 * Where SQL runs for a client (the CLI, the JDBC driver): the embedded engine over a local store,
 * or a running node reached over Arrow Flight SQL. Both give the same results and errors.
 */
public interface SqlSession extends AutoCloseable {
  /** Runs one statement; the caller closes the result. */
  QueryResult execute(String sql, QueryOptions options);

  /** Every dataset with its columns and latest root, for metadata and completion. */
  List<TableInfo> tables();

  @Override
  void close();

  /** A session over an embedded engine; closing the session closes the engine. */
  static SqlSession embedded(QueryEngine engine) {
    requireNonNull(engine, "engine is null");
    return new SqlSession() {
      @Override
      public QueryResult execute(String sql, QueryOptions options) {
        return engine.execute(sql, options);
      }

      @Override
      public List<TableInfo> tables() {
        return engine.tables();
      }

      @Override
      public void close() {
        engine.close();
      }
    };
  }
}
