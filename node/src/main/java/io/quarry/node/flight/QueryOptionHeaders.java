package io.quarry.node.flight;

import io.quarry.node.engine.QueryOptions;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.HeaderCallOption;

/**
 * Per-query options over Flight SQL, as call headers ({@code quarry-cache: off}, {@code
 * quarry-memory-limit: BYTES}, {@code quarry-batch-size: ROWS}). Clients that send none (the Arrow
 * Flight SQL JDBC driver) get the defaults.
 */
public final class QueryOptionHeaders {
  static final String CACHE = "quarry-cache";
  /** The query's memory limit in bytes; also sent with the fragments a coordinator dispatches. */
  public static final String MEMORY_LIMIT = "quarry-memory-limit";
  static final String BATCH_SIZE = "quarry-batch-size";

  private QueryOptionHeaders() {}

  public static HeaderCallOption toCall(QueryOptions options) {
    CallHeaders headers = new FlightCallHeaders();
    headers.insert(CACHE, options.cache() ? "on" : "off");
    headers.insert(MEMORY_LIMIT, Long.toString(options.memoryLimitBytes()));
    headers.insert(BATCH_SIZE, Integer.toString(options.batchSize()));
    return new HeaderCallOption(headers);
  }

  /** The options a call asks for; missing or unreadable headers keep the defaults. */
  public static QueryOptions fromCall(CallContext context) {
    QueryOptions options = QueryOptions.DEFAULTS;
    String cache = CallerHeaders.get(context, CACHE);
    if (cache != null) {
      options = options.withCache(!cache.equalsIgnoreCase("off"));
    }
    Long memory = positive(CallerHeaders.get(context, MEMORY_LIMIT));
    if (memory != null) {
      options = options.withMemoryLimitBytes(memory);
    }
    Long batch = positive(CallerHeaders.get(context, BATCH_SIZE));
    if (batch != null && batch <= Integer.MAX_VALUE) {
      options = options.withBatchSize(batch.intValue());
    }
    return options;
  }

  private static Long positive(String text) {
    if (text == null) {
      return null;
    }
    try {
      long value = Long.parseLong(text.strip());
      return value > 0 ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
