package io.quarry.bench;

import io.quarry.connectors.importer.ImportOptions;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.ClusterClient;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.placement.ImportOutcome;
import io.quarry.node.placement.ImportRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TPC-H tables imported into a running cluster: the contacted node reads the generated Parquet
 * files from its own filesystem (so it must share it, as a local cluster does) and places each
 * shard on {@code replicas} live nodes. The shards are the generated files byte for byte, so DuckDB
 * reading those files locally scans the same bytes.
 */
final class ClusterDatasets {
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private ClusterDatasets() {}

  static void importAll(TpchData data, String connect, int replicas, PrintStream out) {
    NodeAddress address = NodeAddress.parse(connect);
    long start = System.nanoTime();
    out.printf("TPC-H datasets imported into the cluster at %s (%d per shard):%n", address,
        replicas);
    try (ClusterClient client = new ClusterClient()) {
      for (Map.Entry<String, List<Path>> t : data.files().entrySet()) {
        List<String> paths =
            t.getValue().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
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
    out.printf("  (imported in %.1f s)%n", (System.nanoTime() - start) / 1e9);
  }
}
