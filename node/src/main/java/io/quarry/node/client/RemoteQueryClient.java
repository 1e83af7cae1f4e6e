package io.quarry.node.client;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.node.cluster.NodeAddress;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import io.quarry.node.engine.TableInfo;
import io.quarry.node.flight.FlightErrors;
import io.quarry.node.flight.QueryOptionHeaders;
import io.quarry.node.security.ClientSecurity;
import io.quarry.types.Column;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.arrow.vector.util.VectorAppender;

/**
 * SQL on a running node over Arrow Flight SQL, with the embedded engine's shapes: a statement gives
 * a {@link QueryResult}, {@link #tables()} gives {@link TableInfo}s. Errors raised by the node come
 * back as the QuarryException it raised (same code, same message).
 */
public final class RemoteQueryClient implements SqlSession {
  private final NodeAddress address;
  private final RootAllocator allocator = new RootAllocator(Long.MAX_VALUE);
  private final FlightClient flight;
  private final FlightSqlClient sql;
  private final ClientSecurity security;

  /** A client with this process's default security ({@link ClientSecurity#processDefault()}). */
  public RemoteQueryClient(NodeAddress address) {
    this(address, ClientSecurity.processDefault());
  }

  /** A client that reaches the node with {@code security}'s TLS and token. */
  public RemoteQueryClient(NodeAddress address, ClientSecurity security) {
    this.address = requireNonNull(address, "address is null");
    this.security = requireNonNull(security, "security is null");
    this.flight = security.builder(allocator, address).build();
    this.sql = new FlightSqlClient(flight);
  }

  public NodeAddress address() {
    return address;
  }

  /**
   * Checks that a Flight SQL server answers at the address, within {@code timeout}; IO_ERROR naming
   * the address and the reason otherwise.
   */
  public void checkReachable(Duration timeout) {
    try {
      sql.getSqlInfo(
          new FlightSql.SqlInfo[] {FlightSql.SqlInfo.FLIGHT_SQL_SERVER_NAME},
          CallOptions.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (FlightRuntimeException e) {
      String why = e.status().description();
      if (why == null || why.isBlank()) {
        why = e.status().code().toString();
      }
      if (e.status().code() == FlightStatusCode.UNAUTHENTICATED) {
        throw new QuarryException(
            ErrorCode.REMOTE_ERROR, "The Quarry node at " + address + " refused: " + why, e);
      }
      if (e.status().code() == FlightStatusCode.UNAVAILABLE) {
        why += security.connectionHint();
      }
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot reach a Quarry node at " + address + ": " + why, e);
    }
  }

  /** Whether {@code failure} is a node refusing this client: no token, or a wrong one. */
  public static boolean refusedAccess(Throwable failure) {
    return failure.getCause() instanceof FlightRuntimeException f
        && (f.status().code() == FlightStatusCode.UNAUTHENTICATED
            || f.status().code() == FlightStatusCode.UNAUTHORIZED);
  }

  /** Runs one statement on the node with default options. */
  public QueryResult execute(String statement) {
    return execute(statement, QueryOptions.DEFAULTS);
  }

  /**
   * Runs one statement on the node, which applies {@code options} (sent as call headers); the
   * result streams its batches as they arrive.
   */
  @Override
  public QueryResult execute(String statement, QueryOptions options) {
    requireNonNull(statement, "statement is null");
    requireNonNull(options, "options is null");
    FlightInfo info;
    try {
      info = sql.execute(statement, QueryOptionHeaders.toCall(options));
    } catch (FlightRuntimeException e) {
      throw failure(e);
    }
    return new StreamResult(info);
  }

  /** Every table the node lists: each dataset with its columns and latest root; system tables. */
  @Override
  public List<TableInfo> tables() {
    Map<String, String> roots = new HashMap<>();
    try (QueryResult datasets = execute("SHOW DATASETS")) {
      for (VectorSchemaRoot next = datasets.next(); next != null; next = datasets.next()) {
        try (VectorSchemaRoot batch = next) {
          for (int r = 0; r < batch.getRowCount(); r++) {
            roots.put(
                text(batch.getVector("name").getObject(r)),
                text(batch.getVector("root").getObject(r)));
          }
        }
      }
    }
    List<TableInfo> out = new ArrayList<>();
    try {
      FlightInfo info = sql.getTables(null, null, null, null, true);
      for (FlightEndpoint endpoint : info.getEndpoints()) {
        try (FlightStream stream = sql.getStream(endpoint.getTicket())) {
          while (stream.next()) {
            VectorSchemaRoot batch = stream.getRoot();
            for (int r = 0; r < batch.getRowCount(); r++) {
              String schemaName = text(batch.getVector("db_schema_name").getObject(r));
              String name = text(batch.getVector("table_name").getObject(r));
              byte[] schema = (byte[]) batch.getVector("table_schema").getObject(r);
              List<Column> columns = ArrowTypes.toColumns(deserialize(schema));
              out.add(tableInfo(schemaName, name, columns, roots));
            }
          }
        }
      }
    } catch (FlightRuntimeException e) {
      throw failure(e);
    } catch (QuarryException e) {
      throw e;
    } catch (Exception e) {
      throw new QuarryException(
          ErrorCode.REMOTE_ERROR, "Listing tables on " + address + " failed: " + e.getMessage(), e);
    }
    return out;
  }

  private TableInfo tableInfo(
      String schema, String name, List<Column> columns, Map<String, String> roots) {
    TableInfo.Kind kind =
        TableInfo.Kind.ofSchema(schema)
            .orElseThrow(
                () ->
                    new QuarryException(
                        ErrorCode.REMOTE_ERROR,
                        "The node at "
                            + address
                            + " lists table "
                            + name
                            + " in an unknown schema: "
                            + schema));
    return kind == TableInfo.Kind.SYSTEM
        ? TableInfo.system(name, columns)
        : TableInfo.dataset(name, columns, roots.getOrDefault(name, ""));
  }

  private static Schema deserialize(byte[] bytes) {
    try {
      return MessageSerializer.deserializeSchema(
          new ReadChannel(new ByteArrayReadableSeekableByteChannel(bytes)));
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.REMOTE_ERROR, "Malformed table schema: " + e.getMessage(), e);
    }
  }

  private static String text(Object value) {
    return value == null
        ? null
        : value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
  }

  private QuarryException failure(FlightRuntimeException e) {
    return FlightErrors.fromFlight(e, "node " + address);
  }

  @Override
  public void close() {
    try {
      sql.close();
    } catch (Exception e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR,
          "Closing the connection to " + address + " failed: " + e.getMessage(),
          e);
    } finally {
      allocator.close();
    }
  }

