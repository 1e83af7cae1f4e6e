package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class JdbcValuesTest {
  private static final DataType DATE = DataType.of(TypeKind.DATE);
  private static final DataType TS = DataType.of(TypeKind.TIMESTAMP);
  private static final DataType DEC = DataType.decimal(15, 2);
  private static final DataType TEXT = DataType.of(TypeKind.VARCHAR);
  private static final DataType BIG = DataType.of(TypeKind.BIGINT);

  @Test
  void datesAndTimestampsFromCanonicalForms() throws SQLException {
    int days = (int) LocalDate.of(1998, 12, 1).toEpochDay();
    assertEquals(Date.valueOf("1998-12-01"), JdbcValues.toDate(days, DATE, null));
    assertEquals("1998-12-01", JdbcValues.toString(days, DATE));
    long micros =
        LocalDateTime.of(2024, 3, 1, 12, 30, 0, 250_000_000).toEpochSecond(java.time.ZoneOffset.UTC)
                * 1_000_000L
            + 250_000;
    assertEquals(
        Timestamp.valueOf("2024-03-01 12:30:00.25"), JdbcValues.toTimestamp(micros, TS, null));
    assertEquals("2024-03-01 12:30:00.25", JdbcValues.toString(micros, TS));
    assertEquals(
        Timestamp.valueOf("1998-12-01 00:00:00"), JdbcValues.toTimestamp(days, DATE, null));
    assertEquals(LocalDate.of(1969, 12, 31), JdbcValues.toLocalDate(-1, DATE));
  }

  @Test
  void numericConversions() throws SQLException {
    BigDecimal d = new BigDecimal("12.99");
    assertEquals(12, JdbcValues.toLong(d, DEC, Integer.MIN_VALUE, Integer.MAX_VALUE, "int"));
    assertEquals(12.99, JdbcValues.toDouble(d));
    assertEquals("12.99", JdbcValues.toString(d, DEC));
    assertEquals(new BigDecimal("5"), JdbcValues.toBigDecimal(5L));
    assertEquals(42, JdbcValues.toLong(" 42 ", TEXT, Long.MIN_VALUE, Long.MAX_VALUE, "long"));
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> JdbcValues.toLong(1L << 40, BIG, Integer.MIN_VALUE, Integer.MAX_VALUE, "int"));
    assertEquals("22003", e.getSQLState());
    e = assertThrows(SQLException.class, () -> JdbcValues.toDouble("abc"));
    assertEquals("22018", e.getSQLState());
  }

  @Test
  void getObjectWithClass() throws SQLException {
    int days = (int) LocalDate.of(2020, 2, 29).toEpochDay();
    assertEquals(LocalDate.of(2020, 2, 29), JdbcValues.toObject(days, DATE, LocalDate.class));
    assertEquals("2020-02-29", JdbcValues.toObject(days, DATE, String.class));
    assertEquals(Integer.valueOf(7), JdbcValues.toObject(7L, BIG, Integer.class));
    assertEquals(Date.valueOf("2020-02-29"), JdbcValues.toObject(days, DATE));
  }

  @Test
  void booleans() throws SQLException {
    assertEquals(true, JdbcValues.toBoolean("true"));
    assertEquals(false, JdbcValues.toBoolean(0L));
    assertThrows(SQLException.class, () -> JdbcValues.toBoolean("perhaps"));
  }
}
