package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.store.Store;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real queries through DriverManager over a store holding a dataset made by the importer. */
class JdbcRoundTripTest {
  @TempDir Path dir;
  private Path home;

  @BeforeEach
  void importItems() throws Exception {
    home = dir.resolve("store");
    Path csv = dir.resolve("items.csv");
    Files.writeString(
        csv,
        "id,name,price,sold_on\n"
            + "1,apple,1.25,2024-01-31\n"
            + "2,O'Brien,10.00,2024-02-29\n"
            + "3,,0.50,\n",
        StandardCharsets.UTF_8);
    try (Store store = Store.open(home)) {
      DatasetImporter.run(store, List.of(csv), ImportOptions.create("items"), ImportProgress.NONE);
    }
  }

  private Connection connect(String suffix) throws SQLException {
    return DriverManager.getConnection("jdbc:quarry:local:" + home + suffix);
  }

  @Test
  void queryReadsEveryTypeWithConversions() throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id, name, price, sold_on from items order by id")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(4, md.getColumnCount());
      assertEquals("id", md.getColumnLabel(1).toLowerCase());
      assertEquals(Types.DECIMAL, md.getColumnType(3));
      assertEquals(2, md.getScale(3));
      assertEquals(Types.DATE, md.getColumnType(4));
      assertEquals(Types.VARCHAR, md.getColumnType(2));

      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertEquals(1L, rs.getLong("ID"));
      assertEquals("apple", rs.getString("Name"));
      assertEquals(new BigDecimal("1.25"), rs.getBigDecimal(3));
      assertEquals(1.25, rs.getDouble(3));
      assertEquals("1.25", rs.getString(3));
      assertEquals(Date.valueOf("2024-01-31"), rs.getDate(4));
      assertEquals(LocalDate.of(2024, 1, 31), rs.getObject(4, LocalDate.class));
      assertEquals("2024-01-31", rs.getString(4));
      assertFalse(rs.wasNull());

      assertTrue(rs.next());
      assertEquals("O'Brien", rs.getString(2));
      assertEquals(Date.valueOf("2024-02-29"), rs.getObject(4));

