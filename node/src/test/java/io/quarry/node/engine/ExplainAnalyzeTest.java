package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.planner.QueryPlanner;
import io.quarry.sql.StoreCatalog;
import io.quarry.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXPLAIN ANALYZE on the embedded engine: real importer, planner, cache and executor. */
class ExplainAnalyzeTest {
  private static final Pattern FRAGMENT =
      Pattern.compile(
          "fragment=(\\S+) cache=(\\S+) node=(\\S+) rows=(\\d+) bytes=(\\d+) time_ms=(\\d+\\.\\d)"
              + "( result=(\\S+))?( not_run=true| complete=false)?");
  private static final String SCAN = "SELECT id, qty FROM sales WHERE qty > 0";
  private static final String AGG = "SELECT emp_id, sum(qty) AS q FROM sales GROUP BY emp_id";

  @TempDir Path dir;

  private static List<String> lines(QueryEngine engine, String sql, QueryOptions options) {
    List<String> lines = new ArrayList<>();
    for (List<Object> row : read(engine, sql, options)) {
      lines.add((String) row.get(0));
    }
    return lines;
  }

  private static List<List<Object>> read(QueryEngine engine, String sql, QueryOptions options) {
    try (QueryResult result = engine.execute(sql, options)) {
      return Rows.read(result);
    }
  }

