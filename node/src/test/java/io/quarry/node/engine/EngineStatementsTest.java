package io.quarry.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.catalog.DatasetVersion;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import io.quarry.types.Column;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements other than plain queries, table references by CID and version, and errors. */
class EngineStatementsTest {
  @TempDir static Path dir;
  private static Store store;
  private static QueryEngine engine;

  @BeforeAll
  static void setUp() throws Exception {
    store = TestStore.create(dir);
    TestStore.appendDept(store, dir);
    engine = new QueryEngine(store);
  }

  @AfterAll
  static void tearDown() {
    if (engine != null) {
      engine.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private static List<List<Object>> run(String sql) {
    try (QueryResult result = engine.execute(sql, QueryOptions.DEFAULTS)) {
      return Rows.read(result);
    }
  }

  private static QuarryException error(String sql) {
    return assertThrows(QuarryException.class, () -> run(sql));
  }

  @Test
  void showDatasetsListsEveryDatasetWithItsLatestVersion() {
    List<List<Object>> rows = run("SHOW DATASETS");
    assertEquals(List.of("dept", "emp", "sales"), rows.stream().map(r -> r.get(0)).toList());
    assertEquals(BigDecimal.valueOf(2), rows.get(0).get(1));
    assertEquals(BigDecimal.valueOf(5), rows.get(0).get(4));
    assertEquals(BigDecimal.valueOf(12), rows.get(1).get(4));
  }

  @Test
  void describeShowsColumnsAndTypes() {
    List<List<Object>> rows = run("DESCRIBE emp");
    assertEquals(List.of("id", "INT", true), rows.get(0));
    assertEquals(List.of("salary", "DECIMAL(10, 2)", true), rows.get(3));
    assertEquals(7, rows.size());
  }

  @Test
  void versionsByNumberAndByRootCid() {
    List<DatasetVersion> history = store.datasets().history("dept");
    assertEquals(List.of(List.of(BigDecimal.valueOf(4))), run("SELECT count(*) FROM \"dept@1\""));
    assertEquals(List.of(List.of(BigDecimal.valueOf(5))), run("SELECT count(*) FROM \"dept@2\""));
    assertEquals(List.of(List.of(BigDecimal.valueOf(5))), run("SELECT count(*) FROM dept"));
    String root1 = history.get(0).root().toString();
    assertEquals(
        List.of(List.of(BigDecimal.valueOf(4))), run("SELECT count(*) FROM \"dept@" + root1 + "\""));
    assertEquals(
        List.of(List.of("Research")),
        run("SELECT n.name FROM dept n LEFT JOIN \"dept@1\" o ON n.id = o.id WHERE o.id IS NULL"));
  }

  @Test
  void datasetRootByCid() {
    String root = store.datasets().latest("emp").orElseThrow().root().toString();
    assertEquals(List.of(List.of(BigDecimal.valueOf(12))), run("SELECT count(*) FROM \"" + root + "\""));
    assertEquals(7, run("DESCRIBE \"" + root + "\"").size());
  }

  @Test
  void badReferencesAreNamed() {
    QuarryException version = error("SELECT * FROM \"dept@7\"");
    assertEquals(ErrorCode.NOT_FOUND, version.code());
    assertTrue(version.getMessage().contains("versions 1 to 2"), version.getMessage());

    QuarryException malformed = error("SELECT * FROM \"bafyNOT-A-CID\"");
    assertEquals(ErrorCode.MALFORMED_CID, malformed.code());

    String unknown = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    QuarryException missing = error("SELECT * FROM \"" + unknown + "\"");
    assertEquals(ErrorCode.NOT_FOUND, missing.code());
    assertTrue(missing.getMessage().contains(unknown), missing.getMessage());

    QuarryException table = error("DESCRIBE nope");
    assertEquals(ErrorCode.NOT_FOUND, table.code());
    assertTrue(table.getMessage().contains("nope"), table.getMessage());
  }

  @Test
  void syntaxErrorsCarryLineAndColumn() {
    QuarryException e = error("SELECT id\nFROM emp\nWHERE");
    assertEquals(ErrorCode.SYNTAX_ERROR, e.code());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }

  @Test
  void explainShowsFragmentsAndPrunedShards() {
    List<String> lines =
        run("EXPLAIN SELECT sum(amount) FROM sales WHERE sale_day >= DATE '2024-04-01'").stream()
            .map(r -> (String) r.get(0))
            .toList();
    String text = String.join("\n", lines);
    assertTrue(text.contains("Aggregate phase=FINAL"), text);
    assertTrue(text.contains("Aggregate phase=PARTIAL"), text);
    assertTrue(text.contains("Exchange fragments=2"), text);
    assertTrue(text.contains("pruned_shards=2/4"), text);
    assertTrue(text.contains("filter=GE(sale_day, DATE '2024-04-01')"), text);
  }

  @Test
  void explainVerboseShowsTheOptimizerPhases() {
    String text =
        String.join(
            "\n",
            run("EXPLAIN VERBOSE SELECT name FROM emp WHERE id IN (SELECT emp_id FROM sales)")
                .stream()
                .map(r -> (String) r.get(0))
                .toList());
    assertTrue(text.contains("== Logical plan: decorrelated =="), text);
    assertTrue(text.contains("== Physical plan =="), text);
    assertTrue(text.contains("Join kind="), text);
  }

  @Test
  void resultColumnsAreNamedAsTheQueryNamesThem() {
    try (QueryResult result = engine.execute("SELECT id AS emp_id, name FROM emp", QueryOptions.DEFAULTS)) {
      assertEquals(List.of("emp_id", "name"), result.columns().stream().map(Column::name).toList());
      assertEquals("emp_id", result.arrowSchema().getFields().get(0).getName());
      assertEquals(12, Rows.read(result).size());
    }
  }

  @Test
  void queryOverItsMemoryLimitFailsClearly() {
    QueryOptions tiny = QueryOptions.DEFAULTS.withMemoryLimitBytes(4096);
    QuarryException e =
        assertThrows(
            QuarryException.class,
            () -> {
              try (QueryResult r =
                  engine.execute(
                      "SELECT s1.id, s2.id FROM sales s1 CROSS JOIN sales s2 ORDER BY 1, 2", tiny)) {
                Rows.read(r);
              }
            });
    assertEquals(ErrorCode.MEMORY_LIMIT_EXCEEDED, e.code());
    assertEquals(List.of(List.of(BigDecimal.valueOf(30))), run("SELECT count(*) FROM sales"));
  }

  @Test
  void tablesListsEveryDatasetThenTheSystemTables() {
    List<TableInfo> tables = engine.tables();
    assertEquals(
        List.of(
            "datasets.dept", "datasets.emp", "datasets.sales", "system.cache", "system.datasets"),
        tables.stream().map(t -> t.schema() + "." + t.name()).toList());
    assertEquals(3, tables.get(0).columns().size());
  }
}
