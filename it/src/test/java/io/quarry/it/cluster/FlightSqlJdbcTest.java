package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.node.cluster.NodeAddress;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against a node process: the official Apache Arrow Flight SQL JDBC driver, Quarry's
 * own driver, and sqlline over each of them.
 */
class FlightSqlJdbcTest {
  @TempDir static Path dir;
  private static String url;
  private static NodeAddress node;
  private static String quarryUrl;

  @BeforeAll
  static void startNode() throws Exception {
    Path csv = dir.resolve("trips.csv");
    StringBuilder text = new StringBuilder("id,city,fare\n");
    for (int i = 1; i <= 1000; i++) {
      text.append(i)
          .append(',')
          .append(i % 4 == 0 ? "Oslo" : "Rome")
          .append(',')
          .append(i)
          .append(".25\n");
    }
    Files.writeString(csv, text.toString());
    Path cluster = dir.resolve("cluster");
    QuarryCli.run(
            "--home",
            cluster.resolve("node-1").toString(),
            "import",
            csv.toString(),
            "--name",
            "trips",
            "--shard-rows",
            "300")
        .assertOk();
    String[] lines =
        QuarryCli.run(
                "cluster", "up", "--nodes", "1", "--dir", cluster.toString(), "--timeout", "120")
            .assertOk()
            .lines();
    NodeAddress address = NodeAddress.parse(lines[0].split(" ")[1]);
    url = "jdbc:arrow-flight-sql://" + address + "/?useEncryption=false";
    quarryUrl = "jdbc:quarry://" + address;
    node = address;
  }

