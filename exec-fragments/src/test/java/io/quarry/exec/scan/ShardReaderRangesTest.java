package io.quarry.exec.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.connectors.parquet.ParquetFiles;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
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
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading page-aligned row ranges of a shard gives exactly the rows of a whole read. */
class ShardReaderRangesTest {
  static final DataType INT = DataType.of(TypeKind.INT);
  static final DataType BIGINT = DataType.of(TypeKind.BIGINT);
  static final DataType VARCHAR = DataType.of(TypeKind.VARCHAR);
  static final DataType KEY = new DataType(TypeKind.BIGINT, 0, 0, false);

  /** Every column type, NULLs in every nullable column; "s" stays dictionary-encoded, "u" not. */
  static final List<Column> ALL =
      List.of(
          new Column("i", INT),
          new Column("b", BIGINT),
          new Column("d", DataType.of(TypeKind.DOUBLE)),
          new Column("m", DataType.decimal(15, 2)),
          new Column("w", DataType.decimal(25, 3)),
          new Column("dt", DataType.of(TypeKind.DATE)),
          new Column("ts", DataType.of(TypeKind.TIMESTAMP)),
          new Column("s", VARCHAR),
          new Column("u", VARCHAR),
          new Column("f", DataType.of(TypeKind.BOOLEAN)),
          new Column("k", KEY));

  static final int ROWS = 70_000;

  @TempDir static Path dir;
  static Path shard;
  static List<List<Object>> whole;

  static List<Object> row(int r) {
    boolean nul = r % 7 == 3;
    return Arrays.asList(
        nul ? null : r - 35_000,
        nul ? null : (long) r * 1_000_000_007L,
        nul ? null : r / 8.0,
        nul ? null : BigDecimal.valueOf(r * 137L - 9000, 2),
        nul ? null : new BigDecimal("12345678901234567890.123").add(BigDecimal.valueOf(r)).negate(),
        nul ? null : 9000 + r % 400,
        nul ? null : 1_600_000_000_000_000L + r * 1000L,
        nul ? null : (r % 5 == 0 ? "" : "s" + (r % 13) + (r % 11 == 0 ? "é" : "")),
        nul ? null : "unique value number " + r + " of the shard, long enough",
        nul ? null : r % 3 == 0,
        (long) r);
  }

