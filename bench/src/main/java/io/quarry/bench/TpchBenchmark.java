package io.quarry.bench;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * TPC-H side by side with DuckDB: generates the tables once per scale factor, imports them as
 * datasets, then for each query warms up both engines and times {@code runs} alternating runs of
 * Quarry (embedded, result cache off) and DuckDB (in this process, over the same Parquet files, the
 * same number of threads). Prints one line per query and the geometric mean of the ratios, and
 * writes results.json and results.md into {@code <resultsDir>/<timestamp>/}. With {@code
 * --connect} the tables are imported into a running cluster and Quarry's side runs there over
 * Flight SQL; DuckDB still runs here over the same Parquet bytes.
 */
public final class TpchBenchmark {
  /** A single Quarry run over this long is abandoned (see {@link Options#timeoutSeconds()}). */
  public static final long DEFAULT_TIMEOUT_SECONDS = 600;

  /**
   * Why the memory columns are empty with {@code --connect}: this JVM's heap says nothing about
   * the node's, and nodes do not report their queries' memory.
   */
  static final String HEAP_PEAK_NOTE =
      "not measured with --connect: Quarry runs in the node's JVM, whose memory this benchmark"
          + " cannot see (its own heap is only the client's)";

  /** Copies of each shard when the tables are imported into a cluster ({@code --connect}). */
  static final int CLUSTER_REPLICAS = 1;

  private TpchBenchmark() {}

