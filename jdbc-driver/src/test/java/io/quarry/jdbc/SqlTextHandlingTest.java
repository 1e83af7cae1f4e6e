package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

class SqlTextHandlingTest {
  @Test
  void literalsQuoteSafely() throws SQLException {
    assertEquals("'O''Brien'' OR ''1''=''1'", SqlLiterals.literal("O'Brien' OR '1'='1"));
    assertEquals("NULL", SqlLiterals.literal(null));
    assertEquals("42", SqlLiterals.literal(42));
    assertEquals("-7", SqlLiterals.literal(-7L));
    assertEquals("12.50", SqlLiterals.literal(new BigDecimal("12.50")));
    assertEquals("1.5E0", SqlLiterals.literal(1.5));
    assertEquals("1.0E10", SqlLiterals.literal(1e10));
    assertEquals("TRUE", SqlLiterals.literal(true));
    assertEquals("DATE '1998-12-01'", SqlLiterals.literal(Date.valueOf("1998-12-01")));
    assertEquals(
        "TIMESTAMP '2024-03-01 12:30:00.25'",
        SqlLiterals.literal(Timestamp.valueOf("2024-03-01 12:30:00.25")));
    assertThrows(SQLException.class, () -> SqlLiterals.literal(Double.NaN));
    assertThrows(SQLException.class, () -> SqlLiterals.literal(new byte[] {1}));
  }
}
