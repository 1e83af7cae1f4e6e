package io.quarry.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The counters of one connection's result cache, read with {@code SHOW CACHE}, per kind of result:
 * per-shard fragments, merges of many shards' partial aggregates, whole queries. A result is
 * computed exactly when both levels miss it, so the {@code …Executed} counts are the L2 misses; the
 * {@code …Served} counts are the hits at any level.
 */
public record CacheCounters(
    long fragmentsExecuted,
    long fragmentsServed,
    long mergesExecuted,
    long mergesServed,
    long queriesExecuted,
    long queriesServed) {
  public static final CacheCounters ZERO = new CacheCounters(0, 0, 0, 0, 0, 0);

  static CacheCounters read(Connection connection) throws SQLException {
    long[] executed = new long[3];
    long[] served = new long[3];
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SHOW CACHE")) {
      while (rs.next()) {
        int k =
            switch (rs.getString("kind")) {
              case "fragment" -> 0;
              case "merge" -> 1;
              default -> 2;
            };
        served[k] += rs.getLong("hits");
        executed[k] += "L2".equals(rs.getString("level")) ? rs.getLong("misses") : 0;
      }
    }
    return new CacheCounters(
        executed[0], served[0], executed[1], served[1], executed[2], served[2]);
  }

  /** What happened between {@code before} and this reading. */
  CacheCounters minus(CacheCounters before) {
    return new CacheCounters(
        fragmentsExecuted - before.fragmentsExecuted,
        fragmentsServed - before.fragmentsServed,
        mergesExecuted - before.mergesExecuted,
        mergesServed - before.mergesServed,
        queriesExecuted - before.queriesExecuted,
        queriesServed - before.queriesServed);
  }
}
