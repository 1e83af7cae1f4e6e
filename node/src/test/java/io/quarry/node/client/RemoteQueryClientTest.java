package io.quarry.node.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.engine.TableInfo;
import io.quarry.node.server.QuarryNode;
import io.quarry.node.server.TestCluster;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote client gives what the embedded engine gives, over Flight SQL. */
class RemoteQueryClientTest {
  private static final String SQL =
      "SELECT city, count(*) AS n, min(fare) AS low FROM trips GROUP BY city ORDER BY city";

  @TempDir Path dir;
  private QuarryNode node;
  private RemoteQueryClient client;

  @BeforeEach
  void start() throws Exception {
    TestCluster.importTrips(dir.resolve("a"), dir);
    node = TestCluster.start(dir.resolve("a"), List.of());
    client = new RemoteQueryClient(node.address());
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  @Test
  void answersLikeTheEmbeddedEngine() {
    List<String> local;
    try (QueryEngine engine = new QueryEngine(node.store())) {
      local = rows(engine.execute(SQL, QueryOptions.DEFAULTS));
    }
    try (QueryResult result = client.execute(SQL)) {
      assertEquals(
          List.of("city", "n", "low"), result.columns().stream().map(c -> c.name()).toList());
      assertEquals(local, rows(result));
    }
    assertEquals(List.of("Oslo|33|3.5", "Rome|67|1.5"), local);
  }

  @Test
  void errorsKeepTheirCodeAndMessage() {
    QuarryException localError;
    try (QueryEngine engine = new QueryEngine(node.store())) {
      localError =
          assertThrows(
              QuarryException.class,
              () -> engine.execute("SELECT nope FROM trips", QueryOptions.DEFAULTS));
    }
    QuarryException remote =
        assertThrows(QuarryException.class, () -> client.execute("SELECT nope FROM trips"));
    assertEquals(localError.code(), remote.code());
    assertEquals(localError.getMessage(), remote.getMessage());
  }

  @Test
  void queryOptionsTravelWithTheStatement() {
    QueryOptions tiny = QueryOptions.DEFAULTS.withMemoryLimitBytes(1024);
    QuarryException localError;
    try (QueryEngine engine = new QueryEngine(node.store())) {
      localError = assertThrows(QuarryException.class, () -> rows(engine.execute(SQL, tiny)));
    }
    QuarryException remote =
        assertThrows(QuarryException.class, () -> rows(client.execute(SQL, tiny)));
    assertEquals(localError.code(), remote.code());
    assertEquals(2, rows(client.execute(SQL, tiny.withMemoryLimitBytes(64L << 20))).size());
  }

  @Test
  void tellsWhetherANodeAnswers() throws Exception {
    client.checkReachable(Duration.ofSeconds(10));
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (RemoteQueryClient nobody =
        new RemoteQueryClient(new NodeAddress("127.0.0.1", closedPort))) {
      QuarryException e =
          assertThrows(QuarryException.class, () -> nobody.checkReachable(Duration.ofSeconds(5)));
      assertEquals(ErrorCode.IO_ERROR, e.code());
      assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
    }
  }

  @Test
  void listsTablesWithColumnsAndRoots() {
    List<TableInfo> tables = client.tables();
    assertEquals(
        List.of("datasets.trips", "system.cache", "system.datasets"),
        tables.stream().map(t -> t.schema() + "." + t.name()).toList());
    assertEquals(TableInfo.Kind.SYSTEM, tables.get(1).kind());
    TableInfo trips = tables.get(0);
    assertEquals("trips", trips.name());
    assertEquals(
        List.of("id", "city", "fare"), trips.columns().stream().map(c -> c.name()).toList());
    assertEquals(
        node.store().datasets().latest("trips").orElseThrow().root().toString(), trips.root());
  }

  private static List<String> rows(QueryResult result) {
    List<String> out = new ArrayList<>();
    try (result) {
      for (VectorSchemaRoot next = result.next(); next != null; next = result.next()) {
        try (VectorSchemaRoot batch = next) {
          for (int r = 0; r < batch.getRowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (var v : batch.getFieldVectors()) {
              cells.add(String.valueOf(v.getObject(r)));
            }
            out.add(String.join("|", cells));
          }
        }
      }
    }
    return out;
  }
}
