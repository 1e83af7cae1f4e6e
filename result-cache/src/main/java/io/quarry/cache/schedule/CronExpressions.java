package io.quarry.cache.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** UNIX cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC. */
public final class CronExpressions {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronExpressions() {}

  /** The parsed expression; INVALID_ARGUMENT naming it and what is wrong if it is not one. */
  public static Cron parse(String expression) {
    try {
      Cron cron = PARSER.parse(expression.trim());
      cron.validate();
      return cron;
    } catch (IllegalArgumentException e) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "bad cron expression '" + expression + "' (expected 5 fields: minute hour day-of-month"
              + " month day-of-week, e.g. '*/15 * * * *'): " + e.getMessage());
    }
  }

  /** The latest time at or before {@code now} the expression fires, if it ever did. */
  public static Optional<Instant> lastAtOrBefore(String expression, Instant now) {
    ExecutionTime times = ExecutionTime.forCron(parse(expression));
    ZonedDateTime at = now.atZone(ZoneOffset.UTC);
    if (times.isMatch(at.withNano(0)) && at.getSecond() == 0 && at.getNano() == 0) {
      return Optional.of(now);
    }
    return times.lastExecution(at).map(ZonedDateTime::toInstant);
  }

  /** The first time after {@code now} the expression fires. */
  public static Optional<Instant> nextAfter(String expression, Instant now) {
    return ExecutionTime.forCron(parse(expression))
        .nextExecution(now.atZone(ZoneOffset.UTC))
        .map(ZonedDateTime::toInstant);
  }
}
