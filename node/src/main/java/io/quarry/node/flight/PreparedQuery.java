package io.quarry.node.flight;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ArrowTypes;
import io.quarry.exec.codegen.CastOps;
import io.quarry.exec.vector.Batches;
import io.quarry.sql.ParameterizedSql;
import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A Flight SQL prepared statement: its SQL and, when it has {@code ?} parameters, their types
 * (inferred from where they stand) and the values last bound by the client (DoPut), which go into
 * the SQL as literals when it runs, as Quarry's own JDBC driver binds them.
 */
final class PreparedQuery {
  private final String sql;
  private final ParameterizedSql parameterized;
  private final List<DataType> types;
  private volatile List<String> literals;

  /**
   * @param typesOf the types of the statement's parameters, asked only when it has markers
   */
  PreparedQuery(String sql, Function<String, List<DataType>> typesOf) {
    this.sql = requireNonNull(sql, "sql is null");
    this.parameterized = ParameterizedSql.parse(sql);
    this.types =
        parameterized.parameterCount() == 0 ? List.of() : List.copyOf(typesOf.apply(sql));
    if (types.size() != parameterized.parameterCount()) {
      throw new QuarryException(
          ErrorCode.VALIDATION_ERROR,
          "the statement has " + parameterized.parameterCount() + " parameter markers, of which "
              + types.size() + " stand where a type can be inferred");
    }
    this.literals = Arrays.asList(new String[types.size()]);
  }

  boolean hasParameters() {
    return !types.isEmpty();
  }

  /** The parameters as the client binds them: one field per marker, p1, p2, … */
  Schema parameterSchema() {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      fields.add(ArrowTypes.toField("p" + (i + 1), types.get(i).withNullable(true)));
    }
    return new Schema(fields);
  }

  /** The SQL with every parameter a typed NULL: what the result's schema is planned from. */
  String describable() {
    List<String> nulls = new ArrayList<>();
    for (DataType type : types) {
      nulls.add("CAST(NULL AS " + type.sqlName() + ")");
    }
    return parameterized.bind(nulls);
  }

  /** Keeps the values of the last row the client sent as the parameters. */
  void bind(VectorSchemaRoot batch) {
    if (batch.getRowCount() == 0) {
      return;
    }
    List<FieldVector> vectors = batch.getFieldVectors();
    if (vectors.size() != types.size()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "bound " + vectors.size() + " parameters to a statement with " + types.size());
    }
    int row = batch.getRowCount() - 1;
    List<String> bound = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      bound.add(literal(Batches.get(vectors.get(i), row), types.get(i)));
    }
    literals = bound;
  }

  /** The SQL to run: with the bound values, or as written when it has no parameters. */
  String sql() {
    if (!hasParameters()) {
      return sql;
    }
    try {
      return parameterized.bind(literals);
    } catch (ParameterizedSql.UnsetParameterException e) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
    }
  }

  /** A value as a SQL literal of its parameter's type; strings can never end their literal. */
  static String literal(Object value, DataType type) {
    if (value == null) {
      return "CAST(NULL AS " + type.sqlName() + ")";
    }
    return switch (type.kind()) {
      case VARCHAR -> "'" + value.toString().replace("'", "''") + "'";
      case BOOLEAN -> (Boolean) value ? "TRUE" : "FALSE";
      case INT, BIGINT -> Long.toString(((Number) value).longValue());
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case DOUBLE -> {
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "cannot bind " + d);
        }
        String s = Double.toString(d);
        yield s.contains("E") ? s : s + "E0";
      }
      case DATE -> "DATE '" + LocalDate.ofEpochDay(((Number) value).longValue()) + "'";
      case TIMESTAMP ->
          "TIMESTAMP '"
              + new String(
                  CastOps.formatTimestamp(((Number) value).longValue()), StandardCharsets.UTF_8)
              + "'";
      default ->
          throw new QuarryException(
              ErrorCode.UNSUPPORTED, "a parameter of type " + type.sqlName());
    };
  }
}
