package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.store.Store;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdbc:quarry://HOST:PORT}: the driver over a running node's Flight SQL endpoint. */
class RemoteConnectionTest {
  @TempDir static Path dir;
  private static QuarryNode node;
  private static String url;

  @BeforeAll
  static void startNode() throws Exception {
    Path csv = dir.resolve("trips.csv");
    StringBuilder text = new StringBuilder("id,city,fare\n");
    for (int i = 1; i <= 200; i++) {
      text.append(i)
          .append(',')
          .append(i % 4 == 0 ? "Oslo" : "Rome")
          .append(',')
          .append(i)
          .append(".25\n");
    }
    Files.writeString(csv, text.toString());
    Path home = dir.resolve("node");
    try (Store store = Store.open(home)) {
      DatasetImporter.run(
          store,
          List.of(csv),
          new ImportOptions("trips", false, 64, Map.of()),
          ImportProgress.NONE);
    }
    node =
        QuarryNode.start(NodeConfig.of(home, new NodeAddress("127.0.0.1", 0), List.of(), "test"));
    url = "jdbc:quarry://" + node.address();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void runsQueriesOnTheNode() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT city, count(*) AS n, sum(fare) AS fares FROM trips GROUP BY city ORDER BY"
                    + " city")) {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(
            rows.getString("city") + "|" + rows.getLong("n") + "|" + rows.getBigDecimal("fares"));
      }
      assertEquals(List.of("Oslo|50|5112.50", "Rome|150|15037.50"), out);
    }
  }

  @Test
  void runsPreparedStatementsWithConnectionProperties() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url + ";cache=off");
        PreparedStatement statement =
            connection.prepareStatement("SELECT max(id) FROM trips WHERE city = ?")) {
      statement.setString(1, "Oslo");
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(200, rows.getInt(1));
        assertFalse(rows.next());
      }
    }
  }

  @Test
  void errorsKeepTheEngineMessageAndState() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table"));
      assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
      assertTrue(e.getSQLState().startsWith("42"), e.getSQLState());
    }
  }

  @Test
  void showsTheNodesTables() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> columns = new ArrayList<>();
      try (ResultSet rows = meta.getColumns(null, null, "trips", "%")) {
        while (rows.next()) {
          columns.add(rows.getString("TABLE_NAME") + "." + rows.getString("COLUMN_NAME"));
        }
      }
      assertEquals(List.of("trips.id", "trips.city", "trips.fare"), columns);
    }
  }

  @Test
  void anUnreachableNodeIsAConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection("jdbc:quarry://127.0.0.1:" + closedPort));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
  }
}
