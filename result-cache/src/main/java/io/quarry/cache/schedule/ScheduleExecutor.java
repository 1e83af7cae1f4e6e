package io.quarry.cache.schedule;

/** Runs one schedule's query (and materializes its result); throws if it fails. */
@FunctionalInterface
public interface ScheduleExecutor {
  ScheduleRun.Outcome run(Schedule schedule);
}
