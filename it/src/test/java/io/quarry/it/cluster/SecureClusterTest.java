package io.quarry.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.node.cluster.NodeAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster made by {@code quarry cluster init} and {@code cluster up}: two node processes serving
 * TLS with the cluster CA and requiring its token. Data goes in through {@code import --replicas
 * --connect} with the CA and token; Quarry's driver and the official Arrow Flight SQL JDBC driver
 * query it over TLS with the token; without the token every client is refused.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SecureClusterTest {
  private static final String QUERY =
      "SELECT city, count(*) AS n, sum(id) AS ids FROM trips GROUP BY city ORDER BY city";
  private static final List<String> ANSWER = List.of("Oslo|250|125500", "Rome|750|375000");

  @TempDir Path dir;

  @AfterEach
  void down() {
    QuarryCli.run("cluster", "down", "--dir", dir.resolve("cluster").toString());
  }

  @Test
  void tlsAndTokenFromInitToQueries() throws Exception {
    Path cluster = dir.resolve("cluster");
    String[] init =
        QuarryCli.run("cluster", "init", "--dir", cluster.toString()).assertOk().lines();
    assertTrue(
        init[init.length - 1].startsWith("CA fingerprint SHA-256 "), String.join("\n", init));
    Path ca = cluster.resolve("cluster/ca.crt");
    Path tokenFile = cluster.resolve("cluster/token");
    String token = Files.readString(tokenFile).strip();

    String[] up =
        QuarryCli.run(
                "cluster", "up", "--nodes", "2", "--dir", cluster.toString(), "--timeout", "120")
            .assertOk()
            .lines();
    assertEquals(2, up.length, String.join("\n", up));
    NodeAddress first = NodeAddress.parse(up[0].split(" ")[1]);
    NodeAddress second = NodeAddress.parse(up[1].split(" ")[1]);
    for (int i = 1; i <= 2; i++) {
      assertTrue(
          Files.readString(cluster.resolve("node-" + i + "/node.log"))
              .contains(" tls=on token=required"),
          "node " + i + " serves TLS");
    }

    Path csv = dir.resolve("trips.csv");
    StringBuilder text = new StringBuilder("id,city,fare\n");
    for (int i = 1; i <= 1000; i++) {
      text.append(i).append(',').append(i % 4 == 0 ? "Oslo" : "Rome").append(',').append(i);
      text.append(".25\n");
    }
    Files.writeString(csv, text.toString());

    QuarryCli.Run refused =
        QuarryCli.run(
            "import",
            csv.toString(),
            "--name",
            "trips",
            "--replicas",
            "2",
            "--connect",
            first.toString(),
            "--tls-ca",
            ca.toString());
    assertNotEquals(0, refused.status());
    assertTrue(refused.err().contains("requires a client token"), refused.err());

    QuarryCli.run(
            "import",
            csv.toString(),
            "--name",
            "trips",
            "--shard-rows",
            "300",
            "--replicas",
            "2",
            "--connect",
            first.toString(),
            "--tls-ca",
            ca.toString(),
            "--token-file",
            tokenFile.toString())
        .assertOk();

    String quarryUrl =
        "jdbc:quarry://" + second + ";useEncryption=true;tlsRootCerts=" + ca + ";token=" + token;
    Bounded.await(
        "the second node adopts trips",
        java.time.Duration.ofSeconds(60),
        () -> {
          try {
            return query(quarryUrl).equals(ANSWER);
          } catch (SQLException e) {
            return false;
          }
        });
    assertEquals(ANSWER, query(quarryUrl));

    String flightUrl =
        "jdbc:arrow-flight-sql://"
            + first
            + "/?useEncryption=true&tlsRootCerts="
            + ca
            + "&token="
            + token;
    assertEquals(ANSWER, query(flightUrl));

    SQLException noToken =
        assertThrows(
            SQLException.class,
            () -> query("jdbc:quarry://" + first + ";useEncryption=true;tlsRootCerts=" + ca));
    assertEquals("28000", noToken.getSQLState(), noToken.getMessage());
    assertTrue(noToken.getMessage().contains("requires a client token"), noToken.getMessage());

    SQLException flightNoToken =
        assertThrows(
            SQLException.class,
            () ->
                query(
                    "jdbc:arrow-flight-sql://"
                        + first
                        + "/?useEncryption=true&tlsRootCerts="
                        + ca));
    assertTrue(
        messages(flightNoToken).contains("requires a client token"), messages(flightNoToken));

    SQLException plaintext =
        assertThrows(SQLException.class, () -> query("jdbc:quarry://" + first + ";token=" + token));
    assertTrue(plaintext.getMessage().contains("--tls-ca"), plaintext.getMessage());
  }

  private static List<String> query(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      List<String> out = new ArrayList<>();
      while (rows.next()) {
        out.add(rows.getString("city") + "|" + rows.getLong("n") + "|" + rows.getLong("ids"));
      }
      return out;
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
