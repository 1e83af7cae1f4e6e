package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.planner.PlannedQuery;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.Statement;
import io.quarry.sql.StatementClassifier;
import io.quarry.sql.StoreCatalog;
import io.quarry.sql.TableDefinition;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The embedded engine over one store: SQL in, Arrow batches out. Each query gets its own child
 * allocator limited to the query's memory limit; all queries share one thread pool sized to the
 * machine's cores.
 */
public final class QueryEngine implements AutoCloseable {
  private static final DataType TEXT = DataType.of(TypeKind.VARCHAR).withNullable(false);

  private final Store store;
  private final StoreCatalog catalog;
  private final RootAllocator rootAllocator = new RootAllocator(Long.MAX_VALUE);
  private final ExecutorService pool;
  private final AtomicLong queryIds = new AtomicLong();
  private final PlanCache plans = new PlanCache();

  public QueryEngine(Store store) {
    this.store = requireNonNull(store, "store is null");
    this.catalog = new StoreCatalog(store);
    int threads = Runtime.getRuntime().availableProcessors();
    this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
  }

  /** Runs one statement: a query, VALUES, SHOW DATASETS, DESCRIBE t or EXPLAIN [VERBOSE] query. */
  public QueryResult execute(String sql, QueryOptions options) {
    requireNonNull(sql, "sql is null");
    requireNonNull(options, "options is null");
    PlanNode plan;
    try {
      Statement statement = StatementClassifier.classify(sql);
      if (statement instanceof Statement.Query q) {
        plan = plans.get(q.sql(), catalogState(), () -> new QueryPlanner(catalog).plan(q.sql())).root();
      } else if (statement instanceof Statement.Explain e) {
        plan = explain(e);
      } else if (statement instanceof Statement.Describe d) {
        plan = describe(d.table());
      } else {
        plan = showDatasets();
      }
    } catch (QuarryException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw EngineErrors.translate(e, options.memoryLimitBytes());
    }
    return run(plan, options);
  }

  /** Every dataset with its columns and latest root, for metadata calls. */
  public List<TableInfo> tables() {
    List<TableInfo> out = new ArrayList<>();
    for (String name : store.datasets().names()) {
      DatasetVersion latest = store.datasets().latest(name).orElse(null);
      if (latest == null) {
        continue;
      }
      TableDefinition table = catalog.table(name, latest.root());
      out.add(new TableInfo(name, table.columns(), table.root()));
    }
    return out;
  }

  /** Every dataset's name and latest root: what a table name in a query can mean right now. */
  private String catalogState() {
    StringBuilder state = new StringBuilder();
    for (String name : store.datasets().names()) {
      store.datasets().latest(name).ifPresent(v -> state.append(name).append('=').append(v.root()).append(';'));
    }
    return state.toString();
  }

  private QueryResult run(PlanNode plan, QueryOptions options) {
    BufferAllocator allocator =
        rootAllocator.newChildAllocator(
            "query-" + queryIds.incrementAndGet(), 0, options.memoryLimitBytes());
    try {
      ExecContext ctx =
          new ExecContext(
              allocator,
              shard -> store.wholeFile(Cid.parse(shard.cid())),
              pool,
              options.batchSize());
      Operator operator = Executor.build(plan, ctx);
      return new OperatorResult(plan.schema(), operator, allocator, options.memoryLimitBytes());
    } catch (Throwable t) {
      allocator.close();
      throw EngineErrors.translate(t, options.memoryLimitBytes());
    }
  }

  private PlanNode explain(Statement.Explain explain) {
    PlannedQuery planned = new QueryPlanner(catalog).plan(explain.sql(), explain.verbose());
    List<List<Object>> rows = new ArrayList<>();
    for (String line : planned.explain(explain.verbose())) {
      rows.add(List.of(line));
    }
    return new ValuesNode(List.of(new Column("plan", TEXT)), rows);
  }

  private PlanNode showDatasets() {
    List<Column> schema =
        List.of(
            new Column("name", TEXT),
            new Column("version", DataType.of(TypeKind.INT).withNullable(false)),
            new Column("root", TEXT),
            new Column("shards", DataType.of(TypeKind.INT).withNullable(false)),
            new Column("rows", DataType.of(TypeKind.BIGINT).withNullable(false)),
            new Column("created_at", DataType.of(TypeKind.TIMESTAMP).withNullable(false)));
    List<List<Object>> rows = new ArrayList<>();
    for (String name : store.datasets().names()) {
      DatasetVersion latest = store.datasets().latest(name).orElse(null);
      if (latest == null) {
        continue;
      }
      TableDefinition table = catalog.table(name, latest.root());
      rows.add(
          List.of(
              name,
              latest.version(),
              latest.root().toString(),
              table.shards().size(),
              table.rows(),
              ChronoUnit.MICROS.between(java.time.Instant.EPOCH, latest.createdAt())));
    }
    return new ValuesNode(schema, rows);
  }

  private PlanNode describe(String reference) {
    TableDefinition table =
        catalog
            .resolve(reference)
            .orElseThrow(
                () -> new QuarryException(ErrorCode.NOT_FOUND, "Table '" + reference + "' not found"));
    List<Column> schema =
        List.of(
            new Column("column_name", TEXT),
            new Column("type", TEXT),
            new Column("nullable", DataType.of(TypeKind.BOOLEAN).withNullable(false)));
    List<List<Object>> rows = new ArrayList<>();
    for (Column c : table.columns()) {
      rows.add(List.of(c.name(), c.type().sqlName(), c.type().nullable()));
    }
    return new ValuesNode(schema, rows);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    rootAllocator.close();
  }

  private static ThreadFactory daemonThreads() {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, "quarry-exec-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
