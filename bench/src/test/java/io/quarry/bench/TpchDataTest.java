package io.quarry.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchDataTest {
  @TempDir Path dir;

  @Test
  void generatesTypedParquetThatDuckDbReads() throws Exception {
    TpchData data = TpchData.prepare(0.001, dir, 2, new PrintStream(new ByteArrayOutputStream()));
    assertEquals(dir.resolve("sf0.001").toAbsolutePath(), data.directory());
    assertEquals(8, data.files().size());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*) FROM read_parquet('" + data.files().get("nation").get(0) + "')")) {
        rs.next();
        assertEquals(25, rs.getLong(1));
      }
      Map<String, String> types = new HashMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "DESCRIBE SELECT * FROM read_parquet('"
                  + data.files().get("lineitem").get(0)
                  + "')")) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
      assertEquals("DECIMAL(15,2)", types.get("l_extendedprice"));
      assertEquals("DATE", types.get("l_shipdate"));
      assertEquals("BIGINT", types.get("l_orderkey"));
      assertEquals("INTEGER", types.get("l_linenumber"));
      assertEquals("VARCHAR", types.get("l_comment"));
      try (ResultSet rs =
          s.executeQuery(
              "SELECT sum(l_quantity), min(l_shipdate) FROM read_parquet('"
                  + data.files().get("lineitem").get(0)
                  + "')")) {
        rs.next();
        assertTrue(rs.getBigDecimal(1).signum() > 0);
        assertTrue(rs.getDate(2).toLocalDate().getYear() >= 1992);
      }
    }
  }

  @Test
  void reusesCompleteDataAndRedoesInterruptedGeneration() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
    TpchData first = TpchData.prepare(0.001, dir, 2, out);
    Path nation = first.files().get("nation").get(0);
    long modified = Files.getLastModifiedTime(nation).toMillis();

    TpchData.prepare(0.001, dir, 2, out);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("using generated data"));
    assertEquals(modified, Files.getLastModifiedTime(nation).toMillis());

    Files.delete(first.directory().resolve("parquet").resolve(TpchData.MARKER));
    Files.writeString(first.directory().resolve("parquet/nation/leftover.tmp"), "partial");
    TpchData again = TpchData.prepare(0.001, dir, 2, out);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("removing incomplete data"));
    assertFalse(Files.exists(first.directory().resolve("parquet/nation/leftover.tmp")));
    assertTrue(Files.exists(again.directory().resolve("parquet").resolve(TpchData.MARKER)));
    assertEquals(first.files(), again.files());
  }

  @Test
  void scaleNames() {
    assertEquals("sf1", TpchData.scaleName(1));
    assertEquals("sf0.01", TpchData.scaleName(0.01));
    assertEquals("sf10", TpchData.scaleName(10.0));
  }
}
