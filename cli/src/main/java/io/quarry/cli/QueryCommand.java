package io.quarry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Queries and results as content-addressed objects. */
@Command(
    name = "query",
    description = {
      "Queries as content-addressed objects: save SQL under its CID, run it by CID (on any"
          + " dataset version), read results back by their CID.",
      "A result is a UnixFS file of an Arrow IPC stream in the store: `quarry car export"
          + " RESULT_CID` exports it."
    },
    subcommands = {
      QuerySaveCommand.class,
      QueryShowCommand.class,
      QueryRunCommand.class,
      QueryResultCommand.class
    })
final class QueryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: save, show, run or result");
  }
}
