package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.CachedOperator;
import io.quarry.cache.FragmentKey;
import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.ShardResolver;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.planner.PlannedQuery;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.Statement;
import io.quarry.sql.StatementClassifier;
import io.quarry.sql.SqlFrontend;
import io.quarry.sql.StoreCatalog;
import io.quarry.sql.SystemSchema;
import io.quarry.sql.SystemTable;
import io.quarry.sql.TableDefinition;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The embedded engine over one store: SQL in, Arrow batches out. Each query gets its own child
 * allocator limited to the query's memory limit; all queries share one thread pool sized to the
 * machine's cores.
 */
public final class QueryEngine implements AutoCloseable {
  private static final DataType TEXT = DataType.of(TypeKind.VARCHAR).withNullable(false);
  private static final Pattern SHOW_CACHE =
      Pattern.compile("(?is)\\s*SHOW\\s+CACHE\\s*;?\\s*");

  private final Store store;
  private final StoreCatalog catalog;
  private final RootAllocator rootAllocator = new RootAllocator(Long.MAX_VALUE);
  private final ExecutorService pool;
  private final int threads;
  private final AtomicLong queryIds = new AtomicLong();
  private final PlanCache plans;
  private final DatasetRoots roots;
  private final ResultCache cache;
  private final FragmentRunner fragments;
  private final ShardResolver shards;
  private final Function<PlanNode, String> placements;

  public QueryEngine(Store store) {
    this(store, FragmentRunner.LOCAL);
  }

  /** An engine over {@code store} that runs each query on at most {@code threads} threads. */
  public QueryEngine(Store store, int threads) {
    this(
        store,
        FragmentRunner.LOCAL,
        shard -> store.wholeFile(Cid.parse(shard.cid())),
        fragment -> null,
        threads);
  }

  /**
   * An engine that obtains the fragments it does not find in its result cache through {@code
   * fragments} (e.g. by running them on the nodes that hold their shards).
   */
  public QueryEngine(Store store, FragmentRunner fragments) {
    this(store, fragments, shard -> store.wholeFile(Cid.parse(shard.cid())));
  }

  /**
   * An engine that also finds the shards it computes over through {@code shards} (e.g. fetching
   * a shard this node does not hold from a holder).
   */
  public QueryEngine(Store store, FragmentRunner fragments, ShardResolver shards) {
    this(store, fragments, shards, fragment -> null);
  }

  /**
   * Like {@link #QueryEngine(Store, FragmentRunner, ShardResolver)}; {@code placements} describes
   * where a fragment would run now, one {@code placement:} line per fragment in EXPLAIN (null: no
   * line).
   */
  public QueryEngine(
      Store store,
      FragmentRunner fragments,
      ShardResolver shards,
      Function<PlanNode, String> placements) {
    this(store, fragments, shards, placements, Runtime.getRuntime().availableProcessors());
  }

