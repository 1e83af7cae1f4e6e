package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarry.store.Store;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A repeated query may reuse its plan, but never across a new version of a dataset it names. */
class PlanCacheTest {
  @TempDir Path dir;

  private static List<List<Object>> run(QueryEngine engine, String sql) {
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS)) {
      return Rows.read(result);
    }
  }

  @Test
  void newVersionIsSeenByTheSameQueryText() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      String sql = "SELECT count(*), max(id) FROM dept";
      assertEquals(List.of(List.of(BigDecimal.valueOf(4), BigDecimal.valueOf(5))), run(engine, sql));
      assertEquals(List.of(List.of(BigDecimal.valueOf(4), BigDecimal.valueOf(5))), run(engine, sql));
      TestStore.appendDept(store, dir);
      assertEquals(List.of(List.of(BigDecimal.valueOf(5), BigDecimal.valueOf(6))), run(engine, sql));
      assertEquals(
          List.of(List.of(BigDecimal.valueOf(4), BigDecimal.valueOf(5))),
          run(engine, "SELECT count(*), max(id) FROM \"dept@1\""));
    }
  }
}
