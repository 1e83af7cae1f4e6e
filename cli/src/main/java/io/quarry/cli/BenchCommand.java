package io.quarry.cli;

import io.quarry.bench.BenchmarkReport;
import io.quarry.bench.CacheBenchmark;
import io.quarry.bench.TpchBenchmark;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Benchmarks side by side with DuckDB. */
@Command(
    name = "bench",
    description = "Benchmarks against DuckDB on the same Parquet files (never part of mvn verify).",
    subcommands = {BenchCommand.Tpch.class, BenchCommand.Cache.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing benchmark: tpch or cache");
  }

  /** TPC-H: generate (cached per scale factor), import, run each query in Quarry and DuckDB. */
  @Command(
      name = "tpch",
      description = {
        "Generate TPC-H at scale factor SF (once; cached), import the tables as datasets, then"
            + " time each query in Quarry (embedded, result cache off) and in DuckDB over the same"
            + " Parquet files, alternating after a warm-up.",
        "Prints one row per query (rows, medians, ratio, peak memory) and the geometric mean of"
            + " the ratios; writes the same table as JSON and Markdown into the results folder."
      })
  static final class Tpch implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--sf",
        paramLabel = "SF",
        defaultValue = "1",
        description = "Scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(
        names = "--queries",
        paramLabel = "LIST",
        description = "Queries to run, e.g. 1,6,14 or 1-5 (default: all 22).")
    String queries;

    @Option(
        names = "--runs",
        paramLabel = "R",
        defaultValue = "3",
        description = "Timed runs per query and engine (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--warmups",
        paramLabel = "W",
        defaultValue = "1",
        description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(
        names = "--check",
        description = "Compare the answers of both engines and mark every mismatch.")
    boolean check;

    @Option(
        names = "--connect",
        paramLabel = "HOST:PORT",
        description = "Run against a running node instead of the embedded engine.")
    String connect;

    @Option(
        names = "--threads",
        paramLabel = "N",
        description =
            "Threads for both engines (default: one per core); with --connect, DuckDB's only (a"
                + " node runs on its own).")
    Integer threads;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where generated tables are cached (default: bench-data/ in the repository).")
    Path dataDir;

    @Option(
        names = "--results-dir",
        paramLabel = "DIR",
        description = "Where results are written (default: results/ in the repository).")
    Path resultsDir;

    @Option(
        names = "--no-ingest",
        negatable = false,
        description = "Skip the import and CID throughput measurements.")
    boolean noIngest;

    Tpch(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      TpchBenchmark.Options options;
      try {
        options =
            TpchBenchmark.Options.defaults()
                .withScaleFactor(scaleFactor)
                .withRuns(runs)
                .withWarmups(warmups)
                .withCheck(check)
                .withConnect(connect)
                .withIngest(!noIngest);
        if (queries != null) {
          options = options.withQueries(TpchBenchmark.Options.parseQueries(queries));
        }
        if (threads != null) {
          options = options.withThreads(threads);
        }
        if (dataDir != null) {
          options = options.withDataDir(dataDir.toAbsolutePath());
        }
        if (resultsDir != null) {
          options = options.withResultsDir(resultsDir.toAbsolutePath());
        }
      } catch (IllegalArgumentException e) {
        throw new QuarryException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
      BenchmarkReport report = TpchBenchmark.run(options, context.out());
      context.out().flush();
      if (report.failures() > 0 || report.mismatches() > 0) {
        context
            .err()
            .printf(
                "error: %d queries failed and %d answers differ from DuckDB's (see the table"
                    + " above)%n",
                report.failures(), report.mismatches());
        return ErrorReporter.OTHER_ERROR;
      }
      return ErrorReporter.OK;
    }
  }

  /** The result cache on TPC-H Q1: cold vs repeated run, then a run after appending rows. */
  @Command(
      name = "cache",
      description = {
        "In a fresh store holding TPC-H lineitem at scale factor SF: Q1 with the result cache off,"
            + " then on (cold, then repeated); then append 1%% more rows as a new version and run"
            + " Q1 with the cache on and off.",
        "Prints the times and the fragments executed and served from the cache; writes them as"
            + " JSON and Markdown into the results folder."
      })
  static final class Cache implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--sf",
        paramLabel = "SF",
        defaultValue = "1",
        description = "Scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(
        names = "--runs",
        paramLabel = "R",
        defaultValue = "5",
        description = "Timed runs per median (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
        names = "--appends",
        paramLabel = "N",
        defaultValue = "5",
        description =
            "Measured appends per engine (running, restarted), after the warm-up ones; each"
                + " reports the median of its N fractions (default: ${DEFAULT-VALUE}).")
    int appends;

    @Option(
        names = "--warmup-appends",
        paramLabel = "W",
        defaultValue = "3",
        description =
            "Appends run first in each engine and shown but not counted: the JVM compiles the"
                + " re-run's code on them, as on a node that runs a recurring query"
                + " (default: ${DEFAULT-VALUE}).")
    int warmupAppends;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where generated tables are cached (default: bench-data/ in the repository).")
    Path dataDir;

    @Option(
        names = "--results-dir",
        paramLabel = "DIR",
        description = "Where results are written (default: results/ in the repository).")
    Path resultsDir;

    Cache(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws Exception {
      CacheBenchmark.Options options =
          CacheBenchmark.Options.defaults()
              .withScaleFactor(scaleFactor)
              .withRuns(runs)
              .withAppends(appends)
              .withWarmupAppends(warmupAppends);
      if (dataDir != null) {
        options = options.withDataDir(dataDir.toAbsolutePath());
      }
      if (resultsDir != null) {
        options = options.withResultsDir(resultsDir.toAbsolutePath());
      }
      CacheBenchmark.run(options, context.out());
      context.out().flush();
      return ErrorReporter.OK;
    }
  }
}
