package io.quarry.sql;

import io.quarry.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * The {@code ?} parameters of a converted statement with the types validation gave them from
 * where they stand ({@code vendor = ?} is a VARCHAR), in parameter order.
 */
final class DynamicParameters {
  private DynamicParameters() {}

  static List<DataType> of(RelNode rel) {
    SortedMap<Integer, RelDataType> found = new TreeMap<>();
    collect(rel, found);
    List<DataType> types = new ArrayList<>();
    for (RelDataType type : found.values()) {
      types.add(SqlTypes.toDataType(type));
    }
    return types;
  }

  private static void collect(RelNode rel, SortedMap<Integer, RelDataType> found) {
    RexShuttle finder =
        new RexShuttle() {
          @Override
          public RexNode visitDynamicParam(RexDynamicParam param) {
            found.putIfAbsent(param.getIndex(), param.getType());
            return param;
          }

          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            collect(subQuery.rel, found);
            return super.visitSubQuery(subQuery);
          }
        };
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        node.accept(finder);
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
  }
}
