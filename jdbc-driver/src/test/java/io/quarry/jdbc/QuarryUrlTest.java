package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarryUrlTest {
  @Test
  void parsesLocalWithProperties() throws SQLException {
    QuarryUrl url = QuarryUrl.parse("jdbc:quarry:local:/data/store;cache=off;memoryLimit=2GB");
    assertEquals(QuarryUrl.Kind.LOCAL, url.kind());
    assertEquals(Path.of("/data/store"), url.directory());
    assertEquals(Map.of("cache", "off", "memoryLimit", "2GB"), url.properties());
  }

  @Test
  void parsesMemAndRemote() throws SQLException {
    assertEquals(QuarryUrl.Kind.MEM, QuarryUrl.parse("jdbc:quarry:mem:").kind());
    assertEquals("off", QuarryUrl.parse("jdbc:quarry:mem:;cache=off").properties().get("cache"));
    QuarryUrl remote = QuarryUrl.parse("jdbc:quarry://node1:7070");
    assertEquals(QuarryUrl.Kind.REMOTE, remote.kind());
    assertEquals("node1", remote.host());
    assertEquals(7070, remote.port());
    assertNull(remote.directory());
  }

  @Test
  void refusesMalformedUrls() {
    for (String bad :
        new String[] {
          "jdbc:quarry:",
          "jdbc:quarry:local:",
          "jdbc:quarry:disk:/x",
          "jdbc:quarry://host",
          "jdbc:quarry://host:99999",
          "jdbc:quarry://host:port",
          "jdbc:quarry:mem:;cache",
          "jdbc:postgresql://x/y"
        }) {
      SQLException e = assertThrows(SQLException.class, () -> QuarryUrl.parse(bad), bad);
      assertEquals("08001", e.getSQLState(), bad);
      assertTrue(e.getMessage().contains(bad.substring(0, 10)), e.getMessage());
    }
  }

  @Test
  void acceptsOnlyQuarryUrls() {
    assertTrue(QuarryUrl.accepts("jdbc:quarry:mem:"));
    assertFalse(QuarryUrl.accepts("jdbc:duckdb:"));
    assertFalse(QuarryUrl.accepts(null));
  }
}
