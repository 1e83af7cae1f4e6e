package io.quarry.node.flight;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.quarry.node.engine.QueryEngine;
import io.quarry.node.engine.QueryOptions;
import io.quarry.node.engine.QueryResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A node's Flight service: Flight SQL over the node's query engine (statements, prepared
 * statements, SQL info and catalog metadata), plus the node's own actions and tickets.
 *
 * <p>Queries are planned when the client asks for their FlightInfo (so errors surface there) and
 * run when it fetches the stream; a result never fetched is closed after {@link
 * #RESULT_TTL_MILLIS}.
 */
public final class QuarryFlightProducer extends NoOpFlightSqlProducer {
  static final long RESULT_TTL_MILLIS = 10 * 60_000;

  private final QueryEngine engine;
  private final BufferAllocator allocator;
  private final ResultStreamer streamer;
  private final SqlInfoBuilder sqlInfo;
  private final Map<String, NodeAction> actions = new ConcurrentHashMap<>();
  private final Map<String, NodeTicket> tickets = new ConcurrentHashMap<>();
  private final Map<String, NodePut> puts = new ConcurrentHashMap<>();
  private final Map<String, PreparedQuery> prepared = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  private record Pending(QueryResult result, long createdMillis) {}

  public QuarryFlightProducer(QueryEngine engine, BufferAllocator allocator, String version) {
    this.engine = requireNonNull(engine, "engine is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.streamer = new ResultStreamer(allocator);
    this.sqlInfo = ServerSqlInfo.of(version);
  }

  /** Serves {@code action} next to Flight SQL's actions. */
  public void register(NodeAction action) {
    actions.put(action.type(), action);
  }

  /** Serves DoGet for tickets {@code quarry/<kind>/…}. */
  public void register(NodeTicket ticket) {
    tickets.put(ticket.kind(), ticket);
  }

  /** Accepts DoPut for descriptor commands {@code quarry/<kind>/…}. */
  public void register(NodePut put) {
    puts.put(put.kind(), put);
  }

  // ---- the node's own actions, tickets and uploads

  @Override
  public Runnable acceptPut(
      CallContext context, FlightStream flightStream, StreamListener<PutResult> ackStream) {
    FlightDescriptor descriptor = flightStream.getDescriptor();
    String[] own =
        descriptor.isCommand() ? NodeTicket.parse(new Ticket(descriptor.getCommand())) : null;
    if (own == null) {
      return super.acceptPut(context, flightStream, ackStream);
    }
    NodePut handler = puts.get(own[0]);
    if (handler == null) {
      return () ->
          ackStream.onError(
              CallStatus.NOT_FOUND
                  .withDescription("Unknown upload kind '" + own[0] + "'")
                  .toRuntimeException());
    }
    return () -> {
      try {
        handler.accept(context, own[1], flightStream, ackStream);
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
      }
    };
  }

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    NodeAction own = actions.get(action.getType());
    if (own == null) {
      super.doAction(context, action, listener);
      return;
    }
    try {
      listener.onNext(new Result(own.handle(context, action.getBody())));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
    }
  }

  @Override
  public void listActions(CallContext context, StreamListener<ActionType> listener) {
    for (NodeAction action : actions.values()) {
      listener.onNext(new ActionType(action.type(), action.description()));
    }
    super.listActions(context, listener);
  }

  @Override
  public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
    String[] own = NodeTicket.parse(ticket);
    if (own == null) {
      super.getStream(context, ticket, listener);
      return;
    }
    NodeTicket handler = tickets.get(own[0]);
    if (handler == null) {
      listener.error(
          CallStatus.NOT_FOUND
              .withDescription("Unknown ticket kind '" + own[0] + "'")
              .toRuntimeException());
      return;
    }
    try {
      handler.stream(context, own[1], listener);
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  // ---- statements

  @Override
  public FlightInfo getFlightInfoStatement(
      FlightSql.CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return plan(command.getQuery(), QueryOptionHeaders.fromCall(context), descriptor);
  }

  @Override
  public SchemaResult getSchemaStatement(
      FlightSql.CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    return new SchemaResult(schemaOf(command.getQuery()));
  }

  @Override
  public void getStreamStatement(
      FlightSql.TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    String handle = ticket.getStatementHandle().toStringUtf8();
    Pending result = pending.remove(handle);
    if (result == null) {
      listener.error(
          CallStatus.NOT_FOUND
              .withDescription(
                  "Result '" + handle + "' not found: it was already fetched or expired")
              .toRuntimeException());
      return;
    }
    streamer.stream(result.result(), listener);
  }

  // ---- prepared statements (the Arrow Flight SQL JDBC driver runs every query as one)

  @Override
  public void createPreparedStatement(
      FlightSql.ActionCreatePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    try {
      String sql = request.getQuery();
      PreparedQuery query = new PreparedQuery(sql, engine::parameterTypes);
      Schema schema = schemaOf(query.hasParameters() ? query.describable() : sql);
      String handle = UUID.randomUUID().toString();
      prepared.put(handle, query);
      FlightSql.ActionCreatePreparedStatementResult.Builder result =
          FlightSql.ActionCreatePreparedStatementResult.newBuilder()
              .setPreparedStatementHandle(ByteString.copyFromUtf8(handle))
              .setDatasetSchema(ByteString.copyFrom(SqlMetadata.serialize(schema)));
      if (query.hasParameters()) {
        result.setParameterSchema(
            ByteString.copyFrom(SqlMetadata.serialize(query.parameterSchema())));
      }
      listener.onNext(new Result(Any.pack(result.build()).toByteArray()));
      listener.onCompleted();
    } catch (RuntimeException e) {
      listener.onError(FlightErrors.toFlight(e));
    }
  }

  /** The client binds parameter values: the last row sent is what the next execution uses. */
  @Override
  public Runnable acceptPutPreparedStatementQuery(
      FlightSql.CommandPreparedStatementQuery command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        PreparedQuery query = preparedQuery(command);
        while (flightStream.next()) {
          query.bind(flightStream.getRoot());
        }
        ackStream.onCompleted();
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.toFlight(e));
      }
    };
  }

  @Override
  public void closePreparedStatement(
      FlightSql.ActionClosePreparedStatementRequest request,
      CallContext context,
      StreamListener<Result> listener) {
    prepared.remove(request.getPreparedStatementHandle().toStringUtf8());
    listener.onCompleted();
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(
      FlightSql.CommandPreparedStatementQuery command,
      CallContext context,
      FlightDescriptor descriptor) {
    return plan(preparedSql(command), QueryOptionHeaders.fromCall(context), descriptor);
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(
      FlightSql.CommandPreparedStatementQuery command,
      CallContext context,
      FlightDescriptor descriptor) {
    PreparedQuery query = preparedQuery(command);
    return new SchemaResult(schemaOf(query.hasParameters() ? query.describable() : query.sql()));
  }

  @Override
  public void getStreamPreparedStatement(
      FlightSql.CommandPreparedStatementQuery command,
      CallContext context,
      ServerStreamListener listener) {
    QueryResult result;
    try {
      result = engine.execute(preparedSql(command), QueryOptionHeaders.fromCall(context));
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
      return;
    }
    streamer.stream(result, listener);
  }

  private String preparedSql(FlightSql.CommandPreparedStatementQuery command) {
    return preparedQuery(command).sql();
  }

  private PreparedQuery preparedQuery(FlightSql.CommandPreparedStatementQuery command) {
    String handle = command.getPreparedStatementHandle().toStringUtf8();
    PreparedQuery query = prepared.get(handle);
    if (query == null) {
      throw CallStatus.NOT_FOUND
          .withDescription("Prepared statement '" + handle + "' not found: it was closed")
          .toRuntimeException();
    }
    return query;
  }

  /** Plans (and starts) a query; its stream is fetched with the returned ticket. */
  private FlightInfo plan(String sql, QueryOptions options, FlightDescriptor descriptor) {
    expireResults();
    QueryResult result;
    try {
      result = engine.execute(sql, options);
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
    String handle = UUID.randomUUID().toString();
    pending.put(handle, new Pending(result, System.currentTimeMillis()));
    FlightSql.TicketStatementQuery ticket =
        FlightSql.TicketStatementQuery.newBuilder()
            .setStatementHandle(ByteString.copyFromUtf8(handle))
            .build();
    return new FlightInfo(
        result.arrowSchema(),
        descriptor,
        List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))),
        -1,
        -1);
  }

  private Schema schemaOf(String sql) {
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS)) {
      return result.arrowSchema();
    } catch (RuntimeException e) {
      throw FlightErrors.toFlight(e);
    }
  }

  private void expireResults() {
    long cutoff = System.currentTimeMillis() - RESULT_TTL_MILLIS;
    pending
        .entrySet()
        .removeIf(
            e -> {
              if (e.getValue().createdMillis() < cutoff) {
                e.getValue().result().close();
                return true;
              }
              return false;
            });
  }

  // ---- SQL info and metadata

  @Override
  public FlightInfo getFlightInfoSqlInfo(
      FlightSql.CommandGetSqlInfo request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_SQL_INFO_SCHEMA);
  }

  @Override
  public void getStreamSqlInfo(
      FlightSql.CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  @Override
  public FlightInfo getFlightInfoCatalogs(
      FlightSql.CommandGetCatalogs request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_CATALOGS_SCHEMA);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    send(listener, SqlMetadata::catalogs);
  }

  @Override
  public FlightInfo getFlightInfoSchemas(
      FlightSql.CommandGetDbSchemas request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_SCHEMAS_SCHEMA);
  }

  @Override
  public void getStreamSchemas(
      FlightSql.CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    String catalog = command.hasCatalog() ? command.getCatalog() : null;
    String pattern = command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
    send(listener, a -> SqlMetadata.schemas(a, catalog, pattern));
  }

  @Override
  public FlightInfo getFlightInfoTables(
      FlightSql.CommandGetTables request, CallContext context, FlightDescriptor descriptor) {
    Schema schema =
        request.getIncludeSchema()
            ? Schemas.GET_TABLES_SCHEMA
            : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    return metadataInfo(request, descriptor, schema);
  }

  @Override
  public void getStreamTables(
      FlightSql.CommandGetTables command, CallContext context, ServerStreamListener listener) {
    String catalog = command.hasCatalog() ? command.getCatalog() : null;
    String schemaPattern =
        command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null;
    String tablePattern =
        command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null;
    send(
        listener,
        a ->
            SqlMetadata.tables(
                a,
                engine.tables(),
                catalog,
                schemaPattern,
                tablePattern,
                command.getTableTypesList(),
                command.getIncludeSchema()));
  }

  @Override
  public FlightInfo getFlightInfoTableTypes(
      FlightSql.CommandGetTableTypes request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_TABLE_TYPES_SCHEMA);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    send(listener, SqlMetadata::tableTypes);
  }

  @Override
  public FlightInfo getFlightInfoPrimaryKeys(
      FlightSql.CommandGetPrimaryKeys request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_PRIMARY_KEYS_SCHEMA);
  }

  @Override
  public void getStreamPrimaryKeys(
      FlightSql.CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    sendEmpty(listener, Schemas.GET_PRIMARY_KEYS_SCHEMA);
  }

  @Override
  public FlightInfo getFlightInfoExportedKeys(
      FlightSql.CommandGetExportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_EXPORTED_KEYS_SCHEMA);
  }

  @Override
  public void getStreamExportedKeys(
      FlightSql.CommandGetExportedKeys command,
      CallContext context,
      ServerStreamListener listener) {
    sendEmpty(listener, Schemas.GET_EXPORTED_KEYS_SCHEMA);
  }

  @Override
  public FlightInfo getFlightInfoImportedKeys(
      FlightSql.CommandGetImportedKeys request, CallContext context, FlightDescriptor descriptor) {
    return metadataInfo(request, descriptor, Schemas.GET_IMPORTED_KEYS_SCHEMA);
  }

  @Override
  public void getStreamImportedKeys(
      FlightSql.CommandGetImportedKeys command,
      CallContext context,
      ServerStreamListener listener) {
    sendEmpty(listener, Schemas.GET_IMPORTED_KEYS_SCHEMA);
  }

  private FlightInfo metadataInfo(Message command, FlightDescriptor descriptor, Schema schema) {
    Ticket ticket = new Ticket(Any.pack(command).toByteArray());
    return new FlightInfo(schema, descriptor, List.of(new FlightEndpoint(ticket)), -1, -1);
  }

  private void send(
      ServerStreamListener listener, Function<BufferAllocator, VectorSchemaRoot> rows) {
    try (VectorSchemaRoot root = rows.apply(allocator)) {
      listener.start(root);
      listener.putNext();
      listener.completed();
    } catch (RuntimeException e) {
      listener.error(FlightErrors.toFlight(e));
    }
  }

  private void sendEmpty(ServerStreamListener listener, Schema schema) {
    send(
        listener,
        a -> {
          VectorSchemaRoot root = VectorSchemaRoot.create(schema, a);
          root.allocateNew();
          root.setRowCount(0);
          return root;
        });
  }

  /** Closes every result no client fetched. */
  @Override
  public void close() {
    pending.values().forEach(p -> p.result().close());
    pending.clear();
  }
}
