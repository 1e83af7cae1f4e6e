package io.quarry.cli;

import io.quarry.cache.SavedQueries;
import io.quarry.cid.Cid;
import io.quarry.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Stores SQL as a dag-json block and prints its query CID. */
@Command(
    name = "save",
    description = {
      "Store SQL as a query object (a dag-json block) and print its query CID.",
      "The same text always gets the same CID. The SQL is checked for syntax, not against tables."
    })
final class QuerySaveCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "SQL", description = "The query (SELECT, VALUES or WITH).")
  String sql;

  QuerySaveCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String text = QueryRunner.stripTerminator(sql);
    CachedQuery.requireQuery(text);
    try (Store store = context.openStore()) {
      Cid cid = SavedQueries.save(text, store.blocks());
      context.out().println(cid);
    }
    return ErrorReporter.OK;
  }
}
