package io.quarry.connectors.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarry.connectors.dataset.ColumnStats;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardWriterTest {
  static final List<Column> ALL_TYPES = List.of(
      new Column("b", DataType.of(TypeKind.BOOLEAN)),
      new Column("i", DataType.of(TypeKind.INT)),
      new Column("l", DataType.of(TypeKind.BIGINT)),
      new Column("d", DataType.of(TypeKind.DOUBLE)),
      new Column("m", DataType.decimal(15, 2)),
      new Column("w", DataType.decimal(38, 10)),
      new Column("dt", DataType.of(TypeKind.DATE)),
      new Column("ts", DataType.of(TypeKind.TIMESTAMP)),
      new Column("s", DataType.of(TypeKind.VARCHAR)),
      new Column("k", DataType.of(TypeKind.BIGINT).withNullable(false)));

  @TempDir Path dir;

  static List<Object[]> sampleRows(int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      if (r % 7 == 3) {
        rows.add(new Object[] {null, null, null, null, null, null, null, null, null, (long) r});
        continue;
      }
      rows.add(new Object[] {
        r % 2 == 0,
        r - 50,
        (long) r * 1_000_000_007L,
        r / 3.0,
        new BigDecimal(r).movePointLeft(2).subtract(new BigDecimal("5.00")).setScale(2),
        new BigDecimal("-123456789012345678901234567.8901234567").add(BigDecimal.valueOf(r)),
        (int) LocalDate.of(2024, 1, 1).plusDays(r).toEpochDay(),
        1_700_000_000_000_000L + r * 1_000_001L,
        "str-" + (r % 10) + "-é",
        (long) r
      });
    }
    return rows;
  }

  static void write(Path file, List<Column> columns, List<Object[]> rows) {
    try (ShardWriter writer = new ShardWriter(file, columns)) {
      for (Object[] row : rows) {
        writer.write(row);
      }
    }
  }

  @Test
  void sameRowsGiveIdenticalBytes() throws Exception {
    Path a = dir.resolve("a.parquet");
    Path b = dir.resolve("b.parquet");
    write(a, ALL_TYPES, sampleRows(5000));
    write(b, ALL_TYPES, sampleRows(5000));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void roundTripsEveryTypeIncludingNulls() {
    Path file = dir.resolve("t.parquet");
    List<Object[]> rows = sampleRows(1000);
    write(file, ALL_TYPES, rows);
    try (ParquetRowReader reader = new ParquetRowReader(file, "t.parquet")) {
      assertEquals(ALL_TYPES, reader.columns());
      assertEquals(1000, reader.totalRows());
      for (Object[] expected : rows) {
        assertArrayEquals(expected, reader.next());
      }
      assertNull(reader.next());
    }
  }

  @Test
  void footerHasStatistics() {
    Path file = dir.resolve("t.parquet");
    write(file, ALL_TYPES, sampleRows(100));
    ShardFooter footer = ShardFooter.read(file, "t.parquet");
    assertEquals(ALL_TYPES, footer.columns());
    assertEquals(100, footer.rows());
    long nulls = sampleRows(100).stream().filter(r -> r[0] == null).count();
    assertEquals(new ColumnStats(-50, 49, nulls), footer.stats().get(1));
    assertEquals(new ColumnStats(new BigDecimal("-5.00"), new BigDecimal("-4.01"), nulls), footer.stats().get(4));
    assertEquals(new BigDecimal("-123456789012345678901234567.8901234567"), footer.stats().get(5).min());
    assertEquals("str-0-é", footer.stats().get(8).min());
    assertEquals("str-9-é", footer.stats().get(8).max());
    assertEquals(new ColumnStats(0L, 99L, 0), footer.stats().get(9));
  }

  @Test
  void duckDbReadsTheShard() throws Exception {
    Path file = dir.resolve("t.parquet");
    List<Object[]> rows = sampleRows(3000);
    write(file, ALL_TYPES, rows);
    long count = 0;
    long sumI = 0;
    BigDecimal sumM = BigDecimal.ZERO.setScale(2);
    long nullS = 0;
    for (Object[] r : rows) {
      count++;
      if (r[1] != null) {
        sumI += (Integer) r[1];
        sumM = sumM.add((BigDecimal) r[4]);
      } else {
        nullS++;
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT count(*), sum(i), sum(m), count(*) - count(s), min(dt), max(w), CAST(min(ts) AS VARCHAR),"
                + " typeof(any_value(m)), typeof(any_value(w)), typeof(any_value(ts))"
                + " FROM read_parquet('" + file + "')")) {
      rs.next();
      assertEquals(count, rs.getLong(1));
      assertEquals(sumI, rs.getLong(2));
      assertEquals(0, sumM.compareTo(rs.getBigDecimal(3)));
      assertEquals(nullS, rs.getLong(4));
      assertEquals("2024-01-01", rs.getString(5));
      assertEquals(0, new BigDecimal("-123456789012345678901234567.8901234567").add(BigDecimal.valueOf(2998))
          .compareTo(rs.getBigDecimal(6)));
      assertEquals("2023-11-14 22:13:20", rs.getString(7));
      assertEquals("DECIMAL(15,2)", rs.getString(8));
      assertEquals("DECIMAL(38,10)", rs.getString(9));
      assertEquals("TIMESTAMP", rs.getString(10));
    }
  }

  @Test
  void rejectsValuesThatDoNotFit() {
    Path file = dir.resolve("t.parquet");
    List<Column> cols = List.of(new Column("m", DataType.decimal(5, 2)));
    try (ShardWriter writer = new ShardWriter(file, cols)) {
      assertThrows(IllegalArgumentException.class, () -> writer.write(new Object[] {new BigDecimal("1.234")}));
      assertThrows(IllegalArgumentException.class, () -> writer.write(new Object[] {new BigDecimal("12345.6")}));
      assertThrows(IllegalArgumentException.class, () -> writer.write(new Object[] {"x"}));
      writer.write(new Object[] {new BigDecimal("-123.4")});
      writer.write(new Object[] {null});
    }
    try (ParquetRowReader reader = new ParquetRowReader(file, "t.parquet")) {
      assertEquals(new BigDecimal("-123.40"), reader.next()[0]);
      assertNull(reader.next()[0]);
      assertNull(reader.next());
    }
  }
}
