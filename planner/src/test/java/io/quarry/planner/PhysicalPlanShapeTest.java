package io.quarry.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.SortNode;
import io.quarry.exec.plan.ValuesNode;
import io.quarry.sql.ColumnStatistics;
import io.quarry.sql.ShardDefinition;
import io.quarry.sql.TableDefinition;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of physical plans: fragments per shard, pushed work, pruning, build sides, errors. */
class PhysicalPlanShapeTest {
  private static int day(String date) {
    return (int) LocalDate.parse(date).toEpochDay();
  }

  private static ShardDefinition shard(String cid, long rows, int minX, int maxX, String minD, String maxD,
      String minS, String maxS, long nullsX) {
    return new ShardDefinition(cid, rows, rows * 8, List.of(
        new ColumnStatistics(minX, maxX, nullsX),
        new ColumnStatistics(day(minD), day(maxD), 0),
        new ColumnStatistics(minS, maxS, 0)));
  }

  /** {@code events}: three shards with disjoint ranges of x, d and s; {@code tags}: small. */
  private static final TestCatalog CATALOG =
      new TestCatalog()
          .add(new TableDefinition("events", "bafyevents",
              List.of(new Column("x", DataType.of(TypeKind.INT)),
                  new Column("d", DataType.of(TypeKind.DATE)),
                  new Column("s", DataType.of(TypeKind.VARCHAR))),
              List.of(
                  shard("bafy0", 1000, 1, 10, "2024-01-01", "2024-01-31", "a", "f", 0),
                  shard("bafy1", 1000, 11, 20, "2024-02-01", "2024-02-29", "g", "m", 3),
                  shard("bafy2", 1000, 21, 30, "2024-03-01", "2024-03-31", "n", "z", 0))))
          .add(new TableDefinition("tags", "bafytags",
              List.of(new Column("x", DataType.of(TypeKind.INT)), new Column("tag", DataType.of(TypeKind.VARCHAR))),
              List.of(new ShardDefinition("bafyt", 10, 80, List.of()))));

  private static PlannedQuery plan(String sql) {
    return new QueryPlanner(CATALOG).plan(sql);
  }

  private static ScanSummary events(PlannedQuery q) {
    return q.scans().stream().filter(s -> s.table().equals("events")).findFirst().orElseThrow();
  }

  @Test
  void prunesShardsByMinMax() {
    assertEquals(1, events(plan("SELECT s FROM events WHERE x = 15")).scannedShards());
    assertEquals(2, events(plan("SELECT s FROM events WHERE x >= 11")).scannedShards());
    assertEquals(1, events(plan("SELECT s FROM events WHERE 10 >= x")).scannedShards());
    assertEquals(2, events(plan("SELECT s FROM events WHERE x IN (5, 25)")).scannedShards());
    assertEquals(1, events(plan("SELECT s FROM events WHERE d BETWEEN DATE '2024-02-10' AND DATE '2024-02-20'")).scannedShards());
    assertEquals(1, events(plan("SELECT x FROM events WHERE s < 'b'")).scannedShards());
    assertEquals(1, events(plan("SELECT s FROM events WHERE x IS NULL")).scannedShards());
    assertEquals(3, events(plan("SELECT s FROM events WHERE x = 15 OR s = 'q'")).scannedShards());
  }

  @Test
  void everyShardPrunedLeavesNoRows() {
    PlannedQuery q = plan("SELECT s FROM events WHERE x > 100");
    assertInstanceOf(ValuesNode.class, q.root());
    assertEquals(3, q.prunedShards());
    assertTrue(q.explain(false).stream().anyMatch(l -> l.endsWith(" pruned_shards=3/3")));
  }

  @Test
  void scansReadOnlyTheNeededColumnsWithThePushedFilter() {
    PlanNode root = plan("SELECT s FROM events WHERE x > 12").root();
    ExchangeNode exchange = assertInstanceOf(ExchangeNode.class, root);
    assertEquals(2, exchange.inputs().size());
    ProjectNode project = assertInstanceOf(ProjectNode.class, exchange.inputs().get(0));
    ScanNode scan = assertInstanceOf(ScanNode.class, project.input());
    assertEquals(List.of("x", "s"), scan.schema().stream().map(Column::name).toList());
    assertTrue(scan.filter() != null);
  }

  @Test
  void aggregatesSplitIntoPartialPerShardAndFinal() {
    PlanNode root = plan("SELECT s, count(*), avg(x) FROM events GROUP BY s").root();
    AggregateNode fin = assertInstanceOf(AggregateNode.class, root);
    assertEquals(AggPhase.FINAL, fin.phase());
    ExchangeNode exchange = assertInstanceOf(ExchangeNode.class, fin.input());
    assertEquals(3, exchange.inputs().size());
    AggregateNode partial = assertInstanceOf(AggregateNode.class, exchange.inputs().get(0));
    assertEquals(AggPhase.PARTIAL, partial.phase());
  }

