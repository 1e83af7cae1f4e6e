package io.quarry.jdbc;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;

/** Maps Quarry's error codes to SQLStates at the JDBC edge, keeping the original message. */
final class SqlStates {
  private SqlStates() {}

  static String sqlState(ErrorCode code) {
    return switch (code) {
      case SYNTAX_ERROR, VALIDATION_ERROR -> "42000";
      case NOT_FOUND -> "42S02";
      case TYPE_MISMATCH -> "42804";
      case UNSUPPORTED -> "0A000";
      case DIVISION_BY_ZERO -> "22012";
      case NUMERIC_OVERFLOW -> "22003";
      case INVALID_ARGUMENT -> "22023";
      case MALFORMED_CID, MALFORMED_INPUT, CORRUPT_DATA -> "22000";
      case MEMORY_LIMIT_EXCEEDED -> "53200";
      case QUERY_CANCELLED -> "57014";
      case IO_ERROR -> "58030";
      case REMOTE_ERROR -> "08006";
      default ->
          switch (code.category()) {
            case USER -> "42000";
            case RESOURCES -> "53000";
            case EXTERNAL -> "58000";
            case INTERNAL -> "XX000";
          };
    };
  }

  static SQLException toSqlException(QuarryException e) {
    String state = sqlState(e.code());
    String message = e.getMessage();
    if (state.startsWith("42")) {
      return new SQLSyntaxErrorException(message, state, e);
    }
    if (state.startsWith("22")) {
      return new SQLDataException(message, state, e);
    }
    if (state.startsWith("0A")) {
      return new SQLFeatureNotSupportedException(message, state, e);
    }
    if (state.startsWith("08")) {
      return new SQLNonTransientConnectionException(message, state, e);
    }
    return new SQLException(message, state, e);
  }

  /** Any failure from the engine: Quarry errors keep their code, anything else is internal. */
  static SQLException toSqlException(RuntimeException e) {
    if (e instanceof QuarryException q) {
      return toSqlException(q);
    }
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return new SQLException("Internal error: " + message, "XX000", e);
  }
}
