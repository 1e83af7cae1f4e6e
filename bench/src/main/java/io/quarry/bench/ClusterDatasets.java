package io.quarry.bench;

import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.parquet.ParquetFiles;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * The TPC-H tables imported into a running cluster: the contacted node reads the generated Parquet
 * files from its own filesystem (so it must share it, as a local cluster does) and places each
 * shard on {@code replicas} live nodes. The shards are the generated files byte for byte, so DuckDB
 * reading those files locally scans the same bytes. A table the cluster already has with the same
 * number of rows is kept, so a benchmark can be repeated against the same cluster.
 */
final class ClusterDatasets {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private ClusterDatasets() {}

  static void importAll(TpchData data, String connect, int replicas, PrintStream out)
      throws SQLException {
    NodeAddress address = NodeAddress.parse(connect);
    Map<String, Long> existing = datasetRows(connect);
    long start = System.nanoTime();
    out.printf(
        "TPC-H datasets in the cluster at %s (%d %s per shard):%n",
        address, replicas, replicas == 1 ? "copy" : "copies");
    try (ClusterClient client = new ClusterClient()) {
      for (Map.Entry<String, List<Path>> t : data.files().entrySet()) {
        List<String> paths =
            t.getValue().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        Long rows = existing.get(t.getKey());
        if (rows != null) {
          long expected = rows(t.getValue());
          if (rows != expected) {
            throw new QuarryException(
                ErrorCode.INVALID_ARGUMENT,
                "the cluster at "
                    + connect
                    + " already has a dataset '"
                    + t.getKey()
                    + "' with "
                    + rows
                    + " rows, not the "
                    + expected
                    + " of this scale factor; use a fresh cluster");
          }
          out.printf("  %-9s already in the cluster, %,d rows%n", t.getKey(), rows);
          continue;
        }
        ImportOutcome outcome =
            client.importAndPlace(
                address,
                new ImportRequest(
                    paths, t.getKey(), false, ImportOptions.DEFAULT_SHARD_ROWS, replicas),
                TIMEOUT);
        Set<String> nodes = new TreeSet<>();
        outcome.shards().forEach(s -> nodes.addAll(s.holders()));
        out.printf(
            "  %-9s %s  %,d rows, %d shard%s on %d node%s%n",
            outcome.name(),
            outcome.root(),
            outcome.rows(),
            outcome.shards().size(),
            outcome.shards().size() == 1 ? "" : "s",
            nodes.size(),
            nodes.size() == 1 ? "" : "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(ErrorCode.INTERNAL_ERROR, "interrupted while importing into " + connect);
    }
    out.printf("  (ready in %.1f s)%n", (System.nanoTime() - start) / 1e9);
  }

  /** The latest row count of each dataset the node at {@code connect} knows. */
  private static Map<String, Long> datasetRows(String connect) throws SQLException {
    Map<String, Long> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:quarry://" + connect + ";cache=off");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW DATASETS")) {
      while (rs.next()) {
        rows.put(rs.getString("name"), rs.getLong("rows"));
      }
    }
    return rows;
  }

  private static long rows(List<Path> files) {
    long rows = 0;
    for (Path f : files) {
      try (ParquetFileReader reader = ParquetFiles.open(f, f.toString())) {
        rows += reader.getRecordCount();
      } catch (IOException e) {
        throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + f + ": " + e.getMessage());
      }
    }
    return rows;
  }
}
