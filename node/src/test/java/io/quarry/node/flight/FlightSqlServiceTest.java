package io.quarry.node.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.server.NodeConfig;
import io.quarry.node.server.QuarryNode;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's Flight SQL endpoint, spoken to by Arrow's own Flight SQL client. */
class FlightSqlServiceTest {
  @TempDir Path dir;

  private QuarryNode node;
  private RootAllocator allocator;
  private FlightClient flight;
  private FlightSqlClient sql;

  @BeforeEach
  void start() throws Exception {
    Path home = dir.resolve("node");
    Path csv = dir.resolve("trips.csv");
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
    node =
        QuarryNode.start(NodeConfig.of(home, new NodeAddress("127.0.0.1", 0), List.of(), "test"));
    allocator = new RootAllocator(Long.MAX_VALUE);
    flight =
        FlightClient.builder(
                allocator, Location.forGrpcInsecure("127.0.0.1", node.address().port()))
            .build();
    sql = new FlightSqlClient(flight);
  }

  @AfterEach
  void stop() throws Exception {
    sql.close();
    node.close();
    allocator.close();
  }

  @Test
  void runsAStatement() {
    FlightInfo info =
        sql.execute("SELECT city, count(*) AS n FROM trips GROUP BY city ORDER BY city");
    assertEquals(List.of("Oslo|33", "Rome|67"), rows(info));
  }

  @Test
  void runsAPreparedStatementLikeTheJdbcDriver() {
    try (FlightSqlClient.PreparedStatement statement =
        sql.prepare("SELECT sum(id) AS total FROM trips")) {
      assertEquals("total", statement.getResultSetSchema().getFields().get(0).getName());
      assertEquals(List.of("5050"), rows(statement.execute()));
      assertEquals(List.of("5050"), rows(statement.execute()));
    }
  }

  @Test
  void errorsCarryTheEngineMessage() {
    FlightRuntimeException e =
        assertThrows(
            FlightRuntimeException.class, () -> sql.execute("SELECT * FROM no_such_table"));
    assertTrue(e.status().description().contains("no_such_table"), e.status().description());
    assertTrue(
        e.status().code() == CallStatus.INVALID_ARGUMENT.code()
            || e.status().code() == CallStatus.NOT_FOUND.code(),
        e.status().code().toString());
    FlightRuntimeException prepare =
        assertThrows(FlightRuntimeException.class, () -> sql.prepare("SELEC 1"));
    assertEquals(CallStatus.INVALID_ARGUMENT.code(), prepare.status().code());
  }

  @Test
  void listsCatalogsSchemasTablesWithTheirSchema() throws Exception {
    assertEquals(List.of("quarry"), rows(sql.getCatalogs()));
    assertEquals(List.of("quarry|datasets", "quarry|system"), rows(sql.getSchemas(null, null)));
    assertEquals(List.of("quarry|system"), rows(sql.getSchemas("quarry", "sys%")));
    assertEquals(List.of("SYSTEM TABLE", "TABLE"), rows(sql.getTableTypes()));
    assertEquals(List.of(), rows(sql.getTables(null, null, "nothing%", null, false)));

    FlightInfo tables = sql.getTables("quarry", "datasets", "tr%", List.of("TABLE"), true);
    try (FlightStream stream = sql.getStream(tables.getEndpoints().get(0).getTicket())) {
      assertTrue(stream.next());
      VectorSchemaRoot root = stream.getRoot();
      assertEquals(1, root.getRowCount());
      assertEquals("trips", root.getVector("table_name").getObject(0).toString());
      byte[] bytes = (byte[]) root.getVector("table_schema").getObject(0);
      Schema schema =
          MessageSerializer.deserializeSchema(
              new ReadChannel(new ByteArrayReadableSeekableByteChannel(bytes)));
      List<String> columns = new ArrayList<>();
      schema.getFields().forEach(f -> columns.add(f.getName()));
      assertEquals(List.of("id", "city", "fare"), columns);
    }
  }

  @Test
  void listsSystemTablesNextToDatasetsAndFiltersThem() throws Exception {
    assertEquals(
        List.of(
            "quarry|datasets|trips|TABLE",
            "quarry|system|cache|SYSTEM TABLE",
            "quarry|system|datasets|SYSTEM TABLE"),
        rows(sql.getTables(null, null, null, null, false)));
    assertEquals(
        List.of("quarry|datasets|trips|TABLE"),
        rows(sql.getTables(null, null, "%", List.of("TABLE"), false)));
    assertEquals(
        List.of("quarry|system|cache|SYSTEM TABLE", "quarry|system|datasets|SYSTEM TABLE"),
        rows(sql.getTables(null, null, "%", List.of("SYSTEM TABLE"), false)));
    assertEquals(
        List.of("quarry|system|datasets|SYSTEM TABLE"),
        rows(sql.getTables("quarry", "sys%", "data%", null, false)));
    assertEquals(List.of(), rows(sql.getTables("elsewhere", null, null, null, false)));

    FlightInfo tables = sql.getTables(null, "system", "cache", null, true);
    try (FlightStream stream = sql.getStream(tables.getEndpoints().get(0).getTicket())) {
      assertTrue(stream.next());
      VectorSchemaRoot root = stream.getRoot();
      assertEquals(1, root.getRowCount());
      byte[] bytes = (byte[]) root.getVector("table_schema").getObject(0);
      Schema schema =
          MessageSerializer.deserializeSchema(
              new ReadChannel(new ByteArrayReadableSeekableByteChannel(bytes)));
      List<String> columns = new ArrayList<>();
      schema
          .getFields()
          .forEach(f -> columns.add(f.getName() + ":" + f.getType() + ":" + f.isNullable()));
      assertEquals(
          List.of(
              "level:Utf8:false",
              "kind:Utf8:false",
              "hits:Int(64, true):false",
              "misses:Int(64, true):false",
              "bytes_saved:Int(64, true):false",
              "entries:Int(64, true):false"),
          columns);
    }
  }

  @Test
  void answersSqlInfo() {
    FlightInfo info =
        sql.getSqlInfo(
            FlightSql.SqlInfo.FLIGHT_SQL_SERVER_NAME,
            FlightSql.SqlInfo.FLIGHT_SQL_SERVER_READ_ONLY);
    try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket())) {
      int rows = 0;
      while (stream.next()) {
        rows += stream.getRoot().getRowCount();
      }
      assertEquals(2, rows);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every row of every endpoint as "a|b|…". */
  private List<String> rows(FlightInfo info) {
    List<String> out = new ArrayList<>();
    for (var endpoint : info.getEndpoints()) {
      try (FlightStream stream = sql.getStream(endpoint.getTicket())) {
        while (stream.next()) {
          VectorSchemaRoot root = stream.getRoot();
          for (int r = 0; r < root.getRowCount(); r++) {
            List<String> cells = new ArrayList<>();
            for (var vector : root.getFieldVectors()) {
              Object value = vector.getObject(r);
              cells.add(
                  value instanceof byte[] b
                      ? new String(b, StandardCharsets.UTF_8)
                      : String.valueOf(value));
            }
            out.add(String.join("|", cells));
          }
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }
}
