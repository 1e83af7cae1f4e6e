package io.quarry.jdbc;

import static java.util.Objects.requireNonNull;

import io.quarry.error.QuarryException;
import io.quarry.node.client.RemoteQueryClient;
import io.quarry.node.client.SqlSession;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.security.ClientSecurity;
import io.quarry.store.AtomicFiles;
import io.quarry.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A connection to an embedded engine over one store, or to a running node over Arrow Flight SQL
 * ({@code jdbc:quarry://HOST:PORT}). Datasets are immutable, so the connection is read-only and has
 * no transactions: auto-commit is always on in effect, and commit/rollback have nothing to do.
 */
final class QuarryConnection implements Connection {
  static final String CATALOG = "quarry";
  static final String SCHEMA = "datasets";

  private final String url;
  private final ConnectionConfig config;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The embedded store; null for a connection to a running node. */
  private final Store store;

  private final SqlSession session;
  private final Path temporaryHome;
  private final Set<Statement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean closed;
  private boolean autoCommit = true;

  private QuarryConnection(
      String url, ConnectionConfig config, Store store, SqlSession session, Path temporaryHome) {
    this.url = requireNonNull(url, "url is null");
    this.config = requireNonNull(config, "config is null");
    this.store = store;
    this.session = requireNonNull(session, "session is null");
    this.temporaryHome = temporaryHome;
  }

  /** Opens the store the URL names (or a fresh temporary one) and an engine over it. */
  static QuarryConnection open(String url, QuarryUrl parsed, ConnectionConfig config)
      throws SQLException {
    Path home;
    Path temporary = null;
    if (parsed.kind() != QuarryUrl.Kind.REMOTE && config.remoteOnly()) {
      throw new SQLException(
          "useEncryption, tlsRootCerts and token apply to jdbc:quarry://HOST:PORT only, not to "
              + url,
          "08001");
    }
    if (parsed.kind() == QuarryUrl.Kind.REMOTE && config.threads() != ConnectionConfig.DEFAULT_THREADS) {
      throw new SQLException(
          "threads sizes an embedded engine; a node at " + url + " runs on its own threads",
          "08001");
    }
    switch (parsed.kind()) {
      case LOCAL -> home = parsed.directory();
      case MEM -> {
        try {
          temporary = Files.createTempDirectory("quarry-mem-");
        } catch (IOException e) {
          throw new SQLException(
              "Cannot create a temporary store for " + url + ": " + e.getMessage(), "58030", e);
        }
        home = temporary;
      }
      default -> {
        return openRemote(url, parsed, config);
      }
    }
    Store store = null;
    try {
      store = Store.open(home);
      QueryEngine engine =
          config.threads() == ConnectionConfig.DEFAULT_THREADS
              ? new QueryEngine(store)
              : new QueryEngine(store, config.threads());
      return new QuarryConnection(url, config, store, SqlSession.embedded(engine), temporary);
    } catch (RuntimeException e) {
      if (store != null) {
        closeQuietly(store);
      }
      if (temporary != null) {
        deleteRecursively(temporary);
      }
      SQLException failure = SqlStates.toSqlException(e);
      throw new SQLException(
          "Cannot open store " + home + ": " + failure.getMessage(), failure.getSQLState(), e);
    }
  }

  /** Reaches the node a {@code jdbc:quarry://HOST:PORT} URL names, failing fast if none answers. */
  private static QuarryConnection openRemote(String url, QuarryUrl parsed, ConnectionConfig config)
      throws SQLException {
    RemoteQueryClient client;
    try {
      ClientSecurity security =
          ClientSecurity.of(
              config.tlsRootCerts() == null ? null : Path.of(config.tlsRootCerts()),
              config.token());
      client = new RemoteQueryClient(new NodeAddress(parsed.host(), parsed.port()), security);
    } catch (RuntimeException e) {
      throw new SQLException("Cannot connect to " + url + ": " + e.getMessage(), "08001", e);
    }
    try {
      client.checkReachable(CONNECT_TIMEOUT);
    } catch (QuarryException e) {
      client.close();
      // 28000: invalid authorization specification, for a missing or wrong token.
      String state = RemoteQueryClient.refusedAccess(e) ? "28000" : "08001";
      throw new SQLException(e.getMessage(), state, e);
    }
    return new QuarryConnection(url, config, null, client, null);
  }

  /** Where this connection's SQL runs: the embedded engine or the node. */
  SqlSession session() {
    return session;
  }

  ConnectionConfig config() {
    return config;
  }

  String url() {
    return url;
  }

  /** The temporary store of a {@code jdbc:quarry:mem:} connection, null otherwise. */
  Path temporaryHome() {
    return temporaryHome;
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("Connection is closed", "08003");
    }
  }

  void forget(Statement statement) {
    statements.remove(statement);
  }

  private <T extends Statement> T track(T statement) {
    statements.add(statement);
    return statement;
  }

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return track(new QuarryStatement(this));
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkCursor(resultSetType, resultSetConcurrency);
    return createStatement();
  }

  @Override
  public Statement createStatement(
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    checkCursor(resultSetType, resultSetConcurrency);
    return createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    if (sql == null) {
      throw new SQLException("SQL is null", "HY009");
    }
    return track(new QuarryPreparedStatement(this, sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkCursor(resultSetType, resultSetConcurrency);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    checkCursor(resultSetType, resultSetConcurrency);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepareStatement(sql);
  }

  private void checkCursor(int type, int concurrency) throws SQLException {
    checkOpen();
    if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
      throw new SQLFeatureNotSupportedException(
          "Only TYPE_FORWARD_ONLY, CONCUR_READ_ONLY result sets are supported", "0A000");
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no stored procedures", "0A000");
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    this.autoCommit = autoCommit;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    for (Statement s : new ArrayList<>(statements)) {
      try {
        s.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    statements.clear();
    try {
      session.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = new SQLException("Failed to close the engine: " + e.getMessage(), "XX000", e);
      }
    }
    if (store != null) {
      closeQuietly(store);
    }
    if (temporaryHome != null) {
      deleteRecursively(temporaryHome);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeQuietly(Store store) {
    try {
      store.close();
    } catch (Exception e) {
      // The store holds no unflushed state: every write was already atomic.
    }
  }

  static void deleteRecursively(Path root) {
    try {
      AtomicFiles.deleteTree(root);
    } catch (IOException e) {
      // A temporary directory that cannot be deleted is left to the OS's temp cleanup.
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new QuarryDatabaseMetaData(this);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return true;
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return CATALOG;
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return SCHEMA;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    if (level != TRANSACTION_NONE) {
      throw new SQLFeatureNotSupportedException(
          "Quarry has no transactions (datasets are immutable)", "0A000");
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_NONE;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return Map.of();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no user-defined types", "0A000");
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no transactions", "0A000");
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return setSavepoint();
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    setSavepoint();
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    setSavepoint();
  }

  @Override
  public Clob createClob() throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no CLOB type", "0A000");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no BLOB type", "0A000");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no NCLOB type", "0A000");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no XML type", "0A000");
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no ARRAY type", "0A000");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    throw new SQLFeatureNotSupportedException("Quarry has no STRUCT type", "0A000");
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw new SQLException("Timeout must be >= 0: " + timeout, "HY024");
    }
    return !closed;
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    throw new SQLClientInfoException(
        "Quarry keeps no client info properties (" + name + ")", Map.of());
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    if (properties != null && !properties.isEmpty()) {
      throw new SQLClientInfoException("Quarry keeps no client info properties", Map.of());
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    return new Properties();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    close();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return 0;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("Not a wrapper for " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  List<io.quarry.node.engine.TableInfo> tables() throws SQLException {
    checkOpen();
    try {
      return session.tables();
    } catch (RuntimeException e) {
      throw SqlStates.toSqlException(e);
    }
  }
}
