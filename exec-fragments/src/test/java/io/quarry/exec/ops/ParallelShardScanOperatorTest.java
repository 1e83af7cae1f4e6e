package io.quarry.exec.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.connectors.parquet.QuarryCodecFactory;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.Executor;
import io.quarry.exec.Operator;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.expr.Literal;
import io.quarry.exec.expr.Op;
import io.quarry.exec.plan.AggCall;
import io.quarry.exec.plan.AggFunction;
import io.quarry.exec.plan.AggPhase;
import io.quarry.exec.plan.AggregateNode;
import io.quarry.exec.plan.ExchangeNode;
import io.quarry.exec.plan.FilterNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ProjectNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard's scan chain read in page-aligned ranges on several threads gives the same rows. */
class ParallelShardScanOperatorTest {
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);
  static final DataType DEC = DataType.decimal(15, 2);
  static final DataType KEY = new DataType(TypeKind.BIGINT, 0, 0, false);

  static final List<Column> COLUMNS =
      List.of(
          new Column("i", INT),
          new Column("b", BIGINT),
          new Column("m", DEC),
          new Column("w", DataType.decimal(25, 3)),
          new Column("dt", DataType.of(TypeKind.DATE)),
          new Column("ts", DataType.of(TypeKind.TIMESTAMP)),
          new Column("s", VARCHAR),
          new Column("u", VARCHAR),
          new Column("f", BOOL),
          new Column("k", KEY));

  static final int ROWS = 70_000;
  static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  static final ExecutorService ONE = Executors.newFixedThreadPool(1);

  @TempDir static Path dir;
  static Path shard;
  static List<List<Object>> rows;

  static List<Object> row(int r) {
    boolean nul = r % 7 == 3;
    return Arrays.asList(
        nul ? null : r - 35_000,
        nul ? null : (long) r * 1_000_000_007L,
        nul ? null : BigDecimal.valueOf(r * 137L - 9000, 2),
        nul ? null : new BigDecimal("12345678901234567890.123").add(BigDecimal.valueOf(r)).negate(),
        nul ? null : 9000 + r % 400,
        nul ? null : 1_600_000_000_000_000L + r * 1000L,
        nul ? null : "s" + (r % 13),
        nul ? null : "unique value number " + r + " of the shard, long enough",
        nul ? null : r % 3 == 0,
        (long) r);
  }

  @BeforeAll
  static void writeShard() {
    shard = dir.resolve("shard.parquet");
    rows = new ArrayList<>();
    try (ShardWriter w = new ShardWriter(shard, COLUMNS)) {
      for (int r = 0; r < ROWS; r++) {
        rows.add(row(r));
        w.write(rows.get(r).toArray());
      }
    }
  }

  /** Tasks of an earlier test may still be returning: splitting needs free threads. */
  @BeforeEach
  void awaitIdlePool() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (((ThreadPoolExecutor) POOL).getActiveCount() > 0 && System.nanoTime() < deadline) {
      Thread.yield();
    }
  }

  @AfterAll
  static void stopPools() {
    POOL.shutdownNow();
    ONE.shutdownNow();
  }

  static ExecContext ctx(RootAllocator a, Path file, ExecutorService pool) {
    return new ExecContext(a, shard -> file, pool, ExecContext.DEFAULT_BATCH_SIZE);
  }

  static ScanNode scan(List<Column> columns, Expr filter) {
    return new ScanNode(new ShardRef("bafyshard", 0, 0), columns, filter);
  }

  static List<List<Object>> drain(Operator op) {
    List<List<Object>> out = new ArrayList<>();
    try (op) {
      for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
        try (VectorSchemaRoot batch = b) {
          out.addAll(Batches.toRows(batch));
        }
      }
    }
    return out;
  }

  /** Rows sorted by their last column (a unique key in these tests). */
  static List<List<Object>> byKey(List<List<Object>> in) {
    List<List<Object>> out = new ArrayList<>(in);
    out.sort(Comparator.comparing(r -> (Long) r.get(r.size() - 1)));
    return out;
  }

  @Test
  void aShardReadInRangesGivesEveryRowOnce() {
    for (int round = 0; round < 3; round++) {
      try (RootAllocator a = new RootAllocator()) {
        ParallelShardScanOperator op =
            new ParallelShardScanOperator(scan(COLUMNS, null), ctx(a, shard, POOL));
        List<List<Object>> got = new ArrayList<>();
        try (op) {
          for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
            try (VectorSchemaRoot batch = b) {
              got.addAll(Batches.toRows(batch));
            }
          }
          assertEquals(2, op.runs());
          assertEquals(1, op.rowGroupsRead());
          assertEquals(0, op.rowGroupsSkipped());
        }
        assertEquals(ROWS, got.size());
        assertEquals(rows, byKey(got));
      }
    }
  }

  @Test
  void filtersAndProjectionsRunInEveryRange() {
    // scan filter: m >= 0 AND s <> 's1'; then k % 5 <> 2 above it; then project k, m * 2, s
    Expr scanFilter =
        new Call(
            Op.AND,
            BOOL,
            new Call(Op.GE, BOOL, new ColumnRef(2, DEC), new Literal(new BigDecimal("0.00"), DEC)),
            new Call(Op.NE, BOOL, new ColumnRef(6, VARCHAR), new Literal("s1", VARCHAR)));
    Expr above =
        new Call(
            Op.NE,
            BOOL,
            new Call(Op.MOD, KEY, new ColumnRef(9, KEY), new Literal(5L, BIGINT)),
            new Literal(2L, BIGINT));
    DataType doubled = DataType.decimal(16, 2);
    PlanNode chain =
        new ProjectNode(
            new FilterNode(scan(COLUMNS, scanFilter), above),
            List.of(
                new ColumnRef(6, VARCHAR),
                new Call(
                    Op.TIMES,
                    doubled,
                    new ColumnRef(2, DEC),
                    new Literal(BigDecimal.valueOf(2), DataType.decimal(1, 0))),
                new ColumnRef(9, KEY)),
            List.of("s", "m2", "k"));
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> r : rows) {
      BigDecimal m = (BigDecimal) r.get(2);
      long k = (Long) r.get(9);
      if (m != null && m.signum() >= 0 && !"s1".equals(r.get(6)) && k % 5 != 2) {
        expected.add(Arrays.asList(r.get(6), m.multiply(BigDecimal.valueOf(2)), k));
      }
    }
    try (RootAllocator a = new RootAllocator()) {
      assertTrue(ParallelShardScanOperator.splittable(chain, ctx(a, shard, POOL)));
      ParallelShardScanOperator op = new ParallelShardScanOperator(chain, ctx(a, shard, POOL));
      List<List<Object>> got = byKey(drain(op));
      assertEquals(2, op.runs());
      assertEquals(expected, got);
      assertEquals(expected, byKey(drain(Executor.build(chain, ctx(a, shard, POOL)))));
    }
  }

  @Test
  void onlyChainsOverAScanThatHandOnNoFloatsAreSplitAndOnlyWithThreads() {
    Column d = new Column("d", DataType.of(TypeKind.DOUBLE));
    ScanNode withDouble = scan(List.of(d, new Column("k", KEY)), null);
    ProjectNode withoutDouble =
        new ProjectNode(withDouble, List.of(new ColumnRef(1, KEY)), List.of("k"));
    try (RootAllocator a = new RootAllocator()) {
      ExecContext two = ctx(a, shard, POOL);
      assertFalse(ParallelShardScanOperator.splittable(withDouble, two));
      assertTrue(ParallelShardScanOperator.splittable(withoutDouble, two));
      assertFalse(ParallelShardScanOperator.splittable(withoutDouble, ctx(a, shard, ONE)));
      assertFalse(ParallelShardScanOperator.splittable(scan(List.of(), null), two));
      assertFalse(
          ParallelShardScanOperator.splittable(
              new AggregateNode(withoutDouble, List.of(), List.of(count()), AggPhase.SINGLE), two));
    }
  }

  @Test
  void withNoThreadFreeTheScanIsNotSplit() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      POOL.submit(
          () -> {
            busy.countDown();
            release.await(30, TimeUnit.SECONDS);
            return null;
          });
    }
    try (RootAllocator a = new RootAllocator()) {
      assertTrue(busy.await(30, TimeUnit.SECONDS));
      ParallelShardScanOperator op =
          new ParallelShardScanOperator(scan(COLUMNS, null), ctx(a, shard, POOL));
      List<List<Object>> got = new ArrayList<>();
      try (op) {
        for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
          try (VectorSchemaRoot batch = b) {
            got.addAll(Batches.toRows(batch));
          }
        }
        assertEquals(1, op.runs());
      }
      assertEquals(rows, got, "one run reads in file order");
    } finally {
      release.countDown();
    }
  }

  static AggCall count() {
    return new AggCall(AggFunction.COUNT_STAR, List.of(), BIGINT, "n");
  }

  /**
   * Five row groups of 20,000 rows, pages of 5,000: x = 0..99,999 (INT64), y = x % 1000 (INT32,
   * NULL every 10th row), z a short string.
   */
  static Path writeRowGroups(String name) throws IOException {
    Path file = dir.resolve(name);
    var schema =
        MessageTypeParser.parseMessageType(
            "message t { required int64 x; optional int32 y; optional binary z (STRING); }");
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(QuarryCodecFactory.INSTANCE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withRowGroupRowCountLimit(20_000)
            .withPageRowCountLimit(5_000)
            .build()) {
      for (int x = 0; x < 100_000; x++) {
        Group g = groups.newGroup().append("x", (long) x);
        if (x % 10 != 9) {
          g.append("y", x % 1000).append("z", "z" + (x % 7));
        }
        w.write(g);
      }
    }
    return file;
  }

  @Test
  void rowGroupsReadAndSkippedAreCountedOverAllRanges() throws IOException {
    Path file = writeRowGroups("groups.parquet");
    List<Column> cols =
        List.of(new Column("z", VARCHAR), new Column("y", INT), new Column("x", BIGINT));
    ColumnRef x = new ColumnRef(2, BIGINT);
    // row groups 0, 1 and 4 might match; 2 and 3 are ruled out by their statistics
    Expr filter =
        new Call(
            Op.OR,
            BOOL,
            new Call(Op.LT, BOOL, x, new Literal(25_000L, BIGINT)),
            new Call(Op.GE, BOOL, x, new Literal(90_000L, BIGINT)));
    List<List<Object>> expected = new ArrayList<>();
    for (long v = 0; v < 100_000; v++) {
      if (v < 25_000 || v >= 90_000) {
        boolean nul = v % 10 == 9;
        expected.add(Arrays.asList(nul ? null : "z" + (v % 7), nul ? null : (int) (v % 1000), v));
      }
    }
    try (RootAllocator a = new RootAllocator()) {
      ParallelShardScanOperator op =
          new ParallelShardScanOperator(scan(cols, filter), ctx(a, file, POOL));
      List<List<Object>> got = new ArrayList<>();
      try (op) {
        for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
          try (VectorSchemaRoot batch = b) {
            got.addAll(Batches.toRows(batch));
          }
        }
        assertEquals(2, op.runs());
        assertEquals(3, op.rowGroupsRead());
        assertEquals(2, op.rowGroupsSkipped());
      }
      assertEquals(expected, byKey(got));
      ScanOperator whole = new ScanOperator(scan(cols, filter), ctx(a, file, POOL));
      assertEquals(expected, drain(whole));
      assertEquals(3, whole.rowGroupsRead());
      assertEquals(2, whole.rowGroupsSkipped());
    }
  }

  /** FINAL(exchange(PARTIAL(project(scan)))) grouped by s: counts, sums, min and max. */
  static PlanNode aggregatePlan() {
    ProjectNode p =
        new ProjectNode(
            scan(COLUMNS, null),
            List.of(
                new ColumnRef(6, VARCHAR),
                new ColumnRef(2, DEC),
                new ColumnRef(0, INT),
                new ColumnRef(7, VARCHAR)),
            List.of("s", "m", "i", "u"));
    List<AggCall> calls =
        List.of(
            count(),
            new AggCall(AggFunction.SUM, List.of(1), DataType.decimal(38, 2), "sum_m"),
            new AggCall(AggFunction.AVG, List.of(1), DEC, "avg_m"),
            new AggCall(AggFunction.MIN, List.of(2), INT, "min_i"),
            new AggCall(AggFunction.MAX, List.of(3), VARCHAR, "max_u"));
    AggregateNode partial = new AggregateNode(p, List.of(0), calls, AggPhase.PARTIAL);
    return new AggregateNode(new ExchangeNode(List.of(partial)), List.of(0), calls, AggPhase.FINAL);
  }

  @Test
  void aPartialAggregateOverASplitScanInAFragmentGivesTheSameAnswer() {
    PlanNode plan = aggregatePlan();
    List<List<Object>> expected;
    try (RootAllocator a = new RootAllocator()) {
      expected = sorted(drain(Executor.build(plan, ctx(a, shard, ONE))));
    }
    assertEquals(14, expected.size());
    for (int round = 0; round < 10; round++) {
      try (RootAllocator a = new RootAllocator()) {
        assertEquals(expected, sorted(drain(Executor.build(plan, ctx(a, shard, POOL)))));
      }
    }
  }

  @Test
  void aPartialAggregateSplitWithTheScanGivesTheWholeShardsPartialStates() {
    // The fragment's own rows (what the result cache stores): merged per group, the same states.
    AggregateNode partial = (AggregateNode) aggregatePlan().inputs().get(0).inputs().get(0);
    List<List<Object>> whole;
    try (RootAllocator a = new RootAllocator()) {
      whole = sorted(drain(Executor.build(partial, ctx(a, shard, ONE))));
    }
    assertEquals(14, whole.size(), "one row per group");
    for (int round = 0; round < 3; round++) {
      try (RootAllocator a = new RootAllocator()) {
        assertTrue(ParallelShardScanOperator.splittable(partial, ctx(a, shard, POOL)));
        ParallelShardScanOperator op = new ParallelShardScanOperator(partial, ctx(a, shard, POOL));
        assertEquals(whole, sorted(drain(op)));
        assertEquals(2, op.runs(), "read and aggregated in two runs");
        assertEquals(0, a.getAllocatedMemory());
      }
    }
    // No group key and no row left by the filter: no partial row, split or not.
    Expr none = new Call(Op.LT, BOOL, new ColumnRef(9, KEY), new Literal(0L, BIGINT));
    AggregateNode empty =
        new AggregateNode(scan(COLUMNS, none), List.of(), List.of(count()), AggPhase.PARTIAL);
    try (RootAllocator a = new RootAllocator()) {
      assertEquals(List.of(), drain(new ParallelShardScanOperator(empty, ctx(a, shard, POOL))));
      assertEquals(List.of(), drain(Executor.build(empty, ctx(a, shard, ONE))));
    }
  }

  @Test
  void aggregatesWhoseMergeDependsOnOrderAreNotSplit() {
    AggregateNode partial = (AggregateNode) aggregatePlan().inputs().get(0).inputs().get(0);
    AggregateNode anyValue =
        new AggregateNode(
            partial.input(),
            List.of(0),
            List.of(new AggCall(AggFunction.ANY_VALUE, List.of(3), VARCHAR, "u")),
            AggPhase.PARTIAL);
    try (RootAllocator a = new RootAllocator()) {
      assertFalse(ParallelShardScanOperator.splittable(anyValue, ctx(a, shard, POOL)));
      assertTrue(ParallelShardScanOperator.splittable(partial.input(), ctx(a, shard, POOL)));
    }
  }

  static List<List<Object>> sorted(List<List<Object>> in) {
    List<List<Object>> out = new ArrayList<>(in);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  @Test
  void aCorruptPageInOneRangeFailsTheScanWithTheShardColumnAndOffset() throws IOException {
    long offset;
    int size;
    try (ParquetFileReader r = io.quarry.connectors.parquet.ParquetFiles.open(shard, "test")) {
      var u = r.getRowGroups().get(0).getColumns().get(7);
      assertEquals("u", u.getPath().toDotString());
      OffsetIndex index = r.readOffsetIndex(u);
      offset = index.getOffset(3);
      size = index.getCompressedPageSize(3);
    }
    byte[] bytes = Files.readAllBytes(shard);
    for (int i = 0; i < 64; i++) {
      bytes[(int) offset + size / 2 + i] = (byte) (i * 37 + 11);
    }
    Path bad = dir.resolve("bad.parquet");
    Files.write(bad, bytes);
    for (int round = 0; round < 3; round++) {
      try (RootAllocator a = new RootAllocator()) {
        Operator op = Executor.build(aggregatePlan(), ctx(a, bad, POOL));
        QuarryException e = assertThrows(QuarryException.class, () -> Operator.drain(op));
        op.close();
        assertEquals(ErrorCode.CORRUPT_DATA, e.code());
        String m = e.getMessage();
        assertTrue(
            m.contains("shard bafyshard")
                && m.contains("column u")
                && m.contains("page at row 60000, file offset " + offset),
            m);
      }
    }
  }

  @Test
  void closingEarlyStopsEveryRange() {
    for (int round = 0; round < 3; round++) {
      try (RootAllocator a = new RootAllocator()) {
        ParallelShardScanOperator op =
            new ParallelShardScanOperator(scan(COLUMNS, null), ctx(a, shard, POOL));
        VectorSchemaRoot b = op.next();
        assertTrue(b.getRowCount() > 0);
        b.close();
        op.close();
        assertEquals(null, op.next());
      }
    }
  }
}
