package io.quarry.cli;

import io.quarry.cache.schedule.CronExpressions;
import io.quarry.cache.schedule.Schedule;
import io.quarry.cache.schedule.ScheduleStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Adds a recurring query. */
@Command(name = "add", description = "Add a schedule: run SQL whenever the cron expression fires.")
final class ScheduleAddCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(paramLabel = "NAME", description = "Name of the schedule.")
  String name;

  @Option(
      names = "--cron",
      required = true,
      paramLabel = "EXPR",
      description = "UNIX cron expression in UTC: minute hour day-of-month month day-of-week,"
          + " e.g. '0 * * * *' (hourly).")
  String cron;

  @Option(names = "--sql", required = true, paramLabel = "SQL", description = "The query to run.")
  String sql;

  @Option(
      names = "--into",
      paramLabel = "DATASET",
      description =
          "Make each run's result the next version of this dataset (created by the first run).")
  String into;

  @Option(
      names = "--append",
      description =
          "With --into: add each run's rows to the previous version's instead, so the dataset"
              + " gathers every run.")
  boolean append;

  ScheduleAddCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String text = QueryRunner.stripTerminator(sql);
    CachedQuery.requireQuery(text);
    if (into != null && !into.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new io.quarry.error.QuarryException(
          io.quarry.error.ErrorCode.INVALID_ARGUMENT,
          "bad dataset name '" + into + "' for --into (letters, digits and '_', not starting with a digit)");
    }
    if (append && into == null) {
      throw new io.quarry.error.QuarryException(
          io.quarry.error.ErrorCode.INVALID_ARGUMENT, "--append needs --into DATASET");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Schedule schedule =
        new ScheduleStore(context.home())
            .add(new Schedule(name, cron, text, Optional.ofNullable(into), append, now));
    String next = CronExpressions.nextAfter(cron, now).map(Instant::toString).orElse("never");
    context.out().printf("added schedule %s (cron '%s', next run %s)%n", schedule.name(), cron, next);
    return ErrorReporter.OK;
  }
}
