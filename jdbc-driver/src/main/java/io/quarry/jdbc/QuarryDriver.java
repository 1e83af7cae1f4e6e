package io.quarry.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:quarry:} driver.
 *
 * <p>URLs:
 *
 * <ul>
 *   <li>{@code jdbc:quarry:local:DIR} — an embedded engine over the store at DIR (created if
 *       absent);
 *   <li>{@code jdbc:quarry:mem:} — an embedded engine over a fresh temporary store, deleted when
 *       the connection closes;
 *   <li>{@code jdbc:quarry://HOST:PORT} — a running node; refused until nodes serve clients.
 * </ul>
 *
 * <p>Connection properties come from the {@link Properties} and from {@code ;key=value} pairs after
 * the URL (the URL wins), e.g. {@code jdbc:quarry:local:/data/q;cache=off;memoryLimit=2GB}:
 *
 * <ul>
 *   <li>{@code cache} — {@code on} (default) or {@code off}: use the result cache;
 *   <li>{@code memoryLimit} — per-query memory limit, bytes or a size such as {@code 2GB};
 *   <li>{@code batchSize} — rows per Arrow batch;
 *   <li>{@code useEncryption} — {@code true} for TLS to a {@code jdbc:quarry://} node (default
 *       {@code false});
 *   <li>{@code tlsRootCerts} — PEM file of the CA to trust (a cluster's {@code
 *       DIR/cluster/ca.crt}); implies TLS;
 *   <li>{@code token} — the cluster's client token, sent as {@code authorization: Bearer}.
 * </ul>
 */
public final class QuarryDriver implements Driver {
  static final int MAJOR_VERSION = 0;
  static final int MINOR_VERSION = 1;
  static final String VERSION = loadVersion();

  static {
    try {
      DriverManager.registerDriver(new QuarryDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static String loadVersion() {
    try (InputStream in = QuarryDriver.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return MAJOR_VERSION + "." + MINOR_VERSION;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", MAJOR_VERSION + "." + MINOR_VERSION);
    } catch (IOException e) {
      return MAJOR_VERSION + "." + MINOR_VERSION;
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    QuarryUrl parsed = QuarryUrl.parse(url);
    ConnectionConfig config = ConnectionConfig.of(info, parsed.properties());
    // The URL is kept for messages and getURL(): without the token's value.
    return QuarryConnection.open(QuarryUrl.redact(url), parsed, config);
  }

  @Override
  public boolean acceptsURL(String url) {
    return QuarryUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo cache = new DriverPropertyInfo("cache", "on");
    cache.description = "Use the result cache (on/off)";
    cache.choices = new String[] {"on", "off"};
    DriverPropertyInfo memory = new DriverPropertyInfo("memoryLimit", null);
    memory.description = "Per-query memory limit, e.g. 2GB";
    DriverPropertyInfo batch = new DriverPropertyInfo("batchSize", null);
    batch.description = "Rows per Arrow batch";
    DriverPropertyInfo tls = new DriverPropertyInfo("useEncryption", "false");
    tls.description = "TLS to a jdbc:quarry:// node (true/false)";
    tls.choices = new String[] {"true", "false"};
    DriverPropertyInfo roots = new DriverPropertyInfo("tlsRootCerts", null);
    roots.description = "PEM file of the CA to trust; implies TLS";
    DriverPropertyInfo token = new DriverPropertyInfo("token", null);
    token.description = "Client token of the cluster (authorization: Bearer)";
    return new DriverPropertyInfo[] {cache, memory, batch, tls, roots, token};
  }

  @Override
  public int getMajorVersion() {
    return MAJOR_VERSION;
  }

  @Override
  public int getMinorVersion() {
    return MINOR_VERSION;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used", "0A000");
  }
}
