package io.quarry.cache.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A recurring query: {@code sql} runs whenever the UNIX cron expression {@code cron} (five fields,
 * UTC) comes due; with {@code into}, each run's rows are appended as a new version of that dataset.
 */
public record Schedule(String name, String cron, String sql, Optional<String> into, Instant createdAt) {
  public Schedule {
    requireNonNull(name, "name is null");
    requireNonNull(cron, "cron is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(into, "into is null");
    requireNonNull(createdAt, "createdAt is null");
  }
}
