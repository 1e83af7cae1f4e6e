package io.quarry.cache.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One run of a schedule. {@code scheduledFor}: the cron time it ran for; {@code resultCid}: the
 * query's stored result; {@code datasetVersion}/{@code datasetRoot}: the version it materialized
 * (with --into); {@code error}: why it failed, if it did.
 */
public record ScheduleRun(
    String name,
    Instant scheduledFor,
    Instant startedAt,
    Instant finishedAt,
    boolean ok,
    long rows,
    Optional<String> resultCid,
    Optional<Integer> datasetVersion,
    Optional<String> datasetRoot,
    Optional<String> error) {
  public ScheduleRun {
    requireNonNull(name, "name is null");
    requireNonNull(scheduledFor, "scheduledFor is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(resultCid, "resultCid is null");
    requireNonNull(datasetVersion, "datasetVersion is null");
    requireNonNull(datasetRoot, "datasetRoot is null");
    requireNonNull(error, "error is null");
  }

  /** What a successful run produced, for {@link ScheduleExecutor}s to return. */
  public record Outcome(
      long rows, Optional<String> resultCid, Optional<Integer> datasetVersion, Optional<String> datasetRoot) {
    public Outcome {
      requireNonNull(resultCid, "resultCid is null");
      requireNonNull(datasetVersion, "datasetVersion is null");
      requireNonNull(datasetRoot, "datasetRoot is null");
    }
  }
}
