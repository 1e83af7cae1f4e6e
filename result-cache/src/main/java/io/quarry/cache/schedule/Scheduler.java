package io.quarry.cache.schedule;

import static java.util.Objects.requireNonNull;

import io.quarry.error.QuarryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs schedules when they come due. A schedule is due when its cron expression fired after the
 * time its last run was for (or after it was created): missed times are caught up with one run,
 * not one per missed time. A run that fails is recorded with its error and not retried before the
 * next time. {@link #runDue()} does one pass (what {@code quarry schedule run-due} calls);
 * {@link #start()} runs passes on a daemon thread until {@link #stop()}.
 */
public final class Scheduler implements AutoCloseable {
  /** How often the background thread looks for due schedules. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(15);

  private final ScheduleStore schedules;
  private final ScheduleExecutor executor;
  private final Clock clock;
  private final Duration poll;
  private Thread thread;
  private volatile boolean stopping;

  public Scheduler(ScheduleStore schedules, ScheduleExecutor executor, Clock clock, Duration poll) {
    this.schedules = requireNonNull(schedules, "schedules is null");
    this.executor = requireNonNull(executor, "executor is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.poll = requireNonNull(poll, "poll is null");
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll must be positive: " + poll);
    }
  }

  public Scheduler(ScheduleStore schedules, ScheduleExecutor executor) {
    this(schedules, executor, Clock.systemUTC(), DEFAULT_POLL);
  }

  /** The cron time {@code schedule} is due for now, if it is due. */
  public Optional<Instant> dueTime(Schedule schedule, Instant now) {
    Optional<Instant> fired = CronExpressions.lastAtOrBefore(schedule.cron(), now);
    if (fired.isEmpty()) {
      return Optional.empty();
    }
    Instant previous =
        schedules.lastRun(schedule.name()).map(ScheduleRun::scheduledFor).orElse(schedule.createdAt());
    return fired.get().isAfter(previous) ? fired : Optional.empty();
  }

  /** Runs every schedule that is due now; returns the runs made. */
  public List<ScheduleRun> runDue() {
    List<ScheduleRun> runs = new ArrayList<>();
    for (Schedule s : schedules.list()) {
      if (stopping) {
        break;
      }
      runIfDue(s).ifPresent(runs::add);
    }
    return runs;
  }

  /** Runs {@code schedule} if it is due and no one else is running it. */
  public Optional<ScheduleRun> runIfDue(Schedule schedule) {
    Optional<AutoCloseable> lock = schedules.tryLock(schedule.name());
    if (lock.isEmpty()) {
      return Optional.empty();
    }
    try (AutoCloseable held = lock.get()) {
      Optional<Instant> due = dueTime(schedule, clock.instant());
      return due.map(at -> run(schedule, at));
    } catch (QuarryException e) {
      throw e;
    } catch (Exception e) {
      throw QuarryException.internal("cannot release the lock of schedule " + schedule.name(), e);
    }
  }

  /** Runs {@code schedule} for cron time {@code scheduledFor} and records the run. */
  public ScheduleRun run(Schedule schedule, Instant scheduledFor) {
    Instant started = clock.instant();
    ScheduleRun run;
    try {
      ScheduleRun.Outcome outcome = executor.run(schedule);
      run =
          new ScheduleRun(
              schedule.name(), scheduledFor, started, clock.instant(), true, outcome.rows(),
              outcome.resultCid(), outcome.datasetVersion(), outcome.datasetRoot(), Optional.empty());
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      run =
          new ScheduleRun(
              schedule.name(), scheduledFor, started, clock.instant(), false, 0,
              Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(message));
    }
    schedules.record(run);
    return run;
  }

  /** Starts the background thread (once). */
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    stopping = false;
    thread = new Thread(this::loop, "quarry-scheduler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops the background thread, waiting for a run in progress to finish. */
  public synchronized void stop() {
    if (thread == null) {
      return;
    }
    stopping = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  @Override
  public void close() {
    stop();
  }

  private void loop() {
    while (!stopping) {
      try {
        runDue();
      } catch (RuntimeException e) {
        // A broken schedule file or a full disk must not stop the other schedules for good.
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
