package io.quarry.cli;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.cli.DemoQueries.DemoQuery;
import io.quarry.cli.output.ResultFormat;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.node.engine.QueryEngine;
import io.quarry.store.Store;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Imports the bundled sample (taxi-like trips and their zones) and runs a few queries over it. */
@Command(
    name = "demo",
    description = {
      "Import a bundled sample dataset and run queries that show the engine.",
      "Imports the sample datasets 'trips' (5000 taxi-like trips in 5 shards) and"
          + " 'zones' into the store (once: a later run finds them by their CIDs), prints their"
          + " root CIDs, then runs a few queries, each with its result and time. Then the result"
          + " cache: the first query again, and an aggregate over 'trips_live' (the first 4000"
          + " trips) before and after the other 1000 are appended."
    })
final class DemoCommand implements Callable<Integer> {
  private static final int SHOWN_ROWS = 20;

  /** Small shards, so that even the sample has several and a date filter can skip some. */
  private static final long SAMPLE_SHARD_ROWS = 1000;

  private final CliContext context;

  DemoCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = context.out();
    Cid tripsRoot;
    try (Store store = context.openStore()) {
      out.println("Sample datasets in " + context.home() + ":");
      tripsRoot = ensureImported(store, "trips");
      ensureImported(store, "zones");
      out.println();
      int failures = 0;
      try (QueryEngine engine = new QueryEngine(store)) {
        List<DemoQuery> queries = DemoQueries.all(tripsRoot.toString());
        for (DemoQuery query : queries) {
          failures += run(engine, query.title(), query.sql()) ? 0 : 1;
        }
        failures += results(store, engine, queries.get(0).sql());
      }
      out.println("Try your own: ./quarry sql   (or ./quarry sql -e \"SELECT ...\")");
      return failures == 0 ? ErrorReporter.OK : ErrorReporter.OTHER_ERROR;
    }
  }

  /** Prints one query, its rows (the first few) and time; false if it failed. */
  private boolean run(QueryEngine engine, String title, String sql) {
    PrintStream out = context.out();
    out.println("-- " + title);
    out.println(sql + ";");
    out.flush();
    boolean ok = true;
    try {
      QueryRunner.Outcome outcome =
          QueryRunner.run(engine, sql, QueryRunner.format(ResultFormat.Kind.TABLE, out, SHOWN_ROWS));
      out.println(outcome.summary());
    } catch (Exception e) {
      ok = false;
      ErrorReporter.report(e, context);
    }
    out.println();
    out.flush();
    return ok;
  }

  /**
   * The result cache: the first query again (answered whole), then a recurring aggregate over
   * 'trips_live', the first 4000 trips, before and after the last 1000 are appended. Returns how
   * many of its queries failed.
   */
  private int results(Store store, QueryEngine engine, String firstQuery) throws IOException {
    int failures = 0;
    failures +=
        run(engine, "The result cache: the first query again, answered whole from the cache", firstQuery)
            ? 0
            : 1;
    DemoGrowingDataset live = new DemoGrowingDataset(store, context, resource("demo/trips.csv"));
    boolean toAppend = live.ensureFirstVersion();
    context.out().println();
    failures +=
        run(
                engine,
                "A recurring aggregate over a dataset that grows: trips_live starts as the first "
                    + DemoGrowingDataset.FIRST_ROWS
                    + " trips",
                DemoGrowingDataset.QUERY)
            ? 0
            : 1;
    if (toAppend) {
      live.appendTheRest();
      context.out().println();
    }
    failures +=
        run(
                engine,
                "What ran for the new version: EXPLAIN ANALYZE (right after the append, only the new"
                    + " shard's fragment is computed)",
                "EXPLAIN ANALYZE " + DemoGrowingDataset.QUERY)
            ? 0
            : 1;
    return failures;
  }

  /**
   * Imports one bundled CSV unless the dataset already holds it. The import is deterministic, so a
   * marker mapping the CSV's own CID to the root it gave is enough to know.
   */
  private Cid ensureImported(Store store, String name) throws IOException {
    byte[] csv = resource("demo/" + name + ".csv");
    Cid source =
        UnixFsWriter.writeFile(
            new ByteArrayInputStream(csv), ImportProfile.UNIXFS_V1_2025, b -> {});
    Path marker = context.home().resolve("demo").resolve(name + ".imported");
    Optional<DatasetVersion> latest = store.datasets().latest(name);
    if (latest.isPresent() && Files.isRegularFile(marker)) {
      List<String> recorded =
          List.of(Files.readString(marker, StandardCharsets.UTF_8).strip().split(" "));
      if (recorded.size() == 2
          && recorded.get(0).equals(source.toString())
          && recorded.get(1).equals(latest.get().root().toString())) {
        context
            .out()
            .printf(
                "  %-6s %s  (already imported, version %d)%n",
                name, latest.get().root(), latest.get().version());
        return latest.get().root();
      }
    }
    if (latest.isPresent()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "the store in "
              + context.home()
              + " already has a dataset '"
              + name
              + "' (version "
              + latest.get().version()
              + ", root "
              + latest.get().root()
              + ") that is not the"
              + " demo's sample; run the demo on another store, e.g. 'quarry demo --home"
              + " /tmp/quarry-demo'");
    }
    Path dir = Files.createTempDirectory("quarry-demo");
    try {
      Path file = Files.write(dir.resolve(name + ".csv"), csv);
      ImportResult result;
      try (ProgressReporter progress =
          new ProgressReporter(context.err(), "import " + name, context.stderrTerminal())) {
        result =
            DatasetImporter.run(
                store,
                List.of(file),
                new ImportOptions(name, false, SAMPLE_SHARD_ROWS, Map.of()),
                progress::update);
      }
      Cid root = result.version().root();
      Files.createDirectories(marker.getParent());
      Files.writeString(marker, source + " " + root + "\n", StandardCharsets.UTF_8);
      context
          .out()
          .printf(
              "  %-6s %s  (imported %d rows as version %d)%n",
              name, root, result.manifest().rows(), result.version().version());
      return root;
    } finally {
      Files.deleteIfExists(dir.resolve(name + ".csv"));
      Files.deleteIfExists(dir);
    }
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new QuarryException(
            ErrorCode.INTERNAL_ERROR, "the demo data " + name + " is missing from the build");
      }
      return in.readAllBytes();
    }
  }
}
