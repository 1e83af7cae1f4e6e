package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cache.FragmentKey;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.store.Store;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries of many shapes re-run after each of several appends, in one engine and in a restarted
 * one: with the cache (plans extended, old shards read as merged partials where they can be) they
 * give exactly the rows the same query gives with the cache off.
 */
class AppendedAnswersTest {
  private static final List<String> QUERIES =
      List.of(
          // a global aggregate: one partial row per shard, merged
          "SELECT count(*) AS n, sum(amount) AS total, avg(amount) AS mean, min(tag) AS lo,"
              + " max(tag) AS hi FROM events",
          "SELECT kind, count(*) AS n, sum(qty) AS q, avg(amount) AS mean FROM events"
              + " GROUP BY kind HAVING count(*) > 3 ORDER BY kind",
          // a filter that rules out some appended shards by their statistics
          "SELECT kind, sum(amount) AS total FROM events WHERE id <= 60 GROUP BY kind ORDER BY kind",
          "SELECT count(DISTINCT tag) AS tags, count(DISTINCT kind) AS kinds FROM events",
          // floating point: not merged, still extended
          "SELECT kind, sum(ratio) AS r, max(ratio) AS top FROM events GROUP BY kind ORDER BY kind",
          "SELECT kind, tag, count(*) AS n FROM events WHERE qty > 2 GROUP BY kind, tag"
              + " ORDER BY kind, tag",
          "SELECT e.kind, count(*) AS n FROM events e JOIN events f ON e.id = f.id + 1"
              + " GROUP BY e.kind ORDER BY e.kind",
          "SELECT id, amount FROM events WHERE qty = 4 ORDER BY amount DESC, id LIMIT 5");

  @TempDir Path dir;

  private static List<List<Object>> read(QueryEngine engine, String sql, boolean cache) {
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS.withCache(cache))) {
      List<List<Object>> rows = new ArrayList<>(Rows.read(result));
      if (!sql.contains("ORDER BY")) {
        rows.sort(Comparator.comparing(Object::toString));
      }
      return rows;
    }
  }

  private void importEvents(Store store, int from, int to, boolean append) throws Exception {
    StringBuilder csv = new StringBuilder("id,kind,tag,qty,amount,ratio\n");
    for (int i = from; i <= to; i++) {
      csv.append(i).append(",k").append(i % 3).append(",t").append(i % 7).append(',')
          .append(i % 5).append(',').append(i * 13 % 100).append('.').append(i % 10).append("5,")
          .append(i % 9 / 8.0).append('\n');
    }
    Path file = Files.writeString(dir.resolve("events-" + from + ".csv"), csv);
    DatasetImporter.run(
        store,
        List.of(file),
        new ImportOptions(
            "events",
            append,
            10,
            Map.of(
                "id", DataType.of(TypeKind.INT),
                "qty", DataType.of(TypeKind.INT),
                "amount", DataType.decimal(10, 2),
                "ratio", DataType.of(TypeKind.DOUBLE))),
        ImportProgress.NONE);
  }

  private static void sameAnswers(QueryEngine engine, String when) {
    for (String sql : QUERIES) {
      assertEquals(read(engine, sql, false), read(engine, sql, true), when + ": " + sql);
    }
  }

  @Test
  void everyShapeGivesTheCacheOffAnswerAfterAppends() throws Exception {
    Path home = dir.resolve("store");
    try (Store store = Store.open(home)) {
      importEvents(store, 1, 40, false);
      try (QueryEngine engine = new QueryEngine(store)) {
        sameAnswers(engine, "first version");
        for (int append = 1; append <= 3; append++) {
          int from = 40 + (append - 1) * 15 + 1;
          importEvents(store, from, from + 14, true);
          sameAnswers(engine, "append " + append);
        }
        assertTrue(engine.cache().computed(FragmentKey.Kind.MERGE) > 0, "merges were used");
      }
      importEvents(store, 86, 100, true);
    }
    try (Store store = Store.open(home);
        QueryEngine engine = new QueryEngine(store)) {
      sameAnswers(engine, "after a restart");
      long merges = engine.cache().computed(FragmentKey.Kind.MERGE);
      assertTrue(merges > 0, "the kept plans' merges were extended");
    }
  }
}
