package io.quarry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Recurring queries. */
@Command(
    name = "schedule",
    description = {
      "Recurring queries: each run of a schedule can become a new version of a dataset.",
      "A node (`quarry serve`) runs due schedules by itself; without one, `quarry schedule"
          + " run-due` (e.g. from cron) runs what is due now. Cron times are UTC."
    },
    subcommands = {
      ScheduleAddCommand.class,
      ScheduleLsCommand.class,
      ScheduleHistoryCommand.class,
      ScheduleRmCommand.class,
      ScheduleRunCommand.class,
      ScheduleRunDueCommand.class
    })
final class ScheduleCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing subcommand: add, ls, history, rm, run or run-due");
  }
}