  /** Fragment lines by fragment CID: [cache, node, rows, bytes, result]. */
  private static Map<String, List<String>> fragments(List<String> lines) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String line : lines) {
      if (!line.startsWith("fragment=")) {
        continue;
      }
      Matcher m = FRAGMENT.matcher(line);
      assertTrue(m.matches(), line);
      Cid.parse(m.group(1));
      out.put(
          m.group(1),
          List.of(m.group(2), m.group(3), m.group(4), m.group(5), String.valueOf(m.group(8))));
    }
    return out;
  }

  private static String total(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("total: "))
        .findFirst()
        .orElseThrow(() -> new AssertionError(lines));
  }

  private static List<PlanNode> exchangeInputs(PlanNode node) {
    List<PlanNode> out = new ArrayList<>();
    if (node instanceof ExchangeNode e) {
      out.addAll(e.inputs());
    }
    for (PlanNode input : node.inputs()) {
      out.addAll(exchangeInputs(input));
    }
    return out;
  }

  @Test
  void firstRunComputesEveryFragmentAndASecondQueryReadsThemFromL1() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      List<String> cold = lines(engine, "EXPLAIN ANALYZE " + SCAN, QueryOptions.DEFAULTS);
      assertTrue(cold.get(0).startsWith("Exchange fragments=4"), cold.toString());
      Map<String, List<String>> first = fragments(cold);
      PlanNode plan = new QueryPlanner(new StoreCatalog(store)).plan(SCAN).root();
      List<String> expectedCids = new ArrayList<>();
      for (PlanNode f : exchangeInputs(plan)) {
        expectedCids.add(
            FragmentKey.forFragment(f, engine.cache().config().engineVersion()).toString());
      }
      assertEquals(expectedCids.stream().sorted().toList(), List.copyOf(first.keySet()));
      long rows = 0;
      for (List<String> f : first.values()) {
        assertEquals("computed", f.get(0));
        assertEquals("local", f.get(1));
        assertTrue(Long.parseLong(f.get(3)) > 0, "bytes of " + f);
        assertFalse(f.get(4).equals("null"), "a computed fragment is stored: " + f);
        rows += Long.parseLong(f.get(2));
      }
      assertEquals(30, rows, "every sale has qty > 0");
      assertTrue(
          total(cold)
              .matches(
                  "total: rows=30 time_ms=\\d+\\.\\d query_cache=computed result=\\S+ fragments=4"
                      + " computed=4 L1=0 L2=0 L3=0 bytes_saved=0"),
          total(cold));
      // The fragment lines come in plan order.
      List<String> order =
          cold.stream()
              .filter(l -> l.startsWith("fragment="))
              .map(l -> l.substring(9, l.indexOf(' ')))
              .toList();
      assertEquals(expectedCids, order);

      // Same fragments, another query: each fragment is replayed from L1, nothing runs.
      List<String> warm =
          lines(engine, "EXPLAIN ANALYZE " + SCAN + " ORDER BY id", QueryOptions.DEFAULTS);
      Map<String, List<String>> second = fragments(warm);
      assertEquals(first.keySet(), second.keySet());
      for (Map.Entry<String, List<String>> e : second.entrySet()) {
        List<String> f = e.getValue();
        assertEquals("L1", f.get(0));
        assertEquals("none", f.get(1), "nothing ran a cached fragment");
        assertEquals(first.get(e.getKey()).get(2), f.get(2), "the same rows");
        assertEquals(first.get(e.getKey()).get(4), f.get(4), "the same result");
      }
      assertTrue(total(warm).contains(" fragments=4 computed=0 L1=4 L2=0 L3=0"), total(warm));
      assertFalse(total(warm).endsWith(" bytes_saved=0"), total(warm));
    }
  }

  @Test
  void aRepeatedQueryIsAnsweredWholeAndNoFragmentRuns() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      List<List<Object>> answer = read(engine, AGG, QueryOptions.DEFAULTS);
      long computed = engine.cache().computed(FragmentKey.Kind.FRAGMENT);
      List<String> lines = lines(engine, "EXPLAIN ANALYZE " + AGG, QueryOptions.DEFAULTS);
      assertTrue(fragments(lines).isEmpty(), lines.toString());
      assertTrue(
          total(lines)
              .matches(
                  "total: rows="
                      + answer.size()
                      + " time_ms=\\d+\\.\\d query_cache=L1 result=\\S+"
                      + " fragments=0 computed=0 L1=0 L2=0 L3=0 bytes_saved=[1-9]\\d*"),
          total(lines));
      assertEquals(
          "answered from the query result cache (L1): no fragment ran",
          lines.get(lines.size() - 1));
      assertEquals(computed, engine.cache().computed(FragmentKey.Kind.FRAGMENT));
    }
  }

  @Test
  void cacheOffComputesEveryFragmentAndRowsMatchTheQuery() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      read(engine, AGG, QueryOptions.DEFAULTS);
      long groups = read(engine, AGG, QueryOptions.DEFAULTS).size();
      QueryOptions off = QueryOptions.DEFAULTS.withCache(false);
      List<String> lines = lines(engine, "EXPLAIN ANALYZE " + AGG, off);
      Map<String, List<String>> fragments = fragments(lines);
      assertEquals(4, fragments.size(), lines.toString());
      for (List<String> f : fragments.values()) {
        assertEquals("computed", f.get(0));
        assertEquals("local", f.get(1));
        assertEquals("null", f.get(4), "nothing is stored with the cache off");
      }
      assertTrue(total(lines).startsWith("total: rows=" + groups + " time_ms="), total(lines));
      assertTrue(
          total(lines)
              .contains(" query_cache=off fragments=4 computed=4 L1=0 L2=0 L3=0 bytes_saved=0"),
          total(lines));
    }
  }

  @Test
  void planningErrorsComeAtOnceAndOnlyReadingRunsTheQuery() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () ->
                  engine.execute("EXPLAIN ANALYZE SELECT nope FROM sales", QueryOptions.DEFAULTS));
      assertEquals(ErrorCode.NOT_FOUND, e.code());
      assertTrue(e.getMessage().contains("column 24"), e.getMessage());

      try (QueryResult result = engine.execute("EXPLAIN ANALYZE " + AGG, QueryOptions.DEFAULTS)) {
        assertEquals("plan", result.columns().get(0).name());
      }
      assertEquals(
          0, engine.cache().computed(FragmentKey.Kind.FRAGMENT), "asked for the schema only");
      assertEquals(0, engine.cache().computed(FragmentKey.Kind.QUERY));
    }
  }

  @Test
  void joinsAndLimitsAreProfiledToo() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      String join =
          "SELECT d.region, count(*) AS n FROM emp e JOIN dept d ON e.dept_id = d.id GROUP BY"
              + " d.region";
      List<String> lines = lines(engine, "EXPLAIN ANALYZE " + join, QueryOptions.DEFAULTS);
      Map<String, List<String>> fragments = fragments(lines);
      assertTrue(fragments.size() >= 2, lines.toString());
      assertTrue(
          total(lines)
              .startsWith(
                  "total: rows="
                      + read(engine, join, QueryOptions.DEFAULTS.withCache(false)).size()
                      + " "),
          total(lines));

      List<String> limited =
          lines(engine, "EXPLAIN ANALYZE SELECT id FROM sales LIMIT 3", QueryOptions.DEFAULTS);
      Map<String, List<String>> parts = fragments(limited);
      assertEquals(4, parts.size(), limited.toString());
      assertTrue(total(limited).startsWith("total: rows=3 "), total(limited));
    }
  }

  @Test
  void theMemoryLimitApplies() throws Exception {
    try (Store store = TestStore.create(dir);
        QueryEngine engine = new QueryEngine(store)) {
      QueryOptions tiny = new QueryOptions(false, 1024, QueryOptions.DEFAULTS.batchSize());
      QuarryException e =
          assertThrows(
              QuarryException.class,
              () -> lines(engine, "EXPLAIN ANALYZE " + AGG + " ORDER BY 2", tiny));
      assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, e.code(), e.getMessage());
    }
  }
}
