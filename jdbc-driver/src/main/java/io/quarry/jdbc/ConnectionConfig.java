package io.quarry.jdbc;

import io.quarry.node.engine.QueryOptions;
import io.quarry.types.ByteSize;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Connection properties, from {@link Properties} and the URL (the URL wins): {@code cache} ({@code
 * on}/{@code off}, default on), {@code memoryLimit} (bytes or a size such as {@code 2GB}), {@code
 * batchSize} (rows per Arrow batch), {@code threads} (worker threads of an embedded engine; default
 * one per core); for {@code jdbc:quarry://} also {@code useEncryption} (TLS,
 * default off), {@code tlsRootCerts} (PEM file of the CA to trust; implies TLS) and {@code token}
 * (the cluster's client token, sent as {@code authorization: Bearer}), named as the Arrow Flight
 * SQL JDBC driver names them. Unknown keys are refused so typos do not pass silently; {@code user}
 * and {@code password} are accepted and ignored because tools always send them.
 */
public record ConnectionConfig(
    QueryOptions options, int threads, boolean useEncryption, String tlsRootCerts, String token) {
  /** {@link #threads} when the property is not given: one per core. */
  public static final int DEFAULT_THREADS = 0;

  public ConnectionConfig {
    java.util.Objects.requireNonNull(options, "options is null");
    if (threads < 0) {
      throw new IllegalArgumentException("threads is negative: " + threads);
    }
  }

  public ConnectionConfig(QueryOptions options) {
    this(options, DEFAULT_THREADS, false, null, null);
  }

  public static ConnectionConfig of(Properties info, Map<String, String> urlProperties)
      throws SQLException {
    Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        all.put(name, info.getProperty(name));
      }
    }
    all.putAll(urlProperties);
    QueryOptions defaults = QueryOptions.DEFAULTS;
    boolean cache = defaults.cache();
    long memoryLimit = defaults.memoryLimitBytes();
    int batchSize = defaults.batchSize();
    int threads = DEFAULT_THREADS;
    boolean useEncryption = false;
    String tlsRootCerts = null;
    String token = null;
    for (Map.Entry<String, String> e : all.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      String value = e.getValue() == null ? "" : e.getValue().trim();
      switch (key) {
        case "cache" -> cache = parseOnOff(value);
        case "memorylimit" -> memoryLimit = parseSize(value);
        case "batchsize" -> batchSize = parseBatchSize(value);
        case "threads" -> threads = parseThreads(value);
        case "useencryption" -> useEncryption = parseBoolean("useEncryption", value);
        case "tlsrootcerts" -> tlsRootCerts = value.isEmpty() ? null : value;
        case "token" -> token = value.isEmpty() ? null : value;
        case "user", "password" -> {}
        default ->
            throw new SQLException(
                "Unknown connection property '"
                    + e.getKey()
                    + "' (known: cache, memoryLimit, batchSize, threads, useEncryption,"
                    + " tlsRootCerts, token)",
                "08001");
      }
    }
    if (tlsRootCerts != null) {
      useEncryption = true;
    }
    if (useEncryption && tlsRootCerts == null) {
      throw new SQLException(
          "useEncryption=true needs tlsRootCerts=FILE, the PEM certificate of the cluster's CA"
              + " (DIR/cluster/ca.crt)",
          "08001");
    }
    return new ConnectionConfig(
        new QueryOptions(cache, memoryLimit, batchSize), threads, useEncryption, tlsRootCerts, token);
  }

  /** Whether a token or TLS was asked for (the embedded forms refuse both). */
  boolean remoteOnly() {
    return useEncryption || token != null;
  }

  static boolean parseBoolean(String name, String value) throws SQLException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default ->
          throw new SQLException(
              "Bad value for property " + name + ": '" + value + "' (expected true or false)",
              "08001");
    };
  }

  static boolean parseOnOff(String value) throws SQLException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default ->
          throw new SQLException(
              "Bad value for property cache: '" + value + "' (expected on or off)", "08001");
    };
  }

  /** Parses {@code 1048576}, {@code 512MB}, {@code 2GB}, {@code 2g}, {@code 64KiB}. */
  static long parseSize(String value) throws SQLException {
    try {
      long bytes = ByteSize.parse(value);
      if (bytes <= 0) {
        throw new IllegalArgumentException("not positive");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "Bad value for property memoryLimit: '" + value + "' (expected e.g. 2GB or 536870912)",
          "08001");
    }
  }

  static int parseThreads(String value) throws SQLException {
    try {
      int threads = Integer.parseInt(value);
      if (threads >= 1 && threads <= 1024) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SQLException(
        "Bad value for property threads: '" + value + "' (expected 1 to 1024)", "08001");
  }

  static int parseBatchSize(String value) throws SQLException {
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new SQLException(
          "Bad value for property batchSize: '" + value + "' (expected a positive integer)",
          "08001");
    }
  }
}