  /**
   * What to run. {@code connect} (HOST:PORT of a running node) is null for the embedded engine;
   * {@code ingest} adds the import and CID throughput measurements.
   */
  public record Options(
      double scaleFactor,
      List<Integer> queries,
      int runs,
      int warmups,
      boolean check,
      String connect,
      int threads,
      Path dataDir,
      Path resultsDir,
      boolean ingest,
      long timeoutSeconds) {
    public Options {
      requireNonNull(queries, "queries is null");
      requireNonNull(dataDir, "dataDir is null");
      requireNonNull(resultsDir, "resultsDir is null");
      queries = List.copyOf(queries);
      if (!(scaleFactor > 0)) {
        throw invalid("scale factor must be > 0, not " + scaleFactor);
      }
      if (queries.isEmpty()) {
        throw invalid("no queries selected");
      }
      for (int q : queries) {
        if (q < 1 || q > TpchQueries.COUNT) {
          throw invalid("TPC-H queries are numbered 1 to 22, not " + q);
        }
      }
      if (runs < 1) {
        throw invalid("runs must be at least 1, not " + runs);
      }
      if (warmups < 0) {
        throw invalid("warm-ups must be >= 0, not " + warmups);
      }
      if (threads < 1) {
        throw invalid("threads must be at least 1, not " + threads);
      }
      if (timeoutSeconds < 0) {
        throw invalid("timeout must be >= 0 seconds (0 = none), not " + timeoutSeconds);
      }
    }

    /**
     * SF 1, all 22 queries, 3 runs after 1 warm-up, no check, embedded, one thread per core, data
     * in {@code bench-data/} and results in {@code results/} under the repository root.
     */
    public static Options defaults() {
      Path root = Directories.repoRoot();
      return new Options(
          1,
          TpchQueries.all(),
          3,
          1,
          false,
          null,
          Runtime.getRuntime().availableProcessors(),
          root.resolve("bench-data"),
          root.resolve("results"),
          true,
          DEFAULT_TIMEOUT_SECONDS);
    }

    public Options withScaleFactor(double sf) {
      return new Options(
          sf,
          queries,
          runs,
          warmups,
          check,
          connect,
          threads,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withQueries(List<Integer> q) {
      return new Options(
          scaleFactor,
          q,
          runs,
          warmups,
          check,
          connect,
          threads,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withRuns(int r) {
      return new Options(
          scaleFactor,
          queries,
          r,
          warmups,
          check,
          connect,
          threads,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withWarmups(int w) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          w,
          check,
          connect,
          threads,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withCheck(boolean c) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          c,
          connect,
          threads,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withConnect(String hostPort) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          check,
          hostPort,
          threads,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withThreads(int t) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          check,
          connect,
          t,
          dataDir,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withDataDir(Path d) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          check,
          connect,
          threads,
          d,
          resultsDir,
          ingest,
          timeoutSeconds);
    }

    public Options withResultsDir(Path d) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          check,
          connect,
          threads,
          dataDir,
          d,
          ingest,
          timeoutSeconds);
    }

    /** Seconds a single Quarry run may take before the query is abandoned; 0 = no limit. */
    public Options withTimeoutSeconds(long t) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          check,
          connect,
          threads,
          dataDir,
          resultsDir,
          ingest,
          t);
    }

    public Options withIngest(boolean i) {
      return new Options(
          scaleFactor,
          queries,
          runs,
          warmups,
          check,
          connect,
          threads,
          dataDir,
          resultsDir,
          i,
          timeoutSeconds);
    }

    private static QuarryException invalid(String message) {
      return new QuarryException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** Parses a list such as {@code 1,6,14} or {@code 1-5,9}. */
    public static List<Integer> parseQueries(String spec) {
      List<Integer> result = new ArrayList<>();
      for (String part : spec.split(",")) {
        String p = part.trim().toLowerCase(Locale.ROOT).replace("q", "");
        if (p.isEmpty()) {
          continue;
        }
        try {
          int dash = p.indexOf('-');
          if (dash > 0) {
            int from = Integer.parseInt(p.substring(0, dash).trim());
            int to = Integer.parseInt(p.substring(dash + 1).trim());
            for (int q = from; q <= to; q++) {
              result.add(q);
            }
          } else {
            result.add(Integer.parseInt(p));
          }
        } catch (NumberFormatException e) {
          throw invalid("bad query list '" + spec + "': expected numbers such as 1,6,14 or 1-5");
        }
      }
      return result;
    }
  }

  public static BenchmarkReport run(Options options, PrintStream out)
      throws IOException, SQLException {
    requireNonNull(options, "options is null");
    requireNonNull(out, "out is null");
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Path resultsDirectory =
        options.resultsDir().resolve(now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

    TpchData data =
        TpchData.prepare(options.scaleFactor(), options.dataDir(), options.threads(), out);
    boolean cluster = options.connect() != null;
    TpchDatasets datasets = null;
    if (cluster) {
      ClusterDatasets.importAll(data, options.connect(), CLUSTER_REPLICAS, out);
    } else {
      datasets = TpchDatasets.prepare(data, out);
    }
    // DuckDB reads the shards the embedded store keeps, or the generated files the cluster's
    // shards were imported from byte for byte.
    Map<String, List<Path>> duckFiles = cluster ? data.files() : datasets.shardFiles();

    List<IngestMeasurement> ingest = List.of();
    if (options.ingest() && !cluster) {
      out.println("Ingest throughput:");
      ingest = IngestBenchmark.measure(data, out);
    }

    List<QueryMeasurement> measurements = new ArrayList<>();
    Map<String, String> setup = new LinkedHashMap<>();
    try (QuarryClient quarry =
            cluster
                ? QuarryClient.connect(options.connect())
                : new QuarryClient(datasets.storeHome(), options.threads());
        DuckDbEngine duckdb = new DuckDbEngine(duckFiles, options.threads())) {
      setup.put("scale factor", TpchData.scaleName(options.scaleFactor()));
      setup.put(
          "queries",
          options.queries().stream().map(String::valueOf).collect(Collectors.joining(",")));
      setup.put("runs", options.runs() + " measured after " + options.warmups() + " warm-up");
      setup.put("threads", String.valueOf(options.threads()));
      setup.put(
          "Quarry",
          quarry.version()
              + (cluster
                  ? " (cluster at " + options.connect() + ", Flight SQL, cache=off)"
                  : " (embedded, cache=off)"));
      setup.put("DuckDB", duckdb.version() + " (JDBC, same process)");
      setup.put(
          "Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
      setup.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
      setup.put("memory", machineMemory());
      setup.put("max heap", Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
      setup.put("started", now.toString());
      setup.put("check", String.valueOf(options.check()));
      setup.put(
          "time limit per Quarry run",
          options.timeoutSeconds() == 0 ? "none" : options.timeoutSeconds() + " s");
      setup.put("load average at start", loadAverage());
      if (cluster) {
        setup.put("Quarry memory", HEAP_PEAK_NOTE);
      }

      out.println();
      out.print(ReportWriter.header());
      for (int q : options.queries()) {
        QueryMeasurement m = measure(q, options, quarry, duckdb, cluster);
        measurements.add(m);
        out.print(ReportWriter.row(m));
        if (quarry.abandonedQueryStillRunning()) {
          String warning =
              "a Quarry query abandoned at its time limit was still running after "
                  + TpchQueries.name(q)
                  + "; it competes for CPU with the measurements after it";
          setup.putIfAbsent("warning", warning);
          out.println("warning: " + warning);
        }
      }
    }
    BenchmarkReport report = new BenchmarkReport(setup, measurements, ingest, resultsDirectory);
    if (cluster) {
      out.println("n/a: " + HEAP_PEAK_NOTE);
    }
    double geo = report.geometricMeanRatio();
    out.printf(
        Locale.ROOT,
        "%nGeometric mean of the ratios (Quarry/DuckDB): %s%n",
        Double.isNaN(geo) ? "-" : String.format(Locale.ROOT, "%.2fx", geo));
    if (options.check()) {
      out.printf(
          "Answers: %d checked, %d mismatched, %d failed%n",
          measurements.size(), report.mismatches(), report.failures());
    }
    ReportWriter.write(report);
    out.println("Results written to " + resultsDirectory);
    return report;
  }

  private static QueryMeasurement measure(
      int query, Options options, QuarryClient quarry, DuckDbEngine duckdb, boolean cluster) {
    String name = TpchQueries.name(query);
    String sql = TpchQueries.sql(query);
    HeapPeak heap = new HeapPeak();
    QueryAnswer quarryAnswer = null;
    QueryAnswer duckAnswer = null;
    String quarryError = null;
    boolean quarryTimedOut = false;
    String duckError = null;
    for (int w = 0; w < options.warmups(); w++) {
      if (quarryError == null) {
        try {
          quarryAnswer = quarry.run(sql, options.timeoutSeconds());
        } catch (SQLException | RuntimeException e) {
          quarryError = message(e);
          quarryTimedOut = e instanceof QuarryClient.QueryTimeoutException;
        }
      }
      if (duckError == null) {
        try {
          duckAnswer = duckdb.run(sql);
        } catch (SQLException | RuntimeException e) {
          duckError = message(e);
        }
      }
    }
    double[] quarryMs = new double[options.runs()];
    double[] duckMs = new double[options.runs()];
    long peak = 0;
    long arrowPeak = 0;
    for (int r = 0; r < options.runs(); r++) {
      if (quarryError == null) {
        System.gc();
        heap.reset();
        long start = System.nanoTime();
        try {
          quarryAnswer = quarry.run(sql, options.timeoutSeconds());
          quarryMs[r] = (System.nanoTime() - start) / 1e6;
          peak = Math.max(peak, heap.peakBytes());
          arrowPeak = Math.max(arrowPeak, quarry.lastPeakMemoryBytes());
        } catch (SQLException | RuntimeException e) {
          quarryError = message(e);
          quarryTimedOut = e instanceof QuarryClient.QueryTimeoutException;
        }
      }
      if (duckError == null) {
        System.gc();
        long start = System.nanoTime();
        try {
          duckAnswer = duckdb.run(sql);
          duckMs[r] = (System.nanoTime() - start) / 1e6;
        } catch (SQLException | RuntimeException e) {
          duckError = message(e);
        }
      }
    }
    long rows =
        quarryAnswer != null
            ? quarryAnswer.rows().size()
            : duckAnswer != null ? duckAnswer.rows().size() : 0;
    String check = options.check() ? "ok" : "-";
    String message = "";
    if (quarryError != null) {
      check = quarryTimedOut ? "timeout" : "error";
      message = "Quarry: " + quarryError;
    } else if (duckError != null) {
      check = "error";
      message = "DuckDB: " + duckError;
    } else if (options.check()) {
      ResultComparator.Comparison c =
          ResultComparator.compare(duckAnswer, quarryAnswer, SqlText.hasTopLevelOrderBy(sql));
      if (!c.matches()) {
        check = "MISMATCH";
        message = c.difference();
      }
    }
    return new QueryMeasurement(
        name,
        rows,
        quarryError == null ? median(quarryMs) : Double.NaN,
        duckError == null ? median(duckMs) : Double.NaN,
        cluster ? QueryMeasurement.NOT_MEASURED : quarryError == null ? arrowPeak : 0,
        cluster ? QueryMeasurement.NOT_MEASURED : quarryError == null ? peak : 0,
        check,
        message);
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }

  private static String machineMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return String.format(Locale.ROOT, "%.1f GB", os.getTotalMemorySize() / 1e9);
    }
    return "unknown";
  }
}
