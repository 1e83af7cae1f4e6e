package io.quarry.exec.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanOperatorTest {
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final DataType DOUBLE = DataType.of(TypeKind.DOUBLE);
  static final DataType BOOL = DataType.of(TypeKind.BOOLEAN);
  static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  static final DataType DATE = DataType.of(TypeKind.DATE);
  static final DataType TIMESTAMP = DataType.of(TypeKind.TIMESTAMP);
  static final DataType DEC = DataType.decimal(15, 2);
  static final DataType WIDE = DataType.decimal(25, 3);

  static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @TempDir Path dir;

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  static final List<Column> ALL =
      List.of(
          new Column("i", INT),
          new Column("b", BIGINT),
          new Column("d", DOUBLE),
          new Column("m", DEC),
          new Column("w", WIDE),
          new Column("dt", DATE),
          new Column("ts", TIMESTAMP),
          new Column("s", VARCHAR),
          new Column("f", BOOL),
          new Column("k", new DataType(TypeKind.BIGINT, 0, 0, false)));

  static List<List<Object>> sampleRows(int n) {
    List<List<Object>> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      boolean nul = r % 7 == 3;
      rows.add(
          Arrays.asList(
              nul ? null : r - 50,
              nul ? null : (long) r * 1_000_000_007L,
              nul ? null : r / 4.0,
              nul ? null : BigDecimal.valueOf(r * 137L - 9000, 2),
              nul
                  ? null
                  : new BigDecimal("12345678901234567890.123").add(BigDecimal.valueOf(r)).negate(),
              nul ? null : 9000 + r % 40,
              nul ? null : 1_600_000_000_000_000L + r * 1000L,
              nul ? null : (r % 5 == 0 ? "" : "s" + (r % 13) + (r % 11 == 0 ? "é" : "")),
              nul ? null : r % 2 == 0,
              (long) r));
    }
    return rows;
  }

  Path writeShard(String name, List<Column> columns, List<List<Object>> rows) {
    Path file = dir.resolve(name);
    try (ShardWriter w = new ShardWriter(file, columns)) {
      for (List<Object> r : rows) {
        w.write(r.toArray());
      }
    }
    return file;
  }

  static ExecContext ctx(RootAllocator a, Path file, int batchSize) {
    return new ExecContext(a, shard -> file, POOL, batchSize);
  }

  static List<List<Object>> readAll(Operator op) {
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

  static ScanNode scan(List<Column> columns, Expr filter) {
    return new ScanNode(new ShardRef("bafyshard", 0, 0), columns, filter);
  }

  @Test
  void readsEveryTypeWithNullsAtAnyBatchSize() {
    List<List<Object>> rows = sampleRows(1000);
    Path file = writeShard("all.parquet", ALL, rows);
    for (int batchSize : new int[] {1, 3, 100, 4096}) {
      try (RootAllocator a = new RootAllocator()) {
        List<List<Object>> got = readAll(Executor.build(scan(ALL, null), ctx(a, file, batchSize)));
        assertEquals(rows, got, "batch size " + batchSize);
      }
    }
  }

  @Test
  void readsOnlyRequestedColumnsByNameIgnoringCase() {
    List<List<Object>> rows = sampleRows(50);
    Path file = writeShard("cols.parquet", ALL, rows);
    List<Column> wanted = List.of(new Column("S", VARCHAR), new Column("M", DEC));
    try (RootAllocator a = new RootAllocator()) {
      List<List<Object>> got = readAll(Executor.build(scan(wanted, null), ctx(a, file, 7)));
      assertEquals(50, got.size());
      for (int r = 0; r < 50; r++) {
        assertEquals(Arrays.asList(rows.get(r).get(7), rows.get(r).get(3)), got.get(r));
      }
    }
    try (RootAllocator a = new RootAllocator()) {
      Operator op = Executor.build(scan(List.of(), null), ctx(a, file, 16));
      assertEquals(50, Operator.drain(op));
      op.close();
    }
  }

  @Test
  void appliesTheScanFilter() {
    List<List<Object>> rows = sampleRows(500);
    Path file = writeShard("filter.parquet", ALL, rows);
    Expr filter =
        new Call(
            Op.AND,
            BOOL,
            new Call(Op.GE, BOOL, new ColumnRef(3, DEC), new Literal(new BigDecimal("0.00"), DEC)),
            new Call(Op.LIKE, BOOL, new ColumnRef(7, VARCHAR), new Literal("s1%", VARCHAR)));
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> r : rows) {
      BigDecimal m = (BigDecimal) r.get(3);
      String s = (String) r.get(7);
      if (m != null && m.signum() >= 0 && s != null && s.startsWith("s1")) {
        expected.add(r);
      }
    }
    for (int batchSize : new int[] {1, 3, 1000}) {
      try (RootAllocator a = new RootAllocator()) {
        assertEquals(expected, readAll(Executor.build(scan(ALL, filter), ctx(a, file, batchSize))));
      }
    }
  }

  /**
   * Writes row groups of 100 rows: x = 0..n-1 (INT64), y = x * 2 (INT32), with Parquet v2 pages.
   */
  Path writeGroups(String name, int n, WriterVersion version) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message t { required int64 x; optional int32 y; optional binary z (STRING);"
                + " optional int64 t (TIMESTAMP(MILLIS,false)); optional int32 q (DECIMAL(9,2));"
                + " optional fixed_len_byte_array(9) r (DECIMAL(20,1)); optional float g; }");
    Path file = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(schema)
            .withConf(new PlainParquetConfiguration())
            .withCodecFactory(QuarryCodecFactory.INSTANCE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriterVersion(version)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withRowGroupRowCountLimit(100)
            .withPageRowCountLimit(30)
            .build()) {
      for (int i = 0; i < n; i++) {
        Group g = groups.newGroup().append("x", (long) i);
        if (i % 10 != 9) {
          g.append("y", i * 2)
              .append("z", "v" + (i % 3))
              .append("t", 1000L * i)
              .append("q", i - 100)
              .append(
                  "r",
                  Binary.fromConstantByteArray(
                      new java.math.BigInteger(Long.toString(-37L * i)).toByteArray().length <= 9
                          ? pad(new java.math.BigInteger(Long.toString(-37L * i)).toByteArray(), 9)
                          : null))
              .append("g", i / 2.0f);
        }
        w.write(g);
      }
    }
    return file;
  }

  private static byte[] pad(byte[] be, int len) {
    byte[] out = new byte[len];
    byte sign = be[0] < 0 ? (byte) -1 : 0;
    Arrays.fill(out, sign);
    System.arraycopy(be, 0, out, len - be.length, be.length);
    return out;
  }

  static final List<Column> GROUP_COLS =
      List.of(
          new Column("x", BIGINT),
          new Column("y", INT),
          new Column("z", VARCHAR),
          new Column("t", TIMESTAMP),
          new Column("q", DataType.decimal(9, 2)),
          new Column("r", DataType.decimal(20, 1)),
          new Column("g", DOUBLE));

  static List<Object> groupRow(int i) {
    if (i % 10 == 9) {
      return Arrays.asList((long) i, null, null, null, null, null, null);
    }
    return Arrays.asList(
        (long) i,
        i * 2,
        "v" + (i % 3),
        1_000_000L * i,
        BigDecimal.valueOf(i - 100, 2),
        BigDecimal.valueOf(-37L * i, 1),
        i / 2.0);
  }

  @Test
  void decodesOtherEncodingsAndPageVersions() throws IOException {
    for (WriterVersion v : WriterVersion.values()) {
      Path file = writeGroups("enc-" + v + ".parquet", 450, v);
      List<List<Object>> expected = new ArrayList<>();
      for (int i = 0; i < 450; i++) {
        expected.add(groupRow(i));
      }
      for (int batchSize : new int[] {1, 3, 64}) {
        try (RootAllocator a = new RootAllocator()) {
          assertEquals(
              expected,
              readAll(Executor.build(scan(GROUP_COLS, null), ctx(a, file, batchSize))),
              v + " batch " + batchSize);
        }
      }
    }
  }

  @Test
  void filtersOverEveryEncodingDecodeOnlyPassingRows() throws IOException {
    // y % 3 = 1 keeps a third of the rows, scattered over pages and NULLs
    Expr filter =
        new Call(
            Op.EQ,
            BOOL,
            new Call(Op.MOD, INT, new ColumnRef(1, INT), new Literal(3, INT)),
            new Literal(1, INT));
    for (WriterVersion v : WriterVersion.values()) {
      Path file = writeGroups("sel-" + v + ".parquet", 450, v);
      List<List<Object>> expected = new ArrayList<>();
      for (int i = 0; i < 450; i++) {
        if (i % 10 != 9 && (i * 2) % 3 == 1) {
          expected.add(groupRow(i));
        }
      }
      for (int batchSize : new int[] {1, 3, 64, 1000}) {
        try (RootAllocator a = new RootAllocator()) {
          assertEquals(
              expected,
              readAll(Executor.build(scan(GROUP_COLS, filter), ctx(a, file, batchSize))),
              v + " batch " + batchSize);
        }
      }
    }
  }

  @Test
  void filtersOverColumnsWithoutNulls() {
    DataType id = new DataType(TypeKind.BIGINT, 0, 0, false);
    DataType tag = new DataType(TypeKind.VARCHAR, 0, 0, false);
    DataType val = new DataType(TypeKind.DOUBLE, 0, 0, false);
    DataType amt = new DataType(TypeKind.DECIMAL, 12, 2, false);
    List<Column> cols =
        List.of(
            new Column("id", id),
            new Column("tag", tag),
            new Column("val", val),
            new Column("amt", amt));
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(Arrays.asList((long) i, "tag" + (i % 5), i * 0.5, BigDecimal.valueOf(i % 17, 2)));
    }
    Path file = writeShard("dense.parquet", cols, rows);
    Expr filter =
        new Call(
            Op.EQ,
            BOOL,
            new Call(Op.MOD, BIGINT, new ColumnRef(0, id), new Literal(3L, BIGINT)),
            new Literal(0L, BIGINT));
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 3000; i += 3) {
      expected.add(rows.get(i));
    }
    for (int batchSize : new int[] {1, 5, 1000}) {
      try (RootAllocator a = new RootAllocator()) {
        assertEquals(
            expected, readAll(Executor.build(scan(cols, filter), ctx(a, file, batchSize))));
      }
    }
  }

  @Test
  void aColumnNamedTwiceIsReadOnce() throws IOException {
    Path file = writeGroups("dup.parquet", 250, WriterVersion.PARQUET_1_0);
    List<Column> cols =
        List.of(
            new Column("z", VARCHAR),
            new Column("x", BIGINT),
            new Column("Z", VARCHAR),
            new Column("x", BIGINT));
    Expr filter = new Call(Op.LT, BOOL, new ColumnRef(3, BIGINT), new Literal(120L, BIGINT));
    for (Expr f : Arrays.asList(null, filter)) {
      List<List<Object>> expected = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        if (f == null || i < 120) {
          Object z = groupRow(i).get(2);
          expected.add(Arrays.asList(z, (long) i, z, (long) i));
        }
      }
      for (int batchSize : new int[] {1, 7, 300}) {
        try (RootAllocator a = new RootAllocator()) {
          assertEquals(expected, readAll(Executor.build(scan(cols, f), ctx(a, file, batchSize))));
        }
      }
    }
  }

  @Test
  void prunesRowGroupsByStatistics() throws IOException {
    Path file = writeGroups("groups.parquet", 1000, WriterVersion.PARQUET_1_0);
    ColumnRef x = new ColumnRef(0, BIGINT);
    ColumnRef y = new ColumnRef(1, INT);
    assertPruned(file, new Call(Op.LT, BOOL, x, new Literal(150L, BIGINT)), 2, 150);
    assertPruned(file, new Call(Op.GE, BOOL, new Literal(250L, BIGINT), x), 3, 251);
    assertPruned(
        file,
        new Call(
            Op.AND,
            BOOL,
            new Call(Op.GE, BOOL, x, new Literal(420L, BIGINT)),
            new Call(Op.LE, BOOL, x, new Literal(480L, BIGINT))),
        1,
        61);
    assertPruned(
        file,
        new Call(
            Op.OR,
            BOOL,
            new Call(Op.EQ, BOOL, x, new Literal(5L, BIGINT)),
            new Call(Op.EQ, BOOL, x, new Literal(995L, BIGINT))),
        2,
        2);
    assertPruned(
        file,
        new Call(Op.IN, BOOL, x, new Literal(305L, BIGINT), new Literal(10_000L, BIGINT)),
        1,
        1);
    // y = 2x, compared as decimal against an INT column
    assertPruned(
        file,
        new Call(Op.GT, BOOL, y, new Literal(new BigDecimal("1900.5"), DataType.decimal(5, 1))),
        1,
        44);
    assertPruned(file, new Call(Op.IS_NULL, BOOL, y), 10, 100);
    // constants are folded before pruning
    assertPruned(
        file,
        new Call(
            Op.GE,
            BOOL,
            x,
            new Call(Op.TIMES, BIGINT, new Literal(45L, BIGINT), new Literal(20L, BIGINT))),
        1,
        100);
    assertPruned(file, new Call(Op.EQ, BOOL, x, new Literal(null, BIGINT)), 0, 0);
    // not understood: every row group is read
    assertPruned(
        file,
        new Call(
            Op.EQ,
            BOOL,
            new Call(Op.PLUS, BIGINT, x, new Literal(1L, BIGINT)),
            new Literal(5L, BIGINT)),
        10,
        1);
  }

  private void assertPruned(Path file, Expr filter, int groupsRead, int rows) {
    try (RootAllocator a = new RootAllocator()) {
      ScanOperator op = new ScanOperator(scan(GROUP_COLS, filter), ctx(a, file, 1024));
      assertEquals(rows, Operator.drain(op), filter.toString());
      assertEquals(groupsRead, op.rowGroupsRead(), filter.toString());
      assertEquals(10 - groupsRead, op.rowGroupsSkipped(), filter.toString());
      op.close();
    }
  }

  @Test
  void corruptShardsAreClearErrors() throws IOException {
    Path file = writeShard("bad.parquet", ALL, sampleRows(2000));
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = dir.resolve("truncated.parquet");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    try (RootAllocator a = new RootAllocator()) {
      Operator op = Executor.build(scan(ALL, null), ctx(a, truncated, 100));
      QuarryException e = assertThrows(QuarryException.class, op::next);
      op.close();
      assertEquals(ErrorCode.CORRUPT_DATA, e.code());
      assertTrue(e.getMessage().contains("bafyshard"), e.getMessage());
      assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }
    // garbage over the first column chunk's pages
    Path garbled = dir.resolve("garbled.parquet");
    byte[] copy = bytes.clone();
    for (int i = 4; i < 400; i++) {
      copy[i] = (byte) (i * 31 + 7);
    }
    Files.write(garbled, copy, StandardOpenOption.CREATE);
    try (RootAllocator a = new RootAllocator()) {
      Operator op = Executor.build(scan(ALL, null), ctx(a, garbled, 100));
      QuarryException e = assertThrows(QuarryException.class, () -> Operator.drain(op));
      op.close();
      assertEquals(ErrorCode.CORRUPT_DATA, e.code());
      assertTrue(
          e.getMessage().contains("bafyshard") && e.getMessage().contains("file offset"),
          e.getMessage());
    }
  }

  @Test
  void missingColumnIsNamed() {
    Path file = writeShard("missing.parquet", ALL, sampleRows(3));
    try (RootAllocator a = new RootAllocator()) {
      Operator op = Executor.build(scan(List.of(new Column("nope", INT)), null), ctx(a, file, 10));
      QuarryException e = assertThrows(QuarryException.class, op::next);
      op.close();
      assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
  }
}
