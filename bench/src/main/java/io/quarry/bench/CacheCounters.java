package io.quarry.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The fragment and whole-query counters of one connection's result cache, read with {@code SHOW
 * CACHE}. A fragment is computed exactly when both levels miss it, so {@code fragmentsExecuted} is
 * the L2 fragment misses; {@code fragmentsServed} is the fragment hits at either level.
 */
public record CacheCounters(
    long fragmentsExecuted, long fragmentsServed, long queriesExecuted, long queriesServed) {
  public static final CacheCounters ZERO = new CacheCounters(0, 0, 0, 0);

  static CacheCounters read(Connection connection) throws SQLException {
    long fragmentMisses = 0;
    long fragmentHits = 0;
    long queryMisses = 0;
    long queryHits = 0;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SHOW CACHE")) {
      while (rs.next()) {
        String level = rs.getString("level");
        boolean fragment = "fragment".equals(rs.getString("kind"));
        long hits = rs.getLong("hits");
        long misses = rs.getLong("misses");
        if (fragment) {
          fragmentHits += hits;
          fragmentMisses += "L2".equals(level) ? misses : 0;
        } else {
          queryHits += hits;
          queryMisses += "L2".equals(level) ? misses : 0;
        }
      }
    }
    return new CacheCounters(fragmentMisses, fragmentHits, queryMisses, queryHits);
  }

  /** What happened between {@code before} and this reading. */
  CacheCounters minus(CacheCounters before) {
    return new CacheCounters(
        fragmentsExecuted - before.fragmentsExecuted,
        fragmentsServed - before.fragmentsServed,
        queriesExecuted - before.queriesExecuted,
        queriesServed - before.queriesServed);
  }
}
