package io.quarry.cache.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
  @TempDir Path home;

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now;

    ManualClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static Schedule hourly(String name, Instant created) {
    return new Schedule(name, "0 * * * *", "SELECT 1", Optional.of("out"), created);
  }

  @Test
  void schedulesPersistAndBadOnesAreRefused() {
    ScheduleStore store = new ScheduleStore(home);
    Instant created = Instant.parse("2026-01-01T10:05:00Z");
    store.add(hourly("daily_totals", created));
    assertEquals(List.of(hourly("daily_totals", created)), new ScheduleStore(home).list());
    QuarryException taken = assertThrows(QuarryException.class, () -> store.add(hourly("daily_totals", created)));
    assertTrue(taken.getMessage().contains("already exists"), taken.getMessage());
    QuarryException cron =
        assertThrows(
            QuarryException.class,
            () -> store.add(new Schedule("x", "every hour", "SELECT 1", Optional.empty(), created)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, cron.code());
    assertTrue(cron.getMessage().contains("every hour"), cron.getMessage());
    assertThrows(QuarryException.class, () -> store.add(hourly("../etc", created)));
    store.remove("daily_totals");
    assertTrue(store.list().isEmpty());
    assertEquals(ErrorCode.NOT_FOUND, assertThrows(QuarryException.class, () -> store.remove("daily_totals")).code());
  }

  @Test
  void runsOncePerCronTimeAndRecordsFailures() {
    ScheduleStore store = new ScheduleStore(home);
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:05:00Z"));
    store.add(hourly("h", clock.now));
    List<String> ran = new ArrayList<>();
    boolean[] fail = {false};
    Scheduler scheduler =
        new Scheduler(
            store,
            s -> {
              ran.add(s.name() + "@" + clock.now);
              if (fail[0]) {
                throw new QuarryException(ErrorCode.NOT_FOUND, "Table 't' not found");
              }
              return new ScheduleRun.Outcome(3, Optional.of("bafkresult"), Optional.of(2), Optional.of("bafyroot"));
            },
            clock,
            Duration.ofSeconds(1));

    assertTrue(scheduler.runDue().isEmpty(), "created after 10:00, first due at 11:00");
    clock.now = Instant.parse("2026-01-01T11:00:00Z");
    List<ScheduleRun> runs = scheduler.runDue();
    assertEquals(1, runs.size());
    assertEquals(Instant.parse("2026-01-01T11:00:00Z"), runs.get(0).scheduledFor());
    assertTrue(runs.get(0).ok());
    assertEquals(Optional.of(2), runs.get(0).datasetVersion());
    clock.now = Instant.parse("2026-01-01T11:30:00Z");
    assertTrue(scheduler.runDue().isEmpty());

    clock.now = Instant.parse("2026-01-01T14:10:00Z");
    fail[0] = true;
    List<ScheduleRun> missed = scheduler.runDue();
    assertEquals(1, missed.size(), "missed times are caught up with one run");
    assertFalse(missed.get(0).ok());
    assertEquals(Optional.of("Table 't' not found"), missed.get(0).error());
    assertTrue(scheduler.runDue().isEmpty(), "a failed run is not retried before the next time");

    List<ScheduleRun> history = new ScheduleStore(home).history("h");
    assertEquals(2, history.size());
    assertEquals(Instant.parse("2026-01-01T14:00:00Z"), history.get(1).scheduledFor());
    assertEquals(runs.get(0), history.get(0));
    assertEquals(2, ran.size());
  }

  @Test
  void aScheduleRunningElsewhereIsSkipped() throws Exception {
    ScheduleStore store = new ScheduleStore(home);
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:05:00Z"));
    store.add(hourly("h", Instant.parse("2026-01-01T08:00:00Z")));
    Scheduler scheduler =
        new Scheduler(
            store, s -> new ScheduleRun.Outcome(0, Optional.empty(), Optional.empty(), Optional.empty()), clock, Duration.ofSeconds(1));
    try (AutoCloseable held = store.tryLock("h").orElseThrow()) {
      assertTrue(scheduler.runDue().isEmpty());
    }
    assertEquals(1, scheduler.runDue().size());
  }

  @Test
  void cronTimesAreUtc() {
    assertEquals(
        Optional.of(Instant.parse("2026-03-02T06:30:00Z")),
        CronExpressions.lastAtOrBefore("30 6 * * 1", Instant.parse("2026-03-04T12:00:00Z")));
    assertEquals(
        Optional.of(Instant.parse("2026-03-04T12:00:00Z")),
        CronExpressions.lastAtOrBefore("0 12 * * *", Instant.parse("2026-03-04T12:00:00Z")));
    assertEquals(
        Optional.of(Instant.parse("2026-03-04T12:15:00Z")),
        CronExpressions.nextAfter("*/15 * * * *", Instant.parse("2026-03-04T12:00:00Z")));
  }
}
