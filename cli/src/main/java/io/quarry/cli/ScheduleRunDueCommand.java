package io.quarry.cli;

import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cache.schedule.ScheduleRun;
import io.quarry.cache.schedule.ScheduleStore;
import io.quarry.cache.schedule.Scheduler;
import io.quarry.cli.output.TextTable;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs every schedule that is due now. */
@Command(
    name = "run-due",
    description = {
      "Run every schedule that is due now, once each (missed times are caught up with one run),"
          + " and record the runs. Needs no node: call it from cron to run schedules without one.",
      "Exit status 2 if a run failed."
    })
final class ScheduleRunDueCommand implements Callable<Integer> {
  static final List<String> HEADER =
      List.of("schedule", "scheduled for", "status", "rows", "result", "dataset version", "error");

  private final CliContext context;

  ScheduleRunDueCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ScheduleStore schedules = new ScheduleStore(context.home());
    try (Store store = context.openStore()) {
      Scheduler scheduler =
          new Scheduler(
              schedules, new ScheduledQueryExecutor(store, ResultCache.open(store, ResultCacheConfig.DEFAULTS)));
      List<ScheduleRun> runs = scheduler.runDue();
      if (runs.isEmpty()) {
        context.out().println("nothing is due");
        return ErrorReporter.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      for (ScheduleRun run : runs) {
        rows.add(describe(run));
      }
      ScheduleRunDueCommand.table(context.out(), HEADER, rows);
      return runs.stream().allMatch(ScheduleRun::ok) ? ErrorReporter.OK : ErrorReporter.OTHER_ERROR;
    }
  }

  static void table(java.io.PrintStream out, List<String> header, List<List<String>> rows) {
    TextTable.print(
        out, header, new boolean[header.size()], rows.stream().map(r -> r.toArray(new String[0])).toList());
  }

  static List<String> describe(ScheduleRun r) {
    return List.of(
        r.name(),
        r.scheduledFor().toString(),
        r.ok() ? "ok" : "failed",
        Long.toString(r.rows()),
        r.resultCid().orElse(""),
        r.datasetVersion().map(v -> v + " " + r.datasetRoot().orElse("")).orElse(""),
        r.error().orElse(""));
  }
}
