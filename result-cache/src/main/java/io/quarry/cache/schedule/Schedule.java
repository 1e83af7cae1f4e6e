package io.quarry.cache.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A recurring query: {@code sql} runs whenever the UNIX cron expression {@code cron} (five fields,
 * UTC) comes due; with {@code into}, each run's result becomes the next version of that dataset
 * (with {@code appendInto}, each run's rows are added to the previous version's instead).
 */
public record Schedule(
    String name,
    String cron,
    String sql,
    Optional<String> into,
    boolean appendInto,
    Instant createdAt) {
  public Schedule(
      String name, String cron, String sql, Optional<String> into, Instant createdAt) {
    this(name, cron, sql, into, false, createdAt);
  }

  public Schedule {
    requireNonNull(name, "name is null");
    requireNonNull(cron, "cron is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(into, "into is null");
    requireNonNull(createdAt, "createdAt is null");
  }
}