  /**
   * The batches of every endpoint of a statement, copied out of the stream for the caller to own.
   */
  private final class StreamResult implements QueryResult {
    private final FlightInfo info;
    private final List<Column> columns;
    private final BufferAllocator memory;
    private int endpoint;
    private FlightStream stream;

    StreamResult(FlightInfo info) {
      this.info = info;
      this.columns = ArrowTypes.toColumns(info.getSchema());
      this.memory = allocator.newChildAllocator("result", 0, Long.MAX_VALUE);
    }

    @Override
    public List<Column> columns() {
      return columns;
    }

    @Override
    public Schema arrowSchema() {
      return info.getSchema();
    }

    @Override
    public VectorSchemaRoot next() {
      try {
        while (true) {
          if (stream == null) {
            if (endpoint >= info.getEndpoints().size()) {
              return null;
            }
            stream = sql.getStream(info.getEndpoints().get(endpoint++).getTicket());
          }
          if (stream.next()) {
            return copy(stream.getRoot());
          }
          stream.close();
          stream = null;
        }
      } catch (FlightRuntimeException e) {
        throw failure(e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new QuarryException(
            ErrorCode.REMOTE_ERROR,
            "Reading results from " + address + " failed: " + e.getMessage(),
            e);
      }
    }

    private VectorSchemaRoot copy(VectorSchemaRoot batch) {
      VectorSchemaRoot out = VectorSchemaRoot.create(info.getSchema(), memory);
      try {
        out.allocateNew();
        for (int i = 0; i < batch.getFieldVectors().size(); i++) {
          batch.getVector(i).accept(new VectorAppender(out.getVector(i)), null);
        }
        out.setRowCount(batch.getRowCount());
        return out;
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        if (stream != null) {
          stream.close();
          stream = null;
        }
      } catch (Exception e) {
        // The stream was cancelled or broke; its memory is released either way.
      } finally {
        memory.close();
      }
    }
  }
}
