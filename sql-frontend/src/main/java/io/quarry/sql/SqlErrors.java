package io.quarry.sql;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Turns Calcite's parse and validation failures into short QuarryExceptions for people. */
public final class SqlErrors {
  private static final Pattern ENCOUNTERED =
      Pattern.compile("(?s)Encountered \"(.*?)\" at line \\d+, column \\d+\\..*");
  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '(.*)' not found");
  private static final Pattern TABLE_NOT_FOUND =
      Pattern.compile("Object '(.*)' not found within '.*'");

  private SqlErrors() {}

  /** The QuarryException for any failure while parsing, validating or converting SQL. */
  public static QuarryException translate(Throwable t) {
    return translate(t, (line, column) -> column);
  }

  /**
   * Like {@link #translate(Throwable)} for a text that was rewritten before parsing: {@code
   * columns} maps a (line, column) of the parsed text to the column the user wrote.
   */
  static QuarryException translate(Throwable t, IntBinaryOperator columns) {
    QuarryException own = findQuarryException(t);
    if (own != null) {
      return own;
    }
    SqlParseException parse = find(t, SqlParseException.class);
    if (parse != null) {
      return parseError(parse, columns);
    }
    CalciteContextException context = find(t, CalciteContextException.class);
    if (context != null) {
      return validationError(context, columns);
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new QuarryException(ErrorCode.VALIDATION_ERROR, firstLine(message), t);
  }

  private static QuarryException parseError(SqlParseException e, IntBinaryOperator columns) {
    SqlParserPos pos = e.getPos();
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = ENCOUNTERED.matcher(message);
    String what;
    if (m.matches()) {
      String token = m.group(1).trim();
      what = token.isEmpty() || token.equals("<EOF>") ? "unexpected end of input" : "unexpected '" + token + "'";
    } else {
      what = firstLine(message).replaceAll(" at line \\d+, column \\d+\\.?", "");
    }
    String where =
        pos == null
            ? ""
            : " at line "
                + pos.getLineNum()
                + ", column "
                + columns.applyAsInt(pos.getLineNum(), pos.getColumnNum());
    return new QuarryException(ErrorCode.SYNTAX_ERROR, "Syntax error" + where + ": " + what);
  }

  private static QuarryException validationError(
      CalciteContextException e, IntBinaryOperator columns) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
    message = firstLine(message);
    ErrorCode code = ErrorCode.VALIDATION_ERROR;
    Matcher table = TABLE_NOT_FOUND.matcher(message);
    Matcher object = OBJECT_NOT_FOUND.matcher(message);
    if (table.matches()) {
      message = "Table '" + table.group(1) + "' not found";
      code = ErrorCode.NOT_FOUND;
    } else if (object.matches()) {
      message = "Table '" + object.group(1) + "' not found";
      code = ErrorCode.NOT_FOUND;
    } else if (message.startsWith("Column '") && message.contains("not found")) {
      code = ErrorCode.NOT_FOUND;
    } else if (message.startsWith("Cannot apply")
        || message.contains("Cannot assign")
        || message.contains("type mismatch")
        || message.contains("Cannot infer")
        || message.startsWith("Cast function cannot convert")
        || message.contains("incompatible")) {
      code = ErrorCode.TYPE_MISMATCH;
    } else if (message.startsWith("No match found for function signature")) {
      code = ErrorCode.UNSUPPORTED;
      message = message.replace("No match found for function signature", "Unknown function");
    }
    String where =
        e.getPosLine() > 0
            ? " (line "
                + e.getPosLine()
                + ", column "
                + columns.applyAsInt(e.getPosLine(), e.getPosColumn())
                + ")"
            : "";
    return new QuarryException(code, message + where);
  }

  private static QuarryException findQuarryException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof QuarryException q) {
        return q;
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
