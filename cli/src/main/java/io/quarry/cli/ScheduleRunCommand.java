package io.quarry.cli;

import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cache.schedule.Schedule;
import io.quarry.cache.schedule.ScheduleRun;
import io.quarry.cache.schedule.ScheduleStore;
import io.quarry.cache.schedule.Scheduler;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs one schedule now, whether or not it is due. */
@Command(
    name = "run",
    description = "Run schedule NAME now (whether or not it is due) and record the run.")
final class ScheduleRunCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME", description = "Name of the schedule.")
  String name;

  ScheduleRunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    ScheduleStore schedules = new ScheduleStore(context.home());
    Schedule schedule = schedules.require(name);
    try (Store store = context.openStore()) {
      Scheduler scheduler =
          new Scheduler(
              schedules, new ScheduledQueryExecutor(store, ResultCache.open(store, ResultCacheConfig.DEFAULTS)));
      try (AutoCloseable lock =
          schedules
              .tryLock(name)
              .orElseThrow(
                  () -> new QuarryException(ErrorCode.INVALID_ARGUMENT, "schedule '" + name + "' is running elsewhere"))) {
        ScheduleRun run = scheduler.run(schedule, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ScheduleRunDueCommand.table(context.out(), ScheduleRunDueCommand.HEADER, List.of(ScheduleRunDueCommand.describe(run)));
        return run.ok() ? ErrorReporter.OK : ErrorReporter.OTHER_ERROR;
      }
    }
  }
}
