package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * A {@link SystemTable} seen by Calcite: it turns into a VALUES of the rows read when the statement
 * is converted, so the planner needs nothing special for it (and a plan that reads it reads no
 * shard). The rows are read at most once per statement.
 */
final class SystemRelTable extends AbstractTable implements TranslatableTable {
  private final SystemTable table;
  private List<List<Object>> rows;

  SystemRelTable(SystemTable table) {
    this.table = requireNonNull(table, "table is null");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column c : table.columns()) {
      builder.add(c.name(), SqlTypes.toRelDataType(typeFactory, c.type()));
    }
    return builder.build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    RelOptCluster cluster = context.getCluster();
    RexBuilder rex = cluster.getRexBuilder();
    RelDataType rowType = relOptTable.getRowType();
    List<List<RexLiteral>> tuples = new ArrayList<>();
    for (List<Object> row : rows()) {
      if (row.size() != table.columns().size()) {
        throw new IllegalStateException(
            table.qualifiedName()
                + " row has "
                + row.size()
                + " values, not "
                + table.columns().size());
      }
      List<RexLiteral> tuple = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        tuple.add(
            literal(
                rex,
                row.get(i),
                table.columns().get(i).type(),
                rowType.getFieldList().get(i).getType()));
      }
      tuples.add(tuple);
    }
    return RelFactories.LOGICAL_BUILDER
        .create(cluster, relOptTable.getRelOptSchema())
        .values(tuples, rowType)
        .build();
  }

  private synchronized List<List<Object>> rows() {
    if (rows == null) {
      rows = List.copyOf(table.rows().get());
    }
    return rows;
  }

  /** A literal of {@code value} (canonical Java form of {@code type}) that fits {@code relType}. */
  private static RexLiteral literal(
      RexBuilder rex, Object value, DataType type, RelDataType relType) {
    if (value == null) {
      return rex.makeNullLiteral(relType);
    }
    return switch (type.kind()) {
      case BOOLEAN -> rex.makeLiteral((Boolean) value);
      case INT, BIGINT, DECIMAL, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH ->
          rex.makeExactLiteral(new BigDecimal(value.toString()), relType);
      case DOUBLE -> rex.makeApproxLiteral(new BigDecimal(value.toString()), relType);
      case DATE -> rex.makeDateLiteral(DateString.fromDaysSinceEpoch(((Number) value).intValue()));
      case TIMESTAMP ->
          rex.makeTimestampLiteral(
              TimestampString.fromMillisSinceEpoch(
                  Math.floorDiv(((Number) value).longValue(), 1000L)),
              relType.getPrecision());
      case VARCHAR -> rex.makeLiteral(value.toString());
      case NULL -> rex.makeNullLiteral(relType);
    };
  }
}
