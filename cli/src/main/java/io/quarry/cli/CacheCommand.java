package io.quarry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The result cache kept in the store. */
@Command(
    name = "cache",
    description = {
      "The result cache kept in the store (L2): fragment, merge and query results, found by the"
          + " key of what computed them (docs/cache.md). `quarry sql -e \"SHOW CACHE\"` shows"
          + " its counters."
    },
    subcommands = {CacheGcCommand.class})
final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: gc");
  }
}
