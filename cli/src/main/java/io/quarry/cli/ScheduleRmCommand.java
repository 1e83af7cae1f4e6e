package io.quarry.cli;

import io.quarry.cache.schedule.ScheduleStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes a schedule. */
@Command(
    name = "rm",
    description = "Remove schedule NAME and its history (datasets it wrote are kept).")
final class ScheduleRmCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME", description = "Name of the schedule.")
  String name;

  ScheduleRmCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    new ScheduleStore(context.home()).remove(name);
    context.out().println("removed schedule " + name);
    return ErrorReporter.OK;
  }
}