  @AfterAll
  static void stopNode() {
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void answersAQuery() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT city, count(*) AS n, sum(id) AS ids FROM trips GROUP BY city ORDER BY"
                    + " city")) {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString("city") + "|" + rows.getLong("n") + "|" + rows.getLong("ids"));
      }
      assertEquals(List.of("Oslo|250|125500", "Rome|750|375000"), out);
    }
  }

  @Test
  void runsPreparedStatements() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement statement =
            connection.prepareStatement("SELECT max(fare) FROM trips WHERE city = 'Oslo'")) {
      for (int i = 0; i < 2; i++) {
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(1000.25, rows.getDouble(1), 1e-9);
          assertFalse(rows.next());
        }
      }
    }
  }

  /** Parameters bound by the driver are sent to the node, typed from where each ? stands. */
  @Test
  void bindsParametersOfPreparedStatements() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) AS n, sum(id) AS ids FROM trips WHERE city = ? AND id > ?")) {
      assertEquals(2, statement.getParameterMetaData().getParameterCount());
      statement.setString(1, "Oslo");
      statement.setLong(2, 500);
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(125, rows.getLong("n"));
        assertEquals(94000, rows.getLong("ids"));
      }
      statement.setString(1, "O'Brien' OR '1'='1");
      statement.setLong(2, 0);
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(0, rows.getLong("n"), "a bound string is a value, never SQL");
      }
    }
  }

  @Test
  void reportsErrorsWithTheEngineMessage() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      SQLException e =
          assertThrows(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table"));
      assertTrue(messages(e).contains("no_such_table"), messages(e));
    }
  }

  @Test
  void browsesTablesAndColumns() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      DatabaseMetaData meta = connection.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = meta.getTables(null, null, "%", null)) {
        while (rows.next()) {
          tables.add(
              rows.getString("TABLE_CAT")
                  + "."
                  + rows.getString("TABLE_SCHEM")
                  + "."
                  + rows.getString("TABLE_NAME")
                  + ":"
                  + rows.getString("TABLE_TYPE"));
        }
      }
      assertEquals(
          List.of(
              "quarry.datasets.trips:TABLE",
              "quarry.system.cache:SYSTEM TABLE",
              "quarry.system.datasets:SYSTEM TABLE"),
          tables.stream().sorted().toList());
      List<String> datasets = new ArrayList<>();
      try (ResultSet rows = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          datasets.add(rows.getString("TABLE_SCHEM") + "." + rows.getString("TABLE_NAME"));
        }
      }
      assertEquals(List.of("datasets.trips"), datasets);

      List<String> columns = new ArrayList<>();
      try (ResultSet rows = meta.getColumns(null, null, "trips", "%")) {
        while (rows.next()) {
          columns.add(rows.getString("COLUMN_NAME") + ":" + rows.getInt("ORDINAL_POSITION"));
        }
      }
      assertEquals(List.of("id:1", "city:2", "fare:3"), columns);
    }
  }

  /** BI tools qualify a table with the catalog and schema metadata gave it. */
  @Test
  void tablesAnswerToTheNamesMetadataGivesThem() throws SQLException {
    for (String each : List.of(url, quarryUrl)) {
      for (String table :
          List.of("trips", "datasets.trips", "quarry.datasets.trips", "\"quarry\".\"datasets\".\"trips\"")) {
        try (Connection connection = DriverManager.getConnection(each);
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
          assertTrue(rows.next(), table);
          assertEquals(1000, rows.getLong(1), each + " " + table);
        }
      }
      try (Connection connection = DriverManager.getConnection(each);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM quarry.system.datasets")) {
        assertTrue(rows.next());
        assertEquals(1, rows.getLong(1), each);
      }
    }
  }

  @Test
  void quarrysOwnDriverGivesTheSameAnswers() throws SQLException {
    String sql =
        "SELECT city, count(*) AS n, sum(id) AS ids FROM trips GROUP BY city ORDER BY city";
    List<List<String>> answers = new ArrayList<>();
    for (String each : List.of(url, quarryUrl)) {
      try (Connection connection = DriverManager.getConnection(each);
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(sql)) {
        List<String> out = new ArrayList<>();
        while (rows.next()) {
          out.add(rows.getString(1) + "|" + rows.getLong(2) + "|" + rows.getLong(3));
        }
        answers.add(out);
      }
    }
    assertEquals(List.of("Oslo|250|125500", "Rome|750|375000"), answers.get(1));
    assertEquals(answers.get(0), answers.get(1));
    try (Connection connection = DriverManager.getConnection(quarryUrl);
        ResultSet tables =
            connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      assertTrue(tables.next());
      assertEquals("trips", tables.getString("TABLE_NAME"));
      assertFalse(tables.next());
    }
  }

  @Test
  void theSqlCommandRunsOnANode() {
    QuarryCli.Run run =
        QuarryCli.run(
                "--home",
                dir.resolve("elsewhere").toString(),
                "sql",
                "--connect",
                node.toString(),
                "--format",
                "csv",
                "-e",
                "SELECT city, count(*) AS n FROM trips GROUP BY city ORDER BY city")
            .assertOk();
    assertEquals(List.of("city,n", "Oslo,250", "Rome,750"), List.of(run.lines()));
    QuarryCli.Run bad =
        QuarryCli.run("sql", "--connect", node.toString(), "-e", "SELECT * FROM no_such_table");
    assertEquals(1, bad.status(), bad.err());
    assertTrue(bad.err().contains("no_such_table"), bad.err());
  }

  /**
   * A BI tool asks a driver many questions before it runs anything; none of them may fail, and
   * the answers that come from the server's SqlInfo are Quarry's own driver's answers.
   */
  @Test
  void everyMetadataQuestionHasAnAnswer() throws Exception {
    List<Map<String, String>> answers = new ArrayList<>();
    for (String each : List.of(url, quarryUrl)) {
      Map<String, String> answer = new TreeMap<>();
      try (Connection connection = DriverManager.getConnection(each)) {
        DatabaseMetaData meta = connection.getMetaData();
        for (Method method : DatabaseMetaData.class.getMethods()) {
          if (method.getParameterCount() > 0 || method.getReturnType() == ResultSet.class) {
            continue;
          }
          try {
            answer.put(method.getName(), String.valueOf(method.invoke(meta)).replace(", ", ","));
          } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof SQLFeatureNotSupportedException)) {
              throw new AssertionError(each + " failed " + method.getName(), e.getCause());
            }
          }
        }
      }
      answers.add(answer);
    }
    for (String question :
        List.of(
            "getSQLKeywords",
            "getNumericFunctions",
            "getStringFunctions",
            "getSystemFunctions",
            "getTimeDateFunctions",
            "getIdentifierQuoteString",
            "getSearchStringEscape",
            "getDefaultTransactionIsolation",
            "isReadOnly",
            "supportsFullOuterJoins",
            "supportsCorrelatedSubqueries",
            "supportsSubqueriesInExists",
            "supportsUnion",
            "supportsGroupByUnrelated",
            "supportsTransactions",
            "getMaxColumnsInSelect")) {
      assertEquals(answers.get(1).get(question), answers.get(0).get(question), question);
    }
    assertTrue(answers.get(1).get("getStringFunctions").contains("SUBSTRING"));
  }

  @Test
  void sqllineBrowsesAndQueriesThroughEitherDriver() throws Exception {
    for (String each : List.of(url, quarryUrl)) {
      Sqlline.Run run =
          Sqlline.run(
              each,
              dir,
              "!tables",
              "!columns trips",
              "SELECT city, count(*) AS n FROM trips GROUP BY city ORDER BY city;");
      String out = run.out();
      assertTrue(out.contains("'quarry','datasets','trips','TABLE'"), each + "\n" + out);
      assertTrue(out.contains("'quarry','system','cache','SYSTEM TABLE'"), each + "\n" + out);
      for (String column : List.of("id", "city", "fare")) {
        assertTrue(out.contains("'quarry','datasets','trips','" + column + "'"), each + "\n" + out);
      }
      assertTrue(out.contains("'city','n'\n'Oslo','250'\n'Rome','750'"), each + "\n" + out);
      assertFalse(run.err().contains("Error"), each + "\n" + run.err());
    }
  }

  private static String messages(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append(" / ");
    }
    return out.toString();
  }
}
