package io.quarry.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The 22 TPC-H queries with the specification's validation parameters, in SQL that both Quarry and
 * DuckDB accept (resources {@code tpch/q01.sql} … {@code tpch/q22.sql}).
 */
public final class TpchQueries {
  public static final int COUNT = 22;

  private TpchQueries() {}

  public static List<Integer> all() {
    return IntStream.rangeClosed(1, COUNT).boxed().toList();
  }

  public static String name(int query) {
    return String.format("q%02d", query);
  }

  public static String sql(int query) {
    if (query < 1 || query > COUNT) {
      throw new IllegalArgumentException("TPC-H queries are numbered 1 to 22, not " + query);
    }
    String resource = "/tpch/" + name(query) + ".sql";
    try (InputStream in = TpchQueries.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
