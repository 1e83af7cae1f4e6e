package io.quarry.bench;

import static java.util.Objects.requireNonNull;

import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result cache on TPC-H Q1. In a fresh store holding only lineitem: Q1 with the cache off (the
 * full computation, after a warm-up), then with the cache on twice over — the cold run computes and
 * stores, the repeat is answered from the cache. Then a fraction of new lineitem rows is appended
 * as a new version through the import path and Q1 runs with the cache on (the old shards' partial
 * aggregates come from the cache, only the new shard's run) and with the cache off: in the engine
 * that ran the earlier queries, as on a node that keeps running, and (other batches of rows) in a
 * fresh engine, as after a restart, which finds earlier results only in the store. Each of the two
 * starts with {@link Options#warmupAppends()} warm-up appends (shown, not counted: like the full
 * computation's first run, they run code the JVM has not compiled yet, which a node that runs a
 * recurring query has long compiled), then is done {@link Options#appends()} times, a new batch
 * each time, and reported by the median of its fractions, so one noisy sample does not decide the
 * outcome. Fragment counts come from the
 * cache's counters ({@code SHOW CACHE}).
 */
public final class CacheBenchmark {
  private static final int QUERY = 1;

  private CacheBenchmark() {}

  /**
   * What to run. {@code appendFraction}: rows appended as a fraction of lineitem's; {@code runs}:
   * measured runs for each median; {@code workDir}: where the fresh store goes (a new temporary
   * directory, deleted afterwards, when null; otherwise its store is replaced and kept).
   */
  public record Options(
      double scaleFactor,
      double appendFraction,
      int runs,
      Path dataDir,
      Path resultsDir,
      Path workDir,
      int appends,
      int warmupAppends) {
    public Options {
      requireNonNull(dataDir, "dataDir is null");
      requireNonNull(resultsDir, "resultsDir is null");
      if (!(scaleFactor > 0)) {
        throw invalid("scale factor must be > 0, not " + scaleFactor);
      }
      if (!(appendFraction > 0 && appendFraction <= 1)) {
        throw invalid("append fraction must be in (0, 1], not " + appendFraction);
      }
      if (runs < 1) {
        throw invalid("runs must be at least 1, not " + runs);
      }
      if (appends < 1) {
        throw invalid("appends must be at least 1, not " + appends);
      }
      if (warmupAppends < 0) {
        throw invalid("warm-up appends must be >= 0, not " + warmupAppends);
      }
    }

    /**
     * SF 1, 1% appended 5 times per engine after 3 warm-up appends, 5 runs, data in bench-data/
     * and results in results/.
     */
    public static Options defaults() {
      Path root = Directories.repoRoot();
      return new Options(
          1, 0.01, 5, root.resolve("bench-data"), root.resolve("results"), null, 5, 3);
    }

    public Options withScaleFactor(double sf) {
      return new Options(
          sf, appendFraction, runs, dataDir, resultsDir, workDir, appends, warmupAppends);
    }

    public Options withAppendFraction(double f) {
      return new Options(
          scaleFactor, f, runs, dataDir, resultsDir, workDir, appends, warmupAppends);
    }

    public Options withRuns(int r) {
      return new Options(
          scaleFactor, appendFraction, r, dataDir, resultsDir, workDir, appends, warmupAppends);
    }

    public Options withDataDir(Path d) {
      return new Options(
          scaleFactor, appendFraction, runs, d, resultsDir, workDir, appends, warmupAppends);
    }

    public Options withResultsDir(Path d) {
      return new Options(
          scaleFactor, appendFraction, runs, dataDir, d, workDir, appends, warmupAppends);
    }

    public Options withWorkDir(Path d) {
      return new Options(
          scaleFactor, appendFraction, runs, dataDir, resultsDir, d, appends, warmupAppends);
    }

    /** How many appends (each measured once) per engine; the report gives their median. */
    public Options withAppends(int n) {
      return new Options(
          scaleFactor, appendFraction, runs, dataDir, resultsDir, workDir, n, warmupAppends);
    }

    /** How many unmeasured appends run first in each engine. */
    public Options withWarmupAppends(int n) {
      return new Options(scaleFactor, appendFraction, runs, dataDir, resultsDir, workDir, appends, n);
    }

    private static QuarryException invalid(String message) {
      return new QuarryException(ErrorCode.INVALID_ARGUMENT, message);
    }
  }

  public static CacheReport run(Options options, PrintStream out) throws IOException, SQLException {
    requireNonNull(options, "options is null");
    requireNonNull(out, "out is null");
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Path resultsDirectory =
        options
            .resultsDir()
            .resolve(now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-cache");
    TpchData data =
        TpchData.prepare(
            options.scaleFactor(),
            options.dataDir(),
            Runtime.getRuntime().availableProcessors(),
            out);
    boolean temporary = options.workDir() == null;
    Path work =
        temporary ? Files.createTempDirectory("quarry-cache-bench-") : options.workDir();
    try {
      return measure(options, data, work, now, resultsDirectory, out);
    } finally {
      if (temporary) {
        Directories.delete(work);
      }
    }
  }

  private static CacheReport measure(
      Options options,
      TpchData data,
      Path work,
      ZonedDateTime now,
      Path resultsDirectory,
      PrintStream out)
      throws IOException, SQLException {
    Path home = work.resolve("store");
    Directories.delete(home);
    Files.createDirectories(work);
    String sql = TpchQueries.sql(QUERY);
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put("scale factor", TpchData.scaleName(options.scaleFactor()));
    setup.put("query", TpchQueries.name(QUERY));
    setup.put("runs", options.runs() + " per median");
    setup.put(
        "appends",
        options.appends()
            + " per engine after "
            + options.warmupAppends()
            + " warm-up appends, each re-run measured once; fractions are their median");
    setup.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    setup.put(
        "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    setup.put("started", now.toString());
    setup.put("load average at start", loadAverage());

    long start = System.nanoTime();
    DatasetManifest before;
    try (Store store = Store.open(home)) {
      ImportResult imported =
          DatasetImporter.run(
              store,
              data.files().get("lineitem"),
              new ImportOptions("lineitem", false, ImportOptions.DEFAULT_SHARD_ROWS, Map.of()),
              ImportProgress.NONE);
      before = imported.manifest();
      out.printf(
          Locale.ROOT,
          "lineitem imported into a fresh store %s in %.1f s: %s, %,d rows, %d shards%n",
          home,
          (System.nanoTime() - start) / 1e9,
          imported.version().root(),
          before.rows(),
          before.shards().size());
    }

    double fullMs;
    try (Connection off = connect(home, false)) {
      run(off, sql);
      fullMs = median(off, sql, options.runs());
    }
    out.printf(Locale.ROOT, "Q1, cache off: %.1f ms (median of %d)%n", fullMs, options.runs());

    double coldMs;
    CacheCounters cold;
    double repeatMs;
    CacheCounters repeat;
    long appendRows = Math.max(1, Math.round(before.rows() * options.appendFraction()));
    List<AppendRun> appends = new ArrayList<>();
    int batch = 1;
    try (Connection on = connect(home, true)) {
      CacheCounters c0 = CacheCounters.read(on);
      long t = System.nanoTime();
      run(on, sql);
      coldMs = (System.nanoTime() - t) / 1e6;
      CacheCounters c1 = CacheCounters.read(on);
      cold = c1.minus(c0);
      double[] ms = new double[options.runs()];
      for (int r = 0; r < ms.length; r++) {
        t = System.nanoTime();
        run(on, sql);
        ms[r] = (System.nanoTime() - t) / 1e6;
      }
      repeatMs = TpchBenchmark.median(ms);
      repeat = CacheCounters.read(on).minus(c1);
      out.printf(
          Locale.ROOT,
          "Q1, cache on: cold %.1f ms, repeated %.2f ms (median of %d)%n",
          coldMs,
          repeatMs,
          options.runs());
      // A node keeps running while an import appends: the same engine sees each new version.
      int total = options.warmupAppends() + options.appends();
      for (int i = 0; i < total; i++) {
        boolean warmUp = i < options.warmupAppends();
        appends.add(
            appendAndRun(options, home, work, batch++, appendRows, on, "running", warmUp, out));
      }
    }
    // After a restart only the store's level has the earlier results: a new engine each time.
    for (int i = 0; i < options.warmupAppends() + options.appends(); i++) {
      try (Connection fresh = connect(home, true)) {
        boolean warmUp = i < options.warmupAppends();
        appends.add(
            appendAndRun(options, home, work, batch++, appendRows, fresh, "fresh", warmUp, out));
      }
    }
    setup.put("load average at end", loadAverage());

    CacheReport report =
        new CacheReport(
            setup, fullMs, coldMs, cold, repeatMs, repeat, appends, resultsDirectory);
    out.println();
    out.print(report.table());
    report.write();
    out.println("Results written to " + resultsDirectory);
    return report;
  }

  /**
   * Appends batch {@code batch} of new rows as a new version of lineitem, runs Q1 once with the
   * cache on in {@code on}, then with the cache off (median) in a new connection.
   */
  private static AppendRun appendAndRun(
      Options options,
      Path home,
      Path work,
      int batch,
      long rows,
      Connection on,
      String engine,
      boolean warmUp,
      PrintStream out)
      throws IOException, SQLException {
    String sql = TpchQueries.sql(QUERY);
    int shardsBefore;
    int shardsAfter;
    try (Store store = Store.open(home)) {
      List<ShardInfo> old =
          DatasetManifests.load(store, store.datasets().latest("lineitem").orElseThrow().root())
              .shards();
      Path file =
          LineitemAppend.write(
              options.scaleFactor(), rows, batch, work.resolve("append-" + batch + ".parquet"));
      ImportResult appended = LineitemAppend.append(store, file);
      List<ShardInfo> now = appended.manifest().shards();
      if (!now.subList(0, old.size()).equals(old)) {
        throw new QuarryException(
            ErrorCode.INTERNAL_ERROR, "the append changed lineitem's existing shards");
      }
      shardsBefore = old.size();
      shardsAfter = now.size();
      out.printf(
          Locale.ROOT,
          "appended %,d rows: lineitem version %d, %s, %d shards%n",
          rows,
          appended.version().version(),
          appended.version().root(),
          shardsAfter);
    }
    CacheCounters c0 = CacheCounters.read(on);
    // The append (generating rows, writing Parquet, importing) ran in this JVM, which a real import
    // (another process) does not: collect its garbage now rather than during the measured query.
    System.gc();
    long t = System.nanoTime();
    QueryAnswer cachedAnswer = run(on, sql);
    double ms = (System.nanoTime() - t) / 1e6;
    CacheCounters counters = CacheCounters.read(on).minus(c0);
    double fullMs;
    QueryAnswer fullAnswer;
    try (Connection off = connect(home, false)) {
      fullAnswer = run(off, sql);
      fullMs = median(off, sql, options.runs());
    }
    boolean match =
        ResultComparator.compare(fullAnswer, cachedAnswer, SqlText.hasTopLevelOrderBy(sql))
            .matches();
    out.printf(
        Locale.ROOT,
        "Q1 after the append, %s engine%s: cache on %.1f ms (%d fragments executed, %d from cache;"
            + " %d merges executed, %d from cache), cache off %.1f ms%n",
        engine,
        warmUp ? " (warm-up)" : "",
        ms,
        counters.fragmentsExecuted(),
        counters.fragmentsServed(),
        counters.mergesExecuted(),
        counters.mergesServed(),
        fullMs);
    return new AppendRun(
        engine, rows, shardsBefore, shardsAfter, ms, counters, fullMs, match, warmUp);
  }

  private static Connection connect(Path home, boolean cache) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:quarry:local:" + home.toAbsolutePath() + ";cache=" + (cache ? "on" : "off"));
  }

  private static QueryAnswer run(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return QueryAnswer.read(rs);
    }
  }

  private static double median(Connection connection, String sql, int runs) throws SQLException {
    double[] ms = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t = System.nanoTime();
      run(connection, sql);
      ms[r] = (System.nanoTime() - t) / 1e6;
    }
    return TpchBenchmark.median(ms);
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }
}
