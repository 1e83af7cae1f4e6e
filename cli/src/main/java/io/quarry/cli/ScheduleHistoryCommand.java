package io.quarry.cli;

import io.quarry.cache.schedule.ScheduleRun;
import io.quarry.cache.schedule.ScheduleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows the runs of a schedule. */
@Command(name = "history", description = "Show every run of schedule NAME, oldest first.")
final class ScheduleHistoryCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME", description = "Name of the schedule.")
  String name;

  ScheduleHistoryCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    List<ScheduleRun> runs = new ScheduleStore(context.home()).history(name);
    if (runs.isEmpty()) {
      context.out().println("no runs yet");
      return ErrorReporter.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ScheduleRun r : runs) {
      rows.add(ScheduleRunDueCommand.describe(r));
    }
    ScheduleRunDueCommand.table(context.out(), ScheduleRunDueCommand.HEADER, rows);
    return ErrorReporter.OK;
  }
}
