package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.node.engine.QueryOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionConfigTest {
  @Test
  void defaultsAreTheEngineDefaults() throws SQLException {
    assertEquals(QueryOptions.DEFAULTS, ConnectionConfig.of(new Properties(), Map.of()).options());
  }

  @Test
  void cacheFromPropertiesOrUrlAndUrlWins() throws SQLException {
    Properties info = new Properties();
    info.setProperty("cache", "off");
    assertFalse(ConnectionConfig.of(info, Map.of()).options().cache());
    assertFalse(ConnectionConfig.of(new Properties(), Map.of("cache", "off")).options().cache());
    assertTrue(ConnectionConfig.of(info, Map.of("cache", "on")).options().cache());
  }

  @Test
  void memoryLimitAndBatchSize() throws SQLException {
    QueryOptions o =
        ConnectionConfig.of(null, Map.of("memoryLimit", "2GB", "batchSize", "1024")).options();
    assertEquals(2L << 30, o.memoryLimitBytes());
    assertEquals(1024, o.batchSize());
    assertEquals(512L << 20, ConnectionConfig.parseSize("512MB"));
    assertEquals(1536L << 20, ConnectionConfig.parseSize("1.5g"));
    assertEquals(4096, ConnectionConfig.parseSize("4096"));
  }

  @Test
  void threadsSizeAnEmbeddedEngineOnly() throws SQLException {
    assertEquals(ConnectionConfig.DEFAULT_THREADS, ConnectionConfig.of(null, Map.of()).threads());
    assertEquals(3, ConnectionConfig.of(null, Map.of("threads", "3")).threads());
    try (Connection c =
        DriverManager.getConnection("jdbc:quarry:mem:;threads=1");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM (VALUES (1), (2)) AS t(x)")) {
      assertTrue(r.next());
      assertEquals(2, r.getLong(1));
    }
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:quarry://127.0.0.1:1;threads=2"));
    assertTrue(e.getMessage().contains("its own threads"), e.getMessage());
  }

  @Test
  void badValuesNameTheProperty() {
    SQLException e =
        assertThrows(SQLException.class, () -> ConnectionConfig.of(null, Map.of("cache", "maybe")));
    assertTrue(e.getMessage().contains("cache"), e.getMessage());
    e =
        assertThrows(
            SQLException.class, () -> ConnectionConfig.of(null, Map.of("memoryLimit", "lots")));
    assertTrue(e.getMessage().contains("memoryLimit"), e.getMessage());
    e = assertThrows(SQLException.class, () -> ConnectionConfig.of(null, Map.of("batchSize", "0")));
    assertTrue(e.getMessage().contains("batchSize"), e.getMessage());
    e = assertThrows(SQLException.class, () -> ConnectionConfig.of(null, Map.of("threads", "0")));
    assertTrue(e.getMessage().contains("threads"), e.getMessage());
    e = assertThrows(SQLException.class, () -> ConnectionConfig.of(null, Map.of("cahce", "off")));
    assertTrue(e.getMessage().contains("cahce"), e.getMessage());
  }

  @Test
  void userAndPasswordAreAccepted() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "me");
    info.setProperty("password", "secret");
    assertEquals(QueryOptions.DEFAULTS, ConnectionConfig.of(info, Map.of()).options());
  }

  @Test
  void tlsAndTokenPropertiesAreParsed() throws SQLException {
    ConnectionConfig plain = ConnectionConfig.of(null, Map.of());
    assertFalse(plain.useEncryption());
    assertEquals(null, plain.token());
    ConnectionConfig secured =
        ConnectionConfig.of(null, Map.of("tlsRootCerts", "/etc/ca.crt", "token", "abc"));
    assertTrue(secured.useEncryption(), "tlsRootCerts implies TLS");
    assertEquals("/etc/ca.crt", secured.tlsRootCerts());
    assertEquals("abc", secured.token());
    SQLException e =
        assertThrows(
            SQLException.class, () -> ConnectionConfig.of(null, Map.of("useEncryption", "true")));
    assertTrue(e.getMessage().contains("tlsRootCerts"), e.getMessage());
  }

  @Test
  void theTokenNeverAppearsInMessages() {
    assertEquals(
        "jdbc:quarry://h:1;token=***;cache=off",
        QuarryUrl.redact("jdbc:quarry://h:1;token=s3cret;cache=off"));
    SQLException e =
        assertThrows(SQLException.class, () -> QuarryUrl.parse("jdbc:quarry://h:x;token=s3cret"));
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }
}