  @Test
  void topNIsPushedIntoEveryFragment() {
    SortNode top = assertInstanceOf(SortNode.class, plan("SELECT x FROM events ORDER BY x DESC LIMIT 5 OFFSET 2").root());
    assertEquals(2, top.offset());
    assertEquals(5, top.fetch());
    ExchangeNode exchange = assertInstanceOf(ExchangeNode.class, top.input());
    SortNode partial = assertInstanceOf(SortNode.class, exchange.inputs().get(0));
    assertEquals(0, partial.offset());
    assertEquals(7, partial.fetch());
  }

  @Test
  void smallerSideIsTheBuildSide() {
    PlanNode root = plan("SELECT t.tag, e.s FROM tags t JOIN events e ON t.x = e.x").root();
    JoinNode join = findJoin(root);
    assertTrue(join.right().schema().stream().anyMatch(c -> c.name().equals("tag")), "tags is built");
    assertEquals(List.of("tag", "s"), root.schema().stream().map(Column::name).toList());
  }

  @Test
  void joinKeysMayBeExpressions() {
    JoinNode join = findJoin(plan("SELECT t.tag, e.s FROM tags t JOIN events e ON t.x + 1 = e.x").root());
    assertEquals(1, join.leftKeys().size());
    assertEquals(null, join.residual());
  }

  private static JoinNode findJoin(PlanNode node) {
    if (node instanceof JoinNode j) {
      return j;
    }
    for (PlanNode input : node.inputs()) {
      JoinNode j = findJoin(input);
      if (j != null) {
        return j;
      }
    }
    return null;
  }

  @Test
  void unsupportedFeaturesAreNamed() {
    QuarryException f = assertThrows(QuarryException.class, () -> plan("SELECT initcap(s) FROM events"));
    assertEquals(ErrorCode.UNSUPPORTED, f.code());
    assertTrue(f.getMessage().contains("INITCAP"), f.getMessage());
  }

  /** The same condition written either way round plans the same fragments (one cache key). */
  @Test
  void comparisonsPutTheLiteralOnTheRight() {
    assertEquals(
        plan("SELECT count(*) FROM events WHERE x > 15 AND d <= DATE '2024-03-01'").explain(false),
        plan("SELECT count(*) FROM events WHERE 15 < x AND DATE '2024-03-01' >= d").explain(false));
  }

  /** IN and EXISTS plan as semi joins, NOT EXISTS as an anti join: no distinct aggregation. */
  @Test
  void subqueriesBecomeSemiAndAntiJoins() {
    for (String sql :
        List.of(
            "SELECT s FROM events e WHERE EXISTS (SELECT 1 FROM tags t WHERE t.x = e.x)",
            "SELECT s FROM events WHERE x IN (SELECT x FROM tags)")) {
      String plan = String.join("\n", plan(sql).explain(false));
      assertTrue(plan.contains("Join kind=SEMI"), sql + "\n" + plan);
    }
    String sql = "SELECT s FROM events e WHERE NOT EXISTS (SELECT 1 FROM tags t WHERE t.x = e.x)";
    String plan = String.join("\n", plan(sql).explain(false));
    assertTrue(plan.contains("Join kind=ANTI"), sql + "\n" + plan);
  }

  @Test
  void rangeOffsetsBecomeBoundColumnsDroppedAfterTheWindow() {
    PlannedQuery q =
        plan("SELECT d, count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '7' DAY PRECEDING"
            + " AND CURRENT ROW) AS week FROM events");
    String all = String.join("\n", q.explain(false));
    assertTrue(all.contains("MINUS(d, INTERVAL("), all);
    assertEquals(List.of("d", "week"), q.root().schema().stream().map(Column::name).toList());
    QuarryException negative = assertThrows(QuarryException.class,
        () -> plan("SELECT count(*) OVER (ORDER BY x RANGE BETWEEN -1 PRECEDING AND CURRENT ROW)"
            + " FROM events"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, negative.code());
  }

  @Test
  void rollupAggregatesEachGroupingSetAndConcatenates() {
    List<String> lines =
        plan("SELECT s, count(*) AS n, GROUPING(s) AS g FROM events GROUP BY ROLLUP(s)")
            .explain(false);
    assertEquals("Union inputs=2", lines.get(0), lines.toString());
    assertEquals(
        2,
        lines.stream().filter(l -> l.contains("Aggregate phase=FINAL")).count(),
        "one aggregation per grouping set, each partial per shard: " + lines);
  }

  @Test
  void explainPrintsStableTerms() {
    List<String> lines = plan("SELECT count(*) FROM events WHERE d >= DATE '2024-03-01'").explain(false);
    assertEquals("Aggregate phase=FINAL keys=[] calls=[EXPR$0=COUNT_STAR(partial)]", lines.get(0));
    assertEquals("  Exchange fragments=1", lines.get(1));
    assertEquals("    Aggregate phase=PARTIAL keys=[] calls=[EXPR$0=COUNT_STAR()]", lines.get(2));
    assertEquals("      Scan shard=bafy2 rows=1000 columns=[d] filter=GE(d, DATE '2024-03-01')", lines.get(3));
    assertTrue(lines.get(lines.size() - 1).startsWith("Table events root="), lines.toString());
    assertTrue(lines.get(lines.size() - 1).endsWith(" shards=1 pruned_shards=2/3"), lines.toString());
    assertEquals(1, lines.stream().filter(l -> l.contains("pruned_shards=")).count(), lines.toString());
  }
}
