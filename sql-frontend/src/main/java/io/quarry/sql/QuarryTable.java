package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;

/** A dataset seen by Calcite: its columns and, as statistics, the row count of its manifest. */
public final class QuarryTable extends AbstractTable {
  private final TableDefinition definition;

  public QuarryTable(TableDefinition definition) {
    this.definition = requireNonNull(definition, "definition is null");
  }

  public TableDefinition definition() {
    return definition;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column c : definition.columns()) {
      builder.add(c.name(), SqlTypes.toRelDataType(typeFactory, c.type()));
    }
    return builder.build();
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(Math.max(1, definition.rows()), List.of());
  }
}
