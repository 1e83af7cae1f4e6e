package io.quarry.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {
  @Test
  void codesMapToSqlStates() {
    assertEquals("42000", SqlStates.sqlState(ErrorCode.SYNTAX_ERROR));
    assertEquals("42S02", SqlStates.sqlState(ErrorCode.NOT_FOUND));
    assertEquals("22012", SqlStates.sqlState(ErrorCode.DIVISION_BY_ZERO));
    assertEquals("53200", SqlStates.sqlState(ErrorCode.MEMORY_LIMIT_EXCEEDED));
    assertEquals("XX000", SqlStates.sqlState(ErrorCode.INTERNAL_ERROR));
    for (ErrorCode code : ErrorCode.values()) {
      String state = SqlStates.sqlState(code);
      assertEquals(5, state.length(), code.name());
      switch (code.category()) {
        case RESOURCES -> assertEquals('5', state.charAt(0), code.name());
        case INTERNAL -> assertEquals("XX000", state, code.name());
        default -> {}
      }
    }
  }

  @Test
  void exceptionKeepsMessageAndCause() {
    QuarryException q = new QuarryException(ErrorCode.SYNTAX_ERROR, "line 1, column 8: bad");
    SQLException e = SqlStates.toSqlException(q);
    assertInstanceOf(SQLSyntaxErrorException.class, e);
    assertEquals("line 1, column 8: bad", e.getMessage());
    assertSame(q, e.getCause());
    assertInstanceOf(
        SQLDataException.class,
        SqlStates.toSqlException(new QuarryException(ErrorCode.NUMERIC_OVERFLOW, "overflow")));
    assertEquals(
        "XX000", SqlStates.toSqlException(new IllegalStateException("boom")).getSQLState());
  }
}
