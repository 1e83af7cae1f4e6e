package io.quarry.cli;

import io.quarry.cache.SavedQueries;
import io.quarry.cid.Cid;
import io.quarry.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Prints the SQL of a saved query. */
@Command(name = "show", description = "Print the SQL of the saved query QUERY_CID.")
final class QueryShowCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "QUERY_CID", description = "A CID printed by `quarry query save`.")
  String cid;

  QueryShowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    try (Store store = context.openStore()) {
      context.out().println(SavedQueries.load(Cid.parse(cid), store.blocks()));
    }
    return ErrorReporter.OK;
  }
}
