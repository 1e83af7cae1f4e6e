package io.quarry.it.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.ClusterWire;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.dist.FragmentService;
import io.quarry.node.dist.FragmentStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the cluster tests do with node processes: start them, ask them, query them. */
final class Nodes {
  private Nodes() {}

  /** Starts {@code count} node processes with {@code quarry cluster up} in {@code dir}. */
  static List<NodeAddress> up(Path dir, int count) {
    String[] lines =
        QuarryCli.run(
                "cluster", "up", "--nodes", String.valueOf(count), "--dir", dir.toString(),
                "--timeout", "120")
            .assertOk()
            .lines();
    return Arrays.stream(lines).map(l -> NodeAddress.parse(l.split(" ")[1])).toList();
  }

  /** A node's fragment counters ({@code quarry.stats}). */
  static FragmentStats.Snapshot stats(ClusterClient client, NodeAddress node) {
    byte[] body = client.call(node, FragmentService.STATS, new byte[0], Duration.ofSeconds(5));
    return ClusterWire.read(body, new TypeReference<FragmentStats.Snapshot>() {});
  }

  /** The rows of {@code sql} through the JDBC driver of {@code url}, each as "a|b|c". */
  static List<String> rows(String url, String sql) {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> cells = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          cells.add(String.valueOf(result.getObject(c)));
        }
        rows.add(String.join("|", cells));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " through " + url + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
