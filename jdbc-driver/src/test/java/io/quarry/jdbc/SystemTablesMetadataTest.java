package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metadata browsing lists schema {@code system} with its SYSTEM TABLEs next to the datasets, the
 * same in the embedded driver ({@code jdbc:quarry:local:}) and over a node ({@code
 * jdbc:quarry://}).
 */
class SystemTablesMetadataTest {
  @TempDir static Path dir;
  private static Path local;
  private static QuarryNode node;

  @BeforeAll
  static void storesWithTrips() throws Exception {
    Path csv = dir.resolve("trips.csv");
    Files.writeString(csv, "id,city\n1,Oslo\n2,Rome\n");
    local = dir.resolve("local");
    Path remote = dir.resolve("remote");
    for (Path home : List.of(local, remote)) {
      try (Store store = Store.open(home)) {
        DatasetImporter.run(
            store, List.of(csv), ImportOptions.create("trips"), ImportProgress.NONE);
      }
    }
    node =
        QuarryNode.start(NodeConfig.of(remote, new NodeAddress("127.0.0.1", 0), List.of(), "test"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  static Stream<String> urls() {
    return Stream.of("jdbc:quarry:local:" + local, "jdbc:quarry://" + node.address());
  }

  private static List<String> tables(ResultSet rows) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        out.add(
            rows.getString("TABLE_CAT")
                + "."
                + rows.getString("TABLE_SCHEM")
                + "."
                + rows.getString("TABLE_NAME")
                + ":"
                + rows.getString("TABLE_TYPE"));
      }
    }
    return out;
  }

  private static List<String> column(ResultSet rows, String name) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        out.add(rows.getString(name));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("urls")
  void listsSystemTablesWithDatasetsAndFiltersThem(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      DatabaseMetaData meta = connection.getMetaData();
      assertEquals(
          List.of(
              "quarry.system.cache:SYSTEM TABLE",
              "quarry.system.datasets:SYSTEM TABLE",
              "quarry.datasets.trips:TABLE"),
          tables(meta.getTables(null, null, "%", null)));
      assertEquals(
          List.of("quarry.datasets.trips:TABLE"),
          tables(meta.getTables(null, null, "%", new String[] {"TABLE"})));
      assertEquals(
          List.of("quarry.system.cache:SYSTEM TABLE", "quarry.system.datasets:SYSTEM TABLE"),
          tables(meta.getTables(null, null, "%", new String[] {"SYSTEM TABLE"})));
      assertEquals(
          List.of("quarry.system.datasets:SYSTEM TABLE"),
          tables(meta.getTables("quarry", "sys%", "data%", null)));
      assertEquals(
          List.of("quarry.datasets.trips:TABLE"),
          tables(meta.getTables(null, "datasets", null, null)));
      assertEquals(List.of(), tables(meta.getTables("elsewhere", null, null, null)));

      try (ResultSet rows = meta.getTables(null, "system", "cache", null)) {
        assertTrue(rows.next());
        assertNull(rows.getString("REMARKS"), "a system table has no root");
      }
      assertEquals(List.of("datasets", "system"), column(meta.getSchemas(), "TABLE_SCHEM"));
      assertEquals(List.of("quarry", "quarry"), column(meta.getSchemas(), "TABLE_CATALOG"));
      assertEquals(List.of("system"), column(meta.getSchemas("quarry", "sys%"), "TABLE_SCHEM"));
      assertEquals(List.of("SYSTEM TABLE", "TABLE"), column(meta.getTableTypes(), "TABLE_TYPE"));
    }
  }

  @ParameterizedTest
  @MethodSource("urls")
  void systemTableColumnsHaveTheirJdbcTypes(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> cache = new ArrayList<>();
      try (ResultSet rows = meta.getColumns(null, "system", "cache", "%")) {
        while (rows.next()) {
          assertEquals("system", rows.getString("TABLE_SCHEM"));
          assertEquals(DatabaseMetaData.columnNoNulls, rows.getInt("NULLABLE"));
          cache.add(
              rows.getInt("ORDINAL_POSITION")
                  + ":"
                  + rows.getString("COLUMN_NAME")
                  + ":"
                  + rows.getInt("DATA_TYPE")
                  + ":"
                  + rows.getString("TYPE_NAME"));
        }
      }
      assertEquals(
          List.of(
              "1:level:" + Types.VARCHAR + ":VARCHAR",
              "2:kind:" + Types.VARCHAR + ":VARCHAR",
              "3:hits:" + Types.BIGINT + ":BIGINT",
              "4:misses:" + Types.BIGINT + ":BIGINT",
              "5:bytes_saved:" + Types.BIGINT + ":BIGINT",
              "6:entries:" + Types.BIGINT + ":BIGINT"),
          cache);

      List<Integer> types = new ArrayList<>();
      try (ResultSet rows = meta.getColumns(null, "system", "datasets", null)) {
        while (rows.next()) {
          types.add(rows.getInt("DATA_TYPE"));
        }
      }
      assertEquals(
          List.of(
              Types.VARCHAR,
              Types.INTEGER,
              Types.VARCHAR,
              Types.INTEGER,
              Types.BIGINT,
              Types.TIMESTAMP),
          types);

      // Schema patterns keep the two schemas apart.
      assertEquals(
          List.of("id", "city"),
          column(meta.getColumns(null, "datasets", "%", null), "COLUMN_NAME"));
    }
  }

  @ParameterizedTest
  @MethodSource("urls")
  void everyListedTableAnswersAQueryWithItsListedColumns(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet tables = meta.getTables(null, null, "%", null)) {
        while (tables.next()) {
          String schema = tables.getString("TABLE_SCHEM");
          String name = tables.getString("TABLE_NAME");
          String reference = schema.equals("system") ? "system." + name : name;
          List<String> listed = column(meta.getColumns(null, schema, name, null), "COLUMN_NAME");
          try (ResultSet rows = statement.executeQuery("SELECT * FROM " + reference)) {
            List<String> queried = new ArrayList<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
              queried.add(rows.getMetaData().getColumnLabel(i));
            }
            assertEquals(listed, queried, reference);
          }
        }
      }
    }
  }
}
