package io.quarry.cli;

import io.quarry.cache.schedule.CronExpressions;
import io.quarry.cache.schedule.Schedule;
import io.quarry.cache.schedule.ScheduleRun;
import io.quarry.cache.schedule.ScheduleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Lists schedules. */
@Command(name = "ls", description = "List schedules with their next and last runs.")
final class ScheduleLsCommand implements Callable<Integer> {
  private final CliContext context;

  ScheduleLsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ScheduleStore store = new ScheduleStore(context.home());
    List<Schedule> schedules = store.list();
    if (schedules.isEmpty()) {
      context.out().println("no schedules");
      return ErrorReporter.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    Instant now = Instant.now();
    for (Schedule s : schedules) {
      Optional<ScheduleRun> last = store.lastRun(s.name());
      rows.add(
          List.of(
              s.name(),
              s.cron(),
              s.into().orElse(""),
              CronExpressions.nextAfter(s.cron(), now).map(Instant::toString).orElse("never"),
              last.map(r -> r.scheduledFor() + (r.ok() ? " ok" : " failed")).orElse(""),
              s.sql()));
    }
    ScheduleRunDueCommand.table(context.out(), List.of("name", "cron", "into", "next run", "last run", "sql"), rows);
    return ErrorReporter.OK;
  }
}