  private QueryEngine(
      Store store,
      FragmentRunner fragments,
      ShardResolver shards,
      Function<PlanNode, String> placements,
      int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.fragments = requireNonNull(fragments, "fragments is null");
    this.shards = requireNonNull(shards, "shards is null");
    this.placements = requireNonNull(placements, "placements is null");
    this.store = requireNonNull(store, "store is null");
    this.catalog =
        new StoreCatalog(
            store, List.of(SystemTables.cache(this::cache), SystemTables.datasets(store)));
    this.cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
    this.plans = new PlanCache(new PlanStore(store.home().resolve("cache").resolve("plans")));
    this.roots = new DatasetRoots(store.datasets());
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, daemonThreads());
  }

  /**
   * The types of a query's {@code ?} parameters, in order, inferred from where they stand (for
   * clients that bind values to a prepared statement).
   */
  public List<DataType> parameterTypes(String sql) {
    return new SqlFrontend(catalog).parameterTypes(sql);
  }

  /**
   * Runs one statement: a query, VALUES, SHOW DATASETS, SHOW CACHE, DESCRIBE t, EXPLAIN [VERBOSE]
   * query or EXPLAIN ANALYZE query.
   */
  public QueryResult execute(String sql, QueryOptions options) {
    requireNonNull(sql, "sql is null");
    requireNonNull(options, "options is null");
    PlanNode plan;
    try {
      Statement statement = SHOW_CACHE.matcher(sql).matches() ? null : StatementClassifier.classify(sql);
      if (statement == null) {
        plan = showCache();
      } else if (statement instanceof Statement.ExplainAnalyze a) {
        return explainAnalyze(a, options);
      } else if (statement instanceof Statement.Query q && SystemSchema.mentionedIn(q.sql())) {
        // System tables are read when planned: never from the plan cache, never kept as results.
        return runUncached(new QueryPlanner(catalog).plan(q.sql()).root(), options);
      } else if (statement instanceof Statement.Query q) {
        plan =
            plans
                .get(q.sql(), catalogRoots(), catalog, () -> new QueryPlanner(catalog).plan(q.sql()))
                .root();
      } else if (statement instanceof Statement.Explain e) {
        plan = explain(e, options);
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

  /**
   * Every table a query can name, for metadata calls (JDBC, Flight SQL, completion): each dataset
   * with its columns and latest root, then each system table.
   */
  public List<TableInfo> tables() {
    List<TableInfo> out = new ArrayList<>();
    for (String name : store.datasets().names()) {
      DatasetVersion latest = store.datasets().latest(name).orElse(null);
      if (latest == null) {
        continue;
      }
      TableDefinition table = catalog.table(name, latest.root());
      out.add(TableInfo.dataset(name, table.columns(), table.root()));
    }
    for (SystemTable table : catalog.systemTables()) {
      out.add(TableInfo.system(table.name(), table.columns()));
    }
    return out;
  }

  /** Every dataset's name and latest root: what a table name in a query can mean right now. */
  private Map<String, String> catalogRoots() {
    return roots.current();
  }

  private QueryResult run(PlanNode plan, QueryOptions options) {
    BufferAllocator allocator =
        rootAllocator.newChildAllocator(
            "query-" + queryIds.incrementAndGet(), 0, options.memoryLimitBytes());
    try {
      ExecContext ctx =
          new ExecContext(
              allocator,
              shards,
              pool,
              options.batchSize(),
              options.cache() ? cache.fragmentRunner(fragments) : fragments);
      Operator operator;
      if (options.cache()) {
        Predicate<PlanNode> cached = memoized(this::cached);
        computeAhead(plan, cached, options);
        operator =
            cache.query(
                plan,
                () -> {
                  PlanNode merges = MergeChoice.of(plan, cached, cache::knownTooLarge);
                  return Executor.build(ComputedFirst.of(merges, cached), ctx);
                },
                ctx);
      } else {
        operator = Executor.build(MergeChoice.perShard(plan), ctx);
      }
      // A cached plan's columns are kept with its key: deriving them walks the whole plan.
      List<Column> columns =
          operator instanceof CachedOperator cached ? cached.columns() : plan.schema();
      return new OperatorResult(columns, operator, allocator, options.memoryLimitBytes());
    } catch (Throwable t) {
      allocator.close();
      throw EngineErrors.translate(t, options.memoryLimitBytes());
    }
  }

  /**
   * Starts the fragments worth computing before the query is ready (see {@link AheadFragments}),
   * each in its own allocator under the query's memory limit, through the same runner as the
   * query's own fragments (here or on a holder).
   */
  private void computeAhead(PlanNode plan, Predicate<PlanNode> cached, QueryOptions options) {
    if (cache.ranBefore(plan)) {
      return; // a plan run before: its result is most likely cached as a whole
    }
    AheadFragments.start(
        plan,
        cached,
        threads,
        fragment -> {
          BufferAllocator allocator =
              rootAllocator.newChildAllocator(
                  "ahead-" + queryIds.incrementAndGet(), 0, options.memoryLimitBytes());
          ExecContext ctx =
              new ExecContext(allocator, shards, pool, options.batchSize(), fragments);
          cache.computeAhead(
              fragment,
              () -> fragments.run(fragment, () -> Executor.build(fragment, ctx), ctx),
              ctx,
              () -> closeQuietly(allocator));
        });
  }

  private static void closeQuietly(BufferAllocator allocator) {
    try {
      allocator.close();
    } catch (RuntimeException e) {
      // Only a failed computation can leave buffers behind; the query computes it again.
    }
  }

  /** {@code test}, asked at most once per plan node (by identity). */
  private static Predicate<PlanNode> memoized(Predicate<PlanNode> test) {
    Map<PlanNode, Boolean> answers = Collections.synchronizedMap(new IdentityHashMap<>());
    return node -> answers.computeIfAbsent(node, test::test);
  }

  /** Whether the result cache holds {@code fragment}'s result (in memory or in the store). */
  private boolean cached(PlanNode fragment) {
    return !FragmentKey.shards(fragment).isEmpty()
        && cache.resultOf(cache.fragmentKey(fragment)).isPresent();
  }

  private PlanNode explain(Statement.Explain explain, QueryOptions options) {
    PlannedQuery planned = new QueryPlanner(catalog).plan(explain.sql(), explain.verbose());
    List<List<Object>> rows = new ArrayList<>();
    for (String line : planned.explain(explain.verbose())) {
      rows.add(List.of(line));
    }
    Collection<PlanNode> inputs = new LinkedHashSet<>();
    collectFragments(planned.root(), inputs);
    for (PlanNode fragment : inputs) {
      String placement = placements.apply(fragment);
      if (placement != null) {
        rows.add(List.of("placement: " + placement));
      }
    }
    if (options.cache()) {
      rows.add(List.of(cacheLine(planned.root())));
    }
    return new ValuesNode(List.of(new Column("plan", TEXT)), rows);
  }

  /** What the result cache holds for a plan: the whole result, and how many fragments. */
  private String cacheLine(PlanNode root) {
    Collection<PlanNode> fragments = new LinkedHashSet<>();
    collectFragments(root, fragments);
    long cached = fragments.stream().filter(f -> cache.resultOf(cache.fragmentKey(f)).isPresent()).count();
    String query =
        cache
            .resultOf(cache.queryKey(root))
            .map(cid -> "query cached result=" + cid)
            .orElse("query not cached key=" + cache.queryKey(root));
    return "cache: " + query + ", fragments cached " + cached + " of " + fragments.size();
  }

  /**
   * The fragments of a plan, each once: a broadcast build's fragments appear in every per-shard
   * join fragment that carries the build.
   */
  private static void collectFragments(PlanNode node, Collection<PlanNode> out) {
    if (node instanceof ExchangeNode exchange) {
      for (PlanNode input : exchange.inputs()) {
        if (!FragmentKey.shards(input).isEmpty()) {
          out.add(input);
        }
      }
    }
    for (PlanNode input : node.inputs()) {
      collectFragments(input, out);
    }
  }

  /** SHOW CACHE: hits, misses, bytes saved and entries per cache level and kind of result. */
  private PlanNode showCache() {
    return new ValuesNode(SystemTables.CACHE_COLUMNS, SystemTables.cacheRows(cache));
  }

  /**
   * EXPLAIN ANALYZE: plans now (so a bad query fails here), runs the query when the result is first
   * read (a client asking only for the schema runs nothing).
   */
  private QueryResult explainAnalyze(Statement.ExplainAnalyze statement, QueryOptions options) {
    PlannedQuery planned = new QueryPlanner(catalog).plan(statement.sql());
    List<Column> columns = List.of(new Column("plan", TEXT));
    return new DeferredResult(
        columns, () -> runUncached(new ValuesNode(columns, analyze(planned, options)), options));
  }

  /**
   * Runs the plan as a query would run (the result cache per {@code options}, fragments through
   * the engine's runner), draining its rows; returns EXPLAIN's lines, one line per fragment (see
   * {@link FragmentProfile#line()}) and the totals.
   */
  private List<List<Object>> analyze(PlannedQuery planned, QueryOptions options) {
    PlanNode plan = planned.root();
    QueryProfile profile = new QueryProfile(plan, f -> cache.fragmentKey(f).cid());
    FragmentRunner runner = new AnalyzingRunner(profile, options.cache() ? cache : null, fragments);
    long rows;
    long nanos;
    String level = options.cache() ? "none" : "off";
    Cid result = null;
    long saved = 0;
    boolean answeredFromCache = false;
    long start = System.nanoTime();
    try (BufferAllocator allocator =
        rootAllocator.newChildAllocator(
            "analyze-" + queryIds.incrementAndGet(), 0, options.memoryLimitBytes())) {
      ExecContext ctx = new ExecContext(allocator, shards, pool, options.batchSize(), runner);
      try (Operator operator =
          options.cache()
              ? cache.query(plan, () -> Executor.build(plan, ctx), ctx)
              : Executor.build(plan, ctx)) {
        rows = Operator.drain(operator);
        nanos = System.nanoTime() - start;
        if (operator instanceof CachedOperator query) {
          level = query.level().orElse("computed");
          result = query.resultCid().orElse(null);
          answeredFromCache = query.hit();
        }
      }
    } catch (Throwable t) {
      throw EngineErrors.translate(t, options.memoryLimitBytes());
    }
    if (answeredFromCache) {
      saved = FragmentKey.inputBytes(plan);
    }
    List<List<Object>> lines = new ArrayList<>();
    for (String line : planned.explain(false)) {
      lines.add(List.of(line));
    }
    for (FragmentProfile fragment : profile.fragments()) {
      lines.add(List.of(fragment.line()));
      for (String partitioned : fragment.partitionedLines()) {
        lines.add(List.of("  " + partitioned));
      }
    }
    lines.add(List.of(profile.totals(rows, nanos, level, result, saved)));
    if (answeredFromCache) {
      lines.add(List.of("answered from the query result cache (" + level + "): no fragment ran"));
    }
    return lines;
  }

  /**
   * Runs a plan without the query result cache (fragments still go through it): for plans that
   * hold rows read at planning (system tables) and for EXPLAIN ANALYZE's own output.
   */
  private QueryResult runUncached(PlanNode plan, QueryOptions options) {
    BufferAllocator allocator =
        rootAllocator.newChildAllocator(
            "query-" + queryIds.incrementAndGet(), 0, options.memoryLimitBytes());
    try {
      ExecContext ctx =
          new ExecContext(
              allocator,
              shards,
              pool,
              options.batchSize(),
              options.cache() ? cache.fragmentRunner(fragments) : fragments);
      return new OperatorResult(
          plan.schema(), Executor.build(plan, ctx), allocator, options.memoryLimitBytes());
    } catch (Throwable t) {
      allocator.close();
      throw EngineErrors.translate(t, options.memoryLimitBytes());
    }
  }

  /** The engine's result cache (fragments and whole queries; see docs/cache.md). */
  public ResultCache cache() {
    return cache;
  }

  private PlanNode showDatasets() {
    return new ValuesNode(SystemTables.DATASETS_COLUMNS, SystemTables.datasetRows(store));
  }

  private PlanNode describe(String reference) {
    Optional<SystemTable> system = catalog.systemTable(reference);
    if (system.isPresent()) {
      return describeColumns(system.get().columns());
    }
    TableDefinition table =
        catalog
            .resolve(reference)
            .orElseThrow(
                () -> new QuarryException(ErrorCode.NOT_FOUND, "Table '" + reference + "' not found"));
    return describeColumns(table.columns());
  }

  private static PlanNode describeColumns(List<Column> columns) {
    List<Column> schema =
        List.of(
            new Column("column_name", TEXT),
            new Column("type", TEXT),
            new Column("nullable", DataType.of(TypeKind.BOOLEAN).withNullable(false)));
    List<List<Object>> rows = new ArrayList<>();
    for (Column c : columns) {
      rows.add(List.of(c.name(), c.type().sqlName(), c.type().nullable()));
    }
    return new ValuesNode(schema, rows);
  }

  @Override
  public void close() {
    // Work still running (e.g. fragments computed ahead that no query read) stops first, then
    // results and plans written in the background reach the store before it may close.
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    cache.releaseAhead();
    cache.flush();
    Allocators.closeWhenReleased(rootAllocator);
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
