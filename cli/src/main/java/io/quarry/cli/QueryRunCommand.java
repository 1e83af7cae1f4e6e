package io.quarry.cli;

import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cache.SavedQueries;
import io.quarry.cid.Cid;
import io.quarry.cli.output.ResultFormat;
import io.quarry.store.Store;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a saved query and prints its rows and its result CID. */
@Command(
    name = "run",
    description = {
      "Run the saved query QUERY_CID and print its rows, then `result RESULT_CID` (on stdout for"
          + " the table format, on stderr for csv and json).",
      "Its fragments go through the result cache; the result is stored, so the same query over"
          + " the same data answers from the store and gives the same result CID."
    })
final class QueryRunCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "QUERY_CID", description = "A CID printed by `quarry query save`.")
  String cid;

  @Option(
      names = "--on",
      paramLabel = "NAME|ROOT_CID",
      description = "Run over this dataset (its latest version) or this root instead of the table"
          + " the query names; the query must read exactly one table.")
  String on;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "table (default), csv or json, as for `quarry sql`.")
  ResultFormat.Kind format;

  QueryRunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (Store store = context.openStore()) {
      String sql = SavedQueries.load(Cid.parse(cid), store.blocks());
      if (on != null) {
        sql = TableBinding.bind(sql, TableBinding.resolve(store, on));
      }
      ResultCache cache = ResultCache.open(store, ResultCacheConfig.DEFAULTS);
      ResultFormat out = QueryRunner.format(format, context.out(), Long.MAX_VALUE);
      CachedQuery.Outcome outcome = CachedQuery.run(store, cache, sql, out::begin, out::batch);
      out.end();
      PrintStream summary = format == ResultFormat.Kind.TABLE ? context.out() : context.err();
      summary.printf(
          "result %s (%d %s, %s)%n",
          outcome.resultCid(),
          outcome.rows(),
          outcome.rows() == 1 ? "row" : "rows",
          outcome.hit() ? "from cache" : "computed");
    }
    return ErrorReporter.OK;
  }
}