  @BeforeAll
  static void writeShard() {
    shard = dir.resolve("all.parquet");
    try (ShardWriter w = new ShardWriter(shard, ALL)) {
      for (int r = 0; r < ROWS; r++) {
        w.write(row(r).toArray());
      }
    }
    whole = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      whole.add(row(r));
    }
  }

  static ScanNode scan(List<Column> columns) {
    return new ScanNode(new ShardRef("bafyshard", 0, 0), columns, null);
  }

  static List<List<Object>> read(ShardReader reader, int batchSize) {
    List<List<Object>> out = new ArrayList<>();
    try (reader) {
      for (VectorSchemaRoot b = reader.next(batchSize); b != null; b = reader.next(batchSize)) {
        try (VectorSchemaRoot batch = b) {
          out.addAll(Batches.toRows(batch));
        }
      }
    }
    return out;
  }

  static List<RowGroupRange> units(Path file, List<Column> columns) {
    try (RootAllocator a = new RootAllocator();
        ShardReader r = ShardReader.open(file, scan(columns), a)) {
      return r.units();
    }
  }

  /** Reads {@code ranges} with a reader limited to them (the one that computed the units). */
  static List<List<Object>> readOnly(
      Path file, List<Column> columns, List<RowGroupRange> ranges, BufferAllocator a, int batch) {
    ShardReader r = ShardReader.open(file, scan(columns), a);
    r.units();
    r.readOnly(ranges);
    return read(r, batch);
  }

  /** Reads {@code ranges} with another reader sharing the footer of a first one. */
  static List<List<Object>> readSibling(
      Path file, List<Column> columns, List<RowGroupRange> ranges, BufferAllocator a, int batch) {
    try (ShardReader first = ShardReader.open(file, scan(columns), a)) {
      return read(first.openRanges(ranges), batch);
    }
  }

  static List<List<Object>> slice(List<List<Object>> rows, RowGroupRange r) {
    return rows.subList((int) r.firstRow(), (int) (r.firstRow() + r.rowCount()));
  }

  @Test
  void cutsWhereEveryColumnStartsAPage() {
    assertEquals(
        List.of(
            new RowGroupRange(0, 0, 20_000),
            new RowGroupRange(0, 20_000, 20_000),
            new RowGroupRange(0, 40_000, 20_000),
            new RowGroupRange(0, 60_000, 10_000)),
        units(shard, ALL));
  }

  @Test
  void everyRangeReadsTheValuesOfAWholeRead() {
    List<RowGroupRange> units = units(shard, ALL);
    try (RootAllocator a = new RootAllocator()) {
      assertEquals(whole, read(ShardReader.open(shard, scan(ALL), a), 4096));
      for (int batch : new int[] {777, 16_384}) {
        for (RowGroupRange u : units) {
          List<List<Object>> expected = slice(whole, u);
          assertEquals(expected, readOnly(shard, ALL, List.of(u), a, batch), u + " " + batch);
          assertEquals(expected, readSibling(shard, ALL, List.of(u), a, batch), u + " " + batch);
        }
      }
      // two runs of contiguous ranges, one per reader, together give the shard in order
      List<List<RowGroupRange>> runs = RowGroupRange.balanced(units, 2, 1);
      assertEquals(2, runs.size());
      List<List<Object>> both = new ArrayList<>(readOnly(shard, ALL, runs.get(0), a, 4096));
      both.addAll(readSibling(shard, ALL, runs.get(1), a, 4096));
      assertEquals(whole, both);
    }
  }

  @Test
  void aScanOfSomeColumnsReadsThemInRanges() {
    List<Column> some = List.of(new Column("U", VARCHAR), new Column("m", ALL.get(3).type()));
    List<RowGroupRange> units = units(shard, some);
    assertEquals(4, units.size());
    try (RootAllocator a = new RootAllocator()) {
      for (RowGroupRange u : units) {
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> r : slice(whole, u)) {
          expected.add(Arrays.asList(r.get(8), r.get(3)));
        }
        assertEquals(expected, readSibling(shard, some, List.of(u), a, 5000), u.toString());
      }
    }
  }

  /** Page starts per column of row group 0, from the offset index. */
  static long[] pageStarts(Path file, String column) throws IOException {
    try (ParquetFileReader r = ParquetFiles.open(file, "test")) {
      BlockMetaData block = r.getRowGroups().get(0);
      for (ColumnChunkMetaData c : block.getColumns()) {
        if (c.getPath().toDotString().equals(column)) {
          OffsetIndex index = r.readOffsetIndex(c);
          long[] starts = new long[index.getPageCount()];
          for (int p = 0; p < starts.length; p++) {
            starts[p] = index.getFirstRowIndex(p);
          }
          return starts;
        }
      }
    }
    throw new AssertionError("no column " + column);
  }

  static List<Long> starts(List<RowGroupRange> units) {
    return units.stream().map(RowGroupRange::firstRow).toList();
  }

  @Test
  void columnsWhosePagesEndElsewhereShareOnlyTheirCommonStarts() throws IOException {
    // 400-byte values fill a 1 MiB page long before its 20,000 rows: pages end by size
    List<Column> cols = List.of(new Column("k", KEY), new Column("wide", VARCHAR));
    Path file = dir.resolve("wide.parquet");
    List<List<Object>> rows = new ArrayList<>();
    try (ShardWriter w = new ShardWriter(file, cols)) {
      for (int r = 0; r < 45_000; r++) {
        String v = r % 9 == 0 ? null : (r + "-").repeat(400 / (1 + String.valueOf(r).length()));
        List<Object> row = Arrays.asList((long) r, v);
        rows.add(row);
        w.write(row.toArray());
      }
    }
    long[] keyStarts = pageStarts(file, "k");
    long[] wideStarts = pageStarts(file, "wide");
    assertEquals(List.of(0L, 20_000L, 40_000L), Arrays.stream(keyStarts).boxed().toList());
    assertNotEquals(Arrays.toString(keyStarts), Arrays.toString(wideStarts));
    TreeSet<Long> common = new TreeSet<>();
    Arrays.stream(keyStarts).forEach(common::add);
    common.retainAll(Arrays.stream(wideStarts).boxed().toList());

    List<RowGroupRange> both = units(file, cols);
    assertEquals(List.copyOf(common), starts(both));
    assertEquals(
        Arrays.stream(wideStarts).boxed().toList(),
        starts(units(file, List.of(new Column("wide", VARCHAR)))));
    assertEquals(
        Arrays.stream(keyStarts).boxed().toList(), starts(units(file, List.of(cols.get(0)))));
    try (RootAllocator a = new RootAllocator()) {
      for (RowGroupRange u : both) {
        assertEquals(slice(rows, u), readSibling(file, cols, List.of(u), a, 4096), u.toString());
      }
      for (RowGroupRange u : units(file, List.of(cols.get(1)))) {
        List<List<Object>> expected =
            slice(rows, u).stream().map(r -> Arrays.asList(r.get(1))).toList();
        assertEquals(
            expected, readSibling(file, List.of(cols.get(1)), List.of(u), a, 4096), u.toString());
      }
    }
  }

  @Test
  void withoutOffsetIndexesARowGroupIsOneRange() throws IOException {
    Path bare = dir.resolve("no-index.parquet");
    ParquetFooterEdits.withoutPageIndexes(shard, bare);
    List<RowGroupRange> units = units(bare, ALL);
    assertEquals(List.of(new RowGroupRange(0, 0, ROWS)), units);
    try (RootAllocator a = new RootAllocator()) {
      assertEquals(whole, readOnly(bare, ALL, units, a, 4096));
    }
  }

  @Test
  void aCorruptPageInOneRangeIsCorruptDataNamingShardColumnAndOffset() throws IOException {
    long offset;
    int size;
    try (ParquetFileReader r = ParquetFiles.open(shard, "test")) {
      // zstd keeps its compressed form only where that is smaller: text pages are
      ColumnChunkMetaData u = r.getRowGroups().get(0).getColumns().get(8);
      assertEquals("u", u.getPath().toDotString());
      OffsetIndex index = r.readOffsetIndex(u);
      offset = index.getOffset(2);
      size = index.getCompressedPageSize(2);
    }
    byte[] bytes = Files.readAllBytes(shard);
    for (int i = 0; i < 64; i++) {
      bytes[(int) offset + size / 2 + i] = (byte) (i * 37 + 11);
    }
    Path bad = dir.resolve("bad-page.parquet");
    Files.write(bad, bytes);
    List<RowGroupRange> units = units(bad, ALL);
    try (RootAllocator a = new RootAllocator()) {
      assertEquals(slice(whole, units.get(0)), readSibling(bad, ALL, units.subList(0, 1), a, 4096));
      QuarryException e =
          assertThrows(
              QuarryException.class, () -> readSibling(bad, ALL, units.subList(2, 3), a, 4096));
      assertEquals(ErrorCode.CORRUPT_DATA, e.code());
      String m = e.getMessage();
      assertTrue(
          m.contains("shard bafyshard")
              && m.contains("column u")
              && m.contains("rows 40000 to 59999")
              && m.contains("page at row 40000, file offset " + offset),
          m);
    }
  }

  @Test
  void anOffsetIndexThatMisplacesAPageIsCorruptData() throws IOException {
    Path lying = dir.resolve("lying.parquet");
    ParquetFooterEdits.withPageRows(shard, lying, "k", r -> r == 60_000 ? 50_000 : r);
    List<Column> key = List.of(new Column("k", KEY));
    List<RowGroupRange> units = units(lying, key);
    assertEquals(List.of(0L, 20_000L, 40_000L, 50_000L), starts(units));
    try (RootAllocator a = new RootAllocator()) {
      for (RowGroupRange u : units.subList(2, 4)) {
        QuarryException e =
            assertThrows(QuarryException.class, () -> readSibling(lying, key, List.of(u), a, 4096));
        assertEquals(ErrorCode.CORRUPT_DATA, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("column k"), e.getMessage());
      }
      // read whole, the row group does not need the index
      List<List<Object>> all = read(ShardReader.open(lying, scan(key), a), 4096);
      assertEquals(ROWS, all.size());
      assertEquals(List.of((long) ROWS - 1), all.get(ROWS - 1));
    }
  }

  @Test
  void runsAreContiguousCutNearEqualSharesAndNotTooSmall() {
    List<RowGroupRange> q1 =
        List.of(
            new RowGroupRange(0, 0, 20_000),
            new RowGroupRange(0, 20_000, 20_000),
            new RowGroupRange(0, 40_000, 20_000),
            new RowGroupRange(0, 60_000, 12));
    assertEquals(
        List.of(
            List.of(new RowGroupRange(0, 0, 40_000)),
            List.of(new RowGroupRange(0, 40_000, 20_012))),
        RowGroupRange.balanced(q1, 2, 4096));
    assertEquals(
        List.of(
            List.of(new RowGroupRange(0, 0, 20_000)),
            List.of(new RowGroupRange(0, 20_000, 20_000)),
            List.of(new RowGroupRange(0, 40_000, 20_012))),
        RowGroupRange.balanced(q1, 4, 4096));
    // a run of 12 rows is not worth a thread
    assertEquals(
        List.of(List.of(new RowGroupRange(0, 0, 20_012))),
        RowGroupRange.balanced(List.of(q1.get(0), new RowGroupRange(0, 20_000, 12)), 2, 4096));
    // runs cross row groups; pieces of one row group in a run are merged
    List<RowGroupRange> groups =
        List.of(
            new RowGroupRange(0, 0, 5000),
            new RowGroupRange(0, 5000, 5000),
            new RowGroupRange(1, 0, 5000),
            new RowGroupRange(1, 5000, 5000),
            new RowGroupRange(3, 0, 5000),
            new RowGroupRange(3, 5000, 5000));
    assertEquals(
        List.of(
            List.of(new RowGroupRange(0, 0, 10_000), new RowGroupRange(1, 0, 5000)),
            List.of(new RowGroupRange(1, 5000, 5000), new RowGroupRange(3, 0, 10_000))),
        RowGroupRange.balanced(groups, 2, 1));
    assertEquals(List.of(), RowGroupRange.balanced(List.of(), 2, 1));
  }
}
