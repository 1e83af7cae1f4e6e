package io.quarry.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rounds the literal of a {@code CAST(literal AS exact number)} to the target's scale, half away
 * from zero, before Calcite sees it. Calcite folds such a cast while converting, truncating ({@code
 * CAST(3.7 AS INTEGER)} would be 3), where the same cast of a column rounds at run time (4), as
 * DuckDB does; rounding first makes both agree.
 */
final class LiteralCasts extends SqlShuttle {
  @Override
  public SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlCall cast)
        || cast.getKind() != SqlKind.CAST
        || cast.operandCount() != 2
        || !(cast.operand(1) instanceof SqlDataTypeSpec type)) {
      return visited;
    }
    Integer scale = targetScale(type);
    if (scale == null) {
      return visited;
    }
    SqlNode value = cast.operand(0);
    SqlNode rounded = rounded(value, scale);
    if (rounded == null && value instanceof SqlBasicCall minus
        && minus.getKind() == SqlKind.MINUS_PREFIX) {
      SqlNode inner = rounded(minus.operand(0), scale);
      if (inner != null) {
        minus.setOperand(0, inner);
      }
      return visited;
    }
    if (rounded != null) {
      cast.setOperand(0, rounded);
    }
    return visited;
  }

  /** The scale of an exact numeric type, or null for any other. */
  private static Integer targetScale(SqlDataTypeSpec spec) {
    String name = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT" -> 0;
      case "DECIMAL", "NUMERIC", "DEC" -> {
        if (!(spec.getTypeNameSpec()
            instanceof org.apache.calcite.sql.SqlBasicTypeNameSpec basic)) {
          yield null;
        }
        yield Math.max(0, basic.getScale());
      }
      default -> null;
    };
  }

  /** A numeric (or number-text) literal rounded to {@code scale}; null if it needs no rounding. */
  private static SqlNode rounded(SqlNode node, int scale) {
    BigDecimal value;
    if (node instanceof SqlNumericLiteral n) {
      value = n.getValueAs(BigDecimal.class);
    } else if (node instanceof SqlCharStringLiteral s) {
      try {
        value = new BigDecimal(s.getValueAs(String.class).trim());
      } catch (NumberFormatException e) {
        return null; // not a number: the cast reports it
      }
    } else {
      return null;
    }
    if (value.scale() <= scale) {
      return null;
    }
    BigDecimal r = value.setScale(scale, RoundingMode.HALF_UP);
    return node instanceof SqlCharStringLiteral
        ? SqlLiteral.createCharString(r.toPlainString(), node.getParserPosition())
        : SqlLiteral.createExactNumeric(r.toPlainString(), node.getParserPosition());
  }
}