      assertTrue(rs.next());
      assertNull(rs.getDate(4));
      assertTrue(rs.wasNull());
      assertEquals(0, rs.getInt(1) - 3);
      assertFalse(rs.next());
      assertThrows(SQLException.class, () -> rs.findColumn("nope"));
    }
  }

  @Test
  void preparedStatementSubstitutesLiteralsSafely() throws SQLException {
    try (Connection c = connect("");
        PreparedStatement ps =
            c.prepareStatement("select id from items where name = ? or id = ?")) {
      ps.setString(1, "O'Brien");
      ps.setInt(2, -1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
        assertFalse(rs.next());
      }
      ps.setString(1, "x' or '1'='1");
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
      }
      assertEquals(2, ps.getParameterMetaData().getParameterCount());
    }
  }

  @Test
  void databaseMetaDataBrowsesDatasets() throws SQLException {
    try (Connection c = connect("")) {
      var md = c.getMetaData();
      assertEquals("Quarry", md.getDatabaseProductName());
      assertEquals("\"", md.getIdentifierQuoteString());
      try (ResultSet rs = md.getCatalogs()) {
        assertTrue(rs.next());
        assertEquals("quarry", rs.getString("TABLE_CAT"));
      }
      try (ResultSet rs = md.getSchemas()) {
        assertTrue(rs.next());
        assertEquals("datasets", rs.getString("TABLE_SCHEM"));
        assertTrue(rs.next());
        assertEquals("system", rs.getString("TABLE_SCHEM"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getTableTypes()) {
        assertTrue(rs.next());
        assertEquals("SYSTEM TABLE", rs.getString(1));
        assertTrue(rs.next());
        assertEquals("TABLE", rs.getString(1));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        assertTrue(rs.next());
        assertEquals("items", rs.getString("TABLE_NAME"));
        assertEquals("TABLE", rs.getString("TABLE_TYPE"));
        assertTrue(rs.getString("REMARKS").startsWith("root b"), rs.getString("REMARKS"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getTables(null, null, "nothing%", null)) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getColumns(null, null, "items", null)) {
        assertTrue(rs.next());
        assertEquals("id", rs.getString("COLUMN_NAME"));
        assertEquals(1, rs.getInt("ORDINAL_POSITION"));
        assertTrue(rs.next());
        assertTrue(rs.next());
        assertEquals("price", rs.getString("COLUMN_NAME"));
        assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
        assertEquals("DECIMAL", rs.getString("TYPE_NAME"));
        assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
        assertTrue(rs.getInt("COLUMN_SIZE") >= 3);
        assertEquals(3, rs.getInt("ORDINAL_POSITION"));
        assertTrue(rs.next());
        assertEquals(Types.DATE, rs.getInt("DATA_TYPE"));
        assertEquals(java.sql.DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getTypeInfo()) {
        int types = 0;
        while (rs.next()) {
          types++;
        }
        assertEquals(8, types);
      }
      try (ResultSet rs = md.getPrimaryKeys(null, null, "items")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getImportedKeys(null, null, "items")) {
        assertFalse(rs.next());
        assertEquals(14, rs.getMetaData().getColumnCount());
      }
      assertFalse(md.supportsTransactions());
      assertTrue(md.isReadOnly());
    }
  }

  @Test
  void cachePropertyInUrlAndProperties() throws SQLException {
    try (Connection c = connect(";cache=off")) {
      assertFalse(c.unwrap(QuarryConnection.class).config().options().cache());
    }
    Properties info = new Properties();
    info.setProperty("cache", "off");
    info.setProperty("memoryLimit", "256MB");
    try (Connection c = DriverManager.getConnection("jdbc:quarry:local:" + home, info)) {
      QuarryConnection q = c.unwrap(QuarryConnection.class);
      assertFalse(q.config().options().cache());
      assertEquals(256L << 20, q.config().options().memoryLimitBytes());
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select count(*) from items")) {
        assertTrue(rs.next());
        assertEquals(3, rs.getLong(1));
      }
    }
    try (Connection c = connect("")) {
      assertTrue(c.unwrap(QuarryConnection.class).config().options().cache());
    }
    assertThrows(SQLException.class, () -> connect(";cache=sometimes"));
  }

  @Test
  void errorsCarrySqlStates() throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> s.executeQuery("select * from no_such_table"));
      assertEquals("42S02", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
      e = assertThrows(SQLException.class, () -> s.executeQuery("selec 1"));
      assertEquals("42000", e.getSQLState(), e.getMessage());
      e = assertThrows(SQLException.class, () -> s.executeUpdate("delete from items"));
      assertEquals("0A000", e.getSQLState());
    }
  }

  @Test
  void memStoreIsTemporary() throws SQLException {
    Path temporary;
    try (Connection c = DriverManager.getConnection("jdbc:quarry:mem:");
        Statement s = c.createStatement()) {
      temporary = c.unwrap(QuarryConnection.class).temporaryHome();
      assertTrue(Files.isDirectory(temporary));
      try (ResultSet rs = s.executeQuery("values (1, 'a')")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
        assertEquals("a", rs.getString(2));
      }
      try (ResultSet rs = c.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
        assertFalse(rs.next());
      }
    }
    assertFalse(Files.exists(temporary));
  }

  @Test
  void urlsTheDriverRefuses() throws SQLException {
    SQLException e =
        assertThrows(
            SQLException.class, () -> DriverManager.getConnection("jdbc:quarry://localhost:7070"));
    assertEquals("08001", e.getSQLState());
    assertTrue(
        e.getMessage().contains("Cannot reach a Quarry node at localhost:7070"), e.getMessage());
    e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:quarry:disk:/x"));
    assertTrue(e.getMessage().contains("jdbc:quarry:local:DIR"), e.getMessage());
    assertNull(new QuarryDriver().connect("jdbc:other:thing", new Properties()));
  }
}
