package io.quarry.node.server;

import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.exec.Operator;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Helpers for tests that run nodes in this JVM on loopback ports. */
public final class TestCluster {
  private TestCluster() {}

  /** Every row {@code operator} yields, as "a|b|…" text in the order read; closes it. */
  public static List<String> rows(Operator operator) {
    List<String> rows = new ArrayList<>();
    try (Operator op = operator) {
      for (VectorSchemaRoot next = op.next(); next != null; next = op.next()) {
        try (VectorSchemaRoot batch = next) {
          for (int r = 0; r < batch.getRowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (var v : batch.getFieldVectors()) {
              cells.add(String.valueOf(v.getObject(r)));
            }
            rows.add(String.join("|", cells));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Imports the CSV {@code text} as dataset {@code name} into the store at {@code home}, in shards
   * of {@code shardRows} rows, with the column types {@code types} overriding inference.
   */
  public static void importCsv(
      Path home, String name, String text, int shardRows, Map<String, DataType> types)
      throws IOException {
    Files.createDirectories(home);
    Path csv = home.resolve(name + ".csv");
    Files.writeString(csv, text);
    try (Store store = Store.open(home)) {
      DatasetImporter.run(
          store, List.of(csv), new ImportOptions(name, false, shardRows, types), ImportProgress.NONE);
    }
    Files.delete(csv);
  }

  /**
   * Imports {@code trips} (id, city, fare; 100 rows in shards of 30) into the store at {@code
   * home}.
   */
  public static void importTrips(Path home, Path scratch) throws IOException {
    Path csv = scratch.resolve("trips-" + System.nanoTime() + ".csv");
    StringBuilder text = new StringBuilder("id,city,fare\n");
    for (int i = 1; i <= 100; i++) {
      text.append(i)
          .append(',')
          .append(i % 3 == 0 ? "Oslo" : "Rome")
          .append(',')
          .append(i)
          .append(".5\n");
    }
    Files.writeString(csv, text.toString());
    try (Store store = Store.open(home)) {
      DatasetImporter.run(
          store,
          List.of(csv),
          new ImportOptions("trips", false, 30, Map.of()),
          ImportProgress.NONE);
    }
  }

  public static QuarryNode start(Path home, List<NodeAddress> peers) {
    return QuarryNode.start(
        new NodeConfig(
            home,
            new NodeAddress("127.0.0.1", 0),
            peers,
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            "test",
            null));
  }

  /** Waits at most {@code bound} for {@code condition}; fails naming {@code what}. */
  public static void await(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + bound.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted: " + what, e);
      }
    }
  }

  /**
   * Waits at most {@code bound} until {@code node} has adopted dataset {@code table} and knows at
   * least {@code holders} holders of each of its shards; returns the shards.
   */
  public static List<ShardInfo> awaitTable(
      QuarryNode node, String table, int holders, Duration bound) {
    await(
        node.address() + " adopts " + table,
        bound,
        () -> node.store().datasets().latest(table).isPresent());
    Cid root = node.store().datasets().latest(table).orElseThrow().root();
    List<ShardInfo> shards = DatasetManifests.load(node.store(), root).shards();
    await(
        node.address() + " learns the holders of " + table,
        bound,
        () -> shards.stream().allMatch(s -> node.placement().providers(s.cid()).size() >= holders));
    return shards;
  }

  /** The status of reading {@code ticket} from {@code client} to its end: OK, or the failure's. */
  public static FlightStatusCode streamStatus(
      FlightClient client, Ticket ticket, CallOption... options) {
    try (FlightStream stream = client.getStream(ticket, options)) {
      while (stream.next()) {
        // drain
      }
      return FlightStatusCode.OK;
    } catch (FlightRuntimeException e) {
      return e.status().code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
